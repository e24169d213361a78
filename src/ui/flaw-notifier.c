/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-deps-view.h"
#include "flaw-notifier.h"
#include "flaw-report-store.h"

/*
 * Desktop notifications for what a sync run brought: one notification per
 * new report, or one summary when more than FLAW_NOTIFIER_MAX_SINGLE arrive
 * in one run, and "new-vulnerabilities" for the dependency feed (OSV), which
 * brings vulnerabilities rather than reports.
 */
struct _FlawNotifier
{
  GObject       parent_instance;

  GApplication *application;  /* not owned: the application owns this */
  FlawStore    *store;

  /* New reports of the sync run in progress. */
  GArray       *arrived_ids;
};

G_DEFINE_FINAL_TYPE (FlawNotifier, flaw_notifier, G_TYPE_OBJECT)

typedef struct
{
  GArray *ids;
} NotifyJob;

static void
notify_job_free (NotifyJob *job)
{
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static gpointer
load_reports_job (FlawDatabase  *database,
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
send_report_notification (FlawNotifier *self,
                          FlawReport   *report)
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
  g_application_send_notification (self->application, id, notification);
}

static void
reports_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FlawNotifier) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  if (!(reports = flaw_store_run_finish (FLAW_STORE (object), result, &error)))
    {
      g_warning ("Cannot announce new reports: %s", error->message);
      return;
    }

  if (self->application == NULL)
    return;

  for (guint i = 0; i < reports->len; i++)
    send_report_notification (self, g_ptr_array_index (reports, i));
}

static void
reports_arrived_cb (FlawNotifier    *self,
                    FlawSyncOutcome *outcome)
{
  /* The dependency feed brings vulnerabilities, not reports. */
  if (g_strcmp0 (outcome->kind, "osv") == 0)
    {
      if (outcome->n_new > 0 && self->application != NULL)
        {
          g_autoptr(GNotification) notification = flaw_deps_view_new_notification (outcome->n_new);

          g_application_send_notification (self->application, "new-vulnerabilities", notification);
        }
      return;
    }

  if (outcome->new_report_ids != NULL)
    g_array_append_vals (self->arrived_ids, outcome->new_report_ids->data,
                         outcome->new_report_ids->len);
}

static void
sync_finished_cb (FlawNotifier *self)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->arrived_ids);
  NotifyJob *job;

  self->arrived_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids->len == 0 || self->application == NULL)
    return;

  if (ids->len > FLAW_NOTIFIER_MAX_SINGLE)
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
      g_application_send_notification (self->application, "new-reports", notification);
      return;
    }

  job = g_new0 (NotifyJob, 1);
  job->ids = g_steal_pointer (&ids);
  flaw_store_run_async (self->store, load_reports_job, job,
                        (GDestroyNotify) notify_job_free, (GDestroyNotify) g_ptr_array_unref,
                        NULL, reports_loaded_cb, g_object_ref (self));
}

static void
flaw_notifier_finalize (GObject *object)
{
  FlawNotifier *self = (FlawNotifier *)object;

  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_pointer (&self->arrived_ids, g_array_unref);

  G_OBJECT_CLASS (flaw_notifier_parent_class)->finalize (object);
}

static void
flaw_notifier_class_init (FlawNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_notifier_finalize;
}

static void
flaw_notifier_init (FlawNotifier *self)
{
  self->arrived_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * flaw_notifier_new:
 * @application: where notifications are sent (held weakly)
 * @store: the store the new reports are read from
 * @sync_service: the sync service whose runs are announced
 *
 * Returns: (transfer full): a notifier, connected to @sync_service
 */
FlawNotifier *
flaw_notifier_new (GApplication    *application,
                   FlawStore       *store,
                   FlawSyncService *sync_service)
{
  FlawNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FLAW_IS_STORE (store), NULL);
  g_return_val_if_fail (FLAW_IS_SYNC_SERVICE (sync_service), NULL);

  self = g_object_new (FLAW_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);

  g_signal_connect_object (sync_service, "reports-arrived",
                           G_CALLBACK (reports_arrived_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync_service, "sync-finished",
                           G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);

  return self;
}
