/* fuzz-render.c: load, then every renderer and the pre-send checks
 *
 * The issue's folder is the sample's, so pictures named like the sample's
 * are read. Properties: nothing crashes; every output is valid UTF-8; the
 * email's lines fit in 998 bytes (RFC 5322); the .eml is made or says why
 * not; rendering is deterministic.
 */

#include "config.h"

#include <string.h>

#include "td-checks.h"
#include "td-fuzz.h"
#include "td-issue-loader.h"
#include "td-render.h"

static void
check_output (char  *output,
              gsize  length,
              gsize  max_line)
{
  g_autofree char *owned = output;

  TD_FUZZ_CHECK (owned != NULL);
  TD_FUZZ_CHECK (strlen (owned) == length);
  TD_FUZZ_CHECK (g_utf8_validate (owned, (gssize) length, NULL));
  if (max_line > 0)
    TD_FUZZ_CHECK (td_fuzz_lines_fit (owned, length, max_line));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDiagnostics) checks = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  g_autoptr(GBytes) eml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *web = NULL;
  g_autofree char *again = NULL;
  TdRenderContext context = { .base_dir = TD_FUZZ_SAMPLE_DIR,
                              .image_urls = TD_IMAGE_URL_RELATIVE,
                              .eml = { NULL, "reader@example.com", 1690880400, NULL } };
  gsize length = 0, again_length = 0;

  loaded = td_issue_load_from_data ((const char *) data, size, TD_FUZZ_SAMPLE_DIR, diags);
  if (loaded == NULL)
    return 0;
  context.root = loaded->root;

  web = td_render_to_string (TD_RENDER_WEB, &context, &length);
  again = td_render_to_string (TD_RENDER_WEB, &context, &again_length);
  TD_FUZZ_CHECK (length == again_length && memcmp (web, again, length) == 0);
  check_output (g_steal_pointer (&web), length, 0);

  context.image_urls = TD_IMAGE_URL_ABSOLUTE;
  web = td_render_to_string (TD_RENDER_EMAIL, &context, &length);
  check_output (g_steal_pointer (&web), length, 998);
  web = td_render_to_string (TD_RENDER_TEXT, &context, &length);
  check_output (g_steal_pointer (&web), length, 0);

  eml = td_render (TD_RENDER_EML, &context, &error);
  TD_FUZZ_CHECK ((eml == NULL) == (error != NULL));
  if (eml != NULL)
    TD_FUZZ_CHECK (td_fuzz_lines_fit (g_bytes_get_data (eml, NULL), g_bytes_get_size (eml),
                                      999));

  td_checks_run (&context, checks);
  td_fuzz_check_diagnostics (checks);
  return 0;
}
