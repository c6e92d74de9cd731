/* td-checks.c: the pre-send checks
 *
 * What a document that loads fine may still get wrong as an email. Findings
 * come in document order: the practice details, the issue settings, then
 * each section with its fields in the order of the registry (the order the
 * file is written in), and last what concerns the whole email (a missing
 * footer, the size). Each names the JSON path of the field to change.
 *
 * Errors are what would make the email unlawful or broken (no unsubscribe
 * link or postal address, a missing picture, an email Gmail would clip);
 * everything else is a warning.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "td-checks-private.h"
#include "td-image-info.h"
#include "td-picture-file.h"
#include "td-html.h"
#include "td-issue-validator.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-markdown.h"
#include "td-registry.h"


/* Inboxes show about this much of a subject and of a preview text. */
#define SUBJECT_MAX_CHARS    60
#define PREHEADER_MIN_CHARS  40
#define PREHEADER_MAX_CHARS  100
/* Bytes, as GNOME shows file sizes (1 MB = 1,000,000 bytes). */
#define PICTURE_MAX_BYTES    (1000 * 1000)

typedef TdChecker Checker;

/* Characters (not bytes) of @text without its surrounding spaces. */
static guint
char_count (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return (guint) g_utf8_strlen (copy, -1);
}

static gboolean
is_http (const char *url)
{
  return g_ascii_strncasecmp (url, "http:", strlen ("http:")) == 0;
}

/* Findings and dismissals
 * ------------------------------------------------------------------------ */

static gboolean
is_dismissed (TdChecker  *c,
              const char *code,
              const char *path,
              const char *occurrence)
{
  for (guint i = 0; c->dismissed != NULL && i < json_array_get_length (c->dismissed); i++)
    {
      JsonObject *entry = json_array_get_object_element (c->dismissed, i);

      if (entry != NULL &&
          g_strcmp0 (td_json_get_string (entry, "code"), code) == 0 &&
          g_strcmp0 (td_json_get_string (entry, "path"), path != NULL ? path : "") == 0 &&
          g_strcmp0 (td_json_get_string (entry, "text"), occurrence) == 0)
        return TRUE;
    }
  return FALSE;
}

void
_td_checks_report (TdChecker  *c,
                   TdSeverity  severity,
                   const char *code,
                   const char *path,
                   const char *occurrence,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (occurrence != NULL && is_dismissed (c, code, path, occurrence))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_diagnostics_add_finding (c->diags, severity, path, code, occurrence, message);
}

gboolean
_td_checks_parse_day (const char *value,
                      gboolean    end_of_month,
                      GDate      *date)
{
  char *message = NULL;
  guint year, month, day = 1;

  g_date_clear (date, 1);
  if (value == NULL || value[0] == '\0' || !td_field_check_string (TD_FIELD_DAY, value, &message))
    {
      g_free (message);
      return FALSE;
    }
  year = (guint) g_ascii_strtoull (value, NULL, 10);
  month = (guint) g_ascii_strtoull (value + 5, NULL, 10);
  if (strlen (value) == 10)
    day = (guint) g_ascii_strtoull (value + 8, NULL, 10);
  else if (end_of_month)
    day = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Fields
 * ------------------------------------------------------------------------ */

static void
check_url (Checker    *c,
           const char *path,
           const char *url)
{
  if (is_http (url))
    _td_checks_report (c, TD_SEVERITY_WARNING, "http-link", path, NULL,
                       _("“%s” is not a secure link (http:), which mail programs and "
                         "browsers flag: use its https: address"), url);
}

/* The http: links of a markdown body (bare addresses too, which the
 * renderers link), each reported at the body's path. */
static void
check_markdown_links (Checker    *c,
                      const char *path,
                      const char *markdown)
{
  g_autoptr(GPtrArray) urls = NULL;

  if (td_text_is_blank (markdown))
    return;

  urls = td_markdown_link_urls (markdown);
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);

      if (is_http (url))
        check_url (c, path, url);
    }
}

