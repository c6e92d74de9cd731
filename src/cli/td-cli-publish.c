/* td-cli-publish.c: "send-test", "handoff" and "publish", the commands
 * that use the network (through src/publish)
 *
 * Secrets come from the environment, never from arguments, which other
 * users can read in the process list: $TIDINGS_SMTP_PASSWORD,
 * $TIDINGS_API_KEY and $TIDINGS_PUBLISH_PASSWORD.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-cli.h"
#include "td-handoff.h"
#include "td-send-test.h"
#include "td-site-publish.h"

int
td_cli_send_test (const TdCliCommand  *command,
                  int                  argc,
                  char               **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *smtp = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca_file = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The address to send the test to"),
      N_("ADDRESS") },
    { "smtp", 0, 0, G_OPTION_ARG_STRING, &smtp,
      N_("The mail server: smtps://host:465, or smtp://host:587 with STARTTLS"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The user name on the mail server (the password comes from $TIDINGS_SMTP_PASSWORD)"),
      N_("NAME") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the certificates in this PEM file instead of the system’s"), N_("PEM") },
    { NULL }
  };
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TdSendTestOptions options = { { NULL } };

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (to == NULL)
    return td_cli_usage_error (command, _("give the address to send to with --to"));
  if (smtp == NULL)
    return td_cli_usage_error (command, _("give the mail server with --smtp"));
  if (argc != 2)
    return td_cli_usage_error (command, _("give exactly one file"));
  if (!td_smtp_check_url (smtp, NULL, &error))
    return td_cli_usage_error (command, "%s", error->message);

  document = td_cli_load (argv[1]);
  if (document == NULL)
    return TD_CLI_FAILED;

  options.smtp.url = smtp;
  options.smtp.user = user;
  options.smtp.password = g_getenv ("TIDINGS_SMTP_PASSWORD");
  options.smtp.ca_file = ca_file;
  options.to = to;
  options.date = td_cli_message_date ();
  if (user != NULL && options.smtp.password == NULL)
    return td_cli_usage_error (command, _("set TIDINGS_SMTP_PASSWORD to the password of “%s”"),
                               user);

  if (!td_send_test (td_document_get_root (document), td_document_get_base_dir (document),
                     &options, NULL, &error))
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }
  /* Translators: %s is an email address */
  g_print (_("Sent a test to %s"), to);
  g_print ("\n");
  return TD_CLI_OK;
}

static void
progress_cb (const TdHandoffProgress *progress,
             gpointer                 user_data)
{
  const char *path = user_data;

  switch (progress->stage)
    {
    case TD_HANDOFF_UPLOADING:
      /* Translators: "august.tidings: picture 2 of 13, images/logo.png: uploading" */
      g_printerr (_("%s: picture %u of %u, %s: uploading"), path, progress->index + 1,
                  progress->n_pictures, progress->src);
      break;
    case TD_HANDOFF_KEPT:
      g_printerr (_("%s: picture %u of %u, %s: already there"), path, progress->index + 1,
                  progress->n_pictures, progress->src);
      break;
    case TD_HANDOFF_WAITING:
      g_printerr (_("%s: the service asked to wait %u s"), path, progress->wait_seconds);
      break;
    case TD_HANDOFF_SAVING:
      g_printerr (_("%s: saving the draft"), path);
      break;
    default:
      return;
    }
  g_printerr ("\n");
}

int
td_cli_handoff (const TdCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autofree char *service_name = NULL;
  g_autofree char *api_base = NULL;
  g_autofree char *ca_file = NULL;
  const GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_name,
      N_("The mailing service: mailchimp or buttondown (the API key comes from "
         "$TIDINGS_API_KEY)"), N_("SERVICE") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("Another address for the service’s API (https://, or http:// to this computer)"),
      N_("URL") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the certificates in this PEM file instead of the system’s"), N_("PEM") },
    { NULL }
  };
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(TdHandoffResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TdHandoffOptions options = { 0 };

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (service_name == NULL || !td_service_from_string (service_name, &options.service))
    return td_cli_usage_error (command, _("give --service=mailchimp or --service=buttondown"));
  if (argc != 2)
    return td_cli_usage_error (command, _("give exactly one file"));
  if (api_base != NULL && !td_handoff_check_api_base (api_base, &error))
    return td_cli_usage_error (command, "%s", error->message);
  options.api_key = g_getenv ("TIDINGS_API_KEY");
  if (options.api_key == NULL || options.api_key[0] == '\0')
    return td_cli_usage_error (command, _("set TIDINGS_API_KEY to your %s API key"),
                               td_service_get_title (options.service));
  options.api_base = api_base;
  options.ca_file = ca_file;

  document = td_cli_load (argv[1]);
  if (document == NULL)
    return TD_CLI_FAILED;

  result = td_handoff (td_document_get_root (document), td_document_get_base_dir (document),
                       &options, progress_cb, argv[1], NULL, &error);
  if (result == NULL)
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }

  /* The draft's ids go into the file, so that the next hand-off updates
   * this draft; a failure here is reported, the draft stays made. */
  td_handoff_record (document, result);
  if (!td_document_save (document, NULL, FALSE, &error))
    {
      g_printerr (_("%s: error: the draft was saved in %s (%s), but its id could not be "
                    "written to the file: %s"), argv[1], td_service_get_title (options.service),
                  td_handoff_result_get_id (result), error->message);
      g_printerr ("\n");
      return TD_CLI_FAILED;
    }

  if (td_handoff_result_get_warning (result) != NULL)
    g_printerr ("%s: warning: %s\n", argv[1], td_handoff_result_get_warning (result));
  g_print ("%s\n", td_handoff_result_get_id (result));
  if (td_handoff_result_get_url (result) != NULL)
    g_print ("%s\n", td_handoff_result_get_url (result));
  return TD_CLI_OK;
}

