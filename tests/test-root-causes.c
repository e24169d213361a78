/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-root-causes.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  FlawDatabase *db;
} Fixture;

static gint64
local (int y,
       int m,
       int d,
       int h,
       int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static gint64
add (Fixture    *fixture,
     gint64      received,
     const char *cwe,
     const char *component,
     const char *status,
     gint64      thread_of)
{
  g_autoptr(GError) error = NULL;
  gint64 id = flaw_test_insert_report (fixture->db, 0, "Report", "body", received, thread_of);
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (fixture->db,
                                "UPDATE report SET cwe = ?, component = ?, status = ?, "
                                "close_reason = CASE WHEN ? = 'closed' THEN 'duplicate' END WHERE id = ?",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, cwe, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, component, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, id);
  g_assert_true (flaw_database_execute (fixture->db, stmt, &error));
  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 root;

  flaw_clock_set_fixed (local (2026, 11, 15, 12, 0));
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);

  add (fixture, local (2026, 1, 10, 9, 0), "CWE-79", "template engine", "triaged", 0);
  add (fixture, local (2026, 1, 20, 9, 0), "CWE-79", "Template Engine", "fixed", 0);
  add (fixture, local (2026, 6, 5, 9, 0), "CWE-79", "template engine ", "new", 0);
  add (fixture, local (2026, 11, 1, 9, 0), "CWE-89", "search", "new", 0);
  add (fixture, local (2026, 11, 2, 9, 0), "CWE-89", "search", "new", 0);
  add (fixture, local (2026, 11, 3, 9, 0), "CWE-89", "search", "acknowledged", 0);
  /* Either side of the end of February. */
  add (fixture, local (2026, 2, 28, 23, 59), "CWE-22", "upload", "new", 0);
  add (fixture, local (2026, 3, 1, 0, 30), "CWE-22", " Upload ", "new", 0);
  /* Not counted: closed, outside the window, a follow-up, nothing set. */
  add (fixture, local (2026, 11, 4, 9, 0), "CWE-79", "search", "closed", 0);
  add (fixture, local (2025, 11, 30, 23, 0), "CWE-79", "template engine", "new", 0);
  root = add (fixture, local (2026, 4, 1, 9, 0), NULL, "auth", "new", 0);
  add (fixture, local (2026, 4, 2, 9, 0), "CWE-287", "auth", "new", root);
  add (fixture, local (2026, 4, 3, 9, 0), NULL, NULL, "new", 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_clock_unset_fixed ();
}

static FlawRootCauseRow *
find (FlawRootCauseTable *table,
      FlawRootCauseKind   kind,
      const char         *key)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      FlawRootCauseRow *row = g_ptr_array_index (table->rows, i);

      if (row->kind == kind && g_str_equal (row->key, key))
        return row;
    }

  return NULL;
}

static FlawRootCauseTable *
run (Fixture             *fixture,
     FlawRootCausePeriod  period)
{
  g_autoptr(GError) error = NULL;
  FlawRootCauseQuery query = { .period = period };
  FlawRootCauseTable *table = flaw_root_causes_count (fixture->db, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);

  return table;
}

static void
test_months (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FlawRootCauseTable) table = run (fixture, FLAW_ROOT_CAUSE_PERIOD_MONTH);
  FlawRootCauseRow *row;

  g_assert_cmpuint (table->n_periods, ==, 12);
  g_assert_cmpstr (table->period_labels[0], ==, "2025-12");
  g_assert_cmpstr (table->period_labels[2], ==, "2026-02");
  g_assert_cmpstr (table->period_labels[11], ==, "2026-11");
  g_assert_null (table->period_labels[12]);
  g_assert_cmpint (table->period_starts[0], ==, local (2025, 12, 1, 0, 0));
  g_assert_cmpint (table->end, ==, local (2026, 12, 1, 0, 0));
  /* The debt register exists (migration 0003) but holds nothing yet. */
  g_assert_true (table->includes_debt);

  /* CWE rows first, by total. */
  g_assert_cmpuint (table->rows->len, ==, 7);
  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpint (row->kind, ==, FLAW_ROOT_CAUSE_KIND_CWE);
  g_assert_cmpuint (row->total, ==, 3);

  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-79");
  g_assert_nonnull (row);
  g_assert_cmpuint (row->total, ==, 3);
  g_assert_cmpuint (row->n_reports, ==, 3);
  g_assert_cmpuint (row->counts[1], ==, 2);  /* January */
  g_assert_cmpuint (row->counts[6], ==, 1);  /* June */
  g_assert_cmpuint (row->n_periods_seen, ==, 2);
  g_assert_true (row->recurring);

  /* Three in one month is a burst, not a recurrence. */
  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-89");
  g_assert_cmpuint (row->counts[11], ==, 3);
  g_assert_false (row->recurring);

  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-22");
  g_assert_cmpuint (row->counts[2], ==, 1);
  g_assert_cmpuint (row->counts[3], ==, 1);
  g_assert_true (row->recurring);

  /* Components group ignoring case and space, named as first seen. */
  row = find (table, FLAW_ROOT_CAUSE_KIND_COMPONENT, "template engine");
  g_assert_cmpuint (row->total, ==, 3);
  g_assert_true (row->recurring);
  row = find (table, FLAW_ROOT_CAUSE_KIND_COMPONENT, "upload");
  g_assert_cmpuint (row->total, ==, 2);
  row = find (table, FLAW_ROOT_CAUSE_KIND_COMPONENT, "auth");
  g_assert_cmpuint (row->total, ==, 1);
  g_assert_false (row->recurring);
  row = find (table, FLAW_ROOT_CAUSE_KIND_COMPONENT, "search");
  g_assert_cmpuint (row->total, ==, 3);

  g_assert_null (find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-287"));
}

