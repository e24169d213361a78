/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-database.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"

/* 2026-03-02 09:00 UTC, a Monday. */
#define T0 G_GINT64_CONSTANT (1772442000)
#define N_REPORTS 6

typedef struct
{
  char   *dir;
  char   *path;
  GArray *ids;
  gint64  hostile;
  gint64  followup;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;

  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->ids = flaw_test_insert_reports (db, N_REPORTS, T0, 7);
  fixture->hostile = flaw_test_insert_report (db, 0, "Title \x1b[31mred\x1b[0m \x07 <b>bold</b>",
                                              "Line 1\n\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\\n"
                                              "<img src=\"http://evil.example/track.png\">",
                                              T0 + 10 * 86400, 0);
  fixture->followup = flaw_test_insert_report (db, 0, "Re: Title", "second message",
                                               T0 + 11 * 86400, fixture->hostile);
  /* The CLI runs with the clock pinned. */
  g_setenv ("FLAWDESK_NOW", "2026-03-20T12:00:00Z", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("FLAWDESK_NOW");
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_array_unref (fixture->ids);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "reports SUBCOMMAND"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, &err, "reports", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "reports list"));
  g_assert_nonnull (strstr (out, "reports show ID"));
  g_assert_nonnull (strstr (out, "reports set-status ID STATUS"));
  g_assert_nonnull (strstr (out, "--regression-test"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "untouched.db", NULL);
  const char *cases[][7] = {
    { "reports", NULL },
    { "reports", "frobnicate", NULL },
    { "reports", "list", "--format", "xml", NULL },
    { "reports", "list", "--status", "pending", NULL },
    { "reports", "list", "--status", NULL },
    { "reports", "list", "--bogus", NULL },
    { "reports", "show", NULL },
    { "reports", "show", "abc", NULL },
    { "reports", "show", "1", "--format", "html", NULL },
    { "reports", "set-status", "1", NULL },
    { "reports", "set-status", "1", "done", NULL },
    { "reports", "set-status", "1", "closed", "--reason", "boring", NULL },
    { "reports", "edit", "1", NULL },
    { "reports", "edit", "1", "--title", "x", NULL },
    { "reports", "edit", "1", "--cwe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (flaw_test_run_cli (other, &out, &err, cases[i][0], cases[i][1], cases[i][2],
                                          cases[i][3], cases[i][4], cases[i][5], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "Usage:"));
      g_assert_cmpstr (out, ==, "");
    }

  /* Wrong usage touches no file. */
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_list_table (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "reports", "list", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  /* Header, one line per root report, the empty string after the last \n. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + N_REPORTS + 1 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  g_assert_nonnull (strstr (lines[1], "new"));
  g_assert_nonnull (strstr (lines[1], "*"));
  /* Escape sequences and bells never reach the terminal. */
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_nonnull (strstr (out, "<b>bold</b>"));
  /* Old reports are overdue at the pinned time. */
  g_assert_nonnull (strstr (out, "overdue"));
}

static void
test_list_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  JsonObject *first, *last;
  const char *keys[] = { "id", "source", "remote_id", "title", "reporter", "received_at", "status",
                         "severity", "thread_of", "body_truncated", "cvss_vector", "cwe", "component",
                         "cve", "root_cause", "regression_test", "deadlines", "followups" };

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "reports", "list",
                                      "--format", "json", NULL), ==, 0);
  node = parse (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, N_REPORTS + 1);

  first = json_array_get_object_element (array, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (first, keys[i]));
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, fixture->hostile);
  g_assert_true (json_object_get_null_member (first, "source"));
  g_assert_true (json_object_get_null_member (first, "thread_of"));
  g_assert_true (json_object_get_null_member (first, "severity"));
  g_assert_false (json_object_get_boolean_member (first, "body_truncated"));
  g_assert_cmpint (json_object_get_int_member (first, "followups"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==,
                   "Title \x1b[31mred\x1b[0m \x07 <b>bold</b>");
  g_assert_cmpstr (json_object_get_string_member (first, "received_at"), ==, "2026-03-12T09:00:00Z");
  g_assert_false (json_object_has_member (first, "body"));

  last = json_array_get_object_element (array, N_REPORTS);
  g_assert_cmpstr (json_object_get_string_member (last, "received_at"), ==, "2026-03-02T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (last, "status"), ==, "new");
  g_assert_nonnull (json_object_get_string_member (last, "source"));
  {
    JsonObject *deadlines = json_object_get_object_member (last, "deadlines");
    JsonObject *next = json_object_get_object_member (deadlines, "next");

    /* Monday 2 March + 5 business days: the end of Monday 9 March (UTC here). */
    g_assert_cmpstr (json_object_get_string_member (next, "kind"), ==, "acknowledge");
    g_assert_cmpstr (json_object_get_string_member (next, "state"), ==, "overdue");
    g_assert_cmpstr (json_object_get_string_member (deadlines, "disclose"), ==, "2026-05-31T09:00:00Z");
  }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "reports", "list", "--status",
                                      "acknowledged,triaged", "--format=json", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, NULL, "reports", "list", "--search",
                                      "bold\" (cli*", "--format", "json", NULL), ==, 0);
  json_node_unref (node);
  node = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->hostile);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *thread;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "reports", "show", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Status:"));
  g_assert_nonnull (strstr (out, "Line 1\n"));
  /* The markup is shown as it is, never interpreted; no escape sequence passes. */
  g_assert_nonnull (strstr (out, "<img src=\"http://evil.example/track.png\">"));
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "Follow-up 1 of 1"));
  g_assert_nonnull (strstr (out, "second message"));
  g_assert_true (strstr (out, "Line 1") < strstr (out, "second message"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "reports", "show", id,
                                      "--format", "json", NULL), ==, 0);
  node = parse (out);
  object = json_node_get_object (node);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "body"), "Line 1\n\x1b]8;;"));
  thread = json_object_get_array_member (object, "thread");
  g_assert_cmpuint (json_array_get_length (thread), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (thread, 0), "thread_of"), ==,
                   fixture->hostile);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (thread, 0), "deadlines"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "reports", "show", "9999", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "There is no report 9999"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_triage (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (fixture->ids, gint64, 0));
  g_autofree char *other = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (fixture->ids, gint64, 1));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

