/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-assessment-db.h"
#include "flaw-clock.h"
#include "flaw-debt-store.h"

/* Turning a weak answer into a debt item: the draft, and the link once the
 * register has made the item. */

void
flaw_debt_draft_free (FlawDebtDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->title);
  g_free (draft->description);
  g_free (draft->category);
  g_free (draft->owner);
  g_free (draft->source);
  g_free (draft);
}

static gint64
find_answer_id (FlawDatabase  *database,
                gint64         id,
                const char    *item_id,
                GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 answer_id = 0;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT id FROM answer WHERE assessment_id = ? AND item_id = ?",
                                error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    answer_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc < 0)
    return -1;

  if (answer_id == 0)
    g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND,
                 _("Item “%s” of assessment %" PRId64 " has no answer yet. "
                   "Answer it first."), item_id, id);

  return answer_id > 0 ? answer_id : -1;
}

/**
 * flaw_assessment_db_draft_debt:
 *
 * Prepares the fields of a debt item for the answer to @item_id, so that a
 * weak practice can be tracked in the register.
 *
 * Returns: (transfer full): the draft, or %NULL with @error set
 */
FlawDebtDraft *
flaw_assessment_db_draft_debt (FlawDatabase  *database,
                               gint64         id,
                               const char    *item_id,
                               GError       **error)
{
  g_autoptr(FlawAssessment) assessment = NULL;
  g_autoptr(FlawChecklist) checklist = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GString) description = NULL;
  const FlawChecklistSection *section = NULL;
  const FlawChecklistItem *item;
  const FlawAnswer *answer;
  FlawDebtDraft *draft;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  if (!(assessment = flaw_assessment_db_get (database, id, error)))
    return NULL;

  checklist = flaw_assessment_db_load_checklist (database, assessment->checklist_id,
                                                 assessment->checklist_version, error);
  if (checklist == NULL)
    return NULL;

  if (!(item = flaw_checklist_find_item (checklist, item_id, &section)))
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND,
                   _("The checklist “%s” has no item “%s”."), checklist->title, item_id);
      return NULL;
    }

  if (!(answers = flaw_assessment_db_list_answers (database, id, error)))
    return NULL;

  answer = flaw_answers_find (answers, item_id);

  description = g_string_new (NULL);
  g_string_append_printf (description, _("Self-assessment of %s on %s by %s (assessment %" PRId64 "), "
                                         "practice “%s”."),
                          assessment->team, assessment->date, assessment->assessor,
                          assessment->id, section->title);
  g_string_append_printf (description, "\n\n%s\n%s: %s",
                          item->question, _("Rating"),
                          flaw_rating_to_label (answer ? answer->rating : FLAW_RATING_NOT_ASSESSED));
  if (answer != NULL && answer->note != NULL && *answer->note != '\0')
    g_string_append_printf (description, "\n%s: %s", _("Note"), answer->note);
  for (guint i = 0; answer != NULL && answer->links[i] != NULL; i++)
    g_string_append_printf (description, "\n%s: %s", _("Evidence"), answer->links[i]);
  g_string_append_printf (description, "\n\n%s %s", _("Where to get to:"), item->good);

  draft = g_new0 (FlawDebtDraft, 1);
  /* Translators: the title of a debt item made from a weak self-assessment answer */
  draft->title = g_strdup_printf (_("Weak practice: %s"), section->title);
  draft->description = g_string_free (g_steal_pointer (&description), FALSE);
  draft->category = g_strdup ("process");
  draft->owner = g_strdup (assessment->assessor);
  draft->source = g_strdup_printf ("assessment:%" PRId64 ":%s", assessment->id, item->id);
  /* A first guess for the register (1–5 each): a practice not in place at
   * all makes a flaw likelier than one partly in place. */
  draft->likelihood = answer != NULL && answer->rating == FLAW_RATING_NOT_IN_PLACE ? 4 : 3;
  draft->impact = 3;

  return draft;
}

/**
 * flaw_assessment_db_link_debt:
 * @debt_id: the id of a debt item that exists in the register
 *
 * Links the answer to @item_id with the debt item made for it. This is
 * allowed on completed assessments too: it does not change the answer.
 */
