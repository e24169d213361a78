/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-ingest"

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-report-ingest.h"
#include "flaw-source-store.h"

static FlawIngestHook ingest_hook;
static gpointer ingest_hook_data;

FlawIngestBatch *
flaw_ingest_batch_new (gint64 source_id)
{
  FlawIngestBatch *batch = g_new0 (FlawIngestBatch, 1);

  batch->source_id = source_id;
  batch->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_synced_message_free);
  batch->withdrawn_ids = g_ptr_array_new_with_free_func (g_free);

  return batch;
}

void
flaw_ingest_batch_free (FlawIngestBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->messages, g_ptr_array_unref);
  g_clear_pointer (&batch->withdrawn_ids, g_ptr_array_unref);
  g_clear_pointer (&batch->present_ids, g_hash_table_unref);
  g_free (batch->state);
  g_free (batch);
}

/**
 * flaw_ingest_batch_set_complete:
 *
 * Declares that the batch lists everything the remote holds: every report
 * of the source that is neither among the messages nor added with
 * flaw_ingest_batch_add_present() is marked as withdrawn.
 */
void
flaw_ingest_batch_set_complete (FlawIngestBatch *batch)
{
  g_return_if_fail (batch != NULL);

  if (batch->present_ids == NULL)
    batch->present_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
flaw_ingest_batch_add_present (FlawIngestBatch *batch,
                               const char      *remote_id)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (remote_id != NULL);

  flaw_ingest_batch_set_complete (batch);
  g_hash_table_add (batch->present_ids, g_strdup (remote_id));
}

FlawIngestResult *
flaw_ingest_result_new (void)
{
  FlawIngestResult *result = g_new0 (FlawIngestResult, 1);

  result->new_report_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return result;
}

void
flaw_ingest_result_free (FlawIngestResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->new_report_ids, g_array_unref);
  g_free (result);
}

void
flaw_ingest_result_add (FlawIngestResult       *result,
                        const FlawIngestResult *other)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (other != NULL);

  result->n_new += other->n_new;
  result->n_updated += other->n_updated;
  result->n_unchanged += other->n_unchanged;
  result->n_withdrawn += other->n_withdrawn;
  g_array_append_vals (result->new_report_ids, other->new_report_ids->data,
                       other->new_report_ids->len);
}

/**
 * flaw_report_ingest_set_hook:
 *
 * Installs a function called after each message is written, inside the
 * transaction. Tests use it to kill the process in the middle of a sync.
 */
void
flaw_report_ingest_set_hook (FlawIngestHook hook,
                             gpointer       user_data)
{
  ingest_hook = hook;
  ingest_hook_data = user_data;
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  const FlawSyncedMessage *ma = *(const FlawSyncedMessage * const *) a;
  const FlawSyncedMessage *mb = *(const FlawSyncedMessage * const *) b;

  if (ma->received != mb->received)
    return ma->received < mb->received ? -1 : 1;

  return g_strcmp0 (ma->remote_id, mb->remote_id);
}

