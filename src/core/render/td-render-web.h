/* td-render-web.h: the issue as a standalone web page */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

/* The complete index.html (UTF-8). Pictures are written with
 * context->image_urls (TD_IMAGE_URL_RELATIVE for the export and preview). */
char *td_render_web (const TdRenderContext *context,
                     gsize                 *length);

/* The picture paths (relative to the folder) the page refers to, in
 * order of first use, without duplicates: what the export copies. */
GPtrArray *td_render_web_list_images (const TdRenderContext *context);

G_END_DECLS
