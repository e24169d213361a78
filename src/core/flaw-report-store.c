/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-clock.h"
#include "flaw-report-private.h"
#include "flaw-report-store.h"

/* The list shows at most this much of each body; load a report for all of it. */
#define PREVIEW_CHARS 500

/* Column order of report_from_row (). */
#define N_REPORT_COLUMNS 39

#define FULL_COLUMNS "r.id, r.source_id, s.name, r.remote_id, r.thread_of, r.message_id, r.in_reply_to, r.refs, " \
  "r.title, r.reporter, r.reporter_address, r.received, r.body, r.body_truncated, r.html_only, " \
  "r.unread, r.withdrawn, r.status, r.close_reason, r.close_note, r.duplicate_of, r.severity, " \
  "r.cvss_vector, r.cvss_score, r.cwe, r.component, r.affected_versions, r.fixed_version, " \
  "r.cve, r.credit, r.root_cause, r.introduced_in, r.regression_test, r.acknowledged_time, " \
  "r.triaged_time, r.fixed_time, r.disclosed_time, r.closed_time, r.updated"

#define LIST_SQL \
  "SELECT r.id, r.source_id, s.name, r.remote_id, r.thread_of, r.message_id, r.in_reply_to, r.refs, " \
  "r.title, r.reporter, r.reporter_address, r.received, substr (r.body, 1, " G_STRINGIFY (PREVIEW_CHARS) "), r.body_truncated, " \
  "r.html_only, r.unread, r.withdrawn, r.status, r.close_reason, r.close_note, r.duplicate_of, " \
  "r.severity, r.cvss_vector, r.cvss_score, r.cwe, r.component, r.affected_versions, " \
  "r.fixed_version, r.cve, r.credit, r.root_cause, r.introduced_in, r.regression_test, " \
  "r.acknowledged_time, r.triaged_time, r.fixed_time, r.disclosed_time, r.closed_time, r.updated, " \
  "(SELECT count(*) FROM report AS f WHERE f.thread_of = r.id), " \
  "r.unread OR EXISTS (SELECT 1 FROM report AS f WHERE f.thread_of = r.id AND f.unread) " \
  "FROM report AS r LEFT JOIN source AS s ON s.id = r.source_id " \
  "WHERE r.thread_of IS NULL " \
  "AND (?1 = 0 OR r.source_id = ?1) " \
  "AND (?2 IS NULL OR r.id IN (SELECT coalesce (x.thread_of, x.id) FROM report_fts " \
  "  JOIN report AS x ON x.id = report_fts.rowid WHERE report_fts MATCH ?2)) " \
  "ORDER BY r.received DESC, r.id DESC"

G_DEFINE_QUARK (flaw-report-store-error-quark, flaw_report_store_error)

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static FlawReport *
report_from_row (sqlite3_stmt *stmt)
{
  FlawReport *self = flaw_report_new ();
  const char *status = (const char *) sqlite3_column_text (stmt, 17);
  const char *reason = (const char *) sqlite3_column_text (stmt, 18);
  const char *severity = (const char *) sqlite3_column_text (stmt, 21);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->source_id = sqlite3_column_int64 (stmt, 1);
  self->source_name = dup_text (stmt, 2);
  self->remote_id = dup_text (stmt, 3);
  self->thread_of = sqlite3_column_int64 (stmt, 4);
  self->message_id = dup_text (stmt, 5);
  self->in_reply_to = dup_text (stmt, 6);
  self->refs = dup_text (stmt, 7);
  self->title = dup_text (stmt, 8);
  self->reporter = dup_text (stmt, 9);
  self->reporter_address = dup_text (stmt, 10);
  self->received = sqlite3_column_int64 (stmt, 11);
  self->body = dup_text (stmt, 12);
  self->body_truncated = sqlite3_column_int (stmt, 13) != 0;
  self->html_only = sqlite3_column_int (stmt, 14) != 0;
  self->unread = sqlite3_column_int (stmt, 15) != 0;
  self->withdrawn = sqlite3_column_int (stmt, 16) != 0;
  if (!flaw_report_status_from_string (status, &self->status))
    self->status = FLAW_REPORT_STATUS_NEW;
  if (!flaw_close_reason_from_string (reason, &self->close_reason))
    self->close_reason = FLAW_CLOSE_REASON_NONE;
  self->close_note = dup_text (stmt, 19);
  self->duplicate_of = sqlite3_column_int64 (stmt, 20);
  if (!flaw_severity_from_string (severity, &self->severity))
    self->severity = FLAW_SEVERITY_UNSET;
  self->cvss_vector = dup_text (stmt, 22);
  self->cvss_score = sqlite3_column_type (stmt, 23) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 23);
  self->cwe = dup_text (stmt, 24);
  self->component = dup_text (stmt, 25);
  self->affected_versions = dup_text (stmt, 26);
  self->fixed_version = dup_text (stmt, 27);
  self->cve = dup_text (stmt, 28);
  self->credit = dup_text (stmt, 29);
  self->root_cause = dup_text (stmt, 30);
  self->introduced_in = dup_text (stmt, 31);
  self->regression_test = dup_text (stmt, 32);
  self->acknowledged_time = sqlite3_column_int64 (stmt, 33);
  self->triaged_time = sqlite3_column_int64 (stmt, 34);
  self->fixed_time = sqlite3_column_int64 (stmt, 35);
  self->disclosed_time = sqlite3_column_int64 (stmt, 36);
  self->closed_time = sqlite3_column_int64 (stmt, 37);
  self->updated = sqlite3_column_int64 (stmt, 38);

  return self;
}

