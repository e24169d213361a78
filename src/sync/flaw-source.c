/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-source"

#include "config.h"

#include "flaw-source.h"

G_DEFINE_QUARK (flaw-sync-error-quark, flaw_sync_error)

G_DEFINE_INTERFACE (FlawSource, flaw_source, G_TYPE_OBJECT)

/* Every source so far runs its sync as a GTask that returns a
 * FlawIngestResult: that is the default. */
static FlawIngestResult *
flaw_source_real_sync_finish (FlawSource    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
flaw_source_default_init (FlawSourceInterface *iface)
{
  iface->sync_finish = flaw_source_real_sync_finish;
}

gint64
flaw_source_get_id (FlawSource *self)
{
  g_return_val_if_fail (FLAW_IS_SOURCE (self), 0);

  return FLAW_SOURCE_GET_IFACE (self)->get_id (self);
}

const char *
flaw_source_get_name (FlawSource *self)
{
  g_return_val_if_fail (FLAW_IS_SOURCE (self), NULL);

  return FLAW_SOURCE_GET_IFACE (self)->get_name (self);
}

const char *
flaw_source_get_kind (FlawSource *self)
{
  g_return_val_if_fail (FLAW_IS_SOURCE (self), NULL);

  return FLAW_SOURCE_GET_IFACE (self)->get_kind (self);
}

/**
 * flaw_source_sync_async:
 * @store: the store the reports go to
 *
 * Fetches what changed since the stored state and stores it, each batch in
 * one transaction with the state that covers it.
 */
void
flaw_source_sync_async (FlawSource          *self,
                        FlawStore           *store,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_SOURCE (self));
  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  FLAW_SOURCE_GET_IFACE (self)->sync_async (self, store, cancellable, callback, user_data);
}

/**
 * flaw_source_sync_finish:
 *
 * Returns: (transfer full): the counts of the sync, or %NULL with @error set
 */
FlawIngestResult *
flaw_source_sync_finish (FlawSource    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (FLAW_IS_SOURCE (self), NULL);

  return FLAW_SOURCE_GET_IFACE (self)->sync_finish (self, result, error);
}

static gpointer
read_state_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 *id = data;
  char *state = NULL;

  if (!flaw_source_store_read_state (database, *id, &state, error))
    return NULL;

  /* An empty string stands for "never synced", as NULL means failure here. */
  return state != NULL ? state : g_strdup ("");
}

void
flaw_source_read_state_async (FlawStore           *store,
                              gint64               source_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  flaw_store_run_async (store, read_state_job, g_memdup2 (&source_id, sizeof source_id), g_free,
                        g_free, cancellable, callback, user_data);
}

/**
 * flaw_source_read_state_finish:
 *
 * Returns: (transfer full): the stored state, "" before the first sync, or
 *   %NULL with @error set
 */
char *
flaw_source_read_state_finish (FlawStore     *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

static gpointer
apply_batch_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(FlawIngestResult) result = flaw_ingest_result_new ();

  if (!flaw_report_ingest_apply (database, data, result, error))
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * flaw_source_apply_batch_async:
 * @batch: (transfer full): the batch
 */
void
flaw_source_apply_batch_async (FlawStore           *store,
                               FlawIngestBatch     *batch,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  /* Once fetched, a batch is stored even if the sync is being cancelled:
   * the data and its state belong together. */
  flaw_store_run_async (store, apply_batch_job, batch, (GDestroyNotify) flaw_ingest_batch_free,
                        (GDestroyNotify) flaw_ingest_result_free, NULL, callback, user_data);
}

FlawIngestResult *
flaw_source_apply_batch_finish (FlawStore     *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}
