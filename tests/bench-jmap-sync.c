/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-fake-github-server.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-github-source.h"
#include "flaw-jmap-source.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

/*
 * The first sync of 5,000 mails from the local fake JMAP server (target
 * under 10 s), and the requests a sync with nothing new needs.
 */

#define N_MESSAGES 5000
#define N_RUNS 3

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FlawFakeJmapServer) server = flaw_fake_jmap_server_new ("bench@example.org", "bench-password");
  g_autoptr(FlawFakeGithubServer) github = flaw_fake_github_server_new ("bench-token");
  g_autofree char *session_url = NULL;
  g_autofree char *config = NULL;
  double seconds[N_RUNS];
  guint first_requests = 0;
  guint idle_requests = 0;
  guint github_idle_requests = 0;
  const char *inbox;

  g_test_init (&argc, &argv, NULL);

  inbox = flaw_fake_jmap_server_add_mailbox (server, "Inbox", "inbox");
  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *message_id = g_strdup_printf ("bench%u@example.org", i);
      g_autofree char *reply_to = i % 4 == 0 || i < 4 ? NULL : g_strdup_printf ("bench%u@example.org", i - i % 4);
      g_autofree char *subject = g_strdup_printf ("Vulnerability report %u: overflow in module %u", i, i % 37);
      g_autofree char *body = g_strdup_printf ("Dear maintainers,\n\nwhile fuzzing release 4.%u we found a crash in "
                                               "module %u. The attached input reproduces it. The length field of "
                                               "the record header is trusted and used to copy into a fixed buffer.\n\n"
                                               "Steps: build with ASan, run the decoder on the input, observe the "
                                               "write past the end.\n\nRegards,\nResearcher %u\n",
                                               i % 9, i % 37, i % 101);

      flaw_fake_jmap_server_add_email (server, inbox, message_id, reply_to, subject, "Researcher",
                                       "researcher@example.org", body, NULL, 1780000000 + i);
    }

  session_url = flaw_fake_jmap_server_dup_session_url (server);
  config = flaw_jmap_source_build_config (session_url, "bench@example.org", "basic", NULL, NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *dir = flaw_test_make_tmp_dir ();
      g_autoptr(FlawSource) source = NULL;
      g_autoptr(FlawIngestResult) result = NULL;
      g_autoptr(FlawIngestResult) idle = NULL;
      g_autoptr(GError) error = NULL;
      FlawTestSync sync = { 0 };
      guint before;
      gint64 start;
      gint64 id;

      flaw_test_sync_init (&sync, dir);
      id = flaw_test_sync_add_source (&sync, "jmap", "Bench", config, "bench-password");
      source = flaw_test_sync_make_source (&sync, id);

      before = flaw_fake_jmap_server_get_request_count (server);
      start = g_get_monotonic_time ();
      result = flaw_test_sync_run (&sync, source, &error);
      seconds[run] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_new, ==, N_MESSAGES);
      first_requests = flaw_fake_jmap_server_get_request_count (server) - before;

      before = flaw_fake_jmap_server_get_request_count (server);
      idle = flaw_test_sync_run (&sync, source, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (idle->n_new, ==, 0);
      idle_requests = flaw_fake_jmap_server_get_request_count (server) - before;

      printf ("run %u: first sync of %u messages %.3f s, %u HTTP requests; no-change sync %u request(s)\n",
              run + 1, N_MESSAGES, seconds[run], first_requests, idle_requests);

      g_clear_object (&source);
      flaw_test_sync_clear (&sync);
      flaw_test_remove_tree (dir);
    }

  /* A GitHub source with one repository, for comparison. */
  {
    const char *repos[] = { "acme/widget", NULL };
    g_autofree char *dir = flaw_test_make_tmp_dir ();
    g_autofree char *api_url = flaw_fake_github_server_dup_api_url (github);
    g_autofree char *github_config = flaw_github_source_build_config (repos, api_url, NULL);
    g_autoptr(FlawSource) source = NULL;
    g_autoptr(FlawIngestResult) first = NULL;
    g_autoptr(FlawIngestResult) idle = NULL;
    FlawTestSync sync = { 0 };
    guint before;
    gint64 id;

    flaw_fake_github_server_add_advisory (github, "acme/widget", "GHSA-benc-h000-0001", "triage", "One",
                                          "text", "low", "f", NULL, 0, NULL, 1780000000);
    flaw_test_sync_init (&sync, dir);
    id = flaw_test_sync_add_source (&sync, "github", "Bench GitHub", github_config, "bench-token");
    source = flaw_test_sync_make_source (&sync, id);
    first = flaw_test_sync_run (&sync, source, NULL);
    before = flaw_fake_github_server_get_request_count (github);
    idle = flaw_test_sync_run (&sync, source, NULL);
    github_idle_requests = flaw_fake_github_server_get_request_count (github) - before;

    g_clear_object (&source);
    flaw_test_sync_clear (&sync);
    flaw_test_remove_tree (dir);
  }

  qsort (seconds, N_RUNS, sizeof (double), compare_doubles);
  printf ("jmap first sync, %u messages: median %.3f s (min %.3f, max %.3f) over %u runs, %u HTTP requests\n",
          N_MESSAGES, seconds[N_RUNS / 2], seconds[0], seconds[N_RUNS - 1], N_RUNS, first_requests);
  printf ("jmap sync with no changes: %u HTTP request(s) per source\n", idle_requests);
  printf ("github sync with no changes, 1 repository: %u HTTP request(s) (one listing, 304)\n",
          github_idle_requests);

  return seconds[N_RUNS / 2] < 10.0 && idle_requests == 1 && github_idle_requests == 1 ? 0 : 1;
}
