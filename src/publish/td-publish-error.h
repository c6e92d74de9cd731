/* td-publish-error.h: what can go wrong on the network, as one error domain
 *
 * Every error of src/publish is in TD_PUBLISH_ERROR (or G_IO_ERROR_CANCELLED
 * when the caller cancelled), with a message that says what happened and
 * what to do, ready to show as it is.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_PUBLISH_ERROR (td_publish_error_quark ())

typedef enum
{
  TD_PUBLISH_ERROR_INVALID,        /* a setting that can't work: a bad URL or address */
  TD_PUBLISH_ERROR_HOST_NOT_FOUND, /* the server's name doesn't resolve */
  TD_PUBLISH_ERROR_CONNECT,        /* nothing answers at that address and port */
  TD_PUBLISH_ERROR_TIMEOUT,        /* the server stopped answering */
  TD_PUBLISH_ERROR_TLS_REQUIRED,   /* the server offers no encryption */
  TD_PUBLISH_ERROR_TLS,            /* the encrypted connection failed (certificate, handshake) */
  TD_PUBLISH_ERROR_AUTH,           /* wrong password or API key */
  TD_PUBLISH_ERROR_FORBIDDEN,      /* the key may not do this (HTTP 403) */
  TD_PUBLISH_ERROR_NOT_FOUND,      /* HTTP 404 */
  TD_PUBLISH_ERROR_RATE_LIMITED,   /* HTTP 429, still after waiting */
  TD_PUBLISH_ERROR_SERVER,         /* HTTP 5xx, still after retrying */
  TD_PUBLISH_ERROR_REFUSED,        /* the server refused the request or the message */
  TD_PUBLISH_ERROR_NOT_A_DRAFT,    /* the recorded draft was sent or scheduled meanwhile */
  TD_PUBLISH_ERROR_PROTOCOL,       /* an answer that makes no sense */
  TD_PUBLISH_ERROR_KEYRING,        /* the keyring could not be used */
} TdPublishError;

GQuark td_publish_error_quark (void);

G_END_DECLS
