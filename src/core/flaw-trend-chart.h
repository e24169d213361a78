/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "flaw-assessment.h"

G_BEGIN_DECLS

/* How to draw the chart: the text colour of the surface it is drawn on, so
 * that it reads on light and dark backgrounds alike. */
typedef struct
{
  double      fg_red;
  double      fg_green;
  double      fg_blue;
  gboolean    dark;
  const char *font;
} FlawChartStyle;

const char *flaw_trend_chart_series_color   (guint                 series,
                                             gboolean              dark);
double      flaw_trend_chart_get_height     (FlawTrend            *trend,
                                             double                width);
void        flaw_trend_chart_draw           (cairo_t              *cr,
                                             FlawTrend            *trend,
                                             double                width,
                                             const FlawChartStyle *style);
char       *flaw_trend_chart_to_svg         (FlawTrend            *trend,
                                             double                width);

G_END_DECLS
