/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-fake-github-server"

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-fake-github-server.h"
#include "flaw-test-server.h"

/*
 * GitHub's repository security advisories endpoint for tests: listing all
 * advisories or those in one state, Link pagination, an ETag per page with
 * If-None-Match, and rate limits (403 with
 * x-ratelimit-remaining: 0, or 429 with Retry-After).
 */

typedef struct
{
  char   *repo;
  char   *ghsa_id;
  char   *state;
  char   *summary;
  char   *description;
  char   *severity;
  char   *reporter;
  char   *cvss_vector;
  double  cvss_score;
  char   *cwe;
  gint64  created;
} Advisory;

struct _FlawFakeGithubServer
{
  GObject     parent_instance;

  SoupServer *server;
  GUri       *base;
  char       *token;
  GPtrArray  *advisories;
  guint       page_size;
  guint       limit_status;
  gint64      limit_wait;
  guint       n_requests;
  guint       n_not_modified;
};

G_DEFINE_FINAL_TYPE (FlawFakeGithubServer, flaw_fake_github_server, G_TYPE_OBJECT)

static void
advisory_free (Advisory *advisory)
{
  g_free (advisory->repo);
  g_free (advisory->ghsa_id);
  g_free (advisory->state);
  g_free (advisory->summary);
  g_free (advisory->description);
  g_free (advisory->severity);
  g_free (advisory->reporter);
  g_free (advisory->cvss_vector);
  g_free (advisory->cwe);
  g_free (advisory);
}

static void
add_advisory_json (JsonBuilder *b,
                   Advisory    *advisory)
{
  g_autofree char *created = flaw_test_server_format_time (advisory->created);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ghsa_id");
  json_builder_add_string_value (b, advisory->ghsa_id);
  json_builder_set_member_name (b, "cve_id");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, advisory->summary);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, advisory->description);
  json_builder_set_member_name (b, "severity");
  if (advisory->severity != NULL)
    json_builder_add_string_value (b, advisory->severity);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, advisory->state);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "login");
  json_builder_add_string_value (b, advisory->reporter != NULL ? advisory->reporter : "maintainer");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "submission");
  if (g_str_equal (advisory->state, "triage"))
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "accepted");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "credits_detailed");
  json_builder_begin_array (b);
  if (advisory->reporter != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "login");
      json_builder_add_string_value (b, advisory->reporter);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "reporter");
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, "accepted");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cvss");
  if (advisory->cvss_vector != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "vector_string");
      json_builder_add_string_value (b, advisory->cvss_vector);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, advisory->cvss_score);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "cwe_ids");
  json_builder_begin_array (b);
  if (advisory->cwe != NULL)
    json_builder_add_string_value (b, advisory->cwe);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "vulnerabilities");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
compare_created_desc (gconstpointer a,
                      gconstpointer b)
{
  const Advisory *aa = *(const Advisory * const *) a;
  const Advisory *ab = *(const Advisory * const *) b;

  if (aa->created != ab->created)
    return aa->created > ab->created ? -1 : 1;

  return g_strcmp0 (aa->ghsa_id, ab->ghsa_id);
}

static char *
build_list (GPtrArray *advisories,
            guint      first,
            guint      last)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = first; i < last && i < advisories->len; i++)
    add_advisory_json (b, g_ptr_array_index (advisories, i));
  json_builder_end_array (b);
  root = json_builder_get_root (b);

  return json_to_string (root, FALSE);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FlawFakeGithubServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);
  g_autofree char *etag = NULL;
  g_autofree char *body = NULL;
  g_autofree char *reset = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *page_text = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *per_page_text = query != NULL ? g_hash_table_lookup (query, "per_page") : NULL;
  g_autofree char *repo = NULL;
  guint page = page_text != NULL ? (guint) g_ascii_strtoull (page_text, NULL, 10) : 1;
  guint per_page = per_page_text != NULL ? (guint) g_ascii_strtoull (per_page_text, NULL, 10) : 30;

  self->n_requests++;
  reset = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + 3600);
  soup_message_headers_replace (response, "x-ratelimit-limit", "5000");
  soup_message_headers_replace (response, "x-ratelimit-reset", reset);

  if (self->limit_status != 0)
    {
      g_autofree char *wait = g_strdup_printf ("%" G_GINT64_FORMAT, self->limit_wait);

      soup_message_headers_replace (response, "x-ratelimit-remaining", "0");
      if (self->limit_status == 429)
        soup_message_headers_replace (response, "Retry-After", wait);
      else
        soup_message_headers_replace (response, "x-ratelimit-reset", wait);
      soup_server_message_set_status (message, self->limit_status, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        "{\"message\":\"API rate limit exceeded\"}", 37);
      self->limit_status = 0;
      return;
    }

  soup_message_headers_replace (response, "x-ratelimit-remaining", "4999");

  if (g_strcmp0 (soup_message_headers_get_one (request, "Authorization"), bearer) != 0)
    {
      soup_server_message_set_status (message, 401, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        "{\"message\":\"Bad credentials\"}", 29);
      return;
    }

  parts = g_strsplit (path, "/", -1);
  if (g_strv_length (parts) != 5 || !g_str_equal (parts[1], "repos") ||
      !g_str_equal (parts[4], "security-advisories"))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  repo = g_strconcat (parts[2], "/", parts[3], NULL);
  for (guint i = 0; i < self->advisories->len; i++)
    {
      Advisory *advisory = g_ptr_array_index (self->advisories, i);

      if (g_str_equal (advisory->repo, repo) && (state == NULL || g_str_equal (advisory->state, state)))
        g_ptr_array_add (matches, advisory);
    }
  g_ptr_array_sort (matches, compare_created_desc);

  per_page = CLAMP (MIN (per_page, self->page_size), 1, 100);
  if (page == 0)
    page = 1;

  /* Like GitHub's, the ETag covers the page sent, not the whole listing. */
  body = build_list (matches, (page - 1) * per_page, page * per_page);
  etag = g_strdup_printf ("W/\"%08x-%u\"", g_str_hash (body), page);

  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
    {
      self->n_not_modified++;
      soup_message_headers_replace (response, "ETag", etag);
      soup_server_message_set_status (message, 304, NULL);
      return;
    }

  if ((page - 1) * per_page + per_page < matches->len)
    {
      g_autofree char *filter = state != NULL ? g_strdup_printf ("state=%s&", state) : g_strdup ("");
      g_autofree char *link = g_strdup_printf ("<%s://%s:%d%s?%sper_page=%u&page=%u>; rel=\"next\", "
                                               "<%s://%s:%d%s?%sper_page=%u&page=%u>; rel=\"last\"",
                                               g_uri_get_scheme (self->base), g_uri_get_host (self->base),
                                               g_uri_get_port (self->base), path, filter,
                                               per_page, page + 1,
                                               g_uri_get_scheme (self->base), g_uri_get_host (self->base),
                                               g_uri_get_port (self->base), path, filter,
                                               per_page, (matches->len + per_page - 1) / per_page);

      soup_message_headers_replace (response, "Link", link);
    }

  soup_message_headers_replace (response, "ETag", etag);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
