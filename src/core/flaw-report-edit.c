/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "flaw-clock.h"
#include "flaw-cvss.h"
#include "flaw-report-private.h"
#include "flaw-report-store.h"
#include "flaw-triage.h"

/* Editing the triage fields of a report: FlawReportEdit and the
 * flaw_report_store_update() job. */

struct _FlawReportEdit
{
  gint64  report_id;
  guint   set_mask;
  char   *values[FLAW_REPORT_N_FIELDS];
};

static const char *field_names[FLAW_REPORT_N_FIELDS] = {
  [FLAW_REPORT_FIELD_SEVERITY] = "severity",
  [FLAW_REPORT_FIELD_CVSS_VECTOR] = "cvss_vector",
  [FLAW_REPORT_FIELD_CWE] = "cwe",
  [FLAW_REPORT_FIELD_COMPONENT] = "component",
  [FLAW_REPORT_FIELD_AFFECTED_VERSIONS] = "affected_versions",
  [FLAW_REPORT_FIELD_FIXED_VERSION] = "fixed_version",
  [FLAW_REPORT_FIELD_CVE] = "cve",
  [FLAW_REPORT_FIELD_CREDIT] = "credit",
  [FLAW_REPORT_FIELD_ROOT_CAUSE] = "root_cause",
  [FLAW_REPORT_FIELD_INTRODUCED_IN] = "introduced_in",
  [FLAW_REPORT_FIELD_REGRESSION_TEST] = "regression_test",
  [FLAW_REPORT_FIELD_CLOSE_NOTE] = "close_note",
  [FLAW_REPORT_FIELD_DUPLICATE_OF] = "duplicate_of",
};

#define UPDATE_SQL(column) "UPDATE report SET " column " = ?1, updated = ?2 WHERE id = ?3"

/* Column names cannot be parameters, so each field has its own statement. */
static const char *update_sql[FLAW_REPORT_N_FIELDS] = {
  [FLAW_REPORT_FIELD_SEVERITY] = UPDATE_SQL ("severity"),
  [FLAW_REPORT_FIELD_CVSS_VECTOR] = UPDATE_SQL ("cvss_vector"),
  [FLAW_REPORT_FIELD_CWE] = UPDATE_SQL ("cwe"),
  [FLAW_REPORT_FIELD_COMPONENT] = UPDATE_SQL ("component"),
  [FLAW_REPORT_FIELD_AFFECTED_VERSIONS] = UPDATE_SQL ("affected_versions"),
  [FLAW_REPORT_FIELD_FIXED_VERSION] = UPDATE_SQL ("fixed_version"),
  [FLAW_REPORT_FIELD_CVE] = UPDATE_SQL ("cve"),
  [FLAW_REPORT_FIELD_CREDIT] = UPDATE_SQL ("credit"),
  [FLAW_REPORT_FIELD_ROOT_CAUSE] = UPDATE_SQL ("root_cause"),
  [FLAW_REPORT_FIELD_INTRODUCED_IN] = UPDATE_SQL ("introduced_in"),
  [FLAW_REPORT_FIELD_REGRESSION_TEST] = UPDATE_SQL ("regression_test"),
  [FLAW_REPORT_FIELD_CLOSE_NOTE] = UPDATE_SQL ("close_note"),
  [FLAW_REPORT_FIELD_DUPLICATE_OF] = UPDATE_SQL ("duplicate_of"),
};

FlawReportEdit *
flaw_report_edit_new (gint64 report_id)
{
  FlawReportEdit *edit = g_new0 (FlawReportEdit, 1);

  edit->report_id = report_id;

  return edit;
}

void
flaw_report_edit_free (FlawReportEdit *edit)
{
  if (edit == NULL)
    return;

  for (guint i = 0; i < FLAW_REPORT_N_FIELDS; i++)
    g_free (edit->values[i]);
  g_free (edit);
}

/**
 * flaw_report_edit_set:
 * @value: (nullable): the new value; %NULL or empty (after trimming)
 *   clears the field
 *
 * Severity takes a #FlawSeverity nick ("low" … "critical", "none", or
 * "unset"); a CVSS vector also sets the score and, unless the same edit
 * sets the severity, the severity; CWE and CVE ids are validated and
 * normalised; duplicate-of takes a report id.
 */
