/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-deadlines"

#include "config.h"

#include "flaw-deadlines.h"

/* All arithmetic happens on local calendar dates and wall-clock times, so a
 * deadline "7 days after 10:00" is 10:00 seven days later even when a
 * daylight saving change makes that 167 or 169 hours.
 */

static gint64
local_midnight (GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date),
                                                   0, 0, 0.0);

  return g_date_time_to_unix (dt);
}

void
flaw_triage_policy_init_default (FlawTriagePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  *policy = (FlawTriagePolicy) {
    .acknowledge_business_days = 5,
    .triage_business_days = 10,
    .fix_critical_days = 7,
    .fix_high_days = 30,
    .fix_medium_days = 90,
    .fix_low_days = 120,
    .disclosure_days = 90,
    .due_soon_days = 2,
  };
}

/**
 * flaw_triage_policy_init_from_settings:
 * @settings: a #GSettings for `io.github.flawdesk.Flawdesk`
 *
 * Reads the triage-* keys (Preferences → Triage).
 */
void
flaw_triage_policy_init_from_settings (FlawTriagePolicy *policy,
                                       GSettings        *settings)
{
  g_return_if_fail (policy != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  *policy = (FlawTriagePolicy) {
    .acknowledge_business_days = g_settings_get_uint (settings, "triage-acknowledge-business-days"),
    .triage_business_days = g_settings_get_uint (settings, "triage-business-days"),
    .fix_critical_days = g_settings_get_uint (settings, "triage-fix-critical-days"),
    .fix_high_days = g_settings_get_uint (settings, "triage-fix-high-days"),
    .fix_medium_days = g_settings_get_uint (settings, "triage-fix-medium-days"),
    .fix_low_days = g_settings_get_uint (settings, "triage-fix-low-days"),
    .disclosure_days = g_settings_get_uint (settings, "triage-disclosure-days"),
    .due_soon_days = g_settings_get_uint (settings, "triage-due-soon-days"),
  };
}

/**
 * flaw_triage_policy_init_from_system:
 *
 * Reads the policy from the installed GSettings schema, or uses the
 * defaults when the schema is not installed (a CLI run from a build tree).
 */
void
flaw_triage_policy_init_from_system (FlawTriagePolicy *policy)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  g_return_if_fail (policy != NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL || !g_settings_schema_has_key (schema, "triage-due-soon-days"))
    {
      flaw_triage_policy_init_default (policy);
      return;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  flaw_triage_policy_init_from_settings (policy, settings);
}

/**
 * flaw_triage_policy_get_fix_days:
 *
 * Returns: the calendar days allowed to fix a flaw of @severity, or 0 when
 *   it has no fix deadline (unset or none)
 */
guint
flaw_triage_policy_get_fix_days (const FlawTriagePolicy *policy,
                                 FlawSeverity            severity)
{
  g_return_val_if_fail (policy != NULL, 0);

  switch (severity)
    {
    case FLAW_SEVERITY_CRITICAL: return policy->fix_critical_days;
    case FLAW_SEVERITY_HIGH: return policy->fix_high_days;
    case FLAW_SEVERITY_MEDIUM: return policy->fix_medium_days;
    case FLAW_SEVERITY_LOW: return policy->fix_low_days;
    case FLAW_SEVERITY_UNSET:
    case FLAW_SEVERITY_NONE:
    default:
      return 0;
    }
}

/**
 * flaw_deadline_add_business_days:
 * @start: a Unix time
 * @days: business days
 *
 * Counts @days business days (Monday to Friday, local time) after the day
 * of @start; the deadline is the end of the last one, that is local
 * midnight after it. A report received on Friday afternoon or at the
 * weekend with 5 days is due at the end of the next Friday. Public holidays
 * are counted as business days.
 *
 * Returns: the deadline as a Unix time
 */
gint64
flaw_deadline_add_business_days (gint64 start,
                                 guint  days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  GDate date;
  guint counted = 0;

  g_return_val_if_fail (local != NULL, start);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));

  while (counted < days)
    {
      GDateWeekday weekday;

      g_date_add_days (&date, 1);
      weekday = g_date_get_weekday (&date);
      if (weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY)
        counted++;
    }

  g_date_add_days (&date, 1);

  return local_midnight (&date);
}

