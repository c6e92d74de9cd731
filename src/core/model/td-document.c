/* td-document.c: the open issue, its commands and its undo history */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-document.h"
#include "td-document-private.h"
#include "td-image-info.h"
#include "td-issue.h"
#include "td-issue-loader.h"
#include "td-issue-saver.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-registry.h"

/* Keystrokes in one field closer together than this form one undo step. */
#define MERGE_WINDOW_USEC (2 * G_USEC_PER_SEC)
#define MAX_UNDO_STEPS    1000

typedef enum
{
  COMMAND_SET,     /* path := new_value (NULL removes) */
  COMMAND_INSERT,  /* path[index] inserted: new_value */
  COMMAND_REMOVE,  /* path[index] removed: old_value */
  COMMAND_MOVE,    /* path[index] moved to path[to] */
  COMMAND_GROUP,   /* children, in order */
} CommandKind;

typedef struct
{
  CommandKind kind;
  guint64 serial;
  char *path;
  JsonNode *old_value;
  JsonNode *new_value;
  guint index;
  guint to;
  gboolean mergeable;
  gint64 time;
  GPtrArray *children;
} Command;

struct _TdDocument
{
  GObject parent_instance;

  JsonNode *root;
  GFile *file;
  char *base_dir;      /* the folder pictures are relative to, or NULL */
  char *etag;
  guint from_version;

  GPtrArray *undo;     /* of Command, oldest first */
  GPtrArray *redo;     /* of Command, next to redo last */
  Command *group;      /* open group, or NULL */
  guint group_depth;
  guint64 next_serial;
  guint64 saved_serial;  /* serial of the undo top when last saved; 0: empty */
  gboolean sealed;
};

G_DEFINE_FINAL_TYPE (TdDocument, td_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_BASE_DIR,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  CHANGED,
  FIELD_CHANGED,
  SECTION_INSERTED,
  SECTION_REMOVED,
  SECTION_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->path);
  g_clear_pointer (&command->old_value, json_node_unref);
  g_clear_pointer (&command->new_value, json_node_unref);
  g_clear_pointer (&command->children, g_ptr_array_unref);
  g_free (command);
}

static Command *
command_new (TdDocument  *self,
             CommandKind  kind,
             const char  *path)
{
  Command *command = g_new0 (Command, 1);

  command->kind = kind;
  command->serial = ++self->next_serial;
  command->path = g_strdup (path);
  command->time = g_get_monotonic_time ();
  return command;
}

/* Replaces the node at path. Parents must exist; arrays are rebuilt since
 * JsonArray cannot replace an element in place. */
static gboolean
put_node (JsonNode   *root,
          const char *path,
          JsonNode   *value)
{
  g_autofree char *parent_path = NULL;
  g_autofree char *key = NULL;
  JsonNode *parent;
  int index = -1;

  if (!td_json_path_split (path, &parent_path, &key, &index))
    return FALSE;
  parent = parent_path[0] == '\0' ? root : td_json_path_lookup (root, parent_path);
  if (parent == NULL)
    return FALSE;

  if (key != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (parent))
        return FALSE;
      if (value == NULL)
        json_object_remove_member (json_node_get_object (parent), key);
      else
        json_object_set_member (json_node_get_object (parent), key, json_node_ref (value));
      return TRUE;
    }
  else
    {
      JsonArray *old;
      g_autoptr(JsonArray) array = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (parent) || value == NULL)
        return FALSE;
      old = json_node_get_array (parent);
      if ((guint) index >= json_array_get_length (old))
        return FALSE;
      array = json_array_sized_new (json_array_get_length (old));
      for (guint i = 0; i < json_array_get_length (old); i++)
        json_array_add_element (array, json_node_ref ((guint) index == i
                                                      ? value
                                                      : json_array_get_element (old, i)));
      json_node_set_array (parent, array);
      return TRUE;
    }
}

/* The array at path rebuilt by op: insert value at index, remove index, or
 * move index to `to`. */
typedef enum { ARRAY_INSERT, ARRAY_REMOVE, ARRAY_MOVE } ArrayOp;

