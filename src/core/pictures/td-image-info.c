/* td-image-info.c: format and pixel size of PNG, JPEG and GIF images.
 *
 * Only headers are parsed. Every read is bounds-checked against the length
 * given, since the files come from users and the web.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "td-image-info.h"

/* JPEG APP segments (EXIF thumbnails, ICC profiles, XMP) may precede the
 * frame header; real files fit well within this. */
#define MAX_HEADER_BYTES (256 * 1024)
#define FIRST_READ_BYTES 64

G_DEFINE_QUARK (td-image-info-error-quark, td_image_info_error)

typedef enum
{
  SNIFF_OK,
  SNIFF_NEED_MORE, /* a prefix of a supported image: more bytes could tell */
  SNIFF_INVALID,
} SniffResult;

typedef SniffResult (*SniffFunc) (const guint8 *data,
                                  gsize         len,
                                  TdImageInfo  *info);

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
read_le16 (const guint8 *p)
{
  return ((guint) p[1] << 8) | p[0];
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? read_be32 (p)
                    : ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static guint
read_u16 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? read_be16 (p) : read_le16 (p);
}

/* The EXIF orientation and the presence of a GPS position in the TIFF
 * structure of an APP1 "Exif" segment (@data, @len: the segment's payload).
 * Every offset is checked against @len. */
static void
parse_exif (const guint8 *data,
            gsize         len,
            TdImageInfo  *info)
{
  const guint8 *tiff;
  gsize tiff_len;
  gboolean big_endian;
  guint32 ifd;
  guint entries;

  if (len < 6 + 8 || memcmp (data, "Exif\0\0", 6) != 0)
    return;
  tiff = data + 6;
  tiff_len = len - 6;
  if (memcmp (tiff, "MM\0*", 4) == 0)
    big_endian = TRUE;
  else if (memcmp (tiff, "II*\0", 4) == 0)
    big_endian = FALSE;
  else
    return;

  ifd = read_u32 (tiff + 4, big_endian);
  if (ifd > tiff_len || tiff_len - ifd < 2)
    return;
  entries = read_u16 (tiff + ifd, big_endian);
  for (guint i = 0; i < entries; i++)
    {
      gsize at = ifd + 2 + (gsize) i * 12;
      guint tag;

      if (at + 12 > tiff_len)
        return;
      tag = read_u16 (tiff + at, big_endian);
      if (tag == 0x0112)
        {
          guint value = read_u16 (tiff + at + 8, big_endian);

          if (value >= 1 && value <= 8)
            info->orientation = value;
        }
      else if (tag == 0x8825)
        {
          guint32 gps = read_u32 (tiff + at + 8, big_endian);

          /* A GPS IFD with any tag but the version alone. */
          if (gps <= tiff_len && tiff_len - gps >= 2)
            {
              guint n = read_u16 (tiff + gps, big_endian);

              for (guint j = 0; j < n; j++)
                {
                  gsize g = gps + 2 + (gsize) j * 12;

                  if (g + 12 > tiff_len)
                    break;
                  if (read_u16 (tiff + g, big_endian) != 0x0000)
                    {
                      info->has_gps = TRUE;
                      break;
                    }
                }
            }
        }
    }
}

static SniffResult
set_size (TdImageInfo *info,
          guint32      width,
          guint32      height)
{
  if (width == 0 || height == 0 || width > G_MAXINT32 || height > G_MAXINT32)
    return SNIFF_INVALID;

  info->width = width;
  info->height = height;

  return SNIFF_OK;
}

/* Signature (8), then the first chunk, which must be IHDR: length (4),
 * type (4), width (4), height (4). */
static SniffResult
sniff_png (const guint8 *data,
           gsize         len,
           TdImageInfo  *info)
{
  if (len < 24)
    return SNIFF_NEED_MORE;

  if (memcmp (data + 12, "IHDR", 4) != 0)
    return SNIFF_INVALID;

  return set_size (info, read_be32 (data + 16), read_be32 (data + 20));
}

/* Signature (6), then the logical screen width and height, little endian. */
static SniffResult
sniff_gif (const guint8 *data,
           gsize         len,
           TdImageInfo  *info)
{
  if (len < 10)
    return SNIFF_NEED_MORE;

  return set_size (info, read_le16 (data + 6), read_le16 (data + 8));
}

/* SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share
 * the range but are other tables. */
