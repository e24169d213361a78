/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "flaw-test-utils.h"

/* flawdesk-cli securitytxt, run as the real binary with the clock pinned
 * through FLAWDESK_NOW. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  g_setenv ("FLAWDESK_NOW", "2026-06-01T00:00:00Z", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("FLAWDESK_NOW");
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "securitytxt", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "securitytxt set"));
  g_assert_nonnull (strstr (out, "--contact URI"));
  g_assert_nonnull (strstr (out, "--output FILE"));
  g_assert_nonnull (strstr (out, "validate FILE|URL|-"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "securitytxt"));
}

static void
test_set_and_generate (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "security.txt", NULL);
  g_autofree char *written = NULL;

  /* Nothing stored yet. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "generate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "securitytxt set"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "set",
                                      "--contact", "mailto:security@example.com",
                                      "--contact=https://example.com/report",
                                      "--encryption", "https://example.com/key.asc",
                                      "--canonical", "https://example.com/.well-known/security.txt",
                                      "--languages", "en,fr",
                                      "--expires", "2026-12-31", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 contact(s), expires 2026-12-31T23:59:59Z"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "generate", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Canonical: https://example.com/.well-known/security.txt\n"
                   "Contact: mailto:security@example.com\n"
                   "Contact: https://example.com/report\n"
                   "Encryption: https://example.com/key.asc\n"
                   "Expires: 2026-12-31T23:59:59Z\n"
                   "Preferred-Languages: en, fr\n");
  g_assert_null (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "response times"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "securitytxt", "generate",
                                      "--output", file, NULL), ==, 0);
  g_assert_true (g_file_get_contents (file, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "Canonical: "));
  g_clear_pointer (&out, g_free);

  /* The generated file passes the validator: only the advice to sign it. */
  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "securitytxt", "validate", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 error(s), 1 warning(s), 0 notice(s)"));
  g_assert_nonnull (strstr (out, "[not_signed]"));
  g_clear_pointer (&out, g_free);

  /* An update keeps what it does not name; the expiry warning shows. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "set",
                                      "--expires", "+10", "--languages", "", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "expires in 10 days"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "generate", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Contact: https://example.com/report\n"));
  g_assert_nonnull (strstr (out, "Expires: 2026-06-11T00:00:00Z\n"));
  g_assert_null (strstr (out, "Preferred-Languages"));
  g_assert_nonnull (strstr (err, "warning: security.txt expires in 10 days"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Invalid values are refused and change nothing. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "securitytxt", "set",
                                      "--policy", "http://example.com/policy", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "https://"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "securitytxt", "generate", NULL), ==, 0);
  g_assert_null (strstr (out, "Policy"));
}

static void
test_validate_files (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "securitytxt", "multi-expire.txt", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "fixtures", "securitytxt", "good-signed.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("%s:3: error [multi_expire] ", bad);

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "securitytxt", "validate", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "  fix: Keep one Expires line"));
  g_assert_nonnull (strstr (out, "1 error(s), 1 warning(s), 0 notice(s)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "securitytxt", "validate", good, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "0 error(s), 0 warning(s), 0 notice(s)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Wrong usage is 1; a file that cannot be read is 2. */
  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "securitytxt", "validate", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "FILE, URL or -"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "securitytxt", "frobnicate", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "securitytxt", "validate", "/nonexistent/security.txt", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent/security.txt"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "securitytxt", "validate", "http://example.com/", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "HTTPS only"));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  static const char body[] = "Contact: https://example.com/report\nExpires: 2025-01-01T00:00:00Z\n";

  if (!g_str_equal (path, "/.well-known/security.txt"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, body, strlen (body));
}

typedef struct
{
  gboolean  done;
  char     *out;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *c = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &c->out, NULL, &error);
  g_assert_no_error (error);
  c->done = TRUE;
}

static void
test_validate_url (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  Communicate c = { 0 };
  GSList *uris;

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The server answers on this main loop while the CLI runs. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("FLAWDESK_CLI"), "securitytxt", "validate", base, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &c);
  FLAW_TEST_WAIT_UNTIL (c.done, 20000);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("%s", c.out);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (c.out, ".well-known/security.txt:2: error [expired]"));
  g_assert_nonnull (strstr (c.out, "error [invalid_charset]"));
  g_free (c.out);

  soup_server_disconnect (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli-securitytxt/help", test_help);
  ADD ("/flawdesk/cli-securitytxt/set-and-generate", test_set_and_generate);
  ADD ("/flawdesk/cli-securitytxt/validate-files", test_validate_files);
  ADD ("/flawdesk/cli-securitytxt/validate-url", test_validate_url);

#undef ADD

  return g_test_run ();
}
