/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-jmap-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-jmap-codec.h"
#include "flaw-jmap-source-private.h"
#include "flaw-json-util.h"

/* Keep a referenced id list within maxObjectsInGet: Email/changes pages are
 * never larger than this. */
#define MAX_CHANGES_CAP 256

/* How often a full read starts over when the mailbox changes under it. */
#define MAX_RESTARTS 3


static void source_iface_init (FlawSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlawJmapSource, flaw_jmap_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FLAW_TYPE_SOURCE, source_iface_init))

typedef void (*ResponseFunc) (GTask            *task,
                              FlawJmapResponse *response,
                              GError           *error);
typedef void (*StepFunc)     (GTask            *task);

typedef struct
{
  FlawStore        *store;
  FlawJmapSession  *session;
  char             *mailbox_id;
  char             *email_state;
  char             *auth_header;
  gboolean          session_stale;
  FlawIngestResult *result;

  ResponseFunc      on_response;
  StepFunc          after_session;
  StepFunc          after_apply;

  FlawIngestBatch  *full_batch;
  char             *full_state;
  char             *query_state;
  guint             n_restarts;
  guint             position;
  gint64            total;
  guint             page_size;
  guint             pairs;

  guint             max_changes;
  FlawIngestBatch  *pending_batch;
  gboolean          more_changes;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->session, flaw_jmap_session_free);
  g_free (data->mailbox_id);
  g_free (data->email_state);
  if (data->auth_header != NULL)
    memset (data->auth_header, 0, strlen (data->auth_header));
  g_free (data->auth_header);
  g_clear_pointer (&data->result, flaw_ingest_result_free);
  g_clear_pointer (&data->full_batch, flaw_ingest_batch_free);
  g_free (data->full_state);
  g_free (data->query_state);
  g_clear_pointer (&data->pending_batch, flaw_ingest_batch_free);
  g_free (data);
}

static void full_sync_start (GTask *task);
static void full_request    (GTask *task);
static void delta_request   (GTask *task);
static void finish_sync     (GTask *task);

/* A bare host name (or https://host/) means discovery through
 * /.well-known/jmap; anything with a path is the session URL itself. */
static char *
session_url_for (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;
  const char *path;

  if (strstr (url, "://") == NULL)
    with_scheme = g_strconcat ("https://", url, NULL);
  else
    with_scheme = g_strdup (url);

  uri = g_uri_parse (with_scheme, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return g_steal_pointer (&with_scheme);

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0' || g_str_equal (path, "/"))
    {
      g_autoptr(GUri) discovery = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL,
                                               g_uri_get_host (uri), g_uri_get_port (uri),
                                               "/.well-known/jmap", NULL, NULL);

      return g_uri_to_string (discovery);
    }

  return g_uri_to_string (uri);
}

/**
 * flaw_jmap_source_build_config:
 * @url: a session URL, or a host name for discovery
 * @auth: (nullable): "basic" or "bearer" (default)
 * @mailbox: (nullable): a mailbox role or name (default "inbox")
 *
 * Returns: (transfer full): the source's configuration JSON, or %NULL with
 *   @error set if a value is not usable
 */
char *
flaw_jmap_source_build_config (const char  *url,
                               const char  *user,
                               const char  *auth,
                               const char  *mailbox,
                               GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *session_url = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("A JMAP source needs the address of its server or session (--url)."));
      return NULL;
    }

  session_url = session_url_for (url);
  if (!(uri = flaw_http_parse_url (session_url, error)))
    return NULL;

  if (auth == NULL)
    auth = "bearer";
  if (!g_str_equal (auth, "basic") && !g_str_equal (auth, "bearer"))
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("Unknown authentication “%s”: use basic (user name and password) or bearer (a token)."),
                   auth);
      return NULL;
    }

  if (g_str_equal (auth, "basic") && (user == NULL || *user == '\0'))
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("Password authentication (basic) needs a user name (--user)."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user != NULL ? user : "");
  json_builder_set_member_name (builder, "auth");
  json_builder_add_string_value (builder, auth);
  json_builder_set_member_name (builder, "mailbox");
  json_builder_add_string_value (builder, mailbox != NULL && *mailbox != '\0' ? mailbox : "inbox");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char *
