/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-fake-github-server.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-test-utils.h"

#define SECRET "pw-Zx81-secret"
#define TOKEN "ghp_cli_token_42"

typedef struct
{
  char                 *dir;
  char                 *db;
  FlawFakeJmapServer   *jmap;
  FlawFakeGithubServer *github;
} Fixture;

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  int       status;
} Run;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *inbox;

  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->db = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->jmap = flaw_fake_jmap_server_new ("me@example.org", SECRET);
  inbox = flaw_fake_jmap_server_add_mailbox (fixture->jmap, "Inbox", "inbox");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Report %u", i);

      flaw_fake_jmap_server_add_email (fixture->jmap, inbox, NULL, NULL, subject, NULL,
                                       "r@example.org", "body", NULL, 1790000000 + i);
    }
  fixture->github = flaw_fake_github_server_new (TOKEN);
  flaw_fake_github_server_add_advisory (fixture->github, "acme/widget", "GHSA-cli0-0000-0001", "triage",
                                        "One", "text", "low", "f", NULL, 0, NULL, 1790000000);
  flaw_fake_github_server_add_advisory (fixture->github, "acme/widget", "GHSA-cli0-0000-0002", "draft",
                                        "Two", "text", "low", "f", NULL, 0, NULL, 1790000001);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->jmap);
  g_clear_object (&fixture->github);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (object)));
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* Runs flawdesk-cli while this process keeps serving the fake servers. */
static int
cli (Fixture     *fixture,
     const char  *input,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  Run run = { 0 };
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLAWDESK_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fixture->db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input != NULL ? input : "", NULL, communicated_cb, &run);
  FLAW_TEST_WAIT_UNTIL (run.done, 60000);

  g_test_message ("stdout: %s", run.out);
  g_test_message ("stderr: %s", run.err);

  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  g_free (run.out);
  g_free (run.err);

  return run.status;
}

static void
test_sources_and_sync (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *session_url = flaw_fake_jmap_server_dup_session_url (fixture->jmap);
  g_autofree char *api_url = flaw_fake_github_server_dup_api_url (fixture->github);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (cli (fixture, SECRET "\n", &out, &err, "source", "add", "jmap", "--name", "Mail",
                        "--url", session_url, "--user", "me@example.org", "--auth", "basic", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added source “Mail” (jmap, id 1)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (fixture, TOKEN, &out, NULL, "source", "add", "github", "--name", "GH",
                        "--repo", "acme/widget", "--api-url", api_url, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* Refused: plain http to another host, no secret, a duplicate name. */
  g_assert_cmpint (cli (fixture, "x", NULL, &err, "source", "add", "jmap", "--name", "Bad",
                        "--url", "http://mail.example.com/jmap", "--user", "u", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "refuses the unencrypted address"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, "", NULL, &err, "source", "add", "jmap", "--name", "Empty",
                        "--url", session_url, "--user", "u", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "No password or token was given"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, "x\n", NULL, &err, "source", "add", "github", "--name", "GH",
                        "--repo", "a/b", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "exists already"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "source", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Mail"));
  g_assert_nonnull (strstr (out, "GH"));
  g_assert_nonnull (strstr (out, "never"));
  g_assert_null (strstr (out, "Bad"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (fixture, NULL, &out, &err, "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "GH: 2 new, 0 updated, 0 unchanged, 0 withdrawn"));
  g_assert_nonnull (strstr (out, "Mail: 5 new, 0 updated, 0 unchanged, 0 withdrawn"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "GH: 0 new, 0 updated, 2 unchanged, 0 withdrawn"));
  g_assert_nonnull (strstr (out, "Mail: 0 new, 0 updated, 0 unchanged, 0 withdrawn"));
  g_clear_pointer (&out, g_free);

  /* One failing source: the other still syncs; exit status 2. */
  flaw_fake_jmap_server_fail_next (fixture->jmap, 1, 500);
  g_assert_cmpint (cli (fixture, NULL, &out, &err, "sync", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "GH: 0 new"));
  g_assert_nonnull (strstr (err, "source “Mail” failed"));
  g_assert_nonnull (strstr (err, "HTTP 500"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "source", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "HTTP 500"));
  g_assert_nonnull (strstr (out, "0 new, 0 updated, 2 unchanged"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "sync", "--source", "Mail", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Mail: 0 new"));
  g_assert_null (strstr (out, "GH"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (fixture, NULL, NULL, &err, "sync", "--source", "Nope", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "There is no source named “Nope”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (fixture, NULL, NULL, &err, "sync", "extra", NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  /* The secrets are in the keyring, never in the database. */
  g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, SECRET));
  g_assert_null (g_strstr_len (contents, length, TOKEN));

  g_assert_cmpint (cli (fixture, NULL, &out, &err, "source", "remove", "GH", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Removed source “GH”"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "source", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "GH"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (fixture, NULL, NULL, &err, "source", "remove", "GH", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, NULL, NULL, &err, "source", "frobnicate", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (cli (fixture, NULL, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "source add jmap --name NAME --url URL --user USER"));
  g_assert_nonnull (strstr (out, "add github --name NAME --repo OWNER/REPO"));
  g_assert_nonnull (strstr (out, "sync [--source NAME]"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

  g_test_add ("/flawdesk/cli-sync/sources-and-sync", Fixture, NULL, fixture_set_up,
              test_sources_and_sync, fixture_tear_down);
  g_test_add ("/flawdesk/cli-sync/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);

  return g_test_run ();
}
