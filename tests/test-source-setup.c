/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-source-setup.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

typedef struct
{
  char          *dir;
  FlawTestSync   sync;
  GAsyncResult  *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = flaw_test_make_tmp_dir ();
  flaw_test_sync_init (&fixture->sync, fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  flaw_test_sync_clear (&fixture->sync);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  char *secret = flaw_credentials_lookup_finish (FLAW_CREDENTIALS (object), result, error);

  if (secret != NULL)
    {
      g_assert_cmpstr (secret, ==, "token-1");
      secret_password_free (secret);
      *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "found");
    }
}

static GError *
lookup (Fixture *fixture,
        gint64   id)
{
  GError *error = NULL;

  flaw_credentials_lookup_async (fixture->sync.credentials, id, NULL, lookup_cb, &error);
  FLAW_TEST_WAIT_UNTIL (error != NULL, 15000);

  return error;
}

static void
test_add_remove (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  fixture->result = NULL;
  flaw_source_setup_add_async (fixture->sync.store, fixture->sync.credentials, "github", "GH",
                               "{\"repos\":[\"a/b\"]}", "token-1", NULL, done_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->result != NULL, 15000);
  id = flaw_source_setup_add_finish (fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  error = lookup (fixture, id);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Refused by the database: nothing goes to the keyring. */
  g_clear_object (&fixture->result);
  flaw_source_setup_add_async (fixture->sync.store, fixture->sync.credentials, "github", "GH",
                               "{}", "token-2", NULL, done_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->result != NULL, 15000);
  g_assert_cmpint (flaw_source_setup_add_finish (fixture->result, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  error = lookup (fixture, id + 1);
  g_assert_error (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&fixture->result);
  flaw_source_setup_add_async (fixture->sync.store, fixture->sync.credentials, "jmap", "Empty",
                               "{}", "", NULL, done_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->result != NULL, 15000);
  g_assert_cmpint (flaw_source_setup_add_finish (fixture->result, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "needs a password or token"));
  g_clear_error (&error);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM source", NULL), ==, 1);

  /* Removed: the row and the secret; reports would stay. */
  g_clear_object (&fixture->result);
  flaw_source_setup_remove_async (fixture->sync.store, fixture->sync.credentials, id, NULL, done_cb, fixture);
  FLAW_TEST_WAIT_UNTIL (fixture->result != NULL, 15000);
  g_assert_true (flaw_source_setup_remove_finish (fixture->result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM source", NULL), ==, 0);
  error = lookup (fixture, id);
  g_assert_error (error, FLAW_CREDENTIALS_ERROR, FLAW_CREDENTIALS_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

  g_test_add ("/flawdesk/source-setup/add-remove", Fixture, NULL, fixture_set_up, test_add_remove,
              fixture_tear_down);

  return g_test_run ();
}
