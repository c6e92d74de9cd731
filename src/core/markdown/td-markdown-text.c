/* td-markdown-text.c: Markdown rendered to wrapped plain text (the HTML is td-markdown.c) */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "td-html.h"
#include "td-markdown.h"
#include "td-markdown-private.h"

/* Container blocks (block quotes, list items) contribute to a line prefix.
 * A list item's marker ("- ", "3. ") replaces the item's indentation on the
 * first line written inside it; until then it waits in `markers`.
 */

typedef struct
{
  gsize offset;   /* where in the prefix the marker goes */
  char  text[24]; /* as wide as the indentation it replaces */
} Marker;

typedef struct
{
  GString       *out;
  GString       *prefix;      /* continuation prefix of the open containers */
  GArray        *prefix_lens; /* gsize: prefix->len before each open container */
  GArray        *markers;     /* Marker: list markers waiting for their first line */
  GArray        *counters;    /* int: number of the next item of each open list */
  gsize          fresh;       /* prefix offset of the first container without output */
  GString       *inlines;     /* inline text of the current leaf block */
  GArray        *link_starts; /* gsize: offset in inlines where a link's text starts */
  cmark_node    *last_leaf;   /* last block that wrote lines */
  guint          width;
  TdLinkRefFunc  add_ref;
  gpointer       user_data;
  guint          image_depth;
  GPtrArray     *rows;        /* of the table being read: GPtrArray of cells' text */
} TextWriter;

/* Appends @text without control characters (C0 but tab, DEL, C1). */
static void
append_plain (GString    *out,
              const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\t') || c == 0x7F)
        continue;
      if (c == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
        {
          p++;
          continue;
        }
      g_string_append_c (out, (char) c);
    }
}

static void
rstrip_line (GString *s,
             gsize    line_start)
{
  while (s->len > line_start && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '\t'))
    g_string_truncate (s, s->len - 1);
}

static void
push_container (TextWriter *t,
                const char *indent,
                const char *marker)
{
  gsize len = t->prefix->len;

  g_array_append_val (t->prefix_lens, len);
  t->fresh = MIN (t->fresh, len);
  if (marker != NULL)
    {
      Marker m = { .offset = len };

      g_strlcpy (m.text, marker, sizeof m.text);
      g_array_append_val (t->markers, m);
    }
  g_string_append (t->prefix, indent);
}

static void
pop_container (TextWriter *t)
{
  gsize len = g_array_index (t->prefix_lens, gsize, t->prefix_lens->len - 1);

  g_array_set_size (t->prefix_lens, t->prefix_lens->len - 1);
  g_string_truncate (t->prefix, len);
}

/* Writes the waiting list markers over the indentation of the line that
 * starts at @line_start in @s. */
static void
apply_markers (TextWriter *t,
               GString    *s,
               gsize       line_start)
{
  for (guint i = 0; i < t->markers->len; i++)
    {
      const Marker *m = &g_array_index (t->markers, Marker, i);
      gsize n = strlen (m->text);

      g_assert (line_start + m->offset + n <= s->len);
      memcpy (s->str + line_start + m->offset, m->text, n);
    }

  g_array_set_size (t->markers, 0);
  t->fresh = G_MAXSIZE;
}

static int
node_depth (cmark_node *node)
{
  int depth = 0;

  for (; node != NULL; node = cmark_node_parent (node))
    depth++;

  return depth;
}

/* TRUE if the innermost list containing both @a and @b is tight. */
static gboolean
share_tight_list (cmark_node *a,
                  cmark_node *b)
{
  int depth_a = node_depth (a);
  int depth_b = node_depth (b);

  for (; depth_a > depth_b; depth_a--)
    a = cmark_node_parent (a);
  for (; depth_b > depth_a; depth_b--)
    b = cmark_node_parent (b);
  while (a != b)
    {
      a = cmark_node_parent (a);
      b = cmark_node_parent (b);
    }

  for (; a != NULL; a = cmark_node_parent (a))
    {
      if (cmark_node_get_type (a) == CMARK_NODE_LIST)
        return cmark_node_get_list_tight (a);
    }

  return FALSE;
}

