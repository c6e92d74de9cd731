/* td-publish-dialog.h: the archive of her issues, built and uploaded
 *
 * The archive's web address, the web host's address and user (kept in
 * GSettings) and its password (kept in the keyring); then, in worker
 * threads with a progress bar, the archive is built from the library
 * folder (src/core/archive/td-archive.h) and what changed in it uploaded
 * (src/publish/td-site-publish.h). Cancelling never breaks the site.
 *
 * When done, it activates "win.archive-published" with the archive's web
 * address (a string), so that the window can point the open issue's web
 * version at its page (td_archive_page_url()).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_PUBLISH_DIALOG (td_publish_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdPublishDialog, td_publish_dialog, TD, PUBLISH_DIALOG, AdwWindow)

/* @library: the folder of her issues; @site_dir: where the archive is
 * built (a cache: only what changed is written, and so uploaded). The
 * caller makes the dialog transient for its window. */
GtkWidget *td_publish_dialog_new (GFile *library,
                                  GFile *site_dir);

G_END_DECLS
