/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-page"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "flaw-assessment-db.h"
#include "flaw-assessment-item.h"
#include "flaw-assessment-page-private.h"
#include "flaw-file-chooser.h"
#include "flaw-clock.h"
#include "flaw-evidence.h"
#include "flaw-trend-chart-view.h"

/* The Self-Assessment page: an overview (start or resume a run, the trend,
 * the history), a run being answered item by item, and a completed run with
 * its scores beside another run's. All database work goes through the
 * store's thread; each answer is saved as it is given.
 */

G_DEFINE_FINAL_TYPE (FlawAssessmentPage, flaw_assessment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_overview (FlawAssessmentPage *self);
static void open_run      (FlawAssessmentPage *self,
                           gint64              id);

/* Overview */

typedef struct
{
  GPtrArray      *assessments;
  GPtrArray      *checklists;
  GArray         *overall;
  FlawAssessment *unfinished;
  FlawTrend      *trend;
  char           *trend_team;
} Overview;

static void
overview_free (Overview *overview)
{
  g_clear_pointer (&overview->assessments, g_ptr_array_unref);
  g_clear_pointer (&overview->checklists, g_ptr_array_unref);
  g_clear_pointer (&overview->overall, g_array_unref);
  g_clear_pointer (&overview->unfinished, flaw_assessment_free);
  g_clear_pointer (&overview->trend, flaw_trend_free);
  g_free (overview->trend_team);
  g_free (overview);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Overview, overview_free)

static gpointer
overview_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(Overview) overview = g_new0 (Overview, 1);

  if (!(overview->assessments = flaw_assessment_db_list (database, NULL, error)))
    return NULL;

  if (!flaw_assessment_db_find_unfinished (database, NULL, &overview->unfinished, error))
    return NULL;

  if (!(overview->checklists = flaw_assessment_db_list_checklists (database, error)))
    return NULL;

  overview->overall = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < overview->assessments->len; i++)
    {
      const FlawAssessment *a = g_ptr_array_index (overview->assessments, i);
      g_autoptr(FlawChecklist) checklist = NULL;
      g_autoptr(GPtrArray) answers = NULL;
      g_autoptr(FlawScorecard) card = NULL;
      double percent;

      checklist = flaw_assessment_db_load_checklist (database, a->checklist_id, a->checklist_version, error);
      if (checklist == NULL || !(answers = flaw_assessment_db_list_answers (database, a->id, error)))
        return NULL;

      card = flaw_scorecard_new (checklist, answers);
      percent = flaw_score_get_percent (&card->overall);
      g_array_append_val (overview->overall, percent);

      /* The trend follows the team of the latest completed run. */
      if (overview->trend == NULL && a->state == FLAW_ASSESSMENT_COMPLETED)
        {
          overview->trend = flaw_assessment_db_load_trend (database, a->team, checklist, NULL, error);
          if (overview->trend == NULL)
            return NULL;
          overview->trend_team = g_strdup (a->team);
        }
    }

  return g_steal_pointer (&overview);
}

/* Keeps the choice of checklist across reloads. */
static void
fill_checklists (FlawAssessmentPage *self,
                 GPtrArray          *checklists)
{
  g_autofree char *selected_id = NULL;
  gint64 selected_version = 0;
  guint selected = 0;
  guint old = adw_combo_row_get_selected (self->checklist_row);

  if (self->checklists != NULL && old < self->checklists->len)
    {
      FlawChecklist *current = g_ptr_array_index (self->checklists, old);

      selected_id = g_strdup (current->id);
      selected_version = current->version;
    }

  g_clear_pointer (&self->checklists, g_ptr_array_unref);
  self->checklists = g_ptr_array_ref (checklists);

  gtk_string_list_splice (self->checklist_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->checklist_model)), NULL);
  for (guint i = 0; i < checklists->len; i++)
    {
      FlawChecklist *checklist = g_ptr_array_index (checklists, i);
      g_autofree char *label = g_strdup_printf (_("%s (version %" PRId64 ")"),
                                                checklist->title, checklist->version);

      gtk_string_list_append (self->checklist_model, label);
      if (g_strcmp0 (checklist->id, selected_id) == 0 && checklist->version == selected_version)
        selected = i;
    }

  adw_combo_row_set_selected (self->checklist_row, selected);
}

