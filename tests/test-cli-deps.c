/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-database.h"
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
  g_assert_nonnull (strstr (out, "deps add --ecosystem ECOSYSTEM --name NAME --version VERSION"));
  g_assert_nonnull (strstr (out, "deps remove ECOSYSTEM NAME [VERSION]"));
  g_assert_nonnull (strstr (out, "deps suppress OSV-ID --component COMPONENT --reason TEXT --until YYYY-MM-DD"));
  g_assert_nonnull (strstr (out, "deps unsuppress OSV-ID --component COMPONENT"));
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

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && g_unichar_iscntrl (c))
        return TRUE;
    }

  return FALSE;
}

/* An SBOM may come from a vendor: the names in it must not reach the
 * terminal as escape sequences. */
static void
test_escapes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *sbom = g_build_filename (fixture->dir, "hostile.cdx.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (sbom,
                                      "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": ["
                                      "{\"name\": \"left\\u001b[2Jpad\", \"version\": \"1.0.0\\u001b]0;owned\\u0007\","
                                      " \"purl\": \"pkg:npm/left%1B%5B2Jpad@1.0.0%1B%5D0%3Bowned%07%C2%9B\"},"
                                      "{\"name\": \"nopurl\\u001b[31m\", \"version\": \"2\\u0085\"}]}",
                                      -1, NULL));

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "import", sbom, "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "left"));
  g_assert_nonnull (strstr (out, "nopurl"));
  g_assert_false (has_control (out));
  g_assert_false (has_control (err));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "left"));
  g_assert_false (has_control (out));
  g_assert_false (has_control (err));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* In JSON too, C1 controls (U+0085 here) come escaped. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "list", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "left"));
  g_assert_false (has_control (out));
}

static JsonObject *
find_component (JsonArray  *list,
                const char *name)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (object, "name"), name))
        return object;
    }

  return NULL;
}

