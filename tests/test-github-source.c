/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-fake-github-server.h"
#include "flaw-github-source.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

#define TOKEN "ghp_testtoken0123456789"
#define T0 1790000000

typedef struct
{
  char                 *dir;
  FlawTestSync          sync;
  FlawFakeGithubServer *server;
  gint64                source_id;
  FlawSource           *source;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *repos[] = { "acme/widget", "acme/gadget", NULL };
  g_autofree char *api_url = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (T0 + 100000);
  fixture->dir = flaw_test_make_tmp_dir ();
  flaw_test_sync_init (&fixture->sync, fixture->dir);
  fixture->server = flaw_fake_github_server_new (TOKEN);
  api_url = flaw_fake_github_server_dup_api_url (fixture->server);

  flaw_fake_github_server_add_advisory (fixture->server, "acme/widget", "GHSA-aaaa-0001-0001", "triage",
                                        "Heap overflow in decoder", "Sending a long header crashes it.",
                                        "high", "finder1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                                        9.8, "CWE-787", T0 + 1);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/widget", "GHSA-aaaa-0002-0002", "triage",
                                        "SSRF through webhooks", "Webhook URLs are fetched blindly.",
                                        NULL, "finder2", NULL, 0, NULL, T0 + 2);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/widget", "GHSA-aaaa-0003-0003", "draft",
                                        "Token leak in logs", "Tokens are logged at debug level.",
                                        "medium", NULL, NULL, 0, "CWE-532", T0 + 3);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/widget", "GHSA-aaaa-0004-0004", "published",
                                        "Old published advisory", "Already public.", "low", NULL, NULL, 0,
                                        NULL, T0 + 4);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/gadget", "GHSA-bbbb-0005-0005", "triage",
                                        "Über-long names crash the UI", "Ünïcödé in the description.",
                                        "low", "zoë", NULL, 0, NULL, T0 + 5);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/gadget", "GHSA-bbbb-0006-0006", "triage",
                                        "Path traversal", "../../etc/passwd", "critical", "finder3", NULL, 0,
                                        "CWE-22", T0 + 6);
  flaw_fake_github_server_add_advisory (fixture->server, "acme/gadget", "GHSA-bbbb-0007-0007", "triage",
                                        "Open redirect", "next= is not checked.", "medium", "finder4", NULL, 0,
                                        "CWE-601", T0 + 7);

  config = flaw_github_source_build_config (repos, api_url, &error);
  g_assert_no_error (error);
  fixture->source_id = flaw_test_sync_add_source (&fixture->sync, "github", "Acme advisories", config, TOKEN);
  fixture->source = flaw_test_sync_make_source (&fixture->sync, fixture->source_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->source);
  flaw_test_sync_clear (&fixture->sync);
  g_clear_object (&fixture->server);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static FlawIngestResult *
sync_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result = flaw_test_sync_run (&fixture->sync, fixture->source, &error);

  g_assert_no_error (error);

  return result;
}

