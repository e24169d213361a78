/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include "flaw-clock.h"
#include "flaw-debt-io.h"
#include "flaw-debt-report.h"
#include "flaw-debt-store.h"
#include "flaw-test-utils.h"

/* 2025-01-01T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1735732800)
#define DAY 86400

#define HEADER "title,likelihood,impact,principal,interest,description\r\n"

typedef struct
{
  char         *dir;
  FlawDatabase *db;
  FlawDatabase *other;
} Fixture;

static FlawDatabase *
open_db (Fixture    *fixture,
         const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  FlawDatabase *db = flaw_database_open (path, &error);

  g_assert_no_error (error);

  return db;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->db = open_db (fixture, "a.db");
  fixture->other = open_db (fixture, "b.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  g_assert_finalize_object (fixture->other);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

/* Titles and text a spreadsheet or a renderer could trip over. */
static const char * const hostile[] = {
  "Comma, in the title",
  "Quote \"inside\" and 'single'",
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "+1 plus",
  "-2 minus",
  "@SUM(A1:A2)",
  "'=already quoted",
  "Emoji 🔥🙂 and a ZWJ 👩‍💻",
  "עברית ו-العربية RTL",
  "<script>alert(1)</script> & friends",
  "Backslash \\ and | pipe",
  "Trailing space ",
};

static void
create_hostile (FlawDatabase *db)
{
  const char * const links[] = { "https://tickets.example/SEC-1?a=1,2", "http://127.0.0.1:8080/x", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *description = g_strdup_printf ("Line one, \"quoted\"\r\nline two\n=3+4\ttab\n%s", hostile[i]);

      flaw_debt_item_set_title (item, hostile[i]);
      flaw_debt_item_set_description (item, description);
      flaw_debt_item_set_component (item, i % 2 ? "-component" : "api, v2");
      flaw_debt_item_set_owner (item, "@kim");
      flaw_debt_item_set_category (item, "input_handling");
      flaw_debt_item_set_cwe (item, "CWE-79");
      flaw_debt_item_set_links (item, links);
      flaw_debt_item_set_likelihood (item, 1 + i % 5);
      flaw_debt_item_set_impact (item, 5 - i % 5);
      flaw_debt_item_set_principal (item, 0.1 * i);
      flaw_debt_item_set_interest (item, 1.0 / 3.0);
      flaw_debt_item_set_created (item, NOW - i * DAY);
      if (i % 3 == 1)
        {
          flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_ACCEPTED);
          flaw_debt_item_set_rationale (item, "+ because\nwe ship Friday");
          flaw_debt_item_set_compensating_controls (item, "-WAF rule");
          flaw_debt_item_set_review_date (item, "2024-12-01");
          flaw_debt_item_set_approver (item, "=Lee");
        }
      else if (i % 3 == 2)
        {
          flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_WONT_FIX);
          flaw_debt_item_set_wont_fix_reason (item, "Retired, \"soon\"");
        }

      g_assert_cmpint (flaw_debt_db_create (db, item, &error), >, 0);
      g_assert_no_error (error);
    }
}

static GBytes *
export (FlawDatabase   *db,
        FlawDebtFormat  format)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = flaw_debt_db_export (db, NULL, format, &error);

  g_assert_no_error (error);

  return bytes;
}

static FlawDebtImport *
import_bytes (FlawDatabase   *db,
              GBytes         *bytes,
              FlawDebtFormat  format,
              GError        **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  FlawDebtImport *import;

  if (format == FLAW_DEBT_FORMAT_JSON)
    import = flaw_debt_import_new_from_json (data, length, error);
  else
    import = flaw_debt_import_new_from_csv (data, length, NULL, error);

  if (import != NULL)
    g_assert_true (flaw_debt_db_import_validate (db, import, NULL));

  return import;
}

static guint
count_items (FlawDatabase *db)
{
  g_autoptr(GPtrArray) items = flaw_debt_db_list (db, NULL);

  return items->len;
}

