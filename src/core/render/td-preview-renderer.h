/* td-preview-renderer.h: the preview's renders, off the main thread
 *
 * The preview shows the very bytes export writes: this runs the core
 * renderers (web, email, text) in a worker thread on a private copy of the
 * document, so that typing never waits for a render. Plain text is wrapped
 * in a small HTML document (an escaped <pre>) since the pane is a web view.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

typedef enum
{
  TD_PREVIEW_FORMAT_EMAIL,
  TD_PREVIEW_FORMAT_WEB,
  TD_PREVIEW_FORMAT_TEXT,
} TdPreviewFormat;

/* Renders @root in @format with TD_IMAGE_URL_RELATIVE. Takes a deep copy of
 * @root before returning, so the caller may change the document at once.
 * @base_dir is the folder (picture sizes are read from it); NULL
 * for an untitled issue without one. */
void    td_preview_render_async  (JsonNode            *root,
                                  const char          *base_dir,
                                  TdPreviewFormat      format,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The HTML document (UTF-8) to load. */
GBytes *td_preview_render_finish (GAsyncResult        *result,
                                  GError             **error);

/* The same, synchronously, on the caller's thread (for print and tests). */
GBytes *td_preview_render        (JsonNode            *root,
                                  const char          *base_dir,
                                  TdPreviewFormat      format);

/* The file:// URI of @base_dir with a trailing slash, so that relative
 * picture paths resolve inside it; NULL for a NULL @base_dir. */
char   *td_preview_base_uri      (const char          *base_dir);

G_END_DECLS
