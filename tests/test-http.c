/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "flaw-clock.h"
#include "flaw-http.h"
#include "flaw-source.h"
#include "flaw-test-utils.h"

typedef struct
{
  gboolean     done;
  GBytes      *body;
  SoupMessage *message;
  GError      *error;
} Result;

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->body = flaw_http_send_finish (FLAW_HTTP (object), result, &r->message, &r->error);
  r->done = TRUE;
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_object (&r->message);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
send (FlawHttp   *http,
      const char *url,
      gboolean    follow,
      Result     *r)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);

  g_assert_nonnull (message);
  flaw_http_send_async (http, message, follow, NULL, sent_cb, r);
  FLAW_TEST_WAIT_UNTIL (r->done, 10000);
}

static void
test_loopback_rules (void)
{
  struct { const char *url; gboolean ok; } cases[] = {
    { "https://mail.example.com/jmap", TRUE },
    { "http://127.0.0.1:8080/", TRUE },
    { "http://127.1.2.3/", TRUE },
    { "http://localhost:1234/x", TRUE },
    { "http://[::1]:8080/", TRUE },
    { "http://mail.example.com/jmap", FALSE },
    { "http://10.0.0.1/", FALSE },
    { "http://127.0.0.1.example.com/", FALSE },
    { "http://[::ffff:8.8.8.8]/", FALSE },
    { "ftp://127.0.0.1/", FALSE },
    { "file:///etc/passwd", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = flaw_http_parse_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (uri);
        }
      else
        {
          g_assert_null (uri);
          g_assert_nonnull (error);
          g_assert_true (error->domain == FLAW_SYNC_ERROR);
        }
    }

  g_assert_true (flaw_http_is_loopback_host ("LOCALHOST"));
  g_assert_false (flaw_http_is_loopback_host ("localhost.example.com"));
  g_assert_false (flaw_http_is_loopback_host (NULL));
}

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  if (g_str_equal (path, "/away"))
    soup_server_message_set_redirect (message, 302, "http://example.com/collect");
  else if (g_str_equal (path, "/hop"))
    soup_server_message_set_redirect (message, 301, "/final");
  else if (g_str_equal (path, "/huge"))
    {
      char *body = g_malloc (2 * 1024 * 1024);

      memset (body, 'x', 2 * 1024 * 1024);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_TAKE, body, 2 * 1024 * 1024);
    }
  else if (g_str_equal (path, "/loop"))
    soup_server_message_set_redirect (message, 302, "/loop");
  else
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "final", 5);
    }
}

static SoupServer *
start_server (GTlsCertificate *certificate,
              char           **base)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, redirect_handler, NULL, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

static void
test_redirects (void)
{
  g_autoptr(FlawHttp) http = flaw_http_new ();
  g_autofree char *base = NULL;
  g_autofree char *away = NULL;
  g_autofree char *hop = NULL;
  g_autofree char *loop = NULL;
  g_autofree char *huge = NULL;
  g_autoptr(SoupServer) server = start_server (NULL, &base);
  Result r = { 0 };

  /* Followed, but never to plain http elsewhere. */
  away = g_strconcat (base, "away", NULL);
  send (http, away, TRUE, &r);
  g_assert_error (r.error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (r.error->message, "example.com"));
  result_clear (&r);

  hop = g_strconcat (base, "hop", NULL);
  send (http, hop, TRUE, &r);
  g_assert_no_error (r.error);
  g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), "final", 5);
  g_assert_true (g_str_has_suffix (g_uri_get_path (soup_message_get_uri (r.message)), "/final"));
  result_clear (&r);

  /* Not followed when not asked. */
  send (http, hop, FALSE, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (soup_message_get_status (r.message), ==, 301);
  result_clear (&r);

  loop = g_strconcat (base, "loop", NULL);
  send (http, loop, TRUE, &r);
  g_assert_error (r.error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL);
  result_clear (&r);

  g_assert_cmpuint (flaw_http_get_request_count (http), ==, 2 + 1 + 1 + 6);

  /* An answer of any size is not read into memory. */
  huge = g_strconcat (base, "huge", NULL);
  send (http, huge, FALSE, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, 2 * 1024 * 1024);
  result_clear (&r);
  flaw_http_set_max_response_bytes (http, 1024 * 1024);
  send (http, huge, FALSE, &r);
  g_assert_error (r.error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL);
  g_test_message ("%s", r.error->message);
  g_assert_nonnull (strstr (r.error->message, "larger than 1.0"));
  result_clear (&r);

  soup_server_disconnect (server);
}

