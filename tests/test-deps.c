/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "flaw-clock.h"
#include "flaw-dependency-store.h"
#include "flaw-store.h"
#include "flaw-test-utils.h"

#define NOW G_GINT64_CONSTANT (1780272000)
#define DAY G_GINT64_CONSTANT (86400)

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "deps", name, NULL);
}

static FlawDependencyList *
parse_fixture (const char            *name,
               FlawDependencyFormat   format,
               GError               **error)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));

  return flaw_dependency_list_parse (data, length, format, path, error);
}

static char *
describe_list (FlawDependencyList *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < list->dependencies->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (list->dependencies, i);

      g_string_append_printf (out, "%s|%s|%s\n", dependency->ecosystem, dependency->name, dependency->version);
    }

  for (guint i = 0; i < list->notes->len; i++)
    {
      FlawImportNote *note = g_ptr_array_index (list->notes, i);

      g_assert_cmpuint (strlen (note->reason), >, 5);
      g_string_append_printf (out, "note %u: %s\n", note->line, note->text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_fixture (const char           *name,
               FlawDependencyFormat  expected_format,
               const char           *expected)
{
  g_autoptr(FlawDependencyList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  /* The format is detected, and naming it gives the same result. */
  list = parse_fixture (name, FLAW_DEPENDENCY_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->format, ==, expected_format);
  described = describe_list (list);
  g_test_message ("%s:\n%s", name, described);
  g_assert_cmpstr (described, ==, expected);

  g_clear_pointer (&list, flaw_dependency_list_free);
  g_clear_pointer (&described, g_free);
  list = parse_fixture (name, expected_format, &error);
  g_assert_no_error (error);
  described = describe_list (list);
  g_assert_cmpstr (described, ==, expected);
}

static void
test_cyclonedx (void)
{
  check_fixture ("bom.cdx.json", FLAW_DEPENDENCY_FORMAT_CYCLONEDX,
                 "Debian:12|openssl|3.0.11-1~deb12u2\n"
                 "Go|golang.org/x/net|v0.17.0\n"
                 "Maven|org.apache.logging.log4j:log4j-api|2.14.1\n"
                 "Maven|org.apache.logging.log4j:log4j-core|2.14.1\n"
                 "NuGet|Newtonsoft.Json|13.0.1\n"
                 "Packagist|laravel/framework|v10.28.0\n"
                 "PyPI|django|4.2.3\n"
                 "RubyGems|rails|7.0.8\n"
                 "crates.io|serde|1.0.188\n"
                 "npm|@babel/core|7.22.5\n"
                 "npm|lodash|4.17.20\n"
                 "note 0: AFNetworking 4.0.1\n"
                 "note 0: vendored-zlib 1.2.13\n");
}

static void
test_spdx (void)
{
  check_fixture ("sbom.spdx.json", FLAW_DEPENDENCY_FORMAT_SPDX,
                 "Alpine:v3.18|musl|1.2.4-r1\n"
                 "PyPI|jinja2|3.1.2\n"
                 "PyPI|requests|2.31.0\n"
                 "note 0: internal-tool\n");
}

static void
test_package_lock (void)
{
  const char *modern = "npm|@babel/core|7.22.5\n"
                       "npm|lodash|4.17.21\n"
                       "npm|semver|6.3.1\n"
                       "npm|semver|7.5.4\n"
                       "npm|string-width|4.2.3\n";
  g_autoptr(FlawDependencyList) list = NULL;
  g_autoptr(GError) error = NULL;

  check_fixture ("package-lock-v1.json", FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK,
                 "npm|debug|2.6.9\n"
                 "npm|express|4.17.1\n"
                 "npm|ms|2.0.0\n"
                 "npm|ms|2.1.1\n"
                 "note 0: local-helper\n");
  check_fixture ("package-lock-v2.json", FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK, modern);
  check_fixture ("package-lock-v3.json", FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK, modern);

  list = parse_fixture ("package-lock-v4.json", FLAW_DEPENDENCY_FORMAT_AUTO, &error);
  g_assert_null (list);
  g_assert_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "lockfileVersion 4"));
  g_assert_nonnull (strstr (error->message, "package-lock-v4.json"));
}

static void
test_requirements (void)
{
  check_fixture ("requirements.txt", FLAW_DEPENDENCY_FORMAT_REQUIREMENTS,
                 "PyPI|django|4.2.3\n"
                 "PyPI|djangorestframework|3.14.0\n"
                 "PyPI|importlib-metadata|6.8.0\n"
                 "PyPI|jinja2|3.1.2\n"
                 "PyPI|pyyaml|6.0.1\n"
                 "PyPI|requests|2.31.0\n"
                 "PyPI|typing-extensions|4.7.1\n"
                 "note 2: -r requirements-base.txt\n"
                 "note 3: --index-url https://pypi.org/simple\n"
                 "note 13: urllib3>=1.26,<3\n"
                 "note 14: celery\n"
                 "note 15: -e git+https://github.com/acme/acme-utils.git@v1.2#egg=acme-utils\n"
                 "note 16: acme-metrics @ https://files.acme.example/acme_metrics-0.4.tar.gz\n");
}

static void
test_cargo_lock (void)
{
  check_fixture ("Cargo.lock", FLAW_DEPENDENCY_FORMAT_CARGO_LOCK,
                 "crates.io|pin-project-lite|0.2.13\n"
                 "crates.io|serde|1.0.188\n"
                 "crates.io|serde_derive|1.0.188\n"
                 "crates.io|tokio|1.32.0\n"
                 "note 5: acme-agent 0.9.0\n"
                 "note 14: acme-proto 0.1.0\n");
}

static void
test_go_sum (void)
{
  check_fixture ("go.sum", FLAW_DEPENDENCY_FORMAT_GO_SUM,
                 "Go|github.com/davecgh/go-spew|v1.1.1\n"
                 "Go|github.com/gin-gonic/gin|v1.9.1\n"
                 "Go|golang.org/x/net|v0.17.0\n"
                 "Go|golang.org/x/text|v0.13.0\n"
                 "Go|gopkg.in/yaml.v3|v3.0.1\n");
}

static void
test_broken_files (void)
{
  static const struct
  {
    const char           *name;
    FlawDependencyFormat  format;
    int                   code;
  } cases[] = {
    { "truncated.cdx.json", FLAW_DEPENDENCY_FORMAT_AUTO, FLAW_DEPENDENCY_ERROR_INVALID },
    { "truncated.cdx.json", FLAW_DEPENDENCY_FORMAT_CYCLONEDX, FLAW_DEPENDENCY_ERROR_INVALID },
    { "not-cyclonedx.json", FLAW_DEPENDENCY_FORMAT_AUTO, FLAW_DEPENDENCY_ERROR_INVALID },
    { "package-lock-v4.json", FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK, FLAW_DEPENDENCY_ERROR_UNSUPPORTED },
    { "bom.cdx.json", FLAW_DEPENDENCY_FORMAT_SPDX, FLAW_DEPENDENCY_ERROR_INVALID },
    { "bom.cdx.json", FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK, FLAW_DEPENDENCY_ERROR_INVALID },
    { "broken-go.sum", FLAW_DEPENDENCY_FORMAT_AUTO, FLAW_DEPENDENCY_ERROR_INVALID },
    { "broken-Cargo.lock", FLAW_DEPENDENCY_FORMAT_AUTO, FLAW_DEPENDENCY_ERROR_INVALID },
    { "garbage.bin", FLAW_DEPENDENCY_FORMAT_AUTO, FLAW_DEPENDENCY_ERROR_UNKNOWN_FORMAT },
    { "garbage.bin", FLAW_DEPENDENCY_FORMAT_GO_SUM, FLAW_DEPENDENCY_ERROR_INVALID },
    { "garbage.bin", FLAW_DEPENDENCY_FORMAT_CARGO_LOCK, FLAW_DEPENDENCY_ERROR_INVALID },
    { "garbage.bin", FLAW_DEPENDENCY_FORMAT_REQUIREMENTS, FLAW_DEPENDENCY_ERROR_INVALID },
    { "garbage.bin", FLAW_DEPENDENCY_FORMAT_CYCLONEDX, FLAW_DEPENDENCY_ERROR_INVALID },
    { "requirements.txt", FLAW_DEPENDENCY_FORMAT_GO_SUM, FLAW_DEPENDENCY_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FlawDependencyList) list = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s as %s", cases[i].name, flaw_dependency_format_to_string (cases[i].format));
      list = parse_fixture (cases[i].name, cases[i].format, &error);
      g_assert_null (list);
      g_assert_error (error, FLAW_DEPENDENCY_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
    }
}

static void
test_purl (void)
{
  static const struct
  {
    const char *purl;
    const char *ecosystem;
    const char *name;
    const char *version;
  } good[] = {
    { "pkg:npm/%40angular/core@16.2.0", "npm", "@angular/core", "16.2.0" },
    { "pkg:pypi/Django_REST.framework@3.14.0", "PyPI", "django-rest-framework", "3.14.0" },
    { "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2?type=jar", "Maven",
      "com.fasterxml.jackson.core:jackson-databind", "2.15.2" },
    { "pkg:golang/github.com/gorilla/mux@v1.8.0#subpath", "Go", "github.com/gorilla/mux", "v1.8.0" },
    { "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u4?distro=bookworm", "Debian:12", "curl", "7.88.1-10+deb12u4" },
    { "pkg:deb/debian/curl@7.88.1-10?arch=amd64", "Debian", "curl", "7.88.1-10" },
    { "pkg:hex/phoenix@1.7.7", "Hex", "phoenix", "1.7.7" },
  };
  static const char *bad[] = {
    "npm/lodash@4.17.21", "pkg:npm", "pkg:npm/lodash", "pkg:cocoapods/AFNetworking@4.0.1",
    /* A namespace that does not decode is no namespace at all. */
    "pkg:npm/%zz/left-pad@1.0.0", "pkg:golang/github.com/%/mux@v1.8.0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlawDependency) dependency = flaw_dependency_new_from_purl (good[i].purl, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (dependency->ecosystem, ==, good[i].ecosystem);
      g_assert_cmpstr (dependency->name, ==, good[i].name);
      g_assert_cmpstr (dependency->version, ==, good[i].version);
      g_assert_cmpstr (dependency->purl, ==, good[i].purl);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (flaw_dependency_new_from_purl (bad[i], &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static FlawComponent *
make_component (gint64      id,
                const char *ecosystem,
                const char *name,
                const char *version)
{
  FlawComponent *component = g_new0 (FlawComponent, 1);

  component->id = id;
  component->ecosystem = g_strdup (ecosystem);
  component->name = g_strdup (name);
  component->version = g_strdup (version);
  component->import_source = g_strdup ("app");
  component->vulns = g_ptr_array_new_with_free_func (g_free);
  component->suppressed = g_ptr_array_new_with_free_func (g_free);

  return component;
}

static void
test_preview_compute (void)
{
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_component_free);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_dependency_free);
  g_autoptr(FlawImportPreview) preview = NULL;
  FlawComponent *other;
  FlawComponentChange *change;

  g_ptr_array_add (existing, make_component (1, "npm", "lodash", "4.17.20"));
  g_ptr_array_add (existing, make_component (2, "npm", "semver", "6.3.1"));
  g_ptr_array_add (existing, make_component (3, "npm", "semver", "7.5.4"));
  g_ptr_array_add (existing, make_component (4, "npm", "left-pad", "1.3.0"));
  g_ptr_array_add (existing, make_component (5, "npm", "debug", "2.6.9"));
  /* Another import's components are not this one's business. */
  other = make_component (6, "npm", "react", "17.0.2");
  g_free (other->import_source);
  other->import_source = g_strdup ("other");
  g_ptr_array_add (existing, other);

  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "lodash", "4.17.21"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "semver", "7.5.4"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "debug", "2.6.9"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "debug", "4.3.4"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "react", "18.2.0"));

  preview = flaw_import_preview_compute (existing, incoming, "app");
  g_assert_cmpstr (preview->import_source, ==, "app");
  g_assert_cmpuint (preview->unchanged, ==, 2);

  g_assert_cmpuint (preview->changed->len, ==, 1);
  change = g_ptr_array_index (preview->changed, 0);
  g_assert_cmpint (change->component_id, ==, 1);
  g_assert_cmpstr (change->old_version, ==, "4.17.20");
  g_assert_cmpstr (change->new_version, ==, "4.17.21");

  g_assert_cmpuint (preview->added->len, ==, 2);
  g_assert_cmpstr (((FlawDependency *) g_ptr_array_index (preview->added, 0))->name, ==, "debug");
  g_assert_cmpstr (((FlawDependency *) g_ptr_array_index (preview->added, 0))->version, ==, "4.3.4");
  g_assert_cmpstr (((FlawDependency *) g_ptr_array_index (preview->added, 1))->name, ==, "react");

  g_assert_cmpuint (preview->removed->len, ==, 2);
  g_assert_cmpstr (((FlawComponent *) g_ptr_array_index (preview->removed, 0))->name, ==, "left-pad");
  g_assert_cmpint (((FlawComponent *) g_ptr_array_index (preview->removed, 1))->id, ==, 2);
  g_assert_false (flaw_import_preview_is_empty (preview));
}

/* Storage tests run their work on the store's database thread. */

typedef struct
{
  char      *dir;
  FlawStore *store;
} Fixture;

typedef gboolean (*DbFunc) (FlawDatabase *database, gpointer data);

typedef struct
{
  DbFunc   func;
  gpointer data;
} DbJob;

static gpointer
db_job (FlawDatabase  *database,
        gpointer       data,
        GCancellable  *cancellable,
        GError       **error)
{
  DbJob *job = data;

  job->func (database, job->data);

  return GINT_TO_POINTER (TRUE);
}

static void
run_on_store (Fixture  *fixture,
              DbFunc    func,
              gpointer  data)
{
  g_autoptr(GError) error = NULL;
  DbJob job = { func, data };

  g_assert_nonnull (flaw_store_run (fixture->store, db_job, &job, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->store = flaw_store_new (path);
  g_assert_true (flaw_store_open (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static FlawVulnerability *
load_osv (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  FlawVulnerability *vulnerability;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  node = json_from_string (data, &error);
  g_assert_no_error (error);
  vulnerability = flaw_vulnerability_new_from_osv (node, &error);
  g_assert_no_error (error);

  return vulnerability;
}

static FlawVulnerability *
make_vulnerability (const char *id,
                    gint64      modified,
                    ...)
{
  FlawVulnerability *vulnerability = flaw_vulnerability_new ();
  const char *alias;
  va_list args;

  vulnerability->osv_id = g_strdup (id);
  vulnerability->modified = modified;
  vulnerability->summary = g_strdup_printf ("Flaw %s", id);

  va_start (args, modified);
  while ((alias = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (vulnerability->aliases, g_strdup (alias));
  va_end (args);

  return vulnerability;
}

static GPtrArray *
import_fixture (FlawDatabase *database,
                const char   *name,
                const char   *source)
{
  g_autoptr(FlawDependencyList) list = NULL;
  g_autoptr(FlawImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  list = parse_fixture (name, FLAW_DEPENDENCY_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  preview = flaw_components_preview_import (database, source, list->dependencies, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_components_apply_import (database, preview, &error));
  g_assert_no_error (error);

  return flaw_components_list (database, source, FALSE, &error);
}

static FlawComponent *
find_component (GPtrArray  *components,
                const char *name,
                const char *version)
{
  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      if (g_str_equal (component->name, name) && (version == NULL || g_str_equal (component->version, version)))
        return component;
    }

  return NULL;
}

static gboolean
import_and_change (FlawDatabase *database,
                   gpointer      data)
{
  g_autoptr(GPtrArray) components = import_fixture (database, "package-lock-v3.json", "portal");
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_dependency_free);
  g_autoptr(FlawImportPreview) preview = NULL;
  g_autoptr(FlawImportPreview) stale = NULL;
  g_autoptr(FlawVulnerability) vulnerability = make_vulnerability ("GHSA-p6mc-m468-83gw", NOW - DAY, "CVE-2020-8203", NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "CVE-2020-8203", NULL };
  FlawComponent *lodash;
  gint64 lodash_id;

  g_assert_cmpuint (components->len, ==, 5);
  lodash = find_component (components, "lodash", NULL);
  lodash_id = lodash->id;
  g_assert_false (lodash->checked);

  /* Checked, with a vulnerability found, before the version changes. */
  g_assert_cmpint (flaw_vulnerability_store (database, vulnerability, &error), >, 0);
  g_assert_true (flaw_component_record_check (database, lodash_id, ids, &error));
  g_assert_no_error (error);

  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "@babel/core", "7.22.5"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "lodash", "4.17.20"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "semver", "7.5.4"));
  g_ptr_array_add (incoming, flaw_dependency_new ("npm", "react", "18.2.0"));

  preview = flaw_components_preview_import (database, "portal", incoming, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->added->len, ==, 1);
  g_assert_cmpuint (preview->changed->len, ==, 1);
  g_assert_cmpuint (preview->removed->len, ==, 2);
  g_assert_cmpuint (preview->unchanged, ==, 2);

  /* Previews write nothing; a second one is the same. */
  stale = flaw_components_preview_import (database, "portal", incoming, &error);
  g_assert_cmpuint (stale->removed->len, ==, 2);

  g_assert_true (flaw_components_apply_import (database, preview, &error));
  g_assert_no_error (error);

  /* The other preview no longer holds: refused, nothing written. */
  g_assert_false (flaw_components_apply_import (database, stale, &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_STALE_PREVIEW);
  g_clear_error (&error);

  after = flaw_components_list (database, "portal", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 4);
  lodash = find_component (after, "lodash", NULL);
  g_assert_cmpint (lodash->id, ==, lodash_id);
  g_assert_cmpstr (lodash->version, ==, "4.17.20");
  /* A new version was never checked; the old version's findings are gone. */
  g_assert_false (lodash->checked);
  g_assert_cmpuint (lodash->vulns->len, ==, 0);
  g_assert_nonnull (find_component (after, "react", "18.2.0"));
  g_assert_null (find_component (after, "string-width", NULL));
  g_assert_null (find_component (after, "semver", "6.3.1"));

  events = flaw_database_list_events (database, "component", lodash_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "version");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->old_value, ==, "4.17.21");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->new_value, ==, "4.17.20");

  /* Importing the same list again changes nothing. */
  g_clear_pointer (&preview, flaw_import_preview_free);
  preview = flaw_components_preview_import (database, "portal", incoming, &error);
  g_assert_true (flaw_import_preview_is_empty (preview));
  g_assert_cmpuint (preview->unchanged, ==, 4);

  return TRUE;
}

static void
test_import_apply (Fixture       *fixture,
                   gconstpointer  data)
{
  run_on_store (fixture, import_and_change, NULL);
}

static gboolean
check_states (FlawDatabase *database,
              gpointer      data)
{
  g_autoptr(GPtrArray) components = import_fixture (database, "go.sum", "api");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  FlawComponent *net;
  FlawComponent *text;

  net = find_component (components, "golang.org/x/net", NULL);
  text = find_component (components, "golang.org/x/text", NULL);
  g_assert_false (net->checked);

  /* Checked and nothing found is not the same as never checked. */
  g_assert_true (flaw_component_record_check (database, net->id, NULL, &error));
  g_assert_no_error (error);

  after = flaw_components_list (database, "api", FALSE, &error);
  net = find_component (after, "golang.org/x/net", NULL);
  text = find_component (after, "golang.org/x/text", NULL);
  g_assert_true (net->checked);
  g_assert_cmpint (net->last_checked, ==, NOW);
  g_assert_cmpuint (net->vulns->len, ==, 0);
  g_assert_false (text->checked);

  /* Linking an unknown vulnerability is refused. */
  {
    const char *ids[] = { "GO-2099-0001", NULL };

    g_assert_false (flaw_component_record_check (database, net->id, ids, &error));
    g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  }

  return TRUE;
}

static void
test_checked_states (Fixture       *fixture,
                     gconstpointer  data)
{
  run_on_store (fixture, check_states, NULL);
}

static gboolean
dedupe_aliases (FlawDatabase *database,
                gpointer      data)
{
  g_autoptr(FlawVulnerability) ghsa = load_osv ("osv-GHSA-jfh8-c2jp-5v3q.json");
  g_autoptr(FlawVulnerability) cve = load_osv ("osv-CVE-2021-44228.json");
  g_autoptr(FlawVulnerability) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 row;
  gboolean needs = FALSE;

  g_assert_cmpstr (ghsa->osv_id, ==, "GHSA-jfh8-c2jp-5v3q");
  g_assert_cmpuint (ghsa->aliases->len, ==, 1);
  g_assert_cmpuint (ghsa->fixed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ghsa->fixed, 0), ==, "2.15.0");

  g_assert_true (flaw_vulnerability_needs_fetch (database, "CVE-2021-44228", ghsa->modified, &needs, &error));
  g_assert_true (needs);

  row = flaw_vulnerability_store (database, ghsa, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row, >, 0);

  /* Known by its alias now, at the same modified time: nothing to fetch. */
  g_assert_true (flaw_vulnerability_needs_fetch (database, "CVE-2021-44228", ghsa->modified, &needs, &error));
  g_assert_false (needs);
  g_assert_true (flaw_vulnerability_needs_fetch (database, "CVE-2021-44228", ghsa->modified + 1, &needs, &error));
  g_assert_true (needs);

  /* The same flaw under its CVE id is the same entry. */
  g_assert_cmpint (flaw_vulnerability_store (database, cve, &error), ==, row);
  g_assert_no_error (error);
  g_assert_cmpuint (flaw_vulnerability_count (database, &error), ==, 1);

  found = flaw_vulnerability_lookup (database, "CVE-2021-44228", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, row);
  g_assert_cmpstr (found->osv_id, ==, "GHSA-jfh8-c2jp-5v3q");
  g_assert_cmpint (found->modified, ==, cve->modified);
  g_assert_cmpuint (found->aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found->aliases, 0), ==, "CVE-2021-44228");

  g_assert_null (flaw_vulnerability_lookup (database, "CVE-1999-0001", &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);

  return TRUE;
}

static void
test_alias_dedupe (Fixture       *fixture,
                   gconstpointer  data)
{
  run_on_store (fixture, dedupe_aliases, NULL);
}

static gboolean
merge_records (FlawDatabase *database,
               gpointer      data)
{
  g_autoptr(FlawVulnerability) ghsa = make_vulnerability ("GHSA-aaaa-bbbb-cccc", NOW - 2 * DAY, NULL);
  g_autoptr(FlawVulnerability) cve = make_vulnerability ("CVE-2026-1111", NOW - 2 * DAY, NULL);
  g_autoptr(FlawVulnerability) pysec = make_vulnerability ("PYSEC-2026-7", NOW - DAY,
                                                           "GHSA-aaaa-bbbb-cccc", "CVE-2026-1111", NULL);
  g_autoptr(FlawVulnerability) found = NULL;
  g_autoptr(GPtrArray) components = import_fixture (database, "requirements.txt", "api");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  FlawComponent *django = find_component (components, "django", NULL);
  const char *both[] = { "GHSA-aaaa-bbbb-cccc", "CVE-2026-1111", NULL };
  gint64 first;

  first = flaw_vulnerability_store (database, ghsa, &error);
  g_assert_cmpint (flaw_vulnerability_store (database, cve, &error), >, first);
  g_assert_cmpuint (flaw_vulnerability_count (database, &error), ==, 2);
  g_assert_true (flaw_component_record_check (database, django->id, both, &error));
  g_assert_cmpint (flaw_suppression_add (database, "CVE-2026-1111", django->id, "Not reachable",
                                         NOW + 30 * DAY, &error), >, 0);
  g_assert_no_error (error);

  /* A record naming both as aliases shows they are one flaw. */
  g_assert_cmpint (flaw_vulnerability_store (database, pysec, &error), ==, first);
  g_assert_no_error (error);
  g_assert_cmpuint (flaw_vulnerability_count (database, &error), ==, 1);

  found = flaw_vulnerability_lookup (database, "PYSEC-2026-7", &error);
  g_assert_cmpstr (found->osv_id, ==, "GHSA-aaaa-bbbb-cccc");
  g_assert_cmpuint (found->aliases->len, ==, 2);

  after = flaw_components_list (database, "api", FALSE, &error);
  django = find_component (after, "django", NULL);
  g_assert_cmpuint (django->vulns->len, ==, 0);
  g_assert_cmpuint (django->suppressed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (django->suppressed, 0), ==, "GHSA-aaaa-bbbb-cccc");

  return TRUE;
}

static void
test_alias_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  run_on_store (fixture, merge_records, NULL);
}

static gboolean
suppress (FlawDatabase *database,
          gpointer      data)
{
  g_autoptr(FlawVulnerability) log4shell = load_osv ("osv-GHSA-jfh8-c2jp-5v3q.json");
  g_autoptr(GPtrArray) components = import_fixture (database, "bom.cdx.json", "portal");
  g_autoptr(GPtrArray) vulnerable = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  FlawComponent *core = find_component (components, "org.apache.logging.log4j:log4j-core", NULL);
  const char *ids[] = { "GHSA-jfh8-c2jp-5v3q", NULL };
  gint64 id;

  g_assert_cmpint (flaw_vulnerability_store (database, log4shell, &error), >, 0);
  g_assert_true (flaw_component_record_check (database, core->id, ids, &error));

  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 1);
  g_clear_pointer (&vulnerable, g_ptr_array_unref);

  /* Nothing is suppressed forever, nor without a reason. */
  g_assert_cmpint (flaw_suppression_add (database, "CVE-2021-44228", 0, "Patched by config", NOW, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (flaw_suppression_add (database, "CVE-2021-44228", 0, "   ", NOW + DAY, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (flaw_suppression_add (database, "CVE-1999-0001", 0, "No", NOW + DAY, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = flaw_suppression_add (database, "CVE-2021-44228", 0,
                             "formatMsgNoLookups=true on every host until the upgrade",
                             NOW + 10 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 0);
  g_clear_pointer (&vulnerable, g_ptr_array_unref);

  events = flaw_database_list_events (database, "suppression", id, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_true (g_str_has_prefix (((FlawEvent *) g_ptr_array_index (events, 0))->new_value,
                                   "until 2026-06-11T00:00:00Z: formatMsgNoLookups"));

  /* Once it expires, it stops applying. */
  flaw_clock_set_fixed (NOW + 10 * DAY - 1);
  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 0);
  g_clear_pointer (&vulnerable, g_ptr_array_unref);

  flaw_clock_set_fixed (NOW + 10 * DAY);
  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (((FlawComponent *) g_ptr_array_index (vulnerable, 0))->vulns, 0),
                   ==, "GHSA-jfh8-c2jp-5v3q");
  g_assert_cmpuint (((FlawComponent *) g_ptr_array_index (vulnerable, 0))->expired->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (((FlawComponent *) g_ptr_array_index (vulnerable, 0))->expired, 0),
                   ==, "GHSA-jfh8-c2jp-5v3q");
  g_clear_pointer (&vulnerable, g_ptr_array_unref);

  /* An expired suppression is not in force: there is nothing to end. */
  g_assert_cmpuint (flaw_suppression_remove (database, "CVE-2021-44228", 0, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new one for the component alone, ended early by hand. */
  id = flaw_suppression_add (database, "GHSA-jfh8-c2jp-5v3q", core->id, "Upgrade scheduled",
                             NOW + 20 * DAY, &error);
  g_assert_cmpint (id, >, 0);
  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 0);
  g_clear_pointer (&vulnerable, g_ptr_array_unref);
  g_assert_cmpuint (flaw_suppression_remove (database, "CVE-2021-44228", 0, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (flaw_suppression_remove (database, "CVE-2021-44228", core->id, &error), ==, 1);
  g_assert_no_error (error);
  vulnerable = flaw_components_list (database, NULL, TRUE, &error);
  g_assert_cmpuint (vulnerable->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = flaw_database_list_events (database, "suppression", id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "deleted");

  return TRUE;
}

static gboolean
edit_by_hand (FlawDatabase *database,
              gpointer      data)
{
  g_autoptr(FlawVulnerability) log4shell = load_osv ("osv-GHSA-jfh8-c2jp-5v3q.json");
  g_autoptr(FlawDependency) manual = flaw_dependency_new ("Maven", "org.example:tool", "1.0");
  g_autoptr(FlawDependency) bad = flaw_dependency_new ("maven", "org.example:tool", "1.0");
  g_autoptr(GPtrArray) components = import_fixture (database, "bom.cdx.json", "portal");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  FlawComponent *core = find_component (components, "org.apache.logging.log4j:log4j-core", NULL);
  const char *ids[] = { "GHSA-jfh8-c2jp-5v3q", NULL };
  g_autofree char *old_version = g_strdup (core->version);
  gint64 id;

  g_assert_cmpint (flaw_vulnerability_store (database, log4shell, &error), >, 0);
  g_assert_true (flaw_component_record_check (database, core->id, ids, &error));

  /* Added by hand: validated, unique, never checked. */
  g_assert_cmpint (flaw_component_add (database, bad, NULL, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID);
  g_clear_error (&error);
  id = flaw_component_add (database, manual, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (flaw_component_add (database, manual, NULL, &error), ==, 0);
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A new version by hand: never checked again, the old findings gone. */
  g_assert_false (flaw_component_set_version (database, core->id, "", &error));
  g_assert_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (flaw_component_set_version (database, core->id, "2.17.1", &error));
  g_assert_no_error (error);
  after = flaw_components_list (database, "portal", FALSE, &error);
  core = find_component (after, "org.apache.logging.log4j:log4j-core", NULL);
  g_assert_cmpstr (core->version, ==, "2.17.1");
  g_assert_false (core->checked);
  g_assert_null (core->purl);
  g_assert_cmpuint (core->vulns->len, ==, 0);
  events = flaw_database_list_events (database, "component", core->id, &error);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "version");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->old_value, ==, old_version);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->new_value, ==, "2.17.1");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Removed: gone with an event (newest first); a second removal finds nothing. */
  g_assert_true (flaw_component_remove (database, id, &error));
  g_assert_no_error (error);
  g_assert_false (flaw_component_remove (database, id, &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (flaw_component_set_version (database, id, "2.0", &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = flaw_components_list (database, "manual", FALSE, &error);
  g_assert_cmpuint (after->len, ==, 0);
  events = flaw_database_list_events (database, "component", id, &error);
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->field, ==, "deleted");
  g_assert_cmpstr (((FlawEvent *) g_ptr_array_index (events, 0))->old_value, ==,
                   "Maven org.example:tool 1.0");

  return TRUE;
}

static void
test_edit_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  run_on_store (fixture, edit_by_hand, NULL);
}

/* The sync and flaw_vulnerability_store() share one store: an older
 * record of a flaw does not overwrite a newer one's text, and a component
 * logs its first check, not every later one. */
static gboolean
newest_wins (FlawDatabase *database,
             gpointer      data)
{
  g_autoptr(FlawVulnerability) newer = make_vulnerability ("GHSA-aaaa-bbbb-cccc", NOW - DAY, "CVE-2026-2222", NULL);
  g_autoptr(FlawVulnerability) older = make_vulnerability ("PYSEC-2026-9", NOW - 3 * DAY, "CVE-2026-2222", NULL);
  g_autoptr(FlawVulnerability) found = NULL;
  g_autoptr(GPtrArray) components = import_fixture (database, "requirements.txt", "api");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  FlawComponent *django = find_component (components, "django", NULL);
  const char *ids[] = { "CVE-2026-2222", NULL };
  guint checked = 0;
  gint64 row;

  row = flaw_vulnerability_store (database, newer, &error);
  g_assert_cmpint (flaw_vulnerability_store (database, older, &error), ==, row);
  g_assert_no_error (error);
  found = flaw_vulnerability_lookup (database, "PYSEC-2026-9", &error);
  g_assert_cmpstr (found->summary, ==, "Flaw GHSA-aaaa-bbbb-cccc");
  g_assert_cmpint (found->modified, ==, NOW - DAY);
  g_assert_cmpuint (found->aliases->len, ==, 2);

  g_assert_true (flaw_component_record_check (database, django->id, ids, &error));
  flaw_clock_set_fixed (NOW + DAY);
  g_assert_true (flaw_component_record_check (database, django->id, ids, &error));
  g_assert_no_error (error);

  events = flaw_database_list_events (database, "component", django->id, &error);
  for (guint i = 0; i < events->len; i++)
    checked += g_str_equal (((FlawEvent *) g_ptr_array_index (events, i))->field, "last_checked");
  g_assert_cmpuint (checked, ==, 1);

  return TRUE;
}

static void
test_newest_wins (Fixture       *fixture,
                  gconstpointer  data)
{
  run_on_store (fixture, newest_wins, NULL);
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (flaw_dependency_check ("PyPI", "django", "4.2.1", &error));
  g_assert_true (flaw_dependency_check ("Debian:12", "openssl", "3.0.11-1~deb12u2", &error));
  g_assert_true (flaw_dependency_check ("npm", "@babel/core", "7.22.5", &error));
  g_assert_no_error (error);

  g_assert_false (flaw_dependency_check ("pypi", "django", "4.2.1", &error));
  g_assert_error (error, FLAW_DEPENDENCY_ERROR, FLAW_DEPENDENCY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PyPI, npm, Maven"));
  g_clear_error (&error);
  g_assert_false (flaw_dependency_check ("Debian:", "openssl", "3", &error));
  g_clear_error (&error);
  g_assert_false (flaw_dependency_check ("PyPI", "  ", "4.2.1", &error));
  g_assert_nonnull (strstr (error->message, "needs a name"));
  g_clear_error (&error);
  g_assert_false (flaw_dependency_check ("PyPI", "django", "", &error));
  g_assert_nonnull (strstr (error->message, "django needs a version"));
  g_clear_error (&error);
  g_assert_false (flaw_dependency_check ("PyPI", " django", "4.2.1", &error));
  g_clear_error (&error);
  g_assert_false (flaw_dependency_check ("PyPI", "django", "4.2 1", &error));
  g_clear_error (&error);

  for (const char * const *e = flaw_dependency_get_ecosystems (); *e != NULL; e++)
    g_assert_true (flaw_dependency_check (*e, "name", "1", NULL));
}

static void
test_suppression_expiry (Fixture       *fixture,
                         gconstpointer  data)
{
  run_on_store (fixture, suppress, NULL);
}

/* Detection reads only the @length bytes it is given: data from a stream
 * is not NUL-terminated, and what follows it is not part of the file. */
static void
test_detect_within_length (void)
{
  static const char go_sum[] = "github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n";
  static const char requirements[] = "requests==2.31.0\n";
  g_autofree char *unterminated = g_malloc (4);

  g_assert_cmpint (flaw_dependency_detect_format (go_sum, strlen (go_sum), NULL), ==,
                   FLAW_DEPENDENCY_FORMAT_GO_SUM);
  g_assert_cmpint (flaw_dependency_detect_format (go_sum, 10, NULL), ==, FLAW_DEPENDENCY_FORMAT_AUTO);
  g_assert_cmpint (flaw_dependency_detect_format (requirements, strlen (requirements), NULL), ==,
                   FLAW_DEPENDENCY_FORMAT_REQUIREMENTS);
  g_assert_cmpint (flaw_dependency_detect_format (requirements, 3, NULL), ==, FLAW_DEPENDENCY_FORMAT_AUTO);
  g_assert_cmpint (flaw_dependency_detect_format (requirements, 0, NULL), ==, FLAW_DEPENDENCY_FORMAT_AUTO);

  /* Under AddressSanitizer, a read past the buffer fails here. */
  memcpy (unterminated, "a==1", 4);
  g_assert_cmpint (flaw_dependency_detect_format (unterminated, 4, NULL), ==,
                   FLAW_DEPENDENCY_FORMAT_REQUIREMENTS);
}

/* An empty buffer may come as NULL (g_bytes_get_data() of empty bytes). */
static void
test_empty_data (void)
{
  for (int format = FLAW_DEPENDENCY_FORMAT_AUTO; format <= FLAW_DEPENDENCY_FORMAT_GO_SUM; format++)
    {
      g_autoptr(FlawDependencyList) list = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("format %d", format);
      g_assert_cmpint (flaw_dependency_detect_format (NULL, 0, NULL), ==, FLAW_DEPENDENCY_FORMAT_AUTO);
      list = flaw_dependency_list_parse (NULL, 0, format, "empty", &error);
      g_assert_true ((list == NULL) == (error != NULL));
      if (list != NULL)
        g_assert_cmpuint (list->dependencies->len, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/deps/cyclonedx", test_cyclonedx);
  g_test_add_func ("/flawdesk/deps/spdx", test_spdx);
  g_test_add_func ("/flawdesk/deps/package-lock", test_package_lock);
  g_test_add_func ("/flawdesk/deps/requirements", test_requirements);
  g_test_add_func ("/flawdesk/deps/cargo-lock", test_cargo_lock);
  g_test_add_func ("/flawdesk/deps/go-sum", test_go_sum);
  g_test_add_func ("/flawdesk/deps/broken-files", test_broken_files);
  g_test_add_func ("/flawdesk/deps/detect-within-length", test_detect_within_length);
  g_test_add_func ("/flawdesk/deps/empty-data", test_empty_data);
  g_test_add_func ("/flawdesk/deps/purl", test_purl);
  g_test_add_func ("/flawdesk/deps/preview-compute", test_preview_compute);
  g_test_add_func ("/flawdesk/deps/check", test_check);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/deps/import-apply", test_import_apply);
  ADD ("/flawdesk/deps/checked-states", test_checked_states);
  ADD ("/flawdesk/deps/alias-dedupe", test_alias_dedupe);
  ADD ("/flawdesk/deps/alias-merge", test_alias_merge);
  ADD ("/flawdesk/deps/suppression-expiry", test_suppression_expiry);
  ADD ("/flawdesk/deps/edit-by-hand", test_edit_by_hand);
  ADD ("/flawdesk/deps/newest-wins", test_newest_wins);

#undef ADD

  return g_test_run ();
}
