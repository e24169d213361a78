/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64     flaw_clock_now            (void);
GDateTime *flaw_clock_now_local      (void);
void       flaw_clock_set_fixed      (gint64 unix_seconds);
void       flaw_clock_unset_fixed    (void);

G_END_DECLS
