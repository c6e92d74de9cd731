/* td-picture-convert.c: a picture made fit to store or to send
 *
 * gdk-pixbuf decodes (its JPEG loader scales by 1/2, 1/4 or 1/8 while
 * decoding when asked for a smaller size, which keeps a 12 MP photo fast),
 * gdk_pixbuf_apply_embedded_orientation() turns the picture upright, and
 * gdk-pixbuf's savers write JPEG or PNG with nothing but the pixels: we
 * pass them no option but the quality.
 *
 * Two traps, both avoided here: gdk_pixbuf_new_from_file_at_scale() fits
 * the size *before* rotating, so a portrait photo would be fitted as a
 * landscape one (we fit the long edge, which turning does not change, and
 * the width after turning); and the GNOME runtime's glycin-backed JPEG
 * saver refuses a pixbuf with an alpha channel, so an opaque picture loses
 * its alpha channel before being saved as JPEG.
 *
 * Colour: gdk-pixbuf does not manage colour. A CMYK JPEG is converted to
 * RGB by its loader; an embedded ICC profile (Display P3 on recent phones)
 * is dropped, and the pixels are taken as sRGB, which is what the web and
 * mail clients assume for a picture without a profile.
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "td-picture-convert.h"

G_DEFINE_QUARK (td-picture-convert-error-quark, td_picture_convert_error)

#define JPEG_QUALITY "85"
/* At most this many colours, and no photograph: PNG. */
#define FEW_COLOURS 256

typedef struct
{
  gboolean jpeg;
  guint min_long_edge;
  guint max_long_edge;
  guint width;    /* the size the loader was asked for */
  guint height;
} SizeRequest;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeRequest *request = user_data;
  guint long_edge = MAX (width, height);

  if (request->max_long_edge == 0 || long_edge <= request->max_long_edge)
    return;
  /* libjpeg scales by 1/2, 1/4, 1/8 while decoding, to the sizes rounded
   * up: asked for exactly that, gdk-pixbuf resamples nothing. */
  if (request->jpeg && request->min_long_edge > 0)
    for (guint d = 2; d <= 8; d *= 2)
      {
        guint scaled = (long_edge + d - 1) / d;

        if (scaled <= request->max_long_edge && scaled >= request->min_long_edge)
          {
            request->width = ((guint) width + d - 1) / d;
            request->height = ((guint) height + d - 1) / d;
            gdk_pixbuf_loader_set_size (loader, (int) request->width, (int) request->height);
            return;
          }
      }
  request->width = MAX (1, (guint) (((guint64) width * request->max_long_edge + long_edge / 2)
                                    / long_edge));
  request->height = MAX (1, (guint) (((guint64) height * request->max_long_edge + long_edge / 2)
                                     / long_edge));
  gdk_pixbuf_loader_set_size (loader, (int) request->width, (int) request->height);
}

/* TRUE if some pixel is not fully opaque. */
static gboolean
has_transparency (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return FALSE;
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        if (row[x * 4 + 3] != 0xFF)
          return TRUE;
    }
  return FALSE;
}

/* TRUE when the picture has at most FEW_COLOURS colours: a drawing, a
 * logo, a screenshot of text. Stops at the first colour too many, which
 * for a photograph comes within the first rows. */
static gboolean
has_few_colours (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint32 last = G_MAXUINT32;

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        {
          const guint8 *p = row + x * channels;
          guint32 colour = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];

          if (channels == 4)
            colour |= (guint32) p[3] << 24;
          if (colour == last)
            continue;
          last = colour;
          /* GUINT_TO_POINTER (0) is a valid key in a set. */
          g_hash_table_add (seen, GUINT_TO_POINTER (colour));
          if (g_hash_table_size (seen) > FEW_COLOURS)
            return FALSE;
        }
    }
  return TRUE;
}

/* The same pixels without the alpha channel (which must be opaque). */
static GdkPixbuf *
drop_alpha (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *opaque;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);
  opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (opaque == NULL)
    return NULL;
  for (int y = 0; y < height; y++)
    {
      const guint8 *from = gdk_pixbuf_read_pixels (pixbuf)
                           + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);
      guint8 *to = gdk_pixbuf_get_pixels (opaque) + (gsize) y * gdk_pixbuf_get_rowstride (opaque);

      for (int x = 0; x < width; x++)
        memcpy (to + x * 3, from + x * 4, 3);
    }
  return opaque;
}

