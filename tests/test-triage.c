/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-report-store.h"
#include "flaw-store.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"
#include "flaw-triage.h"

/* 2026-03-02 09:00 UTC, a Monday. */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char         *dir;
  char         *path;
  FlawDatabase *db;
  gint64        root;
  gint64        other;
  gint64        followup;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (T0 + 3600);
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  flaw_database_set_actor (fixture->db, "Tester");

  fixture->root = flaw_test_insert_report (fixture->db, 0, "Stored XSS in comments", "body", T0, 0);
  fixture->other = flaw_test_insert_report (fixture->db, 0, "XSS in comment preview", "body", T0 + 60, 0);
  fixture->followup = flaw_test_insert_report (fixture->db, 0, "Re: Stored XSS", "news?", T0 + 120,
                                               fixture->root);
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

static FlawReport *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  FlawReport *report = _flaw_report_store_get (fixture->db, id, &error);

  g_assert_no_error (error);

  return report;
}

static guint
count_events (Fixture    *fixture,
              gint64      id,
              const char *field)
{
  g_autoptr(GPtrArray) events = flaw_database_list_events (fixture->db, "report", id, NULL);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      FlawEvent *event = g_ptr_array_index (events, i);

      if (field == NULL || g_str_equal (event->field, field))
        n++;
    }

  return n;
}

static gboolean
move (Fixture          *fixture,
      gint64            id,
      FlawReportStatus  status,
      FlawCloseReason   reason,
      const char       *note,
      gint64            duplicate_of,
      GError          **error)
{
  g_autoptr(FlawTriageMove) m = flaw_triage_move_new (id, status);

  m->close_reason = reason;
  m->note = g_strdup (note);
  m->duplicate_of = duplicate_of;

  return flaw_triage_move_report (fixture->db, m, NULL, error) != NULL;
}

static void
edit (Fixture         *fixture,
      gint64           id,
      FlawReportField  field,
      const char      *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReportEdit) e = flaw_report_edit_new (id);

  flaw_report_edit_set (e, field, value);
  g_assert_nonnull (flaw_report_store_update (fixture->db, e, NULL, &error));
  g_assert_no_error (error);
}

static void
test_move_table (void)
{
  /* Rows: from; columns: to, in enum order. */
  static const gboolean expected[FLAW_REPORT_N_STATUSES][FLAW_REPORT_N_STATUSES] = {
    /*               new  ack  tri  fip  fix  dis  clo */
    /* new */      { 0,   1,   0,   0,   0,   0,   1 },
    /* ack */      { 0,   0,   1,   0,   0,   0,   1 },
    /* triaged */  { 0,   0,   0,   1,   0,   0,   1 },
    /* fip */      { 0,   0,   1,   0,   1,   0,   1 },
    /* fixed */    { 0,   0,   0,   1,   0,   1,   0 },
    /* disclosed */{ 0,   0,   0,   0,   0,   0,   0 },
    /* closed */   { 1,   1,   0,   0,   0,   0,   0 },
  };

  for (guint from = 0; from < FLAW_REPORT_N_STATUSES; from++)
    for (guint to = 0; to < FLAW_REPORT_N_STATUSES; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean ok = flaw_triage_check_move (from, to, &error);

        g_assert_cmpint (flaw_triage_can_move (from, to), ==, expected[from][to]);
        g_assert_cmpint (ok, ==, expected[from][to]);

        if (!ok)
          {
            g_autofree char *from_label = g_strdup_printf ("“%s”", flaw_report_status_get_label (from));
            g_autofree char *to_label = g_strdup_printf ("“%s”", flaw_report_status_get_label (to));

            g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
            g_assert_nonnull (strstr (error->message, from_label));
            g_assert_nonnull (strstr (error->message, to_label));
          }
      }

  {
    FlawReportStatus moves[FLAW_REPORT_N_STATUSES];
    guint n = flaw_triage_list_moves (FLAW_REPORT_STATUS_FIX_IN_PROGRESS, moves);

    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpint (moves[0], ==, FLAW_REPORT_STATUS_TRIAGED);
    g_assert_cmpint (moves[1], ==, FLAW_REPORT_STATUS_FIXED);
    g_assert_cmpint (moves[2], ==, FLAW_REPORT_STATUS_CLOSED);
    g_assert_cmpuint (flaw_triage_list_moves (FLAW_REPORT_STATUS_DISCLOSED, moves), ==, 0);
  }
}

