/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-github-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-github-codec.h"
#include "flaw-github-source.h"
#include "flaw-json-util.h"

#define PER_PAGE 100

/*
 * One listing per repository, without a state filter: GitHub's listing
 * takes a single state, and two filtered listings cost two requests where
 * one will do. The triage and draft advisories are picked out here (see
 * flaw_github_advisories_parse()).
 *
 * A page's ETag covers that page only, so the state keeps, for every page
 * URL, its ETag, the ids of the advisories on it and the address of the next
 * page. A sync asks for every page with If-None-Match; a 304 stands for the
 * stored ids and the stored next page. With no changes that is one request
 * per page: one per repository of up to PER_PAGE advisories. A change on a
 * later page is seen because that page is asked for too.
 */

struct _FlawGithubSource
{
  GObject          parent_instance;

  gint64           id;
  char            *name;
  GStrv            repos;
  char            *api_url;
  FlawHttp        *http;
  FlawCredentials *credentials;
  gint64           not_before;
};

static void source_iface_init (FlawSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlawGithubSource, flaw_github_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FLAW_TYPE_SOURCE, source_iface_init))

typedef struct
{
  FlawStore       *store;
  char            *token;
  JsonObject      *old_state;
  JsonBuilder     *new_state;
  FlawIngestBatch *batch;
  guint            repo_index;
  char            *url;
  GHashTable      *visited;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->store);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_clear_pointer (&data->old_state, json_object_unref);
  g_clear_object (&data->new_state);
  g_clear_pointer (&data->batch, flaw_ingest_batch_free);
  g_free (data->url);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_free (data);
}

static void fetch_repo (GTask *task);
static void fetch_url  (GTask      *task,
                        const char *url);

/**
 * flaw_github_source_build_config:
 * @repos: OWNER/REPO names
 * @api_url: (nullable): the API base URL; GitHub's by default
 *
 * Returns: (transfer full): the configuration JSON, or %NULL with @error set
 */
char *
flaw_github_source_build_config (const char * const  *repos,
                                 const char          *api_url,
                                 GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;

  if (repos == NULL || repos[0] == NULL)
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("A GitHub source needs at least one repository (--repo OWNER/REPO)."));
      return NULL;
    }

  for (guint i = 0; repos[i] != NULL; i++)
    if (!flaw_github_repo_is_valid (repos[i]))
      {
        g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                     _("“%s” is not a repository name; write it as OWNER/REPO."), repos[i]);
        return NULL;
      }

  if (api_url == NULL || *api_url == '\0')
    api_url = FLAW_GITHUB_DEFAULT_API_URL;

  if (!(uri = flaw_http_parse_url (api_url, error)))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repos");
  json_builder_begin_array (builder);
  for (guint i = 0; repos[i] != NULL; i++)
    json_builder_add_string_value (builder, repos[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "apiUrl");
  json_builder_add_string_value (builder, api_url);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* What the last sync stored for one page URL: its ETag, ids and next page. */
static JsonObject *
old_page (SyncData   *data,
          const char *url)
{
  JsonObject *page = flaw_json_get_object (flaw_json_get_object (data->old_state, "pages"), url);
  JsonNode *ids;

  if (page == NULL || flaw_json_get_string (page, "etag") == NULL ||
      !(ids = json_object_get_member (page, "ids")) || !JSON_NODE_HOLDS_ARRAY (ids))
    return NULL;

  return page;
}

static void
record_page (SyncData   *data,
             const char *url,
             const char *etag,
             GPtrArray  *ids,
             const char *next)
{
  json_builder_set_member_name (data->new_state, url);
  json_builder_begin_object (data->new_state);
  if (etag != NULL)
    {
      json_builder_set_member_name (data->new_state, "etag");
      json_builder_add_string_value (data->new_state, etag);
    }
  if (next != NULL)
    {
      json_builder_set_member_name (data->new_state, "next");
      json_builder_add_string_value (data->new_state, next);
    }
  json_builder_set_member_name (data->new_state, "ids");
  json_builder_begin_array (data->new_state);
  for (guint i = 0; i < ids->len; i++)
    {
      json_builder_add_string_value (data->new_state, g_ptr_array_index (ids, i));
      flaw_ingest_batch_add_present (data->batch, g_ptr_array_index (ids, i));
    }
  json_builder_end_array (data->new_state);
  json_builder_end_object (data->new_state);
}

static void
apply_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawIngestResult *ingested;
  GError *error = NULL;

  ingested = flaw_source_apply_batch_finish (FLAW_STORE (object), result, &error);
  if (ingested == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ingested, (GDestroyNotify) flaw_ingest_result_free);
}