static void
round_trip (Fixture        *fixture,
            FlawDebtFormat  format)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields = flaw_debt_item_list_fields ();

  create_hostile (fixture->db);
  first = export (fixture->db, format);

  import = import_bytes (fixture->other, first, format, &error);
  g_assert_no_error (error);
  if (flaw_debt_import_has_problems (import))
    g_error ("%s", flaw_debt_import_dup_summary (import));
  g_assert_cmpuint (flaw_debt_import_get_n_rows (import), ==, G_N_ELEMENTS (hostile));
  g_assert_true (flaw_debt_db_import_commit (fixture->other, import, &error));
  g_assert_no_error (error);

  /* Every field of every item is the same, and so is the next export. */
  a = flaw_debt_db_load_many (fixture->db, NULL, &error);
  b = flaw_debt_db_load_many (fixture->other, NULL, &error);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    for (guint f = 0; fields[f]; f++)
      {
        g_autofree char *x = flaw_debt_item_dup_field (a->pdata[i], fields[f]);
        g_autofree char *y = flaw_debt_item_dup_field (b->pdata[i], fields[f]);

        g_assert_cmpstr (x, ==, y);
      }
  g_assert_cmpstr (flaw_debt_item_get_title (b->pdata[9]), ==, hostile[9]);
  g_assert_cmpfloat (flaw_debt_item_get_interest (b->pdata[0]), ==, 1.0 / 3.0);

  second = export (fixture->other, format);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_csv_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *text;

  round_trip (fixture, FLAW_DEBT_FORMAT_CSV);

  /* Formula-like values are exported as text. */
  bytes = export (fixture->db, FLAW_DEBT_FORMAT_CSV);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "id,title,description,category,component,cwe,owner,approver,links,"
                                         "likelihood,impact,principal,interest,status,rationale,"
                                         "compensating_controls,review_date,target_date,wont_fix_reason,"
                                         "created\r\n"));
  g_assert_nonnull (strstr (text, ",'@kim,"));
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","));
  g_assert_nonnull (strstr (text, ",''=already quoted,"));
  g_assert_nonnull (strstr (text, ",'+1 plus,"));
  g_assert_nonnull (strstr (text, ",'-component,"));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  g_assert_null (strstr (text, ",@kim"));
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *text;

  round_trip (fixture, FLAW_DEBT_FORMAT_JSON);

  bytes = export (fixture->db, FLAW_DEBT_FORMAT_JSON);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "\"format\" : \"flawdesk-debt\""));
  g_assert_nonnull (strstr (text, "\"version\" : 1"));
  g_assert_nonnull (strstr (text, "\"links\" : ["));
  g_assert_nonnull (strstr (text, "\"likelihood\" : 1"));
}

static gboolean
has_problem (FlawDebtImport *import,
             guint           line,
             const char     *field,
             const char     *fragment)
{
  GPtrArray *problems = flaw_debt_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line && g_strcmp0 (problem->field, field) == 0 &&
          (fragment == NULL || strstr (problem->message, fragment) != NULL))
        return TRUE;
    }

  return FALSE;
}

static FlawDebtImport *
import_csv (Fixture     *fixture,
            const char  *text,
            gsize        length,
            GError     **error)
{
  FlawDebtImport *import = flaw_debt_import_new_from_csv (text, length, NULL, error);

  if (import != NULL)
    g_assert_true (flaw_debt_db_import_validate (fixture->db, import, NULL));

  return import;
}

static void
assert_refused (Fixture        *fixture,
                FlawDebtImport *import)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (flaw_debt_import_has_problems (import));
  g_assert_false (flaw_debt_db_import_commit (fixture->db, import, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_IMPORT);
  g_assert_cmpuint (count_items (fixture->db), ==, 0);
}

