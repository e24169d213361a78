/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-register-page"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-clock.h"
#include "flaw-cost-chart.h"
#include "flaw-debt-editor.h"
#include "flaw-debt-store.h"
#include "flaw-register-page-private.h"
#include "flaw-register-util.h"

/* The security debt register: every item in a sortable column view, with
 * filters, full-text search, a summary for product managers and a chart of
 * the cost over time.
 *
 * Items are loaded by one store job and handed to a FlawDebtListModel,
 * which filters and sorts them itself (see flaw-debt-list-model.c for why
 * not GtkFilterListModel and GtkSortListModel); search runs as an FTS5 query
 * on the store's thread, and the model marks the ids it found. Every change
 * to the register (FlawStore::changed::debt) reloads the list.
 */

#define COST_SERIES_POINTS 24
#define COST_SERIES_MAX_SPAN (2 * 365 * G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND)

enum {
  STATUS_FILTER_ALL,
  STATUS_FILTER_FIRST,                                   /* then one per FlawDebtStatus */
  STATUS_FILTER_OPEN = STATUS_FILTER_FIRST + FLAW_DEBT_N_STATUSES,
  STATUS_FILTER_REVIEW_DUE,
};

G_DEFINE_FINAL_TYPE (FlawRegisterPage, flaw_register_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const FlawDebtSortKey column_keys[] = {
  FLAW_DEBT_SORT_TITLE, FLAW_DEBT_SORT_SEVERITY, FLAW_DEBT_SORT_RISK, FLAW_DEBT_SORT_STATUS,
  FLAW_DEBT_SORT_OWNER, FLAW_DEBT_SORT_COMPONENT, FLAW_DEBT_SORT_COST, FLAW_DEBT_SORT_REVIEW_DATE,
};

static void load_items (FlawRegisterPage *self);

/* Filtering --------------------------------------------------------------- */

/* The search result is tested by the model itself. */
static gboolean
filter_item (FlawDebtItem *item,
             gpointer      user_data)
{
  FlawRegisterPage *self = user_data;

  if (self->status_filter == STATUS_FILTER_OPEN)
    {
      if (!flaw_debt_item_is_open (item))
        return FALSE;
    }
  else if (self->status_filter == STATUS_FILTER_REVIEW_DUE)
    {
      if (!flaw_debt_item_is_review_due (item, self->today))
        return FALSE;
    }
  else if (self->status_filter >= STATUS_FILTER_FIRST &&
           !flaw_debt_item_match_status (item, self->status_filter - STATUS_FILTER_FIRST))
    return FALSE;

  if (self->severity_filter >= 0 && !flaw_debt_item_match_severity (item, self->severity_filter))
    return FALSE;

  if (self->owner_filter != NULL && !flaw_debt_item_match_owner (item, self->owner_filter))
    return FALSE;

  if (self->category_filter != NULL && !flaw_debt_item_match_category (item, self->category_filter))
    return FALSE;

  return TRUE;
}

/* Sorting ------------------------------------------------------------------ */

/* The model sorts by itself; the columns only need sorters so that their
 * headers can be clicked and show the sort indicator, and the page needs to
 * learn from the column view's sorter which column is the primary one and in
 * which order.
 *
 * GTK 4.10 has gtk_column_view_sorter_get_primary_sort_column() for that;
 * GTK 4.8 has no public API for it. There, the column view's sorter
 * (GtkColumnViewSorter) compares two items by asking each sorted column's
 * sorter in turn, the primary one first, until one of them gives an order,
 * and inverts that answer for a descending column. So each column's sorter
 * here records its key and answers "smaller": comparing two probe items
 * with the column view's sorter tells which column was asked first, and
 * the sign of the result tells the order. No column asked means no sort.
 */
static int
probe_column (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  /* The probe items carry where to record the column's key. */
  int *probed_key = g_object_get_data (G_OBJECT (a), "flaw-probed-key");

  /* Only the first column asked is the primary one. */
  if (probed_key != NULL && *probed_key < 0)
    *probed_key = GPOINTER_TO_INT (user_data);

  return -1;
}

static void
column_sorter_changed_cb (FlawRegisterPage *self,
                          GtkSorterChange   change,
                          GtkSorter        *sorter)
{
  gboolean descending = FALSE;
  int key = -1;

  /* The columns leave the sorter when the page is disposed. */
  if (self->model == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  GtkColumnViewColumn *column =
    gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));

  if (column != NULL)
    {
      key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "flaw-sort-key")) - 1;
      descending = gtk_column_view_sorter_get_primary_sort_order (GTK_COLUMN_VIEW_SORTER (sorter))
                   == GTK_SORT_DESCENDING;
    }
