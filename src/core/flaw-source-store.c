/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-source-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-source-store.h"

#define SOURCE_COLUMNS \
  "id, kind, name, config, enabled, state, last_sync_time, last_success_time, " \
  "last_result, last_error, created"

G_DEFINE_QUARK (flaw-source-store-error-quark, flaw_source_store_error)

G_DEFINE_BOXED_TYPE (FlawSourceInfo, flaw_source_info, flaw_source_info_copy, flaw_source_info_free)

FlawSourceInfo *
flaw_source_info_copy (const FlawSourceInfo *info)
{
  FlawSourceInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->kind = g_strdup (info->kind);
  copy->name = g_strdup (info->name);
  copy->config = g_strdup (info->config);
  copy->state = g_strdup (info->state);
  copy->last_result = g_strdup (info->last_result);
  copy->last_error = g_strdup (info->last_error);

  return copy;
}

void
flaw_source_info_free (FlawSourceInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->kind);
  g_free (info->name);
  g_free (info->config);
  g_free (info->state);
  g_free (info->last_result);
  g_free (info->last_error);
  g_free (info);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static FlawSourceInfo *
info_from_row (sqlite3_stmt *stmt)
{
  FlawSourceInfo *info = g_new0 (FlawSourceInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->kind = dup_text (stmt, 1);
  info->name = dup_text (stmt, 2);
  info->config = dup_text (stmt, 3);
  info->enabled = sqlite3_column_int (stmt, 4) != 0;
  info->state = dup_text (stmt, 5);
  info->last_sync_time = sqlite3_column_int64 (stmt, 6);
  info->last_success_time = sqlite3_column_int64 (stmt, 7);
  info->last_result = dup_text (stmt, 8);
  info->last_error = dup_text (stmt, 9);
  info->created = sqlite3_column_int64 (stmt, 10);

  return info;
}

static gboolean
is_valid_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;

  root = json_parser_get_root (parser);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root);
}

/**
 * flaw_source_store_add:
 * @kind: "jmap", "github" or "osv"
 * @name: a name unique among sources
 * @config: (nullable): non-secret settings as a JSON object
 *
 * Returns: the new source's id, or 0 with @error set
 */
gint64
flaw_source_store_add (FlawDatabase  *database,
                       const char    *kind,
                       const char    *name,
                       const char    *config,
                       GError       **error)
{
  g_autoptr(FlawSourceInfo) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), 0);
  g_return_val_if_fail (kind != NULL, 0);

  if (!g_str_equal (kind, "jmap") && !g_str_equal (kind, "github") && !g_str_equal (kind, "osv"))
    {
      g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of source Flawdesk knows. Use jmap or github."), kind);
      return 0;
    }

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID,
                   _("A source needs a name."));
      return 0;
    }

  if (config == NULL)
    config = "{}";

  if (!is_valid_json_object (config))
    {
      g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID,
                   _("The settings of source “%s” are not a JSON object."), name);
      return 0;
    }

  existing = flaw_source_store_find (database, name, &local_error);
  if (existing != NULL)
    {
      g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_DUPLICATE_NAME,
                   _("A source named “%s” exists already. Choose another name, or remove it first."),
                   name);
      return 0;
    }
  if (!g_error_matches (local_error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  if (!flaw_database_begin (database, error))
    return 0;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO source (kind, name, config, created) "
                                "VALUES (?, ?, json (?), ?)",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, config, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, flaw_clock_now ());

  if (!flaw_database_execute (database, stmt, error))
    goto failed;

  id = sqlite3_last_insert_rowid (flaw_database_get_handle (database));

  if (!flaw_database_append_event (database, "source", id, "created", NULL, name, error))
    goto failed;

  if (!flaw_database_commit (database, error))
    return 0;

  return id;

failed:
  flaw_database_rollback (database);
  return 0;
}

/**
 * flaw_source_store_list:
 *
 * Returns: (transfer container) (element-type FlawSourceInfo): every source,
 *   by name
 */
