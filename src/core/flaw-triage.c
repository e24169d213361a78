/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-triage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-clock.h"
#include "flaw-report-private.h"
#include "flaw-report-store.h"
#include "flaw-triage.h"

#define S(status) (1u << FLAW_REPORT_STATUS_##status)

/* The legal targets from each status; see flaw-triage.h. */
static const guint legal_moves[FLAW_REPORT_N_STATUSES] = {
  [FLAW_REPORT_STATUS_NEW] = S (ACKNOWLEDGED) | S (CLOSED),
  [FLAW_REPORT_STATUS_ACKNOWLEDGED] = S (TRIAGED) | S (CLOSED),
  [FLAW_REPORT_STATUS_TRIAGED] = S (FIX_IN_PROGRESS) | S (CLOSED),
  [FLAW_REPORT_STATUS_FIX_IN_PROGRESS] = S (FIXED) | S (TRIAGED) | S (CLOSED),
  [FLAW_REPORT_STATUS_FIXED] = S (DISCLOSED) | S (FIX_IN_PROGRESS),
  [FLAW_REPORT_STATUS_DISCLOSED] = 0,
  [FLAW_REPORT_STATUS_CLOSED] = S (NEW) | S (ACKNOWLEDGED),
};

#undef S

G_DEFINE_QUARK (flaw-triage-error-quark, flaw_triage_error)

FlawTriageMove *
flaw_triage_move_new (gint64           report_id,
                      FlawReportStatus status)
{
  FlawTriageMove *move = g_new0 (FlawTriageMove, 1);

  move->report_id = report_id;
  move->status = status;

  return move;
}

void
flaw_triage_move_free (FlawTriageMove *move)
{
  if (move == NULL)
    return;

  g_free (move->note);
  g_free (move);
}

gboolean
flaw_triage_can_move (FlawReportStatus from,
                      FlawReportStatus to)
{
  g_return_val_if_fail (from < FLAW_REPORT_N_STATUSES, FALSE);
  g_return_val_if_fail (to < FLAW_REPORT_N_STATUSES, FALSE);

  return (legal_moves[from] & (1u << to)) != 0;
}

/**
 * flaw_triage_list_moves:
 * @moves: (out caller-allocates) (array fixed-size=7): the legal targets
 *
 * Returns: how many statuses were written to @moves
 */
guint
flaw_triage_list_moves (FlawReportStatus  from,
                        FlawReportStatus *moves)
{
  guint n = 0;

  g_return_val_if_fail (from < FLAW_REPORT_N_STATUSES, 0);

  for (guint to = 0; to < FLAW_REPORT_N_STATUSES; to++)
    if (flaw_triage_can_move (from, to))
      moves[n++] = to;

  return n;
}

/**
 * flaw_triage_check_move:
 *
 * Returns: %TRUE when @from → @to is legal, else %FALSE with
 *   %FLAW_TRIAGE_ERROR_ILLEGAL_MOVE naming both states and the legal moves
 */
gboolean
flaw_triage_check_move (FlawReportStatus   from,
                        FlawReportStatus   to,
                        GError           **error)
{
  FlawReportStatus moves[FLAW_REPORT_N_STATUSES];
  g_autoptr(GString) allowed = NULL;
  guint n;

  if (flaw_triage_can_move (from, to))
    return TRUE;

  n = flaw_triage_list_moves (from, moves);
  allowed = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (allowed, ", ");
      g_string_append_printf (allowed, "“%s”", flaw_report_status_get_label (moves[i]));
    }

  if (n == 0)
    g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE,
                 _("A report cannot move from “%s” to “%s”: “%s” is final."),
                 flaw_report_status_get_label (from), flaw_report_status_get_label (to),
                 flaw_report_status_get_label (from));
  else
    g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE,
                 _("A report cannot move from “%s” to “%s”; from “%s” it can move to %s."),
                 flaw_report_status_get_label (from), flaw_report_status_get_label (to),
                 flaw_report_status_get_label (from), allowed->str);

  return FALSE;
}

static gboolean
invalid_duplicate (GError     **error,
                   const char  *format,
                   ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid_duplicate (GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE, message);

  return FALSE;
}

