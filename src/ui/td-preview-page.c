/* td-preview-page.c: the preview's web view, which only displays
 *
 * How it stays safe:
 * - page scripts are off (enable-javascript-markup FALSE); the app's own
 *   scripts run in the TD_PREVIEW_SCRIPT_WORLD script world, which the page
 *   can't reach;
 * - decide-policy lets through only the app's own loads, each once; a link
 *   the user clicks opens in the default browser, anything else is refused;
 * - with remote images off, a content rule list blocks every http(s), ws(s)
 *   and ftp request inside the web process, and the network session's proxy
 *   is a dead end on the loopback, so an issue someone sent can't phone
 *   home even if a rule were missed (each layer alone passes the test);
 * - the context menu keeps only copying and selecting;
 * - the web process sandbox is WebKit's default, left on.
 *
 * How it stays steady: the old page stays up until the new one commits,
 * over a background of the view's colour; before each load the reader's
 * place is read (scroll position and the section at the top) and a
 * document-end user script puts it back before the first paint.
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "td-html.h"
#include "td-preview-page.h"
#include "td-preview-print.h"

#define FILTER_ID "tidings-preview-block-remote-1"

/* The proxy of the preview's network session while remote loads are off:
 * the discard port on the loopback. Nothing ever leaves the machine. */
#define DEAD_END_PROXY "http://127.0.0.1:9/"

/* Block every request that could leave the machine. WebKit's rule syntax
 * has no alternation, hence one rule per scheme. */
static const char block_remote_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\"^https?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^wss?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^ftps?:\"},\"action\":{\"type\":\"block\"}}"
  "]";

/* The email view: the message's 600 px column centred on an inbox grey. */
static const char email_css[] =
  "html{background-color:#e8e8e8 !important}\n"
  "body{box-sizing:border-box !important;width:600px !important;max-width:100% !important;"
  "margin:24px auto !important;background-color:#ffffff;"
  "box-shadow:0 1px 3px rgba(0,0,0,.16),0 0 0 1px rgba(0,0,0,.04)}\n";

/* Plain text as it is sent: its lines (72 columns) not wrapped again. */
static const char text_css[] = "pre{white-space:pre !important;overflow-x:auto}\n";

/* Dark: an approximation of the mail apps that force a dark theme on
 * messages by inverting them (pictures are inverted back). */
static const char dark_css[] =
  "html{background-color:#ffffff;min-height:100%;"
  "filter:invert(1) hue-rotate(180deg) !important}\n"
  "img,picture,video{filter:invert(1) hue-rotate(180deg) !important}\n";

/* Images off: pictures are replaced with boxes showing their alt text. */
static const char images_off_css[] =
  ".tidings-preview-alt{display:inline-flex !important;align-items:center !important;"
  "justify-content:center !important;box-sizing:border-box !important;width:100% !important;"
  "min-height:1.75em !important;margin:0 !important;padding:4px 6px !important;"
  "overflow:hidden !important;vertical-align:middle !important;"
  "border:1px dashed #8c8c8c !important;background:#f0f0f0 !important;color:#4a4a4a !important;"
  "font:12px/1.3 sans-serif !important;text-align:center !important;"
  "text-decoration:none !important}\n"
  ".tidings-preview-alt-block{display:flex !important}\n";

static const char images_off_js[] =
  "(function () {\n"
  "  var images = Array.prototype.slice.call (document.images);\n"
  "  images.forEach (function (img) {\n"
  "    var box = document.createElement ('span');\n"
  "    var width = parseInt (img.getAttribute ('width'), 10);\n"
  "    var height = parseInt (img.getAttribute ('height'), 10);\n"
  "    box.className = 'tidings-preview-alt';\n"
  "    if (getComputedStyle (img).display === 'block')\n"
  "      box.className += ' tidings-preview-alt-block';\n"
  "    box.textContent = img.getAttribute ('alt') || '';\n"
  "    box.setAttribute ('role', 'img');\n"
  "    box.setAttribute ('aria-label', box.textContent);\n"
  "    /* As wide as the picture, but no wider than its column (a width in\n"
  "     * pixels would widen the email's table cells on a phone). */\n"
  "    if (width > 0)\n"
  "      box.style.maxWidth = width + 'px';\n"
  "    if (width > 0 && height > 0)\n"
  "      box.style.aspectRatio = width + ' / ' + height;\n"
  "    if (img.style.marginLeft === 'auto' || img.getAttribute ('align') === 'center')\n"
  "      box.style.marginInline = 'auto';\n"
  "    img.replaceWith (box);\n"
  "  });\n"
  "}) ();\n";

