/* td-export-dialog.c: exporting the issue, and what to check first */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-checks.h"
#include "td-export.h"
#include "td-export-dialog.h"
#include "td-handoff-dialog.h"
#include "td-image-info.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-render.h"
#include "td-send-test-dialog.h"
#include "td-settings.h"
#include "td-spell.h"
#include "td-spelling.h"

/* The core's formats (td-render.h), under this file's names. */
typedef enum
{
  FORMAT_WEB = TD_RENDER_WEB,
  FORMAT_EMAIL = TD_RENDER_EMAIL,
  FORMAT_TEXT = TD_RENDER_TEXT,
  FORMAT_EML = TD_RENDER_EML,
} ExportFormat;

struct _TdExportDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *checks_group;
  GtkSwitch *linked_switch;
  AdwActionRow *pictures_row;

  /* owned */
  TdDiagnostics *findings;  /* what the rows of checks_group show */
  GPtrArray *check_rows;    /* those rows, to replace them */
};

G_DEFINE_FINAL_TYPE (TdExportDialog, td_export_dialog, TD_TYPE_DOCUMENT_DIALOG)

static TdDocument *
document_of (TdExportDialog *self)
{
  return td_document_dialog_get_document (TD_DOCUMENT_DIALOG (self));
}

static TdRenderContext
render_context (TdExportDialog *self,
                TdImageUrlMode  image_urls)
{
  return (TdRenderContext) { td_document_get_root (document_of (self)), td_document_get_base_dir (document_of (self)), image_urls };
}

static const char *
public_base_url (TdExportDialog *self)
{
  JsonObject *root = json_node_get_object (td_document_get_root (document_of (self)));

  return td_json_get_string (td_json_get_object (root, "issue"), "public_base_url");
}

/* "august-2023": names the exported files after the issue. */
static char *
dup_stem (TdExportDialog *self)
{
  GFile *file = td_document_get_file (document_of (self));
  JsonObject *root = json_node_get_object (td_document_get_root (document_of (self)));
  const char *date = td_json_get_string (td_json_get_object (root, "issue"), "date");

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      if (g_str_has_suffix (basename, ".tidings"))
        basename[strlen (basename) - strlen (".tidings")] = '\0';
      return g_steal_pointer (&basename);
    }
  if (strlen (date) >= 7)
    return g_strndup (date, 7);
  return g_strdup (_("newsletter"));
}

static void
show_error (TdExportDialog *self,
            GError         *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_exported (TdExportDialog *self,
                GFile          *folder,
                const char     *message)
{
  AdwToast *toast = adw_toast_new (message);
  g_autofree char *uri = g_file_get_uri (folder);

  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_detailed_action_name (toast, "export.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Writes format to target (a folder for the web page, a file otherwise). */
static gboolean
export_to (TdExportDialog  *self,
           ExportFormat     format,
           GFile           *target,
           GError         **error)
{
  g_autofree char *path = g_file_get_path (target);
  g_autoptr(GBytes) bytes = NULL;
  TdRenderContext context;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a folder on this computer"));
      return FALSE;
    }

  /* The email's pictures are fetched from the web version; the web page's
   * are copied beside it. */
  context = render_context (self, format == FORMAT_EMAIL ? TD_IMAGE_URL_ABSOLUTE
                                                         : TD_IMAGE_URL_RELATIVE);
  if (format == FORMAT_WEB)
    return td_export_web (&context, path, error);
  context.eml.date = g_get_real_time () / G_USEC_PER_SEC;
  context.eml.linked_images = gtk_switch_get_active (self->linked_switch);
  bytes = td_render ((TdRenderFormat) format, &context, error);
  if (bytes == NULL)
    return FALSE;
  return td_export_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               error);
}

static gboolean
export_and_toast (TdExportDialog  *self,
                  ExportFormat     format,
                  GFile           *target,
                  GError         **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!export_to (self, format, target, error))
    return FALSE;
  folder = format == FORMAT_WEB ? g_object_ref (target) : g_file_get_parent (target);
  name = g_file_get_basename (target);
  if (format == FORMAT_EMAIL && public_base_url (self)[0] == '\0')
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Exported “%s”; its pictures need the issue’s web address"), name);
  else
    message = g_strdup_printf (_("Exported “%s”"), name);
  toast_exported (self, folder, message);
  return TRUE;
}

