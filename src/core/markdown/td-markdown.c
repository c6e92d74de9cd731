/* td-markdown.c: Markdown parsed over cmark-gfm, and rendered to sanitized HTML.
 *
 * cmark-gfm (GitHub's CommonMark with extensions) parses, with two of its
 * extensions: tables, and autolinks (a bare https://… or www.… becomes a
 * link). We walk the tree ourselves (never cmark_render_html) so that what
 * may appear in a newsletter is decided here; the plain text is rendered
 * over the same walk in td-markdown-text.c. The walks use cmark_iter and
 * explicit stacks, never recursion, so deeply nested input is safe.
 */
#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-markdown.h"
#include "td-markdown-private.h"

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

TdTablePart
_td_markdown_table_part (cmark_node *node)
{
  const char *type;

  if (cmark_node_get_syntax_extension (node) == NULL)
    return TD_TABLE_NONE;
  type = cmark_node_get_type_string (node);
  if (strcmp (type, "table") == 0)
    return TD_TABLE;
  if (strcmp (type, "table_header") == 0 || strcmp (type, "table_row") == 0)
    return TD_TABLE_ROW;
  if (strcmp (type, "table_cell") == 0)
    return TD_TABLE_CELL;
  return TD_TABLE_NONE;
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

void
_td_markdown_walk (const char         *markdown,
                   TdMarkdownNodeFunc  visit,
                   gpointer            walker)
{
  g_autoptr(cmark_node) document = parse (markdown);
  g_autoptr(cmark_iter) iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    visit (walker, cmark_iter_get_node (iter), event == CMARK_EVENT_ENTER);
}

gboolean
_td_markdown_link_is_allowed (cmark_node *link)
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
    _td_markdown_walk (markdown, (TdMarkdownNodeFunc) collect_link, urls);
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
  if (!_td_markdown_link_is_allowed (node))
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
  TdTablePart part = _td_markdown_table_part (node);
  gboolean header;
  const char *name;
  char align;

  switch (part)
    {
    case TD_TABLE:
      html_tag (w, "table", STYLE (w, table), entering, OWN);
      return TRUE;
    case TD_TABLE_ROW:
      html_tag (w, "tr", NULL, entering, OWN);
      return TRUE;
    case TD_TABLE_CELL:
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
    case TD_TABLE_NONE:
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
  _td_markdown_walk (markdown, (TdMarkdownNodeFunc) html_node, &w);

  td_html_writer_clear (&w.html);
  return g_string_free (out, FALSE);
}
