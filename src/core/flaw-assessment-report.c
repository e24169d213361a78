/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-report"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "flaw-assessment-report.h"
#include "flaw-debt-item.h"
#include "flaw-debt-store.h"
#include "flaw-evidence.h"
#include "flaw-trend-chart.h"

/* Reports of a completed assessment as Markdown and HTML (the PDF is in
 * flaw-assessment-pdf.c). Every value that came from a user is escaped. */

#define CHART_WIDTH 640.0

gboolean
flaw_report_format_parse (const char       *name,
                          FlawReportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (name, "md") == 0 || g_strcmp0 (name, "markdown") == 0)
    *format = FLAW_REPORT_MARKDOWN;
  else if (g_strcmp0 (name, "html") == 0)
    *format = FLAW_REPORT_HTML;
  else if (g_strcmp0 (name, "pdf") == 0)
    *format = FLAW_REPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

void
flaw_assessment_report_free (FlawAssessmentReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->assessment, flaw_assessment_free);
  g_clear_pointer (&report->checklist, flaw_checklist_unref);
  g_clear_pointer (&report->answers, g_ptr_array_unref);
  g_clear_pointer (&report->scorecard, flaw_scorecard_free);
  g_clear_pointer (&report->evidence, g_ptr_array_unref);
  g_clear_pointer (&report->previous, flaw_assessment_free);
  g_clear_pointer (&report->previous_scorecard, flaw_scorecard_free);
  g_clear_pointer (&report->comparison, flaw_comparison_free);
  g_clear_pointer (&report->trend, flaw_trend_free);
  g_clear_pointer (&report->linked_debt, g_ptr_array_unref);
  g_free (report);
}

void
flaw_linked_debt_free (FlawLinkedDebt *debt)
{
  if (debt == NULL)
    return;

  g_free (debt->item_id);
  g_free (debt->title);
  g_free (debt);
}

/**
 * flaw_linked_debt_format:
 *
 * Returns: (transfer full): the item as one line: number, title, severity
 *   and status
 */
char *
flaw_linked_debt_format (const FlawLinkedDebt *debt)
{
  /* Translators: a debt item linked to an answer: "Debt item 4: TITLE (High, Accepted)" */
  return g_strdup_printf (_("Debt item %" PRId64 ": %s (%s, %s)"), debt->debt_id, debt->title,
                          flaw_debt_severity_get_label (debt->severity),
                          flaw_debt_status_get_label (debt->status));
}

/* The debt items linked to the answers, in checklist order. An item deleted
 * from the register since is left out. */
static GPtrArray *
load_linked_debt (FlawDatabase          *database,
                  FlawAssessmentReport  *report,
                  GError               **error)
{
  g_autoptr(GPtrArray) linked = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_linked_debt_free);

  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          g_autoptr(GArray) ids = NULL;

          if (flaw_answers_find (report->answers, item->id) == NULL)
            continue;

          if (!(ids = flaw_assessment_db_list_linked_debt (database, report->assessment->id, item->id, error)))
            return NULL;

          for (guint k = 0; k < ids->len; k++)
            {
              g_autoptr(GError) local_error = NULL;
              g_autoptr(FlawDebtItem) debt = NULL;
              FlawLinkedDebt *entry;

              debt = flaw_debt_db_load (database, g_array_index (ids, gint64, k), &local_error);
              if (debt == NULL)
                {
                  if (g_error_matches (local_error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND))
                    continue;
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return NULL;
                }

              entry = g_new0 (FlawLinkedDebt, 1);
              entry->item_id = g_strdup (item->id);
              entry->debt_id = g_array_index (ids, gint64, k);
              entry->title = g_strdup (flaw_debt_item_get_title (debt));
              entry->severity = flaw_debt_item_get_severity (debt);
              entry->status = flaw_debt_item_get_status (debt);
              g_ptr_array_add (linked, entry);
            }
        }
    }

  return g_steal_pointer (&linked);
}

