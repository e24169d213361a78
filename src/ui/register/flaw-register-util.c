/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-register-util"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-register-util.h"

static const char * const severity_classes[] = {
  "severity-low", "severity-medium", "severity-high", "severity-critical",
};

/**
 * flaw_severity_badge_set:
 *
 * Shows @severity on @label as a coloured badge whose text also names the
 * severity, so that colour is never the only cue.
 */
void
flaw_severity_badge_set (GtkLabel         *label,
                         FlawDebtSeverity  severity)
{
  GtkWidget *widget = GTK_WIDGET (label);

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (severity < FLAW_DEBT_N_SEVERITIES);

  gtk_widget_add_css_class (widget, "severity-badge");
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    {
      if (i == severity)
        gtk_widget_add_css_class (widget, severity_classes[i]);
      else
        gtk_widget_remove_css_class (widget, severity_classes[i]);
    }

  gtk_label_set_text (label, flaw_debt_severity_get_label (severity));
}

/**
 * flaw_format_days:
 *
 * Returns: (transfer full): person-days with one decimal, in the user's
 *   locale ("12.5")
 */
char *
flaw_format_days (double days)
{
  return g_strdup_printf ("%'.1f", days);
}

/**
 * flaw_format_count:
 *
 * Returns: (transfer full): @count with the locale's digit grouping
 */
char *
flaw_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

/**
 * flaw_format_time:
 *
 * Returns: (transfer full): a local date and time for the history
 */
char *
flaw_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");

  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * flaw_register_dup_event_value:
 * @field: a column name from the event log
 * @value: (nullable): its value as logged
 *
 * Returns: (transfer full): the value as a person reads it: status and
 *   dates in words, long text on one line, "—" for nothing
 */
char *
flaw_register_dup_event_value (const char *field,
                               const char *value)
{
  FlawDebtStatus status;
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  if (g_strcmp0 (field, "status") == 0 && flaw_debt_status_from_string (value, &status))
    return g_strdup (flaw_debt_status_get_label (status));

  if (g_strcmp0 (field, "category") == 0)
    return g_strdup (flaw_debt_category_get_label (value, value));

  if (g_strcmp0 (field, "deleted") == 0)
    {
      gint64 time = g_ascii_strtoll (value, NULL, 10);

      return flaw_format_time (time);
    }

  line = g_strdup (value);
  g_strdelimit (line, "\r\n\t", ' ');

  if (g_utf8_strlen (line, -1) > 80)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 79);

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}
