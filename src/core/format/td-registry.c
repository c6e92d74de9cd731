/* td-registry.c: the fields of every object in a .tidings file */

#include "config.h"

#include <glib/gi18n.h>

#include "td-json-path.h"
#include "td-registry.h"

#define END { NULL, 0, 0, NULL, NULL, NULL, NULL }

/* Shared members of composite fields. */

static const TdFieldSpec image_fields[] = {
  { "src", TD_FIELD_IMAGE_PATH, TD_FIELD_FLAG_REQUIRED, N_("Image"), NULL,
    N_("A PNG, JPEG or GIF picture, kept in the issue’s images folder"), NULL },
  { "alt", TD_FIELD_TEXT, TD_FIELD_FLAG_NONE, N_("Description"),
    N_("What the picture shows, for readers who can’t see it"),
    N_("Read aloud by screen readers and shown when a mail program blocks pictures"), NULL },
  END
};

static const TdFieldSpec video_fields[] = {
  { "url", TD_FIELD_VIDEO_URL, TD_FIELD_FLAG_REQUIRED, N_("Video link"),
    N_("https://www.youtube.com/watch?v=…"),
    N_("The address of the video on YouTube or Vimeo"), NULL },
  { "thumbnail", TD_FIELD_IMAGE, TD_FIELD_FLAG_NONE, N_("Preview picture"), NULL,
    N_("Shown in place of the video, with a play mark; readers click it to watch"),
    image_fields },
  { "caption", TD_FIELD_MARKDOWN, TD_FIELD_FLAG_NONE, N_("About the video"),
    N_("What the video shows and why it helps"), NULL, NULL },
  END
};

static const TdFieldSpec link_fields[] = {
  { "label", TD_FIELD_TEXT, TD_FIELD_FLAG_NONE, N_("Link text"),
    N_("Check it out!"), N_("The words readers click"), NULL },
  { "url", TD_FIELD_URL, TD_FIELD_FLAG_REQUIRED, N_("Link address"),
    N_("https://…"), NULL, NULL },
  END
};

/* The top level, the practice profile and the issue settings. */

static const TdFieldSpec practice_fields[] = {
  { "name", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, N_("Your name"),
    N_("Rachel Richards"), N_("As it appears at the top of every issue"), NULL },
  { "profession", TD_FIELD_TEXT, 0, N_("Profession"),
    N_("licensed massage therapist"), NULL, NULL },
  { "location", TD_FIELD_TEXT, 0, N_("Location"), N_("east village, nyc"), NULL, NULL },
  { "phone", TD_FIELD_PHONE, 0, N_("Phone"), N_("(212) 555-0142"), NULL, NULL },
  { "email", TD_FIELD_EMAIL, 0, N_("Email"), N_("you@example.com"),
    N_("Newsletters are sent from this address"), NULL },
  { "website", TD_FIELD_URL, 0, N_("Website"), N_("https://…"), NULL, NULL },
  { "booking_url", TD_FIELD_URL, 0, N_("Online booking"), N_("https://…"),
    N_("Where clients book or fill out your form"), NULL },
  { "youtube_url", TD_FIELD_URL, 0, N_("YouTube channel"),
    N_("https://www.youtube.com/@…"), NULL, NULL },
  { "address", TD_FIELD_MULTILINE, 0, N_("Postal address"), NULL,
    N_("The law (CAN-SPAM) asks for a postal address in every newsletter"), NULL },
  { "brand_color", TD_FIELD_COLOR, 0, N_("Brand colour"), N_("#2f6f73"),
    N_("Used for headings, links and buttons"), NULL },
  { "logo", TD_FIELD_IMAGE_PATH, 0, N_("Logo"), NULL, NULL, NULL },
  { "state", TD_FIELD_TEXT, 0, N_("State"), N_("NY"),
    N_("The US state where you are licensed, as two letters: Tidings checks its "
       "advertising rules before you send"), NULL },
  { "license_number", TD_FIELD_TEXT, 0, N_("Licence number"), NULL,
    N_("As your state’s licensing board issued it"), NULL },
  END
};

static const TdFieldSpec issue_fields[] = {
  { "title", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, N_("Title"),
    N_("News: August 2023"), N_("The headline of this issue"), NULL },
  { "date", TD_FIELD_DATE, 0, N_("Month"), N_("2023-08"),
    N_("The month of this issue, as year-month"), NULL },
  { "language", TD_FIELD_LANGUAGE, 0, N_("Language"), N_("en"),
    N_("The language the newsletter is written in"), NULL },
  { "subject", TD_FIELD_TEXT, 0, N_("Email subject"), NULL,
    N_("What readers see in their inbox; up to about 60 characters"), NULL },
  { "preheader", TD_FIELD_TEXT, 0, N_("Preview text"), NULL,
    N_("The line shown after the subject in most inboxes"), NULL },
  { "public_base_url", TD_FIELD_URL, 0, N_("Web address of this issue"),
    N_("https://example.com/news/2023-08/"),
    N_("Where you upload the web version; email pictures are loaded from here"), NULL },
  { "unsubscribe_url", TD_FIELD_UNSUBSCRIBE_URL, 0, N_("Unsubscribe link"),
    N_("*|UNSUB|*"),
    N_("The link or merge tag your mailing service gives you, such as *|UNSUB|*"), NULL },
  END
};

