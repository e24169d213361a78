/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cvss"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "flaw-cvss.h"

/* Scores follow section 7 of the CVSS v3.1 specification, with its
 * Roundup function (Appendix A) so that results match FIRST's calculator
 * despite floating point.
 */

typedef enum
{
  /* Base */
  METRIC_AV, METRIC_AC, METRIC_PR, METRIC_UI, METRIC_S, METRIC_C, METRIC_I, METRIC_A,
  /* Temporal */
  METRIC_E, METRIC_RL, METRIC_RC,
  /* Environmental */
  METRIC_CR, METRIC_IR, METRIC_AR, METRIC_MAV, METRIC_MAC, METRIC_MPR, METRIC_MUI, METRIC_MS, METRIC_MC, METRIC_MI, METRIC_MA,
  N_METRICS
} Metric;

#define FIRST_TEMPORAL METRIC_E
#define FIRST_ENVIRONMENTAL METRIC_CR

typedef struct
{
  const char *key;
  const char *name;
  const char *values;
} MetricInfo;

/* Values are single letters, listed in the specification's order. */
static const MetricInfo metrics[N_METRICS] = {
  [METRIC_AV] = { "AV", N_("Attack Vector"), "NALP" },
  [METRIC_AC] = { "AC", N_("Attack Complexity"), "LH" },
  [METRIC_PR] = { "PR", N_("Privileges Required"), "NLH" },
  [METRIC_UI] = { "UI", N_("User Interaction"), "NR" },
  [METRIC_S] = { "S", N_("Scope"), "UC" },
  [METRIC_C] = { "C", N_("Confidentiality"), "HLN" },
  [METRIC_I] = { "I", N_("Integrity"), "HLN" },
  [METRIC_A] = { "A", N_("Availability"), "HLN" },
  [METRIC_E] = { "E", N_("Exploit Code Maturity"), "XHFPU" },
  [METRIC_RL] = { "RL", N_("Remediation Level"), "XUWTO" },
  [METRIC_RC] = { "RC", N_("Report Confidence"), "XCRU" },
  [METRIC_CR] = { "CR", N_("Confidentiality Requirement"), "XHML" },
  [METRIC_IR] = { "IR", N_("Integrity Requirement"), "XHML" },
  [METRIC_AR] = { "AR", N_("Availability Requirement"), "XHML" },
  [METRIC_MAV] = { "MAV", N_("Modified Attack Vector"), "XNALP" },
  [METRIC_MAC] = { "MAC", N_("Modified Attack Complexity"), "XLH" },
  [METRIC_MPR] = { "MPR", N_("Modified Privileges Required"), "XNLH" },
  [METRIC_MUI] = { "MUI", N_("Modified User Interaction"), "XNR" },
  [METRIC_MS] = { "MS", N_("Modified Scope"), "XUC" },
  [METRIC_MC] = { "MC", N_("Modified Confidentiality"), "XHLN" },
  [METRIC_MI] = { "MI", N_("Modified Integrity"), "XHLN" },
  [METRIC_MA] = { "MA", N_("Modified Availability"), "XHLN" },
};

struct _FlawCvss
{
  /* The letter of each metric's value; '\0' when the vector leaves it out
   * (temporal and environmental metrics only, which then mean X). */
  char values[N_METRICS];
};

G_DEFINE_QUARK (flaw-cvss-error-quark, flaw_cvss_error)

static char
value_of (const FlawCvss *cvss,
          Metric          metric)
{
  return cvss->values[metric] != '\0' ? cvss->values[metric] : 'X';
}

/* A modified metric that is X (Not Defined) takes the base metric's value. */
static char
modified (const FlawCvss *cvss,
          Metric          modified_metric,
          Metric          base_metric)
{
  char value = value_of (cvss, modified_metric);

  return value == 'X' ? cvss->values[base_metric] : value;
}

static double
attack_vector (char value)
{
  switch (value)
    {
    case 'N': return 0.85;
    case 'A': return 0.62;
    case 'L': return 0.55;
    case 'P': return 0.2;
    default: g_assert_not_reached ();
    }
}

static double
attack_complexity (char value)
{
  return value == 'L' ? 0.77 : 0.44;
}

static double
privileges_required (char     value,
                     gboolean scope_changed)
{
  switch (value)
    {
    case 'N': return 0.85;
    case 'L': return scope_changed ? 0.68 : 0.62;
    case 'H': return scope_changed ? 0.5 : 0.27;
    default: g_assert_not_reached ();
    }
}

static double
user_interaction (char value)
{
  return value == 'N' ? 0.85 : 0.62;
}