static gboolean
edit_array (JsonNode   *root,
            const char *path,
            ArrayOp     op,
            guint       index,
            guint       to,
            JsonNode   *value)
{
  JsonNode *node = td_json_path_lookup (root, path);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonArray) array = NULL;
  JsonArray *old;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  old = json_node_get_array (node);
  n = json_array_get_length (old);
  if ((op == ARRAY_INSERT && index > n) || (op != ARRAY_INSERT && index >= n) ||
      (op == ARRAY_MOVE && to >= n))
    return FALSE;

  items = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, json_array_get_element (old, i));
  if (op == ARRAY_INSERT)
    g_ptr_array_insert (items, index, value);
  else
    {
      gpointer item = g_ptr_array_steal_index (items, index);

      if (op == ARRAY_MOVE)
        g_ptr_array_insert (items, to, item);
    }

  array = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (items, i)));
  json_node_set_array (node, array);
  return TRUE;
}

/* -- Telling listeners what changed -------------------------------------- */

/* The sections as they were before a change to the list itself, to tell
 * afterwards which went, which came and which were replaced. */
typedef struct
{
  GStrv ids;
  GPtrArray *nodes;   /* referenced, so a replacement can't reuse an address */
} SectionsSnapshot;

static void
snapshot_clear (SectionsSnapshot *snapshot)
{
  g_clear_pointer (&snapshot->ids, g_strfreev);
  g_clear_pointer (&snapshot->nodes, g_ptr_array_unref);
}

static void
snapshot_take (SectionsSnapshot *snapshot,
               JsonNode         *root)
{
  JsonArray *sections = td_issue_get_sections (root);
  guint n = sections != NULL ? json_array_get_length (sections) : 0;

  snapshot->ids = td_issue_dup_section_ids (root);
  snapshot->nodes = g_ptr_array_new_full (n, (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot->nodes, json_node_ref (json_array_get_element (sections, i)));
}

static int
strv_find (GStrv       strv,
           const char *s)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_equal (strv[i], s))
      return (int) i;
  return -1;
}

static void
emit_field_changed (TdDocument *self,
                    const char *scope,
                    const char *key_path)
{
  g_signal_emit (self, signals[FIELD_CHANGED], 0, scope, key_path);
}

/* After a change that may have replaced, added or removed sections
 * wholesale (undoing a recovery, say): what each listener needs, by id. */
static void
emit_sections_diff (TdDocument       *self,
                    SectionsSnapshot *before)
{
  g_auto(GStrv) after = td_issue_dup_section_ids (self->root);
  JsonArray *sections = td_issue_get_sections (self->root);

  for (guint i = 0; before->ids[i] != NULL; i++)
    if (strv_find (after, before->ids[i]) < 0)
      g_signal_emit (self, signals[SECTION_REMOVED], 0, before->ids[i], i);
  for (guint j = 0; after[j] != NULL; j++)
    {
      int i = strv_find (before->ids, after[j]);

      if (i < 0)
        {
          g_signal_emit (self, signals[SECTION_INSERTED], 0, after[j], j);
          continue;
        }
      if ((guint) i != j)
        g_signal_emit (self, signals[SECTION_MOVED], 0, after[j], (guint) i, j);
      if (g_ptr_array_index (before->nodes, i) != json_array_get_element (sections, j))
        {
          g_autofree char *scope = td_scope_for_section (after[j]);

          emit_field_changed (self, scope, "");
        }
    }
}

/* Whether a change to path can add, remove or replace sections. */
static gboolean
changes_section_list (const char *path)
{
  g_autofree char *parent = NULL;
  g_autofree char *key = NULL;
  int index = -1;

  if (path[0] == '\0' || g_str_equal (path, "sections"))
    return TRUE;
  if (!td_json_path_split (path, &parent, &key, &index))
    return FALSE;
  /* "sections[3]" replaced, or "sections[3].id" changed. */
  return (index >= 0 && g_str_equal (parent, "sections")) ||
         (g_strcmp0 (key, "id") == 0 && g_str_has_prefix (parent, "sections[") &&
          strchr (parent + strlen ("sections["), '.') == NULL);
}

static const char *
node_id (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? td_json_get_string (json_node_get_object (node), "id") : "";
}