static gboolean
step_done (FlawDatabase  *database,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

FlawReportQuery *
flaw_report_query_new (const FlawTriagePolicy *policy)
{
  FlawReportQuery *query = g_new0 (FlawReportQuery, 1);

  if (policy != NULL)
    query->policy = *policy;
  else
    flaw_triage_policy_init_default (&query->policy);

  return query;
}

void
flaw_report_query_free (FlawReportQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->search);
  g_free (query);
}

FlawReportRequest *
flaw_report_request_new (gint64                  report_id,
                         const FlawTriagePolicy *policy)
{
  FlawReportRequest *request = g_new0 (FlawReportRequest, 1);

  request->report_id = report_id;
  if (policy != NULL)
    request->policy = *policy;
  else
    flaw_triage_policy_init_default (&request->policy);

  return request;
}

void
flaw_report_request_free (FlawReportRequest *request)
{
  g_free (request);
}

void
flaw_attachment_free (FlawAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->blob_id);
  g_free (attachment->name);
  g_free (attachment->type);
  g_free (attachment->downloaded_path);
  g_free (attachment);
}

void
flaw_report_details_free (FlawReportDetails *details)
{
  if (details == NULL)
    return;

  g_clear_object (&details->report);
  g_clear_pointer (&details->followups, g_ptr_array_unref);
  g_clear_pointer (&details->attachments, g_ptr_array_unref);
  g_clear_pointer (&details->debt_ids, g_array_unref);
  g_clear_pointer (&details->events, g_ptr_array_unref);
  g_free (details);
}

/**
 * flaw_report_store_make_fts_query:
 * @text: (nullable): what the user typed
 *
 * Turns free text into a safe FTS5 query: every run of letters and digits
 * becomes a quoted prefix term ("word"*), all of which must match. Quotes,
 * operators (AND, OR, NOT, NEAR), column filters, parentheses and stars in
 * @text are never passed to FTS5 as syntax.
 *
 * Returns: (nullable): the query, or %NULL when @text has no word in it
 */
char *
flaw_report_store_make_fts_query (const char *text)
{
  g_autoptr(GString) query = NULL;
  g_autoptr(GString) word = NULL;
  guint n_words = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  query = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Combining marks belong to the word, as in FTS5's unicode61. */
      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      /* Bound the work a pasted essay can cause. */
      if (word->len > 0 && n_words < 32)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          n_words++;
        }
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * _flaw_report_store_table_exists:
 *
 * Whether @table exists, so that queries can include tables another
 * feature's migration adds (the debt register) once they are there.
 */
gboolean
_flaw_report_store_table_exists (FlawDatabase  *database,
                                 const char    *table,
                                 gboolean      *exists,
                                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  sqlite3_reset (stmt);

  if (rc < 0)
    return FALSE;

  *exists = rc == SQLITE_ROW;

  return TRUE;
}

