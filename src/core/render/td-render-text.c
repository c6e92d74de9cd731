/* td-render-text.c: the issue as the plain-text alternative of the email
 *
 * Same content in the same order as the HTML (docs/rendering.md), written for
 * a person reading it in a mail program that shows plain text:
 *
 *   - headings are underlined: the issue title with '=', section titles with
 *     '-', offer headings under a section title with '~' (markdown headings
 *     inside bodies are underlined by td_markdown_to_text());
 *   - paragraphs are wrapped at 72 columns, with a blank line between blocks;
 *   - every link the HTML has becomes a numbered reference "[N]" after its
 *     text; the URLs are listed at the end under "Links", each URL once,
 *     numbered in order of first appearance. A link whose text would be its
 *     own URL (the practice website) is written bare instead;
 *   - pictures are left out: the words around them carry the content, and
 *     a linked picture (a badge, a video thumbnail) always has a text link to
 *     the same place beside it;
 *   - the unsubscribe link is a reference like the others; a merge tag
 *     (*|UNSUB|*) is listed verbatim, for the mailing service to replace;
 *   - the hidden preheader of the HTML is not repeated: it is a summary for
 *     the inbox, not content;
 *   - no markup and no entities: text from the file is written as it is,
 *     minus control characters.
 *
 * Lines are at most 72 columns, except a word longer than that (a URL), which
 * stays whole on its own line, the lines of the reference list, and the
 * lines of markdown code blocks, which are kept as written.
 */
#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-l10n.h"
#include "td-markdown.h"
#include "td-render-private.h"

#define TEXT_WIDTH 72

/* The text being written; the layouts below get its renderer. */
typedef struct
{
  TdRenderer             renderer; /* first, so that a TdRenderer * is a TextRenderer * */
  GString               *out;
  GPtrArray             *urls;     /* the reference list, in order */
  GHashTable            *numbers;  /* URL (borrowed from urls) -> 1-based number */
} TextRenderer;

/* A copy of @text without control characters (C0 but newline, DEL, C1) and
 * without carriage returns; tabs become spaces, and newlines too unless
 * @keep_newlines. */
static char *
clean (const char *text,
       gboolean    keep_newlines)
{
  GString *out = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append_c (out, keep_newlines ? '\n' : ' ');
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c < 0x20 || c == 0x7F)
        continue;
      else if (c == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
        p++;
      else
        g_string_append_c (out, (char) c);
    }

  return g_string_free (out, FALSE);
}

/* The number of @url in the reference list, adding it when new. */
static guint
add_ref (const char *url,
         gpointer    user_data)
{
  TextRenderer *r = user_data;
  gpointer number;
  char *copy;

  if (g_hash_table_lookup_extended (r->numbers, url, NULL, &number))
    return GPOINTER_TO_UINT (number);

  /* Linked URLs have no control characters (td_url_is_safe() refuses
   * them), so the list shows them exactly as the HTML links them. */
  copy = g_strdup (url);
  g_ptr_array_add (r->urls, copy);
  g_hash_table_insert (r->numbers, copy, GUINT_TO_POINTER (r->urls->len));

  return r->urls->len;
}

/* Starts a block: a blank line after whatever came before. */
static void
begin_block (TextRenderer *r)
{
  if (r->out->len > 0)
    g_string_append_c (r->out, '\n');
}

/* Appends @block (lines ending in '\n') as a block of its own. */
static void
append_block (TextRenderer *r,
              const char   *block)
{
  gsize len = strlen (block);

  while (len > 0 && block[len - 1] == '\n')
    len--;
  if (len == 0)
    return;

  begin_block (r);
  g_string_append_len (r->out, block, len);
  g_string_append_c (r->out, '\n');
}

/* Wraps @text (one paragraph) into @out without starting a block. */
static void
wrap_into (GString    *out,
           const char *text)
{
  g_autofree char *cleaned = clean (text, FALSE);

  td_text_wrap_append (out, cleaned, TEXT_WIDTH, NULL);
}

static void
append_paragraph (TextRenderer *r,
                  const char   *text)
{
  g_autoptr(GString) block = g_string_new (NULL);

  wrap_into (block, text);
  append_block (r, block->str);
}

/* Text whose line breaks matter (an address, an invitation): each line
 * wrapped on its own, the lines kept together in one block. */
