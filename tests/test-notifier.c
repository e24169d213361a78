/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-clock.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-jmap-source.h"
#include "flaw-notifier.h"
#include "flaw-source-factory.h"
#include "flaw-sync-service.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

#define USER "security@example.org"
#define PASSWORD "app-password-Nt42"
#define T0 1790000000

typedef struct
{
  FlawSyncService *service;
  GPtrArray       *outcomes;
  gboolean         done;
} SyncWait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->outcomes = flaw_sync_service_sync_finish (FLAW_SYNC_SERVICE (object), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

/* Syncs every source through the service and waits for the run to end. */
static void
sync_all (FlawSyncService *service)
{
  SyncWait wait = { service, NULL, FALSE };

  flaw_sync_service_sync_async (service, 0, NULL, sync_done_cb, &wait);
  FLAW_TEST_WAIT_UNTIL (wait.done, 20000);
  g_assert_cmpuint (wait.outcomes->len, ==, 1);
  g_assert_true (((FlawSyncOutcome *) g_ptr_array_index (wait.outcomes, 0))->success);
  g_ptr_array_unref (wait.outcomes);
}

static gboolean
has_summary (FlawTestNotifications *notifications,
             guint                  from,
             const char            *summary)
{
  for (guint i = from; i < flaw_test_notifications_get_count (notifications); i++)
    if (g_str_equal (flaw_test_notifications_get_summary (notifications, i), summary))
      return TRUE;

  return FALSE;
}

static void
add_emails (FlawFakeJmapServer *server,
            const char         *inbox,
            guint               first,
            guint               n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *message_id = g_strdup_printf ("n%u@example.org", i);
      g_autofree char *subject = g_strdup_printf ("Report number %u", i);

      flaw_fake_jmap_server_add_email (server, inbox, message_id, NULL, subject, "Finder",
                                       "finder@example.org", "Steps to reproduce.", NULL, T0 + i);
    }
}

static void
test_sync_notifications (void)
{
  g_autoptr(FlawTestNotifications) notifications = flaw_test_notifications_new ();
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autoptr(FlawFakeJmapServer) server = flaw_fake_jmap_server_new (USER, PASSWORD);
  g_autoptr(GApplication) application = NULL;
  g_autoptr(FlawSyncService) service = NULL;
  g_autoptr(FlawNotifier) notifier = NULL;
  g_autoptr(FlawSyncOutcome) osv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_url = flaw_fake_jmap_server_dup_session_url (server);
  g_autofree char *config = NULL;
  FlawSourceFactoryData *factory_data;
  FlawTestSync sync = { 0 };
  const char *inbox;
  guint before;

  flaw_clock_set_fixed (T0 + 100000);
  application = g_application_new ("io.github.flawdesk.NotifierTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);

  inbox = flaw_fake_jmap_server_add_mailbox (server, "Inbox", "inbox");
  flaw_test_sync_init (&sync, dir);
  config = flaw_jmap_source_build_config (session_url, USER, "basic", NULL, &error);
  g_assert_no_error (error);
  flaw_test_sync_add_source (&sync, "jmap", "Security inbox", config, PASSWORD);

  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = g_object_ref (sync.http);
  factory_data->credentials = g_object_ref (sync.credentials);
  service = flaw_sync_service_new (sync.store, flaw_source_factory_create, factory_data,
                                   (GDestroyNotify) flaw_source_factory_data_free);
  notifier = flaw_notifier_new (application, sync.store, service);

  /* Two new reports: one notification each, titled with the report. */
  add_emails (server, inbox, 1, 2);
  sync_all (service);
  FLAW_TEST_WAIT_UNTIL (flaw_test_notifications_get_count (notifications) == 2, 5000);
  g_assert_true (has_summary (notifications, 0, "Report number 1"));
  g_assert_true (has_summary (notifications, 0, "Report number 2"));
  g_assert_cmpstr (flaw_test_notifications_get_body (notifications, 0), ==,
                   "New vulnerability report from source “Security inbox”");

  /* Nothing new: nothing announced. */
  sync_all (service);
  flaw_test_drain ();
  g_assert_cmpuint (flaw_test_notifications_get_count (notifications), ==, 2);

  /* Three at once is still one each. */
  add_emails (server, inbox, 3, 3);
  sync_all (service);
  FLAW_TEST_WAIT_UNTIL (flaw_test_notifications_get_count (notifications) == 5, 5000);
  g_assert_true (has_summary (notifications, 2, "Report number 3"));
  g_assert_true (has_summary (notifications, 2, "Report number 5"));

  /* More than three at once: one summary. */
  add_emails (server, inbox, 6, 5);
  sync_all (service);
  FLAW_TEST_WAIT_UNTIL (flaw_test_notifications_get_count (notifications) == 6, 5000);
  flaw_test_drain ();
  g_assert_cmpuint (flaw_test_notifications_get_count (notifications), ==, 6);
  g_assert_cmpstr (flaw_test_notifications_get_summary (notifications, 5), ==, "5 new vulnerability reports");
  g_assert_cmpstr (flaw_test_notifications_get_body (notifications, 5), ==, "Open the Inbox to acknowledge them.");

  /* The dependency feed announces vulnerabilities, not reports. */
  before = flaw_test_notifications_get_count (notifications);
  osv = g_new0 (FlawSyncOutcome, 1);
  osv->kind = g_strdup ("osv");
  osv->name = g_strdup ("OSV");
  osv->success = TRUE;
  osv->n_new = 2;
  osv->new_report_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_emit_by_name (service, "reports-arrived", osv);
  g_signal_emit_by_name (service, "sync-finished");
  FLAW_TEST_WAIT_UNTIL (flaw_test_notifications_get_count (notifications) == before + 1, 5000);
  flaw_test_drain ();
  g_assert_cmpuint (flaw_test_notifications_get_count (notifications), ==, before + 1);
  g_assert_cmpstr (flaw_test_notifications_get_summary (notifications, before), ==,
                   "2 new vulnerabilities affect your components");

  g_clear_object (&notifier);
  g_clear_object (&service);
  flaw_test_sync_clear (&sync);
  flaw_test_remove_tree (dir);
  flaw_clock_unset_fixed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* Notifications travel over the session bus, and sources keep their
   * secrets in the keyring. */
  if (flaw_test_skip_without_secret_service ())
    return 0;

  g_test_add_func ("/flawdesk/notifier/sync", test_sync_notifications);

  return g_test_run ();
}
