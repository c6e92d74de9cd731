/* td-render-web.c: the issue as a standalone web page
 *
 * One HTML5 document with its stylesheet in the head: no script, no web
 * fonts, nothing fetched from another site (a video is its thumbnail, which
 * has the play mark drawn in, linked to the video). What each section shows
 * follows docs/rendering.md, which the email and text renderers follow too.
 *
 * The page's outline:
 *
 *   <header class="masthead">  the leading masthead sections
 *   <main>                     every other section, in file order
 *   <footer class="footer">    the trailing footer sections
 *
 * A masthead or footer section in the middle of the issue stays in <main>,
 * still as a <header> or <footer> (both are allowed there). The issue title
 * is the one <h1>: the first masthead shows it; an issue without a masthead
 * gets a small header with just the title, so the page keeps its h1.
 *
 * The sections come resolved (td-render-private.h): this file only lays
 * them out, one function per section type, called from the table of
 * section types. The body is written before the head, which names the
 * first picture as og:image.
 */

#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-html-writer.h"
#include "td-markdown.h"
#include "td-render-private.h"
#include "td-theme.h"

/* The text column is at most 42rem (672 CSS px, about 38em of body text)
 * wide. Pictures get width and height attributes (so the page doesn't jump
 * while they load) from their natural size, capped at twice the column for
 * high-density screens; CSS scales them down to the space they have. */
#define COLUMN_MAX_PX 1344
/* The logo and the badges are shown at 6rem and 5.5rem. */
#define SMALL_MAX_PX  192

/* A web page being written; the layouts below get its renderer. */
typedef struct
{
  TdRenderer    renderer;  /* first, so that a TdRenderer * is a Web * */
  TdHtmlWriter  html;
  guint         n_img;     /* <img> elements written so far */
  gboolean      wrote_h1;
} Web;

/* "<@tag", with class="@css_class" unless that is NULL. */
static void
append_tag_start (Web        *w,
                  const char *tag,
                  const char *css_class)
{
  td_html_putf (&w->html, "<%s", tag);
  if (css_class != NULL)
    td_html_putf (&w->html, " class=\"%s\"", css_class);
}

/* Pictures */

/* Writes <img> for @picture scaled to @max_width (it may be NULL: then
 * nothing is written, and FALSE returned). */
static gboolean
append_picture (Web                   *w,
                const TdRenderPicture *picture,
                const char            *css_class,
                guint                  max_width)
{
  guint width, height;

  if (picture == NULL)
    return FALSE;

  append_tag_start (w, "img", css_class);
  td_html_attr_url (&w->html, "src", picture->url);
  td_html_attr (&w->html, "alt", picture->alt);
  if (_td_render_picture_fit (picture, max_width, &width, &height))
    td_html_put_attrs (&w->html, " width=\"%u\" height=\"%u\"", width, height);
  /* The first picture is at the top of the page: load it at once. */
  if (w->n_img > 0)
    td_html_put_attrs (&w->html, " loading=\"lazy\"");
  td_html_put_attrs (&w->html, " decoding=\"async\">");
  w->n_img++;
  return TRUE;
}

/* Text */

/* Appends the markdown as HTML inside <div class="@css_class">, or nothing
 * when it renders to nothing. */
static void
append_markdown (Web        *w,
                 const char *markdown,
                 const char *css_class)
{
  g_autofree char *open = g_strdup_printf ("<div class=\"%s\">\n", css_class);

  _td_render_markdown (&w->html, markdown, NULL, open, "\n</div>\n");
}

/* Writes <a href="…" class="@css_class"> for @link; nothing, and FALSE,
 * when it is NULL (a URL no format may link). */
static gboolean
append_link_open (Web                *w,
                  const TdRenderLink *link,
                  const char         *css_class)
{
  if (link != NULL)
    {
      append_tag_start (w, "a", css_class);
      td_html_attr_url (&w->html, "href", link->url);
      td_html_put (&w->html, ">");
    }
  return link != NULL;
}

/* Writes @link with its label, then @after: the markup that closes it. */
static void
append_link (Web                *w,
             const TdRenderLink *link,
             const char         *css_class,
             const char         *after)
{
  if (!append_link_open (w, link, css_class))
    return;
  td_html_text (&w->html, link->label);
  td_html_put (&w->html, after);
}