/* A list command on "sections" itself: one section came, went or moved. */
static void
emit_section_command (TdDocument *self,
                      Command    *command,
                      gboolean    forward)
{
  JsonArray *sections = td_issue_get_sections (self->root);

  switch (command->kind)
    {
    case COMMAND_INSERT:
    case COMMAND_REMOVE:
      {
        JsonNode *value = command->kind == COMMAND_INSERT ? command->new_value
                                                          : command->old_value;
        gboolean inserted = forward == (command->kind == COMMAND_INSERT);

        g_signal_emit (self, signals[inserted ? SECTION_INSERTED : SECTION_REMOVED], 0,
                       node_id (value), command->index);
        break;
      }
    case COMMAND_MOVE:
      {
        guint from = forward ? command->index : command->to;
        guint to = forward ? command->to : command->index;

        g_signal_emit (self, signals[SECTION_MOVED], 0,
                       node_id (json_array_get_element (sections, to)), from, to);
        break;
      }
    case COMMAND_SET:
    case COMMAND_GROUP:
    default:
      g_assert_not_reached ();
    }
}

/* Any other change: a field (or a list inside an object) of one scope. */
static void
emit_scoped_change (TdDocument *self,
                    const char *path)
{
  g_autofree char *key_path = NULL;
  g_autofree char *scope = td_issue_scope_for_path (self->root, path, &key_path);

  if (scope != NULL)
    emit_field_changed (self, scope, key_path);
}

static void
command_apply (TdDocument *self,
               Command    *command,
               gboolean    forward)
{
  JsonNode *copy = NULL;
  SectionsSnapshot before = { NULL, NULL };
  gboolean list_command = command->kind != COMMAND_SET && command->kind != COMMAND_GROUP &&
                          g_str_equal (command->path, "sections");

  if (command->kind == COMMAND_SET && changes_section_list (command->path))
    snapshot_take (&before, self->root);

  switch (command->kind)
    {
    case COMMAND_SET:
      {
        JsonNode *value = forward ? command->new_value : command->old_value;

        copy = value != NULL ? td_json_node_deep_copy (value) : NULL;
        put_node (self->root, command->path, copy);
        break;
      }
    case COMMAND_INSERT:
    case COMMAND_REMOVE:
      if (forward == (command->kind == COMMAND_INSERT))
        {
          JsonNode *value = command->kind == COMMAND_INSERT ? command->new_value
                                                            : command->old_value;

          copy = td_json_node_deep_copy (value);
          edit_array (self->root, command->path, ARRAY_INSERT, command->index, 0, copy);
        }
      else
        edit_array (self->root, command->path, ARRAY_REMOVE, command->index, 0, NULL);
      break;
    case COMMAND_MOVE:
      edit_array (self->root, command->path, ARRAY_MOVE,
                  forward ? command->index : command->to,
                  forward ? command->to : command->index, NULL);
      break;
    case COMMAND_GROUP:
      for (guint i = 0; i < command->children->len; i++)
        command_apply (self,
                       g_ptr_array_index (command->children,
                                          forward ? i : command->children->len - 1 - i),
                       forward);
      break;
    default:
      g_assert_not_reached ();
    }
  g_clear_pointer (&copy, json_node_unref);

  if (command->kind == COMMAND_GROUP)
    return;
  if (before.ids != NULL)
    emit_sections_diff (self, &before);
  else if (list_command)
    emit_section_command (self, command, forward);
  else
    emit_scoped_change (self, command->path);
  snapshot_clear (&before);
  g_signal_emit (self, signals[CHANGED], 0);
}

static guint64
top_serial (TdDocument *self)
{
  if (self->undo->len == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial;
}

static void
notify_state (TdDocument *self,
              gboolean    was_modified,
              gboolean    could_undo,
              gboolean    could_redo)
{
  if (was_modified != td_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != td_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != td_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Applies a new command and records it. */
static void
push (TdDocument *self,
      Command    *command)
{
  gboolean was_modified = td_document_get_modified (self);
  gboolean could_undo = td_document_can_undo (self);
  gboolean could_redo = td_document_can_redo (self);

  command_apply (self, command, TRUE);

  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->children, command);
      return;
    }
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, command);
  if (self->undo->len > MAX_UNDO_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  self->sealed = FALSE;
  notify_state (self, was_modified, could_undo, could_redo);
}

/* The value of the step that created path's parents, with path set in it:
 * "link" := { "label": "Bo" } when typing "Boo" into a new item's link
 * label. NULL when path isn't inside what the step created. */
static JsonNode *
merged_created_value (Command    *top,
                      const char *path,
                      JsonNode   *value)
{
  g_autofree char *parent = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonNode) merged = NULL;
  JsonNode *parent_node;
  int index = -1;

  if (top->old_value != NULL || top->new_value == NULL ||
      !td_json_path_is_within (path, top->path) || g_str_equal (path, top->path) ||
      !td_json_path_split (path, &parent, &key, &index) || key == NULL)
    return NULL;
  merged = td_json_node_deep_copy (top->new_value);
  /* parent is top->path itself or below it: the same steps, relative. */
  parent_node = g_str_equal (parent, top->path)
    ? merged
    : td_json_path_lookup (merged, parent + strlen (top->path) + (parent[strlen (top->path)] == '.'));
  if (parent_node == NULL || !JSON_NODE_HOLDS_OBJECT (parent_node))
    return NULL;
  json_object_set_member (json_node_get_object (parent_node), key,
                          td_json_node_deep_copy (value));
  return g_steal_pointer (&merged);
}

