/* td-picture-derive.c: the pictures the exports write, and their cache
 *
 * A cache entry is the derived picture's bytes in a file named
 * "<SHA-256 of the source>-<long edge>x<width>", written atomically. The
 * source is read (through the containment primitive) and hashed every
 * time, so an edited picture never finds a stale entry; what the cache
 * saves is the decoding and encoding, which cost a hundred times more.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "td-image-info.h"
#include "td-picture-derive.h"
#include "td-picture-file.h"

/* Raise when td_picture_convert() changes what it makes. */
#define CACHE_VERSION 1

char *
td_picture_cache_dir (void)
{
  const char *override = g_getenv ("TIDINGS_PICTURE_CACHE_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_cache_dir (), "tidings", "pictures", NULL);
}

static char *
cache_path (GBytes                *source,
            const TdPictureLimits *limits)
{
  g_autofree char *dir = td_picture_cache_dir ();
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, source);
  g_autofree char *name = g_strdup_printf ("%s-%ux%u%s-v%d", hash, limits->max_long_edge,
                                           limits->max_width, limits->keep_format ? "k" : "",
                                           CACHE_VERSION);

  return g_build_filename (dir, name, NULL);
}

static GBytes *
cache_lookup (const char      *path,
              TdPictureResult *result)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  TdImageInfo info;

  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  if (!td_image_info_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &info)
      || (info.format != TD_IMAGE_FORMAT_JPEG && info.format != TD_IMAGE_FORMAT_PNG))
    return NULL;
  if (result != NULL)
    {
      result->format = info.format;
      result->width = info.width;
      result->height = info.height;
      result->source_width = 0;
      result->source_height = 0;
    }
  /* A copy: the mapping ends with this function, and the file may be
   * replaced by another export meanwhile. */
  return g_bytes_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

GBytes *
td_picture_derive (const char            *base_dir,
                   const char            *src,
                   const TdPictureLimits *limits,
                   TdPictureResult       *result,
                   GError               **error)
{
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GBytes) derived = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  TdImageInfo info;

  g_return_val_if_fail (src != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  source = td_picture_file_read (base_dir, src, error);
  if (source == NULL)
    return NULL;
  /* A GIF (only older issues have them: an import makes a PNG of it) is
   * sent as it is: gdk-pixbuf can't write GIF, and a GIF carries no EXIF. */
  if (td_image_info_from_bytes (g_bytes_get_data (source, NULL), g_bytes_get_size (source), &info)
      && info.format == TD_IMAGE_FORMAT_GIF)
    {
      if (result != NULL)
        *result = (TdPictureResult) { info.format, info.width, info.height, info.width,
                                      info.height };
      return g_steal_pointer (&source);
    }
  path = cache_path (source, limits);
  derived = cache_lookup (path, result);
  if (derived != NULL)
    return g_steal_pointer (&derived);

  derived = td_picture_convert (source, src, limits, result, error);
  if (derived == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents (path, g_bytes_get_data (derived, NULL),
                         (gssize) g_bytes_get_size (derived), NULL);
  return g_steal_pointer (&derived);
}
