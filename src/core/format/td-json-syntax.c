/* td-json-syntax.c: an iterative RFC 8259 checker
 *
 * A small state machine over the bytes with an explicit stack (no recursion,
 * so nesting cannot exhaust the C stack), reporting the first mistake.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-json-syntax.h"

typedef enum
{
  EXPECT_VALUE,          /* a value must come (after ':' or ',' in an array, or at the root) */
  EXPECT_FIRST_VALUE,    /* just after '[': a value or ']' */
  EXPECT_FIRST_KEY,      /* just after '{': a key or '}' */
  EXPECT_KEY,            /* after ',' in an object */
  EXPECT_COLON,
  EXPECT_OBJECT_NEXT,    /* after a member's value: ',' or '}' */
  EXPECT_ARRAY_NEXT,     /* after an item: ',' or ']' */
  EXPECT_END,            /* after the root value: only whitespace */
} State;

typedef struct
{
  char kind;             /* '{' or '[' */
  gsize offset;          /* where it opened */
  GHashTable *keys;      /* for objects: the keys seen */
} Frame;

typedef struct
{
  const char *data;
  gsize length;
  gsize pos;
  TdDiagnostics *diags;
  GArray *stack;         /* of Frame */
  GArray *numbers;       /* of TdJsonSpan, or NULL */
} Scanner;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

