/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-fake-osv-server"

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-fake-osv-server.h"
#include "flaw-test-server.h"

/* A local stand-in for api.osv.dev: querybatch with OSV's limit of 1,000
 * queries, pagination through next_page_token, GET /v1/vulns/{id}, modified
 * times a test can change, and failures on purpose. */

typedef struct
{
  char      *id;
  gint64     modified;
  GStrv      aliases;
  char      *summary;
  char      *ecosystem;
  char      *name;
  GStrv      versions;
  char      *fixed;
} FakeVuln;

struct _FlawFakeOsvServer
{
  GObject          parent_instance;

  SoupServer      *server;
  char            *url;
  GHashTable      *vulns;      /* id → FakeVuln */
  GHashTable      *packages;   /* "ecosystem\nname\nversion" → GPtrArray of FakeVuln */
  GHashTable      *fetched;    /* id → count */
  guint            page_size;
  guint            fail_from;
  guint            fail_status;
  FlawFakeOsvHook  hook;
  gpointer         hook_data;
  guint            requests;
  guint            batches;
  guint            max_batch;
  guint            fetches;
};

G_DEFINE_FINAL_TYPE (FlawFakeOsvServer, flaw_fake_osv_server, G_TYPE_OBJECT)

static void
fake_vuln_free (FakeVuln *vuln)
{
  g_free (vuln->id);
  g_strfreev (vuln->aliases);
  g_free (vuln->summary);
  g_free (vuln->ecosystem);
  g_free (vuln->name);
  g_strfreev (vuln->versions);
  g_free (vuln->fixed);
  g_free (vuln);
}

static void
reply_json (SoupServerMessage *message,
            guint              status,
            JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, 3);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  reply_json (message, status, builder);
}

