/* td-folder-access.h: whether an issue's pictures are within reach
 *
 * Inside the Flatpak, Tidings sees no file system of its own. A file she
 * opens through the file chooser comes through the document portal, which
 * shows that one file (/run/user/1000/doc/1a2b3c4d/august.tidings) and not
 * the images/ folder beside it; a folder she chooses comes whole
 * (/run/user/1000/doc/5e6f7a8b/Newsletter/…). This tells an issue whose
 * pictures are merely out of reach from one whose pictures are missing,
 * so that the window asks for the folder -- once -- instead of showing the
 * issue without its pictures.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

typedef enum
{
  TD_FOLDER_ACCESS_OK,        /* every picture the issue names can be read (or it names none) */
  TD_FOLDER_ACCESS_FILE_ONLY, /* the issue came through the document portal alone: its
                               * folder, and so its pictures, are out of reach until she
                               * grants the folder */
  TD_FOLDER_ACCESS_MISSING,   /* pictures are missing from a folder Tidings can see: not a
                               * matter of access (the pre-send checks say which) */
} TdFolderAccess;

/* Whether @path is a file the document portal exports on its own: right
 * inside a document of $XDG_RUNTIME_DIR/doc (or of doc/by-app/APP, as the
 * host sees it), with nothing of its folder around it. */
gboolean        td_folder_access_is_portal_file (const char  *path);

/* How the pictures of the issue @root, opened from @issue_path (NULL for an
 * untitled one), are to be reached from @base_dir; the unreadable ones in
 * *unreadable (may be NULL), relative to @base_dir. */
TdFolderAccess  td_folder_access_check          (JsonNode    *root,
                                                 const char  *issue_path,
                                                 const char  *base_dir,
                                                 GPtrArray  **unreadable);

/* The issue @issue_path as found in @folder, the folder she granted: the
 * file to open again, now with its pictures. G_IO_ERROR_NOT_FOUND (a
 * message to show) when the folder doesn't hold a file of that name. */
char           *td_folder_access_path_in_folder (const char  *folder,
                                                 const char  *issue_path,
                                                 GError     **error);

G_END_DECLS
