/* test-recovery.c: autosave and crash recovery, headless
 *
 * A document with unsaved changes gets a recovery copy a moment after the
 * last edit; saving (or undoing back to the saved state) deletes it; what a
 * finished process left behind is listed, compared and loaded back.
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-json-path.h"
#include "td-json-writer.h"
#include "td-recovery.h"
#include "td-test-util.h"

static char *tmp_root;

static gboolean
recovery_written (gpointer data)
{
  return td_recovery_get_path (data) != NULL &&
         g_file_test (td_recovery_get_path (data), G_FILE_TEST_IS_REGULAR);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A copy of the sample issue in its own folder; returns the document. */
static TdDocument *
open_sample_copy (const char *name,
                  GFile     **file_out)
{
  g_autofree char *dir = g_build_filename (tmp_root, name, NULL);
  g_autofree char *path = g_build_filename (dir, "issue.tidings", NULL);
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  gsize length = 0;
  TdDocument *document;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* Without pictures: the loader would check for them. */
  json_object_remove_member (json_node_get_object (td_json_path_lookup (root, "practice")),
                             "logo");
  text = td_json_write_issue (root, &length);
  g_assert_true (g_file_set_contents (path, text, (gssize) length, NULL));
  document = td_document_new_from_file (file, diags);
  if (document == NULL)
    {
      g_autofree char *report = td_diagnostics_format (diags, path);

      g_error ("%s", report);
    }
  if (file_out != NULL)
    *file_out = g_steal_pointer (&file);
  return document;
}

static guint
count_copies (void)
{
  g_autoptr(GDir) dir = g_dir_open (td_recovery_get_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".tidings"))
      n++;
  return n;
}

static void
test_autosave (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdDocument) document = open_sample_copy ("autosave", &file);
  g_autoptr(TdRecovery) recovery = td_recovery_new (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *recovery_path = NULL;
  gint64 start;
  gint64 elapsed;

  g_assert_null (td_recovery_get_path (recovery));
  start = g_get_monotonic_time ();
  td_document_set_string (document, "issue.title", "News: Autosaved", TD_EDIT_NONE);
  g_assert_true (td_test_iterate_until (recovery_written, recovery, 4000));
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("recovery copy written %" G_GINT64_FORMAT " ms after the edit", elapsed);
  /* Not before the pause: typing is not interrupted by writes. */
  g_assert_cmpint (elapsed, >=, TD_RECOVERY_DELAY_MS - 50);

  recovery_path = g_strdup (td_recovery_get_path (recovery));
  g_assert_true (g_str_has_prefix (recovery_path, td_recovery_get_dir ()));
  g_assert_true (g_file_get_contents (recovery_path, &copy, NULL, NULL));
  g_assert_nonnull (strstr (copy, "\"title\": \"News: Autosaved\""));
  {
    g_autofree char *stem = g_strndup (recovery_path, strlen (recovery_path) - strlen (".tidings"));

    info_path = g_strconcat (stem, ".json", NULL);
  }
  g_assert_true (g_file_get_contents (info_path, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, "issue.tidings"));

  /* Saving deletes it. */
  g_assert_true (td_document_save (document, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_EXISTS));
}

static void
test_undo_to_saved (void)
{
  g_autoptr(TdDocument) document = open_sample_copy ("undo", NULL);
  g_autoptr(TdRecovery) recovery = td_recovery_new (document);
  g_autofree char *recovery_path = NULL;

  td_document_set_string (document, "issue.title", "Changed", TD_EDIT_NONE);
  g_assert_true (td_recovery_write_now (recovery, NULL));
  recovery_path = g_strdup (td_recovery_get_path (recovery));
  g_assert_true (g_file_test (recovery_path, G_FILE_TEST_IS_REGULAR));

  /* Back to what is on disk: nothing to recover. */
  g_assert_true (td_document_undo (document));
  g_assert_false (td_document_get_modified (document));
  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  g_assert_null (td_recovery_get_path (recovery));
}

static void
write_failed_cb (TdRecovery *recovery,
                 GError     *error,
                 gboolean   *failed)
{
  g_assert_nonnull (error);
  *failed = TRUE;
}

