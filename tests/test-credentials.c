/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gunixsocketaddress.h>

#include "flaw-credentials.h"
#include "flaw-test-utils.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *secret;
  GError   *error;
} Result;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;
  FlawCredentials *credentials = FLAW_CREDENTIALS (object);
  gpointer tag = g_task_get_source_tag (G_TASK (result));

  if (tag == flaw_credentials_lookup_async)
    {
      r->secret = flaw_credentials_lookup_finish (credentials, result, &r->error);
      r->ok = r->secret != NULL;
    }
  else if (tag == flaw_credentials_store_async)
    r->ok = flaw_credentials_store_finish (credentials, result, &r->error);
  else
    r->ok = flaw_credentials_clear_finish (credentials, result, &r->error);

  r->done = TRUE;
}

static void
result_clear (Result *r)
{
  if (r->secret != NULL)
    secret_password_free (r->secret);
  r->secret = NULL;
  g_clear_error (&r->error);
  r->done = r->ok = FALSE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(FlawCredentials) credentials = flaw_credentials_new ("/tmp/flawdesk-test-credentials.db");
  g_autoptr(FlawCredentials) other_database = flaw_credentials_new ("/tmp/flawdesk-other.db");
  Result r = { 0 };

  /* The real keyring of the test session, never waited on for long. */
  flaw_credentials_set_timeout (credentials, 10000);

  flaw_credentials_store_async (credentials, 7, "Security inbox", "s3cret ünïcode", NULL, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 15000);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  result_clear (&r);

  flaw_credentials_lookup_async (credentials, 7, NULL, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 15000);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.secret, ==, "s3cret ünïcode");
  result_clear (&r);

  /* Source 7 of another database is another secret. */
  flaw_credentials_lookup_async (other_database, 7, NULL, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 15000);
  g_assert_error (r.error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NOT_FOUND);
  result_clear (&r);

  flaw_credentials_clear_async (credentials, 7, NULL, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 15000);
  g_assert_no_error (r.error);
  result_clear (&r);

  flaw_credentials_lookup_async (credentials, 7, NULL, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 15000);
  g_assert_error (r.error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (r.error->message, "Preferences → Sources"));
  result_clear (&r);
}

static void
test_cancel (void)
{
  g_autoptr(FlawCredentials) credentials = flaw_credentials_new ("/tmp/flawdesk-test-credentials.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  g_cancellable_cancel (cancellable);
  flaw_credentials_lookup_async (credentials, 8, cancellable, done_cb, &r);
  FLAW_TEST_WAIT_UNTIL (r.done, 5000);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&r);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FlawCredentials) credentials = NULL;
      Result r = { 0 };

      /* A session bus that does not exist: nothing can answer. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/flawdesk-bus", TRUE);
      credentials = flaw_credentials_new ("/tmp/flawdesk-test-credentials.db");
      flaw_credentials_set_timeout (credentials, 5000);
      flaw_credentials_lookup_async (credentials, 1, NULL, done_cb, &r);
      FLAW_TEST_WAIT_UNTIL (r.done, 10000);
      g_assert_error (r.error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NO_SERVICE);
      g_print ("%s\n", r.error->message);
      result_clear (&r);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*No Secret Service is available*");
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  /* Accept and never answer: a Secret Service that hangs. */
  g_ptr_array_add (user_data, g_object_ref (connection));

  return TRUE;
}

static void
test_timeout (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FlawCredentials) credentials = NULL;
      g_autoptr(GSocketService) service = g_socket_service_new ();
      g_autoptr(GSocketAddress) address = NULL;
      g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = flaw_test_make_tmp_dir ();
      g_autofree char *path = g_build_filename (dir, "bus", NULL);
      g_autofree char *bus = g_strconcat ("unix:path=", path, NULL);
      gint64 start;
      Result r = { 0 };

      address = g_unix_socket_address_new (path);
      g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, &error);
      g_assert_no_error (error);
      g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), held);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

      credentials = flaw_credentials_new ("/tmp/flawdesk-test-credentials.db");
      flaw_credentials_set_timeout (credentials, 1000);
      start = g_get_monotonic_time ();
      flaw_credentials_lookup_async (credentials, 1, NULL, done_cb, &r);
      FLAW_TEST_WAIT_UNTIL (r.done, 10000);
      g_assert_error (r.error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_LOCKED);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_print ("%s\n", r.error->message);
      result_clear (&r);
      g_socket_service_stop (service);
      flaw_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*did not answer within 1 seconds*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

  g_test_add_func ("/flawdesk/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/flawdesk/credentials/cancel", test_cancel);
  g_test_add_func ("/flawdesk/credentials/no-service", test_no_service);
  g_test_add_func ("/flawdesk/credentials/timeout", test_timeout);

  return g_test_run ();
}