static void
overview_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Overview) overview = NULL;

  overview = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (overview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_assessment_page_show_error (self->start_error, error);
      return;
    }

  fill_checklists (self, overview->checklists);

  self->unfinished_id = overview->unfinished ? overview->unfinished->id : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->resume_group), overview->unfinished != NULL);
  if (overview->unfinished != NULL)
    {
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (_("Started %s by %s · %u answered"), overview->unfinished->date,
                                  overview->unfinished->assessor, overview->unfinished->n_answered);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row), overview->unfinished->team);
      adw_action_row_set_subtitle (self->resume_row, subtitle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->trend_group), overview->trend != NULL);
  if (overview->trend != NULL)
    {
      adw_preferences_group_set_description (self->trend_group, overview->trend_team);
      flaw_trend_chart_view_set_trend (self->trend_view, g_steal_pointer (&overview->trend));
    }

  _flaw_assessment_page_remove_all (GTK_WIDGET (self->history_list));
  for (guint i = 0; i < overview->assessments->len; i++)
    {
      const FlawAssessment *a = g_ptr_array_index (overview->assessments, i);
      double percent = g_array_index (overview->overall, double, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", a->date, a->team);
      g_autofree char *score = isnan (percent) ? g_strdup (_("No score")) : g_strdup_printf (_("%.0f %%"), percent);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (a->state == FLAW_ASSESSMENT_COMPLETED)
        subtitle = g_strdup_printf (_("Completed · %s"), a->assessor);
      else
        subtitle = g_strdup_printf (_("In progress · %s · %u answered"), a->assessor, a->n_answered);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), _flaw_assessment_page_new_suffix_label (score, "numeric"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "assessment-id", g_memdup2 (&a->id, sizeof a->id), g_free);
      g_object_set_data (G_OBJECT (row), "completed", GINT_TO_POINTER (a->state == FLAW_ASSESSMENT_COMPLETED));
      gtk_list_box_append (self->history_list, row);
    }
}

static void
load_overview (FlawAssessmentPage *self)
{
  flaw_store_run_async (_flaw_assessment_page_get_store (self), overview_job, NULL, NULL, (GDestroyNotify) overview_free,
                        self->cancellable, overview_ready_cb, g_object_ref (self));
}

typedef struct
{
  char   *team;
  char   *assessor;
  char   *date;
  char   *checklist_id;
  gint64  checklist_version;
} StartRequest;

static void
start_request_free (StartRequest *request)
{
  g_free (request->team);
  g_free (request->assessor);
  g_free (request->date);
  g_free (request->checklist_id);
  g_free (request);
}

static gpointer
start_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  StartRequest *request = data;

  return flaw_assessment_db_start (database, request->team, request->assessor, request->date,
                                   request->checklist_id, request->checklist_version, error);
}

static void
start_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawAssessment) assessment = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), TRUE);

  assessment = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  _flaw_assessment_page_show_error (self->start_error, error);
  if (assessment == NULL)
    return;

  flaw_store_notify_changed (_flaw_assessment_page_get_store (self), "assessment");
  gtk_editable_set_text (GTK_EDITABLE (self->team_row), "");
  open_run (self, assessment->id);
}