/* Whether the email shows any picture. */
static gboolean
has_pictures (Checker *c)
{
  g_autoptr(GPtrArray) pictures = td_render_list_images (c->context);

  return pictures->len > 0;
}

/* A picture's file: it must be there, not be heavy, and not tell where
 * it was taken. Read through the containment primitive, from the draft
 * area for a picture added since the last save. */
static void
check_picture_file (Checker    *c,
                    const char *path,
                    const char *src)
{
  const char *dir = td_render_picture_dir (c->context, src);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  goffset bytes = 0;
  TdImageInfo info;

  if (dir == NULL || td_text_is_blank (src) || !td_image_path_is_safe (src, NULL))
    return;

  stream = td_picture_file_open (dir, src, &bytes, &error);
  if (stream == NULL)
    {
      if (g_error_matches (error, TD_PICTURE_FILE_ERROR, TD_PICTURE_FILE_ERROR_NOT_FOUND))
        _td_checks_report (c, TD_SEVERITY_ERROR, "picture-missing", path, NULL,
                           _("the picture “%s” is missing from the issue’s folder, so the "
                             "email would show a broken picture: put the file back in the "
                             "images folder or choose another picture"), src);
      else
        _td_checks_report (c, TD_SEVERITY_ERROR, "picture-missing", path, NULL,
                           _("cannot read the picture “%s”: %s"), src, error->message);
      return;
    }

  if (bytes > PICTURE_MAX_BYTES)
    {
      size = g_format_size ((guint64) bytes);
      _td_checks_report (c, TD_SEVERITY_WARNING, "picture-size", path, NULL,
                         _("the picture “%s” is %s; pictures over 1 MB load slowly on "
                           "phones: make it smaller (Make Smaller, or tidings-cli pictures)"),
                         src, size);
    }
  if (td_image_info_from_stream (stream, src, &info, NULL) && info.has_gps)
    _td_checks_report (c, TD_SEVERITY_WARNING, "picture-location", path, NULL,
                       _("the picture “%s” still holds the GPS position where it was taken; "
                         "the exports leave it out, but the file in the issue’s folder keeps "
                         "it: make it smaller (Make Smaller, or tidings-cli pictures) to "
                         "store it without"), src);
}

static void
check_image (Checker    *c,
             const char *path,
             JsonObject *image)
{
  const char *src = td_json_get_string (image, "src");
  g_autofree char *src_path = td_json_path_child_key (path, "src");

  if (td_text_is_blank (src))
    return;

  if (td_text_is_blank (td_json_get_string (image, "alt")))
    {
      g_autofree char *alt_path = td_json_path_child_key (path, "alt");

      _td_checks_report (c, TD_SEVERITY_WARNING, "alt-text", alt_path, NULL,
                         _("the picture has no description: say what it shows, for readers "
                           "who use a screen reader or whose mail program blocks pictures"));
    }
  check_picture_file (c, src_path, src);
}

