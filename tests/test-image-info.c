/* test-image-info.c: sniffing PNG, JPEG and GIF sizes from headers. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "td-image-info.h"

/* A complete 300x2 RGB PNG (valid CRCs and image data). */
static const guint8 png_300x2[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x00, 0x00, 0x02,
  0x08, 0x02, 0x00, 0x00, 0x00, 0x6d, 0xce, 0x76, 0xd0, 0x00, 0x00, 0x00,
  0x1b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0x30,
  0x8a, 0x46, 0xd1, 0x28, 0x1a, 0x40, 0x34, 0x1a, 0x04, 0xa3, 0x68, 0x14,
  0x0d, 0x30, 0x02, 0x00, 0x50, 0x60, 0x55, 0xc7, 0x38, 0x56, 0xca, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
#define PNG_NEEDED 24 /* signature + IHDR length, type, width, height */

/* A GIF89a with a 260x7 logical screen holding one 1x1 image. */
static const guint8 gif_260x7[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x04, 0x01, 0x07, 0x00, 0x80, 0x00, 0x00,
  0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
  0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0x02, 0x02, 0x44, 0x01, 0x00,
  0x3b,
};
#define GIF_NEEDED 10

/* A baseline JPEG header for 1920x1080: SOI, APP0 (JFIF), DQT, a DHT placed
 * before the frame (its bytes must not be taken for a size), SOF0, DHT, SOS,
 * a little entropy-coded data, EOI. */
static const guint8 jpeg_1920x1080[] = {
  0xff, 0xd8,
  0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48,
  0x00, 0x00,
  0xff, 0xdb, 0x00, 0x05, 0x00, 0x10, 0x0b,
  0xff, 0xc4, 0x00, 0x08, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a,
  /* SOF0 at offset 37: length 17, precision 8, height 1080, width 1920, 3 components */
  0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03,
  0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  0xff, 0xc4, 0x00, 0x05, 0x00, 0x01, 0x00,
  0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00,
  0x12, 0xff, 0x00, 0x34, 0x56,
  0xff, 0xd9,
};
#define JPEG_NEEDED (37 + 9) /* through the width field of SOF0 */

static gboolean
sniff_copy (const guint8 *data,
            gsize         len,
            TdImageInfo  *info)
{
  /* A heap copy of exactly @len bytes, so that AddressSanitizer catches any
   * read past the end. */
  g_autofree guint8 *copy = g_memdup2 (data, len);

  return td_image_info_from_bytes (copy, len, info);
}

static void
assert_info (const guint8  *data,
             gsize          len,
             TdImageFormat  format,
             guint          width,
             guint          height)
{
  TdImageInfo info;

  g_assert_true (sniff_copy (data, len, &info));
  g_assert_cmpint (info.format, ==, format);
  g_assert_cmpuint (info.width, ==, width);
  g_assert_cmpuint (info.height, ==, height);
}

static void
assert_no_info (const guint8 *data,
                gsize         len)
{
  TdImageInfo info = { TD_IMAGE_FORMAT_PNG, 1, 1 };

  g_assert_false (sniff_copy (data, len, &info));
  g_assert_cmpint (info.format, ==, TD_IMAGE_FORMAT_UNKNOWN);
  g_assert_cmpuint (info.width, ==, 0);
  g_assert_cmpuint (info.height, ==, 0);
}

static void
test_png (void)
{
  assert_info (png_300x2, sizeof png_300x2, TD_IMAGE_FORMAT_PNG, 300, 2);
  assert_info (png_300x2, PNG_NEEDED, TD_IMAGE_FORMAT_PNG, 300, 2);
}

static void
test_png_bad (void)
{
  guint8 bytes[sizeof png_300x2];

  /* Zero width. */
  memcpy (bytes, png_300x2, sizeof bytes);
  memset (bytes + 16, 0, 4);
  assert_no_info (bytes, sizeof bytes);

  /* Width over 2^31 - 1, which PNG forbids. */
  memcpy (bytes, png_300x2, sizeof bytes);
  bytes[16] = 0x80;
  assert_no_info (bytes, sizeof bytes);

  /* First chunk is not IHDR. */
  memcpy (bytes, png_300x2, sizeof bytes);
  memcpy (bytes + 12, "IDAT", 4);
  assert_no_info (bytes, sizeof bytes);
}

static void
test_gif (void)
{
  guint8 bytes[sizeof gif_260x7];

  assert_info (gif_260x7, sizeof gif_260x7, TD_IMAGE_FORMAT_GIF, 260, 7);

  memcpy (bytes, gif_260x7, sizeof bytes);
  bytes[4] = '7';
  assert_info (bytes, sizeof bytes, TD_IMAGE_FORMAT_GIF, 260, 7);

  /* Not a GIF version that exists. */
  bytes[4] = '8';
  assert_no_info (bytes, sizeof bytes);

  /* Zero-sized logical screen. */
  memcpy (bytes, gif_260x7, sizeof bytes);
  memset (bytes + 6, 0, 4);
  assert_no_info (bytes, sizeof bytes);
}

static void
test_jpeg (void)
{
  assert_info (jpeg_1920x1080, sizeof jpeg_1920x1080, TD_IMAGE_FORMAT_JPEG, 1920, 1080);
}

static void
test_jpeg_frame_types (void)
{
  guint8 bytes[sizeof jpeg_1920x1080];

  memcpy (bytes, jpeg_1920x1080, sizeof bytes);

  /* Progressive (SOF2) and arithmetic lossless (SOF15) frames count. */
  bytes[38] = 0xc2;
  assert_info (bytes, sizeof bytes, TD_IMAGE_FORMAT_JPEG, 1920, 1080);
  bytes[38] = 0xcf;
  assert_info (bytes, sizeof bytes, TD_IMAGE_FORMAT_JPEG, 1920, 1080);

  /* DHT, JPG and DAC are not frames: the walk goes on to SOS and fails. */
  bytes[38] = 0xc4;
  assert_no_info (bytes, sizeof bytes);
  bytes[38] = 0xc8;
  assert_no_info (bytes, sizeof bytes);
  bytes[38] = 0xcc;
  assert_no_info (bytes, sizeof bytes);
}

static void
test_jpeg_fill_and_standalone (void)
{
  /* Fill bytes before markers, RST/TEM markers (no length), junk between
   * segments, and an APP1 segment containing bytes that look like SOF0. */
  static const guint8 bytes[] = {
    0xff, 0xd8,
    0xff, 0xff, 0xff, 0xe1, 0x00, 0x0b, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01,
    0xff, 0x01,
    0xff, 0xd3,
    0x00, 0x00,
    0xff, 0xff, 0xc1, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x40, 0x01, 0x01, 0x11, 0x00,
  };

  assert_info (bytes, sizeof bytes, TD_IMAGE_FORMAT_JPEG, 64, 32);
}

static void
test_jpeg_bad (void)
{
  guint8 bytes[sizeof jpeg_1920x1080];

  /* Zero height (sized later by DNL): not supported. */
  memcpy (bytes, jpeg_1920x1080, sizeof bytes);
  bytes[42] = bytes[43] = 0;
  assert_no_info (bytes, sizeof bytes);

  /* A segment length below 2. */
  memcpy (bytes, jpeg_1920x1080, sizeof bytes);
  bytes[5] = 0x01;
  assert_no_info (bytes, sizeof bytes);

  /* A frame header too short to hold a size. */
  memcpy (bytes, jpeg_1920x1080, sizeof bytes);
  bytes[40] = 0x05;
  assert_no_info (bytes, sizeof bytes);

  /* A segment length pointing far beyond the data. */
  memcpy (bytes, jpeg_1920x1080, sizeof bytes);
  bytes[4] = 0xff;
  bytes[5] = 0xff;
  assert_no_info (bytes, sizeof bytes);

  /* End of image before any frame. */
  {
    static const guint8 eoi[] = {
      0xff, 0xd8, 0xff, 0xd9, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01,
    };

    assert_no_info (eoi, sizeof eoi);
  }
}

/* Every prefix of a valid file: no size until the size field is complete,
 * the right size from then on, never a read out of bounds. */
static void
check_prefixes (const guint8  *data,
                gsize          len,
                gsize          needed,
                TdImageFormat  format,
                guint          width,
                guint          height)
{
  for (gsize n = 0; n <= len; n++)
    {
      if (n < needed)
        assert_no_info (data, n);
      else
        assert_info (data, n, format, width, height);
    }
}

static void
test_truncated (void)
{
  check_prefixes (png_300x2, sizeof png_300x2, PNG_NEEDED, TD_IMAGE_FORMAT_PNG, 300, 2);
  check_prefixes (gif_260x7, sizeof gif_260x7, GIF_NEEDED, TD_IMAGE_FORMAT_GIF, 260, 7);
  check_prefixes (jpeg_1920x1080, sizeof jpeg_1920x1080, JPEG_NEEDED, TD_IMAGE_FORMAT_JPEG,
                  1920, 1080);
}

static void
test_not_images (void)
{
  static const char * const samples[] = {
    "", "G", "GIF8", "GIF89", "<svg xmlns='http://www.w3.org/2000/svg'/>", "RIFF\x10\0\0\0WEBPVP8 ",
    "\xff\xd8", "\xff\xd8\xff", "BM", "hello, world",
  };
  TdImageInfo info;

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    assert_no_info ((const guint8 *) samples[i], strlen (samples[i]));

  g_assert_false (td_image_info_from_bytes (NULL, 0, &info));
}

/* Random corruption of valid files must never crash or read out of bounds. */
static void
test_mutations (void)
{
  const struct { const guint8 *data; gsize len; } files[] = {
    { png_300x2, sizeof png_300x2 },
    { gif_260x7, sizeof gif_260x7 },
    { jpeg_1920x1080, sizeof jpeg_1920x1080 },
  };

  for (guint round = 0; round < 3000; round++)
    {
      gsize which = (gsize) g_test_rand_int_range (0, G_N_ELEMENTS (files));
      gsize len = (gsize) g_test_rand_int_range (0, (gint32) files[which].len + 1);
      g_autofree guint8 *bytes = g_memdup2 (files[which].data, len);
      TdImageInfo info;

      for (int k = 0; len > 0 && k < 4; k++)
        bytes[g_test_rand_int_range (0, (gint32) len)] = (guint8) g_test_rand_int_range (0, 256);

      if (td_image_info_from_bytes (bytes, len, &info))
        {
          g_assert_cmpint (info.format, !=, TD_IMAGE_FORMAT_UNKNOWN);
          g_assert_cmpuint (info.width, >, 0);
          g_assert_cmpuint (info.height, >, 0);
        }
    }
}

static char *
write_temp_file (const char   *dir,
                 const char   *name,
                 const guint8 *data,
                 gsize         len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, (const char *) data, (gssize) len, &error);
  g_assert_no_error (error);

  return path;
}

