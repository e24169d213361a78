/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-file-chooser.h"

typedef struct
{
  FlawFileChooserFunc func;
  gpointer            user_data;
  GDestroyNotify      user_data_free;
} Request;

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         data)
{
  Request *request = data;

  /* Cancelling calls nothing: there is nothing to do. */
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        request->func (file, request->user_data);
    }

  if (request->user_data_free != NULL)
    request->user_data_free (request->user_data);
  g_free (request);
  g_object_unref (dialog);
}

static void
run (GtkFileChooserNative *native,
     FlawFileChooserFunc   func,
     gpointer              user_data,
     GDestroyNotify        user_data_free)
{
  Request *request = g_new0 (Request, 1);

  request->func = func;
  request->user_data = user_data;
  request->user_data_free = user_data_free;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * flaw_file_chooser_open:
 * @filter: (nullable) (transfer none): the files to offer
 * @func: called with the chosen file; not called when the user cancels
 */
void
flaw_file_chooser_open (GtkWindow           *parent,
                        const char          *title,
                        GtkFileFilter       *filter,
                        FlawFileChooserFunc  func,
                        gpointer             user_data,
                        GDestroyNotify       user_data_free)
{
  GtkFileChooserNative *native;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  run (native, func, user_data, user_data_free);
}

/**
 * flaw_file_chooser_save:
 * @func: called with the file to write; not called when the user cancels
 */
void
flaw_file_chooser_save (GtkWindow           *parent,
                        const char          *title,
                        const char          *suggested_name,
                        FlawFileChooserFunc  func,
                        gpointer             user_data,
                        GDestroyNotify       user_data_free)
{
  GtkFileChooserNative *native;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  run (native, func, user_data, user_data_free);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          g_task_return_pointer (task, file, g_object_unref);
          g_object_unref (dialog);
          return;
        }
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("No file was chosen."));
  g_object_unref (dialog);
}

/**
 * flaw_file_chooser_save_async:
 * @parent: (nullable): the window the chooser belongs to
 * @title: the chooser's title
 * @suggested_name: (nullable): the file name to offer; only its base name is used
 *
 * Asks where to save a file. The result fails with %G_IO_ERROR_CANCELLED
 * when the user cancels.
 */
void
flaw_file_chooser_save_async (GtkWindow           *parent,
                              const char          *title,
                              const char          *suggested_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkFileChooserNative *chooser;
  GTask *task;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_file_chooser_save_async);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (suggested_name != NULL && *suggested_name != '\0')
    {
      /* A name from a message must not pick the folder. */
      g_autofree char *base = g_path_get_basename (suggested_name);

      if (g_strcmp0 (base, ".") != 0 && g_strcmp0 (base, "..") != 0 &&
          g_strcmp0 (base, G_DIR_SEPARATOR_S) != 0)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * flaw_file_chooser_save_finish:
 *
 * Returns: (transfer full): the file chosen, or %NULL with @error set
 */
GFile *
flaw_file_chooser_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
