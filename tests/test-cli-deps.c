/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-dependency-store.h"
#include "flaw-store.h"
#include "flaw-test-utils.h"

/* flawdesk-cli deps, run as the real binary. */

#define NOW G_GINT64_CONSTANT (1780272000)

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
  flaw_clock_set_fixed (NOW);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("FLAWDESK_NOW");
  flaw_clock_unset_fixed ();
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "deps", name, NULL);
}

/* Runs the CLI with @input on its standard input. */
static int
run_with_input (const char  *input,
                char       **out,
                char       **err,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLAWDESK_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);

  return g_subprocess_get_exit_status (process);
}

static JsonArray *
list_json (Fixture     *fixture,
           const char  *extra,
           JsonNode   **root)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "list", "--format", "json",
                                      extra, NULL), ==, 0);
  *root = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));

  return json_node_get_array (*root);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (flaw_test_run_cli (NULL, &out, NULL, "deps", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "deps import FILE [--format FORMAT] [--source NAME] [--yes]"));
  g_assert_nonnull (strstr (out, "deps list [--vulnerable] [--format table|json]"));
  g_assert_nonnull (strstr (out, "cargo-lock"));
}

static void
test_import_confirm (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *lock = fixture_file ("package-lock-v3.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  /* Declined: the preview is shown and nothing is written. */
  g_assert_cmpint (run_with_input ("n\n", &out, &err, "--db", fixture->path, "deps", "import", lock,
                                   "--source", "portal", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  + npm @babel/core 7.22.5\n"));
  g_assert_nonnull (strstr (out, "5 to add, 0 to change, 0 to remove, 0 unchanged."));
  g_assert_nonnull (strstr (out, "Nothing was written."));
  g_assert_nonnull (strstr (err, "[y/N]"));
  list = list_json (fixture, NULL, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No answer at all writes nothing either. */
  g_assert_cmpint (run_with_input ("", &out, &err, "--db", fixture->path, "deps", "import", lock,
                                   "--source", "portal", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing was written."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_with_input ("y\n", &out, &err, "--db", fixture->path, "deps", "import", lock,
                                   "--source", "portal", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported: 5 added, 0 changed, 0 removed."));
  list = list_json (fixture, NULL, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file again: nothing to do. */
  g_assert_cmpint (run_with_input ("", &out, &err, "--db", fixture->path, "deps", "import", lock,
                                   "--source", "portal", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 to add, 0 to change, 0 to remove, 5 unchanged."));
  g_assert_nonnull (strstr (out, "Nothing to change."));
  g_assert_null (strstr (err, "[y/N]"));
}

static void
test_import_change (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *v3 = fixture_file ("package-lock-v3.json");
  g_autofree char *v1 = fixture_file ("package-lock-v1.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "import", v1,
                                      "--source", "site", "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Not imported (1):\n  local-helper"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "import", v3,
                                      "--source", "site", "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  - npm debug 2.6.9\n"));
  g_assert_nonnull (strstr (out, "  + npm lodash 4.17.21\n"));
  g_assert_nonnull (strstr (out, "5 to add, 0 to change, 4 to remove, 0 unchanged."));
  g_assert_nonnull (strstr (out, "Imported: 5 added, 0 changed, 4 removed."));
}

static gpointer
mark_vulnerable (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) components = flaw_components_list (database, NULL, FALSE, error);
  g_autoptr(FlawVulnerability) vulnerability = flaw_vulnerability_new ();
  const char *ids[] = { "CVE-2023-45288", NULL };

  vulnerability->osv_id = g_strdup ("GO-2024-2687");
  vulnerability->modified = NOW - 86400;
  g_ptr_array_add (vulnerability->aliases, g_strdup ("CVE-2023-45288"));
  g_ptr_array_add (vulnerability->aliases, g_strdup ("GHSA-4v7x-pqxf-cx7m"));
  g_assert_cmpint (flaw_vulnerability_store (database, vulnerability, error), >, 0);

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      if (g_str_equal (component->name, "golang.org/x/net"))
        g_assert_true (flaw_component_record_check (database, component->id, ids, error));
      else if (g_str_equal (component->name, "golang.org/x/text"))
        g_assert_true (flaw_component_record_check (database, component->id, NULL, error));
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *sum = fixture_file ("go.sum");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  JsonObject *first;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "import", sum, "--yes", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  list = list_json (fixture, NULL, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "ecosystem"), ==, "Go");
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "github.com/davecgh/go-spew");
  g_assert_cmpstr (json_object_get_string_member (first, "version"), ==, "v1.1.1");
  g_assert_true (json_object_get_null_member (first, "last_checked"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "vulns")), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* The sync records checks; here the core does it on the same file. */
  {
    g_autoptr(FlawStore) store = flaw_store_new (fixture->path);

    g_assert_true (flaw_store_open (store, NULL, &error));
    g_assert_nonnull (flaw_store_run (store, mark_vulnerable, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "golang.org/x/net");
  g_assert_cmpstr (json_object_get_string_member (first, "last_checked"), ==, "2026-06-01T00:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "vulns")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "vulns"), 0),
                   ==, "GO-2024-2687");
  g_clear_pointer (&root, json_node_unref);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^Go +golang.org/x/net +v0.17.0 +2026-06-01T00:00:00Z +GO-2024-2687$",
                                       out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Go +golang.org/x/text +v0.13.0 +2026-06-01T00:00:00Z +none found$",
                                       out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Go +gopkg.in/yaml.v3 +v3.0.1 +never +\\(not checked\\)$",
                                       out, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (out, "5 component(s)"));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *truncated = fixture_file ("truncated.cdx.json");
  g_autofree char *v4 = fixture_file ("package-lock-v4.json");
  g_autofree char *err = NULL;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "import", truncated, "--yes", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "truncated.cdx.json"));
  g_assert_nonnull (strstr (err, "not a complete JSON file"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "import", v4, "--yes", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "lockfileVersion 4"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "import", "/nonexistent/go.sum", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent/go.sum"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "import", truncated,
                                      "--format", "xml", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "import", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "list", "--format", "csv", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "frobnicate", NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/cli-deps/help", test_help);
  ADD ("/flawdesk/cli-deps/import-confirm", test_import_confirm);
  ADD ("/flawdesk/cli-deps/import-change", test_import_change);
  ADD ("/flawdesk/cli-deps/list", test_list);
  ADD ("/flawdesk/cli-deps/errors", test_errors);

#undef ADD

  return g_test_run ();
}
