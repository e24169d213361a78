/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-debt-history.h"
#include "flaw-debt-store.h"
#include "flaw-test-utils.h"

/* 2025-01-01T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1735732800)
#define DAY 86400

typedef struct
{
  char         *dir;
  char         *path;
  FlawDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "flawdesk.db", NULL);
  fixture->db = flaw_database_open (fixture->path, &error);
  g_assert_no_error (error);
  flaw_database_set_actor (fixture->db, "Tester");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  flaw_clock_unset_fixed ();
}

static FlawDebtItem *
make_item (const char *title)
{
  FlawDebtItem *item = flaw_debt_item_new ();

  flaw_debt_item_set_title (item, title);
  flaw_debt_item_set_description (item, "Granted during development, never taken back.");
  flaw_debt_item_set_component (item, "deploy-bot");
  flaw_debt_item_set_category (item, "access_permissions");
  flaw_debt_item_set_owner (item, "Kim");
  flaw_debt_item_set_likelihood (item, 4);
  flaw_debt_item_set_impact (item, 5);
  flaw_debt_item_set_principal (item, 3);
  flaw_debt_item_set_interest (item, 1);

  return item;
}

static gint64
create (Fixture    *fixture,
        const char *title)
{
  g_autoptr(FlawDebtItem) item = make_item (title);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = flaw_debt_db_create (fixture->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static const char *
event_value (GPtrArray  *events,
             const char *field,
             gboolean    old)
{
  for (guint i = 0; i < events->len; i++)
    {
      FlawEvent *event = g_ptr_array_index (events, i);

      if (g_str_equal (event->field, field))
        return old ? event->old_value : event->new_value;
    }

  return "(no event)";
}

static void
assert_snapshot_value (const char *snapshot,
                       const char *field,
                       const char *expected)
{
  g_autofree char *value = flaw_debt_snapshot_dup_value (snapshot, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (flaw_database_get_schema_version (fixture->db), >=, 3);

  categories = flaw_debt_db_list_categories (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 9);
  g_assert_cmpstr (((FlawDebtCategory *) categories->pdata[0])->id, ==, "access_permissions");
  g_assert_cmpstr (((FlawDebtCategory *) categories->pdata[8])->id, ==, "process");
  g_assert_cmpstr (flaw_debt_category_get_label ("input_handling", NULL), ==, "Input handling");
  g_assert_cmpstr (flaw_debt_category_get_label ("custom", "Custom"), ==, "Custom");
}

static void
test_create_list_load (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = make_item ("Admin rights for the deploy bot");
  g_autoptr(FlawDebtItem) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const char * const links[] = { "https://tickets.example/SEC-1", NULL };
  const char *snapshot;
  FlawDebtItem *row;
  gint64 id;

  flaw_debt_item_set_links (item, links);
  flaw_debt_item_set_cwe (item, "CWE-250");
  id = flaw_debt_db_create (fixture->db, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flaw_debt_item_get_id (item), ==, id);
  g_assert_cmpint (flaw_debt_item_get_created (item), ==, NOW);

  list = flaw_debt_db_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  row = g_ptr_array_index (list, 0);
  g_assert_false (flaw_debt_item_get_is_full (row));
  g_assert_null (flaw_debt_item_get_description (row));
  g_assert_cmpstr (flaw_debt_item_get_title (row), ==, "Admin rights for the deploy bot");
  g_assert_cmpint (flaw_debt_item_get_severity (row), ==, FLAW_DEBT_SEVERITY_CRITICAL);
  g_assert_cmpfloat (flaw_debt_item_get_cost_today (row), ==, 3);

  loaded = flaw_debt_db_load (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_debt_item_get_is_full (loaded));
  g_assert_cmpstr (flaw_debt_item_get_description (loaded), ==, "Granted during development, never taken back.");
  g_assert_cmpstr (flaw_debt_item_get_links (loaded)[0], ==, "https://tickets.example/SEC-1");
  g_assert_cmpstr (flaw_debt_item_get_cwe (loaded), ==, "CWE-250");

  /* One creation event, with a snapshot of every field that was set. */
  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  snapshot = event_value (events, FLAW_DEBT_EVENT_ITEM, FALSE);
  g_assert_null (event_value (events, FLAW_DEBT_EVENT_ITEM, TRUE));
  assert_snapshot_value (snapshot, "title", "Admin rights for the deploy bot");
  assert_snapshot_value (snapshot, "links", "[\"https://tickets.example/SEC-1\"]");
  assert_snapshot_value (snapshot, "status", "proposed");
  assert_snapshot_value (snapshot, "cwe", "CWE-250");
  assert_snapshot_value (snapshot, "principal", "3");
  assert_snapshot_value (snapshot, "created", "2025-01-01T12:00:00Z");
  assert_snapshot_value (snapshot, "approver", NULL);
  /* The long texts stay in the item. */
  assert_snapshot_value (snapshot, "description", NULL);
  g_assert_cmpint (((FlawEvent *) events->pdata[0])->time, ==, NOW);
  g_assert_cmpstr (((FlawEvent *) events->pdata[0])->actor, ==, "Tester");

  g_assert_null (flaw_debt_db_load (fixture->db, 999, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND);
}

