/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-database.h"
#include "flaw-test-utils.h"

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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Usage: flawdesk-cli"));
  g_assert_nonnull (strstr (out, "doctor"));
  g_assert_nonnull (strstr (out, "--db PATH"));
  g_assert_cmpstr (err, ==, "");
}

/* Every command and subcommand answers --help with its usage on stdout. */
static void
test_help_everywhere (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct {
    const char *args[4];
    const char *expected;  /* NULL: only exit 0 and some output */
  } cases[] = {
    { { "assess", "--help" }, "assess answer ID ITEM" },
    { { "assess", "list", "--help" }, "assess list [--team TEAM]" },
    { { "assess", "show", "--help" }, "assess show ID" },
    { { "assess", "start", "--help" }, "assess start --team TEAM" },
    { { "assess", "answer", "--help" }, "--rating 0-3|none" },
    { { "assess", "complete", "--help" }, "assess complete ID" },
    { { "assess", "export", "-h" }, "--format md|html|pdf" },
    { { "checklist", "--help" }, "checklist validate FILE" },
    { { "checklist", "validate", "--help" }, "checklist validate FILE" },
    { { "checklist", "import", "--help" }, "checklist import FILE" },
    { { "checklist", "list", "--help" }, "checklist list" },
    { { "reports", "--help" }, "reports set-status ID STATUS" },
    { { "reports", "list", "--help" }, "reports list [--status" },
    { { "reports", "show", "--help" }, "reports show ID" },
    { { "reports", "set-status", "--help" }, "--duplicate-of ID" },
    { { "reports", "edit", "--help" }, "--regression-test TEXT" },
    { { "source", "--help" }, "source remove NAME" },
    { { "source", "add", "--help" }, "source add github --name NAME --repo OWNER/REPO" },
    { { "source", "add", "jmap", "--help" }, "source add jmap --name NAME --url URL" },
    { { "source", "list", "--help" }, "source list" },
    { { "source", "remove", "--help" }, "source remove NAME" },
    { { "sync", "--help" }, "sync [--source NAME]" },
    { { "securitytxt", "--help" }, "--contact URI" },
    { { "securitytxt", "set", "--help" }, "securitytxt set [--contact URI]" },
    { { "securitytxt", "generate", "--help" }, "securitytxt generate [--output FILE]" },
    { { "securitytxt", "validate", "--help" }, "securitytxt validate FILE|URL|-" },
    { { "doctor", "--help" }, "flawdesk-cli [--db PATH] doctor" },
    { { "debt", "--help" }, NULL },
    { { "deps", "--help" }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *args = cases[i].args;
      int status;

      status = flaw_test_run_cli (fixture->path, &out, &err, args[0], args[1], args[2], args[3], NULL);
      g_test_message ("%s %s %s: %d", args[0], args[1], args[2] ? args[2] : "", status);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (out, !=, "");
      if (cases[i].expected != NULL)
        {
          g_assert_nonnull (strstr (out, cases[i].expected));
          g_assert_cmpstr (err, ==, "");
        }
    }

  /* Asking for help touches no database. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "flawdesk-cli " PACKAGE_VERSION "\n");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No command given"));
  g_assert_nonnull (strstr (err, "Usage:"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "frobnicate", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown command “frobnicate”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "--bogus", "doctor", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown option “--bogus”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "--db", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--db needs a file path"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "doctor", "extra", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "doctor takes no arguments"));
  /* Wrong usage touches no file. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_doctor (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *schema = g_strdup_printf ("Schema:    %u (latest %u)",
                                             flaw_database_get_latest_version (),
                                             flaw_database_get_latest_version ());

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "doctor", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, fixture->path));
  g_assert_nonnull (strstr (out, schema));
  g_assert_nonnull (strstr (out, "Integrity: ok"));
  g_assert_true (g_regex_match_simple ("^  event +0$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_doctor_env (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_setenv ("FLAWDESK_DB", fixture->path, TRUE);
  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "doctor", NULL), ==, 0);
  g_unsetenv ("FLAWDESK_DB");
  g_assert_nonnull (strstr (out, fixture->path));
}

static void
test_doctor_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "\x01\x02garbage\xff", -1, NULL));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "doctor", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "is not a Flawdesk database"));
  g_assert_nonnull (strstr (err, fixture->path));
  g_assert_cmpstr (out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli/help", test_help);
  ADD ("/flawdesk/cli/help-everywhere", test_help_everywhere);
  ADD ("/flawdesk/cli/version", test_version);
  ADD ("/flawdesk/cli/usage-errors", test_usage_errors);
  ADD ("/flawdesk/cli/doctor", test_doctor);
  ADD ("/flawdesk/cli/doctor-env", test_doctor_env);
  ADD ("/flawdesk/cli/doctor-failure", test_doctor_failure);

#undef ADD

  return g_test_run ();
}
