/* td-preview-print.c: printing a page in a web view of its own
 *
 * What Print prints is the web version as export writes it, not the pane
 * with its chrome (email frame, phone width, dark): a web view of its own
 * loads it, with the pane's settings and session, and nothing else may load
 * in it.
 */

#include "config.h"

#include "td-preview-print.h"

gboolean
td_preview_uri_equal (const char *a,
                      const char *b)
{
  g_autoptr(GUri) uri_a = NULL;
  g_autoptr(GUri) uri_b = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL ||
      (uri_a = g_uri_parse (a, G_URI_FLAGS_NONE, NULL)) == NULL ||
      (uri_b = g_uri_parse (b, G_URI_FLAGS_NONE, NULL)) == NULL)
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri_a), g_uri_get_scheme (uri_b)) == 0 &&
         g_strcmp0 (g_uri_get_host (uri_a), g_uri_get_host (uri_b)) == 0 &&
         g_strcmp0 (g_uri_get_path (uri_a), g_uri_get_path (uri_b)) == 0 &&
         g_strcmp0 (g_uri_get_query (uri_a), g_uri_get_query (uri_b)) == 0 &&
         g_strcmp0 (g_uri_get_fragment (uri_a), g_uri_get_fragment (uri_b)) == 0;
}


/* A print job holds its task until the print operation is over. */
typedef struct
{
  GTask            *task;            /* borrowed: the task owns this */
  WebKitWebView    *web_view;
  GtkPrintSettings *print_settings;
  GtkWindow        *parent;          /* of the print dialog; may be NULL */
  char             *base_uri;
  gboolean          loaded;
  gboolean          returned;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

  g_signal_handlers_disconnect_by_data (print->web_view, print);
  g_clear_object (&print->web_view);
  g_clear_object (&print->print_settings);
  g_clear_object (&print->parent);
  g_free (print->base_uri);
  g_free (print);
}

/* Ends the job: drops the task reference it held. */
static void
print_return (PrintData *print,
              GError    *error)
{
  if (print->returned)
    {
      g_clear_error (&error);
      return;
    }
  print->returned = TRUE;
  if (error != NULL)
    g_task_return_error (print->task, error);
  else
    g_task_return_boolean (print->task, TRUE);
}

/* Ends the job: drops the task reference it held. */
static void
print_end (PrintData *print,
           GError    *error)
{
  print_return (print, error);
  g_object_unref (print->task);
}

static gboolean
print_decide_policy_cb (WebKitWebView            *web_view,
                        WebKitPolicyDecision     *decision,
                        WebKitPolicyDecisionType  decision_type,
                        PrintData                *print)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (decision_type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  if (decision_type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && !print->loaded)
    {
      action = webkit_navigation_policy_decision_get_navigation_action (
        WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
      if (td_preview_uri_equal (uri, print->base_uri != NULL ? print->base_uri : "about:blank"))
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }
    }

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 PrintData            *print)
{
  /* ::finished follows. */
  print_return (print, g_error_copy (error));
}

static void
print_finished_cb (WebKitPrintOperation *operation,
                   PrintData            *print)
{
  g_signal_handlers_disconnect_by_data (operation, print);
  g_object_unref (operation);
  print_end (print, NULL);
}

static void
print_load_changed_cb (WebKitWebView   *web_view,
                       WebKitLoadEvent  load_event,
                       PrintData       *print)
{
  WebKitPrintOperation *operation;

  if (load_event != WEBKIT_LOAD_FINISHED || print->loaded)
    return;
  print->loaded = TRUE;

  /* Owned by the job until ::finished. */
  operation = webkit_print_operation_new (web_view);
  g_signal_connect (operation, "failed", G_CALLBACK (print_failed_cb), print);
  g_signal_connect (operation, "finished", G_CALLBACK (print_finished_cb), print);

  if (print->print_settings != NULL)
    {
      webkit_print_operation_set_print_settings (operation, print->print_settings);
      webkit_print_operation_print (operation);
      return;
    }

  if (webkit_print_operation_run_dialog (operation, print->parent)
      == WEBKIT_PRINT_OPERATION_RESPONSE_CANCEL)
    {
      g_signal_handlers_disconnect_by_data (operation, print);
      g_object_unref (operation);
      print_end (print, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             "Printing was cancelled"));
    }
}

static gboolean
print_load_failed_cb (WebKitWebView   *web_view,
                      WebKitLoadEvent  load_event,
                      const char      *failing_uri,
                      GError          *error,
                      PrintData       *print)
{
  if (!print->loaded)
    {
      print->loaded = TRUE;
      print_end (print, g_error_copy (error));
    }
  return TRUE;
}

void
td_preview_print_async (WebKitSettings          *settings,
                        WebKitNetworkSession    *session,
                        WebKitUserContentFilter *filter,
                        GtkWindow               *parent,
                        GBytes                  *html,
                        const char              *base_uri,
                        GtkPrintSettings        *print_settings,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  GTask *task;
  PrintData *print;

  g_return_if_fail (html != NULL);
  g_return_if_fail (!print_settings || GTK_IS_PRINT_SETTINGS (print_settings));

  if (filter != NULL)
    webkit_user_content_manager_add_filter (manager, filter);

  /* This reference is the job's, dropped by print_end(). */
  task = g_task_new (NULL, cancellable, callback, user_data);

  print = g_new0 (PrintData, 1);
  print->task = task;
  print->web_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                     "settings", settings,
                                                     "network-session", session,
                                                     "user-content-manager", manager,
                                                     NULL));
  print->print_settings = print_settings != NULL ? g_object_ref (print_settings) : NULL;
  print->parent = parent != NULL ? g_object_ref (parent) : NULL;
  print->base_uri = g_strdup (base_uri);
  g_task_set_task_data (task, print, print_data_free);

  g_signal_connect (print->web_view, "decide-policy", G_CALLBACK (print_decide_policy_cb), print);
  g_signal_connect (print->web_view, "load-changed", G_CALLBACK (print_load_changed_cb), print);
  g_signal_connect (print->web_view, "load-failed", G_CALLBACK (print_load_failed_cb), print);
  webkit_web_view_load_bytes (print->web_view, html, "text/html", "UTF-8", base_uri);
}

gboolean
td_preview_print_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
