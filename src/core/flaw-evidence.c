/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-evidence"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-checklist.h"
#include "flaw-clock.h"
#include "flaw-deadlines.h"
#include "flaw-evidence.h"

/* Facts for the self-assessment, computed from the inbox, the sources and
 * the debt register. Tables another part of Flawdesk has not created yet
 * give "not available yet" instead of an error.
 */

#define DAY        (24 * 60 * 60)
#define FRESH_DAYS 7
#define YEAR_DAYS  365

/* Reports that count: root reports with a severity that needs a fix, not
 * closed as something other than a real flaw. */
#define COUNTED_REPORTS \
  "thread_of IS NULL AND severity IN ('critical', 'high', 'medium', 'low') " \
  "AND (close_reason IS NULL OR close_reason NOT IN " \
  "('duplicate', 'not-applicable', 'informative', 'spam')) "

void
flaw_evidence_free (FlawEvidence *evidence)
{
  if (evidence == NULL)
    return;

  g_free (evidence->key);
  g_free (evidence->detail);
  g_free (evidence->summary);
  g_free (evidence);
}

/**
 * flaw_evidence_key_to_title:
 *
 * Returns: a translated title for an evidence key
 */
const char *
flaw_evidence_key_to_title (const char *key)
{
  if (g_strcmp0 (key, "front-door") == 0)
    return _("Front door for reports");
  if (g_strcmp0 (key, "mitigation") == 0)
    return _("Reports fixed in time");
  if (g_strcmp0 (key, "repeated-weakness") == 0)
    return _("Most frequent weakness");
  if (g_strcmp0 (key, "debt-register") == 0)
    return _("Debt register kept");
  if (g_strcmp0 (key, "dependency-feed") == 0)
    return _("Vulnerability feed for dependencies");

  return key;
}

static FlawEvidence *
evidence_new (const char *key)
{
  FlawEvidence *evidence = g_new0 (FlawEvidence, 1);

  evidence->key = g_strdup (key);
  evidence->available = TRUE;
  evidence->time = flaw_clock_now ();

  return evidence;
}

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

static int
percent_of (gint64 count,
            gint64 total)
{
  return total > 0 ? (int) (100.0 * count / total + 0.5) : 0;
}

