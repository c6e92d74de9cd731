/* td-send-test-dialog.h: sending the issue to her own inbox first
 *
 * The mail server's settings (kept in GSettings), its password (kept in
 * the keyring), the address to send to, and the send itself in a worker
 * thread: the window stays responsive and the send can be cancelled.
 */
#pragma once

#include <adwaita.h>

#include "td-document-dialog.h"

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_SEND_TEST_DIALOG (td_send_test_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdSendTestDialog, td_send_test_dialog, TD, SEND_TEST_DIALOG, TdDocumentDialog)

/* The caller makes it transient for its window. */
GtkWidget *td_send_test_dialog_new (TdDocument *document);

G_END_DECLS
