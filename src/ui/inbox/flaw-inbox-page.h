/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_INBOX_PAGE (flaw_inbox_page_get_type ())

G_DECLARE_FINAL_TYPE (FlawInboxPage, flaw_inbox_page, FLAW, INBOX_PAGE, AdwBin)

GtkWidget  *flaw_inbox_page_new            (FlawContext   *context);
void        flaw_inbox_page_select_report  (FlawInboxPage *self,
                                            gint64         report_id);
GListModel *flaw_inbox_page_get_reports    (FlawInboxPage *self);
gboolean    flaw_inbox_page_get_loading    (FlawInboxPage *self);

G_END_DECLS
