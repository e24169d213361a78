/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"
#include "flaw-store.h"

G_BEGIN_DECLS

#define FLAW_SOURCE_STORE_ERROR (flaw_source_store_error_quark ())

typedef enum
{
  FLAW_SOURCE_STORE_ERROR_NOT_FOUND,
  FLAW_SOURCE_STORE_ERROR_DUPLICATE_NAME,
  FLAW_SOURCE_STORE_ERROR_INVALID,
} FlawSourceStoreError;

/* One row of the source table. Secrets are never part of it. */
typedef struct
{
  gint64    id;
  char     *kind;
  char     *name;
  char     *config;
  gboolean  enabled;
  char     *state;
  gint64    last_sync_time;
  gint64    last_success_time;
  char     *last_result;
  char     *last_error;
  gint64    created;
} FlawSourceInfo;

#define FLAW_TYPE_SOURCE_INFO (flaw_source_info_get_type ())

GType           flaw_source_info_get_type        (void) G_GNUC_CONST;
FlawSourceInfo *flaw_source_info_copy            (const FlawSourceInfo *info);
void            flaw_source_info_free            (FlawSourceInfo       *info);

GQuark          flaw_source_store_error_quark    (void);

/* Database-thread functions: call them inside a FlawStoreFunc. */
gint64          flaw_source_store_add            (FlawDatabase   *database,
                                                  const char     *kind,
                                                  const char     *name,
                                                  const char     *config,
                                                  GError        **error);
GPtrArray      *flaw_source_store_list           (FlawDatabase   *database,
                                                  GError        **error);
FlawSourceInfo *flaw_source_store_get            (FlawDatabase   *database,
                                                  gint64          id,
                                                  GError        **error);
FlawSourceInfo *flaw_source_store_find           (FlawDatabase   *database,
                                                  const char     *name,
                                                  GError        **error);
gboolean        flaw_source_store_remove         (FlawDatabase   *database,
                                                  gint64          id,
                                                  GError        **error);
gboolean        flaw_source_store_set_enabled    (FlawDatabase   *database,
                                                  gint64          id,
                                                  gboolean        enabled,
                                                  GError        **error);
gboolean        flaw_source_store_record_result  (FlawDatabase   *database,
                                                  gint64          id,
                                                  gint64          time,
                                                  gboolean        success,
                                                  const char     *result,
                                                  const char     *error_message,
                                                  GError        **error);
gboolean        flaw_source_store_read_state     (FlawDatabase   *database,
                                                  gint64          id,
                                                  char          **state,
                                                  GError        **error);
gboolean        flaw_source_store_advance_state  (FlawDatabase   *database,
                                                  gint64          id,
                                                  const char     *state,
                                                  GError        **error);

/* Main-thread wrappers for the GUI. */
void            flaw_source_store_add_async      (FlawStore            *store,
                                                  const char           *kind,
                                                  const char           *name,
                                                  const char           *config,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64          flaw_source_store_add_finish     (FlawStore            *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            flaw_source_store_list_async     (FlawStore            *store,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray      *flaw_source_store_list_finish    (FlawStore            *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            flaw_source_store_set_enabled_async  (FlawStore        *store,
                                                      gint64            id,
                                                      gboolean          enabled,
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
gboolean        flaw_source_store_set_enabled_finish (FlawStore        *store,
                                                      GAsyncResult     *result,
                                                      GError          **error);
void            flaw_source_store_remove_async   (FlawStore            *store,
                                                  gint64                id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        flaw_source_store_remove_finish  (FlawStore            *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawSourceInfo, flaw_source_info_free)

G_END_DECLS
