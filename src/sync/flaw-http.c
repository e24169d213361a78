/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "flaw-clock.h"
#include "flaw-http.h"
#include "flaw-json-util.h"
#include "flaw-source.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define MAX_REDIRECTS 5
#define MAX_RESPONSE_BYTES (64 * 1024 * 1024)
#define READ_CHUNK_BYTES (64 * 1024)
#define STATUS_TOO_MANY_REQUESTS 429
#define USER_AGENT "Flawdesk/" PACKAGE_VERSION " (+" PACKAGE_WEBSITE ")"

struct _FlawHttp
{
  GObject      parent_instance;

  SoupSession *session;
  guint        n_requests;
  gsize        max_response_bytes;
};

G_DEFINE_FINAL_TYPE (FlawHttp, flaw_http, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage  *message;
  gboolean      follow_redirects;
  guint         n_redirects;
  GInputStream *stream;
  GByteArray   *buffer;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static void send_current (GTask *task);

/**
 * flaw_http_is_loopback_host:
 * @host: a host name or address literal
 *
 * Returns: whether @host is this machine: "localhost", 127.0.0.0/8 or ::1
 */
gboolean
flaw_http_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* GUri hands IPv6 literals over without brackets, other code with. */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * flaw_http_check_uri:
 *
 * Refuses anything but https://, and http:// to this machine.
 */
gboolean
flaw_http_check_uri (GUri    *uri,
                     GError **error)
{
  const char *scheme;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0 && g_uri_get_host (uri) != NULL)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && flaw_http_is_loopback_host (g_uri_get_host (uri)))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_INSECURE_URL,
                   _("Flawdesk refuses the unencrypted address “http://%s”: use https://. "
                     "Plain http:// is accepted only for this computer (localhost)."),
                   g_uri_get_host (uri));
      return FALSE;
    }

  g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_INSECURE_URL,
               _("Flawdesk can only use https:// addresses, not “%s:”."), scheme);
  return FALSE;
}

/**
 * flaw_http_parse_url:
 *
 * Returns: (transfer full): @url parsed and checked with flaw_http_check_uri()
 */
GUri *
flaw_http_parse_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG, _("No address is set."));
      return NULL;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_CONFIG,
                   _("“%s” is not a web address. Enter it as https://host/path."), url);
      return NULL;
    }

  if (!flaw_http_check_uri (uri, error))
    return NULL;

  return g_steal_pointer (&uri);
}

static void
set_transport_error (GError     **error,
                     GError      *transport,
                     SoupMessage *message)
{
  g_autofree char *host = NULL;
  GUri *uri = soup_message_get_uri (message);

  host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "?");

  if (transport->domain == G_TLS_ERROR)
    g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_TLS,
                 _("The secure connection to %s failed: its certificate cannot be trusted (%s). "
                   "Flawdesk did not send anything. Check the address, or ask the server’s "
                   "administrator to fix the certificate."),
                 host, transport->message);
  else if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_TIMEOUT,
                 _("%s did not answer in time. Try again later."), host);
  else if (transport->domain == G_RESOLVER_ERROR)
    g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_NETWORK,
                 _("The server %s cannot be found. Check the address and your network connection."),
                 host);
  else
    g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_NETWORK,
                 _("Cannot talk to %s: %s. Check your network connection."),
                 host, transport->message);
}

static void
return_transport_error (GTask  *task,
                        GError *error)
{
  SendData *data = g_task_get_task_data (task);
  GError *mapped = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  set_transport_error (&mapped, error, data->message);
  g_error_free (error);
  g_task_return_error (task, mapped);
}

static void response_read (GTask  *task,
                           GBytes *bytes);
static void read_next     (GTask  *task);

static void
read_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_object (&data->stream);
      response_read (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer)));
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));

  /* A server cannot make Flawdesk hold an answer of any size. */
  if (data->buffer->len > ((FlawHttp *) g_task_get_source_object (task))->max_response_bytes)
    {
      g_autofree char *limit = g_format_size (((FlawHttp *) g_task_get_source_object (task))->max_response_bytes);

      g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                               _("The answer of %s is larger than %s; Flawdesk stopped reading it."),
                               g_uri_get_host (soup_message_get_uri (data->message)), limit);
      return;
    }

  read_next (task);
}

static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_ready_cb, g_object_ref (task));
}

