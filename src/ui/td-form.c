/* td-form.c: an editor form built from the registry's field lists
 *
 * Simple fields become rows in boxed lists; text bodies get an editor of
 * their own; pictures, videos and links are small groups; lists of items
 * (news, badges, offers) are cards with buttons to reorder and remove them.
 * Widgets write through the document's commands and are refreshed from its
 * ::field-changed signal, so undo and redo show up here. A form edits one
 * scope (td-issue.h): the profile, the settings or a section by id, so it
 * follows its section wherever it moves; its fields are named by paths
 * relative to that object, made absolute when they are used.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-image-row.h"
#include "td-language-row.h"
#include "td-month-row.h"
#include "td-spell.h"
#include "td-ui-util.h"
#include "td-text-editor.h"
#include "td-form.h"
#include "td-issue.h"
#include "td-issue-validator.h"
#include "td-json-path.h"

typedef enum
{
  BINDING_ENTRY,
  BINDING_SWITCH,
  BINDING_COLOR,
  BINDING_IMAGE,
  BINDING_TEXT,
  BINDING_MONTH,
  BINDING_LANGUAGE,
} BindingKind;

typedef struct
{
  BindingKind kind;
  char *path;               /* relative to the form's object */
  GtkWidget *widget;        /* the row or editor */
  GtkWidget *hint;          /* the warning icon of a validated entry, or NULL */
  const TdFieldSpec *spec;
  char *image_path;         /* for alt text: the picture it describes */
  gboolean default_true;
} Binding;

struct _TdForm
{
  AdwBin parent_instance;

  GtkWidget *box;
  TdDocument *document;
  char *scope;
  const TdFieldSpec *fields;

  GPtrArray *bindings;      /* of Binding */
  GHashTable *lists;        /* key path → TdFieldSpec of each list it shows */
  char *focus_after_build;  /* the field to focus once rebuilt, or NULL */
  guint rebuild_id;
  gboolean updating;        /* writing widgets from the document */
};

G_DEFINE_FINAL_TYPE (TdForm, td_form, ADW_TYPE_BIN)

static void build (TdForm *self);
static void emit_fields (TdForm            *self,
                         GtkWidget         *box,
                         const TdFieldSpec *fields,
                         const char        *path);

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_free (binding->path);
  g_free (binding->image_path);
  g_free (binding);
}

static Binding *
add_binding (TdForm            *self,
             BindingKind        kind,
             const char        *path,
             GtkWidget         *widget,
             const TdFieldSpec *spec)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->kind = kind;
  binding->path = g_strdup (path);
  binding->widget = widget;
  binding->spec = spec;
  g_ptr_array_add (self->bindings, binding);
  return binding;
}

/* The absolute path of a field of the form, or NULL when its section is
 * gone (the window is about to show another form). */
static char *
full_path (TdForm     *self,
           const char *path)
{
  return td_issue_field_path (td_document_get_root (self->document), self->scope, path);
}

static JsonNode *
node_at (TdForm     *self,
         const char *path)
{
  g_autofree char *full = full_path (self, path);

  return full != NULL ? td_json_path_lookup (td_document_get_root (self->document), full) : NULL;
}

static const char *
string_at (TdForm     *self,
           const char *path)
{
  JsonNode *node = node_at (self, path);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return "";
}

/* Every write of the form goes through here: one command. */
static void
set_value (TdForm      *self,
           const char  *path,
           JsonNode    *value,
           TdEditFlags  flags)
{
  g_autofree char *full = full_path (self, path);

  if (full != NULL)
    td_document_set (self->document, full, value, flags);
}

static void
set_string (TdForm      *self,
            const char  *path,
            const char  *text,
            TdEditFlags  flags)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

  set_value (self, path, value, flags);
}

/* Entries: validation hints and writing */

