/* td-send-test.c: the issue's .eml, sent to one address to look at */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-json-path.h"
#include "td-publish-error.h"
#include "td-publish-render.h"
#include "td-send-test.h"

static const char *
envelope_sender (JsonNode                *root,
                 const TdSendTestOptions *options)
{
  JsonObject *practice = td_json_get_object (json_node_get_object (root), "practice");

  if (options->smtp.user != NULL && strchr (options->smtp.user, '@') != NULL)
    return options->smtp.user;
  return td_json_get_string (practice, "email");
}

gboolean
td_send_test (JsonNode                *root,
              const char              *base_dir,
              const TdSendTestOptions *options,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(GBytes) message = NULL;
  const char *from;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* Settings first: a typo is reported before anything is rendered. */
  if (!td_smtp_check_url (options->smtp.url, NULL, error))
    return FALSE;
  if (options->to == NULL || strchr (options->to, '@') == NULL)
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                   _("“%s” is not an email address: give the address to send the test to"),
                   options->to != NULL ? options->to : "");
      return FALSE;
    }

  message = td_publish_render_test_message (root, base_dir, options->to, options->date, error);
  if (message == NULL)
    return FALSE;
  from = envelope_sender (root, options);
  return td_smtp_send (&options->smtp, from, options->to, message, cancellable, error);
}

/* What the worker thread owns. */
typedef struct
{
  JsonNode *root;
  char *base_dir;
  char *url;
  char *user;
  char *password;
  char *ca_file;
  char *to;
  TdSendTestOptions options;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_pointer (&data->root, json_node_unref);
  g_free (data->base_dir);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->ca_file);
  g_free (data->to);
  g_free (data);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendData *data = task_data;
  GError *error = NULL;

  if (td_send_test (data->root, data->base_dir, &data->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Tells our tasks from others in _finish(). */
static char send_tag;

void
td_send_test_async (JsonNode                *root,
                    const char              *base_dir,
                    const TdSendTestOptions *options,
                    GCancellable            *cancellable,
                    GAsyncReadyCallback      callback,
                    gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (root != NULL);
  g_return_if_fail (options != NULL);

  data = g_new0 (SendData, 1);
  data->root = td_json_node_deep_copy (root);
  data->base_dir = g_strdup (base_dir);
  data->url = g_strdup (options->smtp.url);
  data->user = g_strdup (options->smtp.user);
  data->password = g_strdup (options->smtp.password);
  data->ca_file = g_strdup (options->smtp.ca_file);
  data->to = g_strdup (options->to);
  data->options = (TdSendTestOptions) {
    { data->url, data->user, data->password, data->ca_file, options->smtp.timeout },
    data->to, options->date
  };

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &send_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  g_task_run_in_thread (task, send_thread);
}

gboolean
td_send_test_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &send_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
