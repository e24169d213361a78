/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-debt-item.h"
#include "flaw-debt-store.h"
#include "flaw-file-chooser.h"
#include "flaw-jmap-source.h"
#include "flaw-report-view-private.h"
#include "flaw-source-store.h"
#include "flaw-triage.h"

/* What a report view does beyond showing and triaging: closing with a
 * reason, opening a link after confirmation, saving attachments and
 * linking debt items. */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   FlawReportView   *self)
{
  GtkDropDown *reason_drop = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkEditable *note_entry = g_object_get_data (G_OBJECT (dialog), "note");
  GtkEditable *duplicate_entry = g_object_get_data (G_OBJECT (dialog), "duplicate");
  g_autofree char *note = NULL;
  FlawTriageMove *move;

  if (g_strcmp0 (response, "close") != 0 || self->report_id == 0)
    return;

  move = flaw_triage_move_new (self->report_id, FLAW_REPORT_STATUS_CLOSED);
  move->close_reason = FLAW_CLOSE_REASON_DUPLICATE + gtk_drop_down_get_selected (reason_drop);
  note = g_strstrip (g_strdup (gtk_editable_get_text (note_entry)));
  if (*note != '\0')
    move->note = g_steal_pointer (&note);

  if (move->close_reason == FLAW_CLOSE_REASON_DUPLICATE)
    {
      const char *text = gtk_editable_get_text (duplicate_entry);
      guint64 target = 0;

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &target, NULL))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("“%s” is not a report number. Enter the number of the "
                                       "report this one duplicates."), text);
          _flaw_report_view_show_error (self, message);
          flaw_triage_move_free (move);
          return;
        }
      move->duplicate_of = (gint64) target;
    }

  _flaw_report_view_run_move (self, move);
}

void
_flaw_report_view_show_close_dialog (FlawReportView *self)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *reason;
  GtkWidget *note;
  GtkWidget *duplicate;
  const char * const reasons[] = {
    flaw_close_reason_get_label (FLAW_CLOSE_REASON_DUPLICATE),
    flaw_close_reason_get_label (FLAW_CLOSE_REASON_NOT_APPLICABLE),
    flaw_close_reason_get_label (FLAW_CLOSE_REASON_INFORMATIVE),
    flaw_close_reason_get_label (FLAW_CLOSE_REASON_SPAM),
    NULL
  };

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Close Report?"),
                                   _("Say why the report needs no fix. A duplicate names the "
                                     "report it duplicates; every other reason needs a note."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  reason = gtk_drop_down_new_from_strings (reasons);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  duplicate = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (duplicate), _("Number of the original report"));
  gtk_entry_set_input_purpose (GTK_ENTRY (duplicate), GTK_INPUT_PURPOSE_DIGITS);
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note"));
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), duplicate);
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "duplicate", duplicate);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Report"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  FlawReportView *self;
  gint64          source_id;
  char           *blob_id;
  char           *name;
  char           *type;
  GFile          *destination;
  GtkWidget      *row;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->destination);
  g_clear_object (&download->row);
  g_free (download->blob_id);
  g_free (download->name);
  g_free (download->type);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

static gpointer
get_source_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Download *download = data;

  return flaw_source_store_get (database, download->source_id, error);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;

  if (!flaw_jmap_source_download_attachment_finish (FLAW_JMAP_SOURCE (object), result, &error))
    {
      _flaw_report_view_show_error (download->self, error->message);
      return;
    }

  path = g_file_get_parse_name (download->destination);
  subtitle = g_strdup_printf (_("Saved to %s"), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (download->row), subtitle);
  flaw_store_notify_changed (_flaw_report_view_get_store (download->self), "report");
}

static void
download_source_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(FlawJmapSource) source = NULL;
  g_autoptr(FlawCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  FlawReportView *self = download->self;

  if (!(info = flaw_store_run_finish (FLAW_STORE (object), result, &error)))
    {
      _flaw_report_view_show_error (self, error->message);
      return;
    }

  if (g_strcmp0 (info->kind, "jmap") != 0)
    {
      _flaw_report_view_show_error (self, _("Only attachments of mail from a JMAP mailbox can be downloaded."));
      return;
    }

  if (self->http == NULL)
    self->http = flaw_http_new ();
  credentials = flaw_credentials_new (flaw_store_get_path (_flaw_report_view_get_store (self)));

  if (!(source = flaw_jmap_source_new (info, self->http, credentials, &error)))
    {
      _flaw_report_view_show_error (self, error->message);
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (download->row), _("Downloading…"));
  flaw_jmap_source_download_attachment_async (source, _flaw_report_view_get_store (self), download->blob_id,
                                              download->name, download->type,
                                              download->destination, NULL, downloaded_cb,
                                              download);
  download = NULL;
}