static void
append_section_open (Web                   *w,
                     const char            *element,
                     const char            *css_class,
                     const TdRenderSection *section)
{
  td_html_putf (&w->html, "<%s class=\"%s\"", element, css_class);
  td_html_attr (&w->html, "data-section", section->id);
  td_html_put (&w->html, ">\n");
}

static void
append_heading (Web        *w,
                guint       level,
                const char *text)
{
  td_html_putf (&w->html, "<h%u%s>", level,
                td_text_reads_other_way (text, w->renderer.issue->rtl) ? " dir=\"auto\"" : "");
  td_html_text (&w->html, text);
  td_html_putf (&w->html, "</h%u>\n", level);
}

/* Opens @section as @element with its title as h2, if it has one. A NULL
 * @element is a <section>, or a <div> without a title (a section needs a
 * heading). Returns the element to close. */
static const char *
append_open (Web                   *w,
             const TdRenderSection *section,
             const char            *element,
             const char            *css_class)
{
  if (element == NULL)
    element = section->title[0] != '\0' ? "section" : "div";
  append_section_open (w, element, css_class, section);
  if (section->title[0] != '\0')
    append_heading (w, 2, section->title);
  return element;
}

/* Sections */

static void
append_title_and_month (Web *w)
{
  const TdRenderIssue *issue = w->renderer.issue;

  if (!w->wrote_h1)
    {
      append_heading (w, 1, issue->title);
      w->wrote_h1 = TRUE;
    }
  else
    {
      /* A second masthead: the page has its h1 already. */
      td_html_put (&w->html, "<p class=\"issue-title\">");
      td_html_text (&w->html, issue->title);
      td_html_put (&w->html, "</p>\n");
    }

  if (issue->month != NULL)
    {
      td_html_put (&w->html, "<p class=\"issue-date\"><time");
      td_html_attr (&w->html, "datetime", issue->date);
      td_html_put (&w->html, ">");
      td_html_text (&w->html, issue->month);
      td_html_put (&w->html, "</time></p>\n");
    }
}

/* The practice's name, then "profession · location", each part wrapping
 * as a whole when it fits on a line. */
static void
append_practice (Web                 *w,
                 const TdRenderIssue *issue)
{
  const char *parts[] = { issue->profession, issue->location };
  gboolean first = TRUE;

  td_html_text_in (&w->html, "<p class=\"practice\">", issue->name, FALSE, "</p>\n");
  if (issue->profession[0] == '\0' && issue->location[0] == '\0')
    return;
  td_html_put (&w->html, "<p class=\"tagline\">");
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (!first)
        td_html_put (&w->html, " · ");
      td_html_put (&w->html, "<span>");
      td_html_text (&w->html, parts[i]);
      td_html_put (&w->html, "</span>");
      first = FALSE;
    }
  td_html_put (&w->html, "</p>\n");
}

void
_td_web_masthead (TdRenderer            *renderer,
                  const TdRenderSection *section)
{
  Web *w = (Web *) renderer;

  append_section_open (w, "header", "masthead", section);
  if (append_picture (w, section->logo, "logo", SMALL_MAX_PX))
    td_html_put (&w->html, "\n");
  append_practice (w, renderer->issue);
  append_title_and_month (w);
  if (append_picture (w, section->picture, "banner", COLUMN_MAX_PX))
    td_html_put (&w->html, "\n");
  td_html_put (&w->html, "</header>\n");
}

/* The thumbnail linked to the video, a text link to it, then the caption. */
static void
append_video (Web                 *w,
              const TdRenderVideo *video)
{
  td_html_put (&w->html, "<div class=\"video\">\n");
  if (video->thumbnail != NULL)
    {
      gboolean linked = append_link_open (w, video->link, "video-thumb");

      append_picture (w, video->thumbnail, NULL, COLUMN_MAX_PX);
      td_html_put (&w->html, linked ? "</a>\n" : "\n");
    }
  if (video->link != NULL)
    {
      td_html_put (&w->html, "<p class=\"watch\">");
      append_link_open (w, video->link, NULL);
      td_html_put (&w->html, "▶ ");
      td_html_text (&w->html, video->link->label);
      td_html_put (&w->html, "</a></p>\n");
    }
  append_markdown (w, video->caption, "prose caption");
  td_html_put (&w->html, "</div>\n");
}

