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

/* Cancelling closes the chooser and finishes the task, so that whoever waits
 * for it (and what it holds) is released. */
static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  GtkNativeDialog *native = g_task_get_task_data (task);

  if (g_signal_handlers_disconnect_by_func (native, response_cb, task) == 0)
    return;

  gtk_native_dialog_hide (native);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No file was chosen."));
  g_object_unref (task);
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

  /* Disconnected by itself when the task is finalized. */
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (cancelled_cb), task, 0);

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
                                        _("_Save"), _("_Cancel"));

  if (current_name != NULL && *current_name != '\0')
    {
      /* A name taken from a message must not pick the folder. */
      g_autofree char *base = g_path_get_basename (current_name);

      if (g_strcmp0 (base, ".") != 0 && g_strcmp0 (base, "..") != 0 &&
          g_strcmp0 (base, G_DIR_SEPARATOR_S) != 0)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), base);
    }
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

typedef struct
{
  FlawFileChooserFunc func;
  gpointer            user_data;
  GDestroyNotify      user_data_free;
} Request;

static void
request_free (Request *request)
{
  if (request->user_data_free != NULL)
    request->user_data_free (request->user_data);
  g_free (request);
}

static Request *
request_new (FlawFileChooserFunc func,
             gpointer            user_data,
             GDestroyNotify      user_data_free)
{
  Request *request = g_new0 (Request, 1);

  request->func = func;
  request->user_data = user_data;
  request->user_data_free = user_data_free;

  return request;
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Request *request = data;
  g_autoptr(GFile) file = flaw_file_chooser_open_finish (result, NULL);

  /* Cancelling calls nothing: there is nothing to do. */
  if (file != NULL)
    request->func (file, request->user_data);
  request_free (request);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Request *request = data;
  g_autoptr(GFile) file = flaw_file_chooser_save_finish (result, NULL);

  if (file != NULL)
    request->func (file, request->user_data);
  request_free (request);
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
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_return_if_fail (func != NULL);

  if (filter != NULL)
    g_list_store_append (filters, filter);

  flaw_file_chooser_open_async (parent, title, G_LIST_MODEL (filters), NULL, open_done_cb,
                                request_new (func, user_data, user_data_free));
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
  g_return_if_fail (func != NULL);

  flaw_file_chooser_save_async (parent, title, suggested_name, NULL, NULL, save_done_cb,
                                request_new (func, user_data, user_data_free));
}
