/* td-site-publish.c: a built site uploaded to her web host, changes only */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-progress-relay.h"
#include "td-publish-error.h"
#include "td-site-manifest.h"
#include "td-site-publish.h"
#include "td-site-remote.h"

struct _TdSitePublishResult
{
  GPtrArray *uploaded;
  GPtrArray *deleted;
  guint      kept;
  char      *new_host_key;
};

GPtrArray *
td_site_publish_result_get_uploaded (const TdSitePublishResult *result)
{
  return result->uploaded;
}

guint
td_site_publish_result_get_kept (const TdSitePublishResult *result)
{
  return result->kept;
}

GPtrArray *
td_site_publish_result_get_deleted (const TdSitePublishResult *result)
{
  return result->deleted;
}

const char *
td_site_publish_result_get_new_host_key (const TdSitePublishResult *result)
{
  return result->new_host_key;
}

void
td_site_publish_result_free (TdSitePublishResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->uploaded, g_ptr_array_unref);
  g_clear_pointer (&result->deleted, g_ptr_array_unref);
  g_free (result->new_host_key);
  g_free (result);
}

typedef struct
{
  TdSitePublishProgressFunc func;
  gpointer                  data;
  TdSitePublishProgress     progress;
} Reporter;

static void
report (Reporter    *reporter,
        TdSiteStage  stage,
        guint        index,
        const char  *path,
        guint64      size)
{
  reporter->progress.stage = stage;
  reporter->progress.index = index;
  reporter->progress.path = path;
  reporter->progress.sent = 0;
  reporter->progress.size = size;
  if (reporter->func != NULL)
    reporter->func (&reporter->progress, reporter->data);
}

static void
bytes_sent_cb (guint64  sent,
               guint64  total,
               gpointer user_data)
{
  Reporter *reporter = user_data;

  if (reporter->func == NULL || sent == reporter->progress.sent)
    return;
  reporter->progress.sent = sent;
  reporter->func (&reporter->progress, reporter->data);
}

/* The server's manifest; an empty one when the site was never published
 * (or its manifest was removed, to upload everything again). */
