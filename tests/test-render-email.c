/* test-render-email.c: the HTML email (td_render_email)
 *
 * Golden files: tests/data/golden/sample-email.html is the bundled sample
 * rendered with its own folder as base_dir and TD_IMAGE_URL_ABSOLUTE;
 * tests/data/golden/hostile-email.html is the hostile document below (short
 * enough words and nesting to stay a reviewable file under the 100 KB limit
 * that tests/check-email.py enforces on it). After an intended change of the
 * output, look at the result (docs/rendering.md; a headless Chromium
 * screenshot at 360 and 1280 px) and regenerate them with
 *
 *   TD_UPDATE_GOLDEN=1 meson test -C _build test-render-email
 *
 * which rewrites the files in the source tree instead of comparing. The
 * structural rules of EMAIL.md (tables, images, headings, CSS, preheader,
 * buttons ...) are checked by parsing the golden files in
 * tests/check-email.py; the tests here check the renderer's own promises.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-html.h"
#include "td-issue-loader.h"
#include "td-test-util.h"

#define MAX_LINE_BYTES     998
#define SAMPLE_MAX_BYTES   20480
#define SAMPLE_BASE_URL    "https://rachelrichardsmassage.example/news/2023-08/"

/* Hostile input: every text field gets these, plus a long word. */
#define HOSTILE_TEXT \
  "<script>alert(1)</script> <b onmouseover=\"x()\">&amp; 'single' \"double\" </b>" \
  " 😀👩🏽‍⚕️ שלום עולם مرحبا بالعالم \u202e\xc2\x85\xc2\x9b"

/* ---------------------------------------------------------------------------
 * Helpers
 */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static char *
render (JsonNode       *root,
        const char     *base_dir,
        TdImageUrlMode  mode)
{
  TdRenderContext context = { .root = root, .base_dir = base_dir, .image_urls = mode };
  gsize length = 0;
  char *html = td_test_render (TD_RENDER_EMAIL, &context, &length);

  g_assert_nonnull (html);
  g_assert_cmpuint (length, ==, strlen (html));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  return html;
}

static char *
render_sample (TdImageUrlMode mode)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();

  return render (root, dir, mode);
}

static void
assert_short_lines (const char *html)
{
  guint line = 1;

  for (const char *p = html; *p != '\0'; line++)
    {
      gsize n = strcspn (p, "\n");

      if (n > MAX_LINE_BYTES)
        g_error ("line %u is %" G_GSIZE_FORMAT " bytes long", line, n);
      p += n;
      if (*p == '\n')
        p++;
    }
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

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

/* The values of every @name="..." attribute, in order (the renderer always
 * double-quotes; a newline inside a value is a line break the renderer
 * added, which URL parsers drop). */
static GPtrArray *
attribute_values (const char *html,
                  const char *name)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  g_autofree char *needle_nl = g_strdup_printf ("\n%s=\"", name);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = html; *p != '\0'; p++)
    {
      const char *start, *end;

      if (strncmp (p, needle, strlen (needle)) != 0 && strncmp (p, needle_nl, strlen (needle_nl)) != 0)
        continue;
      start = p + strlen (needle);
      end = strchr (start, '"');
      g_assert_nonnull (end);
      {
        g_autofree char *raw = g_strndup (start, (gsize) (end - start));
        g_auto(GStrv) parts = g_strsplit (raw, "\n", -1);

        g_ptr_array_add (values, g_strjoinv ("", parts));
      }
      p = end;
    }
  return values;
}

/* @html without the line breaks the renderer adds to long runs ("<wbr\n>"
 * in text, a newline in attribute values or for a space), and without
 * spaces, so that text can be compared whatever its line breaks. */