/* Checks of single settings, at their place in the document. */
static void
check_setting (Checker    *c,
               const char *path,
               const char *value)
{
  guint n;

  if (strcmp (path, "practice.email") == 0 && td_text_is_blank (value))
    _td_checks_report (c, TD_SEVERITY_WARNING, "sender", path, NULL,
                       _("there is no email address, so an exported .eml has no sender: "
                         "add the address you send the newsletter from"));
  else if (strcmp (path, "practice.address") == 0 && td_text_is_blank (value))
    _td_checks_report (c, TD_SEVERITY_ERROR, "can-spam-address", path, NULL,
                       _("there is no postal address, which the law (CAN-SPAM) requires in "
                         "every newsletter: add the postal address of your practice"));
  else if (strcmp (path, "issue.subject") == 0)
    {
      n = char_count (value);
      if (n == 0)
        _td_checks_report (c, TD_SEVERITY_WARNING, "subject", path, NULL,
                           _("there is no subject, so the email goes out with the issue’s "
                             "title: write a subject of up to 60 characters that makes "
                             "readers want to open it"));
      else if (n > SUBJECT_MAX_CHARS)
        _td_checks_report (c, TD_SEVERITY_WARNING, "subject", path, NULL,
                           ngettext ("the subject is %u character long; inboxes cut it "
                                     "after about 60: shorten it",
                                     "the subject is %u characters long; inboxes cut it "
                                     "after about 60: shorten it", n), n);
    }
  else if (strcmp (path, "issue.preheader") == 0)
    {
      n = char_count (value);
      if (n > PREHEADER_MAX_CHARS)
        _td_checks_report (c, TD_SEVERITY_WARNING, "preheader", path, NULL,
                           ngettext ("the preview text is %u character long; inboxes show "
                                     "about 100: shorten it",
                                     "the preview text is %u characters long; inboxes show "
                                     "about 100: shorten it", n), n);
      else if (n == 0)
        _td_checks_report (c, TD_SEVERITY_WARNING, "preheader", path, NULL,
                           _("there is no preview text, so inboxes show the first words of "
                             "the email after the subject: write a sentence of 40 to 100 "
                             "characters"));
      else if (n < PREHEADER_MIN_CHARS)
        _td_checks_report (c, TD_SEVERITY_WARNING, "preheader", path, NULL,
                           ngettext ("the preview text is only %u character long, so inboxes "
                                     "fill the rest with the first words of the email: write "
                                     "40 to 100 characters",
                                     "the preview text is only %u characters long, so inboxes "
                                     "fill the rest with the first words of the email: write "
                                     "40 to 100 characters", n), n);
    }
  else if (strcmp (path, "issue.public_base_url") == 0 && td_text_is_blank (value)
           && c->context->eml.linked_images && has_pictures (c))
    _td_checks_report (c, TD_SEVERITY_ERROR, "public-base-url", path, NULL,
                       _("the email links its pictures, but the issue has no web address "
                         "to load them from, so every picture would be broken: set the "
                         "address where you upload the web version, or carry the pictures "
                         "inside the .eml"));
  else if (strcmp (path, "issue.public_base_url") == 0 && td_text_is_blank (value))
    _td_checks_report (c, TD_SEVERITY_WARNING, "public-base-url", path, NULL,
                       _("pictures in the email would not load: set the web address where "
                         "you upload the web version (an exported .eml carries its pictures "
                         "and does not need it)"));
  else if (strcmp (path, "issue.unsubscribe_url") == 0 && td_text_is_blank (value))
    _td_checks_report (c, TD_SEVERITY_ERROR, "can-spam-unsubscribe", path, NULL,
                       _("there is no unsubscribe link, which the law (CAN-SPAM) and Gmail "
                         "require: paste the link or merge tag your mailing service gives "
                         "you, such as *|UNSUB|*"));
}

/* A TdFieldVisitor: a picture is checked as a whole (check_image). */
static gboolean
check_field (const char        *path,
             JsonObject        *object,
             const TdFieldSpec *spec,
             gpointer           user_data)
{
  Checker *c = user_data;
  const char *value = td_json_get_string (object, spec->key);

  if (td_field_kind_is_string (spec->kind))
    check_setting (c, path, value);

  switch (spec->kind)
    {
    case TD_FIELD_URL:
    case TD_FIELD_VIDEO_URL:
    case TD_FIELD_UNSUBSCRIBE_URL:
      check_url (c, path, value);
      break;
    case TD_FIELD_IMAGE:
      if (td_json_get_object (object, spec->key) != NULL)
        check_image (c, path, td_json_get_object (object, spec->key));
      break;
    case TD_FIELD_MARKDOWN:
      _td_checks_claims (c, path, value, TRUE);
      check_markdown_links (c, path, value);
      break;
    case TD_FIELD_TEXT:
    case TD_FIELD_MULTILINE:
      _td_checks_claims (c, path, value, FALSE);
      break;
    case TD_FIELD_IMAGE_PATH:
      check_picture_file (c, path, value);
      break;
    case TD_FIELD_PHONE:
    case TD_FIELD_EMAIL:
    case TD_FIELD_COLOR:
    case TD_FIELD_DATE:
    case TD_FIELD_DAY:
    case TD_FIELD_LANGUAGE:
    case TD_FIELD_BOOLEAN:
    case TD_FIELD_INTEGER:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_GROUP:
    case TD_FIELD_LIST:
    default:
      break;
    }
  return spec->kind != TD_FIELD_IMAGE;
}