static void
update_hint (TdForm  *self,
             Binding *binding)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (binding->widget));
  g_autofree char *message = NULL;
  gboolean ok = td_field_check_string (binding->spec->kind, text, &message);

  /* A picture needs a description: warn until there is one. */
  if (ok && binding->image_path != NULL && text[0] == '\0' &&
      string_at (self, binding->image_path)[0] != '\0')
    {
      ok = FALSE;
      message = g_strdup (_("Describe the picture for readers who can’t see it"));
    }

  if (binding->hint == NULL)
    return;
  gtk_widget_set_visible (binding->hint, !ok);
  gtk_widget_set_tooltip_text (binding->hint, message);
  if (ok)
    gtk_widget_remove_css_class (binding->widget, "warning");
  else
    gtk_widget_add_css_class (binding->widget, "warning");
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (binding->widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static void
entry_changed_cb (GtkEditable *editable,
                  TdForm      *self)
{
  Binding *binding = g_object_get_data (G_OBJECT (editable), "td-binding");

  update_hint (self, binding);
  if (self->updating)
    return;
  set_string (self, binding->path, gtk_editable_get_text (editable), TD_EDIT_MERGE);
}

static void
seal_undo_cb (TdForm *self)
{
  td_document_seal_undo (self->document);
}

static GtkInputPurpose
input_purpose (TdFieldKind kind)
{
  switch (kind)
    {
    case TD_FIELD_URL:
    case TD_FIELD_VIDEO_URL:
    case TD_FIELD_UNSUBSCRIBE_URL:
      return GTK_INPUT_PURPOSE_URL;
    case TD_FIELD_PHONE:
      return GTK_INPUT_PURPOSE_PHONE;
    case TD_FIELD_EMAIL:
      return GTK_INPUT_PURPOSE_EMAIL;
    default:
      return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static GtkWidget *
entry_row_new (TdForm            *self,
               const TdFieldSpec *spec,
               const char        *path,
               const char        *image_path)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  Binding *binding = add_binding (self, BINDING_ENTRY, path, row, spec);
  g_autofree char *tooltip = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), input_purpose (spec->kind));
  td_entry_row_expose_text (ADW_ENTRY_ROW (row), _(spec->label));
  /* Ctrl+Z belongs to the document's one undo history. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  if (spec->placeholder != NULL && spec->tooltip != NULL)
    tooltip = g_strdup_printf (_("%s (for example: %s)"), _(spec->tooltip), _(spec->placeholder));
  else if (spec->placeholder != NULL)
    tooltip = g_strdup_printf (_("For example: %s"), _(spec->placeholder));
  else if (spec->tooltip != NULL)
    tooltip = g_strdup (_(spec->tooltip));
  gtk_widget_set_tooltip_text (row, tooltip);

  binding->image_path = g_strdup (image_path);
  binding->hint = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (binding->hint, "warning");
  gtk_widget_set_visible (binding->hint, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), binding->hint);

  g_object_set_data (G_OBJECT (row), "td-binding", binding);
  gtk_editable_set_text (GTK_EDITABLE (row), string_at (self, path));
  update_hint (self, binding);
  /* Words, not addresses or numbers: spelling underlined as she types. */
  if (spec->kind == TD_FIELD_TEXT)
    td_spell_entry_new (GTK_EDITABLE (row), self->document);
  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (seal_undo_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, focus);
  return row;
}

/* Switches and colours */

static gboolean
boolean_at (TdForm     *self,
            Binding    *binding)
{
  JsonNode *node = node_at (self, binding->path);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return binding->default_true;
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  TdForm     *self)
{
  Binding *binding = g_object_get_data (G_OBJECT (toggle), "td-binding");

  g_autoptr(JsonNode) value = NULL;

  if (self->updating)
    return;
  value = json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (toggle));
  set_value (self, binding->path, value, TD_EDIT_NONE);
}

static GtkWidget *
switch_row_new (TdForm            *self,
                const TdFieldSpec *spec,
                const char        *path)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  Binding *binding = add_binding (self, BINDING_SWITCH, path, toggle, spec);

  binding->default_true = (spec->flags & TD_FIELD_FLAG_DEFAULT_TRUE) != 0;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
  if (spec->tooltip != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->tooltip));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), boolean_at (self, binding));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(spec->label), -1);
  g_object_set_data (G_OBJECT (toggle), "td-binding", binding);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
  return row;
}

