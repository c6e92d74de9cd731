/* td-archive.h: her past issues as a small website, with an Atom feed
 *
 *   DIR/index.html          every issue, newest first
 *   DIR/YYYY-MM/index.html  each issue's web page (the web export), with
 *                           links to the previous and next issues, and
 *   DIR/YYYY-MM/images/…    the pictures it shows
 *   DIR/feed.atom           Atom 1.0: one entry per issue, its whole
 *                           content, absolute URLs     } with a base URL
 *   DIR/sitemap.xml         every page, for search engines } only
 *
 * Deterministic: the same issues give the same bytes. A file whose bytes
 * would not change is not written again (its time stays), so publishing
 * (src/publish/td-site-publish.h) finds the true changes. With a base URL
 * each issue's page is BASE/YYYY-MM/, which is also its "View in browser"
 * address and where its email's pictures load from (td_archive_page_url()).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_ARCHIVE_ERROR (td_archive_error_quark ())

typedef enum
{
  TD_ARCHIVE_ERROR_NO_ISSUES,  /* nothing to build from */
  TD_ARCHIVE_ERROR_NO_DATE,    /* an issue without a valid "issue.date" */
  TD_ARCHIVE_ERROR_SAME_MONTH, /* two issues of the same month: one page each */
  TD_ARCHIVE_ERROR_BASE_URL,   /* not an absolute http(s) URL */
} TdArchiveError;

GQuark      td_archive_error_quark (void);

typedef struct
{
  JsonNode   *root;      /* an issue that passed validation */
  const char *base_dir;  /* its folder, where its pictures are */
  const char *path;      /* its file, for messages; may be NULL */
} TdArchiveIssue;

typedef struct _TdArchiveResult TdArchiveResult;

/* The files written (relative to the archive's folder, in the order
 * written), and how many were already as they should be. */
GPtrArray  *td_archive_result_get_written   (const TdArchiveResult *result);
guint       td_archive_result_get_unchanged (const TdArchiveResult *result);
void        td_archive_result_free          (TdArchiveResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdArchiveResult, td_archive_result_free)

/* "https://example.com/news/" (a final '/' added), or NULL with
 * TD_ARCHIVE_ERROR_BASE_URL: the archive's address, checked. */
char       *td_archive_normalize_base_url   (const char  *base_url,
                                             GError     **error);

/* The address of the issue's page under @base_url, "BASE/2023-08/", or
 * NULL when @base_url is NULL or empty, or the issue has no valid date. */
char       *td_archive_page_url             (const char  *base_url,
                                             JsonNode    *root);

/* Builds the archive of @issues (in any order) into @dir, making it as
 * needed; @base_url may be NULL (no feed, no sitemap: they need absolute
 * addresses). Blocks: call it from the command line or a worker thread. */
TdArchiveResult *td_archive_build           (const TdArchiveIssue *issues,
                                             guint                 n_issues,
                                             const char           *dir,
                                             const char           *base_url,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* The same for every issue in @folder (the library: .tidings files in it
 * and in its folders one level down), in a worker thread. An issue that
 * can't be loaded is an error naming its file. */
void             td_archive_build_folder_async  (const char           *folder,
                                                 const char           *dir,
                                                 const char           *base_url,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
TdArchiveResult *td_archive_build_folder_finish (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
