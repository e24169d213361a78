/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"
#include "flaw-report.h"

G_BEGIN_DECLS

#define FLAW_TYPE_REPORT_VIEW (flaw_report_view_get_type ())

G_DECLARE_FINAL_TYPE (FlawReportView, flaw_report_view, FLAW, REPORT_VIEW, GtkWidget)

GtkWidget  *flaw_report_view_new            (FlawContext    *context);
void        flaw_report_view_set_report_id  (FlawReportView *self,
                                             gint64          report_id);
gint64      flaw_report_view_get_report_id  (FlawReportView *self);
FlawReport *flaw_report_view_get_report     (FlawReportView *self);
void        flaw_report_view_move           (FlawReportView   *self,
                                             FlawReportStatus  status);

G_END_DECLS
