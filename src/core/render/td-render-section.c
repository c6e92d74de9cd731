/* td-render-section.c: the issue resolved once for every format, the one
 * table of section types, and the loop over the sections
 *
 * Every rule that decides what a format shows lives here, so that the web
 * page, the email and the plain text cannot disagree: which links may be
 * written (absolute http(s), mailto, tel and sms URLs; a merge tag for the
 * unsubscribe link), which pictures may be shown (td_render_picture_url()),
 * the words added in the issue's language, the text direction. The formats
 * only lay out what is resolved here (docs/rendering.md).
 */
#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-render-private.h"

typedef struct
{
  guint width;
  guint height;
} Size;

static void resolve_masthead    (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_article     (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_video       (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_news        (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_cta         (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_credentials (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_promotion   (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_tip         (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);
static void resolve_footer      (TdRenderIssue   *issue,
                                 TdRenderSection *section,
                                 JsonObject      *object);

/* The section types: how each is resolved and laid out in each format
 * (the layouts in the order of TdRenderFormat: web, email, text). */
static const TdRenderSectionType section_types[] = {
  { "masthead", TD_SECTION_MASTHEAD, resolve_masthead,
    { _td_web_masthead, _td_email_masthead, _td_text_masthead } },
  { "article", TD_SECTION_ARTICLE, resolve_article,
    { _td_web_article, _td_email_article, _td_text_article } },
  { "video", TD_SECTION_VIDEO, resolve_video,
    { _td_web_video, _td_email_video, _td_text_video } },
  { "news", TD_SECTION_NEWS, resolve_news,
    { _td_web_news, _td_email_news, _td_text_news } },
  { "cta", TD_SECTION_CTA, resolve_cta,
    { _td_web_cta, _td_email_cta, _td_text_cta } },
  { "credentials", TD_SECTION_CREDENTIALS, resolve_credentials,
    { _td_web_credentials, _td_email_credentials, _td_text_credentials } },
  { "promotion", TD_SECTION_PROMOTION, resolve_promotion,
    { _td_web_promotion, _td_email_promotion, _td_text_promotion } },
  { "tip", TD_SECTION_TIP, resolve_tip,
    { _td_web_tip, _td_email_tip, _td_text_tip } },
  { "footer", TD_SECTION_FOOTER, resolve_footer,
    { _td_web_footer, _td_email_footer, _td_text_footer } },
};

G_STATIC_ASSERT (TD_RENDER_WEB == 0 && TD_RENDER_EMAIL == 1 && TD_RENDER_TEXT == 2);

static const TdRenderSectionType *
lookup_type (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (section_types); i++)
    if (g_str_equal (name, section_types[i].name))
      return &section_types[i];
  return NULL;
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

/* ---------------------------------------------------------------------------
 * Links
 */

static void
link_free (TdRenderLink *link)
{
  if (link == NULL)
    return;
  g_free (link->url);
  g_free (link);
}

static TdRenderLink *
link_new (const char *url,
          const char *label,
          const char *fallback)
{
  TdRenderLink *link = g_new0 (TdRenderLink, 1);

  link->url = g_strdup (url);
  link->label = label != NULL && label[0] != '\0' ? label : fallback;
  return link;
}

/* A link to @url, or NULL when it is not an absolute http(s), mailto, tel
 * or sms URL: a link in an email can't be relative, and nothing else is
 * safe. The one rule of every format. */
static TdRenderLink *
resolve_link (const char *url,
              const char *label,
              const char *fallback)
{
  if (!td_url_is_safe_absolute (url))
    return NULL;
  return link_new (url, label, fallback);
}

/* The same for a { "url", "label" } object, which may be NULL. */
static TdRenderLink *
resolve_link_object (JsonObject *object,
                     const char *fallback)
{
  if (object == NULL)
    return NULL;
  return resolve_link (td_json_get_string (object, "url"), get_text (object, "label"), fallback);
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
  issue->website_label = g_strndup (shown, len);
  return issue->website_label;
}

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

/* ---------------------------------------------------------------------------
 * Pictures
 */

static void
picture_free (TdRenderPicture *picture)
{
  if (picture == NULL)
    return;
  g_free (picture->url);
  g_free (picture);
}

/* The file's own size, read once for each path. */
static const Size *
picture_size (TdRenderIssue *issue,
              const char    *src)
{
  Size *size = g_hash_table_lookup (issue->sizes, src);

  if (size == NULL)
    {
      g_autofree char *path = NULL;
      TdImageInfo info;

      size = g_new0 (Size, 1);
      path = issue->context->base_dir != NULL
             ? g_build_filename (issue->context->base_dir, src, NULL) : NULL;
      if (path != NULL && td_image_info_from_file (path, &info, NULL)
          && info.width > 0 && info.height > 0)
        {
          size->width = info.width;
          size->height = info.height;
        }
      g_hash_table_insert (issue->sizes, (gpointer) src, size);
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
  char *url = td_render_picture_url (issue->context, src);
  TdRenderPicture *picture;

  if (url == NULL)
    return NULL;

  picture = g_new0 (TdRenderPicture, 1);
  picture->src = src;
  picture->alt = alt != NULL ? alt : "";
  picture->url = url;
  if (issue->read_sizes)
    {
      const Size *size = picture_size (issue, src);

      picture->width = size->width;
      picture->height = size->height;
    }
  if (!g_hash_table_contains (issue->shown, src))
    {
      g_hash_table_add (issue->shown, (gpointer) src);
      g_ptr_array_add (issue->pictures, (gpointer) src);
    }
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
 * Sections
 */

static void
item_free (TdRenderItem *item)
{
  picture_free (item->picture);
  link_free (item->link);
  g_free (item);
}

static void
video_free (TdRenderVideo *video)
{
  if (video == NULL)
    return;
  link_free (video->link);
  picture_free (video->thumbnail);
  g_free (video);
}

static void
section_free (TdRenderSection *section)
{
  picture_free (section->picture);
  picture_free (section->logo);
  video_free (section->video);
  g_clear_pointer (&section->items, g_ptr_array_unref);
  link_free (section->call);
  link_free (section->sms);
  link_free (section->form);
  link_free (section->youtube);
  g_free (section);
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

static TdRenderVideo *
resolve_video_object (TdRenderIssue *issue,
                      JsonObject    *object)
{
  TdRenderVideo *video;

  if (object == NULL)
    return NULL;
  video = g_new0 (TdRenderVideo, 1);
  video->link = resolve_link (td_json_get_string (object, "url"), issue->labels.watch_video,
                              NULL);
  video->thumbnail = resolve_image (issue, td_json_get_object (object, "thumbnail"));
  video->caption = td_json_get_string (object, "caption");
  return video;
}

static void
resolve_masthead (TdRenderIssue   *issue,
                  TdRenderSection *section,
                  JsonObject      *object)
{
  /* The practice's name is written right under its logo: alt="" avoids
   * reading it twice. */
  if (td_json_get_boolean (object, "show_logo", TRUE))
    section->logo = resolve_picture (issue, td_json_get_string (td_render_get_practice (
                                       issue->context), "logo"), "");
  section->picture = resolve_image (issue, td_json_get_object (object, "banner"));
}

static void
resolve_article (TdRenderIssue   *issue,
                 TdRenderSection *section,
                 JsonObject      *object)
{
  section->picture = resolve_image (issue, td_json_get_object (object, "image"));
  section->body = td_json_get_string (object, "body");
  section->video = resolve_video_object (issue, td_json_get_object (object, "video"));
}

static void
resolve_video (TdRenderIssue   *issue,
               TdRenderSection *section,
               JsonObject      *object)
{
  section->video = resolve_video_object (issue, td_json_get_object (object, "video"));
}

/* News items, badges and offers. */
static void
resolve_items (TdRenderIssue   *issue,
               TdRenderSection *section,
               JsonObject      *object,
               const char      *key)
{
  g_autoptr(GPtrArray) objects = get_objects (object, key);

  section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (objects, i);
      TdRenderItem *item = g_new0 (TdRenderItem, 1);

      switch (section->type->kind)
        {
        case TD_SECTION_NEWS:
          item->text = td_json_get_string (entry, "text");
          item->picture = resolve_image (issue, td_json_get_object (entry, "photo"));
          item->link = resolve_link_object (td_json_get_object (entry, "link"),
                                            issue->labels.read_more);
          break;
        case TD_SECTION_CREDENTIALS:
          item->heading = get_text (entry, "name");
          item->alt = td_json_get_string (td_json_get_object (entry, "image"), "alt");
          item->picture = resolve_image (issue, td_json_get_object (entry, "image"));
          item->link = resolve_link (td_json_get_string (entry, "url"), item->heading, NULL);
          break;
        case TD_SECTION_PROMOTION:
        default:
          item->heading = get_text (entry, "heading");
          item->text = td_json_get_string (entry, "text");
          item->picture = resolve_image (issue, td_json_get_object (entry, "image"));
          item->link = resolve_link_object (td_json_get_object (entry, "link"),
                                            issue->labels.read_more);
          break;
        }
      g_ptr_array_add (section->items, item);
    }
}

static void
resolve_news (TdRenderIssue   *issue,
              TdRenderSection *section,
              JsonObject      *object)
{
  resolve_items (issue, section, object, "items");
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
      section->call = resolve_link (tel, issue->labels.call, NULL);
      section->sms = resolve_link (sms, issue->labels.text, NULL);
    }
  section->form = resolve_link_object (td_json_get_object (object, "form"),
                                       issue->labels.book_online);
  section->youtube = resolve_link_object (td_json_get_object (object, "youtube"),
                                          issue->labels.subscribe_youtube);
}

static void
resolve_credentials (TdRenderIssue   *issue,
                     TdRenderSection *section,
                     JsonObject      *object)
{
  resolve_items (issue, section, object, "badges");
}

static void
resolve_promotion (TdRenderIssue   *issue,
                   TdRenderSection *section,
                   JsonObject      *object)
{
  resolve_items (issue, section, object, "items");
}

static void
resolve_tip (TdRenderIssue   *issue,
             TdRenderSection *section,
             JsonObject      *object)
{
  if (section->title[0] == '\0')
    section->title = issue->labels.did_you_know;
  section->body = td_json_get_string (object, "body");
  section->picture = resolve_image (issue, td_json_get_object (object, "image"));
}

static void
resolve_footer (TdRenderIssue   *issue,
                TdRenderSection *section,
                JsonObject      *object)
{
  section->body = td_json_get_string (object, "note");
  section->copyright = get_text (object, "copyright");
}

/* Leading mastheads head the issue and trailing footers end it; a masthead
 * or footer between other sections stays in the main part. */
static void
assign_parts (GPtrArray *sections)
{
  guint first_main = 0;
  guint end_main = sections->len;

  while (first_main < sections->len &&
         ((TdRenderSection *) sections->pdata[first_main])->type->kind == TD_SECTION_MASTHEAD)
    first_main++;
  while (end_main > first_main &&
         ((TdRenderSection *) sections->pdata[end_main - 1])->type->kind == TD_SECTION_FOOTER)
    end_main--;
  for (guint i = 0; i < sections->len; i++)
    ((TdRenderSection *) sections->pdata[i])->part =
      i < first_main ? TD_PART_HEADER : i < end_main ? TD_PART_MAIN : TD_PART_FOOTER;
}

/* ---------------------------------------------------------------------------
 * The issue
 */

static void
resolve_labels (TdRenderIssue *issue)
{
  const char *language = issue->language;
  TdRenderLabels *labels = &issue->labels;

  labels->view_in_browser = td_l10n_gettext (language, "newsletter", "View in browser");
  labels->watch_video = td_l10n_gettext (language, "newsletter", "Watch the video");
  labels->read_more = td_l10n_gettext (language, "newsletter", "Read more");
  labels->call = td_l10n_gettext (language, "newsletter", "Call");
  labels->text = td_l10n_gettext (language, "newsletter", "Text");
  labels->book_online = td_l10n_gettext (language, "newsletter", "Book online");
  labels->subscribe_youtube = td_l10n_gettext (language, "newsletter", "Subscribe on YouTube");
  labels->did_you_know = td_l10n_gettext (language, "newsletter", "Did you know?");
  labels->unsubscribe = td_l10n_gettext (language, "newsletter", "Unsubscribe");
  /* Translators: heading of the list of web addresses at the end of the
   * plain-text version of the newsletter, which the "[1]" marks refer to */
  labels->links = td_l10n_gettext (language, "newsletter", "Links");
}

static void
resolve_sections (TdRenderIssue *issue)
{
  JsonObject *root = json_node_get_object (issue->context->root);
  g_autoptr(GPtrArray) objects = get_objects (root, "sections");

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      const TdRenderSectionType *type = lookup_type (td_json_get_string (object, "type"));
      TdRenderSection *section;

      /* Unknown types survive in the file but show nothing. */
      if (type == NULL)
        continue;
      section = g_new0 (TdRenderSection, 1);
      section->type = type;
      section->id = td_json_get_string (object, "id");
      section->title = get_text (object, "title");
      type->resolve (issue, section, object);
      g_ptr_array_add (issue->sections, section);
      if (type->kind == TD_SECTION_MASTHEAD)
        issue->has_masthead = TRUE;
    }
  assign_parts (issue->sections);
}

TdRenderIssue *
_td_render_issue_new (const TdRenderContext *context,
                      gboolean               read_sizes)
{
  TdRenderIssue *issue;
  JsonObject *practice;
  JsonObject *object;
  const char *unsubscribe;
  const char *website;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->root != NULL && JSON_NODE_HOLDS_OBJECT (context->root), NULL);

  issue = g_new0 (TdRenderIssue, 1);
  issue->context = context;
  issue->read_sizes = read_sizes;
  issue->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  issue->shown = g_hash_table_new (g_str_hash, g_str_equal);
  issue->pictures = g_ptr_array_new ();
  issue->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  issue->language = td_render_get_language (context);
  issue->rtl = td_l10n_language_is_rtl (issue->language);
  resolve_labels (issue);

  practice = td_render_get_practice (context);
  issue->name = get_text (practice, "name");
  issue->profession = get_text (practice, "profession");
  issue->location = get_text (practice, "location");
  issue->address = get_text (practice, "address");
  issue->brand_color = td_json_get_string (practice, "brand_color");
  website = td_json_get_string (practice, "website");
  if (td_url_is_safe_absolute (website))
    issue->website = link_new (website, website_label (issue, website), NULL);

  object = td_render_get_issue (context);
  issue->title = get_text (object, "title");
  issue->subject = get_text (object, "subject");
  issue->preheader = get_text (object, "preheader");
  issue->date = td_json_get_string (object, "date");
  issue->month = td_l10n_format_month (issue->language, issue->date);
  issue->public_base_url = td_json_get_string (object, "public_base_url");
  issue->web_version = resolve_link (issue->public_base_url, issue->labels.view_in_browser,
                                     NULL);
  /* A merge tag is written verbatim: the mailing service replaces it. */
  unsubscribe = td_json_get_string (object, "unsubscribe_url");
  if (td_url_is_merge_tag (unsubscribe) || td_url_is_safe_absolute (unsubscribe))
    {
      issue->unsubscribe = link_new (unsubscribe, issue->labels.unsubscribe, NULL);
      issue->unsubscribe_is_personal = holds_merge_tag (unsubscribe);
    }

  resolve_sections (issue);
  return issue;
}

void
_td_render_issue_free (TdRenderIssue *issue)
{
  if (issue == NULL)
    return;
  g_clear_pointer (&issue->sections, g_ptr_array_unref);
  g_clear_pointer (&issue->pictures, g_ptr_array_unref);
  g_clear_pointer (&issue->shown, g_hash_table_unref);
  g_clear_pointer (&issue->sizes, g_hash_table_unref);
  link_free (issue->web_version);
  link_free (issue->website);
  link_free (issue->unsubscribe);
  g_free (issue->website_label);
  g_free (issue->month);
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