#else
  GtkOrdering order;

  self->probed_key = -1;
  order = gtk_sorter_compare (sorter, self->probes[0], self->probes[1]);
  if (order != GTK_ORDERING_EQUAL)
    {
      key = self->probed_key;
      descending = order == GTK_ORDERING_LARGER;
    }
#endif

  flaw_debt_list_model_set_sort (self->model, key, descending);
}

/* What is shown ------------------------------------------------------------ */

static gboolean
is_filtered (FlawRegisterPage *self)
{
  return self->search_ids != NULL || self->status_filter != STATUS_FILTER_ALL ||
         self->severity_filter >= 0 || self->owner_filter != NULL || self->category_filter != NULL;
}

void
_flaw_register_page_update_view (FlawRegisterPage *self)
{
  guint n_items = flaw_debt_list_model_get_n_all (self->model);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *shown = flaw_format_count (n_shown);
  g_autofree char *total = flaw_format_count (n_items);
  g_autofree char *count = NULL;
  gboolean filtered = is_filtered (self);

  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
      return;
    }

  gtk_spinner_stop (self->spinner);

  if (n_items == 0 && !filtered)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "items");

  /* Nothing to search or filter in an empty register. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), n_items > 0 || filtered);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), n_items > 0 || filtered);

  gtk_stack_set_visible_child_name (self->list_stack, n_shown > 0 ? "list" : "no-match");

  /* Translators: "1,204 of 100,000 items" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s item", "%s of %s items", n_items),
                           shown, total);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.clear-filters", filtered);
}

/* Without any filter the model has no predicate either, so that it never
 * calls it for each of the items. */
static void
apply_filter (FlawRegisterPage *self)
{
  gboolean filtered = self->status_filter != STATUS_FILTER_ALL || self->severity_filter >= 0 ||
                      self->owner_filter != NULL || self->category_filter != NULL;

  flaw_debt_list_model_set_filter_func (self->model, filtered ? filter_item : NULL, self);
  flaw_debt_list_model_refilter (self->model);

  _flaw_register_page_update_view (self);
}

static void
set_summary_value (GtkLabel *label,
                   char     *text)
{
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
update_summary (FlawRegisterPage *self)
{
  GPtrArray *items = flaw_debt_list_model_get_items (self->model);
  FlawDebtSummary summary;
  g_autofree char *open = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *review = NULL;
  GtkLabel * const badges[FLAW_DEBT_N_SEVERITIES] = {
    self->low_count, self->medium_count, self->high_count, self->critical_count,
  };

  flaw_debt_summary_compute (&summary, items, flaw_clock_now (), self->today);
  self->n_review_due = summary.n_review_due;

  set_summary_value (self->open_value, flaw_format_count (summary.n_open));
  set_summary_value (self->principal_value, flaw_format_days (summary.total_principal));
  set_summary_value (self->cost_value, flaw_format_days (summary.total_cost));
  set_summary_value (self->interest_value, flaw_format_days (summary.interest_per_month));

  for (guint i = 0; i < FLAW_DEBT_N_SEVERITIES; i++)
    {
      g_autofree char *number = flaw_format_count (summary.by_severity[i]);

      /* Translators: a count by severity, such as "3 Critical" */
      set_summary_value (badges[i], g_strdup_printf (C_("severity count", "%s %s"), number,
                                                     flaw_debt_severity_get_label (i)));
    }

  review = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review due", "%u reviews due",
                                         summary.n_review_due),
                            summary.n_review_due);
  gtk_button_set_label (self->review_due_button, review);
  gtk_button_set_label (self->compact_review_due_button, review);
  gtk_widget_set_visible (GTK_WIDGET (self->compact_review_due_button), summary.n_review_due > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.show-review-due", summary.n_review_due > 0);
  if (summary.n_review_due > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->review_due_button), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->compact_review_due_button), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->review_due_button), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->compact_review_due_button), "warning");
    }

  open = flaw_format_count (summary.n_open);
  cost = flaw_format_days (summary.total_cost);
  /* Translators: the summary on narrow windows */
  compact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s open item · %s person-days today",
                                          "%s open items · %s person-days today",
                                          summary.n_open),
                             open, cost);
  gtk_label_set_text (self->compact_summary, compact);

  self->oldest_created = 0;
  for (guint i = 0; i < items->len; i++)
    {
      gint64 created = flaw_debt_item_get_created (g_ptr_array_index (items, i));

      if (self->oldest_created == 0 || created < self->oldest_created)
        self->oldest_created = created;
    }
}

