/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-osv-codec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-osv-codec.h"
#include "flaw-json-util.h"

G_DEFINE_QUARK (flaw-osv-error-quark, flaw_osv_error)

static char *
member_to_json (JsonObject *object,
                const char *member)
{
  JsonArray *array = flaw_json_get_array (object, member);
  g_autoptr(JsonNode) node = NULL;

  if (array == NULL)
    return g_strdup ("[]");

  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}

static JsonObject *
parse_object (const char  *data,
              gsize        length,
              JsonParser  *parser,
              const char  *what,
              GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                   _("OSV sent %s that is not JSON: %s"), what,
                   parse_error != NULL ? parse_error->message : _("too large"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                   _("OSV sent %s that is not a JSON object."), what);
      return NULL;
    }

  return json_node_get_object (root);
}

/**
 * flaw_osv_parse_time:
 * @text: an RFC 3339 time such as "2024-05-01T12:00:00Z"
 *
 * Returns: the Unix time, or 0 when @text is not a time
 */
gint64
flaw_osv_parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return 0;

  time = g_date_time_new_from_iso8601 (text, utc);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/**
 * flaw_osv_format_time:
 *
 * Returns: (transfer full): @time as RFC 3339 UTC ("…Z")
 */
char *
flaw_osv_format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/**
 * flaw_osv_build_querybatch:
 * @queries: (array length=n_queries): the queries, at most %FLAW_OSV_MAX_BATCH
 *
 * Returns: (transfer full): the body of POST /v1/querybatch
 */
char *
flaw_osv_build_querybatch (const FlawOsvQuery *queries,
                           guint               n_queries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (queries != NULL || n_queries == 0, NULL);
  g_return_val_if_fail (n_queries <= FLAW_OSV_MAX_BATCH, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "queries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_queries; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, queries[i].version);
      json_builder_set_member_name (builder, "package");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, queries[i].name);
      json_builder_set_member_name (builder, "ecosystem");
      json_builder_add_string_value (builder, queries[i].ecosystem);
      json_builder_end_object (builder);
      if (queries[i].page_token != NULL)
        {
          json_builder_set_member_name (builder, "page_token");
          json_builder_add_string_value (builder, queries[i].page_token);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
flaw_osv_query_result_free (FlawOsvQueryResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->ids, g_ptr_array_unref);
  g_clear_pointer (&result->modified, g_array_unref);
  g_free (result->next_page_token);
  g_free (result);
}

/**
 * flaw_osv_parse_querybatch:
 * @n_queries: how many queries the request held; the answer must hold as many
 *
 * Returns: (transfer full) (element-type FlawOsvQueryResult): one result per
 *   query, in the order of the queries, or %NULL with @error set
 */
GPtrArray *
flaw_osv_parse_querybatch (const char  *data,
                           gsize        length,
                           guint        n_queries,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) results = NULL;
  JsonObject *root;
  JsonArray *array;

  if (!(root = parse_object (data, length, parser, _("a batch answer"), error)))
    return NULL;

  array = flaw_json_get_array (root, "results");
  if (array == NULL || json_array_get_length (array) != n_queries)
    {
      g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                   _("OSV answered a batch of %u queries with %u results."), n_queries,
                   array != NULL ? json_array_get_length (array) : 0);
      return NULL;
    }

  results = g_ptr_array_new_full (n_queries, (GDestroyNotify) flaw_osv_query_result_free);
  for (guint i = 0; i < n_queries; i++)
    {
      JsonObject *object = flaw_json_array_get_object (array, i);
      g_autoptr(FlawOsvQueryResult) result = g_new0 (FlawOsvQueryResult, 1);
      JsonArray *vulns;
      const char *token;

      if (object == NULL)
        {
          g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                       _("Result %u of an OSV batch answer is not an object."), i + 1);
          return NULL;
        }

      result->ids = g_ptr_array_new_with_free_func (g_free);
      result->modified = g_array_new (FALSE, FALSE, sizeof (gint64));
      vulns = flaw_json_get_array (object, "vulns");
      for (guint j = 0; vulns != NULL && j < json_array_get_length (vulns); j++)
        {
          JsonObject *vuln = flaw_json_array_get_object (vulns, j);
          const char *id = flaw_json_get_string (vuln, "id");
          gint64 modified = flaw_osv_parse_time (flaw_json_get_string (vuln, "modified"));

          if (id == NULL || *id == '\0' || modified == 0)
            {
              g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                           _("Result %u of an OSV batch answer lists a vulnerability "
                             "without an id or a modified time."), i + 1);
              return NULL;
            }

          g_ptr_array_add (result->ids, g_strdup (id));
          g_array_append_val (result->modified, modified);
        }

      token = flaw_json_get_string (object, "next_page_token");
      if (token != NULL && *token != '\0')
        result->next_page_token = g_strdup (token);

      g_ptr_array_add (results, g_steal_pointer (&result));
    }

  return g_steal_pointer (&results);
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;

  return FALSE;
}

