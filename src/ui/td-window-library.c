/* td-window-library.c: the window's library -- her issues, New Issue in
 * the library, the library folder, publishing the archive, and the folder
 * of an issue the sandbox shows alone
 *
 * The library view (td-library-view.c) takes the window's place of the
 * editor while it is shown ("win.library"). docs/library.md has the
 * layout; td-library.h the listing and where new issues are saved.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-archive.h"
#include "td-folder-access.h"
#include "td-folder-request.h"
#include "td-json-path.h"
#include "td-library.h"
#include "td-library-view.h"
#include "td-publish-dialog.h"
#include "td-ui-util.h"
#include "td-window-private.h"

char *
_td_window_dup_library_folder (TdWindow *self)
{
  g_autofree char *setting = NULL;

  if (self->settings != NULL)
    setting = g_settings_get_string (self->settings, "library-folder");
  return td_library_resolve_folder (setting);
}

gboolean
_td_window_library_shown (TdWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "library") == 0;
}

/* The header bar: the editor's buttons are the editor's. */
void
_td_window_update_library_header (TdWindow *self)
{
  gboolean shown = _td_window_library_shown (self);
  gboolean narrow = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), !shown);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !shown);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), !shown && !narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_button), !shown && narrow);
  if (shown)
    {
      adw_window_title_set_title (self->window_title, _("Your Issues"));
      adw_window_title_set_subtitle (self->window_title, "");
      /* Translators: the window's name while it shows the library */
      gtk_window_set_title (GTK_WINDOW (self), _("Your Issues — Tidings"));
    }
}

static void
set_library_shown (TdWindow *self,
                   gboolean  shown)
{
  GSimpleAction *action = _td_window_lookup_action (self, "library");

  if (shown == _td_window_library_shown (self))
    return;
  g_simple_action_set_state (action, g_variant_new_boolean (shown));
  gtk_stack_set_visible_child_name (self->main_stack, shown ? "library" : "editor");
  if (shown)
    {
      g_autofree char *folder = _td_window_dup_library_folder (self);

      td_library_view_set_folder (self->library_view, folder);
      /* Keyboard users start on the newest issue. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        td_library_view_focus (self->library_view);
    }
  _td_window_update_library_header (self);
  if (!shown)
    {
      _td_window_update_title (self);
      _td_window_show_form (self, FALSE);
    }
}

void
td_window_show_library (TdWindow *self)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  set_library_shown (self, TRUE);
}

void
_td_window_hide_library (TdWindow *self)
{
  set_library_shown (self, FALSE);
}

static void
library_change_state (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  set_library_shown (user_data, g_variant_get_boolean (state));
}

static void
issue_activated_cb (TdWindow      *self,
                    GFile         *file,
                    TdLibraryView *view)
{
  GFile *current = td_document_get_file (self->document);

  /* The issue already here: back to it. */
  if (current != NULL && g_file_equal (current, file))
    {
      set_library_shown (self, FALSE);
      return;
    }
  _td_window_open_file (self, file);
}

/* -- New Issue in the library ----------------------------------------------- */

static void
new_in_library_confirmed_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  /* The listing shown, when it is: read when the library was shown. */
  GPtrArray *issues = _td_window_library_shown (self)
                        ? td_library_view_get_issues (self->library_view) : NULL;

  if (!_td_window_confirm_unsaved_finish (self, result))
    return;
  if (issues == NULL)
    {
      /* Not read yet, or not shown (it may have changed since): read it
       * here. */
      g_autofree char *folder = _td_window_dup_library_folder (self);

      issues = listed = td_library_list (folder, NULL);
    }
  document = td_library_new_issue (issues);
  td_window_set_document (self, document);
  /* Saved into a new folder of its month, without asking where. */
  self->library_new = TRUE;
  if (td_document_get_base_dir (document) != NULL)
    td_window_add_toast (self, adw_toast_new (_("Next month’s issue, ready to write")));
  else
    td_window_select (self, "practice");
}

static void
new_in_library_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  _td_window_confirm_unsaved_async (user_data, new_in_library_confirmed_cb, NULL);
}

GFile *
_td_window_dup_library_save_file (TdWindow  *self,
                                  GError   **error)
{
  g_autofree char *folder = NULL;

  if (!self->library_new || td_document_get_file (self->document) != NULL)
    return NULL;
  folder = _td_window_dup_library_folder (self);
  return td_library_dup_new_file (folder, td_document_get_root (self->document), error);
}

