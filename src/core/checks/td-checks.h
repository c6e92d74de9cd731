/* td-checks.h: the pre-send checks
 *
 * What to fix before sending: each finding names the JSON path of the field
 * and says how to fix it. Shared by "tidings-cli check" and the app's
 * export dialog.
 */
#pragma once

#include "td-diagnostic.h"
#include "td-render.h"

G_BEGIN_DECLS

/* Email HTML size thresholds (bytes): Gmail clips at about 102 KB. */
#define TD_EMAIL_SIZE_WARNING  80000
#define TD_EMAIL_SIZE_ERROR   100000

/* Adds warnings (and errors for what would break the email) to diags. */
void td_checks_run (const TdRenderContext *context,
                    TdDiagnostics         *diags);

G_END_DECLS
