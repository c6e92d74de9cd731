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
 * The body is rendered before the head, so that the head's og:image can name
 * the first picture, and the same walk lists the pictures for the export.
 */

#include "config.h"

#include <string.h>

#include "td-issue-validator.h"
#include "td-html.h"
#include "td-html-writer.h"
#include "td-image-info.h"
#include "td-json-path.h"
#include "td-l10n.h"
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

typedef struct
{
  const TdRenderContext *context;
  const char            *language;
  gboolean               rtl;
  TdHtmlWriter           html;
  GPtrArray             *images;   /* picture paths in order of first use */
  GHashTable            *seen;     /* the same strings, borrowed */
  guint                  n_img;    /* <img> elements written so far */
  gboolean               wrote_h1;
} Web;

/* Pictures */

static void
note_image (Web        *w,
            const char *src)
{
  char *copy;

  if (g_hash_table_contains (w->seen, src))
    return;
  copy = g_strdup (src);
  g_ptr_array_add (w->images, copy);
  g_hash_table_add (w->seen, copy);
}

/* Writes <img> for the picture at @src, or nothing (returning FALSE) when it
 * can't be shown. */
static gboolean
append_image_src (Web        *w,
                  const char *src,
                  const char *alt,
                  guint       max_width,
                  const char *css_class)
{
  g_autofree char *url = td_render_picture_url (w->context, src);
  guint width, height;

  if (url == NULL)
    return FALSE;
  note_image (w, src);

  td_html_put (&w->html, "<img");
  if (css_class != NULL)
    td_html_putf (&w->html, " class=\"%s\"", css_class);
  td_html_attr_url (&w->html, "src", url);
  td_html_attr (&w->html, "alt", alt);
  if (td_render_image_size (w->context, src, max_width, &width, &height))
    td_html_putf_attrs (&w->html, " width=\"%u\" height=\"%u\"", width, height);
  /* The first picture is at the top of the page: load it at once. */
  if (w->n_img > 0)
    td_html_put_attrs (&w->html, " loading=\"lazy\"");
  td_html_put_attrs (&w->html, " decoding=\"async\">");
  w->n_img++;
  return TRUE;
}

/* The same for an image object ({ "src", "alt" }, may be NULL). */
static gboolean
append_image (Web        *w,
              JsonObject *image,
              guint       max_width,
              const char *css_class)
{
  if (image == NULL)
    return FALSE;
  return append_image_src (w, td_json_get_string (image, "src"),
                           td_json_get_string (image, "alt"), max_width, css_class);
}

static gboolean
image_object_is_usable (Web        *w,
                        JsonObject *image)
{
  g_autofree char *url = NULL;

  if (image == NULL)
    return FALSE;
  url = td_render_picture_url (w->context, td_json_get_string (image, "src"));
  return url != NULL;
}

/* Text */

/* Appends the markdown as HTML inside <div class="@css_class">, or nothing
 * when it renders to nothing. */
static void
append_markdown (Web        *w,
                 const char *markdown,
                 const char *css_class)
{
  const TdMarkdownHtmlOptions options = { .heading_offset = 2, .style = NULL };
  g_autofree char *html = td_markdown_to_html (markdown, &options);
  gsize len = strlen (html);

  while (len > 0 && g_ascii_isspace (html[len - 1]))
    len--;
  if (len == 0)
    return;
  td_html_putf (&w->html, "<div class=\"%s\">\n", css_class);
  td_html_put_len (&w->html, html, len);
  td_html_put (&w->html, "\n</div>\n");
}

static void
append_heading (Web        *w,
                guint       level,
                const char *text)
{
  td_html_putf (&w->html, "<h%u>", level);
  td_html_text (&w->html, text);
  td_html_putf (&w->html, "</h%u>\n", level);
}

/* Writes <a href="@url" class="@css_class"> and returns TRUE, or writes
 * nothing and returns FALSE when @url is not an absolute http(s), mailto,
 * tel or sms URL: the rule of the email and the plain text, so that every
 * format links the same places. */
static gboolean
append_link_open (Web        *w,
                  const char *url,
                  const char *css_class)
{
  if (!td_url_is_safe_absolute (url))
    return FALSE;
  td_html_put (&w->html, "<a");
  if (css_class != NULL)
    td_html_putf (&w->html, " class=\"%s\"", css_class);
  td_html_attr_url (&w->html, "href", url);
  td_html_put (&w->html, ">");
  return TRUE;
}