/* An article and a video section are both an <article>. */
void
_td_web_article (TdRenderer            *renderer,
                 const TdRenderSection *section)
{
  Web *w = (Web *) renderer;

  append_open (w, section, "article", "article");
  if (append_picture (w, section->picture, "wide", COLUMN_MAX_PX))
    td_html_put (&w->html, "\n");
  if (section->body != NULL)
    append_markdown (w, section->body, "prose");
  if (section->video != NULL)
    append_video (w, section->video);
  td_html_put (&w->html, "</article>\n");
}

typedef void (*ItemFunc) (Web                *w,
                          const TdRenderItem *item,
                          gconstpointer       data);

/* A section of news items, badges or offers: its items, each written by
 * @append_item (which gets @data), in a <@list class="@list_class"> (none
 * without items). */
static void
append_list (Web                   *w,
             const TdRenderSection *section,
             const char            *css_class,
             const char            *list,
             const char            *list_class,
             ItemFunc               append_item,
             gconstpointer          data)
{
  const char *element = append_open (w, section, NULL, css_class);

  if (section->items->len > 0)
    td_html_putf (&w->html, "<%s class=\"%s\">\n", list, list_class);
  for (guint i = 0; i < section->items->len; i++)
    append_item (w, g_ptr_array_index (section->items, i), data);
  if (section->items->len > 0)
    td_html_putf (&w->html, "</%s>\n", list);
  td_html_putf (&w->html, "</%s>\n", element);
}

/* A news item: a card with its photo beside its text, and its link, which
 * @arrow ends. */
static void
append_news_item (Web                *w,
                  const TdRenderItem *item,
                  gconstpointer       arrow)
{
  if (item->picture != NULL)
    {
      td_html_put (&w->html, "<li class=\"card news-item has-photo\">\n");
      append_picture (w, item->picture, "news-photo", COLUMN_MAX_PX);
      td_html_put (&w->html, "\n");
    }
  else
    td_html_put (&w->html, "<li class=\"card news-item\">\n");
  td_html_put (&w->html, "<div class=\"card-body\">\n");
  append_markdown (w, item->text, "prose");
  if (item->link != NULL)
    {
      td_html_put (&w->html, "<p class=\"more\">");
      append_link (w, item->link, NULL, arrow);
    }
  td_html_put (&w->html, "</div>\n</li>\n");
}

void
_td_web_news (TdRenderer            *renderer,
              const TdRenderSection *section)
{
  /* "label →": the arrow points on, the way the text reads. */
  const char *arrow = renderer->issue->rtl ? " ←</a></p>\n" : " →</a></p>\n";

  append_list ((Web *) renderer, section, "news", "ul", "news-list", append_news_item, arrow);
}

static void
append_button (Web                *w,
               const TdRenderLink *link,
               gboolean            primary)
{
  append_link (w, link, primary ? "button" : "button button-alt", "</a>\n");
}

/* Two buttons side by side in a paragraph of class @css_class, if either
 * can be shown. */
static void
append_buttons (Web                *w,
                const char         *css_class,
                const TdRenderLink *primary,
                const TdRenderLink *secondary)
{
  if (primary == NULL && secondary == NULL)
    return;
  td_html_putf (&w->html, "<p class=\"%s\">\n", css_class);
  append_button (w, primary, TRUE);
  append_button (w, secondary, FALSE);
  td_html_put (&w->html, "</p>\n");
}

void
_td_web_cta (TdRenderer            *renderer,
             const TdRenderSection *section)
{
  Web *w = (Web *) renderer;
  const char *element = append_open (w, section, NULL, "cta");

  td_html_text_in (&w->html, "<p class=\"cta-text\">", section->text, TRUE, "</p>\n");
  if (section->call != NULL)
    {
      td_html_put (&w->html, "<p class=\"phone\">");
      td_html_text (&w->html, section->phone);
      td_html_put (&w->html, "</p>\n");
    }
  append_buttons (w, "buttons call", section->call, section->sms);
  append_buttons (w, "buttons", section->form, section->youtube);
  td_html_putf (&w->html, "</%s>\n", element);
}

