/* td-picture-file.h: reading an issue's pictures without leaving its folder
 *
 * A picture is named by a path relative to the folder, such as
 * "images/photo.jpg". An issue received from someone else (an archive, a
 * shared folder) may hold symbolic links that make such a path lead
 * anywhere: ~/.ssh, /etc, a device. Every reader of picture files goes
 * through td_picture_file_open(): it walks the path one name at a time from
 * the folder, refusing a link anywhere on the way and anything at
 * its end but a regular file, so what it reads is inside the folder. The
 * folder itself may be reached through links: the user chose it.
 *
 * The path should already have passed td_image_path_is_safe(); "..", "."
 * and absolute paths are refused here too, rather than trusting callers.
 */
#pragma once

#include <gio/gio.h>

#include "td-core.h"
#include "td-image-info.h"

G_BEGIN_DECLS

#define TD_PICTURE_FILE_ERROR (td_picture_file_error_quark ())

typedef enum
{
  TD_PICTURE_FILE_ERROR_UNSAFE_PATH, /* absolute, "..", ".", an empty name */
  TD_PICTURE_FILE_ERROR_NOT_FOUND,   /* missing, or a name on the way is a file */
  TD_PICTURE_FILE_ERROR_OUTSIDE,     /* a folder on the way is a link */
  TD_PICTURE_FILE_ERROR_LINK,        /* the file itself is a link */
  TD_PICTURE_FILE_ERROR_NOT_REGULAR, /* a folder, a device, a FIFO, a socket */
  TD_PICTURE_FILE_ERROR_TOO_LARGE,   /* over TD_PICTURE_MAX_FILE_SIZE */
  TD_PICTURE_FILE_ERROR_FAILED,      /* any other error (permissions, I/O) */
} TdPictureFileError;

/* Most mail services refuse a whole message larger than this; a picture
 * this size is a mistake (td_picture_file_read() refuses it). */
#define TD_PICTURE_MAX_FILE_SIZE (25 * 1024 * 1024)

GQuark        td_picture_file_error_quark (void);

/* The primitive: the picture at @relative inside @base_dir, open for
 * reading at its start, and its size (may be NULL). Errors are
 * TD_PICTURE_FILE_ERROR, their messages name @relative and say why. */
GInputStream *td_picture_file_open     (const char   *base_dir,
                                        const char   *relative,
                                        goffset      *size,
                                        GError      **error);

/* The whole file, at most TD_PICTURE_MAX_FILE_SIZE bytes: for what copies
 * or embeds the picture (the .eml, the web export, the preview). The
 * contents are not judged: see td_picture_file_get_info(). */
GBytes       *td_picture_file_read     (const char   *base_dir,
                                        const char   *relative,
                                        GError      **error);

/* The picture's format and pixel size, from its header only (whatever the
 * file's size): for the validator and the renderers' width and height.
 * Errors are TD_PICTURE_FILE_ERROR, or TD_IMAGE_INFO_ERROR for a file that
 * is not a PNG, JPEG or GIF, or is damaged. */
gboolean      td_picture_file_get_info (const char   *base_dir,
                                        const char   *relative,
                                        TdImageInfo  *info,
                                        GError      **error);

G_END_DECLS
