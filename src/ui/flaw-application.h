/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_APPLICATION (flaw_application_get_type ())

G_DECLARE_FINAL_TYPE (FlawApplication, flaw_application, FLAW, APPLICATION, AdwApplication)

FlawApplication *flaw_application_new         (void);
FlawContext     *flaw_application_get_context (FlawApplication *self);

G_END_DECLS