static void
start_clicked_cb (FlawAssessmentPage *self)
{
  StartRequest *request = g_new0 (StartRequest, 1);

  request->team = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->team_row)));
  request->assessor = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->assessor_row)));
  request->date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  if (self->checklists != NULL && adw_combo_row_get_selected (self->checklist_row) < self->checklists->len)
    {
      FlawChecklist *checklist = g_ptr_array_index (self->checklists, adw_combo_row_get_selected (self->checklist_row));

      request->checklist_id = g_strdup (checklist->id);
      request->checklist_version = checklist->version;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
  flaw_store_run_async (_flaw_assessment_page_get_store (self), start_job, request, (GDestroyNotify) start_request_free,
                        (GDestroyNotify) flaw_assessment_free, self->cancellable,
                        start_ready_cb, g_object_ref (self));
}

typedef struct
{
  char  *json;
  gsize  length;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_free (request->json);
  g_free (request);
}

static gpointer
import_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportRequest *request = data;

  return flaw_assessment_db_import_checklist (database, request->json, request->length, error);
}

static void
import_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawChecklist) checklist = flaw_store_run_finish (FLAW_STORE (object), result, &error);

  _flaw_assessment_page_show_error (self->start_error, error);
  if (checklist == NULL)
    return;

  flaw_store_notify_changed (_flaw_assessment_page_get_store (self), "checklist");
  load_overview (self);
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportRequest *request = g_new0 (ImportRequest, 1);

  if (!g_file_load_contents_finish (G_FILE (object), result, &request->json, &request->length, NULL, &error))
    {
      import_request_free (request);
      _flaw_assessment_page_show_error (self->start_error, error);
      return;
    }

  /* Validation runs with the import, on the store's thread. */
  flaw_store_run_async (_flaw_assessment_page_get_store (self), import_job, request, (GDestroyNotify) import_request_free,
                        (GDestroyNotify) flaw_checklist_unref, self->cancellable,
                        import_ready_cb, g_object_ref (self));
}

static void
import_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GFile) file = flaw_file_chooser_open_finish (result, NULL);

  if (file == NULL)
    return;

  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
}

static void
import_clicked_cb (FlawAssessmentPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("Checklist (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  g_list_store_append (filters, filter);

  flaw_file_chooser_open_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _("Import Checklist"), G_LIST_MODEL (filters), self->cancellable,
                                import_chosen_cb, g_object_ref (self));
}

static void
resume_clicked_cb (FlawAssessmentPage *self)
{
  if (self->unfinished_id > 0)
    open_run (self, self->unfinished_id);
}

static void
history_activated_cb (FlawAssessmentPage *self,
                      GtkListBoxRow      *row)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "assessment-id");

  if (g_object_get_data (G_OBJECT (row), "completed"))
    _flaw_assessment_page_open_detail (self, id, -1);
  else
    open_run (self, id);
}

static void
back_clicked_cb (FlawAssessmentPage *self)
{
  for (guint i = 0; self->run_items && i < self->run_items->len; i++)
    flaw_assessment_item_flush (g_ptr_array_index (self->run_items, i));

  gtk_stack_set_visible_child_name (self->stack, "overview");
  load_overview (self);
}

/* Answering a run */

typedef struct
{
  FlawAssessment *assessment;
  FlawChecklist  *checklist;
  GPtrArray      *answers;
  GPtrArray      *evidence;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->assessment, flaw_assessment_free);
  g_clear_pointer (&run->checklist, flaw_checklist_unref);
  g_clear_pointer (&run->answers, g_ptr_array_unref);
  g_clear_pointer (&run->evidence, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static gpointer
run_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  gint64 *id = data;
  g_autoptr(Run) run = g_new0 (Run, 1);

  if (!(run->assessment = flaw_assessment_db_get (database, *id, error)))
    return NULL;

  run->checklist = flaw_assessment_db_load_checklist (database, run->assessment->checklist_id,
                                                      run->assessment->checklist_version, error);
  if (run->checklist == NULL ||
      !(run->answers = flaw_assessment_db_list_answers (database, *id, error)) ||
      !(run->evidence = flaw_evidence_query_all (database, error)))
    return NULL;

  return g_steal_pointer (&run);
}

