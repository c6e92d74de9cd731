/* td-preview-page.h: the preview's web view, which only displays
 *
 * TdPreview decides what to show and when; this page shows it safely: the
 * WebKitWebView with page scripts off, no navigation, no remote loads
 * (unless allowed), a context menu without browser actions, the view's
 * "chrome" (email frame, phone width, dark, images off) applied as user
 * style sheets and scripts in the app's own script world, and the reader's
 * place kept across loads.
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "td-preview.h"

G_BEGIN_DECLS

/* The script world of the app's own scripts; the page's scripts never run. */
#define TD_PREVIEW_SCRIPT_WORLD "tidings-preview"

/* The view width of TD_PREVIEW_VIEW_PHONE and the email's column. */
#define TD_PREVIEW_PHONE_WIDTH 375
#define TD_PREVIEW_EMAIL_WIDTH 600

typedef enum
{
  TD_PREVIEW_NAVIGATION_LOAD,             /* the app's own load */
  TD_PREVIEW_NAVIGATION_OPEN_EXTERNALLY,  /* a link the user clicked */
  TD_PREVIEW_NAVIGATION_REFUSE,
} TdPreviewNavigation;

#define TD_TYPE_PREVIEW_PAGE (td_preview_page_get_type ())

G_DECLARE_FINAL_TYPE (TdPreviewPage, td_preview_page, TD, PREVIEW_PAGE, GtkWidget)

TdPreviewPage       *td_preview_page_new                     (void);
WebKitWebView       *td_preview_page_get_web_view            (TdPreviewPage        *self);

/* The chrome of the next load (it changes when that load starts). */
void                 td_preview_page_set_chrome              (TdPreviewPage        *self,
                                                              TdPreviewView         view,
                                                              gboolean              dark,
                                                              gboolean              images_off);
void                 td_preview_page_set_load_remote_images  (TdPreviewPage        *self,
                                                              gboolean              load_remote);

/* Starts reading the reader's place (scroll position, and the section at
 * the top of the view) so that the next load can restore it. Call it when
 * the render of the next load starts: it runs alongside. */
void                 td_preview_page_save_place              (TdPreviewPage        *self);

/* Loads @html (UTF-8) with @base_uri (NULL: none) and completes when the
 * page has finished loading, the place restored. One load at a time. */
void                 td_preview_page_load_async              (TdPreviewPage        *self,
                                                              GBytes               *html,
                                                              const char           *base_uri,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             td_preview_page_load_finish             (TdPreviewPage        *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 td_preview_page_scroll_to_section       (TdPreviewPage        *self,
                                                              const char           *section_id);

/* Prints @html in a web view of its own, without the view's chrome: with
 * GTK's print dialog when @print_settings is NULL, else straight to the
 * printer (or file) they name. */
void                 td_preview_page_print_async             (TdPreviewPage        *self,
                                                              GBytes               *html,
                                                              const char           *base_uri,
                                                              GtkPrintSettings     *print_settings,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             td_preview_page_print_finish            (TdPreviewPage        *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* The decisions behind decide-policy and context-menu, for tests. */
TdPreviewNavigation  td_preview_page_decide_navigation       (TdPreviewPage        *self,
                                                              const char           *uri,
                                                              WebKitNavigationType  type,
                                                              gboolean              user_gesture);
/* Removes browser actions (reload, back, open in new window, download...);
 * FALSE when nothing is left to show. */
gboolean             td_preview_page_filter_context_menu     (WebKitContextMenu    *menu);

G_END_DECLS
