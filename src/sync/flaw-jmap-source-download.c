/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-jmap-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-jmap-source-private.h"

/* Attachments are listed by the sync and downloaded only when the user
 * asks for one, to a file the user chose. */

typedef struct
{
  FlawStore *store;
  char      *blob_id;
  char      *name;
  char      *type;
  GFile     *destination;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->store);
  g_free (download->blob_id);
  g_free (download->name);
  g_free (download->type);
  g_clear_object (&download->destination);
  g_free (download);
}

static void
replace_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
download_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  Download *download = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = flaw_http_send_finish_checked (FLAW_HTTP (object), result, NULL, self->name, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_replace_contents_bytes_async (download->destination, body, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), replace_ready_cb,
                                       g_object_ref (task));
}

static char *
expand_template (const char *template,
                 const char *account_id,
                 const char *blob_id,
                 const char *type,
                 const char *name)
{
  g_autoptr(GString) url = g_string_new (template);
  const char *keys[] = { "{accountId}", "{blobId}", "{type}", "{name}" };
  const char *values[] = { account_id, blob_id, type, name };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (values[i] != NULL ? values[i] : "", NULL, FALSE);

      g_string_replace (url, keys[i], escaped, 0);
    }

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
secret_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  Download *download = g_task_get_task_data (task);
  FlawJmapSession *session = g_object_get_data (G_OBJECT (task), "session");
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  char *secret;

  secret = flaw_credentials_lookup_finish (FLAW_CREDENTIALS (object), result, &error);
  if (secret == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  authorization = _flaw_jmap_source_dup_authorization (self, secret);
  secret_password_free (secret);

  url = expand_template (session->download_url, session->account_id, download->blob_id,
                         download->type, download->name);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      memset (authorization, 0, strlen (authorization));
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                               _("The mail server’s download address “%s” is not valid."), url);
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  memset (authorization, 0, strlen (authorization));
  flaw_http_send_async (self->http, message, FALSE, g_task_get_cancellable (task),
                        download_ready_cb, g_object_ref (task));
}

static void
state_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  g_autoptr(FlawJmapSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  state = flaw_source_read_state_finish (FLAW_STORE (object), result, &error);
  if (state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  session = _flaw_jmap_source_session_from_state (state);
  if (session == NULL || session->download_url == NULL)
    {
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                               _("Sync source “%s” first; then its attachments can be downloaded."),
                               self->name);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "session", g_steal_pointer (&session),
                          (GDestroyNotify) flaw_jmap_session_free);
  flaw_credentials_lookup_async (self->credentials, self->id, g_task_get_cancellable (task),
                                 secret_ready_cb, g_object_ref (task));
}

/**
 * flaw_jmap_source_download_attachment_async:
 * @blob_id: the attachment's blob id (from the attachment table)
 * @name: (nullable): its file name
 * @type: (nullable): its media type
 * @destination: the file the user chose; replaced, readable only by the user
 *
 * Downloads one attachment, only when the user asks for it.
 */
void
flaw_jmap_source_download_attachment_async (FlawJmapSource      *self,
                                            FlawStore           *store,
                                            const char          *blob_id,
                                            const char          *name,
                                            const char          *type,
                                            GFile               *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Download *download;

  g_return_if_fail (FLAW_IS_JMAP_SOURCE (self));
  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (blob_id != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_jmap_source_download_attachment_async);

  download = g_new0 (Download, 1);
  download->store = g_object_ref (store);
  download->blob_id = g_strdup (blob_id);
  download->name = g_strdup (name != NULL ? name : "attachment");
  download->type = g_strdup (type != NULL ? type : "application/octet-stream");
  download->destination = g_object_ref (destination);
  g_task_set_task_data (task, download, (GDestroyNotify) download_free);

  flaw_source_read_state_async (store, self->id, cancellable, state_ready_cb, g_steal_pointer (&task));
}

gboolean
flaw_jmap_source_download_attachment_finish (FlawJmapSource  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
