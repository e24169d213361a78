/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "flaw-deadlines.h"
#include "flaw-report-types.h"

G_BEGIN_DECLS

#define FLAW_TYPE_REPORT (flaw_report_get_type ())

G_DECLARE_FINAL_TYPE (FlawReport, flaw_report, FLAW, REPORT, GObject)

FlawReport        *flaw_report_new                      (void);
gboolean           flaw_report_is_root                  (FlawReport             *self);
void               flaw_report_update_deadline          (FlawReport             *self,
                                                         const FlawTriagePolicy *policy,
                                                         gint64                  now);
void               flaw_report_get_deadlines            (FlawReport             *self,
                                                         const FlawTriagePolicy *policy,
                                                         gint64                  now,
                                                         FlawDeadlines          *deadlines);

gint64             flaw_report_get_id                   (FlawReport             *self);
gint64             flaw_report_get_source_id            (FlawReport             *self);
const char        *flaw_report_get_source_name          (FlawReport             *self);
const char        *flaw_report_get_remote_id            (FlawReport             *self);
gint64             flaw_report_get_thread_of            (FlawReport             *self);
const char        *flaw_report_get_message_id           (FlawReport             *self);
const char        *flaw_report_get_in_reply_to          (FlawReport             *self);
const char        *flaw_report_get_refs                 (FlawReport             *self);
const char        *flaw_report_get_title                (FlawReport             *self);
const char        *flaw_report_get_reporter             (FlawReport             *self);
const char        *flaw_report_get_reporter_address     (FlawReport             *self);
gint64             flaw_report_get_received             (FlawReport             *self);
const char        *flaw_report_get_body                 (FlawReport             *self);
gboolean           flaw_report_get_body_truncated       (FlawReport             *self);
gboolean           flaw_report_get_html_only            (FlawReport             *self);
gboolean           flaw_report_get_unread               (FlawReport             *self);
gboolean           flaw_report_get_withdrawn            (FlawReport             *self);
FlawReportStatus   flaw_report_get_status               (FlawReport             *self);
FlawCloseReason    flaw_report_get_close_reason         (FlawReport             *self);
const char        *flaw_report_get_close_note           (FlawReport             *self);
gint64             flaw_report_get_duplicate_of         (FlawReport             *self);
FlawSeverity       flaw_report_get_severity             (FlawReport             *self);
const char        *flaw_report_get_cvss_vector          (FlawReport             *self);
double             flaw_report_get_cvss_score           (FlawReport             *self);
const char        *flaw_report_get_cwe                  (FlawReport             *self);
const char        *flaw_report_get_component            (FlawReport             *self);
const char        *flaw_report_get_affected_versions    (FlawReport             *self);
const char        *flaw_report_get_fixed_version        (FlawReport             *self);
const char        *flaw_report_get_cve                  (FlawReport             *self);
const char        *flaw_report_get_credit               (FlawReport             *self);
const char        *flaw_report_get_root_cause           (FlawReport             *self);
const char        *flaw_report_get_introduced_in        (FlawReport             *self);
const char        *flaw_report_get_regression_test      (FlawReport             *self);
gint64             flaw_report_get_acknowledged_time    (FlawReport             *self);
gint64             flaw_report_get_triaged_time         (FlawReport             *self);
gint64             flaw_report_get_fixed_time           (FlawReport             *self);
gint64             flaw_report_get_disclosed_time       (FlawReport             *self);
gint64             flaw_report_get_closed_time          (FlawReport             *self);
gint64             flaw_report_get_updated              (FlawReport             *self);
guint              flaw_report_get_n_followups          (FlawReport             *self);
FlawDeadlineKind   flaw_report_get_deadline_kind        (FlawReport             *self);
gint64             flaw_report_get_deadline             (FlawReport             *self);
FlawDueState       flaw_report_get_due_state            (FlawReport             *self);

G_END_DECLS
