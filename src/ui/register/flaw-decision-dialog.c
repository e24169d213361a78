/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-decision-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-decision-dialog.h"

/* Asks for what a decision needs before it is taken: a rationale,
 * compensating controls and a review date to accept, a target date to
 * schedule, a reason not to fix. The core's validator checks the answers
 * as they are typed, and the decision can only be confirmed once they pass.
 */

typedef struct
{
  const char *name;
  gboolean    multi_line;
  GtkWidget  *widget;
  GtkLabel   *message;
} Field;

struct _FlawDecisionDialog
{
  AdwMessageDialog  parent_instance;

  FlawDebtItem     *item;
  FlawDebtStatus    to;
  char             *today;
  Field             fields[5];
  guint             n_fields;

  /* Copies handed out by flaw_decision_dialog_get_decision(). */
  char             *strings[5];
};

G_DEFINE_FINAL_TYPE (FlawDecisionDialog, flaw_decision_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
dup_text (Field *field)
{
  if (field->multi_line)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
}

static Field *
find_field (FlawDecisionDialog *self,
            const char         *name)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (g_str_equal (self->fields[i].name, name))
      return &self->fields[i];

  return NULL;
}

static void
show_message (Field      *field,
              const char *message)
{
  gtk_label_set_text (field->message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (field->message), message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (field->widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Applies the answers to a copy of the item and lets the core judge it. */
static void
revalidate (FlawDecisionDialog *self)
{
  g_autoptr(FlawDebtItem) draft = flaw_debt_item_copy (self->item);
  g_autoptr(GPtrArray) problems = NULL;
  gboolean valid = TRUE;

  for (guint i = 0; i < self->n_fields; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = dup_text (field);
      g_autoptr(GError) error = NULL;

      show_message (field, NULL);
      if (!flaw_debt_item_set_field (draft, field->name, text, &error))
        {
          show_message (field, error->message);
          valid = FALSE;
        }
    }

  flaw_debt_item_set_status (draft, self->to);
  problems = flaw_debt_item_validate (draft, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);
      Field *field = problem->field ? find_field (self, problem->field) : NULL;

      valid = FALSE;
      if (field != NULL && !gtk_widget_get_visible (GTK_WIDGET (field->message)))
        show_message (field, problem->message);
    }

  if (self->to == FLAW_DEBT_STATUS_ACCEPTED)
    {
      const char *review = flaw_debt_item_get_review_date (draft);
      Field *field = find_field (self, "review_date");

      if (review != NULL && flaw_debt_date_is_valid (review) && strcmp (review, self->today) <= 0)
        {
          g_autofree char *message = g_strdup_printf (_("The review date must be after today (%s)."),
                                                      self->today);
          show_message (field, message);
          valid = FALSE;
        }
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", valid);
}

static void
add_field (FlawDecisionDialog *self,
           GtkBox             *box,
           const char         *name,
           const char         *label_text,
           gboolean            multi_line,
           const char         *initial)
{
  Field *field = &self->fields[self->n_fields++];
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *message = gtk_label_new (NULL);

  field->name = name;
  field->multi_line = multi_line;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);

  if (multi_line)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      field->widget = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->widget), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->widget), FALSE);
      gtk_widget_add_css_class (field->widget, "flaw-text-field");
      if (initial != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), initial, -1);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), "changed",
                               G_CALLBACK (revalidate), self, G_CONNECT_SWAPPED);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
      gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), field->widget);
      gtk_box_append (box, scrolled);
    }
  else
    {
      field->widget = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (field->widget), TRUE);
      if (initial != NULL)
        gtk_editable_set_text (GTK_EDITABLE (field->widget), initial);
      g_signal_connect_object (field->widget, "changed", G_CALLBACK (revalidate), self, G_CONNECT_SWAPPED);
      gtk_box_append (box, field->widget);
    }

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field->widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);

  field->message = GTK_LABEL (message);
  gtk_label_set_xalign (field->message, 0);
  gtk_label_set_wrap (field->message, TRUE);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (box, message);
}

static void
flaw_decision_dialog_finalize (GObject *object)
{
  FlawDecisionDialog *self = (FlawDecisionDialog *)object;

  g_clear_object (&self->item);
  g_free (self->today);
  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (flaw_decision_dialog_parent_class)->finalize (object);
}

static void
flaw_decision_dialog_class_init (FlawDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_decision_dialog_finalize;
}

static void
flaw_decision_dialog_init (FlawDecisionDialog *self)
{
  self->today = flaw_debt_today ();
}

/**
 * flaw_decision_get_action_label:
 *
 * Returns: the label of the button that moves an item from @from to @to
 */
