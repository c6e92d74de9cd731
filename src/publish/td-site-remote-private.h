/* td-site-remote-private.h: what the SFTP and WebDAV remotes share */
#pragma once

#include "td-site-remote.h"

G_BEGIN_DECLS

typedef struct
{
  GBytes *(*get)    (TdSiteRemote  *remote,
                     const char    *path,
                     GError       **error);
  gboolean (*put)   (TdSiteRemote  *remote,
                     const char    *path,
                     GBytes        *data,
                     GError       **error);
  gboolean (*delete) (TdSiteRemote *remote,
                      const char   *path,
                      GError      **error);
} TdSiteRemoteClass;

struct _TdSiteRemote
{
  const TdSiteRemoteClass *klass;
  TdCurl                   transfer;
  char                    *base_url;     /* scheme://host[:port]/escaped/path, no final '/' */
  char                    *base_path;    /* the same path, unescaped: "/srv/www/news" */
  char                    *host;
  char                    *user;
  char                    *password;
  /* SFTP */
  char                    *ssh_key;
  char                    *known_hosts;
  char                    *new_host_key;
  gboolean                 host_key_changed;
  /* WebDAV: the folders known to exist */
  GHashTable              *folders;
};

extern const TdSiteRemoteClass td_site_sftp_class;
extern const TdSiteRemoteClass td_site_dav_class;

/* base_url + "/" + @path, each part escaped. */
char    *_td_site_remote_url         (TdSiteRemote  *remote,
                                      const char    *path);
/* "images/logo.png" -> "images/.logo.png" + suffix: hidden, beside it. */
char    *_td_site_remote_beside      (const char    *path,
                                      const char    *suffix);
/* The server's name for people: "your web host". */
const char *_td_site_remote_what     (void);
/* curl's read callback over a GBytes, with the offset in a cursor. */
typedef struct
{
  GBytes *data;
  gsize   offset;
} TdSiteReader;

size_t   _td_site_reader_cb           (char          *buffer,
                                       size_t         size,
                                       size_t         nitems,
                                       void          *user_data);
/* curl's write callback into a GString, refusing more than 16 MB. */
size_t   _td_site_writer_cb           (char          *data,
                                       size_t         size,
                                       size_t         nmemb,
                                       void          *user_data);

G_END_DECLS
