/* td-archive.c: her past issues as a small website, with an Atom feed */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-archive-private.h"
#include "td-document.h"
#include "td-export.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-library.h"
#include "td-picture-file.h"
#include "td-render.h"

G_DEFINE_QUARK (td-archive-error-quark, td_archive_error)

struct _TdArchiveResult
{
  GPtrArray *written;
  guint      unchanged;
};

GPtrArray *
td_archive_result_get_written (const TdArchiveResult *result)
{
  return result->written;
}

guint
td_archive_result_get_unchanged (const TdArchiveResult *result)
{
  return result->unchanged;
}

void
td_archive_result_free (TdArchiveResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->written, g_ptr_array_unref);
  g_free (result);
}

char *
td_archive_normalize_base_url (const char  *base_url,
                               GError     **error)
{
  g_autoptr(GUri) uri = base_url != NULL ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL)
                                         : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (scheme == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_BASE_URL,
                   _("“%s” is not a web address for the archive: give the address of its "
                     "folder, such as https://example.com/newsletter/"),
                   base_url != NULL ? base_url : "");
      return NULL;
    }
  /* Pages are BASE + "2023-08/": the base is a folder. */
  if (g_str_has_suffix (base_url, "/"))
    return g_strdup (base_url);
  return g_strconcat (base_url, "/", NULL);
}

/* "2023-08" from the issue's date, or NULL. */
static char *
issue_month (JsonNode *root)
{
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");
  const char *date = issue != NULL ? td_json_get_string (issue, "date") : "";
  g_autofree char *label = td_l10n_format_month (NULL, date);

  if (label == NULL)
    return NULL;
  return g_strndup (date, 7);
}

char *
td_archive_page_url (const char *base_url,
                     JsonNode   *root)
{
  g_autofree char *base = NULL;
  g_autofree char *month = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  if (base_url == NULL || base_url[0] == '\0')
    return NULL;
  base = td_archive_normalize_base_url (base_url, NULL);
  month = issue_month (root);
  if (base == NULL || month == NULL)
    return NULL;
  return g_strconcat (base, month, "/", NULL);
}

static void
entry_clear (TdArchiveEntry *entry)
{
  g_clear_pointer (&entry->root, json_node_unref);
  g_clear_pointer (&entry->month, g_free);
  g_clear_pointer (&entry->page_url, g_free);
  g_clear_pointer (&entry->month_label, g_free);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TdArchiveEntry *ea = a;
  const TdArchiveEntry *eb = b;

  return strcmp (eb->month, ea->month);
}

static const char *
name_of (const TdArchiveIssue *issue)
{
  return issue->path != NULL ? issue->path : _("an issue");
}

/* The issues as entries, newest first; FALSE if one has no date or two
 * share a month. */
static GArray *
make_entries (const TdArchiveIssue  *issues,
              guint                  n_issues,
              const char            *base_url,
              GError               **error)
{
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, TRUE, sizeof (TdArchiveEntry), n_issues);

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (guint i = 0; i < n_issues; i++)
    {
      TdArchiveEntry entry = { 0 };
      JsonObject *issue;

      entry.month = issue_month (issues[i].root);
      if (entry.month == NULL)
        {
          g_set_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_NO_DATE,
                       _("%s has no month (issue.date, such as 2023-08): the archive puts "
                         "each issue in the folder of its month"), name_of (&issues[i]));
          return NULL;
        }
      for (guint j = 0; j < entries->len; j++)
        if (g_str_equal (g_array_index (entries, TdArchiveEntry, j).month, entry.month))
          {
            g_set_error (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_SAME_MONTH,
                         _("%s and %s are both the issue of %s: the archive has one page a "
                           "month"), g_array_index (entries, TdArchiveEntry, j).path,
                         name_of (&issues[i]), entry.month);
            g_free (entry.month);
            return NULL;
          }

      /* Its page is its web version: the email's "View in browser", the
       * absolute picture URLs and the page's own og:url all point there. */
      entry.root = td_json_node_deep_copy (issues[i].root);
      issue = json_object_get_object_member (json_node_get_object (entry.root), "issue");
      if (base_url != NULL)
        {
          entry.page_url = g_strconcat (base_url, entry.month, "/", NULL);
          json_object_set_string_member (issue, "public_base_url", entry.page_url);
        }
      entry.base_dir = issues[i].base_dir;
      entry.path = name_of (&issues[i]);
      entry.title = td_json_get_string (issue, "title");
      entry.preheader = td_json_get_string (issue, "preheader");
      entry.language = td_json_get_string (issue, "language");
      entry.month_label = td_l10n_format_month (entry.language, td_json_get_string (issue,
                                                                                   "date"));
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_newest_first);
  return g_steal_pointer (&entries);
}

char *
_td_archive_timestamp (const TdArchiveEntry *entry)
{
  JsonObject *issue = json_object_get_object_member (json_node_get_object (entry->root),
                                                     "issue");
  const char *date = td_json_get_string (issue, "date");

  /* A day when the issue has one, else the first of its month. */
  if (strlen (date) >= 10)
    return g_strdup_printf ("%.10sT00:00:00Z", date);
  return g_strdup_printf ("%s-01T00:00:00Z", entry->month);
}

typedef struct
{
  const char      *dir;
  TdArchiveResult *result;
} Writer;

