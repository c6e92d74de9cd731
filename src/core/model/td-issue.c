/* td-issue.c: queries and builders over an issue's tree, through the registry */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-issue.h"
#include "td-issue-validator.h"
#include "td-json-path.h"

/* A title longer than this is cut in labels: they name, they don't quote. */
#define LABEL_TITLE_CHARS 40

/* -- Scopes -------------------------------------------------------------- */

char *
td_scope_for_section (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);
  return g_strconcat (TD_SCOPE_SECTION_PREFIX, id, NULL);
}

const char *
td_scope_get_section_id (const char *scope)
{
  if (scope == NULL || !g_str_has_prefix (scope, TD_SCOPE_SECTION_PREFIX))
    return NULL;
  return scope + strlen (TD_SCOPE_SECTION_PREFIX);
}

char *
td_issue_scope_path (JsonNode   *root,
                     const char *scope)
{
  const char *id;
  int index;

  g_return_val_if_fail (scope != NULL, NULL);

  if (g_str_equal (scope, TD_SCOPE_PRACTICE) || g_str_equal (scope, TD_SCOPE_ISSUE))
    return g_strdup (scope);
  id = td_scope_get_section_id (scope);
  if (id == NULL || (index = td_issue_find_section (root, id)) < 0)
    return NULL;
  return td_json_path_child_index ("sections", (guint) index);
}

char *
td_issue_field_path (JsonNode   *root,
                     const char *scope,
                     const char *key_path)
{
  g_autofree char *object_path = td_issue_scope_path (root, scope);

  if (object_path == NULL)
    return NULL;
  return td_json_path_join (object_path, key_path);
}

const char *
td_issue_get_field_string (JsonNode   *root,
                           const char *scope,
                           const char *key_path)
{
  g_autofree char *path = td_issue_field_path (root, scope, key_path);

  return path != NULL ? td_json_path_get_string (root, path) : "";
}

char *
td_issue_scope_for_path (JsonNode   *root,
                         const char *path,
                         char      **key_path)
{
  const char *rest = path;
  g_autofree char *key = NULL;
  g_autofree char *scope = NULL;
  int index = -1;

  g_return_val_if_fail (path != NULL, NULL);

  if (!td_json_path_next_step (&rest, &key, &index) || key == NULL)
    return NULL;
  if (g_str_equal (key, TD_SCOPE_PRACTICE) || g_str_equal (key, TD_SCOPE_ISSUE))
    scope = g_strdup (key);
  else if (g_str_equal (key, "sections"))
    {
      g_autofree char *no_key = NULL;
      JsonObject *section;

      if (!td_json_path_next_step (&rest, &no_key, &index) || no_key != NULL ||
          (section = td_issue_get_section (root, (guint) index)) == NULL)
        return NULL;
      scope = td_scope_for_section (td_json_get_string (section, "id"));
    }
  else
    return NULL;
  if (key_path != NULL)
    *key_path = g_strdup (rest);
  return g_steal_pointer (&scope);
}

/* -- Sections ------------------------------------------------------------ */

JsonArray *
td_issue_get_sections (JsonNode *root)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return td_json_get_array (json_node_get_object (root), "sections");
}

guint
td_issue_get_n_sections (JsonNode *root)
{
  JsonArray *sections = td_issue_get_sections (root);

  return sections != NULL ? json_array_get_length (sections) : 0;
}

