/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "flaw-credentials.h"
#include "flaw-github-source.h"
#include "flaw-jmap-source.h"
#include "flaw-source-dialog.h"
#include "flaw-source-store.h"
#include "flaw-sync-service.h"

/* Adds a JMAP mailbox or GitHub repositories. The row goes into the
 * database, the secret only into the keyring; a source whose secret
 * cannot be stored is taken back out. */

struct _FlawSourceDialog
{
  AdwWindow     parent_instance;

  FlawContext  *context;
  char         *kind;
  char         *secret;
  char         *name;
  gint64        source_id;
  GCancellable *cancellable;

  GtkWidget    *add_button;
  AdwPreferencesGroup *group;
  AdwEntryRow  *name_row;
  AdwEntryRow  *url_row;
  AdwComboRow  *auth_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *mailbox_row;
  AdwEntryRow  *repos_row;
  AdwEntryRow  *api_url_row;
  AdwEntryRow  *secret_row;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (FlawSourceDialog, flaw_source_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_jmap (FlawSourceDialog *self)
{
  return g_strcmp0 (self->kind, "jmap") == 0;
}

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static void
show_error (FlawSourceDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
mark_row (AdwEntryRow *row,
          gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
is_basic (FlawSourceDialog *self)
{
  return adw_combo_row_get_selected (self->auth_row) == 1;
}

static void
update_rows (FlawSourceDialog *self)
{
  gboolean jmap = is_jmap (self);

  gtk_widget_set_visible (GTK_WIDGET (self->url_row), jmap);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_row), jmap);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), jmap);
  gtk_widget_set_visible (GTK_WIDGET (self->mailbox_row), jmap);
  gtk_widget_set_visible (GTK_WIDGET (self->repos_row), !jmap);
  gtk_widget_set_visible (GTK_WIDGET (self->api_url_row), !jmap);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 jmap && is_basic (self) ? _("Password") : _("Token"));
}

static void
changed_cb (FlawSourceDialog *self)
{
  g_autofree char *config = NULL;
  g_autofree char *name = dup_text (self->name_row);
  g_autoptr(GError) error = NULL;

  update_rows (self);

  /* Say what is wrong as soon as something is typed, not before. */
  if (flaw_source_dialog_validate (self, &config, &error))
    show_error (self, NULL);
  else if (name != NULL || gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, error->message);

  gtk_widget_set_sensitive (self->add_button, error == NULL && self->cancellable == NULL);
}

static void
set_busy (FlawSourceDialog *self,
          gboolean          busy)
{
  if (busy)
    self->cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->cancellable);

  gtk_widget_set_sensitive (GTK_WIDGET (self->group), !busy);
  gtk_widget_set_sensitive (self->add_button, !busy);
}

