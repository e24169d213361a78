/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-dependency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-dependency-store-private.h"

/* Components, the vulnerabilities that affect them and suppressions, in
 * the database. Every function here runs on the store's thread.
 */

G_DEFINE_QUARK (flaw-dependency-store-error-quark, flaw_dependency_store_error)

void
flaw_component_free (FlawComponent *component)
{
  if (component == NULL)
    return;

  g_free (component->ecosystem);
  g_free (component->name);
  g_free (component->version);
  g_free (component->purl);
  g_free (component->import_source);
  g_clear_pointer (&component->vulns, g_ptr_array_unref);
  g_clear_pointer (&component->suppressed, g_ptr_array_unref);
  g_clear_pointer (&component->expired, g_ptr_array_unref);
  g_free (component);
}

void
flaw_component_change_free (FlawComponentChange *change)
{
  if (change == NULL)
    return;

  g_free (change->ecosystem);
  g_free (change->name);
  g_free (change->old_version);
  g_free (change->new_version);
  g_free (change->new_purl);
  g_free (change);
}

void
flaw_import_preview_free (FlawImportPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->import_source);
  g_ptr_array_unref (preview->added);
  g_ptr_array_unref (preview->changed);
  g_ptr_array_unref (preview->removed);
  g_free (preview);
}

FlawVulnerability *
flaw_vulnerability_new (void)
{
  FlawVulnerability *vulnerability = g_new0 (FlawVulnerability, 1);

  vulnerability->aliases = g_ptr_array_new_with_free_func (g_free);
  vulnerability->fixed = g_ptr_array_new_with_free_func (g_free);
  vulnerability->severity = g_strdup ("[]");
  vulnerability->references = g_strdup ("[]");
  vulnerability->affected = g_strdup ("[]");

  return vulnerability;
}

void
flaw_vulnerability_free (FlawVulnerability *vulnerability)
{
  if (vulnerability == NULL)
    return;

  g_free (vulnerability->osv_id);
  g_ptr_array_unref (vulnerability->aliases);
  g_free (vulnerability->summary);
  g_free (vulnerability->details);
  g_free (vulnerability->severity);
  g_free (vulnerability->references);
  g_free (vulnerability->affected);
  g_ptr_array_unref (vulnerability->fixed);
  g_free (vulnerability);
}

static char *
package_key (const char *ecosystem,
             const char *name)
{
  return g_strdup_printf ("%s\n%s", ecosystem, name);
}

static char *
describe (const char *ecosystem,
          const char *name,
          const char *version)
{
  return g_strdup_printf ("%s %s %s", ecosystem, name, version);
}

static int
compare_components (gconstpointer a,
                    gconstpointer b)
{
  const FlawComponent *ca = *(FlawComponent * const *) a;
  const FlawComponent *cb = *(FlawComponent * const *) b;
  int cmp;

  if ((cmp = g_strcmp0 (ca->ecosystem, cb->ecosystem)) != 0 ||
      (cmp = g_strcmp0 (ca->name, cb->name)) != 0)
    return cmp;

  return g_strcmp0 (ca->version, cb->version);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const FlawComponentChange *ca = *(FlawComponentChange * const *) a;
  const FlawComponentChange *cb = *(FlawComponentChange * const *) b;
  int cmp;

  if ((cmp = g_strcmp0 (ca->ecosystem, cb->ecosystem)) != 0)
    return cmp;

  return g_strcmp0 (ca->name, cb->name);
}

static FlawComponent *
copy_component (const FlawComponent *component)
{
  FlawComponent *copy = g_new0 (FlawComponent, 1);

  copy->id = component->id;
  copy->ecosystem = g_strdup (component->ecosystem);
  copy->name = g_strdup (component->name);
  copy->version = g_strdup (component->version);
  copy->purl = g_strdup (component->purl);
  copy->import_source = g_strdup (component->import_source);
  copy->checked = component->checked;
  copy->last_checked = component->last_checked;
  copy->vulns = g_ptr_array_new_with_free_func (g_free);
  copy->suppressed = g_ptr_array_new_with_free_func (g_free);
  copy->expired = g_ptr_array_new_with_free_func (g_free);

  return copy;
}

