/* td-spell.c: spelling underlined as she types, with suggestions
 *
 * A keystroke only marks the lines it changed (two text marks around the
 * dirty region); an idle at low priority, after the frame is drawn,
 * re-checks those lines and nothing else. The word being typed (the one
 * ending at the cursor) is left alone until the cursor leaves it, as
 * gnome-text-editor does, so a word is not underlined half-written.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <adwaita.h>

#include "td-spell.h"
#include "td-json-path.h"

#define MAX_SUGGESTIONS 5

/* The setting
 * ------------------------------------------------------------------------ */

#define TD_TYPE_SPELL_SETTINGS (td_spell_settings_get_type ())

G_DECLARE_FINAL_TYPE (TdSpellSettings, td_spell_settings, TD, SPELL_SETTINGS, GObject)

struct _TdSpellSettings
{
  GObject parent_instance;
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (TdSpellSettings, td_spell_settings, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_spell_settings_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, TD_SPELL_SETTINGS (object)->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_spell_settings_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ENABLED:
      td_spell_set_enabled (g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_spell_settings_class_init (TdSpellSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = td_spell_settings_get_property;
  object_class->set_property = td_spell_settings_set_property;
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_spell_settings_init (TdSpellSettings *self)
{
  self->enabled = TRUE;
}

GObject *
td_spell_get_settings (void)
{
  static TdSpellSettings *settings;

  if (settings == NULL)
    settings = g_object_new (TD_TYPE_SPELL_SETTINGS, NULL);
  return G_OBJECT (settings);
}

gboolean
td_spell_get_enabled (void)
{
  return TD_SPELL_SETTINGS (td_spell_get_settings ())->enabled;
}

void
td_spell_set_enabled (gboolean enabled)
{
  TdSpellSettings *settings = TD_SPELL_SETTINGS (td_spell_get_settings ());

  enabled = !!enabled;
  if (settings->enabled == enabled)
    return;
  settings->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (settings), properties[PROP_ENABLED]);
}

/* Shared by the view and the entry
 * ------------------------------------------------------------------------ */

/* The speller of the language (its dictionary perhaps still
 * loading: the fields are checked again once it is there). */
static TdSpeller *
speller_for (TdDocument *document)
{
  const char *language = td_json_path_get_string (td_document_get_root (document),
                                                  "issue.language");

  return td_speller_get_shared_deferred (language);
}

static gboolean
is_language_change (const char *scope,
                    const char *key_path)
{
  return g_str_equal (scope, "issue") &&
         (key_path[0] == '\0' || g_str_equal (key_path, "language"));
}

/* The menu for @word (misspelt), or for no word (empty). */
static void
fill_menu (GMenu      *menu,
           TdSpeller  *speller,
           const char *word)
{
  g_autoptr(GMenu) suggestions = NULL;
  g_autoptr(GMenu) dictionary = NULL;
  g_auto(GStrv) words = NULL;

  g_menu_remove_all (menu);
  if (!td_spell_get_enabled () || td_speller_is_loading (speller))
    return;
  if (!td_speller_has_dictionary (speller))
    {
      g_autofree char *note = NULL;

      if (word == NULL)
        return;
      /* Translators: %s is a language tag such as "de" */
      note = g_strdup_printf (_("No spelling dictionary for “%s”"),
                              td_speller_get_language (speller));
      g_menu_append (menu, note, "spelling.none");
      return;
    }
  if (word == NULL)
    return;

  suggestions = g_menu_new ();
  words = td_speller_suggest (speller, word, -1, MAX_SUGGESTIONS);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (words[i], NULL);

      g_menu_item_set_action_and_target_value (item, "spelling.correct",
                                               g_variant_new_string (words[i]));
      g_menu_append_item (suggestions, item);
    }
  if (words[0] == NULL)
    g_menu_append (suggestions, _("(No Suggestions)"), "spelling.none");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (suggestions));

  dictionary = g_menu_new ();
  g_menu_append (dictionary, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (dictionary, _("_Ignore"), "spelling.ignore");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (dictionary));
}

/* The word of @text (one line) around byte @cursor, as a byte range. */
static gboolean
word_at (const char  *text,
         gsize        cursor,
         gboolean     markdown,
         TdWordRange *found)
{
  g_autoptr(GArray) words = td_spelling_find_words (text, -1, markdown);

  for (guint i = 0; i < words->len; i++)
    {
      TdWordRange *range = &g_array_index (words, TdWordRange, i);

      if (range->start <= cursor && cursor <= range->end)
        {
          *found = *range;
          return TRUE;
        }
    }
  return FALSE;
}

/* The text view
 * ------------------------------------------------------------------------ */

struct _TdSpellView
{
  GObject parent_instance;

