/* td-markdown.c: Markdown to sanitized HTML and to plain text, over
 * cmark-gfm (GitHub's CommonMark with extensions).
 *
 * cmark-gfm parses, with two of its extensions: tables, and autolinks (a
 * bare https://… or www.… becomes a link). We walk the tree ourselves
 * (never cmark_render_html) so that what may appear in a newsletter is
 * decided here. The walks use cmark_iter and explicit stacks, never
 * recursion, so deeply nested input is safe.
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-markdown.h"

/* No CMARK_OPT_UNSAFE: cmark keeps raw HTML in the tree either way, and we
 * drop it while walking. */
#define PARSE_OPTIONS (CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)
#define MAX_INPUT_BYTES (1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_parser, cmark_parser_free)

/* The extensions used, registered once (cmark-gfm's registry is global,
 * and the renderers run in worker threads). */
static const char * const extensions[] = { "table", "autolink" };

static cmark_node *
parse (const char *markdown)
{
  static gsize registered = 0;
  g_autoptr(cmark_parser) parser = NULL;
  gsize len = strlen (markdown);

  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }

  if (len > MAX_INPUT_BYTES)
    {
      /* Cut before a character, not in the middle of one. */
      len = MAX_INPUT_BYTES;
      while (len > 0 && ((guchar) markdown[len] & 0xC0) == 0x80)
        len--;
    }

  parser = cmark_parser_new (PARSE_OPTIONS);
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }
  cmark_parser_feed (parser, markdown, len);
  return cmark_parser_finish (parser);
}

/* The parts of a table (the table extension's nodes have no constant). */
typedef enum
{
  TABLE_NONE,
  TABLE,
  TABLE_ROW,    /* the header row too */
  TABLE_CELL,
} TablePart;

static TablePart
table_part (cmark_node *node)
{
  const char *type;

  if (cmark_node_get_syntax_extension (node) == NULL)
    return TABLE_NONE;
  type = cmark_node_get_type_string (node);
  if (strcmp (type, "table") == 0)
    return TABLE;
  if (strcmp (type, "table_header") == 0 || strcmp (type, "table_row") == 0)
    return TABLE_ROW;
  if (strcmp (type, "table_cell") == 0)
    return TABLE_CELL;
  return TABLE_NONE;
}

/* The alignment of @cell's column: 'l', 'c', 'r' or 0 (none given). */
static char
cell_alignment (cmark_node *cell)
{
  cmark_node *row = cmark_node_parent (cell);
  cmark_node *table = row != NULL ? cmark_node_parent (row) : NULL;
  uint8_t *alignments;
  guint column = 0;

  if (table == NULL)
    return 0;
  for (cmark_node *n = cmark_node_previous (cell); n != NULL; n = cmark_node_previous (n))
    column++;
  if (column >= cmark_gfm_extensions_get_table_columns (table))
    return 0;
  alignments = cmark_gfm_extensions_get_table_alignments (table);
  return alignments != NULL ? (char) alignments[column] : 0;
}

static gboolean
row_is_header (cmark_node *row)
{
  return cmark_gfm_extensions_get_table_row_is_header (row) != 0;
}

/* What a walk does at every node, entering it and (for containers)
 * leaving it. */
typedef void (*NodeFunc) (gpointer    walker,
                          cmark_node *node,
                          gboolean    entering);

/* Parses @markdown and calls @visit on every node, in document order. */
static void
walk (const char *markdown,
      NodeFunc    visit,
      gpointer    walker)
{
  g_autoptr(cmark_node) document = parse (markdown);
  g_autoptr(cmark_iter) iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    visit (walker, cmark_iter_get_node (iter), event == CMARK_EVENT_ENTER);
}

static gboolean
link_is_allowed (cmark_node *link)
{
  return td_url_is_safe_absolute (cmark_node_get_url (link));
}

/* Paragraphs directly in an item of a tight list are not wrapped in <p>
 * and not separated by blank lines. */
static gboolean
in_tight_list (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);
  cmark_node *grandparent = parent != NULL ? cmark_node_parent (parent) : NULL;

  return grandparent != NULL
         && cmark_node_get_type (grandparent) == CMARK_NODE_LIST
         && cmark_node_get_list_tight (grandparent);
}

static void
collect_link (GPtrArray  *urls,
              cmark_node *node,
              gboolean    entering)
{
  const char *url;

  if (!entering || cmark_node_get_type (node) != CMARK_NODE_LINK)
    return;
  url = cmark_node_get_url (node);
  if (url != NULL)
    g_ptr_array_add (urls, g_strdup (url));
}

