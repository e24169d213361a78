/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-report-json.h"
#include "flaw-report-private.h"

G_DEFINE_QUARK (flaw-report-json-error-quark, flaw_report_json_error)

/**
 * flaw_format_rfc3339:
 *
 * Returns: (nullable): @unix_time as RFC 3339 in UTC, or %NULL for 0
 */
char *
flaw_format_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == 0)
    return NULL;

  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * flaw_parse_rfc3339:
 *
 * Accepts an RFC 3339 time with a zone (Z or ±hh:mm).
 */
gboolean
flaw_parse_rfc3339 (const char *text,
                    gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) < 20 || text[10] != 'T')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (dt);

  return TRUE;
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       value)
{
  g_autofree char *text = flaw_format_rfc3339 (value);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_id (JsonBuilder *builder,
        const char  *name,
        gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value != 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_deadlines (JsonBuilder            *builder,
               FlawReport             *report,
               const FlawTriagePolicy *policy,
               gint64                  now)
{
  FlawDeadlines deadlines;

  json_builder_set_member_name (builder, "deadlines");
  if (!flaw_report_is_root (report))
    {
      json_builder_add_null_value (builder);
      return;
    }

  flaw_report_get_deadlines (report, policy, now, &deadlines);

  json_builder_begin_object (builder);
  add_time (builder, "acknowledge", deadlines.acknowledge);
  add_time (builder, "triage", deadlines.triage);
  add_time (builder, "fix", deadlines.fix);
  add_time (builder, "disclose", deadlines.disclose);
  json_builder_set_member_name (builder, "next");
  if (deadlines.next_kind == FLAW_DEADLINE_NONE)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_string (builder, "kind", flaw_deadline_kind_to_string (deadlines.next_kind));
      add_time (builder, "due_at", deadlines.next);
      add_string (builder, "state", flaw_due_state_to_string (deadlines.next_state));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
build_report (JsonBuilder            *builder,
              FlawReport             *self,
              gboolean                with_body,
              const FlawTriagePolicy *policy,
              gint64                  now)
{
  json_builder_begin_object (builder);

  add_id (builder, "id", self->id);
  add_string (builder, "source", self->source_name);
  add_id (builder, "source_id", self->source_id);
  add_string (builder, "remote_id", self->remote_id);
  add_id (builder, "thread_of", self->thread_of);
  add_string (builder, "message_id", self->message_id);
  add_string (builder, "title", self->title);
  add_string (builder, "reporter", self->reporter);
  add_string (builder, "reporter_address", self->reporter_address);
  add_time (builder, "received_at", self->received);
  add_string (builder, "status", flaw_report_status_to_string (self->status));
  add_string (builder, "close_reason",
              self->close_reason != FLAW_CLOSE_REASON_NONE ? flaw_close_reason_to_string (self->close_reason) : NULL);
  add_string (builder, "close_note", self->close_note);
  add_id (builder, "duplicate_of", self->duplicate_of);
  add_string (builder, "severity",
              self->severity != FLAW_SEVERITY_UNSET ? flaw_severity_to_string (self->severity) : NULL);
  add_string (builder, "cvss_vector", self->cvss_vector);
  json_builder_set_member_name (builder, "cvss_score");
  if (self->cvss_score >= 0)
    json_builder_add_double_value (builder, self->cvss_score);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "cwe", self->cwe);
  add_string (builder, "component", self->component);
  add_string (builder, "affected_versions", self->affected_versions);
  add_string (builder, "fixed_version", self->fixed_version);
  add_string (builder, "cve", self->cve);
  add_string (builder, "credit", self->credit);
  add_string (builder, "root_cause", self->root_cause);
  add_string (builder, "introduced_in", self->introduced_in);
  add_string (builder, "regression_test", self->regression_test);
  add_time (builder, "acknowledged_at", self->acknowledged_time);
  add_time (builder, "triaged_at", self->triaged_time);
  add_time (builder, "fixed_at", self->fixed_time);
  add_time (builder, "disclosed_at", self->disclosed_time);
  add_time (builder, "closed_at", self->closed_time);
  add_time (builder, "updated_at", self->updated);
  add_bool (builder, "body_truncated", self->body_truncated);
  add_bool (builder, "html_only", self->html_only);
  add_bool (builder, "unread", self->unread);
  add_bool (builder, "withdrawn", self->withdrawn);
  json_builder_set_member_name (builder, "followups");
  json_builder_add_int_value (builder, self->n_followups);
  add_deadlines (builder, self, policy, now);
  if (with_body)
    add_string (builder, "body", self->body);

  json_builder_end_object (builder);
}

/**
 * flaw_report_to_json:
 * @with_body: whether to include the body
 * @now: the time deadlines are judged against
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
flaw_report_to_json (FlawReport             *report,
                     gboolean                with_body,
                     const FlawTriagePolicy *policy,
                     gint64                  now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (FLAW_IS_REPORT (report), NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  build_report (builder, report, with_body, policy, now);

  return json_builder_get_root (builder);
}

/**
 * flaw_report_list_to_json:
 * @reports: a #GListModel of #FlawReport
 *
 * Returns: (transfer full): a JSON array of report objects without bodies
 */
JsonNode *
flaw_report_list_to_json (GListModel             *reports,
                          const FlawTriagePolicy *policy,
                          gint64                  now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (reports), NULL);

  n = g_list_model_get_n_items (reports);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (reports, i);

      build_report (builder, report, FALSE, policy, now);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/**
 * flaw_report_details_to_json:
 *
 * Returns: (transfer full): the report with its body, plus "thread" (the
 *   follow-ups, oldest first, with bodies), "attachments" and "debt_ids"
 */
JsonNode *
flaw_report_details_to_json (FlawReportDetails      *details,
                             const FlawTriagePolicy *policy,
                             gint64                  now)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) thread = json_array_new ();
  g_autoptr(JsonArray) attachments = json_array_new ();
  g_autoptr(JsonArray) debt_ids = json_array_new ();
  JsonObject *object;

  g_return_val_if_fail (details != NULL, NULL);

  node = flaw_report_to_json (details->report, TRUE, policy, now);
  object = json_node_get_object (node);

  for (guint i = 0; i < details->followups->len; i++)
    json_array_add_element (thread, flaw_report_to_json (g_ptr_array_index (details->followups, i),
                                                         TRUE, policy, now));

  for (guint i = 0; i < details->attachments->len; i++)
    {
      FlawAttachment *attachment = g_ptr_array_index (details->attachments, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", attachment->id);
      json_object_set_int_member (item, "report_id", attachment->report_id);
      json_object_set_string_member (item, "name", attachment->name);
      json_object_set_string_member (item, "type", attachment->type);
      if (attachment->size >= 0)
        json_object_set_int_member (item, "size", attachment->size);
      else
        json_object_set_null_member (item, "size");
      json_object_set_boolean_member (item, "downloaded", attachment->downloaded_path != NULL);
      json_array_add_object_element (attachments, item);
    }

  for (guint i = 0; i < details->debt_ids->len; i++)
    json_array_add_int_element (debt_ids, g_array_index (details->debt_ids, gint64, i));

  json_object_set_array_member (object, "thread", g_steal_pointer (&thread));
  json_object_set_array_member (object, "attachments", g_steal_pointer (&attachments));
  json_object_set_array_member (object, "debt_ids", g_steal_pointer (&debt_ids));

  return g_steal_pointer (&node);
}

static gboolean
invalid (GError     **error,
         const char  *member,
         const char  *expected)
{
  g_set_error (error, FLAW_REPORT_JSON_ERROR, FLAW_REPORT_JSON_ERROR_INVALID,
               _("The report’s “%s” must be %s."), member, expected);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, member, _("a string")) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, member, _("a string"));

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));

  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gboolean     required,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, member, _("a whole number")) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return invalid (error, member, _("a whole number"));

  *out = json_node_get_int (node);

  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, member, _("true or false"));

  *out = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *member,
           gboolean     required,
           gint64      *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_string (object, member, required, &text, error))
    return FALSE;

  if (text != NULL && !flaw_parse_rfc3339 (text, out))
    return invalid (error, member, _("an RFC 3339 time such as 2026-03-02T09:00:00Z"));

  return TRUE;
}

