/* td-site-publish.h: a built site (the archive) uploaded to her web host
 *
 * Over SFTP ("sftp://host[:port]/path") or WebDAV ("davs://host[:port]/
 * path"), through libcurl. Only what changed is uploaded: the server keeps
 * a manifest of the files published and their SHA-256
 * (td-site-manifest.h), written last. Each file is uploaded under a
 * temporary name beside its place and renamed over the old one, so a
 * reader -- or a broken connection -- never sees half a file; files are
 * sent deepest first (pictures, then the issues' pages, then the index and
 * the feed), so no page is there before what it shows.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  const char *url;         /* sftp://[user@]host[:port]/path, davs://host[:port]/path */
  const char *user;        /* NULL: the URL's, or none */
  const char *password;    /* from the keyring or $TIDINGS_PUBLISH_PASSWORD, never argv;
                            * with ssh_key, the key's passphrase */
  const char *ssh_key;     /* SFTP: a private key file, or NULL */
  const char *known_hosts; /* SFTP: NULL, the user data dir's tidings/known_hosts */
  const char *ca_file;     /* WebDAV: NULL, the system's certificates */
  guint       timeout;     /* seconds without progress; 0: the default */
} TdSitePublishOptions;

/* FALSE (TD_PUBLISH_ERROR_INVALID) unless @url is sftp:// or davs:// with a
 * host (dav:// only to this computer, for tests) and no password in it;
 * *host (may be NULL) receives the host. */
gboolean td_site_check_url (const char  *url,
                            char       **host,
                            GError     **error);

typedef enum
{
  TD_SITE_COMPARING,   /* reading the server's manifest */
  TD_SITE_UPLOADING,   /* file index of n_files, bytes sent of size */
  TD_SITE_DELETING,    /* a file no longer in the site */
  TD_SITE_FINISHING,   /* writing the manifest */
} TdSiteStage;

typedef struct
{
  TdSiteStage  stage;
  guint        index;       /* from 0, of the files to upload */
  guint        n_files;
  const char  *path;        /* relative to the site */
  guint64      sent;
  guint64      size;
} TdSitePublishProgress;

typedef void (*TdSitePublishProgressFunc) (const TdSitePublishProgress *progress,
                                           gpointer                     user_data);

typedef struct _TdSitePublishResult TdSitePublishResult;

/* The files uploaded, in order, kept (unchanged on the server) and
 * deleted (published before, no longer in the site). */
GPtrArray *td_site_publish_result_get_uploaded (const TdSitePublishResult *result);
guint      td_site_publish_result_get_kept     (const TdSitePublishResult *result);
GPtrArray *td_site_publish_result_get_deleted  (const TdSitePublishResult *result);
/* Set when the server's SSH key was met for the first time and trusted
 * from now on: its SHA-256 fingerprint, to show her. */
const char *td_site_publish_result_get_new_host_key (const TdSitePublishResult *result);
void       td_site_publish_result_free         (TdSitePublishResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSitePublishResult, td_site_publish_result_free)

/* Uploads what changed in the folder @dir. Blocks (the command line, a
 * worker thread); @progress is called on the calling thread. */
TdSitePublishResult *td_site_publish        (const char                  *dir,
                                             const TdSitePublishOptions  *options,
                                             TdSitePublishProgressFunc    progress,
                                             gpointer                     progress_data,
                                             GCancellable                *cancellable,
                                             GError                     **error);

/* The same in a worker thread, on copies of the options; @progress is
 * called in the thread-default main context of the caller, at most about
 * ten times a second for the bytes of one file. */
void                 td_site_publish_async  (const char                  *dir,
                                             const TdSitePublishOptions  *options,
                                             TdSitePublishProgressFunc    progress,
                                             gpointer                     progress_data,
                                             GCancellable                *cancellable,
                                             GAsyncReadyCallback          callback,
                                             gpointer                     user_data);
TdSitePublishResult *td_site_publish_finish (GAsyncResult                *result,
                                             GError                     **error);

G_END_DECLS
