/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-cvss.h"
#include "flaw-report-row.h"
#include "flaw-report-store.h"
#include "flaw-report-view-private.h"
#include "flaw-triage.h"

/* One report, shown in full: its text as plain text only, its follow-ups
 * and attachments, the triage fields and the moves its status allows. */

typedef struct
{
  FlawReportField   field;
  const char     *(*get) (FlawReport *report);
} TextField;

static const TextField text_fields[] = {
  { FLAW_REPORT_FIELD_CVSS_VECTOR, flaw_report_get_cvss_vector },
  { FLAW_REPORT_FIELD_CWE, flaw_report_get_cwe },
  { FLAW_REPORT_FIELD_COMPONENT, flaw_report_get_component },
  { FLAW_REPORT_FIELD_AFFECTED_VERSIONS, flaw_report_get_affected_versions },
  { FLAW_REPORT_FIELD_FIXED_VERSION, flaw_report_get_fixed_version },
  { FLAW_REPORT_FIELD_CVE, flaw_report_get_cve },
  { FLAW_REPORT_FIELD_CREDIT, flaw_report_get_credit },
  { FLAW_REPORT_FIELD_ROOT_CAUSE, flaw_report_get_root_cause },
  { FLAW_REPORT_FIELD_INTRODUCED_IN, flaw_report_get_introduced_in },
  { FLAW_REPORT_FIELD_REGRESSION_TEST, flaw_report_get_regression_test },
};

#define N_TEXT_FIELDS G_N_ELEMENTS (text_fields)
G_STATIC_ASSERT (G_N_ELEMENTS (text_fields) == FLAW_REPORT_VIEW_N_TEXT_FIELDS);


G_DEFINE_FINAL_TYPE (FlawReportView, flaw_report_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_REPORT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (FlawReportView *self);

FlawStore *
_flaw_report_view_get_store (FlawReportView *self)
{
  return flaw_context_get_store (self->context);
}

FlawReport *
_flaw_report_view_get_report (FlawReportView *self)
{
  return self->details != NULL ? self->details->report : NULL;
}

void
_flaw_report_view_show_error (FlawReportView *self,
                              const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

char *
_flaw_report_view_dup_row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static gboolean
is_dirty (FlawReportView *self,
          guint           i)
{
  g_autofree char *text = _flaw_report_view_dup_row_text (self->rows[i]);
  FlawReport *report = _flaw_report_view_get_report (self);

  return report != NULL && g_strcmp0 (text, text_fields[i].get (report)) != 0;
}

/* Checks a field as it is typed; returns the message when it is invalid. */
static char *
check_field (FlawReportView *self,
             guint           i)
{
  g_autofree char *text = _flaw_report_view_dup_row_text (self->rows[i]);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return NULL;

  switch ((int) text_fields[i].field)
    {
    case FLAW_REPORT_FIELD_CVSS_VECTOR:
      {
        g_autoptr(FlawCvss) cvss = flaw_cvss_parse (text, &error);

        if (cvss != NULL)
          {
            double score = flaw_cvss_get_score (cvss);
            g_autofree char *label = NULL;

            /* Translators: a CVSS score and its severity, as in “9.8 Critical” */
            label = g_strdup_printf (_("%.1f %s"), score,
                                     flaw_severity_get_label (flaw_cvss_severity_from_score (score)));
            gtk_label_set_label (self->cvss_score_label, label);
          }
      }
      break;

    case FLAW_REPORT_FIELD_CWE:
      g_free (flaw_cwe_parse (text, &error));
      break;

    case FLAW_REPORT_FIELD_CVE:
      g_free (flaw_cve_parse (text, &error));
      break;

    default:
      break;
    }

  return error != NULL ? g_strdup (error->message) : NULL;
}

static gboolean
validate_fields (FlawReportView *self)
{
  g_autofree char *first_message = NULL;
  g_autofree char *cvss_text = _flaw_report_view_dup_row_text (self->cvss_row);

  gtk_label_set_label (self->cvss_score_label, "");

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *message = check_field (self, i);

      if (message != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->rows[i]), "error");
          if (first_message == NULL)
            first_message = g_strdup_printf ("%s: %s",
                                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[i])),
                                             message);
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cvss_score_label), cvss_text != NULL);
  gtk_label_set_label (self->field_error_label, first_message != NULL ? first_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->field_error_label), first_message != NULL);

  return first_message == NULL;
}

