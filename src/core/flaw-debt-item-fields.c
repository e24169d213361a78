/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-item"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "flaw-debt-item-private.h"

/* The item as text (import, export, the CLI, the editor), its validation,
 * and sorting and filtering of the list. */

static const char * const field_names[] = {
  "id", "title", "description", "category", "component", "cwe", "owner", "approver",
  "links", "likelihood", "impact", "principal", "interest", "status", "rationale",
  "compensating_controls", "review_date", "target_date", "wont_fix_reason", "created",
  NULL
};

static const char * const field_labels[] = {
  N_("ID"), N_("Title"), N_("Description"), N_("Category"), N_("Component"), N_("CWE"),
  N_("Owner"), N_("Approver"), N_("Links"), N_("Likelihood"), N_("Impact"),
  N_("Principal"), N_("Interest"), N_("Status"), N_("Rationale"),
  N_("Compensating controls"), N_("Review date"), N_("Target date"),
  N_("Won’t fix reason"), N_("Created"),
};

static gboolean
is_single_line (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, flaw_debt_problem_new (0, field, message));
}

/* Labels are looked up only for a problem: gettext is slow for 100,000 rows. */
static void
check_text (GPtrArray  *problems,
            const char *field,
            const char *value,
            gboolean    multi_line,
            gsize       max)
{
  if (value == NULL)
    return;

  if (!g_utf8_validate (value, -1, NULL))
    {
      add_problem (problems, field, _("%s is not valid UTF-8 text. Save the file as UTF-8 and try again."),
                   flaw_debt_item_get_field_label (field));
      return;
    }

  if (multi_line)
    {
      if (strlen (value) > max)
        add_problem (problems, field,
                     _("%s is %.1f MiB long; the most Flawdesk keeps is 1 MiB. "
                       "Shorten it, or put the long text elsewhere and add a link."),
                     flaw_debt_item_get_field_label (field), strlen (value) / 1048576.0);
    }
  else
    {
      if (g_utf8_strlen (value, -1) > (glong) max)
        add_problem (problems, field, _("%s is longer than %zu characters. Shorten it."),
                     flaw_debt_item_get_field_label (field), max);
      else if (!is_single_line (value))
        add_problem (problems, field, _("%s must be a single line without control characters."),
                     flaw_debt_item_get_field_label (field));
    }
}

