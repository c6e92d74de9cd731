/* test-library-window.c: her issues in the window, under Xvfb
 *
 * A fresh user whose Documents folder (XDG_CONFIG_HOME/user-dirs.dirs) is
 * a temporary one holding a library of three issues; settings in memory.
 * Started without a file, the application shows the issues newest first;
 * a card opens its issue; New Issue continues from the newest and Save
 * puts it in a new folder of its month; the published archive's address
 * becomes a library issue's web version (one undo step); an empty library
 * shows its status page; an issue the document portal shows alone (a
 * stand-in for $XDG_RUNTIME_DIR/doc) gets the request for its folder, and
 * so does Save As to such a file. Screenshots: _build/tests/library-*.png.
 *
 * Run by meson under xvfb-run and dbus-run-session (suites 'gui', 'library').
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <string.h>

#include "td-application.h"
#include "td-json-path.h"
#include "td-library.h"
#include "td-library-view.h"
#include "td-publish-dialog.h"
#include "td-recovery.h"
#include "td-sample.h"
#include "td-window.h"
#include "td-window-private.h"
#include "td-test-util.h"

static TdApplication *app;
static char *tmp_root;
static char *library;

/* -- Helpers ------------------------------------------------------------- */

/* The sample, in @folder as @name, of @date and @title. */
static char *
library_path (const char *relative)
{
  return g_build_filename (library, relative, NULL);
}

static TdWindow *
find_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
destroy_window (TdWindow *window)
{
  td_recovery_discard (_td_window_get_recovery (window));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_settle (50);
}

static gboolean
library_listed (gpointer data)
{
  return td_library_view_get_issues (_td_window_get_library_view (data)) != NULL;
}

static GPtrArray *
wait_listed (TdWindow *window)
{
  g_assert_true (td_test_iterate_until (library_listed, window, 10000));
  return td_library_view_get_issues (_td_window_get_library_view (window));
}

static GtkFlowBoxChild *
card_at (TdWindow *window,
         guint     index)
{
  GtkFlowBox *box = _td_library_view_get_flow_box (_td_window_get_library_view (window));

  return gtk_flow_box_get_child_at_index (box, (int) index);
}

static gboolean
widget_tree_has_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_is_drawable (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
tree_has_picture_shown (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget) && gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_picture_shown (child))
      return TRUE;
  return FALSE;
}

static gboolean
cards_have_pictures (gpointer data)
{
  for (guint i = 0; i < 3; i++)
    if (card_at (data, i) == NULL || !tree_has_picture_shown (GTK_WIDGET (card_at (data, i))))
      return FALSE;
  return TRUE;
}

static AdwMessageDialog *
find_message_dialog (TdWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) &&
          gtk_window_get_transient_for (GTK_WINDOW (item)) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return find_message_dialog (data) == NULL;
}

static void save_screenshot_sized (TdWindow   *window,
                                   const char *name,
                                   int         min_width,
                                   int         min_height);

/* Saves the window as build/tests/NAME and checks it is not blank. */
static void
save_screenshot (TdWindow   *window,
                 const char *name)
{
  save_screenshot_sized (window, name, 600, 400);
}

static void
save_screenshot_sized (TdWindow   *window,
                       const char *name,
                       int         min_width,
                       int         min_height)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *out = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  gsize stride;

  g_assert_cmpint (width, >, min_width);
  g_assert_cmpint (height, >, min_height);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
  g_test_message ("screenshot saved to %s", out);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * (gsize) height);
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      g_hash_table_add (colours,
                        GUINT_TO_POINTER (*(guint32 *) (pixels + stride * (gsize) y +
                                                        (gsize) x * 4)));
  g_test_message ("%u colours", g_hash_table_size (colours));
  /* Not blank: text and the cards' pictures. */
  g_assert_cmpuint (g_hash_table_size (colours), >, 64);
}

/* -- Started without a file ------------------------------------------------ */

