/* td-text-editor.c: multi-line text and markdown editors
 *
 * Typing goes to the document with TD_EDIT_MERGE, so a burst of typing is
 * one undo step; leaving the editor seals the step.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <adwaita.h>

#include "td-text-editor.h"
#include "td-spell.h"
#include "td-issue.h"
#include "td-json-path.h"

struct _TdTextEditor
{
  GtkWidget parent_instance;

  GtkWidget *frame;
  GtkTextView *view;
  GtkTextBuffer *buffer;

  TdDocument *document;
  char *scope;              /* the object it edits a field of (td-issue.h) */
  char *path;               /* the field, relative to that object */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (TdTextEditor, td_text_editor, GTK_TYPE_WIDGET)

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
document_text (TdTextEditor *self)
{
  JsonNode *root = td_document_get_root (self->document);
  g_autofree char *path = td_issue_field_path (root, self->scope, self->path);

  return path != NULL ? td_json_path_get_string (root, path) : "";
}

void
td_text_editor_refresh (TdTextEditor *self)
{
  g_autofree char *current = buffer_text (self->buffer);
  const char *value = document_text (self);

  if (g_str_equal (current, value))
    return;
  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, value, -1);
  self->updating = FALSE;
}

static void
buffer_changed_cb (TdTextEditor *self)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  if (self->updating)
    return;
  path = td_issue_field_path (td_document_get_root (self->document), self->scope, self->path);
  if (path == NULL)
    return;
  text = buffer_text (self->buffer);
  td_document_set_string (self->document, path, text, TD_EDIT_MERGE);
}

void
td_text_editor_wrap_selection (TdTextEditor *self,
                              const char  *before,
                              const char  *after)
{
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  g_autofree char *replacement = NULL;
  GtkTextMark *mark;

  g_return_if_fail (TD_IS_TEXT_EDITOR (self));

  gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end);
  selected = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  replacement = g_strconcat (before, selected, after, NULL);

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);

  /* Leave the cursor inside the markup when nothing was selected, ready
   * to type the bold word or the link's address. */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, mark);
  gtk_text_iter_forward_chars (&start, g_utf8_strlen (before, -1) +
                                       g_utf8_strlen (selected, -1));
  if (selected[0] != '\0')
    gtk_text_iter_forward_chars (&start, g_utf8_strlen (after, -1));
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_text_buffer_delete_mark (self->buffer, mark);
  td_document_seal_undo (self->document);
}

/* Ctrl+B, Ctrl+I, Ctrl+K: the markup around the selection is the
 * shortcut's arguments. */
static gboolean
wrap_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  const char *before = NULL;
  const char *after = NULL;

  g_variant_get (args, "(&s&s)", &before, &after);
  td_text_editor_wrap_selection (user_data, before, after);
  return TRUE;
}

static void
add_markup_shortcut (GtkShortcutController *controller,
                     const char            *accelerator,
                     const char            *before,
                     const char            *after,
                     TdTextEditor          *self)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                            gtk_callback_action_new (wrap_cb, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(ss)", before, after));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
update_scheme (GtkSourceBuffer *buffer)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
focus_leave_cb (TdTextEditor *self)
{
  td_document_seal_undo (self->document);
}

static void
td_text_editor_dispose (GObject *object)
{
  TdTextEditor *self = TD_TEXT_EDITOR (object);

  g_clear_pointer (&self->frame, gtk_widget_unparent);
  G_OBJECT_CLASS (td_text_editor_parent_class)->dispose (object);
}

static void
td_text_editor_finalize (GObject *object)
{
  TdTextEditor *self = TD_TEXT_EDITOR (object);

  g_clear_object (&self->document);
  g_free (self->scope);
  g_free (self->path);
  G_OBJECT_CLASS (td_text_editor_parent_class)->finalize (object);
}

static gboolean
td_text_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TD_TEXT_EDITOR (widget)->view));
}

static void
td_text_editor_class_init (TdTextEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_text_editor_dispose;
  object_class->finalize = td_text_editor_finalize;
  widget_class->grab_focus = td_text_editor_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdtexteditor");
}

static void
td_text_editor_init (TdTextEditor *self)
{
}

GtkWidget *
td_text_editor_new (TdDocument *document,
                    const char *scope,
                    const char *path,
                    gboolean    markdown,
                    const char *accessible_label)
{
  TdTextEditor *self = g_object_new (TD_TYPE_TEXT_EDITOR, NULL);
  GtkWidget *scroller;
  GtkEventController *focus;

  self->document = g_object_ref (document);
  self->scope = g_strdup (scope);
  self->path = g_strdup (path);

  if (markdown)
    {
      GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
      GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);
      GtkShortcutController *shortcuts;

      gtk_source_buffer_set_language (buffer,
                                      gtk_source_language_manager_get_language (languages,
                                                                                "markdown"));
      gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
      update_scheme (buffer);
      g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                               G_CALLBACK (update_scheme), buffer, G_CONNECT_SWAPPED);
      self->buffer = GTK_TEXT_BUFFER (buffer);
      self->view = GTK_TEXT_VIEW (gtk_source_view_new_with_buffer (buffer));
      g_object_unref (buffer);

      shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
      add_markup_shortcut (shortcuts, "<Control>b", "**", "**", self);
      add_markup_shortcut (shortcuts, "<Control>i", "_", "_", self);
      add_markup_shortcut (shortcuts, "<Control>k", "[", "](https://)", self);
      gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (shortcuts));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->view),
                                   _("Ctrl+B bold, Ctrl+I italic, Ctrl+K link; an empty line "
                                     "starts a new paragraph"));
    }
  else
    {
      self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
      self->buffer = gtk_text_view_get_buffer (self->view);
    }

  /* Ctrl+Z belongs to the document's one undo history, not the buffer's. */
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_text_view_set_top_margin (self->view, 10);
  gtk_text_view_set_bottom_margin (self->view, 10);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "td-text-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              markdown ? 160 : 72);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));

  self->frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (self->frame, "td-text-frame");
  gtk_frame_set_child (GTK_FRAME (self->frame), scroller);
  gtk_widget_set_parent (self->frame, GTK_WIDGET (self));

  td_text_editor_refresh (self);
  /* Misspelt words underlined as she types, suggestions in the menu. */
  td_spell_view_new (self->view, document, markdown);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), focus);

  return GTK_WIDGET (self);
}

GtkTextBuffer *
td_text_editor_get_buffer (TdTextEditor *self)
{
  g_return_val_if_fail (TD_IS_TEXT_EDITOR (self), NULL);
  return self->buffer;
}