static gboolean
table_exists (FlawDatabase  *database,
              const char    *table,
              gboolean      *exists,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    *exists = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
has_columns (FlawDatabase  *database,
             const char    *table,
             const char    *columns,
             gboolean      *present,
             GError       **error)
{
  g_auto(GStrv) names = g_strsplit (columns, ",", -1);
  sqlite3_stmt *stmt;

  *present = TRUE;

  for (guint i = 0; names[i] != NULL && *present; i++)
    {
      int rc;

      stmt = flaw_database_prepare (database,
                                    "SELECT count(*) FROM pragma_table_info (?) WHERE name = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, names[i], -1, SQLITE_TRANSIENT);
      rc = flaw_database_step (database, stmt, error);
      if (rc == SQLITE_ROW)
        *present = sqlite3_column_int (stmt, 0) > 0;
      sqlite3_reset (stmt);

      if (rc != SQLITE_ROW)
        return FALSE;
    }

  return TRUE;
}

static void
set_not_available (FlawEvidence *evidence,
                   const char   *what)
{
  evidence->available = FALSE;
  /* Translators: %s names the part of Flawdesk that provides the data */
  evidence->summary = g_strdup_printf (_("Not available yet: this database has no %s."), what);
}

/* Sources of @kinds (a comma-separated list) that are enabled, and how many
 * of them synced successfully in the last week. */
static gboolean
count_sources (FlawDatabase  *database,
               const char    *kinds,
               FlawEvidence  *evidence,
               GError       **error)
{
  gint64 now = flaw_clock_now ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (database,
                                "SELECT count(*), "
                                "  count(*) FILTER (WHERE last_success_time >= ?2), "
                                "  max(last_success_time) "
                                "FROM source WHERE enabled = 1 "
                                "AND kind IN (SELECT value FROM json_each (?1))",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kinds, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now - FRESH_DAYS * DAY);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      evidence->total = sqlite3_column_int64 (stmt, 0);
      evidence->count = sqlite3_column_int64 (stmt, 1);
      evidence->extra = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static char *
describe_sources (FlawEvidence *evidence,
                  const char   *none,
                  const char   *noun_one,
                  const char   *noun_many)
{
  g_autofree char *last = NULL;

  if (evidence->total == 0)
    return g_strdup (none);

  last = evidence->extra > 0 ? format_date (evidence->extra) : g_strdup (_("never"));

  /* Translators: "2 disclosure sources configured, 1 synced successfully in
   * the last 7 days (last success: 2026-11-20)." */
  return g_strdup_printf (_("%" PRId64 " %s configured, %" PRId64
                            " synced successfully in the last %d days (last success: %s)."),
                          evidence->total,
                          evidence->total == 1 ? noun_one : noun_many,
                          evidence->count, FRESH_DAYS, last);
}

static void
append_sentence (FlawEvidence *evidence,
                 const char   *sentence)
{
  char *joined = g_strconcat (evidence->summary, " ", sentence, NULL);

  g_free (evidence->summary);
  evidence->summary = joined;
}

/* What the front door publishes (security.txt), where the inbox keeps it. */
static gboolean
append_security_txt (FlawDatabase  *database,
                     FlawEvidence  *evidence,
                     GError       **error)
{
  g_autofree char *sentence = NULL;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;
  gint64 contacts = 0;
  gint64 expires = 0;
  int rc;

  if (!table_exists (database, "front_door", &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  stmt = flaw_database_prepare (database,
                                "SELECT json_array_length (contacts), coalesce (expires, 0) "
                                "FROM front_door WHERE id = 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      contacts = sqlite3_column_int64 (stmt, 0);
      expires = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  if (rc == SQLITE_DONE || contacts == 0)
    sentence = g_strdup (_("No security.txt contact is recorded."));
  else
    {
      g_autofree char *date = format_date (expires);

      if (expires == 0)
        sentence = g_strdup_printf (_("security.txt lists %" PRId64 " contacts and no expiry date."),
                                    contacts);
      else if (expires < flaw_clock_now ())
        sentence = g_strdup_printf (_("security.txt lists %" PRId64 " contacts but expired on %s."),
                                    contacts, date);
      else
        sentence = g_strdup_printf (_("security.txt lists %" PRId64 " contacts and is valid until %s."),
                                    contacts, date);
    }

  append_sentence (evidence, sentence);

  return TRUE;
}

/* The components the team ships and their known, unsuppressed vulnerabilities. */
static gboolean
append_components (FlawDatabase  *database,
                   FlawEvidence  *evidence,
                   GError       **error)
{
  g_autofree char *sentence = NULL;
  gboolean exists = FALSE;
  gint64 now = flaw_clock_now ();
  gint64 total = 0, checked = 0, vulnerable = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!table_exists (database, "component_vuln", &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  stmt = flaw_database_prepare (database,
                                "SELECT (SELECT count(*) FROM component), "
                                "  (SELECT count(*) FROM component WHERE last_checked >= ?1), "
                                "  (SELECT count(DISTINCT cv.component_id) FROM component_vuln AS cv "
                                "   JOIN vulnerability AS v ON v.id = cv.vulnerability_id "
                                "   WHERE v.withdrawn IS NULL AND NOT EXISTS (SELECT 1 FROM suppression AS s "
                                "     WHERE s.vulnerability_id = cv.vulnerability_id "
                                "     AND (s.component_id IS NULL OR s.component_id = cv.component_id) "
                                "     AND s.expires > ?2))",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now - FRESH_DAYS * DAY);
  sqlite3_bind_int64 (stmt, 2, now);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      total = sqlite3_column_int64 (stmt, 0);
      checked = sqlite3_column_int64 (stmt, 1);
      vulnerable = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (total == 0)
    sentence = g_strdup (_("No components are tracked."));
  else
    sentence = g_strdup_printf (_("%" PRId64 " components tracked, %" PRId64
                                  " checked in the last %d days, %" PRId64
                                  " with a known vulnerability that is not suppressed."),
                                total, checked, FRESH_DAYS, vulnerable);

  append_sentence (evidence, sentence);

  return TRUE;
}

static FlawEvidence *
query_front_door (FlawDatabase  *database,
                  GError       **error)
{
  g_autoptr(FlawEvidence) evidence = evidence_new ("front-door");

  if (!count_sources (database, "[\"jmap\", \"github\"]", evidence, error))
    return NULL;

  evidence->summary = describe_sources (evidence,
                                        _("No disclosure source (mailbox or GitHub private "
                                          "vulnerability reporting) is configured."),
                                        _("disclosure source"), _("disclosure sources"));

  if (!append_security_txt (database, evidence, error))
    return NULL;

  return g_steal_pointer (&evidence);
}

static FlawEvidence *
query_dependency_feed (FlawDatabase  *database,
                       GError       **error)
{
  g_autoptr(FlawEvidence) evidence = evidence_new ("dependency-feed");

  if (!count_sources (database, "[\"osv\"]", evidence, error))
    return NULL;

  evidence->summary = describe_sources (evidence,
                                        _("No vulnerability feed (OSV source) is configured."),
                                        _("OSV feed"), _("OSV feeds"));

  if (!append_components (database, evidence, error))
    return NULL;

  return g_steal_pointer (&evidence);
}

static FlawEvidence *
query_mitigation (FlawDatabase  *database,
                  GError       **error)
{
  g_autoptr(FlawEvidence) evidence = evidence_new ("mitigation");
  gint64 now = flaw_clock_now ();
  FlawTriagePolicy policy;
  sqlite3_stmt *stmt;
  int rc;

  /* A report is due once it is fixed or its deadline has passed. */
  stmt = flaw_database_prepare (database,
                                "WITH counted AS ("
                                "  SELECT fixed_time, received + 86400 * CASE severity "
                                "    WHEN 'critical' THEN ?3 WHEN 'high' THEN ?4 "
                                "    WHEN 'medium' THEN ?5 ELSE ?6 END AS deadline "
                                "  FROM report WHERE " COUNTED_REPORTS "AND received >= ?2) "
                                "SELECT count(*) FILTER (WHERE fixed_time IS NOT NULL OR deadline < ?1), "
                                "  count(*) FILTER (WHERE fixed_time IS NOT NULL AND fixed_time <= deadline), "
                                "  count(*) FILTER (WHERE fixed_time IS NULL AND deadline < ?1) "
                                "FROM counted",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, now - YEAR_DAYS * DAY);
  /* The inbox's default fix deadlines: critical 7, high 30, medium 90 and
   * low 120 days after receipt. */
  flaw_triage_policy_init_default (&policy);
  sqlite3_bind_int (stmt, 3, policy.fix_critical_days);
  sqlite3_bind_int (stmt, 4, policy.fix_high_days);
  sqlite3_bind_int (stmt, 5, policy.fix_medium_days);
  sqlite3_bind_int (stmt, 6, policy.fix_low_days);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      evidence->total = sqlite3_column_int64 (stmt, 0);
      evidence->count = sqlite3_column_int64 (stmt, 1);
      evidence->extra = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return NULL;

  if (evidence->total == 0)
    evidence->summary = g_strdup (_("No report of the last 12 months has reached its fix "
                                    "deadline yet."));
  else
    {
      g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%" PRId64 " is still open past its deadline.",
                                                            "%" PRId64 " are still open past their deadline.",
                                                            evidence->extra),
                                               evidence->extra);

      evidence->summary =
        g_strdup_printf (_("%" PRId64 " of %" PRId64 " reports of the last 12 months "
                           "whose fix deadline has come were fixed in time (%d %%); %s Deadlines: "
                           "critical %d, high %d, medium %d, low %d days."),
                         evidence->count, evidence->total,
                         percent_of (evidence->count, evidence->total), open,
                         policy.fix_critical_days, policy.fix_high_days,
                         policy.fix_medium_days, policy.fix_low_days);
    }

  return g_steal_pointer (&evidence);
}

static FlawEvidence *
query_repeated_weakness (FlawDatabase  *database,
                         GError       **error)
{
  g_autoptr(FlawEvidence) evidence = evidence_new ("repeated-weakness");
  g_autofree char *debt_note = NULL;
  gboolean debt_exists = FALSE;
  gboolean debt_cwe = FALSE;
  gint64 since = flaw_clock_now () - YEAR_DAYS * DAY;
  sqlite3_stmt *stmt;
  int rc;

  if (!table_exists (database, "debt", &debt_exists, error))
    return NULL;
  if (debt_exists && !has_columns (database, "debt", "cwe,created", &debt_cwe, error))
    return NULL;

  if (debt_cwe)
    stmt = flaw_database_prepare (database,
                                  "WITH weakness (cwe) AS ("
                                  "  SELECT upper (trim (cwe)) FROM report WHERE " COUNTED_REPORTS
                                  "  AND received >= ?1 AND trim (cwe) != '' "
                                  "  UNION ALL "
                                  "  SELECT upper (trim (cwe)) FROM debt WHERE created >= ?1 "
                                  "  AND trim (cwe) != '' AND (deleted IS NULL OR deleted = 0)) "
                                  "SELECT cwe, count(*) AS n, (SELECT count(*) FROM weakness) "
                                  "FROM weakness GROUP BY cwe ORDER BY n DESC, cwe LIMIT 1",
                                  error);
  else
    stmt = flaw_database_prepare (database,
                                  "WITH weakness (cwe) AS ("
                                  "  SELECT upper (trim (cwe)) FROM report WHERE " COUNTED_REPORTS
                                  "  AND received >= ?1 AND trim (cwe) != '') "
                                  "SELECT cwe, count(*) AS n, (SELECT count(*) FROM weakness) "
                                  "FROM weakness GROUP BY cwe ORDER BY n DESC, cwe LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      evidence->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      evidence->count = sqlite3_column_int64 (stmt, 1);
      evidence->total = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc < 0)
    return NULL;

  if (!debt_exists)
    debt_note = g_strdup (_(" Debt items: not available yet (no debt register in this database)."));
  else if (!debt_cwe)
    debt_note = g_strdup (_(" Debt items record no CWE and are not counted."));
  else
    debt_note = g_strdup (_(" Reports and debt items are both counted."));

  if (evidence->total == 0)
    evidence->summary = g_strconcat (_("No report of the last 12 months records a CWE."),
                                     debt_note, NULL);
  else
    evidence->summary =
      g_strdup_printf (_("%s is the most frequent weakness of the last 12 months: %" PRId64
                         " of %" PRId64 " findings with a CWE (%d %%).%s"),
                       evidence->detail, evidence->count, evidence->total,
                       percent_of (evidence->count, evidence->total), debt_note);

  return g_steal_pointer (&evidence);
}

static FlawEvidence *
query_debt_register (FlawDatabase  *database,
                     GError       **error)
{
  g_autoptr(FlawEvidence) evidence = evidence_new ("debt-register");
  gboolean exists = FALSE;
  gboolean columns = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!table_exists (database, "debt", &exists, error))
    return NULL;
  if (exists && !has_columns (database, "debt", "status,review_date,deleted", &columns, error))
    return NULL;

  if (!exists || !columns)
    {
      set_not_available (evidence, _("security debt register"));
      return g_steal_pointer (&evidence);
    }

  /* The review date may be stored as a date or as a Unix time; an item is
   * on time while its review day has not passed. */
  stmt = flaw_database_prepare (database,
                                "SELECT count(*), count(*) FILTER (WHERE review_day >= date (?1, 'unixepoch')), "
                                "  count(*) FILTER (WHERE review_day IS NULL) "
                                "FROM (SELECT CASE typeof (review_date) "
                                "  WHEN 'integer' THEN date (review_date, 'unixepoch') "
                                "  ELSE date (review_date) END AS review_day "
                                "  FROM debt WHERE status = 'accepted' AND (deleted IS NULL OR deleted = 0))",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, flaw_clock_now ());

  rc = flaw_database_step (database, stmt, error);
  if (rc == SQLITE_ROW)
    {
      evidence->total = sqlite3_column_int64 (stmt, 0);
      evidence->count = sqlite3_column_int64 (stmt, 1);
      evidence->extra = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return NULL;

  if (evidence->total == 0)
    evidence->summary = g_strdup (_("The register holds no accepted debt item."));
  else
    {
      evidence->summary =
        g_strdup_printf (_("%" PRId64 " of %" PRId64 " accepted debt items are within their "
                           "review date (%d %%)."),
                         evidence->count, evidence->total,
                         percent_of (evidence->count, evidence->total));

      if (evidence->extra > 0)
        {
          g_autofree char *undated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%" PRId64 " has no review date.",
                                                                   "%" PRId64 " have no review date.",
                                                                   evidence->extra),
                                                      evidence->extra);

          append_sentence (evidence, undated);
        }
    }

  return g_steal_pointer (&evidence);
}

/**
 * flaw_evidence_query:
 * @key: an evidence key (see flaw_checklist_evidence_keys())
 *
 * Returns: (transfer full): the fact for @key, or %NULL with @error set
 */
FlawEvidence *
flaw_evidence_query (FlawDatabase  *database,
                     const char    *key,
                     GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "front-door"))
    return query_front_door (database, error);
  if (g_str_equal (key, "mitigation"))
    return query_mitigation (database, error);
  if (g_str_equal (key, "repeated-weakness"))
    return query_repeated_weakness (database, error);
  if (g_str_equal (key, "debt-register"))
    return query_debt_register (database, error);
  if (g_str_equal (key, "dependency-feed"))
    return query_dependency_feed (database, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an evidence key Flawdesk knows."), key);
  return NULL;
}

/**
 * flaw_evidence_query_all:
 *
 * Returns: (transfer container) (element-type FlawEvidence): a fact for
 *   every evidence key
 */
GPtrArray *
flaw_evidence_query_all (FlawDatabase  *database,
                         GError       **error)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_evidence_free);
  const char * const *keys = flaw_checklist_evidence_keys ();

  g_return_val_if_fail (FLAW_IS_DATABASE (database), NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      FlawEvidence *evidence = flaw_evidence_query (database, keys[i], error);

      if (evidence == NULL)
        return NULL;

      g_ptr_array_add (facts, evidence);
    }

  return g_steal_pointer (&facts);
}

