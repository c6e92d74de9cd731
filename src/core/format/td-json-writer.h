/* td-json-writer.h: the canonical text of an issue
 *
 * Known members come in the registry's order, unknown ones after them in the
 * order they had; two-space indentation; UTF-8 kept as is; a final newline.
 * Writing what was just loaded gives the same bytes every time.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

char *td_json_write_issue (JsonNode *root,
                           gsize    *length);

/* Any JSON value, in the same style but with members in their own order. */
char *td_json_write       (JsonNode *node,
                           gsize    *length);

G_END_DECLS