static void
test_create_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = make_item ("Bad");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  flaw_debt_item_set_category (item, "nonsense");
  g_assert_cmpint (flaw_debt_db_create (fixture->db, item, &error), ==, 0);
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nonsense"));
  g_clear_error (&error);

  flaw_debt_item_set_category (item, NULL);
  flaw_debt_item_set_impact (item, 6);
  g_assert_cmpint (flaw_debt_db_create (fixture->db, item, &error), ==, 0);
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_clear_error (&error);

  list = flaw_debt_db_list (fixture->db, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_update_events (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(FlawDebtItem) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture, "TLS checks off in staging");
  guint before;

  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  before = events->len;
  g_clear_pointer (&events, g_ptr_array_unref);

  flaw_clock_set_fixed (NOW + DAY);
  item = flaw_debt_db_load (fixture->db, id, &error);
  flaw_debt_item_set_principal (item, 5.5);
  flaw_debt_item_set_owner (item, NULL);
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  g_assert_no_error (error);

  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpuint (events->len, ==, before + 2);
  /* Newest first. */
  g_assert_cmpint (((FlawEvent *) events->pdata[0])->time, ==, NOW + DAY);
  g_assert_cmpstr (event_value (events, "principal", TRUE), ==, "3");
  g_assert_cmpstr (event_value (events, "principal", FALSE), ==, "5.5");
  g_assert_cmpstr (event_value (events, "owner", TRUE), ==, "Kim");
  g_assert_null (event_value (events, "owner", FALSE));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A list row cannot be saved: it would clear the long fields. */
  {
    g_autoptr(GPtrArray) rows = flaw_debt_db_list (fixture->db, &error);

    g_assert_false (flaw_debt_db_update (fixture->db, rows->pdata[0], &error));
    g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Saving without a change writes nothing. */
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpuint (events->len, ==, before + 2);

  again = flaw_debt_db_load (fixture->db, id, &error);
  g_assert_cmpfloat (flaw_debt_item_get_principal (again), ==, 5.5);
  g_assert_null (flaw_debt_item_get_owner (again));
  g_assert_cmpint (flaw_debt_item_get_updated (again), ==, NOW + DAY);
}

static void
test_transitions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;
  FlawDebtDecision accept = {
    .rationale = "Release on Friday",
    .compensating_controls = "Bot token scoped to one repository",
    .review_period_days = 90,
  };
  FlawDebtDecision schedule = { .target_date = "2025-03-01" };
  FlawDebtDecision give_up = { .wont_fix_reason = "Service is retired in May" };
  gint64 id = create (fixture, "Old TLS library");

  /* Illegal moves name both states and change nothing. */
  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_PAID_OFF, NULL, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_ILLEGAL_TRANSITION);
  g_assert_nonnull (strstr (error->message, "Proposed"));
  g_assert_nonnull (strstr (error->message, "Paid off"));
  g_clear_error (&error);

  /* Accepting needs a rationale and compensating controls. */
  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_ACCEPTED,
                                           &(FlawDebtDecision) { .review_period_days = 90 }, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_clear_error (&error);

  /* The review date defaults to today + the review period. */
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_ACCEPTED, &accept, &error));
  g_assert_no_error (error);
  item = flaw_debt_db_load (fixture->db, id, &error);
  g_assert_cmpint (flaw_debt_item_get_status (item), ==, FLAW_DEBT_STATUS_ACCEPTED);
  g_assert_cmpstr (flaw_debt_item_get_review_date (item), ==, "2025-04-01");
  g_clear_object (&item);

  /* A re-review needs a review date after today. */
  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_ACCEPTED,
                                           &(FlawDebtDecision) { .review_date = "2025-01-01" }, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "after today"));
  g_clear_error (&error);
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_ACCEPTED,
                                          &(FlawDebtDecision) { .review_date = "2025-06-30" }, &error));

  /* Scheduling needs a target date. */
  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_SCHEDULED, NULL, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_SCHEDULED, &schedule, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_SCHEDULED, NULL, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_PAID_OFF, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_WONT_FIX, &give_up, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_ILLEGAL_TRANSITION);
  g_assert_nonnull (strstr (error->message, "Paid off"));
  g_assert_nonnull (strstr (error->message, "Won’t fix"));
  g_clear_error (&error);

  /* Reopen, then give up with a reason. */
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_PROPOSED, NULL, &error));
  g_assert_false (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_WONT_FIX, NULL, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (flaw_debt_db_transition (fixture->db, id, FLAW_DEBT_STATUS_WONT_FIX, &give_up, &error));
  g_assert_no_error (error);

  /* An update that changes the status is checked the same way. */
  item = flaw_debt_db_load (fixture->db, id, &error);
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_IN_PROGRESS);
  g_assert_false (flaw_debt_db_update (fixture->db, item, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_ILLEGAL_TRANSITION);
}

