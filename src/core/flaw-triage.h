/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"
#include "flaw-report-types.h"

G_BEGIN_DECLS

/*
 * The triage state machine. Forward:
 *
 *   new → acknowledged → triaged → fix-in-progress → fixed → disclosed
 *
 * Closing: new, acknowledged, triaged and fix-in-progress may be closed as
 * duplicate (of another root report that exists and is not itself closed
 * as a duplicate; reports that duplicated the closed one are re-pointed at
 * its original), not-applicable, informative or spam. Every reason but
 * duplicate needs a reason note. Fixed and disclosed reports cannot be
 * closed: the flaw was real.
 *
 * Backwards, only these:
 *   fix-in-progress → triaged    the fix was abandoned or postponed
 *   fixed → fix-in-progress      the fix turned out incomplete (fixed_time cleared)
 *   closed → new, acknowledged   reopen (close reason, note, duplicate-of and
 *                                closed_time cleared; the history keeps them)
 * Disclosed is final. No state may be skipped.
 *
 * Requirements: triaged needs a severity (by hand or from a CVSS vector);
 * fixed needs a root cause and the regression test that now guards the
 * flaw. Entering acknowledged, triaged, fixed, disclosed or closed records
 * the matching *_time from flaw_clock_now() (acknowledged_time and
 * triaged_time keep their first value).
 */

#define FLAW_TRIAGE_ERROR (flaw_triage_error_quark ())

typedef enum
{
  FLAW_TRIAGE_ERROR_ILLEGAL_MOVE,
  FLAW_TRIAGE_ERROR_MISSING_FIELD,
  FLAW_TRIAGE_ERROR_INVALID_DUPLICATE,
  FLAW_TRIAGE_ERROR_NOT_ROOT,
} FlawTriageError;

/**
 * FlawTriageMove:
 * @report_id: the root report
 * @status: the status to move to
 * @close_reason: when closing, why
 * @note: (nullable): when closing, the reason note
 * @duplicate_of: when closing as duplicate, the original report
 */
typedef struct
{
  gint64            report_id;
  FlawReportStatus  status;
  FlawCloseReason   close_reason;
  char             *note;
  gint64            duplicate_of;
} FlawTriageMove;

GQuark          flaw_triage_error_quark       (void);

FlawTriageMove *flaw_triage_move_new          (gint64             report_id,
                                               FlawReportStatus   status);
void            flaw_triage_move_free         (FlawTriageMove    *move);

gboolean        flaw_triage_can_move          (FlawReportStatus   from,
                                               FlawReportStatus   to);
gboolean        flaw_triage_check_move        (FlawReportStatus   from,
                                               FlawReportStatus   to,
                                               GError           **error);
guint           flaw_triage_list_moves        (FlawReportStatus   from,
                                               FlawReportStatus  *moves);

/* FlawStoreFunc: data is a FlawTriageMove; returns GINT_TO_POINTER (TRUE). */
gpointer        flaw_triage_move_report       (FlawDatabase      *database,
                                               gpointer           move,
                                               GCancellable      *cancellable,
                                               GError           **error);

gboolean        _flaw_triage_check_duplicate  (FlawDatabase      *database,
                                               gint64             report_id,
                                               gint64             duplicate_of,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawTriageMove, flaw_triage_move_free)

G_END_DECLS
