/* test-publish.c: src/publish against real servers on 127.0.0.1
 *
 * SMTP: Debian's aiosmtpd requiring STARTTLS and AUTH (publish/
 * smtp-server.py). The services: an HTTPS stand-in that checks each
 * request against the documented API (publish/api-standin.py). Both use a
 * certificate made here; nothing leaves the machine.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-render.h"
#include "td-handoff.h"
#include "td-json-path.h"
#include "td-json-writer.h"
#include "td-issue-loader.h"
#include "td-publish-error.h"
#include "td-send-test.h"
#include "td-test-servers.h"
#include "td-test-util.h"

#define API_KEY "0123456789abcdef-us6"
#define TO "rachel@example.com"
#define DATE 1690000000

typedef struct
{
  char     *dir;
  char     *ca_file;
  char     *base_dir;
  JsonNode *root;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("tidings-test-publish-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  td_test_make_certificate (fixture->dir);
  fixture->ca_file = g_build_filename (fixture->dir, "cert.pem", NULL);
  fixture->root = td_test_copy_sample (fixture->dir, &fixture->base_dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  td_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->ca_file);
  g_free (fixture->base_dir);
  json_node_unref (fixture->root);
}

/* -- SMTP ------------------------------------------------------------------- */

static TdTestServer *
start_smtp (Fixture    *fixture,
            gboolean    tls,
            const char *spool_name)
{
  g_autofree char *spool = g_build_filename (fixture->dir, spool_name, NULL);
  g_autofree char *key = g_build_filename (fixture->dir, "key.pem", NULL);
  const char *args_tls[] = { "--spool", spool, "--cert", fixture->ca_file, "--key", key,
                             "--user", "rachel", "--password", "s3cret", NULL };
  const char *args_plain[] = { "--spool", spool, "--user", "rachel", "--password", "s3cret",
                               NULL };

  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  return td_test_server_start ("smtp-server.py", fixture->dir, tls ? args_tls : args_plain);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static gboolean
send_with (Fixture     *fixture,
           const char  *url,
           const char  *password,
           const char  *ca_file,
           guint        timeout,
           GError     **error)
{
  TdSendTestOptions options = { { url, "rachel", password, ca_file, timeout }, TO, DATE };

  return td_send_test (fixture->root, fixture->base_dir, &options, NULL, error);
}

static void
test_smtp_sends_the_export (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_smtp (fixture, TRUE, "spool");
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", server->port);
  g_autofree char *received = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *received_path = g_build_filename (fixture->dir, "spool", "1.eml", NULL);
  g_autofree char *envelope_path = g_build_filename (fixture->dir, "spool", "1.json", NULL);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GString) expected = NULL;
  g_autoptr(GError) error = NULL;
  TdRenderContext context = { .root = fixture->root, .base_dir = fixture->base_dir,
                              .image_urls = TD_IMAGE_URL_CID,
                              .eml = { NULL, TO, DATE, NULL } };
  gsize length;

  g_assert_true (send_with (fixture, url, "s3cret", fixture->ca_file, 10, &error));
  g_assert_no_error (error);

  /* What arrived is the export, byte for byte, without X-Unsent. */
  exported = td_render (TD_RENDER_EML, &context, &error);
  g_assert_no_error (error);
  expected = g_string_new_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
  g_assert_cmpuint (g_string_replace (expected, "\r\nX-Unsent: 1\r\n", "\r\n", 1), ==, 1);
  g_assert_true (g_file_get_contents (received_path, &received, &length, NULL));
  g_assert_cmpuint (length, ==, expected->len);
  g_assert_true (memcmp (received, expected->str, length) == 0);
  /* Its pictures travel inside: the sample's twelve. */
  g_assert_nonnull (strstr (received, "Content-Type: multipart/related"));
  g_assert_nonnull (strstr (received, "To: " TO "\r\n"));

  g_assert_true (g_file_get_contents (envelope_path, &envelope, NULL, NULL));
  g_assert_nonnull (strstr (envelope, "\"tls\": true"));
  g_assert_nonnull (strstr (envelope, "\"authenticated\": true"));
  g_assert_nonnull (strstr (envelope, "\"rcpt_tos\": [\"" TO "\"]"));
}

