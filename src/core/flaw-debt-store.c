/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "flaw-clock.h"
#include "flaw-debt-history.h"
#include "flaw-debt-item-private.h"
#include "flaw-debt-store.h"

#define ROW_COLUMNS \
  "id, title, category, component, cwe, owner, approver, likelihood, impact, " \
  "principal, interest, status, review_date, target_date, created, updated, deleted"

#define FULL_COLUMNS ROW_COLUMNS \
  ", description, links, rationale, compensating_controls, wont_fix_reason"

/* The fields whose changes are logged, in column order (id is the key). */
static const char * const logged_fields[] = {
  "title", "description", "category", "component", "cwe", "owner", "approver", "links",
  "likelihood", "impact", "principal", "interest", "status", "rationale",
  "compensating_controls", "review_date", "target_date", "wont_fix_reason", "created",
};

void
flaw_debt_category_free (FlawDebtCategory *category)
{
  if (category == NULL)
    return;

  g_free (category->id);
  g_free (category->name);
  g_free (category);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static FlawDebtItem *
item_from_stmt (sqlite3_stmt *stmt,
                gboolean      full,
                gint64        now)
{
  FlawDebtRow row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .title = column_text (stmt, 1),
    .category = column_text (stmt, 2),
    .component = column_text (stmt, 3),
    .cwe = column_text (stmt, 4),
    .owner = column_text (stmt, 5),
    .approver = column_text (stmt, 6),
    .likelihood = sqlite3_column_int (stmt, 7),
    .impact = sqlite3_column_int (stmt, 8),
    .principal = sqlite3_column_double (stmt, 9),
    .interest = sqlite3_column_double (stmt, 10),
    .status = column_text (stmt, 11),
    .review_date = column_text (stmt, 12),
    .target_date = column_text (stmt, 13),
    .created = sqlite3_column_int64 (stmt, 14),
    .updated = sqlite3_column_int64 (stmt, 15),
    .deleted = sqlite3_column_int64 (stmt, 16),
    .is_full = full,
  };

  if (full)
    {
      row.description = column_text (stmt, 17);
      row.links_json = column_text (stmt, 18);
      row.rationale = column_text (stmt, 19);
      row.compensating_controls = column_text (stmt, 20);
      row.wont_fix_reason = column_text (stmt, 21);
    }

  return _flaw_debt_item_new_from_row (&row, now);
}

static GPtrArray *
collect_items (FlawDatabase  *db,
               sqlite3_stmt  *stmt,
               gboolean       full,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = flaw_clock_now ();
  int rc;

  while ((rc = flaw_database_step (db, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_stmt (stmt, full, now));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&items);
}

/* Binds without a copy: @text must live until the statement is reset. */
static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static FlawDebtItem *
load_item (FlawDatabase  *db,
           gint64         id,
           gboolean       deleted,
           GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (db,
                                deleted
                                ? "SELECT " FULL_COLUMNS " FROM debt WHERE id = ? AND deleted IS NOT NULL"
                                : "SELECT " FULL_COLUMNS " FROM debt WHERE id = ? AND deleted IS NULL",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!(items = collect_items (db, stmt, TRUE, error)))
    return NULL;

  if (items->len == 0)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND,
                   deleted
                   ? _("There is no deleted debt item %lld to restore.")
                   : _("There is no debt item %lld. It may have been deleted."),
                   (long long) id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (items, 0));
}

/**
 * flaw_debt_db_list:
 *
 * Loads every item that is not deleted, without the long text fields
 * (description, rationale, compensating controls, won't-fix reason, links),
 * with costs and sort keys computed: the rows of the register's list.
 *
 * Returns: (transfer container) (element-type FlawDebtItem): the items,
 *   by id
 */
GPtrArray *
flaw_debt_db_list (FlawDatabase  *db,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  stmt = flaw_database_prepare (db, "SELECT " ROW_COLUMNS " FROM debt WHERE deleted IS NULL ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  return collect_items (db, stmt, FALSE, error);
}

/**
 * flaw_debt_db_load:
 *
 * Returns: (transfer full): the full item @id, or %NULL with
 *   %FLAW_DEBT_ERROR_NOT_FOUND if there is none or it is deleted
 */
FlawDebtItem *
flaw_debt_db_load (FlawDatabase  *db,
                   gint64         id,
                   GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  return load_item (db, id, FALSE, error);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static GArray *
sorted_ids (GArray *ids)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (sorted, ids->data, ids->len);
  g_array_sort (sorted, compare_int64);

  return sorted;
}

/**
 * flaw_debt_db_load_many:
 * @ids: (nullable) (element-type gint64): the items to load, or %NULL for
 *   every item that is not deleted
 *
 * Loads full items, for export. Ids that are unknown or deleted are
 * skipped.
 *
 * Returns: (transfer container) (element-type FlawDebtItem): the items, by id
 */
GPtrArray *
flaw_debt_db_load_many (FlawDatabase  *db,
                        GArray        *ids,
                        GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GArray) sorted = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  stmt = flaw_database_prepare (db, "SELECT " FULL_COLUMNS " FROM debt WHERE deleted IS NULL ORDER BY id",
                                error);
  if (stmt == NULL || !(all = collect_items (db, stmt, TRUE, error)))
    return NULL;

  if (ids == NULL)
    return g_steal_pointer (&all);

  sorted = sorted_ids (ids);
  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (all, i);

      if (flaw_debt_ids_contain (sorted, flaw_debt_item_get_id (item)))
        g_ptr_array_add (chosen, g_object_ref (item));
    }

  return g_steal_pointer (&chosen);
}

/**
 * flaw_debt_db_list_categories:
 *
 * Returns: (transfer container) (element-type FlawDebtCategory): the
 *   categories, in display order
 */
