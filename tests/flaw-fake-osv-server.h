/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Called before each request is answered, with the count so far (1-based). */
typedef void (*FlawFakeOsvHook) (guint    request_number,
                                 gpointer user_data);

#define FLAW_TYPE_FAKE_OSV_SERVER (flaw_fake_osv_server_get_type ())

G_DECLARE_FINAL_TYPE (FlawFakeOsvServer, flaw_fake_osv_server, FLAW, FAKE_OSV_SERVER, GObject)

FlawFakeOsvServer *flaw_fake_osv_server_new            (void);
const char        *flaw_fake_osv_server_get_url        (FlawFakeOsvServer  *self);
void               flaw_fake_osv_server_add_vuln       (FlawFakeOsvServer  *self,
                                                        const char         *id,
                                                        gint64              modified,
                                                        const char * const *aliases,
                                                        const char         *summary,
                                                        const char         *ecosystem,
                                                        const char         *name,
                                                        const char * const *versions,
                                                        const char         *fixed);
void               flaw_fake_osv_server_set_modified   (FlawFakeOsvServer  *self,
                                                        const char         *id,
                                                        gint64              modified,
                                                        const char         *summary);
void               flaw_fake_osv_server_set_page_size  (FlawFakeOsvServer  *self,
                                                        guint               page_size);
void               flaw_fake_osv_server_fail           (FlawFakeOsvServer  *self,
                                                        guint               from_request,
                                                        guint               status);
void               flaw_fake_osv_server_set_hook       (FlawFakeOsvServer  *self,
                                                        FlawFakeOsvHook     hook,
                                                        gpointer            user_data);
guint              flaw_fake_osv_server_get_requests   (FlawFakeOsvServer  *self);
guint              flaw_fake_osv_server_get_batches    (FlawFakeOsvServer  *self);
guint              flaw_fake_osv_server_get_max_batch  (FlawFakeOsvServer  *self);
guint              flaw_fake_osv_server_get_fetches    (FlawFakeOsvServer  *self);
guint              flaw_fake_osv_server_count_fetches  (FlawFakeOsvServer  *self,
                                                        const char         *id);
void               flaw_fake_osv_server_reset_counts   (FlawFakeOsvServer  *self);

G_END_DECLS
