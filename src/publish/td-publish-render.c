/* td-publish-render.c: the issue as src/publish sends it */

#include "config.h"

#include <string.h>

#include "td-eml.h"
#include "td-publish-render.h"
#include "td-render-email.h"
#include "td-render-text.h"

static TdRenderContext
context_for (JsonNode       *root,
             const char     *base_dir,
             TdImageUrlMode  image_urls)
{
  return (TdRenderContext) { root, base_dir, image_urls };
}

/* Removes the header line @line (with its CRLF) from the message's header
 * block, if it is there. */
static GBytes *
drop_header (GBytes     *message,
             const char *line)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);
  const char *end = g_strstr_len (data, length, "\r\n\r\n");
  g_autofree char *needle = g_strconcat ("\r\n", line, "\r\n", NULL);
  const char *found;
  GByteArray *out;

  if (end == NULL)
    return g_bytes_ref (message);
  found = g_strstr_len (data, end + 2 - data, needle);
  if (found == NULL)
    return g_bytes_ref (message);

  out = g_byte_array_sized_new (length);
  g_byte_array_append (out, (const guint8 *) data, found + 2 - data);
  g_byte_array_append (out, (const guint8 *) found + strlen (needle),
                       length - (found - data) - strlen (needle));
  return g_byte_array_free_to_bytes (out);
}

GBytes *
td_publish_render_test_message (JsonNode    *root,
                                const char  *base_dir,
                                const char  *to,
                                gint64       date,
                                GError     **error)
{
  TdRenderContext context = context_for (root, base_dir, TD_IMAGE_URL_CID);
  TdEmlOptions options = { NULL, to, date, NULL };
  g_autoptr(GBytes) message = td_render_eml (&context, &options, error);

  if (message == NULL)
    return NULL;
  return drop_header (message, "X-Unsent: 1");
}

char *
td_publish_render_email_cid (JsonNode   *root,
                             const char *base_dir)
{
  TdRenderContext context = context_for (root, base_dir, TD_IMAGE_URL_CID);

  gsize length;

  return td_render_email (&context, &length);
}

char *
td_publish_render_text (JsonNode   *root,
                        const char *base_dir)
{
  TdRenderContext context = context_for (root, base_dir, TD_IMAGE_URL_ABSOLUTE);

  gsize length;

  return td_render_text (&context, &length);
}

char *
td_publish_picture_cid (const char *src)
{
  return td_render_image_cid (src);
}
