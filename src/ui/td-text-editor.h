/* td-text-editor.h: multi-line text and markdown editors bound to a field */
#pragma once

#include <gtk/gtk.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_TEXT_EDITOR (td_text_editor_get_type ())

G_DECLARE_FINAL_TYPE (TdTextEditor, td_text_editor, TD, TEXT_EDITOR, GtkWidget)

/* Edits the text at path ("body") in the object of scope ("section/ID":
 * td-issue.h). markdown: a GtkSourceView with markdown highlighting and
 * Ctrl+B, Ctrl+I, Ctrl+K for bold, italic and link; otherwise a plain text
 * view. */
GtkWidget *td_text_editor_new     (TdDocument *document,
                                   const char *scope,
                                   const char *path,
                                   gboolean    markdown,
                                   const char *accessible_label);
/* Shows the document's value unless it is already what the editor holds. */
void       td_text_editor_refresh (TdTextEditor *self);
/* Wraps the selection (or inserts at the cursor) in markup. */
void       td_text_editor_wrap_selection (TdTextEditor *self,
                                         const char  *before,
                                         const char  *after);

GtkTextBuffer *td_text_editor_get_buffer (TdTextEditor *self);

G_END_DECLS
