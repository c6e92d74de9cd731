/* td-handoff.c: the issue handed to a mailing service as a draft */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "td-handoff-private.h"
#include "td-html.h"
#include "td-image-info.h"
#include "td-issue.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-picture-derive.h"
#include "td-progress-relay.h"
#include "td-publish-error.h"
#include "td-publish-render.h"

/* Far above any newsletter picture; both services refuse bigger files. */
#define MAX_PICTURE_BYTES (10 * 1024 * 1024)
#define DEFAULT_MAX_WAIT 60

struct _TdHandoffResult
{
  TdService  service;
  char      *id;
  char      *url;
  gboolean   created;
  guint      uploaded;
  guint      kept;
  JsonNode  *record;
  char      *warning;
};

static const struct
{
  const char           *name;
  const char           *title;
  const TdServiceClass *klass;
  const char           *unsubscribe_tag;   /* the merge tag it fills in */
} services[] = {
  [TD_SERVICE_MAILCHIMP] = { "mailchimp", "Mailchimp", &td_mailchimp_class, "*|UNSUB|*" },
  [TD_SERVICE_BUTTONDOWN] = { "buttondown", "Buttondown", &td_buttondown_class,
                              "{{ unsubscribe_url }}" },
};

const char *
td_service_to_string (TdService service)
{
  g_return_val_if_fail (service < G_N_ELEMENTS (services), NULL);
  return services[service].name;
}

gboolean
td_service_from_string (const char *name,
                        TdService  *service)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_strcmp0 (name, services[i].name) == 0)
      {
        *service = (TdService) i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_service_get_title (TdService service)
{
  g_return_val_if_fail (service < G_N_ELEMENTS (services), NULL);
  return services[service].title;
}

gboolean
td_handoff_check_api_base (const char  *url,
                           GError     **error)
{
  return td_http_check_base (url, error);
}

/* -- Helpers for the services -------------------------------------------- */

const char *
_td_handoff_get_issue_string (TdHandoffJob *job,
                              const char   *key)
{
  JsonObject *issue = td_json_get_object (json_node_get_object (job->root), "issue");

  if (g_str_equal (key, "subject") && td_json_get_string (issue, "subject")[0] == '\0')
    return td_json_get_string (issue, "title");
  return td_json_get_string (issue, key);
}

const char *
_td_handoff_get_practice_string (TdHandoffJob *job,
                                 const char   *key)
{
  return td_json_get_string (td_json_get_object (json_node_get_object (job->root), "practice"),
                             key);
}

const char *
_td_handoff_get_previous_id (TdHandoffJob *job)
{
  const char *id = job->previous != NULL ? td_json_get_string (job->previous, "id") : "";

  return id[0] != '\0' ? id : NULL;
}

char *
_td_handoff_dup_member (JsonNode   *answer,
                        const char *key)
{
  JsonNode *node;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  node = json_object_get_member (json_node_get_object (answer), key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

JsonNode *
_td_handoff_get_recorded (TdHandoffJob       *job,
                          const char         *path,
                          const char * const *editable,
                          const char * const *finished,
                          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) answer = td_http_json (&job->http, "GET", path, NULL, &local_error);
  g_autofree char *status = NULL;

  if (answer == NULL)
    {
      if (!g_error_matches (local_error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  status = _td_handoff_dup_member (answer, "status");
  if (status != NULL && g_strv_contains (editable, status))
    return g_steal_pointer (&answer);
  if (status != NULL && g_strv_contains (finished, status))
    return NULL;
  g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_NOT_A_DRAFT,
               /* Translators: %s are "Mailchimp" or "Buttondown", and a status */
               _("This issue’s draft in %s is scheduled or being sent (status “%s”), so "
                 "Tidings won’t change it. Unschedule it in %s first, then hand the issue "
                 "off again"), job->http.service, status != NULL ? status : "",
               job->http.service);
  return NULL;
}

/* Another service's unsubscribe tag would reach her readers as text, with
 * no way to leave the list: said, not refused (the draft can be fixed in
 * the service too). */
static char *
check_unsubscribe (JsonNode  *root,
                   TdService  service)
{
  JsonObject *issue = td_json_get_object (json_node_get_object (root), "issue");
  const char *url = td_json_get_string (issue, "unsubscribe_url");
  const char *tag = services[service].unsubscribe_tag;

  if (!td_url_is_merge_tag (url) || g_str_equal (url, tag))
    return NULL;
  /* Translators: the unsubscribe tag, "Mailchimp", the tag it fills in */
  return g_strdup_printf (_("The unsubscribe link is “%s”, which %s doesn’t fill in: your "
                            "readers couldn’t unsubscribe. Change it to %s in the issue "
                            "settings, then hand the issue off again"),
                          url, services[service].title, tag);
}

/* -- Pictures --------------------------------------------------------------- */

typedef struct
{
  char *src;
  char *cid;
  char *sha256;
  char *url;
  char *id;
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->src);
  g_free (picture->cid);
  g_free (picture->sha256);
  g_free (picture->url);
  g_free (picture->id);
  g_free (picture);
}

/* The pictures the email shows, in order: those whose cid: it uses. */
static GPtrArray *
list_email_pictures (JsonNode   *root,
                     const char *html)
{
  g_autoptr(GPtrArray) paths = td_issue_list_pictures (root);
  GPtrArray *pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *cid = td_publish_picture_cid (g_ptr_array_index (paths, i));
      g_autofree char *reference = g_strconcat ("cid:", cid, NULL);
      Picture *picture;

      if (strstr (html, reference) == NULL)
        continue;
      picture = g_new0 (Picture, 1);
      picture->src = g_strdup (g_ptr_array_index (paths, i));
      picture->cid = g_steal_pointer (&cid);
      g_ptr_array_add (pictures, picture);
    }
  return pictures;
}

/* The picture's bytes, as the .eml sends them: a regular file inside the
 * issue's folder, really a PNG, JPEG or GIF, derived. */
static GBytes *
read_picture (const char  *base_dir,
              const char  *src,
              const char **mime_type,
              GError     **error)
{
  const TdPictureLimits limits = { 0, TD_PICTURE_EMAIL_WIDTH, TRUE };
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GError) local_error = NULL;
  TdPictureResult result;
  struct stat st;

  if (!td_image_path_is_safe (src, &message))
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("Can’t upload the picture “%s”: %s"), src, message);
      return NULL;
    }
  path = g_build_filename (base_dir != NULL ? base_dir : ".", src, NULL);
  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_PICTURE_BYTES)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("Can’t upload the picture “%s”: it is missing, not a plain file or "
                     "larger than 10 MB"), src);
      return NULL;
    }
  /* Derived, as every export sends it: upright, without metadata, twice
   * the email's column at most (td-picture-derive.h). */
  picture = td_picture_derive (base_dir != NULL ? base_dir : ".", src, &limits, &result,
                               &local_error);
  if (picture == NULL)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("Can’t upload the picture “%s”: %s"), src, local_error->message);
      return NULL;
    }
  if ((*mime_type = td_image_format_mime_type (result.format)) == NULL)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("Can’t upload the picture “%s”: it is not a PNG, JPEG or GIF image"), src);
      return NULL;
    }
  return g_steal_pointer (&picture);
}

