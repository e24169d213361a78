/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-debt-list-model.h"
#include "flaw-test-utils.h"

/* What a list widget sees: the signals, applied to a copy of the list. */
typedef struct
{
  guint      n_signals;
  guint      position;
  guint      removed;
  guint      added;
  GPtrArray *mirror;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;

  g_assert_cmpuint (position + removed, <=, changes->mirror->len);
  g_ptr_array_remove_range (changes->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (changes->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
assert_changed (Changes           *changes,
                FlawDebtListModel *model,
                guint              n_signals,
                guint              n_items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (changes->n_signals, ==, n_signals);
  g_assert_cmpuint (n, ==, n_items);
  g_assert_cmpuint (changes->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_ptr_array_index (changes->mirror, i) == flaw_debt_list_model_peek_item (model, i));
}

static void
watch_changes (Changes           *changes,
               FlawDebtListModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  changes->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (changes->mirror, g_list_model_get_item (G_LIST_MODEL (model), i));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
}

#define ASSERT_RANGE(changes, p, r, a) \
  G_STMT_START { \
    g_assert_cmpuint ((changes)->position, ==, (p)); \
    g_assert_cmpuint ((changes)->removed, ==, (r)); \
    g_assert_cmpuint ((changes)->added, ==, (a)); \
  } G_STMT_END

static FlawDebtItem *
make_item (gint64      id,
           const char *title,
           const char *owner,
           int         likelihood,
           int         impact)
{
  FlawDebtItem *item = flaw_debt_item_new ();

  flaw_debt_item_set_id (item, id);
  flaw_debt_item_set_title (item, title);
  flaw_debt_item_set_owner (item, owner);
  flaw_debt_item_set_likelihood (item, likelihood);
  flaw_debt_item_set_impact (item, impact);

  return item;
}

static GPtrArray *
make_items (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, make_item (1, "Delta", "alice", 1, 1));
  g_ptr_array_add (items, make_item (2, "Alpha", "bob", 5, 5));
  g_ptr_array_add (items, make_item (3, "Echo", "alice", 3, 3));
  g_ptr_array_add (items, make_item (4, "Charlie", NULL, 2, 2));
  g_ptr_array_add (items, make_item (5, "Bravo", "alice", 3, 3));
  g_ptr_array_add (items, make_item (6, "Foxtrot", "bob", 4, 1));

  return items;
}

/* The titles shown, joined by spaces. */
static char *
shown_titles (FlawDebtListModel *model)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlawDebtItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (flaw_debt_list_model_peek_item (model, i) == item);
      if (i > 0)
        g_string_append_c (titles, ' ');
      g_string_append (titles, flaw_debt_item_get_title (item));
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static gboolean
owned_by_alice (FlawDebtItem *item,
                gpointer      user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;

  return flaw_debt_item_match_owner (item, "alice");
}

static GArray *
make_ids (const gint64 *ids,
          guint         n)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  g_array_append_vals (array, ids, n);

  return array;
}

static void
test_sort (void)
{
  g_autoptr(FlawDebtListModel) model = flaw_debt_list_model_new ();
  g_autoptr(GPtrArray) items = make_items ();
  Changes changes = { 0 };
  char *titles;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == FLAW_TYPE_DEBT_ITEM);
  watch_changes (&changes, model);

  /* Nothing to nothing says nothing. */
  flaw_debt_list_model_set_items (model, NULL);
  g_assert_cmpuint (changes.n_signals, ==, 0);

  flaw_debt_list_model_set_items (model, items);
  assert_changed (&changes, model, 1, 6);
  ASSERT_RANGE (&changes, 0, 0, 6);
  g_assert_cmpuint (flaw_debt_list_model_get_n_all (model), ==, 6);
  g_assert_true (flaw_debt_list_model_get_items (model) == items);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Delta Alpha Echo Charlie Bravo Foxtrot");
  g_free (titles);

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  assert_changed (&changes, model, 2, 6);
  /* Foxtrot stays last: the signal leaves it out. */
  ASSERT_RANGE (&changes, 0, 5, 5);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Alpha Bravo Charlie Delta Echo Foxtrot");
  g_free (titles);

  /* The same sort again changes nothing. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  g_assert_cmpuint (changes.n_signals, ==, 2);

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, TRUE);
  assert_changed (&changes, model, 3, 6);
  g_assert_true (flaw_debt_list_model_get_descending (model));
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Foxtrot Echo Delta Charlie Bravo Alpha");
  g_free (titles);

  /* Equal risks are ordered by id, and reversed with them. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_RISK, FALSE);
  assert_changed (&changes, model, 4, 6);
  g_assert_cmpint (flaw_debt_list_model_get_sort_key (model), ==, FLAW_DEBT_SORT_RISK);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Delta Charlie Foxtrot Echo Bravo Alpha");
  g_free (titles);

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_RISK, TRUE);
  assert_changed (&changes, model, 5, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Alpha Bravo Echo Foxtrot Charlie Delta");
  g_free (titles);

  /* Empty owners sort last, in both directions of the comparator. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_OWNER, FALSE);
  assert_changed (&changes, model, 6, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Delta Echo Bravo Alpha Foxtrot Charlie");
  g_free (titles);

  /* Back to a column sorted before. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  assert_changed (&changes, model, 7, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Alpha Bravo Charlie Delta Echo Foxtrot");
  g_free (titles);

  /* Unsorted: the order of loading. */
  flaw_debt_list_model_set_sort (model, -1, FALSE);
  assert_changed (&changes, model, 8, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Delta Alpha Echo Charlie Bravo Foxtrot");
  g_free (titles);

  g_assert_cmpuint (flaw_debt_list_model_find_id (model, 5), ==, 4);
  g_assert_cmpuint (flaw_debt_list_model_find_id (model, 42), ==, G_MAXUINT);
  g_assert_null (flaw_debt_list_model_peek_item (model, 6));

  g_clear_pointer (&changes.mirror, g_ptr_array_unref);
}

static void
test_presort (void)
{
  g_autoptr(FlawDebtListModel) model = flaw_debt_list_model_new ();
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GPtrArray) others = make_items ();
  char *titles;

  /* Replacing the items while they are sorted drops the old orders. */
  flaw_debt_list_model_set_items (model, others);
  flaw_debt_list_model_presort (model);
  flaw_debt_list_model_set_items (model, items);
  flaw_debt_list_model_presort (model);

  FLAW_TEST_WAIT_UNTIL (flaw_debt_list_model_is_sorted_by (model, FLAW_DEBT_SORT_REVIEW_DATE), 5000);
  for (int key = 0; key < (int) FLAW_DEBT_N_SORT_KEYS; key++)
    g_assert_true (flaw_debt_list_model_is_sorted_by (model, key));
  g_assert_true (flaw_debt_list_model_get_items (model) == items);

  /* The orders sorted ahead are the ones sorting would give. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Alpha Bravo Charlie Delta Echo Foxtrot");
  g_free (titles);

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_OWNER, TRUE);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Charlie Foxtrot Alpha Bravo Echo Delta");
  g_free (titles);

  /* Let the first, cancelled sort finish before the model goes. */
  flaw_test_drain ();
}