GPtrArray *
td_markdown_link_urls (const char *markdown)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);

  if (markdown != NULL && *markdown != '\0')
    walk (markdown, (NodeFunc) collect_link, urls);
  return urls;
}

/* ---------------------------------------------------------------------------
 * HTML
 */

/* No line is longer than RFC 5322 allows (td-html-writer.h). */
typedef struct
{
  TdHtmlWriter           html;
  const TdMarkdownStyle *style;
  int                    heading_offset;
  int                    last_level;  /* of the previous heading: levels never skip */
  int                    open_level;  /* of the heading being written */
  guint                  image_depth; /* > 0: inside an image, write alt text only */
  gboolean               rtl;         /* the document's direction */
} HtmlWalk;

#define STYLE(w, member) ((w)->style != NULL ? (w)->style->member : NULL)

static void
begin_tag (HtmlWalk   *w,
           const char *name)
{
  td_html_put (&w->html, "<");
  td_html_put (&w->html, name);
}

/* An attribute, unless its value is empty. */
static void
add_attr (HtmlWalk   *w,
          const char *name,
          const char *value,
          gboolean    is_url)
{
  if (value == NULL || *value == '\0')
    return;
  if (is_url)
    td_html_attr_url (&w->html, name, value);
  else
    td_html_attr (&w->html, name, value);
}

static void
open_tag (HtmlWalk   *w,
          const char *name,
          const char *style)
{
  begin_tag (w, name);
  add_attr (w, "style", style, FALSE);
  td_html_end_tag (&w->html);
}

/* TRUE if the text under @node has a letter of the direction opposite to
 * @rtl: such a block gets dir="auto", so that its punctuation and its
 * runs of the other script fall on the right sides, and so that Gmail's
 * mobile web client doesn't turn the whole email around when it finds
 * right-to-left text without an explicit direction. */
static gboolean
has_other_direction (cmark_node *node,
                     gboolean    rtl)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *n = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (n);
      const char *text;

      if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_TEXT && type != CMARK_NODE_CODE))
        continue;
      text = cmark_node_get_literal (n);
      if (text != NULL && td_text_reads_other_way (text, rtl))
        return TRUE;
    }
  return FALSE;
}

/* Opens a block that holds text (@name with @style), with dir="auto" when
 * its text reads the other way round than the document. */
static void
open_text_block (HtmlWalk   *w,
                 cmark_node *node,
                 const char *name,
                 const char *style)
{
  begin_tag (w, name);
  if (has_other_direction (node, w->rtl))
    td_html_put (&w->html, " dir=\"auto\"");
  add_attr (w, "style", style, FALSE);
  td_html_end_tag (&w->html);
}

static void
close_tag (HtmlWalk   *w,
           const char *name)
{
  td_html_put (&w->html, "</");
  td_html_put (&w->html, name);
  td_html_end_tag (&w->html);
}

/* Where an element's tags go. */
typedef enum
{
  INLINE,  /* in the text: emphasis, strong */
  LEADING, /* starting a line, its content after it on the same line:
            * a paragraph, a list item, a heading */
  OWN,     /* on lines of their own: a block quote, a list */
} Placement;

/* Opens or closes the element @name as @placement says. */
static void
html_tag_for (HtmlWalk   *w,
              cmark_node *text_block,
              const char *name,
              const char *style,
              gboolean    entering,
              Placement   placement)
{
  if (placement == OWN || (placement == LEADING && entering))
    td_html_newline (&w->html);
  if (entering && text_block != NULL)
    open_text_block (w, text_block, name, style);
  else if (entering)
    open_tag (w, name, style);
  else
    close_tag (w, name);
  if (placement == OWN || (placement == LEADING && !entering))
    td_html_newline (&w->html);
}

static void
html_tag (HtmlWalk   *w,
          const char *name,
          const char *style,
          gboolean    entering,
          Placement   placement)
{
  html_tag_for (w, NULL, name, style, entering, placement);
}

