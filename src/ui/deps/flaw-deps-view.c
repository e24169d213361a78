/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-deps-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-component-item.h"
#include "flaw-dependency-store.h"
#include "flaw-deps-view-private.h"
#include "flaw-debt-store.h"
#include "flaw-osv-debt.h"
#include "flaw-osv-store.h"
#include "flaw-vulnerability-card.h"

G_DEFINE_FINAL_TYPE (FlawDepsView, flaw_deps_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char   *osv_id;
  gint64  component_id;
  char   *reason;
  gint64  expires;
} Suppress;

static void
suppress_free (Suppress *suppress)
{
  g_free (suppress->osv_id);
  g_free (suppress->reason);
  g_free (suppress);
}

static void reload (FlawDepsView *self);
static void load_details (FlawDepsView *self);

GtkWindow *
_flaw_deps_view_get_window (FlawDepsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_flaw_deps_view_show_error (FlawDepsView *self,
                            const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The component shown, in the header bar and, whole, above its details. */
void
_flaw_deps_view_set_details_title (FlawDepsView *self,
                                   const char   *title,
                                   const char   *subtitle)
{
  adw_window_title_set_title (self->details_title, title);
  adw_window_title_set_subtitle (self->details_title, subtitle);
  gtk_label_set_text (self->details_heading, title);
  gtk_label_set_text (self->details_subheading, subtitle);
}

static void
error_response_cb (FlawDepsView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

GtkWidget *
_flaw_deps_plain_label (const char *text,
                        const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* OSV records and imported files are untrusted: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* List rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = _flaw_deps_plain_label ("", NULL);
  GtkWidget *subtitle = _flaw_deps_plain_label ("", "dim-label");
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "severity-badge");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), chevron);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  FlawComponentItem *item = gtk_list_item_get_item (list_item);
  const FlawComponent *component = flaw_component_item_get_component (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *badge = g_object_get_data (G_OBJECT (box), "badge");
  g_autofree char *title = flaw_component_item_dup_title (item);
  g_autofree char *subtitle = flaw_component_item_dup_subtitle (item);
  g_autofree char *count = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);

  gtk_widget_remove_css_class (badge, "error");
  gtk_widget_remove_css_class (badge, "success");
  gtk_widget_remove_css_class (badge, "dim-label");
  if (!component->checked)
    {
      gtk_label_set_text (GTK_LABEL (badge), _("Not checked"));
      gtk_widget_add_css_class (badge, "dim-label");
    }
  else if (component->vulns->len > 0)
    {
      count = g_strdup_printf (ngettext ("%u vulnerability", "%u vulnerabilities", component->vulns->len),
                               component->vulns->len);
      gtk_label_set_text (GTK_LABEL (badge), count);
      gtk_widget_add_css_class (badge, "error");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (badge), _("None known"));
      gtk_widget_add_css_class (badge, "success");
    }
}

/* Loading the list */

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_components_list (database, NULL, GPOINTER_TO_INT (data), error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GPtrArray) components = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint affected = 0, unchecked = 0;

  self->busy--;
  components = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (components == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  items = g_ptr_array_new_full (components->len, g_object_unref);
  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      affected += component->vulns->len > 0;
      unchecked += !component->checked;
      g_ptr_array_add (items, flaw_component_item_new (g_steal_pointer (&g_ptr_array_index (components, i))));
    }
  g_ptr_array_set_free_func (components, NULL);

  g_list_store_splice (self->components, 0, g_list_model_get_n_items (G_LIST_MODEL (self->components)),
                       items->pdata, items->len);

  summary = g_strdup_printf (_("%u components: %u affected by known vulnerabilities, %u never checked."),
                             items->len, affected, unchecked);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    items->len > 0 || gtk_toggle_button_get_active (self->vulnerable_toggle)
                                    ? "list" : "empty");
}

static void
reload (FlawDepsView *self)
{
  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), list_job,
                        GINT_TO_POINTER (gtk_toggle_button_get_active (self->vulnerable_toggle)), NULL,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, listed_cb, g_object_ref (self));
}

