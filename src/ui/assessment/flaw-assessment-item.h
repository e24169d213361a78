/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "flaw-assessment.h"
#include "flaw-evidence.h"

G_BEGIN_DECLS

#define FLAW_TYPE_ASSESSMENT_ITEM (flaw_assessment_item_get_type ())

G_DECLARE_FINAL_TYPE (FlawAssessmentItem, flaw_assessment_item, FLAW, ASSESSMENT_ITEM, GtkWidget)

GtkWidget  *flaw_assessment_item_new          (const FlawChecklistItem *item,
                                               const FlawAnswer        *answer,
                                               const FlawEvidence      *evidence,
                                               gboolean                 frozen);
const char *flaw_assessment_item_get_item_id  (FlawAssessmentItem      *self);
FlawRating  flaw_assessment_item_get_rating   (FlawAssessmentItem      *self);
char       *flaw_assessment_item_dup_note     (FlawAssessmentItem      *self);
GStrv       flaw_assessment_item_dup_links    (FlawAssessmentItem      *self);
void        flaw_assessment_item_set_rating   (FlawAssessmentItem      *self,
                                               FlawRating               rating);
void        flaw_assessment_item_set_note     (FlawAssessmentItem      *self,
                                               const char              *note);
void        flaw_assessment_item_set_links    (FlawAssessmentItem      *self,
                                               const char              *links);
void        flaw_assessment_item_flush        (FlawAssessmentItem      *self);
void        flaw_assessment_item_set_status   (FlawAssessmentItem      *self,
                                               const char              *error_message);
void        flaw_assessment_item_set_debt_created (FlawAssessmentItem  *self,
                                               gint64                   debt_id);

G_END_DECLS
