/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of the append-only event log: a field of an entity changed. */
typedef struct
{
  gint64  id;
  char   *entity;
  gint64  entity_id;
  char   *field;
  char   *old_value;
  char   *new_value;
  gint64  time;
  char   *actor;
} FlawEvent;

#define FLAW_TYPE_EVENT (flaw_event_get_type ())

GType      flaw_event_get_type (void) G_GNUC_CONST;
FlawEvent *flaw_event_new      (void);
FlawEvent *flaw_event_copy     (const FlawEvent *event);
void       flaw_event_free     (FlawEvent       *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawEvent, flaw_event_free)

G_END_DECLS