static double
cia_impact (char value)
{
  switch (value)
    {
    case 'H': return 0.56;
    case 'L': return 0.22;
    case 'N': return 0.0;
    default: g_assert_not_reached ();
    }
}

static double
exploit_code_maturity (char value)
{
  switch (value)
    {
    case 'X': case 'H': return 1.0;
    case 'F': return 0.97;
    case 'P': return 0.94;
    case 'U': return 0.91;
    default: g_assert_not_reached ();
    }
}

static double
remediation_level (char value)
{
  switch (value)
    {
    case 'X': case 'U': return 1.0;
    case 'W': return 0.97;
    case 'T': return 0.96;
    case 'O': return 0.95;
    default: g_assert_not_reached ();
    }
}

static double
report_confidence (char value)
{
  switch (value)
    {
    case 'X': case 'C': return 1.0;
    case 'R': return 0.96;
    case 'U': return 0.92;
    default: g_assert_not_reached ();
    }
}

static double
security_requirement (char value)
{
  switch (value)
    {
    case 'X': case 'M': return 1.0;
    case 'H': return 1.5;
    case 'L': return 0.5;
    default: g_assert_not_reached ();
    }
}

static double
temporal_factor (const FlawCvss *cvss)
{
  return exploit_code_maturity (value_of (cvss, METRIC_E)) *
         remediation_level (value_of (cvss, METRIC_RL)) *
         report_confidence (value_of (cvss, METRIC_RC));
}

static int
find_metric (const char *key)
{
  for (guint i = 0; i < N_METRICS; i++)
    if (g_str_equal (metrics[i].key, key))
      return i;

  return -1;
}

static char *
list_values (const char *values)
{
  GString *text = g_string_new (NULL);
  guint n = strlen (values);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == n ? _(" or ") : ", ");
      g_string_append_c (text, values[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * flaw_cvss_roundup:
 *
 * The specification's Roundup: the smallest number with one decimal place
 * that is equal to or higher than @value, computed on integers so that
 * 4.000000000000001 stays 4.0.
 */
double
flaw_cvss_roundup (double value)
{
  gint64 int_input = (gint64) llround (value * 100000.0);

  if (int_input % 10000 == 0)
    return int_input / 100000.0;

  return (floor (int_input / 10000.0) + 1) / 10.0;
}

/**
 * flaw_cvss_severity_from_score:
 *
 * The qualitative rating of section 5: none 0.0, low 0.1–3.9,
 * medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0.
 */
FlawSeverity
flaw_cvss_severity_from_score (double score)
{
  /* Scores have one decimal place; compare in tenths to dodge 6.9 < 6.9000001. */
  gint64 tenths = llround (score * 10.0);

  if (tenths <= 0)
    return FLAW_SEVERITY_NONE;
  if (tenths < 40)
    return FLAW_SEVERITY_LOW;
  if (tenths < 70)
    return FLAW_SEVERITY_MEDIUM;
  if (tenths < 90)
    return FLAW_SEVERITY_HIGH;

  return FLAW_SEVERITY_CRITICAL;
}

/**
 * flaw_cvss_parse:
 * @vector: a vector such as `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`
 *
 * Every base metric is required exactly once; temporal and environmental
 * metrics are optional; metrics may come in any order. Surrounding white
 * space is ignored.
 *
 * Returns: (transfer full): the vector, or %NULL with @error naming the
 *   offending metric
 */
FlawCvss *
flaw_cvss_parse (const char  *vector,
                 GError     **error)
{
  g_autoptr(FlawCvss) cvss = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  const char *body;

  g_return_val_if_fail (vector != NULL, NULL);

  copy = g_strstrip (g_strdup (vector));

  if (strlen (copy) > 512)
    {
      g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_SYNTAX,
                   _("The CVSS vector is too long to be a CVSS 3.1 vector."));
      return NULL;
    }

  if (!g_str_has_prefix (copy, "CVSS:3.1/"))
    {
      if (g_str_has_prefix (copy, "CVSS:"))
        g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_PREFIX,
                     _("Only CVSS version 3.1 vectors are supported; the vector must start "
                       "with “CVSS:3.1/”."));
      else
        g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_PREFIX,
                     _("A CVSS vector starts with “CVSS:3.1/”, for example "
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."));
      return NULL;
    }

  body = copy + strlen ("CVSS:3.1/");
  parts = g_strsplit (body, "/", -1);
  cvss = g_new0 (FlawCvss, 1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      const char *colon = strchr (part, ':');
      g_autofree char *key = NULL;
      const char *value;
      int metric;

      if (colon == NULL || colon == part)
        {
          g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_SYNTAX,
                       _("“%s” in the CVSS vector is not a metric; write metrics as "
                         "NAME:VALUE separated by “/”."), part);
          return NULL;
        }

      key = g_strndup (part, colon - part);
      value = colon + 1;
      metric = find_metric (key);

      if (metric < 0)
        {
          g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_UNKNOWN_METRIC,
                       _("“%s” is not a CVSS 3.1 metric."), key);
          return NULL;
        }

      if (cvss->values[metric] != '\0')
        {
          g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_DUPLICATE_METRIC,
                       _("The metric %s (%s) appears more than once in the CVSS vector."),
                       key, _(metrics[metric].name));
          return NULL;
        }

      if (strlen (value) != 1 || strchr (metrics[metric].values, value[0]) == NULL)
        {
          g_autofree char *allowed = list_values (metrics[metric].values);

          g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_INVALID_VALUE,
                       _("“%s” is not a valid value for %s (%s); use %s."),
                       value, key, _(metrics[metric].name), allowed);
          return NULL;
        }

      cvss->values[metric] = value[0];
    }

  for (guint i = 0; i < FIRST_TEMPORAL; i++)
    {
      if (cvss->values[i] == '\0')
        {
          g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_MISSING_METRIC,
                       _("The CVSS vector lacks the base metric %s (%s)."),
                       metrics[i].key, _(metrics[i].name));
          return NULL;
        }
    }

  return g_steal_pointer (&cvss);
}