GPtrArray *
flaw_source_store_list (FlawDatabase  *database,
                        GError       **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_source_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  stmt = flaw_database_prepare (database,
                                "SELECT " SOURCE_COLUMNS " FROM source ORDER BY name COLLATE NOCASE, id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (sources, info_from_row (stmt));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&sources);
}

static FlawSourceInfo *
get_one (FlawDatabase  *database,
         const char    *sql,
         gint64         id,
         const char    *name,
         GError       **error)
{
  FlawSourceInfo *info = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = flaw_database_prepare (database, sql, error)))
    return NULL;

  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    info = info_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      if (name != NULL)
        g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND,
                     _("There is no source named “%s”. “flawdesk-cli source list” shows the sources."),
                     name);
      else
        g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND,
                     _("Source %lld does not exist any more."), (long long) id);
    }

  return info;
}

FlawSourceInfo *
flaw_source_store_get (FlawDatabase  *database,
                       gint64         id,
                       GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  return get_one (database, "SELECT " SOURCE_COLUMNS " FROM source WHERE id = ?", id, NULL, error);
}

FlawSourceInfo *
flaw_source_store_find (FlawDatabase  *database,
                        const char    *name,
                        GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return get_one (database, "SELECT " SOURCE_COLUMNS " FROM source WHERE name = ?", 0, name, error);
}

static gboolean
update_in_transaction (FlawDatabase  *database,
                       const char    *sql,
                       gint64         id,
                       int            value,
                       const char    *field,
                       const char    *old_value,
                       const char    *new_value,
                       GError       **error)
{
  sqlite3_stmt *stmt;

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!(stmt = flaw_database_prepare (database, sql, error)))
    goto failed;

  if (value >= 0)
    {
      sqlite3_bind_int (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);

  if (!flaw_database_execute (database, stmt, error) ||
      !flaw_database_append_event (database, "source", id, field, old_value, new_value, error))
    goto failed;

  return flaw_database_commit (database, error);

failed:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_source_store_remove:
 *
 * Removes a source. Its reports stay: they lose their source, never their
 * triage.
 */
gboolean
flaw_source_store_remove (FlawDatabase  *database,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(FlawSourceInfo) info = NULL;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!(info = flaw_source_store_get (database, id, error)))
    return FALSE;

  return update_in_transaction (database, "DELETE FROM source WHERE id = ?", id, -1,
                                "removed", info->name, NULL, error);
}

gboolean
flaw_source_store_set_enabled (FlawDatabase  *database,
                               gint64         id,
                               gboolean       enabled,
                               GError       **error)
{
  g_autoptr(FlawSourceInfo) info = NULL;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!(info = flaw_source_store_get (database, id, error)))
    return FALSE;

  if (info->enabled == !!enabled)
    return TRUE;

  return update_in_transaction (database, "UPDATE source SET enabled = ? WHERE id = ?", id,
                                enabled ? 1 : 0, "enabled",
                                info->enabled ? "1" : "0", enabled ? "1" : "0", error);
}

/**
 * flaw_source_store_record_result:
 * @time: when the sync ended
 * @success: whether it succeeded
 * @result: (nullable): what it did, in plain words
 * @error_message: (nullable): why it failed, in plain words
 *
 * Writes the status columns a user sees beside the source. A change of
 * the error (a failure appearing or going away) goes to the event log.
 */
gboolean
flaw_source_store_record_result (FlawDatabase  *database,
                                 gint64         id,
                                 gint64         time,
                                 gboolean       success,
                                 const char    *result,
                                 const char    *error_message,
                                 GError       **error)
{
  g_autoptr(FlawSourceInfo) info = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!(info = flaw_source_store_get (database, id, error)))
    goto failed;

  stmt = flaw_database_prepare (database,
                                "UPDATE source SET last_sync_time = ?, "
                                "last_success_time = CASE WHEN ? THEN ? ELSE last_success_time END, "
                                "last_result = ?, last_error = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, time);
  sqlite3_bind_int (stmt, 2, success ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, time);
  sqlite3_bind_text (stmt, 4, result, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, success ? NULL : error_message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, id);

  if (!flaw_database_execute (database, stmt, error))
    goto failed;

  if (g_strcmp0 (info->last_error, success ? NULL : error_message) != 0 &&
      !flaw_database_append_event (database, "source", id, "last_error", info->last_error,
                                   success ? NULL : error_message, error))
    goto failed;

  return flaw_database_commit (database, error);

failed:
  flaw_database_rollback (database);
  return FALSE;
}

