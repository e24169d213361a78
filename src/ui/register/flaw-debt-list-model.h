/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-debt-item.h"

G_BEGIN_DECLS

#define FLAW_TYPE_DEBT_LIST_MODEL (flaw_debt_list_model_get_type ())

G_DECLARE_FINAL_TYPE (FlawDebtListModel, flaw_debt_list_model, FLAW, DEBT_LIST_MODEL, GObject)

/* Whether an item passes the page's filters (status, severity, owner,
 * category); the search result is tested by the model itself. */
typedef gboolean (*FlawDebtListFilterFunc) (FlawDebtItem *item,
                                            gpointer      user_data);

FlawDebtListModel *flaw_debt_list_model_new            (void);

void               flaw_debt_list_model_set_items      (FlawDebtListModel      *self,
                                                        GPtrArray              *items);
GPtrArray         *flaw_debt_list_model_get_items      (FlawDebtListModel      *self);
guint              flaw_debt_list_model_get_n_all      (FlawDebtListModel      *self);

void               flaw_debt_list_model_set_sort       (FlawDebtListModel      *self,
                                                        int                     key,
                                                        gboolean                descending);
int                flaw_debt_list_model_get_sort_key   (FlawDebtListModel      *self);
gboolean           flaw_debt_list_model_get_descending (FlawDebtListModel      *self);

void               flaw_debt_list_model_set_filter_func (FlawDebtListModel     *self,
                                                         FlawDebtListFilterFunc func,
                                                         gpointer               user_data);
void               flaw_debt_list_model_set_search_ids (FlawDebtListModel      *self,
                                                        GArray                 *ids);
void               flaw_debt_list_model_refilter       (FlawDebtListModel      *self);

guint              flaw_debt_list_model_find_id        (FlawDebtListModel      *self,
                                                        gint64                  id);
FlawDebtItem      *flaw_debt_list_model_peek_item      (FlawDebtListModel      *self,
                                                        guint                   position);
void               flaw_debt_list_model_presort        (FlawDebtListModel      *self);
gboolean           flaw_debt_list_model_is_sorted_by   (FlawDebtListModel      *self,
                                                        int                     key);

G_END_DECLS