static void
update_run_subtitle (FlawAssessmentPage *self,
                     const char         *assessor)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_answer_free);
  g_autoptr(FlawScorecard) card = NULL;
  g_autofree char *score = NULL;
  g_autofree char *subtitle = NULL;
  guint rated = 0;

  for (guint i = 0; i < self->run_items->len; i++)
    {
      FlawAssessmentItem *item = g_ptr_array_index (self->run_items, i);
      FlawAnswer *answer = flaw_answer_new ();

      answer->item_id = g_strdup (flaw_assessment_item_get_item_id (item));
      answer->rating = flaw_assessment_item_get_rating (item);
      rated += answer->rating != FLAW_RATING_NOT_ASSESSED;
      g_ptr_array_add (answers, answer);
    }

  card = flaw_scorecard_new (self->run_checklist, answers);
  score = flaw_score_format (&card->overall);

  if (assessor != NULL)
    g_object_set_data_full (G_OBJECT (self->run_subtitle), "assessor", g_strdup (assessor), g_free);

  subtitle = g_strdup_printf (_("%s · %u of %u rated · overall %s · every answer is saved as you give it"),
                              (const char *) g_object_get_data (G_OBJECT (self->run_subtitle), "assessor"),
                              rated, self->run_items->len, score);
  gtk_label_set_text (self->run_subtitle, subtitle);
}

typedef struct
{
  gint64      id;
  char       *item_id;
  FlawRating  rating;
  char       *note;
  GStrv       links;
} AnswerRequest;

static void
answer_request_free (AnswerRequest *request)
{
  g_free (request->item_id);
  g_free (request->note);
  g_strfreev (request->links);
  g_free (request);
}

static gpointer
answer_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AnswerRequest *request = data;

  if (!flaw_assessment_db_answer (database, request->id, request->item_id, request->rating,
                                  request->note, (const char * const *) request->links, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
answer_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawAssessmentItem) item = user_data;
  g_autoptr(GError) error = NULL;
  FlawAssessmentPage *self;

  flaw_store_run_finish (FLAW_STORE (object), result, &error);
  flaw_assessment_item_set_status (item, error ? error->message : NULL);

  self = FLAW_ASSESSMENT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (item), FLAW_TYPE_ASSESSMENT_PAGE));
  if (self != NULL && error == NULL)
    flaw_store_notify_changed (_flaw_assessment_page_get_store (self), "answer");
}

static void
item_changed_cb (FlawAssessmentPage *self,
                 FlawAssessmentItem *item)
{
  AnswerRequest *request = g_new0 (AnswerRequest, 1);

  request->id = self->current_id;
  request->item_id = g_strdup (flaw_assessment_item_get_item_id (item));
  request->rating = flaw_assessment_item_get_rating (item);
  request->note = flaw_assessment_item_dup_note (item);
  request->links = flaw_assessment_item_dup_links (item);

  update_run_subtitle (self, NULL);

  /* Not cancellable: an answer given is always written. */
  flaw_store_run_async (_flaw_assessment_page_get_store (self), answer_job, request, (GDestroyNotify) answer_request_free,
                        NULL, NULL, answer_ready_cb, g_object_ref (item));
}

typedef struct
{
  gint64  id;
  char   *item_id;
} DebtRequest;

static void
debt_request_free (DebtRequest *request)
{
  g_free (request->item_id);
  g_free (request);
}

static gpointer
create_debt_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  DebtRequest *request = data;
  gint64 debt_id = flaw_assessment_db_create_debt (database, request->id, request->item_id, error);

  if (debt_id == 0)
    return NULL;

  return g_memdup2 (&debt_id, sizeof debt_id);
}

static void
create_debt_ready_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FlawAssessmentItem) item = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *debt_id = flaw_store_run_finish (FLAW_STORE (object), result, &error);

  if (debt_id == NULL)
    {
      flaw_assessment_item_set_status (item, error->message);
      return;
    }

  flaw_assessment_item_set_debt_created (item, *debt_id);
  flaw_store_notify_changed (FLAW_STORE (object), "debt");
}