/* A badge: its picture and its name under it, both the link. */
static void
append_badge (Web                *w,
              const TdRenderItem *badge,
              gconstpointer       data)
{
  gboolean linked;

  td_html_put (&w->html, "<li>");
  linked = append_link_open (w, badge->link, NULL);
  append_picture (w, badge->picture, NULL, SMALL_MAX_PX);
  td_html_put (&w->html, "<span>");
  td_html_text (&w->html, badge->heading);
  td_html_put (&w->html, linked ? "</span></a></li>\n" : "</span></li>\n");
}

void
_td_web_badges (TdRenderer            *renderer,
                const TdRenderSection *section)
{
  append_list ((Web *) renderer, section, "credentials", "ul", "badges", append_badge, NULL);
}

/* An offer: a card with its heading (of the level @level holds), picture,
 * text and button. */
static void
append_offer (Web                *w,
              const TdRenderItem *offer,
              gconstpointer       level)
{
  /* An article needs its heading; a card without one is a div. */
  const char *card = offer->heading[0] != '\0' ? "article" : "div";

  td_html_putf (&w->html, "<%s class=\"card promo\">\n", card);
  if (offer->heading[0] != '\0')
    append_heading (w, GPOINTER_TO_UINT (level), offer->heading);
  if (append_picture (w, offer->picture, NULL, COLUMN_MAX_PX))
    td_html_put (&w->html, "\n");
  td_html_put (&w->html, "<div class=\"card-body\">\n");
  append_markdown (w, offer->text, "prose");
  append_buttons (w, "buttons", offer->link, NULL);
  td_html_putf (&w->html, "</div>\n</%s>\n", card);
}

void
_td_web_promotion (TdRenderer            *renderer,
                   const TdRenderSection *section)
{
  /* The offers' headings are h3 under the section's title, else h2. */
  guint level = section->title[0] != '\0' ? 3 : 2;

  append_list ((Web *) renderer, section, "promotions", "div", "cards", append_offer,
               GUINT_TO_POINTER (level));
}

void
_td_web_tip (TdRenderer            *renderer,
             const TdRenderSection *section)
{
  Web *w = (Web *) renderer;

  append_open (w, section, "aside", "tip");
  append_markdown (w, section->body, "prose");
  if (append_picture (w, section->picture, "wide", COLUMN_MAX_PX))
    td_html_put (&w->html, "\n");
  td_html_put (&w->html, "</aside>\n");
}

/* A client's words as a quotation: their photo, the quote, their name. */
void
_td_web_testimonial (TdRenderer            *renderer,
                     const TdRenderSection *section)
{
  Web *w = (Web *) renderer;
  const char *element = append_open (w, section, NULL, "testimonial");

  td_html_put (&w->html, "<figure>\n");
  if (append_picture (w, section->picture, "portrait", SMALL_MAX_PX))
    td_html_put (&w->html, "\n");
  _td_render_markdown (&w->html, section->body, NULL, "<blockquote class=\"prose\">\n",
                       "\n</blockquote>\n");
  if (section->attribution[0] != '\0')
    {
      td_html_put (&w->html, "<figcaption>— ");
      td_html_text (&w->html, section->attribution);
      td_html_put (&w->html, "</figcaption>\n");
    }
  td_html_putf (&w->html, "</figure>\n</%s>\n", element);
}

void
_td_web_footer (TdRenderer            *renderer,
                const TdRenderSection *section)
{
  Web *w = (Web *) renderer;
  const TdRenderIssue *issue = renderer->issue;
  static const char * const classes[] = { "website", "unsubscribe" };
  const TdRenderLink *links[G_N_ELEMENTS (classes)];

  append_section_open (w, "footer", "footer", section);
  append_markdown (w, section->body, "prose note");
  td_html_text_in (&w->html, "<address>", issue->address, TRUE, "</address>\n");
  td_html_text_in (&w->html, "<p class=\"copyright\">", section->copyright, FALSE, "</p>\n");
  /* A merge tag such as *|UNSUB|* means something only to the mailing
   * service that sends the email; on the web page it would be a broken
   * link (and invalid HTML), so the page links only to a real address. */
  links[0] = issue->website;
  links[1] = issue->unsubscribe_is_personal ? NULL : issue->unsubscribe;
  for (gsize i = 0; i < G_N_ELEMENTS (links); i++)
    {
      if (links[i] == NULL)
        continue;
      td_html_putf (&w->html, "<p class=\"%s\">", classes[i]);
      append_link (w, links[i], NULL, "</a></p>\n");
    }
  td_html_put (&w->html, "</footer>\n");
}

