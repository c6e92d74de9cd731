/* td-json-writer.c: a small deterministic JSON serializer
 *
 * json-glib's generator writes "key" : value and gives no say over member
 * order; a file people diff and keep in version control deserves both.
 */

#include "config.h"

#include <string.h>

#include "td-json-number.h"
#include "td-json-writer.h"
#include "td-registry.h"

static void write_node (GString           *out,
                        JsonNode          *node,
                        const TdFieldSpec *fields,
                        guint              depth);

static void
indent (GString *out,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *value)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (td_json_number_get_text (node) != NULL)
        g_string_append (out, td_json_number_get_text (node));
      else
        write_string (out, json_node_get_string (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      break;
    default:
      g_string_append (out, "null");
    }
}

/* The member list of an object in canonical order: the fields it is known
 * to have first, in the registry's order, then any others as they came. */
static GPtrArray *
ordered_members (JsonObject        *object,
                 const TdFieldSpec *fields,
                 const TdFieldSpec *leading)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GPtrArray *order = g_ptr_array_new ();

  for (const TdFieldSpec *list[] = { leading, fields }, **l = list; l < list + 2; l++)
    for (const TdFieldSpec *f = *l; f != NULL && f->key != NULL; f++)
      if (json_object_has_member (object, f->key))
        g_ptr_array_add (order, (gpointer) f->key);

  for (GList *m = members; m != NULL; m = m->next)
    if (td_field_spec_find (leading, m->data) == NULL && td_field_spec_find (fields, m->data) == NULL)
      g_ptr_array_add (order, m->data);
  return order;
}

static const TdFieldSpec *
section_fields (JsonNode *node)
{
  const TdSectionType *type = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), "type");

      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        type = td_registry_lookup_section_type (json_node_get_string (value));
    }
  return type != NULL ? type->fields : NULL;
}

static void
write_object (GString           *out,
              JsonObject        *object,
              const TdFieldSpec *fields,
              const TdFieldSpec *leading,
              guint              depth)
{
  g_autoptr(GPtrArray) order = ordered_members (object, fields, leading);

  if (order->len == 0)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append (out, "{\n");
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      const TdFieldSpec *spec = td_field_spec_find (fields, key);

      indent (out, depth + 1);
      write_string (out, key);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, key),
                  spec != NULL ? spec->fields : NULL, depth + 1);
      g_string_append (out, i + 1 < order->len ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, '}');
}

/* fields describes the array's items (a LIST) or NULL. Sections are the one
 * array whose items each bring their own description. */
static void
write_array (GString           *out,
             JsonArray         *array,
             const TdFieldSpec *fields,
             gboolean           is_sections,
             guint              depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      indent (out, depth + 1);
      if (is_sections && JSON_NODE_HOLDS_OBJECT (item))
        write_object (out, json_node_get_object (item), section_fields (item),
                      td_registry_get_section_common_fields (), depth + 1);
      else
        write_node (out, item, fields, depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString           *out,
            JsonNode          *node,
            const TdFieldSpec *fields,
            guint              depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), fields, NULL, depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), fields, FALSE, depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

static char *
finish (GString *out,
        gsize   *length)
{
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

char *
td_json_write (JsonNode *node,
               gsize    *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, NULL, 0);
  return finish (out, length);
}

char *
td_json_write_issue (JsonNode *root,
                     gsize    *length)
{
  GString *out = g_string_new (NULL);
  const TdFieldSpec *doc_fields = td_registry_get_document_fields ();
  JsonObject *document;
  g_autoptr(GPtrArray) order = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      write_node (out, root, NULL, 0);
      return finish (out, length);
    }

  document = json_node_get_object (root);
  order = ordered_members (document, doc_fields, NULL);
  g_string_append (out, "{\n");
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      JsonNode *node = json_object_get_member (document, key);
      const TdFieldSpec *spec = td_field_spec_find (doc_fields, key);

      indent (out, 1);
      write_string (out, key);
      g_string_append (out, ": ");
      if (g_str_equal (key, "sections") && JSON_NODE_HOLDS_ARRAY (node))
        write_array (out, json_node_get_array (node), NULL, TRUE, 1);
      else
        write_node (out, node, spec != NULL ? spec->fields : NULL, 1);
      g_string_append (out, i + 1 < order->len ? ",\n" : "\n");
    }
  g_string_append_c (out, '}');
  return finish (out, length);
}