void
flaw_report_edit_set (FlawReportEdit  *edit,
                      FlawReportField  field,
                      const char      *value)
{
  g_autofree char *copy = NULL;

  g_return_if_fail (edit != NULL);
  g_return_if_fail (field < FLAW_REPORT_N_FIELDS);

  copy = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  g_free (edit->values[field]);
  edit->values[field] = copy != NULL && *copy != '\0' ? g_steal_pointer (&copy) : NULL;
  edit->set_mask |= 1u << field;
}

void
flaw_report_edit_set_duplicate_of (FlawReportEdit *edit,
                                   gint64          duplicate_of)
{
  g_autofree char *text = duplicate_of > 0 ? g_strdup_printf ("%" PRId64, duplicate_of) : NULL;

  flaw_report_edit_set (edit, FLAW_REPORT_FIELD_DUPLICATE_OF, text);
}

gboolean
flaw_report_edit_is_empty (FlawReportEdit *edit)
{
  g_return_val_if_fail (edit != NULL, TRUE);

  return edit->set_mask == 0;
}

/**
 * flaw_report_field_to_string:
 *
 * Returns: the field's column name, also used as the event log's field
 */
const char *
flaw_report_field_to_string (FlawReportField field)
{
  g_return_val_if_fail (field < FLAW_REPORT_N_FIELDS, NULL);

  return field_names[field];
}

/**
 * flaw_report_field_from_string:
 * @text: a column name ("root_cause") or the same with dashes ("root-cause")
 */
