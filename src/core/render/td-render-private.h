/* td-render-private.h: the formats behind td_render(), inside src/core/render */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

char      *_td_render_web         (const TdRenderContext  *context,
                                   gsize                  *length);
char      *_td_render_email       (const TdRenderContext  *context,
                                   gsize                  *length);
/* The text, or its page when context->text_page. */
char      *_td_render_text        (const TdRenderContext  *context,
                                   gsize                  *length);
GBytes    *_td_render_eml         (const TdRenderContext  *context,
                                   GError                **error);

GPtrArray *_td_render_web_images  (const TdRenderContext  *context);

G_END_DECLS