static int
compare_owners (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
update_owners (FlawRegisterPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autofree char *selected = g_strdup (self->owner_filter);
  GPtrArray *items = flaw_debt_list_model_get_items (self->model);
  guint position = 0;

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);
      const char *owner = flaw_debt_item_get_owner (item);

      /* The items outlive this function, so their strings may be borrowed. */
      if (owner != NULL && g_hash_table_add (seen, (gpointer) owner))
        g_ptr_array_add (owners, (gpointer) owner);
    }

  g_ptr_array_sort (owners, compare_owners);
  g_ptr_array_insert (owners, 0, (gpointer) _("All Owners"));
  g_ptr_array_add (owners, NULL);

  for (guint i = 1; selected != NULL && owners->pdata[i] != NULL; i++)
    if (g_str_equal (owners->pdata[i], selected))
      position = i;

  self->updating_owners = TRUE;
  gtk_string_list_splice (self->owner_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->owner_list)),
                          (const char * const *) owners->pdata);
  gtk_drop_down_set_selected (self->owner_dropdown, position);
  self->updating_owners = FALSE;

  if (position == 0 && self->owner_filter != NULL)
    {
      g_clear_pointer (&self->owner_filter, g_free);
      apply_filter (self);
    }
}

/* Review due --------------------------------------------------------------- */

static void
announce_review_due (FlawRegisterPage *self)
{
  GApplication *application = g_application_get_default ();
  GSettings *settings = flaw_context_get_settings (self->context);
  g_autofree char *last = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;

  if (self->n_review_due == 0 || application == NULL)
    return;

  last = g_settings_get_string (settings, "review-notification-date");
  if (g_strcmp0 (last, self->today) == 0)
    return;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u accepted item is past its review date. Accept it again "
                                       "with a new date, schedule the fix or close it.",
                                       "%u accepted items are past their review date. Accept them again "
                                       "with a new date, schedule the fixes or close them.",
                                       self->n_review_due),
                          self->n_review_due);

  notification = g_notification_new (_("Security Debt Due for Review"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-review-due", NULL);
  g_application_send_notification (application, "review-due", notification);

  g_settings_set_string (settings, "review-notification-date", self->today);
}

/* Loading ------------------------------------------------------------------ */

static void
cost_series_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;

  points = flaw_debt_cost_series_finish (FLAW_STORE (object), result, &error);
  if (points == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot compute the cost history: %s", error->message);
      return;
    }

  flaw_cost_chart_set_points (self->cost_chart, points);
}

static void
load_cost_series (FlawRegisterPage *self)
{
  gint64 now = flaw_clock_now ();
  gint64 from = self->oldest_created;

  if (from == 0 || from >= now)
    {
      flaw_cost_chart_set_points (self->cost_chart, NULL);
      return;
    }

  from = MAX (from, now - COST_SERIES_MAX_SPAN);

  flaw_debt_cost_series_async (flaw_context_get_store (self->context), from, now,
                               COST_SERIES_POINTS, self->cancellable, cost_series_cb,
                               g_object_ref (self));
}

