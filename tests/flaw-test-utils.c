/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
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
