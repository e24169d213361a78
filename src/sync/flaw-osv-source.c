/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-osv-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-dependency-store.h"
#include "flaw-json-util.h"
#include "flaw-osv-codec.h"
#include "flaw-osv-source.h"

struct _FlawOsvSource
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *api_url;
  FlawHttp *http;
  guint     batch_size;
};

static void source_iface_init (FlawSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlawOsvSource, flaw_osv_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FLAW_TYPE_SOURCE, source_iface_init))

enum {
  VULNERABILITIES_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  FlawStore          *store;
  /* OSV id → modified time of each record stored: the sync position. */
  GHashTable         *records;
  GPtrArray          *components;   /* FlawComponent */
  guint               chunk_start;
  guint               chunk_end;
  /* Per component of the chunk: the ids found so far and the next page. */
  GPtrArray          *found;
  GPtrArray          *page_tokens;
  GArray             *pending;      /* guint: indexes into the chunk still paging */
  GHashTable         *to_fetch;     /* id → modified */
  GPtrArray          *fetch_queue;  /* char * */
  guint               fetch_next;
  guint               fetch_running;
  FlawOsvCheck       *check;
  GError             *fetch_error;
  FlawIngestResult   *total;
  GPtrArray          *new_pairs;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->records, g_hash_table_unref);
  g_clear_pointer (&data->components, g_ptr_array_unref);
  g_clear_pointer (&data->found, g_ptr_array_unref);
  g_clear_pointer (&data->page_tokens, g_ptr_array_unref);
  g_clear_pointer (&data->pending, g_array_unref);
  g_clear_pointer (&data->to_fetch, g_hash_table_unref);
  g_clear_pointer (&data->fetch_queue, g_ptr_array_unref);
  g_clear_pointer (&data->check, flaw_osv_check_free);
  g_clear_error (&data->fetch_error);
  g_clear_pointer (&data->total, flaw_ingest_result_free);
  g_clear_pointer (&data->new_pairs, g_ptr_array_unref);
  g_free (data);
}

static void start_chunk (GTask *task);

/**
 * flaw_osv_source_build_config:
 * @api_url: (nullable): the OSV API base URL; the public one by default
 *
 * Returns: (transfer full): the configuration JSON, or %NULL with @error set
 */
char *
flaw_osv_source_build_config (const char  *api_url,
                              GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;

  if (api_url == NULL || *api_url == '\0')
    api_url = FLAW_OSV_DEFAULT_API_URL;

  if (!(uri = flaw_http_parse_url (api_url, error)))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiUrl");
  json_builder_add_string_value (builder, api_url);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char *
api_url (FlawOsvSource *self,
         const char    *path)
{
  gsize length = strlen (self->api_url);

  if (length > 0 && self->api_url[length - 1] == '/')
    length--;

  return g_strdup_printf ("%.*s%s", (int) length, self->api_url, path);
}

static char *
build_state (GHashTable *records)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (records), (GCompareFunc) strcmp);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      gint64 *modified = g_hash_table_lookup (records, l->data);

      json_builder_set_member_name (builder, l->data);
      json_builder_add_int_value (builder, *modified);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
load_state (GHashTable *records,
            const char *state)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root, *node;
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (state == NULL || *state == '\0' || !json_parser_load_from_data (parser, state, -1, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(node = json_object_get_member (json_node_get_object (root), "records")) ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        g_hash_table_insert (records, g_strdup (l->data),
                             g_memdup2 (&(gint64) { json_node_get_int (value) }, sizeof (gint64)));
    }
}

static void
return_protocol_error (GTask       *task,
                       GError      *error)
{
  FlawOsvSource *self = g_task_get_source_object (task);

  g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL, "%s: %s",
                           self->name, error->message);
}

static void
finish_sync (GTask *task)
{
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  flaw_store_notify_changed (data->store, "component");
  if (data->new_pairs->len > 0)
    {
      g_ptr_array_add (data->new_pairs, NULL);
      g_signal_emit (self, signals[VULNERABILITIES_FOUND], 0, data->new_pairs->pdata);
    }

  g_task_return_pointer (task, g_steal_pointer (&data->total), (GDestroyNotify) flaw_ingest_result_free);
}

