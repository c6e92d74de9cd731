/* td-eml.c: the issue as a ready-to-send MIME message (GMime 3)
 *
 *   multipart/alternative
 *     text/plain; charset=utf-8            td_render_text(), quoted-printable
 *     multipart/related; type="text/html"
 *       text/html; charset=utf-8           td_render_email(), with cid: picture URLs
 *       image/...; inline; base64          one per picture the HTML uses
 *
 * The pictures are derived (td-picture-derive.h): upright, without
 * metadata, twice the width the email shows them at, at most 1,040 px.
 * With TdEmlOptions.linked_images the pictures are links to the web
 * version instead, and the message is only:
 *
 *   multipart/alternative
 *     text/plain; charset=utf-8
 *     text/html; charset=utf-8             with https picture URLs
 *
 * Plain text comes first: in multipart/alternative the last part is the
 * preferred one (RFC 2046). Quoted-printable and base64 keep every line under
 * 76 octets, well within the 998 of RFC 5322; lines end in CRLF, as a message
 * does on the wire. Decoded (and with CRLF read as LF), each part is
 * byte for byte what its renderer gives.
 *
 * The message is deterministic: the Date comes from the options, and the
 * Message-ID and the MIME boundaries are derived from a hash of the content,
 * so the same issue, options and pictures give the same bytes. The boundaries
 * start with "=_", which can appear in neither quoted-printable ("=" is
 * written "=3D") nor base64, so they never collide with the content.
 */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>
#include <glib/gi18n.h>

#include "td-html.h"
#include "td-image-info.h"
#include "td-picture-derive.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-render-private.h"

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimePart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddress, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

/* RFC 5322 2.1.1: a header line may be folded only at whitespace, which a
 * List-Unsubscribe URL has none of. */
#define MAX_LINE_OCTETS 998

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* RFC 5321 4.5.3.1.3: a path of at most 256 octets, less the brackets. */
#define MAX_ADDRESS_OCTETS 254
/* A display name longer than this is not a name. */
#define MAX_NAME_CHARS 200

/* Whether text holds a line break or another control character, or a
 * comment or more "@" than there are mailboxes: what GMime's parser would
 * quietly turn into a header the sender didn't write (a Bcc inside a To,
 * "a@b@c" read as "a@b", a comment read as the display name). */
static gboolean
address_text_is_plain (const char *text,
                       guint       n_mailboxes)
{
  gboolean quoted = FALSE;
  guint ats = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
      if (c == '"')
        quoted = !quoted;
      else if (c == '\\' && quoted && p[1] != '\0')
        p++;
      else if (!quoted && (c == '(' || c == ')'))
        return FALSE;
      else if (!quoted && c == '@')
        ats++;
    }
  return !quoted && ats == n_mailboxes;
}

/* The mailboxes of text ("Name <a@b.example>, c@d.example"), exactly as
 * written: at least one and at most max (0: any number), each a plain
 * address with one "@", no groups. NULL otherwise. */
static InternetAddressList *
parse_mailboxes (const char *text,
                 guint       max)
{
  g_autoptr(InternetAddressList) list = NULL;
  int n = 0;

  if (g_utf8_validate (text, -1, NULL))
    list = internet_address_list_parse (NULL, text);
  if (list != NULL)
    n = internet_address_list_length (list);
  for (int i = 0; list != NULL && i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);
      const char *addr = INTERNET_ADDRESS_IS_MAILBOX (address)
                         ? internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address))
                         : NULL;
      const char *name = internet_address_get_name (address);
      const char *at = addr != NULL ? strchr (addr, '@') : NULL;

      if (at == NULL || at == addr || at[1] == '\0' || strchr (at + 1, '@') != NULL ||
          strlen (addr) > MAX_ADDRESS_OCTETS || strstr (text, addr) == NULL ||
          (name != NULL && g_utf8_strlen (name, -1) > MAX_NAME_CHARS))
        g_clear_object (&list);
      else
        internet_address_set_charset (address, "utf-8");
    }
  if (list == NULL || n == 0 || (max > 0 && (guint) n > max) ||
      !address_text_is_plain (text, (guint) n))
    return NULL;
  return g_steal_pointer (&list);
}

