/* td-folder-request.h: asking for a folder the sandbox can't see
 *
 * Inside the Flatpak, an issue opened through the file chooser comes alone
 * and its pictures are out of reach (td-folder-access.h). This asks her,
 * with one button, to grant the issue's folder through the folder chooser
 * (the file-chooser portal, which shares a chosen folder whole and for
 * good), then finds the issue there: the window opens it again from there,
 * with its pictures. The same chooser grants the library folder, once,
 * remembered in the "library-folder" setting.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Explains what is out of reach (@n_pictures of @issue's pictures) and
 * offers the folder chooser. */
void   td_folder_request_async          (GtkWindow            *parent,
                                         GFile                *issue,
                                         guint                 n_pictures,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* The issue in the folder she granted, to open again; NULL with
 * G_IO_ERROR_CANCELLED when she said not now, or another error (a message
 * to show) when the folder she chose doesn't hold the issue. */
GFile *td_folder_request_finish         (GAsyncResult         *result,
                                         GError              **error);

/* Save As chose @file, a file the document portal shows alone: its
 * @n_pictures pictures can't go beside it. Explains, and offers the folder
 * chooser; the result is the file of the same name in the chosen folder,
 * to save to instead (NULL with G_IO_ERROR_CANCELLED when she cancelled). */
void   td_folder_request_save_async     (GtkWindow            *parent,
                                         GFile                *file,
                                         guint                 n_pictures,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer             user_data);
GFile *td_folder_request_save_finish    (GAsyncResult         *result,
                                         GError              **error);

/* The folder chooser for the library folder, stored in the
 * "library-folder" setting when she picks one. */
void   td_folder_request_library_async  (GtkWindow            *parent,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GFile *td_folder_request_library_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
