/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-deps-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-component-item.h"
#include "flaw-dependency-store.h"
#include "flaw-dependency.h"
#include "flaw-deps-view.h"
#include "flaw-file-chooser.h"
#include "flaw-osv-store.h"

/* The largest file offered to the importers, as for `deps import`. */
#define MAX_IMPORT_SIZE (64 * 1024 * 1024)
#define DEFAULT_SUPPRESS_DAYS 90
#define MAX_SUPPRESS_DAYS 365

struct _FlawDepsView
{
  AdwBin          parent_instance;

  FlawContext    *context;
  GCancellable   *cancellable;
  GListStore     *components;
  gulong          changed_id;
  guint           busy;
  FlawComponent  *shown;

  AdwLeaflet     *leaflet;
  AdwWindowTitle *list_title;
  GtkToggleButton *vulnerable_toggle;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkStack       *list_stack;
  GtkLabel       *summary_label;
  GtkListView    *list_view;
  AdwWindowTitle *details_title;
  GtkBox         *vulns_box;
};

G_DEFINE_FINAL_TYPE (FlawDepsView, flaw_deps_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  FlawDepsView       *self;
  char               *import_source;
  char               *display_name;
  FlawDependencyList *list;
  FlawImportPreview  *preview;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->self);
  g_free (import->import_source);
  g_free (import->display_name);
  g_clear_pointer (&import->list, flaw_dependency_list_free);
  g_clear_pointer (&import->preview, flaw_import_preview_free);
  g_free (import);
}

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

static GtkWindow *
get_window (FlawDepsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (FlawDepsView *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
error_response_cb (FlawDepsView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static GtkWidget *
plain_label (const char *text,
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
  GtkWidget *title = plain_label ("", NULL);
  GtkWidget *subtitle = plain_label ("", "dim-label");
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
        show_error (self, error->message);
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

/* Links, confirmed before they open */

static void
open_link_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "url");

  if (g_strcmp0 (response, "open") == 0)
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), url, GDK_CURRENT_TIME);
}

static void
open_link_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  FlawDepsView *self = user_data;
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (get_window (self), _("Open Link?"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This opens %s in your web browser. The address comes from an "
                                    "OSV record; check it before you open it."), url);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Link"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "url", g_strdup (url), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (open_link_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
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
        show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "suppression");
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "suppress", *reason != '\0');
}

static void
suppress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  FlawDepsView *self = user_data;
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkSpinButton *days = g_object_get_data (G_OBJECT (dialog), "days");
  Suppress *suppress;

  if (g_strcmp0 (response, "suppress") != 0 || self->shown == NULL ||
      g_object_get_data (G_OBJECT (dialog), "answered") != NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));

  suppress = g_new0 (Suppress, 1);
  suppress->osv_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "osv-id"));
  suppress->component_id = self->shown->id;
  suppress->reason = g_strdup (gtk_editable_get_text (reason));
  suppress->expires = flaw_clock_now () + (gint64) gtk_spin_button_get_value_as_int (days) * 24 * 3600;

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), suppress_job, suppress,
                        (GDestroyNotify) suppress_free, NULL, self->cancellable, suppressed_cb,
                        g_object_ref (self));
}

static void
suppress_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  FlawDepsView *self = user_data;
  const char *osv_id = g_object_get_data (G_OBJECT (button), "osv-id");
  GtkWidget *dialog, *box, *reason, *days_box, *days_label, *days;

  dialog = adw_message_dialog_new (get_window (self), _("Suppress Vulnerability?"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will not count against %s %s until the suppression expires. "
                                    "Say why it is safe to leave for now."),
                                  osv_id, self->shown->name, self->shown->version);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  days_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  days_label = gtk_label_new_with_mnemonic (_("_Days until it expires"));
  gtk_widget_set_hexpand (days_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (days_label), 0);
  days = gtk_spin_button_new_with_range (1, MAX_SUPPRESS_DAYS, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (days), DEFAULT_SUPPRESS_DAYS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (days_label), days);
  gtk_box_append (GTK_BOX (days_box), days_label);
  gtk_box_append (GTK_BOX (days_box), days);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), days_box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "suppress", _("_Suppress"),
                                    NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "suppress", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "osv-id", g_strdup (osv_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "days", days);
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (suppress_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Details of one component */

static char *
describe_severity (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  GString *text = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

          if (object == NULL)
            continue;
          if (text->len > 0)
            g_string_append (text, "\n");
          g_string_append_printf (text, "%s %s",
                                  json_object_get_string_member_with_default (object, "type", "?"),
                                  json_object_get_string_member_with_default (object, "score", ""));
        }
    }

  if (text->len == 0)
    g_string_append (text, _("not rated in the record"));

  return g_string_free (text, FALSE);
}

