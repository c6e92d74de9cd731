/* td-preview-private.h: TdPreview internals for tests and the benchmark */
#pragma once

#include "td-preview.h"
#include "td-preview-page.h"

G_BEGIN_DECLS

TdPreviewPage *_td_preview_get_page          (TdPreview            *self);

/* Every change the preview follows counts one; the pane shows the state
 * of change number _td_preview_get_shown_serial(). */
guint64        _td_preview_get_change_serial (TdPreview            *self);
guint64        _td_preview_get_shown_serial  (TdPreview            *self);

/* td_preview_print() with @print_settings (NULL: GTK's print dialog). */
void           _td_preview_print_async  (TdPreview            *self,
                                         GtkPrintSettings     *print_settings,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean       _td_preview_print_finish (TdPreview            *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
