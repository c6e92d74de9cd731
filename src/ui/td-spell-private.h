/* td-spell-private.h: what TdSpellView and TdSpellEntry share
 *
 * Both types start with a TdSpellField (their instance's first member,
 * so a TdSpellView or TdSpellEntry is a TdSpellField): the speller of the
 * issue's language and its re-checks, the idle that checks, the context
 * menu and its "spelling." actions, the right click and Menu key, and
 * dispose/finalize. What differs (how a field is checked, which word the
 * menu is about, how a correction is made) comes through TdSpellFieldOps.
 */
#pragma once

#include <gtk/gtk.h>

#include "td-spell.h"

G_BEGIN_DECLS

typedef struct _TdSpellField TdSpellField;

typedef struct
{
  /* The speller changed, or checking was turned on or off. */
  void        (*recheck)     (TdSpellField *field);
  /* Checks what waits to be checked (the idle's work). */
  void        (*flush)       (TdSpellField *field);
  /* Sets menu_word to the word at the cursor and fills the menu
   * (td_spell_field_fill_menu()). */
  GMenuModel *(*update_menu) (TdSpellField *field);
  /* A right click at (@x, @y) of the widget: the cursor there, unless it
   * falls in the selection. */
  void        (*place_cursor) (TdSpellField *field,
                               double        x,
                               double        y);
  /* The widget lost the focus. */
  void        (*focus_leave) (TdSpellField *field);
  /* "spelling.correct": replaces the menu's word with @word. */
  void        (*correct)     (TdSpellField *field,
                              const char   *word);
} TdSpellFieldOps;

struct _TdSpellField
{
  GObject parent_instance;

  const TdSpellFieldOps *ops;
  /* borrowed: the widget owns this object */
  TdDocument *document;

  /* owned */
  TdSpeller *speller;
  GMenu *menu;
  GSimpleActionGroup *actions;
  char *menu_word;           /* the word the menu is about, or NULL */
  gulong speller_changed_id;
  guint idle_id;
};

/* Sets the shared dispose and finalize. */
void        td_spell_field_class_init (GObjectClass          *object_class);
/* Ties @field to @widget (which then owns it): the menu, the "spelling."
 * actions, the right click, the Menu key and the focus. The caller sets
 * the widget's extra menu to @field->menu. */
void        td_spell_field_attach     (TdSpellField          *field,
                                       const TdSpellFieldOps *ops,
                                       GtkWidget             *widget,
                                       TdDocument            *document);
/* Follows the language and the setting, from now on. */
void        td_spell_field_follow     (TdSpellField          *field);
/* Runs ops->flush in an idle at low priority (once). */
void        td_spell_field_schedule   (TdSpellField          *field);
/* Fills the menu for menu_word (when misspelt) and returns it. */
GMenuModel *td_spell_field_fill_menu  (TdSpellField          *field);

/* The word of @text (one line) around byte @cursor, as a byte range. */
gboolean    td_spell_word_at          (const char            *text,
                                       gsize                  cursor,
                                       gboolean               markdown,
                                       TdWordRange           *found);

G_END_DECLS
