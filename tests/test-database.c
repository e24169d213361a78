/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flaw-clock.h"
#include "flaw-database.h"
#include "flaw-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* A subprocess works on its parent's files. */
  if (g_test_subprocess ())
    {
      fixture->path = g_strdup (g_getenv ("FLAWDESK_TEST_PATH"));
      return;
    }

  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "sub", "flawdesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dir != NULL)
    flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_clock_unset_fixed ();
}

static const FlawMigration test_migrations[] = {
  { 1, NULL, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);" },
  { 2, NULL, "ALTER TABLE note ADD COLUMN tag TEXT;" },
};

static const FlawMigration broken_migrations[] = {
  { 1, NULL, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);" },
  { 2, NULL, "ALTER TABLE note ADD COLUMN tag TEXT; CREATE TABLE note (oops);" },
};

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
insert_note (FlawDatabase *db,
             const char   *text)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = flaw_database_prepare (db, "INSERT INTO note (text) VALUES (?)", &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_true (flaw_database_execute (db, stmt, &error));
  g_assert_no_error (error);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *journal = NULL;
  GStatBuf st;
  sqlite3_stmt *stmt;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpstr (flaw_database_get_path (db), ==, fixture->path);
  g_assert_cmpuint (flaw_database_get_schema_version (db), ==, flaw_database_get_latest_version ());
  g_assert_cmpuint (flaw_database_get_latest_version (), >=, 1);
  /* A new file needs no backup. */
  g_assert_null (flaw_database_get_backup_path (db));

  /* Unpublished vulnerabilities: only the owner may read the file. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  stmt = flaw_database_prepare (db, "PRAGMA journal_mode", &error);
  g_assert_no_error (error);
  g_assert_cmpint (flaw_database_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_reset (stmt);

  stmt = flaw_database_prepare (db, "PRAGMA foreign_keys", &error);
  g_assert_cmpint (flaw_database_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  stmt = flaw_database_prepare (db, "PRAGMA application_id", &error);
  g_assert_cmpint (flaw_database_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, FLAW_DATABASE_APPLICATION_ID);
  sqlite3_reset (stmt);

  /* The statement cache hands back the same statement for the same text. */
  g_assert_true (stmt == flaw_database_prepare (db, "PRAGMA application_id", &error));

  g_clear_object (&db);

  /* Opening again changes nothing and keeps no copy. */
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (flaw_database_get_backup_path (db));
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("FLAWDESK_DB", "/tmp/elsewhere.db", TRUE);
  path = flaw_database_get_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/elsewhere.db");
  g_free (path);

  g_unsetenv ("FLAWDESK_DB");
  path = flaw_database_get_default_path ();
  g_assert_true (g_str_has_suffix (path, "/flawdesk/flawdesk.db"));
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
}

static void
test_migrate_keeps_copy (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *backup = NULL;

  db = flaw_database_open_with_migrations (fixture->path, test_migrations, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaw_database_get_schema_version (db), ==, 1);
  insert_note (db, "before the upgrade");
  g_clear_object (&db);

  db = flaw_database_open_with_migrations (fixture->path, test_migrations, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaw_database_get_schema_version (db), ==, 2);

  backup = g_strdup (flaw_database_get_backup_path (db));
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, fixture->path));
  g_clear_object (&db);

  /* The copy is the database as it was before the migration. */
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM note WHERE text = 'before the upgrade'"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM pragma_table_info('note') WHERE name = 'tag'"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM note"), ==, 1);
}

/* A database someone copied in or created with a loose umask is made
 * private on open, and a migration's copy is private from the start. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf st;
  mode_t old_umask;

  db = flaw_database_open_with_migrations (fixture->path, test_migrations, 1, &error);
  g_assert_no_error (error);
  insert_note (db, "unpublished");
  g_clear_object (&db);

  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  old_umask = umask (0);
  db = flaw_database_open_with_migrations (fixture->path, test_migrations, 2, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (flaw_database_get_backup_path (db));

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (flaw_database_get_backup_path (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&db);

  /* A file that turns out not to be a Flawdesk database is left as it was. */
  g_assert_true (g_file_set_contents (fixture->path, "just some notes\n", -1, NULL));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  db = flaw_database_open (fixture->path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_null (db);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
}

