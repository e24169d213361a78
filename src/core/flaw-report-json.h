/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "flaw-deadlines.h"
#include "flaw-report-store.h"
#include "flaw-report.h"

G_BEGIN_DECLS

/*
 * The JSON form of reports that `flawdesk-cli reports … --format json`
 * prints; scripts depend on it, so fields are only ever added. Times are
 * RFC 3339 in UTC ("2026-03-02T09:00:00Z") or null; ids are numbers or
 * null; severity is null until rated.
 */

#define FLAW_REPORT_JSON_ERROR (flaw_report_json_error_quark ())

typedef enum
{
  FLAW_REPORT_JSON_ERROR_INVALID,
} FlawReportJsonError;

GQuark       flaw_report_json_error_quark  (void);

char        *flaw_format_rfc3339           (gint64                  unix_time);
gboolean     flaw_parse_rfc3339            (const char             *text,
                                            gint64                 *unix_time);

JsonNode    *flaw_report_to_json           (FlawReport             *report,
                                            gboolean                with_body,
                                            const FlawTriagePolicy *policy,
                                            gint64                  now);
JsonNode    *flaw_report_list_to_json      (GListModel             *reports,
                                            const FlawTriagePolicy *policy,
                                            gint64                  now);
JsonNode    *flaw_report_details_to_json   (FlawReportDetails      *details,
                                            const FlawTriagePolicy *policy,
                                            gint64                  now);
FlawReport  *flaw_report_from_json         (JsonNode               *node,
                                            GError                **error);

G_END_DECLS
