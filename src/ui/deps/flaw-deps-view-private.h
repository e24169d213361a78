/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-dependency-store.h"
#include "flaw-deps-view.h"
#include "flaw-osv-store.h"

G_BEGIN_DECLS

struct _FlawDepsView
{
  AdwBin           parent_instance;

  FlawContext     *context;
  GCancellable    *cancellable;
  GListStore      *components;
  gulong           changed_id;
  guint            busy;
  FlawComponent   *shown;
  GPtrArray       *affecting;   /* FlawOsvAffecting of the component shown */

  AdwLeaflet      *leaflet;
  AdwWindowTitle  *list_title;
  GtkMenuButton   *add_button;
  GtkToggleButton *vulnerable_toggle;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkStack        *list_stack;
  GtkLabel        *summary_label;
  GtkListView     *list_view;
  AdwWindowTitle  *details_title;
  GtkLabel        *details_heading;
  GtkLabel        *details_subheading;
  GtkButton       *version_button;
  GtkButton       *remove_button;
  GtkBox          *vulns_box;
};

GtkWidget *_flaw_deps_plain_label             (const char   *text,
                                               const char   *style);
GtkWindow *_flaw_deps_view_get_window         (FlawDepsView *self);
void       _flaw_deps_view_show_error         (FlawDepsView *self,
                                               const char   *message);
void       _flaw_deps_view_set_details_title  (FlawDepsView *self,
                                               const char   *title,
                                               const char   *subtitle);
void       _flaw_deps_view_import_clicked_cb  (FlawDepsView *self);
void       _flaw_deps_view_add_clicked_cb     (FlawDepsView *self);
void       _flaw_deps_view_version_clicked_cb (FlawDepsView *self);
void       _flaw_deps_view_remove_clicked_cb  (FlawDepsView *self);

G_END_DECLS
