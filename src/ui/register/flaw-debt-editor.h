/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"
#include "flaw-debt-item.h"

G_BEGIN_DECLS

#define FLAW_TYPE_DEBT_EDITOR (flaw_debt_editor_get_type ())

G_DECLARE_FINAL_TYPE (FlawDebtEditor, flaw_debt_editor, FLAW, DEBT_EDITOR, AdwWindow)

FlawDebtEditor *flaw_debt_editor_new                (FlawContext    *context,
                                                     FlawDebtItem   *item,
                                                     GPtrArray      *categories);
FlawDebtItem   *flaw_debt_editor_get_item           (FlawDebtEditor *self);
gboolean        flaw_debt_editor_get_modified       (FlawDebtEditor *self);
void            flaw_debt_editor_save               (FlawDebtEditor *self);
GtkWidget      *flaw_debt_editor_get_field_widget   (FlawDebtEditor *self,
                                                     const char     *field);
const char     *flaw_debt_editor_get_field_message  (FlawDebtEditor *self,
                                                     const char     *field);
const char     *flaw_debt_editor_get_error          (FlawDebtEditor *self);
GtkWidget      *flaw_debt_editor_get_decision_button (FlawDebtEditor *self,
                                                     FlawDebtStatus  to);
guint           flaw_debt_editor_get_n_history_rows (FlawDebtEditor *self);
guint           flaw_debt_editor_get_n_links        (FlawDebtEditor *self);
char           *flaw_debt_editor_dup_history_row    (FlawDebtEditor *self,
                                                     guint           index);

G_END_DECLS