static char *
squeeze (const char *html)
{
  g_auto(GStrv) wbr = g_strsplit (html, "<wbr\n>", -1);
  g_autofree char *joined = g_strjoinv ("", wbr);
  GString *out = g_string_sized_new (strlen (joined));

  for (const char *p = joined; *p != '\0'; p++)
    if (*p != '\n' && *p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
link_is_allowed (const char *url)
{
  static const char * const prefixes[] = { "https://", "http://", "mailto:", "tel:", "sms:" };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (url, prefixes[i], strlen (prefixes[i])) == 0)
      return TRUE;
  return g_str_equal (url, "*|UNSUB|*") || g_str_equal (url, "{{ unsubscribe_url }}") ||
         g_str_equal (url, "%%unsubscribe%%");
}

static void
assert_links_allowed (const char *html)
{
  g_autoptr(GPtrArray) hrefs = attribute_values (html, "href");

  g_assert_cmpuint (hrefs->len, >, 0);
  for (guint i = 0; i < hrefs->len; i++)
    if (!link_is_allowed (hrefs->pdata[i]))
      g_error ("link to \"%s\"", (char *) hrefs->pdata[i]);
}

/* ---------------------------------------------------------------------------
 * The hostile document
 */

static void
append_json_string (GString    *out,
                    const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;

  json_node_set_string (node, value);
  json = json_to_string (node, FALSE);
  g_string_append (out, json);
}

/* A word of @chars characters mixing ASCII, characters to escape and
 * two- and four-byte UTF-8, with no space to break it at. */
static char *
long_word (guint chars)
{
  static const char * const pieces[] = { "x", "&", "é", "<", "y", "😀", "\"", "z", "'", ">" };
  GString *word = g_string_new (NULL);

  for (guint i = 0; i < chars; i++)
    g_string_append (word, pieces[i % G_N_ELEMENTS (pieces)]);
  return g_string_free (word, FALSE);
}

#define MAX_HOSTILE_FIELDS 128

typedef struct
{
  GString *json;
  char    *word;
  guint    next;                       /* the next field number */
  char     kinds[MAX_HOSTILE_FIELDS];  /* 't'ext or 'm'arkdown, by number */
} Hostile;

/* A text value "F<n>: " + HOSTILE_TEXT + " " + the long word; the marker
 * F<n> shows where each field ends up. */
static void
hostile_text (Hostile    *h,
              const char *key)
{
  g_autofree char *value = g_strdup_printf ("F%u: " HOSTILE_TEXT " %s", h->next, h->word);

  g_assert_cmpuint (h->next, <, MAX_HOSTILE_FIELDS);
  h->kinds[h->next++] = 't';

  g_string_append_printf (h->json, "\"%s\": ", key);
  append_json_string (h->json, value);
  g_string_append (h->json, ", ");
}

static void
member (Hostile    *h,
        const char *key,
        const char *value)
{
  g_string_append_printf (h->json, "\"%s\": ", key);
  append_json_string (h->json, value);
  g_string_append (h->json, ", ");
}

/* Markdown that must not pass through, nested @depth deep. */
static void
hostile_markdown (Hostile    *h,
                  const char *key,
                  guint       depth)
{
  g_autoptr(GString) md = g_string_new (NULL);

  g_assert_cmpuint (h->next, <, MAX_HOSTILE_FIELDS);
  g_string_append_printf (md, "F%u: " HOSTILE_TEXT " %s\n\n", h->next, h->word);
  h->kinds[h->next++] = 'm';
  g_string_append (md, "# Heading <script>alert(1)</script>\n\n"
                   "<script>alert(2)</script>\n\n"
                   "<img src=x onerror=alert(3)> <iframe src=\"https://evil.example/\"></iframe>\n\n"
                   "A [javascript link](javascript:alert(4)), a [data link](data:text/html,"
                   "<script>alert(5)</script>), a [vbscript link](vbscript:msgbox(6)), "
                   "a [spaced one](java\tscript:alert(7)), an ![image](javascript:alert(8)), "
                   "<a href=\"javascript:alert(9)\">raw</a> and a [fine link](https://ok.example/).\n\n"
                   "<style>body{display:none}</style>\n\n");
  for (guint i = 0; i < depth; i++)
    g_string_append (md, "> ");
  g_string_append (md, "deep quote\n\n");
  for (guint i = 0; i < depth; i++)
    g_string_append (md, "- ");
  g_string_append (md, "deep list\n\n");
  for (guint i = 0; i < depth; i++)
    g_string_append (md, "*a ");
  g_string_append (md, "emphasis");
  for (guint i = 0; i < depth; i++)
    g_string_append (md, "*");
  g_string_append (md, "\n");
  g_string_append_printf (h->json, "\"%s\": ", key);
  append_json_string (h->json, md->str);
  g_string_append (h->json, ", ");
}

static void
hostile_image (Hostile    *h,
               const char *key,
               const char *src)
{
  g_string_append_printf (h->json, "\"%s\": {", key);
  member (h, "src", src);
  hostile_text (h, "alt");
  g_string_truncate (h->json, h->json->len - 2);
  g_string_append (h->json, "}, ");
}

static void
hostile_link (Hostile    *h,
              const char *key,
              const char *url)
{
  g_string_append_printf (h->json, "\"%s\": {", key);
  member (h, "url", url);
  hostile_text (h, "label");
  g_string_truncate (h->json, h->json->len - 2);
  g_string_append (h->json, "}, ");
}

static void
object_end (Hostile *h)
{
  g_string_truncate (h->json, h->json->len - 2);
  g_string_append (h->json, "}, ");
}

/* Every text field of every section type holds markup, quotes, emoji,
 * right-to-left text, control characters and a word of @word_chars
 * characters; every markdown field holds raw HTML, unsafe links and
 * @depth-deep nesting; links and pictures point where they must not.
 * Not validated: the renderer must stay safe whatever it is given. The
 * number of fields is stored in @n_fields and their kinds ('t' text, 'm'
 * markdown) in @kinds (MAX_HOSTILE_FIELDS long), when not NULL. */
static char *
hostile_json (guint       word_chars,
              guint       depth,
              const char *language,
              const char *unsubscribe,
              char       *kinds,
              guint      *n_fields)
{
  g_autofree char *long_url = NULL;
  Hostile h = { g_string_new (NULL), long_word (word_chars), 0, { 0 } };

  {
    g_autoptr(GString) url = g_string_new ("https://example.com/");

    for (guint i = 0; i < word_chars; i++)
      g_string_append_c (url, "abc/?=&%"[i % 8]);
    long_url = g_string_free (g_steal_pointer (&url), FALSE);
  }

  g_string_append (h.json, "{\"format\": \"tidings-issue\", \"version\": 1, \"practice\": {");
  hostile_text (&h, "name");
  hostile_text (&h, "profession");
  hostile_text (&h, "location");
  hostile_text (&h, "address");
  member (&h, "phone", "+1 (212) 555-0142 <script>");
  member (&h, "email", "x@example.com\"><script>");
  member (&h, "website", long_url);
  member (&h, "brand_color", "red;}</style><script>alert(1)</script>");
  member (&h, "logo", "images/../../etc/logo.png");
  object_end (&h);

  g_string_append (h.json, "\"issue\": {");
  hostile_text (&h, "title");
  hostile_text (&h, "subject");
  hostile_text (&h, "preheader");
  member (&h, "date", "2023-13\"><script>");
  member (&h, "language", language);
  member (&h, "public_base_url", "https://example.com/news/\"><script>/");
  member (&h, "unsubscribe_url", unsubscribe);
  object_end (&h);

  g_string_append (h.json, "\"sections\": [");

  g_string_append (h.json, "{\"id\": \"m\\\"><script>\", \"type\": \"masthead\", ");
  hostile_image (&h, "banner", "images/banner.jpg");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"a\", \"type\": \"article\", ");
  hostile_text (&h, "title");
  hostile_markdown (&h, "body", depth);
  hostile_image (&h, "image", "images/a b&c\"<d>.jpg");
  g_string_append (h.json, "\"video\": {");
  member (&h, "url", "javascript:alert(1)");
  hostile_image (&h, "thumbnail", "images/thumb.png");
  hostile_markdown (&h, "caption", depth);
  object_end (&h);
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"v\", \"type\": \"video\", ");
  hostile_text (&h, "title");
  g_string_append (h.json, "\"video\": {");
  member (&h, "url", long_url);
  hostile_image (&h, "thumbnail", "javascript:alert(1).png");
  hostile_markdown (&h, "caption", depth);
  object_end (&h);
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"n\", \"type\": \"news\", ");
  hostile_text (&h, "title");
  g_string_append (h.json, "\"items\": [{");
  hostile_markdown (&h, "text", depth);
  hostile_image (&h, "photo", "images/photo.gif");
  hostile_link (&h, "link", "https://example.com/?q=<script>&x=\"y\"");
  object_end (&h);
  g_string_append (h.json, "{");
  hostile_markdown (&h, "text", 2);
  hostile_link (&h, "link", "data:text/html,<script>alert(1)</script>");
  object_end (&h);
  g_string_append (h.json, "42, \"not an item\"], ");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"c\", \"type\": \"cta\", ");
  hostile_text (&h, "title");
  hostile_text (&h, "text");
  member (&h, "phone", "(212) 555-0142\"><script>");
  hostile_link (&h, "form", "https://example.com/form?a=1&b=2");
  hostile_link (&h, "youtube", "vbscript:msgbox(1)");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"cr\", \"type\": \"credentials\", ");
  hostile_text (&h, "title");
  g_string_append (h.json, "\"badges\": [{");
  hostile_text (&h, "name");
  hostile_image (&h, "image", "images/badge.png");
  member (&h, "url", "https://example.com/badge");
  object_end (&h);
  g_string_append (h.json, "{");
  hostile_text (&h, "name");
  hostile_image (&h, "image", "/etc/passwd.png");
  member (&h, "url", "javascript:alert(1)");
  object_end (&h);
  g_string_append (h.json, "null], ");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"p\", \"type\": \"promotion\", ");
  hostile_text (&h, "title");
  g_string_append (h.json, "\"items\": [{");
  hostile_text (&h, "heading");
  hostile_markdown (&h, "text", 2);
  hostile_image (&h, "image", "images/offer.jpg");
  hostile_link (&h, "link", "https://example.com/offer");
  object_end (&h);
  g_string_append (h.json, "{");
  hostile_text (&h, "heading");
  hostile_link (&h, "link", "https://example.com/offer2");
  object_end (&h);
  g_string_append (h.json, "{");
  hostile_text (&h, "heading");
  object_end (&h);
  g_string_append (h.json, "true], ");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"t\", \"type\": \"tip\", ");
  hostile_text (&h, "title");
  hostile_markdown (&h, "body", 2);
  hostile_image (&h, "image", "images/tip.jpeg");
  object_end (&h);

  g_string_append (h.json, "{\"id\": \"u\", \"type\": \"unknown<script>\", ");
  hostile_text (&h, "title");
  object_end (&h);
  g_string_append (h.json, "\"not a section\", ");

  g_string_append (h.json, "{\"id\": \"f\", \"type\": \"footer\", ");
  hostile_markdown (&h, "note", 2);
  hostile_text (&h, "copyright");
  object_end (&h);

  g_string_truncate (h.json, h.json->len - 2);
  g_string_append (h.json, "]}");

  *n_fields = h.next;
  if (kinds != NULL)
    memcpy (kinds, h.kinds, sizeof h.kinds);
  g_free (h.word);
  return g_string_free (h.json, FALSE);
}

