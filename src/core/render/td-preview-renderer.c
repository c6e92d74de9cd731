/* td-preview-renderer.c: the preview's renders, off the main thread */

#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-preview-renderer.h"
#include "td-render-email.h"
#include "td-render-text.h"
#include "td-render-web.h"

typedef struct
{
  JsonNode        *root;      /* a private deep copy */
  char            *base_dir;
  TdPreviewFormat  format;
} RenderData;

/* Task source tags: the address of a variable, since -Wpedantic refuses a
 * function pointer where GLib wants a gpointer. */
static char render_tag;

static void
render_data_free (gpointer data)
{
  RenderData *render = data;

  g_clear_pointer (&render->root, json_node_unref);
  g_free (render->base_dir);
  g_free (render);
}

/* The plain-text alternative, as the pane shows it: monospace, escaped,
 * wrapped only where a line is wider than the pane. */
static char *
wrap_text (const TdRenderContext *context,
           const char            *text)
{
  const char *language = td_render_get_language (context);
  GString *out = g_string_new (NULL);
  TdHtmlWriter h;

  td_html_writer_init (&h, out);
  td_html_put (&h, "<!DOCTYPE html>\n<html");
  td_html_attr (&h, "lang", language);
  td_html_put (&h, td_l10n_language_is_rtl (language) ? " dir=\"rtl\">\n" : ">\n");
  td_html_put (&h,
               "<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"color-scheme\" content=\"light\">\n"
               "<style>\n"
               "html{background:#ffffff;color:#1f2328}\n"
               "body{margin:0;padding:1.25rem}\n"
               "pre{margin:0 auto;max-width:80ch;font-family:monospace;"
               "font-size:0.875rem;line-height:1.5;white-space:pre-wrap;"
               "overflow-wrap:anywhere}\n"
               "</style>\n"
               "</head>\n"
               "<body><pre>");
  /* A long URL stays one line of text: the writer breaks it with <wbr>. */
  td_html_text_pre (&h, text);
  td_html_put (&h, "</pre></body>\n</html>\n");
  td_html_writer_clear (&h);
  return g_string_free (out, FALSE);
}

GBytes *
td_preview_render (JsonNode        *root,
                   const char      *base_dir,
                   TdPreviewFormat  format)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_RELATIVE };
  g_autofree char *text = NULL;
  char *html = NULL;
  gsize length = 0;

  g_return_val_if_fail (root != NULL, NULL);

  switch (format)
    {
    case TD_PREVIEW_FORMAT_EMAIL:
      html = td_render_email (&context, &length);
      break;
    case TD_PREVIEW_FORMAT_WEB:
      html = td_render_web (&context, &length);
      break;
    case TD_PREVIEW_FORMAT_TEXT:
      text = td_render_text (&context, NULL);
      html = wrap_text (&context, text);
      length = strlen (html);
      break;
    default:
      g_assert_not_reached ();
    }

  return g_bytes_new_take (html, length);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *render = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task,
                         td_preview_render (render->root, render->base_dir, render->format),
                         (GDestroyNotify) g_bytes_unref);
}

void
td_preview_render_async (JsonNode            *root,
                         const char          *base_dir,
                         TdPreviewFormat      format,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *render;

  g_return_if_fail (root != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* JSON nodes are not thread-safe and the document changes under us while
   * the worker renders: the worker gets a tree of its own. */
  render = g_new0 (RenderData, 1);
  render->root = td_json_node_deep_copy (root);
  render->base_dir = g_strdup (base_dir);
  render->format = format;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &render_tag);
  g_task_set_task_data (task, render, render_data_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
td_preview_render_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &render_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
td_preview_base_uri (const char *base_dir)
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