/**
 * flaw_import_preview_compute:
 * @existing: (element-type FlawComponent): the stored components
 * @incoming: (element-type FlawDependency): the packages of the file
 * @import_source: the name the import is stored under
 *
 * Compares an import with what an earlier import of the same source
 * stored. A package whose one version was replaced by one other version is
 * a change; anything else is added or removed.
 *
 * Returns: (transfer full): what applying the import would do
 */
FlawImportPreview *
flaw_import_preview_compute (GPtrArray  *existing,
                             GPtrArray  *incoming,
                             const char *import_source)
{
  g_autoptr(GHashTable) old_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) new_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  FlawImportPreview *preview;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (existing != NULL, NULL);
  g_return_val_if_fail (incoming != NULL, NULL);
  g_return_val_if_fail (import_source != NULL, NULL);

  preview = g_new0 (FlawImportPreview, 1);
  preview->import_source = g_strdup (import_source);
  preview->added = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_dependency_free);
  preview->changed = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_component_change_free);
  preview->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_component_free);

  for (guint i = 0; i < existing->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (existing, i);
      char *k;
      GPtrArray *list;

      if (!g_str_equal (component->import_source, import_source))
        continue;

      k = package_key (component->ecosystem, component->name);
      if (!(list = g_hash_table_lookup (old_by_key, k)))
        g_hash_table_insert (old_by_key, g_strdup (k), (list = g_ptr_array_new ()));
      g_ptr_array_add (list, component);
      g_free (k);
    }

  for (guint i = 0; i < incoming->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (incoming, i);
      char *k = package_key (dependency->ecosystem, dependency->name);
      GPtrArray *list;

      if (!(list = g_hash_table_lookup (new_by_key, k)))
        g_hash_table_insert (new_by_key, g_strdup (k), (list = g_ptr_array_new ()));
      g_ptr_array_add (list, dependency);
      g_free (k);
    }

  /* Packages of the file: added, changed or unchanged. */
  g_hash_table_iter_init (&iter, new_by_key);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GPtrArray *news = g_hash_table_lookup (new_by_key, key);
      GPtrArray *olds = g_hash_table_lookup (old_by_key, key);
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      for (guint i = 0; i < news->len; i++)
        {
          FlawDependency *dependency = g_ptr_array_index (news, i);
          gboolean found = FALSE;

          for (guint k = 0; olds != NULL && k < olds->len && !found; k++)
            found = g_str_equal (((FlawComponent *) g_ptr_array_index (olds, k))->version, dependency->version);

          if (found)
            preview->unchanged++;
          else
            g_ptr_array_add (fresh, dependency);
        }

      for (guint k = 0; olds != NULL && k < olds->len; k++)
        {
          FlawComponent *component = g_ptr_array_index (olds, k);
          gboolean found = FALSE;

          for (guint i = 0; i < news->len && !found; i++)
            found = g_str_equal (((FlawDependency *) g_ptr_array_index (news, i))->version, component->version);

          if (!found)
            g_ptr_array_add (gone, component);
        }

      if (fresh->len == 1 && gone->len == 1)
        {
          FlawComponentChange *change = g_new0 (FlawComponentChange, 1);
          FlawComponent *old = g_ptr_array_index (gone, 0);
          FlawDependency *dependency = g_ptr_array_index (fresh, 0);

          change->component_id = old->id;
          change->ecosystem = g_strdup (old->ecosystem);
          change->name = g_strdup (old->name);
          change->old_version = g_strdup (old->version);
          change->new_version = g_strdup (dependency->version);
          change->new_purl = g_strdup (dependency->purl);
          g_ptr_array_add (preview->changed, change);
          continue;
        }

      for (guint i = 0; i < fresh->len; i++)
        g_ptr_array_add (preview->added, flaw_dependency_copy (g_ptr_array_index (fresh, i)));
      for (guint k = 0; k < gone->len; k++)
        g_ptr_array_add (preview->removed, copy_component (g_ptr_array_index (gone, k)));
    }

  /* Packages no longer in the file. */
  g_hash_table_iter_init (&iter, old_by_key);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GPtrArray *olds = g_hash_table_lookup (old_by_key, key);

      if (g_hash_table_contains (new_by_key, key))
        continue;

      for (guint k = 0; k < olds->len; k++)
        g_ptr_array_add (preview->removed, copy_component (g_ptr_array_index (olds, k)));
    }

  g_ptr_array_sort (preview->added, flaw_dependency_compare);
  g_ptr_array_sort (preview->changed, compare_changes);
  g_ptr_array_sort (preview->removed, compare_components);

  return preview;
}

