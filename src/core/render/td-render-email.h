/* td-render-email.h: the issue as an HTML email */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

/* One self-contained HTML document (UTF-8) built for email clients:
 * presentation tables, inline styles, 600 px. Pictures are written with
 * context->image_urls: TD_IMAGE_URL_ABSOLUTE for the HTML export,
 * TD_IMAGE_URL_CID inside an .eml, TD_IMAGE_URL_RELATIVE for the preview. */
char *td_render_email (const TdRenderContext *context,
                       gsize                 *length);

G_END_DECLS
