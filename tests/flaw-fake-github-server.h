/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FLAW_TYPE_FAKE_GITHUB_SERVER (flaw_fake_github_server_get_type ())

G_DECLARE_FINAL_TYPE (FlawFakeGithubServer, flaw_fake_github_server, FLAW, FAKE_GITHUB_SERVER, GObject)

FlawFakeGithubServer *flaw_fake_github_server_new              (const char           *token);
char                 *flaw_fake_github_server_dup_api_url      (FlawFakeGithubServer *self);
void                  flaw_fake_github_server_add_advisory     (FlawFakeGithubServer *self,
                                                                const char           *repo,
                                                                const char           *ghsa_id,
                                                                const char           *state,
                                                                const char           *summary,
                                                                const char           *description,
                                                                const char           *severity,
                                                                const char           *reporter,
                                                                const char           *cvss_vector,
                                                                double                cvss_score,
                                                                const char           *cwe,
                                                                gint64                created);
void                  flaw_fake_github_server_set_state        (FlawFakeGithubServer *self,
                                                                const char           *ghsa_id,
                                                                const char           *state);
void                  flaw_fake_github_server_set_summary      (FlawFakeGithubServer *self,
                                                                const char           *ghsa_id,
                                                                const char           *summary);
void                  flaw_fake_github_server_set_page_size    (FlawFakeGithubServer *self,
                                                                guint                 page_size);
void                  flaw_fake_github_server_rate_limit_next  (FlawFakeGithubServer *self,
                                                                guint                 status,
                                                                gint64                retry_after);
guint                 flaw_fake_github_server_get_request_count (FlawFakeGithubServer *self);
guint                 flaw_fake_github_server_get_not_modified_count (FlawFakeGithubServer *self);

G_END_DECLS
