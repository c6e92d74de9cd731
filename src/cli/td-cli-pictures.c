/* td-cli-pictures.c: "pictures", the stored pictures made fit to send */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-cli.h"

int
td_cli_pictures (const TdCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GPtrArray) rewrites = NULL;
  g_auto(GStrv) unreferenced = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before = 0, after = 0;
  int status;

  document = td_cli_parse_and_load (command, argc, argv, &status);
  if (document == NULL)
    return status;

  rewrites = td_document_make_pictures_smaller (document, NULL, TRUE, &unreferenced, &error);
  if (rewrites == NULL)
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }

  /* A picture whose format changed has a new name: the issue is saved
   * (with the backup every save keeps) before the original goes. */
  if (td_document_get_modified (document) && !td_document_save (document, NULL, FALSE, &error))
    {
      td_cli_print_error (argv[1], error);
      return TD_CLI_FAILED;
    }

  for (guint i = 0; i < rewrites->len; i++)
    {
      const TdPictureRewrite *r = g_ptr_array_index (rewrites, i);
      g_autofree char *was = g_strdup_printf ("%" G_GUINT64_FORMAT, r->bytes_before);
      g_autofree char *is = g_strdup_printf ("%" G_GUINT64_FORMAT, r->bytes_after);

      before += r->bytes_before;
      after += r->bytes_after;
      if (g_str_equal (r->src, r->new_src))
        /* Translators: a picture, its bytes and size before, then after:
         * "images/a.jpg: 4400000 bytes, 3024 × 4032 → 412000 bytes, 1800 × 2400" */
        printf (_("%s: %s bytes, %u × %u → %s bytes, %u × %u\n"), r->src, was, r->width_before,
                r->height_before, is, r->width_after, r->height_after);
      else
        {
          g_autofree char *dir = g_path_get_dirname (argv[1]);
          g_autofree char *old = g_build_filename (dir, r->src, NULL);

          /* Translators: a picture, its bytes and size before, the new
           * picture, its bytes and size */
          printf (_("%s: %s bytes, %u × %u → %s: %s bytes, %u × %u\n"), r->src, was,
                  r->width_before, r->height_before, r->new_src, is, r->width_after,
                  r->height_after);
          g_unlink (old);
        }
    }
  {
    g_autofree char *was = g_strdup_printf ("%" G_GUINT64_FORMAT, before);
    g_autofree char *is = g_strdup_printf ("%" G_GUINT64_FORMAT, after);

    /* Translators: the bytes of all the pictures, before and after */
    printf (_("All pictures: %s bytes → %s bytes\n"), was, is);
  }
  if (rewrites->len > 0)
    {
      g_autofree char *backups = g_build_filename (g_get_user_data_dir (), "tidings", "backups",
                                                   "pictures", NULL);

      printf (_("The originals are kept in %s\n"), backups);
    }
  for (guint i = 0; unreferenced != NULL && unreferenced[i] != NULL; i++)
    /* Translators: a file in the images folder */
    printf (_("%s: not used by the issue, left as it is\n"), unreferenced[i]);
  return TD_CLI_OK;
}