static void
export_and_report (TdExportDialog *self,
                   ExportFormat    format,
                   GFile          *target)
{
  g_autoptr(GError) error = NULL;

  if (!export_and_toast (self, format, target, &error))
    show_error (self, error);
}

gboolean
td_export_dialog_export (TdExportDialog  *self,
                         const char      *format,
                         GFile           *target,
                         GError         **error)
{
  TdRenderFormat render_format;

  g_return_val_if_fail (TD_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  if (!td_render_format_from_string (format, &render_format))
    g_return_val_if_reached (FALSE);

  return export_and_toast (self, (ExportFormat) render_format, target, error);
}

static void
replace_web_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  g_autoptr(GFile) folder = user_data;
  TdExportDialog *self = TD_EXPORT_DIALOG (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_str_equal (response, "replace"))
    export_and_report (self, FORMAT_WEB, folder);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TdExportDialog  *self)
{
  ExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "td-format"));
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autoptr(GFile) index = g_file_get_child (target, "index.html");

      /* A folder chooser doesn't ask before replacing what is inside. */
      if (format == FORMAT_WEB && g_file_query_exists (index, NULL))
        {
          g_autofree char *folder_name = g_file_get_basename (target);
          g_autofree char *heading = g_strdup_printf (_("Replace the Web Page in “%s”?"),
                                                      folder_name);
          GtkWidget *dialog =
            adw_message_dialog_new (GTK_WINDOW (self), heading,
                                    _("The folder already has an index.html. Exporting "
                                      "replaces it and the pictures of the same names."));

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "replace", _("_Replace"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect (dialog, "response", G_CALLBACK (replace_web_response_cb),
                            g_steal_pointer (&target));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        export_and_report (self, format, target);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_target (TdExportDialog *self,
               ExportFormat    format)
{
  static const struct
  {
    const char *title;
    const char *extension;
    const char *filter_name;
    const char *mime_type;
  } formats[] = {
    [FORMAT_WEB] = { N_("Choose a Folder for the Web Page"), NULL, NULL, NULL },
    [FORMAT_EMAIL] = { N_("Export the Email"), ".html", N_("Web Pages"), "text/html" },
    [FORMAT_TEXT] = { N_("Export the Plain Text"), ".txt", N_("Text Files"), "text/plain" },
    [FORMAT_EML] = { N_("Export the Email Message"), ".eml", N_("Email Messages"), "message/rfc822" },
  };
  GtkFileChooserNative *chooser;
  g_autofree char *stem = dup_stem (self);
  GFile *file = td_document_get_file (document_of (self));

  chooser = gtk_file_chooser_native_new (_(formats[format].title), GTK_WINDOW (self),
                                         format == FORMAT_WEB
                                         ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         format == FORMAT_WEB ? _("_Select") : _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  if (format != FORMAT_WEB)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *name = g_strconcat (stem, formats[format].extension, NULL);

      gtk_file_filter_set_name (filter, _(formats[format].filter_name));
      gtk_file_filter_add_mime_type (filter, formats[format].mime_type);
      gtk_file_filter_add_suffix (filter, formats[format].extension + 1);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data (G_OBJECT (chooser), "td-format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);

  if (g_str_equal (action_name, "export.web"))
    choose_target (self, FORMAT_WEB);
  else if (g_str_equal (action_name, "export.email"))
    choose_target (self, FORMAT_EMAIL);
  else if (g_str_equal (action_name, "export.text"))
    choose_target (self, FORMAT_TEXT);
  else if (g_str_equal (action_name, "export.eml"))
    choose_target (self, FORMAT_EML);
}

static void
copy_email_html_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  TdRenderContext context = render_context (self, TD_IMAGE_URL_ABSOLUTE);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = NULL;
  AdwToast *toast;

  /* The mailing service fetches the pictures from the web version. */
  bytes = td_render (TD_RENDER_EMAIL, &context, NULL);
  html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), html);

  if (public_base_url (self)[0] == '\0')
    {
      toast = adw_toast_new (_("Email copied, but its pictures won’t show until the issue "
                               "has a web address"));
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_detailed_action_name (toast, "export.show-path::issue.public_base_url");
    }
  else
    toast = adw_toast_new (_("Email copied: paste it into your mailing service"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));
  g_autoptr(GVariant) path = g_variant_ref (parameter);

  /* The dialog is modal: out of the way first, then to the field, which
   * the window it belongs to knows how to show. */
  if (parent != NULL)
    g_object_ref (parent);
  gtk_window_destroy (GTK_WINDOW (widget));
  if (parent != NULL)
    {
      gtk_widget_activate_action_variant (GTK_WIDGET (parent), "win.show-path", path);
      g_object_unref (parent);
    }
}

/* The test send and the hand-off, over this dialog. */
static void
delivery_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  GtkWidget *dialog = g_str_equal (action_name, "export.send-test")
                      ? td_send_test_dialog_new (document_of (self))
                      : td_handoff_dialog_new (document_of (self));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
add_row (TdExportDialog *self,
         GtkWidget      *row)
{
  adw_preferences_group_add (self->checks_group, row);
  g_ptr_array_add (self->check_rows, row);
}

/* Her library folder (the "library-folder" setting) when the issue at
 * @path is inside it, else NULL: the checks then go by the issue's place. */
static char *
dup_library_of (const char *path)
{
  g_autoptr(GSettings) settings = td_settings_new ();
  g_autofree char *library = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;

  if (settings == NULL || path == NULL)
    return NULL;
  library = g_settings_get_string (settings, "library-folder");
  if (library[0] == '\0')
    return NULL;
  folder = g_file_new_for_path (library);
  file = g_file_new_for_path (path);
  return g_file_has_prefix (file, folder) ? g_steal_pointer (&library) : NULL;
}

/* A finding about a stored picture that "Make Smaller" can fix: too
 * heavy, or telling where it was taken. */
static gboolean
finding_is_about_picture (TdExportDialog     *self,
                          const TdDiagnostic *diag)
{
  JsonNode *node;

  if (diag->path == NULL
      || (g_strcmp0 (diag->code, "picture-size") != 0
          && g_strcmp0 (diag->code, "picture-location") != 0))
    return FALSE;
  node = td_json_path_lookup (td_document_get_root (document_of (self)), diag->path);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && td_image_path_has_image_extension (json_node_get_string (node));
}

/* Runs the checks and shows their findings, in place of those shown. */
static void
add_check_rows (TdExportDialog *self)
{
  TdDiagnostics *diags;
  TdRenderContext context = render_context (self, TD_IMAGE_URL_ABSOLUTE);
  GFile *file = td_document_get_file (document_of (self));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *library = dup_library_of (path);
  guint n;

  for (guint i = 0; i < self->check_rows->len; i++)
    adw_preferences_group_remove (self->checks_group, self->check_rows->pdata[i]);
  g_ptr_array_set_size (self->check_rows, 0);
  adw_preferences_group_set_description (self->checks_group, NULL);
  g_clear_pointer (&self->findings, td_diagnostics_free);
  self->findings = diags = td_diagnostics_new ();

  td_checks_run_for_file (&context, path, library, diags);
  /* And the words underlined in the fields, when she has spelling on and
   * the dictionary has loaded. */
  if (td_spell_get_enabled ())
    {
      g_autoptr(TdSpeller) speller =
        td_speller_get_shared_deferred (td_json_path_get_string (context.root, "issue.language"));

      if (!td_speller_is_loading (speller))
        td_spelling_check_issue (speller, context.root, diags);
    }
  n = td_diagnostics_get_n_items (diags);

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Ready to send"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Tidings found nothing to fix"));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, row);
      return;
    }

  {
    guint errors = td_diagnostics_count (diags, TD_SEVERITY_ERROR);
    g_autofree char *description = NULL;

    if (errors > 0)
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u problem would break the email: fix it first",
                                                  "%u problems would break the email: fix them first",
                                                  errors),
                                     errors);
    else
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u thing to look at before you send",
                                                  "%u things to look at before you send",
                                                  n),
                                     n);
    adw_preferences_group_set_description (self->checks_group, description);
  }

  for (guint i = 0; i < n; i++)
    {
      const TdDiagnostic *diag = td_diagnostics_get_item (diags, i);
      GtkWidget *row = adw_action_row_new ();
      gboolean is_error = diag->severity == TD_SEVERITY_ERROR;
      GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                               : "dialog-warning-symbolic");
      g_autofree char *title = g_strdup (diag->message);

      /* Messages are sentences without their first capital. */
      if (title[0] != '\0')
        {
          gunichar first = g_unichar_totitle (g_utf8_get_char (title));
          char buffer[8] = { 0 };
          const char *rest = g_utf8_next_char (title);
          g_autofree char *capitalised = NULL;

          g_unichar_to_utf8 (first, buffer);
          capitalised = g_strconcat (buffer, rest, NULL);
          g_free (title);
          title = g_steal_pointer (&capitalised);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      is_error ? _("Problem") : _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      if (diag->path != NULL)
        {
          g_autofree char *where = td_issue_describe_path (td_document_get_root (document_of (self)),
                                                          diag->path);
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show"));
          g_autofree char *accessible = NULL;

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "export.show-path");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                  g_variant_new_string (diag->path));
          /* Translators: %s is where a field is, "Issue Settings › Email subject" */
          accessible = g_strdup_printf (_("Show %s"), where);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
        }
      if (finding_is_about_picture (self, diag))
        {
          GtkWidget *smaller = gtk_button_new_with_mnemonic (_("Make _Smaller"));

          gtk_widget_set_valign (smaller, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (smaller, _("Store the picture upright, at most 2,400 "
                                                  "pixels, without its location"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (smaller), "export.make-smaller");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (smaller),
                                                  g_variant_new_string (diag->path));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), smaller);
        }
      /* A finding she may judge for herself: dismissed for this occurrence
       * only, saved with the issue, undone like any edit. */
      if (td_checks_can_dismiss (diag))
        {
          GtkWidget *dismiss = gtk_button_new_with_mnemonic (_("_Dismiss"));

          gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (dismiss, _("Not a problem here: don’t show this again "
                                                  "for this text"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "export.dismiss");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (dismiss),
                                                  g_variant_new_uint32 (i));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
        }
      add_row (self, row);
    }
}

