/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-db"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "flaw-assessment-db.h"
#include "flaw-clock.h"
#include "flaw-evidence.h"

/* Assessments, their answers and imported checklists. Each function runs
 * on the store's thread; every write is one transaction that also appends
 * to the event log, so an answer is on disk as soon as it is given.
 */

#define MAX_NOTE_LENGTH  20000
#define MAX_LINK_LENGTH  2048
#define MAX_LINKS        50
#define MAX_NAME_LENGTH  200

#define ASSESSMENT_COLUMNS \
  "a.id, a.team, a.assessor, a.date, a.checklist_id, a.checklist_version, a.state, " \
  "a.evidence, a.created, a.completed, a.updated, " \
  "(SELECT count(*) FROM answer WHERE assessment_id = a.id) "

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static FlawAssessment *
read_assessment (sqlite3_stmt *stmt)
{
  FlawAssessment *assessment = flaw_assessment_new ();

  assessment->id = sqlite3_column_int64 (stmt, 0);
  assessment->team = column_text (stmt, 1);
  assessment->assessor = column_text (stmt, 2);
  assessment->date = column_text (stmt, 3);
  assessment->checklist_id = column_text (stmt, 4);
  assessment->checklist_version = sqlite3_column_int64 (stmt, 5);
  assessment->state = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "completed") == 0
                      ? FLAW_ASSESSMENT_COMPLETED : FLAW_ASSESSMENT_IN_PROGRESS;
  assessment->evidence = column_text (stmt, 7);
  assessment->created = sqlite3_column_int64 (stmt, 8);
  assessment->completed = sqlite3_column_int64 (stmt, 9);
  assessment->updated = sqlite3_column_int64 (stmt, 10);
  assessment->n_answered = sqlite3_column_int (stmt, 11);

  return assessment;
}

/* Runs @stmt and collects its rows as assessments. */
static GPtrArray *
collect_assessments (FlawDatabase  *database,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_assessment_free);
  int rc;

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, read_assessment (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&list);
}

static char *
links_to_json (const char * const *links)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    json_builder_add_string_value (builder, links[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
links_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *link = json_array_get_string_element (array, i);

          if (link != NULL)
            g_strv_builder_add (builder, link);
        }
    }

  return g_strv_builder_end (builder);
}

static gboolean
is_valid_date (const char *date)
{
  unsigned int y, m, d;
  char tail;

  if (date == NULL || strlen (date) != 10 ||
      sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      date[4] != '-' || date[7] != '-')
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

static char *
clean_name (const char  *value,
            const char  *what,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   /* Translators: %s is "team" or "assessor" */
                   _("Enter the %s of the assessment."), what);
      return NULL;
    }

  if (g_utf8_strlen (stripped, -1) > MAX_NAME_LENGTH)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("The %s is longer than %d characters; shorten it."), what, MAX_NAME_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

/**
 * flaw_assessment_db_start:
 * @date: (nullable): the day of the assessment as YYYY-MM-DD, or %NULL for today
 * @checklist_id: (nullable): the checklist, or %NULL for the built-in one
 * @checklist_version: its version, or 0 for the latest
 *
 * Starts a new assessment.
 *
 * Returns: (transfer full): the new assessment, or %NULL with @error set
 */
