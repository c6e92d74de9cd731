/* td-issue-saver.h: writing an issue safely
 *
 * The new text goes to a temporary file in the same folder, is flushed to
 * disk and renamed over the old one (g_file_replace_contents), so a crash or
 * a full disk leaves either the old file or the new one, never half of one.
 * The previous version is kept in the user's data folder, and a file changed
 * by another program since it was read is not overwritten silently.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_SAVE_ERROR (td_save_error_quark ())

typedef enum
{
  TD_SAVE_ERROR_CHANGED_ON_DISK,  /* the file's etag is not the one given */
  TD_SAVE_ERROR_BACKUP,           /* the previous version could not be kept */
  TD_SAVE_ERROR_WRITE,            /* writing the file failed; it is unchanged */
  TD_SAVE_ERROR_PICTURES,         /* other pictures of the same names are in the
                                   * way in the new folder (Save As) */
} TdSaveError;

GQuark    td_save_error_quark       (void);

/* etag: what the file had when it was loaded (NULL to overwrite whatever is
 * there). On success *new_etag (if not NULL) receives the new one. */
gboolean  td_issue_save             (JsonNode     *root,
                                     GFile        *file,
                                     const char   *etag,
                                     char        **new_etag,
                                     GError      **error);

/* Where the previous version of file is kept: one backup per file, in
 * $XDG_DATA_HOME/tidings/backups. */
GFile    *td_issue_get_backup_file  (GFile        *file);

G_END_DECLS
