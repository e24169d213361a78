/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
  char *other;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->other = g_build_filename (fixture->dir, "other.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->other);
}

static char *
file_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
add (Fixture    *fixture,
     const char *expected_id,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strconcat (expected_id, "\n", NULL);
  const char *arg;
  va_list args;
  int status;

  va_start (args, expected_id);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);

  /* flaw_test_run_cli() takes a NULL-terminated list; pass up to 16. */
  while (argv->len < 16)
    g_ptr_array_add (argv, NULL);

#define A(i) (const char *) argv->pdata[i]
  status = flaw_test_run_cli (fixture->path, &out, &err, "debt", "add",
                              A (0), A (1), A (2), A (3), A (4), A (5), A (6), A (7),
                              A (8), A (9), A (10), A (11), A (12), A (13), A (14), A (15), NULL);
#undef A

  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
add_samples (Fixture *fixture)
{
  add (fixture, "1", "--title", "Admin rights for the deploy bot", "--likelihood", "4", "--impact", "5",
       "--principal", "3", "--interest", "0.5", "--owner", "Kim", "--category", "access_permissions", NULL);
  add (fixture, "2", "--title", "TLS checks off in staging", "--likelihood", "2", "--impact", "3",
       "--component", "api", "--owner", "Lee", NULL);
  add (fixture, "3", "--title", "<script>alert(1)</script>", "--likelihood", "1", "--impact", "1",
       "--description", "=cmd|' /C calc'!A0, \"quoted\"\nsecond line", NULL);
}

static void
test_terminal_escapes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* One-line fields refuse control characters outright. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "add", "--title",
                                      "Evil \x1b]0;owned\x07title", "--likelihood", "2", "--impact", "2",
                                      NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Title must be a single line without control characters"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Text that may hold them (a description pasted from a report) must not
   * drive the terminal that shows it. */
  add (fixture, "1", "--title", "Pasted report", "--likelihood", "2", "--impact", "2",
       "--description", "Steps:\n1. \x1b[2Jclear the screen\x1b]0;owned\x07", NULL);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "show", "1", NULL), ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_nonnull (strstr (out, "clear the screen"));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *columns[] = {
    "id", "title", "description", "category", "component", "cwe", "owner", "approver", "links",
    "likelihood", "impact", "principal", "interest", "status", "rationale", "compensating_controls",
    "review_date", "target_date", "wont_fix_reason", "created",
  };

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "debt", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Usage: flawdesk-cli debt COMMAND"));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s\n", columns[i]);

      g_assert_nonnull (strstr (out, line));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "debt add|list|show|edit|export|import"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "frob", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown debt command “frob”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "debt", "list", "--format", "xml", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown format “xml”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "debt", "list", "--colour", "red", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown option “--colour”"));
}