static void
store_changed_cb (FlawDepsView *self,
                  const char   *entity)
{
  if (g_strcmp0 (entity, "component") != 0 && g_strcmp0 (entity, "suppression") != 0)
    return;

  reload (self);
  if (self->shown != NULL)
    load_details (self);
}

static void
vulnerable_toggled_cb (FlawDepsView *self)
{
  reload (self);
}

/* Suppressing */

static gpointer
suppress_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Suppress *suppress = data;
  gint64 id = flaw_suppression_add (database, suppress->osv_id, suppress->component_id, suppress->reason,
                                    suppress->expires, error);

  return id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
suppressed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "suppression");
}

static void
card_suppress_cb (FlawVulnerabilityCard *card,
                  const char            *osv_id,
                  const char            *reason,
                  gint64                 expires,
                  FlawDepsView          *self)
{
  Suppress *suppress;

  if (self->shown == NULL)
    return;

  suppress = g_new0 (Suppress, 1);
  suppress->osv_id = g_strdup (osv_id);
  suppress->component_id = self->shown->id;
  suppress->reason = g_strdup (reason);
  suppress->expires = expires;

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), suppress_job, suppress,
                        (GDestroyNotify) suppress_free, NULL, self->cancellable, suppressed_cb,
                        g_object_ref (self));
}

/* Debt items */

typedef struct
{
  FlawDebtItem *draft;
  gint64        vulnerability_id;
} CreateDebt;

static void
create_debt_free (CreateDebt *create)
{
  g_clear_object (&create->draft);
  g_free (create);
}

static gpointer
create_debt_job (FlawDatabase  *database,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CreateDebt *create = data;
  gint64 id = flaw_osv_debt_create_linked (database, create->draft, create->vulnerability_id, error);

  return id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
debt_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GError) error = NULL;
  FlawStore *store = flaw_context_get_store (self->context);

  self->busy--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (store, "debt");
  flaw_store_notify_changed (store, "component");
}

static void
create_debt_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         FlawDepsView     *self)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  CreateDebt *create;

  if (g_strcmp0 (response, "create") != 0 || g_object_get_data (G_OBJECT (dialog), "answered") != NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));

  create = g_new0 (CreateDebt, 1);
  create->draft = g_object_ref (g_object_get_data (G_OBJECT (dialog), "draft"));
  create->vulnerability_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "vulnerability-id"));
  flaw_debt_item_set_title (create->draft, gtk_editable_get_text (title));

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), create_debt_job, create,
                        (GDestroyNotify) create_debt_free, NULL, self->cancellable, debt_created_cb,
                        g_object_ref (self));
}

static void
title_changed_cb (GtkEditable      *title,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));

  adw_message_dialog_set_response_enabled (dialog, "create", *text != '\0');
}

static void
card_create_debt_cb (FlawVulnerabilityCard *card,
                     const char            *osv_id,
                     FlawDepsView          *self)
{
  const FlawOsvAffecting *affecting = NULL;
  g_autoptr(FlawDebtItem) draft = NULL;
  g_autofree char *severity = NULL;
  GtkWidget *dialog, *box, *title, *scrolled, *description;

  for (guint i = 0; self->affecting != NULL && i < self->affecting->len; i++)
    if (g_str_equal (((FlawOsvAffecting *) g_ptr_array_index (self->affecting, i))->osv_id, osv_id))
      affecting = g_ptr_array_index (self->affecting, i);
  if (affecting == NULL || self->shown == NULL)
    return;

  draft = flaw_osv_debt_draft_new (affecting, self->shown->ecosystem, self->shown->name, self->shown->version);
  severity = g_strdup (flaw_debt_severity_get_label (flaw_debt_item_get_severity (draft)));

  dialog = adw_message_dialog_new (_flaw_deps_view_get_window (self), _("Create Debt Item?"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("A proposed item in the security debt register, category Dependencies, "
                                    "severity %s, linked to %s. Edit it in the register afterwards."),
                                  severity, osv_id);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  title = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (title), flaw_debt_item_get_title (draft));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  description = _flaw_deps_plain_label (flaw_debt_item_get_description (draft), "dim-label");
  gtk_label_set_selectable (GTK_LABEL (description), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), description);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "draft", g_steal_pointer (&draft), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "vulnerability-id", GSIZE_TO_POINTER (affecting->vulnerability_id));
  g_signal_connect (title, "changed", G_CALLBACK (title_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (create_debt_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Details of one component */

static gpointer
affecting_job (FlawDatabase  *database,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return flaw_osv_store_list_affecting (database, *(gint64 *) data, error);
}

static void
clear_vulns (FlawDepsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->vulns_box))) != NULL)
    gtk_box_remove (self->vulns_box, child);
}