FlawAssessment *
flaw_assessment_db_start (FlawDatabase  *database,
                          const char    *team,
                          const char    *assessor,
                          const char    *date,
                          const char    *checklist_id,
                          gint64         checklist_version,
                          GError       **error)
{
  g_autoptr(FlawChecklist) checklist = NULL;
  g_autofree char *clean_team = NULL;
  g_autofree char *clean_assessor = NULL;
  g_autofree char *day = NULL;
  sqlite3_stmt *stmt;
  gint64 now = flaw_clock_now ();
  gint64 id;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  if (!(clean_team = clean_name (team, _("team"), error)) ||
      !(clean_assessor = clean_name (assessor, _("assessor"), error)))
    return NULL;

  if (date == NULL || *date == '\0')
    {
      g_autoptr(GDateTime) local = flaw_clock_now_local ();

      day = g_date_time_format (local, "%Y-%m-%d");
    }
  else if (!is_valid_date (date))
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("“%s” is not a date. Write the date of the assessment as YYYY-MM-DD."),
                   date);
      return NULL;
    }
  else
    day = g_strdup (date);

  checklist = flaw_assessment_db_load_checklist (database,
                                                 checklist_id ? checklist_id : FLAW_CHECKLIST_BUILTIN_ID,
                                                 checklist_version, error);
  if (checklist == NULL)
    return NULL;

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO assessment (team, assessor, date, checklist_id, "
                                "checklist_version, state, created, updated) "
                                "VALUES (?, ?, ?, ?, ?, 'in-progress', ?, ?)",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, clean_team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean_assessor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, checklist->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, checklist->version);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (flaw_database_get_handle (database));

  {
    g_autofree char *label = g_strdup_printf ("%s@%" PRId64, checklist->id, checklist->version);

    if (!flaw_database_append_event (database, "assessment", id, "team", NULL, clean_team, error) ||
        !flaw_database_append_event (database, "assessment", id, "assessor", NULL, clean_assessor, error) ||
        !flaw_database_append_event (database, "assessment", id, "date", NULL, day, error) ||
        !flaw_database_append_event (database, "assessment", id, "checklist", NULL, label, error) ||
        !flaw_database_append_event (database, "assessment", id, "state", NULL, "in-progress", error))
      goto fail;
  }

  if (!flaw_database_commit (database, error))
    return NULL;

  return flaw_assessment_db_get (database, id, error);

fail:
  flaw_database_rollback (database);
  return NULL;
}

/**
 * flaw_assessment_db_get:
 *
 * Returns: (transfer full): the assessment, or %NULL with @error set
 */
FlawAssessment *
flaw_assessment_db_get (FlawDatabase  *database,
                        gint64         id,
                        GError       **error)
{
  FlawAssessment *assessment = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT " ASSESSMENT_COLUMNS "FROM assessment AS a WHERE a.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    assessment = read_assessment (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND,
                 _("There is no assessment %" PRId64 ". "
                   "List the assessments to find its number."), id);

  return assessment;
}

/**
 * flaw_assessment_db_find_unfinished:
 * @team: (nullable): only this team's, or any team's
 * @assessment: (out) (transfer full) (nullable): the latest assessment still
 *   in progress, or %NULL if there is none
 *
 * Returns: %FALSE with @error set if the database failed
 */
gboolean
flaw_assessment_db_find_unfinished (FlawDatabase    *database,
                                    const char      *team,
                                    FlawAssessment **assessment,
                                    GError         **error)
{
  GPtrArray *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);

  *assessment = NULL;

  stmt = flaw_database_prepare (database,
                                "SELECT " ASSESSMENT_COLUMNS "FROM assessment AS a "
                                "WHERE a.state = 'in-progress' AND (?1 IS NULL OR a.team = ?1) "
                                "ORDER BY a.updated DESC, a.id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);

  if (!(list = collect_assessments (database, stmt, error)))
    return FALSE;

  if (list->len > 0)
    *assessment = g_ptr_array_steal_index (list, 0);
  g_ptr_array_unref (list);

  return TRUE;
}

/**
 * flaw_assessment_db_list:
 * @team: (nullable): only this team's, or all
 *
 * Returns: (transfer container) (element-type FlawAssessment): the
 *   assessments, newest first
 */
GPtrArray *
flaw_assessment_db_list (FlawDatabase  *database,
                         const char    *team,
                         GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT " ASSESSMENT_COLUMNS "FROM assessment AS a "
                                "WHERE ?1 IS NULL OR a.team = ?1 "
                                "ORDER BY a.date DESC, a.created DESC, a.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);

  return collect_assessments (database, stmt, error);
}

