/* td-month-row.h: the month, picked by name and year */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_MONTH_ROW (td_month_row_get_type ())

G_DECLARE_FINAL_TYPE (TdMonthRow, td_month_row, TD, MONTH_ROW, AdwActionRow)

/* The "YYYY-MM" string at path in the object of scope (td-issue.h); a day
 * after it ("YYYY-MM-DD") is kept as it is. */
GtkWidget *td_month_row_new     (TdDocument *document,
                                 const char *scope,
                                 const char *path,
                                 const char *title);
void       td_month_row_refresh (TdMonthRow *self);

G_END_DECLS
