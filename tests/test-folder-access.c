/* test-folder-access.c: telling pictures out of reach from missing ones
 *
 * The document portal's layout is imitated with plain folders under a
 * runtime folder of the test's own; tests/portal/test-portal.sh does the
 * same with the real portal.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "td-folder-access.h"
#include "td-issue.h"
#include "td-test-util.h"

static char *runtime_dir;

static char *
make_issue_folder (const char *folder,
                   gboolean    with_pictures)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *from = g_build_filename (sample, "august-2023.tidings", NULL);
  g_autofree char *to = g_build_filename (folder, "august-2023.tidings", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (from, &text, &length, NULL));
  g_assert_true (g_file_set_contents (to, text, (gssize) length, NULL));
  if (with_pictures)
    {
      g_autoptr(JsonNode) root = td_test_load_sample ();
      g_autoptr(GPtrArray) pictures = td_issue_list_pictures (root);

      for (guint i = 0; i < pictures->len; i++)
        {
          g_autofree char *source = g_build_filename (sample, pictures->pdata[i], NULL);
          g_autofree char *target = g_build_filename (folder, pictures->pdata[i], NULL);
          g_autofree char *target_dir = g_path_get_dirname (target);
          g_autofree char *data = NULL;

          g_assert_cmpint (g_mkdir_with_parents (target_dir, 0700), ==, 0);
          g_assert_true (g_file_get_contents (source, &data, &length, NULL));
          g_assert_true (g_file_set_contents (target, data, (gssize) length, NULL));
        }
    }
  return g_steal_pointer (&to);
}

static void
test_portal_paths (void)
{
  g_autofree char *doc = g_build_filename (runtime_dir, "doc", NULL);
  g_autofree char *file = g_build_filename (doc, "1a2b3c4d", "august.tidings", NULL);
  g_autofree char *in_folder = g_build_filename (doc, "5e6f7a8b", "Newsletter",
                                                 "august.tidings", NULL);
  g_autofree char *host_view = g_build_filename (doc, "by-app", "io.github.tidings.Tidings",
                                                 "1a2b3c4d", "august.tidings", NULL);
  g_autofree char *dotted = g_build_filename (doc, "1a2b3c4d", ".", "august.tidings", NULL);

  g_assert_true (td_folder_access_is_portal_file (file));
  g_assert_true (td_folder_access_is_portal_file (host_view));
  g_assert_true (td_folder_access_is_portal_file (dotted));
  g_assert_false (td_folder_access_is_portal_file (in_folder));
  g_assert_false (td_folder_access_is_portal_file ("/home/rachel/Newsletter/august.tidings"));
  g_assert_false (td_folder_access_is_portal_file (doc));
}

static void
test_check (void)
{
  g_autofree char *lone_dir = g_build_filename (runtime_dir, "doc", "1a2b3c4d", NULL);
  g_autofree char *granted_dir = g_build_filename (runtime_dir, "doc", "5e6f7a8b", "News", NULL);
  g_autofree char *plain_dir = g_build_filename (runtime_dir, "home", "News", NULL);
  g_autofree char *lone = make_issue_folder (lone_dir, FALSE);
  g_autofree char *granted = make_issue_folder (granted_dir, TRUE);
  g_autofree char *plain = make_issue_folder (plain_dir, FALSE);
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) pictures = td_issue_list_pictures (root);
  g_autofree char *reopened = NULL;
  g_autoptr(GError) error = NULL;

  /* Opened alone through the portal: out of reach, every picture named. */
  g_assert_cmpint (td_folder_access_check (root, lone, lone_dir, &unreadable), ==,
                   TD_FOLDER_ACCESS_FILE_ONLY);
  g_assert_cmpuint (unreadable->len, ==, pictures->len);
  g_clear_pointer (&unreadable, g_ptr_array_unref);

  /* The same file where she keeps it, without pictures: missing, not a
   * matter of access. */
  g_assert_cmpint (td_folder_access_check (root, plain, plain_dir, NULL), ==,
                   TD_FOLDER_ACCESS_MISSING);

  /* The granted folder holds the issue; opened from there, all is well. */
  reopened = td_folder_access_path_in_folder (granted_dir, lone, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reopened, ==, granted);
  g_assert_cmpint (td_folder_access_check (root, reopened, granted_dir, &unreadable), ==,
                   TD_FOLDER_ACCESS_OK);
  g_assert_cmpuint (unreadable->len, ==, 0);

  /* A folder that doesn't hold it: said so. */
  g_clear_pointer (&reopened, g_free);
  reopened = td_folder_access_path_in_folder (runtime_dir, lone, &error);
  g_assert_null (reopened);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* An untitled issue with no pictures' folder: nothing to reach. */
  g_assert_cmpint (td_folder_access_check (root, NULL, NULL, NULL), ==, TD_FOLDER_ACCESS_OK);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before GLib reads it: the portal's mount is $XDG_RUNTIME_DIR/doc. */
  runtime_dir = g_dir_make_tmp ("tidings-test-folder-access-XXXXXX", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/folder-access/portal-paths", test_portal_paths);
  g_test_add_func ("/core/folder-access/check", test_check);
  status = g_test_run ();
  td_test_remove_tree (runtime_dir);
  g_free (runtime_dir);
  return status;
}
