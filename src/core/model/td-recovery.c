/* td-recovery.c: autosave of unsaved changes, and recovery after a crash */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-issue.h"
#include "td-issue-loader.h"
#include "td-json-path.h"
#include "td-json-writer.h"
#include "td-recovery.h"
#include "td-registry.h"

#define MAX_VALUE_CHARS 160

struct _TdRecovery
{
  GObject parent_instance;

  /* owned */
  TdDocument *document;
  char *session_key;   /* for an untitled document */
  char *written_key;   /* the key of the copy on disk, or NULL */
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (TdRecovery, td_recovery, G_TYPE_OBJECT)

enum
{
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
td_recovery_get_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_data_dir (),
                                               "tidings", "recovery", NULL));
  return dir;
}

static char *
key_for_document (TdRecovery *self)
{
  GFile *file = td_document_get_file (self->document);
  g_autofree char *uri = NULL;
  g_autofree char *digest = NULL;

  if (file == NULL)
    return g_strdup (self->session_key);
  uri = g_file_get_uri (file);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  /* Half a SHA-256 is plenty to tell a user's files apart. */
  return g_strndup (digest, 32);
}

static char *
path_for_key (const char *key,
              const char *suffix)
{
  g_autofree char *name = g_strconcat (key, suffix, NULL);

  return g_build_filename (td_recovery_get_dir (), name, NULL);
}

static void
delete_key (const char *key)
{
  g_autofree char *path = path_for_key (key, ".tidings");
  g_autofree char *info = path_for_key (key, ".json");

  /* The copy first: a sidecar without a copy is ignored. */
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not delete the recovery copy %s: %s", path, g_strerror (errno));
  g_unlink (info);
}

static void
delete_written (TdRecovery *self)
{
  if (self->written_key != NULL)
    delete_key (self->written_key);
  g_clear_pointer (&self->written_key, g_free);
}

static char *
build_info (TdRecovery *self,
            gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GFile *file = td_document_get_file (self->document);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      json_builder_add_string_value (builder, uri);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "base_dir");
  if (td_document_get_base_dir (self->document) != NULL)
    json_builder_add_string_value (builder, td_document_get_base_dir (self->document));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return td_json_write (root, length);
}

