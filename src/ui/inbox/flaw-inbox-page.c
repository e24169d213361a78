/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-inbox-page"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-inbox-page.h"
#include "flaw-preferences-window.h"
#include "flaw-report-row.h"
#include "flaw-report-store.h"
#include "flaw-report-view.h"
#include "flaw-root-causes-view.h"
#include "flaw-source-store.h"
#include "flaw-sync-service.h"
#include "flaw-window.h"

/* Status filter entries before the single statuses: all, open. */
#define STATUS_FIRST_SINGLE 2

struct _FlawInboxPage
{
  AdwBin              parent_instance;

  FlawContext        *context;
  FlawSyncService    *sync_service;
  GListStore         *reports;
  GtkSingleSelection *selection;
  GCancellable       *list_cancellable;
  GArray             *source_ids;
  gint64              selected_id;
  gboolean            loading;
  gboolean            restoring_selection;
  char               *syncing_source;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkButton          *sync_button;
  GtkStack           *sync_stack;
  GtkSpinner         *sync_spinner;
  GtkLabel           *sync_status_label;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *add_source_button;
  GtkWidget          *back_bar;
  GtkListView        *list_view;
  GtkDropDown        *status_drop;
  GtkDropDown        *severity_drop;
  GtkDropDown        *due_drop;
  GtkDropDown        *source_drop;
  GtkStringList      *source_model;
  GtkStack           *detail_stack;
  AdwBin             *report_bin;
  AdwBin             *root_causes_bin;
  GtkToggleButton    *root_causes_button;
  GtkWidget          *separator;
  FlawReportView     *report_view;
};

G_DEFINE_FINAL_TYPE (FlawInboxPage, flaw_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (FlawInboxPage *self);

static gboolean
filters_active (FlawInboxPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return gtk_drop_down_get_selected (self->status_drop) != 0 ||
         gtk_drop_down_get_selected (self->severity_drop) != 0 ||
         gtk_drop_down_get_selected (self->due_drop) != 0 ||
         gtk_drop_down_get_selected (self->source_drop) != 0 ||
         (text != NULL && *text != '\0');
}

static FlawReportQuery *
build_query (FlawInboxPage *self)
{
  FlawTriagePolicy policy;
  FlawReportQuery *query;
  guint status = gtk_drop_down_get_selected (self->status_drop);
  guint severity = gtk_drop_down_get_selected (self->severity_drop);
  guint due = gtk_drop_down_get_selected (self->due_drop);
  guint source = gtk_drop_down_get_selected (self->source_drop);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  static const FlawDueState due_states[] = {
    FLAW_DUE_STATE_OVERDUE, FLAW_DUE_STATE_DUE_SOON, FLAW_DUE_STATE_ON_TRACK, FLAW_DUE_STATE_NONE,
  };

  flaw_triage_policy_init_from_settings (&policy, flaw_context_get_settings (self->context));
  query = flaw_report_query_new (&policy);

  if (status == 1)
    query->status_mask = (1u << FLAW_REPORT_STATUS_NEW) |
                         (1u << FLAW_REPORT_STATUS_ACKNOWLEDGED) |
                         (1u << FLAW_REPORT_STATUS_TRIAGED) |
                         (1u << FLAW_REPORT_STATUS_FIX_IN_PROGRESS);
  else if (status >= STATUS_FIRST_SINGLE && status != GTK_INVALID_LIST_POSITION)
    query->status_mask = 1u << (status - STATUS_FIRST_SINGLE);

  if (severity > 0 && severity != GTK_INVALID_LIST_POSITION)
    query->severity_mask = 1u << (severity - 1);

  if (due > 0 && due <= G_N_ELEMENTS (due_states))
    query->due_mask = 1u << due_states[due - 1];

  if (source > 0 && source <= self->source_ids->len)
    query->source_id = g_array_index (self->source_ids, gint64, source - 1);

  if (text != NULL && *text != '\0')
    query->search = g_strdup (text);

  return query;
}

static void
set_loading (FlawInboxPage *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_count (FlawInboxPage *self,
            guint          n_shown,
            const GError  *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup (error->message);
  else if (filters_active (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matching report", "%u matching reports", n_shown),
                            n_shown);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports", n_shown), n_shown);

  gtk_label_set_label (self->count_label, text);
}

static void
restore_selection (FlawInboxPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reports));

  self->restoring_selection = TRUE;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n && self->selected_id != 0; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);

      if (flaw_report_get_id (report) == self->selected_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

  self->restoring_selection = FALSE;
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawInboxPage) self = user_data;
  g_autoptr(GListStore) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  reports = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;

  set_loading (self, FALSE);

  if (reports == NULL)
    {
      show_count (self, 0, error);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (reports));
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (reports), i));

  self->restoring_selection = TRUE;
  g_list_store_splice (self->reports, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reports)),
                       items->pdata, items->len);
  self->restoring_selection = FALSE;
  restore_selection (self);

  show_count (self, n, NULL);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (filters_active (self))
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
reload (FlawInboxPage *self)
{
  FlawStore *store = flaw_context_get_store (self->context);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  if (!flaw_store_is_open (store))
    return;

  self->list_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  flaw_store_run_async (store, flaw_report_store_list, build_query (self),
                        (GDestroyNotify) flaw_report_query_free, g_object_unref,
                        self->list_cancellable, list_loaded_cb, g_object_ref (self));
}

