/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-report-types.h"

G_BEGIN_DECLS

#define FLAW_CVSS_ERROR (flaw_cvss_error_quark ())

typedef enum
{
  FLAW_CVSS_ERROR_PREFIX,
  FLAW_CVSS_ERROR_SYNTAX,
  FLAW_CVSS_ERROR_UNKNOWN_METRIC,
  FLAW_CVSS_ERROR_DUPLICATE_METRIC,
  FLAW_CVSS_ERROR_MISSING_METRIC,
  FLAW_CVSS_ERROR_INVALID_VALUE,
  FLAW_CVSS_ERROR_INVALID_CWE,
  FLAW_CVSS_ERROR_INVALID_CVE,
} FlawCvssError;

/* A parsed CVSS v3.1 vector (https://www.first.org/cvss/v3.1/specification-document). */
typedef struct _FlawCvss FlawCvss;

GQuark        flaw_cvss_error_quark              (void);

FlawCvss     *flaw_cvss_parse                    (const char     *vector,
                                                  GError        **error);
void          flaw_cvss_free                     (FlawCvss       *cvss);
char         *flaw_cvss_to_string                (const FlawCvss *cvss);
double        flaw_cvss_get_base_score           (const FlawCvss *cvss);
gboolean      flaw_cvss_has_temporal             (const FlawCvss *cvss);
double        flaw_cvss_get_temporal_score       (const FlawCvss *cvss);
gboolean      flaw_cvss_has_environmental        (const FlawCvss *cvss);
double        flaw_cvss_get_environmental_score  (const FlawCvss *cvss);
double        flaw_cvss_get_score                (const FlawCvss *cvss);

double        flaw_cvss_roundup                  (double          value);
FlawSeverity  flaw_cvss_severity_from_score      (double          score);

char         *flaw_cwe_parse                     (const char     *text,
                                                  GError        **error);
char         *flaw_cve_parse                     (const char     *text,
                                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawCvss, flaw_cvss_free)

G_END_DECLS
