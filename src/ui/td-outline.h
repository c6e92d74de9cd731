/* td-outline.h: the issue's outline, the left-hand list
 *
 * "Practice profile", "Issue settings", then the sections in order, each
 * with its type's icon, its title and its type. Rows are dragged to reorder
 * the sections (a move command on the document). What is selected is a
 * string: "practice", "issue" or "section/ID" -- sections are followed by
 * id, so the selection survives moves, inserts and undo.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_OUTLINE (td_outline_get_type ())

G_DECLARE_FINAL_TYPE (TdOutline, td_outline, TD, OUTLINE, GtkWidget)

#define TD_SELECTION_PRACTICE       "practice"
#define TD_SELECTION_ISSUE          "issue"
#define TD_SELECTION_SECTION_PREFIX "section/"

GtkWidget  *td_outline_new                  (void);
void        td_outline_set_document         (TdOutline  *self,
                                             TdDocument *document);
TdDocument *td_outline_get_document         (TdOutline  *self);
const char *td_outline_get_selection        (TdOutline  *self);
void        td_outline_set_selection        (TdOutline  *self,
                                             const char *selection);
/* The selected section's id, or NULL when the profile or the settings are
 * selected. */
const char *td_outline_get_section_id       (TdOutline  *self);
void        td_outline_popup_add_menu       (TdOutline  *self);
void        td_outline_focus                (TdOutline  *self);
GtkListBox *td_outline_get_list_box         (TdOutline  *self);

/* Helpers on the document's sections, shared with the window. */
int         td_sections_find                (TdDocument *document,
                                             const char *id);
JsonObject *td_sections_get                 (TdDocument *document,
                                             guint       index);
guint       td_sections_get_length          (TdDocument *document);
/* The short title shown for a section: its title field, or its type's
 * default title, or its type's name. Translated. */
char       *td_section_dup_short_title      (JsonObject *section);
/* A path as people read it: "sections[1].image.alt" → "Article “Why…” ›
 * Picture › Description". Translated. */
char       *td_outline_describe_path        (TdDocument *document,
                                             const char *path);

G_END_DECLS