static void
forget_secret (FlawSourceDialog *self)
{
  if (self->secret != NULL)
    {
      memset (self->secret, 0, strlen (self->secret));
      g_clear_pointer (&self->secret, g_free);
    }
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!flaw_source_store_remove_finish (FLAW_STORE (object), result, &error))
    g_warning ("Cannot take back the source without a secret: %s", error->message);
  flaw_store_notify_changed (FLAW_STORE (object), "source");
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FlawSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  FlawStore *store = flaw_context_get_store (self->context);
  GObject *sync_service = flaw_context_get_sync_service (self->context);

  forget_secret (self);

  if (!flaw_credentials_store_finish (FLAW_CREDENTIALS (object), result, &error))
    {
      /* A source without its secret could never sync. */
      flaw_source_store_remove_async (store, self->source_id, NULL, removed_cb, NULL);
      self->source_id = 0;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  flaw_store_notify_changed (store, "source");
  if (sync_service != NULL)
    flaw_sync_service_sync_async (FLAW_SYNC_SERVICE (sync_service), self->source_id, NULL, NULL, NULL);

  set_busy (self, FALSE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FlawSourceDialog) self = user_data;
  g_autoptr(FlawCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  self->source_id = flaw_source_store_add_finish (FLAW_STORE (object), result, &error);
  if (self->source_id == 0)
    {
      forget_secret (self);
      set_busy (self, FALSE);
      show_error (self, error->message);
      if (g_error_matches (error, FLAW_SOURCE_STORE_ERROR, FLAW_SOURCE_STORE_ERROR_DUPLICATE_NAME))
        mark_row (self->name_row, TRUE);
      return;
    }

  credentials = flaw_credentials_new (flaw_store_get_path (FLAW_STORE (object)));
  flaw_credentials_store_async (credentials, self->source_id, self->name, self->secret,
                                self->cancellable, secret_stored_cb, g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FlawSourceDialog *self = FLAW_SOURCE_DIALOG (widget);
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL)
    return;

  if (!flaw_source_dialog_validate (self, &config, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_free (self->name);
  self->name = dup_text (self->name_row);
  forget_secret (self);
  self->secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));

  set_busy (self, TRUE);
  flaw_source_store_add_async (flaw_context_get_store (self->context), self->kind, self->name,
                               config, self->cancellable, added_cb, g_object_ref (self));
}

/* The row and its secret are written together; closing half-way would
 * leave a source that cannot sync. */
static gboolean
flaw_source_dialog_close_request (GtkWindow *window)
{
  FlawSourceDialog *self = FLAW_SOURCE_DIALOG (window);

  if (self->cancellable != NULL)
    return TRUE;

  return GTK_WINDOW_CLASS (flaw_source_dialog_parent_class)->close_request (window);
}

static void
flaw_source_dialog_constructed (GObject *object)
{
  FlawSourceDialog *self = (FlawSourceDialog *)object;

  G_OBJECT_CLASS (flaw_source_dialog_parent_class)->constructed (object);

  g_assert (FLAW_IS_CONTEXT (self->context));
  g_assert (self->kind != NULL);

  gtk_window_set_title (GTK_WINDOW (self),
                        is_jmap (self) ? _("Add JMAP Mailbox") : _("Add GitHub Repositories"));
  adw_preferences_group_set_description (self->group,
                                         is_jmap (self)
                                         ? _("Reports arrive by mail in a mailbox on a JMAP server, such as Fastmail or Stalwart.")
                                         : _("Private vulnerability reports arrive as draft security advisories of GitHub repositories. The token needs read access to repository security advisories."));
  update_rows (self);
  gtk_widget_set_sensitive (self->add_button, FALSE);
}

static void
flaw_source_dialog_dispose (GObject *object)
{
  FlawSourceDialog *self = (FlawSourceDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_secret (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLAW_TYPE_SOURCE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (flaw_source_dialog_parent_class)->dispose (object);
}

static void
flaw_source_dialog_finalize (GObject *object)
{
  FlawSourceDialog *self = (FlawSourceDialog *)object;

  g_free (self->kind);
  g_free (self->name);

  G_OBJECT_CLASS (flaw_source_dialog_parent_class)->finalize (object);
}

static void
flaw_source_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FlawSourceDialog *self = FLAW_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_source_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FlawSourceDialog *self = FLAW_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_source_dialog_class_init (FlawSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = flaw_source_dialog_constructed;
  object_class->dispose = flaw_source_dialog_dispose;
  object_class->finalize = flaw_source_dialog_finalize;
  object_class->get_property = flaw_source_dialog_get_property;
  object_class->set_property = flaw_source_dialog_set_property;

  GTK_WINDOW_CLASS (klass)->close_request = flaw_source_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FLAW_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "jmap",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/flaw-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, group);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, auth_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, mailbox_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, repos_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, api_url_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, FlawSourceDialog, error_label);

  gtk_widget_class_install_action (widget_class, "source.add", NULL, add_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0,
                                (GtkShortcutFunc) gtk_window_close, NULL);
}

static void
flaw_source_dialog_init (FlawSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->user_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->mailbox_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->repos_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->api_url_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->secret_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->auth_row, "notify::selected", G_CALLBACK (changed_cb), self);
}

