/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-trend-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "flaw-trend-chart.h"

/* The trend of an assessment's scores: one line for the overall score and
 * one per practice, on a 0–100 % scale, runs evenly spaced from left to
 * right. Drawn with cairo (PDF, the page) and as SVG (HTML); both share the
 * geometry below.
 */

#define PLOT_HEIGHT   180.0
#define MARGIN_LEFT   44.0
#define MARGIN_RIGHT  16.0
#define MARGIN_TOP    10.0
#define AXIS_HEIGHT   26.0
#define LEGEND_ROW    18.0
#define LEGEND_COLUMN 220.0

/* Mid-tones that keep their contrast on white and on near-black. */
static const char * const light_colors[] = {
  "#1c71d8", "#c64600", "#26a269", "#9141ac", "#c01c28", "#865e3c", "#5e5c64",
};
static const char * const dark_colors[] = {
  "#62a0ea", "#ffa348", "#57e389", "#dc8add", "#f66151", "#cdab8f", "#c0bfbc",
};

const char *
flaw_trend_chart_series_color (guint    series,
                               gboolean dark)
{
  const char * const *colors = dark ? dark_colors : light_colors;

  return colors[series % G_N_ELEMENTS (light_colors)];
}

static guint
n_series (FlawTrend *trend)
{
  return 1 + trend->checklist->sections->len;
}

static const char *
series_title (FlawTrend *trend,
              guint      series)
{
  const FlawChecklistSection *section;

  if (series == 0)
    return _("Overall");

  section = g_ptr_array_index (trend->checklist->sections, series - 1);

  return section->title;
}

static double
series_value (const FlawTrendPoint *point,
              guint                 series)
{
  return series == 0 ? point->overall : point->sections[series - 1];
}

static guint
legend_columns (double width)
{
  return MAX (1, (guint) ((width - MARGIN_LEFT) / LEGEND_COLUMN));
}

/**
 * flaw_trend_chart_get_height:
 *
 * Returns: the height the chart needs when drawn @width wide
 */
double
flaw_trend_chart_get_height (FlawTrend *trend,
                             double     width)
{
  guint columns = legend_columns (width);
  guint rows = (n_series (trend) + columns - 1) / columns;

  return MARGIN_TOP + PLOT_HEIGHT + AXIS_HEIGHT + rows * LEGEND_ROW + 4;
}

static double
x_for (FlawTrend *trend,
       guint      index,
       double     width)
{
  double left = MARGIN_LEFT + 8;
  double right = width - MARGIN_RIGHT - 8;

  if (trend->points->len <= 1)
    return (left + right) / 2;

  return left + (right - left) * index / (trend->points->len - 1);
}

static double
y_for (double percent)
{
  return MARGIN_TOP + PLOT_HEIGHT * (1.0 - percent / 100.0);
}

/* Labels every run's date when they fit, otherwise every n-th. */
static guint
label_step (FlawTrend *trend,
            double     width)
{
  double room = width - MARGIN_LEFT - MARGIN_RIGHT;
  guint fit = MAX (1, (guint) (room / 80.0));

  return MAX (1, (trend->points->len + fit - 1) / fit);
}

/* The first and last dates lean inwards so that they stay inside the chart. */
static double
label_align (FlawTrend *trend,
             guint      index)
{
  if (trend->points->len <= 1)
    return 0.5;
  if (index == 0)
    return 0.0;
  if (index + 1 == trend->points->len)
    return 1.0;

  return 0.5;
}

static const char *
label_anchor (FlawTrend *trend,
              guint      index)
{
  double align = label_align (trend, index);

  return align == 0.0 ? "start" : (align == 1.0 ? "end" : "middle");
}

static void
parse_color (const char *hex,
             double     *r,
             double     *g,
             double     *b)
{
  guint value = (guint) g_ascii_strtoull (hex + 1, NULL, 16);

  *r = ((value >> 16) & 0xff) / 255.0;
  *g = ((value >> 8) & 0xff) / 255.0;
  *b = (value & 0xff) / 255.0;
}

