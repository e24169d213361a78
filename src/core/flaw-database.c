/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "flaw-clock.h"
#include "flaw-database.h"

#define MIGRATIONS_PATH RESOURCE_BASE "/sql"
#define BUSY_TIMEOUT_MS 5000

/* PRAGMA quick_check reads every page: about a second for a 200 MB file.
 * Files up to this size are checked at every open; larger ones when the last
 * session did not end cleanly, before a migration, or when the last check is
 * older than CHECK_INTERVAL. `flawdesk-cli doctor` always checks. */
#define FULL_CHECK_SIZE (32 * 1024 * 1024)
#define CHECK_INTERVAL (7 * 24 * 60 * 60)

static gint64 full_check_size = FULL_CHECK_SIZE;

struct _FlawDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  char       *backup_path;
  GHashTable *statements;
  guint       schema_version;

  GMutex      actor_lock;
  char       *actor;
};

G_DEFINE_FINAL_TYPE (FlawDatabase, flaw_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (flaw-database-error-quark, flaw_database_error)

typedef struct
{
  GArray    *migrations;
  GPtrArray *texts;
} MigrationList;

static void
migration_list_clear (MigrationList *list)
{
  g_clear_pointer (&list->migrations, g_array_unref);
  g_clear_pointer (&list->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MigrationList, migration_list_clear)

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Migrations are the files resources/sql/NNNN-name.sql, applied in order;
 * the number is the schema version the file brings the database to.
 */
static gboolean
load_builtin_migrations (MigrationList  *list,
                         GError        **error)
{
  g_auto(GStrv) names = NULL;
  guint n;

  list->migrations = g_array_new (FALSE, TRUE, sizeof (FlawMigration));
  list->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, error);
  if (names == NULL)
    return FALSE;

  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_names);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS_PATH "/", names[i], NULL);
      GBytes *bytes;
      FlawMigration migration = { 0 };
      guint64 version;
      char *end = NULL;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;

      /* Versions must increase; a gap is allowed so that features developed in
       * parallel can each claim a number. */
      version = g_ascii_strtoull (names[i], &end, 10);
      if (version == 0 || version > G_MAXUINT || end == names[i] || *end != '-' ||
          (list->migrations->len > 0 &&
           version <= g_array_index (list->migrations, FlawMigration,
                                     list->migrations->len - 1).version))
        {
          g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_MIGRATION,
                       "Migration “%s” is out of sequence", names[i]);
          return FALSE;
        }

      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        return FALSE;

      g_ptr_array_add (list->texts, bytes);
      migration.version = (guint) version;
      migration.sql = g_bytes_get_data (bytes, NULL);
      g_array_append_val (list->migrations, migration);
    }

  return TRUE;
}

static gboolean
set_error_for_code (GError     **error,
                    const char  *path,
                    int          rc,
                    const char  *detail)
{
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_NOTADB:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Flawdesk database. Flawdesk has not changed it. "
                     "Move it aside or choose another file."),
                   path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). Flawdesk has not changed it. "
                     "Restore it from a backup (copies named *.bak beside it), "
                     "or move it aside to start a new one."),
                   path, detail ? detail : sqlite3_errstr (rc));
      break;

    case SQLITE_READONLY:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to. Check that you may write "
                     "to the file and to its folder, and that the disk is not mounted read-only."),
                   path);
      break;

    case SQLITE_FULL:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full. Nothing was saved. "
                     "Free some space and try again."),
                   path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_BUSY,
                   _("The database “%s” is in use by another program. "
                     "Close other copies of Flawdesk and try again."),
                   path);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CANT_OPEN,
                   _("The database “%s” cannot be opened (%s). Check that the file "
                     "and its folder exist and that you may read and write them."),
                   path, detail ? detail : sqlite3_errstr (rc));
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CONSTRAINT,
                   _("The change was refused by the database: %s"),
                   detail ? detail : sqlite3_errstr (rc));
      break;

    default:
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_FAILED,
                   _("The database “%s” reported an error: %s"),
                   path, detail ? detail : sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

