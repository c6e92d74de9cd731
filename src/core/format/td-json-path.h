/* td-json-path.h: the JSON paths diagnostics and edit commands use
 *
 * A path is a dotted chain of keys and [indexes] from the document root:
 * "sections[3].items[0].url". Keys that are not plain identifiers are written
 * quoted: sections[0]["odd key"].
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

char     *td_json_path_child_key   (const char *parent,
                                    const char *key);
char     *td_json_path_child_index (const char *parent,
                                    guint       index);

/* Returns the node at path (borrowed), or NULL if any step is missing. */
JsonNode *td_json_path_lookup      (JsonNode   *root,
                                    const char *path);

/* The text at path, or "" when it is missing or not text. */
const char *td_json_path_get_string (JsonNode   *root,
                                     const char *path);

/* relative (a path from parent's node: "items[0].url", "[2]", "") made
 * absolute: "sections[3].items[0].url". */
char     *td_json_path_join        (const char *parent,
                                    const char *relative);

/* Reads the first step of *path and moves *path past it, to what is then
 * a relative path. Exactly one of *key (newly allocated) or *index (>= 0)
 * is set. FALSE at the end or on a malformed path. */
gboolean  td_json_path_next_step   (const char **path,
                                    char       **key,
                                    int         *index);

/* Whether path is ancestor or inside it: "a.b[2].c" is within "a.b". */
gboolean  td_json_path_is_within   (const char *path,
                                    const char *ancestor);

/* Splits a path into its parent path and last step. Exactly one of *key
 * (newly allocated) or *index (>= 0) is set. FALSE for a malformed path or
 * the root itself. */
gboolean  td_json_path_split       (const char *path,
                                    char      **parent,
                                    char      **key,
                                    int        *index);

/* A copy sharing nothing with node (json_node_copy shares objects and
 * arrays, which would let an undo step change with the document). */
JsonNode *td_json_node_deep_copy   (JsonNode   *node);

/* "text", "a number", "a list" …: what a node is, for messages. */
const char *td_json_describe_node  (JsonNode   *node);

/* Convenience readers used by the renderers; they never fail: a missing or
 * mistyped member reads as "", FALSE or NULL. */
const char *td_json_get_string     (JsonObject *object,
                                    const char *key);
gboolean    td_json_get_boolean    (JsonObject *object,
                                    const char *key,
                                    gboolean    fallback);
JsonObject *td_json_get_object     (JsonObject *object,
                                    const char *key);
JsonArray  *td_json_get_array      (JsonObject *object,
                                    const char *key);

G_END_DECLS
