/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "flaw-assessment.h"

G_BEGIN_DECLS

#define FLAW_TYPE_TREND_CHART_VIEW (flaw_trend_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (FlawTrendChartView, flaw_trend_chart_view, FLAW, TREND_CHART_VIEW, GtkWidget)

GtkWidget *flaw_trend_chart_view_new       (void);
void       flaw_trend_chart_view_set_trend (FlawTrendChartView *self,
                                            FlawTrend          *trend);

G_END_DECLS
