/* td-export.h: writing exports to disk
 *
 * Every file is written atomically (a temporary file in the same folder,
 * renamed over the target), so a failure leaves the previous file or none,
 * never half of one.
 */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

#define TD_EXPORT_ERROR (td_export_error_quark ())

typedef enum
{
  TD_EXPORT_ERROR_NO_FOLDER,    /* the context has no base_dir to copy pictures from */
  TD_EXPORT_ERROR_UNSAFE_PATH,  /* a picture path leads outside its folder */
} TdExportError;

GQuark   td_export_error_quark (void);

/* Writes @length bytes of @contents to the file at @path, atomically.
 * "-" is an ordinary file name here: writing to standard output is the
 * caller's business. Errors are in the G_FILE_ERROR domain. */
gboolean td_export_write_file  (const char            *path,
                                const char            *contents,
                                gsize                  length,
                                GError               **error);

/* The web export: @out_dir/index.html (TD_RENDER_WEB of @context, whose
 * image_urls should be TD_IMAGE_URL_RELATIVE) plus exactly the pictures it
 * refers to, derived from those in context->base_dir (upright, without
 * metadata, at most TD_PICTURE_WEB_LONG_EDGE: td-picture-derive.h) at the
 * same relative paths under @out_dir (usually @out_dir/images/). Creates @out_dir and the folders
 * inside it as needed, never writes outside it, and leaves other files there
 * alone. Every picture is read before anything is written, and index.html is
 * written last: on failure the folder holds no half-written file and no new
 * page pointing at missing pictures. */
gboolean td_export_web         (const TdRenderContext *context,
                                const char            *out_dir,
                                GError               **error);

G_END_DECLS
