/* test-spelling.c: the tokenizer and the speller, with Debian's hunspell
 * dictionaries (hunspell-en-us, hunspell-es: build-aux/setup test), and a
 * personal dictionary in a temporary XDG_CONFIG_HOME.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-json-path.h"
#include "td-spelling.h"
#include "td-test-util.h"

/* The words found in @text, joined by "|". */
static char *
words_of (const char *text,
          gboolean    markdown)
{
  g_autoptr(GArray) words = td_spelling_find_words (text, -1, markdown);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      TdWordRange *range = &g_array_index (words, TdWordRange, i);

      if (i > 0)
        g_string_append_c (joined, '|');
      g_string_append_len (joined, text + range->start, (gssize) (range->end - range->start));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

#define ASSERT_WORDS(text, markdown, expected)                  \
  G_STMT_START {                                                \
    g_autofree char *words_ = words_of (text, markdown);        \
    g_assert_cmpstr (words_, ==, expected);                     \
  } G_STMT_END

static void
test_words_plain (void)
{
  ASSERT_WORDS ("", FALSE, "");
  ASSERT_WORDS ("Hello wrold, it's my 3rd visit at 10am (B12) — a café!", FALSE,
                "Hello|wrold|it's|my|visit|at|café");
  /* Typographic apostrophes, hyphens, quotes. */
  ASSERT_WORDS ("Rachel’s “deep-tissue” work", FALSE, "Rachel’s|deep|tissue|work");
  /* Addresses are not words. */
  ASSERT_WORDS ("See https://exmaple.com/pth or www.exmaple.com, mail me@exmple.org now",
                FALSE, "See|or|mail|now");
  ASSERT_WORDS ("Call tel:5551234 or visit exmaple.org/bokking today", FALSE,
                "Call|or|visit|today");
  /* Mailing services' merge tags. */
  ASSERT_WORDS ("Hi *|FNAME|*, {{ subscriber.nmae }} %%unsubscrib%% {$emial} bye", FALSE,
                "Hi|bye");
}

static void
test_words_markdown (void)
{
  ASSERT_WORDS ("Text `cdoe here` and ``a ` cdoe`` end", TRUE, "Text|and|end");
  ASSERT_WORDS ("[lnik text](https://x.example/pth \"titel\") and ![alt txt](images/fto.png)",
                TRUE, "lnik|text|and|alt|txt");
  ASSERT_WORDS ("A [ref lnik][refid] and <https://a.example/pth> or <b>bold</b> &amp; end",
                TRUE, "ref|lnik|and|or|bold|end");
  ASSERT_WORDS ("Before\n```\nfenced wrods\n```\nAfter\n[refid]: https://ex.example \"Tilte\"\n",
                TRUE, "Before|After");
  ASSERT_WORDS ("**Bold** and _itlaic_ words", TRUE, "Bold|and|itlaic|words");
  /* In plain text the markdown is words. */
  ASSERT_WORDS ("Text `cdoe`", FALSE, "Text|cdoe");
}

/* Unclosed constructs over and over: the tokenizer stays linear. */
static void
test_words_hostile (void)
{
  const char *pieces[] = { "`a ", "<b ", "[x](y ", "*|t ", "{{ u ", "![p](q ", "&amp ", "``` " };

  for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) words = NULL;
      gint64 start = g_get_monotonic_time ();

      while (text->len < 400000)
        g_string_append (text, pieces[p]);
      words = td_spelling_find_words (text->str, (gssize) text->len, TRUE);
      g_test_message ("“%s”×%zu: %u words in %.0f ms", pieces[p],
                      text->len / strlen (pieces[p]), words->len,
                      (g_get_monotonic_time () - start) / 1000.0);
    }
}

static void
test_checker (void)
{
  g_autoptr(TdSpeller) speller = td_speller_new ("en");
  g_auto(GStrv) suggestions = NULL;

  g_assert_true (td_speller_has_dictionary (speller));
  g_assert_cmpstr (td_speller_get_dictionary (speller), ==, "en_US");
  g_assert_true (td_speller_check_word (speller, "word", -1));
  g_assert_false (td_speller_check_word (speller, "wrod", -1));
  g_assert_true (td_speller_check_word (speller, "wrodxyz", 4) == FALSE);
  g_assert_true (td_speller_check_word (speller, "Rachel’s", -1));
  g_assert_true (td_speller_check_word (speller, "don't", -1));

  suggestions = td_speller_suggest (speller, "wrod", -1, 5);
  g_assert_cmpuint (g_strv_length (suggestions), >, 0);
  g_assert_cmpuint (g_strv_length (suggestions), <=, 5);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "word"));
}

