/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-cvss.h"
#include "flaw-report-store.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"
#include "flaw-triage.h"

/* 2026-03-02 09:00 UTC, a Monday. */
#define T0 G_GINT64_CONSTANT (1772442000)
#define N_REPORTS 60

typedef struct
{
  char         *dir;
  char         *path;
  FlawDatabase *db;
  GArray       *ids;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (T0 + 30 * 86400);
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->ids = flaw_test_insert_reports (fixture->db, N_REPORTS, T0, 42);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  g_array_unref (fixture->ids);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_clock_unset_fixed ();
}

static gint64
id_at (Fixture *fixture,
       guint    i)
{
  return g_array_index (fixture->ids, gint64, i);
}

static GListModel *
list (Fixture         *fixture,
      FlawReportQuery *query)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = flaw_report_store_list (fixture->db, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static guint
count_events (Fixture    *fixture,
              gint64      id,
              const char *field)
{
  g_autoptr(GPtrArray) events = flaw_database_list_events (fixture->db, "report", id, NULL);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (((FlawEvent *) g_ptr_array_index (events, i))->field, field))
      n++;

  return n;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FlawReportQuery) query = flaw_report_query_new (NULL);
  g_autoptr(GListModel) model = list (fixture, query);
  g_autoptr(FlawReport) newest = NULL;
  g_autoptr(FlawReport) oldest = NULL;
  guint with_followups = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_REPORTS);

  newest = g_list_model_get_item (model, 0);
  oldest = g_list_model_get_item (model, N_REPORTS - 1);
  g_assert_cmpint (flaw_report_get_id (newest), ==, id_at (fixture, N_REPORTS - 1));
  g_assert_cmpint (flaw_report_get_id (oldest), ==, id_at (fixture, 0));
  g_assert_cmpint (flaw_report_get_received (oldest), ==, T0);
  g_assert_nonnull (flaw_report_get_source_name (oldest));
  g_assert_true (flaw_report_get_unread (oldest));
  g_assert_cmpuint (flaw_report_get_n_followups (oldest), >=, 1);
  g_assert_true (flaw_report_is_root (oldest));

  for (guint i = 0; i < N_REPORTS; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (model, i);

      g_assert_cmpint (flaw_report_get_thread_of (report), ==, 0);
      g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_NEW);
      g_assert_cmpint (flaw_report_get_deadline_kind (report), ==, FLAW_DEADLINE_ACKNOWLEDGE);
      if (flaw_report_get_n_followups (report) > 0)
        with_followups++;
    }
  g_assert_cmpuint (with_followups, ==, (N_REPORTS + 2) / 3);

  /* The oldest is 30 days old: its acknowledge deadline has passed. */
  g_assert_cmpint (flaw_report_get_due_state (oldest), ==, FLAW_DUE_STATE_OVERDUE);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportQuery) query = flaw_report_query_new (NULL);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(FlawTriageMove) m = flaw_triage_move_new (id_at (fixture, 1), FLAW_REPORT_STATUS_ACKNOWLEDGED);
  g_autoptr(FlawReportEdit) e = flaw_report_edit_new (id_at (fixture, 2));
  guint total, overdue, from_source;
  gint64 source_id;

  g_assert_nonnull (flaw_triage_move_report (fixture->db, m, NULL, &error));
  g_assert_no_error (error);
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_SEVERITY, "critical");
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  g_assert_no_error (error);

  query->status_mask = 1u << FLAW_REPORT_STATUS_ACKNOWLEDGED;
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_clear_object (&model);

  query->status_mask = (1u << FLAW_REPORT_STATUS_ACKNOWLEDGED) | (1u << FLAW_REPORT_STATUS_NEW);
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_REPORTS);
  g_clear_object (&model);

  query->status_mask = 0;
  query->severity_mask = 1u << FLAW_SEVERITY_CRITICAL;
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_clear_object (&model);

  query->severity_mask = 1u << FLAW_SEVERITY_UNSET;
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_REPORTS - 1);
  g_clear_object (&model);
  query->severity_mask = 0;

  /* Reports arrive every 7 hours over 17.5 days from T0; at T0 + 14 days
   * the old ones are overdue, the newest ones on track or due soon. */
  flaw_clock_set_fixed (T0 + 14 * 86400);
  query->due_mask = 1u << FLAW_DUE_STATE_OVERDUE;
  model = list (fixture, query);
  overdue = g_list_model_get_n_items (model);
  g_clear_object (&model);
  query->due_mask = (1u << FLAW_DUE_STATE_ON_TRACK) | (1u << FLAW_DUE_STATE_DUE_SOON);
  model = list (fixture, query);
  total = overdue + g_list_model_get_n_items (model);
  g_clear_object (&model);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (overdue, <, N_REPORTS);
  g_assert_cmpuint (total, ==, N_REPORTS);
  query->due_mask = 0;

  model = list (fixture, query);
  {
    g_autoptr(FlawReport) first = g_list_model_get_item (model, 0);

    source_id = flaw_report_get_source_id (first);
  }
  g_clear_object (&model);
  query->source_id = source_id;
  model = list (fixture, query);
  from_source = g_list_model_get_n_items (model);
  g_assert_cmpuint (from_source, >, 0);
  g_assert_cmpuint (from_source, <, N_REPORTS);
  for (guint i = 0; i < from_source; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (model, i);

      g_assert_cmpint (flaw_report_get_source_id (report), ==, source_id);
    }
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportRequest) request = flaw_report_request_new (id_at (fixture, 0), NULL);
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(FlawReportDetails) via_followup = NULL;
  g_autofree char *long_body = g_strnfill (5000, 'x');
  gint64 followup_id;
  FlawReport *first, *second;
  sqlite3_stmt *stmt;

  details = flaw_report_store_load (fixture->db, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flaw_report_get_id (details->report), ==, id_at (fixture, 0));
  g_assert_cmpuint (details->followups->len, ==, flaw_report_get_n_followups (details->report));
  g_assert_cmpuint (details->followups->len, >=, 1);
  g_assert_cmpuint (details->attachments->len, ==, 0);
  g_assert_cmpuint (details->debt_ids->len, ==, 0);
  g_assert_nonnull (strstr (flaw_report_get_body (details->report), "<script>"));

  /* A follow-up arrives out of order and with an attachment. */
  followup_id = flaw_test_insert_report (fixture->db, 0, "Re: earlier", "PoC attached",
                                         T0 + 3600, id_at (fixture, 0));
  stmt = flaw_database_prepare (fixture->db,
                                "INSERT INTO attachment (report_id, blob_id, name, type, size) "
                                "VALUES (?, 'B1', 'poc.py', 'text/x-python', 812)", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, followup_id);
  g_assert_true (flaw_database_execute (fixture->db, stmt, &error));

  /* Asking for the follow-up loads its thread. */
  request->report_id = followup_id;
  via_followup = flaw_report_store_load (fixture->db, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flaw_report_get_id (via_followup->report), ==, id_at (fixture, 0));
  g_assert_cmpuint (via_followup->followups->len, ==, details->followups->len + 1);
  first = g_ptr_array_index (via_followup->followups, 0);
  g_assert_cmpint (flaw_report_get_id (first), ==, followup_id);
  for (guint i = 1; i < via_followup->followups->len; i++)
    {
      second = g_ptr_array_index (via_followup->followups, i);
      g_assert_cmpint (flaw_report_get_received (first), <=, flaw_report_get_received (second));
      first = second;
    }
  g_assert_cmpuint (via_followup->attachments->len, ==, 1);
  g_assert_cmpstr (((FlawAttachment *) g_ptr_array_index (via_followup->attachments, 0))->name, ==, "poc.py");
  g_assert_cmpint (((FlawAttachment *) g_ptr_array_index (via_followup->attachments, 0))->size, ==, 812);

  /* The list shows a preview of a long body; loading gives all of it. */
  {
    g_autoptr(FlawReportQuery) query = flaw_report_query_new (NULL);
    g_autoptr(GListModel) model = NULL;
    g_autoptr(FlawReport) listed = NULL;
    g_autoptr(FlawReportDetails) full = NULL;
    gint64 id = flaw_test_insert_report (fixture->db, 0, "Long", long_body, T0 + 99 * 86400, 0);

    model = list (fixture, query);
    listed = g_list_model_get_item (model, 0);
    g_assert_cmpint (flaw_report_get_id (listed), ==, id);
    g_assert_cmpuint (strlen (flaw_report_get_body (listed)), ==, 500);

    request->report_id = id;
    full = flaw_report_store_load (fixture->db, request, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (flaw_report_get_body (full->report), ==, long_body);
  }

  request->report_id = 123456;
  g_assert_null (flaw_report_store_load (fixture->db, request, NULL, &error));
  g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_unread (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportRequest) request = flaw_report_request_new (id_at (fixture, 0), NULL);
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(FlawReportQuery) query = flaw_report_query_new (NULL);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(FlawReport) oldest = NULL;
  gint64 followup_id;

  request->unread = FALSE;
  g_assert_nonnull (flaw_report_store_set_unread (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  details = flaw_report_store_load (fixture->db, request, NULL, &error);
  g_assert_false (flaw_report_get_unread (details->report));
  for (guint i = 0; i < details->followups->len; i++)
    g_assert_false (flaw_report_get_unread (g_ptr_array_index (details->followups, i)));
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 0), "unread"), ==, 1);
  followup_id = flaw_report_get_id (g_ptr_array_index (details->followups, 0));
  g_assert_cmpuint (count_events (fixture, followup_id, "unread"), ==, 1);

  /* Marking again changes nothing and logs nothing. */
  g_assert_nonnull (flaw_report_store_set_unread (fixture->db, request, NULL, &error));
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 0), "unread"), ==, 1);

  /* A new follow-up makes the thread unread in the list. */
  flaw_test_insert_report (fixture->db, 0, "Re: again", "ping", T0 + 5 * 86400, id_at (fixture, 0));
  model = list (fixture, query);
  oldest = g_list_model_get_item (model, N_REPORTS - 1);
  g_assert_cmpint (flaw_report_get_id (oldest), ==, id_at (fixture, 0));
  g_assert_true (flaw_report_get_unread (oldest));
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportEdit) e = flaw_report_edit_new (id_at (fixture, 3));
  g_autoptr(FlawReport) report = NULL;
  g_autoptr(GPtrArray) events = NULL;
  FlawReportField field;

  flaw_clock_set_fixed (T0 + 40 * 86400);
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CWE, "cwe-79");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_COMPONENT, "  template engine ");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_AFFECTED_VERSIONS, "< 2.4.1");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_FIXED_VERSION, "2.4.1");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CVE, "cve-2026-12345");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CREDIT, "Ana Lima (Research Ltd)");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_ROOT_CAUSE, "Autoescape off in one template");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_INTRODUCED_IN, "commit 1a2b3c (v2.0)");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_REGRESSION_TEST, "tests/test-templates.c /templates/autoescape");
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  g_assert_no_error (error);

  report = _flaw_report_store_get (fixture->db, id_at (fixture, 3), &error);
  g_assert_cmpstr (flaw_report_get_cvss_vector (report), ==, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  g_assert_cmpfloat (flaw_report_get_cvss_score (report), ==, 9.8);
  g_assert_cmpint (flaw_report_get_severity (report), ==, FLAW_SEVERITY_CRITICAL);
  g_assert_cmpstr (flaw_report_get_cwe (report), ==, "CWE-79");
  g_assert_cmpstr (flaw_report_get_component (report), ==, "template engine");
  g_assert_cmpstr (flaw_report_get_cve (report), ==, "CVE-2026-12345");
  g_assert_cmpstr (flaw_report_get_credit (report), ==, "Ana Lima (Research Ltd)");
  g_assert_cmpint (flaw_report_get_updated (report), ==, T0 + 40 * 86400);
  g_clear_object (&report);

  /* One event per changed field, with old and new values. */
  events = flaw_database_list_events (fixture->db, "report", id_at (fixture, 3), &error);
  g_assert_cmpuint (events->len, ==, 12);
  for (guint i = 0; i < events->len; i++)
    {
      FlawEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpstr (event->entity, ==, "report");
      g_assert_cmpint (event->time, ==, T0 + 40 * 86400);
      g_assert_null (event->old_value);
      g_assert_nonnull (event->new_value);
    }
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 3), "cvss_score"), ==, 1);
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 3), "severity"), ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Same values again: no events. Severity by hand beats the vector. */
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 3), "cwe"), ==, 1);
  flaw_report_edit_free (g_steal_pointer (&e));
  e = flaw_report_edit_new (id_at (fixture, 3));
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N");
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_SEVERITY, "high");
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  report = _flaw_report_store_get (fixture->db, id_at (fixture, 3), &error);
  g_assert_cmpfloat (flaw_report_get_cvss_score (report), ==, 3.1);
  g_assert_cmpint (flaw_report_get_severity (report), ==, FLAW_SEVERITY_HIGH);
  g_clear_object (&report);

  /* Clearing the vector clears the score and keeps the severity. */
  flaw_report_edit_free (g_steal_pointer (&e));
  e = flaw_report_edit_new (id_at (fixture, 3));
  flaw_report_edit_set (e, FLAW_REPORT_FIELD_CVSS_VECTOR, "");
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  report = _flaw_report_store_get (fixture->db, id_at (fixture, 3), &error);
  g_assert_null (flaw_report_get_cvss_vector (report));
  g_assert_cmpfloat (flaw_report_get_cvss_score (report), ==, -1.0);
  g_assert_cmpint (flaw_report_get_severity (report), ==, FLAW_SEVERITY_HIGH);
  g_clear_object (&report);

  g_assert_true (flaw_report_field_from_string ("root-cause", &field));
  g_assert_cmpint (field, ==, FLAW_REPORT_FIELD_ROOT_CAUSE);
  g_assert_true (flaw_report_field_from_string ("regression_test", &field));
  g_assert_false (flaw_report_field_from_string ("title", &field));
  g_assert_false (flaw_report_field_from_string ("severity; DROP TABLE report", &field));
}

