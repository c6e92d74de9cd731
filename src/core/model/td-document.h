/* td-document.h: an open issue and the one way to change it
 *
 * Every change goes through a command (set a field, insert, remove or move a
 * list item) so that undo/redo, the modified flag, autosave and the preview
 * all follow one signal: ::changed.
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

/* Saves to file (NULL: the document's own file). Refuses to overwrite a
 * file changed on disk since it was loaded unless force is TRUE. */
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

/* Copies a picture into the images/ folder (created if needed)
 * under a free name derived from its own, and returns its path relative to
 * the issue ("images/photo-2.jpg"); a picture already in that folder is not
 * copied. Only PNG, JPEG and GIF up to 20 MB. Does not change the document:
 * the caller sets the field (one undo step). */
char       *td_document_import_image     (TdDocument    *self,
                                          GFile         *source,
                                          GError       **error);
/* The same for picture data, such as a pasted image (PNG bytes). */
char       *td_document_import_image_bytes (TdDocument  *self,
                                            GBytes      *bytes,
                                            const char  *name_hint,
                                            GError     **error);

/* An id no section has yet, derived from type: "article-2". */
char       *td_document_new_section_id   (TdDocument    *self,
                                          const char    *type);

G_END_DECLS