static void
affecting_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *component = NULL;

  self->busy--;
  list = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_deps_view_show_error (self, error->message);
      return;
    }

  if (self->shown == NULL)
    return;

  clear_vulns (self);
  g_clear_pointer (&self->affecting, g_ptr_array_unref);
  self->affecting = g_ptr_array_ref (list);
  if (list->len == 0)
    {
      const char *text = self->shown->checked
        ? _("No known vulnerability affects this version.")
        : _("Never checked. Add an OSV source (flawdesk-cli source add osv --name OSV) and sync to check it.");

      gtk_box_append (self->vulns_box, _flaw_deps_plain_label (text, "dim-label"));
      return;
    }

  component = g_strdup_printf ("%s %s", self->shown->name, self->shown->version);
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *card = flaw_vulnerability_card_new (g_ptr_array_index (list, i), component);

      g_signal_connect_object (card, "suppress", G_CALLBACK (card_suppress_cb), self, 0);
      g_signal_connect_object (card, "create-debt", G_CALLBACK (card_create_debt_cb), self, 0);
      gtk_box_append (self->vulns_box, card);
    }
}

static void
load_details (FlawDepsView *self)
{
  g_assert (self->shown != NULL);

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), affecting_job,
                        g_memdup2 (&self->shown->id, sizeof (gint64)), g_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, affecting_cb,
                        g_object_ref (self));
}

static void
row_activated_cb (FlawDepsView *self,
                  guint         position)
{
  flaw_deps_view_show_component (self, position);
}

static void
back_clicked_cb (FlawDepsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* GObject */

static void
flaw_deps_view_constructed (GObject *object)
{
  FlawDepsView *self = FLAW_DEPS_VIEW (object);
  FlawStore *store;

  G_OBJECT_CLASS (flaw_deps_view_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  store = flaw_context_get_store (self->context);
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  reload (self);
}

static void
flaw_deps_view_dispose (GObject *object)
{
  FlawDepsView *self = FLAW_DEPS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_DEPS_VIEW);

  G_OBJECT_CLASS (flaw_deps_view_parent_class)->dispose (object);
}

static void
flaw_deps_view_finalize (GObject *object)
{
  FlawDepsView *self = FLAW_DEPS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->components);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown, flaw_component_free);
  g_clear_pointer (&self->affecting, g_ptr_array_unref);

  G_OBJECT_CLASS (flaw_deps_view_parent_class)->finalize (object);
}

