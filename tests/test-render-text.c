/* test-render-text.c: the plain-text alternative of the email.
 *
 * The golden file tests/data/golden/sample-text.txt is the text of the
 * bundled sample. After an intended change of the output, regenerate it with
 *
 *   TD_UPDATE_GOLDEN=1 meson test -C _build test-render-text
 *
 * read the diff as a reader would (git diff tests/data/golden), and commit it.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-html.h"
#include "td-issue-loader.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-test-util.h"

#define TEXT_WIDTH 72

/* Helpers
 * ------------------------------------------------------------------------ */

/* Loads @json (a whole document) through the validator. */
static JsonNode *
load_json (const char *json)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (json, strlen (json), NULL, diags);

  if (loaded == NULL)
    {
      g_autofree char *report = td_diagnostics_format (diags, "test");

      g_error ("the test document does not load:\n%s", report);
    }
  return json_node_ref (loaded->root);
}

/* The text of a document with the given issue members (JSON text without
 * braces) and sections (a JSON array). */
static char *
document_json (const char *issue,
               const char *sections)
{
  return g_strdup_printf (
    "{ \"format\": \"tidings-issue\", \"version\": 1,"
    "  \"practice\": { \"name\": \"Ana\", \"email\": \"ana@example.org\","
    "                  \"website\": \"https://ana.example/\","
    "                  \"address\": \"1 Main St\\nTown\" },"
    "  \"issue\": { %s\"date\": \"2023-08\"%s%s },"
    "  \"sections\": %s }",
    strstr (issue, "\"title\"") == NULL ? "\"title\": \"Issue\", " : "",
    issue[0] != '\0' ? ", " : "", issue, sections);
}

static JsonNode *
make_document (const char *issue,
               const char *sections)
{
  g_autofree char *json = document_json (issue, sections);

  return load_json (json);
}

/* @s as a JSON string literal, quotes included. */
static char *
jstr (const char *s)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s);
  return json_to_string (node, FALSE);
}

static char *
render (JsonNode   *root,
        const char *base_dir)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_ABSOLUTE };
  gsize length = 0;
  char *text = td_test_render (TD_RENDER_TEXT, &context, &length);

  g_assert_nonnull (text);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

static char *
repeat (const char *s,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

/* A line may be wider than the text only if it is one word (a URL or a
 * very long word, never broken) or an entry "[N] URL" of the link list. */
static gboolean
line_may_be_wide (const char *line)
{
  const char *space = strchr (line, ' ');

  if (space == NULL)
    return TRUE;
  return line[0] == '[' && space[-1] == ']' && strchr (space + 1, ' ') == NULL;
}

static void
assert_wrapped (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (td_text_width (lines[i], -1) > TEXT_WIDTH && !line_may_be_wide (lines[i]))
        g_error ("line %u is %u columns wide: “%s”", i + 1,
                 td_text_width (lines[i], -1), lines[i]);
      g_assert_false (g_str_has_suffix (lines[i], " "));
    }
}

/* No markup, no entities, no control characters but newlines. */
static void
assert_plain (const char *text)
{
  g_assert_null (strstr (text, "&amp;"));
  g_assert_null (strstr (text, "&lt;"));
  g_assert_null (strstr (text, "&#"));
  g_assert_null (strstr (text, "&nbsp;"));
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      g_assert_true (c >= 0x20 || c == '\n');
      g_assert_true (c != 0x7F);
      g_assert_false (c == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F);
      if (c == '<')
        g_assert_false (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!');
    }
}

/* The reference list: the URLs after the "Links" heading, in order. */
static GPtrArray *
reference_list (const char *text)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  const char *list = strstr (text, "\nLinks\n-----\n\n");
  g_auto(GStrv) lines = NULL;

  if (list == NULL)
    return urls;
  lines = g_strsplit (list + strlen ("\nLinks\n-----\n\n"), "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("[%u] ", i + 1);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_ptr_array_add (urls, g_strdup (lines[i] + strlen (prefix)));
    }
  return urls;
}

/* The numbers of the "[N]" references in the text before the list, in
 * order of appearance. */
static GArray *
reference_marks (const char *text)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *end = strstr (text, "\nLinks\n-----\n");

  for (const char *p = strchr (text, '['); p != NULL && (end == NULL || p < end);
       p = strchr (p + 1, '['))
    {
      char *after;
      guint64 n = g_ascii_strtoull (p + 1, &after, 10);

      if (after != p + 1 && *after == ']')
        {
          guint number = (guint) n;

          g_array_append_val (marks, number);
        }
    }
  return marks;
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *s)
{
  return g_ptr_array_find_with_equal_func (array, s, g_str_equal, NULL);
}