static char *
format_sync_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  /* Translators: when a source last synced, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %b %H:%M"));
}

static void
show_sources (FlawInboxPage *self,
              GPtrArray     *sources)
{
  g_autoptr(GString) status = g_string_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->source_drop);
  gint64 selected_source = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (selected > 0 && selected <= self->source_ids->len)
    selected_source = g_array_index (self->source_ids, gint64, selected - 1);

  g_array_set_size (self->source_ids, 0);
  selected = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      FlawSourceInfo *info = g_ptr_array_index (sources, i);

      g_array_append_val (self->source_ids, info->id);
      g_ptr_array_add (names, info->name);
      if (info->id == selected_source)
        selected = i + 1;

      if (status->len > 0)
        g_string_append_c (status, '\n');

      if (g_strcmp0 (self->syncing_source, info->name) == 0)
        g_string_append_printf (status, _("%s: syncing…"), info->name);
      else if (info->last_sync_time <= 0)
        g_string_append_printf (status, _("%s: not synced yet"), info->name);
      else
        {
          g_autofree char *when = format_sync_time (info->last_sync_time);

          if (info->last_error != NULL)
            /* Translators: source name, time, error message */
            g_string_append_printf (status, _("%s: failed at %s. %s"), info->name, when, info->last_error);
          else
            /* Translators: source name, time, what the sync did */
            g_string_append_printf (status, _("%s: synced at %s, %s"), info->name, when,
                                    info->last_result != NULL ? info->last_result : "");
        }
    }

  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_by_func (self->source_drop, reload, self);
  gtk_string_list_splice (self->source_model, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->source_model)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->source_drop, selected);
  g_signal_handlers_unblock_by_func (self->source_drop, reload, self);

  gtk_label_set_label (self->sync_status_label, status->str);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status_label), status->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button),
                          self->sync_service != NULL && sources->len > 0);

  if (selected_source != 0 && selected == 0)
    reload (self);
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawInboxPage) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!(sources = flaw_source_store_list_finish (FLAW_STORE (object), result, &error)))
    {
      gtk_label_set_label (self->sync_status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_status_label), TRUE);
      return;
    }

  show_sources (self, sources);
}

static void
reload_sources (FlawInboxPage *self)
{
  FlawStore *store = flaw_context_get_store (self->context);

  if (flaw_store_is_open (store))
    flaw_source_store_list_async (store, NULL, sources_loaded_cb, g_object_ref (self));
}

static void
store_changed_cb (FlawInboxPage *self,
                  const char    *entity)
{
  if (g_strcmp0 (entity, "source") == 0)
    reload_sources (self);

  reload (self);
}

static void
store_opened_cb (FlawInboxPage *self)
{
  if (flaw_store_is_open (flaw_context_get_store (self->context)))
    {
      reload_sources (self);
      reload (self);
    }
}

static void
update_sync_button (FlawInboxPage *self)
{
  gboolean syncing = self->sync_service != NULL && flaw_sync_service_get_syncing (self->sync_service);

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button),
                               syncing ? _("Cancel Sync") : _("Sync Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  syncing ? _("Cancel sync") : _("Sync now"), -1);

  if (!syncing)
    g_clear_pointer (&self->syncing_source, g_free);
}

static void
source_started_cb (FlawInboxPage *self,
                   gint64         source_id,
                   const char    *name)
{
  g_free (self->syncing_source);
  self->syncing_source = g_strdup (name);
  reload_sources (self);
}

static void
source_finished_cb (FlawInboxPage   *self,
                    FlawSyncOutcome *outcome)
{
  g_clear_pointer (&self->syncing_source, g_free);
}

