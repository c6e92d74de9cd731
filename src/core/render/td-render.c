/* td-render.c: the one entry point, and what the formats share */

#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-render-private.h"
#include "td-picture-file.h"

static const char * const format_names[] = {
  [TD_RENDER_WEB] = "web",
  [TD_RENDER_EMAIL] = "email",
  [TD_RENDER_TEXT] = "text",
  [TD_RENDER_EML] = "eml",
};

/* Task source tag: the address of a variable, since -Wpedantic refuses a
 * function pointer where GLib wants a gpointer. */
static char render_tag;

const char *
td_render_format_to_string (TdRenderFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

gboolean
td_render_format_from_string (const char     *name,
                              TdRenderFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *format = (TdRenderFormat) i;
        return TRUE;
      }
  return FALSE;
}

GBytes *
td_render (TdRenderFormat          format,
           const TdRenderContext  *context,
           GError                **error)
{
  g_autoptr(TdRenderIssue) issue = NULL;
  char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (format == TD_RENDER_EML)
    return _td_render_eml (context, error);

  /* The plain text shows no pictures: they need not be resolved. */
  issue = _td_render_issue_new (context, format == TD_RENDER_TEXT
                                         ? TD_RESOLVE_WORDS
                                         : TD_RESOLVE_PICTURES | TD_RESOLVE_SIZES);
  switch (format)
    {
    case TD_RENDER_WEB:
      data = _td_render_web (issue, &length);
      break;
    case TD_RENDER_EMAIL:
      data = _td_render_email (issue, &length);
      break;
    case TD_RENDER_TEXT:
      data = _td_render_text (issue, &length);
      break;
    case TD_RENDER_EML:
    default:
      g_return_val_if_reached (NULL);
    }
  return g_bytes_new_take (data, length);
}

char *
td_render_to_string (TdRenderFormat         format,
                     const TdRenderContext *context,
                     gsize                 *length)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (format != TD_RENDER_EML, NULL);

  bytes = td_render (format, context, NULL);
  data = g_bytes_get_data (bytes, &size);
  if (length != NULL)
    *length = size;
  return g_strndup (data, size);
}

/* What a worker renders: its own copy of the context and the document. */
typedef struct
{
  TdRenderFormat   format;
  TdRenderContext  context;  /* pointing to the copies below */
  JsonNode        *root;
  GPtrArray       *strings;
} RenderData;

static void
render_data_free (RenderData *render)
{
  json_node_unref (render->root);
  g_ptr_array_unref (render->strings);
  g_free (render);
}

/* A copy of @string that lives as long as @render. */
static const char *
keep (RenderData *render,
      const char *string)
{
  char *copy = g_strdup (string);

  if (copy != NULL)
    g_ptr_array_add (render->strings, copy);
  return copy;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *render = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = td_render (render->format, &render->context, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
td_render_async (TdRenderFormat         format,
                 const TdRenderContext *context,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data)
{
  RenderData *render;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (context != NULL && context->root != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* JSON nodes are not thread-safe and the document changes under us while
   * the worker renders: the worker gets a tree of its own. */
  render = g_new0 (RenderData, 1);
  render->format = format;
  render->root = td_json_node_deep_copy (context->root);
  render->strings = g_ptr_array_new_with_free_func (g_free);
  render->context = *context;
  render->context.root = render->root;
  render->context.base_dir = keep (render, context->base_dir);
  render->context.draft_dir = keep (render, context->draft_dir);
  render->context.eml.from = keep (render, context->eml.from);
  render->context.eml.to = keep (render, context->eml.to);
  render->context.eml.message_id_domain = keep (render, context->eml.message_id_domain);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &render_tag);
  g_task_set_task_data (task, render, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
td_render_finish (GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &render_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
td_render_list_images (const TdRenderContext *context)
{
  g_autoptr(TdRenderIssue) issue = NULL;
  GPtrArray *images;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);

  issue = _td_render_issue_new (context, TD_RESOLVE_PICTURES);
  images = g_ptr_array_new_full (issue->pictures->len, g_free);
  for (guint i = 0; i < issue->pictures->len; i++)
    g_ptr_array_add (images, g_strdup (g_ptr_array_index (issue->pictures, i)));
  return images;
}

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

void
_td_render_markdown (TdHtmlWriter          *w,
                     const char            *markdown,
                     const TdMarkdownStyle *style,
                     const char            *open,
                     const char            *close)
{
  const TdMarkdownHtmlOptions options = { .heading_offset = 2, .style = style, .rtl = w->rtl };
  g_autofree char *html = td_markdown_to_html (markdown, &options);
  gsize len = strlen (html);

  /* The fragment ends its last line: @close says how the body ends. */
  while (len > 0 && g_ascii_isspace (html[len - 1]))
    len--;
  if (len == 0)
    return;
  td_html_newline (w);
  td_html_put (w, open);
  td_html_put_len (w, html, len);
  td_html_put (w, close);
}

char *
td_render_base_uri (const char *base_dir)
{
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;

  if (base_dir == NULL || base_dir[0] == '\0')
    return NULL;
  absolute = g_canonicalize_filename (base_dir, NULL);
  if ((uri = g_filename_to_uri (absolute, NULL, NULL)) == NULL)
    return NULL;
  if (g_str_has_suffix (uri, "/"))
    return g_steal_pointer (&uri);
  return g_strconcat (uri, "/", NULL);
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
      /* The preview: a picture added since the last save is in the draft
       * area, not under the page's base URI. */
      if (context->draft_dir != NULL
          && g_strcmp0 (td_render_picture_dir (context, src), context->draft_dir) == 0)
        {
          g_autofree char *draft = td_render_base_uri (context->draft_dir);

          path = escape_path (src);
          return g_strconcat (draft, path, NULL);
        }
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

const char *
td_render_picture_dir (const TdRenderContext *context,
                       const char            *src)
{
  if (context->draft_dir != NULL && src != NULL && td_image_path_is_safe (src, NULL))
    {
      g_autofree char *path = g_build_filename (context->draft_dir, src, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        return context->draft_dir;
    }
  return context->base_dir;
}

gboolean
td_render_image_size (const TdRenderContext *context,
                      const char            *src,
                      guint                  max_width,
                      guint                 *width,
                      guint                 *height)
{
  TdRenderPicture picture = { 0 };
  const char *dir = td_render_picture_dir (context, src);
  TdImageInfo info;

  *width = 0;
  *height = 0;
  if (dir == NULL || src == NULL || src[0] == '\0')
    return FALSE;
  if (!td_picture_file_get_info (dir, src, &info, NULL))
    return FALSE;
  /* As shown: a picture with an EXIF orientation is turned. */
  td_image_info_get_upright_size (&info, &picture.width, &picture.height);
  return _td_render_picture_fit (&picture, max_width, width, height);
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
