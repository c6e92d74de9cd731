/* td-preview-print.h: printing a page in a web view of its own */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

/* Loads html (with base_uri) in a new web view with these settings and
 * session -- and filter, to block remote loads, or NULL -- and prints it:
 * with GTK's print dialog on parent when print_settings is NULL, else
 * straight to the printer (or file) they name. Completes when printing is
 * over; G_IO_ERROR_CANCELLED when the dialog was cancelled. */
void     td_preview_print_async  (WebKitSettings          *settings,
                                  WebKitNetworkSession    *session,
                                  WebKitUserContentFilter *filter,
                                  GtkWindow               *parent,
                                  GBytes                  *html,
                                  const char              *base_uri,
                                  GtkPrintSettings        *print_settings,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data);
gboolean td_preview_print_finish (GAsyncResult            *result,
                                  GError                 **error);

/* The same URI, whichever characters either spells with %XX escapes: what
 * the pane's and the printer's navigation policies let load. */
gboolean td_preview_uri_equal    (const char              *a,
                                  const char              *b);

G_END_DECLS