  /* borrowed: the view owns this object */
  GtkTextView *view;
  GtkTextBuffer *buffer;
  TdDocument *document;

  /* owned */
  TdSpeller *speller;
  GtkTextTag *tag;
  GtkTextMark *dirty_start;  /* NULL when nothing waits to be checked */
  GtkTextMark *dirty_end;
  GtkTextMark *word_start;   /* the word the menu is about */
  GtkTextMark *word_end;
  GtkTextMark *skipped;      /* the word left alone at the cursor, or NULL */
  GMenu *menu;
  GSimpleActionGroup *actions;
  char *menu_word;
  gulong speller_changed_id;
  guint idle_id;
  gboolean markdown;
};

G_DEFINE_FINAL_TYPE (TdSpellView, td_spell_view, G_TYPE_OBJECT)

static gboolean view_idle_cb (gpointer user_data);

static void
view_schedule (TdSpellView *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, view_idle_cb, self, NULL);
}

static void
view_mark_dirty (TdSpellView       *self,
                 const GtkTextIter *start,
                 const GtkTextIter *end)
{
  GtkTextIter old_start, old_end;
  GtkTextIter new_start = *start;
  GtkTextIter new_end = *end;

  if (self->dirty_start == NULL)
    {
      self->dirty_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      self->dirty_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
    }
  else
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &old_start, self->dirty_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &old_end, self->dirty_end);
      if (gtk_text_iter_compare (&old_start, &new_start) < 0)
        new_start = old_start;
      if (gtk_text_iter_compare (&old_end, &new_end) > 0)
        new_end = old_end;
      gtk_text_buffer_move_mark (self->buffer, self->dirty_start, &new_start);
      gtk_text_buffer_move_mark (self->buffer, self->dirty_end, &new_end);
    }
  view_schedule (self);
}

static void
view_recheck_all (TdSpellView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (!td_spell_get_enabled ())
    {
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
      return;
    }
  view_mark_dirty (self, &start, &end);
}

/* Whether the word ending at the cursor is being typed: the view has the
 * focus and the cursor is at the word's end. */
static gboolean
view_is_typing (TdSpellView       *self,
                const GtkTextIter *word_end)
{
  GtkTextIter cursor;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->view)))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_equal (&cursor, word_end);
}

/* The start and end offsets of the underlined runs between @start and
 * @end, in order. */
