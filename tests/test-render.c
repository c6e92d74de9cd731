/* test-render.c: what every renderer shares: picture URLs and sizes, theme */

#include "config.h"

#include <string.h>

#include "td-json-path.h"
#include "td-render.h"
#include "td-test-util.h"
#include "td-theme.h"

static JsonNode *
issue_with_base (const char *base)
{
  g_autofree char *text = g_strdup_printf ("{\"issue\": {\"public_base_url\": \"%s\"}}", base);

  return json_from_string (text, NULL);
}

static void
test_image_urls (void)
{
  g_autoptr(JsonNode) root = issue_with_base ("https://example.com/news/2023-08");
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_RELATIVE };
  g_autofree char *relative = td_render_image_url (&context, "images/a b#1?.png");
  g_autofree char *absolute = NULL;
  g_autofree char *cid = NULL;
  g_autofree char *cid_again = NULL;
  g_autofree char *bare_cid = td_render_image_cid ("images/x.png");

  /* File names are escaped so "#" and "?" stay part of the path. */
  g_assert_cmpstr (relative, ==, "images/a%20b%231%3F.png");

  context.image_urls = TD_IMAGE_URL_ABSOLUTE;
  absolute = td_render_image_url (&context, "images/café.jpg");
  g_assert_cmpstr (absolute, ==, "https://example.com/news/2023-08/images/caf%C3%A9.jpg");

  context.image_urls = TD_IMAGE_URL_CID;
  cid = td_render_image_url (&context, "images/x.png");
  cid_again = td_render_image_url (&context, "images/x.png");
  g_assert_cmpstr (cid, ==, cid_again);
  g_assert_true (g_str_has_prefix (cid, "cid:"));
  g_assert_cmpstr (cid + 4, ==, bare_cid);
  g_assert_true (g_str_has_suffix (bare_cid, "@tidings"));
}

static void
test_image_size (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                "august-2023", NULL);
  g_autoptr(JsonNode) root = issue_with_base ("");
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  guint width, height;

  /* 1120×630 scaled into a 536 px column keeps its proportions. */
  g_assert_true (td_render_image_size (&context, "images/glute-bridge.jpg", 536, &width, &height));
  g_assert_cmpuint (width, ==, 536);
  g_assert_cmpuint (height, ==, 302);
  g_assert_true (td_render_image_size (&context, "images/logo.png", 536, &width, &height));
  g_assert_cmpuint (width, ==, 240);
  g_assert_cmpuint (height, ==, 240);
  g_assert_false (td_render_image_size (&context, "images/missing.png", 536, &width, &height));
  g_assert_cmpuint (width, ==, 0);
}

static void
test_theme_contrast (void)
{
  TdTheme theme;

  td_theme_init (&theme, "#2f6f73");
  g_assert_cmpstr (theme.brand, ==, "#2f6f73");
  g_assert_cmpstr (theme.accent, ==, "#2f6f73");
  g_assert_cmpfloat (td_theme_contrast_ratio (theme.accent, "#ffffff"), >=, 4.5);

  /* A pastel brand is darkened until white text on it is readable. */
  td_theme_init (&theme, "#ffd1dc");
  g_assert_cmpstr (theme.brand, ==, "#ffd1dc");
  g_assert_cmpfloat (td_theme_contrast_ratio (theme.accent, "#ffffff"), >=, 4.5);
  g_assert_cmpfloat (td_theme_contrast_ratio (theme.text, theme.surface), >=, 4.5);
  g_assert_cmpfloat (td_theme_contrast_ratio (theme.muted, theme.surface), >=, 4.5);

  /* Short and invalid colours. */
  td_theme_init (&theme, "#abc");
  g_assert_cmpstr (theme.brand, ==, "#aabbcc");
  td_theme_init (&theme, "teal");
  g_assert_cmpstr (theme.brand, ==, "#2f6f73");
  g_assert_cmpfloat (td_theme_contrast_ratio ("#000000", "#ffffff"), >, 20.9);
}

static void
test_phone_uri (void)
{
  g_autofree char *tel = td_render_phone_uri ("tel:", "+1 (212) 555-0142");
  g_autofree char *sms = td_render_phone_uri ("sms:", "212.555.0142 ext+9");
  g_autofree char *none = td_render_phone_uri ("tel:", "call me");
  g_autofree char *plus = td_render_phone_uri ("tel:", "+");

  g_assert_cmpstr (tel, ==, "tel:+12125550142");
  g_assert_cmpstr (sms, ==, "sms:21255501429");
  g_assert_null (none);
  g_assert_null (plus);
}

static void
test_base_uri (void)
{
  g_autofree char *uri = td_render_base_uri ("/tmp/issue folder");
  g_autofree char *slash = td_render_base_uri ("/tmp/issue/");

  g_assert_cmpstr (uri, ==, "file:///tmp/issue%20folder/");
  g_assert_cmpstr (slash, ==, "file:///tmp/issue/");
  g_assert_null (td_render_base_uri (NULL));
  g_assert_null (td_render_base_uri (""));
}