static void
flaw_deps_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FlawDepsView *self = FLAW_DEPS_VIEW (object);

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
flaw_deps_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FlawDepsView *self = FLAW_DEPS_VIEW (object);

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
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _flaw_deps_view_add_clicked_cb (FLAW_DEPS_VIEW (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _flaw_deps_view_import_clicked_cb (FLAW_DEPS_VIEW (widget));
}

static void
flaw_deps_view_class_init (FlawDepsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_deps_view_constructed;
  object_class->dispose = flaw_deps_view_dispose;
  object_class->finalize = flaw_deps_view_finalize;
  object_class->get_property = flaw_deps_view_get_property;
  object_class->set_property = flaw_deps_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "deps.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "deps.import", NULL, import_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-deps-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_title);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, vulnerable_toggle);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, details_title);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, details_heading);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, details_subheading);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, version_button);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, vulns_box);
  gtk_widget_class_bind_template_callback_full (widget_class, "version_clicked_cb",
                                                G_CALLBACK (_flaw_deps_view_version_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "remove_clicked_cb",
                                                G_CALLBACK (_flaw_deps_view_remove_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, vulnerable_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, error_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
flaw_deps_view_init (FlawDepsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->cancellable = g_cancellable_new ();
  self->components = g_list_store_new (FLAW_TYPE_COMPONENT_ITEM);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: AdwBin unparents it, so it is not a bound template child. */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->components)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

FlawDepsView *
flaw_deps_view_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_DEPS_VIEW,
                       "context", context,
                       NULL);
}

/**
 * flaw_deps_view_new_window:
 * @parent: (nullable): the window it belongs to
 *
 * The Dependencies view in a window of its own, for `app.dependencies`.
 *
 * Returns: (transfer none): the window, not yet presented
 */
GtkWindow *
flaw_deps_view_new_window (FlawContext *context,
                           GtkWindow   *parent)
{
  GtkWidget *window;

  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Dependencies"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (flaw_deps_view_new (context)));

  return GTK_WINDOW (window);
}

/* The components shown, as FlawComponentItem. */
GListModel *
flaw_deps_view_get_model (FlawDepsView *self)
{
  g_return_val_if_fail (FLAW_IS_DEPS_VIEW (self), NULL);

  return G_LIST_MODEL (self->components);
}

/**
 * flaw_deps_view_show_component:
 *
 * Shows the vulnerabilities affecting the component at @position.
 */
void
flaw_deps_view_show_component (FlawDepsView *self,
                               guint         position)
{
  g_autoptr(FlawComponentItem) item = NULL;
  const FlawComponent *component;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (FLAW_IS_DEPS_VIEW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->components), position);
  g_return_if_fail (item != NULL);

  component = flaw_component_item_get_component (item);
  g_clear_pointer (&self->shown, flaw_component_free);
  self->shown = g_new0 (FlawComponent, 1);
  self->shown->id = component->id;
  self->shown->ecosystem = g_strdup (component->ecosystem);
  self->shown->name = g_strdup (component->name);
  self->shown->version = g_strdup (component->version);
  self->shown->import_source = g_strdup (component->import_source);
  self->shown->checked = component->checked;
  self->shown->last_checked = component->last_checked;
  self->shown->vulns = g_ptr_array_new_with_free_func (g_free);
  self->shown->suppressed = g_ptr_array_new_with_free_func (g_free);

  title = flaw_component_item_dup_title (item);
  subtitle = flaw_component_item_dup_subtitle (item);
  _flaw_deps_view_set_details_title (self, title, subtitle);

  clear_vulns (self);
  load_details (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Whether a load, import or suppression is still running. */
gboolean
flaw_deps_view_get_busy (FlawDepsView *self)
{
  g_return_val_if_fail (FLAW_IS_DEPS_VIEW (self), FALSE);

  return self->busy > 0;
}

/**
 * flaw_deps_view_new_notification:
 * @n_new: how many vulnerabilities newly affect a component (not suppressed),
 *   as an OSV source's sync outcome counts them in n_new
 *
 * The notification for a sync that found new vulnerabilities; its default
 * action opens the Dependencies window (app.dependencies).
 *
 * Returns: (transfer full): the notification
 */
GNotification *
flaw_deps_view_new_notification (guint n_new)
{
  g_autofree char *title = NULL;
  GNotification *notification;

  g_return_val_if_fail (n_new > 0, NULL);

  title = g_strdup_printf (ngettext ("A new vulnerability affects your components",
                                     "%u new vulnerabilities affect your components", n_new), n_new);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open Dependencies to see them, then fix, plan or suppress each one."));
  g_notification_set_default_action (notification, "app.dependencies");
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  return notification;
}
