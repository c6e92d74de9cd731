/* td-issue-validator.c: structural checks of an issue, field by field
 *
 * The walk is driven by the registry: each object is checked against its list
 * of field specs. Unknown members are allowed and kept (files written by a
 * newer Tidings stay intact); unknown section types get a warning.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-issue-validator.h"
#include "td-json-number.h"
#include "td-json-path.h"
#include "td-picture-file.h"

#define MAX_SECTIONS   1000
#define MAX_LIST_ITEMS 200

typedef struct
{
  TdDiagnostics *diags;
  const char *base_dir;
} Context;

static void validate_object (Context           *ctx,
                             JsonObject        *object,
                             const TdFieldSpec *fields,
                             const char        *path);

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         !td_json_node_holds_number (node);
}

static gboolean
has_space_or_control (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p <= 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* The scheme of an absolute URL, lower-cased, or NULL for anything else. */
static char *
url_scheme (const char *value)
{
  const char *colon = strchr (value, ':');

  if (colon == NULL || colon == value || !g_ascii_isalpha (value[0]))
    return NULL;
  for (const char *p = value; p < colon; p++)
    if (!(g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'))
      return NULL;
  return g_ascii_strdown (value, colon - value);
}

static gboolean
check_url (const char  *value,
           gboolean     allow_mailto,
           char       **message)
{
  g_autofree char *scheme = url_scheme (value);

  if (scheme == NULL ||
      !(g_str_equal (scheme, "https") || g_str_equal (scheme, "http") ||
        (allow_mailto && g_str_equal (scheme, "mailto"))))
    {
      *message = allow_mailto
        ? g_strdup_printf (_("“%s” is not a web or email address: it must start with "
                             "https://, http:// or mailto:"), value)
        : g_strdup_printf (_("“%s” is not a web address: it must start with https://"),
                           value);
      return FALSE;
    }
  if (has_space_or_control (value))
    {
      *message = g_strdup_printf (_("“%s” cannot be a web address: it contains spaces "
                                    "(write them as %%20)"), value);
      return FALSE;
    }
  if (!g_str_equal (scheme, "mailto"))
    {
      g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
        {
          *message = g_strdup_printf (_("“%s” is not a complete web address"), value);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_phone (const char  *value,
             char       **message)
{
  guint digits = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-().", *p) == NULL)
        {
          *message = g_strdup_printf (_("“%s” is not a phone number: use digits, spaces, "
                                        "+, - and brackets only"), value);
          return FALSE;
        }
    }
  if (digits < 3 || digits > 20)
    {
      *message = g_strdup_printf (_("“%s” is not a phone number"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_email (const char  *value,
             char       **message)
{
  const char *at = strchr (value, '@');

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL ||
      strchr (at + 1, '.') == NULL || has_space_or_control (value) ||
      g_str_has_suffix (value, "."))
    {
      *message = g_strdup_printf (_("“%s” is not an email address such as "
                                    "name@example.com"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_color (const char  *value,
             char       **message)
{
  gsize len = strlen (value);
  gboolean ok = value[0] == '#' && (len == 4 || len == 7);

  for (gsize i = 1; ok && i < len; i++)
    ok = g_ascii_isxdigit (value[i]);
  if (!ok)
    *message = g_strdup_printf (_("“%s” is not a colour: write it as #rrggbb, "
                                  "for example #2f6f73"), value);
  return ok;
}

static gboolean
check_date (const char  *value,
            gboolean     day_kind,
            char       **message)
{
  guint year, month, day = 1;
  gsize len = strlen (value);
  gboolean shape = (len == 7 || len == 10) && value[4] == '-' && (len == 7 || value[7] == '-');

  for (gsize i = 0; shape && i < len; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      shape = FALSE;
  if (!shape && day_kind)
    {
      *message = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, "
                                    "for example 2023-08-31"), value);
      return FALSE;
    }
  if (!shape)
    {
      *message = g_strdup_printf (_("“%s” is not a date: write the month as YYYY-MM, "
                                    "for example 2023-08"), value);
      return FALSE;
    }
  year = (guint) g_ascii_strtoull (value, NULL, 10);
  month = (guint) g_ascii_strtoull (value + 5, NULL, 10);
  if (len == 10)
    day = (guint) g_ascii_strtoull (value + 8, NULL, 10);
  if (year < 1900 || month < 1 || month > 12)
    {
      *message = g_strdup_printf (_("“%s” is not a date: there is no month %u of %u"),
                                  value, month, year);
      return FALSE;
    }
  if (!g_date_valid_dmy (day, month, year))
    {
      *message = g_strdup_printf (_("“%s” is not a date: %04u-%02u has no day %u"),
                                  value, year, month, day);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_language (const char  *value,
                char       **message)
{
  g_auto(GStrv) parts = g_strsplit (value, "-", -1);
  gboolean ok = parts[0] != NULL;

  for (guint i = 0; ok && parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      ok = i == 0 ? (len == 2 || len == 3) : (len >= 1 && len <= 8);
      for (gsize j = 0; ok && j < len; j++)
        ok = i == 0 ? g_ascii_isalpha (parts[i][j]) : g_ascii_isalnum (parts[i][j]);
    }
  if (!ok)
    *message = g_strdup_printf (_("“%s” is not a language code such as en or es"), value);
  return ok;
}

/* Sets *message (when message is not NULL) and returns FALSE. */
static gboolean G_GNUC_PRINTF (2, 3)
refuse (char       **message,
        const char  *format,
        ...)
{
  va_list args;

  if (message == NULL)
    return FALSE;
  va_start (args, format);
  *message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

gboolean
td_image_path_is_safe (const char  *path,
                       char       **message)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *scheme = NULL;

  if (path == NULL || path[0] == '\0')
    return refuse (message, _("the picture has no file name"));
  for (const char *p = path; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return refuse (message, _("“%s” contains control characters"), path);
  if (strchr (path, '\\') != NULL)
    return refuse (message, _("“%s” uses backslashes: write folders with “/”, such as "
                              "images/photo.jpg"), path);
  scheme = url_scheme (path);
  if (scheme != NULL || strchr (path, ':') != NULL || g_path_is_absolute (path) ||
      path[0] == '~')
    return refuse (message, _("“%s” must be a picture in the issue’s folder, "
                              "such as images/photo.jpg"), path);
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return refuse (message, _("“%s” points outside the issue’s folder"), path);
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        return refuse (message, _("“%s” is not a plain path: write it as "
                                  "images/photo.jpg"), path);
    }
  if (!td_image_path_has_image_extension (path))
    return refuse (message, _("“%s” is not a PNG, JPEG or GIF picture"), path);
  return TRUE;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* C0, DEL and C1: never text, and escapes to a terminal. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* One-line fields end up in mail headers (Subject:, From:) and on single
 * lines of the text version, where a line break could start a header of
 * its own: none of any kind, nor other control characters. Multi-line
 * fields keep line feeds (LF, U+2028, U+2029) and tabs, and refuse the
 * other controls (a CR would be a bare CR in the .eml). The messages never
 * quote the value: it is what cannot be shown. */
static gboolean
check_characters (TdFieldKind   kind,
                  const char   *value,
                  char        **message)
{
  gboolean one_line = kind != TD_FIELD_MULTILINE && kind != TD_FIELD_MARKDOWN;

  if (!g_utf8_validate (value, -1, NULL))
    return refuse (message, _("is not valid UTF-8 text"));
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (one_line && is_line_break (c))
        return refuse (message, _("contains a line break (U+%04X); this field is one line "
                                  "of text"), c);
      if (!one_line && (c == '\n' || c == '\t'))
        continue;
      if (is_control (c))
        return refuse (message, _("contains the control character U+%04X; remove it"), c);
    }
  return TRUE;
}

gboolean
td_field_check_string (TdFieldKind  kind,
                       const char  *value,
                       char       **message)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  *message = NULL;
  if (value[0] == '\0')
    return TRUE;
  if (!check_characters (kind, value, message))
    return FALSE;

  switch (kind)
    {
    case TD_FIELD_URL:
      return check_url (value, TRUE, message);
    case TD_FIELD_VIDEO_URL:
      return check_url (value, FALSE, message);
    case TD_FIELD_UNSUBSCRIBE_URL:
      if (td_url_is_merge_tag (value) || check_url (value, TRUE, message))
        return TRUE;
      g_free (*message);
      *message = g_strdup_printf (_("“%s” is neither a web address (https://…) nor a mailing "
                                    "service’s merge tag such as *|UNSUB|* or "
                                    "{{ unsubscribe_url }}"), value);
      return FALSE;
    case TD_FIELD_PHONE:
      return check_phone (value, message);
    case TD_FIELD_EMAIL:
      return check_email (value, message);
    case TD_FIELD_COLOR:
      return check_color (value, message);
    case TD_FIELD_DATE:
    case TD_FIELD_DAY:
      return check_date (value, kind == TD_FIELD_DAY, message);
    case TD_FIELD_LANGUAGE:
      return check_language (value, message);
    case TD_FIELD_IMAGE_PATH:
      return td_image_path_is_safe (value, message);
    case TD_FIELD_TEXT:
    case TD_FIELD_MULTILINE:
    case TD_FIELD_MARKDOWN:
    case TD_FIELD_BOOLEAN:
    case TD_FIELD_INTEGER:
    case TD_FIELD_IMAGE:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_LIST:
    case TD_FIELD_GROUP:
    default:
      return TRUE;
    }
}

/* An image that is named must be a real picture inside the folder: not a
 * link out of it, not a text file renamed .png. Missing is only a warning:
 * the picture may not have been copied yet. */
static void
check_image_file (Context    *ctx,
                  const char *relative,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  TdImageInfo info;

  if (ctx->base_dir == NULL)
    return;

  if (td_picture_file_get_info (ctx->base_dir, relative, &info, &error))
    return;
  if (g_error_matches (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_FOUND))
    td_diagnostics_add (ctx->diags, TD_SEVERITY_WARNING, path,
                        _("the picture “%s” is missing from the issue’s folder"), relative);
  else if (error->domain == TD_IMAGE_INFO_ERROR)
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                        _("“%s” is not a PNG, JPEG or GIF picture"), relative);
  else
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path, "%s", error->message);
}

static void
validate_string (Context           *ctx,
                 JsonNode          *node,
                 const TdFieldSpec *spec,
                 const char        *path)
{
  const char *value;
  gsize max_length = td_field_kind_max_length (spec->kind);
  g_autofree char *message = NULL;

  if (!node_is_string (node))
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                          _("must be text, not %s"), td_json_describe_node (node));
      return;
    }
  value = json_node_get_string (node);
  if (max_length > 0 && strlen (value) > max_length)
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                          _("is too long (%zu bytes; at most %zu)"), strlen (value), max_length);
      return;
    }
  if (!td_field_check_string (spec->kind, value, &message))
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path, "%s", message);
      return;
    }
  if (spec->kind == TD_FIELD_IMAGE_PATH && value[0] != '\0')
    check_image_file (ctx, value, path);
}

/* Judged by the number's text, so that one beyond a gint64 is said to be
 * too large rather than read as what it overflows to. */
static void
validate_integer (Context    *ctx,
                  JsonNode   *node,
                  const char *path)
{
  gint64 value;

  switch (td_json_number_get_integer (node, &value))
    {
    case TD_JSON_INTEGER_OK:
      break;
    case TD_JSON_INTEGER_OUT_OF_RANGE:
      {
        g_autofree char *text = td_json_number_describe (node);

        td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                            _("%s is too large a number"), text);
        break;
      }
    case TD_JSON_INTEGER_NOT_A_NUMBER:
    case TD_JSON_INTEGER_NOT_WHOLE:
    default:
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                          _("must be a whole number, not %s"), td_json_describe_node (node));
    }
}

static void
validate_list (Context           *ctx,
               JsonNode          *node,
               const TdFieldSpec *spec,
               const char        *path)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                          _("must be a list, not %s"), td_json_describe_node (node));
      return;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_LIST_ITEMS)
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                          _("has too many items (%u; at most %u)"), n, MAX_LIST_ITEMS);
      return;
    }
  for (guint i = 0; i < n && !td_diagnostics_is_full (ctx->diags); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = td_json_path_child_index (path, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, item_path,
                            _("must be an object, not %s"), td_json_describe_node (item));
      else
        validate_object (ctx, json_node_get_object (item), spec->fields, item_path);
    }
}

