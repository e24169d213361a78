/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-component-item"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-component-item.h"

/* One row of the Dependencies view: a component and what affects it. */
struct _FlawComponentItem
{
  GObject        parent_instance;

  FlawComponent *component;
};

G_DEFINE_FINAL_TYPE (FlawComponentItem, flaw_component_item, G_TYPE_OBJECT)

static void
flaw_component_item_finalize (GObject *object)
{
  FlawComponentItem *self = FLAW_COMPONENT_ITEM (object);

  g_clear_pointer (&self->component, flaw_component_free);

  G_OBJECT_CLASS (flaw_component_item_parent_class)->finalize (object);
}

static void
flaw_component_item_class_init (FlawComponentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = flaw_component_item_finalize;
}

static void
flaw_component_item_init (FlawComponentItem *self)
{
}

/**
 * flaw_component_item_new:
 * @component: (transfer full): the component
 */
FlawComponentItem *
flaw_component_item_new (FlawComponent *component)
{
  FlawComponentItem *self;

  g_return_val_if_fail (component != NULL, NULL);

  self = g_object_new (FLAW_TYPE_COMPONENT_ITEM, NULL);
  self->component = component;

  return self;
}

const FlawComponent *
flaw_component_item_get_component (FlawComponentItem *self)
{
  g_return_val_if_fail (FLAW_IS_COMPONENT_ITEM (self), NULL);

  return self->component;
}

char *
flaw_component_item_dup_title (FlawComponentItem *self)
{
  g_return_val_if_fail (FLAW_IS_COMPONENT_ITEM (self), NULL);

  return g_strdup_printf ("%s %s", self->component->name, self->component->version);
}

/* "PyPI · checked 2026-01-02 10:00" or "PyPI · never checked". */
char *
flaw_component_item_dup_subtitle (FlawComponentItem *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (FLAW_IS_COMPONENT_ITEM (self), NULL);

  if (!self->component->checked)
    return g_strdup_printf (_("%s · never checked"), self->component->ecosystem);

  time = g_date_time_new_from_unix_local (self->component->last_checked);
  when = g_date_time_format (time, "%Y-%m-%d %H:%M");

  if (self->component->expired != NULL && self->component->expired->len > 0)
    return g_strdup_printf (_("%s · checked %s · suppression expired"), self->component->ecosystem, when);

  return g_strdup_printf (_("%s · checked %s"), self->component->ecosystem, when);
}