static char *
refs_to_json (GStrv refs)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (refs == NULL || refs[0] == NULL)
    return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; refs[i] != NULL; i++)
    json_builder_add_string_value (builder, refs[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* The root of the thread a message answers, or 0. */
static gboolean
find_thread_root (FlawDatabase             *database,
                  const FlawSyncedMessage  *message,
                  gint64                   *root,
                  GError                  **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  *root = 0;

  if (message->in_reply_to != NULL)
    g_ptr_array_add (candidates, message->in_reply_to);
  if (message->refs != NULL)
    for (guint i = g_strv_length (message->refs); i > 0; i--)
      g_ptr_array_add (candidates, message->refs[i - 1]);

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      int rc;

      if (message->message_id != NULL && g_str_equal (candidate, message->message_id))
        continue;

      stmt = flaw_database_prepare (database,
                                    "SELECT coalesce (thread_of, id) FROM report "
                                    "WHERE message_id = ? ORDER BY id LIMIT 1",
                                    error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, candidate, -1, SQLITE_TRANSIENT);
      rc = flaw_database_step (database, stmt, error);
      if (rc == SQLITE_ROW)
        *root = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (rc < 0)
        return FALSE;
      if (*root != 0)
        return TRUE;
    }

  return TRUE;
}

static gboolean
set_thread_of (FlawDatabase  *database,
               gint64         report_id,
               gint64         root,
               GError       **error)
{
  g_autofree char *new_value = g_strdup_printf ("%" G_GINT64_FORMAT, root);
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (database, "UPDATE report SET thread_of = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_int64 (stmt, 2, report_id);

  return flaw_database_execute (database, stmt, error) &&
         flaw_database_append_event (database, "report", report_id, "thread_of", NULL,
                                     new_value, error);
}

static gboolean
select_ids (FlawDatabase  *database,
            const char    *sql,
            gint64         id,
            const char    *text,
            GArray        *ids,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = flaw_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* Follow-ups that arrived before the message they answer join its thread
 * now, together with anything already threaded under them. */
static gboolean
adopt_follow_ups (FlawDatabase  *database,
                  gint64         report_id,
                  const char    *message_id,
                  GError       **error)
{
  g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_direct;

  if (!select_ids (database,
                   "SELECT id FROM report WHERE id != ?1 AND thread_of IS NULL AND "
                   "(in_reply_to = ?2 OR EXISTS (SELECT 1 FROM json_each (report.refs) "
                   "WHERE value = ?2)) ORDER BY id",
                   report_id, message_id, orphans, error))
    return FALSE;

  n_direct = orphans->len;
  for (guint i = 0; i < n_direct; i++)
    if (!select_ids (database, "SELECT id FROM report WHERE thread_of = ?1 ORDER BY id",
                     g_array_index (orphans, gint64, i), NULL, orphans, error))
      return FALSE;

  for (guint i = 0; i < orphans->len; i++)
    if (!set_thread_of (database, g_array_index (orphans, gint64, i), report_id, error))
      return FALSE;

  return TRUE;
}

static gboolean
store_attachments (FlawDatabase             *database,
                   gint64                    report_id,
                   const FlawSyncedMessage  *message,
                   GError                  **error)
{
  for (guint i = 0; i < message->attachments->len; i++)
    {
      const FlawSyncedAttachment *attachment = g_ptr_array_index (message->attachments, i);
      sqlite3_stmt *stmt;

      stmt = flaw_database_prepare (database,
                                    "INSERT INTO attachment (report_id, blob_id, name, type, size) "
                                    "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS "
                                    "(SELECT 1 FROM attachment WHERE report_id = ?1 AND blob_id IS ?2)",
                                    error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, report_id);
      sqlite3_bind_text (stmt, 2, attachment->blob_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, attachment->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, attachment->type, -1, SQLITE_TRANSIENT);
      if (attachment->size >= 0)
        sqlite3_bind_int64 (stmt, 5, attachment->size);
      else
        sqlite3_bind_null (stmt, 5);

      if (!flaw_database_execute (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_report (FlawDatabase             *database,
               gint64                    source_id,
               const FlawSyncedMessage  *message,
               gint64                   *report_id,
               GError                  **error)
{
  g_autofree char *refs = refs_to_json (message->refs);
  sqlite3_stmt *stmt;
  gint64 root = 0;
  gint64 now = flaw_clock_now ();

  if (!find_thread_root (database, message, &root, error))
    return FALSE;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO report (source_id, remote_id, thread_of, message_id, "
                                "in_reply_to, refs, title, reporter, reporter_address, received, body, "
                                "body_truncated, html_only, severity, cvss_vector, cvss_score, cwe, updated) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, message->remote_id, -1, SQLITE_TRANSIENT);
  if (root != 0)
    sqlite3_bind_int64 (stmt, 3, root);
  sqlite3_bind_text (stmt, 4, message->message_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, message->in_reply_to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, refs, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, message->title != NULL ? message->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, message->reporter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, message->reporter_address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, message->received > 0 ? message->received : now);
  sqlite3_bind_text (stmt, 11, message->body != NULL ? message->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, message->body_truncated ? 1 : 0);
  sqlite3_bind_int (stmt, 13, message->html_only ? 1 : 0);
  sqlite3_bind_text (stmt, 14, message->severity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, message->cvss_vector, -1, SQLITE_TRANSIENT);
  if (message->has_cvss_score)
    sqlite3_bind_double (stmt, 16, message->cvss_score);
  sqlite3_bind_text (stmt, 17, message->cwe, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 18, now);

  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  *report_id = sqlite3_last_insert_rowid (flaw_database_get_handle (database));

  if (!flaw_database_append_event (database, "report", *report_id, "synced", NULL,
                                   message->remote_id, error))
    return FALSE;

  if (message->message_id != NULL &&
      !adopt_follow_ups (database, *report_id, message->message_id, error))
    return FALSE;

  return store_attachments (database, *report_id, message, error);
}

static gboolean
text_differs (sqlite3_stmt *stmt,
              int           column,
              const char   *value)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, column), value) != 0;
}

typedef enum
{
  UPSERT_NEW,
  UPSERT_UPDATED,
  UPSERT_UNCHANGED,
} UpsertOutcome;

/* Only what the remote may change is written; triage fields never are. */
static gboolean
upsert_report (FlawDatabase             *database,
               gint64                    source_id,
               const FlawSyncedMessage  *message,
               UpsertOutcome            *outcome,
               gint64                   *report_id,
               GError                  **error)
{
  g_autoptr(GString) changed = g_string_new (NULL);
  const char *title = message->title != NULL ? message->title : "";
  const char *body = message->body != NULL ? message->body : "";
  gboolean was_withdrawn;
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT id, title, body, body_truncated, html_only, reporter, "
                                "reporter_address, withdrawn FROM report "
                                "WHERE source_id = ? AND remote_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, message->remote_id, -1, SQLITE_TRANSIENT);

  rc = flaw_database_step (database, stmt, error);
  if (rc < 0)
    return FALSE;

  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      *outcome = UPSERT_NEW;
      return insert_report (database, source_id, message, report_id, error);
    }

  *report_id = sqlite3_column_int64 (stmt, 0);
  if (text_differs (stmt, 1, title))
    g_string_append (changed, "title,");
  if (text_differs (stmt, 2, body))
    g_string_append (changed, "body,");
  if (sqlite3_column_int (stmt, 3) != (message->body_truncated ? 1 : 0))
    g_string_append (changed, "body_truncated,");
  if (sqlite3_column_int (stmt, 4) != (message->html_only ? 1 : 0))
    g_string_append (changed, "html_only,");
  if (text_differs (stmt, 5, message->reporter))
    g_string_append (changed, "reporter,");
  if (text_differs (stmt, 6, message->reporter_address))
    g_string_append (changed, "reporter_address,");
  was_withdrawn = sqlite3_column_int (stmt, 7) != 0;
  sqlite3_reset (stmt);

  if (!store_attachments (database, *report_id, message, error))
    return FALSE;

  if (changed->len == 0 && !was_withdrawn)
    {
      *outcome = UPSERT_UNCHANGED;
      return TRUE;
    }

  *outcome = UPSERT_UPDATED;

  stmt = flaw_database_prepare (database,
                                "UPDATE report SET title = ?, body = ?, body_truncated = ?, "
                                "html_only = ?, reporter = ?, reporter_address = ?, withdrawn = 0, "
                                "updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, message->body_truncated ? 1 : 0);
  sqlite3_bind_int (stmt, 4, message->html_only ? 1 : 0);
  sqlite3_bind_text (stmt, 5, message->reporter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, message->reporter_address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, flaw_clock_now ());
  sqlite3_bind_int64 (stmt, 8, *report_id);

  if (!flaw_database_execute (database, stmt, error))
    return FALSE;

  if (changed->len > 0)
    {
      g_string_truncate (changed, changed->len - 1);
      if (!flaw_database_append_event (database, "report", *report_id, "synced", NULL,
                                       changed->str, error))
        return FALSE;
    }

  if (was_withdrawn &&
      !flaw_database_append_event (database, "report", *report_id, "withdrawn", "1", "0", error))
    return FALSE;

  return TRUE;
}

static gboolean
withdraw (FlawDatabase  *database,
          gint64         source_id,
          const char    *remote_id,
          guint         *n_withdrawn,
          GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 report_id = 0;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT id FROM report WHERE source_id = ? AND remote_id = ? "
                                "AND withdrawn = 0",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    report_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc < 0)
    return FALSE;
  if (report_id == 0)
    return TRUE;

  stmt = flaw_database_prepare (database,
                                "UPDATE report SET withdrawn = 1, updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_clock_now ());
  sqlite3_bind_int64 (stmt, 2, report_id);

  if (!flaw_database_execute (database, stmt, error) ||
      !flaw_database_append_event (database, "report", report_id, "withdrawn", "0", "1", error))
    return FALSE;

  (*n_withdrawn)++;

  return TRUE;
}

static gboolean
withdraw_absent (FlawDatabase     *database,
                 FlawIngestBatch  *batch,
                 GHashTable       *seen,
                 guint            *n_unchanged,
                 guint            *n_withdrawn,
                 GError          **error)
{
  g_autoptr(GPtrArray) absent = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT remote_id FROM report WHERE source_id = ? AND withdrawn = 0 "
                                "AND remote_id IS NOT NULL ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, batch->source_id);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      const char *remote_id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (seen, remote_id))
        continue;

      /* Known and still there, but not sent again (an HTTP 304). */
      if (g_hash_table_contains (batch->present_ids, remote_id))
        (*n_unchanged)++;
      else
        g_ptr_array_add (absent, g_strdup (remote_id));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < absent->len; i++)
    if (!withdraw (database, batch->source_id, g_ptr_array_index (absent, i), n_withdrawn, error))
      return FALSE;

  return TRUE;
}

static gboolean
apply_in_transaction (FlawDatabase      *database,
                      FlawIngestBatch   *batch,
                      FlawIngestResult  *result,
                      GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (batch->messages, compare_messages);

  for (guint i = 0; i < batch->messages->len; i++)
    {
      FlawSyncedMessage *message = g_ptr_array_index (batch->messages, i);
      UpsertOutcome outcome;
      gint64 report_id = 0;

      if (message->remote_id == NULL || g_hash_table_contains (seen, message->remote_id))
        continue;

      g_hash_table_add (seen, message->remote_id);

      if (!upsert_report (database, batch->source_id, message, &outcome, &report_id, error))
        return FALSE;

      switch (outcome)
        {
        case UPSERT_NEW:
          result->n_new++;
          g_array_append_val (result->new_report_ids, report_id);
          break;
        case UPSERT_UPDATED:
          result->n_updated++;
          break;
        case UPSERT_UNCHANGED:
        default:
          result->n_unchanged++;
          break;
        }

      if (ingest_hook != NULL)
        ingest_hook (i, ingest_hook_data);
    }

  for (guint i = 0; i < batch->withdrawn_ids->len; i++)
    {
      const char *remote_id = g_ptr_array_index (batch->withdrawn_ids, i);

      if (g_hash_table_contains (seen, remote_id))
        continue;

      if (!withdraw (database, batch->source_id, remote_id, &result->n_withdrawn, error))
        return FALSE;
    }

  if (batch->present_ids != NULL &&
      !withdraw_absent (database, batch, seen, &result->n_unchanged, &result->n_withdrawn, error))
    return FALSE;

  return flaw_source_store_advance_state (database, batch->source_id, batch->state, error);
}

/**
 * flaw_report_ingest_apply:
 * @database: the database, on its thread
 * @batch: what a sync step delivered, with its new state
 * @result: counts to add this batch's outcome to
 *
 * Stores one batch in one transaction together with the source's new
 * state, so that a crash leaves either both or neither. Reports are keyed
 * by (source, remote id): applying the same batch twice changes nothing.
 */
gboolean
flaw_report_ingest_apply (FlawDatabase      *database,
                          FlawIngestBatch   *batch,
                          FlawIngestResult  *result,
                          GError           **error)
{
  g_autoptr(FlawIngestResult) local = flaw_ingest_result_new ();

  g_return_val_if_fail (FLAW_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!flaw_database_begin (database, error))
    return FALSE;

  if (!apply_in_transaction (database, batch, local, error))
    {
      flaw_database_rollback (database);
      return FALSE;
    }

  if (!flaw_database_commit (database, error))
    return FALSE;

  flaw_ingest_result_add (result, local);

  return TRUE;
}
