/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-osv-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-clock.h"
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
strv_to_json (GPtrArray *strings)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = s; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (json, "\\%c", *p);
          else if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* The vulnerability row any of @ids already names, or 0. */
static gboolean
lookup_alias (FlawDatabase  *database,
              const char    *alias,
              gint64        *vulnerability_id,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT vulnerability_id FROM vuln_alias WHERE alias = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  *vulnerability_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return rc != -1;
}

static gboolean
run_id_statement (FlawDatabase  *database,
                  const char    *sql,
                  gint64         a,
                  gint64         b,
                  GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);

  return flaw_database_execute (database, stmt, error);
}

/* Two rows turned out to be the same flaw (a new record names both as
 * aliases): keep @into and move everything of @from to it. */
static gboolean
merge_rows (FlawDatabase  *database,
            gint64         into,
            gint64         from,
            GError       **error)
{
  g_autofree char *into_text = g_strdup_printf ("%" G_GINT64_FORMAT, into);

  return run_id_statement (database,
                           "UPDATE OR IGNORE component_vuln SET vulnerability_id = ? "
                           "WHERE vulnerability_id = ?", into, from, error) &&
         run_id_statement (database,
                           "UPDATE suppression SET vulnerability_id = ? WHERE vulnerability_id = ?",
                           into, from, error) &&
         run_id_statement (database,
                           "UPDATE vuln_alias SET vulnerability_id = ? WHERE vulnerability_id = ?",
                           into, from, error) &&
         run_id_statement (database,
                           "UPDATE OR IGNORE link SET from_id = ? "
                           "WHERE from_entity = 'vulnerability' AND from_id = ?", into, from, error) &&
         run_id_statement (database, "DELETE FROM vulnerability WHERE id = ?", from, 0, error) &&
         flaw_database_append_event (database, "vulnerability", from, "merged_into", NULL,
                                     into_text, error);
}

static gboolean
add_alias (FlawDatabase  *database,
           const char    *alias,
           gint64         vulnerability_id,
           GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO vuln_alias (alias, vulnerability_id) VALUES (?, ?) "
                                "ON CONFLICT (alias) DO UPDATE SET vulnerability_id = excluded.vulnerability_id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, vulnerability_id);

  return flaw_database_execute (database, stmt, error);
}

static gint64
store_vuln (FlawDatabase       *database,
            const FlawOsvVuln  *vuln,
            GError            **error)
{
  g_autofree char *fixed = strv_to_json (vuln->fixed);
  g_autofree char *modified_text = g_strdup_printf ("%" G_GINT64_FORMAT, vuln->modified);
  gint64 row = 0;
  sqlite3_stmt *stmt;

  /* Every id of this record that is already known names the same flaw. */
  if (!lookup_alias (database, vuln->id, &row, error))
    return 0;

  for (guint i = 0; i < vuln->aliases->len; i++)
    {
      gint64 other = 0;

      if (!lookup_alias (database, g_ptr_array_index (vuln->aliases, i), &other, error))
        return 0;
      if (other == 0 || other == row)
        continue;
      if (row == 0)
        row = other;
      else if (!merge_rows (database, row, other, error))
        return 0;
    }

  if (row == 0)
    {
      stmt = flaw_database_prepare (database,
                                    "INSERT INTO vulnerability (osv_id, summary, details, severity, modified, "
                                    "published, withdrawn, refs, affected, fixed, fetched) "
                                    "VALUES (?1, ?2, ?3, json (?4), ?5, nullif (?6, 0), nullif (?7, 0), "
                                    "json (?8), json (?9), json (?10), ?11)",
                                    error);
    }
  else
    {
      /* Several records describe one flaw: the newest one's text wins. */
      stmt = flaw_database_prepare (database,
                                    "UPDATE vulnerability SET "
                                    "summary = CASE WHEN ?5 >= modified OR summary IS NULL THEN ?2 ELSE summary END, "
                                    "details = CASE WHEN ?5 >= modified OR details IS NULL THEN ?3 ELSE details END, "
                                    "severity = CASE WHEN ?5 >= modified OR severity = '[]' THEN json (?4) ELSE severity END, "
                                    "published = coalesce (published, nullif (?6, 0)), "
                                    "withdrawn = nullif (?7, 0), "
                                    "refs = CASE WHEN ?5 >= modified OR refs = '[]' THEN json (?8) ELSE refs END, "
                                    "affected = CASE WHEN ?5 >= modified THEN json (?9) ELSE affected END, "
                                    "fixed = CASE WHEN ?5 >= modified OR fixed = '[]' THEN json (?10) ELSE fixed END, "
                                    "modified = max (modified, ?5), fetched = ?11 "
                                    "WHERE id = ?12",
                                    error);
    }
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, vuln->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, vuln->summary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, vuln->details, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, vuln->severity != NULL ? vuln->severity : "[]", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, vuln->modified);
  sqlite3_bind_int64 (stmt, 6, vuln->published);
  sqlite3_bind_int64 (stmt, 7, vuln->withdrawn);
  sqlite3_bind_text (stmt, 8, vuln->references != NULL ? vuln->references : "[]", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, vuln->affected != NULL ? vuln->affected : "[]", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, fixed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, flaw_clock_now ());
  if (row != 0)
    sqlite3_bind_int64 (stmt, 12, row);

  if (!flaw_database_execute (database, stmt, error))
    return 0;

  if (row == 0)
    {
      row = sqlite3_last_insert_rowid (flaw_database_get_handle (database));
      if (!flaw_database_append_event (database, "vulnerability", row, "created", NULL, vuln->id, error))
        return 0;
    }
  else if (!flaw_database_append_event (database, "vulnerability", row, "modified", vuln->id,
                                        modified_text, error))
    return 0;

  if (!add_alias (database, vuln->id, row, error))
    return 0;
  for (guint i = 0; i < vuln->aliases->len; i++)
    if (!add_alias (database, g_ptr_array_index (vuln->aliases, i), row, error))
      return 0;

  return row;
}