/* The sample
 * ------------------------------------------------------------------------ */

static void
test_golden (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *text = render (root, dir);

  td_test_assert_golden ("sample-text.txt", text, strlen (text));
}

static void
test_sample_shape (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *text = render (root, dir);

  assert_wrapped (text);
  assert_plain (text);

  /* Headings: the issue title over '=', section titles over '-'. */
  /* The month, which the title says already, is not repeated. */
  g_assert_nonnull (strstr (text, "\nNews: August 2023\n=================\n\n"));
  g_assert_nonnull (strstr (text, "\n\nWhy Your Hamstrings and Lower Back Are Always Tight\n"
                                  "---------------------------------------------------\n\n"));
  g_assert_nonnull (strstr (text, "\n\nDid you know?\n-------------\n\n"));
  /* Paragraphs separated by one blank line; never two. */
  g_assert_null (strstr (text, "\n\n\n"));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));

  /* Same order as the HTML (docs/rendering.md). */
  {
    const char *order[] = {
      "View in browser [", "Rachel Richards\nlicensed massage therapist · east village, nyc",
      "News: August 2023", "Why Your Hamstrings", "If you have a chronically tight",
      "is a great place to start!", "Watch the video [", "In this video, I teach you",
      "Relieve Anxiety and Find Balance", "Join me for a transformational",
      "What's new with me ...", "_Massage Today_", "Check it out! [", "Jesse and I took",
      "Call or text me today", "I'd be happy to answer\nany questions you have!",
      "Call (212) 555-0142 [", "Text (212) 555-0142 [", "Fill out my online form. [",
      "Subscribe to my Youtube channel! [", "- American Massage Therapy Association [",
      "- National Certification Board for Therapeutic Massage & Bodywork [",
      "Available now!", "Buy a gift certificate [", "See the packages [", "Did you know?",
      "Sitting for hours", "You’re receiving this newsletter",
      "Rachel Richards Massage\n123 East 7th Street, Suite 2\nNew York, NY 10009",
      "© 2023 Rachel Richards\n\nhttps://rachelrichardsmassage.example/\nUnsubscribe [15]\n",
      "\nLinks\n-----\n",
    };
    const char *at = text;

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        const char *found = strstr (at, order[i]);

        if (found == NULL)
          g_error ("“%s” is missing or out of order", order[i]);
        at = found;
      }
  }
}

static void
test_sample_references (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *text = render (root, NULL);
  g_autoptr(GPtrArray) urls = reference_list (text);
  g_autoptr(GArray) marks = reference_marks (text);
  const char *expected[] = {
    "https://rachelrichardsmassage.example/news/2023-08/",
    "https://www.youtube.com/watch?v=Xg7Tq2bRk4E",
    "https://www.youtube.com/watch?v=Qm3vN8pLs2A",
    "https://www.massagetoday.com/articles/common-massage-myths-and-misconceptions",
    "tel:2125550142",
    "sms:2125550142",
    "https://rachelrichardsmassage.example/book",
    "https://www.youtube.com/@rachelrichardsmassage?sub_confirmation=1",
    "https://www.amtamassage.org/",
    "https://www.swedishinstitute.edu/",
    "https://www.myoskeletal.com/",
    "https://www.ncbtmb.org/",
    "https://rachelrichardsmassage.example/gift-certificates",
    "https://rachelrichardsmassage.example/packages",
    "*|UNSUB|*",
  };
  guint next = 1;

  g_assert_cmpuint (urls->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (urls, i), ==, expected[i]);

  /* Numbered in order of first appearance, each number used. */
  for (guint i = 0; i < marks->len; i++)
    {
      guint n = g_array_index (marks, guint, i);

      g_assert_cmpuint (n, <=, next);
      if (n == next)
        next++;
    }
  g_assert_cmpuint (next - 1, ==, urls->len);

  /* The unsubscribe merge tag is kept verbatim, and is the last link. */
  g_assert_nonnull (strstr (text, "\nUnsubscribe [15]\n"));
  /* The website, a link whose text is its URL, is written bare. */
  g_assert_false (contains_string (urls, "https://rachelrichardsmassage.example/"));
}

