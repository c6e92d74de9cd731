/* td-window-private.h: what the window's files share, and what tests reach
 *
 * The window is one class in four files, as gnome-text-editor splits its
 * own: td-window.c (the widget, the document, the outline and the form),
 * td-window-actions.c (editing, sections, export, print, the panes),
 * td-window-files.c (new, open, save, the unsaved-changes question, recent
 * issues), td-window-focus.c (the keyboard's way through the panes) and
 * td-window-dnd.c (issues dropped on the window).
 */
#pragma once

#include "td-library-view.h"
#include "td-outline.h"
#include "td-preview.h"
#include "td-recovery.h"
#include "td-window.h"

G_BEGIN_DECLS

#define TD_TIDINGS_MIME_TYPE "application/x-tidings-issue"

struct _TdWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkToggleButton *sidebar_button;
  GtkButton *open_button;
  GtkMenuButton *recent_button;
  GtkMenuButton *primary_menu_button;
  GtkButton *save_button;
  GtkButton *export_button;
  GtkToggleButton *preview_button;
  AdwFlap *flap;
  TdOutline *outline;
  AdwLeaflet *leaflet;
  GtkScrolledWindow *editor_scroller;
  AdwBin *editor_bin;
  AdwBin *preview_slot;
  TdPreview *preview;
  GMenu *recent_menu;
  GtkStack *main_stack;      /* "editor" (the flap) or "library" */
  GtkToggleButton *library_button;
  TdLibraryView *library_view;

  /* owned */
  TdDocument *document;
  TdRecovery *recovery;
  GSettings *settings;       /* NULL when the schema is not installed */
  char *form_scope;          /* the scope the form shows, once built */
  GBinding *undo_binding;
  GBinding *redo_binding;

  /* borrowed */
  GtkWidget *form;
  GtkWidget *confirm_dialog;
  AdwToast *delete_toast;
  GWeakRef last_form_focus;  /* where F6 and Enter bring her back */

  guint layout_source;       /* the header bar follows the panes' folding */

  gboolean deleting;
  gboolean flap_was_folded;
  gboolean close_confirmed;
  gboolean was_mapped;
  gboolean recovery_warned;
  gboolean syncing_preview_button;
  gboolean library_new;      /* an untitled issue of the library: Save puts it in
                              * a new folder of its month without asking */
};

/* td-window.c */
GSimpleAction *_td_window_lookup_action      (TdWindow            *self,
                                              const char          *name);
void           _td_window_show_message       (TdWindow            *self,
                                              const char          *heading,
                                              const char          *body,
                                              const char          *details);
char          *_td_window_dup_document_name  (TdWindow            *self);
char          *_td_window_dup_display_name   (GFile               *file);
void           _td_window_update_title       (TdWindow            *self);
void           _td_window_update_section_actions (TdWindow        *self);
/* Builds the form of what the outline selects (force: even before the
 * window is shown). */
void           _td_window_show_form          (TdWindow            *self,
                                              gboolean             force);

/* td-window-actions.c */
void           _td_window_actions_init       (TdWindow            *self);
/* The undo toast of a deletion is only right until the next change. */
void           _td_window_dismiss_delete_toast (TdWindow          *self);

/* td-window-files.c */
void           _td_window_files_init         (TdWindow            *self);
/* Remembers the file: recent files, and the one to open next time. */
void           _td_window_remember_file      (TdWindow            *self);
/* Opens file here after asking about unsaved changes, or shows the window
 * that has it open already. */
void           _td_window_open_file          (TdWindow            *self,
                                              GFile               *file);
/* Saves to file (NULL: the issue's own file, asking for one when it has
 * none) -- what Save and Save As do once a file is chosen. */
void           _td_window_save_async         (TdWindow            *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       _td_window_save_finish        (TdWindow            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Resolves to TRUE when the issue may be dropped: nothing unsaved, saved
 * now, or discarded. */
void           _td_window_confirm_unsaved_async  (TdWindow            *self,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       _td_window_confirm_unsaved_finish (TdWindow            *self,
                                                  GAsyncResult        *result);

/* td-window-focus.c */
void           _td_window_focus_init         (TdWindow            *self);
/* Tab and Shift+Tab through the panes: TRUE when the focus moved. */
gboolean       _td_window_focus              (TdWindow            *self,
                                              GtkDirectionType     direction);

/* td-window-dnd.c */
void           _td_window_dnd_init           (TdWindow            *self);

/* td-window-library.c */
void           _td_window_library_init       (TdWindow            *self);
/* The library folder: the setting, else ~/Documents/Newsletter. */
char          *_td_window_dup_library_folder (TdWindow            *self);
gboolean       _td_window_library_shown      (TdWindow            *self);
void           _td_window_hide_library       (TdWindow            *self);
/* The header bar's buttons for the editor or the library. */
void           _td_window_update_library_header (TdWindow         *self);
/* Where Save puts an untitled issue of the library (a new folder of its
 * month, made), or NULL (and no error) when it isn't one. */
GFile         *_td_window_dup_library_save_file (TdWindow         *self,
                                                 GError          **error);
/* After loading: an issue the document portal shows alone gets the
 * one-click request for its folder. TRUE when it was asked. */
gboolean       _td_window_check_folder_access (TdWindow           *self);

/* For tests */
TdLibraryView *_td_window_get_library_view   (TdWindow            *self);
TdOutline     *_td_window_get_outline        (TdWindow            *self);
GtkWidget     *_td_window_get_form           (TdWindow            *self);
const char    *_td_window_get_selection      (TdWindow            *self);
TdRecovery    *_td_window_get_recovery       (TdWindow            *self);
AdwBin        *_td_window_get_preview_slot   (TdWindow            *self);

G_END_DECLS