static void
send_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_object (&data->stream);
  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  g_clear_pointer (&data->buffer, g_byte_array_unref);
  data->buffer = g_byte_array_new ();
  read_next (task);
}

static void
response_read (GTask  *task,
               GBytes *received)
{
  g_autoptr(GBytes) bytes = received;
  g_autoptr(GError) error = NULL;
  SendData *data = g_task_get_task_data (task);
  guint status;

  status = soup_message_get_status (data->message);

  if (data->follow_redirects && SOUP_STATUS_IS_REDIRECTION (status) && status != 304)
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                                           "Location");
      g_autoptr(GUri) next = NULL;
      g_autoptr(SoupMessage) message = NULL;
      SoupMessageHeaders *old_headers;
      SoupMessageHeadersIter iter;
      const char *name, *value;

      if (location == NULL || ++data->n_redirects > MAX_REDIRECTS)
        {
          g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                                   _("The server at %s redirects in a loop or to nowhere."),
                                   g_uri_get_host (soup_message_get_uri (data->message)));
          return;
        }

      next = g_uri_parse_relative (soup_message_get_uri (data->message), location,
                                   SOUP_HTTP_URI_FLAGS, NULL);
      if (next == NULL)
        {
          g_task_return_new_error (task, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                                   _("The server redirected to “%s”, which is not a web address."),
                                   location);
          return;
        }

      if (!flaw_http_check_uri (next, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      message = soup_message_new_from_uri (SOUP_METHOD_GET, next);
      old_headers = soup_message_get_request_headers (data->message);
      soup_message_headers_iter_init (&iter, old_headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_append (soup_message_get_request_headers (message), name, value);

      g_set_object (&data->message, message);
      send_current (g_object_ref (task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
send_current (GTask *task)
{
  FlawHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  soup_message_set_flags (data->message,
                          soup_message_get_flags (data->message) | SOUP_MESSAGE_NO_REDIRECT);
  self->n_requests++;

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_ready_cb, task);
}

static void
flaw_http_dispose (GObject *object)
{
  FlawHttp *self = (FlawHttp *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (flaw_http_parent_class)->dispose (object);
}

static void
flaw_http_class_init (FlawHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flaw_http_dispose;
}

static void
flaw_http_init (FlawHttp *self)
{
  self->max_response_bytes = MAX_RESPONSE_BYTES;

  /* No accept-certificate handler: a certificate that does not validate
   * fails the request. */
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 NULL);
}

FlawHttp *
flaw_http_new (void)
{
  return g_object_new (FLAW_TYPE_HTTP, NULL);
}

SoupSession *
flaw_http_get_session (FlawHttp *self)
{
  g_return_val_if_fail (FLAW_IS_HTTP (self), NULL);

  return self->session;
}

/**
 * flaw_http_set_timeout:
 * @seconds: how long a request may wait for the server, 0 for never
 */
void
flaw_http_set_timeout (FlawHttp *self,
                       guint     seconds)
{
  g_return_if_fail (FLAW_IS_HTTP (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * flaw_http_set_max_response_bytes:
 *
 * The largest answer read before giving up (64 MiB by default).
 */
void
flaw_http_set_max_response_bytes (FlawHttp *self,
                                  gsize     max_bytes)
{
  g_return_if_fail (FLAW_IS_HTTP (self));
  g_return_if_fail (max_bytes > 0);

  self->max_response_bytes = max_bytes;
}

/**
 * flaw_http_get_request_count:
 *
 * Returns: how many HTTP requests were sent, redirects included
 */
guint
flaw_http_get_request_count (FlawHttp *self)
{
  g_return_val_if_fail (FLAW_IS_HTTP (self), 0);

  return self->n_requests;
}

/**
 * flaw_http_send_async:
 * @message: a request to an address flaw_http_check_uri() accepts
 * @follow_redirects: whether to follow redirects (each target is checked)
 *
 * Sends @message and reads the whole response.
 */
void
flaw_http_send_async (FlawHttp            *self,
                      SoupMessage         *message,
                      gboolean             follow_redirects,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendData *data;

  g_return_if_fail (FLAW_IS_HTTP (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flaw_http_send_async);

  data = g_new0 (SendData, 1);
  data->message = g_object_ref (message);
  data->follow_redirects = follow_redirects;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (!flaw_http_check_uri (soup_message_get_uri (message), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_current (g_steal_pointer (&task));
}

/**
 * flaw_http_send_finish:
 * @final_message: (out) (optional) (transfer full): the message that
 *   produced the response (the last one after redirects)
 *
 * HTTP error statuses are not errors here; check the status of
 * @final_message.
 *
 * Returns: (transfer full): the response body, or %NULL with @error set
 */
GBytes *
flaw_http_send_finish (FlawHttp      *self,
                       GAsyncResult  *result,
                       SoupMessage  **final_message,
                       GError       **error)
{
  SendData *data;

  g_return_val_if_fail (FLAW_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (final_message != NULL)
    *final_message = g_object_ref (data->message);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flaw_http_get_retry_after:
 * @now: the current time, Unix seconds
 *
 * Returns: the seconds to wait that `Retry-After` asks for (seconds or an
 *   HTTP date), or -1 when it is absent or unreadable
 */
gint64
flaw_http_get_retry_after (SoupMessageHeaders *headers,
                           gint64              now)
{
  const char *value;
  g_autoptr(GDateTime) date = NULL;
  char *end = NULL;
  guint64 seconds;

  g_return_val_if_fail (headers != NULL, -1);

  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      if (end != value && (*end == '\0' || g_ascii_isspace (*end)) && seconds < G_MAXINT32)
        return (gint64) seconds;
      return -1;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  return MAX (0, g_date_time_to_unix (date) - now);
}

/**
 * flaw_http_get_rate_limit_wait:
 * @now: the current time, Unix seconds
 *
 * Reads GitHub-style rate-limit headers: `Retry-After`, or
 * `x-ratelimit-remaining: 0` with `x-ratelimit-reset`.
 *
 * Returns: the seconds to wait, or -1 when the response is not rate limited
 */
gint64
flaw_http_get_rate_limit_wait (SoupMessageHeaders *headers,
                               gint64              now)
{
  const char *remaining;
  const char *reset;
  gint64 retry_after;

  g_return_val_if_fail (headers != NULL, -1);

  retry_after = flaw_http_get_retry_after (headers, now);
  if (retry_after >= 0)
    return retry_after;

  remaining = soup_message_headers_get_one (headers, "x-ratelimit-remaining");
  if (remaining == NULL)
    return -1;
  while (g_ascii_isspace (*remaining))
    remaining++;
  if (remaining[0] != '0' || (remaining[1] != '\0' && !g_ascii_isspace (remaining[1])))
    return -1;

  reset = soup_message_headers_get_one (headers, "x-ratelimit-reset");
  if (reset != NULL)
    {
      char *end = NULL;
      gint64 when = g_ascii_strtoll (reset, &end, 10);

      if (end != reset && when > 0)
        return MAX (0, when - now);
    }

  /* Limited, but not told for how long: GitHub asks for at least a minute. */
  return 60;
}

/**
 * flaw_http_format_wait:
 *
 * Returns: (transfer full): "3 minutes" and the like
 */
char *
flaw_http_format_wait (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", (gulong) seconds),
                            (int) seconds);
  if (seconds < 2 * 3600)
    {
      int minutes = (int) ((seconds + 59) / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                              minutes);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours",
                                       (gulong) ((seconds + 3599) / 3600)),
                          (int) ((seconds + 3599) / 3600));
}

/**
 * flaw_http_parse_problem:
 * @body: (nullable): a response body
 * @content_type: (nullable): its Content-Type
 *
 * Reads an RFC 7807 problem (application/problem+json) into one sentence.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL if @body is
 *   not a problem document
 */
char *
flaw_http_parse_problem (GBytes     *body,
                         const char *content_type)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *type = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *limit = NULL;
  JsonObject *object;
  JsonNode *root;
  gconstpointer data;
  gsize size;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > 65536)
    return NULL;

  if (content_type != NULL && !g_str_has_prefix (content_type, "application/problem+json") &&
      !g_str_has_prefix (content_type, "application/json"))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  type = g_strdup (flaw_json_get_string (object, "type"));
  title = g_strdup (flaw_json_get_string (object, "title"));
  detail = g_strdup (flaw_json_get_string (object, "detail"));
  limit = g_strdup (flaw_json_get_string (object, "limit"));

  if (type == NULL && title == NULL && detail == NULL)
    return NULL;

  if (g_strcmp0 (type, "urn:ietf:params:jmap:error:unknownCapability") == 0)
    return g_strdup (_("The server does not support a feature Flawdesk needs (it may not be a JMAP mail server)."));
  if (g_strcmp0 (type, "urn:ietf:params:jmap:error:notJSON") == 0 ||
      g_strcmp0 (type, "urn:ietf:params:jmap:error:notRequest") == 0)
    return g_strdup (_("The server did not understand Flawdesk’s request."));
  if (g_strcmp0 (type, "urn:ietf:params:jmap:error:limit") == 0)
    return g_strdup_printf (_("The server refused the request because it exceeds its limit “%s”."),
                            limit != NULL ? limit : "?");

  if (title != NULL && detail != NULL)
    return g_strdup_printf ("%s: %s", title, detail);

  return g_strdup (detail != NULL ? detail : title != NULL ? title : type);
}

/**
 * flaw_http_set_status_error:
 * @source_name: the source, named in the message
 *
 * Turns an HTTP error status into a message a user can act on.
 *
 * Returns: %TRUE if @message succeeded (2xx), otherwise %FALSE with @error set
 */
gboolean
flaw_http_set_status_error (SoupMessage  *message,
                            GBytes       *body,
                            const char   *source_name,
                            GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autofree char *problem = NULL;
  g_autofree char *suffix = NULL;
  guint status = soup_message_get_status (message);
  const char *host = g_uri_get_host (soup_message_get_uri (message));
  gint64 wait;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  problem = flaw_http_parse_problem (body, soup_message_headers_get_content_type (headers, NULL));
  suffix = problem != NULL ? g_strdup_printf (" (%s)", problem) : g_strdup ("");

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_AUTH,
                   _("%s refused the user name, password or token of source “%s”%s. "
                     "Enter them again in Preferences → Sources."),
                   host, source_name, suffix);
      return FALSE;

    case SOUP_STATUS_FORBIDDEN:
    case STATUS_TOO_MANY_REQUESTS:
      wait = flaw_http_get_rate_limit_wait (headers, flaw_clock_now ());
      if (wait >= 0 || status == STATUS_TOO_MANY_REQUESTS)
        {
          g_autofree char *when = flaw_http_format_wait (MAX (wait, 60));

          g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_RATE_LIMITED,
                       _("%s limits how often Flawdesk may ask. Source “%s” will be synced again "
                         "in %s at the earliest."),
                       host, source_name, when);
          return FALSE;
        }
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_FORBIDDEN,
                   _("%s does not allow source “%s” to read this%s. Check that the account or "
                     "token has the permission to read it."),
                   host, source_name, suffix);
      return FALSE;

    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_NOT_FOUND,
                   _("%s has nothing at “%s”%s. Check the address of source “%s”."),
                   host, g_uri_get_path (soup_message_get_uri (message)), suffix, source_name);
      return FALSE;

    default:
      if (status >= 500)
        g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_SERVER,
                     _("The server %s has a problem (HTTP %u %s)%s. Nothing was lost; "
                       "Flawdesk tries again at the next sync."),
                     host, status, soup_status_get_phrase (status), suffix);
      else
        g_set_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL,
                     _("%s refused the request of source “%s” (HTTP %u %s)%s."),
                     host, source_name, status, soup_status_get_phrase (status), suffix);
      return FALSE;
    }
}

/**
 * flaw_http_send_finish_checked:
 * @final_message: (out) (optional) (transfer full): the message that
 *   produced the response (the last one after redirects)
 * @source_name: the source, named in the message of a status error
 *
 * Like flaw_http_send_finish(), but an HTTP error status is an error too,
 * set by flaw_http_set_status_error().
 *
 * Returns: (transfer full): the body of a successful (2xx) response, or
 *   %NULL with @error set
 */
GBytes *
flaw_http_send_finish_checked (FlawHttp      *self,
                               GAsyncResult  *result,
                               SoupMessage  **final_message,
                               const char    *source_name,
                               GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;

  body = flaw_http_send_finish (self, result, &message, error);

  if (final_message != NULL)
    *final_message = g_object_ref (message);

  if (body == NULL || !flaw_http_set_status_error (message, body, source_name, error))
    return NULL;

  return g_steal_pointer (&body);
}
