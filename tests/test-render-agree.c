/* test-render-agree.c: what the web page, the email and the plain text agree on
 *
 * Each format lays the issue out in its own way, but they must say the same
 * thing: the same direction for a language, the same links, the same
 * pictures, the same words. These tests render one document in every format
 * and compare; each would have caught a drift found between the renderers.
 */
#include "config.h"

#include <string.h>

#include "td-l10n.h"
#include "td-test-util.h"

static JsonNode *
sample_with_language (const char *language)
{
  JsonNode *root = td_test_load_sample ();
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");

  json_object_set_string_member (issue, "language", language);
  return root;
}

/* The dir attribute of the <html> start tag: "rtl", "ltr", or "" when it
 * has none (which means left to right). */
static char *
html_direction (const char *html)
{
  const char *start = strstr (html, "<html");
  const char *end = start != NULL ? strchr (start, '>') : NULL;
  g_autofree char *tag = NULL;
  const char *dir;

  g_assert_nonnull (end);
  tag = g_strndup (start, (gsize) (end - start));
  dir = strstr (tag, " dir=\"");
  if (dir == NULL)
    return g_strdup ("");
  dir += strlen (" dir=\"");
  return g_strndup (dir, strcspn (dir, "\""));
}

static gboolean
direction_is_rtl (const char *dir)
{
  g_assert_true (g_str_equal (dir, "") || g_str_equal (dir, "ltr") || g_str_equal (dir, "rtl"));
  return g_str_equal (dir, "rtl");
}

/* Renders the sample in @language in every format and checks that each
 * says @rtl. */
static void
assert_direction (const char *language,
                  gboolean    rtl)
{
  g_autoptr(JsonNode) root = sample_with_language (language);
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *web = td_test_render (TD_RENDER_WEB, &context, NULL);
  g_autofree char *email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
  TdRenderContext page = { root, NULL, TD_IMAGE_URL_ABSOLUTE, .text_page = TRUE };
  g_autofree char *text_html = td_test_render (TD_RENDER_TEXT, &page, NULL);
  g_autofree char *web_dir = html_direction (web);
  g_autofree char *email_dir = html_direction (email);
  g_autofree char *text_dir = html_direction (text_html);

  g_test_message ("%s: web \"%s\", email \"%s\", text \"%s\"", language, web_dir, email_dir,
                  text_dir);
  g_assert_cmpint (direction_is_rtl (web_dir), ==, rtl);
  g_assert_cmpint (direction_is_rtl (email_dir), ==, rtl);
  g_assert_cmpint (direction_is_rtl (text_dir), ==, rtl);
  g_assert_cmpint (td_l10n_language_is_rtl (language), ==, rtl);
}

/* Every language of the right-to-left list, with and without a region,
 * reads right to left in every format; a script subtag overrides the
 * language's usual script. */
