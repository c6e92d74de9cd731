/* fuzz-json-syntax.c: the strict JSON check, on any bytes
 *
 * Properties: it never reads past the input (ASan), reports an error exactly
 * when it refuses, every number span it records is a number; and what it
 * accepts (as valid UTF-8 without NUL, as the loader passes it) json-glib
 * parses too, with the same numbers, so the loader never falls back on
 * json-glib's vaguer errors.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "td-fuzz.h"
#include "td-issue-loader.h"
#include "td-json-number.h"
#include "td-json-syntax.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (TdJsonSpan));
  gboolean ok;

  ok = td_json_syntax_check (text, size, TD_ISSUE_MAX_DEPTH, numbers, diags);
  TD_FUZZ_CHECK (ok != td_diagnostics_has_errors (diags));
  TD_FUZZ_CHECK (ok || td_diagnostics_get_n_items (diags) == 1);
  td_fuzz_check_diagnostics (diags);

  for (guint i = 0; i < numbers->len; i++)
    {
      const TdJsonSpan *span = &g_array_index (numbers, TdJsonSpan, i);

      TD_FUZZ_CHECK (span->offset + span->length <= size);
      TD_FUZZ_CHECK (td_json_syntax_is_number (text + span->offset, span->length));
    }

  if (ok && g_utf8_validate_len (text, size, NULL))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) root = NULL;

      TD_FUZZ_CHECK (json_parser_load_from_data (parser, text, (gssize) size, NULL));
      root = json_parser_steal_root (parser);
      TD_FUZZ_CHECK (root != NULL);
      TD_FUZZ_CHECK (td_json_number_keep_text (root, text, numbers));
    }
  return 0;
}
