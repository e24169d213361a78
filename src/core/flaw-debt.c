/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "flaw-clock.h"
#include "flaw-debt-item.h"

G_DEFINE_QUARK (flaw-debt-error-quark, flaw_debt_error)

static const char * const status_names[] = {
  "proposed", "accepted", "scheduled", "in_progress", "paid_off", "wont_fix",
};

static const char * const status_labels[] = {
  N_("Proposed"), N_("Accepted"), N_("Scheduled"), N_("In progress"), N_("Paid off"), N_("Won’t fix"),
};

static const char * const severity_names[] = {
  "low", "medium", "high", "critical",
};

static const char * const severity_labels[] = {
  N_("Low"), N_("Medium"), N_("High"), N_("Critical"),
};

/* The seeded categories, so that their names can be translated. */
static const struct {
  const char *id;
  const char *label;
} category_labels[] = {
  { "access_permissions", N_("Access and permissions") },
  { "authentication", N_("Authentication") },
  { "secrets_cryptography", N_("Secrets and cryptography") },
  { "input_handling", N_("Input handling") },
  { "dependencies", N_("Dependencies") },
  { "configuration_deployment", N_("Configuration and deployment") },
  { "logging_monitoring", N_("Logging and monitoring") },
  { "design", N_("Design") },
  { "process", N_("Process") },
};

/* Rows are the current status, columns the next. */
static const gboolean moves[FLAW_DEBT_N_STATUSES][FLAW_DEBT_N_STATUSES] = {
  /*                 prop   acc    sched  inprog paid   wont */
  /* proposed */   { FALSE, TRUE,  TRUE,  FALSE, FALSE, TRUE  },
  /* accepted */   { FALSE, TRUE,  TRUE,  TRUE,  FALSE, TRUE  },
  /* scheduled */  { FALSE, TRUE,  FALSE, TRUE,  FALSE, TRUE  },
  /* in_progress */{ FALSE, FALSE, TRUE,  FALSE, TRUE,  TRUE  },
  /* paid_off */   { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE },
  /* wont_fix */   { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE },
};

/* Column names, in the order of CSV export. */
/* Enumerations ---------------------------------------------------------- */

const char *
flaw_debt_status_to_string (FlawDebtStatus status)
{
  g_return_val_if_fail (status < FLAW_DEBT_N_STATUSES, NULL);

  return status_names[status];
}

/**
 * flaw_debt_status_from_string:
 *
 * Reads a status name. Spreadsheet spellings are accepted too: any case,
 * spaces or dashes for "_", and "won't fix".
 */
