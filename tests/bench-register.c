/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "flaw-clock.h"
#include "flaw-debt-gen.h"
#include "flaw-debt-io.h"
#include "flaw-debt-store.h"
#include "flaw-test-utils.h"

/* The register with a large generated database, through the code paths the
 * page and the CLI use: import, list load, search as typed, sort by every
 * column, export, and memory. Run it with
 *   meson test -C _build --benchmark --suite register -v
 * or _build/tests/bench-register [--items N].
 *
 * The import runs in a child process so that the peak memory reported for
 * the rest is what a register page with N items needs.
 */

#define DEFAULT_ITEMS 100000

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss / 1024.0;
}

/* CPU time of the process (all threads), in ms: on a shared machine it
 * says more than the wall clock alone. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);

  return g_array_index (values, double, index);
}

typedef struct
{
  char *csv;
} ImportJob;

static gpointer
import_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;
  g_autoptr(FlawDebtImport) import = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  double start = now_ms ();
  double cpu_start = cpu_ms ();
  double parsed, committed, cpu_parsed;

  if (!g_file_get_contents (job->csv, &contents, &length, error))
    return NULL;

  if (!(import = flaw_debt_import_new_from_csv (contents, length, NULL, error)))
    return NULL;
  g_clear_pointer (&contents, g_free);
  parsed = now_ms ();
  cpu_parsed = cpu_ms ();

  if (!flaw_debt_db_import_commit (db, import, error))
    {
      g_autofree char *summary = flaw_debt_import_dup_summary (import);

      g_printerr ("%s", summary);
      return NULL;
    }
  committed = now_ms ();

  printf ("import_rows:          %u\n", flaw_debt_import_get_n_rows (import));
  printf ("import_parse_s:       %.2f   (read, parse, set fields)\n", (parsed - start) / 1000);
  printf ("import_commit_s:      %.2f   (validate, insert, events, search index)\n", (committed - parsed) / 1000);
  printf ("import_total_s:       %.2f   (target < 3 s)\n", (committed - start) / 1000);
  printf ("import_cpu_s:         %.2f   (parse %.2f + commit %.2f, CPU time of all threads)\n",
          (cpu_ms () - cpu_start) / 1000, (cpu_parsed - cpu_start) / 1000, (cpu_ms () - cpu_parsed) / 1000);

  return GINT_TO_POINTER (TRUE);
}

static double
file_mb (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size / 1048576.0 : 0;
}

static int
run_import (const char *db_path,
            const char *csv_path)
{
  g_autoptr(FlawStore) store = flaw_store_new (db_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  ImportJob job = { (char *) csv_path };

  if (!flaw_store_open (store, NULL, &error) || !flaw_store_run (store, import_job, &job, NULL, &error))
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }

  printf ("import_peak_rss_mb:   %.0f\n", peak_rss_mb ());
  printf ("wal_after_import_mb:  %.1f\n", file_mb (wal_path));

  g_clear_object (&store);
  printf ("db_file_mb:           %.1f   (after closing; events, items and search index)\n", file_mb (db_path));

  return 0;
}

static void
ready_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

typedef struct
{
  const char *text;
} SearchJob;

static gpointer
search_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_debt_db_search (db, ((SearchJob *) data)->text, error);
}

static gpointer
export_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_debt_db_export (db, NULL, FLAW_DEBT_FORMAT_CSV, error);
}

typedef struct
{
  gint64 from;
  gint64 to;
  guint  n_points;
} SeriesJob;

static gpointer
series_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SeriesJob *job = data;

  return flaw_debt_db_cost_series (db, job->from, job->to, job->n_points, error);
}

static FlawDebtSortKey sort_key;

static int
sort_cb (gconstpointer a,
         gconstpointer b)
{
  return flaw_debt_item_compare (*(FlawDebtItem **) a, *(FlawDebtItem **) b, sort_key);
}

int
main (int    argc,
      char **argv)
{
  static const char * const sort_names[] = {
    "title", "severity", "risk", "status", "owner", "component", "cost", "review_date",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) model = NULL;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filtered = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) csv = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *import_out = NULL;
  g_autofree char *items_arg = NULL;
  GAsyncResult *result = NULL;
  const char *queries[6];
  guint64 n_items = DEFAULT_ITEMS;
  double start, opened, loaded, spliced;
  int wait_status = 0;

  /* Collation keys depend on the locale, as in the application. */
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "--import"))
    return run_import (argv[2], argv[3]);

  if (argc == 3 && g_str_equal (argv[1], "--items") &&
      !g_ascii_string_to_unsigned (argv[2], 10, 1, 10000000, &n_items, NULL))
    {
      g_printerr ("Usage: bench-register [--items N]\n");
      return 1;
    }

  dir = flaw_test_make_tmp_dir ();
  db_path = g_build_filename (dir, "bench.db", NULL);
  csv_path = g_build_filename (dir, "bench.csv", NULL);

  printf ("items:                %" G_GUINT64_FORMAT "\n", n_items);

  start = now_ms ();
  csv = flaw_debt_gen_csv ((guint) n_items, 42, flaw_clock_now ());
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, NULL));
  printf ("generate_s:           %.2f   (%.1f MB of CSV, not a target)\n",
          (now_ms () - start) / 1000, csv->len / 1048576.0);
  g_string_free (g_steal_pointer (&csv), TRUE);

  /* Import, in a child process. */
  {
    const char *child[] = { argv[0], "--import", db_path, csv_path, NULL };

    g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &import_out, NULL, &wait_status, &error);
    g_assert_no_error (error);
    fputs (import_out, stdout);
    if (!g_spawn_check_wait_status (wait_status, &error))
      {
        g_printerr ("import failed: %s\n", error->message);
        return 1;
      }
  }

  /* Opening the database alone. The first open of the filled file runs the
   * integrity check (never done yet); later launches skip it until one is
   * due again (after a week, an unclean exit or a migration). */
  {
    g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint run = 0; run < 4; run++)
      {
        g_autoptr(FlawDatabase) db = NULL;
        double t0 = now_ms (), elapsed;

        db = flaw_database_open (db_path, &error);
        g_assert_no_error (error);
        elapsed = now_ms () - t0;
        g_array_append_val (runs, elapsed);
      }

    printf ("database_first_open_ms: %.0f   (flaw_database_open with the integrity check that is due)\n",
            g_array_index (runs, double, 0));
    g_array_remove_index (runs, 0);
    printf ("database_open_ms:     %.0f   (flaw_database_open, median of 3 later launches, file in the page cache)\n",
            percentile (runs, 0.5));
  }

  /* Load the list as the page does: one job, one splice. */
  start = now_ms ();
  store = flaw_store_new (db_path);
  g_assert_true (flaw_store_open (store, NULL, &error));
  opened = now_ms ();
  flaw_debt_list_async (store, NULL, ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = flaw_debt_list_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  loaded = now_ms ();

  model = g_list_store_new (FLAW_TYPE_DEBT_ITEM);
  g_list_store_splice (model, 0, 0, items->pdata, items->len);
  spliced = now_ms ();

  printf ("list_rows:            %u\n", items->len);
  printf ("open_ms:              %.0f   (open the store; no integrity check is due)\n",
          opened - start);
  printf ("list_load_ms:         %.0f   (one store job: query, build items with sort keys and costs)\n",
          loaded - opened);
  printf ("list_splice_ms:       %.0f   (one g_list_store_splice)\n", spliced - loaded);
  printf ("list_ready_ms:        %.0f   (open + load + splice; target: page interactive < 1000 ms)\n",
          spliced - start);

  /* Search as typed: every prefix of each query, as keystrokes. */
  queries[0] = "authentication";
  queries[1] = "token rotation";
  queries[2] = "tls staging cert";
  queries[3] = flaw_debt_gen_word (2000);
  queries[4] = "admin password";
  queries[5] = "sql injection";

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      glong n_chars = g_utf8_strlen (queries[q], -1);

      for (glong len = 1; len <= n_chars; len++)
        {
          g_autofree char *prefix = g_utf8_substring (queries[q], 0, len);
          g_autoptr(GArray) ids = NULL;
          SearchJob job = { prefix };
          double t0 = now_ms (), t1, t2, query_ms, filter_ms;
          guint shown = 0;

          ids = flaw_store_run (store, search_job, &job, NULL, &error);
          g_assert_no_error (error);
          t1 = now_ms ();

          /* What the page's GtkCustomFilter then does for every row. */
          for (guint i = 0; i < items->len; i++)
            shown += flaw_debt_ids_contain (ids, flaw_debt_item_get_id (g_ptr_array_index (items, i)));
          t2 = now_ms ();

          query_ms = t1 - t0;
          filter_ms = t2 - t0;
          g_array_append_val (keystrokes, query_ms);
          g_array_append_val (filtered, filter_ms);
          g_assert_cmpuint (shown, <=, ids->len);
        }
    }

  printf ("search_keystrokes:    %u   (prefixes of: %s, %s, %s, %s, %s, %s)\n", keystrokes->len,
          queries[0], queries[1], queries[2], queries[3], queries[4], queries[5]);
  printf ("search_median_ms:     %.2f   (FTS5 query + sorted id set; target < 16 ms)\n", percentile (keystrokes, 0.5));
  printf ("search_p95_ms:        %.2f\n", percentile (keystrokes, 0.95));
  printf ("search_max_ms:        %.2f\n", percentile (keystrokes, 1.0));
  printf ("search_filter_median_ms: %.2f   (+ bsearch of every row, as the filter does)\n", percentile (filtered, 0.5));
  printf ("search_filter_p95_ms: %.2f\n", percentile (filtered, 0.95));

  /* Sort by every column with the comparators the page's sorters use;
   * the median of three runs, from the order the list was loaded in. */
  for (guint k = 0; k < FLAW_DEBT_N_SORT_KEYS; k++)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

      sort_key = k;

      for (guint run = 0; run < 3; run++)
        {
          g_autoptr(GPtrArray) copy = g_ptr_array_sized_new (items->len);
          double t0, elapsed;

          for (guint i = 0; i < items->len; i++)
            g_ptr_array_add (copy, g_ptr_array_index (items, i));

          t0 = now_ms ();
          g_ptr_array_sort (copy, sort_cb);
          elapsed = now_ms () - t0;
          g_array_append_val (runs, elapsed);
        }

      printf ("sort_%s_ms:%*s%.1f   (median of 3; target < 100 ms)\n", sort_names[k],
              (int) (16 - strlen (sort_names[k])), "", percentile (runs, 0.5));
    }

  printf ("peak_rss_mb:          %.0f   (page process with the list loaded; target < 200 MB)\n", peak_rss_mb ());

  /* The summary's chart: a year back to now, from the event log. */
  {
    SeriesJob job = { flaw_clock_now () - 365 * 86400, flaw_clock_now (), 60 };
    g_autoptr(GArray) series = NULL;
    double t0 = now_ms ();

    series = flaw_store_run (store, series_job, &job, NULL, &error);
    g_assert_no_error (error);
    printf ("cost_series_ms:       %.0f   (60 points over a year, %u items open now)\n", now_ms () - t0,
            g_array_index (series, FlawDebtCostPoint, series->len - 1).n_open);
  }

  start = now_ms ();
  exported = flaw_store_run (store, export_job, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("export_csv_s:         %.2f   (%.1f MB, full items loaded)\n",
          (now_ms () - start) / 1000, g_bytes_get_size (exported) / 1048576.0);
  printf ("peak_rss_after_export_mb: %.0f\n", peak_rss_mb ());

  g_clear_pointer (&exported, g_bytes_unref);
  g_clear_object (&model);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_object (&store);
  flaw_test_remove_tree (dir);

  return 0;
}