static void
selection_changed_cb (FlawInboxPage *self)
{
  FlawReport *report = gtk_single_selection_get_selected_item (self->selection);

  if (self->restoring_selection)
    return;

  if (report == NULL)
    return;

  self->selected_id = flaw_report_get_id (report);
  gtk_toggle_button_set_active (self->root_causes_button, FALSE);
  flaw_report_view_set_report_id (self->report_view, self->selected_id);
  gtk_stack_set_visible_child_name (self->detail_stack, "report");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
list_activate_cb (FlawInboxPage *self,
                  guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, flaw_report_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  flaw_report_row_set_item (FLAW_REPORT_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  flaw_report_row_set_item (FLAW_REPORT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
root_causes_toggled_cb (FlawInboxPage *self)
{
  if (gtk_toggle_button_get_active (self->root_causes_button))
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "root-causes");
      adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
    }
  else
    gtk_stack_set_visible_child_name (self->detail_stack,
                                      flaw_report_view_get_report_id (self->report_view) != 0 ? "report" : "none");
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (widget);

  if (self->sync_service == NULL)
    return;

  if (flaw_sync_service_get_syncing (self->sync_service))
    flaw_sync_service_cancel (self->sync_service);
  else
    flaw_sync_service_sync_async (self->sync_service, 0, NULL, NULL, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (widget);

  gtk_drop_down_set_selected (self->status_drop, 0);
  gtk_drop_down_set_selected (self->severity_drop, 0);
  gtk_drop_down_set_selected (self->due_drop, 0);
  gtk_drop_down_set_selected (self->source_drop, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload (self);
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *preferences;

  if (!FLAW_IS_WINDOW (root))
    return;

  preferences = flaw_window_show_preferences (FLAW_WINDOW (root));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sources");
}

static void
flaw_inbox_page_constructed (GObject *object)
{
  FlawInboxPage *self = (FlawInboxPage *)object;
  FlawStore *store;

  G_OBJECT_CLASS (flaw_inbox_page_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  store = flaw_context_get_store (self->context);

  self->report_view = FLAW_REPORT_VIEW (flaw_report_view_new (self->context));
  adw_bin_set_child (self->report_bin, GTK_WIDGET (self->report_view));
  adw_bin_set_child (self->root_causes_bin, flaw_root_causes_view_new (self->context));

  if (flaw_context_get_sync_service (self->context) != NULL)
    {
      self->sync_service = g_object_ref (FLAW_SYNC_SERVICE (flaw_context_get_sync_service (self->context)));
      g_signal_connect_object (self->sync_service, "notify::syncing",
                               G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync_service, "source-started",
                               G_CALLBACK (source_started_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync_service, "source-finished",
                               G_CALLBACK (source_finished_cb), self, G_CONNECT_SWAPPED);
    }
  update_sync_button (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), FALSE);

  g_signal_connect_object (store, "changed::report", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::source", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::is-open", G_CALLBACK (store_opened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flaw_context_get_settings (self->context), "changed",
                           G_CALLBACK (reload), self, G_CONNECT_SWAPPED);

  store_opened_cb (self);
}

static void
flaw_inbox_page_dispose (GObject *object)
{
  FlawInboxPage *self = (FlawInboxPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_INBOX_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->reports);
  g_clear_object (&self->sync_service);
  g_clear_object (&self->context);
  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->syncing_source, g_free);

  G_OBJECT_CLASS (flaw_inbox_page_parent_class)->dispose (object);
}

static void
flaw_inbox_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_inbox_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (object);

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
flaw_inbox_page_class_init (FlawInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_inbox_page_constructed;
  object_class->dispose = flaw_inbox_page_dispose;
  object_class->get_property = flaw_inbox_page_get_property;
  object_class->set_property = flaw_inbox_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, separator);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, sync_status_label);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, add_source_button);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, back_bar);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, status_drop);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, severity_drop);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, due_drop);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, source_drop);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, report_bin);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, root_causes_bin);
  gtk_widget_class_bind_template_child (widget_class, FlawInboxPage, root_causes_button);

  gtk_widget_class_install_action (widget_class, "inbox.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "inbox.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "inbox.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "inbox.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "inbox.add-source", NULL, add_source_action);

  g_type_ensure (FLAW_TYPE_REPORT_VIEW);
}

static void
flaw_inbox_page_init (FlawInboxPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The leaflet is AdwBin's child, which AdwBin unparents itself. */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));
  self->source_model = GTK_STRING_LIST (gtk_drop_down_get_model (self->source_drop));
  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->reports = g_list_store_new (FLAW_TYPE_REPORT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->reports)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect_swapped (self->root_causes_button, "toggled", G_CALLBACK (root_causes_toggled_cb), self);

  /* Each keystroke cancels the search before it. */
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->status_drop, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->severity_drop, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->due_drop, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->source_drop, "notify::selected", G_CALLBACK (reload), self);

  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->separator), FALSE);

  /* Ctrl+F works anywhere on the page while it is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("inbox.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
flaw_inbox_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_INBOX_PAGE,
                       "context", context,
                       NULL);
}

/**
 * flaw_inbox_page_select_report:
 * @report_id: a report, or 0 to show the list
 *
 * Shows a report, clearing the filters when they hide it.
 */
void
flaw_inbox_page_select_report (FlawInboxPage *self,
                               gint64         report_id)
{
  g_return_if_fail (FLAW_IS_INBOX_PAGE (self));

  if (report_id <= 0)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      return;
    }

  self->selected_id = report_id;
  gtk_toggle_button_set_active (self->root_causes_button, FALSE);
  flaw_report_view_set_report_id (self->report_view, report_id);
  gtk_stack_set_visible_child_name (self->detail_stack, "report");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  restore_selection (self);
}

/**
 * flaw_inbox_page_get_reports:
 *
 * Returns: (transfer none): the reports listed, after filters and search
 */
GListModel *
flaw_inbox_page_get_reports (FlawInboxPage *self)
{
  g_return_val_if_fail (FLAW_IS_INBOX_PAGE (self), NULL);

  return G_LIST_MODEL (self->reports);
}

/**
 * flaw_inbox_page_get_loading:
 *
 * Returns: whether a list query is running
 */
gboolean
flaw_inbox_page_get_loading (FlawInboxPage *self)
{
  g_return_val_if_fail (FLAW_IS_INBOX_PAGE (self), FALSE);

  return self->loading;
}
