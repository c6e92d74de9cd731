/* test-eml.c: the .eml export, parsed back with GMime.
 *
 * Golden files: tests/data/golden/sample.eml (the sample with linked pictures,
 * loading from its public base URL) and sample-cid.eml (the same without a
 * public base URL, pictures inside as cid: parts, the default), both dated
 * 2023-08-01T09:00:00Z. They change whenever the text or the email renderer
 * does; regenerate them with
 *
 *   TD_UPDATE_GOLDEN=1 meson test -C _build test-eml
 *
 * and check them with tests/check-eml.py as well.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "td-image-info.h"
#include "td-issue-loader.h"
#include "td-json-path.h"
#include "td-test-util.h"

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)

#define SAMPLE_DATE 1690880400 /* 2023-08-01T09:00:00Z */
#define MAX_LINE_OCTETS 998

/* Helpers
 * ------------------------------------------------------------------------ */

static void
set_string (JsonNode   *root,
            const char *path,
            const char *value)
{
  g_autofree char *parent = NULL;
  g_autofree char *key = NULL;
  int index;
  JsonNode *node;

  g_assert_true (td_json_path_split (path, &parent, &key, &index));
  node = td_json_path_lookup (root, parent);
  g_assert_nonnull (node);
  json_object_set_string_member (json_node_get_object (node), key, value);
}

static GBytes *
render_eml (JsonNode     *root,
            const char   *base_dir,
            const char   *from,
            const char   *to,
            GError      **error)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_RELATIVE,
                              .eml = { from, to, SAMPLE_DATE, NULL } };

  return td_render (TD_RENDER_EML, &context, error);
}

/* The variant whose pictures are links to the web version. */
static GBytes *
render_linked_eml (JsonNode    *root,
                   const char  *base_dir,
                   GError     **error)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_RELATIVE,
                              .eml = { NULL, NULL, SAMPLE_DATE, NULL, TRUE } };

  return td_render (TD_RENDER_EML, &context, error);
}

static GBytes *
render_linked_sample_eml (JsonNode *root)
{
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(GError) error = NULL;
  GBytes *bytes = render_linked_eml (root, dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static GBytes *
render_sample_eml (JsonNode *root)
{
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(GError) error = NULL;
  GBytes *bytes = render_eml (root, dir, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static GMimeMessage *
parse (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, size);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_assert_nonnull (message);
  return message;
}

/* The decoded content of @part, with the CRLF line ends of the message
 * read as LF. */
static char *
decoded (GMimeObject *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;
  GString *out;

  g_assert_nonnull (content);
  g_assert_cmpint (g_mime_data_wrapper_write_to_stream (content, stream), >=, 0);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  out = g_string_new_len ((const char *) array->data, array->len);
  g_string_replace (out, "\r\n", "\n", 0);
  return g_string_free (out, FALSE);
}

static GBytes *
decoded_bytes (GMimeObject *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  g_assert_cmpint (g_mime_data_wrapper_write_to_stream (content, stream), >=, 0);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static char *
render_text (JsonNode *root)
{
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_RELATIVE };

  return td_test_render (TD_RENDER_TEXT, &context, NULL);
}

static char *
render_html (JsonNode       *root,
             const char     *base_dir,
             TdImageUrlMode  mode)
{
  TdRenderContext context = { root, base_dir, mode };

  return td_test_render (TD_RENDER_EMAIL, &context, NULL);
}

static void
assert_type (GMimeObject *object,
             const char  *type,
             const char  *subtype)
{
  GMimeContentType *content_type = g_mime_object_get_content_type (object);

  g_assert_cmpstr (g_mime_content_type_get_media_type (content_type), ==, type);
  g_assert_cmpstr (g_mime_content_type_get_media_subtype (content_type), ==, subtype);
}

static void
assert_text_part (GMimeObject *part,
                  const char  *subtype)
{
  assert_type (part, "text", subtype);
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "charset"), ==, "utf-8");
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (part)), ==,
                   GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
}

