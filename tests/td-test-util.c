/* td-test-util.c: the sample and golden files for the core's tests */

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-issue-loader.h"
#include "td-test-util.h"

char *
td_test_sample_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "august-2023", NULL);
}

JsonNode *
td_test_load_sample (void)
{
  g_autofree char *dir = td_test_sample_dir ();
  g_autofree char *path = g_build_filename (dir, "august-2023.tidings", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_file (file, diags);

  g_assert_nonnull (loaded);
  return g_steal_pointer (&loaded->root);
}

void
td_test_assert_golden (const char *name,
                       const char *data,
                       gsize       length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "golden", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_length = 0;
  gsize i;
  guint line = 1;

  if (g_strcmp0 (g_getenv ("TD_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (path, data, (gssize) length, &error);
      g_assert_no_error (error);
      g_test_message ("updated %s", path);
      return;
    }

  if (!g_file_get_contents (path, &expected, &expected_length, &error))
    {
      g_test_message ("%s: %s (create it with TD_UPDATE_GOLDEN=1)", path, error->message);
      g_test_fail ();
      return;
    }
  if (expected_length == length && memcmp (data, expected, length) == 0)
    return;

  for (i = 0; i < length && i < expected_length && data[i] == expected[i]; i++)
    if (data[i] == '\n')
      line++;
  {
    gsize start = i;

    while (start > 0 && data[start - 1] != '\n')
      start--;
    g_test_message ("%s differs from line %u:\n  got:      %.200s\n  expected: %.200s\n"
                    "(after checking the new output, regenerate with TD_UPDATE_GOLDEN=1)",
                    name, line, data + start, expected + MIN (start, expected_length));
  }
  g_test_fail ();
}

/* The pages holding length bytes, plus the guard page after them. */
static gsize
guarded_size (gsize length,
              gsize page)
{
  return (length + page - 1) / page * page + page;
}

char *
td_test_guarded_copy (const char *data,
                      gsize       length)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize size = guarded_size (length, page);
  char *base = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *copy;

  g_assert_true (base != MAP_FAILED);
  g_assert_cmpint (mprotect (base + size - page, page, PROT_NONE), ==, 0);
  copy = base + size - page - length;
  if (length > 0)
    memcpy (copy, data, length);
  return copy;
}

void
td_test_guarded_free (char  *copy,
                      gsize  length)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize size = guarded_size (length, page);

  munmap (copy + length + page - size, size);
}

char *
td_test_render (TdRenderFormat         format,
                const TdRenderContext *context,
                gsize                 *length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = td_render (format, context, &error);
  gsize size = 0;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_null (memchr (data, '\0', size));
  if (format != TD_RENDER_EML)
    g_assert_true (g_utf8_validate_len (data, size, NULL));
  if (length != NULL)
    *length = size;
  return g_strndup (data, size);
}

void
td_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      td_test_remove_tree (child);
    }
  if (dir == NULL)
    g_unlink (path);
  else
    g_rmdir (path);
}

void
td_test_copy_tree (const char *from,
                   const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          td_test_copy_tree (src, dst);
          continue;
        }
      g_assert_true (g_file_get_contents (src, &data, &length, NULL));
      g_assert_true (g_file_set_contents (dst, data, length, NULL));
    }
}

char *
td_test_add_issue (const char *folder,
                   const char *name,
                   const char *date,
                   const char *title)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *original = g_build_filename (folder, "august-2023.tidings", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  td_test_copy_tree (sample, folder);
  if (!g_str_equal (name, "august-2023.tidings"))
    g_assert_cmpint (g_rename (original, path), ==, 0);
  document = td_document_new_from_file (file, diags);
  g_assert_nonnull (document);
  td_document_set_string (document, "issue.date", date, TD_EDIT_NONE);
  td_document_set_string (document, "issue.title", title, TD_EDIT_NONE);
  g_assert_true (td_document_save (document, NULL, TRUE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

gboolean
td_test_iterate_until (TdTestCondition condition,
                       gpointer        data,
                       guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
td_test_settle (guint ms)
{
  td_test_iterate_until (never, NULL, ms);
}
