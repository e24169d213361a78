/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-assessment.h"
#include "flaw-assessment-page.h"
#include "flaw-trend-chart-view.h"

G_BEGIN_DECLS

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
};

void _flaw_assessment_page_open_detail      (FlawAssessmentPage *self,
                                             gint64              id,
                                             gint64              compare_id);
void _flaw_assessment_page_compare_selected (FlawAssessmentPage *self);
void _flaw_assessment_page_export_clicked   (FlawAssessmentPage *self);

static inline FlawStore *
_flaw_assessment_page_get_store (FlawAssessmentPage *self)
{
  return flaw_context_get_store (self->context);
}

static inline void
_flaw_assessment_page_remove_all (GtkWidget *container)
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

static inline void
_flaw_assessment_page_show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static inline GtkWidget *
_flaw_assessment_page_new_suffix_label (const char *text,
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

G_END_DECLS
