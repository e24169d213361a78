/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-evidence.h"
#include "flaw-test-utils.h"

#define NOW 1767225600 /* 2026-01-01 00:00 UTC */
#define DAY 86400

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

  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

/* Fixture rows, with times relative to NOW written as ?NOW±days. */
static void
exec (Fixture    *fixture,
      const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (flaw_database_get_handle (fixture->db), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static FlawEvidence *
query (Fixture    *fixture,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  FlawEvidence *evidence = flaw_evidence_query (fixture->db, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  g_assert_cmpstr (evidence->key, ==, key);
  g_assert_cmpint (evidence->time, ==, flaw_clock_now ());
  g_test_message ("%s: %s", key, evidence->summary);

  return evidence;
}

static void
add_sources (Fixture *fixture)
{
  exec (fixture,
        "INSERT INTO source (kind, name, enabled, last_success_time, created) VALUES "
        "('jmap', 'security@ mailbox', 1, 1767225600 - 2 * 86400, 0), "
        "('github', 'GitHub advisories', 1, 1767225600 - 10 * 86400, 0), "
        "('github', 'Old repository', 0, 1767225600, 0), "
        "('osv', 'OSV for Cargo.lock', 1, 1767225600 - 86400, 0), "
        "('osv', 'OSV never synced', 1, NULL, 0)");
}

static void
test_front_door (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FlawEvidence) none = query (fixture, "front-door");
  g_autoptr(FlawEvidence) some = NULL;

  g_assert_true (none->available);
  g_assert_cmpint (none->total, ==, 0);
  g_assert_cmpint (none->count, ==, 0);
  g_assert_nonnull (strstr (none->summary, "No disclosure source"));

  add_sources (fixture);
  some = query (fixture, "front-door");
  /* The disabled source does not count; only one synced within 7 days. */
  g_assert_cmpint (some->total, ==, 2);
  g_assert_cmpint (some->count, ==, 1);
  g_assert_cmpint (some->extra, ==, NOW - 2 * DAY);
  g_assert_cmpstr (some->summary, ==,
                   "2 disclosure sources configured, 1 synced successfully in the last 7 days "
                   "(last success: 2025-12-30). No security.txt contact is recorded.");

  /* What security.txt publishes is part of the front door. */
  exec (fixture, "INSERT INTO front_door (id, contacts, expires, updated) VALUES "
                 "(1, '[\"mailto:security@example.org\", \"https://example.org/report\"]', "
                 "1767225600 + 30 * 86400, 0)");
  g_clear_pointer (&some, flaw_evidence_free);
  some = query (fixture, "front-door");
  g_assert_true (g_str_has_suffix (some->summary, " security.txt lists 2 contacts and is valid until 2026-01-31."));

  flaw_clock_set_fixed (NOW + 40 * DAY);
  g_clear_pointer (&some, flaw_evidence_free);
  some = query (fixture, "front-door");
  g_assert_true (g_str_has_suffix (some->summary, " security.txt lists 2 contacts but expired on 2026-01-31."));
  g_assert_cmpint (some->count, ==, 0);
}

static void
test_dependency_feed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FlawEvidence) none = query (fixture, "dependency-feed");
  g_autoptr(FlawEvidence) some = NULL;

  g_assert_cmpint (none->total, ==, 0);
  g_assert_nonnull (strstr (none->summary, "No vulnerability feed"));

  add_sources (fixture);
  some = query (fixture, "dependency-feed");
  g_assert_cmpint (some->total, ==, 2);
  g_assert_cmpint (some->count, ==, 1);
  g_assert_cmpstr (some->summary, ==,
                   "2 OSV feeds configured, 1 synced successfully in the last 7 days "
                   "(last success: 2025-12-31). No components are tracked.");

  /* Components and their known vulnerabilities, less what is suppressed. */
  exec (fixture, "INSERT INTO component (id, ecosystem, name, version, import_source, last_checked, created, updated) VALUES "
                 "(1, 'npm', 'left-pad', '1.0.0', 'package-lock.json', 1767225600 - 86400, 0, 0), "
                 "(2, 'npm', 'lodash', '4.17.4', 'package-lock.json', 1767225600 - 30 * 86400, 0, 0), "
                 "(3, 'crates.io', 'time', '0.1.0', 'Cargo.lock', NULL, 0, 0), "
                 "(4, 'PyPI', 'jinja2', '2.10', 'requirements.txt', 1767225600, 0, 0);"
                 "INSERT INTO vulnerability (id, osv_id, modified, fetched, withdrawn) VALUES "
                 "(1, 'GHSA-1', 0, 0, NULL), (2, 'GHSA-2', 0, 0, NULL), (3, 'GHSA-3', 0, 0, 5), (4, 'GHSA-4', 0, 0, NULL);"
                 "INSERT INTO component_vuln (component_id, vulnerability_id, found) VALUES "
                 "(2, 1, 0), (2, 2, 0), (3, 3, 0), (4, 4, 0);"
                 "INSERT INTO suppression (vulnerability_id, component_id, reason, expires, created, actor) VALUES "
                 "(4, 4, 'not reachable', 1767225600 + 86400, 0, 'Ada')");
  g_clear_pointer (&some, flaw_evidence_free);
  some = query (fixture, "dependency-feed");
  g_assert_true (g_str_has_suffix (some->summary,
                                   " 4 components tracked, 2 checked in the last 7 days, 1 with a known "
                                   "vulnerability that is not suppressed."));

  /* Once the suppression expires, the vulnerability counts again. */
  flaw_clock_set_fixed (NOW + 2 * DAY);
  g_clear_pointer (&some, flaw_evidence_free);
  some = query (fixture, "dependency-feed");
  g_assert_true (g_str_has_suffix (some->summary, ", 2 with a known vulnerability that is not suppressed."));
}

