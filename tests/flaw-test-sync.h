/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-credentials.h"
#include "flaw-http.h"
#include "flaw-report-ingest.h"
#include "flaw-source.h"
#include "flaw-store.h"

G_BEGIN_DECLS

/* A store in a temporary folder with the HTTP session and keyring access
 * a sync needs. */
typedef struct
{
  char            *dir;
  char            *path;
  FlawStore       *store;
  FlawHttp        *http;
  FlawCredentials *credentials;
} FlawTestSync;

void              flaw_test_sync_init          (FlawTestSync    *sync,
                                                const char      *dir);
void              flaw_test_sync_clear         (FlawTestSync    *sync);

gint64            flaw_test_sync_add_source    (FlawTestSync    *sync,
                                                const char      *kind,
                                                const char      *name,
                                                const char      *config,
                                                const char      *secret);
FlawSource       *flaw_test_sync_make_source   (FlawTestSync    *sync,
                                                gint64           source_id);
FlawIngestResult *flaw_test_sync_run           (FlawTestSync    *sync,
                                                FlawSource      *source,
                                                GError         **error);
char             *flaw_test_sync_dump_reports  (FlawTestSync    *sync);
gint64            flaw_test_sync_query_int     (FlawTestSync    *sync,
                                                const char      *sql,
                                                const char      *text);
char             *flaw_test_sync_query_text    (FlawTestSync    *sync,
                                                const char      *sql,
                                                const char      *text);

void              flaw_test_store_secret       (FlawCredentials *credentials,
                                                gint64           source_id,
                                                const char      *secret);

G_END_DECLS