static guint
count_events (const char *path,
              const char *entity,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) database = flaw_database_open (path, &error);
  sqlite3_stmt *stmt;
  guint count = 0;

  g_assert_no_error (error);
  stmt = flaw_database_prepare (database, "SELECT count(*) FROM event WHERE entity = ? AND field = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (flaw_database_step (database, stmt, &error), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* Components added and removed by hand, through the store, with events. */
static void
test_add_remove (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *django;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "django", "--version", "4.2.1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added PyPI django 4.2.1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem=PyPI",
                                      "--name=django", "--version=5.0.0", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "npm",
                                      "--name", "@babel/core", "--version", "7.22.5", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  list = list_json (fixture, NULL, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  django = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (django, "ecosystem"), ==, "PyPI");
  g_assert_cmpstr (json_object_get_string_member (django, "name"), ==, "django");
  g_assert_cmpstr (json_object_get_string_member (django, "version"), ==, "4.2.1");
  g_assert_cmpstr (json_object_get_string_member (django, "source"), ==, "manual");
  g_assert_true (json_object_get_null_member (django, "last_checked"));
  g_assert_cmpuint (count_events (fixture->path, "component", "created"), ==, 3);
  g_clear_pointer (&root, json_node_unref);

  /* Bad input is refused with the field to correct; nothing is written. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "add", "--ecosystem", "pypi",
                                      "--name", "flask", "--version", "3.0.0", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Ecosystem “pypi” is not one OSV knows"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "flask", "--version", " ", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "flask needs a version"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "flask", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "django", "--version", "4.2.1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "PyPI django 4.2.1 is already listed"));
  g_clear_pointer (&err, g_free);

  /* Two versions of django: the version must be named. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "remove", "PyPI", "django", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "several versions (4.2.1, 5.0.0)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "remove", "PyPI", "flask", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "No component PyPI flask is listed"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "remove", "PyPI", "django", "5.0.0",
                                      NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Removed PyPI django 5.0.0 (1 component)."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "remove", "npm", "@babel/core", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  list = list_json (fixture, NULL, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "version"), ==, "4.2.1");
  g_assert_cmpuint (count_events (fixture->path, "component", "deleted"), ==, 2);
}

static gpointer
mark_django_vulnerable (FlawDatabase  *database,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) components = flaw_components_list (database, NULL, FALSE, error);
  g_autoptr(FlawVulnerability) vulnerability = flaw_vulnerability_new ();
  const char *ids[] = { "CVE-2023-36053", NULL };

  vulnerability->osv_id = g_strdup ("GHSA-jh3w-4vvf-mjgr");
  vulnerability->modified = NOW - 86400;
  g_ptr_array_add (vulnerability->aliases, g_strdup ("CVE-2023-36053"));
  g_ptr_array_add (vulnerability->aliases, g_strdup ("PYSEC-2023-100"));
  g_assert_cmpint (flaw_vulnerability_store (database, vulnerability, error), >, 0);

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      g_assert_true (flaw_component_record_check (database, component->id,
                                                  g_str_equal (component->name, "django") ? ids : NULL,
                                                  error));
    }

  return GINT_TO_POINTER (TRUE);
}

/* deps suppress / unsuppress, the suppressed list, --vulnerable and expiry. */
static void
test_suppress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  JsonObject *django;
  JsonObject *flask;

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "django", "--version", "4.2.1", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "flask", "--version", "3.0.0", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "PyPI",
                                      "--name", "requests", "--version", "2.31.0", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(FlawStore) store = flaw_store_new (fixture->path);

    g_assert_true (flaw_store_open (store, NULL, &error));
    g_assert_nonnull (flaw_store_run (store, mark_django_vulnerable, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  /* The one never checked says so with null; checked ones carry a time. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "add", "--ecosystem", "npm",
                                      "--name", "lodash", "--version", "4.17.21", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  list = list_json (fixture, NULL, &root);
  g_assert_true (json_object_get_null_member (find_component (list, "lodash"), "last_checked"));
  flask = find_component (list, "flask");
  g_assert_cmpstr (json_object_get_string_member (flask, "last_checked"), ==, "2026-06-01T00:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (flask, "vulns")), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_nonnull (find_component (list, "django"));
  g_clear_pointer (&root, json_node_unref);

  /* Refused: no reason, no date, a past date, an unknown component. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/django", "--until", "2026-06-10", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--reason"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/django", "--reason", "Not reachable", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nothing is suppressed forever"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/django", "--reason", "Not reachable",
                                      "--until", "2026-02-30", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/django", "--reason", "Not reachable",
                                      "--until", "2026-05-31", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "has passed"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/flask@9", "--reason", "Not reachable",
                                      "--until", "2026-06-10", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No component PyPI/flask@9 is listed"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "suppress", "CVE-1999-0001",
                                      "--component", "PyPI/django", "--reason", "Not reachable",
                                      "--until", "2026-06-10", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "No stored vulnerability is known as “CVE-1999-0001”"));
  g_clear_pointer (&err, g_free);

  /* By an alias, until the end of 10 June. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "suppress", "CVE-2023-36053",
                                      "--component", "PyPI/django@4.2.1", "--reason", "Not reachable",
                                      "--until", "2026-06-10", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Suppressed CVE-2023-36053 for PyPI/django@4.2.1 until 2026-06-10"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_events (fixture->path, "suppression", "created"), ==, 1);

  list = list_json (fixture, NULL, &root);
  django = find_component (list, "django");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (django, "vulns")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (django, "suppressed")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (django, "suppressed"), 0),
                   ==, "GHSA-jh3w-4vvf-mjgr");
  g_clear_pointer (&root, json_node_unref);
  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* The last day of the suppression still counts; the day after, it
   * shows as expired and the vulnerability counts again. */
  g_setenv ("FLAWDESK_NOW", "2026-06-10T23:59:00Z", TRUE);
  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  g_setenv ("FLAWDESK_NOW", "2026-06-11T00:00:00Z", TRUE);
  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  django = find_component (list, "django");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (django, "vulns")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (django, "suppressed")), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (django, "suppression_expired"), 0),
                   ==, "GHSA-jh3w-4vvf-mjgr");
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^PyPI +django +4.2.1 +2026-06-01T00:00:00Z +"
                                       "GHSA-jh3w-4vvf-mjgr \\(suppression expired\\)$",
                                       out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Unsuppress ends one in force; an expired one is no longer in force. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, NULL, &err, "deps", "unsuppress", "CVE-2023-36053",
                                      "--component", "PyPI/django", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "is not suppressed for this component now"));
  g_clear_pointer (&err, g_free);

  g_setenv ("FLAWDESK_NOW", "2026-06-01T00:00:00Z", TRUE);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "unsuppress", "PYSEC-2023-100",
                                      "--component", "PyPI/django", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "PYSEC-2023-100 counts again for PyPI/django."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_events (fixture->path, "suppression", "deleted"), ==, 1);
  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* For every component at once. */
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "deps", "suppress", "GHSA-jh3w-4vvf-mjgr",
                                      "--component", "all", "--reason", "Behind the proxy",
                                      "--until", "2026-07-01", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  list = list_json (fixture, "--vulnerable", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
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
  ADD ("/flawdesk/cli-deps/add-remove", test_add_remove);
  ADD ("/flawdesk/cli-deps/suppress", test_suppress);
  ADD ("/flawdesk/cli-deps/errors", test_errors);
  ADD ("/flawdesk/cli-deps/escapes", test_escapes);

#undef ADD

  return g_test_run ();
}
