/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-clock.h"
#include "flaw-report-private.h"
#include "flaw-report-store.h"

/* Links between reports and the debt items they created, in the link
 * table, shown on both sides. */

static gboolean
check_debt (FlawDatabase       *database,
            FlawReportRequest  *request,
            GError            **error)
{
  g_autoptr(FlawReport) report = NULL;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!(report = _flaw_report_store_get (database, request->report_id, error)))
    return FALSE;

  if (!flaw_report_is_root (report))
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_ROOT,
                   _("Report %" PRId64 " is a follow-up to report %" PRId64
                     "; link the debt item to that report."),
                   report->id, report->thread_of);
      return FALSE;
    }

  if (!_flaw_report_store_table_exists (database, "debt", &exists, error))
    return FALSE;

  if (!exists)
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NO_DEBT_REGISTER,
                   _("This database has no debt register yet; update Flawdesk to link "
                     "reports to debt items."));
      return FALSE;
    }

  stmt = flaw_database_prepare (database,
                                "SELECT 1 FROM debt WHERE id = ? AND (deleted IS NULL OR deleted = 0)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, request->debt_id);
  rc = flaw_database_step (database, stmt, error);
  sqlite3_reset (stmt);

  if (rc < 0)
    return FALSE;

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_DEBT_NOT_FOUND,
                   _("There is no debt item %" PRId64 "."), request->debt_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
log_link (FlawDatabase  *database,
          gint64         report_id,
          gint64         debt_id,
          gboolean       linked,
          GError       **error)
{
  g_autofree char *debt = g_strdup_printf ("debt %" PRId64, debt_id);
  g_autofree char *report = g_strdup_printf ("report %" PRId64, report_id);

  /* Both sides show the link, so both histories record it. */
  return flaw_database_append_event (database, "report", report_id, "link",
                                     linked ? NULL : debt, linked ? debt : NULL, error) &&
         flaw_database_append_event (database, "debt", debt_id, "link",
                                     linked ? NULL : report, linked ? report : NULL, error);
}

/**
 * flaw_report_store_link_debt:
 * @request: a #FlawReportRequest with the report and #FlawReportRequest.debt_id
 *
 * Links a root report to an existing debt item; linking twice is not an
 * error and changes nothing.
 *
 * Returns: GINT_TO_POINTER (TRUE), or %NULL with @error set
 */
gpointer
flaw_report_store_link_debt (FlawDatabase  *database,
                             gpointer       data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  FlawReportRequest *request = data;
  sqlite3_stmt *stmt;

  if (!check_debt (database, request, error))
    return NULL;

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) "
                                "VALUES ('report', ?1, 'debt', ?2, ?3) ON CONFLICT DO NOTHING",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, request->report_id);
  sqlite3_bind_int64 (stmt, 2, request->debt_id);
  sqlite3_bind_int64 (stmt, 3, flaw_clock_now ());

  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  if (sqlite3_changes (flaw_database_get_handle (database)) > 0 &&
      !log_link (database, request->report_id, request->debt_id, TRUE, error))
    goto fail;

  if (!flaw_database_commit (database, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  flaw_database_rollback (database);
  return NULL;
}

/**
 * flaw_report_store_unlink_debt:
 * @request: a #FlawReportRequest with the report and #FlawReportRequest.debt_id
 *
 * Returns: GINT_TO_POINTER (TRUE), or %NULL with @error set
 *   (%FLAW_REPORT_STORE_ERROR_NOT_LINKED when there was no link)
 */
gpointer
flaw_report_store_unlink_debt (FlawDatabase  *database,
                               gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error)
{
  FlawReportRequest *request = data;
  sqlite3_stmt *stmt;

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "DELETE FROM link WHERE from_entity = 'report' AND from_id = ? "
                                "AND to_entity = 'debt' AND to_id = ?",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, request->report_id);
  sqlite3_bind_int64 (stmt, 2, request->debt_id);

  if (!flaw_database_execute (database, stmt, error))
    goto fail;

  if (sqlite3_changes (flaw_database_get_handle (database)) == 0)
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_LINKED,
                   _("Report %" PRId64 " is not linked to debt item %" PRId64 "."),
                   request->report_id, request->debt_id);
      goto fail;
    }

  if (!log_link (database, request->report_id, request->debt_id, FALSE, error) ||
      !flaw_database_commit (database, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  flaw_database_rollback (database);
  return NULL;
}