/**
 * flaw_assessment_report_load:
 *
 * Gathers a completed assessment, its scores, the evidence kept when it
 * was completed, the comparison with the team's previous run and the trend.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
FlawAssessmentReport *
flaw_assessment_report_load (FlawDatabase  *database,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(FlawAssessmentReport) report = g_new0 (FlawAssessmentReport, 1);

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  if (!(report->assessment = flaw_assessment_db_get (database, id, error)))
    return NULL;

  if (report->assessment->state != FLAW_ASSESSMENT_COMPLETED)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_COMPLETED,
                   _("Assessment %" PRId64 " is still in progress. Complete it before "
                     "exporting a report."), id);
      return NULL;
    }

  report->checklist = flaw_assessment_db_load_checklist (database, report->assessment->checklist_id,
                                                         report->assessment->checklist_version, error);
  if (report->checklist == NULL)
    return NULL;

  if (!(report->answers = flaw_assessment_db_list_answers (database, id, error)))
    return NULL;

  report->scorecard = flaw_scorecard_new (report->checklist, report->answers);

  if (report->assessment->evidence != NULL)
    report->evidence = flaw_evidence_from_json (report->assessment->evidence, NULL);
  if (report->evidence == NULL)
    report->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_evidence_free);

  if (!flaw_assessment_db_find_previous (database, report->assessment, &report->previous, error))
    return NULL;

  if (report->previous != NULL)
    {
      g_autoptr(GPtrArray) previous_answers = NULL;

      if (!(previous_answers = flaw_assessment_db_list_answers (database, report->previous->id, error)))
        return NULL;

      report->previous_scorecard = flaw_scorecard_new (report->checklist, previous_answers);
      report->comparison = flaw_comparison_new (report->checklist, previous_answers, report->answers);
    }

  report->trend = flaw_assessment_db_load_trend (database, report->assessment->team,
                                                 report->checklist, report->assessment, error);
  if (report->trend == NULL)
    return NULL;

  if (!(report->linked_debt = load_linked_debt (database, report, error)))
    return NULL;

  return g_steal_pointer (&report);
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

static char *
format_percent (double percent)
{
  if (isnan (percent))
    return g_strdup (_("No score"));

  return g_strdup_printf (_("%.0f %%"), percent);
}

static char *
format_assessed (const FlawScore *score)
{
  /* Translators: how many of the items were rated, "12 of 15 rated" */
  return g_strdup_printf (_("%u of %u rated"), score->n_assessed, score->n_items);
}

static const char *
change_symbol (FlawChange change)
{
  switch (change)
    {
    case FLAW_CHANGE_IMPROVED:
      return "▲";
    case FLAW_CHANGE_WORSE:
      return "▼";
    case FLAW_CHANGE_UNCHANGED:
      return "=";
    case FLAW_CHANGE_NEWLY_ASSESSED:
      return "+";
    case FLAW_CHANGE_NO_LONGER_ASSESSED:
      return "−";
    case FLAW_CHANGE_NOT_ASSESSED:
    default:
      return "";
    }
}

/* Markdown: a backslash before every character that could start markup;
 * list markers only matter at the start of a line. */
