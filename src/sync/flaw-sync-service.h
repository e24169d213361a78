/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-source.h"

G_BEGIN_DECLS

/* What one source's sync did, for the status line and notifications. */
typedef struct
{
  gint64    source_id;
  char     *name;
  char     *kind;
  gboolean  success;
  guint     n_new;
  guint     n_updated;
  guint     n_unchanged;
  guint     n_withdrawn;
  GArray   *new_report_ids;
  char     *result;
  char     *error_message;
  GQuark    error_domain;
  int       error_code;
  gint64    time;
} FlawSyncOutcome;

#define FLAW_TYPE_SYNC_OUTCOME (flaw_sync_outcome_get_type ())

GType            flaw_sync_outcome_get_type (void) G_GNUC_CONST;
FlawSyncOutcome *flaw_sync_outcome_copy     (const FlawSyncOutcome *outcome);
void             flaw_sync_outcome_free     (FlawSyncOutcome       *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawSyncOutcome, flaw_sync_outcome_free)

typedef FlawSource *(*FlawSourceFactory) (const FlawSourceInfo  *info,
                                          gpointer               user_data,
                                          GError               **error);

#define FLAW_TYPE_SYNC_SERVICE (flaw_sync_service_get_type ())

G_DECLARE_FINAL_TYPE (FlawSyncService, flaw_sync_service, FLAW, SYNC_SERVICE, GObject)

FlawSyncService *flaw_sync_service_new          (FlawStore            *store,
                                                 FlawSourceFactory     factory,
                                                 gpointer              factory_data,
                                                 GDestroyNotify        factory_data_free);
void             flaw_sync_service_set_settings (FlawSyncService      *self,
                                                 GSettings            *settings);
void             flaw_sync_service_set_interval (FlawSyncService      *self,
                                                 guint                 minutes);
guint            flaw_sync_service_get_interval (FlawSyncService      *self);
gboolean         flaw_sync_service_get_syncing  (FlawSyncService      *self);
void             flaw_sync_service_start        (FlawSyncService      *self);
void             flaw_sync_service_stop         (FlawSyncService      *self);
void             flaw_sync_service_cancel       (FlawSyncService      *self);

void             flaw_sync_service_sync_async   (FlawSyncService      *self,
                                                 gint64                source_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray       *flaw_sync_service_sync_finish  (FlawSyncService      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