static GArray *
tagged_offsets (TdSpellView       *self,
                const GtkTextIter *start,
                const GtkTextIter *end)
{
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter iter = *start;

  if (!gtk_text_iter_has_tag (&iter, self->tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
    return offsets;
  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      int run[2];

      run[0] = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, self->tag);
      if (gtk_text_iter_compare (&iter, end) > 0)
        iter = *end;
      run[1] = gtk_text_iter_get_offset (&iter);
      g_array_append_vals (offsets, run, 2);
      if (!gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
        break;
    }
  return offsets;
}

static void
view_check_range (TdSpellView *self,
                  GtkTextIter *start,
                  GtkTextIter *end)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) misspelt = NULL;
  g_autoptr(GArray) underlined = NULL;
  GtkSourceBuffer *source = GTK_SOURCE_IS_BUFFER (self->buffer)
                            ? GTK_SOURCE_BUFFER (self->buffer) : NULL;
  int base;

  /* Whole lines: a word is never cut, and markdown reads by lines. */
  gtk_text_iter_set_line_offset (start, 0);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
  base = gtk_text_iter_get_offset (start);

  misspelt = g_array_new (FALSE, FALSE, sizeof (int));
  if (td_spell_get_enabled () && td_speller_has_dictionary (self->speller))
    {
      text = gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
      words = td_spelling_find_words (text, -1, self->markdown);
      if (source != NULL && words->len > 0)
        gtk_source_buffer_ensure_highlight (source, start, end);
    }

  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      TdWordRange *range = &g_array_index (words, TdWordRange, i);
      GtkTextIter word_start, word_end;
      int offsets[2];

      if (td_speller_check_word (self->speller, text + range->start,
                                 (gssize) (range->end - range->start)))
        continue;
      offsets[0] = base + (int) g_utf8_pointer_to_offset (text, text + range->start);
      offsets[1] = base + (int) g_utf8_pointer_to_offset (text, text + range->end);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_start, offsets[0]);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_end, offsets[1]);
      /* Inside a code block GtkSourceView knows of (a fence above the
       * lines checked). */
      if (source != NULL &&
          gtk_source_buffer_iter_has_context_class (source, &word_start, "no-spell-check"))
        continue;
      if (view_is_typing (self, &word_end))
        {
          if (self->skipped == NULL)
            self->skipped = gtk_text_buffer_create_mark (self->buffer, NULL, &word_start, TRUE);
          else
            gtk_text_buffer_move_mark (self->buffer, self->skipped, &word_start);
          continue;
        }
      g_array_append_vals (misspelt, offsets, 2);
    }

  /* Only when the underlines change: each change of a tag lays the lines
   * out again. */
  underlined = tagged_offsets (self, start, end);
  if (underlined->len == misspelt->len &&
      (misspelt->len == 0 ||
       memcmp (underlined->data, misspelt->data, misspelt->len * sizeof (int)) == 0))
    return;
  gtk_text_buffer_remove_tag (self->buffer, self->tag, start, end);
  for (guint i = 0; i + 1 < misspelt->len; i += 2)
    {
      GtkTextIter word_start, word_end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_start,
                                          g_array_index (misspelt, int, i));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_end,
                                          g_array_index (misspelt, int, i + 1));
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &word_start, &word_end);
    }
}

void
td_spell_view_flush (TdSpellView *self)
{
  GtkTextIter start, end;

  g_return_if_fail (TD_IS_SPELL_VIEW (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->dirty_start == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->dirty_end);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_start);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_end);
  self->dirty_start = self->dirty_end = NULL;
  view_check_range (self, &start, &end);
}

static gboolean
view_idle_cb (gpointer user_data)
{
  TdSpellView *self = user_data;

  self->idle_id = 0;
  td_spell_view_flush (self);
  return G_SOURCE_REMOVE;
}

static void
view_insert_text_cb (GtkTextBuffer *buffer,
                     GtkTextIter   *location,
                     const char    *text,
                     int            length,
                     TdSpellView   *self)
{
  GtkTextIter start = *location;

  /* After the insertion: @location is its end. */
  gtk_text_iter_backward_chars (&start, (int) g_utf8_strlen (text, length));
  view_mark_dirty (self, &start, location);
}

static void
view_delete_range_cb (GtkTextBuffer *buffer,
                      GtkTextIter   *start,
                      GtkTextIter   *end,
                      TdSpellView   *self)
{
  view_mark_dirty (self, start, end);
}

/* The cursor left the word it had been typing: check it now. */
static void
view_cursor_moved_cb (TdSpellView *self)
{
  GtkTextIter start, end, cursor;

  if (self->skipped == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->skipped);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  end = start;
  gtk_text_iter_forward_word_end (&end);
  if (gtk_text_iter_in_range (&cursor, &start, &end) || gtk_text_iter_equal (&cursor, &end))
    return;
  gtk_text_buffer_delete_mark (self->buffer, self->skipped);
  self->skipped = NULL;
  view_mark_dirty (self, &start, &end);
}