/* The hosted copy recorded for @src with this content, if any. */
static JsonObject *
find_hosted (JsonObject *previous,
             const char *src,
             const char *sha256)
{
  JsonArray *hosted = previous != NULL ? td_json_get_array (previous, "pictures") : NULL;

  for (guint i = 0; hosted != NULL && i < json_array_get_length (hosted); i++)
    {
      JsonNode *node = json_array_get_element (hosted, i);
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      if (g_str_equal (td_json_get_string (item, "src"), src)
          && g_str_equal (td_json_get_string (item, "sha256"), sha256)
          && td_json_get_string (item, "url")[0] != '\0')
        return item;
    }
  return NULL;
}

static void
report (TdHandoffProgressFunc  progress,
        gpointer               progress_data,
        TdHandoffStage         stage,
        guint                  index,
        guint                  n_pictures,
        const char            *src,
        guint                  wait_seconds)
{
  TdHandoffProgress p = { stage, index, n_pictures, src, wait_seconds };

  if (progress != NULL)
    progress (&p, progress_data);
}

static gboolean
host_pictures (TdHandoffJob           *job,
               const TdServiceClass   *klass,
               const char             *base_dir,
               GPtrArray              *pictures,
               TdHandoffProgressFunc   progress,
               gpointer                progress_data,
               TdHandoffResult        *result,
               GError                **error)
{
  for (guint i = 0; i < pictures->len; i++)
    {
      Picture *picture = g_ptr_array_index (pictures, i);
      g_autoptr(GBytes) data = NULL;
      g_autofree char *name = g_path_get_basename (picture->src);
      const char *mime_type = NULL;
      JsonObject *hosted;

      data = read_picture (base_dir, picture->src, &mime_type, error);
      if (data == NULL)
        return FALSE;
      picture->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);

      hosted = find_hosted (job->previous, picture->src, picture->sha256);
      if (hosted != NULL)
        {
          picture->url = g_strdup (td_json_get_string (hosted, "url"));
          picture->id = g_strdup (td_json_get_string (hosted, "id"));
          result->kept++;
          report (progress, progress_data, TD_HANDOFF_KEPT, i, pictures->len, picture->src, 0);
          continue;
        }

      report (progress, progress_data, TD_HANDOFF_UPLOADING, i, pictures->len, picture->src, 0);
      if (!klass->upload_picture (job, name, mime_type, data, &picture->url, &picture->id, error))
        {
          g_prefix_error (error, _("Uploading “%s”: "), picture->src);
          return FALSE;
        }
      if (picture->url == NULL)
        {
          g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                       _("%s did not say where it keeps the picture “%s”"),
                       job->http.service, picture->src);
          return FALSE;
        }
      result->uploaded++;
    }
  return TRUE;
}