void
flaw_cvss_free (FlawCvss *cvss)
{
  g_free (cvss);
}

/**
 * flaw_cvss_to_string:
 *
 * Returns: the vector in the specification's order, leaving out metrics
 *   the parsed vector left out
 */
char *
flaw_cvss_to_string (const FlawCvss *cvss)
{
  GString *text;

  g_return_val_if_fail (cvss != NULL, NULL);

  text = g_string_new ("CVSS:3.1");

  for (guint i = 0; i < N_METRICS; i++)
    if (cvss->values[i] != '\0')
      g_string_append_printf (text, "/%s:%c", metrics[i].key, cvss->values[i]);

  return g_string_free (text, FALSE);
}

double
flaw_cvss_get_base_score (const FlawCvss *cvss)
{
  gboolean changed;
  double iss, impact, exploitability;

  g_return_val_if_fail (cvss != NULL, 0.0);

  changed = cvss->values[METRIC_S] == 'C';
  iss = 1.0 - ((1.0 - cia_impact (cvss->values[METRIC_C])) *
               (1.0 - cia_impact (cvss->values[METRIC_I])) *
               (1.0 - cia_impact (cvss->values[METRIC_A])));

  if (changed)
    impact = 7.52 * (iss - 0.029) - 3.25 * pow (iss - 0.02, 15);
  else
    impact = 6.42 * iss;

  exploitability = 8.22 * attack_vector (cvss->values[METRIC_AV]) *
                   attack_complexity (cvss->values[METRIC_AC]) *
                   privileges_required (cvss->values[METRIC_PR], changed) *
                   user_interaction (cvss->values[METRIC_UI]);

  if (impact <= 0)
    return 0.0;

  if (changed)
    return flaw_cvss_roundup (MIN (1.08 * (impact + exploitability), 10.0));

  return flaw_cvss_roundup (MIN (impact + exploitability, 10.0));
}

gboolean
flaw_cvss_has_temporal (const FlawCvss *cvss)
{
  g_return_val_if_fail (cvss != NULL, FALSE);

  for (guint i = FIRST_TEMPORAL; i < FIRST_ENVIRONMENTAL; i++)
    if (cvss->values[i] != '\0')
      return TRUE;

  return FALSE;
}

/**
 * flaw_cvss_get_temporal_score:
 *
 * Returns: the temporal score; equal to the base score when no temporal
 *   metric is given, as every Not Defined value weighs 1
 */
double
flaw_cvss_get_temporal_score (const FlawCvss *cvss)
{
  g_return_val_if_fail (cvss != NULL, 0.0);

  return flaw_cvss_roundup (flaw_cvss_get_base_score (cvss) * temporal_factor (cvss));
}

gboolean
flaw_cvss_has_environmental (const FlawCvss *cvss)
{
  g_return_val_if_fail (cvss != NULL, FALSE);

  for (guint i = FIRST_ENVIRONMENTAL; i < N_METRICS; i++)
    if (cvss->values[i] != '\0')
      return TRUE;

  return FALSE;
}