static char *
render_hostile (guint           word_chars,
                guint           depth,
                const char     *language,
                const char     *unsubscribe,
                TdImageUrlMode  mode,
                char           *kinds,
                guint          *n_fields)
{
  g_autofree char *json = hostile_json (word_chars, depth, language, unsubscribe, kinds,
                                        n_fields);
  g_autoptr(JsonNode) root = parse (json);

  return render (root, NULL, mode);
}

/* ---------------------------------------------------------------------------
 * The sample
 */

static void
test_sample_golden (void)
{
  g_autofree char *html = render_sample (TD_IMAGE_URL_ABSOLUTE);

  td_test_assert_golden ("sample-email.html", html, strlen (html));
}

static void
test_sample_deterministic (void)
{
  g_autofree char *first = render_sample (TD_IMAGE_URL_ABSOLUTE);
  g_autofree char *second = render_sample (TD_IMAGE_URL_ABSOLUTE);
  g_autofree char *cid_first = render_sample (TD_IMAGE_URL_CID);
  g_autofree char *cid_second = render_sample (TD_IMAGE_URL_CID);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (cid_first, ==, cid_second);
}

static void
test_sample_size (void)
{
  g_autofree char *html = render_sample (TD_IMAGE_URL_ABSOLUTE);

  g_test_message ("sample email: %" G_GSIZE_FORMAT " bytes", strlen (html));
  g_assert_cmpuint (strlen (html), <=, SAMPLE_MAX_BYTES);
}

