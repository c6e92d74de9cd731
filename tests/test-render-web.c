/* test-render-web.c: the web page renderer and the web export
 *
 * The sample issue is compared with tests/data/golden/sample-web.html,
 * rendered with base_dir = the sample's folder and TD_IMAGE_URL_RELATIVE.
 * After a deliberate change to the page, look at it (see docs/rendering.md),
 * then regenerate the golden file with
 *
 *   TD_UPDATE_GOLDEN=1 meson test -C _build test-render-web
 *
 * which writes the file into the source tree instead of comparing, and
 * review the diff before committing it.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "td-diagnostic.h"
#include "td-export.h"
#include "td-image-info.h"
#include "td-picture-file.h"
#include "td-html.h"
#include "td-issue-loader.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-test-util.h"

/* The sample's pictures, in order of first use. */
static const char * const sample_images[] = {
  "images/logo.png",
  "images/glute-bridge.jpg",
  "images/glute-bridge-video.jpg",
  "images/self-massage-video.jpg",
  "images/massage-today.jpg",
  "images/sienna-teaching-store.jpg",
  "images/badge-amta.png",
  "images/badge-swedish-institute.png",
  "images/badge-myoskeletal.png",
  "images/badge-ncbtmb.png",
  "images/gift-certificate.jpg",
  "images/massage-packages.jpg",
};

/* Helpers */

/* Parses a document and checks that it is one the loader would accept
 * (without looking for its pictures). */
static JsonNode *
parse_valid (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  JsonNode *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_copy (json_parser_get_root (parser));
  td_issue_validate (root, NULL, diags);
  if (td_diagnostics_has_errors (diags))
    {
      g_autofree char *text = td_diagnostics_format (diags, "test.tidings");

      g_error ("test document is invalid:\n%s", text);
    }
  return root;
}

static char *
render (JsonNode   *root,
        const char *base_dir)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_RELATIVE };
  gsize length = 0;
  char *html = td_test_render (TD_RENDER_WEB, &context, &length);

  g_assert_nonnull (html);
  g_assert_cmpuint (strlen (html), ==, length);
  g_assert_true (g_utf8_validate (html, -1, NULL));
  return html;
}

static char *
render_sample (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();

  return render (root, dir);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static guint
count_regex (const char *haystack,
             const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_assert_nonnull (regex);
  g_regex_match (regex, haystack, 0, &match);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);
  g_autofree char *lower_needle = g_ascii_strdown (needle, -1);

  return strstr (lower, lower_needle) != NULL;
}

