/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-database.h"

G_BEGIN_DECLS

gint64  flaw_test_insert_source   (FlawDatabase *database,
                                   const char   *kind,
                                   const char   *name);
gint64  flaw_test_insert_report   (FlawDatabase *database,
                                   gint64        source_id,
                                   const char   *title,
                                   const char   *body,
                                   gint64        received,
                                   gint64        thread_of);
GArray *flaw_test_insert_reports  (FlawDatabase *database,
                                   guint         n_reports,
                                   gint64        first_received,
                                   guint32       seed);

G_END_DECLS
