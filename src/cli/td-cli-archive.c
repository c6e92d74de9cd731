/* td-cli-archive.c: "archive", her past issues as a small website
 *
 *   tidings-cli archive FILE... -o DIR [--base-url URL]
 *
 * With a base URL each issue's page, BASE/YYYY-MM/, becomes its web
 * version: the issue's public_base_url is set to it in the file (saved
 * atomically, as "format" does), so that its email's "View in browser"
 * and pictures point at the archive from then on.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-archive.h"
#include "td-cli.h"
#include "td-json-path.h"

#define WEB_ADDRESS "issue.public_base_url"

/* Points the issue's web version at its archive page; FALSE when the file
 * could not be saved. */
static gboolean
record_page_url (TdDocument *document,
                 const char *path,
                 const char *base_url)
{
  g_autofree char *page = td_archive_page_url (base_url, td_document_get_root (document));
  g_autoptr(GError) error = NULL;
  JsonObject *issue = json_object_get_object_member (json_node_get_object (
                                                       td_document_get_root (document)), "issue");

  if (page == NULL || g_str_equal (td_json_get_string (issue, "public_base_url"), page))
    return TRUE;
  td_document_set_string (document, WEB_ADDRESS, page, TD_EDIT_NONE);
  if (!td_document_save (document, NULL, FALSE, &error))
    {
      td_cli_print_error (path, error);
      return FALSE;
    }
  /* Translators: "august.tidings: its web version is now https://…/2023-08/" */
  g_printerr (_("%s: its web version is now %s"), path, page);
  g_printerr ("\n");
  return TRUE;
}

int
td_cli_archive (const TdCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *base_url = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The archive’s folder"), N_("DIR") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("The archive’s address on the web, for the feed, the sitemap and each email’s "
         "“View in browser”"), N_("URL") },
    { NULL }
  };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) issues = g_array_new (FALSE, TRUE, sizeof (TdArchiveIssue));
  g_autoptr(TdArchiveResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GPtrArray *written;
  gboolean loaded = TRUE;

  if (!td_cli_parse_options (command, entries, &argc, &argv))
    return TD_CLI_USAGE;
  if (output == NULL)
    return td_cli_usage_error (command, _("give the archive’s folder with -o"));
  if (argc < 2)
    return td_cli_usage_error (command, _("give at least one file"));
  if (base_url != NULL && (base = td_archive_normalize_base_url (base_url, &error)) == NULL)
    return td_cli_usage_error (command, "%s", error->message);

  for (int i = 1; i < argc; i++)
    {
      TdDocument *document = td_cli_load (argv[i]);
      TdArchiveIssue issue = { NULL };

      if (document == NULL)
        {
          loaded = FALSE;
          continue;
        }
      g_ptr_array_add (documents, document);
      issue.root = td_document_get_root (document);
      issue.base_dir = td_document_get_base_dir (document);
      issue.path = argv[i];
      g_array_append_val (issues, issue);
    }
  if (!loaded)
    return TD_CLI_FAILED;

  result = td_archive_build ((TdArchiveIssue *) (gpointer) issues->data, issues->len, output,
                             base, NULL, &error);
  if (result == NULL)
    {
      td_cli_print_error (output, error);
      return TD_CLI_FAILED;
    }
  written = td_archive_result_get_written (result);
  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (const char *) written->pdata[i]);
  g_printerr (_("%s: %u files written, %u unchanged"), output, written->len,
              td_archive_result_get_unchanged (result));
  g_printerr ("\n");
  if (base == NULL)
    {
      g_printerr (_("%s: no feed.atom or sitemap.xml without --base-url: they need the "
                    "archive’s address"), output);
      g_printerr ("\n");
      return TD_CLI_OK;
    }

  for (guint i = 0; i < documents->len; i++)
    if (!record_page_url (documents->pdata[i], g_array_index (issues, TdArchiveIssue, i).path,
                          base))
      return TD_CLI_FAILED;
  return TD_CLI_OK;
}