static void
test_forward (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReport) report = NULL;

  flaw_clock_set_fixed (T0 + 100);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL, 0, &error));
  g_assert_no_error (error);

  /* Triage needs a severity. */
  flaw_clock_set_fixed (T0 + 200);
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_TRIAGED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "severity"));
  g_clear_error (&error);
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_TRIAGED, 0, NULL, 0, &error));
  g_assert_no_error (error);

  flaw_clock_set_fixed (T0 + 300);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL, 0, &error));

  /* Fixed needs the root cause and the regression test. */
  flaw_clock_set_fixed (T0 + 400);
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "root cause"));
  g_clear_error (&error);
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_ROOT_CAUSE, "Comments were not escaped in the feed view");
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "regression test"));
  g_clear_error (&error);
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_REGRESSION_TEST, "   ");
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, &error));
  g_clear_error (&error);
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_REGRESSION_TEST, "tests/test-feed.c:/feed/escapes-comments");
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, &error));
  g_assert_no_error (error);

  flaw_clock_set_fixed (T0 + 500);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_DISCLOSED, 0, NULL, 0, &error));
  g_assert_no_error (error);

  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_DISCLOSED);
  g_assert_cmpint (flaw_report_get_severity (report), ==, FLAW_SEVERITY_MEDIUM);
  g_assert_cmpfloat (flaw_report_get_cvss_score (report), ==, 6.1);
  g_assert_cmpint (flaw_report_get_acknowledged_time (report), ==, T0 + 100);
  g_assert_cmpint (flaw_report_get_triaged_time (report), ==, T0 + 200);
  g_assert_cmpint (flaw_report_get_fixed_time (report), ==, T0 + 400);
  g_assert_cmpint (flaw_report_get_disclosed_time (report), ==, T0 + 500);
  g_assert_cmpint (flaw_report_get_closed_time (report), ==, 0);
  g_assert_cmpint (flaw_report_get_updated (report), ==, T0 + 500);

  /* One status event per move and one per time column set. */
  g_assert_cmpuint (count_events (fixture, fixture->root, "status"), ==, 5);
  g_assert_cmpuint (count_events (fixture, fixture->root, "acknowledged_time"), ==, 1);
  g_assert_cmpuint (count_events (fixture, fixture->root, "fixed_time"), ==, 1);
  g_assert_cmpuint (count_events (fixture, fixture->root, "disclosed_time"), ==, 1);

  /* Disclosed is final. */
  for (guint to = 0; to < FLAW_REPORT_N_STATUSES; to++)
    {
      g_assert_false (move (fixture, fixture->root, to,
                            to == FLAW_REPORT_STATUS_CLOSED ? FLAW_CLOSE_REASON_SPAM : 0,
                            to == FLAW_REPORT_STATUS_CLOSED ? "spam" : NULL, 0, &error));
      g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_events (fixture, fixture->root, "status"), ==, 5);
}

