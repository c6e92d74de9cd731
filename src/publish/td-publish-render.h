/* td-publish-render.h: the issue as src/publish sends it
 *
 * The one place where src/publish calls the core's renderers, so that a
 * change of their API touches this file alone.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The .eml as exported (td_render (TD_RENDER_EML, …)), To: @to, minus the X-Unsent
 * header: that one makes Outlook open a received test as an unsent draft. */
GBytes     *td_publish_render_test_message (JsonNode    *root,
                                            const char  *base_dir,
                                            const char  *to,
                                            gint64       date,
                                            GError     **error);

/* The HTML email with cid: picture URLs, and the plain text: what a mailing
 * service gets once the cid: URLs are replaced by its hosted ones. */
char       *td_publish_render_email_cid    (JsonNode    *root,
                                            const char  *base_dir);
char       *td_publish_render_text         (JsonNode    *root,
                                            const char  *base_dir);

/* The Content-ID the email uses for the picture at @src. */
char       *td_publish_picture_cid         (const char  *src);

G_END_DECLS