/* A blank line, carrying only the prefix of containers already under way. */
static void
write_blank_line (TextWriter *t)
{
  gsize start = t->out->len;

  g_string_append_len (t->out, t->prefix->str, MIN (t->fresh, t->prefix->len));
  rstrip_line (t->out, start);
  g_string_append_c (t->out, '\n');
}

/* Called before a block writes its first line. */
static void
begin_leaf (TextWriter *t,
            cmark_node *node)
{
  if (t->last_leaf != NULL && !share_tight_list (t->last_leaf, node))
    write_blank_line (t);
  t->last_leaf = node;
}

static void
write_line (TextWriter *t,
            const char *content)
{
  gsize start = t->out->len;

  g_string_append (t->out, t->prefix->str);
  apply_markers (t, t->out, start);
  append_plain (t->out, content);
  rstrip_line (t->out, start);
  g_string_append_c (t->out, '\n');
}

/* Wraps t->inlines (hard line breaks are '\n' in it) into @block and
 * writes it as the block @node. FALSE if there was no text to write. */
static gboolean
write_wrapped (TextWriter *t,
               cmark_node *node,
               GString    *block)
{
  g_auto(GStrv) segments = g_strsplit (t->inlines->str, "\n", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    td_text_wrap_append (block, segments[i], t->width, t->prefix->str);

  if (block->len == 0)
    return FALSE;

  begin_leaf (t, node);
  apply_markers (t, block, 0);
  g_string_append_len (t->out, block->str, block->len);

  return TRUE;
}

static void
text_paragraph (TextWriter *t,
                cmark_node *node)
{
  g_autoptr(GString) block = g_string_new (NULL);

  write_wrapped (t, node, block);
}

/* Underlines a heading as wide as its widest line. */
static void
text_heading (TextWriter *t,
              cmark_node *node)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autofree char *underline = NULL;
  g_auto(GStrv) lines = NULL;
  guint prefix_width = td_text_width (t->prefix->str, -1);
  guint width = 0;

  if (!write_wrapped (t, node, block))
    return;

  lines = g_strsplit (block->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    width = MAX (width, td_text_width (lines[i], -1));
  width = width > prefix_width ? width - prefix_width : 1;

  underline = g_strnfill (width, cmark_node_get_heading_level (node) <= 2 ? '=' : '-');
  write_line (t, underline);
}

static void
text_code_block (TextWriter *t,
                 cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  g_auto(GStrv) lines = g_strsplit (literal != NULL ? literal : "", "\n", -1);
  guint n = g_strv_length (lines);

  /* The literal ends with a newline: no line after it. */
  if (n > 0 && *lines[n - 1] == '\0')
    n--;
  if (n == 0)
    return;

  begin_leaf (t, node);
  for (guint i = 0; i < n; i++)
    write_line (t, lines[i]);
}

static void
text_item (TextWriter *t,
           cmark_node *node,
           gboolean    entering)
{
  g_autofree char *indent = NULL;
  cmark_node *list;
  char marker[24];
  int *counter;

  if (!entering)
    {
      /* An empty item still shows its marker. */
      gsize own = g_array_index (t->prefix_lens, gsize, t->prefix_lens->len - 1);

      if (t->markers->len > 0
          && g_array_index (t->markers, Marker, t->markers->len - 1).offset == own)
        {
          begin_leaf (t, node);
          write_line (t, "");
        }
      pop_container (t);
      return;
    }

  list = cmark_node_parent (node);
  counter = &g_array_index (t->counters, int, t->counters->len - 1);
  if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    g_snprintf (marker, sizeof marker, "%d%c ", (*counter)++,
                cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
  else
    g_strlcpy (marker, "- ", sizeof marker);

  indent = g_strnfill (strlen (marker), ' ');
  push_container (t, indent, marker);
}

static void
text_list (TextWriter *t,
           cmark_node *node,
           gboolean    entering)
{
  if (entering)
    {
      int start = cmark_node_get_list_start (node);

      g_array_append_val (t->counters, start);
    }
  else
    {
      g_array_set_size (t->counters, t->counters->len - 1);
    }
}

static gboolean
link_text_is_url (const char *text,
                  const char *url)
{
  return strcmp (text, url) == 0
         || (g_str_has_prefix (url, "mailto:") && strcmp (text, url + strlen ("mailto:")) == 0);
}

static void
text_link (TextWriter *t,
           cmark_node *node,
           gboolean    entering)
{
  const char *url = cmark_node_get_url (node);
  gsize start;

  if (!_td_markdown_link_is_allowed (node))
    return;

  if (entering)
    {
      g_array_append_val (t->link_starts, t->inlines->len);
      return;
    }

  start = g_array_index (t->link_starts, gsize, t->link_starts->len - 1);
  g_array_set_size (t->link_starts, t->link_starts->len - 1);

  if (t->inlines->str[start] == '\0')
    append_plain (t->inlines, url);
  else if (link_text_is_url (t->inlines->str + start, url))
    return;
  else if (t->add_ref != NULL)
    g_string_append_printf (t->inlines, " [%u]", t->add_ref (url, t->user_data));
  else
    {
      g_string_append (t->inlines, " (");
      append_plain (t->inlines, url);
      g_string_append (t->inlines, ")");
    }
}

static void
text_inline (TextWriter *t,
             cmark_node *node,
             gboolean    entering)
{
  gboolean in_image = t->image_depth > 0;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      append_plain (t->inlines, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (t->inlines, ' ');
      break;
    case CMARK_NODE_LINEBREAK:
      g_string_append_c (t->inlines, in_image ? ' ' : '\n');
      break;
    case CMARK_NODE_EMPH:
      if (!in_image)
        g_string_append_c (t->inlines, '_');
      break;
    case CMARK_NODE_STRONG:
      if (!in_image)
        g_string_append_c (t->inlines, '*');
      break;
    case CMARK_NODE_LINK:
      if (!in_image)
        text_link (t, node, entering);
      break;
    case CMARK_NODE_IMAGE:
      if (entering)
        t->image_depth++;
      else
        t->image_depth--;
      break;
    default:
      break;
    }
}

/* A table whose columns fit the width: cells padded to their column's width
 * (right-aligned columns on the left), " | " between them, and a line of
 * dashes under the header. */
static void
text_table_columns (TextWriter *t,
                    cmark_node *table,
                    guint      *widths,
                    guint       n_columns)
{
  uint8_t *alignments = cmark_gfm_extensions_get_table_alignments (table);
  guint n_alignments = cmark_gfm_extensions_get_table_columns (table);

  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = c < row->len ? g_ptr_array_index (row, c) : "";
          guint pad = widths[c] - td_text_width (cell, -1);
          gboolean right = alignments != NULL && c < n_alignments && alignments[c] == 'r';

          if (c > 0)
            g_string_append (line, " | ");
          if (right)
            g_string_append_printf (line, "%*s", (int) pad, "");
          g_string_append (line, cell);
          if (!right)
            g_string_append_printf (line, "%*s", (int) pad, "");
        }
      write_line (t, line->str);
      if (r == 0)
        {
          g_string_truncate (line, 0);
          for (guint c = 0; c < n_columns; c++)
            {
              g_autofree char *dashes = g_strnfill (MAX (widths[c], 1), '-');

              if (c > 0)
                g_string_append (line, " | ");
              g_string_append (line, dashes);
            }
          write_line (t, line->str);
        }
    }
}

