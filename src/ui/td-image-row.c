/* td-image-row.c: a picture field
 *
 * The row shows a thumbnail and the file name; "Choose…" (or "Replace…")
 * opens a file chooser, a picture file can be dropped on the row and
 * Ctrl+V pastes a copied picture. Each is imported by the document in a
 * worker thread (td_document_import_picture_async(): upright, scaled down,
 * without metadata), with a progress bar under the row meanwhile; the new
 * picture waits in the draft area until Save.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-image-row.h"
#include "td-issue.h"
#include "td-json-path.h"

#define THUMBNAIL_SIZE 56

struct _TdImageRow
{
  AdwActionRow parent_instance;

  GtkWidget *thumbnail;
  GtkWidget *remove_button;
  GtkWidget *choose_button;
  GtkWidget *progress;
  GtkFileChooserNative *chooser;
  GCancellable *importing;  /* the import under way, or NULL */

  TdDocument *document;
  char *scope;              /* the object it edits a field of (td-issue.h) */
  char *path;               /* the field, relative to that object */
};

G_DEFINE_FINAL_TYPE (TdImageRow, td_image_row, ADW_TYPE_ACTION_ROW)

static const char *
current_src (TdImageRow *self)
{
  return td_issue_get_field_string (td_document_get_root (self->document), self->scope,
                                    self->path);
}

static void
set_src (TdImageRow *self,
         const char *src)
{
  g_autofree char *path = td_issue_field_path (td_document_get_root (self->document),
                                               self->scope, self->path);

  if (path != NULL)
    td_document_set_string (self->document, path, src, TD_EDIT_NONE);
}

/* The picture at the size shown, not a camera's 12 megapixels drawn
 * small on every frame the row is in. */
static void
set_thumbnail (TdImageRow *self,
               const char *filename)
{
  int size = THUMBNAIL_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (filename, size, size, TRUE, NULL);
  g_autoptr(GdkPixbuf) upright = pixbuf != NULL ? gdk_pixbuf_apply_embedded_orientation (pixbuf)
                                                : NULL;
  g_autoptr(GdkTexture) texture = upright != NULL ? gdk_texture_new_for_pixbuf (upright) : NULL;

  gtk_picture_set_paintable (GTK_PICTURE (self->thumbnail), GDK_PAINTABLE (texture));
}

static void
set_choose_label (TdImageRow *self,
                  gboolean    has_picture)
{
  const char *label = has_picture ? _("Replace the picture") : _("Choose a picture");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
td_image_row_refresh (TdImageRow *self)
{
  const char *src = current_src (self);
  /* A picture added since the last save is in the draft area. */
  const char *base_dir = td_document_get_picture_dir (self->document, src);
  g_autofree char *full = NULL;

  if (src[0] == '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("No picture"));
      gtk_picture_set_paintable (GTK_PICTURE (self->thumbnail), NULL);
      gtk_widget_set_visible (self->remove_button, FALSE);
      set_choose_label (self, FALSE);
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), src);
  gtk_widget_set_visible (self->remove_button, TRUE);
  set_choose_label (self, TRUE);
  if (base_dir != NULL)
    full = g_build_filename (base_dir, src, NULL);
  if (full != NULL && g_file_test (full, G_FILE_TEST_IS_REGULAR))
    set_thumbnail (self, full);
  else
    {
      gtk_picture_set_paintable (GTK_PICTURE (self->thumbnail), NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("The picture file is missing"));
    }
}

static void
show_error (TdImageRow *self,
            const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  TdImageRow *self = user_data;

  if (self->importing != NULL)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdImageRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = td_document_import_picture_finish (TD_DOCUMENT (source), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->importing);
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_widget_set_sensitive (self->choose_button, TRUE);
  if (relative == NULL)
    {
      show_error (self, error->message);
      return;
    }
  set_src (self, relative);
}

/* One import at a time per row: a new one replaces the one under way. */
static void
import (TdImageRow *self,
        GFile      *file,
        GBytes     *bytes,
        const char *name_hint)
{
  if (self->importing != NULL)
    g_cancellable_cancel (self->importing);
  g_clear_object (&self->importing);
  self->importing = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0.0);
  gtk_widget_set_visible (self->progress, TRUE);
  td_document_import_picture_async (self->document, file, bytes, name_hint, import_progress_cb,
                                    self, self->importing, import_done_cb, g_object_ref (self));
}

