/* td-document.c: the open issue, its commands and its undo history */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-document.h"
#include "td-image-info.h"
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

static void
command_apply (TdDocument *self,
               Command    *command,
               gboolean    forward)
{
  JsonNode *copy = NULL;

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

  if (command->kind != COMMAND_GROUP)
    g_signal_emit (self, signals[CHANGED], 0, command->path);
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

/* Typing into the field the last step also typed into extends that step. */
static gboolean
try_merge (TdDocument *self,
           const char *path,
           JsonNode   *value)
{
  Command *top;
  gint64 now = g_get_monotonic_time ();

  if (self->group != NULL || self->sealed || self->undo->len == 0 || self->redo->len > 0)
    return FALSE;
  top = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (top->kind != COMMAND_SET || !top->mergeable || top->serial == self->saved_serial ||
      !g_str_equal (top->path, path) || now - top->time > MERGE_WINDOW_USEC)
    return FALSE;

  g_clear_pointer (&top->new_value, json_node_unref);
  top->new_value = td_json_node_deep_copy (value);
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
   * @path: the JSON path of what changed (a field, or a list)
   *
   * Emitted after every change, including undo and redo.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
td_document_init (TdDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func (command_free);
  self->redo = g_ptr_array_new_with_free_func (command_free);
  self->from_version = TD_FORMAT_VERSION;
}

static JsonNode *
new_blank_root (void)
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
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, i == 0 ? "masthead" : "footer");
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, i == 0 ? "masthead" : "footer");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
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

  self->root = new_blank_root ();
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

gboolean
td_document_save (TdDocument *self,
                  GFile      *file,
                  gboolean    force,
                  GError    **error)
{
  g_autofree char *new_etag = NULL;
  gboolean was_modified;
  gboolean same_file;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file != NULL || self->file != NULL, FALSE);

  if (file == NULL)
    file = self->file;
  same_file = self->file != NULL && g_file_equal (file, self->file);

  if (!td_issue_save (self->root, file, same_file && !force ? self->etag : NULL,
                      &new_etag, error))
    return FALSE;

  was_modified = td_document_get_modified (self);
  g_free (self->etag);
  self->etag = g_steal_pointer (&new_etag);
  self->saved_serial = top_serial (self);
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
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  return TRUE;
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

char *
td_document_new_section_id (TdDocument *self,
                            const char *type)
{
  JsonArray *sections;
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *base = NULL;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  sections = td_json_get_array (json_node_get_object (self->root), "sections");
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonNode *node = json_array_get_element (sections, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_hash_table_add (used, (gpointer) td_json_get_string (json_node_get_object (node), "id"));
    }
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
  if (!g_hash_table_contains (used, base))
    return g_steal_pointer (&base);
  for (guint n = 2; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", base, n);

      if (!g_hash_table_contains (used, id))
        return g_steal_pointer (&id);
    }
}

#define MAX_IMAGE_SIZE (20 * 1024 * 1024)

/* "Photo 1.JPG" -> "photo-1.jpg": names that survive any web server. */
static char *
clean_image_name (const char    *name,
                  TdImageFormat  format)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  const char *ext = format == TD_IMAGE_FORMAT_PNG ? ".png"
                  : format == TD_IMAGE_FORMAT_GIF ? ".gif" : ".jpg";
  char *dot = strrchr (lower, '.');
  GString *out = g_string_new (NULL);

  if (dot != NULL)
    *dot = '\0';
  for (const char *p = lower; *p != '\0' && out->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "picture");
  g_string_append (out, ext);
  return g_string_free (out, FALSE);
}

static char *
write_image (TdDocument  *self,
             const char  *data,
             gsize        length,
             const char  *name_hint,
             GError     **error)
{
  const char *base_dir = self->base_dir;
  g_autofree char *images_dir = NULL;
  g_autofree char *name = NULL;
  TdImageInfo info;

  if (base_dir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Save the issue first: pictures are kept in a folder beside it"));
      return NULL;
    }
  if (length > MAX_IMAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The picture is too large (%zu MB; at most 20 MB)"), length >> 20);
      return NULL;
    }
  if (!td_image_info_from_bytes ((const guint8 *) data, length, &info))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a PNG, JPEG or GIF picture"));
      return NULL;
    }

  images_dir = g_build_filename (base_dir, "images", NULL);
  if (g_mkdir_with_parents (images_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for pictures: %s"), g_strerror (saved_errno));
      return NULL;
    }

  name = clean_image_name (name_hint, info.format);
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name) : NULL;
      g_autofree char *path = NULL;
      g_autofree char *existing = NULL;
      gsize existing_length = 0;

      if (candidate == NULL)
        {
          const char *dot = strrchr (name, '.');

          candidate = g_strdup_printf ("%.*s-%u%s", (int) (dot - name), name, n, dot);
        }
      path = g_build_filename (images_dir, candidate, NULL);
      /* The same picture again reuses the file instead of copying it twice. */
      if (g_file_get_contents (path, &existing, &existing_length, NULL))
        {
          if (existing_length == length && memcmp (existing, data, length) == 0)
            return g_strconcat ("images/", candidate, NULL);
          continue;
        }
      if (!g_file_set_contents (path, data, length, error))
        return NULL;
      return g_strconcat ("images/", candidate, NULL);
    }
}

char *
td_document_import_image (TdDocument  *self,
                          GFile       *source,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (!g_file_load_contents (source, NULL, &contents, &length, NULL, error))
    return NULL;
  name = g_file_get_basename (source);
  return write_image (self, contents, length, name, error);
}

char *
td_document_import_image_bytes (TdDocument  *self,
                                GBytes      *bytes,
                                const char  *name_hint,
                                GError     **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return write_image (self, data, length, name_hint, error);
}
