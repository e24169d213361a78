/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-front-door-page.h"
#include "flaw-credentials.h"
#include "flaw-preferences-window.h"
#include "flaw-source-dialog.h"
#include "flaw-source-store.h"

struct _FlawPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  FlawContext          *context;

  AdwEntryRow          *display_name_row;
  GtkSpinButton        *review_period_spin;
  GtkSpinButton        *sync_interval_spin;

  AdwPreferencesPage   *sources_page;
  GtkListBox           *sources_list;
  GtkLabel             *secret_service_label;
  GtkSpinButton        *acknowledge_spin;
  GtkSpinButton        *triage_spin;
  GtkSpinButton        *fix_critical_spin;
  GtkSpinButton        *fix_high_spin;
  GtkSpinButton        *fix_medium_spin;
  GtkSpinButton        *fix_low_spin;
  GtkSpinButton        *disclosure_spin;
  GtkSpinButton        *due_soon_spin;

  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (FlawPreferencesWindow, flaw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Async callbacks hold the window weakly: a strong reference would keep
 * a closed window alive past its transient parent. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);

  return ref;
}

static FlawPreferencesWindow *
weak_ref_steal (GWeakRef *ref)
{
  FlawPreferencesWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);

  return self;
}

static char *
describe_source (const FlawSourceInfo *info)
{
  const char *kind = g_strcmp0 (info->kind, "jmap") == 0 ? _("JMAP mailbox")
                   : g_strcmp0 (info->kind, "github") == 0 ? _("GitHub repositories")
                   : info->kind;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *when = NULL;

  if (info->last_sync_time <= 0)
    /* Translators: the kind of source, then its state */
    return g_strdup_printf (_("%s · not synced yet"), kind);

  date = g_date_time_new_from_unix_local (info->last_sync_time);
  /* Translators: see g_date_time_format() */
  when = g_date_time_format (date, _("%-d %b %Y %H:%M"));

  if (info->last_error != NULL)
    /* Translators: kind of source, time, error message */
    return g_strdup_printf (_("%s · failed %s: %s"), kind, when, info->last_error);

  /* Translators: kind of source, time, what the sync did */
  return g_strdup_printf (_("%s · synced %s: %s"), kind, when,
                          info->last_result != NULL ? info->last_result : "");
}

static void
source_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawPreferencesWindow) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!flaw_source_store_remove_finish (FLAW_STORE (object), result, &error))
    {
      if (self == NULL)
        return;
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  flaw_store_notify_changed (FLAW_STORE (object), "source");
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!flaw_credentials_clear_finish (FLAW_CREDENTIALS (object), result, &error))
    g_warning ("The secret of a removed source stays in the keyring: %s", error->message);
}

static void
remove_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    FlawPreferencesWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "source-id");
  FlawStore *store = flaw_context_get_store (self->context);
  g_autoptr(FlawCredentials) credentials = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  credentials = flaw_credentials_new (flaw_store_get_path (store));
  flaw_credentials_clear_async (credentials, id, NULL, secret_cleared_cb, NULL);
  flaw_source_store_remove_async (store, id, NULL, source_removed_cb, weak_ref_new (self));
}

static void
remove_clicked_cb (GtkButton             *button,
                   FlawPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "source-name");
  gint64 *id = g_object_get_data (G_OBJECT (button), "source-id");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Source?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will no longer be synced and its password or token is "
                                    "deleted from the keyring. Reports already synced from it are kept."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "source-id", g_memdup2 (id, sizeof *id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawPreferencesWindow) self = weak_ref_steal (user_data);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  sources = flaw_source_store_list_finish (FLAW_STORE (object), result, &error);
  if (self == NULL || self->context == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))) != NULL)
    gtk_list_box_remove (self->sources_list, child);

  if (sources == NULL || sources->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sources == NULL ? error->message
                                     : _("No sources yet. Add the mailbox or the repositories where researchers report flaws."));
      gtk_list_box_append (self->sources_list, row);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      FlawSourceInfo *info = g_ptr_array_index (sources, i);
      g_autofree char *subtitle = describe_source (info);
      g_autofree char *accessible = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

      accessible = g_strdup_printf (_("Remove source “%s”"), info->name);
      gtk_widget_set_tooltip_text (button, _("Remove Source"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "source-name", g_strdup (info->name), g_free);
      g_object_set_data_full (G_OBJECT (button), "source-id", g_memdup2 (&info->id, sizeof info->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->sources_list, row);
    }
}

