/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FLAW_TYPE_HTTP (flaw_http_get_type ())

G_DECLARE_FINAL_TYPE (FlawHttp, flaw_http, FLAW, HTTP, GObject)

FlawHttp    *flaw_http_new                  (void);
SoupSession *flaw_http_get_session          (FlawHttp             *self);
void         flaw_http_set_timeout          (FlawHttp             *self,
                                             guint                 seconds);
void         flaw_http_set_max_response_bytes (FlawHttp           *self,
                                               gsize               max_bytes);
guint        flaw_http_get_request_count    (FlawHttp             *self);

gboolean     flaw_http_is_loopback_host     (const char           *host);
gboolean     flaw_http_check_uri            (GUri                 *uri,
                                             GError              **error);
GUri        *flaw_http_parse_url            (const char           *url,
                                             GError              **error);

void         flaw_http_send_async           (FlawHttp             *self,
                                             SoupMessage          *message,
                                             gboolean              follow_redirects,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GBytes      *flaw_http_send_finish          (FlawHttp             *self,
                                             GAsyncResult         *result,
                                             SoupMessage         **final_message,
                                             GError              **error);
GBytes      *flaw_http_send_finish_checked  (FlawHttp             *self,
                                             GAsyncResult         *result,
                                             SoupMessage         **final_message,
                                             const char           *source_name,
                                             GError              **error);

gint64       flaw_http_get_retry_after      (SoupMessageHeaders   *headers,
                                             gint64                now);
gint64       flaw_http_get_rate_limit_wait  (SoupMessageHeaders   *headers,
                                             gint64                now);
char        *flaw_http_format_wait          (gint64                seconds);
char        *flaw_http_parse_problem        (GBytes               *body,
                                             const char           *content_type);
gboolean     flaw_http_set_status_error     (SoupMessage          *message,
                                             GBytes               *body,
                                             const char           *source_name,
                                             GError              **error);

G_END_DECLS
