/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-report.h"

G_BEGIN_DECLS

#define FLAW_TYPE_REPORT_ROW (flaw_report_row_get_type ())

G_DECLARE_FINAL_TYPE (FlawReportRow, flaw_report_row, FLAW, REPORT_ROW, GtkWidget)

GtkWidget  *flaw_report_row_new        (void);
FlawReport *flaw_report_row_get_item   (FlawReportRow *self);
void        flaw_report_row_set_item   (FlawReportRow *self,
                                        FlawReport    *item);

char       *_flaw_format_date          (gint64         time);
char       *_flaw_format_due           (FlawReport    *report);
void        _flaw_set_severity_badge   (GtkLabel      *label,
                                        FlawSeverity   severity);
void        _flaw_set_due_badge        (GtkLabel      *label,
                                        FlawReport    *report);

G_END_DECLS
