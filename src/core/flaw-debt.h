/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A security debt item: a shortcut with a security impact taken to ship.
 *
 * Units and formats, used everywhere (database, CSV, JSON, CLI):
 * - likelihood and impact are whole numbers 1–5; risk = likelihood × impact
 *   (1–25), banded by flaw_debt_severity_for_risk();
 * - principal is person-days to fix now, interest is person-days added per
 *   month the item stays open; both ≥ 0;
 * - review_date and target_date are calendar dates "YYYY-MM-DD";
 * - created, updated and deleted are Unix seconds (UTC);
 * - optional text is %NULL, never "".
 *
 * Decisions (status) and the moves between them, checked by
 * flaw_debt_status_can_move():
 *
 *   proposed    → accepted, scheduled, wont_fix
 *   accepted    → accepted (re-review with a new review date), scheduled,
 *                 in_progress, wont_fix
 *   scheduled   → accepted (postponed), in_progress, wont_fix
 *   in_progress → scheduled (paused), paid_off, wont_fix
 *   paid_off    → proposed (reopened: the debt came back)
 *   wont_fix    → proposed (reopened)
 *
 * An accepted item needs a rationale, compensating controls and a review
 * date; a scheduled one a target date; a won't-fix one a reason. An item is
 * open unless it is paid off, won't fix, or deleted.
 */

#define FLAW_DEBT_ERROR (flaw_debt_error_quark ())

typedef enum
{
  FLAW_DEBT_ERROR_INVALID,            /* a field's value is not acceptable */
  FLAW_DEBT_ERROR_ILLEGAL_TRANSITION, /* the decision cannot move that way */
  FLAW_DEBT_ERROR_NOT_FOUND,          /* no such item (or it was deleted) */
  FLAW_DEBT_ERROR_PARSE,              /* an import file cannot be read */
  FLAW_DEBT_ERROR_IMPORT,             /* an import has row errors; nothing was written */
} FlawDebtError;

typedef enum
{
  FLAW_DEBT_STATUS_PROPOSED,
  FLAW_DEBT_STATUS_ACCEPTED,
  FLAW_DEBT_STATUS_SCHEDULED,
  FLAW_DEBT_STATUS_IN_PROGRESS,
  FLAW_DEBT_STATUS_PAID_OFF,
  FLAW_DEBT_STATUS_WONT_FIX,
} FlawDebtStatus;

#define FLAW_DEBT_N_STATUSES (FLAW_DEBT_STATUS_WONT_FIX + 1)

typedef enum
{
  FLAW_DEBT_SEVERITY_LOW,      /* risk 1–4 */
  FLAW_DEBT_SEVERITY_MEDIUM,   /* risk 5–9 */
  FLAW_DEBT_SEVERITY_HIGH,     /* risk 10–15 */
  FLAW_DEBT_SEVERITY_CRITICAL, /* risk 16–25 */
} FlawDebtSeverity;

#define FLAW_DEBT_N_SEVERITIES (FLAW_DEBT_SEVERITY_CRITICAL + 1)

/* The columns of the register's list; see flaw_debt_item_compare(). */
typedef enum
{
  FLAW_DEBT_SORT_TITLE,
  FLAW_DEBT_SORT_SEVERITY,
  FLAW_DEBT_SORT_RISK,
  FLAW_DEBT_SORT_STATUS,
  FLAW_DEBT_SORT_OWNER,
  FLAW_DEBT_SORT_COMPONENT,
  FLAW_DEBT_SORT_COST,
  FLAW_DEBT_SORT_REVIEW_DATE,
} FlawDebtSortKey;

#define FLAW_DEBT_N_SORT_KEYS (FLAW_DEBT_SORT_REVIEW_DATE + 1)

/* Limits, checked by flaw_debt_item_validate() and named in its messages. */
#define FLAW_DEBT_MAX_TITLE_CHARS  500
#define FLAW_DEBT_MAX_SHORT_CHARS  1000      /* component, owner, approver */
#define FLAW_DEBT_MAX_TEXT_BYTES   1048576   /* 1 MiB: description, rationale, … */
#define FLAW_DEBT_MAX_LINKS        50
#define FLAW_DEBT_MAX_LINK_CHARS   2048

/* Average days per month, for interest. */
#define FLAW_DEBT_DAYS_PER_MONTH   30.4375

/**
 * FlawDebtProblem:
 * @line: the physical line of an import file (1-based), or 0
 * @field: the column name of the field at fault ("likelihood"), or %NULL
 *   for a problem with the whole row or file
 * @message: a sentence a user can act on
 *
 * One problem found by validation or import.
 */
typedef struct
{
  guint  line;
  char  *field;
  char  *message;
} FlawDebtProblem;

GQuark            flaw_debt_error_quark              (void);

/* Enumerations and their stable names ("in_progress", "critical"). */
const char       *flaw_debt_status_to_string         (FlawDebtStatus    status);
gboolean          flaw_debt_status_from_string       (const char       *text,
                                                      FlawDebtStatus   *status);
const char       *flaw_debt_status_get_label         (FlawDebtStatus    status);
gboolean          flaw_debt_status_is_open           (FlawDebtStatus    status);
gboolean          flaw_debt_status_can_move          (FlawDebtStatus    from,
                                                      FlawDebtStatus    to);
const char       *flaw_debt_severity_to_string       (FlawDebtSeverity  severity);
gboolean          flaw_debt_severity_from_string     (const char       *text,
                                                      FlawDebtSeverity *severity);
const char       *flaw_debt_severity_get_label       (FlawDebtSeverity  severity);
FlawDebtSeverity  flaw_debt_severity_for_risk        (int               risk);
const char       *flaw_debt_category_get_label       (const char       *id,
                                                      const char       *name);

/* Arithmetic, shared by the item, the summary, reports and the chart. */
double            flaw_debt_months_between           (gint64            from,
                                                      gint64            to);
double            flaw_debt_cost_at                  (double            principal,
                                                      double            interest,
                                                      gint64            created,
                                                      gint64            now);
char             *flaw_debt_today                    (void);
char             *flaw_debt_date_add_days            (const char       *date,
                                                      int               days);
gboolean          flaw_debt_date_is_valid            (const char       *date);
char             *flaw_debt_format_number            (double            value);

FlawDebtProblem  *flaw_debt_problem_new              (guint             line,
                                                      const char       *field,
                                                      const char       *message);
void              flaw_debt_problem_free             (FlawDebtProblem  *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDebtProblem, flaw_debt_problem_free)

G_END_DECLS
