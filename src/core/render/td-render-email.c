/* td-render-email.c: the issue as an HTML email
 *
 * Mail programs accept a narrow, old dialect of HTML (../shared/EMAIL.md has
 * the rules and their reasons; docs/rendering.md says what each section
 * shows). So the email is built the old way:
 *
 *  - presentation tables for the layout: one 600 px column, with an
 *    Outlook-only table of width="600" around it because Word ignores
 *    max-width, and one row per section, carrying data-section;
 *  - every style the layout needs is inline: Gmail with non-Google accounts
 *    ignores <style>. The one <style> in the head only enhances: columns
 *    that stack on phones, dark mode, client resets;
 *  - every picture has alt, width, height, border="0" and a fluid style;
 *  - buttons are a cell with bgcolor holding a padded link (MJML's pattern);
 *  - no line is longer than 998 octets (RFC 5322): elements go on lines of
 *    their own, and long text or attribute values are broken where a newline
 *    is harmless, by the writer markdown uses too (td-html-writer.h).
 *
 * Size matters: Gmail clips messages at about 102 KB (hiding the footer and
 * the unsubscribe link) and mailing services add their own code, so styles
 * are short, nothing is indented and text inherits its font from the wrapper.
 */
#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-markdown.h"
#include "td-render-private.h"
#include "td-theme.h"

#define PAD          40  /* px on each side of the column on a wide screen */
#define GUTTER       24  /* px between two columns */
#define PANEL_PAD    24  /* px inside the tinted tip panel */
#define NEWS_PHOTO  200  /* px: a news item's photo beside its text */
#define TESTIMONIAL_PHOTO 160  /* px: a client's photo over their words */
#define LOGO_SIZE    88
#define BADGE_SIZE   96
#define BADGES_A_ROW  4

/* "&nbsp;&zwnj;" after the preheader fills the inbox preview so that it
 * doesn't go on with "View in browser" and the first lines of the body:
 * 80 characters, which with a preheader of 50 or more fill the 130 that
 * the widest previews show after the subject. */
#define PREHEADER_SPACERS 40

#define MONO_FONT "Menlo,Consolas,'Courier New',monospace"

/* The proportions assumed for a picture whose size can't be read. */
typedef enum
{
  SHAPE_WIDE,   /* 16:9, the usual photo or video thumbnail */
  SHAPE_SQUARE, /* logos and badges */
} Shape;

/* An email being written; the layouts below get its renderer. */
typedef struct
{
  TdRenderer             renderer; /* first, so that a TdRenderer * is an Email * */
  GString               *out;
  TdHtmlWriter           html;     /* writing into out */
  TdTheme                theme;
  const char            *start;    /* "left", or "right" for a right-to-left issue */
  const char            *end;
  guint                  inner;    /* px: the column minus its padding */
  char                  *font_heading;
  char                  *link_style;
  const char            *muted_link_style;
  const char            *muted_badge_style; /* a badge's picture and name */
  TdMarkdownStyle        md;       /* body text */
  TdMarkdownStyle        md_small; /* the footer's note */
  GPtrArray             *owned;    /* strings the styles point to */
  gboolean               wrote_h1;
  gboolean               card_above; /* the row above is a white card: draw a hairline */
} Email;

/* ---------------------------------------------------------------------------
 * Colours, fonts and styles
 */

/* The first and the last (generic) family of a theme's font list:
 * "Georgia, 'Times New Roman', Times, serif" becomes "Georgia,serif". It is
 * repeated on every heading, and a system with Times has Georgia too. */
static char *
short_font (const char *fonts)
{
  g_auto(GStrv) parts = g_strsplit (fonts, ",", -1);
  guint n = g_strv_length (parts);

  if (n == 0)
    return g_strdup ("serif");
  if (n == 1)
    return g_strdup (g_strstrip (parts[0]));
  return g_strconcat (g_strstrip (parts[0]), ",", g_strstrip (parts[n - 1]), NULL);
}

static const char *
own (Email *e,
     char  *s)
{
  g_ptr_array_add (e->owned, s);
  return s;
}