static gboolean
is_valid_link (const char *link)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (!g_utf8_validate (link, -1, NULL))
    return FALSE;

  uri = g_uri_parse (link, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
         && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
is_valid_cwe (const char *cwe)
{
  if (!g_str_has_prefix (cwe, "CWE-") || cwe[4] < '1' || cwe[4] > '9')
    return FALSE;

  for (const char *p = cwe + 4; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return strlen (cwe) <= 12;
}

/* Fields as text -------------------------------------------------------- */

/**
 * flaw_debt_item_list_fields:
 *
 * Returns: (transfer none): the stable column names, in export order
 */
const char * const *
flaw_debt_item_list_fields (void)
{
  return field_names;
}

gboolean
flaw_debt_item_is_field (const char *field)
{
  return field != NULL && g_strv_contains (field_names, field);
}

/**
 * flaw_debt_item_get_field_label:
 *
 * Returns: the translated label of a column ("Review date")
 */
const char *
flaw_debt_item_get_field_label (const char *field)
{
  for (guint i = 0; field != NULL && field_names[i]; i++)
    if (g_str_equal (field, field_names[i]))
      return _(field_labels[i]);

  return field;
}

static char *
format_created (gint64 created)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * flaw_debt_item_dup_field:
 * @field: a column name
 *
 * Returns: (transfer full) (nullable): the field as it is exported: numbers
 *   with "." and as few digits as read back exactly, links separated by
 *   spaces, created as "YYYY-MM-DDTHH:MM:SSZ"; %NULL for an empty field
 */
char *
flaw_debt_item_dup_field (FlawDebtItem *self,
                          const char   *field)
{
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "id"))
    return self->id ? g_strdup_printf ("%" G_GINT64_FORMAT, self->id) : NULL;
  if (g_str_equal (field, "title")) return g_strdup (self->title);
  if (g_str_equal (field, "description")) return g_strdup (self->description);
  if (g_str_equal (field, "category")) return g_strdup (self->category);
  if (g_str_equal (field, "component")) return g_strdup (self->component);
  if (g_str_equal (field, "cwe")) return g_strdup (self->cwe);
  if (g_str_equal (field, "owner")) return g_strdup (self->owner);
  if (g_str_equal (field, "approver")) return g_strdup (self->approver);
  if (g_str_equal (field, "links"))
    return self->links[0] ? g_strjoinv (" ", self->links) : NULL;
  if (g_str_equal (field, "likelihood")) return g_strdup_printf ("%d", self->likelihood);
  if (g_str_equal (field, "impact")) return g_strdup_printf ("%d", self->impact);
  if (g_str_equal (field, "principal")) return flaw_debt_format_number (self->principal);
  if (g_str_equal (field, "interest")) return flaw_debt_format_number (self->interest);
  if (g_str_equal (field, "status")) return g_strdup (flaw_debt_status_to_string (self->status));
  if (g_str_equal (field, "rationale")) return g_strdup (self->rationale);
  if (g_str_equal (field, "compensating_controls")) return g_strdup (self->compensating_controls);
  if (g_str_equal (field, "review_date")) return g_strdup (self->review_date);
  if (g_str_equal (field, "target_date")) return g_strdup (self->target_date);
  if (g_str_equal (field, "wont_fix_reason")) return g_strdup (self->wont_fix_reason);
  if (g_str_equal (field, "created")) return self->created ? format_created (self->created) : NULL;

  g_return_val_if_reached (NULL);
}

static gboolean
field_error (GError     **error,
             const char  *field,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
field_error (GError     **error,
             const char  *field,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID, message);

  return FALSE;
}

static gboolean
parse_int (const char  *field,
           const char  *text,
           int         *value,
           GError     **error)
{
  gint64 number;

  if (*text == '\0')
    {
      *value = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    return field_error (error, field, _("%s must be a whole number from 1 to 5, not “%s”."),
                        flaw_debt_item_get_field_label (field), text);

  *value = (int) number;

  return TRUE;
}

static gboolean
parse_double (const char  *field,
              const char  *text,
              double      *value,
              GError     **error)
{
  char *end = NULL;
  double number;

  if (*text == '\0')
    {
      *value = 0;
      return TRUE;
    }

  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (number))
    return field_error (error, field,
                        _("%s must be a number of person-days such as 2 or 0.5, not “%s”."),
                        flaw_debt_item_get_field_label (field), text);

  *value = number;

  return TRUE;
}

static gboolean
parse_created (const char  *text,
               gint64      *value,
               GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 number;

  if (*text == '\0')
    {
      *value = 0;
      return TRUE;
    }

  if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &number, NULL))
    {
      *value = number;
      return TRUE;
    }

  if (flaw_debt_date_is_valid (text))
    dt = g_date_time_new_utc (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  else
    dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return field_error (error, "created",
                        _("Created must be a date and time such as 2024-03-01T09:30:00Z, not “%s”."),
                        text);

  *value = g_date_time_to_unix (dt);

  return TRUE;
}

/**
 * flaw_debt_item_set_field:
 * @field: a column name (see flaw_debt_item_list_fields())
 * @text: the value as text, as typed or as read from a file
 * @error: return location for a #GError
 *
 * Parses @text into @field. Leading and trailing white space is dropped
 * from everything but the multi-line fields, and an empty value clears the
 * field. Values that parse but are out of range (likelihood 7) are set, so
 * that flaw_debt_item_validate() reports them next to their field.
 *
 * Returns: %FALSE with %FLAW_DEBT_ERROR_INVALID if @text cannot be read
 *   (text in a number field, invalid UTF-8, an unknown status)
 */