/* Leaving the field ends the word being typed too. */
static void
view_focus_leave_cb (TdSpellView *self)
{
  GtkTextIter start, end;

  if (self->skipped == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->skipped);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete_mark (self->buffer, self->skipped);
  self->skipped = NULL;
  view_mark_dirty (self, &start, &end);
}

static void
view_set_speller (TdSpellView *self,
                  TdSpeller   *speller)
{
  if (self->speller == speller)
    return;
  g_clear_signal_handler (&self->speller_changed_id, self->speller);
  g_set_object (&self->speller, speller);
  self->speller_changed_id = g_signal_connect_object (speller, "changed",
                                                      G_CALLBACK (view_recheck_all), self,
                                                      G_CONNECT_SWAPPED);
  view_recheck_all (self);
}

static void
view_field_changed_cb (TdSpellView *self,
                       const char  *scope,
                       const char  *key_path)
{
  g_autoptr(TdSpeller) speller = NULL;

  if (!is_language_change (scope, key_path))
    return;
  speller = speller_for (self->document);
  view_set_speller (self, speller);
}

GMenuModel *
td_spell_view_update_menu (TdSpellView *self)
{
  GtkTextIter cursor, line_start, line_end, start, end;
  g_autofree char *line = NULL;
  const char *at;
  TdWordRange range;
  gboolean misspelt = FALSE;

  g_return_val_if_fail (TD_IS_SPELL_VIEW (self), NULL);

  g_clear_pointer (&self->menu_word, g_free);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  line_start = line_end = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  line = gtk_text_buffer_get_slice (self->buffer, &line_start, &line_end, TRUE);

  at = g_utf8_offset_to_pointer (line, gtk_text_iter_get_line_offset (&cursor));
  if (word_at (line, (gsize) (at - line), self->markdown, &range))
    {
      int base = gtk_text_iter_get_offset (&line_start);
      int word_start = (int) g_utf8_pointer_to_offset (line, line + range.start);
      int word_end = (int) g_utf8_pointer_to_offset (line, line + range.end);

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, base + word_start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, base + word_end);
      self->menu_word = g_strndup (line + range.start, range.end - range.start);
      misspelt = !td_speller_check_word (self->speller, self->menu_word, -1) ||
                 !td_speller_has_dictionary (self->speller);
      gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
      gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
    }
  fill_menu (self->menu, self->speller, misspelt ? self->menu_word : NULL);
  return G_MENU_MODEL (self->menu);
}

TdSpeller *
td_spell_view_get_speller (TdSpellView *self)
{
  g_return_val_if_fail (TD_IS_SPELL_VIEW (self), NULL);
  return self->speller;
}

/* A right click puts the cursor on the word clicked, unless it falls in the
 * selection, so that the menu is about that word. */
static void
view_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TdSpellView     *self)
{
  GtkTextIter iter, sel_start, sel_end;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) ||
      !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
  td_spell_view_update_menu (self);
}

/* Menu and Shift+F10: the menu first, then the view's own binding. */
static gboolean
view_menu_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  td_spell_view_update_menu (user_data);
  return FALSE;
}

static void
view_correct_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TdSpellView *self = user_data;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, g_variant_get_string (parameter, NULL), -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

static void
view_add_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TdSpellView *self = user_data;

  if (self->menu_word != NULL)
    td_speller_add_word (self->speller, self->menu_word);
}

static void
view_ignore_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TdSpellView *self = user_data;

  if (self->menu_word != NULL)
    td_speller_ignore_word (self->speller, self->menu_word);
}

static GSimpleActionGroup *
actions_new (const GActionEntry *entries,
             guint               n_entries,
             gpointer            self)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) none = g_simple_action_new ("none", NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, (int) n_entries, self);
  /* The menu's notes (no dictionary, no suggestions) are shown, not done. */
  g_simple_action_set_enabled (none, FALSE);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (none));
  return group;
}