/**
 * flaw_assessment_db_list_answers:
 *
 * Returns: (transfer container) (element-type FlawAnswer): the answers given
 */
GPtrArray *
flaw_assessment_db_list_answers (FlawDatabase  *database,
                                 gint64         id,
                                 GError       **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_answer_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT id, item_id, rating, note, links, updated FROM answer "
                                "WHERE assessment_id = ? ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawAnswer *answer = flaw_answer_new ();

      answer->id = sqlite3_column_int64 (stmt, 0);
      answer->item_id = column_text (stmt, 1);
      answer->rating = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                       ? FLAW_RATING_NOT_ASSESSED : sqlite3_column_int (stmt, 2);
      answer->note = column_text (stmt, 3);
      answer->links = links_from_json ((const char *) sqlite3_column_text (stmt, 4));
      answer->updated = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (answers, answer);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&answers);
}

static gboolean
check_links (const char * const  *links,
             GError             **error)
{
  guint n = links != NULL ? g_strv_length ((char **) links) : 0;

  if (n > MAX_LINKS)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("An answer can carry at most %d links; this one has %u."), MAX_LINKS, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GUri) uri = NULL;
      const char *scheme;

      if (strlen (links[i]) <= MAX_LINK_LENGTH)
        uri = g_uri_parse (links[i], G_URI_FLAGS_NONE, NULL);

      scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
      if (uri == NULL ||
          !(g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) ||
          g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                       _("The link “%s” is not a web address. Give evidence links as "
                         "https:// addresses of at most %d characters."),
                       links[i], MAX_LINK_LENGTH);
          return FALSE;
        }
    }

  return TRUE;
}

/* Loads the assessment and refuses changes to a completed one. */
static FlawAssessment *
get_open_assessment (FlawDatabase  *database,
                     gint64         id,
                     GError       **error)
{
  g_autoptr(FlawAssessment) assessment = flaw_assessment_db_get (database, id, error);

  if (assessment == NULL)
    return NULL;

  if (assessment->state == FLAW_ASSESSMENT_COMPLETED)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_COMPLETED,
                   _("Assessment %" PRId64 " of %s was completed on %s and can no longer "
                     "change. Start a new assessment to record changes."),
                   assessment->id, assessment->team, assessment->date);
      return NULL;
    }

  return g_steal_pointer (&assessment);
}

static char *
rating_value (FlawRating rating)
{
  return rating == FLAW_RATING_NOT_ASSESSED ? NULL : g_strdup (flaw_rating_to_string (rating));
}

/**
 * flaw_assessment_db_answer:
 * @rating: the rating, or %FLAW_RATING_NOT_ASSESSED
 * @note: (nullable): the note
 * @links: (nullable) (array zero-terminated=1): evidence links (https:// addresses)
 *
 * Saves one answer in its own transaction, replacing an earlier answer to
 * the same item, and logs what changed.
 */
