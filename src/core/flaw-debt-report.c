/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-debt-item.h"
#include "flaw-debt-report.h"
#include "flaw-debt-store.h"

#define YEAR (G_GINT64_CONSTANT (365) * 86400)

typedef enum
{
  MARKDOWN,
  HTML,
} Markup;

static const FlawDebtSeverity severity_order[] = {
  FLAW_DEBT_SEVERITY_CRITICAL,
  FLAW_DEBT_SEVERITY_HIGH,
  FLAW_DEBT_SEVERITY_MEDIUM,
  FLAW_DEBT_SEVERITY_LOW,
};

static char *
escape (Markup      markup,
        const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  if (markup == HTML)
    return g_markup_escape_text (text, -1);

  /* Backslash-escape what CommonMark could read as markup (emphasis, code,
   * links, HTML, entities, table cells); line breaks would end a row. */
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr ("\\`*_{}[]<>()#+!|&~", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static char *
format_days (double days)
{
  return g_strdup_printf ("%.1f", days);
}

static int
compare_by_cost (gconstpointer a,
                 gconstpointer b)
{
  FlawDebtItem *x = *(FlawDebtItem **) a;
  FlawDebtItem *y = *(FlawDebtItem **) b;
  int result = flaw_debt_item_compare (y, x, FLAW_DEBT_SORT_COST);

  return result;
}

/**
 * flaw_debt_report_series_start:
 *
 * Returns: where the chart starts: a year before @now, or when the oldest
 *   of @items was recorded if that is later (and at least a day before @now)
 */
gint64
flaw_debt_report_series_start (GPtrArray *items,
                               gint64     now)
{
  gint64 oldest = now;

  for (guint i = 0; i < items->len; i++)
    oldest = MIN (oldest, flaw_debt_item_get_created (g_ptr_array_index (items, i)));

  return MIN (MAX (oldest, now - YEAR), now - 86400);
}

/**
 * flaw_debt_report_svg_chart:
 * @series: (element-type FlawDebtCostPoint): the points
 *
 * Returns: (transfer full): a self-contained SVG line chart of the total
 *   cost, with its axes labelled
 */
char *
flaw_debt_report_svg_chart (GArray *series,
                            guint   width,
                            guint   height)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *label = g_markup_escape_text (_("Total cost of open items over time"), -1);
  const double left = 64, right = 16, top = 16, bottom = 32;
  double plot_w = width - left - right;
  double plot_h = height - top - bottom;
  double max = 0;
  char x_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char y_buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (series != NULL, NULL);

  for (guint i = 0; i < series->len; i++)
    max = MAX (max, g_array_index (series, FlawDebtCostPoint, i).cost);
  if (max <= 0)
    max = 1;

  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
                          "viewBox=\"0 0 %u %u\" role=\"img\" aria-label=\"%s\">\n",
                          width, height, width, height, label);
  g_string_append_printf (svg,
                          "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>\n"
                          "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>\n",
                          left, top, left, top + plot_h, left, top + plot_h, left + plot_w, top + plot_h);

  g_string_append (svg, "<polyline fill=\"none\" stroke=\"#1c71d8\" stroke-width=\"2\" points=\"");
  for (guint i = 0; i < series->len; i++)
    {
      const FlawDebtCostPoint *point = &g_array_index (series, FlawDebtCostPoint, i);
      double x = left + (series->len > 1 ? plot_w * i / (series->len - 1) : plot_w);
      double y = top + plot_h - plot_h * point->cost / max;

      g_string_append_printf (svg, "%s%s,%s", i ? " " : "",
                              g_ascii_formatd (x_buf, sizeof x_buf, "%.1f", x),
                              g_ascii_formatd (y_buf, sizeof y_buf, "%.1f", y));
    }
  g_string_append (svg, "\"/>\n");

  g_string_append_printf (svg, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">%s</text>\n",
                          left - 6, top + 4, g_ascii_formatd (y_buf, sizeof y_buf, "%.1f", max));
  g_string_append_printf (svg, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">0</text>\n",
                          left - 6, top + plot_h);

  if (series->len > 0)
    {
      g_autofree char *first = format_date (g_array_index (series, FlawDebtCostPoint, 0).time);
      g_autofree char *last = format_date (g_array_index (series, FlawDebtCostPoint, series->len - 1).time);

      g_string_append_printf (svg, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%s</text>\n",
                              left, (double) height - 8, first);
      g_string_append_printf (svg, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">%s</text>\n",
                              left + plot_w, (double) height - 8, last);
    }

  g_string_append (svg, "</svg>\n");

  return g_string_free (g_steal_pointer (&svg), FALSE);
}

static void
heading (GString    *out,
         Markup      markup,
         int         level,
         const char *text)
{
  g_autofree char *escaped = escape (markup, text);

  if (markup == HTML)
    g_string_append_printf (out, "<h%d>%s</h%d>\n", level, escaped, level);
  else
    g_string_append_printf (out, "\n%s %s\n\n", level == 1 ? "#" : "##", escaped);
}

