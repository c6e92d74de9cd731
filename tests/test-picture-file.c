/* test-picture-file.c: reading pictures without leaving the issue's folder
 *
 * Each test builds a real folder with real symbolic links, FIFOs and
 * folders named like pictures in a temporary directory.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "td-issue-loader.h"
#include "td-picture-file.h"
#include "td-test-util.h"

typedef struct
{
  char *root;     /* holds issue/ and outside/ */
  char *issue;    /* the issue's folder */
  char *outside;  /* a folder next to it, with a picture in it */
  GBytes *png;    /* a real picture's bytes */
} Fixture;

static char *
fixture_path (Fixture    *fixture,
              const char *relative)
{
  return g_build_filename (fixture->root, relative, NULL);
}

static void
write_file (Fixture    *fixture,
            const char *relative,
            GBytes     *bytes)
{
  g_autofree char *path = fixture_path (fixture, relative);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                       (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
make_folder (Fixture    *fixture,
             const char *relative)
{
  g_autofree char *path = fixture_path (fixture, relative);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
}

/* A link at relative (inside the fixture) pointing to target, as given. */
static void
make_link (Fixture    *fixture,
           const char *target,
           const char *relative)
{
  g_autofree char *path = fixture_path (fixture, relative);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *badge = g_build_filename (sample, "images", "badge-amta.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (badge, &contents, &length, NULL));
  fixture->png = g_bytes_new_take (g_steal_pointer (&contents), length);
  fixture->root = g_dir_make_tmp ("tidings-picture-XXXXXX", NULL);
  g_assert_nonnull (fixture->root);
  fixture->issue = fixture_path (fixture, "issue");
  fixture->outside = fixture_path (fixture, "outside");
  make_folder (fixture, "issue/images");
  make_folder (fixture, "outside");
  write_file (fixture, "issue/images/logo.png", fixture->png);
  write_file (fixture, "outside/secret.png", fixture->png);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->root);

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_bytes_unref (fixture->png);
  g_free (fixture->root);
  g_free (fixture->issue);
  g_free (fixture->outside);
}

/* Reading relative fails with code and exactly message; so do getting its
 * size and opening it. */
static void
assert_refused (Fixture    *fixture,
                const char *relative,
                int         code,
                const char *message)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) info_error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GBytes) bytes = td_picture_file_read (fixture->issue, relative, &read_error);
  g_autoptr(GInputStream) stream = NULL;
  TdImageInfo info;
  goffset size = -1;

  g_assert_null (bytes);
  g_assert_error (read_error, TD_PICTURE_FILE_ERROR, code);
  g_assert_cmpstr (read_error->message, ==, message);
  g_assert_false (td_picture_file_get_info (fixture->issue, relative, &info, &info_error));
  g_assert_error (info_error, TD_PICTURE_FILE_ERROR, code);
  stream = td_picture_file_open (fixture->issue, relative, &size, &open_error);
  g_assert_null (stream);
  g_assert_error (open_error, TD_PICTURE_FILE_ERROR, code);
}

static void
test_plain_picture (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = td_picture_file_read (fixture->issue, "images/logo.png", &error);
  g_autoptr(GInputStream) stream = NULL;
  TdImageInfo info;
  goffset size = -1;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fixture->png));
  g_assert_true (td_picture_file_get_info (fixture->issue, "images/logo.png", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, TD_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (info.width, >, 0);
  stream = td_picture_file_open (fixture->issue, "images/logo.png", &size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stream);
  g_assert_cmpint (size, ==, (goffset) g_bytes_get_size (fixture->png));
}

/* The issue's own folder may be reached through a link: the user chose it. */
static void
test_folder_through_link (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *link = fixture_path (fixture, "issue-link");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  make_link (fixture, "issue", "issue-link");
  bytes = td_picture_file_read (link, "images/logo.png", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fixture->png));
}

static void
test_images_folder_is_link (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *images = fixture_path (fixture, "issue/images");
  g_autofree char *logo = fixture_path (fixture, "issue/images/logo.png");

  write_file (fixture, "outside/logo.png", fixture->png);
  g_assert_cmpint (g_unlink (logo), ==, 0);
  g_assert_cmpint (g_rmdir (images), ==, 0);
  make_link (fixture, fixture->outside, "issue/images");
  assert_refused (fixture, "images/logo.png", TD_PICTURE_FILE_ERROR_OUTSIDE,
                  "“images/logo.png” leads outside the issue’s folder: “images” is a link");
}

static void
test_link_in_the_middle (Fixture       *fixture,
                         gconstpointer  data)
{
  make_link (fixture, "../../outside", "issue/images/pics");
  make_link (fixture, fixture->outside, "issue/pics");
  assert_refused (fixture, "pics/secret.png", TD_PICTURE_FILE_ERROR_OUTSIDE,
                  "“pics/secret.png” leads outside the issue’s folder: “pics” is a link");
  assert_refused (fixture, "images/pics/secret.png", TD_PICTURE_FILE_ERROR_OUTSIDE,
                  "“images/pics/secret.png” leads outside the issue’s folder: “images/pics” "
                  "is a link");
}