build_state (SyncData   *data,
             const char *email_state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "session");
  json_builder_add_value (builder, flaw_jmap_session_to_json (data->session));
  json_builder_set_member_name (builder, "mailboxId");
  json_builder_add_string_value (builder, data->mailbox_id);
  if (email_state != NULL)
    {
      json_builder_set_member_name (builder, "emailState");
      json_builder_add_string_value (builder, email_state);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
load_state (SyncData   *data,
            const char *state)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  JsonNode *root;

  if (state == NULL || *state == '\0' || !json_parser_load_from_data (parser, state, -1, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  data->session = flaw_jmap_session_from_json (json_object_get_member (object, "session"));
  data->mailbox_id = g_strdup (flaw_json_get_string (object, "mailboxId"));
  data->email_state = g_strdup (flaw_json_get_string (object, "emailState"));

  if (data->session == NULL || data->mailbox_id == NULL)
    {
      g_clear_pointer (&data->session, flaw_jmap_session_free);
      g_clear_pointer (&data->mailbox_id, g_free);
      g_clear_pointer (&data->email_state, g_free);
    }
}

static void
return_error (GTask  *task,
              GError *error)
{
  FlawJmapSource *self = g_task_get_source_object (task);

  if (error->domain == FLAW_JMAP_ERROR)
    g_task_return_new_error (task, FLAW_SYNC_ERROR,
                             error->code == FLAW_JMAP_ERROR_MALFORMED ? FLAW_SYNC_ERROR_PROTOCOL :
                             error->code == FLAW_JMAP_ERROR_FORBIDDEN ? FLAW_SYNC_ERROR_FORBIDDEN :
                             error->code == FLAW_JMAP_ERROR_MAILBOX_NOT_FOUND ? FLAW_SYNC_ERROR_CONFIG :
                             FLAW_SYNC_ERROR_SERVER,
                             "%s: %s", self->name, error->message);
  else
    g_task_return_error (task, error);
}

static SoupMessage *
new_message (GTask      *task,
             const char *method,
             const char *url)
{
  SyncData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Authorization", data->auth_header);
  soup_message_headers_replace (headers, "Accept", "application/json");

  return message;
}

static void
session_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawJmapSession) session = NULL;
  gconstpointer bytes;
  gsize length;

  body = flaw_http_send_finish_checked (FLAW_HTTP (object), result, &message, self->name, &error);
  if (body == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_get_data (body, &length);
  session = flaw_jmap_session_parse (bytes, length, soup_message_get_uri (message), &error);
  if (session == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_pointer (&data->session, flaw_jmap_session_free);
  data->session = g_steal_pointer (&session);
  data->session_stale = FALSE;

  data->after_session (task);
}

static void
fetch_session (GTask    *task,
               StepFunc  next)
{
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autofree char *url = session_url_for (self->url);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!(uri = flaw_http_parse_url (url, &error)))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  message = new_message (task, SOUP_METHOD_GET, url);
  data->after_session = next;
  flaw_http_send_async (self->http, message, TRUE, g_task_get_cancellable (task),
                        session_ready_cb, g_object_ref (task));
}

static void
api_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawJmapResponse) response = NULL;
  gconstpointer bytes;
  gsize length;
  guint status;

  body = flaw_http_send_finish (FLAW_HTTP (object), result, &message, &error);
  if (body == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_get_data (body, &length);
  status = soup_message_get_status (message);

  /* A request-level problem (RFC 8620 §3.6.1) such as a refused limit. */
  if (status == SOUP_STATUS_BAD_REQUEST)
    {
      response = flaw_jmap_response_parse (bytes, length, &error);
      if (error != NULL && error->domain == FLAW_JMAP_ERROR && error->code == FLAW_JMAP_ERROR_LIMIT)
        {
          data->on_response (task, NULL, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
      g_clear_pointer (&response, flaw_jmap_response_free);
    }

  if (!flaw_http_set_status_error (message, body, self->name, &error))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  response = flaw_jmap_response_parse (bytes, length, &error);
  if (response == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  if (response->session_state != NULL && data->session->state != NULL &&
      !g_str_equal (response->session_state, data->session->state))
    data->session_stale = TRUE;

  data->on_response (task, response, NULL);
}

static void
post_api (GTask        *task,
          GPtrArray    *invocations,
          ResponseFunc  on_response)
{
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  char *text;

  if (!(uri = flaw_http_parse_url (data->session->api_url, &error)))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  text = flaw_jmap_build_request (invocations);
  body = g_bytes_new_take (text, strlen (text));
  message = new_message (task, SOUP_METHOD_POST, data->session->api_url);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  data->on_response = on_response;
  flaw_http_send_async (self->http, message, FALSE, g_task_get_cancellable (task),
                        api_ready_cb, g_object_ref (task));
}

static void
apply_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(FlawIngestResult) ingested = NULL;
  g_autoptr(GError) error = NULL;

  ingested = flaw_source_apply_batch_finish (FLAW_STORE (object), result, &error);
  if (ingested == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  flaw_ingest_result_add (data->result, ingested);

  if (g_task_return_error_if_cancelled (task))
    return;

  data->after_apply (task);
}

static void
apply_pending (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  FlawIngestBatch *batch = g_steal_pointer (&data->pending_batch);

  /* The state written with the batch carries the session it was fetched
   * with; a changed session is fetched first so the two stay together. */
  if (data->session_stale)
    {
      data->pending_batch = batch;
      fetch_session (task, apply_pending);
      return;
    }

  g_free (batch->state);
  batch->state = build_state (data, data->email_state);

  flaw_source_apply_batch_async (data->store, batch, NULL, apply_ready_cb, g_object_ref (task));
}

static void
apply_then (GTask           *task,
            FlawIngestBatch *batch,
            StepFunc         next)
{
  SyncData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->pending_batch, flaw_ingest_batch_free);
  data->pending_batch = batch;
  data->after_apply = next;
  apply_pending (task);
}

static void
finish_sync (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) flaw_ingest_result_free);
}