/* The From mailbox: options->from ("Name <a@b>" or "a@b") or the practice's
 * email, with the practice's name as display name when none is given. */
static InternetAddress *
make_from (const TdRenderContext *context,
           const TdEmlOptions    *options,
           GError               **error)
{
  JsonObject *practice = td_render_get_practice (context);
  const char *name = td_json_get_string (practice, "name");
  const char *email = td_json_get_string (practice, "email");
  g_autoptr(InternetAddressList) list = NULL;
  InternetAddress *address;

  if (options->from != NULL && options->from[0] != '\0')
    {
      list = parse_mailboxes (options->from, 1);
      if (list == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The sender “%s” is not one plain email address"), options->from);
          return NULL;
        }
      address = g_object_ref (internet_address_list_get_address (list, 0));
      if (internet_address_get_name (address) == NULL
          || internet_address_get_name (address)[0] == '\0')
        internet_address_set_name (address, name[0] != '\0' ? name : NULL);
      return address;
    }

  if (email[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The message has no sender: add your email address to the "
                             "practice details (practice.email), or give a From address"));
      return NULL;
    }

  address = internet_address_mailbox_new (name[0] != '\0' ? name : NULL, email);
  internet_address_set_charset (address, "utf-8");
  return address;
}

/* The domain for the Message-ID: letters, digits, '-' and '.' only. */
static char *
message_id_domain (const TdEmlOptions *options,
                   InternetAddress    *from)
{
  const char *domain = options->message_id_domain;
  GString *out = g_string_new (NULL);

  if (domain == NULL || domain[0] == '\0')
    {
      const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (from));
      const char *at = addr != NULL ? strrchr (addr, '@') : NULL;

      domain = at != NULL ? at + 1 : "";
    }

  for (const char *p = domain; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.')
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  if (out->len == 0)
    g_string_append (out, "tidings.invalid");

  return g_string_free (out, FALSE);
}

/* A text/<subtype> part holding @text as UTF-8, quoted-printable. (Not
 * g_mime_text_part_set_text(), which would pick a charset itself.) */
static GMimeObject *
make_text_part (const char *subtype,
                GBytes     *text)
{
  g_autoptr(GMimeTextPart) part = g_mime_text_part_new_with_subtype (subtype);
  gsize length = 0;
  const char *data = g_bytes_get_data (text, &length);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, length);
  g_autoptr(GMimeDataWrapper) content =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (GMIME_PART (part), content);
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

  return GMIME_OBJECT (g_steal_pointer (&part));
}

