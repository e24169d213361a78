/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-debt-list-model"

#include "config.h"

#include "flaw-debt-list-model.h"

/* The Register page's list: a GListModel of FlawDebtItem that owns every
 * item of the register and filters and sorts them itself.
 *
 * GtkFilterListModel and GtkSortListModel of GTK 4.8 cost about 70 ms per
 * keystroke over 100,000 items even with no widget attached, so this model
 * does the work with plain arrays instead:
 *  - a sort permutation of indexes into the items, computed with
 *    flaw_debt_item_compare() once per sort key and kept until the items
 *    change, so that going back to a column costs nothing; descending order
 *    walks the permutation backwards (the comparator breaks ties by id, so
 *    the reverse of ascending is exactly descending);
 *  - the filter as one linear pass over that permutation: the search result
 *    and the page's predicate. The search result (ids sorted ascending) is
 *    turned into one bit per item by merging it with the items' ids, once
 *    per search, so that the pass does not touch the items themselves:
 *    walking 100,000 GObjects in sort order misses the cache on every one
 *    and costs tens of milliseconds, the bits cost less than one;
 *  - one items-changed per change, over the range between the rows that
 *    stayed the same at the start and at the end. GtkColumnView only binds
 *    the rows it shows, but GTK 4.8's list item manager calls get_item() on
 *    every added item when a row it tracks (the top one shown) was in the
 *    removed range, to find where it went: with 100,000 items that costs
 *    tens of milliseconds, so the range is kept as small as it can be. Two
 *    signals (remove all, add all) would skip that search but lose every
 *    row widget and cost ten times more.
 */

struct _FlawDebtListModel
{
  GObject                 parent_instance;

  GPtrArray              *items;
  guint                  *perms[FLAW_DEBT_N_SORT_KEYS];
  GArray                 *shown;

  FlawDebtListFilterFunc  filter_func;
  gpointer                filter_data;
  GArray                 *search_ids;
  gint64                 *ids;                /* of each item, by index */
  guint                  *by_id;              /* indexes by id, NULL if already so */
  guint32                *found;              /* one bit per index, NULL without search */

  int                     sort_key;
  gboolean                descending;

  GCancellable           *presort_cancellable;
};

/* Changes over more rows than this are sent in two signals (see rebuild()). */
#define SPLIT_CHANGE_MIN_ROWS 1000

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlawDebtListModel, flaw_debt_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel ------------------------------------------------------------- */

static GType
flaw_debt_list_model_get_item_type (GListModel *model)
{
  return FLAW_TYPE_DEBT_ITEM;
}

static guint
flaw_debt_list_model_get_n_items (GListModel *model)
{
  FlawDebtListModel *self = FLAW_DEBT_LIST_MODEL (model);

  return self->shown->len;
}

