/* td-markdown-private.h: what the Markdown HTML and plain-text renderers share */
#pragma once

#include <cmark-gfm.h>

#include "td-core.h"

G_BEGIN_DECLS

/* The parts of a table (the table extension's nodes have no constant). */
typedef enum
{
  TD_TABLE_NONE,
  TD_TABLE,
  TD_TABLE_ROW,    /* the header row too */
  TD_TABLE_CELL,
} TdTablePart;

/* What a walk does at every node, entering it and (for containers)
 * leaving it. */
typedef void (*TdMarkdownNodeFunc) (gpointer    walker,
                                    cmark_node *node,
                                    gboolean    entering);

/* Parses @markdown and calls @visit on every node, in document order. */
void        _td_markdown_walk            (const char         *markdown,
                                          TdMarkdownNodeFunc  visit,
                                          gpointer            walker);

TdTablePart _td_markdown_table_part      (cmark_node *node);

/* TRUE if @link's URL may be linked (td_url_is_safe_absolute()). */
gboolean    _td_markdown_link_is_allowed (cmark_node *link);

G_END_DECLS
