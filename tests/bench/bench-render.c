/* bench-render.c: in-process render time of each export format
 *
 *   bench-render [OPTION...] SAMPLE.tidings
 *
 * Loads the sample once, then times the four renderers (web, email, text,
 * eml) called in this process, each on its own and all four in a row, for
 * the sample and for generated issues of 50, 100, 200 and 400 sections (the
 * sample's masthead, its other sections repeated with unique ids, its
 * footer).
 *
 * Measurements that are compared with each other run interleaved: after a
 * warm-up, each takes a turn of about --slice milliseconds of runs, round
 * after round, until each has at least --min-runs runs and --min-time
 * seconds of run time (but no more than --max-time seconds once 30 runs are
 * in). A burst of load from elsewhere on the machine then falls on all of
 * them alike instead of on one. Each run is timed on its own with
 * CLOCK_MONOTONIC.
 *
 * The output is tab-separated, for build-aux/bench to turn into tables:
 *   meta    KEY     VALUE
 *   time    tidings ISSUE FORMAT SECTIONS RUNS MEDIAN_US P95_US MIN_US US_PER_SECTION BYTES
 *   fit     tidings generated FORMAT INTERCEPT_US SLOPE_US_PER_SECTION R2 (and the
 *           same three for the fastest runs)
 * ISSUE is "sample" or "generated"; FORMAT is web, email, text, eml, all
 * (the four in a row; BYTES is their sum) or load (parsing and validating
 * the sample's bytes, for reference). A fit is a least-squares line through
 * the medians (then the fastest runs) of the generated issues. Lines starting with "#" are comments.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>

#include "td-diagnostic.h"
#include "td-issue-loader.h"
#include "td-render.h"

/* The Date header of every .eml: 2023-08-01 09:00:00 UTC, so that the
 * message is the same bytes on every run. */
#define BENCH_EML_DATE G_GINT64_CONSTANT (1690880400)

/* Below this many runs, --max-time does not stop a measurement. */
#define BENCH_FLOOR_RUNS 30

/* The first four are the core's own (TdRenderFormat). */
typedef enum
{
  FORMAT_WEB = TD_RENDER_WEB,
  FORMAT_EMAIL = TD_RENDER_EMAIL,
  FORMAT_TEXT = TD_RENDER_TEXT,
  FORMAT_EML = TD_RENDER_EML,
  N_FORMATS,
  FORMAT_ALL = N_FORMATS,
  FORMAT_LOAD,
} Format;

static const char * const format_names[] = {
  [FORMAT_WEB] = "web",
  [FORMAT_EMAIL] = "email",
  [FORMAT_TEXT] = "text",
  [FORMAT_EML] = "eml",
  [FORMAT_ALL] = "all",
  [FORMAT_LOAD] = "load",
};

typedef struct
{
  int warmup;
  int min_runs;
  int max_runs;
  double min_time;
  double max_time;
  double slice;
  char *sections;
} Options;

typedef struct
{
  const char *name;   /* "sample", "generated" */
  TdLoadedIssue *loaded;
  const char *base_dir;
  guint n_sections;
  /* The issue's bytes, for FORMAT_LOAD. */
  char *data;
  gsize length;
} Issue;

/* One measurement: an issue in one format. */
typedef struct
{
  const Issue *issue;
  Format format;
  GArray *times;      /* of double, µs */
  double total_us;
  gsize bytes;
  gboolean warned;
} Job;

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3;
}

