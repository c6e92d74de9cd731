/* td-folder-request.c: asking for a folder the sandbox can't see */

#include "config.h"

#include <glib/gi18n.h>

#include "td-folder-access.h"
#include "td-folder-request.h"
#include "td-settings.h"

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
}

/* The folder chooser (GtkFileChooserNative: the file-chooser portal inside
 * the Flatpak); @task gets the folder, or G_IO_ERROR_CANCELLED. */
static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (folder == NULL)
    {
      return_cancelled (task);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&folder), g_object_unref);
}

static void
choose_folder (GtkWindow  *parent,
               const char *title,
               const char *accept,
               GTask      *task)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* -- asking first ------------------------------------------------------------ */

/* A question whose "choose" answer opens the folder chooser; @chosen then
 * gets the chooser's task (its folder, or G_IO_ERROR_CANCELLED) with a
 * reference to the request's task as its data. */
typedef struct
{
  GTask              *task;
  const char         *chooser_title;
  const char         *accept;
  GAsyncReadyCallback chosen;
} Question;

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autofree Question *question = user_data;
  g_autoptr(GTask) task = question->task;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GTask *choose;

  if (!g_str_equal (response, "choose"))
    {
      return_cancelled (task);
      return;
    }
  choose = g_task_new (NULL, g_task_get_cancellable (task), question->chosen,
                       g_object_ref (task));
  choose_folder (parent, question->chooser_title, question->accept, choose);
}

/* Takes @task. The strings are translated and static. */
static void
ask_for_folder (GtkWindow          *parent,
                GTask              *task,
                const char         *heading,
                const char         *body,
                const char         *cancel_label,
                const char         *chooser_title,
                const char         *accept,
                GAsyncReadyCallback chosen)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  Question *question = g_new0 (Question, 1);

  question->task = task;
  question->chooser_title = chooser_title;
  question->accept = accept;
  question->chosen = chosen;
  adw_message_dialog_add_responses (dialog,
                                    "cancel", cancel_label,
                                    "choose", _("_Choose Folder…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (question_response_cb), question);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- the issue's folder --------------------------------------------------- */

static void
issue_folder_chosen_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) folder = g_task_propagate_pointer (G_TASK (result), NULL);
  GFile *issue = g_task_get_task_data (task);
  g_autofree char *folder_path = NULL;
  g_autofree char *issue_path = NULL;
  g_autofree char *reopened = NULL;
  GError *error = NULL;

  if (folder == NULL)
    {
      return_cancelled (task);
      return;
    }
  folder_path = g_file_get_path (folder);
  issue_path = g_file_get_path (issue);
  reopened = td_folder_access_path_in_folder (folder_path, issue_path, &error);
  if (reopened == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_file_new_for_path (reopened), g_object_unref);
}

void
td_folder_request_async (GtkWindow           *parent,
                         GFile               *issue,
                         guint                n_pictures,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (G_IS_FILE (issue));

  g_task_set_task_data (task, g_object_ref (issue), g_object_unref);
  name = g_file_get_basename (issue);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” was opened on its own, so Tidings "
                                       "can’t see the images folder beside it: its "
                                       "%u picture would be missing. Choose the "
                                       "folder that holds the issue, and Tidings "
                                       "opens it from there, with its pictures.",
                                       "“%s” was opened on its own, so Tidings "
                                       "can’t see the images folder beside it: its "
                                       "%u pictures would be missing. Choose the "
                                       "folder that holds the issue, and Tidings "
                                       "opens it from there, with its pictures.",
                                       n_pictures),
                          name, n_pictures);
  ask_for_folder (parent, g_steal_pointer (&task), _("Allow Access to the Issue’s Folder?"),
                  body, _("_Not Now"), _("Choose the Issue’s Folder"), _("_Allow Access"),
                  issue_folder_chosen_cb);
}

GFile *
td_folder_request_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- saving into the issue's folder ----------------------------------------- */

static void
save_folder_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) folder = g_task_propagate_pointer (G_TASK (result), NULL);
  GFile *file = g_task_get_task_data (task);
  g_autofree char *name = g_file_get_basename (file);

  if (folder == NULL)
    {
      return_cancelled (task);
      return;
    }
  g_task_return_pointer (task, g_file_get_child (folder, name), g_object_unref);
}

void
td_folder_request_save_async (GtkWindow           *parent,
                              GFile               *file,
                              guint                n_pictures,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (G_IS_FILE (file));

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  name = g_file_get_basename (file);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Tidings can see only the file “%s”, not the "
                                       "folder around it, so the issue’s %u picture "
                                       "can’t be saved beside it. Choose the folder "
                                       "to save the issue in, and Tidings saves it "
                                       "there with its images folder.",
                                       "Tidings can see only the file “%s”, not the "
                                       "folder around it, so the issue’s %u pictures "
                                       "can’t be saved beside it. Choose the folder "
                                       "to save the issue in, and Tidings saves it "
                                       "there with its images folder.",
                                       n_pictures),
                          name, n_pictures);
  ask_for_folder (parent, g_steal_pointer (&task), _("Save the Pictures Too?"), body,
                  _("_Cancel"), _("Choose the Folder to Save In"), _("_Save Here"),
                  save_folder_chosen_cb);
}

GFile *
td_folder_request_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- the library folder --------------------------------------------------- */

static void
library_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) folder = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    {
      return_cancelled (task);
      return;
    }
  /* The portal's path of a chosen folder stays the same from one run to
   * the next: remembering it is remembering the grant. */
  path = g_file_get_path (folder);
  settings = td_settings_new ();
  if (settings != NULL && path != NULL)
    g_settings_set_string (settings, "library-folder", path);
  g_task_return_pointer (task, g_steal_pointer (&folder), g_object_unref);
}

void
td_folder_request_library_async (GtkWindow           *parent,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GTask *choose = g_task_new (NULL, cancellable, library_chosen_cb, task);

  choose_folder (parent, _("Choose the Folder of Your Issues"), _("_Choose"), choose);
}

GFile *
td_folder_request_library_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