static void
test_sample_lines (void)
{
  const TdImageUrlMode modes[] = {
    TD_IMAGE_URL_ABSOLUTE, TD_IMAGE_URL_CID, TD_IMAGE_URL_RELATIVE,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *html = render_sample (modes[i]);

      assert_short_lines (html);
    }
}

/* What docs/rendering.md says the sample shows, spot-checked. */
static void
test_sample_content (void)
{
  g_autofree char *html = render_sample (TD_IMAGE_URL_ABSOLUTE);
  static const char * const expected[] = {
    "<html lang=\"en\" dir=\"ltr\"",
    "<meta name=\"color-scheme\" content=\"light dark\">",
    "<meta name=\"supported-color-schemes\" content=\"light dark\">",
    "<title>Why your hamstrings and lower back are always tight</title>",
    "role=\"article\" aria-roledescription=\"email\" "
      "aria-label=\"Why your hamstrings and lower back are always tight\" lang=\"en\" dir=\"ltr\"",
    ">Strengthen before you lengthen: a glute bridge to try, a self-massage class and news.\n"
      "&nbsp;&zwnj;&nbsp;&zwnj;",
    "<a href=\"" SAMPLE_BASE_URL "\"",
    ">View in browser</a>",
    ">News: August 2023</h1>\n</td>",
    "licensed massage therapist · east village, nyc",
    "<tr data-section=\"masthead\">",
    "<tr data-section=\"footer\">",
    "<a href=\"https://www.youtube.com/watch?v=Xg7Tq2bRk4E\"><img src=\"" SAMPLE_BASE_URL
      "images/glute-bridge-video.jpg\"",
    "▶ Watch the video</a>",
    "Check it out! →</a>",
    "<a href=\"tel:2125550142\"",
    "<a href=\"sms:2125550142\"",
    ">Call</a>",
    ">Text</a>",
    ">Fill out my online form.</a>",
    ">Subscribe to my Youtube channel!</a>",
    ">Buy a gift certificate</a>",
    "I&#39;d be happy to answer<br>\nany questions you have!",
    "Rachel Richards Massage<br>\n123 East 7th Street, Suite 2<br>\nNew York, NY 10009",
    "© 2023 Rachel Richards",
    ">rachelrichardsmassage.example</a>",
    "<a href=\"*|UNSUB|*\"",
    ">Unsubscribe</a>",
    "<!--[if mso]><table role=\"presentation\" align=\"center\" width=\"600\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (html, expected[i]) == NULL)
      g_error ("missing: %s", expected[i]);

  /* The order of the sections is the file's. */
  g_assert_true (strstr (html, "data-section=\"hamstrings\"") <
                 strstr (html, "data-section=\"self-massage\""));
  g_assert_true (strstr (html, "data-section=\"offers\"") < strstr (html, "data-section=\"tip\""));
  g_assert_cmpuint (count (html, "<h1"), ==, 1);
  /* No section title in the promotion: the offers' headings are h2. */
  g_assert_cmpuint (count (html, ">Available now!</h2>"), ==, 2);
  g_assert_cmpuint (count (html, "<img"), ==, 12);
  g_assert_cmpuint (count (html, "<img"), ==, count (html, " alt=\""));
  g_assert_cmpuint (count (html, "<style>"), ==, 2);  /* one for Outlook only */
  g_assert_cmpuint (count (html, "<!--[if"), ==, count (html, "<![endif]-->"));
  assert_links_allowed (html);
}

/* ---------------------------------------------------------------------------
 * Pictures
 */

/* Every picture path of the document, each with its expected URL. */
static void
collect_pictures (JsonNode   *node,
                  GHashTable *paths)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *child = json_object_get_member (object, m->data);

          if ((g_str_equal (m->data, "src") || g_str_equal (m->data, "logo")) &&
              JSON_NODE_HOLDS_VALUE (child))
            g_hash_table_add (paths, g_strdup (json_node_get_string (child)));
          else
            collect_pictures (child, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_pictures (json_array_get_element (array, i), paths);
    }
}