static void
test_add_list_show_edit (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  add_samples (fixture);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^1 +critical +20 +proposed +Kim +3\\.0 +Admin rights for the deploy bot$",
                                       out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^2 +medium +6 +proposed +Lee ", out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "edit", "1", "--status", "accepted",
                                      "--rationale", "Friday release", "--compensating-controls",
                                      "Token scoped to one repository", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* 90 days after the pinned today. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "show", "1", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^status +accepted$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^review_date +2025-04-01$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  2025-01-01T12:00:00Z  .*  status: proposed → accepted$",
                                       out, G_REGEX_MULTILINE, 0));
  /* The oldest entry is the creation, in words rather than JSON. */
  g_assert_true (g_regex_match_simple ("^  2025-01-01T12:00:00Z  .*  Created with Title: .*; Status: Proposed; "
                                       "Created: 2025-01-01T12:00:00Z\n\\z", out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Illegal moves name both states; bad values every field. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "edit", "2", "--status", "paid_off",
                                      NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“Proposed” to “Paid off”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "add", "--title", "",
                                      "--likelihood", "high", "--impact", "9", "--cwe", "79x", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--likelihood: Likelihood must be a whole number from 1 to 5, not “high”"));
  g_assert_nonnull (strstr (err, "--title: Title is required"));
  g_assert_nonnull (strstr (err, "--impact: Impact must be from 1 to 5, not 9"));
  g_assert_nonnull (strstr (err, "--cwe:"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "show", "99", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no debt item 99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing more was written. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "list", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^3,", out, G_REGEX_MULTILINE, 0));
  g_assert_false (g_regex_match_simple ("^4,", out, G_REGEX_MULTILINE, 0));
}

static guint
count_json_items (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "flawdesk-debt");

  return json_array_get_length (json_object_get_array_member (root, "items"));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct { const char *option; const char *value; guint count; } cases[] = {
    { "--severity", "critical", 1 },
    { "--severity", "low", 1 },
    { "--owner", "lee", 1 },
    { "--category", "access_permissions", 1 },
    { "--status", "proposed", 3 },
    { "--search", "stag", 1 },
    { "--search", "\"(* AND", 0 },
    { "--search", "second line", 1 },
  };

  add_samples (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "list", cases[i].option,
                                          cases[i].value, "--format", "json", NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpuint (count_json_items (out), ==, cases[i].count);
    }
}

static void
test_export_reports (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *html = file_in (fixture, "report.html");
  g_autofree char *md = file_in (fixture, "report.md");
  g_autofree char *text = NULL;

  add_samples (fixture);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "debt", "export", "--format", "html",
                                      "--output", html, NULL), ==, 0);
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (text, "<script"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "debt", "export", "--format", "md",
                                      "--output", md, NULL), ==, 0);
  g_assert_true (g_file_get_contents (md, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "# Security debt review, 2025-01-01"));
  g_assert_nonnull (strstr (text, "| Open items | 3 |"));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = file_in (fixture, "debt.csv");
  g_autofree char *json = file_in (fixture, "debt.json");
  g_autofree char *third = file_in (fixture, "third.db");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  add_samples (fixture);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "debt", "export", "--output", csv, NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->other, &out, &err, "debt", "import", csv, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported 3 items.\n");
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &first, NULL, "debt", "export", NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->other, &second, NULL, "debt", "export", NULL), ==, 0);
  g_assert_cmpstr (first, ==, second);
  /* The formula guard. */
  g_assert_nonnull (strstr (first, ",\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\nsecond line\","));
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);

  /* Importing the same ids again is refused, whole. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->other, NULL, &err, "debt", "import", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, ":2: id: ID 1 is already used"));
  g_assert_nonnull (strstr (err, ":4: id: ID 3 is already used"));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, NULL, "debt", "export", "--format", "json",
                                      "--output", json, NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (third, NULL, NULL, "debt", "import", json, NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &first, NULL, "debt", "export", "--format", "json", NULL), ==, 0);
  g_assert_cmpint (flaw_test_run_cli (third, &second, NULL, "debt", "export", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (first, ==, second);
}

static void
test_import_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *bad = file_in (fixture, "bad.csv");
  g_autofree char *binary = file_in (fixture, "binary.csv");
  g_autofree char *json = file_in (fixture, "bad.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guchar garbage[2048];

  g_assert_true (g_file_set_contents (bad,
                                      "title,likelihood,impact,principal\r\n"
                                      "Fine,1,1,0\r\n"
                                      "\"Multi\",2,2,\"1\"\r\n"
                                      "Text,three,2,1\r\n"
                                      "Range,1,7,1\r\n"
                                      "Short,1\r\n",
                                      -1, NULL));
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "import", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "bad.csv:4: likelihood: Likelihood must be a whole number"));
  g_assert_nonnull (strstr (err, "bad.csv:5: impact: Impact must be from 1 to 5, not 7"));
  g_assert_nonnull (strstr (err, "bad.csv:6: Line 6 has 2 fields"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) ((i * 131 + 7) % 256);
  g_assert_true (g_file_set_contents (binary, (const char *) garbage, sizeof garbage, NULL));
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "import", binary, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "binary"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (json, "{\"format\": \"flawdesk-debt\", \"version\": 1, \"items\": [\n"
                                            "{\"title\": \"x\", \"likelihood\": \"often\", \"impact\": 1}]}", -1, NULL));
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "import", json, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "bad.json:2: likelihood:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing was written by any of them. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "debt", "list", "--format", "json", NULL), ==, 0);
  g_assert_cmpuint (count_json_items (out), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The CLI reads the pinned clock from the environment. */
  g_setenv ("FLAWDESK_NOW", "2025-01-01T12:00:00Z", TRUE);
  g_setenv ("TZ", "UTC", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli-debt/help", test_help);
  ADD ("/flawdesk/cli-debt/add-list-show-edit", test_add_list_show_edit);
  ADD ("/flawdesk/cli-debt/filters", test_filters);
  ADD ("/flawdesk/cli-debt/export-reports", test_export_reports);
  ADD ("/flawdesk/cli-debt/round-trip", test_round_trip);
  ADD ("/flawdesk/cli-debt/import-errors", test_import_errors);
  ADD ("/flawdesk/cli-debt/terminal-escapes", test_terminal_escapes);

#undef ADD

  return g_test_run ();
}