/* Dates
 * ------------------------------------------------------------------------ */

/* "[promotion-dates]": an offer over before this issue's month begins, or
 * not begun by the time it ends. */
static void
check_promotion_dates (Checker    *c,
                       const char *path,
                       JsonObject *section)
{
  JsonArray *items = td_json_get_array (section, "items");
  g_autofree char *month = g_strdup_printf ("%04d-%02d", c->year, c->month);
  GDate first, last;

  if (c->year == 0 || !_td_checks_parse_day (month, FALSE, &first) ||
      !_td_checks_parse_day (month, TRUE, &last))
    return;
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *items_path = td_json_path_child_key (path, "items");
      g_autofree char *item_path = td_json_path_child_index (items_path, i);
      const char *start, *end;
      GDate day, until;

      if (item == NULL)
        continue;
      start = td_json_get_string (item, "start");
      end = td_json_get_string (item, "end");
      if (_td_checks_parse_day (start, FALSE, &day) && _td_checks_parse_day (end, TRUE, &until) &&
          g_date_compare (&until, &day) < 0)
        {
          g_autofree char *end_path = td_json_path_child_key (item_path, "end");

          _td_checks_report (c, TD_SEVERITY_WARNING, "promotion-dates", end_path, NULL,
                             _("this offer ends on %s, before it starts (%s): correct its "
                               "dates"), end, start);
          continue;
        }
      if (_td_checks_parse_day (end, TRUE, &day) && g_date_compare (&day, &first) < 0)
        {
          g_autofree char *end_path = td_json_path_child_key (item_path, "end");

          _td_checks_report (c, TD_SEVERITY_WARNING, "promotion-dates", end_path, NULL,
                             _("this offer ended on %s, before this issue’s month (%s) "
                               "begins: remove it, or give it new dates"), end, month);
        }
      else if (_td_checks_parse_day (start, FALSE, &day) && g_date_compare (&day, &last) > 0)
        {
          g_autofree char *start_path = td_json_path_child_key (item_path, "start");

          _td_checks_report (c, TD_SEVERITY_WARNING, "promotion-dates", start_path, NULL,
                             _("this offer starts on %s, after this issue’s month (%s) "
                               "ends: keep it for a later issue, or correct its dates"),
                             start, month);
        }
    }
}

/* "[credential-expired]": a badge shown after its expiry. */
static void
check_credentials_expiry (Checker    *c,
                          const char *path,
                          JsonObject *section)
{
  JsonArray *badges = td_json_get_array (section, "badges");
  g_autofree char *month = g_strdup_printf ("%04d-%02d", c->year, c->month);
  GDate last;

  if (c->year == 0 || !_td_checks_parse_day (month, TRUE, &last))
    return;
  for (guint i = 0; badges != NULL && i < json_array_get_length (badges); i++)
    {
      JsonObject *badge = json_array_get_object_element (badges, i);
      g_autofree char *badges_path = td_json_path_child_key (path, "badges");
      g_autofree char *badge_path = td_json_path_child_index (badges_path, i);
      g_autofree char *expires_path = td_json_path_child_key (badge_path, "expires");
      const char *expires;
      GDate day;

      if (badge == NULL)
        continue;
      expires = td_json_get_string (badge, "expires");
      if (!_td_checks_parse_day (expires, TRUE, &day) || g_date_compare (&day, &last) >= 0)
        continue;
      _td_checks_report (c, TD_SEVERITY_ERROR, "credential-expired", expires_path, NULL,
                         _("“%s” expires on %s, before the end of this issue’s month (%s), "
                           "and showing an expired credential misleads readers: renew it "
                           "and change the date, or remove the badge"),
                         td_json_get_string (badge, "name"), expires, month);
    }
}

