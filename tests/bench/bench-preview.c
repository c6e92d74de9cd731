/* bench-preview.c: how fast the live preview follows an edit, and what it
 * costs in memory (run by build-aux/bench-preview under Xvfb; the figures
 * are in docs/benchmarks.md, "Live preview").
 *
 *   bench-preview ISSUE.tidings [--edits N]
 *
 * Latency: from a change to the model (td_document_set_string(), as the
 * editor's entries do) to the preview's ::load-finished with that change on
 * screen, one edit at a time; then typing, an edit every 30 ms (a fast
 * typist) with no waiting, where each keystroke counts until the pane shows
 * it or a newer state. Memory: VmRSS and PSS of this process and all its
 * descendants (WebKit's web and network processes, the sandbox's helpers).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "td-document.h"
#include "td-json-path.h"
#include "td-preview.h"
#include "td-preview-private.h"
#include "td-render.h"

#define TIMEOUT_SECONDS 30

static TdPreview *preview;

/* Waiting */

static gboolean timed_out;

static gboolean
timeout_cb (gpointer data)
{
  timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the pane shows the document as it is. */
static void
wait_for_preview (void)
{
  guint id;

  timed_out = FALSE;
  id = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, NULL);
  while (td_preview_get_busy (preview) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The preview did not finish loading within %d s", TIMEOUT_SECONDS);
  g_source_remove (id);
}

static void
spin (guint ms)
{
  timed_out = FALSE;
  /* The source removes itself when it fires. */
  g_timeout_add (ms, timeout_cb, NULL);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Statistics */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of the sorted @values. */
static double
percentile (const double *values,
            guint         n,
            double        p)
{
  guint rank = (guint) (p / 100.0 * n + 0.999999);

  if (rank < 1)
    rank = 1;
  if (rank > n)
    rank = n;
  return values[rank - 1];
}

static void
report (const char *what,
        GArray     *ms)
{
  double *values = (double *) (void *) ms->data;
  double sum = 0;

  qsort (values, ms->len, sizeof (double), compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += values[i];
  printf ("| %s | %u | %.1f | %.1f | %.1f | %.1f |\n", what, ms->len,
          percentile (values, ms->len, 50), percentile (values, ms->len, 95),
          sum / ms->len, values[ms->len - 1]);
}

/* One edit at a time: the change, then wait until it is on screen; then
 * @pause_ms with nothing to do (WebKit paints meanwhile), as between the
 * bursts of someone typing. */
static void
bench_edits (TdDocument *document,
             const char *path,
             guint       n_edits,
             guint       pause_ms,
             const char *what)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Warm up: the first loads of a view pay for fonts and caches. */
  for (guint i = 0; i < 10 + n_edits; i++)
    {
      g_autofree char *text = g_strdup_printf ("Edit number %u of the benchmark", i);
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      td_document_set_string (document, path, text, TD_EDIT_MERGE);
      wait_for_preview ();
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      if (i >= 10)
        g_array_append_val (ms, elapsed);
      if (pause_ms > 0)
        spin (pause_ms);
    }
  report (what, ms);
}

/* Typing */

typedef struct
{
  gint64  time;
  guint64 serial;   /* the preview's change serial after it */
} Keystroke;

typedef struct
{
  TdDocument *document;
  const char *path;
  GString    *text;
  guint       n_keys;
  guint       typed;
  GArray     *pending;   /* Keystroke: those not shown yet */
  GArray     *ms;
  guint       n_loads;
} Typing;

static gboolean
type_key_cb (gpointer data)
{
  Typing *typing = data;
  Keystroke key;

  g_string_append_c (typing->text, "the glute bridge "[typing->typed % 17]);
  key.time = g_get_monotonic_time ();
  td_document_set_string (typing->document, typing->path, typing->text->str, TD_EDIT_MERGE);
  key.serial = _td_preview_get_change_serial (preview);
  g_array_append_val (typing->pending, key);
  typing->typed++;
  return typing->typed < typing->n_keys ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
typing_shown_cb (TdPreview *self,
                 Typing    *typing)
{
  gint64 now = g_get_monotonic_time ();
  guint64 shown = _td_preview_get_shown_serial (preview);
  guint n = 0;

  /* The keystrokes this load shows (a newer state shows the older ones). */
  while (n < typing->pending->len && g_array_index (typing->pending, Keystroke, n).serial <= shown)
    {
      double elapsed = (now - g_array_index (typing->pending, Keystroke, n).time) / 1000.0;

      g_array_append_val (typing->ms, elapsed);
      n++;
    }
  g_array_remove_range (typing->pending, 0, n);
}

static void
count_load_cb (WebKitWebView   *web_view,
               WebKitLoadEvent  load_event,
               Typing          *typing)
{
  if (load_event == WEBKIT_LOAD_FINISHED)
    typing->n_loads++;
}

static void
bench_typing (TdDocument *document,
              const char *path,
              guint       n_keys,
              const char *what)
{
  Typing typing = { document, path, g_string_new ("Typing: "), n_keys, 0,
                    g_array_new (FALSE, FALSE, sizeof (Keystroke)),
                    g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  gulong shown = g_signal_connect (preview, "load-finished", G_CALLBACK (typing_shown_cb), &typing);
  gulong counted = g_signal_connect (td_preview_get_web_view (preview), "load-changed",
                                     G_CALLBACK (count_load_cb), &typing);
  g_autofree char *label = NULL;

  g_timeout_add (30, type_key_cb, &typing);
  while (typing.typed < n_keys || typing.pending->len > 0 || td_preview_get_busy (preview))
    g_main_context_iteration (NULL, TRUE);

  label = g_strdup_printf ("%s (%u loads for %u keystrokes)", what, typing.n_loads, n_keys);
  report (label, typing.ms);

  g_signal_handler_disconnect (preview, shown);
  g_signal_handler_disconnect (td_preview_get_web_view (preview), counted);
  g_string_free (typing.text, TRUE);
  g_array_unref (typing.pending);
  g_array_unref (typing.ms);
}

/* The render alone, on this thread, for comparison. */
static void
bench_render (TdDocument     *document,
              TdRenderFormat  format,
              const char     *what)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *base_dir = td_document_get_base_dir (document);
  g_autofree char *label = NULL;

  for (guint i = 0; i < 50; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JsonNode) copy = td_json_node_deep_copy (td_document_get_root (document));
      TdRenderContext context = { copy, base_dir, TD_IMAGE_URL_RELATIVE, .text_page = TRUE };
      g_autoptr(GBytes) html = td_render (format, &context, NULL);
      double elapsed = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (ms, elapsed);
      if (i == 0)
        label = g_strdup_printf ("%s (%" G_GSIZE_FORMAT " KB)", what,
                                 g_bytes_get_size (html) / 1000);
    }
  report (label, ms);
}

/* A 200-section issue: the sample's masthead, then its middle sections over
 * and over (new ids), then its footer. */
static TdDocument *
make_big_issue (TdDocument *sample,
                guint       n_sections)
{
  g_autoptr(JsonNode) root = td_json_node_deep_copy (td_document_get_root (sample));
  JsonObject *object = json_node_get_object (root);
  JsonArray *sections = json_object_get_array_member (object, "sections");
  guint n = json_array_get_length (sections);
  JsonArray *big = json_array_new ();
  const char *base_dir = td_document_get_base_dir (sample);
  TdDocument *document;

  g_assert (n >= 3);
  json_array_add_element (big, td_json_node_deep_copy (json_array_get_element (sections, 0)));
  for (guint i = 0; json_array_get_length (big) < n_sections - 1; i++)
    {
      JsonNode *copy = td_json_node_deep_copy (json_array_get_element (sections, 1 + i % (n - 2)));
      g_autofree char *id = g_strdup_printf ("generated-%u", i);

      json_object_set_string_member (json_node_get_object (copy), "id", id);
      json_array_add_element (big, copy);
    }
  json_array_add_element (big, td_json_node_deep_copy (json_array_get_element (sections, n - 1)));
  json_object_set_array_member (object, "sections", big);

  document = td_document_new_from_root (root);
  td_document_set_base_dir (document, base_dir);
  return document;
}

/* Memory */

typedef struct
{
  int   pid;
  int   ppid;
  char *comm;
} Process;

static void
process_free (gpointer data)
{
  Process *process = data;

  g_free (process->comm);
  g_free (process);
}

static GPtrArray *
list_processes (void)
{
  GPtrArray *processes = g_ptr_array_new_with_free_func (process_free);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *open_paren, *close_paren;
      Process *process;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL) ||
          (open_paren = strchr (stat, '(')) == NULL ||
          (close_paren = strrchr (stat, ')')) == NULL)
        continue;
      process = g_new0 (Process, 1);
      process->pid = atoi (name);
      process->comm = g_strndup (open_paren + 1, close_paren - open_paren - 1);
      /* ") S PPID ..." */
      process->ppid = atoi (close_paren + 4);
      g_ptr_array_add (processes, process);
    }
  return processes;
}