GPtrArray *
flaw_debt_db_list_categories (FlawDatabase  *db,
                              GError       **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_debt_category_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  if (!(stmt = flaw_database_prepare (db, "SELECT id, name FROM debt_category ORDER BY position, id", error)))
    return NULL;

  while ((rc = flaw_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      FlawDebtCategory *category = g_new0 (FlawDebtCategory, 1);

      category->id = g_strdup (column_text (stmt, 0));
      category->name = g_strdup (column_text (stmt, 1));
      g_ptr_array_add (categories, category);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&categories);
}

/**
 * flaw_debt_db_dup_category_ids:
 *
 * Returns: (transfer full): the category ids, for flaw_debt_item_validate()
 */
char **
flaw_debt_db_dup_category_ids (FlawDatabase  *db,
                               GError       **error)
{
  g_autoptr(GPtrArray) categories = flaw_debt_db_list_categories (db, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (categories == NULL)
    return NULL;

  for (guint i = 0; i < categories->len; i++)
    g_strv_builder_add (builder, ((FlawDebtCategory *) g_ptr_array_index (categories, i))->id);

  return g_strv_builder_end (builder);
}

static gboolean
validate (FlawDatabase  *db,
          FlawDebtItem  *item,
          GError       **error)
{
  g_auto(GStrv) categories = flaw_debt_db_dup_category_ids (db, error);

  if (categories == NULL)
    return FALSE;

  return flaw_debt_item_check (item, (const char * const *) categories, error);
}

/* Binds the columns of @item to parameters @base + 1 to @base + 19; they
 * must not change until @stmt is reset. */
static void
bind_item (sqlite3_stmt *stmt,
           int           base,
           FlawDebtItem *item)
{
  const char * const *links = flaw_debt_item_get_links (item);

  bind_text (stmt, base + 1, flaw_debt_item_get_title (item));
  bind_text (stmt, base + 2, flaw_debt_item_get_description (item));
  bind_text (stmt, base + 3, flaw_debt_item_get_category (item));
  bind_text (stmt, base + 4, flaw_debt_item_get_component (item));
  bind_text (stmt, base + 5, flaw_debt_item_get_cwe (item));
  bind_text (stmt, base + 6, flaw_debt_item_get_owner (item));
  bind_text (stmt, base + 7, flaw_debt_item_get_approver (item));
  if (links[0] == NULL)
    sqlite3_bind_text (stmt, base + 8, "[]", -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, base + 8, _flaw_debt_links_to_json (links), -1, g_free);
  sqlite3_bind_int (stmt, base + 9, flaw_debt_item_get_likelihood (item));
  sqlite3_bind_int (stmt, base + 10, flaw_debt_item_get_impact (item));
  sqlite3_bind_double (stmt, base + 11, flaw_debt_item_get_principal (item));
  sqlite3_bind_double (stmt, base + 12, flaw_debt_item_get_interest (item));
  sqlite3_bind_text (stmt, base + 13, flaw_debt_status_to_string (flaw_debt_item_get_status (item)), -1, SQLITE_STATIC);
  bind_text (stmt, base + 14, flaw_debt_item_get_rationale (item));
  bind_text (stmt, base + 15, flaw_debt_item_get_compensating_controls (item));
  bind_text (stmt, base + 16, flaw_debt_item_get_review_date (item));
  bind_text (stmt, base + 17, flaw_debt_item_get_target_date (item));
  bind_text (stmt, base + 18, flaw_debt_item_get_wont_fix_reason (item));
  sqlite3_bind_int64 (stmt, base + 19, flaw_debt_item_get_created (item));
}

static gboolean
index_fts (FlawDatabase  *db,
           FlawDebtItem  *item,
           gboolean       remove,
           GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (db,
                                remove
                                ? "INSERT INTO debt_fts (debt_fts, rowid, title, description, component) "
                                  "VALUES ('delete', ?, ?, ?, ?)"
                                : "INSERT INTO debt_fts (rowid, title, description, component) "
                                  "VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_debt_item_get_id (item));
  bind_text (stmt, 2, flaw_debt_item_get_title (item));
  bind_text (stmt, 3, flaw_debt_item_get_description (item));
  bind_text (stmt, 4, flaw_debt_item_get_component (item));

  return flaw_database_execute (db, stmt, error);
}

/* Inserting items: a row is 21 parameters, as bind_item() and then
 * updated and id. */
#define INSERT_DEBT \
  "INSERT INTO debt (title, description, category, component, cwe, owner, approver, links, " \
  "likelihood, impact, principal, interest, status, rationale, compensating_controls, " \
  "review_date, target_date, wont_fix_reason, created, updated, id) VALUES "
#define INSERT_DEBT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define DEBT_ROW_PARAMS 21

/* Creation events of many items: entity_id, new_value, time, actor. */
#define INSERT_CREATED \
  "INSERT INTO event (entity, entity_id, field, old_value, new_value, time, actor) VALUES "
#define INSERT_CREATED_ROW "('debt', ?, '" FLAW_DEBT_EVENT_ITEM "', NULL, ?, ?, ?)"
#define CREATED_ROW_PARAMS 4

/* Inserts a validated item inside the caller's transaction, with its one
 * creation event (see flaw-debt-history.h). A single item is indexed here;
 * flaw_debt_db_create_many() indexes all its items at once. */
static gboolean
insert_item (FlawDatabase  *db,
             FlawDebtItem  *item,
             gint64         now,
             gboolean       single,
             GError       **error)
{
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (flaw_debt_item_get_created (item) == 0)
    flaw_debt_item_set_created (item, now);

  stmt = flaw_database_prepare (db, INSERT_DEBT INSERT_DEBT_ROW, error);
  if (stmt == NULL)
    return FALSE;

  bind_item (stmt, 0, item);
  sqlite3_bind_int64 (stmt, 20, now);
  if (flaw_debt_item_get_id (item) > 0)
    sqlite3_bind_int64 (stmt, 21, flaw_debt_item_get_id (item));
  else
    sqlite3_bind_null (stmt, 21);

  if (!flaw_database_execute (db, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (flaw_database_get_handle (db));
  flaw_debt_item_set_id (item, id);
  _flaw_debt_item_set_times (item, flaw_debt_item_get_created (item), now, 0);

  snapshot = _flaw_debt_item_dup_snapshot (item);
  if (!flaw_database_append_event (db, "debt", id, FLAW_DEBT_EVENT_ITEM, NULL, snapshot, error))
    return FALSE;

  return !single || index_fts (db, item, FALSE, error);
}

/**
 * flaw_debt_db_create:
 * @item: a draft; its id is used if set and free
 *
 * Validates @item and saves it as a new item in one transaction, with its
 * events and search index entry. On success @item has its id and times.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
flaw_debt_db_create (FlawDatabase  *db,
                     FlawDebtItem  *item,
                     GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), 0);
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (item), 0);

  _flaw_debt_item_normalize (item);

  if (!validate (db, item, error) || !flaw_database_begin (db, error))
    return 0;

  if (!insert_item (db, item, flaw_clock_now (), TRUE, error) || !flaw_database_commit (db, error))
    {
      flaw_database_rollback (db);
      flaw_debt_item_set_id (item, 0);
      return 0;
    }

  return flaw_debt_item_get_id (item);
}

/* Foreign keys are checked once at the end of a bulk load
 * (check_bulk_keys()) rather than row by row, which costs more than the
 * insert itself. The pragma cannot change inside a transaction. */
static gboolean
set_foreign_keys (FlawDatabase  *db,
                  gboolean       on,
                  GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (db,
                                              on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                                              error);

  return stmt != NULL && flaw_database_execute (db, stmt, error);
}

/* What the foreign keys of the debt table would have refused. */
static gboolean
check_bulk_keys (FlawDatabase  *db,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = flaw_database_prepare (db,
                                "SELECT d.id, d.category FROM pragma_foreign_key_check ('debt') AS f "
                                "JOIN debt AS d ON d.id = f.rowid ORDER BY d.id LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = flaw_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                 _("Debt item %lld has the category “%s”, which this register does not have. "
                   "Nothing was saved; choose one of the register’s categories."),
                 (long long) sqlite3_column_int64 (stmt, 0), column_text (stmt, 1));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

static char *
build_insert_sql (const char *head,
                  const char *row,
                  guint       n_rows)
{
  GString *sql = g_string_new (head);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", row);

  return g_string_free (sql, FALSE);
}

/* Gives every item without an id the next free one, after every id in
 * use or asked for in @items, and its times, so that rows can be inserted
 * many per statement. */
static gboolean
assign_ids (FlawDatabase  *db,
            GPtrArray     *items,
            gint64         now,
            GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 last;

  if (!(stmt = flaw_database_prepare (db, "SELECT coalesce (max (id), 0) FROM debt", error)) ||
      flaw_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < items->len; i++)
    last = MAX (last, flaw_debt_item_get_id (g_ptr_array_index (items, i)));

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);

      if (flaw_debt_item_get_id (item) <= 0)
        {
          if (last == G_MAXINT64)
            {
              g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                           _("There is no id left for new debt items. Import the rows with smaller ids."));
              return FALSE;
            }
          flaw_debt_item_set_id (item, ++last);
        }
      if (flaw_debt_item_get_created (item) == 0)
        flaw_debt_item_set_created (item, now);
      _flaw_debt_item_set_times (item, flaw_debt_item_get_created (item), now, 0);
    }

  return TRUE;
}

/* Inserts @items, whose ids are set, with their creation events: whole
 * statements of BULK_ROWS rows, then one row per statement. A statement
 * per row costs more than the row: each opens a statement journal. */
#define BULK_ROWS 64

static gboolean
insert_rows (FlawDatabase  *db,
             GPtrArray     *items,
             gint64         now,
             GError       **error)
{
  g_autofree char *debt_sql = build_insert_sql (INSERT_DEBT, INSERT_DEBT_ROW, BULK_ROWS);
  g_autofree char *events_sql = build_insert_sql (INSERT_CREATED, INSERT_CREATED_ROW, BULK_ROWS);
  g_autofree char *actor = flaw_database_dup_actor (db);
  guint i = 0;

  while (i < items->len)
    {
      guint n_rows = items->len - i >= BULK_ROWS ? BULK_ROWS : 1;
      sqlite3_stmt *rows;
      sqlite3_stmt *events;

      if (!(rows = flaw_database_prepare (db, n_rows > 1 ? debt_sql : INSERT_DEBT INSERT_DEBT_ROW, error)) ||
          !(events = flaw_database_prepare (db, n_rows > 1 ? events_sql : INSERT_CREATED INSERT_CREATED_ROW,
                                            error)))
        return FALSE;

      for (guint r = 0; r < n_rows; r++)
        {
          FlawDebtItem *item = g_ptr_array_index (items, i + r);
          int base = r * DEBT_ROW_PARAMS;
          int event_base = r * CREATED_ROW_PARAMS;

          bind_item (rows, base, item);
          sqlite3_bind_int64 (rows, base + 20, now);
          sqlite3_bind_int64 (rows, base + 21, flaw_debt_item_get_id (item));

          sqlite3_bind_int64 (events, event_base + 1, flaw_debt_item_get_id (item));
          sqlite3_bind_text (events, event_base + 2, _flaw_debt_item_dup_snapshot (item), -1, g_free);
          sqlite3_bind_int64 (events, event_base + 3, now);
          sqlite3_bind_text (events, event_base + 4, actor, -1, SQLITE_STATIC);
        }

      if (!flaw_database_execute (db, rows, error) || !flaw_database_execute (db, events, error))
        return FALSE;

      i += n_rows;
    }

  return TRUE;
}

/**
 * flaw_debt_db_create_many:
 * @items: (element-type FlawDebtItem): validated drafts
 *
 * Saves all @items in one transaction, or none, with the same events as
 * flaw_debt_db_create(): one creation event per item. Items without an id
 * get ids after every id in use or in @items. Rows and events are written
 * many per statement and the search index with one statement at the end,
 * which keeps an import of 100,000 rows to seconds. The caller validates
 * first (the importer does, so that every bad row is reported); if
 * anything fails, nothing is saved and the items keep the ids they had.
 */
gboolean
flaw_debt_db_create_many (FlawDatabase  *db,
                          GPtrArray     *items,
                          GError       **error)
{
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(GArray) asked_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 now = flaw_clock_now ();

  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  /* The ids the caller gave, to give back if nothing is saved. */
  asked_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), items->len);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = flaw_debt_item_get_id (g_ptr_array_index (items, i));

      g_array_append_val (asked_ids, id);
    }

  if (!set_foreign_keys (db, FALSE, error))
    {
      set_foreign_keys (db, TRUE, NULL);
      return FALSE;
    }

  if (!flaw_database_begin (db, error))
    goto fail;

  if (!assign_ids (db, items, now, error) || !insert_rows (db, items, now, error))
    goto fail;

  /* The ids of this batch, for the search index. */
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            flaw_debt_item_get_id (g_ptr_array_index (items, i)));
  g_string_append_c (ids, ']');

  if (!(stmt = flaw_database_prepare (db, "CREATE TEMP TABLE IF NOT EXISTS debt_batch "
                                          "(id INTEGER PRIMARY KEY)", error)) ||
      !flaw_database_execute (db, stmt, error) ||
      !(stmt = flaw_database_prepare (db, "DELETE FROM temp.debt_batch", error)) ||
      !flaw_database_execute (db, stmt, error) ||
      !(stmt = flaw_database_prepare (db, "INSERT INTO temp.debt_batch (id) SELECT value FROM json_each (?)",
                                      error)))
    goto fail;

  sqlite3_bind_text (stmt, 1, ids->str, ids->len, SQLITE_STATIC);
  if (!flaw_database_execute (db, stmt, error))
    goto fail;

  if (!(stmt = flaw_database_prepare (db,
                                      "INSERT INTO debt_fts (rowid, title, description, component) "
                                      "SELECT d.id, d.title, d.description, d.component "
                                      "FROM temp.debt_batch AS b CROSS JOIN debt AS d ON d.id = b.id",
                                      error)) ||
      !flaw_database_execute (db, stmt, error) ||
      !(stmt = flaw_database_prepare (db, "DELETE FROM temp.debt_batch", error)) ||
      !flaw_database_execute (db, stmt, error) ||
      !check_bulk_keys (db, error) ||
      !flaw_database_commit (db, error))
    goto fail;

  /* The rows are saved: a setting that cannot be put back is no reason
   * to say otherwise. */
  if (!set_foreign_keys (db, TRUE, &local_error))
    g_warning ("Could not turn foreign keys back on after an import: %s", local_error->message);

  return TRUE;

