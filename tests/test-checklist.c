/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-assessment-db.h"
#include "flaw-checklist.h"
#include "flaw-clock.h"
#include "flaw-test-utils.h"

typedef struct
{
  char         *dir;
  FlawDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  flaw_clock_set_fixed (1767225600); /* 2026-01-01 */
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "checklists", name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);

  return text;
}

static GStrv
problems_as_strings (GPtrArray *problems)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = flaw_checklist_problem_to_string (g_ptr_array_index (problems, i));

      g_test_message ("problem: %s", line);
      g_strv_builder_add (builder, line);
    }

  return g_strv_builder_end (builder);
}

static void
test_builtin (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawChecklist) checklist = flaw_checklist_load_builtin (&error);
  g_autoptr(GPtrArray) problems = NULL;
  static const char * const sections[] = {
    "vulnerability-management", "security-debt", "security-skills",
    "root-cause-analysis", "vulnerability-disclosure", "security-testing",
  };
  guint n_practice = 0, n_good = 0, n_bad = 0;
  g_autoptr(GHashTable) evidence = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_cmpstr (checklist->id, ==, FLAW_CHECKLIST_BUILTIN_ID);
  g_assert_cmpint (checklist->version, ==, 1);

  problems = flaw_checklist_validate (checklist->json, -1);
  g_assert_cmpuint (problems->len, ==, 0);

  /* One section per practice of the guidance, in its order. */
  g_assert_cmpuint (checklist->sections->len, ==, G_N_ELEMENTS (sections));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (checklist->sections, i);
      guint practices = 0;

      g_assert_cmpstr (section->id, ==, sections[i]);
      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);

          g_assert_true (g_str_has_prefix (item->id, section->id));
          g_assert_cmpstr (item->good, !=, item->poor);
          if (g_str_equal (item->kind, "practice"))
            practices++, n_practice++;
          else if (g_str_equal (item->kind, "good-practice"))
            n_good++;
          else if (g_str_equal (item->kind, "bad-practice"))
            n_bad++;
          if (item->evidence != NULL)
            g_hash_table_add (evidence, item->evidence);
        }
      g_assert_cmpuint (practices, ==, 1);
    }

  /* The guidance's self-assessment list: six poor and three good statements. */
  g_assert_cmpuint (n_practice, ==, 6);
  g_assert_cmpuint (n_bad, ==, 6);
  g_assert_cmpuint (n_good, ==, 3);
  g_assert_cmpuint (flaw_checklist_get_n_items (checklist), ==, 15);

  /* Every evidence fact Flawdesk computes is shown beside some item. */
  for (const char * const *key = flaw_checklist_evidence_keys (); *key; key++)
    g_assert_true (g_hash_table_contains (evidence, *key));

  g_assert_nonnull (flaw_checklist_find_item (checklist, "security-debt.register", NULL));
  g_assert_null (flaw_checklist_find_item (checklist, "no-such-item", NULL));
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  gsize length;
  g_autofree char *json = read_fixture ("bad-many.json", &length);
  g_autoptr(GPtrArray) problems = flaw_checklist_validate (json, length);
  g_auto(GStrv) lines = problems_as_strings (problems);
  static const char * const expected[] = {
    "$.colour: unknown member; the members allowed here are id, version, title, description, sections",
    "$.id: “Bad Id” is not a valid id",
    "$.version: must be a whole number from 1 to 2147483647",
    "$.title: must not be empty",
    "$.sections[0].items[1].id: the id “alpha.one” is already used at $.sections[0].items[0].id; ids must be unique",
    "$.sections[0].items[1].kind: “practise” is not a kind of item; use one of practice, good-practice, bad-practice",
    "$.sections[0].items[1].evidence: “magic” is not an evidence key Flawdesk knows",
    "$.sections[1].id: the id “alpha” is already used at $.sections[0].id; ids must be unique",
    "$.sections[1].items: must hold at least one of items",
    "$.sections[2].items[0].questoin: unknown member",
    "$.sections[2].items[0].good: missing",
    "$.sections[2].items[1]: must be an object describing one item",
    "$.sections[2].items[2].question: must be a string",
    "$.sections[2].items[2].good: must not be empty",
  };

  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_str_has_prefix (lines[i], expected[i]));
}