static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (HEADER);
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GError) error = NULL;

  /* Rows 2–49 are fine; line 40 has text in a number field. A quoted line
   * break on line 10 moves every later row one physical line down. */
  for (guint line = 2; line < 50; line++)
    {
      if (line == 10)
        g_string_append (csv, "Two lines,3,3,1,0,\"x\ny\"\r\n");
      else if (line == 11)
        continue;
      else if (line == 40)
        g_string_append (csv, "Bad row,high,3,1,0,x\r\n");
      else
        g_string_append_printf (csv, "Item %u,3,3,1,0.5,fine\r\n", line);
    }

  import = import_csv (fixture, csv->str, csv->len, &error);
  g_assert_no_error (error);
  if (flaw_debt_import_get_problems (import)->len != 1)
    g_error ("%s", flaw_debt_import_dup_summary (import));
  g_assert_true (has_problem (import, 40, "likelihood", "“high”"));
  assert_refused (fixture, import);
}

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (HEADER);
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);

  memset (huge, 'x', 10 * 1024 * 1024);
  huge[10 * 1024 * 1024] = '\0';

  g_string_append (csv, "Fine,1,1,0,0,\r\n");                /* line 2 */
  g_string_append (csv, "Out of range,6,0,1,1,\r\n");         /* line 3 */
  g_string_append (csv, "Negative,2,2,-1,x,\r\n");            /* line 4 */
  g_string_append_printf (csv, "Huge,2,2,1,1,%s\r\n", huge);  /* line 5 */
  g_string_append (csv, "Missing,2,2,1\r\n");                 /* line 6 */
  g_string_append (csv, "Extra,2,2,1,1,d,e\r\n");             /* line 7 */
  g_string_append (csv, ",2,2,1,1,no title\r\n");             /* line 8 */

  import = import_csv (fixture, csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_true (has_problem (import, 3, "likelihood", "not 6"));
  g_assert_true (has_problem (import, 3, "impact", NULL));
  g_assert_true (has_problem (import, 4, "principal", NULL));
  g_assert_true (has_problem (import, 4, "interest", "“x”"));
  g_assert_true (has_problem (import, 5, "description", "1 MiB"));
  g_assert_true (has_problem (import, 6, NULL, "4 fields"));
  g_assert_true (has_problem (import, 7, NULL, "7 fields"));
  g_assert_true (has_problem (import, 8, "title", NULL));
  g_assert_false (has_problem (import, 2, NULL, NULL));
  assert_refused (fixture, import);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { const char *text; gsize length; const char *fragment; } cases[] = {
    { "title,likelihood,impact\r\nCaf\xe9,1,1\r\n", 0, "Line 2 is not UTF-8" },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "binary" },
    { "title,owner\r\nA,kim\r\n", 0, "likelihood, impact" },
    { "", 0, "empty" },
    { "title,likelihood,impact\r\n\"open,1,1\r\n", 0, "Line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FlawDebtImport) import = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);

      import = import_csv (fixture, cases[i].text, length, &error);
      g_assert_null (import);
      g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }

  g_assert_cmpuint (count_items (fixture->db), ==, 0);
}

static void
test_mapping (Fixture       *fixture,
              gconstpointer  data)
{
  const char *csv = "Name,Chance,Harm,Review Date,Notes\nRotate keys,2,3,,ignored\n";
  const char * const headers[] = { "Name", "Chance", "Harm", "Review Date", "Notes", NULL };
  const char * const mapping[] = { "title", "likelihood", "impact", "review_date", "", NULL };
  const char * const twice[] = { "title", "title", "impact", "", "", NULL };
  g_auto(GStrv) automatic = flaw_debt_csv_auto_map (headers);
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_cmpstr (automatic[0], ==, "");
  g_assert_cmpstr (automatic[3], ==, "review_date");

  /* Without a mapping the required columns are missing. */
  import = flaw_debt_import_new_from_csv (csv, strlen (csv), NULL, &error);
  g_assert_null (import);
  g_assert_nonnull (strstr (error->message, "title, likelihood, impact"));
  g_clear_error (&error);

  import = flaw_debt_import_new_from_csv (csv, strlen (csv), twice, &error);
  g_assert_null (import);
  g_assert_nonnull (strstr (error->message, "both mapped to title"));
  g_clear_error (&error);

  import = flaw_debt_import_new_from_csv (csv, strlen (csv), mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (flaw_debt_import_get_headers (import), headers);
  g_assert_true (flaw_debt_db_import_commit (fixture->db, import, &error));
  g_assert_no_error (error);

  items = flaw_debt_db_list (fixture->db, &error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (flaw_debt_item_get_title (items->pdata[0]), ==, "Rotate keys");
  g_assert_cmpint (flaw_debt_item_get_risk (items->pdata[0]), ==, 6);
}

static void
test_ids_and_categories (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *csv =
    "id,title,likelihood,impact,category\n"
    "7,Seven,1,1,design\n"
    "7,Seven again,1,1,design\n"
    ",No id,1,1,made_up\n";
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;

  import = import_csv (fixture, csv, strlen (csv), &error);
  g_assert_true (has_problem (import, 3, "id", "earlier row"));
  g_assert_true (has_problem (import, 4, "category", "made_up"));
  g_assert_false (has_problem (import, 2, NULL, NULL));
  assert_refused (fixture, import);
  g_clear_pointer (&import, flaw_debt_import_unref);

  /* An id kept on import; importing it again is refused. */
  csv = "id,title,likelihood,impact\n7,Seven,1,1\n";
  import = import_csv (fixture, csv, strlen (csv), &error);
  g_assert_true (flaw_debt_db_import_commit (fixture->db, import, &error));
  g_assert_no_error (error);
  item = flaw_debt_db_load (fixture->db, 7, &error);
  g_assert_cmpstr (flaw_debt_item_get_title (item), ==, "Seven");
  g_clear_pointer (&import, flaw_debt_import_unref);

  import = import_csv (fixture, csv, strlen (csv), &error);
  g_assert_true (has_problem (import, 2, "id", "already used"));
}

static void
test_json_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct { const char *text; const char *fragment; } files[] = {
    { "{\"format\": \"flawdesk-debt\", \"version\": 1, \"items\": [", "not valid JSON" },
    { "[1, 2, 3]", "not a Flawdesk debt export" },
    { "{\"format\": \"flawdesk-debt\", \"version\": 2, \"items\": []}", "version 2" },
    { "{\"format\": \"flawdesk-debt\", \"version\": 1}", "\"items\"" },
    { "{\"format\": \"flawdesk-debt\", \"ver\xffsion\": 1}", "UTF-8" },
  };
  const char *rows =
    "{\"format\": \"flawdesk-debt\", \"version\": 1, \"items\": [\n"
    "  {\"title\": \"Fine\", \"likelihood\": 2, \"impact\": 2},\n"
    "  {\"title\": \"Text in a number\",\n"
    "   \"likelihood\": \"often\", \"impact\": 2},\n"
    "  {\"title\": \"Unknown key\", \"likelihood\": 2, \"impact\": 2, \"colour\": \"red\"},\n"
    "  {\"title\": true, \"likelihood\": 2, \"impact\": 9.5, \"links\": [\"ftp://x\"]}\n"
    "]}\n";
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(FlawDebtImport) bad = flaw_debt_import_new_from_json (files[i].text, strlen (files[i].text), &error);

      g_assert_null (bad);
      g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, files[i].fragment));
      g_clear_error (&error);
    }

  import = flaw_debt_import_new_from_json (rows, strlen (rows), &error);
  g_assert_no_error (error);
  g_assert_true (flaw_debt_db_import_validate (fixture->db, import, &error));
  g_assert_true (has_problem (import, 3, "likelihood", "“often”"));
  g_assert_true (has_problem (import, 5, "colour", NULL));
  g_assert_true (has_problem (import, 6, "title", NULL));
  g_assert_true (has_problem (import, 6, "impact", NULL));
  g_assert_true (has_problem (import, 6, "links", NULL));
  g_assert_false (has_problem (import, 2, NULL, NULL));
  assert_refused (fixture, import);
}