static void
reload_sources (FlawPreferencesWindow *self)
{
  FlawStore *store = flaw_context_get_store (self->context);

  if (flaw_store_is_open (store))
    flaw_source_store_list_async (store, self->cancellable, sources_loaded_cb, weak_ref_new (self));
}

/* Asking for a secret nobody stored tells whether a Secret Service answers. */
static void
secret_probe_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawPreferencesWindow) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = flaw_credentials_lookup_finish (FLAW_CREDENTIALS (object), result, &error);
  if (self == NULL || self->context == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NO_SERVICE) ||
      g_error_matches (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_LOCKED))
    {
      gtk_label_set_label (self->secret_service_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->secret_service_label), TRUE);
    }
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FlawPreferencesWindow *self = FLAW_PREFERENCES_WINDOW (widget);
  FlawSourceDialog *dialog;

  dialog = flaw_source_dialog_new (self->context, g_variant_get_string (parameter, NULL));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
flaw_preferences_window_constructed (GObject *object)
{
  FlawPreferencesWindow *self = (FlawPreferencesWindow *)object;
  GSettings *settings;

  G_OBJECT_CLASS (flaw_preferences_window_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  settings = flaw_context_get_settings (self->context);

  g_settings_bind (settings, "display-name", self->display_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "review-period-days",
                   gtk_spin_button_get_adjustment (self->review_period_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval-minutes",
                   gtk_spin_button_get_adjustment (self->sync_interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (flaw_front_door_page_new (self->context)));
  {
    const struct { const char *key; GtkSpinButton *spin; } clocks[] = {
      { "triage-acknowledge-business-days", self->acknowledge_spin },
      { "triage-business-days", self->triage_spin },
      { "triage-fix-critical-days", self->fix_critical_spin },
      { "triage-fix-high-days", self->fix_high_spin },
      { "triage-fix-medium-days", self->fix_medium_spin },
      { "triage-fix-low-days", self->fix_low_spin },
      { "triage-disclosure-days", self->disclosure_spin },
      { "triage-due-soon-days", self->due_soon_spin },
    };

    for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
      g_settings_bind (settings, clocks[i].key,
                       gtk_spin_button_get_adjustment (clocks[i].spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
  }

  {
    FlawStore *store = flaw_context_get_store (self->context);
    g_autoptr(FlawCredentials) credentials = flaw_credentials_new (flaw_store_get_path (store));

    g_signal_connect_object (store, "changed::source", G_CALLBACK (reload_sources), self,
                             G_CONNECT_SWAPPED);
    reload_sources (self);

    flaw_credentials_set_timeout (credentials, 5000);
    flaw_credentials_lookup_async (credentials, -1, self->cancellable, secret_probe_cb,
                                   weak_ref_new (self));
  }
}

static void
flaw_preferences_window_dispose (GObject *object)
{
  FlawPreferencesWindow *self = (FlawPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_preferences_window_parent_class)->dispose (object);
}

static void
flaw_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FlawPreferencesWindow *self = FLAW_PREFERENCES_WINDOW (object);

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
flaw_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FlawPreferencesWindow *self = FLAW_PREFERENCES_WINDOW (object);

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
flaw_preferences_window_class_init (FlawPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_preferences_window_constructed;
  object_class->dispose = flaw_preferences_window_dispose;
  object_class->get_property = flaw_preferences_window_get_property;
  object_class->set_property = flaw_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/flaw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, review_period_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, sources_page);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, sources_list);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, secret_service_label);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, acknowledge_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, triage_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, fix_critical_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, fix_high_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, fix_medium_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, fix_low_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, disclosure_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, due_soon_spin);

  gtk_widget_class_install_action (widget_class, "prefs.add-source", "s", add_source_action);
}

static void
flaw_preferences_window_init (FlawPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

FlawPreferencesWindow *
flaw_preferences_window_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