static void
append_section_open (Web        *w,
                     const char *element,
                     const char *css_class,
                     JsonObject *section)
{
  td_html_putf (&w->html, "<%s class=\"%s\"", element, css_class);
  td_html_attr (&w->html, "data-section", td_json_get_string (section, "id"));
  td_html_put (&w->html, ">\n");
}

/* Sections */

static void
append_title_and_month (Web *w)
{
  JsonObject *issue = td_render_get_issue (w->context);
  const char *date = td_json_get_string (issue, "date");
  g_autofree char *month = td_l10n_format_month (w->language, date);

  if (!w->wrote_h1)
    {
      append_heading (w, 1, td_json_get_string (issue, "title"));
      w->wrote_h1 = TRUE;
    }
  else
    {
      /* A second masthead: the page has its h1 already. */
      td_html_put (&w->html, "<p class=\"issue-title\">");
      td_html_text (&w->html, td_json_get_string (issue, "title"));
      td_html_put (&w->html, "</p>\n");
    }

  if (month != NULL)
    {
      td_html_put (&w->html, "<p class=\"issue-date\"><time");
      td_html_attr (&w->html, "datetime", date);
      td_html_put (&w->html, ">");
      td_html_text (&w->html, month);
      td_html_put (&w->html, "</time></p>\n");
    }
}

static void
render_masthead (Web        *w,
                 JsonObject *section)
{
  JsonObject *practice = td_render_get_practice (w->context);
  const char *name = td_json_get_string (practice, "name");
  const char *profession = td_json_get_string (practice, "profession");
  const char *location = td_json_get_string (practice, "location");
  JsonObject *banner = td_json_get_object (section, "banner");

  append_section_open (w, "header", "masthead", section);

  /* The practice's name is right under its logo: alt="" avoids reading
   * it twice. */
  if (td_json_get_boolean (section, "show_logo", TRUE) &&
      append_image_src (w, td_json_get_string (practice, "logo"), "", SMALL_MAX_PX, "logo"))
    td_html_put (&w->html, "\n");

  if (name[0] != '\0')
    {
      td_html_put (&w->html, "<p class=\"practice\">");
      td_html_text (&w->html, name);
      td_html_put (&w->html, "</p>\n");
    }
  if (profession[0] != '\0' || location[0] != '\0')
    {
      /* Each part wraps as a whole when it fits on a line. */
      td_html_put (&w->html, "<p class=\"tagline\">");
      if (profession[0] != '\0')
        {
          td_html_put (&w->html, "<span>");
          td_html_text (&w->html, profession);
          td_html_put (&w->html, "</span>");
        }
      if (profession[0] != '\0' && location[0] != '\0')
        td_html_put (&w->html, " · ");
      if (location[0] != '\0')
        {
          td_html_put (&w->html, "<span>");
          td_html_text (&w->html, location);
          td_html_put (&w->html, "</span>");
        }
      td_html_put (&w->html, "</p>\n");
    }

  append_title_and_month (w);

  if (append_image (w, banner, COLUMN_MAX_PX, "banner"))
    td_html_put (&w->html, "\n");

  td_html_put (&w->html, "</header>\n");
}

/* The thumbnail linked to the video, a text link to it, then the caption. */
static void
render_video_block (Web        *w,
                    JsonObject *video)
{
  const char *url = td_json_get_string (video, "url");
  JsonObject *thumbnail = td_json_get_object (video, "thumbnail");
  gboolean linked = td_url_is_safe_absolute (url);

  td_html_put (&w->html, "<div class=\"video\">\n");
  if (image_object_is_usable (w, thumbnail))
    {
      if (linked)
        append_link_open (w, url, "video-thumb");
      append_image (w, thumbnail, COLUMN_MAX_PX, NULL);
      td_html_put (&w->html, linked ? "</a>\n" : "\n");
    }
  if (linked)
    {
      td_html_put (&w->html, "<p class=\"watch\">");
      append_link_open (w, url, NULL);
      td_html_put (&w->html, "▶ ");
      td_html_text (&w->html, td_l10n_gettext (w->language, "newsletter", "Watch the video"));
      td_html_put (&w->html, "</a></p>\n");
    }
  append_markdown (w, td_json_get_string (video, "caption"), "prose caption");
  td_html_put (&w->html, "</div>\n");
}

