/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-event"

#include "config.h"

#include "flaw-event.h"

G_DEFINE_BOXED_TYPE (FlawEvent, flaw_event, flaw_event_copy, flaw_event_free)

FlawEvent *
flaw_event_new (void)
{
  return g_new0 (FlawEvent, 1);
}

FlawEvent *
flaw_event_copy (const FlawEvent *event)
{
  FlawEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = flaw_event_new ();
  copy->id = event->id;
  copy->entity = g_strdup (event->entity);
  copy->entity_id = event->entity_id;
  copy->field = g_strdup (event->field);
  copy->old_value = g_strdup (event->old_value);
  copy->new_value = g_strdup (event->new_value);
  copy->time = event->time;
  copy->actor = g_strdup (event->actor);

  return copy;
}

void
flaw_event_free (FlawEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->entity);
  g_free (event->field);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event->actor);
  g_free (event);
}
