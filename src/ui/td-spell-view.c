/* td-spell-view.c: a GtkTextView's spelling
 *
 * A keystroke only marks the lines it changed (two text marks around the
 * dirty region); an idle at low priority, after the frame is drawn,
 * re-checks those lines and nothing else. The word being typed (the one
 * ending at the cursor) is left alone until the cursor leaves it, as
 * gnome-text-editor does, so a word is not underlined half-written.
 */

#include "config.h"

#include <string.h>

#include <gtksourceview/gtksource.h>

#include "td-spell-private.h"

struct _TdSpellView
{
  TdSpellField field;        /* first: the speller, the menu, the actions */

  /* borrowed: the view owns this object */
  GtkTextView *view;
  GtkTextBuffer *buffer;

  /* owned */
  GtkTextTag *tag;
  GtkTextMark *dirty_start;  /* NULL when nothing waits to be checked */
  GtkTextMark *dirty_end;
  GtkTextMark *word_start;   /* the word the menu is about */
  GtkTextMark *word_end;
  GtkTextMark *skipped;      /* the word left alone at the cursor, or NULL */
  gboolean markdown;
};

G_DEFINE_FINAL_TYPE (TdSpellView, td_spell_view, G_TYPE_OBJECT)

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
  td_spell_field_schedule (&self->field);
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
  if (td_spell_get_enabled () && td_speller_has_dictionary (self->field.speller))
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

      if (td_speller_check_word (self->field.speller, text + range->start,
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

  g_clear_handle_id (&self->field.idle_id, g_source_remove);
  if (self->dirty_start == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->dirty_end);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_start);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_end);
  self->dirty_start = self->dirty_end = NULL;
  view_check_range (self, &start, &end);
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

GMenuModel *
td_spell_view_update_menu (TdSpellView *self)
{
  GtkTextIter cursor, line_start, line_end, start, end;
  g_autofree char *line = NULL;
  const char *at;
  TdWordRange range;

  g_return_val_if_fail (TD_IS_SPELL_VIEW (self), NULL);

  g_clear_pointer (&self->field.menu_word, g_free);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  line_start = line_end = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  line = gtk_text_buffer_get_slice (self->buffer, &line_start, &line_end, TRUE);

  at = g_utf8_offset_to_pointer (line, gtk_text_iter_get_line_offset (&cursor));
  if (td_spell_word_at (line, (gsize) (at - line), self->markdown, &range))
    {
      int base = gtk_text_iter_get_offset (&line_start);
      int word_start = (int) g_utf8_pointer_to_offset (line, line + range.start);
      int word_end = (int) g_utf8_pointer_to_offset (line, line + range.end);

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, base + word_start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, base + word_end);
      self->field.menu_word = g_strndup (line + range.start, range.end - range.start);
      gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
      gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
    }
  return td_spell_field_fill_menu (&self->field);
}

TdSpeller *
td_spell_view_get_speller (TdSpellView *self)
{
  g_return_val_if_fail (TD_IS_SPELL_VIEW (self), NULL);
  return self->field.speller;
}

/* The field's operations
 * ------------------------------------------------------------------------ */

static void
view_recheck_op (TdSpellField *field)
{
  view_recheck_all ((TdSpellView *) field);
}

static void
view_flush_op (TdSpellField *field)
{
  td_spell_view_flush ((TdSpellView *) field);
}

static GMenuModel *
view_update_menu_op (TdSpellField *field)
{
  return td_spell_view_update_menu ((TdSpellView *) field);
}

/* A right click puts the cursor on the word clicked, unless it falls in the
 * selection, so that the menu is about that word. */
static void
view_place_cursor_op (TdSpellField *field,
                      double        x,
                      double        y)
{
  TdSpellView *self = (TdSpellView *) field;
  GtkTextIter iter, sel_start, sel_end;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) ||
      !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
}

static void
view_focus_leave_op (TdSpellField *field)
{
  view_focus_leave_cb ((TdSpellView *) field);
}

static void
view_correct_op (TdSpellField *field,
                 const char   *word)
{
  TdSpellView *self = (TdSpellView *) field;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, word, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

static const TdSpellFieldOps view_ops = {
  .recheck = view_recheck_op,
  .flush = view_flush_op,
  .update_menu = view_update_menu_op,
  .place_cursor = view_place_cursor_op,
  .focus_leave = view_focus_leave_op,
  .correct = view_correct_op,
};

static void
td_spell_view_class_init (TdSpellViewClass *klass)
{
  td_spell_field_class_init (G_OBJECT_CLASS (klass));
}

static void
td_spell_view_init (TdSpellView *self)
{
}

TdSpellView *
td_spell_view_new (GtkTextView *view,
                   TdDocument  *document,
                   gboolean     markdown)
{
  TdSpellView *self;
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  self = g_object_new (TD_TYPE_SPELL_VIEW, NULL);
  self->view = view;
  self->buffer = gtk_text_view_get_buffer (view);
  self->markdown = markdown;
  self->tag = gtk_text_buffer_create_tag (self->buffer, TD_SPELL_TAG_NAME,
                                          "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  td_spell_field_attach (&self->field, &view_ops, GTK_WIDGET (view), document);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->field.menu));

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (view_insert_text_cb), self,
                           G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (view_delete_range_cb),
                           self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position",
                           G_CALLBACK (view_cursor_moved_cb), self, G_CONNECT_SWAPPED);

  td_spell_field_follow (&self->field);
  return self;
}
