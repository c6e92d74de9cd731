/* td-checks-private.h: what the files of the pre-send checks share */
#pragma once

#include <json-glib/json-glib.h>

#include "td-checks.h"

G_BEGIN_DECLS

typedef struct _TdClaims TdClaims;

typedef struct
{
  const TdRenderContext *context;
  const char            *file;       /* the file, or NULL (untitled) */
  const char            *library;    /* the library folder, or NULL: derived */
  TdDiagnostics         *diags;
  JsonArray             *dismissed;  /* the "dismissed", or NULL */
  /* The month, or 0 when it has none */
  int                    year;
  int                    month;
  TdClaims              *claims;     /* NULL when no list applies */
} TdChecker;

/* Adds a finding unless @occurrence (not NULL: the finding may be
 * dismissed) is in the "dismissed" list for @code at @path. */
void      _td_checks_report        (TdChecker   *c,
                                    TdSeverity   severity,
                                    const char  *code,
                                    const char  *path,
                                    const char  *occurrence,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (6, 7);

/* The health-claim terms for @profession in @language (a BCP 47 tag) from
 * the lists in @dir; NULL when no list applies. FALSE when @dir can't be
 * read at all. */
gboolean  _td_claims_load          (const char  *dir,
                                    const char  *profession,
                                    const char  *language,
                                    TdClaims   **claims);
void      _td_claims_free          (TdClaims    *claims);
/* Reports each claim in @text, the value of the field at @path; in a
 * @markdown field, not in the addresses of its links. */
void      _td_checks_claims        (TdChecker   *c,
                                    const char  *path,
                                    const char  *text,
                                    gboolean     markdown);

/* "[repeat]": tips and articles repeating those of the issues around this
 * one in its library (the folder above its own). */
void      _td_checks_repeats       (TdChecker   *c);

/* The first day of the month or the day @value names ("2023-08",
 * "2023-08-15"), or with @end_of_month the last day of the month (a
 * month) or the day itself; FALSE when it is not a date. */
gboolean  _td_checks_parse_day     (const char  *value,
                                    gboolean     end_of_month,
                                    GDate       *date);

/* The text of a markdown body as lowercase words, one space apart. */
char     *_td_checks_words         (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdClaims, _td_claims_free)

G_END_DECLS
