/* td-outline.c: the issue's outline, the left-hand list */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-issue.h"
#include "td-json-path.h"
#include "td-outline.h"
#include "td-registry.h"
#include "td-ui-util.h"

#define SELECTION_KEY "td-selection"
#define TITLE_KEY     "td-title-label"
#define SUBTITLE_KEY  "td-subtitle-label"

struct _TdOutline
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkScrolledWindow *scroller;
  GtkListBox *list_box;
  GtkMenuButton *add_button;
  GtkMenuButton *more_button;
  GMenuModel *section_menu;

  /* owned */
  TdDocument *document;
  char *selection;
  GtkWidget *context_menu;
  GMenu *add_menu;

  /* borrowed: the first section row, under the "Sections" heading */
  GtkWidget *first_section_row;

  gboolean rebuilding;
};

G_DEFINE_FINAL_TYPE (TdOutline, td_outline, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -- Rows ---------------------------------------------------------------- */

static const char *
row_get_selection (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), SELECTION_KEY) : NULL;
}

static const char *
row_get_section_id (GtkListBoxRow *row)
{
  return td_scope_get_section_id (row_get_selection (row));
}

static GtkListBoxRow *
find_row (TdOutline  *self,
          const char *selection)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (row_get_selection (GTK_LIST_BOX_ROW (child)), selection) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
set_row_text (GtkListBoxRow *row,
              const char    *title,
              const char    *subtitle)
{
  GtkLabel *title_label = g_object_get_data (G_OBJECT (row), TITLE_KEY);
  GtkLabel *subtitle_label = g_object_get_data (G_OBJECT (row), SUBTITLE_KEY);

  if (g_strcmp0 (gtk_label_get_label (title_label), title) == 0 &&
      g_strcmp0 (gtk_label_get_label (subtitle_label), subtitle != NULL ? subtitle : "") == 0)
    return;
  gtk_label_set_label (title_label, title);
  gtk_label_set_label (subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (subtitle_label), subtitle != NULL && subtitle[0] != '\0');
  /* What a screen reader says of the row: its title, then its type. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "",
                                  -1);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 TdOutline     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  g_object_set_data (G_OBJECT (row), "td-drag-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (row), "td-drag-y", GINT_TO_POINTER ((int) y));
  return gdk_content_provider_new_typed (GTK_TYPE_LIST_BOX_ROW, row);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               TdOutline     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "td-drag-x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "td-drag-y")));
  gtk_widget_add_css_class (row, "dragged");
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             TdOutline     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  gtk_widget_remove_css_class (row, "dragged");
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdOutline     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkListBoxRow *source_row;
  const char *from_id;
  const char *to_id;
  int from;
  int to;

  if (!G_VALUE_HOLDS (value, GTK_TYPE_LIST_BOX_ROW))
    return FALSE;
  source_row = g_value_get_object (value);
  from_id = row_get_section_id (source_row);
  to_id = row_get_section_id (GTK_LIST_BOX_ROW (row));
  if (from_id == NULL || to_id == NULL || self->document == NULL)
    return FALSE;
  from = td_issue_find_section (td_document_get_root (self->document), from_id);
  to = td_issue_find_section (td_document_get_root (self->document), to_id);
  if (from < 0 || to < 0)
    return FALSE;
  if (from != to)
    {
      g_autofree char *selection = g_strdup (row_get_selection (source_row));

      td_document_move (self->document, "sections", (guint) from, (guint) to);
      td_outline_set_selection (self, selection);
    }
  return TRUE;
}

static GtkWidget *
create_row (TdOutline  *self,
            const char *selection,
            const char *icon_name,
            const char *title,
            const char *subtitle,
            gboolean    draggable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title_label = gtk_label_new (NULL);
  GtkWidget *subtitle_label = gtk_label_new (NULL);

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *label = GTK_LABEL (i == 0 ? title_label : subtitle_label);

      gtk_label_set_xalign (label, 0.0f);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (label, 24);
      gtk_label_set_width_chars (label, 12);
      gtk_box_append (GTK_BOX (labels), GTK_WIDGET (label));
    }
  gtk_widget_set_visible (subtitle_label, FALSE);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_add_css_class (row, "outline-row");

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), SELECTION_KEY, g_strdup (selection), g_free);
  g_object_set_data (G_OBJECT (row), TITLE_KEY, title_label);
  g_object_set_data (G_OBJECT (row), SUBTITLE_KEY, subtitle_label);
  set_row_text (GTK_LIST_BOX_ROW (row), title, subtitle);

  if (draggable)
    {
      GtkDragSource *source = gtk_drag_source_new ();
      GtkDropTarget *target = gtk_drop_target_new (GTK_TYPE_LIST_BOX_ROW, GDK_ACTION_MOVE);

      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
      g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
      g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

      g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
    }
  return row;
}

/* The first words of the first text of an object (of its lists' first
 * items too), bodies before one-line texts: what tells two untitled
 * sections of a type apart. */
static const char *
find_first_text (JsonObject        *object,
                 const TdFieldSpec *fields,
                 gboolean           bodies)
{
  for (const TdFieldSpec *f = fields; f != NULL && f->key != NULL; f++)
    {
      JsonArray *items;
      const char *text;

      if (f->kind == TD_FIELD_LIST &&
          (items = td_json_get_array (object, f->key)) != NULL &&
          json_array_get_length (items) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)) &&
          (text = find_first_text (json_array_get_object_element (items, 0), f->fields,
                                   bodies)) != NULL)
        return text;
      if ((bodies ? f->kind == TD_FIELD_MARKDOWN || f->kind == TD_FIELD_MULTILINE
                  : f->kind == TD_FIELD_TEXT) &&
          (text = td_json_get_string (object, f->key))[0] != '\0')
        return text;
    }
  return NULL;
}

