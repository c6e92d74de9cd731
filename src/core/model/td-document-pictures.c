/* td-document-pictures.c: pictures added to an issue, and the draft area
 *
 * What the picture fields of the editor do with a chosen, dropped or
 * pasted picture: it is decoded, turned upright, scaled down and stored
 * again without metadata (td-picture-convert.h), in a worker thread, under
 * a clean free name in images/.
 *
 * Nothing is written into the issue's folder before Save: until then the
 * pictures live in the document's draft area, a folder of its own under
 * $XDG_CACHE_HOME/tidings/drafts/. Save copies the pictures the issue uses
 * into its folder (td-document-save.c), then empties the draft area; a
 * document closed without saving takes its draft area with it. Each draft
 * area holds a lock (flock) on a file inside it as long as its document
 * lives, so td_picture_drafts_clean_orphans() at start-up removes exactly
 * the areas of documents that no running Tidings owns (a crash, a kill).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-document.h"
#include "td-document-private.h"
#include "td-image-info.h"
#include "td-issue.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-picture-convert.h"
#include "td-picture-file.h"

#define LOCK_NAME ".lock"

typedef struct
{
  char       *dir;      /* the draft area */
  int         lock_fd;  /* held while the document lives */
  GHashTable *pending;  /* "images/x.jpg" -> its file in the draft area */
} Draft;

static const char *draft_key = "td-document-draft";
/* Tells this file's tasks apart (a function pointer is no gpointer in ISO C). */
static char import_tag;

char *
td_picture_drafts_dir (void)
{
  const char *override = g_getenv ("TIDINGS_DRAFTS_DIR");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_cache_dir (), "tidings", "drafts", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  remove_tree (draft->dir);
  if (draft->lock_fd >= 0)
    close (draft->lock_fd);
  g_free (draft->dir);
  g_hash_table_unref (draft->pending);
  g_free (draft);
}

guint
td_picture_drafts_clean_orphans (void)
{
  g_autofree char *root = td_picture_drafts_dir ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);
      g_autofree char *lock = g_build_filename (path, LOCK_NAME, NULL);
      int fd;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      fd = open (lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      /* Locked: a living document's. */
      if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          continue;
        }
      remove_tree (path);
      removed++;
      if (fd >= 0)
        close (fd);
    }
  return removed;
}

static Draft *
get_draft (TdDocument *self)
{
  return g_object_get_data (G_OBJECT (self), draft_key);
}

static Draft *
ensure_draft (TdDocument  *self,
              GError     **error)
{
  Draft *draft = get_draft (self);
  g_autofree char *root = NULL;
  g_autofree char *templ = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *images = NULL;
  int saved_errno;

  if (draft != NULL)
    return draft;

  root = td_picture_drafts_dir ();
  if (g_mkdir_with_parents (root, 0700) != 0)
    goto failed;
  templ = g_build_filename (root, "XXXXXX", NULL);
  if (g_mkdtemp (templ) == NULL)
    goto failed;
  draft = g_new0 (Draft, 1);
  draft->dir = g_steal_pointer (&templ);
  draft->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lock = g_build_filename (draft->dir, LOCK_NAME, NULL);
  draft->lock_fd = open (lock, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (draft->lock_fd >= 0)
    flock (draft->lock_fd, LOCK_EX | LOCK_NB);
  images = g_build_filename (draft->dir, "images", NULL);
  g_mkdir (images, 0700);
  g_object_set_data_full (G_OBJECT (self), draft_key, draft, draft_free);
  return draft;

failed:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not make a place for new pictures in “%s”: %s"), root,
               g_strerror (saved_errno));
  return NULL;
}

const char *
td_document_get_draft_dir (TdDocument *self)
{
  Draft *draft;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);

  draft = get_draft (self);
  return draft != NULL && g_hash_table_size (draft->pending) > 0 ? draft->dir : NULL;
}

