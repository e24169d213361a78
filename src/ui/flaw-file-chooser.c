/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-file-chooser.h"

static void
response_cb (GtkNativeDialog *native,
             int              response,
             gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        {
          g_task_return_pointer (task, file, g_object_unref);
          return;
        }
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No file was chosen."));
}

static void
cancelled_cb (GCancellable    *cancellable,
              GtkNativeDialog *native)
{
  gtk_native_dialog_hide (native);
}

static void
run (GtkFileChooserNative *native,
     GCancellable         *cancellable,
     GAsyncReadyCallback   callback,
     gpointer              user_data,
     gpointer              source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, native, g_object_unref);

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (cancelled_cb), native, 0);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * flaw_file_chooser_save_async:
 * @current_name: the suggested file name
 * @filter: (nullable): the kind of file written
 */
void
flaw_file_chooser_save_async (GtkWindow           *parent,
                              const char          *title,
                              const char          *current_name,
                              GtkFileFilter       *filter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  run (native, cancellable, callback, user_data, flaw_file_chooser_save_async);
}

/**
 * flaw_file_chooser_save_finish:
 *
 * Returns: (transfer full): the chosen file
 */
GFile *
flaw_file_chooser_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flaw_file_chooser_open_async:
 * @filters: (nullable) (element-type GtkFileFilter): the kinds of file
 *   that can be opened
 */
void
flaw_file_chooser_open_async (GtkWindow           *parent,
                              const char          *title,
                              GListModel          *filters,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));

  for (guint i = 0; filters != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }

  run (native, cancellable, callback, user_data, flaw_file_chooser_open_async);
}

/**
 * flaw_file_chooser_open_finish:
 *
 * Returns: (transfer full): the chosen file
 */
GFile *
flaw_file_chooser_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
