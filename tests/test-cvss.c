/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-cvss.h"

typedef struct
{
  const char *vector;
  double      base;
  double      temporal;
  double      environmental;
  FlawSeverity severity;
} Case;

/* Base scores from FIRST's "CVSS v3.1 Examples" document; temporal and
 * environmental ones worked out by hand from section 7 (the arithmetic is
 * in the comments). */
static const Case cases[] = {
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8, FLAW_SEVERITY_CRITICAL },
  { "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, 6.4, 6.4, FLAW_SEVERITY_MEDIUM },
  { "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, 7.8, 7.8, FLAW_SEVERITY_HIGH },
  { "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, 3.1, 3.1, FLAW_SEVERITY_LOW },
  { "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0, 0.0, 0.0, FLAW_SEVERITY_NONE },
  /* Heartbleed, CVE-2014-0160 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, 7.5, 7.5, FLAW_SEVERITY_HIGH },
  /* phpMyAdmin reflected XSS, CVE-2013-1937 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, 6.1, 6.1, FLAW_SEVERITY_MEDIUM },
  /* VMware guest to host escape, CVE-2012-1516. With a changed scope the
   * 3.1 environmental formula (× 0.9731, ^13) differs from the base one even
   * when no environmental metric is given: MISS = 0.914816, modified impact
   * 7.52 × 0.885816 − 3.25 × 0.870207¹³ = 6.12798, + 3.10963 = 9.23761,
   * × 1.08 = 9.97662 → 10.0. */
  { "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, 9.9, 10.0, FLAW_SEVERITY_CRITICAL },
  /* Apache Tomcat XML parser, CVE-2009-0783 */
  { "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, 4.2, 4.2, FLAW_SEVERITY_MEDIUM },
  /* Cisco IOS arbitrary command execution, CVE-2012-0384 */
  { "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, 8.8, 8.8, FLAW_SEVERITY_HIGH },
  /* OpenSSL CCS injection, CVE-2014-0224 */
  { "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, 7.4, 7.4, FLAW_SEVERITY_HIGH },
  /* Google Chrome sandbox bypass, CVE-2012-5376 */
  /* Environmental: (6.12798 + 2.83525) × 1.08 = 9.68029 → 9.7 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.7, FLAW_SEVERITY_CRITICAL },
  /* Juniper proxy ARP, CVE-2013-6014 */
  { "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:H", 9.3, 9.3, 9.3, FLAW_SEVERITY_CRITICAL },
  /* Sophos login screen bypass, CVE-2014-2005 */
  { "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, 6.8, 6.8, FLAW_SEVERITY_MEDIUM },
  /* Cisco IOS SNMP, CVE-2012-1342 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, 5.8, 5.8, FLAW_SEVERITY_MEDIUM },
  /* Adobe Acrobat buffer overflow, CVE-2009-0658 */
  { "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, 7.8, 7.8, FLAW_SEVERITY_HIGH },
  /* The highest score there is. */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 10.0, 10.0, FLAW_SEVERITY_CRITICAL },
  /* Temporal: 9.8 × 0.91 × 0.95 × 0.92 = 7.794332 → 7.8 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", 9.8, 7.8, 7.8, FLAW_SEVERITY_HIGH },
  /* Temporal: 9.8 × 0.97 × 0.95 = 9.03070 → 9.1 (Roundup, not rounding) */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C", 9.8, 9.1, 9.1, FLAW_SEVERITY_CRITICAL },
  /* Temporal: 8.8 × 0.94 × 0.95 = 7.8584 → 7.9; metrics in another order */
  { "CVSS:3.1/RL:O/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P", 8.8, 7.9, 7.9, FLAW_SEVERITY_HIGH },
  /* Environmental: MISS = 1 − (1 − 0.5 × 0.56)³ = 0.626752; 6.42 × MISS =
   * 4.02375 + 3.88708 = 7.91083 → 8.0 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:L/AR:L", 9.8, 9.8, 8.0, FLAW_SEVERITY_HIGH },
  /* Environmental with every requirement Medium equals the base score. */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:M/IR:M/AR:M", 9.8, 9.8, 9.8, FLAW_SEVERITY_CRITICAL },
  /* Environmental: MAV:P makes exploitability 8.22 × 0.2 × 0.77 × 0.85 × 0.85
   * = 0.91461; 4.24355 (6.42 × 0.66098) … C:H/I:N/A:N: MISS = 0.56 × 1.5
   * = 0.84 → 6.42 × 0.84 = 5.3928 + 0.91461 = 6.30741 → 6.4 */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/MAV:P/CR:H", 7.5, 7.5, 6.4, FLAW_SEVERITY_MEDIUM },
  /* Environmental with a modified impact of none scores 0. */
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N", 9.8, 9.8, 0.0, FLAW_SEVERITY_NONE },
};

static void
test_scores (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlawCvss) cvss = flaw_cvss_parse (cases[i].vector, &error);

      g_test_message ("%s", cases[i].vector);
      g_assert_no_error (error);
      g_assert_nonnull (cvss);
      g_assert_cmpfloat_with_epsilon (flaw_cvss_get_base_score (cvss), cases[i].base, 1e-9);
      g_assert_cmpfloat_with_epsilon (flaw_cvss_get_temporal_score (cvss), cases[i].temporal, 1e-9);
      g_assert_cmpfloat_with_epsilon (flaw_cvss_get_environmental_score (cvss),
                                      cases[i].environmental, 1e-9);
      g_assert_cmpint (flaw_cvss_severity_from_score (flaw_cvss_get_score (cvss)), ==,
                       cases[i].severity);
    }
}

static void
test_roundup (void)
{
  /* The specification's own examples (Appendix A). */
  g_assert_cmpfloat (flaw_cvss_roundup (4.02), ==, 4.1);
  g_assert_cmpfloat (flaw_cvss_roundup (4.00), ==, 4.0);
  /* Floating point noise must not push a whole tenth up. */
  g_assert_cmpfloat (flaw_cvss_roundup (4.000000000000001), ==, 4.0);
  g_assert_cmpfloat (flaw_cvss_roundup (0.0), ==, 0.0);
  g_assert_cmpfloat (flaw_cvss_roundup (9.99), ==, 10.0);
}

static void
test_severity (void)
{
  g_assert_cmpint (flaw_cvss_severity_from_score (0.0), ==, FLAW_SEVERITY_NONE);
  g_assert_cmpint (flaw_cvss_severity_from_score (0.1), ==, FLAW_SEVERITY_LOW);
  g_assert_cmpint (flaw_cvss_severity_from_score (3.9), ==, FLAW_SEVERITY_LOW);
  g_assert_cmpint (flaw_cvss_severity_from_score (4.0), ==, FLAW_SEVERITY_MEDIUM);
  g_assert_cmpint (flaw_cvss_severity_from_score (6.9), ==, FLAW_SEVERITY_MEDIUM);
  g_assert_cmpint (flaw_cvss_severity_from_score (7.0), ==, FLAW_SEVERITY_HIGH);
  g_assert_cmpint (flaw_cvss_severity_from_score (8.9), ==, FLAW_SEVERITY_HIGH);
  g_assert_cmpint (flaw_cvss_severity_from_score (9.0), ==, FLAW_SEVERITY_CRITICAL);
  g_assert_cmpint (flaw_cvss_severity_from_score (10.0), ==, FLAW_SEVERITY_CRITICAL);
}

static void
test_to_string (void)
{
  g_autoptr(FlawCvss) cvss = flaw_cvss_parse ("  CVSS:3.1/E:P/A:H/I:H/C:H/S:U/UI:N/PR:L/AC:L/AV:N \n", NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (cvss);
  text = flaw_cvss_to_string (cvss);
  g_assert_cmpstr (text, ==, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P");
  g_assert_true (flaw_cvss_has_temporal (cvss));
  g_assert_false (flaw_cvss_has_environmental (cvss));
}

typedef struct
{
  const char *vector;
  int         code;
  const char *mention;
} Malformed;

static const Malformed malformed[] = {
  { "", FLAW_CVSS_ERROR_PREFIX, "CVSS:3.1/" },
  { "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_PREFIX, "CVSS:3.1/" },
  { "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_PREFIX, "3.1" },
  { "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_PREFIX, "CVSS:3.1/" },
  { "CVSS:3.1/", FLAW_CVSS_ERROR_MISSING_METRIC, "AV (Attack Vector)" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", FLAW_CVSS_ERROR_SYNTAX, "NAME:VALUE" },
  { "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_SYNTAX, "NAME:VALUE" },
  { "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_SYNTAX, "“AVN”" },
  { "CVSS:3.1/:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_SYNTAX, "“:N”" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", FLAW_CVSS_ERROR_UNKNOWN_METRIC, "“XX”" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/av:n", FLAW_CVSS_ERROR_UNKNOWN_METRIC, "“av”" },
  { "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_DUPLICATE_METRIC, "AV (Attack Vector)" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/E:F", FLAW_CVSS_ERROR_DUPLICATE_METRIC, "E (Exploit Code Maturity)" },
  { "CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_MISSING_METRIC, "AV (Attack Vector)" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", FLAW_CVSS_ERROR_MISSING_METRIC, "S (Scope)" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", FLAW_CVSS_ERROR_MISSING_METRIC, "A (Availability)" },
  { "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_INVALID_VALUE, "Attack Vector" },
  { "CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_INVALID_VALUE, "N, A, L or P" },
  { "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", FLAW_CVSS_ERROR_INVALID_VALUE, "AV" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H", FLAW_CVSS_ERROR_INVALID_VALUE, "Scope" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", FLAW_CVSS_ERROR_INVALID_VALUE, "X, H, F, P or U" },
  { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:X/CR:Q", FLAW_CVSS_ERROR_INVALID_VALUE, "Confidentiality Requirement" },
};

static void
test_malformed (void)
{
  g_autofree char *huge = NULL;
  g_autoptr(GError) error = NULL;
  GString *long_vector;

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(FlawCvss) cvss = flaw_cvss_parse (malformed[i].vector, &local_error);

      g_test_message ("%s → %s", malformed[i].vector,
                      local_error != NULL ? local_error->message : "(parsed)");
      g_assert_null (cvss);
      g_assert_error (local_error, FLAW_CVSS_ERROR, malformed[i].code);
      g_assert_nonnull (strstr (local_error->message, malformed[i].mention));
    }

  long_vector = g_string_new ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  while (long_vector->len < 1000)
    g_string_append (long_vector, "/E:X");
  huge = g_string_free (long_vector, FALSE);
  g_assert_null (flaw_cvss_parse (huge, &error));
  g_assert_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_SYNTAX);
}

static void
test_cwe (void)
{
  const char *bad[] = { "", "CWE", "CWE-", "CWE-0", "CWE-079", "CWE-7a", "CWE 79", "79",
                        "CWE--79", "CWE-12345678", "CWE-79; DROP TABLE report", "CVE-2014-0160" };
  char *id;

  id = flaw_cwe_parse ("CWE-79", NULL);
  g_assert_cmpstr (id, ==, "CWE-79");
  g_free (id);
  id = flaw_cwe_parse (" cwe-1321 ", NULL);
  g_assert_cmpstr (id, ==, "CWE-1321");
  g_free (id);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (flaw_cwe_parse (bad[i], &error));
      g_assert_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_INVALID_CWE);
      g_assert_nonnull (strstr (error->message, "CWE-79"));
    }
}

static void
test_cve (void)
{
  const char *bad[] = { "", "CVE", "CVE-2014", "CVE-2014-", "CVE-2014-016", "CVE-14-0160",
                        "CVE-1998-0001", "CVE-2014_0160", "CVE-2014-0160x", "CVE-2014-01234",
                        "CVE-20a4-0160", "CWE-79", "CVE-2021-44228 CVE-2021-45046" };
  const char *good[][2] = {
    { "CVE-2014-0160", "CVE-2014-0160" },
    { "cve-2021-44228", "CVE-2021-44228" },
    { "CVE-1999-0001", "CVE-1999-0001" },
    { " CVE-2023-1234567 ", "CVE-2023-1234567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = flaw_cve_parse (good[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i][1]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_null (flaw_cve_parse (bad[i], &error));
      g_assert_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_INVALID_CVE);
      g_assert_nonnull (strstr (error->message, "CVE-2014-0160"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/cvss/scores", test_scores);
  g_test_add_func ("/flawdesk/cvss/roundup", test_roundup);
  g_test_add_func ("/flawdesk/cvss/severity", test_severity);
  g_test_add_func ("/flawdesk/cvss/to-string", test_to_string);
  g_test_add_func ("/flawdesk/cvss/malformed", test_malformed);
  g_test_add_func ("/flawdesk/cvss/cwe", test_cwe);
  g_test_add_func ("/flawdesk/cvss/cve", test_cve);

  return g_test_run ();
}