static void
move_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    {
      if (self->context != NULL)
        _flaw_report_view_show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (FLAW_STORE (object), "report");
}

void
_flaw_report_view_run_move (FlawReportView *self,
                            FlawTriageMove *move)
{
  _flaw_report_view_show_error (self, NULL);
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_triage_move_report, move,
                        (GDestroyNotify) flaw_triage_move_free, NULL, NULL,
                        move_done_cb, g_object_ref (self));
}

static void
update_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(GError) error = NULL;
  int move = self->pending_move;

  self->pending_move = NO_MOVE;

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    {
      if (self->context != NULL)
        _flaw_report_view_show_error (self, error->message);
      return;
    }

  if (move != NO_MOVE && self->report_id != 0)
    _flaw_report_view_run_move (self, flaw_triage_move_new (self->report_id, (FlawReportStatus) move));

  flaw_store_notify_changed (FLAW_STORE (object), "report");
}

/* Saves every changed field (or only @only, when >= 0), then makes
 * self->pending_move. Nothing is saved while a field is invalid. */
static void
save_fields (FlawReportView *self,
             int             only)
{
  g_autoptr(FlawReportEdit) edit = NULL;

  if (_flaw_report_view_get_report (self) == NULL)
    return;

  if (!validate_fields (self))
    {
      self->pending_move = NO_MOVE;
      return;
    }

  edit = flaw_report_edit_new (self->report_id);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *text = NULL;

      if ((only >= 0 && (guint) only != i) || !is_dirty (self, i))
        continue;

      text = _flaw_report_view_dup_row_text (self->rows[i]);
      flaw_report_edit_set (edit, text_fields[i].field, text);
    }

  if (flaw_report_edit_is_empty (edit))
    {
      int move = self->pending_move;

      self->pending_move = NO_MOVE;
      if (move != NO_MOVE)
        _flaw_report_view_run_move (self, flaw_triage_move_new (self->report_id, (FlawReportStatus) move));
      return;
    }

  _flaw_report_view_show_error (self, NULL);
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_report_store_update, g_steal_pointer (&edit),
                        (GDestroyNotify) flaw_report_edit_free, NULL, NULL,
                        update_done_cb, g_object_ref (self));
}

static void
row_apply_cb (AdwEntryRow    *row,
              FlawReportView *self)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (self->rows[i] == row)
      save_fields (self, (int) i);
}

static void
row_changed_cb (GtkEditable    *editable,
                FlawReportView *self)
{
  if (!self->populating)
    validate_fields (self);
}

static void
severity_selected_cb (FlawReportView *self)
{
  g_autoptr(FlawReportEdit) edit = NULL;
  FlawSeverity severity = (FlawSeverity) adw_combo_row_get_selected (self->severity_row);
  FlawReport *report = _flaw_report_view_get_report (self);

  if (self->populating || report == NULL || severity == flaw_report_get_severity (report))
    return;

  edit = flaw_report_edit_new (self->report_id);
  flaw_report_edit_set (edit, FLAW_REPORT_FIELD_SEVERITY,
                        severity == FLAW_SEVERITY_UNSET ? NULL : flaw_severity_to_string (severity));
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_report_store_update, g_steal_pointer (&edit),
                        (GDestroyNotify) flaw_report_edit_free, NULL, NULL,
                        update_done_cb, g_object_ref (self));
}