/**
 * flaw_database_set_error:
 * @self: a #FlawDatabase
 * @rc: an SQLite result code
 * @error: return location for a #GError
 *
 * Sets @error to a message a user can act on for @rc.
 *
 * Returns: %FALSE, for use in return statements
 */
gboolean
flaw_database_set_error (FlawDatabase  *self,
                         int            rc,
                         GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), FALSE);

  return set_error_for_code (error, self->path, rc,
                             self->handle ? sqlite3_errmsg (self->handle) : NULL);
}

static gboolean
exec_sql (FlawDatabase  *self,
          const char    *sql,
          GError       **error)
{
  g_autofree char *message = NULL;
  char *errmsg = NULL;
  int rc;

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    return TRUE;

  message = g_strdup (errmsg);
  sqlite3_free (errmsg);

  return set_error_for_code (error, self->path, sqlite3_extended_errcode (self->handle), message);
}

static gboolean
query_int (FlawDatabase  *self,
           const char    *sql,
           gint64        *value,
           GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = flaw_database_prepare (self, sql, error)))
    return FALSE;

  rc = flaw_database_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_FAILED,
                 "“%s” returned no row", sql);

  return rc == SQLITE_ROW;
}

static gboolean
query_text (FlawDatabase  *self,
            const char    *sql,
            char         **value,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = flaw_database_prepare (self, sql, error)))
    return FALSE;

  rc = flaw_database_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_FAILED,
                 "“%s” returned no row", sql);

  return rc == SQLITE_ROW;
}

/* Creates the backup file, empty and readable by the owner only, before
 * anything is copied into it; never reuses an existing file. */
static char *
create_backup_file (const char  *path,
                    guint        version,
                    int         *saved_errno)
{
  g_autofree char *candidate = g_strdup_printf ("%s.v%u.bak", path, version);

  for (guint i = 2; ; i++)
    {
      int fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&candidate);
        }

      if (errno != EEXIST)
        {
          *saved_errno = errno;
          return NULL;
        }

      g_free (candidate);
      candidate = g_strdup_printf ("%s.v%u-%u.bak", path, version, i);
    }
}

/* Unpublished vulnerabilities: only the owner may read the database and the
 * -wal and -shm files beside it, however the file was created or copied in. */
static void
make_private (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) != 0 || (st.st_mode & 0077) == 0)
        continue;

      if (g_chmod (file, 0600) != 0)
        {
          int saved_errno = errno;

          g_warning ("Others may read “%s”, and it could not be made private: %s",
                     file, g_strerror (saved_errno));
        }
    }
}