static void
test_direction (void)
{
  const char * const *rtl = td_l10n_get_rtl_languages ();
  static const char * const also_rtl[] = {
    "ku-Arab", "pa-Arab", "az-Arab", "uz-Arab", "ms-Arab", "ff-Adlm", "he_IL", "AR", "fa-ir",
  };
  static const char * const ltr[] = {
    "en", "es-419", "de-CH", "haw", "ku", "ku-TR", "ks-Deva", "sd-Deva", "pa", "az", "ar-Latn",
    "", "x", "not a language", "ar-../../x",
  };

  g_assert_cmpuint (g_strv_length ((char **) rtl), >=, 10);
  for (guint i = 0; rtl[i] != NULL; i++)
    {
      g_autofree char *with_region = g_strconcat (rtl[i], "-XX", NULL);

      assert_direction (rtl[i], TRUE);
      assert_direction (with_region, TRUE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (also_rtl); i++)
    assert_direction (also_rtl[i], TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (ltr); i++)
    assert_direction (ltr[i], FALSE);
}

/* Every section type with links that are absolute, relative, scheme-relative
 * or unsafe. Not validated: the renderers must agree on whatever they get. */
static const char links_document[] =
  "{\"practice\": {\"name\": \"R\", \"website\": \"https://r.example/\"},"
  " \"issue\": {\"title\": \"T\", \"unsubscribe_url\": \"https://r.example/u\"},"
  " \"sections\": ["
  "  {\"id\": \"a\", \"type\": \"article\", \"title\": \"A\","
  "   \"body\": \"[abs](https://a.example/) [rel](page.html)\","
  "   \"video\": {\"url\": \"videos/1.html\"}},"
  "  {\"id\": \"v\", \"type\": \"video\", \"title\": \"V\","
  "   \"video\": {\"url\": \"https://v.example/1\"}},"
  "  {\"id\": \"n\", \"type\": \"news\", \"items\": ["
  "   {\"text\": \"one\", \"link\": {\"url\": \"more.html\", \"label\": \"Rel\"}},"
  "   {\"text\": \"two\", \"link\": {\"url\": \"https://n.example/\", \"label\": \"Abs\"}},"
  "   {\"text\": \"three\", \"link\": {\"url\": \"//n.example/x\"}},"
  "   {\"text\": \"four\", \"link\": {\"url\": \"javascript:alert(1)\"}}]},"
  "  {\"id\": \"c\", \"type\": \"cta\", \"phone\": \"212 555 0142\","
  "   \"form\": {\"url\": \"form.html\"},"
  "   \"youtube\": {\"url\": \"https://youtube.example/c\"}},"
  "  {\"id\": \"cr\", \"type\": \"credentials\", \"badges\": ["
  "   {\"name\": \"B1\", \"url\": \"badge.html\"},"
  "   {\"name\": \"B2\", \"url\": \"https://b.example/\"}]},"
  "  {\"id\": \"p\", \"type\": \"promotion\", \"items\": ["
  "   {\"heading\": \"H1\", \"link\": {\"url\": \"offer.html\"}},"
  "   {\"heading\": \"H2\", \"link\": {\"url\": \"mailto:x@r.example\"}}]},"
  "  {\"id\": \"f\", \"type\": \"footer\"}]}";

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The distinct values of every @name="..." attribute in @html, sorted (a
 * newline in a value is a line break the renderer added, which URL parsers
 * drop). */
static GPtrArray *
attribute_values (const char *html,
                  const char *name)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strstr (html, needle); p != NULL; p = strstr (p, needle))
    {
      const char *start = p + strlen (needle);
      const char *end = strchr (start, '"');
      g_autofree char *raw = g_strndup (start, (gsize) (end - start));
      g_auto(GStrv) parts = g_strsplit (raw, "\n", -1);
      char *url = g_strjoinv ("", parts);

      p = end;
      if (g_hash_table_contains (seen, url))
        {
          g_free (url);
          continue;
        }
      g_hash_table_add (seen, url);
      g_ptr_array_add (links, url);
    }
  g_ptr_array_sort (links, compare_strings);
  return links;
}

static char *
join_links (GPtrArray *links)
{
  g_ptr_array_add (links, NULL);
  return g_strjoinv (" ", (char **) links->pdata);
}

/* The URLs of the plain text's reference list ("[N] URL" lines), and the
 * bare URLs written on lines of their own, sorted. */
static GPtrArray *
text_links (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '[' && strstr (line, "] ") != NULL)
        g_ptr_array_add (links, g_strdup (strstr (line, "] ") + 2));
      else if (g_str_has_prefix (line, "https://") && strchr (line, ' ') == NULL)
        g_ptr_array_add (links, g_strdup (line));
    }
  g_ptr_array_sort (links, compare_strings);
  return links;
}

/* Every format links exactly the same URLs: absolute http(s), mailto, tel
 * and sms ones. (The web page used to link relative URLs that the email
 * and the text left out.) */
static void
test_links (void)
{
  g_autoptr(JsonNode) root = json_from_string (links_document, NULL);
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *web = td_test_render (TD_RENDER_WEB, &context, NULL);
  g_autofree char *email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
  g_autofree char *text = td_test_render (TD_RENDER_TEXT, &context, NULL);
  g_autoptr(GPtrArray) web_links = attribute_values (web, "href");
  g_autoptr(GPtrArray) email_links = attribute_values (email, "href");
  g_autoptr(GPtrArray) plain_links = text_links (text);
  g_autofree char *web_joined = join_links (web_links);
  g_autofree char *email_joined = join_links (email_links);
  g_autofree char *text_joined = join_links (plain_links);
  const char *expected = "https://a.example/ https://b.example/ https://n.example/ "
                         "https://r.example/ https://r.example/u https://v.example/1 "
                         "https://youtube.example/c mailto:x@r.example sms:2125550142 "
                         "tel:2125550142";

  g_assert_nonnull (root);
  g_assert_cmpstr (email_joined, ==, expected);
  g_assert_cmpstr (web_joined, ==, expected);
  g_assert_cmpstr (text_joined, ==, expected);
}

/* The web page and the email show the same pictures, whatever the picture
 * URLs are made of. (The email used to write a picture whose URL was
 * unsafe, such as one under a javascript: public_base_url.) */
