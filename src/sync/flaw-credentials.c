/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-credentials.h"

#define DEFAULT_TIMEOUT_MS 15000

struct _FlawCredentials
{
  GObject  parent_instance;

  char    *database_path;
  guint    timeout_ms;
};

G_DEFINE_FINAL_TYPE (FlawCredentials, flaw_credentials, G_TYPE_OBJECT)

G_DEFINE_QUARK (flaw-credentials-error-quark, flaw_credentials_error)

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} OpKind;

/*
 * One keyring call. libsecret may wait forever on an unlock prompt, so the
 * task is completed by whichever comes first: libsecret's answer, our
 * timeout, or the caller's cancellation. The operation itself lives until
 * libsecret answers.
 */
typedef struct
{
  GTask        *task;
  OpKind        kind;
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  guint         timeout_ms;
} Op;

const SecretSchema *
flaw_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.flawdesk.Flawdesk.Source", SECRET_SCHEMA_NONE,
    {
      { "source-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
op_detach (Op *op)
{
  g_clear_handle_id (&op->timeout_id, g_source_remove);
  if (op->cancelled_id != 0)
    {
      g_cancellable_disconnect (op->caller_cancellable, op->cancelled_id);
      op->cancelled_id = 0;
    }
}

static void
op_free (Op *op)
{
  op_detach (op);
  g_clear_object (&op->task);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->caller_cancellable);
  g_free (op);
}

static void
map_error (GError **error,
           GError  *secret_error)
{
  if (secret_error->domain == G_SPAWN_ERROR ||
      g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED) ||
      g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
      (secret_error->domain == G_IO_ERROR && secret_error->code != G_IO_ERROR_CANCELLED))
    g_set_error (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NO_SERVICE,
                 _("No Secret Service is available (is gnome-keyring or KeePassXC running?), "
                   "so Flawdesk cannot keep or read the password or token of a source: %s"),
                 secret_error->message);
  else if (g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
           g_error_matches (secret_error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           g_error_matches (secret_error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    g_set_error (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_LOCKED,
                 _("The keyring is locked or has no default collection. Unlock it (for example "
                   "in Passwords and Keys) and try again: %s"),
                 secret_error->message);
  else
    g_set_error (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_FAILED,
                 _("The keyring failed: %s"), secret_error->message);
}

static void
op_ready_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  gboolean ok = FALSE;

  switch (op->kind)
    {
    case OP_STORE:
      ok = secret_password_store_finish (result, &error);
      break;
    case OP_LOOKUP:
      secret = secret_password_lookup_finish (result, &error);
      ok = error == NULL;
      break;
    case OP_CLEAR:
      secret_password_clear_finish (result, &error);
      ok = error == NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  op_detach (op);

  /* Already answered by the timeout or the caller's cancellation. */
  if (op->task == NULL)
    {
      op_free (op);
      return;
    }

  if (!ok)
    {
      GError *mapped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (op->task, g_steal_pointer (&error));
      else
        {
          map_error (&mapped, error);
          g_task_return_error (op->task, mapped);
        }
    }
  else if (op->kind == OP_LOOKUP && secret == NULL)
    g_task_return_new_error (op->task, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NOT_FOUND,
                             _("The keyring holds no password or token for this source. "
                               "Enter it again in Preferences → Sources or with "
                               "“flawdesk-cli source add”."));
  else if (op->kind == OP_LOOKUP)
    g_task_return_pointer (op->task, g_steal_pointer (&secret), (GDestroyNotify) secret_password_free);
  else
    g_task_return_boolean (op->task, TRUE);

  op_free (op);
}

static gboolean
op_timeout_cb (gpointer user_data)
{
  Op *op = user_data;

  op->timeout_id = 0;

  if (op->task != NULL)
    {
      g_task_return_new_error (op->task, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_LOCKED,
                               _("The keyring did not answer within %u seconds. It may be locked "
                                 "and waiting for you to unlock it; unlock it and sync again."),
                               (op->timeout_ms + 999) / 1000);
      g_clear_object (&op->task);
    }

  g_cancellable_cancel (op->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
op_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
op_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  Op *op = user_data;

  /* Called with the cancellable's lock held: answer from an idle. */
  if (op->task != NULL)
    g_idle_add (op_cancelled_idle_cb, g_steal_pointer (&op->task));

  g_cancellable_cancel (op->cancellable);
}

static Op *
op_new (FlawCredentials     *self,
        OpKind               kind,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  g_task_set_check_cancellable (op->task, FALSE);
  op->cancellable = g_cancellable_new ();
  op->timeout_ms = self->timeout_ms;
  op->timeout_id = g_timeout_add (self->timeout_ms, op_timeout_cb, op);

  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (op_cancelled_cb), op, NULL);
    }

  return op;
}

static GHashTable *
build_attributes (FlawCredentials *self,
                  gint64           source_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "source-id", g_strdup_printf ("%" G_GINT64_FORMAT, source_id));
  g_hash_table_insert (attributes, (gpointer) "database", g_strdup (self->database_path));

  return attributes;
}

static void
flaw_credentials_finalize (GObject *object)
{
  FlawCredentials *self = (FlawCredentials *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (flaw_credentials_parent_class)->finalize (object);
}

static void
flaw_credentials_class_init (FlawCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_credentials_finalize;
}

static void
flaw_credentials_init (FlawCredentials *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

/**
 * flaw_credentials_new:
 * @database_path: the database the sources belong to; two databases may
 *   each have a source 1, so the path is part of the key
 */
FlawCredentials *
flaw_credentials_new (const char *database_path)
{
  FlawCredentials *self;

  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (FLAW_TYPE_CREDENTIALS, NULL);
  self->database_path = g_strdup (database_path);

  return self;
}

/**
 * flaw_credentials_set_timeout:
 *
 * How long to wait for the keyring before giving up (a locked keyring may
 * otherwise wait for its unlock prompt forever).
 */
void
flaw_credentials_set_timeout (FlawCredentials *self,
                              guint            milliseconds)
{
  g_return_if_fail (FLAW_IS_CREDENTIALS (self));
  g_return_if_fail (milliseconds > 0);

  self->timeout_ms = milliseconds;
}

void
flaw_credentials_store_async (FlawCredentials     *self,
                              gint64               source_id,
                              const char          *source_name,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  Op *op;

  g_return_if_fail (FLAW_IS_CREDENTIALS (self));
  g_return_if_fail (secret != NULL);

  op = op_new (self, OP_STORE, flaw_credentials_store_async, cancellable, callback, user_data);
  attributes = build_attributes (self, source_id);
  label = g_strdup_printf (_("Flawdesk source “%s”"), source_name != NULL ? source_name : "");

  secret_password_storev (flaw_credentials_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, op->cancellable, op_ready_cb, op);
}

gboolean
flaw_credentials_store_finish (FlawCredentials  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
flaw_credentials_lookup_async (FlawCredentials     *self,
                               gint64               source_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  Op *op;

  g_return_if_fail (FLAW_IS_CREDENTIALS (self));

  op = op_new (self, OP_LOOKUP, flaw_credentials_lookup_async, cancellable, callback, user_data);
  attributes = build_attributes (self, source_id);

  secret_password_lookupv (flaw_credentials_get_schema (), attributes, op->cancellable,
                           op_ready_cb, op);
}

/**
 * flaw_credentials_lookup_finish:
 *
 * Returns: (transfer full): the secret (free it with secret_password_free()),
 *   or %NULL with @error set; %FLAW_CREDENTIALS_ERROR_NOT_FOUND if none is stored
 */
char *
flaw_credentials_lookup_finish (FlawCredentials  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
flaw_credentials_clear_async (FlawCredentials     *self,
                              gint64               source_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  Op *op;

  g_return_if_fail (FLAW_IS_CREDENTIALS (self));

  op = op_new (self, OP_CLEAR, flaw_credentials_clear_async, cancellable, callback, user_data);
  attributes = build_attributes (self, source_id);

  secret_password_clearv (flaw_credentials_get_schema (), attributes, op->cancellable,
                          op_ready_cb, op);
}

gboolean
flaw_credentials_clear_finish (FlawCredentials  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