/* A click in a section (not on a link) selects that section's editor. */
static const char click_js[] =
  "document.addEventListener ('click', function (event) {\n"
  "  var target = event.target;\n"
  "  if (event.button !== 0)\n"
  "    return;\n"
  "  if (!(target instanceof Element))\n"
  "    target = target.parentElement;\n"
  "  if (target === null || target.closest ('a[href]') !== null)\n"
  "    return;\n"
  "  target = target.closest ('[data-section]');\n"
  "  if (target !== null)\n"
  "    window.webkit.messageHandlers.tidings.postMessage (target.getAttribute ('data-section'));\n"
  "}, true);\n";

/* The reader's place: where the view is scrolled to, and the first section
 * still on screen with its distance from the top of the view. */
static const char save_place_js[] =
  "(function () {\n"
  "  var place = { y: window.scrollY, section: null, offset: 0 };\n"
  "  var sections = document.querySelectorAll ('[data-section]');\n"
  "  for (var i = 0; i < sections.length; i++) {\n"
  "    var rect = sections[i].getBoundingClientRect ();\n"
  "    if (rect.bottom > 0) {\n"
  "      place.section = sections[i].getAttribute ('data-section');\n"
  "      place.offset = rect.top;\n"
  "      break;\n"
  "    }\n"
  "  }\n"
  "  return JSON.stringify (place);\n"
  "}) ();\n";

/* Arguments: y, section (or null), offset, same_view. In the same view the
 * scroll position is restored; in another one, the section at the top. */
static const char restore_place_js[] =
  "(function (y, section, offset, sameView) {\n"
  "  if (!sameView) {\n"
  "    var element = section === null ? null\n"
  "      : document.querySelector ('[data-section=\"' + CSS.escape (section) + '\"]');\n"
  "    if (element === null)\n"
  "      return;\n"
  "    y = element.getBoundingClientRect ().top + window.scrollY - offset;\n"
  "  }\n"
  "  window.scrollTo ({ top: y, left: 0, behavior: 'instant' });\n"
  "}) (%s, %s, %s, %s);\n";

/* Arguments: id, behavior ("smooth" or "instant"). Leaves the view alone
 * when the section is already in sight. */
static const char scroll_to_section_js[] =
  "var element = document.querySelector ('[data-section=\"' + CSS.escape (id) + '\"]');\n"
  "if (element === null)\n"
  "  return false;\n"
  "var rect = element.getBoundingClientRect ();\n"
  "var height = window.innerHeight;\n"
  "var top_in_sight = rect.top >= 0 && rect.top < height * 0.8;\n"
  "var filling_view = rect.top < 0 && rect.bottom > height * 0.5;\n"
  "if (!top_in_sight && !filling_view)\n"
  "  element.scrollIntoView ({ block: 'start', behavior: behavior });\n"
  "return true;\n";

struct _TdPreviewPage
{
  GtkWidget                 parent_instance;

  /* owned */
  AdwClamp                 *clamp;         /* the phone's width */
  WebKitWebView            *web_view;
  WebKitSettings           *settings;
  WebKitNetworkSession     *session;
  WebKitUserContentManager *content_manager;
  WebKitUserContentFilter  *filter;       /* NULL until compiled, or if that failed */
  WebKitUserScript         *restore_script;
  GCancellable             *cancellable;

  GTask                    *load;          /* the load in flight */
  char                     *load_uri;      /* the URI decide-policy lets through */
  char                     *pending_section;

  /* the reader's place, read before each load */
  double                    place_y;
  double                    place_offset;
  char                     *place_section;

