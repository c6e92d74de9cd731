/* td-render-section.c: the issue resolved once for every format, the one
 * table of section types, and the loop over the sections
 *
 * Every rule that decides what a format shows lives here, so that the web
 * page, the email and the plain text cannot disagree: which links may be
 * written (absolute http(s), mailto, tel and sms URLs; a merge tag for the
 * unsubscribe link), which pictures may be shown (td_render_picture_url()),
 * which text counts as empty, the words added in the issue's language, the
 * text direction. The formats only lay out what is resolved here
 * (docs/rendering.md).
 *
 * The issue owns everything resolved for it: each allocation is handed to
 * own() with the function that frees it, and freeing the issue frees them
 * all.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-render-private.h"
#include "td-picture-convert.h"
#include "td-picture-file.h"

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Owned;

/* The size of a picture file, read once for each path. */
typedef struct
{
  guint width;
  guint height;
} Size;

static gpointer
own (TdRenderIssue  *issue,
     gpointer        data,
     GDestroyNotify  destroy)
{
  Owned owned = { data, destroy };

  g_array_append_val (issue->owned, owned);
  return data;
}

/* A zero-filled struct of @size bytes, owned by @issue. */
static gpointer
own_new (TdRenderIssue *issue,
         gsize          size)
{
  return own (issue, g_malloc0 (size), g_free);
}

/* A text field as written, or "" when it is blank: a title, a label or a
 * name of white space only is no title, label or name in any format. */
static const char *
get_text (JsonObject *object,
          const char *key)
{
  const char *text = td_json_get_string (object, key);

  return td_text_is_blank (text) ? "" : text;
}

/* The objects of the list @key, in order (other values are skipped). */
static GPtrArray *
get_objects (JsonObject *object,
             const char *key)
{
  JsonArray *array = td_json_get_array (object, key);
  GPtrArray *objects = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (objects, json_node_get_object (node));
    }
  return objects;
}

/* ---------------------------------------------------------------------------
 * Links
 */

/* A merge tag such as *|UNSUB|*, whole or inside a URL, is filled in by the
 * mailing service that sends the email. */
