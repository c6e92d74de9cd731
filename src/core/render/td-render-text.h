/* td-render-text.h: the issue as the plain-text alternative of the email */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

char *td_render_text (const TdRenderContext *context,
                      gsize                 *length);

G_END_DECLS