fail:
  flaw_database_rollback (db);
  for (guint i = 0; i < items->len; i++)
    flaw_debt_item_set_id (g_ptr_array_index (items, i), g_array_index (asked_ids, gint64, i));
  set_foreign_keys (db, TRUE, NULL);

  return FALSE;
}

static gboolean
check_move (FlawDebtItem  *stored,
            FlawDebtItem  *item,
            gboolean       explicit_move,
            GError       **error)
{
  FlawDebtStatus from = flaw_debt_item_get_status (stored);
  FlawDebtStatus to = flaw_debt_item_get_status (item);
  g_autofree char *today = NULL;

  if (from == to && !explicit_move)
    return TRUE;

  if (!flaw_debt_status_can_move (from, to))
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_ILLEGAL_TRANSITION,
                   _("Debt item %lld cannot go from “%s” to “%s”."),
                   (long long) flaw_debt_item_get_id (stored),
                   flaw_debt_status_get_label (from), flaw_debt_status_get_label (to));
      return FALSE;
    }

  today = flaw_debt_today ();
  if (to == FLAW_DEBT_STATUS_ACCEPTED &&
      g_strcmp0 (flaw_debt_item_get_review_date (item), today) <= 0)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   _("To accept debt item %lld, give a review date after today (%s)."),
                   (long long) flaw_debt_item_get_id (stored), today);
      return FALSE;
    }

  return TRUE;
}