static char *
md_escape (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean line_start = TRUE;
  gboolean digits = FALSE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\r')
        continue;

      if (*p == '\n')
        {
          g_string_append (out, "  \n");
          line_start = TRUE;
          digits = FALSE;
          continue;
        }

      if (strchr ("\\`*_{}[]<>#|~!&", *p) != NULL ||
          (line_start && strchr ("-+=", *p) != NULL) ||
          (digits && (*p == '.' || *p == ')')))
        g_string_append_c (out, '\\');

      digits = (line_start || digits) && g_ascii_isdigit (*p);
      line_start = line_start && (*p == ' ' || *p == '\t');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
md_line (GString    *md,
         const char *label,
         const char *value)
{
  g_autofree char *escaped = md_escape (value);

  g_string_append_printf (md, "- **%s** %s\n", label, escaped);
}

char *
flaw_assessment_report_to_markdown (FlawAssessmentReport *report)
{
  g_autoptr(GString) md = g_string_new (NULL);
  FlawAssessment *a;
  g_autofree char *title = NULL;
  g_autofree char *completed = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  a = report->assessment;
  title = md_escape (report->checklist->title);
  completed = format_time (a->completed);

  g_string_append_printf (md, "# %s: %s\n\n", _("Self-assessment"), title);
  md_line (md, _("Team:"), a->team);
  md_line (md, _("Assessor:"), a->assessor);
  md_line (md, _("Date:"), a->date);
  md_line (md, _("Completed:"), completed);
  {
    g_autofree char *checklist = g_strdup_printf ("%s (%s, version %" PRId64 ")",
                                                  report->checklist->title, report->checklist->id,
                                                  report->checklist->version);
    md_line (md, _("Checklist:"), checklist);
  }
  g_string_append (md, "\n");

  /* Scores */
  g_string_append_printf (md, "## %s\n\n", _("Scores"));
  if (report->previous != NULL)
    {
      g_autofree char *prev = md_escape (report->previous->date);

      g_string_append_printf (md, "| %s | %s | %s | %s (%s) | %s |\n|---|---:|---|---:|---|\n",
                              _("Practice"), _("Score"), _("Rated"), _("Previous"), prev, _("Change"));
    }
  else
    g_string_append_printf (md, "| %s | %s | %s |\n|---|---:|---|\n",
                            _("Practice"), _("Score"), _("Rated"));

  for (guint i = 0; i <= report->checklist->sections->len; i++)
    {
      const FlawScore *score = i == 0 ? &report->scorecard->overall
                                      : g_ptr_array_index (report->scorecard->sections, i - 1);
      const FlawChecklistSection *section = i == 0 ? NULL : g_ptr_array_index (report->checklist->sections, i - 1);
      g_autofree char *name = md_escape (section ? section->title : _("Overall"));
      g_autofree char *percent = flaw_score_format (score);
      g_autofree char *rated = format_assessed (score);

      if (i == 0)
        {
          g_autofree char *bold = g_strdup_printf ("**%s**", name);

          g_free (name);
          name = g_steal_pointer (&bold);
        }

      if (report->comparison != NULL)
        {
          const FlawSectionChange *change = i == 0 ? &report->comparison->overall
                                                   : flaw_comparison_get_section (report->comparison, section->id);
          g_autofree char *before = format_percent (change->before);

          g_string_append_printf (md, "| %s | %s | %s | %s | %s %s |\n", name, percent, rated,
                                  before, change_symbol (change->change), flaw_change_to_label (change->change));
        }
      else
        g_string_append_printf (md, "| %s | %s | %s |\n", name, percent, rated);
    }
  g_string_append (md, "\n");
  g_string_append_printf (md, "%s\n\n",
                          _("Ratings: not in place 0 %, partly 33 %, largely 67 %, fully in place 100 %. "
                            "Items not assessed count in no score."));

  /* Trend */
  g_string_append_printf (md, "## %s\n\n", _("Trend"));
  g_string_append_printf (md, "| %s | %s |", _("Date"), _("Overall"));
  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);
      g_autofree char *name = md_escape (section->title);

      g_string_append_printf (md, " %s |", name);
    }
  g_string_append (md, "\n|---|---:|");
  for (guint s = 0; s < report->checklist->sections->len; s++)
    g_string_append (md, "---:|");
  g_string_append (md, "\n");
  for (guint i = 0; i < report->trend->points->len; i++)
    {
      const FlawTrendPoint *point = g_ptr_array_index (report->trend->points, i);
      g_autofree char *date = md_escape (point->date);
      g_autofree char *overall = format_percent (point->overall);

      g_string_append_printf (md, "| %s | %s |", date, overall);
      for (guint s = 0; s < report->checklist->sections->len; s++)
        {
          g_autofree char *value = format_percent (point->sections[s]);

          g_string_append_printf (md, " %s |", value);
        }
      g_string_append (md, "\n");
    }
  g_string_append (md, "\n");

  /* Answers */
  g_string_append_printf (md, "## %s\n\n", _("Answers"));
  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);
      g_autofree char *name = md_escape (section->title);
      g_autofree char *percent = flaw_score_format (g_ptr_array_index (report->scorecard->sections, s));

      g_string_append_printf (md, "### %s — %s\n\n", name, percent);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          const FlawAnswer *answer = flaw_answers_find (report->answers, item->id);
          FlawRating rating = answer ? answer->rating : FLAW_RATING_NOT_ASSESSED;
          g_autofree char *question = md_escape (item->question);
          g_autofree char *rating_text = NULL;
          const FlawEvidence *fact = flaw_evidence_find (report->evidence, item->evidence);

          g_string_append_printf (md, "#### %s\n\n", question);
          md_line (md, _("Kind:"), flaw_checklist_kind_label (item->kind));

          if (report->comparison != NULL)
            {
              const FlawItemChange *change = flaw_comparison_get_item (report->comparison, item->id);

              rating_text = g_strdup_printf ("%s (%s: %s, %s)", flaw_rating_to_label (rating),
                                             _("previously"), flaw_rating_to_label (change->before),
                                             flaw_change_to_label (change->change));
            }
          else
            rating_text = g_strdup (flaw_rating_to_label (rating));
          md_line (md, _("Rating:"), rating_text);

          if (answer != NULL && answer->note != NULL && *answer->note != '\0')
            md_line (md, _("Note:"), answer->note);

          for (guint k = 0; answer != NULL && answer->links[k] != NULL; k++)
            md_line (md, _("Evidence:"), answer->links[k]);

          for (guint k = 0; report->linked_debt != NULL && k < report->linked_debt->len; k++)
            {
              const FlawLinkedDebt *debt = g_ptr_array_index (report->linked_debt, k);
              g_autofree char *line = NULL;

              if (!g_str_equal (debt->item_id, item->id))
                continue;
              line = flaw_linked_debt_format (debt);
              md_line (md, _("Debt:"), line);
            }

          if (fact != NULL)
            {
              g_autofree char *label = g_strdup_printf ("%s (%s):", flaw_evidence_key_to_title (fact->key),
                                                        _("from Flawdesk"));

              md_line (md, label, fact->summary);
            }

          g_string_append (md, "\n");
        }
    }

  /* Comparison */
  if (report->comparison != NULL)
    {
      static const FlawChange shown[] = {
        FLAW_CHANGE_IMPROVED, FLAW_CHANGE_WORSE, FLAW_CHANGE_NEWLY_ASSESSED, FLAW_CHANGE_NO_LONGER_ASSESSED,
      };
      g_autofree char *prev = md_escape (report->previous->date);

      g_string_append_printf (md, "## %s (%s)\n\n", _("Changes since the previous run"), prev);

      for (guint c = 0; c < G_N_ELEMENTS (shown); c++)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < report->comparison->items->len; i++)
            {
              const FlawItemChange *change = g_ptr_array_index (report->comparison->items, i);
              const FlawChecklistItem *item;
              g_autofree char *question = NULL;

              if (change->change != shown[c])
                continue;

              if (!any)
                g_string_append_printf (md, "**%s**\n\n", flaw_change_to_label (shown[c]));
              any = TRUE;

              item = flaw_checklist_find_item (report->checklist, change->id, NULL);
              question = md_escape (item->question);
              g_string_append_printf (md, "- %s %s → %s\n", question,
                                      flaw_rating_to_label (change->before),
                                      flaw_rating_to_label (change->after));
            }

          if (any)
            g_string_append (md, "\n");
        }
    }

  return g_string_free (g_steal_pointer (&md), FALSE);
}