const char *
td_document_get_picture_dir (TdDocument *self,
                             const char *relative)
{
  Draft *draft;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);

  draft = get_draft (self);
  if (relative != NULL && draft != NULL && g_hash_table_contains (draft->pending, relative))
    return draft->dir;
  return td_document_get_base_dir (self);
}

GHashTable *
_td_document_copy_drafts (TdDocument *self)
{
  Draft *draft = get_draft (self);
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (draft == NULL)
    return copy;
  g_hash_table_iter_init (&iter, draft->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

void
_td_document_drafts_saved (TdDocument *self,
                           GHashTable *saved)
{
  Draft *draft = get_draft (self);
  GHashTableIter iter;
  gpointer key, value;

  if (draft == NULL || saved == NULL)
    return;
  /* What was saved is in the issue's folder now; what the issue no longer
   * uses goes too: the draft area is empty after a save. */
  g_hash_table_iter_init (&iter, saved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *file = g_hash_table_lookup (draft->pending, key);

      if (file != NULL && g_str_equal (file, value))
        {
          g_unlink (file);
          g_hash_table_remove (draft->pending, key);
        }
    }
}

/* "IMG_4821.JPG" -> "img-4821": names that survive any web server. */
static char *
clean_stem (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  char *dot = strrchr (lower, '.');
  GString *out = g_string_new (NULL);

  if (dot != NULL && dot != lower)
    *dot = '\0';
  for (const char *p = lower; *p != '\0' && out->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "picture");
  return g_string_free (out, FALSE);
}

char *
td_picture_name_for_paste (const char *section,
                           GDateTime  *when)
{
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-%s", section != NULL && section[0] != '\0'
                                                      ? section : "pasted", date);

  return clean_stem (name);
}

typedef struct
{
  GFile                *source;     /* or */
  GBytes               *bytes;
  char                 *name_hint;
  char                 *base_dir;   /* may be NULL */
  char                 *draft_dir;
  TdPictureProgressFunc progress;
  gpointer              progress_data;
  GMainContext         *context;
  char                 *relative;   /* out: "images/x.jpg" */
  char                 *file;       /* out: where it is in the draft area */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->source);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->name_hint);
  g_free (job->base_dir);
  g_free (job->draft_dir);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->relative);
  g_free (job->file);
  g_free (job);
}

typedef struct
{
  TdPictureProgressFunc func;
  gpointer              data;
  double                fraction;
} Progress;

static gboolean
progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  progress->func (progress->fraction, progress->data);
  return G_SOURCE_REMOVE;
}

static void
report (ImportJob *job,
        double     fraction)
{
  Progress *progress;

  if (job->progress == NULL)
    return;
  if (job->context == NULL)
    {
      job->progress (fraction, job->progress_data);
      return;
    }
  progress = g_new (Progress, 1);
  *progress = (Progress) { job->progress, job->progress_data, fraction };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_cb, progress, g_free);
}

/* The picture file the user chose, read through the containment primitive
 * from its own folder: a regular file, not a link, at most
 * TD_PICTURE_MAX_FILE_SIZE. */
static GBytes *
read_source (GFile   *source,
             GError **error)
{
  g_autofree char *path = g_file_get_path (source);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (source);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer"), uri);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  return td_picture_file_read (dir, name, error);
}

static gboolean
same_file_contents (const char *path,
                    GBytes     *bytes)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) existing = mapped != NULL ? g_mapped_file_get_bytes (mapped) : NULL;

  return existing != NULL && g_bytes_equal (existing, bytes);
}

