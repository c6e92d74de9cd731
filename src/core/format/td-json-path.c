/* td-json-path.c: building, parsing and resolving JSON paths */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-json-number.h"
#include "td-json-path.h"

static gboolean
is_identifier (const char *key)
{
  if (key[0] == '\0' || !(g_ascii_isalpha (key[0]) || key[0] == '_'))
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

char *
td_json_path_child_key (const char *parent,
                        const char *key)
{
  GString *out = g_string_new (parent);

  if (is_identifier (key))
    {
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, key);
    }
  else
    {
      g_string_append (out, "[\"");
      for (const char *p = key; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
      g_string_append (out, "\"]");
    }
  return g_string_free (out, FALSE);
}

char *
td_json_path_child_index (const char *parent,
                          guint       index)
{
  return g_strdup_printf ("%s[%u]", parent != NULL ? parent : "", index);
}

typedef struct
{
  const char *start;  /* where this step begins, for td_json_path_split */
  char *key;          /* or NULL for an index */
  int index;
} Step;

/* Reads one step at *p and advances; FALSE on a malformed path. */
static gboolean
read_step (const char **p,
           Step        *step)
{
  const char *s = *p;

  step->start = s;
  step->key = NULL;
  step->index = -1;

  if (*s == '.')
    s++;
  if (*s == '[' && s[1] == '"')
    {
      GString *key = g_string_new (NULL);

      for (s += 2; *s != '"'; s++)
        {
          if (*s == '\0')
            {
              g_string_free (key, TRUE);
              return FALSE;
            }
          if (*s == '\\' && s[1] != '\0')
            s++;
          g_string_append_c (key, *s);
        }
      if (s[1] != ']')
        {
          g_string_free (key, TRUE);
          return FALSE;
        }
      step->key = g_string_free (key, FALSE);
      *p = s + 2;
      return TRUE;
    }
  if (*s == '[')
    {
      char *end = NULL;
      guint64 value;

      if (!g_ascii_isdigit (s[1]))
        return FALSE;
      value = g_ascii_strtoull (s + 1, &end, 10);
      if (end == NULL || *end != ']' || value > G_MAXINT)
        return FALSE;
      step->index = (int) value;
      *p = end + 1;
      return TRUE;
    }
  {
    const char *begin = s;

    while (*s != '\0' && *s != '.' && *s != '[')
      s++;
    if (s == begin)
      return FALSE;
    step->key = g_strndup (begin, s - begin);
    *p = s;
    return TRUE;
  }
}

JsonNode *
td_json_path_lookup (JsonNode   *root,
                     const char *path)
{
  JsonNode *node = root;
  const char *p = path;

  g_return_val_if_fail (path != NULL, NULL);

  while (node != NULL && *p != '\0')
    {
      Step step;

      if (!read_step (&p, &step))
        return NULL;
      if (step.key != NULL)
        {
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          node = object != NULL ? json_object_get_member (object, step.key) : NULL;
          g_free (step.key);
        }
      else
        {
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

          node = (array != NULL && (guint) step.index < json_array_get_length (array))
                 ? json_array_get_element (array, step.index) : NULL;
        }
    }
  return node;
}

/* The text a node holds, or "" for anything else: a number kept as its
 * text (td-json-number.h) is no text. */
static const char *
node_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      td_json_number_get_text (node) == NULL)
    return json_node_get_string (node);
  return "";
}

const char *
td_json_path_get_string (JsonNode   *root,
                         const char *path)
{
  return node_string (td_json_path_lookup (root, path));
}

char *
td_json_path_join (const char *parent,
                   const char *relative)
{
  if (relative[0] == '\0')
    return g_strdup (parent);
  if (parent[0] == '\0' || relative[0] == '[')
    return g_strconcat (parent, relative, NULL);
  return g_strconcat (parent, ".", relative, NULL);
}

gboolean
td_json_path_next_step (const char **path,
                        char       **key,
                        int         *index)
{
  Step step;

  if (**path == '\0' || !read_step (path, &step))
    return FALSE;
  *key = step.key;
  *index = step.index;
  /* What follows is relative: no leading dot. */
  if (**path == '.')
    (*path)++;
  return TRUE;
}

gboolean
td_json_path_is_within (const char *path,
                        const char *ancestor)
{
  gsize n = strlen (ancestor);

  return strncmp (path, ancestor, n) == 0 &&
         (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

gboolean
td_json_path_split (const char *path,
                    char      **parent,
                    char      **key,
                    int        *index)
{
  const char *p = path;
  Step last = { NULL, NULL, -1 };

  g_return_val_if_fail (path != NULL, FALSE);

  while (*p != '\0')
    {
      g_free (last.key);
      if (!read_step (&p, &last))
        return FALSE;
    }
  if (last.start == NULL)
    return FALSE;
  *parent = g_strndup (path, last.start - path);
  *key = last.key;
  *index = last.index;
  return TRUE;
}

const char *
td_json_get_string (JsonObject *object,
                    const char *key)
{
  return node_string (object != NULL ? json_object_get_member (object, key) : NULL);
}

gboolean
td_json_get_boolean (JsonObject *object,
                     const char *key,
                     gboolean    fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

JsonObject *
td_json_get_object (JsonObject *object,
                    const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
td_json_get_array (JsonObject *object,
                   const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonNode *
td_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        g_autoptr(JsonObject) object = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (source);

        for (GList *m = members; m != NULL; m = m->next)
          json_object_set_member (object, m->data,
                                  td_json_node_deep_copy (json_object_get_member (source, m->data)));
        copy = json_node_init_object (json_node_alloc (), object);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        g_autoptr(JsonArray) array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array,
                                  td_json_node_deep_copy (json_array_get_element (source, i)));
        copy = json_node_init_array (json_node_alloc (), array);
        break;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      copy = json_node_copy (node);
      break;
    }
  return copy;
}

const char *
td_json_describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  if (td_json_node_holds_number (node))
    return _("a number");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("text");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}
