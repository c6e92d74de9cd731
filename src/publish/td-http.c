/* td-http.c: JSON over HTTPS to a mailing service, with bounded retries */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-curl.h"
#include "td-http.h"
#include "td-publish-error.h"

/* No service answers a newsletter's request with more than this. */
#define MAX_ANSWER_BYTES (4 * 1024 * 1024)

typedef struct
{
  const char  *method;
  const char  *path;
  const char  *json;        /* or NULL */
  /* a multipart upload when field is not NULL */
  const char  *field;
  const char  *filename;
  const char  *mime_type;
  GBytes      *data;
} Request;

typedef struct
{
  long     status;
  GString *body;
  char    *retry_after;
} Answer;

gboolean
td_http_check_base (const char  *base,
                    GError     **error)
{
  g_autoptr(GUri) uri = base != NULL ? g_uri_parse (base, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (scheme != NULL && host != NULL && host[0] != '\0' && g_uri_get_userinfo (uri) == NULL
      && (g_ascii_strcasecmp (scheme, "https") == 0
          || (g_ascii_strcasecmp (scheme, "http") == 0 && td_host_is_loopback (host))))
    return TRUE;
  g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
               _("“%s” is not a usable API address: it must start with https:// (plain "
                 "http:// only to this computer, for tests)"), base != NULL ? base : "");
  return FALSE;
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Answer *answer = user_data;
  gsize n = size * nmemb;

  if (answer->body->len + n > MAX_ANSWER_BYTES)
    return 0;
  g_string_append_len (answer->body, data, (gssize) n);
  return n;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Answer *answer = user_data;
  gsize n = size * nitems;
  const char *name = "retry-after:";

  if (n > strlen (name) && g_ascii_strncasecmp (data, name, strlen (name)) == 0)
    {
      g_free (answer->retry_after);
      answer->retry_after = g_strstrip (g_strndup (data + strlen (name), n - strlen (name)));
    }
  return n;
}

/* Seconds to wait from a Retry-After value: delta-seconds or an HTTP date
 * (RFC 9110 10.2.3); @fallback when it says neither. */
static guint
retry_after_seconds (const char *value,
                     guint       fallback)
{
  char *end = NULL;
  guint64 seconds;
  time_t when;

  if (value == NULL || value[0] == '\0')
    return fallback;
  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (guint) MIN (seconds, G_MAXUINT);
  when = curl_getdate (value, NULL);
  if (when == -1)
    return fallback;
  return when > time (NULL) ? (guint) (when - time (NULL)) : 0;
}

static gboolean
perform_once (TdHttpClient  *client,
              const Request *request,
              Answer        *answer,
              GError       **error)
{
  g_autofree char *url = g_strconcat (client->base, request->path, NULL);
  g_autofree char *auth = g_strconcat ("Authorization: ", client->authorization, NULL);
  g_autoptr(GUri) uri = g_uri_parse (client->base, G_URI_FLAGS_NONE, NULL);
  struct curl_slist *headers = NULL;
  curl_mime *mime = NULL;
  TdCurl transfer;
  gboolean ok;
  gboolean plain = g_ascii_strncasecmp (client->base, "http:", 5) == 0;

  if (!td_curl_init (&transfer, plain ? "http" : "https", client->ca_file, client->timeout,
                     client->cancellable, error))
    return FALSE;

  headers = curl_slist_append (headers, auth);
  headers = curl_slist_append (headers, "Accept: application/json");
  /* No "Expect: 100-continue" pause before a body. */
  headers = curl_slist_append (headers, "Expect:");
  if (request->json != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json; charset=utf-8");
      curl_easy_setopt (transfer.curl, CURLOPT_POSTFIELDS, request->json);
      curl_easy_setopt (transfer.curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) strlen (request->json));
    }
  else if (request->field != NULL)
    {
      curl_mimepart *part;
      gsize size;
      const void *data = g_bytes_get_data (request->data, &size);

      mime = curl_mime_init (transfer.curl);
      part = curl_mime_addpart (mime);
      curl_mime_name (part, request->field);
      curl_mime_filename (part, request->filename);
      curl_mime_type (part, request->mime_type);
      curl_mime_data (part, data, size);
      curl_easy_setopt (transfer.curl, CURLOPT_MIMEPOST, mime);
    }
  curl_easy_setopt (transfer.curl, CURLOPT_URL, url);
  curl_easy_setopt (transfer.curl, CURLOPT_CUSTOMREQUEST, request->method);
  if (g_str_equal (request->method, "GET"))
    curl_easy_setopt (transfer.curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt (transfer.curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (transfer.curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (transfer.curl, CURLOPT_WRITEDATA, answer);
  curl_easy_setopt (transfer.curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (transfer.curl, CURLOPT_HEADERDATA, answer);

  ok = td_curl_perform (&transfer, client->service,
                        uri != NULL ? g_uri_get_host (uri) : client->base, error);
  curl_easy_getinfo (transfer.curl, CURLINFO_RESPONSE_CODE, &answer->status);

  curl_mime_free (mime);
  curl_slist_free_all (headers);
  td_curl_clear (&transfer);
  return ok;
}

/* What the service said about an error: Mailchimp's problem documents and
 * Buttondown's errors both have "detail"; Mailchimp also a "title". */
static char *
dup_service_detail (const GString *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *keys[] = { "detail", "title", "message" };

  if (body->len == 0 || !json_parser_load_from_data (parser, body->str, (gssize) body->len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  return NULL;
}

static void
set_status_error (TdHttpClient  *client,
                  const Answer  *answer,
                  GError       **error)
{
  g_autofree char *detail = dup_service_detail (answer->body);
  g_autofree char *said = detail != NULL
    /* Translators: what the service said, after a sentence */
    ? g_strdup_printf (_(" (%s said: “%s”)"), client->service, detail) : g_strdup ("");
  long status = answer->status;

  if (status == 401)
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH,
                 _("%s refused the API key%s: copy it again from your %s account"),
                 client->service, said, client->service);
  else if (status == 403)
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_FORBIDDEN,
                 _("%s doesn’t let this API key do that%s: check the key’s permissions"),
                 client->service, said);
  else if (status == 404)
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_NOT_FOUND,
                 _("%s has no such item%s"), client->service, said);
  else if (status == 429)
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_RATE_LIMITED,
                 _("%s is busy and asked Tidings to wait%s; try again in a few minutes"),
                 client->service, said);
  else if (status >= 500)
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_SERVER,
                 _("%s had a problem on its side (HTTP %ld)%s; try again later"),
                 client->service, status, said);
  else
    g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_REFUSED,
                 _("%s refused the request (HTTP %ld)%s"), client->service, status, said);
}

