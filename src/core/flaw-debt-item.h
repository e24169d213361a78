/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "flaw-debt.h"

G_BEGIN_DECLS

/*
 * FlawDebtItem: one item of the register, with a property for every field
 * (named as the columns, with "-" for "_": "review-date") and read-only
 * "risk", "severity" and "cost-today".
 *
 * Items of the list (flaw_debt_list_async()) are built on the database
 * thread without the long text fields, with their cost and sort keys
 * computed once; load the full item (flaw_debt_load_async()) to show or
 * edit it. An editor works on a draft: set fields from what was typed with
 * flaw_debt_item_set_field(), show flaw_debt_item_validate()'s problems
 * next to their fields, and save with flaw_debt_save_async().
 */

#define FLAW_TYPE_DEBT_ITEM (flaw_debt_item_get_type ())

G_DECLARE_FINAL_TYPE (FlawDebtItem, flaw_debt_item, FLAW, DEBT_ITEM, GObject)

FlawDebtItem     *flaw_debt_item_new                 (void);
FlawDebtItem     *flaw_debt_item_copy                (FlawDebtItem     *self);

gint64            flaw_debt_item_get_id              (FlawDebtItem     *self);
void              flaw_debt_item_set_id              (FlawDebtItem     *self,
                                                      gint64            id);
const char       *flaw_debt_item_get_title           (FlawDebtItem     *self);
void              flaw_debt_item_set_title           (FlawDebtItem     *self,
                                                      const char       *title);
const char       *flaw_debt_item_get_description     (FlawDebtItem     *self);
void              flaw_debt_item_set_description     (FlawDebtItem     *self,
                                                      const char       *description);
const char       *flaw_debt_item_get_category        (FlawDebtItem     *self);
void              flaw_debt_item_set_category        (FlawDebtItem     *self,
                                                      const char       *category);
const char       *flaw_debt_item_get_component       (FlawDebtItem     *self);
void              flaw_debt_item_set_component       (FlawDebtItem     *self,
                                                      const char       *component);
const char       *flaw_debt_item_get_cwe             (FlawDebtItem     *self);
void              flaw_debt_item_set_cwe             (FlawDebtItem     *self,
                                                      const char       *cwe);
const char       *flaw_debt_item_get_owner           (FlawDebtItem     *self);
void              flaw_debt_item_set_owner           (FlawDebtItem     *self,
                                                      const char       *owner);
const char       *flaw_debt_item_get_approver        (FlawDebtItem     *self);
void              flaw_debt_item_set_approver        (FlawDebtItem     *self,
                                                      const char       *approver);
const char * const *flaw_debt_item_get_links         (FlawDebtItem     *self);
void              flaw_debt_item_set_links           (FlawDebtItem     *self,
                                                      const char * const *links);
int               flaw_debt_item_get_likelihood      (FlawDebtItem     *self);
void              flaw_debt_item_set_likelihood      (FlawDebtItem     *self,
                                                      int               likelihood);
int               flaw_debt_item_get_impact          (FlawDebtItem     *self);
void              flaw_debt_item_set_impact          (FlawDebtItem     *self,
                                                      int               impact);
double            flaw_debt_item_get_principal       (FlawDebtItem     *self);
void              flaw_debt_item_set_principal       (FlawDebtItem     *self,
                                                      double            principal);
double            flaw_debt_item_get_interest        (FlawDebtItem     *self);
void              flaw_debt_item_set_interest        (FlawDebtItem     *self,
                                                      double            interest);
FlawDebtStatus    flaw_debt_item_get_status          (FlawDebtItem     *self);
void              flaw_debt_item_set_status          (FlawDebtItem     *self,
                                                      FlawDebtStatus    status);
const char       *flaw_debt_item_get_rationale       (FlawDebtItem     *self);
void              flaw_debt_item_set_rationale       (FlawDebtItem     *self,
                                                      const char       *rationale);
const char       *flaw_debt_item_get_compensating_controls (FlawDebtItem *self);
void              flaw_debt_item_set_compensating_controls (FlawDebtItem *self,
                                                            const char   *controls);