gboolean
flaw_debt_item_set_field (FlawDebtItem  *self,
                          const char    *field,
                          const char    *text,
                          GError       **error)
{
  g_autofree char *stripped = NULL;
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    return field_error (error, field, _("%s is not valid UTF-8 text. Save the file as UTF-8 and try again."),
                        flaw_debt_item_get_field_label (field));

  if (g_str_equal (field, "description") || g_str_equal (field, "rationale") ||
      g_str_equal (field, "compensating_controls") || g_str_equal (field, "wont_fix_reason"))
    {
      const char *value = *text ? text : NULL;

      if (g_str_equal (field, "description"))
        flaw_debt_item_set_description (self, value);
      else if (g_str_equal (field, "rationale"))
        flaw_debt_item_set_rationale (self, value);
      else if (g_str_equal (field, "compensating_controls"))
        flaw_debt_item_set_compensating_controls (self, value);
      else
        flaw_debt_item_set_wont_fix_reason (self, value);
      return TRUE;
    }

  stripped = g_strstrip (g_strdup (text));

  if (g_str_equal (field, "id"))
    {
      guint64 id = 0;

      if (*stripped && !g_ascii_string_to_unsigned (stripped, 10, 1, G_MAXINT64, &id, NULL))
        return field_error (error, field, _("ID must be a positive whole number, not “%s”."), stripped);
      flaw_debt_item_set_id (self, (gint64) id);
    }
  else if (g_str_equal (field, "title"))
    flaw_debt_item_set_title (self, stripped);
  else if (g_str_equal (field, "category"))
    flaw_debt_item_set_category (self, stripped);
  else if (g_str_equal (field, "component"))
    flaw_debt_item_set_component (self, stripped);
  else if (g_str_equal (field, "cwe"))
    {
      g_autofree char *upper = g_ascii_strup (stripped, -1);

      if (*upper && g_ascii_isdigit (*upper))
        {
          g_autofree char *prefixed = g_strconcat ("CWE-", upper, NULL);
          flaw_debt_item_set_cwe (self, prefixed);
        }
      else
        flaw_debt_item_set_cwe (self, upper);
    }
  else if (g_str_equal (field, "owner"))
    flaw_debt_item_set_owner (self, stripped);
  else if (g_str_equal (field, "approver"))
    flaw_debt_item_set_approver (self, stripped);
  else if (g_str_equal (field, "links"))
    {
      g_auto(GStrv) links = g_strsplit_set (stripped, " \t\r\n", -1);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      for (guint i = 0; links[i]; i++)
        if (*links[i])
          g_ptr_array_add (kept, links[i]);
      g_ptr_array_add (kept, NULL);

      flaw_debt_item_set_links (self, (const char * const *) kept->pdata);
    }
  else if (g_str_equal (field, "likelihood") || g_str_equal (field, "impact"))
    {
      int value = 0;

      if (!parse_int (field, stripped, &value, error))
        return FALSE;

      if (g_str_equal (field, "likelihood"))
        flaw_debt_item_set_likelihood (self, value);
      else
        flaw_debt_item_set_impact (self, value);
    }
  else if (g_str_equal (field, "principal") || g_str_equal (field, "interest"))
    {
      double value = 0;

      if (!parse_double (field, stripped, &value, error))
        return FALSE;

      if (g_str_equal (field, "principal"))
        flaw_debt_item_set_principal (self, value);
      else
        flaw_debt_item_set_interest (self, value);
    }
  else if (g_str_equal (field, "status"))
    {
      FlawDebtStatus status = FLAW_DEBT_STATUS_PROPOSED;

      if (*stripped && !flaw_debt_status_from_string (stripped, &status))
        return field_error (error, field,
                            _("Status must be one of proposed, accepted, scheduled, in_progress, "
                              "paid_off or wont_fix, not “%s”."),
                            stripped);
      flaw_debt_item_set_status (self, status);
    }
  else if (g_str_equal (field, "review_date"))
    flaw_debt_item_set_review_date (self, stripped);
  else if (g_str_equal (field, "target_date"))
    flaw_debt_item_set_target_date (self, stripped);
  else if (g_str_equal (field, "created"))
    {
      gint64 created = 0;

      if (!parse_created (stripped, &created, error))
        return FALSE;
      flaw_debt_item_set_created (self, created);
    }
  else
    return field_error (error, field, _("“%s” is not a field of a debt item."), field);

  return TRUE;
}