/* Renders the issue once in format and returns the size of the output. */
static gsize
render_once (const Issue *issue,
             Format       format)
{
  TdRenderContext context = { issue->loaded->root, issue->base_dir, TD_IMAGE_URL_RELATIVE,
                              .eml.date = BENCH_EML_DATE };
  gsize length = 0;

  switch (format)
    {
    case FORMAT_WEB:
    case FORMAT_EMAIL:
    case FORMAT_TEXT:
    case FORMAT_EML:
      {
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;

        /* The email as its export writes it, pictures fetched from the web
         * version; the web page as its export and the preview do. */
        if (format == FORMAT_EMAIL)
          context.image_urls = TD_IMAGE_URL_ABSOLUTE;
        bytes = td_render ((TdRenderFormat) format, &context, &error);
        if (bytes == NULL)
          {
            g_printerr ("bench-render: %s: %s\n", format_names[format], error->message);
            exit (EXIT_FAILURE);
          }
        return g_bytes_get_size (bytes);
      }
    case FORMAT_ALL:
      for (int f = 0; f < N_FORMATS; f++)
        length += render_once (issue, (Format) f);
      return length;
    case FORMAT_LOAD:
      {
        g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
        g_autoptr(TdLoadedIssue) loaded = NULL;

        loaded = td_issue_load_from_data (issue->data, issue->length, issue->base_dir, diags);
        if (loaded == NULL)
          {
            g_printerr ("bench-render: the issue no longer loads\n");
            exit (EXIT_FAILURE);
          }
        return issue->length;
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
job_is_done (const Job     *job,
             const Options *options)
{
  guint runs = job->times->len;

  if ((int) runs >= options->max_runs)
    return TRUE;
  if ((int) runs >= options->min_runs && job->total_us >= options->min_time * 1e6)
    return TRUE;
  return runs >= BENCH_FLOOR_RUNS && job->total_us >= options->max_time * 1e6;
}

static void
job_run_once (Job *job)
{
  double t0 = now_us ();
  gsize bytes = render_once (job->issue, job->format);
  double run = now_us () - t0;

  g_array_append_val (job->times, run);
  job->total_us += run;
  if (bytes != job->bytes && !job->warned)
    {
      g_printerr ("bench-render: warning: %s of %s gave %" G_GSIZE_FORMAT " bytes, then %"
                  G_GSIZE_FORMAT ": the renderer is not deterministic\n",
                  format_names[job->format], job->issue->name, job->bytes, bytes);
      job->warned = TRUE;
    }
  job->bytes = bytes;
}

/* Warms each job up, then gives each a slice of runs in turn until all are
 * done. */
static void
run_interleaved (Job           *jobs,
                 guint          n_jobs,
                 const Options *options)
{
  gboolean all_done;

  for (guint j = 0; j < n_jobs; j++)
    {
      double start = now_us ();

      /* Caches, the allocator, lazily built tables, the CPU's clock. */
      jobs[j].bytes = render_once (jobs[j].issue, jobs[j].format);
      for (int i = 1; i < options->warmup; i++)
        {
          render_once (jobs[j].issue, jobs[j].format);
          if (now_us () - start > options->max_time * 1e6 / 3)
            break;
        }
    }

  do
    {
      all_done = TRUE;
      for (guint j = 0; j < n_jobs; j++)
        {
          double slice_start = now_us ();

          if (job_is_done (&jobs[j], options))
            continue;
          all_done = FALSE;
          do
            job_run_once (&jobs[j]);
          while (!job_is_done (&jobs[j], options)
                 && now_us () - slice_start < options->slice * 1e3);
        }
    }
  while (!all_done);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Prints the job's line; returns its median and fastest run. */
static void
print_job (Job    *job,
           double *median_out,
           double *min_out)
{
  double *sorted = (double *) (void *) job->times->data;
  guint n = job->times->len;
  double median;
  double p95;

  g_assert (n > 0);
  qsort (sorted, n, sizeof (double), compare_doubles);
  median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  /* Nearest rank. */
  p95 = sorted[MAX ((guint) ceil (0.95 * n), 1) - 1];
  printf ("time\ttidings\t%s\t%s\t%u\t%u\t%.1f\t%.1f\t%.1f\t%.2f\t%" G_GSIZE_FORMAT "\n",
          job->issue->name, format_names[job->format], job->issue->n_sections, n,
          median, p95, sorted[0], median / job->issue->n_sections, job->bytes);
  fflush (stdout);
  if (median_out != NULL)
    *median_out = median;
  if (min_out != NULL)
    *min_out = sorted[0];
}

/* A copy sharing nothing with node (json_node_copy() shares objects). */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* The sample with n_sections sections: its masthead, then its other
 * sections over and over, each copy with a unique id, then its footer. */
static char *
generate_issue (JsonNode *sample,
                guint     n_sections)
{
  g_autoptr(JsonNode) root = deep_copy (sample);
  JsonObject *object = json_node_get_object (root);
  JsonArray *sections = json_object_get_array_member (json_node_get_object (sample), "sections");
  g_autoptr(GPtrArray) body = g_ptr_array_new ();
  JsonNode *masthead = NULL;
  JsonNode *footer = NULL;
  JsonArray *generated = json_array_new ();

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonNode *section = json_array_get_element (sections, i);
      const char *type = json_object_get_string_member (json_node_get_object (section), "type");

      if (masthead == NULL && g_strcmp0 (type, "masthead") == 0)
        masthead = section;
      else if (g_strcmp0 (type, "footer") == 0)
        footer = section;
      else
        g_ptr_array_add (body, section);
    }
  g_assert (masthead != NULL && footer != NULL && body->len > 0);
  g_assert (n_sections >= 3);

  json_array_add_element (generated, deep_copy (masthead));
  for (guint i = 0; i < n_sections - 2; i++)
    {
      JsonNode *copy = deep_copy (g_ptr_array_index (body, i % body->len));
      JsonObject *section = json_node_get_object (copy);
      g_autofree char *id = g_strdup_printf ("%s-%u",
                                             json_object_get_string_member (section, "id"),
                                             i / body->len + 1);

      json_object_set_string_member (section, "id", id);
      json_array_add_element (generated, copy);
    }
  json_array_add_element (generated, deep_copy (footer));
  json_object_set_array_member (object, "sections", generated);

  return json_to_string (root, TRUE);
}

/* Loads the issue's bytes, printing any diagnostic; exits on errors. */
static void
issue_load (Issue      *issue,
            const char *display_name)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();

  issue->loaded = td_issue_load_from_data (issue->data, issue->length, issue->base_dir, diags);
  if (td_diagnostics_get_n_items (diags) > 0)
    {
      g_autofree char *text = td_diagnostics_format (diags, display_name);

      g_printerr ("%s", text);
    }
  if (issue->loaded == NULL)
    exit (EXIT_FAILURE);
  issue->n_sections = json_array_get_length (
    json_object_get_array_member (json_node_get_object (issue->loaded->root), "sections"));
}

static void
linear_fit (const double *x,
            const double *y,
            guint         n,
            double       *intercept,
            double       *slope,
            double       *r2)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;

  for (guint i = 0; i < n; i++)
    {
      mx += x[i] / n;
      my += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
    }
  *slope = sxx > 0 ? sxy / sxx : 0;
  *intercept = my - *slope * mx;
  *r2 = sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
}

static void
job_init (Job         *job,
          const Issue *issue,
          Format       format)
{
  job->issue = issue;
  job->format = format;
  job->times = g_array_new (FALSE, FALSE, sizeof (double));
  job->total_us = 0;
  job->bytes = 0;
  job->warned = FALSE;
}

int
main (int    argc,
      char **argv)
{
  Options options = { 50, 1000, 1000000, 1.0, 3.0, 20.0, NULL };
  GOptionEntry entries[] = {
    { "warmup", 0, 0, G_OPTION_ARG_INT, &options.warmup,
      "Untimed runs before each measurement (50)", "N" },
    { "min-runs", 0, 0, G_OPTION_ARG_INT, &options.min_runs,
      "Timed runs per measurement, at least (1000)", "N" },
    { "max-runs", 0, 0, G_OPTION_ARG_INT, &options.max_runs,
      "Timed runs per measurement, at most (1000000)", "N" },
    { "min-time", 0, 0, G_OPTION_ARG_DOUBLE, &options.min_time,
      "Seconds of runs per measurement, at least (1)", "S" },
    { "max-time", 0, 0, G_OPTION_ARG_DOUBLE, &options.max_time,
      "Seconds of runs after which a measurement stops despite --min-runs (3)", "S" },
    { "slice", 0, 0, G_OPTION_ARG_DOUBLE, &options.slice,
      "Milliseconds of runs per turn of interleaving (20)", "MS" },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &options.sections,
      "Sizes of the generated issues (50,100,200,400)", "N,N,..." },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) option_context = g_option_context_new ("SAMPLE.tidings");
  g_autoptr(GError) error = NULL;
  g_autofree char *base_dir = NULL;
  g_auto(GStrv) sizes = NULL;
  Issue sample = { "sample", NULL, NULL, 0, NULL, 0 };
  Issue *generated;
  Job *jobs;
  guint n_sizes;
  guint n_jobs;

  g_option_context_set_summary (option_context,
                                "Times the web, email, text and eml renderers in process.");
  g_option_context_add_main_entries (option_context, entries, NULL);
  if (!g_option_context_parse (option_context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("bench-render: %s\n", error != NULL ? error->message : "one SAMPLE.tidings, please");
      return 2;
    }
  if (options.warmup < 1 || options.min_runs < 1 || options.max_runs < 1
      || options.min_time < 0 || options.max_time < 0 || options.slice < 0)
    {
      g_printerr ("bench-render: the counts and times must be positive\n");
      return 2;
    }
  sizes = g_strsplit (options.sections != NULL ? options.sections : "50,100,200,400", ",", -1);
  n_sizes = g_strv_length (sizes);
  for (guint i = 0; i < n_sizes; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (sizes[i], 10, 3, 100000, &n, &error))
        {
          g_printerr ("bench-render: --sections: %s\n", error->message);
          return 2;
        }
    }

  g_mime_init ();

  if (!g_file_get_contents (argv[1], &sample.data, &sample.length, &error))
    {
      g_printerr ("bench-render: %s\n", error->message);
      return EXIT_FAILURE;
    }
  base_dir = g_path_get_dirname (argv[1]);
  sample.base_dir = base_dir;
  issue_load (&sample, argv[1]);

  printf ("# bench-render: in-process render times in microseconds\n");
  printf ("meta\ttidings_version\t%s\n", PACKAGE_VERSION);
  printf ("meta\tclock\tCLOCK_MONOTONIC\n");
  printf ("meta\twarmup\t%d\n", options.warmup);
  printf ("meta\tmin_runs\t%d\n", options.min_runs);
  printf ("meta\tmin_time_s\t%g\n", options.min_time);
  printf ("meta\tmax_time_s\t%g\n", options.max_time);
  printf ("meta\tslice_ms\t%g\n", options.slice);
  printf ("meta\teml_date\t%" G_GINT64_FORMAT "\n", BENCH_EML_DATE);
  printf ("# record\ttool\tissue\tformat\tsections\truns\tmedian_us\tp95_us\tmin_us"
          "\tus_per_section\tbytes\n");
  fflush (stdout);

  /* The sample: loading, each format, all four; interleaved. */
  n_jobs = N_FORMATS + 2;
  jobs = g_new0 (Job, n_jobs);
  job_init (&jobs[0], &sample, FORMAT_LOAD);
  for (int f = 0; f <= FORMAT_ALL; f++)
    job_init (&jobs[f + 1], &sample, (Format) f);
  run_interleaved (jobs, n_jobs, &options);
  for (guint j = 0; j < n_jobs; j++)
    {
      print_job (&jobs[j], NULL, NULL);
      g_array_unref (jobs[j].times);
    }
  g_free (jobs);

  /* The generated issues, every size and format interleaved, so that the
   * sizes are measured under the same conditions. */
  generated = g_new0 (Issue, n_sizes);
  for (guint i = 0; i < n_sizes; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      g_autofree char *display_name = g_strdup_printf ("generated-%u.tidings", n);

      generated[i].name = "generated";
      generated[i].base_dir = base_dir;
      generated[i].data = generate_issue (sample.loaded->root, n);
      generated[i].length = strlen (generated[i].data);
      issue_load (&generated[i], display_name);
    }

  n_jobs = n_sizes * (N_FORMATS + 1);
  jobs = g_new0 (Job, n_jobs);
  for (guint i = 0; i < n_sizes; i++)
    for (int f = 0; f <= FORMAT_ALL; f++)
      job_init (&jobs[i * (N_FORMATS + 1) + f], &generated[i], (Format) f);
  run_interleaved (jobs, n_jobs, &options);

  {
    double *xs = g_new (double, n_sizes);
    double *ys = g_new (double, n_jobs);
    double *mins = g_new (double, n_jobs);

    for (guint i = 0; i < n_sizes; i++)
      {
        xs[i] = generated[i].n_sections;
        for (int f = 0; f <= FORMAT_ALL; f++)
          print_job (&jobs[i * (N_FORMATS + 1) + f], &ys[f * n_sizes + i], &mins[f * n_sizes + i]);
      }

    printf ("# record\ttool\tissue\tformat\tintercept_us\tslope_us_per_section\tr2"
            "\tmin_intercept_us\tmin_slope_us_per_section\tmin_r2\n");
    for (int f = 0; f <= FORMAT_ALL && n_sizes >= 2; f++)
      {
        double intercept, slope, r2;
        double min_intercept, min_slope, min_r2;

        linear_fit (xs, &ys[f * n_sizes], n_sizes, &intercept, &slope, &r2);
        linear_fit (xs, &mins[f * n_sizes], n_sizes, &min_intercept, &min_slope, &min_r2);
        printf ("fit\ttidings\tgenerated\t%s\t%.1f\t%.3f\t%.5f\t%.1f\t%.3f\t%.5f\n",
                format_names[f], intercept, slope, r2, min_intercept, min_slope, min_r2);
      }
    g_free (xs);
    g_free (ys);
    g_free (mins);
  }

  for (guint j = 0; j < n_jobs; j++)
    g_array_unref (jobs[j].times);
  g_free (jobs);
  for (guint i = 0; i < n_sizes; i++)
    {
      td_loaded_issue_free (generated[i].loaded);
      g_free (generated[i].data);
    }
  g_free (generated);
  td_loaded_issue_free (sample.loaded);
  g_free (sample.data);
  g_free (options.sections);
  return EXIT_SUCCESS;
}
