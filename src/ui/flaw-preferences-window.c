/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-front-door-page.h"
#include "flaw-preferences-window.h"

struct _FlawPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  FlawContext          *context;

  AdwEntryRow          *display_name_row;
  GtkSpinButton        *review_period_spin;
  GtkSpinButton        *sync_interval_spin;
};

G_DEFINE_FINAL_TYPE (FlawPreferencesWindow, flaw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flaw_preferences_window_constructed (GObject *object)
{
  FlawPreferencesWindow *self = (FlawPreferencesWindow *)object;
  GSettings *settings;

  G_OBJECT_CLASS (flaw_preferences_window_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  settings = flaw_context_get_settings (self->context);

  g_settings_bind (settings, "display-name", self->display_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "review-period-days",
                   gtk_spin_button_get_adjustment (self->review_period_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval-minutes",
                   gtk_spin_button_get_adjustment (self->sync_interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (flaw_front_door_page_new (self->context)));
}

static void
flaw_preferences_window_dispose (GObject *object)
{
  FlawPreferencesWindow *self = (FlawPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_preferences_window_parent_class)->dispose (object);
}

static void
flaw_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FlawPreferencesWindow *self = FLAW_PREFERENCES_WINDOW (object);

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
flaw_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FlawPreferencesWindow *self = FLAW_PREFERENCES_WINDOW (object);

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
flaw_preferences_window_class_init (FlawPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_preferences_window_constructed;
  object_class->dispose = flaw_preferences_window_dispose;
  object_class->get_property = flaw_preferences_window_get_property;
  object_class->set_property = flaw_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/flaw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, review_period_spin);
  gtk_widget_class_bind_template_child (widget_class, FlawPreferencesWindow, sync_interval_spin);
}

static void
flaw_preferences_window_init (FlawPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FlawPreferencesWindow *
flaw_preferences_window_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
