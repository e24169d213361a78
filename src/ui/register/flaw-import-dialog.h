/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"
#include "flaw-debt-io.h"

G_BEGIN_DECLS

#define FLAW_TYPE_IMPORT_DIALOG (flaw_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FlawImportDialog, flaw_import_dialog, FLAW, IMPORT_DIALOG, AdwWindow)

FlawImportDialog *flaw_import_dialog_new             (FlawContext      *context,
                                                      GBytes           *data,
                                                      FlawDebtFormat    format,
                                                      const char       *file_name);
FlawDebtImport   *flaw_import_dialog_get_import      (FlawImportDialog *self);
gboolean          flaw_import_dialog_get_can_import  (FlawImportDialog *self);
gboolean          flaw_import_dialog_set_mapping     (FlawImportDialog *self,
                                                      guint             column,
                                                      const char       *field);
guint             flaw_import_dialog_get_n_previews  (FlawImportDialog *self);
gboolean          flaw_import_dialog_get_imported    (FlawImportDialog *self);

G_END_DECLS