const char *
flaw_decision_get_action_label (FlawDebtStatus from,
                                FlawDebtStatus to)
{
  switch (to)
    {
    case FLAW_DEBT_STATUS_ACCEPTED:
      return from == FLAW_DEBT_STATUS_ACCEPTED ? _("_Review Again…") : _("_Accept…");
    case FLAW_DEBT_STATUS_SCHEDULED:
      return _("_Schedule…");
    case FLAW_DEBT_STATUS_IN_PROGRESS:
      return _("S_tart");
    case FLAW_DEBT_STATUS_PAID_OFF:
      return _("Mark _Paid Off");
    case FLAW_DEBT_STATUS_WONT_FIX:
      return _("_Won’t Fix…");
    case FLAW_DEBT_STATUS_PROPOSED:
      return _("Re_open");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * flaw_decision_dialog_new:
 * @item: the stored item the decision is about
 * @to: the decision; it must be a legal move from the item's status
 * @review_period_days: the default review period, from the settings
 */
FlawDecisionDialog *
flaw_decision_dialog_new (GtkWindow      *parent,
                          FlawDebtItem   *item,
                          FlawDebtStatus  to,
                          guint           review_period_days)
{
  FlawDecisionDialog *self;
  FlawDebtStatus from;
  const char *title = flaw_debt_item_get_title (item);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *box;

  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (item), NULL);

  from = flaw_debt_item_get_status (item);
  g_return_val_if_fail (flaw_debt_status_can_move (from, to), NULL);

  self = g_object_new (FLAW_TYPE_DECISION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->item = g_object_ref (item);
  self->to = to;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  switch (to)
    {
    case FLAW_DEBT_STATUS_ACCEPTED:
      {
        g_autofree char *review = flaw_debt_date_add_days (self->today, (int) review_period_days);

        heading = g_strdup (from == FLAW_DEBT_STATUS_ACCEPTED ? _("Review the Accepted Risk Again?")
                                                              : _("Accept the Risk for Now?"));
        body = g_strdup_printf (_("“%s” stays unfixed until its review date. Say why that is "
                                  "acceptable and what limits the risk meanwhile."), title);
        add_field (self, GTK_BOX (box), "rationale", _("_Rationale"), TRUE,
                   flaw_debt_item_get_rationale (item));
        add_field (self, GTK_BOX (box), "compensating_controls", _("_Compensating controls"), TRUE,
                   flaw_debt_item_get_compensating_controls (item));
        add_field (self, GTK_BOX (box), "review_date", _("Re_view date (YYYY-MM-DD)"), FALSE, review);
        break;
      }

    case FLAW_DEBT_STATUS_SCHEDULED:
      heading = g_strdup (_("Schedule the Fix?"));
      body = g_strdup_printf (_("Set the date by which “%s” should be paid off."), title);
      add_field (self, GTK_BOX (box), "target_date", _("_Target date (YYYY-MM-DD)"), FALSE,
                 flaw_debt_item_get_target_date (item));
      break;

    case FLAW_DEBT_STATUS_WONT_FIX:
      heading = g_strdup (_("Close Without Fixing?"));
      body = g_strdup_printf (_("“%s” will no longer count as open debt. Record why it will not be fixed."),
                              title);
      add_field (self, GTK_BOX (box), "wont_fix_reason", _("_Reason"), TRUE,
                 flaw_debt_item_get_wont_fix_reason (item));
      break;

    case FLAW_DEBT_STATUS_IN_PROGRESS:
      heading = g_strdup (_("Start Paying Off?"));
      body = g_strdup_printf (_("Mark “%s” as being fixed now."), title);
      break;

    case FLAW_DEBT_STATUS_PAID_OFF:
      heading = g_strdup (_("Mark as Paid Off?"));
      body = g_strdup_printf (_("“%s” is fixed and will no longer count as open debt."), title);
      break;

    case FLAW_DEBT_STATUS_PROPOSED:
    default:
      heading = g_strdup (_("Reopen the Item?"));
      body = g_strdup_printf (_("“%s” becomes open debt again, as proposed."), title);
      break;
    }

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  if (self->n_fields > 0)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  else
    {
      g_object_ref_sink (box);
      g_object_unref (box);
    }

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "apply", flaw_decision_get_action_label (from, to),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply",
                                              to == FLAW_DEBT_STATUS_WONT_FIX
                                              ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  revalidate (self);

  return self;
}

FlawDebtStatus
flaw_decision_dialog_get_target (FlawDecisionDialog *self)
{
  g_return_val_if_fail (FLAW_IS_DECISION_DIALOG (self), 0);

  return self->to;
}

/**
 * flaw_decision_dialog_get_decision:
 * @decision: (out): filled with the answers; the strings belong to @self
 */
void
flaw_decision_dialog_get_decision (FlawDecisionDialog *self,
                                   FlawDebtDecision   *decision)
{
  static const char * const names[] = {
    "rationale", "compensating_controls", "review_date", "target_date", "wont_fix_reason",
  };

  g_return_if_fail (FLAW_IS_DECISION_DIALOG (self));
  g_return_if_fail (decision != NULL);

  memset (decision, 0, sizeof *decision);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      Field *field = find_field (self, names[i]);

      g_clear_pointer (&self->strings[i], g_free);
      if (field != NULL)
        {
          self->strings[i] = dup_text (field);
          if (!field->multi_line)
            g_strstrip (self->strings[i]);
        }
    }

  decision->rationale = self->strings[0];
  decision->compensating_controls = self->strings[1];
  decision->review_date = self->strings[2];
  decision->target_date = self->strings[3];
  decision->wont_fix_reason = self->strings[4];
}

/**
 * flaw_decision_dialog_get_field:
 *
 * Returns: (transfer none) (nullable): the entry or text view of @field
 */
GtkWidget *
flaw_decision_dialog_get_field (FlawDecisionDialog *self,
                                const char         *field)
{
  Field *found;

  g_return_val_if_fail (FLAW_IS_DECISION_DIALOG (self), NULL);

  found = find_field (self, field);

  return found ? found->widget : NULL;
}

/**
 * flaw_decision_dialog_get_message:
 *
 * Returns: (nullable): the problem shown under @field, or %NULL
 */
const char *
flaw_decision_dialog_get_message (FlawDecisionDialog *self,
                                  const char         *field)
{
  Field *found;

  g_return_val_if_fail (FLAW_IS_DECISION_DIALOG (self), NULL);

  found = find_field (self, field);
  if (found == NULL || !gtk_widget_get_visible (GTK_WIDGET (found->message)))
    return NULL;

  return gtk_label_get_text (found->message);
}
