/* td-window.h: the window editing one issue
 *
 * Left, the outline of the issue; in the middle, the form of what is
 * selected in it; right, the preview slot. Every change goes through the
 * document's commands.
 */
#pragma once

#include <adwaita.h>

#include "td-application.h"
#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

TdWindow   *td_window_new              (TdApplication *application);

TdDocument *td_window_get_document     (TdWindow      *self);
/* The right-hand pane, for the preview. */
AdwBin     *td_window_get_preview_slot (TdWindow      *self);

/* Replaces the issue (the caller has dealt with unsaved changes). */
void        td_window_set_document     (TdWindow      *self,
                                        TdDocument    *document);
/* Loads file; on failure shows the loader's diagnostics and keeps the
 * current issue. */
gboolean    td_window_load_file        (TdWindow      *self,
                                        GFile         *file);
/* The bundled sample, as an untitled copy. */
void        td_window_load_sample      (TdWindow      *self);
/* Untitled and unchanged: nothing would be lost by loading another issue. */
gboolean    td_window_is_replaceable   (TdWindow      *self);

/* Selects "practice", "issue" or "section/ID" in the outline. */
void        td_window_select           (TdWindow      *self,
                                        const char    *selection);
/* Selects the object holding path ("sections[3].items[0].url") and moves
 * the keyboard focus to that field. */
gboolean    td_window_show_path        (TdWindow      *self,
                                        const char    *path);
void        td_window_add_toast        (TdWindow      *self,
                                        AdwToast      *toast);

G_END_DECLS