static void
test_config (Fixture       *fixture,
             gconstpointer  data)
{
  const char *bad_repo[] = { "not-a-repo", NULL };
  const char *good[] = { "acme/widget", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;

  g_assert_null (flaw_github_source_build_config (bad_repo, NULL, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "OWNER/REPO"));
  g_clear_error (&error);

  g_assert_null (flaw_github_source_build_config (good, "http://github.example.com", &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_INSECURE_URL);
  g_clear_error (&error);

  config = flaw_github_source_build_config (good, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (config, "https://api.github.com"));
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autofree char *reporter = NULL;
  g_autofree char *title = NULL;
  guint requests;

  flaw_fake_github_server_set_page_size (fixture->server, 1);
  first = sync_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 6);

  /* One unfiltered listing per repository: widget 4 pages (one of them the
   * published advisory), gadget 3. */
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server), ==, 7);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report WHERE remote_id = ?",
                                             "GHSA-aaaa-0004-0004"), ==, 0);

  reporter = flaw_test_sync_query_text (&fixture->sync, "SELECT reporter FROM report WHERE remote_id = ?",
                                        "GHSA-bbbb-0005-0005");
  title = flaw_test_sync_query_text (&fixture->sync, "SELECT title FROM report WHERE remote_id = ?",
                                     "GHSA-bbbb-0005-0005");
  g_assert_cmpstr (reporter, ==, "zoë");
  g_assert_cmpstr (title, ==, "Über-long names crash the UI");
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT cvss_score * 10 FROM report WHERE remote_id = ?",
                                             "GHSA-aaaa-0001-0001"), ==, 98);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT severity = 'high' AND cwe = 'CWE-787' AND cvss_vector LIKE 'CVSS:3.1/%' "
                                             "FROM report WHERE remote_id = ?",
                                             "GHSA-aaaa-0001-0001"), ==, 1);

  /* Nothing changed: each page's own ETag gets a 304. */
  requests = flaw_fake_github_server_get_request_count (fixture->server);
  second = sync_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 0);
  g_assert_cmpuint (second->n_withdrawn, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 6);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server) - requests, ==, 7);
  g_assert_cmpuint (flaw_fake_github_server_get_not_modified_count (fixture->server), ==, 7);
}

/* Page 1 unchanged (304) must not hide a change on a later page. */
static void
test_change_on_later_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autofree char *title = NULL;
  guint requests;

  flaw_fake_github_server_set_page_size (fixture->server, 1);
  first = sync_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 6);

  /* The oldest widget advisory is on the last of its 4 pages. */
  flaw_fake_github_server_set_summary (fixture->server, "GHSA-aaaa-0001-0001", "Heap overflow, page four");
  requests = flaw_fake_github_server_get_request_count (fixture->server);
  second = sync_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->n_withdrawn, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 5);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server) - requests, ==, 7);
  g_assert_cmpuint (flaw_fake_github_server_get_not_modified_count (fixture->server), ==, 6);

  title = flaw_test_sync_query_text (&fixture->sync, "SELECT title FROM report WHERE remote_id = ?",
                                     "GHSA-aaaa-0001-0001");
  g_assert_cmpstr (title, ==, "Heap overflow, page four");
}

