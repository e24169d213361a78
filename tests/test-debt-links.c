/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-debt-links.h"
#include "flaw-report-store.h"
#include "flaw-test-utils.h"

typedef struct
{
  char         *dir;
  FlawDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (path, &error);
  g_assert_no_error (error);
  flaw_clock_set_fixed (1790000000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (flaw_database_get_handle (fixture->db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_report_link (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(FlawReportRequest) request = NULL;
  FlawDebtLink *link;

  exec (fixture,
        "INSERT INTO debt (id, title, likelihood, impact, created, updated) "
        "VALUES (7, 'TLS off in staging', 3, 4, 0, 0);"
        "INSERT INTO report (id, title, received, updated) "
        "VALUES (12, '<b>Stored XSS</b> in admin', 0, 0);");

  links = flaw_debt_db_list_links (fixture->db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Linked from the report's side, shown on the debt item's side. */
  request = flaw_report_request_new (12, NULL);
  request->debt_id = 7;
  g_assert_nonnull (flaw_report_store_link_debt (fixture->db, request, NULL, &error));
  g_assert_no_error (error);

  links = flaw_debt_db_list_links (fixture->db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  link = g_ptr_array_index (links, 0);
  g_assert_cmpstr (link->entity, ==, "report");
  g_assert_cmpint (link->id, ==, 12);
  /* Report text stays as it came: the UI shows it as plain text. */
  g_assert_cmpstr (link->label, ==, "Report 12: <b>Stored XSS</b> in admin");

  /* Other debt items see nothing of it. */
  g_clear_pointer (&links, g_ptr_array_unref);
  links = flaw_debt_db_list_links (fixture->db, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 0);
}

static void
test_other_kinds (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;

  exec (fixture,
        "INSERT INTO debt (id, title, likelihood, impact, created, updated) "
        "VALUES (3, 'Old OpenSSL', 3, 4, 0, 0);"
        "INSERT INTO vulnerability (id, osv_id, summary, modified, fetched) VALUES (5, 'GHSA-aaaa-bbbb-cccc', 'Heap overflow', 0, 0);"
        "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) VALUES ('vulnerability', 5, 'debt', 3, 1);"
        "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) VALUES ('report', 99, 'debt', 3, 2);");

  links = flaw_debt_db_list_links (fixture->db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (((FlawDebtLink *) g_ptr_array_index (links, 0))->label, ==,
                   "Dependency vulnerability GHSA-aaaa-bbbb-cccc: Heap overflow");
  /* A link to a record that is gone says so instead of failing. */
  g_assert_cmpstr (((FlawDebtLink *) g_ptr_array_index (links, 1))->label, ==, "Report 99: (deleted)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/flawdesk/debt-links/report", Fixture, NULL, fixture_set_up, test_report_link, fixture_tear_down);
  g_test_add ("/flawdesk/debt-links/other-kinds", Fixture, NULL, fixture_set_up, test_other_kinds, fixture_tear_down);

  return g_test_run ();
}
