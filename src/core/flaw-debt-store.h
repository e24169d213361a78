/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"
#include "flaw-debt-item.h"
#include "flaw-store.h"

G_BEGIN_DECLS

/*
 * Storage of the security debt register.
 *
 * flaw_debt_db_*() run on the database thread, inside a FlawStoreFunc (the
 * CLI and tests call them through flaw_store_run()). The flaw_debt_*_async()
 * wrappers queue them on a FlawStore for the GUI; results arrive on the
 * caller's main context. After a write has finished, the caller emits
 * flaw_store_notify_changed (store, "debt").
 *
 * Every write appends to the event log in the same transaction (entity
 * "debt"): a create one event with a snapshot of the new item (field
 * %FLAW_DEBT_EVENT_ITEM, see flaw-debt-history.h); an update one event per
 * changed field (field = column name, values as text as
 * flaw_debt_item_dup_field() gives them, links as a JSON array); a delete
 * or restore one "deleted" event. The history of an item is
 * flaw_database_list_events (db, "debt", id), newest first;
 * flaw_debt_event_dup_text() says what each entry means.
 * Deleted items are kept (for Undo) and left out of every list, search
 * result, count and report until restored.
 */

typedef struct
{
  char *id;
  char *name;
} FlawDebtCategory;

/**
 * FlawDebtDecision:
 * @rationale: (nullable): for accepted; %NULL keeps the item's
 * @compensating_controls: (nullable): for accepted; %NULL keeps the item's
 * @review_date: (nullable): for accepted, "YYYY-MM-DD" after today; %NULL
 *   means today + @review_period_days
 * @review_period_days: the Preferences' review period, used when
 *   @review_date is %NULL
 * @target_date: (nullable): for scheduled; %NULL keeps the item's
 * @wont_fix_reason: (nullable): for wont_fix; %NULL keeps the item's
 * @approver: (nullable): who took the decision; %NULL keeps the item's
 *
 * What a decision needs, passed to flaw_debt_db_transition().
 */
typedef struct
{
  const char *rationale;
  const char *compensating_controls;
  const char *review_date;
  guint       review_period_days;
  const char *target_date;
  const char *wont_fix_reason;
  const char *approver;
} FlawDebtDecision;

/* One point of the cost-over-time chart. */
typedef struct
{
  gint64 time;
  double cost;       /* total cost at @time of the items open at @time */
  double principal;  /* their total principal */
  guint  n_open;
} FlawDebtCostPoint;

void           flaw_debt_category_free          (FlawDebtCategory       *category);
char          *flaw_debt_build_match_query      (const char             *text);

/* On the database thread. */
GPtrArray     *flaw_debt_db_list                (FlawDatabase           *db,
                                                 GError                **error);
FlawDebtItem  *flaw_debt_db_load                (FlawDatabase           *db,
                                                 gint64                  id,
                                                 GError                **error);
GPtrArray     *flaw_debt_db_load_many           (FlawDatabase           *db,
                                                 GArray                 *ids,
                                                 GError                **error);
GPtrArray     *flaw_debt_db_list_categories     (FlawDatabase           *db,
                                                 GError                **error);
char         **flaw_debt_db_dup_category_ids    (FlawDatabase           *db,
                                                 GError                **error);
gint64         flaw_debt_db_create              (FlawDatabase           *db,
                                                 FlawDebtItem           *item,
                                                 GError                **error);
gboolean       flaw_debt_db_create_many         (FlawDatabase           *db,
                                                 GPtrArray              *items,
                                                 GError                **error);
gboolean       flaw_debt_db_update              (FlawDatabase           *db,
                                                 FlawDebtItem           *item,
                                                 GError                **error);
gboolean       flaw_debt_db_transition          (FlawDatabase           *db,
                                                 gint64                  id,
                                                 FlawDebtStatus          to,
                                                 const FlawDebtDecision *decision,
                                                 GError                **error);
gboolean       flaw_debt_db_delete              (FlawDatabase           *db,
                                                 gint64                  id,
                                                 GError                **error);
gboolean       flaw_debt_db_restore             (FlawDatabase           *db,
                                                 gint64                  id,
                                                 GError                **error);
GArray        *flaw_debt_db_search              (FlawDatabase           *db,
                                                 const char             *text,
                                                 GError                **error);
GPtrArray     *flaw_debt_db_list_review_due     (FlawDatabase           *db,
                                                 const char             *today,
                                                 GError                **error);
GArray        *flaw_debt_db_cost_series         (FlawDatabase           *db,
                                                 gint64                  from,
                                                 gint64                  to,
                                                 guint                   n_points,
                                                 GError                **error);
GArray        *flaw_debt_db_cost_series_for     (FlawDatabase           *db,
                                                 GArray                 *ids,
                                                 gint64                  from,
                                                 gint64                  to,
                                                 guint                   n_points,
                                                 GError                **error);

/* From the main thread, through the store. */
void           flaw_debt_list_async             (FlawStore              *store,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray     *flaw_debt_list_finish            (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_load_async             (FlawStore              *store,
                                                 gint64                  id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
FlawDebtItem  *flaw_debt_load_finish            (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_save_async             (FlawStore              *store,
                                                 FlawDebtItem           *draft,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
FlawDebtItem  *flaw_debt_save_finish            (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_transition_async       (FlawStore              *store,
                                                 gint64                  id,
                                                 FlawDebtStatus          to,
                                                 const FlawDebtDecision *decision,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
FlawDebtItem  *flaw_debt_transition_finish      (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_delete_async           (FlawStore              *store,
                                                 gint64                  id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean       flaw_debt_delete_finish          (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_restore_async          (FlawStore              *store,
                                                 gint64                  id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
FlawDebtItem  *flaw_debt_restore_finish         (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_search_async           (FlawStore              *store,
                                                 const char             *text,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GArray        *flaw_debt_search_finish          (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_list_events_async      (FlawStore              *store,
                                                 gint64                  id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray     *flaw_debt_list_events_finish     (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_list_categories_async  (FlawStore              *store,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray     *flaw_debt_list_categories_finish (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_list_review_due_async  (FlawStore              *store,
                                                 const char             *today,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray     *flaw_debt_list_review_due_finish (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void           flaw_debt_cost_series_async      (FlawStore              *store,
                                                 gint64                  from,
                                                 gint64                  to,
                                                 guint                   n_points,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GArray        *flaw_debt_cost_series_finish     (FlawStore              *store,
                                                 GAsyncResult           *result,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDebtCategory, flaw_debt_category_free)

G_END_DECLS