/* A table too wide for the lines: each row of the body as a block of
 * "Header: cell" lines, wrapped, a blank line between rows. */
static void
text_table_records (TextWriter *t)
{
  GPtrArray *header = g_ptr_array_index (t->rows, 0);

  for (guint r = 1; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      g_autoptr(GString) block = g_string_new (NULL);

      if (r > 1)
        write_blank_line (t);
      for (guint c = 0; c < row->len; c++)
        {
          const char *name = c < header->len ? g_ptr_array_index (header, c) : "";
          g_autofree char *line = name[0] != '\0'
                                  ? g_strdup_printf ("%s: %s", name,
                                                     (char *) g_ptr_array_index (row, c))
                                  : g_strdup (g_ptr_array_index (row, c));

          td_text_wrap_append (block, line, t->width, t->prefix->str);
        }
      apply_markers (t, block, 0);
      g_string_append_len (t->out, block->str, block->len);
    }
}

static void
text_table (TextWriter *t,
            cmark_node *table)
{
  g_autofree guint *widths = NULL;
  guint n_columns = 0, total = 0;
  guint room = t->width > 0 ? t->width - MIN (t->width, td_text_width (t->prefix->str, -1))
                            : G_MAXUINT;

  if (t->rows->len == 0)
    return;
  for (guint r = 0; r < t->rows->len; r++)
    n_columns = MAX (n_columns, ((GPtrArray *) g_ptr_array_index (t->rows, r))->len);
  if (n_columns == 0)
    return;
  widths = g_new0 (guint, n_columns);
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < row->len; c++)
        widths[c] = MAX (widths[c], td_text_width (g_ptr_array_index (row, c), -1));
    }
  for (guint c = 0; c < n_columns; c++)
    total += widths[c] + (c > 0 ? 3 : 0);

  begin_leaf (t, table);
  if (total <= room || t->rows->len == 1)
    text_table_columns (t, table, widths, n_columns);
  else
    text_table_records (t);
}

