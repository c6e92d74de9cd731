/* td-progress-relay.c: progress from a worker thread, to the caller's loop */

#include "config.h"

#include <string.h>

#include "td-progress-relay.h"

typedef void (*ReportFunc) (gconstpointer report,
                            gpointer      user_data);

typedef struct
{
  ReportFunc func;
  gpointer   func_data;
  char      *string;     /* the copied string the report points to */
  gpointer   report;
} Call;

static void
call_free (Call *call)
{
  g_free (call->string);
  g_free (call->report);
  g_free (call);
}

static gboolean
deliver_cb (gpointer user_data)
{
  Call *call = user_data;

  call->func (call->report, call->func_data);
  return G_SOURCE_REMOVE;
}

void
td_progress_relay (GMainContext  *context,
                   gconstpointer  report,
                   gsize          size,
                   gsize          string_offset,
                   GCallback      func,
                   gpointer       func_data)
{
  Call *call = g_new0 (Call, 1);
  const char *string;

  g_return_if_fail (string_offset + sizeof (const char *) <= size);

  call->func = (ReportFunc) func;
  call->func_data = func_data;
  call->report = g_memdup2 (report, size);
  memcpy (&string, (const char *) report + string_offset, sizeof string);
  call->string = g_strdup (string);
  memcpy ((char *) call->report + string_offset, &call->string, sizeof call->string);
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, deliver_cb, call,
                              (GDestroyNotify) call_free);
}