/* "Make Smaller" on a heavy picture, or one that tells where it was
 * taken: stored again as an import would, in one undo step. */
static void
make_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  JsonNode *node = td_json_path_lookup (td_document_get_root (document_of (self)),
                                        g_variant_get_string (parameter, NULL));
  g_autofree char *src = node != NULL && JSON_NODE_HOLDS_VALUE (node)
                         ? g_strdup (json_node_get_string (node)) : NULL;
  g_autoptr(GPtrArray) rewrites = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (src == NULL)
    return;
  rewrites = td_document_make_pictures_smaller (document_of (self), src, FALSE, NULL, &error);
  if (rewrites == NULL)
    {
      show_error (self, error);
      return;
    }
  if (rewrites->len == 0)
    message = g_strdup (_("The picture is already as small as an added picture"));
  else
    {
      const TdPictureRewrite *r = g_ptr_array_index (rewrites, 0);
      g_autofree char *before = g_format_size (r->bytes_before);
      g_autofree char *after = g_format_size (r->bytes_after);

      /* Translators: a picture's weight before and after, "7.1 MB" */
      message = g_strdup_printf (_("Picture made smaller: %s → %s, without its location"),
                                 before, after);
    }
  toast = adw_toast_new (message);
  if (rewrites->len > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "export.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  add_check_rows (self);
}

