/* td-picture-convert.h: a picture made fit to store or to send
 *
 * Decodes a PNG, JPEG or GIF (the first frame of an animation), turns it
 * upright from its EXIF orientation, scales it down to the limits given and
 * encodes it again with no metadata at all: no EXIF, GPS, XMP, maker notes,
 * comments or colour profile. Photographs become JPEG (quality 85);
 * pictures with transparency or few colours (logos, drawings, screenshots
 * of text) become PNG. JPEG never gets an alpha channel.
 *
 * Built on gdk-pixbuf (docs/architecture.md says why). The result is
 * always a new encoding: the stored bytes are never the source's.
 */
#pragma once

#include <gio/gio.h>

#include "td-core.h"
#include "td-image-info.h"

G_BEGIN_DECLS

#define TD_PICTURE_CONVERT_ERROR (td_picture_convert_error_quark ())

typedef enum
{
  TD_PICTURE_CONVERT_ERROR_DECODE,    /* not a PNG, JPEG or GIF, or damaged */
  TD_PICTURE_CONVERT_ERROR_TOO_LARGE, /* more pixels than any camera makes */
  TD_PICTURE_CONVERT_ERROR_ENCODE,
} TdPictureConvertError;

/* Import: the long edge of a stored picture. */
#define TD_PICTURE_IMPORT_LONG_EDGE 2400
/* Export: the web page's pictures, and twice the email's 520 px column. */
#define TD_PICTURE_WEB_LONG_EDGE    1600
#define TD_PICTURE_EMAIL_WIDTH      1040
/* A picture with more pixels than this is refused before decoding. */
#define TD_PICTURE_MAX_PIXELS       (120u * 1000u * 1000u)

typedef struct
{
  guint max_long_edge;  /* 0: no limit */
  guint max_width;      /* 0: no limit; applies to the upright picture */
  /* A PNG stays a PNG and a JPEG a JPEG (the exports, whose pages name
   * the stored files); else the contents decide. */
  gboolean keep_format;
  /* 0: the long edge is exactly max_long_edge when scaled. Else any long
   * edge from this to max_long_edge will do, and a JPEG is decoded at
   * 1/2, 1/4 or 1/8 of its size when that lands in the range: no
   * resampling, a quarter of the work (the import: a 4032 px photo is
   * stored 2016 px). */
  guint min_long_edge;
} TdPictureLimits;

/* What an import stores. */
#define TD_PICTURE_IMPORT_LIMITS \
  ((TdPictureLimits) { TD_PICTURE_IMPORT_LONG_EDGE, 0, FALSE, TD_PICTURE_WEB_LONG_EDGE })

typedef struct
{
  TdImageFormat format;         /* TD_IMAGE_FORMAT_JPEG or _PNG */
  guint         width;          /* as stored: upright */
  guint         height;
  guint         source_width;   /* the source, upright */
  guint         source_height;
} TdPictureResult;

GQuark  td_picture_convert_error_quark (void);

/* @data converted within @limits; @display_name names the picture in
 * error messages. @result (may be NULL) says what came out. Thread-safe:
 * the import and the exports run it in worker threads. */
GBytes *td_picture_convert             (GBytes                *data,
                                        const char            *display_name,
                                        const TdPictureLimits *limits,
                                        TdPictureResult       *result,
                                        GError               **error);

/* ".jpg" or ".png". */
const char *td_picture_format_extension (TdImageFormat format);

G_END_DECLS