gboolean
flaw_report_field_from_string (const char      *text,
                               FlawReportField *field)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (field != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  name = g_strdelimit (g_strdup (text), "-", '_');

  for (guint i = 0; i < FLAW_REPORT_N_FIELDS; i++)
    {
      if (g_str_equal (name, field_names[i]))
        {
          *field = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
current_value (FlawReport      *report,
               FlawReportField  field,
               char           **scratch)
{
  switch (field)
    {
    case FLAW_REPORT_FIELD_SEVERITY:
      return report->severity == FLAW_SEVERITY_UNSET ? NULL : flaw_severity_to_string (report->severity);
    case FLAW_REPORT_FIELD_CVSS_VECTOR: return report->cvss_vector;
    case FLAW_REPORT_FIELD_CWE: return report->cwe;
    case FLAW_REPORT_FIELD_COMPONENT: return report->component;
    case FLAW_REPORT_FIELD_AFFECTED_VERSIONS: return report->affected_versions;
    case FLAW_REPORT_FIELD_FIXED_VERSION: return report->fixed_version;
    case FLAW_REPORT_FIELD_CVE: return report->cve;
    case FLAW_REPORT_FIELD_CREDIT: return report->credit;
    case FLAW_REPORT_FIELD_ROOT_CAUSE: return report->root_cause;
    case FLAW_REPORT_FIELD_INTRODUCED_IN: return report->introduced_in;
    case FLAW_REPORT_FIELD_REGRESSION_TEST: return report->regression_test;
    case FLAW_REPORT_FIELD_CLOSE_NOTE: return report->close_note;
    case FLAW_REPORT_FIELD_DUPLICATE_OF:
      if (report->duplicate_of == 0)
        return NULL;
      *scratch = g_strdup_printf ("%" PRId64, report->duplicate_of);
      return *scratch;
    case FLAW_REPORT_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_required (FlawReport  *report,
              const char  *what,
              GError     **error)
{
  g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_REQUIRED,
               _("Report %" PRId64 " is %s, which needs %s; it cannot be cleared."),
               report->id, flaw_report_status_get_label (report->status), what);
  return FALSE;
}

/* Checks and normalises the edit's values; on success values[] hold what
 * goes into the database, and the CVSS score to store is in *score. */
static gboolean
validate_edit (FlawDatabase    *database,
               FlawReport      *report,
               FlawReportEdit  *edit,
               double          *score,
               GError         **error)
{
  gboolean fixed = report->status == FLAW_REPORT_STATUS_FIXED ||
                   report->status == FLAW_REPORT_STATUS_DISCLOSED;
  gboolean set[FLAW_REPORT_N_FIELDS];
  char **values = edit->values;

  for (guint i = 0; i < FLAW_REPORT_N_FIELDS; i++)
    set[i] = (edit->set_mask & (1u << i)) != 0;

  *score = report->cvss_score;

  if (set[FLAW_REPORT_FIELD_SEVERITY] && values[FLAW_REPORT_FIELD_SEVERITY] != NULL)
    {
      FlawSeverity severity;

      if (!flaw_severity_from_string (values[FLAW_REPORT_FIELD_SEVERITY], &severity))
        {
          g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_INVALID_VALUE,
                       _("“%s” is not a severity; use none, low, medium, high or critical."),
                       values[FLAW_REPORT_FIELD_SEVERITY]);
          return FALSE;
        }

      g_clear_pointer (&values[FLAW_REPORT_FIELD_SEVERITY], g_free);
      if (severity != FLAW_SEVERITY_UNSET)
        values[FLAW_REPORT_FIELD_SEVERITY] = g_strdup (flaw_severity_to_string (severity));
    }

  if (set[FLAW_REPORT_FIELD_CVSS_VECTOR])
    {
      if (values[FLAW_REPORT_FIELD_CVSS_VECTOR] != NULL)
        {
          g_autoptr(FlawCvss) cvss = flaw_cvss_parse (values[FLAW_REPORT_FIELD_CVSS_VECTOR], error);

          if (cvss == NULL)
            return FALSE;

          g_free (values[FLAW_REPORT_FIELD_CVSS_VECTOR]);
          values[FLAW_REPORT_FIELD_CVSS_VECTOR] = flaw_cvss_to_string (cvss);
          *score = flaw_cvss_get_score (cvss);

          /* The vector rates the flaw unless the user chose by hand in the same edit. */
          if (!set[FLAW_REPORT_FIELD_SEVERITY])
            {
              values[FLAW_REPORT_FIELD_SEVERITY] =
                g_strdup (flaw_severity_to_string (flaw_cvss_severity_from_score (*score)));
              edit->set_mask |= 1u << FLAW_REPORT_FIELD_SEVERITY;
              set[FLAW_REPORT_FIELD_SEVERITY] = TRUE;
            }
        }
      else
        *score = -1.0;
    }

  if (set[FLAW_REPORT_FIELD_SEVERITY] && values[FLAW_REPORT_FIELD_SEVERITY] == NULL &&
      report->status >= FLAW_REPORT_STATUS_TRIAGED && report->status != FLAW_REPORT_STATUS_CLOSED)
    return set_required (report, _("a severity"), error);

  if (set[FLAW_REPORT_FIELD_CWE] && values[FLAW_REPORT_FIELD_CWE] != NULL)
    {
      char *cwe = flaw_cwe_parse (values[FLAW_REPORT_FIELD_CWE], error);

      if (cwe == NULL)
        return FALSE;
      g_free (values[FLAW_REPORT_FIELD_CWE]);
      values[FLAW_REPORT_FIELD_CWE] = cwe;
    }

  if (set[FLAW_REPORT_FIELD_CVE] && values[FLAW_REPORT_FIELD_CVE] != NULL)
    {
      char *cve = flaw_cve_parse (values[FLAW_REPORT_FIELD_CVE], error);

      if (cve == NULL)
        return FALSE;
      g_free (values[FLAW_REPORT_FIELD_CVE]);
      values[FLAW_REPORT_FIELD_CVE] = cve;
    }

  if (fixed && set[FLAW_REPORT_FIELD_ROOT_CAUSE] && values[FLAW_REPORT_FIELD_ROOT_CAUSE] == NULL)
    return set_required (report, _("a root cause"), error);

  if (fixed && set[FLAW_REPORT_FIELD_REGRESSION_TEST] && values[FLAW_REPORT_FIELD_REGRESSION_TEST] == NULL)
    return set_required (report, _("the regression test that guards the flaw"), error);

  if (set[FLAW_REPORT_FIELD_CLOSE_NOTE] && values[FLAW_REPORT_FIELD_CLOSE_NOTE] == NULL &&
      report->status == FLAW_REPORT_STATUS_CLOSED &&
      report->close_reason != FLAW_CLOSE_REASON_DUPLICATE)
    return set_required (report, _("a reason note"), error);

  if (set[FLAW_REPORT_FIELD_DUPLICATE_OF])
    {
      const char *text = values[FLAW_REPORT_FIELD_DUPLICATE_OF];
      guint64 target = 0;

      if (report->status != FLAW_REPORT_STATUS_CLOSED ||
          report->close_reason != FLAW_CLOSE_REASON_DUPLICATE)
        {
          g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_INVALID_VALUE,
                       _("Report %" PRId64 " is not closed as a duplicate; close it as "
                         "a duplicate to say which report it duplicates."),
                       report->id);
          return FALSE;
        }

      if (text == NULL)
        return set_required (report, _("the report it duplicates"), error);

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &target, NULL))
        {
          g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_INVALID_VALUE,
                       _("“%s” is not a report number."), text);
          return FALSE;
        }

      if (!_flaw_triage_check_duplicate (database, report->id, (gint64) target, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * flaw_report_store_update:
 * @edit: a #FlawReportEdit
 *
 * Changes triage fields of a root report in one transaction, with one
 * event per changed field. Nothing changes when any value is invalid.
 *
 * Returns: GINT_TO_POINTER (TRUE), or %NULL with @error set
 */
gpointer
flaw_report_store_update (FlawDatabase  *database,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FlawReportEdit *edit = data;
  g_autoptr(FlawReport) report = NULL;
  gint64 now = flaw_clock_now ();
  double score;

  if (!(report = _flaw_report_store_get (database, edit->report_id, error)))
    return NULL;

  if (!flaw_report_is_root (report))
    {
      g_set_error (error, FLAW_REPORT_STORE_ERROR, FLAW_REPORT_STORE_ERROR_NOT_ROOT,
                   _("Report %" PRId64 " is a follow-up to report %" PRId64
                     "; triage the report it follows up."),
                   report->id, report->thread_of);
      return NULL;
    }

  if (!validate_edit (database, report, edit, &score, error))
    return NULL;

  if (!flaw_database_begin (database, error))
    return NULL;

  for (guint i = 0; i < FLAW_REPORT_N_FIELDS; i++)
    {
      g_autofree char *scratch = NULL;
      const char *old_value;
      const char *new_value = edit->values[i];
      sqlite3_stmt *stmt;

      if ((edit->set_mask & (1u << i)) == 0)
        continue;

      old_value = current_value (report, i, &scratch);
      if (g_strcmp0 (old_value, new_value) == 0)
        continue;

      if (!(stmt = flaw_database_prepare (database, update_sql[i], error)))
        goto fail;

      if (new_value == NULL)
        sqlite3_bind_null (stmt, 1);
      else if (i == FLAW_REPORT_FIELD_DUPLICATE_OF)
        sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (new_value, NULL, 10));
      else
        sqlite3_bind_text (stmt, 1, new_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, report->id);

      if (!flaw_database_execute (database, stmt, error) ||
          !_flaw_report_store_log_change (database, report->id, field_names[i],
                                          old_value, new_value, error))
        goto fail;
    }

  if (score != report->cvss_score)
    {
      g_autofree char *old_score = report->cvss_score >= 0 ? g_strdup_printf ("%.1f", report->cvss_score) : NULL;
      g_autofree char *new_score = score >= 0 ? g_strdup_printf ("%.1f", score) : NULL;
      sqlite3_stmt *stmt = flaw_database_prepare (database, UPDATE_SQL ("cvss_score"), error);

      if (stmt == NULL)
        goto fail;

      if (score >= 0)
        sqlite3_bind_double (stmt, 1, score);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, report->id);

      if (!flaw_database_execute (database, stmt, error) ||
          !_flaw_report_store_log_change (database, report->id, "cvss_score",
                                          old_score, new_score, error))
        goto fail;
    }

  if (!flaw_database_commit (database, error))
    goto fail;

  return GINT_TO_POINTER (TRUE);

fail:
  flaw_database_rollback (database);
  return NULL;
}
