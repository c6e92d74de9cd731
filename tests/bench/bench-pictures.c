/* bench-pictures.c: importing a phone photo and exporting with derived
 * pictures, timed (build-aux/bench runs it; not a test).
 *
 *   bench-pictures PHOTO.jpg ISSUE.tidings
 *
 * Import: td_document_import_picture_async() of PHOTO, five times, with a
 * 1 ms timer on the main loop measuring its longest stall meanwhile.
 * Export: every format of ISSUE with an empty picture cache (cold), then
 * again (cached). Prints Markdown table rows.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-export.h"
#include "td-render.h"

typedef struct
{
  GMainLoop *loop;
  gint64     last_tick;
  gint64     longest_stall;
  char      *relative;
} Import;

static gboolean
tick_cb (gpointer user_data)
{
  Import *import = user_data;
  gint64 now = g_get_monotonic_time ();

  if (import->last_tick != 0)
    import->longest_stall = MAX (import->longest_stall, now - import->last_tick);
  import->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  g_autoptr(GError) error = NULL;

  import->relative = td_document_import_picture_finish (TD_DOCUMENT (source), result, &error);
  if (import->relative == NULL)
    g_error ("%s", error->message);
  g_main_loop_quit (import->loop);
}

static void
remove_tree (const char *path)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", path);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("bench-pictures-XXXXXX", NULL);
  g_autofree char *drafts = g_build_filename (tmp, "drafts", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autoptr(GFile) photo = NULL;
  g_autoptr(GFile) issue = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 stall = 0;
  gint64 idle_stall = 0;
  const TdRenderFormat formats[] = { TD_RENDER_WEB, TD_RENDER_EMAIL, TD_RENDER_TEXT,
                                     TD_RENDER_EML };

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-pictures PHOTO.jpg ISSUE.tidings\n");
      return 2;
    }
  g_setenv ("TIDINGS_DRAFTS_DIR", drafts, TRUE);
  g_setenv ("TIDINGS_PICTURE_CACHE_DIR", cache, TRUE);
  photo = g_file_new_for_commandline_arg (argv[1]);
  issue = g_file_new_for_commandline_arg (argv[2]);

  /* The main loop's longest gap with nothing to do, for comparison: on a
   * loaded machine the scheduler alone makes gaps. */
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    Import idle = { loop, 0, 0, NULL };
    guint timer = g_timeout_add (1, tick_cb, &idle);

    idle.last_tick = g_get_monotonic_time ();
    g_timeout_add_once (2000, (GSourceOnceFunc) g_main_loop_quit, loop);
    g_main_loop_run (loop);
    g_source_remove (timer);
    idle_stall = idle.longest_stall;
  }

  /* Import, five times (each a new document: a new draft area). */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(TdDocument) fresh = td_document_new ();
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      Import import = { loop, 0, 0, NULL };
      guint timer = g_timeout_add (1, tick_cb, &import);
      gint64 start = g_get_monotonic_time ();
      double ms;

      import.last_tick = start;
      td_document_import_picture_async (fresh, photo, NULL, NULL, NULL, NULL, NULL, imported_cb,
                                        &import);
      g_main_loop_run (loop);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_source_remove (timer);
      g_array_append_val (times, ms);
      stall = MAX (stall, import.longest_stall);
      g_free (import.relative);
    }
  g_array_sort (times, compare_doubles);
  {
    g_autofree char *name = g_file_get_basename (photo);

  printf ("| import of %s (12 MP) | %.0f ms median of 5 (%.0f–%.0f) | main loop's longest stall "
          "%.1f ms (%.1f ms over 2 s doing nothing) |\n", name, g_array_index (times, double, 2),
          g_array_index (times, double, 0), g_array_index (times, double, 4), stall / 1000.0,
          idle_stall / 1000.0);
  }

  /* Export, cold then cached. */
  document = td_document_new_from_file (issue, diags);
  if (document == NULL)
    g_error ("cannot load %s", argv[2]);
  for (int pass = 0; pass < 2; pass++)
    {
      for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          TdRenderContext context = { td_document_get_root (document),
                                      td_document_get_base_dir (document),
                                      formats[f] == TD_RENDER_EMAIL ? TD_IMAGE_URL_ABSOLUTE
                                                                    : TD_IMAGE_URL_RELATIVE,
                                      .eml = { .date = 1690880400 } };
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *out = g_build_filename (tmp, "web", NULL);
          gint64 start;
          double ms;
          gsize size = 0;

          if (pass == 0 && f == 0)
            remove_tree (cache);
          start = g_get_monotonic_time ();
          if (formats[f] == TD_RENDER_WEB)
            {
              if (!td_export_web (&context, out, &error))
                g_error ("%s", error->message);
            }
          else
            {
              bytes = td_render (formats[f], &context, &error);
              if (bytes == NULL)
                g_error ("%s", error->message);
              size = g_bytes_get_size (bytes);
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          if (formats[f] == TD_RENDER_WEB)
            printf ("| export web (page and pictures), %s | %.0f ms | |\n",
                    pass == 0 ? "cold" : "cached", ms);
          else
            printf ("| export %s, %s | %.0f ms | %zu bytes |\n",
                    td_render_format_to_string (formats[f]), pass == 0 ? "cold" : "cached", ms,
                    size);
        }
      /* Cold for every format: the web page and the .eml derive
       * differently sized pictures. */
    }
  remove_tree (tmp);
  return 0;
}
