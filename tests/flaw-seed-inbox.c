/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fills a database with disclosure reports at every stage of triage, for
 * screenshots and for trying the Inbox by hand:
 *
 *   flaw-seed-inbox DATABASE
 *
 * Reports go in as a sync would leave them; triage goes through the same
 * store jobs the Inbox page uses, so the event log is complete. */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-report-store.h"
#include "flaw-store.h"
#include "flaw-test-reports.h"
#include "flaw-triage.h"

static void
edit (FlawDatabase    *database,
      gint64           id,
      FlawReportField  field,
      const char      *value)
{
  g_autoptr(FlawReportEdit) report_edit = flaw_report_edit_new (id);
  g_autoptr(GError) error = NULL;

  flaw_report_edit_set (report_edit, field, value);
  g_assert_nonnull (flaw_report_store_update (database, report_edit, NULL, &error));
  g_assert_no_error (error);
}

static void
move (FlawDatabase     *database,
      gint64            id,
      FlawReportStatus  status,
      FlawCloseReason   reason,
      const char       *note)
{
  g_autoptr(FlawTriageMove) triage_move = flaw_triage_move_new (id, status);
  g_autoptr(GError) error = NULL;

  triage_move->close_reason = reason;
  triage_move->note = g_strdup (note);
  g_assert_nonnull (flaw_triage_move_report (database, triage_move, NULL, &error));
  g_assert_no_error (error);
}

static void
mark_read (FlawDatabase *database,
           gint64        id)
{
  g_autoptr(FlawReportRequest) request = flaw_report_request_new (id, NULL);
  g_autoptr(GError) error = NULL;

  request->unread = FALSE;
  g_assert_nonnull (flaw_report_store_set_unread (database, request, NULL, &error));
  g_assert_no_error (error);
}

static gpointer
seed_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 now = flaw_clock_now ();
  g_autoptr(GArray) ids = flaw_test_insert_reports (database, 12, now - 40 * 86400, 20261126);
  gint64 *id = (gint64 *) ids->data;

  /* The oldest went all the way through. */
  move (database, id[0], FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL);
  edit (database, id[0], FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  edit (database, id[0], FLAW_REPORT_FIELD_COMPONENT, "template engine");
  move (database, id[0], FLAW_REPORT_STATUS_TRIAGED, 0, NULL);
  move (database, id[0], FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL);
  edit (database, id[0], FLAW_REPORT_FIELD_ROOT_CAUSE, "Template output was not escaped by default");
  edit (database, id[0], FLAW_REPORT_FIELD_REGRESSION_TEST, "tests/test-template.c: /template/escape-default");
  move (database, id[0], FLAW_REPORT_STATUS_FIXED, 0, NULL);
  move (database, id[0], FLAW_REPORT_STATUS_DISCLOSED, 0, NULL);

  move (database, id[1], FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL);
  edit (database, id[1], FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N");
  move (database, id[1], FLAW_REPORT_STATUS_TRIAGED, 0, NULL);
  move (database, id[1], FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 0, NULL);

  move (database, id[2], FLAW_REPORT_STATUS_CLOSED, FLAW_CLOSE_REASON_SPAM,
        "Automated scanner output without a finding");

  move (database, id[4], FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL);
  edit (database, id[4], FLAW_REPORT_FIELD_CVSS_VECTOR, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N");
  move (database, id[4], FLAW_REPORT_STATUS_TRIAGED, 0, NULL);

  move (database, id[6], FLAW_REPORT_STATUS_ACKNOWLEDGED, 0, NULL);

  edit (database, id[0], FLAW_REPORT_FIELD_CWE, "CWE-79");
  edit (database, id[1], FLAW_REPORT_FIELD_CWE, "CWE-89");
  edit (database, id[1], FLAW_REPORT_FIELD_COMPONENT, "REST API");
  edit (database, id[4], FLAW_REPORT_FIELD_CWE, "CWE-22");
  edit (database, id[4], FLAW_REPORT_FIELD_COMPONENT, "upload");

  for (guint i = 0; i < 8; i++)
    mark_read (database, id[i]);

  /* Older reports of the same classes, so that some keep recurring. */
  {
    static const struct { int days_ago; const char *title; const char *cwe; const char *component; } older[] = {
      { 75, "Reflected XSS in the template preview", "CWE-79", "template engine" },
      { 170, "Script injection through template names", "CWE-79", "template engine" },
      { 120, "Zip slip when extracting uploaded archives", "CWE-22", "upload" },
      { 260, "Unsanitised file name in upload", "CWE-22", "upload" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (older); i++)
      {
        gint64 old_id = flaw_test_insert_report (database, 0, older[i].title,
                                                 "Found during an internal review.\n",
                                                 now - (gint64) older[i].days_ago * 86400, 0);

        edit (database, old_id, FLAW_REPORT_FIELD_CWE, older[i].cwe);
        edit (database, old_id, FLAW_REPORT_FIELD_COMPONENT, older[i].component);
        mark_read (database, old_id);
      }
  }

  /* The sample sources point nowhere: keep them out of the start-up sync and
   * show them as synced an hour ago. */
  {
    sqlite3_stmt *stmt = flaw_database_prepare (database,
                                                "UPDATE source SET enabled = 0, last_sync_time = ?1, "
                                                "last_success_time = ?1, last_result = 'ok', last_error = NULL",
                                                error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, now - 3600);
    if (!flaw_database_execute (database, stmt, error))
      return NULL;
  }

  return GINT_TO_POINTER (TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FlawStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = flaw_store_new (argv[1]);
  if (!flaw_store_open (store, NULL, &error) ||
      !flaw_store_run (store, seed_job, NULL, NULL, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  return 0;
}