static void
test_update_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  struct { FlawReportField field; const char *value; GQuark domain; int code; } cases[] = {
    { FLAW_REPORT_FIELD_SEVERITY, "severe", 0, FLAW_REPORT_STORE_ERROR_INVALID_VALUE },
    { FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N", 0, FLAW_CVSS_ERROR_MISSING_METRIC },
    { FLAW_REPORT_FIELD_CWE, "XSS", 0, FLAW_CVSS_ERROR_INVALID_CWE },
    { FLAW_REPORT_FIELD_CVE, "CVE-26-1", 0, FLAW_CVSS_ERROR_INVALID_CVE },
  };
  gint64 id = id_at (fixture, 4);

  cases[0].domain = FLAW_REPORT_STORE_ERROR;
  cases[1].domain = FLAW_CVSS_ERROR;
  cases[2].domain = FLAW_CVSS_ERROR;
  cases[3].domain = FLAW_CVSS_ERROR;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlawReportEdit) e = flaw_report_edit_new (id);
      g_autoptr(FlawReport) report = NULL;
      g_autoptr(GPtrArray) events = NULL;

      /* A valid field in the same edit is not written either. */
      flaw_report_edit_set (e, FLAW_REPORT_FIELD_COMPONENT, "search");
      flaw_report_edit_set (e, cases[i].field, cases[i].value);
      g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);

      report = _flaw_report_store_get (fixture->db, id, NULL);
      g_assert_null (flaw_report_get_component (report));
      events = flaw_database_list_events (fixture->db, "report", id, NULL);
      g_assert_cmpuint (events->len, ==, 0);
    }

  /* A follow-up has no triage fields. */
  {
    g_autoptr(GError) error = NULL;
    gint64 followup = flaw_test_insert_report (fixture->db, 0, "Re: x", "y", T0 + 1, id);
    g_autoptr(FlawReportEdit) e = flaw_report_edit_new (followup);

    flaw_report_edit_set (e, FLAW_REPORT_FIELD_CWE, "CWE-79");
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_ROOT);
  }
}