static void
email_init (Email               *e,
            const TdRenderIssue *issue)
{
  const TdTheme *t = &e->theme;

  memset (e, 0, sizeof *e);
  e->renderer.format = TD_RENDER_EMAIL;
  e->renderer.issue = issue;
  e->out = g_string_sized_new (24 * 1024);
  td_html_writer_init (&e->html, e->out);
  e->html.rtl = issue->rtl;
  e->owned = g_ptr_array_new_with_free_func (g_free);
  td_theme_init (&e->theme, issue->brand_color);
  e->start = issue->rtl ? "right" : "left";
  e->end = issue->rtl ? "left" : "right";
  e->inner = t->content_width - 2 * PAD;
  e->font_heading = short_font (t->font_heading);
  e->link_style = g_strdup_printf ("color:%s;text-decoration:underline", t->accent);

  e->md.p = "margin:0 0 16px";
  e->md.a = e->link_style;
  e->md.h = own (e, g_strdup_printf ("margin:24px 0 8px;font:20px/1.4 %s;color:%s",
                                     e->font_heading, t->text));
  e->md.ul = e->md.ol = own (e, g_strdup_printf ("margin:0 0 16px;padding:0;padding-%s:24px",
                                                 e->start));
  e->md.li = "margin:0 0 8px";
  e->md.blockquote = own (e, g_strdup_printf ("margin:0 0 16px;padding:0 16px;"
                                              "border-%s:3px solid %s;color:%s",
                                              e->start, t->border, t->muted));
  e->md.code = "font-family:" MONO_FONT ";font-size:15px";
  e->md.pre = own (e, g_strdup_printf ("margin:0 0 16px;padding:12px;background:%s;color:%s;"
                                       "font-family:" MONO_FONT ";font-size:14px;"
                                       "line-height:1.5;white-space:pre-wrap",
                                       t->page, t->text));
  e->md.hr = own (e, g_strdup_printf ("border:0;border-top:1px solid %s;margin:24px 0",
                                      t->border));
  e->md.table = "width:100%;border-collapse:collapse;margin:0 0 16px;font-size:15px;"
                "line-height:1.5";
  e->md.th = own (e, g_strdup_printf ("padding:6px 8px;border-bottom:2px solid %s;"
                                      "text-align:%s", t->border, e->start));
  e->md.td = own (e, g_strdup_printf ("padding:6px 8px;border-bottom:1px solid %s;"
                                      "vertical-align:top", t->border));

  e->md_small = e->md;
  e->md_small.p = "margin:0 0 12px";
  e->muted_link_style = own (e, g_strdup_printf ("color:%s;text-decoration:underline",
                                                 t->muted));
  e->md_small.a = e->muted_link_style;
  e->muted_badge_style = own (e, g_strdup_printf ("color:%s;text-decoration:none", t->muted));
}

static void
email_clear (Email *e)
{
  td_html_writer_clear (&e->html);
  g_clear_pointer (&e->owned, g_ptr_array_unref);
  g_clear_pointer (&e->font_heading, g_free);
  g_clear_pointer (&e->link_style, g_free);
}

/* ---------------------------------------------------------------------------
 * Building blocks
 */

/* Writes the <img> of @picture at most @max_width wide, or nothing
 * (returning FALSE) when it is NULL. @css_class and @extra_style may be
 * NULL. */
static gboolean
image (Email                 *e,
       const TdRenderPicture *picture,
       guint                  max_width,
       Shape                  shape,
       const char            *css_class,
       const char            *extra_style)
{
  guint width, height;

  if (picture == NULL)
    return FALSE;

  /* EMAIL.md wants both sizes on every picture (Outlook lays out by them).
   * When the file can't be read (no base folder, a missing picture: the
   * pre-send checks report it) assume the column's width and the usual
   * proportions; the inline height:auto lets other clients correct them. */
  if (!_td_render_picture_fit (picture, max_width, &width, &height))
    {
      width = shape == SHAPE_SQUARE ? MIN (max_width, BADGE_SIZE) : max_width;
      height = shape == SHAPE_SQUARE ? width : (width * 9 + 8) / 16;
    }

  td_html_put (&e->html, "<img");
  td_html_attr_url (&e->html, "src", picture->url);
  td_html_attr (&e->html, "alt", picture->alt);
  td_html_put_attrs (&e->html, " width=\"%u\" height=\"%u\" border=\"0\"%s%s%s "
                     "style=\"display:block;max-width:100%%;height:auto%s%s\">", width, height,
                     css_class != NULL ? " class=\"" : "", css_class != NULL ? css_class : "",
                     css_class != NULL ? "\"" : "", extra_style != NULL ? ";" : "",
                     extra_style != NULL ? extra_style : "");
  return TRUE;
}

/* A picture on its own line with space under it. */
static void
image_block (Email                 *e,
             const TdRenderPicture *picture,
             guint                  max_width,
             const char            *margin)
{
  if (picture == NULL)
    return;
  td_html_newline (&e->html);
  td_html_putf (&e->html, "<div style=\"margin:%s\">", margin);
  image (e, picture, max_width, SHAPE_WIDE, NULL, "border-radius:6px");
  td_html_put (&e->html, "</div>\n");
}

/* Writes <a href="…" style="@style"> for @link and returns TRUE, or nothing
 * and FALSE when it is NULL (a URL no format may link). */
static gboolean
link_open (Email              *e,
           const TdRenderLink *link,
           const char         *style)
{
  if (link == NULL)
    return FALSE;
  td_html_put (&e->html, "<a");
  td_html_attr_url (&e->html, "href", link->url);
  if (style != NULL)
    td_html_put_attrs (&e->html, " style=\"%s\"", style);
  td_html_put (&e->html, ">");
  return TRUE;
}

