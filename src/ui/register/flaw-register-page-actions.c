/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-register-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "flaw-debt-io.h"
#include "flaw-debt-store.h"
#include "flaw-file-chooser.h"
#include "flaw-import-dialog.h"
#include "flaw-register-page-private.h"

/* The page's actions (register.*): new, edit, duplicate, delete with undo,
 * find, filters, export of the current view and import. */

typedef struct
{
  FlawRegisterPage *page;
  gint64            id;
  char             *title;
  FlawDebtFormat    format;
  GArray           *ids;
  GFile            *file;
  guint             n_items;
} Job;

static Job *
job_new (FlawRegisterPage *self)
{
  Job *job = g_new0 (Job, 1);

  job->page = g_object_ref (self);

  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->page);
  g_clear_pointer (&job->title, g_free);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
show_toast (FlawRegisterPage *self,
            const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkWindow *
get_window (FlawRegisterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static FlawDebtItem *
get_selected (FlawRegisterPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
open_editor (FlawRegisterPage *self,
             FlawDebtItem     *item)
{
  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  self->editor = flaw_debt_editor_new (self->context, item, self->categories);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  gtk_window_set_transient_for (GTK_WINDOW (self->editor), get_window (self));
  gtk_window_present (GTK_WINDOW (self->editor));
}

/* New, edit, duplicate ---------------------------------------------------- */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (FLAW_REGISTER_PAGE (widget), NULL);
}

static void
load_for_edit_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDebtItem) item = NULL;

  item = flaw_debt_load_finish (FLAW_STORE (object), result, &error);
  if (item == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (job->page, error->message);
      return;
    }

  if (job->format == (FlawDebtFormat) -1)
    {
      /* A duplicate starts over as a new proposal, without the decision. */
      g_autoptr(FlawDebtItem) copy = flaw_debt_item_copy (item);
      g_autofree char *title = g_strdup_printf (_("%s (copy)"), flaw_debt_item_get_title (item));

      flaw_debt_item_set_id (copy, 0);
      flaw_debt_item_set_created (copy, 0);
      flaw_debt_item_set_title (copy, title);
      flaw_debt_item_set_status (copy, FLAW_DEBT_STATUS_PROPOSED);
      flaw_debt_item_set_rationale (copy, NULL);
      flaw_debt_item_set_compensating_controls (copy, NULL);
      flaw_debt_item_set_review_date (copy, NULL);
      flaw_debt_item_set_target_date (copy, NULL);
      flaw_debt_item_set_wont_fix_reason (copy, NULL);
      open_editor (job->page, copy);
    }
  else
    open_editor (job->page, item);
}

static void
load_selected (FlawRegisterPage *self,
               gboolean          duplicate)
{
  FlawDebtItem *item = get_selected (self);
  Job *job;

  if (item == NULL)
    return;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  job = job_new (self);
  job->format = duplicate ? (FlawDebtFormat) -1 : FLAW_DEBT_FORMAT_CSV;
  flaw_debt_load_async (flaw_context_get_store (self->context), flaw_debt_item_get_id (item),
                        self->cancellable, load_for_edit_cb, job);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  load_selected (FLAW_REGISTER_PAGE (widget), FALSE);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_selected (FLAW_REGISTER_PAGE (widget), TRUE);
}

/* Delete and undo --------------------------------------------------------- */

static void
toast_dismissed_cb (AdwToast         *toast,
                    FlawRegisterPage *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  FlawRegisterPage *self = job->page;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!flaw_debt_delete_finish (FLAW_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  flaw_store_notify_changed (FLAW_STORE (object), "debt");

  /* Translators: shown after an item was deleted, with an Undo button */
  text = g_strdup_printf (_("“%s” deleted"), job->title);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "register.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (job->id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);
  FlawDebtItem *item = get_selected (self);
  Job *job;

  if (item == NULL)
    return;

  job = job_new (self);
  job->id = flaw_debt_item_get_id (item);
  job->title = g_strdup (flaw_debt_item_get_title (item));
  flaw_debt_delete_async (flaw_context_get_store (self->context), job->id, self->cancellable,
                          delete_cb, job);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autofree char *text = NULL;

  item = flaw_debt_restore_finish (FLAW_STORE (object), result, &error);
  if (item == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (job->page, error->message);
      return;
    }

  flaw_store_notify_changed (FLAW_STORE (object), "debt");

  text = g_strdup_printf (_("“%s” restored"), flaw_debt_item_get_title (item));
  show_toast (job->page, text);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);
  Job *job = job_new (self);

  job->id = g_variant_get_int64 (parameter);
  if (self->undo_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
    }

  flaw_debt_restore_async (flaw_context_get_store (self->context), job->id, self->cancellable,
                           restore_cb, job);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);
  GVariant *target;

  if (self->undo_toast == NULL)
    return;

  target = adw_toast_get_action_target_value (self->undo_toast);
  gtk_widget_activate_action_variant (widget, "register.undo-delete", target);
}