gboolean
flaw_import_preview_is_empty (const FlawImportPreview *preview)
{
  g_return_val_if_fail (preview != NULL, TRUE);

  return preview->added->len == 0 && preview->changed->len == 0 && preview->removed->len == 0;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * flaw_components_list:
 * @import_source: (nullable): only the components of this import
 * @vulnerable_only: only components that a vulnerability affects and
 *   that is not suppressed now
 *
 * Returns: (transfer container) (element-type FlawComponent): the
 *   components by ecosystem, name and version, or %NULL with @error set
 */
GPtrArray *
flaw_components_list (FlawDatabase  *database,
                      const char    *import_source,
                      gboolean       vulnerable_only,
                      GError       **error)
{
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_component_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT id, ecosystem, name, version, purl, import_source, last_checked "
                                "FROM component WHERE ?1 IS NULL OR import_source = ?1 "
                                "ORDER BY ecosystem, name, version, import_source",
                                error);
  if (stmt == NULL)
    return NULL;

  if (import_source != NULL)
    sqlite3_bind_text (stmt, 1, import_source, -1, SQLITE_TRANSIENT);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawComponent *component = g_new0 (FlawComponent, 1);

      component->id = sqlite3_column_int64 (stmt, 0);
      component->ecosystem = dup_column (stmt, 1);
      component->name = dup_column (stmt, 2);
      component->version = dup_column (stmt, 3);
      component->purl = dup_column (stmt, 4);
      component->import_source = dup_column (stmt, 5);
      component->checked = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      component->last_checked = sqlite3_column_int64 (stmt, 6);
      component->vulns = g_ptr_array_new_with_free_func (g_free);
      component->suppressed = g_ptr_array_new_with_free_func (g_free);
      component->expired = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (components, component);
      g_hash_table_insert (by_id, &component->id, component);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  stmt = flaw_database_prepare (database,
                                "SELECT cv.component_id, v.osv_id, EXISTS (SELECT 1 FROM suppression AS s "
                                "  WHERE s.vulnerability_id = v.id AND s.expires > ?1 "
                                "  AND (s.component_id IS NULL OR s.component_id = cv.component_id)), "
                                "EXISTS (SELECT 1 FROM suppression AS s "
                                "  WHERE s.vulnerability_id = v.id AND s.expires <= ?1 "
                                "  AND (s.component_id IS NULL OR s.component_id = cv.component_id)) "
                                "FROM component_vuln AS cv JOIN vulnerability AS v ON v.id = cv.vulnerability_id "
                                "WHERE v.withdrawn IS NULL ORDER BY v.osv_id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, flaw_clock_now ());

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      FlawComponent *component = g_hash_table_lookup (by_id, &id);

      if (component == NULL)
        continue;

      if (sqlite3_column_int (stmt, 2))
        g_ptr_array_add (component->suppressed, dup_column (stmt, 1));
      else
        {
          g_ptr_array_add (component->vulns, dup_column (stmt, 1));
          if (sqlite3_column_int (stmt, 3))
            g_ptr_array_add (component->expired, dup_column (stmt, 1));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  if (vulnerable_only)
    for (guint i = components->len; i > 0; i--)
      if (((FlawComponent *) g_ptr_array_index (components, i - 1))->vulns->len == 0)
        g_ptr_array_remove_index (components, i - 1);

  return g_steal_pointer (&components);
}

/**
 * flaw_components_preview_import:
 *
 * Returns: (transfer full): what importing @incoming under @import_source
 *   would add, change and remove; nothing is written
 */
FlawImportPreview *
flaw_components_preview_import (FlawDatabase  *database,
                                const char    *import_source,
                                GPtrArray     *incoming,
                                GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (import_source != NULL && *import_source != '\0', NULL);

  if (!(existing = flaw_components_list (database, import_source, FALSE, error)))
    return NULL;

  return flaw_import_preview_compute (existing, incoming, import_source);
}

static gboolean
set_stale (GError     **error,
           const char  *import_source)
{
  g_set_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_STALE_PREVIEW,
               _("The components of “%s” changed since the preview was made; nothing was written. "
                 "Run the import again to see the new preview."),
               import_source);
  return FALSE;
}

static gint64
insert_component (FlawDatabase          *database,
                  const FlawDependency  *dependency,
                  const char            *import_source,
                  GError               **error)
{
  g_autofree char *what = describe (dependency->ecosystem, dependency->name, dependency->version);
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 now = flaw_clock_now ();

  stmt = flaw_database_prepare (database,
                                "INSERT INTO component (ecosystem, name, version, purl, import_source, "
                                "last_checked, created, updated) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, dependency->ecosystem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dependency->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dependency->version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dependency->purl, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, import_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!flaw_database_execute (database, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (flaw_database_get_handle (database));

  if (!flaw_database_append_event (database, "component", id, "created", NULL, what, error))
    return 0;

  return id;
}

static gboolean
count_components (FlawDatabase  *database,
                  const char    *import_source,
                  gint64        *count,
                  GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (database,
                                              "SELECT count(*) FROM component WHERE import_source = ?",
                                              error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, import_source, -1, SQLITE_TRANSIENT);
  if (flaw_database_step (database, stmt, error) != SQLITE_ROW)
    return FALSE;

  *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
apply_import (FlawDatabase             *database,
              const FlawImportPreview  *preview,
              GError                  **error)
{
  const char *source = preview->import_source;
  sqlite3 *handle = flaw_database_get_handle (database);
  gint64 count = 0;
  gint64 now = flaw_clock_now ();

  /* The preview still holds if the import has the rows it expects. */
  if (!count_components (database, source, &count, error))
    return FALSE;
  if (count != (gint64) (preview->unchanged + preview->changed->len + preview->removed->len))
    return set_stale (error, source);

  for (guint i = 0; i < preview->removed->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (preview->removed, i);
      g_autofree char *what = describe (component->ecosystem, component->name, component->version);
      sqlite3_stmt *stmt = flaw_database_prepare (database,
                                                  "DELETE FROM component WHERE id = ? AND version = ? "
                                                  "AND import_source = ?",
                                                  error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, component->id);
      sqlite3_bind_text (stmt, 2, component->version, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, source, -1, SQLITE_TRANSIENT);
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;
      if (sqlite3_changes (handle) != 1)
        return set_stale (error, source);

      if (!flaw_database_append_event (database, "component", component->id, "deleted", what, NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < preview->changed->len; i++)
    {
      FlawComponentChange *change = g_ptr_array_index (preview->changed, i);
      sqlite3_stmt *stmt;

      /* A new version has never been checked: what affected the old one
       * says nothing about it. */
      stmt = flaw_database_prepare (database,
                                    "UPDATE component SET version = ?, purl = ?, last_checked = NULL, "
                                    "updated = ? WHERE id = ? AND version = ? AND import_source = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, change->new_version, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, change->new_purl, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, change->component_id);
      sqlite3_bind_text (stmt, 5, change->old_version, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, source, -1, SQLITE_TRANSIENT);
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;
      if (sqlite3_changes (handle) != 1)
        return set_stale (error, source);

      stmt = flaw_database_prepare (database, "DELETE FROM component_vuln WHERE component_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->component_id);
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;

      if (!flaw_database_append_event (database, "component", change->component_id, "version",
                                       change->old_version, change->new_version, error))
        return FALSE;
    }

  for (guint i = 0; i < preview->added->len; i++)
    if (insert_component (database, g_ptr_array_index (preview->added, i), source, error) == 0)
      return FALSE;

  return TRUE;
}

/**
 * flaw_components_apply_import:
 * @preview: from flaw_components_preview_import()
 *
 * Applies @preview in one transaction, logging every change. Fails with
 * %FLAW_DEPENDENCY_STORE_ERROR_STALE_PREVIEW, writing nothing, when the
 * import's components changed since the preview.
 */
gboolean
flaw_components_apply_import (FlawDatabase             *database,
                              const FlawImportPreview  *preview,
                              GError                  **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!apply_import (database, preview, error))
    {
      flaw_database_rollback (database);
      return FALSE;
    }

  return flaw_database_commit (database, error);
}

/* Fails with a readable error when @import_source already lists the
 * package at @version (other than @except_id). */
static gboolean
check_unique (FlawDatabase  *database,
              const char    *import_source,
              const char    *ecosystem,
              const char    *name,
              const char    *version,
              gint64         except_id,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT 1 FROM component WHERE import_source = ? AND ecosystem = ? "
                                "AND name = ? AND version = ? AND id != ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, import_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ecosystem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, except_id);
  rc = flaw_database_step (database, stmt, error);
  sqlite3_reset (stmt);

  if (rc < 0)
    return FALSE;

  if (rc == SQLITE_ROW)
    {
      g_set_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID,
                   _("%s %s %s is already listed; change the version of the existing component instead."),
                   ecosystem, name, version);
      return FALSE;
    }

  return TRUE;
}

/* Reads the component's package and source, or fails with NOT_FOUND. */
static FlawComponent *
lookup_component (FlawDatabase  *database,
                  gint64         component_id,
                  GError       **error)
{
  FlawComponent *component;
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT ecosystem, name, version, import_source FROM component WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, component_id);
  rc = flaw_database_step (database, stmt, error);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND,
                     _("There is no component %lld; it may have been removed. "
                       "Reload the list and try again."),
                     (long long) component_id);
      return NULL;
    }

  component = g_new0 (FlawComponent, 1);
  component->id = component_id;
  component->ecosystem = dup_column (stmt, 0);
  component->name = dup_column (stmt, 1);
  component->version = dup_column (stmt, 2);
  component->import_source = dup_column (stmt, 3);
  sqlite3_reset (stmt);

  return component;
}

static gboolean
set_version (FlawDatabase  *database,
             gint64         component_id,
             const char    *version,
             GError       **error)
{
  g_autoptr(FlawComponent) component = NULL;
  sqlite3_stmt *stmt;

  if (!(component = lookup_component (database, component_id, error)))
    return FALSE;

  if (!flaw_dependency_check (component->ecosystem, component->name, version, error))
    return FALSE;

  if (g_str_equal (component->version, version))
    return TRUE;

  if (!check_unique (database, component->import_source, component->ecosystem, component->name,
                     version, component_id, error))
    return FALSE;

  /* As after an import: the new version has never been checked, and what
   * affected the old one says nothing about it. The purl named the old
   * version. */
  stmt = flaw_database_prepare (database,
                                "UPDATE component SET version = ?, purl = NULL, last_checked = NULL, "
                                "updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, flaw_clock_now ());
  sqlite3_bind_int64 (stmt, 3, component_id);
  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  stmt = flaw_database_prepare (database, "DELETE FROM component_vuln WHERE component_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component_id);
  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  return flaw_database_append_event (database, "component", component_id, "version",
                                     component->version, version, error);
}

/**
 * flaw_component_set_version:
 *
 * Changes the version of a component by hand. Like an import that changes
 * it, this makes the component "never checked" again and forgets what
 * affected the old version.
 */
gboolean
flaw_component_set_version (FlawDatabase  *database,
                            gint64         component_id,
                            const char    *version,
                            GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!set_version (database, component_id, version, error))
    {
      flaw_database_rollback (database);
      return FALSE;
    }

  return flaw_database_commit (database, error);
}

static gboolean
remove_component (FlawDatabase  *database,
                  gint64         component_id,
                  GError       **error)
{
  g_autoptr(FlawComponent) component = NULL;
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  if (!(component = lookup_component (database, component_id, error)))
    return FALSE;

  stmt = flaw_database_prepare (database, "DELETE FROM component WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component_id);
  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  what = describe (component->ecosystem, component->name, component->version);

  return flaw_database_append_event (database, "component", component_id, "deleted", what, NULL, error);
}

/**
 * flaw_component_remove:
 *
 * Removes a component, with its findings and the suppressions that name
 * it. The vulnerability records stay.
 */
gboolean
flaw_component_remove (FlawDatabase  *database,
                       gint64         component_id,
                       GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!remove_component (database, component_id, error))
    {
      flaw_database_rollback (database);
      return FALSE;
    }

  return flaw_database_commit (database, error);
}

/**
 * flaw_component_add:
 *
 * Adds one component by hand.
 *
 * Returns: its row id, or 0 with @error set
 */
gint64
flaw_component_add (FlawDatabase          *database,
                    const FlawDependency  *dependency,
                    const char            *import_source,
                    GError               **error)
{
  gint64 id;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), 0);
  g_return_val_if_fail (dependency != NULL, 0);

  if (import_source == NULL)
    import_source = "manual";

  if (!flaw_dependency_check (dependency->ecosystem, dependency->name, dependency->version, error))
    return 0;

  if (!flaw_database_begin (database, error))
    return 0;

  if (!check_unique (database, import_source, dependency->ecosystem, dependency->name,
                     dependency->version, 0, error) ||
      (id = insert_component (database, dependency, import_source, error)) == 0)
    {
      flaw_database_rollback (database);
      return 0;
    }

  if (!flaw_database_commit (database, error))
    return 0;

  return id;
}

gint64
_flaw_vulnerability_resolve (FlawDatabase  *database,
                             const char    *alias,
                             GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (database,
                                              "SELECT vulnerability_id FROM vuln_alias WHERE alias = ?",
                                              error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rc < 0 ? -1 : id;
}

char *
_flaw_dependency_format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static gboolean
contains_row (GArray *rows,
              gint64  row)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, gint64, i) == row)
      return TRUE;

  return FALSE;
}

