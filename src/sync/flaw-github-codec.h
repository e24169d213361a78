/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "flaw-synced-message.h"

G_BEGIN_DECLS

#define FLAW_GITHUB_ERROR (flaw_github_error_quark ())

typedef enum
{
  FLAW_GITHUB_ERROR_MALFORMED,
} FlawGithubError;

GQuark             flaw_github_error_quark       (void);

GPtrArray         *flaw_github_advisories_parse  (const char  *data,
                                                  gsize        length,
                                                  GPtrArray   *present_ids,
                                                  GError     **error);
FlawSyncedMessage *flaw_github_advisory_parse    (gpointer     object,
                                                  GError     **error);
char              *flaw_github_link_next         (const char  *link);
gboolean           flaw_github_repo_is_valid     (const char  *repo);

G_END_DECLS