/* A consistent copy through SQLite's online backup, so the WAL is included. */
static gboolean
back_up (FlawDatabase  *self,
         guint          version,
         GError       **error)
{
  g_autofree char *backup_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int saved_errno = 0;
  int rc;

  if (!(backup_path = create_backup_file (self->path, version, &saved_errno)))
    {
      g_set_error (error, FLAW_DATABASE_ERROR,
                   saved_errno == ENOSPC ? FLAW_DATABASE_ERROR_DISK_FULL : FLAW_DATABASE_ERROR_READ_ONLY,
                   _("Flawdesk must update the database “%s”, but could not first keep "
                     "a copy of it beside it: %s. Free some space or make its folder "
                     "writable, then open it again."),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->handle, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_extended_errcode (dest);
    }

  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local_error = NULL;

      g_unlink (backup_path);
      set_error_for_code (&local_error, backup_path, rc, NULL);
      g_set_error (error, FLAW_DATABASE_ERROR, local_error->code,
                   _("Flawdesk must update the database “%s”, but could not first keep "
                     "a copy of it: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  self->backup_path = g_steal_pointer (&backup_path);

  return TRUE;
}

static gboolean
migrate (FlawDatabase         *self,
         const FlawMigration  *migrations,
         guint                 n_migrations,
         GError              **error)
{
  for (guint i = 0; i < n_migrations; i++)
    {
      const FlawMigration *migration = &migrations[i];
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migration->version <= self->schema_version)
        continue;

      if (!flaw_database_begin (self, error))
        return FALSE;

      /* PRAGMA takes no parameters; the value is an integer we produced. */
      set_version = g_strdup_printf ("PRAGMA user_version = %u", migration->version);

      if (!exec_sql (self, migration->sql, &local_error) ||
          !exec_sql (self, set_version, &local_error))
        {
          flaw_database_rollback (self);

          if (local_error->code == FLAW_DATABASE_ERROR_FAILED ||
              local_error->code == FLAW_DATABASE_ERROR_CONSTRAINT)
            {
              g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_MIGRATION,
                           _("Updating the database “%s” to version %u failed: %s. "
                             "It was left unchanged at version %u."),
                           self->path, migration->version, local_error->message,
                           self->schema_version);
              return FALSE;
            }

          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!flaw_database_commit (self, error))
        return FALSE;

      self->schema_version = migration->version;
    }

  return TRUE;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* WAL needs the -wal and -shm files beside the database. */
  if ((exists && g_access (path, W_OK) != 0) || g_access (dir, W_OK) != 0)
    return set_error_for_code (error, path, SQLITE_READONLY, NULL);

  return TRUE;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;

  return st.st_size;
}

/* SQLite removes the -wal file when the last connection closes cleanly. */
static gboolean
left_unclean (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return file_size (wal) > 0;
}

static gboolean
has_event_log (FlawDatabase *self)
{
  gint64 n = 0;

  return query_int (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'event'",
                    &n, NULL) && n == 1;
}

static gint64
last_check_time (FlawDatabase *self)
{
  g_autoptr(GError) error = NULL;
  gint64 time = 0;

  if (!has_event_log (self) ||
      !query_int (self,
                  "SELECT ifnull (max (time), 0) FROM event "
                  "WHERE entity = 'database' AND entity_id = 0 AND field = 'integrity'",
                  &time, &error))
    return 0;

  return time;
}

static gboolean
check_integrity (FlawDatabase  *self,
                 GError       **error)
{
  g_autofree char *check = NULL;

  if (!query_text (self, "PRAGMA quick_check", &check, error))
    return FALSE;

  if (g_strcmp0 (check, "ok") != 0)
    return set_error_for_code (error, self->path, SQLITE_CORRUPT, check);

  return TRUE;
}

/**
 * _flaw_database_set_full_check_size:
 * @size: files up to this many bytes are checked at every open
 *
 * For tests of the integrity-check policy.
 */
void
_flaw_database_set_full_check_size (gint64 size)
{
  full_check_size = size;
}

static gboolean
open_database (FlawDatabase         *self,
               const FlawMigration  *migrations,
               guint                 n_migrations,
               GError              **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *journal_mode = NULL;
  guint latest = n_migrations > 0 ? migrations[n_migrations - 1].version : 0;
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_objects = 0;
  gboolean exists;
  gboolean unclean;
  gboolean checked = FALSE;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CANT_OPEN,
                   _("The folder “%s” for the database cannot be created: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    return set_error_for_code (error, self->path, SQLITE_NOTADB, NULL);

  if (!check_writable (self->path, exists, error))
    return FALSE;

  unclean = exists && left_unclean (self->path);

  rc = sqlite3_open_v2 (self->path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return flaw_database_set_error (self, rc, error);

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  if (!exists)
    g_chmod (self->path, 0600);

  if (sqlite3_db_readonly (self->handle, "main") == 1)
    return set_error_for_code (error, self->path, SQLITE_READONLY, NULL);

  /* The first read tells a database from any other file. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != FLAW_DATABASE_APPLICATION_ID) ||
      (application_id == 0 && version == 0 && n_objects > 0))
    return set_error_for_code (error, self->path, SQLITE_NOTADB, NULL);

  if (version > latest)
    {
      g_set_error (error, FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Flawdesk "
                     "(schema %lld, this version knows up to %u). "
                     "Update Flawdesk to open it; it has not been changed."),
                   self->path, (long long) version, latest);
      return FALSE;
    }

  self->schema_version = (guint) version;

  if (n_objects > 0 &&
      (unclean ||
       version < latest ||
       file_size (self->path) <= full_check_size ||
       flaw_clock_now () - last_check_time (self) >= CHECK_INTERVAL))
    {
      if (!check_integrity (self, error))
        return FALSE;
      checked = TRUE;
    }

  /* Only now is the file known to be ours to change. */
  if (exists)
    make_private (self->path);

  if (!query_text (self, "PRAGMA journal_mode = WAL", &journal_mode, error))
    return FALSE;

  if (g_ascii_strcasecmp (journal_mode, "wal") != 0)
    g_warning ("Database %s is in journal mode %s, not WAL", self->path, journal_mode);

  if (!exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  if (self->schema_version < latest)
    {
      if (n_objects > 0 && !back_up (self, self->schema_version, error))
        return FALSE;

      if (self->schema_version == 0)
        {
          g_autofree char *set_id =
            g_strdup_printf ("PRAGMA application_id = %d", FLAW_DATABASE_APPLICATION_ID);

          if (!exec_sql (self, set_id, error))
            return FALSE;
        }

      if (!migrate (self, migrations, n_migrations, error))
        return FALSE;
    }

  /* Remember a check at most once a day, so that large files know when the
   * next one is due. */
  if (checked && has_event_log (self) &&
      flaw_clock_now () - last_check_time (self) >= 24 * 60 * 60 &&
      !flaw_database_append_event (self, "database", 0, "integrity", NULL, "ok", error))
    return FALSE;

  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
flaw_database_finalize (GObject *object)
{
  FlawDatabase *self = (FlawDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      sqlite3_close (self->handle);
      self->handle = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_mutex_clear (&self->actor_lock);

  G_OBJECT_CLASS (flaw_database_parent_class)->finalize (object);
}

static void
flaw_database_class_init (FlawDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_database_finalize;
}

static void
flaw_database_init (FlawDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  g_mutex_init (&self->actor_lock);
  self->actor = g_strdup (g_get_real_name ());
}

/**
 * flaw_database_get_default_path:
 *
 * Returns: (transfer full): `FLAWDESK_DB` if set, otherwise
 *   `$XDG_DATA_HOME/flawdesk/flawdesk.db`
 */
char *
flaw_database_get_default_path (void)
{
  const char *env = g_getenv ("FLAWDESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "flawdesk", "flawdesk.db", NULL);
}

/**
 * flaw_database_open:
 * @path: the database file; created if missing
 * @error: return location for a #GError
 *
 * Opens the database and migrates it to the latest schema, keeping a copy
 * of an existing file before it is changed. This blocks; call it from the
 * store's database thread only.
 *
 * Returns: (transfer full): a #FlawDatabase, or %NULL with @error set
 */
FlawDatabase *
flaw_database_open (const char  *path,
                    GError     **error)
{
  g_auto(MigrationList) list = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  if (!load_builtin_migrations (&list, error))
    return NULL;

  return flaw_database_open_with_migrations (path,
                                             (const FlawMigration *) list.migrations->data,
                                             list.migrations->len,
                                             error);
}

FlawDatabase *
flaw_database_open_with_migrations (const char           *path,
                                    const FlawMigration  *migrations,
                                    guint                 n_migrations,
                                    GError              **error)
{
  g_autoptr(FlawDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (migrations != NULL || n_migrations == 0, NULL);

  self = g_object_new (FLAW_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, migrations, n_migrations, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
flaw_database_get_path (FlawDatabase *self)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  return self->path;
}

guint
flaw_database_get_schema_version (FlawDatabase *self)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * flaw_database_get_latest_version:
 *
 * Returns: the schema version this build of Flawdesk migrates to
 */
guint
flaw_database_get_latest_version (void)
{
  g_auto(MigrationList) list = { 0 };
  g_autoptr(GError) error = NULL;

  if (!load_builtin_migrations (&list, &error))
    g_error ("Built-in migrations are broken: %s", error->message);

  if (list.migrations->len == 0)
    return 0;

  return g_array_index (list.migrations, FlawMigration, list.migrations->len - 1).version;
}

/**
 * flaw_database_get_backup_path:
 *
 * Returns: (nullable): the copy kept before this open migrated the file
 */
const char *
flaw_database_get_backup_path (FlawDatabase *self)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  return self->backup_path;
}

sqlite3 *
flaw_database_get_handle (FlawDatabase *self)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  return self->handle;
}

void
flaw_database_set_actor (FlawDatabase *self,
                         const char   *actor)
{
  g_return_if_fail (FLAW_IS_DATABASE (self));

  g_mutex_lock (&self->actor_lock);
  g_free (self->actor);
  self->actor = g_strdup (actor != NULL && *actor != '\0' ? actor : g_get_real_name ());
  g_mutex_unlock (&self->actor_lock);
}

char *
flaw_database_dup_actor (FlawDatabase *self)
{
  char *actor;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  g_mutex_lock (&self->actor_lock);
  actor = g_strdup (self->actor);
  g_mutex_unlock (&self->actor_lock);

  return actor;
}

/**
 * flaw_database_prepare:
 * @self: a #FlawDatabase
 * @sql: one SQL statement, with parameters for every value
 * @error: return location for a #GError
 *
 * Returns a prepared statement for @sql, reset and with its bindings
 * cleared. Statements are cached by their text and owned by @self: do not
 * finalize them.
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
sqlite3_stmt *
flaw_database_prepare (FlawDatabase  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      flaw_database_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * flaw_database_step:
 *
 * Returns: %SQLITE_ROW, %SQLITE_DONE, or -1 with @error set
 */
int
flaw_database_step (FlawDatabase  *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), -1);
  g_return_val_if_fail (stmt != NULL, -1);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  flaw_database_set_error (self, sqlite3_extended_errcode (self->handle), error);
  sqlite3_reset (stmt);

  return -1;
}

/**
 * flaw_database_execute:
 *
 * Runs @stmt to completion, ignoring any rows, and resets it.
 */
gboolean
flaw_database_execute (FlawDatabase  *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  while ((rc = flaw_database_step (self, stmt, error)) == SQLITE_ROW)
    ;

  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
run_simple (FlawDatabase  *self,
            const char    *sql,
            GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (self, sql, error);

  return stmt != NULL && flaw_database_execute (self, stmt, error);
}

gboolean
flaw_database_begin (FlawDatabase  *self,
                     GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), FALSE);

  return run_simple (self, "BEGIN IMMEDIATE", error);
}

gboolean
flaw_database_commit (FlawDatabase  *self,
                      GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (self), FALSE);

  if (run_simple (self, "COMMIT", error))
    return TRUE;

  flaw_database_rollback (self);

  return FALSE;
}

void
flaw_database_rollback (FlawDatabase *self)
{
  g_return_if_fail (FLAW_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * flaw_database_append_event:
 * @self: a #FlawDatabase
 * @entity: what kind of thing changed, such as "debt"
 * @entity_id: its row id
 * @field: the field that changed
 * @old_value: (nullable): the value before
 * @new_value: (nullable): the value after
 * @error: return location for a #GError
 *
 * Appends one change to the event log, stamped with the clock and the
 * current actor. Call it inside the transaction that makes the change.
 */
gboolean
flaw_database_append_event (FlawDatabase  *self,
                            const char    *entity,
                            gint64         entity_id,
                            const char    *field,
                            const char    *old_value,
                            const char    *new_value,
                            GError       **error)
{
  g_autofree char *actor = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entity != NULL && *entity != '\0', FALSE);
  g_return_val_if_fail (field != NULL && *field != '\0', FALSE);

  stmt = flaw_database_prepare (self,
                                "INSERT INTO event (entity, entity_id, field, old_value, "
                                "new_value, time, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  actor = flaw_database_dup_actor (self);

  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, new_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, flaw_clock_now ());
  sqlite3_bind_text (stmt, 7, actor, -1, SQLITE_TRANSIENT);

  return flaw_database_execute (self, stmt, error);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * flaw_database_list_events:
 *
 * Returns: (transfer container) (element-type FlawEvent): the events of
 *   one entity, newest first
 */
GPtrArray *
flaw_database_list_events (FlawDatabase  *self,
                           const char    *entity,
                           gint64         entity_id,
                           GError       **error)
{
  g_autoptr(GPtrArray) events = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  stmt = flaw_database_prepare (self,
                                "SELECT id, entity, entity_id, field, old_value, new_value, "
                                "time, actor FROM event WHERE entity = ? AND entity_id = ? "
                                "ORDER BY time DESC, id DESC",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_event_free);

  while ((rc = flaw_database_step (self, stmt, error)) == SQLITE_ROW)
    {
      FlawEvent *event = flaw_event_new ();

      event->id = sqlite3_column_int64 (stmt, 0);
      event->entity = dup_column_text (stmt, 1);
      event->entity_id = sqlite3_column_int64 (stmt, 2);
      event->field = dup_column_text (stmt, 3);
      event->old_value = dup_column_text (stmt, 4);
      event->new_value = dup_column_text (stmt, 5);
      event->time = sqlite3_column_int64 (stmt, 6);
      event->actor = dup_column_text (stmt, 7);
      g_ptr_array_add (events, event);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&events);
}

/**
 * flaw_database_quick_check:
 *
 * Returns: (transfer full): "ok", or SQLite's description of the damage
 */
char *
flaw_database_quick_check (FlawDatabase  *self,
                           GError       **error)
{
  g_autoptr(GString) result = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  if (!(stmt = flaw_database_prepare (self, "PRAGMA quick_check", error)))
    return NULL;

  while ((rc = flaw_database_step (self, stmt, error)) == SQLITE_ROW)
    {
      if (result->len > 0)
        g_string_append (result, "; ");
      g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_string_free (g_steal_pointer (&result), FALSE);
}

void
flaw_table_count_free (FlawTableCount *count)
{
  if (count == NULL)
    return;

  g_free (count->name);
  g_free (count);
}

/**
 * flaw_database_count_rows:
 *
 * Returns: (transfer container) (element-type FlawTableCount): the number of
 *   rows in each of the database's own tables, by name
 */
GPtrArray *
flaw_database_count_rows (FlawDatabase  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (self), NULL);

  /* Virtual tables' shadow tables are internal; count the tables users know. */
  stmt = flaw_database_prepare (self,
                                "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
                                "AND name NOT IN (SELECT s.name FROM sqlite_schema AS v "
                                "  JOIN sqlite_schema AS s ON s.name GLOB v.name || '_*' "
                                "  WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%') "
                                "ORDER BY name",
                                error);
  if (stmt == NULL)
    return NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_table_count_free);

  while ((rc = flaw_database_step (self, stmt, error)) == SQLITE_ROW)
    {
      FlawTableCount *count = g_new0 (FlawTableCount, 1);

      count->name = dup_column_text (stmt, 0);
      g_ptr_array_add (counts, count);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  for (guint i = 0; i < counts->len; i++)
    {
      FlawTableCount *count = g_ptr_array_index (counts, i);
      g_autofree char *sql = NULL;
      char *quoted;

      /* A table name cannot be a parameter; it comes from sqlite_schema and is
       * quoted as an identifier. The statement is still prepared. */
      quoted = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", count->name);
      sql = g_strdup (quoted);
      sqlite3_free (quoted);

      if (!query_int (self, sql, &count->rows, error))
        return NULL;
    }

  return g_steal_pointer (&counts);
}