static void
test_format_names (void)
{
  static const char * const names[] = { "web", "email", "text", "eml" };
  TdRenderFormat format = TD_RENDER_TEXT;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (td_render_format_from_string (names[i], &format));
      g_assert_cmpint (format, ==, (TdRenderFormat) i);
      g_assert_cmpstr (td_render_format_to_string (format), ==, names[i]);
    }
  g_assert_false (td_render_format_from_string ("html", &format));
  g_assert_false (td_render_format_from_string (NULL, &format));
  g_assert_false (td_render_format_from_string ("WEB", &format));
  g_assert_cmpint (format, ==, TD_RENDER_EML);
}

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = td_render_finish (result, &error);
  g_assert_no_error (error);
}

/* The worker renders the document as it was when the render began, and
 * gives the same bytes as td_render(): the caller may change or free the
 * document and the context's strings at once. */
static void
test_async (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(JsonNode) original = td_json_node_deep_copy (root);
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderFormat formats[] = { TD_RENDER_WEB, TD_RENDER_EMAIL, TD_RENDER_TEXT, TD_RENDER_EML };

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *base_dir = g_strdup (dir);
      TdRenderContext context = { root, base_dir, TD_IMAGE_URL_RELATIVE, .text_page = TRUE,
                                  .eml = { "Ana <ana@example.com>", NULL, 1690880400, NULL } };
      TdRenderContext expected_context = context;
      g_autoptr(GBytes) expected = NULL;
      g_autoptr(GBytes) bytes = NULL;
      JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");

      td_render_async (formats[i], &context, NULL, render_cb, &bytes);
      json_object_set_string_member (issue, "title", "Changed while rendering");
      g_clear_pointer (&base_dir, g_free);
      while (bytes == NULL)
        g_main_context_iteration (NULL, TRUE);

      expected_context.root = original;
      expected_context.base_dir = dir;
      expected = td_render (formats[i], &expected_context, NULL);
      g_assert_true (g_bytes_equal (bytes, expected));
      json_object_set_string_member (issue, "title",
                                     td_json_get_string (json_object_get_object_member (
                                       json_node_get_object (original), "issue"), "title"));
    }
}

/* The testimonial, in the three formats: the photo, the quote, the name. */
static void
test_testimonial (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  JsonArray *sections = json_node_get_array (td_json_path_lookup (root, "sections"));
  g_autofree char *web = NULL;
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;

  json_array_add_element (sections, json_from_string (
    "{ \"id\": \"words\", \"type\": \"testimonial\", \"title\": \"Kind words\","
    "  \"quote\": \"I walk out *taller* <b>every</b> time.\", \"name\": \"M. <S.>\","
    "  \"photo\": { \"src\": \"images/logo.png\", \"alt\": \"M. S. smiling\" },"
    "  \"consent_date\": \"2023-07-15\" }", NULL));
  /* Before the footer, where a section goes. */
  json_array_add_element (sections, json_node_copy (json_array_get_element (sections, 8)));
  json_array_remove_element (sections, 8);

  web = td_test_render (TD_RENDER_WEB, &context, NULL);
  g_assert_nonnull (strstr (web, "<section class=\"testimonial\" data-section=\"words\">\n"
                                 "<h2>Kind words</h2>\n<figure>\n"));
  g_assert_nonnull (strstr (web, "alt=\"M. S. smiling\""));
  g_assert_nonnull (strstr (web, "<blockquote class=\"prose\">\n<p>I walk out <em>taller</em> "
                                 "every time.</p>\n</blockquote>\n"
                                 "<figcaption>— M. &lt;S.&gt;</figcaption>\n</figure>\n"
                                 "</section>\n"));
  g_assert_true (strstr (web, "data-section=\"words\"") < strstr (web, "<footer"));

  context.image_urls = TD_IMAGE_URL_ABSOLUTE;
  email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
  g_assert_nonnull (strstr (email, "data-section=\"words\""));
  g_assert_nonnull (strstr (email, "alt=\"M. S. smiling\""));
  g_assert_nonnull (strstr (email, "<em>taller</em>"));
  g_assert_nonnull (strstr (email, "— M. &lt;S.&gt;</p>"));
  g_assert_null (strstr (email, "<b>"));

  text = td_test_render (TD_RENDER_TEXT, &context, NULL);
  g_assert_nonnull (strstr (text, "Kind words\n----------\n\nI walk out _taller_ every time.\n\n"
                                  "— M. <S.>\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/image-urls", test_image_urls);
  g_test_add_func ("/core/render/image-size", test_image_size);
  g_test_add_func ("/core/render/theme-contrast", test_theme_contrast);
  g_test_add_func ("/core/render/phone-uri", test_phone_uri);
  g_test_add_func ("/core/render/base-uri", test_base_uri);
  g_test_add_func ("/core/render/format-names", test_format_names);
  g_test_add_func ("/core/render/async", test_async);
  g_test_add_func ("/core/render/testimonial", test_testimonial);

  return g_test_run ();
}