static void
validate_field (Context           *ctx,
                JsonNode          *node,
                const TdFieldSpec *spec,
                const char        *path)
{
  if (td_field_kind_is_string (spec->kind))
    {
      validate_string (ctx, node, spec, path);
      return;
    }

  switch (spec->kind)
    {
    case TD_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                            _("must be true or false, not %s"), td_json_describe_node (node));
      break;
    case TD_FIELD_INTEGER:
      validate_integer (ctx, node, path);
      break;
    case TD_FIELD_LIST:
      validate_list (ctx, node, spec, path);
      break;
    case TD_FIELD_IMAGE:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_GROUP:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                            _("must be an object, not %s"), td_json_describe_node (node));
      else
        validate_object (ctx, json_node_get_object (node), spec->fields, path);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
validate_object (Context           *ctx,
                 JsonObject        *object,
                 const TdFieldSpec *fields,
                 const char        *path)
{
  for (const TdFieldSpec *spec = fields; spec->key != NULL; spec++)
    {
      JsonNode *node = json_object_get_member (object, spec->key);
      g_autofree char *child = td_json_path_child_key (path, spec->key);

      if (td_diagnostics_is_full (ctx->diags))
        return;
      if (node == NULL)
        {
          if ((spec->flags & TD_FIELD_FLAG_REQUIRED) != 0)
            td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, child,
                                _("is missing (it is required)"));
          continue;
        }
      validate_field (ctx, node, spec, child);
    }
}

