/* td-picture-file.c: an openat() walk that never follows a link
 *
 * Resolving the path and then checking where it landed (realpath) leaves a
 * gap in which a link can be swapped in; opening one name at a time with
 * O_NOFOLLOW, each relative to the folder just opened, leaves none. Only
 * the folder itself is opened by its full path.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "td-picture-file.h"
#include "td-read-limited.h"

G_DEFINE_QUARK (td-picture-file-error-quark, td_picture_file_error)

static gboolean
is_plain_name (const char *name)
{
  return name[0] != '\0' && !g_str_equal (name, ".") && !g_str_equal (name, "..");
}

/* Explains why opening name, the last step of prefix, in dir_fd failed.
 * openat()'s errno does not always tell (O_DIRECTORY on a link gives
 * ENOTDIR), so look at what is there without following it. */
static void
set_open_error (int          dir_fd,
                const char  *name,
                const char  *relative,
                const char  *prefix,
                gboolean     last,
                int          saved_errno,
                GError     **error)
{
  struct stat st;

  if (saved_errno != ENOENT && fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
      if (S_ISLNK (st.st_mode) && last)
        {
          g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_LINK,
                       _("“%s” is a link, not a picture in the issue’s folder"), relative);
          return;
        }
      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_OUTSIDE,
                       _("“%s” leads outside the issue’s folder: “%s” is a link"),
                       relative, prefix);
          return;
        }
      if (!last && !S_ISDIR (st.st_mode))
        {
          g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_FOUND,
                       _("“%s” is missing from the issue’s folder: “%s” is not a folder"),
                       relative, prefix);
          return;
        }
    }
  if (saved_errno == ENOENT)
    g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_FOUND,
                 _("“%s” is missing from the issue’s folder"), relative);
  else
    g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_FAILED,
                 _("Can’t read the picture “%s”: %s"), relative, g_strerror (saved_errno));
}

/* The document portal's FUSE file system (xdg-document-portal 1.16, in a
 * folder exported whole, as the Flatpak sees a folder she granted) answers
 * O_NOFOLLOW on a regular file with ELOOP: it reopens the file through
 * /proc/self/fd with the caller's flags. So, when that happens: a handle on
 * the name itself (O_PATH, still no link followed), and if that is a
 * regular file, the same file opened through its handle -- race-free, as
 * nothing is looked up by name again. -1 with errno otherwise. */
static int
open_file_via_path (int         dir_fd,
                    const char *name,
                    int         flags)
{
  g_autofree char *proc_path = NULL;
  struct stat st;
  struct stat opened;
  int path_fd = openat (dir_fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  int fd;

  if (path_fd < 0)
    return -1;
  if (fstat (path_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (path_fd);
      errno = ELOOP;
      return -1;
    }
  proc_path = g_strdup_printf ("/proc/self/fd/%d", path_fd);
  fd = open (proc_path, flags & ~O_NOFOLLOW);
  close (path_fd);
  if (fd >= 0 && (fstat (fd, &opened) != 0 || opened.st_ino != st.st_ino
                  || opened.st_dev != st.st_dev))
    {
      close (fd);
      errno = ELOOP;
      return -1;
    }
  return fd;
}

/* A descriptor of whatever relative names inside base_dir, reached
 * without following any link, or -1. */
static int
open_beneath (const char  *base_dir,
              const char  *relative,
              GError     **error)
{
  g_auto(GStrv) names = g_strsplit (relative, "/", -1);
  g_autoptr(GString) prefix = g_string_new (NULL);
  int fd;

  if (names[0] == NULL)
    {
      g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_UNSAFE_PATH,
                   _("“%s” is not a path inside the issue’s folder"), relative);
      return -1;
    }
  for (guint i = 0; names[i] != NULL; i++)
    if (!is_plain_name (names[i]))
      {
        g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_UNSAFE_PATH,
                     _("“%s” is not a path inside the issue’s folder"), relative);
        return -1;
      }

  fd = open (base_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_FAILED,
                   _("Can’t read the picture “%s”: the issue’s folder can’t be opened (%s)"),
                   relative, g_strerror (saved_errno));
      return -1;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean last = names[i + 1] == NULL;
      /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
      int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
                  (last ? 0 : O_DIRECTORY);
      int next = openat (fd, names[i], flags);
      int saved_errno = errno;

      if (next < 0 && saved_errno == ELOOP && last)
        {
          next = open_file_via_path (fd, names[i], flags);
          saved_errno = errno;
        }

      if (prefix->len > 0)
        g_string_append_c (prefix, '/');
      g_string_append (prefix, names[i]);
      if (next < 0)
        {
          set_open_error (fd, names[i], relative, prefix->str, last, saved_errno, error);
          close (fd);
          return -1;
        }
      close (fd);
      fd = next;
    }
  return fd;
}

GInputStream *
td_picture_file_open (const char   *base_dir,
                      const char   *relative,
                      goffset      *size,
                      GError      **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (base_dir != NULL, NULL);
  g_return_val_if_fail (relative != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open_beneath (base_dir, relative, error);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_FAILED,
                   _("Can’t read the picture “%s”: %s"), relative, g_strerror (saved_errno));
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_REGULAR,
                     _("“%s” is a folder, not a picture"), relative);
      else
        g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_REGULAR,
                     _("“%s” is not a regular file (a device, a pipe or a socket)"), relative);
      close (fd);
      return NULL;
    }
  if (size != NULL)
    *size = st.st_size;
  return g_unix_input_stream_new (fd, TRUE);
}

GBytes *
td_picture_file_read (const char   *base_dir,
                      const char   *relative,
                      GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;
  goffset size = 0;

  stream = td_picture_file_open (base_dir, relative, &size, error);
  if (stream == NULL)
    return NULL;
  if (size > TD_PICTURE_MAX_FILE_SIZE)
    {
      g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_TOO_LARGE,
                   _("“%s” is too large (%lld bytes; at most %d)"), relative,
                   (long long) size, TD_PICTURE_MAX_FILE_SIZE);
      return NULL;
    }
  bytes = td_read_limited (stream, TD_PICTURE_MAX_FILE_SIZE, &local_error);
  if (bytes == NULL)
    {
      /* It grew while being read. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_TOO_LARGE,
                     _("“%s” is too large (more than %d bytes)"), relative,
                     TD_PICTURE_MAX_FILE_SIZE);
      else
        g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_FAILED,
                     _("Can’t read the picture “%s”: %s"), relative, local_error->message);
    }
  return bytes;
}

gboolean
td_picture_file_get_info (const char   *base_dir,
                          const char   *relative,
                          TdImageInfo  *info,
                          GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  *info = (TdImageInfo) { TD_IMAGE_FORMAT_UNKNOWN, 0, 0, 0, FALSE };
  stream = td_picture_file_open (base_dir, relative, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (td_image_info_from_stream (stream, relative, info, &local_error))
    return TRUE;
  if (local_error->domain == TD_IMAGE_INFO_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_FAILED,
                 _("Can’t read the picture “%s”: %s"), relative, local_error->message);
  return FALSE;
}