/* "[consent]": a client's words or photo need her written consent. */
static void
check_consent (Checker    *c,
               const char *path,
               JsonObject *section)
{
  g_autofree char *consent_path = td_json_path_child_key (path, "consent_date");

  if (!td_text_is_blank (td_json_get_string (section, "consent_date")))
    return;
  _td_checks_report (c, TD_SEVERITY_ERROR, "consent", consent_path, NULL,
                     _("this testimonial has no date of the client’s written consent: publish "
                       "a client’s words or photo only with their written permission, and "
                       "enter the date it was given"));
}

/* Sections
 * ------------------------------------------------------------------------ */

static gboolean
has_image (JsonObject *object,
           const char *key)
{
  return !td_text_is_blank (td_json_get_string (td_json_get_object (object, key), "src"));
}

static gboolean
has_link (JsonObject *object,
          const char *key)
{
  return !td_text_is_blank (td_json_get_string (td_json_get_object (object, key), "url"));
}

static guint
n_items (JsonObject *section,
         const char *key)
{
  JsonArray *items = td_json_get_array (section, key);

  return items != NULL ? json_array_get_length (items) : 0;
}

/* Items of a list that would show nothing at all. */
static void
check_empty_items (Checker    *c,
                   const char *path,
                   JsonObject *section,
                   gboolean    news)
{
  JsonArray *items = td_json_get_array (section, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *item_path = NULL;

      if (item == NULL)
        continue;
      if (news && (!td_text_is_blank (td_json_get_string (item, "text"))
                   || has_image (item, "photo") || has_link (item, "link")))
        continue;
      if (!news && (!td_text_is_blank (td_json_get_string (item, "heading"))
                    || !td_text_is_blank (td_json_get_string (item, "text"))
                    || has_image (item, "image") || has_link (item, "link")))
        continue;

      item_path = td_json_path_child_index (path, i);
      _td_checks_report (c, TD_SEVERITY_WARNING, "empty-item", item_path, NULL, "%s",
                         news ? _("this news item is empty: write its text, or remove it")
                              : _("this offer is empty: fill it in, or remove it"));
    }
}

static void
check_section_content (Checker    *c,
                       const char *path,
                       JsonObject *section)
{
  const char *type = td_json_get_string (section, "type");
  const char *message = NULL;

  if (strcmp (type, "credentials") == 0 && n_items (section, "badges") == 0)
    message = _("this credentials section has no badges: add one, or remove the section");
  else if (strcmp (type, "article") == 0
           && td_text_is_blank (td_json_get_string (section, "title"))
           && td_text_is_blank (td_json_get_string (section, "body")))
    message = _("this article has neither a headline nor text: write them, or remove "
                "the section");
  else if (strcmp (type, "promotion") == 0 && n_items (section, "items") == 0)
    message = _("this promotion has no offers: add one, or remove the section");
  else if (strcmp (type, "cta") == 0
           && td_text_is_blank (td_json_get_string (section, "text"))
           && td_text_is_blank (td_json_get_string (section, "phone"))
           && !has_link (section, "form") && !has_link (section, "youtube"))
    message = _("this call to action has no text, phone number or button: fill it in, "
                "or remove the section");
  else if (strcmp (type, "news") == 0 && n_items (section, "items") == 0)
    message = _("this news section has no news: add an item, or remove the section");
  else if (strcmp (type, "video") == 0 && !has_link (section, "video"))
    message = _("this video section has no video: paste the address of the video, or "
                "remove the section");
  else if (strcmp (type, "tip") == 0 && td_text_is_blank (td_json_get_string (section, "body")))
    message = _("this tip has no text: write it, or remove the section");
  else if (strcmp (type, "testimonial") == 0
           && td_text_is_blank (td_json_get_string (section, "quote")))
    message = _("this testimonial has no quote: write the client’s words, or remove the "
                "section");

  if (message != NULL)
    _td_checks_report (c, TD_SEVERITY_WARNING, "empty-section", path, NULL, "%s", message);
}

