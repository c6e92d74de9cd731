/* td-issue-saver.c: atomic save with backup and change detection */

#include "config.h"

#include <glib/gi18n.h>

#include "td-issue-saver.h"
#include "td-json-writer.h"

G_DEFINE_QUARK (td-save-error-quark, td_save_error)

GFile *
td_issue_get_backup_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  g_autofree char *name = NULL;

  /* The hash keeps issues of the same name in different folders apart; the
   * name keeps the folder readable for a person looking for a backup. */
  hash[12] = '\0';
  name = g_strdup_printf ("%s-%s", hash, basename);
  return g_file_new_build_filename (g_get_user_data_dir (), "tidings", "backups", name, NULL);
}

/* Copies the current file aside. A file that does not exist yet needs no
 * backup. */
static gboolean
keep_backup (GFile   *file,
             GError **error)
{
  g_autoptr(GFile) backup = td_issue_get_backup_file (file);
  g_autoptr(GFile) folder = g_file_get_parent (backup);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_BACKUP,
                   _("Could not read the previous version to keep a backup: %s"),
                   local_error->message);
      return FALSE;
    }

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_BACKUP,
                   _("Could not keep a backup of the previous version: %s"),
                   local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!g_file_replace_contents (backup, contents, length, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE, NULL, NULL, &local_error))
    {
      g_set_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_BACKUP,
                   _("Could not keep a backup of the previous version: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
etag_matches (GFile      *file,
              const char *etag,
              GError    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  if (etag == NULL)
    return TRUE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info == NULL)
    {
      /* Deleted since it was opened: saving puts it back, losing nothing. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  if (g_strcmp0 (g_file_info_get_etag (info), etag) != 0)
    {
      g_set_error_literal (error, TD_SAVE_ERROR, TD_SAVE_ERROR_CHANGED_ON_DISK,
                           _("The file was changed by another program since it was opened"));
      return FALSE;
    }
  return TRUE;
}

/* g_file_replace_contents() is not enough: when a write fails (a full disk)
 * it still closes the stream, and closing renames the half-written temporary
 * file over the original. Cancelling before the close makes GIO discard the
 * temporary file and leave the original alone. */
static gboolean
replace_contents (GFile       *file,
                  const char  *contents,
                  gsize        length,
                  const char  *etag,
                  char       **new_etag,
                  GError     **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (file, etag, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), contents, length, NULL,
                                  cancellable, error))
    {
      g_cancellable_cancel (cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  if (new_etag != NULL)
    *new_etag = g_file_output_stream_get_etag (out);
  return TRUE;
}

gboolean
td_issue_save (JsonNode    *root,
               GFile       *file,
               const char  *etag,
               char       **new_etag,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = td_json_write_issue (root, &length);

  /* Checked before the backup so the backup never holds the other
   * program's version; g_file_replace_contents checks again, atomically. */
  if (!etag_matches (file, etag, error))
    return FALSE;
  if (!keep_backup (file, error))
    return FALSE;

  if (!replace_contents (file, contents, length, etag, new_etag, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_set_error_literal (error, TD_SAVE_ERROR, TD_SAVE_ERROR_CHANGED_ON_DISK,
                             _("The file was changed by another program since it was opened"));
      else
        g_set_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_WRITE,
                     _("Could not save: %s. The file on disk is unchanged"),
                     local_error->message);
      return FALSE;
    }
  return TRUE;
}
