/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-front-door-page"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-clock.h"
#include "flaw-file-chooser.h"
#include "flaw-front-door-page.h"
#include "flaw-front-door.h"
#include "flaw-validator-dialog.h"

/* Changes are saved this long after the last keystroke. */
#define SAVE_DELAY_MS 600

struct _FlawFrontDoorPage
{
  AdwPreferencesPage  parent_instance;

  FlawContext        *context;
  GCancellable       *cancellable;
  FlawFrontDoor      *door;
  gint64              expires;
  guint               save_source;
  gboolean            loading;
  gboolean            loaded;
  guint               saving;

  AdwEntryRow        *contacts_row;
  AdwEntryRow        *policy_row;
  AdwEntryRow        *encryption_row;
  AdwEntryRow        *acknowledgments_row;
  AdwEntryRow        *canonical_row;
  AdwEntryRow        *languages_row;
  AdwActionRow       *expires_row;
  GtkMenuButton      *expires_button;
  GtkCalendar        *expires_calendar;
  AdwActionRow       *expiry_warning_row;
  GtkLabel           *problem_label;
  GtkTextView        *generated_view;
  GtkButton          *copy_button;
  GtkButton          *save_button;
  GtkButton          *validate_button;
};

G_DEFINE_FINAL_TYPE (FlawFrontDoorPage, flaw_front_door_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
entry_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
split_into (GPtrArray  *array,
            const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part != '\0')
        g_ptr_array_add (array, g_strdup (part));
    }
}

static char *
join (GPtrArray *array)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (array, i));
    }

  return g_string_free (text, FALSE);
}

static FlawFrontDoor *
read_fields (FlawFrontDoorPage *self)
{
  FlawFrontDoor *door = flaw_front_door_new ();

  split_into (door->contacts, gtk_editable_get_text (GTK_EDITABLE (self->contacts_row)));
  split_into (door->canonicals, gtk_editable_get_text (GTK_EDITABLE (self->canonical_row)));
  door->policy = entry_text (self->policy_row);
  door->encryption = entry_text (self->encryption_row);
  door->acknowledgments = entry_text (self->acknowledgments_row);
  door->preferred_languages = entry_text (self->languages_row);
  /* Hiring has no field here; keep what the CLI may have set. */
  door->hiring = self->door != NULL ? g_strdup (self->door->hiring) : NULL;
  door->expires = self->expires;

  return door;
}

static void
show_expiry (FlawFrontDoorPage   *self,
             const FlawFrontDoor *door)
{
  g_autofree char *date = NULL;
  g_autofree char *warning = NULL;
  gint64 days = 0;

  if (door->expires != 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (door->expires);

      date = g_date_time_format (time, "%Y-%m-%d %H:%M UTC");
      adw_action_row_set_subtitle (self->expires_row, date);
    }
  else
    adw_action_row_set_subtitle (self->expires_row, _("Not set: choose a date"));

  switch (flaw_front_door_get_expiry (door, flaw_clock_now (), &days))
    {
    case FLAW_FRONT_DOOR_EXPIRY_SOON:
      warning = g_strdup_printf (ngettext ("The security.txt expires in %d day. Choose a later date and publish the new file.",
                                           "The security.txt expires in %d days. Choose a later date and publish the new file.",
                                           (int) days), (int) days);
      break;

    case FLAW_FRONT_DOOR_EXPIRY_PAST:
      warning = g_strdup (_("The security.txt has expired: readers may ignore it. Choose a later date and "
                            "publish the new file."));
      break;

    case FLAW_FRONT_DOOR_EXPIRY_UNSET:
    case FLAW_FRONT_DOOR_EXPIRY_OK:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->expiry_warning_row), warning != NULL);
  if (warning != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expiry_warning_row), warning);
}