/* The value in kB of @field ("VmRSS:", "Pss:") in /proc/PID/@file. */
static guint64
read_kb (int         pid,
         const char *file,
         const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, file);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (line = strstr (contents, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

typedef struct
{
  char    *comm;
  guint64  rss;   /* kB */
  guint64  pss;
} Usage;

static void
usage_clear (gpointer data)
{
  g_free (((Usage *) data)->comm);
}

/* VmRSS and PSS of this process and all its descendants. */
static GArray *
measure_memory (void)
{
  g_autoptr(GPtrArray) processes = list_processes ();
  g_autoptr(GArray) tree = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *usage = g_array_new (FALSE, TRUE, sizeof (Usage));
  int self = getpid ();
  gboolean grew = TRUE;

  g_array_set_clear_func (usage, usage_clear);

  g_array_append_val (tree, self);
  while (grew)
    {
      grew = FALSE;
      for (guint i = 0; i < processes->len; i++)
        {
          Process *process = g_ptr_array_index (processes, i);
          gboolean in_tree = FALSE, parent_in_tree = FALSE;

          for (guint j = 0; j < tree->len; j++)
            {
              in_tree |= g_array_index (tree, int, j) == process->pid;
              parent_in_tree |= g_array_index (tree, int, j) == process->ppid;
            }
          if (!in_tree && parent_in_tree)
            {
              g_array_append_val (tree, process->pid);
              grew = TRUE;
            }
        }
    }

  for (guint j = 0; j < tree->len; j++)
    for (guint i = 0; i < processes->len; i++)
      {
        Process *process = g_ptr_array_index (processes, i);
        Usage entry;

        if (process->pid != g_array_index (tree, int, j))
          continue;
        entry.rss = read_kb (process->pid, "status", "VmRSS:");
        entry.pss = read_kb (process->pid, "smaps_rollup", "Pss:");
        entry.comm = process->pid == self ? g_strdup ("the app (UI process)")
                                          : g_strdup (process->comm);
        if (entry.rss > 0)
          g_array_append_val (usage, entry);
        else
          g_free (entry.comm);
      }
  return usage;
}

static void
usage_total (GArray  *usage,
             guint64 *rss,
             guint64 *pss)
{
  *rss = *pss = 0;
  for (guint i = 0; i < usage->len; i++)
    {
      *rss += g_array_index (usage, Usage, i).rss;
      *pss += g_array_index (usage, Usage, i).pss;
    }
}

/* Same processes in both (the tree doesn't change between the two). */
static void
report_memory (GArray *sample,
               GArray *big)
{
  guint64 rss_a, pss_a, rss_b, pss_b;

  printf ("\n| process | VmRSS, sample (MiB) | PSS, sample "
          "| VmRSS, 200 sections | PSS, 200 sections |\n"
          "|---|---:|---:|---:|---:|\n");
  for (guint i = 0; i < sample->len; i++)
    {
      Usage *a = &g_array_index (sample, Usage, i);
      Usage *b = NULL;

      /* Listed in the same order when the same processes run. */
      if (big->len == sample->len && g_str_equal (g_array_index (big, Usage, i).comm, a->comm))
        b = &g_array_index (big, Usage, i);
      printf ("| %s | %.1f | %.1f | %.1f | %.1f |\n", a->comm, a->rss / 1024.0, a->pss / 1024.0,
              b != NULL ? b->rss / 1024.0 : 0, b != NULL ? b->pss / 1024.0 : 0);
    }
  usage_total (sample, &rss_a, &pss_a);
  usage_total (big, &rss_b, &pss_b);
  printf ("| **total** | **%.1f** | **%.1f** | **%.1f** | **%.1f** |\n", rss_a / 1024.0,
          pss_a / 1024.0, rss_b / 1024.0, pss_b / 1024.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdDocument) sample = NULL;
  g_autoptr(TdDocument) big = NULL;
  g_autofree char *tmp = NULL;
  TdDiagnostics *diags;
  g_autoptr(GArray) memory_sample = NULL;
  g_autoptr(GArray) memory_big = NULL;
  GtkWidget *window;
  guint n_edits = 200;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s ISSUE.tidings [--edits N]\n", argv[0]);
      return 2;
    }
  if (argc >= 4 && g_str_equal (argv[2], "--edits"))
    n_edits = MAX (1, atoi (argv[3]));

  /* Nothing of the user's: WebKit's caches in a temporary folder. */
  tmp = g_dir_make_tmp ("tidings-bench-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  /* No accessibility bus under Xvfb. */
  g_setenv ("GTK_A11Y", "none", FALSE);

  gtk_init ();

  file = g_file_new_for_commandline_arg (argv[1]);
  diags = td_diagnostics_new ();
  sample = td_document_new_from_file (file, diags);
  td_diagnostics_free (diags);
  if (sample == NULL)
    {
      fprintf (stderr, "%s: could not load the issue\n", argv[1]);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  preview = TD_PREVIEW (td_preview_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));
  gtk_window_present (GTK_WINDOW (window));

  td_preview_set_document (preview, sample);
  wait_for_preview ();
  spin (500);

  printf ("| edit → load-finished (ms) | n | p50 | p95 | mean | max |\n"
          "|---|---:|---:|---:|---:|---:|\n");

  bench_edits (sample, "sections[1].title", n_edits, 0, "sample, Email view, back to back");
  bench_edits (sample, "sections[1].title", n_edits, 100, "sample, Email view, 100 ms apart");
  td_preview_set_view (preview, TD_PREVIEW_VIEW_WEB);
  wait_for_preview ();
  bench_edits (sample, "sections[1].title", n_edits, 100, "sample, Web view, 100 ms apart");
  td_preview_set_view (preview, TD_PREVIEW_VIEW_TEXT);
  wait_for_preview ();
  bench_edits (sample, "sections[1].title", n_edits, 100, "sample, Plain text view, 100 ms apart");
  td_preview_set_view (preview, TD_PREVIEW_VIEW_EMAIL);
  wait_for_preview ();
  bench_typing (sample, "sections[1].title", n_edits, "sample, typing every 30 ms, Email view");

  spin (500);
  memory_sample = measure_memory ();

  big = make_big_issue (sample, 200);
  td_preview_set_document (preview, big);
  wait_for_preview ();
  spin (500);
  bench_edits (big, "sections[100].title", n_edits, 0, "200 sections, Email view, back to back");
  bench_edits (big, "sections[100].title", n_edits, 100, "200 sections, Email view, 100 ms apart");
  td_preview_set_view (preview, TD_PREVIEW_VIEW_WEB);
  wait_for_preview ();
  bench_edits (big, "sections[100].title", n_edits, 100, "200 sections, Web view, 100 ms apart");
  td_preview_set_view (preview, TD_PREVIEW_VIEW_EMAIL);
  wait_for_preview ();
  bench_typing (big, "sections[100].title", n_edits,
                "200 sections, typing every 30 ms, Email view");

  printf ("\n| render alone, deep copy included (ms) | n | p50 | p95 | mean | max |\n"
          "|---|---:|---:|---:|---:|---:|\n");
  bench_render (sample, TD_RENDER_EMAIL, "sample, email");
  bench_render (sample, TD_RENDER_WEB, "sample, web");
  bench_render (big, TD_RENDER_EMAIL, "200 sections, email");
  bench_render (big, TD_RENDER_WEB, "200 sections, web");

  spin (500);
  memory_big = measure_memory ();
  report_memory (memory_sample, memory_big);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
