/* fuzz-load.c: the loader, and saving what it loaded
 *
 * Properties: it never crashes; it returns an issue exactly when it reports
 * no error; and on what it loads, saving is an identity after one round:
 * load, write, load, write gives the same bytes twice, the second load
 * succeeds and holds the same document.
 */

#include "config.h"

#include <string.h>

#include "td-fuzz.h"
#include "td-issue-loader.h"
#include "td-json-writer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDiagnostics) diags2 = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  g_autoptr(TdLoadedIssue) reloaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0, second_length = 0;

  loaded = td_issue_load_from_data ((const char *) data, size, NULL, diags);
  TD_FUZZ_CHECK ((loaded == NULL) == td_diagnostics_has_errors (diags));
  td_fuzz_check_diagnostics (diags);
  if (loaded == NULL)
    return 0;

  first = td_json_write_issue (loaded->root, &first_length);
  TD_FUZZ_CHECK (g_utf8_validate (first, (gssize) first_length, NULL));
  reloaded = td_issue_load_from_data (first, first_length, NULL, diags2);
  if (reloaded == NULL)
    {
      g_autofree char *why = td_diagnostics_format (diags2, "written.tidings");

      g_printerr ("what was written does not load again:\n%s%s\n", why, first);
    }
  TD_FUZZ_CHECK (reloaded != NULL);
  TD_FUZZ_CHECK (json_node_equal (loaded->root, reloaded->root));
  second = td_json_write_issue (reloaded->root, &second_length);
  TD_FUZZ_CHECK (first_length == second_length);
  TD_FUZZ_CHECK (memcmp (first, second, first_length) == 0);
  return 0;
}
