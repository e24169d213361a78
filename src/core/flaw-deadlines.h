/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-report-types.h"

G_BEGIN_DECLS

/**
 * FlawTriagePolicy:
 * @acknowledge_business_days: a new report is acknowledged by the end of
 *   this business day after the day it was received
 * @triage_business_days: it is triaged by the end of this business day
 *   after the day it was received
 * @fix_critical_days: calendar days from receipt to fix a critical flaw
 * @fix_high_days: … a high one
 * @fix_medium_days: … a medium one
 * @fix_low_days: … a low one (severity "none" has no fix deadline)
 * @disclosure_days: calendar days from receipt to the disclosure deadline
 * @due_soon_days: a deadline this many calendar days away or less is "due soon"
 *
 * The clocks a report runs against. Every clock starts when the report is
 * received, not when it is triaged: the reporter's wait starts when they
 * write to us, and a slow triage must not buy a later fix deadline.
 *
 * Business days are Monday to Friday in the local time zone; public
 * holidays are not known to Flawdesk and count as business days.
 */
typedef struct
{
  guint acknowledge_business_days;
  guint triage_business_days;
  guint fix_critical_days;
  guint fix_high_days;
  guint fix_medium_days;
  guint fix_low_days;
  guint disclosure_days;
  guint due_soon_days;
} FlawTriagePolicy;

/**
 * FlawDeadlines:
 * @acknowledge: when still to be met, the Unix time it falls due; else 0
 * @triage: likewise
 * @fix: likewise (0 too while the report has no severity)
 * @disclose: likewise
 * @next_kind: the earliest pending deadline
 * @next: its time, or 0 when nothing is pending
 * @next_state: where the report stands against it
 */
typedef struct
{
  gint64           acknowledge;
  gint64           triage;
  gint64           fix;
  gint64           disclose;
  FlawDeadlineKind next_kind;
  gint64           next;
  FlawDueState     next_state;
} FlawDeadlines;

void          flaw_triage_policy_init_default        (FlawTriagePolicy       *policy);
void          flaw_triage_policy_init_from_settings  (FlawTriagePolicy       *policy,
                                                      GSettings              *settings);
void          flaw_triage_policy_init_from_system    (FlawTriagePolicy       *policy);
guint         flaw_triage_policy_get_fix_days        (const FlawTriagePolicy *policy,
                                                      FlawSeverity            severity);

gint64        flaw_deadline_add_business_days        (gint64                  start,
                                                      guint                   days);
gint64        flaw_deadline_add_days                 (gint64                  start,
                                                      guint                   days);
FlawDueState  flaw_deadline_get_due_state            (const FlawTriagePolicy *policy,
                                                      gint64                  due,
                                                      gint64                  now);
void          flaw_deadlines_compute                 (const FlawTriagePolicy *policy,
                                                      FlawReportStatus        status,
                                                      FlawSeverity            severity,
                                                      gint64                  received,
                                                      gint64                  now,
                                                      FlawDeadlines          *deadlines);

G_END_DECLS
