/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"

G_BEGIN_DECLS

/* A class recurs when it appears in at least this many periods of the
 * window: it came back after there was time to fix its cause. */
#define FLAW_ROOT_CAUSE_RECURRING_PERIODS 2

typedef enum
{
  FLAW_ROOT_CAUSE_PERIOD_MONTH,
  FLAW_ROOT_CAUSE_PERIOD_QUARTER,
} FlawRootCausePeriod;

typedef enum
{
  FLAW_ROOT_CAUSE_KIND_CWE,
  FLAW_ROOT_CAUSE_KIND_COMPONENT,
} FlawRootCauseKind;

/**
 * FlawRootCauseQuery:
 * @period: months or quarters
 * @n_periods: how many, ending with the current one; 0 for the last 12
 *   months or 4 quarters
 */
typedef struct
{
  FlawRootCausePeriod period;
  guint               n_periods;
} FlawRootCauseQuery;

/**
 * FlawRootCauseRow:
 * @kind: a CWE or a component
 * @key: the CWE id or the component's name (as first seen; components
 *   are grouped ignoring case and surrounding space)
 * @counts: (array length=n_periods): reports and debt items per period, oldest first
 * @n_reports: reports in the window
 * @n_debt: debt items in the window
 * @total: @n_reports + @n_debt
 * @n_periods_seen: periods with at least one
 * @recurring: @n_periods_seen ≥ %FLAW_ROOT_CAUSE_RECURRING_PERIODS
 */
typedef struct
{
  FlawRootCauseKind  kind;
  char              *key;
  guint             *counts;
  guint              n_reports;
  guint              n_debt;
  guint              total;
  guint              n_periods_seen;
  gboolean           recurring;
} FlawRootCauseRow;

/**
 * FlawRootCauseTable:
 * @period_starts: (array length=n_periods): each period's first second
 *   (local time); the window ends at @end
 * @period_labels: "2026-03" or "2026-Q1", one per period
 * @rows: (element-type FlawRootCauseRow): CWE rows, then component rows,
 *   each by total (most first), then name
 * @includes_debt: whether the database has a debt register that was counted
 */
typedef struct
{
  FlawRootCausePeriod  period;
  guint                n_periods;
  gint64              *period_starts;
  gint64               end;
  char               **period_labels;
  GPtrArray           *rows;
  gboolean             includes_debt;
} FlawRootCauseTable;

void      flaw_root_cause_table_free  (FlawRootCauseTable *table);

/* FlawStoreFunc: data is a FlawRootCauseQuery; returns a FlawRootCauseTable.
 * Counts root reports received in the window that are not closed (a
 * duplicate, spam or non-issue is no root cause), and debt items created
 * in it that are not deleted, once migration 0003 adds the debt table. */
gpointer  flaw_root_causes_count      (FlawDatabase       *database,
                                       gpointer            query,
                                       GCancellable       *cancellable,
                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawRootCauseTable, flaw_root_cause_table_free)

G_END_DECLS
