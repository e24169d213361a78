/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-source-factory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-github-source.h"
#include "flaw-jmap-source.h"
#include "flaw-source-factory.h"

void
flaw_source_factory_data_free (FlawSourceFactoryData *data)
{
  if (data == NULL)
    return;

  g_clear_object (&data->http);
  g_clear_object (&data->credentials);
  g_free (data);
}

/**
 * flaw_source_factory_create:
 * @info: a source row
 * @user_data: a #FlawSourceFactoryData
 *
 * The one place that maps a kind of source to its implementation; give it
 * to flaw_sync_service_new().
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
FlawSource *
flaw_source_factory_create (const FlawSourceInfo  *info,
                            gpointer               user_data,
                            GError               **error)
{
  FlawSourceFactoryData *data = user_data;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (g_strcmp0 (info->kind, "jmap") == 0)
    return FLAW_SOURCE (flaw_jmap_source_new (info, data->http, data->credentials, error));

  if (g_strcmp0 (info->kind, "github") == 0)
    return FLAW_SOURCE (flaw_github_source_new (info, data->http, data->credentials, error));

  g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
               _("This version of Flawdesk cannot sync sources of kind “%s” (source “%s”)."),
               info->kind, info->name);
  return NULL;
}
