/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-http.h"
#include "flaw-report-store.h"
#include "flaw-report-view.h"
#include "flaw-triage.h"

G_BEGIN_DECLS

#define FLAW_REPORT_VIEW_N_TEXT_FIELDS 10
#define NO_MOVE (-1)

struct _FlawReportView
{
  GtkWidget          parent_instance;

  FlawContext       *context;
  gint64             report_id;
  FlawReportDetails *details;
  GCancellable      *load_cancellable;
  FlawHttp          *http;
  gboolean           populating;
  int                pending_move;

  GtkWidget         *scroller;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkLabel          *severity_label;
  GtkLabel          *status_label;
  GtkLabel          *due_label;
  GtkLabel          *withdrawn_label;
  GtkFlowBox        *moves_box;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkLabel          *truncated_label;
  GtkLabel          *html_label;
  GtkTextView       *body_view;
  GtkBox            *followups_box;
  AdwPreferencesGroup *attachments_group;
  AdwEntryRow       *cvss_row;
  AdwComboRow       *severity_row;
  AdwEntryRow       *cwe_row;
  AdwEntryRow       *component_row;
  AdwEntryRow       *affected_row;
  AdwEntryRow       *fixed_version_row;
  AdwEntryRow       *cve_row;
  AdwEntryRow       *credit_row;
  AdwEntryRow       *root_cause_row;
  AdwEntryRow       *introduced_row;
  AdwEntryRow       *regression_test_row;
  GtkLabel          *field_error_label;
  AdwPreferencesGroup *closed_group;
  AdwActionRow      *close_reason_row;
  AdwPreferencesGroup *debt_group;
  AdwEntryRow       *debt_row;
  AdwPreferencesGroup *history_group;
  GtkListBox        *history_list;

  GtkLabel          *cvss_score_label;
  AdwEntryRow       *rows[FLAW_REPORT_VIEW_N_TEXT_FIELDS];
  GPtrArray         *extra_rows;
  GtkTextView       *focused_text;
};

FlawStore  *_flaw_report_view_get_store             (FlawReportView *self);
FlawReport *_flaw_report_view_get_report            (FlawReportView *self);
void        _flaw_report_view_show_error            (FlawReportView *self,
                                                     const char     *message);
char       *_flaw_report_view_dup_row_text          (AdwEntryRow    *row);
void        _flaw_report_view_run_move              (FlawReportView *self,
                                                     FlawTriageMove *move);

/* flaw-report-view-actions.c: closing, links, attachments, debt items. */
void        _flaw_report_view_show_close_dialog     (FlawReportView *self);
void        _flaw_report_view_populate_attachments  (FlawReportView *self);
void        _flaw_report_view_populate_debt         (FlawReportView *self);
void        _flaw_report_view_debt_apply_cb         (AdwEntryRow    *row,
                                                     FlawReportView *self);
void        _flaw_report_view_open_link_action      (GtkWidget      *widget,
                                                     const char     *action_name,
                                                     GVariant       *parameter);
void        _flaw_report_view_create_debt_action    (GtkWidget      *widget,
                                                     const char     *action_name,
                                                     GVariant       *parameter);

/* flaw-report-view-history.c: the report's event log. */
void        _flaw_report_view_populate_history      (FlawReportView *self);
char       *_flaw_report_view_dup_event_text        (const FlawEvent *event);

G_END_DECLS
