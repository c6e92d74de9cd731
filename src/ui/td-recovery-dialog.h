/* td-recovery-dialog.h: offering the changes a crash left unsaved
 *
 * Shows what differs between the saved issue and the recovered copy, side
 * by side, with Restore and Discard (the application's restore-recovery and
 * discard-recovery actions). Closing it decides nothing: the copy is kept
 * and offered again at the next launch.
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "td-recovery.h"

G_BEGIN_DECLS

#define TD_TYPE_RECOVERY_DIALOG (td_recovery_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdRecoveryDialog, td_recovery_dialog, TD, RECOVERY_DIALOG, AdwWindow)

/* saved may be NULL (untitled, or the file is gone). */
GtkWidget  *td_recovery_dialog_new     (GtkWindow       *parent,
                                        TdRecoveryEntry *entry,
                                        JsonNode        *saved,
                                        JsonNode        *recovered);
const char *td_recovery_dialog_get_key (TdRecoveryDialog *self);

G_END_DECLS