/* A send to the local server (with TLS or without) that must fail with
 * @code and @message, and deliver nothing. */
static void
assert_refused (Fixture    *fixture,
                gboolean    tls,
                const char *password,
                int         code,
                const char *message)
{
  g_autoptr(TdTestServer) server = start_smtp (fixture, tls, "spool");
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", server->port);
  g_autofree char *spool = g_build_filename (fixture->dir, "spool", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (send_with (fixture, url, password, fixture->ca_file, 10, &error));
  g_assert_error (error, TD_PUBLISH_ERROR, code);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_cmpuint (count_files (spool), ==, 0);
}

static void
test_smtp_wrong_password (Fixture       *fixture,
                          gconstpointer  data)
{
  assert_refused (fixture, TRUE, "wrong", TD_PUBLISH_ERROR_AUTH,
                  "user name or password was refused");
}

static void
test_smtp_refuses_plain_server (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_refused (fixture, FALSE, "s3cret", TD_PUBLISH_ERROR_TLS_REQUIRED, "STARTTLS");
}

static void
test_smtp_untrusted_certificate (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_smtp (fixture, TRUE, "spool");
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", server->port);
  g_autoptr(GError) error = NULL;

  /* The system's certificates don't know the test's. */
  g_assert_false (send_with (fixture, url, "s3cret", NULL, 10, &error));
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TLS);
}

static void
test_smtp_unknown_host (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* .invalid never resolves (RFC 6761). */
  g_assert_false (send_with (fixture, "smtps://mail.tidings.invalid", "s3cret", NULL, 5,
                             &error));
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_HOST_NOT_FOUND);
}

static void
test_smtp_bad_settings (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *urls[] = { "", "http://mail.example.com", "smtp://", "smtps://u:p@host",
                         "smtp://host/path" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (send_with (fixture, urls[i], "s3cret", NULL, 5, &error));
      g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID);
    }
}

/* A server that accepts the connection and never says a word. */
static GSocketListener *
silent_server (guint *port)
{
  GSocketListener *listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return listener;
}

static void
test_smtp_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  guint port;
  g_autoptr(GSocketListener) listener = silent_server (&port);
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", port);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (send_with (fixture, url, "s3cret", fixture->ca_file, 1, &error));
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (td_send_test_finish (result, error));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The window's case: a send in a worker, cancelled from the main loop. */
static void
test_smtp_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  guint port;
  g_autoptr(GSocketListener) listener = silent_server (&port);
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", port);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TdSendTestOptions options = { { url, "rachel", "s3cret", fixture->ca_file, 30 }, TO, DATE };
  gint64 start = g_get_monotonic_time ();

  td_send_test_async (fixture->root, fixture->base_dir, &options, cancellable, sent_cb, &error);
  g_timeout_add (200, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* -- The services ---------------------------------------------------------- */

typedef struct
{
  guint uploading;
  guint kept;
  guint waiting;
  guint waited;
  guint saving;
} Progress;

static void
progress_cb (const TdHandoffProgress *progress,
             gpointer                 user_data)
{
  Progress *counts = user_data;

  switch (progress->stage)
    {
    case TD_HANDOFF_UPLOADING:
      g_assert_cmpuint (progress->index, ==, counts->uploading + counts->kept);
      counts->uploading++;
      break;
    case TD_HANDOFF_KEPT:
      counts->kept++;
      break;
    case TD_HANDOFF_WAITING:
      counts->waited = progress->wait_seconds;
      counts->waiting++;
      break;
    case TD_HANDOFF_SAVING:
    default:
      counts->saving++;
    }
}

static TdTestServer *
start_standin (Fixture            *fixture,
               const char * const *faults)
{
  g_autofree char *log = g_build_filename (fixture->dir, "requests.jsonl", NULL);
  g_autofree char *key = g_build_filename (fixture->dir, "key.pem", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "--log", log, "--cert", fixture->ca_file, "--key", key,
                          "--api-key", API_KEY };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      g_ptr_array_add (args, "--fault");
      g_ptr_array_add (args, (gpointer) faults[i]);
    }
  g_ptr_array_add (args, NULL);
  return td_test_server_start ("api-standin.py", fixture->dir,
                               (const char * const *) args->pdata);
}

