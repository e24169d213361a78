/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-database.h"
#include "flaw-debt-item.h"
#include "flaw-osv-store.h"

G_BEGIN_DECLS

int           flaw_osv_impact_for_severity  (const char              *severity_json,
                                             double                  *score);
FlawDebtItem *flaw_osv_debt_draft_new       (const FlawOsvAffecting  *affecting,
                                             const char              *ecosystem,
                                             const char              *name,
                                             const char              *version);

/* Database-thread functions: call them inside a FlawStoreFunc. */
gint64        flaw_osv_debt_create_linked   (FlawDatabase            *database,
                                             FlawDebtItem            *draft,
                                             gint64                   vulnerability_id,
                                             GError                 **error);
gboolean      flaw_osv_store_link_debt      (FlawDatabase            *database,
                                             gint64                   vulnerability_id,
                                             gint64                   debt_id,
                                             GError                 **error);

G_END_DECLS
