/* td-json-number.c: JSON numbers kept as they were written */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-json-number.h"
#include "td-json-syntax.h"

/* Never the first byte of UTF-8 text (see the header). */
#define MARK '\xff'

/* Long numbers are cut to this many characters in messages. */
#define DESCRIBE_MAX 24

const char *
td_json_number_get_text (JsonNode *node)
{
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  /* Checked again so that a forged mark can never write anything but a
   * number into a file. */
  if (value == NULL || value[0] != MARK ||
      !td_json_syntax_is_number (value + 1, strlen (value + 1)))
    return NULL;
  return value + 1;
}

gboolean
td_json_node_holds_number (JsonNode *node)
{
  GType type;

  if (td_json_number_get_text (node) != NULL)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

TdJsonIntegerStatus
td_json_number_get_integer (JsonNode *node,
                            gint64   *value)
{
  const char *text = td_json_number_get_text (node);

  *value = 0;
  if (text == NULL)
    {
      if (!td_json_node_holds_number (node))
        return TD_JSON_INTEGER_NOT_A_NUMBER;
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return TD_JSON_INTEGER_NOT_WHOLE;
      *value = json_node_get_int (node);
      return TD_JSON_INTEGER_OK;
    }
  /* The text is a valid JSON number: a fraction or an exponent makes it
   * something other than a whole number as written. */
  if (strpbrk (text, ".eE") != NULL)
    return TD_JSON_INTEGER_NOT_WHOLE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL))
    return TD_JSON_INTEGER_OUT_OF_RANGE;
  return TD_JSON_INTEGER_OK;
}

char *
td_json_number_describe (JsonNode *node)
{
  const char *text = td_json_number_get_text (node);
  gsize digits = 0;

  if (text == NULL)
    {
      gint64 value;

      if (td_json_number_get_integer (node, &value) == TD_JSON_INTEGER_OK)
        return g_strdup_printf ("“%" G_GINT64_FORMAT "”", value);
      return g_strdup_printf ("“%g”", json_node_get_double (node));
    }
  if (strlen (text) <= DESCRIBE_MAX)
    return g_strdup_printf ("“%s”", text);
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  /* Translators: a number too long to show whole, cut: "“1234…” (5000 digits)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%.*s…” (%zu digit)",
                                       "“%.*s…” (%zu digits)", digits),
                          DESCRIBE_MAX, text, digits);
}

/* Adds the number nodes under node to numbers, in document order. The
 * loader has limited the nesting, so the recursion is shallow. */
static void
collect_numbers (JsonNode  *node,
                 GPtrArray *numbers)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        /* json-glib 1.6 needs somewhere to put the name. */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          collect_numbers (member, numbers);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_numbers (json_array_get_element (array, i), numbers);
        break;
      }
    case JSON_NODE_VALUE:
      if (td_json_node_holds_number (node))
        g_ptr_array_add (numbers, node);
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

gboolean
td_json_number_keep_text (JsonNode   *root,
                          const char *data,
                          GArray     *spans)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (spans != NULL, FALSE);

  collect_numbers (root, numbers);
  if (numbers->len != spans->len)
    return FALSE;
  for (guint i = 0; i < numbers->len; i++)
    {
      const TdJsonSpan *span = &g_array_index (spans, TdJsonSpan, i);
      g_autofree char *value = g_malloc (span->length + 2);

      /* In place: the node stays where it is in its object or list. */
      value[0] = MARK;
      memcpy (value + 1, data + span->offset, span->length);
      value[span->length + 1] = '\0';
      json_node_set_string (g_ptr_array_index (numbers, i), value);
    }
  return TRUE;
}
