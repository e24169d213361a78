/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The one place that picks files: GtkFileChooserNative (through the portal
 * in the Flatpak), as GtkFileDialog is newer than GTK 4.8. */

typedef void (*FlawFileChooserFunc) (GFile    *file,
                                     gpointer  user_data);

void flaw_file_chooser_open (GtkWindow           *parent,
                             const char          *title,
                             GtkFileFilter       *filter,
                             FlawFileChooserFunc  func,
                             gpointer             user_data,
                             GDestroyNotify       user_data_free);
void flaw_file_chooser_save (GtkWindow           *parent,
                             const char          *title,
                             const char          *suggested_name,
                             FlawFileChooserFunc  func,
                             gpointer             user_data,
                             GDestroyNotify       user_data_free);

void   flaw_file_chooser_save_async  (GtkWindow            *parent,
                                      const char           *title,
                                      const char           *suggested_name,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GFile *flaw_file_chooser_save_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
