/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-jmap-codec"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "flaw-jmap-codec.h"
#include "flaw-json-util.h"

/* RFC 8620 §2 suggests these minimums; servers that leave the fields out
 * get them. */
#define DEFAULT_MAX_OBJECTS_IN_GET 500
#define DEFAULT_MAX_CALLS_IN_REQUEST 16

G_DEFINE_QUARK (flaw-jmap-error-quark, flaw_jmap_error)

static const struct
{
  const char    *type;
  FlawJmapError  code;
  const char    *message;
} method_errors[] = {
  { "serverUnavailable", FLAW_JMAP_ERROR_SERVER_UNAVAILABLE,
    N_("The mail server is busy or down for the moment. Flawdesk tries again at the next sync.") },
  { "serverFail", FLAW_JMAP_ERROR_SERVER_FAIL,
    N_("The mail server failed to answer Flawdesk’s request. Flawdesk tries again at the next sync.") },
  { "serverPartialFail", FLAW_JMAP_ERROR_SERVER_PARTIAL_FAIL,
    N_("The mail server failed half way. Flawdesk reads the mailbox again at the next sync.") },
  { "unknownMethod", FLAW_JMAP_ERROR_UNKNOWN_METHOD,
    N_("The mail server does not know a JMAP method Flawdesk needs; it may not support JMAP mail.") },
  { "invalidArguments", FLAW_JMAP_ERROR_INVALID_ARGUMENTS,
    N_("The mail server did not accept Flawdesk’s request.") },
  { "invalidResultReference", FLAW_JMAP_ERROR_INVALID_RESULT_REFERENCE,
    N_("The mail server could not follow a reference in Flawdesk’s request.") },
  { "forbidden", FLAW_JMAP_ERROR_FORBIDDEN,
    N_("The mail account does not allow Flawdesk to read this mailbox. Check the account’s permissions or token scope.") },
  { "accountNotFound", FLAW_JMAP_ERROR_ACCOUNT_NOT_FOUND,
    N_("The mail account no longer exists on the server.") },
  { "accountNotSupportedByMethod", FLAW_JMAP_ERROR_ACCOUNT_NOT_SUPPORTED_BY_METHOD,
    N_("The mail account does not support reading mail over JMAP.") },
  { "accountReadOnly", FLAW_JMAP_ERROR_ACCOUNT_READ_ONLY,
    N_("The mail account is read-only.") },
  { "requestTooLarge", FLAW_JMAP_ERROR_REQUEST_TOO_LARGE,
    N_("The mail server found Flawdesk’s request too large.") },
  { "cannotCalculateChanges", FLAW_JMAP_ERROR_CANNOT_CALCULATE_CHANGES,
    N_("The mail server cannot tell what changed since the last sync; the mailbox must be read again.") },
  { "anchorNotFound", FLAW_JMAP_ERROR_ANCHOR_NOT_FOUND,
    N_("The mail server lost its place in the mailbox listing.") },
  { "unsupportedSort", FLAW_JMAP_ERROR_UNSUPPORTED_SORT,
    N_("The mail server cannot sort mail by date received.") },
  { "unsupportedFilter", FLAW_JMAP_ERROR_UNSUPPORTED_FILTER,
    N_("The mail server cannot list the mail of one mailbox.") },
  { "tooManyChanges", FLAW_JMAP_ERROR_TOO_MANY_CHANGES,
    N_("Too much changed on the mail server since the last sync; the mailbox must be read again.") },
};

/**
 * flaw_jmap_set_error_for_type:
 * @type: a JMAP error type such as "serverFail"
 * @description: (nullable): the server's description
 *
 * Returns: %FALSE, with @error set to a message a user understands
 */
