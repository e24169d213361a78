/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The one place that picks files (GtkFileChooserNative on GTK 4.8, through
 * the portal inside the Flatpak). */

void   flaw_file_chooser_save_async  (GtkWindow            *parent,
                                      const char           *title,
                                      const char           *suggested_name,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GFile *flaw_file_chooser_save_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
