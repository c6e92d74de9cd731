/* td-preview.c: the live preview pane
 *
 * The generator and the page are apart, as in GNOME Builder's HTML preview:
 * this widget decides what to show and when (a render in a worker thread,
 * td_render_async()), the page (td-preview-page.c) shows it.
 *
 * Coalescing, without timers: every change marks the preview dirty; if
 * nothing is in flight an update starts at once, else it waits. An update
 * is one render and one load; when its load finishes and the preview is
 * dirty again, the next update renders the document as it is then, so any
 * number of changes during a load cost one more load, of the newest state.
 */

#include "config.h"

#include "td-preview.h"
#include "td-preview-focus.h"
#include "td-preview-page.h"
#include "td-preview-private.h"
#include "td-render.h"
#include "td-ui-util.h"

/* Reloads after the web process ended, before giving up until the next
 * change. */
#define MAX_RECOVERIES 3

struct _TdPreview
{
  GtkWidget       parent_instance;

  /* template widgets */
  TdPreviewPage  *page;
  GtkWidget      *toolbar;
  GtkWidget      *view_buttons[4];
  GtkMenuButton  *menu_button;

  /* owned */
  TdDocument     *document;
  GCancellable   *cancellable;
  char           *base_uri;         /* of the render in flight */

  TdPreviewView   view;
  guint           recoveries;
  guint           update_source;    /* an update starting at the next idle */
  guint64         change_serial;    /* counts the changes */
  guint64         update_serial;    /* the change the update in flight shows */
  guint64         shown_serial;     /* the change the pane shows */

  guint           dark : 1;
  guint           images_off : 1;
  guint           load_remote_images : 1;
  guint           in_flight : 1;    /* a render or load */
  guint           busy : 1;         /* in flight, or about to be */
  guint           dirty : 1;        /* changed since the update in flight began */
  guint           disposed : 1;
};