GBytes *
td_picture_convert (GBytes                *data,
                    const char            *display_name,
                    const TdPictureLimits *limits,
                    TdPictureResult       *result,
                    GError               **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  SizeRequest request = { FALSE, 0, 0, 0, 0 };
  TdPictureResult out = { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, 0 };
  TdImageInfo info;
  gsize length = 0;
  gboolean as_png;
  GdkPixbuf *frame;
  const guint8 *bytes;
  gsize size = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (!td_image_info_from_bytes (bytes, size, &info))
    {
      g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE,
                   _("“%s” is not a PNG, JPEG or GIF picture, or it is damaged"), display_name);
      return NULL;
    }
  if ((guint64) info.width * info.height > TD_PICTURE_MAX_PIXELS)
    {
      g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_TOO_LARGE,
                   _("“%s” is too large (%u × %u pixels)"), display_name, info.width,
                   info.height);
      return NULL;
    }
  td_image_info_get_upright_size (&info, &out.source_width, &out.source_height);

  request.jpeg = info.format == TD_IMAGE_FORMAT_JPEG && limits->max_width == 0;
  request.min_long_edge = limits->min_long_edge;
  request.max_long_edge = limits->max_long_edge;
  /* The width limit, as a long-edge limit the loader can use (it sees the
   * picture as stored, before turning): only a tighter one. */
  if (limits->max_width > 0 && out.source_width > limits->max_width)
    {
      guint long_edge = MAX (out.source_width, out.source_height);
      guint by_width = (guint) (((guint64) long_edge * limits->max_width + out.source_width / 2)
                                / out.source_width);

      if (request.max_long_edge == 0 || by_width < request.max_long_edge)
        request.max_long_edge = MAX (1, by_width);
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &request);
  if (!gdk_pixbuf_loader_write (loader, bytes, size, &local_error))
    {
      /* A loader is always closed (else it warns when finalized). */
      gdk_pixbuf_loader_close (loader, NULL);
    }
  else
    gdk_pixbuf_loader_close (loader, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE,
                   _("Could not read the picture “%s”: %s"), display_name,
                   local_error != NULL ? local_error->message : _("it is damaged"));
      return NULL;
    }
  /* An animation gives its first frame. */
  frame = gdk_pixbuf_loader_get_pixbuf (loader);
  if (frame == NULL)
    {
      g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE,
                   _("Could not read the picture “%s”: it is damaged"), display_name);
      return NULL;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (frame);
  if (upright == NULL)
    {
      g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE,
                   _("Could not turn the picture “%s” upright"), display_name);
      return NULL;
    }

  /* What the loader could not do exactly: the width, after turning, and
   * the long edge of an animation's frame (which it does not scale). */
  {
    guint w = (guint) gdk_pixbuf_get_width (upright);
    guint h = (guint) gdk_pixbuf_get_height (upright);
    guint long_edge = MAX (w, h);
    guint new_w = w, new_h = h;

    if (limits->max_long_edge > 0 && long_edge > limits->max_long_edge)
      {
        new_w = MAX (1, (guint) (((guint64) w * limits->max_long_edge + long_edge / 2)
                                 / long_edge));
        new_h = MAX (1, (guint) (((guint64) h * limits->max_long_edge + long_edge / 2)
                                 / long_edge));
      }
    if (limits->max_width > 0 && new_w > limits->max_width)
      {
        new_h = MAX (1, (guint) (((guint64) new_h * limits->max_width + new_w / 2) / new_w));
        new_w = limits->max_width;
      }
    if (new_w != w || new_h != h)
      {
        GdkPixbuf *scaled = gdk_pixbuf_scale_simple (upright, (int) new_w, (int) new_h,
                                                     GDK_INTERP_HYPER);

        if (scaled == NULL)
          goto out_of_memory;
        g_set_object (&upright, scaled);
        g_object_unref (scaled);
      }
  }

  if (limits->keep_format && info.format == TD_IMAGE_FORMAT_PNG)
    as_png = TRUE;
  else if (limits->keep_format && info.format == TD_IMAGE_FORMAT_JPEG)
    as_png = FALSE;
  else
    as_png = has_transparency (upright) || has_few_colours (upright);
  if (as_png)
    {
      pixbuf = g_object_ref (upright);
      if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &local_error,
                                      "compression", "6", NULL))
        goto encode_failed;
      out.format = TD_IMAGE_FORMAT_PNG;
    }
  else
    {
      pixbuf = drop_alpha (upright);
      if (pixbuf == NULL)
        goto out_of_memory;
      if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &local_error,
                                      "quality", JPEG_QUALITY, NULL))
        goto encode_failed;
      out.format = TD_IMAGE_FORMAT_JPEG;
    }
  out.width = (guint) gdk_pixbuf_get_width (pixbuf);
  out.height = (guint) gdk_pixbuf_get_height (pixbuf);
  if (result != NULL)
    *result = out;
  return g_bytes_new_take (g_steal_pointer (&buffer), length);

encode_failed:
  g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_ENCODE,
               _("Could not save the picture “%s”: %s"), display_name, local_error->message);
  return NULL;

out_of_memory:
  g_set_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_TOO_LARGE,
               _("“%s” is too large to convert"), display_name);
  return NULL;
}

const char *
td_picture_format_extension (TdImageFormat format)
{
  return format == TD_IMAGE_FORMAT_PNG ? ".png" : format == TD_IMAGE_FORMAT_GIF ? ".gif" : ".jpg";
}