static void
add_reports (Fixture *fixture)
{
  exec (fixture,
        "INSERT INTO report (id, title, received, updated, severity, cwe, fixed_time, thread_of, "
        "status, close_reason) VALUES "
        /* critical, fixed in 5 days: in time */
        "(1, 'XSS', 1767225600 - 20 * 86400, 0, 'critical', 'CWE-79', 1767225600 - 15 * 86400, NULL, 'fixed', NULL), "
        /* critical, fixed in 10 days: late */
        "(2, 'XSS 2', 1767225600 - 20 * 86400, 0, 'critical', ' cwe-79 ', 1767225600 - 10 * 86400, NULL, 'fixed', NULL), "
        /* high, open 40 days: past its deadline */
        "(3, 'SQLi', 1767225600 - 40 * 86400, 0, 'high', 'CWE-89', NULL, NULL, 'triaged', NULL), "
        /* medium, open 30 days: not due yet */
        "(4, 'SQLi 2', 1767225600 - 30 * 86400, 0, 'medium', 'CWE-89', NULL, NULL, 'triaged', NULL), "
        /* low, fixed in 100 days: in time */
        "(5, 'XSS 3', 1767225600 - 200 * 86400, 0, 'low', 'CWE-79', 1767225600 - 100 * 86400, NULL, 'fixed', NULL), "
        /* closed as a duplicate: not counted */
        "(6, 'Dup', 1767225600 - 50 * 86400, 0, 'high', 'CWE-89', NULL, NULL, 'closed', 'duplicate'), "
        /* a follow-up message of report 1: not counted */
        "(7, 'Re: XSS', 1767225600 - 19 * 86400, 0, 'critical', 'CWE-89', NULL, 1, 'new', NULL), "
        /* older than 12 months: not counted */
        "(8, 'Old', 1767225600 - 400 * 86400, 0, 'critical', 'CWE-89', 1767225600 - 300 * 86400, NULL, 'fixed', NULL), "
        /* no severity that needs a fix */
        "(9, 'Info', 1767225600 - 10 * 86400, 0, 'none', 'CWE-89', NULL, NULL, 'triaged', NULL)");
}