gboolean
flaw_jmap_set_error_for_type (const char  *type,
                              const char  *description,
                              GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_errors); i++)
    {
      if (g_strcmp0 (type, method_errors[i].type) != 0)
        continue;

      if (description != NULL && *description != '\0')
        g_set_error (error, FLAW_JMAP_ERROR, method_errors[i].code, "%s (%s)",
                     _(method_errors[i].message), description);
      else
        g_set_error_literal (error, FLAW_JMAP_ERROR, method_errors[i].code,
                             _(method_errors[i].message));
      return FALSE;
    }

  /* RFC 8620 §3.6.2: an unknown error type is handled as serverFail. */
  g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_SERVER_FAIL,
               _("The mail server reported the error “%s”%s%s. Flawdesk tries again at the next sync."),
               type != NULL ? type : "?",
               description != NULL ? ": " : "", description != NULL ? description : "");
  return FALSE;
}

static gboolean
set_malformed (GError     **error,
               const char  *what)
{
  g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED,
               _("The mail server sent an answer Flawdesk cannot read (%s)."), what);
  return FALSE;
}

static gint64
get_int (JsonObject *object,
         const char *member,
         gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value >= 0 && value < 9.0e15)
        return (gint64) value;
    }

  return fallback;
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      set_malformed (error, _("the answer is empty"));
      return NULL;
    }

  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_malformed (error, local_error != NULL ? local_error->message : _("too large"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, _("not a JSON object"));
      return NULL;
    }

  return json_node_ref (root);
}

static char *
resolve_url (GUri       *base,
             const char *url)
{
  g_autoptr(GUri) resolved = NULL;

  if (url == NULL || *url == '\0')
    return NULL;

  if (base == NULL)
    return g_strdup (url);

  /* Templates such as {accountId} are not valid URI characters; keep
   * them as they are while resolving. */
  resolved = g_uri_parse_relative (base, url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL)
    return g_strdup (url);

  return g_uri_to_string (resolved);
}

/**
 * flaw_jmap_session_parse:
 * @base: (nullable): the address the session came from; relative URLs in
 *   the session resource are resolved against it
 *
 * Returns: (transfer full): the parts of the session Flawdesk uses
 */
FlawJmapSession *
flaw_jmap_session_parse (const char  *data,
                         gsize        length,
                         GUri        *base,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FlawJmapSession) session = NULL;
  JsonObject *object, *capabilities, *core, *primary, *accounts;
  const char *account_id;
  gint64 value;

  if (!(root = parse_json (data, length, error)))
    return NULL;

  object = json_node_get_object (root);
  capabilities = flaw_json_get_object (object, "capabilities");
  if (capabilities == NULL || !json_object_has_member (capabilities, FLAW_JMAP_CAPABILITY_CORE))
    {
      g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED,
                   _("The address does not lead to a JMAP session (its answer lacks the JMAP core "
                     "capability). Check the session address."));
      return NULL;
    }

  if (!json_object_has_member (capabilities, FLAW_JMAP_CAPABILITY_MAIL))
    {
      g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_UNKNOWN_METHOD,
                   _("The JMAP server does not offer mail (urn:ietf:params:jmap:mail)."));
      return NULL;
    }

  session = g_new0 (FlawJmapSession, 1);
  session->api_url = resolve_url (base, flaw_json_get_string (object, "apiUrl"));
  session->download_url = resolve_url (base, flaw_json_get_string (object, "downloadUrl"));
  session->username = g_strdup (flaw_json_get_string (object, "username"));
  session->state = g_strdup (flaw_json_get_string (object, "state"));

  if (session->api_url == NULL)
    {
      set_malformed (error, _("the session has no apiUrl"));
      return NULL;
    }

  core = flaw_json_get_object (capabilities, FLAW_JMAP_CAPABILITY_CORE);
  value = get_int (core, "maxObjectsInGet", DEFAULT_MAX_OBJECTS_IN_GET);
  session->max_objects_in_get = (guint) CLAMP (value, 1, 100000);
  value = get_int (core, "maxCallsInRequest", DEFAULT_MAX_CALLS_IN_REQUEST);
  session->max_calls_in_request = (guint) CLAMP (value, 1, 1000);

  primary = flaw_json_get_object (object, "primaryAccounts");
  account_id = flaw_json_get_string (primary, FLAW_JMAP_CAPABILITY_MAIL);

  if (account_id == NULL)
    {
      /* Some servers leave primaryAccounts out: take the one personal
       * account that has mail. */
      accounts = flaw_json_get_object (object, "accounts");
      if (accounts != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (accounts);

          for (GList *l = members; l != NULL && account_id == NULL; l = l->next)
            {
              JsonObject *account = flaw_json_get_object (accounts, l->data);
              JsonObject *account_caps = flaw_json_get_object (account, "accountCapabilities");

              if (account_caps == NULL || json_object_has_member (account_caps, FLAW_JMAP_CAPABILITY_MAIL))
                account_id = l->data;
            }
        }
    }

  if (account_id == NULL)
    {
      g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_ACCOUNT_NOT_FOUND,
                   _("The JMAP session lists no mail account for this user."));
      return NULL;
    }

  session->account_id = g_strdup (account_id);

  return g_steal_pointer (&session);
}

