/* td-outline.h: the outline, the left-hand list
 *
 * "Practice profile", "Issue settings", then the sections in order, each
 * with its type's icon, its title and its type. Rows are dragged to reorder
 * the sections (a move command on the document). What is selected is a
 * scope (td-issue.h): "practice", "issue" or "section/ID" -- sections are
 * followed by id, so the selection survives moves, inserts and undo.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "td-document.h"
#include "td-issue.h"

G_BEGIN_DECLS

#define TD_TYPE_OUTLINE (td_outline_get_type ())

G_DECLARE_FINAL_TYPE (TdOutline, td_outline, TD, OUTLINE, GtkWidget)

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

G_END_DECLS
