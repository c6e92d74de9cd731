/* fuzz-replay.c: a harness's main() when libFuzzer is not linked
 *
 * fuzz-replay-HARNESS FILE|FOLDER...: runs the harness on every file given
 * and every file in the folders given (not recursively, in name order), as
 * libFuzzer would run one input. A crash or a broken property aborts, which
 * fails the test; "meson test" replays tests/fuzz/regressions/ this way.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "td-fuzz.h"

static void
replay_file (const char *path,
             guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *exact = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  /* A buffer of exactly the input's size, without the NUL that
   * g_file_get_contents() adds, so AddressSanitizer sees any read past
   * its end, as under libFuzzer. */
  exact = g_malloc (MAX (length, 1));
  memcpy (exact, contents, length);
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput (exact, length);
  (*count)++;
}

int
main (int    argc,
      char **argv)
{
  guint count = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          replay_file (argv[i], &count);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint j = 0; j < names->len; j++)
        if (g_file_test (g_ptr_array_index (names, j), G_FILE_TEST_IS_REGULAR))
          replay_file (g_ptr_array_index (names, j), &count);
    }
  g_print ("replayed %u inputs\n", count);
  return 0;
}