static TdHandoffResult *
hand_off (Fixture       *fixture,
          TdTestServer  *server,
          TdService      service,
          const char    *key,
          guint          timeout,
          Progress      *progress,
          GError       **error)
{
  g_autofree char *base = g_strdup_printf ("https://127.0.0.1:%u/%s", server->port,
                                           service == TD_SERVICE_MAILCHIMP ? "3.0" : "v1");
  TdHandoffOptions options = { service, key, base, fixture->ca_file, timeout, 5 };
  Progress ignored = { 0 };

  return td_handoff (fixture->root, fixture->base_dir, &options, progress_cb,
                     progress != NULL ? progress : &ignored, NULL, error);
}

/* Records the result in the fixture's issue, as the app and the CLI do. */
static void
record (Fixture         *fixture,
        TdHandoffResult *result)
{
  JsonObject *root = json_node_get_object (fixture->root);
  JsonObject *delivery = td_json_get_object (root, "delivery");

  if (delivery == NULL)
    {
      json_object_set_object_member (root, "delivery", json_object_new ());
      delivery = json_object_get_object_member (root, "delivery");
    }
  json_object_set_member (delivery,
                          td_service_to_string (td_handoff_result_get_service (result)),
                          json_node_copy (td_handoff_result_get_record (result)));
}

static GPtrArray *
read_log (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "requests.jsonl", NULL);
  GPtrArray *requests = td_test_read_json_lines (path);

  /* No request broke the documented format. */
  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *request = json_node_get_object (g_ptr_array_index (requests, i));
      JsonArray *violations = json_object_get_array_member (request, "violations");

      if (json_array_get_length (violations) > 0)
        g_error ("%s %s: %s", json_object_get_string_member (request, "method"),
                 json_object_get_string_member (request, "path"),
                 json_array_get_string_element (violations, 0));
    }
  return requests;
}

static guint
count_requests (GPtrArray  *requests,
                const char *method,
                const char *path_prefix)
{
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *request = json_node_get_object (g_ptr_array_index (requests, i));

      if (g_str_equal (json_object_get_string_member (request, "method"), method)
          && g_str_has_prefix (json_object_get_string_member (request, "path"), path_prefix))
        n++;
    }
  return n;
}

/* The HTML sent last: every hosted URL in it, no cid: left. */
static void
assert_html_uses_hosted (GPtrArray  *requests,
                         const char *html_key)
{
  g_autoptr(GPtrArray) hosted = g_ptr_array_new ();
  const char *html = NULL;

  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *request = json_node_get_object (g_ptr_array_index (requests, i));
      JsonObject *json = td_json_get_object (request, "json");

      if (json_object_has_member (request, "hosted_url"))
        g_ptr_array_add (hosted, (gpointer) json_object_get_string_member (request, "hosted_url"));
      if (json != NULL && td_json_get_string (json, html_key)[0] != '\0')
        html = td_json_get_string (json, html_key);
    }
  g_assert_nonnull (html);
  g_assert_cmpuint (hosted->len, ==, 12);
  g_assert_null (strstr (html, "cid:"));
  for (guint i = 0; i < hosted->len; i++)
    g_assert_nonnull (strstr (html, g_ptr_array_index (hosted, i)));
}