static void
color_set_cb (GtkColorButton *button,
              TdForm         *self)
{
  Binding *binding = g_object_get_data (G_OBJECT (button), "td-binding");
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                         (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  set_string (self, binding->path, hex, TD_EDIT_NONE);
}

static void
sync_color_button (TdForm    *self,
                   GtkWidget *button,
                   const char *path)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, string_at (self, path)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

static GtkWidget *
color_row_new (TdForm            *self,
               const TdFieldSpec *spec,
               const char        *path)
{
  GtkWidget *row = entry_row_new (self, spec, path, NULL);
  GtkWidget *button = gtk_color_button_new ();
  Binding *binding = add_binding (self, BINDING_COLOR, path, button, spec);

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Pick a colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick a colour"), -1);
  sync_color_button (self, button, path);
  g_object_set_data (G_OBJECT (button), "td-binding", binding);
  g_signal_connect_object (button, "color-set", G_CALLBACK (color_set_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  return row;
}

/* Layout helpers */

static GtkWidget *
boxed_list_new (GtkWidget *box)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  return list;
}

/* Rows go into the boxed list currently open at the end of box, or a new one. */
static void
append_row (GtkWidget *box,
            GtkWidget *row)
{
  GtkWidget *last = gtk_widget_get_last_child (box);

  if (last == NULL || !GTK_IS_LIST_BOX (last) ||
      g_object_get_data (G_OBJECT (last), "td-closed") != NULL)
    last = boxed_list_new (box);
  gtk_list_box_append (GTK_LIST_BOX (last), row);
}

static void
close_list (GtkWidget *box)
{
  GtkWidget *last = gtk_widget_get_last_child (box);

  if (last != NULL && GTK_IS_LIST_BOX (last))
    g_object_set_data (G_OBJECT (last), "td-closed", GINT_TO_POINTER (TRUE));
}

static void
append_heading (GtkWidget  *box,
                const char *title,
                const char *description)
{
  GtkWidget *label = gtk_label_new (title);

  close_list (box);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  if (description != NULL)
    {
      GtkWidget *hint = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");
      gtk_box_append (GTK_BOX (box), hint);
    }
}

static void
append_text_editor (TdForm            *self,
                    GtkWidget         *box,
                    const TdFieldSpec *spec,
                    const char        *path)
{
  GtkWidget *editor = td_text_editor_new (self->document, self->scope, path,
                                         spec->kind == TD_FIELD_MARKDOWN, _(spec->label));

  append_heading (box, _(spec->label), spec->tooltip != NULL ? _(spec->tooltip) : NULL);
  add_binding (self, BINDING_TEXT, path, editor, spec);
  gtk_box_append (GTK_BOX (box), editor);
}

static GtkWidget *
image_row_new (TdForm     *self,
               const char *path,
               const char *title)
{
  GtkWidget *row = td_image_row_new (self->document, self->scope, path, title);

  add_binding (self, BINDING_IMAGE, path, row, NULL);
  return row;
}

/* The month and the language: picked, not typed. */
static GtkWidget *
choice_row_new (TdForm            *self,
                BindingKind        kind,
                const TdFieldSpec *spec,
                const char        *path)
{
  GtkWidget *row = kind == BINDING_MONTH
    ? td_month_row_new (self->document, self->scope, path, _(spec->label))
    : td_language_row_new (self->document, self->scope, path, _(spec->label));

  if (spec->tooltip != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->tooltip));
  add_binding (self, kind, path, row, spec);
  return row;
}

/* A picture: the file row and, beside it, its required description. */
static void
append_image (TdForm            *self,
              GtkWidget         *box,
              const TdFieldSpec *spec,
              const char        *path)
{
  g_autofree char *src = td_json_path_child_key (path, "src");
  g_autofree char *alt = td_json_path_child_key (path, "alt");
  const TdFieldSpec *alt_spec = td_field_spec_find (spec->fields, "alt");

  append_heading (box, _(spec->label), spec->tooltip != NULL ? _(spec->tooltip) : NULL);
  append_row (box, image_row_new (self, src, _("Picture file")));
  append_row (box, entry_row_new (self, alt_spec, alt, src));
}

/* Lists */

/* The item buttons are actionable: "form.move-item" and "form.remove-item"
 * with (list path, index, step), "form.add-item" with the list path. */
static GtkWidget *
item_button_new (const char *icon_name,
                 const char *label,
                 const char *action_name,
                 GVariant   *target,
                 gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_sensitive (button, sensitive);
  return button;
}

static void
item_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdForm *self = TD_FORM (widget);
  const char *list_key = NULL;
  guint32 index = 0;
  gint32 step = 0;
  g_autofree char *list_path = NULL;

  g_variant_get (parameter, "(&sui)", &list_key, &index, &step);
  if ((list_path = full_path (self, list_key)) == NULL)
    return;
  if (g_str_equal (action_name, "form.remove-item"))
    td_document_remove (self->document, list_path, index);
  else
    td_document_move (self->document, list_path, index, (guint) ((gint64) index + step));
}