gboolean
td_recovery_write_now (TdRecovery  *self,
                       GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  gsize length = 0;
  gsize info_length = 0;

  g_return_val_if_fail (TD_IS_RECOVERY (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!td_document_get_modified (self->document))
    {
      delete_written (self);
      return TRUE;
    }

  key = key_for_document (self);
  if (self->written_key != NULL && !g_str_equal (key, self->written_key))
    delete_written (self);

  if (g_mkdir_with_parents (td_recovery_get_dir (), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"),
                   td_recovery_get_dir (), g_strerror (saved_errno));
      return FALSE;
    }

  path = path_for_key (key, ".tidings");
  info_path = path_for_key (key, ".json");
  text = td_json_write_issue (td_document_get_root (self->document), &length);
  info = build_info (self, &info_length);

  /* The sidecar first, so a copy never lacks the name of its file. Both are
   * replaced atomically: a crash while writing leaves the previous copy. */
  if (!g_file_set_contents_full (info_path, info, info_length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) ||
      !g_file_set_contents_full (path, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_free (self->written_key);
  self->written_key = g_steal_pointer (&key);
  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  TdRecovery *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!td_recovery_write_now (self, &error))
    g_signal_emit (self, signals[WRITE_FAILED], 0, error);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (TdRecovery *self,
                     TdDocument *document)
{
  /* Restarted on every edit: written once typing pauses. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (TD_RECOVERY_DELAY_MS, timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[tidings] recovery");
}

static void
document_notify_modified_cb (TdRecovery *self,
                             GParamSpec *pspec,
                             TdDocument *document)
{
  if (!td_document_get_modified (document))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      delete_written (self);
    }
}

static void
document_notify_file_cb (TdRecovery *self,
                         GParamSpec *pspec,
                         TdDocument *document)
{
  g_autofree char *key = key_for_document (self);

  if (self->written_key != NULL && !g_str_equal (key, self->written_key))
    delete_written (self);
}

static void
td_recovery_dispose (GObject *object)
{
  TdRecovery *self = TD_RECOVERY (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (td_recovery_parent_class)->dispose (object);
}

static void
td_recovery_finalize (GObject *object)
{
  TdRecovery *self = TD_RECOVERY (object);

  g_free (self->session_key);
  g_free (self->written_key);

  G_OBJECT_CLASS (td_recovery_parent_class)->finalize (object);
}

static void
td_recovery_class_init (TdRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_recovery_dispose;
  object_class->finalize = td_recovery_finalize;

  /**
   * TdRecovery::write-failed:
   * @error: why
   *
   * The recovery copy could not be written (a full disk, say).
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
td_recovery_init (TdRecovery *self)
{
  static guint counter;

  self->session_key = g_strdup_printf ("untitled-%d-%" G_GINT64_FORMAT "-%u",
                                       (int) getpid (), g_get_real_time (),
                                       ++counter);
}

TdRecovery *
td_recovery_new (TdDocument *document)
{
  TdRecovery *self;

  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  self = g_object_new (TD_TYPE_RECOVERY, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "changed",
                            G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "notify::modified",
                            G_CALLBACK (document_notify_modified_cb), self);
  g_signal_connect_swapped (document, "notify::file",
                            G_CALLBACK (document_notify_file_cb), self);
  return self;
}

TdDocument *
td_recovery_get_document (TdRecovery *self)
{
  g_return_val_if_fail (TD_IS_RECOVERY (self), NULL);
  return self->document;
}

void
td_recovery_discard (TdRecovery *self)
{
  g_return_if_fail (TD_IS_RECOVERY (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  delete_written (self);
}

const char *
td_recovery_get_path (TdRecovery *self)
{
  static GQuark quark;

  g_return_val_if_fail (TD_IS_RECOVERY (self), NULL);

  if (self->written_key == NULL)
    return NULL;
  /* Kept on the object so the string outlives this call. */
  if (quark == 0)
    quark = g_quark_from_static_string ("td-recovery-path");
  g_object_set_qdata_full (G_OBJECT (self), quark,
                           path_for_key (self->written_key, ".tidings"), g_free);
  return g_object_get_qdata (G_OBJECT (self), quark);
}

/* -- Entries left on disk ----------------------------------------------- */

void
td_recovery_entry_free (TdRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->path);
  g_free (entry->info_path);
  g_free (entry->uri);
  g_free (entry->base_dir);
  g_free (entry);
}

/* Whether pid is another live Tidings, still editing its document. */
static gboolean
owner_is_alive (gint64 pid)
{
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;
  g_autofree char *prgname = NULL;

  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  comm_path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/comm", pid);
  if (!g_file_get_contents (comm_path, &comm, NULL, NULL))
    return FALSE;
  g_strstrip (comm);
  prgname = g_path_get_basename (g_get_prgname () != NULL ? g_get_prgname () : "tidings");
  return g_str_equal (comm, "tidings") || g_str_has_prefix (prgname, comm);
}

static TdRecoveryEntry *
read_entry (const char *dir,
            const char *name)
{
  g_autoptr(TdRecoveryEntry) entry = g_new0 (TdRecoveryEntry, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *info = NULL;
  GStatBuf st;

  entry->key = g_strndup (name, strlen (name) - strlen (".tidings"));
  entry->path = g_build_filename (dir, name, NULL);
  entry->info_path = path_for_key (entry->key, ".json");
  if (g_stat (entry->path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  entry->time = st.st_mtime;

  if (json_parser_load_from_file (parser, entry->info_path, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      const char *uri;
      const char *base_dir;

      info = json_node_get_object (json_parser_get_root (parser));
      uri = td_json_get_string (info, "uri");
      base_dir = td_json_get_string (info, "base_dir");
      if (uri[0] != '\0')
        entry->uri = g_strdup (uri);
      if (base_dir[0] != '\0')
        entry->base_dir = g_strdup (base_dir);
      entry->time = json_object_get_int_member_with_default (info, "time", entry->time);
      if (owner_is_alive (json_object_get_int_member_with_default (info, "pid", 0)))
        return NULL;
    }
  if (entry->base_dir == NULL && entry->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (entry->uri);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        entry->base_dir = g_file_get_path (parent);
    }
  return g_steal_pointer (&entry);
}

static int
compare_entries_newest_first (gconstpointer a,
                              gconstpointer b)
{
  const TdRecoveryEntry *ea = *(TdRecoveryEntry * const *) a;
  const TdRecoveryEntry *eb = *(TdRecoveryEntry * const *) b;

  return (eb->time > ea->time) - (eb->time < ea->time);
}

GPtrArray *
td_recovery_list_entries (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) td_recovery_entry_free);
  g_autoptr(GDir) dir = g_dir_open (td_recovery_get_dir (), 0, NULL);
  const char *name;

  if (dir == NULL)
    return entries;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      TdRecoveryEntry *entry;

      if (!g_str_has_suffix (name, ".tidings") || name[0] == '.')
        continue;
      entry = read_entry (td_recovery_get_dir (), name);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_entries_newest_first);
  return entries;
}

void
td_recovery_entry_delete (TdRecoveryEntry *entry)
{
  g_return_if_fail (entry != NULL);

  g_unlink (entry->path);
  g_unlink (entry->info_path);
}

JsonNode *
td_recovery_entry_load (TdRecoveryEntry *entry,
                        TdDiagnostics   *diags)
{
  g_autofree char *data = NULL;
  g_autoptr(TdLoadedIssue) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_return_val_if_fail (entry != NULL, NULL);

  if (!g_file_get_contents (entry->path, &data, &length, &error))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL, "%s", error->message);
      return NULL;
    }
  loaded = td_issue_load_from_data (data, length, entry->base_dir, diags);
  if (loaded == NULL)
    return NULL;
  return g_steal_pointer (&loaded->root);
}

TdDocument *
td_recovery_entry_restore (TdRecoveryEntry *entry,
                           TdDiagnostics   *diags)
{
  g_autoptr(JsonNode) recovered = td_recovery_entry_load (entry, diags);
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *wanted;
  JsonObject *current;

  if (recovered == NULL)
    return NULL;
  if (entry->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (entry->uri);
      g_autoptr(TdDiagnostics) saved_diags = td_diagnostics_new ();

      document = td_document_new_from_file (file, saved_diags);
    }
  if (document == NULL)
    {
      document = td_document_new ();
      td_document_set_base_dir (document, entry->base_dir);
    }

  /* Member by member, so that Undo has what was saved to go back to. */
  wanted = json_node_get_object (recovered);
  current = json_node_get_object (td_document_get_root (document));
  td_document_begin_group (document);
  names = json_object_get_members (current);
  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (wanted, l->data))
      td_document_set (document, l->data, NULL, TD_EDIT_NONE);
  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (wanted);
  for (GList *l = names; l != NULL; l = l->next)
    td_document_set (document, l->data, json_object_get_member (wanted, l->data), TD_EDIT_NONE);
  td_document_end_group (document);
  return g_steal_pointer (&document);
}

