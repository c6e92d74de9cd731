/* test-picture-convert.c: pictures made fit to store and to send
 *
 * The fixtures are made here, with ImageMagick's convert and exiftool
 * (Debian's imagemagick and libimage-exiftool-perl): a picture with a red
 * top-left corner stored in each of the 8 EXIF orientations, with GPS and
 * maker tags; a CMYK JPEG; a 16-bit PNG; a PNG with transparency; an
 * animated GIF; a 12 MP phone photo. Each test checks the result's pixels
 * (the red corner is top left), size, format, and that no metadata is
 * left, by our own reader and by exiftool.
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "td-image-info.h"
#include "td-picture-convert.h"
#include "td-test-util.h"

static char *fixtures;  /* the folder of the fixtures, made once */

static gboolean
have_tools (void)
{
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");

  if (convert == NULL || exiftool == NULL)
    {
      g_test_skip ("needs ImageMagick's convert and exiftool");
      return FALSE;
    }
  return TRUE;
}

/* Runs @command with sh in the fixtures' folder; returns its output. */
static char *
run (const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (fixtures, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed: %s", command, err);
  return out;
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (fixtures, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

/* The upright picture: 300 × 200, many colours, its top-left 60 × 40 red. */
static void
make_fixtures (void)
{
  static const char *stored[9] = {
    NULL, "", "-flop", "-rotate 180", "-flip", "-transpose", "-rotate 270", "-transverse",
    "-rotate 90",
  };

  if (fixtures != NULL)
    return;
  fixtures = g_dir_make_tmp ("tidings-pictures-XXXXXX", NULL);
  g_assert_nonnull (fixtures);
  g_free (run ("convert -size 300x200 -seed 7 plasma:white-steelblue "
               "-fill red -draw 'rectangle 0,0 59,39' upright.png"));
  for (int o = 1; o <= 8; o++)
    {
      g_autofree char *command =
        g_strdup_printf ("convert upright.png %s -quality 92 orient-%d.jpg && "
                         "exiftool -q -overwrite_original -Orientation#=%d "
                         "-GPSLatitude=48.8566 -GPSLatitudeRef=N -GPSLongitude=2.3522 "
                         "-GPSLongitudeRef=E -Make=Apple '-Model=iPhone 13' "
                         "'-XMP-dc:Creator=Her Name' '-Comment=a comment' orient-%d.jpg",
                         stored[o], o, o, o);

      g_free (run (command));
    }
  g_free (run ("convert upright.png -colorspace CMYK -quality 90 cmyk.jpg"));
  g_free (run ("convert upright.png -depth 16 PNG48:deep.png"));
  g_free (run ("convert -size 200x200 xc:none -fill '#336699' -draw 'circle 100,100 100,10' "
               "-fill red -draw 'rectangle 0,0 59,39' alpha.png"));
  g_free (run ("convert -delay 20 -size 120x80 xc:red xc:blue -loop 0 anim.gif"));
  /* A phone photo: 4032 × 3024 stored, shown portrait (orientation 6). */
  g_free (run ("convert -size 1008x756 -seed 3 plasma:orange-green -resize 4032x3024! "
               "-attenuate 0.4 +noise Gaussian -quality 92 phone.jpg && "
               "exiftool -q -overwrite_original -Orientation#=6 -GPSLatitude=40.7 "
               "-GPSLatitudeRef=N -GPSLongitude=74.0 -GPSLongitudeRef=W -Make=Apple "
               "'-Model=iPhone 13 Pro' phone.jpg"));
}

/* No EXIF, GPS, XMP, IPTC, maker notes, comment or colour profile, by our
 * own reader and by exiftool. */
static void
assert_no_metadata (GBytes *bytes)
{
  g_autofree char *path = g_build_filename (fixtures, "out.bin", NULL);
  g_autofree char *tags = NULL;
  g_autoptr(GError) error = NULL;
  TdImageInfo info;

  g_assert_true (td_image_info_from_bytes (g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), &info));
  g_assert_cmpuint (info.orientation, ==, 0);
  g_assert_false (info.has_gps);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  tags = run ("exiftool -s -s -G -EXIF:all -GPS:all -XMP:all -IPTC:all -MakerNotes:all "
              "-ICC_Profile:all -Comment -PNG:TextualData -Orientation out.bin");
  g_assert_cmpstr (tags, ==, "");
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static gboolean
is_red (GdkPixbuf *pixbuf,
        int        x,
        int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf)
                    + (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);

  return p[0] > 200 && p[1] < 60 && p[2] < 60;
}

/* The red corner is top left, and only there. */
static void
assert_upright (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);

  g_assert_true (is_red (pixbuf, w / 20, h / 20));
  g_assert_false (is_red (pixbuf, w - 1 - w / 20, h / 20));
  g_assert_false (is_red (pixbuf, w / 20, h - 1 - h / 20));
  g_assert_false (is_red (pixbuf, w - 1 - w / 20, h - 1 - h / 20));
}

static GBytes *
convert_fixture (const char            *name,
                 const TdPictureLimits *limits,
                 TdPictureResult       *result)
{
  g_autoptr(GBytes) source = fixture_bytes (name);
  g_autoptr(GError) error = NULL;
  GBytes *out = td_picture_convert (source, name, limits, result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_false (g_bytes_equal (out, source));
  g_test_message ("%s: %zu bytes, %u × %u upright -> %s %zu bytes, %u × %u", name,
                  g_bytes_get_size (source), result->source_width, result->source_height,
                  result->format == TD_IMAGE_FORMAT_PNG ? "PNG" : "JPEG",
                  g_bytes_get_size (out), result->width, result->height);
  return out;
}

static void
test_orientations (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;

  if (!have_tools ())
    return;
  make_fixtures ();
  for (int o = 1; o <= 8; o++)
    {
      g_autofree char *name = g_strdup_printf ("orient-%d.jpg", o);
      g_autoptr(GBytes) source = fixture_bytes (name);
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      TdPictureResult result;
      TdImageInfo info;

      /* Our header reader sees what the camera wrote. */
      g_assert_true (td_image_info_from_bytes (g_bytes_get_data (source, NULL),
                                               g_bytes_get_size (source), &info));
      g_assert_cmpuint (info.orientation, ==, o);
      g_assert_true (info.has_gps);

      out = convert_fixture (name, &import, &result);
      g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_JPEG);
      g_assert_cmpuint (result.width, ==, 300);
      g_assert_cmpuint (result.height, ==, 200);
      g_assert_cmpuint (result.source_width, ==, 300);
      g_assert_cmpuint (result.source_height, ==, 200);
      pixbuf = decode (out);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 300);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 200);
      assert_upright (pixbuf);
      assert_no_metadata (out);
    }
}

