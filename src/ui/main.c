/* main.c: the tidings program */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "td-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) app = NULL;
  const char *localedir = g_getenv ("TIDINGS_LOCALEDIR");

  /* TIDINGS_LOCALEDIR: the build's catalogues, for uninstalled runs. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Tidings"));

  app = td_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