/* The toasts' Undo (of Make Smaller and of Dismiss): one step back on the
 * document's undo stack, and the findings listed again. */
static void
undo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);

  if (td_document_undo (document_of (self)))
    add_check_rows (self);
}

/* Where linked pictures are loaded from, in plain words: the email's HTML
 * always links them; the .eml does when the switch says so. */
static void
explain_pictures (TdExportDialog *self)
{
  const char *base = public_base_url (self);
  g_autofree char *text = NULL;

  if (base[0] != '\0')
    /* Translators: both %s are the issue's web address */
    text = g_strdup_printf (_("The email’s HTML, copied or saved, and a .eml with linked pictures "
                              "load them from %s%simages/. Upload the web page folder (below, or "
                              "with Publish) to exactly %s before you send, or they will be "
                              "broken; a hand-off to your mailing service uploads them for you"),
                            base, g_str_has_suffix (base, "/") ? "" : "/", base);
  else
    text = g_strdup (_("The email’s HTML, copied or saved, links its pictures to the web page, "
                       "but the issue has no web address yet: set it in Issue Settings and "
                       "upload the web page there, or send the .eml, which carries its "
                       "pictures"));
  adw_action_row_set_subtitle (self->pictures_row, text);
}

/* Dismisses the finding at the index given, through the document's undo
 * stack, and offers to undo it. */
