/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>

#include "flaw-clock.h"
#include "flaw-debt-store.h"
#include "flaw-dependency-store.h"
#include "flaw-osv-debt.h"
#include "flaw-fake-osv-server.h"
#include "flaw-osv-codec.h"
#include "flaw-osv-source.h"
#include "flaw-osv-store.h"
#include "flaw-source-factory.h"
#include "flaw-sync-service.h"
#include "flaw-test-utils.h"

#define NOW 1767225600  /* 2026-01-01T00:00:00Z */
#define DAY (24 * 3600)

typedef struct
{
  char              *dir;
  char              *path;
  FlawStore         *store;
  FlawFakeOsvServer *server;
  FlawHttp          *http;
  FlawOsvSource     *source;
  gint64             source_id;
  GPtrArray         *found;
} Fixture;

typedef struct
{
  const char *ecosystem;
  const char *name;
  const char *version;
} Component;

static gpointer
add_source_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  char **args = data;
  gint64 id = flaw_source_store_add (database, "osv", args[0], args[1], error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gint64
add_source (FlawStore  *store,
            const char *name,
            const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = flaw_osv_source_build_config (url, &error);
  char *args[] = { (char *) name, config };
  g_autofree gint64 *id = NULL;

  g_assert_no_error (error);
  id = flaw_store_run (store, add_source_job, args, NULL, &error);
  g_assert_no_error (error);

  return *id;
}

static gpointer
get_source_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return flaw_source_store_get (database, *(gint64 *) data, error);
}

static FlawOsvSource *
make_source (FlawStore *store,
             FlawHttp  *http,
             gint64     id)
{
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  FlawOsvSource *source;

  info = flaw_store_run (store, get_source_job, &id, NULL, &error);
  g_assert_no_error (error);
  source = flaw_osv_source_new (info, http, &error);
  g_assert_no_error (error);

  return source;
}

static void
found_cb (FlawOsvSource *source,
          GStrv          pairs,
          gpointer       user_data)
{
  Fixture *fixture = user_data;

  for (guint i = 0; pairs[i] != NULL; i++)
    g_ptr_array_add (fixture->found, g_strdup (pairs[i]));
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = flaw_store_new (fixture->path);
  flaw_store_open (fixture->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  open_store (fixture);
  fixture->server = flaw_fake_osv_server_new ();
  fixture->http = flaw_http_new ();
  fixture->source_id = add_source (fixture->store, "OSV", flaw_fake_osv_server_get_url (fixture->server));
  fixture->source = make_source (fixture->store, fixture->http, fixture->source_id);
  fixture->found = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->source, "vulnerabilities-found", G_CALLBACK (found_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->source);
  g_clear_object (&fixture->http);
  g_assert_finalize_object (fixture->server);
  FLAW_TEST_WAIT_UNTIL (G_OBJECT (fixture->store)->ref_count == 1, 5000);
  g_assert_finalize_object (fixture->store);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_ptr_array_unref (fixture->found);
  flaw_clock_unset_fixed ();
}

typedef struct
{
  const Component *components;
  guint            n_components;
  guint            generated;
} AddComponents;

static gpointer
add_components_job (FlawDatabase  *database,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  AddComponents *add = data;

  for (guint i = 0; i < add->n_components; i++)
    {
      g_autoptr(FlawDependency) dependency = flaw_dependency_new (add->components[i].ecosystem,
                                                                  add->components[i].name,
                                                                  add->components[i].version);

      if (!flaw_component_add (database, dependency, "test", error))
        return NULL;
    }

  for (guint i = 0; i < add->generated; i++)
    {
      g_autofree char *name = g_strdup_printf ("package-%04u", i);
      g_autoptr(FlawDependency) dependency = flaw_dependency_new ("PyPI", name, "1.0.0");

      if (!flaw_component_add (database, dependency, "generated", error))
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static void
add_components (FlawStore       *store,
                const Component *components,
                guint            n_components,
                guint            generated)
{
  g_autoptr(GError) error = NULL;
  AddComponents add = { components, n_components, generated };

  flaw_store_run (store, add_components_job, &add, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  gboolean          done;
  FlawIngestResult *result;
  GError           *error;
} SyncWait;

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = flaw_source_sync_finish (FLAW_SOURCE (object), result, &wait->error);
  wait->done = TRUE;
}

static FlawIngestResult *
sync_source (FlawOsvSource  *source,
             FlawStore      *store,
             GError        **error)
{
  SyncWait wait = { 0 };

  flaw_source_sync_async (FLAW_SOURCE (source), store, NULL, synced_cb, &wait);
  FLAW_TEST_WAIT_UNTIL (wait.done, 30000);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.result;
}

static FlawIngestResult *
sync_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result = sync_source (fixture->source, fixture->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_components_list (database, NULL, GPOINTER_TO_INT (data), error);
}

static GPtrArray *
list_components (FlawStore *store,
                 gboolean   vulnerable_only)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = flaw_store_run (store, list_job, GINT_TO_POINTER (vulnerable_only), NULL, &error);

  g_assert_no_error (error);
  return list;
}

static FlawComponent *
find_component (GPtrArray  *list,
                const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((FlawComponent *) g_ptr_array_index (list, i))->name, name))
      return g_ptr_array_index (list, i);

  g_assert_not_reached ();
}

