/* td-preview-focus.h: the preview as one keyboard stop */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The web view is one Tab stop: Tab and Shift+Tab go past it, not through
 * the newsletter's links, until the user enters the page with Enter
 * (Escape leaves it again). toolbar: the preview's buttons before it. */
void     _td_preview_focus_init (GtkWidget        *preview,
                                 GtkWidget        *toolbar,
                                 GtkWidget        *web_view);
/* The preview's GtkWidget::focus. */
gboolean _td_preview_focus      (GtkWidget        *preview,
                                 GtkDirectionType  direction);

G_END_DECLS
