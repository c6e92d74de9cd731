/* test-library.c: her issues in one folder, headless
 *
 * A library of three issues made from the sample (two in folders of their
 * month, one at the top), a broken file, and files the listing must leave
 * out; then the listing's order, the broken file's error, New Issue from
 * the newest and where it is saved.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-json-path.h"
#include "td-library.h"
#include "td-test-util.h"

static char *tmp_root;

/* The sample as @name in @folder (its images beside it), of @date. */
/* June and July in their months' folders, August at the top, a broken
 * file, and what isn't an issue of the library. */
static char *
make_library (const char *name)
{
  g_autofree char *library = g_build_filename (tmp_root, name, NULL);
  g_autofree char *june = g_build_filename (library, "2023-06", NULL);
  g_autofree char *july = g_build_filename (library, "2023-07", NULL);
  g_autofree char *broken_dir = g_build_filename (library, "2023-05", NULL);
  g_autofree char *broken = g_build_filename (broken_dir, "broken.tidings", NULL);
  g_autofree char *deep = g_build_filename (library, "old", "2022", NULL);
  g_autofree char *hidden = g_build_filename (library, ".hidden.tidings", NULL);
  g_autofree char *deep_file = g_build_filename (deep, "deep.tidings", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  a = td_test_add_issue (june, "june.tidings", "2023-06", "News: June 2023");
  b = td_test_add_issue (library, "august-2023.tidings", "2023-08", "News: August 2023");
  c = td_test_add_issue (july, "july.tidings", "2023-07-15", "News: July 2023");
  g_assert_cmpint (g_mkdir_with_parents (broken_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (broken, "{ \"format\": \"tidings-issue\", ", -1, NULL));
  /* Two folders down, hidden: not issues of the library. */
  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  g_assert_true (g_file_set_contents (deep_file, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (hidden, "{}", -1, NULL));
  return g_steal_pointer (&library);
}

static void
assert_order (GPtrArray  *issues,
              const char *library)
{
  const struct { const char *relative; const char *month; const char *title; } expected[] = {
    { "august-2023.tidings", "2023-08", "News: August 2023" },
    { "2023-07/july.tidings", "2023-07", "News: July 2023" },
    { "2023-06/june.tidings", "2023-06", "News: June 2023" },
  };
  TdLibraryIssue *broken;

  g_assert_cmpuint (issues->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TdLibraryIssue *issue = issues->pdata[i];
      g_autofree char *path = g_build_filename (library, expected[i].relative, NULL);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *picture = g_build_filename (folder, "images", NULL);

      g_assert_cmpstr (issue->path, ==, path);
      g_assert_cmpstr (issue->month, ==, expected[i].month);
      g_assert_cmpstr (issue->title, ==, expected[i].title);
      g_assert_null (issue->error);
      /* The first picture of the sections, not the logo, beside it. */
      g_assert_nonnull (issue->picture);
      g_assert_true (g_str_has_prefix (issue->picture, picture));
      g_assert_false (g_str_has_suffix (issue->picture, "logo.png"));
      g_assert_true (g_file_test (issue->picture, G_FILE_TEST_IS_REGULAR));
    }
  /* The broken file: listed last, with the loader's message. */
  broken = issues->pdata[3];
  g_assert_true (g_str_has_suffix (broken->path, "broken.tidings"));
  g_assert_nonnull (broken->error);
  g_assert_true (g_str_has_prefix (broken->error, "broken.tidings:"));
  g_assert_cmpstr (broken->title, ==, "");
  g_assert_cmpstr (broken->month, ==, "");
  g_assert_null (broken->picture);
}

static void
test_list (void)
{
  g_autofree char *library = make_library ("list");
  g_autoptr(GPtrArray) issues = td_library_list (library, NULL);

  assert_order (issues, library);
  g_assert_true (td_library_has_issues (library));
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_library_list_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_list_async (void)
{
  g_autofree char *library = make_library ("async");
  g_autoptr(GPtrArray) issues = NULL;

  td_library_list_async (library, NULL, list_done_cb, &issues);
  while (issues == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_order (issues, library);
}

static void
test_empty (void)
{
  g_autofree char *missing = g_build_filename (tmp_root, "no-such-library", NULL);
  g_autofree char *empty = g_build_filename (tmp_root, "empty", NULL);
  g_autoptr(GPtrArray) none = td_library_list (missing, NULL);
  g_autoptr(GPtrArray) nothing = NULL;
  g_autoptr(TdDocument) blank = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (td_library_has_issues (missing));
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  nothing = td_library_list (empty, NULL);
  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_false (td_library_has_issues (empty));

  /* New Issue in an empty library: a blank one. */
  blank = td_library_new_issue (nothing);
  g_assert_null (td_document_get_file (blank));
  {
    g_autoptr(TdDocument) fresh = td_document_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    json_generator_set_root (generator, td_document_get_root (blank));
    a = json_generator_to_data (generator, NULL);
    json_generator_set_root (generator, td_document_get_root (fresh));
    b = json_generator_to_data (generator, NULL);
    g_assert_cmpstr (a, ==, b);
  }
}

static void
test_new_issue (void)
{
  g_autofree char *library = make_library ("new");
  g_autoptr(GPtrArray) issues = td_library_list (library, NULL);
  g_autoptr(TdDocument) next = td_library_new_issue (issues);
  g_autoptr(TdDocument) again = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (library, "2023-09", "2023-09.tidings", NULL);
  g_autofree char *expected_second = g_build_filename (library, "2023-09-2", "2023-09.tidings",
                                                       NULL);
  g_autofree char *picture = NULL;
  g_autofree char *first_bytes = NULL;
  g_autofree char *path = NULL;
  TdLibraryIssue *newest;

  /* Continuing from August, the newest: September, untitled, its pictures
   * read from August's folder until saved. */
  g_assert_null (td_document_get_file (next));
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (next), "issue.date"), ==,
                   "2023-09");
  g_assert_cmpstr (td_json_path_get_string (td_document_get_root (next), "issue.title"), ==,
                   "News: September 2023");
  g_assert_cmpstr (td_document_get_base_dir (next), ==, library);

  /* Saved into a folder of its month, with its pictures. */
  file = td_library_dup_new_file (library, td_document_get_root (next), &error);
  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (td_document_save (next, file, FALSE, &error));
  g_assert_no_error (error);
  picture = g_build_filename (library, "2023-09", "images", "logo.png", NULL);
  g_assert_true (g_file_test (picture, G_FILE_TEST_IS_REGULAR));
  g_assert_true (td_library_contains (library, file));

  after = td_library_list (library, NULL);
  g_assert_cmpuint (after->len, ==, 5);
  newest = after->pdata[0];
  g_assert_cmpstr (newest->path, ==, expected);
  g_assert_cmpstr (newest->month, ==, "2023-09");

  /* Another of the same month never replaces it: a folder of its own. */
  g_assert_true (g_file_get_contents (expected, &first_bytes, NULL, NULL));
  again = td_library_new_issue (issues);
  second = td_library_dup_new_file (library, td_document_get_root (again), &error);
  g_assert_no_error (error);
  g_free (path);
  path = g_file_get_path (second);
  g_assert_cmpstr (path, ==, expected_second);
  g_assert_true (td_document_save (again, second, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *bytes = NULL;

    g_assert_true (g_file_get_contents (expected, &bytes, NULL, NULL));
    g_assert_cmpstr (bytes, ==, first_bytes);
  }
}

static void
test_folders (void)
{
  g_autofree char *folder = td_library_resolve_folder ("");
  g_autofree char *chosen = td_library_resolve_folder ("/srv/news");
  g_autoptr(GFile) inside = g_file_new_for_path ("/srv/news/2023-08/a.tidings");
  g_autoptr(GFile) outside = g_file_new_for_path ("/srv/newsletter/a.tidings");

  g_assert_true (g_str_has_suffix (folder, G_DIR_SEPARATOR_S "Newsletter"));
  g_assert_cmpstr (chosen, ==, "/srv/news");
  g_assert_true (td_library_contains ("/srv/news", inside));
  g_assert_false (td_library_contains ("/srv/news", outside));
  g_assert_false (td_library_contains ("/srv/news", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_root = g_dir_make_tmp ("tidings-test-library-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/library/list", test_list);
  g_test_add_func ("/core/library/list-async", test_list_async);
  g_test_add_func ("/core/library/empty", test_empty);
  g_test_add_func ("/core/library/new-issue", test_new_issue);
  g_test_add_func ("/core/library/folders", test_folders);

  status = g_test_run ();
  td_test_remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