/* Writes @relative under the archive unless it already holds these bytes. */
static gboolean
write_if_changed (Writer      *writer,
                  const char  *relative,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *path = g_build_filename (writer->dir, relative, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *old = NULL;
  gsize old_length = 0;

  if (g_file_get_contents (path, &old, &old_length, NULL) && old_length == length
      && memcmp (old, data, length) == 0)
    {
      writer->result->unchanged++;
      return TRUE;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Can’t make the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  if (!td_export_write_file (path, data, length, error))
    return FALSE;
  g_ptr_array_add (writer->result->written, g_strdup (relative));
  return TRUE;
}

/* The pictures of the issue's page, beside it: read them all first, so a
 * missing one stops the archive before its page is written. */
static gboolean
write_pictures (Writer                *writer,
                const TdArchiveEntry  *entry,
                const TdRenderContext *context,
                GError               **error)
{
  g_autoptr(GPtrArray) images = td_render_list_images (context);
  g_autoptr(GPtrArray) data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < images->len; i++)
    {
      GBytes *bytes = td_picture_file_read (entry->base_dir, images->pdata[i], error);

      if (bytes == NULL)
        {
          g_prefix_error (error, "%s: ", entry->path);
          return FALSE;
        }
      g_ptr_array_add (data, bytes);
    }
  for (guint i = 0; i < images->len; i++)
    {
      g_autofree char *relative = g_build_filename (entry->month, images->pdata[i], NULL);
      gsize length;
      const char *bytes = g_bytes_get_data (data->pdata[i], &length);

      if (!write_if_changed (writer, relative, bytes, length, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_text (Writer      *writer,
            const char  *relative,
            char        *text,
            GError     **error)
{
  g_autofree char *owned = text;

  return write_if_changed (writer, relative, owned, strlen (owned), error);
}

TdArchiveResult *
td_archive_build (const TdArchiveIssue  *issues,
                  guint                  n_issues,
                  const char            *dir,
                  const char            *base_url,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(TdArchiveResult) result = g_new0 (TdArchiveResult, 1);
  g_autofree char *base = NULL;
  g_autoptr(GArray) entries = NULL;
  TdArchiveEntry *list;
  Writer writer = { dir, result };

  g_return_val_if_fail (dir != NULL, NULL);

  if (n_issues == 0)
    {
      g_set_error_literal (error, TD_ARCHIVE_ERROR, TD_ARCHIVE_ERROR_NO_ISSUES,
                           _("There are no issues to make an archive of"));
      return NULL;
    }
  if (base_url != NULL && base_url[0] != '\0')
    {
      base = td_archive_normalize_base_url (base_url, error);
      if (base == NULL)
        return NULL;
    }
  entries = make_entries (issues, n_issues, base, error);
  if (entries == NULL)
    return NULL;
  list = (TdArchiveEntry *) (gpointer) entries->data;
  result->written = g_ptr_array_new_with_free_func (g_free);

  /* Each issue, its pictures before its page; then the index and the feed
   * that link to them. */
  for (guint i = 0; i < entries->len; i++)
    {
      TdRenderContext context = { list[i].root, list[i].base_dir, TD_IMAGE_URL_RELATIVE };
      g_autofree char *page = g_build_filename (list[i].month, "index.html", NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!write_pictures (&writer, &list[i], &context, error)
          || !write_text (&writer, page, _td_archive_render_page (list, entries->len, i), error))
        return NULL;
    }
  if (!write_text (&writer, "index.html",
                   _td_archive_render_index (list, entries->len, base != NULL), error))
    return NULL;
  if (base != NULL
      && (!write_text (&writer, "feed.atom", _td_archive_render_feed (list, entries->len, base),
                       error)
          || !write_text (&writer, "sitemap.xml",
                          _td_archive_render_sitemap (list, entries->len, base), error)))
    return NULL;
  return g_steal_pointer (&result);
}

/* -- the library folder, in a worker thread -------------------------------- */

typedef struct
{
  char *folder;
  char *dir;
  char *base_url;
} FolderData;

static void
folder_data_free (FolderData *data)
{
  g_free (data->folder);
  g_free (data->dir);
  g_free (data->base_url);
  g_free (data);
}

static void
build_folder_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  FolderData *data = task_data;
  g_autoptr(GPtrArray) paths = td_library_find_files (data->folder, NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) issues = g_array_new (FALSE, TRUE, sizeof (TdArchiveIssue));
  GError *error = NULL;
  TdArchiveResult *result;

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths->pdata[i]);
      g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
      TdDocument *document = td_document_new_from_file (file, diags);
      TdArchiveIssue issue = { NULL };

      if (document == NULL)
        {
          g_autofree char *text = td_diagnostics_format (diags, paths->pdata[i]);

          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                                   g_strchomp (text));
          return;
        }
      g_ptr_array_add (documents, document);
      issue.root = td_document_get_root (document);
      issue.base_dir = td_document_get_base_dir (document);
      issue.path = paths->pdata[i];
      g_array_append_val (issues, issue);
    }
  result = td_archive_build ((TdArchiveIssue *) (gpointer) issues->data, issues->len, data->dir,
                             data->base_url, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) td_archive_result_free);
}

void
td_archive_build_folder_async (const char          *folder,
                               const char          *dir,
                               const char          *base_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  FolderData *data = g_new0 (FolderData, 1);

  g_return_if_fail (folder != NULL && dir != NULL);

  data->folder = g_strdup (folder);
  data->dir = g_strdup (dir);
  data->base_url = g_strdup (base_url);
  g_task_set_task_data (task, data, (GDestroyNotify) folder_data_free);
  g_task_run_in_thread (task, build_folder_thread);
}

TdArchiveResult *
td_archive_build_folder_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
