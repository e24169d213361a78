/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-debt-editor-private.h"
#include "flaw-debt-store.h"
#include "flaw-register-util.h"

/* Creates and edits one debt item. What was typed stays in the widgets
 * until it is saved or knowingly discarded: validation only adds messages
 * next to the fields, and closing with changes asks first. Decisions are
 * taken through explicit actions, each offered only when the move is legal.
 */

static const FieldSpec field_specs[] = {
  { "title", KIND_ENTRY, FALSE, N_("_Title") },
  { "description", KIND_TEXT, FALSE, N_("_Description") },
  { "category", KIND_CATEGORY, FALSE, N_("C_ategory") },
  { "component", KIND_ENTRY, FALSE, N_("Co_mponent") },
  { "cwe", KIND_ENTRY, FALSE, N_("C_WE (optional, such as CWE-269)") },
  { "owner", KIND_ENTRY, FALSE, N_("_Owner") },
  { "approver", KIND_ENTRY, FALSE, N_("A_pprover") },
  { "links", KIND_TEXT, FALSE, N_("_Links (one web address a line)") },
  { "likelihood", KIND_SCALE, FALSE, N_("_Likelihood") },
  { "impact", KIND_SCALE, FALSE, N_("_Impact") },
  { "principal", KIND_ENTRY, FALSE, N_("P_rincipal (person-days to fix now)") },
  { "interest", KIND_ENTRY, FALSE, N_("I_nterest (person-days added each month)") },
  { "rationale", KIND_TEXT, TRUE, N_("Rationale") },
  { "compensating_controls", KIND_TEXT, TRUE, N_("Compensating controls") },
  { "review_date", KIND_ENTRY, TRUE, N_("Review date (YYYY-MM-DD)") },
  { "target_date", KIND_ENTRY, TRUE, N_("Target date (YYYY-MM-DD)") },
  { "wont_fix_reason", KIND_TEXT, TRUE, N_("Reason it won’t be fixed") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_specs) == N_FIELDS);

static const char * const likelihood_labels[] = {
  N_("Choose…"), N_("1 — Rare"), N_("2 — Unlikely"), N_("3 — Possible"), N_("4 — Likely"),
  N_("5 — Almost certain"), NULL
};

static const char * const impact_labels[] = {
  N_("Choose…"), N_("1 — Negligible"), N_("2 — Minor"), N_("3 — Moderate"), N_("4 — Major"),
  N_("5 — Severe"), NULL
};

G_DEFINE_FINAL_TYPE (FlawDebtEditor, flaw_debt_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fields ----------------------------------------------------------------- */

static Field *
find_field (FlawDebtEditor *self,
            const char     *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (self->fields[i].spec->name, name))
      return &self->fields[i];

  return NULL;
}

static const char *
category_id_at (FlawDebtEditor *self,
                guint           position)
{
  if (position == 0 || self->categories == NULL || position > self->categories->len)
    return NULL;

  return ((FlawDebtCategory *) g_ptr_array_index (self->categories, position - 1))->id;
}

static char *
dup_field_text (FlawDebtEditor *self,
                Field          *field)
{
  guint selected;

  switch (field->spec->kind)
    {
    case KIND_ENTRY:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

    case KIND_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }

    case KIND_CATEGORY:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));
      return g_strdup (category_id_at (self, selected) ? category_id_at (self, selected) : "");

    case KIND_SCALE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));
      return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? g_strdup ("")
                                                                     : g_strdup_printf ("%u", selected);

    default:
      g_assert_not_reached ();
    }
}

static void
set_field_text (FlawDebtEditor *self,
                Field          *field,
                const char     *text)
{
  if (text == NULL)
    text = "";

  switch (field->spec->kind)
    {
    case KIND_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      break;

    case KIND_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), text, -1);
      break;

    case KIND_CATEGORY:
      {
        guint position = 0;

        for (guint i = 1; self->categories != NULL && i <= self->categories->len; i++)
          if (g_strcmp0 (category_id_at (self, i), text) == 0)
            position = i;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), position);
        break;
      }

    case KIND_SCALE:
      {
        guint64 value = 0;

        if (!g_ascii_string_to_unsigned (text, 10, 1, 5, &value, NULL))
          value = 0;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), (guint) value);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  g_free (field->initial);
  field->initial = dup_field_text (self, field);
}