static char *
dup_first_words (JsonObject          *section,
                 const TdSectionType *type)
{
  const char *text = find_first_text (section, type->fields, TRUE);
  g_autofree char *line = NULL;

  if (text == NULL)
    text = find_first_text (section, type->fields, FALSE);
  if (text == NULL)
    return NULL;
  line = g_strndup (text, strcspn (text, "\n"));
  g_strdelimit (line, "*_#`", ' ');
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 39);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* A row's title and subtitle: the section's title, and its type -- or,
 * when the title is only the type's name, the section's first words. */
static void
section_row_text (JsonObject  *section,
                  char       **title,
                  char       **subtitle)
{
  const TdSectionType *type = td_registry_lookup_section_type (td_json_get_string (section, "type"));

  *title = td_section_dup_title (section);
  *subtitle = NULL;
  if (type == NULL)
    return;
  if (!g_str_equal (*title, _(type->name)))
    *subtitle = g_strdup (_(type->name));
  else
    *subtitle = dup_first_words (section, type);
}

/* Two rows that would read the same are numbered: "Promotions",
 * "Promotions (2)". */
static void
update_section_rows (TdOutline *self)
{
  JsonNode *root = td_document_get_root (self->document);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = td_issue_get_n_sections (root);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = td_issue_get_section (root, i);
      g_autofree char *scope = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *key = NULL;
      GtkListBoxRow *row;
      guint count;

      if (section == NULL)
        continue;
      scope = td_scope_for_section (td_json_get_string (section, "id"));
      if ((row = find_row (self, scope)) == NULL)
        continue;
      section_row_text (section, &title, &subtitle);
      key = g_strconcat (title, "\n", subtitle, NULL);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1;
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (count));
      if (count > 1)
        {
          /* Translators: a section's title, numbered when two read the same */
          char *numbered = g_strdup_printf (_("%s (%u)"), title, count);

          g_free (title);
          title = numbered;
        }
      set_row_text (row, title, subtitle);
    }
}

static void
update_fixed_rows (TdOutline *self)
{
  JsonObject *root = json_node_get_object (td_document_get_root (self->document));
  GtkListBoxRow *row;

  if ((row = find_row (self, TD_SCOPE_PRACTICE)) != NULL)
    set_row_text (row, _("Practice Profile"),
                  td_json_get_string (td_json_get_object (root, "practice"), "name"));
  if ((row = find_row (self, TD_SCOPE_ISSUE)) != NULL)
    set_row_text (row, _("Issue Settings"),
                  td_json_get_string (td_json_get_object (root, "issue"), "title"));
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  TdOutline *self = user_data;

  if (GTK_WIDGET (row) == self->first_section_row)
    {
      GtkWidget *header = gtk_list_box_row_get_header (row);

      if (header == NULL)
        {
          header = gtk_label_new (_("Sections"));
          gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
          gtk_widget_add_css_class (header, "heading");
          gtk_widget_add_css_class (header, "outline-heading");
          gtk_list_box_row_set_header (row, header);
        }
    }
  else if (gtk_list_box_row_get_header (row) != NULL)
    gtk_list_box_row_set_header (row, NULL);
}

