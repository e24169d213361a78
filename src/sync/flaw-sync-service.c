/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-clock.h"
#include "flaw-source-store.h"
#include "flaw-sync-service.h"

#define DEFAULT_INTERVAL_MINUTES 15

struct _FlawSyncService
{
  GObject            parent_instance;

  FlawStore         *store;
  FlawSourceFactory  factory;
  gpointer           factory_data;
  GDestroyNotify     factory_data_free;

  GSettings         *settings;
  gulong             settings_changed_id;
  guint              interval_minutes;
  guint              timer_id;

  /* Sources kept between runs (a GitHub source remembers its rate limit),
   * by id; the row they were made from tells when to remake one. */
  GHashTable        *sources;
  GHashTable        *configs;

  GQueue             queue;
  GTask             *current;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (FlawSyncService, flaw_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  SYNC_STARTED,
  SOURCE_STARTED,
  SOURCE_FINISHED,
  REPORTS_ARRIVED,
  SYNC_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_BOXED_TYPE (FlawSyncOutcome, flaw_sync_outcome, flaw_sync_outcome_copy, flaw_sync_outcome_free)

typedef struct
{
  gint64        source_id;
  GPtrArray    *infos;
  guint         index;
  GPtrArray    *outcomes;
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
} RunData;

static void run_next     (FlawSyncService *self);
static void sync_source  (GTask           *task);

FlawSyncOutcome *
flaw_sync_outcome_copy (const FlawSyncOutcome *outcome)
{
  FlawSyncOutcome *copy = g_memdup2 (outcome, sizeof *outcome);

  copy->name = g_strdup (outcome->name);
  copy->kind = g_strdup (outcome->kind);
  copy->result = g_strdup (outcome->result);
  copy->error_message = g_strdup (outcome->error_message);
  copy->new_report_ids = g_array_copy (outcome->new_report_ids);

  return copy;
}

void
flaw_sync_outcome_free (FlawSyncOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->name);
  g_free (outcome->kind);
  g_free (outcome->result);
  g_free (outcome->error_message);
  g_clear_pointer (&outcome->new_report_ids, g_array_unref);
  g_free (outcome);
}

static void
run_data_free (RunData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_clear_pointer (&data->outcomes, g_ptr_array_unref);
  g_free (data);
}

static gboolean
timer_cb (gpointer user_data)
{
  FlawSyncService *self = user_data;

  flaw_sync_service_sync_async (self, 0, NULL, NULL, NULL);

  return G_SOURCE_CONTINUE;
}

static void
schedule (FlawSyncService *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (self->interval_minutes * 60, timer_cb, self);
}

static void
settings_changed_cb (GSettings       *settings,
                     const char      *key,
                     FlawSyncService *self)
{
  flaw_sync_service_set_interval (self, g_settings_get_uint (settings, "sync-interval-minutes"));
}

static void
finish_run (FlawSyncService *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->current);
  RunData *data = g_task_get_task_data (task);

  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[SYNC_FINISHED], 0);
  g_task_return_pointer (task, g_ptr_array_ref (data->outcomes), (GDestroyNotify) g_ptr_array_unref);

  run_next (self);

  if (self->current == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static gpointer
record_job (FlawDatabase  *database,
            gpointer       job_data,
            GCancellable  *cancellable,
            GError       **error)
{
  FlawSyncOutcome *outcome = job_data;

  if (!flaw_source_store_record_result (database, outcome->source_id, outcome->time,
                                        outcome->success, outcome->result,
                                        outcome->error_message, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
record_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawSyncService *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  FlawSyncOutcome *outcome = g_ptr_array_index (data->outcomes, data->outcomes->len - 1);

  /* The source was removed while it synced: nothing to record on. */
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    g_debug ("Cannot record the sync of %s: %s", outcome->name, error->message);

  flaw_store_notify_changed (self->store, "source");
  if (outcome->n_new + outcome->n_updated + outcome->n_withdrawn > 0)
    flaw_store_notify_changed (self->store, "report");

  g_signal_emit (self, signals[SOURCE_FINISHED], 0, outcome);
  if (outcome->n_new > 0)
    g_signal_emit (self, signals[REPORTS_ARRIVED], 0, outcome);

  data->index++;
  sync_source (task);
}

static void
add_outcome (GTask                  *task,
             const FlawSourceInfo   *info,
             const FlawIngestResult *ingested,
             const GError           *error)
{
  FlawSyncService *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  FlawSyncOutcome *outcome = g_new0 (FlawSyncOutcome, 1);

  outcome->source_id = info->id;
  outcome->name = g_strdup (info->name);
  outcome->kind = g_strdup (info->kind);
  outcome->time = flaw_clock_now ();
  outcome->success = error == NULL;
  outcome->new_report_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ingested != NULL)
    {
      outcome->n_new = ingested->n_new;
      outcome->n_updated = ingested->n_updated;
      outcome->n_unchanged = ingested->n_unchanged;
      outcome->n_withdrawn = ingested->n_withdrawn;
      g_array_append_vals (outcome->new_report_ids, ingested->new_report_ids->data,
                           ingested->new_report_ids->len);
      outcome->result = g_strdup_printf (_("%u new, %u updated, %u unchanged, %u withdrawn"),
                                         outcome->n_new, outcome->n_updated,
                                         outcome->n_unchanged, outcome->n_withdrawn);
    }
  else
    {
      outcome->error_domain = error->domain;
      outcome->error_code = error->code;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        outcome->error_message = g_strdup (_("The sync was cancelled."));
      else
        outcome->error_message = g_strdup (error->message);
      outcome->result = g_strdup (_("Failed"));
    }

  g_ptr_array_add (data->outcomes, outcome);

  flaw_store_run_async (self->store, record_job, flaw_sync_outcome_copy (outcome),
                        (GDestroyNotify) flaw_sync_outcome_free, NULL, NULL,
                        record_ready_cb, g_object_ref (task));
}

static void
source_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(FlawIngestResult) ingested = NULL;
  g_autoptr(GError) error = NULL;
  const FlawSourceInfo *info = g_ptr_array_index (data->infos, data->index);

  ingested = flaw_source_sync_finish (FLAW_SOURCE (object), result, &error);
  add_outcome (task, info, ingested, error);
}

static FlawSource *
lookup_source (FlawSyncService       *self,
               const FlawSourceInfo  *info,
               GError               **error)
{
  FlawSource *source = g_hash_table_lookup (self->sources, &info->id);
  const char *made_from = g_hash_table_lookup (self->configs, &info->id);
  g_autofree char *identity = g_strjoin ("\n", info->kind, info->name, info->config, NULL);
  gint64 *key;

  if (source != NULL && g_strcmp0 (made_from, identity) == 0)
    return source;

  if (!(source = self->factory (info, self->factory_data, error)))
    return NULL;

  key = g_memdup2 (&info->id, sizeof info->id);
  g_hash_table_replace (self->sources, key, source);
  key = g_memdup2 (&info->id, sizeof info->id);
  g_hash_table_replace (self->configs, key, g_steal_pointer (&identity));

  return source;
}

/* One source after the other: a failing source records its error and the
 * run goes on with the next. */
static void
sync_source (GTask *task)
{
  FlawSyncService *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const FlawSourceInfo *info;
  FlawSource *source;

  if (data->index >= data->infos->len)
    {
      finish_run (self);
      return;
    }

  info = g_ptr_array_index (data->infos, data->index);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      data->index = data->infos->len;
      finish_run (self);
      return;
    }

  g_signal_emit (self, signals[SOURCE_STARTED], 0, info->id, info->name);

  if (!(source = lookup_source (self, info, &error)))
    {
      add_outcome (task, info, NULL, error);
      return;
    }

  flaw_source_sync_async (source, self->store, self->cancellable, source_synced_cb,
                          g_object_ref (task));
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       job_data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_source_store_list (database, error);
}

