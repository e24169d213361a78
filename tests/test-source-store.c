/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-report-ingest.h"
#include "flaw-source-store.h"
#include "flaw-test-utils.h"

typedef struct
{
  char         *dir;
  FlawDatabase *database;
  FlawStore    *store;
  gboolean      done;
  gpointer      result;
  GError       *error;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (1790000000);
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->database = flaw_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  if (fixture->store != NULL)
    {
      FLAW_TEST_WAIT_UNTIL (G_OBJECT (fixture->store)->ref_count == 1, 5000);
      g_assert_finalize_object (fixture->store);
    }
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_error (&fixture->error);
  flaw_clock_unset_fixed ();
}

static gint64
count_events (Fixture    *fixture,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = flaw_database_prepare (fixture->database,
                                              "SELECT count (*) FROM event WHERE entity = 'source' AND field = ?",
                                              &error);
  gint64 n = -1;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, field, -1, SQLITE_TRANSIENT);
  if (flaw_database_step (fixture->database, stmt, &error) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

static void
test_add_list_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(FlawSourceInfo) copy = NULL;
  g_autoptr(FlawIngestBatch) batch = NULL;
  g_autoptr(FlawIngestResult) result = flaw_ingest_result_new ();
  FlawSyncedMessage *message;
  gint64 mail, github;

  mail = flaw_source_store_add (fixture->database, "jmap", "zeta mail", "{\"url\":\"https://x\"}", &error);
  g_assert_no_error (error);
  github = flaw_source_store_add (fixture->database, "github", "Alpha", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (flaw_source_store_add (fixture->database, "jmap", "Alpha", "{}", &error), ==, 0);
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);
  g_assert_cmpint (flaw_source_store_add (fixture->database, "imap", "X", "{}", &error), ==, 0);
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (flaw_source_store_add (fixture->database, "jmap", "X", "[1]", &error), ==, 0);
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (flaw_source_store_add (fixture->database, "jmap", "", "{}", &error), ==, 0);
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  sources = flaw_source_store_list (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (((FlawSourceInfo *) g_ptr_array_index (sources, 0))->name, ==, "Alpha");
  g_assert_cmpstr (((FlawSourceInfo *) g_ptr_array_index (sources, 1))->config, ==, "{\"url\":\"https://x\"}");
  g_assert_true (((FlawSourceInfo *) g_ptr_array_index (sources, 1))->enabled);

  g_assert_null (flaw_source_store_find (fixture->database, "missing", &error));
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "flawdesk-cli source list"));
  g_clear_error (&error);

  /* Status columns, with a changed error in the event log. */
  g_assert_true (flaw_source_store_record_result (fixture->database, github, 100, FALSE, "Failed",
                                                  "The server has a problem", &error));
  g_assert_true (flaw_source_store_record_result (fixture->database, github, 200, FALSE, "Failed",
                                                  "The server has a problem", &error));
  g_assert_true (flaw_source_store_record_result (fixture->database, github, 300, TRUE, "1 new", NULL, &error));
  g_assert_no_error (error);
  info = flaw_source_store_get (fixture->database, github, &error);
  g_assert_cmpint (info->last_sync_time, ==, 300);
  g_assert_cmpint (info->last_success_time, ==, 300);
  g_assert_cmpstr (info->last_result, ==, "1 new");
  g_assert_null (info->last_error);
  g_assert_cmpint (count_events (fixture, "last_error"), ==, 2);
  copy = flaw_source_info_copy (info);
  g_assert_cmpstr (copy->name, ==, "Alpha");

  g_assert_true (flaw_source_store_set_enabled (fixture->database, github, FALSE, &error));
  g_assert_true (flaw_source_store_set_enabled (fixture->database, github, FALSE, &error));
  g_assert_cmpint (count_events (fixture, "enabled"), ==, 1);

  /* A removed source's reports stay. */
  batch = flaw_ingest_batch_new (mail);
  message = flaw_synced_message_new ();
  message->remote_id = g_strdup ("e1");
  message->title = g_strdup ("Report");
  g_ptr_array_add (batch->messages, message);
  batch->state = g_strdup ("{\"emailState\":\"1\"}");
  g_assert_true (flaw_report_ingest_apply (fixture->database, batch, result, &error));
  g_assert_true (flaw_source_store_remove (fixture->database, mail, &error));
  g_assert_no_error (error);
  g_assert_false (flaw_source_store_advance_state (fixture->database, mail, "{}", &error));
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_events (fixture, "removed"), ==, 1);
  {
    sqlite3_stmt *stmt = flaw_database_prepare (fixture->database,
                                                "SELECT count (*) FROM report WHERE source_id IS NULL", NULL);

    g_assert_cmpint (flaw_database_step (fixture->database, stmt, NULL), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_reset (stmt);
  }
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
  fixture->done = TRUE;
}

static GAsyncResult *
wait (Fixture *fixture)
{
  fixture->done = FALSE;
  g_clear_object (&fixture->result);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 5000);

  return fixture->result;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "async.db", NULL);
  gint64 id;

  fixture->store = flaw_store_new (path);
  g_assert_true (flaw_store_open (fixture->store, NULL, &error));

  flaw_source_store_add_async (fixture->store, "github", "GH", "{\"repos\":[\"a/b\"]}", NULL, done_cb, fixture);
  id = flaw_source_store_add_finish (fixture->store, wait (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  flaw_source_store_set_enabled_async (fixture->store, id, FALSE, NULL, done_cb, fixture);
  g_assert_true (flaw_source_store_set_enabled_finish (fixture->store, wait (fixture), &error));

  flaw_source_store_list_async (fixture->store, NULL, done_cb, fixture);
  sources = flaw_source_store_list_finish (fixture->store, wait (fixture), &error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_false (((FlawSourceInfo *) g_ptr_array_index (sources, 0))->enabled);

  flaw_source_store_remove_async (fixture->store, id, NULL, done_cb, fixture);
  g_assert_true (flaw_source_store_remove_finish (fixture->store, wait (fixture), &error));
  flaw_source_store_remove_async (fixture->store, id, NULL, done_cb, fixture);
  g_assert_false (flaw_source_store_remove_finish (fixture->store, wait (fixture), &error));
  g_assert_error (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND);
  g_clear_object (&fixture->result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/flawdesk/source-store/add-list-remove", Fixture, NULL, fixture_set_up,
              test_add_list_remove, fixture_tear_down);
  g_test_add ("/flawdesk/source-store/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
