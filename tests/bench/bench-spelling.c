/* bench-spelling.c: what checking one line costs, the work a keystroke in
 * a field adds (build-aux/bench-typing measures the whole keystroke).
 *
 *   bench-spelling [ITERATIONS]
 *
 * For the sample's longest line (a paragraph of the first article) and its
 * shortest titled line, the time to find the words and check each with
 * the en_US dictionary, averaged over ITERATIONS (default 2000).
 */
#include "config.h"

#include <string.h>

#include "td-json-path.h"
#include "td-spelling.h"
#include "td-test-util.h"

static double
time_line (TdSpeller  *speller,
           const char *line,
           gboolean    markdown,
           guint       iterations,
           guint      *n_words)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GArray) words = td_spelling_find_words (line, -1, markdown);

      for (guint j = 0; j < words->len; j++)
        {
          TdWordRange *range = &g_array_index (words, TdWordRange, j);

          td_speller_check_word (speller, line + range->start,
                                 (gssize) (range->end - range->start));
        }
      *n_words = words->len;
    }
  return (double) (g_get_monotonic_time () - start) / iterations;
}

int
main (int    argc,
      char **argv)
{
  guint iterations;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TdSpeller) speller = NULL;
  const char *body;
  const char *title;
  g_auto(GStrv) lines = NULL;
  const char *longest = "";
  guint n_words = 0;
  double us;

  /* td_test_load_sample() finds the sample as the tests do. */
  g_test_init (&argc, &argv, NULL);
  iterations = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  root = td_test_load_sample ();
  speller = td_speller_new ("en");
  body = td_json_path_get_string (root, "sections[1].body");
  title = td_json_path_get_string (root, "sections[1].title");
  lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strlen (lines[i]) > strlen (longest))
      longest = lines[i];

  us = time_line (speller, longest, TRUE, iterations, &n_words);
  g_print ("longest paragraph (%zu bytes, %u words): %.1f us per check\n",
           strlen (longest), n_words, us);
  us = time_line (speller, title, FALSE, iterations, &n_words);
  g_print ("first article's title (%zu bytes, %u words): %.1f us per check\n",
           strlen (title), n_words, us);
  return 0;
}