static void
test_word_list (void)
{
  g_autoptr(TdSpeller) speller = td_speller_new ("en-US");
  const char *words[] = { "effleurage", "Effleurage", "EFFLEURAGE", "petrissage", "tapotement",
                          "myofascial", "myoskeletal", "LMT", "LMTs", "craniosacral" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (!td_speller_check_word (speller, words[i], -1))
      g_error ("“%s” is in the shipped word list, yet flagged", words[i]);
  /* Listed in capitals: only in capitals. */
  g_assert_false (td_speller_check_word (speller, "lmt", -1));
}

static void
test_languages (void)
{
  g_autoptr(TdSpeller) en = td_speller_new (NULL);
  g_autoptr(TdSpeller) es = td_speller_new ("es");
  g_autoptr(TdSpeller) mx = td_speller_new ("es-MX");
  g_autoptr(TdSpeller) none = td_speller_new ("xx");

  g_assert_cmpstr (td_speller_get_dictionary (en), ==, "en_US");
  g_assert_cmpstr (td_speller_get_dictionary (es), ==, "es_ES");
  g_assert_cmpstr (td_speller_get_dictionary (mx), ==, "es_MX");
  g_assert_true (td_speller_check_word (es, "masaje", -1));
  g_assert_false (td_speller_check_word (es, "masage", -1));
  g_assert_true (td_speller_check_word (es, "miofascial", -1));

  /* No dictionary: nothing is flagged, and that is said. */
  g_assert_false (td_speller_has_dictionary (none));
  g_assert_null (td_speller_get_dictionary (none));
  g_assert_true (td_speller_check_word (none, "wrod", -1));
}

static void
changed_cb (TdSpeller *speller,
            guint     *count)
{
  (*count)++;
}

static void
test_personal_dictionary (void)
{
  g_autoptr(TdSpeller) speller = td_speller_get_shared ("en");
  g_autoptr(TdSpeller) same = td_speller_get_shared ("en");
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "enchant", "en_US.dic",
                                            NULL);
  g_autofree char *contents = NULL;
  guint changed = 0;

  g_assert_true (speller == same);
  g_signal_connect (speller, "changed", G_CALLBACK (changed_cb), &changed);

  g_assert_false (td_speller_check_word (speller, "Zorbulated", -1));
  td_speller_add_word (speller, "Zorbulated");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (td_speller_check_word (speller, "Zorbulated", -1));

  /* Written to her personal dictionary, so a new speller knows it. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Zorbulated"));
  {
    g_autoptr(TdSpeller) fresh = td_speller_new ("en");

    g_assert_true (td_speller_check_word (fresh, "Zorbulated", -1));
  }

  /* Ignored: for this speller and this session only. */
  g_assert_false (td_speller_check_word (speller, "Quibbleflax", -1));
  td_speller_ignore_word (speller, "Quibbleflax");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (td_speller_check_word (speller, "Quibbleflax", -1));
  {
    g_autoptr(TdSpeller) fresh = td_speller_new ("en");

    g_assert_false (td_speller_check_word (fresh, "Quibbleflax", -1));
  }
}

/* The UI's speller loads its dictionary in a thread. */
static void
test_deferred (void)
{
  g_autoptr(TdSpeller) speller = td_speller_get_shared_deferred ("es-MX");
  guint changed = 0;

  g_signal_connect (speller, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (td_speller_is_loading (speller));
  g_assert_true (td_speller_check_word (speller, "masage", -1));
  while (changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (td_speller_is_loading (speller));
  g_assert_cmpstr (td_speller_get_dictionary (speller), ==, "es_MX");
  g_assert_false (td_speller_check_word (speller, "masage", -1));
}

static char *
check_issue (JsonNode   *root,
             TdSpeller  *speller)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();

  td_spelling_check_issue (speller, root, diags);
  return td_diagnostics_format (diags, "issue.tidings");
}

static void
set_string (JsonNode   *root,
            const char *path,
            const char *value)
{
  JsonNode *node = td_json_path_lookup (root, path);

  g_assert_nonnull (node);
  json_node_set_string (node, value);
}

static void
test_check_issue (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(TdSpeller) speller = td_speller_new ("en");
  g_autoptr(TdSpeller) none = td_speller_new ("xx");
  g_autofree char *sample = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *no_dictionary = NULL;

  /* The sample's one finding: YouTube's name written "Youtube". */
  sample = check_issue (root, speller);
  g_assert_cmpstr (sample, ==,
                   "issue.tidings: warning: sections[4].youtube.label: "
                   "\"Youtube\" may be misspelt [spelling]\n");

  set_string (root, "sections[4].youtube.label", "Subscribe on YouTube");
  set_string (root, "sections[7].body",
              "Drink wtaer, then drink more wtaer: see [the lnik](https://exmaple.com/pth) "
              "and `cdoe`. *|UNSUB|*");
  set_string (root, "issue.title", "News: Agust 2023");
  changed = check_issue (root, speller);
  g_assert_cmpstr (changed, ==,
                   "issue.tidings: warning: issue.title: \"Agust\" may be misspelt [spelling]\n"
                   "issue.tidings: warning: sections[7].body: \"wtaer\" may be misspelt "
                   "[spelling]\n"
                   "issue.tidings: warning: sections[7].body: \"lnik\" may be misspelt "
                   "[spelling]\n");

  no_dictionary = check_issue (root, none);
  g_assert_cmpstr (no_dictionary, ==,
                   "issue.tidings: warning: issue.language: there is no spelling dictionary "
                   "for \"xx\", so spelling was not checked: install one (hunspell) for this "
                   "language [spelling]\n");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("tidings-spelling-XXXXXX", NULL);
  int status;

  /* Her personal dictionary, in a folder of the test's own. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/spelling/words/plain", test_words_plain);
  g_test_add_func ("/core/spelling/words/markdown", test_words_markdown);
  g_test_add_func ("/core/spelling/words/hostile", test_words_hostile);
  g_test_add_func ("/core/spelling/checker", test_checker);
  g_test_add_func ("/core/spelling/word-list", test_word_list);
  g_test_add_func ("/core/spelling/languages", test_languages);
  g_test_add_func ("/core/spelling/personal-dictionary", test_personal_dictionary);
  g_test_add_func ("/core/spelling/deferred", test_deferred);
  g_test_add_func ("/core/spelling/check-issue", test_check_issue);

  status = g_test_run ();
  td_test_remove_tree (config);
  return status;
}
