/* td-sample.c: the bundled sample issue, opened as an untitled copy */

#include "config.h"

#include "td-sample.h"

#define SAMPLE_FILE "august-2023.tidings"

char *
td_sample_dup_dir (void)
{
  const char *dir = g_getenv ("TIDINGS_SAMPLE_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  return g_build_filename (PKGDATADIR, "samples", "august-2023", NULL);
}

/* $XDG_DATA_HOME/tidings/drafts/<unique>/images/…: a copy of the pictures
 * in dir/images. NULL if that fails. */
static char *
copy_to_draft_folder (const char *dir)
{
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *draft = g_build_filename (g_get_user_data_dir (), "tidings", "drafts",
                                             uuid, NULL);
  g_autofree char *draft_images = g_build_filename (draft, "images", NULL);
  g_autoptr(GDir) folder = g_dir_open (images, 0, NULL);
  const char *name;

  if (folder == NULL || g_mkdir_with_parents (draft_images, 0700) != 0)
    return NULL;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *from = g_build_filename (images, name, NULL);
      g_autofree char *to = g_build_filename (draft_images, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (from, G_FILE_TEST_IS_REGULAR) &&
          g_file_get_contents (from, &contents, &length, NULL))
        g_file_set_contents (to, contents, (gssize) length, NULL);
    }
  return g_steal_pointer (&draft);
}

TdDocument *
td_sample_open_copy (TdDiagnostics *diags)
{
  g_autofree char *dir = td_sample_dup_dir ();
  g_autofree char *path = g_build_filename (dir, SAMPLE_FILE, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDocument) loaded = td_document_new_from_file (file, diags);
  g_autofree char *draft = NULL;
  TdDocument *copy;

  if (loaded == NULL)
    return NULL;
  copy = td_document_new_from_root (td_document_get_root (loaded));
  draft = copy_to_draft_folder (dir);
  td_document_set_base_dir (copy, draft != NULL ? draft : dir);
  return copy;
}