static void
draw_text (cairo_t              *cr,
           PangoFontDescription *font,
           const char           *text,
           double                x,
           double                y,
           double                align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/**
 * flaw_trend_chart_draw:
 * @cr: where to draw, with the origin at the chart's top left
 * @width: the width to fill; the height is flaw_trend_chart_get_height()
 *
 * Draws the chart.
 */
void
flaw_trend_chart_draw (cairo_t              *cr,
                       FlawTrend            *trend,
                       double                width,
                       const FlawChartStyle *style)
{
  PangoFontDescription *font;
  guint step;
  guint columns;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trend != NULL);
  g_return_if_fail (style != NULL);

  font = pango_font_description_from_string (style->font ? style->font : "Sans 8");
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Grid and the percentage scale. */
  for (int p = 0; p <= 100; p += 25)
    {
      g_autofree char *label = g_strdup_printf ("%d %%", p);

      cairo_set_source_rgba (cr, style->fg_red, style->fg_green, style->fg_blue, p == 0 ? 0.5 : 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, MARGIN_LEFT, floor (y_for (p)) + 0.5);
      cairo_line_to (cr, width - MARGIN_RIGHT, floor (y_for (p)) + 0.5);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, style->fg_red, style->fg_green, style->fg_blue, 0.75);
      draw_text (cr, font, label, MARGIN_LEFT - 6, y_for (p), 1.0);
    }

  step = label_step (trend, width);
  for (guint i = 0; i < trend->points->len; i++)
    {
      const FlawTrendPoint *point = g_ptr_array_index (trend->points, i);

      if (i % step != 0 && i + 1 != trend->points->len)
        continue;

      cairo_set_source_rgba (cr, style->fg_red, style->fg_green, style->fg_blue, 0.75);
      draw_text (cr, font, point->date, x_for (trend, i, width),
                 MARGIN_TOP + PLOT_HEIGHT + AXIS_HEIGHT / 2, label_align (trend, i));
    }

  /* Practices first, thin; the overall line last and thick, on top. */
  for (guint s = n_series (trend); s-- > 0;)
    {
      double r, g, b;
      gboolean drawing = FALSE;

      parse_color (flaw_trend_chart_series_color (s, style->dark), &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_set_line_width (cr, s == 0 ? 3.0 : 1.5);

      for (guint i = 0; i < trend->points->len; i++)
        {
          double value = series_value (g_ptr_array_index (trend->points, i), s);

          if (isnan (value))
            {
              drawing = FALSE;
              continue;
            }

          if (drawing)
            cairo_line_to (cr, x_for (trend, i, width), y_for (value));
          else
            cairo_move_to (cr, x_for (trend, i, width), y_for (value));
          drawing = TRUE;
        }
      cairo_stroke (cr);

      for (guint i = 0; i < trend->points->len; i++)
        {
          double value = series_value (g_ptr_array_index (trend->points, i), s);

          if (isnan (value))
            continue;

          cairo_arc (cr, x_for (trend, i, width), y_for (value), s == 0 ? 4.0 : 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  columns = legend_columns (width);
  for (guint s = 0; s < n_series (trend); s++)
    {
      double x = MARGIN_LEFT + (s % columns) * LEGEND_COLUMN;
      double y = MARGIN_TOP + PLOT_HEIGHT + AXIS_HEIGHT + (s / columns) * LEGEND_ROW + LEGEND_ROW / 2;
      double r, g, b;

      parse_color (flaw_trend_chart_series_color (s, style->dark), &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_set_line_width (cr, s == 0 ? 3.0 : 1.5);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 16, y);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, style->fg_red, style->fg_green, style->fg_blue, 0.9);
      draw_text (cr, font, series_title (trend, s), x + 22, y, 0.0);
    }

  cairo_restore (cr);
  pango_font_description_free (font);
}

/**
 * flaw_trend_chart_to_svg:
 *
 * Returns: (transfer full): the chart as an SVG element, with every text escaped
 */
char *
flaw_trend_chart_to_svg (FlawTrend *trend,
                         double     width)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  double height;
  guint step;
  guint columns;
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (trend != NULL, NULL);

  height = flaw_trend_chart_get_height (trend, width);
  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                          "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" "
                          "font-family=\"sans-serif\" font-size=\"11\">\n",
                          (int) width, (int) ceil (height), (int) width, (int) ceil (height),
                          _("Scores over time"));

  for (int p = 0; p <= 100; p += 25)
    {
      g_string_append_printf (svg,
                              "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"currentColor\" "
                              "stroke-opacity=\"%s\"/>\n",
                              (int) MARGIN_LEFT, g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", y_for (p)),
                              (int) (width - MARGIN_RIGHT),
                              g_ascii_formatd (buf[1], sizeof buf[1], "%.1f", y_for (p)),
                              p == 0 ? "0.5" : "0.15");
      g_string_append_printf (svg,
                              "<text x=\"%d\" y=\"%s\" text-anchor=\"end\" dominant-baseline=\"middle\" "
                              "fill=\"currentColor\">%d %%</text>\n",
                              (int) (MARGIN_LEFT - 6),
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", y_for (p)), p);
    }

  step = label_step (trend, width);
  for (guint i = 0; i < trend->points->len; i++)
    {
      const FlawTrendPoint *point = g_ptr_array_index (trend->points, i);
      g_autofree char *date = NULL;

      if (i % step != 0 && i + 1 != trend->points->len)
        continue;

      date = g_markup_escape_text (point->date, -1);
      g_string_append_printf (svg,
                              "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" dominant-baseline=\"middle\" "
                              "fill=\"currentColor\">%s</text>\n",
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", x_for (trend, i, width)),
                              g_ascii_formatd (buf[1], sizeof buf[1], "%.1f",
                                               MARGIN_TOP + PLOT_HEIGHT + AXIS_HEIGHT / 2),
                              label_anchor (trend, i), date);
    }

  for (guint s = n_series (trend); s-- > 0;)
    {
      const char *color = flaw_trend_chart_series_color (s, FALSE);
      g_autoptr(GString) path = g_string_new (NULL);
      gboolean drawing = FALSE;

      for (guint i = 0; i < trend->points->len; i++)
        {
          double value = series_value (g_ptr_array_index (trend->points, i), s);

          if (isnan (value))
            {
              drawing = FALSE;
              continue;
            }

          g_string_append_printf (path, "%s%s %s ", drawing ? "L" : "M",
                                  g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", x_for (trend, i, width)),
                                  g_ascii_formatd (buf[1], sizeof buf[1], "%.1f", y_for (value)));
          g_string_append_printf (svg, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n",
                                  buf[0], buf[1], s == 0 ? "4" : "2.5", color);
          drawing = TRUE;
        }

      if (path->len > 0)
        g_string_append_printf (svg,
                                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                                "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
                                path->str, color, s == 0 ? "3" : "1.5");
    }

  columns = legend_columns (width);
  for (guint s = 0; s < n_series (trend); s++)
    {
      double x = MARGIN_LEFT + (s % columns) * LEGEND_COLUMN;
      double y = MARGIN_TOP + PLOT_HEIGHT + AXIS_HEIGHT + (s / columns) * LEGEND_ROW + LEGEND_ROW / 2;
      g_autofree char *title = g_markup_escape_text (series_title (trend, s), -1);

      g_string_append_printf (svg,
                              "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n"
                              "<text x=\"%s\" y=\"%s\" dominant-baseline=\"middle\" fill=\"currentColor\">%s</text>\n",
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", x),
                              g_ascii_formatd (buf[1], sizeof buf[1], "%.1f", y),
                              g_ascii_formatd (buf[2], sizeof buf[2], "%.1f", x + 16),
                              buf[1], flaw_trend_chart_series_color (s, FALSE), s == 0 ? "3" : "1.5",
                              g_ascii_formatd (buf[3], sizeof buf[3], "%.1f", x + 22), buf[1], title);
    }

  g_string_append (svg, "</svg>\n");

  return g_string_free (g_steal_pointer (&svg), FALSE);
}