static void
table_row (GString            *out,
           Markup              markup,
           gboolean            header,
           const char * const *cells,
           guint               n_cells)
{
  if (markup == HTML)
    g_string_append (out, "<tr>");
  else
    g_string_append (out, "|");

  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *escaped = escape (markup, cells[i]);

      if (markup == HTML)
        g_string_append_printf (out, header ? "<th>%s</th>" : "<td>%s</td>", escaped);
      else
        g_string_append_printf (out, " %s |", escaped);
    }

  if (markup == HTML)
    g_string_append (out, "</tr>\n");
  else
    {
      g_string_append_c (out, '\n');
      if (header)
        {
          g_string_append (out, "|");
          for (guint i = 0; i < n_cells; i++)
            g_string_append (out, " --- |");
          g_string_append_c (out, '\n');
        }
    }
}

static void
table_start (GString *out,
             Markup   markup)
{
  if (markup == HTML)
    g_string_append (out, "<table>\n");
}

static void
table_end (GString *out,
           Markup   markup)
{
  if (markup == HTML)
    g_string_append (out, "</table>\n");
}

static void
paragraph (GString    *out,
           Markup      markup,
           const char *text)
{
  g_autofree char *escaped = escape (markup, text);

  if (markup == HTML)
    g_string_append_printf (out, "<p>%s</p>\n", escaped);
  else
    g_string_append_printf (out, "%s\n", escaped);
}

static void
append_summary (GString         *out,
                Markup           markup,
                FlawDebtSummary *summary)
{
  g_autofree char *principal = format_days (summary->total_principal);
  g_autofree char *cost = format_days (summary->total_cost);
  g_autofree char *interest = format_days (summary->interest_per_month);
  g_autofree char *open = g_strdup_printf ("%u", summary->n_open);
  g_autofree char *due = g_strdup_printf ("%u", summary->n_review_due);
  g_autofree char *critical = g_strdup_printf ("%u", summary->by_severity[FLAW_DEBT_SEVERITY_CRITICAL]);
  g_autofree char *high = g_strdup_printf ("%u", summary->by_severity[FLAW_DEBT_SEVERITY_HIGH]);
  g_autofree char *medium = g_strdup_printf ("%u", summary->by_severity[FLAW_DEBT_SEVERITY_MEDIUM]);
  g_autofree char *low = g_strdup_printf ("%u", summary->by_severity[FLAW_DEBT_SEVERITY_LOW]);
  const char *header[] = { _("Measure"), _("Value") };
  const char *rows[][2] = {
    { _("Open items"), open },
    { _("Total principal (person-days)"), principal },
    { _("Total cost today (person-days)"), cost },
    { _("Interest accruing per month (person-days)"), interest },
    { _("Critical"), critical },
    { _("High"), high },
    { _("Medium"), medium },
    { _("Low"), low },
    { _("Review due"), due },
  };

  heading (out, markup, 2, _("Summary"));
  table_start (out, markup);
  table_row (out, markup, TRUE, header, 2);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    table_row (out, markup, FALSE, rows[i], 2);
  table_end (out, markup);
}

static void
append_series (GString *out,
               Markup   markup,
               GArray  *series)
{
  const char *header[] = { _("Date"), _("Open items"), _("Principal (person-days)"), _("Cost (person-days)") };

  heading (out, markup, 2, _("Cost over time"));

  if (markup == HTML)
    {
      g_autofree char *svg = flaw_debt_report_svg_chart (series, 640, 240);

      g_string_append_printf (out, "<figure>\n%s</figure>\n", svg);
    }

  table_start (out, markup);
  table_row (out, markup, TRUE, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < series->len; i++)
    {
      const FlawDebtCostPoint *point = &g_array_index (series, FlawDebtCostPoint, i);
      g_autofree char *date = format_date (point->time);
      g_autofree char *n_open = g_strdup_printf ("%u", point->n_open);
      g_autofree char *principal = format_days (point->principal);
      g_autofree char *cost = format_days (point->cost);
      const char *cells[] = { date, n_open, principal, cost };

      table_row (out, markup, FALSE, cells, G_N_ELEMENTS (cells));
    }
  table_end (out, markup);
}

