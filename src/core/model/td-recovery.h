/* td-recovery.h: autosave of unsaved changes, and recovery after a crash
 *
 * While a document has unsaved changes, a recovery copy of it is written
 * (atomically, canonically) to $XDG_DATA_HOME/tidings/recovery/KEY.tidings
 * a moment after the last edit, with a small KEY.json beside it naming the
 * file it belongs to. It is deleted when the document is saved, when its
 * changes are undone back to the saved state, and when the window is closed
 * cleanly. Whatever is left there at the next launch was left by a crash.
 *
 * Pure GLib: no GTK, so it is tested headless as well.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-document.h"

G_BEGIN_DECLS

/* How long after the last edit the recovery copy is written. */
#define TD_RECOVERY_DELAY_MS 1500

#define TD_TYPE_RECOVERY (td_recovery_get_type ())

G_DECLARE_FINAL_TYPE (TdRecovery, td_recovery, TD, RECOVERY, GObject)

typedef struct
{
  char   *key;        /* file name stem in the recovery folder */
  char   *path;       /* the recovery copy */
  char   *info_path;  /* the sidecar */
  char   *uri;        /* the issue file it belongs to; NULL when untitled */
  char   *base_dir;   /* where its pictures were; may be NULL */
  gint64  time;       /* when it was written, Unix seconds */
} TdRecoveryEntry;

typedef struct
{
  char *path;           /* JSON path of what differs */
  char *label;          /* translated: "Issue settings › Title" */
  char *saved;          /* short text of the saved value; "" when absent */
  char *recovered;      /* short text of the recovered value; "" when absent */
} TdRecoveryChange;

const char      *td_recovery_get_dir             (void);

/* Watches document. The copy's sidecar records the document's base dir, so
 * that an untitled issue can be restored with its pictures. */
TdRecovery      *td_recovery_new                 (TdDocument            *document);
TdDocument      *td_recovery_get_document        (TdRecovery            *self);
/* Writes now if there are unsaved changes (also what the timeout does,
 * emitting ::write-failed when it can't). */
gboolean         td_recovery_write_now           (TdRecovery            *self,
                                                  GError               **error);
/* Stops watching and deletes the recovery copy: after a save or a clean
 * close. */
void             td_recovery_discard             (TdRecovery            *self);
/* The recovery copy currently on disk, or NULL. */
const char      *td_recovery_get_path            (TdRecovery            *self);

/* Recovery copies left by other (finished) processes, newest first. */
GPtrArray       *td_recovery_list_entries        (void);
void             td_recovery_entry_free          (TdRecoveryEntry       *entry);
/* Whether the copy differs from the saved file (always, when untitled or
 * the saved file can't be read). Copies that don't are deleted. */
gboolean         td_recovery_entry_differs       (TdRecoveryEntry       *entry);
/* The recovered document tree, validated like any file. */
JsonNode        *td_recovery_entry_load          (TdRecoveryEntry       *entry,
                                                  TdDiagnostics         *diags);
/* The issue as it was: its saved file (or, untitled or gone, a blank
 * issue whose pictures are in the entry's base dir) with the recovered
 * changes on top as one undoable step -- saving writes them; Undo shows
 * the saved version. NULL, with the reasons in diags, when the copy can't
 * be read. */
TdDocument      *td_recovery_entry_restore       (TdRecoveryEntry       *entry,
                                                  TdDiagnostics         *diags);
/* The saved file's tree, or NULL. */
JsonNode        *td_recovery_entry_load_saved    (TdRecoveryEntry       *entry);
void             td_recovery_entry_delete        (TdRecoveryEntry       *entry);

/* What differs between two issue trees, in document order, labelled for
 * people ("Article “Why…” › Text"). saved may be NULL. */
GPtrArray       *td_recovery_diff                (JsonNode              *saved,
                                                  JsonNode              *recovered);
void             td_recovery_change_free         (TdRecoveryChange      *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRecoveryEntry, td_recovery_entry_free)

G_END_DECLS