static gpointer
apply_check_job (FlawDatabase  *database,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(FlawOsvCheckResult) result = flaw_osv_check_result_new ();

  if (!flaw_osv_store_apply_check (database, user_data, result, error))
    return NULL;

  return g_steal_pointer (&result);
}

static void
apply_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(FlawOsvCheckResult) checked = NULL;
  GError *error = NULL;

  checked = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (checked == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->total->n_new += checked->n_new;
  data->total->n_updated += checked->n_updated;
  data->total->n_unchanged += checked->n_unchanged;
  data->total->n_withdrawn += checked->n_resolved;
  for (guint i = 0; i < checked->new_pairs->len; i++)
    g_ptr_array_add (data->new_pairs, g_strdup (g_ptr_array_index (checked->new_pairs, i)));

  data->chunk_start = data->chunk_end;
  if (data->chunk_start < data->components->len)
    start_chunk (task);
  else
    finish_sync (task);
}

static void
apply_chunk (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  FlawOsvCheck *check = g_steal_pointer (&data->check);

  for (guint i = 0; i < check->vulns->len; i++)
    {
      FlawOsvVuln *vuln = g_ptr_array_index (check->vulns, i);

      g_hash_table_insert (data->records, g_strdup (vuln->id),
                           g_memdup2 (&vuln->modified, sizeof (gint64)));
    }

  for (guint i = data->chunk_start; i < data->chunk_end; i++)
    {
      FlawComponent *component = g_ptr_array_index (data->components, i);

      g_array_append_val (check->component_ids, component->id);
      g_ptr_array_add (check->found, g_ptr_array_ref (g_ptr_array_index (data->found, i - data->chunk_start)));
    }
  check->state = build_state (data->records);

  flaw_store_run_async (data->store, apply_check_job, check, (GDestroyNotify) flaw_osv_check_free,
                        (GDestroyNotify) flaw_osv_check_result_free, g_task_get_cancellable (task),
                        apply_ready_cb, g_object_ref (task));
}

static void fetch_more (GTask *task);

static void
vuln_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawOsvVuln) vuln = NULL;
  gconstpointer bytes;
  gsize length;

  data->fetch_running--;

  body = flaw_http_send_finish_checked (FLAW_HTTP (object), result, NULL, self->name, &error);
  if (body != NULL)
    {
      bytes = g_bytes_get_data (body, &length);
      if (!(vuln = flaw_osv_vuln_parse (bytes, length, &error)))
        {
          g_autoptr(GError) parse_error = g_steal_pointer (&error);

          g_set_error (&error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL, "%s: %s",
                       self->name, parse_error->message);
        }
    }

  if (error != NULL && data->fetch_error == NULL)
    data->fetch_error = g_steal_pointer (&error);

  if (vuln != NULL && data->check != NULL)
    g_ptr_array_add (data->check->vulns, g_steal_pointer (&vuln));

  fetch_more (task);
}

static void
fetch_more (GTask *task)
{
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  /* Stop starting requests after the first failure; wait for those running. */
  while (data->fetch_error == NULL && data->fetch_running < FLAW_OSV_PARALLEL_FETCHES &&
         data->fetch_next < data->fetch_queue->len)
    {
      const char *id = g_ptr_array_index (data->fetch_queue, data->fetch_next++);
      g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
      g_autofree char *path = g_strconcat ("/v1/vulns/", escaped, NULL);
      g_autofree char *url = api_url (self, path);
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GUri) uri = NULL;

      if (!(uri = flaw_http_parse_url (url, &data->fetch_error)))
        break;

      message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
      data->fetch_running++;
      flaw_http_send_async (self->http, message, TRUE, g_task_get_cancellable (task),
                            vuln_ready_cb, g_object_ref (task));
    }

  if (data->fetch_running > 0)
    return;

  if (data->fetch_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->fetch_error));
      return;
    }

  if (data->fetch_next >= data->fetch_queue->len)
    apply_chunk (task);
}

