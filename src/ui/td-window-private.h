/* td-window-private.h: for the application, the dialogs and the tests */
#pragma once

#include "td-outline.h"
#include "td-recovery.h"
#include "td-window.h"

G_BEGIN_DECLS

/* Like td_window_load_file(), without the error dialog. */
gboolean    _td_window_load_file_quietly (TdWindow           *self,
                                          GFile              *file);
/* Shows recovered as the unsaved state of the issue at uri (NULL:
 * untitled), its pictures in base_dir. */
void        _td_window_restore          (TdWindow            *self,
                                         const char          *uri,
                                         const char          *base_dir,
                                         JsonNode            *recovered);

/* Saves to file (NULL: the issue's own file, asking for one when it has
 * none) -- what Save and Save As do once a file is chosen. */
void        _td_window_save_async       (TdWindow            *self,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    _td_window_save_finish      (TdWindow            *self,
                                         GAsyncResult        *result,
                                         GError             **error);

TdOutline  *_td_window_get_outline      (TdWindow            *self);
GtkWidget  *_td_window_get_form         (TdWindow            *self);
const char *_td_window_get_selection    (TdWindow            *self);
TdRecovery *_td_window_get_recovery     (TdWindow            *self);

G_END_DECLS
