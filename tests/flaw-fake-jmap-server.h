/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  FLAW_FAKE_CORRUPT_NONE,
  FLAW_FAKE_CORRUPT_MALFORMED,
  FLAW_FAKE_CORRUPT_TRUNCATED,
} FlawFakeCorruption;

#define FLAW_TYPE_FAKE_JMAP_SERVER (flaw_fake_jmap_server_get_type ())

G_DECLARE_FINAL_TYPE (FlawFakeJmapServer, flaw_fake_jmap_server, FLAW, FAKE_JMAP_SERVER, GObject)

FlawFakeJmapServer *flaw_fake_jmap_server_new              (const char         *user,
                                                            const char         *password);
FlawFakeJmapServer *flaw_fake_jmap_server_new_on_port      (const char         *user,
                                                            const char         *password,
                                                            guint               port);
guint               flaw_fake_jmap_server_get_port         (FlawFakeJmapServer *self);
char               *flaw_fake_jmap_server_dup_base_url     (FlawFakeJmapServer *self);
char               *flaw_fake_jmap_server_dup_session_url  (FlawFakeJmapServer *self);

const char         *flaw_fake_jmap_server_add_mailbox      (FlawFakeJmapServer *self,
                                                            const char         *name,
                                                            const char         *role);
const char         *flaw_fake_jmap_server_add_email        (FlawFakeJmapServer *self,
                                                            const char         *mailbox_id,
                                                            const char         *message_id,
                                                            const char         *in_reply_to,
                                                            const char         *subject,
                                                            const char         *from_name,
                                                            const char         *from_email,
                                                            const char         *text_body,
                                                            const char         *html_body,
                                                            gint64              received);
void                flaw_fake_jmap_server_add_attachment   (FlawFakeJmapServer *self,
                                                            const char         *email_id,
                                                            const char         *name,
                                                            const char         *type,
                                                            const char         *content);
void                flaw_fake_jmap_server_move_email       (FlawFakeJmapServer *self,
                                                            const char         *email_id,
                                                            const char         *mailbox_id);
void                flaw_fake_jmap_server_destroy_email    (FlawFakeJmapServer *self,
                                                            const char         *email_id);
void                flaw_fake_jmap_server_forget_changes   (FlawFakeJmapServer *self);

void                flaw_fake_jmap_server_set_limits      (FlawFakeJmapServer *self,
                                                            guint               max_objects_in_get,
                                                            guint               max_calls_in_request);
void                flaw_fake_jmap_server_set_enforced_limits (FlawFakeJmapServer *self,
                                                               guint               max_objects_in_get,
                                                               guint               max_calls_in_request);
void                flaw_fake_jmap_server_set_relative_urls (FlawFakeJmapServer *self,
                                                             gboolean            relative);
void                flaw_fake_jmap_server_set_minimal_session (FlawFakeJmapServer *self,
                                                               gboolean            minimal);
void                flaw_fake_jmap_server_set_session_state (FlawFakeJmapServer *self,
                                                             const char         *state);
void                flaw_fake_jmap_server_fail_next        (FlawFakeJmapServer *self,
                                                            guint               n_requests,
                                                            guint               status);
void                flaw_fake_jmap_server_set_delay        (FlawFakeJmapServer *self,
                                                            guint               milliseconds);
void                flaw_fake_jmap_server_corrupt_next     (FlawFakeJmapServer *self,
                                                            FlawFakeCorruption  corruption);

typedef void (*FlawFakeJmapHook) (FlawFakeJmapServer *self,
                                  guint               n_api_requests,
                                  gpointer            user_data);

void                flaw_fake_jmap_server_set_api_hook     (FlawFakeJmapServer *self,
                                                            FlawFakeJmapHook    hook,
                                                            gpointer            user_data);
guint               flaw_fake_jmap_server_get_request_count (FlawFakeJmapServer *self);
guint               flaw_fake_jmap_server_get_session_count (FlawFakeJmapServer *self);
guint               flaw_fake_jmap_server_get_max_calls_seen (FlawFakeJmapServer *self);

G_END_DECLS
