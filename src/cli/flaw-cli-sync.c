/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <stdio.h>

#include "flaw-cli.h"
#include "flaw-source-factory.h"
#include "flaw-source-store.h"
#include "flaw-sync-service.h"

typedef struct
{
  GMainLoop *loop;
  GPtrArray *outcomes;
  GError    *error;
} SyncWait;

static gpointer
find_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_source_store_find (database, data, error);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->outcomes = flaw_sync_service_sync_finish (FLAW_SYNC_SERVICE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_CONTINUE;
}

FlawCliExit
flaw_cli_sync (FlawCli  *cli,
               int       argc,
               char    **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(FlawSyncService) service = NULL;
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *source_name = NULL;
  FlawSourceFactoryData *factory_data;
  SyncWait wait = { 0 };
  GError *error = NULL;
  FlawStore *store;
  guint failed = 0;
  guint sigint_id, sigterm_id;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("Sync only this source"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return flaw_cli_usage_error (cli, "%s", parse_error->message);
  if (argc > 1)
    return flaw_cli_usage_error (cli, _("Unexpected argument “%s”"), argv[1]);

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (source_name != NULL && !(info = flaw_store_run (store, find_job, source_name, NULL, &error)))
    return flaw_cli_fail (cli, error);

  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = flaw_http_new ();
  factory_data->credentials = flaw_credentials_new (flaw_store_get_path (store));
  service = flaw_sync_service_new (store, flaw_source_factory_create, factory_data,
                                   (GDestroyNotify) flaw_source_factory_data_free);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  wait.loop = loop;

  /* Ctrl+C stops between batches; what was stored stays stored. */
  sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, cancellable);

  flaw_sync_service_sync_async (service, info != NULL ? info->id : 0, cancellable, synced_cb, &wait);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (wait.outcomes == NULL)
    return flaw_cli_fail (cli, wait.error);

  if (wait.outcomes->len == 0)
    printf ("%s\n", _("No enabled sources to sync. Add one with “flawdesk-cli source add”."));

  for (guint i = 0; i < wait.outcomes->len; i++)
    {
      FlawSyncOutcome *outcome = g_ptr_array_index (wait.outcomes, i);
      g_autofree char *name = flaw_cli_printable (outcome->name, TRUE);

      if (outcome->success)
        printf (_("%s: %u new, %u updated, %u unchanged, %u withdrawn\n"), name,
                outcome->n_new, outcome->n_updated, outcome->n_unchanged, outcome->n_withdrawn);
      else
        {
          g_autofree char *message = flaw_cli_printable (outcome->error_message, FALSE);

          fprintf (stderr, _("flawdesk-cli: source “%s” failed: %s\n"), name, message);
          failed++;
        }
    }

  g_ptr_array_unref (wait.outcomes);

  return failed > 0 ? FLAW_CLI_EXIT_FAILED : FLAW_CLI_EXIT_OK;
}
