/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-osv-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-clock.h"
#include "flaw-dependency-store-private.h"
#include "flaw-osv-store.h"
#include "flaw-source-store.h"

G_DEFINE_QUARK (flaw-osv-store-error-quark, flaw_osv_store_error)

FlawOsvVuln *
flaw_osv_vuln_new (void)
{
  FlawOsvVuln *vuln = g_new0 (FlawOsvVuln, 1);

  vuln->aliases = g_ptr_array_new_with_free_func (g_free);
  vuln->fixed = g_ptr_array_new_with_free_func (g_free);

  return vuln;
}

void
flaw_osv_vuln_free (FlawOsvVuln *vuln)
{
  if (vuln == NULL)
    return;

  g_free (vuln->id);
  g_clear_pointer (&vuln->aliases, g_ptr_array_unref);
  g_free (vuln->summary);
  g_free (vuln->details);
  g_free (vuln->severity);
  g_free (vuln->references);
  g_free (vuln->affected);
  g_clear_pointer (&vuln->fixed, g_ptr_array_unref);
  g_free (vuln);
}

void
flaw_osv_affecting_free (FlawOsvAffecting *affecting)
{
  if (affecting == NULL)
    return;

  g_free (affecting->osv_id);
  g_clear_pointer (&affecting->aliases, g_ptr_array_unref);
  g_free (affecting->summary);
  g_free (affecting->details);
  g_free (affecting->severity);
  g_free (affecting->references);
  g_free (affecting->fixed);
  g_free (affecting->suppression_reason);
  g_clear_pointer (&affecting->debt_ids, g_array_unref);
  g_free (affecting);
}

FlawOsvCheck *
flaw_osv_check_new (gint64 source_id)
{
  FlawOsvCheck *check = g_new0 (FlawOsvCheck, 1);

  check->source_id = source_id;
  check->vulns = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_osv_vuln_free);
  check->component_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  check->found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  return check;
}

void
flaw_osv_check_free (FlawOsvCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->state);
  g_clear_pointer (&check->vulns, g_ptr_array_unref);
  g_clear_pointer (&check->component_ids, g_array_unref);
  g_clear_pointer (&check->found, g_ptr_array_unref);
  g_free (check);
}

FlawOsvCheckResult *
flaw_osv_check_result_new (void)
{
  FlawOsvCheckResult *result = g_new0 (FlawOsvCheckResult, 1);

  result->new_pairs = g_ptr_array_new_with_free_func (g_free);

  return result;
}

void
flaw_osv_check_result_free (FlawOsvCheckResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->new_pairs, g_ptr_array_unref);
  g_free (result);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
describe_component (FlawDatabase  *database,
                    gint64         component_id)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  stmt = flaw_database_prepare (database,
                                "SELECT ecosystem || '/' || name || '@' || version FROM component WHERE id = ?",
                                NULL);
  if (stmt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, component_id);

  sqlite3_bind_int64 (stmt, 1, component_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return text != NULL ? text : g_strdup_printf ("%" G_GINT64_FORMAT, component_id);
}

/* The OSV record as the dependency store takes it; borrows @vuln's fields. */
static FlawVulnerability
as_vulnerability (const FlawOsvVuln *vuln)
{
  return (FlawVulnerability) {
    .osv_id = vuln->id,
    .aliases = vuln->aliases,
    .summary = vuln->summary,
    .details = vuln->details,
    .severity = vuln->severity,
    .modified = vuln->modified,
    .published = vuln->published,
    .withdrawn = vuln->withdrawn,
    .references = vuln->references,
    .affected = vuln->affected,
    .fixed = vuln->fixed,
  };
}

static gboolean
update_component (FlawDatabase        *database,
                  gint64               component_id,
                  GPtrArray           *osv_ids,
                  FlawOsvCheckResult  *result,
                  GError             **error)
{
  g_autofree const char **ids = g_new0 (const char *, osv_ids->len + 1);
  FlawCheckChanges changes;
  gboolean ok;

  for (guint i = 0; i < osv_ids->len; i++)
    ids[i] = g_ptr_array_index (osv_ids, i);

  _flaw_check_changes_init (&changes);
  ok = _flaw_component_record_check (database, component_id, ids, &changes, error);

  /* A component removed while it was being checked has nothing to record. */
  if (ok && changes.found)
    {
      result->n_resolved += changes.n_removed;
      if (changes.added->len == 0 && changes.n_removed == 0)
        result->n_unchanged++;
    }

  for (guint i = 0; ok && changes.found && i < changes.added->len; i++)
    {
      gint64 row = g_array_index (changes.added, gint64, i);
      g_autofree char *component = NULL;
      const char *osv_id = NULL;
      gboolean suppressed = FALSE;

      if (!(ok = flaw_osv_store_is_suppressed (database, row, component_id, &suppressed, error)) || suppressed)
        continue;

      /* Named as OSV listed it for this component. */
      for (guint j = 0; ids[j] != NULL && osv_id == NULL; j++)
        if (_flaw_vulnerability_resolve (database, ids[j], NULL) == row)
          osv_id = ids[j];

      component = describe_component (database, component_id);
      result->n_new++;
      g_ptr_array_add (result->new_pairs, g_strdup_printf ("%s: %s", component, osv_id));
    }

  _flaw_check_changes_clear (&changes);

  return ok;
}