static void
delta_response (GTask            *task,
                FlawJmapResponse *response,
                GError           *error)
{
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = error;
  g_autoptr(FlawJmapChanges) changes = NULL;
  g_autoptr(FlawIngestBatch) batch = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  JsonObject *arguments;

  if (local_error != NULL)
    {
      return_error (task, g_steal_pointer (&local_error));
      return;
    }

  arguments = flaw_jmap_response_get (response, "changes", "Email/changes", &local_error);
  if (arguments == NULL)
    {
      if (g_error_matches (local_error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_CANNOT_CALCULATE_CHANGES) ||
          g_error_matches (local_error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_TOO_MANY_CHANGES))
        {
          g_debug ("%s: %s; reading the mailbox again", self->name, local_error->message);
          full_sync_start (task);
          return;
        }
      return_error (task, g_steal_pointer (&local_error));
      return;
    }

  if (!(changes = flaw_jmap_changes_parse (arguments, &local_error)))
    {
      return_error (task, g_steal_pointer (&local_error));
      return;
    }

  batch = flaw_ingest_batch_new (self->id);

  for (guint i = 0; i < 2; i++)
    {
      const char *call_id = i == 0 ? "created" : "updated";
      GPtrArray *messages;

      arguments = flaw_jmap_response_get (response, call_id, "Email/get", &local_error);
      if (arguments == NULL)
        {
          if (g_error_matches (local_error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_REQUEST_TOO_LARGE) &&
              data->max_changes > 1)
            {
              data->max_changes /= 2;
              delta_request (task);
              return;
            }
          return_error (task, g_steal_pointer (&local_error));
          return;
        }

      messages = flaw_jmap_email_list_parse (arguments, data->mailbox_id, self->max_body_bytes,
                                             batch->withdrawn_ids, NULL, &local_error);
      if (messages == NULL)
        {
          return_error (task, g_steal_pointer (&local_error));
          return;
        }

      g_ptr_array_extend_and_steal (batch->messages, messages);
    }

  for (guint i = 0; i < changes->destroyed->len; i++)
    g_ptr_array_add (batch->withdrawn_ids, g_strdup (g_ptr_array_index (changes->destroyed, i)));

  g_free (data->email_state);
  data->email_state = g_strdup (changes->new_state);
  data->more_changes = changes->has_more_changes &&
                       g_strcmp0 (changes->old_state, changes->new_state) != 0;

  apply_then (task, g_steal_pointer (&batch), data->more_changes ? delta_request : finish_sync);
}

static void
delta_request (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) invocations = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_jmap_invocation_free);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) get_created = NULL;
  g_autoptr(JsonObject) get_updated = NULL;
  FlawJmapSource *self = g_task_get_source_object (task);

  json_object_set_string_member (changes, "accountId", data->session->account_id);
  json_object_set_string_member (changes, "sinceState", data->email_state);
  json_object_set_int_member (changes, "maxChanges", data->max_changes);
  get_created = flaw_jmap_email_get_arguments (data->session->account_id, "changes", "Email/changes",
                                               "/created", self->max_body_bytes);
  get_updated = flaw_jmap_email_get_arguments (data->session->account_id, "changes", "Email/changes",
                                               "/updated", self->max_body_bytes);

  g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Email/changes", changes, "changes"));
  g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Email/get", get_created, "created"));
  g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Email/get", get_updated, "updated"));

  post_api (task, invocations, delta_response);
}