static void
test_start (void)
{
  TdWindow *window;
  GPtrArray *issues;
  const char *expected[] = { "2023-08/august-2023.tidings", "2023-07/july.tidings",
                             "2023-06/june.tidings" };
  g_autofree char *july = library_path ("2023-07/july.tidings");

  g_application_activate (G_APPLICATION (app));
  window = find_window ();
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (_td_window_library_shown (window));

  issues = wait_listed (window);
  g_assert_cmpuint (issues->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = library_path (expected[i]);
      GtkFlowBoxChild *card = card_at (window, i);

      g_assert_cmpstr (((TdLibraryIssue *) issues->pdata[i])->path, ==, path);
      g_assert_nonnull (card);
      g_assert_cmpstr (g_object_get_data (G_OBJECT (card), "path"), ==, path);
    }
  g_assert_null (card_at (window, 3));
  /* What the cards say, newest first. */
  g_assert_true (widget_tree_has_label (GTK_WIDGET (card_at (window, 0)), "News: August 2023"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (card_at (window, 0)), "August 2023"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (card_at (window, 2)), "June 2023"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "Your Issues"));
  /* Each with its first picture. */
  g_assert_true (td_test_iterate_until (cards_have_pictures, window, 10000));
  /* Keyboard users start on the newest issue. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (card_at (window, 1))));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (card_at (window, 0)));
  /* The arrow keys move from there (the box's "move-cursor", which they
   * are bound to). */
  {
    gboolean moved = FALSE;

    g_signal_emit_by_name (_td_library_view_get_flow_box (_td_window_get_library_view (window)),
                           "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS, 1, FALSE, FALSE,
                           &moved);
    g_assert_true (moved);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (card_at (window, 1)));
  }
  td_test_settle (300);
  save_screenshot (window, "library-screenshot.png");

  /* A card opens its issue, and the editor comes back. */
  gtk_widget_grab_focus (GTK_WIDGET (card_at (window, 1)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (card_at (window, 1))));
  td_test_settle (200);
  g_assert_false (_td_window_library_shown (window));
  g_assert_nonnull (td_document_get_file (td_window_get_document (window)));
  {
    g_autofree char *path = g_file_get_path (td_document_get_file (td_window_get_document (window)));

    g_assert_cmpstr (path, ==, july);
  }
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (td_window_get_document (window)),
                                            "issue.title"), ==, "News: July 2023");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "july.tidings"));

  /* And back to the library by its action. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "library",
                                      g_variant_new_boolean (TRUE));
  td_test_settle (50);
  g_assert_true (_td_window_library_shown (window));
  wait_listed (window);
  td_test_settle (300);
  save_screenshot (window, "library-screenshot-again.png");
  destroy_window (window);
}

/* A narrow window: the cards one a line, nothing blank. */
static void
test_narrow (void)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  gtk_window_present (GTK_WINDOW (window));
  td_window_show_library (window);
  g_assert_cmpuint (wait_listed (window)->len, ==, 3);
  g_assert_true (td_test_iterate_until (cards_have_pictures, window, 10000));
  td_test_settle (300);
  save_screenshot_sized (window, "library-narrow.png", 300, 400);
  destroy_window (window);
}

/* -- New Issue and Save ---------------------------------------------------- */

static gboolean
document_has_file (gpointer data)
{
  return td_document_get_file (td_window_get_document (data)) != NULL &&
         !td_document_get_modified (td_window_get_document (data));
}