/**
 * flaw_debt_item_validate:
 * @categories: (nullable) (array zero-terminated=1): the category ids that
 *   exist, or %NULL not to check the category
 *
 * Checks a draft against every rule of the register. The same rules run in
 * the editor, the importer and the command line.
 *
 * Returns: (transfer container) (element-type FlawDebtProblem): every
 *   problem found, in field order; empty when the item may be saved
 */
GPtrArray *
flaw_debt_item_validate (FlawDebtItem       *self,
                         const char * const *categories)
{
  g_autoptr(GPtrArray) problems = NULL;
  guint n_links;

  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_debt_problem_free);

  if (self->title == NULL || *self->title == '\0')
    add_problem (problems, "title", _("Title is required: say in a few words what shortcut was taken."));
  else
    check_text (problems, "title", self->title, FALSE, FLAW_DEBT_MAX_TITLE_CHARS);

  check_text (problems, "description", self->description, TRUE, FLAW_DEBT_MAX_TEXT_BYTES);

  if (self->category != NULL)
    {
      check_text (problems, "category", self->category, FALSE, 64);
      if (categories != NULL && !g_strv_contains (categories, self->category))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) categories);

          add_problem (problems, "category", _("Category “%s” does not exist. Use one of: %s."),
                       g_utf8_validate (self->category, -1, NULL) ? self->category : "?", known);
        }
    }

  check_text (problems, "component", self->component, FALSE, FLAW_DEBT_MAX_SHORT_CHARS);

  if (self->cwe != NULL && !is_valid_cwe (self->cwe))
    add_problem (problems, "cwe", _("CWE must look like CWE-79 (a weakness number from cwe.mitre.org)."));

  check_text (problems, "owner", self->owner, FALSE, FLAW_DEBT_MAX_SHORT_CHARS);
  check_text (problems, "approver", self->approver, FALSE, FLAW_DEBT_MAX_SHORT_CHARS);

  n_links = g_strv_length (self->links);
  if (n_links > FLAW_DEBT_MAX_LINKS)
    add_problem (problems, "links", _("There are %u links; the most an item keeps is %d."),
                 n_links, FLAW_DEBT_MAX_LINKS);
  for (guint i = 0; i < n_links; i++)
    {
      if (strlen (self->links[i]) > FLAW_DEBT_MAX_LINK_CHARS || !is_valid_link (self->links[i]))
        {
          add_problem (problems, "links",
                       _("Link %u is not a web address: links must start with https:// or http://."),
                       i + 1);
          break;
        }
    }

  if (self->likelihood < 1 || self->likelihood > 5)
    {
      if (self->likelihood == 0)
        add_problem (problems, "likelihood", _("Likelihood is required: a whole number from 1 (rare) to 5 (almost certain)."));
      else
        add_problem (problems, "likelihood", _("Likelihood must be from 1 to 5, not %d."), self->likelihood);
    }

  if (self->impact < 1 || self->impact > 5)
    {
      if (self->impact == 0)
        add_problem (problems, "impact", _("Impact is required: a whole number from 1 (negligible) to 5 (severe)."));
      else
        add_problem (problems, "impact", _("Impact must be from 1 to 5, not %d."), self->impact);
    }

  if (!isfinite (self->principal) || self->principal < 0 || self->principal > 1e6)
    add_problem (problems, "principal", _("Principal must be a number of person-days from 0 to 1,000,000."));

  if (!isfinite (self->interest) || self->interest < 0 || self->interest > 1e6)
    add_problem (problems, "interest", _("Interest must be a number of person-days per month from 0 to 1,000,000."));

  switch (self->status)
    {
    case FLAW_DEBT_STATUS_ACCEPTED:
      if (self->rationale == NULL)
        add_problem (problems, "rationale", _("An accepted item needs a rationale: why the risk is acceptable for now."));
      if (self->compensating_controls == NULL)
        add_problem (problems, "compensating_controls",
                     _("An accepted item needs compensating controls: what limits the risk meanwhile."));
      if (self->review_date == NULL)
        add_problem (problems, "review_date", _("An accepted item needs a review date."));
      break;

    case FLAW_DEBT_STATUS_SCHEDULED:
      if (self->target_date == NULL)
        add_problem (problems, "target_date", _("A scheduled item needs a target date."));
      break;

    case FLAW_DEBT_STATUS_WONT_FIX:
      if (self->wont_fix_reason == NULL)
        add_problem (problems, "wont_fix_reason", _("An item that won’t be fixed needs a reason."));
      break;

    case FLAW_DEBT_STATUS_PROPOSED:
    case FLAW_DEBT_STATUS_IN_PROGRESS:
    case FLAW_DEBT_STATUS_PAID_OFF:
    default:
      break;
    }

  check_text (problems, "rationale", self->rationale, TRUE, FLAW_DEBT_MAX_TEXT_BYTES);
  check_text (problems, "compensating_controls", self->compensating_controls, TRUE, FLAW_DEBT_MAX_TEXT_BYTES);

  if (self->review_date != NULL && !flaw_debt_date_is_valid (self->review_date))
    add_problem (problems, "review_date", _("Review date must be a date written as YYYY-MM-DD, such as 2025-06-30."));
  if (self->target_date != NULL && !flaw_debt_date_is_valid (self->target_date))
    add_problem (problems, "target_date", _("Target date must be a date written as YYYY-MM-DD, such as 2025-06-30."));

  check_text (problems, "wont_fix_reason", self->wont_fix_reason, TRUE, FLAW_DEBT_MAX_TEXT_BYTES);

  if (self->created < 0)
    add_problem (problems, "created", _("Created must not be before 1970."));

  return g_steal_pointer (&problems);
}