static void
test_all_moves (Fixture       *fixture,
                gconstpointer  data)
{
  /* Every (from, to) pair through the database, from an item brought to
   * "from" along legal moves. */
  static const FlawDebtStatus path[FLAW_DEBT_N_STATUSES][4] = {
    [FLAW_DEBT_STATUS_PROPOSED] = { 0 },
    [FLAW_DEBT_STATUS_ACCEPTED] = { FLAW_DEBT_STATUS_ACCEPTED },
    [FLAW_DEBT_STATUS_SCHEDULED] = { FLAW_DEBT_STATUS_SCHEDULED },
    [FLAW_DEBT_STATUS_IN_PROGRESS] = { FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_IN_PROGRESS },
    [FLAW_DEBT_STATUS_PAID_OFF] = { FLAW_DEBT_STATUS_SCHEDULED, FLAW_DEBT_STATUS_IN_PROGRESS, FLAW_DEBT_STATUS_PAID_OFF },
    [FLAW_DEBT_STATUS_WONT_FIX] = { FLAW_DEBT_STATUS_WONT_FIX },
  };
  FlawDebtDecision all = {
    .rationale = "r", .compensating_controls = "c", .review_date = "2025-12-31",
    .target_date = "2025-06-01", .wont_fix_reason = "w",
  };

  for (guint from = 0; from < FLAW_DEBT_N_STATUSES; from++)
    for (guint to = 0; to < FLAW_DEBT_N_STATUSES; to++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(FlawDebtItem) item = NULL;
        gint64 id = create (fixture, "Move");
        gboolean ok;

        for (guint i = 0; i < 4 && path[from][i] != 0; i++)
          {
            g_assert_true (flaw_debt_db_transition (fixture->db, id, path[from][i], &all, &error));
            g_assert_no_error (error);
          }

        ok = flaw_debt_db_transition (fixture->db, id, to, &all, &error);
        g_assert_cmpint (ok, ==, flaw_debt_status_can_move (from, to));
        if (!ok)
          g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_ILLEGAL_TRANSITION);

        item = flaw_debt_db_load (fixture->db, id, NULL);
        g_assert_cmpint (flaw_debt_item_get_status (item), ==, ok ? to : from);
      }
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture, "Shared admin password");

  create (fixture, "Another one");

  g_assert_true (flaw_debt_db_delete (fixture->db, id, &error));
  g_assert_no_error (error);

  list = flaw_debt_db_list (fixture->db, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (flaw_debt_db_load (fixture->db, id, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (flaw_debt_db_delete (fixture->db, id, &error));
  g_clear_error (&error);
  list = flaw_debt_db_load_many (fixture->db, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpstr (((FlawEvent *) events->pdata[0])->field, ==, "deleted");
  g_assert_null (((FlawEvent *) events->pdata[0])->old_value);
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_true (flaw_debt_db_restore (fixture->db, id, &error));
  g_assert_no_error (error);
  item = flaw_debt_db_load (fixture->db, id, &error);
  g_assert_cmpstr (flaw_debt_item_get_title (item), ==, "Shared admin password");
  g_assert_cmpint (flaw_debt_item_get_deleted (item), ==, 0);
  g_assert_false (flaw_debt_db_restore (fixture->db, id, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpstr (((FlawEvent *) events->pdata[0])->field, ==, "deleted");
  g_assert_null (((FlawEvent *) events->pdata[0])->new_value);

  ids = flaw_debt_db_search (fixture->db, "shared", &error);
  g_assert_cmpuint (ids->len, ==, 1);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  static const char * const hostile[] = {
    "\"", "\"\"", "AND", "OR NOT", "(", ")", "*", "^", "NEAR(", "a:b", "-x", "+", "'", "\\",
    "title:admin", "{title}: x", "\xff", "\"unterminated", "🙂", "\u0903", "a\u20DD\u20DD",
  };
  gint64 a = create (fixture, "Admin rights for the deploy bot");
  gint64 b = create (fixture, "Administrator password shared");
  gint64 c = create (fixture, "Café logging disabled");
  GArray *ids;

  ids = flaw_debt_db_search (fixture->db, "admin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, b);
  g_assert_true (flaw_debt_ids_contain (ids, b));
  g_assert_false (flaw_debt_ids_contain (ids, c));
  g_array_unref (ids);

  /* Typed keystroke by keystroke. */
  ids = flaw_debt_db_search (fixture->db, "adm", &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_array_unref (ids);
  ids = flaw_debt_db_search (fixture->db, "admin rig", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);

  /* Diacritics fold; the description and component are searched. */
  ids = flaw_debt_db_search (fixture->db, "cafe", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c);
  g_array_unref (ids);
  ids = flaw_debt_db_search (fixture->db, "never taken", &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_array_unref (ids);
  ids = flaw_debt_db_search (fixture->db, "\"deploy-bot\"", &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_array_unref (ids);

  /* Words the index's tokenizer cuts in two (a combining mark inside) are
   * searched as their parts, never as a phrase, which the index cannot
   * answer; a decomposed accent folds as a composed one does. */
  {
    gint64 d = create (fixture, "Marks x\u20DDy and p\u0670q and cre\u0300me brule\u0301e");
    static const char * const marked[] = {
      "x\u20DDy", "p\u0670q", "x\u20DD", "cre\u0300me bru", "cr\u00E8me br\u00FBl\u00E9e",
    };

    for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
      {
        ids = flaw_debt_db_search (fixture->db, marked[i], &error);
        g_assert_no_error (error);
        g_assert_true (flaw_debt_ids_contain (ids, d));
        g_array_unref (ids);
      }

    g_assert_true (flaw_debt_db_delete (fixture->db, d, &error));
  }

  /* FTS syntax typed by a user is never an error. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      ids = flaw_debt_db_search (fixture->db, hostile[i], &error);
      g_assert_no_error (error);
      g_array_unref (ids);
    }

  /* The index follows edits. */
  item = flaw_debt_db_load (fixture->db, c, &error);
  flaw_debt_item_set_title (item, "Verbose tracing in production");
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  ids = flaw_debt_db_search (fixture->db, "cafe", &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);
  ids = flaw_debt_db_search (fixture->db, "tracing", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
}

static void
test_review_due (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  FlawDebtDecision soon = { .rationale = "r", .compensating_controls = "c", .review_date = "2025-01-10" };
  FlawDebtDecision later = { .rationale = "r", .compensating_controls = "c", .review_date = "2025-03-01" };
  gint64 a = create (fixture, "Due soon");
  gint64 b = create (fixture, "Due later");
  gint64 c = create (fixture, "Deleted");

  create (fixture, "Not accepted");
  g_assert_true (flaw_debt_db_transition (fixture->db, a, FLAW_DEBT_STATUS_ACCEPTED, &soon, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, b, FLAW_DEBT_STATUS_ACCEPTED, &later, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, c, FLAW_DEBT_STATUS_ACCEPTED, &soon, &error));
  g_assert_true (flaw_debt_db_delete (fixture->db, c, &error));
  g_assert_no_error (error);

  due = flaw_debt_db_list_review_due (fixture->db, "2025-01-10", &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = flaw_debt_db_list_review_due (fixture->db, "2025-01-11", &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (flaw_debt_item_get_id (due->pdata[0]), ==, a);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = flaw_debt_db_list_review_due (fixture->db, "2026-01-01", &error);
  g_assert_cmpuint (due->len, ==, 2);
}

static void
test_cost_series (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) series = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;
  FlawDebtCostPoint *p;
  gint64 a, b;

  /* Day 0: a (3 + 1/month). Day 10: b (3 + 1/month). Day 20: a's
   * principal becomes 10. Day 30: b is deleted. */
  a = create (fixture, "A");
  flaw_clock_set_fixed (NOW + 10 * DAY);
  b = create (fixture, "B");
  flaw_clock_set_fixed (NOW + 20 * DAY);
  item = flaw_debt_db_load (fixture->db, a, &error);
  flaw_debt_item_set_principal (item, 10);
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  flaw_clock_set_fixed (NOW + 30 * DAY);
  g_assert_true (flaw_debt_db_delete (fixture->db, b, &error));
  g_assert_no_error (error);

  series = flaw_debt_db_cost_series (fixture->db, NOW - 10 * DAY, NOW + 30 * DAY, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 5);

  p = &g_array_index (series, FlawDebtCostPoint, 0);
  g_assert_cmpint (p->time, ==, NOW - 10 * DAY);
  g_assert_cmpuint (p->n_open, ==, 0);
  g_assert_cmpfloat (p->cost, ==, 0);

  p = &g_array_index (series, FlawDebtCostPoint, 1);
  g_assert_cmpuint (p->n_open, ==, 1);
  g_assert_cmpfloat (p->cost, ==, 3);

  p = &g_array_index (series, FlawDebtCostPoint, 2);
  g_assert_cmpuint (p->n_open, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->cost, 3 + 10 / 30.4375 + 3, 1e-9);

  p = &g_array_index (series, FlawDebtCostPoint, 3);
  g_assert_cmpuint (p->n_open, ==, 2);
  g_assert_cmpfloat (p->principal, ==, 13);
  g_assert_cmpfloat_with_epsilon (p->cost, 10 + 20 / 30.4375 + 3 + 10 / 30.4375, 1e-9);

  p = &g_array_index (series, FlawDebtCostPoint, 4);
  g_assert_cmpuint (p->n_open, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->cost, 10 + 30 / 30.4375, 1e-9);
}

static void
test_create_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) single_events = NULL;
  g_autoptr(GPtrArray) batch_events = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char * const links[] = { "https://tickets.example/1", NULL };
  gint64 single;

  /* The same item, alone and in a batch, is logged the same way. */
  for (guint i = 0; i < 3; i++)
    {
      FlawDebtItem *item = make_item (i == 1 ? "Batch twin" : "Batch other");

      flaw_debt_item_set_links (item, links);
      flaw_debt_item_set_principal (item, 0.1);
      flaw_debt_item_set_created (item, NOW - DAY);
      g_ptr_array_add (batch, item);
    }

  {
    g_autoptr(FlawDebtItem) item = make_item ("Batch twin");

    flaw_debt_item_set_links (item, links);
    flaw_debt_item_set_principal (item, 0.1);
    flaw_debt_item_set_created (item, NOW - DAY);
    single = flaw_debt_db_create (fixture->db, item, &error);
    g_assert_no_error (error);
  }

  g_assert_true (flaw_debt_db_create_many (fixture->db, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flaw_debt_item_get_id (batch->pdata[0]), ==, single + 1);

  single_events = flaw_database_list_events (fixture->db, "debt", single, &error);
  batch_events = flaw_database_list_events (fixture->db, "debt", flaw_debt_item_get_id (batch->pdata[1]), &error);
  g_assert_cmpuint (single_events->len, ==, batch_events->len);
  for (guint i = 0; i < single_events->len; i++)
    {
      FlawEvent *a = g_ptr_array_index (single_events, i);
      FlawEvent *b = g_ptr_array_index (batch_events, i);

      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->old_value, ==, b->old_value);
      g_assert_cmpstr (a->new_value, ==, b->new_value);
      g_assert_cmpstr (a->actor, ==, b->actor);
    }
  g_assert_cmpuint (batch_events->len, ==, 1);
  assert_snapshot_value (event_value (batch_events, FLAW_DEBT_EVENT_ITEM, FALSE), "principal", "0.1");
  assert_snapshot_value (event_value (batch_events, FLAW_DEBT_EVENT_ITEM, FALSE), "created",
                         "2024-12-31T12:00:00Z");

  /* And indexed for search. */
  ids = flaw_debt_db_search (fixture->db, "twin", &error);
  g_assert_cmpuint (ids->len, ==, 2);
}

/* More rows than one statement takes, ids asked for among them. */
static void
test_create_many_chunks (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = create (fixture, "Before the batch");
  gint64 expected;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Chunked item %u", i);
      FlawDebtItem *item = make_item (title);

      flaw_debt_item_set_principal (item, i);
      if (i == 70)
        flaw_debt_item_set_id (item, 500);
      g_ptr_array_add (batch, item);
    }

  g_assert_true (flaw_debt_db_create_many (fixture->db, batch, &error));
  g_assert_no_error (error);

  /* New ids come after every id in use or asked for, in file order. */
  g_assert_cmpint (flaw_debt_item_get_id (batch->pdata[70]), ==, 500);
  expected = 501;
  for (guint i = 0; i < batch->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (batch, i);
      g_autoptr(FlawDebtItem) loaded = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autofree char *principal = g_strdup_printf ("%u", i);

      if (i != 70)
        g_assert_cmpint (flaw_debt_item_get_id (item), ==, expected++);
      g_assert_cmpint (flaw_debt_item_get_updated (item), ==, NOW);

      loaded = flaw_debt_db_load (fixture->db, flaw_debt_item_get_id (item), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (flaw_debt_item_get_title (loaded), ==, flaw_debt_item_get_title (item));
      g_assert_cmpfloat (flaw_debt_item_get_principal (loaded), ==, i);

      events = flaw_database_list_events (fixture->db, "debt", flaw_debt_item_get_id (item), &error);
      g_assert_cmpuint (events->len, ==, 1);
      assert_snapshot_value (((FlawEvent *) events->pdata[0])->new_value, "principal", principal);
      assert_snapshot_value (((FlawEvent *) events->pdata[0])->new_value, "title", flaw_debt_item_get_title (item));
    }

  list = flaw_debt_db_list (fixture->db, &error);
  g_assert_cmpuint (list->len, ==, 151);
  g_assert_cmpint (flaw_debt_item_get_id (list->pdata[0]), ==, first);
  found = flaw_debt_db_search (fixture->db, "chunked", &error);
  g_assert_cmpuint (found->len, ==, 150);
}

/* The batch checks its categories once at the end; a bad one undoes it
 * all, and single writes are checked by the database again. */
static void
test_create_many_bad_category (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_ptr_array_add (batch, make_item ("Fine"));
  g_ptr_array_add (batch, make_item ("Unknown category"));
  g_ptr_array_add (batch, make_item ("Asked for an id"));
  flaw_debt_item_set_category (batch->pdata[1], "not_a_category");
  flaw_debt_item_set_id (batch->pdata[2], 42);

  g_assert_false (flaw_debt_db_create_many (fixture->db, batch, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not_a_category"));
  g_clear_error (&error);
  g_assert_cmpint (flaw_debt_item_get_id (batch->pdata[0]), ==, 0);
  g_assert_cmpint (flaw_debt_item_get_id (batch->pdata[2]), ==, 42);

  list = flaw_debt_db_list (fixture->db, &error);
  g_assert_cmpuint (list->len, ==, 0);
  events = flaw_database_list_events (fixture->db, "debt", 1, &error);
  g_assert_cmpuint (events->len, ==, 0);

  stmt = flaw_database_prepare (fixture->db, "PRAGMA foreign_keys", &error);
  g_assert_cmpint (flaw_database_step (fixture->db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

static void
test_creation_snapshot (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = make_item ("Quote \" back\\slash tab\t café ✓ </script>");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  const char * const links[] = { "https://tickets.example/a?x=\"1\"", "https://ci.example/b", NULL };
  const char *snapshot;
  JsonObject *object;
  gint64 id;

  /* A title may not hold a tab: the component, owner and approver carry
   * the rest of the hostile text. */
  flaw_debt_item_set_title (item, "Quote \" back\\slash café ✓ </script>");
  flaw_debt_item_set_owner (item, "O'Brien \\ \"Kim\"");
  flaw_debt_item_set_links (item, links);
  while (description->len < FLAW_DEBT_MAX_TEXT_BYTES - 100)
    g_string_append (description, "A long description line.\n");
  flaw_debt_item_set_description (item, description->str);
  flaw_debt_item_set_status (item, FLAW_DEBT_STATUS_ACCEPTED);
  flaw_debt_item_set_rationale (item, "Needed for the release.");
  flaw_debt_item_set_compensating_controls (item, "Alerts on use.");
  flaw_debt_item_set_review_date (item, "2025-03-01");
  flaw_debt_item_set_interest (item, 0.1 + 0.2);
  id = flaw_debt_db_create (fixture->db, item, &error);
  g_assert_no_error (error);

  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpuint (events->len, ==, 1);
  snapshot = ((FlawEvent *) events->pdata[0])->new_value;

  /* Valid JSON, small: the 1 MiB description is not copied. */
  g_assert_cmpuint (strlen (snapshot), <, 1024);
  g_assert_true (json_parser_load_from_data (parser, snapshot, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (object, "description"));
  g_assert_false (json_object_has_member (object, "rationale"));
  g_assert_false (json_object_has_member (object, "compensating_controls"));
  g_assert_false (json_object_has_member (object, "approver"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "links")), ==, 2);

  assert_snapshot_value (snapshot, "title", "Quote \" back\\slash café ✓ </script>");
  assert_snapshot_value (snapshot, "owner", "O'Brien \\ \"Kim\"");
  assert_snapshot_value (snapshot, "links",
                         "[\"https://tickets.example/a?x=\\\"1\\\"\",\"https://ci.example/b\"]");
  assert_snapshot_value (snapshot, "status", "accepted");
  assert_snapshot_value (snapshot, "review_date", "2025-03-01");
  assert_snapshot_value (snapshot, "likelihood", "4");
  assert_snapshot_value (snapshot, "interest", "0.30000000000000004");
  g_assert_true (flaw_debt_snapshot_has_field ("principal"));
  g_assert_false (flaw_debt_snapshot_has_field ("description"));

  /* What cannot be read gives nothing rather than a crash. */
  assert_snapshot_value ("{not json", "title", NULL);
  assert_snapshot_value ("[1, 2]", "title", NULL);
  assert_snapshot_value (NULL, "title", NULL);
}

/* The chart of a register that was imported: its items have only their
 * creation snapshots, some recorded (created) before the import. */
static void
test_cost_series_snapshots (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GArray) series = NULL;
  g_autoptr(GArray) only = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  FlawDebtCostPoint *p;
  gint64 a, c;

  /* a: 2 + 1/month, recorded 30 days before the import; b: 4, paid off;
   * c: 6, recorded at the import. */
  for (guint i = 0; i < 3; i++)
    {
      FlawDebtItem *draft = make_item (i == 0 ? "A" : i == 1 ? "B" : "C");

      flaw_debt_item_set_principal (draft, 2 + 2 * i);
      flaw_debt_item_set_interest (draft, i == 0 ? 1 : 0);
      if (i == 0)
        flaw_debt_item_set_created (draft, NOW - 30 * DAY);
      if (i == 1)
        flaw_debt_item_set_status (draft, FLAW_DEBT_STATUS_PAID_OFF);
      g_ptr_array_add (batch, draft);
    }

  g_assert_true (flaw_debt_db_create_many (fixture->db, batch, &error));
  g_assert_no_error (error);
  a = flaw_debt_item_get_id (batch->pdata[0]);
  c = flaw_debt_item_get_id (batch->pdata[2]);

  /* Day 10: a's principal goes to 5 and c is paid off. */
  flaw_clock_set_fixed (NOW + 10 * DAY);
  item = flaw_debt_db_load (fixture->db, a, &error);
  flaw_debt_item_set_principal (item, 5);
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, c, FLAW_DEBT_STATUS_SCHEDULED,
                                          &(FlawDebtDecision) { .target_date = "2025-02-01" }, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, c, FLAW_DEBT_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, c, FLAW_DEBT_STATUS_PAID_OFF, NULL, &error));
  g_assert_no_error (error);

  /* Days -40, -20, 0, 20. */
  series = flaw_debt_db_cost_series (fixture->db, NOW - 40 * DAY, NOW + 20 * DAY, 4, &error);
  g_assert_no_error (error);

  p = &g_array_index (series, FlawDebtCostPoint, 0);
  g_assert_cmpuint (p->n_open, ==, 0);

  /* Before the import, a counts from its created time, as recorded. */
  p = &g_array_index (series, FlawDebtCostPoint, 1);
  g_assert_cmpuint (p->n_open, ==, 1);
  g_assert_cmpfloat (p->principal, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->cost, 2 + 10 / 30.4375, 1e-9);

  /* At the import: a and c; b was imported paid off. */
  p = &g_array_index (series, FlawDebtCostPoint, 2);
  g_assert_cmpuint (p->n_open, ==, 2);
  g_assert_cmpfloat (p->principal, ==, 2 + 6);
  g_assert_cmpfloat_with_epsilon (p->cost, 2 + 30 / 30.4375 + 6, 1e-9);

  /* After the edits: a alone, at 5. */
  p = &g_array_index (series, FlawDebtCostPoint, 3);
  g_assert_cmpuint (p->n_open, ==, 1);
  g_assert_cmpfloat (p->principal, ==, 5);
  g_assert_cmpfloat_with_epsilon (p->cost, 5 + 50 / 30.4375, 1e-9);
  g_clear_pointer (&series, g_array_unref);

  /* The current view only. */
  g_array_append_val (only, c);
  series = flaw_debt_db_cost_series_for (fixture->db, only, NOW - DAY, NOW + 20 * DAY, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 0).n_open, ==, 0);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 1).n_open, ==, 0);
}

/* Undoing a creation event restores the values of its snapshot, and a
 * history logged field by field (databases from before snapshots) is
 * still read. */
static void
test_cost_series_creation_events (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GArray) series = NULL;
  g_autoptr(GError) error = NULL;
  gint64 legacy, snapshot;

  /* Created as 3 + 1/month, proposed (make_item). */
  snapshot = create (fixture, "Snapshot");

  /* An item whose creation was logged per field, 10 days later. */
  flaw_clock_set_fixed (NOW + 10 * DAY);
  legacy = create (fixture, "Legacy");
  g_assert_true (flaw_database_append_event (fixture->db, "debt", legacy, "principal", NULL, "3", &error));
  g_assert_true (flaw_database_append_event (fixture->db, "debt", legacy, "status", NULL, "proposed", &error));
  g_assert_no_error (error);

  /* Day 20: both become won't fix; the snapshot item is deleted on day 30. */
  flaw_clock_set_fixed (NOW + 20 * DAY);
  g_assert_true (flaw_debt_db_transition (fixture->db, snapshot, FLAW_DEBT_STATUS_WONT_FIX,
                                          &(FlawDebtDecision) { .wont_fix_reason = "Gone" }, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, legacy, FLAW_DEBT_STATUS_WONT_FIX,
                                          &(FlawDebtDecision) { .wont_fix_reason = "Gone" }, &error));
  flaw_clock_set_fixed (NOW + 30 * DAY);
  g_assert_true (flaw_debt_db_delete (fixture->db, snapshot, &error));
  g_assert_no_error (error);

  /* Days 0, 15, 25, 35. */
  series = flaw_debt_db_cost_series (fixture->db, NOW, NOW + 35 * DAY, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 0).n_open, ==, 1);
  g_assert_cmpfloat (g_array_index (series, FlawDebtCostPoint, 0).principal, ==, 3);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 1).n_open, ==, 1);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 2).n_open, ==, 2);
  g_assert_cmpfloat (g_array_index (series, FlawDebtCostPoint, 2).principal, ==, 6);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 3).n_open, ==, 0);
  g_assert_cmpuint (g_array_index (series, FlawDebtCostPoint, 4).n_open, ==, 0);
  g_clear_pointer (&series, g_array_unref);

  /* A restored item counts again, with the values it has now. */
  flaw_clock_set_fixed (NOW + 40 * DAY);
  g_assert_true (flaw_debt_db_restore (fixture->db, snapshot, &error));
  g_assert_true (flaw_debt_db_transition (fixture->db, snapshot, FLAW_DEBT_STATUS_PROPOSED, NULL, &error));
  item = flaw_debt_db_load (fixture->db, snapshot, &error);
  flaw_debt_item_set_principal (item, 8);
  g_assert_true (flaw_debt_db_update (fixture->db, item, &error));
  g_assert_no_error (error);
  series = flaw_debt_db_cost_series (fixture->db, NOW + 5 * DAY, NOW + 40 * DAY, 2, &error);
  g_assert_cmpfloat (g_array_index (series, FlawDebtCostPoint, 0).principal, ==, 3);
  g_assert_cmpfloat (g_array_index (series, FlawDebtCostPoint, 1).principal, ==, 8);
}

