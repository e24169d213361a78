/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-cost-chart.h"
#include "flaw-debt-io.h"
#include "flaw-debt-list-model.h"
#include "flaw-debt-editor.h"
#include "flaw-register-page.h"

G_BEGIN_DECLS

struct _FlawRegisterPage
{
  AdwBin               parent_instance;

  FlawContext         *context;

  /* Template */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkButton           *new_button;
  GtkMenuButton       *menu_button;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *severity_dropdown;
  GtkDropDown         *owner_dropdown;
  GtkDropDown         *category_dropdown;
  GtkStringList       *owner_list;
  GtkStringList       *category_list;
  GtkLabel            *count_label;
  GtkFlowBox          *filter_box;
  GtkStack            *stack;
  GtkStack            *list_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_match_page;
  GtkButton           *add_first_button;
  GtkButton           *clear_filters_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *severity_column;
  GtkColumnViewColumn *risk_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *component_column;
  GtkColumnViewColumn *cost_column;
  GtkColumnViewColumn *review_date_column;
  GtkSingleSelection  *selection;
  FlawCostChart       *cost_chart;
  GtkLabel            *open_value;
  GtkLabel            *principal_value;
  GtkLabel            *cost_value;
  GtkLabel            *interest_value;
  GtkLabel            *critical_count;
  GtkLabel            *high_count;
  GtkLabel            *medium_count;
  GtkLabel            *low_count;
  GtkButton           *review_due_button;
  GtkLabel            *compact_summary;
  GtkButton           *compact_review_due_button;

  FlawDebtListModel   *model;
  FlawDebtItem        *probes[2];
  int                  probed_key;
  GCancellable        *cancellable;
  GCancellable        *search_cancellable;

  /* Filters: what the dropdowns and the search entry ask for. */
  guint                status_filter;
  int                  severity_filter;
  char                *owner_filter;
  char                *category_filter;
  GArray              *search_ids;
  char                *applied_search;
  char                *pending_search;

  GPtrArray           *categories;
  char                *today;
  gint64               oldest_created;
  guint                n_review_due;

  FlawDebtEditor      *editor;
  AdwToast            *undo_toast;

  gulong               after_paint_id;
  guint                n_loads;
  guint                n_searches;
  guint                n_exports;
  guint                loaded : 1;
  guint                updating_owners : 1;
  guint                series_pending : 1;
};

void             _flaw_register_page_update_view      (FlawRegisterPage *self);
void             _flaw_register_page_class_init_cells (GtkWidgetClass *widget_class);
void             _flaw_register_page_class_init_actions (GtkWidgetClass *widget_class);
void             _flaw_register_page_init_actions     (FlawRegisterPage *self);

/* For the UI test and the benchmark. */
gboolean         _flaw_register_page_is_loaded        (FlawRegisterPage *self);
guint            _flaw_register_page_get_n_loads      (FlawRegisterPage *self);
guint            _flaw_register_page_get_n_searches   (FlawRegisterPage *self);
guint            _flaw_register_page_get_n_items      (FlawRegisterPage *self);
guint            _flaw_register_page_get_n_shown      (FlawRegisterPage *self);
FlawDebtItem    *_flaw_register_page_get_shown_item   (FlawRegisterPage *self,
                                                       guint             position);
FlawDebtEditor  *_flaw_register_page_get_editor       (FlawRegisterPage *self);
AdwToast        *_flaw_register_page_get_toast        (FlawRegisterPage *self);
void             _flaw_register_page_export_to_file   (FlawRegisterPage *self,
                                                       FlawDebtFormat    format,
                                                       GFile            *file);
void             _flaw_register_page_select           (FlawRegisterPage *self,
                                                       guint             position);

G_END_DECLS