static void
check_section (Checker    *c,
               const char *path,
               JsonObject *section)
{
  const char *type = td_json_get_string (section, "type");
  const TdSectionType *section_type = td_registry_lookup_section_type (type);

  /* Unknown types are kept in the file but not rendered. */
  if (section_type == NULL)
    return;

  check_section_content (c, path, section);
  td_registry_walk (section, path, section_type->fields, check_field, c);
  if (strcmp (type, "promotion") == 0)
    check_promotion_dates (c, path, section);
  else if (strcmp (type, "credentials") == 0)
    check_credentials_expiry (c, path, section);
  else if (strcmp (type, "testimonial") == 0)
    check_consent (c, path, section);
  if (strcmp (type, "news") == 0 || strcmp (type, "promotion") == 0)
    {
      g_autofree char *items_path = td_json_path_child_key (path, "items");

      check_empty_items (c, items_path, section, strcmp (type, "news") == 0);
    }
}

/* The email as a whole
 * ------------------------------------------------------------------------ */

/* The unsubscribe link and the postal address are shown in the footer. */
static void
check_footer (Checker   *c,
              JsonArray *sections)
{
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      if (section != NULL && strcmp (td_json_get_string (section, "type"), "footer") == 0)
        return;
    }

  _td_checks_report (c, TD_SEVERITY_ERROR, "footer", "sections", NULL,
                     _("there is no footer, so the email shows neither the unsubscribe link "
                       "nor the postal address: add a Footer section"));
}

/* The size of the email HTML as pasted into a mailing service. */
static void
check_email_size (Checker *c)
{
  TdRenderContext email_context = *c->context;
  g_autoptr(GBytes) html = NULL;
  gsize length;

  email_context.image_urls = TD_IMAGE_URL_ABSOLUTE;
  html = td_render (TD_RENDER_EMAIL, &email_context, NULL);
  length = g_bytes_get_size (html);

  if (length > TD_EMAIL_SIZE_ERROR)
    _td_checks_report (c, TD_SEVERITY_ERROR, "email-size", NULL, NULL,
                       _("the email is %zu bytes: Gmail clips messages at about 102 KB, "
                         "hiding the footer and the unsubscribe link, and mailing services "
                         "add their own code: keep it under %d bytes by shortening the texts "
                         "or moving some to the web version"),
                       length, TD_EMAIL_SIZE_ERROR);
  else if (length > TD_EMAIL_SIZE_WARNING)
    _td_checks_report (c, TD_SEVERITY_WARNING, "email-size", NULL, NULL,
                       _("the email is %zu bytes, close to where Gmail clips messages (about "
                         "102 KB, hiding the footer and the unsubscribe link): shorten the "
                         "texts or move some to the web version"),
                       length);
}

/* The practice's state
 * ------------------------------------------------------------------------ */

/* What a state's law asks of a massage therapist's advertising, where we
 * can cite it (docs/checks.md): the titles reserved to those licensed, for
 * which the profile must hold the licence number; and whether the licence
 * number must be shown in every advertisement. A state without a row is
 * not checked. */
typedef struct
{
  const char        *state;          /* the USPS code */
  const char        *name;           /* N_() */
  const char *const *titles;         /* NULL-terminated, or NULL */
  const char        *titles_source;
  const char        *number_source;  /* NULL: not required in advertising */
} LicenceRule;

static const char *const new_york_titles[] = {
  "massage therapist", "masseur", "masseuse", "LMT", NULL
};

