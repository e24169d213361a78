/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "flaw-assessment.h"

/* Scores are kept as whole points (0–3 per assessed item) so that two runs
 * compare exactly; percentages are only for showing. */

G_DEFINE_QUARK (flaw-assessment-error-quark, flaw_assessment_error)

/**
 * flaw_rating_to_label:
 *
 * Returns: the translated name of @rating
 */
const char *
flaw_rating_to_label (FlawRating rating)
{
  switch (rating)
    {
    case FLAW_RATING_NOT_IN_PLACE:
      return _("Not in place");
    case FLAW_RATING_PARTLY:
      return _("Partly in place");
    case FLAW_RATING_LARGELY:
      return _("Largely in place");
    case FLAW_RATING_FULLY:
      return _("Fully in place");
    case FLAW_RATING_NOT_ASSESSED:
    default:
      return _("Not assessed");
    }
}

/**
 * flaw_rating_to_string:
 *
 * Returns: "0" to "3", or "none" for %FLAW_RATING_NOT_ASSESSED
 */
const char *
flaw_rating_to_string (FlawRating rating)
{
  static const char * const names[] = { "0", "1", "2", "3" };

  if (rating < FLAW_RATING_NOT_IN_PLACE || rating > FLAW_RATING_FULLY)
    return "none";

  return names[rating];
}

gboolean
flaw_rating_parse (const char *text,
                   FlawRating *rating)
{
  g_return_val_if_fail (rating != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (g_str_equal (text, "none"))
    {
      *rating = FLAW_RATING_NOT_ASSESSED;
      return TRUE;
    }

  if (text[0] >= '0' && text[0] <= '3' && text[1] == '\0')
    {
      *rating = (FlawRating) (text[0] - '0');
      return TRUE;
    }

  return FALSE;
}

const char *
flaw_assessment_state_to_string (FlawAssessmentState state)
{
  return state == FLAW_ASSESSMENT_COMPLETED ? "completed" : "in-progress";
}

const char *
flaw_change_to_label (FlawChange change)
{
  switch (change)
    {
    case FLAW_CHANGE_UNCHANGED:
      return _("Unchanged");
    case FLAW_CHANGE_IMPROVED:
      return _("Improved");
    case FLAW_CHANGE_WORSE:
      return _("Got worse");
    case FLAW_CHANGE_NEWLY_ASSESSED:
      return _("Newly assessed");
    case FLAW_CHANGE_NO_LONGER_ASSESSED:
      return _("No longer assessed");
    case FLAW_CHANGE_NOT_ASSESSED:
    default:
      return _("Not assessed");
    }
}

FlawAssessment *
flaw_assessment_new (void)
{
  return g_new0 (FlawAssessment, 1);
}

void
flaw_assessment_free (FlawAssessment *self)
{
  if (self == NULL)
    return;

  g_free (self->team);
  g_free (self->assessor);
  g_free (self->date);
  g_free (self->checklist_id);
  g_free (self->evidence);
  g_free (self);
}

FlawAnswer *
flaw_answer_new (void)
{
  FlawAnswer *answer = g_new0 (FlawAnswer, 1);

  answer->rating = FLAW_RATING_NOT_ASSESSED;

  return answer;
}

void
flaw_answer_free (FlawAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->item_id);
  g_free (answer->note);
  g_strfreev (answer->links);
  g_free (answer);
}

/**
 * flaw_answers_find:
 * @answers: (element-type FlawAnswer) (nullable): answers of one run
 *
 * Returns: (transfer none) (nullable): the answer to @item_id
 */
const FlawAnswer *
flaw_answers_find (GPtrArray  *answers,
                   const char *item_id)
{
  if (answers == NULL)
    return NULL;

  for (guint i = 0; i < answers->len; i++)
    {
      const FlawAnswer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->item_id, item_id) == 0)
        return answer;
    }

  return NULL;
}

static FlawRating
find_rating (GPtrArray  *answers,
             const char *item_id)
{
  const FlawAnswer *answer = flaw_answers_find (answers, item_id);

  return answer != NULL ? answer->rating : FLAW_RATING_NOT_ASSESSED;
}