static void
test_mitigation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FlawEvidence) none = query (fixture, "mitigation");
  g_autoptr(FlawEvidence) some = NULL;

  g_assert_cmpint (none->total, ==, 0);
  g_assert_nonnull (strstr (none->summary, "has reached its fix deadline"));

  add_reports (fixture);
  some = query (fixture, "mitigation");
  g_assert_cmpint (some->total, ==, 4);
  g_assert_cmpint (some->count, ==, 2);
  g_assert_cmpint (some->extra, ==, 1);
  g_assert_true (g_str_has_prefix (some->summary,
                                   "2 of 4 reports of the last 12 months whose fix deadline has come "
                                   "were fixed in time (50 %); 1 is still open past its deadline."));

  /* Two months on, report 4 has passed its deadline too. */
  flaw_clock_set_fixed (NOW + 61 * DAY);
  g_clear_pointer (&some, flaw_evidence_free);
  some = query (fixture, "mitigation");
  g_assert_cmpint (some->total, ==, 5);
  g_assert_cmpint (some->count, ==, 2);
  g_assert_cmpint (some->extra, ==, 2);
}

/* A database as it was before the register existed (no migration 0003). */
static FlawDatabase *
open_without_register (const char *path)
{
  static const struct { guint version; const char *name; } files[] = {
    { 1, "0001-event-log.sql" }, { 2, "0002-inbox.sql" }, { 4, "0004-assessment.sql" },
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  FlawMigration migrations[G_N_ELEMENTS (files)];
  FlawDatabase *db;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_BASE "/sql/", files[i].name, NULL);
      GBytes *bytes = g_resources_lookup_data (resource, 0, &error);

      g_assert_no_error (error);
      g_ptr_array_add (texts, bytes);
      migrations[i] = (FlawMigration) { files[i].version, files[i].name, g_bytes_get_data (bytes, NULL) };
    }

  db = flaw_database_open_with_migrations (path, migrations, G_N_ELEMENTS (files), &error);
  g_assert_no_error (error);

  return db;
}

static void
test_repeated_weakness (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FlawEvidence) none = query (fixture, "repeated-weakness");
  g_autoptr(FlawEvidence) reports = NULL;
  g_autoptr(FlawEvidence) with_debt = NULL;
  g_autoptr(FlawEvidence) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autoptr(FlawDatabase) old_db = NULL;

  g_assert_true (none->available);
  g_assert_cmpint (none->total, ==, 0);
  g_assert_cmpstr (none->summary, ==,
                   "No report of the last 12 months records a CWE. Reports and debt items are both counted.");

  add_reports (fixture);
  reports = query (fixture, "repeated-weakness");
  g_assert_cmpstr (reports->detail, ==, "CWE-79");
  g_assert_cmpint (reports->count, ==, 3);
  g_assert_cmpint (reports->total, ==, 5);
  g_assert_true (g_str_has_prefix (reports->summary,
                                   "CWE-79 is the most frequent weakness of the last 12 months: "
                                   "3 of 5 findings with a CWE (60 %)."));

  /* Debt items count too; deleted and old ones do not. */
  exec (fixture, "INSERT INTO debt (title, status, likelihood, impact, cwe, created, updated, deleted) VALUES "
                 "('SQL built by hand', 'proposed', 3, 3, 'CWE-89', 1767225600 - 5 * 86400, 0, NULL), "
                 "('Raw queries in reports', 'in_progress', 3, 3, 'CWE-89', 1767225600 - 6 * 86400, 0, NULL), "
                 "('Deleted', 'proposed', 3, 3, 'CWE-89', 1767225600 - 7 * 86400, 0, 1767225600 - 86400), "
                 "('Old', 'proposed', 3, 3, 'CWE-89', 1767225600 - 500 * 86400, 0, NULL)");
  with_debt = query (fixture, "repeated-weakness");
  g_assert_cmpstr (with_debt->detail, ==, "CWE-89");
  g_assert_cmpint (with_debt->count, ==, 4);
  g_assert_cmpint (with_debt->total, ==, 7);
  g_assert_nonnull (strstr (with_debt->summary, "Reports and debt items are both counted."));

  /* Before the register existed, reports alone are counted, and it says so. */
  old_db = open_without_register (path);
  old = flaw_evidence_query (old_db, "repeated-weakness", &error);
  g_assert_no_error (error);
  g_assert_true (old->available);
  g_assert_nonnull (strstr (old->summary, "Debt items: not available yet"));
}

