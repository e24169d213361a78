/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-report.h"

G_BEGIN_DECLS

/* The store fills reports straight from rows; nothing else should touch
 * the fields. */
struct _FlawReport
{
  GObject           parent_instance;

  gint64            id;
  gint64            source_id;
  char             *source_name;
  char             *remote_id;
  gint64            thread_of;
  char             *message_id;
  char             *in_reply_to;
  char             *refs;
  char             *title;
  char             *reporter;
  char             *reporter_address;
  gint64            received;
  char             *body;
  gboolean          body_truncated;
  gboolean          html_only;
  gboolean          unread;
  gboolean          withdrawn;
  FlawReportStatus  status;
  FlawCloseReason   close_reason;
  char             *close_note;
  gint64            duplicate_of;
  FlawSeverity      severity;
  char             *cvss_vector;
  double            cvss_score;
  char             *cwe;
  char             *component;
  char             *affected_versions;
  char             *fixed_version;
  char             *cve;
  char             *credit;
  char             *root_cause;
  char             *introduced_in;
  char             *regression_test;
  gint64            acknowledged_time;
  gint64            triaged_time;
  gint64            fixed_time;
  gint64            disclosed_time;
  gint64            closed_time;
  gint64            updated;
  guint             n_followups;
  FlawDeadlineKind  deadline_kind;
  gint64            deadline;
  FlawDueState      due_state;
};

G_END_DECLS