gboolean
flaw_assessment_db_answer (FlawDatabase        *database,
                           gint64               id,
                           const char          *item_id,
                           FlawRating           rating,
                           const char          *note,
                           const char * const  *links,
                           GError             **error)
{
  g_autoptr(FlawAssessment) assessment = NULL;
  g_autoptr(FlawChecklist) checklist = NULL;
  g_autofree char *links_json = NULL;
  g_autofree char *old_rating = NULL;
  g_autofree char *new_rating = NULL;
  g_autofree char *old_note = NULL;
  g_autofree char *old_links = NULL;
  gboolean existed = FALSE;
  gint64 answer_id = 0;
  gint64 now = flaw_clock_now ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (rating < FLAW_RATING_NOT_ASSESSED || rating > FLAW_RATING_FULLY)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("A rating is 0 (not in place) to 3 (fully in place), or not assessed."));
      return FALSE;
    }

  if (note == NULL)
    note = "";

  if (g_utf8_strlen (note, -1) > MAX_NOTE_LENGTH)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("The note is longer than %d characters; shorten it or link to a document."),
                   MAX_NOTE_LENGTH);
      return FALSE;
    }

  if (!check_links (links, error))
    return FALSE;

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!(assessment = get_open_assessment (database, id, error)))
    goto fail;

  checklist = flaw_assessment_db_load_checklist (database, assessment->checklist_id,
                                                 assessment->checklist_version, error);
  if (checklist == NULL)
    goto fail;

  if (flaw_checklist_find_item (checklist, item_id, NULL) == NULL)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("The checklist “%s” has no item “%s”. Show the assessment to see its items."),
                   checklist->title, item_id);
      goto fail;
    }

  stmt = flaw_database_prepare (database,
                                "SELECT id, rating, note, links FROM answer "
                                "WHERE assessment_id = ? AND item_id = ?",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      existed = TRUE;
      answer_id = sqlite3_column_int64 (stmt, 0);
      old_rating = column_text (stmt, 1);
      old_note = column_text (stmt, 2);
      old_links = column_text (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;

  links_json = links_to_json (links);
  new_rating = rating_value (rating);

  stmt = flaw_database_prepare (database,
                                "INSERT INTO answer (assessment_id, item_id, rating, note, links, updated) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                "ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
                                "rating = excluded.rating, note = excluded.note, "
                                "links = excluded.links, updated = excluded.updated",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  if (rating == FLAW_RATING_NOT_ASSESSED)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_int (stmt, 3, rating);
  sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, links_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);

  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  if (!existed)
    answer_id = sqlite3_last_insert_rowid (flaw_database_get_handle (database));

  if ((!existed && !flaw_database_append_event (database, "answer", answer_id, "item", NULL, item_id, error)) ||
      ((!existed || g_strcmp0 (old_rating, new_rating) != 0) &&
       !flaw_database_append_event (database, "answer", answer_id, "rating", old_rating, new_rating, error)) ||
      ((existed ? g_strcmp0 (old_note, note) != 0 : *note != '\0') &&
       !flaw_database_append_event (database, "answer", answer_id, "note", old_note, note, error)) ||
      ((existed ? g_strcmp0 (old_links, links_json) != 0 : !g_str_equal (links_json, "[]")) &&
       !flaw_database_append_event (database, "answer", answer_id, "links", old_links, links_json, error)))
    goto fail;

  stmt = flaw_database_prepare (database, "UPDATE assessment SET updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  return flaw_database_commit (database, error);

fail:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_assessment_db_complete:
 *
 * Completes an assessment: it is frozen from now on, and the evidence facts
 * are kept as they stand. At least one item must have a rating.
 */
gboolean
flaw_assessment_db_complete (FlawDatabase  *database,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(FlawAssessment) assessment = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autofree char *evidence = NULL;
  gint64 now = flaw_clock_now ();
  sqlite3_stmt *stmt;
  int rc;
  int n_rated = 0;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!(assessment = get_open_assessment (database, id, error)))
    goto fail;

  stmt = flaw_database_prepare (database,
                                "SELECT count(*) FROM answer WHERE assessment_id = ? AND rating IS NOT NULL",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    n_rated = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;

  if (n_rated == 0)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_INVALID,
                   _("Assessment %" PRId64 " has no rated item yet. Rate at least one "
                     "item before completing it."), id);
      goto fail;
    }

  if (!(facts = flaw_evidence_query_all (database, error)))
    goto fail;
  evidence = flaw_evidence_to_json (facts);

  stmt = flaw_database_prepare (database,
                                "UPDATE assessment SET state = 'completed', completed = ?1, "
                                "evidence = ?2, updated = ?1 WHERE id = ?3",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, evidence, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  if (!flaw_database_execute (database, stmt, error) ||
      !flaw_database_append_event (database, "assessment", id, "state", "in-progress", "completed", error))
    goto fail;

  return flaw_database_commit (database, error);

fail:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_assessment_db_find_previous:
 * @previous: (out) (transfer full) (nullable): the completed run of the same
 *   team and checklist just before @assessment, or %NULL
 *
 * Returns: %FALSE with @error set if the database failed
 */
gboolean
flaw_assessment_db_find_previous (FlawDatabase          *database,
                                  const FlawAssessment  *assessment,
                                  FlawAssessment       **previous,
                                  GError               **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (previous != NULL, FALSE);

  *previous = NULL;

  /* Runs are ordered by date, then by when they were completed, then by id;
   * an unfinished run comes after every completed one of its day. */
  stmt = flaw_database_prepare (database,
                                "SELECT " ASSESSMENT_COLUMNS "FROM assessment AS a "
                                "WHERE a.team = ?1 AND a.checklist_id = ?2 AND a.state = 'completed' "
                                "AND a.id != ?5 "
                                "AND (a.date, a.completed, a.id) < (?3, ?4, ?5) "
                                "ORDER BY a.date DESC, a.completed DESC, a.id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, assessment->team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, assessment->checklist_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, assessment->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, assessment->state == FLAW_ASSESSMENT_COMPLETED
                                ? assessment->completed : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 5, assessment->id);

  if (!(list = collect_assessments (database, stmt, error)))
    return FALSE;

  if (list->len > 0)
    *previous = g_ptr_array_steal_index (list, 0);

  return TRUE;
}

/**
 * flaw_assessment_db_load_trend:
 * @team: the team
 * @checklist: the checklist whose sections make the series
 * @until: (nullable): the last run to include, or %NULL for all
 *
 * Returns: (transfer full): the completed runs of @team with
 *   @checklist's id, oldest first, each scored with its own checklist version
 */
FlawTrend *
flaw_assessment_db_load_trend (FlawDatabase          *database,
                               const char            *team,
                               FlawChecklist         *checklist,
                               const FlawAssessment  *until,
                               GError               **error)
{
  g_autoptr(FlawTrend) trend = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) checklists = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (team != NULL, NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT " ASSESSMENT_COLUMNS "FROM assessment AS a "
                                "WHERE a.team = ?1 AND a.checklist_id = ?2 AND a.state = 'completed' "
                                "AND (?3 IS NULL OR (a.date, a.completed, a.id) <= (?3, ?4, ?5)) "
                                "ORDER BY a.date, a.completed, a.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, checklist->id, -1, SQLITE_TRANSIENT);
  if (until != NULL)
    {
      sqlite3_bind_text (stmt, 3, until->date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, until->state == FLAW_ASSESSMENT_COMPLETED
                                    ? until->completed : G_MAXINT64);
      sqlite3_bind_int64 (stmt, 5, until->id);
    }

  if (!(runs = collect_assessments (database, stmt, error)))
    return NULL;

  trend = flaw_trend_new (checklist);
  checklists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) flaw_checklist_unref);

  for (guint i = 0; i < runs->len; i++)
    {
      const FlawAssessment *run = g_ptr_array_index (runs, i);
      g_autoptr(GPtrArray) answers = NULL;
      g_autoptr(FlawScorecard) card = NULL;
      FlawChecklist *own;

      own = g_hash_table_lookup (checklists, &run->checklist_version);
      if (own == NULL)
        {
          own = flaw_assessment_db_load_checklist (database, run->checklist_id,
                                                   run->checklist_version, error);
          if (own == NULL)
            return NULL;
          g_hash_table_insert (checklists, g_memdup2 (&run->checklist_version, sizeof (gint64)), own);
        }

      if (!(answers = flaw_assessment_db_list_answers (database, run->id, error)))
        return NULL;

      card = flaw_scorecard_new (own, answers);
      flaw_trend_add (trend, run, card);
    }

  return g_steal_pointer (&trend);
}
