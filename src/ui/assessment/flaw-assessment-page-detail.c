/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-page"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "flaw-assessment-db.h"
#include "flaw-assessment-page-private.h"
#include "flaw-file-chooser.h"
#include "flaw-assessment-report.h"
#include "flaw-evidence.h"

/* The page's view of a completed run: its scores and answers beside those
 * of another run of the same team, and the export of its report. */

static const char *
change_css_class (FlawChange change)
{
  switch (change)
    {
    case FLAW_CHANGE_IMPROVED:
      return "success";
    case FLAW_CHANGE_WORSE:
      return "error";
    case FLAW_CHANGE_NEWLY_ASSESSED:
      return "accent";
    default:
      return "dim-label";
    }
}

/* A completed run beside another */

typedef struct
{
  gint64                id;
  gint64                compare_id;
  FlawAssessmentReport *report;
  GPtrArray            *others;
  FlawAssessment       *other;
  FlawScorecard        *other_card;
  FlawComparison       *comparison;
} Detail;

static void
detail_free (Detail *detail)
{
  g_clear_pointer (&detail->report, flaw_assessment_report_free);
  g_clear_pointer (&detail->others, g_ptr_array_unref);
  g_clear_pointer (&detail->other, flaw_assessment_free);
  g_clear_pointer (&detail->other_card, flaw_scorecard_free);
  g_clear_pointer (&detail->comparison, flaw_comparison_free);
  g_free (detail);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Detail, detail_free)

static gpointer
detail_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  const Detail *request = data;
  g_autoptr(Detail) detail = g_new0 (Detail, 1);
  g_autoptr(GPtrArray) all = NULL;
  gint64 compare_id = request->compare_id;

  detail->id = request->id;

  if (!(detail->report = flaw_assessment_report_load (database, detail->id, error)))
    return NULL;

  if (!(all = flaw_assessment_db_list (database, detail->report->assessment->team, error)))
    return NULL;

  detail->others = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_assessment_free);
  for (guint i = 0; i < all->len; i++)
    {
      FlawAssessment *a = g_ptr_array_index (all, i);

      if (a->id != detail->id && a->state == FLAW_ASSESSMENT_COMPLETED &&
          g_str_equal (a->checklist_id, detail->report->assessment->checklist_id))
        g_ptr_array_add (detail->others, g_ptr_array_steal_index (all, i--));
    }

  /* -1 asks for the previous run, 0 for none. */
  if (compare_id < 0)
    compare_id = detail->report->previous ? detail->report->previous->id : 0;
  detail->compare_id = compare_id;

  if (compare_id > 0)
    {
      g_autoptr(GPtrArray) answers = NULL;

      if (!(detail->other = flaw_assessment_db_get (database, compare_id, error)) ||
          !(answers = flaw_assessment_db_list_answers (database, compare_id, error)))
        return NULL;

      detail->other_card = flaw_scorecard_new (detail->report->checklist, answers);
      detail->comparison = flaw_comparison_new (detail->report->checklist, answers, detail->report->answers);
    }

  return g_steal_pointer (&detail);
}

static void
add_score_row (FlawAssessmentPage      *self,
               Detail                  *detail,
               const char              *title,
               const FlawScore         *score,
               const FlawScore         *other,
               const FlawSectionChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *now = flaw_score_format (score);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (other != NULL)
    {
      g_autofree char *before = flaw_score_format (other);

      /* Translators: the two runs side by side, "2025-06-01: 33 % → 2025-12-01: 50 %" */
      subtitle = g_strdup_printf (_("%s: %s → %s: %s"), detail->other->date, before,
                                  detail->report->assessment->date, now);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _flaw_assessment_page_new_suffix_label (flaw_change_to_label (change->change),
                                                   change_css_class (change->change)));
    }

  {
    GtkWidget *score_label = _flaw_assessment_page_new_suffix_label (now, "numeric");

    gtk_widget_add_css_class (score_label, "title-4");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), score_label);
  }
  gtk_list_box_append (self->scores_list, row);
}

