/* td-library.c: her issues over time, in one folder */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-issue.h"
#include "td-issue-loader.h"
#include "td-json-path.h"
#include "td-library.h"
#include "td-next-issue.h"

void
td_library_issue_free (TdLibraryIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->path);
  g_free (issue->title);
  g_free (issue->month);
  g_free (issue->picture);
  g_free (issue->error);
  g_free (issue);
}

char *
td_library_resolve_folder (const char *setting)
{
  const char *documents;

  if (setting != NULL && setting[0] != '\0')
    return g_strdup (setting);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && documents[0] != '\0')
    return g_build_filename (documents, "Newsletter", NULL);
  return g_build_filename (g_get_home_dir (), "Documents", "Newsletter", NULL);
}

/* -- Finding the files ----------------------------------------------------- */

/* The .tidings files in @folder and in its folders one level down (hidden
 * ones left out); stops at the first with @first_only. */
static void
find_issues (const char   *folder,
             guint         depth,
             gboolean      first_only,
             GPtrArray    *paths,
             GCancellable *cancellable)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (name[0] == '.' || g_cancellable_is_cancelled (cancellable))
        continue;
      if (first_only && paths->len > 0)
        return;
      path = g_build_filename (folder, name, NULL);
      if (g_str_has_suffix (name, ".tidings") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
      else if (depth == 0 && g_file_test (path, G_FILE_TEST_IS_DIR) &&
               !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        find_issues (path, depth + 1, first_only, paths, cancellable);
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
td_library_find_files (const char   *folder,
                       GCancellable *cancellable)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (folder != NULL, paths);

  find_issues (folder, 0, FALSE, paths, cancellable);
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

gboolean
td_library_has_issues (const char *folder)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (folder != NULL, FALSE);

  find_issues (folder, 0, TRUE, paths, NULL);
  return paths->len > 0;
}

/* -- Reading one issue ------------------------------------------------------ */

/* The first picture of the sections, else the logo. */
static char *
dup_first_picture (JsonNode   *root,
                   const char *base_dir)
{
  g_autoptr(GPtrArray) pictures = td_issue_list_pictures (root);
  const char *logo = td_json_path_get_string (root, "practice.logo");
  const char *chosen = NULL;

  for (guint i = 0; i < pictures->len; i++)
    {
      const char *picture = pictures->pdata[i];

      if (logo != NULL && g_str_equal (picture, logo))
        continue;
      chosen = picture;
      break;
    }
  if (chosen == NULL && logo != NULL && logo[0] != '\0')
    chosen = logo;
  if (chosen == NULL || g_path_is_absolute (chosen) || strstr (chosen, "://") != NULL)
    return NULL;
  return g_build_filename (base_dir, chosen, NULL);
}

static TdLibraryIssue *
read_issue (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_file (file, diags);
  TdLibraryIssue *issue = g_new0 (TdLibraryIssue, 1);

  issue->path = g_strdup (path);
  if (loaded == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *text = td_diagnostics_format (diags, name);

      issue->title = g_strdup ("");
      issue->month = g_strdup ("");
      issue->error = g_strdup (g_strchomp (text));
      if (issue->error[0] == '\0')
        {
          g_free (issue->error);
          /* Translators: %s is a file name */
          issue->error = g_strdup_printf (_("%s can’t be read"), name);
        }
    }
  else
    {
      const char *date = td_json_path_get_string (loaded->root, "issue.date");
      g_autofree char *base_dir = g_path_get_dirname (path);
      int year = 0;
      int month = 0;

      issue->title = g_strdup (td_json_path_get_string (loaded->root, "issue.title"));
      /* next_month() checks that the date is a month. */
      issue->month = td_next_issue_next_month (date, &year, &month) ? g_strndup (date, 7)
                                                                    : g_strdup ("");
      issue->picture = dup_first_picture (loaded->root, base_dir);
    }
  return issue;
}

/* Newest first: by month, then by path; no month, then broken, last. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TdLibraryIssue *x = *(TdLibraryIssue * const *) a;
  const TdLibraryIssue *y = *(TdLibraryIssue * const *) b;
  int rank_x = x->error != NULL ? 2 : x->month[0] == '\0' ? 1 : 0;
  int rank_y = y->error != NULL ? 2 : y->month[0] == '\0' ? 1 : 0;
  int order;

  if (rank_x != rank_y)
    return rank_x - rank_y;
  if ((order = strcmp (y->month, x->month)) != 0)
    return order;
  return strcmp (x->path, y->path);
}

GPtrArray *
td_library_list (const char   *folder,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) td_library_issue_free);

  g_return_val_if_fail (folder != NULL, issues);

  find_issues (folder, 0, FALSE, paths, cancellable);
  for (guint i = 0; i < paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (issues, read_issue (paths->pdata[i]));
  g_ptr_array_sort (issues, compare_newest_first);
  return issues;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *issues = td_library_list (task_data, cancellable);

  if (g_task_return_error_if_cancelled (task))
    {
      g_ptr_array_unref (issues);
      return;
    }
  g_task_return_pointer (task, issues, (GDestroyNotify) g_ptr_array_unref);
}

void
td_library_list_async (const char          *folder,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (folder != NULL);

  g_task_set_task_data (task, g_strdup (folder), g_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
td_library_list_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- New issues -------------------------------------------------------------- */

TdDocument *
td_library_new_issue (GPtrArray *issues)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      TdLibraryIssue *issue = issues->pdata[i];
      g_autoptr(GFile) file = NULL;
      g_autoptr(TdDiagnostics) diags = NULL;
      g_autoptr(TdDocument) latest = NULL;
      g_autoptr(JsonNode) root = NULL;
      TdDocument *document;

      if (issue->error != NULL)
        continue;
      file = g_file_new_for_path (issue->path);
      diags = td_diagnostics_new ();
      if ((latest = td_document_new_from_file (file, diags)) == NULL)
        continue;
      root = td_next_issue_new_root (td_document_get_root (latest));
      document = td_document_new_from_root (root);
      td_document_set_base_dir (document, td_document_get_base_dir (latest));
      return document;
    }
  return td_document_new ();
}

GFile *
td_library_dup_new_file (const char  *folder,
                         JsonNode    *root,
                         GError     **error)
{
  const char *date = td_json_path_get_string (root, "issue.date");
  int year = 0;
  int month = 0;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  /* The month of the date: next_month() checks it is one. */
  if (td_next_issue_next_month (date, &year, &month))
    stem = g_strndup (date, 7);
  else
    stem = g_strdup ("issue");

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then why */
                   _("Can’t make the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s-%u", stem, n);
      g_autofree char *dir = g_build_filename (folder, name, NULL);
      g_autofree char *file_name = g_strconcat (stem, ".tidings", NULL);

      /* mkdir, not a test then mkdir: a folder that exists is taken. */
      if (g_mkdir (dir, 0755) == 0)
        return g_file_new_build_filename (dir, file_name, NULL);
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Can’t make the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               /* Translators: %s is a folder */
               _("The library “%s” has too many issues of that month"), folder);
  return NULL;
}

gboolean
td_library_contains (const char *folder,
                     GFile      *file)
{
  g_autoptr(GFile) top = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);
  if (file == NULL)
    return FALSE;
  top = g_file_new_for_path (folder);
  return g_file_has_prefix (file, top);
}