static void
test_new_issue (void)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  g_autofree char *expected = library_path ("2023-09/2023-09.tidings");
  g_autofree char *picture = library_path ("2023-09/images/logo.png");
  g_autofree char *path = NULL;
  GPtrArray *issues;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_show_library (window);
  wait_listed (window);

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-in-library", NULL);
  td_test_settle (100);
  g_assert_false (_td_window_library_shown (window));
  g_assert_null (td_document_get_file (td_window_get_document (window)));
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (td_window_get_document (window)),
                                            "issue.date"), ==, "2023-09");
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (td_window_get_document (window)),
                                            "issue.title"), ==, "News: September 2023");

  /* Save asks nothing: a new folder of its month, the pictures along. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  g_assert_true (td_test_iterate_until (document_has_file, window, 10000));
  g_assert_null (find_message_dialog (window));
  path = g_file_get_path (td_document_get_file (td_window_get_document (window)));
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_test (picture, G_FILE_TEST_IS_REGULAR));

  /* Listed first now. */
  td_window_show_library (window);
  issues = wait_listed (window);
  g_assert_cmpuint (issues->len, ==, 4);
  g_assert_cmpstr (((TdLibraryIssue *) issues->pdata[0])->path, ==, expected);
  destroy_window (window);
  /* For the other tests: three issues again. */
  {
    g_autofree char *folder = library_path ("2023-09");
    g_autofree char *images = library_path ("2023-09/images");
    g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (images, name, NULL);

        g_unlink (file);
      }
    g_rmdir (images);
    g_unlink (expected);
    g_rmdir (folder);
  }
}

/* -- The archive's address ------------------------------------------------- */

static void
test_archive_published (void)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  g_autofree char *august = library_path ("2023-08/august-2023.tidings");
  g_autoptr(GFile) file = g_file_new_for_path (august);
  TdDocument *document;
  g_autofree char *before = NULL;

  g_assert_true (td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT));
  gtk_window_present (GTK_WINDOW (window));
  td_test_settle (50);
  document = td_window_get_document (window);
  before = g_strdup (td_json_path_get_string (td_document_get_root (document),
                                              "issue.public_base_url"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "archive-published",
                                  g_variant_new_string ("https://example.com/news/"));
  td_test_settle (30);
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (document),
                                            "issue.public_base_url"), ==,
                   "https://example.com/news/2023-08/");
  g_assert_true (td_document_get_modified (document));
  /* One undo step. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  td_test_settle (30);
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (document),
                                            "issue.public_base_url"), ==, before);
  g_assert_false (td_document_get_modified (document));
  destroy_window (window);

  /* Publish Archive…: the dialog on the library folder, its site in the
   * user cache. */
  window = td_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "publish-archive", NULL);
  td_test_settle (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */
    GtkWindow *dialog = NULL;
    g_autoptr(GFile) dialog_library = NULL;
    g_autoptr(GFile) site_dir = NULL;
    g_autofree char *library_dir = NULL;
    g_autofree char *site_path = NULL;
    g_autofree char *expected_site = g_build_filename (g_get_user_cache_dir (), "tidings",
                                                       "archive", NULL);

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (TD_IS_PUBLISH_DIALOG (item))
          dialog = GTK_WINDOW (item);
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
    g_object_get (dialog, "library", &dialog_library, "site-dir", &site_dir, NULL);
    library_dir = g_file_get_path (dialog_library);
    site_path = g_file_get_path (site_dir);
    g_assert_cmpstr (library_dir, ==, library);
    g_assert_cmpstr (site_path, ==, expected_site);
    gtk_window_destroy (dialog);
  }
  destroy_window (window);

  /* An issue outside the library is not its page. */
  window = td_window_new (GTK_APPLICATION (app));
  td_window_load_sample (window);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "archive-published",
                                  g_variant_new_string ("https://example.com/news/"));
  td_test_settle (30);
  g_assert_false (td_document_get_modified (td_window_get_document (window)));
  destroy_window (window);
}

