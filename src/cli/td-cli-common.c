/* td-cli-common.c: option parsing, loading and reporting for every command */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "td-cli.h"
#include "td-json-path.h"
#include "td-spelling.h"

gboolean
td_cli_parse_options (const TdCliCommand *command,
                      const GOptionEntry *entries,
                      int                *argc,
                      char             ***argv)
{
  g_autofree char *parameters = g_strdup_printf ("%s %s", command->name,
                                                 command->parameter_string);
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      td_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
td_cli_usage_error (const TdCliCommand *command,
                    const char         *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tidings-cli %s: %s\n", command->name, message);
  g_printerr (_("Try “tidings-cli %s --help” for more information."), command->name);
  g_printerr ("\n");
  return TD_CLI_USAGE;
}

void
td_cli_print_diagnostics (const TdDiagnostics *diags,
                          const char          *path)
{
  g_autofree char *text = td_diagnostics_format (diags, path);

  fputs (text, stderr);
}

void
td_cli_print_error (const char   *path,
                    const GError *error)
{
  g_printerr ("%s: error: %s\n", path, error->message);
}

TdDocument *
td_cli_load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  TdDocument *document = td_document_new_from_file (file, diags);

  td_cli_print_diagnostics (diags, path);
  return document;
}

gint64
td_cli_message_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && epoch[0] != '\0')
    return g_ascii_strtoll (epoch, NULL, 10);
  return g_get_real_time () / G_USEC_PER_SEC;
}

TdDocument *
td_cli_parse_and_load (const TdCliCommand  *command,
                       int                  argc,
                       char               **argv,
                       int                 *status)
{
  TdDocument *document;

  *status = TD_CLI_USAGE;
  if (!td_cli_parse_options (command, NULL, &argc, &argv))
    return NULL;
  if (argc != 2)
    {
      td_cli_usage_error (command, _("give exactly one file"));
      return NULL;
    }
  document = td_cli_load (argv[1]);
  *status = document != NULL ? TD_CLI_OK : TD_CLI_FAILED;
  return document;
}

void
td_cli_check_spelling (JsonNode      *root,
                       TdDiagnostics *diags)
{
  g_autoptr(TdSpeller) speller = NULL;
  const char *off = g_getenv ("TIDINGS_SPELLING");

  if (off != NULL && g_str_equal (off, "off"))
    return;
  speller = td_speller_new (td_json_path_get_string (root, "issue.language"));
  td_spelling_check_issue (speller, root, diags);
}