/* Search and filters ------------------------------------------------------- */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  flaw_register_page_focus_search (FLAW_REGISTER_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);

  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
show_review_due_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);

  /* The last entry of the status filter is "Review Due". */
  gtk_drop_down_set_selected (self->status_dropdown,
                              g_list_model_get_n_items (gtk_drop_down_get_model (self->status_dropdown)) - 1);
}

/* Export ----------------------------------------------------------------- */

static const struct {
  const char *extension;
  const char *pattern;
  const char *name;
} formats[] = {
  [FLAW_DEBT_FORMAT_CSV] = { "csv", "*.csv", N_("CSV") },
  [FLAW_DEBT_FORMAT_JSON] = { "json", "*.json", N_("JSON") },
  [FLAW_DEBT_FORMAT_MARKDOWN] = { "md", "*.md", N_("Markdown report") },
  [FLAW_DEBT_FORMAT_HTML] = { "html", "*.html", N_("HTML report") },
};

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  name = g_file_get_basename (job->file);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      text = g_strdup_printf (_("Cannot write “%s”: %s"), name, error->message);
      show_toast (job->page, text);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u item to “%s”",
                                       "Exported %u items to “%s”", job->n_items),
                          job->n_items, name);
  show_toast (job->page, text);
  job->page->n_exports++;
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GCancellable *cancellable;
  GFile *file;

  bytes = flaw_debt_export_finish (FLAW_STORE (object), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (job->page, error->message);
      return;
    }

  file = job->file;
  cancellable = job->page->cancellable;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, write_cb, g_steal_pointer (&job));
}

typedef struct
{
  GArray         *ids;
  FlawDebtFormat  format;
} ExportView;

static void
export_view_free (ExportView *view)
{
  g_clear_pointer (&view->ids, g_array_unref);
  g_free (view);
}

static int
compare_item_id (const void *key,
                 const void *element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = flaw_debt_item_get_id (*(FlawDebtItem * const *) element);

  return (id > other) - (id < other);
}

/* On the database thread: the view's items, in the view's order, as CSV or
 * JSON. flaw_debt_db_load_many() gives them by id. */
static gpointer
export_view_job (FlawDatabase  *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ExportView *view = data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) ordered = NULL;

  if (!(items = flaw_debt_db_load_many (db, view->ids, error)))
    return NULL;

  ordered = g_ptr_array_new_full (view->ids->len, NULL);
  for (guint i = 0; i < view->ids->len && items->len > 0; i++)
    {
      FlawDebtItem **found = bsearch (&g_array_index (view->ids, gint64, i), items->pdata, items->len,
                                      sizeof (gpointer), compare_item_id);

      /* Items deleted meanwhile are left out. */
      if (found != NULL)
        g_ptr_array_add (ordered, *found);
    }

  if (view->format == FLAW_DEBT_FORMAT_JSON)
    return flaw_debt_export_json (ordered);

  return flaw_debt_export_csv (ordered);
}

static void
run_export (Job *job)
{
  FlawStore *store = flaw_context_get_store (job->page->context);
  GCancellable *cancellable = job->page->cancellable;

  if (job->format == FLAW_DEBT_FORMAT_CSV || job->format == FLAW_DEBT_FORMAT_JSON)
    {
      ExportView *view = g_new0 (ExportView, 1);

      view->ids = g_array_ref (job->ids);
      view->format = job->format;
      flaw_store_run_async (store, export_view_job, view, (GDestroyNotify) export_view_free,
                            (GDestroyNotify) g_bytes_unref, cancellable, export_cb, job);
    }
  else
    {
      /* Reports group the items by severity: their order is the report's. */
      flaw_debt_export_async (store, job->ids, job->format, cancellable, export_cb, job);
    }
}

static void
export_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;

  job->file = flaw_file_chooser_save_finish (result, &error);
  if (job->file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (job->page, error->message);
      return;
    }

  run_export (g_steal_pointer (&job));
}

