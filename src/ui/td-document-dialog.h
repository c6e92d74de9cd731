/* td-document-dialog.h: a dialog built on one issue
 *
 * The export, test-send and hand-off dialogs work on the issue they were
 * given at construction (the "document" property), never on the window
 * that opened them: they talk back to it through its actions.
 */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_DOCUMENT_DIALOG (td_document_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (TdDocumentDialog, td_document_dialog, TD, DOCUMENT_DIALOG, AdwWindow)

struct _TdDocumentDialogClass
{
  AdwWindowClass parent_class;
};

/* The issue; kept until the dialog is finalized, so that work finishing
 * after it closed (a hand-off recording its draft) still has it. */
TdDocument *td_document_dialog_get_document (TdDocumentDialog *self);

G_END_DECLS