JsonNode *
td_recovery_entry_load_saved (TdRecoveryEntry *entry)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->uri == NULL)
    return NULL;
  file = g_file_new_for_uri (entry->uri);
  loaded = td_issue_load_from_file (file, diags);
  if (loaded == NULL)
    return NULL;
  return g_steal_pointer (&loaded->root);
}

gboolean
td_recovery_entry_differs (TdRecoveryEntry *entry)
{
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *canonical = NULL;
  gsize recovered_length = 0;
  gsize canonical_length = 0;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (!g_file_get_contents (entry->path, &recovered, &recovered_length, NULL))
    return FALSE;
  if (recovered_length == 0)
    {
      td_recovery_entry_delete (entry);
      return FALSE;
    }
  saved = td_recovery_entry_load_saved (entry);
  if (saved == NULL)
    return TRUE;
  /* Both written by the same canonical writer: equal bytes, equal issues. */
  canonical = td_json_write_issue (saved, &canonical_length);
  if (canonical_length == recovered_length &&
      memcmp (canonical, recovered, recovered_length) == 0)
    {
      td_recovery_entry_delete (entry);
      return FALSE;
    }
  return TRUE;
}

/* -- What differs -------------------------------------------------------- */

void
td_recovery_change_free (TdRecoveryChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->label);
  g_free (change->saved);
  g_free (change->recovered);
  g_free (change);
}

static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdup (text);

  /* One line, so the two columns stay side by side. */
  for (char *p = flat; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (g_utf8_strlen (flat, -1) <= MAX_VALUE_CHARS)
    return g_steal_pointer (&flat);
  {
    g_autofree char *cut = g_utf8_substring (flat, 0, MAX_VALUE_CHARS - 1);

    return g_strconcat (cut, "…", NULL);
  }
}

static char *
describe_value (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return shorten (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }
  {
    g_autofree char *text = td_json_write (node, NULL);

    return shorten (text);
  }
}

static void
add_change (GPtrArray  *changes,
            const char *path,
            const char *label,
            JsonNode   *saved,
            JsonNode   *recovered)
{
  TdRecoveryChange *change = g_new0 (TdRecoveryChange, 1);

  change->path = g_strdup (path);
  change->label = g_strdup (label);
  change->saved = describe_value (saved);
  change->recovered = describe_value (recovered);
  g_ptr_array_add (changes, change);
}

