/* td-send-test.h: the issue's .eml, sent to one address to look at
 *
 * What she checks before handing the issue to her readers: the message as
 * exported (pictures inside as cid: parts when the issue has no web
 * address), To: her own address, over SMTP with TLS.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-smtp.h"

G_BEGIN_DECLS

typedef struct
{
  TdSmtpOptions smtp;
  const char   *to;     /* the one recipient */
  gint64        date;   /* Unix time of the Date header */
} TdSendTestOptions;

/* Renders and sends; blocks (the command line, a worker thread). The
 * envelope sender is the SMTP user when it is an address (servers such
 * as Gmail's insist), else the practice's email. */
gboolean td_send_test        (JsonNode                *root,
                              const char              *base_dir,
                              const TdSendTestOptions *options,
                              GCancellable            *cancellable,
                              GError                 **error);

/* The same in a worker thread, on copies of @root and @options: the
 * caller may edit the issue and free the options at once. */
void     td_send_test_async  (JsonNode                *root,
                              const char              *base_dir,
                              const TdSendTestOptions *options,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data);
gboolean td_send_test_finish (GAsyncResult            *result,
                              GError                 **error);

G_END_DECLS
