/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <signal.h>

#include "flaw-assessment-db.h"
#include "flaw-clock.h"
#include "flaw-debt-store.h"
#include "flaw-store.h"
#include "flaw-test-utils.h"

#define NOW 1767225600 /* 2026-01-01 00:00 UTC */

typedef struct
{
  char          *dir;
  char          *path;
  FlawDatabase  *db;
  FlawChecklist *checklist;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (NOW);
  fixture->checklist = flaw_checklist_load_builtin (&error);
  g_assert_no_error (error);

  /* A subprocess works on its parent's files. */
  if (g_test_subprocess ())
    return;

  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->db != NULL)
    g_assert_finalize_object (fixture->db);
  if (fixture->dir != NULL)
    flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_checklist_unref (fixture->checklist);
  flaw_clock_unset_fixed ();
}

static void
add_answer (GPtrArray  *answers,
            const char *item_id,
            FlawRating  rating)
{
  FlawAnswer *answer = flaw_answer_new ();

  answer->item_id = g_strdup (item_id);
  answer->rating = rating;
  answer->note = g_strdup ("");
  answer->links = g_new0 (char *, 1);
  g_ptr_array_add (answers, answer);
}

static GPtrArray *
new_answers (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_answer_free);
}

static void
test_scoring (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) answers = new_answers ();
  g_autoptr(FlawScorecard) card = NULL;
  g_autoptr(FlawScorecard) empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  const FlawScore *vm, *debt, *skills;

  add_answer (answers, "vulnerability-management.process", FLAW_RATING_FULLY);
  add_answer (answers, "vulnerability-management.after-release", FLAW_RATING_LARGELY);
  add_answer (answers, "vulnerability-management.dependency-feed", FLAW_RATING_PARTLY);
  add_answer (answers, "vulnerability-management.outdated-libraries", FLAW_RATING_NOT_IN_PLACE);
  add_answer (answers, "security-debt.register", FLAW_RATING_LARGELY);
  add_answer (answers, "security-skills.investment", FLAW_RATING_NOT_ASSESSED);
  /* An answer to an item the checklist does not have counts nowhere. */
  add_answer (answers, "retired.item", FLAW_RATING_FULLY);

  card = flaw_scorecard_new (fixture->checklist, answers);

  vm = flaw_scorecard_get_section (card, "vulnerability-management");
  g_assert_cmpuint (vm->n_items, ==, 4);
  g_assert_cmpuint (vm->n_assessed, ==, 4);
  g_assert_cmpuint (vm->points, ==, 6);
  g_assert_cmpfloat_with_epsilon (flaw_score_get_percent (vm), 50.0, 1e-9);

  debt = flaw_scorecard_get_section (card, "security-debt");
  g_assert_cmpfloat_with_epsilon (flaw_score_get_percent (debt), 200.0 / 3, 1e-9);
  text = flaw_score_format (debt);
  g_assert_cmpstr (text, ==, "67 %");

  skills = flaw_scorecard_get_section (card, "security-skills");
  g_assert_cmpuint (skills->n_items, ==, 2);
  g_assert_cmpuint (skills->n_assessed, ==, 0);
  g_assert_true (isnan (flaw_score_get_percent (skills)));
  none = flaw_score_format (skills);
  g_assert_cmpstr (none, ==, "No score");

  g_assert_cmpuint (card->overall.n_items, ==, 15);
  g_assert_cmpuint (card->overall.n_assessed, ==, 5);
  g_assert_cmpuint (card->overall.points, ==, 8);
  g_assert_cmpfloat_with_epsilon (flaw_score_get_percent (&card->overall), 800.0 / 15, 1e-9);

  empty = flaw_scorecard_new (fixture->checklist, NULL);
  g_assert_true (isnan (flaw_score_get_percent (&empty->overall)));
  g_assert_null (flaw_scorecard_get_section (empty, "no-such-section"));
}