static void
test_tls_errors (void)
{
  g_autoptr(FlawHttp) http = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *base = NULL;
  Result r = { 0 };

  /* The TLS backend is loaded in a child that leaves with _exit(): the
   * leak checker of GCC's libasan crashes on the dynamic TLS blocks of the
   * dlopen()ed GnuTLS module at exit, which has nothing to do with us. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout ("*certificate cannot be trusted*");
      return;
    }

  http = flaw_http_new ();
  cert_path = g_test_build_filename (G_TEST_DIST, "fixtures", "selfsigned-cert.pem", NULL);
  key_path = g_test_build_filename (G_TEST_DIST, "fixtures", "selfsigned-key.pem", NULL);
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = start_server (certificate, &base);
  g_assert_true (g_str_has_prefix (base, "https://"));

  /* A certificate nobody vouches for is an error, not a question. */
  send (http, base, FALSE, &r);
  g_assert_error (r.error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (r.error->message, "cannot be trusted"));
  g_print ("%s\n", r.error->message);
  result_clear (&r);

  soup_server_disconnect (server);
  fflush (stdout);
  _exit (0);
}

static void
test_connection_refused (void)
{
  g_autoptr(FlawHttp) http = flaw_http_new ();
  g_autofree char *base = NULL;
  SoupServer *server = start_server (NULL, &base);
  Result r = { 0 };

  soup_server_disconnect (server);
  g_object_unref (server);

  send (http, base, FALSE, &r);
  g_assert_error (r.error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_NETWORK);
  result_clear (&r);
}

static void
test_retry_after (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  gint64 now = 1790000000;
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (now + 120);
  g_autofree char *http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, now + 3600);

  g_assert_cmpint (flaw_http_get_retry_after (headers, now), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "30");
  g_assert_cmpint (flaw_http_get_retry_after (headers, now), ==, 30);
  soup_message_headers_replace (headers, "Retry-After", http_date);
  g_assert_cmpint (flaw_http_get_retry_after (headers, now), ==, 120);
  soup_message_headers_replace (headers, "Retry-After", "soon");
  g_assert_cmpint (flaw_http_get_retry_after (headers, now), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "12abc");
  g_assert_cmpint (flaw_http_get_retry_after (headers, now), ==, -1);
  soup_message_headers_remove (headers, "Retry-After");

  g_assert_cmpint (flaw_http_get_rate_limit_wait (headers, now), ==, -1);
  soup_message_headers_replace (headers, "x-ratelimit-remaining", "12");
  g_assert_cmpint (flaw_http_get_rate_limit_wait (headers, now), ==, -1);
  soup_message_headers_replace (headers, "x-ratelimit-remaining", "0");
  g_assert_cmpint (flaw_http_get_rate_limit_wait (headers, now), ==, 60);
  soup_message_headers_replace (headers, "x-ratelimit-reset", reset);
  g_assert_cmpint (flaw_http_get_rate_limit_wait (headers, now), ==, 3600);
  soup_message_headers_replace (headers, "Retry-After", "5");
  g_assert_cmpint (flaw_http_get_rate_limit_wait (headers, now), ==, 5);
}

static void
test_format_wait (void)
{
  struct { gint64 seconds; const char *text; } cases[] = {
    { 1, "1 second" }, { 45, "45 seconds" }, { 60, "1 minute" }, { 61, "2 minutes" },
    { 600, "10 minutes" }, { 7200, "2 hours" }, { 7201, "3 hours" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = flaw_http_format_wait (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_problem (void)
{
  struct { const char *body; const char *type; const char *expected; } cases[] = {
    { "{\"type\":\"urn:ietf:params:jmap:error:limit\",\"limit\":\"maxSizeRequest\",\"status\":400}",
      "application/problem+json", "The server refused the request because it exceeds its limit “maxSizeRequest”." },
    { "{\"type\":\"urn:ietf:params:jmap:error:notJSON\",\"status\":400}",
      "application/problem+json", "The server did not understand Flawdesk’s request." },
    { "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"detail\":\"Token expired\"}",
      "application/problem+json", "Forbidden: Token expired" },
    { "{\"title\":\"Gone\"}", "application/problem+json", "Gone" },
    { "{\"message\":\"Bad credentials\"}", "application/json", NULL },
    { "<html>error</html>", "text/html", NULL },
    { "{\"type\":", "application/problem+json", NULL },
    { "[1,2]", "application/problem+json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autofree char *message = flaw_http_parse_problem (body, cases[i].type);

      g_assert_cmpstr (message, ==, cases[i].expected);
    }

  g_assert_null (flaw_http_parse_problem (NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/http/loopback-rules", test_loopback_rules);
  g_test_add_func ("/flawdesk/http/redirects", test_redirects);
  g_test_add_func ("/flawdesk/http/tls-errors", test_tls_errors);
  g_test_add_func ("/flawdesk/http/connection-refused", test_connection_refused);
  g_test_add_func ("/flawdesk/http/retry-after", test_retry_after);
  g_test_add_func ("/flawdesk/http/format-wait", test_format_wait);
  g_test_add_func ("/flawdesk/http/problem", test_problem);

  return g_test_run ();
}