FlawJmapSession *
flaw_jmap_session_copy (const FlawJmapSession *session)
{
  FlawJmapSession *copy = g_memdup2 (session, sizeof *session);

  copy->api_url = g_strdup (session->api_url);
  copy->download_url = g_strdup (session->download_url);
  copy->account_id = g_strdup (session->account_id);
  copy->username = g_strdup (session->username);
  copy->state = g_strdup (session->state);

  return copy;
}

void
flaw_jmap_session_free (FlawJmapSession *session)
{
  if (session == NULL)
    return;

  g_free (session->api_url);
  g_free (session->download_url);
  g_free (session->account_id);
  g_free (session->username);
  g_free (session->state);
  g_free (session);
}

/**
 * flaw_jmap_session_to_json:
 *
 * The session as kept in the source's state, so that a sync with nothing
 * new needs one request.
 */
JsonNode *
flaw_jmap_session_to_json (const FlawJmapSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiUrl");
  json_builder_add_string_value (builder, session->api_url);
  if (session->download_url != NULL)
    {
      json_builder_set_member_name (builder, "downloadUrl");
      json_builder_add_string_value (builder, session->download_url);
    }
  json_builder_set_member_name (builder, "accountId");
  json_builder_add_string_value (builder, session->account_id);
  if (session->state != NULL)
    {
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, session->state);
    }
  json_builder_set_member_name (builder, "maxObjectsInGet");
  json_builder_add_int_value (builder, session->max_objects_in_get);
  json_builder_set_member_name (builder, "maxCallsInRequest");
  json_builder_add_int_value (builder, session->max_calls_in_request);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * flaw_jmap_session_from_json:
 *
 * Returns: (transfer full) (nullable): the session kept in a state, or
 *   %NULL if @node does not hold a usable one
 */
FlawJmapSession *
flaw_jmap_session_from_json (JsonNode *node)
{
  FlawJmapSession *session;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (flaw_json_get_string (object, "apiUrl") == NULL || flaw_json_get_string (object, "accountId") == NULL)
    return NULL;

  session = g_new0 (FlawJmapSession, 1);
  session->api_url = g_strdup (flaw_json_get_string (object, "apiUrl"));
  session->download_url = g_strdup (flaw_json_get_string (object, "downloadUrl"));
  session->account_id = g_strdup (flaw_json_get_string (object, "accountId"));
  session->state = g_strdup (flaw_json_get_string (object, "state"));
  session->max_objects_in_get = (guint) CLAMP (get_int (object, "maxObjectsInGet", DEFAULT_MAX_OBJECTS_IN_GET), 1, 100000);
  session->max_calls_in_request = (guint) CLAMP (get_int (object, "maxCallsInRequest", DEFAULT_MAX_CALLS_IN_REQUEST), 1, 1000);

  return session;
}

FlawJmapInvocation *
flaw_jmap_invocation_new (const char *name,
                          JsonObject *arguments,
                          const char *call_id)
{
  FlawJmapInvocation *invocation = g_new0 (FlawJmapInvocation, 1);

  invocation->name = g_strdup (name);
  invocation->arguments = json_object_ref (arguments);
  invocation->call_id = g_strdup (call_id);

  return invocation;
}