static void
test_illegal (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReport) report = NULL;
  guint before = count_events (fixture, fixture->root, NULL);

  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_assert_cmpstr (error->message, ==, "A report cannot move from “New” to “Fixed”; from “New” it "
                                       "can move to “Acknowledged”, “Closed”.");
  g_clear_error (&error);

  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_NEW, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_assert_nonnull (strstr (error->message, "already “New”"));
  g_clear_error (&error);

  /* A reason only goes with closing. */
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_ACKNOWLEDGED,
                        FLAW_CLOSE_REASON_SPAM, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  /* Follow-ups are not triaged. */
  g_assert_false (move (fixture, fixture->followup, FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_NOT_ROOT);
  g_clear_error (&error);

  g_assert_false (move (fixture, 9999, FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_NEW);
  g_assert_cmpuint (count_events (fixture, fixture->root, NULL), ==, before);
}

static void
test_close_and_reopen (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FlawReport *report;

  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED, FLAW_CLOSE_REASON_NONE,
                        "why", 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);

  for (FlawCloseReason reason = FLAW_CLOSE_REASON_NOT_APPLICABLE; reason <= FLAW_CLOSE_REASON_SPAM; reason++)
    {
      g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED, reason, "  ", 0, &error));
      g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD);
      g_assert_nonnull (strstr (error->message, "note"));
      g_clear_error (&error);
    }

  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_INFORMATIVE, "not ours", fixture->other, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_clear_error (&error);

  flaw_clock_set_fixed (T0 + 1000);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED,
                       FLAW_CLOSE_REASON_NOT_APPLICABLE, " Only affects the 1.x branch, out of support. ",
                       0, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_CLOSED);
  g_assert_cmpint (flaw_report_get_close_reason (report), ==, FLAW_CLOSE_REASON_NOT_APPLICABLE);
  g_assert_cmpstr (flaw_report_get_close_note (report), ==, "Only affects the 1.x branch, out of support.");
  g_assert_cmpint (flaw_report_get_closed_time (report), ==, T0 + 1000);
  g_clear_object (&report);

  /* The note of a closed report cannot be emptied. */
  {
    g_autoptr(FlawReportEdit) e = flaw_report_edit_new (fixture->root);

    flaw_report_edit_set (e, FLAW_REPORT_FIELD_CLOSE_NOTE, "");
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_REQUIRED);
    g_clear_error (&error);
  }

  /* Closed → triaged skips a step. */
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_TRIAGED, 0, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  flaw_clock_set_fixed (T0 + 2000);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL, 0, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_ACKNOWLEDGED);
  g_assert_cmpint (flaw_report_get_close_reason (report), ==, FLAW_CLOSE_REASON_NONE);
  g_assert_null (flaw_report_get_close_note (report));
  g_assert_cmpint (flaw_report_get_closed_time (report), ==, 0);
  g_assert_cmpint (flaw_report_get_acknowledged_time (report), ==, T0 + 2000);
  g_clear_object (&report);

  /* The history keeps the note that the reopen cleared. */
  g_assert_cmpuint (count_events (fixture, fixture->root, "close_note"), ==, 2);
  g_assert_cmpuint (count_events (fixture, fixture->root, "closed_time"), ==, 2);
}

