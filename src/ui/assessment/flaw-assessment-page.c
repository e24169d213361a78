/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-assessment-page"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "flaw-assessment-db.h"
#include "flaw-assessment-item.h"
#include "flaw-assessment-page.h"
#include "flaw-assessment-report.h"
#include "flaw-clock.h"
#include "flaw-evidence.h"
#include "flaw-trend-chart-view.h"

/* The Self-Assessment page: an overview (start or resume a run, the trend,
 * the history), a run being answered item by item, and a completed run with
 * its scores beside another run's. All database work goes through the
 * store's thread; each answer is saved as it is given.
 */

struct _FlawAssessmentPage
{
  AdwBin              parent_instance;

  FlawContext        *context;
  GCancellable       *cancellable;
  gint64              unfinished_id;
  gint64              current_id;
  FlawChecklist      *run_checklist;
  GPtrArray          *run_items;
  GArray             *compare_ids;
  GPtrArray          *checklists;
  gboolean            filling_compare;

  GtkStack           *stack;
  AdwPreferencesGroup *resume_group;
  AdwActionRow       *resume_row;
  AdwEntryRow        *team_row;
  AdwEntryRow        *assessor_row;
  AdwEntryRow        *date_row;
  AdwComboRow        *checklist_row;
  GtkStringList      *checklist_model;
  GtkLabel           *start_error;
  GtkButton          *start_button;
  AdwPreferencesGroup *trend_group;
  FlawTrendChartView *trend_view;
  GtkListBox         *history_list;
  GtkLabel           *run_title;
  GtkLabel           *run_subtitle;
  GtkBox             *run_items_box;
  GtkLabel           *run_error;
  GtkButton          *complete_button;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkLabel           *detail_status;
  GtkDropDown        *compare_dropdown;
  GtkStringList      *compare_model;
  GtkListBox         *scores_list;
  GtkListBox         *answers_list;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (FlawAssessmentPage, flaw_assessment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CREATE_DEBT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_overview (FlawAssessmentPage *self);
static void open_run      (FlawAssessmentPage *self,
                           gint64              id);
static void open_detail   (FlawAssessmentPage *self,
                           gint64              id,
                           gint64              compare_id);

static FlawStore *
get_store (FlawAssessmentPage *self)
{
  return flaw_context_get_store (self->context);
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static GtkWidget *
new_suffix_label (const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* Scores never break; longer words may. */
  gtk_label_set_wrap (GTK_LABEL (label), g_strcmp0 (css_class, "numeric") != 0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

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
        show_error (self->start_error, error);
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

  remove_all (GTK_WIDGET (self->history_list));
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_suffix_label (score, "numeric"));
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
  flaw_store_run_async (get_store (self), overview_job, NULL, NULL, (GDestroyNotify) overview_free,
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
  show_error (self->start_error, error);
  if (assessment == NULL)
    return;

  flaw_store_notify_changed (get_store (self), "assessment");
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
  flaw_store_run_async (get_store (self), start_job, request, (GDestroyNotify) start_request_free,
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

  show_error (self->start_error, error);
  if (checklist == NULL)
    return;

  flaw_store_notify_changed (get_store (self), "checklist");
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
      show_error (self->start_error, error);
      return;
    }

  /* Validation runs with the import, on the store's thread. */
  flaw_store_run_async (get_store (self), import_job, request, (GDestroyNotify) import_request_free,
                        (GDestroyNotify) flaw_checklist_unref, self->cancellable,
                        import_ready_cb, g_object_ref (self));
}

static void
import_response_cb (FlawAssessmentPage   *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    return;

  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
}

static void
import_clicked_cb (FlawAssessmentPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Checklist"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Checklist (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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
    open_detail (self, id, -1);
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
    flaw_store_notify_changed (get_store (self), "answer");
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
  flaw_store_run_async (get_store (self), answer_job, request, (GDestroyNotify) answer_request_free,
                        NULL, NULL, answer_ready_cb, g_object_ref (item));
}

static void
item_create_debt_cb (FlawAssessmentPage *self,
                     FlawAssessmentItem *item)
{
  g_signal_emit (self, signals[CREATE_DEBT], 0, self->current_id, flaw_assessment_item_get_item_id (item));
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
        show_error (self->start_error, error);
      return;
    }

  if (run->assessment->state == FLAW_ASSESSMENT_COMPLETED)
    {
      open_detail (self, run->assessment->id, -1);
      return;
    }

  self->current_id = run->assessment->id;
  g_clear_pointer (&self->run_checklist, flaw_checklist_unref);
  self->run_checklist = flaw_checklist_ref (run->checklist);
  g_ptr_array_set_size (self->run_items, 0);
  remove_all (GTK_WIDGET (self->run_items_box));
  show_error (self->run_error, NULL);

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
          if (g_signal_has_handler_pending (self, signals[CREATE_DEBT], 0, TRUE))
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

  flaw_store_run_async (get_store (self), run_job, data, g_free, (GDestroyNotify) run_free,
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
      show_error (self->run_error, error);
      return;
    }

  flaw_store_notify_changed (get_store (self), "assessment");
  open_detail (self, self->current_id, -1);
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
  flaw_store_run_async (get_store (self), complete_job, data, g_free, NULL,
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
                                 new_suffix_label (flaw_change_to_label (change->change),
                                                   change_css_class (change->change)));
    }

  {
    GtkWidget *score_label = new_suffix_label (now, "numeric");

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
        show_error (self->start_error, error);
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

  remove_all (GTK_WIDGET (self->scores_list));
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

  remove_all (GTK_WIDGET (self->answers_list));
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
                                           new_suffix_label (flaw_change_to_label (change->change),
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

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->str);
          gtk_list_box_append (self->answers_list, row);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "detail");
}

static void
open_detail (FlawAssessmentPage *self,
             gint64              id,
             gint64              compare_id)
{
  Detail *detail = g_new0 (Detail, 1);

  detail->id = id;
  detail->compare_id = compare_id;
  flaw_store_run_async (get_store (self), detail_job, detail, (GDestroyNotify) detail_free,
                        (GDestroyNotify) detail_free, self->cancellable, detail_ready_cb, g_object_ref (self));
}

static void
compare_selected_cb (FlawAssessmentPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->filling_compare || selected >= self->compare_ids->len)
    return;

  open_detail (self, self->current_id, g_array_index (self->compare_ids, gint64, selected));
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
chooser_response_cb (FlawAssessmentPage   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  ExportRequest *request;
  g_autofree char *path = NULL;
  const char *dot;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL ||
      (path = g_file_get_path (file)) == NULL)
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
  flaw_store_run_async (get_store (self), export_job, request, (GDestroyNotify) export_request_free,
                        NULL, self->cancellable, export_ready_cb, g_object_ref (self));
}

static void
export_clicked_cb (FlawAssessmentPage *self)
{
  static const struct { const char *name; const char *pattern; } filters[] = {
    { N_("PDF document"), "*.pdf" },
    { N_("Web page (HTML)"), "*.html" },
    { N_("Markdown text"), "*.md" },
  };
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Report"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }

  /* No folder or name is preset: with GTK 4.8's fallback dialog (no portal)
   * a preset name makes the chooser answer that name in the preset folder,
   * whatever folder the user then picks. */
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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
  if (flaw_store_is_open (get_store (self)))
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

  g_signal_connect_object (get_store (self), "changed::assessment", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "changed::debt", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The window may come up before the database is open. */
  g_signal_connect_object (get_store (self), "notify::is-open", G_CALLBACK (store_opened_cb), self,
                           G_CONNECT_SWAPPED);
  if (flaw_store_is_open (get_store (self)))
    load_overview (self);
}

static void
flaw_assessment_page_dispose (GObject *object)
{
  FlawAssessmentPage *self = (FlawAssessmentPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
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

  /**
   * FlawAssessmentPage::create-debt:
   * @assessment_id: the assessment
   * @item_id: the item whose answer is weak
   *
   * Asks for a debt item for a weak answer. Whoever owns the register makes
   * it from flaw_assessment_db_draft_debt() and links it with
   * flaw_assessment_db_link_debt(). The button shows only while a handler
   * is connected when a run is opened.
   */
  signals[CREATE_DEBT] = g_signal_new ("create-debt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

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
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
flaw_assessment_page_init (FlawAssessmentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->run_items = g_ptr_array_new ();
  self->compare_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (compare_selected_cb), self);
}

GtkWidget *
flaw_assessment_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_ASSESSMENT_PAGE,
                       "context", context,
                       NULL);
}