static void
test_migration_failure_rolls_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;

  db = flaw_database_open_with_migrations (fixture->path, broken_migrations, 1, &error);
  g_assert_no_error (error);
  insert_note (db, "keep me");
  g_clear_object (&db);

  db = flaw_database_open_with_migrations (fixture->path, broken_migrations, 2, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_MIGRATION);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  /* Nothing of the half-applied migration remains. */
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM pragma_table_info('note') WHERE name = 'tag'"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM note WHERE text = 'keep me'"), ==, 1);
}

static void
assert_file_unchanged (const char *path,
                       const char *expected,
                       gsize       expected_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, expected, expected_len);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char garbage[] = "Subject: not a database\n\nThis is a plain text file, long enough to "
                                "look like something. It must never be touched or overwritten.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (fixture->path, garbage, sizeof garbage - 1, NULL));

  db = flaw_database_open (fixture->path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (db);

  assert_file_unchanged (fixture->path, garbage, sizeof garbage - 1);
}

static void
test_other_application (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_mkdir_with_parents (dir, 0700);
  raw_exec (fixture->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");

  db = flaw_database_open (fixture->path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_null (db);

  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 0);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  raw_exec (fixture->path, "PRAGMA user_version = 999");

  db = flaw_database_open (fixture->path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Flawdesk"));
  g_assert_null (db);

  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 999);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  gsize len = 0;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_database_begin (db, &error));
  for (int i = 0; i < 2000; i++)
    {
      g_autofree char *value = g_strdup_printf ("value %d, padded so that the table spans many pages", i);

      g_assert_true (flaw_database_append_event (db, "test", i, "field", NULL, value, &error));
    }
  g_assert_true (flaw_database_commit (db, &error));
  g_clear_object (&db);

  /* Overwrite the headers of the b-tree pages past the schema. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  for (gsize page = len / 4096 / 2; page < len / 4096; page++)
    memset (contents + page * 4096, 0xab, 16);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));

  db = flaw_database_open (fixture->path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (db);

  /* Flawdesk did not "repair" it by starting over. */
  g_assert_true (g_file_get_contents (fixture->path, &damaged, &len, NULL));
  g_assert_cmpmem (damaged, len, contents, len);
}

static void
read_only_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;

  /* As root, permissions do not apply; become nobody first. */
  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  db = flaw_database_open (path, &error);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (db);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  if (g_test_subprocess ())
    {
      read_only_child (fixture->path);
      return;
    }

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  g_setenv ("FLAWDESK_TEST_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_chmod (dir, 0700);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  gint64 pages;
  char *sql;
  gboolean ok = TRUE;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (flaw_database_append_event (db, "test", 1, "title", NULL, "small", &error));

  /* Cap the file a few pages above its size: SQLite then fails as on a full disk. */
  pages = raw_int (fixture->path, "PRAGMA page_count");
  sql = sqlite3_mprintf ("PRAGMA max_page_count = %lld", (long long) pages + 4);
  g_assert_cmpint (sqlite3_exec (flaw_database_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);

  g_assert_true (flaw_database_begin (db, &error));
  for (int i = 0; i < 20 && ok; i++)
    ok = flaw_database_append_event (db, "test", 2, "description", NULL, big, &error);
  g_assert_false (ok);
  g_assert_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  flaw_database_rollback (db);
  g_clear_object (&db);

  /* What was saved before is intact, the failed transaction left nothing. */
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM event"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM event WHERE new_value = 'small'"), ==, 1);
}

static gint64
count_integrity_events (const char *path)
{
  return raw_int (path, "SELECT count(*) FROM event WHERE entity = 'database' AND field = 'integrity'");
}

