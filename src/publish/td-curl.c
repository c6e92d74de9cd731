/* td-curl.c: what every libcurl transfer of src/publish shares */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-curl.h"
#include "td-publish-error.h"

static void
ensure_global_init (void)
{
  static gsize initialized = 0;

  /* curl_global_init() is not thread-safe itself: once, before any
   * transfer, whichever thread comes first. */
  if (g_once_init_enter (&initialized))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialized, 1);
    }
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  TdCurl *transfer = user_data;

  /* Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK. */
  if (g_cancellable_is_cancelled (transfer->cancellable))
    return 1;
  if (transfer->progress != NULL && ulnow > 0)
    transfer->progress ((guint64) ulnow, (guint64) MAX (ultotal, 0), transfer->progress_data);
  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

/* The options every request of the transfer has. */
static void
set_common_options (TdCurl *transfer)
{
  CURL *curl = transfer->curl;
  long timeout = (long) transfer->timeout;

  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, transfer->errbuf);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  /* Secrets go in headers: never follow a redirect elsewhere, never fall
   * back to a protocol that wasn't asked for. */
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, transfer->protocols);
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (transfer->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, transfer->ca_file);

  /* A stalled server is one that moves less than a byte a second for
   * @timeout seconds: slow uploads of big pictures still finish. */
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, timeout);
  /* SMTP and SFTP: how long to wait for each server response. */
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);

  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Tidings/" PACKAGE_VERSION);
}

gboolean
td_curl_init (TdCurl        *transfer,
              const char    *protocols,
              const char    *ca_file,
              guint          timeout,
              GCancellable  *cancellable,
              GError       **error)
{
  CURL *curl;

  g_return_val_if_fail (transfer != NULL, FALSE);
  g_return_val_if_fail (protocols != NULL, FALSE);

  ensure_global_init ();
  memset (transfer, 0, sizeof *transfer);
  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                           _("Could not start a network connection"));
      return FALSE;
    }
  transfer->curl = curl;
  transfer->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  transfer->protocols = g_strdup (protocols);
  transfer->ca_file = ca_file != NULL && ca_file[0] != '\0' ? g_strdup (ca_file) : NULL;
  transfer->timeout = timeout != 0 ? timeout : TD_CURL_DEFAULT_TIMEOUT;
  set_common_options (transfer);
  return TRUE;
}

void
td_curl_reset (TdCurl *transfer)
{
  curl_easy_reset (transfer->curl);
  set_common_options (transfer);
}

void
td_curl_clear (TdCurl *transfer)
{
  g_clear_pointer (&transfer->curl, curl_easy_cleanup);
  g_clear_object (&transfer->cancellable);
  g_clear_pointer (&transfer->protocols, g_free);
  g_clear_pointer (&transfer->ca_file, g_free);
}

static const char *
detail (TdCurl   *transfer,
        CURLcode  code)
{
  return transfer->errbuf[0] != '\0' ? transfer->errbuf : curl_easy_strerror (code);
}

gboolean
td_curl_perform (TdCurl      *transfer,
                 const char  *what,
                 const char  *host,
                 GError     **error)
{
  CURLcode code;

  transfer->errbuf[0] = '\0';
  code = curl_easy_perform (transfer->curl);
  transfer->result = code;
  if (code == CURLE_OK)
    return TRUE;

  switch (code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      /* Translators: the first %s is "the mail server" or a service's name */
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_HOST_NOT_FOUND,
                   _("Can’t find %s at “%s”: check the server’s name, and that this "
                     "computer is online"), what, host);
      break;
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_CONNECT,
                   _("No answer from %s at “%s”: check the address and the port"),
                   what, host);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TIMEOUT,
                   _("No answer from %s at “%s” for too long; try again later"),
                   what, host);
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TLS_REQUIRED,
                   _("Tidings won’t send your password to %s at “%s”: it offers no "
                     "encrypted connection (STARTTLS). Use port 465, or ask your mail "
                     "provider for its secure settings"), what, host);
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH,
                   _("The user name or password was refused by %s at “%s”: check them, "
                     "or create an app password if your provider asks for one"), what, host);
      break;
    case CURLE_REMOTE_ACCESS_DENIED:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_FORBIDDEN,
                   _("This account may not write to %s at “%s”: check the folder in the "
                     "address, and its permissions (%s)"),
                   what, host, detail (transfer, code));
      break;
    case CURLE_REMOTE_DISK_FULL:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                   _("There is no room left on %s at “%s”: make room in your hosting "
                     "account, then try again"), what, host);
      break;
    case CURLE_QUOTE_ERROR:
    case CURLE_UPLOAD_FAILED:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                   _("Storing a file on %s at “%s” failed: %s"),
                   what, host, detail (transfer, code));
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TLS,
                   _("The secure connection to %s at “%s” failed: %s"),
                   what, host, detail (transfer, code));
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("The address of %s is not usable: %s"), what, detail (transfer, code));
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSH:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_CONNECT,
                   _("The connection to %s at “%s” broke off: %s"),
                   what, host, detail (transfer, code));
      break;
    default:
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                   _("Talking to %s at “%s” failed: %s"), what, host, detail (transfer, code));
    }
  return FALSE;
}

gboolean
td_curl_wait (guint          seconds,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  /* Short naps: a cancelled hand-off stops within a tenth of a second. */
  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (100 * 1000, end - g_get_monotonic_time ()));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
td_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}
