/* td-cli-export.c: "export" and "check" */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "td-checks.h"
#include "td-cli.h"
#include "td-export.h"
#include "td-json-path.h"
#include "td-render.h"

static gboolean
write_output (const char  *output,
              GBytes      *bytes,
              GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_str_equal (output, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not write to standard output"));
          return FALSE;
        }
      return TRUE;
    }
  return td_export_write_file (output, data, length, error);
}

/* Whether writing the export to @output would touch the issue itself: its
 * file, or (for the web folder) its own folder, whose pictures the export
 * would copy onto themselves. Paths that don't exist yet touch nothing. */
static gboolean
output_touches_issue (const char     *output,
                      const char     *issue_path,
                      TdRenderFormat  format)
{
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);
  g_autoptr(GFile) issue = g_file_new_for_commandline_arg (issue_path);
  g_autoptr(GFile) folder = g_file_get_parent (issue);
  g_autoptr(GFileInfo) out_info = NULL;
  const char *attributes = G_FILE_ATTRIBUTE_ID_FILE;

  if (g_file_equal (out, issue) || (format == TD_RENDER_WEB && folder != NULL &&
                                    g_file_equal (out, folder)))
    return TRUE;
  /* The same file by another name: a link, "./", "../here/…". */
  out_info = g_file_query_info (out, attributes, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (out_info == NULL)
    return FALSE;
  for (GFile *candidate = issue; candidate != NULL;
       candidate = candidate == issue && format == TD_RENDER_WEB ? folder : NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (candidate, attributes,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info != NULL && g_strcmp0 (g_file_info_get_attribute_string (info, attributes),
                                     g_file_info_get_attribute_string (out_info, attributes)) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The email as pasted into a mailing service: over Gmail's clipping limit
 * it loses its footer and unsubscribe link, so that is refused. */
static gboolean
check_email_size (const char *path,
                  gsize       length)
{
  if (length > TD_EMAIL_SIZE_ERROR)
    {
      g_printerr (_("%s: error: the email is %zu bytes; Gmail clips messages of about 102 KB, "
                    "hiding the footer and the unsubscribe link, and mailing services add "
                    "their own code. Keep it under %d bytes: shorten the texts or move some "
                    "to the web version"),
                  path, length, TD_EMAIL_SIZE_ERROR);
      g_printerr ("\n");
      return FALSE;
    }
  if (length > TD_EMAIL_SIZE_WARNING)
    {
      g_printerr (_("%s: warning: the email is %zu bytes, close to Gmail's clipping limit "
                    "of about 102 KB"), path, length);
      g_printerr ("\n");
    }
  return TRUE;
}

/* Email pictures are fetched from the web version: without its address
 * they would be broken in every inbox. */
static gboolean
has_public_base_url (const TdRenderContext *context,
                     const char            *path)
{
  if (td_json_get_string (td_render_get_issue (context), "public_base_url")[0] != '\0')
    return TRUE;
  g_printerr (_("%s: error: issue.public_base_url: the email’s pictures are loaded from the "
                "web version; set the web address where you upload it (or export "
                "--format=eml without --linked-images, which carries the pictures inside)"), path);
  g_printerr ("\n");
  return FALSE;
}

int
td_cli_export (const TdCliCommand  *command,
               int                  argc,
               char               **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean linked = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("What to export: web, email, text or eml"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: a folder for web, a file (or - for standard output) otherwise"),
      N_("PATH") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Sender of the .eml (default: the practice’s email)"), N_("ADDRESS") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Recipient of the .eml"), N_("ADDRESS") },
    { "linked-images", 0, 0, G_OPTION_ARG_NONE, &linked,
      N_("Link the .eml’s pictures to the web version (under public_base_url, where it must "
         "be uploaded) instead of carrying them inside"), NULL },
    { NULL }
  };
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TdRenderContext context = { NULL, NULL, TD_IMAGE_URL_RELATIVE };
  TdRenderFormat format;
  gboolean ok;

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (format_name == NULL || !td_render_format_from_string (format_name, &format))
    return td_cli_usage_error (command, _("give --format=web, email, text or eml"));
  if (output == NULL || output[0] == '\0')
    return td_cli_usage_error (command, _("give the output with -o"));
  if (format == TD_RENDER_WEB && g_str_equal (output, "-"))
    return td_cli_usage_error (command, _("the web version is a folder; -o - is not possible"));
  if (argc != 2)
    return td_cli_usage_error (command, _("give exactly one file"));

  document = td_cli_load (argv[1]);
  if (document == NULL)
    return TD_CLI_FAILED;
  if (!g_str_equal (output, "-") && output_touches_issue (output, argv[1], format))
    {
      /* Translators: the first %s is the issue file, the second the -o path */
      g_printerr (_("%s: error: -o %s would overwrite the issue itself: write the export "
                    "somewhere else"), argv[1], output);
      g_printerr ("\n");
      return TD_CLI_FAILED;
    }
  context.root = td_document_get_root (document);
  context.base_dir = td_document_get_base_dir (document);
  /* The email's pictures are fetched from the web version. */
  if (format == TD_RENDER_EMAIL)
    context.image_urls = TD_IMAGE_URL_ABSOLUTE;
  context.eml = (TdEmlOptions) { from, to, td_cli_message_date (), NULL, linked };

  if ((format == TD_RENDER_EMAIL || (format == TD_RENDER_EML && linked))
      && !has_public_base_url (&context, argv[1]))
    return TD_CLI_FAILED;
  if (format == TD_RENDER_WEB)
    {
      ok = td_export_web (&context, output, &error);
    }
  else
    {
      bytes = td_render (format, &context, &error);
      if (bytes != NULL && format == TD_RENDER_EMAIL
          && !check_email_size (argv[1], g_bytes_get_size (bytes)))
        return TD_CLI_FAILED;
      ok = bytes != NULL && write_output (output, bytes, &error);
    }

  if (!ok)
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }
  return TD_CLI_OK;
}

int
td_cli_check (const TdCliCommand  *command,
              int                  argc,
              char               **argv)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;
  g_autofree char *library = NULL;
  TdRenderContext context = { NULL, NULL, TD_IMAGE_URL_ABSOLUTE };
  gboolean linked = FALSE;
  const GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library,
      N_("The library folder, whose issues a tip or article should not repeat (default: "
         "the folder above the issue’s month folder)"), N_("DIR") },
    { "linked-images", 0, 0, G_OPTION_ARG_NONE, &linked,
      N_("The email links its pictures to the web version: they need public_base_url"), NULL },
    { NULL }
  };

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (argc != 2)
    return td_cli_usage_error (command, _("give exactly one file"));
  document = td_cli_load (argv[1]);
  if (document == NULL)
    return TD_CLI_FAILED;
  context.eml.linked_images = linked;
  context.root = td_document_get_root (document);
  context.base_dir = td_document_get_base_dir (document);
  td_checks_run_for_file (&context, argv[1], library, diags);
  td_cli_check_spelling (context.root, diags);
  td_cli_print_diagnostics (diags, argv[1]);
  return td_diagnostics_has_errors (diags) ? TD_CLI_FAILED : TD_CLI_OK;
}