static void
test_mailchimp_creates_then_updates (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_standin (fixture, NULL);
  g_autoptr(TdHandoffResult) first = NULL;
  g_autoptr(TdHandoffResult) second = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  first = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, API_KEY, 10, &progress, &error);
  g_assert_no_error (error);
  g_assert_true (td_handoff_result_get_created (first));
  g_assert_cmpuint (td_handoff_result_get_uploaded (first), ==, 12);
  g_assert_cmpuint (progress.uploading, ==, 12);
  g_assert_cmpuint (progress.saving, ==, 1);
  g_assert_true (g_str_has_prefix (td_handoff_result_get_url (first),
                                   "https://us6.admin.mailchimp.com/campaigns/show/?id="));
  /* The sample's *|UNSUB|* is Mailchimp's own tag. */
  g_assert_null (td_handoff_result_get_warning (first));
  requests = read_log (fixture);
  assert_html_uses_hosted (requests, "html");
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* The second hand-off updates the same campaign, pictures kept. */
  record (fixture, first);
  memset (&progress, 0, sizeof progress);
  second = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, API_KEY, 10, &progress, &error);
  g_assert_no_error (error);
  g_assert_false (td_handoff_result_get_created (second));
  g_assert_cmpstr (td_handoff_result_get_id (second), ==, td_handoff_result_get_id (first));
  g_assert_cmpuint (td_handoff_result_get_uploaded (second), ==, 0);
  g_assert_cmpuint (progress.kept, ==, 12);

  requests = read_log (fixture);
  g_assert_cmpuint (count_requests (requests, "POST", "/3.0/file-manager/files"), ==, 12);
  g_assert_cmpuint (count_requests (requests, "POST", "/3.0/campaigns"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "PATCH", "/3.0/campaigns/"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "PUT", "/3.0/campaigns/"), ==, 2);
  g_assert_cmpuint (requests->len, ==, 12 + 1 + 1 + 1 + 2);
}

static void
test_buttondown_creates_then_updates (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_standin (fixture, NULL);
  g_autoptr(TdHandoffResult) first = NULL;
  g_autoptr(TdHandoffResult) second = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  first = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, API_KEY, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (td_handoff_result_get_created (first));
  g_assert_true (g_str_has_prefix (td_handoff_result_get_url (first),
                                   "https://buttondown.com/emails/"));
  /* …which Buttondown doesn't fill in: said, with the tag to use. */
  g_assert_nonnull (strstr (td_handoff_result_get_warning (first), "{{ unsubscribe_url }}"));
  record (fixture, first);
  second = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, API_KEY, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (td_handoff_result_get_created (second));
  g_assert_cmpstr (td_handoff_result_get_id (second), ==, td_handoff_result_get_id (first));

  /* Every email request said "status": "draft" (else a violation). */
  requests = read_log (fixture);
  assert_html_uses_hosted (requests, "body");
  g_assert_cmpuint (count_requests (requests, "POST", "/v1/images"), ==, 12);
  g_assert_cmpuint (count_requests (requests, "POST", "/v1/emails"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "GET", "/v1/emails/"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "PATCH", "/v1/emails/"), ==, 1);
}

static void
test_handoff_unauthorized (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_standin (fixture, NULL);
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, "wrong", 10, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Invalid token."));
  g_clear_error (&error);

  result = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, "wrong-us6", 10, NULL, &error);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH);
  g_clear_error (&error);

  /* A Mailchimp key names its data centre; without one there is no API. */
  result = td_handoff (fixture->root, fixture->base_dir,
                       &(TdHandoffOptions) { TD_SERVICE_MAILCHIMP, "nodatacentre" },
                       NULL, NULL, NULL, &error);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH);
}

static void
test_handoff_rate_limited (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *faults[] = { "POST:/3.0/file-manager/files:429:1", NULL };
  g_autoptr(TdTestServer) server = start_standin (fixture, faults);
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  result = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, API_KEY, 10, &progress, &error);
  g_assert_no_error (error);
  /* The stand-in's Retry-After: 1 was honoured. */
  g_assert_cmpuint (progress.waiting, ==, 1);
  g_assert_cmpuint (progress.waited, ==, 1);
  requests = read_log (fixture);
  g_assert_cmpuint (count_requests (requests, "POST", "/3.0/file-manager/files"), ==, 13);
}

static void
test_handoff_server_error (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *once[] = { "POST:/v1/emails:500:1", NULL };
  const char *always[] = { "POST:/v1/images:500:99", NULL };
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TdTestServer) server = start_standin (fixture, once);

    result = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, API_KEY, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (result);
  }
  {
    g_autofree char *log = g_build_filename (fixture->dir, "requests.jsonl", NULL);
    g_autoptr(TdTestServer) server = NULL;
    g_autoptr(GPtrArray) requests = NULL;

    g_unlink (log);
    server = start_standin (fixture, always);
    g_clear_pointer (&result, td_handoff_result_free);
    result = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, API_KEY, 10, NULL, &error);
    g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_SERVER);
    requests = read_log (fixture);
    g_assert_cmpuint (requests->len, ==, 4);
  }
}

