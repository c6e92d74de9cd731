/* td-window-files.c: the window's files -- new, open, save and Save As,
 * the unsaved-changes question and recent issues
 *
 * Saving itself is the document's (td_document_save_async(), which also
 * takes the pictures along to another folder, off the main thread); here
 * are only the questions it may need answered: where, overwrite another
 * program's changes, or replace pictures in the way.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-folder-access.h"
#include "td-folder-request.h"
#include "td-issue.h"
#include "td-issue-saver.h"
#include "td-json-path.h"
#include "td-next-issue.h"
#include "td-sample.h"
#include "td-ui-util.h"
#include "td-window-private.h"

#define MAX_RECENT_ITEMS 10

/* -- Remembering files --------------------------------------------------- */

void
_td_window_remember_file (TdWindow *self)
{
  GFile *file = td_document_get_file (self->document);
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  data.mime_type = (char *) TD_TIDINGS_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "tidings %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-file", uri);
}

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *) b),
                              gtk_recent_info_get_modified ((GtkRecentInfo *) a));
}

static void
update_recent_menu (TdWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent_newest_first);
  for (GList *l = items; l != NULL && n < MAX_RECENT_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".tidings") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (n == 0)
    g_menu_append (self->recent_menu, _("No Recent Issues"), "win.no-recent");
}

/* -- Loading ------------------------------------------------------------- */

gboolean
td_window_load_file (TdWindow          *self,
                     GFile             *file,
                     TdWindowLoadFlags  flags)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;

  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  document = td_document_new_from_file (file, diags);
  if (document == NULL)
    {
      g_autofree char *name = _td_window_dup_display_name (file);
      g_autofree char *heading = NULL;
      g_autofree char *details = td_diagnostics_format (diags, name);

      if ((flags & TD_WINDOW_LOAD_QUIETLY) != 0)
        return FALSE;
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      _td_window_show_message (self, heading,
                               _("Tidings found these problems in the file and left it as it "
                                 "is. If someone edited it by hand, the messages say where to "
                                 "look."),
                               details);
      return FALSE;
    }

  td_window_set_document (self, document);
  _td_window_remember_file (self);
  if (td_document_get_from_version (document) < TD_FORMAT_VERSION)
    td_window_add_toast (self, adw_toast_new (_("This issue was written by an older Tidings; "
                                                "saving it updates the file")));
  /* Inside the Flatpak, an issue that came through the portal alone: ask
   * for its folder rather than show it without its pictures. */
  _td_window_check_folder_access (self);
  return TRUE;
}

void
td_window_load_sample (TdWindow *self)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;

  g_return_if_fail (TD_IS_WINDOW (self));

  document = td_sample_open_copy (diags);
  if (document == NULL)
    {
      g_autofree char *details = td_diagnostics_format (diags, "august-2023.tidings");

      g_warning ("The sample issue could not be loaded:\n%s", details);
      document = td_document_new ();
    }
  td_window_set_document (self, document);
}

void
td_window_restore (TdWindow   *self,
                   TdDocument *document)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (TD_IS_DOCUMENT (document));

  td_window_set_document (self, document);
  _td_window_remember_file (self);
  /* At once: the copy that was offered is about to be deleted. */
  td_recovery_write_now (self->recovery, NULL);
  td_window_add_toast (self, adw_toast_new (_("Unsaved changes recovered")));
}

/* -- Saving -------------------------------------------------------------- */

typedef struct
{
  GFile *file;
  TdSaveFlags flags;
  GtkNativeDialog *chooser;
  GFile *made_folder;        /* the month's folder made for a new issue of the
                              * library: removed again if the save fails */
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_object (&save->made_folder);
  if (save->chooser != NULL)
    gtk_native_dialog_destroy (save->chooser);
  g_clear_object (&save->chooser);
  g_free (save);
}

static void save_start (GTask *task);

static GtkWidget *
new_question (TdWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* The answer to "changed on disk" or "pictures in the way": a flag to save
 * again with, or cancel. */
static void
save_question_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);

  if (g_str_equal (response, "overwrite"))
    save->flags |= TD_SAVE_FLAGS_OVERWRITE;
  else if (g_str_equal (response, "replace"))
    save->flags |= TD_SAVE_FLAGS_REPLACE_PICTURES;
  else if (g_str_equal (response, "keep"))
    save->flags |= TD_SAVE_FLAGS_KEEP_PICTURES;
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  save_start (g_steal_pointer (&task));
}

