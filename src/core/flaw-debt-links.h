/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-store.h"

G_BEGIN_DECLS

/* A record linked to a debt item through the `link` table: a report it came
 * from, an assessment answer, a dependency vulnerability. */
typedef struct
{
  char   *entity;
  gint64  id;
  char   *label;
} FlawDebtLink;

void       flaw_debt_link_free          (FlawDebtLink  *link);
GPtrArray *flaw_debt_db_list_links      (FlawDatabase  *database,
                                         gint64         debt_id,
                                         GError       **error);
void       flaw_debt_list_links_async   (FlawStore           *store,
                                         gint64               debt_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *flaw_debt_list_links_finish  (FlawStore     *store,
                                         GAsyncResult  *result,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawDebtLink, flaw_debt_link_free)

G_END_DECLS