static void
heading (Email      *e,
         guint       level,
         const char *value,
         const char *margin)
{
  static const guint sizes[] = { 32, 24, 20 };
  const char *color = level == 1 ? e->theme.text : e->theme.accent;

  td_html_newline (&e->html);
  /* A title in the other script than the issue's reads its own way. */
  td_html_putf (&e->html, "<h%u%s style=\"margin:%s;font:%upx/1.4 %s;color:%s\">", level,
                td_text_reads_other_way (value, e->renderer.issue->rtl) ? " dir=\"auto\"" : "",
                margin, sizes[MIN (level, 3) - 1], e->font_heading, color);
  td_html_text (&e->html, value);
  td_html_putf (&e->html, "</h%u>\n", level);
}

/* A bulletproof button (MJML's pattern): a cell with bgcolor holding a padded
 * link with real text. Outlook on Windows ignores padding on links, so the
 * cell carries the same padding for it as mso-padding-alt. @primary buttons
 * are filled with the accent colour, the others outlined. Nothing for a
 * NULL @link.
 *
 * A VML roundrect would give Outlook rounded corners too, but it repeats
 * the URL and the label and costs about 300 bytes a button: a tenth of the
 * sample's size budget for a cosmetic detail in one client. */
static void
button (Email              *e,
        const TdRenderLink *link,
        gboolean            primary,
        gboolean            centered,
        const char         *margin)
{
  const TdTheme *t = &e->theme;
  const char *padding = primary ? "12px 24px" : "10px 22px";

  if (link == NULL)
    return;

  td_html_newline (&e->html);
  td_html_putf (&e->html, "<table role=\"presentation\"%s border=\"0\" cellpadding=\"0\" "
                "cellspacing=\"0\" style=\"margin:%s\"><tr>\n",
                centered ? " align=\"center\"" : "", margin);
  if (primary)
    td_html_putf (&e->html, "<td class=\"bt\" align=\"center\" bgcolor=\"%s\" "
                  "style=\"border-radius:6px;mso-padding-alt:%s\">\n", t->accent, padding);
  else
    td_html_putf (&e->html, "<td class=\"bo\" align=\"center\" bgcolor=\"%s\" "
                  "style=\"border-radius:6px;border:2px solid %s;mso-padding-alt:%s\">\n",
                  t->surface, t->accent, padding);
  td_html_put (&e->html, "<a");
  td_html_attr_url (&e->html, "href", link->url);
  /* A filled button's link repeats the cell's colour as its background:
   * SpamAssassin doesn't see a cell's bgcolor behind the text, and counts
   * light text on the white it assumes as hidden (HTML_FONT_LOW_CONTRAST). */
  td_html_put_attrs (&e->html, " style=\"display:inline-block;padding:%s;font-weight:bold;"
                     "color:%s;%s%s%stext-decoration:none\">", padding,
                     primary ? t->on_accent : t->accent, primary ? "background-color:" : "",
                     primary ? t->accent : "", primary ? ";" : "");
  td_html_text (&e->html, link->label);
  td_html_put (&e->html, "</a>\n</td></tr></table>\n");
}

/* ---------------------------------------------------------------------------
 * Rows
 */

static void
row_open (Email                 *e,
          const TdRenderSection *section)
{
  td_html_newline (&e->html);
  td_html_put (&e->html, "<tr");
  if (section != NULL)
    td_html_attr (&e->html, "data-section", section->id);
  td_html_put (&e->html, ">\n");
}

/* Opens the row that heads the issue, under the accent bar: a masthead's,
 * or (@section NULL) the issue's title alone when there is no masthead. */
static void
head_open (Email                 *e,
           const TdRenderSection *section,
           guint                  padding_top)
{
  const TdTheme *t = &e->theme;

  row_open (e, section);
  td_html_putf (&e->html, "<td class=\"cd px\" align=\"center\" bgcolor=\"%s\" style=\"color:%s;"
                "border-top:6px solid %s;padding:%upx %upx 32px\">\n",
                t->surface, t->text, t->accent, padding_top, PAD);
  e->card_above = TRUE;
}

/* Opens the row of @section in the white card, in which most sections
 * sit, with the section's title as h2 (with @title_margin) when it has one
 * and @title_margin is not NULL. Returns the email that @renderer is. */
static Email *
card_open (TdRenderer            *renderer,
           const TdRenderSection *section,
           const char            *padding,
           gboolean               centered,
           const char            *title_margin)
{
  Email *e = (Email *) renderer;
  const TdTheme *t = &e->theme;

  row_open (e, section);
  td_html_putf (&e->html, "<td class=\"cd px\"%s bgcolor=\"%s\" style=\"color:%s;"
                "padding:%s%s%s\">\n", centered ? " align=\"center\"" : "", t->surface, t->text,
                padding, e->card_above ? ";border-top:1px solid " : "",
                e->card_above ? t->border : "");
  e->card_above = TRUE;
  if (title_margin != NULL && section->title[0] != '\0')
    heading (e, 2, section->title, title_margin);
  return e;
}