static void
handle_batch (FlawFakeOsvServer *self,
              SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *root, *queries_node;
  JsonArray *queries;
  guint n;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(queries_node = json_object_get_member (json_node_get_object (root), "queries")) ||
      !JSON_NODE_HOLDS_ARRAY (queries_node))
    {
      reply_error (message, 400, "Invalid query.");
      return;
    }

  queries = json_node_get_array (queries_node);
  n = json_array_get_length (queries);
  self->batches++;
  self->max_batch = MAX (self->max_batch, n);

  if (n > 1000)
    {
      reply_error (message, 400, "Too many queries.");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *query = json_array_get_object_element (queries, i);
      JsonObject *package = json_object_get_object_member (query, "package");
      const char *token = json_object_get_string_member_with_default (query, "page_token", NULL);
      g_autofree char *key = NULL;
      GPtrArray *found;
      guint offset = token != NULL ? (guint) g_ascii_strtoull (token, NULL, 10) : 0;
      guint end;

      key = g_strdup_printf ("%s\n%s\n%s",
                             json_object_get_string_member_with_default (package, "ecosystem", ""),
                             json_object_get_string_member_with_default (package, "name", ""),
                             json_object_get_string_member_with_default (query, "version", ""));
      found = g_hash_table_lookup (self->packages, key);
      end = found != NULL ? MIN (found->len, offset + self->page_size) : 0;

      json_builder_begin_object (builder);
      if (found != NULL && offset < end)
        {
          json_builder_set_member_name (builder, "vulns");
          json_builder_begin_array (builder);
          for (guint j = offset; j < end; j++)
            {
              FakeVuln *vuln = g_ptr_array_index (found, j);
              g_autofree char *modified = flaw_test_server_format_time (vuln->modified);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, vuln->id);
              json_builder_set_member_name (builder, "modified");
              json_builder_add_string_value (builder, modified);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          if (end < found->len)
            {
              g_autofree char *next = g_strdup_printf ("%u", end);

              json_builder_set_member_name (builder, "next_page_token");
              json_builder_add_string_value (builder, next);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_json (message, 200, builder);
}

static void
handle_vuln (FlawFakeOsvServer *self,
             SoupServerMessage *message,
             const char        *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *modified = NULL;
  FakeVuln *vuln = g_hash_table_lookup (self->vulns, id);

  self->fetches++;
  g_hash_table_replace (self->fetched, g_strdup (id),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->fetched, id)) + 1));

  if (vuln == NULL)
    {
      reply_error (message, 404, "Bug not found.");
      return;
    }

  modified = flaw_test_server_format_time (vuln->modified);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_string_value (builder, "1.6.0");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, vuln->id);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified);
  json_builder_set_member_name (builder, "published");
  json_builder_add_string_value (builder, "2024-01-02T03:04:05Z");
  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; vuln->aliases != NULL && vuln->aliases[i] != NULL; i++)
    json_builder_add_string_value (builder, vuln->aliases[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, vuln->summary);
  json_builder_set_member_name (builder, "details");
  json_builder_add_string_value (builder, "Details of the flaw, as plain text. <b>not markup</b>");
  json_builder_set_member_name (builder, "severity");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "CVSS_V3");
  json_builder_set_member_name (builder, "score");
  json_builder_add_string_value (builder, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "affected");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "package");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ecosystem");
  json_builder_add_string_value (builder, vuln->ecosystem);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, vuln->name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ranges");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "ECOSYSTEM");
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "introduced");
  json_builder_add_string_value (builder, "0");
  json_builder_end_object (builder);
  if (vuln->fixed != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "fixed");
      json_builder_add_string_value (builder, vuln->fixed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; vuln->versions[i] != NULL; i++)
    json_builder_add_string_value (builder, vuln->versions[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "references");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "ADVISORY");
  json_builder_set_member_name (builder, "url");
  {
    g_autofree char *url = g_strdup_printf ("https://osv.dev/vulnerability/%s", vuln->id);
    json_builder_add_string_value (builder, url);
  }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_json (message, 200, builder);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FlawFakeOsvServer *self = user_data;
  const char *method = soup_server_message_get_method (message);

  self->requests++;
  if (self->hook != NULL)
    self->hook (self->requests, self->hook_data);

  if (self->fail_from > 0 && self->requests >= self->fail_from)
    {
      reply_error (message, self->fail_status, "Failing on purpose.");
      return;
    }

  if (g_str_equal (path, "/v1/querybatch") && g_str_equal (method, "POST"))
    handle_batch (self, message);
  else if (g_str_has_prefix (path, "/v1/vulns/") && g_str_equal (method, "GET"))
    handle_vuln (self, message, path + strlen ("/v1/vulns/"));
  else
    reply_error (message, 404, "Not found.");
}

static void
flaw_fake_osv_server_finalize (GObject *object)
{
  FlawFakeOsvServer *self = FLAW_FAKE_OSV_SERVER (object);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_free (self->url);
  g_clear_pointer (&self->packages, g_hash_table_unref);
  g_clear_pointer (&self->vulns, g_hash_table_unref);
  g_clear_pointer (&self->fetched, g_hash_table_unref);

  G_OBJECT_CLASS (flaw_fake_osv_server_parent_class)->finalize (object);
}

static void
flaw_fake_osv_server_class_init (FlawFakeOsvServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = flaw_fake_osv_server_finalize;
}

static void
flaw_fake_osv_server_init (FlawFakeOsvServer *self)
{
  self->vulns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) fake_vuln_free);
  self->packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->page_size = 1000;
}

/**
 * flaw_fake_osv_server_new:
 *
 * Listens on 127.0.0.1 on a free port, on the thread-default main context.
 */
FlawFakeOsvServer *
flaw_fake_osv_server_new (void)
{
  FlawFakeOsvServer *self = g_object_new (FLAW_TYPE_FAKE_OSV_SERVER, NULL);
  g_autoptr(GUri) base = NULL;
  g_autofree char *url = NULL;

  self->server = flaw_test_server_new ("flaw-fake-osv ", 0, handler_cb, self, &base);
  url = g_uri_to_string (base);
  /* Without the trailing slash, as a configured API URL is written. */
  self->url = g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));

  return self;
}