static void
test_check_policy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  const gint64 day = 24 * 60 * 60;
  const gint64 start = 1780000000;

  /* Treat every file as large: checked only when a check is due. */
  _flaw_database_set_full_check_size (0);

  flaw_clock_set_fixed (start);
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_database_append_event (db, "debt", 1, "title", NULL, "x", &error));
  g_clear_object (&db);
  g_assert_cmpint (count_integrity_events (fixture->path), ==, 0);

  /* Never checked: the first open of the filled file checks and says so. */
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (count_integrity_events (fixture->path), ==, 1);

  /* A day later nothing is due. */
  flaw_clock_set_fixed (start + day);
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (count_integrity_events (fixture->path), ==, 1);

  /* A week after the last check, the next one runs. */
  flaw_clock_set_fixed (start + 8 * day);
  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (count_integrity_events (fixture->path), ==, 2);

  _flaw_database_set_full_check_size (32 * 1024 * 1024);
}

static void
test_event_log (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autoptr(GPtrArray) events = NULL;
  FlawEvent *event;
  int rc;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);

  flaw_database_set_actor (db, "Ada");
  flaw_clock_set_fixed (1700000000);
  g_assert_true (flaw_database_append_event (db, "debt", 7, "title", NULL, "Admin rights for the app", &error));
  flaw_clock_set_fixed (1700000600);
  flaw_database_set_actor (db, "Grace");
  g_assert_true (flaw_database_append_event (db, "debt", 7, "status", "proposed", "accepted", &error));
  g_assert_true (flaw_database_append_event (db, "debt", 8, "title", NULL, "Another item", &error));
  g_assert_no_error (error);

  events = flaw_database_list_events (db, "debt", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->field, ==, "status");
  g_assert_cmpstr (event->old_value, ==, "proposed");
  g_assert_cmpstr (event->new_value, ==, "accepted");
  g_assert_cmpint (event->time, ==, 1700000600);
  g_assert_cmpstr (event->actor, ==, "Grace");

  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (event->field, ==, "title");
  g_assert_null (event->old_value);
  g_assert_cmpint (event->time, ==, 1700000000);
  g_assert_cmpstr (event->actor, ==, "Ada");

  /* An empty display name falls back to the account's name. */
  flaw_database_set_actor (db, "");
  {
    g_autofree char *actor = flaw_database_dup_actor (db);
    g_assert_cmpstr (actor, ==, g_get_real_name ());
  }

  /* History cannot be rewritten. */
  rc = sqlite3_exec (flaw_database_get_handle (db), "UPDATE event SET actor = 'Mallory'", NULL, NULL, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  rc = sqlite3_exec (flaw_database_get_handle (db), "DELETE FROM event", NULL, NULL, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_clear_object (&db);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM event"), ==, 3);
}

static void
test_count_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDatabase) db = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *check = NULL;
  gboolean found = FALSE;

  db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_database_append_event (db, "debt", 1, "title", NULL, "x", &error));

  check = flaw_database_quick_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check, ==, "ok");

  counts = flaw_database_count_rows (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      FlawTableCount *count = g_ptr_array_index (counts, i);

      g_assert_false (g_str_has_prefix (count->name, "sqlite_"));
      if (g_str_equal (count->name, "event"))
        {
          g_assert_cmpint (count->rows, ==, 1);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/database/create", test_create);
  g_test_add_func ("/flawdesk/database/default-path", test_default_path);
  ADD ("/flawdesk/database/migrate/keeps-copy", test_migrate_keeps_copy);
  ADD ("/flawdesk/database/permissions", test_permissions);
  ADD ("/flawdesk/database/migrate/failure-rolls-back", test_migration_failure_rolls_back);
  ADD ("/flawdesk/database/not-a-database", test_not_a_database);
  ADD ("/flawdesk/database/other-application", test_other_application);
  ADD ("/flawdesk/database/too-new", test_too_new);
  ADD ("/flawdesk/database/corrupt", test_corrupt);
  ADD ("/flawdesk/database/read-only", test_read_only);
  ADD ("/flawdesk/database/disk-full", test_disk_full);
  ADD ("/flawdesk/database/check-policy", test_check_policy);
  ADD ("/flawdesk/database/event-log", test_event_log);
  ADD ("/flawdesk/database/count-rows", test_count_rows);

#undef ADD

  return g_test_run ();
}
