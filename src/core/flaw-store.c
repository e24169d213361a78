/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-store.h"

/* The store is the only owner of the database. Every job runs, one at a
 * time, on a single dedicated thread; asynchronous results come back on the
 * main context of the caller, so the UI never waits on SQLite.
 */

struct _FlawStore
{
  GObject       parent_instance;

  char         *path;
  GThreadPool  *pool;

  /* Touched only on the database thread. */
  FlawDatabase *database;

  gboolean      is_open;

  /* Set on the caller's thread, read by the open job. */
  GMutex        actor_lock;
  char         *actor;
};

G_DEFINE_FINAL_TYPE (FlawStore, flaw_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_IS_OPEN,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GMutex    mutex;
  GCond     cond;
  gboolean  done;
  gpointer  result;
  GError   *error;
} SyncWait;

typedef struct
{
  FlawStore      *store;
  FlawStoreFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  GCancellable   *cancellable;
  GTask          *task;
  SyncWait       *wait;
  gpointer        result;
  GError         *error;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->task);
  g_free (job);
}

/* Delivers an asynchronous job's result on the caller's main context, and
 * frees the job there: its task may hold the last reference to the store,
 * whose finalize waits for the database thread and so must never run on it. */
static gboolean
complete_job (gpointer data)
{
  Job *job = data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);

  job_free (job);

  return G_SOURCE_REMOVE;
}

static gpointer
open_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  FlawStore *self = data;
  FlawDatabase *opened;

  if (self->database != NULL)
    return GINT_TO_POINTER (TRUE);

  opened = flaw_database_open (self->path, error);
  if (opened == NULL)
    return NULL;

  self->database = opened;

  g_mutex_lock (&self->actor_lock);
  if (self->actor != NULL)
    flaw_database_set_actor (opened, self->actor);
  g_mutex_unlock (&self->actor_lock);

  return GINT_TO_POINTER (TRUE);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  FlawStore *self = job->store;
  GError *error = NULL;
  gpointer result = NULL;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    ;
  else if (self->database == NULL && job->func != open_job)
    g_set_error (&error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CANT_OPEN,
                 _("The database “%s” is not open."), self->path);
  else
    {
      result = job->func (self->database, job->data, job->cancellable, &error);
      g_assert ((result == NULL) == (error != NULL));
    }

  if (job->task != NULL)
    {
      /* Not g_main_context_invoke(): it would run here whenever the
       * caller's context happens to be free. */
      GSource *source = g_idle_source_new ();

      job->result = result;
      job->error = error;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, complete_job, job, NULL);
      g_source_set_static_name (source, "[flawdesk] store job result");
      g_source_attach (source, g_task_get_context (job->task));
      g_source_unref (source);
    }
  else
    {
      SyncWait *wait = job->wait;

      g_mutex_lock (&wait->mutex);
      wait->result = result;
      wait->error = error;
      wait->done = TRUE;
      g_cond_signal (&wait->cond);
      g_mutex_unlock (&wait->mutex);

      job_free (job);
    }
}

static void
push_job (FlawStore *self,
          Job       *job)
{
  g_autoptr(GError) error = NULL;

  job->store = self;

  if (!g_thread_pool_push (self->pool, job, &error))
    g_error ("Cannot start the database thread: %s", error->message);
}

static void
open_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FlawStore *self = FLAW_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (flaw_store_run_finish (self, result, &error) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->is_open = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
  g_task_return_boolean (task, TRUE);
}

static void
flaw_store_finalize (GObject *object)
{
  FlawStore *self = (FlawStore *)object;

  /* Finish every queued job before the database goes away. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->database);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_mutex_clear (&self->actor_lock);

  G_OBJECT_CLASS (flaw_store_parent_class)->finalize (object);
}

static void
flaw_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FlawStore *self = FLAW_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_IS_OPEN:
      g_value_set_boolean (value, self->is_open);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_store_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FlawStore *self = FLAW_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_store_class_init (FlawStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_store_finalize;
  object_class->get_property = flaw_store_get_property;
  object_class->set_property = flaw_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_OPEN] =
    g_param_spec_boolean ("is-open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlawStore::changed:
   * @entity: the kind of record that changed, such as "debt"
   *
   * Emitted on the main context after a write, so that views can refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
flaw_store_init (FlawStore *self)
{
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->actor_lock);
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start the database thread: %s", error->message);
}

/**
 * flaw_store_new:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Creates a store for @path. Nothing is opened until
 * flaw_store_open_async() or flaw_store_open().
 */
FlawStore *
flaw_store_new (const char *path)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = flaw_database_get_default_path ();

  return g_object_new (FLAW_TYPE_STORE, "path", path, NULL);
}

