/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-securitytxt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "flaw-securitytxt-private.h"

/* Fetches a domain's /.well-known/security.txt over HTTPS and validates it,
 * adding what the public validators check about how it is served. Plain
 * http is only ever used for loopback addresses, which is what tests serve.
 */

#define WELL_KNOWN_PATH ".well-known/security.txt"
#define LEGACY_PATH "security.txt"
#define READ_CHUNK 8192
#define TIMEOUT_SECONDS 30

typedef struct
{
  GUri          *base;
  gboolean       allow_http;
  SoupSession   *session;
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *body;
  GUri          *first;
  GUri          *current;
  guint          n_redirects;
  gboolean       legacy;
  FlawSecuritytxtReport *report;
} Fetch;

static void start_request (GTask *task,
                           GUri  *uri);

static void
fetch_free (Fetch *fetch)
{
  g_clear_pointer (&fetch->base, g_uri_unref);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->first, g_uri_unref);
  g_clear_pointer (&fetch->current, g_uri_unref);
  g_clear_pointer (&fetch->report, flaw_securitytxt_report_free);
  g_free (fetch);
}

/**
 * flaw_securitytxt_url_is_loopback:
 *
 * Returns: whether @uri names this machine (localhost, 127.0.0.0/8, ::1)
 */
gboolean
flaw_securitytxt_url_is_loopback (GUri *uri)
{
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);

  host = g_uri_get_host (uri);
  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
scheme_allowed (Fetch *fetch,
                GUri  *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return fetch->allow_http && g_ascii_strcasecmp (scheme, "http") == 0 &&
         flaw_securitytxt_url_is_loopback (uri);
}

static void
return_report (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&fetch->report),
                         (GDestroyNotify) flaw_securitytxt_report_free);
}

static void
check_content_type (Fetch *fetch)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  g_autoptr(GHashTable) params = NULL;
  const char *type;
  const char *charset;

  type = soup_message_headers_get_content_type (headers, &params);
  fetch->report->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  if (type == NULL)
    {
      flaw_securitytxt_report_add (fetch->report, "no_content_type", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                   _("Configure the web server to send “Content-Type: text/plain; charset=utf-8” "
                                     "for security.txt."),
                                   _("The server sent no Content-Type header."));
      return;
    }

  if (g_ascii_strcasecmp (type, "text/plain") != 0)
    flaw_securitytxt_report_add (fetch->report, "invalid_media", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                 _("Configure the web server to send “Content-Type: text/plain; charset=utf-8” "
                                   "for security.txt."),
                                 _("The server sent the file as “%s”; RFC 9116 requires text/plain."), type);

  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  if (charset == NULL)
    flaw_securitytxt_report_add (fetch->report, "invalid_charset", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                 _("Add “; charset=utf-8” to the Content-Type the server sends."),
                                 _("The Content-Type has no charset parameter; RFC 9116 requires charset=utf-8."));
  else if (g_ascii_strcasecmp (charset, "utf-8") != 0)
    flaw_securitytxt_report_add (fetch->report, "invalid_charset", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                 _("Save the file as UTF-8 and send “charset=utf-8” in the Content-Type."),
                                 _("The Content-Type names the charset “%s”; RFC 9116 requires utf-8."),
                                 charset);
}

