/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-item"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-assessment-item.h"

/* One checklist item being answered: the question, what good and poor look
 * like, the facts from Flawdesk's data, the rating, a note and evidence
 * links. A change of rating is reported at once; typing is reported when
 * it pauses, so that every answer is saved as it is given. */

#define TYPING_PAUSE_MS 400

struct _FlawAssessmentItem
{
  GtkWidget       parent_instance;

  char           *item_id;
  gboolean        loading;
  guint           typing_id;

  GtkWidget      *box;
  GtkLabel       *question_label;
  GtkLabel       *kind_label;
  GtkLabel       *good_label;
  GtkLabel       *poor_label;
  GtkLabel       *evidence_label;
  GtkToggleButton *rating_0;
  GtkToggleButton *rating_1;
  GtkToggleButton *rating_2;
  GtkToggleButton *rating_3;
  GtkToggleButton *rating_none;
  GtkTextView    *note_view;
  GtkEntry       *links_entry;
  GtkLabel       *status_label;
  GtkButton      *debt_button;
};

G_DEFINE_FINAL_TYPE (FlawAssessmentItem, flaw_assessment_item, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  CREATE_DEBT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkToggleButton *
button_for (FlawAssessmentItem *self,
            FlawRating          rating)
{
  switch (rating)
    {
    case FLAW_RATING_NOT_IN_PLACE:
      return self->rating_0;
    case FLAW_RATING_PARTLY:
      return self->rating_1;
    case FLAW_RATING_LARGELY:
      return self->rating_2;
    case FLAW_RATING_FULLY:
      return self->rating_3;
    case FLAW_RATING_NOT_ASSESSED:
    default:
      return self->rating_none;
    }
}

static void
update_debt_button (FlawAssessmentItem *self)
{
  FlawRating rating = flaw_assessment_item_get_rating (self);

  /* A weak answer can become a debt item in the register. */
  gtk_widget_set_visible (GTK_WIDGET (self->debt_button),
                          rating == FLAW_RATING_NOT_IN_PLACE || rating == FLAW_RATING_PARTLY);
}

static void
emit_changed (FlawAssessmentItem *self)
{
  g_clear_handle_id (&self->typing_id, g_source_remove);
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
typing_paused_cb (gpointer data)
{
  FlawAssessmentItem *self = data;

  self->typing_id = 0;
  emit_changed (self);

  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (FlawAssessmentItem *self)
{
  if (self->loading)
    return;

  g_clear_handle_id (&self->typing_id, g_source_remove);
  self->typing_id = g_timeout_add (TYPING_PAUSE_MS, typing_paused_cb, self);
}

static void
rating_toggled_cb (FlawAssessmentItem *self,
                   GtkToggleButton    *button)
{
  /* Each change toggles two buttons; act on the one that became active. */
  if (!gtk_toggle_button_get_active (button))
    return;

  update_debt_button (self);
  emit_changed (self);
}

static void
debt_clicked_cb (FlawAssessmentItem *self)
{
  flaw_assessment_item_flush (self);
  g_signal_emit (self, signals[CREATE_DEBT], 0);
}

static void
flaw_assessment_item_unmap (GtkWidget *widget)
{
  /* Nothing typed is lost when the view goes away. */
  flaw_assessment_item_flush (FLAW_ASSESSMENT_ITEM (widget));

  GTK_WIDGET_CLASS (flaw_assessment_item_parent_class)->unmap (widget);
}

static void
flaw_assessment_item_dispose (GObject *object)
{
  FlawAssessmentItem *self = FLAW_ASSESSMENT_ITEM (object);

  g_clear_handle_id (&self->typing_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_ASSESSMENT_ITEM);

  G_OBJECT_CLASS (flaw_assessment_item_parent_class)->dispose (object);
}

static void
flaw_assessment_item_finalize (GObject *object)
{
  FlawAssessmentItem *self = FLAW_ASSESSMENT_ITEM (object);

  g_free (self->item_id);

  G_OBJECT_CLASS (flaw_assessment_item_parent_class)->finalize (object);
}

static void
flaw_assessment_item_class_init (FlawAssessmentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_assessment_item_dispose;
  object_class->finalize = flaw_assessment_item_finalize;
  widget_class->unmap = flaw_assessment_item_unmap;

  /**
   * FlawAssessmentItem::changed:
   *
   * The rating, note or links changed and should be saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FlawAssessmentItem::create-debt:
   *
   * The user asked for a debt item for this weak answer.
   */
  signals[CREATE_DEBT] = g_signal_new ("create-debt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-assessment-item.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, box);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, question_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, kind_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, good_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, poor_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, rating_0);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, rating_1);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, rating_2);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, rating_3);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, rating_none);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, note_view);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, links_entry);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, status_label);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentItem, debt_button);
  gtk_widget_class_bind_template_callback (widget_class, rating_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, debt_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
flaw_assessment_item_init (FlawAssessmentItem *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->links_entry, "changed", G_CALLBACK (text_changed_cb), self);
}

GtkWidget *
flaw_assessment_item_new (const FlawChecklistItem *item,
                          const FlawAnswer        *answer,
                          const FlawEvidence      *evidence,
                          gboolean                 frozen)
{
  FlawAssessmentItem *self;
  g_autofree char *good = NULL;
  g_autofree char *poor = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (FLAW_TYPE_ASSESSMENT_ITEM, NULL);
  self->item_id = g_strdup (item->id);
  self->loading = TRUE;

  gtk_widget_set_name (GTK_WIDGET (self), item->id);
  gtk_label_set_text (self->question_label, item->question);
  gtk_label_set_text (self->kind_label, flaw_checklist_kind_label (item->kind));
  good = g_strdup_printf (_("Good: %s"), item->good);
  poor = g_strdup_printf (_("Poor: %s"), item->poor);
  gtk_label_set_text (self->good_label, good);
  gtk_label_set_text (self->poor_label, poor);

  if (evidence != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("From Flawdesk — %s: %s"),
                                               flaw_evidence_key_to_title (evidence->key),
                                               evidence->summary);

      gtk_label_set_text (self->evidence_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->evidence_label), TRUE);
    }

  if (answer != NULL)
    {
      g_autofree char *links = g_strjoinv (" ", answer->links);

      gtk_toggle_button_set_active (button_for (self, answer->rating), TRUE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), answer->note, -1);
      gtk_editable_set_text (GTK_EDITABLE (self->links_entry), links);
    }

  update_debt_button (self);

  if (frozen)
    {
      gtk_text_view_set_editable (self->note_view, FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (self->links_entry), FALSE);
      for (FlawRating r = FLAW_RATING_NOT_ASSESSED; r <= FLAW_RATING_FULLY; r++)
        gtk_widget_set_sensitive (GTK_WIDGET (button_for (self, r)), FALSE);
    }

  self->loading = FALSE;

  return GTK_WIDGET (self);
}

const char *
flaw_assessment_item_get_item_id (FlawAssessmentItem *self)
{
  g_return_val_if_fail (FLAW_IS_ASSESSMENT_ITEM (self), NULL);

  return self->item_id;
}

FlawRating
flaw_assessment_item_get_rating (FlawAssessmentItem *self)
{
  g_return_val_if_fail (FLAW_IS_ASSESSMENT_ITEM (self), FLAW_RATING_NOT_ASSESSED);

  for (FlawRating r = FLAW_RATING_NOT_IN_PLACE; r <= FLAW_RATING_FULLY; r++)
    if (gtk_toggle_button_get_active (button_for (self, r)))
      return r;

  return FLAW_RATING_NOT_ASSESSED;
}

void
flaw_assessment_item_set_rating (FlawAssessmentItem *self,
                                 FlawRating          rating)
{
  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  gtk_toggle_button_set_active (button_for (self, rating), TRUE);
}

char *
flaw_assessment_item_dup_note (FlawAssessmentItem *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (FLAW_IS_ASSESSMENT_ITEM (self), NULL);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
flaw_assessment_item_set_note (FlawAssessmentItem *self,
                               const char         *note)
{
  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

/**
 * flaw_assessment_item_dup_links:
 *
 * Returns: (transfer full): the links typed, split at white space
 */
GStrv
flaw_assessment_item_dup_links (FlawAssessmentItem *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (FLAW_IS_ASSESSMENT_ITEM (self), NULL);

  parts = g_regex_split_simple ("\\s+", gtk_editable_get_text (GTK_EDITABLE (self->links_entry)), 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

void
flaw_assessment_item_set_links (FlawAssessmentItem *self,
                                const char         *links)
{
  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->links_entry), links ? links : "");
}

/**
 * flaw_assessment_item_flush:
 *
 * Reports a pending change at once instead of after the typing pause.
 */
void
flaw_assessment_item_flush (FlawAssessmentItem *self)
{
  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  if (self->typing_id != 0)
    emit_changed (self);
}

/**
 * flaw_assessment_item_set_status:
 * @error_message: (nullable): why the last save failed, or %NULL once it worked
 */
void
flaw_assessment_item_set_status (FlawAssessmentItem *self,
                                 const char         *error_message)
{
  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  gtk_label_set_text (self->status_label, error_message ? error_message : "");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), error_message != NULL);
}

/**
 * flaw_assessment_item_set_debt_created:
 * @debt_id: the debt item made for this answer
 */
void
flaw_assessment_item_set_debt_created (FlawAssessmentItem *self,
                                       gint64              debt_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, debt_id);
  g_autofree char *text = NULL;

  g_return_if_fail (FLAW_IS_ASSESSMENT_ITEM (self));

  /* Translators: %s is the number of a debt item in the register */
  text = g_strdup_printf (_("Debt item %s was added to the register and linked to this answer."), number);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->debt_button), FALSE);
}