JsonObject *
td_issue_get_section (JsonNode *root,
                      guint     index)
{
  JsonArray *sections = td_issue_get_sections (root);
  JsonNode *node;

  if (sections == NULL || index >= json_array_get_length (sections))
    return NULL;
  node = json_array_get_element (sections, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

int
td_issue_find_section (JsonNode   *root,
                       const char *id)
{
  guint n = td_issue_get_n_sections (root);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      JsonObject *section = td_issue_get_section (root, i);

      if (section != NULL && g_str_equal (td_json_get_string (section, "id"), id))
        return (int) i;
    }
  return -1;
}

GStrv
td_issue_dup_section_ids (JsonNode *root)
{
  guint n = td_issue_get_n_sections (root);
  GStrv ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (td_json_get_string (td_issue_get_section (root, i), "id"));
  return ids;
}

static const TdSectionType *
section_type (JsonObject *section)
{
  return td_registry_lookup_section_type (td_json_get_string (section, "type"));
}

char *
td_section_dup_title (JsonObject *section)
{
  const TdSectionType *type = section_type (section);
  const char *title = "";

  if (type == NULL)
    return g_strdup (td_json_get_string (section, "id"));
  if (type->title_key != NULL)
    title = td_json_get_string (section, type->title_key);
  if (title[0] != '\0')
    return g_strdup (title);
  if (type->default_title != NULL)
    return g_strdup (_(type->default_title));
  return g_strdup (_(type->name));
}

char *
td_section_dup_label (JsonObject *section)
{
  const TdSectionType *type = section_type (section);
  g_autofree char *title = NULL;
  g_autofree char *short_title = NULL;

  if (type == NULL)
    /* Translators: a section of a type this version doesn't know; %s is its id */
    return g_strdup_printf (_("Section “%s”"), td_json_get_string (section, "id"));
  title = td_section_dup_title (section);
  if (g_str_equal (title, _(type->name)))
    return g_steal_pointer (&title);
  if (g_utf8_strlen (title, -1) > LABEL_TITLE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (title, 0, LABEL_TITLE_CHARS - 1);

      short_title = g_strconcat (g_strchomp (cut), "…", NULL);
    }
  else
    short_title = g_strdup (title);
  /* Translators: a section: its type and its title, "Article “Why…”" */
  return g_strdup_printf (_("%s “%s”"), _(type->name), short_title);
}

char *
td_issue_describe_path (JsonNode   *root,
                        const char *path)
{
  g_autoptr(GString) label = g_string_new (NULL);
  const TdFieldSpec *fields = NULL;
  const char *p = path;
  g_autofree char *first = NULL;
  int index = -1;

  g_return_val_if_fail (path != NULL, NULL);

  if (!td_json_path_next_step (&p, &first, &index) || first == NULL)
    return g_strdup (path);
  if (g_str_equal (first, TD_SCOPE_PRACTICE))
    {
      g_string_append (label, _("Practice Profile"));
      fields = td_registry_get_practice_fields ();
    }
  else if (g_str_equal (first, TD_SCOPE_ISSUE))
    {
      g_string_append (label, _("Issue Settings"));
      fields = td_registry_get_issue_fields ();
    }
  else if (g_str_equal (first, "sections"))
    {
      g_autofree char *no_key = NULL;
      JsonObject *section;

      if (!td_json_path_next_step (&p, &no_key, &index) || no_key != NULL)
        return g_strdup (path);
      section = td_issue_get_section (root, (guint) index);
      if (section != NULL)
        {
          g_autofree char *section_label = td_section_dup_label (section);
          const TdSectionType *type = section_type (section);

          g_string_append (label, section_label);
          fields = type != NULL ? type->fields : NULL;
        }
      else
        g_string_append_printf (label, _("Section %u"), (guint) index + 1);
    }
  else
    g_string_append (label, first);

  /* The fields by their labels, list items by number. */
  while (*p != '\0')
    {
      g_autofree char *key = NULL;
      const TdFieldSpec *spec;

      if (!td_json_path_next_step (&p, &key, &index))
        break;
      if (key == NULL)
        {
          g_string_append_printf (label, " %u", (guint) index + 1);
          continue;
        }
      spec = fields != NULL ? td_field_spec_find (fields, key) : NULL;
      g_string_append (label, " › ");
      g_string_append (label, spec != NULL && spec->label != NULL ? _(spec->label) : key);
      fields = spec != NULL ? spec->fields : NULL;
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

/* -- Pictures ------------------------------------------------------------ */

static void
collect_pictures (JsonNode          *node,
                  const TdFieldSpec *fields,
                  GPtrArray         *paths)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    {
      JsonNode *member = json_object_get_member (object, spec->key);

      if (member == NULL)
        continue;
      if (spec->kind == TD_FIELD_IMAGE_PATH)
        {
          const char *path = td_json_get_string (object, spec->key);

          if (path[0] != '\0' &&
              !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
            g_ptr_array_add (paths, g_strdup (path));
        }
      else if (spec->kind == TD_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *array = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (array); i++)
            collect_pictures (json_array_get_element (array, i), spec->fields, paths);
        }
      else if (spec->fields != NULL)
        collect_pictures (member, spec->fields, paths);
    }
}

GPtrArray *
td_issue_list_pictures (JsonNode *root)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  JsonArray *sections = td_issue_get_sections (root);

  g_return_val_if_fail (root != NULL, paths);

  if (JSON_NODE_HOLDS_OBJECT (root))
    collect_pictures (json_object_get_member (json_node_get_object (root), "practice"),
                      td_registry_get_practice_fields (), paths);
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = td_issue_get_section (root, i);
      const TdSectionType *type = section != NULL ? section_type (section) : NULL;

      if (type != NULL)
        collect_pictures (json_array_get_element (sections, i), type->fields, paths);
    }
  return paths;
}

