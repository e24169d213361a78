/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-deps-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-dependency-store.h"
#include "flaw-dependency.h"
#include "flaw-deps-view-private.h"

/* Components by hand: add one, change its version, remove it. Each is
 * checked as it is typed and written through the store. */

typedef enum
{
  EDIT_ADD,
  EDIT_VERSION,
  EDIT_REMOVE,
} EditKind;

typedef struct
{
  FlawDepsView   *self;
  EditKind        kind;
  FlawDependency *dependency;  /* EDIT_ADD */
  gint64          component_id;
  char           *version;     /* EDIT_VERSION */
} Edit;

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->self);
  g_clear_pointer (&edit->dependency, flaw_dependency_free);
  g_free (edit->version);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static gpointer
edit_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Edit *edit = data;
  gboolean ok = FALSE;

  switch (edit->kind)
    {
    case EDIT_ADD:
      ok = flaw_component_add (database, edit->dependency, "manual", error) != 0;
      break;

    case EDIT_VERSION:
      ok = flaw_component_set_version (database, edit->component_id, edit->version, error);
      break;

    case EDIT_REMOVE:
      ok = flaw_component_remove (database, edit->component_id, error);
      break;

    default:
      g_assert_not_reached ();
    }

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
edited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Edit) edit = user_data;
  FlawDepsView *self = edit->self;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  if (self->shown != NULL && self->shown->id == edit->component_id)
    {
      if (edit->kind == EDIT_REMOVE)
        {
          g_clear_pointer (&self->shown, flaw_component_free);
          adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
        }
      else if (edit->kind == EDIT_VERSION)
        {
          g_autofree char *title = g_strdup_printf ("%s %s", self->shown->name, edit->version);
          g_autofree char *subtitle = g_strdup_printf (_("%s · never checked"), self->shown->ecosystem);

          g_free (self->shown->version);
          self->shown->version = g_strdup (edit->version);
          self->shown->checked = FALSE;
          _flaw_deps_view_set_details_title (self, title, subtitle);
        }
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "component");
}

static void
run_edit (FlawDepsView *self,
          Edit         *edit)
{
  edit->self = g_object_ref (self);
  self->busy++;
  /* edited_cb reads the edit after the job, then frees it. */
  flaw_store_run_async (flaw_context_get_store (self->context), edit_job, edit, NULL, NULL,
                        self->cancellable, edited_cb, edit);
}

/* A list of entry rows in the dialog, as in GNOME Settings. */
static GtkWidget *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = _flaw_deps_plain_label ("", "error");

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);

  return label;
}

/* Shows @error under the fields, or hides the label when all is well
 * or nothing was typed yet. */
static void
show_validation (GtkWidget    *label,
                 const GError *error,
                 gboolean      typed)
{
  gtk_label_set_text (GTK_LABEL (label), error != NULL ? error->message : "");
  gtk_widget_set_visible (label, error != NULL && typed);
}

/* Add */

