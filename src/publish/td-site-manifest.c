/* td-site-manifest.c: what a published site holds, file by file */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "td-publish-error.h"
#include "td-site-manifest.h"

#define MANIFEST_FORMAT "tidings-site"

static TdSiteManifest *
manifest_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
hash_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[64 * 1024];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                   cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, (gsize) n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
scan_folder (TdSiteManifest  *manifest,
             GFile           *folder,
             const char      *prefix,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (children == NULL)
    return FALSE;
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      g_autofree char *path = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        return TRUE;
      name = g_file_info_get_name (info);
      if (name[0] == '.')
        continue;
      path = prefix != NULL ? g_strconcat (prefix, "/", name, NULL) : g_strdup (name);
      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!scan_folder (manifest, child, path, cancellable, error))
            return FALSE;
          break;
        case G_FILE_TYPE_REGULAR:
          {
            char *hash = hash_file (child, cancellable, error);

            if (hash == NULL)
              return FALSE;
            g_hash_table_insert (manifest, g_steal_pointer (&path), hash);
          }
          break;
        default:
          break;
        }
    }
}

TdSiteManifest *
td_site_manifest_scan (const char    *dir,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GHashTable) manifest = manifest_new ();

  if (!scan_folder (manifest, folder, NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&manifest);
}

gboolean
td_site_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || path[0] == '\0' || path[0] == '/' || strchr (path, '\\') != NULL)
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static gboolean
is_hex_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c))
      return FALSE;
  return TRUE;
}

TdSiteManifest *
td_site_manifest_parse (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) manifest = manifest_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;
  JsonObject *files;
  JsonObjectIter iter;
  const char *path;
  JsonNode *hash;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser))
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                "format", NULL),
                    MANIFEST_FORMAT) != 0
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "files")))
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                   _("The list of published files on the server (%s) is damaged: remove "
                     "it there, and Tidings uploads the whole site again"),
                   TD_SITE_MANIFEST_NAME);
      return NULL;
    }
  files = json_object_get_object_member (json_node_get_object (root), "files");
  json_object_iter_init (&iter, files);
  while (json_object_iter_next (&iter, &path, &hash))
    if (td_site_path_is_safe (path) && JSON_NODE_HOLDS_VALUE (hash)
        && is_hex_sha256 (json_node_get_string (hash)))
      g_hash_table_insert (manifest, g_strdup (path),
                           g_ascii_strdown (json_node_get_string (hash), -1));
  return g_steal_pointer (&manifest);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
depth (const char *path)
{
  guint n = 0;

  for (const char *c = path; *c != '\0'; c++)
    n += *c == '/';
  return n;
}

static int
compare_upload_order (gconstpointer a,
                      gconstpointer b)
{
  const char *pa = *(const char * const *) a;
  const char *pb = *(const char * const *) b;
  guint da = depth (pa);
  guint db = depth (pb);

  if (da != db)
    return da > db ? -1 : 1;
  return strcmp (pa, pb);
}

static GPtrArray *
sorted_keys (TdSiteManifest *manifest)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, manifest);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    g_ptr_array_add (keys, path);
  g_ptr_array_sort (keys, compare_paths);
  return keys;
}

GBytes *
td_site_manifest_to_bytes (TdSiteManifest *manifest)
{
  g_autoptr(GPtrArray) paths = sorted_keys (manifest);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, MANIFEST_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  for (guint i = 0; i < paths->len; i++)
    {
      json_builder_set_member_name (builder, paths->pdata[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (manifest, paths->pdata[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

GPtrArray *
td_site_manifest_changed (TdSiteManifest *local,
                          TdSiteManifest *remote)
{
  GPtrArray *changed = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path, hash;

  g_hash_table_iter_init (&iter, local);
  while (g_hash_table_iter_next (&iter, &path, &hash))
    if (g_strcmp0 (hash, g_hash_table_lookup (remote, path)) != 0)
      g_ptr_array_add (changed, g_strdup (path));
  g_ptr_array_sort (changed, compare_upload_order);
  return changed;
}

GPtrArray *
td_site_manifest_stale (TdSiteManifest *local,
                        TdSiteManifest *remote)
{
  GPtrArray *stale = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, remote);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (local, path))
      g_ptr_array_add (stale, g_strdup (path));
  g_ptr_array_sort (stale, compare_paths);
  return stale;
}
