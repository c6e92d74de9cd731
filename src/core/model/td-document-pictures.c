/* td-document-pictures.c: pictures copied into the folder
 *
 * What the picture fields of the editor do with a chosen, dropped or
 * pasted picture: a copy in images/ beside the issue, under a clean free
 * name, so the issue stays self-contained.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-document.h"
#include "td-image-info.h"

#define MAX_IMAGE_SIZE (20 * 1024 * 1024)

/* "Photo 1.JPG" -> "photo-1.jpg": names that survive any web server. */
static char *
clean_image_name (const char    *name,
                  TdImageFormat  format)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  const char *ext = format == TD_IMAGE_FORMAT_PNG ? ".png"
                  : format == TD_IMAGE_FORMAT_GIF ? ".gif" : ".jpg";
  char *dot = strrchr (lower, '.');
  GString *out = g_string_new (NULL);

  if (dot != NULL)
    *dot = '\0';
  for (const char *p = lower; *p != '\0' && out->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "picture");
  g_string_append (out, ext);
  return g_string_free (out, FALSE);
}

static char *
write_image (TdDocument  *self,
             const char  *data,
             gsize        length,
             const char  *name_hint,
             GError     **error)
{
  const char *base_dir = td_document_get_base_dir (self);
  g_autofree char *images_dir = NULL;
  g_autofree char *name = NULL;
  TdImageInfo info;

  if (base_dir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Save the issue first: pictures are kept in a folder beside it"));
      return NULL;
    }
  if (length > MAX_IMAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The picture is too large (%zu MB; at most 20 MB)"), length >> 20);
      return NULL;
    }
  if (!td_image_info_from_bytes ((const guint8 *) data, length, &info))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a PNG, JPEG or GIF picture"));
      return NULL;
    }

  images_dir = g_build_filename (base_dir, "images", NULL);
  if (g_mkdir_with_parents (images_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for pictures: %s"), g_strerror (saved_errno));
      return NULL;
    }

  name = clean_image_name (name_hint, info.format);
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name) : NULL;
      g_autofree char *path = NULL;
      g_autofree char *existing = NULL;
      gsize existing_length = 0;

      if (candidate == NULL)
        {
          const char *dot = strrchr (name, '.');

          candidate = g_strdup_printf ("%.*s-%u%s", (int) (dot - name), name, n, dot);
        }
      path = g_build_filename (images_dir, candidate, NULL);
      /* The same picture again reuses the file instead of copying it twice. */
      if (g_file_get_contents (path, &existing, &existing_length, NULL))
        {
          if (existing_length == length && memcmp (existing, data, length) == 0)
            return g_strconcat ("images/", candidate, NULL);
          continue;
        }
      if (!g_file_set_contents (path, data, length, error))
        return NULL;
      return g_strconcat ("images/", candidate, NULL);
    }
}

char *
td_document_import_image (TdDocument  *self,
                          GFile       *source,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (!g_file_load_contents (source, NULL, &contents, &length, NULL, error))
    return NULL;
  name = g_file_get_basename (source);
  return write_image (self, contents, length, name, error);
}

char *
td_document_import_image_bytes (TdDocument  *self,
                                GBytes      *bytes,
                                const char  *name_hint,
                                GError     **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return write_image (self, data, length, name_hint, error);
}
