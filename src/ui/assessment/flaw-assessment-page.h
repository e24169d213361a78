/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_ASSESSMENT_PAGE (flaw_assessment_page_get_type ())

G_DECLARE_FINAL_TYPE (FlawAssessmentPage, flaw_assessment_page, FLAW, ASSESSMENT_PAGE, AdwBin)

GtkWidget *flaw_assessment_page_new (FlawContext *context);

G_END_DECLS
