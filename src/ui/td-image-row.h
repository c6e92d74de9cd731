/* td-image-row.h: a picture field — thumbnail, chooser, drop and paste */
#pragma once

#include <adwaita.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_TYPE_IMAGE_ROW (td_image_row_get_type ())

G_DECLARE_FINAL_TYPE (TdImageRow, td_image_row, TD, IMAGE_ROW, AdwActionRow)

/* The picture path string at path ("image.src", "logo") in the object of
 * scope ("section/ID", "practice": td-issue.h). */
GtkWidget *td_image_row_new      (TdDocument   *document,
                                  const char   *scope,
                                  const char   *path,
                                  const char   *title);
void       td_image_row_refresh  (TdImageRow *self);

/* Copies file into the images/ folder and points the field at it:
 * what the chooser, a drop and a paste all do. */
gboolean   td_image_row_set_file (TdImageRow *self,
                                    GFile        *file,
                                    GError      **error);

G_END_DECLS