static gpointer
count_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (database, data, error);
  gint64 count;

  if (stmt == NULL || flaw_database_step (database, stmt, error) != SQLITE_ROW)
    return NULL;
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return g_memdup2 (&count, sizeof count);
}

static gint64
count (FlawStore  *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *value = flaw_store_run (store, count_job, (gpointer) sql, NULL, &error);

  g_assert_no_error (error);
  return *value;
}

static const char * const v100[] = { "1.0.0", NULL };

/* Parse and build OSV JSON without a network. */
static void
test_codec (void)
{
  const char *batch = "{\"results\":[{\"vulns\":[{\"id\":\"GHSA-1\",\"modified\":\"2024-05-01T12:00:00Z\"}],"
                      "\"next_page_token\":\"abc\"},{}]}";
  const char *record = "{\"id\":\"PYSEC-1\",\"modified\":\"2024-05-01T12:00:00.5Z\",\"aliases\":[\"CVE-1\",\"PYSEC-1\",\"CVE-1\"],"
                       "\"summary\":\"s\",\"affected\":[{\"ranges\":[{\"type\":\"GIT\",\"events\":[{\"fixed\":\"abc123\"}]},"
                       "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}]}]}]}";
  FlawOsvQuery queries[] = { { "PyPI", "jinja2", "2.4.1", NULL }, { "npm", "a\"b", "1", "tok" } };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FlawOsvVuln) vuln = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  FlawOsvQueryResult *first;

  body = flaw_osv_build_querybatch (queries, G_N_ELEMENTS (queries));
  g_assert_cmpstr (body, ==,
                   "{\"queries\":[{\"version\":\"2.4.1\",\"package\":{\"name\":\"jinja2\",\"ecosystem\":\"PyPI\"}},"
                   "{\"version\":\"1\",\"package\":{\"name\":\"a\\\"b\",\"ecosystem\":\"npm\"},\"page_token\":\"tok\"}]}");

  results = flaw_osv_parse_querybatch (batch, strlen (batch), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  first = g_ptr_array_index (results, 0);
  g_assert_cmpstr (g_ptr_array_index (first->ids, 0), ==, "GHSA-1");
  g_assert_cmpint (g_array_index (first->modified, gint64, 0), ==, 1714564800);
  g_assert_cmpstr (first->next_page_token, ==, "abc");
  g_assert_cmpuint (((FlawOsvQueryResult *) g_ptr_array_index (results, 1))->ids->len, ==, 0);

  /* An answer with a different number of results is refused. */
  g_assert_null (flaw_osv_parse_querybatch (batch, strlen (batch), 3, &error));
  g_assert_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (flaw_osv_parse_querybatch ("{\"results\":", 11, 1, &error));
  g_assert_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED);
  g_clear_error (&error);

  vuln = flaw_osv_vuln_parse (record, strlen (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vuln->id, ==, "PYSEC-1");
  g_assert_cmpint (vuln->modified, ==, 1714564800);
  g_assert_cmpuint (vuln->aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (vuln->aliases, 0), ==, "CVE-1");
  g_assert_cmpuint (vuln->fixed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (vuln->fixed, 0), ==, "2.0");
  g_assert_cmpstr (vuln->severity, ==, "[]");

  g_assert_null (flaw_osv_vuln_parse ("{\"id\":\"X\"}", 10, &error));
  g_assert_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED);
}

/* Never more than 1,000 queries in one request; the server refuses more. */
static void
test_batching (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;

  add_components (fixture->store, NULL, 0, 2500);
  flaw_fake_osv_server_add_vuln (fixture->server, "PYSEC-2024-1", NOW - DAY, NULL, "Flaw in 0042",
                                 "PyPI", "package-0042", v100, "1.0.1");
  flaw_fake_osv_server_add_vuln (fixture->server, "PYSEC-2024-2", NOW - DAY, NULL, "Flaw in 2400",
                                 "PyPI", "package-2400", v100, NULL);

  result = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_osv_server_get_batches (fixture->server), ==, 3);
  g_assert_cmpuint (flaw_fake_osv_server_get_max_batch (fixture->server), ==, 1000);
  g_assert_cmpuint (flaw_fake_osv_server_get_fetches (fixture->server), ==, 2);
  g_assert_cmpuint (result->n_new, ==, 2);
  g_assert_cmpuint (result->n_updated, ==, 2);

  list = list_components (fixture->store, TRUE);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((FlawComponent *) g_ptr_array_index (list, 0))->name, ==, "package-0042");
  g_assert_cmpuint (count (fixture->store, "SELECT count(*) FROM component WHERE last_checked = 1767225600"),
                    ==, 2500);
  g_assert_cmpuint (fixture->found->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->found, 0), ==, "PyPI/package-0042@1.0.0: PYSEC-2024-1");
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *status = user_data;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  *status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (object), result));
}

