/* test-markdown.c: the sanitizing Markdown renderer, HTML and plain text. */
#include "config.h"

#include <string.h>

#include "td-markdown.h"

#define MAX_LINE_BYTES 998

static char *
html (const char *markdown)
{
  return td_markdown_to_html (markdown, NULL);
}

static void
assert_html (const char *markdown,
             const char *expected)
{
  g_autofree char *out = html (markdown);

  g_assert_cmpstr (out, ==, expected);
}

static gsize
longest_line (const char *s)
{
  gsize longest = 0;

  while (*s != '\0')
    {
      gsize n = strcspn (s, "\n");

      longest = MAX (longest, n);
      s += n;
      if (*s == '\n')
        s++;
    }

  return longest;
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

static char *
repeat (const char *s,
        guint       times,
        const char *tail)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, s);
  g_string_append (out, tail);

  return g_string_free (out, FALSE);
}

static char *
remove_all (const char *s,
            const char *what)
{
  g_auto(GStrv) parts = g_strsplit (s, what, -1);

  return g_strjoinv ("", parts);
}

/* ---------------------------------------------------------------------------
 * HTML
 */

static void
test_html_empty (void)
{
  assert_html (NULL, "");
  assert_html ("", "");
  assert_html ("   \n\n", "");
}

static void
test_html_inline (void)
{
  assert_html ("Hello *world* and **bold** and `code`.",
               "<p>Hello <em>world</em> and <strong>bold</strong> and <code>code</code>.</p>\n");
  assert_html ("soft\nbreak and hard\\\nbreak",
               "<p>soft\nbreak and hard<br>\nbreak</p>\n");
}

static void
test_html_smart (void)
{
  assert_html ("It's 1--2 and \"quoted\" --- and...",
               "<p>It’s 1–2 and “quoted” — and…</p>\n");
}