/* What to export: the items of the current view, filtered and sorted. */
static Job *
create_export_job (FlawRegisterPage *self,
                   FlawDebtFormat    format)
{
  Job *job = job_new (self);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  job->format = format;
  job->n_items = n_shown;

  /* The ids in the order shown, which is the order of the CSV and JSON. */
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_shown);
  for (guint i = 0; i < n_shown; i++)
    {
      g_autoptr(FlawDebtItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      gint64 id = flaw_debt_item_get_id (item);

      g_array_append_val (job->ids, id);
    }

  return job;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(Job) job = NULL;
  g_autofree char *name = NULL;
  FlawDebtFormat format;

  if (!flaw_debt_format_from_string (g_variant_get_string (parameter, NULL), &format))
    g_return_if_reached ();

  job = create_export_job (self, format);

  gtk_file_filter_set_name (filter, _(formats[job->format].name));
  gtk_file_filter_add_pattern (filter, formats[job->format].pattern);

  /* Translators: the suggested name of an exported file; keep it a file name */
  name = g_strdup_printf ("%s-%s.%s", _("security-debt"), self->today, formats[job->format].extension);

  flaw_file_chooser_save_async (get_window (self), _("Export Security Debt"), name, filter,
                                self->cancellable, export_file_cb, g_steal_pointer (&job));
}

/**
 * _flaw_register_page_export_to_file:
 *
 * Exports the current view to @file as the Export menu does once a file
 * is chosen; for the UI test, which cannot answer a file chooser.
 */
void
_flaw_register_page_export_to_file (FlawRegisterPage *self,
                                    FlawDebtFormat    format,
                                    GFile            *file)
{
  Job *job = create_export_job (self, format);

  job->file = g_object_ref (file);
  run_export (job);
}

/* Import ----------------------------------------------------------------- */

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  FlawDebtFormat format = FLAW_DEBT_FORMAT_CSV;
  FlawImportDialog *dialog;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot read “%s”: %s"), name, error->message);

      show_toast (job->page, text);
      return;
    }

  if (!flaw_debt_format_guess (name, &format) ||
      (format != FLAW_DEBT_FORMAT_CSV && format != FLAW_DEBT_FORMAT_JSON))
    {
      const char *data = g_bytes_get_data (bytes, NULL);
      gsize size = g_bytes_get_size (bytes);

      /* A JSON file starts with "{" after any white space; anything else
       * is read as CSV, and the preview says what is wrong with it. */
      format = FLAW_DEBT_FORMAT_CSV;
      for (gsize i = 0; i < size; i++)
        {
          if (g_ascii_isspace (data[i]))
            continue;
          if (data[i] == '{')
            format = FLAW_DEBT_FORMAT_JSON;
          break;
        }
    }

  dialog = flaw_import_dialog_new (job->page->context, bytes, format, name);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (job->page));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  GFile *file;

  job->file = flaw_file_chooser_open_finish (result, &error);
  if (job->file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (job->page, error->message);
      return;
    }

  file = job->file;
  cancellable = job->page->cancellable;
  g_file_load_bytes_async (file, cancellable, import_loaded_cb, g_steal_pointer (&job));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlawRegisterPage *self = FLAW_REGISTER_PAGE (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("CSV and JSON"));
  gtk_file_filter_add_pattern (all, "*.csv");
  gtk_file_filter_add_pattern (all, "*.json");
  gtk_file_filter_set_name (csv, _("CSV"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_pattern (json, "*.json");
  g_list_store_append (filters, all);
  g_list_store_append (filters, csv);
  g_list_store_append (filters, json);

  flaw_file_chooser_open_async (get_window (self), _("Import Security Debt"), G_LIST_MODEL (filters),
                                self->cancellable, import_file_cb, job_new (self));
}

/* Shortcuts -------------------------------------------------------------- */

/* The page's shortcuts work anywhere in the window, but only while the
 * page is shown; otherwise the key goes on to whatever else wants it. */
static gboolean
activate_if_mapped (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;

  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  key,
              GdkModifierType        modifiers,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_callback_action_new (activate_if_mapped,
                                                                                   (gpointer) action,
                                                                                   NULL)));
}

void
_flaw_register_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "register.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "register.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "register.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "register.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "register.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "register.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "register.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "register.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "register.show-review-due", NULL, show_review_due_action);
  gtk_widget_class_install_action (widget_class, "register.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "register.import", NULL, import_action);
}

void
_flaw_register_page_init_actions (FlawRegisterPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkEventController *list_controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, GDK_CONTROL_MASK, "register.new");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_f, GDK_CONTROL_MASK, "register.find");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_z, GDK_CONTROL_MASK, "register.undo");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Delete only acts on the list, never while typing in the search entry. */
  add_shortcut (GTK_SHORTCUT_CONTROLLER (list_controller), GDK_KEY_Delete, 0, "register.delete");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (list_controller), GDK_KEY_KP_Delete, 0, "register.delete");
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), list_controller);
}