/* Even a link that stays inside the folder is refused: nothing is read
 * through a link, so nothing needs resolving. */
static void
test_file_is_link (Fixture       *fixture,
                   gconstpointer  data)
{
  make_link (fixture, "../../outside/secret.png", "issue/images/secret.png");
  make_link (fixture, "logo.png", "issue/images/again.png");
  make_link (fixture, "/etc/hostname", "issue/images/host.png");
  assert_refused (fixture, "images/secret.png", TD_PICTURE_FILE_ERROR_LINK,
                  "“images/secret.png” is a link, not a picture in the issue’s folder");
  assert_refused (fixture, "images/again.png", TD_PICTURE_FILE_ERROR_LINK,
                  "“images/again.png” is a link, not a picture in the issue’s folder");
  assert_refused (fixture, "images/host.png", TD_PICTURE_FILE_ERROR_LINK,
                  "“images/host.png” is a link, not a picture in the issue’s folder");
}

/* td_image_path_is_safe() refuses these first; the primitive refuses them
 * too rather than trust every caller. */
static void
test_unsafe_paths (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const paths[] = {
    "../outside/secret.png", "images/../../outside/secret.png", "/etc/passwd",
    "images//logo.png", "./images/logo.png", "images/./logo.png", "", "images/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *message = g_strdup_printf ("“%s” is not a path inside the issue’s "
                                                  "folder", paths[i]);

      g_test_message ("%s", paths[i]);
      assert_refused (fixture, paths[i], TD_PICTURE_FILE_ERROR_UNSAFE_PATH, message);
    }
}

static void
test_not_regular (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *fifo = fixture_path (fixture, "issue/images/pipe.png");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  make_folder (fixture, "issue/images/folder.png");
  /* A FIFO must not block: nothing writes to it. */
  assert_refused (fixture, "images/pipe.png", TD_PICTURE_FILE_ERROR_NOT_REGULAR,
                  "“images/pipe.png” is not a regular file (a device, a pipe or a socket)");
  assert_refused (fixture, "images/folder.png", TD_PICTURE_FILE_ERROR_NOT_REGULAR,
                  "“images/folder.png” is a folder, not a picture");
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  assert_refused (fixture, "images/gone.png", TD_PICTURE_FILE_ERROR_NOT_FOUND,
                  "“images/gone.png” is missing from the issue’s folder");
  assert_refused (fixture, "photos/gone.png", TD_PICTURE_FILE_ERROR_NOT_FOUND,
                  "“photos/gone.png” is missing from the issue’s folder");
  assert_refused (fixture, "images/logo.png/x.png", TD_PICTURE_FILE_ERROR_NOT_FOUND,
                  "“images/logo.png/x.png” is missing from the issue’s folder: "
                  "“images/logo.png” is not a folder");
}

/* A file over the limit is refused by its size, without reading it. */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "issue/images/huge.png");
  g_autofree char *message = g_strdup_printf ("“images/huge.png” is too large (%d bytes; at "
                                              "most %d)", TD_PICTURE_MAX_FILE_SIZE + 1,
                                              TD_PICTURE_MAX_FILE_SIZE);
  int fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_autoptr(GError) error = NULL;
  TdImageInfo info;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, g_bytes_get_data (fixture->png, NULL),
                          g_bytes_get_size (fixture->png)), ==,
                   (gssize) g_bytes_get_size (fixture->png));
  /* Sparse: it takes no room on disk. */
  g_assert_cmpint (ftruncate (fd, TD_PICTURE_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  {
    g_autoptr(GBytes) bytes = td_picture_file_read (fixture->issue, "images/huge.png", &error);

    g_assert_null (bytes);
    g_assert_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, message);
  }
  /* Its size needs only its header. */
  g_clear_error (&error);
  g_assert_true (td_picture_file_get_info (fixture->issue, "images/huge.png", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, TD_IMAGE_FORMAT_PNG);
}

static void
test_not_a_picture (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("#!/bin/sh\n", 10);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  TdImageInfo info;

  write_file (fixture, "issue/images/fake.png", text);
  g_assert_false (td_picture_file_get_info (fixture->issue, "images/fake.png", &info, &error));
  g_assert_error (error, TD_IMAGE_INFO_ERROR, TD_IMAGE_INFO_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpstr (error->message, ==, "“images/fake.png” is not a PNG, JPEG or GIF image");
  /* Reading does not judge the contents. */
  g_clear_error (&error);
  read = td_picture_file_read (fixture->issue, "images/fake.png", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, text));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/pictures/file/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("plain", test_plain_picture);
  ADD ("folder-through-link", test_folder_through_link);
  ADD ("images-folder-is-link", test_images_folder_is_link);
  ADD ("link-in-the-middle", test_link_in_the_middle);
  ADD ("file-is-link", test_file_is_link);
  ADD ("unsafe-paths", test_unsafe_paths);
  ADD ("not-regular", test_not_regular);
  ADD ("missing", test_missing);
  ADD ("too-large", test_too_large);
  ADD ("not-a-picture", test_not_a_picture);
#undef ADD

  return g_test_run ();
}