/* The HTML with every cid: URL of a picture replaced by its hosted URL. */
static char *
point_at_hosted (const char *html,
                 GPtrArray  *pictures)
{
  GString *out = g_string_new (html);

  for (guint i = 0; i < pictures->len; i++)
    {
      Picture *picture = g_ptr_array_index (pictures, i);
      g_autofree char *reference = g_strconcat ("cid:", picture->cid, NULL);
      /* The renderer writes URLs in attributes, escaped. */
      g_autofree char *url = g_markup_escape_text (picture->url, -1);

      g_string_replace (out, reference, url, 0);
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
build_record (TdHandoffJob *job,
              GPtrArray    *pictures)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, job->id);
  if (job->url != NULL)
    {
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, job->url);
    }
  json_builder_set_member_name (builder, "pictures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pictures->len; i++)
    {
      Picture *picture = g_ptr_array_index (pictures, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "src");
      json_builder_add_string_value (builder, picture->src);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, picture->sha256);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, picture->url);
      if (picture->id != NULL)
        {
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, picture->id);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct
{
  TdHandoffProgressFunc progress;
  gpointer              progress_data;
} WaitData;

static void
wait_cb (guint    seconds,
         gpointer user_data)
{
  WaitData *wait = user_data;

  report (wait->progress, wait->progress_data, TD_HANDOFF_WAITING, 0, 0, NULL, seconds);
}

static void
job_clear (TdHandoffJob *job)
{
  g_free ((char *) job->http.base);
  g_free ((char *) job->http.authorization);
  g_free (job->account);
  g_free (job->id);
  g_free (job->url);
}

TdHandoffResult *
td_handoff (JsonNode                *root,
            const char              *base_dir,
            const TdHandoffOptions  *options,
            TdHandoffProgressFunc    progress,
            gpointer                 progress_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  const TdServiceClass *klass;
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  g_autofree char *html_cid = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  TdHandoffJob job = { 0 };
  WaitData wait = { progress, progress_data };
  JsonObject *delivery;
  gboolean ok;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  g_return_val_if_fail (options != NULL && options->service < G_N_ELEMENTS (services), NULL);

  klass = services[options->service].klass;
  if (options->api_key == NULL || options->api_key[0] == '\0')
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH,
                   _("Give your %s API key"), services[options->service].title);
      return NULL;
    }
  if (options->api_base != NULL && !td_handoff_check_api_base (options->api_base, error))
    return NULL;

  delivery = td_json_get_object (json_node_get_object (root), "delivery");
  job.options = options;
  job.root = root;
  job.previous = delivery != NULL
    ? td_json_get_object (delivery, services[options->service].name) : NULL;
  job.http = (TdHttpClient) {
    services[options->service].title, NULL, NULL, options->ca_file, options->timeout,
    options->max_wait > 0 ? options->max_wait : DEFAULT_MAX_WAIT, wait_cb, &wait, cancellable
  };

  result = g_new0 (TdHandoffResult, 1);
  result->service = options->service;

  ok = klass->prepare (&job, error);
  /* Paths start with "/": one base, however it was written. */
  if (ok && g_str_has_suffix (job.http.base, "/"))
    ((char *) job.http.base)[strlen (job.http.base) - 1] = '\0';
  if (ok)
    {
      html_cid = td_publish_render_email_cid (root, base_dir);
      text = td_publish_render_text (root, base_dir);
      pictures = list_email_pictures (root, html_cid);
      ok = host_pictures (&job, klass, base_dir, pictures, progress, progress_data, result,
                          error);
    }
  if (ok)
    {
      html = point_at_hosted (html_cid, pictures);
      report (progress, progress_data, TD_HANDOFF_SAVING, 0, pictures->len, NULL, 0);
      ok = klass->save_draft (&job, html, text, error);
      if (ok && job.id == NULL)
        {
          g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                       _("%s did not say which draft it made"), job.http.service);
          ok = FALSE;
        }
    }
  if (ok)
    {
      result->id = g_strdup (job.id);
      result->url = g_strdup (job.url);
      result->created = job.created;
      result->record = build_record (&job, pictures);
      result->warning = check_unsubscribe (root, options->service);
    }
  job_clear (&job);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* -- In a worker thread ---------------------------------------------------- */