/* What every page must be, whatever the document says. */
static void
assert_page_is_safe (const char *html)
{
  g_autoptr(GRegex) amp = g_regex_new ("&amp;", 0, 0, NULL);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\""));
  g_assert_true (g_str_has_suffix (html, "</body>\n</html>\n"));
  g_assert_cmpuint (count (html, "<h1"), ==, 1);
  g_assert_cmpuint (count (html, "<main>"), ==, 1);
  g_assert_cmpuint (count (html, "<style"), ==, 1);
  g_assert_cmpuint (count (html, "<head>"), ==, 1);
  g_assert_cmpuint (count (html, "<body>"), ==, 1);
  g_assert_false (contains_nocase (html, "<script"));
  g_assert_false (contains_nocase (html, "<iframe"));
  g_assert_false (contains_nocase (html, "<object"));
  g_assert_false (contains_nocase (html, "<embed"));
  g_assert_false (contains_nocase (html, "<form"));
  g_assert_false (contains_nocase (html, "<link"));
  g_assert_false (contains_nocase (html, "<base"));
  g_assert_false (contains_nocase (html, "@import"));
  g_assert_false (contains_nocase (html, "url("));
  /* No third-party request on load: no absolute or protocol-relative
   * source anywhere. */
  g_assert_cmpuint (count_regex (html, "\\ssrc(set)?\\s*=\\s*[\"']?\\s*(https?:|//)"), ==, 0);
  g_assert_cmpuint (count_regex (html, "\\son[a-z]+\\s*="), ==, 0);
  /* Every link and source is a safe URL. */
  {
    g_autoptr(GRegex) regex = g_regex_new ("\\s(href|src|content)=\"([^\"]*)\"", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;

    g_regex_match (regex, html, 0, &match);
    while (g_match_info_matches (match))
      {
        g_autofree char *attribute = g_match_info_fetch (match, 1);
        g_autofree char *value = g_match_info_fetch (match, 2);

        g_assert_false (contains_nocase (value, "script:"));
        g_assert_false (contains_nocase (value, "data:"));
        if (!g_str_equal (attribute, "content"))
          {
            g_autofree char *unescaped = g_regex_replace_literal (amp, value, -1, 0, "&",
                                                                  0, NULL);

            if (!td_url_is_safe (unescaped))
              g_error ("unsafe %s=\"%s\"", attribute, value);
          }
        g_match_info_next (match, NULL);
      }
  }
  /* Every tag is one the renderer writes. */
  {
    g_autoptr(GRegex) regex = g_regex_new ("<(/?)([^\\s>/]*)", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    static const char * const allowed[] = {
      "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "main",
      "footer", "article", "section", "aside", "div", "h1", "h2", "h3", "h4", "h5", "h6",
      "p", "a", "img", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
      "hr", "time", "address", "span", "wbr",
    };

    g_regex_match (regex, html, 0, &match);
    while (g_match_info_matches (match))
      {
        g_autofree char *name = g_match_info_fetch (match, 2);

        if (!g_strv_contains (allowed, name))
          g_error ("unexpected tag <%s>", name);
        g_match_info_next (match, NULL);
      }
  }
}

/* The golden sample */

static void
test_sample_golden (void)
{
  g_autofree char *html = render_sample ();

  td_test_assert_golden ("sample-web.html", html, strlen (html));
}

static void
test_sample_deterministic (void)
{
  g_autofree char *first = render_sample ();
  g_autofree char *second = render_sample ();

  g_assert_cmpstr (first, ==, second);
}

static void
test_sample_structure (void)
{
  g_autofree char *html = render_sample ();
  static const char * const sections[] = {
    "masthead", "hamstrings", "self-massage", "news", "contact", "credentials", "offers",
    "tip", "footer",
  };
  guint n_img = count (html, "<img ");

  assert_page_is_safe (html);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n"));

  /* The outline: header, main, footer; headings in order. */
  g_assert_nonnull (strstr (html, "<header class=\"masthead\" data-section=\"masthead\">"));
  g_assert_nonnull (strstr (html, "</header>\n<main>\n"));
  g_assert_nonnull (strstr (html, "</main>\n<footer class=\"footer\" data-section=\"footer\">"));
  g_assert_nonnull (strstr (html, "<h1>News: August 2023</h1>"));
  g_assert_cmpuint (count (html, "<h3"), ==, 0);
  g_assert_cmpuint (count (html, "<h4"), ==, 0);
  g_assert_true (strstr (html, "<h1") < strstr (html, "<h2"));
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *attr = g_strdup_printf ("data-section=\"%s\"", sections[i]);

      g_assert_cmpuint (count (html, attr), ==, 1);
    }

  /* The head. */
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<meta name=\"viewport\" content=\"width=device-width, "
                                  "initial-scale=1\">"));
  g_assert_nonnull (strstr (html, "<title>News: August 2023 — Rachel Richards</title>"));
  g_assert_nonnull (strstr (html, "<meta name=\"description\" content=\"Strengthen before "
                                  "you lengthen: a glute bridge"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:type\" content=\"article\">"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:title\" content=\"News: August 2023\">"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:description\" content=\"Strengthen"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:url\" content=\""
                                  "https://rachelrichardsmassage.example/news/2023-08/\">"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:image\" content=\""
                                  "https://rachelrichardsmassage.example/news/2023-08/"
                                  "images/logo.png\">"));
  g_assert_nonnull (strstr (html, "@media print"));

  /* Pictures: sized, lazy but for the first, decoded off the main thread. */
  g_assert_cmpuint (n_img, ==, G_N_ELEMENTS (sample_images));
  g_assert_cmpuint (count (html, " loading=\"lazy\""), ==, n_img - 1);
  g_assert_cmpuint (count (html, " decoding=\"async\""), ==, n_img);
  g_assert_cmpuint (count_regex (html, "<img [^>]* alt=\"[^\"]*\" width=\"[0-9]+\" "
                                       "height=\"[0-9]+\""), ==, n_img);
  g_assert_nonnull (strstr (html, "<img class=\"logo\" src=\"images/logo.png\" "
                                  "alt=\"Rachel Richards\" width=\"192\" height=\"192\" decoding=\"async\">"));
  g_assert_nonnull (strstr (html, "src=\"images/glute-bridge.jpg\" alt=\"A woman lying on a "
                                  "mat"));
  g_assert_nonnull (strstr (html, "width=\"1120\" height=\"630\" loading=\"lazy\""));

  /* The video is its thumbnail and a link, both to YouTube. */
  g_assert_nonnull (strstr (html, "<a class=\"video-thumb\" href=\""
                                  "https://www.youtube.com/watch?v=Xg7Tq2bRk4E\">"
                                  "<img src=\"images/glute-bridge-video.jpg\""));
  g_assert_nonnull (strstr (html, "<a href=\"https://www.youtube.com/watch?v=Xg7Tq2bRk4E\">"
                                  "▶ Watch the video</a>"));
  /* Calls and texts, the links of the news, the footer. */
  g_assert_nonnull (strstr (html, "href=\"tel:2125550142\">Call</a>"));
  g_assert_nonnull (strstr (html, "href=\"sms:2125550142\">Text</a>"));
  g_assert_nonnull (strstr (html, "Check it out! →</a>"));
  g_assert_nonnull (strstr (html, "I&#39;d be happy to answer<br>\nany questions you have!"));
  g_assert_nonnull (strstr (html, "<address>Rachel Richards Massage<br>\n"));
  g_assert_nonnull (strstr (html, ">rachelrichardsmassage.example</a>"));
  /* The sample's unsubscribe URL is a merge tag, meaningless on the web. */
  g_assert_null (strstr (html, "UNSUB"));
}

