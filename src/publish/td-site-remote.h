/* td-site-remote.h: the files of a site on the server, over SFTP or WebDAV
 *
 * Private to src/publish. Three operations, each on a path relative to
 * the site's folder on the server: read a (small) file, store one
 * atomically (under a temporary name, then renamed over the old one), and
 * delete one. One libcurl handle serves them all, so one connection (one
 * SSH handshake) serves the whole publish.
 */
#pragma once

#include "td-curl.h"
#include "td-site-publish.h"

G_BEGIN_DECLS

typedef struct _TdSiteRemote TdSiteRemote;

TdSiteRemote *td_site_remote_new          (const TdSitePublishOptions  *options,
                                           GCancellable                *cancellable,
                                           GError                     **error);
void          td_site_remote_free         (TdSiteRemote                *remote);

/* The file's bytes; NULL without an error when there is no such file. */
GBytes       *td_site_remote_get          (TdSiteRemote                *remote,
                                           const char                  *path,
                                           GError                     **error);
/* Stores @data at @path, making the folders it needs; @progress (may be
 * NULL) hears the bytes sent. */
gboolean      td_site_remote_put          (TdSiteRemote                *remote,
                                           const char                  *path,
                                           GBytes                      *data,
                                           TdCurlProgressFunc           progress,
                                           gpointer                     progress_data,
                                           GError                     **error);
/* TRUE also when there was no such file. */
gboolean      td_site_remote_delete       (TdSiteRemote                *remote,
                                           const char                  *path,
                                           GError                     **error);

/* "SHA256:…" of the server's SSH key when it was trusted for the first
 * time by this remote, else NULL. */
const char   *td_site_remote_get_new_host_key (TdSiteRemote            *remote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSiteRemote, td_site_remote_free)

G_END_DECLS
