/* portal-probe.c: what the core makes of an issue, run inside the sandbox
 *
 *   portal-probe ISSUE [--grant FOLDER]
 *
 * Prints, one "key: value" a line, what td_folder_access_check() says of
 * ISSUE and which of its pictures can be read; with --grant, the issue is
 * looked for in FOLDER (td_folder_access_path_in_folder(), what the window
 * does once she granted the folder) and checked again from there.
 * Links the core alone, like tidings-cli: test-portal.sh runs it in bwrap
 * seeing only the document portal's mount.
 */

#include "config.h"

#include "td-document.h"
#include "td-folder-access.h"
#include "td-issue.h"

static const char *
access_name (TdFolderAccess access)
{
  switch (access)
    {
    case TD_FOLDER_ACCESS_OK:
      return "ok";
    case TD_FOLDER_ACCESS_FILE_ONLY:
      return "file-only";
    case TD_FOLDER_ACCESS_MISSING:
    default:
      return "missing";
    }
}

static int
probe (const char *path,
       const char *prefix)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = td_document_new_from_file (file, diags);
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  TdFolderAccess access;

  if (document == NULL)
    {
      g_autofree char *text = td_diagnostics_format (diags, path);

      g_print ("%sloaded: no\n%s", prefix, text);
      return 1;
    }
  pictures = td_issue_list_pictures (td_document_get_root (document));
  access = td_folder_access_check (td_document_get_root (document), path,
                                   td_document_get_base_dir (document), &unreadable);
  g_print ("%sloaded: yes\n", prefix);
  g_print ("%sportal-file: %s\n", prefix, td_folder_access_is_portal_file (path) ? "yes" : "no");
  g_print ("%saccess: %s\n", prefix, access_name (access));
  g_print ("%spictures: %u\n", prefix, pictures->len);
  g_print ("%sreadable: %u\n", prefix, pictures->len - unreadable->len);
  for (guint i = 0; i < unreadable->len; i++)
    g_print ("%sunreadable: %s\n", prefix, (const char *) unreadable->pdata[i]);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *reopened = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 && !(argc == 4 && g_str_equal (argv[2], "--grant")))
    {
      g_printerr ("usage: portal-probe ISSUE [--grant FOLDER]\n");
      return 2;
    }
  if (probe (argv[1], "") != 0 || argc == 2)
    return 0;
  reopened = td_folder_access_path_in_folder (argv[3], argv[1], &error);
  if (reopened == NULL)
    {
      g_print ("granted: %s\n", error->message);
      return 0;
    }
  g_print ("granted: %s\n", reopened);
  return probe (reopened, "granted-");
}
