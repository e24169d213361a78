/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-context"

#include "config.h"

#include "flaw-context.h"

/* What a window or page needs from the application, handed to it instead of
 * looked up: the store, the settings and the sync service.
 *
 * The sync service lives in the sync library, which links against this one,
 * so it is held here as a plain GObject; the UI casts it back with
 * FLAW_SYNC_SERVICE(). It is %NULL in tests that do not sync.
 */

struct _FlawContext
{
  GObject    parent_instance;

  FlawStore *store;
  GSettings *settings;
  GObject   *sync_service;
};

G_DEFINE_FINAL_TYPE (FlawContext, flaw_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SYNC_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
display_name_changed_cb (FlawContext *self,
                         const char  *key,
                         GSettings   *settings)
{
  g_autofree char *actor = flaw_context_dup_actor (self);

  flaw_store_set_actor (self->store, actor);
}

static void
flaw_context_constructed (GObject *object)
{
  FlawContext *self = (FlawContext *)object;

  G_OBJECT_CLASS (flaw_context_parent_class)->constructed (object);

  g_assert (FLAW_IS_STORE (self->store));
  g_assert (G_IS_SETTINGS (self->settings));

  g_signal_connect_object (self->settings, "changed::display-name",
                           G_CALLBACK (display_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  display_name_changed_cb (self, "display-name", self->settings);
}

static void
flaw_context_dispose (GObject *object)
{
  FlawContext *self = (FlawContext *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync_service);

  G_OBJECT_CLASS (flaw_context_parent_class)->dispose (object);
}

static void
flaw_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FlawContext *self = FLAW_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SYNC_SERVICE:
      g_value_set_object (value, self->sync_service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FlawContext *self = FLAW_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SYNC_SERVICE:
      self->sync_service = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flaw_context_class_init (FlawContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = flaw_context_constructed;
  object_class->dispose = flaw_context_dispose;
  object_class->get_property = flaw_context_get_property;
  object_class->set_property = flaw_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         FLAW_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FlawContext:sync-service: (type FlawSyncService) (nullable)
   *
   * The service that syncs the disclosure sources, or %NULL when nothing
   * syncs (tests, a database that failed to open).
   */
  properties[PROP_SYNC_SERVICE] =
    g_param_spec_object ("sync-service", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flaw_context_init (FlawContext *self)
{
}

FlawContext *
flaw_context_new (FlawStore *store,
                  GSettings *settings)
{
  g_return_val_if_fail (FLAW_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (FLAW_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

/**
 * flaw_context_new_with_sync_service:
 * @sync_service: (type FlawSyncService) (nullable): the sync service
 */
FlawContext *
flaw_context_new_with_sync_service (FlawStore *store,
                                    GSettings *settings,
                                    GObject   *sync_service)
{
  g_return_val_if_fail (FLAW_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!sync_service || G_IS_OBJECT (sync_service), NULL);

  return g_object_new (FLAW_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       "sync-service", sync_service,
                       NULL);
}

FlawStore *
flaw_context_get_store (FlawContext *self)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
flaw_context_get_settings (FlawContext *self)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * flaw_context_get_sync_service:
 *
 * Returns: (transfer none) (nullable) (type FlawSyncService): the sync
 *   service, or %NULL when nothing syncs
 */
GObject *
flaw_context_get_sync_service (FlawContext *self)
{
  g_return_val_if_fail (FLAW_IS_CONTEXT (self), NULL);

  return self->sync_service;
}

/**
 * flaw_context_dup_actor:
 *
 * Returns: (transfer full): the name recorded in the event log: the display
 *   name from Preferences, or the account's real name
 */
char *
flaw_context_dup_actor (FlawContext *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (FLAW_IS_CONTEXT (self), NULL);

  name = g_settings_get_string (self->settings, "display-name");
  g_strstrip (name);

  if (*name == '\0')
    return g_strdup (g_get_real_name ());

  return g_steal_pointer (&name);
}