static void
test_handoff_stalled (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *faults[] = { "POST:/3.0/campaigns:stall:1", NULL };
  g_autoptr(TdTestServer) server = start_standin (fixture, faults);
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  result = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, API_KEY, 1, NULL, &error);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TIMEOUT);
  /* A POST that timed out may have been done: it is not repeated. */
  requests = read_log (fixture);
  g_assert_cmpuint (count_requests (requests, "POST", "/3.0/campaigns"), ==, 1);
}

static void
test_handoff_draft_gone (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_standin (fixture, NULL);
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* Deleted in Mailchimp since: a new draft is made. */
  g_assert_true (json_parser_load_from_data (parser, "{\"mailchimp\": {\"id\": \"deleted\"}}",
                                             -1, NULL));
  json_object_set_member (json_node_get_object (fixture->root), "delivery",
                          json_node_ref (json_parser_get_root (parser)));
  result = hand_off (fixture, server, TD_SERVICE_MAILCHIMP, API_KEY, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (td_handoff_result_get_created (result));
  g_assert_cmpstr (td_handoff_result_get_id (result), !=, "deleted");
}

static void
test_handoff_api_base (void)
{
  const char *good[] = { "https://api.example.com/v1", "http://127.0.0.1:8000/v1",
                         "http://[::1]:8000/3.0", "http://localhost/v1" };
  const char *bad[] = { "http://api.example.com/v1", "ftp://127.0.0.1/", "https://",
                        "https://user:key@api.example.com/", "api.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (td_handoff_check_api_base (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (td_handoff_check_api_base (bad[i], &error));
      g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID);
    }
}

/* The record goes through a command, and the file saved with it loads. */
static void
test_handoff_record_in_document (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TdTestServer) server = start_standin (fixture, NULL);
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(TdDocument) document = td_document_new_from_root (fixture->root);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  result = hand_off (fixture, server, TD_SERVICE_BUTTONDOWN, API_KEY, 10, NULL, &error);
  g_assert_no_error (error);
  td_handoff_record (document, result);
  g_assert_true (td_document_get_modified (document));
  g_assert_cmpstr (td_json_get_string (td_json_get_object (td_json_get_object (
                     json_node_get_object (td_document_get_root (document)), "delivery"),
                     "buttondown"), "id"), ==, td_handoff_result_get_id (result));

  text = td_json_write_issue (td_document_get_root (document), &length);
  loaded = td_issue_load_from_data (text, length, fixture->base_dir, diags);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (td_diagnostics_count (diags, TD_SEVERITY_ERROR), ==, 0);
  g_assert_true (td_document_undo (document));
  g_assert_null (td_json_get_object (json_node_get_object (td_document_get_root (document)),
                                     "delivery"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/publish/smtp/sends-the-export", test_smtp_sends_the_export);
  ADD ("/publish/smtp/wrong-password", test_smtp_wrong_password);
  ADD ("/publish/smtp/refuses-plain-server", test_smtp_refuses_plain_server);
  ADD ("/publish/smtp/untrusted-certificate", test_smtp_untrusted_certificate);
  ADD ("/publish/smtp/unknown-host", test_smtp_unknown_host);
  ADD ("/publish/smtp/bad-settings", test_smtp_bad_settings);
  ADD ("/publish/smtp/timeout", test_smtp_timeout);
  ADD ("/publish/smtp/cancel", test_smtp_cancel);
  ADD ("/publish/handoff/mailchimp", test_mailchimp_creates_then_updates);
  ADD ("/publish/handoff/buttondown", test_buttondown_creates_then_updates);
  ADD ("/publish/handoff/unauthorized", test_handoff_unauthorized);
  ADD ("/publish/handoff/rate-limited", test_handoff_rate_limited);
  ADD ("/publish/handoff/server-error", test_handoff_server_error);
  ADD ("/publish/handoff/stalled", test_handoff_stalled);
  ADD ("/publish/handoff/draft-gone", test_handoff_draft_gone);
  ADD ("/publish/handoff/record", test_handoff_record_in_document);
#undef ADD
  g_test_add_func ("/publish/handoff/api-base", test_handoff_api_base);

  return g_test_run ();
}
