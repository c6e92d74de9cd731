/* td-language-row.h: the newsletter's language, picked by name */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_LANGUAGE_ROW (td_language_row_get_type ())

G_DECLARE_FINAL_TYPE (TdLanguageRow, td_language_row, TD, LANGUAGE_ROW, AdwComboRow)

/* The language tag ("en", "es-MX") at path in the object of scope. */
GtkWidget *td_language_row_new     (TdDocument    *document,
                                    const char    *scope,
                                    const char    *path,
                                    const char    *title);
void       td_language_row_refresh (TdLanguageRow *self);

G_END_DECLS