static void
test_sample_images (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  g_autoptr(GPtrArray) images = td_render_list_images (&context);

  g_assert_cmpuint (images->len, ==, G_N_ELEMENTS (sample_images));
  for (guint i = 0; i < images->len; i++)
    g_assert_cmpstr (g_ptr_array_index (images, i), ==, sample_images[i]);
}

/* Hostile documents */

#define PAYLOAD "<script>alert(\"x\")</script> & ' \" 🎉👩‍👩‍👧 שלום עולם مرحبا بالعالم "

/* Every text field of every section type holds PAYLOAD; text fields end with
 * a 600-character word, markdown fields with a 5,000-character one. */
static char *
hostile_document (void)
{
  g_autofree char *text_word = g_strnfill (600, 'w');
  g_autofree char *long_word = g_strnfill (5000, 'W');
  g_autofree char *text = g_strconcat (PAYLOAD, text_word, NULL);
  g_autofree char *markdown = g_strconcat (PAYLOAD, long_word, "\n\n", PAYLOAD, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

#define STR(key, value) (json_builder_set_member_name (b, key), \
                         json_builder_add_string_value (b, value))
#define IMAGE(key, src) (json_builder_set_member_name (b, key), \
                         json_builder_begin_object (b), STR ("src", src), STR ("alt", text), \
                         json_builder_end_object (b))
#define LINK(key, url) (json_builder_set_member_name (b, key), \
                        json_builder_begin_object (b), STR ("label", text), STR ("url", url), \
                        json_builder_end_object (b))

  json_builder_begin_object (b);
  STR ("format", "tidings-issue");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);

  json_builder_set_member_name (b, "practice");
  json_builder_begin_object (b);
  STR ("name", text);
  STR ("profession", text);
  STR ("location", text);
  STR ("phone", "(212) 555-0142");
  STR ("email", "a@example.com");
  STR ("website", "https://example.com/");
  STR ("address", text);
  STR ("brand_color", "#2f6f73");
  STR ("logo", "images/logo.png");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "issue");
  json_builder_begin_object (b);
  STR ("title", text);
  STR ("date", "2023-08");
  STR ("language", "en");
  STR ("subject", text);
  STR ("preheader", text);
  STR ("public_base_url", "https://example.com/news/");
  STR ("unsubscribe_url", "https://example.com/unsubscribe?id=1&x=\"2\"");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);

  json_builder_begin_object (b);
  STR ("id", "m"); STR ("type", "masthead");
  IMAGE ("banner", "images/glute-bridge.jpg");
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "a"); STR ("type", "article");
  STR ("title", text); STR ("body", markdown);
  IMAGE ("image", "images/glute-bridge.jpg");
  json_builder_set_member_name (b, "video");
  json_builder_begin_object (b);
  STR ("url", "https://www.youtube.com/watch?v=x&y=<z>");
  IMAGE ("thumbnail", "images/glute-bridge-video.jpg");
  STR ("caption", markdown);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "v"); STR ("type", "video"); STR ("title", text);
  json_builder_set_member_name (b, "video");
  json_builder_begin_object (b);
  STR ("url", "https://vimeo.com/1");
  IMAGE ("thumbnail", "images/self-massage-video.jpg");
  STR ("caption", markdown);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "n"); STR ("type", "news"); STR ("title", text);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  STR ("text", markdown);
  IMAGE ("photo", "images/massage-today.jpg");
  LINK ("link", "https://example.com/a?b=1&c=2");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "c"); STR ("type", "cta"); STR ("title", text); STR ("text", text);
  STR ("phone", "+1 (212) 555-0142");
  LINK ("form", "https://example.com/form");
  LINK ("youtube", "https://www.youtube.com/@x");
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "cr"); STR ("type", "credentials"); STR ("title", text);
  json_builder_set_member_name (b, "badges");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  STR ("name", text);
  IMAGE ("image", "images/badge-amta.png");
  STR ("url", "https://example.com/badge");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "p"); STR ("type", "promotion"); STR ("title", text);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  STR ("heading", text); STR ("text", markdown);
  IMAGE ("image", "images/gift-certificate.jpg");
  LINK ("link", "https://example.com/gift");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "t"); STR ("type", "tip"); STR ("title", text); STR ("body", markdown);
  IMAGE ("image", "images/massage-packages.jpg");
  json_builder_end_object (b);

  json_builder_begin_object (b);
  STR ("id", "f"); STR ("type", "footer"); STR ("note", markdown); STR ("copyright", text);
  json_builder_end_object (b);

  json_builder_end_array (b);
  json_builder_end_object (b);