  TdPreviewView             view;          /* the chrome in place */
  TdPreviewView             loaded_view;   /* the chrome of the page shown */
  TdPreviewView             next_view;     /* the chrome of the next load */

  guint                     dark : 1;
  guint                     images_off : 1;
  guint                     next_dark : 1;
  guint                     next_images_off : 1;
  guint                     load_remote_images : 1;
  guint                     filter_pending : 1;   /* compiling the content filter */
  guint                     saving_place : 1;
  guint                     load_started : 1;
  guint                     has_content : 1;      /* a page of ours is loaded */
  guint                     disposed : 1;
};

G_DEFINE_FINAL_TYPE (TdPreviewPage, td_preview_page, GTK_TYPE_WIDGET)

enum
{
  SECTION_ACTIVATED,
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Task source tags (a function pointer would upset -Wpedantic). */
static char load_tag;
static char print_tag;

static void maybe_start_load (TdPreviewPage *self);

/* The content filter */

static WebKitUserContentFilterStore *
get_filter_store (void)
{
  static WebKitUserContentFilterStore *store;

  if (store == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "tidings",
                                                "content-filters", NULL);

      /* A cache that can't be written (read-only home, odd XDG settings):
       * compile into a temporary folder instead. */
      if (g_mkdir_with_parents (path, 0700) != 0)
        {
          g_free (path);
          path = g_dir_make_tmp ("tidings-filters-XXXXXX", NULL);
        }
      store = webkit_user_content_filter_store_new (path != NULL ? path : g_get_tmp_dir ());
    }
  return store;
}

static void
filter_ready (TdPreviewPage           *self,
              WebKitUserContentFilter *filter,
              const GError            *error)
{
  self->filter_pending = FALSE;

  if (filter == NULL)
    {
      /* The dead-end proxy still keeps every request on the machine. */
      g_warning ("Could not compile the preview's content filter in %s: %s",
                 webkit_user_content_filter_store_get_path (get_filter_store ()), error->message);
    }
  else
    {
      self->filter = webkit_user_content_filter_ref (filter);
      if (!self->load_remote_images)
        webkit_user_content_manager_add_filter (self->content_manager, self->filter);
    }

  maybe_start_load (self);
}

static void
filter_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdPreviewPage) self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                         result, &error);
  if (self->disposed)
    return;
  filter_ready (self, filter, error);
}

static void
filter_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdPreviewPage) self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GBytes) rules = NULL;

  filter = webkit_user_content_filter_store_load_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                         result, NULL);
  if (self->disposed)
    return;
  if (filter != NULL)
    {
      filter_ready (self, filter, NULL);
      return;
    }

  /* Not compiled yet (first run, or the cache was cleared). */
  rules = g_bytes_new_static (block_remote_rules, sizeof block_remote_rules - 1);
  webkit_user_content_filter_store_save (WEBKIT_USER_CONTENT_FILTER_STORE (object), FILTER_ID,
                                         rules, self->cancellable, filter_saved_cb,
                                         g_object_ref (self));
}

static void
apply_remote_policy (TdPreviewPage *self)
{
  if (self->load_remote_images)
    {
      webkit_user_content_manager_remove_all_filters (self->content_manager);
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_DEFAULT,
                                                 NULL);
    }
  else
    {
      g_autoptr(WebKitNetworkProxySettings) proxy = NULL;

      proxy = webkit_network_proxy_settings_new (DEAD_END_PROXY, NULL);

      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM,
                                                 proxy);
      if (self->filter != NULL)
        webkit_user_content_manager_add_filter (self->content_manager, self->filter);
      else if (!self->filter_pending)
        {
          self->filter_pending = TRUE;
          webkit_user_content_filter_store_load (get_filter_store (), FILTER_ID, self->cancellable,
                                                 filter_loaded_cb, g_object_ref (self));
        }
    }
}

/* The view's chrome */

static void
get_background (TdPreviewView  view,
                gboolean       dark,
                GdkRGBA       *rgba)
{
  /* What the canvas shows before the page paints: the inbox grey of the
   * email view (inverted when dark), else white (or near black). */
  if (view == TD_PREVIEW_VIEW_EMAIL)
    gdk_rgba_parse (rgba, dark ? "#171717" : "#e8e8e8");
  else
    gdk_rgba_parse (rgba, dark ? "#000000" : "#ffffff");
}