static void
save_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(GError) error = NULL;

  if (!(download->destination = flaw_file_chooser_save_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _flaw_report_view_show_error (download->self, error->message);
      return;
    }

  flaw_store_run_async (_flaw_report_view_get_store (download->self), get_source_job, download, NULL,
                        (GDestroyNotify) flaw_source_info_free, NULL,
                        download_source_cb, download);
  download = NULL;
}

static void
save_attachment_cb (GtkButton      *button,
                    FlawReportView *self)
{
  FlawAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  Download *download;

  if (attachment == NULL || _flaw_report_view_get_report (self) == NULL)
    return;

  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->source_id = flaw_report_get_source_id (_flaw_report_view_get_report (self));
  download->blob_id = g_strdup (attachment->blob_id);
  download->name = g_strdup (attachment->name);
  download->type = g_strdup (attachment->type);
  download->row = g_object_ref (gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW));

  flaw_file_chooser_save_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _("Save Attachment"), attachment->name, NULL, NULL,
                                save_chosen_cb, download);
}

void
_flaw_report_view_populate_attachments (FlawReportView *self)
{
  GPtrArray *attachments = self->details->attachments;

  for (guint i = 0; i < attachments->len; i++)
    {
      FlawAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = attachment->size >= 0 ? g_format_size (attachment->size) : g_strdup (_("size unknown"));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Save As…"));

      if (attachment->downloaded_path != NULL)
        subtitle = g_strdup_printf (_("%s · %s · saved to %s"),
                                    attachment->type != NULL ? attachment->type : _("unknown type"),
                                    size, attachment->downloaded_path);
      else
        subtitle = g_strdup_printf (_("%s · %s"),
                                    attachment->type != NULL ? attachment->type : _("unknown type"),
                                    size);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     attachment->name != NULL ? attachment->name : _("Unnamed attachment"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "attachment", attachment);
      g_signal_connect_object (button, "clicked", G_CALLBACK (save_attachment_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->attachments_group, row);
      g_ptr_array_add (self->extra_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attachments_group), attachments->len > 0);
}

static void
debt_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!flaw_store_run_finish (FLAW_STORE (object), result, &error))
    {
      _flaw_report_view_show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->debt_row), "");
  flaw_store_notify_changed (FLAW_STORE (object), "report");
}

static void
unlink_debt_cb (GtkButton      *button,
                FlawReportView *self)
{
  FlawReportRequest *request = flaw_report_request_new (self->report_id, NULL);

  request->debt_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "debt-id"));
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_report_store_unlink_debt, request,
                        (GDestroyNotify) flaw_report_request_free, NULL, NULL,
                        debt_done_cb, g_object_ref (self));
}

void
_flaw_report_view_debt_apply_cb (AdwEntryRow    *row,
                                 FlawReportView *self)
{
  g_autofree char *text = _flaw_report_view_dup_row_text (row);
  FlawReportRequest *request;
  guint64 id = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a debt item number. Enter the "
                                                    "number shown in the register."),
                                                  text != NULL ? text : "");
      _flaw_report_view_show_error (self, message);
      return;
    }

  request = flaw_report_request_new (self->report_id, NULL);
  request->debt_id = (gint64) id;
  flaw_store_run_async (_flaw_report_view_get_store (self), flaw_report_store_link_debt, request,
                        (GDestroyNotify) flaw_report_request_free, NULL, NULL,
                        debt_done_cb, g_object_ref (self));
}

static int
impact_for_severity (FlawSeverity severity)
{
  switch (severity)
    {
    case FLAW_SEVERITY_CRITICAL: return 5;
    case FLAW_SEVERITY_HIGH: return 4;
    case FLAW_SEVERITY_MEDIUM: return 3;
    case FLAW_SEVERITY_LOW: return 2;
    case FLAW_SEVERITY_NONE:
    case FLAW_SEVERITY_UNSET:
    default: return 1;
    }
}

/* A draft debt item from the report: what the register needs to track
 * the cause behind it, for the user to refine in the register. */
static FlawDebtItem *
make_debt_draft (FlawReportView *self,
                 const char     *title)
{
  FlawReport *report = _flaw_report_view_get_report (self);
  g_autoptr(FlawDebtItem) draft = flaw_debt_item_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  const char *root_cause = flaw_report_get_root_cause (report);

  g_string_append_printf (description, _("Found through vulnerability report %lld (“%s”)."),
                          (long long) flaw_report_get_id (report), flaw_report_get_title (report));
  if (root_cause != NULL)
    g_string_append_printf (description, "\n\n%s %s", _("Root cause:"), root_cause);
  if (flaw_report_get_introduced_in (report) != NULL)
    g_string_append_printf (description, "\n%s %s", _("Introduced in:"), flaw_report_get_introduced_in (report));

  flaw_debt_item_set_title (draft, title);
  flaw_debt_item_set_description (draft, description->str);
  flaw_debt_item_set_component (draft, flaw_report_get_component (report));
  flaw_debt_item_set_cwe (draft, flaw_report_get_cwe (report));
  /* The report shows the flaw can be found: at least “possible”. */
  flaw_debt_item_set_likelihood (draft, 3);
  flaw_debt_item_set_impact (draft, impact_for_severity (flaw_report_get_severity (report)));

  return g_steal_pointer (&draft);
}