static void
test_images_cid (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *html = render_sample (TD_IMAGE_URL_CID);
  g_autoptr(GPtrArray) srcs = attribute_values (html, "src");
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer path;

  collect_pictures (root, paths);
  g_assert_cmpuint (g_hash_table_size (paths), ==, 12);
  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      g_autofree char *cid = td_render_image_cid (path);

      g_hash_table_add (cids, g_strconcat ("cid:", cid, NULL));
    }

  g_assert_cmpuint (srcs->len, ==, 12);
  for (guint i = 0; i < srcs->len; i++)
    {
      g_assert_true (g_str_has_prefix (srcs->pdata[i], "cid:"));
      if (!g_hash_table_contains (cids, srcs->pdata[i]))
        g_error ("%s matches no picture of the document", (char *) srcs->pdata[i]);
      g_hash_table_add (used, srcs->pdata[i]);
    }
  /* Each picture of the sample is shown once. */
  g_assert_cmpuint (g_hash_table_size (used), ==, g_hash_table_size (cids));
  g_assert_cmpuint (count (html, "https://rachelrichardsmassage.example/news/"), ==,
                    1 /* "View in browser" */);
}

static void
test_images_absolute (void)
{
  g_autofree char *html = render_sample (TD_IMAGE_URL_ABSOLUTE);
  g_autoptr(GPtrArray) srcs = attribute_values (html, "src");

  g_assert_cmpuint (srcs->len, ==, 12);
  for (guint i = 0; i < srcs->len; i++)
    g_assert_true (g_str_has_prefix (srcs->pdata[i], SAMPLE_BASE_URL "images/"));
}

/* Sizes come from the files, scaled to the column. */
static void
test_images_sizes (void)
{
  g_autofree char *html = render_sample (TD_IMAGE_URL_RELATIVE);

  g_assert_nonnull (strstr (html, "images/glute-bridge.jpg\" alt=\"A woman lying on a mat with her "
                                  "hips raised in a glute bridge, a miniband around her knees\" "
                                  "width=\"520\" height=\"293\" border=\"0\""));
  /* The logo reads as the practice's name; a badge's picture has no
   * description of its own beside the name in the same link. */
  g_assert_nonnull (strstr (html, "images/logo.png\" alt=\"Rachel Richards\" width=\"88\" "
                                  "height=\"88\""));
  g_assert_nonnull (strstr (html, "images/badge-amta.png\" alt=\"\" width=\"96\" "
                                  "height=\"96\""));
  g_assert_nonnull (strstr (html, "images/massage-today.jpg\" alt=\"The Massage Today article on "
                                  "common massage myths and misconceptions\" width=\"200\" "
                                  "height=\"129\""));
  g_assert_nonnull (strstr (html, "images/gift-certificate.jpg\" alt=\"A gift certificate for a "
                                  "massage with Rachel Richards\" width=\"248\" height=\"159\""));
}