static gboolean
holds_merge_tag (const char *url)
{
  static const char * const tag_marks[] = { "*|", "|*", "{{", "}}", "%%", "{$", "[", "]" };

  if (td_url_is_merge_tag (url))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (tag_marks); i++)
    if (strstr (url, tag_marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "https://example.com/" shows as "example.com". */
static const char *
website_label (TdRenderIssue *issue,
               const char    *url)
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
    return url;
  return own (issue, g_strndup (shown, len), g_free);
}

/* A link to @url reading @label, or NULL when @url is not an absolute
 * http(s), mailto, tel or sms URL: a link in an email can't be relative,
 * and nothing else is safe. The one rule of every format; only the
 * unsubscribe link may also be a merge tag, which the mailing service
 * replaces (@merge_tag_ok). */
static TdRenderLink *
resolve_link (TdRenderIssue *issue,
              const char    *url,
              const char    *label,
              gboolean       merge_tag_ok)
{
  TdRenderLink *link;

  if (!td_url_is_safe_absolute (url) && !(merge_tag_ok && td_url_is_merge_tag (url)))
    return NULL;
  link = own_new (issue, sizeof *link);
  link->url = own (issue, g_strdup (url), g_free);
  link->label = label;
  return link;
}

/* The same for a { "url", "label" } object, which may be NULL; without a
 * label of its own, the link reads @fallback. */
static TdRenderLink *
resolve_link_object (TdRenderIssue *issue,
                     JsonObject    *object,
                     const char    *fallback)
{
  const char *label = get_text (object, "label");

  if (object == NULL)
    return NULL;
  return resolve_link (issue, td_json_get_string (object, "url"),
                       label[0] != '\0' ? label : fallback, FALSE);
}

/* ---------------------------------------------------------------------------
 * Pictures
 */

/* The size of the picture file at @src, read the first time it is asked
 * for; 0 × 0 when it can't be read. */
static const Size *
picture_size (TdRenderIssue *issue,
              const char    *src)
{
  Size *size = g_hash_table_lookup (issue->sizes, src);
  const char *dir;
  TdImageInfo info;

  if (size != NULL)
    return size;

  size = own_new (issue, sizeof *size);
  g_hash_table_insert (issue->sizes, (gpointer) src, size);
  dir = td_render_picture_dir (issue->context, src);
  if (dir == NULL)
    return size;
  /* As shown: a picture with an EXIF orientation is turned (the exports
   * write it upright). */
  if (td_picture_file_get_info (dir, src, &info, NULL) && info.width > 0 && info.height > 0)
    {
      guint long_edge;

      td_image_info_get_upright_size (&info, &size->width, &size->height);
      /* No larger than the exports write it (td_picture_convert()'s
       * rounding), so that width and height match the file. */
      long_edge = MAX (size->width, size->height);
      if (long_edge > TD_PICTURE_WEB_LONG_EDGE)
        {
          size->width = MAX (1, (guint) (((guint64) size->width * TD_PICTURE_WEB_LONG_EDGE
                                          + long_edge / 2) / long_edge));
          size->height = MAX (1, (guint) (((guint64) size->height * TD_PICTURE_WEB_LONG_EDGE
                                           + long_edge / 2) / long_edge));
        }
    }
  return size;
}

/* The picture at @src, or NULL when it can't be shown. Each shown path is
 * listed once in issue->pictures, in order of first use. */
static TdRenderPicture *
resolve_picture (TdRenderIssue *issue,
                 const char    *src,
                 const char    *alt)
{
  char *url;
  TdRenderPicture *picture;

  if (!(issue->flags & TD_RESOLVE_PICTURES))
    return NULL;
  url = td_render_picture_url (issue->context, src);
  if (url == NULL)
    return NULL;

  picture = own_new (issue, sizeof *picture);
  picture->src = src;
  picture->alt = alt != NULL ? alt : "";
  picture->url = own (issue, url, g_free);
  if (issue->flags & TD_RESOLVE_SIZES)
    {
      const Size *size = picture_size (issue, src);

      picture->width = size->width;
      picture->height = size->height;
    }
  if (g_hash_table_add (issue->shown, (gpointer) src))
    g_ptr_array_add (issue->pictures, (gpointer) src);
  return picture;
}

/* The same for an image object ({ "src", "alt" }), which may be NULL. */
static TdRenderPicture *
resolve_image (TdRenderIssue *issue,
               JsonObject    *image)
{
  if (image == NULL)
    return NULL;
  return resolve_picture (issue, td_json_get_string (image, "src"),
                          td_json_get_string (image, "alt"));
}

gboolean
_td_render_picture_fit (const TdRenderPicture *picture,
                        guint                  max_width,
                        guint                 *width,
                        guint                 *height)
{
  *width = picture->width;
  *height = picture->height;
  if (*width == 0 || *height == 0)
    {
      *width = *height = 0;
      return FALSE;
    }
  if (max_width > 0 && *width > max_width)
    {
      *height = (guint) (((guint64) picture->height * max_width + picture->width / 2)
                         / picture->width);
      *width = max_width;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Sections: one resolve function per type, in the table at the end
 */

static TdRenderVideo *
resolve_video_object (TdRenderIssue *issue,
                      JsonObject    *object)
{
  TdRenderVideo *video;

  if (object == NULL)
    return NULL;
  video = own_new (issue, sizeof *video);
  video->link = resolve_link (issue, td_json_get_string (object, "url"),
                              issue->labels[TD_LABEL_WATCH_VIDEO], FALSE);
  video->thumbnail = resolve_image (issue, td_json_get_object (object, "thumbnail"));
  video->caption = td_json_get_string (object, "caption");
  return video;
}

static void
resolve_masthead (TdRenderIssue   *issue,
                  TdRenderSection *section,
                  JsonObject      *object)
{
  JsonObject *practice = td_render_get_practice (issue->context);

  /* The logo reads as the practice's name: with pictures blocked a client
   * shows its description (an empty box without one). */
  if (td_json_get_boolean (object, "show_logo", TRUE))
    section->logo = resolve_picture (issue, td_json_get_string (practice, "logo"),
                                     get_text (practice, "name"));
  section->picture = resolve_image (issue, td_json_get_object (object, "banner"));
}

/* An article, a video section (a video alone) and a tip (a body and a
 * picture under a title that has its fallback). */
static void
resolve_article (TdRenderIssue   *issue,
                 TdRenderSection *section,
                 JsonObject      *object)
{
  TdSectionKind kind = section->kind;

  if (kind == TD_SECTION_TIP && section->title[0] == '\0')
    section->title = issue->labels[TD_LABEL_DID_YOU_KNOW];
  /* In the order they are shown, which is the pictures' order of use. */
  if (kind != TD_SECTION_VIDEO)
    {
      section->picture = resolve_image (issue, td_json_get_object (object, "image"));
      section->body = td_json_get_string (object, "body");
    }
  if (kind != TD_SECTION_TIP)
    section->video = resolve_video_object (issue, td_json_get_object (object, "video"));
}

/* One entry of a news, credentials or promotion list. */
static TdRenderItem *
resolve_item (TdRenderIssue *issue,
              TdSectionKind  kind,
              JsonObject    *entry)
{
  TdRenderItem *item = own_new (issue, sizeof *item);
  JsonObject *image = td_json_get_object (entry, kind == TD_SECTION_NEWS ? "photo" : "image");

  /* A badge is named; an offer has a heading; a news item has neither. */
  item->heading = kind == TD_SECTION_NEWS ? ""
                  : get_text (entry, kind == TD_SECTION_CREDENTIALS ? "name" : "heading");
  item->text = td_json_get_string (entry, "text");
  item->alt = td_json_get_string (image, "alt");
  item->picture = resolve_image (issue, image);
  /* A badge's picture and name are one link: a description repeating the
   * name beside it would be read twice (axe's image-redundant-alt). */
  if (kind == TD_SECTION_CREDENTIALS && item->picture != NULL && item->heading[0] != '\0')
    item->picture->alt = "";
  /* A badge's link is its picture and name; the others read "Read more"
   * when they have no words of their own. */
  if (kind == TD_SECTION_CREDENTIALS)
    item->link = resolve_link (issue, td_json_get_string (entry, "url"), item->heading, FALSE);
  else
    item->link = resolve_link_object (issue, td_json_get_object (entry, "link"),
                                      issue->labels[TD_LABEL_READ_MORE]);
  return item;
}

/* News items, badges and offers. */
static void
resolve_list (TdRenderIssue   *issue,
              TdRenderSection *section,
              JsonObject      *object)
{
  TdSectionKind kind = section->kind;
  const char *key = kind == TD_SECTION_CREDENTIALS ? "badges" : "items";
  g_autoptr(GPtrArray) entries = get_objects (object, key);

  section->items = own (issue, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (section->items, resolve_item (issue, kind, entries->pdata[i]));
}

static void
resolve_cta (TdRenderIssue   *issue,
             TdRenderSection *section,
             JsonObject      *object)
{
  g_autofree char *tel = NULL;
  g_autofree char *sms = NULL;

  section->text = get_text (object, "text");
  section->phone = get_text (object, "phone");
  tel = td_render_phone_uri ("tel:", section->phone);
  sms = td_render_phone_uri ("sms:", section->phone);
  if (tel != NULL && sms != NULL)
    {
      section->call = resolve_link (issue, tel, issue->labels[TD_LABEL_CALL], FALSE);
      section->sms = resolve_link (issue, sms, issue->labels[TD_LABEL_TEXT], FALSE);
    }
  section->form = resolve_link_object (issue, td_json_get_object (object, "form"),
                                       issue->labels[TD_LABEL_BOOK_ONLINE]);
  section->youtube = resolve_link_object (issue, td_json_get_object (object, "youtube"),
                                          issue->labels[TD_LABEL_SUBSCRIBE_YOUTUBE]);
}

/* A client's words: the quote, their name or initials, their photo. */
static void
resolve_testimonial (TdRenderIssue   *issue,
                     TdRenderSection *section,
                     JsonObject      *object)
{
  section->picture = resolve_image (issue, td_json_get_object (object, "photo"));
  section->body = td_json_get_string (object, "quote");
  section->attribution = get_text (object, "name");
}

/* The note, and the copyright; the address, website and unsubscribe link
 * are the issue's. */
static void
resolve_footer (TdRenderIssue   *issue,
                TdRenderSection *section,
                JsonObject      *object)
{
  section->body = td_json_get_string (object, "note");
  section->copyright = get_text (object, "copyright");
}

/* The section types, in the order of TdSectionKind: how each is resolved,
 * and laid out in each format (in the order of TdRenderFormat: web, email,
 * text). */
static const TdRenderSectionType section_types[] = {
  { "masthead", resolve_masthead, { _td_web_masthead, _td_email_masthead, _td_text_masthead } },
  { "article", resolve_article, { _td_web_article, _td_email_article, _td_text_article } },
  { "video", resolve_article, { _td_web_article, _td_email_article, _td_text_article } },
  { "news", resolve_list, { _td_web_news, _td_email_news, _td_text_list } },
  { "cta", resolve_cta, { _td_web_cta, _td_email_cta, _td_text_cta } },
  { "credentials", resolve_list, { _td_web_badges, _td_email_badges, _td_text_badges } },
  { "promotion", resolve_list, { _td_web_promotion, _td_email_promotion, _td_text_list } },
  { "tip", resolve_article, { _td_web_tip, _td_email_tip, _td_text_article } },
  { "testimonial", resolve_testimonial,
    { _td_web_testimonial, _td_email_testimonial, _td_text_testimonial } },
  { "footer", resolve_footer, { _td_web_footer, _td_email_footer, _td_text_footer } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (section_types) == TD_SECTION_FOOTER + 1);
G_STATIC_ASSERT (TD_RENDER_WEB == 0 && TD_RENDER_EMAIL == 1 && TD_RENDER_TEXT == 2);

/* The kind of section named @name, or FALSE for an unknown type. */
static gboolean
lookup_kind (const char    *name,
             TdSectionKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (section_types); i++)
    if (g_str_equal (name, section_types[i].name))
      {
        *kind = (TdSectionKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Leading mastheads head the issue and trailing footers end it; a masthead
 * or footer between other sections stays in the main part. */
static void
assign_parts (GPtrArray *sections)
{
  guint first_main = 0;
  guint end_main = sections->len;

  while (first_main < sections->len &&
         ((TdRenderSection *) sections->pdata[first_main])->kind == TD_SECTION_MASTHEAD)
    first_main++;
  while (end_main > first_main &&
         ((TdRenderSection *) sections->pdata[end_main - 1])->kind == TD_SECTION_FOOTER)
    end_main--;
  for (guint i = 0; i < sections->len; i++)
    ((TdRenderSection *) sections->pdata[i])->part =
      i < first_main ? TD_PART_HEADER : i < end_main ? TD_PART_MAIN : TD_PART_FOOTER;
}

static void
resolve_sections (TdRenderIssue *issue)
{
  JsonObject *root = json_node_get_object (issue->context->root);
  g_autoptr(GPtrArray) objects = get_objects (root, "sections");

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      TdRenderSection *section;
      TdSectionKind kind;

      /* Unknown types survive in the file but show nothing. */
      if (!lookup_kind (td_json_get_string (object, "type"), &kind))
        continue;
      section = own_new (issue, sizeof *section);
      section->type = &section_types[kind];
      section->kind = kind;
      section->id = td_json_get_string (object, "id");
      section->title = get_text (object, "title");
      section->type->resolve (issue, section, object);
      g_ptr_array_add (issue->sections, section);
      if (kind == TD_SECTION_MASTHEAD)
        issue->has_masthead = TRUE;
    }
  assign_parts (issue->sections);
}

/* ---------------------------------------------------------------------------
 * The issue
 */

/* Each label written once, with its context for xgettext (td-l10n.c
 * lists them too, with notes for translators). */
static const char * const label_msgids[TD_N_LABELS] = {
  [TD_LABEL_VIEW_IN_BROWSER] = NC_ ("newsletter", "View in browser"),
  [TD_LABEL_WATCH_VIDEO] = NC_ ("newsletter", "Watch the video"),
  [TD_LABEL_READ_MORE] = NC_ ("newsletter", "Read more"),
  [TD_LABEL_CALL] = NC_ ("newsletter", "Call"),
  [TD_LABEL_TEXT] = NC_ ("newsletter", "Text"),
  [TD_LABEL_BOOK_ONLINE] = NC_ ("newsletter", "Book online"),
  [TD_LABEL_SUBSCRIBE_YOUTUBE] = NC_ ("newsletter", "Subscribe on YouTube"),
  [TD_LABEL_DID_YOU_KNOW] = NC_ ("newsletter", "Did you know?"),
  [TD_LABEL_UNSUBSCRIBE] = NC_ ("newsletter", "Unsubscribe"),
  [TD_LABEL_LINKS] = NC_ ("newsletter", "Links"),
};

/* The practice's and the issue's own fields, and their links. */
static void
resolve_settings (TdRenderIssue *issue)
{
  JsonObject *practice = td_render_get_practice (issue->context);
  JsonObject *settings = td_render_get_issue (issue->context);
  const char *website = td_json_get_string (practice, "website");
  const char *unsubscribe = td_json_get_string (settings, "unsubscribe_url");

  issue->name = get_text (practice, "name");
  issue->profession = get_text (practice, "profession");
  issue->location = get_text (practice, "location");
  issue->address = get_text (practice, "address");
  issue->brand_color = td_json_get_string (practice, "brand_color");
  if (td_url_is_safe_absolute (website))
    issue->website = resolve_link (issue, website, website_label (issue, website), FALSE);

  issue->title = get_text (settings, "title");
  issue->subject = get_text (settings, "subject");
  issue->preheader = get_text (settings, "preheader");
  issue->date = td_json_get_string (settings, "date");
  issue->month = own (issue, td_l10n_format_month (issue->language, issue->date), g_free);
  /* "News: August 2023" says the month already: not again under it. */
  if (issue->month != NULL && strstr (issue->title, issue->month) != NULL)
    issue->month = NULL;
  issue->public_base_url = td_json_get_string (settings, "public_base_url");
  issue->web_version = resolve_link (issue, issue->public_base_url,
                                     issue->labels[TD_LABEL_VIEW_IN_BROWSER], FALSE);
  issue->unsubscribe = resolve_link (issue, unsubscribe, issue->labels[TD_LABEL_UNSUBSCRIBE], TRUE);
  issue->unsubscribe_is_personal = holds_merge_tag (unsubscribe);
}

TdRenderIssue *
_td_render_issue_new (const TdRenderContext *context,
                      TdResolveFlags         flags)
{
  TdRenderIssue *issue;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);

  issue = g_new0 (TdRenderIssue, 1);
  issue->context = context;
  issue->flags = flags;
  issue->owned = g_array_new (FALSE, FALSE, sizeof (Owned));
  issue->sizes = own (issue, g_hash_table_new (g_str_hash, g_str_equal),
                      (GDestroyNotify) g_hash_table_unref);
  issue->shown = own (issue, g_hash_table_new (g_str_hash, g_str_equal),
                      (GDestroyNotify) g_hash_table_unref);
  issue->pictures = own (issue, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  issue->sections = own (issue, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);

  issue->language = td_render_get_language (context);
  issue->rtl = td_l10n_language_is_rtl (issue->language);
  for (guint i = 0; i < TD_N_LABELS; i++)
    issue->labels[i] = td_l10n_gettext (issue->language, "newsletter", label_msgids[i]);
  resolve_settings (issue);
  resolve_sections (issue);
  return issue;
}

void
_td_render_issue_free (TdRenderIssue *issue)
{
  if (issue == NULL)
    return;

  /* Last owned first: nothing refers to what was made after it. */
  for (guint i = issue->owned->len; i > 0; i--)
    {
      Owned *owned = &g_array_index (issue->owned, Owned, i - 1);

      if (owned->data != NULL)
        owned->destroy (owned->data);
    }
  g_array_unref (issue->owned);
  g_free (issue);
}

/* ---------------------------------------------------------------------------
 * The loop
 */

static void
enter_parts (TdRenderer    *renderer,
             TdSectionPart *part,
             TdSectionPart  until)
{
  while (*part < until)
    {
      (*part)++;
      if (renderer->enter_part != NULL)
        renderer->enter_part (renderer, *part);
    }
}

void
_td_render_layout (TdRenderer *renderer)
{
  GPtrArray *sections = renderer->issue->sections;
  TdSectionPart part = TD_PART_HEADER;

  g_return_if_fail ((guint) renderer->format < TD_RENDER_N_LAYOUTS);

  for (guint i = 0; i < sections->len; i++)
    {
      const TdRenderSection *section = g_ptr_array_index (sections, i);

      enter_parts (renderer, &part, section->part);
      section->type->layout[renderer->format] (renderer, section);
    }
  enter_parts (renderer, &part, TD_PART_FOOTER);
}
