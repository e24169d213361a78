/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-debt-editor-private.h"
#include "flaw-debt-history.h"
#include "flaw-debt-links.h"
#include "flaw-decision-dialog.h"
#include "flaw-register-util.h"

/* The editor's decisions (each offered only when the move is legal, and
 * asking for what it needs) and the item's history. */

/* History ----------------------------------------------------------------- */

static GtkWidget *
create_history_row (const FlawEvent *event)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *what, *when;
  g_autofree char *time = flaw_format_time (event->time);
  g_autofree char *text = flaw_debt_event_dup_text (event);
  g_autofree char *meta = NULL;

  /* Translators: when a change was made, and by whom */
  meta = g_strdup_printf (_("%s · %s"), time, event->actor ? event->actor : _("unknown"));

  what = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  when = gtk_label_new (meta);
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

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawDebtEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *child;

  events = flaw_debt_list_events_finish (FLAW_STORE (object), result, &error);
  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_debt_editor_show_error (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (self->history_list, create_history_row (g_ptr_array_index (events, i)));
}

static GtkWidget *
create_link_row (const FlawDebtLink *link)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles come from reports and feeds: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->label);

  if (g_strcmp0 (link->entity, "report") == 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.show-report");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", link->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show the report in the Inbox"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static void
links_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FlawDebtEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  GtkWidget *child;

  links = flaw_debt_list_links_finish (FLAW_STORE (object), result, &error);
  if (links == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_debt_editor_show_error (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->links_list))) != NULL)
    gtk_list_box_remove (self->links_list, child);

  for (guint i = 0; i < links->len; i++)
    gtk_list_box_append (self->links_list, create_link_row (g_ptr_array_index (links, i)));

  gtk_widget_set_visible (self->links_box, links->len > 0);
}

void
_flaw_debt_editor_load_history (FlawDebtEditor *self)
{
  FlawStore *store;

  if (self->item == NULL)
    return;

  store = flaw_context_get_store (self->context);
  flaw_debt_list_events_async (store, flaw_debt_item_get_id (self->item), self->cancellable,
                               events_cb, g_object_ref (self));
  flaw_debt_list_links_async (store, flaw_debt_item_get_id (self->item), self->cancellable,
                              links_cb, g_object_ref (self));
}

/**
 * flaw_debt_editor_get_n_links:
 *
 * Returns: how many linked records the editor lists
 */
guint
flaw_debt_editor_get_n_links (FlawDebtEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->links_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* Decisions --------------------------------------------------------------- */

static void
transition_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FlawDebtEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDebtItem) item = NULL;

  item = flaw_debt_transition_finish (FLAW_STORE (object), result, &error);
  if (item == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_debt_editor_show_error (self, error->message);
      return;
    }

  _flaw_debt_editor_show_error (self, NULL);
  g_set_object (&self->item, item);
  _flaw_debt_editor_show_item (self, item, TRUE);
  _flaw_debt_editor_update_decision (self);
  _flaw_debt_editor_load_history (self);

  flaw_store_notify_changed (flaw_context_get_store (self->context), "debt");
}

static void
decision_response_cb (FlawDecisionDialog *dialog,
                      const char         *response,
                      FlawDebtEditor     *self)
{
  FlawDebtDecision decision;

  if (g_strcmp0 (response, "apply") != 0 || self->item == NULL)
    return;

  flaw_decision_dialog_get_decision (dialog, &decision);
  decision.review_period_days = g_settings_get_uint (flaw_context_get_settings (self->context),
                                                     "review-period-days");

  flaw_debt_transition_async (flaw_context_get_store (self->context),
                              flaw_debt_item_get_id (self->item),
                              flaw_decision_dialog_get_target (dialog), &decision,
                              self->cancellable, transition_cb, g_object_ref (self));
}

