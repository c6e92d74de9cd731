/* test-preview.c: the live preview pane, in a real WebKitGTK view (Xvfb)
 *
 * One window with one preview serves every test (a new web view starts new
 * web processes); each test sets what it needs. Snapshots of the pane are
 * saved in the build directory (preview-*.png) for a human to look at.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "td-document.h"
#include "td-json-path.h"
#include "td-preview.h"
#include "td-preview-private.h"

#define TIMEOUT_SECONDS 20

static GtkWidget *window;
static TdPreview *preview;
static TdDocument *document;
static char *sample_dir;   /* a private copy of the sample issue */
static char *opened_uri;   /* the last link the pane asked to open */

/* Links the user clicks open in the default browser: not in the tests. */
static gboolean
open_uri_cb (TdPreviewPage *page,
             const char    *uri,
             gpointer       user_data)
{
  g_free (opened_uri);
  opened_uri = g_strdup (uri);
  return TRUE;
}

/* Waiting */

typedef struct
{
  gboolean done;
  gboolean timed_out;
} Wait;

static gboolean
wait_timeout_cb (gpointer data)
{
  Wait *wait = data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (Wait    *wait,
            guint    seconds)
{
  guint id = g_timeout_add_seconds (seconds, wait_timeout_cb, wait);

  while (!wait->done && !wait->timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!wait->timed_out)
    g_source_remove (id);
  return wait->done;
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  Wait wait = { FALSE, FALSE };

  /* The source removes itself when it fires. */
  g_timeout_add (ms, wait_timeout_cb, &wait);
  while (!wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
notify_busy_cb (TdPreview  *self,
                GParamSpec *pspec,
                Wait       *wait)
{
  if (!td_preview_get_busy (self))
    wait->done = TRUE;
}

/* Waits until the preview shows the current state. */
static void
wait_for_preview (void)
{
  Wait wait = { FALSE, FALSE };
  gulong id;

  if (!td_preview_get_busy (preview))
    return;
  id = g_signal_connect (preview, "notify::busy", G_CALLBACK (notify_busy_cb), &wait);
  if (!wait_until (&wait, TIMEOUT_SECONDS))
    g_error ("The preview did not finish loading within %d s", TIMEOUT_SECONDS);
  g_signal_handler_disconnect (preview, id);
  g_assert_false (td_preview_get_busy (preview));
  g_assert_cmpuint (_td_preview_get_shown_serial (preview), ==,
                    _td_preview_get_change_serial (preview));
}

/* JavaScript */

typedef struct
{
  Wait      wait;
  JSCValue *value;
  GError   *error;
} Eval;

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Eval *eval = user_data;

  eval->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                            &eval->error);
  eval->wait.done = TRUE;
}

/* Evaluates @script in @world (NULL: the page's own world). */
static JSCValue *
eval_in_world (const char  *script,
               const char  *world,
               GError     **error)
{
  Eval eval = { { FALSE, FALSE }, NULL, NULL };

  webkit_web_view_evaluate_javascript (td_preview_get_web_view (preview), script, -1, world,
                                       NULL, NULL, eval_cb, &eval);
  if (!wait_until (&eval.wait, TIMEOUT_SECONDS))
    g_error ("JavaScript did not answer: %s", script);
  if (eval.error != NULL)
    g_propagate_error (error, eval.error);
  return eval.value;
}

/* In the app's script world, where the preview's own scripts run. */
static JSCValue *
eval (const char *script)
{
  g_autoptr(GError) error = NULL;
  JSCValue *value = eval_in_world (script, TD_PREVIEW_SCRIPT_WORLD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

static char *
eval_string (const char *script)
{
  g_autoptr(JSCValue) value = eval (script);

  return jsc_value_to_string (value);
}

static double
eval_number (const char *script)
{
  g_autoptr(JSCValue) value = eval (script);

  return jsc_value_to_double (value);
}

static gboolean
eval_boolean (const char *script)
{
  g_autoptr(JSCValue) value = eval (script);

  return jsc_value_to_boolean (value);
}

static gboolean
page_contains (const char *text)
{
  g_autofree char *script = NULL;
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *literal = json_to_string (node, FALSE);

  script = g_strdup_printf ("document.documentElement.textContent.indexOf (%s) >= 0", literal);
  return eval_boolean (script);
}

/* Snapshots */

typedef struct
{
  Wait        wait;
  GdkTexture *texture;
  GError     *error;
} Snapshot;

static void
snapshot_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Snapshot *snapshot = user_data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result,
                                                           &snapshot->error);
  snapshot->wait.done = TRUE;
}

/* The visible part of the page, as WebKit paints it. */
static GdkTexture *
snapshot_page (void)
{
  /* WebKit fails a snapshot now and then while it is busy painting: try
   * again a little later. */
  for (guint attempt = 1; ; attempt++)
    {
      Snapshot snapshot = { { FALSE, FALSE }, NULL, NULL };

      /* Let the compositor paint the new page first. */
      spin (300);
      webkit_web_view_get_snapshot (td_preview_get_web_view (preview),
                                    WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                    NULL, snapshot_cb, &snapshot);
      if (!wait_until (&snapshot.wait, TIMEOUT_SECONDS))
        g_error ("No snapshot");
      if (snapshot.texture != NULL)
        return snapshot.texture;
      g_test_message ("snapshot attempt %u: %s", attempt, snapshot.error->message);
      if (attempt == 5)
        g_assert_no_error (snapshot.error);
      g_clear_error (&snapshot.error);
    }
}

/* The number of distinct colours in @texture (a blank page has one). */
static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + y * stride + x * 4, 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }
  return g_hash_table_size (colours);
}

