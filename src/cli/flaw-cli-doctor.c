/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "flaw-cli.h"

typedef struct
{
  guint      schema_version;
  char      *backup_path;
  char      *integrity;
  GPtrArray *counts;
} DoctorReport;

static void
doctor_report_free (DoctorReport *report)
{
  g_free (report->backup_path);
  g_free (report->integrity);
  g_clear_pointer (&report->counts, g_ptr_array_unref);
  g_free (report);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DoctorReport, doctor_report_free)

static gpointer
doctor_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(DoctorReport) report = g_new0 (DoctorReport, 1);

  report->schema_version = flaw_database_get_schema_version (database);
  report->backup_path = g_strdup (flaw_database_get_backup_path (database));

  if (!(report->integrity = flaw_database_quick_check (database, error)))
    return NULL;

  if (!(report->counts = flaw_database_count_rows (database, error)))
    return NULL;

  return g_steal_pointer (&report);
}

FlawCliExit
flaw_cli_doctor (FlawCli  *cli,
                 int       argc,
                 char    **argv)
{
  g_autoptr(DoctorReport) report = NULL;
  GError *error = NULL;
  FlawStore *store;
  guint width = 0;

  if (argc > 1)
    return flaw_cli_usage_error (cli, _("doctor takes no arguments"));

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(report = flaw_store_run (store, doctor_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  printf ("%-10s %s\n", _("Database:"), flaw_store_get_path (store));
  printf ("%-10s %u (%s %u)\n", _("Schema:"), report->schema_version,
          _("latest"), flaw_database_get_latest_version ());
  printf ("%-10s %s\n", _("Integrity:"), report->integrity);
  if (report->backup_path != NULL)
    printf ("%-10s %s\n", _("Backup:"), report->backup_path);
  printf ("%s\n", _("Rows:"));

  for (guint i = 0; i < report->counts->len; i++)
    width = MAX (width, strlen (((FlawTableCount *) g_ptr_array_index (report->counts, i))->name));

  for (guint i = 0; i < report->counts->len; i++)
    {
      FlawTableCount *count = g_ptr_array_index (report->counts, i);

      printf ("  %-*s %" G_GINT64_FORMAT "\n", (int) width, count->name, count->rows);
    }

  if (g_strcmp0 (report->integrity, "ok") != 0)
    {
      fprintf (stderr, "flawdesk-cli: %s\n", _("The integrity check found problems."));
      return FLAW_CLI_EXIT_FAILED;
    }

  return FLAW_CLI_EXIT_OK;
}
