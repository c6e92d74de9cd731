/* td-handoff-private.h: what the hand-off shares with each service
 *
 * td-handoff.c does what every service needs (which pictures, which are
 * already hosted, the HTML with hosted URLs, the record); td-mailchimp.c
 * and td-buttondown.c talk to one API each through a TdServiceClass.
 */
#pragma once

#include "td-handoff.h"
#include "td-http.h"

G_BEGIN_DECLS

typedef struct _TdHandoffJob TdHandoffJob;

struct _TdHandoffJob
{
  const TdHandoffOptions *options;
  JsonNode               *root;
  JsonObject             *previous;   /* "delivery.<service>" as recorded, or NULL */
  TdHttpClient            http;
  char                   *account;    /* the service's own data: Mailchimp's data centre */

  /* the draft, once saved */
  char                   *id;
  char                   *url;
  gboolean                created;
};

typedef struct
{
  /* Fills job->http (base, authorization) and checks what the service
   * needs of the issue before anything is uploaded. */
  gboolean (*prepare)        (TdHandoffJob  *job,
                              GError       **error);
  /* Uploads one picture; returns where it is hosted and its id. */
  gboolean (*upload_picture) (TdHandoffJob  *job,
                              const char    *name,
                              const char    *mime_type,
                              GBytes        *data,
                              char         **url,
                              char         **id,
                              GError       **error);
  /* Creates the draft or updates job->previous's; sets id, url, created. */
  gboolean (*save_draft)     (TdHandoffJob  *job,
                              const char    *html,
                              const char    *text,
                              GError       **error);
} TdServiceClass;

extern const TdServiceClass td_mailchimp_class;
extern const TdServiceClass td_buttondown_class;

/* The issue's subject (its title when it has none), preheader, title. */
const char *_td_handoff_get_issue_string    (TdHandoffJob *job,
                                             const char   *key);
const char *_td_handoff_get_practice_string (TdHandoffJob *job,
                                             const char   *key);
/* The recorded draft's id, or NULL. */
const char *_td_handoff_get_previous_id     (TdHandoffJob *job);
/* GETs @path, the recorded draft, and says what to do with it: its answer
 * when its status is one of @editable (update it); NULL without an error
 * when it is gone (404) or its status is one of @finished (make a new
 * draft); NULL with TD_PUBLISH_ERROR_NOT_A_DRAFT otherwise (scheduled or
 * being sent: leave it alone). */
JsonNode   *_td_handoff_get_recorded        (TdHandoffJob       *job,
                                             const char         *path,
                                             const char * const *editable,
                                             const char * const *finished,
                                             GError            **error);
/* A string member of an API's answer, or NULL; numbers are written out. */
char       *_td_handoff_dup_member          (JsonNode     *answer,
                                             const char   *key);

G_END_DECLS
