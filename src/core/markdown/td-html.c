/* td-html.c: HTML escaping, URL checks and plain-text wrapping.
 *
 * Everything here works on bytes of a NUL-terminated string and never reads
 * past the terminator, even when the input is not valid UTF-8.
 */
#include "config.h"

#include <string.h>

#include "td-html.h"

/* Schemes a newsletter may link to (EMAIL.md: no javascript:, data:, file:). */
static const char * const safe_schemes[] = { "http", "https", "mailto", "tel", "sms" };

/* U+0080..U+009F are encoded in UTF-8 as C2 80..C2 9F. */
static inline gboolean
is_c1_control (const char *p,
               gsize       avail)
{
  return avail >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F;
}

static inline gboolean
is_dropped_control (guchar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
}

static const char *
entity_for (char c)
{
  switch (c)
    {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

/* Escapes @len bytes of @text; appends unchanged runs in one go. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  gsize run = 0;
  gsize i = 0;

  while (i < len)
    {
      const char *entity = entity_for (text[i]);
      gsize skip = 0;

      if (entity == NULL && is_dropped_control ((guchar) text[i]))
        skip = 1;
      else if (entity == NULL && is_c1_control (text + i, len - i))
        skip = 2;

      if (entity == NULL && skip == 0)
        {
          i++;
          continue;
        }

      g_string_append_len (out, text + run, i - run);
      if (entity != NULL)
        {
          g_string_append (out, entity);
          skip = 1;
        }
      i += skip;
      run = i;
    }

  g_string_append_len (out, text + run, len - run);
}

void
td_html_append_text (GString    *out,
                     const char *text)
{
  g_return_if_fail (out != NULL);

  if (text != NULL)
    append_escaped (out, text, strlen (text));
}

void
td_html_append_attr (GString    *out,
                     const char *value)
{
  td_html_append_text (out, value);
}

char *
td_html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  td_html_append_text (out, text);

  return g_string_free (out, FALSE);
}

/* Merge tags are short; the bound keeps scanning a hostile URL such as
 * "{{{{{{..." linear instead of quadratic. */
#define MAX_MERGE_TAG_BYTES 256

/* Length of the span from @p up to and including @close, which must come
 * after at least one byte of tag body starting at @inner; 0 if there is no
 * such span within MAX_MERGE_TAG_BYTES or the body holds control characters. */
static gsize
delimited_length (const char *p,
                  const char *inner,
                  const char *close)
{
  gsize close_len = strlen (close);

  if (*inner == '\0')
    return 0;

  for (const char *q = inner + 1; *q != '\0' && (gsize) (q - p) < MAX_MERGE_TAG_BYTES; q++)
    {
      if (is_dropped_control ((guchar) q[-1]) || q[-1] == '\n' || q[-1] == '\t')
        return 0;
      if (*q == *close && strncmp (q, close, close_len) == 0)
        return (gsize) (q - p) + close_len;
    }

  return 0;
}

/* Length of the merge tag starting at @p, or 0. The [tag] form is only
 * accepted as a whole value (@whole): inside a URL brackets are ordinary
 * reserved characters, e.g. an IPv6 host. */
static gsize
merge_tag_length (const char *p,
                  gboolean    whole)
{
  gsize n;

  /* Called at every byte of a URL, where most bytes open no tag: one
   * comparison instead of four prefix calls. */
  if (*p != '*' && *p != '%' && *p != '{' && *p != '[')
    return 0;

  if (g_str_has_prefix (p, "*|"))
    return delimited_length (p, p + 2, "|*");

  if (g_str_has_prefix (p, "%%"))
    return delimited_length (p, p + 2, "%%");

  if (g_str_has_prefix (p, "{$"))
    return delimited_length (p, p + 2, "}");

  if (g_str_has_prefix (p, "{{"))
    {
      /* SendGrid's raw form {{{tag}}} ends in three braces. */
      n = delimited_length (p, p + 2, "}}");
      while (n > 0 && p[n] == '}')
        n++;
      return n;
    }

  if (whole && *p == '[')
    return delimited_length (p, p + 1, "]");

  return 0;
}

gboolean
td_url_is_merge_tag (const char *value)
{
  if (value == NULL || *value == '\0')
    return FALSE;

  return merge_tag_length (value, TRUE) == strlen (value);
}

/* FALSE if @url holds control characters (C0, DEL, C1) or spaces outside
 * merge tags. Browsers silently strip tabs and newlines from URLs, which
 * is how "java\tscript:" sneaks past naive checks. */
static gboolean
has_only_url_characters (const char *url)
{
  const char *p = url;

  while (*p != '\0')
    {
      gsize tag = merge_tag_length (p, FALSE);

      if (tag > 0)
        {
          p += tag;
          continue;
        }

      if ((guchar) *p <= 0x20 || (guchar) *p == 0x7F || is_c1_control (p, 2))
        return FALSE;

      p++;
    }

  return TRUE;
}

/* Length of the scheme of @url (the part before the ':'), or -1 when the
 * reference has no scheme: no ':' before the first '/', '?' or '#'. */
static gssize
scheme_length (const char *url)
{
  gsize n = strcspn (url, ":/?#");

  return url[n] == ':' ? (gssize) n : -1;
}

static gboolean
scheme_is_safe (const char *url,
                gsize       len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (safe_schemes); i++)
    {
      if (strlen (safe_schemes[i]) == len && g_ascii_strncasecmp (url, safe_schemes[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
td_url_is_safe (const char *url)
{
  gssize len;

  if (url == NULL || *url == '\0')
    return FALSE;

  /* Every merge tag form starts with a character that cannot begin a
   * scheme, so browsers would take it as relative; the mailing service
   * replaces it before anyone clicks. */
  if (td_url_is_merge_tag (url))
    return TRUE;

  if (!has_only_url_characters (url))
    return FALSE;

  len = scheme_length (url);
  if (len < 0)
    return TRUE;

  return scheme_is_safe (url, (gsize) len);
}

gboolean
td_url_is_safe_absolute (const char *url)
{
  return td_url_is_safe (url) && !td_url_is_merge_tag (url) && scheme_length (url) > 0;
}

/* RFC 3986 unreserved and reserved characters: kept as they are. */
static gboolean
is_url_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~:/?#[]@!$&'()*+,;=", c) != NULL);
}

void
td_html_append_url (GString    *out,
                    const char *url)
{
  const char *p;

  g_return_if_fail (out != NULL);

  if (url == NULL)
    return;

  if (td_url_is_merge_tag (url))
    {
      td_html_append_attr (out, url);
      return;
    }

  p = url;
  while (*p != '\0')
    {
      gsize tag = merge_tag_length (p, FALSE);

      if (tag > 0)
        {
          append_escaped (out, p, tag);
          p += tag;
        }
      else if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_len (out, p, 3);
          p += 3;
        }
      else if (is_url_char (*p))
        {
          append_escaped (out, p, 1);
          p++;
        }
      else
        {
          g_string_append_printf (out, "%%%02X", (guchar) *p);
          p++;
        }
    }
}

/* Whitespace a line may break at. The no-break spaces are deliberately
 * not included: authors use them to keep things together. */
static gboolean
is_break_space (gunichar c)
{
  switch (c)
    {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      return TRUE;
    case 0x00A0: case 0x2007: case 0x202F:
      return FALSE;
    default:
      break;
    }

  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_ideograph (gunichar c)
{
  return g_unichar_break_type (c) == G_UNICODE_BREAK_IDEOGRAPHIC;
}

gboolean
td_text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

guint
td_text_width (const char *text,
               gssize      len)
{
  g_autofree char *valid = NULL;
  const char *end;
  guint width = 0;

  if (text == NULL)
    return 0;

  if (len < 0)
    len = (gssize) strlen (text);
  if (!g_utf8_validate_len (text, (gsize) len, NULL))
    {
      text = valid = g_utf8_make_valid (text, len);
      len = (gssize) strlen (valid);
    }

  end = text + len;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Finds the next word at *@pos. @glued is set when no whitespace separates
 * it from the previous one (a break between two ideographs). */
static gboolean
next_word (const char **pos,
           const char **start,
           gsize       *len,
           gboolean    *glued)
{
  const char *p = *pos;
  gunichar prev = 0;

  *glued = TRUE;
  while (*p != '\0' && is_break_space (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      *glued = FALSE;
    }

  if (*p == '\0')
    return FALSE;

  *start = p;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (is_break_space (c) || (p != *start && is_ideograph (prev) && is_ideograph (c)))
        break;
      prev = c;
      p = g_utf8_next_char (p);
    }

  *len = (gsize) (p - *start);
  *pos = p;

  return TRUE;
}

void
td_text_wrap_append (GString    *out,
                     const char *text,
                     guint       width,
                     const char *indent)
{
  g_autofree char *valid = NULL;
  const char *p;
  const char *word;
  gsize word_len;
  gboolean glued;
  gboolean line_open = FALSE;
  guint indent_width;
  guint col = 0;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;

  /* g_utf8_next_char() could step over the terminator of a broken sequence. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (indent == NULL || !g_utf8_validate (indent, -1, NULL))
    indent = "";

  indent_width = td_text_width (indent, -1);
  p = text;

  while (next_word (&p, &word, &word_len, &glued))
    {
      guint w = td_text_width (word, (gssize) word_len);
      guint sep = glued ? 0 : 1;

      if (!line_open || (width > 0 && col + sep + w > width))
        {
          if (line_open)
            g_string_append_c (out, '\n');
          g_string_append (out, indent);
          col = indent_width;
          line_open = TRUE;
        }
      else if (sep > 0)
        {
          g_string_append_c (out, ' ');
          col++;
        }

      g_string_append_len (out, word, word_len);
      col += w;
    }

  if (line_open)
    g_string_append_c (out, '\n');
}

/* Scripts written right to left (their letters are strong RTL characters
 * in Unicode's bidirectional algorithm). */
static gboolean
script_is_rtl (GUnicodeScript script)
{
  switch (script)
    {
    case G_UNICODE_SCRIPT_ARABIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_SYRIAC:
    case G_UNICODE_SCRIPT_THAANA:
    case G_UNICODE_SCRIPT_NKO:
    case G_UNICODE_SCRIPT_SAMARITAN:
    case G_UNICODE_SCRIPT_MANDAIC:
    case G_UNICODE_SCRIPT_ADLAM:
    case G_UNICODE_SCRIPT_HANIFI_ROHINGYA:
    case G_UNICODE_SCRIPT_YEZIDI:
    case G_UNICODE_SCRIPT_OLD_HUNGARIAN:
    case G_UNICODE_SCRIPT_MENDE_KIKAKUI:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
td_text_reads_other_way (const char *text,
                         gboolean    rtl)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (c < 0x80)
        {
          if (rtl && g_ascii_isalpha ((char) c))
            return TRUE;
          continue;
        }
      if (!g_unichar_isalpha (c))
        continue;
      script = g_unichar_get_script (c);
      if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED)
        continue;
      if (script_is_rtl (script) != rtl)
        return TRUE;
    }
  return FALSE;
}
