/* td-site-sftp.c: a site's files over SFTP (libcurl with libssh2)
 *
 * The server is trusted on first use, as ssh's "accept-new" does: its key
 * is written to a known_hosts file of Tidings' own, and a later connection
 * to a server showing another key is refused.
 *
 * Replacing a file: OpenSSH's SFTP server (version 3 of the protocol)
 * won't rename onto an existing file, and libssh2 1.10 can't ask for the
 * posix-rename@openssh.com extension that would. So the new file is
 * uploaded whole under a temporary name, the old one is renamed aside and
 * the new one into its place -- two renames in one exchange of a few
 * milliseconds -- and the old one is removed.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-publish-error.h"
#include "td-site-remote-private.h"

/* "SHA256:…" as ssh prints it: base64 of the key blob's hash, unpadded. */
static char *
fingerprint (const struct curl_khkey *key)
{
  g_autofree guchar *blob = NULL;
  gsize length = key->len;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *encoded = NULL;
  char *end;

  if (key->len == 0)
    blob = g_base64_decode (key->key, &length);
  else
    blob = g_memdup2 (key->key, key->len);
  g_checksum_update (checksum, blob, length);
  g_checksum_get_digest (checksum, digest, &digest_length);
  encoded = g_base64_encode (digest, digest_length);
  end = strchr (encoded, '=');
  if (end != NULL)
    *end = '\0';
  return g_strconcat ("SHA256:", encoded, NULL);
}

static int
host_key_cb (CURL                    *easy,
             const struct curl_khkey *known,
             const struct curl_khkey *found,
             enum curl_khmatch        match,
             void                    *user_data)
{
  TdSiteRemote *self = user_data;

  switch (match)
    {
    case CURLKHMATCH_OK:
      return CURLKHSTAT_FINE;
    case CURLKHMATCH_MISSING:
      g_free (self->new_host_key);
      self->new_host_key = fingerprint (found);
      return CURLKHSTAT_FINE_ADD_TO_FILE;
    case CURLKHMATCH_MISMATCH:
    default:
      self->host_key_changed = TRUE;
      return CURLKHSTAT_REJECT;
    }
}

/* A fresh request on the open connection: the URL and the login. */
static void
prepare (TdSiteRemote *self,
         const char   *url)
{
  CURL *curl = self->transfer.curl;

  td_curl_reset (&self->transfer);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  if (self->user != NULL)
    curl_easy_setopt (curl, CURLOPT_USERNAME, self->user);
  if (self->password != NULL)
    curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password);
  curl_easy_setopt (curl, CURLOPT_SSH_AUTH_TYPES,
                    (long) (CURLSSH_AUTH_PUBLICKEY | CURLSSH_AUTH_PASSWORD |
                            CURLSSH_AUTH_KEYBOARD));
  if (self->ssh_key != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_SSH_PRIVATE_KEYFILE, self->ssh_key);
      if (self->password != NULL)
        curl_easy_setopt (curl, CURLOPT_KEYPASSWD, self->password);
    }
  curl_easy_setopt (curl, CURLOPT_SSH_KNOWNHOSTS, self->known_hosts);
  curl_easy_setopt (curl, CURLOPT_SSH_KEYFUNCTION, host_key_cb);
  curl_easy_setopt (curl, CURLOPT_SSH_KEYDATA, self);
}

static gboolean
perform (TdSiteRemote  *self,
         GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (self->known_hosts);

  /* libcurl writes a newly met server's key there, but makes no folder. */
  g_mkdir_with_parents (folder, 0700);
  self->host_key_changed = FALSE;
  if (td_curl_perform (&self->transfer, _td_site_remote_what (), self->host, error))
    return TRUE;
  if (self->host_key_changed)
    {
      g_clear_error (error);
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TLS,
                   _("The server at “%s” is not the one Tidings published to before: its "
                     "key changed. If your web host moved or renewed its server, remove "
                     "its line from %s; otherwise ask your host before publishing"),
                   self->host, self->known_hosts);
    }
  return FALSE;
}