/* The answer is saved first (jobs run in order), then the register gets
 * its item and the link. */
static void
item_create_debt_cb (FlawAssessmentPage *self,
                     FlawAssessmentItem *item)
{
  DebtRequest *request = g_new0 (DebtRequest, 1);

  request->id = self->current_id;
  request->item_id = g_strdup (flaw_assessment_item_get_item_id (item));
  flaw_store_run_async (_flaw_assessment_page_get_store (self), create_debt_job, request,
                        (GDestroyNotify) debt_request_free, g_free, NULL,
                        create_debt_ready_cb, g_object_ref (item));
}

static void
run_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;

  run = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (run == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_assessment_page_show_error (self->start_error, error);
      return;
    }

  if (run->assessment->state == FLAW_ASSESSMENT_COMPLETED)
    {
      _flaw_assessment_page_open_detail (self, run->assessment->id, -1);
      return;
    }

  self->current_id = run->assessment->id;
  g_clear_pointer (&self->run_checklist, flaw_checklist_unref);
  self->run_checklist = flaw_checklist_ref (run->checklist);
  g_ptr_array_set_size (self->run_items, 0);
  _flaw_assessment_page_remove_all (GTK_WIDGET (self->run_items_box));
  _flaw_assessment_page_show_error (self->run_error, NULL);

  {
    g_autofree char *title = g_strdup_printf ("%s · %s", run->assessment->team, run->assessment->date);

    gtk_label_set_text (self->run_title, title);
  }

  for (guint s = 0; s < run->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (run->checklist->sections, s);
      GtkWidget *heading = gtk_label_new (section->title);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_widget_set_margin_top (heading, 12);
      gtk_box_append (self->run_items_box, heading);

      if (section->summary != NULL)
        {
          GtkWidget *summary = gtk_label_new (section->summary);

          gtk_label_set_xalign (GTK_LABEL (summary), 0);
          gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
          gtk_widget_add_css_class (summary, "dim-label");
          gtk_box_append (self->run_items_box, summary);
        }

      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          GtkWidget *widget;

          widget = flaw_assessment_item_new (item, flaw_answers_find (run->answers, item->id),
                                             flaw_evidence_find (run->evidence, item->evidence), FALSE);
          g_signal_connect_object (widget, "changed", G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (widget, "create-debt", G_CALLBACK (item_create_debt_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_box_append (self->run_items_box, widget);
          g_ptr_array_add (self->run_items, widget);
        }
    }

  update_run_subtitle (self, run->assessment->assessor);
  gtk_stack_set_visible_child_name (self->stack, "run");
}

static void
open_run (FlawAssessmentPage *self,
          gint64              id)
{
  gint64 *data = g_memdup2 (&id, sizeof id);

  flaw_store_run_async (_flaw_assessment_page_get_store (self), run_job, data, g_free, (GDestroyNotify) run_free,
                        self->cancellable, run_ready_cb, g_object_ref (self));
}

static gpointer
complete_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 *id = data;

  if (!flaw_assessment_db_complete (database, *id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
complete_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->complete_button), TRUE);

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    {
      _flaw_assessment_page_show_error (self->run_error, error);
      return;
    }

  flaw_store_notify_changed (_flaw_assessment_page_get_store (self), "assessment");
  _flaw_assessment_page_open_detail (self, self->current_id, -1);
}

static void
complete_response_cb (FlawAssessmentPage *self,
                      const char         *response)
{
  gint64 *data;

  if (g_strcmp0 (response, "complete") != 0)
    return;

  for (guint i = 0; i < self->run_items->len; i++)
    flaw_assessment_item_flush (g_ptr_array_index (self->run_items, i));

  /* The store runs jobs in order, so every answer above is written first. */
  data = g_memdup2 (&self->current_id, sizeof self->current_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->complete_button), FALSE);
  flaw_store_run_async (_flaw_assessment_page_get_store (self), complete_job, data, g_free, NULL,
                        self->cancellable, complete_ready_cb, g_object_ref (self));
}

