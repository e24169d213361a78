/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-fake-github-server.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-github-source.h"
#include "flaw-jmap-source.h"
#include "flaw-source-factory.h"
#include "flaw-sync-service.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

#define T0 1790000000

typedef struct
{
  char                 *dir;
  FlawTestSync          sync;
  FlawFakeJmapServer   *jmap;
  FlawFakeGithubServer *github;
  FlawSyncService      *service;
  gint64                jmap_id;
  gint64                github_id;
  GPtrArray            *finished;
  GPtrArray            *arrived;
  guint                 n_started;
  guint                 n_runs;
  GPtrArray            *outcomes;
  GError               *error;
  gboolean              done;
} Fixture;

static void
source_finished_cb (FlawSyncService *service,
                    FlawSyncOutcome *outcome,
                    Fixture         *fixture)
{
  g_ptr_array_add (fixture->finished, flaw_sync_outcome_copy (outcome));
}

static void
reports_arrived_cb (FlawSyncService *service,
                    FlawSyncOutcome *outcome,
                    Fixture         *fixture)
{
  g_ptr_array_add (fixture->arrived, flaw_sync_outcome_copy (outcome));
}

static void
source_started_cb (FlawSyncService *service,
                   gint64           source_id,
                   const char      *name,
                   Fixture         *fixture)
{
  fixture->n_started++;
}

static void
sync_finished_cb (FlawSyncService *service,
                  Fixture         *fixture)
{
  fixture->n_runs++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  FlawSourceFactoryData *factory_data;
  const char *repos[] = { "acme/widget", NULL };
  g_autofree char *session_url = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *jmap_config = NULL;
  g_autofree char *github_config = NULL;
  const char *inbox;

  flaw_clock_set_fixed (T0);
  fixture->dir = flaw_test_make_tmp_dir ();
  flaw_test_sync_init (&fixture->sync, fixture->dir);

  fixture->jmap = flaw_fake_jmap_server_new ("user", "password");
  inbox = flaw_fake_jmap_server_add_mailbox (fixture->jmap, "Inbox", "inbox");
  flaw_fake_jmap_server_add_email (fixture->jmap, inbox, "a@example.org", NULL, "Report A", NULL,
                                   "a@example.org", "text", NULL, T0 - 10);
  fixture->github = flaw_fake_github_server_new ("token");
  flaw_fake_github_server_add_advisory (fixture->github, "acme/widget", "GHSA-xxxx-xxxx-0001", "triage",
                                        "Report B", "text", "low", "finder", NULL, 0, NULL, T0 - 5);
  flaw_fake_github_server_add_advisory (fixture->github, "acme/widget", "GHSA-xxxx-xxxx-0002", "triage",
                                        "Report C", "text", "low", "finder", NULL, 0, NULL, T0 - 4);

  session_url = flaw_fake_jmap_server_dup_session_url (fixture->jmap);
  api_url = flaw_fake_github_server_dup_api_url (fixture->github);
  jmap_config = flaw_jmap_source_build_config (session_url, "user", "basic", NULL, NULL);
  github_config = flaw_github_source_build_config (repos, api_url, NULL);

  /* Names sort the JMAP source first: it runs (and fails) before GitHub. */
  fixture->jmap_id = flaw_test_sync_add_source (&fixture->sync, "jmap", "A mailbox", jmap_config, "password");
  fixture->github_id = flaw_test_sync_add_source (&fixture->sync, "github", "B advisories", github_config, "token");

  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = g_object_ref (fixture->sync.http);
  factory_data->credentials = g_object_ref (fixture->sync.credentials);
  fixture->service = flaw_sync_service_new (fixture->sync.store, flaw_source_factory_create, factory_data,
                                            (GDestroyNotify) flaw_source_factory_data_free);

  fixture->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_sync_outcome_free);
  fixture->arrived = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_sync_outcome_free);
  g_signal_connect (fixture->service, "source-finished", G_CALLBACK (source_finished_cb), fixture);
  g_signal_connect (fixture->service, "reports-arrived", G_CALLBACK (reports_arrived_cb), fixture);
  g_signal_connect (fixture->service, "source-started", G_CALLBACK (source_started_cb), fixture);
  g_signal_connect (fixture->service, "sync-finished", G_CALLBACK (sync_finished_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->service);
  flaw_test_sync_clear (&fixture->sync);
  g_clear_object (&fixture->jmap);
  g_clear_object (&fixture->github);
  g_clear_pointer (&fixture->finished, g_ptr_array_unref);
  g_clear_pointer (&fixture->arrived, g_ptr_array_unref);
  g_clear_pointer (&fixture->outcomes, g_ptr_array_unref);
  g_clear_error (&fixture->error);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_clear_pointer (&fixture->outcomes, g_ptr_array_unref);
  fixture->outcomes = flaw_sync_service_sync_finish (FLAW_SYNC_SERVICE (object), result, &fixture->error);
  fixture->done = TRUE;
}

static void
run_sync (Fixture *fixture,
          gint64   source_id)
{
  fixture->done = FALSE;
  flaw_sync_service_sync_async (fixture->service, source_id, NULL, synced_cb, fixture);
  g_assert_true (flaw_sync_service_get_syncing (fixture->service));
  FLAW_TEST_WAIT_UNTIL (fixture->done, 30000);
  g_assert_no_error (fixture->error);
  g_assert_false (flaw_sync_service_get_syncing (fixture->service));
}