static char *
event_text (const char *field,
            const char *old_value,
            const char *new_value)
{
  FlawEvent event = {
    .entity = (char *) "debt",
    .field = (char *) field,
    .old_value = (char *) old_value,
    .new_value = (char *) new_value,
  };

  return flaw_debt_event_dup_text (&event);
}

static void
assert_event_text (const char *field,
                   const char *old_value,
                   const char *new_value,
                   const char *expected)
{
  g_autofree char *text = event_text (field, old_value, new_value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_history_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FlawDebtItem) item = make_item ("Admin rights");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *long_text = g_strnfill (200, 'x');
  g_autofree char *cut = NULL;
  const char * const links[] = { "https://a.example/1", "https://b.example/2", NULL };
  gint64 id;

  flaw_debt_item_set_links (item, links);
  id = flaw_debt_db_create (fixture->db, item, &error);
  g_assert_no_error (error);
  g_assert_true (flaw_debt_db_delete (fixture->db, id, &error));
  g_assert_true (flaw_debt_db_restore (fixture->db, id, &error));
  events = flaw_database_list_events (fixture->db, "debt", id, &error);
  g_assert_cmpuint (events->len, ==, 3);

  created = flaw_debt_event_dup_text (events->pdata[2]);
  g_assert_cmpstr (created, ==,
                   "Created with Title: Admin rights; Category: Access and permissions; "
                   "Component: deploy-bot; Owner: Kim; Links: https://a.example/1, https://b.example/2; "
                   "Likelihood: 4; Impact: 5; Principal: 3; Interest: 1; Status: Proposed; "
                   "Created: 2025-01-01T12:00:00Z");
  g_clear_pointer (&created, g_free);
  created = flaw_debt_event_dup_text (events->pdata[1]);
  g_assert_cmpstr (created, ==, "Deleted");
  g_clear_pointer (&created, g_free);
  created = flaw_debt_event_dup_text (events->pdata[0]);
  g_assert_cmpstr (created, ==, "Restored");

  assert_event_text ("owner", "Kim", "Ana", "Owner changed from “Kim” to “Ana”");
  assert_event_text ("owner", NULL, "Ana", "Owner set to “Ana”");
  assert_event_text ("owner", "Kim", NULL, "Owner cleared (was “Kim”)");
  assert_event_text ("status", "proposed", "wont_fix", "Status changed from “Proposed” to “Won’t fix”");
  assert_event_text ("category", NULL, "design", "Category set to “Design”");
  assert_event_text ("links", "[\"https://a.example/1\"]", NULL, "Links cleared (was “https://a.example/1”)");
  assert_event_text (FLAW_DEBT_EVENT_ITEM, NULL, "{broken", "Created");

  /* Long values are cut, invalid UTF-8 is shown safely. */
  cut = event_text ("description", NULL, long_text);
  g_assert_true (g_str_has_prefix (cut, "Description set to “xxxx"));
  g_assert_true (g_str_has_suffix (cut, "x…”"));
  /* “Description set to ” (20 characters), 80 x, “…”, “”” */
  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, 20 + 80 + 2);
  g_clear_pointer (&cut, g_free);
  cut = event_text ("title", NULL, "bad \xff byte");
  g_assert_true (g_utf8_validate (cut, -1, NULL));
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FlawStore) store = flaw_store_new (fixture->path);
  g_autoptr(FlawDebtItem) draft = make_item ("Async");
  g_autoptr(FlawDebtItem) saved = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_assert_true (flaw_store_open (store, NULL, &error));

  flaw_debt_save_async (store, draft, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  saved = flaw_debt_save_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (flaw_debt_item_get_id (saved), >, 0);
  g_assert_cmpint (flaw_debt_item_get_id (draft), ==, 0);

  flaw_debt_list_async (store, NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  list = flaw_debt_list_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_cmpuint (list->len, ==, 1);

  flaw_debt_search_async (store, "asy", NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  ids = flaw_debt_search_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_cmpuint (ids->len, ==, 1);

  flaw_debt_list_review_due_async (store, "2099-01-01", NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = flaw_debt_list_review_due_finish (store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  flaw_debt_delete_async (store, flaw_debt_item_get_id (saved), NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (flaw_debt_delete_finish (store, result, &error));
  g_clear_object (&result);

  flaw_debt_transition_async (store, flaw_debt_item_get_id (saved), FLAW_DEBT_STATUS_PAID_OFF, NULL,
                              NULL, done_cb, &result);
  FLAW_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_null (flaw_debt_transition_finish (store, result, &error));
  g_assert_error (error, FLAW_DEBT_ERROR, FLAW_DEBT_ERROR_NOT_FOUND);
  g_clear_object (&result);

  FLAW_TEST_WAIT_UNTIL (G_OBJECT (store)->ref_count == 1, 5000);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/debt-store/migration", test_migration);
  ADD ("/flawdesk/debt-store/create-list-load", test_create_list_load);
  ADD ("/flawdesk/debt-store/create-invalid", test_create_invalid);
  ADD ("/flawdesk/debt-store/update-events", test_update_events);
  ADD ("/flawdesk/debt-store/transitions", test_transitions);
  ADD ("/flawdesk/debt-store/all-moves", test_all_moves);
  ADD ("/flawdesk/debt-store/delete-restore", test_delete_restore);
  ADD ("/flawdesk/debt-store/search", test_search);
  ADD ("/flawdesk/debt-store/review-due", test_review_due);
  ADD ("/flawdesk/debt-store/cost-series", test_cost_series);
  ADD ("/flawdesk/debt-store/create-many", test_create_many);
  ADD ("/flawdesk/debt-store/create-many-chunks", test_create_many_chunks);
  ADD ("/flawdesk/debt-store/create-many-bad-category", test_create_many_bad_category);
  ADD ("/flawdesk/debt-store/creation-snapshot", test_creation_snapshot);
  ADD ("/flawdesk/debt-store/cost-series-snapshots", test_cost_series_snapshots);
  ADD ("/flawdesk/debt-store/cost-series-creation-events", test_cost_series_creation_events);
  ADD ("/flawdesk/debt-store/history-text", test_history_text);
  ADD ("/flawdesk/debt-store/async", test_async);

#undef ADD

  return g_test_run ();
}