static void
test_deterministic (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *a = render (root, NULL);
  g_autofree char *b = render (root, NULL);

  g_assert_cmpstr (a, ==, b);
}

/* Crafted documents
 * ------------------------------------------------------------------------ */

static void
test_same_url_one_number (void)
{
  g_autoptr(JsonNode) root = make_document (
    "\"unsubscribe_url\": \"https://ana.example/u\"",
    "[ { \"id\": \"a\", \"type\": \"article\", \"title\": \"T\","
    "    \"body\": \"[one](https://x.example/) and [two](https://y.example/) and "
    "[again](https://x.example/)\" },"
    "  { \"id\": \"f\", \"type\": \"footer\" } ]");
  g_autofree char *text = render (root, NULL);
  g_autoptr(GPtrArray) urls = reference_list (text);

  g_assert_nonnull (strstr (text, "one [1] and two [2] and again [1]"));
  g_assert_cmpuint (urls->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (urls, 0), ==, "https://x.example/");
  g_assert_cmpstr (g_ptr_array_index (urls, 1), ==, "https://y.example/");
  g_assert_cmpstr (g_ptr_array_index (urls, 2), ==, "https://ana.example/u");
  /* No public base URL: no "View in browser". */
  g_assert_null (strstr (text, "View in browser"));
}

static void
test_merge_tags (void)
{
  const char *tags[] = { "{{ unsubscribe_url }}", "%%unsubscribe%%", "*|UNSUB|*", "[unsubscribe]" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *issue = g_strdup_printf ("\"unsubscribe_url\": \"%s\"", tags[i]);
      g_autoptr(JsonNode) root = make_document (issue,
                                                "[ { \"id\": \"f\", \"type\": \"footer\" } ]");
      g_autofree char *text = render (root, NULL);
      g_autofree char *entry = g_strdup_printf ("\n[1] %s\n", tags[i]);

      g_assert_nonnull (strstr (text, "\nUnsubscribe [1]\n"));
      g_assert_true (g_str_has_suffix (text, entry));
    }
}

/* Text from the file is written as it is: no escaping, no markup. */
static void
test_escaping (void)
{
  g_autoptr(JsonNode) root = make_document (
    "\"title\": \"<b>&amp; \\\"q\\\" 'a'\"",
    "[ { \"id\": \"m\", \"type\": \"masthead\" },"
    "  { \"id\": \"a\", \"type\": \"article\", \"title\": \"<i>x</i> & y\","
    "    \"body\": \"Tom &amp; Jerry <b>bold</b> 1 < 2 > 0\" },"
    "  { \"id\": \"c\", \"type\": \"cta\", \"title\": \"C\", \"text\": \"<br>&lt;\","
    "    \"form\": { \"label\": \"<a href=x>go</a>\", \"url\": \"https://f.example/?a=1&b=2\" } },"
    "  { \"id\": \"b\", \"type\": \"credentials\", \"badges\": ["
    "      { \"name\": \"A & B <c>\", \"url\": \"https://b.example/\" } ] },"
    "  { \"id\": \"f\", \"type\": \"footer\", \"copyright\": \"&copy; <2023>\" } ]");
  g_autofree char *text = render (root, NULL);

  g_assert_nonnull (strstr (text, "\n<b>&amp; \"q\" 'a'\n"));
  g_assert_nonnull (strstr (text, "\n<i>x</i> & y\n"));
  /* Markdown: entities decoded, raw HTML dropped. */
  g_assert_nonnull (strstr (text, "Tom & Jerry bold 1 < 2 > 0"));
  g_assert_nonnull (strstr (text, "\n<br>&lt;\n"));
  g_assert_nonnull (strstr (text, "\n<a href=x>go</a> [1]\n"));
  g_assert_nonnull (strstr (text, "\n- A & B <c> [2]\n"));
  g_assert_nonnull (strstr (text, "\n&copy; <2023>\n"));
  g_assert_nonnull (strstr (text, "\n[1] https://f.example/?a=1&b=2\n"));
}

/* The loader refuses control characters in text fields; the renderer
 * still drops them from a document no validator has seen. */
static void
test_control_characters (void)
{
  g_autofree char *json = document_json (
    "\"title\": \"a\\u0001b\\u007fc\\u0085d\\te\"",
    "[ { \"id\": \"m\", \"type\": \"masthead\" },"
    "  { \"id\": \"t\", \"type\": \"tip\", \"body\": \"x\\u0002y \\u009fz\" } ]");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = render (root, NULL);

  assert_plain (text);
  g_assert_nonnull (strstr (text, "\nabcd e\n"));
  g_assert_nonnull (strstr (text, "\nxy z\n"));
}

