/* td-html-writer.h: HTML written in lines short enough for email
 *
 * RFC 5322 allows 998 octets a line in a message, and an email's HTML part
 * is one. Every HTML the core writes (markdown fragments, the email, the
 * web page, the preview's text page) goes through a TdHtmlWriter, which
 * counts the column and breaks long runs where a newline is harmless:
 *
 *  - past TD_HTML_SOFT_LINE_LIMIT a space in running text becomes a newline,
 *    and attributes start on a line of their own;
 *  - past TD_HTML_HARD_LINE_LIMIT a break goes between two characters (never
 *    inside an entity or a UTF-8 sequence): "<wbr\n>" in content, a bare
 *    newline in an attribute value (URL parsers drop it; elsewhere it reads
 *    as a space), and "\n>" before the end of a tag.
 *
 * The margin under 998 leaves room for what the caller writes after a
 * value (a closing tag or quote), which must stay short.
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

#define TD_HTML_SOFT_LINE_LIMIT 800
#define TD_HTML_HARD_LINE_LIMIT 960

/* How text flows where it is written. */
typedef enum
{
  TD_HTML_FLOW_TEXT,     /* element content: a space may become a newline */
  TD_HTML_FLOW_PRE,      /* preformatted content: spaces and newlines kept */
  TD_HTML_FLOW_UNPARSED, /* where tags are not parsed (<title>), and attribute
                          * values: long lines break at a newline, which
                          * reads as a space */
} TdHtmlFlow;

typedef struct
{
  GString *out;      /* borrowed */
  GString *scratch;  /* escaped values on their way into out */
  gsize    col;      /* bytes since the last newline in out */
  gboolean rtl;      /* the document's direction: markdown written through
                      * this writer marks its blocks that read the other
                      * way dir="auto" (td_markdown_to_html()'s rtl) */
} TdHtmlWriter;

/* Starts writing at the end of @out, which must end a line (or be empty). */
void td_html_writer_init     (TdHtmlWriter *w,
                              GString      *out);
/* Frees what the writer owns; @out stays the caller's. */
void td_html_writer_clear    (TdHtmlWriter *w);

/* Starts a new line unless at the start of one. */
void td_html_newline         (TdHtmlWriter *w);
/* ">" that ends a start or end tag: "\n>" on a line past the hard limit
 * ("<p\n>" is a valid tag, and adds no white space to the text). */
void td_html_end_tag         (TdHtmlWriter *w);

/* Markup written by the caller, short enough never to need a break. */
void td_html_put             (TdHtmlWriter *w,
                              const char   *markup);
void td_html_putf            (TdHtmlWriter *w,
                              const char   *format,
                              ...) G_GNUC_PRINTF (2, 3);
void td_html_put_len         (TdHtmlWriter *w,
                              const char   *markup,
                              gsize         len);
/* Attributes written by the caller (as printf() formats them; they start
 * with a space) after values from the file: on a line of their own if they
 * would make this one too long. */
void td_html_put_attrs       (TdHtmlWriter *w,
                              const char   *format,
                              ...) G_GNUC_PRINTF (2, 3);

/* @text escaped as element content. */
void td_html_text            (TdHtmlWriter *w,
                              const char   *text);
/* @text escaped, flowing as @flow says. */
void td_html_text_as         (TdHtmlWriter *w,
                              const char   *text,
                              TdHtmlFlow    flow);
/* Plain text whose line breaks are kept, as <br>. */
void td_html_text_lines      (TdHtmlWriter *w,
                              const char   *text);
/* @text escaped (its line breaks kept when @lines) between the markup
 * @open and @close; nothing at all for an empty @text. */
void td_html_text_in         (TdHtmlWriter *w,
                              const char   *open,
                              const char   *text,
                              gboolean      lines,
                              const char   *close);

/* ` name="value"`, escaped; a long value starts on a line of its own. */
void td_html_attr            (TdHtmlWriter *w,
                              const char   *name,
                              const char   *value);
/* The same for a URL (td_html_append_url()); check it is safe first. */
void td_html_attr_url        (TdHtmlWriter *w,
                              const char   *name,
                              const char   *url);

G_END_DECLS