static void
after_paint_cb (FlawRegisterPage *self,
                GdkFrameClock    *clock)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  load_cost_series (self);
  flaw_debt_list_model_presort (self->model);
}

/* The cost history takes the store's thread and a CPU for a while with a
 * large register: ask for it once the list has been drawn. */
static void
schedule_cost_series (FlawRegisterPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      load_cost_series (self);
      return;
    }

  if (self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb),
                                                    self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unmap_cb (FlawRegisterPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* Not drawn any more: the history is asked for when it is shown again. */
  if (self->after_paint_id != 0 && clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, clock);
      self->series_pending = TRUE;
    }
}

static void
map_cb (FlawRegisterPage *self)
{
  if (self->series_pending)
    {
      self->series_pending = FALSE;
      schedule_cost_series (self);
    }
}

static void
categories_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FlawRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  categories = flaw_debt_list_categories_finish (FLAW_STORE (object), result, &error);
  if (categories == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the debt categories: %s", error->message);
      return;
    }

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = g_ptr_array_ref (categories);

  g_strv_builder_add (labels, _("All Categories"));
  for (guint i = 0; i < categories->len; i++)
    {
      FlawDebtCategory *category = g_ptr_array_index (categories, i);

      g_strv_builder_add (labels, flaw_debt_category_get_label (category->id, category->name));
    }
  strv = g_strv_builder_end (labels);

  self->updating_owners = TRUE;
  gtk_string_list_splice (self->category_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->category_list)),
                          (const char * const *) strv);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  self->updating_owners = FALSE;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FlawRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 selected_id = 0;
  FlawDebtItem *selected;

  items = flaw_debt_list_finish (FLAW_STORE (object), result, &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Cannot load the register: %s"), error->message);

          g_warning ("%s", message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
      return;
    }

  if ((selected = gtk_single_selection_get_selected_item (self->selection)) != NULL)
    selected_id = flaw_debt_item_get_id (selected);

  g_free (self->today);
  self->today = flaw_debt_today ();

  /* Filtered with the new today: the review-due filter depends on it. */
  flaw_debt_list_model_set_items (self->model, items);

  self->loaded = TRUE;
  self->n_loads++;

  if (selected_id != 0)
    {
      guint position = flaw_debt_list_model_find_id (self->model, selected_id);

      if (position != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, position);
    }

  update_summary (self);
  update_owners (self);
  _flaw_register_page_update_view (self);
  schedule_cost_series (self);
  announce_review_due (self);
}

static void
load_items (FlawRegisterPage *self)
{
  FlawStore *store = flaw_context_get_store (self->context);

  if (!flaw_store_is_open (store))
    return;

  if (self->categories == NULL)
    flaw_debt_list_categories_async (store, self->cancellable, categories_cb, g_object_ref (self));

  flaw_debt_list_async (store, self->cancellable, list_cb, g_object_ref (self));
}

static void
store_changed_cb (FlawRegisterPage *self,
                  const char       *entity,
                  FlawStore        *store)
{
  load_items (self);
}

static void
store_is_open_cb (FlawRegisterPage *self,
                  GParamSpec       *pspec,
                  FlawStore        *store)
{
  if (flaw_store_is_open (store))
    load_items (self);
}

/* Search ------------------------------------------------------------------- */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = flaw_debt_search_finish (FLAW_STORE (object), result, &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->search_ids, g_array_unref);
  self->search_ids = g_steal_pointer (&ids);
  g_free (self->applied_search);
  self->applied_search = g_steal_pointer (&self->pending_search);

  flaw_debt_list_model_set_search_ids (self->model, self->search_ids);
  _flaw_register_page_update_view (self);
  self->n_searches++;
}