/* The page's outline: <main> between the header and the footer parts. */
static void
enter_part (TdRenderer    *renderer,
            TdSectionPart  part)
{
  Web *w = (Web *) renderer;

  td_html_put (&w->html, part == TD_PART_MAIN ? "<main>\n" : "</main>\n");
}

/* The stylesheet, in parts (C compilers need not take long literals).
 * Colours and fonts come from the theme, as custom properties; the rest is
 * fixed. */
static const char * const stylesheet[] = {
  "*,*::before,*::after{box-sizing:border-box}\n"
  "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
  "body{margin:0;background:var(--page);color:var(--text);font-family:var(--font-body);"
  "font-size:1.0625rem;line-height:1.65;overflow-wrap:break-word;overflow-wrap:anywhere}\n"
  "body>header,main,body>footer{max-width:48rem;margin:0 auto;background:var(--surface)}\n"
  "h1,h2,h3,h4,h5,h6{font-family:var(--font-heading);font-weight:700;line-height:1.25;"
  "color:var(--accent);margin:0 0 1rem;text-wrap:balance}\n"
  "h1{font-size:2rem;color:var(--text)}\n"
  "h2{font-size:1.625rem}\n"
  "h3{font-size:1.3125rem}\n"
  "h4,h5,h6{font-size:1.125rem}\n"
  "p,ul,ol,blockquote,pre{margin:0 0 1rem}\n"
  "a{color:var(--accent);text-decoration-thickness:.0625rem;text-underline-offset:.15em}\n"
  "a:hover{text-decoration-thickness:.125rem}\n"
  "a:focus-visible{outline:.1875rem solid var(--accent);outline-offset:.125rem;"
  "border-radius:.125rem}\n"
  "img{max-width:100%;height:auto;vertical-align:middle}\n"
  "table{width:100%;border-collapse:collapse;margin:0 0 1rem;font-size:.9375rem;"
  "line-height:1.5}\n"
  "th,td{padding:.375rem .5rem;border-bottom:1px solid var(--border);vertical-align:top;"
  "text-align:start}\n"
  "th{border-bottom-width:2px}\n",
  /* The masthead */
  ".masthead{padding:2.5rem 1.25rem 1.5rem;text-align:center;"
  "border-top:.375rem solid var(--accent)}\n"
  ".logo{display:block;width:6rem;margin:0 auto 1rem}\n"
  ".practice{font-family:var(--font-heading);font-size:2rem;line-height:1.2;"
  "color:var(--accent);margin:0 0 .5rem}\n"
  ".tagline{color:var(--muted);font-size:.8125rem;line-height:1.5;letter-spacing:.12em;"
  "text-transform:uppercase;margin:0}\n"
  ".tagline span{display:inline-block;max-width:100%}\n"
  ".masthead h1,.issue-title{font-family:var(--font-heading);font-size:1.75rem;"
  "font-weight:700;line-height:1.25;color:var(--text);margin:0 auto}\n"
  ".masthead h1::before,.issue-title::before{content:\"\";display:block;width:3rem;"
  "height:.1875rem;margin:1.75rem auto 1.5rem;border-radius:.125rem;"
  "background:var(--accent)}\n"
  ".masthead>h1:first-child::before{margin-top:0}\n"
  ".issue-date{color:var(--muted);font-style:italic;margin:.375rem 0 0}\n"
  ".banner{display:block;width:100%;margin:1.75rem auto 0;border-radius:.5rem}\n",
  /* The column and the rhythm between sections */
  "main{padding:0 1.25rem 2rem}\n"
  "main>*{margin:0;padding:2.5rem 0}\n"
  "main>*+*{border-top:1px solid var(--border)}\n"
  "main>:first-child{padding-top:1.5rem}\n"
  ".prose>:last-child{margin-bottom:0}\n"
  ".prose blockquote{margin-inline:0;padding-inline-start:1rem;"
  "border-inline-start:.25rem solid var(--border);color:var(--muted)}\n"
  ".prose pre{overflow-x:auto;padding:.75rem;background:var(--tint);border-radius:.375rem}\n"
  ".prose code{font-size:.9em}\n"
  ".prose hr{border:0;border-top:1px solid var(--border);margin:1.5rem 0}\n"
  ".wide{display:block;width:100%;border-radius:.5rem;margin:0 0 1.5rem}\n"
  /* Videos */
  ".video{margin-top:2rem}\n"
  "h2+.video{margin-top:0}\n"
  ".video-thumb{display:block;border-radius:.5rem;overflow:hidden}\n"
  ".video-thumb img{display:block;width:100%}\n"
  ".watch{margin:.75rem 0 1rem;font-weight:700}\n"
  ".watch a{text-decoration:none}\n"
  ".watch a:hover{text-decoration:underline}\n"
  /* Cards: news items and promotions */
  ".card{min-width:0;border:1px solid var(--border);border-radius:.75rem;overflow:hidden;"
  "background:var(--surface)}\n"
  ".card-body{padding:1.25rem}\n"
  ".news-list{list-style:none;padding:0;margin:0;display:grid;gap:1.25rem}\n"
  ".news-item{padding:1.25rem}\n"
  ".news-item .card-body{padding:0}\n"
  ".news-photo{display:block;width:100%;border-radius:.5rem;margin:0 0 1rem}\n"
  ".more{margin:.75rem 0 0;font-weight:700}\n"
  ".cards{display:grid;gap:1.25rem;"
  "grid-template-columns:repeat(auto-fit,minmax(min(100%,15rem),1fr))}\n"
  ".promo{display:flex;flex-direction:column}\n"
  ".promo h2,.promo h3{font-size:1.125rem;margin:0;padding:.875rem 1.25rem;"
  "background:var(--tint)}\n"
  ".promo img{display:block;width:100%}\n"
  ".promo .card-body{flex:1;display:flex;flex-direction:column}\n"
  ".promo .buttons{margin:auto 0 0;padding-top:1rem}\n"
  /* Buttons */
  ".buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 1rem}\n"
  ".button{display:inline-block;padding:.6875rem 1.375rem;border:.125rem solid var(--accent);"
  "border-radius:999px;background:var(--accent);color:var(--on-accent);font-weight:700;"
  "line-height:1.3;text-decoration:none;text-align:center}\n"
  ".button-alt{background:var(--surface);color:var(--accent)}\n"
  ".button:hover{text-decoration:underline}\n",
  /* Call to action, credentials, the tip */
  "main>.cta{padding:2rem 1.25rem;border:1px solid var(--border);"
  "border-radius:.75rem;text-align:center}\n"
  "main>.cta+*,main>.tip+*{border-top:0}\n"
  "main>.cta+.cta,main>.cta+.tip,main>.tip+.cta,main>.tip+.tip{margin-top:2rem}\n"
  ".cta-text{font-size:1.125rem}\n"
  ".phone{font-family:var(--font-heading);font-size:1.5rem;color:var(--accent);"
  "margin:0 0 .75rem}\n"
  ".cta .buttons{display:grid;max-width:26rem;margin:0 auto .75rem}\n"
  ".cta .call{grid-template-columns:1fr 1fr}\n"
  ".cta .buttons:last-child{margin-bottom:0}\n"
  ".cta .button{display:block}\n"
  ".badges{list-style:none;padding:0;margin:0;display:grid;gap:1.5rem 1rem;"
  "grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));text-align:center}\n"
  ".badges a{color:var(--muted);text-decoration:none}\n"
  ".badges a:hover span{text-decoration:underline}\n"
  ".badges img{display:block;width:5.5rem;margin:0 auto .625rem}\n"
  ".badges span{display:block;font-size:.8125rem;line-height:1.5;color:var(--muted)}\n"
  "main>.tip{padding:1.75rem 1.5rem;border:0;border-radius:.75rem;"
  "border-inline-start:.375rem solid var(--accent);background:var(--tint)}\n"
  ".tip .wide{margin:1.25rem 0 0}\n"

  /* The footer */
  "footer{text-align:center;font-size:.875rem}\n"
  "footer p,footer address{margin:0 0 .75rem}\n"
  "footer address{font-style:normal}\n"
  "footer .note{max-width:32rem;margin:0 auto 1.25rem}\n"
  "footer .note p{margin:0 0 .5rem}\n"
  "footer>:last-child{margin-bottom:0}\n"
  "main>footer{color:var(--muted)}\n"
  "main>footer a{color:var(--muted)}\n"
  "body>footer{padding:2.5rem 1.25rem;background:var(--accent);color:var(--on-accent)}\n"
  "body>footer+footer{padding-top:0}\n"
  "body>footer a{color:var(--on-accent)}\n"
  "body>footer a:focus-visible{outline-color:var(--on-accent)}\n",
  /* Wider screens: the column becomes a sheet of paper on the page */
  "@media (min-width:36em){\n"
  ".news-item.has-photo{display:grid;grid-template-columns:14rem minmax(0,1fr);gap:1.25rem;"
  "align-items:start}\n"
  ".news-item.has-photo .news-photo{margin:0}\n"
  "}\n"
  "@media (min-width:48em){\n"
  "body{font-size:1.125rem;padding:2.5rem 1rem}\n"
  "body>header{border-radius:.75rem .75rem 0 0;padding:3rem 3rem 1.5rem}\n"
  "main{padding:0 3rem 2.5rem}\n"
  "body>footer{padding:2.5rem 3rem}\n"
  "body>footer:last-child{border-radius:0 0 .75rem .75rem}\n"
  "body>header,main,body>footer{box-shadow:0 .0625rem .25rem rgba(0,0,0,.06)}\n"
  ".practice{font-size:2.375rem}\n"
  ".masthead h1,.issue-title{font-size:2.25rem}\n"
  "h2{font-size:1.875rem}\n"
  "main>.tip,main>.cta{padding:2rem 2.25rem}\n"
  "}\n"
  /* Paper */
  "@media print{\n"
  "body{background:none;color:#000;font-size:11pt;padding:0}\n"
  "body>header,main,body>footer{max-width:none;box-shadow:none;background:none;padding:0}\n"
  ".masthead{border-top:0;padding-bottom:1rem}\n"
  ".wide,.banner,.video-thumb img{width:auto;max-width:100%;max-height:20rem}\n"
  "body>footer,body>footer a{color:#000}\n"
  "body>footer{border-top:1px solid #999;padding-top:1rem}\n"
  "main>.tip,main>.cta,.card,.promo h2,.promo h3,.button,.button-alt{background:none}\n"
  "main>.tip{border:1px solid #999}\n"
  ".button{color:#000;border-color:#000}\n"
  ".prose a[href^=\"http\"]::after,.more a[href^=\"http\"]::after,"
  ".watch a[href^=\"http\"]::after,"
  ".button[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-weight:400;"
  "word-break:break-all}\n"
  "main>*,.card,.badges li,.video{break-inside:avoid}\n"
  "h1,h2,h3{break-after:avoid}\n"
  "}\n",
};