static gpointer
flaw_debt_list_model_get_item (GListModel *model,
                               guint       position)
{
  FlawDebtListModel *self = FLAW_DEBT_LIST_MODEL (model);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, g_array_index (self->shown, guint, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = flaw_debt_list_model_get_item_type;
  iface->get_n_items = flaw_debt_list_model_get_n_items;
  iface->get_item = flaw_debt_list_model_get_item;
}

/* Sorting and filtering --------------------------------------------------- */

static int
compare_indexes (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  FlawDebtListModel *self = user_data;

  return flaw_debt_item_compare (g_ptr_array_index (self->items, *(const guint *) a),
                                 g_ptr_array_index (self->items, *(const guint *) b),
                                 self->sort_key);
}

static void
clear_perms (FlawDebtListModel *self)
{
  for (guint i = 0; i < FLAW_DEBT_N_SORT_KEYS; i++)
    g_clear_pointer (&self->perms[i], g_free);
}

/* The items in ascending order of the sort key, or NULL for the order in
 * which they were loaded. */
static const guint *
get_perm (FlawDebtListModel *self)
{
  guint n = self->items->len;

  if (self->sort_key < 0)
    return NULL;

  if (self->perms[self->sort_key] == NULL)
    {
      guint *perm = g_new (guint, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        perm[i] = i;
      g_qsort_with_data (perm, n, sizeof (guint), compare_indexes, self);
      self->perms[self->sort_key] = perm;
    }

  return self->perms[self->sort_key];
}

/* Sorting ahead of time ------------------------------------------------- */

typedef struct
{
  GPtrArray *items;
  guint     *perms[FLAW_DEBT_N_SORT_KEYS];
  int        key;
} Presort;

static void
presort_free (Presort *presort)
{
  g_ptr_array_unref (presort->items);
  for (guint i = 0; i < FLAW_DEBT_N_SORT_KEYS; i++)
    g_free (presort->perms[i]);
  g_free (presort);
}

static int
compare_presort (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Presort *presort = user_data;

  return flaw_debt_item_compare (g_ptr_array_index (presort->items, *(const guint *) a),
                                 g_ptr_array_index (presort->items, *(const guint *) b),
                                 presort->key);
}

/* Runs in a worker thread. It only reads the items: their collation keys
 * and costs were computed when they were loaded, and the array is never
 * changed once it is set (set_items() replaces it). */
static void
presort_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Presort *presort = task_data;
  guint n = presort->items->len;

  for (presort->key = 0; presort->key < (int) FLAW_DEBT_N_SORT_KEYS; presort->key++)
    {
      guint *perm;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      perm = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        perm[i] = i;
      g_qsort_with_data (perm, n, sizeof (guint), compare_presort, presort);
      presort->perms[presort->key] = perm;
    }

  g_task_return_boolean (task, TRUE);
}

static void
presort_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FlawDebtListModel *self = FLAW_DEBT_LIST_MODEL (object);
  Presort *presort = g_task_get_task_data (G_TASK (result));

  /* Items replaced meanwhile: these orders are of the old ones. */
  if (presort->items != self->items)
    return;

  for (guint i = 0; i < FLAW_DEBT_N_SORT_KEYS; i++)
    if (self->perms[i] == NULL)
      self->perms[i] = g_steal_pointer (&presort->perms[i]);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const gint64 *ids = user_data;
  gint64 x = ids[*(const guint *) a];
  gint64 y = ids[*(const guint *) b];

  return (x > y) - (x < y);
}

/* The ids of the items, and their order by id, for merging with search
 * results. The store lists items by id, so the order is usually theirs. */
static void
index_ids (FlawDebtListModel *self)
{
  guint n = self->items->len;
  gboolean sorted = TRUE;

  g_clear_pointer (&self->ids, g_free);
  g_clear_pointer (&self->by_id, g_free);

  self->ids = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->ids[i] = flaw_debt_item_get_id (g_ptr_array_index (self->items, i));
      if (i > 0 && self->ids[i] < self->ids[i - 1])
        sorted = FALSE;
    }

  if (!sorted)
    {
      self->by_id = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        self->by_id[i] = i;
      g_qsort_with_data (self->by_id, n, sizeof (guint), compare_ids, self->ids);
    }
}

/* Marks the items whose id is in the search result: one merge of two
 * sorted lists. */
static void
mark_found (FlawDebtListModel *self)
{
  guint n = self->items->len;
  const gint64 *found_ids;
  guint n_found;
  guint j = 0;

  g_clear_pointer (&self->found, g_free);
  if (self->search_ids == NULL)
    return;

  found_ids = (const gint64 *) (gpointer) self->search_ids->data;
  n_found = self->search_ids->len;
  self->found = g_new0 (guint32, n / 32 + 1);

  for (guint k = 0; k < n && j < n_found; k++)
    {
      guint index = self->by_id != NULL ? self->by_id[k] : k;
      gint64 id = self->ids[index];

      while (j < n_found && found_ids[j] < id)
        j++;
      if (j < n_found && found_ids[j] == id)
        self->found[index / 32] |= 1u << (index % 32);
    }
}

static gboolean
matches (FlawDebtListModel *self,
         guint              index)
{
  if (self->found != NULL && (self->found[index / 32] & (1u << (index % 32))) == 0)
    return FALSE;

  return self->filter_func == NULL ||
         self->filter_func (g_ptr_array_index (self->items, index), self->filter_data);
}