static void
add_change_text (GPtrArray  *changes,
                 const char *path,
                 const char *label,
                 const char *saved,
                 const char *recovered)
{
  TdRecoveryChange *change = g_new0 (TdRecoveryChange, 1);

  change->path = g_strdup (path);
  change->label = g_strdup (label);
  change->saved = g_strdup (saved);
  change->recovered = g_strdup (recovered);
  g_ptr_array_add (changes, change);
}

static JsonNode *
member (JsonNode   *object,
        const char *key)
{
  if (object == NULL || !JSON_NODE_HOLDS_OBJECT (object))
    return NULL;
  return json_object_get_member (json_node_get_object (object), key);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static void diff_fields (GPtrArray         *changes,
                         const char        *path,
                         const char        *label,
                         const TdFieldSpec *fields,
                         JsonNode          *saved,
                         JsonNode          *recovered);

static void
diff_list (GPtrArray         *changes,
           const char        *path,
           const char        *label,
           const TdFieldSpec *fields,
           JsonNode          *saved,
           JsonNode          *recovered)
{
  JsonArray *a = saved != NULL && JSON_NODE_HOLDS_ARRAY (saved) ? json_node_get_array (saved) : NULL;
  JsonArray *b = recovered != NULL && JSON_NODE_HOLDS_ARRAY (recovered)
                 ? json_node_get_array (recovered) : NULL;
  guint na = a != NULL ? json_array_get_length (a) : 0;
  guint nb = b != NULL ? json_array_get_length (b) : 0;

  for (guint i = 0; i < MAX (na, nb); i++)
    {
      JsonNode *x = i < na ? json_array_get_element (a, i) : NULL;
      JsonNode *y = i < nb ? json_array_get_element (b, i) : NULL;
      g_autofree char *item_path = td_json_path_child_index (path, i);
      /* Translators: a list and the number of one of its items: "Badges 2" */
      g_autofree char *item_label = g_strdup_printf (_("%s %u"), label, i + 1);

      if (nodes_equal (x, y))
        continue;
      if (x == NULL || y == NULL || fields == NULL)
        add_change (changes, item_path, item_label, x, y);
      else
        diff_fields (changes, item_path, item_label, fields, x, y);
    }
}

static void
diff_fields (GPtrArray         *changes,
             const char        *path,
             const char        *label,
             const TdFieldSpec *fields,
             JsonNode          *saved,
             JsonNode          *recovered)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean others_differ = FALSE;

  for (const TdFieldSpec *spec = fields; spec->key != NULL; spec++)
    {
      JsonNode *x = member (saved, spec->key);
      JsonNode *y = member (recovered, spec->key);
      g_autofree char *child_path = td_json_path_child_key (path, spec->key);
      g_autofree char *child_label = NULL;

      g_hash_table_add (known, (gpointer) spec->key);
      if (nodes_equal (x, y))
        continue;
      child_label = spec->label != NULL
                    ? g_strdup_printf ("%s › %s", label, _(spec->label))
                    : g_strdup_printf ("%s › %s", label, spec->key);
      if (spec->kind == TD_FIELD_LIST)
        diff_list (changes, child_path, child_label, spec->fields, x, y);
      else if (spec->fields != NULL && x != NULL && y != NULL &&
               JSON_NODE_HOLDS_OBJECT (x) && JSON_NODE_HOLDS_OBJECT (y))
        diff_fields (changes, child_path, child_label, spec->fields, x, y);
      else
        add_change (changes, child_path, child_label, x, y);
    }

  /* Members Tidings doesn't know (kept from newer files): one line. */
  for (guint side = 0; side < 2 && !others_differ; side++)
    {
      JsonNode *node = side == 0 ? saved : recovered;
      JsonNode *other = side == 0 ? recovered : saved;
      g_autoptr(GList) names = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL && !others_differ; l = l->next)
        if (!g_hash_table_contains (known, l->data) &&
            !nodes_equal (member (node, l->data), member (other, l->data)))
          others_differ = TRUE;
    }
  if (others_differ)
    {
      g_autofree char *other_label = g_strdup_printf ("%s › %s", label, _("Other details"));

      add_change_text (changes, path, other_label, _("As saved"), _("Changed"));
    }
}

static const char *
section_id (JsonNode *section)
{
  if (section == NULL || !JSON_NODE_HOLDS_OBJECT (section))
    return "";
  return td_json_get_string (json_node_get_object (section), "id");
}

static char *
section_label (JsonNode *section)
{
  if (section == NULL || !JSON_NODE_HOLDS_OBJECT (section))
    return g_strdup (_("Section"));
  return td_section_dup_label (json_node_get_object (section));
}

