/* td-issue-loader.h: reading a .tidings file into a validated JSON tree
 *
 * Loading never crashes and never changes the file. Every problem becomes a
 * diagnostic: syntax errors with a line and column, structural ones with
 * a JSON path. A result is returned only when there are no errors.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"
#include "td-diagnostic.h"

G_BEGIN_DECLS

/* Files larger than this are refused before parsing: a newsletter is a few
 * kilobytes of text (its pictures are separate files). */
#define TD_ISSUE_MAX_FILE_SIZE (8 * 1024 * 1024)

/* Deeper nesting than this is refused before parsing; the format itself
 * needs six levels. */
#define TD_ISSUE_MAX_DEPTH 32

typedef struct
{
  JsonNode *root;          /* the document at TD_FORMAT_VERSION */
  guint     from_version;  /* the version the file was written in */
  char     *etag;          /* of the file as read, for a safe save; may be NULL */
} TdLoadedIssue;

void      td_loaded_issue_free         (TdLoadedIssue *loaded);

/* base_dir: the issue file's folder (images are checked there), or NULL. */
TdLoadedIssue *td_issue_load_from_data (const char    *data,
                                        gsize          length,
                                        const char    *base_dir,
                                        TdDiagnostics *diags);

/* Reads a regular file only (a symbolic link to one is followed; its
 * folder, where the pictures are looked for, is the link's), and never more
 * than TD_ISSUE_MAX_FILE_SIZE bytes of it: a device, a FIFO or a socket is
 * refused at once, without reading or waiting. */
TdLoadedIssue *td_issue_load_from_file (GFile         *file,
                                        TdDiagnostics *diags);

/* Brings a parsed document of an older version up to TD_FORMAT_VERSION, in
 * place. Reports (and returns FALSE for) a missing or newer version. */
gboolean  td_issue_migrate             (JsonNode      *root,
                                        guint         *from_version,
                                        TdDiagnostics *diags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdLoadedIssue, td_loaded_issue_free)

G_END_DECLS