/* The raw header block (up to the first empty line), unfolded. */
static char *
raw_headers (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *end = g_strstr_len (data, (gssize) size, "\r\n\r\n");
  GString *out;

  g_assert_nonnull (end);
  out = g_string_new_len (data, end - data + 2);
  g_string_replace (out, "\r\n\t", " ", 0);
  g_string_replace (out, "\r\n ", " ", 0);
  return g_string_free (out, FALSE);
}

/* Every line ends in CRLF and has at most 998 octets before it. */
static void
assert_lines (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize start = 0;

  g_assert_cmpuint (size, >, 2);
  for (gsize i = 0; i < size; i++)
    {
      if (data[i] != '\n')
        continue;
      g_assert_cmpuint (i, >, 0);
      g_assert_cmpint (data[i - 1], ==, '\r');
      g_assert_cmpuint (i - 1 - start, <=, MAX_LINE_OCTETS);
      start = i + 1;
    }
  g_assert_cmpuint (start, ==, size);
}

/* Headers and multipart structure are 7-bit: non-ASCII is encoded. */
static void
assert_ascii_headers (GBytes *bytes)
{
  g_autofree char *headers = raw_headers (bytes);

  for (const char *p = headers; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
}

/* All "cid:" references of @html, each once. */
static GPtrArray *
html_cids (const char *html)
{
  GPtrArray *cids = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strstr (html, "cid:"); p != NULL; p = strstr (p + 1, "cid:"))
    {
      const char *start = p + 4;
      gsize n = strcspn (start, "\"' )>");
      char *cid = g_strndup (start, n);

      if (g_ptr_array_find_with_equal_func (cids, cid, g_str_equal, NULL))
        g_free (cid);
      else
        g_ptr_array_add (cids, cid);
    }
  return cids;
}

/* The sample, with pictures from the web
 * ------------------------------------------------------------------------ */

static void
test_absolute_tree (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = render_linked_sample_eml (root);
  g_autoptr(GMimeMessage) message = parse (bytes);
  g_autofree char *dir = td_test_sample_dir ();
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimeMultipart *alternative;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected_text = render_text (root);
  g_autofree char *expected_html = render_html (root, dir, TD_IMAGE_URL_ABSOLUTE);

  assert_type (body, "multipart", "alternative");
  alternative = GMIME_MULTIPART (body);
  g_assert_cmpint (g_mime_multipart_get_count (alternative), ==, 2);

  /* Plain text first: the last alternative is the preferred one. */
  assert_text_part (g_mime_multipart_get_part (alternative, 0), "plain");
  assert_text_part (g_mime_multipart_get_part (alternative, 1), "html");

  text = decoded (g_mime_multipart_get_part (alternative, 0));
  html = decoded (g_mime_multipart_get_part (alternative, 1));
  g_assert_cmpstr (text, ==, expected_text);
  g_assert_cmpstr (html, ==, expected_html);
  g_assert_null (strstr (html, "cid:"));
  g_assert_nonnull (strstr (html, "https://rachelrichardsmassage.example/news/2023-08/images/"));

  assert_lines (bytes);
  assert_ascii_headers (bytes);

  /* Linked pictures need an address to load from. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) refused = NULL;

    set_string (root, "issue.public_base_url", "");
    refused = render_linked_eml (root, dir, &error);
    g_assert_null (refused);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_headers (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = render_sample_eml (root);
  g_autoptr(GMimeMessage) message = parse (bytes);
  GMimeObject *object = GMIME_OBJECT (message);
  InternetAddressList *from = g_mime_message_get_from (message);
  InternetAddress *sender;
  GDateTime *date = g_mime_message_get_date (message);
  const char *id = g_mime_message_get_message_id (message);
  g_autofree char *headers = raw_headers (bytes);
  g_autofree char *id_domain = NULL;

  g_assert_cmpstr (g_mime_object_get_header (object, "MIME-Version"), ==, "1.0");
  g_assert_cmpstr (g_mime_object_get_header (object, "X-Unsent"), ==, "1");
  g_assert_cmpstr (g_mime_message_get_subject (message), ==,
                   "Why your hamstrings and lower back are always tight");

  g_assert_cmpint (internet_address_list_length (from), ==, 1);
  sender = internet_address_list_get_address (from, 0);
  g_assert_cmpstr (internet_address_get_name (sender), ==, "Rachel Richards");
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (sender)), ==,
                   "rachel@rachelrichardsmassage.example");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_to (message)), ==, 0);
  g_assert_null (strstr (headers, "\nTo:"));

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, SAMPLE_DATE);
  g_assert_true (g_str_has_prefix (headers, "Date: Tue, 01 Aug 2023 09:00:00 +0000\r\n")
                 || strstr (headers, "\nDate: Tue, 01 Aug 2023 09:00:00 +0000\r\n") != NULL);

  /* 32 hex digits of the content's hash @ the sender's domain. */
  g_assert_nonnull (id);
  id_domain = g_strdup (strchr (id, '@'));
  g_assert_cmpstr (id_domain, ==, "@rachelrichardsmassage.example");
  g_assert_cmpuint (strchr (id, '@') - id, ==, 32);
  for (const char *p = id; *p != '@'; p++)
    g_assert_true (g_ascii_isxdigit (*p));

  /* A merge tag is no URL for List-Unsubscribe. */
  g_assert_null (g_mime_object_get_header (object, "List-Unsubscribe"));
  g_assert_null (g_mime_object_get_header (object, "List-Unsubscribe-Post"));
}