static void
debt_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;
  FlawReportRequest *request;

  if (!(item = flaw_debt_save_finish (FLAW_STORE (object), result, &error)))
    {
      _flaw_report_view_show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (FLAW_STORE (object), "debt");

  request = flaw_report_request_new (self->report_id, NULL);
  request->debt_id = flaw_debt_item_get_id (item);
  flaw_store_run_async (FLAW_STORE (object), flaw_report_store_link_debt, request,
                        (GDestroyNotify) flaw_report_request_free, NULL, NULL,
                        debt_done_cb, g_object_ref (self));
}

static void
create_debt_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         FlawReportView   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "title");
  g_autofree char *title = NULL;
  g_autoptr(FlawDebtItem) draft = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (g_strcmp0 (response, "create") != 0 || _flaw_report_view_get_report (self) == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  draft = make_debt_draft (self, title);
  problems = flaw_debt_item_validate (draft, NULL);
  if (problems->len > 0)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, 0);

      _flaw_report_view_show_error (self, problem->message);
      return;
    }

  flaw_debt_save_async (_flaw_report_view_get_store (self), draft, NULL, debt_saved_cb, g_object_ref (self));
}

void
_flaw_report_view_create_debt_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  FlawReportView *self = FLAW_REPORT_VIEW (widget);
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (_flaw_report_view_get_report (self) == NULL)
    return;

  /* Translators: the default title of a debt item made from a report */
  title = g_strdup_printf (_("Cause of: %s"), flaw_report_get_title (_flaw_report_view_get_report (self)));
  if (g_utf8_strlen (title, -1) > FLAW_DEBT_MAX_TITLE_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (title, FLAW_DEBT_MAX_TITLE_CHARS);

      *end = '\0';
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Create Debt Item?"),
                                   _("The register gets an item for the cause behind this report, "
                                     "with its component, weakness and root cause, linked to the "
                                     "report. Its impact follows the severity; refine it in the "
                                     "register."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title of the debt item"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "title", entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (create_debt_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
debt_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GError) error = NULL;

  if ((item = flaw_debt_load_finish (FLAW_STORE (object), result, &error)))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), flaw_debt_item_get_title (item));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
}

void
_flaw_report_view_populate_debt (FlawReportView *self)
{
  GArray *ids = self->details->debt_ids;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *title = g_strdup_printf (_("Debt item %lld"), (long long) id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unlink"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      flaw_debt_load_async (_flaw_report_view_get_store (self), id, NULL, debt_loaded_cb, g_object_ref (row));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "debt-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_debt_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->debt_group, row);
      g_ptr_array_add (self->extra_rows, row);
    }
}

static char *
find_link (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      /* No selection: the run of non-blank text around the cursor. */
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      end = start;
      while (!gtk_text_iter_starts_line (&start))
        {
          gtk_text_iter_backward_char (&start);
          if (g_unichar_isspace (gtk_text_iter_get_char (&start)))
            {
              gtk_text_iter_forward_char (&start);
              break;
            }
        }
      while (!gtk_text_iter_ends_line (&end) && !g_unichar_isspace (gtk_text_iter_get_char (&end)))
        gtk_text_iter_forward_char (&end);
    }

  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  regex = g_regex_new ("https?://[^\\s<>\"'()\\[\\]{}]+", G_REGEX_CASELESS, 0, NULL);
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 0);
}

static void
launch_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlawReportView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    _flaw_report_view_show_error (self, error->message);
}

static void
open_link_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       FlawReportView   *self)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "uri");

  if (g_strcmp0 (response, "open") == 0)
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_done_cb, g_object_ref (self));
}

void
_flaw_report_view_open_link_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  FlawReportView *self = FLAW_REPORT_VIEW (widget);
  g_autofree char *uri = NULL;
  GtkWidget *dialog;

  uri = find_link (self->focused_text != NULL ? self->focused_text : self->body_view);
  if (uri == NULL)
    {
      _flaw_report_view_show_error (self, _("There is no web address at the cursor. Click into an address in the "
                          "report, or select it, then choose Open Link… again."));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Open This Address?"), NULL);
  /* The full address, as plain text, so the user sees where it really goes. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The report links to\n\n%s\n\nIt was written by someone "
                                    "outside your team. Open it only if you trust it."), uri);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open in Browser"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uri", g_steal_pointer (&uri), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_link_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
