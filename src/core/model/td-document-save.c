/* td-document-save.c: saving a document, and Save As with its pictures
 *
 * The file is written from a copy of the tree in a worker thread, so the
 * window never waits on a disk; editing may go on meanwhile (what was
 * saved is the state when the save began, and the document knows it).
 * Saving into another folder first copies the pictures the issue uses into
 * images/ there, so the new file never names a picture that isn't beside
 * it; a different picture already there is never replaced silently.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-document.h"
#include "td-document-private.h"
#include "td-issue.h"
#include "td-issue-saver.h"
#include "td-issue-validator.h"
#include "td-json-path.h"

typedef struct
{
  JsonNode *root;          /* a copy of the state being saved */
  guint64 serial;          /* its place in the undo history */
  GFile *file;
  char *etag;              /* the file's when loaded; NULL: don't check */
  char *old_base_dir;      /* where the pictures are now, or NULL */
  char *new_base_dir;      /* the new file's folder */
  TdSaveFlags flags;
  GHashTable *drafts;      /* pictures waiting in the draft area */
  char *new_etag;          /* out */
  GStrv conflicts;         /* out, with TD_SAVE_ERROR_PICTURES */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_pointer (&job->root, json_node_unref);
  g_clear_object (&job->file);
  g_free (job->etag);
  g_free (job->old_base_dir);
  g_free (job->new_base_dir);
  g_clear_pointer (&job->drafts, g_hash_table_unref);
  g_free (job->new_etag);
  g_strfreev (job->conflicts);
  g_free (job);
}

static SaveJob *
save_job_new (TdDocument  *self,
              GFile       *file,
              TdSaveFlags  flags)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  GFile *current = td_document_get_file (self);
  g_autoptr(GFile) parent = g_file_get_parent (file);

  job->serial = _td_document_begin_save (self);
  job->root = td_json_node_deep_copy (td_document_get_root (self));
  job->file = g_object_ref (file);
  /* Another program's changes are only overwritten on request, and only
   * the file this document was loaded from can have them. */
  if (current != NULL && g_file_equal (current, file) && (flags & TD_SAVE_FLAGS_OVERWRITE) == 0)
    job->etag = g_strdup (_td_document_get_etag (self));
  job->old_base_dir = g_strdup (td_document_get_base_dir (self));
  job->new_base_dir = parent != NULL ? g_file_get_path (parent) : NULL;
  job->flags = flags;
  job->drafts = _td_document_copy_drafts (self);
  return job;
}

static gboolean
same_contents (GFile *a,
               GFile *b)
{
  g_autoptr(GBytes) x = g_file_load_bytes (a, NULL, NULL, NULL);
  g_autoptr(GBytes) y = g_file_load_bytes (b, NULL, NULL, NULL);

  return x != NULL && y != NULL && g_bytes_equal (x, y);
}

