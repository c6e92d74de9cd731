/* td-window.h: the window editing one issue
 *
 * Left, the outline of the issue; in the middle, the form of what is
 * selected in it; right, the live preview. Every change goes through the
 * document's commands. The window knows nothing of the application: it
 * makes its own settings, and dialogs talk back to it through its actions
 * ("win.show-path").
 */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

TdWindow   *td_window_new              (GtkApplication *application);

TdDocument *td_window_get_document     (TdWindow      *self);
/* Replaces the issue (the caller has dealt with unsaved changes). */
void        td_window_set_document     (TdWindow      *self,
                                        TdDocument    *document);
typedef enum
{
  TD_WINDOW_LOAD_DEFAULT = 0,
  /* No error dialog: the issue open last time, at start-up, is just
   * skipped when it can't be loaded any more. */
  TD_WINDOW_LOAD_QUIETLY = 1 << 0,
} TdWindowLoadFlags;

/* Loads file; on failure shows the loader's diagnostics (unless quietly)
 * and keeps the current issue. */
gboolean    td_window_load_file        (TdWindow          *self,
                                        GFile             *file,
                                        TdWindowLoadFlags  flags);
/* The bundled sample, as an untitled copy. */
void        td_window_load_sample      (TdWindow      *self);
/* Shows a document restored from a recovery copy (td_recovery_entry_
 * restore()), says so, and keeps a recovery copy of it at once. */
void        td_window_restore          (TdWindow      *self,
                                        TdDocument    *document);
/* Untitled and unchanged: nothing would be lost by loading another issue. */
gboolean    td_window_is_replaceable   (TdWindow      *self);

/* Selects a scope (td-issue.h): "practice", "issue" or "section/ID". */
void        td_window_select           (TdWindow      *self,
                                        const char    *scope);
/* Selects the object holding path ("sections[3].items[0].url") and moves
 * the keyboard focus to that field (also the "win.show-path" action). */
gboolean    td_window_show_path        (TdWindow      *self,
                                        const char    *path);
/* Shows her issues (the library folder) in place of the editor. */
void        td_window_show_library     (TdWindow      *self);
void        td_window_add_toast        (TdWindow      *self,
                                        AdwToast      *toast);

G_END_DECLS
