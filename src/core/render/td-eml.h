/* td-eml.h: the issue as a ready-to-send MIME message (GMime 3) */
#pragma once

#include "td-render.h"

G_BEGIN_DECLS

typedef struct
{
  const char *from;     /* NULL: the practice's email */
  const char *to;       /* NULL: no To header (the mailing service adds it) */
  gint64      date;     /* Unix time of the Date header; the CLI passes now */
  const char *message_id_domain; /* NULL: the From address's domain */
} TdEmlOptions;

/* multipart/alternative [text/plain, text/html] or, when the issue has no
 * public base URL, [text/plain, multipart/related [text/html, pictures]].
 * context->image_urls is ignored: the .eml decides. */
GBytes *td_render_eml (const TdRenderContext *context,
                       const TdEmlOptions    *options,
                       GError               **error);

G_END_DECLS