static void
add_style_sheet (TdPreviewPage *self,
                 const char    *css)
{
  g_autoptr(WebKitUserStyleSheet) sheet = NULL;

  sheet = webkit_user_style_sheet_new_for_world (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                 WEBKIT_USER_STYLE_LEVEL_USER,
                                                 TD_PREVIEW_SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (self->content_manager, sheet);
}

static void
add_script (TdPreviewPage *self,
            const char    *js)
{
  g_autoptr(WebKitUserScript) script = NULL;

  script = webkit_user_script_new_for_world (js, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             TD_PREVIEW_SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (self->content_manager, script);
}

static void
rebuild_user_content (TdPreviewPage *self)
{
  GdkRGBA background;

  webkit_user_content_manager_remove_all_style_sheets (self->content_manager);
  webkit_user_content_manager_remove_all_scripts (self->content_manager);
  g_clear_pointer (&self->restore_script, webkit_user_script_unref);

  if (self->view == TD_PREVIEW_VIEW_EMAIL || self->view == TD_PREVIEW_VIEW_TEXT)
    add_style_sheet (self, self->view == TD_PREVIEW_VIEW_EMAIL ? email_css : text_css);
  if (self->dark)
    add_style_sheet (self, dark_css);
  if (self->images_off && self->view != TD_PREVIEW_VIEW_TEXT)
    {
      add_style_sheet (self, images_off_css);
      add_script (self, images_off_js);
    }
  add_script (self, click_js);

  get_background (self->view, self->dark, &background);
  webkit_web_view_set_background_color (self->web_view, &background);
}

/* The phone's width is the view's own, so that the email's @media rules
 * for small screens apply as on a phone. It changes at once, not with the
 * next load: the page still shown (the email, or the responsive web page)
 * reflows to it meanwhile, and the next one is laid out at the right width. */
static void
set_width_for_view (TdPreviewPage *self,
                    TdPreviewView  view)
{
  gboolean phone = view == TD_PREVIEW_VIEW_PHONE;
  int width = phone ? TD_PREVIEW_PHONE_WIDTH : G_MAXINT / 2;

  adw_clamp_set_maximum_size (self->clamp, width);
  adw_clamp_set_tightening_threshold (self->clamp, width);
  gtk_widget_set_margin_top (GTK_WIDGET (self->web_view), phone ? 12 : 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->web_view), phone ? 12 : 0);
  if (phone)
    gtk_widget_add_css_class (GTK_WIDGET (self->web_view), "card");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->web_view), "card");
}

/* Navigation and the context menu */

