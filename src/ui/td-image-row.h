/* td-image-row.h: a picture field — thumbnail, chooser, drop and paste */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_IMAGE_ROW (td_image_row_get_type ())

G_DECLARE_FINAL_TYPE (TdImageRow, td_image_row, TD, IMAGE_ROW, AdwActionRow)

/* path: the JSON path of the picture path string ("sections[1].image.src"
 * or "practice.logo"). */
GtkWidget *td_image_row_new      (TdDocument   *document,
                                    const char   *path,
                                    const char   *title);
void       td_image_row_refresh  (TdImageRow *self);

/* Copies file into the images/ folder and points the field at it:
 * what the chooser, a drop and a paste all do. */
gboolean   td_image_row_set_file (TdImageRow *self,
                                    GFile        *file,
                                    GError      **error);

G_END_DECLS