void
flaw_jmap_invocation_free (FlawJmapInvocation *invocation)
{
  if (invocation == NULL)
    return;

  g_free (invocation->name);
  g_clear_pointer (&invocation->arguments, json_object_unref);
  g_free (invocation->call_id);
  g_free (invocation);
}

/**
 * flaw_jmap_response_parse:
 *
 * Returns: (transfer full): the method responses, or %NULL with @error set
 *   (a request-level problem or an unreadable answer)
 */
FlawJmapResponse *
flaw_jmap_response_parse (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FlawJmapResponse) response = NULL;
  JsonObject *object;
  JsonArray *responses;

  if (!(root = parse_json (data, length, error)))
    return NULL;

  object = json_node_get_object (root);
  responses = flaw_json_get_array (object, "methodResponses");
  if (responses == NULL)
    {
      const char *type = flaw_json_get_string (object, "type");

      if (type != NULL && g_str_has_prefix (type, "urn:ietf:params:jmap:error:"))
        {
          g_set_error (error, FLAW_JMAP_ERROR,
                       g_str_has_suffix (type, ":limit") ? FLAW_JMAP_ERROR_LIMIT : FLAW_JMAP_ERROR_INVALID_ARGUMENTS,
                       _("The mail server refused the request (%s)."),
                       flaw_json_get_string (object, "detail") ? flaw_json_get_string (object, "detail") : type);
          return NULL;
        }

      set_malformed (error, _("no methodResponses"));
      return NULL;
    }

  response = g_new0 (FlawJmapResponse, 1);
  response->session_state = g_strdup (flaw_json_get_string (object, "sessionState"));
  response->invocations = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_jmap_invocation_free);

  for (guint i = 0; i < json_array_get_length (responses); i++)
    {
      JsonNode *node = json_array_get_element (responses, i);
      JsonArray *triple;
      JsonObject *arguments;
      const char *name, *call_id;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 3)
        {
          set_malformed (error, _("a method response is not a triple"));
          return NULL;
        }

      triple = json_node_get_array (node);
      name = flaw_json_array_get_string (triple, 0);
      arguments = flaw_json_array_get_object (triple, 1);
      call_id = flaw_json_array_get_string (triple, 2);

      if (name == NULL || arguments == NULL || call_id == NULL)
        {
          set_malformed (error, _("a method response is incomplete"));
          return NULL;
        }

      g_ptr_array_add (response->invocations, flaw_jmap_invocation_new (name, arguments, call_id));
    }

  return g_steal_pointer (&response);
}

void
flaw_jmap_response_free (FlawJmapResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->session_state);
  g_clear_pointer (&response->invocations, g_ptr_array_unref);
  g_free (response);
}

/**
 * flaw_jmap_response_get:
 * @call_id: the call whose answer is wanted
 * @method: the method expected, such as "Email/get"
 *
 * Returns: (transfer none): the arguments of the answer, or %NULL with
 *   @error set to the method error the server sent, or if it sent none
 */
JsonObject *
flaw_jmap_response_get (FlawJmapResponse  *response,
                        const char        *call_id,
                        const char        *method,
                        GError           **error)
{
  g_return_val_if_fail (response != NULL, NULL);

  for (guint i = 0; i < response->invocations->len; i++)
    {
      FlawJmapInvocation *invocation = g_ptr_array_index (response->invocations, i);

      if (!g_str_equal (invocation->call_id, call_id))
        continue;

      if (g_str_equal (invocation->name, "error"))
        {
          flaw_jmap_set_error_for_type (flaw_json_get_string (invocation->arguments, "type"),
                                        flaw_json_get_string (invocation->arguments, "description"),
                                        error);
          return NULL;
        }

      if (g_str_equal (invocation->name, method))
        return invocation->arguments;
    }

  set_malformed (error, _("an answer is missing"));
  return NULL;
}

/**
 * flaw_jmap_build_request:
 * @invocations: (element-type FlawJmapInvocation): the method calls
 *
 * Returns: (transfer full): the request body
 */