static const char *
selected_ecosystem (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
add_changed_cb (AdwMessageDialog *dialog)
{
  AdwComboRow *ecosystem = g_object_get_data (G_OBJECT (dialog), "ecosystem");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *version = g_object_get_data (G_OBJECT (dialog), "version");
  GtkWidget *message = g_object_get_data (G_OBJECT (dialog), "message");
  const char *name_text = gtk_editable_get_text (name);
  const char *version_text = gtk_editable_get_text (version);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  /* A field is judged once something was typed in it: an empty form is
   * not an error, the insensitive button says enough. */
  if (*name_text != '\0')
    g_object_set_data (G_OBJECT (dialog), "name-typed", GINT_TO_POINTER (TRUE));
  if (*version_text != '\0')
    g_object_set_data (G_OBJECT (dialog), "version-typed", GINT_TO_POINTER (TRUE));

  valid = flaw_dependency_check (selected_ecosystem (ecosystem), name_text, version_text, &error);
  show_validation (message, error,
                   g_object_get_data (G_OBJECT (dialog), "name-typed") != NULL &&
                   g_object_get_data (G_OBJECT (dialog), "version-typed") != NULL);
  adw_message_dialog_set_response_enabled (dialog, "add", valid);
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 FlawDepsView     *self)
{
  AdwComboRow *ecosystem = g_object_get_data (G_OBJECT (dialog), "ecosystem");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *version = g_object_get_data (G_OBJECT (dialog), "version");
  Edit *edit;

  if (g_strcmp0 (response, "add") != 0 || g_object_get_data (G_OBJECT (dialog), "answered") != NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ADD;
  edit->dependency = flaw_dependency_new (selected_ecosystem (ecosystem), gtk_editable_get_text (name),
                                          gtk_editable_get_text (version));
  run_edit (self, edit);
}

void
_flaw_deps_view_add_clicked_cb (FlawDepsView *self)
{
  g_autoptr(GtkStringList) ecosystems = gtk_string_list_new ((const char * const *) flaw_dependency_get_ecosystems ());
  GtkWidget *dialog, *box, *list, *ecosystem, *name, *version, *message;

  dialog = adw_message_dialog_new (_flaw_deps_view_get_window (self), _("Add Component"),
                                   _("A package the team ships that no imported file lists. It is checked "
                                     "against OSV at the next sync."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = new_boxed_list ();
  ecosystem = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ecosystem), _("Ecosystem"));
  adw_combo_row_set_model (ADW_COMBO_ROW (ecosystem), G_LIST_MODEL (ecosystems));
  name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  version = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (version), _("Version"));
  gtk_list_box_append (GTK_LIST_BOX (list), ecosystem);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), version);
  message = new_error_label ();
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "ecosystem", ecosystem);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "version", version);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect_swapped (ecosystem, "notify::selected", G_CALLBACK (add_changed_cb), dialog);
  g_signal_connect_swapped (name, "changed", G_CALLBACK (add_changed_cb), dialog);
  g_signal_connect_swapped (version, "changed", G_CALLBACK (add_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

/* Change version */

static void
version_changed_cb (AdwMessageDialog *dialog)
{
  FlawDepsView *self = g_object_get_data (G_OBJECT (dialog), "view");
  GtkEditable *version = g_object_get_data (G_OBJECT (dialog), "version");
  GtkWidget *message = g_object_get_data (G_OBJECT (dialog), "message");
  const char *text = gtk_editable_get_text (version);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  if (self->shown == NULL)
    return;

  valid = flaw_dependency_check (self->shown->ecosystem, self->shown->name, text, &error);
  show_validation (message, error, TRUE);
  adw_message_dialog_set_response_enabled (dialog, "change", valid && !g_str_equal (text, self->shown->version));
}

static void
version_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FlawDepsView     *self)
{
  GtkEditable *version = g_object_get_data (G_OBJECT (dialog), "version");
  Edit *edit;

  if (g_strcmp0 (response, "change") != 0 || g_object_get_data (G_OBJECT (dialog), "answered") != NULL ||
      self->shown == NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_VERSION;
  edit->component_id = self->shown->id;
  edit->version = g_strdup (gtk_editable_get_text (version));
  run_edit (self, edit);
}

void
_flaw_deps_view_version_clicked_cb (FlawDepsView *self)
{
  GtkWidget *dialog, *box, *list, *version, *message;

  if (self->shown == NULL)
    return;

  dialog = adw_message_dialog_new (_flaw_deps_view_get_window (self), _("Change Version"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("What is known to affect %s %s is dropped; the new version is "
                                    "checked at the next sync."),
                                  self->shown->name, self->shown->version);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = new_boxed_list ();
  version = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (version), _("Version"));
  gtk_editable_set_text (GTK_EDITABLE (version), self->shown->version);
  gtk_list_box_append (GTK_LIST_BOX (list), version);
  message = new_error_label ();
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_object_set_data (G_OBJECT (dialog), "version", version);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect_swapped (version, "changed", G_CALLBACK (version_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (version_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (version);
}

/* Remove: the store keeps no removed components to restore, so the
 * removal is confirmed first. */

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    FlawDepsView     *self)
{
  Edit *edit;

  if (g_strcmp0 (response, "remove") != 0 || g_object_get_data (G_OBJECT (dialog), "answered") != NULL ||
      self->shown == NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_REMOVE;
  edit->component_id = self->shown->id;
  run_edit (self, edit);
}

void
_flaw_deps_view_remove_clicked_cb (FlawDepsView *self)
{
  GtkWidget *dialog;

  if (self->shown == NULL)
    return;

  dialog = adw_message_dialog_new (_flaw_deps_view_get_window (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s %s?"),
                                     self->shown->name, self->shown->version);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               g_str_equal (self->shown->import_source, "manual")
                               ? _("What is known to affect it and its suppressions are removed with it. "
                                   "This cannot be undone.")
                               : _("What is known to affect it and its suppressions are removed with it. "
                                   "It came from an import: importing that file again adds it back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