TdPreviewNavigation
td_preview_page_decide_navigation (TdPreviewPage        *self,
                                   const char           *uri,
                                   WebKitNavigationType  type,
                                   gboolean              user_gesture)
{
  g_return_val_if_fail (TD_IS_PREVIEW_PAGE (self), TD_PREVIEW_NAVIGATION_REFUSE);

  if (uri == NULL)
    return TD_PREVIEW_NAVIGATION_REFUSE;

  /* Our own load_bytes(), once: WebKit asks about it too (refused, it
   * would never load and the preview would wait for it forever). */
  if (type == WEBKIT_NAVIGATION_TYPE_OTHER && self->load_uri != NULL &&
      td_preview_uri_equal (uri, self->load_uri))
    {
      g_clear_pointer (&self->load_uri, g_free);
      return TD_PREVIEW_NAVIGATION_LOAD;
    }

  /* A link the user clicked, to the web, a mail address or a phone number:
   * the desktop's handler opens it. A click by script is no user gesture. */
  if (type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && user_gesture &&
      td_url_is_safe_absolute (uri))
    return TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY;

  return TD_PREVIEW_NAVIGATION_REFUSE;
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static gboolean
td_preview_page_real_open_uri (TdPreviewPage *self,
                               const char    *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, show_uri_cb, g_strdup (uri));
  return TRUE;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  decision_type,
                  TdPreviewPage            *self)
{
  TdPreviewNavigation navigation = TD_PREVIEW_NAVIGATION_REFUSE;
  WebKitNavigationAction *action;
  WebKitNavigationType type;
  const char *uri;

  if (decision_type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      /* Never a download. */
      if (!webkit_response_policy_decision_is_mime_type_supported (
            WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        {
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }
      return FALSE;
    }

  if (decision_type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION ||
      decision_type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      action = webkit_navigation_policy_decision_get_navigation_action (
        WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
      type = webkit_navigation_action_get_navigation_type (action);

      /* A new window is never our own load, but may be a link to open. */
      if (decision_type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION ||
          type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
        {
          gboolean user_gesture = webkit_navigation_action_is_user_gesture (action);

          navigation = td_preview_page_decide_navigation (self, uri, type, user_gesture);
        }

      switch (navigation)
        {
        case TD_PREVIEW_NAVIGATION_LOAD:
          webkit_policy_decision_use (decision);
          return TRUE;
        case TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY:
          {
            gboolean handled = FALSE;

            webkit_policy_decision_ignore (decision);
            g_signal_emit (self, signals[OPEN_URI], 0, uri, &handled);
            return TRUE;
          }
        case TD_PREVIEW_NAVIGATION_REFUSE:
        default:
          g_debug ("Preview: refused navigation to %s", uri);
          break;
        }
    }

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static gboolean
context_menu_action_is_allowed (WebKitContextMenuAction action)
{
  switch (action)
    {
    case WEBKIT_CONTEXT_MENU_ACTION_COPY:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
    case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:  /* only with developer extras */
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
td_preview_page_filter_context_menu (WebKitContextMenu *menu)
{
  GList *items;
  gboolean last_was_separator = TRUE;

  g_return_val_if_fail (WEBKIT_IS_CONTEXT_MENU (menu), FALSE);

  /* Browser actions out; separators only between kept items. */
  items = g_list_copy (webkit_context_menu_get_items (menu));
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      if (webkit_context_menu_item_is_separator (item))
        {
          if (last_was_separator)
            webkit_context_menu_remove (menu, item);
          last_was_separator = TRUE;
        }
      else if (!context_menu_action_is_allowed (webkit_context_menu_item_get_stock_action (item)))
        {
          webkit_context_menu_remove (menu, item);
        }
      else
        {
          last_was_separator = FALSE;
        }
    }
  g_list_free (items);

  if (webkit_context_menu_get_n_items (menu) > 0)
    {
      WebKitContextMenuItem *last;

      last = webkit_context_menu_get_item_at_position (menu,
                                                       webkit_context_menu_get_n_items (menu) - 1);
      if (webkit_context_menu_item_is_separator (last))
        webkit_context_menu_remove (menu, last);
    }

  return webkit_context_menu_get_n_items (menu) > 0;
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 TdPreviewPage       *self)
{
  /* TRUE: handled, nothing shown. */
  return !td_preview_page_filter_context_menu (menu);
}

/* Messages from the app's scripts */

static void
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   TdPreviewPage            *self)
{
  g_autofree char *section_id = NULL;

  if (!jsc_value_is_string (value))
    return;
  section_id = jsc_value_to_string (value);
  if (section_id != NULL && section_id[0] != '\0')
    g_signal_emit (self, signals[SECTION_ACTIVATED], 0, section_id);
}

/* Loading */

static void
place_clear (TdPreviewPage *self)
{
  self->place_y = 0;
  self->place_offset = 0;
  g_clear_pointer (&self->place_section, g_free);
}

static void
place_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdPreviewPage) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  if (self->disposed)
    return;
  self->saving_place = FALSE;
  place_clear (self);

  if (value != NULL && jsc_value_is_string (value) &&
      (json = jsc_value_to_string (value)) != NULL &&
      (node = json_from_string (json, NULL)) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *place = json_node_get_object (node);
      JsonNode *section = json_object_get_member (place, "section");

      self->place_y = json_object_get_double_member_with_default (place, "y", 0);
      self->place_offset = json_object_get_double_member_with_default (place, "offset", 0);
      if (section != NULL && JSON_NODE_HOLDS_VALUE (section) &&
          json_node_get_value_type (section) == G_TYPE_STRING)
        self->place_section = json_node_dup_string (section);
    }

  maybe_start_load (self);
}

void
td_preview_page_save_place (TdPreviewPage *self)
{
  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));

  if (!self->has_content || self->saving_place || self->load_started)
    return;

  self->saving_place = TRUE;
  webkit_web_view_evaluate_javascript (self->web_view, save_place_js, -1, TD_PREVIEW_SCRIPT_WORLD,
                                       NULL, self->cancellable, place_saved_cb,
                                       g_object_ref (self));
}

static char *
js_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

static char *
js_string_or_null (const char *value)
{
  g_autoptr(JsonNode) node = NULL;

  if (value == NULL)
    return g_strdup ("null");
  node = json_node_init_string (json_node_alloc (), value);
  return json_to_string (node, FALSE);
}

static void
set_restore_script (TdPreviewPage *self)
{
  gboolean same_view = self->loaded_view == self->view;
  g_autofree char *y = NULL;
  g_autofree char *section = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *source = NULL;

  if (self->restore_script != NULL)
    {
      webkit_user_content_manager_remove_script (self->content_manager, self->restore_script);
      g_clear_pointer (&self->restore_script, webkit_user_script_unref);
    }

  if (!self->has_content || (same_view && self->place_y <= 0) ||
      (!same_view && self->place_section == NULL))
    return;

  y = js_number (self->place_y);
  section = js_string_or_null (self->place_section);
  offset = js_number (self->place_offset);
  source = g_strdup_printf (restore_place_js, y, section, offset, same_view ? "true" : "false");

  /* After the chrome's scripts (images off changes heights). */
  self->restore_script =
    webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                      WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                      TD_PREVIEW_SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (self->content_manager, self->restore_script);
}

typedef struct
{
  GBytes *html;
  char   *base_uri;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_bytes_unref (load->html);
  g_free (load->base_uri);
  g_free (load);
}

static void
maybe_start_load (TdPreviewPage *self)
{
  LoadData *load;

  if (self->load == NULL || self->load_started || self->saving_place)
    return;
  /* With remote loads off, nothing loads before the filter is in place. */
  if (!self->load_remote_images && self->filter_pending)
    return;

  load = g_task_get_task_data (self->load);

  /* The chrome changes with the load, not before, so that the page still
   * shown never wears the next view's. */
  if (self->view != self->next_view || self->dark != self->next_dark ||
      self->images_off != self->next_images_off)
    {
      self->view = self->next_view;
      self->dark = self->next_dark;
      self->images_off = self->next_images_off;
      rebuild_user_content (self);
    }
  set_restore_script (self);
  /* Read for this load only. */
  place_clear (self);

  self->load_started = TRUE;
  g_free (self->load_uri);
  self->load_uri = g_strdup (load->base_uri != NULL ? load->base_uri : "about:blank");
  webkit_web_view_load_bytes (self->web_view, load->html, "text/html", "UTF-8", load->base_uri);
}

static void scroll_to_section_now (TdPreviewPage *self,
                                   const char    *section_id);

static void
complete_load (TdPreviewPage *self,
               GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->load);
  g_autofree char *section = NULL;

  self->load_started = FALSE;
  g_clear_pointer (&self->load_uri, g_free);

  if (error == NULL)
    {
      self->has_content = TRUE;
      self->loaded_view = self->view;
      if ((section = g_steal_pointer (&self->pending_section)) != NULL)
        scroll_to_section_now (self, section);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 TdPreviewPage   *self)
{
  if (load_event == WEBKIT_LOAD_FINISHED && self->load != NULL && self->load_started)
    complete_load (self, NULL);
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                TdPreviewPage   *self)
{
  if (self->load != NULL && self->load_started)
    complete_load (self, g_error_copy (error));
  /* No error page in the pane. */
  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           TdPreviewPage                     *self)
{
  if (reason != WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    g_warning ("The preview's web process ended (%s)",
               reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT ? "out of memory" : "crashed");
  self->has_content = FALSE;
  if (self->load != NULL && self->load_started)
    complete_load (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                                              "The web process ended"));
}

void
td_preview_page_load_async (TdPreviewPage       *self,
                            GBytes              *html,
                            const char          *base_uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));
  g_return_if_fail (html != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);

  if (self->load != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The preview is already loading");
      return;
    }

  load = g_new0 (LoadData, 1);
  load->html = g_bytes_ref (html);
  load->base_uri = g_strdup (base_uri);
  g_task_set_task_data (task, load, load_data_free);

  self->load = g_steal_pointer (&task);
  maybe_start_load (self);
}