static void
append_style (TdHtmlWriter  *h,
              const TdTheme *theme)
{
  td_html_putf (h,
                "<style>\n"
                ":root{--accent:%s;--tint:%s;--text:%s;--muted:%s;--page:%s;"
                "--surface:%s;--border:%s;--on-accent:%s;\n"
                "--font-body:%s;--font-heading:%s}\n",
                theme->accent, theme->accent_tint, theme->text, theme->muted,
                theme->page, theme->surface, theme->border, theme->on_accent,
                theme->font_body, theme->font_heading);
  /* The email's dark colours, for readers who prefer dark (the print
   * stylesheet sets its own). */
  td_html_putf (h,
                "@media (prefers-color-scheme:dark){\n"
                ":root{--accent:%s;--tint:%s;--text:%s;--muted:%s;--page:%s;"
                "--surface:%s;--border:%s;--on-accent:%s}\n}\n",
                theme->dark.accent, theme->dark.tint, theme->dark.text, theme->dark.muted,
                theme->dark.page, theme->dark.surface, theme->dark.border,
                theme->dark.on_accent);
  for (gsize i = 0; i < G_N_ELEMENTS (stylesheet); i++)
    td_html_put (h, stylesheet[i]);
  td_html_put (h, "</style>\n");
}

static void
append_meta (TdHtmlWriter *h,
             const char   *attribute,
             const char   *name,
             const char   *content,
             gboolean      is_url)
{
  td_html_putf (h, "<meta %s=\"%s\"", attribute, name);
  if (is_url)
    td_html_attr_url (h, "content", content);
  else
    td_html_attr (h, "content", content);
  td_html_put (h, ">\n");
}