static void
test_reports (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autofree char *html_text = NULL;
  g_autofree char *md_text = NULL;

  create_hostile (fixture->db);

  html = export (fixture->db, FLAW_DEBT_FORMAT_HTML);
  html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  g_assert_true (g_str_has_prefix (html_text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html_text, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends"));
  g_assert_null (strstr (html_text, "<script"));
  g_assert_null (strstr (html_text, "src="));
  g_assert_null (strstr (html_text, "href="));
  g_assert_null (strstr (html_text, "@import"));
  g_assert_nonnull (strstr (html_text, "Content-Security-Policy"));
  g_assert_nonnull (strstr (html_text, "<svg"));
  g_assert_nonnull (strstr (html_text, "<polyline"));
  g_assert_nonnull (strstr (html_text, "<h2>Summary</h2>"));
  g_assert_nonnull (strstr (html_text, "<h2>Review due</h2>"));
  g_assert_nonnull (strstr (html_text, "<td>Open items</td><td>8</td>"));
  g_assert_nonnull (strstr (html_text, "<td>Review due</td><td>4</td>"));

  markdown = export (fixture->db, FLAW_DEBT_FORMAT_MARKDOWN);
  md_text = g_strndup (g_bytes_get_data (markdown, NULL), g_bytes_get_size (markdown));
  g_assert_nonnull (strstr (md_text, "\\<script\\>alert\\(1\\)\\</script\\> \\& friends"));
  g_assert_false (g_regex_match_simple ("(^|[^\\\\])<script", md_text, 0, 0));
  g_assert_nonnull (strstr (md_text, "## Cost over time"));
  g_assert_nonnull (strstr (md_text, "| Date | Open items |"));
  g_assert_nonnull (strstr (md_text, "### Medium"));
  g_assert_nonnull (strstr (md_text, "| Open items | 8 |"));
  g_assert_nonnull (strstr (md_text, "| Review due | 4 |"));
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "async.db", NULL);
  g_autoptr(FlawStore) store = flaw_store_new (path);
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char * const mapping[] = { "title", "likelihood", "impact", "", NULL };
  const char *text = "Name,L,I,Notes\nFirst,2,2,x\nSecond,3,3,y\n";
  GAsyncResult *result = NULL;
  gint64 second = 2;

  g_assert_true (flaw_store_open (store, NULL, &error));
  csv = g_bytes_new_static (text, strlen (text));

  /* Preview: read and validated, nothing written. */
  flaw_debt_import_preview_async (store, csv, FLAW_DEBT_FORMAT_CSV, mapping, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  import = flaw_debt_import_preview_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (flaw_debt_import_get_n_rows (import), ==, 2);
  g_assert_false (flaw_debt_import_has_problems (import));
  g_assert_cmpstr (flaw_debt_import_get_mapping (import)[3], ==, "");

  flaw_debt_import_commit_async (store, import, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (flaw_debt_import_commit_finish (store, result, &error));
  g_clear_object (&result);
  g_assert_no_error (error);

  /* Export of the current view only. */
  g_array_append_val (ids, second);
  flaw_debt_export_async (store, ids, FLAW_DEBT_FORMAT_JSON, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  exported = flaw_debt_export_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), "\"Second\""));
  g_assert_null (g_strstr_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), "\"First\""));

  /* A file that cannot be read at all is an error of the preview. */
  g_clear_pointer (&csv, g_bytes_unref);
  csv = g_bytes_new_static ("\0\1\2", 3);
  flaw_debt_import_preview_async (store, csv, FLAW_DEBT_FORMAT_CSV, NULL, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_null (flaw_debt_import_preview_finish (store, result, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_PARSE);
  g_clear_object (&result);

  FLAW_TEST_WAIT_UNTIL (G_OBJECT (store)->ref_count == 1, 5000);
}

static void
test_svg_chart (void)
{
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (FlawDebtCostPoint));
  FlawDebtCostPoint points[] = {
    { .time = NOW - 2 * DAY, .cost = 0 },
    { .time = NOW - DAY, .cost = 5 },
    { .time = NOW, .cost = 10 },
  };
  g_autofree char *svg = NULL;

  g_array_append_vals (series, points, G_N_ELEMENTS (points));
  svg = flaw_debt_report_svg_chart (series, 200, 100);

  /* Plot area: x 64–184, y 16–68. */
  g_assert_nonnull (strstr (svg, "points=\"64.0,68.0 124.0,42.0 184.0,16.0\""));
  g_assert_nonnull (strstr (svg, ">2024-12-30<"));
  g_assert_nonnull (strstr (svg, ">2025-01-01<"));
}