static void
search_changed_cb (FlawRegisterPage *self,
                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *query = flaw_debt_build_match_query (text);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->pending_search, g_free);

  if (query == NULL)
    {
      /* No word to look for: show everything again. */
      if (self->search_ids != NULL)
        {
          g_clear_pointer (&self->search_ids, g_array_unref);
          g_clear_pointer (&self->applied_search, g_free);
          flaw_debt_list_model_set_search_ids (self->model, NULL);
          _flaw_register_page_update_view (self);
        }
      self->n_searches++;
      return;
    }

  self->pending_search = g_strdup (text);
  self->search_cancellable = g_cancellable_new ();
  flaw_debt_search_async (flaw_context_get_store (self->context), text, self->search_cancellable,
                          search_cb, g_object_ref (self));
}

static void
stop_search_cb (FlawRegisterPage *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
filter_changed_cb (FlawRegisterPage *self,
                   GParamSpec       *pspec,
                   GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating_owners)
    return;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;

  if (dropdown == self->status_dropdown)
    self->status_filter = selected;
  else if (dropdown == self->severity_dropdown)
    self->severity_filter = selected == 0 ? -1 : (int) (FLAW_DEBT_N_SEVERITIES - selected);
  else if (dropdown == self->owner_dropdown)
    {
      g_clear_pointer (&self->owner_filter, g_free);
      if (selected > 0)
        self->owner_filter = g_strdup (gtk_string_list_get_string (self->owner_list, selected));
    }
  else if (dropdown == self->category_dropdown)
    {
      g_clear_pointer (&self->category_filter, g_free);
      if (selected > 0 && self->categories != NULL && selected - 1 < self->categories->len)
        self->category_filter = g_strdup (((FlawDebtCategory *) g_ptr_array_index (self->categories,
                                                                                   selected - 1))->id);
    }

  apply_filter (self);
}

static void
row_activated_cb (FlawRegisterPage *self,
                  guint             position,
                  GtkColumnView    *column_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "register.edit", NULL);
}

static void
selection_changed_cb (FlawRegisterPage *self)
{
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.duplicate", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.delete", selected);
}

/* GObject ------------------------------------------------------------------- */