static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);
  AdwToast *toast;

  if (self->findings == NULL || index >= td_diagnostics_get_n_items (self->findings) ||
      !td_checks_can_dismiss (td_diagnostics_get_item (self->findings, index)))
    return;
  td_checks_dismiss (document_of (self), td_diagnostics_get_item (self->findings, index));
  add_check_rows (self);

  toast = adw_toast_new (_("Finding dismissed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "export.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
td_export_dialog_constructed (GObject *object)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (td_export_dialog_parent_class)->constructed (object);
  add_check_rows (self);
  explain_pictures (self);
}

static void
td_export_dialog_dispose (GObject *object)
{
  TdExportDialog *self = TD_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_EXPORT_DIALOG);
  g_clear_pointer (&self->findings, td_diagnostics_free);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (td_export_dialog_parent_class)->dispose (object);
}

static void
td_export_dialog_class_init (TdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_export_dialog_constructed;
  object_class->dispose = td_export_dialog_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, checks_group);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, linked_switch);
  gtk_widget_class_bind_template_child (widget_class, TdExportDialog, pictures_row);

  gtk_widget_class_install_action (widget_class, "export.copy-email-html", NULL,
                                   copy_email_html_action);
  gtk_widget_class_install_action (widget_class, "export.email", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.text", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.eml", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.web", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.show-path", "s", show_path_action);
  gtk_widget_class_install_action (widget_class, "export.make-smaller", "s", make_smaller_action);
  gtk_widget_class_install_action (widget_class, "export.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "export.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "export.dismiss", "u", dismiss_action);
  gtk_widget_class_install_action (widget_class, "export.send-test", NULL, delivery_action);
  gtk_widget_class_install_action (widget_class, "export.handoff", NULL, delivery_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_export_dialog_init (TdExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->check_rows = g_ptr_array_new ();
}

GtkWidget *
td_export_dialog_new (TdDocument *document)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  return g_object_new (TD_TYPE_EXPORT_DIALOG, "document", document, NULL);
}