/* "Massage Today, a news magazine…": an item's own words name it best. */
static char *
item_title (TdForm            *self,
            const TdFieldSpec *item_fields,
            const char        *item_path,
            guint              index)
{
  for (const TdFieldSpec *f = item_fields; f->key != NULL; f++)
    {
      g_autofree char *path = NULL;
      const char *value;

      if (f->kind != TD_FIELD_TEXT && f->kind != TD_FIELD_MARKDOWN)
        continue;
      path = td_json_path_child_key (item_path, f->key);
      value = string_at (self, path);
      if (value[0] != '\0')
        {
          g_autofree char *first_line = g_strndup (value, strcspn (value, "\n"));

          char *to = first_line;

          /* Markdown's emphasis marks are noise in a title. */
          for (const char *from = first_line; *from != '\0'; from++)
            if (strchr ("*_#`", *from) == NULL)
              *to++ = *from;
          *to = '\0';
          g_strstrip (first_line);

          if (g_utf8_strlen (first_line, -1) > 48)
            {
              char *cut = g_utf8_offset_to_pointer (first_line, 47);

              strcpy (cut, "…");
            }
          return g_strdup_printf ("%u. %s", index + 1, first_line);
        }
    }
  return g_strdup_printf (_("Item %u"), index + 1);
}

static JsonNode *
new_item (const TdFieldSpec *item_fields)
{
  JsonNode *item = td_fields_new_object (item_fields);
  const TdFieldSpec *heading = td_field_spec_find (item_fields, "heading");

  /* A card's heading starts as what most cards say ("Available now!"). */
  if (heading != NULL && heading->placeholder != NULL)
    json_object_set_string_member (json_node_get_object (item), heading->key,
                                   _(heading->placeholder));
  return item;
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdForm *self = TD_FORM (widget);
  const char *list_key = g_variant_get_string (parameter, NULL);
  const TdFieldSpec *spec = g_hash_table_lookup (self->lists, list_key);
  g_autofree char *list_path = full_path (self, list_key);
  JsonNode *list = node_at (self, list_key);
  g_autoptr(JsonNode) item = NULL;
  guint n = 0;

  if (spec == NULL || list_path == NULL)
    return;
  item = new_item (spec->fields);
  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      n = json_array_get_length (json_node_get_array (list));
      td_document_insert (self->document, list_path, n, item);
    }
  else
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      json_array_add_element (array, json_node_ref (item));
      node = json_node_init_array (json_node_alloc (), array);
      td_document_set (self->document, list_path, node, TD_EDIT_NONE);
    }
  /* She adds an item to write it: its first field, once the cards are
   * rebuilt. */
  g_free (self->focus_after_build);
  self->focus_after_build = td_json_path_child_index (list_key, n);
}

static void
append_list (TdForm            *self,
             GtkWidget         *box,
             const TdFieldSpec *spec,
             const char        *path)
{
  JsonNode *node = node_at (self, path);
  guint n = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
            ? json_array_get_length (json_node_get_array (node)) : 0;
  GtkWidget *add;

  g_hash_table_insert (self->lists, g_strdup (path), (gpointer) spec);
  append_heading (box, _(spec->label), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = td_json_path_child_index (path, i);
      g_autofree char *title = item_title (self, spec->fields, item_path, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (title);

      gtk_widget_add_css_class (card, "td-item-card");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (header), label);
      gtk_box_append (GTK_BOX (header),
                      item_button_new ("go-up-symbolic", _("Move up"), "form.move-item",
                                       g_variant_new ("(sui)", path, i, -1), i > 0));
      gtk_box_append (GTK_BOX (header),
                      item_button_new ("go-down-symbolic", _("Move down"), "form.move-item",
                                       g_variant_new ("(sui)", path, i, 1), i + 1 < n));
      gtk_box_append (GTK_BOX (header),
                      item_button_new ("user-trash-symbolic", _("Remove"), "form.remove-item",
                                       g_variant_new ("(sui)", path, i, 0), TRUE));
      gtk_box_append (GTK_BOX (card), header);
      emit_fields (self, card, spec->fields, item_path);
      close_list (box);
      gtk_box_append (GTK_BOX (box), card);
    }

  add = gtk_button_new_with_label (n == 0 ? _("Add the first one") : _("Add another"));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_add_css_class (add, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "form.add-item");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add), g_variant_new_string (path));
  gtk_box_append (GTK_BOX (box), add);
}