gboolean
td_preview_page_load_finish (TdPreviewPage  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Scrolling to a section */

static void
scroll_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                 &error);
  if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Preview: could not scroll to the section: %s", error->message);
}

static void
scroll_to_section_now (TdPreviewPage *self,
                       const char    *section_id)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  gboolean smooth = TRUE;
  GVariantDict arguments;

  g_object_get (settings, "gtk-enable-animations", &smooth, NULL);
  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "id", "s", section_id);
  /* (Booleans can't be passed.) */
  g_variant_dict_insert (&arguments, "behavior", "s", smooth ? "smooth" : "instant");
  webkit_web_view_call_async_javascript_function (self->web_view, scroll_to_section_js, -1,
                                                  g_variant_dict_end (&arguments),
                                                  TD_PREVIEW_SCRIPT_WORLD, NULL,
                                                  self->cancellable, scroll_done_cb, NULL);
}

void
td_preview_page_scroll_to_section (TdPreviewPage *self,
                                   const char    *section_id)
{
  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));
  g_return_if_fail (section_id != NULL);

  if (self->load != NULL || !self->has_content)
    {
      /* After the load in flight. */
      g_free (self->pending_section);
      self->pending_section = g_strdup (section_id);
      return;
    }
  scroll_to_section_now (self, section_id);
}