static void
collect_fixed (JsonArray *affected,
               GPtrArray *fixed)
{
  for (guint i = 0; affected != NULL && i < json_array_get_length (affected); i++)
    {
      JsonArray *ranges = flaw_json_get_array (flaw_json_array_get_object (affected, i), "ranges");

      for (guint j = 0; ranges != NULL && j < json_array_get_length (ranges); j++)
        {
          JsonObject *range = flaw_json_array_get_object (ranges, j);
          JsonArray *events = flaw_json_get_array (range, "events");

          /* A commit hash says nothing to someone choosing a release. */
          if (g_strcmp0 (flaw_json_get_string (range, "type"), "GIT") == 0)
            continue;

          for (guint k = 0; events != NULL && k < json_array_get_length (events); k++)
            {
              const char *version = flaw_json_get_string (flaw_json_array_get_object (events, k), "fixed");

              if (version != NULL && *version != '\0' && !str_array_contains (fixed, version))
                g_ptr_array_add (fixed, g_strdup (version));
            }
        }
    }
}

/**
 * flaw_osv_vuln_parse:
 *
 * Parses one OSV vulnerability record; only "id" and "modified" are required.
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
FlawOsvVuln *
flaw_osv_vuln_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(FlawOsvVuln) vuln = NULL;
  JsonObject *root;
  JsonArray *aliases;
  const char *id;

  if (!(root = parse_object (data, length, parser, _("a vulnerability record"), error)))
    return NULL;

  id = flaw_json_get_string (root, "id");
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                   _("OSV sent a vulnerability record without an id."));
      return NULL;
    }

  vuln = flaw_osv_vuln_new ();
  vuln->id = g_strdup (id);
  vuln->modified = flaw_osv_parse_time (flaw_json_get_string (root, "modified"));
  if (vuln->modified == 0)
    {
      g_set_error (error, FLAW_OSV_ERROR, FLAW_OSV_ERROR_MALFORMED,
                   _("OSV record %s has no valid modified time."), id);
      return NULL;
    }

  vuln->published = flaw_osv_parse_time (flaw_json_get_string (root, "published"));
  vuln->withdrawn = flaw_osv_parse_time (flaw_json_get_string (root, "withdrawn"));
  vuln->summary = g_strdup (flaw_json_get_string (root, "summary"));
  vuln->details = g_strdup (flaw_json_get_string (root, "details"));
  vuln->severity = member_to_json (root, "severity");
  vuln->references = member_to_json (root, "references");
  vuln->affected = member_to_json (root, "affected");

  aliases = flaw_json_get_array (root, "aliases");
  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      JsonNode *node = json_array_get_element (aliases, i);
      const char *alias;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      alias = json_node_get_string (node);
      if (*alias != '\0' && !g_str_equal (alias, id) && !str_array_contains (vuln->aliases, alias))
        g_ptr_array_add (vuln->aliases, g_strdup (alias));
    }

  collect_fixed (flaw_json_get_array (root, "affected"), vuln->fixed);

  return g_steal_pointer (&vuln);
}