/* Fields */

static void
emit_fields (TdForm            *self,
             GtkWidget         *box,
             const TdFieldSpec *fields,
             const char        *path)
{
  for (const TdFieldSpec *spec = fields; spec->key != NULL; spec++)
    {
      g_autofree char *child = td_json_path_child_key (path, spec->key);

      if (spec->label == NULL)
        continue;       /* "id" and "type" are the app's business */

      switch (spec->kind)
        {
        case TD_FIELD_BOOLEAN:
          append_row (box, switch_row_new (self, spec, child));
          break;
        case TD_FIELD_COLOR:
          append_row (box, color_row_new (self, spec, child));
          break;
        case TD_FIELD_IMAGE_PATH:
          append_row (box, image_row_new (self, child, _(spec->label)));
          break;
        case TD_FIELD_MULTILINE:
        case TD_FIELD_MARKDOWN:
          append_text_editor (self, box, spec, child);
          break;
        case TD_FIELD_IMAGE:
          append_image (self, box, spec, child);
          break;
        case TD_FIELD_VIDEO:
        case TD_FIELD_LINK:
        case TD_FIELD_GROUP:
          append_heading (box, _(spec->label), spec->tooltip != NULL ? _(spec->tooltip) : NULL);
          emit_fields (self, box, spec->fields, child);
          close_list (box);
          break;
        case TD_FIELD_LIST:
          append_list (self, box, spec, child);
          break;
        case TD_FIELD_INTEGER:
          break;
        case TD_FIELD_DATE:
          append_row (box, choice_row_new (self, BINDING_MONTH, spec, child));
          break;
        case TD_FIELD_LANGUAGE:
          append_row (box, choice_row_new (self, BINDING_LANGUAGE, spec, child));
          break;
        case TD_FIELD_TEXT:
        case TD_FIELD_URL:
        case TD_FIELD_VIDEO_URL:
        case TD_FIELD_UNSUBSCRIBE_URL:
        case TD_FIELD_PHONE:
        case TD_FIELD_EMAIL:
        default:
          append_row (box, entry_row_new (self, spec, child, NULL));
          break;
        }
    }
}

static char *
form_title (TdForm *self)
{
  const TdSectionType *type;

  if (g_str_equal (self->scope, TD_SCOPE_PRACTICE))
    return g_strdup (_("Practice Profile"));
  if (g_str_equal (self->scope, TD_SCOPE_ISSUE))
    return g_strdup (_("Issue Settings"));
  type = td_registry_lookup_section_type (string_at (self, "type"));
  return g_strdup (type != NULL ? _(type->name) : _("Section"));
}

static void
build (TdForm *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *title;
  g_autofree char *title_text = form_title (self);

  g_ptr_array_set_size (self->bindings, 0);
  g_hash_table_remove_all (self->lists);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 36);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (self->box), title);

  self->updating = TRUE;
  emit_fields (self, self->box, self->fields, "");
  self->updating = FALSE;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  adw_bin_set_child (ADW_BIN (self), clamp);
}

/* Following the document */