static void
finish_body (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *first = g_uri_to_string (fetch->first);
  g_autofree char *last = g_uri_to_string (fetch->current);
  const char *retrieved_from[] = { first, last, NULL };

  g_clear_object (&fetch->stream);

  fetch->report->url = g_strdup (first);
  fetch->report->final_url = g_strdup (last);

  if (fetch->legacy)
    flaw_securitytxt_report_add (fetch->report, "location", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                 _("Move the file to /.well-known/security.txt (a redirect from /security.txt "
                                   "may stay)."),
                                 _("security.txt was found only at the legacy place %s; RFC 9116 requires "
                                   "/.well-known/security.txt."),
                                 first);

  check_content_type (fetch);

  _flaw_securitytxt_validate_into (fetch->report, (const char *) fetch->body->data,
                                   fetch->body->len, retrieved_from);

  return_report (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      finish_body (task);
      return;
    }

  g_byte_array_append (fetch->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (fetch->body->len > FLAW_SECURITYTXT_MAX_SIZE)
    {
      g_autofree char *url = g_uri_to_string (fetch->current);

      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_LARGE,
                               _("The file at %s is larger than %d KiB, the most RFC 9116 asks readers "
                                 "to parse; Flawdesk stopped reading it. Make the file smaller."),
                               url, FLAW_SECURITYTXT_MAX_SIZE / 1024);
      return;
    }

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static void
follow_redirect (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autofree char *from = g_uri_to_string (fetch->current);
  g_autoptr(GUri) target = NULL;

  if (location == NULL ||
      !(target = g_uri_parse_relative (fetch->current, location, G_URI_FLAGS_ENCODED, NULL)))
    {
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_NETWORK,
                               _("%s redirects to “%s”, which is not a valid address."),
                               from, location ? location : "");
      return;
    }

  if (++fetch->n_redirects > FLAW_SECURITYTXT_MAX_REDIRECTS)
    {
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_MANY_REDIRECTS,
                               _("%s redirects more than %d times; Flawdesk stopped following it. "
                                 "Point the redirect straight at the file."),
                               from, FLAW_SECURITYTXT_MAX_REDIRECTS);
      return;
    }

  if (!scheme_allowed (fetch, target))
    {
      g_autofree char *to = g_uri_to_string (target);

      /* The redirect is not followed: nothing is fetched over plain http. */
      fetch->report->url = g_uri_to_string (fetch->first);
      fetch->report->final_url = g_strdup (to);
      flaw_securitytxt_report_add (fetch->report, "invalid_uri_scheme", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                   _("Make every redirect point to an https:// address."),
                                   _("%s redirects to %s, which does not use https; Flawdesk did not "
                                     "follow it."),
                                   from, to);
      return_report (task);
      return;
    }

  start_request (task, target);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *url = g_uri_to_string (fetch->current);
  GError *error = NULL;
  guint status;
  goffset length;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      if (error->domain == G_TLS_ERROR)
        {
          /* TLS errors are errors: the file is not read at all. */
          fetch->report->url = g_strdup (url);
          flaw_securitytxt_report_add (fetch->report, "invalid_cert", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                       _("Serve the site with a certificate that is valid for its name and "
                                         "signed by a trusted authority."),
                                       _("The TLS certificate of %s was refused: %s"), url, error->message);
          g_error_free (error);
          return_report (task);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }

      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_NETWORK,
                               _("Could not fetch %s: %s"), url, error->message);
      g_error_free (error);
      return;
    }

  status = soup_message_get_status (fetch->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      g_clear_object (&fetch->stream);
      follow_redirect (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      g_autoptr(GUri) legacy = NULL;

      g_clear_object (&fetch->stream);

      if (!fetch->legacy)
        {
          fetch->legacy = TRUE;
          fetch->n_redirects = 0;
          legacy = g_uri_parse_relative (fetch->base, LEGACY_PATH, G_URI_FLAGS_ENCODED, NULL);
          start_request (task, legacy);
          return;
        }

      {
        g_autoptr(GUri) well_known = g_uri_parse_relative (fetch->base, WELL_KNOWN_PATH,
                                                           G_URI_FLAGS_ENCODED, NULL);
        g_autofree char *expected = g_uri_to_string (well_known);

        fetch->report->url = g_steal_pointer (&expected);
        flaw_securitytxt_report_add (fetch->report, "no_security_txt", FLAW_SECURITYTXT_SEVERITY_ERROR, 0,
                                     _("Publish the file at /.well-known/security.txt; Flawdesk can generate one "
                                       "from the team's front door."),
                                     _("No security.txt was found at %s nor at the legacy /security.txt."),
                                     fetch->report->url);
      }
      return_report (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_NETWORK,
                               _("%s answered %u %s; try again later or check the address."),
                               url, status, soup_message_get_reason_phrase (fetch->message));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->message));
  if (length > FLAW_SECURITYTXT_MAX_SIZE)
    {
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_LARGE,
                               _("The file at %s is larger than %d KiB, the most RFC 9116 asks readers "
                                 "to parse; Flawdesk did not read it. Make the file smaller."),
                               url, FLAW_SECURITYTXT_MAX_SIZE / 1024);
      return;
    }

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static void
start_request (GTask *task,
               GUri  *uri)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_pointer (&fetch->current, g_uri_unref);
  fetch->current = g_uri_ref (uri);
  if (fetch->n_redirects == 0)
    {
      g_clear_pointer (&fetch->first, g_uri_unref);
      fetch->first = g_uri_ref (uri);
    }

  g_clear_object (&fetch->message);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* Redirects are followed by hand, so that each target's scheme is checked
   * before anything is sent to it. */
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_append (headers, "Accept", "text/plain");

  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