/* A new order of a long list keeps the first row through the big change and
 * replaces it on its own; the signals still describe every step exactly. */
static void
test_long_resort (void)
{
  g_autoptr(FlawDebtListModel) model = flaw_debt_list_model_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  Changes changes = { 0 };

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %04u", (i * 7919 + 1) % 3000);

      g_ptr_array_add (items, make_item (i + 1, title, NULL, 1 + i % 5, 1 + i % 3));
    }

  flaw_debt_list_model_set_items (model, items);
  watch_changes (&changes, model);

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  assert_changed (&changes, model, 2, 3000);
  ASSERT_RANGE (&changes, 0, 1, 1);
  g_assert_cmpstr (flaw_debt_item_get_title (flaw_debt_list_model_peek_item (model, 0)), ==, "Item 0000");
  g_assert_cmpstr (flaw_debt_item_get_title (flaw_debt_list_model_peek_item (model, 2999)), ==, "Item 2999");

  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, TRUE);
  assert_changed (&changes, model, 4, 3000);
  g_assert_cmpstr (flaw_debt_item_get_title (flaw_debt_list_model_peek_item (model, 0)), ==, "Item 2999");

  g_clear_pointer (&changes.mirror, g_ptr_array_unref);
}

static void
test_filter_and_search (void)
{
  static const gint64 found[] = { 2, 3, 5 };
  static const gint64 other[] = { 1, 3, 7, 9 };
  g_autoptr(FlawDebtListModel) model = flaw_debt_list_model_new ();
  g_autoptr(GPtrArray) items = make_items ();
  g_autoptr(GPtrArray) reloaded = NULL;
  g_autoptr(GArray) ids = make_ids (found, G_N_ELEMENTS (found));
  g_autoptr(GArray) other_ids = make_ids (other, G_N_ELEMENTS (other));
  Changes changes = { 0 };
  guint n_calls = 0;
  char *titles;

  flaw_debt_list_model_set_items (model, items);
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, TRUE);
  watch_changes (&changes, model);

  flaw_debt_list_model_set_filter_func (model, owned_by_alice, &n_calls);
  g_assert_cmpuint (changes.n_signals, ==, 0);
  flaw_debt_list_model_refilter (model);
  assert_changed (&changes, model, 1, 3);
  g_assert_cmpuint (n_calls, ==, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Echo Delta Bravo");
  g_free (titles);

  /* The search result and the filter both apply, in the sorted order. */
  flaw_debt_list_model_set_search_ids (model, ids);
  assert_changed (&changes, model, 2, 2);
  /* Only Delta, between Echo and Bravo, goes. */
  ASSERT_RANGE (&changes, 1, 1, 0);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Echo Bravo");
  g_free (titles);
  g_assert_cmpuint (flaw_debt_list_model_find_id (model, 5), ==, 1);
  g_assert_cmpuint (flaw_debt_list_model_find_id (model, 1), ==, G_MAXUINT);

  /* Reversing keeps both. */
  flaw_debt_list_model_set_sort (model, FLAW_DEBT_SORT_TITLE, FALSE);
  assert_changed (&changes, model, 3, 2);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Bravo Echo");
  g_free (titles);

  flaw_debt_list_model_set_filter_func (model, NULL, NULL);
  flaw_debt_list_model_refilter (model);
  assert_changed (&changes, model, 4, 3);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Alpha Bravo Echo");
  g_free (titles);

  /* New items take the sort and the search at once, in one signal; they
   * need not come in the order of their ids. */
  reloaded = make_items ();
  g_ptr_array_insert (reloaded, 0, make_item (7, "Able", "carol", 1, 1));
  g_ptr_array_remove_index (reloaded, 2);
  flaw_debt_list_model_set_items (model, reloaded);
  assert_changed (&changes, model, 5, 2);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Bravo Echo");
  g_free (titles);

  flaw_debt_list_model_set_search_ids (model, other_ids);
  assert_changed (&changes, model, 6, 3);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Able Delta Echo");
  g_free (titles);
  g_assert_cmpuint (flaw_debt_list_model_find_id (model, 7), ==, 0);

  flaw_debt_list_model_set_search_ids (model, NULL);
  assert_changed (&changes, model, 7, 6);
  titles = shown_titles (model);
  g_assert_cmpstr (titles, ==, "Able Bravo Charlie Delta Echo Foxtrot");
  g_free (titles);

  /* No search before or after: nothing to say. */
  flaw_debt_list_model_set_search_ids (model, NULL);
  g_assert_cmpuint (changes.n_signals, ==, 7);

  flaw_debt_list_model_set_items (model, NULL);
  assert_changed (&changes, model, 8, 0);
  g_assert_cmpuint (flaw_debt_list_model_get_n_all (model), ==, 0);

  g_clear_pointer (&changes.mirror, g_ptr_array_unref);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/debt-list-model/sort", test_sort);
  g_test_add_func ("/flawdesk/debt-list-model/filter-and-search", test_filter_and_search);
  g_test_add_func ("/flawdesk/debt-list-model/presort", test_presort);
  g_test_add_func ("/flawdesk/debt-list-model/long-resort", test_long_resort);

  return g_test_run ();
}
