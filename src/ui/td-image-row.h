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

/* Starts importing @file (td_document_import_picture_async()), then points
 * the field at the new picture: what the chooser and a drop do. Errors
 * are shown as toasts when the import ends; returns TRUE. */
gboolean   td_image_row_set_file (TdImageRow *self,
                                  GFile      *file,
                                  GError    **error);
/* TRUE while a picture is being imported. */
gboolean   td_image_row_get_busy (TdImageRow *self);
/* What the thumbnail shows (tests), or NULL. */
GdkPaintable *td_image_row_get_thumbnail (TdImageRow *self);

G_END_DECLS
