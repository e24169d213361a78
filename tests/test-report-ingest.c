/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include "flaw-clock.h"
#include "flaw-report-ingest.h"
#include "flaw-source-store.h"
#include "flaw-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  FlawDatabase *database;
  gint64        source_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (1790000000);
  fixture->dir = g_test_subprocess () ? g_strdup (g_getenv ("FLAW_TEST_INGEST_DIR"))
                                      : flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->database = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->source_id = flaw_source_store_add (fixture->database, "jmap", "Inbox", "{\"url\":\"x\"}", &error);
  if (g_error_matches (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_DUPLICATE_NAME))
    fixture->source_id = 1;
  else
    g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  if (!g_test_subprocess ())
    flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_clock_unset_fixed ();
}

static FlawSyncedMessage *
message_new (const char *remote_id,
             const char *message_id,
             const char *in_reply_to,
             const char *title,
             gint64      received)
{
  FlawSyncedMessage *message = flaw_synced_message_new ();

  message->remote_id = g_strdup (remote_id);
  message->message_id = g_strdup (message_id);
  message->in_reply_to = g_strdup (in_reply_to);
  message->title = g_strdup (title);
  message->body = g_strdup_printf ("Body of %s", title);
  message->received = received;
  message->severity = g_strdup ("high");

  return message;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = flaw_database_prepare (fixture->database, sql, &error);
  gint64 value = -1;

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (flaw_database_step (fixture->database, stmt, &error) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_no_error (error);

  return value;
}

static FlawIngestResult *
apply (Fixture         *fixture,
       FlawIngestBatch *batch)
{
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result = flaw_ingest_result_new ();

  g_assert_true (flaw_report_ingest_apply (fixture->database, batch, result, &error));
  g_assert_no_error (error);

  return result;
}

static void
test_upsert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FlawIngestBatch) batch = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestBatch) again = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  FlawSyncedMessage *changed;
  FlawSyncedAttachment *attachment;

  g_ptr_array_add (batch->messages, message_new ("e1", "m1", NULL, "First", 10));
  g_ptr_array_add (batch->messages, message_new ("e2", "m2", NULL, "Second", 20));
  attachment = flaw_synced_attachment_new ();
  attachment->blob_id = g_strdup ("b1");
  attachment->name = g_strdup ("poc.txt");
  g_ptr_array_add (((FlawSyncedMessage *) g_ptr_array_index (batch->messages, 0))->attachments, attachment);
  batch->state = g_strdup ("{\"emailState\":\"1\"}");

  first = apply (fixture, batch);
  g_assert_cmpuint (first->n_new, ==, 2);
  g_assert_cmpuint (first->new_report_ids->len, ==, 2);

  /* Triage changes its own fields; the remote changes the title. */
  g_assert_true (flaw_database_execute (fixture->database,
                                        flaw_database_prepare (fixture->database,
                                                               "UPDATE report SET status = 'triaged', severity = 'low', "
                                                               "unread = 0 WHERE remote_id = 'e1'", NULL),
                                        &error));
  changed = message_new ("e1", "m1", NULL, "First (edited)", 10);
  g_free (changed->severity);
  changed->severity = g_strdup ("critical");
  g_ptr_array_add (again->messages, changed);
  g_ptr_array_add (again->messages, message_new ("e2", "m2", NULL, "Second", 20));
  g_ptr_array_add (again->messages, message_new ("e2", "m2", NULL, "Second twice in a batch", 20));
  again->state = g_strdup ("{\"emailState\":\"2\"}");

  second = apply (fixture, again);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->n_unchanged, ==, 1);

  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report WHERE remote_id = ? AND status = 'triaged' "
                                       "AND severity = 'low' AND unread = 0 AND title = 'First (edited)'", "e1"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report", NULL), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM attachment", NULL), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM event WHERE entity = 'report' AND field = 'synced'",
                              NULL), ==, 3);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM event WHERE new_value = 'title,body'", NULL), ==, 1);
  g_assert_true (flaw_source_store_read_state (fixture->database, fixture->source_id, &state, &error));
  g_assert_cmpstr (state, ==, "{\"emailState\":\"2\"}");
}

