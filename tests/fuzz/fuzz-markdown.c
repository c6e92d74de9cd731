/* fuzz-markdown.c: markdown to HTML and to text, through the public API
 *
 * The first two bytes choose the options (heading offset, styles, width,
 * link references); the rest is the markdown, as the loader would pass it
 * (valid UTF-8, no NUL). Properties: valid UTF-8 out, no HTML line over 998
 * bytes, no raw HTML or script link let through.
 */

#include "config.h"

#include <string.h>

#include "td-fuzz.h"
#include "td-markdown.h"

static const TdMarkdownStyle style = {
  "margin:0", "color:#2f6f73", "font-weight:bold", "padding:0", "padding:0", "margin:0",
  "border-left:2px solid", "font-family:monospace", "white-space:pre", "border:0",
  "font-weight:bold", "font-style:italic",
};

static guint
count_ref (const char *url,
           gpointer    user_data)
{
  guint *n = user_data;

  TD_FUZZ_CHECK (url != NULL && g_utf8_validate (url, -1, NULL));
  return ++*n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *text = NULL;
  TdMarkdownHtmlOptions options = { 0, NULL };
  guint refs = 0;
  guint width;

  if (size < 2)
    return 0;
  options.heading_offset = (data[0] & 0x07) - 1;
  options.style = (data[0] & 0x08) != 0 ? &style : NULL;
  width = data[1] & 0x7f;
  markdown = td_fuzz_text (data + 2, size - 2);

  html = td_markdown_to_html (markdown, &options);
  TD_FUZZ_CHECK (g_utf8_validate (html, -1, NULL));
  TD_FUZZ_CHECK (td_fuzz_lines_fit (html, strlen (html), 998));
  /* Raw HTML is dropped and text escaped, so no tag of the input's own
   * survives, and links keep only safe schemes. */
  lower = g_ascii_strdown (html, -1);
  TD_FUZZ_CHECK (strstr (lower, "<script") == NULL);
  TD_FUZZ_CHECK (strstr (lower, "<iframe") == NULL);
  TD_FUZZ_CHECK (strstr (lower, "href=\"javascript:") == NULL);
  TD_FUZZ_CHECK (strstr (lower, "href=\"data:") == NULL);

  text = td_markdown_to_text (markdown, width, (data[1] & 0x80) != 0 ? count_ref : NULL, &refs);
  TD_FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
  return 0;
}
