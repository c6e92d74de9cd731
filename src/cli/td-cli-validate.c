/* td-cli-validate.c: "validate" and "format" */

#include "config.h"

#include <glib/gi18n.h>

#include "td-cli.h"

int
td_cli_validate (const TdCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  int status = TD_CLI_OK;

  if (!td_cli_parse_options (command, NULL, &argc, &argv))
    return TD_CLI_USAGE;
  if (argc < 2)
    return td_cli_usage_error (command, _("no file given"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(TdDocument) document = td_cli_load (argv[i]);

      if (document == NULL)
        status = TD_CLI_FAILED;
    }
  return status;
}

int
td_cli_format (const TdCliCommand  *command,
               int                  argc,
               char               **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) document = NULL;
  int status;

  document = td_cli_parse_and_load (command, argc, argv, &status);
  if (document == NULL)
    return status;
  /* The load's etag guards against another program writing meanwhile. */
  if (!td_document_save (document, NULL, FALSE, &error))
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }
  return TD_CLI_OK;
}
