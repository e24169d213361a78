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