/**
 * flaw_evidence_find:
 *
 * Returns: (transfer none) (nullable): the fact for @key
 */
const FlawEvidence *
flaw_evidence_find (GPtrArray  *facts,
                    const char *key)
{
  if (facts == NULL || key == NULL)
    return NULL;

  for (guint i = 0; i < facts->len; i++)
    {
      const FlawEvidence *evidence = g_ptr_array_index (facts, i);

      if (g_str_equal (evidence->key, key))
        return evidence;
    }

  return NULL;
}

char *
flaw_evidence_to_json (GPtrArray *facts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (facts != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < facts->len; i++)
    {
      const FlawEvidence *evidence = g_ptr_array_index (facts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, evidence->key);
      json_builder_set_member_name (builder, "available");
      json_builder_add_boolean_value (builder, evidence->available);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, evidence->count);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, evidence->total);
      json_builder_set_member_name (builder, "extra");
      json_builder_add_int_value (builder, evidence->extra);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, evidence->detail);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, evidence->summary);
      json_builder_set_member_name (builder, "time");
      json_builder_add_int_value (builder, evidence->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * flaw_evidence_from_json:
 *
 * Reads facts written by flaw_evidence_to_json().
 *
 * Returns: (transfer container) (element-type FlawEvidence): the facts
 */
GPtrArray *
flaw_evidence_from_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_evidence_free);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("The stored evidence is not a list of facts."));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      FlawEvidence *evidence;

      if (object == NULL)
        continue;

      evidence = g_new0 (FlawEvidence, 1);
      evidence->key = g_strdup (json_object_get_string_member_with_default (object, "key", ""));
      evidence->available = json_object_get_boolean_member_with_default (object, "available", FALSE);
      evidence->count = json_object_get_int_member_with_default (object, "count", 0);
      evidence->total = json_object_get_int_member_with_default (object, "total", 0);
      evidence->extra = json_object_get_int_member_with_default (object, "extra", 0);
      evidence->detail = g_strdup (json_object_get_string_member_with_default (object, "detail", NULL));
      evidence->summary = g_strdup (json_object_get_string_member_with_default (object, "summary", ""));
      evidence->time = json_object_get_int_member_with_default (object, "time", 0);
      g_ptr_array_add (facts, evidence);
    }

  return g_steal_pointer (&facts);
}