#undef STR
#undef IMAGE
#undef LINK

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_escaping (void)
{
  g_autofree char *json = hostile_document ();
  g_autoptr(JsonNode) root = parse_valid (json);
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *html = render (root, dir);
  g_autofree char *again = render (root, dir);

  g_assert_cmpstr (html, ==, again);
  assert_page_is_safe (html);

  /* None of the payload is raw ... */
  g_assert_null (strstr (html, "alert(\"x\")"));
  g_assert_null (strstr (html, "</script>"));
  g_assert_null (strstr (html, "& '"));
  g_assert_null (strstr (html, "x&y=<z>"));
  /* ... all of it is there, escaped, in text and in attributes. */
  g_assert_cmpuint (count (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), >=, 20);
  g_assert_nonnull (strstr (html, "<title>&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "<meta name=\"description\" content=\"&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "alt=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                  "&amp; &#39; &quot;"));
  /* The payload has Hebrew and Arabic: its titles read their own way. */
  g_assert_nonnull (strstr (html, "<h1 dir=\"auto\">&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "<h2 dir=\"auto\">&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "&amp; &#39; &quot;"));
  g_assert_nonnull (strstr (html, "href=\"https://www.youtube.com/watch?v=x&amp;y=%3Cz%3E\""));
  g_assert_nonnull (strstr (html, "href=\"https://example.com/a?b=1&amp;c=2\""));
  g_assert_nonnull (strstr (html, "href=\"https://example.com/unsubscribe?id=1&amp;x=%222%22\""));
  /* Emoji and right-to-left text come through untouched. */
  g_assert_nonnull (strstr (html, "🎉👩‍👩‍👧 שלום עולם مرحبا بالعالم"));
  /* Long words are kept (the stylesheet wraps them) and the phone number
   * becomes digits. */
  g_assert_nonnull (strstr (html, "overflow-wrap:break-word"));
  {
    g_autofree char *text_word = g_strnfill (600, 'w');

    g_assert_nonnull (strstr (html, text_word));
  }
  g_assert_cmpuint (count_regex (html, "W{500}"), >=, 1);
  g_assert_nonnull (strstr (html, "href=\"tel:+12125550142\""));
  g_assert_nonnull (strstr (html, "href=\"sms:+12125550142\""));
  /* A section title makes promotion cards h3. */
  g_assert_nonnull (strstr (html, "<h3 dir=\"auto\">&lt;script&gt;"));
}

static void
test_hostile_markdown (void)
{
  static const char *bodies[] = {
    "<script>alert(1)</script>\n\nafter",
    "<img src=x onerror=alert(1)>",
    "inline <img src=x onerror=alert(1)> html <b onclick=\"x()\">bold</b>",
    "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)",
    "[vb](vbscript:msgbox) [JS](JAVASCRIPT:alert(1)) [tab](java\tscript:alert(1))",
    "<a href=\"javascript:alert(2)\">raw</a>",
    "![remote](https://evil.example/pixel.png) ![](//evil.example/x.gif)",
    "<iframe src=\"https://evil.example/\"></iframe>\n\n<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "[x](<javascript:alert(1)>) <javascript:alert(1)> [y]: javascript:alert(3)\n\n[y]",
    "# Heading one\n\n###### Heading six",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *html = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (body, bodies[i]);
      json_generator_set_root (generator, body);
      escaped = json_generator_to_data (generator, NULL);
      json = g_strdup_printf ("{\"format\": \"tidings-issue\", \"version\": 1,"
                              " \"practice\": {\"name\": \"R\"},"
                              " \"issue\": {\"title\": \"T\"},"
                              " \"sections\": [{\"id\": \"s\", \"type\": \"article\","
                              " \"title\": \"A\", \"body\": %s},"
                              " {\"id\": \"t\", \"type\": \"tip\", \"body\": %s}]}",
                              escaped, escaped);
      root = parse_valid (json);
      html = render (root, NULL);

      assert_page_is_safe (html);
      g_assert_false (contains_nocase (html, "vbscript:"));
      g_assert_false (contains_nocase (html, "data:"));
      g_assert_false (contains_nocase (html, "evil.example/pixel"));
      g_assert_null (strstr (html, "<b "));
      g_assert_null (strstr (html, "onclick"));
      g_assert_null (strstr (html, "onerror="));
      g_assert_cmpuint (count (html, "<img"), ==, 0);
      /* Markdown headings sit under the section's h2. */
      g_assert_cmpuint (count (html, "<h1"), ==, 1);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *section;
  g_autofree char *html = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (markdown, "> ");
  g_string_append (markdown, "quoted\n\n");
  for (guint i = 0; i < 500; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (markdown, "  ");
      g_string_append (markdown, "- item\n");
    }
  g_string_append (markdown, "\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (markdown, "*[");
  g_string_append (markdown, "x");

  root = parse_valid ("{\"format\": \"tidings-issue\", \"version\": 1,"
                      " \"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"T\"},"
                      " \"sections\": [{\"id\": \"s\", \"type\": \"article\", \"title\": \"A\"}]}");
  section = json_array_get_object_element (td_json_get_array (json_node_get_object (root),
                                                              "sections"), 0);
  json_object_set_string_member (section, "body", markdown->str);
  html = render (root, NULL);
  assert_page_is_safe (html);
}

/* Languages and outlines */

static void
test_language (void)
{
  static const struct { const char *language; const char *start; } cases[] = {
    { "es", "<!DOCTYPE html>\n<html lang=\"es\" dir=\"ltr\">\n" },
    { "es-MX", "<!DOCTYPE html>\n<html lang=\"es-MX\" dir=\"ltr\">\n" },
    { "he", "<!DOCTYPE html>\n<html lang=\"he\" dir=\"rtl\">\n" },
    { "ar", "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n" },
    { "", "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": \"tidings-issue\", \"version\": 1,"
        " \"practice\": {\"name\": \"Raquel\"},"
        " \"issue\": {\"title\": \"Noticias\", \"date\": \"2023-08\", \"language\": \"%s\"},"
        " \"sections\": [{\"id\": \"m\", \"type\": \"masthead\"},"
        " {\"id\": \"v\", \"type\": \"video\", \"title\": \"V\","
        "  \"video\": {\"url\": \"https://vimeo.com/1\"}},"
        " {\"id\": \"t\", \"type\": \"tip\"}]}", cases[i].language);
      g_autoptr(JsonNode) root = parse_valid (json);
      g_autofree char *html = render (root, NULL);
      g_autofree char *month = td_l10n_format_month (cases[i].language, "2023-08");
      g_autofree char *date = g_strdup_printf ("<time datetime=\"2023-08\">%s</time>", month);
      g_autofree char *watch = g_strdup_printf (
        ">▶ %s</a>", td_l10n_gettext (cases[i].language, "newsletter", "Watch the video"));
      g_autofree char *tip = g_strdup_printf (
        ">%s</h2>", td_l10n_gettext (cases[i].language, "newsletter", "Did you know?"));

      assert_page_is_safe (html);
      g_assert_true (g_str_has_prefix (html, cases[i].start));
      /* The words the page adds are in the issue's language (English when
       * its catalogue isn't built). */
      g_assert_nonnull (strstr (html, date));
      g_assert_nonnull (strstr (html, watch));
      g_assert_nonnull (strstr (html, tip));
    }
}

static void
test_outline (void)
{
  /* No masthead: the page still has its h1. A second masthead doesn't add
   * one. A footer in the middle stays inside main; unknown types vanish. */
  g_autoptr(JsonNode) none = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"Title\"},"
    " \"sections\": [{\"id\": \"a\", \"type\": \"article\", \"title\": \"A\"}]}");
  g_autoptr(JsonNode) two = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"Title\"},"
    " \"sections\": [{\"id\": \"x\", \"type\": \"future-thing\", \"title\": \"X\"},"
    " {\"id\": \"m1\", \"type\": \"masthead\"},"
    " {\"id\": \"f1\", \"type\": \"footer\", \"copyright\": \"C1\"},"
    " {\"id\": \"m2\", \"type\": \"masthead\"},"
    " {\"id\": \"f2\", \"type\": \"footer\", \"copyright\": \"C2\"},"
    " {\"id\": \"y\", \"type\": \"future-thing\"}]}");
  g_autoptr(JsonNode) empty = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"Title\"},"
    " \"sections\": []}");
  g_autofree char *html_none = render (none, NULL);
  g_autofree char *html_two = render (two, NULL);
  g_autofree char *html_empty = render (empty, NULL);

  assert_page_is_safe (html_none);
  assert_page_is_safe (html_two);
  assert_page_is_safe (html_empty);
  g_assert_nonnull (strstr (html_none, "<header class=\"masthead\">\n<h1>Title</h1>\n"
                                       "</header>\n<main>\n<article"));
  g_assert_nonnull (strstr (html_two, "<body>\n<header class=\"masthead\" "
                                      "data-section=\"m1\">"));
  g_assert_nonnull (strstr (html_two, "</header>\n<main>\n<footer class=\"footer\" "
                                      "data-section=\"f1\">"));
  g_assert_nonnull (strstr (html_two, "<p class=\"issue-title\">Title</p>"));
  g_assert_nonnull (strstr (html_two, "</main>\n<footer class=\"footer\" "
                                      "data-section=\"f2\">"));
  g_assert_null (strstr (html_two, "future"));
  g_assert_null (strstr (html_two, "\"x\""));
  g_assert_nonnull (strstr (html_empty, "</header>\n<main>\n</main>\n</body>"));
}

static void
test_meta (void)
{
  /* Without a public address: no og:url and no og:image; the subject
   * stands in for a missing preheader. An unsubscribe merge tag is left
   * out of the page, a real address is linked. */
  g_autoptr(JsonNode) root = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\", \"logo\": \"images/logo.png\"},"
    " \"issue\": {\"title\": \"T\", \"subject\": \"The subject\","
    "  \"unsubscribe_url\": \"https://example.com/u\"},"
    " \"sections\": [{\"id\": \"m\", \"type\": \"masthead\"},"
    " {\"id\": \"f\", \"type\": \"footer\"}]}");
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *html = render (root, dir);

  assert_page_is_safe (html);
  g_assert_nonnull (strstr (html, "<meta name=\"description\" content=\"The subject\">"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:description\" content=\"The subject\">"));
  g_assert_null (strstr (html, "og:url"));
  g_assert_null (strstr (html, "og:image"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.com/u\">Unsubscribe</a>"));
  g_assert_nonnull (strstr (html, "<title>T — R</title>"));
}

/* A list whose entries are not objects shows nothing, not an empty list. */
static void
test_no_empty_lists (void)
{
  g_autoptr(JsonNode) root = json_from_string (
    "{\"practice\": {}, \"issue\": {\"title\": \"T\"}, \"sections\": ["
    "{\"id\": \"n\", \"type\": \"news\", \"items\": [42, null]},"
    "{\"id\": \"c\", \"type\": \"credentials\", \"badges\": [\"x\"]},"
    "{\"id\": \"p\", \"type\": \"promotion\", \"items\": [true]}]}", NULL);
  g_autofree char *html = render (root, NULL);

  g_assert_null (strstr (html, "<ul"));
  g_assert_null (strstr (html, "class=\"cards\""));
}

static void
test_missing_pictures (void)
{
  /* A picture that can't be read is shown without a size; an unsafe path
   * is not shown at all. */
  g_autoptr(JsonNode) root = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\", \"logo\": \"images/nope.png\"},"
    " \"issue\": {\"title\": \"T\"},"
    " \"sections\": [{\"id\": \"m\", \"type\": \"masthead\"}]}");
  JsonObject *practice = td_json_get_object (json_node_get_object (root), "practice");
  g_autofree char *html = render (root, NULL);
  g_autofree char *unsafe = NULL;

  g_assert_nonnull (strstr (html, "<img class=\"logo\" src=\"images/nope.png\" alt=\"R\" "
                                  "decoding=\"async\">"));

  /* Bypass the validator, as a buggy caller might. */
  json_object_set_string_member (practice, "logo", "../../etc/x.png");
  unsafe = render (root, NULL);
  g_assert_null (strstr (unsafe, "<img"));
  json_object_set_string_member (practice, "logo", "//evil.example/x.png");
  g_clear_pointer (&unsafe, g_free);
  unsafe = render (root, NULL);
  g_assert_null (strstr (unsafe, "<img"));
  json_object_set_string_member (practice, "logo", "https://evil.example/x.png");
  g_clear_pointer (&unsafe, g_free);
  unsafe = render (root, NULL);
  g_assert_null (strstr (unsafe, "<img"));
}