static void
refresh_binding (TdForm  *self,
                 Binding *binding)
{
  switch (binding->kind)
    {
    case BINDING_ENTRY:
      {
        const char *value = string_at (self, binding->path);

        if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (binding->widget)), value))
          gtk_editable_set_text (GTK_EDITABLE (binding->widget), value);
        update_hint (self, binding);
        break;
      }
    case BINDING_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (binding->widget), boolean_at (self, binding));
      break;
    case BINDING_COLOR:
      sync_color_button (self, binding->widget, binding->path);
      break;
    case BINDING_IMAGE:
      td_image_row_refresh (TD_IMAGE_ROW (binding->widget));
      break;
    case BINDING_TEXT:
      td_text_editor_refresh (TD_TEXT_EDITOR (binding->widget));
      break;
    case BINDING_MONTH:
      td_month_row_refresh (TD_MONTH_ROW (binding->widget));
      break;
    case BINDING_LANGUAGE:
      td_language_row_refresh (TD_LANGUAGE_ROW (binding->widget));
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  TdForm *self = user_data;

  g_autofree char *focus = g_steal_pointer (&self->focus_after_build);

  self->rebuild_id = 0;
  build (self);
  if (focus != NULL)
    td_form_focus_field (self, focus);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (TdForm *self)
{
  /* When idle, not from inside the clicked button's own handler. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

/* Whether a change at path concerns binding: its own field, one inside it
 * or around it, or the picture an alt text describes. */
static gboolean
binding_follows (Binding    *binding,
                 const char *path)
{
  return td_json_path_is_within (binding->path, path) ||
         td_json_path_is_within (path, binding->path) ||
         (binding->image_path != NULL && td_json_path_is_within (binding->image_path, path));
}

static void
field_changed_cb (TdForm     *self,
                  const char *scope,
                  const char *key_path)
{
  if (!g_str_equal (scope, self->scope))
    return;

  /* The object replaced, or items added, removed or moved: the cards
   * change. */
  if (key_path[0] == '\0')
    {
      schedule_rebuild (self);
      return;
    }
  if (g_hash_table_contains (self->lists, key_path))
    {
      schedule_rebuild (self);
      return;
    }

  /* Otherwise only the widgets of what changed: typing in one field
   * doesn't touch the others. */
  self->updating = TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (binding_follows (binding, key_path))
        refresh_binding (self, binding);
    }
  self->updating = FALSE;
}

gboolean
td_form_focus_field (TdForm     *self,
                     const char *path)
{
  Binding *best = NULL;

  g_return_val_if_fail (TD_IS_FORM (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->rebuild_id != 0)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      g_clear_pointer (&self->focus_after_build, g_free);
      build (self);
    }
  /* The field itself, or the first field inside the object named. */
  for (guint i = 0; i < self->bindings->len && best == NULL; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (g_str_equal (binding->path, path))
        best = binding;
    }
  for (guint i = 0; i < self->bindings->len && best == NULL; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (td_json_path_is_within (binding->path, path) ||
          td_json_path_is_within (path, binding->path))
        best = binding;
    }
  if (best == NULL)
    return FALSE;
  return gtk_widget_grab_focus (best->widget);
}

GtkWidget *
td_form_get_field_widget (TdForm     *self,
                          const char *path)
{
  g_return_val_if_fail (TD_IS_FORM (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (g_str_equal (binding->path, path) && binding->kind != BINDING_COLOR)
        return binding->widget;
    }
  return NULL;
}

const char *
td_form_get_scope (TdForm *self)
{
  g_return_val_if_fail (TD_IS_FORM (self), NULL);
  return self->scope;
}

static void
td_form_dispose (GObject *object)
{
  TdForm *self = TD_FORM (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (td_form_parent_class)->dispose (object);
}

static void
td_form_finalize (GObject *object)
{
  TdForm *self = TD_FORM (object);

  g_ptr_array_unref (self->bindings);
  g_hash_table_unref (self->lists);
  g_free (self->focus_after_build);
  g_free (self->scope);
  G_OBJECT_CLASS (td_form_parent_class)->finalize (object);
}

static void
td_form_class_init (TdFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_form_dispose;
  object_class->finalize = td_form_finalize;

  gtk_widget_class_install_action (widget_class, "form.add-item", "s", add_item_action);
  gtk_widget_class_install_action (widget_class, "form.move-item", "(sui)", item_action);
  gtk_widget_class_install_action (widget_class, "form.remove-item", "(sui)", item_action);
}

static void
td_form_init (TdForm *self)
{
  self->bindings = g_ptr_array_new_with_free_func (binding_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
td_form_new (TdDocument        *document,
             const char        *scope,
             const TdFieldSpec *fields)
{
  TdForm *self;

  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (TD_TYPE_FORM, NULL);
  self->document = g_object_ref (document);
  self->scope = g_strdup (scope);
  self->fields = fields;
  build (self);
  g_signal_connect_object (document, "field-changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