static void
fetch_vulns (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer key, value;

  g_ptr_array_set_size (data->fetch_queue, 0);
  data->fetch_next = 0;
  g_hash_table_iter_init (&iter, data->to_fetch);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (data->fetch_queue, g_strdup (key));
  g_ptr_array_sort (data->fetch_queue, (GCompareFunc) g_ascii_strcasecmp);

  fetch_more (task);
}

static void send_batch (GTask *task);

static void
batch_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) still_pending = g_array_new (FALSE, FALSE, sizeof (guint));
  gconstpointer bytes;
  gsize length;

  body = flaw_http_send_finish_checked (FLAW_HTTP (object), result, NULL, self->name, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_get_data (body, &length);
  if (!(results = flaw_osv_parse_querybatch (bytes, length, data->pending->len, &error)))
    {
      return_protocol_error (task, error);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      FlawOsvQueryResult *query = g_ptr_array_index (results, i);
      guint index = g_array_index (data->pending, guint, i);
      GPtrArray *found = g_ptr_array_index (data->found, index);

      for (guint j = 0; j < query->ids->len; j++)
        {
          const char *id = g_ptr_array_index (query->ids, j);
          gint64 modified = g_array_index (query->modified, gint64, j);
          gint64 *known = g_hash_table_lookup (data->records, id);

          g_ptr_array_add (found, g_strdup (id));
          /* New or changed since it was stored: fetch the whole record. */
          if (known == NULL || *known != modified)
            g_hash_table_insert (data->to_fetch, g_strdup (id), NULL);
        }

      g_free (g_ptr_array_index (data->page_tokens, index));
      g_ptr_array_index (data->page_tokens, index) = g_steal_pointer (&query->next_page_token);
      if (g_ptr_array_index (data->page_tokens, index) != NULL)
        g_array_append_val (still_pending, index);
    }

  g_array_set_size (data->pending, 0);
  g_array_append_vals (data->pending, still_pending->data, still_pending->len);

  if (data->pending->len > 0)
    send_batch (task);
  else
    fetch_vulns (task);
}

static void
send_batch (GTask *task)
{
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autofree FlawOsvQuery *queries = g_new0 (FlawOsvQuery, data->pending->len);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = api_url (self, "/v1/querybatch");
  g_autoptr(GError) error = NULL;
  char *body;

  for (guint i = 0; i < data->pending->len; i++)
    {
      guint index = g_array_index (data->pending, guint, i);
      FlawComponent *component = g_ptr_array_index (data->components, data->chunk_start + index);

      queries[i].ecosystem = component->ecosystem;
      queries[i].name = component->name;
      queries[i].version = component->version;
      queries[i].page_token = g_ptr_array_index (data->page_tokens, index);
    }

  if (!(uri = flaw_http_parse_url (url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = flaw_osv_build_querybatch (queries, data->pending->len);
  bytes = g_bytes_new_take (body, strlen (body));
  message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);

  flaw_http_send_async (self->http, message, FALSE, g_task_get_cancellable (task),
                        batch_ready_cb, g_object_ref (task));
}

static void
start_chunk (GTask *task)
{
  FlawOsvSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  guint n;

  data->chunk_end = MIN (data->components->len, data->chunk_start + self->batch_size);
  n = data->chunk_end - data->chunk_start;

  g_clear_pointer (&data->found, g_ptr_array_unref);
  g_clear_pointer (&data->page_tokens, g_ptr_array_unref);
  data->found = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  data->page_tokens = g_ptr_array_new_full (n, g_free);
  g_array_set_size (data->pending, 0);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (data->found, g_ptr_array_new_with_free_func (g_free));
      g_ptr_array_add (data->page_tokens, NULL);
      g_array_append_val (data->pending, i);
    }

  g_hash_table_remove_all (data->to_fetch);
  g_clear_pointer (&data->check, flaw_osv_check_free);
  data->check = flaw_osv_check_new (self->id);

  send_batch (task);
}

static gpointer
list_components_job (FlawDatabase  *database,
                     gpointer       user_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return flaw_components_list (database, NULL, FALSE, error);
}

static void
components_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->components = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (data->components == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->components->len == 0)
    finish_sync (task);
  else
    start_chunk (task);
}

