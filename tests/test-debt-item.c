/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "flaw-clock.h"
#include "flaw-debt-item.h"
#include "flaw-debt-store.h"

/* 2025-01-01T00:00:00Z */
#define JAN_1 G_GINT64_CONSTANT (1735689600)
#define DAY 86400

static FlawDebtItem *
make_valid (void)
{
  FlawDebtItem *item = flaw_debt_item_new ();

  flaw_debt_item_set_title (item, "Admin rights for the deploy bot");
  flaw_debt_item_set_likelihood (item, 3);
  flaw_debt_item_set_impact (item, 4);
  flaw_debt_item_set_principal (item, 2);
  flaw_debt_item_set_interest (item, 0.5);

  return item;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *field,
             const char *fragment)
{
  for (guint i = 0; i < problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0 &&
          (fragment == NULL || strstr (problem->message, fragment) != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
test_severity_bands (void)
{
  static const struct { int risk; FlawDebtSeverity severity; } cases[] = {
    { 1, FLAW_DEBT_SEVERITY_LOW }, { 4, FLAW_DEBT_SEVERITY_LOW },
    { 5, FLAW_DEBT_SEVERITY_MEDIUM }, { 9, FLAW_DEBT_SEVERITY_MEDIUM },
    { 10, FLAW_DEBT_SEVERITY_HIGH }, { 15, FLAW_DEBT_SEVERITY_HIGH },
    { 16, FLAW_DEBT_SEVERITY_CRITICAL }, { 25, FLAW_DEBT_SEVERITY_CRITICAL },
  };
  g_autoptr(FlawDebtItem) item = make_valid ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (flaw_debt_severity_for_risk (cases[i].risk), ==, cases[i].severity);

  g_assert_cmpint (flaw_debt_item_get_risk (item), ==, 12);
  g_assert_cmpint (flaw_debt_item_get_severity (item), ==, FLAW_DEBT_SEVERITY_HIGH);
  flaw_debt_item_set_likelihood (item, 5);
  flaw_debt_item_set_impact (item, 5);
  g_assert_cmpint (flaw_debt_item_get_risk (item), ==, 25);
  g_assert_cmpstr (flaw_debt_severity_to_string (flaw_debt_item_get_severity (item)), ==, "critical");
}

static void
test_cost (void)
{
  g_autoptr(FlawDebtItem) item = make_valid ();
  FlawDebtSeverity severity;

  flaw_clock_set_fixed (JAN_1 + 10 * DAY);
  flaw_debt_item_set_created (item, JAN_1);

  /* 10 days are 10 / 30.4375 months. */
  g_assert_cmpfloat_with_epsilon (flaw_debt_months_between (JAN_1, JAN_1 + 10 * DAY), 10 / 30.4375, 1e-12);
  g_assert_cmpfloat_with_epsilon (flaw_debt_item_get_cost_today (item), 2 + 0.5 * 10 / 30.4375, 1e-12);
  /* A year of 365.25 days is 12 months exactly. */
  g_assert_cmpfloat_with_epsilon (flaw_debt_item_get_cost_at (item, JAN_1 + (gint64) (365.25 * DAY)),
                                  2 + 0.5 * 12, 1e-9);
  /* Never less than the principal. */
  g_assert_cmpfloat (flaw_debt_item_get_cost_at (item, JAN_1 - DAY), ==, 2);
  g_assert_cmpfloat (flaw_debt_cost_at (1, 3, 100, 100), ==, 1);

  g_assert_true (flaw_debt_severity_from_string ("HIGH", &severity));
  g_assert_cmpint (severity, ==, FLAW_DEBT_SEVERITY_HIGH);

  flaw_clock_unset_fixed ();
}

static void
test_summary (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  FlawDebtSummary summary;
  FlawDebtItem *item;

  item = make_valid ();                                 /* high, open */
  flaw_debt_item_set_created (item, JAN_1);
  g_ptr_array_add (items, item);

  item = make_valid ();                                 /* accepted, review due */
  flaw_debt_item_set_created (item, JAN_1);
  flaw_debt_item_set_likelihood (item, 1);
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_ACCEPTED);
  flaw_debt_item_set_review_date (item, "2025-01-05");
  g_ptr_array_add (items, item);

  item = make_valid ();                                 /* paid off: not open */
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_PAID_OFF);
  g_ptr_array_add (items, item);

  flaw_debt_summary_compute (&summary, items, JAN_1 + 30 * DAY, "2025-01-31");
  g_assert_cmpuint (summary.n_items, ==, 3);
  g_assert_cmpuint (summary.n_open, ==, 2);
  g_assert_cmpfloat (summary.total_principal, ==, 4);
  g_assert_cmpfloat (summary.interest_per_month, ==, 1);
  g_assert_cmpfloat_with_epsilon (summary.total_cost, 4 + 2 * 0.5 * 30 / 30.4375, 1e-12);
  g_assert_cmpuint (summary.by_severity[FLAW_DEBT_SEVERITY_HIGH], ==, 1);
  g_assert_cmpuint (summary.by_severity[FLAW_DEBT_SEVERITY_LOW], ==, 1);
  g_assert_cmpuint (summary.n_review_due, ==, 1);

  /* Due only once the review date has passed. */
  g_assert_false (flaw_debt_item_is_review_due (g_ptr_array_index (items, 1), "2025-01-05"));
  g_assert_true (flaw_debt_item_is_review_due (g_ptr_array_index (items, 1), "2025-01-06"));
  g_assert_false (flaw_debt_item_is_review_due (g_ptr_array_index (items, 0), "2099-01-01"));
}

static void
test_validate (void)
{
  g_autoptr(FlawDebtItem) item = make_valid ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *big = NULL;
  const char * const categories[] = { "design", "process", NULL };
  const char * const links[] = { "https://example.org/ticket/1", "javascript:alert(1)", NULL };

  problems = flaw_debt_item_validate (item, categories);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  flaw_debt_item_set_title (item, NULL);
  flaw_debt_item_set_likelihood (item, 7);
  flaw_debt_item_set_impact (item, 0);
  flaw_debt_item_set_principal (item, -1);
  flaw_debt_item_set_interest (item, NAN);
  flaw_debt_item_set_cwe (item, "CWE-abc");
  flaw_debt_item_set_category (item, "nonsense");
  flaw_debt_item_set_links (item, links);
  flaw_debt_item_set_review_date (item, "2025-02-30");
  flaw_debt_item_set_owner (item, "two\nlines");

  problems = flaw_debt_item_validate (item, categories);
  g_assert_true (has_problem (problems, "title", "required"));
  g_assert_true (has_problem (problems, "likelihood", "from 1 to 5, not 7"));
  g_assert_true (has_problem (problems, "impact", "required"));
  g_assert_true (has_problem (problems, "principal", NULL));
  g_assert_true (has_problem (problems, "interest", NULL));
  g_assert_true (has_problem (problems, "cwe", "CWE-79"));
  g_assert_true (has_problem (problems, "category", "“nonsense” does not exist"));
  g_assert_true (has_problem (problems, "links", "Link 2"));
  g_assert_true (has_problem (problems, "review_date", "YYYY-MM-DD"));
  g_assert_true (has_problem (problems, "owner", "single line"));
  g_assert_cmpuint (problems->len, ==, 10);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A 10 MB description is refused, with the limit in the message. */
  g_object_unref (item);
  item = make_valid ();
  big = g_malloc (10 * 1024 * 1024 + 1);
  memset (big, 'a', 10 * 1024 * 1024);
  big[10 * 1024 * 1024] = '\0';
  flaw_debt_item_set_description (item, big);
  problems = flaw_debt_item_validate (item, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "description", "1 MiB"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Invalid UTF-8 set directly is caught too. */
  flaw_debt_item_set_description (item, NULL);
  flaw_debt_item_set_component (item, "caf\xc3\x28");
  problems = flaw_debt_item_validate (item, NULL);
  g_assert_true (has_problem (problems, "component", "UTF-8"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Decisions need their fields. */
  flaw_debt_item_set_component (item, NULL);
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_ACCEPTED);
  problems = flaw_debt_item_validate (item, NULL);
  g_assert_true (has_problem (problems, "rationale", NULL));
  g_assert_true (has_problem (problems, "compensating_controls", NULL));
  g_assert_true (has_problem (problems, "review_date", NULL));
  g_clear_pointer (&problems, g_ptr_array_unref);

  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_SCHEDULED);
  problems = flaw_debt_item_validate (item, NULL);
  g_assert_true (has_problem (problems, "target_date", NULL));
  g_clear_pointer (&problems, g_ptr_array_unref);

  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_WONT_FIX);
  problems = flaw_debt_item_validate (item, NULL);
  g_assert_true (has_problem (problems, "wont_fix_reason", NULL));
}

static void
test_set_field (void)
{
  g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (flaw_debt_item_set_field (item, "title", "  Pinned OpenSSL  ", &error));
  g_assert_cmpstr (flaw_debt_item_get_title (item), ==, "Pinned OpenSSL");

  g_assert_false (flaw_debt_item_set_field (item, "likelihood", "three", &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Likelihood must be a whole number"));
  g_assert_nonnull (strstr (error->message, "“three”"));
  g_clear_error (&error);

  g_assert_false (flaw_debt_item_set_field (item, "principal", "2,5", &error));
  g_assert_nonnull (strstr (error->message, "Principal"));
  g_clear_error (&error);

  g_assert_false (flaw_debt_item_set_field (item, "description", "bad \xff byte", &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  g_assert_false (flaw_debt_item_set_field (item, "status", "maybe", &error));
  g_assert_nonnull (strstr (error->message, "maybe"));
  g_clear_error (&error);

  g_assert_false (flaw_debt_item_set_field (item, "created", "yesterday", &error));
  g_clear_error (&error);

  g_assert_true (flaw_debt_item_set_field (item, "likelihood", " 9 ", &error));
  g_assert_cmpint (flaw_debt_item_get_likelihood (item), ==, 9);
  g_assert_true (flaw_debt_item_set_field (item, "principal", "2.5", &error));
  g_assert_cmpfloat (flaw_debt_item_get_principal (item), ==, 2.5);
  g_assert_true (flaw_debt_item_set_field (item, "status", "Won't fix", &error));
  g_assert_cmpint (flaw_debt_item_get_status (item), ==, FLAW_DEBT_STATUS_WONT_FIX);
  g_assert_true (flaw_debt_item_set_field (item, "status", "in progress", &error));
  g_assert_cmpint (flaw_debt_item_get_status (item), ==, FLAW_DEBT_STATUS_IN_PROGRESS);
  g_assert_true (flaw_debt_item_set_field (item, "cwe", "cwe-79", &error));
  g_assert_cmpstr (flaw_debt_item_get_cwe (item), ==, "CWE-79");
  g_assert_true (flaw_debt_item_set_field (item, "links", "https://a.example/1\n https://b.example/2 ", &error));
  g_assert_cmpuint (g_strv_length ((char **) flaw_debt_item_get_links (item)), ==, 2);
  g_assert_true (flaw_debt_item_set_field (item, "created", "2025-01-01T00:00:00Z", &error));
  g_assert_cmpint (flaw_debt_item_get_created (item), ==, JAN_1);
  g_assert_no_error (error);

  text = flaw_debt_item_dup_field (item, "created");
  g_assert_cmpstr (text, ==, "2025-01-01T00:00:00Z");
  g_clear_pointer (&text, g_free);
  text = flaw_debt_item_dup_field (item, "links");
  g_assert_cmpstr (text, ==, "https://a.example/1 https://b.example/2");
  g_clear_pointer (&text, g_free);
  text = flaw_debt_item_dup_field (item, "status");
  g_assert_cmpstr (text, ==, "in_progress");
}

static void
test_format_number (void)
{
  static const double values[] = { 0, 1, 2.5, 0.1, 1.0 / 3.0, 1234567.25, 1e-7, 20, 0.1 + 0.2, 1e20, 123.456 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = flaw_debt_format_number (values[i]);

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, values[i]);
    }

  {
    g_autofree char *a = flaw_debt_format_number (0.1);
    g_autofree char *b = flaw_debt_format_number (2);

    g_assert_cmpstr (a, ==, "0.1");
    g_assert_cmpstr (b, ==, "2");
  }

  /* Whole numbers are written out, others as short as they read back. */
  {
    static const struct { double value; const char *text; } cases[] = {
      { 20, "20" }, { 100, "100" }, { 1e7, "10000000" }, { 0.47, "0.47" }, { 12.5, "12.5" },
      { 0.1 + 0.2, "0.30000000000000004" }, { 1e-7, "1e-07" }, { 1.0 / 3.0, "0.3333333333333333" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *text = flaw_debt_format_number (cases[i].value);

        g_assert_cmpstr (text, ==, cases[i].text);
      }
  }
}

static void
test_transitions_table (void)
{
  static const FlawDebtStatus legal[][2] = {
    { FLAW_DEBT_STATUS_PROPOSED, FLAW_DEBT_STATUS_ACCEPTED },
    { FLAW_DEBT_STATUS_PROPOSED, FLAW_DEBT_STATUS_SCHEDULED },
    { FLAW_DEBT_STATUS_PROPOSED, FLAW_DEBT_STATUS_WONT_FIX },
    { FLAW_DEBT_STATUS_ACCEPTED, FLAW_DEBT_STATUS_ACCEPTED },
    { FLAW_DEBT_STATUS_ACCEPTED, FLAW_DEBT_STATUS_SCHEDULED },
    { FLAW_DEBT_STATUS_ACCEPTED, FLAW_DEBT_STATUS_IN_PROGRESS },
    { FLAW_DEBT_STATUS_ACCEPTED, FLAW_DEBT_STATUS_WONT_FIX },
    { FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_ACCEPTED },
    { FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_IN_PROGRESS },
    { FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_WONT_FIX },
    { FLAW_DEBT_STATUS_IN_PROGRESS, FLAW_DEBT_STATUS_SCHEDULED },
    { FLAW_DEBT_STATUS_IN_PROGRESS, FLAW_DEBT_STATUS_PAID_OFF },
    { FLAW_DEBT_STATUS_IN_PROGRESS, FLAW_DEBT_STATUS_WONT_FIX },
    { FLAW_DEBT_STATUS_PAID_OFF, FLAW_DEBT_STATUS_PROPOSED },
    { FLAW_DEBT_STATUS_WONT_FIX, FLAW_DEBT_STATUS_PROPOSED },
  };
  guint n_legal = 0;

  for (guint from = 0; from < FLAW_DEBT_N_STATUSES; from++)
    for (guint to = 0; to < FLAW_DEBT_N_STATUSES; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (legal); i++)
          if (legal[i][0] == from && legal[i][1] == to)
            expected = TRUE;

        g_assert_cmpint (flaw_debt_status_can_move (from, to), ==, expected);
        n_legal += expected;
      }

  g_assert_cmpuint (n_legal, ==, G_N_ELEMENTS (legal));
}

static void
test_compare (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *titles[] = { "zeta", "Alpha", "émile", "beta" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      FlawDebtItem *item = make_valid ();

      flaw_debt_item_set_id (item, i + 1);
      flaw_debt_item_set_title (item, titles[i]);
      flaw_debt_item_set_likelihood (item, i + 1);
      flaw_debt_item_set_owner (item, i % 2 ? "kim" : NULL);
      g_ptr_array_add (items, item);
    }

  g_assert_cmpint (flaw_debt_item_compare (items->pdata[1], items->pdata[3], FLAW_DEBT_SORT_TITLE), <, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[3], items->pdata[0], FLAW_DEBT_SORT_TITLE), <, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[0], items->pdata[3], FLAW_DEBT_SORT_TITLE), >, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[0], items->pdata[3], FLAW_DEBT_SORT_RISK), <, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[0], items->pdata[3], FLAW_DEBT_SORT_SEVERITY), <, 0);
  /* Empty owners sort last; equal owners by id. */
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[1], items->pdata[0], FLAW_DEBT_SORT_OWNER), <, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[1], items->pdata[3], FLAW_DEBT_SORT_OWNER), <, 0);
  g_assert_cmpint (flaw_debt_item_compare (items->pdata[0], items->pdata[0], FLAW_DEBT_SORT_COST), ==, 0);

  {
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 some[] = { 2, 3, 7 };

    g_assert_false (flaw_debt_ids_contain (none, 1));
    g_array_append_vals (none, some, G_N_ELEMENTS (some));
    g_assert_true (flaw_debt_ids_contain (none, 7));
    g_assert_false (flaw_debt_ids_contain (none, 4));
  }

  g_assert_true (flaw_debt_item_match_owner (items->pdata[1], "KIM"));
  g_assert_false (flaw_debt_item_match_owner (items->pdata[0], "kim"));
  g_assert_true (flaw_debt_item_match_severity (items->pdata[3], FLAW_DEBT_SEVERITY_CRITICAL));
  g_assert_true (flaw_debt_item_match_status (items->pdata[0], FLAW_DEBT_STATUS_PROPOSED));
}