/* The fake server itself answers a batch of 1,001 with OSV's error. */
static void
test_server_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autofree FlawOsvQuery *queries = g_new0 (FlawOsvQuery, 1000);
  g_autofree char *url = g_strconcat (flaw_fake_osv_server_get_url (fixture->server), "/v1/querybatch", NULL);
  g_autofree char *first = NULL;
  GString *body;
  guint status = 0;

  for (guint i = 0; i < 1000; i++)
    queries[i] = (FlawOsvQuery) { "PyPI", "x", "1", NULL };
  first = flaw_osv_build_querybatch (queries, 1000);

  /* One query more than flaw_osv_build_querybatch() will build. */
  body = g_string_new_len (first, strlen (first) - 2);
  g_string_append (body, ",{\"version\":\"1\",\"package\":{\"name\":\"x\",\"ecosystem\":\"PyPI\"}}]}");
  request = g_string_free_to_bytes (body);

  message = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, sent_cb, &status);
  FLAW_TEST_WAIT_UNTIL (status != 0, 5000);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpuint (flaw_fake_osv_server_get_max_batch (fixture->server), ==, 1001);
}

/* A query with more vulnerabilities than one page is followed to its end. */
static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  static const Component components[] = {
    { "npm", "left-pad", "1.0.0" },
    { "npm", "right-pad", "1.0.0" },
  };
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;

  add_components (fixture->store, components, G_N_ELEMENTS (components), 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("GHSA-left-%u", i);

      flaw_fake_osv_server_add_vuln (fixture->server, id, NOW - DAY, NULL, "Left", "npm", "left-pad", v100, NULL);
    }
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-right", NOW - DAY, NULL, "Right", "npm", "right-pad", v100, NULL);
  flaw_fake_osv_server_set_page_size (fixture->server, 2);

  result = sync_ok (fixture);
  /* left-pad needs three pages; right-pad is done after the first. */
  g_assert_cmpuint (flaw_fake_osv_server_get_batches (fixture->server), ==, 3);
  g_assert_cmpuint (result->n_new, ==, 6);

  list = list_components (fixture->store, FALSE);
  g_assert_cmpuint (find_component (list, "left-pad")->vulns->len, ==, 5);
  g_assert_cmpuint (find_component (list, "right-pad")->vulns->len, ==, 1);
}

/* Only a record that is new or whose modified time changed is fetched. */
static void
test_refetch (Fixture       *fixture,
              gconstpointer  data)
{
  static const Component components[] = { { "crates.io", "smallvec", "1.0.0" } };
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autoptr(FlawIngestResult) third = NULL;
  g_autoptr(GPtrArray) events = NULL;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "RUSTSEC-1", NOW - 2 * DAY, NULL, "Old summary",
                                 "crates.io", "smallvec", v100, "1.6.1");
  flaw_fake_osv_server_add_vuln (fixture->server, "RUSTSEC-2", NOW - 2 * DAY, NULL, "Other",
                                 "crates.io", "smallvec", v100, NULL);

  first = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_osv_server_get_fetches (fixture->server), ==, 2);
  g_assert_cmpuint (first->n_new, ==, 2);

  /* Unchanged: the batch is asked again, no record is fetched. */
  flaw_fake_osv_server_reset_counts (fixture->server);
  second = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_osv_server_get_batches (fixture->server), ==, 1);
  g_assert_cmpuint (flaw_fake_osv_server_get_fetches (fixture->server), ==, 0);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 1);
  g_assert_cmpuint (fixture->found->len, ==, 2);

  /* Changed: exactly that record is fetched again and stored. */
  flaw_fake_osv_server_reset_counts (fixture->server);
  flaw_fake_osv_server_set_modified (fixture->server, "RUSTSEC-1", NOW - DAY, "New summary");
  third = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_osv_server_get_fetches (fixture->server), ==, 1);
  g_assert_cmpuint (flaw_fake_osv_server_count_fetches (fixture->server, "RUSTSEC-1"), ==, 1);
  g_assert_cmpuint (third->n_updated, ==, 1);
  g_assert_cmpuint (third->n_new, ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vulnerability "
                                          "WHERE osv_id = 'RUSTSEC-1' AND summary = 'New summary' "
                                          "AND modified = 1767139200"), ==, 1);
}