gboolean
td_section_id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

/* Checks "id" and "type"; returns the type's string, or NULL. */
static const char *
validate_section_header (Context    *ctx,
                         JsonObject *section,
                         const char *path,
                         GHashTable *seen_ids)
{
  JsonNode *id = json_object_get_member (section, "id");
  JsonNode *type = json_object_get_member (section, "type");
  g_autofree char *id_path = td_json_path_child_key (path, "id");
  g_autofree char *type_path = td_json_path_child_key (path, "type");

  if (id == NULL)
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, id_path, _("is missing (it is required)"));
  else if (!node_is_string (id))
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, id_path,
                        _("must be text, not %s"), td_json_describe_node (id));
  else if (!td_section_id_is_valid (json_node_get_string (id)))
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, id_path,
                        _("“%s” is not a section id: use 1 to 64 letters, digits, - or _"),
                        json_node_get_string (id));
  else
    {
      const char *value = json_node_get_string (id);
      const char *first = g_hash_table_lookup (seen_ids, value);

      if (first != NULL)
        td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, id_path,
                            _("duplicate section id “%s” (already used by %s)"), value, first);
      else
        g_hash_table_insert (seen_ids, g_strdup (value), g_strdup (path));
    }

  if (type == NULL)
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, type_path,
                        _("is missing (it is required)"));
  else if (!node_is_string (type))
    td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, type_path,
                        _("must be text, not %s"), td_json_describe_node (type));
  else
    return json_node_get_string (type);
  return NULL;
}

