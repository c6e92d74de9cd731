/* td-html.h: HTML escaping, URL checks and plain-text wrapping shared by
 * every renderer (web page, email HTML, email plain text).
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* Escapes & < > " ' so the result is safe both as element text and inside a
 * double- or single-quoted attribute. Drops C0 controls except \n and \t, DEL
 * and the C1 controls U+0080..U+009F (they make Gmail misbehave). Expects
 * UTF-8; a NULL @text appends nothing. */
void       td_html_append_text         (GString    *out,
                                        const char *text);

/* Same escaping as td_html_append_text(); use it for attribute values so the
 * call site says what it is doing. */
void       td_html_append_attr         (GString    *out,
                                        const char *value);

/* Newly allocated escaped copy of @text ("" for NULL). */
char      *td_html_escape              (const char *text);

/* TRUE for http:, https:, mailto:, tel: and sms: URLs (scheme compared
 * without case) and for relative references without a scheme. A reference
 * has a scheme when a ':' comes before any '/', '?' or '#'; any other scheme
 * (javascript:, data:, file:, ...) is refused. Also refused: NULL or empty
 * values, leading or trailing whitespace, control characters anywhere, and
 * spaces outside merge tags (see td_url_is_merge_tag()). */
gboolean   td_url_is_safe              (const char *url);

/* Like td_url_is_safe(), but only absolute http:, https:, mailto:, tel: and
 * sms: URLs pass: what a link in an email may point to. */
gboolean   td_url_is_safe_absolute     (const char *url);

/* TRUE when the whole of @value is a mailing-service merge tag: *|TAG|*,
 * {{ tag }}, %%tag%%, [tag] or {$tag}. The service substitutes the real URL
 * when sending, so the tag has to be written verbatim. */
gboolean   td_url_is_merge_tag         (const char *value);

/* Appends @url as the value of an href or src attribute: percent-encodes
 * spaces, non-ASCII bytes and other characters not allowed in URLs (keeping
 * existing %XX escapes and reserved characters), then attribute-escapes.
 * Merge tags, whole or embedded (https://x.example/?id=*|ID|*), are only
 * attribute-escaped. Does not check the scheme: call td_url_is_safe() first. */
void       td_html_append_url          (GString    *out,
                                        const char *url);

/* TRUE when @text is NULL, empty or only white space (any Unicode space):
 * a field that shows nothing. */
gboolean   td_text_is_blank            (const char *text);

/* TRUE if @text has a letter written in the other direction than @rtl says
 * (a Hebrew or Arabic letter in a left-to-right document, a Latin one in a
 * right-to-left one): such text is marked dir="auto". Digits, punctuation
 * and emoji have no direction. */
gboolean   td_text_reads_other_way     (const char *text,
                                        gboolean    rtl);

/* Display width of @text in columns, as td_text_wrap_append() counts it:
 * wide (CJK, most emoji) characters count 2, zero-width ones 0, others 1.
 * @len is in bytes, or -1 if @text is NUL-terminated. */
guint      td_text_width               (const char *text,
                                        gssize      len);

/* Word-wraps the UTF-8 paragraph @text to @width columns (a wide character
 * counts 2, a zero-width one 0; 0 means no limit) and appends it to @out.
 * Every line starts with @indent (which counts toward @width) and ends with
 * "\n". Runs of whitespace collapse into one space; a word wider than the
 * line stays whole on a line of its own, so URLs are never broken. Between
 * two ideographs (CJK) a line may break without a space. Appends nothing
 * when @text has no words. */
void       td_text_wrap_append         (GString    *out,
                                        const char *text,
                                        guint       width,
                                        const char *indent);

G_END_DECLS