/* 0 (black) to 255 (white): the green of the pixel at @x, @y. */
static guint
pixel_level (GdkTexture *texture,
             int         x,
             int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);

  gdk_texture_download (texture, pixels, stride);
  /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied: green is byte 1. */
  return pixels[y * stride + x * 4 + 1];
}

static void
save_png (GdkTexture *texture,
          const char *name)
{
  g_autofree char *file_name = g_strdup_printf ("preview-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("%s: %d×%d, %u colours", path, gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture), count_colours (texture));
}

/* Saves the visible part of the page as preview-@name.png in the build
 * directory and returns its number of colours. */
static guint
save_snapshot (const char *name)
{
  g_autoptr(GdkTexture) texture = snapshot_page ();

  save_png (texture, name);
  return count_colours (texture);
}

/* The whole window, the pane's toolbar included: GTK draws the widgets,
 * WebKit the page (which GTK's offscreen rendering leaves out). */
static void
save_window_snapshot (const char *name)
{
  g_autoptr(GdkTexture) page = snapshot_page ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (td_preview_get_web_view (preview)),
                                            window, &bounds));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  gtk_snapshot_append_texture (snapshot, page, &bounds);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  save_png (texture, name);
  g_assert_cmpuint (count_colours (texture), >, 100);
}

/* The fixture: a copy of the sample, so that tests may edit it */

