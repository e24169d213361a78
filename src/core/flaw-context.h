/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-store.h"

G_BEGIN_DECLS

#define FLAW_TYPE_CONTEXT (flaw_context_get_type ())

G_DECLARE_FINAL_TYPE (FlawContext, flaw_context, FLAW, CONTEXT, GObject)

FlawContext *flaw_context_new                   (FlawStore   *store,
                                                 GSettings   *settings);
FlawContext *flaw_context_new_with_sync_service (FlawStore   *store,
                                                 GSettings   *settings,
                                                 GObject     *sync_service);
FlawStore   *flaw_context_get_store             (FlawContext *self);
GSettings   *flaw_context_get_settings          (FlawContext *self);
GObject     *flaw_context_get_sync_service      (FlawContext *self);
char        *flaw_context_dup_actor             (FlawContext *self);

G_END_DECLS