static gboolean
update_item (FlawDatabase  *db,
             FlawDebtItem  *stored,
             FlawDebtItem  *item,
             GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id = flaw_debt_item_get_id (stored);
  gint64 now = flaw_clock_now ();
  gboolean changed = FALSE;
  gboolean reindex = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (logged_fields); i++)
    {
      g_autofree char *before = _flaw_debt_item_dup_event_value (stored, logged_fields[i]);
      g_autofree char *after = _flaw_debt_item_dup_event_value (item, logged_fields[i]);

      if (g_strcmp0 (before, after) == 0)
        continue;

      if (!flaw_database_append_event (db, "debt", id, logged_fields[i], before, after, error))
        return FALSE;

      changed = TRUE;
      if (g_str_equal (logged_fields[i], "title") || g_str_equal (logged_fields[i], "description") ||
          g_str_equal (logged_fields[i], "component"))
        reindex = TRUE;
    }

  if (!changed)
    return TRUE;

  stmt = flaw_database_prepare (db,
                                "UPDATE debt SET title = ?, description = ?, category = ?, component = ?, "
                                "cwe = ?, owner = ?, approver = ?, links = ?, likelihood = ?, impact = ?, "
                                "principal = ?, interest = ?, status = ?, rationale = ?, "
                                "compensating_controls = ?, review_date = ?, target_date = ?, "
                                "wont_fix_reason = ?, created = ?, updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_item (stmt, 0, item);
  sqlite3_bind_int64 (stmt, 20, now);
  sqlite3_bind_int64 (stmt, 21, id);

  if (!flaw_database_execute (db, stmt, error))
    return FALSE;

  if (reindex && (!index_fts (db, stored, TRUE, error) || !index_fts (db, item, FALSE, error)))
    return FALSE;

  _flaw_debt_item_set_times (item, flaw_debt_item_get_created (item), now, 0);

  return TRUE;
}