/**
 * _flaw_report_store_get:
 *
 * Returns: (transfer full): the report (root or follow-up) with its full
 *   body and no deadline computed, or %NULL with
 *   %FLAW_REPORT_STORE_ERROR_NOT_FOUND
 */
FlawReport *
_flaw_report_store_get (FlawDatabase  *database,
                        gint64         report_id,
                        GError       **error)
{
  g_autoptr(FlawReport) report = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT " FULL_COLUMNS ", "
                                "(SELECT count(*) FROM report AS f WHERE f.thread_of = r.id) "
                                "FROM report AS r LEFT JOIN source AS s ON s.id = r.source_id "
                                "WHERE r.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, report_id);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      report = report_from_row (stmt);
      report->n_followups = sqlite3_column_int (stmt, N_REPORT_COLUMNS);
    }
  sqlite3_reset (stmt);

  if (rc < 0)
    return NULL;

  if (report == NULL)
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_FOUND,
                   _("There is no report %" PRId64 "."), report_id);
      return NULL;
    }

  return g_steal_pointer (&report);
}

/**
 * _flaw_report_store_log_change:
 *
 * Appends an event for @report_id's @field when the value changed.
 */
gboolean
_flaw_report_store_log_change (FlawDatabase  *database,
                               gint64         report_id,
                               const char    *field,
                               const char    *old_value,
                               const char    *new_value,
                               GError       **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  return flaw_database_append_event (database, "report", report_id, field,
                                     old_value, new_value, error);
}

static gboolean
matches_mask (guint mask,
              guint value)
{
  return mask == 0 || (mask & (1u << value)) != 0;
}

/**
 * flaw_report_store_list:
 * @query: a #FlawReportQuery
 *
 * Lists root reports, newest first, with their number of follow-ups,
 * the unread mark (set when the report or any follow-up is unread) and the
 * next deadline. A listed report's body holds at most the first 500
 * characters; flaw_report_store_load() gives all of it.
 *
 * Returns: (transfer full): a #GListStore of #FlawReport
 */