double
flaw_cvss_get_environmental_score (const FlawCvss *cvss)
{
  gboolean changed;
  double miss, impact, exploitability;

  g_return_val_if_fail (cvss != NULL, 0.0);

  changed = modified (cvss, METRIC_MS, METRIC_S) == 'C';
  miss = MIN (1.0 - ((1.0 - security_requirement (value_of (cvss, METRIC_CR)) *
                            cia_impact (modified (cvss, METRIC_MC, METRIC_C))) *
                     (1.0 - security_requirement (value_of (cvss, METRIC_IR)) *
                            cia_impact (modified (cvss, METRIC_MI, METRIC_I))) *
                     (1.0 - security_requirement (value_of (cvss, METRIC_AR)) *
                            cia_impact (modified (cvss, METRIC_MA, METRIC_A)))),
              0.915);

  if (changed)
    impact = 7.52 * (miss - 0.029) - 3.25 * pow (miss * 0.9731 - 0.02, 13);
  else
    impact = 6.42 * miss;

  exploitability = 8.22 * attack_vector (modified (cvss, METRIC_MAV, METRIC_AV)) *
                   attack_complexity (modified (cvss, METRIC_MAC, METRIC_AC)) *
                   privileges_required (modified (cvss, METRIC_MPR, METRIC_PR), changed) *
                   user_interaction (modified (cvss, METRIC_MUI, METRIC_UI));

  if (impact <= 0)
    return 0.0;

  if (changed)
    return flaw_cvss_roundup (flaw_cvss_roundup (MIN (1.08 * (impact + exploitability), 10.0)) *
                              temporal_factor (cvss));

  return flaw_cvss_roundup (flaw_cvss_roundup (MIN (impact + exploitability, 10.0)) *
                            temporal_factor (cvss));
}

/**
 * flaw_cvss_get_score:
 *
 * Returns: the most specific score the vector allows: environmental when
 *   it has environmental metrics, else temporal, else base
 */
double
flaw_cvss_get_score (const FlawCvss *cvss)
{
  g_return_val_if_fail (cvss != NULL, 0.0);

  if (flaw_cvss_has_environmental (cvss))
    return flaw_cvss_get_environmental_score (cvss);
  if (flaw_cvss_has_temporal (cvss))
    return flaw_cvss_get_temporal_score (cvss);

  return flaw_cvss_get_base_score (cvss);
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/**
 * flaw_cwe_parse:
 * @text: a CWE id such as `CWE-79` (the prefix in any case)
 *
 * Returns: (transfer full): the id written as `CWE-<n>`, or %NULL with
 *   @error set
 */
char *
flaw_cwe_parse (const char  *text,
                GError     **error)
{
  g_autofree char *copy = NULL;
  const char *digits;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  copy = g_strstrip (g_strdup (text));
  digits = strlen (copy) >= 4 ? copy + 4 : "";
  len = strlen (digits);

  if (g_ascii_strncasecmp (copy, "CWE-", 4) != 0 || !all_digits (digits, len) ||
      len > 7 || digits[0] == '0')
    {
      g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_INVALID_CWE,
                   _("“%s” is not a CWE id; write it as CWE- and the number, for example CWE-79."),
                   text);
      return NULL;
    }

  return g_strconcat ("CWE-", digits, NULL);
}

/**
 * flaw_cve_parse:
 * @text: a CVE id such as `CVE-2014-0160` (the prefix in any case)
 *
 * The year is 1999 or later; the sequence number has at least four digits,
 * and only a four-digit one may start with zeros.
 *
 * Returns: (transfer full): the id written as `CVE-YYYY-NNNN`, or %NULL
 *   with @error set
 */
char *
flaw_cve_parse (const char  *text,
                GError     **error)
{
  g_autofree char *copy = NULL;
  const char *year;
  const char *sequence;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  year = copy + 4;
  sequence = copy + 9;

  if (len < 13 || g_ascii_strncasecmp (copy, "CVE-", 4) != 0 ||
      !all_digits (year, 4) || year[4] != '-' ||
      !all_digits (sequence, len - 9) || len - 9 > 19 ||
      g_ascii_strtoull (year, NULL, 10) < 1999 ||
      (len - 9 > 4 && sequence[0] == '0'))
    {
      g_set_error (error, FLAW_CVSS_ERROR, FLAW_CVSS_ERROR_INVALID_CVE,
                   _("“%s” is not a CVE id; write it as CVE-, the year, “-” and at least "
                     "four digits, for example CVE-2014-0160."),
                   text);
      return NULL;
    }

  /* year runs on to the end: "2014-0160". */
  return g_strconcat ("CVE-", year, NULL);
}