/* Tables: their cells' text is gathered, then laid out at the table's end.
 * FALSE when @node is not part of a table. */
static gboolean
text_table_node (TextWriter *t,
                 cmark_node *node,
                 gboolean    entering)
{
  switch (_td_markdown_table_part (node))
    {
    case TD_TABLE:
      if (entering)
        {
          g_clear_pointer (&t->rows, g_ptr_array_unref);
          t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        }
      else if (t->rows != NULL)
        {
          text_table (t, node);
          g_clear_pointer (&t->rows, g_ptr_array_unref);
        }
      return TRUE;
    case TD_TABLE_ROW:
      if (entering && t->rows != NULL)
        g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (g_free));
      return TRUE;
    case TD_TABLE_CELL:
      if (entering)
        g_string_truncate (t->inlines, 0);
      else if (t->rows != NULL && t->rows->len > 0)
        g_ptr_array_add (g_ptr_array_index (t->rows, t->rows->len - 1),
                         g_strstrip (g_strdup (t->inlines->str)));
      return TRUE;
    case TD_TABLE_NONE:
    default:
      return FALSE;
    }
}

static void
text_node (TextWriter *t,
           cmark_node *node,
           gboolean    entering)
{
  if (text_table_node (t, node, entering))
    return;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_BLOCK_QUOTE:
      if (entering)
        push_container (t, "> ", NULL);
      else
        pop_container (t);
      break;
    case CMARK_NODE_LIST:
      text_list (t, node, entering);
      break;
    case CMARK_NODE_ITEM:
      text_item (t, node, entering);
      break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
      if (entering)
        g_string_truncate (t->inlines, 0);
      else if (cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH)
        text_paragraph (t, node);
      else
        text_heading (t, node);
      break;
    case CMARK_NODE_CODE_BLOCK:
      text_code_block (t, node);
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      begin_leaf (t, node);
      write_line (t, "* * *");
      break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_CUSTOM_BLOCK:
      break;
    default:
      text_inline (t, node, entering);
      break;
    }
}

char *
td_markdown_to_text (const char    *markdown,
                     guint          width,
                     TdLinkRefFunc  add_ref,
                     gpointer       user_data)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GString) inlines = g_string_new (NULL);
  g_autoptr(GArray) prefix_lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  g_autoptr(GArray) counters = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) link_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  TextWriter t = { 0 };

  if (markdown == NULL || *markdown == '\0')
    return g_strdup ("");

  t.out = g_string_new (NULL);
  t.prefix = prefix;
  t.prefix_lens = prefix_lens;
  t.markers = markers;
  t.counters = counters;
  t.fresh = G_MAXSIZE;
  t.inlines = inlines;
  t.link_starts = link_starts;
  t.width = width;
  t.add_ref = add_ref;
  t.user_data = user_data;
  _td_markdown_walk (markdown, (TdMarkdownNodeFunc) text_node, &t);
  g_clear_pointer (&t.rows, g_ptr_array_unref);

  return g_string_free (t.out, FALSE);
}