gboolean
flaw_debt_status_from_string (const char     *text,
                              FlawDebtStatus *status)
{
  g_autoptr(GString) normal = NULL;

  if (text == NULL)
    return FALSE;

  normal = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '-')
        g_string_append_c (normal, '_');
      else if (*p == '\'')
        continue;
      else if (g_str_has_prefix (p, "’"))
        p += strlen ("’") - 1;
      else
        g_string_append_c (normal, g_ascii_tolower (*p));
    }

  for (guint i = 0; i < FLAW_DEBT_N_STATUSES; i++)
    {
      if (g_str_equal (normal->str, status_names[i]))
        {
          if (status != NULL)
            *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
flaw_debt_status_get_label (FlawDebtStatus status)
{
  g_return_val_if_fail (status < FLAW_DEBT_N_STATUSES, NULL);

  return _(status_labels[status]);
}

gboolean
flaw_debt_status_is_open (FlawDebtStatus status)
{
  return status != FLAW_DEBT_STATUS_PAID_OFF && status != FLAW_DEBT_STATUS_WONT_FIX;
}

/**
 * flaw_debt_status_can_move:
 *
 * Returns: whether a decision may go from @from to @to; see the table at
 *   the top of flaw-debt-item.h
 */
gboolean
flaw_debt_status_can_move (FlawDebtStatus from,
                           FlawDebtStatus to)
{
  if (from >= FLAW_DEBT_N_STATUSES || to >= FLAW_DEBT_N_STATUSES)
    return FALSE;

  return moves[from][to];
}

const char *
flaw_debt_severity_to_string (FlawDebtSeverity severity)
{
  g_return_val_if_fail (severity < FLAW_DEBT_N_SEVERITIES, NULL);

  return severity_names[severity];
}

gboolean
flaw_debt_severity_from_string (const char       *text,
                                FlawDebtSeverity *severity)
{
  for (guint i = 0; text != NULL && i < FLAW_DEBT_N_SEVERITIES; i++)
    {
      if (g_ascii_strcasecmp (text, severity_names[i]) == 0)
        {
          if (severity != NULL)
            *severity = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
flaw_debt_severity_get_label (FlawDebtSeverity severity)
{
  g_return_val_if_fail (severity < FLAW_DEBT_N_SEVERITIES, NULL);

  return _(severity_labels[severity]);
}

/**
 * flaw_debt_severity_for_risk:
 * @risk: likelihood × impact
 *
 * The one place the bands are defined: low 1–4, medium 5–9, high 10–15,
 * critical 16–25.
 */
FlawDebtSeverity
flaw_debt_severity_for_risk (int risk)
{
  if (risk >= 16)
    return FLAW_DEBT_SEVERITY_CRITICAL;
  if (risk >= 10)
    return FLAW_DEBT_SEVERITY_HIGH;
  if (risk >= 5)
    return FLAW_DEBT_SEVERITY_MEDIUM;

  return FLAW_DEBT_SEVERITY_LOW;
}

/**
 * flaw_debt_category_get_label:
 * @id: a category id ("input_handling")
 * @name: (nullable): its name in the database
 *
 * Returns: the translated name of a seeded category, or @name (or @id) for
 *   one added later
 */
const char *
flaw_debt_category_get_label (const char *id,
                              const char *name)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (category_labels); i++)
    if (g_str_equal (id, category_labels[i].id))
      return _(category_labels[i].label);

  return name != NULL ? name : id;
}

/* Arithmetic ------------------------------------------------------------ */

/**
 * flaw_debt_months_between:
 *
 * Returns: the months (of %FLAW_DEBT_DAYS_PER_MONTH days) from @from to
 *   @to, never negative
 */
double
flaw_debt_months_between (gint64 from,
                          gint64 to)
{
  if (to <= from)
    return 0.0;

  return (double) (to - from) / 86400.0 / FLAW_DEBT_DAYS_PER_MONTH;
}

/**
 * flaw_debt_cost_at:
 *
 * Returns: principal + interest × months from @created to @now
 */
double
flaw_debt_cost_at (double principal,
                   double interest,
                   gint64 created,
                   gint64 now)
{
  return principal + interest * flaw_debt_months_between (created, now);
}

/**
 * flaw_debt_today:
 *
 * Returns: (transfer full): the local calendar date of flaw_clock_now(),
 *   "YYYY-MM-DD"
 */
char *
flaw_debt_today (void)
{
  g_autoptr(GDateTime) now = flaw_clock_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
flaw_debt_date_is_valid (const char *date)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  year = atoi (date);
  month = atoi (date + 5);
  day = atoi (date + 8);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/**
 * flaw_debt_date_add_days:
 *
 * Returns: (transfer full) (nullable): @date moved by @days, or %NULL if
 *   @date is not a valid "YYYY-MM-DD"
 */
char *
flaw_debt_date_add_days (const char *date,
                         int         days)
{
  g_autoptr(GDate) d = NULL;
  char buffer[16];

  if (!flaw_debt_date_is_valid (date))
    return NULL;

  d = g_date_new_dmy (atoi (date + 8), atoi (date + 5), atoi (date));
  if (days >= 0)
    g_date_add_days (d, days);
  else
    g_date_subtract_days (d, -days);

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", d);

  return g_strdup (buffer);
}

/**
 * flaw_debt_format_number:
 *
 * Returns: (transfer full): the shortest text that reads back as exactly
 *   @value, with "." as decimal separator; whole numbers without an
 *   exponent ("20", not "2e+01")
 */
char *
flaw_debt_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == (double) (gint64) value && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  /* Any decimal of up to 15 significant digits survives a trip through a
   * double (DBL_DIG), so if 15 digits read back, %g without its trailing
   * zeros is the shortest text; else 16 or 17 digits do. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);

      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

FlawDebtProblem *
flaw_debt_problem_new (guint       line,
                       const char *field,
                       const char *message)
{
  FlawDebtProblem *problem = g_new0 (FlawDebtProblem, 1);

  problem->line = line;
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);

  return problem;
}

void
flaw_debt_problem_free (FlawDebtProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * flaw_debt_summary_compute:
 * @items: (element-type FlawDebtItem): the items to sum up, such as the
 *   current view; deleted items are skipped
 * @now: the time costs are computed for
 * @today: "YYYY-MM-DD", for review-due
 */
void
flaw_debt_summary_compute (FlawDebtSummary *summary,
                           GPtrArray       *items,
                           gint64           now,
                           const char      *today)
{
  g_return_if_fail (summary != NULL);
  g_return_if_fail (items != NULL);
  g_return_if_fail (today != NULL);

  memset (summary, 0, sizeof *summary);

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);

      if (flaw_debt_item_get_deleted (item) != 0)
        continue;

      summary->n_items++;

      if (!flaw_debt_item_is_open (item))
        continue;

      summary->n_open++;
      summary->total_principal += flaw_debt_item_get_principal (item);
      summary->total_cost += flaw_debt_item_get_cost_at (item, now);
      summary->interest_per_month += flaw_debt_item_get_interest (item);
      summary->by_severity[flaw_debt_item_get_severity (item)]++;

      if (flaw_debt_item_is_review_due (item, today))
        summary->n_review_due++;
    }
}
