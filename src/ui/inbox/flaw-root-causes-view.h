/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_ROOT_CAUSES_VIEW (flaw_root_causes_view_get_type ())

G_DECLARE_FINAL_TYPE (FlawRootCausesView, flaw_root_causes_view, FLAW, ROOT_CAUSES_VIEW, GtkWidget)

GtkWidget *flaw_root_causes_view_new        (FlawContext        *context);
void       flaw_root_causes_view_reload     (FlawRootCausesView *self);
guint      flaw_root_causes_view_get_n_rows (FlawRootCausesView *self);

G_END_DECLS
