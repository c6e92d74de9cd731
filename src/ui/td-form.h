/* td-form.h: the editor of one object of the document, built from the registry
 *
 * A form shows one widget per field of a TdFieldSpec list (entries, the
 * markdown editor, picture and video fields, list editors) for one scope of
 * the document ("practice", "issue", "section/ID": td-issue.h). Every
 * change goes through the document's commands; the form follows the
 * document's ::field-changed signal so undo and redo show up in it. Fields
 * are named by paths relative to the scope's object ("items[0].url").
 */
#pragma once

#include <adwaita.h>

#include "td-document.h"
#include "td-registry.h"

G_BEGIN_DECLS

#define TD_TYPE_FORM (td_form_get_type ())

G_DECLARE_FINAL_TYPE (TdForm, td_form, TD, FORM, AdwBin)

GtkWidget  *td_form_new          (TdDocument        *document,
                                  const char        *scope,
                                  const TdFieldSpec *fields);
const char *td_form_get_scope    (TdForm            *self);

/* Moves the keyboard focus to the widget editing path (a field of this
 * form, relative to its object, such as "items[0].link.url"), or to the
 * first field inside it, scrolling it into view. FALSE if the form has no
 * such field. */
gboolean    td_form_focus_field  (TdForm            *self,
                                  const char        *path);

/* The widget editing path (relative; an AdwEntryRow, GtkSwitch, TdTextEditor,
 * TdImageRow …), or NULL: for tests and for jumping to a field. */
GtkWidget  *td_form_get_field_widget (TdForm           *self,
                                      const char       *path);

G_END_DECLS
