/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-links"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-debt-links.h"

void
flaw_debt_link_free (FlawDebtLink *link)
{
  if (link == NULL)
    return;

  g_free (link->entity);
  g_free (link->label);
  g_free (link);
}

static char *
dup_label (const char *entity,
           gint64      id,
           const char *name)
{
  if (g_strcmp0 (entity, "report") == 0)
    /* Translators: a report a debt item came from: its number and title */
    return g_strdup_printf (_("Report %lld: %s"), (long long) id, name ? name : _("(deleted)"));

  if (g_strcmp0 (entity, "answer") == 0)
    /* Translators: an answer of a self-assessment: team, date and item */
    return g_strdup_printf (_("Self-assessment answer: %s"), name ? name : _("(deleted)"));

  if (g_strcmp0 (entity, "vulnerability") == 0)
    /* Translators: a vulnerability of a dependency: its id and summary */
    return g_strdup_printf (_("Dependency vulnerability %s"), name ? name : _("(deleted)"));

  return g_strdup_printf ("%s %lld", entity, (long long) id);
}

/**
 * flaw_debt_db_list_links:
 *
 * Returns: (transfer container) (element-type FlawDebtLink): the records
 *   linked to the debt item, oldest link first
 */
GPtrArray *
flaw_debt_db_list_links (FlawDatabase  *database,
                         gint64         debt_id,
                         GError       **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_debt_link_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT l.from_entity, l.from_id, CASE l.from_entity "
                                "  WHEN 'report' THEN (SELECT r.title FROM report AS r WHERE r.id = l.from_id) "
                                "  WHEN 'vulnerability' THEN (SELECT v.osv_id || ifnull (': ' || v.summary, '') "
                                "    FROM vulnerability AS v WHERE v.id = l.from_id) "
                                "  WHEN 'answer' THEN (SELECT a.team || ', ' || a.date || ', ' || an.item_id "
                                "    FROM answer AS an JOIN assessment AS a ON a.id = an.assessment_id "
                                "    WHERE an.id = l.from_id) "
                                "  END "
                                "FROM link AS l WHERE l.to_entity = 'debt' AND l.to_id = ? "
                                "ORDER BY l.created, l.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, debt_id);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawDebtLink *link = g_new0 (FlawDebtLink, 1);

      link->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      link->id = sqlite3_column_int64 (stmt, 1);
      link->label = dup_label (link->entity, link->id, (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (links, link);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&links);
}

static gpointer
list_links_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return flaw_debt_db_list_links (database, *(gint64 *) data, error);
}

void
flaw_debt_list_links_async (FlawStore           *store,
                            gint64               debt_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, list_links_job, g_memdup2 (&debt_id, sizeof debt_id), g_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_list_links_finish:
 *
 * Returns: (transfer container) (element-type FlawDebtLink): the links
 */
GPtrArray *
flaw_debt_list_links_finish (FlawStore     *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}
