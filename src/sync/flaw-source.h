/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-report-ingest.h"
#include "flaw-source-store.h"
#include "flaw-store.h"

G_BEGIN_DECLS

#define FLAW_SYNC_ERROR (flaw_sync_error_quark ())

typedef enum
{
  FLAW_SYNC_ERROR_FAILED,
  FLAW_SYNC_ERROR_CONFIG,
  FLAW_SYNC_ERROR_INSECURE_URL,
  FLAW_SYNC_ERROR_NETWORK,
  FLAW_SYNC_ERROR_TLS,
  FLAW_SYNC_ERROR_TIMEOUT,
  FLAW_SYNC_ERROR_AUTH,
  FLAW_SYNC_ERROR_FORBIDDEN,
  FLAW_SYNC_ERROR_NOT_FOUND,
  FLAW_SYNC_ERROR_RATE_LIMITED,
  FLAW_SYNC_ERROR_SERVER,
  FLAW_SYNC_ERROR_PROTOCOL,
  FLAW_SYNC_ERROR_LIMIT,
} FlawSyncError;

#define FLAW_TYPE_SOURCE (flaw_source_get_type ())

G_DECLARE_INTERFACE (FlawSource, flaw_source, FLAW, SOURCE, GObject)

struct _FlawSourceInterface
{
  GTypeInterface parent_iface;

  gint64             (*get_id)      (FlawSource           *self);
  const char        *(*get_name)    (FlawSource           *self);
  const char        *(*get_kind)    (FlawSource           *self);
  void               (*sync_async)  (FlawSource           *self,
                                     FlawStore            *store,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  /* Optional: by default the result of sync_async is a GTask whose
   * pointer is the FlawIngestResult. */
  FlawIngestResult  *(*sync_finish) (FlawSource           *self,
                                     GAsyncResult         *result,
                                     GError              **error);
};

GQuark            flaw_sync_error_quark          (void);

gint64            flaw_source_get_id             (FlawSource           *self);
const char       *flaw_source_get_name           (FlawSource           *self);
const char       *flaw_source_get_kind           (FlawSource           *self);
void              flaw_source_sync_async         (FlawSource           *self,
                                                  FlawStore            *store,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
FlawIngestResult *flaw_source_sync_finish        (FlawSource           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Helpers for implementations: the database work a sync needs. */
void              flaw_source_read_state_async   (FlawStore            *store,
                                                  gint64                source_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char             *flaw_source_read_state_finish  (FlawStore            *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              flaw_source_apply_batch_async  (FlawStore            *store,
                                                  FlawIngestBatch      *batch,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
FlawIngestResult *flaw_source_apply_batch_finish (FlawStore            *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