/* -- An empty library ---------------------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tidings.Tidings");
  g_autofree char *empty = g_build_filename (tmp_root, "Empty Library", NULL);
  TdWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_settings_set_string (settings, "library-folder", empty);
  window = td_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_show_library (window);
  g_assert_cmpuint (wait_listed (window)->len, ==, 0);
  td_test_settle (300);
  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "No Issues Yet"));
  save_screenshot (window, "library-empty.png");

  /* New Issue in it: a blank issue, saved as "issue" in its own folder. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-in-library", NULL);
  td_test_settle (50);
  g_assert_false (_td_window_library_shown (window));
  g_assert_null (td_document_get_file (td_window_get_document (window)));
  destroy_window (window);
  g_settings_reset (settings, "library-folder");
}

/* -- A broken file ---------------------------------------------------------------- */

static void
test_broken (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tidings.Tidings");
  g_autofree char *folder = g_build_filename (tmp_root, "Broken Library", NULL);
  g_autofree char *month = g_build_filename (folder, "2023-10", NULL);
  g_autofree char *broken = g_build_filename (folder, "2023-09", "draft.tidings", NULL);
  g_autofree char *broken_dir = g_path_get_dirname (broken);
  TdWindow *window;
  GPtrArray *issues;

  g_free (td_test_add_issue (month, "october.tidings", "2023-10", "News: October 2023"));
  g_assert_cmpint (g_mkdir_with_parents (broken_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (broken, "{ \"format\": \"tidings-issue\", \"version\": ",
                                      -1, NULL));
  g_settings_set_string (settings, "library-folder", folder);
  window = td_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_show_library (window);
  issues = wait_listed (window);

  /* Listed, last, with what is wrong; never a crash. */
  g_assert_cmpuint (issues->len, ==, 2);
  g_assert_cmpstr (((TdLibraryIssue *) issues->pdata[1])->path, ==, broken);
  g_assert_nonnull (((TdLibraryIssue *) issues->pdata[1])->error);
  g_assert_true (widget_tree_has_label (GTK_WIDGET (card_at (window, 1)), "draft.tidings"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (card_at (window, 1)), "Can’t be opened"));
  td_test_settle (300);
  save_screenshot (window, "library-broken.png");

  /* Opening it says why, and leaves the window as it was. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (card_at (window, 1))));
  g_assert_true (td_test_iterate_until (has_message_dialog, window, 3000));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (find_message_dialog (window)),
                                   "Could Not Open"));
  gtk_window_close (GTK_WINDOW (find_message_dialog (window)));
  g_assert_true (td_test_iterate_until (has_no_message_dialog, window, 3000));
  g_assert_true (_td_window_library_shown (window));
  destroy_window (window);
  g_settings_reset (settings, "library-folder");
}

/* -- The sandbox: an issue the portal shows alone ------------------------------ */

static char *
make_portal_file (const char *id,
                  const char *name)
{
  g_autofree char *sample = td_sample_dup_dir ();
  g_autofree char *from = g_build_filename (sample, "august-2023.tidings", NULL);
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "doc", id, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (from != NULL && g_file_get_contents (from, &data, &length, NULL))
    g_assert_true (g_file_set_contents (path, data, length, NULL));
  return g_steal_pointer (&path);
}

static void
test_portal_file (void)
{
  g_autofree char *path = make_portal_file ("1a2b3c4d", "august-2023.tidings");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT));
  g_assert_true (td_test_iterate_until (has_message_dialog, window, 3000));
  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Allow Access to the Issue’s Folder?");
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "choose");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "12 pictures"));
  /* Not now: the issue stays, and a toast offers it again. */
  /* As Escape does: the close response, "cancel". */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (td_test_iterate_until (has_no_message_dialog, window, 3000));
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (td_window_get_document (window)),
                                            "issue.title"), ==, "News: August 2023");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "request-folder-access"));
  destroy_window (window);

  /* An issue in a folder it can see: nothing asked. */
  {
    g_autofree char *august = library_path ("2023-08/august-2023.tidings");
    g_autoptr(GFile) seen = g_file_new_for_path (august);

    window = td_window_new (GTK_APPLICATION (app));
    gtk_window_present (GTK_WINDOW (window));
    g_assert_true (td_window_load_file (window, seen, TD_WINDOW_LOAD_DEFAULT));
    td_test_settle (200);
    g_assert_null (find_message_dialog (window));
    destroy_window (window);
  }
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (_td_window_save_finish (TD_WINDOW (object), result, error));
  g_assert_nonnull (*error);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_save_as_portal (void)
{
  g_autofree char *august = library_path ("2023-08/august-2023.tidings");
  g_autoptr(GFile) file = g_file_new_for_path (august);
  g_autofree char *target_path = make_portal_file ("5e6f7a8b", "copy.tidings");
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT));
  gtk_window_present (GTK_WINDOW (window));
  td_test_settle (50);
  _td_window_save_async (window, target, NULL, saved_cb, &error);
  g_assert_true (td_test_iterate_until (has_message_dialog, window, 3000));
  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Pictures Too?");
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  /* As Escape does: the close response, "cancel". */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (td_test_iterate_until (has_no_message_dialog, window, 3000));
  g_assert_true (td_test_iterate_until (error_set, &error, 3000));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Nothing was written over the portal's file. */
  {
    g_autofree char *data = NULL;

    g_assert_true (g_file_get_contents (target_path, &data, NULL, NULL));
    g_assert_true (g_str_has_prefix (data, "{"));
  }
  destroy_window (window);
}

