/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-assessment-db.h"
#include "flaw-debt.h"

G_BEGIN_DECLS

typedef enum
{
  FLAW_REPORT_MARKDOWN,
  FLAW_REPORT_HTML,
  FLAW_REPORT_PDF,
} FlawReportFormat;

/* A debt item created from (or linked to) the answer to a checklist item. */
typedef struct
{
  char             *item_id;
  gint64            debt_id;
  char             *title;
  FlawDebtSeverity  severity;
  FlawDebtStatus    status;
} FlawLinkedDebt;

/* Everything a report of one completed assessment shows. */
typedef struct
{
  FlawAssessment *assessment;
  FlawChecklist  *checklist;
  GPtrArray      *answers;
  FlawScorecard  *scorecard;
  GPtrArray      *evidence;
  FlawAssessment *previous;
  FlawScorecard  *previous_scorecard;
  FlawComparison *comparison;
  FlawTrend      *trend;
  GPtrArray      *linked_debt;  /* (element-type FlawLinkedDebt), in checklist order */
} FlawAssessmentReport;

gboolean              flaw_report_format_parse            (const char            *name,
                                                           FlawReportFormat      *format);

void                  flaw_linked_debt_free               (FlawLinkedDebt        *debt);
char                 *flaw_linked_debt_format             (const FlawLinkedDebt  *debt);

FlawAssessmentReport *flaw_assessment_report_load         (FlawDatabase          *database,
                                                           gint64                 id,
                                                           GError               **error);
void                  flaw_assessment_report_free         (FlawAssessmentReport  *report);

char                 *flaw_assessment_report_to_markdown  (FlawAssessmentReport  *report);
char                 *flaw_assessment_report_to_html      (FlawAssessmentReport  *report);
gboolean              flaw_assessment_report_write_pdf    (FlawAssessmentReport  *report,
                                                           const char            *path,
                                                           guint                 *n_pages,
                                                           GError               **error);
gboolean              flaw_assessment_report_export       (FlawAssessmentReport  *report,
                                                           FlawReportFormat       format,
                                                           const char            *path,
                                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawAssessmentReport, flaw_assessment_report_free)

G_END_DECLS
