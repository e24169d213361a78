/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FLAW_TYPE_COST_CHART (flaw_cost_chart_get_type ())

G_DECLARE_FINAL_TYPE (FlawCostChart, flaw_cost_chart, FLAW, COST_CHART, GtkWidget)

GtkWidget  *flaw_cost_chart_new             (void);
void        flaw_cost_chart_set_points      (FlawCostChart *self,
                                             GArray        *points);
guint       flaw_cost_chart_get_n_points    (FlawCostChart *self);
const char *flaw_cost_chart_get_description (FlawCostChart *self);

G_END_DECLS