static void
test_one_fails (Fixture       *fixture,
                gconstpointer  data)
{
  FlawSyncOutcome *failed, *succeeded;
  g_autofree char *last_error = NULL;
  g_autofree char *last_result = NULL;

  /* A wrong password on the first source does not stop the second. */
  flaw_test_store_secret (fixture->sync.credentials, fixture->jmap_id, "wrong");
  run_sync (fixture, 0);

  g_assert_cmpuint (fixture->outcomes->len, ==, 2);
  failed = g_ptr_array_index (fixture->outcomes, 0);
  succeeded = g_ptr_array_index (fixture->outcomes, 1);
  g_assert_cmpint (failed->source_id, ==, fixture->jmap_id);
  g_assert_false (failed->success);
  g_assert_true (failed->error_domain == FLAW_SYNC_ERROR);
  g_assert_cmpint (failed->error_code, ==, FLAW_SYNC_ERROR_AUTH);
  g_assert_true (succeeded->success);
  g_assert_cmpuint (succeeded->n_new, ==, 2);
  g_assert_cmpuint (succeeded->new_report_ids->len, ==, 2);

  g_assert_cmpuint (fixture->n_started, ==, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_cmpuint (fixture->arrived->len, ==, 1);
  g_assert_cmpint (((FlawSyncOutcome *) g_ptr_array_index (fixture->arrived, 0))->source_id, ==, fixture->github_id);
  g_assert_cmpuint (fixture->n_runs, ==, 1);

  /* The status a user sees, in plain words, on each source row. */
  last_error = flaw_test_sync_query_text (&fixture->sync, "SELECT last_error FROM source WHERE name = ?", "A mailbox");
  g_assert_nonnull (strstr (last_error, "refused the user name, password or token"));
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT last_sync_time FROM source WHERE name = ?", "A mailbox"), ==, T0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT last_success_time IS NULL FROM source WHERE name = ?",
                                             "A mailbox"), ==, 1);
  last_result = flaw_test_sync_query_text (&fixture->sync, "SELECT last_result FROM source WHERE name = ?",
                                           "B advisories");
  g_assert_cmpstr (last_result, ==, "2 new, 0 updated, 0 unchanged, 0 withdrawn");
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT last_error IS NULL FROM source WHERE name = ?",
                                             "B advisories"), ==, 1);

  /* Fixed: the error clears, and the change is in the event log. */
  flaw_test_store_secret (fixture->sync.credentials, fixture->jmap_id, "password");
  flaw_clock_set_fixed (T0 + 60);
  run_sync (fixture, fixture->jmap_id);
  g_assert_cmpuint (fixture->outcomes->len, ==, 1);
  g_assert_true (((FlawSyncOutcome *) g_ptr_array_index (fixture->outcomes, 0))->success);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT last_error IS NULL AND last_success_time = ? FROM source "
                                             "WHERE name = 'A mailbox'", "1790000060"), ==, 1);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT count (*) FROM event WHERE entity = 'source' AND field = 'last_error'",
                                             NULL), ==, 2);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 3);
}

static void
test_queue_and_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Two requests in a row run one after the other. */
  flaw_sync_service_sync_async (fixture->service, 0, NULL, NULL, NULL);
  run_sync (fixture, 0);
  g_assert_cmpuint (fixture->n_runs, ==, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 4);
  g_assert_cmpuint (fixture->arrived->len, ==, 2);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 3);

  /* A cancelled run stops and says so. */
  flaw_fake_jmap_server_set_delay (fixture->jmap, 300);
  fixture->done = FALSE;
  g_signal_connect_swapped (fixture->service, "source-started", G_CALLBACK (g_cancellable_cancel), cancellable);
  flaw_sync_service_sync_async (fixture->service, 0, cancellable, synced_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->done, 30000);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->outcomes->len, ==, 1);
  g_assert_false (((FlawSyncOutcome *) g_ptr_array_index (fixture->outcomes, 0))->success);
  g_assert_cmpstr (((FlawSyncOutcome *) g_ptr_array_index (fixture->outcomes, 0))->error_message, ==,
                   "The sync was cancelled.");
  g_signal_handlers_disconnect_by_data (fixture->service, cancellable);
}

static void
test_interval (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpuint (flaw_sync_service_get_interval (fixture->service), ==, 15);
  g_settings_set_uint (settings, "sync-interval-minutes", 30);
  flaw_sync_service_set_settings (fixture->service, settings);
  g_assert_cmpuint (flaw_sync_service_get_interval (fixture->service), ==, 30);
  g_settings_set_uint (settings, "sync-interval-minutes", 45);
  g_assert_cmpuint (flaw_sync_service_get_interval (fixture->service), ==, 45);

  /* Start syncs at once; stop cancels and ends the schedule. */
  flaw_sync_service_start (fixture->service);
  g_assert_true (flaw_sync_service_get_syncing (fixture->service));
  FLAW_TEST_WAIT_UNTIL (fixture->n_runs == 1, 30000);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 3);
  flaw_sync_service_stop (fixture->service);
  g_assert_false (flaw_sync_service_get_syncing (fixture->service));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/flawdesk/sync-service/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("one-fails", test_one_fails);
  ADD ("queue-and-cancel", test_queue_and_cancel);
  ADD ("interval", test_interval);

#undef ADD

  return g_test_run ();
}