/**
 * flaw_osv_store_apply_check:
 * @check: the records fetched and the findings for a chunk of components
 *
 * Stores the records, replaces the findings of each component, marks them
 * checked and advances the source's state, all in one transaction.
 */
gboolean
flaw_osv_store_apply_check (FlawDatabase        *database,
                            const FlawOsvCheck  *check,
                            FlawOsvCheckResult  *result,
                            GError             **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (check->component_ids->len == check->found->len, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < check->vulns->len; i++)
    {
      FlawVulnerability vulnerability = as_vulnerability (g_ptr_array_index (check->vulns, i));

      if (_flaw_vulnerability_store (database, &vulnerability, error) == 0)
        goto failed;
      result->n_updated++;
    }

  for (guint i = 0; i < check->component_ids->len; i++)
    if (!update_component (database, g_array_index (check->component_ids, gint64, i),
                           g_ptr_array_index (check->found, i), result, error))
      goto failed;

  if (check->state != NULL &&
      !flaw_source_store_advance_state (database, check->source_id, check->state, error))
    goto failed;

  return flaw_database_commit (database, error);

failed:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_osv_store_list_affecting:
 *
 * Returns: (transfer container) (element-type FlawOsvAffecting): the
 *   vulnerabilities affecting @component_id, suppressed ones included
 */
GPtrArray *
flaw_osv_store_list_affecting (FlawDatabase  *database,
                               gint64         component_id,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_osv_affecting_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT v.id, v.osv_id, v.summary, v.details, v.severity, v.refs, v.fixed, "
                                "v.modified, cv.found, s.reason, coalesce (s.expires, 0), "
                                "(SELECT coalesce (max (s3.expires), 0) FROM suppression s3 "
                                "  WHERE s3.vulnerability_id = v.id AND s3.expires <= ?2 AND "
                                "  (s3.component_id IS NULL OR s3.component_id = cv.component_id)) "
                                "FROM component_vuln cv JOIN vulnerability v ON v.id = cv.vulnerability_id "
                                "LEFT JOIN suppression s ON s.id = (SELECT s2.id FROM suppression s2 "
                                "  WHERE s2.vulnerability_id = v.id AND "
                                "  (s2.component_id IS NULL OR s2.component_id = cv.component_id) "
                                "  AND s2.expires > ?2 ORDER BY s2.expires DESC LIMIT 1) "
                                "WHERE cv.component_id = ?1 AND v.withdrawn IS NULL ORDER BY v.osv_id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, component_id);
  sqlite3_bind_int64 (stmt, 2, flaw_clock_now ());
  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawOsvAffecting *affecting = g_new0 (FlawOsvAffecting, 1);

      affecting->vulnerability_id = sqlite3_column_int64 (stmt, 0);
      affecting->osv_id = column_dup (stmt, 1);
      affecting->summary = column_dup (stmt, 2);
      affecting->details = column_dup (stmt, 3);
      affecting->severity = column_dup (stmt, 4);
      affecting->references = column_dup (stmt, 5);
      affecting->fixed = column_dup (stmt, 6);
      affecting->modified = sqlite3_column_int64 (stmt, 7);
      affecting->found = sqlite3_column_int64 (stmt, 8);
      affecting->suppressed = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      affecting->suppression_reason = column_dup (stmt, 9);
      affecting->suppression_expires = sqlite3_column_int64 (stmt, 10);
      affecting->suppression_expired = sqlite3_column_int64 (stmt, 11);
      affecting->aliases = g_ptr_array_new_with_free_func (g_free);
      affecting->debt_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (list, affecting);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  stmt = flaw_database_prepare (database,
                                "SELECT alias FROM vuln_alias WHERE vulnerability_id = ? AND alias != ? "
                                "ORDER BY alias", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      FlawOsvAffecting *affecting = g_ptr_array_index (list, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, affecting->vulnerability_id);
      sqlite3_bind_text (stmt, 2, affecting->osv_id, -1, SQLITE_TRANSIENT);
      while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
        g_ptr_array_add (affecting->aliases, column_dup (stmt, 0));
      if (rc != SQLITE_DONE)
        return NULL;
    }
  sqlite3_reset (stmt);

  stmt = flaw_database_prepare (database,
                                "SELECT l.to_id FROM link l JOIN debt d ON d.id = l.to_id "
                                "WHERE l.from_entity = 'vulnerability' AND l.from_id = ? AND l.to_entity = 'debt' "
                                "AND (d.deleted IS NULL OR d.deleted = 0) ORDER BY l.to_id", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      FlawOsvAffecting *affecting = g_ptr_array_index (list, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, affecting->vulnerability_id);
      while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (affecting->debt_ids, id);
        }
      if (rc != SQLITE_DONE)
        return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&list);
}

gboolean
flaw_osv_store_is_suppressed (FlawDatabase  *database,
                              gint64         vulnerability_id,
                              gint64         component_id,
                              gboolean      *suppressed,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (suppressed != NULL, FALSE);

  stmt = flaw_database_prepare (database,
                                "SELECT 1 FROM suppression WHERE vulnerability_id = ?1 "
                                "AND (component_id IS NULL OR component_id = ?2) AND expires > ?3 LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, vulnerability_id);
  sqlite3_bind_int64 (stmt, 2, component_id);
  sqlite3_bind_int64 (stmt, 3, flaw_clock_now ());
  rc = flaw_database_step (database, stmt, error);
  *suppressed = rc == SQLITE_ROW;
  sqlite3_reset (stmt);

  return rc != -1;
}