/* The export */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
list_tree (const char *root,
           const char *relative,
           GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL)
                                                   : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        list_tree (root, child, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files under @root, relative, sorted, joined by newlines. */
static char *
tree_listing (const char *root)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  list_tree (root, "", files);
  g_ptr_array_sort (files, compare_strings);
  g_ptr_array_add (files, NULL);
  return g_strjoinv ("\n", (char **) files->pdata);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-render-web-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *contents_a = NULL;
  g_autofree char *contents_b = NULL;
  gsize len_a = 0, len_b = 0;

  g_assert_true (g_file_get_contents (a, &contents_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (b, &contents_b, &len_b, NULL));
  g_assert_cmpmem (contents_a, len_a, contents_b, len_b);
}

static void
test_export_sample (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *first = g_build_filename (tmp, "first", NULL);
  g_autofree char *second = g_build_filename (tmp, "second", "nested", NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_listing = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *index = g_build_filename (first, "index.html", NULL);
  g_autofree char *html = render (root, dir);
  g_autofree char *written = NULL;

  g_assert_true (td_export_web (&context, first, &error));
  g_assert_no_error (error);
  /* Into a folder that doesn't exist yet, two levels deep. */
  g_assert_true (td_export_web (&context, second, &error));
  g_assert_no_error (error);

  g_ptr_array_add (expected, (gpointer) "index.html");
  for (gsize i = 0; i < G_N_ELEMENTS (sample_images); i++)
    g_ptr_array_add (expected, (gpointer) sample_images[i]);
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_add (expected, NULL);
  expected_listing = g_strjoinv ("\n", (char **) expected->pdata);

  listing = tree_listing (first);
  g_assert_cmpstr (listing, ==, expected_listing);
  g_clear_pointer (&listing, g_free);
  listing = tree_listing (second);
  g_assert_cmpstr (listing, ==, expected_listing);

  /* The page is the renderer's; the pictures are derived (never the
   * stored bytes), of the same format and size (the sample's are all
   * under 1,600 px), without metadata; a second export writes the same
   * bytes. */
  g_assert_true (g_file_get_contents (index, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, html);
  for (gsize i = 0; i < G_N_ELEMENTS (sample_images); i++)
    {
      g_autofree char *source = g_build_filename (dir, sample_images[i], NULL);
      g_autofree char *copy = g_build_filename (first, sample_images[i], NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize len_a = 0, len_b = 0;
      TdImageInfo info_a, info_b;

      g_assert_true (g_file_get_contents (source, &a, &len_a, NULL));
      g_assert_true (g_file_get_contents (copy, &b, &len_b, NULL));
      g_assert_false (len_a == len_b && memcmp (a, b, len_a) == 0);
      g_assert_true (td_image_info_from_bytes ((const guint8 *) a, len_a, &info_a));
      g_assert_true (td_image_info_from_bytes ((const guint8 *) b, len_b, &info_b));
      g_assert_cmpint (info_a.format, ==, info_b.format);
      g_assert_cmpuint (info_a.width, ==, info_b.width);
      g_assert_cmpuint (info_a.height, ==, info_b.height);
      g_assert_cmpuint (info_b.orientation, ==, 0);
      g_assert_false (info_b.has_gps);
    }
  for (gsize i = 0; i < expected->len - 1; i++)
    {
      g_autofree char *a = g_build_filename (first, g_ptr_array_index (expected, i), NULL);
      g_autofree char *b = g_build_filename (second, g_ptr_array_index (expected, i), NULL);

      assert_same_file (a, b);
    }

  /* Exporting again over the first export changes nothing, and leaves the
   * user's other files alone. */
  {
    g_autofree char *other = g_build_filename (first, "images", "mine.txt", NULL);
    g_autofree char *first_copy = g_build_filename (tmp, "first-copy", NULL);

    g_assert_true (td_export_web (&context, first_copy, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (other, "keep", -1, NULL));
    g_assert_true (td_export_web (&context, first, &error));
    g_assert_no_error (error);
    for (gsize i = 0; i < expected->len - 1; i++)
      {
        g_autofree char *a = g_build_filename (first, g_ptr_array_index (expected, i), NULL);
        g_autofree char *b = g_build_filename (first_copy, g_ptr_array_index (expected, i),
                                               NULL);

        assert_same_file (a, b);
      }
    g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  }

  remove_tree (tmp);
}

static void
test_export_unwritable (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *file = g_build_filename (tmp, "a-file", NULL);
  g_autofree char *below_file = g_build_filename (file, "export", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder can't be made inside a regular file (whoever runs the test,
   * root included). */
  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  g_assert_false (td_export_web (&context, below_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, "a-file"));
  g_clear_error (&error);

  g_assert_false (td_export_web (&context, "/proc/tidings-test-export", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  listing = tree_listing (tmp);
  g_assert_cmpstr (listing, ==, "a-file");
  remove_tree (tmp);
}

static void
test_export_refuses_outside (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_RELATIVE };
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *elsewhere = g_build_filename (tmp, "elsewhere", NULL);
  g_autofree char *images_link = g_build_filename (out, "images", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  /* out/images is a link to a folder outside out/. */
  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_cmpint (symlink (elsewhere, images_link), ==, 0);

  g_assert_false (td_export_web (&context, out, &error));
  g_assert_error (error, TD_EXPORT_ERROR, TD_EXPORT_ERROR_UNSAFE_PATH);
  g_clear_error (&error);
  listing = tree_listing (elsewhere);
  g_assert_cmpstr (listing, ==, "");

  /* A path leading out of the issue's folder that got past the validator
   * is neither rendered nor copied. */
  {
    JsonObject *practice = td_json_get_object (json_node_get_object (root), "practice");
    g_autofree char *index = g_build_filename (out, "index.html", NULL);
    g_autofree char *html = NULL;

    g_assert_cmpint (g_unlink (images_link), ==, 0);
    json_object_set_string_member (practice, "logo", "images/../../x.png");
    g_assert_true (td_export_web (&context, out, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (index, &html, NULL, NULL));
    g_assert_null (strstr (html, "x.png"));
    g_clear_pointer (&listing, g_free);
    listing = tree_listing (tmp);
    g_assert_null (strstr (listing, "x.png"));
    g_assert_null (strstr (listing, "logo.png"));
  }

  remove_tree (tmp);
}

static void
test_export_bad_pictures (void)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *issue = g_build_filename (tmp, "issue", NULL);
  g_autofree char *images = g_build_filename (issue, "images", NULL);
  g_autofree char *logo_link = g_build_filename (images, "logo.png", NULL);
  g_autofree char *sample_logo = g_build_filename (sample, "images", "logo.png", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autoptr(JsonNode) root = parse_valid (
    "{\"format\": \"tidings-issue\", \"version\": 1,"
    " \"practice\": {\"name\": \"R\", \"logo\": \"images/logo.png\"},"
    " \"issue\": {\"title\": \"T\"},"
    " \"sections\": [{\"id\": \"m\", \"type\": \"masthead\"}]}");
  TdRenderContext context = { root, issue, TD_IMAGE_URL_RELATIVE };
  TdRenderContext no_folder = { root, NULL, TD_IMAGE_URL_RELATIVE };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);

  /* Missing: nothing is written, not even the folder. */
  g_assert_false (td_export_web (&context, out, &error));
  g_assert_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "images/logo.png"));
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* A link from the issue's folder to a picture outside it. */
  g_assert_cmpint (symlink (sample_logo, logo_link), ==, 0);
  g_assert_false (td_export_web (&context, out, &error));
  g_assert_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_LINK);
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* No folder to copy the pictures from. */
  g_assert_false (td_export_web (&no_folder, out, &error));
  g_assert_error (error, TD_EXPORT_ERROR, TD_EXPORT_ERROR_NO_FOLDER);
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  remove_tree (tmp);
}

static void
test_write_file (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autofree char *missing = g_build_filename (tmp, "missing", "out.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (td_export_write_file (path, "first", 5, &error));
  g_assert_no_error (error);
  g_assert_true (td_export_write_file (path, "second\0x", 8, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "second\0x", 8);
  g_assert_true (td_export_write_file (path, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);

  /* Failures leave no temporary file behind, and a folder stays one. */
  g_assert_false (td_export_write_file (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_false (td_export_write_file (tmp, "x", 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_DIR));
  listing = tree_listing (tmp);
  g_assert_cmpstr (listing, ==, "out.txt");

  remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/web/sample/golden", test_sample_golden);
  g_test_add_func ("/core/render/web/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/core/render/web/sample/structure", test_sample_structure);
  g_test_add_func ("/core/render/web/sample/images", test_sample_images);
  g_test_add_func ("/core/render/web/escaping", test_escaping);
  g_test_add_func ("/core/render/web/markdown/hostile", test_hostile_markdown);
  g_test_add_func ("/core/render/web/markdown/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/render/web/language", test_language);
  g_test_add_func ("/core/render/web/outline", test_outline);
  g_test_add_func ("/core/render/web/meta", test_meta);
  g_test_add_func ("/core/render/web/missing-pictures", test_missing_pictures);
  g_test_add_func ("/core/render/web/no-empty-lists", test_no_empty_lists);
  g_test_add_func ("/core/render/web/export/sample", test_export_sample);
  g_test_add_func ("/core/render/web/export/unwritable", test_export_unwritable);
  g_test_add_func ("/core/render/web/export/refuses-outside", test_export_refuses_outside);
  g_test_add_func ("/core/render/web/export/bad-pictures", test_export_bad_pictures);
  g_test_add_func ("/core/render/web/export/write-file", test_write_file);

  return g_test_run ();
}