static void
next_repo (GTask *task)
{
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  if (self->repos[++data->repo_index] != NULL)
    {
      fetch_repo (task);
      return;
    }

  /* Every listing read: store them and the new ETags in one go. */
  {
    g_autoptr(JsonNode) root = NULL;
    FlawIngestBatch *batch = g_steal_pointer (&data->batch);

    json_builder_end_object (data->new_state);
    json_builder_end_object (data->new_state);
    root = json_builder_get_root (data->new_state);
    batch->state = json_to_string (root, FALSE);

    flaw_source_apply_batch_async (data->store, batch, NULL, apply_ready_cb, g_object_ref (task));
  }
}

/* Goes on with @next, a page address or %NULL after the last page. */
static void
follow (GTask      *task,
        const char *next)
{
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);

  if (next == NULL)
    {
      next_repo (task);
      return;
    }

  if (g_hash_table_contains (data->visited, next))
    {
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                               _("%s: GitHub's pages of %s lead back to a page already read (“%s”)."),
                               self->name, self->repos[data->repo_index], next);
      return;
    }

  fetch_url (task, next);
}

static void
page_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next = NULL;
  SoupMessageHeaders *headers;
  JsonObject *old;
  gconstpointer bytes;
  gsize length;
  guint status;

  body = flaw_http_send_finish (FLAW_HTTP (object), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  old = old_page (data, data->url);

  /* This page is as it was: its stored ids stand, and so does its next page. */
  if (status == SOUP_STATUS_NOT_MODIFIED && old != NULL)
    {
      JsonArray *array = json_node_get_array (json_object_get_member (old, "ids"));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *id = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            g_ptr_array_add (ids, g_strdup (json_node_get_string (id)));
        }

      record_page (data, data->url, flaw_json_get_string (old, "etag"), ids, flaw_json_get_string (old, "next"));
      follow (task, flaw_json_get_string (old, "next"));
      return;
    }

  if (status == SOUP_STATUS_FORBIDDEN || status == 429)
    {
      gint64 wait = flaw_http_get_rate_limit_wait (headers, flaw_clock_now ());

      if (wait >= 0 || status == 429)
        self->not_before = flaw_clock_now () + MAX (wait, 60);
    }

  if (!flaw_http_set_status_error (message, body, self->name, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_get_data (body, &length);
  messages = flaw_github_advisories_parse (bytes, length, ids, &error);
  if (messages == NULL)
    {
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL, "%s: %s",
                               self->name, error->message);
      return;
    }

  g_ptr_array_extend_and_steal (data->batch->messages, g_steal_pointer (&messages));

  next = flaw_github_link_next (soup_message_headers_get_one (headers, "Link"));
  if (next != NULL)
    {
      g_autoptr(GUri) next_uri = g_uri_parse_relative (soup_message_get_uri (message), next,
                                                      SOUP_HTTP_URI_FLAGS, NULL);

      if (next_uri == NULL)
        {
          g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                                   _("GitHub sent a next page address Flawdesk cannot read: “%s”."), next);
          return;
        }

      g_free (next);
      next = g_uri_to_string (next_uri);
    }

  record_page (data, data->url, soup_message_headers_get_one (headers, "ETag"), ids, next);
  follow (task, next);
}