char *
flaw_jmap_build_request (GPtrArray *invocations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "using");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, FLAW_JMAP_CAPABILITY_CORE);
  json_builder_add_string_value (builder, FLAW_JMAP_CAPABILITY_MAIL);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "methodCalls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invocations->len; i++)
    {
      FlawJmapInvocation *invocation = g_ptr_array_index (invocations, i);
      JsonNode *arguments = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (arguments, invocation->arguments);
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, invocation->name);
      json_builder_add_value (builder, arguments);
      json_builder_add_string_value (builder, invocation->call_id);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_string_array (JsonObject         *object,
                  const char         *member,
                  const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  json_object_set_array_member (object, member, array);
}

/**
 * flaw_jmap_email_get_arguments:
 * @result_of: the call whose result holds the ids
 * @result_name: the method of that call
 * @result_path: a JSON pointer to the ids in its result
 * @max_body_bytes: the most of each body value to fetch
 *
 * Returns: (transfer full): Email/get arguments fetching text bodies,
 *   threading headers and attachment metadata
 */
JsonObject *
flaw_jmap_email_get_arguments (const char *account_id,
                               const char *result_of,
                               const char *result_name,
                               const char *result_path,
                               guint       max_body_bytes)
{
  static const char * const properties[] = {
    "id", "threadId", "mailboxIds", "messageId", "inReplyTo", "references", "from",
    "subject", "receivedAt", "textBody", "bodyValues", "attachments", NULL,
  };
  static const char * const body_properties[] = {
    "partId", "blobId", "type", "name", "size", "disposition", NULL,
  };
  JsonObject *arguments = json_object_new ();
  JsonObject *reference = json_object_new ();

  json_object_set_string_member (arguments, "accountId", account_id);
  json_object_set_string_member (reference, "resultOf", result_of);
  json_object_set_string_member (reference, "name", result_name);
  json_object_set_string_member (reference, "path", result_path);
  json_object_set_object_member (arguments, "#ids", reference);
  add_string_array (arguments, "properties", properties);
  add_string_array (arguments, "bodyProperties", body_properties);
  json_object_set_boolean_member (arguments, "fetchTextBodyValues", TRUE);
  json_object_set_int_member (arguments, "maxBodyValueBytes", max_body_bytes);

  return arguments;
}

/**
 * flaw_jmap_find_mailbox:
 * @mailbox_get: the arguments of a Mailbox/get answer
 * @wanted: a role ("inbox") or a mailbox name
 *
 * Returns: (transfer full): the mailbox id
 */
