/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FLAW_TYPE_VALIDATOR_DIALOG (flaw_validator_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FlawValidatorDialog, flaw_validator_dialog, FLAW, VALIDATOR_DIALOG, AdwWindow)

FlawValidatorDialog *flaw_validator_dialog_new          (GtkWindow           *parent);
void                 flaw_validator_dialog_check_text   (FlawValidatorDialog *self,
                                                         const char          *text);
guint                flaw_validator_dialog_count_errors (FlawValidatorDialog *self);

G_END_DECLS
