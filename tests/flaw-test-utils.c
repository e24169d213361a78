/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/wait.h>

#include "flaw-test-utils.h"

char *
flaw_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("flawdesk-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

void
flaw_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          flaw_test_remove_tree (child);
        }
      g_dir_close (dir);
    }

  g_rmdir (path);
}

gboolean
flaw_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
flaw_test_drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/**
 * flaw_test_run_cli:
 * @db_path: (nullable): passed as --db when not %NULL
 * @out: (out) (optional): standard output
 * @err: (out) (optional): standard error
 * @...: further arguments, %NULL-terminated
 *
 * Runs the built flawdesk-cli.
 *
 * Returns: its exit status
 */
int
flaw_test_run_cli (const char  *db_path,
                   char       **out,
                   char       **err,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  const char *cli = g_getenv ("FLAWDESK_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  if (db_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db_path);
    }

  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &stdout_buf, &stderr_buf, &wait_status, &error);
  g_assert_no_error (error);

  g_test_message ("flawdesk-cli stdout: %s", stdout_buf);
  g_test_message ("flawdesk-cli stderr: %s", stderr_buf);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);

  g_assert_true (WIFEXITED (wait_status));

  return WEXITSTATUS (wait_status);
}

struct _FlawTestNotifications
{
  GDBusConnection *bus;
  GPtrArray       *summaries;
  GPtrArray       *bodies;
  guint            object_id;
  guint            name_id;
  gboolean         acquired;
};

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  FlawTestNotifications *self = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (self->summaries, g_strdup (summary));
      g_ptr_array_add (self->bodies, g_strdup (body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", self->summaries->len));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_name_acquired_cb (GDBusConnection *connection,
                                const char      *name,
                                gpointer         user_data)
{
  ((FlawTestNotifications *) user_data)->acquired = TRUE;
}

/**
 * flaw_test_notifications_new:
 *
 * Owns org.freedesktop.Notifications on the session bus (run the test under
 * dbus-run-session) and returns once the name is ours.
 */
FlawTestNotifications *
flaw_test_notifications_new (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  FlawTestNotifications *self = g_new0 (FlawTestNotifications, 1);

  self->summaries = g_ptr_array_new_with_free_func (g_free);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->object_id = g_dbus_connection_register_object (self->bus, "/org/freedesktop/Notifications",
                                                       node->interfaces[0], &vtable, self, NULL, &error);
  g_assert_no_error (error);
  self->name_id = g_bus_own_name_on_connection (self->bus, "org.freedesktop.Notifications",
                                                G_BUS_NAME_OWNER_FLAGS_NONE,
                                                notifications_name_acquired_cb, NULL, self, NULL);
  FLAW_TEST_WAIT_UNTIL (self->acquired, 5000);

  return self;
}

void
flaw_test_notifications_free (FlawTestNotifications *self)
{
  g_bus_unown_name (self->name_id);
  g_dbus_connection_unregister_object (self->bus, self->object_id);
  g_clear_object (&self->bus);
  g_ptr_array_unref (self->summaries);
  g_ptr_array_unref (self->bodies);
  g_free (self);
}

guint
flaw_test_notifications_get_count (FlawTestNotifications *self)
{
  return self->summaries->len;
}

const char *
flaw_test_notifications_get_summary (FlawTestNotifications *self,
                                     guint                  index)
{
  g_assert_cmpuint (index, <, self->summaries->len);

  return g_ptr_array_index (self->summaries, index);
}

const char *
flaw_test_notifications_get_body (FlawTestNotifications *self,
                                  guint                  index)
{
  g_assert_cmpuint (index, <, self->bodies->len);

  return g_ptr_array_index (self->bodies, index);
}

/**
 * flaw_test_skip_without_secret_service:
 *
 * Build environments without a session bus (the Flatpak build's
 * `run-tests`) set FLAWDESK_TEST_NO_SECRET_SERVICE=1. There the tests that
 * keep secrets in the keyring report themselves skipped; everywhere else
 * (CI runs them in a session with an unlocked keyring) they must run.
 *
 * Returns: %TRUE when the caller should exit 0 at once
 */
gboolean
flaw_test_skip_without_secret_service (void)
{
  if (g_strcmp0 (g_getenv ("FLAWDESK_TEST_NO_SECRET_SERVICE"), "1") != 0)
    return FALSE;

  printf ("1..0 # SKIP no Secret Service in this build environment\n");

  return TRUE;
}
