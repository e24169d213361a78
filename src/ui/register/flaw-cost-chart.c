/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cost-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "flaw-cost-chart.h"
#include "flaw-debt-store.h"
#include "flaw-register-util.h"

/* The total cost of open security debt over time, as a line over a filled
 * area, with the largest value and both ends of the time axis labelled.
 * Colours come from the style so that light, dark and high contrast work.
 */

struct _FlawCostChart
{
  GtkWidget  parent_instance;

  GArray    *points;
  char      *description;
};

G_DEFINE_FINAL_TYPE (FlawCostChart, flaw_cost_chart, GTK_TYPE_WIDGET)

#define PAD 6.0

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("?");
}

static void
update_description (FlawCostChart *self)
{
  g_clear_pointer (&self->description, g_free);

  if (self->points == NULL || self->points->len == 0)
    self->description = g_strdup (_("No cost history yet."));
  else
    {
      const FlawDebtCostPoint *first = &g_array_index (self->points, FlawDebtCostPoint, 0);
      const FlawDebtCostPoint *last = &g_array_index (self->points, FlawDebtCostPoint, self->points->len - 1);
      double highest = 0;
      g_autofree char *from = format_date (first->time);
      g_autofree char *to = format_date (last->time);
      g_autofree char *first_cost = flaw_format_days (first->cost);
      g_autofree char *last_cost = flaw_format_days (last->cost);
      g_autofree char *highest_cost = NULL;

      for (guint i = 0; i < self->points->len; i++)
        highest = MAX (highest, g_array_index (self->points, FlawDebtCostPoint, i).cost);
      highest_cost = flaw_format_days (highest);

      /* Translators: a description of the cost chart for screen readers */
      self->description = g_strdup_printf (_("Total cost of open security debt went from %s person-days "
                                             "on %s to %s person-days on %s; the highest was %s person-days."),
                                           first_cost, from, last_cost, to, highest_cost);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
}

static PangoLayout *
make_layout (FlawCostChart *self,
             const char    *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
draw_text (cairo_t       *cr,
           PangoLayout   *layout,
           double         x,
           double         y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
flaw_cost_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  FlawCostChart *self = FLAW_COST_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) top_layout = NULL;
  g_autoptr(PangoLayout) zero_layout = NULL;
  g_autoptr(PangoLayout) from_layout = NULL;
  g_autoptr(PangoLayout) to_layout = NULL;
  g_autofree char *top_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GdkRGBA fg, accent;
  cairo_t *cr;
  double highest = 0, left, right, top, bottom;
  int text_w, text_h, zero_w, label_w;
  gint64 t0, t1;

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->points == NULL || self->points->len == 0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, _("No cost history yet"));

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, layout, (width - text_w) / 2.0, (height - text_h) / 2.0);
      cairo_destroy (cr);
      return;
    }

  for (guint i = 0; i < self->points->len; i++)
    highest = MAX (highest, g_array_index (self->points, FlawDebtCostPoint, i).cost);
  if (highest <= 0)
    highest = 1;

  t0 = g_array_index (self->points, FlawDebtCostPoint, 0).time;
  t1 = g_array_index (self->points, FlawDebtCostPoint, self->points->len - 1).time;

  {
    g_autofree char *days = flaw_format_days (highest);

    /* Translators: the top of the cost chart's axis, in person-days */
    top_text = g_strdup_printf (_("%s d"), days);
  }
  from_text = format_date (t0);
  to_text = format_date (t1);

  top_layout = make_layout (self, top_text);
  zero_layout = make_layout (self, "0");
  from_layout = make_layout (self, from_text);
  to_layout = make_layout (self, to_text);

  pango_layout_get_pixel_size (top_layout, &label_w, &text_h);
  pango_layout_get_pixel_size (zero_layout, &zero_w, NULL);

  left = PAD + MAX (label_w, zero_w) + PAD;
  right = width - PAD;
  top = PAD + text_h / 2.0;
  bottom = height - PAD - text_h - PAD;

  if (right - left < 20 || bottom - top < 20)
    {
      cairo_destroy (cr);
      return;
    }

  /* Axes and labels, in the text colour, dimmed. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.35);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.15);
  cairo_move_to (cr, left, top + 0.5);
  cairo_line_to (cr, right, top + 0.5);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.8);
  draw_text (cr, top_layout, left - PAD - label_w, top - text_h / 2.0);
  draw_text (cr, zero_layout, left - PAD - zero_w, bottom - text_h / 2.0);
  draw_text (cr, from_layout, left, bottom + PAD);
  pango_layout_get_pixel_size (to_layout, &text_w, NULL);
  if (right - text_w > left + text_w + 2 * PAD || self->points->len == 1)
    draw_text (cr, to_layout, right - text_w, bottom + PAD);

  /* The series: an area in the accent colour, and its line on top. */
  for (guint i = 0; i < self->points->len; i++)
    {
      const FlawDebtCostPoint *point = &g_array_index (self->points, FlawDebtCostPoint, i);
      double x = t1 > t0 ? left + (right - left) * (double) (point->time - t0) / (double) (t1 - t0) : right;
      double y = bottom - (bottom - top) * point->cost / highest;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }

  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_stroke_preserve (cr);

  cairo_line_to (cr, right, bottom);
  cairo_line_to (cr, t1 > t0 ? left : right, bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.2);
  cairo_fill (cr);

  cairo_destroy (cr);
}

static void
flaw_cost_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    {
      *minimum = 90;
      *natural = 110;
    }
}

static void
flaw_cost_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (flaw_cost_chart_parent_class)->css_changed (widget, change);

  gtk_widget_queue_draw (widget);
}

static void
flaw_cost_chart_finalize (GObject *object)
{
  FlawCostChart *self = (FlawCostChart *)object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (flaw_cost_chart_parent_class)->finalize (object);
}

static void
flaw_cost_chart_class_init (FlawCostChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = flaw_cost_chart_finalize;

  widget_class->snapshot = flaw_cost_chart_snapshot;
  widget_class->measure = flaw_cost_chart_measure;
  widget_class->css_changed = flaw_cost_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "costchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
flaw_cost_chart_init (FlawCostChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Total cost over time"),
                                  -1);
  update_description (self);
}

GtkWidget *
flaw_cost_chart_new (void)
{
  return g_object_new (FLAW_TYPE_COST_CHART, NULL);
}

/**
 * flaw_cost_chart_set_points:
 * @points: (nullable) (element-type FlawDebtCostPoint): the series, oldest
 *   first, as flaw_debt_cost_series_finish() gives it
 */
void
flaw_cost_chart_set_points (FlawCostChart *self,
                            GArray        *points)
{
  g_return_if_fail (FLAW_IS_COST_CHART (self));

  g_clear_pointer (&self->points, g_array_unref);
  if (points != NULL)
    self->points = g_array_ref (points);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
flaw_cost_chart_get_n_points (FlawCostChart *self)
{
  g_return_val_if_fail (FLAW_IS_COST_CHART (self), 0);

  return self->points ? self->points->len : 0;
}

/**
 * flaw_cost_chart_get_description:
 *
 * Returns: the text that describes the chart to assistive technologies
 */
const char *
flaw_cost_chart_get_description (FlawCostChart *self)
{
  g_return_val_if_fail (FLAW_IS_COST_CHART (self), NULL);

  return self->description;
}
