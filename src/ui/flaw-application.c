/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "flaw-application.h"
#include "flaw-deps-view.h"
#include "flaw-report-store.h"
#include "flaw-source-factory.h"
#include "flaw-sync-service.h"
#include "flaw-window.h"

/* More new reports than this in one sync make one summary notification. */
#define MAX_SINGLE_NOTIFICATIONS 3

struct _FlawApplication
{
  AdwApplication  parent_instance;

  FlawContext     *context;
  FlawSyncService *sync_service;
  GError          *open_error;

  /* New reports of the sync run in progress, for its notifications. */
  GArray          *arrived_ids;
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

typedef struct
{
  GArray    *ids;
  GPtrArray *reports;
} NotifyJob;

static void
notify_job_free (NotifyJob *job)
{
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->reports, g_ptr_array_unref);
  g_free (job);
}

static gpointer
load_titles_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  NotifyJob *job = data;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < job->ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      FlawReport *report;

      /* A report removed since the sync has nothing to announce. */
      report = _flaw_report_store_get (database, g_array_index (job->ids, gint64, i), &local_error);
      if (report != NULL)
        g_ptr_array_add (reports, report);
    }

  return g_steal_pointer (&reports);
}

static void
send_report_notification (FlawApplication *self,
                          FlawReport      *report)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  const char *source = flaw_report_get_source_name (report);

  /* The title is the researcher's text; the notification's title is never
   * markup, while a body may be, so the body holds only Flawdesk's words. */
  notification = g_notification_new (flaw_report_get_title (report));
  if (source != NULL)
    body = g_strdup_printf (_("New vulnerability report from source “%s”"), source);
  else
    body = g_strdup (_("New vulnerability report"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-report", "x",
                                                flaw_report_get_id (report));

  id = g_strdup_printf ("report-%" G_GINT64_FORMAT, flaw_report_get_id (report));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
titles_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FlawApplication) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  if (!(reports = flaw_store_run_finish (FLAW_STORE (object), result, &error)))
    {
      g_warning ("Cannot announce new reports: %s", error->message);
      return;
    }

  for (guint i = 0; i < reports->len; i++)
    send_report_notification (self, g_ptr_array_index (reports, i));
}

static void
reports_arrived_cb (FlawApplication *self,
                    FlawSyncOutcome *outcome)
{
  /* The dependency feed brings vulnerabilities, not reports. */
  if (g_strcmp0 (outcome->kind, "osv") == 0)
    {
      if (outcome->n_new > 0)
        {
          g_autoptr(GNotification) notification = flaw_deps_view_new_notification (outcome->n_new);

          g_application_send_notification (G_APPLICATION (self), "new-vulnerabilities", notification);
        }
      return;
    }

  g_array_append_vals (self->arrived_ids, outcome->new_report_ids->data,
                       outcome->new_report_ids->len);
}

static void
sync_finished_cb (FlawApplication *self)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->arrived_ids);
  NotifyJob *job;

  self->arrived_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids->len == 0)
    return;

  if (ids->len > MAX_SINGLE_NOTIFICATIONS)
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new vulnerability report",
                                            "%u new vulnerability reports", ids->len),
                               ids->len);
      notification = g_notification_new (title);
      g_notification_set_body (notification, _("Open the Inbox to acknowledge them."));
      g_notification_set_default_action_and_target (notification, "app.show-report", "x",
                                                    (gint64) 0);
      g_application_send_notification (G_APPLICATION (self), "new-reports", notification);
      return;
    }

  job = g_new0 (NotifyJob, 1);
  job->ids = g_steal_pointer (&ids);
  flaw_store_run_async (flaw_context_get_store (self->context), load_titles_job, job,
                        (GDestroyNotify) notify_job_free, (GDestroyNotify) g_ptr_array_unref,
                        NULL, titles_loaded_cb, g_object_ref (self));
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
  g_signal_connect_object (self->sync_service, "reports-arrived",
                           G_CALLBACK (reports_arrived_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_service, "sync-finished",
                           G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);

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
  g_clear_pointer (&self->arrived_ids, g_array_unref);
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
  self->arrived_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
