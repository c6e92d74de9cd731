/* td-markdown.h: the one Markdown renderer (over cmark) that the web page,
 * the email HTML and the email plain text all use.
 *
 * Sanitized by construction: raw HTML is dropped, links survive only with an
 * absolute http:, https:, mailto:, tel: or sms: URL (otherwise their text is
 * kept without the link), and images become their alt text (newsletter
 * images come from structured fields that know their size). Merge tags such
 * as *|UNSUB|* are not absolute URLs either: they belong in structured
 * fields, and a Markdown link to one is unwrapped. Input longer than 1 MiB
 * is cut at the last whole character before that limit.
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* Inline style attribute values for the email, where <style> is unreliable.
 * A NULL member, or a NULL TdMarkdownStyle (the web page, which has a
 * stylesheet), means no style attribute. @h applies to every heading level,
 * @code to inline code spans and @pre to code blocks. */
typedef struct
{
  const char *p, *a;          /* paragraphs, links */
  const char *h;
  const char *ul, *ol, *li;   /* lists and their items */
  const char *blockquote;
  const char *code, *pre;
  const char *hr;
  const char *strong, *em;
  const char *table, *th, *td; /* a table, its header and body cells */
} TdMarkdownStyle;

typedef struct
{
  int                    heading_offset; /* "# x" becomes h(1 + offset), within h1..h6 */
  const TdMarkdownStyle *style;          /* may be NULL */
  gboolean               rtl;            /* the direction of the document the
                                          * fragment goes in: a paragraph,
                                          * heading, list item or table cell
                                          * with letters of the other
                                          * direction gets dir="auto" */
} TdMarkdownHtmlOptions;

/* Called once per link, in document order, with its URL; returns the number
 * the text shows as "[N]" (typically the 1-based index in a reference list
 * printed after the body). */
typedef guint (*TdLinkRefFunc) (const char *url,
                                gpointer    user_data);

/* HTML fragment for @markdown (NULL or "" give ""). @options may be NULL.
 * Smart punctuation is on. Deterministic, and no output line is longer than
 * 998 bytes (RFC 5322): long runs are broken where a newline is harmless. */
char  *td_markdown_to_html (const char                  *markdown,
                            const TdMarkdownHtmlOptions *options);

/* Plain text for @markdown (NULL or "" give ""), wrapped at @width columns
 * (0: no wrapping; words longer than a line are never broken). Blocks are
 * separated by a blank line (none between items of a tight list); headings
 * are followed by a line of '=' (levels 1-2) or '-' (3-6) as wide as their
 * text; list items start with "- " or "N. " and continue with a hanging
 * indent; block quotes are prefixed with "> "; code blocks are kept as they
 * are; strong is *text*, emphasis _text_; images become their alt text.
 * Links become "text [N]", N from @add_ref; a link whose text is its URL
 * appears once, as the URL, without a reference. With a NULL @add_ref links
 * become "text (URL)". */
char  *td_markdown_to_text (const char                  *markdown,
                            guint                        width,
                            TdLinkRefFunc                add_ref,
                            gpointer                     user_data);

/* The URLs of the links in @markdown, as written, in document order
 * (bare addresses that the renderers link too; safe or not): what the
 * pre-send checks look at. Never NULL. */
GPtrArray *td_markdown_link_urls (const char *markdown);

G_END_DECLS