/**
 * _flaw_triage_check_duplicate:
 *
 * Checks that @report_id may be a duplicate of @duplicate_of: another root
 * report that exists and is not itself closed as a duplicate. Since no
 * report may point at a report closed as a duplicate, duplicate links
 * never form chains, let alone cycles.
 */
gboolean
_flaw_triage_check_duplicate (FlawDatabase  *database,
                              gint64         report_id,
                              gint64         duplicate_of,
                              GError       **error)
{
  g_autoptr(FlawReport) target = NULL;
  g_autoptr(GError) local_error = NULL;

  if (duplicate_of <= 0)
    return invalid_duplicate (error, _("Say which report report %" PRId64
                                       " duplicates."), report_id);

  if (duplicate_of == report_id)
    return invalid_duplicate (error, _("Report %" PRId64 " cannot be a duplicate "
                                       "of itself."), report_id);

  target = _flaw_report_store_get (database, duplicate_of, &local_error);
  if (target == NULL)
    {
      if (g_error_matches (local_error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_FOUND))
        return invalid_duplicate (error, _("Report %" PRId64 " cannot be a duplicate of "
                                           "report %" PRId64 ": there is no such report."),
                                  report_id, duplicate_of);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!flaw_report_is_root (target))
    return invalid_duplicate (error, _("Report %" PRId64 " is a follow-up to report %"
                                       PRId64 "; mark report %" PRId64
                                       " as a duplicate of report %" PRId64 " instead."),
                              duplicate_of, target->thread_of, report_id, target->thread_of);

  if (target->status == FLAW_REPORT_STATUS_CLOSED &&
      target->close_reason == FLAW_CLOSE_REASON_DUPLICATE)
    {
      if (target->duplicate_of == report_id)
        return invalid_duplicate (error, _("Report %" PRId64 " is closed as a duplicate of "
                                           "report %" PRId64 "; the two cannot be duplicates "
                                           "of each other."),
                                  duplicate_of, report_id);

      return invalid_duplicate (error, _("Report %" PRId64 " is itself closed as a duplicate "
                                         "of report %" PRId64 "; mark report %" PRId64
                                         " as a duplicate of report %" PRId64 " instead."),
                                duplicate_of, target->duplicate_of, report_id, target->duplicate_of);
    }

  return TRUE;
}

static gboolean
missing_field (FlawReport        *report,
               FlawReportStatus   to,
               const char        *what,
               GError           **error)
{
  g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_MISSING_FIELD,
               _("Report %" PRId64 " cannot move to “%s” without %s."),
               report->id, flaw_report_status_get_label (to), what);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
check_requirements (FlawDatabase    *database,
                    FlawReport      *report,
                    FlawTriageMove  *move,
                    GError         **error)
{
  if (move->status != FLAW_REPORT_STATUS_CLOSED &&
      (move->close_reason != FLAW_CLOSE_REASON_NONE || move->duplicate_of != 0 || move->note != NULL))
    {
      g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE,
                   _("A reason, a note or a duplicate only go with closing a report, not with "
                     "moving it to “%s”."),
                   flaw_report_status_get_label (move->status));
      return FALSE;
    }

  switch (move->status)
    {
    case FLAW_REPORT_STATUS_TRIAGED:
      if (report->severity == FLAW_SEVERITY_UNSET)
        return missing_field (report, move->status, _("a severity; rate it by hand or give a CVSS vector"),
                              error);
      break;

    case FLAW_REPORT_STATUS_FIXED:
      if (is_blank (report->root_cause))
        return missing_field (report, move->status, _("a root cause"), error);
      if (is_blank (report->regression_test))
        return missing_field (report, move->status,
                              _("the regression test that now guards the flaw, so that "
                                "findings feed back into testing"),
                              error);
      break;

    case FLAW_REPORT_STATUS_CLOSED:
      if (move->close_reason == FLAW_CLOSE_REASON_NONE)
        return missing_field (report, move->status,
                              _("a reason: duplicate, not-applicable, informative or spam"), error);
      if (move->close_reason == FLAW_CLOSE_REASON_DUPLICATE)
        return _flaw_triage_check_duplicate (database, report->id, move->duplicate_of, error);
      if (move->duplicate_of != 0)
        {
          g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_INVALID_DUPLICATE,
                       _("Only a report closed as a duplicate names the report it duplicates."));
          return FALSE;
        }
      if (is_blank (move->note))
        return missing_field (report, move->status, _("a note giving the reason"), error);
      break;

    case FLAW_REPORT_STATUS_NEW:
    case FLAW_REPORT_STATUS_ACKNOWLEDGED:
    case FLAW_REPORT_STATUS_FIX_IN_PROGRESS:
    case FLAW_REPORT_STATUS_DISCLOSED:
    default:
      break;
    }

  return TRUE;
}

