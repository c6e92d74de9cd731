/* td-archive-private.h: what the archive's files share */
#pragma once

#include "td-archive.h"

G_BEGIN_DECLS

/* One issue of the archive, ready to render. */
typedef struct
{
  JsonNode   *root;        /* a copy: with a base URL, its public_base_url is page_url */
  const char *base_dir;
  const char *path;
  char       *month;       /* "2023-08": its folder in the archive */
  char       *page_url;    /* "BASE/2023-08/", or NULL without a base URL */
  char       *month_label; /* "August 2023", in the language */
  const char *title;
  const char *preheader;
  const char *language;
} TdArchiveEntry;

/* The page: the web export with the archive's links (to the
 * previous and next issues of @entries, newest first, and to the index). */
char *_td_archive_render_page    (const TdArchiveEntry *entries,
                                  guint                 n_entries,
                                  guint                 index);
/* DIR/index.html: every issue, newest first. */
char *_td_archive_render_index   (const TdArchiveEntry *entries,
                                  guint                 n_entries,
                                  gboolean              with_feed);
/* DIR/feed.atom and DIR/sitemap.xml; @base_url ends in '/'. */
char *_td_archive_render_feed    (const TdArchiveEntry *entries,
                                  guint                 n_entries,
                                  const char           *base_url);
char *_td_archive_render_sitemap (const TdArchiveEntry *entries,
                                  guint                 n_entries,
                                  const char           *base_url);

/* "2023-08-01T00:00:00Z" for the date ("2023-08" or "2023-08-15"),
 * or its first 10 characters for the sitemap ("2023-08-01"). */
char *_td_archive_timestamp      (const TdArchiveEntry *entry);

G_END_DECLS