static void
detail_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Detail) detail = NULL;
  FlawAssessmentReport *report;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint selected = 0;

  detail = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (detail == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_assessment_page_show_error (self->start_error, error);
      return;
    }

  report = detail->report;
  self->current_id = detail->id;
  title = g_strdup_printf ("%s · %s", report->assessment->team, report->assessment->date);
  subtitle = g_strdup_printf (_("Completed · assessed by %s · %s"), report->assessment->assessor,
                              report->checklist->title);
  gtk_label_set_text (self->detail_title, title);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_status), FALSE);

  self->filling_compare = TRUE;
  gtk_string_list_splice (self->compare_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->compare_model)), NULL);
  g_array_set_size (self->compare_ids, 0);
  gtk_string_list_append (self->compare_model, _("No other run"));
  g_array_append_val (self->compare_ids, (gint64) { 0 });
  for (guint i = 0; i < detail->others->len; i++)
    {
      const FlawAssessment *a = g_ptr_array_index (detail->others, i);
      g_autofree char *label = g_strdup_printf (_("%s (by %s)"), a->date, a->assessor);

      gtk_string_list_append (self->compare_model, label);
      g_array_append_val (self->compare_ids, a->id);
      if (a->id == detail->compare_id)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->compare_dropdown, selected);
  self->filling_compare = FALSE;

  _flaw_assessment_page_remove_all (GTK_WIDGET (self->scores_list));
  add_score_row (self, detail, _("Overall"), &report->scorecard->overall,
                 detail->other_card ? &detail->other_card->overall : NULL,
                 detail->comparison ? &detail->comparison->overall : NULL);
  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);

      add_score_row (self, detail, section->title, g_ptr_array_index (report->scorecard->sections, s),
                     detail->other_card ? g_ptr_array_index (detail->other_card->sections, s) : NULL,
                     detail->comparison ? flaw_comparison_get_section (detail->comparison, section->id) : NULL);
    }

  _flaw_assessment_page_remove_all (GTK_WIDGET (self->answers_list));
  for (guint s = 0; s < report->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (report->checklist->sections, s);

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          const FlawAnswer *answer = flaw_answers_find (report->answers, item->id);
          const FlawEvidence *fact = flaw_evidence_find (report->evidence, item->evidence);
          FlawRating rating = answer ? answer->rating : FLAW_RATING_NOT_ASSESSED;
          g_autoptr(GString) text = g_string_new (NULL);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->question);
          gtk_widget_set_name (row, item->id);

          if (detail->comparison != NULL)
            {
              const FlawItemChange *change = flaw_comparison_get_item (detail->comparison, item->id);

              g_string_append_printf (text, _("%s: %s → %s: %s"), detail->other->date,
                                      flaw_rating_to_label (change->before), report->assessment->date,
                                      flaw_rating_to_label (rating));
              if (change->change != FLAW_CHANGE_NOT_ASSESSED && change->change != FLAW_CHANGE_UNCHANGED)
                adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                           _flaw_assessment_page_new_suffix_label (flaw_change_to_label (change->change),
                                                             change_css_class (change->change)));
            }
          else
            g_string_append (text, flaw_rating_to_label (rating));

          if (answer != NULL && *answer->note != '\0')
            g_string_append_printf (text, "\n%s", answer->note);
          for (guint k = 0; answer != NULL && answer->links[k] != NULL; k++)
            g_string_append_printf (text, "\n%s", answer->links[k]);
          if (fact != NULL)
            g_string_append_printf (text, "\n%s: %s", flaw_evidence_key_to_title (fact->key), fact->summary);

          /* The debt items this answer led to, as they stand in the register now. */
          for (guint k = 0; k < report->linked_debt->len; k++)
            {
              const FlawLinkedDebt *debt = g_ptr_array_index (report->linked_debt, k);
              g_autofree char *line = NULL;

              if (!g_str_equal (debt->item_id, item->id))
                continue;
              line = flaw_linked_debt_format (debt);
              g_string_append_printf (text, "\n%s", line);
            }

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->str);
          gtk_list_box_append (self->answers_list, row);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "detail");
}

void
_flaw_assessment_page_open_detail (FlawAssessmentPage *self,
             gint64              id,
             gint64              compare_id)
{
  Detail *detail = g_new0 (Detail, 1);

  detail->id = id;
  detail->compare_id = compare_id;
  flaw_store_run_async (_flaw_assessment_page_get_store (self), detail_job, detail, (GDestroyNotify) detail_free,
                        (GDestroyNotify) detail_free, self->cancellable, detail_ready_cb, g_object_ref (self));
}

void
_flaw_assessment_page_compare_selected (FlawAssessmentPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->filling_compare || selected >= self->compare_ids->len)
    return;

  _flaw_assessment_page_open_detail (self, self->current_id, g_array_index (self->compare_ids, gint64, selected));
}

/* Export */

typedef struct
{
  gint64            id;
  FlawReportFormat  format;
  char             *path;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static gpointer
export_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportRequest *request = data;
  g_autoptr(FlawAssessmentReport) report = flaw_assessment_report_load (database, request->id, error);

  if (report == NULL || !flaw_assessment_report_export (report, request->format, request->path, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
export_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Report saved as “%s”."),
                               (const char *) g_object_get_data (G_OBJECT (self->detail_status), "path"));

  gtk_label_set_text (self->detail_status, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_status), "error");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail_status), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_status), TRUE);
}

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GFile) file = flaw_file_chooser_save_finish (result, NULL);
  ExportRequest *request;
  g_autofree char *path = NULL;
  const char *dot;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  request = g_new0 (ExportRequest, 1);
  request->id = self->current_id;

  /* The name's extension chooses the format; PDF when it names none. */
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL || !flaw_report_format_parse (dot + 1, &request->format))
    {
      request->format = FLAW_REPORT_PDF;
      request->path = g_strconcat (path, ".pdf", NULL);
    }
  else
    request->path = g_steal_pointer (&path);

  g_object_set_data_full (G_OBJECT (self->detail_status), "path", g_strdup (request->path), g_free);
  flaw_store_run_async (_flaw_assessment_page_get_store (self), export_job, request, (GDestroyNotify) export_request_free,
                        NULL, self->cancellable, export_ready_cb, g_object_ref (self));
}

void
_flaw_assessment_page_export_clicked (FlawAssessmentPage *self)
{
  /* No name is preset: with GTK 4.8's fallback dialog (no portal) a preset
   * name makes the chooser answer that name in the preset folder, whatever
   * folder the user then picks. The extension typed chooses the format. */
  flaw_file_chooser_save_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _("Export Report"), NULL, NULL, self->cancellable,
                                export_chosen_cb, g_object_ref (self));
}