/* Without the files (no base folder), pictures still get both sizes. */
static void
test_images_unreadable (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

  g_assert_cmpuint (count (html, "<img"), ==, 12);
  g_assert_cmpuint (count (html, "<img"), ==, count (html, " height=\""));
  g_assert_nonnull (strstr (html, "images/glute-bridge.jpg\" alt=\"A woman lying on a mat with her "
                                  "hips raised in a glute bridge, a miniband around her knees\" "
                                  "width=\"520\" height=\"293\""));
  g_assert_nonnull (strstr (html, "images/logo.png\" alt=\"Rachel Richards\" width=\"88\" "
                                  "height=\"88\""));
}

/* ---------------------------------------------------------------------------
 * Settings of the issue
 */

static JsonNode *
sample_with (const char *member,
             const char *value)
{
  JsonNode *root = td_test_load_sample ();
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");

  json_object_set_string_member (issue, member, value);
  return root;
}

static void
test_unsubscribe_merge_tags (void)
{
  static const char * const tags[] = { "*|UNSUB|*", "{{ unsubscribe_url }}", "%%unsubscribe%%" };

  for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr(JsonNode) root = sample_with ("unsubscribe_url", tags[i]);
      g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);
      g_autofree char *href = g_strdup_printf ("<a href=\"%s\" style=", tags[i]);

      g_assert_nonnull (strstr (html, href));
      g_assert_cmpuint (count (html, tags[i]), ==, 1);
    }
}

static void
test_unsubscribe_url (void)
{
  g_autoptr(JsonNode) root = sample_with ("unsubscribe_url",
                                          "https://list.example/u?id=*|UNIQID|*&l=1");
  g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);
  g_autoptr(JsonNode) unsafe = sample_with ("unsubscribe_url", "javascript:alert(1)");
  g_autofree char *unsafe_html = render (unsafe, NULL, TD_IMAGE_URL_ABSOLUTE);

  g_assert_nonnull (strstr (html, "<a href=\"https://list.example/u?id=*|UNIQID|*&amp;l=1\""));
  g_assert_null (strstr (unsafe_html, "javascript:"));
  g_assert_null (strstr (unsafe_html, ">Unsubscribe</a>"));
}

static void
test_no_public_url (void)
{
  g_autoptr(JsonNode) root = sample_with ("public_base_url", "");
  g_autofree char *html = render (root, NULL, TD_IMAGE_URL_CID);

  g_assert_null (strstr (html, "View in browser"));
  g_assert_null (strstr (html, "/news/2023-08/"));
}

static void
test_language_spanish (void)
{
  g_autoptr(JsonNode) root = sample_with ("language", "es");
  g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"es\" dir=\"ltr\""));
  g_assert_nonnull (strstr (html, "aria-roledescription=\"email\" aria-label=\"Why your "
                                  "hamstrings and lower back are always tight\" lang=\"es\" "
                                  "dir=\"ltr\""));
  g_assert_cmpuint (count (html, " lang=\"es\""), ==, 2);
  g_assert_cmpuint (count (html, " lang=\"en\""), ==, 0);
}

static void
test_language_rtl (void)
{
  static const char * const rtl[] = { "he", "ar", "fa-IR", "ur" };
  static const char * const ltr[] = { "en", "de-CH", "haw", "es-419" };

  for (gsize i = 0; i < G_N_ELEMENTS (rtl); i++)
    {
      g_autoptr(JsonNode) root = sample_with ("language", rtl[i]);
      g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

      g_assert_cmpuint (count (html, " dir=\"rtl\""), ==, 2);
      /* Only the phone number, which reads left to right in any script. */
      g_assert_cmpuint (count (html, " dir=\"ltr\""), ==, 1);
      g_assert_nonnull (strstr (html, "<p dir=\"ltr\" style=\"margin:0 0 16px;font:24px/1.4 "
                                      "Georgia,serif\">(212) 555-0142</p>"));
      /* The gutters and list indents swap sides. */
      g_assert_nonnull (strstr (html, "max-width:200px;margin-left:24px"));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (ltr); i++)
    {
      g_autoptr(JsonNode) root = sample_with ("language", ltr[i]);
      g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

      g_assert_cmpuint (count (html, " dir=\"ltr\""), ==, 3);
      g_assert_cmpuint (count (html, " dir=\"rtl\""), ==, 0);
    }
}

/* The issue's title is the one h1, with or without a masthead. */
static void
test_one_h1 (void)
{
  static const char * const documents[] = {
    "{\"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, \"sections\": []}",
    "{\"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, \"sections\": ["
    "{\"id\": \"a\", \"type\": \"masthead\"}, {\"id\": \"b\", \"type\": \"masthead\"}]}",
    "{\"practice\": {}, \"issue\": {}, \"sections\": [{\"id\": \"a\", \"type\": \"tip\"}]}",
    "{}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) root = parse (documents[i]);
      g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

      g_assert_cmpuint (count (html, "<h1"), ==, 1);
      g_assert_true (g_str_has_suffix (html, "</body>\n</html>\n"));
    }
}