static void
start_fetch (GUri                *base,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) well_known = NULL;
  Fetch *fetch;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_securitytxt_fetch_async);

  fetch = g_new0 (Fetch, 1);
  fetch->base = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL,
                             g_uri_get_host (base), g_uri_get_port (base), "/", NULL, NULL);
  fetch->allow_http = flaw_securitytxt_url_is_loopback (base);
  fetch->body = g_byte_array_new ();
  fetch->report = flaw_securitytxt_report_new ();
  /* The session stays local to this module until the shared HTTP owner of
   * the sync framework exists; then the fetch will use that one. */
  fetch->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                  "user-agent", "Flawdesk/" PACKAGE_VERSION,
                                                  NULL);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (!scheme_allowed (fetch, fetch->base))
    {
      g_autofree char *url = g_uri_to_string (base);

      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INSECURE,
                               _("%s does not use https; Flawdesk fetches security.txt over HTTPS only "
                                 "(plain http only from this machine)."),
                               url);
      return;
    }

  well_known = g_uri_parse_relative (fetch->base, WELL_KNOWN_PATH, G_URI_FLAGS_ENCODED, NULL);
  start_request (task, well_known);
}

/**
 * flaw_securitytxt_fetch_async:
 * @domain: a domain name or IP address, such as "example.com"
 *
 * Fetches https://@domain/.well-known/security.txt (falling back to the
 * legacy /security.txt) and validates it, including how it is served.
 */
void
flaw_securitytxt_fetch_async (const char          *domain,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) base = NULL;

  g_return_if_fail (domain != NULL);

  url = g_strdup_printf ("https://%s/", domain);
  base = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (base == NULL || *domain == '\0' || strpbrk (domain, "/?#@ ") != NULL ||
      g_uri_get_host (base) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_task_set_source_tag (task, flaw_securitytxt_fetch_async);
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL,
                               _("“%s” is not a domain name; give just the name, such as “example.com”."),
                               domain);
      return;
    }

  start_fetch (base, cancellable, callback, user_data);
}

/**
 * flaw_securitytxt_fetch_from_async:
 * @base_url: the site, such as "https://example.com/"; its path is ignored
 *
 * Like flaw_securitytxt_fetch_async() for a site given by URL. Plain http
 * is refused unless the host is a loopback address (a local test server).
 */
void
flaw_securitytxt_fetch_from_async (const char          *base_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GUri) base = NULL;

  g_return_if_fail (base_url != NULL);

  base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  if (base == NULL || g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0')
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_task_set_source_tag (task, flaw_securitytxt_fetch_async);
      g_task_return_new_error (task, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL,
                               _("“%s” is not a web address; give one such as “https://example.com/”."),
                               base_url);
      return;
    }

  start_fetch (base, cancellable, callback, user_data);
}

/**
 * flaw_securitytxt_fetch_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   site could not be asked at all
 */
FlawSecuritytxtReport *
flaw_securitytxt_fetch_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
