/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-deps-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-dependency-store.h"
#include "flaw-dependency.h"
#include "flaw-deps-view-private.h"
#include "flaw-file-chooser.h"

/* Importing an SBOM or lock file: read, parse, show what will be added,
 * changed and removed, and write only when the user confirms. */

/* The largest file offered to the importers, as for `deps import`. */
#define MAX_IMPORT_SIZE (64 * 1024 * 1024)

typedef struct
{
  FlawDepsView       *self;
  char               *import_source;
  char               *display_name;
  FlawDependencyList *list;
  FlawImportPreview  *preview;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->self);
  g_free (import->import_source);
  g_free (import->display_name);
  g_clear_pointer (&import->list, flaw_dependency_list_free);
  g_clear_pointer (&import->preview, flaw_import_preview_free);
  g_free (import);
}

static gpointer
preview_job (FlawDatabase  *database,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Import *import = data;

  return flaw_components_preview_import (database, import->import_source, import->list->dependencies, error);
}

static gpointer
apply_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Import *import = data;

  return flaw_components_apply_import (database, import->preview, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "component");
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Import *import = g_object_steal_data (G_OBJECT (dialog), "import");
  FlawDepsView *self;

  /* The dialog answers once; closing it afterwards is no second answer. */
  if (import == NULL)
    return;

  self = import->self;
  if (g_strcmp0 (response, "import") != 0)
    {
      import_free (import);
      return;
    }

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), apply_job, import,
                        (GDestroyNotify) import_free, NULL, self->cancellable, applied_cb,
                        g_object_ref (self));
}

static const char *
format_name (FlawDependencyFormat format)
{
  switch (format)
    {
    case FLAW_DEPENDENCY_FORMAT_CYCLONEDX:
      return _("a CycloneDX SBOM");
    case FLAW_DEPENDENCY_FORMAT_SPDX:
      return _("an SPDX SBOM");
    case FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK:
      return "package-lock.json";
    case FLAW_DEPENDENCY_FORMAT_REQUIREMENTS:
      return "requirements.txt";
    case FLAW_DEPENDENCY_FORMAT_CARGO_LOCK:
      return "Cargo.lock";
    case FLAW_DEPENDENCY_FORMAT_GO_SUM:
      return "go.sum";
    case FLAW_DEPENDENCY_FORMAT_AUTO:
    default:
      return flaw_dependency_format_to_string (format);
    }
}

static void
add_preview_line (GtkBox     *box,
                  const char *text,
                  const char *style)
{
  GtkWidget *label = _flaw_deps_plain_label (text, style);

  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (box, label);
}

static GtkWidget *
preview_list (const Import *import)
{
  const FlawImportPreview *preview = import->preview;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < preview->added->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (preview->added, i);
      g_autofree char *text = g_strdup_printf ("+ %s %s %s", dependency->ecosystem, dependency->name,
                                               dependency->version);

      add_preview_line (GTK_BOX (box), text, "success");
    }
  for (guint i = 0; i < preview->changed->len; i++)
    {
      FlawComponentChange *change = g_ptr_array_index (preview->changed, i);
      g_autofree char *text = g_strdup_printf ("~ %s %s %s → %s", change->ecosystem, change->name,
                                               change->old_version, change->new_version);

      add_preview_line (GTK_BOX (box), text, "warning");
    }
  for (guint i = 0; i < preview->removed->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (preview->removed, i);
      g_autofree char *text = g_strdup_printf ("− %s %s %s", component->ecosystem, component->name,
                                               component->version);

      add_preview_line (GTK_BOX (box), text, "error");
    }
  for (guint i = 0; i < import->list->notes->len; i++)
    {
      FlawImportNote *note = g_ptr_array_index (import->list->notes, i);
      g_autofree char *text = note->line > 0
        ? g_strdup_printf (_("Not imported, line %u: %s — %s"), note->line, note->text, note->reason)
        : g_strdup_printf (_("Not imported: %s — %s"), note->text, note->reason);

      add_preview_line (GTK_BOX (box), text, "dim-label");
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  return scrolled;
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Import *import = user_data;
  FlawDepsView *self = import->self;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const FlawImportPreview *preview;

  self->busy--;
  import->preview = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (import->preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      import_free (import);
      return;
    }

  preview = import->preview;
  dialog = adw_message_dialog_new (_flaw_deps_view_get_window (self), NULL, NULL);
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Import “%s”?"), import->display_name);

  if (flaw_import_preview_is_empty (preview))
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Nothing to change: every component of this file (read as %s) is already listed."),
                                      format_name (import->list->format));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
    }
  else
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Read as %s. To add: %u, to change: %u, to remove: %u, unchanged: %u. "
                                        "Nothing is written until you import."),
                                      format_name (import->list->format),
                                      preview->added->len, preview->changed->len, preview->removed->len,
                                      preview->unchanged);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), preview_list (import));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      if (preview->removed->len > 0)
        adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                    ADW_RESPONSE_DESTRUCTIVE);
    }

  g_object_set_data_full (G_OBJECT (dialog), "import", import, (GDestroyNotify) import_free);
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Import *import = user_data;
  FlawDepsView *self = import->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  self->busy--;
  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Cannot read “%s”: %s"), import->display_name, error->message);
          _flaw_deps_view_show_error (self, message);
        }
      import_free (import);
      return;
    }

  if (length > MAX_IMPORT_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is larger than 64 MiB; that is not a lock file or "
                                                    "SBOM Flawdesk can read."), import->display_name);

      _flaw_deps_view_show_error (self, message);
      import_free (import);
      return;
    }

  import->list = flaw_dependency_list_parse (contents, length, FLAW_DEPENDENCY_FORMAT_AUTO,
                                             import->display_name, &error);
  if (import->list == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot import “%s”: %s"), import->display_name,
                                                  error->message);

      _flaw_deps_view_show_error (self, message);
      import_free (import);
      return;
    }

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), preview_job, import, NULL,
                        (GDestroyNotify) flaw_import_preview_free, self->cancellable, previewed_cb, import);
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  flaw_deps_view_import_file (FLAW_DEPS_VIEW (user_data), file);
}

void
_flaw_deps_view_import_clicked_cb (FlawDepsView *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char * const patterns[] = { "*.json", "*.txt", "*.lock", "go.sum", "*.sum", NULL };

  gtk_file_filter_set_name (filter, _("SBOMs and lock files"));
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  flaw_file_chooser_open (_flaw_deps_view_get_window (self), _("Import Components"), filter, file_chosen_cb,
                          g_object_ref (self), g_object_unref);
}

/**
 * flaw_deps_view_import_file:
 *
 * Reads @file as an SBOM or lock file and shows what importing it would
 * add, change and remove; nothing is written before the user confirms.
 */
void
flaw_deps_view_import_file (FlawDepsView *self,
                            GFile        *file)
{
  Import *import;

  g_return_if_fail (FLAW_IS_DEPS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->display_name = g_file_get_basename (file);
  /* The same key as `flawdesk-cli deps import PATH`, so both update one list. */
  import->import_source = g_file_peek_path (file) != NULL ? g_strdup (g_file_peek_path (file))
                                                          : g_file_get_uri (file);

  self->busy++;
  g_file_load_contents_async (file, self->cancellable, file_loaded_cb, import);
}