/* Markup that starts a line of its own: the ends of rows and columns, the
 * tables of columns. */
static void
put_line (Email      *e,
          const char *markup)
{
  td_html_newline (&e->html);
  td_html_put (&e->html, markup);
}

#define ROW_END       "</td>\n</tr>\n"
/* Two columns side by side that wrap one above the other on a narrow
 * screen, with or without <style> (the "hybrid" layout): inline blocks,
 * each at most its width, the first with a gutter on its end side; "col"
 * makes them the column's full width on a phone. A client that drops
 * <style> (Gmail with non-Google accounts) still puts them one above the
 * other there, rather than squeezing one into a column a word wide.
 * Outlook on Windows, which has no inline blocks, gets a table in
 * conditional comments. No white space between the blocks: it would take
 * room and push the second one down. */
static void
columns_open (Email *e,
              guint  first_width)
{
  td_html_newline (&e->html);
  td_html_putf (&e->html, "<!--[if mso]><table role=\"presentation\" "
                "cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"%u\" "
                "valign=\"top\"><![endif]--><div class=\"col\" style=\"display:inline-block;"
                "vertical-align:top;width:100%%;max-width:%upx;margin-%s:%upx\">\n",
                first_width + GUTTER, first_width, e->end, GUTTER);
}

static void
column_next (Email *e,
             guint  width)
{
  put_line (e, "</div>");
  td_html_putf (&e->html, "<!--[if mso]></td><td valign=\"top\"><![endif]-->"
                "<div class=\"col\" style=\"display:inline-block;vertical-align:top;"
                "width:100%%;max-width:%upx\">", width);
}

static void
columns_close (Email *e)
{
  put_line (e, "</div><!--[if mso]></td></tr></table><![endif]-->\n");
}

/* ---------------------------------------------------------------------------
 * Sections
 */

static void
title_and_month (Email *e)
{
  const TdTheme *t = &e->theme;
  const TdRenderIssue *issue = e->renderer.issue;

  if (!e->wrote_h1)
    {
      heading (e, 1, issue->title, "28px 0 0");
      e->wrote_h1 = TRUE;
    }
  else
    {
      /* A second masthead: the email has its h1 already. */
      td_html_putf (&e->html, "<div style=\"margin:28px 0 0;font:32px/1.4 %s;color:%s\">",
                    e->font_heading, t->text);
      td_html_text (&e->html, issue->title);
      td_html_put (&e->html, "</div>\n");
    }
  if (issue->month != NULL)
    {
      td_html_putf (&e->html, "<div class=\"mu\" style=\"margin:4px 0 0;color:%s\">", t->muted);
      td_html_text (&e->html, issue->month);
      td_html_put (&e->html, "</div>\n");
    }
}

/* The practice's name (large, in the accent colour: not a heading), and
 * "profession · location" under it. */
static void
practice (Email               *e,
          const TdRenderIssue *issue)
{
  const TdTheme *t = &e->theme;

  if (issue->name[0] != '\0')
    {
      td_html_putf (&e->html, "<div class=\"nm\" style=\"margin:16px 0 0;font:26px/1.4 %s;"
                    "color:%s\">", e->font_heading, t->accent);
      td_html_text (&e->html, issue->name);
      td_html_put (&e->html, "</div>\n");
    }
  if (issue->profession[0] == '\0' && issue->location[0] == '\0')
    return;
  td_html_putf (&e->html, "<div class=\"mu\" style=\"margin:4px 0 0;font-size:13px;"
                "line-height:1.5;letter-spacing:1px;text-transform:uppercase;color:%s\">",
                t->muted);
  td_html_text (&e->html, issue->profession);
  if (issue->profession[0] != '\0' && issue->location[0] != '\0')
    td_html_put (&e->html, " · ");
  td_html_text (&e->html, issue->location);
  td_html_put (&e->html, "</div>\n");
}

void
_td_email_masthead (TdRenderer            *renderer,
                    const TdRenderSection *section)
{
  Email *e = (Email *) renderer;

  head_open (e, section, 40);
  if (section->logo != NULL)
    {
      /* The white disc behind the logo is a halo that keeps it legible on a
       * dark background. */
      td_html_put (&e->html, "<table role=\"presentation\" align=\"center\" border=\"0\" "
                   "cellpadding=\"0\" cellspacing=\"0\"><tr><td style=\"background:#ffffff;"
                   "border-radius:50%;padding:6px\">\n");
      image (e, section->logo, LOGO_SIZE, SHAPE_SQUARE, NULL, NULL);
      td_html_put (&e->html, "\n</td></tr></table>\n");
    }
  practice (e, renderer->issue);
  title_and_month (e);
  image_block (e, section->picture, e->inner, "28px 0 0");
  put_line (e, ROW_END);
}

