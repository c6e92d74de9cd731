/* td-export.c: writing exports to disk */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-issue-validator.h"
#include "td-export.h"
#include "td-image-info.h"
#include "td-picture-derive.h"

G_DEFINE_QUARK (td-export-error-quark, td_export_error)

gboolean
td_export_write_file (const char  *path,
                      const char  *contents,
                      gsize        length,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL && path[0] != '\0', FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A temporary file beside @path, renamed over it once complete; GLib
   * removes the temporary file when writing fails. */
  return g_file_set_contents_full (path, contents != NULL ? contents : "", (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

/* TRUE when @path (canonical) is @folder (canonical) or inside it. */
static gboolean
is_inside (const char *path,
           const char *folder)
{
  gsize len = strlen (folder);

  if (strncmp (path, folder, len) != 0)
    return FALSE;
  /* "/" itself ends in a separator. */
  return path[len] == '\0' || path[len] == G_DIR_SEPARATOR ||
         (len > 0 && folder[len - 1] == G_DIR_SEPARATOR);
}

/* The canonical form of an existing path, symbolic links resolved. */
static char *
canonical_path (const char  *path,
                GError     **error)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Can’t open “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  /* realpath() allocates with malloc(). */
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

static gboolean
make_folder (const char  *path,
             GError     **error)
{
  if (g_mkdir_with_parents (path, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Can’t create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The canonical form of the existing @path, which must lead inside
 * @folder (canonical): else NULL, with @error set to @outside (a sentence)
 * when it leads elsewhere. */
static char *
canonical_inside (const char  *path,
                  const char  *folder,
                  const char  *outside,
                  GError     **error)
{
  g_autofree char *real = canonical_path (path, error);

  if (real == NULL)
    return NULL;
  if (!is_inside (real, folder))
    {
      g_set_error_literal (error, TD_EXPORT_ERROR, TD_EXPORT_ERROR_UNSAFE_PATH, outside);
      return NULL;
    }
  return g_steal_pointer (&real);
}

/* Writes @data to @out_dir/@src, creating the folders on the way, after
 * checking that they resolve to places inside @out_dir (a symbolic link in
 * the export folder could point anywhere). */
static gboolean
write_picture (const char   *out_dir,
               const char   *src,
               GBytes       *data,
               GError      **error)
{
  g_autofree char *dest = g_build_filename (out_dir, src, NULL);
  g_autofree char *parent = g_path_get_dirname (dest);
  g_autofree char *outside = g_strdup_printf (_("The picture “%s” would be written outside "
                                                "the export folder"), src);
  g_autofree char *real_parent = NULL;

  if (!make_folder (parent, error))
    return FALSE;
  real_parent = canonical_inside (parent, out_dir, outside, error);
  if (real_parent == NULL)
    return FALSE;
  return td_export_write_file (dest, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                               error);
}

gboolean
td_export_web (const TdRenderContext  *context,
               const char             *out_dir,
               GError                **error)
{
  const TdPictureLimits web = { TD_PICTURE_WEB_LONG_EDGE, 0, TRUE };
  g_autoptr(GPtrArray) pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autofree char *real_out = NULL;
  g_autofree char *index = NULL;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (out_dir != NULL && out_dir[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  html = td_render (TD_RENDER_WEB, context, NULL);
  images = td_render_list_images (context);

  /* Read every picture first, so that a missing one stops the export
   * before anything is written. */
  if (images->len > 0)
    {
      if (context->base_dir == NULL)
        {
          g_set_error_literal (error, TD_EXPORT_ERROR, TD_EXPORT_ERROR_NO_FOLDER,
                               _("The issue has not been saved in a folder, so its "
                                 "pictures can’t be copied"));
          return FALSE;
        }
    }
  for (guint i = 0; i < images->len; i++)
    {
      const char *src = g_ptr_array_index (images, i);
      GBytes *picture;

      if (!td_image_path_is_safe (src, NULL))
        {
          g_set_error (error, TD_EXPORT_ERROR, TD_EXPORT_ERROR_UNSAFE_PATH,
                       _("“%s” is not a picture inside the issue’s folder"), src);
          return FALSE;
        }
      /* Derived: upright, without metadata, at most 1,600 px. */
      picture = td_picture_derive (td_render_picture_dir (context, src), src, &web, NULL, error);
      if (picture == NULL)
        return FALSE;
      g_ptr_array_add (pictures, picture);
    }

  if (!make_folder (out_dir, error))
    return FALSE;
  real_out = canonical_path (out_dir, error);
  if (real_out == NULL)
    return FALSE;

  for (guint i = 0; i < images->len; i++)
    if (!write_picture (real_out, g_ptr_array_index (images, i),
                        g_ptr_array_index (pictures, i), error))
      return FALSE;

  /* Last, so that the page never refers to a picture not yet there. */
  index = g_build_filename (real_out, "index.html", NULL);
  return td_export_write_file (index, g_bytes_get_data (html, NULL), g_bytes_get_size (html),
                               error);
}