static void
site_progress_cb (const TdSitePublishProgress *progress,
                  gpointer                     user_data)
{
  switch (progress->stage)
    {
    case TD_SITE_COMPARING:
      g_printerr (_("Comparing with the published site…"));
      break;
    case TD_SITE_UPLOADING:
      /* Only when a file starts: a terminal needs no byte counts. */
      if (progress->sent > 0)
        return;
      {
        g_autofree char *size = g_format_size (progress->size);

        /* Translators: "file 2 of 13, 2023-08/index.html (5.1 kB)" */
        g_printerr (_("file %u of %u, %s (%s)"), progress->index + 1, progress->n_files,
                    progress->path, size);
      }
      break;
    case TD_SITE_DELETING:
      g_printerr (_("removing %s"), progress->path);
      break;
    case TD_SITE_FINISHING:
      g_printerr (_("writing the list of published files"));
      break;
    default:
      return;
    }
  g_printerr ("\n");
}

int
td_cli_publish (const TdCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ssh_key = NULL;
  g_autofree char *known_hosts = NULL;
  g_autofree char *ca_file = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Where to publish: sftp://host/folder or davs://host/folder"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The user name on the server (the password comes from $TIDINGS_PUBLISH_PASSWORD)"),
      N_("NAME") },
    { "ssh-key", 0, 0, G_OPTION_ARG_FILENAME, &ssh_key,
      N_("SFTP: log in with this private key (its passphrase from "
         "$TIDINGS_PUBLISH_PASSWORD)"), N_("FILE") },
    { "known-hosts", 0, 0, G_OPTION_ARG_FILENAME, &known_hosts,
      N_("SFTP: the servers’ keys met before (a new one is added)"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the certificates in this PEM file instead of the system’s"), N_("PEM") },
    { NULL }
  };
  g_autoptr(TdSitePublishResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TdSitePublishOptions options = { 0 };
  GPtrArray *uploaded;
  GPtrArray *deleted;

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (to == NULL)
    return td_cli_usage_error (command, _("give where to publish with --to"));
  if (argc != 2)
    return td_cli_usage_error (command, _("give exactly one folder"));
  if (!td_site_check_url (to, NULL, &error))
    return td_cli_usage_error (command, "%s", error->message);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    return td_cli_usage_error (command, _("“%s” is not a folder"), argv[1]);

  options.url = to;
  options.user = user;
  options.password = g_getenv ("TIDINGS_PUBLISH_PASSWORD");
  options.ssh_key = ssh_key;
  options.known_hosts = known_hosts;
  options.ca_file = ca_file;

  result = td_site_publish (argv[1], &options, site_progress_cb, NULL, NULL, &error);
  if (result == NULL)
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }
  if (td_site_publish_result_get_new_host_key (result) != NULL)
    {
      /* Translators: %s is a key's fingerprint, "SHA256:…" */
      g_printerr (_("The server was met for the first time; its key %s is trusted from now on"),
                  td_site_publish_result_get_new_host_key (result));
      g_printerr ("\n");
    }
  uploaded = td_site_publish_result_get_uploaded (result);
  deleted = td_site_publish_result_get_deleted (result);
  for (guint i = 0; i < uploaded->len; i++)
    g_print ("uploaded %s\n", (const char *) uploaded->pdata[i]);
  for (guint i = 0; i < deleted->len; i++)
    g_print ("deleted %s\n", (const char *) deleted->pdata[i]);
  g_printerr (_("Published: %u uploaded, %u unchanged, %u removed"), uploaded->len,
              td_site_publish_result_get_kept (result), deleted->len);
  g_printerr ("\n");
  return TD_CLI_OK;
}
