/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-deadlines.h"
#include "flaw-report.h"

/* Every test runs in Europe/London (set in main): GMT in winter, BST
 * (UTC+1) from the last Sunday of March to the last Sunday of October. */

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
utc (int y,
     int m,
     int d,
     int h,
     int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static void
test_business_days (void)
{
  /* Monday 2 March 2026 + 5: Tue 3 … Mon 9, due at the end of Monday. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 2, 9, 0), 5), ==,
                   local (2026, 3, 10, 0, 0));
  /* Friday afternoon + 5: Mon 9 … Fri 13. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 6, 15, 0), 5), ==,
                   local (2026, 3, 14, 0, 0));
  /* Saturday and Sunday count from Monday too. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 7, 10, 0), 5), ==,
                   local (2026, 3, 14, 0, 0));
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 8, 23, 59), 1), ==,
                   local (2026, 3, 10, 0, 0));
  /* Ten business days span two weekends. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 2, 9, 0), 10), ==,
                   local (2026, 3, 17, 0, 0));
  /* Month end: Thursday 30 April + 5 → Fri 1, Mon 4 … Thu 7 May. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 4, 30, 17, 0), 5), ==,
                   local (2026, 5, 8, 0, 0));
  /* Year end; public holidays (1 January) count as business days. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2025, 12, 31, 12, 0), 3), ==,
                   local (2026, 1, 6, 0, 0));
  /* Leap day. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2028, 2, 28, 12, 0), 1), ==,
                   local (2028, 3, 1, 0, 0));
  /* Zero days: the end of the day of receipt. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 2, 9, 0), 0), ==,
                   local (2026, 3, 3, 0, 0));
  /* Across the change to summer time (Sunday 29 March 2026, 01:00 GMT):
   * Friday 27 + 1 → end of Monday 30 = midnight BST = 23:00 UTC. */
  g_assert_cmpint (flaw_deadline_add_business_days (local (2026, 3, 27, 12, 0), 1), ==,
                   utc (2026, 3, 30, 23, 0));
  /* Received late Sunday UTC, which is already Monday in BST: Monday is
   * the day of receipt, so one business day runs to the end of Tuesday. */
  g_assert_cmpint (flaw_deadline_add_business_days (utc (2026, 6, 7, 23, 30), 1), ==,
                   utc (2026, 6, 9, 23, 0));
}

static void
test_calendar_days (void)
{
  gint64 start, due;

  /* Spring forward: 7 days later at the same wall-clock time is 167 hours. */
  start = local (2026, 3, 25, 10, 0);
  due = flaw_deadline_add_days (start, 7);
  g_assert_cmpint (due, ==, local (2026, 4, 1, 10, 0));
  g_assert_cmpint (due - start, ==, 7 * 86400 - 3600);

  /* Fall back (25 October 2026): 169 hours. */
  start = local (2026, 10, 20, 10, 0);
  due = flaw_deadline_add_days (start, 7);
  g_assert_cmpint (due, ==, local (2026, 10, 27, 10, 0));
  g_assert_cmpint (due - start, ==, 7 * 86400 + 3600);

  /* Month ends. */
  g_assert_cmpint (flaw_deadline_add_days (local (2026, 1, 31, 8, 0), 30), ==, local (2026, 3, 2, 8, 0));
  g_assert_cmpint (flaw_deadline_add_days (local (2028, 1, 31, 8, 0), 30), ==, local (2028, 3, 1, 8, 0));
  g_assert_cmpint (flaw_deadline_add_days (local (2026, 10, 3, 8, 0), 90), ==, local (2027, 1, 1, 8, 0));
}

static void
test_due_state (void)
{
  FlawTriagePolicy policy;
  gint64 due = local (2026, 3, 14, 0, 0);

  flaw_triage_policy_init_default (&policy);
  g_assert_cmpuint (policy.due_soon_days, ==, 2);

  g_assert_cmpint (flaw_deadline_get_due_state (&policy, 0, due), ==, FLAW_DUE_STATE_NONE);
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, local (2026, 3, 11, 23, 59)), ==,
                   FLAW_DUE_STATE_ON_TRACK);
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, local (2026, 3, 12, 0, 0)), ==,
                   FLAW_DUE_STATE_DUE_SOON);
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, due - 1), ==, FLAW_DUE_STATE_DUE_SOON);
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, due), ==, FLAW_DUE_STATE_OVERDUE);
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, due + 86400 * 40), ==,
                   FLAW_DUE_STATE_OVERDUE);

  policy.due_soon_days = 0;
  g_assert_cmpint (flaw_deadline_get_due_state (&policy, due, due - 1), ==, FLAW_DUE_STATE_ON_TRACK);
}