static void
ask_overwrite (GTask *task)
{
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  g_autofree char *name = _td_window_dup_display_name (save->file);
  /* Translators: %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  GtkWidget *dialog = new_question (self, heading,
                                    _("Another program changed the file since you opened it. "
                                      "Overwriting it replaces those changes with yours."));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "overwrite", _("_Overwrite"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_question_response_cb), task);
  td_buttons_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_about_pictures (GTask *task,
                    GStrv  conflicts)
{
  TdWindow *self = g_task_get_source_object (task);
  g_autofree char *list = conflicts != NULL ? g_strjoinv ("\n", conflicts) : g_strdup ("");
  GtkWidget *dialog = new_question (self, _("Replace Pictures?"),
                                    _("The folder you chose already has pictures with the same "
                                      "names as this issue’s, but different. Keep them, or "
                                      "replace them with this issue’s pictures?"));
  GtkWidget *label = gtk_label_new (list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Theirs"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  g_signal_connect (dialog, "response", G_CALLBACK (save_question_response_cb), task);
  td_buttons_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
document_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdWindow *self = g_task_get_source_object (task);
  g_auto(GStrv) conflicts = NULL;
  GError *error = NULL;
  SaveData *save;

  if (td_document_save_finish (TD_DOCUMENT (object), result, &conflicts, &error))
    {
      _td_window_remember_file (self);
      _td_window_update_title (self);
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The document may have been replaced meanwhile: nothing to ask then. */
  if (TD_DOCUMENT (object) == self->document &&
      g_error_matches (error, TD_SAVE_ERROR, TD_SAVE_ERROR_CHANGED_ON_DISK))
    {
      g_error_free (error);
      ask_overwrite (g_steal_pointer (&task));
      return;
    }
  if (TD_DOCUMENT (object) == self->document &&
      g_error_matches (error, TD_SAVE_ERROR, TD_SAVE_ERROR_PICTURES))
    {
      g_error_free (error);
      ask_about_pictures (g_steal_pointer (&task), conflicts);
      return;
    }
  /* A new issue of the library that couldn't be saved leaves no empty
   * folder behind (only empty ones are removed). */
  save = g_task_get_task_data (task);
  if (save->made_folder != NULL)
    {
      g_autoptr(GFile) images = g_file_get_child (save->made_folder, "images");

      g_file_delete (images, NULL, NULL);
      g_file_delete (save->made_folder, NULL, NULL);
    }
  g_task_return_error (task, error);
}

static void
save_start (GTask *task)
{
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);

  td_document_save_async (self->document, save->file, save->flags,
                          g_task_get_cancellable (task), document_saved_cb, task);
}

/* "2023-09.tidings": months sort in order in the file chooser. */
static char *
suggest_file_name (TdWindow *self)
{
  JsonNode *root = td_document_get_root (self->document);
  const char *date = td_json_path_get_string (root, "issue.date");
  const char *title = td_json_path_get_string (root, "issue.title");
  g_autoptr(GString) name = g_string_new (NULL);

  if (strlen (date) >= 7)
    g_string_append_len (name, date, 7);
  else if (title[0] != '\0')
    {
      for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '/' || c == '\\' || c == ':')
            g_string_append_c (name, '-');
          else
            g_string_append_unichar (name, c);
        }
    }
  else
    g_string_append (name, _("issue"));
  g_string_append (name, ".tidings");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static GtkFileFilter *
new_issue_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Newsletter Issues"));
  gtk_file_filter_add_mime_type (filter, TD_TIDINGS_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "tidings");
  return filter;
}

/* "september" means "september.tidings", unless that would replace a file
 * the chooser didn't ask about. */
static GFile *
with_suffix (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *suffixed = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) other = NULL;

  if (g_str_has_suffix (basename, ".tidings"))
    return g_object_ref (file);
  suffixed = g_strconcat (basename, ".tidings", NULL);
  parent = g_file_get_parent (file);
  other = parent != NULL ? g_file_get_child (parent, suffixed) : NULL;
  if (other != NULL && !g_file_query_exists (other, NULL))
    return g_steal_pointer (&other);
  return g_object_ref (file);
}