static void
render_article (Web        *w,
                JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  JsonObject *image = td_json_get_object (section, "image");
  JsonObject *video = td_json_get_object (section, "video");

  append_section_open (w, "article", "article", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (append_image (w, image, COLUMN_MAX_PX, "wide"))
    td_html_put (&w->html, "\n");
  append_markdown (w, td_json_get_string (section, "body"), "prose");
  if (video != NULL)
    render_video_block (w, video);
  td_html_put (&w->html, "</article>\n");
}

static void
render_video (Web        *w,
              JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  JsonObject *video = td_json_get_object (section, "video");

  append_section_open (w, "article", "article", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (video != NULL)
    render_video_block (w, video);
  td_html_put (&w->html, "</article>\n");
}

static void
render_news (Web        *w,
             JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  /* A section needs a heading; without one the items stand alone. */
  const char *element = title[0] != '\0' ? "section" : "div";
  JsonArray *items = td_json_get_array (section, "items");
  guint n = items != NULL ? json_array_get_length (items) : 0;

  append_section_open (w, element, "news", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (n > 0)
    td_html_put (&w->html, "<ul class=\"news-list\">\n");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *photo, *link;

      if (item == NULL)
        continue;
      photo = td_json_get_object (item, "photo");
      link = td_json_get_object (item, "link");

      if (image_object_is_usable (w, photo))
        {
          td_html_put (&w->html, "<li class=\"card news-item has-photo\">\n");
          append_image (w, photo, COLUMN_MAX_PX, "news-photo");
          td_html_put (&w->html, "\n");
        }
      else
        td_html_put (&w->html, "<li class=\"card news-item\">\n");
      td_html_put (&w->html, "<div class=\"card-body\">\n");
      append_markdown (w, td_json_get_string (item, "text"), "prose");
      if (link != NULL && td_url_is_safe_absolute (td_json_get_string (link, "url")))
        {
          const char *label = td_json_get_string (link, "label");

          td_html_put (&w->html, "<p class=\"more\">");
          append_link_open (w, td_json_get_string (link, "url"), NULL);
          if (label[0] == '\0')
            label = td_l10n_gettext (w->language, "newsletter", "Read more");
          td_html_text (&w->html, label);
          /* The arrow points on, the way the text reads. */
          td_html_put (&w->html, w->rtl ? " ←</a></p>\n" : " →</a></p>\n");
        }
      td_html_put (&w->html, "</div>\n</li>\n");
    }
  if (n > 0)
    td_html_put (&w->html, "</ul>\n");
  td_html_putf (&w->html, "</%s>\n", element);
}

static void
append_button (Web        *w,
               const char *url,
               const char *label,
               gboolean    primary)
{
  if (!append_link_open (w, url, primary ? "button" : "button button-alt"))
    return;
  td_html_text (&w->html, label);
  td_html_put (&w->html, "</a>\n");
}

static void
append_link_button (Web        *w,
                    JsonObject *link,
                    const char *fallback_label,
                    gboolean    primary)
{
  const char *label;

  if (link == NULL)
    return;
  label = td_json_get_string (link, "label");
  append_button (w, td_json_get_string (link, "url"),
                 label[0] != '\0' ? label : fallback_label, primary);
}

static gboolean
link_is_usable (JsonObject *link)
{
  return link != NULL && td_url_is_safe_absolute (td_json_get_string (link, "url"));
}

static void
render_cta (Web        *w,
            JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  const char *element = title[0] != '\0' ? "section" : "div";
  const char *text = td_json_get_string (section, "text");
  const char *phone = td_json_get_string (section, "phone");
  g_autofree char *tel = td_render_phone_uri ("tel:", phone);
  g_autofree char *sms = td_render_phone_uri ("sms:", phone);
  JsonObject *form = td_json_get_object (section, "form");
  JsonObject *youtube = td_json_get_object (section, "youtube");

  append_section_open (w, element, "cta", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (text[0] != '\0')
    {
      td_html_put (&w->html, "<p class=\"cta-text\">");
      td_html_text_lines (&w->html, text);
      td_html_put (&w->html, "</p>\n");
    }
  if (tel != NULL && sms != NULL)
    {
      td_html_put (&w->html, "<p class=\"phone\">");
      td_html_text (&w->html, phone);
      td_html_put (&w->html, "</p>\n<p class=\"buttons call\">\n");
      append_button (w, tel, td_l10n_gettext (w->language, "newsletter", "Call"), TRUE);
      append_button (w, sms, td_l10n_gettext (w->language, "newsletter", "Text"), FALSE);
      td_html_put (&w->html, "</p>\n");
    }
  if (link_is_usable (form) || link_is_usable (youtube))
    {
      td_html_put (&w->html, "<p class=\"buttons\">\n");
      append_link_button (w, form,
                          td_l10n_gettext (w->language, "newsletter", "Book online"), TRUE);
      append_link_button (w, youtube,
                          td_l10n_gettext (w->language, "newsletter", "Subscribe on YouTube"),
                          FALSE);
      td_html_put (&w->html, "</p>\n");
    }
  td_html_putf (&w->html, "</%s>\n", element);
}

static void
render_credentials (Web        *w,
                    JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  const char *element = title[0] != '\0' ? "section" : "div";
  JsonArray *badges = td_json_get_array (section, "badges");
  guint n = badges != NULL ? json_array_get_length (badges) : 0;

  append_section_open (w, element, "credentials", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (n > 0)
    td_html_put (&w->html, "<ul class=\"badges\">\n");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (badges, i);
      JsonObject *badge = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *image;
      gboolean linked;

      if (badge == NULL)
        continue;
      image = td_json_get_object (badge, "image");

      td_html_put (&w->html, "<li>");
      linked = append_link_open (w, td_json_get_string (badge, "url"), NULL);
      append_image (w, image, SMALL_MAX_PX, NULL);
      td_html_put (&w->html, "<span>");
      td_html_text (&w->html, td_json_get_string (badge, "name"));
      td_html_put (&w->html, "</span>");
      if (linked)
        td_html_put (&w->html, "</a>");
      td_html_put (&w->html, "</li>\n");
    }
  if (n > 0)
    td_html_put (&w->html, "</ul>\n");
  td_html_putf (&w->html, "</%s>\n", element);
}

static void
render_promotion (Web        *w,
                  JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  const char *element = title[0] != '\0' ? "section" : "div";
  JsonArray *items = td_json_get_array (section, "items");
  guint n = items != NULL ? json_array_get_length (items) : 0;
  guint level = title[0] != '\0' ? 3 : 2;

  append_section_open (w, element, "promotions", section);
  if (title[0] != '\0')
    append_heading (w, 2, title);
  if (n > 0)
    td_html_put (&w->html, "<div class=\"cards\">\n");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *heading;
      const char *card;
      JsonObject *image, *link;

      if (item == NULL)
        continue;
      heading = td_json_get_string (item, "heading");
      image = td_json_get_object (item, "image");
      link = td_json_get_object (item, "link");
      /* An article needs its heading; a card without one is a div. */
      card = heading[0] != '\0' ? "article" : "div";

      td_html_putf (&w->html, "<%s class=\"card promo\">\n", card);
      if (heading[0] != '\0')
        append_heading (w, level, heading);
      if (append_image (w, image, COLUMN_MAX_PX, NULL))
        td_html_put (&w->html, "\n");
      td_html_put (&w->html, "<div class=\"card-body\">\n");
      append_markdown (w, td_json_get_string (item, "text"), "prose");
      if (link_is_usable (link))
        {
          td_html_put (&w->html, "<p class=\"buttons\">\n");
          append_link_button (w, link,
                              td_l10n_gettext (w->language, "newsletter", "Read more"), TRUE);
          td_html_put (&w->html, "</p>\n");
        }
      td_html_putf (&w->html, "</div>\n</%s>\n", card);
    }
  if (n > 0)
    td_html_put (&w->html, "</div>\n");
  td_html_putf (&w->html, "</%s>\n", element);
}

static void
render_tip (Web        *w,
            JsonObject *section)
{
  const char *title = td_json_get_string (section, "title");
  JsonObject *image = td_json_get_object (section, "image");

  append_section_open (w, "aside", "tip", section);
  if (title[0] == '\0')
    title = td_l10n_gettext (w->language, "newsletter", "Did you know?");
  append_heading (w, 2, title);
  append_markdown (w, td_json_get_string (section, "body"), "prose");
  if (append_image (w, image, COLUMN_MAX_PX, "wide"))
    td_html_put (&w->html, "\n");
  td_html_put (&w->html, "</aside>\n");
}

/* "https://example.com/" shows as "example.com". */
static void
append_website (Web        *w,
                const char *url)
{
  const char *shown = url;
  gsize len;

  if (g_ascii_strncasecmp (shown, "https://", 8) == 0)
    shown += 8;
  else if (g_ascii_strncasecmp (shown, "http://", 7) == 0)
    shown += 7;
  len = strlen (shown);
  while (len > 0 && shown[len - 1] == '/')
    len--;
  if (len == 0)
    {
      shown = url;
      len = strlen (url);
    }

  {
    g_autofree char *text = g_strndup (shown, len);

    td_html_text (&w->html, text);
  }
}

/* A merge tag such as *|UNSUB|* means something only to the mailing service
 * that sends the email; on the web page it would be a broken link (and
 * invalid HTML), so the page links only to a real address. */
static gboolean
is_web_unsubscribe_url (const char *url)
{
  static const char * const tag_marks[] = { "*|", "|*", "{{", "}}", "%%", "{$", "[", "]" };

  if (!td_url_is_safe_absolute (url) || td_url_is_merge_tag (url))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (tag_marks); i++)
    if (strstr (url, tag_marks[i]) != NULL)
      return FALSE;
  return TRUE;
}

static void
render_footer (Web        *w,
               JsonObject *section)
{
  JsonObject *practice = td_render_get_practice (w->context);
  JsonObject *issue = td_render_get_issue (w->context);
  const char *address = td_json_get_string (practice, "address");
  const char *copyright = td_json_get_string (section, "copyright");
  const char *website = td_json_get_string (practice, "website");
  const char *unsubscribe = td_json_get_string (issue, "unsubscribe_url");

  append_section_open (w, "footer", "footer", section);
  append_markdown (w, td_json_get_string (section, "note"), "prose note");
  if (address[0] != '\0')
    {
      td_html_put (&w->html, "<address>");
      td_html_text_lines (&w->html, address);
      td_html_put (&w->html, "</address>\n");
    }
  if (copyright[0] != '\0')
    {
      td_html_put (&w->html, "<p class=\"copyright\">");
      td_html_text (&w->html, copyright);
      td_html_put (&w->html, "</p>\n");
    }
  if (td_url_is_safe_absolute (website))
    {
      td_html_put (&w->html, "<p class=\"website\">");
      append_link_open (w, website, NULL);
      append_website (w, website);
      td_html_put (&w->html, "</a></p>\n");
    }
  if (is_web_unsubscribe_url (unsubscribe))
    {
      td_html_put (&w->html, "<p class=\"unsubscribe\">");
      append_link_open (w, unsubscribe, NULL);
      td_html_text (&w->html, td_l10n_gettext (w->language, "newsletter", "Unsubscribe"));
      td_html_put (&w->html, "</a></p>\n");
    }
  td_html_put (&w->html, "</footer>\n");
}

typedef void (*RenderFunc) (Web        *w,
                            JsonObject *section);

static const struct
{
  const char *type;
  RenderFunc  render;
} renderers[] = {
  { "masthead", render_masthead },
  { "article", render_article },
  { "video", render_video },
  { "news", render_news },
  { "cta", render_cta },
  { "credentials", render_credentials },
  { "promotion", render_promotion },
  { "tip", render_tip },
  { "footer", render_footer },
};

/* The section at @index, or NULL when it isn't an object. */
static JsonObject *
get_section (JsonArray *sections,
             guint      index)
{
  JsonNode *node = json_array_get_element (sections, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The renderer for the section, or NULL for an unknown type (skipped). */
static RenderFunc
lookup_renderer (JsonObject *section)
{
  const char *type = section != NULL ? td_json_get_string (section, "type") : "";

  for (gsize i = 0; i < G_N_ELEMENTS (renderers); i++)
    if (g_str_equal (type, renderers[i].type))
      return renderers[i].render;
  return NULL;
}

static gboolean
section_is (JsonObject *section,
            const char *type)
{
  return section != NULL && g_str_equal (td_json_get_string (section, "type"), type);
}

static void
render_sections (Web *w)
{
  JsonArray *sections = td_render_get_sections (w->context);
  guint n = sections != NULL ? json_array_get_length (sections) : 0;
  guint first_main = 0;
  guint end_main = n;
  gboolean has_masthead = FALSE;

  /* Leading mastheads form the page's header, trailing footers its footer;
   * sections of unknown type render nothing and so don't count. */
  for (guint i = 0; i < n; i++)
    if (section_is (get_section (sections, i), "masthead"))
      has_masthead = TRUE;
  while (first_main < n &&
         (section_is (get_section (sections, first_main), "masthead") ||
          lookup_renderer (get_section (sections, first_main)) == NULL))
    first_main++;
  while (end_main > first_main &&
         (section_is (get_section (sections, end_main - 1), "footer") ||
          lookup_renderer (get_section (sections, end_main - 1)) == NULL))
    end_main--;

  if (!has_masthead)
    {
      td_html_put (&w->html, "<header class=\"masthead\">\n");
      append_title_and_month (w);
      td_html_put (&w->html, "</header>\n");
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = get_section (sections, i);
      RenderFunc render = lookup_renderer (section);

      if (i == first_main)
        td_html_put (&w->html, "<main>\n");
      if (i == end_main)
        td_html_put (&w->html, "</main>\n");
      if (render != NULL)
        render (w, section);
    }
  if (first_main >= n)
    td_html_put (&w->html, "<main>\n");
  if (end_main >= n)
    td_html_put (&w->html, "</main>\n");
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
  "img{max-width:100%;height:auto;vertical-align:middle}\n",
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
append_head (TdHtmlWriter          *h,
             const TdRenderContext *context,
             const TdTheme         *theme,
             GPtrArray             *images)
{
  JsonObject *practice = td_render_get_practice (context);
  JsonObject *issue = td_render_get_issue (context);
  const char *title = td_json_get_string (issue, "title");
  const char *name = td_json_get_string (practice, "name");
  const char *description = td_json_get_string (issue, "preheader");
  const char *base_url = td_json_get_string (issue, "public_base_url");
  g_autofree char *full_title = NULL;

  if (description[0] == '\0')
    description = td_json_get_string (issue, "subject");
  if (name[0] == '\0')
    full_title = g_strdup (title);
  else if (title[0] == '\0')
    full_title = g_strdup (name);
  else
    full_title = g_strconcat (title, " — ", name, NULL);

  td_html_put (h,
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"color-scheme\" content=\"light\">\n");
  td_html_put (h, "<title>");
  td_html_text_unparsed (h, full_title);
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
      if (images->len > 0)
        {
          TdRenderContext absolute = *context;
          g_autofree char *image_url = NULL;

          absolute.image_urls = TD_IMAGE_URL_ABSOLUTE;
          image_url = td_render_image_url (&absolute, g_ptr_array_index (images, 0));
          if (is_http_url (image_url))
            append_meta (h, "property", "og:image", image_url, TRUE);
        }
    }

  append_style (h, theme);
}

/* Renders the body into a new string, collecting the pictures into images. */
static GString *
render_body (const TdRenderContext *context,
             GPtrArray             *images)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *body = g_string_sized_new (32 * 1024);
  Web w = {
    .context = context,
    .language = td_render_get_language (context),
    .rtl = td_l10n_language_is_rtl (td_render_get_language (context)),
    .images = images,
    .seen = seen,
  };

  td_html_writer_init (&w.html, body);
  render_sections (&w);
  td_html_writer_clear (&w.html);
  return body;
}

char *
_td_render_web (const TdRenderContext *context,
                gsize                 *length)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) out = NULL;
  const char *language;
  TdHtmlWriter h;
  TdTheme theme;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);

  language = td_render_get_language (context);
  td_theme_init (&theme, td_json_get_string (td_render_get_practice (context), "brand_color"));
  body = render_body (context, images);

  out = g_string_sized_new (body->len + 8 * 1024);
  td_html_writer_init (&h, out);
  td_html_put (&h, "<!DOCTYPE html>\n<html");
  td_html_attr (&h, "lang", language);
  td_html_put (&h, td_l10n_language_is_rtl (language) ? " dir=\"rtl\">\n" : ">\n");
  td_html_put (&h, "<head>\n");
  append_head (&h, context, &theme, images);
  td_html_put (&h, "</head>\n<body>\n");
  td_html_writer_clear (&h);
  g_string_append_len (out, body->str, body->len);
  g_string_append (out, "</body>\n</html>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GPtrArray *
_td_render_web_images (const TdRenderContext *context)
{
  GPtrArray *images;
  g_autoptr(GString) body = NULL;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);

  images = g_ptr_array_new_with_free_func (g_free);
  body = render_body (context, images);
  return images;
}