static void
list_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  FlawSyncService *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  infos = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (infos == NULL)
    {
      g_clear_object (&self->cancellable);
      self->current = NULL;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      run_next (self);
      if (self->current == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
      return;
    }

  data->infos = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_source_info_free);
  for (guint i = 0; i < infos->len; i++)
    {
      FlawSourceInfo *info = g_ptr_array_index (infos, i);

      if (data->source_id != 0 ? info->id == data->source_id : info->enabled)
        g_ptr_array_add (data->infos, flaw_source_info_copy (info));
    }

  if (data->source_id != 0 && data->infos->len == 0)
    {
      g_clear_object (&self->cancellable);
      self->current = NULL;
      g_task_return_new_error (task, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_NOT_FOUND,
                               _("Source %lld does not exist any more."),
                               (long long) data->source_id);
      g_object_unref (task);
      run_next (self);
      if (self->current == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
      return;
    }

  sync_source (task);
}

static void
caller_cancelled_cb (GCancellable    *cancellable,
                     FlawSyncService *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
run_next (FlawSyncService *self)
{
  RunData *data;

  if (self->current != NULL || g_queue_is_empty (&self->queue))
    return;

  self->current = g_queue_pop_head (&self->queue);
  self->cancellable = g_cancellable_new ();
  data = g_task_get_task_data (self->current);

  if (data->caller_cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (data->caller_cancellable,
                                                G_CALLBACK (caller_cancelled_cb), self, NULL);

  g_signal_emit (self, signals[SYNC_STARTED], 0);

  /* self->current owns the task until finish_run. */
  flaw_store_run_async (self->store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        NULL, list_ready_cb, self->current);
}

static void
flaw_sync_service_dispose (GObject *object)
{
  FlawSyncService *self = (FlawSyncService *)object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->settings_changed_id != 0)
    g_clear_signal_handler (&self->settings_changed_id, self->settings);
  g_clear_object (&self->settings);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (flaw_sync_service_parent_class)->dispose (object);
}

static void
flaw_sync_service_finalize (GObject *object)
{
  FlawSyncService *self = (FlawSyncService *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->configs, g_hash_table_unref);
  if (self->factory_data_free != NULL)
    self->factory_data_free (self->factory_data);

  G_OBJECT_CLASS (flaw_sync_service_parent_class)->finalize (object);
}

static void
flaw_sync_service_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlawSyncService *self = FLAW_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, flaw_sync_service_get_syncing (self));
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_sync_service_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FlawSyncService *self = FLAW_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      flaw_sync_service_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_sync_service_class_init (FlawSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flaw_sync_service_dispose;
  object_class->finalize = flaw_sync_service_finalize;
  object_class->get_property = flaw_sync_service_get_property;
  object_class->set_property = flaw_sync_service_set_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 24 * 60, DEFAULT_INTERVAL_MINUTES,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlawSyncService::sync-started:
   *
   * A run over the sources begins.
   */
  signals[SYNC_STARTED] =
    g_signal_new ("sync-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FlawSyncService::source-started:
   * @source_id: the source's id
   * @name: its name
   */
  signals[SOURCE_STARTED] =
    g_signal_new ("source-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * FlawSyncService::source-finished:
   * @outcome: (type FlawSyncOutcome): what the source's sync did; its
   *   status is already written to the source row
   */
  signals[SOURCE_FINISHED] =
    g_signal_new ("source-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  FLAW_TYPE_SYNC_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * FlawSyncService::reports-arrived:
   * @outcome: (type FlawSyncOutcome): the sync that brought new reports;
   *   @outcome->new_report_ids lists them, for notifications
   */
  signals[REPORTS_ARRIVED] =
    g_signal_new ("reports-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  FLAW_TYPE_SYNC_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * FlawSyncService::sync-finished:
   *
   * A run over the sources ended (successfully, with failures or cancelled).
   */
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
flaw_sync_service_init (FlawSyncService *self)
{
  self->interval_minutes = DEFAULT_INTERVAL_MINUTES;
  self->sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->configs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_queue_init (&self->queue);
}

/**
 * flaw_sync_service_new:
 * @store: the store reports go to
 * @factory: makes a #FlawSource for a source row, such as
 *   flaw_source_factory_create(); the service knows no kinds of source
 */
FlawSyncService *
flaw_sync_service_new (FlawStore         *store,
                       FlawSourceFactory  factory,
                       gpointer           factory_data,
                       GDestroyNotify     factory_data_free)
{
  FlawSyncService *self;

  g_return_val_if_fail (FLAW_IS_STORE (store), NULL);
  g_return_val_if_fail (factory != NULL, NULL);

  self = g_object_new (FLAW_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->factory = factory;
  self->factory_data = factory_data;
  self->factory_data_free = factory_data_free;

  return self;
}

/**
 * flaw_sync_service_set_settings:
 * @settings: settings with the `sync-interval-minutes` key
 *
 * Follows the interval set in Preferences.
 */
void
flaw_sync_service_set_settings (FlawSyncService *self,
                                GSettings       *settings)
{
  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings_changed_id != 0)
    g_clear_signal_handler (&self->settings_changed_id, self->settings);
  g_set_object (&self->settings, settings);

  self->settings_changed_id = g_signal_connect (settings, "changed::sync-interval-minutes",
                                                G_CALLBACK (settings_changed_cb), self);
  flaw_sync_service_set_interval (self, g_settings_get_uint (settings, "sync-interval-minutes"));
}

void
flaw_sync_service_set_interval (FlawSyncService *self,
                                guint            minutes)
{
  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));
  g_return_if_fail (minutes > 0);

  if (self->interval_minutes == minutes)
    return;

  self->interval_minutes = minutes;
  if (self->timer_id != 0)
    schedule (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
flaw_sync_service_get_interval (FlawSyncService *self)
{
  g_return_val_if_fail (FLAW_IS_SYNC_SERVICE (self), 0);

  return self->interval_minutes;
}

gboolean
flaw_sync_service_get_syncing (FlawSyncService *self)
{
  g_return_val_if_fail (FLAW_IS_SYNC_SERVICE (self), FALSE);

  return self->current != NULL || !g_queue_is_empty (&self->queue);
}

/**
 * flaw_sync_service_start:
 *
 * Syncs every enabled source now, then every interval.
 */
void
flaw_sync_service_start (FlawSyncService *self)
{
  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));

  schedule (self);
  flaw_sync_service_sync_async (self, 0, NULL, NULL, NULL);
}

/**
 * flaw_sync_service_stop:
 *
 * Stops the automatic syncs and cancels the one running.
 */
void
flaw_sync_service_stop (FlawSyncService *self)
{
  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  flaw_sync_service_cancel (self);
}

/**
 * flaw_sync_service_cancel:
 *
 * Cancels the run in progress. Batches already stored stay stored.
 */
void
flaw_sync_service_cancel (FlawSyncService *self)
{
  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * flaw_sync_service_sync_async:
 * @source_id: one source, or 0 for every enabled source
 *
 * Syncs now, after any run already in progress.
 */
void
flaw_sync_service_sync_async (FlawSyncService     *self,
                              gint64               source_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  RunData *data;
  gboolean was_syncing;

  g_return_if_fail (FLAW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_sync_service_sync_async);
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (RunData, 1);
  data->source_id = source_id;
  data->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_sync_outcome_free);
  data->caller_cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  was_syncing = flaw_sync_service_get_syncing (self);
  g_queue_push_tail (&self->queue, task);
  run_next (self);

  if (!was_syncing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

/**
 * flaw_sync_service_sync_finish:
 *
 * A run whose sources failed still succeeds: each failure is in its
 * outcome.
 *
 * Returns: (transfer container) (element-type FlawSyncOutcome): one outcome
 *   per source synced, or %NULL with @error set if the sources could not
 *   be listed
 */
GPtrArray *
flaw_sync_service_sync_finish (FlawSyncService  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (FLAW_IS_SYNC_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
