/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "flaw-debt-item.h"

G_BEGIN_DECLS

void   flaw_severity_badge_set     (GtkLabel         *label,
                                    FlawDebtSeverity  severity);
char  *flaw_format_days            (double            days);
char  *flaw_format_count           (guint             count);
char  *flaw_format_time            (gint64            unix_seconds);

G_END_DECLS