static gboolean
is_http_url (const char *url)
{
  return td_url_is_safe_absolute (url) &&
         (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
          g_ascii_strncasecmp (url, "http://", 7) == 0);
}

static void
append_head (TdHtmlWriter        *h,
             const TdRenderIssue *issue,
             const TdTheme       *theme)
{
  const char *title = issue->title;
  const char *name = issue->name;
  const char *description = issue->preheader;
  const char *base_url = issue->public_base_url;
  g_autofree char *full_title = NULL;

  if (description[0] == '\0')
    description = issue->subject;
  if (name[0] == '\0')
    full_title = g_strdup (title);
  else if (title[0] == '\0')
    full_title = g_strdup (name);
  else
    full_title = g_strconcat (title, " — ", name, NULL);

  td_html_put (h,
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"color-scheme\" content=\"light dark\">\n");
  td_html_put (h, "<title>");
  td_html_text_as (h, full_title, TD_HTML_FLOW_UNPARSED);
  td_html_put (h, "</title>\n");
  if (description[0] != '\0')
    append_meta (h, "name", "description", description, FALSE);

  append_meta (h, "property", "og:type", "article", FALSE);
  append_meta (h, "property", "og:title", title[0] != '\0' ? title : full_title, FALSE);
  if (description[0] != '\0')
    append_meta (h, "property", "og:description", description, FALSE);
  if (name[0] != '\0')
    append_meta (h, "property", "og:site_name", name, FALSE);
  if (is_http_url (base_url))
    {
      append_meta (h, "property", "og:url", base_url, TRUE);
      if (issue->pictures->len > 0)
        {
          TdRenderContext absolute = *issue->context;
          g_autofree char *image_url = NULL;

          absolute.image_urls = TD_IMAGE_URL_ABSOLUTE;
          image_url = td_render_image_url (&absolute, g_ptr_array_index (issue->pictures, 0));
          if (is_http_url (image_url))
            append_meta (h, "property", "og:image", image_url, TRUE);
        }
    }

  append_style (h, theme);
}