static void
test_deterministic (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) a = render_sample_eml (root);
  g_autoptr(GBytes) b = render_sample_eml (root);
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE,
                              .eml = { NULL, NULL, SAMPLE_DATE + 60, NULL } };
  g_autoptr(GBytes) c = td_render (TD_RENDER_EML, &context, NULL);
  g_autoptr(GMimeMessage) ma = parse (a);
  g_autoptr(GMimeMessage) mc = parse (c);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  g_assert_cmpstr (g_mime_message_get_message_id (ma), !=, g_mime_message_get_message_id (mc));
}

/* The sample without a public base URL: pictures inside
 * ------------------------------------------------------------------------ */

static void
test_cid_tree (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GPtrArray) cids = NULL;
  g_autoptr(GHashTable) content_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *expected_html = NULL;
  GMimeMultipart *alternative;
  GMimeMultipart *related;
  GMimeObject *html_part;

  set_string (root, "issue.public_base_url", "");
  bytes = render_sample_eml (root);
  message = parse (bytes);
  expected_text = render_text (root);
  expected_html = render_html (root, dir, TD_IMAGE_URL_CID);

  assert_type (g_mime_message_get_mime_part (message), "multipart", "alternative");
  alternative = GMIME_MULTIPART (g_mime_message_get_mime_part (message));
  g_assert_cmpint (g_mime_multipart_get_count (alternative), ==, 2);
  assert_text_part (g_mime_multipart_get_part (alternative, 0), "plain");
  assert_type (g_mime_multipart_get_part (alternative, 1), "multipart", "related");
  related = GMIME_MULTIPART (g_mime_multipart_get_part (alternative, 1));
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (GMIME_OBJECT (related), "type"),
                   ==, "text/html");

  html_part = g_mime_multipart_get_part (related, 0);
  assert_text_part (html_part, "html");
  text = decoded (g_mime_multipart_get_part (alternative, 0));
  html = decoded (html_part);
  g_assert_cmpstr (text, ==, expected_text);
  g_assert_cmpstr (html, ==, expected_html);
  g_assert_null (strstr (text, "View in browser"));

  /* Every other part is an inline picture, base64, named, with a
   * Content-ID that appears once. */
  for (int i = 1; i < g_mime_multipart_get_count (related); i++)
    {
      GMimeObject *part = g_mime_multipart_get_part (related, i);
      const char *cid = g_mime_part_get_content_id (GMIME_PART (part));
      const char *name = g_mime_part_get_filename (GMIME_PART (part));
      GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (part);

      g_assert_cmpstr (g_mime_content_type_get_media_type (g_mime_object_get_content_type (part)),
                       ==, "image");
      g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (part)), ==,
                       GMIME_CONTENT_ENCODING_BASE64);
      g_assert_nonnull (disposition);
      g_assert_true (g_mime_content_disposition_is_attachment (disposition) == FALSE);
      g_assert_cmpstr (g_mime_content_disposition_get_disposition (disposition), ==, "inline");
      g_assert_nonnull (name);
      g_assert_nonnull (cid);
      g_assert_false (g_hash_table_contains (content_ids, cid));
      g_hash_table_insert (content_ids, g_strdup (cid), part);
    }

  /* Every cid: of the HTML matches exactly one Content-ID, and no picture
   * is carried for nothing. */
  cids = html_cids (html);
  g_assert_cmpuint (cids->len, ==, 12);
  g_assert_cmpuint (cids->len, ==, g_hash_table_size (content_ids));
  for (guint i = 0; i < cids->len; i++)
    g_assert_true (g_hash_table_contains (content_ids, g_ptr_array_index (cids, i)));

  /* The pictures are derived, not the files: the logo, shown 88 px wide,
   * is sent 176 px wide, as a PNG without metadata. */
  {
    g_autofree char *cid = td_render_image_cid ("images/logo.png");
    GMimeObject *logo = g_hash_table_lookup (content_ids, cid);
    g_autofree char *path = g_build_filename (dir, "images", "logo.png", NULL);
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(GBytes) file = NULL;
    g_autoptr(GBytes) carried = NULL;
    TdImageInfo info;

    g_assert_nonnull (logo);
    assert_type (logo, "image", "png");
    g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (logo)), ==, "logo.png");
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    file = g_bytes_new_take (g_steal_pointer (&contents), length);
    carried = decoded_bytes (logo);
    g_assert_false (g_bytes_equal (file, carried));
    g_assert_true (td_image_info_from_bytes (g_bytes_get_data (carried, NULL),
                                             g_bytes_get_size (carried), &info));
    g_assert_cmpint (info.format, ==, TD_IMAGE_FORMAT_PNG);
    g_assert_cmpuint (info.width, ==, 176);
    g_assert_cmpuint (info.height, ==, 176);
  }

  /* The whole message, pictures inside, stays well under 1 MB. */
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 500 * 1000);
  g_test_message ("the sample's .eml with its pictures: %zu bytes", g_bytes_get_size (bytes));

  assert_lines (bytes);
  assert_ascii_headers (bytes);
}

