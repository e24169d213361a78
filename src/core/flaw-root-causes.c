/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-root-causes"

#include "config.h"

#include "flaw-clock.h"
#include "flaw-report-store.h"
#include "flaw-root-causes.h"

/* The guidance asks teams to spot "repeated vulnerabilities of the same
 * type": this counts reports (and debt items) per CWE and per component
 * over time, and flags the classes that keep coming back.
 */

#define REPORTS_SQL \
  "SELECT received, cwe, component, 0 FROM report " \
  "WHERE thread_of IS NULL AND status != 'closed' AND received >= ?1 AND received < ?2 " \
  "AND (cwe IS NOT NULL OR component IS NOT NULL)"

#define DEBT_SQL \
  " UNION ALL SELECT created, cwe, component, 1 FROM debt " \
  "WHERE (deleted IS NULL OR deleted = 0) AND created >= ?1 AND created < ?2 " \
  "AND (cwe IS NOT NULL OR component IS NOT NULL)"

static void
row_free (FlawRootCauseRow *row)
{
  g_free (row->key);
  g_free (row->counts);
  g_free (row);
}

void
flaw_root_cause_table_free (FlawRootCauseTable *table)
{
  if (table == NULL)
    return;

  g_free (table->period_starts);
  g_strfreev (table->period_labels);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

static gint64
month_start (int year,
             int month)
{
  g_autoptr(GDateTime) dt = NULL;

  /* month may run outside 1…12 while stepping back and forth. */
  while (month < 1)
    {
      month += 12;
      year--;
    }
  while (month > 12)
    {
      month -= 12;
      year++;
    }

  dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
build_periods (FlawRootCauseTable *table)
{
  g_autoptr(GDateTime) now = flaw_clock_now_local ();
  guint months = table->period == FLAW_ROOT_CAUSE_PERIOD_QUARTER ? 3 : 1;
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int first;

  if (table->period == FLAW_ROOT_CAUSE_PERIOD_QUARTER)
    month = ((month - 1) / 3) * 3 + 1;

  first = month - (int) (months * (table->n_periods - 1));

  table->period_starts = g_new0 (gint64, table->n_periods);
  table->period_labels = g_new0 (char *, table->n_periods + 1);

  for (guint i = 0; i < table->n_periods; i++)
    {
      int m = first + (int) (i * months);
      int y = year;

      table->period_starts[i] = month_start (y, m);

      while (m < 1)
        {
          m += 12;
          y--;
        }

      if (table->period == FLAW_ROOT_CAUSE_PERIOD_QUARTER)
        table->period_labels[i] = g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);
      else
        table->period_labels[i] = g_strdup_printf ("%04d-%02d", y, m);
    }

  table->end = month_start (year, month + (int) months);
}

static guint
find_period (FlawRootCauseTable *table,
             gint64              time)
{
  guint i = table->n_periods - 1;

  while (i > 0 && time < table->period_starts[i])
    i--;

  return i;
}

static FlawRootCauseRow *
lookup_row (FlawRootCauseTable *table,
            GHashTable         *index,
            FlawRootCauseKind   kind,
            const char         *key)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (key));
  g_autofree char *folded = NULL;
  g_autofree char *lookup_key = NULL;
  FlawRootCauseRow *row;

  if (*trimmed == '\0')
    return NULL;

  folded = g_utf8_casefold (trimmed, -1);
  lookup_key = g_strdup_printf ("%d:%s", kind, folded);
  row = g_hash_table_lookup (index, lookup_key);

  if (row == NULL)
    {
      row = g_new0 (FlawRootCauseRow, 1);
      row->kind = kind;
      row->key = g_steal_pointer (&trimmed);
      row->counts = g_new0 (guint, table->n_periods);
      g_ptr_array_add (table->rows, row);
      g_hash_table_insert (index, g_steal_pointer (&lookup_key), row);
    }

  return row;
}

static void
count (FlawRootCauseRow *row,
       guint             period,
       gboolean          is_debt)
{
  if (row == NULL)
    return;

  if (row->counts[period]++ == 0)
    row->n_periods_seen++;

  if (is_debt)
    row->n_debt++;
  else
    row->n_reports++;

  row->total++;
  row->recurring = row->n_periods_seen >= FLAW_ROOT_CAUSE_RECURRING_PERIODS;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const FlawRootCauseRow *row_a = *(FlawRootCauseRow **) a;
  const FlawRootCauseRow *row_b = *(FlawRootCauseRow **) b;

  if (row_a->kind != row_b->kind)
    return row_a->kind < row_b->kind ? -1 : 1;
  if (row_a->total != row_b->total)
    return row_a->total > row_b->total ? -1 : 1;

  return g_utf8_collate (row_a->key, row_b->key);
}

/**
 * flaw_root_causes_count:
 * @query: a #FlawRootCauseQuery
 *
 * Returns: (transfer full): a #FlawRootCauseTable, or %NULL with @error set
 */
gpointer
flaw_root_causes_count (FlawDatabase  *database,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FlawRootCauseQuery *query = data;
  g_autoptr(FlawRootCauseTable) table = g_new0 (FlawRootCauseTable, 1);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean has_debt = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  table->period = query->period;
  table->n_periods = query->n_periods > 0 ? MIN (query->n_periods, 120)
                     : (query->period == FLAW_ROOT_CAUSE_PERIOD_QUARTER ? 4 : 12);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  build_periods (table);

  if (!_flaw_report_store_table_exists (database, "debt", &has_debt, error))
    return NULL;

  table->includes_debt = has_debt;
  stmt = flaw_database_prepare (database, has_debt ? REPORTS_SQL DEBT_SQL : REPORTS_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, table->period_starts[0]);
  sqlite3_bind_int64 (stmt, 2, table->end);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      guint period = find_period (table, sqlite3_column_int64 (stmt, 0));
      const char *cwe = (const char *) sqlite3_column_text (stmt, 1);
      const char *component = (const char *) sqlite3_column_text (stmt, 2);
      gboolean is_debt = sqlite3_column_int (stmt, 3) != 0;

      if (cwe != NULL)
        count (lookup_row (table, index, FLAW_ROOT_CAUSE_KIND_CWE, cwe), period, is_debt);
      if (component != NULL)
        count (lookup_row (table, index, FLAW_ROOT_CAUSE_KIND_COMPONENT, component), period, is_debt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  g_ptr_array_sort (table->rows, compare_rows);

  return g_steal_pointer (&table);
}
