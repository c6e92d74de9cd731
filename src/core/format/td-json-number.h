/* td-json-number.h: JSON numbers kept as they were written
 *
 * The format promises that members Tidings does not know survive a save
 * unchanged. json-glib holds a number as a gint64 or a double, which cannot
 * keep 1e999, 18446744073709551616, 1.0 or -0 as written. So the loader
 * replaces every number of a file by a node holding its text (spans found
 * by td_json_syntax_check()), and td-json-writer writes that text back.
 *
 * Such a node is a string node whose value is the number's text after a
 * 0xFF byte, which never occurs in UTF-8: no text from a file (the loader
 * refuses invalid UTF-8) or from the editor can be taken for a number, and
 * copies of the node (undo, json_node_copy) keep the text. Known fields
 * never hold one in a loaded issue, since the only numeric field, "version",
 * is rewritten by the migration; code reading known strings goes through
 * td_json_get_string(), which reads a number as "".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

typedef enum
{
  TD_JSON_INTEGER_OK,
  TD_JSON_INTEGER_NOT_A_NUMBER,
  TD_JSON_INTEGER_NOT_WHOLE,     /* 1.5, 1.0, 1e3 */
  TD_JSON_INTEGER_OUT_OF_RANGE,  /* a whole number beyond gint64 */
} TdJsonIntegerStatus;

/* The text of a number node made by td_json_number_keep_text(), or NULL. */
const char *td_json_number_get_text    (JsonNode   *node);

/* Whether node is a number: kept text, gint64 or double. */
gboolean    td_json_node_holds_number  (JsonNode   *node);

/* The value of a whole-number node, kept text or gint64. */
TdJsonIntegerStatus
            td_json_number_get_integer (JsonNode   *node,
                                        gint64     *value);

/* The number's text in quotes, for a message: long ones are cut, saying
 * how many digits they had ("“777777777777777777777777…” (5000 digits)"). */
char       *td_json_number_describe    (JsonNode   *node);

/* Replaces, in document order, every number node under root by a node
 * holding its text: spans (TdJsonSpan) locate the numbers of data, which
 * root was parsed from. FALSE (and root unchanged) if the counts differ. */
gboolean    td_json_number_keep_text   (JsonNode   *root,
                                        const char *data,
                                        GArray     *spans);

G_END_DECLS
