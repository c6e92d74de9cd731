/* td-spell.h: spelling underlined as she types, with suggestions
 *
 * TdSpellView follows a GtkTextView (the markdown and multi-line editors),
 * TdSpellEntry the GtkText inside an entry row. Both check the words of the
 * issue's language (td-spelling.h in the core), re-check when it changes,
 * and add to the field's context menu (right click, Menu, Shift+F10) the
 * suggestions for the misspelt word at the cursor, "Add to Dictionary" and
 * "Ignore" (the "spelling." actions on the field). Checking follows
 * td_spell_get_enabled(), which the application binds to the
 * "spell-check" setting.
 */
#pragma once

#include <gtk/gtk.h>

#include "td-document.h"
#include "td-spelling.h"

G_BEGIN_DECLS

/* The name of the text view's tag that underlines misspelt words. */
#define TD_SPELL_TAG_NAME "td-misspelt"

/* Whether spelling is checked, in every field of every window. */
gboolean  td_spell_get_enabled   (void);
void      td_spell_set_enabled   (gboolean enabled);
/* An object with a boolean "enabled" property, to bind the setting to. */
GObject  *td_spell_get_settings  (void);

#define TD_TYPE_SPELL_VIEW (td_spell_view_get_type ())

G_DECLARE_FINAL_TYPE (TdSpellView, td_spell_view, TD, SPELL_VIEW, GObject)

/* Follows @view, for as long as @view lives, in the language of
 * @document's issue. @markdown: skip markdown's code, addresses and
 * targets. */
TdSpellView *td_spell_view_new            (GtkTextView *view,
                                           TdDocument  *document,
                                           gboolean     markdown);
/* Runs the pending check now (tests, benchmarks). */
void         td_spell_view_flush          (TdSpellView *self);
/* The speller in use. */
TdSpeller   *td_spell_view_get_speller    (TdSpellView *self);
/* Brings the context menu up to date for the word at the cursor, as a
 * right click or the Menu key does; returns the menu (the view's extra
 * menu). */
GMenuModel  *td_spell_view_update_menu    (TdSpellView *self);

#define TD_TYPE_SPELL_ENTRY (td_spell_entry_get_type ())

G_DECLARE_FINAL_TYPE (TdSpellEntry, td_spell_entry, TD, SPELL_ENTRY, GObject)

/* Follows the GtkText of @editable (an entry row, or a GtkText). */
TdSpellEntry *td_spell_entry_new          (GtkEditable  *editable,
                                           TdDocument   *document);
void          td_spell_entry_flush        (TdSpellEntry *self);
GMenuModel   *td_spell_entry_update_menu  (TdSpellEntry *self);

G_END_DECLS