static void
state_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autofree char *state = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  state = flaw_source_read_state_finish (FLAW_STORE (object), result, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  load_state (data->records, state);
  cancellable = g_task_get_cancellable (task);
  flaw_store_run_async (data->store, list_components_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        cancellable, components_ready_cb, g_steal_pointer (&task));
}

static void
flaw_osv_source_sync_async (FlawSource          *source,
                            FlawStore           *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  FlawOsvSource *self = FLAW_OSV_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_osv_source_sync_async);

  data = g_new0 (SyncData, 1);
  data->store = g_object_ref (store);
  data->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  data->to_fetch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->fetch_queue = g_ptr_array_new_with_free_func (g_free);
  data->total = flaw_ingest_result_new ();
  data->new_pairs = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  flaw_source_read_state_async (store, self->id, cancellable, state_ready_cb, g_steal_pointer (&task));
}

static gint64
flaw_osv_source_get_id (FlawSource *source)
{
  return FLAW_OSV_SOURCE (source)->id;
}

static const char *
flaw_osv_source_get_name (FlawSource *source)
{
  return FLAW_OSV_SOURCE (source)->name;
}

static const char *
flaw_osv_source_get_kind (FlawSource *source)
{
  return "osv";
}

static void
source_iface_init (FlawSourceInterface *iface)
{
  iface->get_id = flaw_osv_source_get_id;
  iface->get_name = flaw_osv_source_get_name;
  iface->get_kind = flaw_osv_source_get_kind;
  iface->sync_async = flaw_osv_source_sync_async;
}

static void
flaw_osv_source_finalize (GObject *object)
{
  FlawOsvSource *self = FLAW_OSV_SOURCE (object);

  g_free (self->name);
  g_free (self->api_url);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (flaw_osv_source_parent_class)->finalize (object);
}

static void
flaw_osv_source_class_init (FlawOsvSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_osv_source_finalize;

  /**
   * FlawOsvSource::vulnerabilities-found:
   * @pairs: (array zero-terminated=1): "ecosystem/name@version: OSV id" for
   *   each vulnerability that newly affects a component and is not suppressed
   *
   * Emitted at the end of a sync that found new vulnerabilities, for a
   * notification.
   */
  signals[VULNERABILITIES_FOUND] =
    g_signal_new ("vulnerabilities-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
flaw_osv_source_init (FlawOsvSource *self)
{
  self->batch_size = FLAW_OSV_MAX_BATCH;
}

/**
 * flaw_osv_source_new:
 * @info: the source row (kind "osv")
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
FlawOsvSource *
flaw_osv_source_new (const FlawSourceInfo  *info,
                     FlawHttp              *http,
                     GError               **error)
{
  g_autoptr(FlawOsvSource) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GUri) uri = NULL;
  const char *url = NULL;
  JsonNode *root;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (FLAW_IS_HTTP (http), NULL);

  if (!json_parser_load_from_data (parser, info->config, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("The settings of source “%s” are damaged. Remove the source and add it again."),
                   info->name);
      return NULL;
    }

  url = flaw_json_get_string (json_node_get_object (root), "apiUrl");
  if (url == NULL || *url == '\0')
    url = FLAW_OSV_DEFAULT_API_URL;

  if (!(uri = flaw_http_parse_url (url, error)))
    return NULL;

  self = g_object_new (FLAW_TYPE_OSV_SOURCE, NULL);
  self->id = info->id;
  self->name = g_strdup (info->name);
  self->api_url = g_strdup (url);
  self->http = g_object_ref (http);

  return g_steal_pointer (&self);
}

/**
 * flaw_osv_source_set_batch_size:
 * @batch_size: queries per querybatch request, 1 to %FLAW_OSV_MAX_BATCH
 */
void
flaw_osv_source_set_batch_size (FlawOsvSource *self,
                                guint          batch_size)
{
  g_return_if_fail (FLAW_IS_OSV_SOURCE (self));
  g_return_if_fail (batch_size > 0 && batch_size <= FLAW_OSV_MAX_BATCH);

  self->batch_size = batch_size;
}