/* The CVE, GHSA and PYSEC records of one flaw are one entry. */
static void
test_aliases (Fixture       *fixture,
              gconstpointer  data)
{
  static const Component components[] = { { "PyPI", "jinja2", "2.4.1" } };
  static const char * const versions[] = { "2.4.1", NULL };
  static const char * const pysec_aliases[] = { "CVE-2024-1000", "GHSA-aaaa-bbbb-cccc", NULL };
  static const char * const ghsa_aliases[] = { "CVE-2024-1000", "PYSEC-2024-10", NULL };
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  FlawComponent *component;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-aaaa-bbbb-cccc", NOW - DAY, ghsa_aliases,
                                 "Sandbox escape", "PyPI", "jinja2", versions, "2.11.3");
  flaw_fake_osv_server_add_vuln (fixture->server, "PYSEC-2024-10", NOW - 2 * DAY, pysec_aliases,
                                 "Sandbox escape (PyPA)", "PyPI", "jinja2", versions, "2.11.3");

  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vulnerability"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vuln_alias"), ==, 3);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component_vuln"), ==, 1);
  /* The newest record's summary wins. */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vulnerability WHERE summary = 'Sandbox escape'"),
                   ==, 1);

  list = list_components (fixture->store, FALSE);
  component = g_ptr_array_index (list, 0);
  g_assert_cmpuint (component->vulns->len, ==, 1);
  g_assert_cmpuint (fixture->found->len, ==, 1);

  /* Syncing again changes nothing and fetches nothing. */
  flaw_fake_osv_server_reset_counts (fixture->server);
  g_clear_pointer (&result, flaw_ingest_result_free);
  result = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_osv_server_get_fetches (fixture->server), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vulnerability"), ==, 1);
}

/* "Never checked" and "checked, nothing found" are different things. */
static void
test_never_checked (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Component components[] = { { "Go", "golang.org/x/net", "0.1.0" } };
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  FlawComponent *component;

  add_components (fixture->store, components, 1, 0);
  before = list_components (fixture->store, FALSE);
  component = g_ptr_array_index (before, 0);
  g_assert_cmpint (component->last_checked, ==, 0);

  flaw_clock_set_fixed (NOW + 60);
  result = sync_ok (fixture);
  after = list_components (fixture->store, FALSE);
  component = g_ptr_array_index (after, 0);
  g_assert_cmpint (component->last_checked, ==, NOW + 60);
  g_assert_cmpuint (component->vulns->len, ==, 0);
  g_assert_cmpuint (result->n_unchanged, ==, 1);
}

typedef struct
{
  const char *osv_id;
  gint64      component_id;
  const char *reason;
  gint64      expires;
} Suppress;