static void
fetch_url (GTask      *task,
           const char *url)
{
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;
  JsonObject *old;

  if (!(uri = flaw_http_parse_url (url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (data->url);
  data->url = g_strdup (url);
  g_hash_table_add (data->visited, g_strdup (url));

  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  headers = soup_message_get_request_headers (message);
  authorization = g_strconcat ("Bearer ", data->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", "2022-11-28");

  if ((old = old_page (data, url)) != NULL)
    soup_message_headers_replace (headers, "If-None-Match", flaw_json_get_string (old, "etag"));

  memset (authorization, 0, strlen (authorization));
  flaw_http_send_async (self->http, message, FALSE, g_task_get_cancellable (task),
                        page_ready_cb, g_object_ref (task));
}

static void
fetch_repo (GTask *task)
{
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;

  base = g_str_has_suffix (self->api_url, "/") ? g_strndup (self->api_url, strlen (self->api_url) - 1)
                                               : g_strdup (self->api_url);
  url = g_strdup_printf ("%s/repos/%s/security-advisories?per_page=%d",
                         base, self->repos[data->repo_index], PER_PAGE);

  follow (task, url);
}

static void
token_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = flaw_credentials_lookup_finish (FLAW_CREDENTIALS (object), result, &error);
  if (token == NULL)
    {
      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_AUTH, "%s: %s",
                               self->name, error->message);
      return;
    }

  data->token = g_strdup (token);
  secret_password_free (token);

  data->batch = flaw_ingest_batch_new (self->id);
  flaw_ingest_batch_set_complete (data->batch);
  data->new_state = json_builder_new_immutable ();
  json_builder_begin_object (data->new_state);
  json_builder_set_member_name (data->new_state, "pages");
  json_builder_begin_object (data->new_state);

  fetch_repo (task);
}

static void
state_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlawGithubSource *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  state = flaw_source_read_state_finish (FLAW_STORE (object), result, &error);
  if (state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (*state != '\0' && json_parser_load_from_data (parser, state, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    data->old_state = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  flaw_credentials_lookup_async (self->credentials, self->id, g_task_get_cancellable (task),
                                 token_ready_cb, g_object_ref (task));
}

static void
flaw_github_source_sync_async (FlawSource          *source,
                               FlawStore           *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FlawGithubSource *self = FLAW_GITHUB_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_github_source_sync_async);

  /* Rate limited: ask again only once the wait is over. */
  if (self->not_before > flaw_clock_now ())
    {
      g_autofree char *wait = flaw_http_format_wait (self->not_before - flaw_clock_now ());

      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_RATE_LIMITED,
                               _("GitHub limits how often Flawdesk may ask. Source “%s” will be "
                                 "synced again in %s at the earliest."),
                               self->name, wait);
      return;
    }

  data = g_new0 (SyncData, 1);
  data->store = g_object_ref (store);
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  flaw_source_read_state_async (store, self->id, cancellable, state_ready_cb, g_steal_pointer (&task));
}

static gint64
flaw_github_source_get_id (FlawSource *source)
{
  return FLAW_GITHUB_SOURCE (source)->id;
}

static const char *
flaw_github_source_get_name (FlawSource *source)
{
  return FLAW_GITHUB_SOURCE (source)->name;
}

static const char *
flaw_github_source_get_kind (FlawSource *source)
{
  return "github";
}

static void
source_iface_init (FlawSourceInterface *iface)
{
  iface->get_id = flaw_github_source_get_id;
  iface->get_name = flaw_github_source_get_name;
  iface->get_kind = flaw_github_source_get_kind;
  iface->sync_async = flaw_github_source_sync_async;
}

static void
flaw_github_source_finalize (GObject *object)
{
  FlawGithubSource *self = (FlawGithubSource *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->repos, g_strfreev);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (flaw_github_source_parent_class)->finalize (object);
}

static void
flaw_github_source_class_init (FlawGithubSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_github_source_finalize;
}

static void
flaw_github_source_init (FlawGithubSource *self)
{
}

/**
 * flaw_github_source_new:
 * @info: the source row (kind "github")
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
FlawGithubSource *
flaw_github_source_new (const FlawSourceInfo  *info,
                        FlawHttp              *http,
                        FlawCredentials       *credentials,
                        GError               **error)
{
  g_autoptr(FlawGithubSource) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) repos = g_strv_builder_new ();
  JsonObject *config;
  JsonNode *root, *repos_node;
  const char *api_url;

  g_return_val_if_fail (info != NULL, NULL);

  if (!json_parser_load_from_data (parser, info->config, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("The settings of source “%s” are damaged. Remove the source and add it again."),
                   info->name);
      return NULL;
    }

  config = json_node_get_object (root);
  repos_node = json_object_get_member (config, "repos");
  if (repos_node != NULL && JSON_NODE_HOLDS_ARRAY (repos_node))
    {
      JsonArray *array = json_node_get_array (repos_node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              flaw_github_repo_is_valid (json_node_get_string (node)))
            g_strv_builder_add (repos, json_node_get_string (node));
        }
    }

  self = g_object_new (FLAW_TYPE_GITHUB_SOURCE, NULL);
  self->id = info->id;
  self->name = g_strdup (info->name);
  self->repos = g_strv_builder_end (repos);
  api_url = flaw_json_get_string (config, "apiUrl");
  self->api_url = g_strdup (api_url != NULL ? api_url : FLAW_GITHUB_DEFAULT_API_URL);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);

  if (self->repos[0] == NULL)
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("Source “%s” names no repository."), info->name);
      return NULL;
    }

  return g_steal_pointer (&self);
}
