/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-securitytxt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-securitytxt-private.h"

/* A validator for RFC 9116 security.txt files. Every rule of the RFC is
 * reported as a finding with the code the public validators use
 * (DigitalTrustCenter's sectxt), so that users can compare results.
 */

#define SECONDS_PER_YEAR (G_GINT64_CONSTANT (365) * 24 * 60 * 60)

G_DEFINE_QUARK (flaw-securitytxt-error-quark, flaw_securitytxt_error)

static const char * const codes[] = {
  /* Errors */
  "no_security_txt", "location", "invalid_uri_scheme", "invalid_cert",
  "no_content_type", "invalid_media", "invalid_charset", "utf8", "no_expire",
  "multi_expire", "invalid_expiry", "expired", "no_contact", "no_canonical_match",
  "multi_lang", "invalid_lang", "no_uri", "no_https", "prec_ws", "no_space",
  "empty_key", "empty_value", "invalid_line", "no_line_separators",
  "signed_format_issue",
  /* Warnings (recommendations) */
  "long_expiry", "no_encryption", "not_signed", "no_canonical",
  /* Notices */
  "unknown_field",
  NULL
};


static void
line_clear (gpointer data)
{
  FlawSecuritytxtLine *line = data;

  g_free (line->text);
}

static void
finding_free (FlawSecuritytxtFinding *finding)
{
  g_free (finding->message);
  g_free (finding->fix);
  g_free (finding);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const FlawSecuritytxtFinding *fa = *(FlawSecuritytxtFinding * const *) a;
  const FlawSecuritytxtFinding *fb = *(FlawSecuritytxtFinding * const *) b;

  /* Whole-file findings come last, after the line-by-line ones. */
  guint la = fa->line == 0 ? G_MAXUINT : fa->line;
  guint lb = fb->line == 0 ? G_MAXUINT : fb->line;

  if (la != lb)
    return la < lb ? -1 : 1;
  if (fa->severity != fb->severity)
    return fa->severity < fb->severity ? -1 : 1;

  return 0;
}

/* A stable insertion sort: findings of one line keep the order found. */
static void
sort_findings (GPtrArray *findings)
{
  for (guint i = 1; i < findings->len; i++)
    {
      gpointer item = findings->pdata[i];
      guint k = i;

      while (k > 0 && compare_findings (&findings->pdata[k - 1], &item) > 0)
        {
          findings->pdata[k] = findings->pdata[k - 1];
          k--;
        }
      findings->pdata[k] = item;
    }
}

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* RFC 5322 §3.6.8: printable US-ASCII except the colon. */
gboolean
_flaw_securitytxt_is_field_name (const char *name,
                                 gsize       length)
{
  if (length == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = name[i];

      if (c < 33 || c > 126 || c == ':')
        return FALSE;
    }

  return TRUE;
}