typedef struct
{
  JsonNode              *root;
  char                  *base_dir;
  char                  *api_key;
  char                  *api_base;
  char                  *ca_file;
  TdHandoffOptions       options;
  TdHandoffProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
} HandoffData;

static void
handoff_data_free (HandoffData *data)
{
  g_clear_pointer (&data->root, json_node_unref);
  g_free (data->base_dir);
  if (data->api_key != NULL)
    memset (data->api_key, 0, strlen (data->api_key));
  g_free (data->api_key);
  g_free (data->api_base);
  g_free (data->ca_file);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

/* In the worker: hands the report to the caller's main context. */
static void
thread_progress_cb (const TdHandoffProgress *progress,
                    gpointer                 user_data)
{
  HandoffData *data = user_data;

  td_progress_relay (data->context, progress, sizeof *progress,
                     G_STRUCT_OFFSET (TdHandoffProgress, src), G_CALLBACK (data->progress),
                     data->progress_data);
}

static void
handoff_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HandoffData *data = task_data;
  GError *error = NULL;
  TdHandoffResult *result;

  result = td_handoff (data->root, data->base_dir, &data->options,
                       data->progress != NULL ? thread_progress_cb : NULL, data,
                       cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) td_handoff_result_free);
}

/* Tells our tasks from others in _finish(). */
static char handoff_tag;

void
td_handoff_async (JsonNode                *root,
                  const char              *base_dir,
                  const TdHandoffOptions  *options,
                  TdHandoffProgressFunc    progress,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  GAsyncReadyCallback      callback,
                  gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  HandoffData *data;

  g_return_if_fail (root != NULL);
  g_return_if_fail (options != NULL);

  data = g_new0 (HandoffData, 1);
  data->root = td_json_node_deep_copy (root);
  data->base_dir = g_strdup (base_dir);
  data->api_key = g_strdup (options->api_key);
  data->api_base = g_strdup (options->api_base);
  data->ca_file = g_strdup (options->ca_file);
  data->options = *options;
  data->options.api_key = data->api_key;
  data->options.api_base = data->api_base;
  data->options.ca_file = data->ca_file;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &handoff_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) handoff_data_free);
  g_task_run_in_thread (task, handoff_thread);
}

TdHandoffResult *
td_handoff_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &handoff_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- The result ------------------------------------------------------------ */

TdService
td_handoff_result_get_service (const TdHandoffResult *result)
{
  return result->service;
}

const char *
td_handoff_result_get_id (const TdHandoffResult *result)
{
  return result->id;
}

const char *
td_handoff_result_get_url (const TdHandoffResult *result)
{
  return result->url;
}

gboolean
td_handoff_result_get_created (const TdHandoffResult *result)
{
  return result->created;
}

guint
td_handoff_result_get_uploaded (const TdHandoffResult *result)
{
  return result->uploaded;
}

guint
td_handoff_result_get_kept (const TdHandoffResult *result)
{
  return result->kept;
}

JsonNode *
td_handoff_result_get_record (const TdHandoffResult *result)
{
  return result->record;
}

const char *
td_handoff_result_get_warning (const TdHandoffResult *result)
{
  return result->warning;
}

void
td_handoff_result_free (TdHandoffResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->url);
  g_free (result->warning);
  g_clear_pointer (&result->record, json_node_unref);
  g_free (result);
}

void
td_handoff_record (TdDocument            *document,
                   const TdHandoffResult *result)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_DOCUMENT (document));
  g_return_if_fail (result != NULL && result->record != NULL);

  path = g_strconcat ("delivery.", services[result->service].name, NULL);
  td_document_set (document, path, result->record, TD_EDIT_NONE);
}