static gboolean
import_job_run (ImportJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  const TdPictureLimits limits = TD_PICTURE_IMPORT_LIMITS;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *display = NULL;
  TdPictureResult result;
  const char *ext;

  report (job, 0.05);
  if (job->source != NULL)
    {
      source = read_source (job->source, error);
      display = g_file_get_parse_name (job->source);
    }
  else
    {
      source = g_bytes_ref (job->bytes);
      display = g_strdup (job->name_hint != NULL ? job->name_hint : _("the pasted picture"));
    }
  if (source == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (job, 0.2);

  stored = td_picture_convert (source, display, &limits, &result, error);
  if (stored == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (job, 0.9);

  if (job->source != NULL)
    {
      g_autofree char *base = g_file_get_basename (job->source);

      stem = clean_stem (base);
    }
  else
    stem = clean_stem (job->name_hint);
  ext = td_picture_format_extension (result.format);

  /* A free name: in neither the issue's images/ nor the draft area; the
   * same picture already in the issue's folder is used again. The draft
   * file is created exclusively, so two imports at once never share one. */
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (stem, ext, NULL)
                                     : g_strdup_printf ("%s-%u%s", stem, n, ext);
      g_autofree char *relative = g_strconcat ("images/", name, NULL);
      g_autofree char *draft_path = g_build_filename (job->draft_dir, "images", name, NULL);
      g_autoptr(GFile) draft_file = NULL;
      g_autoptr(GFileOutputStream) out = NULL;
      g_autoptr(GError) local_error = NULL;

      if (job->base_dir != NULL)
        {
          g_autofree char *existing = g_build_filename (job->base_dir, "images", name, NULL);

          if (g_file_test (existing, G_FILE_TEST_EXISTS)
              || g_file_test (existing, G_FILE_TEST_IS_SYMLINK))
            {
              if (!g_file_test (existing, G_FILE_TEST_IS_SYMLINK)
                  && same_file_contents (existing, stored))
                {
                  job->relative = g_steal_pointer (&relative);
                  report (job, 1.0);
                  return TRUE;
                }
              continue;
            }
        }
      draft_file = g_file_new_for_path (draft_path);
      out = g_file_create (draft_file, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
      if (out == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            {
              /* The same picture added again before saving. */
              if (same_file_contents (draft_path, stored))
                {
                  job->relative = g_steal_pointer (&relative);
                  job->file = g_steal_pointer (&draft_path);
                  report (job, 1.0);
                  return TRUE;
                }
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (stored, NULL),
                                      g_bytes_get_size (stored), NULL, cancellable, error)
          || !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
        {
          g_file_delete (draft_file, NULL, NULL);
          return FALSE;
        }
      job->relative = g_steal_pointer (&relative);
      job->file = g_steal_pointer (&draft_path);
      report (job, 1.0);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("No free name is left for the picture “%s”"), display);
  return FALSE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (import_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static ImportJob *
import_job_new (TdDocument             *self,
                GFile                  *source,
                GBytes                 *bytes,
                const char             *name_hint,
                TdPictureProgressFunc   progress,
                gpointer                progress_data,
                GError                **error)
{
  Draft *draft = ensure_draft (self, error);
  ImportJob *job;

  if (draft == NULL)
    return NULL;
  job = g_new0 (ImportJob, 1);
  job->source = source != NULL ? g_object_ref (source) : NULL;
  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  job->name_hint = g_strdup (name_hint);
  job->base_dir = g_strdup (td_document_get_base_dir (self));
  job->draft_dir = g_strdup (draft->dir);
  job->progress = progress;
  job->progress_data = progress_data;
  return job;
}

/* On the document's thread: the new picture waits in the draft area. */
static char *
import_job_finish (TdDocument *self,
                   ImportJob  *job)
{
  Draft *draft = get_draft (self);

  if (job->file != NULL && draft != NULL)
    g_hash_table_replace (draft->pending, g_strdup (job->relative), g_strdup (job->file));
  return g_strdup (job->relative);
}

void
td_document_import_picture_async (TdDocument            *self,
                                  GFile                 *source,
                                  GBytes                *bytes,
                                  const char            *name_hint,
                                  TdPictureProgressFunc  progress,
                                  gpointer               progress_data,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ImportJob *job;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail ((source == NULL) != (bytes == NULL));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &import_tag);
  job = import_job_new (self, source, bytes, name_hint, progress, progress_data, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

char *
td_document_import_picture_finish (TdDocument    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return import_job_finish (self, g_task_get_task_data (G_TASK (result)));
}

char *
td_document_import_image (TdDocument  *self,
                          GFile       *source,
                          GError     **error)
{
  ImportJob *job;
  char *relative = NULL;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  job = import_job_new (self, source, NULL, NULL, NULL, NULL, error);
  if (job == NULL)
    return NULL;
  if (import_job_run (job, NULL, error))
    relative = import_job_finish (self, job);
  import_job_free (job);
  return relative;
}

char *
td_document_import_image_bytes (TdDocument  *self,
                                GBytes      *bytes,
                                const char  *name_hint,
                                GError     **error)
{
  ImportJob *job;
  char *relative = NULL;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  job = import_job_new (self, NULL, bytes, name_hint, NULL, NULL, error);
  if (job == NULL)
    return NULL;
  if (import_job_run (job, NULL, error))
    relative = import_job_finish (self, job);
  import_job_free (job);
  return relative;
}

/* -- Making stored pictures smaller --------------------------------------- */

void
td_picture_rewrite_free (TdPictureRewrite *rewrite)
{
  g_free (rewrite->src);
  g_free (rewrite->new_src);
  g_free (rewrite);
}

/* The JSON paths of every string in @node equal to @value. */
static void
find_strings (JsonNode   *node,
              const char *path,
              const char *value,
              GPtrArray  *paths)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && g_strcmp0 (json_node_get_string (node), value) == 0)
        g_ptr_array_add (paths, g_strdup (path));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &child))
        {
          g_autofree char *child_path = td_json_path_child_key (path, key);

          find_strings (child, child_path, value, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child_path = td_json_path_child_index (path, i);

          find_strings (json_array_get_element (array, i), child_path, value, paths);
        }
    }
}

/* Keeps the original in the app's backups folder, beside the issues'
 * backups, before it is replaced. */
static gboolean
back_up_picture (const char  *base_dir,
                 const char  *src,
                 GBytes      *bytes,
                 GError     **error)
{
  g_autofree char *key = g_build_filename (base_dir, src, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *base = g_path_get_basename (src);
  g_autofree char *name = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tidings", "backups",
                                           "pictures", NULL);
  g_autofree char *path = NULL;

  hash[12] = '\0';
  name = g_strdup_printf ("%s-%s", hash, base);
  path = g_build_filename (dir, name, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not keep a backup of “%s”: %s"), src, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), error);
}

GPtrArray *
td_document_make_pictures_smaller (TdDocument  *self,
                                   const char  *only,
                                   gboolean     in_place,
                                   GStrv       *unreferenced,
                                   GError     **error)
{
  const TdPictureLimits limits = TD_PICTURE_IMPORT_LIMITS;
  const char *base_dir = td_document_get_base_dir (self);
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               td_picture_rewrite_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean grouped = FALSE;
  Draft *draft = NULL;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);

  if (base_dir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The issue has no folder: save it first"));
      return NULL;
    }
  if (!in_place && (draft = ensure_draft (self, error)) == NULL)
    return NULL;

  pictures = td_issue_list_pictures (td_document_get_root (self));
  for (guint i = 0; i < pictures->len; i++)
    {
      const char *src = g_ptr_array_index (pictures, i);
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autofree char *new_src = NULL;
      TdPictureRewrite *rewrite;
      TdPictureResult result;
      TdImageInfo info;

      if (src == NULL || !td_image_path_is_safe (src, NULL)
          || g_hash_table_contains (used, src))
        continue;
      g_hash_table_add (used, (gpointer) src);
      if (only != NULL && g_strcmp0 (only, src) != 0)
        continue;
      /* Added since the last save: already made as import makes it. */
      if (g_strcmp0 (td_document_get_picture_dir (self, src), base_dir) != 0)
        continue;

      before = td_picture_file_read (base_dir, src, error);
      if (before == NULL)
        goto failed;
      after = td_picture_convert (before, src, &limits, &result, error);
      if (after == NULL)
        goto failed;
      td_image_info_from_bytes (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                                &info);

      /* The same name when the format stays and the file is replaced;
       * else a free name beside it, the original left untouched. */
      {
        g_autofree char *stem = g_strdup (src);
        const char *ext = td_picture_format_extension (result.format);
        char *dot = strrchr (stem, '.');
        gboolean same_ext = dot != NULL && (g_ascii_strcasecmp (dot, ext) == 0
                                            || (result.format == TD_IMAGE_FORMAT_JPEG
                                                && g_ascii_strcasecmp (dot, ".jpeg") == 0));

        if (dot != NULL)
          *dot = '\0';
        if (in_place && same_ext)
          new_src = g_strdup (src);
        for (guint n = 2; new_src == NULL && n < 10000; n++)
          {
            g_autofree char *candidate = n == 2 && !same_ext ? g_strconcat (stem, ext, NULL)
                                                             : g_strdup_printf ("%s-%u%s", stem,
                                                                                n, ext);
            g_autofree char *full = g_build_filename (base_dir, candidate, NULL);
            g_autofree char *in_draft = draft != NULL ? g_build_filename (draft->dir, candidate,
                                                                          NULL)
                                                      : NULL;

            if (!g_file_test (full, G_FILE_TEST_EXISTS)
                && !g_file_test (full, G_FILE_TEST_IS_SYMLINK)
                && (in_draft == NULL || !g_file_test (in_draft, G_FILE_TEST_EXISTS)))
              new_src = g_steal_pointer (&candidate);
          }
      }
      if (new_src == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("No free name is left beside the picture “%s”"), src);
          goto failed;
        }

      if (in_place)
        {
          g_autofree char *full = g_build_filename (base_dir, new_src, NULL);

          if (!back_up_picture (base_dir, src, before, error))
            goto failed;
          /* Atomic: a temporary file renamed over the target. */
          if (!g_file_set_contents (full, g_bytes_get_data (after, NULL),
                                    (gssize) g_bytes_get_size (after), error))
            goto failed;
        }
      else
        {
          /* Like an import: in the draft area until Save, the original
           * untouched, so that Undo gives it back. */
          g_autofree char *full = g_build_filename (draft->dir, new_src, NULL);
          g_autofree char *parent = g_path_get_dirname (full);

          g_mkdir_with_parents (parent, 0700);
          if (!g_file_set_contents (full, g_bytes_get_data (after, NULL),
                                    (gssize) g_bytes_get_size (after), error))
            goto failed;
          g_hash_table_replace (draft->pending, g_strdup (new_src), g_steal_pointer (&full));
        }

      rewrite = g_new0 (TdPictureRewrite, 1);
      rewrite->src = g_strdup (src);
      rewrite->new_src = g_strdup (new_src);
      rewrite->bytes_before = g_bytes_get_size (before);
      rewrite->bytes_after = g_bytes_get_size (after);
      td_image_info_get_upright_size (&info, &rewrite->width_before, &rewrite->height_before);
      rewrite->width_after = result.width;
      rewrite->height_after = result.height;
      g_ptr_array_add (done, rewrite);

      if (!g_str_equal (src, new_src))
        {
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          find_strings (td_document_get_root (self), "", src, paths);
          if (!grouped)
            {
              td_document_begin_group (self);
              grouped = TRUE;
            }
          for (guint j = 0; j < paths->len; j++)
            td_document_set_string (self, g_ptr_array_index (paths, j), new_src, TD_EDIT_NONE);
        }
    }
  if (grouped)
    td_document_end_group (self);

  if (unreferenced != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autofree char *images = g_build_filename (base_dir, "images", NULL);
      g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *relative = g_strconcat ("images/", name, NULL);
          gboolean is_new = FALSE;

          for (guint i = 0; i < done->len; i++)
            if (g_str_equal (((TdPictureRewrite *) done->pdata[i])->new_src, relative))
              is_new = TRUE;
          if (!is_new && !g_hash_table_contains (used, relative))
            g_strv_builder_add (builder, relative);
        }
      *unreferenced = g_strv_builder_end (builder);
    }
  return g_steal_pointer (&done);

failed:
  if (grouped)
    td_document_end_group (self);
  return NULL;
}