static JsonNode *
parse_answer (TdHttpClient  *client,
              const Answer  *answer,
              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (answer->body->len == 0)
    return json_node_new (JSON_NODE_NULL);
  if (!json_parser_load_from_data (parser, answer->body->str, (gssize) answer->body->len, NULL))
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                   _("%s gave an answer Tidings doesn’t understand"), client->service);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
request_with_retries (TdHttpClient  *client,
                      const Request *request,
                      GError       **error)
{
  gboolean idempotent = !g_str_equal (request->method, "POST");

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *retry_after = NULL;
      g_autoptr(GString) body = g_string_new (NULL);
      Answer answer = { 0, body, NULL };
      gboolean last = attempt >= TD_HTTP_MAX_ATTEMPTS;
      guint backoff = 1u << (attempt - 1);   /* 1, 2, 4 s */
      guint wait;

      if (!perform_once (client, request, &answer, &local_error))
        {
          g_free (answer.retry_after);
          /* A POST that timed out may have been done: don't do it twice. */
          if (!last && idempotent
              && g_error_matches (local_error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TIMEOUT))
            {
              if (!td_curl_wait (backoff, client->cancellable, error))
                return NULL;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      retry_after = answer.retry_after;

      if (answer.status >= 200 && answer.status < 300)
        return parse_answer (client, &answer, error);

      if (answer.status == 429 && !last)
        {
          wait = retry_after_seconds (retry_after, backoff);
          if (wait > client->max_wait)
            {
              g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_RATE_LIMITED,
                           _("%s is busy and asked Tidings to wait %u seconds; try again "
                             "later"), client->service, wait);
              return NULL;
            }
        }
      else if (answer.status >= 500 && !last)
        wait = backoff;
      else
        {
          set_status_error (client, &answer, error);
          return NULL;
        }

      if (client->wait_func != NULL)
        client->wait_func (wait, client->wait_data);
      if (!td_curl_wait (wait, client->cancellable, error))
        return NULL;
    }
}

JsonNode *
td_http_json (TdHttpClient  *client,
              const char    *method,
              const char    *path,
              JsonNode      *body,
              GError       **error)
{
  g_autofree char *json = body != NULL ? json_to_string (body, FALSE) : NULL;
  Request request = { method, path, json, NULL, NULL, NULL, NULL };

  g_return_val_if_fail (client != NULL && method != NULL && path != NULL, NULL);

  return request_with_retries (client, &request, error);
}

JsonNode *
td_http_upload (TdHttpClient  *client,
                const char    *path,
                const char    *field,
                const char    *filename,
                const char    *mime_type,
                GBytes        *data,
                GError       **error)
{
  Request request = { "POST", path, NULL, field, filename, mime_type, data };

  g_return_val_if_fail (client != NULL && path != NULL && field != NULL, NULL);

  return request_with_retries (client, &request, error);
}
