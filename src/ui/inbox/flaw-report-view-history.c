/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-event.h"
#include "flaw-report-view-private.h"

/* The report's history: every event of the append-only log, newest first,
 * as “field: old → new” with when and who. The register's editor shows
 * its items' history the same way; its row builder lives in
 * src/ui/register and speaks of debt fields, so the inbox has its own. */

typedef struct
{
  const char *field;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "status", N_("Status") },
  { "severity", N_("Severity") },
  { "cvss_vector", N_("CVSS 3.1 vector") },
  { "cvss_score", N_("CVSS score") },
  { "cwe", N_("CWE") },
  { "component", N_("Component") },
  { "affected_versions", N_("Affected versions") },
  { "fixed_version", N_("Fixed in version") },
  { "cve", N_("CVE") },
  { "credit", N_("Credit") },
  { "root_cause", N_("Root cause") },
  { "introduced_in", N_("Introduced in") },
  { "regression_test", N_("Regression test") },
  { "close_reason", N_("Close reason") },
  { "close_note", N_("Close note") },
  { "duplicate_of", N_("Duplicate of") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);

  return field;
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup_printf ("%" G_GINT64_FORMAT, time);
}

/* A stored value as the user reads it: labels for statuses, severities and
 * reasons, dates for times, report numbers for references. */
static char *
dup_value (const char *field,
           const char *value)
{
  FlawReportStatus status;
  FlawSeverity severity;
  FlawCloseReason reason;

  if (value == NULL || *value == '\0')
    return g_strdup (_("none"));

  if (g_str_equal (field, "status") && flaw_report_status_from_string (value, &status))
    return g_strdup (flaw_report_status_get_label (status));
  if (g_str_equal (field, "severity") && flaw_severity_from_string (value, &severity))
    return g_strdup (flaw_severity_get_label (severity));
  if (g_str_equal (field, "close_reason") && flaw_close_reason_from_string (value, &reason))
    return g_strdup (flaw_close_reason_get_label (reason));
  if (g_str_equal (field, "duplicate_of"))
    /* Translators: a report number, such as “report 12” */
    return g_strdup_printf (_("report %s"), value);

  return g_strdup (value);
}

/**
 * _flaw_report_view_dup_event_text:
 *
 * Returns: (transfer full): what @event changed, in words
 */
char *
_flaw_report_view_dup_event_text (const FlawEvent *event)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  const char *field = event->field != NULL ? event->field : "";

  if (g_str_equal (field, "synced"))
    /* Translators: the first event of a synced report, with its id at the source */
    return g_strdup_printf (_("Received from the source (%s)"), event->new_value ? event->new_value : "");
  if (g_str_equal (field, "withdrawn"))
    return g_strdup (g_strcmp0 (event->new_value, "1") == 0 ? _("Withdrawn at the source")
                                                            : _("Back at the source"));
  if (g_str_equal (field, "link"))
    return event->new_value != NULL ? g_strdup_printf (_("Linked to %s"), event->new_value)
                                    : g_strdup_printf (_("Unlinked from %s"),
                                                       event->old_value ? event->old_value : "");
  if (g_str_equal (field, "unread"))
    return g_strdup (g_strcmp0 (event->new_value, "1") == 0 ? _("Marked as unread") : _("Read"));
  if (g_str_equal (field, "thread_of"))
    return event->new_value != NULL ? g_strdup_printf (_("Follow-up of report %s"), event->new_value)
                                    : g_strdup (_("No longer a follow-up"));

  old_value = dup_value (field, event->old_value);
  new_value = dup_value (field, event->new_value);

  /* Translators: a change in the history: field, old value → new value */
  return g_strdup_printf (_("%s: %s → %s"), field_label (field), old_value, new_value);
}

static GtkWidget *
create_history_row (const FlawEvent *event)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *text = _flaw_report_view_dup_event_text (event);
  g_autofree char *time = format_time (event->time);
  g_autofree char *meta = NULL;
  GtkWidget *what, *when;

  /* Translators: when a change was made, and by whom */
  meta = g_strdup_printf (_("%s · %s"), time, event->actor != NULL ? event->actor : _("unknown"));

  /* Values can be the researcher's text: plain labels, never markup. */
  what = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (what), FALSE);
  gtk_label_set_text (GTK_LABEL (what), text);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (what), TRUE);
  when = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (when), FALSE);
  gtk_label_set_text (GTK_LABEL (when), meta);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");

  gtk_box_append (GTK_BOX (box), what);
  gtk_box_append (GTK_BOX (box), when);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  return box;
}

void
_flaw_report_view_populate_history (FlawReportView *self)
{
  GPtrArray *events = self->details->events;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  /* The store lists them newest first. The time a status was reached is
   * logged beside the status change, whose row already says when. */
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const FlawEvent *event = g_ptr_array_index (events, i);

      if (event->field != NULL && g_str_has_suffix (event->field, "_time"))
        continue;

      gtk_list_box_append (self->history_list, create_history_row (event));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->history_list)) != NULL);
}