const char       *flaw_debt_item_get_review_date     (FlawDebtItem     *self);
void              flaw_debt_item_set_review_date     (FlawDebtItem     *self,
                                                      const char       *date);
const char       *flaw_debt_item_get_target_date     (FlawDebtItem     *self);
void              flaw_debt_item_set_target_date     (FlawDebtItem     *self,
                                                      const char       *date);
const char       *flaw_debt_item_get_wont_fix_reason (FlawDebtItem     *self);
void              flaw_debt_item_set_wont_fix_reason (FlawDebtItem     *self,
                                                      const char       *reason);
gint64            flaw_debt_item_get_created         (FlawDebtItem     *self);
void              flaw_debt_item_set_created         (FlawDebtItem     *self,
                                                      gint64            created);
gint64            flaw_debt_item_get_updated         (FlawDebtItem     *self);
gint64            flaw_debt_item_get_deleted         (FlawDebtItem     *self);
gboolean          flaw_debt_item_get_is_full         (FlawDebtItem     *self);

int               flaw_debt_item_get_risk            (FlawDebtItem     *self);
FlawDebtSeverity  flaw_debt_item_get_severity        (FlawDebtItem     *self);
gboolean          flaw_debt_item_is_open             (FlawDebtItem     *self);
gboolean          flaw_debt_item_is_review_due       (FlawDebtItem     *self,
                                                      const char       *today);
double            flaw_debt_item_get_cost_at         (FlawDebtItem     *self,
                                                      gint64            now);
double            flaw_debt_item_get_cost_today      (FlawDebtItem     *self);
void              flaw_debt_item_refresh_cost        (FlawDebtItem     *self,
                                                      gint64            now);

/* Fields by their column name, as text: import, the CLI and the editor. */
const char * const *flaw_debt_item_list_fields       (void);
gboolean          flaw_debt_item_is_field            (const char       *field);
const char       *flaw_debt_item_get_field_label     (const char       *field);
char             *flaw_debt_item_dup_field           (FlawDebtItem     *self,
                                                      const char       *field);
gboolean          flaw_debt_item_set_field           (FlawDebtItem     *self,
                                                      const char       *field,
                                                      const char       *text,
                                                      GError          **error);
GPtrArray        *flaw_debt_item_validate            (FlawDebtItem     *self,
                                                      const char * const *categories);
gboolean          flaw_debt_item_check               (FlawDebtItem     *self,
                                                      const char * const *categories,
                                                      GError          **error);

/* Sorting and filtering the list (GtkCustomSorter / GtkCustomFilter). */
int               flaw_debt_item_compare             (FlawDebtItem     *a,
                                                      FlawDebtItem     *b,
                                                      FlawDebtSortKey   key);
gboolean          flaw_debt_sort_key_from_string     (const char       *text,
                                                      FlawDebtSortKey  *key);
gboolean          flaw_debt_item_match_status        (FlawDebtItem     *self,
                                                      FlawDebtStatus    status);
gboolean          flaw_debt_item_match_severity      (FlawDebtItem     *self,
                                                      FlawDebtSeverity  severity);
gboolean          flaw_debt_item_match_owner         (FlawDebtItem     *self,
                                                      const char       *owner);
gboolean          flaw_debt_item_match_category      (FlawDebtItem     *self,
                                                      const char       *category);
gboolean          flaw_debt_ids_contain              (GArray           *ids,
                                                      gint64            id);

/**
 * FlawDebtSummary:
 *
 * What the summary strip and the reports show, over the items given to
 * flaw_debt_summary_compute(); everything but @n_items counts open items.
 */
typedef struct
{
  guint  n_items;
  guint  n_open;
  double total_principal;
  double total_cost;
  double interest_per_month;
  guint  by_severity[FLAW_DEBT_N_SEVERITIES];
  guint  n_review_due;
} FlawDebtSummary;

void              flaw_debt_summary_compute          (FlawDebtSummary  *summary,
                                                      GPtrArray        *items,
                                                      gint64            now,
                                                      const char       *today);

G_END_DECLS