static int
find_section (JsonArray  *sections,
              const char *id)
{
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    if (g_str_equal (section_id (json_array_get_element (sections, i)), id))
      return (int) i;
  return -1;
}

static char *
sections_outline (JsonArray *sections)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      g_autofree char *label = section_label (json_array_get_element (sections, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
td_recovery_diff (JsonNode *saved,
                  JsonNode *recovered)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_recovery_change_free);
  JsonNode *saved_sections = member (saved, "sections");
  JsonNode *recovered_sections = member (recovered, "sections");
  JsonArray *a = saved_sections != NULL && JSON_NODE_HOLDS_ARRAY (saved_sections)
                 ? json_node_get_array (saved_sections) : NULL;
  JsonArray *b = recovered_sections != NULL && JSON_NODE_HOLDS_ARRAY (recovered_sections)
                 ? json_node_get_array (recovered_sections) : NULL;
  g_autoptr(GPtrArray) common_b = g_ptr_array_new ();

  g_return_val_if_fail (recovered != NULL, changes);

  /* Nothing to compare with: what the copy is, in two lines. */
  if (saved == NULL)
    {
      JsonNode *issue = member (recovered, "issue");
      g_autofree char *outline = sections_outline (b);
      g_autofree char *short_outline = shorten (outline);
      g_autofree char *title_label = g_strdup_printf ("%s › %s", _("Issue Settings"),
                                                      _("Title"));

      add_change (changes, "issue.title", title_label, NULL, member (issue, "title"));
      add_change_text (changes, "sections", _("Sections"), "", short_outline);
      return changes;
    }

  diff_fields (changes, "practice", _("Practice Profile"), td_registry_get_practice_fields (),
               member (saved, "practice"), member (recovered, "practice"));
  diff_fields (changes, "issue", _("Issue Settings"), td_registry_get_issue_fields (),
               member (saved, "issue"), member (recovered, "issue"));

  /* Sections are matched by id, so a moved section is not "changed". */
  for (guint i = 0; b != NULL && i < json_array_get_length (b); i++)
    {
      JsonNode *y = json_array_get_element (b, i);
      int j = find_section (a, section_id (y));
      JsonNode *x = j >= 0 ? json_array_get_element (a, (guint) j) : NULL;
      g_autofree char *path = td_json_path_child_index ("sections", i);
      g_autofree char *label = section_label (y);

      if (x == NULL)
        {
          g_autofree char *added = g_strdup_printf ("%s › %s", label, _("Added"));

          add_change_text (changes, path, added, "", label);
          continue;
        }
      g_ptr_array_add (common_b, (gpointer) section_id (y));
      if (nodes_equal (x, y))
        continue;
      {
        const char *type_x = td_json_get_string (json_node_get_object (x), "type");
        const char *type_y = td_json_get_string (json_node_get_object (y), "type");
        const TdSectionType *type = td_registry_lookup_section_type (type_y);

        if (type == NULL || !g_str_equal (type_x, type_y))
          add_change (changes, path, label, x, y);
        else
          diff_fields (changes, path, label, type->fields, x, y);
      }
    }
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonNode *x = json_array_get_element (a, i);

      if (find_section (b, section_id (x)) < 0)
        {
          g_autofree char *path = td_json_path_child_index ("sections", i);
          g_autofree char *label = section_label (x);
          g_autofree char *removed = g_strdup_printf ("%s › %s", label, _("Removed"));

          add_change_text (changes, path, removed, label, "");
        }
    }
  /* The sections both have, in a different order: one line. */
  {
    g_autoptr(GPtrArray) order_a = g_ptr_array_new ();

    for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
      {
        const char *id = section_id (json_array_get_element (a, i));

        if (find_section (b, id) >= 0)
          g_ptr_array_add (order_a, (gpointer) id);
      }
    for (guint i = 0; i < order_a->len && i < common_b->len; i++)
      if (!g_str_equal (g_ptr_array_index (order_a, i), g_ptr_array_index (common_b, i)))
        {
          TdRecoveryChange *change = g_new0 (TdRecoveryChange, 1);
          g_autofree char *outline_a = NULL;
          g_autofree char *outline_b = NULL;

          change->path = g_strdup ("sections");
          change->label = g_strdup (_("Order of the sections"));
          outline_a = sections_outline (a);
          outline_b = sections_outline (b);
          change->saved = shorten (outline_a);
          change->recovered = shorten (outline_b);
          g_ptr_array_add (changes, change);
          break;
        }
  }
  return changes;
}