static void
test_not_assessed_is_not_zero (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) zero = new_answers ();
  g_autoptr(GPtrArray) skipped = new_answers ();
  g_autoptr(FlawScorecard) zero_card = NULL;
  g_autoptr(FlawScorecard) skipped_card = NULL;
  FlawRating rating;

  add_answer (zero, "security-skills.investment", FLAW_RATING_FULLY);
  add_answer (zero, "security-skills.older-code", FLAW_RATING_NOT_IN_PLACE);
  add_answer (skipped, "security-skills.investment", FLAW_RATING_FULLY);
  add_answer (skipped, "security-skills.older-code", FLAW_RATING_NOT_ASSESSED);

  zero_card = flaw_scorecard_new (fixture->checklist, zero);
  skipped_card = flaw_scorecard_new (fixture->checklist, skipped);

  g_assert_cmpfloat (flaw_score_get_percent (flaw_scorecard_get_section (zero_card, "security-skills")), ==, 50.0);
  g_assert_cmpfloat (flaw_score_get_percent (flaw_scorecard_get_section (skipped_card, "security-skills")), ==, 100.0);
  g_assert_cmpuint (zero_card->overall.n_assessed, ==, 2);
  g_assert_cmpuint (skipped_card->overall.n_assessed, ==, 1);

  g_assert_true (flaw_rating_parse ("none", &rating));
  g_assert_cmpint (rating, ==, FLAW_RATING_NOT_ASSESSED);
  g_assert_true (flaw_rating_parse ("0", &rating));
  g_assert_cmpint (rating, ==, FLAW_RATING_NOT_IN_PLACE);
  g_assert_false (flaw_rating_parse ("4", &rating));
  g_assert_false (flaw_rating_parse ("", &rating));
  g_assert_cmpstr (flaw_rating_to_string (FLAW_RATING_NOT_ASSESSED), ==, "none");
  g_assert_cmpstr (flaw_rating_to_label (FLAW_RATING_NOT_IN_PLACE), !=,
                   flaw_rating_to_label (FLAW_RATING_NOT_ASSESSED));
}

static void
test_comparison (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = new_answers ();
  g_autoptr(GPtrArray) after = new_answers ();
  g_autoptr(FlawComparison) comparison = NULL;

  add_answer (before, "vulnerability-management.process", FLAW_RATING_PARTLY);
  add_answer (after, "vulnerability-management.process", FLAW_RATING_FULLY);
  add_answer (before, "vulnerability-management.after-release", FLAW_RATING_LARGELY);
  add_answer (after, "vulnerability-management.after-release", FLAW_RATING_NOT_IN_PLACE);
  add_answer (before, "vulnerability-management.dependency-feed", FLAW_RATING_PARTLY);
  add_answer (after, "vulnerability-management.dependency-feed", FLAW_RATING_PARTLY);
  add_answer (after, "vulnerability-management.outdated-libraries", FLAW_RATING_LARGELY);
  add_answer (before, "security-debt.register", FLAW_RATING_LARGELY);
  add_answer (after, "security-debt.register", FLAW_RATING_NOT_ASSESSED);
  /* Skills: 1/3 then 2/6 — the same score, exactly. */
  add_answer (before, "security-skills.investment", FLAW_RATING_PARTLY);
  add_answer (after, "security-skills.investment", FLAW_RATING_PARTLY);
  add_answer (after, "security-skills.older-code", FLAW_RATING_PARTLY);

  comparison = flaw_comparison_new (fixture->checklist, before, after);

  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.process")->change, ==, FLAW_CHANGE_IMPROVED);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.after-release")->change, ==, FLAW_CHANGE_WORSE);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.dependency-feed")->change, ==, FLAW_CHANGE_UNCHANGED);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.outdated-libraries")->change, ==, FLAW_CHANGE_NEWLY_ASSESSED);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "security-debt.register")->change, ==, FLAW_CHANGE_NO_LONGER_ASSESSED);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "security-testing.regression-tests")->change, ==, FLAW_CHANGE_NOT_ASSESSED);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.process")->before, ==, FLAW_RATING_PARTLY);
  g_assert_cmpint (flaw_comparison_get_item (comparison, "vulnerability-management.process")->after, ==, FLAW_RATING_FULLY);

  /* Sections: 4/9 → 6/12 is better (44 % → 50 %). */
  g_assert_cmpint (flaw_comparison_get_section (comparison, "vulnerability-management")->change, ==, FLAW_CHANGE_IMPROVED);
  g_assert_cmpfloat_with_epsilon (flaw_comparison_get_section (comparison, "vulnerability-management")->before, 400.0 / 9, 1e-9);
  g_assert_cmpfloat_with_epsilon (flaw_comparison_get_section (comparison, "vulnerability-management")->after, 50.0, 1e-9);
  g_assert_cmpint (flaw_comparison_get_section (comparison, "security-debt")->change, ==, FLAW_CHANGE_NO_LONGER_ASSESSED);
  g_assert_cmpint (flaw_comparison_get_section (comparison, "security-skills")->change, ==, FLAW_CHANGE_UNCHANGED);
  g_assert_cmpint (flaw_comparison_get_section (comparison, "security-testing")->change, ==, FLAW_CHANGE_NOT_ASSESSED);

  /* Overall: 7/15 → 8/18 (47 % → 44 %): worse. */
  g_assert_cmpint (comparison->overall.change, ==, FLAW_CHANGE_WORSE);
  g_assert_cmpstr (flaw_change_to_label (FLAW_CHANGE_IMPROVED), ==, "Improved");
  g_assert_cmpstr (flaw_change_to_label (FLAW_CHANGE_WORSE), ==, "Got worse");
}