const char *
flaw_fake_osv_server_get_url (FlawFakeOsvServer *self)
{
  return self->url;
}

/**
 * flaw_fake_osv_server_add_vuln:
 * @versions: the versions of @ecosystem/@name it affects
 * @fixed: (nullable): the version that fixes it
 */
void
flaw_fake_osv_server_add_vuln (FlawFakeOsvServer  *self,
                               const char         *id,
                               gint64              modified,
                               const char * const *aliases,
                               const char         *summary,
                               const char         *ecosystem,
                               const char         *name,
                               const char * const *versions,
                               const char         *fixed)
{
  FakeVuln *vuln = g_new0 (FakeVuln, 1);

  vuln->id = g_strdup (id);
  vuln->modified = modified;
  vuln->aliases = g_strdupv ((char **) aliases);
  vuln->summary = g_strdup (summary);
  vuln->ecosystem = g_strdup (ecosystem);
  vuln->name = g_strdup (name);
  vuln->versions = g_strdupv ((char **) versions);
  vuln->fixed = g_strdup (fixed);
  g_hash_table_replace (self->vulns, vuln->id, vuln);

  for (guint i = 0; versions[i] != NULL; i++)
    {
      char *key = g_strdup_printf ("%s\n%s\n%s", ecosystem, name, versions[i]);
      GPtrArray *list = g_hash_table_lookup (self->packages, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->packages, key, list);
        }
      else
        g_free (key);

      g_ptr_array_add (list, vuln);
    }
}

/**
 * flaw_fake_osv_server_set_modified:
 * @summary: (nullable): a new summary, or %NULL to keep it
 */
void
flaw_fake_osv_server_set_modified (FlawFakeOsvServer *self,
                                   const char        *id,
                                   gint64             modified,
                                   const char        *summary)
{
  FakeVuln *vuln = g_hash_table_lookup (self->vulns, id);

  g_assert (vuln != NULL);
  vuln->modified = modified;
  if (summary != NULL)
    {
      g_free (vuln->summary);
      vuln->summary = g_strdup (summary);
    }
}

/* How many vulnerabilities a query's answer holds before it is paged. */
void
flaw_fake_osv_server_set_page_size (FlawFakeOsvServer *self,
                                    guint              page_size)
{
  g_assert (page_size > 0);
  self->page_size = page_size;
}

/* Answers every request from @from_request on (counted from the start)
 * with @status; 0 stops failing. */
void
flaw_fake_osv_server_fail (FlawFakeOsvServer *self,
                           guint              from_request,
                           guint              status)
{
  self->fail_from = from_request;
  self->fail_status = status;
}

void
flaw_fake_osv_server_set_hook (FlawFakeOsvServer *self,
                               FlawFakeOsvHook    hook,
                               gpointer           user_data)
{
  self->hook = hook;
  self->hook_data = user_data;
}

guint
flaw_fake_osv_server_get_requests (FlawFakeOsvServer *self)
{
  return self->requests;
}

guint
flaw_fake_osv_server_get_batches (FlawFakeOsvServer *self)
{
  return self->batches;
}

guint
flaw_fake_osv_server_get_max_batch (FlawFakeOsvServer *self)
{
  return self->max_batch;
}

guint
flaw_fake_osv_server_get_fetches (FlawFakeOsvServer *self)
{
  return self->fetches;
}

guint
flaw_fake_osv_server_count_fetches (FlawFakeOsvServer *self,
                                    const char        *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->fetched, id));
}

void
flaw_fake_osv_server_reset_counts (FlawFakeOsvServer *self)
{
  self->requests = 0;
  self->batches = 0;
  self->max_batch = 0;
  self->fetches = 0;
  g_hash_table_remove_all (self->fetched);
}
