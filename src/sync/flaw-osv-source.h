/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-http.h"
#include "flaw-source.h"

G_BEGIN_DECLS

#define FLAW_OSV_DEFAULT_API_URL "https://api.osv.dev"

/* How many vulnerability records are fetched at the same time. */
#define FLAW_OSV_PARALLEL_FETCHES 8

#define FLAW_TYPE_OSV_SOURCE (flaw_osv_source_get_type ())

G_DECLARE_FINAL_TYPE (FlawOsvSource, flaw_osv_source, FLAW, OSV_SOURCE, GObject)

FlawOsvSource *flaw_osv_source_new          (const FlawSourceInfo  *info,
                                             FlawHttp              *http,
                                             GError               **error);
char          *flaw_osv_source_build_config (const char            *api_url,
                                             GError               **error);
void           flaw_osv_source_set_batch_size (FlawOsvSource       *self,
                                               guint                batch_size);

G_END_DECLS