/* A sync with no changes is a single request per repository listing. */
static void
test_single_request (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *repos[] = { "acme/widget", NULL };
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autoptr(FlawIngestResult) third = NULL;
  g_autoptr(FlawSource) one_repo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_url = flaw_fake_github_server_dup_api_url (fixture->server);
  g_autofree char *config = flaw_github_source_build_config (repos, api_url, &error);
  guint requests;
  gint64 id;

  g_assert_no_error (error);
  id = flaw_test_sync_add_source (&fixture->sync, "github", "Widget only", config, TOKEN);
  one_repo = flaw_test_sync_make_source (&fixture->sync, id);

  requests = flaw_fake_github_server_get_request_count (fixture->server);
  first = flaw_test_sync_run (&fixture->sync, one_repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_new, ==, 3);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server) - requests, ==, 1);

  requests = flaw_fake_github_server_get_request_count (fixture->server);
  second = flaw_test_sync_run (&fixture->sync, one_repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_unchanged, ==, 3);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server) - requests, ==, 1);
  g_assert_cmpuint (flaw_fake_github_server_get_not_modified_count (fixture->server), ==, 1);

  /* Two repositories: one request each. */
  g_clear_pointer (&first, flaw_ingest_result_free);
  first = sync_ok (fixture);
  requests = flaw_fake_github_server_get_request_count (fixture->server);
  third = sync_ok (fixture);
  g_assert_cmpuint (third->n_unchanged, ==, 6);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server) - requests, ==, 2);
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = sync_ok (fixture);
  g_autoptr(FlawIngestResult) second = NULL;
  g_autofree char *severity = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  /* Triage sets its own severity; a later sync must not overwrite it. */
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT count (*) FROM report WHERE remote_id = ? AND severity = 'high'",
                                             "GHSA-aaaa-0001-0001"), ==, 1);
  g_free (flaw_test_sync_query_text (&fixture->sync,
                                     "UPDATE report SET severity = 'critical', status = 'triaged' "
                                     "WHERE remote_id = ? RETURNING id",
                                     "GHSA-aaaa-0001-0001"));

  flaw_fake_github_server_set_summary (fixture->server, "GHSA-aaaa-0001-0001", "Heap overflow in the decoder");
  flaw_fake_github_server_set_state (fixture->server, "GHSA-bbbb-0006-0006", "published");
  flaw_fake_github_server_set_state (fixture->server, "GHSA-aaaa-0002-0002", "draft");

  /* Published (or closed) is GitHub's side of the triage, not a
   * disappearance: the report keeps its last synced text and its own status,
   * and is not marked withdrawn. */
  second = sync_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->n_withdrawn, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 5);

  severity = flaw_test_sync_query_text (&fixture->sync, "SELECT severity || ' ' || status FROM report WHERE remote_id = ?",
                                        "GHSA-aaaa-0001-0001");
  title = flaw_test_sync_query_text (&fixture->sync, "SELECT title FROM report WHERE remote_id = ?",
                                     "GHSA-aaaa-0001-0001");
  g_assert_cmpstr (severity, ==, "critical triaged");
  g_assert_cmpstr (title, ==, "Heap overflow in the decoder");
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT withdrawn FROM report WHERE remote_id = ?",
                                             "GHSA-bbbb-0006-0006"), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT withdrawn FROM report WHERE remote_id = ?",
                                             "GHSA-aaaa-0002-0002"), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);

  /* A withdrawn advisory is gone: its report is marked withdrawn, not dropped. */
  flaw_fake_github_server_set_state (fixture->server, "GHSA-bbbb-0006-0006", "withdrawn");
  flaw_fake_github_server_set_state (fixture->server, "GHSA-bbbb-0007-0007", "closed");
  g_clear_pointer (&second, flaw_ingest_result_free);
  second = sync_ok (fixture);
  g_assert_cmpuint (second->n_withdrawn, ==, 1);
  g_assert_cmpuint (second->n_unchanged, ==, 5);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT withdrawn FROM report WHERE remote_id = ?",
                                             "GHSA-bbbb-0006-0006"), ==, 1);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT withdrawn FROM report WHERE remote_id = ?",
                                             "GHSA-bbbb-0007-0007"), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) result = NULL;
  guint requests;

  flaw_fake_github_server_rate_limit_next (fixture->server, 403, flaw_clock_now () + 600);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "10 minutes"));
  g_clear_error (&error);

  /* Until the wait is over nothing is asked. */
  requests = flaw_fake_github_server_get_request_count (fixture->server);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (flaw_fake_github_server_get_request_count (fixture->server), ==, requests);
  g_clear_error (&error);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 0);

  flaw_clock_set_fixed (flaw_clock_now () + 601);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 6);
  g_clear_pointer (&result, flaw_ingest_result_free);

  /* 429 with Retry-After. */
  flaw_fake_github_server_rate_limit_next (fixture->server, 429, 90);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "2 minutes"));
  g_clear_error (&error);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
}

static void
test_bad_token (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_test_store_secret (fixture->sync.credentials, fixture->source_id, "ghp_wrong");
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_AUTH);
  g_assert_null (strstr (error->message, "ghp_wrong"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/flawdesk/github-source/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("config", test_config);
  ADD ("pagination", test_pagination);
  ADD ("change-on-later-page", test_change_on_later_page);
  ADD ("single-request", test_single_request);
  ADD ("changes", test_changes);
  ADD ("rate-limit", test_rate_limit);
  ADD ("bad-token", test_bad_token);

#undef ADD

  return g_test_run ();
}
