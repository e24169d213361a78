/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-debt-item.h"

G_BEGIN_DECLS

struct _FlawDebtItem
{
  GObject         parent_instance;

  gint64          id;
  char           *title;
  char           *description;
  char           *category;
  char           *component;
  char           *cwe;
  char           *owner;
  char           *approver;
  char          **links;
  int             likelihood;
  int             impact;
  double          principal;
  double          interest;
  FlawDebtStatus  status;
  char           *rationale;
  char           *compensating_controls;
  char           *review_date;
  char           *target_date;
  char           *wont_fix_reason;
  gint64          created;
  gint64          updated;
  gint64          deleted;

  /* Computed once per item so that sorting 100,000 rows stays cheap. */
  double          cost_today;
  char           *title_key;
  char           *owner_key;
  char           *component_key;

  guint           is_full : 1;
};

/* A row as read from the database; strings are borrowed. */
typedef struct
{
  gint64          id;
  const char     *title;
  const char     *description;
  const char     *category;
  const char     *component;
  const char     *cwe;
  const char     *owner;
  const char     *approver;
  const char     *links_json;
  int             likelihood;
  int             impact;
  double          principal;
  double          interest;
  const char     *status;
  const char     *rationale;
  const char     *compensating_controls;
  const char     *review_date;
  const char     *target_date;
  const char     *wont_fix_reason;
  gint64          created;
  gint64          updated;
  gint64          deleted;
  gboolean        is_full;
} FlawDebtRow;

FlawDebtItem *_flaw_debt_item_new_from_row (const FlawDebtRow *row,
                                            gint64             now);
char         *_flaw_debt_item_dup_event_value (FlawDebtItem   *self,
                                               const char     *field);
char         *_flaw_debt_item_dup_snapshot    (FlawDebtItem   *self);

/* For the store, which fills items on the database thread without
 * notifications, and for the importer. */
void   _flaw_debt_item_set_times   (FlawDebtItem *self,
                                    gint64        created,
                                    gint64        updated,
                                    gint64        deleted);
void   _flaw_debt_item_set_is_full (FlawDebtItem *self,
                                    gboolean      is_full);
void   _flaw_debt_item_take_links  (FlawDebtItem *self,
                                    char        **links);
void   _flaw_debt_item_normalize (FlawDebtItem *self);
void   _flaw_debt_item_prepare     (FlawDebtItem *self,
                                    gint64        now);
char  *_flaw_debt_links_to_json    (const char * const *links);
char **_flaw_debt_links_from_json  (const char   *json);

G_END_DECLS