static void
full_response (GTask            *task,
               FlawJmapResponse *response,
               GError           *error)
{
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = error;
  gboolean done = FALSE;

  if (local_error != NULL)
    {
      /* The server refused the number of calls for the whole request. */
      if (local_error->code == FLAW_JMAP_ERROR_LIMIT && data->pairs > 1)
        {
          data->pairs /= 2;
          full_request (task);
          return;
        }
      return_error (task, g_steal_pointer (&local_error));
      return;
    }

  for (guint i = 0; i < data->pairs && !done; i++)
    {
      g_autofree char *query_id = g_strdup_printf ("q%u", i);
      g_autofree char *get_id = g_strdup_printf ("g%u", i);
      g_autofree char *state = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autoptr(GPtrArray) elsewhere = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *messages;
      JsonObject *query, *get;
      JsonNode *total;

      query = flaw_jmap_response_get (response, query_id, "Email/query", &local_error);
      if (query == NULL || !(ids = flaw_jmap_parse_ids (query, "ids", &local_error)))
        {
          return_error (task, g_steal_pointer (&local_error));
          return;
        }

      /* The listing changed between pages: positions shifted, and a mail
       * could be skipped. Read it again from the start (a few times). */
      {
        JsonNode *query_state = json_object_get_member (query, "queryState");
        const char *value = query_state != NULL && JSON_NODE_HOLDS_VALUE (query_state) &&
                            json_node_get_value_type (query_state) == G_TYPE_STRING
                            ? json_node_get_string (query_state) : NULL;

        if (data->query_state == NULL)
          data->query_state = g_strdup (value);
        else if (value != NULL && !g_str_equal (value, data->query_state) && data->n_restarts < MAX_RESTARTS)
          {
            data->n_restarts++;
            g_debug ("%s: the mailbox changed while it was read; reading it again", self->name);
            full_sync_start (task);
            return;
          }
      }

      total = json_object_get_member (query, "total");
      if (total != NULL && JSON_NODE_HOLDS_VALUE (total) && json_node_get_value_type (total) == G_TYPE_INT64)
        data->total = json_node_get_int (total);

      get = flaw_jmap_response_get (response, get_id, "Email/get", &local_error);
      if (get == NULL)
        {
          if (g_error_matches (local_error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_REQUEST_TOO_LARGE) &&
              data->page_size > 1)
            {
              data->page_size /= 2;
              full_request (task);
              return;
            }
          return_error (task, g_steal_pointer (&local_error));
          return;
        }

      messages = flaw_jmap_email_list_parse (get, data->mailbox_id, self->max_body_bytes,
                                             elsewhere, &state, &local_error);
      if (messages == NULL)
        {
          return_error (task, g_steal_pointer (&local_error));
          return;
        }

      g_ptr_array_extend_and_steal (data->full_batch->messages, messages);
      if (data->full_state == NULL)
        data->full_state = g_steal_pointer (&state);

      data->position += ids->len;
      if (ids->len == 0 || (data->total >= 0 && data->position >= data->total))
        done = TRUE;
    }

  if (!done)
    {
      full_request (task);
      return;
    }

  g_free (data->email_state);
  data->email_state = g_steal_pointer (&data->full_state);
  apply_then (task, g_steal_pointer (&data->full_batch), finish_sync);
}

static void
full_request (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) invocations = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_jmap_invocation_free);
  FlawJmapSource *self = g_task_get_source_object (task);

  for (guint i = 0; i < data->pairs; i++)
    {
      g_autofree char *query_id = g_strdup_printf ("q%u", i);
      g_autofree char *get_id = g_strdup_printf ("g%u", i);
      g_autoptr(JsonObject) query = json_object_new ();
      g_autoptr(JsonObject) get = NULL;
      JsonObject *filter = json_object_new ();
      JsonObject *sort = json_object_new ();
      JsonArray *sorts = json_array_new ();

      json_object_set_string_member (query, "accountId", data->session->account_id);
      json_object_set_string_member (filter, "inMailbox", data->mailbox_id);
      json_object_set_object_member (query, "filter", filter);
      json_object_set_string_member (sort, "property", "receivedAt");
      json_object_set_boolean_member (sort, "isAscending", TRUE);
      json_array_add_object_element (sorts, sort);
      json_object_set_array_member (query, "sort", sorts);
      json_object_set_int_member (query, "position", data->position + (gint64) i * data->page_size);
      json_object_set_int_member (query, "limit", data->page_size);
      json_object_set_boolean_member (query, "calculateTotal", TRUE);

      get = flaw_jmap_email_get_arguments (data->session->account_id, query_id, "Email/query",
                                          "/ids", self->max_body_bytes);

      g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Email/query", query, query_id));
      g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Email/get", get, get_id));
    }

  post_api (task, invocations, full_response);
}