/* The linked thumbnail (its play mark is drawn into the picture: Gmail
 * supports no position, so no overlay), a text link to the same URL, then
 * the caption. */
static void
video_block (Email               *e,
             const TdRenderVideo *video)
{
  if (video->thumbnail != NULL)
    {
      gboolean linked;

      td_html_newline (&e->html);
      td_html_put (&e->html, "<div style=\"margin:8px 0 12px\">");
      linked = link_open (e, video->link, NULL);
      image (e, video->thumbnail, e->inner, SHAPE_WIDE, NULL, "border-radius:6px");
      td_html_put (&e->html, linked ? "</a></div>\n" : "</div>\n");
    }
  if (video->link != NULL)
    {
      td_html_put (&e->html, "<p style=\"margin:0 0 16px;font-weight:bold\">");
      link_open (e, video->link, e->link_style);
      td_html_put (&e->html, "▶ ");
      td_html_text (&e->html, video->link->label);
      td_html_put (&e->html, "</a></p>\n");
    }
  _td_render_markdown (&e->html, video->caption, &e->md, "", "\n");
}

/* An article, and a video section (which has no picture and no body). */
void
_td_email_article (TdRenderer            *renderer,
                   const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px 16px", FALSE, "0 0 16px");

  image_block (e, section->picture, e->inner, "0 0 20px");
  _td_render_markdown (&e->html, section->body, &e->md, "", "\n");
  if (section->video != NULL)
    video_block (e, section->video);
  put_line (e, ROW_END);
}

/* A link after a news item: "label →", the arrow pointing on, the way the
 * text reads. */
static void
more_link (Email              *e,
           const TdRenderLink *link)
{
  if (link == NULL)
    return;
  td_html_newline (&e->html);
  td_html_put (&e->html, "<p style=\"margin:0 0 16px;font-weight:bold\">");
  link_open (e, link, e->link_style);
  td_html_text (&e->html, link->label);
  td_html_put (&e->html, e->renderer.issue->rtl ? " ←</a></p>\n" : " →</a></p>\n");
}

/* A news item: its text and link, beside its photo when it has one. */
static void
news_item (Email              *e,
           const TdRenderItem *item)
{
  if (item->picture != NULL)
    {
      columns_open (e, NEWS_PHOTO);
      image (e, item->picture, NEWS_PHOTO, SHAPE_WIDE, "fl",
             "border-radius:6px;margin:0 0 16px");
      column_next (e, e->inner - NEWS_PHOTO - GUTTER);
    }
  _td_render_markdown (&e->html, item->text, &e->md, "", "\n");
  more_link (e, item->link);
  if (item->picture != NULL)
    columns_close (e);
}

/* One offer: heading, picture, text, button. */
static void
offer (Email              *e,
       const TdRenderItem *item,
       guint               level,
       guint               width)
{
  if (item->heading[0] != '\0')
    heading (e, level, item->heading, "0 0 12px");
  if (item->picture != NULL)
    {
      td_html_newline (&e->html);
      image (e, item->picture, width, SHAPE_WIDE, width < e->inner ? "fl" : NULL,
             "border-radius:6px;margin:0 0 16px");
      td_html_put (&e->html, "\n");
    }
  _td_render_markdown (&e->html, item->text, &e->md, "", "\n");
  /* 24 px under the button keep offers apart when they stack on a phone. */
  button (e, item->link, TRUE, FALSE, "0 0 24px");
}

void
_td_email_news (TdRenderer            *renderer,
                const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px 16px", FALSE, "0 0 20px");

  for (guint i = 0; i < section->items->len; i++)
    news_item (e, g_ptr_array_index (section->items, i));
  put_line (e, ROW_END);
}

void
_td_email_cta (TdRenderer            *renderer,
               const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px 20px", TRUE, "0 0 12px");

  td_html_text_in (&e->html, "<p style=\"margin:0 0 16px\">", section->text, TRUE, "</p>\n");
  if (section->call != NULL)
    {
      /* Side by side; one above the other on a phone unless both labels
       * are short ("Call", "Text"). */
      gboolean stack = g_utf8_strlen (section->call->label, -1) +
                       g_utf8_strlen (section->sms->label, -1) > 16;
      const char *cell = stack ? "<td class=\"col\" align=\"center\" style=\"padding:0 6px\">"
                               : "<td style=\"padding:0 6px\">";

      /* A phone number reads left to right in every script. */
      td_html_putf (&e->html, "<p dir=\"ltr\" style=\"margin:0 0 16px;font:24px/1.4 %s\">",
                    e->font_heading);
      td_html_text (&e->html, section->phone);
      td_html_put (&e->html, "</p>\n");
      td_html_put (&e->html, "<table role=\"presentation\" align=\"center\" border=\"0\" "
                   "cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 auto 4px\"><tr>\n");
      td_html_put (&e->html, cell);
      button (e, section->call, TRUE, stack, "0 auto 12px");
      td_html_put (&e->html, "</td>\n");
      td_html_put (&e->html, cell);
      button (e, section->sms, FALSE, stack, "0 auto 12px");
      td_html_put (&e->html, "</td>\n</tr></table>\n");
    }
  button (e, section->form, TRUE, TRUE, "0 auto 12px");
  button (e, section->youtube, FALSE, TRUE, "0 auto 12px");
  put_line (e, ROW_END);
}