/**
 * flaw_score_get_percent:
 *
 * Returns: the score from 0 to 100, or NAN when no item was assessed
 */
double
flaw_score_get_percent (const FlawScore *score)
{
  g_return_val_if_fail (score != NULL, NAN);

  if (score->n_assessed == 0)
    return NAN;

  return 100.0 * score->points / (3.0 * score->n_assessed);
}

/**
 * flaw_score_format:
 *
 * Returns: (transfer full): "67 %" or "No score" when nothing was assessed
 */
char *
flaw_score_format (const FlawScore *score)
{
  double percent = flaw_score_get_percent (score);

  if (isnan (percent))
    return g_strdup (_("No score"));

  /* Translators: a score as a percentage */
  return g_strdup_printf (_("%.0f %%"), percent);
}

static void
score_add (FlawScore  *score,
           FlawRating  rating)
{
  score->n_items++;
  if (rating == FLAW_RATING_NOT_ASSESSED)
    return;

  score->n_assessed++;
  score->points += rating;
}

static void
score_free (FlawScore *score)
{
  g_free (score->section_id);
  g_free (score);
}

/**
 * flaw_scorecard_new:
 * @answers: (element-type FlawAnswer): the answers of one run
 *
 * Scores each section of @checklist and the whole of it. Answers to items
 * that are not in @checklist are ignored.
 */
FlawScorecard *
flaw_scorecard_new (FlawChecklist *checklist,
                    GPtrArray     *answers)
{
  FlawScorecard *self;

  g_return_val_if_fail (checklist != NULL, NULL);

  self = g_new0 (FlawScorecard, 1);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) score_free);

  for (guint i = 0; i < checklist->sections->len; i++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (checklist->sections, i);
      FlawScore *score = g_new0 (FlawScore, 1);

      score->section_id = g_strdup (section->id);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          FlawRating rating = find_rating (answers, item->id);

          score_add (score, rating);
          score_add (&self->overall, rating);
        }

      g_ptr_array_add (self->sections, score);
    }

  return self;
}

/**
 * flaw_scorecard_get_section:
 *
 * Returns: (transfer none) (nullable): the score of @section_id
 */
const FlawScore *
flaw_scorecard_get_section (FlawScorecard *self,
                            const char    *section_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const FlawScore *score = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (score->section_id, section_id) == 0)
        return score;
    }

  return NULL;
}

void
flaw_scorecard_free (FlawScorecard *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->sections);
  g_free (self);
}

static FlawChange
classify (gboolean had,
          gboolean has,
          int      order)
{
  if (!had && !has)
    return FLAW_CHANGE_NOT_ASSESSED;
  if (!had)
    return FLAW_CHANGE_NEWLY_ASSESSED;
  if (!has)
    return FLAW_CHANGE_NO_LONGER_ASSESSED;
  if (order > 0)
    return FLAW_CHANGE_IMPROVED;
  if (order < 0)
    return FLAW_CHANGE_WORSE;

  return FLAW_CHANGE_UNCHANGED;
}

/* Compares points/n exactly, by cross-multiplying. */
static void
compare_scores (const FlawScore   *before,
                const FlawScore   *after,
                FlawSectionChange *change)
{
  gint64 lhs = (gint64) after->points * before->n_assessed;
  gint64 rhs = (gint64) before->points * after->n_assessed;

  change->before = flaw_score_get_percent (before);
  change->after = flaw_score_get_percent (after);
  change->change = classify (before->n_assessed > 0, after->n_assessed > 0,
                             lhs > rhs ? 1 : (lhs < rhs ? -1 : 0));
}

static void
item_change_free (FlawItemChange *change)
{
  g_free (change->id);
  g_free (change);
}

static void
section_change_free (FlawSectionChange *change)
{
  g_free (change->id);
  g_free (change);
}