static void
html_list (HtmlWalk   *w,
           cmark_node *node,
           gboolean    entering)
{
  gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
  int start = cmark_node_get_list_start (node);

  if (!entering || !ordered || start == 1)
    {
      html_tag (w, ordered ? "ol" : "ul", ordered ? STYLE (w, ol) : STYLE (w, ul), entering, OWN);
      return;
    }

  td_html_newline (&w->html);
  begin_tag (w, "ol");
  td_html_putf (&w->html, " start=\"%d\"", start);
  add_attr (w, "style", STYLE (w, ol), FALSE);
  td_html_end_tag (&w->html);
  td_html_newline (&w->html);
}

static void
html_heading (HtmlWalk   *w,
              cmark_node *node,
              gboolean    entering)
{
  int offset = CLAMP (w->heading_offset, -6, 6);
  char name[3] = { 'h', '1', '\0' };

  /* "### Tip" right under the section's h2 becomes an h3, not an h5:
   * outlines and screen readers expect no skipped levels. */
  if (entering)
    {
      int level = CLAMP (cmark_node_get_heading_level (node) + offset, 1, 6);

      w->open_level = MIN (level, MAX (w->last_level, 0) + 1);
      w->last_level = w->open_level;
    }
  name[1] = (char) ('0' + w->open_level);
  html_tag_for (w, node, name, STYLE (w, h), entering, LEADING);
}

static void
html_code_block (HtmlWalk   *w,
                 cmark_node *node)
{
  td_html_newline (&w->html);
  open_tag (w, "pre", STYLE (w, pre));
  td_html_put (&w->html, "<code>");
  td_html_text_as (&w->html, cmark_node_get_literal (node), TD_HTML_FLOW_PRE);
  close_tag (w, "code");
  close_tag (w, "pre");
  td_html_newline (&w->html);
}

static void
html_thematic_break (HtmlWalk *w)
{
  td_html_newline (&w->html);
  open_tag (w, "hr", STYLE (w, hr));
  td_html_newline (&w->html);
}

static void
html_link (HtmlWalk   *w,
           cmark_node *node,
           gboolean    entering)
{
  if (!link_is_allowed (node))
    return;

  if (!entering)
    {
      close_tag (w, "a");
      return;
    }

  begin_tag (w, "a");
  add_attr (w, "href", cmark_node_get_url (node), TRUE);
  add_attr (w, "title", cmark_node_get_title (node), FALSE);
  add_attr (w, "style", STYLE (w, a), FALSE);
  td_html_end_tag (&w->html);
}

/* Inside an image only the text of the description is written. */
static void
html_alt_text (HtmlWalk   *w,
               cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      td_html_text (&w->html, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      td_html_text (&w->html, " ");
      break;
    default:
      break;
    }
}

/* Characters: a table cell whose words are all this short keeps them whole. */
#define SHORT_WORD 16

/* The number of characters of the longest word under @node. */
static glong
longest_word (cmark_node *node)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (node);
  cmark_event_type event;
  glong longest = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *n = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (n);
      const char *literal;
      glong run = 0;

      if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_TEXT && type != CMARK_NODE_CODE))
        continue;
      literal = cmark_node_get_literal (n);
      for (const char *p = literal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_isspace (g_utf8_get_char (p)))
            run = 0;
          else
            longest = MAX (longest, ++run);
        }
    }
  return longest;
}

/* A table, its rows and its cells (th in the header row), each cell with
 * its column's alignment. FALSE when @node is not part of a table. */
static gboolean
html_table (HtmlWalk   *w,
            cmark_node *node,
            gboolean    entering)
{
  TablePart part = table_part (node);
  gboolean header;
  const char *name;
  char align;

  switch (part)
    {
    case TABLE:
      html_tag (w, "table", STYLE (w, table), entering, OWN);
      return TRUE;
    case TABLE_ROW:
      html_tag (w, "tr", NULL, entering, OWN);
      return TRUE;
    case TABLE_CELL:
      header = row_is_header (cmark_node_parent (node));
      name = header ? "th" : "td";
      if (!entering)
        {
          close_tag (w, name);
          td_html_newline (&w->html);
          return TRUE;
        }
      align = cell_alignment (node);
      begin_tag (w, name);
      if (header)
        td_html_put (&w->html, " scope=\"col\"");
      if (has_other_direction (node, w->rtl))
        td_html_put (&w->html, " dir=\"auto\"");
      /* The cell's own style, then its column's alignment, then, for a
       * cell of short words ("60 min", "$120"), no breaking inside them:
       * the page breaks long words anywhere, which would let a narrow
       * screen give such a column a letter or two a line. */
      {
        const char *style = header ? STYLE (w, th) : STYLE (w, td);
        const char *text_align = align == 'r' ? "right" : align == 'c' ? "center"
                                 : align == 'l' ? "left" : NULL;
        g_autoptr(GString) all = g_string_new (style);

        if (text_align != NULL)
          g_string_append_printf (all, "%stext-align:%s", all->len > 0 ? ";" : "",
                                  text_align);
        if (longest_word (node) <= SHORT_WORD)
          g_string_append_printf (all, "%sword-break:normal;overflow-wrap:normal",
                                  all->len > 0 ? ";" : "");
        add_attr (w, "style", all->str, FALSE);
      }
      td_html_end_tag (&w->html);
      return TRUE;
    case TABLE_NONE:
    default:
      return FALSE;
    }
}

