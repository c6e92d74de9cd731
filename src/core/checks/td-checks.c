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

#include "td-checks.h"
#include "td-html.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-markdown.h"
#include "td-registry.h"


/* Inboxes show about this much of a subject and of a preview text. */
#define SUBJECT_MAX_CHARS    60
#define PREHEADER_MIN_CHARS  40
#define PREHEADER_MAX_CHARS  100
/* Bytes, as GNOME shows file sizes (1 MB = 1,000,000 bytes). */
#define PICTURE_MAX_BYTES    (1000 * 1000)

typedef struct
{
  const TdRenderContext *context;
  TdDiagnostics         *diags;
} Checker;

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

/* Fields
 * ------------------------------------------------------------------------ */

static void
check_url (Checker    *c,
           const char *path,
           const char *url)
{
  if (is_http (url))
    td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
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

/* A picture's file: it must be there, and not be heavy. */
static void
check_picture_file (Checker    *c,
                    const char *path,
                    const char *src)
{
  g_autofree char *full = NULL;
  g_autofree char *size = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (c->context->base_dir == NULL || td_text_is_blank (src) || !td_image_path_is_safe (src, NULL))
    return;

  full = g_build_filename (c->context->base_dir, src, NULL);
  file = g_file_new_for_path (full);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, path,
                            _("the picture “%s” is missing from the issue’s folder, so the "
                              "email would show a broken picture: put the file back in the "
                              "images folder or choose another picture"), src);
      else
        td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, path,
                            _("cannot read the picture “%s”: %s"), src, error->message);
      return;
    }

  if (g_file_info_get_size (info) > PICTURE_MAX_BYTES)
    {
      size = g_format_size ((guint64) g_file_info_get_size (info));
      td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                          _("the picture “%s” is %s; pictures over 1 MB load slowly on "
                            "phones: save a smaller copy (1200 pixels wide is plenty)"),
                          src, size);
    }
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

      td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, alt_path,
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
    td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                        _("there is no email address, so an exported .eml has no sender: "
                          "add the address you send the newsletter from"));
  else if (strcmp (path, "practice.address") == 0 && td_text_is_blank (value))
    td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, path,
                        _("there is no postal address, which the law (CAN-SPAM) requires in "
                          "every newsletter: add the postal address of your practice"));
  else if (strcmp (path, "issue.subject") == 0)
    {
      n = char_count (value);
      if (n == 0)
        td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                            _("there is no subject, so the email goes out with the issue’s "
                              "title: write a subject of up to 60 characters that makes "
                              "readers want to open it"));
      else if (n > SUBJECT_MAX_CHARS)
        td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                            ngettext ("the subject is %u character long; inboxes cut it "
                                      "after about 60: shorten it",
                                      "the subject is %u characters long; inboxes cut it "
                                      "after about 60: shorten it", n), n);
    }
  else if (strcmp (path, "issue.preheader") == 0)
    {
      n = char_count (value);
      if (n > PREHEADER_MAX_CHARS)
        td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                            ngettext ("the preview text is %u character long; inboxes show "
                                      "about 100: shorten it",
                                      "the preview text is %u characters long; inboxes show "
                                      "about 100: shorten it", n), n);
      else if (n == 0)
        td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                            _("there is no preview text, so inboxes show the first words of "
                              "the email after the subject: write a sentence of 40 to 100 "
                              "characters"));
      else if (n < PREHEADER_MIN_CHARS)
        td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                            ngettext ("the preview text is only %u character long, so inboxes "
                                      "fill the rest with the first words of the email: write "
                                      "40 to 100 characters",
                                      "the preview text is only %u characters long, so inboxes "
                                      "fill the rest with the first words of the email: write "
                                      "40 to 100 characters", n), n);
    }
  else if (strcmp (path, "issue.public_base_url") == 0 && td_text_is_blank (value))
    td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path,
                        _("pictures in the email would not load: set the web address where "
                          "you upload the web version (an exported .eml carries its pictures "
                          "and does not need it)"));
  else if (strcmp (path, "issue.unsubscribe_url") == 0 && td_text_is_blank (value))
    td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, path,
                        _("there is no unsubscribe link, which the law (CAN-SPAM) and Gmail "
                          "require: paste the link or merge tag your mailing service gives "
                          "you, such as *|UNSUB|*"));
}