static const TdFieldSpec section_common_fields[] = {
  { "id", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "type", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  END
};

/* Where the issue was handed to a mailing service (src/publish): the
 * draft's ids, so that the next hand-off updates it, and the pictures
 * already hosted there, so that they aren't uploaded again. Written by the
 * app, never edited in a form. */
static const TdFieldSpec hosted_picture_fields[] = {
  { "src", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "sha256", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "url", TD_FIELD_URL, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "id", TD_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
  END
};

static const TdFieldSpec draft_fields[] = {
  { "id", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "url", TD_FIELD_URL, 0, NULL, NULL, NULL, NULL },
  { "pictures", TD_FIELD_LIST, 0, NULL, NULL, NULL, hosted_picture_fields },
  END
};

static const TdFieldSpec delivery_fields[] = {
  { "mailchimp", TD_FIELD_GROUP, 0, NULL, NULL, NULL, draft_fields },
  { "buttondown", TD_FIELD_GROUP, 0, NULL, NULL, NULL, draft_fields },
  END
};

/* The pre-send findings she dismissed, one per occurrence (docs/checks.md):
 * the finding's code, the JSON path of its field and the text that names
 * the occurrence there. Written by the app, never edited in a form. */
static const TdFieldSpec dismissed_fields[] = {
  { "code", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "path", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "text", TD_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
  END
};

/* The top level. Sections are checked against their type's fields. */
static const TdFieldSpec document_fields[] = {
  { "format", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "version", TD_FIELD_INTEGER, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "practice", TD_FIELD_GROUP, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, practice_fields },
  { "issue", TD_FIELD_GROUP, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, issue_fields },
  { "sections", TD_FIELD_LIST, TD_FIELD_FLAG_REQUIRED, NULL, NULL, NULL, NULL },
  { "delivery", TD_FIELD_GROUP, 0, NULL, NULL, NULL, delivery_fields },
  { "dismissed", TD_FIELD_LIST, 0, NULL, NULL, NULL, dismissed_fields },
  END
};

/* The section types, in the order the "Add section" menu offers them. */

static const TdFieldSpec masthead_fields[] = {
  { "show_logo", TD_FIELD_BOOLEAN, TD_FIELD_FLAG_DEFAULT_TRUE, N_("Show logo"), NULL,
    N_("Show your logo above your name"), NULL },
  { "banner", TD_FIELD_IMAGE, 0, N_("Banner picture"), NULL,
    N_("An optional wide picture under the title"), image_fields },
  END
};

static const TdFieldSpec article_fields[] = {
  { "title", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, N_("Headline"),
    N_("Why your hamstrings are always tight"), NULL, NULL },
  { "body", TD_FIELD_MARKDOWN, 0, N_("Text"), NULL,
    N_("Separate paragraphs with an empty line"), NULL },
  { "image", TD_FIELD_IMAGE, 0, N_("Picture"), NULL, NULL, image_fields },
  { "video", TD_FIELD_VIDEO, 0, N_("Video"), NULL,
    N_("An optional video shown after the text"), video_fields },
  END
};

static const TdFieldSpec video_section_fields[] = {
  { "title", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, N_("Headline"),
    N_("Relieve anxiety and find balance"), NULL, NULL },
  { "video", TD_FIELD_VIDEO, TD_FIELD_FLAG_REQUIRED, N_("Video"), NULL, NULL, video_fields },
  END
};

static const TdFieldSpec news_item_fields[] = {
  { "text", TD_FIELD_MARKDOWN, TD_FIELD_FLAG_REQUIRED, N_("What happened"), NULL, NULL, NULL },
  { "photo", TD_FIELD_IMAGE, 0, N_("Photo"), NULL, NULL, image_fields },
  { "link", TD_FIELD_LINK, 0, N_("Link"), NULL,
    N_("An optional link, such as an article you were quoted in"), link_fields },
  END
};

static const TdFieldSpec news_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), N_("What’s new with me …"), NULL, NULL },
  { "items", TD_FIELD_LIST, 0, N_("News items"), NULL, NULL, news_item_fields },
  END
};

