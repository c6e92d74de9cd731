/* td-render.h: what every renderer shares
 *
 * A renderer turns a validated document into the bytes of one format. It is
 * pure: the same document and context give the same bytes; it reads nothing
 * but the document and the sizes of its pictures, and it never fails (a
 * missing picture is rendered without a size; the pre-send checks say so).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

typedef enum
{
  /* "images/x.jpg": the web export, which copies the pictures beside its
   * page, and the preview, which loads the page with the issue's folder as
   * its base URI. */
  TD_IMAGE_URL_RELATIVE,
  /* public_base_url + "images/x.jpg": the email HTML pasted into a mailing
   * service, whose pictures are fetched from the web export. */
  TD_IMAGE_URL_ABSOLUTE,
  /* "cid:…": pictures carried inside the .eml itself. */
  TD_IMAGE_URL_CID,
} TdImageUrlMode;

typedef struct
{
  JsonNode       *root;        /* a document that passed validation */
  const char     *base_dir;    /* the issue's folder, to read picture sizes; may be NULL */
  TdImageUrlMode  image_urls;
} TdRenderContext;

/* The URL a renderer writes for the picture at src (a path relative to the
 * issue's folder). Newly allocated. */
char    *td_render_image_url   (const TdRenderContext *context,
                                const char            *src);

/* The URL every format writes for the picture at @src, or NULL when the
 * picture can't be shown: its path leads outside the issue's folder or has
 * a scheme, or the URL made of it is unsafe (say public_base_url is a
 * javascript: URL). Newly allocated. */
char    *td_render_picture_url (const TdRenderContext *context,
                                const char            *src);

/* The Content-ID (without "cid:" or brackets) of the picture at src:
 * stable, derived from the path, so HTML and MIME parts agree. */
char    *td_render_image_cid   (const char            *src);

/* The picture's size scaled to fit max_width, keeping its proportions.
 * FALSE (and 0×0) when the file can't be read. */
gboolean td_render_image_size  (const TdRenderContext *context,
                                const char            *src,
                                guint                  max_width,
                                guint                 *width,
                                guint                 *height);

/* "tel:+12125550142" from "+1 (212) 555-0142": the digits and a leading
 * "+", after scheme ("tel:" or "sms:"). NULL when there are no digits. */
char    *td_render_phone_uri   (const char            *scheme,
                                const char            *phone);

/* Readers over the document, shared so that renderers agree on defaults. */
JsonObject  *td_render_get_practice (const TdRenderContext *context);
JsonObject  *td_render_get_issue    (const TdRenderContext *context);
JsonArray   *td_render_get_sections (const TdRenderContext *context);
/* The issue's language ("en" when unset). */
const char  *td_render_get_language (const TdRenderContext *context);

G_END_DECLS
