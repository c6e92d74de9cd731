/* td-curl.h: what every libcurl transfer of src/publish shares
 *
 * Private to src/publish. libcurl does the protocols (SMTP with STARTTLS,
 * HTTPS); this file sets it up the same way for all of them: no redirects,
 * only the protocols asked for, a stall timeout, an optional CA file,
 * cancellation through a GCancellable, and one mapping of libcurl's results
 * to TD_PUBLISH_ERROR messages.
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

/* Seconds without progress before a transfer is given up. */
#define TD_CURL_DEFAULT_TIMEOUT 30

/* Bytes sent so far of @total (0 when unknown), during an upload. */
typedef void (*TdCurlProgressFunc) (guint64  sent,
                                    guint64  total,
                                    gpointer user_data);

typedef struct
{
  CURL              *curl;
  GCancellable      *cancellable;
  /* what td_curl_reset() sets again */
  char              *protocols;
  char              *ca_file;
  guint              timeout;
  /* set by the caller, or NULL */
  TdCurlProgressFunc progress;
  gpointer           progress_data;
  CURLcode           result;   /* of the last td_curl_perform() */
  char               errbuf[CURL_ERROR_SIZE];
} TdCurl;

/* Prepares transfer for a URL of one of @protocols ("https", "smtp,smtps",
 * "http,https"). ca_file NULL: the system's certificates. timeout 0: the
 * default. FALSE only when libcurl can't be set up. */
gboolean td_curl_init        (TdCurl        *transfer,
                              const char    *protocols,
                              const char    *ca_file,
                              guint          timeout,
                              GCancellable  *cancellable,
                              GError       **error);
void     td_curl_clear       (TdCurl        *transfer);

/* Forgets the options of the last request, keeping the ones of
 * td_curl_init() and the open connection: the next request on the same
 * server needs no new handshake. */
void     td_curl_reset       (TdCurl        *transfer);

/* Runs the transfer; FALSE with @error set to a message naming @host (and
 * @what, such as "the mail server" or "Mailchimp") when it fails. */
gboolean td_curl_perform     (TdCurl        *transfer,
                              const char    *what,
                              const char    *host,
                              GError       **error);

/* Sleeps @seconds, waking early (FALSE, G_IO_ERROR_CANCELLED) when
 * @cancellable is cancelled. */
gboolean td_curl_wait        (guint          seconds,
                              GCancellable  *cancellable,
                              GError       **error);

/* Whether host names this machine (127.0.0.0/8, ::1, localhost). */
gboolean td_host_is_loopback (const char    *host);

G_END_DECLS
