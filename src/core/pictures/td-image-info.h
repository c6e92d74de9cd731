/* td-image-info.h: format and pixel size of PNG, JPEG and GIF images, read
 * from their headers without decoding them.
 */
#pragma once

#include <gio/gio.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_IMAGE_INFO_ERROR (td_image_info_error_quark ())

typedef enum
{
  TD_IMAGE_INFO_ERROR_UNKNOWN_FORMAT, /* not a PNG, JPEG or GIF */
  TD_IMAGE_INFO_ERROR_CORRUPT,        /* truncated, or no readable size */
} TdImageInfoError;

typedef enum
{
  TD_IMAGE_FORMAT_UNKNOWN,
  TD_IMAGE_FORMAT_PNG,
  TD_IMAGE_FORMAT_JPEG,
  TD_IMAGE_FORMAT_GIF,
} TdImageFormat;

typedef struct
{
  TdImageFormat format;
  guint         width;
  guint         height;
  /* From a JPEG's EXIF (APP1) segment when it comes before the frame
   * header, as cameras write it: the EXIF orientation (1 to 8; 0 when
   * there is none), and whether it holds a GPS position. */
  guint         orientation;
  gboolean      has_gps;
} TdImageInfo;

GQuark       td_image_info_error_quark         (void);

/* Fills @info and returns TRUE if @data starts with a PNG, JPEG or GIF header
 * giving a non-zero size. Never reads beyond @len bytes. The size is the
 * stored one: EXIF orientation is not applied. */
gboolean     td_image_info_from_bytes          (const guint8 *data,
                                                gsize         len,
                                                TdImageInfo  *info);

/* The size the picture is shown at: width and height swapped when the EXIF
 * orientation turns it a quarter (orientations 5 to 8). */
void         td_image_info_get_upright_size    (const TdImageInfo *info,
                                                guint             *width,
                                                guint             *height);

/* Reads just enough of the file at @path to fill @info: a few dozen bytes
 * for PNG and GIF, at most 256 KiB of JPEG headers. Errors are in the
 * G_IO_ERROR or TD_IMAGE_INFO_ERROR domains. */
gboolean     td_image_info_from_file           (const char   *path,
                                                TdImageInfo  *info,
                                                GError      **error);

/* The same, from the current position of @stream (reading at most 256 KiB);
 * @display_name names the file in error messages. */
gboolean     td_image_info_from_stream         (GInputStream *stream,
                                                const char   *display_name,
                                                TdImageInfo  *info,
                                                GError      **error);

/* "image/png", "image/jpeg" or "image/gif"; NULL for TD_IMAGE_FORMAT_UNKNOWN. */
const char  *td_image_format_mime_type         (TdImageFormat format);

/* TRUE if the file name in @path ends in .png, .jpg, .jpeg or .gif, in any
 * case, after a non-empty stem. */
gboolean     td_image_path_has_image_extension (const char   *path);

G_END_DECLS
