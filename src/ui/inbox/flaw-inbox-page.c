/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-inbox-page"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-inbox-page.h"

struct _FlawInboxPage
{
  AdwBin       parent_instance;

  FlawContext *context;
};

G_DEFINE_FINAL_TYPE (FlawInboxPage, flaw_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flaw_inbox_page_dispose (GObject *object)
{
  FlawInboxPage *self = (FlawInboxPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_INBOX_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_inbox_page_parent_class)->dispose (object);
}

static void
flaw_inbox_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (object);

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
flaw_inbox_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FlawInboxPage *self = FLAW_INBOX_PAGE (object);

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
flaw_inbox_page_class_init (FlawInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flaw_inbox_page_dispose;
  object_class->get_property = flaw_inbox_page_get_property;
  object_class->set_property = flaw_inbox_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-inbox-page.ui");
}

static void
flaw_inbox_page_init (FlawInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
flaw_inbox_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_INBOX_PAGE,
                       "context", context,
                       NULL);
}
