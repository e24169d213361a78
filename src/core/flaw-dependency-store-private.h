/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-dependency-store.h"

G_BEGIN_DECLS

/* Returns the row of the vulnerability known by @alias, 0 when none is,
 * or -1 with @error set. */
gint64  _flaw_vulnerability_resolve    (FlawDatabase  *database,
                                        const char    *alias,
                                        GError       **error);
char   *_flaw_dependency_format_time   (gint64         time);

/* What recording one check changed. */
typedef struct
{
  gboolean  found;      /* FALSE: no such component; nothing was written */
  GArray   *added;      /* gint64: vulnerability rows newly linked to it */
  guint     n_removed;  /* links that went away */
} FlawCheckChanges;

void      _flaw_check_changes_init        (FlawCheckChanges         *changes);
void      _flaw_check_changes_clear       (FlawCheckChanges         *changes);

/* The writes of flaw_vulnerability_store() and
 * flaw_component_record_check() without a transaction of their own, for
 * callers that write more in the same transaction (the OSV sync). */
gint64    _flaw_vulnerability_store       (FlawDatabase             *database,
                                           const FlawVulnerability  *vulnerability,
                                           GError                  **error);
gboolean  _flaw_component_record_check    (FlawDatabase             *database,
                                           gint64                    component_id,
                                           const char * const       *osv_ids,
                                           FlawCheckChanges         *changes,
                                           GError                  **error);

G_END_DECLS
