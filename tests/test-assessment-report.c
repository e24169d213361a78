/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-assessment-report.h"
#include "flaw-clock.h"
#include "flaw-test-utils.h"

#define NOW 1767225600 /* 2026-01-01 00:00 UTC */

#define EVIL "<script>alert(\"x\")</script> & 'quotes' | *stars* # [link](javascript:x)"

typedef struct
{
  char         *dir;
  FlawDatabase *db;
  gint64        first;
  gint64        second;
} Fixture;

static void
answer (Fixture    *fixture,
        gint64      id,
        const char *item,
        FlawRating  rating,
        const char *note,
        const char *link)
{
  g_autoptr(GError) error = NULL;
  const char *links[] = { link, NULL };

  flaw_assessment_db_answer (fixture->db, id, item, rating, note, links, &error);
  g_assert_no_error (error);
}

static gint64
start (Fixture    *fixture,
       const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) a = NULL;

  a = flaw_assessment_db_start (fixture->db, "Team " EVIL, "Ada", date, NULL, 0, &error);
  g_assert_no_error (error);

  return a->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (flaw_database_get_handle (fixture->db),
                                 "INSERT INTO source (kind, name, last_success_time, created) "
                                 "VALUES ('jmap', 'security mailbox', 1767225600 - 86400, 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  fixture->first = start (fixture, "2025-06-01");
  answer (fixture, fixture->first, "vulnerability-management.process", FLAW_RATING_PARTLY, "Ad hoc", NULL);
  answer (fixture, fixture->first, "security-debt.register", FLAW_RATING_NOT_IN_PLACE, NULL, NULL);
  answer (fixture, fixture->first, "vulnerability-disclosure.front-door", FLAW_RATING_LARGELY, NULL, NULL);
  g_assert_true (flaw_assessment_db_complete (fixture->db, fixture->first, &error));

  flaw_clock_set_fixed (NOW + 86400);
  fixture->second = start (fixture, "2025-12-01");
  answer (fixture, fixture->second, "vulnerability-management.process", FLAW_RATING_FULLY,
          "Patch day every month.\nOwner: " EVIL, "https://wiki.example.org/patch?team=a&b=<c>");
  answer (fixture, fixture->second, "security-debt.register", FLAW_RATING_LARGELY, NULL, NULL);
  answer (fixture, fixture->second, "vulnerability-disclosure.front-door", FLAW_RATING_PARTLY, NULL, NULL);
  answer (fixture, fixture->second, "security-testing.regression-tests", FLAW_RATING_NOT_IN_PLACE, NULL, NULL);
  answer (fixture, fixture->second, "security-skills.investment", FLAW_RATING_NOT_ASSESSED, "Ask HR", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static FlawAssessmentReport *
load_report (Fixture *fixture,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  FlawAssessmentReport *report;

  if (id == fixture->second)
    {
      g_assert_true (flaw_assessment_db_complete (fixture->db, fixture->second, &error));
      g_assert_no_error (error);
    }

  report = flaw_assessment_report_load (fixture->db, id, &error);
  g_assert_no_error (error);

  return report;
}

static void
test_needs_completed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessmentReport) report = NULL;

  report = flaw_assessment_report_load (fixture->db, fixture->second, &error);
  g_assert_null (report);
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_COMPLETED);
  g_clear_error (&error);

  report = flaw_assessment_report_load (fixture->db, 42, &error);
  g_assert_error (error, FLAW_ASSESSMENT_ERROR, FLAW_ASSESSMENT_ERROR_NOT_FOUND);
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) first = load_report (fixture, fixture->first);
  g_autoptr(FlawAssessmentReport) report = load_report (fixture, fixture->second);

  /* The first run has nothing to compare with. */
  g_assert_null (first->previous);
  g_assert_null (first->comparison);
  g_assert_cmpuint (first->trend->points->len, ==, 1);

  g_assert_nonnull (report->previous);
  g_assert_cmpint (report->previous->id, ==, fixture->first);
  g_assert_cmpuint (report->trend->points->len, ==, 2);
  g_assert_cmpint (report->comparison->overall.change, ==, FLAW_CHANGE_IMPROVED);
  g_assert_cmpint (flaw_comparison_get_section (report->comparison, "vulnerability-disclosure")->change, ==,
                   FLAW_CHANGE_WORSE);
  g_assert_cmpint (flaw_comparison_get_item (report->comparison, "vulnerability-management.process")->change, ==,
                   FLAW_CHANGE_IMPROVED);
  g_assert_cmpuint (report->evidence->len, ==, 5);
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = load_report (fixture, fixture->second);
  g_autofree char *md = flaw_assessment_report_to_markdown (report);

  g_test_message ("%s", md);
  g_assert_true (g_str_has_prefix (md, "# Self-assessment: Plan for security flaws\n"));
  g_assert_null (strstr (md, "<script>"));
  g_assert_nonnull (strstr (md, "\\<script\\>"));
  g_assert_nonnull (strstr (md, "\\[link\\]"));
  g_assert_nonnull (strstr (md, "| **Overall** | 50 % | 4 of 15 rated | 33 % | ▲ Improved |"));
  g_assert_nonnull (strstr (md, "| Vulnerability management | 100 % | 1 of 4 rated | 33 % | ▲ Improved |"));
  g_assert_nonnull (strstr (md, "| 2025-06-01 | 33 % |"));
  g_assert_nonnull (strstr (md, "| 2025-12-01 | 50 % |"));
  g_assert_nonnull (strstr (md, "Patch day every month."));
  g_assert_nonnull (strstr (md, "**Front door for reports (from Flawdesk):** 1 disclosure source configured"));
  g_assert_nonnull (strstr (md, "## Changes since the previous run (2025-06-01)"));
  g_assert_nonnull (strstr (md, "Not in place → Largely in place"));
  g_assert_nonnull (strstr (md, "| Vulnerability disclosure | 33 % | 1 of 4 rated | 67 % | ▼ Got worse |"));
}

