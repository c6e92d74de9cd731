/* td-document.h: an open issue and the one way to change it
 *
 * Every change goes through a command (set a field, insert, remove or move a
 * list item) so that undo/redo, the modified flag, autosave and the preview
 * all follow the same signals: ::changed after every change, and before it
 * what changed, by scope and section id (::field-changed,
 * ::section-inserted, ::section-removed, ::section-moved).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-core.h"
#include "td-diagnostic.h"

G_BEGIN_DECLS

#define TD_TYPE_DOCUMENT (td_document_get_type ())

G_DECLARE_FINAL_TYPE (TdDocument, td_document, TD, DOCUMENT, GObject)

typedef enum
{
  TD_EDIT_NONE  = 0,
  /* Typing: merges with the previous edit of the same field into one undo
   * step, until td_document_seal_undo() or a pause. */
  TD_EDIT_MERGE = 1 << 0,
} TdEditFlags;

TdDocument *td_document_new              (void);
TdDocument *td_document_new_from_root    (JsonNode      *root);
TdDocument *td_document_new_from_file    (GFile         *file,
                                          TdDiagnostics *diags);

/* The document tree; borrowed and read-only: change it through commands. */
JsonNode   *td_document_get_root         (TdDocument    *self);
GFile      *td_document_get_file         (TdDocument    *self);
/* The folder pictures are relative to (the "base-dir" property): the
 * file's folder, or for an untitled document the folder given with
 * td_document_set_base_dir() (a draft folder); NULL when there is none. */
const char *td_document_get_base_dir     (TdDocument    *self);
/* Only for an untitled document: a saved one's pictures are beside it. */
void        td_document_set_base_dir     (TdDocument    *self,
                                          const char    *base_dir);
gboolean    td_document_get_modified     (TdDocument    *self);
guint       td_document_get_from_version (TdDocument    *self);

typedef enum
{
  TD_SAVE_FLAGS_NONE             = 0,
  /* Overwrite the file even if another program changed it since it was
   * loaded (else: TD_SAVE_ERROR_CHANGED_ON_DISK). */
  TD_SAVE_FLAGS_OVERWRITE        = 1 << 0,
  /* Saving into another folder: replace different pictures of the same
   * names there, or keep them (else: TD_SAVE_ERROR_PICTURES). */
  TD_SAVE_FLAGS_REPLACE_PICTURES = 1 << 1,
  TD_SAVE_FLAGS_KEEP_PICTURES    = 1 << 2,
} TdSaveFlags;

/* Saves to file (NULL: the document's own file), in a worker thread, from
 * a copy of the tree: editing may go on meanwhile. Into another folder,
 * the pictures the issue uses are copied to it first. One save at a time
 * (else G_IO_ERROR_PENDING). Errors: TD_SAVE_ERROR (td-issue-saver.h). */
