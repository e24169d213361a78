/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define FLAW_CREDENTIALS_ERROR (flaw_credentials_error_quark ())

typedef enum
{
  FLAW_CREDENTIALS_ERROR_FAILED,
  FLAW_CREDENTIALS_ERROR_NO_SERVICE,
  FLAW_CREDENTIALS_ERROR_LOCKED,
  FLAW_CREDENTIALS_ERROR_NOT_FOUND,
} FlawCredentialsError;

#define FLAW_TYPE_CREDENTIALS (flaw_credentials_get_type ())

G_DECLARE_FINAL_TYPE (FlawCredentials, flaw_credentials, FLAW, CREDENTIALS, GObject)

GQuark              flaw_credentials_error_quark   (void);
const SecretSchema *flaw_credentials_get_schema    (void);

FlawCredentials    *flaw_credentials_new           (const char           *database_path);
void                flaw_credentials_set_timeout   (FlawCredentials      *self,
                                                    guint                 milliseconds);

void                flaw_credentials_store_async   (FlawCredentials      *self,
                                                    gint64                source_id,
                                                    const char           *source_name,
                                                    const char           *secret,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            flaw_credentials_store_finish  (FlawCredentials      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                flaw_credentials_lookup_async  (FlawCredentials      *self,
                                                    gint64                source_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char               *flaw_credentials_lookup_finish (FlawCredentials      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                flaw_credentials_clear_async   (FlawCredentials      *self,
                                                    gint64                source_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            flaw_credentials_clear_finish  (FlawCredentials      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
