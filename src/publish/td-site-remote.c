/* td-site-remote.c: the files of a site on the server, over SFTP or WebDAV */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-publish-error.h"
#include "td-site-remote-private.h"

/* The manifest is the only file read back; a site's is a few kilobytes. */
#define MAX_READ_BYTES (16 * 1024 * 1024)

typedef enum
{
  SCHEME_SFTP,
  SCHEME_DAVS,
  SCHEME_DAV,
} Scheme;

static gboolean
parse_url (const char  *url,
           GUri       **uri_out,
           Scheme      *scheme_out)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  Scheme kind;

  if (scheme == NULL || host == NULL || host[0] == '\0' || g_uri_get_password (uri) != NULL
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "sftp") == 0)
    kind = SCHEME_SFTP;
  else if (g_ascii_strcasecmp (scheme, "davs") == 0)
    kind = SCHEME_DAVS;
  else if (g_ascii_strcasecmp (scheme, "dav") == 0 && td_host_is_loopback (host))
    kind = SCHEME_DAV;
  else
    return FALSE;
  if (uri_out != NULL)
    *uri_out = g_steal_pointer (&uri);
  if (scheme_out != NULL)
    *scheme_out = kind;
  return TRUE;
}

gboolean
td_site_check_url (const char  *url,
                   char       **host,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (!parse_url (url, &uri, NULL))
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("“%s” is not a usable address for your web host: give "
                     "sftp://host/folder or davs://host/folder (without a password)"),
                   url != NULL ? url : "");
      return FALSE;
    }
  if (host != NULL)
    *host = g_strdup (g_uri_get_host (uri));
  return TRUE;
}

const char *
_td_site_remote_what (void)
{
  return _("your web host");
}

static char *
escape_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GString *escaped = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_uri_escape_string (parts[i], NULL, FALSE);

      if (i > 0)
        g_string_append_c (escaped, '/');
      g_string_append (escaped, part);
    }
  return g_string_free (escaped, FALSE);
}

char *
_td_site_remote_url (TdSiteRemote *self,
                     const char   *path)
{
  g_autofree char *escaped = escape_path (path);

  return g_strconcat (self->base_url, "/", escaped, NULL);
}

/* "images/logo.png" -> "images/.logo.png.SUFFIX": hidden, beside it. */
char *
_td_site_remote_beside (const char *path,
                        const char *suffix)
{
  const char *slash = strrchr (path, '/');

  if (slash == NULL)
    return g_strconcat (".", path, suffix, NULL);
  return g_strdup_printf ("%.*s/.%s%s", (int) (slash - path), path, slash + 1, suffix);
}

TdSiteRemote *
td_site_remote_new (const TdSitePublishOptions  *options,
                    GCancellable                *cancellable,
                    GError                     **error)
{
  g_autoptr(TdSiteRemote) self = g_new0 (TdSiteRemote, 1);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *host = NULL;
  const char *protocols[] = { "sftp", "https", "http" };
  const char *schemes[] = { "sftp", "https", "http" };
  Scheme scheme;

  if (!td_site_check_url (options->url, NULL, error))
    return NULL;
  parse_url (options->url, &uri, &scheme);

  /* "/srv/www/news/" and "/srv/www/news" name the same folder. */
  path = g_strdup (g_uri_get_path (uri));
  while (path[0] != '\0' && g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  escaped = escape_path (path);
  self->host = g_strdup (g_uri_get_host (uri));
  host = strchr (self->host, ':') != NULL ? g_strdup_printf ("[%s]", self->host)
                                          : g_strdup (self->host);
  if (g_uri_get_port (uri) > 0)
    self->base_url = g_strdup_printf ("%s://%s:%d%s", schemes[scheme], host,
                                      g_uri_get_port (uri), escaped);
  else
    self->base_url = g_strdup_printf ("%s://%s%s", schemes[scheme], host, escaped);
  self->base_path = g_steal_pointer (&path);
  self->user = g_strdup (options->user != NULL && options->user[0] != '\0'
                         ? options->user : g_uri_get_user (uri));
  self->password = g_strdup (options->password);
  self->ssh_key = g_strdup (options->ssh_key);
  self->known_hosts = options->known_hosts != NULL
    ? g_strdup (options->known_hosts)
    : g_build_filename (g_get_user_data_dir (), "tidings", "known_hosts", NULL);
  self->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->klass = scheme == SCHEME_SFTP ? &td_site_sftp_class : &td_site_dav_class;

  if (!td_curl_init (&self->transfer, protocols[scheme], options->ca_file, options->timeout,
                     cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
td_site_remote_free (TdSiteRemote *self)
{
  if (self == NULL)
    return;
  td_curl_clear (&self->transfer);
  g_free (self->base_url);
  g_free (self->base_path);
  g_free (self->host);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->ssh_key);
  g_free (self->known_hosts);
  g_free (self->new_host_key);
  g_clear_pointer (&self->folders, g_hash_table_unref);
  g_free (self);
}

GBytes *
td_site_remote_get (TdSiteRemote  *self,
                    const char    *path,
                    GError       **error)
{
  return self->klass->get (self, path, error);
}

gboolean
td_site_remote_put (TdSiteRemote        *self,
                    const char          *path,
                    GBytes              *data,
                    TdCurlProgressFunc   progress,
                    gpointer             progress_data,
                    GError             **error)
{
  gboolean ok;

  self->transfer.progress = progress;
  self->transfer.progress_data = progress_data;
  ok = self->klass->put (self, path, data, error);
  self->transfer.progress = NULL;
  self->transfer.progress_data = NULL;
  return ok;
}

gboolean
td_site_remote_delete (TdSiteRemote  *self,
                       const char    *path,
                       GError       **error)
{
  return self->klass->delete (self, path, error);
}

const char *
td_site_remote_get_new_host_key (TdSiteRemote *self)
{
  return self->new_host_key;
}

size_t
_td_site_reader_cb (char   *buffer,
                    size_t  size,
                    size_t  nitems,
                    void   *user_data)
{
  TdSiteReader *reader = user_data;
  gsize length;
  const guint8 *data = g_bytes_get_data (reader->data, &length);
  gsize n = MIN (size * nitems, length - reader->offset);

  if (n > 0)
    memcpy (buffer, data + reader->offset, n);
  reader->offset += n;
  return n;
}

size_t
_td_site_writer_cb (char   *data,
                    size_t  size,
                    size_t  nmemb,
                    void   *user_data)
{
  GString *body = user_data;
  gsize n = size * nmemb;

  if (body->len + n > MAX_READ_BYTES)
    return 0;
  g_string_append_len (body, data, (gssize) n);
  return n;
}
