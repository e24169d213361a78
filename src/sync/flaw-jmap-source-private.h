/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "flaw-jmap-codec.h"
#include "flaw-jmap-source.h"

G_BEGIN_DECLS

struct _FlawJmapSource
{
  GObject          parent_instance;

  gint64           id;
  char            *name;
  char            *url;
  char            *user;
  char            *auth;
  char            *mailbox;
  guint            max_body_bytes;
  FlawHttp        *http;
  FlawCredentials *credentials;
};

char            *_flaw_jmap_source_dup_authorization  (FlawJmapSource *self,
                                                       const char     *secret);
FlawJmapSession *_flaw_jmap_source_session_from_state (const char     *state);

G_END_DECLS
