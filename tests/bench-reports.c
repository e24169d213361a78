/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-report-store.h"
#include "flaw-root-causes.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"

/* Times the Inbox page's queries over a database of N_REPORTS reports
 * (a third with follow-ups) and prints the median of N_RUNS runs. */

#define N_REPORTS 10000
#define N_RUNS 21
#define T0 G_GINT64_CONSTANT (1772442000)

typedef gpointer (*Job) (FlawDatabase *, gpointer, GCancellable *, GError **);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
measure (FlawDatabase   *db,
         const char     *name,
         Job             job,
         gpointer        data,
         GDestroyNotify  result_free)
{
  double times[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gpointer result = job (db, data, NULL, &error);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_assert_nonnull (result);
      if (result_free != NULL)
        result_free (result);
    }

  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  printf ("%-40s median %8.2f ms  min %8.2f ms  max %8.2f ms\n",
          name, times[N_RUNS / 2], times[0], times[N_RUNS - 1]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "flawdesk.db", NULL);
  g_autoptr(FlawDatabase) db = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(FlawReportQuery) all = flaw_report_query_new (NULL);
  g_autoptr(FlawReportQuery) search = flaw_report_query_new (NULL);
  g_autoptr(FlawReportQuery) overdue = flaw_report_query_new (NULL);
  g_autoptr(FlawReportRequest) request = NULL;
  FlawRootCauseQuery months = { FLAW_ROOT_CAUSE_PERIOD_MONTH, 12 };
  gint64 start;

  flaw_clock_set_fixed (T0 + 90 * 86400);
  db = flaw_database_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  ids = flaw_test_insert_reports (db, N_REPORTS, T0, 1);
  printf ("%-40s %8.2f ms\n", "insert " G_STRINGIFY (N_REPORTS) " reports + follow-ups",
          (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpint (sqlite3_exec (flaw_database_get_handle (db),
                                 "UPDATE report SET cwe = 'CWE-' || (id % 40 + 1), "
                                 "component = 'component ' || (id % 12) WHERE thread_of IS NULL",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  search->search = g_strdup ("heap overfl");
  overdue->due_mask = 1u << FLAW_DUE_STATE_OVERDUE;
  request = flaw_report_request_new (g_array_index (ids, gint64, 0), NULL);

  measure (db, "list all root reports", flaw_report_store_list, all, g_object_unref);
  measure (db, "list, search \"heap overfl\"", flaw_report_store_list, search, g_object_unref);
  measure (db, "list, overdue only", flaw_report_store_list, overdue, g_object_unref);
  measure (db, "load one report with its thread", flaw_report_store_load, request,
           (GDestroyNotify) flaw_report_details_free);
  measure (db, "root causes, 12 months", flaw_root_causes_count, &months,
           (GDestroyNotify) flaw_root_cause_table_free);

  g_clear_object (&db);
  flaw_test_remove_tree (dir);

  return 0;
}