static void
append_by_severity (GString    *out,
                    Markup      markup,
                    GPtrArray  *items,
                    gint64      now)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (items->len);
  const char *header[] = {
    _("ID"), _("Title"), _("Status"), _("Owner"), _("Component"), _("Risk"), _("Cost today"), _("Review date"),
  };

  /* Borrowed pointers: the copy must not unref them. */
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (items, i));
  g_ptr_array_sort (sorted, compare_by_cost);

  heading (out, markup, 2, _("Open items by severity"));

  for (guint s = 0; s < G_N_ELEMENTS (severity_order); s++)
    {
      guint n = 0;

      for (guint i = 0; i < sorted->len; i++)
        {
          FlawDebtItem *item = g_ptr_array_index (sorted, i);
          g_autofree char *id = NULL;
          g_autofree char *risk = NULL;
          g_autofree char *cost = NULL;

          if (!flaw_debt_item_is_open (item) || flaw_debt_item_get_severity (item) != severity_order[s])
            continue;

          if (n++ == 0)
            {
              if (markup == HTML)
                {
                  g_autofree char *label = escape (markup, flaw_debt_severity_get_label (severity_order[s]));

                  g_string_append_printf (out, "<h3 class=\"%s\">%s</h3>\n",
                                          flaw_debt_severity_to_string (severity_order[s]), label);
                }
              else
                {
                  g_autofree char *label = escape (markup, flaw_debt_severity_get_label (severity_order[s]));

                  g_string_append_printf (out, "\n### %s\n\n", label);
                }
              table_start (out, markup);
              table_row (out, markup, TRUE, header, G_N_ELEMENTS (header));
            }

          id = g_strdup_printf ("%" G_GINT64_FORMAT, flaw_debt_item_get_id (item));
          risk = g_strdup_printf ("%d", flaw_debt_item_get_risk (item));
          cost = format_days (flaw_debt_item_get_cost_at (item, now));

          {
            const char *cells[] = {
              id, flaw_debt_item_get_title (item),
              flaw_debt_status_get_label (flaw_debt_item_get_status (item)),
              flaw_debt_item_get_owner (item), flaw_debt_item_get_component (item),
              risk, cost, flaw_debt_item_get_review_date (item),
            };

            table_row (out, markup, FALSE, cells, G_N_ELEMENTS (cells));
          }
        }

      if (n > 0)
        table_end (out, markup);
    }
}

static void
append_review_due (GString    *out,
                   Markup      markup,
                   GPtrArray  *items,
                   const char *today)
{
  const char *header[] = { _("ID"), _("Title"), _("Owner"), _("Approver"), _("Review date") };
  guint n = 0;

  heading (out, markup, 2, _("Review due"));

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = NULL;

      if (!flaw_debt_item_is_review_due (item, today))
        continue;

      if (n++ == 0)
        {
          table_start (out, markup);
          table_row (out, markup, TRUE, header, G_N_ELEMENTS (header));
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, flaw_debt_item_get_id (item));

      {
        const char *cells[] = {
          id, flaw_debt_item_get_title (item), flaw_debt_item_get_owner (item),
          flaw_debt_item_get_approver (item), flaw_debt_item_get_review_date (item),
        };

        table_row (out, markup, FALSE, cells, G_N_ELEMENTS (cells));
      }
    }

  if (n > 0)
    table_end (out, markup);
  else
    paragraph (out, markup, _("No accepted item is past its review date."));
}

static char *
build_report (Markup      markup,
              GPtrArray  *items,
              GArray     *series,
              gint64      now,
              const char *today)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf (_("Security debt review, %s"), today);
  g_autofree char *escaped_title = escape (markup, title);
  FlawDebtSummary summary;

  flaw_debt_summary_compute (&summary, items, now, today);

  if (markup == HTML)
    {
      g_string_append_printf (out,
                              "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                              "style-src 'unsafe-inline'\">\n"
                              "<title>%s</title>\n<style>\n"
                              "body { font-family: sans-serif; margin: 2em; }\n"
                              "table { border-collapse: collapse; margin-bottom: 1em; }\n"
                              "th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; }\n"
                              "h3.critical { color: #c01c28; } h3.high { color: #e66100; }\n"
                              "h3.medium { color: #9c6e03; } h3.low { color: #26a269; }\n"
                              "</style>\n</head>\n<body>\n",
                              escaped_title);
    }

  heading (out, markup, 1, title);
  append_summary (out, markup, &summary);
  append_series (out, markup, series);
  append_by_severity (out, markup, items, now);
  append_review_due (out, markup, items, today);

  if (markup == HTML)
    g_string_append (out, "</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * flaw_debt_report_markdown:
 * @items: (element-type FlawDebtItem): the items to report on
 * @series: (element-type FlawDebtCostPoint): their cost over time
 * @now: the time costs are computed for
 * @today: "YYYY-MM-DD", for review-due
 *
 * Returns: (transfer full): the report in CommonMark
 */
char *
flaw_debt_report_markdown (GPtrArray  *items,
                           GArray     *series,
                           gint64      now,
                           const char *today)
{
  g_return_val_if_fail (items != NULL && series != NULL && today != NULL, NULL);

  return build_report (MARKDOWN, items, series, now, today);
}

/**
 * flaw_debt_report_html:
 *
 * As flaw_debt_report_markdown(), as one self-contained HTML page.
 *
 * Returns: (transfer full): the report
 */
char *
flaw_debt_report_html (GPtrArray  *items,
                       GArray     *series,
                       gint64      now,
                       const char *today)
{
  g_return_val_if_fail (items != NULL && series != NULL && today != NULL, NULL);

  return build_report (HTML, items, series, now, today);
}