static void
position (const Scanner *s,
          gsize          offset,
          guint         *line,
          guint         *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset && i < s->length; i++)
    {
      if (s->data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) s->data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean fail_at (Scanner    *s,
                         gsize       offset,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Scanner    *s,
         gsize       offset,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  position (s, offset, &line, &column);
  td_diagnostics_add_at (s->diags, TD_SEVERITY_ERROR, line, column, "%s", message);
  return FALSE;
}

/* The character at offset, for messages: "x", or a description. */
static char *
describe_char (const Scanner *s,
               gsize          offset)
{
  gunichar c = g_utf8_get_char_validated (s->data + offset, (gssize) (s->length - offset));
  char buffer[8] = { 0 };

  /* The loader passes valid UTF-8 only; a direct caller may not. */
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("0x%02X", (guchar) s->data[offset]);
  /* Controls and invisible characters (U+200B, U+FEFF …) by number. */
  if (!g_unichar_isgraph (c))
    return g_strdup_printf ("U+%04X", c);
  g_unichar_to_utf8 (c, buffer);
  return g_strdup_printf ("“%s”", buffer);
}

/* strchr() that does not take the terminating NUL for a member of set. */
static gboolean
is_one_of (const char *set,
           char        c)
{
  return c != '\0' && strchr (set, c) != NULL;
}

static gboolean
fail_truncated (Scanner *s)
{
  guint line, column;

  if (s->stack->len == 0)
    return fail_at (s, s->pos, _("the file ends where a value should be (it may be truncated)"));
  {
    Frame *frame = &g_array_index (s->stack, Frame, s->stack->len - 1);

    position (s, frame->offset, &line, &column);
    return fail_at (s, s->pos,
                    frame->kind == '{'
                    ? _("the file ends before the “}” that closes the object opened at %u:%u "
                        "(it may be truncated)")
                    : _("the file ends before the “]” that closes the list opened at %u:%u "
                        "(it may be truncated)"),
                    line, column);
  }
}

static gboolean
is_hex4 (const char *p,
         gsize       available,
         guint      *value)
{
  *value = 0;
  if (available < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *value = *value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* Reads the string at s->pos (on its opening quote); on success leaves
 * s->pos after the closing quote and, if decoded is not NULL, stores the
 * string's value there. */
static gboolean
read_string (Scanner  *s,
             GString  *decoded)
{
  gsize start = s->pos;

  s->pos++;
  while (s->pos < s->length)
    {
      guchar c = (guchar) s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (s, s->pos,
                        c == '\n'
                        ? _("a line break inside text: write it as \\n")
                        : _("a control character inside text: write it as an escape such "
                            "as \\t or \\u%04x"), c);
      if (c != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          s->pos++;
          continue;
        }

      /* An escape. */
      if (s->pos + 1 >= s->length)
        break;
      c = (guchar) s->data[s->pos + 1];
      if (is_one_of ("\"\\/bfnrt", (char) c))
        {
          static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

          if (decoded != NULL)
            g_string_append_c (decoded, to[strchr (from, c) - from]);
          s->pos += 2;
          continue;
        }
      if (c == 'u')
        {
          guint value, low;
          gsize escape = s->pos;

          if (!is_hex4 (s->data + s->pos + 2, s->length - s->pos - 2, &value))
            return fail_at (s, escape, _("\\u must be followed by four hexadecimal digits"));
          s->pos += 6;
          if (value == 0)
            return fail_at (s, escape, _("the escape \\u0000 (a NUL character) is not allowed"));
          if (value >= 0xdc00 && value <= 0xdfff)
            return fail_at (s, escape, _("\\u%04x is the second half of a surrogate pair, "
                                         "without a first half"), value);
          if (value >= 0xd800 && value <= 0xdbff)
            {
              if (s->pos + 1 >= s->length || s->data[s->pos] != '\\' ||
                  s->data[s->pos + 1] != 'u' ||
                  !is_hex4 (s->data + s->pos + 2, s->length - s->pos - 2, &low) ||
                  low < 0xdc00 || low > 0xdfff)
                return fail_at (s, escape, _("\\u%04x is half of a surrogate pair; the other "
                                             "half is missing"), value);
              s->pos += 6;
              value = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
            }
          if (decoded != NULL)
            g_string_append_unichar (decoded, value);
          continue;
        }
      return fail_at (s, s->pos, _("“\\%c” is not a valid escape in text (use \\\\ for a "
                                   "backslash)"), c);
    }
  s->pos = s->length;
  {
    guint line, column;

    position (s, start, &line, &column);
    return fail_at (s, s->pos, _("the file ends inside the text that starts at %u:%u "
                                 "(it may be truncated)"), line, column);
  }
}

/* The number at d[start], as RFC 8259 writes it: sets *end after it and
 * returns whether it is one (with nothing glued to it, as in "0x10"). */
static gboolean
scan_number (const char *d,
             gsize       length,
             gsize       start,
             gsize      *end)
{
  gsize p = start;
  gboolean ok = TRUE;

  if (p < length && d[p] == '-')
    p++;
  if (p < length && d[p] == '0')
    {
      p++;
      if (p < length && g_ascii_isdigit (d[p]))
        ok = FALSE;
    }
  else if (p < length && g_ascii_isdigit (d[p]))
    while (p < length && g_ascii_isdigit (d[p]))
      p++;
  else
    ok = FALSE;
  if (ok && p < length && d[p] == '.')
    {
      p++;
      if (p >= length || !g_ascii_isdigit (d[p]))
        ok = FALSE;
      while (p < length && g_ascii_isdigit (d[p]))
        p++;
    }
  if (ok && p < length && (d[p] == 'e' || d[p] == 'E'))
    {
      p++;
      if (p < length && (d[p] == '+' || d[p] == '-'))
        p++;
      if (p >= length || !g_ascii_isdigit (d[p]))
        ok = FALSE;
      while (p < length && g_ascii_isdigit (d[p]))
        p++;
    }
  /* Whatever word follows belongs to the mistake: "0x10", "1.", "01". */
  if (ok && p < length && (g_ascii_isalnum (d[p]) || d[p] == '.'))
    ok = FALSE;
  *end = p;
  return ok;
}

static gboolean
read_number (Scanner *s)
{
  gsize start = s->pos, end;
  const char *d = s->data;

  if (!scan_number (d, s->length, start, &end))
    {
      while (end < s->length && (g_ascii_isalnum (d[end]) || is_one_of (".+-", d[end])))
        end++;
      return fail_at (s, start, _("“%.*s” is not a JSON number"), (int) MIN (end - start, 40),
                      d + start);
    }
  if (s->numbers != NULL)
    {
      TdJsonSpan span = { start, end - start };

      g_array_append_val (s->numbers, span);
    }
  s->pos = end;
  return TRUE;
}

static gboolean
read_literal (Scanner *s)
{
  static const char *const literals[] = { "true", "false", "null" };
  gsize end = s->pos;

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if (s->length - s->pos >= len && strncmp (s->data + s->pos, literals[i], len) == 0 &&
          (s->pos + len >= s->length || !g_ascii_isalnum (s->data[s->pos + len])))
        {
          s->pos += len;
          return TRUE;
        }
    }
  while (end < s->length && g_ascii_isalnum (s->data[end]) && end - s->pos < 40)
    end++;
  return fail_at (s, s->pos, _("“%.*s” is not a JSON value: text must be in double quotes"),
                  (int) (end - s->pos), s->data + s->pos);
}


static gboolean
is_whitespace (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the whole input is whitespace. The input is not NUL-terminated:
 * only its length says where it ends. */
static gboolean
is_blank (const Scanner *s)
{
  for (gsize i = 0; i < s->length; i++)
    if (!is_whitespace (s->data[i]))
      return FALSE;
  return TRUE;
}

/* A character where none of the expected ones came. */
static gboolean
fail_unexpected (Scanner    *s,
                 State       state)
{
  char c = s->data[s->pos];
  g_autofree char *what = describe_char (s, s->pos);

  if (c == '/' || c == '#')
    return fail_at (s, s->pos, _("comments are not allowed in JSON"));
  if (c == '\'')
    return fail_at (s, s->pos, _("text and keys must be in double quotes (\"), not single "
                                 "quotes"));

  switch (state)
    {
    case EXPECT_VALUE:
    case EXPECT_FIRST_VALUE:
      return fail_at (s, s->pos, _("unexpected %s: a value should come here"), what);
    case EXPECT_FIRST_KEY:
    case EXPECT_KEY:
      return fail_at (s, s->pos, _("unexpected %s: a key in double quotes should come here"),
                      what);
    case EXPECT_COLON:
      return fail_at (s, s->pos, _("unexpected %s: a “:” should follow the key"), what);
    case EXPECT_OBJECT_NEXT:
      if (c == '"')
        return fail_at (s, s->pos, _("a “,” is missing before this member"));
      return fail_at (s, s->pos, _("unexpected %s: a “,” or the closing “}” should come here"),
                      what);
    case EXPECT_ARRAY_NEXT:
      if (is_one_of ("\"{[-0123456789tfn", c))
        return fail_at (s, s->pos, _("a “,” is missing before this item"));
      return fail_at (s, s->pos, _("unexpected %s: a “,” or the closing “]” should come here"),
                      what);
    case EXPECT_END:
    default:
      return fail_at (s, s->pos, _("unexpected %s after the end of the document: a file holds "
                                   "one JSON object"), what);
    }
}

static void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->length && is_whitespace (s->data[s->pos]))
    s->pos++;
}

static State
state_after_value (Scanner *s)
{
  if (s->stack->len == 0)
    return EXPECT_END;
  return g_array_index (s->stack, Frame, s->stack->len - 1).kind == '{'
         ? EXPECT_OBJECT_NEXT : EXPECT_ARRAY_NEXT;
}

static gboolean
scan (Scanner *s,
      guint    max_depth)
{
  State state = EXPECT_VALUE;
  gsize last_comma = 0;

  for (;;)
    {
      char c;

      skip_whitespace (s);
      if (s->pos >= s->length)
        {
          if (state == EXPECT_END)
            return TRUE;
          if (state == EXPECT_VALUE && s->stack->len == 0 && s->pos == 0)
            return fail_at (s, 0, _("the file is empty; a Tidings issue is a JSON object"));
          if (s->pos > 0 && is_blank (s))
            return fail_at (s, s->pos, _("the file holds only blank space; a Tidings issue "
                                         "is a JSON object"));
          return fail_truncated (s);
        }
      c = s->data[s->pos];

      switch (state)
        {
        case EXPECT_FIRST_KEY:
        case EXPECT_KEY:
          if (c == '}' && state == EXPECT_KEY)
            return fail_at (s, last_comma, _("a “,” before the closing “}” is not allowed: "
                                             "remove it"));
          if (c == '}')
            {
              g_array_set_size (s->stack, s->stack->len - 1);
              s->pos++;
              state = state_after_value (s);
              break;
            }
          if (c != '"')
            return fail_unexpected (s, state);
          {
            g_autoptr(GString) key = g_string_new (NULL);
            gsize key_offset = s->pos;
            Frame *frame;

            if (!read_string (s, key))
              return FALSE;
            frame = &g_array_index (s->stack, Frame, s->stack->len - 1);
            if (!g_hash_table_add (frame->keys, g_strdup (key->str)))
              return fail_at (s, key_offset, _("duplicate key “%s”: each key may appear once "
                                               "in an object"), key->str);
          }
          state = EXPECT_COLON;
          break;

        case EXPECT_COLON:
          if (c != ':')
            return fail_unexpected (s, state);
          s->pos++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_VALUE:
        case EXPECT_FIRST_VALUE:
          if (c == ']' && state == EXPECT_FIRST_VALUE)
            {
              g_array_set_size (s->stack, s->stack->len - 1);
              s->pos++;
              state = state_after_value (s);
              break;
            }
          if (c == ']' && s->stack->len > 0 &&
              g_array_index (s->stack, Frame, s->stack->len - 1).kind == '[')
            return fail_at (s, last_comma, _("a “,” before the closing “]” is not allowed: "
                                             "remove it"));
          if (c == '{' || c == '[')
            {
              Frame frame = { c, s->pos, NULL };

              if (s->stack->len >= max_depth)
                return fail_at (s, s->pos, _("nested too deeply (more than %u levels)"),
                                max_depth);
              if (c == '{')
                frame.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_array_append_val (s->stack, frame);
              s->pos++;
              state = c == '{' ? EXPECT_FIRST_KEY : EXPECT_FIRST_VALUE;
              break;
            }
          if (c == '"')
            {
              if (!read_string (s, NULL))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c) || c == '.')
            {
              if (!read_number (s))
                return FALSE;
            }
          else if (g_ascii_isalpha (c))
            {
              if (!read_literal (s))
                return FALSE;
            }
          else
            return fail_unexpected (s, state);
          state = state_after_value (s);
          break;

        case EXPECT_OBJECT_NEXT:
        case EXPECT_ARRAY_NEXT:
          if (c == ',')
            {
              last_comma = s->pos;
              s->pos++;
              state = state == EXPECT_OBJECT_NEXT ? EXPECT_KEY : EXPECT_VALUE;
              break;
            }
          if ((c == '}' && state == EXPECT_OBJECT_NEXT) || (c == ']' && state == EXPECT_ARRAY_NEXT))
            {
              g_array_set_size (s->stack, s->stack->len - 1);
              s->pos++;
              state = state_after_value (s);
              break;
            }
          return fail_unexpected (s, state);

        case EXPECT_END:
        default:
          return fail_unexpected (s, state);
        }
    }
}

gboolean
td_json_syntax_is_number (const char *text,
                          gsize       length)
{
  gsize end;

  return scan_number (text, length, 0, &end) && end == length;
}

gboolean
td_json_syntax_check (const char    *data,
                      gsize          length,
                      guint          max_depth,
                      GArray        *numbers,
                      TdDiagnostics *diags)
{
  Scanner s = { data, length, 0, diags, NULL, numbers };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  s.stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (s.stack, frame_clear);
  ok = scan (&s, max_depth);
  g_array_unref (s.stack);
  return ok;
}
