/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-osv-store.h"

G_BEGIN_DECLS

#define FLAW_OSV_ERROR (flaw_osv_error_quark ())

typedef enum
{
  FLAW_OSV_ERROR_MALFORMED,
} FlawOsvError;

/* The most queries OSV accepts in one querybatch request. */
#define FLAW_OSV_MAX_BATCH 1000

/* One package at a version to ask OSV about. */
typedef struct
{
  const char *ecosystem;
  const char *name;
  const char *version;
  const char *page_token;  /* nullable: the next page of an earlier answer */
} FlawOsvQuery;

/* What querybatch says about one query: ids and modified times only. */
typedef struct
{
  GPtrArray *ids;              /* char * */
  GArray    *modified;         /* gint64, same order as ids */
  char      *next_page_token;  /* nullable */
} FlawOsvQueryResult;

GQuark       flaw_osv_error_quark         (void);

gint64       flaw_osv_parse_time          (const char          *text);
char        *flaw_osv_format_time         (gint64               time);

char        *flaw_osv_build_querybatch    (const FlawOsvQuery  *queries,
                                           guint                n_queries);
GPtrArray   *flaw_osv_parse_querybatch    (const char          *data,
                                           gsize                length,
                                           guint                n_queries,
                                           GError             **error);
void         flaw_osv_query_result_free   (FlawOsvQueryResult  *result);

FlawOsvVuln *flaw_osv_vuln_parse          (const char          *data,
                                           gsize                length,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawOsvQueryResult, flaw_osv_query_result_free)

G_END_DECLS