static void
test_not_json (Fixture       *fixture,
               gconstpointer  data)
{
  gsize length;
  g_autofree char *json = read_fixture ("not-json.json", &length);
  g_autoptr(GPtrArray) problems = flaw_checklist_validate (json, length);
  g_autoptr(GPtrArray) not_object = flaw_checklist_validate ("[1, 2]", -1);
  g_autoptr(GPtrArray) not_utf8 = flaw_checklist_validate ("{\"id\": \"\xff\"}", -1);
  g_autoptr(GPtrArray) missing = flaw_checklist_validate ("{}", -1);
  g_auto(GStrv) lines = problems_as_strings (problems);
  g_auto(GStrv) missing_lines = problems_as_strings (missing);
  FlawChecklistProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "$: not valid JSON: "));

  g_assert_cmpuint (not_object->len, ==, 1);
  problem = g_ptr_array_index (not_object, 0);
  g_assert_cmpstr (problem->path, ==, "$");

  g_assert_cmpuint (not_utf8->len, ==, 1);
  problem = g_ptr_array_index (not_utf8, 0);
  g_assert_cmpstr (problem->message, ==, "the file is not UTF-8 text");

  g_assert_cmpuint (g_strv_length (missing_lines), ==, 4);
  g_assert_cmpstr (missing_lines[0], ==, "$.id: missing");
  g_assert_cmpstr (missing_lines[1], ==, "$.version: missing");
  g_assert_cmpstr (missing_lines[2], ==, "$.title: missing");
  g_assert_cmpstr (missing_lines[3], ==, "$.sections: missing");
}

static void
test_odd_member_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) problems =
    flaw_checklist_validate ("{\"id\": \"a\", \"version\": 1, \"title\": \"T\", "
                             "\"sections\": [{\"id\": \"s\", \"title\": \"S\", \"items\": "
                             "[{\"id\": \"i\", \"kind\": \"practice\", \"question\": \"Q\", "
                             "\"good\": \"G\", \"poor\": \"P\", \"a \\\"b\\\"\": 1}]}]}", -1);
  FlawChecklistProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "$.sections[0].items[0][\"a \\\"b\\\"\"]");
}

static void
test_new_reports_every_problem (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *json = read_fixture ("bad-many.json", &length);
  g_autoptr(FlawChecklist) checklist = flaw_checklist_new_from_data (json, length, &error);

  g_assert_null (checklist);
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "14 problems"));
  g_assert_nonnull (strstr (error->message, "\n$.sections[2].items[0].good: missing"));
  g_assert_nonnull (strstr (error->message, "\n$.version: "));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawChecklist) imported = NULL;
  g_autoptr(FlawChecklist) again = NULL;
  g_autoptr(FlawChecklist) loaded = NULL;
  g_autoptr(FlawChecklist) builtin = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *builtin_copy = NULL;
  gsize length;
  g_autofree char *json = read_fixture ("valid-small.json", &length);

  imported = flaw_assessment_db_import_checklist (fixture->db, json, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported->id, ==, "small-team-checklist");
  g_assert_cmpuint (flaw_checklist_get_n_items (imported), ==, 3);

  /* The same file again is harmless. */
  again = flaw_assessment_db_import_checklist (fixture->db, json, length, &error);
  g_assert_no_error (error);

  events = flaw_database_list_events (fixture->db, "checklist", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  /* A different file under the same id and version is refused. */
  changed = g_strdup (json);
  *strstr (changed, "Always.") = 'a';
  g_assert_null (flaw_assessment_db_import_checklist (fixture->db, changed, -1, &error));
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_EXISTS);
  g_clear_error (&error);

  /* Importing validates first. */
  bad = read_fixture ("bad-many.json", NULL);
  g_assert_null (flaw_assessment_db_import_checklist (fixture->db, bad, -1, &error));
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.sections[2].items[0].good: missing"));
  g_clear_error (&error);

  /* The shipped checklist cannot be replaced under its own version. */
  builtin = flaw_checklist_load_builtin (&error);
  g_assert_no_error (error);
  builtin_copy = g_strdup (builtin->json);
  g_assert_null (flaw_assessment_db_import_checklist (fixture->db, builtin_copy, -1, &error));
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_EXISTS);
  g_clear_error (&error);

  loaded = flaw_assessment_db_load_checklist (fixture->db, "small-team-checklist", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->version, ==, 2);
  g_clear_pointer (&loaded, flaw_checklist_unref);

  loaded = flaw_assessment_db_load_checklist (fixture->db, "small-team-checklist", 5, &error);
  g_assert_error (error, FLAW_CHECKLIST_ERROR, FLAW_CHECKLIST_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  all = flaw_assessment_db_list_checklists (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((FlawChecklist *) g_ptr_array_index (all, 0))->id, ==, FLAW_CHECKLIST_BUILTIN_ID);
  g_assert_cmpstr (((FlawChecklist *) g_ptr_array_index (all, 1))->id, ==, "small-team-checklist");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/checklist/builtin", test_builtin);
  ADD ("/flawdesk/checklist/bad-file", test_bad_file);
  ADD ("/flawdesk/checklist/not-json", test_not_json);
  ADD ("/flawdesk/checklist/odd-member-names", test_odd_member_names);
  ADD ("/flawdesk/checklist/new-reports-every-problem", test_new_reports_every_problem);
  ADD ("/flawdesk/checklist/import", test_import);

#undef ADD

  return g_test_run ();
}
