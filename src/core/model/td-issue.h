/* td-issue.h: queries and builders over an issue's tree, through the registry
 *
 * Plain functions of a JSON tree (a document's root, or a copy of one), so
 * that the editor, the recovery diff, Save As and the exports agree on what
 * a section is called, which pictures an issue uses and what a new section
 * holds.
 *
 * A scope names one object of an issue the way the editor shows it: the
 * practice profile, the issue settings, or a section by its id -- so that
 * the name survives moves, inserts and undo, where "sections[3]" would not.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"
#include "td-registry.h"

G_BEGIN_DECLS

#define TD_SCOPE_PRACTICE       "practice"
#define TD_SCOPE_ISSUE          "issue"
#define TD_SCOPE_SECTION_PREFIX "section/"

/* "section/ID" */
char        *td_scope_for_section       (const char *id);
/* The section id of a "section/ID" scope, or NULL for another scope. */
const char  *td_scope_get_section_id    (const char *scope);

/* The absolute path of scope's object ("practice", "sections[3]"), or NULL
 * when it names no section of root. */
char        *td_issue_scope_path        (JsonNode   *root,
                                         const char *scope);
/* The absolute path of key_path ("items[0].url", or "" for the object
 * itself) inside scope's object, or NULL when the scope is gone. */
char        *td_issue_field_path        (JsonNode   *root,
                                         const char *scope,
                                         const char *key_path);
/* The text of that field, or "" when it, or its object, is missing. */
const char  *td_issue_get_field_string  (JsonNode   *root,
                                         const char *scope,
                                         const char *key_path);
/* The scope path lies in, or NULL (a path outside the practice, the issue
 * settings and the sections); *key_path (if not NULL) receives the rest of
 * the path, relative to the scope's object ("items[0].url", or ""). */
char        *td_issue_scope_for_path    (JsonNode   *root,
                                         const char *path,
                                         char      **key_path);

/* The sections; NULL/0 when the tree has none. */
JsonArray   *td_issue_get_sections      (JsonNode   *root);
guint        td_issue_get_n_sections    (JsonNode   *root);
/* The section at index, or NULL (out of range, or not an object). */
JsonObject  *td_issue_get_section       (JsonNode   *root,
                                         guint       index);
/* The index of the section with this id, or -1. */
int          td_issue_find_section      (JsonNode   *root,
                                         const char *id);
/* The section ids in order (NULL-terminated); a section without one
 * counts as "". */
GStrv        td_issue_dup_section_ids   (JsonNode   *root);

/* The short title shown for a section: its title field, or its type's
 * default title, or its type's name (its id for an unknown type).
 * Translated. */
char        *td_section_dup_title       (JsonObject *section);
/* A section named for people: "Article “Why…”", or "Footer" when the title
 * is just the type's name. Translated. */
char        *td_section_dup_label       (JsonObject *section);
/* A path as people read it: "sections[1].image.alt" → "Article “Why…” ›
 * Picture › Description". Translated. */
char        *td_issue_describe_path     (JsonNode   *root,
                                         const char *path);

/* The picture paths (relative to the issue's folder) every picture field
 * of the issue names, in document order, without duplicates or empty
 * strings: what Save As takes along. Fields of unknown section types are
 * not known to hold pictures and are not listed. */
GPtrArray   *td_issue_list_pictures     (JsonNode   *root);

/* A new, empty value for a field: "" for text, FALSE, 0, [] for lists, and
 * for objects the members the registry requires, each new and empty. */
JsonNode    *td_field_new_value         (const TdFieldSpec *spec);
/* An object of fields with the required ones, new and empty: a new list
 * item. */
JsonNode    *td_fields_new_object       (const TdFieldSpec *fields);

/* An id no section of root has yet, derived from type: "article-2". */
char        *td_issue_new_section_id    (JsonNode   *root,
                                         const char *type);
/* A new section of type for root: a fresh id, the required fields and the
 * type's default title (translated). */
JsonNode    *td_issue_new_section       (JsonNode            *root,
                                         const TdSectionType *type);
/* A blank issue: an empty profile, a masthead and a footer. */
JsonNode    *td_issue_new_blank         (void);

G_END_DECLS