static void
test_phone_photo (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  const TdPictureLimits web = { TD_PICTURE_WEB_LONG_EDGE, 0 };
  const TdPictureLimits email = { 0, TD_PICTURE_EMAIL_WIDTH };
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) mail = NULL;
  TdPictureResult result;

  if (!have_tools ())
    return;
  make_fixtures ();
  stored = convert_fixture ("phone.jpg", &import, &result);
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_JPEG);
  g_assert_cmpuint (result.source_width, ==, 3024);
  g_assert_cmpuint (result.source_height, ==, 4032);
  /* Decoded at half size: 2,016 px, within 1,600 to 2,400. */
  g_assert_cmpuint (result.width, ==, 1512);
  g_assert_cmpuint (result.height, ==, 2016);
  assert_no_metadata (stored);

  /* Exactly 2,400 px when asked for exactly that. */
  {
    const TdPictureLimits exact = { TD_PICTURE_IMPORT_LONG_EDGE, 0, FALSE, 0 };
    g_autoptr(GBytes) source = fixture_bytes ("phone.jpg");
    g_autoptr(GBytes) big = td_picture_convert (source, "phone", &exact, &result, NULL);

    g_assert_nonnull (big);
    g_assert_cmpuint (result.width, ==, 1800);
    g_assert_cmpuint (result.height, ==, 2400);
  }

  /* The exports, from what was stored. */
  page = td_picture_convert (stored, "phone", &web, &result, NULL);
  g_assert_nonnull (page);
  g_assert_cmpuint (result.width, ==, 1200);
  g_assert_cmpuint (result.height, ==, 1600);
  g_test_message ("phone.jpg on the web page: %zu bytes, %u × %u", g_bytes_get_size (page),
                  result.width, result.height);
  mail = td_picture_convert (stored, "phone", &email, &result, NULL);
  g_assert_nonnull (mail);
  g_assert_cmpuint (result.width, ==, 1040);
  g_assert_cmpuint (result.height, ==, 1387);
  g_test_message ("phone.jpg in the email: %zu bytes, %u × %u", g_bytes_get_size (mail),
                  result.width, result.height);
  assert_no_metadata (mail);
}

