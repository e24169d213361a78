/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "flaw-database.h"

G_BEGIN_DECLS

/**
 * FlawStoreFunc:
 * @database: the open database, used only for the duration of the call
 * @data: the job's data
 * @cancellable: (nullable): the job's cancellable
 * @error: return location for a #GError
 *
 * A unit of work run on the store's database thread.
 *
 * Returns: (nullable): a result, or %NULL with @error set on failure. A job
 *   that succeeds without a result returns GINT_TO_POINTER (TRUE).
 */
typedef gpointer (*FlawStoreFunc) (FlawDatabase  *database,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

#define FLAW_TYPE_STORE (flaw_store_get_type ())

G_DECLARE_FINAL_TYPE (FlawStore, flaw_store, FLAW, STORE, GObject)

FlawStore  *flaw_store_new           (const char           *path);
const char *flaw_store_get_path      (FlawStore            *self);
gboolean    flaw_store_is_open       (FlawStore            *self);
void        flaw_store_set_actor     (FlawStore            *self,
                                      const char           *actor);

void        flaw_store_open_async    (FlawStore            *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean    flaw_store_open_finish   (FlawStore            *self,
                                      GAsyncResult         *result,
                                      GError              **error);
gboolean    flaw_store_open          (FlawStore            *self,
                                      GCancellable         *cancellable,
                                      GError              **error);

void        flaw_store_run_async     (FlawStore            *self,
                                      FlawStoreFunc         func,
                                      gpointer              data,
                                      GDestroyNotify        data_free,
                                      GDestroyNotify        result_free,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gpointer    flaw_store_run_finish    (FlawStore            *self,
                                      GAsyncResult         *result,
                                      GError              **error);
gpointer    flaw_store_run           (FlawStore            *self,
                                      FlawStoreFunc         func,
                                      gpointer              data,
                                      GCancellable         *cancellable,
                                      GError              **error);

void        flaw_store_notify_changed (FlawStore           *self,
                                       const char          *entity);

G_END_DECLS
