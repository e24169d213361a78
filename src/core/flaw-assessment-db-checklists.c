/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-assessment-db.h"
#include "flaw-clock.h"

/* Checklists: the one Flawdesk ships and those users imported. */

static FlawChecklist *
load_stored_checklist (FlawDatabase  *database,
                       const char    *checklist_id,
                       gint64         version,
                       gboolean      *found,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *json = NULL;
  int rc;

  *found = FALSE;

  stmt = flaw_database_prepare (database,
                                "SELECT json FROM checklist WHERE checklist_id = ?1 "
                                "AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, checklist_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, version);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc < 0 || json == NULL)
    return NULL;

  *found = TRUE;

  return flaw_checklist_new_from_data (json, -1, error);
}

/**
 * flaw_assessment_db_load_checklist:
 * @version: a version, or 0 for the latest one
 *
 * Finds a checklist among the built-in one and those imported.
 *
 * Returns: (transfer full): the checklist, or %NULL with @error set
 */
FlawChecklist *
flaw_assessment_db_load_checklist (FlawDatabase  *database,
                                   const char    *checklist_id,
                                   gint64         version,
                                   GError       **error)
{
  g_autoptr(FlawChecklist) builtin = NULL;
  g_autoptr(FlawChecklist) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (checklist_id != NULL, NULL);

  if (!(builtin = flaw_checklist_load_builtin (error)))
    return NULL;

  if (g_str_equal (checklist_id, builtin->id) && version == builtin->version)
    return g_steal_pointer (&builtin);

  stored = load_stored_checklist (database, checklist_id, version, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_str_equal (checklist_id, builtin->id) && version == 0 &&
      (stored == NULL || stored->version < builtin->version))
    return g_steal_pointer (&builtin);

  if (stored != NULL)
    return g_steal_pointer (&stored);

  if (version > 0)
    g_set_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_NOT_FOUND,
                 _("There is no checklist “%s” version %" PRId64 ". Import it first."),
                 checklist_id, version);
  else
    g_set_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_NOT_FOUND,
                 _("There is no checklist “%s”. Import it first."), checklist_id);

  return NULL;
}

/**
 * flaw_assessment_db_list_checklists:
 *
 * Returns: (transfer container) (element-type FlawChecklist): the built-in
 *   checklist, then every imported one by id and version
 */
GPtrArray *
flaw_assessment_db_list_checklists (FlawDatabase  *database,
                                    GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_checklist_unref);
  FlawChecklist *builtin;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  if (!(builtin = flaw_checklist_load_builtin (error)))
    return NULL;
  g_ptr_array_add (list, builtin);

  stmt = flaw_database_prepare (database,
                                "SELECT json FROM checklist ORDER BY checklist_id, version",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawChecklist *checklist;

      checklist = flaw_checklist_new_from_data ((const char *) sqlite3_column_text (stmt, 0), -1, NULL);
      if (checklist != NULL)
        g_ptr_array_add (list, checklist);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&list);
}

/**
 * flaw_assessment_db_import_checklist:
 *
 * Validates a checklist file and stores it. Importing the same file twice
 * is harmless; a different file with an id and version already known is
 * refused.
 *
 * Returns: (transfer full): the imported checklist, or %NULL with @error set
 */
FlawChecklist *
flaw_assessment_db_import_checklist (FlawDatabase  *database,
                                     const char    *json,
                                     gssize         length,
                                     GError       **error)
{
  g_autoptr(FlawChecklist) checklist = NULL;
  g_autoptr(FlawChecklist) builtin = NULL;
  g_autoptr(FlawChecklist) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  gboolean found = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if (!(checklist = flaw_checklist_new_from_data (json, length, error)))
    return NULL;

  if (!(builtin = flaw_checklist_load_builtin (error)))
    return NULL;

  if (g_str_equal (checklist->id, builtin->id) && checklist->version <= builtin->version)
    {
      g_set_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_EXISTS,
                   _("Checklist “%s” version %" PRId64 " ships with Flawdesk. "
                     "Give the file another id, or a version above %" PRId64 "."),
                   checklist->id, checklist->version, builtin->version);
      return NULL;
    }

  existing = load_stored_checklist (database, checklist->id, checklist->version, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (found)
    {
      if (existing != NULL && g_str_equal (existing->json, checklist->json))
        return g_steal_pointer (&checklist);

      g_set_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_EXISTS,
                   _("A different checklist “%s” version %" PRId64 " was imported "
                     "before. Raise the version in the file and import it again."),
                   checklist->id, checklist->version);
      return NULL;
    }

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO checklist (checklist_id, version, title, json, imported) "
                                "VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, checklist->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, checklist->version);
  sqlite3_bind_text (stmt, 3, checklist->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, checklist->json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, flaw_clock_now ());

  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  label = g_strdup_printf ("%s@%" PRId64, checklist->id, checklist->version);
  if (!flaw_database_append_event (database, "checklist",
                                   sqlite3_last_insert_rowid (flaw_database_get_handle (database)),
                                   "imported", NULL, label, error))
    goto fail;

  if (!flaw_database_commit (database, error))
    return NULL;

  return g_steal_pointer (&checklist);

fail:
  flaw_database_rollback (database);
  return NULL;
}
