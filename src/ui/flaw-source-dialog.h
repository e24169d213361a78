/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_SOURCE_DIALOG (flaw_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FlawSourceDialog, flaw_source_dialog, FLAW, SOURCE_DIALOG, AdwWindow)

FlawSourceDialog *flaw_source_dialog_new      (FlawContext      *context,
                                               const char       *kind);
const char       *flaw_source_dialog_get_kind (FlawSourceDialog *self);
gboolean          flaw_source_dialog_validate (FlawSourceDialog *self,
                                               char            **config,
                                               GError          **error);

G_END_DECLS