static void
test_quarters (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawRootCauseTable) table = run (fixture, FLAW_ROOT_CAUSE_PERIOD_QUARTER);
  FlawRootCauseRow *row;

  g_assert_cmpuint (table->n_periods, ==, 4);
  g_assert_cmpstr (table->period_labels[0], ==, "2026-Q1");
  g_assert_cmpstr (table->period_labels[3], ==, "2026-Q4");
  g_assert_cmpint (table->period_starts[0], ==, local (2026, 1, 1, 0, 0));

  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-79");
  g_assert_cmpuint (row->counts[0], ==, 2);
  g_assert_cmpuint (row->counts[1], ==, 1);
  g_assert_true (row->recurring);

  /* February and March are one quarter. */
  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-22");
  g_assert_cmpuint (row->counts[0], ==, 2);
  g_assert_false (row->recurring);

  /* Quarters across a year end. */
  flaw_clock_set_fixed (local (2027, 2, 1, 12, 0));
  {
    g_autoptr(FlawRootCauseTable) later = run (fixture, FLAW_ROOT_CAUSE_PERIOD_QUARTER);

    g_assert_cmpstr (later->period_labels[0], ==, "2026-Q2");
    g_assert_cmpstr (later->period_labels[3], ==, "2027-Q1");
    row = find (later, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-79");
    g_assert_cmpuint (row->total, ==, 1);
  }
}

static void
test_with_debt (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FlawRootCauseTable) table = NULL;
  FlawRootCauseRow *row;

  {
    g_autoptr(GError) error = NULL;
    sqlite3_stmt *stmt = flaw_database_prepare (fixture->db,
                                                "INSERT INTO debt (title, cwe, component, created, deleted, "
                                                "likelihood, impact, updated) VALUES ('x', ?, ?, ?, ?, 3, 3, 0)", &error);

    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, "CWE-89", -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, "Search", -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, local (2026, 5, 1, 9, 0));
    sqlite3_bind_null (stmt, 4);
    g_assert_true (flaw_database_execute (fixture->db, stmt, &error));

    stmt = flaw_database_prepare (fixture->db,
                                  "INSERT INTO debt (title, cwe, component, created, deleted, "
                                  "likelihood, impact, updated) VALUES ('x', ?, ?, ?, ?, 3, 3, 0)", &error);
    sqlite3_bind_text (stmt, 1, "CWE-502", -1, SQLITE_STATIC);
    sqlite3_bind_null (stmt, 2);
    sqlite3_bind_int64 (stmt, 3, local (2026, 5, 1, 9, 0));
    sqlite3_bind_int64 (stmt, 4, local (2026, 6, 1, 9, 0));
    g_assert_true (flaw_database_execute (fixture->db, stmt, &error));
  }

  table = run (fixture, FLAW_ROOT_CAUSE_PERIOD_MONTH);
  g_assert_true (table->includes_debt);
  row = find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-89");
  g_assert_cmpuint (row->n_reports, ==, 3);
  g_assert_cmpuint (row->n_debt, ==, 1);
  g_assert_cmpuint (row->total, ==, 4);
  g_assert_cmpuint (row->counts[5], ==, 1);
  g_assert_true (row->recurring);
  row = find (table, FLAW_ROOT_CAUSE_KIND_COMPONENT, "search");
  g_assert_cmpuint (row->n_debt, ==, 1);
  g_assert_null (find (table, FLAW_ROOT_CAUSE_KIND_CWE, "CWE-502"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Europe/London", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/root-causes/months", test_months);
  ADD ("/flawdesk/root-causes/quarters", test_quarters);
  ADD ("/flawdesk/root-causes/with-debt", test_with_debt);

#undef ADD

  return g_test_run ();
}