static void check_fields (Checker           *c,
                          const char        *path,
                          JsonObject        *object,
                          const TdFieldSpec *fields);

static void
check_field (Checker           *c,
             const char        *path,
             JsonObject        *object,
             const TdFieldSpec *spec)
{
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
      check_markdown_links (c, path, value);
      break;
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_GROUP:
      if (td_json_get_object (object, spec->key) != NULL)
        check_fields (c, path, td_json_get_object (object, spec->key), spec->fields);
      break;
    case TD_FIELD_IMAGE_PATH:
      check_picture_file (c, path, value);
      break;
    case TD_FIELD_LIST:
      {
        JsonArray *items = td_json_get_array (object, spec->key);

        for (guint i = 0; items != NULL && spec->fields != NULL
                          && i < json_array_get_length (items); i++)
          {
            JsonObject *item = json_array_get_object_element (items, i);
            g_autofree char *item_path = td_json_path_child_index (path, i);

            if (item != NULL)
              check_fields (c, item_path, item, spec->fields);
          }
      }
      break;
    case TD_FIELD_TEXT:
    case TD_FIELD_MULTILINE:
    case TD_FIELD_PHONE:
    case TD_FIELD_EMAIL:
    case TD_FIELD_COLOR:
    case TD_FIELD_DATE:
    case TD_FIELD_LANGUAGE:
    case TD_FIELD_BOOLEAN:
    case TD_FIELD_INTEGER:
    default:
      break;
    }
}

static void
check_fields (Checker           *c,
              const char        *path,
              JsonObject        *object,
              const TdFieldSpec *fields)
{
  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    {
      g_autofree char *child = td_json_path_child_key (path, spec->key);

      check_field (c, child, object, spec);
    }
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
      td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, item_path, "%s",
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

  if (message != NULL)
    td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, path, "%s", message);
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
  check_fields (c, path, section, section_type->fields);
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

  td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, "sections",
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
    td_diagnostics_add (c->diags, TD_SEVERITY_ERROR, NULL,
                        _("the email is %zu bytes: Gmail clips messages at about 102 KB, "
                          "hiding the footer and the unsubscribe link, and mailing services "
                          "add their own code: keep it under %d bytes by shortening the texts "
                          "or moving some to the web version"),
                        length, TD_EMAIL_SIZE_ERROR);
  else if (length > TD_EMAIL_SIZE_WARNING)
    td_diagnostics_add (c->diags, TD_SEVERITY_WARNING, NULL,
                        _("the email is %zu bytes, close to where Gmail clips messages (about "
                          "102 KB, hiding the footer and the unsubscribe link): shorten the "
                          "texts or move some to the web version"),
                        length);
}

void
td_checks_run (const TdRenderContext *context,
               TdDiagnostics         *diags)
{
  JsonObject *root;
  JsonArray *sections;
  Checker c = { context, diags };

  g_return_if_fail (context != NULL && context->root != NULL);
  g_return_if_fail (diags != NULL);

  root = json_node_get_object (context->root);
  if (td_json_get_object (root, "practice") != NULL)
    check_fields (&c, "practice", td_json_get_object (root, "practice"),
                  td_registry_get_practice_fields ());
  if (td_json_get_object (root, "issue") != NULL)
    check_fields (&c, "issue", td_json_get_object (root, "issue"),
                  td_registry_get_issue_fields ());

  sections = td_json_get_array (root, "sections");
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      g_autofree char *path = td_json_path_child_index ("sections", i);

      if (section != NULL)
        check_section (&c, path, section);
    }

  check_footer (&c, sections);
  check_email_size (&c);
}