static void
rebuild (FlawDebtListModel *self,
         gboolean           same_items)
{
  const guint *perm = get_perm (self);
  g_autoptr(GArray) old = self->shown;
  guint n = self->items->len;
  guint old_n = old->len;
  guint new_n;
  guint start = 0;
  guint end = 0;

  self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), old_n);

  for (guint i = 0; i < n; i++)
    {
      guint k = self->descending ? n - 1 - i : i;
      guint index = perm != NULL ? perm[k] : k;

      if (matches (self, index))
        g_array_append_val (self->shown, index);
    }

  new_n = self->shown->len;

  /* With new items, an index may stand for another item. */
  if (same_items)
    {
      const guint *a = (const guint *) (gpointer) old->data;
      const guint *b = (const guint *) (gpointer) self->shown->data;

      while (start < old_n && start < new_n && a[start] == b[start])
        start++;
      while (end < old_n - start && end < new_n - start && a[old_n - 1 - end] == b[new_n - 1 - end])
        end++;
    }

  /* A new order of a long list changes every row, the top one shown among
   * them. GTK 4.8 then looks for that row's item among all the added ones
   * (about 15 ms at 100,000 rows): keep the first row through the big change
   * and replace it on its own right after, so that when the list is scrolled
   * to the top nothing is looked for. Elsewhere it costs one cheap signal. */
  if (same_items && start == 0 && old_n > 0 && new_n > 0 &&
      MIN (old_n, new_n) - end > SPLIT_CHANGE_MIN_ROWS)
    {
      g_autoptr(GArray) final = g_steal_pointer (&self->shown);

      self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), new_n);
      g_array_append_vals (self->shown, final->data, new_n);
      g_array_index (self->shown, guint, 0) = g_array_index (old, guint, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 1, old_n - 1 - end, new_n - 1 - end);

      g_array_unref (self->shown);
      self->shown = g_steal_pointer (&final);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 1);
      return;
    }

  if (old_n - start - end > 0 || new_n - start - end > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_n - start - end, new_n - start - end);
}

/* GObject ------------------------------------------------------------------ */

static void
flaw_debt_list_model_finalize (GObject *object)
{
  FlawDebtListModel *self = (FlawDebtListModel *)object;

  g_clear_object (&self->presort_cancellable);
  clear_perms (self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->ids, g_free);
  g_clear_pointer (&self->by_id, g_free);
  g_clear_pointer (&self->found, g_free);

  G_OBJECT_CLASS (flaw_debt_list_model_parent_class)->finalize (object);
}

static void
flaw_debt_list_model_class_init (FlawDebtListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flaw_debt_list_model_finalize;
}

static void
flaw_debt_list_model_init (FlawDebtListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sort_key = -1;
  index_ids (self);
}

/* Public -------------------------------------------------------------------- */

FlawDebtListModel *
flaw_debt_list_model_new (void)
{
  return g_object_new (FLAW_TYPE_DEBT_LIST_MODEL, NULL);
}

/**
 * flaw_debt_list_model_set_items:
 * @items: (element-type FlawDebtItem) (nullable): every item of the
 *   register; the array is referenced, not copied, and must own its items
 *
 * Replaces the items, keeping the sort and the filter.
 */
void
flaw_debt_list_model_set_items (FlawDebtListModel *self,
                                GPtrArray         *items)
{
  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));

  g_cancellable_cancel (self->presort_cancellable);
  g_clear_object (&self->presort_cancellable);
  clear_perms (self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items != NULL ? g_ptr_array_ref (items) : g_ptr_array_new_with_free_func (g_object_unref);
  index_ids (self);
  mark_found (self);

  rebuild (self, FALSE);
}

/**
 * flaw_debt_list_model_get_items:
 *
 * Returns: (transfer none) (element-type FlawDebtItem): every item, filtered
 *   or not, in the order they were loaded
 */
GPtrArray *
flaw_debt_list_model_get_items (FlawDebtListModel *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), NULL);

  return self->items;
}

guint
flaw_debt_list_model_get_n_all (FlawDebtListModel *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), 0);

  return self->items->len;
}

/**
 * flaw_debt_list_model_set_sort:
 * @key: a #FlawDebtSortKey, or -1 for the order the items were loaded in
 * @descending: whether to show the largest first
 */