/* A JPEG whose frame header comes after @app_bytes of APP2 segments, as in
 * photos with large ICC profiles. */
static GByteArray *
jpeg_with_app_segments (gsize app_bytes)
{
  GByteArray *bytes = g_byte_array_new ();
  static const guint8 segment_head[] = { 0xff, 0xe2, 0xff, 0xff };
  static const guint8 soi[] = { 0xff, 0xd8 };
  guint8 filler[0xfffd];

  memset (filler, 'x', sizeof filler);
  g_byte_array_append (bytes, soi, sizeof soi);
  for (gsize done = 0; done < app_bytes; done += 0xffff + 2)
    {
      g_byte_array_append (bytes, segment_head, sizeof segment_head);
      g_byte_array_append (bytes, filler, sizeof filler);
    }
  g_byte_array_append (bytes, jpeg_1920x1080 + 2, sizeof jpeg_1920x1080 - 2);

  return bytes;
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-image-info-XXXXXX", &error);
  g_autoptr(GByteArray) big = jpeg_with_app_segments (150 * 1024);
  g_autoptr(GByteArray) huge = jpeg_with_app_segments (300 * 1024);
  struct { const char *name; const guint8 *data; gsize len; } files[] = {
    { "a.png", png_300x2, sizeof png_300x2 },
    { "a.gif", gif_260x7, sizeof gif_260x7 },
    { "a.jpg", jpeg_1920x1080, sizeof jpeg_1920x1080 },
    { "big.jpg", big->data, big->len },
  };
  TdImageInfo info;

  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = write_temp_file (dir, files[i].name, files[i].data, files[i].len);
      TdImageInfo expected;

      g_assert_true (td_image_info_from_bytes (files[i].data, files[i].len, &expected));
      g_assert_true (td_image_info_from_file (path, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.format, ==, expected.format);
      g_assert_cmpuint (info.width, ==, expected.width);
      g_assert_cmpuint (info.height, ==, expected.height);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  /* Frame header beyond the 256 KiB read limit. */
  {
    g_autofree char *path = write_temp_file (dir, "huge.jpg", huge->data, huge->len);

    g_assert_false (td_image_info_from_file (path, &info, &error));
    g_assert_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_CORRUPT);
    g_clear_error (&error);
    g_assert_cmpint (info.format, ==, TD_IMAGE_FORMAT_UNKNOWN);
    g_unlink (path);
  }

  /* Truncated JPEG. */
  {
    g_autofree char *path = write_temp_file (dir, "cut.jpg", jpeg_1920x1080, JPEG_NEEDED - 1);

    g_assert_false (td_image_info_from_file (path, &info, &error));
    g_assert_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_CORRUPT);
    g_clear_error (&error);
    g_unlink (path);
  }

  /* Not an image, and an empty file. */
  {
    g_autofree char *text = write_temp_file (dir, "notes.png", (const guint8 *) "hello", 5);
    g_autofree char *empty = write_temp_file (dir, "empty.gif", (const guint8 *) "", 0);

    g_assert_false (td_image_info_from_file (text, &info, &error));
    g_assert_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_UNKNOWN_FORMAT);
    g_clear_error (&error);
    g_assert_false (td_image_info_from_file (empty, &info, &error));
    g_assert_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_UNKNOWN_FORMAT);
    g_clear_error (&error);
    g_unlink (text);
    g_unlink (empty);
  }

  /* Missing file. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);

    g_assert_false (td_image_info_from_file (missing, &info, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_mime_type (void)
{
  g_assert_cmpstr (td_image_format_mime_type (TD_IMAGE_FORMAT_PNG), ==, "image/png");
  g_assert_cmpstr (td_image_format_mime_type (TD_IMAGE_FORMAT_JPEG), ==, "image/jpeg");
  g_assert_cmpstr (td_image_format_mime_type (TD_IMAGE_FORMAT_GIF), ==, "image/gif");
  g_assert_null (td_image_format_mime_type (TD_IMAGE_FORMAT_UNKNOWN));
}

static void
test_extension (void)
{
  static const struct { const char *path; gboolean expected; } cases[] = {
    { "photo.png", TRUE },
    { "photo.PNG", TRUE },
    { "/home/me/Pictures/cat.JpEg", TRUE },
    { "cat.jpg", TRUE },
    { "anim.gif", TRUE },
    { "archive.png.zip", FALSE },
    { "photo.webp", FALSE },
    { "photo.svg", FALSE },
    { "png", FALSE },
    { ".png", FALSE },
    { "images.png/readme", FALSE },
    { "", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (td_image_path_has_image_extension (cases[i].path), ==, cases[i].expected);

  g_assert_false (td_image_path_has_image_extension (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/image-info/png", test_png);
  g_test_add_func ("/core/image-info/png/bad", test_png_bad);
  g_test_add_func ("/core/image-info/gif", test_gif);
  g_test_add_func ("/core/image-info/jpeg", test_jpeg);
  g_test_add_func ("/core/image-info/jpeg/frame-types", test_jpeg_frame_types);
  g_test_add_func ("/core/image-info/jpeg/fill-and-standalone", test_jpeg_fill_and_standalone);
  g_test_add_func ("/core/image-info/jpeg/bad", test_jpeg_bad);
  g_test_add_func ("/core/image-info/truncated", test_truncated);
  g_test_add_func ("/core/image-info/not-images", test_not_images);
  g_test_add_func ("/core/image-info/mutations", test_mutations);
  g_test_add_func ("/core/image-info/file", test_file);
  g_test_add_func ("/core/image-info/mime-type", test_mime_type);
  g_test_add_func ("/core/image-info/extension", test_extension);

  return g_test_run ();
}