static void
test_fts_query (void)
{
  struct { const char *text; const char *query; } cases[] = {
    { "overflow", "\"overflow\"*" },
    { "  heap   Overflow ", "\"heap\"* \"Overflow\"*" },
    { "\"", NULL },
    { "", NULL },
    { NULL, NULL },
    { "*** ( ) : ^ - + NEAR/", "\"NEAR\"*" },
    { "title:xss OR body:sql", "\"title\"* \"xss\"* \"OR\"* \"body\"* \"sql\"*" },
    { "x\"* OR \"y", "\"x\"* \"OR\"* \"y\"*" },
    { "Zoë's naïve café", "\"Zoë\"* \"s\"* \"naïve\"* \"café\"*" },
    { "CVE-2021-44228", "\"CVE\"* \"2021\"* \"44228\"*" },
    { "\xff\xfe invalid", NULL },
    { "cafe\xcc\x81 ok", "\"cafe\xcc\x81\"* \"ok\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = flaw_report_store_make_fts_query (cases[i].text);

      g_assert_cmpstr (query, ==, cases[i].query);
    }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  const char *hostile[] = {
    "\"", "'", "*", "\"\"", "(", ")", "AND", "OR", "NOT", "NEAR(a b)", "a NEAR/2 b",
    "title:", "{title body}:x", "^start", "-minus", "+plus", "a OR", "NOT a", "\\",
    "'; DROP TABLE report; --", "%", "_", "\t\n", "🔥", "a\"b", "\"unterminated",
    "x*y", "**", "col:val", "rank", "report_fts", "MATCH",
  };
  g_autoptr(FlawReportQuery) query = flaw_report_query_new (NULL);
  g_autoptr(GListModel) model = NULL;
  g_autofree char *huge = NULL;
  GString *long_text = g_string_new (NULL);
  guint n;

  /* Prefixes match; every word must match. */
  g_free (query->search);
  query->search = g_strdup ("overfl");
  model = list (fixture, query);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_REPORTS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (flaw_report_get_title (report), "overflow"));
    }
  g_clear_object (&model);

  g_free (query->search);
  query->search = g_strdup ("HEAP overfl \"crafted");
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_clear_object (&model);

  /* Follow-up text finds its root report, listed once. */
  flaw_test_insert_report (fixture->db, 0, "Re: update", "zyxwvu proof attached", T0 + 99,
                           id_at (fixture, 5));
  g_free (query->search);
  query->search = g_strdup ("zyxw");
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(FlawReport) report = g_list_model_get_item (model, 0);

    g_assert_cmpint (flaw_report_get_id (report), ==, id_at (fixture, 5));
  }
  g_clear_object (&model);

  /* Reporter names with diacritics, typed without them or decomposed. */
  g_free (query->search);
  query->search = g_strdup ("zoe muller");
  model = list (fixture, query);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_clear_object (&model);
  g_free (query->search);
  query->search = g_strdup ("Zoe\xcc\x88");
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_clear_object (&model);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) result = NULL;

      g_free (query->search);
      query->search = g_strdup (hostile[i]);
      result = flaw_report_store_list (fixture->db, query, NULL, &error);
      g_test_message ("search %s", hostile[i]);
      g_assert_no_error (error);
      g_assert_nonnull (result);
    }

  while (long_text->len < 100000)
    g_string_append (long_text, "overflow \" OR NEAR( ");
  huge = g_string_free (long_text, FALSE);
  g_free (query->search);
  query->search = g_strdup (huge);
  model = list (fixture, query);
  g_clear_object (&model);

  /* The table is still there. */
  g_free (query->search);
  query->search = NULL;
  model = list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_REPORTS);
}