char *
flaw_jmap_find_mailbox (JsonObject  *mailbox_get,
                        const char  *wanted,
                        GError     **error)
{
  JsonArray *list = flaw_json_get_array (mailbox_get, "list");
  const char *by_name = NULL;

  if (list == NULL)
    {
      set_malformed (error, _("Mailbox/get has no list"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *mailbox = flaw_json_array_get_object (list, i);
      const char *id = flaw_json_get_string (mailbox, "id");
      const char *role = flaw_json_get_string (mailbox, "role");
      const char *name = flaw_json_get_string (mailbox, "name");

      if (id == NULL)
        continue;

      if (role != NULL && g_ascii_strcasecmp (role, wanted) == 0)
        return g_strdup (id);

      if (by_name == NULL && name != NULL && g_utf8_collate (name, wanted) == 0)
        by_name = id;
    }

  if (by_name != NULL)
    return g_strdup (by_name);

  g_set_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MAILBOX_NOT_FOUND,
               _("The account has no mailbox named “%s” or with that role. Check the mailbox "
                 "of the source."),
               wanted);
  return NULL;
}

/**
 * flaw_jmap_parse_ids:
 *
 * Returns: (transfer full) (element-type utf8): the string ids in @member
 */
GPtrArray *
flaw_jmap_parse_ids (JsonObject  *arguments,
                     const char  *member,
                     GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = flaw_json_get_array (arguments, member);

  if (array == NULL)
    {
      set_malformed (error, member);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = flaw_json_array_get_string (array, i);

      if (id == NULL)
        {
          set_malformed (error, member);
          return NULL;
        }

      g_ptr_array_add (ids, g_strdup (id));
    }

  return g_steal_pointer (&ids);
}

FlawJmapChanges *
flaw_jmap_changes_parse (JsonObject  *arguments,
                         GError     **error)
{
  g_autoptr(FlawJmapChanges) changes = g_new0 (FlawJmapChanges, 1);

  changes->old_state = g_strdup (flaw_json_get_string (arguments, "oldState"));
  changes->new_state = g_strdup (flaw_json_get_string (arguments, "newState"));
  changes->has_more_changes = flaw_json_get_boolean (arguments, "hasMoreChanges");

  if (changes->new_state == NULL)
    {
      set_malformed (error, _("Email/changes has no newState"));
      return NULL;
    }

  if (!(changes->created = flaw_jmap_parse_ids (arguments, "created", error)) ||
      !(changes->updated = flaw_jmap_parse_ids (arguments, "updated", error)) ||
      !(changes->destroyed = flaw_jmap_parse_ids (arguments, "destroyed", error)))
    return NULL;

  return g_steal_pointer (&changes);
}

void
flaw_jmap_changes_free (FlawJmapChanges *changes)
{
  if (changes == NULL)
    return;

  g_free (changes->old_state);
  g_free (changes->new_state);
  g_clear_pointer (&changes->created, g_ptr_array_unref);
  g_clear_pointer (&changes->updated, g_ptr_array_unref);
  g_clear_pointer (&changes->destroyed, g_ptr_array_unref);
  g_free (changes);
}

static char *
first_string (JsonObject *object,
              const char *member)
{
  JsonArray *array = flaw_json_get_array (object, member);

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  return g_strdup (flaw_json_array_get_string (array, 0));
}

static GStrv
all_strings (JsonObject *object,
             const char *member)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array = flaw_json_get_array (object, member);

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (flaw_json_array_get_string (array, i) != NULL)
      g_strv_builder_add (builder, flaw_json_array_get_string (array, i));

  return g_strv_builder_end (builder);
}

static void
parse_body (JsonObject        *email,
            guint              max_body_bytes,
            FlawSyncedMessage *message)
{
  g_autoptr(GString) body = g_string_new (NULL);
  JsonArray *parts = flaw_json_get_array (email, "textBody");
  JsonObject *values = flaw_json_get_object (email, "bodyValues");
  gboolean any_plain = FALSE;
  gboolean any_html = FALSE;
  gboolean truncated = FALSE;

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonObject *part = flaw_json_array_get_object (parts, i);
      const char *part_id = flaw_json_get_string (part, "partId");
      const char *type = flaw_json_get_string (part, "type");
      JsonObject *value = flaw_json_get_object (values, part_id != NULL ? part_id : "");
      const char *text = flaw_json_get_string (value, "value");

      if (text == NULL)
        continue;

      if (flaw_json_get_boolean (value, "isTruncated"))
        truncated = TRUE;

      if (body->len > 0)
        g_string_append (body, "\n\n");

      if (type != NULL && g_ascii_strncasecmp (type, "text/html", 9) == 0)
        {
          g_autofree char *plain = flaw_jmap_html_to_text (text);

          g_string_append (body, plain);
          any_html = TRUE;
        }
      else
        {
          g_string_append (body, text);
          any_plain = TRUE;
        }
    }

  message->body = flaw_jmap_truncate_utf8 (body->str, max_body_bytes, &message->body_truncated);
  message->body_truncated |= truncated;
  message->html_only = any_html && !any_plain;
}

static gint64
parse_date (const char *text)
{
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL)
    return 0;

  date = g_date_time_new_from_iso8601 (text, NULL);

  return date != NULL ? g_date_time_to_unix (date) : 0;
}