static void
test_html_escapes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = load_report (fixture, fixture->second);
  g_autofree char *html = flaw_assessment_report_to_html (report);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy"));
  /* No value reaches the page as markup. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "javascript:x)\""));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos;"));
  g_assert_nonnull (strstr (html, "href=\"https://wiki.example.org/patch?team=a&amp;b=&lt;c&gt;\""));
  g_assert_nonnull (strstr (html, "Patch day every month.<br>Owner: &lt;script&gt;"));
  /* Self-contained, with the chart inline. */
  g_assert_nonnull (strstr (html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "src="));
  g_assert_nonnull (strstr (html, "class=\"worse\""));
  g_assert_nonnull (strstr (html, "class=\"improved\""));
}

static char *
run_tool (const char  *tool,
          const char  *arg1,
          const char  *arg2,
          const char  *arg3)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s stderr: %s", tool, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^Pages: +([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *pages = NULL;

  g_assert_true (g_regex_match (regex, info, 0, &match));
  pages = g_match_info_fetch (match, 1);
  g_assert_nonnull (strstr (info, "Page size:       595 x 842 pts (A4)"));

  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdfinfo == NULL || pdftotext == NULL)
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed to check PDFs");
      return FALSE;
    }

  return TRUE;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = load_report (fixture, fixture->second);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint n_pages = 0;

  if (!have_poppler ())
    return;

  g_assert_true (flaw_assessment_report_write_pdf (report, path, &n_pages, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-1."));
  g_assert_cmpuint (length, >, 16);
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));

  /* Title, scores and trend, then 15 items over the following pages. */
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);

  text = run_tool ("pdftotext", "-layout", path, "-");
  g_assert_nonnull (strstr (text, "Self-assessment: Plan for security"));
  g_assert_nonnull (strstr (text, "Team: Team <script>alert(\"x\")</script>"));
  g_assert_nonnull (strstr (text, "Scores"));
  g_assert_nonnull (strstr (text, "Trend"));
  g_assert_nonnull (strstr (text, "Got worse"));
  g_assert_nonnull (strstr (text, "Patch day every month."));
  g_assert_nonnull (strstr (text, "https://wiki.example.org/patch?team=a&b=<c>"));
  g_assert_nonnull (strstr (text, "Fully in place — Improved (previously: Partly in place)"));
  g_assert_nonnull (strstr (text, "Does the team invest in the skills it needs"));
  g_assert_nonnull (strstr (text, "Page 4 of 4"));
}