static const LicenceRule licence_rules[] = {
  { "NY", N_("New York"), new_york_titles, "N.Y. Education Law §7802", NULL },
  { "FL", N_("Florida"), NULL, NULL, "Florida Statutes §480.0465" },
};

/* The rule of @state, written as its USPS code ("NY", "ny") or its
 * English name ("New York"); NULL for a state without one. */
static const LicenceRule *
lookup_licence_rule (const char *state)
{
  g_autofree char *code = g_ascii_strup (state != NULL ? state : "", -1);

  g_strstrip (code);
  for (gsize i = 0; i < G_N_ELEMENTS (licence_rules); i++)
    if (g_str_equal (licence_rules[i].state, code) ||
        g_ascii_strcasecmp (licence_rules[i].name, code) == 0)
      return &licence_rules[i];
  return NULL;
}

/* The reserved title @text uses, as in rule->titles, or NULL. */
static const char *
find_title (const LicenceRule *rule,
            const char        *text)
{
  g_autofree char *words = _td_checks_words (text);
  g_autofree char *padded = g_strdup_printf (" %s ", words);

  for (guint i = 0; rule->titles != NULL && rule->titles[i] != NULL; i++)
    {
      g_autofree char *title = g_utf8_strdown (rule->titles[i], -1);
      g_autofree char *needle = g_strdup_printf (" %s ", title);

      if (strstr (padded, needle) != NULL)
        return rule->titles[i];
    }
  return NULL;
}

/* The path of the first footer's note, or of the licence number. */
static char *
licence_number_place (JsonArray *sections)
{
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      if (section != NULL && g_str_equal (td_json_get_string (section, "type"), "footer"))
        {
          g_autofree char *path = td_json_path_child_index ("sections", i);

          return td_json_path_child_key (path, "note");
        }
    }
  return g_strdup ("practice.license_number");
}

static void
check_licence (Checker *c)
{
  JsonObject *practice = td_render_get_practice (c->context);
  const char *profession = td_json_get_string (practice, "profession");
  const char *number = td_json_get_string (practice, "license_number");
  const LicenceRule *rule = lookup_licence_rule (td_json_get_string (practice, "state"));
  g_autofree char *folded = g_utf8_strdown (profession, -1);
  const char *title;

  /* The table holds the rules for massage therapists. */
  if (rule == NULL || (strstr (folded, "massage") == NULL && strstr (folded, "masaj") == NULL
                       && find_title (rule, profession) == NULL))
    return;

  title = find_title (rule, profession);
  if (title == NULL)
    title = find_title (rule, td_json_get_string (practice, "name"));
  if (title != NULL && td_text_is_blank (number))
    _td_checks_report (c, TD_SEVERITY_WARNING, "licence", "practice.license_number", NULL,
                       _("%s reserves the title “%s” to licensed practitioners (%s): add your "
                         "licence number to your profile, so that the title you use is "
                         "backed by it"),
                       _(rule->name), title, rule->titles_source);

  if (rule->number_source == NULL)
    return;
  if (td_text_is_blank (number))
    _td_checks_report (c, TD_SEVERITY_ERROR, "licence", "practice.license_number", NULL,
                       _("%s requires your licence number in every advertisement of massage "
                         "services (%s): add it to your profile, and write it in the footer"),
                       _(rule->name), rule->number_source);
  else
    {
      g_autofree char *text = td_render_to_string (TD_RENDER_TEXT, c->context, NULL);
      g_autofree char *stripped = g_strstrip (g_strdup (number));
      g_autofree char *place = NULL;

      if (strstr (text, stripped) != NULL)
        return;
      place = licence_number_place (td_render_get_sections (c->context));
      _td_checks_report (c, TD_SEVERITY_ERROR, "licence", place, NULL,
                         _("%s requires your licence number in every advertisement of massage "
                           "services (%s), and this issue doesn’t show “%s”: write it in the "
                           "footer’s note, such as “Licensed massage therapist, %s”"),
                         _(rule->name), rule->number_source, stripped, stripped);
    }
}