static void
td_spell_view_dispose (GObject *object)
{
  TdSpellView *self = TD_SPELL_VIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_signal_handler (&self->speller_changed_id, self->speller);
  g_clear_object (&self->speller);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (td_spell_view_parent_class)->dispose (object);
}

static void
td_spell_view_finalize (GObject *object)
{
  TdSpellView *self = TD_SPELL_VIEW (object);

  g_free (self->menu_word);
  G_OBJECT_CLASS (td_spell_view_parent_class)->finalize (object);
}

static void
td_spell_view_class_init (TdSpellViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_spell_view_dispose;
  object_class->finalize = td_spell_view_finalize;
}

static void
td_spell_view_init (TdSpellView *self)
{
}

static GtkShortcutController *
menu_key_shortcuts_new (GtkShortcutFunc func,
                        gpointer        self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                      gtk_callback_action_new (func, self, NULL)));
  return GTK_SHORTCUT_CONTROLLER (shortcuts);
}

TdSpellView *
td_spell_view_new (GtkTextView *view,
                   TdDocument  *document,
                   gboolean     markdown)
{
  static const GActionEntry entries[] = {
    { "correct", view_correct_action, "s", NULL, NULL, { 0 } },
    { "add", view_add_action, NULL, NULL, NULL, { 0 } },
    { "ignore", view_ignore_action, NULL, NULL, NULL, { 0 } },
  };
  TdSpellView *self;
  GtkGesture *click;
  GtkEventController *focus;
  GtkTextIter start;
  g_autoptr(TdSpeller) speller = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  self = g_object_new (TD_TYPE_SPELL_VIEW, NULL);
  self->view = view;
  self->buffer = gtk_text_view_get_buffer (view);
  self->document = document;
  self->markdown = markdown;
  self->tag = gtk_text_buffer_create_tag (self->buffer, TD_SPELL_TAG_NAME,
                                          "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  g_object_set_data_full (G_OBJECT (view), "td-spell", self, g_object_unref);

  self->menu = g_menu_new ();
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));
  self->actions = actions_new (entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (view_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (view),
                             GTK_EVENT_CONTROLLER (menu_key_shortcuts_new (view_menu_key_cb,
                                                                           self)));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (view_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), focus);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (view_insert_text_cb), self,
                           G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (view_delete_range_cb),
                           self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position",
                           G_CALLBACK (view_cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "field-changed", G_CALLBACK (view_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (td_spell_get_settings (), "notify::enabled",
                           G_CALLBACK (view_recheck_all), self, G_CONNECT_SWAPPED);

  speller = speller_for (document);
  view_set_speller (self, speller);
  return self;
}

/* The entry
 * ------------------------------------------------------------------------ */

struct _TdSpellEntry
{
  GObject parent_instance;

  /* borrowed: the text owns this object */
  GtkText *text;
  TdDocument *document;

  /* owned */
  TdSpeller *speller;
  GMenu *menu;
  GSimpleActionGroup *actions;
  char *menu_word;
  TdWordRange menu_range;    /* characters, not bytes */
  gulong speller_changed_id;
  guint idle_id;
  gboolean skipped;          /* the word at the cursor was left alone */
};

G_DEFINE_FINAL_TYPE (TdSpellEntry, td_spell_entry, G_TYPE_OBJECT)

void
td_spell_entry_flush (TdSpellEntry *self)
{
  const char *text;
  g_autoptr(GArray) words = NULL;
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoAttrList *current;
  guint n_underlined = 0;
  int position;
  gsize cursor;

  g_return_if_fail (TD_IS_SPELL_ENTRY (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->skipped = FALSE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  cursor = (gsize) (g_utf8_offset_to_pointer (text, position) - text);
  if (td_spell_get_enabled () && td_speller_has_dictionary (self->speller))
    {
      words = td_spelling_find_words (text, -1, FALSE);
      for (guint i = 0; i < words->len; i++)
        {
          TdWordRange *range = &g_array_index (words, TdWordRange, i);
          PangoAttribute *attr;

          if (td_speller_check_word (self->speller, text + range->start,
                                     (gssize) (range->end - range->start)))
            continue;
          if (range->end == cursor && gtk_widget_has_focus (GTK_WIDGET (self->text)))
            {
              self->skipped = TRUE;
              continue;
            }
          attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
          attr->start_index = (guint) range->start;
          attr->end_index = (guint) range->end;
          pango_attr_list_insert (attrs, attr);
          /* Red, as GtkTextView draws its error underlines (Adwaita's
           * error colour); the text's own colour would read as a
           * dotted line, not as a mistake. */
          attr = pango_attr_underline_color_new (0xe0e0, 0x1b1b, 0x2424);
          attr->start_index = (guint) range->start;
          attr->end_index = (guint) range->end;
          pango_attr_list_insert (attrs, attr);
          n_underlined++;
        }
    }
  /* Only when the underlines change: new attributes lay the text out
   * again. */
  current = gtk_text_get_attributes (self->text);
  if (current != NULL ? pango_attr_list_equal (current, attrs) : n_underlined == 0)
    return;
  gtk_text_set_attributes (self->text, attrs);
}

static gboolean
entry_idle_cb (gpointer user_data)
{
  TdSpellEntry *self = user_data;

  self->idle_id = 0;
  td_spell_entry_flush (self);
  return G_SOURCE_REMOVE;
}

static void
entry_schedule (TdSpellEntry *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, entry_idle_cb, self, NULL);
}

static void
entry_cursor_moved_cb (TdSpellEntry *self)
{
  if (self->skipped)
    entry_schedule (self);
}

static void
entry_set_speller (TdSpellEntry *self,
                   TdSpeller    *speller)
{
  if (self->speller == speller)
    return;
  g_clear_signal_handler (&self->speller_changed_id, self->speller);
  g_set_object (&self->speller, speller);
  self->speller_changed_id = g_signal_connect_object (speller, "changed",
                                                      G_CALLBACK (entry_schedule), self,
                                                      G_CONNECT_SWAPPED);
  entry_schedule (self);
}

static void
entry_field_changed_cb (TdSpellEntry *self,
                        const char   *scope,
                        const char   *key_path)
{
  g_autoptr(TdSpeller) speller = NULL;

  if (!is_language_change (scope, key_path))
    return;
  speller = speller_for (self->document);
  entry_set_speller (self, speller);
}

GMenuModel *
td_spell_entry_update_menu (TdSpellEntry *self)
{
  const char *text;
  TdWordRange range;
  gboolean misspelt = FALSE;
  int position;

  g_return_val_if_fail (TD_IS_SPELL_ENTRY (self), NULL);

  g_clear_pointer (&self->menu_word, g_free);
  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  if (word_at (text, (gsize) (g_utf8_offset_to_pointer (text, position) - text), FALSE, &range))
    {
      self->menu_word = g_strndup (text + range.start, range.end - range.start);
      self->menu_range.start = (gsize) g_utf8_pointer_to_offset (text, text + range.start);
      self->menu_range.end = (gsize) g_utf8_pointer_to_offset (text, text + range.end);
      misspelt = !td_speller_check_word (self->speller, self->menu_word, -1) ||
                 !td_speller_has_dictionary (self->speller);
    }
  fill_menu (self->menu, self->speller, misspelt ? self->menu_word : NULL);
  return G_MENU_MODEL (self->menu);
}

/* A right click: the cursor on the character clicked (measured with the
 * text's own font; a long text scrolled sideways is measured from its
 * start), unless it falls in the selection. */
static void
entry_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TdSpellEntry    *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->text), text);
  int index = 0, trailing = 0, sel_start = 0, sel_end = 0, position;

  pango_layout_xy_to_index (layout, (int) (x * PANGO_SCALE), 0, &index, &trailing);
  position = (int) g_utf8_pointer_to_offset (text, text + index) + trailing;
  if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (self->text), &sel_start, &sel_end) ||
      position < sel_start || position > sel_end)
    gtk_editable_set_position (GTK_EDITABLE (self->text), position);
  td_spell_entry_update_menu (self);
}