/* Typing into the field the last step also typed into extends that step;
 * so does typing on into a field whose object that step created (the
 * first character of a new item's link). */
static gboolean
try_merge (TdDocument *self,
           const char *path,
           JsonNode   *value)
{
  Command *top;
  JsonNode *new_value = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->group != NULL || self->sealed || self->undo->len == 0 || self->redo->len > 0)
    return FALSE;
  top = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (top->kind != COMMAND_SET || !top->mergeable || top->serial == self->saved_serial ||
      now - top->time > MERGE_WINDOW_USEC)
    return FALSE;
  if (g_str_equal (top->path, path))
    new_value = td_json_node_deep_copy (value);
  else if ((new_value = merged_created_value (top, path, value)) == NULL)
    return FALSE;

  g_clear_pointer (&top->new_value, json_node_unref);
  top->new_value = new_value;
  top->time = now;
  command_apply (self, top, TRUE);
  return TRUE;
}

static void
td_document_finalize (GObject *object)
{
  TdDocument *self = TD_DOCUMENT (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->base_dir, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->group, command_free);

  G_OBJECT_CLASS (td_document_parent_class)->finalize (object);
}

static void
td_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdDocument *self = TD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BASE_DIR:
      g_value_set_string (value, self->base_dir);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, td_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, td_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, td_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_document_class_init (TdDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_document_finalize;
  object_class->get_property = td_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TdDocument:base-dir:
   *
   * The folder the issue's pictures are relative to: the file's folder, or
   * for an untitled issue the folder given with td_document_set_base_dir()
   * (a draft folder); NULL for a blank untitled issue. The document is the
   * one owner of this: the window, the preview, the recovery copy and the
   * exports all ask it.
   */
  properties[PROP_BASE_DIR] =
    g_param_spec_string ("base-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdDocument::changed:
   *
   * Emitted after every change (and after the signals below that describe
   * it), including undo and redo: for whoever follows the whole issue, such
   * as the preview and the recovery copy.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TdDocument::field-changed:
   * @scope: the object changed: "practice", "issue" or "section/ID"
   * @key_path: what changed in it, relative to it ("title",
   *   "items[0].url", "items" for a list's items), or "" when the object
   *   was replaced as a whole
   *
   * Sections are named by id, so a listener showing one section follows
   * it wherever it moves without re-parsing paths.
   */
  signals[FIELD_CHANGED] =
    g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * TdDocument::section-inserted:
   * @id: the section's id
   * @position: its index in the sections
   */
  signals[SECTION_INSERTED] =
    g_signal_new ("section-inserted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
  /**
   * TdDocument::section-removed:
   * @id: the section's id
   * @position: where it was
   */
  signals[SECTION_REMOVED] =
    g_signal_new ("section-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
  /**
   * TdDocument::section-moved:
   * @id: the section's id
   * @from: where it was
   * @to: where it is
   */
  signals[SECTION_MOVED] =
    g_signal_new ("section-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT, G_TYPE_UINT);
}

static void
td_document_init (TdDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func (command_free);
  self->redo = g_ptr_array_new_with_free_func (command_free);
  self->from_version = TD_FORMAT_VERSION;
}

/**
 * td_document_new:
 *
 * A blank issue: an empty profile, a masthead and a footer.
 */
TdDocument *
td_document_new (void)
{
  TdDocument *self = g_object_new (TD_TYPE_DOCUMENT, NULL);

  self->root = td_issue_new_blank ();
  return self;
}

TdDocument *
td_document_new_from_root (JsonNode *root)
{
  TdDocument *self;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);

  self = g_object_new (TD_TYPE_DOCUMENT, NULL);
  self->root = td_json_node_deep_copy (root);
  return self;
}

static char *
dup_parent_path (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  return parent != NULL ? g_file_get_path (parent) : NULL;
}

/**
 * td_document_new_from_file:
 *
 * Returns: (nullable): the document, or NULL with the reasons in diags.
 */
TdDocument *
td_document_new_from_file (GFile         *file,
                           TdDiagnostics *diags)
{
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_file (file, diags);
  TdDocument *self;

  if (loaded == NULL)
    return NULL;
  self = g_object_new (TD_TYPE_DOCUMENT, NULL);
  self->root = g_steal_pointer (&loaded->root);
  self->etag = g_steal_pointer (&loaded->etag);
  self->from_version = loaded->from_version;
  self->file = g_object_ref (file);
  self->base_dir = dup_parent_path (file);
  return self;
}

JsonNode *
td_document_get_root (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  return self->root;
}

GFile *
td_document_get_file (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
td_document_get_base_dir (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  return self->base_dir;
}

void
td_document_set_base_dir (TdDocument *self,
                          const char *base_dir)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  /* A saved issue's pictures are beside its file, nowhere else. */
  g_return_if_fail (self->file == NULL);

  if (g_strcmp0 (base_dir, self->base_dir) == 0)
    return;
  g_free (self->base_dir);
  self->base_dir = g_strdup (base_dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_DIR]);
}

gboolean
td_document_get_modified (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  return top_serial (self) != self->saved_serial;
}

guint
td_document_get_from_version (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  return self->from_version;
}

const char *
_td_document_get_etag (TdDocument *self)
{
  return self->etag;
}

guint64
_td_document_begin_save (TdDocument *self)
{
  /* Typing during the save starts a new undo step, so the step saved stays
   * what was saved. */
  self->sealed = TRUE;
  return top_serial (self);
}

void
_td_document_saved (TdDocument *self,
                    GFile      *file,
                    const char *etag,
                    guint64     serial)
{
  gboolean was_modified = td_document_get_modified (self);
  gboolean same_file = self->file != NULL && g_file_equal (file, self->file);

  g_free (self->etag);
  self->etag = g_strdup (etag);
  self->saved_serial = serial;
  self->from_version = TD_FORMAT_VERSION;
  if (!same_file)
    {
      g_autofree char *base_dir = dup_parent_path (file);

      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      if (g_strcmp0 (base_dir, self->base_dir) != 0)
        {
          g_free (self->base_dir);
          self->base_dir = g_steal_pointer (&base_dir);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_DIR]);
        }
    }
  if (was_modified != td_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* The topmost missing object on path, so that setting "a.b.c" when "a" has
 * no "b" records the creation of "b" as one undoable change. */
static void
create_missing_parents (TdDocument  *self,
                        const char  *path,
                        char       **set_path,
                        JsonNode   **set_value,
                        JsonNode    *value)
{
  g_autofree char *parent_path = NULL;
  g_autofree char *key = NULL;
  int index = -1;
  JsonNode *parent;

  *set_path = g_strdup (path);
  *set_value = value != NULL ? td_json_node_deep_copy (value) : NULL;

  while (td_json_path_split (*set_path, &parent_path, &key, &index) && key != NULL &&
         parent_path[0] != '\0' && *set_value != NULL)
    {
      g_autoptr(JsonObject) object = NULL;

      parent = td_json_path_lookup (self->root, parent_path);
      if (parent != NULL)
        break;
      object = json_object_new ();
      json_object_set_member (object, key, *set_value);
      *set_value = json_node_init_object (json_node_alloc (), object);
      g_free (*set_path);
      *set_path = g_steal_pointer (&parent_path);
      g_clear_pointer (&key, g_free);
    }
}

void
td_document_set (TdDocument  *self,
                 const char  *path,
                 JsonNode    *value,
                 TdEditFlags  flags)
{
  g_autofree char *set_path = NULL;
  JsonNode *set_value = NULL;
  JsonNode *old;
  Command *command;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (path != NULL && path[0] != '\0');

  old = td_json_path_lookup (self->root, path);
  if (old == NULL && value == NULL)
    return;
  if (old != NULL && value != NULL && json_node_equal (old, value))
    return;
  if ((flags & TD_EDIT_MERGE) != 0 && old != NULL && value != NULL &&
      try_merge (self, path, value))
    return;

  create_missing_parents (self, path, &set_path, &set_value, value);
  old = td_json_path_lookup (self->root, set_path);

  command = command_new (self, COMMAND_SET, set_path);
  command->old_value = old != NULL ? td_json_node_deep_copy (old) : NULL;
  command->new_value = set_value;
  command->mergeable = (flags & TD_EDIT_MERGE) != 0;
  push (self, command);
}

void
td_document_set_string (TdDocument  *self,
                        const char  *path,
                        const char  *value,
                        TdEditFlags  flags)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value != NULL ? value : "");
  td_document_set (self, path, node, flags);
}

void
td_document_set_boolean (TdDocument *self,
                         const char *path,
                         gboolean    value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  td_document_set (self, path, node, TD_EDIT_NONE);
}

static guint
array_length (TdDocument *self,
              const char *path)
{
  JsonNode *node = td_json_path_lookup (self->root, path);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return G_MAXUINT;
  return json_array_get_length (json_node_get_array (node));
}

gboolean
td_document_insert (TdDocument *self,
                    const char *array_path,
                    guint       index,
                    JsonNode   *value)
{
  guint n;
  Command *command;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  n = array_length (self, array_path);
  if (n == G_MAXUINT || index > n)
    return FALSE;
  command = command_new (self, COMMAND_INSERT, array_path);
  command->index = index;
  command->new_value = td_json_node_deep_copy (value);
  push (self, command);
  return TRUE;
}

gboolean
td_document_remove (TdDocument *self,
                    const char *array_path,
                    guint       index)
{
  guint n;
  Command *command;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);

  n = array_length (self, array_path);
  if (n == G_MAXUINT || index >= n)
    return FALSE;
  command = command_new (self, COMMAND_REMOVE, array_path);
  command->index = index;
  command->old_value = td_json_node_deep_copy (
    json_array_get_element (json_node_get_array (td_json_path_lookup (self->root, array_path)),
                            index));
  push (self, command);
  return TRUE;
}