static void
decision_clicked_cb (GtkButton      *button,
                     FlawDebtEditor *self)
{
  FlawDebtStatus to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "flaw-status"));
  guint days = g_settings_get_uint (flaw_context_get_settings (self->context), "review-period-days");
  FlawDecisionDialog *dialog;

  g_return_if_fail (self->item != NULL);

  dialog = flaw_decision_dialog_new (GTK_WINDOW (self), self->item, to, days);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decision_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_flaw_debt_editor_update_decision (FlawDebtEditor *self)
{
  static const FlawDebtStatus order[] = {
    FLAW_DEBT_STATUS_ACCEPTED, FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_IN_PROGRESS,
    FLAW_DEBT_STATUS_PAID_OFF, FLAW_DEBT_STATUS_WONT_FIX, FLAW_DEBT_STATUS_PROPOSED,
  };
  FlawDebtStatus status;
  g_autofree char *today = flaw_debt_today ();
  g_autofree char *status_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->decision_box), self->item != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_box), self->item != NULL);

  for (guint i = 0; i < FLAW_DEBT_N_STATUSES; i++)
    {
      if (self->buttons[i] != NULL)
        gtk_flow_box_remove (self->decision_buttons, self->buttons[i]);
      self->buttons[i] = NULL;
    }

  if (self->item == NULL)
    {
      gtk_revealer_set_reveal_child (self->review_revealer, FALSE);
      for (guint i = 0; i < N_FIELDS; i++)
        if (self->fields[i].spec->decision)
          gtk_widget_set_visible (self->fields[i].block, FALSE);
      return;
    }

  status = flaw_debt_item_get_status (self->item);

  /* Translators: the decision taken on an item, such as "Status: Accepted" */
  status_text = g_strdup_printf (_("Status: %s"), flaw_debt_status_get_label (status));
  gtk_label_set_text (self->status_label, status_text);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *button;

      if (!flaw_debt_status_can_move (status, order[i]))
        continue;

      button = gtk_button_new_with_mnemonic (flaw_decision_get_action_label (status, order[i]));
      g_object_set_data (G_OBJECT (button), "flaw-status", GINT_TO_POINTER (order[i]));
      g_signal_connect_object (button, "clicked", G_CALLBACK (decision_clicked_cb), self, 0);
      gtk_flow_box_append (self->decision_buttons, button);
      self->buttons[order[i]] = gtk_widget_get_parent (button);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *name = self->fields[i].spec->name;
      gboolean visible;

      if (!self->fields[i].spec->decision)
        continue;

      if (g_str_equal (name, "rationale") || g_str_equal (name, "compensating_controls") ||
          g_str_equal (name, "review_date"))
        visible = status == FLAW_DEBT_STATUS_ACCEPTED;
      else if (g_str_equal (name, "target_date"))
        visible = status == FLAW_DEBT_STATUS_SCHEDULED || status == FLAW_DEBT_STATUS_IN_PROGRESS;
      else
        visible = status == FLAW_DEBT_STATUS_WONT_FIX;

      gtk_widget_set_visible (self->fields[i].block, visible);
    }

  if (flaw_debt_item_is_review_due (self->item, today))
    {
      g_autofree char *text =
        g_strdup_printf (_("The review date, %s, has passed. Review the risk again with a new date, "
                           "schedule the fix, or close the item."),
                         flaw_debt_item_get_review_date (self->item));

      gtk_label_set_text (self->review_label, text);
      gtk_revealer_set_reveal_child (self->review_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->review_revealer, FALSE);
}

/* Inspection, for tests ------------------------------------------------- */

/**
 * flaw_debt_editor_get_decision_button:
 *
 * Returns: (transfer none) (nullable): the button that takes the decision
 *   @to, or %NULL when that move is not offered
 */
GtkWidget *
flaw_debt_editor_get_decision_button (FlawDebtEditor *self,
                                      FlawDebtStatus  to)
{
  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);
  g_return_val_if_fail (to < FLAW_DEBT_N_STATUSES, NULL);

  return self->buttons[to] ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (self->buttons[to])) : NULL;
}

guint
flaw_debt_editor_get_n_history_rows (FlawDebtEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/**
 * flaw_debt_editor_dup_history_row:
 *
 * Returns: (transfer full) (nullable): the text of history row @index
 *   (0 is the newest), its change and when, on two lines
 */
char *
flaw_debt_editor_dup_history_row (FlawDebtEditor *self,
                                  guint           index)
{
  GtkListBoxRow *row;
  GtkWidget *box, *what, *when;

  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);

  row = gtk_list_box_get_row_at_index (self->history_list, (int) index);
  if (row == NULL)
    return NULL;

  box = gtk_list_box_row_get_child (row);
  what = gtk_widget_get_first_child (box);
  when = gtk_widget_get_next_sibling (what);

  return g_strconcat (gtk_label_get_text (GTK_LABEL (what)), "\n",
                      gtk_label_get_text (GTK_LABEL (when)), NULL);
}