/* A path in an SFTP command: in double quotes, \ and " escaped. */
static char *
quoted (TdSiteRemote *self,
        const char   *path)
{
  g_autofree char *full = g_strconcat (self->base_path, "/", path, NULL);
  GString *text = g_string_new ("\"");

  for (const char *c = full; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *c);
    }
  g_string_append_c (text, '"');
  return g_string_free (text, FALSE);
}

static GBytes *
sftp_get (TdSiteRemote  *self,
          const char    *path,
          GError       **error)
{
  g_autofree char *url = _td_site_remote_url (self, path);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;

  prepare (self, url);
  curl_easy_setopt (self->transfer.curl, CURLOPT_WRITEFUNCTION, _td_site_writer_cb);
  curl_easy_setopt (self->transfer.curl, CURLOPT_WRITEDATA, body);
  if (!perform (self, &local_error))
    {
      /* A missing file is an answer, not a failure. */
      if (self->transfer.result == CURLE_REMOTE_FILE_NOT_FOUND)
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&body));
}

static gboolean
sftp_put (TdSiteRemote  *self,
          const char    *path,
          GBytes        *data,
          GError       **error)
{
  g_autofree char *temporary = _td_site_remote_beside (path, ".tidings-new");
  g_autofree char *aside = _td_site_remote_beside (path, ".tidings-old");
  g_autofree char *url = _td_site_remote_url (self, temporary);
  g_autofree char *q_path = quoted (self, path);
  g_autofree char *q_temporary = quoted (self, temporary);
  g_autofree char *q_aside = quoted (self, aside);
  g_autofree char *rm_aside = g_strdup_printf ("*rm %s", q_aside);
  g_autofree char *rename_aside = g_strdup_printf ("*rename %s %s", q_path, q_aside);
  g_autofree char *rename_new = g_strdup_printf ("rename %s %s", q_temporary, q_path);
  struct curl_slist *commands = NULL;
  TdSiteReader reader = { data, 0 };
  CURL *curl = self->transfer.curl;
  gboolean ok;

  /* A '*' lets the transfer go on when the command fails: there may be no
   * old file, nor a leftover of an earlier, broken publish. */
  commands = curl_slist_append (commands, rm_aside);
  commands = curl_slist_append (commands, rename_aside);
  commands = curl_slist_append (commands, rename_new);
  commands = curl_slist_append (commands, rm_aside);

  prepare (self, url);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, _td_site_reader_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) g_bytes_get_size (data));
  curl_easy_setopt (curl, CURLOPT_FTP_CREATE_MISSING_DIRS, (long) CURLFTP_CREATE_DIR);
  /* Readable by the web server, whichever user it runs as. */
  curl_easy_setopt (curl, CURLOPT_NEW_FILE_PERMS, 0644L);
  curl_easy_setopt (curl, CURLOPT_NEW_DIRECTORY_PERMS, 0755L);
  curl_easy_setopt (curl, CURLOPT_POSTQUOTE, commands);
  ok = perform (self, error);
  curl_easy_setopt (curl, CURLOPT_POSTQUOTE, NULL);
  curl_slist_free_all (commands);
  return ok;
}

static gboolean
sftp_delete (TdSiteRemote  *self,
             const char    *path,
             GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, "/", NULL);
  g_autofree char *q_path = quoted (self, path);
  g_autofree char *rm = g_strdup_printf ("*rm %s", q_path);
  struct curl_slist *commands = curl_slist_append (NULL, rm);
  gboolean ok;

  /* The command alone, on the site's folder: no listing, no transfer. */
  prepare (self, url);
  curl_easy_setopt (self->transfer.curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt (self->transfer.curl, CURLOPT_QUOTE, commands);
  ok = perform (self, error);
  curl_easy_setopt (self->transfer.curl, CURLOPT_QUOTE, NULL);
  curl_slist_free_all (commands);
  return ok;
}

const TdSiteRemoteClass td_site_sftp_class = {
  sftp_get,
  sftp_put,
  sftp_delete,
};
