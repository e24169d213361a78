/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-report-types.h"

G_DEFINE_ENUM_TYPE (FlawReportStatus, flaw_report_status,
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_ACKNOWLEDGED, "acknowledged"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_TRIAGED, "triaged"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_FIX_IN_PROGRESS, "fix-in-progress"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_FIXED, "fixed"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_DISCLOSED, "disclosed"),
  G_DEFINE_ENUM_VALUE (FLAW_REPORT_STATUS_CLOSED, "closed"))

G_DEFINE_ENUM_TYPE (FlawCloseReason, flaw_close_reason,
  G_DEFINE_ENUM_VALUE (FLAW_CLOSE_REASON_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FLAW_CLOSE_REASON_DUPLICATE, "duplicate"),
  G_DEFINE_ENUM_VALUE (FLAW_CLOSE_REASON_NOT_APPLICABLE, "not-applicable"),
  G_DEFINE_ENUM_VALUE (FLAW_CLOSE_REASON_INFORMATIVE, "informative"),
  G_DEFINE_ENUM_VALUE (FLAW_CLOSE_REASON_SPAM, "spam"))

G_DEFINE_ENUM_TYPE (FlawSeverity, flaw_severity,
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (FLAW_SEVERITY_CRITICAL, "critical"))

G_DEFINE_ENUM_TYPE (FlawDeadlineKind, flaw_deadline_kind,
  G_DEFINE_ENUM_VALUE (FLAW_DEADLINE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FLAW_DEADLINE_ACKNOWLEDGE, "acknowledge"),
  G_DEFINE_ENUM_VALUE (FLAW_DEADLINE_TRIAGE, "triage"),
  G_DEFINE_ENUM_VALUE (FLAW_DEADLINE_FIX, "fix"),
  G_DEFINE_ENUM_VALUE (FLAW_DEADLINE_DISCLOSE, "disclose"))

G_DEFINE_ENUM_TYPE (FlawDueState, flaw_due_state,
  G_DEFINE_ENUM_VALUE (FLAW_DUE_STATE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FLAW_DUE_STATE_ON_TRACK, "on-track"),
  G_DEFINE_ENUM_VALUE (FLAW_DUE_STATE_DUE_SOON, "due-soon"),
  G_DEFINE_ENUM_VALUE (FLAW_DUE_STATE_OVERDUE, "overdue"))

static const char *
enum_to_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *text,
                int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *v;

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  v = g_enum_get_value_by_nick (klass, text);
  if (v == NULL)
    return FALSE;

  *value = v->value;

  return TRUE;
}

const char *
flaw_report_status_to_string (FlawReportStatus status)
{
  return enum_to_nick (FLAW_TYPE_REPORT_STATUS, status);
}

gboolean
flaw_report_status_from_string (const char       *text,
                                FlawReportStatus *status)
{
  int value;

  if (!enum_from_nick (FLAW_TYPE_REPORT_STATUS, text, &value))
    return FALSE;
  *status = value;

  return TRUE;
}

const char *
flaw_report_status_get_label (FlawReportStatus status)
{
  switch (status)
    {
    case FLAW_REPORT_STATUS_NEW: return _("New");
    case FLAW_REPORT_STATUS_ACKNOWLEDGED: return _("Acknowledged");
    case FLAW_REPORT_STATUS_TRIAGED: return _("Triaged");
    case FLAW_REPORT_STATUS_FIX_IN_PROGRESS: return _("Fix in progress");
    case FLAW_REPORT_STATUS_FIXED: return _("Fixed");
    case FLAW_REPORT_STATUS_DISCLOSED: return _("Disclosed");
    case FLAW_REPORT_STATUS_CLOSED: return _("Closed");
    default: g_return_val_if_reached (NULL);
    }
}

/* The database stores NULL for FLAW_CLOSE_REASON_NONE. */
const char *
flaw_close_reason_to_string (FlawCloseReason reason)
{
  return enum_to_nick (FLAW_TYPE_CLOSE_REASON, reason);
}

gboolean
flaw_close_reason_from_string (const char      *text,
                               FlawCloseReason *reason)
{
  int value;

  if (!enum_from_nick (FLAW_TYPE_CLOSE_REASON, text, &value))
    return FALSE;
  *reason = value;

  return TRUE;
}

const char *
flaw_close_reason_get_label (FlawCloseReason reason)
{
  switch (reason)
    {
    case FLAW_CLOSE_REASON_NONE: return _("Not closed");
    case FLAW_CLOSE_REASON_DUPLICATE: return _("Duplicate");
    case FLAW_CLOSE_REASON_NOT_APPLICABLE: return _("Not applicable");
    case FLAW_CLOSE_REASON_INFORMATIVE: return _("Informative");
    case FLAW_CLOSE_REASON_SPAM: return _("Spam");
    default: g_return_val_if_reached (NULL);
    }
}

/* The database stores NULL for FLAW_SEVERITY_UNSET. */
const char *
flaw_severity_to_string (FlawSeverity severity)
{
  return enum_to_nick (FLAW_TYPE_SEVERITY, severity);
}

gboolean
flaw_severity_from_string (const char   *text,
                           FlawSeverity *severity)
{
  int value;

  if (!enum_from_nick (FLAW_TYPE_SEVERITY, text, &value))
    return FALSE;
  *severity = value;

  return TRUE;
}

const char *
flaw_severity_get_label (FlawSeverity severity)
{
  switch (severity)
    {
    case FLAW_SEVERITY_UNSET: return _("Not rated");
    case FLAW_SEVERITY_NONE: return _("None");
    case FLAW_SEVERITY_LOW: return _("Low");
    case FLAW_SEVERITY_MEDIUM: return _("Medium");
    case FLAW_SEVERITY_HIGH: return _("High");
    case FLAW_SEVERITY_CRITICAL: return _("Critical");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
flaw_deadline_kind_to_string (FlawDeadlineKind kind)
{
  return enum_to_nick (FLAW_TYPE_DEADLINE_KIND, kind);
}

const char *
flaw_deadline_kind_get_label (FlawDeadlineKind kind)
{
  switch (kind)
    {
    case FLAW_DEADLINE_NONE: return _("No deadline");
    case FLAW_DEADLINE_ACKNOWLEDGE: return _("Acknowledge");
    case FLAW_DEADLINE_TRIAGE: return _("Triage");
    case FLAW_DEADLINE_FIX: return _("Fix");
    case FLAW_DEADLINE_DISCLOSE: return _("Disclose");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
flaw_due_state_to_string (FlawDueState state)
{
  return enum_to_nick (FLAW_TYPE_DUE_STATE, state);
}

gboolean
flaw_due_state_from_string (const char   *text,
                            FlawDueState *state)
{
  int value;

  if (!enum_from_nick (FLAW_TYPE_DUE_STATE, text, &value))
    return FALSE;
  *state = value;

  return TRUE;
}

const char *
flaw_due_state_get_label (FlawDueState state)
{
  switch (state)
    {
    case FLAW_DUE_STATE_NONE: return _("No deadline");
    case FLAW_DUE_STATE_ON_TRACK: return _("On track");
    case FLAW_DUE_STATE_DUE_SOON: return _("Due soon");
    case FLAW_DUE_STATE_OVERDUE: return _("Overdue");
    default: g_return_val_if_reached (NULL);
    }
}
