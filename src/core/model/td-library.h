/* td-library.h: her issues over time, in one folder
 *
 *   Newsletter/                 the library folder (~/Documents/Newsletter
 *   ├── 2023-07/july.tidings    unless she chose another)
 *   │   └── images/…
 *   └── 2023-08/2023-08.tidings one folder per issue, named for its month
 *       └── images/…
 *
 * An issue is a .tidings file at the top of the folder or one folder down
 * (docs/library.md). The listing is newest first and never fails on a
 * broken file: it is listed with what is wrong with it. A new issue
 * continues from the newest one (td-next-issue.h) and is saved into a new
 * folder of its month, never over another. The core reads no settings:
 * the UI passes the folder in.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"
#include "td-document.h"

G_BEGIN_DECLS

typedef struct
{
  char *path;     /* the .tidings file */
  char *title;    /* issue.title; "" when it has none or can't be read */
  char *month;    /* "2023-08" (the first 7 characters of issue.date), or "" */
  char *picture;  /* the absolute path of its first picture (the logo only when it
                   * has no other), or NULL */
  char *error;    /* NULL, or why it can't be opened (the loader's diagnostics) */
} TdLibraryIssue;

void            td_library_issue_free        (TdLibraryIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdLibraryIssue, td_library_issue_free)

/* The library folder: @setting (the "library-folder" setting) when it is
 * not empty, else "Newsletter" in the user's Documents folder (or in
 * ~/Documents when she has none). */
char           *td_library_resolve_folder    (const char     *setting);

/* Whether @folder holds an issue at all (file names only: cheap enough for
 * the start-up). */
/* The .tidings files of @folder and of its folders one level down (hidden
 * files and linked folders left out), sorted by path: the library's layout
 * (docs/library.md), shared by the library view, the archive and the
 * [repeat] check. */
GPtrArray      *td_library_find_files        (const char     *folder,
                                              GCancellable   *cancellable);
gboolean        td_library_has_issues        (const char     *folder);

/* The issues in @folder, newest first (by month, then by path; those with
 * no month and the broken ones last), as TdLibraryIssue. A folder that
 * doesn't exist is an empty library. Blocks: use the _async form in the
 * UI. */
GPtrArray      *td_library_list              (const char     *folder,
                                              GCancellable   *cancellable);
void            td_library_list_async        (const char          *folder,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray      *td_library_list_finish       (GAsyncResult   *result,
                                              GError        **error);

/* "New Issue": next month's issue from the newest issue of @issues that
 * can be read (td_next_issue_new_root()), untitled, its pictures read from
 * that issue's folder until it is saved; a blank issue when there is none. */
TdDocument     *td_library_new_issue         (GPtrArray      *issues);

/* Where an untitled issue is saved in @folder: FOLDER/2023-09/2023-09.tidings
 * for its month ("issue" without one), in a folder of its own that doesn't
 * exist yet ("2023-09-2" when "2023-09" is taken) -- so that saving never
 * replaces another issue or its pictures. The folder is made. */
GFile          *td_library_dup_new_file      (const char     *folder,
                                              JsonNode       *root,
                                              GError        **error);

/* Whether @file is inside @folder (at any depth). */
gboolean        td_library_contains          (const char     *folder,
                                              GFile          *file);

G_END_DECLS