static gpointer
save_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_front_door_save (database, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FlawFrontDoorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (flaw_store_run_finish (FLAW_STORE (object), result, &error) == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The front door could not be saved: %s"), error->message);
      gtk_label_set_text (self->problem_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  flaw_store_notify_changed (flaw_context_get_store (self->context), "front_door");
}

static void
save_now (FlawFrontDoorPage *self)
{
  FlawFrontDoor *door = read_fields (self);

  g_clear_handle_id (&self->save_source, g_source_remove);

  /* Only a front door RFC 9116 accepts is stored; the fields keep the rest. */
  if (!flaw_front_door_check (door, NULL))
    {
      flaw_front_door_free (door);
      return;
    }

  g_clear_pointer (&self->door, flaw_front_door_free);
  self->door = flaw_front_door_copy (door);
  self->saving++;
  flaw_store_run_async (flaw_context_get_store (self->context), save_job, door,
                        (GDestroyNotify) flaw_front_door_free, NULL, NULL, saved_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FlawFrontDoorPage *self = user_data;

  self->save_source = 0;
  save_now (self);

  return G_SOURCE_REMOVE;
}

static void
regenerate (FlawFrontDoorPage *self)
{
  g_autoptr(FlawFrontDoor) door = read_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->generated_view);

  show_expiry (self, door);

  text = flaw_front_door_generate (door, &error);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  /* A hyphen added at a line break would look like part of a URL. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_apply_tag_by_name (buffer, "no-hyphens", &start, &end);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), text != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), text != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->problem_label, error->message);
}

static void
field_changed_cb (FlawFrontDoorPage *self)
{
  if (self->loading)
    return;

  regenerate (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
day_selected_cb (FlawFrontDoorPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->expires_calendar);
  g_autoptr(GDateTime) utc = NULL;

  if (self->loading)
    return;

  /* The end of the chosen day, in UTC as RFC 9116 writes it. */
  utc = g_date_time_new_utc (g_date_time_get_year (date), g_date_time_get_month (date),
                             g_date_time_get_day_of_month (date), 23, 59, 59);
  self->expires = g_date_time_to_unix (utc);
  field_changed_cb (self);
}

static void
copy_clicked_cb (FlawFrontDoorPage *self)
{
  g_autofree char *text = flaw_front_door_page_dup_generated_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FlawFrontDoorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));
      g_autofree char *message = g_strdup_printf (_("Cannot save “%s”: %s"), name, error->message);

      gtk_label_set_text (self->problem_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
}

static void
save_file_chosen_cb (GFile    *file,
                     gpointer  user_data)
{
  FlawFrontDoorPage *self = user_data;
  g_autofree char *text = flaw_front_door_page_dup_generated_text (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, written_cb, g_object_ref (self));
}

static void
save_clicked_cb (FlawFrontDoorPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  flaw_file_chooser_save (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Save security.txt"),
                          "security.txt", save_file_chosen_cb, g_object_ref (self), g_object_unref);
}

static void
validate_clicked_cb (FlawFrontDoorPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  FlawValidatorDialog *dialog = flaw_validator_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_autofree char *text = flaw_front_door_page_dup_generated_text (self);

  if (*text != '\0')
    flaw_validator_dialog_check_text (dialog, text);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gpointer
load_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_front_door_load (database, error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FlawFrontDoorPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *canonicals = NULL;
  FlawFrontDoor *door;

  door = flaw_store_run_finish (FLAW_STORE (object), result, &error);
  if (door == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  self->door = door;
  self->expires = door->expires;
  contacts = join (door->contacts);
  canonicals = join (door->canonicals);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->contacts_row), contacts);
  gtk_editable_set_text (GTK_EDITABLE (self->canonical_row), canonicals);
  gtk_editable_set_text (GTK_EDITABLE (self->policy_row), door->policy ? door->policy : "");
  gtk_editable_set_text (GTK_EDITABLE (self->encryption_row), door->encryption ? door->encryption : "");
  gtk_editable_set_text (GTK_EDITABLE (self->acknowledgments_row),
                         door->acknowledgments ? door->acknowledgments : "");
  gtk_editable_set_text (GTK_EDITABLE (self->languages_row),
                         door->preferred_languages ? door->preferred_languages : "");
  if (door->expires != 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (door->expires);

      gtk_calendar_select_day (self->expires_calendar, time);
    }
  self->loading = FALSE;
  self->loaded = TRUE;

  regenerate (self);
}

static void
flaw_front_door_page_constructed (GObject *object)
{
  FlawFrontDoorPage *self = FLAW_FRONT_DOOR_PAGE (object);
  AdwEntryRow *rows[] = { self->contacts_row, self->policy_row, self->encryption_row,
                          self->acknowledgments_row, self->canonical_row, self->languages_row };

  G_OBJECT_CLASS (flaw_front_door_page_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  flaw_store_run_async (flaw_context_get_store (self->context), load_job, NULL, NULL,
                        (GDestroyNotify) flaw_front_door_free, self->cancellable, loaded_cb,
                        g_object_ref (self));
}

static void
flaw_front_door_page_dispose (GObject *object)
{
  FlawFrontDoorPage *self = FLAW_FRONT_DOOR_PAGE (object);

  /* Keep what was typed last, even when the window closes at once. */
  if (self->save_source != 0)
    save_now (self);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_FRONT_DOOR_PAGE);

  G_OBJECT_CLASS (flaw_front_door_page_parent_class)->dispose (object);
}

static void
flaw_front_door_page_finalize (GObject *object)
{
  FlawFrontDoorPage *self = FLAW_FRONT_DOOR_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->door, flaw_front_door_free);

  G_OBJECT_CLASS (flaw_front_door_page_parent_class)->finalize (object);
}

static void
flaw_front_door_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FlawFrontDoorPage *self = FLAW_FRONT_DOOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_front_door_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FlawFrontDoorPage *self = FLAW_FRONT_DOOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_front_door_page_class_init (FlawFrontDoorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_front_door_page_constructed;
  object_class->dispose = flaw_front_door_page_dispose;
  object_class->finalize = flaw_front_door_page_finalize;
  object_class->get_property = flaw_front_door_page_get_property;
  object_class->set_property = flaw_front_door_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-front-door-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, contacts_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, policy_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, encryption_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, acknowledgments_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, canonical_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, languages_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, expires_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, expires_button);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, expires_calendar);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, expiry_warning_row);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, generated_view);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, FlawFrontDoorPage, validate_button);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_clicked_cb);
}

static void
flaw_front_door_page_init (FlawFrontDoorPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->generated_view), "no-hyphens",
                              "insert-hyphens", FALSE, NULL);
}

FlawFrontDoorPage *
flaw_front_door_page_new (FlawContext *context)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);

  return g_object_new (FLAW_TYPE_FRONT_DOOR_PAGE,
                       "context", context,
                       NULL);
}

/**
 * flaw_front_door_page_dup_generated_text:
 *
 * Returns: (transfer full): the security.txt generated from the fields, or
 *   "" while they are incomplete
 */
char *
flaw_front_door_page_dup_generated_text (FlawFrontDoorPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (FLAW_IS_FRONT_DOOR_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->generated_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether the stored front door has been read into the fields. */
gboolean
flaw_front_door_page_get_loaded (FlawFrontDoorPage *self)
{
  g_return_val_if_fail (FLAW_IS_FRONT_DOOR_PAGE (self), FALSE);

  return self->loaded;
}

/* Whether a change is waiting to be written or being written. */
gboolean
flaw_front_door_page_get_saving (FlawFrontDoorPage *self)
{
  g_return_val_if_fail (FLAW_IS_FRONT_DOOR_PAGE (self), FALSE);

  return self->save_source != 0 || self->saving > 0;
}