static void
test_cid_missing_picture (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  set_string (root, "issue.public_base_url", "");
  set_string (root, "sections[1].image.src", "images/not-there.jpg");
  bytes = render_eml (root, dir, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "images/not-there.jpg"));

  /* Without the folder, no picture can be read. */
  g_clear_error (&error);
  set_string (root, "sections[1].image.src", "images/glute-bridge.jpg");
  bytes = render_eml (root, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Headers
 * ------------------------------------------------------------------------ */

static void
test_list_unsubscribe (void)
{
  const struct
  {
    const char *url;
    const char *header;  /* NULL: absent */
    gboolean    post;
  } cases[] = {
    { "https://ana.example/unsubscribe?u=1&l=2",
      "<https://ana.example/unsubscribe?u=1&l=2>", TRUE },
    { "http://ana.example/unsubscribe", "<http://ana.example/unsubscribe>", FALSE },
    { "mailto:leave@ana.example?subject=unsubscribe",
      "<mailto:leave@ana.example?subject=unsubscribe>", FALSE },
    { "*|UNSUB|*", NULL, FALSE },
    { "{{ unsubscribe_url }}", NULL, FALSE },
    { "%%unsubscribe%%", NULL, FALSE },
    { "[unsubscribe]", NULL, FALSE },
    { "https://ana.example/u?id=*|UNIQID|*", NULL, FALSE },
    { "", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = td_test_load_sample ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMimeMessage) message = NULL;
      GMimeObject *object;

      set_string (root, "issue.unsubscribe_url", cases[i].url);
      bytes = render_sample_eml (root);
      message = parse (bytes);
      object = GMIME_OBJECT (message);

      g_test_message ("unsubscribe URL “%s”", cases[i].url);
      g_assert_cmpstr (g_mime_object_get_header (object, "List-Unsubscribe"), ==, cases[i].header);
      g_assert_cmpstr (g_mime_object_get_header (object, "List-Unsubscribe-Post"), ==,
                       cases[i].post ? "List-Unsubscribe=One-Click" : NULL);
      assert_lines (bytes);
    }
}

static void
test_non_ascii_headers (void)
{
  const char *subject = "Café ☕ — août, ночь, 東京 and a long tail to fold the header line";
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *headers = NULL;
  InternetAddress *sender;

  set_string (root, "issue.subject", subject);
  set_string (root, "practice.name", "Raquel Núñez, \"RN\"");
  bytes = render_eml (root, dir, NULL, "Zoë Ä <zoe@example.org>", &error);
  g_assert_no_error (error);
  headers = raw_headers (bytes);
  message = parse (bytes);

  assert_ascii_headers (bytes);
  assert_lines (bytes);
  /* RFC 2047 encoded words, in UTF-8. */
  g_assert_true (strstr (headers, "=?UTF-8?") != NULL || strstr (headers, "=?utf-8?") != NULL);
  g_assert_null (strstr (headers, "iso-8859"));
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, subject);

  sender = internet_address_list_get_address (g_mime_message_get_from (message), 0);
  g_assert_cmpstr (internet_address_get_name (sender), ==, "Raquel Núñez, \"RN\"");
  g_assert_cmpstr (internet_address_get_name (
                     internet_address_list_get_address (g_mime_message_get_to (message), 0)),
                   ==, "Zoë Ä");
}