static char *
describe_fixed (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) versions = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        const char *version = json_array_get_string_element (json_node_get_array (node), i);

        if (version != NULL)
          g_strv_builder_add (builder, version);
      }

  versions = g_strv_builder_end (builder);
  if (versions[0] == NULL)
    return g_strdup (_("No fixed version is known yet."));

  return g_strjoinv (", ", versions);
}

static GtkWidget *
field (const char *name,
       const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = plain_label (value, NULL);

  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_box_append (GTK_BOX (box), plain_label (name, "caption-heading"));
  gtk_box_append (GTK_BOX (box), value_label);

  return box;
}

static GtkWidget *
references_box (FlawDepsView *self,
                const char   *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  guint n = 0;

  gtk_box_append (GTK_BOX (box), plain_label (_("References"), "caption-heading"));

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          const char *url = object ? json_object_get_string_member_with_default (object, "url", NULL) : NULL;
          const char *type = object ? json_object_get_string_member_with_default (object, "type", "WEB") : NULL;
          g_autofree char *text = NULL;
          GtkWidget *row, *label;

          if (url == NULL)
            continue;

          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          text = g_strdup_printf ("%s: %s", type, url);
          label = plain_label (text, NULL);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_box_append (GTK_BOX (row), label);

          /* Only web addresses get a button; anything else stays text. */
          if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
            {
              GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_widget_set_tooltip_text (button, _("Open Link…"));
              gtk_widget_add_css_class (button, "flat");
              g_object_set_data_full (G_OBJECT (button), "url", g_strdup (url), g_free);
              g_signal_connect (button, "clicked", G_CALLBACK (open_link_clicked_cb), self);
              gtk_box_append (GTK_BOX (row), button);
            }

          gtk_box_append (GTK_BOX (box), row);
          n++;
        }
    }

  if (n == 0)
    gtk_box_append (GTK_BOX (box), plain_label (_("None in the record."), "dim-label"));

  return box;
}

static GtkWidget *
vulnerability_card (FlawDepsView           *self,
                    const FlawOsvAffecting *affecting)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *severity = describe_severity (affecting->severity);
  g_autofree char *fixed = describe_fixed (affecting->fixed);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *summary = affecting->summary;

  gtk_widget_add_css_class (card, "card");

  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
    GtkWidget *title = plain_label (affecting->osv_id, "title-4");

    gtk_widget_set_margin_top (inner, 12);
    gtk_widget_set_margin_bottom (inner, 12);
    gtk_widget_set_margin_start (inner, 12);
    gtk_widget_set_margin_end (inner, 12);
    gtk_label_set_selectable (GTK_LABEL (title), TRUE);
    gtk_box_append (GTK_BOX (inner), title);

    if (affecting->aliases->len > 0)
      {
        g_autoptr(GString) aliases = g_string_new (_("Also known as "));

        for (guint i = 0; i < affecting->aliases->len; i++)
          g_string_append_printf (aliases, i > 0 ? ", %s" : "%s", (char *) g_ptr_array_index (affecting->aliases, i));
        gtk_box_append (GTK_BOX (inner), plain_label (aliases->str, "dim-label"));
      }

    if (summary == NULL || *summary == '\0')
      summary = affecting->details;
    gtk_box_append (GTK_BOX (inner), plain_label (summary != NULL && *summary != '\0' ? summary
                                                                                     : _("The record has no summary."),
                                                  NULL));
    gtk_box_append (GTK_BOX (inner), field (_("Severity"), severity));
    gtk_box_append (GTK_BOX (inner), field (_("Fixed In"), fixed));
    gtk_box_append (GTK_BOX (inner), references_box (self, affecting->references));

    if (affecting->suppressed)
      {
        g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (affecting->suppression_expires);
        g_autofree char *date = g_date_time_format (until, "%Y-%m-%d");
        g_autofree char *text = g_strdup_printf (_("Suppressed until %s: %s"), date,
                                                 affecting->suppression_reason);

        gtk_box_append (GTK_BOX (inner), plain_label (text, "warning"));
      }
    else
      {
        GtkWidget *suppress = gtk_button_new_with_mnemonic (_("_Suppress…"));

        g_object_set_data_full (G_OBJECT (suppress), "osv-id", g_strdup (affecting->osv_id), g_free);
        g_signal_connect (suppress, "clicked", G_CALLBACK (suppress_clicked_cb), self);
        gtk_box_append (GTK_BOX (actions), suppress);
        gtk_widget_set_halign (actions, GTK_ALIGN_END);
        gtk_box_append (GTK_BOX (inner), actions);
      }

    gtk_box_append (GTK_BOX (card), inner);
  }

  return card;
}

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

  self->busy--;
  list = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  if (self->shown == NULL)
    return;

  clear_vulns (self);
  if (list->len == 0)
    {
      const char *text = self->shown->checked
        ? _("No known vulnerability affects this version.")
        : _("Never checked. Add an OSV source (flawdesk-cli source add osv --name OSV) and sync to check it.");

      gtk_box_append (self->vulns_box, plain_label (text, "dim-label"));
      return;
    }

  for (guint i = 0; i < list->len; i++)
    gtk_box_append (self->vulns_box, vulnerability_card (self, g_ptr_array_index (list, i)));
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

