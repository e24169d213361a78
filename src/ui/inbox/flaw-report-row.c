/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-row"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-report-row.h"

struct _FlawReportRow
{
  GtkWidget   parent_instance;

  FlawReport *item;

  GtkWidget  *box;
  GtkImage   *unread_image;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkLabel   *severity_label;
  GtkLabel   *status_label;
  GtkLabel   *due_label;
  GtkLabel   *withdrawn_label;
  GtkLabel   *followups_label;
};

G_DEFINE_FINAL_TYPE (FlawReportRow, flaw_report_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const severity_classes[] = {
  "severity-unset", "severity-none", "severity-low", "severity-medium",
  "severity-high", "severity-critical",
};

static const char * const due_classes[] = {
  "due-none", "due-on-track", "due-soon", "due-overdue",
};

/**
 * _flaw_format_date:
 *
 * Returns: (transfer full): a local date such as “3 Dec 2026”, or “—”
 */
char *
_flaw_format_date (gint64 time)
{
  g_autoptr(GDateTime) date = NULL;

  if (time <= 0)
    return g_strdup ("—");

  date = g_date_time_new_from_unix_local (time);
  /* Translators: a date as in “3 Dec 2026”, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/**
 * _flaw_format_due:
 *
 * Returns: (transfer full) (nullable): the next deadline in words, such as
 *   “Acknowledge by 3 Dec 2026” or “Overdue: fix by 1 Dec 2026”
 */
char *
_flaw_format_due (FlawReport *report)
{
  g_autofree char *date = NULL;
  const char *what;

  if (flaw_report_get_deadline_kind (report) == FLAW_DEADLINE_NONE ||
      flaw_report_get_deadline (report) <= 0)
    return NULL;

  date = _flaw_format_date (flaw_report_get_deadline (report));
  what = flaw_deadline_kind_get_label (flaw_report_get_deadline_kind (report));

  if (flaw_report_get_due_state (report) == FLAW_DUE_STATE_OVERDUE)
    /* Translators: the first %s is a deadline such as “Acknowledge”, the second a date */
    return g_strdup_printf (_("Overdue: %s by %s"), what, date);

  /* Translators: the first %s is a deadline such as “Acknowledge”, the second a date */
  return g_strdup_printf (_("%s by %s"), what, date);
}

void
_flaw_set_severity_badge (GtkLabel     *label,
                          FlawSeverity  severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), severity_classes[i]);

  if (severity >= G_N_ELEMENTS (severity_classes))
    severity = FLAW_SEVERITY_UNSET;

  gtk_widget_add_css_class (GTK_WIDGET (label), severity_classes[severity]);
  gtk_label_set_label (label, flaw_severity_get_label (severity));
}

static char *
format_due_short (FlawReport *report)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  const char *what;

  if (flaw_report_get_deadline_kind (report) == FLAW_DEADLINE_NONE ||
      flaw_report_get_deadline (report) <= 0)
    return NULL;

  what = flaw_deadline_kind_get_label (flaw_report_get_deadline_kind (report));
  if (flaw_report_get_due_state (report) == FLAW_DUE_STATE_OVERDUE)
    /* Translators: %s is a deadline such as “Acknowledge” */
    return g_strdup_printf (_("%s overdue"), what);

  date = g_date_time_new_from_unix_local (flaw_report_get_deadline (report));
  /* Translators: a short date as in “3 Dec”, see g_date_time_format() */
  day = g_date_time_format (date, _("%-d %b"));
  /* Translators: the first %s is a deadline such as “Acknowledge”, the second a date */
  return g_strdup_printf (_("%s by %s"), what, day);
}

static void
set_due_badge (GtkLabel   *label,
               FlawReport *report,
               gboolean    short_form)
{
  g_autofree char *text = short_form ? format_due_short (report) : _flaw_format_due (report);
  g_autofree char *tooltip = short_form ? _flaw_format_due (report) : NULL;
  FlawDueState state = flaw_report_get_due_state (report);

  for (guint i = 0; i < G_N_ELEMENTS (due_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), due_classes[i]);

  if (state >= G_N_ELEMENTS (due_classes))
    state = FLAW_DUE_STATE_NONE;

  gtk_widget_add_css_class (GTK_WIDGET (label), due_classes[state]);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

void
_flaw_set_due_badge (GtkLabel   *label,
                     FlawReport *report)
{
  set_due_badge (label, report, FALSE);
}

static void
update (FlawReportRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;
  g_autofree char *followups = NULL;
  g_autofree char *accessible = NULL;
  const char *reporter;
  guint n_followups;

  if (self->item == NULL)
    return;

  date = _flaw_format_date (flaw_report_get_received (self->item));
  reporter = flaw_report_get_reporter (self->item);
  if (reporter == NULL || *reporter == '\0')
    reporter = _("Unknown reporter");
  /* Translators: reporter · date received */
  subtitle = g_strdup_printf (_("%s · %s"), reporter, date);

  /* Hidden by opacity so that read and unread titles line up. */
  gtk_widget_set_opacity (GTK_WIDGET (self->unread_image), flaw_report_get_unread (self->item) ? 1.0 : 0.0);
  gtk_label_set_label (self->title_label, flaw_report_get_title (self->item));
  if (flaw_report_get_unread (self->item))
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_label_set_label (self->subtitle_label, subtitle);

  _flaw_set_severity_badge (self->severity_label, flaw_report_get_severity (self->item));
  gtk_label_set_label (self->status_label,
                       flaw_report_status_get_label (flaw_report_get_status (self->item)));
  set_due_badge (self->due_label, self->item, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->withdrawn_label), flaw_report_get_withdrawn (self->item));

  n_followups = flaw_report_get_n_followups (self->item);
  followups = g_strdup_printf ("%u", n_followups);
  gtk_label_set_label (self->followups_label, followups);
  gtk_widget_set_visible (GTK_WIDGET (self->followups_label), n_followups > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->followups_label),
                               g_dngettext (GETTEXT_PACKAGE, "Follow-up", "Follow-ups", n_followups));

  accessible = g_strdup_printf ("%s%s, %s, %s, %s",
                                flaw_report_get_unread (self->item) ? _("Unread: ") : "",
                                flaw_report_get_title (self->item), subtitle,
                                flaw_severity_get_label (flaw_report_get_severity (self->item)),
                                flaw_report_status_get_label (flaw_report_get_status (self->item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
flaw_report_row_dispose (GObject *object)
{
  FlawReportRow *self = (FlawReportRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_REPORT_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (flaw_report_row_parent_class)->dispose (object);
}

static void
flaw_report_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlawReportRow *self = FLAW_REPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FlawReportRow *self = FLAW_REPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      flaw_report_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_row_class_init (FlawReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_report_row_dispose;
  object_class->get_property = flaw_report_row_get_property;
  object_class->set_property = flaw_report_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         FLAW_TYPE_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-report-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, box);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, unread_image);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, withdrawn_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportRow, followups_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flawreportrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
flaw_report_row_init (FlawReportRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
flaw_report_row_new (void)
{
  return g_object_new (FLAW_TYPE_REPORT_ROW, NULL);
}

FlawReport *
flaw_report_row_get_item (FlawReportRow *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT_ROW (self), NULL);

  return self->item;
}

void
flaw_report_row_set_item (FlawReportRow *self,
                          FlawReport    *item)
{
  g_return_if_fail (FLAW_IS_REPORT_ROW (self));
  g_return_if_fail (!item || FLAW_IS_REPORT (item));

  if (g_set_object (&self->item, item))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
    }
}