/**
 * flaw_comparison_new:
 * @checklist: the checklist both runs are read against (normally the later run's)
 * @before: (element-type FlawAnswer): answers of the earlier run
 * @after: (element-type FlawAnswer): answers of the later run
 *
 * Compares two runs item by item, section by section and overall.
 */
FlawComparison *
flaw_comparison_new (FlawChecklist *checklist,
                     GPtrArray     *before,
                     GPtrArray     *after)
{
  g_autoptr(FlawScorecard) card_before = NULL;
  g_autoptr(FlawScorecard) card_after = NULL;
  FlawComparison *self;

  g_return_val_if_fail (checklist != NULL, NULL);

  card_before = flaw_scorecard_new (checklist, before);
  card_after = flaw_scorecard_new (checklist, after);

  self = g_new0 (FlawComparison, 1);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_change_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_change_free);

  for (guint i = 0; i < checklist->sections->len; i++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (checklist->sections, i);
      FlawSectionChange *section_change = g_new0 (FlawSectionChange, 1);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          FlawItemChange *change = g_new0 (FlawItemChange, 1);

          change->id = g_strdup (item->id);
          change->before = find_rating (before, item->id);
          change->after = find_rating (after, item->id);
          change->change = classify (change->before != FLAW_RATING_NOT_ASSESSED,
                                     change->after != FLAW_RATING_NOT_ASSESSED,
                                     (int) change->after - (int) change->before);
          g_ptr_array_add (self->items, change);
        }

      section_change->id = g_strdup (section->id);
      compare_scores (g_ptr_array_index (card_before->sections, i),
                      g_ptr_array_index (card_after->sections, i),
                      section_change);
      g_ptr_array_add (self->sections, section_change);
    }

  compare_scores (&card_before->overall, &card_after->overall, &self->overall);

  return self;
}

const FlawItemChange *
flaw_comparison_get_item (FlawComparison *self,
                          const char     *item_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const FlawItemChange *change = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (change->id, item_id) == 0)
        return change;
    }

  return NULL;
}

const FlawSectionChange *
flaw_comparison_get_section (FlawComparison *self,
                             const char     *section_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const FlawSectionChange *change = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (change->id, section_id) == 0)
        return change;
    }

  return NULL;
}

void
flaw_comparison_free (FlawComparison *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

static void
trend_point_free (FlawTrendPoint *point)
{
  g_free (point->date);
  g_free (point->sections);
  g_free (point);
}

FlawTrend *
flaw_trend_new (FlawChecklist *checklist)
{
  FlawTrend *self;

  g_return_val_if_fail (checklist != NULL, NULL);

  self = g_new0 (FlawTrend, 1);
  self->checklist = flaw_checklist_ref (checklist);
  self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) trend_point_free);

  return self;
}

/**
 * flaw_trend_add:
 * @scorecard: the run's scores, made with the run's own checklist
 *
 * Appends a run. Sections are matched by id, so runs of older versions of
 * a checklist still line up.
 */
void
flaw_trend_add (FlawTrend            *self,
                const FlawAssessment *assessment,
                FlawScorecard        *scorecard)
{
  FlawTrendPoint *point;

  g_return_if_fail (self != NULL);
  g_return_if_fail (assessment != NULL);
  g_return_if_fail (scorecard != NULL);

  point = g_new0 (FlawTrendPoint, 1);
  point->assessment_id = assessment->id;
  point->date = g_strdup (assessment->date);
  point->overall = flaw_score_get_percent (&scorecard->overall);
  point->sections = g_new (double, MAX (1, self->checklist->sections->len));

  for (guint i = 0; i < self->checklist->sections->len; i++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (self->checklist->sections, i);
      const FlawScore *score = flaw_scorecard_get_section (scorecard, section->id);

      point->sections[i] = score != NULL ? flaw_score_get_percent (score) : NAN;
    }

  g_ptr_array_add (self->points, point);
}

void
flaw_trend_free (FlawTrend *self)
{
  if (self == NULL)
    return;

  flaw_checklist_unref (self->checklist);
  g_ptr_array_unref (self->points);
  g_free (self);
}
