/* td-folder-access.c: whether an issue's pictures are within reach */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-folder-access.h"
#include "td-issue.h"
#include "td-picture-file.h"

/* The portal's mount as this process sees it: inside the sandbox
 * /run/user/UID/doc (only this app's documents), on the host
 * $XDG_RUNTIME_DIR/doc (every app's, under by-app/APP too). */
static char *
portal_root (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "doc", NULL);
}

gboolean
td_folder_access_is_portal_file (const char *path)
{
  g_autofree char *root = portal_root ();
  g_autofree char *canonical = NULL;
  g_auto(GStrv) parts = NULL;
  const char *relative;
  guint n;

  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  if (!g_str_has_prefix (canonical, root) || canonical[strlen (root)] != '/')
    return FALSE;
  relative = canonical + strlen (root) + 1;
  parts = g_strsplit (relative, "/", -1);
  n = g_strv_length (parts);
  /* DOC-ID/NAME: a file exported alone. DOC-ID/FOLDER/…/NAME is inside a
   * folder that was exported whole. */
  if (n == 2)
    return TRUE;
  return n == 4 && g_str_equal (parts[0], "by-app");
}

TdFolderAccess
td_folder_access_check (JsonNode    *root,
                        const char  *issue_path,
                        const char  *base_dir,
                        GPtrArray  **unreadable)
{
  g_autoptr(GPtrArray) pictures = td_issue_list_pictures (root);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; base_dir != NULL && i < pictures->len; i++)
    {
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) error = NULL;

      /* Open, not stat: a folder the portal shows may still refuse reads. */
      stream = td_picture_file_open (base_dir, pictures->pdata[i], NULL, &error);
      if (stream == NULL && (g_error_matches (error, TD_PICTURE_FILE_ERROR,
                                              TD_PICTURE_FILE_ERROR_NOT_FOUND)
                             || g_error_matches (error, TD_PICTURE_FILE_ERROR,
                                                 TD_PICTURE_FILE_ERROR_FAILED)))
        g_ptr_array_add (missing, g_strdup (pictures->pdata[i]));
    }

  if (unreadable != NULL)
    *unreadable = g_ptr_array_ref (missing);
  if (missing->len == 0)
    return TD_FOLDER_ACCESS_OK;
  if (issue_path != NULL && td_folder_access_is_portal_file (issue_path))
    return TD_FOLDER_ACCESS_FILE_ONLY;
  return TD_FOLDER_ACCESS_MISSING;
}

char *
td_folder_access_path_in_folder (const char  *folder,
                                 const char  *issue_path,
                                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder_name = NULL;

  g_return_val_if_fail (folder != NULL && issue_path != NULL, NULL);

  name = g_path_get_basename (issue_path);
  path = g_build_filename (folder, name, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);
  folder_name = g_path_get_basename (folder);
  /* Translators: "The folder “Documents” doesn't hold “august.tidings”: …" */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The folder “%s” doesn’t hold “%s”: choose the folder that holds the "
                 "issue and its images folder"), folder_name, name);
  return NULL;
}