/* Badges side by side, as inline blocks that wrap (two to a row on a phone)
 * with or without <style>; a table in conditional comments for Outlook.
 * The picture and the name under it are one link; the picture's
 * description is left out when the name is written (resolve_item()). */
void
_td_email_badges (TdRenderer            *renderer,
                  const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px 16px", TRUE, "0 0 20px");
  const TdTheme *t = &e->theme;
  guint cell = e->inner / BADGES_A_ROW;

  td_html_newline (&e->html);
  for (guint i = 0; i < section->items->len; i++)
    {
      const TdRenderItem *badge = g_ptr_array_index (section->items, i);
      gboolean linked;

      if (i % BADGES_A_ROW == 0)
        td_html_putf (&e->html, "<!--[if mso]>%s<table role=\"presentation\" "
                      "cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"%u\" "
                      "valign=\"top\"><![endif]-->", i > 0 ? "</td></tr></table>" : "",
                      cell);
      else
        td_html_putf (&e->html, "<!--[if mso]></td><td width=\"%u\" valign=\"top\">"
                      "<![endif]-->", cell);
      td_html_putf (&e->html, "<div style=\"display:inline-block;vertical-align:top;"
                    "width:%upx;font-size:13px\">\n", cell);
      linked = link_open (e, badge->link, e->muted_badge_style);
      image (e, badge->picture, MIN (BADGE_SIZE, cell - 16), SHAPE_SQUARE, NULL,
             "margin:0 auto");
      td_html_putf (&e->html, "\n<span class=\"mu\" style=\"display:block;padding:8px 8px 16px;"
                    "color:%s\">", t->muted);
      td_html_text (&e->html, badge->heading);
      td_html_put (&e->html, linked ? "</span></a>\n</div>" : "</span>\n</div>");
    }
  if (section->items->len > 0)
    td_html_put (&e->html, "<!--[if mso]></td></tr></table><![endif]-->\n");
  put_line (e, ROW_END);
}

/* Offers as cards, two to a row (one above the other on phones); a single
 * offer takes the whole column. Their headings are h3 under the section's
 * title, else h2. */
static void
offers (Email                 *e,
        const TdRenderSection *section)
{
  GPtrArray *items = section->items;
  guint level = section->title[0] != '\0' ? 3 : 2;
  guint half = (e->inner - GUTTER) / 2;

  if (items->len == 1)
    offer (e, items->pdata[0], level, e->inner);
  for (guint i = 0; items->len > 1 && i < items->len; i += 2)
    {
      columns_open (e, half);
      offer (e, items->pdata[i], level, half);
      if (i + 1 < items->len)
        {
          column_next (e, half);
          offer (e, items->pdata[i + 1], level, half);
        }
      columns_close (e);
    }
}

void
_td_email_promotion (TdRenderer            *renderer,
                     const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px 8px", FALSE, "0 0 20px");

  offers (e, section);
  put_line (e, ROW_END);
}

void
_td_email_tip (TdRenderer            *renderer,
               const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px", FALSE, NULL);
  const TdTheme *t = &e->theme;

  td_html_putf (&e->html, "<table role=\"presentation\" width=\"100%%\" border=\"0\" "
                "cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"tn\" bgcolor=\"%s\" "
                "style=\"color:%s;padding:%upx %upx 8px;border-radius:8px\">\n", t->accent_tint,
                t->text, PANEL_PAD, PANEL_PAD);
  heading (e, 2, section->title, "0 0 12px");
  _td_render_markdown (&e->html, section->body, &e->md, "", "\n");
  image_block (e, section->picture, e->inner - 2 * PANEL_PAD, "0 0 16px");
  td_html_newline (&e->html);
  td_html_put (&e->html, "</td></tr></table>\n");
  put_line (e, ROW_END);
}

/* A client's words: their photo, the quote in italics, their name. */
void
_td_email_testimonial (TdRenderer            *renderer,
                       const TdRenderSection *section)
{
  Email *e = card_open (renderer, section, "32px 40px", FALSE, "0 0 16px");
  const TdTheme *t = &e->theme;

  image_block (e, section->picture, TESTIMONIAL_PHOTO, "0 0 16px");
  _td_render_markdown (&e->html, section->body, &e->md,
                       "<div style=\"font-style:italic\">\n", "\n</div>\n");
  if (section->attribution[0] != '\0')
    {
      td_html_putf (&e->html, "<p style=\"margin:12px 0 0;color:%s\">— ", t->muted);
      td_html_text (&e->html, section->attribution);
      td_html_put (&e->html, "</p>\n");
    }
  put_line (e, ROW_END);
}