/* Importing */

static gpointer
preview_job (FlawDatabase  *database,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Import *import = data;

  return flaw_components_preview_import (database, import->import_source, import->list->dependencies, error);
}

static gpointer
apply_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Import *import = data;

  return flaw_components_apply_import (database, import->preview, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawDepsView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "component");
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Import *import = g_object_steal_data (G_OBJECT (dialog), "import");
  FlawDepsView *self;

  /* The dialog answers once; closing it afterwards is no second answer. */
  if (import == NULL)
    return;

  self = import->self;
  if (g_strcmp0 (response, "import") != 0)
    {
      import_free (import);
      return;
    }

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), apply_job, import,
                        (GDestroyNotify) import_free, NULL, self->cancellable, applied_cb,
                        g_object_ref (self));
}

static const char *
format_name (FlawDependencyFormat format)
{
  switch (format)
    {
    case FLAW_DEPENDENCY_FORMAT_CYCLONEDX:
      return _("a CycloneDX SBOM");
    case FLAW_DEPENDENCY_FORMAT_SPDX:
      return _("an SPDX SBOM");
    case FLAW_DEPENDENCY_FORMAT_PACKAGE_LOCK:
      return "package-lock.json";
    case FLAW_DEPENDENCY_FORMAT_REQUIREMENTS:
      return "requirements.txt";
    case FLAW_DEPENDENCY_FORMAT_CARGO_LOCK:
      return "Cargo.lock";
    case FLAW_DEPENDENCY_FORMAT_GO_SUM:
      return "go.sum";
    case FLAW_DEPENDENCY_FORMAT_AUTO:
    default:
      return flaw_dependency_format_to_string (format);
    }
}

static void
add_preview_line (GtkBox     *box,
                  const char *text,
                  const char *style)
{
  GtkWidget *label = plain_label (text, style);

  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (box, label);
}

