/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-credentials.h"
#include "flaw-http.h"
#include "flaw-source.h"

G_BEGIN_DECLS

#define FLAW_GITHUB_DEFAULT_API_URL "https://api.github.com"

#define FLAW_TYPE_GITHUB_SOURCE (flaw_github_source_get_type ())

G_DECLARE_FINAL_TYPE (FlawGithubSource, flaw_github_source, FLAW, GITHUB_SOURCE, GObject)

FlawGithubSource *flaw_github_source_new          (const FlawSourceInfo  *info,
                                                   FlawHttp              *http,
                                                   FlawCredentials       *credentials,
                                                   GError               **error);
char             *flaw_github_source_build_config (const char * const    *repos,
                                                   const char            *api_url,
                                                   GError               **error);

G_END_DECLS