static GArray *
component_vuln_ids (FlawDatabase  *database,
                    gint64         component_id,
                    GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT vulnerability_id FROM component_vuln WHERE component_id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, component_id);
  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

static gboolean
array_has (GArray *array,
           gint64  value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == value)
      return TRUE;

  return FALSE;
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

static gboolean
update_component (FlawDatabase        *database,
                  gint64               component_id,
                  GPtrArray           *osv_ids,
                  FlawOsvCheckResult  *result,
                  GError             **error)
{
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = flaw_clock_now ();
  gboolean changed = FALSE;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < osv_ids->len; i++)
    {
      const char *osv_id = g_ptr_array_index (osv_ids, i);
      gint64 row = 0;

      if (!lookup_alias (database, osv_id, &row, error))
        return FALSE;
      if (row == 0)
        {
          g_set_error (error, FLAW_OSV_STORE_ERROR, FLAW_OSV_STORE_ERROR_NOT_FOUND,
                       _("Vulnerability %s was listed for a component but its record was not fetched."),
                       osv_id);
          return FALSE;
        }
      /* The CVE, GHSA and PYSEC records of one flaw are one entry. */
      if (!array_has (new_ids, row))
        g_array_append_val (new_ids, row);
    }

  if (!(old_ids = component_vuln_ids (database, component_id, error)))
    return FALSE;

  for (guint i = 0; i < old_ids->len; i++)
    {
      gint64 row = g_array_index (old_ids, gint64, i);
      g_autofree char *text = NULL;

      if (array_has (new_ids, row))
        continue;

      if (!run_id_statement (database,
                             "DELETE FROM component_vuln WHERE component_id = ? AND vulnerability_id = ?",
                             component_id, row, error))
        return FALSE;
      text = g_strdup_printf ("%" G_GINT64_FORMAT, row);
      if (!flaw_database_append_event (database, "component", component_id, "vulnerability",
                                       text, NULL, error))
        return FALSE;
      result->n_resolved++;
      changed = TRUE;
    }

  for (guint i = 0; i < new_ids->len; i++)
    {
      gint64 row = g_array_index (new_ids, gint64, i);
      g_autofree char *text = NULL;
      gboolean suppressed = FALSE;

      if (array_has (old_ids, row))
        continue;

      stmt = flaw_database_prepare (database,
                                    "INSERT INTO component_vuln (component_id, vulnerability_id, found) "
                                    "VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, component_id);
      sqlite3_bind_int64 (stmt, 2, row);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;

      text = g_strdup_printf ("%" G_GINT64_FORMAT, row);
      if (!flaw_database_append_event (database, "component", component_id, "vulnerability",
                                       NULL, text, error))
        return FALSE;
      changed = TRUE;

      if (!flaw_osv_store_is_suppressed (database, row, component_id, &suppressed, error))
        return FALSE;
      if (!suppressed)
        {
          g_autofree char *component = describe_component (database, component_id);
          const char *osv_id = NULL;

          for (guint j = 0; j < osv_ids->len && osv_id == NULL; j++)
            {
              gint64 other = 0;

              if (lookup_alias (database, g_ptr_array_index (osv_ids, j), &other, NULL) && other == row)
                osv_id = g_ptr_array_index (osv_ids, j);
            }
          result->n_new++;
          g_ptr_array_add (result->new_pairs, g_strdup_printf ("%s: %s", component, osv_id));
        }
    }

  if (!changed)
    result->n_unchanged++;

  /* Checked, even when nothing was found: that is what "last checked" means. */
  return run_id_statement (database, "UPDATE component SET last_checked = ? WHERE id = ?",
                           now, component_id, error);
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
      if (store_vuln (database, g_ptr_array_index (check->vulns, i), error) == 0)
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