static void
test_pictures (void)
{
  static const struct
  {
    const char     *base_url;
    TdImageUrlMode  mode;
    guint           n_pictures;
  } cases[] = {
    { "https://rachelrichardsmassage.example/news/2023-08/", TD_IMAGE_URL_ABSOLUTE, 12 },
    { "https://rachelrichardsmassage.example/news/2023-08/", TD_IMAGE_URL_CID, 12 },
    { "", TD_IMAGE_URL_RELATIVE, 12 },
    { "javascript:alert(1)//", TD_IMAGE_URL_ABSOLUTE, 0 },
    { "data:text/html,", TD_IMAGE_URL_ABSOLUTE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = td_test_load_sample ();
      JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");
      TdRenderContext context = { root, NULL, cases[i].mode };
      g_autofree char *web = NULL;
      g_autofree char *email = NULL;
      g_autoptr(GPtrArray) web_pictures = NULL;
      g_autoptr(GPtrArray) email_pictures = NULL;
      g_autofree char *web_joined = NULL;
      g_autofree char *email_joined = NULL;

      json_object_set_string_member (issue, "public_base_url", cases[i].base_url);
      web = td_test_render (TD_RENDER_WEB, &context, NULL);
      email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
      web_pictures = attribute_values (web, "src");
      email_pictures = attribute_values (email, "src");
      g_assert_cmpuint (web_pictures->len, ==, cases[i].n_pictures);
      web_joined = join_links (web_pictures);
      email_joined = join_links (email_pictures);
      g_assert_cmpstr (web_joined, ==, email_joined);
    }
}

/* The arrow after a news item's link points the way the text reads, in the
 * web page as in the email. */
static void
test_arrows (void)
{
  static const struct { const char *language; const char *more; } cases[] = {
    { "en", "Check it out! →</a>" },
    { "he", "Check it out! ←</a>" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = sample_with_language (cases[i].language);
      TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };
      g_autofree char *web = td_test_render (TD_RENDER_WEB, &context, NULL);
      g_autofree char *email = td_test_render (TD_RENDER_EMAIL, &context, NULL);

      g_assert_nonnull (strstr (web, cases[i].more));
      g_assert_nonnull (strstr (email, cases[i].more));
    }
}

static void
assert_short_lines (const char *what,
                    const char *html)
{
  guint line = 1;

  for (const char *p = html; *p != '\0'; line++)
    {
      gsize n = strcspn (p, "\n");

      if (n > 998)
        g_error ("%s: line %u is %" G_GSIZE_FORMAT " bytes long", what, line, n);
      p += n;
      if (*p == '\n')
        p++;
    }
}

/* No HTML line is longer than RFC 5322's 998 octets, whatever the text:
 * not in the email, not in the web page, not in the text preview. (The web
 * page used to write long titles, labels and URLs on one line.) */
static void
test_short_lines (void)
{
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) template = NULL;
  g_autofree char *json = NULL;
  g_autofree char *web = NULL;
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (word, i % 7 == 0 ? "&é" : "x");
  template = g_strsplit (
    "{\"practice\": {\"name\": \"@W@\", \"address\": \"@W@\","
    " \"website\": \"https://r.example/@W@\"},"
    " \"issue\": {\"title\": \"@W@\", \"subject\": \"@W@\", \"preheader\": \"@W@\"},"
    " \"sections\": [{\"id\": \"@W@\", \"type\": \"masthead\"},"
    "  {\"id\": \"a\", \"type\": \"article\", \"title\": \"@W@ @W@\", \"body\": \"@W@\","
    "   \"image\": {\"src\": \"images/x.png\", \"alt\": \"@W@\"}},"
    "  {\"id\": \"n\", \"type\": \"news\", \"items\": [{\"text\": \"t\","
    "   \"link\": {\"url\": \"https://n.example/@W@\", \"label\": \"@W@\"}}]},"
    "  {\"id\": \"c\", \"type\": \"cta\", \"text\": \"@W@\","
    "   \"form\": {\"url\": \"https://f.example/@W@\", \"label\": \"@W@\"}},"
    "  {\"id\": \"f\", \"type\": \"footer\", \"copyright\": \"@W@\"}]}", "@W@", -1);
  json = g_strjoinv (word->str, template);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  {
    TdRenderContext context = { root, NULL, TD_IMAGE_URL_RELATIVE, .text_page = TRUE };

    web = td_test_render (TD_RENDER_WEB, &context, NULL);
    email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
    text = td_test_render (TD_RENDER_TEXT, &context, NULL);
  }
  assert_short_lines ("web", web);
  assert_short_lines ("email", email);
  assert_short_lines ("text page", text);
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

/* A title, label or name of white space only counts as none in every
 * format: the fallback words are used, and no empty heading is written.
 * (The plain text used to treat "  " as missing, and the HTML as a title.) */
static void
test_blank_fields (void)
{
  g_autoptr(JsonNode) root = json_from_string (
    "{\"practice\": {\"name\": \" \", \"profession\": \"\\t\"},"
    " \"issue\": {\"title\": \"T\"},"
    " \"sections\": [{\"id\": \"m\", \"type\": \"masthead\"},"
    "  {\"id\": \"n\", \"type\": \"news\", \"title\": \"  \", \"items\": ["
    "   {\"text\": \"one\", \"link\": {\"url\": \"https://n.example/\", \"label\": \" \"}}]},"
    "  {\"id\": \"c\", \"type\": \"cta\", \"title\": \"\\n\", \"text\": \"  \","
    "   \"form\": {\"url\": \"https://f.example/\", \"label\": \"\\u00a0\"}},"
    "  {\"id\": \"p\", \"type\": \"promotion\", \"title\": \" \", \"items\": ["
    "   {\"heading\": \"Offer\", \"link\": {\"url\": \"https://p.example/\"}}]},"
    "  {\"id\": \"t\", \"type\": \"tip\", \"title\": \" \", \"body\": \"b\"}]}", NULL);
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *web = NULL;
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (root);
  web = td_test_render (TD_RENDER_WEB, &context, NULL);
  email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
  text = td_test_render (TD_RENDER_TEXT, &context, NULL);

  /* The fallback labels, in every format. */
  g_assert_cmpuint (count (web, ">Read more →</a>"), ==, 1);
  g_assert_cmpuint (count (email, ">Read more →</a>"), ==, 1);
  g_assert_nonnull (strstr (text, "\nRead more [1]\n"));
  g_assert_cmpuint (count (web, ">Book online</a>"), ==, 1);
  g_assert_cmpuint (count (email, ">Book online</a>"), ==, 1);
  g_assert_nonnull (strstr (text, "\nBook online [2]\n"));
  g_assert_cmpuint (count (web, "<h2>Did you know?</h2>"), ==, 1);
  g_assert_cmpuint (count (email, ">Did you know?</h2>"), ==, 1);
  g_assert_nonnull (strstr (text, "\nDid you know?\n-------------\n"));
  /* No empty heading; the offer heads its card when the section has no
   * title. */
  g_assert_cmpuint (count (web, "<h2>"), ==, 2);
  g_assert_cmpuint (count (web, "<h2>Offer</h2>"), ==, 1);
  g_assert_cmpuint (count (email, "<h2"), ==, 2);
  g_assert_cmpuint (count (email, ">Offer</h2>"), ==, 1);
  g_assert_nonnull (strstr (text, "\nOffer\n-----\n"));
  g_assert_null (strstr (web, "class=\"practice\""));
  g_assert_null (strstr (web, "class=\"tagline\""));
  g_assert_null (strstr (web, "class=\"cta-text\""));
}

/* An unsubscribe URL that holds a merge tag is filled in by the mailing
 * service: the web page doesn't link it and the .eml leaves it out of its
 * List-Unsubscribe header, by one rule. (The .eml used to let "[ID]" and
 * "|*" through that the web page kept out.) The email and the text show it
 * in every case. */
static void
test_unsubscribe (void)
{
  static const struct { const char *url; gboolean real; } cases[] = {
    { "https://list.example/u?id=1", TRUE },
    { "mailto:leave@list.example", TRUE },
    { "https://list.example/u?id=*|ID|*", FALSE },
    { "https://list.example/u?id=[ID]", FALSE },
    { "https://list.example/u?id={{ id }}", FALSE },
    { "https://list.example/u/%%ID%%", FALSE },
    { "*|UNSUB|*", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = td_test_load_sample ();
      JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");
      g_autofree char *dir = td_test_sample_dir ();
      TdRenderContext context = { root, dir, TD_IMAGE_URL_ABSOLUTE, .eml.date = 1690880400 };
      g_autofree char *web = NULL;
      g_autofree char *email = NULL;
      g_autofree char *text = NULL;
      g_autofree char *eml = NULL;

      json_object_set_string_member (issue, "unsubscribe_url", cases[i].url);
      web = td_test_render (TD_RENDER_WEB, &context, NULL);
      email = td_test_render (TD_RENDER_EMAIL, &context, NULL);
      text = td_test_render (TD_RENDER_TEXT, &context, NULL);
      eml = td_test_render (TD_RENDER_EML, &context, NULL);

      g_test_message ("unsubscribe URL %s", cases[i].url);
      g_assert_cmpint (strstr (web, ">Unsubscribe</a>") != NULL, ==, cases[i].real);
      g_assert_cmpint (strstr (eml, "\r\nList-Unsubscribe: <") != NULL, ==, cases[i].real);
      g_assert_nonnull (strstr (email, ">Unsubscribe</a>"));
      g_assert_nonnull (strstr (text, "\nUnsubscribe ["));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/agree/direction", test_direction);
  g_test_add_func ("/core/render/agree/links", test_links);
  g_test_add_func ("/core/render/agree/pictures", test_pictures);
  g_test_add_func ("/core/render/agree/arrows", test_arrows);
  g_test_add_func ("/core/render/agree/short-lines", test_short_lines);
  g_test_add_func ("/core/render/agree/blank-fields", test_blank_fields);
  g_test_add_func ("/core/render/agree/unsubscribe", test_unsubscribe);

  return g_test_run ();
}