void        td_document_save_async       (TdDocument          *self,
                                          GFile               *file,
                                          TdSaveFlags          flags,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* conflicts (may be NULL): after TD_SAVE_ERROR_PICTURES, the pictures in
 * the way, relative to the folder; otherwise NULL. */
gboolean    td_document_save_finish      (TdDocument          *self,
                                          GAsyncResult        *result,
                                          GStrv               *conflicts,
                                          GError             **error);
/* The same on the caller's thread (the command line, tests); force is
 * TD_SAVE_FLAGS_OVERWRITE. */
gboolean    td_document_save             (TdDocument    *self,
                                          GFile         *file,
                                          gboolean       force,
                                          GError       **error);

/* Commands. Paths are JSON paths such as "sections[2].items[0].url".
 * td_document_set() creates missing parent objects; value NULL removes the
 * member. The document takes a copy of value. */
void        td_document_set              (TdDocument    *self,
                                          const char    *path,
                                          JsonNode      *value,
                                          TdEditFlags    flags);
void        td_document_set_string       (TdDocument    *self,
                                          const char    *path,
                                          const char    *value,
                                          TdEditFlags    flags);
void        td_document_set_boolean      (TdDocument    *self,
                                          const char    *path,
                                          gboolean       value);
gboolean    td_document_insert           (TdDocument    *self,
                                          const char    *array_path,
                                          guint          index,
                                          JsonNode      *value);
gboolean    td_document_remove           (TdDocument    *self,
                                          const char    *array_path,
                                          guint          index);
gboolean    td_document_move             (TdDocument    *self,
                                          const char    *array_path,
                                          guint          from,
                                          guint          to);

/* Several commands as one undo step. */
void        td_document_begin_group      (TdDocument    *self);
void        td_document_end_group        (TdDocument    *self);

gboolean    td_document_can_undo         (TdDocument    *self);
gboolean    td_document_can_redo         (TdDocument    *self);
gboolean    td_document_undo             (TdDocument    *self);
gboolean    td_document_redo             (TdDocument    *self);
/* Ends merging of typing into the current undo step (focus change, etc.). */
void        td_document_seal_undo        (TdDocument    *self);

/* Adding a picture (td-document-pictures.c). The picture is decoded,
 * turned upright, scaled down to TD_PICTURE_IMPORT_LONG_EDGE and stored
 * again without metadata (td-picture-convert.h), under a free name derived
 * from its own ("IMG_4821.JPG" -> "images/img-4821.jpg") or from
 * @name_hint; the same picture already in the images/ is used
 * again. It waits in the document's draft area until Save copies it into
 * the folder: nothing is written there before. Returns its path
 * relative to the issue; does not change the document: the caller sets
 * the field (one undo step). */
typedef void (*TdPictureProgressFunc) (double   fraction,
                                       gpointer user_data);

/* In a worker thread; @progress (may be NULL) is called on the caller's
 * main context with fractions from 0 to 1. One of @source and @bytes. */
void        td_document_import_picture_async  (TdDocument            *self,
                                               GFile                 *source,
                                               GBytes                *bytes,
                                               const char            *name_hint,
                                               TdPictureProgressFunc  progress,
                                               gpointer               progress_data,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
char       *td_document_import_picture_finish (TdDocument            *self,
                                               GAsyncResult          *result,
                                               GError               **error);
/* The same, blocking (the command line, tests). */
char       *td_document_import_image     (TdDocument    *self,
                                          GFile         *source,
                                          GError       **error);
char       *td_document_import_image_bytes (TdDocument  *self,
                                            GBytes      *bytes,
                                            const char  *name_hint,
                                            GError     **error);

/* The draft area while pictures wait in it for Save, else NULL. */
const char *td_document_get_draft_dir    (TdDocument    *self);
/* The folder the picture at @relative is read from: the draft area for a
 * picture added since the last save, else the folder. */
const char *td_document_get_picture_dir  (TdDocument    *self,
                                          const char    *relative);

/* A picture made smaller: what it was and what it is. */
typedef struct
{
  char   *src;           /* as the issue named it */
  char   *new_src;       /* as it names it now */
  guint64 bytes_before;
  guint64 bytes_after;
  guint   width_before;  /* upright */
  guint   height_before;
  guint   width_after;
  guint   height_after;
} TdPictureRewrite;

void        td_picture_rewrite_free      (TdPictureRewrite *rewrite);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPictureRewrite, td_picture_rewrite_free)

/* Stores the pictures again as an import would (upright, at most
 * 2,400 px, without metadata): all it uses, or only @only. With
 * @in_place (the command line) the original is first copied to
 * $XDG_DATA_HOME/tidings/backups/pictures/, then a picture whose format
 * stays is replaced atomically under its name, and one whose format
 * changes ("x.png" -> "x.jpg") gets a free name beside it. Without (the
 * app's Make Smaller) the new picture waits in the draft area until Save,
 * under a free name, and the original is left alone. The fields naming a
 * renamed picture are changed in one undo step. @unreferenced (may
 * be NULL) gets the files of images/ that the issue does not use, left
 * alone. Returns the TdPictureRewrite of each picture, or NULL with
 * @error (naming the picture) at the first that fails. */
GPtrArray  *td_document_make_pictures_smaller (TdDocument  *self,
                                               const char  *only,
                                               gboolean     in_place,
                                               GStrv       *unreferenced,
                                               GError     **error);

/* $XDG_CACHE_HOME/tidings/drafts (or $TIDINGS_DRAFTS_DIR), where the
 * documents' draft areas are. */
char       *td_picture_drafts_dir        (void);
/* Removes the draft areas no living document owns (left by a crash);
 * returns how many. Called once at start-up. */
guint       td_picture_drafts_clean_orphans (void);
/* A pasted picture's name: "article-2026-12-03" from the section's type
 * and the day. */
char       *td_picture_name_for_paste    (const char    *section,
                                          GDateTime     *when);

G_END_DECLS