/* RFC 3986 allows no spaces, controls or these delimiters unencoded. */
static gboolean
is_uri_text (const char *value)
{
  for (; *value != '\0'; value++)
    {
      guchar c = *value;

      if (c <= 0x20 || c == 0x7f || strchr ("<>\"{}|\\^`", c) != NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_scheme (const char *value,
            const char *scheme)
{
  gsize len = strlen (scheme);

  return g_ascii_strncasecmp (value, scheme, len) == 0 && value[len] == ':';
}

/**
 * flaw_securitytxt_check_uri:
 * @value: a field value
 * @field: (nullable): the field's name, for the message
 * @error: return location for a #GError: %FLAW_SECURITYTXT_ERROR_INVALID_URL
 *   when @value is no URI, %FLAW_SECURITYTXT_ERROR_INSECURE when it is a web
 *   URI that does not begin with "https://"
 *
 * Checks a value the way RFC 9116 asks of every URI field.
 */
gboolean
flaw_securitytxt_check_uri (const char  *value,
                            const char  *field,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (field == NULL)
    field = "URI";

  uri = g_uri_parse (value, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || !is_uri_text (value))
    {
      g_set_error (error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL,
                   _("The %s value “%s” is not a URI; write it with its scheme, such as "
                     "“mailto:security@example.com”, “tel:+1-201-555-0123” or "
                     "“https://example.com/security”."),
                   field, value);
      return FALSE;
    }

  if (has_scheme (value, "http"))
    {
      g_set_error (error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INSECURE,
                   _("The %s value “%s” is a web URI that does not use https; "
                     "RFC 9116 requires “https://”."),
                   field, value);
      return FALSE;
    }

  if (has_scheme (value, "https") &&
      (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'))
    {
      g_set_error (error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL,
                   _("The %s value “%s” names no host."), field, value);
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_securitytxt_is_language_tag:
 *
 * Returns: whether @tag is a well-formed RFC 5646 language tag
 */
gboolean
flaw_securitytxt_is_language_tag (const char *tag)
{
  static GRegex *regex;
  static gsize initialized;

  g_return_val_if_fail (tag != NULL, FALSE);

  if (g_once_init_enter (&initialized))
    {
      /* RFC 5646 §2.1, Language-Tag: langtag / privateuse / grandfathered. */
      regex = g_regex_new ("^(?:"
                           "(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
                           "(?:-[a-z]{4})?"
                           "(?:-(?:[a-z]{2}|[0-9]{3}))?"
                           "(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
                           "(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
                           "(?:-x(?:-[a-z0-9]{1,8})+)?"
                           "|x(?:-[a-z0-9]{1,8})+"
                           "|en-GB-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo"
                           "|navajo|pwn|tao|tay|tsu)|sgn-(?:BE-FR|BE-NL|CH-DE)"
                           ")$",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return g_regex_match (regex, tag, 0, NULL);
}

/**
 * flaw_securitytxt_check_languages:
 * @value: a Preferred-Languages value: tags separated by commas
 * @bad_tag: (out) (optional): the first tag that is not well-formed
 *
 * Returns: whether every tag of @value is well-formed and there is one
 */
gboolean
flaw_securitytxt_check_languages (const char  *value,
                                  char       **bad_tag)
{
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  tags = g_strsplit (value, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      char *tag = g_strstrip (tags[i]);

      if (!flaw_securitytxt_is_language_tag (tag))
        {
          if (bad_tag != NULL)
            *bad_tag = g_strdup (tag);
          return FALSE;
        }
    }

  if (tags[0] == NULL)
    {
      if (bad_tag != NULL)
        *bad_tag = g_strdup ("");
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_securitytxt_parse_date_time:
 * @value: an RFC 3339 date-time, such as "2021-12-31T18:37:07z"
 * @unix_time: (out): the time it names
 *
 * Returns: whether @value is an RFC 3339 date-time (§5.6)
 */
gboolean
flaw_securitytxt_parse_date_time (const char *value,
                                  gint64     *unix_time)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                           "(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$",
                           G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (!g_regex_match (regex, value, 0, NULL))
    return FALSE;

  /* GDateTime checks the ranges (month 13, February 30, hour 24). */
  upper = g_ascii_strup (value, -1);
  dt = g_date_time_new_from_iso8601 (upper, NULL);
  if (dt == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (dt);

  return TRUE;
}

/**
 * flaw_securitytxt_format_date_time:
 *
 * Returns: (transfer full): @unix_time as an RFC 3339 date-time in UTC,
 *   such as "2026-12-31T23:59:59Z"
 */
char *
flaw_securitytxt_format_date_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  g_return_val_if_fail (dt != NULL, NULL);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
flaw_securitytxt_severity_to_string (FlawSecuritytxtSeverity severity)
{
  switch (severity)
    {
    case FLAW_SECURITYTXT_SEVERITY_ERROR:
      return "error";
    case FLAW_SECURITYTXT_SEVERITY_WARNING:
      return "warning";
    case FLAW_SECURITYTXT_SEVERITY_NOTICE:
      return "notice";
    default:
      g_return_val_if_reached ("error");
    }
}

/**
 * flaw_securitytxt_list_codes:
 *
 * Returns: (transfer none): every code a finding can carry
 */
const char * const *
flaw_securitytxt_list_codes (void)
{
  return codes;
}

FlawSecuritytxtReport *
flaw_securitytxt_report_new (void)
{
  FlawSecuritytxtReport *report = g_new0 (FlawSecuritytxtReport, 1);

  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  report->contacts = g_ptr_array_new_with_free_func (g_free);
  report->canonicals = g_ptr_array_new_with_free_func (g_free);
  report->expires = G_MININT64;

  return report;
}

void
flaw_securitytxt_report_free (FlawSecuritytxtReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->findings);
  g_ptr_array_unref (report->contacts);
  g_ptr_array_unref (report->canonicals);
  g_free (report->url);
  g_free (report->final_url);
  g_free (report->content_type);
  g_free (report);
}

/**
 * flaw_securitytxt_report_add:
 * @code: a code from flaw_securitytxt_list_codes()
 * @line: the 1-based line, or 0 for the whole file
 * @fix: what the user can do about it
 *
 * Adds a finding to @report.
 */
void
flaw_securitytxt_report_add (FlawSecuritytxtReport   *report,
                             const char              *code,
                             FlawSecuritytxtSeverity  severity,
                             guint                    line,
                             const char              *fix,
                             const char              *format,
                             ...)
{
  FlawSecuritytxtFinding *finding;
  va_list args;

  g_return_if_fail (report != NULL);
  g_return_if_fail (g_strv_contains (codes, code));

  finding = g_new0 (FlawSecuritytxtFinding, 1);
  /* The code is stored as the static string from the table. */
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      finding->code = codes[i];
  finding->severity = severity;
  finding->line = line;
  finding->fix = g_strdup (fix);

  va_start (args, format);
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (report->findings, finding);
}

guint
flaw_securitytxt_report_count (const FlawSecuritytxtReport *report,
                               FlawSecuritytxtSeverity      severity)
{
  guint count = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->findings->len; i++)
    {
      FlawSecuritytxtFinding *finding = g_ptr_array_index (report->findings, i);

      if (finding->severity == severity)
        count++;
    }

  return count;
}

gboolean
flaw_securitytxt_report_has_code (const FlawSecuritytxtReport *report,
                                  const char                  *code)
{
  g_return_val_if_fail (report != NULL, FALSE);

  for (guint i = 0; i < report->findings->len; i++)
    {
      FlawSecuritytxtFinding *finding = g_ptr_array_index (report->findings, i);

      if (g_str_equal (finding->code, code))
        return TRUE;
    }

  return FALSE;
}

#define ERROR FLAW_SECURITYTXT_SEVERITY_ERROR
#define WARNING FLAW_SECURITYTXT_SEVERITY_WARNING
#define NOTICE FLAW_SECURITYTXT_SEVERITY_NOTICE

/* Splits the file into lines, reporting bad encodings and line ends. */
static void
split_lines (FlawSecuritytxtValidation *v,
             const char *text,
             gsize       length)
{
  gboolean reported_separator = FALSE;
  gboolean reported_utf8 = FALSE;
  guint number = 1;
  gsize start = 0;

  while (start < length)
    {
      const char *nl = memchr (text + start, '\n', length - start);
      gsize end = nl != NULL ? (gsize) (nl - text) : length;
      gsize content_end = end;
      const char *cr;
      FlawSecuritytxtLine line;

      if (content_end > start && text[content_end - 1] == '\r' && nl != NULL)
        content_end--;

      cr = memchr (text + start, '\r', content_end - start);
      if ((cr != NULL || nl == NULL) && !reported_separator)
        {
          flaw_securitytxt_report_add (v->report, "no_line_separators", ERROR, number,
                                       _("Save the file with line feeds (LF) or carriage return "
                                         "and line feed (CRLF) after every line, including the last."),
                                       cr != NULL
                                       ? _("FlawSecuritytxtLine %u contains a carriage return that is not followed by a line feed.")
                                       : _("The last line (%u) does not end with a line feed."),
                                       number);
          reported_separator = TRUE;
        }

      if (!g_utf8_validate_len (text + start, content_end - start, NULL))
        {
          if (!reported_utf8)
            flaw_securitytxt_report_add (v->report, "utf8", ERROR, number,
                                         _("Save the file as UTF-8."),
                                         _("FlawSecuritytxtLine %u is not valid UTF-8."), number);
          reported_utf8 = TRUE;
          line.text = g_utf8_make_valid (text + start, content_end - start);
        }
      else
        line.text = g_strndup (text + start, content_end - start);

      /* eol = *WSP [CR] LF: whitespace at the end of a line is allowed. */
      g_strchomp (line.text);
      line.number = number++;
      g_array_append_val (v->lines, line);

      start = end + 1;
    }
}

static void
check_uri_field (FlawSecuritytxtValidation *v,
                 FlawSecuritytxtLine       *line,
                 const char *field,
                 const char *value)
{
  g_autoptr(GError) error = NULL;

  if (flaw_securitytxt_check_uri (value, field, &error))
    return;

  if (g_error_matches (error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INSECURE))
    flaw_securitytxt_report_add (v->report, "no_https", ERROR, line->number,
                                 _("Change “http://” to “https://” and make sure the page is served over HTTPS."),
                                 "%s", error->message);
  else if (g_str_equal (field, "Encryption") && strstr (value, "BEGIN PGP") != NULL)
    flaw_securitytxt_report_add (v->report, "no_uri", ERROR, line->number,
                                 _("Publish the key at an https:// address (or as an OPENPGPKEY DNS "
                                   "record) and put its URI here."),
                                 _("The Encryption field must link to a key; keys must not appear in the file."));
  else
    flaw_securitytxt_report_add (v->report, "no_uri", ERROR, line->number,
                                 _("Write the value as a URI: “mailto:” for e-mail, “tel:” for telephone, "
                                   "“https://” for web pages."),
                                 "%s", error->message);
}

static void
check_field (FlawSecuritytxtValidation *v,
             FlawSecuritytxtLine       *line,
             const char *name,
             const char *value)
{
  FlawSecuritytxtReport *report = v->report;

  if (g_ascii_strcasecmp (name, "Contact") == 0)
    {
      check_uri_field (v, line, "Contact", value);
      g_ptr_array_add (report->contacts, g_strdup (value));
      if (has_scheme (value, "mailto"))
        v->has_mailto = TRUE;
    }
  else if (g_ascii_strcasecmp (name, "Expires") == 0)
    {
      gint64 expires;
      gint64 now = flaw_clock_now ();

      if (++v->n_expires > 1)
        {
          flaw_securitytxt_report_add (report, "multi_expire", ERROR, line->number,
                                       _("Keep one Expires line and delete the others."),
                                       _("The Expires field appears more than once; RFC 9116 allows it once."));
          return;
        }

      if (!flaw_securitytxt_parse_date_time (value, &expires))
        {
          flaw_securitytxt_report_add (report, "invalid_expiry", ERROR, line->number,
                                       _("Write the date as RFC 3339, such as “2026-12-31T23:59:59Z”."),
                                       _("The Expires value “%s” is not an RFC 3339 date and time."), value);
          return;
        }

      report->expires = expires;

      if (expires < now)
        flaw_securitytxt_report_add (report, "expired", ERROR, line->number,
                                     _("Review the file's contents and set Expires to a date less than a "
                                       "year ahead."),
                                     _("The file expired on %s; readers should treat it as stale."), value);
      else if (expires > now + SECONDS_PER_YEAR)
        flaw_securitytxt_report_add (report, "long_expiry", WARNING, line->number,
                                     _("Set Expires to a date less than a year ahead and renew the file "
                                       "before then."),
                                     _("The Expires date %s is more than a year ahead; RFC 9116 recommends "
                                       "less, so the file does not go stale."), value);
    }
  else if (g_ascii_strcasecmp (name, "Preferred-Languages") == 0)
    {
      g_autofree char *bad = NULL;

      if (++v->n_languages > 1)
        {
          flaw_securitytxt_report_add (report, "multi_lang", ERROR, line->number,
                                       _("Merge the languages into one Preferred-Languages line, "
                                         "separated by commas."),
                                       _("The Preferred-Languages field appears more than once; RFC 9116 "
                                         "allows it once."));
          return;
        }

      if (!flaw_securitytxt_check_languages (value, &bad))
        flaw_securitytxt_report_add (report, "invalid_lang", ERROR, line->number,
                                     _("List RFC 5646 language tags separated by commas, such as “en, fr, de-CH”."),
                                     _("“%s” in Preferred-Languages is not an RFC 5646 language tag."), bad);
    }
  else if (g_ascii_strcasecmp (name, "Canonical") == 0)
    {
      check_uri_field (v, line, "Canonical", value);
      g_ptr_array_add (report->canonicals, g_strdup (value));
      if (v->first_canonical_line == 0)
        v->first_canonical_line = line->number;
    }
  else if (g_ascii_strcasecmp (name, "Encryption") == 0)
    {
      check_uri_field (v, line, "Encryption", value);
      v->has_encryption = TRUE;
    }
  else if (g_ascii_strcasecmp (name, "Acknowledgments") == 0)
    check_uri_field (v, line, "Acknowledgments", value);
  else if (g_ascii_strcasecmp (name, "Hiring") == 0)
    check_uri_field (v, line, "Hiring", value);
  else if (g_ascii_strcasecmp (name, "Policy") == 0)
    check_uri_field (v, line, "Policy", value);
  else
    flaw_securitytxt_report_add (report, "unknown_field", NOTICE, line->number,
                                 _("Readers ignore fields they do not know; check the spelling if you meant "
                                   "a field of RFC 9116."),
                                 _("“%s” is not a field of RFC 9116."), name);
}

static void
check_line (FlawSecuritytxtValidation *v,
            FlawSecuritytxtLine       *line)
{
  const char *text = line->text;
  const char *colon;
  gsize name_end;
  g_autofree char *name = NULL;
  const char *value;

  if (*text == '\0' || *text == '#')
    return;

  colon = strchr (text, ':');
  if (colon == NULL)
    {
      flaw_securitytxt_report_add (v->report, "invalid_line", ERROR, line->number,
                                   _("Write the line as “Name: value”, start it with “#” to make it a "
                                     "comment, or delete it."),
                                   _("FlawSecuritytxtLine %u is neither a field, a comment nor blank."), line->number);
      return;
    }

  if (colon == text)
    {
      flaw_securitytxt_report_add (v->report, "empty_key", ERROR, line->number,
                                   _("Put the field's name before the colon, such as “Contact: …”."),
                                   _("FlawSecuritytxtLine %u has a value but no field name."), line->number);
      return;
    }

  name_end = colon - text;
  if (is_wsp (text[name_end - 1]))
    {
      while (name_end > 0 && is_wsp (text[name_end - 1]))
        name_end--;

      flaw_securitytxt_report_add (v->report, "prec_ws", ERROR, line->number,
                                   _("Remove the space before the colon."),
                                   _("FlawSecuritytxtLine %u has whitespace between the field name and the colon."),
                                   line->number);
    }

  if (!_flaw_securitytxt_is_field_name (text, name_end))
    {
      flaw_securitytxt_report_add (v->report, "invalid_line", ERROR, line->number,
                                   _("A field name is one word of printable characters at the start "
                                     "of the line, such as “Contact”."),
                                   _("FlawSecuritytxtLine %u does not start with a valid field name."), line->number);
      return;
    }

  name = g_strndup (text, name_end);
  value = colon + 1;

  if (*value == '\0')
    {
      flaw_securitytxt_report_add (v->report, "empty_value", ERROR, line->number,
                                   _("Give the field a value, or delete the line."),
                                   _("The %s field on line %u has no value."), name, line->number);
      return;
    }

  if (*value != ' ')
    flaw_securitytxt_report_add (v->report, "no_space", ERROR, line->number,
                                 _("Put one space after the colon."),
                                 _("FlawSecuritytxtLine %u has no space after the colon."), line->number);

  while (is_wsp (*value))
    value++;

  check_field (v, line, name, value);
}

static gboolean
same_location (const char *a,
               const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);
  const char *pa, *pb;

  if (ua == NULL || ub == NULL)
    return g_strcmp0 (a, b) == 0;

  pa = *g_uri_get_path (ua) ? g_uri_get_path (ua) : "/";
  pb = *g_uri_get_path (ub) ? g_uri_get_path (ub) : "/";

  return g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (ua) ? g_uri_get_host (ua) : "",
                             g_uri_get_host (ub) ? g_uri_get_host (ub) : "") == 0 &&
         g_uri_get_port (ua) == g_uri_get_port (ub) &&
         g_str_equal (pa, pb);
}

/**
 * flaw_securitytxt_validate:
 * @text: the file's contents
 * @length: the length of @text, or -1 if it is nul-terminated
 * @retrieved_from: (nullable) (array zero-terminated=1): the URIs the file
 *   was retrieved from (the first and last of a redirect chain), checked
 *   against its Canonical fields
 *
 * Checks @text against every rule of RFC 9116. Expiry is judged against
 * flaw_clock_now().
 *
 * Returns: (transfer full): the findings and the fields read
 */
FlawSecuritytxtReport *
flaw_securitytxt_validate (const char         *text,
                           gssize              length,
                           const char * const *retrieved_from)
{
  FlawSecuritytxtReport *report;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  report = flaw_securitytxt_report_new ();
  _flaw_securitytxt_validate_into (report, text, length, retrieved_from);

  return report;
}

/* Adds the findings for @text to @report, which may already hold findings
 * about how the file was served, and sorts them all. */
void
_flaw_securitytxt_validate_into (FlawSecuritytxtReport *report,
                                 const char            *text,
                                 gssize                 length,
                                 const char * const    *retrieved_from)
{
  FlawSecuritytxtValidation v = { 0 };

  if (length < 0)
    length = strlen (text);

  v.report = report;
  v.lines = g_array_new (FALSE, TRUE, sizeof (FlawSecuritytxtLine));
  g_array_set_clear_func (v.lines, line_clear);
  v.content = g_ptr_array_new ();

  split_lines (&v, text, length);
  _flaw_securitytxt_collect_content (&v);

  for (guint i = 0; i < v.content->len; i++)
    check_line (&v, g_ptr_array_index (v.content, i));

  if (report->contacts->len == 0)
    flaw_securitytxt_report_add (report, "no_contact", ERROR, 0,
                                 _("Add at least one line such as “Contact: mailto:security@example.com”."),
                                 _("The file has no Contact field; RFC 9116 requires at least one."));

  if (v.n_expires == 0)
    flaw_securitytxt_report_add (report, "no_expire", ERROR, 0,
                                 _("Add a line such as “Expires: 2026-12-31T23:59:59Z”, less than a year ahead."),
                                 _("The file has no Expires field; RFC 9116 requires exactly one."));

  if (v.has_mailto && !v.has_encryption)
    flaw_securitytxt_report_add (report, "no_encryption", WARNING, 0,
                                 _("Publish an OpenPGP key and add “Encryption: https://…/key.asc”."),
                                 _("A Contact is an e-mail address but there is no Encryption field; "
                                   "RFC 9116 recommends offering encryption."));

  if (!report->is_signed)
    flaw_securitytxt_report_add (report, "not_signed", WARNING, 0,
                                 _("Sign the file with “gpg --clearsign security.txt”."),
                                 _("The file is not signed; RFC 9116 recommends an OpenPGP cleartext signature."));
  else if (report->canonicals->len == 0)
    flaw_securitytxt_report_add (report, "no_canonical", WARNING, 0,
                                 _("Add “Canonical: https://example.com/.well-known/security.txt” and sign "
                                   "the file again."),
                                 _("The file is signed but has no Canonical field, so the signature does not "
                                   "cover where the file belongs."));

  if (retrieved_from != NULL && retrieved_from[0] != NULL && report->canonicals->len > 0)
    {
      gboolean match = FALSE;

      for (guint i = 0; i < report->canonicals->len && !match; i++)
        for (guint k = 0; retrieved_from[k] != NULL && !match; k++)
          match = same_location (g_ptr_array_index (report->canonicals, i), retrieved_from[k]);

      if (!match)
        flaw_securitytxt_report_add (report, "no_canonical_match", ERROR, v.first_canonical_line,
                                     _("List the address the file is served from in a Canonical field, or "
                                       "serve it from an address that is listed."),
                                     _("The file was retrieved from %s, which none of its Canonical fields "
                                       "lists; RFC 9116 says not to trust it."),
                                     retrieved_from[0]);
    }

  sort_findings (report->findings);

  g_ptr_array_unref (v.content);
  g_array_unref (v.lines);
}
