/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-validator-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-file-chooser.h"
#include "flaw-securitytxt.h"
#include "flaw-validator-dialog.h"

struct _FlawValidatorDialog
{
  AdwWindow     parent_instance;

  AdwEntryRow  *domain_row;
  GtkTextView  *text_view;
  GtkLabel     *summary_label;
  GtkListBox   *findings_list;
  GtkButton    *check_button;

  GCancellable *cancellable;
  guint         n_errors;
};

G_DEFINE_FINAL_TYPE (FlawValidatorDialog, flaw_validator_dialog, ADW_TYPE_WINDOW)

static const char *
severity_icon (FlawSecuritytxtSeverity severity)
{
  switch (severity)
    {
    case FLAW_SECURITYTXT_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case FLAW_SECURITYTXT_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case FLAW_SECURITYTXT_SEVERITY_NOTICE:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_label (FlawSecuritytxtSeverity severity)
{
  switch (severity)
    {
    case FLAW_SECURITYTXT_SEVERITY_ERROR:
      return _("Error");
    case FLAW_SECURITYTXT_SEVERITY_WARNING:
      return _("Recommendation");
    case FLAW_SECURITYTXT_SEVERITY_NOTICE:
    default:
      return _("Notice");
    }
}

static GtkWidget *
plain_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Findings quote the checked file: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
finding_row (const FlawSecuritytxtFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
  g_autofree char *title = NULL;
  g_autofree char *fix = NULL;

  if (finding->line > 0)
    title = g_strdup_printf (_("%s · %s · line %u"), severity_label (finding->severity), finding->code,
                             finding->line);
  else
    title = g_strdup_printf (_("%s · %s · whole file"), severity_label (finding->severity), finding->code);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  if (finding->severity == FLAW_SECURITYTXT_SEVERITY_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (finding->severity == FLAW_SECURITYTXT_SEVERITY_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_tooltip_text (icon, severity_label (finding->severity));

  gtk_box_append (GTK_BOX (text), plain_label (title, "heading"));
  gtk_box_append (GTK_BOX (text), plain_label (finding->message, NULL));
  if (finding->fix != NULL && *finding->fix != '\0')
    {
      fix = g_strdup_printf (_("Fix: %s"), finding->fix);
      gtk_box_append (GTK_BOX (text), plain_label (fix, "dim-label"));
    }
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
show_report (FlawValidatorDialog         *self,
             const FlawSecuritytxtReport *report)
{
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint errors, warnings, notices;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);

  for (guint i = 0; i < report->findings->len; i++)
    gtk_list_box_append (self->findings_list, finding_row (g_ptr_array_index (report->findings, i)));

  errors = flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_ERROR);
  warnings = flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_WARNING);
  notices = flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_NOTICE);
  self->n_errors = errors;

  if (report->findings->len == 0)
    summary = g_strdup (_("No errors, recommendations or notices: this security.txt follows RFC 9116."));
  else if (errors == 0)
    summary = g_strdup_printf (_("No errors. %u recommendations and %u notices below."), warnings, notices);
  else
    summary = g_strdup_printf (ngettext ("%u error, %u recommendations and %u notices below.",
                                         "%u errors, %u recommendations and %u notices below.", errors),
                               errors, warnings, notices);

  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), report->findings->len > 0);
}

static void
show_error (FlawValidatorDialog *self,
            const char          *message)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), FALSE);
  gtk_label_set_text (self->summary_label, message);
}

static char *
dup_text (FlawValidatorDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
check_clicked_cb (FlawValidatorDialog *self)
{
  g_autofree char *text = dup_text (self);
  g_autoptr(FlawSecuritytxtReport) report = NULL;

  if (*text == '\0')
    {
      show_error (self, _("There is nothing to check: paste a security.txt, open a file or fetch one."));
      return;
    }

  report = flaw_securitytxt_validate (text, -1, NULL);
  show_report (self, report);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawValidatorDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Cannot read “%s”: %s"), name, error->message);
      show_error (self, message);
      return;
    }

  if (length > FLAW_SECURITYTXT_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is larger than 32 KiB; readers may refuse a "
                                                    "security.txt that large. Open a smaller file."), name);
      show_error (self, message);
      return;
    }

  if (!g_utf8_validate (contents, length, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not UTF-8 text; a security.txt must be."), name);
      show_error (self, message);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), contents, (int) length);
  check_clicked_cb (self);
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  FlawValidatorDialog *self = user_data;

  g_file_load_contents_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
}

static void
open_clicked_cb (FlawValidatorDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  flaw_file_chooser_open (GTK_WINDOW (self), _("Open a security.txt"), filter, file_chosen_cb,
                          g_object_ref (self), g_object_unref);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawValidatorDialog) self = user_data;
  g_autoptr(FlawSecuritytxtReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = flaw_securitytxt_fetch_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->domain_row), TRUE);
  if (report == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_report (self, report);
}

static void
domain_apply_cb (FlawValidatorDialog *self)
{
  g_autofree char *domain = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->domain_row))));

  if (*domain == '\0')
    {
      show_error (self, _("Enter a domain such as example.com to fetch its security.txt."));
      return;
    }

  gtk_label_set_text (self->summary_label, _("Fetching…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->domain_row), FALSE);
  flaw_securitytxt_fetch_async (domain, self->cancellable, fetched_cb, g_object_ref (self));
}

static void
flaw_validator_dialog_dispose (GObject *object)
{
  FlawValidatorDialog *self = FLAW_VALIDATOR_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_VALIDATOR_DIALOG);

  G_OBJECT_CLASS (flaw_validator_dialog_parent_class)->dispose (object);
}

static void
flaw_validator_dialog_finalize (GObject *object)
{
  FlawValidatorDialog *self = FLAW_VALIDATOR_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (flaw_validator_dialog_parent_class)->finalize (object);
}

static void
flaw_validator_dialog_class_init (FlawValidatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_validator_dialog_dispose;
  object_class->finalize = flaw_validator_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-validator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawValidatorDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, FlawValidatorDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, FlawValidatorDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlawValidatorDialog, findings_list);
  gtk_widget_class_bind_template_child (widget_class, FlawValidatorDialog, check_button);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_apply_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
flaw_validator_dialog_init (FlawValidatorDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

FlawValidatorDialog *
flaw_validator_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (FLAW_TYPE_VALIDATOR_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/**
 * flaw_validator_dialog_check_text:
 *
 * Puts @text in the dialog and checks it.
 */
void
flaw_validator_dialog_check_text (FlawValidatorDialog *self,
                                  const char          *text)
{
  g_return_if_fail (FLAW_IS_VALIDATOR_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  check_clicked_cb (self);
}

/* How many errors the last check found. */
guint
flaw_validator_dialog_count_errors (FlawValidatorDialog *self)
{
  g_return_val_if_fail (FLAW_IS_VALIDATOR_DIALOG (self), 0);

  return self->n_errors;
}