gboolean
flaw_assessment_db_link_debt (FlawDatabase  *database,
                              gint64         id,
                              const char    *item_id,
                              gint64         debt_id,
                              GError       **error)
{
  g_autofree char *debt_label = NULL;
  gboolean has_debt = FALSE;
  gint64 answer_id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  stmt = flaw_database_prepare (database,
                                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'debt'",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    has_debt = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  if (!has_debt)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_AVAILABLE,
                   _("Not available yet: this database has no security debt register."));
      return FALSE;
    }

  if (!flaw_database_begin (database, error))
    return FALSE;

  if ((answer_id = find_answer_id (database, id, item_id, error)) < 0)
    goto fail;

  stmt = flaw_database_prepare (database, "SELECT count(*) FROM debt WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, debt_id);
  rc = flaw_database_step (database, stmt, error);
  has_debt = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;

  if (!has_debt)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND,
                   _("There is no debt item %" PRId64 ". Create the item in the "
                     "register first."), debt_id);
      goto fail;
    }

  stmt = flaw_database_prepare (database,
                                "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) "
                                "VALUES ('answer', ?, 'debt', ?, ?) ON CONFLICT DO NOTHING",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, answer_id);
  sqlite3_bind_int64 (stmt, 2, debt_id);
  sqlite3_bind_int64 (stmt, 3, flaw_clock_now ());
  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  if (sqlite3_changes (flaw_database_get_handle (database)) == 0)
    {
      flaw_database_rollback (database);
      return TRUE;
    }

  debt_label = g_strdup_printf ("%" PRId64, debt_id);
  if (!flaw_database_append_event (database, "answer", answer_id, "debt", NULL, debt_label, error))
    goto fail;

  return flaw_database_commit (database, error);

fail:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_assessment_db_create_debt:
 *
 * Makes a debt item in the register from the draft for the answer to
 * @item_id (category "process", the answer's links) and links the two.
 * The register writes the item in its own transaction; should the link
 * then fail, the error names the item so that nothing is lost silently.
 *
 * Returns: the new debt item's id, or 0 with @error set
 */
gint64
flaw_assessment_db_create_debt (FlawDatabase  *database,
                                gint64         id,
                                const char    *item_id,
                                GError       **error)
{
  g_autoptr(FlawDebtDraft) draft = NULL;
  g_autoptr(FlawDebtItem) debt = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) local_error = NULL;
  const FlawAnswer *answer;
  gint64 debt_id;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), 0);
  g_return_val_if_fail (item_id != NULL, 0);

  if (!(draft = flaw_assessment_db_draft_debt (database, id, item_id, error)) ||
      !(answers = flaw_assessment_db_list_answers (database, id, error)))
    return 0;

  if ((answer = flaw_answers_find (answers, item_id)) == NULL)
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND,
                   _("Item “%s” of assessment %" PRId64 " has no answer yet. Answer it first."),
                   item_id, id);
      return 0;
    }

  debt = flaw_debt_item_new ();
  flaw_debt_item_set_title (debt, draft->title);
  flaw_debt_item_set_description (debt, draft->description);
  flaw_debt_item_set_category (debt, draft->category);
  flaw_debt_item_set_owner (debt, draft->owner);
  flaw_debt_item_set_links (debt, (const char * const *) answer->links);
  flaw_debt_item_set_likelihood (debt, draft->likelihood);
  flaw_debt_item_set_impact (debt, draft->impact);

  if ((debt_id = flaw_debt_db_create (database, debt, error)) == 0)
    return 0;

  if (!flaw_assessment_db_link_debt (database, id, item_id, debt_id, &local_error))
    {
      g_set_error (error, FLAW_ASSESSMENT_ERROR, local_error->code,
                   _("Debt item %" PRId64 " was created, but linking it to the answer failed: %s"),
                   debt_id, local_error->message);
      return 0;
    }

  return debt_id;
}

/**
 * flaw_assessment_db_list_linked_debt:
 *
 * Returns: (transfer full) (element-type gint64): ids of the debt items
 *   linked to the answer to @item_id
 */
GArray *
flaw_assessment_db_list_linked_debt (FlawDatabase  *database,
                                     gint64         id,
                                     const char    *item_id,
                                     GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT l.to_id FROM link AS l JOIN answer AS a "
                                "ON l.from_entity = 'answer' AND l.from_id = a.id "
                                "WHERE l.to_entity = 'debt' AND a.assessment_id = ? AND a.item_id = ? "
                                "ORDER BY l.to_id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 debt_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, debt_id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&ids);
}
