/* td-http.h: JSON over HTTPS to a mailing service, with bounded retries
 *
 * Private to src/publish. One client per hand-off: the API's base URL, its
 * Authorization header and its name for messages. A request is retried
 * when the service asks to wait (429, honouring Retry-After up to a
 * limit), when it fails on its side (5xx) and, for requests that are safe
 * to repeat (GET, PUT, PATCH), when it times out; at most
 * TD_HTTP_MAX_ATTEMPTS times in all. 401, 403 and 404 are not retried.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_HTTP_MAX_ATTEMPTS 4

/* Called before sleeping @seconds at the service's request. */
typedef void (*TdHttpWaitFunc) (guint    seconds,
                                gpointer user_data);

typedef struct
{
  const char     *service;        /* "Mailchimp": for messages */
  const char     *base;           /* "https://us6.api.mailchimp.com/3.0", no final "/" */
  const char     *authorization;  /* the whole header value: "Token …" */
  const char     *ca_file;        /* NULL: the system's certificates */
  guint           timeout;        /* seconds without progress; 0: the default */
  guint           max_wait;       /* the longest Retry-After honoured, in seconds */
  TdHttpWaitFunc  wait_func;
  gpointer        wait_data;
  GCancellable   *cancellable;
} TdHttpClient;

/* FALSE (TD_PUBLISH_ERROR_INVALID) unless @base is https://, or http://
 * to this machine (the tests' stand-ins): an API key never travels in the
 * clear over a network. */
gboolean  td_http_check_base (const char    *base,
                              GError       **error);

/* @method @path (appended to the base) with @body (NULL: none) as JSON.
 * Returns the answer's JSON (a null node for an empty body) for a 2xx
 * status; otherwise NULL with a TD_PUBLISH_ERROR that says what the
 * service said. */
JsonNode *td_http_json       (TdHttpClient  *client,
                              const char    *method,
                              const char    *path,
                              JsonNode      *body,
                              GError       **error);

/* POST of a multipart/form-data body with one file @field. */
JsonNode *td_http_upload     (TdHttpClient  *client,
                              const char    *path,
                              const char    *field,
                              const char    *filename,
                              const char    *mime_type,
                              GBytes        *data,
                              GError       **error);

G_END_DECLS
