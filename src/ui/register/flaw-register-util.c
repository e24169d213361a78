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