#define RUN(expected, ...) G_STMT_START {                                              \
    g_clear_pointer (&out, g_free);                                                    \
    g_clear_pointer (&err, g_free);                                                    \
    g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, __VA_ARGS__, NULL), \
                     ==, expected);                                                    \
  } G_STMT_END

  RUN (2, "reports", "set-status", id, "fixed");
  g_assert_nonnull (strstr (err, "cannot move from “New” to “Fixed”"));
  RUN (0, "reports", "set-status", id, "acknowledged");
  g_assert_nonnull (strstr (out, "is now acknowledged"));
  RUN (2, "reports", "set-status", id, "triaged");
  g_assert_nonnull (strstr (err, "severity"));

  RUN (2, "reports", "edit", id, "--cwe", "XSS");
  g_assert_nonnull (strstr (err, "CWE-79"));
  RUN (2, "reports", "edit", id, "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L");
  g_assert_nonnull (strstr (err, "AV (Attack Vector) appears more than once"));
  RUN (0, "reports", "edit", id, "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
       "--cwe=CWE-89", "--component", "search", "--root-cause", "String-built SQL");
  RUN (0, "reports", "set-status", id, "triaged");
  RUN (0, "reports", "set-status", id, "fix-in-progress");
  RUN (2, "reports", "set-status", id, "fixed");
  g_assert_nonnull (strstr (err, "regression test"));
  RUN (0, "reports", "edit", id, "--regression-test", "tests/test-search.c /search/quotes-input");
  RUN (0, "reports", "set-status", id, "fixed");

  RUN (0, "reports", "show", id, "--format", "json");
  node = parse (out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "fixed");
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "critical");
  g_assert_cmpfloat (json_object_get_double_member (object, "cvss_score"), ==, 9.8);
  g_assert_cmpstr (json_object_get_string_member (object, "cwe"), ==, "CWE-89");
  g_assert_cmpstr (json_object_get_string_member (object, "regression_test"), ==,
                   "tests/test-search.c /search/quotes-input");
  g_assert_cmpstr (json_object_get_string_member (object, "fixed_at"), ==, "2026-03-20T12:00:00Z");

  /* Closing. */
  RUN (2, "reports", "set-status", other, "closed", "--reason", "spam");
  g_assert_nonnull (strstr (err, "note"));
  RUN (2, "reports", "set-status", other, "closed", "--reason", "duplicate", "--duplicate-of", other);
  g_assert_nonnull (strstr (err, "itself"));
  RUN (0, "reports", "set-status", other, "closed", "--reason", "duplicate", "--duplicate-of", id);
  RUN (0, "reports", "list", "--status", "closed", "--format", "json");
  json_node_unref (node);
  node = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "close_reason"), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (object, "duplicate_of"), ==,
                   g_array_index (fixture->ids, gint64, 0));

  /* Follow-ups are not triaged. */
  {
    g_autofree char *followup = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->followup);

    RUN (2, "reports", "edit", followup, "--severity", "low");
    g_assert_nonnull (strstr (err, "follow-up"));
  }

#undef RUN
}

int
main (int    argc,
      char **argv)
{
  /* Deadlines in the expected output are in UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli-reports/help", test_help);
  ADD ("/flawdesk/cli-reports/usage-errors", test_usage_errors);
  ADD ("/flawdesk/cli-reports/list-table", test_list_table);
  ADD ("/flawdesk/cli-reports/list-json", test_list_json);
  ADD ("/flawdesk/cli-reports/show", test_show);
  ADD ("/flawdesk/cli-reports/triage", test_triage);

#undef ADD

  return g_test_run ();
}