static gboolean
require_for_fixed (FlawReportView *self)
{
  g_autofree char *root_cause = _flaw_report_view_dup_row_text (self->root_cause_row);
  g_autofree char *test = _flaw_report_view_dup_row_text (self->regression_test_row);
  g_autoptr(GString) missing = g_string_new (NULL);

  if (root_cause == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->root_cause_row), "error");
      g_string_append (missing, _("Enter the root cause."));
    }
  if (test == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->regression_test_row), "error");
      if (missing->len > 0)
        g_string_append_c (missing, ' ');
      g_string_append (missing, _("Name the regression test that now guards this flaw."));
    }

  if (missing->len == 0)
    return TRUE;

  g_string_prepend (missing, _("The report cannot be marked fixed yet. "));
  _flaw_report_view_show_error (self, missing->str);
  return FALSE;
}

static void
move_clicked_cb (GtkButton      *button,
                 FlawReportView *self)
{
  FlawReportStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status"));

  flaw_report_view_move (self, status);
}

static const char *
move_label (FlawReportStatus from,
            FlawReportStatus to)
{
  switch (to)
    {
    case FLAW_REPORT_STATUS_NEW:
      return _("_Reopen");
    case FLAW_REPORT_STATUS_ACKNOWLEDGED:
      return from == FLAW_REPORT_STATUS_CLOSED ? _("Reopen as _Acknowledged") : _("_Acknowledge");
    case FLAW_REPORT_STATUS_TRIAGED:
      return from == FLAW_REPORT_STATUS_FIX_IN_PROGRESS ? _("_Postpone Fix") : _("_Triage");
    case FLAW_REPORT_STATUS_FIX_IN_PROGRESS:
      return from == FLAW_REPORT_STATUS_FIXED ? _("Reopen _Fix") : _("Start _Fix");
    case FLAW_REPORT_STATUS_FIXED:
      return _("_Mark Fixed");
    case FLAW_REPORT_STATUS_DISCLOSED:
      return _("_Disclose");
    case FLAW_REPORT_STATUS_CLOSED:
      return _("_Close as…");
    default:
      g_assert_not_reached ();
    }
}

static void
populate_moves (FlawReportView *self,
                FlawReport     *report)
{
  FlawReportStatus from = flaw_report_get_status (report);
  FlawReportStatus moves[FLAW_REPORT_N_STATUSES];
  guint n_moves = flaw_triage_list_moves (from, moves);
  GtkWidget *child;
  gboolean suggested = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box))) != NULL)
    gtk_flow_box_remove (self->moves_box, child);

  for (guint i = 0; i < n_moves; i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (move_label (from, moves[i]));
      g_autofree char *name = g_strdup_printf ("move-%s", flaw_report_status_to_string (moves[i]));

      gtk_widget_set_name (button, name);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "status", GINT_TO_POINTER (moves[i]));
      g_signal_connect_object (button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);

      /* The next step forward is the one to take. */
      if (!suggested && moves[i] > from && moves[i] != FLAW_REPORT_STATUS_CLOSED)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          suggested = TRUE;
        }
      else if (moves[i] == FLAW_REPORT_STATUS_CLOSED)
        gtk_widget_add_css_class (button, "destructive-action");

      gtk_flow_box_append (self->moves_box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->moves_box), n_moves > 0);
}

static GtkWidget *
make_text_view (const char *text,
                const char *accessible_label)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "report-body");
  gtk_widget_add_css_class (view, "card");
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);

  return view;
}

static void
text_focus_cb (GtkEventControllerFocus *controller,
               FlawReportView          *self)
{
  self->focused_text = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
track_focus (FlawReportView *self,
             GtkWidget      *text_view)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "enter", G_CALLBACK (text_focus_cb), self, 0);
  gtk_widget_add_controller (text_view, focus);
}