/* -------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *dirs_file = NULL;
  g_autofree char *dirs = NULL;
  g_autofree char *runtime = NULL;
  int status;

  /* A fresh user: XDG folders in a temporary one, Documents there too. */
  tmp_root = g_dir_make_tmp ("tidings-test-library-window-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (tmp_root, "config", NULL);
  documents = g_build_filename (tmp_root, "Documents", NULL);
  runtime = g_build_filename (tmp_root, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  dirs_file = g_build_filename (config, "user-dirs.dirs", NULL);
  dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  g_assert_true (g_file_set_contents (dirs_file, dirs, -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  {
    g_autofree char *data_home = g_build_filename (tmp_root, "data", NULL);
    g_autofree char *cache_home = g_build_filename (tmp_root, "cache", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  }
  /* The document portal's place, for td_folder_access_is_portal_file(). */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_unsetenv ("MALLOC_PERTURB_");
  if (g_getenv ("TIDINGS_SAMPLE_DIR") == NULL)
    {
      g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                        "august-2023", NULL);

      g_setenv ("TIDINGS_SAMPLE_DIR", sample, TRUE);
    }

  gtk_test_init (&argc, &argv, NULL);
  if (g_getenv ("TIDINGS_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDINGS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  /* The default library folder: Documents/Newsletter, three issues. */
  library = td_library_resolve_folder ("");
  g_assert_true (g_str_has_prefix (library, documents));
  {
    g_autofree char *june = g_build_filename (library, "2023-06", NULL);
    g_autofree char *july = g_build_filename (library, "2023-07", NULL);
    g_autofree char *august = g_build_filename (library, "2023-08", NULL);

    g_free (td_test_add_issue (june, "june.tidings", "2023-06", "News: June 2023"));
    g_free (td_test_add_issue (august, "august-2023.tidings", "2023-08", "News: August 2023"));
    g_free (td_test_add_issue (july, "july.tidings", "2023-07", "News: July 2023"));
  }

  app = td_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/library/start", test_start);
  g_test_add_func ("/ui/library/narrow", test_narrow);
  g_test_add_func ("/ui/library/new-issue", test_new_issue);
  g_test_add_func ("/ui/library/archive-published", test_archive_published);
  g_test_add_func ("/ui/library/empty", test_empty);
  g_test_add_func ("/ui/library/broken", test_broken);
  g_test_add_func ("/ui/library/portal-file", test_portal_file);
  g_test_add_func ("/ui/library/save-as-portal", test_save_as_portal);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (library);
  td_test_remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