static void
append_lines (TextRenderer *r,
              const char   *text)
{
  g_autofree char *cleaned = clean (text, TRUE);
  g_auto(GStrv) lines = g_strsplit (cleaned, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    td_text_wrap_append (block, lines[i], TEXT_WIDTH, NULL);
  append_block (r, block->str);
}

/* A heading into @out: its wrapped text over a line of @rule as wide as
 * its widest line (at most the text width, so a very long word can't
 * stretch it). Nothing for an empty heading. */
static void
heading_into (GString    *out,
              const char *text,
              char        rule)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autofree char *underline = NULL;
  g_auto(GStrv) lines = NULL;
  guint width = 0;

  wrap_into (block, text);
  if (block->len == 0)
    return;

  lines = g_strsplit (block->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    width = MAX (width, td_text_width (lines[i], -1));
  width = CLAMP (width, 1, TEXT_WIDTH);

  underline = g_strnfill (width, rule);
  g_string_append (out, block->str);
  g_string_append (out, underline);
  g_string_append_c (out, '\n');
}

static void
append_heading (TextRenderer *r,
                const char   *text,
                char          rule)
{
  g_autoptr(GString) block = g_string_new (NULL);

  heading_into (block, text, rule);
  append_block (r, block->str);
}

static void
append_markdown (TextRenderer *r,
                 const char   *markdown)
{
  g_autofree char *text = NULL;

  if (td_text_is_blank (markdown))
    return;

  text = td_markdown_to_text (markdown, TEXT_WIDTH, add_ref, r);
  append_block (r, text);
}

/* The text of a link: "label [N]", or the bare URL when there is no label
 * or the label is the URL itself. */
static char *
link_text (TextRenderer *r,
           const char   *label,
           const char   *url)
{
  g_autofree char *cleaned = clean (label, FALSE);

  g_strstrip (cleaned);
  if (cleaned[0] == '\0' || strcmp (cleaned, url) == 0)
    return clean (url, FALSE);

  return g_strdup_printf ("%s [%u]", cleaned, add_ref (url, r));
}

/* @link as its own wrapped line(s) into @out, reading @label; nothing for
 * a NULL @link (one the email doesn't have either). */
static void
link_into (TextRenderer       *r,
           GString            *out,
           const TdRenderLink *link,
           const char         *label)
{
  g_autofree char *text = NULL;

  if (link == NULL)
    return;
  text = link_text (r, label, link->url);
  td_text_wrap_append (out, text, TEXT_WIDTH, NULL);
}

static void
append_link (TextRenderer       *r,
             const TdRenderLink *link)
{
  g_autoptr(GString) block = g_string_new (NULL);

  if (link == NULL)
    return;
  link_into (r, block, link, link->label);
  append_block (r, block->str);
}

/* Sections
 * ------------------------------------------------------------------------ */

/* The practice's name, and "profession · location" under it. */
static void
append_practice (TextRenderer *r)
{
  const TdRenderIssue *issue = r->renderer.issue;
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GString) byline = g_string_new (NULL);
  const char *parts[] = { issue->profession, issue->location };

  wrap_into (block, issue->name);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (byline->len > 0)
        g_string_append (byline, " · ");
      g_string_append (byline, parts[i]);
    }
  wrap_into (block, byline->str);
  append_block (r, block->str);
}

/* The issue's title, underlined with "=", and its month under it. */
static void
append_issue_title (TextRenderer *r)
{
  const TdRenderIssue *issue = r->renderer.issue;
  g_autoptr(GString) block = g_string_new (NULL);

  heading_into (block, issue->title, '=');
  if (issue->month != NULL)
    wrap_into (block, issue->month);
  append_block (r, block->str);
}

void
_td_text_masthead (TdRenderer            *renderer,
                   const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;

  append_practice (r);
  append_issue_title (r);
}

/* An article; a video section (which has no body) and a tip (whose
 * picture the text doesn't show) are laid out alike. */
void
_td_text_article (TdRenderer            *renderer,
                  const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;

  append_heading (r, section->title, '-');
  append_markdown (r, section->body);
  /* The video: "Watch the video [N]", then the caption. The linked
   * thumbnail of the HTML goes to the same URL. */
  if (section->video != NULL)
    {
      append_link (r, section->video->link);
      append_markdown (r, section->video->caption);
    }
}

/* The call to action's text, then its links one a line. The HTML shows
 * the number over two buttons; here each line says it. */
static void
append_cta_body (TextRenderer          *r,
                 const TdRenderSection *section)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  const TdRenderLink *buttons[] = { section->form, section->youtube };

  append_lines (r, section->text);
  if (section->call != NULL)
    {
      g_autofree char *number = clean (section->phone, FALSE);
      g_autofree char *call = NULL;
      g_autofree char *text = NULL;

      g_strstrip (number);
      call = g_strdup_printf ("%s %s", section->call->label, number);
      text = g_strdup_printf ("%s %s", section->sms->label, number);
      link_into (r, lines, section->call, call);
      link_into (r, lines, section->sms, text);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i] != NULL)
      link_into (r, lines, buttons[i], buttons[i]->label);
  append_block (r, lines->str);
}

