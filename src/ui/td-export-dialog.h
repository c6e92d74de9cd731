/* td-export-dialog.h: exporting the issue, and what to check first
 *
 * The email (copied for a mailing service, or as an HTML file), the plain
 * text, the .eml message and the web page folder, with the core's pre-send
 * checks listed first, each with a button to the field it names.
 */
#pragma once

#include <adwaita.h>

#include "td-document-dialog.h"

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_EXPORT_DIALOG (td_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdExportDialog, td_export_dialog, TD, EXPORT_DIALOG, TdDocumentDialog)

/* The caller makes it transient for its window; "Show" on a finding
 * closes it and activates win.show-path there with the finding's path. */
GtkWidget *td_export_dialog_new    (TdDocument     *document);

/* What the buttons do once a place is chosen: format is "web" (target a
 * folder), "email", "text" or "eml" (target a file). Shows a toast with
 * "Open Folder" on success. */
gboolean   td_export_dialog_export (TdExportDialog *self,
                                    const char     *format,
                                    GFile          *target,
                                    GError        **error);

G_END_DECLS