/* A full read: every mail in the mailbox, and whatever is no longer there
 * is marked as withdrawn when the batch is stored. */
static void
full_sync_start (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->full_batch, flaw_ingest_batch_free);
  g_clear_pointer (&data->full_state, g_free);
  g_clear_pointer (&data->query_state, g_free);
  data->full_batch = flaw_ingest_batch_new (((FlawJmapSource *) g_task_get_source_object (task))->id);
  flaw_ingest_batch_set_complete (data->full_batch);
  data->position = 0;
  data->total = -1;
  data->page_size = MIN (data->session->max_objects_in_get, 500);
  data->pairs = MAX (1, data->session->max_calls_in_request / 2);

  full_request (task);
}

static void
mailbox_response (GTask            *task,
                  FlawJmapResponse *response,
                  GError           *error)
{
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = error;
  JsonObject *arguments;

  if (local_error == NULL &&
      (arguments = flaw_jmap_response_get (response, "m", "Mailbox/get", &local_error)) != NULL)
    {
      g_free (data->mailbox_id);
      data->mailbox_id = flaw_jmap_find_mailbox (arguments, self->mailbox, &local_error);
    }

  if (local_error != NULL)
    {
      return_error (task, g_steal_pointer (&local_error));
      return;
    }

  full_sync_start (task);
}

static void
find_mailbox (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) invocations = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_jmap_invocation_free);
  g_autoptr(JsonObject) arguments = json_object_new ();
  JsonArray *properties = json_array_new ();

  json_object_set_string_member (arguments, "accountId", data->session->account_id);
  json_object_set_null_member (arguments, "ids");
  json_array_add_string_element (properties, "id");
  json_array_add_string_element (properties, "name");
  json_array_add_string_element (properties, "role");
  json_object_set_array_member (arguments, "properties", properties);
  g_ptr_array_add (invocations, flaw_jmap_invocation_new ("Mailbox/get", arguments, "m"));

  post_api (task, invocations, mailbox_response);
}

static void
secret_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = flaw_credentials_lookup_finish (FLAW_CREDENTIALS (object), result, &error);
  if (secret == NULL)
    {
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_AUTH, "%s: %s",
                               self->name, error->message);
      return;
    }

  data->auth_header = _flaw_jmap_source_dup_authorization (self, secret);
  secret_password_free (secret);

  if (data->session == NULL)
    fetch_session (task, find_mailbox);
  else if (data->email_state == NULL)
    full_sync_start (task);
  else
    delta_request (task);
}

static void
state_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawJmapSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  state = flaw_source_read_state_finish (FLAW_STORE (object), result, &error);
  if (state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  load_state (data, state);

  flaw_credentials_lookup_async (self->credentials, self->id, g_task_get_cancellable (task),
                                 secret_ready_cb, g_object_ref (task));
}

static void
flaw_jmap_source_sync_async (FlawSource          *source,
                             FlawStore           *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  FlawJmapSource *self = FLAW_JMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_jmap_source_sync_async);

  data = g_new0 (SyncData, 1);
  data->store = g_object_ref (store);
  data->result = flaw_ingest_result_new ();
  data->max_changes = MAX_CHANGES_CAP;
  data->total = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  flaw_source_read_state_async (store, self->id, cancellable, state_ready_cb, g_steal_pointer (&task));
}

static gint64
flaw_jmap_source_get_id (FlawSource *source)
{
  return FLAW_JMAP_SOURCE (source)->id;
}

static const char *
flaw_jmap_source_get_name (FlawSource *source)
{
  return FLAW_JMAP_SOURCE (source)->name;
}

static const char *
flaw_jmap_source_get_kind (FlawSource *source)
{
  return "jmap";
}