static void
html_text (GString    *html,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

/* Plain text with its line breaks kept, never markup. */
static void
html_paragraphs (GString    *html,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (html, "<br>");
      html_text (html, lines[i]);
    }
}

static const char *
change_class (FlawChange change)
{
  switch (change)
    {
    case FLAW_CHANGE_IMPROVED:
      return "improved";
    case FLAW_CHANGE_WORSE:
      return "worse";
    case FLAW_CHANGE_NEWLY_ASSESSED:
      return "new";
    default:
      return "same";
    }
}

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
  "line-height:1.45;color:#1e1e1e;background:#fff}"
  "@media (prefers-color-scheme:dark){body{color:#eee;background:#1e1e1e}a{color:#78aeed}"
  "th,td{border-color:#444!important}.fact{background:#2a2a2a!important}}"
  "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
  "text-align:left}td.num{text-align:right}"
  ".improved{color:#26a269;font-weight:bold}.worse{color:#c01c28;font-weight:bold}"
  ".new{color:#1c71d8}.item{margin:1rem 0 1.5rem}.item h4{margin:.2rem 0}"
  ".meta{color:#777}.fact{background:#f4f4f4;padding:.4rem .6rem;border-radius:6px}"
  "figure{margin:1rem 0}svg{max-width:100%;height:auto}";