/**
 * flaw_source_store_read_state:
 * @state: (out) (transfer full) (nullable): the stored sync position, or
 *   %NULL before the first sync
 */
gboolean
flaw_source_store_read_state (FlawDatabase  *database,
                              gint64         id,
                              char         **state,
                              GError       **error)
{
  g_autoptr(FlawSourceInfo) info = NULL;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (!(info = flaw_source_store_get (database, id, error)))
    return FALSE;

  *state = g_steal_pointer (&info->state);

  return TRUE;
}

/**
 * flaw_source_store_advance_state:
 * @state: (nullable): the new sync position, a JSON value
 *
 * Stores the sync position. Call it inside the transaction that stores the
 * data the position covers (flaw_report_ingest_apply() does).
 */
gboolean
flaw_source_store_advance_state (FlawDatabase  *database,
                                 gint64         id,
                                 const char    *state,
                                 GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);

  stmt = flaw_database_prepare (database, "UPDATE source SET state = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);

  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  if (sqlite3_changes (flaw_database_get_handle (database)) == 0)
    {
      g_set_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND,
                   _("Source %lld was removed while it was being synced."), (long long) id);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char     *kind;
  char     *name;
  char     *config;
  gint64    id;
  gboolean  enabled;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->kind);
  g_free (data->name);
  g_free (data->config);
  g_free (data);
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_source_store_list (database, error);
}

static gpointer
add_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  AddData *add = data;
  gint64 id = flaw_source_store_add (database, add->kind, add->name, add->config, error);

  if (id == 0)
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static gpointer
remove_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AddData *remove = data;

  if (!flaw_source_store_remove (database, remove->id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
enable_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AddData *enable = data;

  if (!flaw_source_store_set_enabled (database, enable->id, enable->enabled, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
flaw_source_store_list_async (FlawStore           *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_source_store_list_finish:
 *
 * Returns: (transfer container) (element-type FlawSourceInfo): the sources
 */
GPtrArray *
flaw_source_store_list_finish (FlawStore     *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_source_store_add_async (FlawStore           *store,
                             const char          *kind,
                             const char          *name,
                             const char          *config,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AddData *data;

  g_return_if_fail (FLAW_IS_STORE (store));

  data = g_new0 (AddData, 1);
  data->kind = g_strdup (kind);
  data->name = g_strdup (name);
  data->config = g_strdup (config);

  flaw_store_run_async (store, add_job, data, (GDestroyNotify) add_data_free, g_free,
                        cancellable, callback, user_data);
}

gint64
flaw_source_store_add_finish (FlawStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *id = flaw_store_run_finish (store, result, error);

  return id != NULL ? *id : 0;
}

void
flaw_source_store_remove_async (FlawStore           *store,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AddData *data;

  g_return_if_fail (FLAW_IS_STORE (store));

  data = g_new0 (AddData, 1);
  data->id = id;

  flaw_store_run_async (store, remove_job, data, (GDestroyNotify) add_data_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
flaw_source_store_remove_finish (FlawStore     *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return flaw_store_run_finish (store, result, error) != NULL;
}

/**
 * flaw_source_store_set_enabled_async:
 *
 * Includes a source in the automatic syncs, or leaves it out.
 */
void
flaw_source_store_set_enabled_async (FlawStore           *store,
                                     gint64               id,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  AddData *data;

  g_return_if_fail (FLAW_IS_STORE (store));

  data = g_new0 (AddData, 1);
  data->id = id;
  data->enabled = enabled;

  flaw_store_run_async (store, enable_job, data, (GDestroyNotify) add_data_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
flaw_source_store_set_enabled_finish (FlawStore     *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return flaw_store_run_finish (store, result, error) != NULL;
}
