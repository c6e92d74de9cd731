/* test-html.c: escaping, URL checks and plain-text wrapping. */
#include "config.h"

#include <string.h>

#include "td-html.h"

static void
test_escape_text (void)
{
  g_autofree char *escaped = td_html_escape ("<a href=\"x\">Tom & Jerry's</a>");
  g_autoptr(GString) out = g_string_new ("kept ");

  g_assert_cmpstr (escaped, ==, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");

  td_html_append_text (out, "a&b");
  td_html_append_attr (out, "\"'<>");
  td_html_append_text (out, NULL);
  g_assert_cmpstr (out->str, ==, "kept a&amp;b&quot;&#39;&lt;&gt;");
}

static void
test_escape_empty (void)
{
  g_autofree char *from_null = td_html_escape (NULL);
  g_autofree char *from_empty = td_html_escape ("");

  g_assert_cmpstr (from_null, ==, "");
  g_assert_cmpstr (from_empty, ==, "");
}

static void
test_escape_controls (void)
{
  /* C0 other than \t and \n, DEL, and C1 (NEL U+0085, U+009F) go; the
   * no-break space U+00A0, right after the C1 block, stays. */
  g_autofree char *escaped = td_html_escape ("a\x01" "b\tc\nd\re\x7f"
                                             "f\xc2\x85g\xc2\x9fh\xc2\xa0i\x1b");

  g_assert_cmpstr (escaped, ==, "ab\tc\nde" "fgh\xc2\xa0i");
}

static void
test_escape_unicode (void)
{
  static const char * const samples[] = {
    "Grüße 👋🏽 👩‍👩‍👧 🇺🇦",
    "שלום עולם", /* Hebrew */
    "مرحبا بالعالم", /* Arabic */
    "日本語のテキスト",
    "e\xcc\x81", /* e + combining acute */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *escaped = td_html_escape (samples[i]);

      g_assert_cmpstr (escaped, ==, samples[i]);
    }
}

static void
test_url_is_safe (void)
{
  static const struct { const char *url; gboolean safe; } cases[] = {
    { "https://example.com", TRUE },
    { "HTTP://EXAMPLE.COM/path?q=1#frag", TRUE },
    { "mailto:editor@example.com", TRUE },
    { "MailTo:editor@example.com", TRUE },
    { "tel:+15551234567", TRUE },
    { "sms:+15551234567", TRUE },
    { "images/x.png", TRUE },
    { "#top", TRUE },
    { "page.html", TRUE },
    { "/archive/2024/", TRUE },
    { "?page=2", TRUE },
    { "//cdn.example.com/x.png", TRUE },
    { "a/b:c", TRUE },
    { "*|UNSUB|*", TRUE },
    { "{{ unsubscribe_url }}", TRUE },
    { "%%unsubscribe%%", TRUE },
    { "[unsubscribe]", TRUE },
    { "{$unsubscribe}", TRUE },
    { "https://example.com/u?id={{ subscriber.id }}", TRUE },
    /* '#' comes before the ':', and the '&' will be escaped: a relative
     * reference to a file literally named "&#106;avascript:...". */
    { "&#106;avascript:alert(1)", TRUE },
    { "", FALSE },
    { "javascript:alert(1)", FALSE },
    { "JaVaScRiPt:alert(1)", FALSE },
    { "vbscript:msgbox(1)", FALSE },
    { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", FALSE },
    { "file:///etc/passwd", FALSE },
    { "ftp://example.com/", FALSE },
    { "cid:image1", FALSE },
    { "java\tscript:alert(1)", FALSE },
    { "java\nscript:alert(1)", FALSE },
    { "java\rscript:alert(1)", FALSE },
    { "\x01javascript:alert(1)", FALSE },
    { "java script:alert(1)", FALSE },
    { " https://example.com", FALSE },
    { "https://example.com ", FALSE },
    { "https://example.com\n", FALSE },
    { "https://exa mple.com", FALSE },
    { "https://exa\x7fmple.com", FALSE },
    { "\xc2\x85https://example.com", FALSE },
    { "images/my photo.png", FALSE },
    { ":nothing", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (td_url_is_safe (cases[i].url) != cases[i].safe)
        g_error ("td_url_is_safe (\"%s\") should be %s", cases[i].url,
                 cases[i].safe ? "TRUE" : "FALSE");
    }

  g_assert_false (td_url_is_safe (NULL));
}

static void
test_url_is_safe_absolute (void)
{
  g_assert_true (td_url_is_safe_absolute ("https://example.com/"));
  g_assert_true (td_url_is_safe_absolute ("http://example.com/"));
  g_assert_true (td_url_is_safe_absolute ("mailto:a@example.com"));
  g_assert_true (td_url_is_safe_absolute ("tel:+1555"));
  g_assert_true (td_url_is_safe_absolute ("SMS:+1555"));

  g_assert_false (td_url_is_safe_absolute ("page.html"));
  g_assert_false (td_url_is_safe_absolute ("#top"));
  g_assert_false (td_url_is_safe_absolute ("//cdn.example.com/x.png"));
  g_assert_false (td_url_is_safe_absolute ("*|UNSUB|*"));
  g_assert_false (td_url_is_safe_absolute ("javascript:alert(1)"));
  g_assert_false (td_url_is_safe_absolute (""));
  g_assert_false (td_url_is_safe_absolute (NULL));
}

static void
test_url_merge_tag (void)
{
  static const struct { const char *value; gboolean tag; } cases[] = {
    { "*|UNSUB|*", TRUE },
    { "*|ARCHIVE|*", TRUE },
    { "{{ unsubscribe_url }}", TRUE },
    { "{{UnsubscribeURL}}", TRUE },
    { "{{{unsubscribe}}}", TRUE },
    { "%%unsubscribe%%", TRUE },
    { "%%=RedirectTo(@url)=%%", TRUE },
    { "[unsubscribe]", TRUE },
    { "{$unsubscribe}", TRUE },
    { "", FALSE },
    { "*||*", FALSE },
    { "{{}}", FALSE },
    { "%%%%", FALSE },
    { "[]", FALSE },
    { "{$}", FALSE },
    { "*|UNSUB|* ", FALSE },
    { " {{ x }}", FALSE },
    { "https://example.com/*|ID|*", FALSE },
    { "{{ a\nb }}", FALSE },
    { "unsubscribe", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (td_url_is_merge_tag (cases[i].value) != cases[i].tag)
        g_error ("td_url_is_merge_tag (\"%s\") should be %s", cases[i].value,
                 cases[i].tag ? "TRUE" : "FALSE");
    }

  g_assert_false (td_url_is_merge_tag (NULL));
}

static void
test_url_merge_tag_bounded (void)
{
  /* Merge tags are at most 256 bytes, which keeps scanning linear. */
  g_autofree char *filler = g_strnfill (300, 'x');
  g_autofree char *too_long = g_strconcat ("{{ ", filler, " }}", NULL);
  g_autofree char *braces = g_strnfill (200000, '{');
  g_autofree char *url = g_strconcat ("https://example.com/", braces, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_false (td_url_is_merge_tag (too_long));
  g_assert_true (td_url_is_safe (url));
  td_html_append_url (out, url);
  g_assert_cmpuint (out->len, ==, strlen ("https://example.com/") + 3 * 200000);
  g_assert_true (g_str_has_suffix (out->str, "%7B%7B"));
}

static void
test_url_append (void)
{
  static const struct { const char *url; const char *expected; } cases[] = {
    { "https://example.com/", "https://example.com/" },
    { "https://example.com/a b", "https://example.com/a%20b" },
    { "https://example.com/?a=1&b='x'", "https://example.com/?a=1&amp;b=&#39;x&#39;" },
    { "https://example.com/\"><script>", "https://example.com/%22%3E%3Cscript%3E" },
    { "https://example.com/grüße", "https://example.com/gr%C3%BC%C3%9Fe" },
    { "https://example.com/%7Euser/100%", "https://example.com/%7Euser/100%25" },
    { "https://example.com/%zz%4", "https://example.com/%25zz%254" },
    { "https://example.com/a\\b^c`d{e|f}g", "https://example.com/a%5Cb%5Ec%60d%7Be%7Cf%7Dg" },
    { "http://[::1]:8080/x?y=[1]", "http://[::1]:8080/x?y=[1]" },
    { "mailto:a@example.com?subject=Hi there", "mailto:a@example.com?subject=Hi%20there" },
    { "https://example.com/\x01\x7f", "https://example.com/%01%7F" },
    { "https://example.com/\xc2\x85", "https://example.com/%C2%85" },
    /* Merge tags: verbatim, only attribute-escaped. */
    { "*|UNSUB|*", "*|UNSUB|*" },
    { "{{ unsubscribe_url }}", "{{ unsubscribe_url }}" },
    { "{{{unsubscribe}}}", "{{{unsubscribe}}}" },
    { "%%unsubscribe%%", "%%unsubscribe%%" },
    { "[unsubscribe]", "[unsubscribe]" },
    { "{$unsubscribe}", "{$unsubscribe}" },
    { "{{ \"a\" & b }}", "{{ &quot;a&quot; &amp; b }}" },
    { "https://example.com/u?id=*|UNIQID|*&e={{ email }}",
      "https://example.com/u?id=*|UNIQID|*&amp;e={{ email }}" },
    { "https://example.com/p?u=%%user id%%&x=1", "https://example.com/p?u=%%user id%%&amp;x=1" },
    /* Not decoded: stays a harmless relative reference. */
    { "&#106;avascript:alert(1)", "&amp;#106;avascript:alert(1)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      td_html_append_url (out, cases[i].url);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }
}

static char *
wrap (const char *text,
      guint       width,
      const char *indent)
{
  GString *out = g_string_new (NULL);

  td_text_wrap_append (out, text, width, indent);

  return g_string_free (out, FALSE);
}

static void
test_wrap_basic (void)
{
  g_autofree char *plain = wrap ("The quick brown fox jumps over the lazy dog", 20, NULL);
  g_autofree char *quoted = wrap ("The quick brown fox jumps over the lazy dog", 20, "> ");
  g_autofree char *exact = wrap ("aaaa bbbb", 9, "");

  g_assert_cmpstr (plain, ==, "The quick brown fox\njumps over the lazy\ndog\n");
  g_assert_cmpstr (quoted, ==, "> The quick brown\n> fox jumps over the\n> lazy dog\n");
  g_assert_cmpstr (exact, ==, "aaaa bbbb\n");
}

static void
test_wrap_whitespace (void)
{
  g_autofree char *collapsed = wrap ("  a \t\n b  \r\n c\xe2\x80\x83" "d", 0, "");
  g_autofree char *empty = wrap ("", 72, "> ");
  g_autofree char *blank = wrap (" \t\n ", 72, "> ");
  g_autofree char *nbsp = wrap ("10\xc2\xa0km away", 5, "");

  g_assert_cmpstr (collapsed, ==, "a b c d\n");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (blank, ==, "");
  /* A no-break space is not a break. */
  g_assert_cmpstr (nbsp, ==, "10\xc2\xa0km\naway\n");
}

static void
test_wrap_long_word (void)
{
  g_autofree char *url = wrap ("see https://example.com/a/very/long/path now", 10, "");
  g_autofree char *first = wrap ("https://example.com/a/very/long/path now", 10, "  ");

  g_assert_cmpstr (url, ==, "see\nhttps://example.com/a/very/long/path\nnow\n");
  g_assert_cmpstr (first, ==, "  https://example.com/a/very/long/path\n  now\n");
}

static void
test_wrap_wide (void)
{
  /* Ideographs count two columns and may break between each other, but a
   * closing punctuation mark never starts a line. */
  g_autofree char *japanese = wrap ("日本語のテキスト", 10, "");
  g_autofree char *punct = wrap ("日本語。", 6, "");
  g_autofree char *emoji = wrap ("👍👍 👍👍 👍👍", 10, "");
  g_autofree char *hebrew = wrap ("שלום עולם שלום עולם", 10, "");

  g_assert_cmpstr (japanese, ==, "日本語のテ\nキスト\n");
  g_assert_cmpstr (punct, ==, "日本\n語。\n");
  g_assert_cmpstr (emoji, ==, "👍👍 👍👍\n👍👍\n");
  g_assert_cmpstr (hebrew, ==, "שלום עולם\nשלום עולם\n");
}

static void
test_wrap_invalid_utf8 (void)
{
  /* Not expected, but must not read past the end. */
  g_autofree char *out = wrap ("ab\xf0", 72, "");

  g_assert_true (g_str_has_prefix (out, "ab"));
  g_assert_true (g_utf8_validate (out, -1, NULL));
}

static void
test_wrap_72 (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *wrapped = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  for (int i = 0; i < 500; i++)
    {
      int len = g_test_rand_int_range (1, 13);

      if (i > 0)
        g_string_append_c (text, ' ');
      for (int k = 0; k < len; k++)
        g_string_append_c (text, (char) ('a' + (i + k) % 26));
    }

  wrapped = wrap (text->str, 72, NULL);
  g_assert_true (g_str_has_suffix (wrapped, "\n"));
  lines = g_strsplit (wrapped, "\n", -1);
  n = g_strv_length (lines) - 1;
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 72);
      /* Greedy: the next line's first word would not have fitted. */
      if (i + 1 < n)
        g_assert_cmpuint (strlen (lines[i]) + 1 + strcspn (lines[i + 1], " "), >, 72);
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, lines[i]);
    }
  g_assert_cmpstr (joined->str, ==, text->str);
}

static void
test_text_is_blank (void)
{
  g_assert_true (td_text_is_blank (NULL));
  g_assert_true (td_text_is_blank (""));
  g_assert_true (td_text_is_blank (" \t\n\r"));
  /* No-break and ideographic spaces show nothing either. */
  g_assert_true (td_text_is_blank ("\u00a0\u3000"));
  g_assert_false (td_text_is_blank (" x "));
  g_assert_false (td_text_is_blank ("\u200b"));
}

static void
test_text_width (void)
{
  g_assert_cmpuint (td_text_width ("abc", -1), ==, 3);
  g_assert_cmpuint (td_text_width ("abc", 2), ==, 2);
  g_assert_cmpuint (td_text_width ("a👍b", -1), ==, 4);
  g_assert_cmpuint (td_text_width ("日本", -1), ==, 4);
  g_assert_cmpuint (td_text_width ("שלום", -1), ==, 4);
  g_assert_cmpuint (td_text_width ("e\xcc\x81", -1), ==, 1);
  g_assert_cmpuint (td_text_width ("", -1), ==, 0);
  g_assert_cmpuint (td_text_width (NULL, -1), ==, 0);
}

static void
test_text_reads_other_way (void)
{
  /* In a left-to-right document: Hebrew, Arabic, Syriac, Thaana letters. */
  g_assert_true (td_text_reads_other_way ("Hello שלום", FALSE));
  g_assert_true (td_text_reads_other_way ("مرحبا", FALSE));
  g_assert_true (td_text_reads_other_way ("ܫܠܡܐ", FALSE));
  g_assert_false (td_text_reads_other_way ("Grüße, 日本語, Ελληνικά, 2023 😀 !", FALSE));
  g_assert_false (td_text_reads_other_way ("", FALSE));
  g_assert_false (td_text_reads_other_way (NULL, FALSE));
  /* In a right-to-left one: any other letter, not digits nor punctuation. */
  g_assert_true (td_text_reads_other_way ("שלום Hello", TRUE));
  g_assert_true (td_text_reads_other_way ("日本語", TRUE));
  g_assert_false (td_text_reads_other_way ("שלום, 2023 😀 (!)", TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/html/escape/text", test_escape_text);
  g_test_add_func ("/core/html/escape/empty", test_escape_empty);
  g_test_add_func ("/core/html/escape/controls", test_escape_controls);
  g_test_add_func ("/core/html/escape/unicode", test_escape_unicode);
  g_test_add_func ("/core/html/url/is-safe", test_url_is_safe);
  g_test_add_func ("/core/html/url/is-safe-absolute", test_url_is_safe_absolute);
  g_test_add_func ("/core/html/url/merge-tag", test_url_merge_tag);
  g_test_add_func ("/core/html/url/merge-tag-bounded", test_url_merge_tag_bounded);
  g_test_add_func ("/core/html/url/append", test_url_append);
  g_test_add_func ("/core/html/wrap/basic", test_wrap_basic);
  g_test_add_func ("/core/html/wrap/whitespace", test_wrap_whitespace);
  g_test_add_func ("/core/html/wrap/long-word", test_wrap_long_word);
  g_test_add_func ("/core/html/wrap/wide", test_wrap_wide);
  g_test_add_func ("/core/html/wrap/invalid-utf8", test_wrap_invalid_utf8);
  g_test_add_func ("/core/html/wrap/width-72", test_wrap_72);
  g_test_add_func ("/core/html/text-width", test_text_width);
  g_test_add_func ("/core/html/text-is-blank", test_text_is_blank);
  g_test_add_func ("/core/html/text-reads-other-way", test_text_reads_other_way);

  return g_test_run ();
}