/* An inline image part for the picture at @src, Content-ID @cid. */
static GMimeObject *
make_picture_part (const TdRenderContext *context,
                   const char            *src,
                   const char            *cid,
                   guint                  max_width,
                   GError               **error)
{
  /* The part's own name says its format: a photograph stored as PNG
   * travels as a JPEG. */
  TdPictureLimits limits = { 0, 0, FALSE };
  TdPictureResult result;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) picture = NULL;
  const guint8 *data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMimePart) part = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeDataWrapper) content = NULL;
  const char *mime_type;
  gsize length;

  if (!td_image_path_is_safe (src, &message))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Can’t attach the picture “%s”: %s"), src, message);
      return NULL;
    }
  if (context->base_dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Can’t attach the picture “%s”: the issue’s folder is not known"),
                   src);
      return NULL;
    }

  /* Derived: upright, without metadata, at most twice as wide as shown. */
  limits.max_width = max_width;
  picture = td_picture_derive (td_render_picture_dir (context, src), src, &limits, &result,
                               &local_error);
  if (picture == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Can’t attach the picture “%s”: %s"), src, local_error->message);
      return NULL;
    }
  mime_type = td_image_format_mime_type (result.format);
  data = g_bytes_get_data (picture, &length);

  part = g_mime_part_new_with_type ("image", strchr (mime_type, '/') + 1);
  stream = g_mime_stream_mem_new_with_buffer ((const char *) data, length);
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (part, content);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_INLINE);
  name = g_path_get_basename (src);
  if (strrchr (name, '.') != NULL
      && g_ascii_strcasecmp (strrchr (name, '.'), td_picture_format_extension (result.format)) != 0
      && !(result.format == TD_IMAGE_FORMAT_JPEG && g_ascii_strcasecmp (strrchr (name, '.'),
                                                                        ".jpeg") == 0))
    {
      g_autofree char *renamed = NULL;

      *strrchr (name, '.') = '\0';
      renamed = g_strconcat (name, td_picture_format_extension (result.format), NULL);
      g_free (name);
      name = g_steal_pointer (&renamed);
    }
  g_mime_part_set_filename (part, name);
  g_mime_part_set_content_id (part, cid);

  return GMIME_OBJECT (g_steal_pointer (&part));
}

/* Twice the widest that @html shows the picture cid:@cid (its <img>
 * width attributes), at most TD_PICTURE_EMAIL_WIDTH: the size to send. */
static guint
sent_width (GBytes     *html,
            const char *cid)
{
  g_autofree char *needle = g_strdup_printf ("src=\"cid:%s\"", cid);
  gsize size = 0;
  const char *data = g_bytes_get_data (html, &size);
  const char *end = data + size;
  guint widest = 0;

  for (const char *at = g_strstr_len (data, (gssize) size, needle); at != NULL;
       at = g_strstr_len (at + 1, end - at - 1, needle))
    {
      const char *close = memchr (at, '>', (size_t) (end - at));
      const char *width = g_strstr_len (at, close != NULL ? close - at : end - at, " width=\"");

      if (width != NULL)
        widest = MAX (widest, (guint) g_ascii_strtoull (width + 8, NULL, 10));
    }
  if (widest == 0 || widest * 2 > TD_PICTURE_EMAIL_WIDTH)
    return TD_PICTURE_EMAIL_WIDTH;
  return widest * 2;
}

/* multipart/related [ HTML, the pictures it shows ], or NULL with @error
 * set. */
static GMimeObject *
make_related (const TdRenderIssue  *issue,
              GBytes               *html,
              GMimeObject          *html_part,
              const char           *boundary,
              GChecksum            *checksum,
              GError              **error)
{
  g_autoptr(GMimeMultipart) related = g_mime_multipart_new_with_subtype ("related");

  g_mime_object_set_content_type_parameter (GMIME_OBJECT (related), "type", "text/html");
  g_mime_multipart_set_boundary (related, boundary);
  g_mime_multipart_add (related, html_part);

  for (guint i = 0; i < issue->pictures->len; i++)
    {
      const char *src = g_ptr_array_index (issue->pictures, i);
      g_autofree char *cid = td_render_image_cid (src);
      g_autoptr(GMimeObject) picture = NULL;

      picture = make_picture_part (issue->context, src, cid, sent_width (html, cid), error);
      if (picture == NULL)
        return NULL;
      g_checksum_update (checksum, (const guchar *) src, -1);
      g_mime_multipart_add (related, picture);
    }

  return GMIME_OBJECT (g_steal_pointer (&related));
}

/* The URL for List-Unsubscribe, or NULL: only a real http(s) or mailto URL,
 * never a merge tag (the mailing service sets its own header), percent-
 * encoded to ASCII, and short enough for one header line. */
