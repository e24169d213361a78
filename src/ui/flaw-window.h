/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "flaw-context.h"

G_BEGIN_DECLS

#define FLAW_TYPE_WINDOW (flaw_window_get_type ())

G_DECLARE_FINAL_TYPE (FlawWindow, flaw_window, FLAW, WINDOW, AdwApplicationWindow)

FlawWindow  *flaw_window_new                 (GtkApplication *application,
                                              FlawContext    *context);
FlawContext *flaw_window_get_context         (FlawWindow     *self);
const char  *flaw_window_get_page            (FlawWindow     *self);
void         flaw_window_set_page            (FlawWindow     *self,
                                              const char     *page);
void         flaw_window_show_review_due     (FlawWindow     *self);
GtkWindow   *flaw_window_show_about          (FlawWindow     *self);
GtkWindow   *flaw_window_show_preferences    (FlawWindow     *self);
void         flaw_window_show_report         (FlawWindow     *self,
                                              gint64          report_id);
AdwMessageDialog *flaw_window_show_database_error (FlawWindow *self,
                                              const GError   *error);

G_END_DECLS
