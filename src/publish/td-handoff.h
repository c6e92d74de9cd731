/* td-handoff.h: the issue handed to a mailing service as a draft
 *
 * The pictures the email shows are uploaded to the service first (those
 * already there, unchanged, are kept), the HTML is pointed at the hosted
 * copies, then the draft is created -- or, when the issue records one
 * (its "delivery" member), updated. Nothing is ever sent or scheduled:
 * she reviews the draft in the service and sends it from there.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-document.h"

G_BEGIN_DECLS

typedef enum
{
  TD_SERVICE_MAILCHIMP,
  TD_SERVICE_BUTTONDOWN,
} TdService;

/* "mailchimp", "buttondown": the CLI's --service and the "delivery" key. */
const char *td_service_to_string   (TdService   service);
gboolean    td_service_from_string (const char *name,
                                    TdService  *service);
/* "Mailchimp": for people. */
const char *td_service_get_title   (TdService   service);

/* FALSE (TD_PUBLISH_ERROR_INVALID) unless @url can be an API address:
 * https://, or http:// to this machine only (the tests' stand-ins). */
gboolean    td_handoff_check_api_base (const char  *url,
                                       GError     **error);

typedef struct
{
  TdService   service;
  const char *api_key;   /* from the keyring or $TIDINGS_API_KEY, never argv */
  const char *api_base;  /* NULL: the service's own API */
  const char *ca_file;   /* NULL: the system's certificates */
  guint       timeout;   /* seconds without progress; 0: the default */
  guint       max_wait;  /* the longest Retry-After honoured (s); 0: 60 */
} TdHandoffOptions;

typedef enum
{
  TD_HANDOFF_UPLOADING,   /* picture index of n_pictures is being uploaded */
  TD_HANDOFF_KEPT,        /* picture index is already hosted, unchanged */
  TD_HANDOFF_WAITING,     /* the service asked to wait wait_seconds */
  TD_HANDOFF_SAVING,      /* the draft is being created or updated */
} TdHandoffStage;

typedef struct
{
  TdHandoffStage  stage;
  guint           index;        /* from 0 */
  guint           n_pictures;
  const char     *src;          /* the picture's path in the issue */
  guint           wait_seconds;
} TdHandoffProgress;

typedef void (*TdHandoffProgressFunc) (const TdHandoffProgress *progress,
                                       gpointer                 user_data);

typedef struct _TdHandoffResult TdHandoffResult;

TdService   td_handoff_result_get_service  (const TdHandoffResult *result);
/* The draft's id in the service, and where it opens (may be NULL). */
const char *td_handoff_result_get_id       (const TdHandoffResult *result);
const char *td_handoff_result_get_url      (const TdHandoffResult *result);
/* TRUE when a new draft was made, FALSE when the recorded one was updated. */
gboolean    td_handoff_result_get_created  (const TdHandoffResult *result);
guint       td_handoff_result_get_uploaded (const TdHandoffResult *result);
guint       td_handoff_result_get_kept     (const TdHandoffResult *result);
/* The new value of "delivery.<service>" in the issue. */
JsonNode   *td_handoff_result_get_record   (const TdHandoffResult *result);
/* What to fix in the draft before sending it, or NULL: the issue's
 * unsubscribe link is another service's merge tag. Translated. */
const char *td_handoff_result_get_warning  (const TdHandoffResult *result);
void        td_handoff_result_free         (TdHandoffResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdHandoffResult, td_handoff_result_free)

/* Blocks (the command line, a worker thread); @progress is called on the
 * calling thread. */
TdHandoffResult *td_handoff        (JsonNode                *root,
                                    const char              *base_dir,
                                    const TdHandoffOptions  *options,
                                    TdHandoffProgressFunc    progress,
                                    gpointer                 progress_data,
                                    GCancellable            *cancellable,
                                    GError                 **error);

/* The same in a worker thread, on copies; @progress is called in the
 * thread-default main context of the caller. */
void             td_handoff_async  (JsonNode                *root,
                                    const char              *base_dir,
                                    const TdHandoffOptions  *options,
                                    TdHandoffProgressFunc    progress,
                                    gpointer                 progress_data,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data);
TdHandoffResult *td_handoff_finish (GAsyncResult            *result,
                                    GError                 **error);

/* Records the result in the document ("delivery.<service>", one undo
 * step), so that the next hand-off updates the same draft. */
void             td_handoff_record (TdDocument              *document,
                                    const TdHandoffResult   *result);

G_END_DECLS
