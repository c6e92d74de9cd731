/* tidings-cli.c: the headless face of Tidings, a thin shell over the core
 *
 *   tidings-cli COMMAND [OPTION…] FILE…
 *
 * Each command is an entry in the table below; "tidings-cli COMMAND --help"
 * describes its options.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-cli.h"

static const TdCliCommand commands[] = {
  { "validate", N_("FILE…"), N_("Check that issue files can be opened"), td_cli_validate },
  { "check", N_("FILE [--library DIR]"), N_("List what to fix before sending an issue"),
    td_cli_check },
  { "format", N_("FILE"), N_("Rewrite an issue file in its canonical form"), td_cli_format },
  { "export", N_("--format=FORMAT FILE -o OUTPUT"),
    N_("Export an issue as a web page, an HTML email, plain text or an .eml"), td_cli_export },
  { "pictures", N_("FILE"),
    N_("Store an issue’s pictures upright, smaller and without location data"),
    td_cli_pictures },
  { "archive", N_("FILE… -o DIR [--base-url URL]"),
    N_("Make a website of past issues: an index, a page per issue, an Atom feed"),
    td_cli_archive },
  { "send-test", N_("FILE --to ADDRESS --smtp URL"),
    N_("Send the issue’s .eml to one address over SMTP, to check it"), td_cli_send_test },
  { "handoff", N_("--service=mailchimp|buttondown FILE"),
    N_("Hand the issue to a mailing service as a draft (never sends it)"), td_cli_handoff },
  { "publish", N_("DIR --to URL"),
    N_("Upload a built site to your web host (sftp:// or davs://), changed files only"),
    td_cli_publish },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n  tidings-cli %s\n  tidings-cli --version | --help\n\n%s\n",
           _("Usage:"), _("COMMAND [OPTION…] FILE…"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “tidings-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tidings-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return TD_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      g_print ("tidings-cli %s\n", PACKAGE_VERSION);
      return TD_CLI_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return TD_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (&commands[i], argc - 1, argv + 1);

  g_printerr (_("tidings-cli: unknown command “%s”"), argv[1]);
  g_printerr ("\n\n");
  print_help (stderr);
  return TD_CLI_USAGE;
}
