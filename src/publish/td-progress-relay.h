/* td-progress-relay.h: progress from a worker thread, to the caller's loop
 *
 * Private to src/publish. The _async forms run in a worker thread and
 * report to the main context of whoever started them: each report is
 * copied (with the one string it points to) and delivered there, in order.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Calls @func (copy, @func_data) in @context, where copy is a copy of the
 * @size bytes at @report whose member at @string_offset (a const char *,
 * may be NULL) is copied too. @func has the shape
 * void (*) (const Report *, gpointer). */
void td_progress_relay (GMainContext  *context,
                        gconstpointer  report,
                        gsize          size,
                        gsize          string_offset,
                        GCallback      func,
                        gpointer       func_data);

G_END_DECLS
