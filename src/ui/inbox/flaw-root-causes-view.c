/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-root-causes-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-root-causes.h"
#include "flaw-root-causes-view.h"

/* Counts of reports (and debt items) per weakness and per component over
 * time, with the classes that keep coming back marked: the guidance's
 * "repeated vulnerabilities of the same type". */

struct _FlawRootCausesView
{
  GtkWidget     parent_instance;

  FlawContext  *context;
  GCancellable *cancellable;
  guint         n_rows;

  GtkWidget    *scroller;
  GtkDropDown  *period_drop;
  GtkLabel     *description_label;
  GtkGrid      *cwe_grid;
  GtkGrid      *component_grid;
};

G_DEFINE_FINAL_TYPE (FlawRootCausesView, flaw_root_causes_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
fill_grid (FlawRootCausesView *self,
           GtkGrid            *grid,
           FlawRootCauseTable *table,
           FlawRootCauseKind   kind)
{
  guint row = 1;

  clear_grid (grid);

  gtk_grid_attach (grid, make_label (kind == FLAW_ROOT_CAUSE_KIND_CWE ? _("Weakness") : _("Component"),
                                     0, "dim-label"), 0, 0, 1, 1);
  for (guint p = 0; p < table->n_periods; p++)
    gtk_grid_attach (grid, make_label (table->period_labels[p], 1, "dim-label"), 1 + p, 0, 1, 1);
  gtk_grid_attach (grid, make_label (_("Total"), 1, "dim-label"), 1 + table->n_periods, 0, 1, 1);

  for (guint i = 0; i < table->rows->len; i++)
    {
      FlawRootCauseRow *cause = g_ptr_array_index (table->rows, i);
      g_autofree char *total = NULL;
      GtkWidget *name;

      if (cause->kind != kind)
        continue;

      name = make_label (cause->key, 0, NULL);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_set_tooltip_text (name, cause->key);

      if (cause->recurring)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *badge = make_label (_("Recurring"), 0.5, "recurring-badge");

          gtk_widget_set_tooltip_text (badge, _("Reported in more than one period: look for the "
                                                "cause, not only the single flaw."));
          gtk_box_append (GTK_BOX (box), name);
          gtk_box_append (GTK_BOX (box), badge);
          gtk_grid_attach (grid, box, 0, row, 1, 1);
        }
      else
        gtk_grid_attach (grid, name, 0, row, 1, 1);

      for (guint p = 0; p < table->n_periods; p++)
        {
          g_autofree char *count = g_strdup_printf ("%u", cause->counts[p]);

          gtk_grid_attach (grid, make_label (cause->counts[p] > 0 ? count : "·", 1,
                                             cause->recurring && cause->counts[p] > 0 ? "recurring-count" : NULL),
                           1 + p, row, 1, 1);
        }

      total = g_strdup_printf ("%u", cause->total);
      gtk_grid_attach (grid, make_label (total, 1, "heading"), 1 + table->n_periods, row, 1, 1);
      row++;
      self->n_rows++;
    }

  if (row == 1)
    gtk_grid_attach (grid, make_label (kind == FLAW_ROOT_CAUSE_KIND_CWE
                                       ? _("No report in this window has a weakness (CWE) yet.")
                                       : _("No report in this window names a component yet."),
                                       0, "dim-label"),
                     0, 1, 2 + table->n_periods, 1);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawRootCausesView) self = user_data;
  g_autoptr(FlawRootCauseTable) table = NULL;
  g_autoptr(GError) error = NULL;

  table = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;

  if (table == NULL)
    {
      gtk_label_set_label (self->description_label, error->message);
      return;
    }

  self->n_rows = 0;
  gtk_label_set_label (self->description_label,
                       table->includes_debt
                       ? _("Reports and security debt items by when they arrived; reports closed "
                           "as duplicates, spam or non-issues are left out. A class of flaw found in "
                           "more than one period is marked recurring.")
                       : _("Reports by when they arrived; reports closed as duplicates, spam or "
                           "non-issues are left out. A class of flaw found in more than one period "
                           "is marked recurring."));
  fill_grid (self, self->cwe_grid, table, FLAW_ROOT_CAUSE_KIND_CWE);
  fill_grid (self, self->component_grid, table, FLAW_ROOT_CAUSE_KIND_COMPONENT);
}

static void
store_changed_cb (FlawRootCausesView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    flaw_root_causes_view_reload (self);
}

static void
flaw_root_causes_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (flaw_root_causes_view_parent_class)->map (widget);

  flaw_root_causes_view_reload (FLAW_ROOT_CAUSES_VIEW (widget));
}

static void
flaw_root_causes_view_constructed (GObject *object)
{
  FlawRootCausesView *self = (FlawRootCausesView *)object;

  G_OBJECT_CLASS (flaw_root_causes_view_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));

  g_signal_connect_object (flaw_context_get_store (self->context), "changed::report",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flaw_context_get_store (self->context), "changed::debt",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
flaw_root_causes_view_dispose (GObject *object)
{
  FlawRootCausesView *self = (FlawRootCausesView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_ROOT_CAUSES_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_root_causes_view_parent_class)->dispose (object);
}

static void
flaw_root_causes_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FlawRootCausesView *self = FLAW_ROOT_CAUSES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_root_causes_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FlawRootCausesView *self = FLAW_ROOT_CAUSES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_root_causes_view_class_init (FlawRootCausesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_root_causes_view_constructed;
  object_class->dispose = flaw_root_causes_view_dispose;
  object_class->get_property = flaw_root_causes_view_get_property;
  object_class->set_property = flaw_root_causes_view_set_property;

  widget_class->map = flaw_root_causes_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-root-causes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawRootCausesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FlawRootCausesView, period_drop);
  gtk_widget_class_bind_template_child (widget_class, FlawRootCausesView, description_label);
  gtk_widget_class_bind_template_child (widget_class, FlawRootCausesView, cwe_grid);
  gtk_widget_class_bind_template_child (widget_class, FlawRootCausesView, component_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
flaw_root_causes_view_init (FlawRootCausesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->period_drop, "notify::selected",
                            G_CALLBACK (flaw_root_causes_view_reload), self);
}

GtkWidget *
flaw_root_causes_view_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_ROOT_CAUSES_VIEW,
                       "context", context,
                       NULL);
}

void
flaw_root_causes_view_reload (FlawRootCausesView *self)
{
  FlawRootCauseQuery *query;
  FlawStore *store;

  g_return_if_fail (FLAW_IS_ROOT_CAUSES_VIEW (self));

  store = flaw_context_get_store (self->context);
  if (!flaw_store_is_open (store))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  query = g_new0 (FlawRootCauseQuery, 1);
  query->period = gtk_drop_down_get_selected (self->period_drop) == 1
                  ? FLAW_ROOT_CAUSE_PERIOD_MONTH : FLAW_ROOT_CAUSE_PERIOD_QUARTER;

  flaw_store_run_async (store, flaw_root_causes_count, query, g_free,
                        (GDestroyNotify) flaw_root_cause_table_free, self->cancellable,
                        counted_cb, g_object_ref (self));
}

/**
 * flaw_root_causes_view_get_n_rows:
 *
 * Returns: how many weaknesses and components are shown
 */
guint
flaw_root_causes_view_get_n_rows (FlawRootCausesView *self)
{
  g_return_val_if_fail (FLAW_IS_ROOT_CAUSES_VIEW (self), 0);

  return self->n_rows;
}
