/* td-mailchimp.c: the hand-off to Mailchimp's Marketing API (3.0)
 *
 * Pictures: POST /file-manager/files (base64 in JSON) → full_size_url.
 * Draft: POST /campaigns (type "regular", settings), or for a recorded
 * campaign GET /campaigns/ID then PATCH /campaigns/ID; then
 * PUT /campaigns/ID/content with the HTML and the plain text. Never
 * /actions/send, /actions/schedule or /actions/test. The documentation
 * pages each request was checked against are listed in docs/delivery.md.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-handoff-private.h"
#include "td-publish-error.h"

/* "us6" from "…-us6": the data centre the account lives in. */
static char *
data_centre (const char *key)
{
  const char *dash = strrchr (key, '-');

  if (dash == NULL || strlen (dash + 1) < 2 || strlen (dash + 1) > 8
      || !g_ascii_isalpha (dash[1]))
    return NULL;
  for (const char *p = dash + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;
  return g_ascii_strdown (dash + 1, -1);
}

static gboolean
mailchimp_prepare (TdHandoffJob  *job,
                   GError       **error)
{
  const TdHandoffOptions *options = job->options;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;

  job->account = data_centre (options->api_key);
  if (options->api_base != NULL)
    job->http.base = g_strdup (options->api_base);
  else if (job->account != NULL)
    job->http.base = g_strdup_printf ("https://%s.api.mailchimp.com/3.0", job->account);
  else
    {
      g_set_error_literal (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH,
                           _("This is not a Mailchimp API key: a key ends in its data "
                             "centre, such as “-us6”. Copy it again from Mailchimp "
                             "(Profile › Extras › API keys)"));
      return FALSE;
    }

  /* HTTP Basic with any user name and the key as the password. */
  credentials = g_strconcat ("tidings:", options->api_key, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  job->http.authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (credentials, 0, strlen (credentials));

  /* A campaign's settings must have both, and a mistake here is better
   * found before the pictures go up. */
  if (_td_handoff_get_practice_string (job, "email")[0] == '\0'
      || _td_handoff_get_practice_string (job, "name")[0] == '\0')
    {
      g_set_error_literal (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID,
                           _("Mailchimp needs your name and your email address for the "
                             "campaign’s sender and replies: add them to your practice "
                             "details"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
mailchimp_upload_picture (TdHandoffJob  *job,
                          const char    *name,
                          const char    *mime_type,
                          GBytes        *data,
                          char         **url,
                          char         **id,
                          GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *encoded = NULL;
  gsize size;
  const guchar *bytes = g_bytes_get_data (data, &size);

  encoded = g_base64_encode (bytes, size);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "file_data");
  json_builder_add_string_value (builder, encoded);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = td_http_json (&job->http, "POST", "/file-manager/files", body, error);
  if (answer == NULL)
    return FALSE;
  *url = _td_handoff_dup_member (answer, "full_size_url");
  *id = _td_handoff_dup_member (answer, "id");
  return TRUE;
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

/* {"type": "regular", "settings": {…}}; the type only when creating. */
static JsonNode *
campaign_body (TdHandoffJob *job,
               gboolean      create)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (create)
    add_string (builder, "type", "regular");
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  add_string (builder, "subject_line", _td_handoff_get_issue_string (job, "subject"));
  add_string (builder, "preview_text", _td_handoff_get_issue_string (job, "preheader"));
  add_string (builder, "title", _td_handoff_get_issue_string (job, "title"));
  add_string (builder, "from_name", _td_handoff_get_practice_string (job, "name"));
  add_string (builder, "reply_to", _td_handoff_get_practice_string (job, "email"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Campaign statuses (GET /campaigns/{id}): "save" and "paused" can still
 * be changed; after "sent", "canceled" or "archived" a new draft is made. */
static const char * const editable_statuses[] = { "save", "paused", NULL };
static const char * const finished_statuses[] = { "sent", "canceled", "archived", NULL };

static gboolean
mailchimp_save_draft (TdHandoffJob  *job,
                      const char    *html,
                      const char    *text,
                      GError       **error)
{
  const char *previous_id = _td_handoff_get_previous_id (job);
  g_autoptr(JsonNode) campaign = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *web_id = NULL;
  GError *local_error = NULL;

  if (previous_id != NULL)
    {
      g_autofree char *recorded = g_uri_escape_string (previous_id, NULL, FALSE);
      g_autofree char *get = g_strdup_printf ("/campaigns/%s?fields=id,web_id,status", recorded);

      campaign = _td_handoff_get_recorded (job, get, editable_statuses, finished_statuses,
                                           &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  settings = campaign_body (job, campaign == NULL);
  if (campaign != NULL)
    {
      escaped = g_uri_escape_string (previous_id, NULL, FALSE);
      path = g_strconcat ("/campaigns/", escaped, NULL);
      answer = td_http_json (&job->http, "PATCH", path, settings, error);
    }
  else
    answer = td_http_json (&job->http, "POST", "/campaigns", settings, error);
  if (answer == NULL)
    return FALSE;

  job->id = _td_handoff_dup_member (answer, "id");
  web_id = _td_handoff_dup_member (answer, "web_id");
  job->created = campaign == NULL;
  if (job->id == NULL)
    return TRUE;   /* td_handoff() says so */
  if (web_id != NULL && job->account != NULL)
    job->url = g_strdup_printf ("https://%s.admin.mailchimp.com/campaigns/show/?id=%s",
                                job->account, web_id);

  json_builder_begin_object (builder);
  add_string (builder, "html", html);
  add_string (builder, "plain_text", text);
  json_builder_end_object (builder);
  content = json_builder_get_root (builder);
  g_clear_pointer (&escaped, g_free);
  g_clear_pointer (&path, g_free);
  escaped = g_uri_escape_string (job->id, NULL, FALSE);
  path = g_strconcat ("/campaigns/", escaped, "/content", NULL);
  g_clear_pointer (&answer, json_node_unref);
  answer = td_http_json (&job->http, "PUT", path, content, error);
  return answer != NULL;
}

const TdServiceClass td_mailchimp_class = {
  mailchimp_prepare,
  mailchimp_upload_picture,
  mailchimp_save_draft,
};