/* A client's words, then "— their name". */
void
_td_text_testimonial (TdRenderer            *renderer,
                      const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;

  append_heading (r, section->title, '-');
  append_markdown (r, section->body);
  if (section->attribution[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf ("— %s", section->attribution);

      append_lines (r, line);
    }
}

void
_td_text_cta (TdRenderer            *renderer,
              const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;

  append_heading (r, section->title, '-');
  append_cta_body (r, section);
}

/* A badge as an item of a list: "- name [N]", wrapped with a hanging
 * indent; nothing for a badge with neither a name nor a link. */
static void
badge_into (TextRenderer       *r,
            GString            *list,
            const TdRenderItem *badge)
{
  const char *name = badge->heading;
  g_autofree char *text = NULL;
  gsize start = list->len;

  /* The picture is the link in the HTML, its name under it; without a
   * name, the picture's description stands for it. */
  if (name[0] == '\0')
    name = badge->alt;
  if (badge->link != NULL)
    text = link_text (r, name, badge->link->url);
  else if (!td_text_is_blank (name))
    text = clean (name, FALSE);
  else
    return;

  /* "- " over the first line's indentation. */
  td_text_wrap_append (list, text, TEXT_WIDTH, "  ");
  if (list->len > start)
    list->str[start] = '-';
}

void
_td_text_badges (TdRenderer            *renderer,
                 const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;
  g_autoptr(GString) list = g_string_new (NULL);

  append_heading (r, section->title, '-');
  for (guint i = 0; i < section->items->len; i++)
    badge_into (r, list, g_ptr_array_index (section->items, i));
  append_block (r, list->str);
}

/* News items and offers: each its heading (offers have one: "~~~" under
 * the section's title, "---" without one), text and link. */
void
_td_text_list (TdRenderer            *renderer,
               const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;
  char rule = section->title[0] != '\0' ? '~' : '-';

  append_heading (r, section->title, '-');
  for (guint i = 0; i < section->items->len; i++)
    {
      const TdRenderItem *item = g_ptr_array_index (section->items, i);

      append_heading (r, item->heading, rule);
      append_markdown (r, item->text);
      append_link (r, item->link);
    }
}

/* The website, bare, and the unsubscribe link, whose merge tag the
 * mailing service replaces in the text part too. */
static void
append_footer_links (TextRenderer        *r,
                     const TdRenderIssue *issue)
{
  g_autoptr(GString) links = g_string_new (NULL);

  link_into (r, links, issue->website, NULL);
  if (issue->unsubscribe != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s [%u]", issue->unsubscribe->label,
                                               add_ref (issue->unsubscribe->url, r));

      td_text_wrap_append (links, line, TEXT_WIDTH, NULL);
    }
  append_block (r, links->str);
}

void
_td_text_footer (TdRenderer            *renderer,
                 const TdRenderSection *section)
{
  TextRenderer *r = (TextRenderer *) renderer;

  append_markdown (r, section->body);
  append_lines (r, renderer->issue->address);
  append_paragraph (r, section->copyright);
  append_footer_links (r, renderer->issue);
}

static void
render_references (TextRenderer *r)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (r->urls->len == 0)
    return;

  append_heading (r, r->renderer.issue->labels[TD_LABEL_LINKS], '-');
  for (guint i = 0; i < r->urls->len; i++)
    g_string_append_printf (list, "[%u] %s\n", i + 1,
                            (const char *) g_ptr_array_index (r->urls, i));
  append_block (r, list->str);
}

/* The text as the preview's web view shows it: monospace, escaped, wrapped
 * only where a line is wider than the pane. */
static char *
text_page (const char *language,
           const char *text,
           gsize      *length)
{
  GString *out = g_string_new (NULL);
  TdHtmlWriter h;

  td_html_writer_init (&h, out);
  td_html_put (&h, "<!DOCTYPE html>\n<html");
  td_html_attr (&h, "lang", language);
  td_html_put (&h, td_l10n_language_is_rtl (language) ? " dir=\"rtl\">\n" : ">\n");
  td_html_put (&h,
               "<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"color-scheme\" content=\"light\">\n"
               "<style>\n"
               "html{background:#ffffff;color:#1f2328}\n"
               "body{margin:0;padding:1.25rem}\n"
               "pre{margin:0 auto;max-width:80ch;font-family:monospace;"
               "font-size:0.875rem;line-height:1.5;white-space:pre-wrap;"
               "overflow-wrap:anywhere}\n"
               "</style>\n"
               "</head>\n"
               "<body><pre>");
  /* A long URL stays one line of text: the writer breaks it with <wbr>. */
  td_html_text_as (&h, text, TD_HTML_FLOW_PRE);
  td_html_put (&h, "</pre></body>\n</html>\n");
  td_html_writer_clear (&h);
  *length = out->len;
  return g_string_free (out, FALSE);
}

char *
_td_render_text (const TdRenderIssue *issue,
                 gsize               *length)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  TextRenderer r = { { TD_RENDER_TEXT, issue, NULL } };
  gsize text_length;
  char *text;

  r.out = g_string_new (NULL);
  r.urls = urls;
  r.numbers = numbers;

  /* The email's small "View in browser" link, first as in the HTML. */
  append_link (&r, issue->web_version);
  _td_render_layout (&r.renderer);
  render_references (&r);

  text_length = r.out->len;
  text = g_string_free (r.out, FALSE);
  if (issue->context->text_page)
    {
      g_autofree char *plain = text;

      text = text_page (issue->language, plain, &text_length);
    }
  if (length != NULL)
    *length = text_length;
  return text;
}