/* Shows the values of @item in the fields, and takes them as unchanged. */
void
_flaw_debt_editor_show_item (FlawDebtEditor *self,
           FlawDebtItem   *item,
           gboolean        decision_only)
{
  self->loading = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *value = NULL;

      if (decision_only && !field->spec->decision && !g_str_equal (field->spec->name, "approver"))
        continue;

      value = flaw_debt_item_dup_field (item, field->spec->name);
      if (value != NULL && g_str_equal (field->spec->name, "links"))
        g_strdelimit (value, " ", '\n');

      set_field_text (self, field, value);
    }

  self->loading = FALSE;
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

void
_flaw_debt_editor_show_error (FlawDebtEditor *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static char **
dup_category_ids (FlawDebtEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; self->categories != NULL && i <= self->categories->len; i++)
    g_strv_builder_add (builder, category_id_at (self, i));

  return g_strv_builder_end (builder);
}

/* Reads every field into a new draft and shows each problem next to its
 * field. The widgets are never changed, so nothing typed is lost.
 *
 * Returns: (transfer full): the draft; @valid tells whether it may be saved
 */
static FlawDebtItem *
validate (FlawDebtEditor *self,
          gboolean       *valid,
          Field         **first_invalid)
{
  g_autoptr(FlawDebtItem) draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) categories = dup_category_ids (self);

  *valid = TRUE;
  *first_invalid = NULL;

  draft = self->item ? flaw_debt_item_copy (self->item)
                     : self->draft ? flaw_debt_item_copy (self->draft) : flaw_debt_item_new ();

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = dup_field_text (self, field);
      g_autoptr(GError) error = NULL;

      show_message (field, NULL);
      if (!flaw_debt_item_set_field (draft, field->spec->name, text, &error))
        {
          show_message (field, error->message);
          *valid = FALSE;
        }
    }

  problems = flaw_debt_item_validate (draft, (const char * const *) categories);
  for (guint i = 0; i < problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);
      Field *field = problem->field ? find_field (self, problem->field) : NULL;

      *valid = FALSE;
      if (field == NULL)
        _flaw_debt_editor_show_error (self, problem->message);
      else if (!gtk_widget_get_visible (GTK_WIDGET (field->message)))
        show_message (field, problem->message);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->fields[i].message)))
        {
          *first_invalid = &self->fields[i];
          break;
        }
    }

  return g_steal_pointer (&draft);
}

static void
update_risk (FlawDebtEditor *self)
{
  guint likelihood = gtk_drop_down_get_selected (GTK_DROP_DOWN (find_field (self, "likelihood")->widget));
  guint impact = gtk_drop_down_get_selected (GTK_DROP_DOWN (find_field (self, "impact")->widget));
  g_autofree char *text = NULL;

  if (likelihood == 0 || impact == 0 || likelihood > 5 || impact > 5)
    {
      gtk_label_set_text (self->risk_label, _("Risk: choose a likelihood and an impact"));
      gtk_widget_set_visible (GTK_WIDGET (self->risk_badge), FALSE);
      return;
    }

  text = g_strdup_printf (_("Risk: %u × %u = %u"), likelihood, impact, likelihood * impact);
  gtk_label_set_text (self->risk_label, text);
  flaw_severity_badge_set (self->risk_badge, flaw_debt_severity_for_risk ((int) (likelihood * impact)));
  gtk_widget_set_visible (GTK_WIDGET (self->risk_badge), TRUE);
}

static void
field_changed_cb (FlawDebtEditor *self)
{
  if (self->loading)
    return;

  update_risk (self);

  if (self->validate_live)
    {
      g_autoptr(FlawDebtItem) draft = NULL;
      Field *first_invalid;
      gboolean valid;

      draft = validate (self, &valid, &first_invalid);
      if (valid)
        _flaw_debt_editor_show_error (self, NULL);
    }
}

