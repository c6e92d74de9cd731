/* td-buttondown.c: the hand-off to Buttondown's API (v1)
 *
 * Pictures: POST /images (multipart/form-data, field "image") → "image",
 * the hosted URL. Draft: POST /emails with "status": "draft" -- left out,
 * Buttondown sends the email at once -- or for a recorded email GET
 * /emails/ID then PATCH /emails/ID, again with "status": "draft". The
 * documentation pages each request was checked against are listed in
 * docs/delivery.md.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-handoff-private.h"
#include "td-publish-error.h"

#define API_BASE "https://api.buttondown.com/v1"
#define APP_EMAILS "https://buttondown.com/emails/"

/* Buttondown guesses whether a body is markdown or HTML; this comment
 * tells it, so that the email's tables are kept as they are. */
#define RAW_HTML_MARK "<!-- buttondown-editor-mode: plaintext -->\n"

static gboolean
buttondown_prepare (TdHandoffJob  *job,
                    GError       **error)
{
  const char *base = job->options->api_base != NULL ? job->options->api_base : API_BASE;

  job->http.base = g_strdup (base);
  job->http.authorization = g_strconcat ("Token ", job->options->api_key, NULL);
  return TRUE;
}

static gboolean
buttondown_upload_picture (TdHandoffJob  *job,
                           const char    *name,
                           const char    *mime_type,
                           GBytes        *data,
                           char         **url,
                           char         **id,
                           GError       **error)
{
  g_autoptr(JsonNode) answer = td_http_upload (&job->http, "/images", "image", name, mime_type,
                                               data, error);

  if (answer == NULL)
    return FALSE;
  *url = _td_handoff_dup_member (answer, "image");
  *id = _td_handoff_dup_member (answer, "id");
  return TRUE;
}

static JsonNode *
email_body (TdHandoffJob *job,
            const char   *html)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = g_strconcat (RAW_HTML_MARK, html, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, _td_handoff_get_issue_string (job, "subject"));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, _td_handoff_get_issue_string (job, "preheader"));
  /* Never left out: without it, Buttondown sends to every subscriber. */
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "draft");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Email statuses (GET /emails/{id}): a "draft" is updated; after "sent"
 * or "imported" a new draft is made. */
static const char * const editable_statuses[] = { "draft", NULL };
static const char * const finished_statuses[] = { "sent", "imported", NULL };

static gboolean
buttondown_save_draft (TdHandoffJob  *job,
                       const char    *html,
                       const char    *text,
                       GError       **error)
{
  const char *previous_id = _td_handoff_get_previous_id (job);
  g_autoptr(JsonNode) body = email_body (job, html);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;
  GError *local_error = NULL;
  gboolean update = FALSE;

  if (previous_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (previous_id, NULL, FALSE);
      g_autoptr(JsonNode) recorded = NULL;

      path = g_strconcat ("/emails/", escaped, NULL);
      recorded = _td_handoff_get_recorded (job, path, editable_statuses, finished_statuses,
                                           &local_error);
      update = recorded != NULL;
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  answer = update ? td_http_json (&job->http, "PATCH", path, body, error)
                  : td_http_json (&job->http, "POST", "/emails", body, error);
  if (answer == NULL)
    return FALSE;

  job->id = _td_handoff_dup_member (answer, "id");
  job->created = !update;
  status = _td_handoff_dup_member (answer, "status");
  if (job->id == NULL)
    return TRUE;   /* td_handoff() says so */
  /* Said loudly, should Buttondown ever ignore the status it was given. */
  if (status != NULL && !g_str_equal (status, "draft"))
    {
      g_set_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL,
                   _("Buttondown did not keep the email as a draft (its status is “%s”): "
                     "look at it in Buttondown at once"), status);
      return FALSE;
    }
  job->url = g_strconcat (APP_EMAILS, job->id, NULL);
  return TRUE;
}

const TdServiceClass td_buttondown_class = {
  buttondown_prepare,
  buttondown_upload_picture,
  buttondown_save_draft,
};
