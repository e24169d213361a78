/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "flaw-checklist.h"

G_BEGIN_DECLS

#define FLAW_ASSESSMENT_ERROR (flaw_assessment_error_quark ())

typedef enum
{
  FLAW_ASSESSMENT_ERROR_NOT_FOUND,
  FLAW_ASSESSMENT_ERROR_COMPLETED,
  FLAW_ASSESSMENT_ERROR_NOT_COMPLETED,
  FLAW_ASSESSMENT_ERROR_INVALID,
  FLAW_ASSESSMENT_ERROR_NOT_AVAILABLE,
} FlawAssessmentError;

/* A rating; NOT_ASSESSED is kept apart from NOT_IN_PLACE and is in no score. */
typedef enum
{
  FLAW_RATING_NOT_ASSESSED = -1,
  FLAW_RATING_NOT_IN_PLACE = 0,
  FLAW_RATING_PARTLY       = 1,
  FLAW_RATING_LARGELY      = 2,
  FLAW_RATING_FULLY        = 3,
} FlawRating;

typedef enum
{
  FLAW_ASSESSMENT_IN_PROGRESS,
  FLAW_ASSESSMENT_COMPLETED,
} FlawAssessmentState;

typedef struct
{
  gint64               id;
  char                *team;
  char                *assessor;
  char                *date;
  char                *checklist_id;
  gint64               checklist_version;
  FlawAssessmentState  state;
  char                *evidence;
  gint64               created;
  gint64               completed;
  gint64               updated;
  guint                n_answered;
} FlawAssessment;

typedef struct
{
  gint64      id;
  char       *item_id;
  FlawRating  rating;
  char       *note;
  GStrv       links;
  gint64      updated;
} FlawAnswer;

/* A score: points are the sum of ratings (0–3 each) over the assessed items. */
typedef struct
{
  char   *section_id;
  guint   n_items;
  guint   n_assessed;
  guint   points;
} FlawScore;

typedef struct
{
  FlawScore  overall;
  GPtrArray *sections;
} FlawScorecard;

typedef enum
{
  FLAW_CHANGE_NOT_ASSESSED,
  FLAW_CHANGE_UNCHANGED,
  FLAW_CHANGE_IMPROVED,
  FLAW_CHANGE_WORSE,
  FLAW_CHANGE_NEWLY_ASSESSED,
  FLAW_CHANGE_NO_LONGER_ASSESSED,
} FlawChange;

typedef struct
{
  char       *id;
  FlawChange  change;
  FlawRating  before;
  FlawRating  after;
} FlawItemChange;

typedef struct
{
  char       *id;
  FlawChange  change;
  double      before;
  double      after;
} FlawSectionChange;

typedef struct
{
  GPtrArray         *items;
  GPtrArray         *sections;
  FlawSectionChange  overall;
} FlawComparison;

typedef struct
{
  gint64  assessment_id;
  char   *date;
  double  overall;
  double *sections;
} FlawTrendPoint;

/* Completed runs of one team, oldest first, with a score per section of
 * @checklist (NAN where a run has none). */
typedef struct
{
  FlawChecklist *checklist;
  GPtrArray     *points;
} FlawTrend;

GQuark          flaw_assessment_error_quark      (void);

const char     *flaw_rating_to_label             (FlawRating           rating);
const char     *flaw_rating_to_string            (FlawRating           rating);
gboolean        flaw_rating_parse                (const char          *text,
                                                  FlawRating          *rating);
const char     *flaw_assessment_state_to_string  (FlawAssessmentState  state);
const char     *flaw_change_to_label             (FlawChange           change);

FlawAssessment *flaw_assessment_new              (void);
void            flaw_assessment_free             (FlawAssessment      *self);
FlawAnswer     *flaw_answer_new                  (void);
void            flaw_answer_free                 (FlawAnswer          *answer);
const FlawAnswer *flaw_answers_find              (GPtrArray           *answers,
                                                  const char          *item_id);

double          flaw_score_get_percent           (const FlawScore     *score);
char           *flaw_score_format                (const FlawScore     *score);

FlawScorecard  *flaw_scorecard_new               (FlawChecklist       *checklist,
                                                  GPtrArray           *answers);
const FlawScore *flaw_scorecard_get_section      (FlawScorecard       *self,
                                                  const char          *section_id);
void            flaw_scorecard_free              (FlawScorecard       *self);

FlawComparison *flaw_comparison_new              (FlawChecklist       *checklist,
                                                  GPtrArray           *before,
                                                  GPtrArray           *after);
const FlawItemChange *flaw_comparison_get_item   (FlawComparison      *self,
                                                  const char          *item_id);
const FlawSectionChange *flaw_comparison_get_section (FlawComparison  *self,
                                                  const char          *section_id);
void            flaw_comparison_free             (FlawComparison      *self);

FlawTrend      *flaw_trend_new                   (FlawChecklist       *checklist);
void            flaw_trend_add                   (FlawTrend           *self,
                                                  const FlawAssessment *assessment,
                                                  FlawScorecard       *scorecard);
void            flaw_trend_free                  (FlawTrend           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawAssessment, flaw_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawAnswer, flaw_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawScorecard, flaw_scorecard_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawComparison, flaw_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawTrend, flaw_trend_free)

G_END_DECLS
