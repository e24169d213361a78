/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of each value is the text stored in the database. */
typedef enum
{
  FLAW_REPORT_STATUS_NEW,
  FLAW_REPORT_STATUS_ACKNOWLEDGED,
  FLAW_REPORT_STATUS_TRIAGED,
  FLAW_REPORT_STATUS_FIX_IN_PROGRESS,
  FLAW_REPORT_STATUS_FIXED,
  FLAW_REPORT_STATUS_DISCLOSED,
  FLAW_REPORT_STATUS_CLOSED,
} FlawReportStatus;

#define FLAW_REPORT_N_STATUSES (FLAW_REPORT_STATUS_CLOSED + 1)

typedef enum
{
  FLAW_CLOSE_REASON_NONE,
  FLAW_CLOSE_REASON_DUPLICATE,
  FLAW_CLOSE_REASON_NOT_APPLICABLE,
  FLAW_CLOSE_REASON_INFORMATIVE,
  FLAW_CLOSE_REASON_SPAM,
} FlawCloseReason;

/* UNSET is a report nobody has rated yet (NULL in the database); NONE is
 * a CVSS score of 0.0. */
typedef enum
{
  FLAW_SEVERITY_UNSET,
  FLAW_SEVERITY_NONE,
  FLAW_SEVERITY_LOW,
  FLAW_SEVERITY_MEDIUM,
  FLAW_SEVERITY_HIGH,
  FLAW_SEVERITY_CRITICAL,
} FlawSeverity;

typedef enum
{
  FLAW_DEADLINE_NONE,
  FLAW_DEADLINE_ACKNOWLEDGE,
  FLAW_DEADLINE_TRIAGE,
  FLAW_DEADLINE_FIX,
  FLAW_DEADLINE_DISCLOSE,
} FlawDeadlineKind;

typedef enum
{
  FLAW_DUE_STATE_NONE,
  FLAW_DUE_STATE_ON_TRACK,
  FLAW_DUE_STATE_DUE_SOON,
  FLAW_DUE_STATE_OVERDUE,
} FlawDueState;

#define FLAW_TYPE_REPORT_STATUS (flaw_report_status_get_type ())
#define FLAW_TYPE_CLOSE_REASON (flaw_close_reason_get_type ())
#define FLAW_TYPE_SEVERITY (flaw_severity_get_type ())
#define FLAW_TYPE_DEADLINE_KIND (flaw_deadline_kind_get_type ())
#define FLAW_TYPE_DUE_STATE (flaw_due_state_get_type ())

GType             flaw_report_status_get_type    (void) G_GNUC_CONST;
GType             flaw_close_reason_get_type     (void) G_GNUC_CONST;
GType             flaw_severity_get_type         (void) G_GNUC_CONST;
GType             flaw_deadline_kind_get_type    (void) G_GNUC_CONST;
GType             flaw_due_state_get_type        (void) G_GNUC_CONST;

const char       *flaw_report_status_to_string   (FlawReportStatus  status);
gboolean          flaw_report_status_from_string (const char       *text,
                                                  FlawReportStatus *status);
const char       *flaw_report_status_get_label   (FlawReportStatus  status);
const char       *flaw_close_reason_to_string    (FlawCloseReason   reason);
gboolean          flaw_close_reason_from_string  (const char       *text,
                                                  FlawCloseReason  *reason);
const char       *flaw_close_reason_get_label    (FlawCloseReason   reason);
const char       *flaw_severity_to_string        (FlawSeverity      severity);
gboolean          flaw_severity_from_string      (const char       *text,
                                                  FlawSeverity     *severity);
const char       *flaw_severity_get_label        (FlawSeverity      severity);
const char       *flaw_deadline_kind_to_string   (FlawDeadlineKind  kind);
const char       *flaw_deadline_kind_get_label   (FlawDeadlineKind  kind);
const char       *flaw_due_state_to_string       (FlawDueState      state);
gboolean          flaw_due_state_from_string     (const char       *text,
                                                  FlawDueState     *state);
const char       *flaw_due_state_get_label       (FlawDueState      state);

G_END_DECLS
