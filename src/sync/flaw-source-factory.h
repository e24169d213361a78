/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-credentials.h"
#include "flaw-http.h"
#include "flaw-source.h"

G_BEGIN_DECLS

typedef struct
{
  FlawHttp        *http;
  FlawCredentials *credentials;
} FlawSourceFactoryData;

void        flaw_source_factory_data_free (FlawSourceFactoryData *data);
FlawSource *flaw_source_factory_create (const FlawSourceInfo  *info,
                                        gpointer               user_data,
                                        GError               **error);

G_END_DECLS