/* Printing */

static void
page_printed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (td_preview_print_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
td_preview_page_print_async (TdPreviewPage       *self,
                             GBytes              *html,
                             const char          *base_uri,
                             GtkPrintSettings    *print_settings,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  GtkRoot *root;

  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));
  g_return_if_fail (html != NULL);
  g_return_if_fail (!print_settings || GTK_IS_PRINT_SETTINGS (print_settings));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &print_tag);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Same settings and session as the pane, same filter on remote loads. */
  td_preview_print_async (self->settings, self->session,
                          self->load_remote_images ? NULL : self->filter,
                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          html, base_uri, print_settings, cancellable,
                          page_printed_cb, task);
}

gboolean
td_preview_page_print_finish (TdPreviewPage  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object */

void
td_preview_page_set_chrome (TdPreviewPage *self,
                            TdPreviewView  view,
                            gboolean       dark,
                            gboolean       images_off)
{
  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));

  set_width_for_view (self, view);
  /* The rest with the next load. */
  self->next_view = view;
  self->next_dark = !!dark;
  self->next_images_off = !!images_off;
}

void
td_preview_page_set_load_remote_images (TdPreviewPage *self,
                                        gboolean       load_remote)
{
  g_return_if_fail (TD_IS_PREVIEW_PAGE (self));

  load_remote = !!load_remote;
  if (self->load_remote_images == load_remote)
    return;

  self->load_remote_images = load_remote;
  apply_remote_policy (self);
}

WebKitWebView *
td_preview_page_get_web_view (TdPreviewPage *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW_PAGE (self), NULL);

  return self->web_view;
}

TdPreviewPage *
td_preview_page_new (void)
{
  return g_object_new (TD_TYPE_PREVIEW_PAGE, NULL);
}

static void
td_preview_page_dispose (GObject *object)
{
  TdPreviewPage *self = TD_PREVIEW_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  if (self->load != NULL)
    complete_load (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              "The preview was closed"));

  if (self->content_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->content_manager, self);
      webkit_user_content_manager_unregister_script_message_handler (self->content_manager,
                                                                     "tidings",
                                                                     TD_PREVIEW_SCRIPT_WORLD);
    }
  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      self->web_view = NULL;
    }
  if (self->clamp != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->clamp));
      self->clamp = NULL;
    }

  G_OBJECT_CLASS (td_preview_page_parent_class)->dispose (object);
}