static void
complete_clicked_cb (FlawAssessmentPage *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Complete the Assessment?"),
                                   _("A completed assessment is kept as it is and can no longer be "
                                     "changed. Items not rated stay “not assessed” and count in no score."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "complete", _("C_omplete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "complete",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (complete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
store_changed_cb (FlawAssessmentPage *self,
                  const char         *entity)
{
  /* Another view (or the register) changed data shown on the overview. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "overview") == 0)
    load_overview (self);
}

static void
store_opened_cb (FlawAssessmentPage *self)
{
  if (flaw_store_is_open (_flaw_assessment_page_get_store (self)))
    load_overview (self);
}

static void
flaw_assessment_page_constructed (GObject *object)
{
  FlawAssessmentPage *self = FLAW_ASSESSMENT_PAGE (object);
  g_autoptr(GDateTime) today = flaw_clock_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *actor = NULL;

  G_OBJECT_CLASS (flaw_assessment_page_parent_class)->constructed (object);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  actor = flaw_context_dup_actor (self->context);
  if (actor != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->assessor_row), actor);

  g_signal_connect_object (_flaw_assessment_page_get_store (self), "changed::assessment", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (_flaw_assessment_page_get_store (self), "changed::debt", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The window may come up before the database is open. */
  g_signal_connect_object (_flaw_assessment_page_get_store (self), "notify::is-open", G_CALLBACK (store_opened_cb), self,
                           G_CONNECT_SWAPPED);
  if (flaw_store_is_open (_flaw_assessment_page_get_store (self)))
    load_overview (self);
}

static void
flaw_assessment_page_dispose (GObject *object)
{
  FlawAssessmentPage *self = (FlawAssessmentPage *)object;

  g_cancellable_cancel (self->cancellable);
  /* The stack is both AdwBin's child and a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_ASSESSMENT_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run_checklist, flaw_checklist_unref);
  g_clear_pointer (&self->run_items, g_ptr_array_unref);
  g_clear_pointer (&self->compare_ids, g_array_unref);
  g_clear_pointer (&self->checklists, g_ptr_array_unref);

  G_OBJECT_CLASS (flaw_assessment_page_parent_class)->dispose (object);
}

static void
flaw_assessment_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FlawAssessmentPage *self = FLAW_ASSESSMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_assessment_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FlawAssessmentPage *self = FLAW_ASSESSMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_assessment_page_class_init (FlawAssessmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_assessment_page_constructed;
  object_class->dispose = flaw_assessment_page_dispose;
  object_class->get_property = flaw_assessment_page_get_property;
  object_class->set_property = flaw_assessment_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);


  g_type_ensure (FLAW_TYPE_TREND_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-assessment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, resume_group);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, resume_row);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, team_row);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, assessor_row);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, checklist_row);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, checklist_model);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, start_error);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, trend_group);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, run_subtitle);
  gtk_widget_class_bind_template_child_full (widget_class, "run_items", FALSE,
                                             G_STRUCT_OFFSET (FlawAssessmentPage, run_items_box));
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, run_error);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, complete_button);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, detail_status);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, compare_model);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, scores_list);
  gtk_widget_class_bind_template_child (widget_class, FlawAssessmentPage, answers_list);
  /* Looked up by name only (tests reach them with gtk_widget_get_template_child()). */
  gtk_widget_class_bind_template_child_full (widget_class, "resume_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "run_back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "detail_back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "import_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "export_clicked_cb",
                                                G_CALLBACK (_flaw_assessment_page_export_clicked));
}

static void
flaw_assessment_page_init (FlawAssessmentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->run_items = g_ptr_array_new ();
  self->compare_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (_flaw_assessment_page_compare_selected), self);
}

GtkWidget *
flaw_assessment_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_ASSESSMENT_PAGE,
                       "context", context,
                       NULL);
}