static void
copy_dir (GFile *source,
          GFile *target)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  g_file_make_directory_with_parents (target, NULL, &error);
  g_assert_no_error (error);
  children = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE, 0, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) from = g_file_get_child (source, g_file_info_get_name (info));
      g_autoptr(GFile) to = g_file_get_child (target, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        copy_dir (from, to);
      else
        {
          g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_no_error (error);
}

static const char *
section_id (guint index)
{
  g_autofree char *path = g_strdup_printf ("sections[%u].id", index);
  JsonNode *node = td_json_path_lookup (td_document_get_root (document), path);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static guint
n_sections (void)
{
  JsonNode *node = td_json_path_lookup (td_document_get_root (document), "sections");

  return json_array_get_length (json_node_get_array (node));
}

static void
reset_preview (void)
{
  td_preview_set_view (preview, TD_PREVIEW_VIEW_EMAIL);
  td_preview_set_dark (preview, FALSE);
  td_preview_set_images_off (preview, FALSE);
  td_preview_set_load_remote_images (preview, FALSE);
  if (td_preview_get_document (preview) != document)
    td_preview_set_document (preview, document);
  wait_for_preview ();
}

/* Tests */

static void
test_load_sample (void)
{
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *folder_uri = NULL;
  const char *title;

  reset_preview ();

  /* The email, with the issue's folder as base URI so pictures resolve. */
  folder_uri = g_filename_to_uri (sample_dir, NULL, NULL);
  expected = g_strconcat (folder_uri, "/", NULL);
  uri = g_strdup (webkit_web_view_get_uri (td_preview_get_web_view (preview)));
  g_assert_cmpstr (uri, ==, expected);

  title = json_node_get_string (td_json_path_lookup (td_document_get_root (document),
                                                     "issue.title"));
  g_assert_true (page_contains (title));
  g_assert_cmpfloat (eval_number ("document.querySelectorAll ('[data-section]').length"), >, 3);

  /* Local pictures load (from the web process sandbox, too). */
  g_assert_cmpfloat (eval_number ("document.images.length"), >, 3);
  g_assert_true (eval_boolean ("Array.prototype.every.call (document.images,"
                               " function (i) { return i.complete && i.naturalWidth > 0; })"));

  g_assert_cmpuint (save_snapshot ("email"), >, 200);
  save_window_snapshot ("window-email");
}

static void
test_edit (void)
{
  reset_preview ();

  td_document_set_string (document, "sections[1].title", "Strength first, then stretch",
                          TD_EDIT_MERGE);
  g_assert_true (td_preview_get_busy (preview));
  wait_for_preview ();
  g_assert_true (page_contains ("Strength first, then stretch"));

  /* And in the other views. */
  td_preview_set_view (preview, TD_PREVIEW_VIEW_WEB);
  wait_for_preview ();
  g_assert_true (page_contains ("Strength first, then stretch"));
  td_preview_set_view (preview, TD_PREVIEW_VIEW_TEXT);
  wait_for_preview ();
  g_assert_true (page_contains ("Strength first, then stretch"));

  td_document_undo (document);
  wait_for_preview ();
  g_assert_false (page_contains ("Strength first, then stretch"));
}

static void
count_loads_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                guint           *n_loads)
{
  if (load_event == WEBKIT_LOAD_STARTED)
    (*n_loads)++;
}

static void
test_coalesce (void)
{
  WebKitWebView *web_view = td_preview_get_web_view (preview);
  guint n_loads = 0;
  gulong id;

  reset_preview ();
  id = g_signal_connect (web_view, "load-changed", G_CALLBACK (count_loads_cb), &n_loads);

  /* 100 keystrokes with no main loop iteration between them: one render,
   * one load. */
  for (guint i = 1; i <= 100; i++)
    {
      g_autofree char *text = g_strdup_printf ("Typing %u", i);

      td_document_set_string (document, "sections[1].title", text, TD_EDIT_MERGE);
    }
  wait_for_preview ();
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_true (page_contains ("Typing 100"));

  /* Keystrokes while a load is in flight: the newest state loads next, and
   * nothing in between. */
  n_loads = 0;
  td_document_set_string (document, "sections[1].title", "Typing A", TD_EDIT_MERGE);
  while (!webkit_web_view_is_loading (web_view))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Typing B%u", i);

      td_document_set_string (document, "sections[1].title", text, TD_EDIT_MERGE);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_for_preview ();
  g_assert_cmpuint (n_loads, <=, 3);
  g_assert_true (page_contains ("Typing B20"));
  g_test_message ("21 edits during a load: %u loads", n_loads);

  g_signal_handler_disconnect (web_view, id);
  while (td_document_can_undo (document))
    td_document_undo (document);
  wait_for_preview ();
}

static void
test_scroll_kept (void)
{
  double y;

  reset_preview ();

  eval ("window.scrollTo (0, 700); window.scrollY");
  g_assert_cmpfloat (eval_number ("window.scrollY"), ==, 700);

  td_document_set_string (document, "sections[2].title", "Scroll stays", TD_EDIT_MERGE);
  wait_for_preview ();
  g_assert_true (page_contains ("Scroll stays"));
  y = eval_number ("window.scrollY");
  g_assert_cmpfloat (y, ==, 700);

  /* Switching view keeps the same section at the top. */
  {
    g_autofree char *before = eval_string (
      "(function () { var s = document.querySelectorAll ('[data-section]');"
      " for (var i = 0; i < s.length; i++) if (s[i].getBoundingClientRect ().bottom > 0)"
      " return s[i].getAttribute ('data-section'); return ''; }) ()");
    g_autofree char *after = NULL;

    td_preview_set_view (preview, TD_PREVIEW_VIEW_WEB);
    wait_for_preview ();
    after = eval_string (
      "(function () { var s = document.querySelectorAll ('[data-section]');"
      " for (var i = 0; i < s.length; i++) if (s[i].getBoundingClientRect ().bottom > 0)"
      " return s[i].getAttribute ('data-section'); return ''; }) ()");
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpfloat (eval_number ("window.scrollY"), >, 0);
  }

  td_document_undo (document);
  wait_for_preview ();
}

static void
test_scroll_to_section (void)
{
  const char *last = section_id (n_sections () - 1);
  g_autofree char *script = g_strdup_printf (
    "document.querySelector ('[data-section=\"%s\"]').getBoundingClientRect ().top", last);

  reset_preview ();
  eval ("window.scrollTo (0, 0)");

  td_preview_scroll_to_section (preview, last);
  /* Animations are off in the tests: the scroll is immediate, but the
   * call is asynchronous. */
  for (guint i = 0; i < 50 && eval_number ("window.scrollY") == 0; i++)
    spin (20);
  g_assert_cmpfloat (eval_number ("window.scrollY"), >, 0);
  /* The footer is at the bottom: the page can't scroll it to the top. */
  g_assert_cmpfloat (eval_number (script), <, eval_number ("window.innerHeight"));

  /* Asked while a load is in flight: done after it. */
  eval ("window.scrollTo (0, 0)");
  td_document_set_string (document, "sections[1].title", "Pending scroll", TD_EDIT_MERGE);
  td_preview_scroll_to_section (preview, section_id (3));
  wait_for_preview ();
  for (guint i = 0; i < 50 && eval_number ("window.scrollY") == 0; i++)
    spin (20);
  g_assert_cmpfloat (eval_number ("window.scrollY"), >, 0);

  td_document_undo (document);
  wait_for_preview ();
}

static void
section_activated_cb (TdPreview  *self,
                      const char *id,
                      char      **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_section_click (void)
{
  g_autofree char *activated = NULL;
  g_autofree char *script = NULL;
  const char *id = section_id (2);
  gulong handler;

  reset_preview ();
  handler = g_signal_connect (preview, "section-activated", G_CALLBACK (section_activated_cb),
                              &activated);

  /* A click on text inside the section (the handler is a user script in
   * the app's world: user scripts run although page scripts are off). */
  script = g_strdup_printf ("document.querySelector ('[data-section=\"%s\"] h2').click (); true",
                            id);
  eval_in_world (script, NULL, NULL);
  for (guint i = 0; i < 50 && activated == NULL; i++)
    spin (20);
  g_assert_cmpstr (activated, ==, id);

  /* A click on a link selects nothing (the link opens in the browser). */
  g_clear_pointer (&activated, g_free);
  g_clear_pointer (&opened_uri, g_free);
  eval_in_world ("document.querySelector ('[data-section] a[href^=\"http\"]').click (); true",
                 NULL, NULL);
  for (guint i = 0; i < 50 && opened_uri == NULL; i++)
    spin (20);
  g_assert_nonnull (opened_uri);
  spin (100);
  g_assert_null (activated);

  g_signal_handler_disconnect (preview, handler);
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_preview_page_load_finish (TD_PREVIEW_PAGE (object), result, &error));
  g_assert_no_error (error);
  wait->done = TRUE;
}

static void
test_scripts_off (void)
{
  TdPreviewPage *page = _td_preview_get_page (preview);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  reset_preview ();
  td_preview_set_document (preview, NULL);
  wait_for_preview ();
  g_assert_true (eval_boolean ("document.body.children.length === 0"));

  /* A page with scripts of its own, loaded as the preview loads issues:
   * none of them runs. */
  {
    static const char hostile[] =
      "<!DOCTYPE html><html><head><title>quiet</title>"
      "<meta http-equiv=\"refresh\" content=\"0; url=https://example.com/\">"
      "<script>document.title = 'script ran';</script></head>"
      "<body onload=\"document.title = 'onload ran'\">"
      "<img src=\"x\" onerror=\"document.title = 'onerror ran'\">"
      "<a id=\"js\" href=\"javascript:document.title = 'link ran'\">js</a>"
      "<p>hostile</p></body></html>";
    g_autoptr(GBytes) html = g_bytes_new_static (hostile, sizeof hostile - 1);
    Wait wait = { FALSE, FALSE };

    td_preview_page_load_async (page, html, NULL, NULL, page_loaded_cb, &wait);
    if (!wait_until (&wait, TIMEOUT_SECONDS))
      g_error ("The page did not load");
    g_clear_pointer (&opened_uri, g_free);
    eval_in_world ("document.getElementById ('js').click (); true", NULL, NULL);
    spin (500);
  }
  g_assert_true (page_contains ("hostile"));
  g_assert_cmpstr (webkit_web_view_get_title (td_preview_get_web_view (preview)), ==, "quiet");
  /* The refresh went nowhere. */
  g_assert_cmpstr (webkit_web_view_get_uri (td_preview_get_web_view (preview)), ==, "about:blank");
  g_assert_null (opened_uri);
  /* The parser dropped the script element and the event attributes. */
  g_assert_cmpfloat (eval_number ("document.scripts.length"), ==, 0);
  g_assert_false (eval_boolean ("document.body.hasAttribute ('onload')"));

  /* The app's own scripts still run, in the page's world too. */
  value = eval_in_world ("6 * 7", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jsc_value_to_int32 (value), ==, 42);

  td_preview_set_document (preview, document);
  wait_for_preview ();
}

static void
test_navigation_policy (void)
{
  TdPreviewPage *page = _td_preview_get_page (preview);
  WebKitWebView *web_view = td_preview_get_web_view (preview);
  g_autofree char *uri = NULL;

  reset_preview ();
  uri = g_strdup (webkit_web_view_get_uri (web_view));

  /* The decisions. */
  g_assert_cmpint (td_preview_page_decide_navigation (page, "https://example.com/",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY);
  g_assert_cmpint (td_preview_page_decide_navigation (page, "mailto:rachel@example.com",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY);
  g_assert_cmpint (td_preview_page_decide_navigation (page, "tel:+12125550100",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY);
  /* A click by script is no user gesture. */
  g_assert_cmpint (td_preview_page_decide_navigation (page, "https://example.com/",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, FALSE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);
  /* Never local files or scripts, even clicked. */
  g_assert_cmpint (td_preview_page_decide_navigation (page, "file:///etc/passwd",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);
  g_assert_cmpint (td_preview_page_decide_navigation (page, "javascript:alert(1)",
                                                      WEBKIT_NAVIGATION_TYPE_LINK_CLICKED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);
  /* Other navigations: form submissions, reloads, redirects, the issue's
   * own folder. */
  g_assert_cmpint (td_preview_page_decide_navigation (page, "https://example.com/",
                                                      WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);
  g_assert_cmpint (td_preview_page_decide_navigation (page, uri,
                                                      WEBKIT_NAVIGATION_TYPE_RELOAD, TRUE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);
  g_assert_cmpint (td_preview_page_decide_navigation (page, uri,
                                                      WEBKIT_NAVIGATION_TYPE_OTHER, FALSE),
                   ==, TD_PREVIEW_NAVIGATION_REFUSE);

  /* Through WebKit: a link clicked, a location change and a reload leave
   * the pane where it is. (WebKit counts a click made by
   * evaluate_javascript() as the user's: the link goes to the browser,
   * here open_uri_cb(); the page's own scripts can't run at all.) */
  {
    g_autofree char *href = eval_string ("document.querySelector ('a[href^=\"http\"]').href");

    g_clear_pointer (&opened_uri, g_free);
    eval_in_world ("document.querySelector ('a[href^=\"http\"]').click (); true", NULL, NULL);
    for (guint i = 0; i < 50 && opened_uri == NULL; i++)
      spin (20);
    g_assert_cmpstr (opened_uri, ==, href);
    g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, uri);
  }
  g_clear_pointer (&opened_uri, g_free);
  eval ("window.location.href = 'https://example.com/'; true");
  eval ("window.location.reload (); true");
  webkit_web_view_reload (web_view);
  spin (800);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, uri);
  g_assert_false (webkit_web_view_is_loading (web_view));
  g_assert_true (eval_number ("document.querySelectorAll ('[data-section]').length") > 0);
  /* None of those is a link click. */
  g_assert_null (opened_uri);
}

static void
test_context_menu (void)
{
  static const WebKitContextMenuAction offered[] = {
    WEBKIT_CONTEXT_MENU_ACTION_GO_BACK,
    WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD,
    WEBKIT_CONTEXT_MENU_ACTION_STOP,
    WEBKIT_CONTEXT_MENU_ACTION_RELOAD,
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK,
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK_IN_NEW_WINDOW,
    WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_LINK_TO_DISK,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_IMAGE_IN_NEW_WINDOW,
    WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_IMAGE_TO_DISK,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
  };
  g_autoptr(WebKitContextMenu) menu = webkit_context_menu_new ();
  g_autoptr(WebKitContextMenu) browser_only = webkit_context_menu_new ();
  GList *items;

  for (guint i = 0; i < G_N_ELEMENTS (offered); i++)
    {
      webkit_context_menu_append (menu,
                                  webkit_context_menu_item_new_from_stock_action (offered[i]));
      if (i == 3)
        webkit_context_menu_append (menu, webkit_context_menu_item_new_separator ());
    }
  g_assert_true (td_preview_page_filter_context_menu (menu));

  items = webkit_context_menu_get_items (menu);
  g_assert_cmpuint (g_list_length (items), ==, 4);
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (l->data);

      g_assert_true (action == WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD ||
                     action == WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD ||
                     action == WEBKIT_CONTEXT_MENU_ACTION_COPY ||
                     action == WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL);
    }

  /* Only browser actions: no menu at all. */
  webkit_context_menu_append (browser_only, webkit_context_menu_item_new_from_stock_action (
                                WEBKIT_CONTEXT_MENU_ACTION_RELOAD));
  webkit_context_menu_append (browser_only, webkit_context_menu_item_new_separator ());
  webkit_context_menu_append (browser_only, webkit_context_menu_item_new_from_stock_action (
                                WEBKIT_CONTEXT_MENU_ACTION_GO_BACK));
  g_assert_false (td_preview_page_filter_context_menu (browser_only));
  g_assert_cmpuint (webkit_context_menu_get_n_items (browser_only), ==, 0);
}

/* A tiny HTTP server that counts requests and answers with a picture. */

static guint n_requests;

static const guchar one_pixel_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *header = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                                             "Content-Length: %u\r\nConnection: close\r\n\r\n",
                                             (guint) sizeof one_pixel_png);
  char buffer[4096];
  gssize n;

  /* The request line and headers, enough to count one request. */
  n = g_input_stream_read (input, buffer, sizeof buffer - 1, NULL, NULL);
  if (n > 0)
    {
      buffer[n] = '\0';
      if (g_str_has_prefix (buffer, "GET "))
        n_requests++;
      g_output_stream_write_all (output, header, strlen (header), NULL, NULL, NULL);
      g_output_stream_write_all (output, one_pixel_png, sizeof one_pixel_png, NULL, NULL, NULL);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* No rendered output can refer to the web (the renderers only write local
 * picture paths in the preview), so the test puts remote references into
 * the page itself, through the app's script world, as a hostile issue
 * would if a renderer ever let one through. */
static void
inject_remote (guint16 port,
               guint   serial)
{
  g_autofree char *script = g_strdup_printf (
    "(function () {"
    "  var img = document.createElement ('img');"
    "  img.src = 'http://127.0.0.1:%u/x%u.png';"
    "  document.body.appendChild (img);"
    "  var link = document.createElement ('link');"
    "  link.rel = 'stylesheet'; link.href = 'http://127.0.0.1:%u/s%u.css';"
    "  document.head.appendChild (link);"
    "  var div = document.createElement ('div');"
    "  div.style.backgroundImage = 'url(http://127.0.0.1:%u/b%u.png)';"
    "  div.style.height = '10px';"
    "  document.body.appendChild (div);"
    "  return true;"
    "}) ()",
    port, serial, port, serial, port, serial);

  eval (script);
}

static void
test_remote_images (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), NULL);
  g_socket_service_start (service);
  n_requests = 0;

  /* Off (the default): nothing reaches the server. */
  g_test_message ("remote loads off");
  reset_preview ();
  inject_remote (port, 1);
  spin (1500);
  g_assert_cmpuint (n_requests, ==, 0);

  /* On: the picture is fetched. */
  g_test_message ("remote loads on");
  td_preview_set_load_remote_images (preview, TRUE);
  wait_for_preview ();
  inject_remote (port, 2);
  for (guint i = 0; i < 100 && n_requests == 0; i++)
    spin (50);
  g_assert_cmpuint (n_requests, >=, 1);

  /* Off again: blocked again. */
  g_test_message ("remote loads off again");
  td_preview_set_load_remote_images (preview, FALSE);
  wait_for_preview ();
  spin (300);
  n_requests = 0;
  inject_remote (port, 3);
  spin (1500);
  g_assert_cmpuint (n_requests, ==, 0);

  g_socket_service_stop (service);
}

static void
test_views (void)
{
  double web_width;
  g_autofree char *text = NULL;

  reset_preview ();

  /* Email: a 600 px column centred on the inbox grey. */
  g_assert_cmpfloat (eval_number ("document.body.getBoundingClientRect ().width"), ==, 600);
  g_assert_cmpfloat (fabs (eval_number ("document.body.getBoundingClientRect ().left * 2 + 600"
                                        " - document.documentElement.clientWidth")), <=, 1);
  text = eval_string ("getComputedStyle (document.documentElement).backgroundColor");
  g_assert_cmpstr (text, ==, "rgb(232, 232, 232)");

  /* Web: the whole width of the pane. */
  td_preview_set_view (preview, TD_PREVIEW_VIEW_WEB);
  wait_for_preview ();
  web_width = eval_number ("document.documentElement.clientWidth");
  g_assert_cmpfloat (web_width, >, 700);
  g_assert_cmpfloat (web_width, ==, eval_number ("document.body.getBoundingClientRect ().width"));
  g_assert_true (eval_boolean ("document.querySelector ('main') !== null"));
  g_assert_cmpuint (save_snapshot ("web"), >, 200);

  /* Phone: a 375 px wide view. */
  td_preview_set_view (preview, TD_PREVIEW_VIEW_PHONE);
  wait_for_preview ();
  /* (GTK gives the view its new width at the next frame.) */
  for (guint i = 0; i < 50 && eval_number ("window.innerWidth") != 375; i++)
    spin (20);
  g_assert_cmpfloat (eval_number ("window.innerWidth"), ==, 375);
  g_assert_cmpfloat (eval_number ("document.documentElement.clientWidth"), <=, 375);
  g_assert_cmpfloat (eval_number ("document.documentElement.clientWidth"), >=, 360);
  /* The email fits: no sideways scrolling. */
  g_assert_cmpfloat (eval_number ("document.documentElement.scrollWidth"), <=, 375);
  g_assert_cmpuint (save_snapshot ("phone"), >, 200);
  save_window_snapshot ("window-phone");

  /* Plain text: the text export in monospace. */
  td_preview_set_view (preview, TD_PREVIEW_VIEW_TEXT);
  wait_for_preview ();
  g_assert_cmpfloat (eval_number ("document.querySelectorAll ('pre').length"), ==, 1);
  g_clear_pointer (&text, g_free);
  text = eval_string ("getComputedStyle (document.querySelector ('pre')).fontFamily");
  g_assert_nonnull (strstr (text, "monospace"));
  g_assert_cmpfloat (eval_number ("document.images.length"), ==, 0);
  g_assert_cmpuint (save_snapshot ("text"), >, 20);

  /* Dark: inverted, pictures inverted back. */
  td_preview_set_view (preview, TD_PREVIEW_VIEW_EMAIL);
  td_preview_set_dark (preview, TRUE);
  wait_for_preview ();
  g_clear_pointer (&text, g_free);
  text = eval_string ("getComputedStyle (document.documentElement).filter");
  g_assert_nonnull (strstr (text, "invert(1)"));
  g_clear_pointer (&text, g_free);
  text = eval_string ("getComputedStyle (document.images[0]).filter");
  g_assert_nonnull (strstr (text, "invert(1)"));
  g_assert_cmpuint (save_snapshot ("email-dark"), >, 200);

  /* Dark covers the whole view, below a short page too. */
  td_preview_set_document (preview, NULL);
  wait_for_preview ();
  {
    g_autoptr(GdkTexture) page = snapshot_page ();

    g_assert_cmpuint (pixel_level (page, gdk_texture_get_width (page) / 2,
                                   gdk_texture_get_height (page) - 10), <, 64);
  }
  td_preview_set_view (preview, TD_PREVIEW_VIEW_TEXT);
  wait_for_preview ();
  {
    g_autoptr(GdkTexture) page = snapshot_page ();

    g_assert_cmpuint (pixel_level (page, 10, 10), <, 64);
  }
  td_preview_set_view (preview, TD_PREVIEW_VIEW_EMAIL);
  td_preview_set_document (preview, document);
  wait_for_preview ();

  /* Images off: the alt text in place of each picture. */
  td_preview_set_dark (preview, FALSE);
  td_preview_set_images_off (preview, TRUE);
  wait_for_preview ();
  g_assert_cmpfloat (eval_number ("document.images.length"), ==, 0);
  g_assert_cmpfloat (eval_number ("document.querySelectorAll ('.tidings-preview-alt').length"),
                     >, 3);
  g_assert_true (eval_boolean ("Array.prototype.some.call ("
                               " document.querySelectorAll ('.tidings-preview-alt'),"
                               " function (b) { return b.textContent.length > 0; })"));
  g_assert_cmpuint (save_snapshot ("email-images-off"), >, 50);

  /* And back. */
  td_preview_set_images_off (preview, FALSE);
  wait_for_preview ();
  g_assert_cmpfloat (eval_number ("document.images.length"), >, 3);
}

static void
test_actions (void)
{
  reset_preview ();

  /* The segmented control and the toggles are actions on the pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.view", "s", "phone"));
  g_assert_cmpint (td_preview_get_view (preview), ==, TD_PREVIEW_VIEW_PHONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.dark", NULL));
  g_assert_true (td_preview_get_dark (preview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.images-off", NULL));
  g_assert_true (td_preview_get_images_off (preview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.load-remote-images",
                                             NULL));
  g_assert_true (td_preview_get_load_remote_images (preview));
  wait_for_preview ();
  /* The alt text boxes fit the phone too. */
  g_assert_cmpfloat (eval_number ("document.documentElement.scrollWidth"), <=, 375);
  save_window_snapshot ("window-phone-dark-images-off");

  reset_preview ();
}

static void
test_hidden (void)
{
  WebKitWebView *web_view = td_preview_get_web_view (preview);
  guint n_loads = 0;
  gulong id;

  reset_preview ();
  id = g_signal_connect (web_view, "load-changed", G_CALLBACK (count_loads_cb), &n_loads);

  /* A hidden pane (a narrow window showing the editor) loads nothing... */
  gtk_widget_set_visible (GTK_WIDGET (preview), FALSE);
  td_document_set_string (document, "sections[1].title", "Typed while hidden", TD_EDIT_MERGE);
  spin (300);
  g_assert_true (td_preview_get_busy (preview));
  g_assert_cmpuint (n_loads, ==, 0);

  /* ...until it is shown again. */
  gtk_widget_set_visible (GTK_WIDGET (preview), TRUE);
  wait_for_preview ();
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_true (page_contains ("Typed while hidden"));

  g_signal_handler_disconnect (web_view, id);
  td_document_undo (document);
  wait_for_preview ();
}

static void
test_web_process_ends (void)
{
  reset_preview ();

  /* The web process goes away (a crash, or out of memory): the next change
   * loads in a new one. */
  webkit_web_view_terminate_web_process (td_preview_get_web_view (preview));
  spin (200);
  td_document_set_string (document, "sections[1].title", "After the crash", TD_EDIT_MERGE);
  wait_for_preview ();
  g_assert_true (page_contains ("After the crash"));

  td_document_undo (document);
  wait_for_preview ();
}

typedef struct
{
  Wait     wait;
  gboolean ok;
  GError  *error;
} Print;

static void
print_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Print *print = user_data;

  print->ok = _td_preview_print_finish (TD_PREVIEW (object), result, &print->error);
  print->wait.done = TRUE;
}

static void
test_print (void)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "preview-print.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  Print print = { { FALSE, FALSE }, FALSE, NULL };

  reset_preview ();
  /* In the email view (with its chrome): the web version is printed all
   * the same. */
  td_preview_set_dark (preview, TRUE);
  wait_for_preview ();

  g_unlink (path);
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  _td_preview_print_async (preview, settings, NULL, print_cb, &print);
  if (!wait_until (&print.wait, 60))
    g_error ("Printing did not finish");
  g_assert_no_error (print.error);
  g_assert_true (print.ok);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (length, >, 10000);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", path, length);

  reset_preview ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *issue = NULL;
  g_autofree char *sample = NULL;
  TdDiagnostics *diags;
  int result;

  /* The window lives across tests, so the XDG folders are set once for the
   * whole run rather than isolated per test. */
  tmp = g_dir_make_tmp ("tidings-preview-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const variables[] = { "XDG_CACHE_HOME", "XDG_DATA_HOME",
                                                "XDG_CONFIG_HOME" };
      g_autofree char *dir = g_build_filename (tmp, variables[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (variables[i], dir, TRUE);
    }

  /* No accessibility bus under Xvfb (GTK would warn, and warnings are fatal
   * in tests); the tests don't need one. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  /* meson sets MALLOC_PERTURB_ to shake out our memory bugs; this process
   * keeps it (glibc read it at start), but WebKit's web process, which
   * inherits the environment, crashed now and then with it (2 runs in 15
   * here, none in 15 without), and a crash is a warning, fatal here. */
  g_unsetenv ("MALLOC_PERTURB_");

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* A private copy of the sample, so that tests may edit it. */
  /* A folder name that needs escaping in the base URI. */
  sample_dir = g_build_filename (tmp, "Août 2023 #1", NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "august-2023", NULL);
  source = g_file_new_for_path (sample);
  target = g_file_new_for_path (sample_dir);
  copy_dir (source, target);
  issue = g_build_filename (sample_dir, "august-2023.tidings", NULL);
  file = g_file_new_for_path (issue);
  diags = td_diagnostics_new ();
  document = td_document_new_from_file (file, diags);
  td_diagnostics_free (diags);
  g_assert_nonnull (document);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  preview = TD_PREVIEW (td_preview_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (_td_preview_get_page (preview), "open-uri", G_CALLBACK (open_uri_cb), NULL);
  td_preview_set_document (preview, document);
  wait_for_preview ();

  g_test_add_func ("/ui/preview/load-sample", test_load_sample);
  g_test_add_func ("/ui/preview/edit", test_edit);
  g_test_add_func ("/ui/preview/coalesce", test_coalesce);
  g_test_add_func ("/ui/preview/scroll-kept", test_scroll_kept);
  g_test_add_func ("/ui/preview/scroll-to-section", test_scroll_to_section);
  g_test_add_func ("/ui/preview/section-click", test_section_click);
  g_test_add_func ("/ui/preview/scripts-off", test_scripts_off);
  g_test_add_func ("/ui/preview/navigation", test_navigation_policy);
  g_test_add_func ("/ui/preview/context-menu", test_context_menu);
  g_test_add_func ("/ui/preview/remote-images", test_remote_images);
  g_test_add_func ("/ui/preview/views", test_views);
  g_test_add_func ("/ui/preview/actions", test_actions);
  g_test_add_func ("/ui/preview/print", test_print);
  g_test_add_func ("/ui/preview/hidden", test_hidden);
  g_test_add_func ("/ui/preview/web-process-ends", test_web_process_ends);

  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&document);
  return result;
}
