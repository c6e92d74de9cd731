/* td-publish-render.c: the issue as src/publish sends it */

#include "config.h"

#include <string.h>

#include "td-publish-render.h"
#include "td-render.h"

static TdRenderContext
context_for (JsonNode       *root,
             const char     *base_dir,
             TdImageUrlMode  image_urls)
{
  return (TdRenderContext) { .root = root, .base_dir = base_dir, .image_urls = image_urls };
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
  g_autoptr(GBytes) message = NULL;

  context.eml = (TdEmlOptions) { NULL, to, date, NULL };
  message = td_render (TD_RENDER_EML, &context, error);

  if (message == NULL)
    return NULL;
  return drop_header (message, "X-Unsent: 1");
}

char *
td_publish_render_email_cid (JsonNode   *root,
                             const char *base_dir)
{
  TdRenderContext context = context_for (root, base_dir, TD_IMAGE_URL_CID);

  return td_render_to_string (TD_RENDER_EMAIL, &context, NULL);
}

char *
td_publish_render_text (JsonNode   *root,
                        const char *base_dir)
{
  TdRenderContext context = context_for (root, base_dir, TD_IMAGE_URL_ABSOLUTE);

  return td_render_to_string (TD_RENDER_TEXT, &context, NULL);
}

char *
td_publish_picture_cid (const char *src)
{
  return td_render_image_cid (src);
}