static GtkWidget *
preview_list (const Import *import)
{
  const FlawImportPreview *preview = import->preview;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < preview->added->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (preview->added, i);
      g_autofree char *text = g_strdup_printf ("+ %s %s %s", dependency->ecosystem, dependency->name,
                                               dependency->version);

      add_preview_line (GTK_BOX (box), text, "success");
    }
  for (guint i = 0; i < preview->changed->len; i++)
    {
      FlawComponentChange *change = g_ptr_array_index (preview->changed, i);
      g_autofree char *text = g_strdup_printf ("~ %s %s %s → %s", change->ecosystem, change->name,
                                               change->old_version, change->new_version);

      add_preview_line (GTK_BOX (box), text, "warning");
    }
  for (guint i = 0; i < preview->removed->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (preview->removed, i);
      g_autofree char *text = g_strdup_printf ("− %s %s %s", component->ecosystem, component->name,
                                               component->version);

      add_preview_line (GTK_BOX (box), text, "error");
    }
  for (guint i = 0; i < import->list->notes->len; i++)
    {
      FlawImportNote *note = g_ptr_array_index (import->list->notes, i);
      g_autofree char *text = note->line > 0
        ? g_strdup_printf (_("Not imported, line %u: %s — %s"), note->line, note->text, note->reason)
        : g_strdup_printf (_("Not imported: %s — %s"), note->text, note->reason);

      add_preview_line (GTK_BOX (box), text, "dim-label");
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  return scrolled;
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Import *import = user_data;
  FlawDepsView *self = import->self;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const FlawImportPreview *preview;

  self->busy--;
  import->preview = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (import->preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      import_free (import);
      return;
    }

  preview = import->preview;
  dialog = adw_message_dialog_new (get_window (self), NULL, NULL);
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Import “%s”?"), import->display_name);

  if (flaw_import_preview_is_empty (preview))
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Nothing to change: every component of this file (read as %s) is already listed."),
                                      format_name (import->list->format));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
    }
  else
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Read as %s. To add: %u, to change: %u, to remove: %u, unchanged: %u. "
                                        "Nothing is written until you import."),
                                      format_name (import->list->format),
                                      preview->added->len, preview->changed->len, preview->removed->len,
                                      preview->unchanged);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), preview_list (import));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      if (preview->removed->len > 0)
        adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                    ADW_RESPONSE_DESTRUCTIVE);
    }

  g_object_set_data_full (G_OBJECT (dialog), "import", import, (GDestroyNotify) import_free);
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Import *import = user_data;
  FlawDepsView *self = import->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  self->busy--;
  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Cannot read “%s”: %s"), import->display_name, error->message);
          show_error (self, message);
        }
      import_free (import);
      return;
    }

  if (length > MAX_IMPORT_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is larger than 64 MiB; that is not a lock file or "
                                                    "SBOM Flawdesk can read."), import->display_name);

      show_error (self, message);
      import_free (import);
      return;
    }

  import->list = flaw_dependency_list_parse (contents, length, FLAW_DEPENDENCY_FORMAT_AUTO,
                                             import->display_name, &error);
  if (import->list == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot import “%s”: %s"), import->display_name,
                                                  error->message);

      show_error (self, message);
      import_free (import);
      return;
    }

  self->busy++;
  flaw_store_run_async (flaw_context_get_store (self->context), preview_job, import, NULL,
                        (GDestroyNotify) flaw_import_preview_free, self->cancellable, previewed_cb, import);
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  flaw_deps_view_import_file (FLAW_DEPS_VIEW (user_data), file);
}

static void
import_clicked_cb (FlawDepsView *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char * const patterns[] = { "*.json", "*.txt", "*.lock", "go.sum", "*.sum", NULL };

  gtk_file_filter_set_name (filter, _("SBOMs and lock files"));
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  flaw_file_chooser_open (get_window (self), _("Import Components"), filter, file_chosen_cb,
                          g_object_ref (self), g_object_unref);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-deps-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_title);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, vulnerable_toggle);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, details_title);
  gtk_widget_class_bind_template_child (widget_class, FlawDepsView, vulns_box);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
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

/**
 * flaw_deps_view_import_file:
 *
 * Reads @file as an SBOM or lock file and shows what importing it would
 * add, change and remove; nothing is written before the user confirms.
 */
void
flaw_deps_view_import_file (FlawDepsView *self,
                            GFile        *file)
{
  Import *import;

  g_return_if_fail (FLAW_IS_DEPS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->display_name = g_file_get_basename (file);
  /* The same key as `flawdesk-cli deps import PATH`, so both update one list. */
  import->import_source = g_file_peek_path (file) != NULL ? g_strdup (g_file_peek_path (file))
                                                          : g_file_get_uri (file);

  self->busy++;
  g_file_load_contents_async (file, self->cancellable, file_loaded_cb, import);
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
  adw_window_title_set_title (self->details_title, title);
  adw_window_title_set_subtitle (self->details_title, subtitle);

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