static void
test_write_failure (void)
{
  g_autoptr(TdDocument) document = open_sample_copy ("failure", NULL);
  g_autoptr(TdRecovery) recovery = td_recovery_new (document);
  const char *dir = td_recovery_get_dir ();
  g_autofree char *parked = g_strconcat (dir, ".parked", NULL);
  gboolean failed = FALSE;
  gboolean moved;

  /* Where the folder should be, a file: the copy can't be written. */
  moved = g_rename (dir, parked) == 0;
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));
  g_signal_connect (recovery, "write-failed", G_CALLBACK (write_failed_cb), &failed);
  td_document_set_string (document, "issue.title", "Doomed", TD_EDIT_NONE);
  g_assert_true (td_test_iterate_until (flag_set, &failed, 4000));
  g_assert_cmpint (g_unlink (dir), ==, 0);
  if (moved)
    g_assert_cmpint (g_rename (parked, dir), ==, 0);
  td_recovery_discard (recovery);
}

/* A pid no process has any more. */
static gint64
dead_pid (void)
{
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "true", NULL);
  gint64 pid;

  g_assert_nonnull (child);
  pid = g_ascii_strtoll (g_subprocess_get_identifier (child), NULL, 10);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  return pid;
}

/* Rewrites the sidecar of the copy at path as if a process now gone had
 * written it. */
static void
orphan (const char *path)
{
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".tidings"));
  g_autofree char *info_path = g_strconcat (stem, ".json", NULL);
  g_autofree char *info = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (info_path, &info, NULL, NULL));
  pid = g_strdup_printf ("\"pid\": %d", (int) getpid ());
  g_assert_nonnull (strstr (info, pid));
  parts = g_strsplit (info, pid, 2);
  changed = g_strdup_printf ("%s\"pid\": %" G_GINT64_FORMAT "%s", parts[0], dead_pid (), parts[1]);
  g_assert_true (g_file_set_contents (info_path, changed, -1, NULL));
}

static void
test_entries (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdDocument) document = open_sample_copy ("entries", &file);
  g_autoptr(TdRecovery) recovery = td_recovery_new (document);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(JsonNode) recovered = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  TdRecoveryEntry *entry;

  g_assert_cmpuint (count_copies (), ==, 0);
  td_document_set_string (document, "issue.title", "News: Left Behind", TD_EDIT_NONE);
  g_assert_true (td_recovery_write_now (recovery, NULL));

  /* This process is alive and editing: its copy is not offered. */
  entries = td_recovery_list_entries ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  orphan (td_recovery_get_path (recovery));
  entries = td_recovery_list_entries ();
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->uri, ==, uri);
  g_assert_true (td_recovery_entry_differs (entry));
  recovered = td_recovery_entry_load (entry, diags);
  g_assert_nonnull (recovered);
  g_assert_cmpstr (td_json_path_get_string (recovered, "issue.title"), ==, "News: Left Behind");
  saved = td_recovery_entry_load_saved (entry);
  g_assert_cmpstr (td_json_path_get_string (saved, "issue.title"), ==, "News: August 2023");
  td_recovery_entry_delete (entry);
  g_assert_cmpuint (count_copies (), ==, 0);
}

static void
test_diff (void)
{
  g_autoptr(JsonNode) saved = td_test_load_sample ();
  g_autoptr(JsonNode) recovered = td_json_node_deep_copy (saved);
  g_autoptr(GPtrArray) changes = NULL;
  JsonObject *issue = json_node_get_object (td_json_path_lookup (recovered, "issue"));
  JsonArray *sections = json_node_get_array (td_json_path_lookup (recovered, "sections"));
  TdRecoveryChange *change;

  json_object_set_string_member (issue, "title", "News: The Recovered Edition");
  json_array_remove_element (sections, 2);
  changes = td_recovery_diff (saved, recovered);
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->path, ==, "issue.title");
  g_assert_cmpstr (change->saved, ==, "News: August 2023");
  g_assert_cmpstr (change->recovered, ==, "News: The Recovered Edition");
  change = g_ptr_array_index (changes, 1);
  g_assert_nonnull (strstr (change->label, "Relieve Anxiety"));
  g_assert_cmpstr (change->recovered, ==, "");

  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = td_recovery_diff (saved, saved);
  g_assert_cmpuint (changes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int result;

  tmp_root = g_dir_make_tmp ("tidings-recovery-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  /* Before anything reads it: the recovery folder lives under it. */
  data_home = g_build_filename (tmp_root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/recovery/autosave", test_autosave);
  g_test_add_func ("/core/recovery/undo-to-saved", test_undo_to_saved);
  g_test_add_func ("/core/recovery/write-failure", test_write_failure);
  g_test_add_func ("/core/recovery/entries", test_entries);
  g_test_add_func ("/core/recovery/diff", test_diff);

  result = g_test_run ();
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", tmp_root);

    if (system (rm) != 0)
      g_warning ("could not remove %s", tmp_root);
  }
  return result;
}
