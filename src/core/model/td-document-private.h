/* td-document-private.h: what the document's own files share */
#pragma once

#include "td-document.h"

G_BEGIN_DECLS

const char *_td_document_get_etag   (TdDocument *self);
/* Seals the undo step being typed and returns the serial of the state
 * about to be saved. */
guint64     _td_document_begin_save (TdDocument *self);
/* The state with that serial is now in file, whose etag is this. */
void        _td_document_saved      (TdDocument *self,
                                     GFile      *file,
                                     const char *etag,
                                     guint64     serial);

/* The pictures waiting in the draft area: "images/x.jpg" -> its file
 * there (a copy, for a save in a worker thread). */
GHashTable *_td_document_copy_drafts  (TdDocument *self);
/* Those pictures of @saved are in the folder now. */
void        _td_document_drafts_saved (TdDocument *self,
                                       GHashTable *saved);

G_END_DECLS
