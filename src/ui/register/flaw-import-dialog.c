/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-import-dialog.h"

/* Shows what an import would add before anything is written: the items,
 * every problem with its line and field, and for CSV which field each
 * column fills. Import is only possible when no problem is left, and
 * writes every row in one transaction.
 */

#define MAX_PREVIEW_ROWS 200

struct _FlawImportDialog
{
  AdwWindow            parent_instance;

  FlawContext         *context;
  GBytes              *data;
  FlawDebtFormat       format;
  char                *file_name;
  FlawDebtImport      *import;
  GCancellable        *cancellable;
  GPtrArray           *mapping_rows;
  char                *error;

  /* Template */
  GtkButton           *import_button;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  AdwPreferencesGroup *items_group;
  GtkListBox          *items_list;

  guint                n_previews;
  guint                committing : 1;
  guint                imported : 1;
  guint                updating : 1;
};

G_DEFINE_FINAL_TYPE (FlawImportDialog, flaw_import_dialog, ADW_TYPE_WINDOW)

static void preview (FlawImportDialog *self);

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* File contents are untrusted: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
update_can_import (FlawImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit",
                                 flaw_import_dialog_get_can_import (self));
}

static void
mapping_changed_cb (FlawImportDialog *self)
{
  if (!self->updating)
    preview (self);
}

static void
show_mapping (FlawImportDialog *self)
{
  const char * const *headers;
  const char * const *mapping;
  const char * const *fields = flaw_debt_item_list_fields ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (self->format != FLAW_DEBT_FORMAT_CSV || self->import == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
      return;
    }

  headers = flaw_debt_import_get_headers (self->import);
  mapping = flaw_debt_import_get_mapping (self->import);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), headers != NULL && headers[0] != NULL);

  if (self->mapping_rows->len > 0 || headers == NULL)
    return;

  gtk_string_list_append (labels, _("Ignore"));
  for (guint i = 0; fields[i]; i++)
    gtk_string_list_append (labels, flaw_debt_item_get_field_label (fields[i]));

  self->updating = TRUE;
  for (guint i = 0; headers[i]; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), headers[i]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));

      for (guint j = 0; mapping != NULL && mapping[i] != NULL && fields[j]; j++)
        if (g_str_equal (mapping[i], fields[j]))
          selected = j + 1;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);

      g_signal_connect_object (row, "notify::selected", G_CALLBACK (mapping_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
  self->updating = FALSE;
}

static void
show_import (FlawImportDialog *self)
{
  GPtrArray *items = self->import ? flaw_debt_import_get_items (self->import) : NULL;
  GPtrArray *problems = self->import ? flaw_debt_import_get_problems (self->import) : NULL;
  g_autofree char *summary = NULL;
  guint n_items = items ? items->len : 0;
  guint n_problems = problems ? problems->len : 0;

  clear_list (self->problems_list);
  clear_list (self->items_list);

  if (self->error != NULL)
    summary = g_strdup_printf (_("“%s” cannot be imported: %s"), self->file_name, self->error);
  else if (n_problems > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” has %u item and %u problem to correct first.",
                                            "“%s” has %u items and %u problems to correct first.",
                                            n_items),
                               self->file_name, n_items, n_problems);
  else if (n_items == 0)
    summary = g_strdup_printf (_("“%s” has no items to import."), self->file_name);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u item from “%s” is ready to import.",
                                            "%u items from “%s” are ready to import.",
                                            n_items),
                               n_items, self->file_name);
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), n_problems > 0);
  for (guint i = 0; i < n_problems && i < MAX_PREVIEW_ROWS; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = NULL;

      if (problem->line > 0 && problem->field != NULL)
        where = g_strdup_printf (_("Line %u, %s"), problem->line,
                                 flaw_debt_item_get_field_label (problem->field));
      else if (problem->line > 0)
        where = g_strdup_printf (_("Line %u"), problem->line);
      else
        where = g_strdup (_("The whole file"));

      gtk_list_box_append (self->problems_list, create_row (where, problem->message));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->items_group), n_items > 0);
  for (guint i = 0; i < n_items && i < MAX_PREVIEW_ROWS; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);
      const char *title = flaw_debt_item_get_title (item);
      g_autofree char *details = NULL;
      int risk = flaw_debt_item_get_risk (item);

      details = g_strdup_printf ("%s · %s · %s",
                                 risk >= 1 && risk <= 25
                                 ? flaw_debt_severity_get_label (flaw_debt_item_get_severity (item))
                                 : _("No risk"),
                                 flaw_debt_status_get_label (flaw_debt_item_get_status (item)),
                                 flaw_debt_item_get_owner (item) ? flaw_debt_item_get_owner (item)
                                                                 : _("No owner"));
      gtk_list_box_append (self->items_list, create_row (title ? title : _("(no title)"), details));
    }

  if (n_items > MAX_PREVIEW_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more"), n_items - MAX_PREVIEW_ROWS);

      gtk_list_box_append (self->items_list, create_row (more, NULL));
    }

  show_mapping (self);
  update_can_import (self);
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  FlawDebtImport *import;

  import = flaw_debt_import_preview_finish (FLAW_STORE (object), result, &error);
  if (import == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->import, flaw_debt_import_unref);
  g_clear_pointer (&self->error, g_free);
  self->import = import;
  if (error != NULL)
    self->error = g_strdup (error->message);

  self->n_previews++;
  show_import (self);
}

