/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-source-factory.h"
#include "flaw-source-store.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} Wait;

void
flaw_test_sync_init (FlawTestSync *sync,
                     const char   *dir)
{
  g_autoptr(GError) error = NULL;

  sync->dir = g_strdup (dir);
  sync->path = g_build_filename (dir, "flawdesk.db", NULL);
  sync->store = flaw_store_new (sync->path);
  g_assert_true (flaw_store_open (sync->store, NULL, &error));
  g_assert_no_error (error);
  sync->http = flaw_http_new ();
  sync->credentials = flaw_credentials_new (sync->path);
  flaw_credentials_set_timeout (sync->credentials, 10000);
}

void
flaw_test_sync_clear (FlawTestSync *sync)
{
  if (sync->store != NULL)
    FLAW_TEST_WAIT_UNTIL (G_OBJECT (sync->store)->ref_count == 1, 5000);
  g_clear_object (&sync->store);
  g_clear_object (&sync->http);
  g_clear_object (&sync->credentials);
  g_clear_pointer (&sync->path, g_free);
  g_clear_pointer (&sync->dir, g_free);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  flaw_credentials_store_finish (FLAW_CREDENTIALS (object), result, &wait->error);
  wait->done = TRUE;
}

void
flaw_test_store_secret (FlawCredentials *credentials,
                        gint64           source_id,
                        const char      *secret)
{
  Wait wait = { 0 };

  flaw_credentials_store_async (credentials, source_id, "test", secret, NULL, stored_cb, &wait);
  FLAW_TEST_WAIT_UNTIL (wait.done, 15000);
  g_assert_no_error (wait.error);
}

typedef struct
{
  const char *kind;
  const char *name;
  const char *config;
} AddJob;

static gpointer
add_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  AddJob *job = data;
  gint64 id = flaw_source_store_add (database, job->kind, job->name, job->config, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

gint64
flaw_test_sync_add_source (FlawTestSync *sync,
                           const char   *kind,
                           const char   *name,
                           const char   *config,
                           const char   *secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;
  AddJob job = { kind, name, config };

  id = flaw_store_run (sync->store, add_job, &job, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  if (secret != NULL)
    flaw_test_store_secret (sync->credentials, *id, secret);

  return *id;
}

static gpointer
get_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  return flaw_source_store_get (database, *(gint64 *) data, error);
}

FlawSource *
flaw_test_sync_make_source (FlawTestSync *sync,
                            gint64        source_id)
{
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  FlawSourceFactoryData data = { sync->http, sync->credentials };
  FlawSource *source;

  info = flaw_store_run (sync->store, get_job, &source_id, NULL, &error);
  g_assert_no_error (error);

  source = flaw_source_factory_create (info, &data, &error);
  g_assert_no_error (error);

  return source;
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = flaw_source_sync_finish (FLAW_SOURCE (object), result, &wait->error);
  wait->done = TRUE;
}

FlawIngestResult *
flaw_test_sync_run (FlawTestSync  *sync,
                    FlawSource    *source,
                    GError       **error)
{
  Wait wait = { 0 };

  flaw_source_sync_async (source, sync->store, NULL, synced_cb, &wait);
  FLAW_TEST_WAIT_UNTIL (wait.done, 60000);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.result;
}

static gpointer
dump_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT r.remote_id, r.title, coalesce (r.reporter, ''), "
                                "coalesce (r.reporter_address, ''), r.received, "
                                "coalesce ((SELECT t.remote_id FROM report t WHERE t.id = r.thread_of), ''), "
                                "r.withdrawn, r.body_truncated, r.html_only, length (r.body), "
                                "hex (substr (r.body, 1, 40)), r.status, coalesce (r.severity, ''), "
                                "(SELECT count (*) FROM attachment a WHERE a.report_id = r.id), "
                                "coalesce (r.message_id, '') "
                                "FROM report r ORDER BY r.remote_id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (dump, '\n');
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_string_free (dump, TRUE);
      return NULL;
    }

  return g_string_free (dump, FALSE);
}

/**
 * flaw_test_sync_dump_reports:
 *
 * Every report as a line of the fields a sync writes, by remote id, with
 * the thread named by its root's remote id: two databases synced from the
 * same mailbox dump the same.
 */
char *
flaw_test_sync_dump_reports (FlawTestSync *sync)
{
  g_autoptr(GError) error = NULL;
  char *dump = flaw_store_run (sync->store, dump_job, NULL, NULL, &error);

  g_assert_no_error (error);

  return dump;
}

typedef struct
{
  const char *sql;
  const char *text;
  gboolean    want_text;
} QueryJob;

static gpointer
query_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  QueryJob *job = data;
  sqlite3_stmt *stmt = flaw_database_prepare (database, job->sql, error);
  gpointer result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  if (job->text != NULL)
    sqlite3_bind_text (stmt, 1, job->text, -1, SQLITE_TRANSIENT);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW && job->want_text)
    result = g_strdup (sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "(null)");
  else if (rc == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      result = g_memdup2 (&value, sizeof value);
    }
  else if (rc == SQLITE_DONE)
    result = job->want_text ? g_strdup ("(no row)") : g_memdup2 (&(gint64) { -1 }, sizeof (gint64));
  sqlite3_reset (stmt);

  return result;
}

gint64
flaw_test_sync_query_int (FlawTestSync *sync,
                          const char   *sql,
                          const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *value = NULL;
  QueryJob job = { sql, text, FALSE };

  value = flaw_store_run (sync->store, query_job, &job, NULL, &error);
  g_assert_no_error (error);

  return *value;
}

char *
flaw_test_sync_query_text (FlawTestSync *sync,
                           const char   *sql,
                           const char   *text)
{
  g_autoptr(GError) error = NULL;
  QueryJob job = { sql, text, TRUE };
  char *value = flaw_store_run (sync->store, query_job, &job, NULL, &error);

  g_assert_no_error (error);

  return value;
}