static void
test_svg_chart_locale (void)
{
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (FlawDebtCostPoint));
  FlawDebtCostPoint points[] = {
    { .time = NOW - DAY, .cost = 2.5 },
    { .time = NOW, .cost = 7.25 },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *svg = NULL;

  /* A locale that writes decimal commas must not reach SVG numbers. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }

  g_array_append_vals (series, points, G_N_ELEMENTS (points));
  svg = flaw_debt_report_svg_chart (series, 201, 101);
  setlocale (LC_NUMERIC, saved);

  g_assert_true (g_regex_match_simple ("points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"", svg, 0, 0));
  g_assert_true (g_regex_match_simple ("<text x=\"[0-9]+\" y=\"[0-9]+\"[^>]*>7\\.2<", svg, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/debt-io/csv-round-trip", test_csv_round_trip);
  ADD ("/flawdesk/debt-io/json-round-trip", test_json_round_trip);
  ADD ("/flawdesk/debt-io/all-or-nothing", test_all_or_nothing);
  ADD ("/flawdesk/debt-io/bad-values", test_bad_values);
  ADD ("/flawdesk/debt-io/bad-files", test_bad_files);
  ADD ("/flawdesk/debt-io/mapping", test_mapping);
  ADD ("/flawdesk/debt-io/ids-and-categories", test_ids_and_categories);
  ADD ("/flawdesk/debt-io/json-errors", test_json_errors);
  ADD ("/flawdesk/debt-io/reports", test_reports);
  ADD ("/flawdesk/debt-io/async", test_async);
  g_test_add_func ("/flawdesk/debt-io/svg-chart", test_svg_chart);
  g_test_add_func ("/flawdesk/debt-io/svg-chart-locale", test_svg_chart_locale);

#undef ADD

  return g_test_run ();
}
