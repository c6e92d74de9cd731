/* td-read-limited.h: reading a whole stream, up to a limit
 *
 * The issue file and its pictures come from other people; a file that
 * claims to be small may grow while it is read, or be a device that never
 * ends. Both are read through this, which stops one chunk past the limit.
 */
#pragma once

#include <gio/gio.h>

#include "td-core.h"

G_BEGIN_DECLS

/* The stream's bytes until its end. More than limit bytes is an error,
 * G_IO_ERROR_MESSAGE_TOO_LARGE, found after reading at most about limit
 * plus 64 KiB. Other errors are the stream's. */
GBytes *td_read_limited (GInputStream  *stream,
                         gsize          limit,
                         GError       **error);

G_END_DECLS
