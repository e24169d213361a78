/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_REGISTER_PAGE (flaw_register_page_get_type ())

G_DECLARE_FINAL_TYPE (FlawRegisterPage, flaw_register_page, FLAW, REGISTER_PAGE, AdwBin)

GtkWidget *flaw_register_page_new          (FlawContext      *context);
void       flaw_register_page_focus_search (FlawRegisterPage *self);

G_END_DECLS
