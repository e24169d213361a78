/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"
#include "flaw-debt-item.h"
#include "flaw-store.h"

G_BEGIN_DECLS

/*
 * Import and export of the register, for the CLI and the UI.
 *
 * Columns (CSV header, JSON keys), stable across versions:
 *   id, title, description, category, component, cwe, owner, approver,
 *   links, likelihood, impact, principal, interest, status, rationale,
 *   compensating_controls, review_date, target_date, wont_fix_reason,
 *   created
 * Values are as flaw_debt_item_dup_field() writes them: status and
 * category by id ("in_progress", "input_handling"), numbers with ".",
 * dates YYYY-MM-DD, created as YYYY-MM-DDTHH:MM:SSZ, and in CSV the links
 * separated by spaces (a JSON array in JSON).
 *
 * CSV export guards against formula injection: a value that starts with
 * = + - @, a tab or a carriage return (after any number of ') gets one
 * more ' in front, so a spreadsheet shows it as text. Import removes that
 * one ' again, so export then import gives back the same value.
 *
 * JSON is {"format": "flawdesk-debt", "version": 1, "items": [{…}, …]}.
 *
 * Import is all or nothing: parse, then validate every row (the same rules
 * as the editor, plus: an id in the file must be free in the register and
 * used once), then show the preview — items and every problem with its
 * line and field — and commit all rows in one transaction, only when there
 * is no problem. Rows with an id keep it; rows without get a new one.
 */

typedef enum
{
  FLAW_DEBT_FORMAT_CSV,
  FLAW_DEBT_FORMAT_JSON,
  FLAW_DEBT_FORMAT_MARKDOWN,
  FLAW_DEBT_FORMAT_HTML,
} FlawDebtFormat;

typedef struct _FlawDebtImport FlawDebtImport;

#define FLAW_TYPE_DEBT_IMPORT (flaw_debt_import_get_type ())

gboolean            flaw_debt_format_from_string     (const char          *text,
                                                      FlawDebtFormat      *format);
const char         *flaw_debt_format_to_string       (FlawDebtFormat       format);
gboolean            flaw_debt_format_guess           (const char          *filename,
                                                      FlawDebtFormat      *format);

/* Column mapping for CSV: one field name per header, "" to ignore it. */
char              **flaw_debt_csv_auto_map           (const char * const  *headers);

GType               flaw_debt_import_get_type        (void) G_GNUC_CONST;
FlawDebtImport     *flaw_debt_import_new_from_csv    (const char          *data,
                                                      gsize                length,
                                                      const char * const  *mapping,
                                                      GError             **error);
FlawDebtImport     *flaw_debt_import_new_from_json   (const char          *data,
                                                      gsize                length,
                                                      GError             **error);
FlawDebtImport     *flaw_debt_import_ref             (FlawDebtImport      *self);
void                flaw_debt_import_unref           (FlawDebtImport      *self);
GPtrArray          *flaw_debt_import_get_items       (FlawDebtImport      *self);
GPtrArray          *flaw_debt_import_get_problems    (FlawDebtImport      *self);
const char * const *flaw_debt_import_get_headers     (FlawDebtImport      *self);
const char * const *flaw_debt_import_get_mapping     (FlawDebtImport      *self);
guint               flaw_debt_import_get_n_rows      (FlawDebtImport      *self);
gboolean            flaw_debt_import_has_problems    (FlawDebtImport      *self);
char               *flaw_debt_import_dup_summary     (FlawDebtImport      *self);

/* On the database thread. */
gboolean            flaw_debt_db_import_validate     (FlawDatabase        *db,
                                                      FlawDebtImport      *import,
                                                      GError             **error);
gboolean            flaw_debt_db_import_commit       (FlawDatabase        *db,
                                                      FlawDebtImport      *import,
                                                      GError             **error);

/* Export of full items (flaw_debt_db_load_many()). */
GBytes             *flaw_debt_export_csv             (GPtrArray           *items);
GBytes             *flaw_debt_export_json            (GPtrArray           *items);

/* From the main thread, through the store. */
void                flaw_debt_import_preview_async   (FlawStore           *store,
                                                      GBytes              *data,
                                                      FlawDebtFormat       format,
                                                      const char * const  *mapping,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
FlawDebtImport     *flaw_debt_import_preview_finish  (FlawStore           *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void                flaw_debt_import_commit_async    (FlawStore           *store,
                                                      FlawDebtImport      *import,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            flaw_debt_import_commit_finish   (FlawStore           *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void                flaw_debt_export_async           (FlawStore           *store,
                                                      GArray              *ids,
                                                      FlawDebtFormat       format,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GBytes             *flaw_debt_export_finish          (FlawStore           *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
GBytes             *flaw_debt_db_export              (FlawDatabase        *db,
                                                      GArray              *ids,
                                                      FlawDebtFormat       format,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDebtImport, flaw_debt_import_unref)

G_END_DECLS
