/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_DEPS_VIEW (flaw_deps_view_get_type ())

G_DECLARE_FINAL_TYPE (FlawDepsView, flaw_deps_view, FLAW, DEPS_VIEW, AdwBin)

FlawDepsView *flaw_deps_view_new          (FlawContext  *context);
GtkWindow    *flaw_deps_view_new_window   (FlawContext  *context,
                                           GtkWindow    *parent);
void          flaw_deps_view_import_file  (FlawDepsView *self,
                                           GFile        *file);
GListModel   *flaw_deps_view_get_model    (FlawDepsView *self);
void          flaw_deps_view_show_component (FlawDepsView *self,
                                             guint         position);
gboolean      flaw_deps_view_get_busy     (FlawDepsView *self);

GNotification *flaw_deps_view_new_notification (guint n_new);

G_END_DECLS