static TdSiteManifest *
read_remote_manifest (TdSiteRemote  *remote,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = td_site_remote_get (remote, TD_SITE_MANIFEST_NAME, &local_error);

  if (bytes == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (bytes == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return td_site_manifest_parse (bytes, error);
}

static GBytes *
read_local (const char  *dir,
            const char  *path,
            GError     **error)
{
  g_autofree char *filename = g_build_filename (dir, path, NULL);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (filename, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_mapped_file_get_bytes (mapped);
}

TdSitePublishResult *
td_site_publish (const char                  *dir,
                 const TdSitePublishOptions  *options,
                 TdSitePublishProgressFunc    progress,
                 gpointer                     progress_data,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  g_autoptr(TdSitePublishResult) result = g_new0 (TdSitePublishResult, 1);
  g_autoptr(TdSiteRemote) remote = NULL;
  g_autoptr(GHashTable) local = NULL;
  g_autoptr(GHashTable) remote_manifest = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  Reporter reporter = { progress, progress_data, { 0 } };

  g_return_val_if_fail (dir != NULL && options != NULL, NULL);

  local = td_site_manifest_scan (dir, cancellable, error);
  if (local == NULL)
    return NULL;
  if (g_hash_table_size (local) == 0)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("“%s” holds no files to publish: build the archive first"), dir);
      return NULL;
    }
  remote = td_site_remote_new (options, cancellable, error);
  if (remote == NULL)
    return NULL;

  report (&reporter, TD_SITE_COMPARING, 0, NULL, 0);
  remote_manifest = read_remote_manifest (remote, error);
  if (remote_manifest == NULL)
    return NULL;
  changed = td_site_manifest_changed (local, remote_manifest);
  stale = td_site_manifest_stale (local, remote_manifest);
  reporter.progress.n_files = changed->len;
  result->uploaded = g_ptr_array_new_with_free_func (g_free);
  result->deleted = g_ptr_array_new_with_free_func (g_free);
  result->kept = g_hash_table_size (local) - changed->len;

  for (guint i = 0; i < changed->len; i++)
    {
      const char *path = changed->pdata[i];
      g_autoptr(GBytes) data = read_local (dir, path, error);

      if (data == NULL)
        return NULL;
      report (&reporter, TD_SITE_UPLOADING, i, path, g_bytes_get_size (data));
      if (!td_site_remote_put (remote, path, data, bytes_sent_cb, &reporter, error))
        return NULL;
      g_ptr_array_add (result->uploaded, g_strdup (path));
    }

  /* Before the manifest: should this break off, the old manifest still
   * names the stale files and the next publish deletes them. */
  for (guint i = 0; i < stale->len; i++)
    {
      report (&reporter, TD_SITE_DELETING, i, stale->pdata[i], 0);
      if (!td_site_remote_delete (remote, stale->pdata[i], error))
        return NULL;
      g_ptr_array_add (result->deleted, g_strdup (stale->pdata[i]));
    }

  if (changed->len > 0 || stale->len > 0)
    {
      manifest_bytes = td_site_manifest_to_bytes (local);
      report (&reporter, TD_SITE_FINISHING, 0, TD_SITE_MANIFEST_NAME,
              g_bytes_get_size (manifest_bytes));
      if (!td_site_remote_put (remote, TD_SITE_MANIFEST_NAME, manifest_bytes, NULL, NULL,
                               error))
        return NULL;
    }
  result->new_host_key = g_strdup (td_site_remote_get_new_host_key (remote));
  return g_steal_pointer (&result);
}

/* -- in a worker thread ---------------------------------------------------- */

static char publish_tag;

typedef struct
{
  char                      *dir;
  TdSitePublishOptions       options;   /* its strings owned */
  TdSitePublishProgressFunc  progress;
  gpointer                   progress_data;
  GMainContext              *context;
  gint64                     last_bytes;   /* monotonic time of the last bytes report */
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_free (data->dir);
  g_free ((char *) data->options.url);
  g_free ((char *) data->options.user);
  if (data->options.password != NULL)
    memset ((char *) data->options.password, 0, strlen (data->options.password));
  g_free ((char *) data->options.password);
  g_free ((char *) data->options.ssh_key);
  g_free ((char *) data->options.known_hosts);
  g_free ((char *) data->options.ca_file);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
thread_progress_cb (const TdSitePublishProgress *progress,
                    gpointer                     user_data)
{
  PublishData *data = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Every stage change, but the bytes of a file ten times a second. */
  if (progress->sent > 0 && progress->sent < progress->size
      && now - data->last_bytes < G_USEC_PER_SEC / 10)
    return;
  data->last_bytes = now;
  td_progress_relay (data->context, progress, sizeof *progress,
                     G_STRUCT_OFFSET (TdSitePublishProgress, path), G_CALLBACK (data->progress),
                     data->progress_data);
}

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PublishData *data = task_data;
  GError *error = NULL;
  TdSitePublishResult *result;

  result = td_site_publish (data->dir, &data->options,
                            data->progress != NULL ? thread_progress_cb : NULL, data,
                            cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) td_site_publish_result_free);
}

void
td_site_publish_async (const char                  *dir,
                       const TdSitePublishOptions  *options,
                       TdSitePublishProgressFunc    progress,
                       gpointer                     progress_data,
                       GCancellable                *cancellable,
                       GAsyncReadyCallback          callback,
                       gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PublishData *data = g_new0 (PublishData, 1);

  g_task_set_source_tag (task, &publish_tag);
  data->dir = g_strdup (dir);
  data->options.url = g_strdup (options->url);
  data->options.user = g_strdup (options->user);
  data->options.password = g_strdup (options->password);
  data->options.ssh_key = g_strdup (options->ssh_key);
  data->options.known_hosts = g_strdup (options->known_hosts);
  data->options.ca_file = g_strdup (options->ca_file);
  data->options.timeout = options->timeout;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);
  g_task_run_in_thread (task, publish_thread);
}

TdSitePublishResult *
td_site_publish_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &publish_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
