/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The one place files are chosen: GtkFileChooserNative, which uses the
 * file chooser portal inside the Flatpak. A dismissed chooser finishes
 * with G_IO_ERROR_CANCELLED. */

void   flaw_file_chooser_save_async  (GtkWindow           *parent,
                                      const char          *title,
                                      const char          *current_name,
                                      GtkFileFilter       *filter,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GFile *flaw_file_chooser_save_finish (GAsyncResult        *result,
                                      GError             **error);
void   flaw_file_chooser_open_async  (GtkWindow           *parent,
                                      const char          *title,
                                      GListModel          *filters,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GFile *flaw_file_chooser_open_finish (GAsyncResult        *result,
                                      GError             **error);

/* The same, for callers that only need the chosen file. */
typedef void (*FlawFileChooserFunc) (GFile    *file,
                                     gpointer  user_data);

void   flaw_file_chooser_open        (GtkWindow           *parent,
                                      const char          *title,
                                      GtkFileFilter       *filter,
                                      FlawFileChooserFunc  func,
                                      gpointer             user_data,
                                      GDestroyNotify       user_data_free);
void   flaw_file_chooser_save        (GtkWindow           *parent,
                                      const char          *title,
                                      const char          *suggested_name,
                                      FlawFileChooserFunc  func,
                                      gpointer             user_data,
                                      GDestroyNotify       user_data_free);

G_END_DECLS