static const TdFieldSpec cta_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), N_("Call or text me today"), NULL, NULL },
  { "text", TD_FIELD_MULTILINE, 0, N_("Invitation"),
    N_("I’d be happy to answer any questions you have!"), NULL, NULL },
  { "phone", TD_FIELD_PHONE, 0, N_("Phone for calls and texts"), N_("(212) 555-0142"),
    N_("Readers on a phone can call or text you with one tap"), NULL },
  { "form", TD_FIELD_LINK, 0, N_("Online form"), NULL,
    N_("A button to your booking or intake form"), link_fields },
  { "youtube", TD_FIELD_LINK, 0, N_("YouTube channel"), NULL,
    N_("A button inviting readers to subscribe"), link_fields },
  END
};

static const TdFieldSpec badge_fields[] = {
  { "name", TD_FIELD_TEXT, TD_FIELD_FLAG_REQUIRED, N_("Name"),
    N_("American Massage Therapy Association"), NULL, NULL },
  { "image", TD_FIELD_IMAGE, 0, N_("Badge"), NULL, NULL, image_fields },
  { "url", TD_FIELD_URL, 0, N_("Link"), N_("https://…"),
    N_("Where readers can verify the credential"), NULL },
  { "expires", TD_FIELD_DAY, 0, N_("Expires"), N_("2025-12-31"),
    N_("When the credential runs out, as year-month-day: Tidings warns you when an issue "
       "would show it after that"), NULL },
  END
};

static const TdFieldSpec credentials_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), N_("Credentials"),
    N_("Leave empty to show the badges alone"), NULL },
  { "badges", TD_FIELD_LIST, 0, N_("Badges"), NULL, NULL, badge_fields },
  END
};

static const TdFieldSpec promotion_item_fields[] = {
  { "heading", TD_FIELD_TEXT, 0, N_("Heading"), N_("Available now!"), NULL, NULL },
  { "text", TD_FIELD_MARKDOWN, 0, N_("Text"), NULL, NULL, NULL },
  { "image", TD_FIELD_IMAGE, 0, N_("Picture"), NULL, NULL, image_fields },
  { "link", TD_FIELD_LINK, 0, N_("Button"), NULL, NULL, link_fields },
  { "start", TD_FIELD_DAY, 0, N_("Starts"), N_("2023-08-01"),
    N_("The first day of the offer, as year-month-day; leave empty if it has begun"), NULL },
  { "end", TD_FIELD_DAY, 0, N_("Ends"), N_("2023-08-31"),
    N_("The last day of the offer, as year-month-day; leave empty if it has no end"), NULL },
  { "terms", TD_FIELD_MULTILINE, 0, N_("Terms"), N_("New clients only; one per person"),
    N_("The offer’s conditions, kept with it; readers see only its text, so write "
       "them there too"), NULL },
  END
};

static const TdFieldSpec promotion_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), NULL,
    N_("Leave empty to show the offers alone"), NULL },
  { "items", TD_FIELD_LIST, 0, N_("Offers"), NULL, NULL, promotion_item_fields },
  END
};

static const TdFieldSpec tip_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), N_("Did you know?"), NULL, NULL },
  { "body", TD_FIELD_MARKDOWN, 0, N_("Tip"), NULL, NULL, NULL },
  { "image", TD_FIELD_IMAGE, 0, N_("Picture"), NULL, NULL, image_fields },
  END
};

static const TdFieldSpec testimonial_fields[] = {
  { "title", TD_FIELD_TEXT, 0, N_("Heading"), N_("Kind words"), NULL, NULL },
  { "quote", TD_FIELD_MARKDOWN, 0, N_("What the client said"), NULL,
    N_("In the client’s own words, as approved by them"), NULL },
  { "name", TD_FIELD_TEXT, 0, N_("Client’s first name or initials"), N_("Maria S."),
    N_("Never more than the client agreed to"), NULL },
  { "photo", TD_FIELD_IMAGE, 0, N_("Client’s photo"), NULL, NULL, image_fields },
  { "consent_date", TD_FIELD_DAY, 0, N_("Written consent on file since"),
    N_("2023-07-15"),
    N_("The date of the client’s written consent to publish their words (and photo), as "
       "year-month-day: required before sending"), NULL },
  END
};

static const TdFieldSpec footer_fields[] = {
  { "note", TD_FIELD_MARKDOWN, 0, N_("Note"),
    N_("You’re receiving this because you’re a client of mine."), NULL, NULL },
  { "copyright", TD_FIELD_TEXT, 0, N_("Copyright"), N_("© 2023 Rachel Richards"), NULL, NULL },
  END
};