static gpointer
suppress_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Suppress *suppress = data;
  gint64 id = flaw_suppression_add (database, suppress->osv_id, suppress->component_id,
                                    suppress->reason, suppress->expires, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gpointer
affecting_job (FlawDatabase  *database,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return flaw_osv_store_list_affecting (database, *(gint64 *) data, error);
}

static gpointer
add_other_job (FlawDatabase  *database,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return flaw_component_add (database, data, "other-lockfile", error) != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

/* A suppression needs a reason and ends at its expiry date. */
static void
test_suppression (Fixture       *fixture,
                  gconstpointer  data)
{
  static const Component components[] = { { "npm", "lodash", "4.17.20" } };
  static const char * const versions[] = { "4.17.20", NULL };
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) affecting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *suppression = NULL;
  FlawComponent *component;
  FlawOsvAffecting *vuln;
  Suppress suppress;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-35jh-r3h4-6jhm", NOW - DAY, NULL,
                                 "Command injection in lodash", "npm", "lodash", versions, "4.17.21");
  result = sync_ok (fixture);

  list = list_components (fixture->store, FALSE);
  component = g_ptr_array_index (list, 0);
  affecting = flaw_store_run (fixture->store, affecting_job, &component->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (affecting->len, ==, 1);
  vuln = g_ptr_array_index (affecting, 0);
  g_assert_cmpstr (vuln->summary, ==, "Command injection in lodash");
  g_assert_cmpstr (vuln->fixed, ==, "[\"4.17.21\"]");
  g_assert_false (vuln->suppressed);

  /* No reason, or an expiry in the past: refused. */
  suppress = (Suppress) { vuln->osv_id, component->id, "  ", NOW + 30 * DAY };
  g_assert_null (flaw_store_run (fixture->store, suppress_job, &suppress, NULL, &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  suppress = (Suppress) { vuln->osv_id, component->id, "Not reachable", NOW - DAY };
  g_assert_null (flaw_store_run (fixture->store, suppress_job, &suppress, NULL, &error));
  g_assert_error (error, FLAW_DEPENDENCY_STORE_ERROR, FLAW_DEPENDENCY_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* For every component the vulnerability affects. */
  suppress = (Suppress) { vuln->osv_id, 0, "Template input is never user-controlled", NOW + 30 * DAY };
  suppression = flaw_store_run (fixture->store, suppress_job, &suppress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM event WHERE entity = 'suppression'"), ==, 1);

  /* Another component it newly affects is neither counted nor notified. */
  g_assert_cmpuint (fixture->found->len, ==, 1);
  {
    g_autoptr(FlawDependency) dependency = flaw_dependency_new ("npm", "lodash", "4.17.20");
    g_autoptr(GError) add_error = NULL;

    flaw_store_run (fixture->store, add_other_job, dependency, NULL, &add_error);
    g_assert_no_error (add_error);
  }
  g_clear_pointer (&result, flaw_ingest_result_free);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 0);
  g_assert_cmpuint (fixture->found->len, ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component_vuln"), ==, 2);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_components (fixture->store, TRUE);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_components (fixture->store, FALSE);
  g_assert_cmpuint (list->len, ==, 2);
  component = g_ptr_array_index (list, 0);
  g_assert_cmpuint (component->vulns->len, ==, 0);
  g_assert_cmpuint (component->suppressed->len, ==, 1);

  /* A day after it expires the vulnerability counts again. */
  flaw_clock_set_fixed (NOW + 31 * DAY);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_components (fixture->store, TRUE);
  g_assert_cmpuint (list->len, ==, 2);
  component = g_ptr_array_index (list, 0);
  g_assert_cmpuint (component->suppressed->len, ==, 0);
  g_clear_pointer (&affecting, g_ptr_array_unref);
  affecting = flaw_store_run (fixture->store, affecting_job, &component->id, NULL, &error);
  g_assert_false (((FlawOsvAffecting *) g_ptr_array_index (affecting, 0))->suppressed);
}

static gpointer
dump_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  static const char * const queries[] = {
    "SELECT ecosystem || '|' || name || '|' || version || '|' || coalesce (last_checked, -1) "
    "FROM component ORDER BY id",
    "SELECT osv_id || '|' || coalesce (summary, '') || '|' || modified || '|' || fixed FROM vulnerability ORDER BY osv_id",
    "SELECT alias || '|' || v.osv_id FROM vuln_alias a JOIN vulnerability v ON v.id = a.vulnerability_id ORDER BY alias",
    "SELECT c.name || '|' || v.osv_id FROM component_vuln cv JOIN component c ON c.id = cv.component_id "
    "JOIN vulnerability v ON v.id = cv.vulnerability_id ORDER BY c.name, v.osv_id",
    "SELECT coalesce (state, '') FROM source",
  };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = flaw_database_prepare (database, queries[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
        g_string_append_printf (dump, "%s\n", sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      g_string_append (dump, "--\n");
    }

  return g_string_free (dump, FALSE);
}

static char *
dump (FlawStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = flaw_store_run (store, dump_job, NULL, NULL, &error);

  g_assert_no_error (error);
  return text;
}

static void
fill_server (FlawFakeOsvServer *server)
{
  for (guint i = 0; i < 2500; i += 97)
    {
      g_autofree char *id = g_strdup_printf ("PYSEC-2025-%u", i);
      g_autofree char *alias = g_strdup_printf ("CVE-2025-%u", i);
      g_autofree char *name = g_strdup_printf ("package-%04u", i);
      const char * const aliases[] = { alias, NULL };

      flaw_fake_osv_server_add_vuln (server, id, NOW - DAY, aliases, "A flaw", "PyPI", name, v100, "1.0.1");
    }
}

static void
kill_hook (guint    request_number,
           gpointer user_data)
{
  /* After the first chunk's batch and some of its records. */
  if (request_number == GPOINTER_TO_UINT (user_data))
    raise (SIGKILL);
}

/* A sync killed halfway leaves a database that a second sync completes to
 * exactly what one uninterrupted sync gives. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *reference = NULL;
  g_autofree char *resumed = NULL;
  g_autoptr(FlawIngestResult) result = NULL;
  /* Request 1 is the first chunk's batch, 2–12 its records, 13 the second
   * batch, 14–23 its records, 24 the third batch, 25–29 its records. */
  const guint kill_points[] = { 2, 20, 29 };
  const gint64 checked_before[] = { 0, 1000, 2000 };

  add_components (fixture->store, NULL, 0, 2500);
  fill_server (fixture->server);
  flaw_osv_source_set_batch_size (fixture->source, 1000);
  result = sync_ok (fixture);
  reference = dump (fixture->store);
  g_assert_nonnull (strstr (reference, "package-0097|PYSEC-2025-97"));

  for (guint k = 0; k < G_N_ELEMENTS (kill_points); k++)
    {
      g_autofree char *path = g_strdup_printf ("%s/killed-%u.db", fixture->dir, k);
      g_autofree char *number = g_strdup_printf ("%u", kill_points[k]);
      g_autoptr(FlawStore) store = NULL;
      g_autoptr(FlawOsvSource) source = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FlawIngestResult) rerun = NULL;

      g_setenv ("FLAW_TEST_KILLED_DB", path, TRUE);
      g_setenv ("FLAW_TEST_KILL_AT", number, TRUE);
      g_test_trap_subprocess ("/flawdesk/osv/killed/subprocess", 60 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_assert_false (g_test_trap_has_passed ());

      store = flaw_store_new (path);
      flaw_store_open (store, NULL, &error);
      g_assert_no_error (error);
      /* Killed mid-chunk: the chunks before it are complete, nothing of it. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM component WHERE last_checked IS NOT NULL"),
                       ==, checked_before[k]);
      /* The source in the killed database names the subprocess's server. */
      {
        g_autoptr(FlawSourceInfo) info = NULL;
        gint64 id = 1;
        g_autofree char *config = flaw_osv_source_build_config (flaw_fake_osv_server_get_url (fixture->server), NULL);

        info = flaw_store_run (store, get_source_job, &id, NULL, &error);
        g_assert_no_error (error);
        g_free (info->config);
        info->config = g_steal_pointer (&config);
        source = flaw_osv_source_new (info, fixture->http, &error);
        g_assert_no_error (error);
      }
      flaw_osv_source_set_batch_size (source, 1000);
      rerun = sync_source (source, store, &error);
      g_assert_no_error (error);

      resumed = dump (store);
      g_assert_cmpstr (resumed, ==, reference);
      g_clear_pointer (&resumed, g_free);
      g_clear_object (&source);
      FLAW_TEST_WAIT_UNTIL (G_OBJECT (store)->ref_count == 1, 5000);
    }
}

static void
test_killed_subprocess (void)
{
  const char *path = g_getenv ("FLAW_TEST_KILLED_DB");
  guint kill_at = (guint) g_ascii_strtoull (g_getenv ("FLAW_TEST_KILL_AT"), NULL, 10);
  g_autoptr(FlawStore) store = flaw_store_new (path);
  g_autoptr(FlawFakeOsvServer) server = flaw_fake_osv_server_new ();
  g_autoptr(FlawHttp) http = flaw_http_new ();
  g_autoptr(FlawOsvSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Run by /flawdesk/osv/killed");
      return;
    }

  flaw_clock_set_fixed (NOW);
  flaw_store_open (store, NULL, &error);
  g_assert_no_error (error);
  id = add_source (store, "OSV", flaw_fake_osv_server_get_url (server));
  add_components (store, NULL, 0, 2500);
  fill_server (server);
  flaw_fake_osv_server_set_hook (server, kill_hook, GUINT_TO_POINTER (kill_at));
  source = make_source (store, http, id);
  flaw_osv_source_set_batch_size (source, 1000);
  sync_source (source, store, &error);
  g_assert_not_reached ();
}

static void
outcomes_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **outcomes = user_data;
  g_autoptr(GError) error = NULL;

  *outcomes = flaw_sync_service_sync_finish (FLAW_SYNC_SERVICE (object), result, &error);
  g_assert_no_error (error);
}

/* One source failing does not stop the others, and its error is kept. */
static void
test_failing_source (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Component components[] = { { "RubyGems", "rack", "2.0.0" } };
  static const char * const versions[] = { "2.0.0", NULL };
  g_autoptr(FlawFakeOsvServer) broken = flaw_fake_osv_server_new ();
  g_autoptr(FlawSyncService) service = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  FlawSourceFactoryData *factory_data;
  guint failed = 0, succeeded = 0;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-rack", NOW - DAY, NULL, "Rack", "RubyGems", "rack",
                                 versions, "2.0.1");
  flaw_fake_osv_server_fail (broken, 1, 503);
  add_source (fixture->store, "A broken mirror", flaw_fake_osv_server_get_url (broken));

  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = g_object_ref (fixture->http);
  factory_data->credentials = flaw_credentials_new (fixture->path);
  service = flaw_sync_service_new (fixture->store, flaw_source_factory_create, factory_data,
                                   (GDestroyNotify) flaw_source_factory_data_free);
  flaw_sync_service_sync_async (service, 0, NULL, outcomes_cb, &outcomes);
  FLAW_TEST_WAIT_UNTIL (outcomes != NULL, 30000);

  g_assert_cmpuint (outcomes->len, ==, 2);
  for (guint i = 0; i < outcomes->len; i++)
    {
      FlawSyncOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_assert_cmpstr (outcome->kind, ==, "osv");
      if (outcome->success)
        {
          succeeded++;
          g_assert_cmpstr (outcome->name, ==, "OSV");
          g_assert_cmpuint (outcome->n_new, ==, 1);
        }
      else
        {
          failed++;
          g_assert_cmpstr (outcome->name, ==, "A broken mirror");
          g_assert_nonnull (outcome->error_message);
        }
    }
  g_assert_cmpuint (failed, ==, 1);
  g_assert_cmpuint (succeeded, ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM source WHERE last_error IS NOT NULL"), ==, 1);

  list = list_components (fixture->store, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
}

/* A server error is reported, and nothing of the failed chunk is written. */
static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Component components[] = { { "NuGet", "Newtonsoft.Json", "12.0.1" } };
  static const char * const versions[] = { "12.0.1", NULL };
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-5crp-9r3c-p9vr", NOW - DAY, NULL, "DoS", "NuGet",
                                 "Newtonsoft.Json", versions, "13.0.1");
  /* The batch works, fetching the record fails. */
  flaw_fake_osv_server_fail (fixture->server, 2, 500);
  result = sync_source (fixture->source, fixture->store, &error);
  g_assert_null (result);
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_SERVER);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component WHERE last_checked IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM vulnerability"), ==, 0);
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

/* `source add osv` and `sync` from the command line, against the server
 * running in this process (so the CLI is run without blocking). */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  static const Component components[] = { { "Packagist", "guzzlehttp/psr7", "1.8.0" } };
  static const char * const versions[] = { "1.8.0", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sync_out = NULL;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-q7rv-6hp3-vh96", NOW - DAY, NULL, "Header injection",
                                 "Packagist", "guzzlehttp/psr7", versions, "1.8.4");

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "source", "add", "osv", "--name", "Mirror",
                                      "--api-url", flaw_fake_osv_server_get_url (fixture->server), NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added source “Mirror” (osv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "source", "add", "osv", "--name", "Plain",
                                      "--api-url", "http://osv.example.com", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "http://osv.example.com"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (flaw_test_run_cli (fixture->path, &out, &err, "source", "add", "osv", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--name"));

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("FLAWDESK_CLI"),
                              "--db", fixture->path, "sync", "--source", "Mirror", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &sync_out);
  FLAW_TEST_WAIT_UNTIL (sync_out != NULL, 30000);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (sync_out, ==, "Mirror: 1 new, 1 updated, 0 unchanged, 0 withdrawn\n");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component_vuln"), ==, 1);
}

typedef struct
{
  FlawDebtItem *draft;
  gint64        vulnerability_id;
} CreateDebt;

static gpointer
create_debt_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CreateDebt *create = data;
  gint64 id = flaw_osv_debt_create_linked (database, create->draft, create->vulnerability_id, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/* A vulnerability becomes a prefilled debt item, linked to it. */
static void
test_debt (Fixture       *fixture,
           gconstpointer  data)
{
  static const Component components[] = { { "npm", "lodash", "4.17.20" } };
  static const char * const versions[] = { "4.17.20", NULL };
  static const char * const aliases[] = { "CVE-2021-23337", NULL };
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) affecting = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(FlawDebtItem) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *debt_id = NULL;
  FlawComponent *component;
  FlawOsvAffecting *vuln;
  CreateDebt create;
  const char * const *links;

  add_components (fixture->store, components, 1, 0);
  flaw_fake_osv_server_add_vuln (fixture->server, "GHSA-35jh-r3h4-6jhm", NOW - DAY, aliases,
                                 "Command injection in lodash", "npm", "lodash", versions, "4.17.21");
  result = sync_ok (fixture);
  list = list_components (fixture->store, FALSE);
  component = g_ptr_array_index (list, 0);
  affecting = flaw_store_run (fixture->store, affecting_job, &component->id, NULL, &error);
  g_assert_no_error (error);
  vuln = g_ptr_array_index (affecting, 0);
  g_assert_cmpuint (vuln->debt_ids->len, ==, 0);

  draft = flaw_osv_debt_draft_new (vuln, component->ecosystem, component->name, component->version);
  g_assert_cmpstr (flaw_debt_item_get_title (draft), ==, "lodash 4.17.20 is affected by GHSA-35jh-r3h4-6jhm");
  g_assert_cmpstr (flaw_debt_item_get_category (draft), ==, "dependencies");
  g_assert_cmpstr (flaw_debt_item_get_component (draft), ==, "npm/lodash@4.17.20");
  /* The fake server rates every record CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8. */
  g_assert_cmpint (flaw_debt_item_get_impact (draft), ==, 5);
  g_assert_nonnull (strstr (flaw_debt_item_get_description (draft), "Fixed in: 4.17.21"));
  g_assert_nonnull (strstr (flaw_debt_item_get_description (draft), "CVE-2021-23337"));
  g_assert_nonnull (strstr (flaw_debt_item_get_description (draft), "CVSS base score: 9.8"));
  links = flaw_debt_item_get_links (draft);
  g_assert_cmpstr (links[0], ==, "https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm");
  /* The record's own reference is that page too: not listed twice. */
  g_assert_null (links[1]);

  create = (CreateDebt) { draft, vuln->vulnerability_id };
  debt_id = flaw_store_run (fixture->store, create_debt_job, &create, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM link WHERE from_entity = 'vulnerability' "
                                          "AND to_entity = 'debt'"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM event WHERE field = 'link' "
                                          "AND entity IN ('debt', 'vulnerability')"), ==, 2);

  again = flaw_store_run (fixture->store, affecting_job, &component->id, NULL, &error);
  g_assert_cmpuint (((FlawOsvAffecting *) g_ptr_array_index (again, 0))->debt_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (((FlawOsvAffecting *) g_ptr_array_index (again, 0))->debt_ids, gint64, 0),
                   ==, *debt_id);

  /* A vulnerability that is gone: no item is left in the register. */
  g_clear_object (&draft);
  draft = flaw_osv_debt_draft_new (vuln, component->ecosystem, component->name, component->version);
  create = (CreateDebt) { draft, 9999 };
  g_assert_null (flaw_store_run (fixture->store, create_debt_job, &create, NULL, &error));
  g_assert_error (error, FLAW_OSV_STORE_ERROR, FLAW_OSV_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM debt WHERE deleted IS NULL OR deleted = 0"), ==, 1);
}

static gpointer
apply_vanished_job (FlawDatabase  *database,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) components = flaw_components_list (database, NULL, FALSE, error);
  FlawOsvCheck *check = data;
  FlawComponent *kept = g_ptr_array_index (components, 0);
  FlawComponent *gone = g_ptr_array_index (components, 1);
  FlawOsvVuln *vuln = flaw_osv_vuln_new ();
  FlawOsvCheckResult *result = flaw_osv_check_result_new ();

  vuln->id = g_strdup ("GHSA-35jh-r3h4-6jhm");
  g_ptr_array_add (vuln->aliases, g_strdup ("CVE-2021-23337"));
  vuln->summary = g_strdup ("Command injection in lodash");
  vuln->modified = NOW - DAY;
  g_ptr_array_add (check->vulns, vuln);
  for (guint i = 0; i < 2; i++)
    {
      GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
      gint64 id = i == 0 ? kept->id : gone->id;

      g_ptr_array_add (found, g_strdup ("CVE-2021-23337"));
      g_array_append_val (check->component_ids, id);
      g_ptr_array_add (check->found, found);
    }

  /* Removed by hand while the sync was checking it. */
  if (!flaw_component_remove (database, gone->id, error) ||
      !flaw_osv_store_apply_check (database, check, result, error))
    {
      flaw_osv_check_result_free (result);
      return NULL;
    }

  return result;
}

/* A component removed while the sync checked it is skipped, not an error
 * that loses the chunk; the others are recorded, named by the id OSV
 * listed them under. */
static void
test_vanished (Fixture       *fixture,
               gconstpointer  data)
{
  static const Component components[] = { { "npm", "lodash", "4.17.20" }, { "npm", "lodash-es", "4.17.20" } };
  g_autoptr(FlawOsvCheck) check = flaw_osv_check_new (fixture->source_id);
  g_autoptr(FlawOsvCheckResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_components (fixture->store, components, 2, 0);
  result = flaw_store_run (fixture->store, apply_vanished_job, check, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_new, ==, 1);
  g_assert_cmpuint (result->n_updated, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->new_pairs, 0), ==, "npm/lodash@4.17.20: CVE-2021-23337");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component_vuln"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM component WHERE last_checked = 1767225600"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/flawdesk/osv/codec", test_codec);
  ADD ("/flawdesk/osv/batching", test_batching);
  ADD ("/flawdesk/osv/server-limit", test_server_limit);
  ADD ("/flawdesk/osv/pagination", test_pagination);
  ADD ("/flawdesk/osv/refetch", test_refetch);
  ADD ("/flawdesk/osv/aliases", test_aliases);
  ADD ("/flawdesk/osv/never-checked", test_never_checked);
  ADD ("/flawdesk/osv/suppression", test_suppression);
  ADD ("/flawdesk/osv/killed", test_killed);
  g_test_add_func ("/flawdesk/osv/killed/subprocess", test_killed_subprocess);
  ADD ("/flawdesk/osv/failing-source", test_failing_source);
  ADD ("/flawdesk/osv/server-error", test_server_error);
  ADD ("/flawdesk/osv/cli", test_cli);
  ADD ("/flawdesk/osv/debt", test_debt);
  ADD ("/flawdesk/osv/vanished", test_vanished);
#undef ADD

  return g_test_run ();
}