static void
populate_followups (FlawReportView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->followups_box))) != NULL)
    {
      if (self->focused_text != NULL &&
          gtk_widget_is_ancestor (GTK_WIDGET (self->focused_text), child))
        self->focused_text = NULL;
      gtk_box_remove (self->followups_box, child);
    }

  for (guint i = 0; i < self->details->followups->len; i++)
    {
      FlawReport *followup = g_ptr_array_index (self->details->followups, i);
      g_autofree char *date = _flaw_format_date (flaw_report_get_received (followup));
      g_autofree char *heading = NULL;
      const char *reporter = flaw_report_get_reporter (followup);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label;
      GtkWidget *view;

      /* Translators: “Follow-up from NAME, DATE” */
      heading = g_strdup_printf (_("Follow-up from %s, %s"),
                                 reporter != NULL ? reporter : _("unknown sender"), date);
      label = gtk_label_new (NULL);
      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_label_set_text (GTK_LABEL (label), heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);

      if (flaw_report_get_body_truncated (followup))
        {
          GtkWidget *notice = gtk_label_new (_("This message was longer than Flawdesk downloads; "
                                               "only its beginning is shown."));

          gtk_label_set_xalign (GTK_LABEL (notice), 0);
          gtk_label_set_wrap (GTK_LABEL (notice), TRUE);
          gtk_widget_add_css_class (notice, "notice");
          gtk_box_append (GTK_BOX (box), notice);
        }

      view = make_text_view (flaw_report_get_body (followup), heading);
      track_focus (self, view);
      gtk_box_append (GTK_BOX (box), view);
      gtk_box_append (self->followups_box, box);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->followups_box), self->details->followups->len > 0);
}

static void
clear_extra_rows (FlawReportView *self)
{
  for (guint i = 0; i < self->extra_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->extra_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->extra_rows, 0);
}

static void
populate (FlawReportView *self,
          FlawReport     *old_report)
{
  FlawReport *report = _flaw_report_view_get_report (self);
  g_autofree char *date = _flaw_format_date (flaw_report_get_received (report));
  g_autofree char *meta = NULL;
  const char *reporter = flaw_report_get_reporter (report);
  const char *address = flaw_report_get_reporter_address (report);
  const char *source = flaw_report_get_source_name (report);
  gboolean closed = flaw_report_get_status (report) == FLAW_REPORT_STATUS_CLOSED;
  gboolean same_report = old_report != NULL &&
                         flaw_report_get_id (old_report) == flaw_report_get_id (report);

  self->populating = TRUE;

  gtk_label_set_label (self->title_label, flaw_report_get_title (report));
  /* Translators: “From NAME <ADDRESS> · received DATE · SOURCE” */
  meta = g_strdup_printf (_("From %s%s%s%s · received %s · %s"),
                          reporter != NULL ? reporter : _("unknown sender"),
                          address != NULL ? " <" : "", address != NULL ? address : "",
                          address != NULL ? ">" : "", date,
                          source != NULL ? source : _("removed source"));
  gtk_label_set_label (self->meta_label, meta);

  _flaw_set_severity_badge (self->severity_label, flaw_report_get_severity (report));
  gtk_label_set_label (self->status_label, flaw_report_status_get_label (flaw_report_get_status (report)));
  _flaw_set_due_badge (self->due_label, report);
  gtk_widget_set_visible (GTK_WIDGET (self->withdrawn_label), flaw_report_get_withdrawn (report));
  gtk_widget_set_visible (GTK_WIDGET (self->truncated_label), flaw_report_get_body_truncated (report));
  gtk_widget_set_visible (GTK_WIDGET (self->html_label), flaw_report_get_html_only (report));

  populate_moves (self, report);

  if (!same_report || g_strcmp0 (flaw_report_get_body (old_report), flaw_report_get_body (report)) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                              flaw_report_get_body (report) != NULL ? flaw_report_get_body (report) : "",
                              -1);

  populate_followups (self);
  clear_extra_rows (self);
  _flaw_report_view_populate_attachments (self);
  _flaw_report_view_populate_debt (self);
  _flaw_report_view_populate_history (self);

  /* Keep what the user is still typing in a field this reload did not change. */
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *text = _flaw_report_view_dup_row_text (self->rows[i]);
      const char *value = text_fields[i].get (report);

      if (!same_report || g_strcmp0 (text, text_fields[i].get (old_report)) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), value != NULL ? value : "");
    }

  adw_combo_row_set_selected (self->severity_row, flaw_report_get_severity (report));

  gtk_widget_set_visible (GTK_WIDGET (self->closed_group), closed);
  if (closed)
    {
      g_autoptr(GString) reason = g_string_new (flaw_close_reason_get_label (flaw_report_get_close_reason (report)));

      if (flaw_report_get_duplicate_of (report) > 0)
        g_string_append_printf (reason, _(" of report %lld"),
                                (long long) flaw_report_get_duplicate_of (report));
      if (flaw_report_get_close_note (report) != NULL)
        g_string_append_printf (reason, " — %s", flaw_report_get_close_note (report));
      adw_action_row_set_subtitle (self->close_reason_row, reason->str);
    }

  self->populating = FALSE;
  validate_fields (self);

  if (!same_report)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
      _flaw_report_view_show_error (self, NULL);
    }
}