static void
save_folder_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;
  GFile *file = td_folder_request_save_finish (result, &error);

  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_object (&save->file);
  save->file = file;
  save_start (g_steal_pointer (&task));
}

/* Inside the Flatpak, a file chosen to save to comes alone through the
 * document portal: the issue's pictures can't go beside it, so she is
 * asked for the folder first. */
static void
save_start_checked (GTask *task)
{
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  g_autofree char *path = g_file_get_path (save->file);
  g_autoptr(GPtrArray) pictures = NULL;

  if (path != NULL && td_folder_access_is_portal_file (path))
    {
      pictures = td_issue_list_pictures (td_document_get_root (self->document));
      if (pictures->len > 0)
        {
          td_folder_request_save_async (GTK_WINDOW (self), save->file, pictures->len,
                                        g_task_get_cancellable (task), save_folder_chosen_cb,
                                        task);
          return;
        }
    }
  save_start (task);
}

static void
save_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  gtk_native_dialog_hide (chooser);
  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  save->file = with_suffix (file);
  save_start_checked (g_steal_pointer (&task));
}

/* Where an untitled issue is first saved: beside the issue it was made
 * from (New Issue From This One), else in Documents, else in the home
 * folder -- never the folder the program happened to start in, where a
 * file chooser without a folder opens. */
static GFile *
dup_save_folder (TdWindow *self)
{
  const char *base_dir = td_document_get_base_dir (self->document);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *drafts = g_build_filename (g_get_user_data_dir (), "tidings", NULL);

  /* An issue of the library starts there. */
  if (self->library_new)
    {
      g_autofree char *library = _td_window_dup_library_folder (self);

      if (g_file_test (library, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (library);
    }
  /* The sample's pictures are in a draft folder of ours: not there. */
  if (base_dir != NULL && g_file_test (base_dir, G_FILE_TEST_IS_DIR) &&
      g_access (base_dir, W_OK) == 0 && !g_str_has_prefix (base_dir, drafts))
    return g_file_new_for_path (base_dir);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
save_choose_file (GTask *task)
{
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = new_issue_filter ();
  g_autofree char *name = suggest_file_name (self);
  GFile *current = td_document_get_file (self->document);

  chooser = gtk_file_chooser_native_new (_("Save Issue"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
  else
    {
      g_autoptr(GFile) folder = dup_save_folder (self);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  save->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response_cb),
                    g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* file: where to save (Save As once chosen); NULL: the issue's own file, or
 * ask when it has none -- or always, with ask (Save As). */
static void
save_async (TdWindow            *self,
            GFile               *file,
            gboolean             ask,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SaveData *save = g_new0 (SaveData, 1);

  g_task_set_task_data (task, save, save_data_free);
  if (file == NULL && !ask)
    file = td_document_get_file (self->document);
  /* A new issue of the library: into a new folder of its month. */
  if (file == NULL && !ask)
    {
      GError *error = NULL;

      save->file = _td_window_dup_library_save_file (self, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (save->file != NULL)
        {
          save->made_folder = g_file_get_parent (save->file);
          save_start (g_steal_pointer (&task));
          return;
        }
    }
  if (file == NULL)
    {
      save_choose_file (task);
      return;
    }
  save->file = g_object_ref (file);
  save_start_checked (g_steal_pointer (&task));
}

void
_td_window_save_async (TdWindow            *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  save_async (self, file, FALSE, cancellable, callback, user_data);
}

gboolean
_td_window_save_finish (TdWindow      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
report_save_error (TdWindow *self,
                   GError   *error)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  name = _td_window_dup_document_name (self);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  _td_window_show_message (self, heading,
                           _("Your changes are still here, and a recovery copy is kept until "
                             "they are saved. Try another folder, or free some disk space."),
                           error->message);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!_td_window_save_finish (self, result, &error))
    report_save_error (self, error);
}

static void
save_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  save_async (user_data, NULL, FALSE, NULL, save_done_cb, NULL);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  save_async (user_data, NULL, TRUE, NULL, save_done_cb, NULL);
}

/* -- Unsaved changes ----------------------------------------------------- */

static void
confirm_save_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_td_window_save_finish (self, result, &error))
    {
      report_save_error (self, error);
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  TdWindow *self = g_task_get_source_object (task);

  self->confirm_dialog = NULL;
  if (g_str_equal (response, "save"))
    save_async (self, NULL, FALSE, NULL, confirm_save_cb, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, g_str_equal (response, "discard"));
}

void
_td_window_confirm_unsaved_async (TdWindow            *self,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!td_document_get_modified (self->document))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      g_task_return_boolean (task, FALSE);
      return;
    }

  name = _td_window_dup_document_name (self);
  /* Translators: %s is a file name, or "Untitled Issue" */
  body = g_strdup_printf (_("“%s” has changes that are not saved. If you don’t save them, "
                            "they are lost."), name);
  dialog = new_question (self, _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), g_steal_pointer (&task));
  self->confirm_dialog = dialog;
  td_buttons_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_td_window_confirm_unsaved_finish (TdWindow     *self,
                                   GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* -- New and open -------------------------------------------------------- */

static void
new_confirmed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(TdDocument) document = NULL;

  if (!_td_window_confirm_unsaved_finish (self, result))
    return;
  document = td_document_new ();
  td_window_set_document (self, document);
  td_window_select (self, TD_SCOPE_PRACTICE);
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  _td_window_confirm_unsaved_async (user_data, new_confirmed_cb, NULL);
}

static void
new_from_current_confirmed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TdDocument) document = NULL;

  if (!_td_window_confirm_unsaved_finish (self, result))
    return;
  root = td_next_issue_new_root (td_document_get_root (self->document));
  document = td_document_new_from_root (root);
  /* Untitled; the pictures it keeps (the logo, the badges) are read from
   * this issue's folder until it is saved, and then copied along. */
  td_document_set_base_dir (document, td_document_get_base_dir (self->document));
  td_window_set_document (self, document);
  td_window_add_toast (self, adw_toast_new (_("Next month’s issue, ready to write")));
}

