/* td-read-limited.c: reading a whole stream, up to a limit */

#include "config.h"

#include <glib/gi18n.h>

#include "td-read-limited.h"

#define CHUNK_SIZE (64 * 1024)

GBytes *
td_read_limited (GInputStream  *stream,
                 gsize          limit,
                 GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (CHUNK_SIZE);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (limit < G_MAXUINT - CHUNK_SIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, CHUNK_SIZE, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
      if (buffer->len > limit)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("it is larger than %zu bytes"), limit);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
