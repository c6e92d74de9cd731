/* td-html-writer.c: HTML written in lines short enough for email */

#include "config.h"

#include <string.h>

#include "td-html.h"
#include "td-html-writer.h"

void
td_html_writer_init (TdHtmlWriter *w,
                     GString      *out)
{
  g_return_if_fail (out != NULL);

  w->out = out;
  w->scratch = g_string_new (NULL);
  w->col = 0;
  w->rtl = FALSE;
}

void
td_html_writer_clear (TdHtmlWriter *w)
{
  if (w->scratch != NULL)
    g_string_free (g_steal_pointer (&w->scratch), TRUE);
  w->out = NULL;
}

void
td_html_put_len (TdHtmlWriter *w,
                 const char   *markup,
                 gsize         len)
{
  const char *newline = memrchr (markup, '\n', len);

  g_string_append_len (w->out, markup, len);
  w->col = newline != NULL ? (gsize) (markup + len - newline - 1) : w->col + len;
}

void
td_html_put (TdHtmlWriter *w,
             const char   *markup)
{
  td_html_put_len (w, markup, strlen (markup));
}

void
td_html_putf (TdHtmlWriter *w,
              const char   *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_string_vprintf (w->scratch, format, args);
  va_end (args);
  td_html_put_len (w, w->scratch->str, w->scratch->len);
}

void
td_html_put_attrs (TdHtmlWriter *w,
                   const char   *format,
                   ...)
{
  va_list args;
  g_autofree char *attrs = NULL;
  const char *start;

  va_start (args, format);
  attrs = g_strdup_vprintf (format, args);
  va_end (args);
  g_return_if_fail (attrs[0] == ' ');

  /* The space that separates them from the tag becomes the line break. */
  start = attrs;
  if (w->col + strlen (attrs) > TD_HTML_SOFT_LINE_LIMIT)
    {
      td_html_put (w, "\n");
      start++;
    }
  td_html_put (w, start);
}

void
td_html_newline (TdHtmlWriter *w)
{
  if (w->col > 0)
    td_html_put (w, "\n");
}

void
td_html_end_tag (TdHtmlWriter *w)
{
  td_html_put (w, w->col >= TD_HTML_HARD_LINE_LIMIT ? "\n>" : ">");
}

/* Appends @len bytes of already escaped @s, breaking long lines (see the
 * header). Unchanged runs are appended in one go. */
static void
flow (TdHtmlWriter *w,
      const char   *s,
      gsize         len,
      TdHtmlFlow    mode)
{
  gboolean in_entity = FALSE;
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];
      gboolean soft_break = c == ' ' && mode == TD_HTML_FLOW_TEXT &&
                            w->col >= TD_HTML_SOFT_LINE_LIMIT;
      gboolean hard_break = w->col >= TD_HTML_HARD_LINE_LIMIT && !in_entity &&
                            ((guchar) c & 0xC0) != 0x80 && c != '\n';

      if (soft_break || hard_break)
        {
          gboolean bare = soft_break || mode == TD_HTML_FLOW_UNPARSED;

          g_string_append_len (w->out, s + run, i - run);
          g_string_append (w->out, bare ? "\n" : "<wbr\n>");
          w->col = bare ? 0 : 1;
          /* A space that became a newline is not written. */
          run = soft_break ? i + 1 : i;
          if (soft_break)
            continue;
        }

      if (c == '&')
        in_entity = TRUE;
      else if (c == ';')
        in_entity = FALSE;
      w->col = c == '\n' ? 0 : w->col + 1;
    }
  g_string_append_len (w->out, s + run, len - run);
}

void
td_html_text_as (TdHtmlWriter *w,
                 const char   *text,
                 TdHtmlFlow    flow_mode)
{
  g_string_truncate (w->scratch, 0);
  td_html_append_text (w->scratch, text);
  flow (w, w->scratch->str, w->scratch->len, flow_mode);
}

void
td_html_text (TdHtmlWriter *w,
              const char   *text)
{
  td_html_text_as (w, text, TD_HTML_FLOW_TEXT);
}

void
td_html_text_in (TdHtmlWriter *w,
                 const char   *open,
                 const char   *text,
                 gboolean      lines,
                 const char   *close)
{
  if (text == NULL || text[0] == '\0')
    return;
  td_html_put (w, open);
  if (lines)
    td_html_text_lines (w, text);
  else
    td_html_text (w, text);
  td_html_put (w, close);
}

void
td_html_text_lines (TdHtmlWriter *w,
                    const char   *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        td_html_put (w, "<br>\n");
      td_html_text (w, lines[i]);
    }
}

static void
attr_value (TdHtmlWriter *w,
            const char   *name,
            const char   *value,
            gboolean      is_url)
{
  g_string_truncate (w->scratch, 0);
  if (is_url)
    td_html_append_url (w->scratch, value);
  else
    td_html_append_attr (w->scratch, value);

  td_html_put (w, w->col + strlen (name) + w->scratch->len + 4 > TD_HTML_SOFT_LINE_LIMIT
                  ? "\n" : " ");
  td_html_put (w, name);
  td_html_put (w, "=\"");
  flow (w, w->scratch->str, w->scratch->len, TD_HTML_FLOW_UNPARSED);
  td_html_put (w, "\"");
}

void
td_html_attr (TdHtmlWriter *w,
              const char   *name,
              const char   *value)
{
  attr_value (w, name, value, FALSE);
}

void
td_html_attr_url (TdHtmlWriter *w,
                  const char   *name,
                  const char   *url)
{
  attr_value (w, name, url, TRUE);
}