/* The body: the sections, after a header with the issue's title when no
 * masthead gives one. */
static GString *
render_body (const TdRenderIssue *issue)
{
  GString *body = g_string_sized_new (32 * 1024);
  Web w = { .renderer = { TD_RENDER_WEB, issue, enter_part } };

  td_html_writer_init (&w.html, body);
  w.html.rtl = issue->rtl;
  if (!issue->has_masthead)
    {
      td_html_put (&w.html, "<header class=\"masthead\">\n");
      append_title_and_month (&w);
      td_html_put (&w.html, "</header>\n");
    }
  _td_render_layout (&w.renderer);
  td_html_writer_clear (&w.html);
  return body;
}

char *
_td_render_web (const TdRenderIssue *issue,
                gsize               *length)
{
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) out = NULL;
  TdHtmlWriter h;
  TdTheme theme;

  td_theme_init (&theme, issue->brand_color);
  body = render_body (issue);

  out = g_string_sized_new (body->len + 8 * 1024);
  td_html_writer_init (&h, out);
  td_html_put (&h, "<!DOCTYPE html>\n<html");
  td_html_attr (&h, "lang", issue->language);
  td_html_put (&h, issue->rtl ? " dir=\"rtl\">\n" : " dir=\"ltr\">\n");
  td_html_put (&h, "<head>\n");
  append_head (&h, issue, &theme);
  td_html_put (&h, "</head>\n<body>\n");
  td_html_writer_clear (&h);
  g_string_append_len (out, body->str, body->len);
  g_string_append (out, "</body>\n</html>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