static gboolean
copy_picture (GFile         *from,
              GFile         *to,
              gboolean       replace,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (parent, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_file_copy (from, to, replace ? G_FILE_COPY_OVERWRITE : G_FILE_COPY_NONE,
                      cancellable, NULL, NULL, error);
}

/* Takes the pictures along to the new folder: all of them, or none when
 * some would replace a different picture and the flags don't say what to
 * do about it. */
static gboolean
copy_pictures (SaveJob       *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) conflicts = g_strv_builder_new ();
  gboolean any_conflict = FALSE;
  gboolean replace = (job->flags & TD_SAVE_FLAGS_REPLACE_PICTURES) != 0;
  gboolean keep = (job->flags & TD_SAVE_FLAGS_KEEP_PICTURES) != 0;
  gboolean same_folder = job->old_base_dir == NULL || job->new_base_dir == NULL ||
                         g_str_equal (job->old_base_dir, job->new_base_dir);

  /* Pictures added since the last save come from the draft area, into
   * whichever folder; the others only move with Save As. */
  if (job->new_base_dir == NULL || (same_folder && g_hash_table_size (job->drafts) == 0))
    return TRUE;

  pictures = td_issue_list_pictures (job->root);
  for (guint i = 0; i < pictures->len; i++)
    {
      const char *path = g_ptr_array_index (pictures, i);
      g_autofree char *from_path = NULL;
      g_autofree char *to_path = NULL;
      g_autoptr(GFile) from = NULL;
      g_autoptr(GFile) to = NULL;

      /* Only pictures inside the issue's folder (the loader's rule). */
      if (!td_image_path_is_safe (path, NULL))
        continue;
      if (g_hash_table_contains (job->drafts, path))
        from_path = g_strdup (g_hash_table_lookup (job->drafts, path));
      else if (same_folder)
        continue;
      else
        from_path = g_build_filename (job->old_base_dir, path, NULL);
      if (!g_file_test (from_path, G_FILE_TEST_IS_REGULAR))
        continue;
      to_path = g_build_filename (job->new_base_dir, path, NULL);
      from = g_file_new_for_path (from_path);
      to = g_file_new_for_path (to_path);
      if (g_file_query_exists (to, cancellable))
        {
          if (same_contents (from, to))
            continue;
          g_strv_builder_add (conflicts, path);
          any_conflict = TRUE;
          if (!replace)
            continue;
        }
      g_ptr_array_add (copies, (gpointer) path);
    }

  if (any_conflict && !replace && !keep)
    {
      job->conflicts = g_strv_builder_end (conflicts);
      g_set_error_literal (error, TD_SAVE_ERROR, TD_SAVE_ERROR_PICTURES,
                           _("Pictures with the same names but other contents are "
                             "already in the folder"));
      return FALSE;
    }
  for (guint i = 0; i < copies->len; i++)
    {
      const char *path = g_ptr_array_index (copies, i);
      const char *draft = g_hash_table_lookup (job->drafts, path);
      g_autofree char *from_path = draft != NULL ? g_strdup (draft)
                                                 : g_build_filename (job->old_base_dir, path, NULL);
      g_autofree char *to_path = g_build_filename (job->new_base_dir, path, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (!copy_picture (from, to, replace, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_job_run (SaveJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  return copy_pictures (job, cancellable, error) &&
         td_issue_save (job->root, job->file, job->etag, &job->new_etag, error);
}

gboolean
td_document_save (TdDocument *self,
                  GFile      *file,
                  gboolean    force,
                  GError    **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file != NULL || td_document_get_file (self) != NULL, FALSE);

  job = save_job_new (self, file != NULL ? file : td_document_get_file (self),
                      force ? TD_SAVE_FLAGS_OVERWRITE : TD_SAVE_FLAGS_NONE);
  ok = save_job_run (job, NULL, error);
  if (ok)
    {
      /* The drafts first: what listens to the save finds them in place. */
      _td_document_drafts_saved (self, job->drafts);
      _td_document_saved (self, job->file, job->new_etag, job->serial);
    }
  save_job_free (job);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static const char *saving_key = "td-document-saving";
/* Tells this file's tasks apart (a function pointer is no gpointer in ISO C). */
static char save_tag;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdDocument *self = TD_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_object_set_data (G_OBJECT (self), saving_key, NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_set_task_data (task, g_steal_pointer (&job->conflicts), (GDestroyNotify) g_strfreev);
      g_task_return_error (task, error);
      return;
    }
  /* On the main thread, where the document lives. */
  /* The drafts first: what listens to the save finds them in place. */
  _td_document_drafts_saved (self, job->drafts);
  _td_document_saved (self, job->file, job->new_etag, job->serial);
  g_task_return_boolean (task, TRUE);
}

void
td_document_save_async (TdDocument          *self,
                        GFile               *file,
                        TdSaveFlags          flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || td_document_get_file (self) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &save_tag);
  if (g_object_get_data (G_OBJECT (self), saving_key) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The issue is being saved already"));
      return;
    }
  g_object_set_data (G_OBJECT (self), saving_key, GINT_TO_POINTER (TRUE));

  worker = g_task_new (self, cancellable, save_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker,
                        save_job_new (self, file != NULL ? file : td_document_get_file (self), flags),
                        save_job_free);
  g_task_run_in_thread (worker, save_thread);
}

gboolean
td_document_save_finish (TdDocument    *self,
                         GAsyncResult  *result,
                         GStrv         *conflicts,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &save_tag, FALSE);

  if (conflicts != NULL)
    {
      GStrv data = g_task_get_task_data (G_TASK (result));

      *conflicts = g_strdupv (data);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}
