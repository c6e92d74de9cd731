/* td-site-manifest.h: what a published site holds, file by file
 *
 * A manifest maps each file of a site (its path relative to the site's
 * folder, '/'-separated) to the SHA-256 of its bytes. Publishing compares
 * the folder's manifest with the one kept on the server and uploads only
 * what differs; the server's copy is written last, so that it never names
 * a file that isn't there whole.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The manifest's name on the server, at the top of the site. */
#define TD_SITE_MANIFEST_NAME ".tidings-site.json"

/* path -> lower-case hex SHA-256, both strings. */
typedef GHashTable TdSiteManifest;

/* The regular files under @dir, hashed. Hidden files and folders (a name
 * starting with '.') are left out, so are symbolic links: a site is what
 * the archive wrote. */
TdSiteManifest *td_site_manifest_scan      (const char           *dir,
                                            GCancellable         *cancellable,
                                            GError              **error);

/* The server's copy; entries whose path could leave the site (absolute,
 * "..", empty parts) are dropped, as this file decides what is deleted. */
TdSiteManifest *td_site_manifest_parse     (GBytes               *bytes,
                                            GError              **error);
/* Canonical JSON, paths sorted: the same manifest gives the same bytes. */
GBytes         *td_site_manifest_to_bytes  (TdSiteManifest       *manifest);

/* The paths of @local that @remote lacks or has with another hash, in
 * upload order: deeper first, then by name -- what a page shows is there
 * before the page, and the top index comes last. */
GPtrArray      *td_site_manifest_changed   (TdSiteManifest       *local,
                                            TdSiteManifest       *remote);
/* The paths of @remote that @local lacks, sorted. */
GPtrArray      *td_site_manifest_stale     (TdSiteManifest       *local,
                                            TdSiteManifest       *remote);

/* Whether @path is relative, '/'-separated, without "." or ".." parts. */
gboolean        td_site_path_is_safe       (const char           *path);

G_END_DECLS
