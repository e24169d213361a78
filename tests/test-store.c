/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>

#include "flaw-clock.h"
#include "flaw-store.h"
#include "flaw-test-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  FlawStore *store;
  GThread   *main_thread;
  GPtrArray *order;
  gboolean   done;
  GError    *error;
  gpointer   result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* A subprocess works on its parent's files and is killed before teardown. */
  if (g_test_subprocess ())
    return;

  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->store = flaw_store_new (fixture->path);
  fixture->main_thread = g_thread_self ();
  fixture->order = g_ptr_array_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The database thread drops its reference to a finished job's task just
   * after the result is delivered. */
  FLAW_TEST_WAIT_UNTIL (G_OBJECT (fixture->store)->ref_count == 1, 5000);
  g_assert_finalize_object (fixture->store);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_ptr_array_unref (fixture->order);
  g_clear_error (&fixture->error);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (g_thread_self () == fixture->main_thread);
  fixture->result = GINT_TO_POINTER (flaw_store_open_finish (FLAW_STORE (object), result, &fixture->error));
  fixture->done = TRUE;
}

static gpointer
record_thread_job (FlawDatabase  *database,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Fixture *fixture = data;

  g_assert_true (FLAW_IS_DATABASE (database));
  g_assert_true (g_thread_self () != fixture->main_thread);

  return g_strdup (flaw_database_get_path (database));
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (g_thread_self () == fixture->main_thread);
  fixture->result = flaw_store_run_finish (FLAW_STORE (object), result, &fixture->error);
  fixture->done = TRUE;
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;

  g_assert_false (flaw_store_is_open (fixture->store));
  g_assert_cmpstr (flaw_store_get_path (fixture->store), ==, fixture->path);

  flaw_store_open_async (fixture->store, NULL, open_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_no_error (fixture->error);
  g_assert_true (GPOINTER_TO_INT (fixture->result));
  g_assert_true (flaw_store_is_open (fixture->store));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  fixture->done = FALSE;
  flaw_store_run_async (fixture->store, record_thread_job, fixture, NULL, g_free, NULL, run_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_no_error (fixture->error);
  path = fixture->result;
  g_assert_cmpstr (path, ==, fixture->path);
}

static void
test_open_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_true (g_file_set_contents (fixture->path, "not sqlite at all, sorry", -1, NULL));

  flaw_store_open_async (fixture->store, NULL, open_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_error (fixture->error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_false (flaw_store_is_open (fixture->store));
  g_clear_error (&fixture->error);

  /* Jobs after a failed open fail clearly instead of crashing. */
  fixture->done = FALSE;
  flaw_store_run_async (fixture->store, record_thread_job, fixture, NULL, g_free, NULL, run_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_error (fixture->error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CANT_OPEN);
  g_assert_null (fixture->result);
}

typedef struct
{
  Fixture *fixture;
  guint    index;
} OrderJob;

static gpointer
order_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  OrderJob *job = data;

  g_usleep (G_USEC_PER_SEC / 1000);
  /* Jobs never overlap, so this needs no lock. */
  g_ptr_array_add (job->fixture->order, GUINT_TO_POINTER (job->index));

  return GINT_TO_POINTER (TRUE);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *finished = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (flaw_store_run_finish (FLAW_STORE (object), result, &error));
  g_assert_no_error (error);
  (*finished)++;
}

static void
test_jobs_in_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint finished = 0;

  g_assert_true (flaw_store_open (fixture->store, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 50; i++)
    {
      OrderJob *job = g_new0 (OrderJob, 1);

      job->fixture = fixture;
      job->index = i;
      flaw_store_run_async (fixture->store, order_job, job, g_free, NULL, NULL, count_cb, &finished);
    }

  FLAW_TEST_WAIT_UNTIL (finished == 50, 10000);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (fixture->order, i)), ==, i);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  flaw_store_run_async (fixture->store, record_thread_job, fixture, NULL, g_free, cancellable, run_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gpointer
write_batch_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  guint batch = GPOINTER_TO_UINT (data);

  if (!flaw_database_begin (database, error))
    return NULL;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *value = g_strdup_printf ("batch %u row %u", batch, i);

      if (!flaw_database_append_event (database, "crash", batch, "row", NULL, value, error))
        {
          flaw_database_rollback (database);
          return NULL;
        }

      /* Die inside the fifth transaction, with rows written but not committed. */
      if (batch == 4 && i == 50)
        raise (SIGKILL);
    }

  if (!flaw_database_commit (database, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gint64
count_query (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
test_killed_mid_write (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawStore) reopened = NULL;
  g_autofree char *check = NULL;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("FLAWDESK_TEST_PATH");
      g_autoptr(FlawStore) store = flaw_store_new (path);

      g_assert_true (flaw_store_open (store, NULL, NULL));
      for (guint batch = 0; batch < 10; batch++)
        flaw_store_run (store, write_batch_job, GUINT_TO_POINTER (batch), NULL, NULL);

      g_assert_not_reached ();
    }

  g_setenv ("FLAWDESK_TEST_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  /* Reopening recovers from the WAL: the four committed batches, whole, once. */
  reopened = flaw_store_new (fixture->path);
  g_assert_true (flaw_store_open (reopened, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&reopened);

  g_assert_cmpint (count_query (fixture->path, "PRAGMA quick_check = 1") , ==, 0);
  g_assert_cmpint (count_query (fixture->path, "SELECT count(*) FROM event WHERE entity = 'crash'"), ==, 400);
  g_assert_cmpint (count_query (fixture->path, "SELECT count(DISTINCT new_value) FROM event WHERE entity = 'crash'"), ==, 400);
  g_assert_cmpint (count_query (fixture->path, "SELECT count(*) FROM event WHERE entity_id = 4"), ==, 0);
  g_assert_cmpint (count_query (fixture->path, "SELECT max(entity_id) FROM event"), ==, 3);
}

static void
changed_cb (FlawStore  *store,
            const char *entity,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (entity));
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (fixture->store, "changed::debt", G_CALLBACK (changed_cb), seen);
  flaw_store_notify_changed (fixture->store, "report");
  flaw_store_notify_changed (fixture->store, "debt");
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "debt");
}

/* A job's task may hold the last reference to the store. The store must
 * then still be finalized on the caller's thread, never on the database
 * thread, whose pool it shuts down and waits for. */
typedef struct
{
  GMutex    mutex;
  GCond     cond;
  gboolean  delivered;
  gboolean  finalized;
  GThread  *finalize_thread;
} Gate;

static gpointer
noop_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return GINT_TO_POINTER (TRUE);
}

/* Runs when the job is over: holds the database thread's reference to the
 * task until the caller has had the result and let go of its own. */
static void
gate_data_free (gpointer data)
{
  Gate *gate = data;
  gint64 end = g_get_monotonic_time () + G_TIME_SPAN_SECOND;

  g_mutex_lock (&gate->mutex);
  while (!gate->delivered)
    if (!g_cond_wait_until (&gate->cond, &gate->mutex, end))
      break;
  g_mutex_unlock (&gate->mutex);

  g_usleep (200 * 1000);
}

static void
gate_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Gate *gate = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (flaw_store_run_finish (FLAW_STORE (object), result, &error) != NULL);
  g_assert_no_error (error);

  g_mutex_lock (&gate->mutex);
  gate->delivered = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

static void
store_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  gate->finalize_thread = g_thread_self ();
  gate->finalized = TRUE;
  g_mutex_unlock (&gate->mutex);
}

static gboolean
gate_finalized (Gate *gate)
{
  gboolean finalized;

  g_mutex_lock (&gate->mutex);
  finalized = gate->finalized;
  g_mutex_unlock (&gate->mutex);

  return finalized;
}

static void
test_last_reference_in_job (void)
{
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "flawdesk.db", NULL);
  FlawStore *store = flaw_store_new (path);
  g_autoptr(GError) error = NULL;
  Gate gate = { 0 };

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);

  g_assert_true (flaw_store_open (store, NULL, &error));
  g_assert_no_error (error);

  g_object_weak_ref (G_OBJECT (store), store_finalized, &gate);
  flaw_store_run_async (store, noop_job, &gate, gate_data_free, NULL, NULL, gate_cb, &gate);
  g_object_unref (store);

  FLAW_TEST_WAIT_UNTIL (gate_finalized (&gate), 10000);
  g_assert_true (gate.delivered);
  g_assert_true (gate.finalize_thread == g_thread_self ());

  flaw_test_remove_tree (dir);
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
}

