/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "flaw-dependency-store.h"

G_BEGIN_DECLS

#define FLAW_TYPE_COMPONENT_ITEM (flaw_component_item_get_type ())

G_DECLARE_FINAL_TYPE (FlawComponentItem, flaw_component_item, FLAW, COMPONENT_ITEM, GObject)

FlawComponentItem   *flaw_component_item_new           (FlawComponent     *component);
const FlawComponent *flaw_component_item_get_component (FlawComponentItem *self);
char                *flaw_component_item_dup_title     (FlawComponentItem *self);
char                *flaw_component_item_dup_subtitle  (FlawComponentItem *self);

G_END_DECLS