/**
 * flaw_jmap_email_parse:
 * @email: one Email object
 * @mailbox_id: the synced mailbox
 * @in_mailbox: (out): whether the mail is in @mailbox_id
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
FlawSyncedMessage *
flaw_jmap_email_parse (JsonObject  *email,
                       const char  *mailbox_id,
                       guint        max_body_bytes,
                       gboolean    *in_mailbox,
                       GError     **error)
{
  g_autoptr(FlawSyncedMessage) message = NULL;
  JsonObject *mailboxes;
  JsonArray *from, *attachments;
  const char *id = flaw_json_get_string (email, "id");
  const char *subject;

  if (id == NULL)
    {
      set_malformed (error, _("a mail without id"));
      return NULL;
    }

  mailboxes = flaw_json_get_object (email, "mailboxIds");
  *in_mailbox = mailboxes != NULL && flaw_json_get_boolean (mailboxes, mailbox_id);

  message = flaw_synced_message_new ();
  message->remote_id = g_strdup (id);
  message->message_id = first_string (email, "messageId");
  message->in_reply_to = first_string (email, "inReplyTo");
  message->refs = all_strings (email, "references");

  subject = flaw_json_get_string (email, "subject");
  message->title = g_strdup (subject != NULL && *subject != '\0' ? subject : _("(no subject)"));
  message->received = parse_date (flaw_json_get_string (email, "receivedAt"));

  from = flaw_json_get_array (email, "from");
  if (from != NULL && json_array_get_length (from) > 0)
    {
      JsonObject *address = flaw_json_array_get_object (from, 0);
      const char *name = flaw_json_get_string (address, "name");
      const char *mail = flaw_json_get_string (address, "email");

      message->reporter = g_strdup (name != NULL && *name != '\0' ? name : mail);
      message->reporter_address = g_strdup (mail);
    }

  parse_body (email, max_body_bytes, message);

  attachments = flaw_json_get_array (email, "attachments");
  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonObject *part = flaw_json_array_get_object (attachments, i);
      FlawSyncedAttachment *attachment;

      if (part == NULL || flaw_json_get_string (part, "blobId") == NULL)
        continue;

      attachment = flaw_synced_attachment_new ();
      attachment->blob_id = g_strdup (flaw_json_get_string (part, "blobId"));
      attachment->name = g_strdup (flaw_json_get_string (part, "name"));
      attachment->type = g_strdup (flaw_json_get_string (part, "type"));
      attachment->size = get_int (part, "size", -1);
      g_ptr_array_add (message->attachments, attachment);
    }

  return g_steal_pointer (&message);
}

/**
 * flaw_jmap_email_list_parse:
 * @email_get: the arguments of an Email/get answer
 * @elsewhere_ids: (element-type utf8): receives the ids of mail that is
 *   not (or no longer) in the mailbox, and of ids the server did not find
 * @state: (out) (optional) (transfer full): the Email state of the answer
 *
 * Returns: (transfer full) (element-type FlawSyncedMessage): the mail in
 *   the mailbox
 */
GPtrArray *
flaw_jmap_email_list_parse (JsonObject  *email_get,
                            const char  *mailbox_id,
                            guint        max_body_bytes,
                            GPtrArray   *elsewhere_ids,
                            char       **state,
                            GError     **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) flaw_synced_message_free);
  JsonArray *list = flaw_json_get_array (email_get, "list");
  JsonArray *not_found = flaw_json_get_array (email_get, "notFound");

  if (list == NULL)
    {
      set_malformed (error, _("Email/get has no list"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *email = flaw_json_array_get_object (list, i);
      FlawSyncedMessage *message;
      gboolean in_mailbox = FALSE;

      if (email == NULL)
        {
          set_malformed (error, _("a mail is not an object"));
          return NULL;
        }

      if (!(message = flaw_jmap_email_parse (email, mailbox_id, max_body_bytes, &in_mailbox, error)))
        return NULL;

      if (in_mailbox)
        g_ptr_array_add (messages, message);
      else
        {
          g_ptr_array_add (elsewhere_ids, g_strdup (message->remote_id));
          flaw_synced_message_free (message);
        }
    }

  for (guint i = 0; not_found != NULL && i < json_array_get_length (not_found); i++)
    if (flaw_json_array_get_string (not_found, i) != NULL)
      g_ptr_array_add (elsewhere_ids, g_strdup (flaw_json_array_get_string (not_found, i)));

  if (state != NULL)
    *state = g_strdup (flaw_json_get_string (email_get, "state"));

  return g_steal_pointer (&messages);
}
