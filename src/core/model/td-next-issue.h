/* td-next-issue.h: next month's issue, from this month's
 *
 * "New Issue From This One" keeps what stays the same from month to month
 * (the practice profile, the masthead, the call to action, the credentials,
 * the promotions and the footer) and empties what is written anew (the
 * articles, the videos, the news and the tip), moving the date and the
 * title to the next month. Pure GLib, tested headless.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

/* A new document tree; root is not changed. */
JsonNode *td_next_issue_new_root   (JsonNode   *root);

/* "2023-08" or "2023-08-15" → 2023, 9. FALSE when date is not a month. */
gboolean  td_next_issue_next_month (const char *date,
                                    int        *year,
                                    int        *month);

/* The title with the month (English or Spanish name, case kept) and its
 * year moved: "News: August 2023" → "News: September 2023",
 * "Noticias de diciembre de 2023" → "Noticias de enero de 2024". */
char     *td_next_issue_title      (const char *title,
                                    int         old_year,
                                    int         old_month,
                                    int         new_year,
                                    int         new_month);

G_END_DECLS
