/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-github-codec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-github-codec.h"
#include "flaw-json-util.h"

G_DEFINE_QUARK (flaw-github-error-quark, flaw_github_error)

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)) || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else
    return FALSE;

  return *value >= 0.0 && *value <= 10.0;
}

static gboolean
set_malformed (GError     **error,
               const char  *what)
{
  g_set_error (error, FLAW_GITHUB_ERROR, FLAW_GITHUB_ERROR_MALFORMED,
               _("GitHub sent an answer Flawdesk cannot read (%s)."), what);
  return FALSE;
}

/* Who reported it: a credited reporter or finder, else the author of a
 * private vulnerability report. */
static const char *
find_reporter (JsonObject *advisory)
{
  JsonArray *credits = flaw_json_get_array (advisory, "credits_detailed");

  for (guint i = 0; credits != NULL && i < json_array_get_length (credits); i++)
    {
      JsonObject *credit = flaw_json_array_get_object (credits, i);
      const char *type = flaw_json_get_string (credit, "type");
      const char *login = flaw_json_get_string (flaw_json_get_object (credit, "user"), "login");

      if (login != NULL && (g_strcmp0 (type, "reporter") == 0 || g_strcmp0 (type, "finder") == 0))
        return login;
    }

  credits = flaw_json_get_array (advisory, "credits");
  for (guint i = 0; credits != NULL && i < json_array_get_length (credits); i++)
    {
      JsonObject *credit = flaw_json_array_get_object (credits, i);
      const char *type = flaw_json_get_string (credit, "type");
      const char *login = flaw_json_get_string (credit, "login");

      if (login != NULL && (g_strcmp0 (type, "reporter") == 0 || g_strcmp0 (type, "finder") == 0))
        return login;
    }

  if (flaw_json_get_object (advisory, "submission") != NULL)
    return flaw_json_get_string (flaw_json_get_object (advisory, "author"), "login");

  return NULL;
}

