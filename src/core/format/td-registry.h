/* td-registry.h: the one description of the .tidings format
 *
 * Every object of an issue -- the practice profile, the issue settings and
 * each section type -- is declared here as a list of fields. The loader
 * validates from it, the writer orders keys by it, the editor builds its forms
 * from it and the renderers read the fields it names. Adding a section type
 * touches this registry plus one renderer per format.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_FORMAT_NAME    "tidings-issue"
#define TD_FORMAT_VERSION 1

typedef enum
{
  TD_FIELD_TEXT,            /* one line of text */
  TD_FIELD_MULTILINE,       /* plain text whose line breaks matter (an address) */
  TD_FIELD_MARKDOWN,        /* a body: paragraphs, emphasis, links, lists */
  TD_FIELD_URL,             /* https:, http: or mailto: */
  TD_FIELD_VIDEO_URL,       /* https: link to a video page (YouTube, Vimeo) */
  TD_FIELD_UNSUBSCRIBE_URL, /* a URL or a mailing-service merge tag, kept verbatim */
  TD_FIELD_PHONE,
  TD_FIELD_EMAIL,
  TD_FIELD_COLOR,           /* #rgb or #rrggbb */
  TD_FIELD_DATE,            /* YYYY-MM or YYYY-MM-DD: a month, picked by name */
  TD_FIELD_DAY,             /* YYYY-MM-DD (or YYYY-MM), typed: an optional day */
  TD_FIELD_LANGUAGE,        /* a BCP 47 tag such as "en" or "es-MX" */
  TD_FIELD_BOOLEAN,
  TD_FIELD_INTEGER,
  TD_FIELD_IMAGE_PATH,      /* a path relative to the issue file: "images/logo.png" */
  TD_FIELD_IMAGE,           /* { src, alt } */
  TD_FIELD_VIDEO,           /* { url, thumbnail, caption } */
  TD_FIELD_LINK,            /* { label, url } */
  TD_FIELD_LIST,            /* an array of objects, each described by fields */
  TD_FIELD_GROUP,           /* an object described by fields: the practice, the issue */
} TdFieldKind;

typedef enum
{
  TD_FIELD_FLAG_NONE     = 0,
  /* Must be present. Empty text is allowed anywhere: whatever the editor can
   * save must load again; completeness is for the pre-send checks. */
  TD_FIELD_FLAG_REQUIRED = 1 << 0,
  /* A boolean that reads as true when absent. */
  TD_FIELD_FLAG_DEFAULT_TRUE = 1 << 1,
} TdFieldFlags;

typedef struct _TdFieldSpec TdFieldSpec;

struct _TdFieldSpec
{
  const char        *key;
  TdFieldKind        kind;
  TdFieldFlags       flags;
  const char        *label;        /* N_() -- translate with _() when shown */
  const char        *placeholder;  /* N_() or NULL */
  const char        *tooltip;      /* N_() or NULL */
  const TdFieldSpec *fields;       /* members of an IMAGE, VIDEO, LINK or LIST item */
};

typedef struct
{
  const char        *type;          /* the "type" value in the file */
  const char        *name;          /* N_() -- "Article" */
  const char        *icon_name;     /* symbolic icon for the outline */
  const char        *title_key;     /* field shown as the section's short title */
  const char        *default_title; /* N_() or NULL: title of a new section */
  const TdFieldSpec *fields;        /* without the common "id" and "type" */
} TdSectionType;

/* Field lists end with an entry whose key is NULL. */
const TdFieldSpec   *td_registry_get_document_fields (void);
const TdFieldSpec   *td_registry_get_practice_fields (void);
const TdFieldSpec   *td_registry_get_issue_fields    (void);
const TdFieldSpec   *td_registry_get_section_common_fields (void);

const TdSectionType *td_registry_get_section_types   (guint *n_types);
const TdSectionType *td_registry_lookup_section_type (const char *type);

const TdFieldSpec   *td_field_spec_find              (const TdFieldSpec *fields,
                                                      const char        *key);
gboolean             td_field_kind_is_object         (TdFieldKind kind);
gboolean             td_field_kind_is_string         (TdFieldKind kind);
gsize                td_field_kind_max_length        (TdFieldKind kind);

/* Called for each field of a list of fields, present or not, with its JSON
 * path and the object holding it; returns whether to go into the field's
 * own fields (an object's, or each item's of a list). */
typedef gboolean   (*TdFieldVisitor)                  (const char        *path,
                                                       JsonObject        *object,
                                                       const TdFieldSpec *spec,
                                                       gpointer           user_data);

/* Visits @fields of @object (at @path), depth first, in the registry's
 * order: what the checks and the spelling walk over. */
void                 td_registry_walk                (JsonObject        *object,
                                                       const char        *path,
                                                       const TdFieldSpec *fields,
                                                       TdFieldVisitor     visit,
                                                       gpointer           user_data);

G_END_DECLS
