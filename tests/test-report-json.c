/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-report-json.h"

/* 2026-03-02 09:00 UTC, a Monday. */
#define T0 G_GINT64_CONSTANT (1772442000)

static void
test_rfc3339 (void)
{
  g_autofree char *text = flaw_format_rfc3339 (T0);
  gint64 value = 0;

  g_assert_cmpstr (text, ==, "2026-03-02T09:00:00Z");
  g_assert_null (flaw_format_rfc3339 (0));
  g_assert_true (flaw_parse_rfc3339 ("2026-03-02T09:00:00Z", &value));
  g_assert_cmpint (value, ==, T0);
  g_assert_true (flaw_parse_rfc3339 ("2026-03-02T10:00:00+01:00", &value));
  g_assert_cmpint (value, ==, T0);
  g_assert_false (flaw_parse_rfc3339 ("2026-03-02", &value));
  g_assert_false (flaw_parse_rfc3339 ("2026-03-02 09:00:00Z", &value));
  g_assert_false (flaw_parse_rfc3339 ("yesterday", &value));
  g_assert_false (flaw_parse_rfc3339 (NULL, &value));
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawReport) report = NULL;
  g_autoptr(FlawReport) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  FlawTriagePolicy policy;
  JsonObject *object;

  flaw_triage_policy_init_default (&policy);
  report = g_object_new (FLAW_TYPE_REPORT,
                         "id", (gint64) 12,
                         "source-id", (gint64) 2,
                         "source-name", "security@ mailbox",
                         "remote-id", "M123",
                         "title", "Heap overflow in “decoder” \x01",
                         "reporter", "Zoë Müller",
                         "received", T0,
                         "body", "<script>alert(1)</script>\n",
                         "body-truncated", TRUE,
                         "status", FLAW_REPORT_STATUS_TRIAGED,
                         "severity", FLAW_SEVERITY_HIGH,
                         "cvss-vector", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
                         "cvss-score", 8.8,
                         "cwe", "CWE-122",
                         "acknowledged-time", T0 + 60,
                         "triaged-time", T0 + 120,
                         "updated", T0 + 120,
                         "n-followups", 2,
                         NULL);

  node = flaw_report_to_json (report, TRUE, &policy, T0 + 86400);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "security@ mailbox");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "triaged");
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (object, "triaged_at"), ==, "2026-03-02T09:02:00Z");
  g_assert_true (json_object_get_null_member (object, "fixed_at"));
  g_assert_true (json_object_get_null_member (object, "thread_of"));
  g_assert_true (json_object_get_boolean_member (object, "body_truncated"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (object, "deadlines"), "next"), "kind"), ==, "fix");

  copy = flaw_report_from_json (node, &error);
  g_assert_no_error (error);
  again = flaw_report_to_json (copy, TRUE, &policy, T0 + 86400);
  first = json_to_string (node, FALSE);
  second = json_to_string (again, FALSE);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (flaw_report_get_received (copy), ==, T0);
  g_assert_cmpfloat (flaw_report_get_cvss_score (copy), ==, 8.8);
}

static void
test_invalid (void)
{
  struct { const char *json; const char *mention; } cases[] = {
    { "[]", "object" },
    { "{}", "“id”" },
    { "{\"id\": \"12\", \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\"}", "“id”" },
    { "{\"id\": -1, \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\"}", "“id”" },
    { "{\"id\": 1, \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\"}", "“title”" },
    { "{\"id\": 1, \"title\": 5, \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\"}", "“title”" },
    { "{\"id\": 1, \"title\": \"t\", \"received_at\": \"soon\", \"status\": \"new\"}", "“received_at”" },
    { "{\"id\": 1, \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"done\"}", "“status”" },
    { "{\"id\": 1, \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\", "
      "\"severity\": \"unset\"}", "“severity”" },
    { "{\"id\": 1, \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\", "
      "\"cvss_score\": 11}", "“cvss_score”" },
    { "{\"id\": 1, \"title\": \"t\", \"received_at\": \"2026-03-02T09:00:00Z\", \"status\": \"new\", "
      "\"unread\": \"yes\"}", "“unread”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr(FlawReport) report = flaw_report_from_json (node, &error);

      g_assert_null (report);
      g_assert_error (error, FLAW_REPORT_JSON_ERROR, FLAW_REPORT_JSON_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].mention));
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/report-json/rfc3339", test_rfc3339);
  g_test_add_func ("/flawdesk/report-json/round-trip", test_round_trip);
  g_test_add_func ("/flawdesk/report-json/invalid", test_invalid);

  return g_test_run ();
}
