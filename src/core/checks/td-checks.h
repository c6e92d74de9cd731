/* td-checks.h: the pre-send checks
 *
 * What to fix before sending: each finding names the JSON path of the field,
 * says how to fix it and carries a stable code (docs/checks.md lists them).
 * Shared by "tidings-cli check" and the app's export dialog.
 */
#pragma once

#include "td-diagnostic.h"
#include "td-document.h"
#include "td-render.h"

G_BEGIN_DECLS

/* Email HTML size thresholds (bytes): Gmail clips at about 102 KB. */
#define TD_EMAIL_SIZE_WARNING  80000
#define TD_EMAIL_SIZE_ERROR   100000

/* Adds warnings (and errors for what would break the email or the law) to
 * diags, in document order; findings the "dismissed" list names
 * are left out. */
void      td_checks_run            (const TdRenderContext *context,
                                    TdDiagnostics         *diags);
/* The same for the issue saved as @file (may be NULL: untitled), whose
 * library is compared for "[repeat]": @library, or when NULL the folder
 * above the issue's own if that is a month folder ("2023-08"), else the
 * issue's own folder (docs/library.md: issues sit in month folders or at
 * the library's top). */
void      td_checks_run_for_file   (const TdRenderContext *context,
                                    const char            *file,
                                    const char            *library,
                                    TdDiagnostics         *diags);

/* The folder of the checks' word lists: $TIDINGS_CHECKS_DIR, or the
 * installed one. */
char     *td_checks_dup_data_dir   (void);

/* Whether she may dismiss this finding (this occurrence of it). */
gboolean  td_checks_can_dismiss    (const TdDiagnostic    *diag);
/* The entry of the "dismissed" list for @diag: { code, path,
 * text }. */
JsonNode *td_checks_new_dismissal  (const TdDiagnostic    *diag);
/* Adds that entry to @document's "dismissed" list: one undoable command. */
void      td_checks_dismiss        (TdDocument            *document,
                                    const TdDiagnostic    *diag);

G_END_DECLS