static void
test_subject_falls_back_to_title (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;

  set_string (root, "issue.subject", "");
  bytes = render_sample_eml (root);
  message = parse (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "News: August 2023");
}

static void
test_from (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  InternetAddress *sender;

  /* --from without a name: the practice's name is shown. */
  bytes = render_eml (root, dir, "news@other.example", "a@example.org, b@example.org", &error);
  g_assert_no_error (error);
  message = parse (bytes);
  sender = internet_address_list_get_address (g_mime_message_get_from (message), 0);
  g_assert_cmpstr (internet_address_get_name (sender), ==, "Rachel Richards");
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (sender)), ==,
                   "news@other.example");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_to (message)), ==, 2);
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (message), "@other.example"));
  g_clear_object (&message);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* With a name. */
  bytes = render_eml (root, dir, "Front Desk <desk@other.example>", NULL, &error);
  g_assert_no_error (error);
  message = parse (bytes);
  sender = internet_address_list_get_address (g_mime_message_get_from (message), 0);
  g_assert_cmpstr (internet_address_get_name (sender), ==, "Front Desk");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Not an address. */
  bytes = render_eml (root, dir, "not an address", NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not an address"));
  g_clear_error (&error);

  /* No sender at all. */
  set_string (root, "practice.email", "");
  bytes = render_eml (root, dir, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "practice.email"));
}

/* What GMime's parser would quietly turn into something else is refused:
 * a header smuggled into To, a second "@", a comment taken as the display
 * name, an address too long for one header line. */