/* On the page's background, under the card: the note, the postal address,
 * the copyright, the website and the unsubscribe link. */
void
_td_email_footer (TdRenderer            *renderer,
                  const TdRenderSection *section)
{
  Email *e = (Email *) renderer;
  const TdRenderIssue *issue = renderer->issue;
  const TdTheme *t = &e->theme;

  row_open (e, section);
  td_html_putf (&e->html, "<td class=\"px mu\" align=\"center\" style=\"padding:32px %upx;"
                "font-size:14px;line-height:1.6;color:%s\">\n", PAD, t->muted);
  e->card_above = FALSE;

  _td_render_markdown (&e->html, section->body, &e->md_small, "", "\n");
  td_html_text_in (&e->html, "<p style=\"margin:0 0 12px\">", issue->address, TRUE, "</p>\n");
  td_html_text_in (&e->html, "<p style=\"margin:0 0 12px\">", section->copyright, FALSE,
                   "</p>\n");
  if (issue->website != NULL || issue->unsubscribe != NULL)
    {
      td_html_put (&e->html, "<p style=\"margin:0\">");
      if (link_open (e, issue->website, e->muted_link_style))
        {
          td_html_text (&e->html, issue->website->label);
          td_html_put (&e->html, "</a>");
        }
      if (issue->website != NULL && issue->unsubscribe != NULL)
        td_html_put (&e->html, " · ");
      /* The unsubscribe URL may be a merge tag, for the mailing service to
       * replace: written verbatim. */
      if (issue->unsubscribe != NULL)
        {
          td_html_put (&e->html, "<a");
          td_html_attr_url (&e->html, "href", issue->unsubscribe->url);
          td_html_put_attrs (&e->html, " style=\"%s\">", e->muted_link_style);
          td_html_text (&e->html, issue->unsubscribe->label);
          td_html_put (&e->html, "</a>");
        }
      td_html_put (&e->html, "</p>\n");
    }
  put_line (e, ROW_END);
}

/* ---------------------------------------------------------------------------
 * The document
 */

static void
head (Email *e)
{
  const TdTheme *t = &e->theme;
  const TdRenderIssue *issue = e->renderer.issue;

  td_html_put (&e->html, "<!DOCTYPE html>\n<html");
  td_html_attr (&e->html, "lang", issue->language);
  td_html_put_attrs (&e->html, " dir=\"%s\" "
                     "xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n",
                     issue->rtl ? "rtl" : "ltr");
  td_html_put (&e->html, "<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
               "<meta name=\"x-apple-disable-message-reformatting\">\n"
               "<meta name=\"color-scheme\" content=\"light dark\">\n"
               "<meta name=\"supported-color-schemes\" content=\"light dark\">\n<title>");
  td_html_text_as (&e->html, issue->subject[0] != '\0' ? issue->subject : issue->title,
                   TD_HTML_FLOW_UNPARSED);
  td_html_put (&e->html, "</title>\n");
  /* Outlook scales pictures on high-DPI screens unless told 96 dpi; it
   * falls back to Times where a font isn't repeated on every cell, and may
   * not read the font shorthand of the headings. */
  td_html_putf (&e->html, "<!--[if mso]><noscript><xml><o:OfficeDocumentSettings>"
                "<o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml>"
                "</noscript>\n<style>td,th,div,p,a{font-family:Arial,sans-serif}h1,h2,h3,h4,"
                ".nm{font-family:%s;font-weight:normal}h1{font-size:32px}h2{font-size:24px}"
                "h3{font-size:20px}</style><![endif]-->\n", e->font_heading);

  /* Enhancements only: the email reads well without any of it. One level of
   * at-rules (Gmail drops a block with one nested in another). */
  td_html_put (&e->html, "<style>\n"
               "body{margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}\n"
               "table,td{mso-table-lspace:0pt;mso-table-rspace:0pt}\n"
               "img{-ms-interpolation-mode:bicubic}\n"
               "a[x-apple-data-detectors]{color:inherit!important;"
               "text-decoration:none!important}\n");
  td_html_putf (&e->html, "@media (max-width:%upx){\n"
                ".px{padding-left:20px!important;padding-right:20px!important}\n"
                ".col{display:block!important;width:100%%!important;box-sizing:border-box;"
                "padding-left:0!important;padding-right:0!important}\n"
                ".fl{width:100%%!important}\n"
                                "h1{font-size:28px!important}\n"
                "}\n", t->content_width + 20);
  td_html_putf (&e->html, "@media (prefers-color-scheme:dark){\n"
                ".pg{background:%s!important}\n"
                ".cd{background:%s!important;color:%s!important}\n"
                ".tn{background:%s!important;color:%s!important}\n"
                ".cd h1,.cd h4,.cd h5,.cd h6{color:%s!important}\n"
                ".cd h2,.cd h3,.nm,.cd a,.cd pre{color:%s!important}\n"
                ".mu,.mu a,.cd blockquote{color:%s!important}\n"
                ".cd pre{background:%s!important}\n"
                ".cd .bt a{color:#ffffff!important}\n"
                ".cd .bo{background:%s!important}\n"
                ".cd[style*=\"1px solid\"]{border-top-color:%s!important}\n"
                "}\n",
                t->dark.page, t->dark.surface, t->dark.text, t->dark.tint, t->dark.text,
                t->dark.text, t->dark.accent, t->dark.muted, t->dark.page, t->dark.surface,
                t->dark.border);
  /* Outlook.com's dark mode marks what it recoloured. */
  td_html_putf (&e->html, "[data-ogsc] .cd h2,[data-ogsc] .cd h3,[data-ogsc] "
                ".nm{color:%s!important}\n</style>\n</head>\n", t->dark.accent);
}