static void
add_field (FlawDebtEditor  *self,
           Field           *field,
           const FieldSpec *spec)
{
  GtkBox *parent = spec->decision ? self->decision_fields_box : self->form_box;
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (_(spec->label));
  GtkWidget *message = gtk_label_new (NULL);

  field->spec = spec;
  field->block = block;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (block), label);

  switch (spec->kind)
    {
    case KIND_ENTRY:
      field->widget = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (field->widget), TRUE);
      /* Dates of a decision change only through its action, which checks them. */
      if (spec->decision)
        gtk_editable_set_editable (GTK_EDITABLE (field->widget), FALSE);
      g_signal_connect_object (field->widget, "changed", G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (block), field->widget);
      break;

    case KIND_TEXT:
      {
        GtkWidget *scrolled = gtk_scrolled_window_new ();

        field->widget = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->widget), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->widget), FALSE);
        gtk_widget_add_css_class (field->widget, "flaw-text-field");
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), "changed",
                                 G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                        GTK_POLICY_AUTOMATIC);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
        gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
        gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), field->widget);
        gtk_box_append (GTK_BOX (block), scrolled);
        break;
      }

    case KIND_CATEGORY:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) labels = NULL;

        g_strv_builder_add (builder, _("None"));
        for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
          {
            FlawDebtCategory *category = g_ptr_array_index (self->categories, i);

            g_strv_builder_add (builder, flaw_debt_category_get_label (category->id, category->name));
          }
        labels = g_strv_builder_end (builder);

        field->widget = gtk_drop_down_new_from_strings ((const char * const *) labels);
        gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
        g_signal_connect_object (field->widget, "notify::selected", G_CALLBACK (field_changed_cb), self,
                                 G_CONNECT_SWAPPED);
        gtk_box_append (GTK_BOX (block), field->widget);
        break;
      }

    case KIND_SCALE:
      {
        const char * const *source = g_str_equal (spec->name, "likelihood") ? likelihood_labels : impact_labels;
        const char *labels[7];

        for (guint i = 0; i < 7; i++)
          labels[i] = source[i] ? _(source[i]) : NULL;

        field->widget = gtk_drop_down_new_from_strings (labels);
        gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
        g_signal_connect_object (field->widget, "notify::selected", G_CALLBACK (field_changed_cb), self,
                                 G_CONNECT_SWAPPED);
        gtk_box_append (GTK_BOX (block), field->widget);
        break;
      }

    default:
      g_assert_not_reached ();
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
  gtk_box_append (GTK_BOX (block), message);

  gtk_box_append (parent, block);

  if (g_str_equal (spec->name, "impact"))
    {
      GtkWidget *risk = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      self->risk_label = GTK_LABEL (gtk_label_new (NULL));
      self->risk_badge = GTK_LABEL (gtk_label_new (NULL));
      gtk_box_append (GTK_BOX (risk), GTK_WIDGET (self->risk_label));
      gtk_box_append (GTK_BOX (risk), GTK_WIDGET (self->risk_badge));
      gtk_widget_set_margin_bottom (risk, 6);
      gtk_box_append (parent, risk);
    }
}

/* Saving and closing ------------------------------------------------------ */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FlawDebtEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDebtItem) item = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  item = flaw_debt_save_finish (FLAW_STORE (object), result, &error);
  if (item == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_debt_editor_show_error (self, error->message);
      return;
    }

  g_set_object (&self->item, item);
  flaw_store_notify_changed (flaw_context_get_store (self->context), "debt");
  g_signal_emit (self, signals[SAVED], 0, item);

  self->force_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  flaw_debt_editor_save (FLAW_DEBT_EDITOR (widget));
}

static gboolean
close_after_discard_cb (gpointer user_data)
{
  FlawDebtEditor *self = user_data;

  self->force_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FlawDebtEditor   *self)
{
  /* Close once the dialog, which is transient for us, has gone. */
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_after_discard_cb,
                     g_object_ref (self), g_object_unref);
}

static gboolean
flaw_debt_editor_close_request (GtkWindow *window)
{
  FlawDebtEditor *self = FLAW_DEBT_EDITOR (window);
  GtkWidget *dialog;

  if (self->force_close || !flaw_debt_editor_get_modified (self))
    {
      g_cancellable_cancel (self->cancellable);
      return GTK_WINDOW_CLASS (flaw_debt_editor_parent_class)->close_request (window);
    }

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("What you typed in this item has not been saved. "
                                     "If you discard it, it is lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject ----------------------------------------------------------------- */

static void
flaw_debt_editor_dispose (GObject *object)
{
  FlawDebtEditor *self = (FlawDebtEditor *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_DEBT_EDITOR);

  g_clear_object (&self->context);
  g_clear_object (&self->item);
  g_clear_object (&self->draft);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i].initial, g_free);

  G_OBJECT_CLASS (flaw_debt_editor_parent_class)->dispose (object);
}