void
_flaw_check_changes_init (FlawCheckChanges *changes)
{
  changes->found = FALSE;
  changes->added = g_array_new (FALSE, FALSE, sizeof (gint64));
  changes->n_removed = 0;
}

void
_flaw_check_changes_clear (FlawCheckChanges *changes)
{
  g_clear_pointer (&changes->added, g_array_unref);
}

/**
 * _flaw_component_record_check:
 * @changes: initialized with _flaw_check_changes_init(); filled in
 *
 * Records that the component was checked now and what affects it: links
 * already known keep the time they were first found, links gone are
 * removed, and the change is logged. A component that no longer exists
 * (removed while it was checked) is no error: @changes says so.
 */
gboolean
_flaw_component_record_check (FlawDatabase        *database,
                              gint64               component_id,
                              const char * const  *osv_ids,
                              FlawCheckChanges    *changes,
                              GError             **error)
{
  g_autoptr(GPtrArray) old_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) vuln_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *old_list = NULL;
  g_autofree char *new_list = NULL;
  g_autofree char *old_time = NULL;
  g_autofree char *new_time = NULL;
  sqlite3_stmt *stmt;
  gint64 now = flaw_clock_now ();
  int rc;

  g_return_val_if_fail (changes != NULL && changes->added != NULL, FALSE);

  stmt = flaw_database_prepare (database, "SELECT last_checked FROM component WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component_id);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    old_time = _flaw_dependency_format_time (sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  changes->found = rc == SQLITE_ROW;
  if (!changes->found)
    return TRUE;

  stmt = flaw_database_prepare (database,
                                "SELECT v.id, v.osv_id FROM component_vuln AS cv JOIN vulnerability AS v "
                                "ON v.id = cv.vulnerability_id WHERE cv.component_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component_id);
  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (old_rows, row);
      g_ptr_array_add (old_ids, dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; osv_ids != NULL && osv_ids[i] != NULL; i++)
    {
      gint64 row = _flaw_vulnerability_resolve (database, osv_ids[i], error);

      if (row < 0)
        return FALSE;
      if (row == 0)
        {
          g_set_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND,
                       _("The vulnerability %s is not stored; store it before linking it to a component."),
                       osv_ids[i]);
          return FALSE;
        }

      /* Two aliases of one flaw are one link. */
      if (contains_row (vuln_rows, row))
        continue;

      g_array_append_val (vuln_rows, row);
    }

  /* Links already known keep the time they were first found. */
  for (guint i = 0; i < old_rows->len; i++)
    {
      if (contains_row (vuln_rows, g_array_index (old_rows, gint64, i)))
        continue;

      changes->n_removed++;

      stmt = flaw_database_prepare (database,
                                    "DELETE FROM component_vuln WHERE component_id = ? AND vulnerability_id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, component_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (old_rows, gint64, i));
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < vuln_rows->len; i++)
    {
      if (!contains_row (old_rows, g_array_index (vuln_rows, gint64, i)))
        g_array_append_val (changes->added, g_array_index (vuln_rows, gint64, i));

      stmt = flaw_database_prepare (database,
                                    "INSERT OR IGNORE INTO component_vuln (component_id, vulnerability_id, found) "
                                    "VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, component_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (vuln_rows, gint64, i));
      sqlite3_bind_int64 (stmt, 3, now);
      if (!flaw_database_execute (database, stmt, error))
        return FALSE;

      stmt = flaw_database_prepare (database, "SELECT osv_id FROM vulnerability WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (vuln_rows, gint64, i));
      if (flaw_database_step (database, stmt, error) != SQLITE_ROW)
        return FALSE;
      g_ptr_array_add (new_ids, dup_column (stmt, 0));
      sqlite3_reset (stmt);
    }

  stmt = flaw_database_prepare (database, "UPDATE component SET last_checked = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, component_id);
  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  g_ptr_array_sort (old_ids, compare_strings);
  g_ptr_array_sort (new_ids, compare_strings);
  g_ptr_array_add (old_ids, NULL);
  g_ptr_array_add (new_ids, NULL);
  old_list = g_strjoinv (" ", (char **) old_ids->pdata);
  new_list = g_strjoinv (" ", (char **) new_ids->pdata);
  new_time = _flaw_dependency_format_time (now);

  if (g_strcmp0 (old_list, new_list) != 0 &&
      !flaw_database_append_event (database, "component", component_id, "vulns",
                                   old_list, new_list, error))
    return FALSE;

  /* The event log says when a component was first checked; a later check
   * that finds the same is in last_checked only, or every sync would log
   * every component. */
  if (old_time == NULL &&
      !flaw_database_append_event (database, "component", component_id, "last_checked",
                                   NULL, new_time, error))
    return FALSE;

  return TRUE;
}

/**
 * flaw_component_record_check:
 * @osv_ids: (array zero-terminated=1) (nullable): the ids (or aliases) of
 *   the stored vulnerabilities that affect the component; empty or %NULL
 *   when the check found nothing
 *
 * Records that the component was checked now and what affects it. After
 * this the component is "checked" even when nothing was found.
 */
gboolean
flaw_component_record_check (FlawDatabase        *database,
                             gint64               component_id,
                             const char * const  *osv_ids,
                             GError             **error)
{
  FlawCheckChanges changes;
  gboolean ok;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  _flaw_check_changes_init (&changes);
  ok = _flaw_component_record_check (database, component_id, osv_ids, &changes, error);
  if (ok && !changes.found)
    {
      g_set_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND,
                   _("There is no component %lld; it may have been removed by an import."),
                   (long long) component_id);
      ok = FALSE;
    }
  _flaw_check_changes_clear (&changes);

  if (!ok)
    {
      flaw_database_rollback (database);
      return FALSE;
    }

  return flaw_database_commit (database, error);
}