static void
new_from_current_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  _td_window_confirm_unsaved_async (user_data, new_from_current_confirmed_cb, NULL);
}

static void
open_confirmed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GFile) file = user_data;

  if (_td_window_confirm_unsaved_finish (self, result))
    td_window_load_file (self, file, TD_WINDOW_LOAD_DEFAULT);
}

void
_td_window_open_file (TdWindow *self,
                      GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GFile *current = td_document_get_file (self->document);

  if (current != NULL && g_file_equal (current, file))
    return;
  /* Already open in another window: go there. */
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data) && l->data != (gpointer) self)
      {
        GFile *shown = td_document_get_file (TD_WINDOW (l->data)->document);

        if (shown != NULL && g_file_equal (shown, file))
          {
            gtk_window_present (GTK_WINDOW (l->data));
            return;
          }
      }
  _td_window_confirm_unsaved_async (self, open_confirmed_cb, g_object_ref (file));
}

static void
open_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          TdWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    _td_window_open_file (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = new_issue_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *current = td_document_get_file (self->document);

  chooser = gtk_file_chooser_native_new (_("Open Issue"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        {
          /* The folder holding this month's folder: where the others are. */
          g_autoptr(GFile) up = g_file_get_parent (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser),
                                               up != NULL ? up : folder, NULL);
        }
    }
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  _td_window_open_file (user_data, file);
}

static const GActionEntry file_actions[] = {
  { "new", new_action, NULL, NULL, NULL, { 0 } },
  { "new-from-current", new_from_current_action, NULL, NULL, NULL, { 0 } },
  { "open", open_action, NULL, NULL, NULL, { 0 } },
  { "open-recent", open_recent_action, "s", NULL, NULL, { 0 } },
  { "save", save_action, NULL, NULL, NULL, { 0 } },
  { "save-as", save_as_action, NULL, NULL, NULL, { 0 } },
};

void
_td_window_files_init (TdWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions,
                                   G_N_ELEMENTS (file_actions), self);
  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                            G_CALLBACK (update_recent_menu), self);
  update_recent_menu (self);
}
