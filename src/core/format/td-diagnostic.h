/* td-diagnostic.h: what the loader, the checks and the CLI report about a file
 *
 * A diagnostic names the place it is about: a line and column for syntax
 * errors, a JSON path ("sections[3].items[0].url") for structural ones.
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

typedef enum
{
  TD_SEVERITY_WARNING,
  TD_SEVERITY_ERROR,
} TdSeverity;

typedef struct
{
  TdSeverity severity;
  char *path;      /* JSON path, or NULL for a syntax error */
  guint line;      /* 1-based; 0 when unknown */
  guint column;    /* 1-based; 0 when unknown */
  char *message;   /* translated, without trailing period */
  /* Pre-send checks only (NULL otherwise): the finding's stable code,
   * "health-claim", printed at the end of its line as "[health-claim]";
   * and, for a finding she may dismiss, the text that names this
   * occurrence (docs/checks.md), saved with the issue when she does. */
  char *code;
  char *occurrence;
} TdDiagnostic;

typedef struct _TdDiagnostics TdDiagnostics;

TdDiagnostics *td_diagnostics_new          (void);
void           td_diagnostics_free         (TdDiagnostics *diags);
void           td_diagnostics_add          (TdDiagnostics *diags,
                                            TdSeverity     severity,
                                            const char    *path,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* A pre-send check's finding: @code is its stable code; @occurrence is
 * NULL unless it may be dismissed. */
void           td_diagnostics_add_finding  (TdDiagnostics *diags,
                                            TdSeverity     severity,
                                            const char    *path,
                                            const char    *code,
                                            const char    *occurrence,
                                            const char    *message);
void           td_diagnostics_add_at       (TdDiagnostics *diags,
                                            TdSeverity     severity,
                                            guint          line,
                                            guint          column,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (5, 6);
guint          td_diagnostics_get_n_items  (const TdDiagnostics *diags);
const TdDiagnostic *
               td_diagnostics_get_item     (const TdDiagnostics *diags,
                                            guint                index);
guint          td_diagnostics_count        (const TdDiagnostics *diags,
                                            TdSeverity           severity);
gboolean       td_diagnostics_has_errors   (const TdDiagnostics *diags);
gboolean       td_diagnostics_is_full      (const TdDiagnostics *diags);
char          *td_diagnostic_format        (const TdDiagnostic *diag,
                                            const char         *file_name);
char          *td_diagnostics_format       (const TdDiagnostics *diags,
                                            const char          *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDiagnostics, td_diagnostics_free)

G_END_DECLS