static gboolean
save_changes (FlawDatabase  *db,
              FlawDebtItem  *item,
              gboolean       explicit_move,
              GError       **error)
{
  g_autoptr(FlawDebtItem) stored = NULL;

  if (!(stored = load_item (db, flaw_debt_item_get_id (item), FALSE, error)))
    return FALSE;

  _flaw_debt_item_normalize (item);

  /* An illegal move is the first thing to tell, before what it would need. */
  if (!check_move (stored, item, explicit_move, error) || !validate (db, item, error))
    return FALSE;

  if (!flaw_database_begin (db, error))
    return FALSE;

  if (!update_item (db, stored, item, error) || !flaw_database_commit (db, error))
    {
      flaw_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/**
 * flaw_debt_db_update:
 * @item: a full item (see flaw_debt_item_get_is_full()) with its changes
 *
 * Validates @item and saves the fields that differ from the database, one
 * event each, in one transaction. A change of status must be a legal move
 * (%FLAW_DEBT_ERROR_ILLEGAL_TRANSITION otherwise); moving to accepted needs
 * a review date after today.
 */
gboolean
flaw_debt_db_update (FlawDatabase  *db,
                     FlawDebtItem  *item,
                     GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (FLAW_IS_DEBT_ITEM (item), FALSE);

  /* A list row lacks the long fields: saving it would clear them. */
  if (!flaw_debt_item_get_is_full (item))
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   "Debt item %" G_GINT64_FORMAT " was not loaded in full and cannot be saved",
                   flaw_debt_item_get_id (item));
      return FALSE;
    }

  return save_changes (db, item, FALSE, error);
}

/**
 * flaw_debt_db_transition:
 * @to: the new decision
 * @decision: (nullable): what the decision needs (rationale, dates, …)
 *
 * Takes a decision on item @id. accepted → accepted is a re-review: it
 * needs a new review date after today. Illegal moves fail with
 * %FLAW_DEBT_ERROR_ILLEGAL_TRANSITION naming both states; missing
 * requirements with %FLAW_DEBT_ERROR_INVALID.
 */
gboolean
flaw_debt_db_transition (FlawDatabase            *db,
                         gint64                   id,
                         FlawDebtStatus           to,
                         const FlawDebtDecision  *decision,
                         GError                 **error)
{
  static const FlawDebtDecision none = { 0 };
  g_autoptr(FlawDebtItem) item = NULL;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (to < FLAW_DEBT_N_STATUSES, FALSE);

  if (decision == NULL)
    decision = &none;

  if (!(item = load_item (db, id, FALSE, error)))
    return FALSE;

  if (decision->rationale != NULL)
    flaw_debt_item_set_rationale (item, decision->rationale);
  if (decision->compensating_controls != NULL)
    flaw_debt_item_set_compensating_controls (item, decision->compensating_controls);
  if (decision->target_date != NULL)
    flaw_debt_item_set_target_date (item, decision->target_date);
  if (decision->wont_fix_reason != NULL)
    flaw_debt_item_set_wont_fix_reason (item, decision->wont_fix_reason);
  if (decision->approver != NULL)
    flaw_debt_item_set_approver (item, decision->approver);

  if (to == FLAW_DEBT_STATUS_ACCEPTED)
    {
      if (decision->review_date != NULL)
        flaw_debt_item_set_review_date (item, decision->review_date);
      else if (decision->review_period_days > 0)
        {
          g_autofree char *today = flaw_debt_today ();
          g_autofree char *review = flaw_debt_date_add_days (today, decision->review_period_days);

          flaw_debt_item_set_review_date (item, review);
        }
    }

  flaw_debt_item_set_status (item, to);

  return save_changes (db, item, TRUE, error);
}

static gboolean
set_deleted (FlawDatabase  *db,
             gint64         id,
             gboolean       deleted,
             GError       **error)
{
  g_autoptr(FlawDebtItem) item = NULL;
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 now = flaw_clock_now ();

  if (!(item = load_item (db, id, !deleted, error)))
    return FALSE;

  stamp = g_strdup_printf ("%" G_GINT64_FORMAT, deleted ? now : flaw_debt_item_get_deleted (item));

  if (!flaw_database_begin (db, error))
    return FALSE;

  stmt = flaw_database_prepare (db, "UPDATE debt SET deleted = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;

  if (deleted)
    sqlite3_bind_int64 (stmt, 1, now);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);

  if (!flaw_database_execute (db, stmt, error) ||
      !flaw_database_append_event (db, "debt", id, "deleted",
                                   deleted ? NULL : stamp, deleted ? stamp : NULL, error) ||
      !flaw_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  flaw_database_rollback (db);
  return FALSE;
}

/**
 * flaw_debt_db_delete:
 *
 * Deletes item @id so that it disappears everywhere, but keeps it so that
 * flaw_debt_db_restore() can bring it back (Undo).
 */
gboolean
flaw_debt_db_delete (FlawDatabase  *db,
                     gint64         id,
                     GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);

  return set_deleted (db, id, TRUE, error);
}

gboolean
flaw_debt_db_restore (FlawDatabase  *db,
                      gint64         id,
                      GError       **error)
{
  g_return_val_if_fail (FLAW_IS_DATABASE (db), FALSE);

  return set_deleted (db, id, FALSE, error);
}

/**
 * flaw_debt_build_match_query:
 * @text: what the user typed
 *
 * Turns user text into a safe FTS5 prefix query: every word (run of
 * letters, digits and marks) becomes a quoted prefix term ("word"*), so
 * that no character the user types is FTS5 syntax. All words must match.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL if @text has
 *   no word in it
 */
char *
flaw_debt_build_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* The search index's tokenizer (as in its migration), for queries. */
static const char *search_tokenizer[] = { "unicode61", "remove_diacritics", "2" };

static int
add_token_cb (void       *data,
              int         flags,
              const char *token,
              int         length,
              int         start,
              int         end)
{
  GString *query = data;

  if (query->len > 0)
    g_string_append_c (query, ' ');

  /* A token is letters, digits and marks; quote it anyway. */
  g_string_append_c (query, '"');
  for (int i = 0; i < length; i++)
    {
      if (token[i] == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, token[i]);
    }
  g_string_append (query, "\"*");

  return SQLITE_OK;
}