/**
 * flaw_debt_item_check:
 *
 * Like flaw_debt_item_validate(), for callers that want one error: the
 * first problem, as %FLAW_DEBT_ERROR_INVALID.
 */
gboolean
flaw_debt_item_check (FlawDebtItem        *self,
                      const char * const  *categories,
                      GError             **error)
{
  g_autoptr(GPtrArray) problems = flaw_debt_item_validate (self, categories);
  FlawDebtProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID, first->message);

  return FALSE;
}

/* Sorting and filtering ------------------------------------------------- */

static int
compare_keys (char       **key_a,
              const char  *text_a,
              char       **key_b,
              const char  *text_b)
{
  /* Empty values sort last. */
  if (text_a == NULL || text_b == NULL)
    return (text_a == NULL) - (text_b == NULL);

  if (*key_a == NULL)
    *key_a = g_utf8_collate_key (text_a, -1);
  if (*key_b == NULL)
    *key_b = g_utf8_collate_key (text_b, -1);

  return strcmp (*key_a, *key_b);
}

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

/**
 * flaw_debt_item_compare:
 * @key: the column to sort by
 *
 * Compares two items of the list in ascending order of @key, for a
 * GtkCustomSorter. Text compares by collation keys computed once per item;
 * empty values sort last; ties are broken by id so the order is stable.
 * Cost compares the cached flaw_debt_item_get_cost_today().
 *
 * Returns: negative, zero or positive, as strcmp()
 */