static void
test_html_blocks (void)
{
  assert_html ("- a\n- b\n  - c\n",
               "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n");
  assert_html ("- a\n\n  b\n- c\n",
               "<ul>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n<li>\n<p>c</p>\n</li>\n</ul>\n");
  assert_html ("1. one\n2. two\n", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
  assert_html ("3) three\n4) four\n",
               "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n");
  assert_html ("> # Quote\n>\n> text\n",
               "<blockquote>\n<h1>Quote</h1>\n<p>text</p>\n</blockquote>\n");
  assert_html ("```python\nif a < b:\n    pass\n```\n",
               "<pre><code>if a &lt; b:\n    pass\n</code></pre>\n");
  assert_html ("a\n\n***\n\nb", "<p>a</p>\n<hr>\n<p>b</p>\n");
}

static void
test_html_headings (void)
{
  const char *markdown = "# a\n## b\n###### f\n";
  TdMarkdownHtmlOptions options = { 0 };
  const struct { int offset; const char *expected; } cases[] = {
    /* Levels never skip: "######" after "##" is one level deeper. */
    { 0, "<h1>a</h1>\n<h2>b</h2>\n<h3>f</h3>\n" },
    { 1, "<h2>a</h2>\n<h3>b</h3>\n<h4>f</h4>\n" },
    { 2, "<h3>a</h3>\n<h4>b</h4>\n<h5>f</h5>\n" },
    { -1, "<h1>a</h1>\n<h1>b</h1>\n<h2>f</h2>\n" },
    { G_MAXINT, "<h6>a</h6>\n<h6>b</h6>\n<h6>f</h6>\n" },
    { G_MININT, "<h1>a</h1>\n<h1>b</h1>\n<h1>f</h1>\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;

      options.heading_offset = cases[i].offset;
      out = td_markdown_to_html (markdown, &options);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }

  assert_html ("Setext\n======\n\nSub\n---\n", "<h1>Setext</h1>\n<h2>Sub</h2>\n");

  /* Under a section's h2, a body's first heading is an h3 however deep
   * it was written, and later ones follow from there. */
  options.heading_offset = 2;
  {
    g_autofree char *out = td_markdown_to_html ("### c\n\n# d\n\n#### e\n", &options);

    g_assert_cmpstr (out, ==, "<h3>c</h3>\n<h3>d</h3>\n<h4>e</h4>\n");
  }
}

static void
test_html_escaping (void)
{
  assert_html ("`<>&\"'` [t](https://e.com/?a=1&b=2 \"a<b>&'c\\\"d\")\n\n5 < 6 & 7 > 3",
               "<p><code>&lt;&gt;&amp;&quot;&#39;</code> "
               "<a href=\"https://e.com/?a=1&amp;b=2\" "
               "title=\"a&lt;b&gt;&amp;&#39;c&quot;d\">t</a></p>\n"
               "<p>5 &lt; 6 &amp; 7 &gt; 3</p>\n");
  assert_html ("AT&amp;T &copy; &#60;",
               "<p>AT&amp;T © &lt;</p>\n");
}

static void
test_html_raw_html_dropped (void)
{
  static const struct { const char *markdown; const char *expected; } cases[] = {
    { "<script>alert(1)</script>\n\nend", "<p>end</p>\n" },
    { "x <script>alert(1)</script> y", "<p>x alert(1) y</p>\n" },
    { "x <img src=x onerror=alert(1)> y", "<p>x  y</p>\n" },
    { "<img src=x onerror=alert(1)>", "" },
    { "a <b>bold</b> c", "<p>a bold c</p>\n" },
    { "<a href=\"javascript:alert(1)\">x</a>", "<p>x</p>\n" },
    { "para <a href=\"javascript:alert(1)\">x</a>", "<p>para x</p>\n" },
    { "<div onclick=\"alert(1)\">\n*hi*\n</div>", "" },
    { "<!-- comment -->\n\nafter", "<p>after</p>\n" },
    { "<iframe src=\"https://evil.example/\"></iframe>", "" },
    { "<style>body{display:none}</style>", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = html (cases[i].markdown);

      g_assert_cmpstr (out, ==, cases[i].expected);
      g_assert_null (strstr (out, "<script"));
      g_assert_null (strstr (out, "<img"));
      g_assert_null (strstr (out, "onerror"));
      g_assert_null (strstr (out, "onclick"));
    }
}

static void
test_html_unsafe_links (void)
{
  static const char * const cases[] = {
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](file:///etc/passwd)",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](java%0Ascript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    /* Relative and scheme-relative references: not absolute, so no link
     * in a newsletter. Merge tags too: they belong in structured fields. */
    "[x](page.html)",
    "[x](#top)",
    "[x](//evil.example/)",
    "[x](*|UNSUB|*)",
    "[x](<https://example.com/a b>)",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = html (cases[i]);

      g_assert_cmpstr (out, ==, "<p>x</p>\n");
    }

  assert_html ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n");
  assert_html ("![x](javascript:alert(1))", "<p>x</p>\n");
}

static void
test_html_safe_links (void)
{
  assert_html ("[a](https://e.com) [b](http://e.com/p?q=1) [c](mailto:a@e.com) "
               "[d](tel:+1555) [e](sms:+1555) <https://e.com/x> <me@e.com>",
               "<p><a href=\"https://e.com\">a</a> <a href=\"http://e.com/p?q=1\">b</a> "
               "<a href=\"mailto:a@e.com\">c</a> <a href=\"tel:+1555\">d</a> "
               "<a href=\"sms:+1555\">e</a> <a href=\"https://e.com/x\">https://e.com/x</a> "
               "<a href=\"mailto:me@e.com\">me@e.com</a></p>\n");
  assert_html ("[x](https://e.com/grüße?q=a&b \"T\")",
               "<p><a href=\"https://e.com/gr%C3%BC%C3%9Fe?q=a&amp;b\" title=\"T\">x</a></p>\n");
  assert_html ("[*em* and `code`](https://e.com)",
               "<p><a href=\"https://e.com\"><em>em</em> and <code>code</code></a></p>\n");
}

static void
test_html_images (void)
{
  assert_html ("![alt *text* `x`](https://e.com/x.png \"t\")", "<p>alt text x</p>\n");
  assert_html ("[![logo <b>](https://e.com/l.png)](https://e.com)",
               "<p><a href=\"https://e.com\">logo </a></p>\n");
  assert_html ("![](https://e.com/x.png)", "<p></p>\n");
  assert_html ("![a & b](x.png)", "<p>a &amp; b</p>\n");
}

static void
test_html_unicode (void)
{
  assert_html ("Grüße 👋🏽 👩‍👩‍👧 🇺🇦\n\n"
               "שלום עולם\n\n"
               "مرحبا بالعالم\n\n"
               "日本語",
               "<p>Grüße 👋🏽 👩‍👩‍👧 🇺🇦</p>\n"
               "<p dir=\"auto\">שלום עולם</p>\n"
               "<p dir=\"auto\">مرحبا بالعالم</p>\n"
               "<p>日本語</p>\n");
}

/* A block with letters of the direction opposite to the document's is
 * dir="auto": right-to-left text in a left-to-right document, and the
 * other way round. Digits, punctuation and emoji have no direction. */
static void
test_html_direction (void)
{
  TdMarkdownHtmlOptions rtl = { .rtl = TRUE };
  g_autofree char *in_rtl = td_markdown_to_html ("שלום, 2023!\n\nHello (שלום).\n\n"
                                                 "- item\n- פריט\n\n# Title\n\n"
                                                 "123 😀 !", &rtl);

  assert_html ("Hello, 2023 😀!\n\n- שלום\n- x\n\n## ש\n\nMixed «שלום» words.",
               "<p>Hello, 2023 😀!</p>\n"
               "<ul>\n<li dir=\"auto\">שלום</li>\n<li>x</li>\n</ul>\n"
               "<h1 dir=\"auto\">ש</h1>\n"
               "<p dir=\"auto\">Mixed «שלום» words.</p>\n");
  g_assert_cmpstr (in_rtl, ==,
                   "<p>שלום, 2023!</p>\n"
                   "<p dir=\"auto\">Hello (שלום).</p>\n"
                   "<ul>\n<li dir=\"auto\">item</li>\n<li>פריט</li>\n</ul>\n"
                   "<h1 dir=\"auto\">Title</h1>\n"
                   "<p>123 😀 !</p>\n");
}

/* GitHub's tables: a header row of th, body rows of td, each cell with its
 * column's alignment, and cells of short words kept whole; the email's
 * styles on them. */
#define WHOLE "word-break:normal;overflow-wrap:normal"

static void
test_html_table (void)
{
  const TdMarkdownStyle style = { .table = "T", .th = "H", .td = "D" };
  TdMarkdownHtmlOptions options = { .style = &style };
  g_autofree char *styled = td_markdown_to_html ("| a | b |\n|:-|-:|\n| 1 | 2 |", &options);
  g_autofree char *word = g_strnfill (17, 'x');
  g_autofree char *long_cell = g_strdup_printf ("| a |\n|---|\n| %s |", word);
  g_autofree char *long_html = html (long_cell);

  assert_html ("| a | b | c |\n|---|:-:|--:|\n| 1 | *2* | [3](https://e.com) |\n",
               "<table>\n<tr>\n<th scope=\"col\" style=\"" WHOLE "\">a</th>\n"
               "<th scope=\"col\" style=\"text-align:center;" WHOLE "\">b</th>\n"
               "<th scope=\"col\" style=\"text-align:right;" WHOLE "\">c</th>\n</tr>\n"
               "<tr>\n<td style=\"" WHOLE "\">1</td>\n"
               "<td style=\"text-align:center;" WHOLE "\"><em>2</em></td>\n"
               "<td style=\"text-align:right;" WHOLE "\"><a href=\"https://e.com\">3</a></td>\n"
               "</tr>\n</table>\n");
  g_assert_cmpstr (styled, ==,
                   "<table style=\"T\">\n<tr>\n"
                   "<th scope=\"col\" style=\"H;text-align:left;" WHOLE "\">a</th>\n"
                   "<th scope=\"col\" style=\"H;text-align:right;" WHOLE "\">b</th>\n</tr>\n"
                   "<tr>\n<td style=\"D;text-align:left;" WHOLE "\">1</td>\n"
                   "<td style=\"D;text-align:right;" WHOLE "\">2</td>\n</tr>\n</table>\n");
  /* A word longer than that may break like any other. */
  g_assert_nonnull (strstr (long_html, "<td>xxxxxxxxxxxxxxxxx</td>"));
  /* Raw HTML and unsafe links in a cell are dropped as anywhere else. */
  assert_html ("| a |\n|---|\n| <script>x</script>[y](javascript:z) |",
               "<table>\n<tr>\n<th scope=\"col\" style=\"" WHOLE "\">a</th>\n</tr>\n"
               "<tr>\n<td style=\"" WHOLE "\">xy</td>\n</tr>\n</table>\n");
}

/* Bare https:// and www. addresses become links; other schemes don't. */
static void
test_html_autolink (void)
{
  assert_html ("See https://e.com/a?b=c, or www.e.org. Not javascript:alert(1).",
               "<p>See <a href=\"https://e.com/a?b=c\">https://e.com/a?b=c</a>, or "
               "<a href=\"http://www.e.org\">www.e.org</a>. Not javascript:alert(1).</p>\n");
}

static void
test_html_controls (void)
{
  assert_html ("a\xc2\x85" "b\x01" "c\x7f" "d\xc2\x9f" "e", "<p>abcde</p>\n");
  /* Broken UTF-8 becomes U+FFFD. */
  assert_html ("a\xff" "b", "<p>a\xef\xbf\xbd" "b</p>\n");
}

static void
test_html_style (void)
{
  const TdMarkdownStyle style = {
    .p = "margin:0 0 16px",
    .a = "color:#0b57d0",
    .h = "font-family:\"Helvetica Neue\",Arial,sans-serif",
    .ul = "padding-left:24px",
    .ol = "padding-left:28px",
    .li = "margin:0 0 4px",
    .blockquote = "border-left:4px solid #ccc",
    .code = "font-family:monospace",
    .pre = "background:#f6f6f6",
    .hr = "border:0;border-top:1px solid #ddd",
    .strong = "font-weight:700",
    .em = "font-style:italic",
  };
  const TdMarkdownStyle partial = { .p = "margin:0" };
  TdMarkdownHtmlOptions options = { .heading_offset = 1, .style = &style };
  g_autofree char *out = NULL;
  g_autofree char *partial_out = NULL;

  out = td_markdown_to_html ("# H\n\nP *e* **s** `c` [a](https://e.com)\n\n- u\n\n1. o\n\n"
                             "> q\n\n```\npre\n```\n\n---\n",
                             &options);
  g_assert_cmpstr (out, ==,
                   "<h2 style=\"font-family:&quot;Helvetica Neue&quot;,Arial,sans-serif\">H</h2>\n"
                   "<p style=\"margin:0 0 16px\">P <em style=\"font-style:italic\">e</em> "
                   "<strong style=\"font-weight:700\">s</strong> "
                   "<code style=\"font-family:monospace\">c</code> "
                   "<a href=\"https://e.com\" style=\"color:#0b57d0\">a</a></p>\n"
                   "<ul style=\"padding-left:24px\">\n<li style=\"margin:0 0 4px\">u</li>\n</ul>\n"
                   "<ol style=\"padding-left:28px\">\n<li style=\"margin:0 0 4px\">o</li>\n</ol>\n"
                   "<blockquote style=\"border-left:4px solid #ccc\">\n"
                   "<p style=\"margin:0 0 16px\">q</p>\n</blockquote>\n"
                   "<pre style=\"background:#f6f6f6\"><code>pre\n</code></pre>\n"
                   "<hr style=\"border:0;border-top:1px solid #ddd\">\n");

  options.style = &partial;
  partial_out = td_markdown_to_html ("# H\n\nP *e*", &options);
  g_assert_cmpstr (partial_out, ==, "<h2>H</h2>\n<p style=\"margin:0\">P <em>e</em></p>\n");
}

static void
test_html_long_word (void)
{
  g_autofree char *word = repeat ("a", 100000, "");
  g_autofree char *out = html (word);
  g_autofree char *joined = remove_all (out, "<wbr\n>");
  g_autofree char *expected = g_strconcat ("<p>", word, "</p>\n", NULL);

  g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_html_long_paragraph (void)
{
  g_autofree char *text = repeat ("word & “more” ", 200 * 1024 / 18, "end");
  g_autofree char *out = html (text);
  g_autoptr(GString) flat = g_string_new (out);

  g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);

  /* The inserted newlines replaced spaces; nothing else changed. */
  g_string_replace (flat, "\n", " ", 0);
  g_string_replace (flat, "&amp;", "&", 0);
  g_assert_true (g_str_has_prefix (flat->str, "<p>word & “more” word"));
  g_assert_cmpuint (flat->len, ==, strlen ("<p>") + strlen (text) + strlen ("</p> "));
}

static void
test_html_long_url (void)
{
  g_autofree char *path = repeat ("abcdefghij", 300, "");
  g_autofree char *words = repeat ("x ", 400, "");
  g_autofree char *markdown = g_strdup_printf ("%s[link](https://e.com/%s?q=ä)", words, path);
  g_autofree char *out = html (markdown);
  g_autofree char *flat = remove_all (out, "\n");
  g_autofree char *href = g_strdup_printf ("href=\"https://e.com/%s?q=%%C3%%A4\"", path);

  g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
  /* Newlines inside the URL are dropped by URL parsers. */
  g_assert_nonnull (strstr (flat, href));
}

static void
test_html_long_code (void)
{
  g_autofree char *line = repeat ("<x>", 2000, "");
  g_autofree char *markdown = g_strdup_printf ("```\n%s\n```\n\n`%s`", line, line);
  g_autofree char *out = html (markdown);
  g_autofree char *joined = remove_all (out, "<wbr\n>");

  g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
  g_assert_cmpuint (count (joined, "&lt;x&gt;"), ==, 4000);
  g_assert_true (g_str_has_prefix (joined, "<pre><code>&lt;x&gt;&lt;x&gt;"));
}

static void
test_html_deep_nesting (void)
{
  static const struct { const char *unit; const char *open; const char *close; } cases[] = {
    { "> ", "<blockquote>", "</blockquote>" },
    { "- ", "<ul>", "</ul>" },
    { "1. ", "<ol>", "</ol>" },
    { "> - ", "<blockquote>", "</blockquote>" },
    { "*", "<em>", "</em>" },
    { "[", "<a", "</a>" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (guint depth = 5000; depth <= 10000; depth += 5000)
        {
          g_autofree char *markdown = repeat (cases[i].unit, depth, "x");
          g_autofree char *out = html (markdown);

          g_assert_cmpuint (count (out, cases[i].open), ==, count (out, cases[i].close));
          g_assert_cmpuint (count (out, "<li"), ==, count (out, "</li>"));
          g_assert_nonnull (strstr (out, "x"));
          g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
        }
    }

  {
    g_autofree char *markdown = repeat ("> ", 5000, "x");
    g_autofree char *out = html (markdown);
    g_autofree char *expected = NULL;
    g_autofree char *opens = repeat ("<blockquote>\n", 5000, "<p>x</p>\n");

    expected = repeat ("</blockquote>\n", 5000, "");
    g_assert_true (g_str_has_prefix (out, opens));
    g_assert_true (g_str_has_suffix (out, expected));
  }
}

static void
test_html_huge_input (void)
{
  g_autofree char *big = repeat ("hello world ", 2 * 1024 * 1024 / 12, "");
  g_autofree char *accents = repeat ("é", 600 * 1024, "");
  g_autofree char *out = html (big);
  g_autofree char *accents_out = html (accents);

  /* Cut at 1 MiB, on a character boundary. */
  g_assert_cmpuint (strlen (out), <, 1024 * 1024 + 64);
  g_assert_true (g_str_has_prefix (out, "<p>hello world hello"));
  g_assert_true (g_utf8_validate (accents_out, -1, NULL));
  g_assert_null (strstr (accents_out, "\xef\xbf\xbd"));
  g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
}

static void
test_html_deterministic (void)
{
  const char *markdown = "# T\n\n*a* [b](https://e.com) `c`\n\n- d\n\n> e\n";
  g_autofree char *first = html (markdown);
  g_autofree char *second = html (markdown);

  g_assert_cmpstr (first, ==, second);
}

/* Random soup of Markdown syntax, URLs, entities, raw HTML and long runs:
 * the renderers must not crash, and their invariants must hold. */
static void
test_html_fuzz (void)
{
  static const char * const tokens[] = {
    "*", "**", "_", "`", "```\n", "[", "]", "(", ")", "<", ">", "!", "# ", "- ", "1. ", " ", "\n",
    "\n\n", "    ", "> ", "\\", "&", "&amp;", "&#0;", "\"", "'", "|", "word ", "é", "😀",
    "\xc2\x85",
    "https://e.com/?a=b&c", "javascript:alert(1)", "data:text/html,x", "<script>", "</script>",
    "<img src=x onerror=alert(1)>", "](javascript:alert(1))", "](https://e.com/ x)",
    "](https://e.com)",
    "![", "---\n", "\t", "  \n",
  };

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) markdown = g_string_new (NULL);
      guint n = (guint) g_test_rand_int_range (0, 400);
      g_autofree char *out = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          if (g_test_rand_int_range (0, 200) == 0)
            {
              g_autofree char *run = repeat (g_test_rand_bit () ? "a" : "&<", 1200, "");

              g_string_append (markdown, run);
            }
          else
            {
              g_string_append (markdown, tokens[g_test_rand_int_range (0, G_N_ELEMENTS (tokens))]);
            }
        }

      out = html (markdown->str);
      text = td_markdown_to_text (markdown->str, 72, NULL, NULL);

      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpuint (longest_line (out), <=, MAX_LINE_BYTES);
      g_assert_null (strstr (out, "<script"));
      g_assert_null (strstr (out, "<img"));
      g_assert_null (strstr (out, "href=\"javascript"));
      g_assert_null (strstr (out, "href=\"data"));
      g_assert_null (strstr (out, "\xc2\x85"));
      g_assert_null (strstr (text, "\xc2\x85"));
      /* On a long line the attributes start on the next one: "<a\nhref". */
      g_assert_cmpuint (count (out, "<a ") + count (out, "<a\n"), ==, count (out, "</a>"));
      /* A tag that ends past the hard limit closes on the next line: "</p\n>"
       * (td_html_end_tag; whitespace before ">" is allowed in any tag). */
      g_assert_cmpuint (count (out, "<p>") + count (out, "<p\n>"), ==,
                        count (out, "</p>") + count (out, "</p\n>"));
    }
}

/* ---------------------------------------------------------------------------
 * Plain text
 */

typedef struct
{
  GPtrArray *urls;
} Refs;

/* Numbers each distinct URL once, like the export's reference list. */
static guint
add_ref_cb (const char *url,
            gpointer    user_data)
{
  Refs *refs = user_data;
  guint index;

  if (g_ptr_array_find_with_equal_func (refs->urls, url, g_str_equal, &index))
    return index + 1;

  g_ptr_array_add (refs->urls, g_strdup (url));
  return refs->urls->len;
}

static char *
text (const char *markdown,
      guint       width)
{
  return td_markdown_to_text (markdown, width, NULL, NULL);
}

static void
assert_text (const char *markdown,
             guint       width,
             const char *expected)
{
  g_autofree char *out = text (markdown, width);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_text_empty (void)
{
  assert_text (NULL, 72, "");
  assert_text ("", 72, "");
  assert_text ("<div>only html</div>", 72, "");
}

static void
test_text_inline (void)
{
  assert_text ("*em* **strong** `co  de` It's 1--2 \"q\"", 72,
               "_em_ *strong* co de It’s 1–2 “q”\n");
  assert_text ("![alt *text*](https://e.com/x.png) a <b>bold</b> c", 72, "alt text a bold c\n");
  assert_text ("a\xc2\x85" "b\x01" "c", 72, "abc\n");
  assert_text ("line one\\\nline two", 72, "line one\nline two\n");
  assert_text ("שלום 👋 مرحبا", 72, "שלום 👋 مرحبا\n");
}

static void
test_text_blocks (void)
{
  assert_text ("1. one\n2. two\n\n7. seven\n\n- a\n\n  b\n- c\n\n"
               "> # Quote heading\n>\n> - q1\n> - q2\n\n"
               "    indented code\n      more\n\n***\n\nsoft\nbreak and hard\\\nbreak",
               72,
               "1. one\n\n2. two\n\n3. seven\n\n"
               "- a\n\n  b\n\n- c\n\n"
               "> Quote heading\n> =============\n>\n> - q1\n> - q2\n\n"
               "indented code\n  more\n\n"
               "* * *\n\n"
               "soft break and hard\nbreak\n");
  assert_text ("para\n\n- a\n- b\n  - c\n- d\n\npara\n", 72,
               "para\n\n- a\n- b\n  - c\n- d\n\npara\n");
  /* Changing the bullet character starts a new list. */
  assert_text ("9) nine\n10) ten\n\n-\n- x\n\n* - nested first\n", 72,
               "9) nine\n10) ten\n\n-\n- x\n\n- - nested first\n");
  /* A blank line between items makes the whole list loose. */
  assert_text ("- a\n- b\n\n- c\n", 72, "- a\n\n- b\n\n- c\n");
}

static void
test_text_headings (void)
{
  assert_text ("# One\n\n## Two\n\n### Three\n\n###### Six\n\nÜber 日本", 72,
               "One\n===\n\nTwo\n===\n\nThree\n-----\n\nSix\n---\n\nÜber 日本\n");
  assert_text ("# Größe 日本", 72, "Größe 日本\n==========\n");
  assert_text ("# A heading long enough to wrap", 12,
               "A heading\nlong enough\nto wrap\n===========\n");
}

static void
test_text_wrap_72 (void)
{
  g_autofree char *out = text ("Tidings is a newsletter editor for GNOME. It writes the web "
                               "page, the "
                               "email and its plain-text part from one document, so that all three "
                               "always say the same thing.\n\n"
                               "- A list item long enough that it has to wrap onto a second line, "
                               "with a hanging indent.\n"
                               "  - And a nested item, which is also long enough to need wrapping "
                               "at seventy-two.\n\n"
                               "> A quotation that goes on for quite a while, so that the quote "
                               "markers repeat on every line.",
                               72);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpstr (out, ==,
                   "Tidings is a newsletter editor for GNOME. It writes the web page, the\n"
                   "email and its plain-text part from one document, so that all three\n"
                   "always say the same thing.\n"
                   "\n"
                   "- A list item long enough that it has to wrap onto a second line, with a\n"
                   "  hanging indent.\n"
                   "  - And a nested item, which is also long enough to need wrapping at\n"
                   "    seventy-two.\n"
                   "\n"
                   "> A quotation that goes on for quite a while, so that the quote markers\n"
                   "> repeat on every line.\n");
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (g_utf8_strlen (lines[i], -1), <=, 72);
}

static void
test_text_references (void)
{
  Refs refs = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *out = NULL;

  out = td_markdown_to_text ("Read [the docs](https://e.com/docs) and [mail us](mailto:hi@e.com), "
                             "not [this](javascript:alert(1)) or [that](page.html). See "
                             "<https://e.com/> and [https://e.com/x](https://e.com/x) and "
                             "<hi@e.com> and [the docs again](https://e.com/docs) and "
                             "[*emphasis*](tel:+1555).",
                             72, add_ref_cb, &refs);

  g_assert_cmpstr (out, ==,
                   "Read the docs [1] and mail us [2], not this or that. See https://e.com/\n"
                   "and https://e.com/x and hi@e.com and the docs again [1] and _emphasis_\n"
                   "[3].\n");
  g_assert_cmpuint (refs.urls->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (refs.urls, 0), ==, "https://e.com/docs");
  g_assert_cmpstr (g_ptr_array_index (refs.urls, 1), ==, "mailto:hi@e.com");
  g_assert_cmpstr (g_ptr_array_index (refs.urls, 2), ==, "tel:+1555");

  g_ptr_array_unref (refs.urls);
}

static guint
counting_ref_cb (const char *url,
                 gpointer    user_data)
{
  GString *calls = user_data;

  g_string_append_printf (calls, "%s;", url);
  return (guint) count (calls->str, ";");
}

static void
test_text_reference_order (void)
{
  g_autoptr(GString) calls = g_string_new (NULL);
  g_autofree char *out = td_markdown_to_text ("# [h](https://e.com/1)\n\n- [a](https://e.com/2)\n\n"
                                              "> [b](https://e.com/3) [c](https://e.com/1)",
                                              72, counting_ref_cb, calls);

  g_assert_cmpstr (calls->str, ==,
                   "https://e.com/1;https://e.com/2;https://e.com/3;https://e.com/1;");
  g_assert_cmpstr (out, ==, "h [1]\n=====\n\n- a [2]\n\n> b [3] c [4]\n");
}

static void
test_text_no_ref_callback (void)
{
  assert_text ("[a](https://e.com) [](https://e.com/empty) [x](javascript:alert(1))", 72,
               "a (https://e.com) https://e.com/empty x\n");
}

static void
test_text_deep_nesting (void)
{
  g_autofree char *quotes = repeat ("> ", 5000, "x");
  g_autofree char *lists = repeat ("- ", 5000, "x");
  g_autofree char *quotes_out = text (quotes, 72);
  g_autofree char *lists_out = text (lists, 72);
  g_autofree char *expected_quotes = repeat ("> ", 5000, "x\n");
  g_autofree char *expected_lists = repeat ("- ", 5000, "x\n");

  g_assert_cmpstr (quotes_out, ==, expected_quotes);
  g_assert_cmpstr (lists_out, ==, expected_lists);

  for (guint depth = 5000; depth <= 10000; depth += 5000)
    {
      g_autofree char *mixed = repeat ("> 1. ", depth, "x");
      g_autofree char *mixed_out = text (mixed, 72);

      g_assert_true (g_str_has_suffix (mixed_out, "x\n"));
    }
}

static void
test_text_long_word (void)
{
  g_autofree char *word = repeat ("a", 100000, "");
  g_autofree char *markdown = g_strconcat ("short ", word, " short", NULL);
  g_autofree char *out = text (markdown, 72);
  g_autofree char *expected = g_strconcat ("short\n", word, "\nshort\n", NULL);

  g_assert_cmpstr (out, ==, expected);
}

/* A table that fits is laid out in columns (right-aligned ones on the
 * left), with dashes under its header; one too wide for the lines becomes
 * "Header: cell" lines, a block per row. */
static void
test_text_table (void)
{
  assert_text ("Before.\n\n| Session | Price |\n|---|--:|\n| Swedish | $120 |\n"
               "| Deep tissue | $170 |\n\nAfter.", 72,
               "Before.\n\n"
               "Session     | Price\n"
               "----------- | -----\n"
               "Swedish     |  $120\n"
               "Deep tissue |  $170\n\n"
               "After.\n");
  assert_text ("| Session | What it is |\n|---|---|\n"
               "| Swedish | Long, flowing strokes to relax the whole body |\n"
               "| Deep | Slow pressure |\n", 30,
               "Session: Swedish\n"
               "What it is: Long, flowing\n"
               "strokes to relax the whole\n"
               "body\n\n"
               "Session: Deep\n"
               "What it is: Slow pressure\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/markdown/html/empty", test_html_empty);
  g_test_add_func ("/core/markdown/html/inline", test_html_inline);
  g_test_add_func ("/core/markdown/html/smart", test_html_smart);
  g_test_add_func ("/core/markdown/html/blocks", test_html_blocks);
  g_test_add_func ("/core/markdown/html/headings", test_html_headings);
  g_test_add_func ("/core/markdown/html/escaping", test_html_escaping);
  g_test_add_func ("/core/markdown/html/raw-html-dropped", test_html_raw_html_dropped);
  g_test_add_func ("/core/markdown/html/unsafe-links", test_html_unsafe_links);
  g_test_add_func ("/core/markdown/html/safe-links", test_html_safe_links);
  g_test_add_func ("/core/markdown/html/images", test_html_images);
  g_test_add_func ("/core/markdown/html/unicode", test_html_unicode);
  g_test_add_func ("/core/markdown/html/controls", test_html_controls);
  g_test_add_func ("/core/markdown/html/style", test_html_style);
  g_test_add_func ("/core/markdown/html/long-word", test_html_long_word);
  g_test_add_func ("/core/markdown/html/long-paragraph", test_html_long_paragraph);
  g_test_add_func ("/core/markdown/html/long-url", test_html_long_url);
  g_test_add_func ("/core/markdown/html/long-code", test_html_long_code);
  g_test_add_func ("/core/markdown/html/deep-nesting", test_html_deep_nesting);
  g_test_add_func ("/core/markdown/html/huge-input", test_html_huge_input);
  g_test_add_func ("/core/markdown/html/deterministic", test_html_deterministic);
  g_test_add_func ("/core/markdown/html/fuzz", test_html_fuzz);
  g_test_add_func ("/core/markdown/text/empty", test_text_empty);
  g_test_add_func ("/core/markdown/text/inline", test_text_inline);
  g_test_add_func ("/core/markdown/text/blocks", test_text_blocks);
  g_test_add_func ("/core/markdown/text/headings", test_text_headings);
  g_test_add_func ("/core/markdown/text/wrap-72", test_text_wrap_72);
  g_test_add_func ("/core/markdown/text/references", test_text_references);
  g_test_add_func ("/core/markdown/text/reference-order", test_text_reference_order);
  g_test_add_func ("/core/markdown/text/no-ref-callback", test_text_no_ref_callback);
  g_test_add_func ("/core/markdown/text/deep-nesting", test_text_deep_nesting);
  g_test_add_func ("/core/markdown/text/long-word", test_text_long_word);
  g_test_add_func ("/core/markdown/html/direction", test_html_direction);
  g_test_add_func ("/core/markdown/html/table", test_html_table);
  g_test_add_func ("/core/markdown/html/autolink", test_html_autolink);
  g_test_add_func ("/core/markdown/text/table", test_text_table);

  return g_test_run ();
}