static void
test_backwards (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FlawReport *report;

  edit (fixture, fixture->root, FLAW_REPORT_FIELD_SEVERITY, "high");
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_ROOT_CAUSE, "Unescaped output");
  edit (fixture, fixture->root, FLAW_REPORT_FIELD_REGRESSION_TEST, "test-feed /feed/escape");

  flaw_clock_set_fixed (T0 + 10);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL, 0, NULL));
  flaw_clock_set_fixed (T0 + 20);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_TRIAGED, 0, NULL, 0, NULL));
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL, 0, NULL));
  flaw_clock_set_fixed (T0 + 30);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_TRIAGED, 0, NULL, 0, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_TRIAGED);
  /* Triaged keeps its first time. */
  g_assert_cmpint (flaw_report_get_triaged_time (report), ==, T0 + 20);
  g_clear_object (&report);

  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL, 0, NULL));
  flaw_clock_set_fixed (T0 + 40);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIXED, 0, NULL, 0, NULL));

  /* A fixed report keeps its regression test and root cause. */
  {
    g_autoptr(FlawReportEdit) e = flaw_report_edit_new (fixture->root);

    flaw_report_edit_set (e, FLAW_REPORT_FIELD_REGRESSION_TEST, NULL);
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_REQUIRED);
    g_assert_nonnull (strstr (error->message, "regression test"));
    g_clear_error (&error);
  }

  /* A fixed report cannot be closed. */
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_SPAM, "x", 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_fixed_time (report), ==, T0 + 40);
  g_clear_object (&report);

  flaw_clock_set_fixed (T0 + 50);
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL, 0, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_FIX_IN_PROGRESS);
  g_assert_cmpint (flaw_report_get_fixed_time (report), ==, 0);
  g_assert_cmpstr (flaw_report_get_regression_test (report), ==, "test-feed /feed/escape");
  g_clear_object (&report);
  g_assert_cmpuint (count_events (fixture, fixture->root, "fixed_time"), ==, 2);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 third = flaw_test_insert_report (fixture->db, 0, "Another XSS", "body", T0 + 500, 0);
  FlawReport *report;

  /* Itself, nothing, a missing report, a follow-up. */
  g_assert_false (move (fixture, fixture->other, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, fixture->other, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "itself"));
  g_clear_error (&error);

  g_assert_false (move (fixture, fixture->other, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, 0, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (move (fixture, fixture->other, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, 4242, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "no such report"));
  g_clear_error (&error);

  g_assert_false (move (fixture, fixture->other, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, fixture->followup, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "follow-up"));
  g_clear_error (&error);

  /* other duplicates root: fine, the note is optional. */
  g_assert_true (move (fixture, fixture->other, FLAW_REPORT_STATUS_CLOSED,
                       FLAW_CLOSE_REASON_DUPLICATE, NULL, fixture->root, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->other);
  g_assert_cmpint (flaw_report_get_duplicate_of (report), ==, fixture->root);
  g_assert_cmpint (flaw_report_get_close_reason (report), ==, FLAW_CLOSE_REASON_DUPLICATE);
  g_clear_object (&report);

  /* root cannot now duplicate other: no cycle. */
  g_assert_false (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, fixture->other, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "duplicates of each other"));
  g_clear_error (&error);

  /* third cannot duplicate other, which is itself a duplicate. */
  g_assert_false (move (fixture, third, FLAW_REPORT_STATUS_CLOSED,
                        FLAW_CLOSE_REASON_DUPLICATE, NULL, fixture->other, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "itself closed as a duplicate"));
  g_clear_error (&error);

  /* Closing root as a duplicate of third re-points other at third. */
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_CLOSED,
                       FLAW_CLOSE_REASON_DUPLICATE, "same as the later report", third, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->other);
  g_assert_cmpint (flaw_report_get_duplicate_of (report), ==, third);
  g_clear_object (&report);
  g_assert_cmpuint (count_events (fixture, fixture->other, "duplicate_of"), ==, 2);

  /* Editing duplicate-of follows the same rules. */
  {
    g_autoptr(FlawReportEdit) e = flaw_report_edit_new (fixture->other);

    flaw_report_edit_set_duplicate_of (e, fixture->root);
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE);
    g_clear_error (&error);

    flaw_report_edit_set (e, FLAW_REPORT_FIELD_DUPLICATE_OF, "not a number");
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }
  {
    g_autoptr(FlawReportEdit) e = flaw_report_edit_new (third);

    flaw_report_edit_set_duplicate_of (e, fixture->root);
    g_assert_null (flaw_report_store_update (fixture->db, e, NULL, &error));
    g_assert_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "not closed as a duplicate"));
    g_clear_error (&error);
  }

  /* Reopening clears duplicate-of. */
  g_assert_true (move (fixture, fixture->root, FLAW_REPORT_STATUS_NEW, 0, NULL, 0, &error));
  g_assert_no_error (error);
  report = get (fixture, fixture->root);
  g_assert_cmpint (flaw_report_get_duplicate_of (report), ==, 0);
  g_clear_object (&report);
}

static void
test_through_store (void)
{
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "flawdesk.db", NULL);
  g_autoptr(FlawStore) store = flaw_store_new (path);
  g_autoptr(FlawTriageMove) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autoptr(FlawReport) report = NULL;
  gint64 id;

  flaw_clock_set_fixed (T0);
  db = flaw_database_open (path, &error);
  g_assert_no_error (error);
  id = flaw_test_insert_report (db, 0, "Report", "body", T0, 0);
  g_clear_object (&db);

  g_assert_true (flaw_store_open (store, NULL, &error));
  m = flaw_triage_move_new (id, FLAW_REPORT_STATUS_ACKNOWLEDGED);
  g_assert_nonnull (flaw_store_run (store, flaw_triage_move_report, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (flaw_store_run (store, flaw_triage_move_report, m, NULL, &error));
  g_assert_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);
  g_clear_object (&store);

  db = flaw_database_open (path, &error);
  g_assert_no_error (error);
  report = _flaw_report_store_get (db, id, &error);
  g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_ACKNOWLEDGED);
  g_clear_object (&report);
  g_clear_object (&db);
  flaw_test_remove_tree (dir);
  flaw_clock_unset_fixed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/flawdesk/triage/move-table", test_move_table);
  ADD ("/flawdesk/triage/forward", test_forward);
  ADD ("/flawdesk/triage/illegal", test_illegal);
  ADD ("/flawdesk/triage/close-and-reopen", test_close_and_reopen);
  ADD ("/flawdesk/triage/backwards", test_backwards);
  ADD ("/flawdesk/triage/duplicates", test_duplicates);
  g_test_add_func ("/flawdesk/triage/through-store", test_through_store);

#undef ADD

  return g_test_run ();
}