static const char *
find_cwe (JsonObject *advisory)
{
  JsonArray *cwe_ids = flaw_json_get_array (advisory, "cwe_ids");
  JsonArray *cwes = flaw_json_get_array (advisory, "cwes");
  JsonNode *node;

  if (cwe_ids != NULL && json_array_get_length (cwe_ids) > 0 &&
      (node = json_array_get_element (cwe_ids, 0)) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  if (cwes != NULL && json_array_get_length (cwes) > 0)
    return flaw_json_get_string (flaw_json_array_get_object (cwes, 0), "cwe_id");

  return NULL;
}

/**
 * flaw_github_advisory_parse:
 * @object: a #JsonObject holding one repository advisory
 *
 * Returns: (transfer full): the advisory as a message, or %NULL with
 *   @error set
 */
FlawSyncedMessage *
flaw_github_advisory_parse (gpointer   object,
                            GError   **error)
{
  JsonObject *advisory = object;
  g_autoptr(FlawSyncedMessage) message = NULL;
  g_autoptr(GDateTime) created = NULL;
  JsonObject *cvss;
  const char *ghsa_id = flaw_json_get_string (advisory, "ghsa_id");
  const char *summary = flaw_json_get_string (advisory, "summary");
  const char *description = flaw_json_get_string (advisory, "description");
  const char *severity = flaw_json_get_string (advisory, "severity");
  const char *created_at = flaw_json_get_string (advisory, "created_at");
  const char *vector;
  double score = 0;

  if (ghsa_id == NULL || *ghsa_id == '\0')
    {
      set_malformed (error, _("an advisory without ghsa_id"));
      return NULL;
    }

  message = flaw_synced_message_new ();
  message->remote_id = g_strdup (ghsa_id);
  message->title = g_utf8_make_valid (summary != NULL && *summary != '\0' ? summary : ghsa_id, -1);
  message->body = g_utf8_make_valid (description != NULL ? description : "", -1);
  message->reporter = g_strdup (find_reporter (advisory));

  if (created_at != NULL && (created = g_date_time_new_from_iso8601 (created_at, NULL)) != NULL)
    message->received = g_date_time_to_unix (created);

  if (severity != NULL &&
      (g_str_equal (severity, "critical") || g_str_equal (severity, "high") ||
       g_str_equal (severity, "medium") || g_str_equal (severity, "low")))
    message->severity = g_strdup (severity);

  cvss = flaw_json_get_object (advisory, "cvss");
  if (flaw_json_get_string (cvss, "vector_string") == NULL)
    cvss = flaw_json_get_object (flaw_json_get_object (advisory, "cvss_severities"), "cvss_v3");

  vector = flaw_json_get_string (cvss, "vector_string");
  if (vector != NULL && *vector != '\0')
    {
      message->cvss_vector = g_strdup (vector);
      if (get_number (cvss, "score", &score))
        {
          message->cvss_score = score;
          message->has_cvss_score = TRUE;
        }
    }

  message->cwe = g_strdup (find_cwe (advisory));

  return g_steal_pointer (&message);
}

/* Whether Flawdesk takes the advisory in as a report: new private reports
 * (triage) and drafts. An advisory without a state comes from a listing
 * already filtered by state.
 */
static gboolean
state_is_listed (const char *state)
{
  return state == NULL || g_str_equal (state, "triage") || g_str_equal (state, "draft");
}

/* Whether the advisory still exists for a report taken in earlier: it may
 * have moved on to published or closed, which is GitHub's side of triage
 * and not a disappearance. Only a withdrawn advisory is gone.
 */
static gboolean
state_is_present (const char *state)
{
  return state == NULL || !g_str_equal (state, "withdrawn");
}

/**
 * flaw_github_advisories_parse:
 * @present_ids: (nullable) (element-type utf8): where to append the ids of
 *   the advisories on this page that still exist (every state but
 *   withdrawn)
 *
 * Parses one page of an unfiltered listing. Only advisories in the triage
 * and draft states become messages; published and closed ones only count
 * as present, so that a report taken in earlier is not marked withdrawn.
 *
 * Returns: (transfer full) (element-type FlawSyncedMessage): the triage and
 *   draft advisories of one page, or %NULL with @error set
 */
GPtrArray *
flaw_github_advisories_parse (const char  *data,
                              gsize        length,
                              GPtrArray   *present_ids,
                              GError     **error)
{
  g_autoptr(GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_synced_message_free);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  if (data == NULL || length == 0 || length > G_MAXSSIZE)
    {
      set_malformed (error, _("the answer is empty"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_malformed (error, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (error, _("not a list of advisories"));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *advisory = flaw_json_array_get_object (array, i);
      FlawSyncedMessage *message;
      const char *state;

      if (advisory == NULL)
        {
          set_malformed (error, _("an advisory is not an object"));
          return NULL;
        }

      if (!(message = flaw_github_advisory_parse (advisory, error)))
        return NULL;

      state = flaw_json_get_string (advisory, "state");
      if (state_is_present (state))
        g_ptr_array_add (present, g_strdup (message->remote_id));

      if (state_is_listed (state))
        g_ptr_array_add (messages, message);
      else
        flaw_synced_message_free (message);
    }

  if (present_ids != NULL)
    g_ptr_array_extend_and_steal (present_ids, g_steal_pointer (&present));

  return g_steal_pointer (&messages);
}

/**
 * flaw_github_link_next:
 * @link: (nullable): the value of a `Link` header
 *
 * Returns: (transfer full) (nullable): the URL with rel="next"
 */
char *
flaw_github_link_next (const char *link)
{
  g_auto(GStrv) parts = NULL;

  if (link == NULL)
    return NULL;

  parts = g_strsplit (link, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      const char *open = strchr (part, '<');
      const char *close = open != NULL ? strchr (open, '>') : NULL;
      g_auto(GStrv) params = NULL;

      if (open == NULL || close == NULL)
        continue;

      params = g_strsplit (close + 1, ";", -1);
      for (guint j = 0; params[j] != NULL; j++)
        {
          g_autofree char *param = g_strstrip (g_strdup (params[j]));

          if (g_ascii_strcasecmp (param, "rel=\"next\"") == 0 || g_ascii_strcasecmp (param, "rel=next") == 0)
            return g_strndup (open + 1, close - open - 1);
        }
    }

  return NULL;
}

/**
 * flaw_github_repo_is_valid:
 *
 * Returns: whether @repo looks like OWNER/REPO
 */
gboolean
flaw_github_repo_is_valid (const char *repo)
{
  const char *slash;

  if (repo == NULL || (slash = strchr (repo, '/')) == NULL || slash == repo ||
      slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return FALSE;

  for (const char *p = repo; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != '/')
      return FALSE;

  /* The name goes into a URL path: no "." or ".." parts. */
  if (g_str_has_prefix (repo, "./") || g_str_has_prefix (repo, "../") ||
      g_str_equal (slash, "/.") || g_str_equal (slash, "/.."))
    return FALSE;

  return TRUE;
}