static const TdSectionType section_types[] = {
  { "masthead", N_("Masthead"), "go-top-symbolic", NULL, NULL, masthead_fields },
  { "article", N_("Article"), "x-office-document-symbolic", "title", N_("New article"),
    article_fields },
  { "video", N_("Video"), "camera-video-symbolic", "title", N_("New video"),
    video_section_fields },
  { "news", N_("News"), "view-list-bullet-symbolic", "title", N_("What’s new with me …"),
    news_fields },
  { "cta", N_("Call to action"), "call-start-symbolic", "title", N_("Call or text me today"),
    cta_fields },
  { "credentials", N_("Credentials"), "emblem-ok-symbolic", "title", NULL,
    credentials_fields },
  { "promotion", N_("Promotions"), "starred-symbolic", "title", NULL, promotion_fields },
  { "tip", N_("Tip"), "dialog-information-symbolic", "title", N_("Did you know?"),
    tip_fields },
  { "testimonial", N_("Testimonial"), "user-available-symbolic", "title", N_("Kind words"),
    testimonial_fields },
  { "footer", N_("Footer"), "go-bottom-symbolic", NULL, NULL, footer_fields },
};

const TdFieldSpec *
td_registry_get_document_fields (void)
{
  return document_fields;
}

const TdFieldSpec *
td_registry_get_practice_fields (void)
{
  return practice_fields;
}

const TdFieldSpec *
td_registry_get_issue_fields (void)
{
  return issue_fields;
}

const TdFieldSpec *
td_registry_get_section_common_fields (void)
{
  return section_common_fields;
}

const TdSectionType *
td_registry_get_section_types (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (section_types);
  return section_types;
}

const TdSectionType *
td_registry_lookup_section_type (const char *type)
{
  if (type == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (section_types); i++)
    if (g_str_equal (section_types[i].type, type))
      return &section_types[i];
  return NULL;
}

const TdFieldSpec *
td_field_spec_find (const TdFieldSpec *fields,
                    const char        *key)
{
  for (const TdFieldSpec *f = fields; f != NULL && f->key != NULL; f++)
    if (g_str_equal (f->key, key))
      return f;
  return NULL;
}

gboolean
td_field_kind_is_object (TdFieldKind kind)
{
  return kind == TD_FIELD_IMAGE || kind == TD_FIELD_VIDEO || kind == TD_FIELD_LINK ||
         kind == TD_FIELD_GROUP;
}

gboolean
td_field_kind_is_string (TdFieldKind kind)
{
  return !td_field_kind_is_object (kind) && kind != TD_FIELD_BOOLEAN &&
         kind != TD_FIELD_INTEGER && kind != TD_FIELD_LIST;
}

/* Limits in bytes, generous for a person and small for an attacker: a field
 * past them is an error, not a slow render. */
gsize
td_field_kind_max_length (TdFieldKind kind)
{
  switch (kind)
    {
    case TD_FIELD_MARKDOWN:
      return 100 * 1000;
    case TD_FIELD_MULTILINE:
      return 4000;
    case TD_FIELD_TEXT:
      return 1000;
    case TD_FIELD_URL:
    case TD_FIELD_VIDEO_URL:
    case TD_FIELD_UNSUBSCRIBE_URL:
    case TD_FIELD_IMAGE_PATH:
      return 2000;
    case TD_FIELD_PHONE:
    case TD_FIELD_EMAIL:
    case TD_FIELD_COLOR:
    case TD_FIELD_DATE:
    case TD_FIELD_DAY:
    case TD_FIELD_LANGUAGE:
      return 254;
    case TD_FIELD_BOOLEAN:
    case TD_FIELD_INTEGER:
    case TD_FIELD_GROUP:
    case TD_FIELD_IMAGE:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_LIST:
    default:
      return 0;
    }
}

void
td_registry_walk (JsonObject        *object,
                  const char        *path,
                  const TdFieldSpec *fields,
                  TdFieldVisitor     visit,
                  gpointer           user_data)
{
  g_return_if_fail (object != NULL && visit != NULL);

  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    {
      g_autofree char *child = td_json_path_child_key (path, spec->key);

      if (!visit (child, object, spec, user_data) || spec->fields == NULL)
        continue;
      if (td_field_kind_is_object (spec->kind))
        {
          JsonObject *inner = td_json_get_object (object, spec->key);

          if (inner != NULL)
            td_registry_walk (inner, child, spec->fields, visit, user_data);
        }
      else if (spec->kind == TD_FIELD_LIST)
        {
          JsonArray *items = td_json_get_array (object, spec->key);

          for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
            {
              JsonNode *node = json_array_get_element (items, i);
              g_autofree char *item_path = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                continue;
              item_path = td_json_path_child_index (child, i);
              td_registry_walk (json_node_get_object (node), item_path, spec->fields, visit,
                                user_data);
            }
        }
    }
}
