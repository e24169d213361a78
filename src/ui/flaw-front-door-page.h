/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_FRONT_DOOR_PAGE (flaw_front_door_page_get_type ())

G_DECLARE_FINAL_TYPE (FlawFrontDoorPage, flaw_front_door_page, FLAW, FRONT_DOOR_PAGE, AdwPreferencesPage)

FlawFrontDoorPage *flaw_front_door_page_new                (FlawContext       *context);
char              *flaw_front_door_page_dup_generated_text (FlawFrontDoorPage *self);
gboolean           flaw_front_door_page_get_loaded         (FlawFrontDoorPage *self);
gboolean           flaw_front_door_page_get_saving         (FlawFrontDoorPage *self);

G_END_DECLS