static void
test_hostile_addresses (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *long_to = NULL;
  GString *local = g_string_new (NULL);
  struct { const char *from; const char *to; } refused[] = {
    { NULL, "rachel@example.com\r\nBcc: everyone@example.com" },
    { NULL, "rachel@example.com\nBcc: everyone@example.com" },
    { "a@b@c.example", NULL },
    { "news@other.example (Someone Else)", NULL },
    { "Name <news@other.example>, second@other.example", NULL },
    { NULL, "group: a@example.org, b@example.org;" },
    { NULL, "a@example.org,, b@example.org@" },
    { "news@other.example\u2028", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = render_eml (root, dir, refused[i].from, refused[i].to, &error);

      g_test_message ("from %s, to %s", refused[i].from, refused[i].to);
      g_assert_null (bytes);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  /* 3,000 characters of address: refused, never a 3,000-octet header. */
  while (local->len < 3000)
    g_string_append (local, "abcdefghij");
  long_to = g_strdup_printf ("%s@example.org", local->str);
  g_string_free (local, TRUE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = render_eml (root, dir, NULL, long_to, &error);

    g_assert_null (bytes);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }

  /* What is plain still works, display names with quotes and commas too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = render_eml (root, dir, "\"Desk, Front\" <desk@other.example>",
                                          "a@example.org, \"B (b)\" <b@example.org>", &error);

    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
}

/* Long values fold or are encoded; no line passes 998 octets. */
static void
test_long_lines (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  GString *word = g_string_new (NULL);
  GString *url = g_string_new ("https://ana.example/unsubscribe?");
  GString *body = g_string_new (NULL);
  g_autofree char *word_str = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *text = NULL;
  GMimeMultipart *alternative;

  for (guint i = 0; i < 990; i++)
    g_string_append_c (word, "abcdefghij"[i % 10]);
  while (url->len < 1990)
    g_string_append (url, "x=1&");
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (body, "%s ", word->str);
  word_str = g_string_free (word, FALSE);

  set_string (root, "issue.subject", word_str);
  set_string (root, "practice.name", word_str);
  set_string (root, "issue.unsubscribe_url", url->str);
  set_string (root, "sections[1].body", body->str);
  g_string_free (url, TRUE);
  g_string_free (body, TRUE);

  bytes = render_sample_eml (root);
  assert_lines (bytes);
  assert_ascii_headers (bytes);
  message = parse (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, word_str);
  /* A List-Unsubscribe that can't fit on a line is left out. */
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (message), "List-Unsubscribe"));

  alternative = GMIME_MULTIPART (g_mime_message_get_mime_part (message));
  text = decoded (g_mime_multipart_get_part (alternative, 0));
  g_assert_nonnull (strstr (text, word_str));
}

/* Golden files
 * ------------------------------------------------------------------------ */

static void
check_golden (GBytes     *bytes,
              const char *name)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  td_test_assert_golden (name, data, size);
}

static void
test_golden (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = render_linked_sample_eml (root);

  check_golden (bytes, "sample.eml");
}

static void
test_golden_cid (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GBytes) bytes = NULL;

  set_string (root, "issue.public_base_url", "");
  bytes = render_sample_eml (root);
  check_golden (bytes, "sample-cid.eml");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/eml/absolute/tree", test_absolute_tree);
  g_test_add_func ("/core/eml/absolute/headers", test_headers);
  g_test_add_func ("/core/eml/absolute/deterministic", test_deterministic);
  g_test_add_func ("/core/eml/cid/tree", test_cid_tree);
  g_test_add_func ("/core/eml/cid/missing-picture", test_cid_missing_picture);
  g_test_add_func ("/core/eml/headers/list-unsubscribe", test_list_unsubscribe);
  g_test_add_func ("/core/eml/headers/non-ascii", test_non_ascii_headers);
  g_test_add_func ("/core/eml/headers/subject-falls-back-to-title",
                   test_subject_falls_back_to_title);
  g_test_add_func ("/core/eml/headers/from", test_from);
  g_test_add_func ("/core/eml/headers/hostile-addresses", test_hostile_addresses);
  g_test_add_func ("/core/eml/long-lines", test_long_lines);
  g_test_add_func ("/core/eml/golden", test_golden);
  g_test_add_func ("/core/eml/golden-cid", test_golden_cid);

  return g_test_run ();
}
