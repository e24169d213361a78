/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "flaw-application.h"
#include "flaw-deps-view.h"
#include "flaw-notifier.h"
#include "flaw-source-factory.h"
#include "flaw-sync-service.h"
#include "flaw-window.h"

struct _FlawApplication
{
  AdwApplication  parent_instance;

  FlawContext     *context;
  FlawSyncService *sync_service;
  GError          *open_error;
  FlawNotifier    *notifier;
};

G_DEFINE_FINAL_TYPE (FlawApplication, flaw_application, ADW_TYPE_APPLICATION)

static void
show_open_error (FlawApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->open_error == NULL || !FLAW_IS_WINDOW (window))
    return;

  flaw_window_show_database_error (FLAW_WINDOW (window), self->open_error);
}

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FlawApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!flaw_store_open_finish (FLAW_STORE (object), result, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&self->open_error);
      self->open_error = g_steal_pointer (&error);
      show_open_error (self);
      return;
    }

  /* Sync now, then every interval from Preferences. */
  flaw_sync_service_start (self->sync_service);
}

static void
show_report_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FlawApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FLAW_IS_WINDOW (window))
    flaw_window_show_report (FLAW_WINDOW (window), g_variant_get_int64 (parameter));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FlawApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FLAW_IS_WINDOW (window))
    flaw_window_show_preferences (FLAW_WINDOW (window));
}

static void
dependencies_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FlawApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (flaw_deps_view_new_window (self->context, window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FlawApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FLAW_IS_WINDOW (window))
    flaw_window_show_about (FLAW_WINDOW (window));
}

static void
show_review_due_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FlawApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }

  if (FLAW_IS_WINDOW (window))
    {
      flaw_window_show_review_due (FLAW_WINDOW (window));
      gtk_window_present (window);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FlawApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows first so each saves its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "dependencies", dependencies_action },
  { "about", about_action },
  { "show-review-due", show_review_due_action },
  { "quit", quit_action },
  { "show-report", show_report_action, "x" },
};

static void
flaw_application_startup (GApplication *application)
{
  FlawApplication *self = FLAW_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FlawStore) store = NULL;
  FlawSourceFactoryData *factory_data;
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (flaw_application_parent_class)->startup (application);

  g_set_application_name (_("Flawdesk"));
  gtk_window_set_default_icon_name (APP_ID);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("The settings schema %s is not installed. Install Flawdesk with "
                    "“meson install”, or run it from the build folder with "
                    "“meson devenv -C _build flawdesk”.\n"), APP_ID);
      exit (EXIT_FAILURE);
    }

  settings = g_settings_new (APP_ID);
  store = flaw_store_new (NULL);

  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = flaw_http_new ();
  factory_data->credentials = flaw_credentials_new (flaw_store_get_path (store));
  self->sync_service = flaw_sync_service_new (store, flaw_source_factory_create, factory_data,
                                              (GDestroyNotify) flaw_source_factory_data_free);
  flaw_sync_service_set_settings (self->sync_service, settings);
  self->notifier = flaw_notifier_new (G_APPLICATION (self), store, self->sync_service);

  self->context = flaw_context_new_with_sync_service (store, settings,
                                                      G_OBJECT (self->sync_service));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  flaw_store_open_async (store, NULL, store_open_cb, g_object_ref (self));
}

static void
flaw_application_activate (GApplication *application)
{
  FlawApplication *self = FLAW_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (flaw_window_new (GTK_APPLICATION (self), self->context));

  gtk_window_present (window);
  show_open_error (self);
}

static void
flaw_application_shutdown (GApplication *application)
{
  FlawApplication *self = FLAW_APPLICATION (application);

  if (self->sync_service != NULL)
    flaw_sync_service_stop (self->sync_service);

  G_APPLICATION_CLASS (flaw_application_parent_class)->shutdown (application);
}

static void
flaw_application_dispose (GObject *object)
{
  FlawApplication *self = (FlawApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->sync_service);
  g_clear_object (&self->notifier);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (flaw_application_parent_class)->dispose (object);
}

static void
flaw_application_class_init (FlawApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = flaw_application_dispose;

  app_class->startup = flaw_application_startup;
  app_class->activate = flaw_application_activate;
  app_class->shutdown = flaw_application_shutdown;
}

static void
flaw_application_init (FlawApplication *self)
{
}

FlawApplication *
flaw_application_new (void)
{
  return g_object_new (FLAW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

FlawContext *
flaw_application_get_context (FlawApplication *self)
{
  g_return_val_if_fail (FLAW_IS_APPLICATION (self), NULL);

  return self->context;
}
