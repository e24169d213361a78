/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "flaw-cli.h"
#include "flaw-osv-source.h"
#include "flaw-source-store.h"

/* `source add osv`: an OSV feed needs no secret, so it does not go through
 * the keyring like the other kinds of source. */

typedef struct
{
  const char *name;
  const char *config;
  gint64      id;
} AddJob;

static gpointer
add_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  AddJob *job = data;

  job->id = flaw_source_store_add (database, "osv", job->name, job->config, error);

  return job->id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * flaw_cli_source_add_osv:
 * @argv: "osv" followed by the options
 *
 * Adds an OSV source: `source add osv --name NAME [--api-url URL]`.
 */
FlawCliExit
flaw_cli_source_add_osv (FlawCli  *cli,
                         int       argc,
                         char    **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *config = NULL;
  GError *error = NULL;
  FlawStore *store;
  AddJob job = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A name for the source"), N_("NAME") },
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url, N_("OSV API base URL (default https://api.osv.dev)"), N_("URL") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* "osv" stands in for the program name GOption skips. */
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return flaw_cli_usage_error (cli, "%s", parse_error->message);
  if (argc > 1)
    return flaw_cli_usage_error (cli, _("Unexpected argument “%s”"), argv[1]);
  if (name == NULL || *name == '\0')
    return flaw_cli_usage_error (cli, _("source add needs --name"));

  if (!(config = flaw_osv_source_build_config (api_url, &error)))
    {
      FlawCliExit status = flaw_cli_usage_error (cli, "%s", error->message);

      g_error_free (error);
      return status;
    }

  job.name = name;
  job.config = config;
  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !flaw_store_run (store, add_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf (_("Added source “%s” (osv, id %lld). It checks the components against %s.\n"),
          name, (long long) job.id, api_url != NULL && *api_url != '\0' ? api_url : FLAW_OSV_DEFAULT_API_URL);

  return FLAW_CLI_EXIT_OK;
}