/* -- New values ---------------------------------------------------------- */

static JsonObject *
add_required (JsonObject        *object,
              const TdFieldSpec *fields)
{
  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    if ((spec->flags & TD_FIELD_FLAG_REQUIRED) != 0)
      json_object_set_member (object, spec->key, td_field_new_value (spec));
  return object;
}

JsonNode *
td_field_new_value (const TdFieldSpec *spec)
{
  JsonNode *node = json_node_alloc ();

  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case TD_FIELD_BOOLEAN:
      return json_node_init_boolean (node, FALSE);
    case TD_FIELD_INTEGER:
      return json_node_init_int (node, 0);
    case TD_FIELD_LIST:
      return json_node_init_array (node, json_array_new ());
    case TD_FIELD_IMAGE:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_GROUP:
      return json_node_init_object (node, add_required (json_object_new (), spec->fields));
    default:
      return json_node_init_string (node, "");
    }
}

JsonNode *
td_fields_new_object (const TdFieldSpec *fields)
{
  return json_node_init_object (json_node_alloc (), add_required (json_object_new (), fields));
}

char *
td_issue_new_section_id (JsonNode   *root,
                         const char *type)
{
  g_auto(GStrv) ids = td_issue_dup_section_ids (root);
  g_autofree char *base = NULL;

  g_return_val_if_fail (type != NULL, NULL);

  /* The type, made fit for an id: ids stay plain whatever a type is called. */
  base = g_strndup (type, 50);
  for (char *p = base; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
      *p = '-';
  if (!td_section_id_is_valid (base))
    {
      g_free (base);
      base = g_strdup ("section");
    }
  if (!g_strv_contains ((const char * const *) ids, base))
    return g_steal_pointer (&base);
  for (guint n = 2; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", base, n);

      if (!g_strv_contains ((const char * const *) ids, id))
        return g_steal_pointer (&id);
    }
}

JsonNode *
td_issue_new_section (JsonNode            *root,
                      const TdSectionType *type)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id = td_issue_new_section_id (root, type->type);

  /* id and type first, as the canonical writer orders them. */
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", type->type);
  add_required (object, type->fields);
  if (type->title_key != NULL && type->default_title != NULL)
    json_object_set_string_member (object, type->title_key, _(type->default_title));
  return json_node_init_object (json_node_alloc (), object);
}

JsonNode *
td_issue_new_blank (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, TD_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TD_FORMAT_VERSION);
  json_builder_set_member_name (builder, "practice");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "brand_color");
  json_builder_add_string_value (builder, "#2f6f73");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "issue");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "en");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 2; i++)
    {
      const char *kind = i == 0 ? "masthead" : "footer";

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kind);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, kind);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
