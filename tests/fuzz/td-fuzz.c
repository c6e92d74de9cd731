/* td-fuzz.c: what the libFuzzer harnesses share */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* A critical warning is an API misused by Tidings itself: a finding. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  return 0;
}

char *
td_fuzz_text (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GString) bytes = g_string_sized_new (size);

  for (size_t i = 0; i < size; i++)
    if (data[i] != '\0')
      g_string_append_c (bytes, (char) data[i]);
  return g_utf8_make_valid (bytes->str, (gssize) bytes->len);
}

gboolean
td_fuzz_lines_fit (const char *text,
                   gsize       length,
                   gsize       max)
{
  gsize line = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n')
        line = 0;
      else if (++line > max)
        return FALSE;
    }
  return TRUE;
}

void
td_fuzz_check_diagnostics (const TdDiagnostics *diags)
{
  g_autofree char *report = td_diagnostics_format (diags, "fuzz.tidings");
  guint lines = 0;

  TD_FUZZ_CHECK (g_utf8_validate (report, -1, NULL));
  for (const char *p = report; *p != '\0'; p++)
    if (*p == '\n')
      lines++;
  TD_FUZZ_CHECK (lines == td_diagnostics_get_n_items (diags) +
                          (td_diagnostics_is_full (diags) ? 1 : 0));
}
