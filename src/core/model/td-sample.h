/* td-sample.h: the bundled sample issue, opened as an untitled copy */
#pragma once

#include "td-core.h"
#include "td-diagnostic.h"
#include "td-document.h"

G_BEGIN_DECLS

/* The sample issue's folder: $TIDINGS_SAMPLE_DIR (an uninstalled run, the
 * tests), else the installed copy. */
char       *td_sample_dup_dir     (void);

/* The sample as an untitled document: saving asks where, so the sample
 * stays as it is. Its pictures are copied to a new draft folder of the
 * user's ($XDG_DATA_HOME/tidings/drafts/…), the document's base dir, so
 * that pictures added before the first save have somewhere to go other
 * than the (possibly read-only) installed sample. NULL, with the reasons
 * in diags, when the sample can't be loaded. */
TdDocument *td_sample_open_copy   (TdDiagnostics *diags);

G_END_DECLS
