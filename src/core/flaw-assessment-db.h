/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-assessment.h"
#include "flaw-database.h"

G_BEGIN_DECLS

/* The fields of a debt item suggested for a weak answer. Creating the item
 * is the register's job; flaw_assessment_db_link_debt() then links it. */
typedef struct
{
  char *title;
  char *description;
  char *category;
  char *owner;
  char *source;
  int   likelihood;
  int   impact;
} FlawDebtDraft;

void            flaw_debt_draft_free                (FlawDebtDraft  *draft);

FlawChecklist  *flaw_assessment_db_load_checklist   (FlawDatabase   *database,
                                                     const char     *checklist_id,
                                                     gint64          version,
                                                     GError        **error);
GPtrArray      *flaw_assessment_db_list_checklists  (FlawDatabase   *database,
                                                     GError        **error);
FlawChecklist  *flaw_assessment_db_import_checklist (FlawDatabase   *database,
                                                     const char     *json,
                                                     gssize          length,
                                                     GError        **error);

FlawAssessment *flaw_assessment_db_start            (FlawDatabase   *database,
                                                     const char     *team,
                                                     const char     *assessor,
                                                     const char     *date,
                                                     const char     *checklist_id,
                                                     gint64          checklist_version,
                                                     GError        **error);
FlawAssessment *flaw_assessment_db_get              (FlawDatabase   *database,
                                                     gint64          id,
                                                     GError        **error);
gboolean        flaw_assessment_db_find_unfinished  (FlawDatabase   *database,
                                                     const char     *team,
                                                     FlawAssessment **assessment,
                                                     GError        **error);
GPtrArray      *flaw_assessment_db_list             (FlawDatabase   *database,
                                                     const char     *team,
                                                     GError        **error);
GPtrArray      *flaw_assessment_db_list_answers     (FlawDatabase   *database,
                                                     gint64          id,
                                                     GError        **error);
gboolean        flaw_assessment_db_answer           (FlawDatabase   *database,
                                                     gint64          id,
                                                     const char     *item_id,
                                                     FlawRating      rating,
                                                     const char     *note,
                                                     const char * const *links,
                                                     GError        **error);
gboolean        flaw_assessment_db_complete         (FlawDatabase   *database,
                                                     gint64          id,
                                                     GError        **error);
gboolean        flaw_assessment_db_find_previous    (FlawDatabase   *database,
                                                     const FlawAssessment *assessment,
                                                     FlawAssessment **previous,
                                                     GError        **error);
FlawTrend      *flaw_assessment_db_load_trend       (FlawDatabase   *database,
                                                     const char     *team,
                                                     FlawChecklist  *checklist,
                                                     const FlawAssessment *until,
                                                     GError        **error);

FlawDebtDraft  *flaw_assessment_db_draft_debt       (FlawDatabase   *database,
                                                     gint64          id,
                                                     const char     *item_id,
                                                     GError        **error);
gboolean        flaw_assessment_db_link_debt        (FlawDatabase   *database,
                                                     gint64          id,
                                                     const char     *item_id,
                                                     gint64          debt_id,
                                                     GError        **error);
gint64          flaw_assessment_db_create_debt      (FlawDatabase   *database,
                                                     gint64          id,
                                                     const char     *item_id,
                                                     GError        **error);
GArray         *flaw_assessment_db_list_linked_debt (FlawDatabase   *database,
                                                     gint64          id,
                                                     const char     *item_id,
                                                     GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDebtDraft, flaw_debt_draft_free)

G_END_DECLS