/* Badges are inline blocks a quarter of the column wide, which wrap
 * without <style> too: a list entry that is not a badge (null, a number)
 * takes no room, and Outlook's table in conditional comments has a cell
 * for each badge. */
static void
test_badge_columns (void)
{
  g_autoptr(JsonNode) root = parse (
    "{\"practice\": {}, \"issue\": {\"title\": \"T\"}, \"sections\": ["
    "{\"id\": \"c\", \"type\": \"credentials\", \"badges\": ["
    "{\"name\": \"A\"}, null, 42, {\"name\": \"B\"}, \"x\"]}]}");
  g_autofree char *html = render (root, NULL, TD_IMAGE_URL_ABSOLUTE);

  g_assert_cmpuint (count (html, "<div style=\"display:inline-block;vertical-align:top;"
                                 "width:130px;"), ==, 2);
  g_assert_cmpuint (count (html, "<td width=\"130\" valign=\"top\">"), ==, 2);
}

/* ---------------------------------------------------------------------------
 * Hostile input
 */

static void
assert_nothing_passes (const char *html)
{
  static const char * const forbidden[] = {
    "<script", "<b ", "<b>", "<img src=x", "<iframe", "<style>body", "onerror", "onmouseover=\"",
    "javascript:", "vbscript:", "data:", "\xc2\x85", "\xc2\x9b", "evil.example",
  };
  g_autoptr(GPtrArray) srcs = attribute_values (html, "src");

  for (gsize i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (contains_nocase (html, forbidden[i]))
      g_error ("\"%s\" passed through", forbidden[i]);

  assert_links_allowed (html);
  for (guint i = 0; i < srcs->len; i++)
    g_assert_true (g_str_has_prefix (srcs->pdata[i], "https://example.com/news/&quot;&gt;"
                                                     "&lt;script&gt;/images/") ||
                   g_str_has_prefix (srcs->pdata[i], "https://example.com/news/%22%3E%3Cscript%3E/"
                                                     "images/"));
  g_assert_cmpuint (count (html, "<style>"), ==, 2);
  g_assert_cmpuint (count (html, "<!--[if"), ==, count (html, "<![endif]-->"));
}

/* Every text field is shown, escaped, whole (its long word included). */
static void
test_hostile_escaping (void)
{
  char kinds[MAX_HOSTILE_FIELDS] = { 0 };
  guint n_fields = 0;
  g_autofree char *html = render_hostile (5000, 2000, "he", "{{ unsubscribe_url }}",
                                          TD_IMAGE_URL_ABSOLUTE, kinds, &n_fields);
  g_autofree char *flat = squeeze (html);
  g_autofree char *word = long_word (5000);
  g_autofree char *escaped_word = td_html_escape (word);
  g_autofree char *expected_text = squeeze ("&lt;script&gt;alert(1)&lt;/script&gt; "
                                            "&lt;b onmouseover=&quot;x()&quot;&gt;&amp;amp; "
                                            "&#39;single&#39; &quot;double&quot; &lt;/b&gt; "
                                            "😀👩🏽‍⚕️ שלום עולם مرحبا بالعالم \u202e");
  g_autoptr(GString) missing = g_string_new (NULL);

  g_test_message ("hostile email: %" G_GSIZE_FORMAT " bytes, %u fields", strlen (html), n_fields);
  assert_short_lines (html);
  assert_nothing_passes (html);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *marker = g_strdup_printf ("F%u:", i);
      const char *at = strstr (flat, marker);

      if (at == NULL)
        {
          g_string_append_printf (missing, " F%u", i);
          continue;
        }
      /* Text: the markup escaped, the C1 controls dropped, the long word
       * whole. Markdown: its raw HTML is dropped (checked above). */
      if (kinds[i] == 't')
        {
          g_assert_true (g_str_has_prefix (at + strlen (marker), expected_text));
          g_assert_true (g_str_has_prefix (at + strlen (marker) + strlen (expected_text),
                                           escaped_word));
        }
    }
  /* Not shown: the title of a section of an unknown type, the alt text of
   * pictures whose path is unsafe and of a badge beside its name (F28),
   * and the labels of links whose URL is unsafe. */
  g_assert_cmpstr (missing->str, ==, " F14 F21 F25 F28 F30 F42");
  {
    g_autoptr(GPtrArray) hrefs = attribute_values (html, "href");

    g_assert_true (g_ptr_array_find_with_equal_func (hrefs, "{{ unsubscribe_url }}",
                                                     g_str_equal, NULL));
  }
  g_assert_cmpuint (count (html, " dir=\"rtl\""), ==, 2);
}