static void
test_debt_register (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FlawEvidence) empty = query (fixture, "debt-register");
  g_autoptr(FlawEvidence) kept = NULL;
  g_autoptr(FlawEvidence) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autoptr(FlawDatabase) old_db = NULL;

  g_assert_true (empty->available);
  g_assert_cmpint (empty->total, ==, 0);
  g_assert_cmpstr (empty->summary, ==, "The register holds no accepted debt item.");

  exec (fixture, "INSERT INTO debt (title, status, likelihood, impact, rationale, compensating_controls, "
                 "review_date, target_date, created, updated, deleted) VALUES "
                 /* ahead */
                 "('Admin rights for the CI runner', 'accepted', 3, 4, 'deadline', 'audit log', '2026-03-01', NULL, 0, 0, NULL), "
                 /* due today: still on time */
                 "('TLS checks off in staging', 'accepted', 2, 3, 'speed', 'staging only', '2026-01-01', NULL, 0, 0, NULL), "
                 /* overdue */
                 "('Library pinned at 1.2', 'accepted', 3, 3, 'API change', 'WAF rule', '2025-12-01', NULL, 0, 0, NULL), "
                 /* deleted */
                 "('Gone', 'accepted', 3, 3, 'r', 'c', '2026-06-01', NULL, 0, 0, 1767225600 - 86400), "
                 /* not accepted */
                 "('Scheduled fix', 'scheduled', 3, 3, NULL, NULL, NULL, '2026-02-01', 0, 0, NULL)");
  kept = query (fixture, "debt-register");
  g_assert_true (kept->available);
  g_assert_cmpint (kept->total, ==, 3);
  g_assert_cmpint (kept->count, ==, 2);
  g_assert_cmpint (kept->extra, ==, 0);
  g_assert_cmpstr (kept->summary, ==, "2 of 3 accepted debt items are within their review date (67 %).");

  /* Before migration 0003 the fact is not available, and nothing fails. */
  old_db = open_without_register (path);
  missing = flaw_evidence_query (old_db, "debt-register", &error);
  g_assert_no_error (error);
  g_assert_false (missing->available);
  g_assert_cmpstr (missing->summary, ==, "Not available yet: this database has no security debt register.");

  all = flaw_evidence_query_all (old_db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *json = NULL;
  g_autoptr(FlawEvidence) unknown = NULL;

  add_sources (fixture);
  add_reports (fixture);
  facts = flaw_evidence_query_all (fixture->db, &error);
  g_assert_no_error (error);

  json = flaw_evidence_to_json (facts);
  back = flaw_evidence_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, facts->len);

  for (guint i = 0; i < facts->len; i++)
    {
      const FlawEvidence *a = g_ptr_array_index (facts, i);
      const FlawEvidence *b = flaw_evidence_find (back, a->key);

      g_assert_nonnull (b);
      g_assert_cmpint (a->available, ==, b->available);
      g_assert_cmpint (a->count, ==, b->count);
      g_assert_cmpint (a->total, ==, b->total);
      g_assert_cmpint (a->extra, ==, b->extra);
      g_assert_cmpstr (a->detail, ==, b->detail);
      g_assert_cmpstr (a->summary, ==, b->summary);
    }

  g_assert_null (flaw_evidence_from_json ("{}", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  unknown = flaw_evidence_query (fixture->db, "astrology", &error);
  g_assert_null (unknown);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/evidence/front-door", test_front_door);
  ADD ("/flawdesk/evidence/dependency-feed", test_dependency_feed);
  ADD ("/flawdesk/evidence/mitigation", test_mitigation);
  ADD ("/flawdesk/evidence/repeated-weakness", test_repeated_weakness);
  ADD ("/flawdesk/evidence/debt-register", test_debt_register);
  ADD ("/flawdesk/evidence/json-round-trip", test_json_round_trip);

#undef ADD

  return g_test_run ();
}