static void
select_row (TdOutline     *self,
            GtkListBoxRow *row)
{
  const char *selection = row_get_selection (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;

  /* Selecting re-enters (row-selected) and may replace the form, and the
   * widget that had the focus with it: the focus is read afterwards. */
  gtk_list_box_select_row (self->list_box, row);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  /* The keyboard focus, when in the list, goes with the selection. */
  if (focus != NULL && focus != GTK_WIDGET (row) &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
  if (g_strcmp0 (selection, self->selection) != 0)
    {
      g_free (self->selection);
      self->selection = g_strdup (selection);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
    }
}

static void
rebuild (TdOutline *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *child;
  GtkWidget *focus;
  gboolean had_focus;
  int old_index = -1;
  guint n;
  GtkListBoxRow *row;

  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box));
  if (self->selection != NULL && (row = find_row (self, self->selection)) != NULL)
    old_index = gtk_list_box_row_get_index (row);

  self->rebuilding = TRUE;
  self->first_section_row = NULL;
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->document != NULL)
    {
      gtk_list_box_append (self->list_box,
                           create_row (self, TD_SCOPE_PRACTICE, "avatar-default-symbolic",
                                       _("Practice Profile"), NULL, FALSE));
      gtk_list_box_append (self->list_box,
                           create_row (self, TD_SCOPE_ISSUE, "mail-unread-symbolic",
                                       _("Issue Settings"), NULL, FALSE));
      update_fixed_rows (self);

      n = td_issue_get_n_sections (td_document_get_root (self->document));
      for (guint i = 0; i < n; i++)
        {
          JsonObject *section = td_issue_get_section (td_document_get_root (self->document), i);
          const TdSectionType *type;
          g_autofree char *selection = NULL;
          GtkWidget *new_row;

          /* Unknown types (from a newer Tidings) are kept but not shown. */
          if (section == NULL ||
              (type = td_registry_lookup_section_type (td_json_get_string (section, "type"))) == NULL)
            continue;
          selection = td_scope_for_section (td_json_get_string (section, "id"));
          new_row = create_row (self, selection, type->icon_name, "", NULL, TRUE);
          if (self->first_section_row == NULL)
            self->first_section_row = new_row;
          gtk_list_box_append (self->list_box, new_row);
        }
      update_section_rows (self);
    }
  gtk_list_box_invalidate_headers (self->list_box);
  self->rebuilding = FALSE;

  /* The same selection, or its neighbour when it is gone. */
  row = self->selection != NULL ? find_row (self, self->selection) : NULL;
  if (row == NULL && old_index >= 0)
    {
      row = gtk_list_box_get_row_at_index (self->list_box, old_index);
      if (row == NULL || row_get_section_id (row) == NULL)
        row = gtk_list_box_get_row_at_index (self->list_box, old_index - 1);
    }
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list_box, 1);
  if (row != NULL)
    {
      select_row (self, row);
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
field_changed_cb (TdOutline  *self,
                  const char *scope,
                  const char *key_path,
                  TdDocument *document)
{
  const char *id = td_scope_get_section_id (scope);
  const TdSectionType *type;
  JsonObject *section;
  int index;

  if (id == NULL)
    {
      update_fixed_rows (self);
      return;
    }
  /* The title shows in the list, or the first words of an untitled
   * section (set_row_text() leaves the rows that read the same alone). */
  index = td_issue_find_section (td_document_get_root (document), id);
  section = index >= 0 ? td_issue_get_section (td_document_get_root (document), (guint) index)
                       : NULL;
  type = section != NULL ? td_registry_lookup_section_type (td_json_get_string (section, "type"))
                         : NULL;
  if (type == NULL)
    return;
  if (key_path[0] == '\0' || type->title_key == NULL || g_str_equal (key_path, type->title_key) ||
      td_json_get_string (section, type->title_key)[0] == '\0')
    update_section_rows (self);
}

static void
sections_changed_cb (TdOutline *self)
{
  rebuild (self);
}

static void
row_selected_cb (TdOutline     *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list_box)
{
  if (self->rebuilding || row == NULL)
    return;
  select_row (self, row);
}

/* -- Menus --------------------------------------------------------------- */

static void
popup_context_menu (TdOutline     *self,
                    GtkListBoxRow *row,
                    double         x,
                    double         y)
{
  graphene_point_t point;
  GdkRectangle rect;

  if (row_get_section_id (row) == NULL)
    return;
  select_row (self, row);
  if (x < 0)
    {
      x = gtk_widget_get_width (GTK_WIDGET (row)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (row)) / 2.0;
    }
  if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->list_box),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    return;
  rect = (GdkRectangle) { (int) point.x, (int) point.y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TdOutline       *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);
  graphene_point_t point;

  if (row == NULL)
    return;
  if (!gtk_widget_compute_point (GTK_WIDGET (self->list_box), GTK_WIDGET (row),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    return;
  popup_context_menu (self, row, point.x, point.y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
context_menu_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  TdOutline *self = TD_OUTLINE (user_data);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row != NULL)
    popup_context_menu (self, row, -1, -1);
  return TRUE;
}

static GMenu *
build_add_menu (void)
{
  GMenu *menu = g_menu_new ();
  const TdSectionType *types;
  guint n_types = 0;

  types = td_registry_get_section_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(types[i].name), NULL);
      g_autoptr(GIcon) icon = g_themed_icon_new (types[i].icon_name);

      g_menu_item_set_action_and_target (item, "win.add-section", "s", types[i].type);
      g_menu_item_set_icon (item, icon);
      g_menu_append_item (menu, item);
    }
  return menu;
}

