/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "flaw-assessment-report.h"
#include "flaw-evidence.h"
#include "flaw-trend-chart.h"

/* The PDF report: A4 pages drawn with cairo and laid out with pango. Text
 * is broken into lines and the lines are placed one by one, so a block of
 * any length flows over pages. The document is laid out twice: once to
 * count the pages for the footers, once for real.
 */

#define PAGE_WIDTH   595.0
#define PAGE_HEIGHT  842.0
#define MARGIN       50.0
#define FOOTER_SPACE 30.0
#define CONTENT      (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM       (PAGE_HEIGHT - MARGIN - FOOTER_SPACE)

typedef struct
{
  cairo_t              *cr;
  FlawAssessmentReport *report;
  double                y;
  guint                 page;
  guint                 n_pages;
} Writer;

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb black = { 0.12, 0.12, 0.12 };
static const Rgb grey = { 0.40, 0.40, 0.40 };
static const Rgb green = { 0.10, 0.50, 0.28 };
static const Rgb red = { 0.70, 0.08, 0.12 };
static const Rgb blue = { 0.10, 0.40, 0.75 };

static void
draw_footer (Writer *w)
{
  PangoLayout *layout = pango_cairo_create_layout (w->cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  int width, height;

  left = g_strdup_printf ("Flawdesk · %s · %s · %s", _("Self-assessment"),
                          w->report->assessment->team, w->report->assessment->date);
  if (w->n_pages > 0)
    right = g_strdup_printf (_("Page %u of %u"), w->page, w->n_pages);
  else
    right = g_strdup_printf (_("Page %u"), w->page);

  pango_layout_set_font_description (layout, font);
  cairo_set_source_rgb (w->cr, grey.r, grey.g, grey.b);

  pango_layout_set_width (layout, (int) (CONTENT * 0.7 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, left, -1);
  cairo_move_to (w->cr, MARGIN, PAGE_HEIGHT - MARGIN - 10);
  pango_cairo_show_layout (w->cr, layout);

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, right, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (w->cr, PAGE_WIDTH - MARGIN - width, PAGE_HEIGHT - MARGIN - 10);
  pango_cairo_show_layout (w->cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
next_page (Writer *w)
{
  draw_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN;
}

static void
keep_space (Writer *w,
            double  needed)
{
  if (w->y > MARGIN && w->y + needed > BOTTOM)
    next_page (w);
}

static PangoLayout *
make_layout (Writer     *w,
             const char *text,
             const char *font,
             double      indent)
{
  PangoLayout *layout = pango_cairo_create_layout (w->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((CONTENT - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

/* Places the lines of @layout one after the other, breaking pages between
 * lines. */
static void
flow_layout (Writer      *w,
             PangoLayout *layout,
             double       indent,
             const Rgb   *color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  cairo_set_source_rgb (w->cr, color->r, color->g, color->b);

  do
    {
      PangoRectangle logical;
      double height;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE -
                 (double) logical.y / PANGO_SCALE;

      if (w->y + height > BOTTOM)
        {
          next_page (w);
          cairo_set_source_rgb (w->cr, color->r, color->g, color->b);
        }

      cairo_move_to (w->cr, MARGIN + indent + (double) logical.x / PANGO_SCALE, w->y + baseline);
      pango_cairo_show_layout_line (w->cr, pango_layout_iter_get_line_readonly (iter));
      w->y += height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
add_text (Writer     *w,
          const char *text,
          const char *font,
          double      indent,
          double      space_before,
          const Rgb  *color)
{
  PangoLayout *layout;

  if (w->y > MARGIN)
    w->y += space_before;

  layout = make_layout (w, text, font, indent);
  flow_layout (w, layout, indent, color);
  g_object_unref (layout);
}

static void
add_heading (Writer     *w,
             const char *text,
             const char *font,
             double      space_before)
{
  /* A heading never ends a page. */
  keep_space (w, space_before + 60);
  add_text (w, text, font, 0, space_before, &black);
}

/* One row of the score table: each cell wraps within its column, and the
 * row is as tall as its tallest cell. */
static void
add_row (Writer      *w,
         const char **cells,
         guint        n_cells,
         const char  *font,
         const Rgb   *color)
{
  static const double column_x[] = { 0, 170, 225, 310, 390 };
  static const double column_w[] = { 165, 55, 85, 80, 105 };
  PangoLayout *layouts[G_N_ELEMENTS (column_x)] = { NULL, };
  double height = 0;

  g_assert (n_cells <= G_N_ELEMENTS (column_x));

  for (guint i = 0; i < n_cells; i++)
    {
      int h;

      layouts[i] = make_layout (w, cells[i], font, 0);
      pango_layout_set_width (layouts[i], (int) (column_w[i] * PANGO_SCALE));
      pango_layout_get_pixel_size (layouts[i], NULL, &h);
      height = MAX (height, h);
    }

  keep_space (w, height);

  cairo_set_source_rgb (w->cr, color->r, color->g, color->b);
  for (guint i = 0; i < n_cells; i++)
    {
      cairo_move_to (w->cr, MARGIN + column_x[i], w->y);
      pango_cairo_show_layout (w->cr, layouts[i]);
      g_object_unref (layouts[i]);
    }

  w->y += height + 3;
}

static const Rgb *
change_color (FlawChange change)
{
  switch (change)
    {
    case FLAW_CHANGE_IMPROVED:
      return &green;
    case FLAW_CHANGE_WORSE:
      return &red;
    case FLAW_CHANGE_NEWLY_ASSESSED:
      return &blue;
    default:
      return &black;
    }
}

static char *
percent_text (double percent)
{
  return isnan (percent) ? g_strdup (_("No score")) : g_strdup_printf (_("%.0f %%"), percent);
}

static void
write_scores (Writer *w)
{
  FlawAssessmentReport *report = w->report;
  add_heading (w, _("Scores"), "Sans Bold 13", 18);
  w->y += 4;

  {
    g_autofree char *before = report->previous != NULL
                              ? g_strdup_printf ("%s\n%s", _("Previous"), report->previous->date) : NULL;
    const char *header[] = { _("Practice"), _("Score"), _("Rated"), before, _("Change") };

    add_row (w, header, report->comparison != NULL ? 5 : 3, "Sans Bold 9", &grey);
  }

  for (guint i = 0; i <= report->checklist->sections->len; i++)
    {
      const FlawScore *score = i == 0 ? &report->scorecard->overall
                                      : g_ptr_array_index (report->scorecard->sections, i - 1);
      const FlawChecklistSection *section = i == 0 ? NULL : g_ptr_array_index (report->checklist->sections, i - 1);
      g_autofree char *percent = flaw_score_format (score);
      g_autofree char *rated = g_strdup_printf (_("%u of %u rated"), score->n_assessed, score->n_items);
      g_autofree char *before = NULL;
      const char *cells[5] = { section ? section->title : _("Overall"), percent, rated, NULL, NULL };
      const Rgb *color = &black;

      if (report->comparison != NULL)
        {
          const FlawSectionChange *change = i == 0 ? &report->comparison->overall
                                                   : flaw_comparison_get_section (report->comparison, section->id);

          before = percent_text (change->before);
          cells[3] = before;
          cells[4] = flaw_change_to_label (change->change);
          color = change_color (change->change);
        }

      add_row (w, cells, report->comparison != NULL ? 5 : 3, i == 0 ? "Sans Bold 9" : "Sans 9", color);
    }

  add_text (w, _("Ratings: not in place 0 %, partly 33 %, largely 67 %, fully in place 100 %. "
                 "Items not assessed count in no score."),
            "Sans 8", 0, 6, &grey);
}

static void
write_trend (Writer *w)
{
  FlawChartStyle style = { black.r, black.g, black.b, FALSE, "Sans 8" };
  double height = flaw_trend_chart_get_height (w->report->trend, CONTENT);

  keep_space (w, height + 50);
  add_heading (w, _("Trend"), "Sans Bold 13", 18);
  w->y += 8;

  cairo_save (w->cr);
  cairo_translate (w->cr, MARGIN, w->y);
  flaw_trend_chart_draw (w->cr, w->report->trend, CONTENT, &style);
  cairo_restore (w->cr);
  w->y += height;
}

static void
write_answers (Writer *w)
{
  FlawAssessmentReport *report = w->report;

  add_heading (w, _("Answers"), "Sans Bold 13", 18);

  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);
      g_autofree char *percent = flaw_score_format (g_ptr_array_index (report->scorecard->sections, s));
      g_autofree char *heading = g_strdup_printf ("%s — %s", section->title, percent);

      add_heading (w, heading, "Sans Bold 11", 14);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          const FlawAnswer *answer = flaw_answers_find (report->answers, item->id);
          FlawRating rating = answer ? answer->rating : FLAW_RATING_NOT_ASSESSED;
          const FlawEvidence *fact = flaw_evidence_find (report->evidence, item->evidence);
          g_autofree char *rating_text = NULL;
          const Rgb *color = &black;

          keep_space (w, 50);
          add_text (w, item->question, "Sans Bold 10", 0, 10, &black);
          add_text (w, flaw_checklist_kind_label (item->kind), "Sans 8", 0, 1, &grey);

          if (report->comparison != NULL)
            {
              const FlawItemChange *change = flaw_comparison_get_item (report->comparison, item->id);

              if (change->change == FLAW_CHANGE_NOT_ASSESSED)
                rating_text = g_strdup (flaw_rating_to_label (rating));
              else
                rating_text = g_strdup_printf ("%s — %s (%s: %s)", flaw_rating_to_label (rating),
                                               flaw_change_to_label (change->change), _("previously"),
                                               flaw_rating_to_label (change->before));
              color = change_color (change->change);
            }
          else
            rating_text = g_strdup (flaw_rating_to_label (rating));
          add_text (w, rating_text, "Sans Bold 9", 0, 3, color);

          if (answer != NULL && answer->note != NULL && *answer->note != '\0')
            add_text (w, answer->note, "Sans 9", 10, 3, &black);

          for (guint k = 0; answer != NULL && answer->links[k] != NULL; k++)
            {
              g_autofree char *link = g_strdup_printf ("%s %s", _("Evidence:"), answer->links[k]);

              add_text (w, link, "Sans 8", 10, 2, &blue);
            }

          for (guint k = 0; report->linked_debt != NULL && k < report->linked_debt->len; k++)
            {
              const FlawLinkedDebt *debt = g_ptr_array_index (report->linked_debt, k);
              g_autofree char *line = NULL;
              g_autofree char *text = NULL;

              if (!g_str_equal (debt->item_id, item->id))
                continue;
              line = flaw_linked_debt_format (debt);
              text = g_strdup_printf ("%s %s", _("Debt:"), line);
              add_text (w, text, "Sans 8", 10, 2, &black);
            }

          if (fact != NULL)
            {
              g_autofree char *text = g_strdup_printf ("%s: %s", flaw_evidence_key_to_title (fact->key),
                                                       fact->summary);

              add_text (w, text, "Sans Italic 8", 10, 3, &grey);
            }
        }
    }
}

static void
write_document (Writer *w)
{
  FlawAssessmentReport *report = w->report;
  FlawAssessment *a = report->assessment;
  g_autofree char *title = g_strdup_printf ("%s: %s", _("Self-assessment"), report->checklist->title);
  g_autofree char *meta = NULL;
  g_autoptr(GDateTime) completed = g_date_time_new_from_unix_utc (a->completed);
  g_autofree char *completed_text = g_date_time_format (completed, "%Y-%m-%d %H:%M UTC");

  w->y = MARGIN;
  w->page = 1;

  add_text (w, title, "Sans Bold 18", 0, 0, &black);
  meta = g_strdup_printf (_("Team: %s\nAssessor: %s\nDate: %s (completed %s)\n"
                            "Checklist: %s, version %" PRId64),
                          a->team, a->assessor, a->date, completed_text,
                          report->checklist->id, report->checklist->version);
  add_text (w, meta, "Sans 10", 0, 8, &grey);

  write_scores (w);
  write_trend (w);
  write_answers (w);

  draw_footer (w);
  cairo_show_page (w->cr);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
render (FlawAssessmentReport  *report,
        GByteArray            *out,
        guint                  n_pages,
        guint                 *pages_drawn,
        GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer w = { 0 };

  surface = cairo_pdf_surface_create_for_stream (out ? append_cb : NULL, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->checklist->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, report->assessment->assessor);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Flawdesk " PACKAGE_VERSION);

  w.cr = cairo_create (surface);
  w.report = report;
  w.n_pages = n_pages;
  write_document (&w);

  status = cairo_status (w.cr);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  *pages_drawn = w.page;

  return TRUE;
}

/**
 * flaw_assessment_report_write_pdf:
 * @n_pages: (out) (optional): the number of pages written
 *
 * Writes the report as an A4 PDF to @path, replacing the file atomically.
 */
gboolean
flaw_assessment_report_write_pdf (FlawAssessmentReport  *report,
                                  const char            *path,
                                  guint                 *n_pages,
                                  GError               **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint counted = 0;
  guint drawn = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!render (report, NULL, 0, &counted, error) ||
      !render (report, bytes, counted, &drawn, error))
    return FALSE;

  g_warn_if_fail (counted == drawn);

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;

  if (n_pages != NULL)
    *n_pages = drawn;

  return TRUE;
}