static void
test_hostile_markdown (void)
{
  g_autofree char *deep = repeat ("> ", 500);
  g_autofree char *nested = repeat ("- ", 200);
  g_autofree char *body = g_strdup_printf (
    "<script>alert(1)</script>\n\n"
    "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
    "<img src=x onerror=alert(1)> ![pic](javascript:alert(2))\n\n"
    "<a href=\"javascript:alert(3)\">raw</a>\n\n"
    "%sdeep\n\n%snested\n\n"
    "[ok](https://ok.example/)", deep, nested);
  g_autofree char *body_json = jstr (body);
  g_autofree char *sections = g_strdup_printf (
    "[ { \"id\": \"a\", \"type\": \"article\", \"title\": \"T\", \"body\": %s } ]",
    body_json);
  g_autoptr(JsonNode) root = make_document ("", sections);
  g_autofree char *text = render (root, NULL);
  g_autoptr(GPtrArray) urls = reference_list (text);

  assert_plain (text);
  g_assert_null (strstr (text, "script"));
  g_assert_null (strstr (text, "javascript:"));
  g_assert_null (strstr (text, "data:"));
  g_assert_null (strstr (text, "onerror"));
  g_assert_nonnull (strstr (text, "click"));
  g_assert_nonnull (strstr (text, "deep"));
  g_assert_nonnull (strstr (text, "nested"));
  g_assert_nonnull (strstr (text, "ok [1]"));
  g_assert_cmpuint (urls->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (urls, 0), ==, "https://ok.example/");
}

static void
test_rtl_and_emoji (void)
{
  g_autoptr(JsonNode) root = make_document (
    "\"title\": \"שלום עולם 👋🏽\", \"language\": \"he\"",
    "[ { \"id\": \"m\", \"type\": \"masthead\" },"
    "  { \"id\": \"a\", \"type\": \"article\", \"title\": \"مرحبا بالعالم\","
    "    \"body\": \"نص عربي طويل بما يكفي ليلتف على أكثر من سطر واحد في النسخة النصية من "
    "الرسالة 🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿🌿 "
    "👩‍👩‍👧‍👦 family\" } ]");
  g_autofree char *text = render (root, NULL);

  assert_wrapped (text);
  assert_plain (text);
  /* The underline is as wide as the title: the emoji counts 2 columns. */
  g_assert_nonnull (strstr (text, "\nשלום עולם 👋🏽\n"));
  g_assert_nonnull (strstr (text, "\nمرحبا بالعالم\n-------------\n"));
  g_assert_nonnull (strstr (text, "👩‍👩‍👧‍👦 family"));
}

/* A 5,000-character word (the most a markdown field allows; text fields
 * stop at 1,000, so the unvalidated variant below goes past that too). */
static void
check_long_word (gboolean validated)
{
  g_autofree char *word = repeat ("x", 5000);
  g_autofree char *short_word = repeat ("y", validated ? 998 : 5000);
  g_autofree char *url = g_strconcat ("https://long.example/", validated ? short_word : word, NULL);
  g_autofree char *issue = g_strdup_printf ("\"title\": \"%s\"", short_word);
  g_autofree char *sections = g_strdup_printf (
    "[ { \"id\": \"m\", \"type\": \"masthead\" },"
    "  { \"id\": \"a\", \"type\": \"article\", \"title\": \"a %s\","
    "    \"body\": \"c %s d [e](%s)\" },"
    "  { \"id\": \"n\", \"type\": \"news\", \"items\": [ { \"text\": \"%s\","
    "      \"link\": { \"label\": \"%s\", \"url\": \"%s\" } } ] },"
    "  { \"id\": \"f\", \"type\": \"footer\", \"note\": \"%s\" } ]",
    short_word, word, url, word, short_word, url, word);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *own_line = g_strdup_printf ("\n%s\n", word);
  g_autofree char *rule = repeat ("=", TEXT_WIDTH);
  g_autofree char *title = g_strdup_printf ("\n%s\n%s\n", short_word, rule);
  g_autofree char *label = g_strdup_printf ("\n%s\n[1]\n", short_word);
  g_autofree char *entry = g_strdup_printf ("\n[1] %s\n", url);

  if (validated)
    {
      root = make_document (issue, sections);
    }
  else
    {
      g_autofree char *json = g_strdup_printf (
        "{ \"practice\": { \"name\": \"%s\" }, \"issue\": { %s }, \"sections\": %s }",
        word, issue, sections);
      g_autoptr(GError) error = NULL;

      root = json_from_string (json, &error);
      g_assert_no_error (error);
    }
  text = render (root, NULL);

  assert_wrapped (text);
  /* The word stays whole, on a line of its own; the underline stops at
   * the text width; the link's number goes on the next line. */
  g_assert_nonnull (strstr (text, own_line));
  g_assert_nonnull (strstr (text, title));
  g_assert_nonnull (strstr (text, label));
  g_assert_nonnull (strstr (text, entry));
  g_assert_cmpuint (strlen (text), <, 50000);
}

