/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-assessment-page.h"
#include "flaw-inbox-page.h"
#include "flaw-preferences-window.h"
#include "flaw-register-page.h"
#include "flaw-window.h"

struct _FlawWindow
{
  AdwApplicationWindow  parent_instance;

  FlawContext          *context;

  AdwViewStack         *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  AdwBin               *register_bin;
  AdwBin               *inbox_bin;
  AdwBin               *assessment_bin;
};

G_DEFINE_FINAL_TYPE (FlawWindow, flaw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const pages[] = { "register", "inbox", "assessment", NULL };

static gboolean
is_known_page (const char *page)
{
  return page != NULL && g_strv_contains ((const char * const *) pages, page);
}

static void
restore_state (FlawWindow *self)
{
  GSettings *settings = flaw_context_get_settings (self->context);
  g_autofree char *page = g_settings_get_string (settings, "current-page");
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (is_known_page (page))
    adw_view_stack_set_visible_child_name (self->stack, page);
}

static void
save_state (FlawWindow *self)
{
  GSettings *settings = flaw_context_get_settings (self->context);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  g_settings_delay (settings);

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", maximized);
  g_settings_set_string (settings, "current-page", flaw_window_get_page (self));

  g_settings_apply (settings);
}

static gboolean
flaw_window_close_request (GtkWindow *window)
{
  save_state (FLAW_WINDOW (window));

  return GTK_WINDOW_CLASS (flaw_window_parent_class)->close_request (window);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FlawWindow *self = FLAW_WINDOW (widget);

  flaw_window_set_page (self, g_variant_get_string (parameter, NULL));
}

static void
flaw_window_constructed (GObject *object)
{
  FlawWindow *self = (FlawWindow *)object;

  G_OBJECT_CLASS (flaw_window_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));

  adw_bin_set_child (self->register_bin, flaw_register_page_new (self->context));
  adw_bin_set_child (self->inbox_bin, flaw_inbox_page_new (self->context));
  adw_bin_set_child (self->assessment_bin, flaw_assessment_page_new (self->context));

  restore_state (self);
}

static void
flaw_window_dispose (GObject *object)
{
  FlawWindow *self = (FlawWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_window_parent_class)->dispose (object);
}

static void
flaw_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FlawWindow *self = FLAW_WINDOW (object);

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
flaw_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FlawWindow *self = FLAW_WINDOW (object);

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
flaw_window_class_init (FlawWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = flaw_window_constructed;
  object_class->dispose = flaw_window_dispose;
  object_class->get_property = flaw_window_get_property;
  object_class->set_property = flaw_window_set_property;

  window_class->close_request = flaw_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, register_bin);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, inbox_bin);
  gtk_widget_class_bind_template_child (widget_class, FlawWindow, assessment_bin);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "register");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "inbox");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "assessment");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0,
                                       "menu.popup", NULL);
}

static void
flaw_window_init (FlawWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * flaw_window_new:
 * @application: (nullable): the application, or %NULL in tests
 * @context: the application's context
 */
FlawWindow *
flaw_window_new (GtkApplication *application,
                 FlawContext    *context)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

FlawContext *
flaw_window_get_context (FlawWindow *self)
{
  g_return_val_if_fail (FLAW_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * flaw_window_get_page:
 *
 * Returns: the name of the visible page: "register", "inbox" or "assessment"
 */
const char *
flaw_window_get_page (FlawWindow *self)
{
  g_return_val_if_fail (FLAW_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
flaw_window_set_page (FlawWindow *self,
                      const char *page)
{
  g_return_if_fail (FLAW_IS_WINDOW (self));
  g_return_if_fail (is_known_page (page));

  adw_view_stack_set_visible_child_name (self->stack, page);
}

/**
 * flaw_window_show_report:
 * @report_id: a report, or 0 for the list
 *
 * Shows the Inbox page with a report open.
 */
void
flaw_window_show_report (FlawWindow *self,
                         gint64      report_id)
{
  GtkWidget *inbox;

  g_return_if_fail (FLAW_IS_WINDOW (self));

  inbox = adw_bin_get_child (self->inbox_bin);
  flaw_window_set_page (self, "inbox");
  flaw_inbox_page_select_report (FLAW_INBOX_PAGE (inbox), report_id);
}

/**
 * flaw_window_show_review_due:
 *
 * Shows the register, filtered to the items due for review (the action of
 * the daily review-due notification).
 */
void
flaw_window_show_review_due (FlawWindow *self)
{
  g_return_if_fail (FLAW_IS_WINDOW (self));

  flaw_window_set_page (self, "register");
  gtk_widget_activate_action (adw_bin_get_child (self->register_bin), "register.show-review-due", NULL);
}

/**
 * flaw_window_show_preferences:
 *
 * Returns: (transfer none): the preferences window, presented
 */
GtkWindow *
flaw_window_show_preferences (FlawWindow *self)
{
  FlawPreferencesWindow *preferences;

  g_return_val_if_fail (FLAW_IS_WINDOW (self), NULL);

  preferences = flaw_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));

  return GTK_WINDOW (preferences);
}

/**
 * flaw_window_show_about:
 *
 * Returns: (transfer none): the about window, presented
 */
GtkWindow *
flaw_window_show_about (FlawWindow *self)
{
  static const char *developers[] = { "The Flawdesk developers", NULL };
  GtkWidget *about;

  g_return_val_if_fail (FLAW_IS_WINDOW (self), NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", self,
                        "modal", TRUE,
                        "application-name", _("Flawdesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Flawdesk developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Flawdesk developers",
                        /* Translators: Replace "translator-credits" with your name(s) */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Plan for security flaws: keep a register of security "
                                      "debt, triage vulnerability reports, and assess how "
                                      "your team handles flaws."),
                        NULL);

  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("_Report a Security Flaw in Flawdesk"),
                             PACKAGE_SECURITY_URL);

  gtk_window_present (GTK_WINDOW (about));

  return GTK_WINDOW (about);
}

static gboolean
quit_after_error_cb (gpointer user_data)
{
  FlawWindow *self = user_data;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
  gtk_window_destroy (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
database_error_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            FlawWindow       *self)
{
  /* Leave once the dialog has finished closing itself. */
  if (g_strcmp0 (response, "quit") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, quit_after_error_cb,
                     g_object_ref (self), g_object_unref);
}

/**
 * flaw_window_show_database_error:
 * @error: why the database could not be used; its message names the file
 *   and what to do
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
flaw_window_show_database_error (FlawWindow   *self,
                                 const GError *error)
{
  FlawStore *store;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_val_if_fail (FLAW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  store = flaw_context_get_store (self->context);
  body = g_strdup_printf ("%s\n\n%s %s", error->message, _("Database file:"),
                          flaw_store_get_path (store));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Database"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (database_error_response_cb),
                           self, 0);

  /* Nothing below may be used with no database behind it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);

  gtk_window_present (GTK_WINDOW (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}
