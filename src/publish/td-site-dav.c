/* td-site-dav.c: a site's files over WebDAV (RFC 4918, libcurl over HTTPS)
 *
 * PUT under a temporary name, then MOVE onto the file's place with
 * "Overwrite: T"; MKCOL for the folders a file needs (405 means the
 * folder is there); DELETE. HTTP Basic login, only over HTTPS (plain
 * http:// to this computer only, for the tests).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-publish-error.h"
#include "td-site-remote-private.h"

/* The bodies of answers other than GET's are for people: not read. */
static size_t
discard_cb (char   *data,
            size_t  size,
            size_t  nmemb,
            void   *user_data)
{
  return size * nmemb;
}

static void
prepare (TdSiteRemote *self,
         const char   *method,
         const char   *url)
{
  CURL *curl = self->transfer.curl;

  td_curl_reset (&self->transfer);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, discard_cb);
  if (method != NULL)
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  if (self->user != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password != NULL ? self->password : "");
      /* Basic at once, over TLS: offering Digest too would cost every
       * request a first, refused try -- and every upload its bytes twice. */
      curl_easy_setopt (curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
    }
}

/* Runs the request; its HTTP status in *status. */
static gboolean
perform (TdSiteRemote  *self,
         long          *status,
         GError       **error)
{
  *status = 0;
  if (!td_curl_perform (&self->transfer, _td_site_remote_what (), self->host, error))
    return FALSE;
  curl_easy_getinfo (self->transfer.curl, CURLINFO_RESPONSE_CODE, status);
  return TRUE;
}

static gboolean
status_error (TdSiteRemote  *self,
              const char    *path,
              long           status,
              GError       **error)
{
  switch (status)
    {
    case 401:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH,
                   _("The user name or password was refused by %s at “%s”: check them"),
                   _td_site_remote_what (), self->host);
      break;
    case 403:
    case 405:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_FORBIDDEN,
                   _("This account may not write to %s at “%s”: check the folder in the "
                     "address, and its permissions (%s: HTTP %ld)"),
                   _td_site_remote_what (), self->host, path, status);
      break;
    case 409:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_NOT_FOUND,
                   _("The folder of the address is missing on %s at “%s”: check the "
                     "address (%s: HTTP 409)"), _td_site_remote_what (), self->host, path);
      break;
    case 507:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                   _("There is no room left on %s at “%s”: make room in your hosting "
                     "account, then try again"), _td_site_remote_what (), self->host);
      break;
    default:
      if (status >= 500)
        g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_SERVER,
                     _("Your web host at “%s” had a problem on its side (HTTP %ld); try "
                       "again later"), self->host, status);
      else
        g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                     _("Storing a file on %s at “%s” failed: %s: HTTP %ld"),
                     _td_site_remote_what (), self->host, path, status);
    }
  return FALSE;
}

static GBytes *
dav_get (TdSiteRemote  *self,
         const char    *path,
         GError       **error)
{
  g_autofree char *url = _td_site_remote_url (self, path);
  g_autoptr(GString) body = g_string_new (NULL);
  long status;

  prepare (self, NULL, url);
  curl_easy_setopt (self->transfer.curl, CURLOPT_WRITEFUNCTION, _td_site_writer_cb);
  curl_easy_setopt (self->transfer.curl, CURLOPT_WRITEDATA, body);
  if (!perform (self, &status, error))
    return NULL;
  if (status == 404)
    return NULL;
  if (status != 200)
    {
      status_error (self, path, status, error);
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&body));
}

/* MKCOL for the site's folder and each folder of @path not yet known to
 * exist; the folders above the site's must be there. */
static gboolean
make_folders (TdSiteRemote  *self,
              const char    *path,
              GError       **error)
{
  const char *slash = path;

  for (gboolean root = TRUE; root || (slash = strchr (slash, '/')) != NULL; root = FALSE)
    {
      g_autofree char *folder = root ? g_strdup ("") : g_strndup (path, (gsize) (slash - path));
      g_autofree char *folder_url = NULL;
      long status;

      if (!root)
        slash++;
      if (g_hash_table_contains (self->folders, folder))
        continue;
      if (root)
        folder_url = g_strconcat (self->base_url, "/", NULL);
      else
        {
          g_autofree char *url = _td_site_remote_url (self, folder);

          folder_url = g_strconcat (url, "/", NULL);
        }
      prepare (self, "MKCOL", folder_url);
      if (!perform (self, &status, error))
        return FALSE;
      /* 201 made, 405 already there (RFC 4918 9.3.1). */
      if (status != 201 && status != 405)
        return status_error (self, root ? self->base_path : folder, status, error);
      g_hash_table_add (self->folders, g_steal_pointer (&folder));
    }
  return TRUE;
}

static gboolean
dav_put (TdSiteRemote  *self,
         const char    *path,
         GBytes        *data,
         GError       **error)
{
  g_autofree char *temporary = _td_site_remote_beside (path, ".tidings-new");
  g_autofree char *temporary_url = _td_site_remote_url (self, temporary);
  g_autofree char *url = _td_site_remote_url (self, path);
  g_autofree char *destination = g_strconcat ("Destination: ", url, NULL);
  struct curl_slist *headers = NULL;
  TdSiteReader reader = { data, 0 };
  CURL *curl = self->transfer.curl;
  long status;
  gboolean ok;

  if (!make_folders (self, path, error))
    return FALSE;

  prepare (self, NULL, temporary_url);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, _td_site_reader_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) g_bytes_get_size (data));
  if (!perform (self, &status, error))
    return FALSE;
  if (status != 201 && status != 204 && status != 200)
    return status_error (self, path, status, error);

  headers = curl_slist_append (headers, destination);
  headers = curl_slist_append (headers, "Overwrite: T");
  prepare (self, "MOVE", temporary_url);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  ok = perform (self, &status, error);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (headers);
  if (ok && status != 201 && status != 204)
    return status_error (self, path, status, error);
  return ok;
}

static gboolean
dav_delete (TdSiteRemote  *self,
            const char    *path,
            GError       **error)
{
  g_autofree char *url = _td_site_remote_url (self, path);
  long status;

  prepare (self, "DELETE", url);
  if (!perform (self, &status, error))
    return FALSE;
  if (status != 200 && status != 204 && status != 404)
    return status_error (self, path, status, error);
  return TRUE;
}

const TdSiteRemoteClass td_site_dav_class = {
  dav_get,
  dav_put,
  dav_delete,
};
