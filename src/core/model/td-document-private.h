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

G_END_DECLS
