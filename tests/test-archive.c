/* test-archive.c: the archive of past issues, from the core
 *
 * The whole site, its validity and its feed are checked from the command
 * line by tests/archive/test-archive.py; here: addresses, the refusals
 * (no month, two issues of one month), that the issues given are left
 * untouched, and the window's way in (a library folder, in a thread).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-archive.h"
#include "td-json-path.h"
#include "td-test-util.h"

static JsonNode *
sample_of (const char *date,
           const char *title)
{
  JsonNode *root = td_test_load_sample ();
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");

  json_object_set_string_member (issue, "date", date);
  json_object_set_string_member (issue, "title", title);
  json_object_set_string_member (issue, "public_base_url", "");
  return root;
}

static void
test_addresses (void)
{
  g_autoptr(JsonNode) root = sample_of ("2023-08", "August");
  g_autoptr(JsonNode) undated = sample_of ("", "Someday");
  g_autoptr(GError) error = NULL;
  g_autofree char *base = td_archive_normalize_base_url ("https://example.com/news", NULL);
  g_autofree char *page = td_archive_page_url ("https://example.com/news", root);
  g_autofree char *none = td_archive_page_url (NULL, root);
  g_autofree char *undated_page = td_archive_page_url ("https://example.com/", undated);
  g_autofree char *refused = td_archive_normalize_base_url ("ftp://example.com/", &error);

  g_assert_cmpstr (base, ==, "https://example.com/news/");
  g_assert_cmpstr (page, ==, "https://example.com/news/2023-08/");
  g_assert_null (none);
  g_assert_null (undated_page);
  g_assert_null (refused);
  g_assert_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_BASE_URL);
}

static void
test_refusals (void)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-archive-XXXXXX", NULL);
  g_autoptr(JsonNode) june = sample_of ("2023-06", "June");
  g_autoptr(JsonNode) june_again = sample_of ("2023-06", "June again");
  g_autoptr(JsonNode) undated = sample_of ("", "Someday");
  TdArchiveIssue same_month[] = { { june, sample, "june.tidings" },
                                  { june_again, sample, "june-2.tidings" } };
  TdArchiveIssue no_date[] = { { undated, sample, "someday.tidings" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdArchiveResult) result = NULL;

  result = td_archive_build (same_month, 2, dir, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_SAME_MONTH);
  g_assert_nonnull (strstr (error->message, "june-2.tidings"));
  g_clear_error (&error);

  result = td_archive_build (no_date, 1, dir, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_NO_DATE);
  g_clear_error (&error);

  result = td_archive_build (NULL, 0, dir, NULL, NULL, &error);
  g_assert_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_NO_ISSUES);
  td_test_remove_tree (dir);
}

static void
test_issues_untouched (void)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-archive-XXXXXX", NULL);
  g_autoptr(JsonNode) july = sample_of ("2023-07", "July");
  g_autoptr(JsonNode) august = sample_of ("2023-08", "August");
  g_autoptr(JsonNode) july_before = td_json_node_deep_copy (july);
  TdArchiveIssue issues[] = { { july, sample, NULL }, { august, sample, NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdArchiveResult) result = NULL;
  g_autoptr(TdArchiveResult) again = NULL;
  g_autofree char *feed = g_build_filename (dir, "feed.atom", NULL);
  JsonObject *issue = json_object_get_object_member (json_node_get_object (july), "issue");

  result = td_archive_build (issues, 2, dir, "https://example.com/news/", NULL, &error);
  g_assert_no_error (error);
  /* 12 pictures and a page per issue, the index, the feed, the sitemap. */
  g_assert_cmpuint (td_archive_result_get_written (result)->len, ==, 2 * 13 + 3);
  g_assert_true (g_file_test (feed, G_FILE_TEST_IS_REGULAR));
  /* The archive renders copies: the issues keep their own web address. */
  g_assert_cmpstr (json_object_get_string_member (issue, "public_base_url"), ==, "");
  g_assert_true (json_node_equal (july, july_before));

  again = td_archive_build (issues, 2, dir, "https://example.com/news/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_archive_result_get_written (again)->len, ==, 0);
  g_assert_cmpuint (td_archive_result_get_unchanged (again), ==, 2 * 13 + 3);
  td_test_remove_tree (dir);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdArchiveResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_archive_build_folder_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_folder (void)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-archive-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *index = g_build_filename (site, "index.html", NULL);
  g_autofree char *page = g_build_filename (site, "2023-08", "index.html", NULL);
  g_autofree char *feed = g_build_filename (site, "feed.atom", NULL);
  TdArchiveResult *result = NULL;

  /* The sample's own folder is a library of one issue. */
  td_archive_build_folder_async (sample, site, NULL, NULL, built_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
  /* No base URL, no feed: it needs absolute addresses. */
  g_assert_false (g_file_test (feed, G_FILE_TEST_EXISTS));
  td_archive_result_free (result);
  td_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/archive/addresses", test_addresses);
  g_test_add_func ("/core/archive/refusals", test_refusals);
  g_test_add_func ("/core/archive/issues-untouched", test_issues_untouched);
  g_test_add_func ("/core/archive/folder", test_folder);
  return g_test_run ();
}