static void
flaw_debt_editor_class_init (FlawDebtEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = flaw_debt_editor_dispose;
  window_class->close_request = flaw_debt_editor_close_request;

  /**
   * FlawDebtEditor::saved:
   * @item: the item as now stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FLAW_TYPE_DEBT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-debt-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, review_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, review_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, decision_box);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, decision_buttons);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, decision_fields_box);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, history_box);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, links_box);
  gtk_widget_class_bind_template_child (widget_class, FlawDebtEditor, links_list);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
flaw_debt_editor_init (FlawDebtEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * flaw_debt_editor_new:
 * @context: the application's context
 * @item: (nullable): a full stored item to edit, a draft without id to
 *   create (such as a duplicate), or %NULL for a new, empty item
 * @categories: (nullable) (element-type FlawDebtCategory): the categories
 */
FlawDebtEditor *
flaw_debt_editor_new (FlawContext  *context,
                      FlawDebtItem *item,
                      GPtrArray    *categories)
{
  FlawDebtEditor *self;

  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!item || FLAW_IS_DEBT_ITEM (item), NULL);

  self = g_object_new (FLAW_TYPE_DEBT_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->categories = categories ? g_ptr_array_ref (categories) : NULL;

  if (item != NULL && flaw_debt_item_get_id (item) > 0)
    {
      g_return_val_if_fail (flaw_debt_item_get_is_full (item), NULL);
      self->item = g_object_ref (item);
    }
  else if (item != NULL)
    self->draft = g_object_ref (item);

  for (guint i = 0; i < N_FIELDS; i++)
    add_field (self, &self->fields[i], &field_specs[i]);

  if (self->item != NULL || self->draft != NULL)
    _flaw_debt_editor_show_item (self, self->item ? self->item : self->draft, FALSE);
  else
    for (guint i = 0; i < N_FIELDS; i++)
      set_field_text (self, &self->fields[i], NULL);

  /* A duplicate is a new item until it is saved: it has changes. */
  if (self->draft != NULL)
    for (guint i = 0; i < N_FIELDS; i++)
      g_clear_pointer (&self->fields[i].initial, g_free);

  gtk_window_set_title (GTK_WINDOW (self),
                        self->item ? _("Edit Security Debt") : _("New Security Debt"));

  update_risk (self);
  _flaw_debt_editor_update_decision (self);
  _flaw_debt_editor_load_history (self);

  gtk_widget_grab_focus (find_field (self, "title")->widget);

  return self;
}

/**
 * flaw_debt_editor_get_item:
 *
 * Returns: (transfer none) (nullable): the stored item, or %NULL for a new
 *   one that was not saved yet
 */
FlawDebtItem *
flaw_debt_editor_get_item (FlawDebtEditor *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);

  return self->item;
}

/**
 * flaw_debt_editor_get_modified:
 *
 * Returns: whether any field differs from what was loaded
 */
gboolean
flaw_debt_editor_get_modified (FlawDebtEditor *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = dup_field_text (self, &self->fields[i]);

      if (g_strcmp0 (text, self->fields[i].initial) != 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * flaw_debt_editor_save:
 *
 * Validates what was typed and, when every field passes, saves it through
 * the store; the editor closes once it is saved. Problems are shown next
 * to their fields.
 */
void
flaw_debt_editor_save (FlawDebtEditor *self)
{
  g_autoptr(FlawDebtItem) draft = NULL;
  Field *first_invalid = NULL;
  gboolean valid;

  g_return_if_fail (FLAW_IS_DEBT_EDITOR (self));

  if (self->saving)
    return;

  self->validate_live = TRUE;
  _flaw_debt_editor_show_error (self, NULL);

  draft = validate (self, &valid, &first_invalid);
  if (!valid)
    {
      if (first_invalid != NULL)
        gtk_widget_grab_focus (first_invalid->widget);
      return;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);

  flaw_debt_save_async (flaw_context_get_store (self->context), draft, self->cancellable,
                        save_cb, g_object_ref (self));
}

/**
 * flaw_debt_editor_get_field_widget:
 *
 * Returns: (transfer none) (nullable): the entry, text view or drop-down of
 *   @field
 */
GtkWidget *
flaw_debt_editor_get_field_widget (FlawDebtEditor *self,
                                   const char     *field)
{
  Field *found;

  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);

  found = find_field (self, field);

  return found ? found->widget : NULL;
}

/**
 * flaw_debt_editor_get_field_message:
 *
 * Returns: (nullable): the problem shown next to @field, or %NULL
 */
const char *
flaw_debt_editor_get_field_message (FlawDebtEditor *self,
                                    const char     *field)
{
  Field *found;

  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);

  found = find_field (self, field);
  if (found == NULL || !gtk_widget_get_visible (GTK_WIDGET (found->message)))
    return NULL;

  return gtk_label_get_text (found->message);
}

/**
 * flaw_debt_editor_get_error:
 *
 * Returns: (nullable): the message shown above the form, or %NULL
 */
const char *
flaw_debt_editor_get_error (FlawDebtEditor *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_text (self->error_label);
}