static void
td_preview_page_finalize (GObject *object)
{
  TdPreviewPage *self = TD_PREVIEW_PAGE (object);

  g_clear_pointer (&self->restore_script, webkit_user_script_unref);
  g_clear_pointer (&self->filter, webkit_user_content_filter_unref);
  g_clear_object (&self->content_manager);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->load_uri);
  g_free (self->pending_section);
  g_free (self->place_section);

  G_OBJECT_CLASS (td_preview_page_parent_class)->finalize (object);
}

static void
td_preview_page_class_init (TdPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preview_page_dispose;
  object_class->finalize = td_preview_page_finalize;

  /**
   * TdPreviewPage::section-activated:
   * @section_id: the "id" of the section the user clicked
   */
  signals[SECTION_ACTIVATED] =
    g_signal_new ("section-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TdPreviewPage::open-uri:
   * @uri: an http(s), mailto, tel or sms URI
   *
   * The user clicked a link. The default handler opens it with the
   * desktop's default application; return TRUE from a handler to stop it.
   */
  signals[OPEN_URI] =
    g_signal_new_class_handler ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (td_preview_page_real_open_uri),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdpreviewpage");

  g_type_ensure (WEBKIT_TYPE_WEB_VIEW);
}

static void
td_preview_page_init (TdPreviewPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->view = TD_PREVIEW_VIEW_EMAIL;
  self->loaded_view = TD_PREVIEW_VIEW_EMAIL;
  self->next_view = TD_PREVIEW_VIEW_EMAIL;

  /* JavaScript stays on for the app's own scripts (user scripts and
   * evaluate_javascript in TD_PREVIEW_SCRIPT_WORLD); the page's scripts are
   * stripped at parse time. No storage, media or web APIs a newsletter
   * doesn't need. */
  self->settings = webkit_settings_new ();
  g_object_set (self->settings,
                "enable-javascript", TRUE,
                "enable-javascript-markup", FALSE,
                "javascript-can-open-windows-automatically", FALSE,
                "javascript-can-access-clipboard", FALSE,
                "allow-modal-dialogs", FALSE,
                "enable-html5-database", FALSE,
                "enable-html5-local-storage", FALSE,
                "enable-page-cache", FALSE,
                "enable-back-forward-navigation-gestures", FALSE,
                "enable-fullscreen", FALSE,
                "enable-media", FALSE,
                "enable-media-stream", FALSE,
                "enable-mediasource", FALSE,
                "enable-encrypted-media", FALSE,
                "enable-webaudio", FALSE,
                "enable-webgl", FALSE,
                "enable-webrtc", FALSE,
                "enable-site-specific-quirks", FALSE,
                "allow-file-access-from-file-urls", FALSE,
                "allow-universal-access-from-file-urls", FALSE,
                "allow-top-navigation-to-data-urls", FALSE,
                "default-charset", "utf-8",
                "enable-developer-extras", g_getenv ("TIDINGS_PREVIEW_INSPECTOR") != NULL,
                NULL);

  /* Nothing persists: no cookies, no cache on disk. */
  self->session = webkit_network_session_new_ephemeral ();

  self->content_manager = webkit_user_content_manager_new ();
  g_signal_connect (self->content_manager, "script-message-received::tidings",
                    G_CALLBACK (script_message_cb), self);
  webkit_user_content_manager_register_script_message_handler (self->content_manager, "tidings",
                                                               TD_PREVIEW_SCRIPT_WORLD);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "settings", self->settings,
                                 "network-session", self->session,
                                 "user-content-manager", self->content_manager,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self->web_view), GTK_OVERFLOW_HIDDEN);
  self->clamp = ADW_CLAMP (adw_clamp_new ());
  adw_clamp_set_child (self->clamp, GTK_WIDGET (self->web_view));
  gtk_widget_set_parent (GTK_WIDGET (self->clamp), GTK_WIDGET (self));

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);

  rebuild_user_content (self);
  set_width_for_view (self, self->view);
  apply_remote_policy (self);
}
