/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_PREFERENCES_WINDOW (flaw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FlawPreferencesWindow, flaw_preferences_window, FLAW, PREFERENCES_WINDOW, AdwPreferencesWindow)

FlawPreferencesWindow *flaw_preferences_window_new (FlawContext *context);

G_END_DECLS
