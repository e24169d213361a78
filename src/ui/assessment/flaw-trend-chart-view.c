/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-trend-chart-view"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <glib/gi18n.h>

#include "flaw-trend-chart.h"
#include "flaw-trend-chart-view.h"

/* Shows flaw_trend_chart_draw() in the widget's own text colour, with the
 * series colours for a dark or light style, as tall as its width needs. */

struct _FlawTrendChartView
{
  GtkWidget  parent_instance;

  FlawTrend *trend;
  gulong     dark_handler;
};

G_DEFINE_FINAL_TYPE (FlawTrendChartView, flaw_trend_chart_view, GTK_TYPE_WIDGET)

static void
dark_changed_cb (AdwStyleManager    *manager,
                 GParamSpec         *pspec,
                 FlawTrendChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkSizeRequestMode
flaw_trend_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
flaw_trend_chart_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  FlawTrendChartView *self = FLAW_TREND_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      int width = for_size > 0 ? for_size : 640;

      *minimum = *natural = self->trend ? (int) ceil (flaw_trend_chart_get_height (self->trend, width)) : 0;
    }
}

static void
flaw_trend_chart_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  FlawTrendChartView *self = FLAW_TREND_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FlawChartStyle style = { 0 };
  GdkRGBA color;
  cairo_t *cr;

  if (self->trend == NULL || width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  style.fg_red = color.red;
  style.fg_green = color.green;
  style.fg_blue = color.blue;
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.font = "Sans 9";

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  flaw_trend_chart_draw (cr, self->trend, width, &style);
  cairo_destroy (cr);
}

static void
flaw_trend_chart_view_dispose (GObject *object)
{
  FlawTrendChartView *self = FLAW_TREND_CHART_VIEW (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  g_clear_pointer (&self->trend, flaw_trend_free);

  G_OBJECT_CLASS (flaw_trend_chart_view_parent_class)->dispose (object);
}

static void
flaw_trend_chart_view_class_init (FlawTrendChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_trend_chart_view_dispose;
  widget_class->get_request_mode = flaw_trend_chart_view_get_request_mode;
  widget_class->measure = flaw_trend_chart_view_measure;
  widget_class->snapshot = flaw_trend_chart_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
flaw_trend_chart_view_init (FlawTrendChartView *self)
{
  self->dark_handler = g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                                         G_CALLBACK (dark_changed_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scores over time"),
                                  -1);
}

GtkWidget *
flaw_trend_chart_view_new (void)
{
  return g_object_new (FLAW_TYPE_TREND_CHART_VIEW, NULL);
}

/**
 * flaw_trend_chart_view_set_trend:
 * @trend: (transfer full) (nullable): the series to show
 */
void
flaw_trend_chart_view_set_trend (FlawTrendChartView *self,
                                 FlawTrend          *trend)
{
  g_return_if_fail (FLAW_IS_TREND_CHART_VIEW (self));

  g_clear_pointer (&self->trend, flaw_trend_free);
  self->trend = trend;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
