/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-credentials.h"
#include "flaw-http.h"
#include "flaw-source.h"

G_BEGIN_DECLS

#define FLAW_JMAP_SOURCE_DEFAULT_MAX_BODY_BYTES (256 * 1024)

#define FLAW_TYPE_JMAP_SOURCE (flaw_jmap_source_get_type ())

G_DECLARE_FINAL_TYPE (FlawJmapSource, flaw_jmap_source, FLAW, JMAP_SOURCE, GObject)

FlawJmapSource *flaw_jmap_source_new                      (const FlawSourceInfo  *info,
                                                           FlawHttp              *http,
                                                           FlawCredentials       *credentials,
                                                           GError               **error);
char           *flaw_jmap_source_build_config             (const char            *url,
                                                           const char            *user,
                                                           const char            *auth,
                                                           const char            *mailbox,
                                                           GError               **error);
void            flaw_jmap_source_download_attachment_async  (FlawJmapSource      *self,
                                                             FlawStore           *store,
                                                             const char          *blob_id,
                                                             const char          *name,
                                                             const char          *type,
                                                             GFile               *destination,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean        flaw_jmap_source_download_attachment_finish (FlawJmapSource      *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

G_END_DECLS
