/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GString    *flaw_debt_gen_csv         (guint    n_items,
                                       guint32  seed,
                                       gint64   now);
const char *flaw_debt_gen_word        (guint    index);

G_END_DECLS