G_DEFINE_FINAL_TYPE (TdPreview, td_preview, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (TdPreviewView, td_preview_view,
                    G_DEFINE_ENUM_VALUE (TD_PREVIEW_VIEW_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (TD_PREVIEW_VIEW_WEB, "web"),
                    G_DEFINE_ENUM_VALUE (TD_PREVIEW_VIEW_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (TD_PREVIEW_VIEW_TEXT, "text"))

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_VIEW,
  PROP_DARK,
  PROP_IMAGES_OFF,
  PROP_LOAD_REMOTE_IMAGES,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SECTION_ACTIVATED,
  LOAD_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Task source tags (a function pointer would upset -Wpedantic). */
static char print_tag;

static void start_update (TdPreview *self);

static TdRenderFormat
format_for_view (TdPreviewView view)
{
  switch (view)
    {
    case TD_PREVIEW_VIEW_WEB:
      return TD_RENDER_WEB;
    case TD_PREVIEW_VIEW_TEXT:
      return TD_RENDER_TEXT;
    case TD_PREVIEW_VIEW_EMAIL:
    case TD_PREVIEW_VIEW_PHONE:
    default:
      return TD_RENDER_EMAIL;
    }
}

/* What the pane shows: the very bytes export writes, but with pictures
 * from the folder, and the plain text as a page. */
static void
render_async (TdPreview           *self,
              TdRenderFormat       format,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  TdRenderContext context = {
    .root = td_document_get_root (self->document),
    .base_dir = td_document_get_base_dir (self->document),
    .image_urls = TD_IMAGE_URL_RELATIVE,
    .text_page = TRUE,
    /* Pictures added since the last save, by their file:// URLs. */
    .draft_dir = td_document_get_draft_dir (self->document),
  };

  td_render_async (format, &context, cancellable, callback, user_data);
}

static void
set_busy (TdPreview *self,
          gboolean   busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
start_update_cb (gpointer data)
{
  TdPreview *self = data;

  self->update_source = 0;
  if (!self->in_flight && self->dirty)
    start_update (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (TdPreview *self)
{
  if (self->in_flight || self->update_source != 0 || self->disposed || !self->dirty)
    return;
  set_busy (self, TRUE);
  /* Hidden (a folded window showing the editor): nothing to render until
   * the pane is shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, start_update_cb, self, NULL);
}

/* Something the pane shows changed: show it, right after the changes that
 * come together (one event, one paste, one undo of a group: before the next
 * frame is drawn), or after the update in flight. */
static void
invalidate (TdPreview *self)
{
  self->change_serial++;
  self->dirty = TRUE;
  schedule_update (self);
}

static void
update_finished (TdPreview *self,
                 gboolean   loaded)
{
  self->in_flight = FALSE;
  if (loaded)
    {
      self->shown_serial = self->update_serial;
      g_signal_emit (self, signals[LOAD_FINISHED], 0);
    }
  /* The newest state, at once: the changes made during the load are in
   * (or, hidden, when the pane is shown again). */
  if (!self->dirty)
    set_busy (self, FALSE);
  else if (!self->disposed && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_update (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = td_preview_page_load_finish (TD_PREVIEW_PAGE (object), result, &error);
  if (self->disposed)
    return;

  if (loaded)
    {
      self->recoveries = 0;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) &&
           self->recoveries < MAX_RECOVERIES)
    {
      /* The web process ended mid-load: WebKit starts a new one. */
      self->recoveries++;
      self->dirty = TRUE;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("The preview could not load the issue: %s", error->message);
    }

  update_finished (self, loaded);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdPreview) self = user_data;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GError) error = NULL;

  html = td_render_finish (result, &error);
  if (self->disposed)
    return;

  if (html == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The preview could not render the issue: %s", error->message);
      update_finished (self, FALSE);
      return;
    }

  td_preview_page_load_async (self->page, html, self->base_uri, self->cancellable, load_cb,
                              g_object_ref (self));
}

static void
start_update (TdPreview *self)
{
  const char *base_dir;

  g_assert (!self->in_flight);

  set_busy (self, TRUE);
  self->in_flight = TRUE;
  self->dirty = FALSE;
  self->update_serial = self->change_serial;

  if (self->document == NULL)
    {
      static const char blank[] = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                                  "<body></body></html>";
      g_autoptr(GBytes) html = g_bytes_new_static (blank, sizeof blank - 1);

      g_clear_pointer (&self->base_uri, g_free);
      td_preview_page_load_async (self->page, html, NULL, self->cancellable, load_cb,
                                  g_object_ref (self));
      return;
    }

  /* Reading the reader's place runs alongside the render. */
  td_preview_page_save_place (self->page);

  base_dir = td_document_get_base_dir (self->document);
  g_free (self->base_uri);
  self->base_uri = td_render_base_uri (base_dir);
  render_async (self, format_for_view (self->view), self->cancellable, render_cb,
                g_object_ref (self));
}

static void
update_chrome (TdPreview *self)
{
  td_preview_page_set_chrome (self->page, self->view, self->dark, self->images_off);
  invalidate (self);
}

static void
document_changed_cb (TdPreview  *self,
                     TdDocument *document)
{
  invalidate (self);
}

static void
document_notify_base_dir_cb (TdPreview  *self,
                         GParamSpec *pspec,
                         TdDocument *document)
{
  /* Saved elsewhere: pictures resolve against another folder. */
  invalidate (self);
}

static void
page_section_activated_cb (TdPreview  *self,
                           const char *section_id)
{
  g_signal_emit (self, signals[SECTION_ACTIVATED], 0, section_id);
}

/* Printing */

static void
print_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_preview_page_print_finish (TD_PREVIEW_PAGE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
print_render_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdPreview *self = g_task_get_source_object (task);
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GError) error = NULL;

  if ((html = td_render_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->disposed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The preview was closed");
      return;
    }

  td_preview_page_print_async (self->page, html, g_task_get_task_data (task),
                               g_object_get_data (G_OBJECT (task), "print-settings"),
                               g_task_get_cancellable (task), print_done_cb,
                               g_object_ref (task));
}

void
_td_preview_print_async (TdPreview           *self,
                         GtkPrintSettings    *print_settings,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *base_dir;

  g_return_if_fail (TD_IS_PREVIEW (self));
  g_return_if_fail (!print_settings || GTK_IS_PRINT_SETTINGS (print_settings));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &print_tag);

  if (self->document == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Nothing to print");
      return;
    }

  base_dir = td_document_get_base_dir (self->document);
  g_task_set_task_data (task, td_render_base_uri (base_dir), g_free);
  if (print_settings != NULL)
    g_object_set_data_full (G_OBJECT (task), "print-settings", g_object_ref (print_settings),
                            g_object_unref);

  /* Always the web version, whatever the view shows. */
  render_async (self, TD_RENDER_WEB, cancellable, print_render_cb, g_steal_pointer (&task));
}

gboolean
_td_preview_print_finish (TdPreview     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
print_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!_td_preview_print_finish (TD_PREVIEW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not print the issue: %s", error->message);
}

void
td_preview_print (TdPreview *self)
{
  g_return_if_fail (TD_IS_PREVIEW (self));

  if (self->document != NULL)
    _td_preview_print_async (self, NULL, NULL, print_cb, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  td_preview_print (TD_PREVIEW (widget));
}

/* Properties */

TdDocument *
td_preview_get_document (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), NULL);

  return self->document;
}

void
td_preview_set_document (TdPreview  *self,
                         TdDocument *document)
{
  g_return_if_fail (TD_IS_PREVIEW (self));
  g_return_if_fail (!document || TD_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::base-dir", G_CALLBACK (document_notify_base_dir_cb),
                               self, G_CONNECT_SWAPPED);
      /* Saved: pictures that waited in the draft area are in the issue's
       * folder now, and their file:// URLs lead nowhere. */
      g_signal_connect_object (document, "notify::modified", G_CALLBACK (document_notify_base_dir_cb),
                               self, G_CONNECT_SWAPPED);
    }

  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

TdPreviewView
td_preview_get_view (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), TD_PREVIEW_VIEW_EMAIL);

  return self->view;
}

void
td_preview_set_view (TdPreview     *self,
                     TdPreviewView  view)
{
  g_return_if_fail (TD_IS_PREVIEW (self));
  g_return_if_fail (view <= TD_PREVIEW_VIEW_TEXT);

  if (self->view == view)
    return;
  self->view = view;
  update_chrome (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

gboolean
td_preview_get_dark (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), FALSE);

  return self->dark;
}

void
td_preview_set_dark (TdPreview *self,
                     gboolean   dark)
{
  g_return_if_fail (TD_IS_PREVIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  update_chrome (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

gboolean
td_preview_get_images_off (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), FALSE);

  return self->images_off;
}

void
td_preview_set_images_off (TdPreview *self,
                           gboolean   images_off)
{
  g_return_if_fail (TD_IS_PREVIEW (self));

  images_off = !!images_off;
  if (self->images_off == images_off)
    return;
  self->images_off = images_off;
  update_chrome (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGES_OFF]);
}

gboolean
td_preview_get_load_remote_images (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), FALSE);

  return self->load_remote_images;
}

void
td_preview_set_load_remote_images (TdPreview *self,
                                   gboolean   load_remote_images)
{
  g_return_if_fail (TD_IS_PREVIEW (self));

  load_remote_images = !!load_remote_images;
  if (self->load_remote_images == load_remote_images)
    return;
  self->load_remote_images = load_remote_images;
  td_preview_page_set_load_remote_images (self->page, load_remote_images);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_REMOTE_IMAGES]);
}