static void
test_link (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportRequest) request = flaw_report_request_new (id_at (fixture, 0), NULL);
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(GPtrArray) debt_events = NULL;
  g_autofree char *expected = g_strdup_printf ("report %" G_GINT64_FORMAT, id_at (fixture, 0));
  sqlite3 *handle = flaw_database_get_handle (fixture->db);

  /* Items of the debt register (migration 0003); the second is deleted. */
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO debt (id, title, likelihood, impact, created, updated) "
                                 "VALUES (1, 'TLS off', 3, 3, 0, 0);"
                                 "INSERT INTO debt (id, title, likelihood, impact, created, updated, deleted) "
                                 "VALUES (2, 'gone', 3, 3, 0, 0, 5);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  request->debt_id = 2;
  g_assert_null (flaw_report_store_link_debt (fixture->db, request, NULL, &error));
  g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_DEBT_NOT_FOUND);
  g_clear_error (&error);
  request->debt_id = 77;
  g_assert_null (flaw_report_store_link_debt (fixture->db, request, NULL, &error));
  g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_DEBT_NOT_FOUND);
  g_clear_error (&error);

  request->debt_id = 1;
  g_assert_nonnull (flaw_report_store_link_debt (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  /* Twice is harmless. */
  g_assert_nonnull (flaw_report_store_link_debt (fixture->db, request, NULL, &error));
  g_assert_no_error (error);

  details = flaw_report_store_load (fixture->db, request, NULL, &error);
  g_assert_cmpuint (details->debt_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (details->debt_ids, gint64, 0), ==, 1);
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 0), "link"), ==, 1);
  debt_events = flaw_database_list_events (fixture->db, "debt", 1, &error);
  g_assert_cmpuint (debt_events->len, ==, 1);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (debt_events, 0))->new_value, ==, expected);
  g_clear_pointer (&details, flaw_report_details_free);

  g_assert_nonnull (flaw_report_store_unlink_debt (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (flaw_report_store_unlink_debt (fixture->db, request, NULL, &error));
  g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_LINKED);
  g_clear_error (&error);

  details = flaw_report_store_load (fixture->db, request, NULL, &error);
  g_assert_cmpuint (details->debt_ids->len, ==, 0);
  g_assert_cmpuint (count_events (fixture, id_at (fixture, 0), "link"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/report-store/list", test_list);
  ADD ("/flawdesk/report-store/filters", test_filters);
  ADD ("/flawdesk/report-store/load", test_load);
  ADD ("/flawdesk/report-store/unread", test_unread);
  ADD ("/flawdesk/report-store/update", test_update);
  ADD ("/flawdesk/report-store/update-invalid", test_update_invalid);
  g_test_add_func ("/flawdesk/report-store/fts-query", test_fts_query);
  ADD ("/flawdesk/report-store/search", test_search);
  ADD ("/flawdesk/report-store/link", test_link);

#undef ADD

  return g_test_run ();
}