static void
test_match_query (void)
{
  static const struct { const char *text; const char *query; } cases[] = {
    { "admin", "\"admin\"*" },
    { "  admin   rights ", "\"admin\"* \"rights\"*" },
    { "\"quoted\" AND (x OR y*) NEAR/2 -z ^col:", "\"quoted\"* \"AND\"* \"x\"* \"OR\"* \"y\"* \"NEAR\"* \"2\"* \"z\"* \"col\"*" },
    { "café-au-lait", "\"café\"* \"au\"* \"lait\"*" },
    { "\"*():^-+", NULL },
    { "", NULL },
    { "bad \xff", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = flaw_debt_build_match_query (cases[i].text);

      g_assert_cmpstr (query, ==, cases[i].query);
    }
}

static void
test_dates (void)
{
  g_autofree char *a = flaw_debt_date_add_days ("2024-02-28", 1);
  g_autofree char *b = flaw_debt_date_add_days ("2024-12-31", 90);
  g_autofree char *c = flaw_debt_date_add_days ("2024-13-01", 1);
  g_autofree char *today = NULL;

  g_assert_cmpstr (a, ==, "2024-02-29");
  g_assert_cmpstr (b, ==, "2025-03-31");
  g_assert_null (c);
  g_assert_false (flaw_debt_date_is_valid ("2023-02-29"));
  g_assert_false (flaw_debt_date_is_valid ("23-02-01"));
  g_assert_true (flaw_debt_date_is_valid ("2024-02-29"));

  flaw_clock_set_fixed (JAN_1 + 12 * 3600);
  today = flaw_debt_today ();
  g_assert_true (g_str_has_prefix (today, "2025-01-0") || g_str_has_prefix (today, "2024-12-31"));
  flaw_clock_unset_fixed ();
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/debt-item/severity-bands", test_severity_bands);
  g_test_add_func ("/flawdesk/debt-item/cost", test_cost);
  g_test_add_func ("/flawdesk/debt-item/summary", test_summary);
  g_test_add_func ("/flawdesk/debt-item/validate", test_validate);
  g_test_add_func ("/flawdesk/debt-item/set-field", test_set_field);
  g_test_add_func ("/flawdesk/debt-item/format-number", test_format_number);
  g_test_add_func ("/flawdesk/debt-item/transitions-table", test_transitions_table);
  g_test_add_func ("/flawdesk/debt-item/compare", test_compare);
  g_test_add_func ("/flawdesk/debt-item/match-query", test_match_query);
  g_test_add_func ("/flawdesk/debt-item/dates", test_dates);

  return g_test_run ();
}
