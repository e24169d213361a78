/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-test-server"

#include "config.h"

#include "flaw-test-server.h"

/* What the fake GitHub, JMAP and OSV servers share: a SoupServer on
 * 127.0.0.1 and the time format of their JSON. */

/**
 * flaw_test_server_new:
 * @server_header: the Server header of every response
 * @port: the port, or 0 for a free one
 * @callback: the handler of every path
 * @base: (out) (transfer full): the server's URI, http://127.0.0.1:PORT/
 *
 * Aborts the test when it cannot listen.
 *
 * Returns: (transfer full): the listening server
 */
SoupServer *
flaw_test_server_new (const char          *server_header,
                      guint                port,
                      SoupServerCallback   callback,
                      gpointer             user_data,
                      GUri               **base)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", server_header, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);

  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (server);
  *base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

/**
 * flaw_test_server_format_time:
 * @time: Unix seconds
 *
 * Returns: (transfer full): @time in UTC as ISO 8601, e.g. 2026-01-02T03:04:05Z
 */
char *
flaw_test_server_format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
}