static void
source_iface_init (FlawSourceInterface *iface)
{
  iface->get_id = flaw_jmap_source_get_id;
  iface->get_name = flaw_jmap_source_get_name;
  iface->get_kind = flaw_jmap_source_get_kind;
  iface->sync_async = flaw_jmap_source_sync_async;
}

static void
flaw_jmap_source_finalize (GObject *object)
{
  FlawJmapSource *self = (FlawJmapSource *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->auth, g_free);
  g_clear_pointer (&self->mailbox, g_free);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (flaw_jmap_source_parent_class)->finalize (object);
}

static void
flaw_jmap_source_class_init (FlawJmapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_jmap_source_finalize;
}

static void
flaw_jmap_source_init (FlawJmapSource *self)
{
  self->max_body_bytes = FLAW_JMAP_SOURCE_DEFAULT_MAX_BODY_BYTES;
}

/**
 * flaw_jmap_source_new:
 * @info: the source row (kind "jmap")
 *
 * Returns: (transfer full): the source, or %NULL with @error set if its
 *   configuration is not usable
 */
FlawJmapSource *
flaw_jmap_source_new (const FlawSourceInfo  *info,
                      FlawHttp              *http,
                      FlawCredentials       *credentials,
                      GError               **error)
{
  g_autoptr(FlawJmapSource) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *config;
  JsonNode *root, *max_body;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (FLAW_IS_HTTP (http), NULL);
  g_return_val_if_fail (FLAW_IS_CREDENTIALS (credentials), NULL);

  if (!json_parser_load_from_data (parser, info->config, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("The settings of source “%s” are damaged. Remove the source and add it again."),
                   info->name);
      return NULL;
    }

  config = json_node_get_object (root);

  self = g_object_new (FLAW_TYPE_JMAP_SOURCE, NULL);
  self->id = info->id;
  self->name = g_strdup (info->name);
  self->url = g_strdup (flaw_json_get_string (config, "url"));
  self->user = g_strdup (flaw_json_get_string (config, "user"));
  self->auth = g_strdup (flaw_json_get_string (config, "auth"));
  self->mailbox = g_strdup (flaw_json_get_string (config, "mailbox"));
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);

  max_body = json_object_get_member (config, "maxBodyBytes");
  if (max_body != NULL && JSON_NODE_HOLDS_VALUE (max_body) &&
      json_node_get_value_type (max_body) == G_TYPE_INT64 &&
      json_node_get_int (max_body) > 0 && json_node_get_int (max_body) <= 16 * 1024 * 1024)
    self->max_body_bytes = (guint) json_node_get_int (max_body);

  if (self->url == NULL || *self->url == '\0')
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("Source “%s” has no server address."), info->name);
      return NULL;
    }
  if (self->auth == NULL || (!g_str_equal (self->auth, "basic") && !g_str_equal (self->auth, "bearer")))
    {
      g_free (self->auth);
      self->auth = g_strdup ("bearer");
    }
  if (self->user == NULL)
    self->user = g_strdup ("");
  if (self->mailbox == NULL || *self->mailbox == '\0')
    {
      g_free (self->mailbox);
      self->mailbox = g_strdup ("inbox");
    }

  return g_steal_pointer (&self);
}

/**
 * _flaw_jmap_source_dup_authorization:
 * @secret: the password (Basic) or token (Bearer)
 *
 * Returns: (transfer full): the value of the Authorization header; clear
 *   it with memset() before freeing
 */
char *
_flaw_jmap_source_dup_authorization (FlawJmapSource *self,
                                     const char     *secret)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  char *header;

  if (!g_str_equal (self->auth, "basic"))
    return g_strconcat ("Bearer ", secret, NULL);

  pair = g_strconcat (self->user, ":", secret, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  header = g_strconcat ("Basic ", encoded, NULL);
  memset (pair, 0, strlen (pair));
  memset (encoded, 0, strlen (encoded));

  return header;
}

/**
 * _flaw_jmap_source_session_from_state:
 * @state: (nullable): the source's stored state
 *
 * Returns: (transfer full) (nullable): the session kept in @state
 */
FlawJmapSession *
_flaw_jmap_source_session_from_state (const char *state)
{
  g_autofree SyncData *data = g_new0 (SyncData, 1);
  FlawJmapSession *session;

  load_state (data, state);
  session = g_steal_pointer (&data->session);
  g_free (data->mailbox_id);
  g_free (data->email_state);

  return session;
}