static gboolean
is_jpeg_frame_marker (guint8 marker)
{
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* Markers that stand alone, without a length: TEM, RST0..RST7 and SOI. */
static gboolean
is_jpeg_standalone_marker (guint8 marker)
{
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
}

/* Walks the marker segments after SOI until a frame header. */
static SniffResult
sniff_jpeg (const guint8 *data,
            gsize         len,
            TdImageInfo  *info)
{
  gsize pos = 2;

  for (;;)
    {
      guint8 marker;
      guint seg_len;

      /* Like libjpeg, tolerate junk between segments, then skip the fill
       * bytes (any number of 0xFF) that may precede a marker. FF 00 is a
       * stuffed byte, not a marker. */
      while (pos < len && data[pos] != 0xFF)
        pos++;
      while (pos < len && data[pos] == 0xFF)
        pos++;
      if (pos >= len)
        return SNIFF_NEED_MORE;

      marker = data[pos++];
      if (marker == 0x00 || is_jpeg_standalone_marker (marker))
        continue;

      /* End of image, or start of scan before any frame header. */
      if (marker == 0xD9 || marker == 0xDA)
        return SNIFF_INVALID;

      if (len - pos < 2)
        return SNIFF_NEED_MORE;
      seg_len = read_be16 (data + pos);
      if (seg_len < 2)
        return SNIFF_INVALID;

      if (is_jpeg_frame_marker (marker))
        {
          /* Length (2), precision (1), height (2), width (2), components... */
          if (seg_len < 8)
            return SNIFF_INVALID;
          if (len - pos < 7)
            return SNIFF_NEED_MORE;
          /* A zero height is defined later by a DNL marker: not supported. */
          return set_size (info, read_be16 (data + pos + 5), read_be16 (data + pos + 3));
        }

      /* APP1: EXIF, whole, before the frame header. */
      if (marker == 0xE1)
        {
          if (len - pos < seg_len)
            return SNIFF_NEED_MORE;
          parse_exif (data + pos + 2, seg_len - 2, info);
        }

      pos += seg_len;
    }
}

static const struct
{
  const char   *magic;
  gsize         magic_len;
  TdImageFormat format;
  SniffFunc     sniff;
} formats[] = {
  { "\x89PNG\r\n\x1a\n", 8, TD_IMAGE_FORMAT_PNG, sniff_png },
  { "\xff\xd8\xff", 3, TD_IMAGE_FORMAT_JPEG, sniff_jpeg },
  { "GIF87a", 6, TD_IMAGE_FORMAT_GIF, sniff_gif },
  { "GIF89a", 6, TD_IMAGE_FORMAT_GIF, sniff_gif },
};

/* Sets info->format as soon as the signature is complete, so callers can
 * tell "not an image" from "truncated image". */
static SniffResult
sniff (const guint8 *data,
       gsize         len,
       TdImageInfo  *info)
{
  gboolean could_be = FALSE;

  *info = (TdImageInfo) { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, FALSE };

  if (len == 0)
    return SNIFF_NEED_MORE;

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (memcmp (data, formats[i].magic, MIN (len, formats[i].magic_len)) != 0)
        continue;

      if (len < formats[i].magic_len)
        {
          could_be = TRUE;
          continue;
        }

      info->format = formats[i].format;
      return formats[i].sniff (data, len, info);
    }

  return could_be ? SNIFF_NEED_MORE : SNIFF_INVALID;
}

gboolean
td_image_info_from_bytes (const guint8 *data,
                          gsize         len,
                          TdImageInfo  *info)
{
  TdImageInfo found;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (sniff (data, len, &found) != SNIFF_OK)
    {
      *info = (TdImageInfo) { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, FALSE };
      return FALSE;
    }

  *info = found;
  return TRUE;
}

/* Reads until @buffer holds @want bytes or the stream ends (@eof). */
static gboolean
read_up_to (GInputStream *stream,
            GByteArray   *buffer,
            gsize         want,
            gboolean     *eof,
            GError      **error)
{
  guint old_len = buffer->len;
  gsize n_read = 0;
  gboolean ok;

  /* want <= MAX_HEADER_BYTES, so the guint casts are exact. */
  g_byte_array_set_size (buffer, (guint) want);
  ok = g_input_stream_read_all (stream, buffer->data + old_len, want - old_len, &n_read,
                                NULL, error);
  g_byte_array_set_size (buffer, (guint) (old_len + n_read));
  *eof = n_read < want - old_len;

  return ok;
}

gboolean
td_image_info_from_stream (GInputStream  *stream,
                           const char    *display_name,
                           TdImageInfo   *info,
                           GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  TdImageInfo found = { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, FALSE };
  SniffResult result = SNIFF_NEED_MORE;
  gsize want = FIRST_READ_BYTES;
  gboolean eof = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *info = found;

  /* Grow the buffer geometrically: PNG and GIF are settled by the first
   * read, most JPEGs within a few kilobytes. */
  while (result == SNIFF_NEED_MORE && !eof && buffer->len < MAX_HEADER_BYTES)
    {
      if (!read_up_to (stream, buffer, want, &eof, error))
        return FALSE;
      result = sniff (buffer->data, buffer->len, &found);
      want = MIN (want * 4, MAX_HEADER_BYTES);
    }

  if (result == SNIFF_OK)
    {
      *info = found;
      return TRUE;
    }

  if (found.format == TD_IMAGE_FORMAT_UNKNOWN)
    g_set_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_UNKNOWN_FORMAT,
                 _("“%s” is not a PNG, JPEG or GIF image"), display_name);
  else
    g_set_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_CORRUPT,
                 _("Could not read the size of the image “%s”: "
                   "the file is truncated or damaged"),
                 display_name);

  return FALSE;
}

gboolean
td_image_info_from_file (const char   *path,
                         TdImageInfo  *info,
                         GError      **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *info = (TdImageInfo) { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, FALSE };

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  display_name = g_filename_display_name (path);
  return td_image_info_from_stream (G_INPUT_STREAM (stream), display_name, info, error);
}

void
td_image_info_get_upright_size (const TdImageInfo *info,
                                guint             *width,
                                guint             *height)
{
  gboolean turned = info->orientation >= 5 && info->orientation <= 8;

  *width = turned ? info->height : info->width;
  *height = turned ? info->width : info->height;
}

const char *
td_image_format_mime_type (TdImageFormat format)
{
  switch (format)
    {
    case TD_IMAGE_FORMAT_PNG:
      return "image/png";
    case TD_IMAGE_FORMAT_JPEG:
      return "image/jpeg";
    case TD_IMAGE_FORMAT_GIF:
      return "image/gif";
    case TD_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

gboolean
td_image_path_has_image_extension (const char *path)
{
  static const char * const extensions[] = { ".png", ".jpg", ".jpeg", ".gif" };
  const char *name;
  const char *dot;

  if (path == NULL)
    return FALSE;

  /* Look at the last component only: "photos.png/readme" is no image. */
  name = strrchr (path, G_DIR_SEPARATOR);
  name = name != NULL ? name + 1 : path;
  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_ascii_strcasecmp (dot, extensions[i]) == 0)
        return TRUE;
    }

  return FALSE;
}