/* Turns @text into an FTS5 query of one prefix term per token, cut by the
 * index's own tokenizer: the index keeps no positions (detail=column), so
 * a quoted word that the tokenizer would cut in two (a mark inside it, a
 * letter newer than its Unicode tables) must not become a phrase.
 * Returns "" if @text has no token. */
static char *
build_token_query (FlawDatabase  *db,
                   const char    *text,
                   GError       **error)
{
  g_autoptr(GString) query = g_string_new (NULL);
  fts5_api *api = NULL;
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *user_data = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = flaw_database_prepare (db, "SELECT fts5 (?1)", error)))
    return NULL;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  rc = flaw_database_step (db, stmt, error);
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  if (api == NULL ||
      api->xFindTokenizer (api, search_tokenizer[0], &user_data, &tokenizer) != SQLITE_OK ||
      tokenizer.xCreate (user_data, &search_tokenizer[1], G_N_ELEMENTS (search_tokenizer) - 1,
                         &instance) != SQLITE_OK)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   _("The search index cannot read the text “%s”."), text);
      return NULL;
    }

  rc = tokenizer.xTokenize (instance, query, FTS5_TOKENIZE_QUERY, text, strlen (text), add_token_cb);
  tokenizer.xDelete (instance);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID,
                   _("The search index cannot read the text “%s”."), text);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * flaw_debt_db_search:
 * @text: what the user typed
 *
 * Searches titles, descriptions and components. The result may name
 * deleted items, which are in no list; intersect it with the list.
 * Text without a word matches every item.
 *
 * Returns: (transfer full) (element-type gint64): the matching ids, sorted
 *   ascending for flaw_debt_ids_contain()
 */
