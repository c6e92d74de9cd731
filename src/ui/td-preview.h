/* td-preview.h: the live preview pane
 *
 * Shows what export writes (the core renderers' bytes) in a WebKitGTK view
 * that follows every change of a TdDocument: Email, Web, Phone and Plain
 * text views, with Dark and Images off toggles. Renders run off the main
 * thread and coalesce: at most one load is in flight, and when it finishes
 * only the newest state is loaded next, with the scroll position kept.
 * The pane never navigates (links open in the default browser) and loads
 * nothing from the network unless "load-remote-images" is on.
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "td-document.h"

G_BEGIN_DECLS

typedef enum
{
  TD_PREVIEW_VIEW_EMAIL,  /* the email, 600 px, centred on an inbox grey */
  TD_PREVIEW_VIEW_WEB,    /* the web page, full width */
  TD_PREVIEW_VIEW_PHONE,  /* the email in a 375 px wide view */
  TD_PREVIEW_VIEW_TEXT,   /* the plain-text alternative, monospace */
} TdPreviewView;

#define TD_TYPE_PREVIEW_VIEW (td_preview_view_get_type ())
GType td_preview_view_get_type (void) G_GNUC_CONST;

#define TD_TYPE_PREVIEW (td_preview_get_type ())

G_DECLARE_FINAL_TYPE (TdPreview, td_preview, TD, PREVIEW, GtkWidget)

GtkWidget     *td_preview_new                    (void);

TdDocument    *td_preview_get_document           (TdPreview     *self);
/* NULL shows an empty pane. */
void           td_preview_set_document           (TdPreview     *self,
                                                  TdDocument    *document);

TdPreviewView  td_preview_get_view               (TdPreview     *self);
void           td_preview_set_view               (TdPreview     *self,
                                                  TdPreviewView  view);
gboolean       td_preview_get_dark               (TdPreview     *self);
void           td_preview_set_dark               (TdPreview     *self,
                                                  gboolean       dark);
gboolean       td_preview_get_images_off         (TdPreview     *self);
void           td_preview_set_images_off         (TdPreview     *self,
                                                  gboolean       images_off);
gboolean       td_preview_get_load_remote_images (TdPreview     *self);
void           td_preview_set_load_remote_images (TdPreview     *self,
                                                  gboolean       load_remote_images);

/* Scrolls the page to the section with this id (the section's "id" in the
 * file), if the current view shows it; after the load in flight, if any. */
void           td_preview_scroll_to_section      (TdPreview     *self,
                                                  const char    *section_id);

/* Prints the web version (whatever the view) through WebKit's print dialog. */
void           td_preview_print                  (TdPreview     *self);

/* TRUE while a render or load is in flight or pending: FALSE when the pane
 * shows the document as it is ("notify::busy"). A hidden pane renders
 * nothing and stays busy until it is shown. */
gboolean       td_preview_get_busy               (TdPreview     *self);

/* For tests. */
WebKitWebView *td_preview_get_web_view           (TdPreview     *self);

G_END_DECLS