/* -- The library folder ------------------------------------------------------ */

static void
library_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  folder = td_folder_request_library_finish (result, &error);
  if (folder == NULL)
    return;
  /* td-folder-request.c stored it in the setting; the window's own
   * settings object may not have heard yet. */
  path = g_file_get_path (folder);
  if (self->settings != NULL && path != NULL)
    g_settings_set_string (self->settings, "library-folder", path);
  set_library_shown (self, TRUE);
  if (path != NULL)
    td_library_view_set_folder (self->library_view, path);
}

static void
choose_library_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdWindow *self = user_data;

  td_folder_request_library_async (GTK_WINDOW (self), NULL, library_chosen_cb,
                                   g_object_ref (self));
}

/* -- The archive ---------------------------------------------------------------- */

static void
publish_archive_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TdWindow *self = user_data;
  g_autofree char *folder = _td_window_dup_library_folder (self);
  g_autofree char *site = g_build_filename (g_get_user_cache_dir (), "tidings", "archive", NULL);
  g_autoptr(GFile) library = g_file_new_for_path (folder);
  g_autoptr(GFile) site_dir = g_file_new_for_path (site);
  GtkWidget *dialog = td_publish_dialog_new (library, site_dir);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  td_buttons_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The archive is on the web at @parameter: an issue of the library has its
 * page there, which becomes its web version (one undo step). */
static void
archive_published_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TdWindow *self = user_data;
  g_autofree char *folder = _td_window_dup_library_folder (self);
  JsonNode *root = td_document_get_root (self->document);
  g_autofree char *url = NULL;

  if (!td_library_contains (folder, td_document_get_file (self->document)))
    return;
  url = td_archive_page_url (g_variant_get_string (parameter, NULL), root);
  if (url == NULL || g_str_equal (url, td_json_path_get_string (root, "issue.public_base_url")))
    return;
  td_document_seal_undo (self->document);
  td_document_set_string (self->document, "issue.public_base_url", url, TD_EDIT_NONE);
  td_document_seal_undo (self->document);
  td_window_add_toast (self, adw_toast_new (_("This issue’s web version is now its page in "
                                              "the archive")));
}

/* -- An issue the sandbox shows alone ------------------------------------------ */

static void
folder_granted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = td_folder_request_finish (result, &error);
  if (file != NULL)
    {
      _td_window_open_file (self, file);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwToast *toast = adw_toast_new (_("This issue’s pictures are out of reach"));

      adw_toast_set_button_label (toast, _("_Allow Access…"));
      adw_toast_set_action_name (toast, "win.request-folder-access");
      adw_toast_set_timeout (toast, 0);
      td_window_add_toast (self, toast);
      return;
    }
  _td_window_show_message (self, _("Could Not Open the Issue From That Folder"),
                           error->message, NULL);
}

gboolean
_td_window_check_folder_access (TdWindow *self)
{
  GFile *file = td_document_get_file (self->document);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GPtrArray) unreadable = NULL;

  if (path == NULL)
    return FALSE;
  if (td_folder_access_check (td_document_get_root (self->document), path,
                              td_document_get_base_dir (self->document),
                              &unreadable) != TD_FOLDER_ACCESS_FILE_ONLY)
    return FALSE;
  td_folder_request_async (GTK_WINDOW (self), file, unreadable->len, NULL, folder_granted_cb,
                           g_object_ref (self));
  return TRUE;
}

static void
request_folder_access_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  _td_window_check_folder_access (user_data);
}

static const GActionEntry library_actions[] = {
  { "library", NULL, NULL, "false", library_change_state, { 0 } },
  { "new-in-library", new_in_library_action, NULL, NULL, NULL, { 0 } },
  { "choose-library", choose_library_action, NULL, NULL, NULL, { 0 } },
  { "publish-archive", publish_archive_action, NULL, NULL, NULL, { 0 } },
  { "archive-published", archive_published_action, "s", NULL, NULL, { 0 } },
  { "request-folder-access", request_folder_access_action, NULL, NULL, NULL, { 0 } },
};

void
_td_window_library_init (TdWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), library_actions,
                                   G_N_ELEMENTS (library_actions), self);
  g_signal_connect_object (self->library_view, "issue-activated",
                           G_CALLBACK (issue_activated_cb), self, G_CONNECT_SWAPPED);
}

TdLibraryView *
_td_window_get_library_view (TdWindow *self)
{
  return self->library_view;
}