void
td_outline_popup_add_menu (TdOutline *self)
{
  g_return_if_fail (TD_IS_OUTLINE (self));
  gtk_menu_button_popup (self->add_button);
}

/* -- GObject ------------------------------------------------------------- */

static void
td_outline_dispose (GObject *object)
{
  TdOutline *self = TD_OUTLINE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_OUTLINE);

  G_OBJECT_CLASS (td_outline_parent_class)->dispose (object);
}

static void
td_outline_finalize (GObject *object)
{
  TdOutline *self = TD_OUTLINE (object);

  g_free (self->selection);
  g_clear_object (&self->add_menu);

  G_OBJECT_CLASS (td_outline_parent_class)->finalize (object);
}

static void
td_outline_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TdOutline *self = TD_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTION:
      g_value_set_string (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_outline_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TdOutline *self = TD_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      td_outline_set_document (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      td_outline_set_selection (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_outline_class_init (TdOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_outline_dispose;
  object_class->finalize = td_outline_finalize;
  object_class->get_property = td_outline_get_property;
  object_class->set_property = td_outline_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TD_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_string ("selection", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, TdOutline, box);
  gtk_widget_class_bind_template_child (widget_class, TdOutline, scroller);
  gtk_widget_class_bind_template_child (widget_class, TdOutline, list_box);
  gtk_widget_class_bind_template_child (widget_class, TdOutline, add_button);
  gtk_widget_class_bind_template_child (widget_class, TdOutline, more_button);
  gtk_widget_class_bind_template_child (widget_class, TdOutline, section_menu);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdoutline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
td_outline_init (TdOutline *self)
{
  GtkGesture *click;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);

  self->add_menu = build_add_menu ();
  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (self->add_menu));
  td_menu_button_quiet_tooltip (self->add_button);
  td_menu_button_quiet_tooltip (self->more_button);

  self->context_menu = gtk_popover_menu_new_from_model (self->section_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->list_box));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (click));

  /* Keys that only make sense in the list: Delete, and the context menu. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                                                          gtk_named_action_new ("win.section-delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                                                          gtk_callback_action_new (context_menu_shortcut_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), shortcuts);
}

GtkWidget *
td_outline_new (void)
{
  return g_object_new (TD_TYPE_OUTLINE, NULL);
}

void
td_outline_set_document (TdOutline  *self,
                         TdDocument *document)
{
  g_return_if_fail (TD_IS_OUTLINE (self));
  g_return_if_fail (document == NULL || TD_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "field-changed", G_CALLBACK (field_changed_cb), self);
      g_signal_connect_swapped (document, "section-inserted", G_CALLBACK (sections_changed_cb),
                                self);
      g_signal_connect_swapped (document, "section-removed", G_CALLBACK (sections_changed_cb),
                                self);
      g_signal_connect_swapped (document, "section-moved", G_CALLBACK (sections_changed_cb), self);
    }
  g_clear_pointer (&self->selection, g_free);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

TdDocument *
td_outline_get_document (TdOutline *self)
{
  g_return_val_if_fail (TD_IS_OUTLINE (self), NULL);
  return self->document;
}

const char *
td_outline_get_selection (TdOutline *self)
{
  g_return_val_if_fail (TD_IS_OUTLINE (self), NULL);
  return self->selection;
}

const char *
td_outline_get_section_id (TdOutline *self)
{
  g_return_val_if_fail (TD_IS_OUTLINE (self), NULL);

  return td_scope_get_section_id (self->selection);
}

void
td_outline_set_selection (TdOutline  *self,
                          const char *selection)
{
  GtkListBoxRow *row;

  g_return_if_fail (TD_IS_OUTLINE (self));

  if (selection == NULL || (row = find_row (self, selection)) == NULL)
    return;
  select_row (self, row);
}

void
td_outline_focus (TdOutline *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (TD_IS_OUTLINE (self));

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_box));
}

GtkListBox *
td_outline_get_list_box (TdOutline *self)
{
  g_return_val_if_fail (TD_IS_OUTLINE (self), NULL);
  return self->list_box;
}
