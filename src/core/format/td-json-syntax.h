/* td-json-syntax.h: a strict JSON syntax check with precise diagnostics
 *
 * json-glib accepts more than JSON (single quotes, comments, a second
 * document after the first, hex numbers …) and reports errors at the token
 * before the real one. Files are checked here first, against RFC 8259, so
 * that what is not JSON is refused with the line and column of the actual
 * mistake and words a person can act on; duplicate keys are caught too.
 */
#pragma once

#include "td-core.h"
#include "td-diagnostic.h"

G_BEGIN_DECLS

/* Where a number is in the checked text: json-glib keeps numbers only as
 * gint64 or double, which loses "1e999" or "1.0"; the loader keeps their
 * text from here (td-json-number.h). */
typedef struct
{
  gsize offset;
  gsize length;
} TdJsonSpan;

/* Reads exactly length bytes of data, which need not end with a NUL. The
 * loader passes valid UTF-8 without NUL bytes; anything else is still
 * refused safely, with a less precise message. Adds one error and returns
 * FALSE at the first problem. When numbers is not NULL, a TdJsonSpan is
 * appended to it for every number, in the order of the text. */
gboolean td_json_syntax_check     (const char    *data,
                                   gsize          length,
                                   guint          max_depth,
                                   GArray        *numbers,
                                   TdDiagnostics *diags);

/* Whether text is exactly one JSON number, as RFC 8259 writes it. */
gboolean td_json_syntax_is_number (const char    *text,
                                   gsize          length);

G_END_DECLS