static char *
list_unsubscribe_url (const TdRenderIssue *issue)
{
  const char *url;
  GString *out;

  /* A merge tag, whole or inside the URL, is filled in the body but not in
   * our header: the same rule that keeps it off the web page. */
  if (issue->unsubscribe == NULL || issue->unsubscribe_is_personal)
    return NULL;
  url = issue->unsubscribe->url;
  if (!(g_ascii_strncasecmp (url, "https:", 6) == 0
        || g_ascii_strncasecmp (url, "http:", 5) == 0
        || g_ascii_strncasecmp (url, "mailto:", 7) == 0))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = url; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"')
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, (char) c);
    }

  if (out->len + strlen ("List-Unsubscribe: <>") > MAX_LINE_OCTETS)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* The To addresses of @options: NULL when there are none, or (with @error
 * set) when they don't parse. */
static InternetAddressList *
make_to (const TdEmlOptions  *options,
         GError             **error)
{
  InternetAddressList *to;

  if (options->to == NULL || options->to[0] == '\0')
    return NULL;
  to = parse_mailboxes (options->to, 0);
  if (to == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The recipients “%s” are not plain email addresses"), options->to);
  return to;
}

/* Everything that makes the message what it is: the hash its Message-ID
 * and boundaries are made of. */
static GChecksum *
message_checksum (GBytes              *text,
                  GBytes              *html,
                  GDateTime           *date,
                  InternetAddress     *from,
                  InternetAddressList *to)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *date_string = g_date_time_format_iso8601 (date);
  g_autofree char *from_string = internet_address_to_string (from, NULL, FALSE);
  gsize length;
  const guchar *data;

  data = g_bytes_get_data (text, &length);
  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_update (checksum, (const guchar *) "", 1);
  data = g_bytes_get_data (html, &length);
  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) date_string, -1);
  g_checksum_update (checksum, (const guchar *) from_string, -1);
  if (to != NULL)
    {
      g_autofree char *to_string = internet_address_list_to_string (to, NULL, FALSE);

      g_checksum_update (checksum, (const guchar *) to_string, -1);
    }
  return checksum;
}

/* List-Unsubscribe, and List-Unsubscribe-Post for a one-click https URL
 * (RFC 8058), when the issue has a real unsubscribe URL. */
static void
set_list_unsubscribe (GMimeMessage        *message,
                      const TdRenderIssue *issue)
{
  g_autofree char *unsubscribe = list_unsubscribe_url (issue);
  g_autofree char *value = NULL;

  if (unsubscribe == NULL)
    return;
  value = g_strdup_printf ("<%s>", unsubscribe);
  g_mime_object_set_header (GMIME_OBJECT (message), "List-Unsubscribe", value, NULL);
  if (g_ascii_strncasecmp (unsubscribe, "https:", 6) == 0)
    g_mime_object_set_header (GMIME_OBJECT (message), "List-Unsubscribe-Post",
                              "List-Unsubscribe=One-Click", NULL);
}

/* The message as written to a file, lines ending in CRLF. */
static GBytes *
message_bytes (GMimeMessage *message)
{
  GByteArray *array = g_byte_array_new ();
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_byte_array (array);
  GMimeFormatOptions *format = g_mime_format_options_new ();

  /* The message is written once, into the array the bytes then take over:
   * no second copy of the whole message. */
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_mime_format_options_set_newline_format (format, GMIME_NEWLINE_FORMAT_DOS);
  g_mime_object_write_to_stream (GMIME_OBJECT (message), format, stream);
  g_mime_format_options_free (format);
  return g_byte_array_free_to_bytes (array);
}

/* multipart/alternative [ text/plain, text/html ], or with the HTML in a
 * multipart/related with the pictures it shows when they travel inside the
 * message (@use_cid). The pictures' paths join @checksum, which then names
 * the boundaries. */