static void
test_long_word (void)
{
  check_long_word (TRUE);
}

static void
test_long_word_unvalidated (void)
{
  check_long_word (FALSE);
}

static void
test_language (void)
{
  g_autoptr(JsonNode) root = make_document (
    "\"language\": \"es\", \"public_base_url\": \"https://ana.example/n/\","
    "\"unsubscribe_url\": \"*|UNSUB|*\"",
    "[ { \"id\": \"v\", \"type\": \"video\", \"title\": \"V\","
    "    \"video\": { \"url\": \"https://www.youtube.com/watch?v=abc\" } },"
    "  { \"id\": \"t\", \"type\": \"tip\" },"
    "  { \"id\": \"f\", \"type\": \"footer\" } ]");
  g_autofree char *text = render (root, NULL);
  g_autofree char *links = g_strdup_printf ("\n%s\n",
                                            td_l10n_gettext ("es", "newsletter", "Links"));

  g_assert_true (g_str_has_prefix (text, "Ver en el navegador [1]\n"));
  g_assert_nonnull (strstr (text, "\nMira el video [2]\n"));
  g_assert_nonnull (strstr (text, td_l10n_gettext ("es", "newsletter", "Did you know?")));
  g_assert_nonnull (strstr (text, td_l10n_gettext ("es", "newsletter", "Unsubscribe")));
  g_assert_nonnull (strstr (text, links));
}

static void
test_empty_document (void)
{
  g_autoptr(JsonNode) root = make_document ("", "[]");
  g_autofree char *text = render (root, NULL);

  g_assert_cmpstr (text, ==, "");
}

/* The month shows under a title that doesn't say it, in every format. */
static void
test_month (void)
{
  static const struct { const char *title; gboolean shown; } cases[] = {
    { "News: August 2023", FALSE },
    { "Summer news", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = td_test_load_sample ();
      JsonObject *settings = json_object_get_object_member (json_node_get_object (root),
                                                            "issue");
      g_autofree char *text = NULL;
      g_autofree char *web = NULL;
      g_autofree char *email = NULL;
      TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };

      json_object_set_string_member (settings, "title", cases[i].title);
      text = render (root, NULL);
      web = td_test_render (TD_RENDER_WEB, &context, NULL);
      email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
      g_assert_true ((strstr (text, "\nAugust 2023\n") != NULL) == cases[i].shown);
      g_assert_true ((strstr (web, ">August 2023</time>") != NULL) == cases[i].shown);
      g_assert_true ((strstr (email, ">August 2023</div>") != NULL) == cases[i].shown);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/text/golden", test_golden);
  g_test_add_func ("/core/render/text/sample-shape", test_sample_shape);
  g_test_add_func ("/core/render/text/references", test_sample_references);
  g_test_add_func ("/core/render/text/deterministic", test_deterministic);
  g_test_add_func ("/core/render/text/same-url-one-number", test_same_url_one_number);
  g_test_add_func ("/core/render/text/merge-tags", test_merge_tags);
  g_test_add_func ("/core/render/text/escaping", test_escaping);
  g_test_add_func ("/core/render/text/control-characters", test_control_characters);
  g_test_add_func ("/core/render/text/hostile-markdown", test_hostile_markdown);
  g_test_add_func ("/core/render/text/rtl-and-emoji", test_rtl_and_emoji);
  g_test_add_func ("/core/render/text/long-word", test_long_word);
  g_test_add_func ("/core/render/text/month", test_month);
  g_test_add_func ("/core/render/text/long-word-unvalidated", test_long_word_unvalidated);
  g_test_add_func ("/core/render/text/language", test_language);
  g_test_add_func ("/core/render/text/empty-document", test_empty_document);

  return g_test_run ();
}
