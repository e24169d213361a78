/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "flaw-event.h"

G_BEGIN_DECLS

#define FLAW_DATABASE_ERROR (flaw_database_error_quark ())

typedef enum
{
  FLAW_DATABASE_ERROR_FAILED,
  FLAW_DATABASE_ERROR_CANT_OPEN,
  FLAW_DATABASE_ERROR_NOT_A_DATABASE,
  FLAW_DATABASE_ERROR_CORRUPT,
  FLAW_DATABASE_ERROR_TOO_NEW,
  FLAW_DATABASE_ERROR_READ_ONLY,
  FLAW_DATABASE_ERROR_DISK_FULL,
  FLAW_DATABASE_ERROR_BUSY,
  FLAW_DATABASE_ERROR_CONSTRAINT,
  FLAW_DATABASE_ERROR_MIGRATION,
} FlawDatabaseError;

/* The value of PRAGMA application_id in a Flawdesk database ("Flaw"). */
#define FLAW_DATABASE_APPLICATION_ID 0x466c6177

typedef struct
{
  guint       version;
  const char *name;
  const char *sql;
} FlawMigration;

typedef struct
{
  char   *name;
  gint64  rows;
} FlawTableCount;

#define FLAW_TYPE_DATABASE (flaw_database_get_type ())

G_DECLARE_FINAL_TYPE (FlawDatabase, flaw_database, FLAW, DATABASE, GObject)

GQuark        flaw_database_error_quark             (void);
char         *flaw_database_get_default_path        (void);

FlawDatabase *flaw_database_open                    (const char           *path,
                                                     GError              **error);
FlawDatabase *flaw_database_open_with_migrations    (const char           *path,
                                                     const FlawMigration  *migrations,
                                                     guint                 n_migrations,
                                                     GError              **error);
const char   *flaw_database_get_path                (FlawDatabase         *self);
guint         flaw_database_get_schema_version      (FlawDatabase         *self);
guint         flaw_database_get_latest_version      (void);
const char   *flaw_database_get_backup_path         (FlawDatabase         *self);
sqlite3      *flaw_database_get_handle              (FlawDatabase         *self);

void          flaw_database_set_actor               (FlawDatabase         *self,
                                                     const char           *actor);
char         *flaw_database_dup_actor               (FlawDatabase         *self);

sqlite3_stmt *flaw_database_prepare                 (FlawDatabase         *self,
                                                     const char           *sql,
                                                     GError              **error);
int           flaw_database_step                    (FlawDatabase         *self,
                                                     sqlite3_stmt         *stmt,
                                                     GError              **error);
gboolean      flaw_database_execute                 (FlawDatabase         *self,
                                                     sqlite3_stmt         *stmt,
                                                     GError              **error);
gboolean      flaw_database_begin                   (FlawDatabase         *self,
                                                     GError              **error);
gboolean      flaw_database_commit                  (FlawDatabase         *self,
                                                     GError              **error);
void          flaw_database_rollback                (FlawDatabase         *self);
gboolean      flaw_database_set_error               (FlawDatabase         *self,
                                                     int                   rc,
                                                     GError              **error);

gboolean      flaw_database_append_event            (FlawDatabase         *self,
                                                     const char           *entity,
                                                     gint64                entity_id,
                                                     const char           *field,
                                                     const char           *old_value,
                                                     const char           *new_value,
                                                     GError              **error);
GPtrArray    *flaw_database_list_events             (FlawDatabase         *self,
                                                     const char           *entity,
                                                     gint64                entity_id,
                                                     GError              **error);

char         *flaw_database_quick_check             (FlawDatabase         *self,
                                                     GError              **error);
GPtrArray    *flaw_database_count_rows              (FlawDatabase         *self,
                                                     GError              **error);
void          _flaw_database_set_full_check_size (gint64 size);

void          flaw_table_count_free                 (FlawTableCount       *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawTableCount, flaw_table_count_free)

G_END_DECLS
