/* td-diagnostic.c: a list of located errors and warnings */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-diagnostic.h"

/* A hostile file can produce an error per element; past this many the list
 * says no more, so reports stay readable and memory stays bounded. */
#define MAX_DIAGNOSTICS 100

struct _TdDiagnostics
{
  GArray *items;   /* of TdDiagnostic */
};

static void
diagnostic_clear (gpointer data)
{
  TdDiagnostic *diag = data;

  g_clear_pointer (&diag->path, g_free);
  g_clear_pointer (&diag->message, g_free);
  g_clear_pointer (&diag->code, g_free);
  g_clear_pointer (&diag->occurrence, g_free);
}

TdDiagnostics *
td_diagnostics_new (void)
{
  TdDiagnostics *diags = g_new0 (TdDiagnostics, 1);

  diags->items = g_array_new (FALSE, TRUE, sizeof (TdDiagnostic));
  g_array_set_clear_func (diags->items, diagnostic_clear);
  return diags;
}

void
td_diagnostics_free (TdDiagnostics *diags)
{
  if (diags == NULL)
    return;
  g_array_unref (diags->items);
  g_free (diags);
}

gboolean
td_diagnostics_is_full (const TdDiagnostics *diags)
{
  return diags->items->len >= MAX_DIAGNOSTICS;
}

/* Messages and paths quote text from the file. Its control characters
 * (and anything not UTF-8) are written as escapes, so that printed to a
 * terminal they cannot act on it (ESC sequences) or fake another
 * diagnostic (a line break), and shown in a dialog they are visible. */
static char *
printable (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static void
append (TdDiagnostics *diags,
        TdSeverity     severity,
        const char    *path,
        guint          line,
        guint          column,
        char          *message)
{
  TdDiagnostic diag = { severity, NULL, line, column, NULL, NULL, NULL };

  if (td_diagnostics_is_full (diags))
    {
      g_free (message);
      return;
    }
  diag.path = printable (path);
  diag.message = printable (message);
  g_free (message);
  g_array_append_val (diags->items, diag);
}

void
td_diagnostics_add (TdDiagnostics *diags,
                    TdSeverity     severity,
                    const char    *path,
                    const char    *format,
                    ...)
{
  va_list args;
  char *message;

  g_return_if_fail (diags != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  append (diags, severity, path, 0, 0, message);
}

void
td_diagnostics_add_finding (TdDiagnostics *diags,
                            TdSeverity     severity,
                            const char    *path,
                            const char    *code,
                            const char    *occurrence,
                            const char    *message)
{
  TdDiagnostic *diag;

  g_return_if_fail (diags != NULL);
  g_return_if_fail (code != NULL && message != NULL);

  if (td_diagnostics_is_full (diags))
    return;
  append (diags, severity, path, 0, 0, g_strdup (message));
  diag = &g_array_index (diags->items, TdDiagnostic, diags->items->len - 1);
  diag->code = g_strdup (code);
  diag->occurrence = g_strdup (occurrence);
}

void
td_diagnostics_add_at (TdDiagnostics *diags,
                       TdSeverity     severity,
                       guint          line,
                       guint          column,
                       const char    *format,
                       ...)
{
  va_list args;
  char *message;

  g_return_if_fail (diags != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  append (diags, severity, NULL, line, column, message);
}

guint
td_diagnostics_get_n_items (const TdDiagnostics *diags)
{
  return diags->items->len;
}

const TdDiagnostic *
td_diagnostics_get_item (const TdDiagnostics *diags,
                         guint                index)
{
  g_return_val_if_fail (index < diags->items->len, NULL);
  return &g_array_index (diags->items, TdDiagnostic, index);
}

guint
td_diagnostics_count (const TdDiagnostics *diags,
                      TdSeverity           severity)
{
  guint n = 0;

  for (guint i = 0; i < diags->items->len; i++)
    if (g_array_index (diags->items, TdDiagnostic, i).severity == severity)
      n++;
  return n;
}

gboolean
td_diagnostics_has_errors (const TdDiagnostics *diags)
{
  return td_diagnostics_count (diags, TD_SEVERITY_ERROR) > 0;
}

/* "FILE:LINE:COL: error: message" or "FILE: error: path: message", the
 * format compilers use so editors and terminals can jump to the place; a
 * pre-send check's finding ends with its code, " [health-claim]". */
char *
td_diagnostic_format (const TdDiagnostic *diag,
                      const char         *file_name)
{
  GString *out = g_string_new (file_name);
  /* Kept untranslated: tools parse the severity word. */
  const char *severity = diag->severity == TD_SEVERITY_ERROR ? "error" : "warning";

  if (diag->line > 0)
    g_string_append_printf (out, ":%u:%u", diag->line, diag->column);
  g_string_append_printf (out, ": %s: ", severity);
  if (diag->path != NULL && diag->path[0] != '\0')
    g_string_append_printf (out, "%s: ", diag->path);
  g_string_append (out, diag->message);
  if (diag->code != NULL)
    g_string_append_printf (out, " [%s]", diag->code);
  return g_string_free (out, FALSE);
}

char *
td_diagnostics_format (const TdDiagnostics *diags,
                       const char          *file_name)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diags->items->len; i++)
    {
      g_autofree char *line = td_diagnostic_format (td_diagnostics_get_item (diags, i), file_name);

      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  if (td_diagnostics_is_full (diags))
    g_string_append_printf (out, "%s: %s\n", file_name,
                            _("note: too many problems; only the first ones are listed"));
  return g_string_free (out, FALSE);
}