/* Raw HTML, unsafe links and deep nesting in markdown. */
static void
test_hostile_markdown (void)
{
  guint n_fields = 0;
  g_autofree char *html = render_hostile (20, 2000, "en", "*|UNSUB|*", TD_IMAGE_URL_CID,
                                          NULL, &n_fields);

  assert_short_lines (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<iframe"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_null (strstr (html, "vbscript:"));
  g_assert_null (strstr (html, "data:"));
  /* The unsafe links keep their text; the safe one is a link. */
  g_assert_nonnull (strstr (html, "A javascript link, a data link, a vbscript link"));
  g_assert_nonnull (strstr (html, "<a href=\"https://ok.example/\""));
  g_assert_cmpuint (count (html, "deep quote"), ==, 8);
  g_assert_cmpuint (count (html, "<blockquote"), ==, count (html, "</blockquote"));
  g_assert_cmpuint (count (html, "<blockquote"), >=, 2000);
  g_assert_cmpuint (count (html, "<ul"), ==, count (html, "</ul"));
  g_assert_cmpuint (count (html, "<li"), ==, count (html, "</li"));
  /* Markdown headings sit below the section's h2. */
  g_assert_null (strstr (html, "<h1 style=\"margin:24px"));
  g_assert_cmpuint (count (html, "<h1"), ==, 1);
  /* Every picture is a cid: reference. */
  {
    g_autoptr(GPtrArray) srcs = attribute_values (html, "src");

    g_assert_cmpuint (srcs->len, >, 0);
    for (guint i = 0; i < srcs->len; i++)
      g_assert_true (g_str_has_prefix (srcs->pdata[i], "cid:"));
  }
}

/* Pictures whose path leaves the folder or has a scheme are not shown. */
static void
test_hostile_pictures (void)
{
  guint n_fields = 0;
  g_autofree char *html = render_hostile (10, 2, "en", "", TD_IMAGE_URL_RELATIVE, NULL,
                                          &n_fields);
  g_autoptr(GPtrArray) srcs = attribute_values (html, "src");

  g_assert_null (strstr (html, "passwd"));
  g_assert_null (strstr (html, "etc/logo"));
  for (guint i = 0; i < srcs->len; i++)
    g_assert_true (g_str_has_prefix (srcs->pdata[i], "images/"));
  /* Spaces and markup in a path are percent-encoded in the URL. */
  g_assert_nonnull (strstr (html, "src=\"images/a%20b%26c%22%3Cd%3E.jpg\""));
  /* No unsubscribe URL: no link (the pre-send check reports it). */
  g_assert_null (strstr (html, ">Unsubscribe</a>"));
}

static void
test_hostile_golden (void)
{
  guint n_fields = 0;
  g_autofree char *html = render_hostile (200, 30, "he", "{{ unsubscribe_url }}",
                                          TD_IMAGE_URL_ABSOLUTE, NULL, &n_fields);

  assert_short_lines (html);
  assert_nothing_passes (html);
  g_assert_cmpuint (strlen (html), <, 100000);
  td_test_assert_golden ("hostile-email.html", html, strlen (html));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/email/sample/golden", test_sample_golden);
  g_test_add_func ("/core/render/email/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/core/render/email/sample/size", test_sample_size);
  g_test_add_func ("/core/render/email/sample/lines", test_sample_lines);
  g_test_add_func ("/core/render/email/sample/content", test_sample_content);
  g_test_add_func ("/core/render/email/images/cid", test_images_cid);
  g_test_add_func ("/core/render/email/images/absolute", test_images_absolute);
  g_test_add_func ("/core/render/email/images/sizes", test_images_sizes);
  g_test_add_func ("/core/render/email/images/unreadable", test_images_unreadable);
  g_test_add_func ("/core/render/email/unsubscribe/merge-tags", test_unsubscribe_merge_tags);
  g_test_add_func ("/core/render/email/unsubscribe/url", test_unsubscribe_url);
  g_test_add_func ("/core/render/email/issue/no-public-url", test_no_public_url);
  g_test_add_func ("/core/render/email/issue/spanish", test_language_spanish);
  g_test_add_func ("/core/render/email/issue/rtl", test_language_rtl);
  g_test_add_func ("/core/render/email/issue/one-h1", test_one_h1);
  g_test_add_func ("/core/render/email/badge-columns", test_badge_columns);
  g_test_add_func ("/core/render/email/hostile/escaping", test_hostile_escaping);
  g_test_add_func ("/core/render/email/hostile/markdown", test_hostile_markdown);
  g_test_add_func ("/core/render/email/hostile/pictures", test_hostile_pictures);
  g_test_add_func ("/core/render/email/hostile/golden", test_hostile_golden);

  return g_test_run ();
}
