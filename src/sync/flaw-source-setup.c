/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-source-setup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-source-setup.h"
#include "flaw-source-store.h"

/*
 * Adding a source is two writes in two places: the row in the database and
 * its secret in the keyring. A source whose secret could not be stored is
 * taken out again, so no half-made source is left behind.
 */

typedef struct
{
  FlawStore       *store;
  FlawCredentials *credentials;
  char            *name;
  char            *secret;
  gint64           id;
  GError          *error;
} SetupData;

static void
setup_data_free (SetupData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->credentials);
  g_free (data->name);
  if (data->secret != NULL)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_clear_error (&data->error);
  g_free (data);
}

static void
removed_again_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SetupData *data = g_task_get_task_data (task);

  /* Whatever became of the row, the keyring's error is what to tell. */
  flaw_source_store_remove_finish (FLAW_STORE (object), result, NULL);
  g_task_return_error (task, g_steal_pointer (&data->error));
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SetupData *data = g_task_get_task_data (task);

  if (!flaw_credentials_store_finish (FLAW_CREDENTIALS (object), result, &data->error))
    {
      flaw_source_store_remove_async (data->store, data->id, NULL, removed_again_cb, g_object_ref (task));
      return;
    }

  flaw_store_notify_changed (data->store, "source");
  g_task_return_pointer (task, g_memdup2 (&data->id, sizeof data->id), g_free);
}

static void
row_added_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SetupData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->id = flaw_source_store_add_finish (FLAW_STORE (object), result, &error);
  if (data->id == 0)
    {
      g_task_return_error (task, error);
      return;
    }

  flaw_credentials_store_async (data->credentials, data->id, data->name, data->secret,
                                g_task_get_cancellable (task), secret_stored_cb, g_object_ref (task));
}

/**
 * flaw_source_setup_add_async:
 * @kind: "jmap" or "github"
 * @config: the configuration from flaw_jmap_source_build_config() or
 *   flaw_github_source_build_config()
 * @secret: the password or token; it goes to the keyring only
 *
 * Adds a source: its row, then its secret.
 */
void
flaw_source_setup_add_async (FlawStore           *store,
                             FlawCredentials     *credentials,
                             const char          *kind,
                             const char          *name,
                             const char          *config,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SetupData *data;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (FLAW_IS_CREDENTIALS (credentials));
  g_return_if_fail (secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_source_setup_add_async);

  data = g_new0 (SetupData, 1);
  data->store = g_object_ref (store);
  data->credentials = g_object_ref (credentials);
  data->name = g_strdup (name);
  data->secret = g_strdup (secret);
  g_task_set_task_data (task, data, (GDestroyNotify) setup_data_free);

  if (*secret == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Source “%s” needs a password or token."), name != NULL ? name : "");
      return;
    }

  flaw_source_store_add_async (store, kind, name, config, cancellable, row_added_cb, g_steal_pointer (&task));
}

/**
 * flaw_source_setup_add_finish:
 *
 * Returns: the new source's id, or 0 with @error set
 */
gint64
flaw_source_setup_add_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  id = g_task_propagate_pointer (G_TASK (result), error);

  return id != NULL ? *id : 0;
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!flaw_credentials_clear_finish (FLAW_CREDENTIALS (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
row_removed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SetupData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!flaw_source_store_remove_finish (FLAW_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  flaw_store_notify_changed (data->store, "source");
  flaw_credentials_clear_async (data->credentials, data->id, g_task_get_cancellable (task),
                                secret_cleared_cb, g_object_ref (task));
}

/**
 * flaw_source_setup_remove_async:
 *
 * Removes a source's row (its reports stay) and then its secret. The
 * error of a failed removal from the keyring comes after the row is gone.
 */
void
flaw_source_setup_remove_async (FlawStore           *store,
                                FlawCredentials     *credentials,
                                gint64               source_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SetupData *data;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (FLAW_IS_CREDENTIALS (credentials));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_source_setup_remove_async);

  data = g_new0 (SetupData, 1);
  data->store = g_object_ref (store);
  data->credentials = g_object_ref (credentials);
  data->id = source_id;
  g_task_set_task_data (task, data, (GDestroyNotify) setup_data_free);

  flaw_source_store_remove_async (store, source_id, cancellable, row_removed_cb, g_steal_pointer (&task));
}

gboolean
flaw_source_setup_remove_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