/**
 * flaw_source_dialog_new:
 * @kind: "jmap" or "github"
 */
FlawSourceDialog *
flaw_source_dialog_new (FlawContext *context,
                        const char  *kind)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (g_strcmp0 (kind, "jmap") == 0 || g_strcmp0 (kind, "github") == 0, NULL);

  return g_object_new (FLAW_TYPE_SOURCE_DIALOG,
                       "context", context,
                       "kind", kind,
                       NULL);
}

const char *
flaw_source_dialog_get_kind (FlawSourceDialog *self)
{
  g_return_val_if_fail (FLAW_IS_SOURCE_DIALOG (self), NULL);

  return self->kind;
}

/**
 * flaw_source_dialog_validate:
 * @config: (out) (transfer full): the source's settings, when valid
 *
 * Checks the fields and marks the first wrong one.
 *
 * Returns: whether the source can be added
 */
gboolean
flaw_source_dialog_validate (FlawSourceDialog  *self,
                             char             **config,
                             GError           **error)
{
  g_autofree char *name = NULL;
  const char *secret;
  AdwEntryRow *rows[] = { self->name_row, self->url_row, self->user_row, self->repos_row,
                          self->api_url_row, self->secret_row };

  g_return_val_if_fail (FLAW_IS_SOURCE_DIALOG (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  *config = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    mark_row (rows[i], FALSE);

  if (!(name = dup_text (self->name_row)))
    {
      mark_row (self->name_row, TRUE);
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("Give the source a name, such as “security@ mailbox”."));
      return FALSE;
    }

  if (is_jmap (self))
    {
      g_autofree char *url = dup_text (self->url_row);
      g_autofree char *user = dup_text (self->user_row);
      g_autofree char *mailbox = dup_text (self->mailbox_row);

      if (url == NULL)
        {
          mark_row (self->url_row, TRUE);
          g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                       _("Enter the JMAP session URL (https://…/.well-known/jmap) or the host name of the mail server."));
          return FALSE;
        }

      if (is_basic (self) && user == NULL)
        {
          mark_row (self->user_row, TRUE);
          g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                       _("Password authentication needs a user name."));
          return FALSE;
        }

      if (!(*config = flaw_jmap_source_build_config (url, user, is_basic (self) ? "basic" : "bearer",
                                                     mailbox, error)))
        {
          mark_row (self->url_row, TRUE);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *repos_text = dup_text (self->repos_row);
      g_autofree char *api_url = dup_text (self->api_url_row);
      g_auto(GStrv) repos = NULL;

      if (repos_text == NULL)
        {
          mark_row (self->repos_row, TRUE);
          g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                       _("Enter at least one repository as OWNER/REPO."));
          return FALSE;
        }

      g_strdelimit (repos_text, ",;\t\n", ' ');
      repos = g_strsplit (repos_text, " ", -1);
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        for (guint i = 0; repos[i] != NULL; i++)
          if (*repos[i] != '\0')
            g_strv_builder_add (builder, repos[i]);
        g_strfreev (repos);
        repos = g_strv_builder_end (builder);
      }

      /* Repositories first, then the address, to mark the right row. */
      if (!(*config = flaw_github_source_build_config ((const char * const *) repos, NULL, error)))
        {
          mark_row (self->repos_row, TRUE);
          return FALSE;
        }

      if (api_url != NULL)
        {
          g_clear_pointer (config, g_free);
          if (!(*config = flaw_github_source_build_config ((const char * const *) repos, api_url, error)))
            {
              mark_row (self->api_url_row, TRUE);
              return FALSE;
            }
        }
    }

  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (secret == NULL || *secret == '\0')
    {
      g_clear_pointer (config, g_free);
      mark_row (self->secret_row, TRUE);
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   is_jmap (self) && is_basic (self)
                   ? _("Enter the password; it is kept in your keyring.")
                   : _("Enter the access token; it is kept in your keyring."));
      return FALSE;
    }

  return TRUE;
}
