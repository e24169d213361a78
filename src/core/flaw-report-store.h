/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"
#include "flaw-deadlines.h"
#include "flaw-report.h"

G_BEGIN_DECLS

/* Jobs on reports. Every flaw_report_store_*() function taking a
 * FlawDatabase is a #FlawStoreFunc: run it with flaw_store_run_async() (the
 * GUI) or flaw_store_run() (the CLI, tests), passing the matching data
 * struct; after a write call flaw_store_notify_changed (store, "report").
 */

#define FLAW_REPORT_STORE_ERROR (flaw_report_store_error_quark ())

typedef enum
{
  FLAW_REPORT_STORE_ERROR_NOT_FOUND,
  FLAW_REPORT_STORE_ERROR_NOT_ROOT,
  FLAW_REPORT_STORE_ERROR_INVALID_VALUE,
  FLAW_REPORT_STORE_ERROR_REQUIRED,
  FLAW_REPORT_STORE_ERROR_NO_DEBT_REGISTER,
  FLAW_REPORT_STORE_ERROR_DEBT_NOT_FOUND,
  FLAW_REPORT_STORE_ERROR_NOT_LINKED,
} FlawReportStoreError;

/* The triage fields flaw_report_store_update() can change. */
typedef enum
{
  FLAW_REPORT_FIELD_SEVERITY,
  FLAW_REPORT_FIELD_CVSS_VECTOR,
  FLAW_REPORT_FIELD_CWE,
  FLAW_REPORT_FIELD_COMPONENT,
  FLAW_REPORT_FIELD_AFFECTED_VERSIONS,
  FLAW_REPORT_FIELD_FIXED_VERSION,
  FLAW_REPORT_FIELD_CVE,
  FLAW_REPORT_FIELD_CREDIT,
  FLAW_REPORT_FIELD_ROOT_CAUSE,
  FLAW_REPORT_FIELD_INTRODUCED_IN,
  FLAW_REPORT_FIELD_REGRESSION_TEST,
  FLAW_REPORT_FIELD_CLOSE_NOTE,
  FLAW_REPORT_FIELD_DUPLICATE_OF,
  FLAW_REPORT_N_FIELDS
} FlawReportField;

/**
 * FlawReportQuery:
 * @status_mask: 1 << #FlawReportStatus bits to show, 0 for all
 * @severity_mask: 1 << #FlawSeverity bits to show, 0 for all
 * @due_mask: 1 << #FlawDueState bits to show, 0 for all
 * @source_id: only reports from this source, or 0 for all
 * @search: (nullable): words the user typed; each must start a word of the
 *   title, body, reporter or component of the report or of a follow-up
 * @policy: the clocks used for the deadlines and @due_mask
 */
typedef struct
{
  guint             status_mask;
  guint             severity_mask;
  guint             due_mask;
  gint64            source_id;
  char             *search;
  FlawTriagePolicy  policy;
} FlawReportQuery;

/* Data for jobs on one report. */
typedef struct
{
  gint64           report_id;
  gboolean         unread;
  gint64           debt_id;
  FlawTriagePolicy policy;
} FlawReportRequest;

typedef struct
{
  gint64  id;
  gint64  report_id;
  char   *blob_id;
  char   *name;
  char   *type;
  gint64  size;
  char   *downloaded_path;
} FlawAttachment;

/**
 * FlawReportDetails:
 * @report: the root report, with its full body and next deadline
 * @followups: (element-type FlawReport): follow-ups, oldest first
 * @attachments: (element-type FlawAttachment): of the report and its follow-ups
 * @debt_ids: (element-type gint64): linked debt items, by id
 * @events: (element-type FlawEvent): the report's history, newest first
 */
typedef struct
{
  FlawReport *report;
  GPtrArray  *followups;
  GPtrArray  *attachments;
  GArray     *debt_ids;
  GPtrArray  *events;
} FlawReportDetails;

typedef struct _FlawReportEdit FlawReportEdit;

GQuark              flaw_report_store_error_quark    (void);

FlawReportQuery    *flaw_report_query_new            (const FlawTriagePolicy *policy);
void                flaw_report_query_free           (FlawReportQuery        *query);
FlawReportRequest  *flaw_report_request_new          (gint64                  report_id,
                                                      const FlawTriagePolicy *policy);
void                flaw_report_request_free         (FlawReportRequest      *request);
void                flaw_attachment_free             (FlawAttachment         *attachment);
void                flaw_report_details_free         (FlawReportDetails      *details);

FlawReportEdit     *flaw_report_edit_new             (gint64                  report_id);
void                flaw_report_edit_free            (FlawReportEdit         *edit);
void                flaw_report_edit_set             (FlawReportEdit         *edit,
                                                      FlawReportField         field,
                                                      const char             *value);
void                flaw_report_edit_set_duplicate_of (FlawReportEdit        *edit,
                                                      gint64                  duplicate_of);
gboolean            flaw_report_edit_is_empty        (FlawReportEdit         *edit);
const char         *flaw_report_field_to_string      (FlawReportField         field);
gboolean            flaw_report_field_from_string    (const char             *text,
                                                      FlawReportField        *field);

char               *flaw_report_store_make_fts_query (const char             *text);

/* FlawStoreFunc jobs. */
gpointer            flaw_report_store_list           (FlawDatabase           *database,
                                                      gpointer                query,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
gpointer            flaw_report_store_load           (FlawDatabase           *database,
                                                      gpointer                request,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
gpointer            flaw_report_store_set_unread     (FlawDatabase           *database,
                                                      gpointer                request,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
gpointer            flaw_report_store_update         (FlawDatabase           *database,
                                                      gpointer                edit,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
gpointer            flaw_report_store_link_debt      (FlawDatabase           *database,
                                                      gpointer                request,
                                                      GCancellable           *cancellable,
                                                      GError                **error);
gpointer            flaw_report_store_unlink_debt    (FlawDatabase           *database,
                                                      gpointer                request,
                                                      GCancellable           *cancellable,
                                                      GError                **error);

/* For other core modules, on the database thread. */
FlawReport         *_flaw_report_store_get           (FlawDatabase           *database,
                                                      gint64                  report_id,
                                                      GError                **error);
gboolean            _flaw_report_store_log_change    (FlawDatabase           *database,
                                                      gint64                  report_id,
                                                      const char             *field,
                                                      const char             *old_value,
                                                      const char             *new_value,
                                                      GError                **error);
gboolean            _flaw_report_store_table_exists  (FlawDatabase           *database,
                                                      const char             *table,
                                                      gboolean               *exists,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawReportQuery, flaw_report_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawReportRequest, flaw_report_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawAttachment, flaw_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawReportDetails, flaw_report_details_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawReportEdit, flaw_report_edit_free)

G_END_DECLS
