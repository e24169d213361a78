/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

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
  g_setenv ("FLAWDESK_NOW", "2026-01-01T09:00:00Z", TRUE);
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

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "checklists", name, NULL);
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *builtin = g_test_build_filename (G_TEST_DIST, "..", "resources", "checklists",
                                                    "plan-for-security-flaws.json", NULL);
  g_autofree char *bad = fixture_file ("bad-many.json");
  g_autofree char *broken = fixture_file ("not-json.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "checklist", "validate", builtin, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "a valid checklist"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Every problem, each with its path, on stderr; exit 2. */
  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "checklist", "validate", bad, NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 16);
  g_assert_true (g_str_has_prefix (lines[0], bad));
  g_assert_nonnull (strstr (err, ": $.sections[2].items[0].good: missing\n"));
  g_assert_nonnull (strstr (err, ": $.version: must be a whole number"));
  g_assert_nonnull (strstr (err, ": $.sections[1].id: the id “alpha” is already used at $.sections[0].id"));
  g_assert_nonnull (strstr (err, ": 14 problems\n"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "checklist", "validate", broken, NULL), ==, 2);
  g_assert_nonnull (strstr (err, ": $: not valid JSON: "));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "checklist", "validate", "/no/such/file.json", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "/no/such/file.json"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "checklist", "validate", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "checklist validate FILE"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (NULL, NULL, &err, "checklist", NULL), ==, 1);
}

static void
test_import_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *small = fixture_file ("valid-small.json");
  g_autofree char *bad = fixture_file ("bad-many.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "checklist", "import", small, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported checklist small-team-checklist version 2 (3 items)."));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "checklist", "import", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "$.sections[2].items[0].good: missing"));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "checklist", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ncsc-plan-for-security-flaws@1  Plan for security flaws (15 items)\n"));
  g_assert_nonnull (strstr (out, "small-team-checklist@2  A small checklist (3 items)\n"));
  g_clear_pointer (&out, g_free);

  /* A run of the imported checklist. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "start", "--team", "Mobile",
                                      "--assessor", "Bo", "--checklist", "small-team-checklist@2", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Started assessment 1 of Mobile on 2026-01-01."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "show", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Checklist: small-team-checklist@2"));
  g_assert_nonnull (strstr (out, "[testing.fuzzing] Are parsers fuzzed?"));
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *html = g_build_filename (fixture->dir, "out.html", NULL);
  g_autofree char *md = g_build_filename (fixture->dir, "out.md", NULL);
  g_autofree char *md_text = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No assessments yet."));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "start", "--team", "Payments",
                                      "--assessor", "Ada", "--date", "2025-12-20", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Started assessment 1 of Payments on 2025-12-20.\n");
  g_clear_pointer (&out, g_free);

  /* Starting again resumes the unfinished run. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "start", "--team", "Payments",
                                      "--assessor", "Ada", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Resuming assessment 1 of Payments"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "answer", "1",
                                      "vulnerability-management.process", "--rating", "2",
                                      "--note", "Monthly", "--link", "https://wiki.example.org/p", NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "answer", "1",
                                      "security-testing.regression-tests", "--rating", "1", "--note", "", NULL), ==, 0);
  /* Leaving --note out keeps the note. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "answer", "1",
                                      "vulnerability-management.process", "--rating", "3", NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "answer", "1",
                                      "security-debt.register", "--rating", "0", NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "answer", "1",
                                      "security-skills.investment", "--rating=none", "--note=Not our call", NULL), ==, 0);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "answer", "1",
                                      "security-debt.register", "--rating", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“5” is not a rating"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "answer", "1",
                                      "no.such.item", "--rating", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "has no item “no.such.item”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "show", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  State:     in-progress\n"));
  g_assert_nonnull (strstr (out, "  Overall                                44 %  (3/15)\n"));
  g_assert_nonnull (strstr (out, "  Security skills                    No score  (0/2)\n"));
  g_assert_nonnull (strstr (out, "  Rating: Fully in place (3)\n  Note: Monthly\n  Evidence: https://wiki.example.org/p\n"));
  g_assert_nonnull (strstr (out, "  Rating: Not assessed (none)\n  Note: Not our call\n"));
  g_assert_nonnull (strstr (out, "Front door for reports: No disclosure source"));
  g_clear_pointer (&out, g_free);

  /* No report until the run is complete. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "export", "1", "--format", "pdf",
                                      "--output", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "still in progress"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "complete", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Completed assessment 1"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "answer", "1",
                                      "security-debt.register", "--rating", "3", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "can no longer change"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "assess", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1     2025-12-20 completed    44 %     Payments (Ada)\n"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "export", "1", "--format", "pdf",
                                      "--output", pdf, NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "export", "1", "--format", "html",
                                      "--output", html, NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "export", "1", "--format=md",
                                      "--output=" , NULL), ==, 1);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "export", "1", "--format=md",
                                      NULL), ==, 1);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "assess", "export", "1", "--format", "md",
                                      "--output", md, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (md, &md_text, NULL, NULL));
  g_assert_nonnull (strstr (md_text, "| **Overall** | 44 % | 3 of 15 rated |"));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "export", "1", "--format", "odt",
                                      "--output", md, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“odt” is not a report format"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "assess list"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "show", "abc", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "needs the number of an assessment"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "start", "--team", "T", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--team and --assessor"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "list", "--bogus", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown option “--bogus”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "frob", "1", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  /* Wrong usage touches no file. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "show", "9", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "There is no assessment 9."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "assess", "start", "--team", "T",
                                      "--assessor", "A", "--date", "2026-13-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "YYYY-MM-DD"));

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "assess"));
  g_assert_nonnull (strstr (out, "checklist"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli-assess/validate", test_validate);
  ADD ("/flawdesk/cli-assess/import-and-list", test_import_and_list);
  ADD ("/flawdesk/cli-assess/run", test_run);
  ADD ("/flawdesk/cli-assess/usage", test_usage);

#undef ADD

  return g_test_run ();
}