gboolean
td_preview_get_busy (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), FALSE);

  return self->busy;
}

void
td_preview_scroll_to_section (TdPreview  *self,
                              const char *section_id)
{
  g_return_if_fail (TD_IS_PREVIEW (self));
  g_return_if_fail (section_id != NULL);

  td_preview_page_scroll_to_section (self->page, section_id);
}

WebKitWebView *
td_preview_get_web_view (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), NULL);

  return td_preview_page_get_web_view (self->page);
}

guint64
_td_preview_get_change_serial (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), 0);

  return self->change_serial;
}

guint64
_td_preview_get_shown_serial (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), 0);

  return self->shown_serial;
}

TdPreviewPage *
_td_preview_get_page (TdPreview *self)
{
  g_return_val_if_fail (TD_IS_PREVIEW (self), NULL);

  return self->page;
}

GtkWidget *
td_preview_new (void)
{
  return g_object_new (TD_TYPE_PREVIEW, NULL);
}

static void
td_preview_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_preview_parent_class)->map (widget);

  /* The changes made while hidden. */
  schedule_update (TD_PREVIEW (widget));
}

static void
td_preview_dispose (GObject *object)
{
  TdPreview *self = TD_PREVIEW (object);
  GtkWidget *child;

  self->disposed = TRUE;
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PREVIEW);
  /* The template's unnamed children too (GTK 4.8 leaves them). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (td_preview_parent_class)->dispose (object);
}

static void
td_preview_finalize (GObject *object)
{
  TdPreview *self = TD_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->base_uri);

  G_OBJECT_CLASS (td_preview_parent_class)->finalize (object);
}

static void
td_preview_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TdPreview *self = TD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_IMAGES_OFF:
      g_value_set_boolean (value, self->images_off);
      break;
    case PROP_LOAD_REMOTE_IMAGES:
      g_value_set_boolean (value, self->load_remote_images);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preview_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TdPreview *self = TD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      td_preview_set_document (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      td_preview_set_view (self, g_value_get_enum (value));
      break;
    case PROP_DARK:
      td_preview_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_IMAGES_OFF:
      td_preview_set_images_off (self, g_value_get_boolean (value));
      break;
    case PROP_LOAD_REMOTE_IMAGES:
      td_preview_set_load_remote_images (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preview_class_init (TdPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preview_dispose;
  object_class->finalize = td_preview_finalize;
  object_class->get_property = td_preview_get_property;
  object_class->set_property = td_preview_set_property;

  widget_class->map = td_preview_map;
  widget_class->focus = _td_preview_focus;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TD_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, TD_TYPE_PREVIEW_VIEW, TD_PREVIEW_VIEW_EMAIL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGES_OFF] =
    g_param_spec_boolean ("images-off", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOAD_REMOTE_IMAGES] =
    g_param_spec_boolean ("load-remote-images", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdPreview::section-activated:
   * @section_id: the "id" of the section the user clicked in the page
   */
  signals[SECTION_ACTIVATED] =
    g_signal_new ("section-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TdPreview::load-finished:
   *
   * A load finished: the pane shows the document as it was when its render
   * began. TdPreview:busy tells whether a newer state is on its way (it
   * turns FALSE right after this signal when the pane is up to date).
   */
  signals[LOAD_FINISHED] =
    g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreview, page);
  gtk_widget_class_bind_template_child (widget_class, TdPreview, toolbar);
  gtk_widget_class_bind_template_child_full (widget_class, "email_button", FALSE,
                                             G_STRUCT_OFFSET (TdPreview, view_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "web_button", FALSE,
                                             G_STRUCT_OFFSET (TdPreview, view_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "phone_button", FALSE,
                                             G_STRUCT_OFFSET (TdPreview, view_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "text_button", FALSE,
                                             G_STRUCT_OFFSET (TdPreview, view_buttons[3]));
  gtk_widget_class_bind_template_child (widget_class, TdPreview, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, page_section_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "preview.view", "view");
  gtk_widget_class_install_property_action (widget_class, "preview.dark", "dark");
  gtk_widget_class_install_property_action (widget_class, "preview.images-off", "images-off");
  gtk_widget_class_install_property_action (widget_class, "preview.load-remote-images",
                                            "load-remote-images");
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (TD_TYPE_PREVIEW_PAGE);
}

static void
td_preview_init (TdPreview *self)
{
  GtkLayoutManager *layout;

  self->cancellable = g_cancellable_new ();
  self->view = TD_PREVIEW_VIEW_EMAIL;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  td_preview_page_set_chrome (self->page, self->view, self->dark, self->images_off);

  for (guint i = 0; i < G_N_ELEMENTS (self->view_buttons); i++)
    td_toggle_button_checked_state (GTK_TOGGLE_BUTTON (self->view_buttons[i]));
  td_menu_button_quiet_tooltip (self->menu_button);
  _td_preview_focus_init (GTK_WIDGET (self), self->toolbar,
                          GTK_WIDGET (td_preview_page_get_web_view (self->page)));
}
