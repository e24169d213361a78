/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-debt-store.h"

G_BEGIN_DECLS

#define FLAW_TYPE_DECISION_DIALOG (flaw_decision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FlawDecisionDialog, flaw_decision_dialog, FLAW, DECISION_DIALOG, AdwMessageDialog)

const char         *flaw_decision_get_action_label     (FlawDebtStatus      from,
                                                        FlawDebtStatus      to);
FlawDecisionDialog *flaw_decision_dialog_new           (GtkWindow          *parent,
                                                        FlawDebtItem       *item,
                                                        FlawDebtStatus      to,
                                                        guint               review_period_days);
FlawDebtStatus      flaw_decision_dialog_get_target    (FlawDecisionDialog *self);
void                flaw_decision_dialog_get_decision  (FlawDecisionDialog *self,
                                                        FlawDebtDecision   *decision);
GtkWidget          *flaw_decision_dialog_get_field     (FlawDecisionDialog *self,
                                                        const char         *field);
const char         *flaw_decision_dialog_get_message   (FlawDecisionDialog *self,
                                                        const char         *field);

G_END_DECLS