gpointer
flaw_report_store_list (FlawDatabase  *database,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FlawReportQuery *query = data;
  g_autoptr(GListStore) reports = g_list_store_new (FLAW_TYPE_REPORT);
  g_autofree char *fts = NULL;
  gint64 now = flaw_clock_now ();
  sqlite3_stmt *stmt;
  int rc;

  fts = flaw_report_store_make_fts_query (query->search);

  if (!(stmt = flaw_database_prepare (database, LIST_SQL, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, query->source_id);
  if (fts != NULL)
    sqlite3_bind_text (stmt, 2, fts, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(FlawReport) report = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      report = report_from_row (stmt);

      report->n_followups = sqlite3_column_int (stmt, N_REPORT_COLUMNS);
      report->unread = sqlite3_column_int (stmt, N_REPORT_COLUMNS + 1) != 0;

      if (!matches_mask (query->status_mask, report->status) ||
          !matches_mask (query->severity_mask, report->severity))
        continue;

      flaw_report_update_deadline (report, &query->policy, now);

      if (!matches_mask (query->due_mask, report->due_state))
        continue;

      g_list_store_append (reports, report);
    }

  if (!step_done (database, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&reports);
}

static gboolean
load_followups (FlawDatabase       *database,
                FlawReportDetails  *details,
                GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT " FULL_COLUMNS " "
                                "FROM report AS r LEFT JOIN source AS s ON s.id = r.source_id "
                                "WHERE r.thread_of = ? ORDER BY r.received, r.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_report_get_id (details->report));

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (details->followups, report_from_row (stmt));

  return step_done (database, stmt, rc, error);
}

static gboolean
load_attachments (FlawDatabase       *database,
                  FlawReportDetails  *details,
                  GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT a.id, a.report_id, a.blob_id, a.name, a.type, a.size, "
                                "a.downloaded_path FROM attachment AS a JOIN report AS r "
                                "ON r.id = a.report_id WHERE r.id = ?1 OR r.thread_of = ?1 "
                                "ORDER BY r.received, r.id, a.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_report_get_id (details->report));

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      FlawAttachment *attachment = g_new0 (FlawAttachment, 1);

      attachment->id = sqlite3_column_int64 (stmt, 0);
      attachment->report_id = sqlite3_column_int64 (stmt, 1);
      attachment->blob_id = dup_text (stmt, 2);
      attachment->name = dup_text (stmt, 3);
      attachment->type = dup_text (stmt, 4);
      attachment->size = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
      attachment->downloaded_path = dup_text (stmt, 6);
      g_ptr_array_add (details->attachments, attachment);
    }

  return step_done (database, stmt, rc, error);
}

static gboolean
load_debt_ids (FlawDatabase       *database,
               FlawReportDetails  *details,
               GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT to_id FROM link WHERE from_entity = 'report' "
                                "AND from_id = ? AND to_entity = 'debt' ORDER BY to_id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_report_get_id (details->report));

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (details->debt_ids, id);
    }

  return step_done (database, stmt, rc, error);
}

/**
 * flaw_report_store_load:
 * @request: a #FlawReportRequest naming the report
 *
 * Loads a report with its follow-ups (oldest first), attachments, linked
 * debt items and history. Asked for a follow-up, it loads the follow-up's
 * root report.
 *
 * Returns: (transfer full): a #FlawReportDetails
 */
gpointer
flaw_report_store_load (FlawDatabase  *database,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FlawReportRequest *request = data;
  g_autoptr(FlawReportDetails) details = g_new0 (FlawReportDetails, 1);
  g_autoptr(FlawReport) report = NULL;

  if (!(report = _flaw_report_store_get (database, request->report_id, error)))
    return NULL;

  if (!flaw_report_is_root (report))
    {
      gint64 root = flaw_report_get_thread_of (report);

      g_clear_object (&report);
      if (!(report = _flaw_report_store_get (database, root, error)))
        return NULL;
    }

  details->report = g_steal_pointer (&report);
  details->followups = g_ptr_array_new_with_free_func (g_object_unref);
  details->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_attachment_free);
  details->debt_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!load_followups (database, details, error) ||
      !load_attachments (database, details, error) ||
      !load_debt_ids (database, details, error))
    return NULL;

  for (guint i = 0; i < details->followups->len; i++)
    if (flaw_report_get_unread (g_ptr_array_index (details->followups, i)))
      details->report->unread = TRUE;

  if (!(details->events = flaw_database_list_events (database, "report",
                                                     flaw_report_get_id (details->report),
                                                     error)))
    return NULL;

  flaw_report_update_deadline (details->report, &request->policy, flaw_clock_now ());

  return g_steal_pointer (&details);
}

/**
 * flaw_report_store_set_unread:
 * @request: a #FlawReportRequest with the report and #FlawReportRequest.unread
 *
 * Marks a root report and all its follow-ups read or unread (a follow-up:
 * only itself), with one event per row that changed.
 *
 * Returns: GINT_TO_POINTER (TRUE), or %NULL with @error set
 */
gpointer
flaw_report_store_set_unread (FlawDatabase  *database,
                              gpointer       data,
                              GCancellable  *cancellable,
                              GError       **error)
{
  FlawReportRequest *request = data;
  const char *new_value = request->unread ? "1" : "0";
  const char *old_value = request->unread ? "0" : "1";
  g_autoptr(FlawReport) report = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(report = _flaw_report_store_get (database, request->report_id, error)))
    return NULL;

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "UPDATE report SET unread = ?1, updated = ?2 "
                                "WHERE (id = ?3 OR thread_of = ?3) AND unread != ?1 RETURNING id",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int (stmt, 1, request->unread ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, flaw_clock_now ());
  sqlite3_bind_int64 (stmt, 3, request->report_id);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (changed, id);
    }

  if (!step_done (database, stmt, rc, error))
    goto fail;

  for (guint i = 0; i < changed->len; i++)
    if (!_flaw_report_store_log_change (database, g_array_index (changed, gint64, i),
                                        "unread", old_value, new_value, error))
      goto fail;

  if (!flaw_database_commit (database, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  flaw_database_rollback (database);
  return NULL;
}
