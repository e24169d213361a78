/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-event.h"

G_BEGIN_DECLS

/*
 * The history of a debt item in the event log (entity "debt").
 *
 * Creating an item appends ONE event: field %FLAW_DEBT_EVENT_ITEM, no old
 * value, and as new value a JSON object, the snapshot, that maps each
 * field the item was created with to the text its own event would carry
 * (flaw_debt_item_dup_field(); links as a JSON array), for every field
 * except the long texts (description, rationale, compensating controls,
 * won't-fix reason), which are in the item and its later edit events.
 * Fields without a value are left out:
 *
 *   {"title":"Admin rights","category":"design","likelihood":"4",
 *    "impact":"5","principal":"3","interest":"1","status":"proposed",
 *    "created":"2025-01-01T12:00:00Z"}
 *
 * Every later change appends one event per changed field (field = column
 * name, old and new value as text), deletion and restore one "deleted"
 * event. Databases written before the snapshot have one creation event per
 * field instead (no old value); both read the same way.
 */

#define FLAW_DEBT_EVENT_ITEM "item"

char     *flaw_debt_event_dup_text           (const FlawEvent *event);
char     *flaw_debt_snapshot_dup_value       (const char      *snapshot,
                                              const char      *field);
gboolean  flaw_debt_snapshot_has_field       (const char      *field);

G_END_DECLS