/* A name set while the database is still opening is the one the event log
 * records, whenever during the opening it was set. */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean reached;
} Barrier;

static gpointer
barrier_job (FlawDatabase  *database,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Barrier *barrier = data;

  g_mutex_lock (&barrier->mutex);
  barrier->reached = TRUE;
  g_cond_signal (&barrier->cond);
  g_mutex_unlock (&barrier->mutex);

  return GINT_TO_POINTER (TRUE);
}

static gpointer
log_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) events = NULL;

  if (!flaw_database_append_event (database, "test", 1, "field", NULL, "value", error) ||
      !(events = flaw_database_list_events (database, "test", 1, error)))
    return NULL;

  return g_strdup (((FlawEvent *) g_ptr_array_index (events, 0))->actor);
}

static void
test_actor_while_opening (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  Barrier barrier = { 0 };

  g_mutex_init (&barrier.mutex);
  g_cond_init (&barrier.cond);

  flaw_store_set_actor (fixture->store, "First Name");
  flaw_store_open_async (fixture->store, NULL, open_cb, fixture);
  flaw_store_run_async (fixture->store, barrier_job, &barrier, NULL, NULL, NULL, NULL, NULL);

  /* The database is open, but the store has not been told yet. */
  g_mutex_lock (&barrier.mutex);
  while (!barrier.reached)
    g_cond_wait (&barrier.cond, &barrier.mutex);
  g_mutex_unlock (&barrier.mutex);
  g_assert_false (flaw_store_is_open (fixture->store));

  flaw_store_set_actor (fixture->store, "Second Name");

  FLAW_TEST_WAIT_UNTIL (fixture->done, 10000);
  g_assert_no_error (fixture->error);
  actor = flaw_store_run (fixture->store, log_job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actor, ==, "Second Name");

  g_mutex_clear (&barrier.mutex);
  g_cond_clear (&barrier.cond);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/store/open-async", test_open_async);
  ADD ("/flawdesk/store/open-error", test_open_error);
  ADD ("/flawdesk/store/jobs-in-order", test_jobs_in_order);
  ADD ("/flawdesk/store/cancelled", test_cancelled);
  ADD ("/flawdesk/store/killed-mid-write", test_killed_mid_write);
  ADD ("/flawdesk/store/changed-signal", test_changed_signal);
  ADD ("/flawdesk/store/actor-while-opening", test_actor_while_opening);

#undef ADD

  g_test_add_func ("/flawdesk/store/last-reference-in-job", test_last_reference_in_job);

  return g_test_run ();
}