static void
flaw_register_page_constructed (GObject *object)
{
  FlawRegisterPage *self = (FlawRegisterPage *)object;
  FlawStore *store;

  G_OBJECT_CLASS (flaw_register_page_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  store = flaw_context_get_store (self->context);

  g_signal_connect_object (store, "changed::debt", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::is-open", G_CALLBACK (store_is_open_cb), self,
                           G_CONNECT_SWAPPED);

  _flaw_register_page_update_view (self);
  load_items (self);
}

static void
flaw_register_page_dispose (GObject *object)
{
  FlawRegisterPage *self = (FlawRegisterPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_REGISTER_PAGE);

  g_clear_object (&self->context);
  g_clear_object (&self->model);
  g_clear_object (&self->probes[0]);
  g_clear_object (&self->probes[1]);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  G_OBJECT_CLASS (flaw_register_page_parent_class)->dispose (object);
}

static void
flaw_register_page_finalize (GObject *object)
{
  FlawRegisterPage *self = (FlawRegisterPage *)object;

  g_free (self->today);
  g_free (self->owner_filter);
  g_free (self->category_filter);
  g_free (self->applied_search);
  g_free (self->pending_search);

  G_OBJECT_CLASS (flaw_register_page_parent_class)->finalize (object);
}

static void
flaw_register_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (object);

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
flaw_register_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (object);

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
flaw_register_page_class_init (FlawRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_register_page_constructed;
  object_class->dispose = flaw_register_page_dispose;
  object_class->finalize = flaw_register_page_finalize;
  object_class->get_property = flaw_register_page_get_property;
  object_class->set_property = flaw_register_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FLAW_TYPE_COST_CHART);
  g_type_ensure (FLAW_TYPE_DEBT_ITEM);
  g_type_ensure (FLAW_TYPE_DEBT_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-register-page.ui");

#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, FlawRegisterPage, name)
  CHILD (search_entry);
  CHILD (new_button);
  CHILD (menu_button);
  CHILD (status_dropdown);
  CHILD (severity_dropdown);
  CHILD (owner_dropdown);
  CHILD (category_dropdown);
  CHILD (owner_list);
  CHILD (category_list);
  CHILD (count_label);
  CHILD (filter_box);
  CHILD (stack);
  CHILD (list_stack);
  CHILD (spinner);
  CHILD (empty_page);
  CHILD (no_match_page);
  CHILD (add_first_button);
  CHILD (clear_filters_button);
  CHILD (column_view);
  CHILD (title_column);
  CHILD (severity_column);
  CHILD (risk_column);
  CHILD (status_column);
  CHILD (owner_column);
  CHILD (component_column);
  CHILD (cost_column);
  CHILD (review_date_column);
  CHILD (selection);
  CHILD (cost_chart);
  CHILD (open_value);
  CHILD (principal_value);
  CHILD (cost_value);
  CHILD (interest_value);
  CHILD (critical_count);
  CHILD (high_count);
  CHILD (medium_count);
  CHILD (low_count);
  CHILD (review_due_button);
  CHILD (compact_summary);
  CHILD (compact_review_due_button);
#undef CHILD

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  _flaw_register_page_class_init_cells (widget_class);
  _flaw_register_page_class_init_actions (widget_class);
}

static void
flaw_register_page_init (FlawRegisterPage *self)
{
  GtkColumnViewColumn *columns[G_N_ELEMENTS (column_keys)];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child is not bound to the template: AdwBin unparents it. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->cancellable = g_cancellable_new ();
  self->severity_filter = -1;
  self->today = flaw_debt_today ();

  self->model = flaw_debt_list_model_new ();
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  self->probes[0] = flaw_debt_item_new ();
  self->probes[1] = flaw_debt_item_new ();
  g_object_set_data (G_OBJECT (self->probes[0]), "flaw-probed-key", &self->probed_key);

  columns[0] = self->title_column;
  columns[1] = self->severity_column;
  columns[2] = self->risk_column;
  columns[3] = self->status_column;
  columns[4] = self->owner_column;
  columns[5] = self->component_column;
  columns[6] = self->cost_column;
  columns[7] = self->review_date_column;

  for (guint i = 0; i < G_N_ELEMENTS (column_keys); i++)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe_column,
                                                                 GINT_TO_POINTER (column_keys[i]),
                                                                 NULL);

      g_object_set_data (G_OBJECT (columns[i]), "flaw-sort-key", GINT_TO_POINTER (column_keys[i] + 1));
      gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (column_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_list));
  gtk_string_list_append (self->owner_list, _("All Owners"));
  gtk_string_list_append (self->category_list, _("All Categories"));

  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
  selection_changed_cb (self);

  _flaw_register_page_init_actions (self);
}

/* Public -------------------------------------------------------------------- */

GtkWidget *
flaw_register_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_REGISTER_PAGE,
                       "context", context,
                       NULL);
}

/**
 * flaw_register_page_focus_search:
 *
 * Moves the keyboard focus to the search entry (Ctrl+F).
 */
void
flaw_register_page_focus_search (FlawRegisterPage *self)
{
  g_return_if_fail (FLAW_IS_REGISTER_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
_flaw_register_page_is_loaded (FlawRegisterPage *self)
{
  return self->loaded;
}

guint
_flaw_register_page_get_n_loads (FlawRegisterPage *self)
{
  return self->n_loads;
}

guint
_flaw_register_page_get_n_searches (FlawRegisterPage *self)
{
  return self->n_searches;
}

guint
_flaw_register_page_get_n_items (FlawRegisterPage *self)
{
  return flaw_debt_list_model_get_n_all (self->model);
}

guint
_flaw_register_page_get_n_shown (FlawRegisterPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

/**
 * _flaw_register_page_get_shown_item:
 *
 * Returns: (transfer none): the item at @position of the view, sorted and
 *   filtered
 */
FlawDebtItem *
_flaw_register_page_get_shown_item (FlawRegisterPage *self,
                                    guint             position)
{
  g_autoptr(FlawDebtItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  return item;
}

FlawDebtEditor *
_flaw_register_page_get_editor (FlawRegisterPage *self)
{
  return self->editor;
}

AdwToast *
_flaw_register_page_get_toast (FlawRegisterPage *self)
{
  return self->undo_toast;
}

void
_flaw_register_page_select (FlawRegisterPage *self,
                            guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
}
