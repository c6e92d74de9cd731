/* td-library-view.h: her issues, newest first
 *
 * The library folder's issues as cards (title, month, first picture),
 * newest first, read in a worker thread (td-library.h); a status page when
 * there are none. A card activated (click, Enter or Space) emits
 * ::issue-activated with its file; "New Issue" and "Choose Folder…" are the
 * window's actions (win.new-in-library, win.choose-library).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_LIBRARY_VIEW (td_library_view_get_type ())

G_DECLARE_FINAL_TYPE (TdLibraryView, td_library_view, TD, LIBRARY_VIEW, AdwBin)

GtkWidget  *td_library_view_new          (void);

/* The folder shown; setting it (even to the same) reads it again. */
void        td_library_view_set_folder   (TdLibraryView *self,
                                          const char    *folder);
const char *td_library_view_get_folder   (TdLibraryView *self);
void        td_library_view_reload       (TdLibraryView *self);
/* The listing shown (TdLibraryIssue, newest first), or NULL while it is
 * being read; borrowed. */
GPtrArray  *td_library_view_get_issues   (TdLibraryView *self);
/* Gives the keyboard focus to the first card (or the status page's first
 * button), once the folder is read if it is being read. */
void        td_library_view_focus        (TdLibraryView *self);

/* For tests: the cards' box (one GtkFlowBoxChild per issue, in order). */
GtkFlowBox *_td_library_view_get_flow_box (TdLibraryView *self);

G_END_DECLS