const char *
flaw_store_get_path (FlawStore *self)
{
  g_return_val_if_fail (FLAW_IS_STORE (self), NULL);

  return self->path;
}

gboolean
flaw_store_is_open (FlawStore *self)
{
  g_return_val_if_fail (FLAW_IS_STORE (self), FALSE);

  return self->is_open;
}

static gpointer
set_actor_job (FlawDatabase  *database,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  flaw_database_set_actor (database, data);

  return GINT_TO_POINTER (TRUE);
}

/**
 * flaw_store_set_actor:
 * @actor: (nullable): the name recorded in the event log for later changes
 */
void
flaw_store_set_actor (FlawStore  *self,
                      const char *actor)
{
  g_return_if_fail (FLAW_IS_STORE (self));

  g_mutex_lock (&self->actor_lock);
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_mutex_unlock (&self->actor_lock);

  /* Queued behind any open in progress, which may already have read the
   * old name; before any open, the job finds no database and the open
   * takes the name instead. */
  flaw_store_run_async (self, set_actor_job, g_strdup (actor), g_free, NULL,
                        NULL, NULL, NULL);
}

void
flaw_store_open_async (FlawStore           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FLAW_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_store_open_async);

  flaw_store_run_async (self, open_job, self, NULL, NULL, cancellable,
                        open_ready_cb, g_steal_pointer (&task));
}

gboolean
flaw_store_open_finish (FlawStore     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (FLAW_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * flaw_store_open:
 *
 * Opens and migrates the database, waiting for it. For the command line;
 * the GUI uses flaw_store_open_async().
 */
gboolean
flaw_store_open (FlawStore     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (FLAW_IS_STORE (self), FALSE);

  if (flaw_store_run (self, open_job, self, cancellable, error) == NULL)
    return FALSE;

  if (!self->is_open)
    {
      self->is_open = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
    }

  return TRUE;
}

/**
 * flaw_store_run_async:
 * @self: a #FlawStore
 * @func: the work, run on the database thread
 * @data: (nullable): data for @func
 * @data_free: (nullable): frees @data once the job is over
 * @result_free: (nullable): frees the result if nobody takes it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Queues @func behind every job queued before it.
 */
void
flaw_store_run_async (FlawStore           *self,
                      FlawStoreFunc        func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (FLAW_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, flaw_store_run_async);

  push_job (self, job);
}

gpointer
flaw_store_run_finish (FlawStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (FLAW_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flaw_store_run:
 *
 * Runs @func on the database thread and waits for it. Never call this from
 * the GUI's main thread.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer
flaw_store_run (FlawStore     *self,
                FlawStoreFunc  func,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  SyncWait wait = { 0 };
  Job *job;

  g_return_val_if_fail (FLAW_IS_STORE (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->wait = &wait;

  push_job (self, job);

  g_mutex_lock (&wait.mutex);
  while (!wait.done)
    g_cond_wait (&wait.cond, &wait.mutex);
  g_mutex_unlock (&wait.mutex);

  g_mutex_clear (&wait.mutex);
  g_cond_clear (&wait.cond);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.result;
}

/**
 * flaw_store_notify_changed:
 * @entity: the kind of record a finished write changed
 *
 * Emits #FlawStore::changed with @entity as detail. Call it on the main
 * context once a write job has finished.
 */
void
flaw_store_notify_changed (FlawStore  *self,
                           const char *entity)
{
  g_return_if_fail (FLAW_IS_STORE (self));
  g_return_if_fail (entity != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (entity), entity);
}
