/* td-handoff-dialog.h: handing the issue to Mailchimp or Buttondown
 *
 * The service (kept in GSettings) and its API key (kept in the keyring);
 * the hand-off in a worker thread with a line per picture; then a link to
 * the draft, which she reviews and sends from the service. The draft's ids
 * are recorded in the document, so that the next hand-off updates it.
 */
#pragma once

#include <adwaita.h>

#include "td-document-dialog.h"

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_HANDOFF_DIALOG (td_handoff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdHandoffDialog, td_handoff_dialog, TD, HANDOFF_DIALOG, TdDocumentDialog)

/* The caller makes it transient for its window. */
GtkWidget *td_handoff_dialog_new (TdDocument *document);

G_END_DECLS