static void
unread_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    g_warning ("Cannot mark the report read: %s", error->message);
  else
    flaw_store_notify_changed (FLAW_STORE (object), "report");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(FlawReportDetails) old_details = NULL;
  g_autoptr(GError) error = NULL;

  if (!(details = flaw_store_run_finish (FLAW_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->context != NULL)
        _flaw_report_view_show_error (self, error->message);
      return;
    }

  if (flaw_report_get_id (details->report) != self->report_id)
    return;

  old_details = g_steal_pointer (&self->details);
  self->details = g_steal_pointer (&details);
  populate (self, old_details != NULL ? old_details->report : NULL);

  if (flaw_report_get_unread (self->details->report))
    {
      FlawReportRequest *request = flaw_report_request_new (self->report_id, NULL);

      request->unread = FALSE;
      flaw_store_run_async (FLAW_STORE (object), flaw_report_store_set_unread, request,
                            (GDestroyNotify) flaw_report_request_free, NULL, NULL,
                            unread_cleared_cb, NULL);
    }
}

static void
load (FlawReportView *self)
{
  FlawTriagePolicy policy;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->report_id == 0)
    return;

  self->load_cancellable = g_cancellable_new ();
  flaw_triage_policy_init_from_settings (&policy, flaw_context_get_settings (self->context));
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_report_store_load,
                        flaw_report_request_new (self->report_id, &policy),
                        (GDestroyNotify) flaw_report_request_free,
                        (GDestroyNotify) flaw_report_details_free,
                        self->load_cancellable, loaded_cb, g_object_ref (self));
}

static void
store_changed_cb (FlawReportView *self,
                  const char     *entity)
{
  load (self);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _flaw_report_view_show_error (FLAW_REPORT_VIEW (widget), NULL);
}

static void
flaw_report_view_constructed (GObject *object)
{
  FlawReportView *self = (FlawReportView *)object;

  G_OBJECT_CLASS (flaw_report_view_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));

  g_signal_connect_object (_flaw_report_view_get_store (self), "changed::report",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
flaw_report_view_dispose (GObject *object)
{
  FlawReportView *self = (FlawReportView *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_REPORT_VIEW);
  g_clear_pointer (&self->details, flaw_report_details_free);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  g_clear_object (&self->http);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_report_view_parent_class)->dispose (object);
}

