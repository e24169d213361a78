/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Checks 5,000 components against the local OSV test server and prints how
 * long it took and how many requests it made. */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-dependency-store.h"
#include "flaw-fake-osv-server.h"
#include "flaw-osv-source.h"
#include "flaw-osv-store.h"
#include "flaw-test-utils.h"

#define N_COMPONENTS 5000
#define N_RUNS 3

static gpointer
setup_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  const char *url = data;
  g_autofree char *config = flaw_osv_source_build_config (url, error);
  gint64 id;

  if (config == NULL || !(id = flaw_source_store_add (database, "osv", "OSV", config, error)))
    return NULL;

  for (guint i = 0; i < N_COMPONENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("package-%05u", i);
      g_autoptr(FlawDependency) dependency = flaw_dependency_new (i % 2 ? "npm" : "PyPI", name, "1.2.3");

      if (!flaw_component_add (database, dependency, "bench", error))
        return NULL;
    }

  return flaw_source_store_get (database, id, error);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) ingested = flaw_source_sync_finish (FLAW_SOURCE (object), result, &error);
  gboolean *done = user_data;

  if (ingested == NULL)
    g_error ("Sync failed: %s", error->message);
  *done = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  double first[N_RUNS], again[N_RUNS];
  guint first_requests = 0, again_requests = 0, vulns = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *dir = flaw_test_make_tmp_dir ();
      g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
      g_autoptr(FlawStore) store = flaw_store_new (path);
      g_autoptr(FlawFakeOsvServer) server = flaw_fake_osv_server_new ();
      g_autoptr(FlawHttp) http = flaw_http_new ();
      g_autoptr(FlawSourceInfo) info = NULL;
      g_autoptr(FlawOsvSource) source = NULL;
      g_autoptr(GError) error = NULL;

      if (!flaw_store_open (store, NULL, &error) ||
          !(info = flaw_store_run (store, setup_job, (gpointer) flaw_fake_osv_server_get_url (server), NULL, &error)) ||
          !(source = flaw_osv_source_new (info, http, &error)))
        g_error ("%s", error->message);

      /* One component in ten is affected, one in fifty by two records. */
      vulns = 0;
      for (guint i = 0; i < N_COMPONENTS; i += 10)
        {
          g_autofree char *name = g_strdup_printf ("package-%05u", i);
          g_autofree char *id = g_strdup_printf ("GHSA-bench-%05u", i);
          g_autofree char *cve = g_strdup_printf ("CVE-2025-%05u", i);
          const char * const versions[] = { "1.2.3", NULL };
          const char * const aliases[] = { cve, NULL };

          flaw_fake_osv_server_add_vuln (server, id, 1700000000, aliases, "Benchmark flaw",
                                         i % 2 ? "npm" : "PyPI", name, versions, "1.2.4");
          vulns++;
          if (i % 50 == 0)
            {
              g_autofree char *second = g_strdup_printf ("PYSEC-bench-%05u", i);

              flaw_fake_osv_server_add_vuln (server, second, 1700000000, aliases, "Same flaw",
                                             i % 2 ? "npm" : "PyPI", name, versions, "1.2.4");
              vulns++;
            }
        }

      for (guint pass = 0; pass < 2; pass++)
        {
          gboolean done = FALSE;
          gint64 start = g_get_monotonic_time ();

          flaw_fake_osv_server_reset_counts (server);
          flaw_source_sync_async (FLAW_SOURCE (source), store, NULL, synced_cb, &done);
          while (!done)
            g_main_context_iteration (NULL, TRUE);

          if (pass == 0)
            {
              first[run] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
              first_requests = flaw_fake_osv_server_get_requests (server);
            }
          else
            {
              again[run] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
              again_requests = flaw_fake_osv_server_get_requests (server);
            }
        }

      g_clear_object (&source);
      while (G_OBJECT (store)->ref_count > 1)
        g_main_context_iteration (NULL, TRUE);
      g_clear_object (&store);
      flaw_test_remove_tree (dir);
    }

  qsort (first, N_RUNS, sizeof (double), compare_doubles);
  qsort (again, N_RUNS, sizeof (double), compare_doubles);

  printf ("osv check of %d components (%u vulnerability records on the server), %d runs\n",
          N_COMPONENTS, vulns, N_RUNS);
  printf ("first sync:  median %.3f s (min %.3f, max %.3f), %u requests\n",
          first[N_RUNS / 2], first[0], first[N_RUNS - 1], first_requests);
  printf ("second sync: median %.3f s (min %.3f, max %.3f), %u requests (nothing changed)\n",
          again[N_RUNS / 2], again[0], again[N_RUNS - 1], again_requests);
  printf ("target: under 5 s: %s\n", first[N_RUNS / 2] < 5.0 ? "met" : "MISSED");

  return first[N_RUNS / 2] < 5.0 ? 0 : 1;
}
