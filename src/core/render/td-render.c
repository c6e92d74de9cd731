/* td-render.c: picture URLs and sizes, and document readers, for renderers */

#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-render.h"

JsonObject *
td_render_get_practice (const TdRenderContext *context)
{
  return td_json_get_object (json_node_get_object (context->root), "practice");
}

JsonObject *
td_render_get_issue (const TdRenderContext *context)
{
  return td_json_get_object (json_node_get_object (context->root), "issue");
}

JsonArray *
td_render_get_sections (const TdRenderContext *context)
{
  return td_json_get_array (json_node_get_object (context->root), "sections");
}

const char *
td_render_get_language (const TdRenderContext *context)
{
  const char *language = td_json_get_string (td_render_get_issue (context), "language");

  return language[0] != '\0' ? language : "en";
}

char *
td_render_image_cid (const char *src)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, src, -1);

  hash[16] = '\0';
  return g_strdup_printf ("%s@tidings", hash);
}

/* A file name is not a URL: "#", "?", "%" and spaces in it must be
 * escaped, or the link would point elsewhere. Folder separators stay. */
static char *
escape_path (const char *src)
{
  return g_uri_escape_string (src, "/", FALSE);
}

char *
td_render_image_url (const TdRenderContext *context,
                     const char            *src)
{
  const char *base;
  g_autofree char *path = NULL;

  g_return_val_if_fail (src != NULL, NULL);

  switch (context->image_urls)
    {
    case TD_IMAGE_URL_ABSOLUTE:
      path = escape_path (src);
      base = td_json_get_string (td_render_get_issue (context), "public_base_url");
      if (base[0] == '\0')
        return g_steal_pointer (&path);
      return g_strconcat (base, g_str_has_suffix (base, "/") ? "" : "/", path, NULL);
    case TD_IMAGE_URL_CID:
      {
        g_autofree char *cid = td_render_image_cid (src);

        return g_strconcat ("cid:", cid, NULL);
      }
    case TD_IMAGE_URL_RELATIVE:
    default:
      return escape_path (src);
    }
}

char *
td_render_picture_url (const TdRenderContext *context,
                       const char            *src)
{
  g_autofree char *url = NULL;

  if (!td_image_path_is_safe (src, NULL))
    return NULL;
  url = td_render_image_url (context, src);
  if (context->image_urls == TD_IMAGE_URL_CID ? !g_str_has_prefix (url, "cid:")
                                               : !td_url_is_safe (url))
    return NULL;
  return g_steal_pointer (&url);
}

gboolean
td_render_image_size (const TdRenderContext *context,
                      const char            *src,
                      guint                  max_width,
                      guint                 *width,
                      guint                 *height)
{
  g_autofree char *path = NULL;
  TdImageInfo info;

  *width = 0;
  *height = 0;
  if (context->base_dir == NULL || src == NULL || src[0] == '\0')
    return FALSE;
  path = g_build_filename (context->base_dir, src, NULL);
  if (!td_image_info_from_file (path, &info, NULL) || info.width == 0 || info.height == 0)
    return FALSE;

  *width = info.width;
  *height = info.height;
  if (max_width > 0 && *width > max_width)
    {
      *height = (guint) (((guint64) info.height * max_width + info.width / 2) / info.width);
      *width = max_width;
    }
  return TRUE;
}

char *
td_render_phone_uri (const char *scheme,
                     const char *phone)
{
  g_autoptr(GString) uri = g_string_new (scheme);
  gsize prefix = uri->len;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (uri, *p);
      else if (*p == '+' && uri->len == prefix)
        g_string_append_c (uri, '+');
    }
  if (uri->len == prefix || (uri->len == prefix + 1 && uri->str[prefix] == '+'))
    return NULL;
  return g_string_free (g_steal_pointer (&uri), FALSE);
}
