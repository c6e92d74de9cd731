/* td-render.h: the issue in every format, from one entry point
 *
 * td_render() turns a validated document into the bytes of one format: the
 * web page, the HTML email, the plain-text alternative or the .eml message.
 * It is pure: the same document and context give the same bytes; it reads
 * nothing but the document and its pictures. Only the .eml can fail (it has
 * to attach the pictures); the others render a missing picture without a
 * size, and the pre-send checks say so.
 */
#pragma once

#include <gio/gio.h>
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

typedef enum
{
  TD_RENDER_WEB,    /* the web page: index.html of the web export */
  TD_RENDER_EMAIL,  /* the HTML email, to paste into a mailing service */
  TD_RENDER_TEXT,   /* the plain-text alternative of the email */
  TD_RENDER_EML,    /* the MIME message: the text and the email, pictures inside */
} TdRenderFormat;

/* What the .eml's headers say. */
typedef struct
{
  const char *from;     /* NULL: the practice's email */
  const char *to;       /* NULL: no To header (the mailing service adds it) */
  gint64      date;     /* Unix time of the Date header; the CLI passes now */
  const char *message_id_domain; /* NULL: the From address's domain */
  /* FALSE: the pictures travel inside the message as cid: parts (derived:
   * td-picture-derive.h). TRUE: they are https links under the issue's
   * public_base_url, where the web export must be uploaded (an error when
   * the issue has none). */
  gboolean    linked_images;
} TdEmlOptions;

typedef struct
{
  JsonNode       *root;        /* a document that passed validation */
  const char     *base_dir;    /* the issue's folder, to read pictures; may be NULL */
  /* How the web page and the email write picture URLs; the .eml decides
   * for itself (cid: parts, or absolute URLs under public_base_url). */
  TdImageUrlMode  image_urls;
  /* TD_RENDER_TEXT only: the text inside a small HTML page (escaped, in a
   * <pre>), for a web view such as the preview to show. */
  gboolean        text_page;
  TdEmlOptions    eml;         /* TD_RENDER_EML only */
  /* Pictures added since the last save wait here (td_document_get_draft_dir());
   * may be NULL. TD_IMAGE_URL_RELATIVE writes their file:// URL: only for
   * the preview. */
  const char     *draft_dir;
} TdRenderContext;

/* "web", "email", "text" or "eml", as the CLI's --format names them. */
const char *td_render_format_to_string   (TdRenderFormat          format);
/* FALSE, leaving @format alone, for any other name. */
gboolean    td_render_format_from_string (const char             *name,
                                          TdRenderFormat         *format);

/* The issue in @format: UTF-8 HTML or text, or the .eml message (CRLF line
 * ends). NULL with @error set only for TD_RENDER_EML (no sender, a picture
 * it can't attach). */
GBytes     *td_render                    (TdRenderFormat          format,
                                          const TdRenderContext  *context,
                                          GError                **error);

/* The web page, the email or the text (which can't fail) as a string;
 * its length goes to @length when not NULL. */
char       *td_render_to_string          (TdRenderFormat          format,
                                          const TdRenderContext  *context,
                                          gsize                  *length);

/* The same in a worker thread. Takes a deep copy of context->root (and of
 * the context's strings) before returning, so the caller may change the
 * document at once; the worker renders the copy. */
void        td_render_async              (TdRenderFormat          format,
                                          const TdRenderContext  *context,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
GBytes     *td_render_finish             (GAsyncResult           *result,
                                          GError                **error);

/* The pictures the issue shows (paths relative to its folder), each once,
 * in order of first use: what the web export copies beside its page. */
GPtrArray  *td_render_list_images        (const TdRenderContext  *context);

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

/* The folder the picture at @src is read from: context->draft_dir when
 * it holds that picture, else context->base_dir (may be NULL). */
const char *td_render_picture_dir (const TdRenderContext *context,
                                   const char            *src);

/* The file:// URI of @base_dir with a trailing slash, against which the
 * pictures of TD_IMAGE_URL_RELATIVE resolve (a web view's base URI);
 * NULL for a NULL or empty @base_dir. */
char    *td_render_base_uri    (const char            *base_dir);

/* The Content-ID (without "cid:" or brackets) of the picture at src:
 * stable, derived from the path, so HTML and MIME parts agree. */
char    *td_render_image_cid   (const char            *src);

/* The picture's size as shown (upright), scaled to fit max_width, keeping its proportions.
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