static void
html_node (HtmlWalk   *w,
           cmark_node *node,
           gboolean    entering)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_IMAGE)
    {
      if (entering)
        w->image_depth++;
      else
        w->image_depth--;
      return;
    }

  if (w->image_depth > 0)
    {
      if (entering)
        html_alt_text (w, node);
      return;
    }

  if (html_table (w, node, entering))
    return;

  /* Blocks and inlines mixed: the order of the cases doesn't matter. */
  switch (type)
    {
    case CMARK_NODE_LIST:
      html_list (w, node, entering);
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      html_tag (w, "blockquote", STYLE (w, blockquote), entering, OWN);
      break;
    case CMARK_NODE_CODE_BLOCK:
      html_code_block (w, node);
      break;
    case CMARK_NODE_PARAGRAPH:
      if (!in_tight_list (node))
        html_tag_for (w, node, "p", STYLE (w, p), entering, LEADING);
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      html_thematic_break (w);
      break;
    case CMARK_NODE_ITEM:
      html_tag_for (w, node, "li", STYLE (w, li), entering, LEADING);
      break;
    case CMARK_NODE_TEXT:
      td_html_text (&w->html, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_HEADING:
      html_heading (w, node, entering);
      break;
    case CMARK_NODE_LINEBREAK:
      open_tag (w, "br", NULL);
      td_html_put (&w->html, "\n");
      break;
    case CMARK_NODE_EMPH:
      html_tag (w, "em", STYLE (w, em), entering, INLINE);
      break;
    case CMARK_NODE_SOFTBREAK:
      td_html_put (&w->html, "\n");
      break;
    case CMARK_NODE_LINK:
      html_link (w, node, entering);
      break;
    case CMARK_NODE_CODE:
      open_tag (w, "code", STYLE (w, code));
      td_html_text_as (&w->html, cmark_node_get_literal (node), TD_HTML_FLOW_PRE);
      close_tag (w, "code");
      break;
    case CMARK_NODE_STRONG:
      html_tag (w, "strong", STYLE (w, strong), entering, INLINE);
      break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      /* Raw HTML is dropped, not escaped: it is never meant as text. */
      break;
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_NONE:
    default:
      break;
    }
}

char *
td_markdown_to_html (const char                  *markdown,
                     const TdMarkdownHtmlOptions *options)
{
  GString *out;
  HtmlWalk w = { 0 };

  if (markdown == NULL || *markdown == '\0')
    return g_strdup ("");

  out = g_string_new (NULL);
  td_html_writer_init (&w.html, out);
  if (options != NULL)
    {
      w.style = options->style;
      w.heading_offset = options->heading_offset;
      w.rtl = options->rtl;
    }
  w.last_level = CLAMP (w.heading_offset, 0, 5);
  walk (markdown, (NodeFunc) html_node, &w);

  td_html_writer_clear (&w.html);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------
 * Plain text
 *
 * Container blocks (block quotes, list items) contribute to a line prefix.
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

  if (!link_is_allowed (node))
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
  switch (table_part (node))
    {
    case TABLE:
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
    case TABLE_ROW:
      if (entering && t->rows != NULL)
        g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (g_free));
      return TRUE;
    case TABLE_CELL:
      if (entering)
        g_string_truncate (t->inlines, 0);
      else if (t->rows != NULL && t->rows->len > 0)
        g_ptr_array_add (g_ptr_array_index (t->rows, t->rows->len - 1),
                         g_strstrip (g_strdup (t->inlines->str)));
      return TRUE;
    case TABLE_NONE:
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
  walk (markdown, (NodeFunc) text_node, &t);
  g_clear_pointer (&t.rows, g_ptr_array_unref);

  return g_string_free (t.out, FALSE);
}