static gboolean
entry_menu_key_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  td_spell_entry_update_menu (user_data);
  return FALSE;
}

static void
entry_correct_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TdSpellEntry *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->text);
  int position = (int) self->menu_range.start;

  if (self->menu_word == NULL)
    return;
  gtk_editable_delete_text (editable, (int) self->menu_range.start, (int) self->menu_range.end);
  gtk_editable_insert_text (editable, g_variant_get_string (parameter, NULL), -1, &position);
  gtk_editable_set_position (editable, position);
}

static void
entry_add_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TdSpellEntry *self = user_data;

  if (self->menu_word != NULL)
    td_speller_add_word (self->speller, self->menu_word);
}

static void
entry_ignore_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TdSpellEntry *self = user_data;

  if (self->menu_word != NULL)
    td_speller_ignore_word (self->speller, self->menu_word);
}

static void
td_spell_entry_dispose (GObject *object)
{
  TdSpellEntry *self = TD_SPELL_ENTRY (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_signal_handler (&self->speller_changed_id, self->speller);
  g_clear_object (&self->speller);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (td_spell_entry_parent_class)->dispose (object);
}

static void
td_spell_entry_finalize (GObject *object)
{
  TdSpellEntry *self = TD_SPELL_ENTRY (object);

  g_free (self->menu_word);
  G_OBJECT_CLASS (td_spell_entry_parent_class)->finalize (object);
}

static void
td_spell_entry_class_init (TdSpellEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_spell_entry_dispose;
  object_class->finalize = td_spell_entry_finalize;
}

static void
td_spell_entry_init (TdSpellEntry *self)
{
}

TdSpellEntry *
td_spell_entry_new (GtkEditable *editable,
                    TdDocument  *document)
{
  static const GActionEntry entries[] = {
    { "correct", entry_correct_action, "s", NULL, NULL, { 0 } },
    { "add", entry_add_action, NULL, NULL, NULL, { 0 } },
    { "ignore", entry_ignore_action, NULL, NULL, NULL, { 0 } },
  };
  TdSpellEntry *self;
  GtkEditable *delegate = editable;
  GtkGesture *click;
  GtkEventController *focus;
  g_autoptr(TdSpeller) speller = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  while (!GTK_IS_TEXT (delegate) && gtk_editable_get_delegate (delegate) != NULL)
    delegate = gtk_editable_get_delegate (delegate);
  g_return_val_if_fail (GTK_IS_TEXT (delegate), NULL);

  self = g_object_new (TD_TYPE_SPELL_ENTRY, NULL);
  self->text = GTK_TEXT (delegate);
  self->document = document;
  g_object_set_data_full (G_OBJECT (self->text), "td-spell", self, g_object_unref);

  self->menu = g_menu_new ();
  gtk_text_set_extra_menu (self->text, G_MENU_MODEL (self->menu));
  self->actions = actions_new (entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self->text), "spelling",
                                  G_ACTION_GROUP (self->actions));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (entry_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (self->text),
                             GTK_EVENT_CONTROLLER (menu_key_shortcuts_new (entry_menu_key_cb,
                                                                           self)));
  /* Leaving the field ends the word being typed too. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (entry_cursor_moved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text), focus);

  g_signal_connect_object (self->text, "changed", G_CALLBACK (entry_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text, "notify::cursor-position",
                           G_CALLBACK (entry_cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "field-changed", G_CALLBACK (entry_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (td_spell_get_settings (), "notify::enabled",
                           G_CALLBACK (entry_schedule), self, G_CONNECT_SWAPPED);

  speller = speller_for (document);
  entry_set_speller (self, speller);
  return self;
}