static char *
time_text (gint64 value)
{
  return value != 0 ? g_strdup_printf ("%" PRId64, value) : NULL;
}

static void
bind_time (sqlite3_stmt *stmt,
           int           column,
           gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, column, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

typedef struct
{
  FlawReportStatus status;
  FlawCloseReason  close_reason;
  const char      *close_note;
  gint64           duplicate_of;
  gint64           times[5];
} Row;

enum { T_ACKNOWLEDGED, T_TRIAGED, T_FIXED, T_DISCLOSED, T_CLOSED };

static const char *time_columns[] = {
  "acknowledged_time", "triaged_time", "fixed_time", "disclosed_time", "closed_time",
};

static gboolean
log_row_changes (FlawDatabase  *database,
                 gint64         id,
                 const Row     *old,
                 const Row     *new,
                 GError       **error)
{
  g_autofree char *old_dup = time_text (old->duplicate_of);
  g_autofree char *new_dup = time_text (new->duplicate_of);
  const char *old_reason = old->close_reason != FLAW_CLOSE_REASON_NONE ? flaw_close_reason_to_string (old->close_reason) : NULL;
  const char *new_reason = new->close_reason != FLAW_CLOSE_REASON_NONE ? flaw_close_reason_to_string (new->close_reason) : NULL;

  if (!_flaw_report_store_log_change (database, id, "status",
                                      flaw_report_status_to_string (old->status),
                                      flaw_report_status_to_string (new->status), error) ||
      !_flaw_report_store_log_change (database, id, "close_reason", old_reason, new_reason, error) ||
      !_flaw_report_store_log_change (database, id, "close_note", old->close_note, new->close_note, error) ||
      !_flaw_report_store_log_change (database, id, "duplicate_of", old_dup, new_dup, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (time_columns); i++)
    {
      g_autofree char *old_time = time_text (old->times[i]);
      g_autofree char *new_time = time_text (new->times[i]);

      if (!_flaw_report_store_log_change (database, id, time_columns[i], old_time, new_time, error))
        return FALSE;
    }

  return TRUE;
}

/* Reports that duplicated @old_id now duplicate @new_id, so that nothing
 * points at a report closed as a duplicate. */
static gboolean
repoint_duplicates (FlawDatabase  *database,
                    gint64         old_id,
                    gint64         new_id,
                    gint64         now,
                    GError       **error)
{
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *old_text = time_text (old_id);
  g_autofree char *new_text = time_text (new_id);
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "UPDATE report SET duplicate_of = ?1, updated = ?2 "
                                "WHERE duplicate_of = ?3 AND status = 'closed' "
                                "AND close_reason = 'duplicate' RETURNING id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, new_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, old_id);

  while ((rc = flaw_database_step (database, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (moved, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < moved->len; i++)
    if (!_flaw_report_store_log_change (database, g_array_index (moved, gint64, i),
                                        "duplicate_of", old_text, new_text, error))
      return FALSE;

  return TRUE;
}

/**
 * flaw_triage_move_report:
 * @move: a #FlawTriageMove
 *
 * Moves a root report to another status, checking the move and its
 * requirements, recording the time columns, and appending one event per
 * changed column, all in one transaction.
 *
 * Returns: GINT_TO_POINTER (TRUE), or %NULL with @error set
 */
gpointer
flaw_triage_move_report (FlawDatabase  *database,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  FlawTriageMove *move = data;
  g_autoptr(FlawReport) report = NULL;
  g_autofree char *note = NULL;
  gint64 now = flaw_clock_now ();
  sqlite3_stmt *stmt;
  Row old, new;

  if (!(report = _flaw_report_store_get (database, move->report_id, error)))
    return NULL;

  if (!flaw_report_is_root (report))
    {
      g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_NOT_ROOT,
                   _("Report %" PRId64 " is a follow-up to report %" PRId64
                     "; triage the report it follows up."),
                   report->id, report->thread_of);
      return NULL;
    }

  if (report->status == move->status)
    {
      g_set_error (error, FLAW_TRIAGE_ERROR, FLAW_TRIAGE_ERROR_ILLEGAL_MOVE,
                   _("Report %" PRId64 " is already “%s”."),
                   report->id, flaw_report_status_get_label (report->status));
      return NULL;
    }

  if (!flaw_triage_check_move (report->status, move->status, error) ||
      !check_requirements (database, report, move, error))
    return NULL;

  old = (Row) {
    .status = report->status,
    .close_reason = report->close_reason,
    .close_note = report->close_note,
    .duplicate_of = report->duplicate_of,
    .times = { report->acknowledged_time, report->triaged_time, report->fixed_time,
               report->disclosed_time, report->closed_time },
  };
  new = old;
  new.status = move->status;

  switch (move->status)
    {
    case FLAW_REPORT_STATUS_NEW:
    case FLAW_REPORT_STATUS_ACKNOWLEDGED:
      if (old.status == FLAW_REPORT_STATUS_CLOSED)
        {
          new.close_reason = FLAW_CLOSE_REASON_NONE;
          new.close_note = NULL;
          new.duplicate_of = 0;
          new.times[T_CLOSED] = 0;
        }
      if (move->status == FLAW_REPORT_STATUS_ACKNOWLEDGED && new.times[T_ACKNOWLEDGED] == 0)
        new.times[T_ACKNOWLEDGED] = now;
      break;

    case FLAW_REPORT_STATUS_TRIAGED:
      if (new.times[T_TRIAGED] == 0)
        new.times[T_TRIAGED] = now;
      break;

    case FLAW_REPORT_STATUS_FIX_IN_PROGRESS:
      new.times[T_FIXED] = 0;
      break;

    case FLAW_REPORT_STATUS_FIXED:
      new.times[T_FIXED] = now;
      break;

    case FLAW_REPORT_STATUS_DISCLOSED:
      new.times[T_DISCLOSED] = now;
      break;

    case FLAW_REPORT_STATUS_CLOSED:
      note = is_blank (move->note) ? NULL : g_strstrip (g_strdup (move->note));
      new.close_reason = move->close_reason;
      new.close_note = note;
      new.duplicate_of = move->close_reason == FLAW_CLOSE_REASON_DUPLICATE ? move->duplicate_of : 0;
      new.times[T_CLOSED] = now;
      break;

    default:
      g_assert_not_reached ();
    }

  if (!flaw_database_begin (database, error))
    return NULL;

  stmt = flaw_database_prepare (database,
                                "UPDATE report SET status = ?1, close_reason = ?2, close_note = ?3, "
                                "duplicate_of = ?4, acknowledged_time = ?5, triaged_time = ?6, "
                                "fixed_time = ?7, disclosed_time = ?8, closed_time = ?9, "
                                "updated = ?10 WHERE id = ?11",
                                error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, flaw_report_status_to_string (new.status), -1, SQLITE_STATIC);
  bind_text (stmt, 2, new.close_reason != FLAW_CLOSE_REASON_NONE ? flaw_close_reason_to_string (new.close_reason) : NULL);
  bind_text (stmt, 3, new.close_note);
  bind_time (stmt, 4, new.duplicate_of);
  for (guint i = 0; i < G_N_ELEMENTS (new.times); i++)
    bind_time (stmt, 5 + i, new.times[i]);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int64 (stmt, 11, report->id);

  if (!flaw_database_execute (database, stmt, error) ||
      !log_row_changes (database, report->id, &old, &new, error))
    goto fail;

  if (new.close_reason == FLAW_CLOSE_REASON_DUPLICATE &&
      !repoint_duplicates (database, report->id, new.duplicate_of, now, error))
    goto fail;

  if (!flaw_database_commit (database, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  flaw_database_rollback (database);
  return NULL;
}