static void
test_cmyk (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  TdPictureResult result;

  if (!have_tools ())
    return;
  make_fixtures ();
  out = convert_fixture ("cmyk.jpg", &import, &result);
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_JPEG);
  pixbuf = decode (out);
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 3);
  assert_upright (pixbuf);
  assert_no_metadata (out);
}

static void
test_deep_png (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  TdPictureResult result;

  if (!have_tools ())
    return;
  make_fixtures ();
  out = convert_fixture ("deep.png", &import, &result);
  /* A photograph stored as a 16-bit PNG: a JPEG now. */
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_JPEG);
  g_assert_cmpuint (result.width, ==, 300);
  pixbuf = decode (out);
  assert_upright (pixbuf);
  assert_no_metadata (out);
}

static void
test_alpha_png (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  const TdPictureLimits email = { 0, 100 };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *corner;
  TdPictureResult result;

  if (!have_tools ())
    return;
  make_fixtures ();
  out = convert_fixture ("alpha.png", &import, &result);
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_PNG);
  pixbuf = decode (out);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  /* Transparent where it was. */
  corner = gdk_pixbuf_read_pixels (pixbuf)
           + (gsize) 190 * gdk_pixbuf_get_rowstride (pixbuf) + 190 * 4;
  g_assert_cmpuint (corner[3], ==, 0);
  assert_no_metadata (out);

  /* Scaled, still with its transparency: never a JPEG. */
  small = td_picture_convert (out, "alpha", &email, &result, NULL);
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (result.width, ==, 100);
  g_assert_cmpuint (result.height, ==, 100);
}

static void
test_animated_gif (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  TdPictureResult result;

  if (!have_tools ())
    return;
  make_fixtures ();
  out = convert_fixture ("anim.gif", &import, &result);
  /* Its first frame, and few colours: a PNG. */
  g_assert_cmpint (result.format, ==, TD_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (result.width, ==, 120);
  g_assert_cmpuint (result.height, ==, 80);
  pixbuf = decode (out);
  g_assert_true (is_red (pixbuf, 60, 40));
  assert_no_metadata (out);
}

static void
test_refused (void)
{
  const TdPictureLimits import = TD_PICTURE_IMPORT_LIMITS;
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  /* A JPEG header claiming 60000 × 60000 pixels, and nothing else. */
  static const guint8 bomb[] = {
    0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xEA, 0x60, 0xEA, 0x60, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
  };
  g_autoptr(GBytes) huge = g_bytes_new_static (bomb, sizeof bomb);
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) phone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (td_picture_convert (text, "notes.txt", &import, NULL, &error));
  g_assert_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);

  g_assert_null (td_picture_convert (huge, "bomb.jpg", &import, NULL, &error));
  g_assert_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A PNG whose header reads but whose chunks are garbage: refused with
   * the file's name, the decoder closed (no warning). */
  {
    static const guint8 png[] = {
      0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
      0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef,
      0, 0, 0, 4, 'I', 'D', 'A', 'T', 1, 2, 3, 4, 5, 6, 7, 8,
    };
    g_autoptr(GBytes) broken = g_bytes_new_static (png, sizeof png);

    g_assert_null (td_picture_convert (broken, "broken.png", &import, NULL, &error));
    g_assert_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE);
    g_assert_nonnull (strstr (error->message, "broken.png"));
    g_clear_error (&error);
  }

  if (!have_tools ())
    return;
  make_fixtures ();
  /* Cut in the middle of its pixels: refused or decoded, never a crash. */
  phone = fixture_bytes ("orient-1.jpg");
  truncated = g_bytes_new_from_bytes (phone, 0, g_bytes_get_size (phone) / 2);
  g_clear_pointer (&phone, g_bytes_unref);
  phone = td_picture_convert (truncated, "cut.jpg", &import, NULL, &error);
  g_assert_true ((phone == NULL) == (error != NULL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/pictures/convert/orientations", test_orientations);
  g_test_add_func ("/core/pictures/convert/phone-photo", test_phone_photo);
  g_test_add_func ("/core/pictures/convert/cmyk", test_cmyk);
  g_test_add_func ("/core/pictures/convert/deep-png", test_deep_png);
  g_test_add_func ("/core/pictures/convert/alpha-png", test_alpha_png);
  g_test_add_func ("/core/pictures/convert/animated-gif", test_animated_gif);
  g_test_add_func ("/core/pictures/convert/refused", test_refused);
  status = g_test_run ();
  if (fixtures != NULL)
    td_test_remove_tree (fixtures);
  return status;
}