static void
validate_sections (Context  *ctx,
                   JsonNode *node)
{
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          g_free, g_free);
  JsonArray *sections;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, "sections",
                          _("must be a list, not %s"), td_json_describe_node (node));
      return;
    }
  sections = json_node_get_array (node);
  n = json_array_get_length (sections);
  if (n > MAX_SECTIONS)
    {
      td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, "sections",
                          _("has too many sections (%u; at most %u)"), n, MAX_SECTIONS);
      return;
    }

  for (guint i = 0; i < n && !td_diagnostics_is_full (ctx->diags); i++)
    {
      JsonNode *item = json_array_get_element (sections, i);
      g_autofree char *path = td_json_path_child_index ("sections", i);
      const TdSectionType *section_type;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          td_diagnostics_add (ctx->diags, TD_SEVERITY_ERROR, path,
                              _("must be an object, not %s"), td_json_describe_node (item));
          continue;
        }
      type = validate_section_header (ctx, json_node_get_object (item), path, seen_ids);
      if (type == NULL)
        continue;
      section_type = td_registry_lookup_section_type (type);
      if (section_type == NULL)
        {
          g_autofree char *type_path = td_json_path_child_key (path, "type");

          td_diagnostics_add (ctx->diags, TD_SEVERITY_WARNING, type_path,
                              _("unknown section type “%s”: it is kept in the file "
                                "but not shown"), type);
          continue;
        }
      validate_object (ctx, json_node_get_object (item), section_type->fields, path);
    }
}

void
td_issue_validate (JsonNode      *root,
                   const char    *base_dir,
                   TdDiagnostics *diags)
{
  Context ctx = { diags, base_dir };
  JsonObject *object;
  const TdFieldSpec *doc_fields = td_registry_get_document_fields ();

  g_return_if_fail (root != NULL);
  g_return_if_fail (diags != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("the file must hold a JSON object, not %s"), td_json_describe_node (root));
      return;
    }
  object = json_node_get_object (root);

  for (const TdFieldSpec *spec = doc_fields; spec->key != NULL; spec++)
    {
      JsonNode *node = json_object_get_member (object, spec->key);

      if (node == NULL)
        {
          if ((spec->flags & TD_FIELD_FLAG_REQUIRED) != 0)
            td_diagnostics_add (diags, TD_SEVERITY_ERROR, spec->key,
                                _("is missing (it is required)"));
        }
      else if (g_str_equal (spec->key, "sections"))
        validate_sections (&ctx, node);
      else if (!g_str_equal (spec->key, "format") && !g_str_equal (spec->key, "version"))
        validate_field (&ctx, node, spec, spec->key);
    }
}
