/* td-issue-validator.h: checking a parsed issue against the registry */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"
#include "td-diagnostic.h"
#include "td-registry.h"

G_BEGIN_DECLS

/* Reports every structural problem of a version-1 document into diags, each
 * named by its JSON path. base_dir is the folder of the issue file, used to
 * check that images exist and are images; NULL skips those checks. */
void     td_issue_validate        (JsonNode      *root,
                                   const char    *base_dir,
                                   TdDiagnostics *diags);

/* Checks one string value of the given kind, as the loader does and as the
 * editor does while the user types. On failure returns FALSE and sets
 * *message to a translated explanation. An empty value is valid here
 * (optional fields may be empty); required fields are the caller's concern. */
gboolean td_field_check_string    (TdFieldKind  kind,
                                   const char  *value,
                                   char       **message);

/* Whether path (relative to the issue's folder) may be used as an image:
 * relative, made of plain names inside the folder, with an image
 * extension. The loader, the renderers and the export all ask this one
 * function. message may be NULL. */
gboolean td_image_path_is_safe    (const char  *path,
                                   char       **message);

gboolean td_section_id_is_valid   (const char  *id);

G_END_DECLS