char *
flaw_assessment_report_to_html (FlawAssessmentReport *report)
{
  g_autoptr(GString) html = g_string_new (NULL);
  FlawAssessment *a;
  g_autofree char *completed = NULL;
  g_autofree char *svg = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  a = report->assessment;
  completed = format_time (a->completed);

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                         "style-src 'unsafe-inline'\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  html_text (html, _("Self-assessment"));
  g_string_append (html, ": ");
  html_text (html, a->team);
  g_string_append (html, " — ");
  html_text (html, a->date);
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", html_style);
  html_text (html, _("Self-assessment"));
  g_string_append (html, ": ");
  html_text (html, report->checklist->title);
  g_string_append (html, "</h1>\n<table class=\"info\">\n");

  {
    g_autofree char *checklist = g_strdup_printf ("%s (%s, version %" PRId64 ")",
                                                  report->checklist->title, report->checklist->id,
                                                  report->checklist->version);
    const char *rows[][2] = {
      { _("Team"), a->team },
      { _("Assessor"), a->assessor },
      { _("Date"), a->date },
      { _("Completed"), completed },
      { _("Checklist"), checklist },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_string_append (html, "<tr><th>");
        html_text (html, rows[i][0]);
        g_string_append (html, "</th><td>");
        html_text (html, rows[i][1]);
        g_string_append (html, "</td></tr>\n");
      }
  }
  g_string_append (html, "</table>\n<h2>");
  html_text (html, _("Scores"));
  g_string_append (html, "</h2>\n<table>\n<tr><th>");
  html_text (html, _("Practice"));
  g_string_append (html, "</th><th>");
  html_text (html, _("Score"));
  g_string_append (html, "</th><th>");
  html_text (html, _("Rated"));
  g_string_append (html, "</th>");
  if (report->previous != NULL)
    {
      g_string_append (html, "<th>");
      html_text (html, _("Previous"));
      g_string_append (html, " (");
      html_text (html, report->previous->date);
      g_string_append (html, ")</th><th>");
      html_text (html, _("Change"));
      g_string_append (html, "</th>");
    }
  g_string_append (html, "</tr>\n");

  for (guint i = 0; i <= report->checklist->sections->len; i++)
    {
      const FlawScore *score = i == 0 ? &report->scorecard->overall
                                      : g_ptr_array_index (report->scorecard->sections, i - 1);
      const FlawChecklistSection *section = i == 0 ? NULL : g_ptr_array_index (report->checklist->sections, i - 1);
      g_autofree char *percent = flaw_score_format (score);
      g_autofree char *rated = format_assessed (score);

      g_string_append (html, i == 0 ? "<tr><th>" : "<tr><td>");
      html_text (html, section ? section->title : _("Overall"));
      g_string_append (html, i == 0 ? "</th><td class=\"num\">" : "</td><td class=\"num\">");
      html_text (html, percent);
      g_string_append (html, "</td><td>");
      html_text (html, rated);
      g_string_append (html, "</td>");

      if (report->comparison != NULL)
        {
          const FlawSectionChange *change = i == 0 ? &report->comparison->overall
                                                   : flaw_comparison_get_section (report->comparison, section->id);
          g_autofree char *before = format_percent (change->before);

          g_string_append (html, "<td class=\"num\">");
          html_text (html, before);
          g_string_append_printf (html, "</td><td class=\"%s\">%s ", change_class (change->change),
                                  change_symbol (change->change));
          html_text (html, flaw_change_to_label (change->change));
          g_string_append (html, "</td>");
        }
      g_string_append (html, "</tr>\n");
    }
  g_string_append (html, "</table>\n<p class=\"meta\">");
  html_text (html, _("Ratings: not in place 0 %, partly 33 %, largely 67 %, fully in place 100 %. "
                     "Items not assessed count in no score."));
  g_string_append (html, "</p>\n<h2>");
  html_text (html, _("Trend"));
  g_string_append (html, "</h2>\n<figure>\n");
  svg = flaw_trend_chart_to_svg (report->trend, CHART_WIDTH);
  g_string_append (html, svg);
  g_string_append (html, "</figure>\n<h2>");
  html_text (html, _("Answers"));
  g_string_append (html, "</h2>\n");

  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);
      g_autofree char *percent = flaw_score_format (g_ptr_array_index (report->scorecard->sections, s));

      g_string_append (html, "<h3>");
      html_text (html, section->title);
      g_string_append (html, " — ");
      html_text (html, percent);
      g_string_append (html, "</h3>\n");

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          const FlawAnswer *answer = flaw_answers_find (report->answers, item->id);
          FlawRating rating = answer ? answer->rating : FLAW_RATING_NOT_ASSESSED;
          const FlawEvidence *fact = flaw_evidence_find (report->evidence, item->evidence);

          g_string_append (html, "<div class=\"item\">\n<h4>");
          html_text (html, item->question);
          g_string_append (html, "</h4>\n<p class=\"meta\">");
          html_text (html, flaw_checklist_kind_label (item->kind));
          g_string_append (html, "</p>\n<p><strong>");
          html_text (html, flaw_rating_to_label (rating));
          g_string_append (html, "</strong>");

          if (report->comparison != NULL)
            {
              const FlawItemChange *change = flaw_comparison_get_item (report->comparison, item->id);

              g_string_append_printf (html, " <span class=\"%s\">%s ", change_class (change->change),
                                      change_symbol (change->change));
              html_text (html, flaw_change_to_label (change->change));
              g_string_append (html, "</span> <span class=\"meta\">(");
              html_text (html, _("previously"));
              g_string_append (html, ": ");
              html_text (html, flaw_rating_to_label (change->before));
              g_string_append (html, ")</span>");
            }
          g_string_append (html, "</p>\n");

          if (answer != NULL && answer->note != NULL && *answer->note != '\0')
            {
              g_string_append (html, "<p>");
              html_paragraphs (html, answer->note);
              g_string_append (html, "</p>\n");
            }

          if (answer != NULL && answer->links[0] != NULL)
            {
              g_string_append (html, "<ul>\n");
              for (guint k = 0; answer->links[k] != NULL; k++)
                {
                  g_autofree char *href = g_markup_escape_text (answer->links[k], -1);

                  g_string_append_printf (html, "<li><a href=\"%s\" rel=\"noreferrer\">%s</a></li>\n",
                                          href, href);
                }
              g_string_append (html, "</ul>\n");
            }

          for (guint k = 0; report->linked_debt != NULL && k < report->linked_debt->len; k++)
            {
              const FlawLinkedDebt *debt = g_ptr_array_index (report->linked_debt, k);
              g_autofree char *line = NULL;

              if (!g_str_equal (debt->item_id, item->id))
                continue;
              line = flaw_linked_debt_format (debt);
              g_string_append (html, "<p class=\"debt\"><strong>");
              html_text (html, _("Debt:"));
              g_string_append (html, "</strong> ");
              html_text (html, line);
              g_string_append (html, "</p>\n");
            }

          if (fact != NULL)
            {
              g_string_append (html, "<p class=\"fact\"><strong>");
              html_text (html, flaw_evidence_key_to_title (fact->key));
              g_string_append (html, ":</strong> ");
              html_text (html, fact->summary);
              g_string_append (html, "</p>\n");
            }

          g_string_append (html, "</div>\n");
        }
    }

  g_string_append (html, "</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&html), FALSE);
}

/**
 * flaw_assessment_report_export:
 *
 * Writes the report to @path in @format, replacing the file atomically.
 */
gboolean
flaw_assessment_report_export (FlawAssessmentReport  *report,
                               FlawReportFormat       format,
                               const char            *path,
                               GError               **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case FLAW_REPORT_MARKDOWN:
      text = flaw_assessment_report_to_markdown (report);
      break;

    case FLAW_REPORT_HTML:
      text = flaw_assessment_report_to_html (report);
      break;

    case FLAW_REPORT_PDF:
    default:
      return flaw_assessment_report_write_pdf (report, path, NULL, error);
    }

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