void
flaw_debt_list_model_set_sort (FlawDebtListModel *self,
                               int                key,
                               gboolean           descending)
{
  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));
  g_return_if_fail (key >= -1 && key < (int) FLAW_DEBT_N_SORT_KEYS);

  descending = !!descending;
  if (key == self->sort_key && descending == self->descending)
    return;

  self->sort_key = key;
  self->descending = descending;

  rebuild (self, TRUE);
}

int
flaw_debt_list_model_get_sort_key (FlawDebtListModel *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), -1);

  return self->sort_key;
}

gboolean
flaw_debt_list_model_get_descending (FlawDebtListModel *self)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), FALSE);

  return self->descending;
}

/**
 * flaw_debt_list_model_set_filter_func:
 * @func: (nullable): the predicate, or %NULL to show every item
 *
 * Sets the predicate; call flaw_debt_list_model_refilter() whenever what it
 * tests changes.
 */
void
flaw_debt_list_model_set_filter_func (FlawDebtListModel      *self,
                                      FlawDebtListFilterFunc  func,
                                      gpointer                user_data)
{
  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));

  self->filter_func = func;
  self->filter_data = user_data;
}

/**
 * flaw_debt_list_model_set_search_ids:
 * @ids: (nullable) (element-type gint64): the ids found by a search, sorted
 *   in ascending order, or %NULL to show items whatever their text
 *
 * Shows only the items in @ids (and the filter), at once.
 */
void
flaw_debt_list_model_set_search_ids (FlawDebtListModel *self,
                                     GArray            *ids)
{
  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));

  if (ids == NULL && self->search_ids == NULL)
    return;

  g_clear_pointer (&self->search_ids, g_array_unref);
  if (ids != NULL)
    self->search_ids = g_array_ref (ids);
  mark_found (self);

  rebuild (self, TRUE);
}

void
flaw_debt_list_model_refilter (FlawDebtListModel *self)
{
  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));

  rebuild (self, TRUE);
}

/**
 * flaw_debt_list_model_find_id:
 *
 * Returns: the position of the item with @id among those shown, or
 *   %GTK_INVALID_LIST_POSITION (G_MAXUINT)
 */
guint
flaw_debt_list_model_find_id (FlawDebtListModel *self,
                              gint64             id)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->shown->len; i++)
    if (self->ids[g_array_index (self->shown, guint, i)] == id)
      return i;

  return G_MAXUINT;
}

/**
 * flaw_debt_list_model_peek_item:
 *
 * Returns: (transfer none) (nullable): the item shown at @position
 */
FlawDebtItem *
flaw_debt_list_model_peek_item (FlawDebtListModel *self,
                                guint              position)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), NULL);

  if (position >= self->shown->len)
    return NULL;

  return g_ptr_array_index (self->items, g_array_index (self->shown, guint, position));
}

/**
 * flaw_debt_list_model_presort:
 *
 * Sorts the items by every key in a worker thread, so that the first click
 * on a column header costs only the redraw. Call it once the list is shown.
 */
void
flaw_debt_list_model_presort (FlawDebtListModel *self)
{
  g_autoptr(GTask) task = NULL;
  Presort *presort;

  g_return_if_fail (FLAW_IS_DEBT_LIST_MODEL (self));

  if (self->items->len < 2)
    return;

  g_cancellable_cancel (self->presort_cancellable);
  g_clear_object (&self->presort_cancellable);
  self->presort_cancellable = g_cancellable_new ();

  presort = g_new0 (Presort, 1);
  presort->items = g_ptr_array_ref (self->items);

  task = g_task_new (self, self->presort_cancellable, presort_done_cb, NULL);
  g_task_set_source_tag (task, flaw_debt_list_model_presort);
  g_task_set_task_data (task, presort, (GDestroyNotify) presort_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, presort_thread);
}

/**
 * flaw_debt_list_model_is_sorted_by:
 * @key: a #FlawDebtSortKey
 *
 * Returns: whether the order for @key is already known, so that sorting by
 *   it needs no comparisons
 */
gboolean
flaw_debt_list_model_is_sorted_by (FlawDebtListModel *self,
                                   int                key)
{
  g_return_val_if_fail (FLAW_IS_DEBT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (key >= 0 && key < (int) FLAW_DEBT_N_SORT_KEYS, FALSE);

  return self->perms[key] != NULL;
}
