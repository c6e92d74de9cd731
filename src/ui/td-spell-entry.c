/* td-spell-entry.c: the spelling of an entry's GtkText
 *
 * A one-line field: each change schedules a check of the whole text, in
 * an idle at low priority, which underlines with Pango attributes. The
 * word being typed (the one ending at the cursor) is left alone until the
 * cursor leaves it.
 */

#include "config.h"

#include "td-spell-private.h"

struct _TdSpellEntry
{
  TdSpellField field;        /* first: the speller, the menu, the actions */

  /* borrowed: the text owns this object */
  GtkText *text;

  /* owned */
  TdWordRange menu_range;    /* characters, not bytes */
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

  g_clear_handle_id (&self->field.idle_id, g_source_remove);
  self->skipped = FALSE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  cursor = (gsize) (g_utf8_offset_to_pointer (text, position) - text);
  if (td_spell_get_enabled () && td_speller_has_dictionary (self->field.speller))
    {
      words = td_spelling_find_words (text, -1, FALSE);
      for (guint i = 0; i < words->len; i++)
        {
          TdWordRange *range = &g_array_index (words, TdWordRange, i);
          PangoAttribute *attr;

          if (td_speller_check_word (self->field.speller, text + range->start,
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

static void
entry_cursor_moved_cb (TdSpellEntry *self)
{
  if (self->skipped)
    td_spell_field_schedule (&self->field);
}

GMenuModel *
td_spell_entry_update_menu (TdSpellEntry *self)
{
  const char *text;
  TdWordRange range;
  int position;

  g_return_val_if_fail (TD_IS_SPELL_ENTRY (self), NULL);

  g_clear_pointer (&self->field.menu_word, g_free);
  text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  if (td_spell_word_at (text, (gsize) (g_utf8_offset_to_pointer (text, position) - text), FALSE,
                        &range))
    {
      self->field.menu_word = g_strndup (text + range.start, range.end - range.start);
      self->menu_range.start = (gsize) g_utf8_pointer_to_offset (text, text + range.start);
      self->menu_range.end = (gsize) g_utf8_pointer_to_offset (text, text + range.end);
    }
  return td_spell_field_fill_menu (&self->field);
}

/* A right click: the cursor on the character clicked (measured with the
 * text's own font; a long text scrolled sideways is measured from its
 * start), unless it falls in the selection. */
static void
entry_place_cursor_op (TdSpellField *field,
                       double        x,
                       double        y)
{
  TdSpellEntry *self = (TdSpellEntry *) field;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->text), text);
  int index = 0, trailing = 0, sel_start = 0, sel_end = 0, position;

  pango_layout_xy_to_index (layout, (int) (x * PANGO_SCALE), 0, &index, &trailing);
  position = (int) g_utf8_pointer_to_offset (text, text + index) + trailing;
  if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (self->text), &sel_start, &sel_end) ||
      position < sel_start || position > sel_end)
    gtk_editable_set_position (GTK_EDITABLE (self->text), position);
}

static void
entry_flush_op (TdSpellField *field)
{
  td_spell_entry_flush ((TdSpellEntry *) field);
}

static GMenuModel *
entry_update_menu_op (TdSpellField *field)
{
  return td_spell_entry_update_menu ((TdSpellEntry *) field);
}

/* Leaving the field ends the word being typed too. */
static void
entry_focus_leave_op (TdSpellField *field)
{
  entry_cursor_moved_cb ((TdSpellEntry *) field);
}

static void
entry_correct_op (TdSpellField *field,
                  const char   *word)
{
  TdSpellEntry *self = (TdSpellEntry *) field;
  GtkEditable *editable = GTK_EDITABLE (self->text);
  int position = (int) self->menu_range.start;

  if (self->field.menu_word == NULL)
    return;
  gtk_editable_delete_text (editable, (int) self->menu_range.start, (int) self->menu_range.end);
  gtk_editable_insert_text (editable, word, -1, &position);
  gtk_editable_set_position (editable, position);
}

static const TdSpellFieldOps entry_ops = {
  .recheck = td_spell_field_schedule,
  .flush = entry_flush_op,
  .update_menu = entry_update_menu_op,
  .place_cursor = entry_place_cursor_op,
  .focus_leave = entry_focus_leave_op,
  .correct = entry_correct_op,
};

static void
td_spell_entry_class_init (TdSpellEntryClass *klass)
{
  td_spell_field_class_init (G_OBJECT_CLASS (klass));
}

static void
td_spell_entry_init (TdSpellEntry *self)
{
}

TdSpellEntry *
td_spell_entry_new (GtkEditable *editable,
                    TdDocument  *document)
{
  TdSpellEntry *self;
  GtkEditable *delegate = editable;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  while (!GTK_IS_TEXT (delegate) && gtk_editable_get_delegate (delegate) != NULL)
    delegate = gtk_editable_get_delegate (delegate);
  g_return_val_if_fail (GTK_IS_TEXT (delegate), NULL);

  self = g_object_new (TD_TYPE_SPELL_ENTRY, NULL);
  self->text = GTK_TEXT (delegate);

  td_spell_field_attach (&self->field, &entry_ops, GTK_WIDGET (self->text), document);
  gtk_text_set_extra_menu (self->text, G_MENU_MODEL (self->field.menu));

  g_signal_connect_object (self->text, "changed", G_CALLBACK (td_spell_field_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text, "notify::cursor-position",
                           G_CALLBACK (entry_cursor_moved_cb), self, G_CONNECT_SWAPPED);

  td_spell_field_follow (&self->field);
  return self;
}