static FlawAssessment *
start (Fixture    *fixture,
       const char *team,
       const char *date)
{
  g_autoptr(GError) error = NULL;
  FlawAssessment *assessment;

  assessment = flaw_assessment_db_start (fixture->db, team, "Ada Assessor", date, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);

  return assessment;
}

static void
answer (Fixture    *fixture,
        gint64      id,
        const char *item,
        FlawRating  rating)
{
  g_autoptr(GError) error = NULL;

  flaw_assessment_db_answer (fixture->db, id, item, rating, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_start_and_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) a = NULL;
  g_autoptr(FlawAssessment) today = NULL;
  g_autoptr(FlawAssessment) got = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *links[] = { "https://wiki.example.org/patching", "http://intranet.example/sla", NULL };
  const char *bad_links[] = { "javascript:alert(1)", NULL };
  const FlawAnswer *saved;

  a = start (fixture, "  Payments  ", "2025-12-15");
  g_assert_cmpstr (a->team, ==, "Payments");
  g_assert_cmpstr (a->date, ==, "2025-12-15");
  g_assert_cmpstr (a->checklist_id, ==, FLAW_CHECKLIST_BUILTIN_ID);
  g_assert_cmpint (a->checklist_version, ==, 1);
  g_assert_cmpint (a->state, ==, FLAW_ASSESSMENT_IN_PROGRESS);
  g_assert_cmpint (a->created, ==, NOW);

  /* Without a date the assessment is dated today. */
  today = start (fixture, "Web", NULL);
  g_assert_true (g_str_has_prefix (today->date, "2026-01-01") || g_str_has_prefix (today->date, "2025-12-31"));

  g_assert_null (flaw_assessment_db_start (fixture->db, " ", "A", NULL, NULL, 0, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "team"));
  g_clear_error (&error);
  g_assert_null (flaw_assessment_db_start (fixture->db, "T", "A", "2026-02-30", NULL, 0, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);
  g_assert_null (flaw_assessment_db_start (fixture->db, "T", "A", NULL, "unknown-checklist", 0, &error));
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_NOT_FOUND);
  g_clear_error (&error);

  flaw_clock_set_fixed (NOW + 60);
  g_assert_true (flaw_assessment_db_answer (fixture->db, a->id, "vulnerability-management.process",
                                            FLAW_RATING_LARGELY, "Monthly patch day", links, &error));
  g_assert_no_error (error);

  answers = flaw_assessment_db_list_answers (fixture->db, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 1);
  saved = g_ptr_array_index (answers, 0);
  g_assert_cmpint (saved->rating, ==, FLAW_RATING_LARGELY);
  g_assert_cmpstr (saved->note, ==, "Monthly patch day");
  g_assert_cmpstrv (saved->links, links);
  g_assert_cmpint (saved->updated, ==, NOW + 60);

  events = flaw_database_list_events (fixture->db, "answer", saved->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Changing only the rating logs only the rating; not assessed is NULL. */
  g_assert_true (flaw_assessment_db_answer (fixture->db, a->id, "vulnerability-management.process",
                                            FLAW_RATING_NOT_ASSESSED, "Monthly patch day", links, &error));
  events = flaw_database_list_events (fixture->db, "answer", saved->id, &error);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "rating");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->old_value, ==, "2");
  g_assert_null (((FlawEvent *) g_ptr_array_index (events, 0))->new_value);
  g_clear_pointer (&answers, g_ptr_array_unref);
  answers = flaw_assessment_db_list_answers (fixture->db, a->id, &error);
  g_assert_cmpint (((FlawAnswer *) g_ptr_array_index (answers, 0))->rating, ==, FLAW_RATING_NOT_ASSESSED);

  got = flaw_assessment_db_get (fixture->db, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->updated, ==, NOW + 60);
  g_assert_cmpuint (got->n_answered, ==, 1);

  /* Bad answers are refused and change nothing. */
  g_assert_false (flaw_assessment_db_answer (fixture->db, a->id, "no-such-item", FLAW_RATING_FULLY, NULL, NULL, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (flaw_assessment_db_answer (fixture->db, a->id, "security-debt.register", 4, NULL, NULL, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (flaw_assessment_db_answer (fixture->db, a->id, "security-debt.register", 1, NULL, bad_links, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "javascript:alert(1)"));
  g_clear_error (&error);
  g_assert_false (flaw_assessment_db_answer (fixture->db, 999, "security-debt.register", 1, NULL, NULL, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&answers, g_ptr_array_unref);
  answers = flaw_assessment_db_list_answers (fixture->db, a->id, &error);
  g_assert_cmpuint (answers->len, ==, 1);
}

static void
test_complete_freezes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) a = start (fixture, "Payments", "2025-12-15");
  g_autoptr(FlawAssessment) done = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  int rc;

  /* Nothing rated yet: nothing to complete. */
  answer (fixture, a->id, "security-debt.register", FLAW_RATING_NOT_ASSESSED);
  g_assert_false (flaw_assessment_db_complete (fixture->db, a->id, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);

  answer (fixture, a->id, "security-debt.register", FLAW_RATING_PARTLY);
  flaw_clock_set_fixed (NOW + 3600);
  g_assert_true (flaw_assessment_db_complete (fixture->db, a->id, &error));
  g_assert_no_error (error);

  done = flaw_assessment_db_get (fixture->db, a->id, &error);
  g_assert_cmpint (done->state, ==, FLAW_ASSESSMENT_COMPLETED);
  g_assert_cmpint (done->completed, ==, NOW + 3600);
  g_assert_nonnull (done->evidence);
  g_assert_nonnull (strstr (done->evidence, "\"front-door\""));

  g_assert_false (flaw_assessment_db_answer (fixture->db, a->id, "security-debt.register",
                                             FLAW_RATING_FULLY, NULL, NULL, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_COMPLETED);
  g_assert_nonnull (strstr (error->message, "can no longer change"));
  g_clear_error (&error);

  g_assert_false (flaw_assessment_db_answer (fixture->db, a->id, "security-skills.investment",
                                             FLAW_RATING_FULLY, NULL, NULL, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_COMPLETED);
  g_clear_error (&error);

  g_assert_false (flaw_assessment_db_complete (fixture->db, a->id, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_COMPLETED);
  g_clear_error (&error);

  /* The database itself refuses, whoever writes. */
  rc = sqlite3_exec (flaw_database_get_handle (fixture->db),
                     "UPDATE answer SET rating = 3", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  rc = sqlite3_exec (flaw_database_get_handle (fixture->db),
                     "UPDATE assessment SET team = 'Other'", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);

  answers = flaw_assessment_db_list_answers (fixture->db, a->id, &error);
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpint (((FlawAnswer *) g_ptr_array_index (answers, 0))->rating, ==, FLAW_RATING_PARTLY);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) first = start (fixture, "Payments", "2025-01-10");
  g_autoptr(FlawAssessment) second = NULL;
  g_autoptr(FlawAssessment) other = NULL;
  g_autoptr(FlawAssessment) third = NULL;
  g_autoptr(FlawAssessment) previous = NULL;
  g_autoptr(FlawAssessment) unfinished = NULL;
  g_autoptr(FlawTrend) trend = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const FlawTrendPoint *point;

  answer (fixture, first->id, "security-debt.register", FLAW_RATING_NOT_IN_PLACE);
  answer (fixture, first->id, "security-skills.investment", FLAW_RATING_PARTLY);
  g_assert_true (flaw_assessment_db_complete (fixture->db, first->id, &error));

  second = start (fixture, "Payments", "2025-07-10");
  answer (fixture, second->id, "security-debt.register", FLAW_RATING_LARGELY);
  answer (fixture, second->id, "security-skills.investment", FLAW_RATING_PARTLY);
  answer (fixture, second->id, "security-testing.regression-tests", FLAW_RATING_FULLY);
  g_assert_true (flaw_assessment_db_complete (fixture->db, second->id, &error));
  g_clear_pointer (&second, flaw_assessment_free);
  second = flaw_assessment_db_get (fixture->db, 2, &error);

  other = start (fixture, "Web", "2025-08-01");
  answer (fixture, other->id, "security-debt.register", FLAW_RATING_FULLY);
  g_assert_true (flaw_assessment_db_complete (fixture->db, other->id, &error));

  third = start (fixture, "Payments", "2025-12-01");
  answer (fixture, third->id, "security-debt.register", FLAW_RATING_FULLY);

  /* The unfinished run is found again, for its team only. */
  g_assert_true (flaw_assessment_db_find_unfinished (fixture->db, "Payments", &unfinished, &error));
  g_assert_nonnull (unfinished);
  g_assert_cmpint (unfinished->id, ==, third->id);
  g_clear_pointer (&unfinished, flaw_assessment_free);
  g_assert_true (flaw_assessment_db_find_unfinished (fixture->db, "Web", &unfinished, &error));
  g_assert_null (unfinished);

  g_assert_true (flaw_assessment_db_find_previous (fixture->db, third, &previous, &error));
  g_assert_cmpint (previous->id, ==, second->id);
  g_clear_pointer (&previous, flaw_assessment_free);
  g_assert_true (flaw_assessment_db_find_previous (fixture->db, second, &previous, &error));
  g_assert_cmpint (previous->id, ==, first->id);
  g_clear_pointer (&previous, flaw_assessment_free);
  g_assert_true (flaw_assessment_db_find_previous (fixture->db, first, &previous, &error));
  g_assert_null (previous);

  list = flaw_assessment_db_list (fixture->db, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (((FlawAssessment *) g_ptr_array_index (list, 0))->id, ==, third->id);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = flaw_assessment_db_list (fixture->db, "Web", &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* The trend has the completed runs of the team, oldest first. */
  trend = flaw_assessment_db_load_trend (fixture->db, "Payments", fixture->checklist, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->points->len, ==, 2);
  point = g_ptr_array_index (trend->points, 0);
  g_assert_cmpstr (point->date, ==, "2025-01-10");
  g_assert_cmpfloat_with_epsilon (point->overall, 100.0 / 6, 1e-9);
  g_assert_cmpfloat (point->sections[1], ==, 0.0);
  g_assert_true (isnan (point->sections[5]));
  point = g_ptr_array_index (trend->points, 1);
  g_assert_cmpfloat_with_epsilon (point->overall, 600.0 / 9, 1e-9);
  g_assert_cmpfloat (point->sections[5], ==, 100.0);
  g_clear_pointer (&trend, flaw_trend_free);

  trend = flaw_assessment_db_load_trend (fixture->db, "Payments", fixture->checklist, first, &error);
  g_assert_cmpuint (trend->points->len, ==, 1);
}

typedef struct
{
  gint64      id;
  const char *item;
  FlawRating  rating;
} AnswerJob;

static gpointer
start_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return flaw_assessment_db_start (database, "Payments", "Ada", "2026-01-01", NULL, 0, error);
}

static gpointer
answer_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AnswerJob *job = data;

  if (!flaw_assessment_db_answer (database, job->id, job->item, job->rating,
                                  "given before the kill", NULL, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* The child answers and is killed; the parent reopens the file. */
static void
test_resume_after_kill (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const items[] = {
    "vulnerability-management.process", "security-debt.register", "security-skills.investment",
    "root-cause-analysis.post-mortem", "vulnerability-disclosure.policy",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) unfinished = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(FlawStore) store = flaw_store_new (g_getenv ("FLAWDESK_TEST_DB"));
      g_autoptr(FlawAssessment) a = NULL;

      g_assert_true (flaw_store_open (store, NULL, &error));
      a = flaw_store_run (store, start_job, NULL, NULL, &error);
      g_assert_no_error (error);

      /* Each answer is its own job and its own transaction, as in the app. */
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          AnswerJob job = { a->id, items[i], (FlawRating) (i % 4) };

          g_assert_nonnull (flaw_store_run (store, answer_job, &job, NULL, &error));
          g_assert_no_error (error);
        }

      raise (SIGKILL);
      g_assert_not_reached ();
    }

  /* The parent's own handle is closed, so the child is the only writer. */
  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  path = g_strdup (fixture->path);
  g_setenv ("FLAWDESK_TEST_DB", path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_false (g_test_trap_has_passed ());
  g_assert_true (g_test_trap_reached_timeout () == FALSE);

  fixture->db = flaw_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (flaw_assessment_db_find_unfinished (fixture->db, "Payments", &unfinished, &error));
  g_assert_nonnull (unfinished);
  g_assert_cmpint (unfinished->state, ==, FLAW_ASSESSMENT_IN_PROGRESS);

  answers = flaw_assessment_db_list_answers (fixture->db, unfinished->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, G_N_ELEMENTS (items));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const FlawAnswer *a = flaw_answers_find (answers, items[i]);

      g_assert_nonnull (a);
      g_assert_cmpint (a->rating, ==, (FlawRating) (i % 4));
      g_assert_cmpstr (a->note, ==, "given before the kill");
    }

  /* The run goes on where it stopped. */
  answer (fixture, unfinished->id, "security-testing.regression-tests", FLAW_RATING_FULLY);
  g_assert_true (flaw_assessment_db_complete (fixture->db, unfinished->id, &error));
  g_assert_no_error (error);
}

/* A database as it was before the register existed (no migration 0003). */
static FlawDatabase *
open_without_register (const char *path)
{
  static const struct { guint version; const char *name; } files[] = {
    { 1, "0001-event-log.sql" }, { 2, "0002-inbox.sql" }, { 4, "0004-assessment.sql" },
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  FlawMigration migrations[G_N_ELEMENTS (files)];
  FlawDatabase *db;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_BASE "/sql/", files[i].name, NULL);
      GBytes *bytes = g_resources_lookup_data (resource, 0, &error);

      g_assert_no_error (error);
      g_ptr_array_add (texts, bytes);
      migrations[i] = (FlawMigration) { files[i].version, files[i].name, g_bytes_get_data (bytes, NULL) };
    }

  db = flaw_database_open_with_migrations (path, migrations, G_N_ELEMENTS (files), &error);
  g_assert_no_error (error);

  return db;
}

static void
test_debt_not_available (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autoptr(FlawDatabase) db = open_without_register (path);
  g_autoptr(FlawAssessment) a = NULL;

  a = flaw_assessment_db_start (db, "Payments", "Ada", "2025-12-15", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_assessment_db_answer (db, a->id, "security-debt.register", FLAW_RATING_PARTLY,
                                            NULL, NULL, &error));

  /* Without the register, linking and creating say so and fail cleanly. */
  g_assert_false (flaw_assessment_db_link_debt (db, a->id, "security-debt.register", 1, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_AVAILABLE);
  g_assert_nonnull (strstr (error->message, "Not available yet"));
  g_clear_error (&error);

  /* Completing still works: the debt fact is "not available yet". */
  g_assert_true (flaw_assessment_db_complete (db, a->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, flaw_assessment_free);
  a = flaw_assessment_db_get (db, 1, &error);
  g_assert_nonnull (strstr (a->evidence, "Not available yet"));
}

static void
test_debt_draft_and_link (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) a = start (fixture, "Payments", "2025-12-15");
  g_autoptr(FlawDebtDraft) draft = NULL;
  g_autoptr(GArray) linked = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *links[] = { "https://wiki.example.org/patching", NULL };
  gint64 answer_id;

  g_assert_true (flaw_assessment_db_answer (fixture->db, a->id, "vulnerability-management.process",
                                            FLAW_RATING_PARTLY, "Only when someone remembers", links, &error));

  draft = flaw_assessment_db_draft_debt (fixture->db, a->id, "vulnerability-management.process", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->category, ==, "process");
  g_assert_cmpstr (draft->title, ==, "Weak practice: Vulnerability management");
  g_assert_cmpstr (draft->owner, ==, "Ada Assessor");
  g_assert_nonnull (strstr (draft->description, "Partly in place"));
  g_assert_nonnull (strstr (draft->description, "Only when someone remembers"));
  g_assert_nonnull (strstr (draft->description, "https://wiki.example.org/patching"));
  g_assert_nonnull (strstr (draft->description, "Patching has an owner"));
  g_assert_cmpstr (draft->source, ==, "assessment:1:vulnerability-management.process");
  g_assert_cmpint (draft->likelihood, ==, 3);
  g_assert_cmpint (draft->impact, ==, 3);

  g_assert_cmpint (sqlite3_exec (flaw_database_get_handle (fixture->db),
                                 "INSERT INTO debt (id, title, status, likelihood, impact, created, updated) "
                                 "VALUES (7, 'Weak patching', 'proposed', 3, 3, 0, 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (flaw_assessment_db_link_debt (fixture->db, a->id, "vulnerability-management.process", 8, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (flaw_assessment_db_link_debt (fixture->db, a->id, "security-debt.register", 7, &error));
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (flaw_assessment_db_link_debt (fixture->db, a->id, "vulnerability-management.process", 7, &error));
  g_assert_no_error (error);
  /* Linking twice keeps one link. */
  g_assert_true (flaw_assessment_db_link_debt (fixture->db, a->id, "vulnerability-management.process", 7, &error));

  linked = flaw_assessment_db_list_linked_debt (fixture->db, a->id, "vulnerability-management.process", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (g_array_index (linked, gint64, 0), ==, 7);

  answers = flaw_assessment_db_list_answers (fixture->db, a->id, &error);
  answer_id = ((FlawAnswer *) g_ptr_array_index (answers, 0))->id;
  events = flaw_database_list_events (fixture->db, "answer", answer_id, &error);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "debt");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->new_value, ==, "7");

  /* Completed runs can still be linked: the answer does not change. */
  g_assert_true (flaw_assessment_db_complete (fixture->db, a->id, &error));
  g_assert_true (flaw_assessment_db_link_debt (fixture->db, a->id, "vulnerability-management.process", 7, &error));
  g_assert_no_error (error);
}

static gpointer
load_debt_job (FlawDatabase  *database,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return flaw_debt_db_load (database, GPOINTER_TO_INT (data), error);
}

static void
test_create_debt (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) a = start (fixture, "Payments", "2025-12-15");
  g_autoptr(FlawDebtItem) debt = NULL;
  g_autoptr(GArray) linked = NULL;
  const char *links[] = { "https://wiki.example.org/patching", NULL };
  gint64 debt_id;

  g_assert_true (flaw_assessment_db_answer (fixture->db, a->id, "vulnerability-management.process",
                                            FLAW_RATING_NOT_IN_PLACE, "No routine", links, &error));

  debt_id = flaw_assessment_db_create_debt (fixture->db, a->id, "vulnerability-management.process", &error);
  g_assert_no_error (error);
  g_assert_cmpint (debt_id, >, 0);

  debt = load_debt_job (fixture->db, GINT_TO_POINTER ((int) debt_id), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flaw_debt_item_get_title (debt), ==, "Weak practice: Vulnerability management");
  g_assert_cmpstr (flaw_debt_item_get_category (debt), ==, "process");
  g_assert_cmpstr (flaw_debt_item_get_owner (debt), ==, "Ada Assessor");
  g_assert_nonnull (strstr (flaw_debt_item_get_description (debt), "No routine"));
  g_assert_cmpint (flaw_debt_item_get_likelihood (debt), ==, 4);
  g_assert_cmpint (flaw_debt_item_get_impact (debt), ==, 3);

  linked = flaw_assessment_db_list_linked_debt (fixture->db, a->id, "vulnerability-management.process", &error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (g_array_index (linked, gint64, 0), ==, debt_id);

  /* An item not answered yet makes no debt item. */
  g_assert_cmpint (flaw_assessment_db_create_debt (fixture->db, a->id, "security-skills.investment", &error), ==, 0);
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/assessment/scoring", test_scoring);
  ADD ("/flawdesk/assessment/not-assessed-is-not-zero", test_not_assessed_is_not_zero);
  ADD ("/flawdesk/assessment/comparison", test_comparison);
  ADD ("/flawdesk/assessment/start-and-answer", test_start_and_answer);
  ADD ("/flawdesk/assessment/complete-freezes", test_complete_freezes);
  ADD ("/flawdesk/assessment/history", test_history);
  ADD ("/flawdesk/assessment/resume-after-kill", test_resume_after_kill);
  ADD ("/flawdesk/assessment/debt-draft-and-link", test_debt_draft_and_link);
  ADD ("/flawdesk/assessment/debt-not-available", test_debt_not_available);
  ADD ("/flawdesk/assessment/create-debt", test_create_debt);

#undef ADD

  return g_test_run ();
}