static void
test_compute (void)
{
  FlawTriagePolicy policy;
  FlawDeadlines d;
  gint64 received = local (2026, 3, 6, 15, 0); /* a Friday */
  gint64 now = local (2026, 3, 9, 9, 0);

  flaw_triage_policy_init_default (&policy);

  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_NEW, FLAW_SEVERITY_UNSET, received, now, &d);
  g_assert_cmpint (d.acknowledge, ==, local (2026, 3, 14, 0, 0));
  g_assert_cmpint (d.triage, ==, local (2026, 3, 21, 0, 0));
  g_assert_cmpint (d.fix, ==, 0);
  g_assert_cmpint (d.disclose, ==, local (2026, 6, 4, 15, 0));
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (d.next, ==, d.acknowledge);
  g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_ON_TRACK);

  /* A critical report known before triage has its fix clock running, but
   * acknowledging still comes first. */
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_NEW, FLAW_SEVERITY_CRITICAL, received, now, &d);
  g_assert_cmpint (d.fix, ==, local (2026, 3, 13, 15, 0));
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_FIX);
  g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_ON_TRACK);

  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_ACKNOWLEDGED, FLAW_SEVERITY_UNSET, received, now, &d);
  g_assert_cmpint (d.acknowledge, ==, 0);
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_TRIAGE);

  /* Fix clocks run from receipt. */
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_TRIAGED, FLAW_SEVERITY_HIGH, received, now, &d);
  g_assert_cmpint (d.triage, ==, 0);
  g_assert_cmpint (d.fix, ==, local (2026, 4, 5, 15, 0));
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_FIX);

  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_FIX_IN_PROGRESS, FLAW_SEVERITY_MEDIUM, received, now, &d);
  g_assert_cmpint (d.fix, ==, local (2026, 6, 4, 15, 0));
  g_assert_cmpint (d.next, ==, d.fix);

  /* Low: 120 days, but disclosure after 90 comes first. */
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_TRIAGED, FLAW_SEVERITY_LOW, received, now, &d);
  g_assert_cmpint (d.fix, ==, local (2026, 7, 4, 15, 0));
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_DISCLOSE);

  /* Severity none has no fix deadline. */
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_TRIAGED, FLAW_SEVERITY_NONE, received, now, &d);
  g_assert_cmpint (d.fix, ==, 0);
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_DISCLOSE);

  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_FIXED, FLAW_SEVERITY_CRITICAL, received, now, &d);
  g_assert_cmpint (d.fix, ==, 0);
  g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_DISCLOSE);

  for (FlawReportStatus s = FLAW_REPORT_STATUS_DISCLOSED; s <= FLAW_REPORT_STATUS_CLOSED; s++)
    {
      flaw_deadlines_compute (&policy, s, FLAW_SEVERITY_CRITICAL, received, now, &d);
      g_assert_cmpint (d.next_kind, ==, FLAW_DEADLINE_NONE);
      g_assert_cmpint (d.next, ==, 0);
      g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_NONE);
    }

  /* Over the weekend the acknowledge clock does not run out: due soon on
   * Thursday, overdue once Friday 13 has ended. */
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_NEW, FLAW_SEVERITY_UNSET, received,
                          local (2026, 3, 12, 0, 0), &d);
  g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_DUE_SOON);
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_NEW, FLAW_SEVERITY_UNSET, received,
                          local (2026, 3, 13, 23, 59), &d);
  g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_DUE_SOON);
  flaw_deadlines_compute (&policy, FLAW_REPORT_STATUS_NEW, FLAW_SEVERITY_UNSET, received,
                          local (2026, 3, 14, 0, 0), &d);
  g_assert_cmpint (d.next_state, ==, FLAW_DUE_STATE_OVERDUE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_report (void)
{
  FlawTriagePolicy policy;
  g_autoptr(FlawReport) report = NULL;
  guint notified = 0;
  FlawDueState state;
  FlawDeadlineKind kind;
  gint64 deadline;

  flaw_triage_policy_init_default (&policy);
  report = g_object_new (FLAW_TYPE_REPORT,
                         "id", (gint64) 7,
                         "received", local (2026, 3, 6, 15, 0),
                         "status", FLAW_REPORT_STATUS_NEW,
                         NULL);
  g_signal_connect (report, "notify::due-state", G_CALLBACK (count_notify_cb), &notified);

  flaw_clock_set_fixed (local (2026, 3, 16, 9, 0));
  flaw_report_update_deadline (report, &policy, flaw_clock_now ());
  g_object_get (report, "due-state", &state, "deadline-kind", &kind, "deadline", &deadline, NULL);
  g_assert_cmpint (state, ==, FLAW_DUE_STATE_OVERDUE);
  g_assert_cmpint (kind, ==, FLAW_DEADLINE_ACKNOWLEDGE);
  g_assert_cmpint (deadline, ==, local (2026, 3, 14, 0, 0));
  g_assert_cmpuint (notified, ==, 1);

  /* Nothing changed, nothing notified. */
  flaw_report_update_deadline (report, &policy, flaw_clock_now ());
  g_assert_cmpuint (notified, ==, 1);

  /* A follow-up has no deadline of its own. */
  g_object_set (report, "thread-of", (gint64) 3, NULL);
  flaw_report_update_deadline (report, &policy, flaw_clock_now ());
  g_assert_cmpint (flaw_report_get_due_state (report), ==, FLAW_DUE_STATE_NONE);
  g_assert_cmpint (flaw_report_get_deadline (report), ==, 0);
  g_assert_cmpuint (notified, ==, 2);
  flaw_clock_unset_fixed ();
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  FlawTriagePolicy defaults, policy;

  flaw_triage_policy_init_default (&defaults);
  flaw_triage_policy_init_from_settings (&policy, settings);
  g_assert_cmpmem (&policy, sizeof policy, &defaults, sizeof defaults);

  g_assert_cmpuint (defaults.acknowledge_business_days, ==, 5);
  g_assert_cmpuint (defaults.triage_business_days, ==, 10);
  g_assert_cmpuint (defaults.fix_critical_days, ==, 7);
  g_assert_cmpuint (defaults.fix_high_days, ==, 30);
  g_assert_cmpuint (defaults.fix_medium_days, ==, 90);
  g_assert_cmpuint (defaults.fix_low_days, ==, 120);
  g_assert_cmpuint (defaults.disclosure_days, ==, 90);

  g_settings_set_uint (settings, "triage-fix-critical-days", 3);
  g_settings_set_uint (settings, "triage-acknowledge-business-days", 2);
  flaw_triage_policy_init_from_settings (&policy, settings);
  g_assert_cmpuint (policy.fix_critical_days, ==, 3);
  g_assert_cmpuint (policy.acknowledge_business_days, ==, 2);
  g_assert_cmpuint (flaw_triage_policy_get_fix_days (&policy, FLAW_SEVERITY_CRITICAL), ==, 3);
  g_assert_cmpuint (flaw_triage_policy_get_fix_days (&policy, FLAW_SEVERITY_NONE), ==, 0);
  g_assert_cmpuint (flaw_triage_policy_get_fix_days (&policy, FLAW_SEVERITY_UNSET), ==, 0);

  /* The memory backend is shared within the process. */
  flaw_triage_policy_init_from_system (&policy);
  g_assert_cmpuint (policy.fix_critical_days, ==, 3);

  /* Out-of-range values are refused by the schema. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsSchemaKey) critical = NULL;
    g_autoptr(GSettingsSchemaKey) disclosure = NULL;
    g_autoptr(GVariant) zero = g_variant_ref_sink (g_variant_new_uint32 (0));
    g_autoptr(GVariant) huge = g_variant_ref_sink (g_variant_new_uint32 (10000));

    g_object_get (settings, "settings-schema", &schema, NULL);
    critical = g_settings_schema_get_key (schema, "triage-fix-critical-days");
    disclosure = g_settings_schema_get_key (schema, "triage-disclosure-days");
    g_assert_false (g_settings_schema_key_range_check (critical, zero));
    g_assert_false (g_settings_schema_key_range_check (disclosure, huge));
  }
  g_settings_reset (settings, "triage-fix-critical-days");
  g_settings_reset (settings, "triage-acknowledge-business-days");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Europe/London", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/deadlines/business-days", test_business_days);
  g_test_add_func ("/flawdesk/deadlines/calendar-days", test_calendar_days);
  g_test_add_func ("/flawdesk/deadlines/due-state", test_due_state);
  g_test_add_func ("/flawdesk/deadlines/compute", test_compute);
  g_test_add_func ("/flawdesk/deadlines/report", test_report);
  g_test_add_func ("/flawdesk/deadlines/settings", test_settings);

  return g_test_run ();
}