int
flaw_debt_item_compare (FlawDebtItem    *a,
                        FlawDebtItem    *b,
                        FlawDebtSortKey  key)
{
  int result = 0;

  switch (key)
    {
    case FLAW_DEBT_SORT_TITLE:
      result = compare_keys (&a->title_key, a->title ? a->title : "",
                             &b->title_key, b->title ? b->title : "");
      break;

    case FLAW_DEBT_SORT_SEVERITY:
      result = CMP (flaw_debt_severity_for_risk (a->likelihood * a->impact),
                    flaw_debt_severity_for_risk (b->likelihood * b->impact));
      if (result == 0)
        result = CMP (a->likelihood * a->impact, b->likelihood * b->impact);
      break;

    case FLAW_DEBT_SORT_RISK:
      result = CMP (a->likelihood * a->impact, b->likelihood * b->impact);
      break;

    case FLAW_DEBT_SORT_STATUS:
      result = CMP (a->status, b->status);
      break;

    case FLAW_DEBT_SORT_OWNER:
      result = compare_keys (&a->owner_key, a->owner, &b->owner_key, b->owner);
      break;

    case FLAW_DEBT_SORT_COMPONENT:
      result = compare_keys (&a->component_key, a->component, &b->component_key, b->component);
      break;

    case FLAW_DEBT_SORT_COST:
      result = CMP (a->cost_today, b->cost_today);
      break;

    case FLAW_DEBT_SORT_REVIEW_DATE:
      if (a->review_date == NULL || b->review_date == NULL)
        result = (a->review_date == NULL) - (b->review_date == NULL);
      else
        result = strcmp (a->review_date, b->review_date);
      break;

    default:
      g_return_val_if_reached (0);
    }

  if (result == 0)
    result = CMP (a->id, b->id);

  return result;
}

#undef CMP

gboolean
flaw_debt_sort_key_from_string (const char      *text,
                                FlawDebtSortKey *key)
{
  static const char * const names[] = {
    "title", "severity", "risk", "status", "owner", "component", "cost", "review_date",
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (text, names[i]))
        {
          if (key != NULL)
            *key = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
flaw_debt_item_match_status (FlawDebtItem   *self,
                             FlawDebtStatus  status)
{
  return self->status == status;
}

gboolean
flaw_debt_item_match_severity (FlawDebtItem     *self,
                               FlawDebtSeverity  severity)
{
  return flaw_debt_severity_for_risk (self->likelihood * self->impact) == severity;
}

/**
 * flaw_debt_item_match_owner:
 *
 * Returns: whether the owner is @owner, ignoring case
 */
gboolean
flaw_debt_item_match_owner (FlawDebtItem *self,
                            const char   *owner)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (self->owner == NULL || owner == NULL)
    return self->owner == owner;

  if (g_str_equal (self->owner, owner))
    return TRUE;

  a = g_utf8_casefold (self->owner, -1);
  b = g_utf8_casefold (owner, -1);

  return g_str_equal (a, b);
}

gboolean
flaw_debt_item_match_category (FlawDebtItem *self,
                               const char   *category)
{
  return g_strcmp0 (self->category, category) == 0;
}

static int
compare_ids (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * flaw_debt_ids_contain:
 * @ids: (element-type gint64): ids sorted ascending, as returned by
 *   flaw_debt_db_search()
 *
 * Returns: whether @id is in @ids (binary search)
 */
gboolean
flaw_debt_ids_contain (GArray *ids,
                       gint64  id)
{
  g_return_val_if_fail (ids != NULL, FALSE);

  if (ids->len == 0)
    return FALSE;

  return bsearch (&id, ids->data, ids->len, sizeof (gint64), compare_ids) != NULL;
}