flaw_fake_github_server_dispose (GObject *object)
{
  FlawFakeGithubServer *self = (FlawFakeGithubServer *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (flaw_fake_github_server_parent_class)->dispose (object);
}

static void
flaw_fake_github_server_finalize (GObject *object)
{
  FlawFakeGithubServer *self = (FlawFakeGithubServer *)object;

  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->token);
  g_ptr_array_unref (self->advisories);

  G_OBJECT_CLASS (flaw_fake_github_server_parent_class)->finalize (object);
}

static void
flaw_fake_github_server_class_init (FlawFakeGithubServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flaw_fake_github_server_dispose;
  object_class->finalize = flaw_fake_github_server_finalize;
}

static void
flaw_fake_github_server_init (FlawFakeGithubServer *self)
{
  self->advisories = g_ptr_array_new_with_free_func ((GDestroyNotify) advisory_free);
  self->page_size = 100;
}

FlawFakeGithubServer *
flaw_fake_github_server_new (const char *token)
{
  g_autoptr(FlawFakeGithubServer) self = g_object_new (FLAW_TYPE_FAKE_GITHUB_SERVER, NULL);

  self->token = g_strdup (token);
  self->server = flaw_test_server_new ("flaw-fake-github ", 0, handler, self, &self->base);

  return g_steal_pointer (&self);
}

char *
flaw_fake_github_server_dup_api_url (FlawFakeGithubServer *self)
{
  return g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (self->base));
}

void
flaw_fake_github_server_add_advisory (FlawFakeGithubServer *self,
                                      const char           *repo,
                                      const char           *ghsa_id,
                                      const char           *state,
                                      const char           *summary,
                                      const char           *description,
                                      const char           *severity,
                                      const char           *reporter,
                                      const char           *cvss_vector,
                                      double                cvss_score,
                                      const char           *cwe,
                                      gint64                created)
{
  Advisory *advisory = g_new0 (Advisory, 1);

  advisory->repo = g_strdup (repo);
  advisory->ghsa_id = g_strdup (ghsa_id);
  advisory->state = g_strdup (state);
  advisory->summary = g_strdup (summary);
  advisory->description = g_strdup (description);
  advisory->severity = g_strdup (severity);
  advisory->reporter = g_strdup (reporter);
  advisory->cvss_vector = g_strdup (cvss_vector);
  advisory->cvss_score = cvss_score;
  advisory->cwe = g_strdup (cwe);
  advisory->created = created;
  g_ptr_array_add (self->advisories, advisory);
}

static Advisory *
find (FlawFakeGithubServer *self,
      const char           *ghsa_id)
{
  for (guint i = 0; i < self->advisories->len; i++)
    if (g_str_equal (((Advisory *) g_ptr_array_index (self->advisories, i))->ghsa_id, ghsa_id))
      return g_ptr_array_index (self->advisories, i);

  g_assert_not_reached ();
}

void
flaw_fake_github_server_set_state (FlawFakeGithubServer *self,
                                   const char           *ghsa_id,
                                   const char           *state)
{
  Advisory *advisory = find (self, ghsa_id);

  g_free (advisory->state);
  advisory->state = g_strdup (state);
}

void
flaw_fake_github_server_set_summary (FlawFakeGithubServer *self,
                                     const char           *ghsa_id,
                                     const char           *summary)
{
  Advisory *advisory = find (self, ghsa_id);

  g_free (advisory->summary);
  advisory->summary = g_strdup (summary);
}

void
flaw_fake_github_server_set_page_size (FlawFakeGithubServer *self,
                                       guint                 page_size)
{
  self->page_size = page_size;
}

/**
 * flaw_fake_github_server_rate_limit_next:
 * @status: 403 (x-ratelimit-remaining: 0 and x-ratelimit-reset) or 429
 *   (Retry-After)
 * @retry_after: for 403 the reset time (Unix seconds), for 429 the
 *   seconds to wait
 */
void
flaw_fake_github_server_rate_limit_next (FlawFakeGithubServer *self,
                                         guint                 status,
                                         gint64                retry_after)
{
  self->limit_status = status;
  self->limit_wait = retry_after;
}

guint
flaw_fake_github_server_get_request_count (FlawFakeGithubServer *self)
{
  return self->n_requests;
}

guint
flaw_fake_github_server_get_not_modified_count (FlawFakeGithubServer *self)
{
  return self->n_not_modified;
}