static GMimeObject *
make_alternative (const TdRenderIssue  *resolved,
                  GBytes               *text,
                  GBytes               *html,
                  gboolean              use_cid,
                  GChecksum            *checksum,
                  GError              **error)
{
  g_autoptr(GMimeObject) html_part = make_text_part ("html", html);
  g_autoptr(GMimeObject) text_part = make_text_part ("plain", text);
  g_autoptr(GMimeObject) body = g_object_ref (html_part);
  g_autoptr(GMimeMultipart) alternative = NULL;
  g_autofree char *boundary = NULL;

  if (use_cid)
    {
      g_autoptr(GChecksum) names = g_checksum_copy (checksum);
      g_autofree char *related_boundary = NULL;

      /* Boundaries from the hash of the text: the parts' content can't
       * contain them anyway (see the top of the file). */
      related_boundary = g_strdup_printf ("=_tidings_related_%.24s",
                                          g_checksum_get_string (names));
      g_clear_object (&body);
      body = make_related (resolved, html, html_part, related_boundary, checksum, error);
      if (body == NULL)
        return NULL;
    }

  boundary = g_strdup_printf ("=_tidings_alternative_%.24s", g_checksum_get_string (checksum));
  alternative = g_mime_multipart_new_with_subtype ("alternative");
  g_mime_multipart_set_boundary (alternative, boundary);
  g_mime_multipart_add (alternative, text_part);
  g_mime_multipart_add (alternative, body);
  return GMIME_OBJECT (g_steal_pointer (&alternative));
}

GBytes *
_td_render_eml (const TdRenderContext  *context,
                GError                **error)
{
  const TdEmlOptions *options = &context->eml;
  TdRenderContext html_context = *context;
  g_autoptr(TdRenderIssue) resolved = NULL;
  g_autoptr(InternetAddress) from = NULL;
  g_autoptr(InternetAddressList) to = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (options->date);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  JsonObject *issue = td_render_get_issue (context);
  g_autoptr(GMimeObject) alternative = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *message_id = NULL;
  const char *subject;
  gboolean use_cid;
  gsize length;
  char *data;

  g_return_val_if_fail (context != NULL && context->root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gmime ();

  from = make_from (context, options, error);
  if (from == NULL)
    return NULL;
  to = make_to (options, error);
  if (to == NULL && options->to != NULL && options->to[0] != '\0')
    return NULL;
  if (date == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The date of the message is out of range"));
      return NULL;
    }

  /* The two renderings, of one resolution. Pictures travel inside the
   * message, unless asked to link them to the web version, which then must
   * have an address. */
  use_cid = !options->linked_images;
  if (!use_cid && td_json_get_string (issue, "public_base_url")[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The pictures can’t be linked: the issue has no web address "
                             "(public_base_url) to load them from"));
      return NULL;
    }
  html_context.text_page = FALSE;
  html_context.image_urls = use_cid ? TD_IMAGE_URL_CID : TD_IMAGE_URL_ABSOLUTE;
  resolved = _td_render_issue_new (&html_context, TD_RESOLVE_PICTURES | TD_RESOLVE_SIZES);
  data = _td_render_text (resolved, &length);
  text = g_bytes_new_take (data, length);
  data = _td_render_email (resolved, &length);
  html = g_bytes_new_take (data, length);

  checksum = message_checksum (text, html, date, from, to);
  alternative = make_alternative (resolved, text, html, use_cid, checksum, error);
  if (alternative == NULL)
    return NULL;
  domain = message_id_domain (options, from);
  message_id = g_strdup_printf ("%.32s@%s", g_checksum_get_string (checksum), domain);

  message = g_mime_message_new (TRUE);
  internet_address_list_add (g_mime_message_get_from (message), from);
  if (to != NULL)
    internet_address_list_append (g_mime_message_get_to (message), to);
  subject = td_json_get_string (issue, "subject");
  if (subject[0] == '\0')
    subject = td_json_get_string (issue, "title");
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_date (message, date);
  g_mime_message_set_message_id (message, message_id);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
  /* Outlook opens the file as a draft to send, not as a received message. */
  g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);
  set_list_unsubscribe (message, resolved);
  g_mime_message_set_mime_part (message, alternative);

  return message_bytes (message);
}