GArray *
flaw_debt_db_search (FlawDatabase  *db,
                     const char    *text,
                     GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *words = flaw_debt_build_match_query (text);
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);

  if (words != NULL && !(query = build_token_query (db, text, error)))
    return NULL;

  if (query != NULL && *query != '\0')
    {
      stmt = flaw_database_prepare (db, "SELECT rowid FROM debt_fts WHERE debt_fts MATCH ? ORDER BY rowid",
                                    error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
    }
  else if (!(stmt = flaw_database_prepare (db, "SELECT id FROM debt WHERE deleted IS NULL ORDER BY id", error)))
    return NULL;

  while ((rc = flaw_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * flaw_debt_db_list_review_due:
 * @today: "YYYY-MM-DD", usually flaw_debt_today()
 *
 * Returns: (transfer container) (element-type FlawDebtItem): the accepted
 *   items whose review date is before @today, earliest first (list rows);
 *   their number is the review-due count
 */
GPtrArray *
flaw_debt_db_list_review_due (FlawDatabase  *db,
                              const char    *today,
                              GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = flaw_database_prepare (db,
                                "SELECT " ROW_COLUMNS " FROM debt WHERE deleted IS NULL "
                                "AND status = 'accepted' AND review_date < ? ORDER BY review_date, id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);

  return collect_items (db, stmt, FALSE, error);
}

typedef struct
{
  gint64         id;
  gint64         created;
  gint64         deleted;
  double         principal;
  double         interest;
  FlawDebtStatus status;
} SeriesItem;

static int
compare_series_items (const void *key,
                      const void *element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ((const SeriesItem *) element)->id;

  return (id > other) - (id < other);
}

/* A value of a creation snapshot (see flaw-debt-history.h) as SQL over an
 * event row, NULL for other events. */
#define SNAPSHOT_VALUE(field) \
  "CASE WHEN field = '" FLAW_DEBT_EVENT_ITEM "' AND json_valid (new_value) " \
  "THEN json_extract (new_value, '$." field "') END"

/**
 * flaw_debt_db_cost_series:
 * @from: the first point (Unix seconds)
 * @to: the last point
 * @n_points: how many points, at least 1, spread evenly
 *
 * Reconstructs the total cost of open items over time from the event log:
 * each item's principal, interest, status and deletion at each point are
 * found by undoing, from the current row, the changes logged after it;
 * undoing an item's creation event sets the values it was recorded with
 * (its snapshot). An item counts from its created time, which an import
 * may put before its creation event.
 *
 * Returns: (transfer full) (element-type FlawDebtCostPoint): the points,
 *   oldest first
 */
GArray *
flaw_debt_db_cost_series (FlawDatabase  *db,
                          gint64         from,
                          gint64         to,
                          guint          n_points,
                          GError       **error)
{
  return flaw_debt_db_cost_series_for (db, NULL, from, to, n_points, error);
}

/**
 * flaw_debt_db_cost_series_for:
 * @ids: (nullable) (element-type gint64): only these items (the current
 *   view), or %NULL for all
 *
 * As flaw_debt_db_cost_series(), for some items.
 */
GArray *
flaw_debt_db_cost_series_for (FlawDatabase  *db,
                              GArray        *ids,
                              gint64         from,
                              gint64         to,
                              guint          n_points,
                              GError       **error)
{
  g_autoptr(GArray) only = ids ? sorted_ids (ids) : NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SeriesItem));
  g_autoptr(GArray) points = NULL;
  sqlite3_stmt *items_stmt;
  sqlite3_stmt *events_stmt;
  int rc;

  g_return_val_if_fail (FLAW_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_points > 0, NULL);
  g_return_val_if_fail (from <= to, NULL);

  items_stmt = flaw_database_prepare (db,
                                      "SELECT id, created, deleted, principal, interest, status "
                                      "FROM debt ORDER BY id",
                                      error);
  if (items_stmt == NULL)
    return NULL;

  while ((rc = flaw_database_step (db, items_stmt, error)) == SQLITE_ROW)
    {
      SeriesItem item = {
        .id = sqlite3_column_int64 (items_stmt, 0),
        .created = sqlite3_column_int64 (items_stmt, 1),
        .deleted = sqlite3_column_int64 (items_stmt, 2),
        .principal = sqlite3_column_double (items_stmt, 3),
        .interest = sqlite3_column_double (items_stmt, 4),
      };

      flaw_debt_status_from_string (column_text (items_stmt, 5), &item.status);
      g_array_append_val (items, item);
    }

  sqlite3_reset (items_stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  points = g_array_sized_new (FALSE, TRUE, sizeof (FlawDebtCostPoint), n_points);
  g_array_set_size (points, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      FlawDebtCostPoint *point = &g_array_index (points, FlawDebtCostPoint, i);

      point->time = n_points == 1 ? to : from + (gint64) ((double) (to - from) * i / (n_points - 1));
    }

  events_stmt = flaw_database_prepare (db,
                                       "SELECT entity_id, field, old_value, time, "
                                       SNAPSHOT_VALUE ("principal") ", "
                                       SNAPSHOT_VALUE ("interest") ", "
                                       SNAPSHOT_VALUE ("status") " FROM event "
                                       "WHERE entity = 'debt' AND time > ? AND field IN "
                                       "('principal', 'interest', 'status', 'deleted', '" FLAW_DEBT_EVENT_ITEM "') "
                                       "ORDER BY time DESC, id DESC",
                                       error);
  if (events_stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (events_stmt, 1, from);
  rc = flaw_database_step (db, events_stmt, error);

  for (guint p = n_points; p-- > 0;)
    {
      FlawDebtCostPoint *point = &g_array_index (points, FlawDebtCostPoint, p);

      /* Undo every change made after this point. A field event without an
       * old value is a creation logged field by field (before snapshots),
       * which the created time covers. */
      while (rc == SQLITE_ROW && sqlite3_column_int64 (events_stmt, 3) > point->time)
        {
          gint64 id = sqlite3_column_int64 (events_stmt, 0);
          const char *field = column_text (events_stmt, 1);
          const char *old_value = column_text (events_stmt, 2);
          SeriesItem *item = NULL;

          if (items->len > 0)
            item = bsearch (&id, items->data, items->len, sizeof (SeriesItem), compare_series_items);

          if (item != NULL && g_str_equal (field, FLAW_DEBT_EVENT_ITEM))
            {
              /* Before its creation event the item is as it was recorded:
               * the snapshot's values, not deleted. */
              if (sqlite3_column_type (events_stmt, 4) != SQLITE_NULL)
                item->principal = g_ascii_strtod (column_text (events_stmt, 4), NULL);
              if (sqlite3_column_type (events_stmt, 5) != SQLITE_NULL)
                item->interest = g_ascii_strtod (column_text (events_stmt, 5), NULL);
              if (sqlite3_column_type (events_stmt, 6) != SQLITE_NULL)
                flaw_debt_status_from_string (column_text (events_stmt, 6), &item->status);
              item->deleted = 0;
            }
          else if (item != NULL)
            {
              if (g_str_equal (field, "deleted"))
                item->deleted = old_value ? g_ascii_strtoll (old_value, NULL, 10) : 0;
              else if (old_value == NULL)
                ;
              else if (g_str_equal (field, "principal"))
                item->principal = g_ascii_strtod (old_value, NULL);
              else if (g_str_equal (field, "interest"))
                item->interest = g_ascii_strtod (old_value, NULL);
              else
                flaw_debt_status_from_string (old_value, &item->status);
            }

          rc = flaw_database_step (db, events_stmt, error);
        }

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return NULL;

      for (guint i = 0; i < items->len; i++)
        {
          const SeriesItem *item = &g_array_index (items, SeriesItem, i);

          if (item->created > point->time || item->deleted != 0 || !flaw_debt_status_is_open (item->status))
            continue;

          if (only != NULL && !flaw_debt_ids_contain (only, item->id))
            continue;

          point->n_open++;
          point->principal += item->principal;
          point->cost += flaw_debt_cost_at (item->principal, item->interest, item->created, point->time);
        }
    }

  sqlite3_reset (events_stmt);

  return g_steal_pointer (&points);
}

/* Asynchronous wrappers ------------------------------------------------- */

typedef struct
{
  gint64            id;
  gint64            from;
  gint64            to;
  guint             n_points;
  FlawDebtStatus    status;
  FlawDebtItem     *item;
  char             *text;
  FlawDebtDecision  decision;
  char             *strings[6];
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->item);
  g_free (call->text);
  for (guint i = 0; i < G_N_ELEMENTS (call->strings); i++)
    g_free (call->strings[i]);
  g_free (call);
}

static gpointer
list_job (FlawDatabase  *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_debt_db_list (db, error);
}

static gpointer
load_job (FlawDatabase  *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_debt_db_load (db, ((Call *) data)->id, error);
}

static gpointer
save_job (FlawDatabase  *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Call *call = data;
  gint64 id = flaw_debt_item_get_id (call->item);

  if (id == 0)
    id = flaw_debt_db_create (db, call->item, error);
  else if (!flaw_debt_db_update (db, call->item, error))
    id = 0;

  return id != 0 ? flaw_debt_db_load (db, id, error) : NULL;
}

static gpointer
transition_job (FlawDatabase  *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Call *call = data;

  if (!flaw_debt_db_transition (db, call->id, call->status, &call->decision, error))
    return NULL;

  return flaw_debt_db_load (db, call->id, error);
}

static gpointer
delete_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_debt_db_delete (db, ((Call *) data)->id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
restore_job (FlawDatabase  *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Call *call = data;

  if (!flaw_debt_db_restore (db, call->id, error))
    return NULL;

  return flaw_debt_db_load (db, call->id, error);
}

static gpointer
search_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_debt_db_search (db, ((Call *) data)->text, error);
}

static gpointer
events_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_database_list_events (db, "debt", ((Call *) data)->id, error);
}

static gpointer
categories_job (FlawDatabase  *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return flaw_debt_db_list_categories (db, error);
}

static gpointer
review_due_job (FlawDatabase  *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return flaw_debt_db_list_review_due (db, ((Call *) data)->text, error);
}

static gpointer
series_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Call *call = data;

  return flaw_debt_db_cost_series (db, call->from, call->to, call->n_points, error);
}

static Call *
call_new (gint64 id)
{
  Call *call = g_new0 (Call, 1);

  call->id = id;

  return call;
}

/**
 * flaw_debt_list_async:
 *
 * Loads the list rows (flaw_debt_db_list()) in one job, for one
 * g_list_store_splice() on the main thread.
 */
void
flaw_debt_list_async (FlawStore           *store,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_list_finish:
 *
 * Returns: (transfer container) (element-type FlawDebtItem): the items
 */
GPtrArray *
flaw_debt_list_finish (FlawStore     *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_load_async (FlawStore           *store,
                      gint64               id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, load_job, call_new (id), (GDestroyNotify) call_free, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_load_finish:
 *
 * Returns: (transfer full): the full item
 */
FlawDebtItem *
flaw_debt_load_finish (FlawStore     *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

/**
 * flaw_debt_save_async:
 * @draft: an item to create (id 0) or a full item to update; it is copied
 *
 * Creates or updates, as flaw_debt_db_create() and flaw_debt_db_update().
 * Validation errors are %FLAW_DEBT_ERROR_INVALID with the first problem;
 * call flaw_debt_item_validate() first to show every problem inline.
 */
void
flaw_debt_save_async (FlawStore           *store,
                      FlawDebtItem        *draft,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Call *call;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (FLAW_IS_DEBT_ITEM (draft));

  call = call_new (0);
  call->item = flaw_debt_item_copy (draft);

  flaw_store_run_async (store, save_job, call, (GDestroyNotify) call_free, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_save_finish:
 *
 * Returns: (transfer full): the saved item as now stored, with its id
 */
FlawDebtItem *
flaw_debt_save_finish (FlawStore     *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

/**
 * flaw_debt_transition_async:
 * @decision: (nullable): copied
 */
void
flaw_debt_transition_async (FlawStore              *store,
                            gint64                  id,
                            FlawDebtStatus          to,
                            const FlawDebtDecision *decision,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  Call *call;

  g_return_if_fail (FLAW_IS_STORE (store));

  call = call_new (id);
  call->status = to;
  if (decision != NULL)
    {
      call->decision.rationale = call->strings[0] = g_strdup (decision->rationale);
      call->decision.compensating_controls = call->strings[1] = g_strdup (decision->compensating_controls);
      call->decision.review_date = call->strings[2] = g_strdup (decision->review_date);
      call->decision.target_date = call->strings[3] = g_strdup (decision->target_date);
      call->decision.wont_fix_reason = call->strings[4] = g_strdup (decision->wont_fix_reason);
      call->decision.approver = call->strings[5] = g_strdup (decision->approver);
      call->decision.review_period_days = decision->review_period_days;
    }

  flaw_store_run_async (store, transition_job, call, (GDestroyNotify) call_free, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_transition_finish:
 *
 * Returns: (transfer full): the item after the decision
 */
FlawDebtItem *
flaw_debt_transition_finish (FlawStore     *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_delete_async (FlawStore           *store,
                        gint64               id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, delete_job, call_new (id), (GDestroyNotify) call_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
flaw_debt_delete_finish (FlawStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return flaw_store_run_finish (store, result, error) != NULL;
}

void
flaw_debt_restore_async (FlawStore           *store,
                         gint64               id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, restore_job, call_new (id), (GDestroyNotify) call_free, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_restore_finish:
 *
 * Returns: (transfer full): the restored item
 */
FlawDebtItem *
flaw_debt_restore_finish (FlawStore     *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_search_async (FlawStore           *store,
                        const char          *text,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Call *call;

  g_return_if_fail (FLAW_IS_STORE (store));

  call = call_new (0);
  call->text = g_strdup (text);

  flaw_store_run_async (store, search_job, call, (GDestroyNotify) call_free,
                        (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_search_finish:
 *
 * Returns: (transfer full) (element-type gint64): matching ids, sorted
 */
GArray *
flaw_debt_search_finish (FlawStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_list_events_async (FlawStore           *store,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, events_job, call_new (id), (GDestroyNotify) call_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_list_events_finish:
 *
 * Returns: (transfer container) (element-type FlawEvent): the item's
 *   history, newest first
 */
GPtrArray *
flaw_debt_list_events_finish (FlawStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_list_categories_async (FlawStore           *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (FLAW_IS_STORE (store));

  flaw_store_run_async (store, categories_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/**
 * flaw_debt_list_categories_finish:
 *
 * Returns: (transfer container) (element-type FlawDebtCategory): the categories
 */
GPtrArray *
flaw_debt_list_categories_finish (FlawStore     *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

/**
 * flaw_debt_list_review_due_async:
 * @today: "YYYY-MM-DD", usually flaw_debt_today()
 *
 * Lists the accepted items past their review date, for the daily
 * notification and the summary (see flaw_debt_db_list_review_due()).
 */
void
flaw_debt_list_review_due_async (FlawStore           *store,
                                 const char          *today,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Call *call;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (today != NULL);

  call = call_new (0);
  call->text = g_strdup (today);

  flaw_store_run_async (store, review_due_job, call, (GDestroyNotify) call_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_list_review_due_finish:
 *
 * Returns: (transfer container) (element-type FlawDebtItem): the items
 *   due for review, earliest review date first
 */
GPtrArray *
flaw_debt_list_review_due_finish (FlawStore     *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}

void
flaw_debt_cost_series_async (FlawStore           *store,
                             gint64               from,
                             gint64               to,
                             guint                n_points,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Call *call;

  g_return_if_fail (FLAW_IS_STORE (store));
  g_return_if_fail (n_points > 0 && from <= to);

  call = call_new (0);
  call->from = from;
  call->to = to;
  call->n_points = n_points;

  flaw_store_run_async (store, series_job, call, (GDestroyNotify) call_free,
                        (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

/**
 * flaw_debt_cost_series_finish:
 *
 * Returns: (transfer full) (element-type FlawDebtCostPoint): the points
 */
GArray *
flaw_debt_cost_series_finish (FlawStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return flaw_store_run_finish (store, result, error);
}
