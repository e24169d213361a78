/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-credentials.h"
#include "flaw-store.h"

G_BEGIN_DECLS

void     flaw_source_setup_add_async     (FlawStore            *store,
                                          FlawCredentials      *credentials,
                                          const char           *kind,
                                          const char           *name,
                                          const char           *config,
                                          const char           *secret,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gint64   flaw_source_setup_add_finish    (GAsyncResult         *result,
                                          GError              **error);
void     flaw_source_setup_remove_async  (FlawStore            *store,
                                          FlawCredentials      *credentials,
                                          gint64                source_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean flaw_source_setup_remove_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