static void
test_threading (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FlawIngestBatch) early = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestBatch) late = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestResult) r1 = NULL;
  g_autoptr(FlawIngestResult) r2 = NULL;
  FlawSyncedMessage *deep;
  gint64 root;

  /* The answers arrive before the message they answer. */
  g_ptr_array_add (early->messages, message_new ("e2", "m2", "m1", "Re: report", 20));
  deep = message_new ("e3", "m3", "m2", "Re: Re: report", 30);
  deep->refs = g_strsplit ("m1 m2", " ", -1);
  g_ptr_array_add (early->messages, deep);
  r1 = apply (fixture, early);
  g_assert_cmpint (query_int (fixture, "SELECT thread_of FROM report WHERE remote_id = ?", "e3"), ==,
                   query_int (fixture, "SELECT id FROM report WHERE remote_id = ?", "e2"));

  g_ptr_array_add (late->messages, message_new ("e1", "m1", NULL, "report", 10));
  r2 = apply (fixture, late);
  root = query_int (fixture, "SELECT id FROM report WHERE remote_id = ?", "e1");
  g_assert_cmpint (query_int (fixture, "SELECT thread_of IS NULL FROM report WHERE remote_id = ?", "e1"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT thread_of FROM report WHERE remote_id = ?", "e2"), ==, root);
  g_assert_cmpint (query_int (fixture, "SELECT thread_of FROM report WHERE remote_id = ?", "e3"), ==, root);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM event WHERE field = 'thread_of'", NULL), ==, 2);
}

static void
test_withdrawn (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FlawIngestBatch) batch = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestBatch) explicit = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestBatch) complete = flaw_ingest_batch_new (fixture->source_id);
  g_autoptr(FlawIngestResult) r1 = NULL;
  g_autoptr(FlawIngestResult) r2 = NULL;
  g_autoptr(FlawIngestResult) r3 = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);

      g_ptr_array_add (batch->messages, message_new (id, NULL, NULL, id, i));
    }
  r1 = apply (fixture, batch);

  g_ptr_array_add (explicit->withdrawn_ids, g_strdup ("e0"));
  g_ptr_array_add (explicit->withdrawn_ids, g_strdup ("never-seen"));
  r2 = apply (fixture, explicit);
  g_assert_cmpuint (r2->n_withdrawn, ==, 1);

  /* A complete listing: e1 is sent, e2 known unchanged, e3 gone. */
  flaw_ingest_batch_add_present (complete, "e2");
  g_ptr_array_add (complete->messages, message_new ("e1", NULL, NULL, "e1", 1));
  r3 = apply (fixture, complete);
  g_assert_cmpuint (r3->n_withdrawn, ==, 1);
  g_assert_cmpuint (r3->n_unchanged, ==, 2);

  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report WHERE withdrawn = 1", NULL), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", "e0"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", "e3"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report", NULL), ==, 4);
}

static void
kill_hook (guint    index,
           gpointer user_data)
{
  if (index == 50)
    kill (getpid (), SIGKILL);
}

static FlawIngestBatch *
big_batch (gint64 source_id)
{
  FlawIngestBatch *batch = flaw_ingest_batch_new (source_id);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%03u", i);

      g_ptr_array_add (batch->messages, message_new (id, id, i > 0 ? "e000" : NULL, id, i));
    }
  batch->state = g_strdup ("{\"emailState\":\"after\"}");

  return batch;
}

static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FlawIngestBatch) batch = NULL;
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(FlawIngestResult) never = flaw_ingest_result_new ();

      batch = big_batch (fixture->source_id);
      flaw_report_ingest_set_hook (kill_hook, NULL);
      flaw_report_ingest_apply (fixture->database, batch, never, NULL);
      g_error ("not killed");
    }

  g_setenv ("FLAW_TEST_INGEST_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  /* The same file, reopened as after a crash: nothing half-written. */
  g_clear_object (&fixture->database);
  fixture->database = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report", NULL), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM event WHERE entity = 'report'", NULL), ==, 0);
  g_assert_true (flaw_source_store_read_state (fixture->database, fixture->source_id, &state, &error));
  g_assert_null (state);

  batch = big_batch (fixture->source_id);
  result = apply (fixture, batch);
  g_assert_cmpuint (result->n_new, ==, 100);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM report WHERE thread_of = 1", NULL), ==, 99);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/flawdesk/report-ingest/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("upsert", test_upsert);
  ADD ("threading", test_threading);
  ADD ("withdrawn", test_withdrawn);
  ADD ("killed", test_killed);

#undef ADD

  return g_test_run ();
}