gboolean
td_image_row_set_file (TdImageRow *self,
                       GFile      *file,
                       GError    **error)
{
  import (self, file, NULL, NULL);
  return TRUE;
}

gboolean
td_image_row_get_busy (TdImageRow *self)
{
  return self->importing != NULL;
}

GdkPaintable *
td_image_row_get_thumbnail (TdImageRow *self)
{
  return gtk_picture_get_paintable (GTK_PICTURE (self->thumbnail));
}

static void
set_file_or_complain (TdImageRow *self,
                      GFile      *file)
{
  import (self, file, NULL, NULL);
}

static void
chooser_response_cb (TdImageRow *self,
                     int           response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      if (file != NULL)
        set_file_or_complain (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (TdImageRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures (PNG, JPEG, GIF)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/gif");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Picture"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_clicked_cb (TdImageRow *self)
{
  set_src (self, "");
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdImageRow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  set_file_or_complain (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* The type of the section the field is in ("article"), or NULL. */
static const char *
section_type (TdImageRow *self)
{
  const char *type;

  if (!g_str_has_prefix (self->scope, "section/"))
    return self->scope;
  type = td_issue_get_field_string (td_document_get_root (self->document), self->scope, "type");
  return type != NULL && type[0] != '\0' ? type : NULL;
}

static void
paste_texture_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdImageRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source),
                                                                     result, &error);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;

  if (texture == NULL)
    {
      show_error (self, _("The clipboard holds no picture"));
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  /* Named from the section and the day: "article-2026-12-03.jpg". */
  now = g_date_time_new_now_local ();
  name = td_picture_name_for_paste (section_type (self), now);
  import (self, NULL, png, name);
}

static gboolean
paste_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  TdImageRow *self = TD_IMAGE_ROW (widget);

  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (widget), NULL,
                                    paste_texture_cb, g_object_ref (self));
  return TRUE;
}

static void
td_image_row_dispose (GObject *object)
{
  TdImageRow *self = TD_IMAGE_ROW (object);

  if (self->importing != NULL)
    g_cancellable_cancel (self->importing);
  g_clear_object (&self->importing);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (td_image_row_parent_class)->dispose (object);
}

static void
td_image_row_finalize (GObject *object)
{
  TdImageRow *self = TD_IMAGE_ROW (object);

  g_clear_object (&self->document);
  g_free (self->scope);
  g_free (self->path);
  G_OBJECT_CLASS (td_image_row_parent_class)->finalize (object);
}

static void
td_image_row_class_init (TdImageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_image_row_dispose;
  object_class->finalize = td_image_row_finalize;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, paste_cb, NULL);
}

static void
td_image_row_init (TdImageRow *self)
{
  GtkWidget *choose;
  GtkWidget *frame;
  GtkDropTarget *drop;

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 1);
  self->thumbnail = gtk_picture_new ();
  gtk_picture_set_content_fit (GTK_PICTURE (self->thumbnail), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->thumbnail), TRUE);
  gtk_widget_set_size_request (self->thumbnail, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "td-thumbnail");
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (frame, 6);
  gtk_widget_set_margin_bottom (frame, 6);
  gtk_frame_set_child (GTK_FRAME (frame), self->thumbnail);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), frame);

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "flat");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove the picture"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the picture"), -1);
  g_signal_connect_object (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->remove_button);

  choose = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_add_css_class (choose, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a picture"), -1);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (choose, _("Choose a picture, drop one here, or paste one "
                                         "with Ctrl+V"));
  g_signal_connect_object (choose, "clicked", G_CALLBACK (choose_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), choose);
  self->choose_button = choose;

  /* Under the title while a picture is being imported. */
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->progress, 80, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preparing the picture"), -1);
  gtk_widget_set_tooltip_text (self->progress, _("Preparing the picture: turning it upright, "
                                                 "making it smaller, removing the location"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->progress);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
td_image_row_new (TdDocument *document,
                  const char *scope,
                  const char *path,
                  const char *title)
{
  TdImageRow *self = g_object_new (TD_TYPE_IMAGE_ROW, "title", title, NULL);

  self->document = g_object_ref (document);
  self->scope = g_strdup (scope);
  self->path = g_strdup (path);
  td_image_row_refresh (self);
  return GTK_WIDGET (self);
}