static void
flaw_report_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FlawReportView *self = FLAW_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_REPORT_ID:
      g_value_set_int64 (value, self->report_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FlawReportView *self = FLAW_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_REPORT_ID:
      flaw_report_view_set_report_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_report_view_class_init (FlawReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_report_view_constructed;
  object_class->dispose = flaw_report_view_dispose;
  object_class->get_property = flaw_report_view_get_property;
  object_class->set_property = flaw_report_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPORT_ID] =
    g_param_spec_int64 ("report-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, title_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, severity_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, status_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, due_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, withdrawn_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, moves_box);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, error_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, truncated_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, html_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, body_view);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, followups_box);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, cvss_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, severity_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, cwe_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, component_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, affected_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, fixed_version_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, cve_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, credit_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, root_cause_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, introduced_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, regression_test_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, field_error_label);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, closed_group);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, close_reason_row);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, debt_group);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, history_group);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, history_list);
  gtk_widget_class_bind_template_child (widget_class, FlawReportView, debt_row);

  gtk_widget_class_install_action (widget_class, "report.open-link", NULL, _flaw_report_view_open_link_action);
  gtk_widget_class_install_action (widget_class, "report.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "report.create-debt", NULL, _flaw_report_view_create_debt_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
flaw_report_view_init (FlawReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending_move = NO_MOVE;
  self->extra_rows = g_ptr_array_new ();

  self->rows[0] = self->cvss_row;
  self->rows[1] = self->cwe_row;
  self->rows[2] = self->component_row;
  self->rows[3] = self->affected_row;
  self->rows[4] = self->fixed_version_row;
  self->rows[5] = self->cve_row;
  self->rows[6] = self->credit_row;
  self->rows[7] = self->root_cause_row;
  self->rows[8] = self->introduced_row;
  self->rows[9] = self->regression_test_row;

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_signal_connect (self->rows[i], "apply", G_CALLBACK (row_apply_cb), self);
      g_signal_connect (self->rows[i], "changed", G_CALLBACK (row_changed_cb), self);
    }
  g_signal_connect (self->debt_row, "apply", G_CALLBACK (_flaw_report_view_debt_apply_cb), self);
  g_signal_connect_swapped (self->severity_row, "notify::selected",
                            G_CALLBACK (severity_selected_cb), self);

  self->cvss_score_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->cvss_score_label), "cvss-score");
  gtk_widget_set_valign (GTK_WIDGET (self->cvss_score_label), GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (self->cvss_row, GTK_WIDGET (self->cvss_score_label));

  track_focus (self, GTK_WIDGET (self->body_view));
}

GtkWidget *
flaw_report_view_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_REPORT_VIEW,
                       "context", context,
                       NULL);
}

void
flaw_report_view_set_report_id (FlawReportView *self,
                                gint64          report_id)
{
  g_return_if_fail (FLAW_IS_REPORT_VIEW (self));

  if (self->report_id == report_id)
    return;

  self->report_id = report_id;
  self->pending_move = NO_MOVE;
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT_ID]);
}

gint64
flaw_report_view_get_report_id (FlawReportView *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT_VIEW (self), 0);

  return self->report_id;
}

/**
 * flaw_report_view_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown, once loaded
 */
FlawReport *
flaw_report_view_get_report (FlawReportView *self)
{
  g_return_val_if_fail (FLAW_IS_REPORT_VIEW (self), NULL);

  return _flaw_report_view_get_report (self);
}

/**
 * flaw_report_view_move:
 * @status: where to move the report
 *
 * Saves the triage fields being edited, then moves the report (closing
 * asks why first). Refusals are shown in the view.
 */
void
flaw_report_view_move (FlawReportView   *self,
                       FlawReportStatus  status)
{
  g_return_if_fail (FLAW_IS_REPORT_VIEW (self));

  if (_flaw_report_view_get_report (self) == NULL)
    return;

  if (status == FLAW_REPORT_STATUS_CLOSED)
    {
      _flaw_report_view_show_close_dialog (self);
      return;
    }

  if (status == FLAW_REPORT_STATUS_FIXED && !require_for_fixed (self))
    return;

  self->pending_move = status;
  save_fields (self, -1);
}