/**
 * flaw_deadline_add_days:
 *
 * Returns: the same local wall-clock time @days calendar days after @start
 */
gint64
flaw_deadline_add_days (gint64 start,
                        guint  days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (local != NULL, start);

  due = g_date_time_add_days (local, days);

  return g_date_time_to_unix (due);
}

/**
 * flaw_deadline_get_due_state:
 * @due: a deadline, or 0 for none
 *
 * Returns: overdue once @now reaches @due; due soon within the policy's
 *   due_soon_days calendar days before it; on track before that
 */
FlawDueState
flaw_deadline_get_due_state (const FlawTriagePolicy *policy,
                             gint64                  due,
                             gint64                  now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) warn = NULL;

  g_return_val_if_fail (policy != NULL, FLAW_DUE_STATE_NONE);

  if (due == 0)
    return FLAW_DUE_STATE_NONE;

  if (now >= due)
    return FLAW_DUE_STATE_OVERDUE;

  utc = g_date_time_new_from_unix_utc (due);
  local = g_date_time_to_local (utc);
  warn = g_date_time_add_days (local, -(int) policy->due_soon_days);

  if (now >= g_date_time_to_unix (warn))
    return FLAW_DUE_STATE_DUE_SOON;

  return FLAW_DUE_STATE_ON_TRACK;
}

static void
consider (FlawDeadlines    *deadlines,
          FlawDeadlineKind  kind,
          gint64            due)
{
  if (due != 0 && (deadlines->next == 0 || due < deadlines->next))
    {
      deadlines->next = due;
      deadlines->next_kind = kind;
    }
}

/**
 * flaw_deadlines_compute:
 * @status: the report's status
 * @severity: its severity
 * @received: when it was received (Unix time)
 * @now: the time to judge against, normally flaw_clock_now()
 * @deadlines: (out caller-allocates): the result
 *
 * A deadline is pending until the status that meets it is reached:
 * acknowledging while new; triage while new or acknowledged; the fix (once
 * a severity other than none is known) until fixed; disclosure until
 * disclosed. Closed and disclosed reports have no deadline. The next
 * deadline is the earliest pending one.
 */
void
flaw_deadlines_compute (const FlawTriagePolicy *policy,
                        FlawReportStatus        status,
                        FlawSeverity            severity,
                        gint64                  received,
                        gint64                  now,
                        FlawDeadlines          *deadlines)
{
  guint fix_days;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (deadlines != NULL);

  *deadlines = (FlawDeadlines) { 0 };

  if (status == FLAW_REPORT_STATUS_CLOSED || status == FLAW_REPORT_STATUS_DISCLOSED)
    return;

  if (status == FLAW_REPORT_STATUS_NEW)
    deadlines->acknowledge = flaw_deadline_add_business_days (received, policy->acknowledge_business_days);

  if (status <= FLAW_REPORT_STATUS_ACKNOWLEDGED)
    deadlines->triage = flaw_deadline_add_business_days (received, policy->triage_business_days);

  fix_days = flaw_triage_policy_get_fix_days (policy, severity);
  if (status < FLAW_REPORT_STATUS_FIXED && fix_days > 0)
    deadlines->fix = flaw_deadline_add_days (received, fix_days);

  deadlines->disclose = flaw_deadline_add_days (received, policy->disclosure_days);

  consider (deadlines, FLAW_DEADLINE_ACKNOWLEDGE, deadlines->acknowledge);
  consider (deadlines, FLAW_DEADLINE_TRIAGE, deadlines->triage);
  consider (deadlines, FLAW_DEADLINE_FIX, deadlines->fix);
  consider (deadlines, FLAW_DEADLINE_DISCLOSE, deadlines->disclose);

  deadlines->next_state = flaw_deadline_get_due_state (policy, deadlines->next, now);
}