/* Running them
 * ------------------------------------------------------------------------ */

char *
td_checks_dup_data_dir (void)
{
  const char *dir = g_getenv ("TIDINGS_CHECKS_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  return g_build_filename (PKGDATADIR, "checks", NULL);
}

void
td_checks_run_for_file (const TdRenderContext *context,
                        const char            *file,
                        const char            *library,
                        TdDiagnostics         *diags)
{
  JsonObject *root;
  JsonArray *sections;
  Checker c = { context, file, library, diags, NULL, 0, 0, NULL };
  g_autoptr(TdClaims) claims = NULL;
  g_autofree char *data_dir = td_checks_dup_data_dir ();
  GDate day;

  g_return_if_fail (context != NULL && context->root != NULL);
  g_return_if_fail (diags != NULL);

  root = json_node_get_object (context->root);
  c.dismissed = td_json_get_array (root, "dismissed");
  if (_td_checks_parse_day (td_json_get_string (td_render_get_issue (context), "date"), FALSE,
                            &day))
    {
      c.year = g_date_get_year (&day);
      c.month = g_date_get_month (&day);
    }
  if (!_td_claims_load (data_dir, td_json_get_string (td_render_get_practice (context),
                                                      "profession"),
                        td_render_get_language (context), &claims))
    _td_checks_report (&c, TD_SEVERITY_WARNING, "health-claim", NULL, NULL,
                       _("the word lists of the health-claim check are missing from “%s”, so "
                         "health claims were not looked for: reinstall Tidings"), data_dir);
  c.claims = claims;

  if (td_json_get_object (root, "practice") != NULL)
    td_registry_walk (td_json_get_object (root, "practice"), "practice",
                      td_registry_get_practice_fields (), check_field, &c);
  check_licence (&c);
  if (td_json_get_object (root, "issue") != NULL)
    td_registry_walk (td_json_get_object (root, "issue"), "issue",
                      td_registry_get_issue_fields (), check_field, &c);

  sections = td_json_get_array (root, "sections");
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      g_autofree char *path = td_json_path_child_index ("sections", i);

      if (section != NULL)
        check_section (&c, path, section);
    }

  _td_checks_repeats (&c);
  check_footer (&c, sections);
  check_email_size (&c);
}

void
td_checks_run (const TdRenderContext *context,
               TdDiagnostics         *diags)
{
  td_checks_run_for_file (context, NULL, NULL, diags);
}

/* Dismissals
 * ------------------------------------------------------------------------ */

gboolean
td_checks_can_dismiss (const TdDiagnostic *diag)
{
  g_return_val_if_fail (diag != NULL, FALSE);

  return diag->code != NULL && diag->occurrence != NULL;
}

JsonNode *
td_checks_new_dismissal (const TdDiagnostic *diag)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (td_checks_can_dismiss (diag), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, diag->code);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, diag->path != NULL ? diag->path : "");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, diag->occurrence);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
td_checks_dismiss (TdDocument         *document,
                   const TdDiagnostic *diag)
{
  JsonNode *root;
  JsonArray *dismissed;
  g_autoptr(JsonNode) entry = NULL;

  g_return_if_fail (TD_IS_DOCUMENT (document));
  g_return_if_fail (td_checks_can_dismiss (diag));

  root = td_document_get_root (document);
  dismissed = td_json_get_array (json_node_get_object (root), "dismissed");
  entry = td_checks_new_dismissal (diag);
  if (dismissed != NULL)
    td_document_insert (document, "dismissed", json_array_get_length (dismissed), entry);
  else
    {
      g_autoptr(JsonNode) list = json_node_init_array (json_node_alloc (), json_array_new ());

      json_array_add_element (json_node_get_array (list), json_node_copy (entry));
      td_document_set (document, "dismissed", list, TD_EDIT_NONE);
    }
}