/**
 * flaw_report_from_json:
 * @node: an object as flaw_report_to_json() writes it
 *
 * Reads a report back; "id", "title", "received_at" and "status" are
 * required, everything else is optional. Deadlines are not read: they
 * follow from the report and the policy.
 *
 * Returns: (transfer full): the report, or %NULL with @error naming the
 *   offending member
 */
FlawReport *
flaw_report_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(FlawReport) self = flaw_report_new ();
  g_autofree char *status = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *severity = NULL;
  JsonObject *object;
  JsonNode *score;
  gint64 n_followups = 0;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, FLAW_REPORT_JSON_ERROR, FLAW_REPORT_JSON_ERROR_INVALID,
                   _("A report must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_int (object, "id", TRUE, &self->id, error) ||
      !read_string (object, "source", FALSE, &self->source_name, error) ||
      !read_int (object, "source_id", FALSE, &self->source_id, error) ||
      !read_string (object, "remote_id", FALSE, &self->remote_id, error) ||
      !read_int (object, "thread_of", FALSE, &self->thread_of, error) ||
      !read_string (object, "message_id", FALSE, &self->message_id, error) ||
      !read_string (object, "title", TRUE, &self->title, error) ||
      !read_string (object, "reporter", FALSE, &self->reporter, error) ||
      !read_string (object, "reporter_address", FALSE, &self->reporter_address, error) ||
      !read_time (object, "received_at", TRUE, &self->received, error) ||
      !read_string (object, "status", TRUE, &status, error) ||
      !read_string (object, "close_reason", FALSE, &reason, error) ||
      !read_string (object, "close_note", FALSE, &self->close_note, error) ||
      !read_int (object, "duplicate_of", FALSE, &self->duplicate_of, error) ||
      !read_string (object, "severity", FALSE, &severity, error) ||
      !read_string (object, "cvss_vector", FALSE, &self->cvss_vector, error) ||
      !read_string (object, "cwe", FALSE, &self->cwe, error) ||
      !read_string (object, "component", FALSE, &self->component, error) ||
      !read_string (object, "affected_versions", FALSE, &self->affected_versions, error) ||
      !read_string (object, "fixed_version", FALSE, &self->fixed_version, error) ||
      !read_string (object, "cve", FALSE, &self->cve, error) ||
      !read_string (object, "credit", FALSE, &self->credit, error) ||
      !read_string (object, "root_cause", FALSE, &self->root_cause, error) ||
      !read_string (object, "introduced_in", FALSE, &self->introduced_in, error) ||
      !read_string (object, "regression_test", FALSE, &self->regression_test, error) ||
      !read_time (object, "acknowledged_at", FALSE, &self->acknowledged_time, error) ||
      !read_time (object, "triaged_at", FALSE, &self->triaged_time, error) ||
      !read_time (object, "fixed_at", FALSE, &self->fixed_time, error) ||
      !read_time (object, "disclosed_at", FALSE, &self->disclosed_time, error) ||
      !read_time (object, "closed_at", FALSE, &self->closed_time, error) ||
      !read_time (object, "updated_at", FALSE, &self->updated, error) ||
      !read_bool (object, "body_truncated", &self->body_truncated, error) ||
      !read_bool (object, "html_only", &self->html_only, error) ||
      !read_bool (object, "unread", &self->unread, error) ||
      !read_bool (object, "withdrawn", &self->withdrawn, error) ||
      !read_int (object, "followups", FALSE, &n_followups, error) ||
      !read_string (object, "body", FALSE, &self->body, error))
    return NULL;

  if (!flaw_report_status_from_string (status, &self->status))
    {
      invalid (error, "status", _("one of new, acknowledged, triaged, fix-in-progress, fixed, "
                                  "disclosed or closed"));
      return NULL;
    }

  if (reason != NULL && (!flaw_close_reason_from_string (reason, &self->close_reason) ||
                         self->close_reason == FLAW_CLOSE_REASON_NONE))
    {
      invalid (error, "close_reason", _("one of duplicate, not-applicable, informative or spam"));
      return NULL;
    }

  if (severity != NULL && (!flaw_severity_from_string (severity, &self->severity) ||
                           self->severity == FLAW_SEVERITY_UNSET))
    {
      invalid (error, "severity", _("one of none, low, medium, high or critical"));
      return NULL;
    }

  score = json_object_get_member (object, "cvss_score");
  if (score != NULL && !JSON_NODE_HOLDS_NULL (score))
    {
      double value;

      if (!JSON_NODE_HOLDS_VALUE (score) ||
          (json_node_get_value_type (score) != G_TYPE_DOUBLE &&
           json_node_get_value_type (score) != G_TYPE_INT64))
        {
          invalid (error, "cvss_score", _("a number from 0 to 10"));
          return NULL;
        }

      value = json_node_get_double (score);
      if (value < 0 || value > 10)
        {
          invalid (error, "cvss_score", _("a number from 0 to 10"));
          return NULL;
        }
      self->cvss_score = value;
    }

  self->n_followups = (guint) MIN (n_followups, G_MAXUINT);

  return g_steal_pointer (&self);
}
