/* td-picture-derive.h: the pictures the exports write, and their cache
 *
 * Exports never send a stored picture as it is: they write a derived copy,
 * read through td_picture_file_open() and made with td_picture_convert()
 * (upright, no metadata, no larger than where it is shown). Derived copies
 * are kept in a cache named by a hash of the source's bytes and the limits,
 * so the preview and repeated exports convert each picture once.
 */
#pragma once

#include <gio/gio.h>

#include "td-core.h"
#include "td-picture-convert.h"

G_BEGIN_DECLS

/* $XDG_CACHE_HOME/tidings/pictures, or $TIDINGS_PICTURE_CACHE_DIR. */
char   *td_picture_cache_dir (void);

/* The picture at @src inside @base_dir, within @limits; @result (may be
 * NULL) says its format and size. Errors are those of
 * td_picture_file_read() and td_picture_convert(), naming @src. A cache
 * that can't be written is no error: the picture is converted each time. */
GBytes *td_picture_derive    (const char            *base_dir,
                              const char            *src,
                              const TdPictureLimits *limits,
                              TdPictureResult       *result,
                              GError               **error);

G_END_DECLS
