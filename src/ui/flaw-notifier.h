/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-store.h"
#include "flaw-sync-service.h"

G_BEGIN_DECLS

/* More new reports than this in one sync run make one summary notification. */
#define FLAW_NOTIFIER_MAX_SINGLE 3

#define FLAW_TYPE_NOTIFIER (flaw_notifier_get_type ())

G_DECLARE_FINAL_TYPE (FlawNotifier, flaw_notifier, FLAW, NOTIFIER, GObject)

FlawNotifier *flaw_notifier_new (GApplication    *application,
                                 FlawStore       *store,
                                 FlawSyncService *sync_service);

G_END_DECLS
