/* fuzz-image-info.c: reading a picture's format and size from its header
 *
 * Properties: it never reads past the bytes it is given (ASan), a size it
 * reports is never zero, and reading the same bytes from a stream, a little
 * at a time as files are read, gives the same answer.
 */

#include "config.h"

#include <gio/gio.h>

#include "td-fuzz.h"
#include "td-image-info.h"

/* td-image-info.c reads at most this much of a stream. */
#define MAX_HEADER_BYTES (256 * 1024)

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  TdImageInfo from_bytes, from_stream;
  gboolean ok, stream_ok;

  ok = td_image_info_from_bytes (data, size, &from_bytes);
  TD_FUZZ_CHECK (!ok || (from_bytes.width > 0 && from_bytes.height > 0 &&
                         from_bytes.format != TD_IMAGE_FORMAT_UNKNOWN));
  TD_FUZZ_CHECK (ok || from_bytes.format == TD_IMAGE_FORMAT_UNKNOWN);

  stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  stream_ok = td_image_info_from_stream (stream, "fuzz.png", &from_stream, &error);
  TD_FUZZ_CHECK (stream_ok == (error == NULL));
  if (size <= MAX_HEADER_BYTES)
    {
      TD_FUZZ_CHECK (stream_ok == ok);
      TD_FUZZ_CHECK (!ok || (from_stream.format == from_bytes.format &&
                             from_stream.width == from_bytes.width &&
                             from_stream.height == from_bytes.height));
    }
  return 0;
}
