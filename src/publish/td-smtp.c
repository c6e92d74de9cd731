/* td-smtp.c: submitting one message over SMTP, encrypted or not at all */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-curl.h"
#include "td-publish-error.h"
#include "td-smtp.h"

#define SMTPS_PORT 465

char *
td_smtp_url_for (const char *host,
                 guint       port)
{
  g_return_val_if_fail (host != NULL, NULL);

  /* GUri brackets an IPv6 literal. */
  return g_uri_join (G_URI_FLAGS_NONE, port == SMTPS_PORT ? "smtps" : "smtp", NULL,
                     host, port > 0 ? (int) port : -1, "", NULL, NULL);
}

gboolean
td_smtp_check_url (const char  *url,
                   char       **host,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                           _("Give the mail server, such as smtps://mail.example.com:465"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL
      || !(g_ascii_strcasecmp (scheme, "smtps") == 0 || g_ascii_strcasecmp (scheme, "smtp") == 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || g_uri_get_userinfo (uri) != NULL
      || !(g_uri_get_path (uri)[0] == '\0' || g_str_equal (g_uri_get_path (uri), "/"))
      || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("“%s” is not a mail server address: write smtps://host:465, or "
                     "smtp://host:587 for a server with STARTTLS"), url);
      return FALSE;
    }
  if (host != NULL)
    *host = g_strdup (g_uri_get_host (uri));
  return TRUE;
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  Reader *reader = user_data;
  gsize n = MIN (size * nitems, reader->length - reader->offset);

  memcpy (buffer, reader->data + reader->offset, n);
  reader->offset += n;
  return n;
}

gboolean
td_smtp_send (const TdSmtpOptions  *options,
              const char           *from,
              const char           *to,
              GBytes               *message,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autofree char *host = NULL;
  g_autofree char *from_path = NULL;
  g_autoptr(GError) local_error = NULL;
  struct curl_slist *recipients = NULL;
  TdCurl transfer;
  Reader reader = { NULL, 0, 0 };
  gboolean ok;
  long code = 0;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL && message != NULL, FALSE);

  if (!td_smtp_check_url (options->url, &host, error))
    return FALSE;
  if (strchr (to, '@') == NULL || strpbrk (to, " <>\r\n") != NULL)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("“%s” is not an email address"), to);
      return FALSE;
    }
  if (!td_curl_init (&transfer, "smtp,smtps", options->ca_file, options->timeout,
                     cancellable, error))
    return FALSE;

  reader.data = g_bytes_get_data (message, &reader.length);
  from_path = g_strdup_printf ("<%s>", from);
  recipients = curl_slist_append (NULL, to);

  curl_easy_setopt (transfer.curl, CURLOPT_URL, options->url);
  /* STARTTLS or nothing: AUTH and the message only ever go encrypted. */
  curl_easy_setopt (transfer.curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (options->user != NULL && options->user[0] != '\0')
    {
      curl_easy_setopt (transfer.curl, CURLOPT_USERNAME, options->user);
      curl_easy_setopt (transfer.curl, CURLOPT_PASSWORD,
                        options->password != NULL ? options->password : "");
    }
  curl_easy_setopt (transfer.curl, CURLOPT_MAIL_FROM, from_path);
  curl_easy_setopt (transfer.curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (transfer.curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (transfer.curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) reader.length);
  curl_easy_setopt (transfer.curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (transfer.curl, CURLOPT_READDATA, &reader);

  ok = td_curl_perform (&transfer, _("the mail server"), host, &local_error);
  curl_easy_getinfo (transfer.curl, CURLINFO_RESPONSE_CODE, &code);
  /* A connection that worked but a sender, recipient or message the
   * server refused: say so with its own words. */
  if (!ok && code >= 500 && code != 535
      && g_error_matches (local_error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_CONNECT))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                   _("The mail server at “%s” refused the message (%ld): %s"),
                   host, code, transfer.errbuf);
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  curl_slist_free_all (recipients);
  td_curl_clear (&transfer);
  return ok;
}
