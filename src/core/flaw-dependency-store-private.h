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

G_END_DECLS