/* A debt item created from an answer is listed with it, in every format. */
static void
test_linked_debt (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *line = NULL;
  const FlawLinkedDebt *debt;
  gint64 debt_id;

  debt_id = flaw_assessment_db_create_debt (fixture->db, fixture->second, "security-testing.regression-tests", &error);
  g_assert_no_error (error);
  g_assert_cmpint (debt_id, >, 0);

  report = load_report (fixture, fixture->second);
  g_assert_cmpuint (report->linked_debt->len, ==, 1);
  debt = g_ptr_array_index (report->linked_debt, 0);
  g_assert_cmpstr (debt->item_id, ==, "security-testing.regression-tests");
  g_assert_cmpint (debt->debt_id, ==, debt_id);
  g_assert_cmpint (debt->status, ==, FLAW_DEBT_STATUS_PROPOSED);
  line = flaw_linked_debt_format (debt);
  g_assert_true (g_str_has_prefix (line, "Debt item "));
  g_assert_true (g_str_has_suffix (line, ", Proposed)"));
  g_assert_nonnull (strstr (line, debt->title));

  md = flaw_assessment_report_to_markdown (report);
  g_assert_nonnull (strstr (md, "Debt:"));
  g_assert_nonnull (strstr (md, ", Proposed)"));
  html = flaw_assessment_report_to_html (report);
  g_assert_nonnull (strstr (html, "<p class=\"debt\"><strong>Debt:</strong> Debt item "));

  if (have_poppler ())
    {
      g_autofree char *path = g_build_filename (fixture->dir, "debt.pdf", NULL);
      g_autofree char *text = NULL;

      g_assert_true (flaw_assessment_report_write_pdf (report, path, NULL, &error));
      g_assert_no_error (error);
      text = run_tool ("pdftotext", "-layout", path, "-");
      g_assert_nonnull (strstr (text, "Debt: Debt item "));
    }

  /* The first run has no debt linked to its answers. */
  g_clear_pointer (&report, flaw_assessment_report_free);
  report = load_report (fixture, fixture->first);
  g_assert_cmpuint (report->linked_debt->len, ==, 0);
}

static void
test_pdf_long_note_flows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  if (!have_poppler ())
    return;

  /* One note longer than a page must flow over pages, not be cut. */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (note, "Line %u of a very long note about patching.\n", i);
  g_string_append (note, "THE-LAST-LINE");
  answer (fixture, fixture->second, "security-debt.register", FLAW_RATING_LARGELY, note->str, NULL);

  report = load_report (fixture, fixture->second);
  g_assert_true (flaw_assessment_report_write_pdf (report, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 7);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);

  text = run_tool ("pdftotext", path, "-", NULL);
  g_assert_nonnull (strstr (text, "Line 0 of a very long note"));
  g_assert_nonnull (strstr (text, "Line 149 of a very long note"));
  g_assert_nonnull (strstr (text, "THE-LAST-LINE"));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FlawAssessmentReport) report = load_report (fixture, fixture->second);
  g_autoptr(GError) error = NULL;
  static const char * const formats[] = { "md", "html", "pdf" };
  static const char * const starts[] = { "# Self-assessment", "<!DOCTYPE html>", "%PDF-1." };
  FlawReportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("report.", formats[i], NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (flaw_report_format_parse (formats[i], &format));
      g_assert_true (flaw_assessment_report_export (report, format, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, starts[i]));
    }

  g_assert_false (flaw_report_format_parse ("docx", &format));

  /* A folder that does not exist is an error, not a crash. */
  g_assert_false (flaw_assessment_report_export (report, FLAW_REPORT_PDF, "/nonexistent/dir/report.pdf", &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/assessment-report/needs-completed", test_needs_completed);
  ADD ("/flawdesk/assessment-report/linked-debt", test_linked_debt);
  ADD ("/flawdesk/assessment-report/contents", test_contents);
  ADD ("/flawdesk/assessment-report/markdown", test_markdown);
  ADD ("/flawdesk/assessment-report/html-escapes", test_html_escapes);
  ADD ("/flawdesk/assessment-report/pdf", test_pdf);
  ADD ("/flawdesk/assessment-report/pdf-long-note-flows", test_pdf_long_note_flows);
  ADD ("/flawdesk/assessment-report/export", test_export);

#undef ADD

  return g_test_run ();
}