static void
preheader (Email *e)
{
  td_html_put (&e->html, "<div style=\"display:none;max-height:0;max-width:0;overflow:hidden;"
               "opacity:0;mso-hide:all\">");
  td_html_text (&e->html, e->renderer.issue->preheader);
  td_html_newline (&e->html);
  for (guint i = 0; i < PREHEADER_SPACERS; i++)
    td_html_put (&e->html, "&nbsp;&zwnj;");
  td_html_put (&e->html, "\n</div>\n");
}

/* The sections, after a row with the issue's title when no masthead gives
 * one. */
static void
render_sections (Email *e)
{
  if (!e->renderer.issue->has_masthead)
    {
      head_open (e, NULL, 12);
      title_and_month (e);
      put_line (e, ROW_END);
    }
  _td_render_layout (&e->renderer);
}

char *
_td_render_email (const TdRenderIssue *issue,
                  gsize               *length)
{
  Email e;
  const TdTheme *t;
  char *result;

  email_init (&e, issue);
  t = &e.theme;

  head (&e);
  td_html_putf (&e.html, "<body class=\"pg\" style=\"margin:0;padding:0;background:%s\">\n",
                t->page);
  preheader (&e);

  /* The wrapper repeats lang and dir: webmail drops <html>. A word or a
   * link longer than the column breaks where it must (word-break:break-word,
   * which Gmail and Apple Mail follow, also narrows the least width a
   * table cell asks for; overflow-wrap would not), rather than widen the
   * email on a phone. */
  td_html_put (&e.html, "<div role=\"article\" aria-roledescription=\"email\"");
  td_html_attr (&e.html, "aria-label", issue->subject[0] != '\0' ? issue->subject : issue->title);
  td_html_attr (&e.html, "lang", issue->language);
  td_html_put_attrs (&e.html, " dir=\"%s\" class=\"pg\" style=\"background:%s;padding:0 0 24px;"
                     "font-family:%s;font-size:16px;line-height:1.6;color:%s;"
                     "word-break:break-word\">\n",
                     issue->rtl ? "rtl" : "ltr", t->page, t->font_body, t->text);
  td_html_put (&e.html, "<!--[if mso]><table role=\"presentation\" align=\"center\" width=\"600\" "
               "border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr><td><![endif]-->\n");
  /* A fixed layout: the column is as wide as the screen allows whatever
   * is in it. A picture that doesn't load (pictures blocked) is no longer
   * a picture, whose max-width:100% narrows it in a table, but a box as
   * wide as its width attribute that would widen the email. */
  td_html_putf (&e.html, "<table role=\"presentation\" align=\"center\" width=\"100%%\" "
                "border=\"0\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:%upx;"
                "margin:0 auto;table-layout:fixed\">\n", t->content_width);

  if (issue->web_version != NULL)
    {
      td_html_putf (&e.html, "<tr>\n<td class=\"px mu\" align=\"center\" style=\"padding:16px %upx;"
                    "font-size:13px;line-height:1.5;color:%s\">",
                    PAD, t->muted);
      link_open (&e, issue->web_version, e.muted_link_style);
      td_html_text (&e.html, issue->web_version->label);
      td_html_put (&e.html, "</a>");
      put_line (&e, ROW_END);
    }

  render_sections (&e);

  td_html_newline (&e.html);
  td_html_put (&e.html, "</table>\n<!--[if mso]></td></tr></table><![endif]-->\n</div>\n</body>"
               "\n</html>\n");

  if (length != NULL)
    *length = e.out->len;
  result = g_string_free (g_steal_pointer (&e.out), FALSE);
  email_clear (&e);
  return result;
}
