/* td-smtp.h: submitting one message over SMTP, encrypted or not at all
 *
 * libcurl speaks SMTP; this says how: "smtps://host[:465]" (TLS from the
 * first byte) or "smtp://host[:587]" with STARTTLS required -- a server
 * that doesn't offer it is refused before any password is sent.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  const char *url;       /* smtps://host[:port] or smtp://host[:port] */
  const char *user;      /* NULL or "": no AUTH */
  const char *password;  /* from the keyring or $TIDINGS_SMTP_PASSWORD, never argv */
  const char *ca_file;   /* NULL: the system's certificates */
  guint       timeout;   /* seconds without progress; 0: TD_CURL_DEFAULT_TIMEOUT */
} TdSmtpOptions;

/* "smtp://mail.example.com:587" from a host and a port, as the settings
 * keep them: 465 is TLS from the start, any other port STARTTLS. */
char     *td_smtp_url_for     (const char          *host,
                               guint                port);

/* FALSE (TD_PUBLISH_ERROR_INVALID) unless @url is smtps:// or smtp:// with
 * a host and nothing after it; *host (may be NULL) receives the host. */
gboolean  td_smtp_check_url   (const char          *url,
                               char               **host,
                               GError             **error);

/* Sends @message (CRLF line ends, as the .eml export writes them) from
 * the envelope sender @from to @to. Blocks: call it in a worker thread. */
gboolean  td_smtp_send        (const TdSmtpOptions *options,
                               const char          *from,
                               const char          *to,
                               GBytes              *message,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