static char **
dup_mapping (FlawImportDialog *self)
{
  const char * const *fields = flaw_debt_item_list_fields ();
  g_autoptr(GStrvBuilder) builder = NULL;

  if (self->mapping_rows->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, i));

      g_strv_builder_add (builder, selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                   ? fields[selected - 1] : "");
    }

  return g_strv_builder_end (builder);
}

static void
preview (FlawImportDialog *self)
{
  g_auto(GStrv) mapping = dup_mapping (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", FALSE);

  flaw_debt_import_preview_async (flaw_context_get_store (self->context), self->data, self->format,
                                  (const char * const *) mapping, self->cancellable,
                                  preview_cb, g_object_ref (self));
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->committing = FALSE;

  if (!flaw_debt_import_commit_finish (FLAW_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_pointer (&self->error, g_free);
      self->error = g_strdup (error->message);
      show_import (self);
      return;
    }

  self->imported = TRUE;
  flaw_store_notify_changed (FLAW_STORE (object), "debt");
  gtk_window_close (GTK_WINDOW (self));
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlawImportDialog *self = FLAW_IMPORT_DIALOG (widget);

  if (!flaw_import_dialog_get_can_import (self))
    return;

  self->committing = TRUE;
  update_can_import (self);
  flaw_debt_import_commit_async (flaw_context_get_store (self->context), self->import,
                                 self->cancellable, commit_cb, g_object_ref (self));
}

static void
flaw_import_dialog_dispose (GObject *object)
{
  FlawImportDialog *self = (FlawImportDialog *)object;

  if (self->cancellable != NULL && !self->committing)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->import, flaw_debt_import_unref);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (flaw_import_dialog_parent_class)->dispose (object);
}

static void
flaw_import_dialog_class_init (FlawImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, items_group);
  gtk_widget_class_bind_template_child (widget_class, FlawImportDialog, items_list);

  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
flaw_import_dialog_init (FlawImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", FALSE);
}

/**
 * flaw_import_dialog_new:
 * @data: the contents of the file to import
 * @format: %FLAW_DEBT_FORMAT_CSV or %FLAW_DEBT_FORMAT_JSON
 * @file_name: the file's name, to show
 *
 * Creates the dialog and starts reading @data on the store's thread.
 */
FlawImportDialog *
flaw_import_dialog_new (FlawContext    *context,
                        GBytes         *data,
                        FlawDebtFormat  format,
                        const char     *file_name)
{
  FlawImportDialog *self;

  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (format == FLAW_DEBT_FORMAT_CSV || format == FLAW_DEBT_FORMAT_JSON, NULL);

  self = g_object_new (FLAW_TYPE_IMPORT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->data = g_bytes_ref (data);
  self->format = format;
  self->file_name = g_strdup (file_name);

  gtk_label_set_text (self->summary_label, _("Reading the file…"));
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->items_group), FALSE);

  preview (self);

  return self;
}

/**
 * flaw_import_dialog_get_import:
 *
 * Returns: (transfer none) (nullable): the last preview
 */
FlawDebtImport *
flaw_import_dialog_get_import (FlawImportDialog *self)
{
  g_return_val_if_fail (FLAW_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

gboolean
flaw_import_dialog_get_can_import (FlawImportDialog *self)
{
  g_return_val_if_fail (FLAW_IS_IMPORT_DIALOG (self), FALSE);

  return self->import != NULL && !self->committing && !self->imported &&
         !flaw_debt_import_has_problems (self->import) &&
         flaw_debt_import_get_n_rows (self->import) > 0;
}

/**
 * flaw_import_dialog_set_mapping:
 * @column: a column of the CSV file, from 0
 * @field: (nullable): the field it fills, or %NULL to ignore it
 *
 * Chooses a field for a column, as the column's drop-down does, and reads
 * the file again with the new mapping.
 *
 * Returns: %FALSE if there is no such column or field
 */
gboolean
flaw_import_dialog_set_mapping (FlawImportDialog *self,
                                guint             column,
                                const char       *field)
{
  const char * const *fields = flaw_debt_item_list_fields ();
  guint position = 0;

  g_return_val_if_fail (FLAW_IS_IMPORT_DIALOG (self), FALSE);

  if (column >= self->mapping_rows->len)
    return FALSE;

  if (field != NULL)
    {
      for (guint i = 0; fields[i]; i++)
        if (g_str_equal (fields[i], field))
          position = i + 1;
      if (position == 0)
        return FALSE;
    }

  adw_combo_row_set_selected (g_ptr_array_index (self->mapping_rows, column), position);

  return TRUE;
}

guint
flaw_import_dialog_get_n_previews (FlawImportDialog *self)
{
  g_return_val_if_fail (FLAW_IS_IMPORT_DIALOG (self), 0);

  return self->n_previews;
}

gboolean
flaw_import_dialog_get_imported (FlawImportDialog *self)
{
  g_return_val_if_fail (FLAW_IS_IMPORT_DIALOG (self), FALSE);

  return self->imported;
}