gboolean
td_document_move (TdDocument *self,
                  const char *array_path,
                  guint       from,
                  guint       to)
{
  guint n;
  Command *command;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);

  n = array_length (self, array_path);
  if (n == G_MAXUINT || from >= n || to >= n)
    return FALSE;
  if (from == to)
    return TRUE;
  command = command_new (self, COMMAND_MOVE, array_path);
  command->index = from;
  command->to = to;
  push (self, command);
  return TRUE;
}

void
td_document_begin_group (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));

  if (self->group_depth++ == 0)
    {
      self->group = command_new (self, COMMAND_GROUP, "");
      self->group->children = g_ptr_array_new_with_free_func (command_free);
    }
}

void
td_document_end_group (TdDocument *self)
{
  Command *group;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  group = g_steal_pointer (&self->group);
  if (group->children->len == 0)
    {
      command_free (group);
      return;
    }
  {
    gboolean was_modified = td_document_get_modified (self);
    gboolean could_undo = td_document_can_undo (self);
    gboolean could_redo = td_document_can_redo (self);

    g_ptr_array_set_size (self->redo, 0);
    g_ptr_array_add (self->undo, group);
    if (self->undo->len > MAX_UNDO_STEPS)
      g_ptr_array_remove_index (self->undo, 0);
    self->sealed = TRUE;
    notify_state (self, was_modified, could_undo, could_redo);
  }
}

gboolean
td_document_can_undo (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0 && self->group == NULL;
}

gboolean
td_document_can_redo (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0 && self->group == NULL;
}

static gboolean
step (TdDocument *self,
      GPtrArray  *from,
      GPtrArray  *to,
      gboolean    forward)
{
  gboolean was_modified = td_document_get_modified (self);
  gboolean could_undo = td_document_can_undo (self);
  gboolean could_redo = td_document_can_redo (self);
  Command *command;

  if (from->len == 0 || self->group != NULL)
    return FALSE;
  command = g_ptr_array_steal_index (from, from->len - 1);
  command_apply (self, command, forward);
  g_ptr_array_add (to, command);
  self->sealed = TRUE;
  notify_state (self, was_modified, could_undo, could_redo);
  return TRUE;
}

gboolean
td_document_undo (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  return step (self, self->undo, self->redo, FALSE);
}

gboolean
td_document_redo (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  return step (self, self->redo, self->undo, TRUE);
}

void
td_document_seal_undo (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  self->sealed = TRUE;
}
