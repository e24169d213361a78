/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-fake-jmap-server"

#include "config.h"

#include <json-glib/json-glib.h>

#include "flaw-fake-jmap-server.h"
#include "flaw-test-server.h"

/*
 * A JMAP server (RFC 8620/8621) for tests, on 127.0.0.1 and a free port:
 * the session resource, Mailbox/get, Mailbox/query, Email/query, Email/get
 * and Email/changes with real state strings, back-references, the limits
 * maxObjectsInGet and maxCallsInRequest, and knobs to misbehave.
 */

#define ACCOUNT_ID "A13824"
#define SESSION_PATH "/jmap/session"
#define API_PATH "/jmap/api/"
#define DOWNLOAD_PREFIX "/jmap/download/"

typedef struct
{
  char *blob_id;
  char *name;
  char *type;
  char *content;
} Attachment;

typedef struct
{
  char      *id;
  char      *mailbox_id;
  char      *message_id;
  char      *in_reply_to;
  char      *subject;
  char      *from_name;
  char      *from_email;
  char      *text_body;
  char      *html_body;
  gint64     received;
  GPtrArray *attachments;
} Email;

typedef enum
{
  CHANGE_CREATED,
  CHANGE_UPDATED,
  CHANGE_DESTROYED,
} ChangeKind;

typedef struct
{
  guint       state;
  char       *id;
  ChangeKind  kind;
} Change;

typedef struct
{
  SoupServerMessage *message;
  guint              source_id;
} Delayed;

struct _FlawFakeJmapServer
{
  GObject             parent_instance;

  SoupServer         *server;
  GUri               *base;
  char               *user;
  char               *password;

  GPtrArray          *mailboxes;
  GHashTable         *emails;
  GPtrArray          *email_order;
  GArray             *changes;
  guint               state;
  guint               min_state;
  guint               next_id;

  guint               max_objects_in_get;
  guint               max_calls_in_request;
  guint               enforced_objects_in_get;
  guint               enforced_calls_in_request;
  gboolean            relative_urls;
  gboolean            minimal_session;
  char               *session_state;

  guint               fail_count;
  guint               fail_status;
  guint               delay_ms;
  FlawFakeCorruption  corruption;

  guint               n_requests;
  guint               n_api_requests;
  guint               n_sessions;
  FlawFakeJmapHook    api_hook;
  gpointer            api_hook_data;
  guint               max_calls_seen;
  GList              *delayed;
};

G_DEFINE_FINAL_TYPE (FlawFakeJmapServer, flaw_fake_jmap_server, G_TYPE_OBJECT)

typedef struct
{
  char *id;
  char *name;
  char *role;
} Mailbox;

static void
mailbox_free (Mailbox *mailbox)
{
  g_free (mailbox->id);
  g_free (mailbox->name);
  g_free (mailbox->role);
  g_free (mailbox);
}

static void
attachment_free (Attachment *attachment)
{
  g_free (attachment->blob_id);
  g_free (attachment->name);
  g_free (attachment->type);
  g_free (attachment->content);
  g_free (attachment);
}

static void
email_free (Email *email)
{
  g_free (email->id);
  g_free (email->mailbox_id);
  g_free (email->message_id);
  g_free (email->in_reply_to);
  g_free (email->subject);
  g_free (email->from_name);
  g_free (email->from_email);
  g_free (email->text_body);
  g_free (email->html_body);
  g_ptr_array_unref (email->attachments);
  g_free (email);
}

static void
change_clear (Change *change)
{
  g_free (change->id);
}

static char *
state_string (guint state)
{
  return g_strdup_printf ("st-%u-%x", state, state * 2654435761u);
}

static gboolean
parse_state (const char *text,
             guint      *state)
{
  g_autofree char *expected = NULL;
  guint64 value;
  char *end = NULL;

  if (text == NULL || !g_str_has_prefix (text, "st-"))
    return FALSE;

  value = g_ascii_strtoull (text + 3, &end, 10);
  if (end == text + 3 || *end != '-' || value > G_MAXUINT)
    return FALSE;

  expected = state_string ((guint) value);
  if (!g_str_equal (expected, text))
    return FALSE;

  *state = (guint) value;

  return TRUE;
}

static void
record_change (FlawFakeJmapServer *self,
               const char         *id,
               ChangeKind          kind)
{
  Change change = { ++self->state, g_strdup (id), kind };

  g_array_append_val (self->changes, change);
}

static void
respond (FlawFakeJmapServer *self,
         SoupServerMessage  *message,
         guint               status,
         const char         *content_type,
         char               *body)
{
  gsize length = strlen (body);

  if (self->corruption == FLAW_FAKE_CORRUPT_MALFORMED)
    {
      g_free (body);
      body = g_strdup ("{\"methodResponses\": [[\"Email/get\", {\"list\": [}, \"0\"]");
      length = strlen (body);
    }
  else if (self->corruption == FLAW_FAKE_CORRUPT_TRUNCATED)
    length /= 2;

  self->corruption = FLAW_FAKE_CORRUPT_NONE;

  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-cache, no-store, must-revalidate");
  /* Raw UTF-8 in a response header, as some servers send. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "X-Server-Note", "Grüße aus Köln – 漏洞");
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_TAKE, body, length);
}

static void
respond_json (FlawFakeJmapServer *self,
              SoupServerMessage  *message,
              guint               status,
              const char         *content_type,
              JsonNode           *node)
{
  respond (self, message, status, content_type, json_to_string (node, FALSE));
}

static void
respond_problem (FlawFakeJmapServer *self,
                 SoupServerMessage  *message,
                 const char         *type,
                 const char         *limit,
                 const char         *detail)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "type", type);
  json_object_set_int_member (object, "status", 400);
  if (limit != NULL)
    json_object_set_string_member (object, "limit", limit);
  json_object_set_string_member (object, "detail", detail);
  json_node_set_object (node, object);

  respond_json (self, message, 400, "application/problem+json", node);
}

static char *
url_for (FlawFakeJmapServer *self,
         const char         *path)
{
  g_autoptr(GUri) uri = NULL;

  if (self->relative_urls)
    return g_strdup (path);

  uri = g_uri_parse_relative (self->base, path, G_URI_FLAGS_ENCODED, NULL);

  return g_uri_to_string (uri);
}

static void
handle_session (FlawFakeJmapServer *self,
                SoupServerMessage  *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *api = url_for (self, API_PATH);
  g_autofree char *download = NULL;
  g_autofree char *upload = url_for (self, "/jmap/upload/{accountId}/");
  g_autofree char *events = url_for (self, "/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}");
  g_autofree char *download_path = g_strconcat (DOWNLOAD_PREFIX, "{accountId}/{blobId}/{name}?accept={type}", NULL);

  download = url_for (self, download_path);
  self->n_sessions++;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "capabilities");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "urn:ietf:params:jmap:core");
  json_builder_begin_object (b);
  if (!self->minimal_session)
    {
      json_builder_set_member_name (b, "maxSizeUpload");
      json_builder_add_int_value (b, 50000000);
      json_builder_set_member_name (b, "maxConcurrentUpload");
      json_builder_add_int_value (b, 4);
      json_builder_set_member_name (b, "maxSizeRequest");
      json_builder_add_int_value (b, 10000000);
      json_builder_set_member_name (b, "maxConcurrentRequests");
      json_builder_add_int_value (b, 4);
      json_builder_set_member_name (b, "maxCallsInRequest");
      json_builder_add_int_value (b, self->max_calls_in_request);
      json_builder_set_member_name (b, "maxObjectsInGet");
      json_builder_add_int_value (b, self->max_objects_in_get);
      json_builder_set_member_name (b, "maxObjectsInSet");
      json_builder_add_int_value (b, 500);
      json_builder_set_member_name (b, "collationAlgorithms");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "i;ascii-casemap");
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "urn:ietf:params:jmap:mail");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "accounts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, ACCOUNT_ID);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->user);
  json_builder_set_member_name (b, "isPersonal");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "isReadOnly");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "accountCapabilities");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "urn:ietf:params:jmap:mail");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  if (!self->minimal_session)
    {
      json_builder_set_member_name (b, "primaryAccounts");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "urn:ietf:params:jmap:mail");
      json_builder_add_string_value (b, ACCOUNT_ID);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, self->user);
  json_builder_set_member_name (b, "apiUrl");
  json_builder_add_string_value (b, api);
  json_builder_set_member_name (b, "downloadUrl");
  json_builder_add_string_value (b, download);
  json_builder_set_member_name (b, "uploadUrl");
  json_builder_add_string_value (b, upload);
  json_builder_set_member_name (b, "eventSourceUrl");
  json_builder_add_string_value (b, events);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, self->session_state);
  json_builder_set_member_name (b, "x-unknown-extension");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  respond_json (self, message, 200, "application/json", root);
}

static JsonNode *
method_error (const char *type,
              const char *description)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "type", type);
  if (description != NULL)
    json_object_set_string_member (object, "description", description);
  json_node_take_object (node, object);

  return node;
}

/* RFC 8620 §3.7: a JSON pointer where "*" maps over an array. */
static JsonNode *
evaluate_pointer (JsonNode   *node,
                  const char *path)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *current = json_node_ref (node);

  if (path == NULL || path[0] != '/')
    return path != NULL && *path == '\0' ? current : (json_node_unref (current), NULL);

  tokens = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(JsonNode) owned = current;
      g_autofree char *token = NULL;
      g_autoptr(GString) unescaped = g_string_new (tokens[i]);

      g_string_replace (unescaped, "~1", "/", 0);
      g_string_replace (unescaped, "~0", "~", 0);
      token = g_strdup (unescaped->str);
      current = NULL;

      if (JSON_NODE_HOLDS_ARRAY (owned) && g_str_equal (token, "*"))
        {
          g_autofree char *rest = NULL;
          JsonArray *array = json_node_get_array (owned);
          JsonArray *result = json_array_new ();
          JsonNode *result_node = json_node_new (JSON_NODE_ARRAY);

          if (tokens[i + 1] != NULL)
            {
              g_autofree char *joined = g_strjoinv ("/", tokens + i + 1);

              rest = g_strconcat ("/", joined, NULL);
            }
          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *element = json_array_get_element (array, j);
              g_autoptr(JsonNode) value = rest != NULL ? evaluate_pointer (element, rest) : json_node_ref (element);

              if (value == NULL)
                {
                  json_array_unref (result);
                  json_node_unref (result_node);
                  return NULL;
                }

              if (JSON_NODE_HOLDS_ARRAY (value))
                {
                  JsonArray *inner = json_node_get_array (value);

                  for (guint k = 0; k < json_array_get_length (inner); k++)
                    json_array_add_element (result, json_node_copy (json_array_get_element (inner, k)));
                }
              else
                json_array_add_element (result, json_node_copy (value));
            }

          json_node_take_array (result_node, result);
          return result_node;
        }
      else if (JSON_NODE_HOLDS_OBJECT (owned) && json_object_has_member (json_node_get_object (owned), token))
        current = json_node_ref (json_object_get_member (json_node_get_object (owned), token));
      else if (JSON_NODE_HOLDS_ARRAY (owned))
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (token, &end, 10);

          if (end == token || *end != '\0' || index >= json_array_get_length (json_node_get_array (owned)))
            return NULL;
          current = json_node_ref (json_array_get_element (json_node_get_array (owned), (guint) index));
        }
      else
        return NULL;
    }

  return current;
}

/* Replaces "#name" arguments by the values they refer to. */
static JsonNode *
resolve_references (JsonObject *arguments,
                    JsonArray  *responses)
{
  g_autoptr(GList) members = json_object_get_members (arguments);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonObject *reference;
      const char *result_of, *name, *path;
      JsonNode *value = NULL;

      if (member[0] != '#')
        continue;

      if (json_object_has_member (arguments, member + 1))
        return method_error ("invalidArguments", "both a property and its reference");

      reference = json_object_get_object_member (arguments, member);
      if (reference == NULL)
        return method_error ("invalidResultReference", "not an object");

      result_of = json_object_get_string_member_with_default (reference, "resultOf", NULL);
      name = json_object_get_string_member_with_default (reference, "name", NULL);
      path = json_object_get_string_member_with_default (reference, "path", NULL);

      for (guint i = 0; i < json_array_get_length (responses); i++)
        {
          JsonArray *response = json_array_get_array_element (responses, i);

          if (g_strcmp0 (json_array_get_string_element (response, 2), result_of) == 0 &&
              g_strcmp0 (json_array_get_string_element (response, 0), name) == 0)
            value = evaluate_pointer (json_array_get_element (response, 1), path);
        }

      if (value == NULL)
        return method_error ("invalidResultReference", result_of);

      json_object_set_member (arguments, member + 1, value);
      json_object_remove_member (arguments, member);
    }

  return NULL;
}

static gboolean
account_ok (JsonObject *arguments)
{
  return g_strcmp0 (json_object_get_string_member_with_default (arguments, "accountId", NULL),
                    ACCOUNT_ID) == 0;
}

static JsonNode *
mailbox_get (FlawFakeJmapServer *self,
             JsonObject         *arguments)
{
  JsonObject *result = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *state = state_string (self->mailboxes->len);

  for (guint i = 0; i < self->mailboxes->len; i++)
    {
      Mailbox *mailbox = g_ptr_array_index (self->mailboxes, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", mailbox->id);
      json_object_set_string_member (object, "name", mailbox->name);
      if (mailbox->role != NULL)
        json_object_set_string_member (object, "role", mailbox->role);
      else
        json_object_set_null_member (object, "role");
      json_array_add_object_element (list, object);
    }

  json_object_set_string_member (result, "accountId", ACCOUNT_ID);
  json_object_set_string_member (result, "state", state);
  json_object_set_array_member (result, "list", list);
  json_object_set_array_member (result, "notFound", json_array_new ());
  json_node_take_object (node, result);

  return node;
}

static JsonNode *
mailbox_query (FlawFakeJmapServer *self,
               JsonObject         *arguments)
{
  JsonObject *filter = json_object_get_object_member (arguments, "filter");
  const char *role = filter != NULL ? json_object_get_string_member_with_default (filter, "role", NULL) : NULL;
  JsonObject *result = json_object_new ();
  JsonArray *ids = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < self->mailboxes->len; i++)
    {
      Mailbox *mailbox = g_ptr_array_index (self->mailboxes, i);

      if (role == NULL || g_strcmp0 (mailbox->role, role) == 0)
        json_array_add_string_element (ids, mailbox->id);
    }

  json_object_set_string_member (result, "accountId", ACCOUNT_ID);
  json_object_set_string_member (result, "queryState", "mq");
  json_object_set_boolean_member (result, "canCalculateChanges", FALSE);
  json_object_set_int_member (result, "position", 0);
  json_object_set_array_member (result, "ids", ids);
  json_node_take_object (node, result);

  return node;
}

static int
compare_received (gconstpointer a,
                  gconstpointer b)
{
  const Email *ea = *(const Email * const *) a;
  const Email *eb = *(const Email * const *) b;

  if (ea->received != eb->received)
    return ea->received < eb->received ? -1 : 1;

  return g_strcmp0 (ea->id, eb->id);
}

static JsonNode *
email_query (FlawFakeJmapServer *self,
             JsonObject         *arguments)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  JsonObject *filter = json_object_get_object_member (arguments, "filter");
  const char *in_mailbox = filter != NULL ? json_object_get_string_member_with_default (filter, "inMailbox", NULL) : NULL;
  JsonArray *sort = json_object_get_array_member (arguments, "sort");
  gboolean ascending = FALSE;
  gint64 position = json_object_get_int_member_with_default (arguments, "position", 0);
  gint64 limit = json_object_get_int_member_with_default (arguments, "limit", G_MAXINT32);
  g_autofree char *query_state = NULL;
  JsonObject *result;
  JsonArray *ids;
  JsonNode *node;

  if (filter != NULL && in_mailbox == NULL)
    return method_error ("unsupportedFilter", NULL);

  if (sort != NULL && json_array_get_length (sort) > 0)
    {
      JsonObject *comparator = json_array_get_object_element (sort, 0);

      if (g_strcmp0 (json_object_get_string_member_with_default (comparator, "property", NULL), "receivedAt") != 0)
        return method_error ("unsupportedSort", NULL);
      ascending = json_object_get_boolean_member_with_default (comparator, "isAscending", FALSE);
    }

  if (position < 0 || limit < 0)
    return method_error ("invalidArguments", "negative position or limit");

  for (guint i = 0; i < self->email_order->len; i++)
    {
      Email *email = g_hash_table_lookup (self->emails, g_ptr_array_index (self->email_order, i));

      if (email != NULL && (in_mailbox == NULL || g_strcmp0 (email->mailbox_id, in_mailbox) == 0))
        g_ptr_array_add (matches, email);
    }

  g_ptr_array_sort (matches, compare_received);
  if (!ascending)
    for (guint i = 0; i < matches->len / 2; i++)
      {
        gpointer tmp = matches->pdata[i];

        matches->pdata[i] = matches->pdata[matches->len - 1 - i];
        matches->pdata[matches->len - 1 - i] = tmp;
      }

  result = json_object_new ();
  ids = json_array_new ();
  for (gint64 i = position; i < (gint64) matches->len && i < position + limit; i++)
    json_array_add_string_element (ids, ((Email *) g_ptr_array_index (matches, i))->id);

  query_state = state_string (self->state);
  json_object_set_string_member (result, "accountId", ACCOUNT_ID);
  json_object_set_string_member (result, "queryState", query_state);
  json_object_set_boolean_member (result, "canCalculateChanges", FALSE);
  json_object_set_int_member (result, "position", position);
  json_object_set_array_member (result, "ids", ids);
  if (json_object_get_boolean_member_with_default (arguments, "calculateTotal", FALSE))
    json_object_set_int_member (result, "total", matches->len);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);

  return node;
}

static gboolean
wants (JsonArray  *properties,
       const char *name)
{
  if (properties == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (properties); i++)
    if (g_strcmp0 (json_array_get_string_element (properties, i), name) == 0)
      return TRUE;

  return FALSE;
}

static JsonArray *
string_list (const char *value)
{
  JsonArray *array = json_array_new ();

  json_array_add_string_element (array, value);

  return array;
}

static JsonObject *
body_part (const char *part_id,
           const char *blob_id,
           const char *type,
           const char *name,
           gsize       size)
{
  JsonObject *part = json_object_new ();

  json_object_set_string_member (part, "partId", part_id);
  json_object_set_string_member (part, "blobId", blob_id);
  json_object_set_string_member (part, "type", type);
  if (name != NULL)
    json_object_set_string_member (part, "name", name);
  else
    json_object_set_null_member (part, "name");
  json_object_set_int_member (part, "size", size);
  json_object_set_string_member (part, "disposition", name != NULL ? "attachment" : "inline");

  return part;
}

static JsonObject *
body_value (const char *text,
            gint64      max_bytes)
{
  JsonObject *value = json_object_new ();
  gsize length = strlen (text);

  if (max_bytes > 0 && (gsize) max_bytes < length)
    {
      const char *end = g_utf8_find_prev_char (text, text + max_bytes + 1);
      g_autofree char *cut = g_strndup (text, end != NULL ? (gsize) (end - text) : 0);

      json_object_set_string_member (value, "value", cut);
      json_object_set_boolean_member (value, "isTruncated", TRUE);
    }
  else
    {
      json_object_set_string_member (value, "value", text);
      json_object_set_boolean_member (value, "isTruncated", FALSE);
    }
  json_object_set_boolean_member (value, "isEncodingProblem", FALSE);

  return value;
}

static JsonObject *
email_to_json (Email      *email,
               JsonArray  *properties,
               gboolean    fetch_text,
               gint64      max_bytes)
{
  JsonObject *object = json_object_new ();
  JsonObject *text_part = NULL;
  const char *text = NULL;

  json_object_set_string_member (object, "id", email->id);
  if (wants (properties, "threadId"))
    json_object_set_string_member (object, "threadId", email->id);
  if (wants (properties, "mailboxIds"))
    {
      JsonObject *mailboxes = json_object_new ();

      json_object_set_boolean_member (mailboxes, email->mailbox_id, TRUE);
      json_object_set_object_member (object, "mailboxIds", mailboxes);
    }
  if (wants (properties, "messageId"))
    json_object_set_array_member (object, "messageId", string_list (email->message_id));
  if (wants (properties, "inReplyTo"))
    {
      if (email->in_reply_to != NULL)
        json_object_set_array_member (object, "inReplyTo", string_list (email->in_reply_to));
      else
        json_object_set_null_member (object, "inReplyTo");
    }
  if (wants (properties, "references"))
    {
      if (email->in_reply_to != NULL)
        json_object_set_array_member (object, "references", string_list (email->in_reply_to));
      else
        json_object_set_null_member (object, "references");
    }
  if (wants (properties, "from"))
    {
      JsonArray *from = json_array_new ();
      JsonObject *address = json_object_new ();

      if (email->from_name != NULL)
        json_object_set_string_member (address, "name", email->from_name);
      else
        json_object_set_null_member (address, "name");
      json_object_set_string_member (address, "email", email->from_email);
      json_array_add_object_element (from, address);
      json_object_set_array_member (object, "from", from);
    }
  if (wants (properties, "subject"))
    json_object_set_string_member (object, "subject", email->subject);
  if (wants (properties, "receivedAt"))
    {
      g_autofree char *iso = flaw_test_server_format_time (email->received);

      json_object_set_string_member (object, "receivedAt", iso);
    }

  /* RFC 8621 §4.1.4: textBody falls back to the HTML part. */
  if (email->text_body != NULL)
    {
      text_part = body_part ("1", "blob-text", "text/plain", NULL, strlen (email->text_body));
      text = email->text_body;
    }
  else if (email->html_body != NULL)
    {
      text_part = body_part ("2", "blob-html", "text/html", NULL, strlen (email->html_body));
      text = email->html_body;
    }

  if (wants (properties, "textBody"))
    {
      JsonArray *parts = json_array_new ();

      if (text_part != NULL)
        json_array_add_object_element (parts, json_object_ref (text_part));
      json_object_set_array_member (object, "textBody", parts);
    }

  if (wants (properties, "bodyValues"))
    {
      JsonObject *values = json_object_new ();

      if (fetch_text && text_part != NULL)
        json_object_set_object_member (values, json_object_get_string_member (text_part, "partId"),
                                       body_value (text, max_bytes));
      json_object_set_object_member (object, "bodyValues", values);
    }

  if (wants (properties, "attachments"))
    {
      JsonArray *attachments = json_array_new ();

      for (guint i = 0; i < email->attachments->len; i++)
        {
          Attachment *attachment = g_ptr_array_index (email->attachments, i);
          g_autofree char *part_id = g_strdup_printf ("%u", i + 3);

          json_array_add_object_element (attachments,
                                         body_part (part_id, attachment->blob_id, attachment->type,
                                                    attachment->name, strlen (attachment->content)));
        }
      json_object_set_array_member (object, "attachments", attachments);
    }

  g_clear_pointer (&text_part, json_object_unref);

  return object;
}

static JsonNode *
email_get (FlawFakeJmapServer *self,
           JsonObject         *arguments)
{
  JsonNode *ids_node = json_object_get_member (arguments, "ids");
  JsonArray *properties = json_object_get_array_member (arguments, "properties");
  gboolean fetch_text = json_object_get_boolean_member_with_default (arguments, "fetchTextBodyValues", FALSE);
  gint64 max_bytes = json_object_get_int_member_with_default (arguments, "maxBodyValueBytes", 0);
  g_autofree char *state = state_string (self->state);
  JsonObject *result;
  JsonArray *list, *not_found, *ids;
  JsonNode *node;

  if (ids_node == NULL || !JSON_NODE_HOLDS_ARRAY (ids_node))
    return method_error ("invalidArguments", "ids must be a list here");

  ids = json_node_get_array (ids_node);
  if (json_array_get_length (ids) > self->enforced_objects_in_get)
    return method_error ("requestTooLarge", "more ids than maxObjectsInGet");

  result = json_object_new ();
  list = json_array_new ();
  not_found = json_array_new ();

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      Email *email = id != NULL ? g_hash_table_lookup (self->emails, id) : NULL;

      if (email != NULL)
        json_array_add_object_element (list, email_to_json (email, properties, fetch_text, max_bytes));
      else if (id != NULL)
        json_array_add_string_element (not_found, id);
    }

  json_object_set_string_member (result, "accountId", ACCOUNT_ID);
  json_object_set_string_member (result, "state", state);
  json_object_set_array_member (result, "list", list);
  json_object_set_array_member (result, "notFound", not_found);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);

  return node;
}

static JsonNode *
email_changes (FlawFakeJmapServer *self,
               JsonObject         *arguments)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  const char *since = json_object_get_string_member_with_default (arguments, "sinceState", NULL);
  gint64 max_changes = json_object_get_int_member_with_default (arguments, "maxChanges", G_MAXINT32);
  g_autofree char *old_state = NULL;
  g_autofree char *new_state = NULL;
  JsonArray *created, *updated, *destroyed;
  JsonObject *result;
  JsonNode *node;
  guint since_state, last_state;
  gboolean more = FALSE;

  if (max_changes <= 0)
    return method_error ("invalidArguments", "maxChanges must be positive");

  if (!parse_state (since, &since_state) || since_state < self->min_state || since_state > self->state)
    return method_error ("cannotCalculateChanges", NULL);

  last_state = since_state;
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = &g_array_index (self->changes, Change, i);
      gpointer previous;

      if (change->state <= since_state)
        continue;

      if (!g_hash_table_lookup_extended (kinds, change->id, NULL, &previous))
        {
          if (order->len >= (guint) max_changes)
            {
              more = TRUE;
              break;
            }
          g_ptr_array_add (order, change->id);
          g_hash_table_insert (kinds, change->id, GINT_TO_POINTER (change->kind + 1));
        }
      else if (change->kind == CHANGE_DESTROYED)
        g_hash_table_insert (kinds, change->id, GINT_TO_POINTER (CHANGE_DESTROYED + 1));

      last_state = change->state;
    }

  created = json_array_new ();
  updated = json_array_new ();
  destroyed = json_array_new ();
  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      ChangeKind kind = GPOINTER_TO_INT (g_hash_table_lookup (kinds, id)) - 1;

      json_array_add_string_element (kind == CHANGE_CREATED ? created :
                                     kind == CHANGE_UPDATED ? updated : destroyed, id);
    }

  old_state = state_string (since_state);
  new_state = state_string (last_state);

  result = json_object_new ();
  json_object_set_string_member (result, "accountId", ACCOUNT_ID);
  json_object_set_string_member (result, "oldState", old_state);
  json_object_set_string_member (result, "newState", new_state);
  json_object_set_boolean_member (result, "hasMoreChanges", more);
  json_object_set_array_member (result, "created", created);
  json_object_set_array_member (result, "updated", updated);
  json_object_set_array_member (result, "destroyed", destroyed);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);

  return node;
}

static void
handle_api (FlawFakeJmapServer *self,
            SoupServerMessage  *message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) response_node = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  JsonObject *request, *response;
  JsonArray *using, *calls, *responses;
  gboolean has_core = FALSE;

  if (soup_server_message_get_method (message) != SOUP_METHOD_POST ||
      !json_parser_load_from_data (parser, body->data, body->length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      respond_problem (self, message, "urn:ietf:params:jmap:error:notJSON", NULL, "not JSON");
      return;
    }

  /* Lets a test change the mailbox between two requests of one sync. */
  self->n_api_requests++;
  if (self->api_hook != NULL)
    self->api_hook (self, self->n_api_requests, self->api_hook_data);

  request = json_node_get_object (json_parser_get_root (parser));
  using = json_object_get_array_member (request, "using");
  calls = json_object_get_array_member (request, "methodCalls");
  if (using == NULL || calls == NULL)
    {
      respond_problem (self, message, "urn:ietf:params:jmap:error:notRequest", NULL, "not a request");
      return;
    }

  for (guint i = 0; i < json_array_get_length (using); i++)
    if (g_strcmp0 (json_array_get_string_element (using, i), "urn:ietf:params:jmap:core") == 0)
      has_core = TRUE;
  if (!has_core)
    {
      respond_problem (self, message, "urn:ietf:params:jmap:error:unknownCapability", NULL, "core missing");
      return;
    }

  self->max_calls_seen = MAX (self->max_calls_seen, json_array_get_length (calls));

  /* This server refuses the limit for the whole request, as some do. */
  if (json_array_get_length (calls) > self->enforced_calls_in_request)
    {
      respond_problem (self, message, "urn:ietf:params:jmap:error:limit", "maxCallsInRequest",
                       "too many method calls");
      return;
    }

  responses = json_array_new ();
  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonArray *call = json_array_get_array_element (calls, i);
      const char *name = json_array_get_string_element (call, 0);
      JsonObject *arguments = json_array_get_object_element (call, 1);
      const char *call_id = json_array_get_string_element (call, 2);
      JsonNode *result = NULL;
      JsonArray *triple = json_array_new ();

      result = resolve_references (arguments, responses);
      if (result == NULL && !account_ok (arguments))
        result = method_error ("accountNotFound", NULL);

      if (result == NULL)
        {
          if (g_strcmp0 (name, "Mailbox/get") == 0)
            result = mailbox_get (self, arguments);
          else if (g_strcmp0 (name, "Mailbox/query") == 0)
            result = mailbox_query (self, arguments);
          else if (g_strcmp0 (name, "Email/query") == 0)
            result = email_query (self, arguments);
          else if (g_strcmp0 (name, "Email/get") == 0)
            result = email_get (self, arguments);
          else if (g_strcmp0 (name, "Email/changes") == 0)
            result = email_changes (self, arguments);
          else
            result = method_error ("unknownMethod", name);
        }

      /* Every successful answer names its account; errors do not. */
      json_array_add_string_element (triple,
                                     json_object_has_member (json_node_get_object (result), "accountId")
                                     ? name : "error");
      json_array_add_element (triple, result);
      json_array_add_string_element (triple, call_id);
      json_array_add_array_element (responses, triple);
    }

  response = json_object_new ();
  json_object_set_array_member (response, "methodResponses", responses);
  json_object_set_string_member (response, "sessionState", self->session_state);
  response_node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (response_node, response);

  respond_json (self, message, 200, "application/json", response_node);
}

static void
handle_download (FlawFakeJmapServer *self,
                 SoupServerMessage  *message,
                 const char         *path)
{
  g_auto(GStrv) parts = g_strsplit (path + strlen (DOWNLOAD_PREFIX), "/", 3);
  GHashTableIter iter;
  Email *email;

  if (g_strv_length (parts) < 2 || g_strcmp0 (parts[0], ACCOUNT_ID) != 0)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  g_hash_table_iter_init (&iter, self->emails);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &email))
    for (guint i = 0; i < email->attachments->len; i++)
      {
        Attachment *attachment = g_ptr_array_index (email->attachments, i);

        if (g_str_equal (attachment->blob_id, parts[1]))
          {
            respond (self, message, 200, attachment->type, g_strdup (attachment->content));
            return;
          }
      }

  soup_server_message_set_status (message, 404, NULL);
}

static gboolean
check_auth (FlawFakeJmapServer *self,
            SoupServerMessage  *message)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                     "Authorization");
  g_autofree char *pair = g_strconcat (self->user, ":", self->password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", self->password, NULL);

  return g_strcmp0 (header, basic) == 0 || g_strcmp0 (header, bearer) == 0;
}

static void
dispatch (FlawFakeJmapServer *self,
          SoupServerMessage  *message)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (message));

  if (self->fail_count > 0)
    {
      self->fail_count--;
      respond (self, message, self->fail_status, "text/plain", g_strdup ("failing on purpose"));
      return;
    }

  if (g_str_equal (path, "/.well-known/jmap"))
    {
      g_autofree char *target = url_for (self, SESSION_PATH);

      soup_server_message_set_redirect (message, 307, target);
      return;
    }

  if (!check_auth (self, message))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "WWW-Authenticate", "Basic realm=\"jmap\", Bearer");
      respond (self, message, 401, "text/plain", g_strdup ("wrong credentials"));
      return;
    }

  if (g_str_equal (path, SESSION_PATH))
    handle_session (self, message);
  else if (g_str_equal (path, API_PATH))
    handle_api (self, message);
  else if (g_str_has_prefix (path, DOWNLOAD_PREFIX))
    handle_download (self, message, path);
  else
    soup_server_message_set_status (message, 404, NULL);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  FlawFakeJmapServer *self = g_object_get_data (G_OBJECT (delayed->message), "fake-server");

  self->delayed = g_list_remove (self->delayed, delayed);
  dispatch (self, delayed->message);
  soup_server_message_unpause (delayed->message);
  g_object_unref (delayed->message);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FlawFakeJmapServer *self = user_data;

  self->n_requests++;

  if (self->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->message = g_object_ref (message);
      g_object_set_data (G_OBJECT (message), "fake-server", self);
      soup_server_message_pause (message);
      delayed->source_id = g_timeout_add (self->delay_ms, delayed_cb, delayed);
      self->delayed = g_list_prepend (self->delayed, delayed);
      return;
    }

  dispatch (self, message);
}

static void
flaw_fake_jmap_server_dispose (GObject *object)
{
  FlawFakeJmapServer *self = (FlawFakeJmapServer *)object;

  for (GList *l = self->delayed; l != NULL; l = l->next)
    {
      Delayed *delayed = l->data;

      g_source_remove (delayed->source_id);
      g_object_unref (delayed->message);
      g_free (delayed);
    }
  g_clear_pointer (&self->delayed, g_list_free);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (flaw_fake_jmap_server_parent_class)->dispose (object);
}

static void
flaw_fake_jmap_server_finalize (GObject *object)
{
  FlawFakeJmapServer *self = (FlawFakeJmapServer *)object;

  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->user);
  g_free (self->password);
  g_free (self->session_state);
  g_ptr_array_unref (self->mailboxes);
  g_hash_table_unref (self->emails);
  g_ptr_array_unref (self->email_order);
  g_array_unref (self->changes);

  G_OBJECT_CLASS (flaw_fake_jmap_server_parent_class)->finalize (object);
}

static void
flaw_fake_jmap_server_class_init (FlawFakeJmapServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flaw_fake_jmap_server_dispose;
  object_class->finalize = flaw_fake_jmap_server_finalize;
}

static void
flaw_fake_jmap_server_init (FlawFakeJmapServer *self)
{
  self->mailboxes = g_ptr_array_new_with_free_func ((GDestroyNotify) mailbox_free);
  self->emails = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) email_free);
  self->email_order = g_ptr_array_new_with_free_func (g_free);
  self->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (self->changes, (GDestroyNotify) change_clear);
  self->max_objects_in_get = self->enforced_objects_in_get = 256;
  self->max_calls_in_request = self->enforced_calls_in_request = 16;
  self->session_state = g_strdup ("session-1");
}

FlawFakeJmapServer *
flaw_fake_jmap_server_new (const char *user,
                           const char *password)
{
  return flaw_fake_jmap_server_new_on_port (user, password, 0);
}

/**
 * flaw_fake_jmap_server_new_on_port:
 * @port: the port, or 0 for a free one
 *
 * A server on a known port lets a second process serve the same mailbox
 * at the same address.
 */
FlawFakeJmapServer *
flaw_fake_jmap_server_new_on_port (const char *user,
                                   const char *password,
                                   guint       port)
{
  g_autoptr(FlawFakeJmapServer) self = g_object_new (FLAW_TYPE_FAKE_JMAP_SERVER, NULL);

  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->server = flaw_test_server_new ("flaw-fake-jmap ", port, handler, self, &self->base);

  return g_steal_pointer (&self);
}

guint
flaw_fake_jmap_server_get_port (FlawFakeJmapServer *self)
{
  return (guint) g_uri_get_port (self->base);
}

char *
flaw_fake_jmap_server_dup_base_url (FlawFakeJmapServer *self)
{
  return g_uri_to_string (self->base);
}

char *
flaw_fake_jmap_server_dup_session_url (FlawFakeJmapServer *self)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (self->base, SESSION_PATH, G_URI_FLAGS_NONE, NULL);

  return g_uri_to_string (uri);
}

const char *
flaw_fake_jmap_server_add_mailbox (FlawFakeJmapServer *self,
                                   const char         *name,
                                   const char         *role)
{
  Mailbox *mailbox = g_new0 (Mailbox, 1);

  mailbox->id = g_strdup_printf ("M%u", self->mailboxes->len + 1);
  mailbox->name = g_strdup (name);
  mailbox->role = g_strdup (role);
  g_ptr_array_add (self->mailboxes, mailbox);

  return mailbox->id;
}

const char *
flaw_fake_jmap_server_add_email (FlawFakeJmapServer *self,
                                 const char         *mailbox_id,
                                 const char         *message_id,
                                 const char         *in_reply_to,
                                 const char         *subject,
                                 const char         *from_name,
                                 const char         *from_email,
                                 const char         *text_body,
                                 const char         *html_body,
                                 gint64              received)
{
  Email *email = g_new0 (Email, 1);

  email->id = g_strdup_printf ("E%05u", ++self->next_id);
  email->mailbox_id = g_strdup (mailbox_id);
  email->message_id = g_strdup (message_id);
  email->in_reply_to = g_strdup (in_reply_to);
  email->subject = g_strdup (subject);
  email->from_name = g_strdup (from_name);
  email->from_email = g_strdup (from_email);
  email->text_body = g_strdup (text_body);
  email->html_body = g_strdup (html_body);
  email->received = received;
  email->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);

  g_hash_table_insert (self->emails, email->id, email);
  g_ptr_array_add (self->email_order, g_strdup (email->id));
  record_change (self, email->id, CHANGE_CREATED);

  /* Stays valid after the mail is destroyed. */
  return g_ptr_array_index (self->email_order, self->email_order->len - 1);
}

void
flaw_fake_jmap_server_add_attachment (FlawFakeJmapServer *self,
                                      const char         *email_id,
                                      const char         *name,
                                      const char         *type,
                                      const char         *content)
{
  Email *email = g_hash_table_lookup (self->emails, email_id);
  Attachment *attachment = g_new0 (Attachment, 1);

  g_assert (email != NULL);

  attachment->blob_id = g_strdup_printf ("B-%s-%u", email_id, email->attachments->len);
  attachment->name = g_strdup (name);
  attachment->type = g_strdup (type);
  attachment->content = g_strdup (content);
  g_ptr_array_add (email->attachments, attachment);
}

void
flaw_fake_jmap_server_move_email (FlawFakeJmapServer *self,
                                  const char         *email_id,
                                  const char         *mailbox_id)
{
  Email *email = g_hash_table_lookup (self->emails, email_id);

  g_assert (email != NULL);

  g_free (email->mailbox_id);
  email->mailbox_id = g_strdup (mailbox_id);
  record_change (self, email_id, CHANGE_UPDATED);
}

void
flaw_fake_jmap_server_destroy_email (FlawFakeJmapServer *self,
                                     const char         *email_id)
{
  g_autofree char *id = g_strdup (email_id);

  g_assert (g_hash_table_contains (self->emails, id));

  g_hash_table_remove (self->emails, id);
  record_change (self, id, CHANGE_DESTROYED);
}

/* Old states can no longer be answered: Email/changes from them fails with
 * cannotCalculateChanges. */
void
flaw_fake_jmap_server_forget_changes (FlawFakeJmapServer *self)
{
  self->min_state = self->state;
}

void
flaw_fake_jmap_server_set_limits (FlawFakeJmapServer *self,
                                  guint               max_objects_in_get,
                                  guint               max_calls_in_request)
{
  self->max_objects_in_get = self->enforced_objects_in_get = max_objects_in_get;
  self->max_calls_in_request = self->enforced_calls_in_request = max_calls_in_request;
}

/* Limits enforced without being announced, as by servers that leave the
 * optional session fields out. */
void
flaw_fake_jmap_server_set_enforced_limits (FlawFakeJmapServer *self,
                                           guint               max_objects_in_get,
                                           guint               max_calls_in_request)
{
  self->enforced_objects_in_get = max_objects_in_get;
  self->enforced_calls_in_request = max_calls_in_request;
}

void
flaw_fake_jmap_server_set_relative_urls (FlawFakeJmapServer *self,
                                         gboolean            relative)
{
  self->relative_urls = relative;
}

/* Leaves out the optional session fields: the core limits and
 * primaryAccounts. */
void
flaw_fake_jmap_server_set_minimal_session (FlawFakeJmapServer *self,
                                           gboolean            minimal)
{
  self->minimal_session = minimal;
}

void
flaw_fake_jmap_server_set_session_state (FlawFakeJmapServer *self,
                                         const char         *state)
{
  g_free (self->session_state);
  self->session_state = g_strdup (state);
}

void
flaw_fake_jmap_server_fail_next (FlawFakeJmapServer *self,
                                 guint               n_requests,
                                 guint               status)
{
  self->fail_count = n_requests;
  self->fail_status = status;
}

void
flaw_fake_jmap_server_set_delay (FlawFakeJmapServer *self,
                                 guint               milliseconds)
{
  self->delay_ms = milliseconds;
}

void
flaw_fake_jmap_server_corrupt_next (FlawFakeJmapServer *self,
                                    FlawFakeCorruption  corruption)
{
  self->corruption = corruption;
}

guint
flaw_fake_jmap_server_get_request_count (FlawFakeJmapServer *self)
{
  return self->n_requests;
}

guint
flaw_fake_jmap_server_get_session_count (FlawFakeJmapServer *self)
{
  return self->n_sessions;
}

guint
flaw_fake_jmap_server_get_max_calls_seen (FlawFakeJmapServer *self)
{
  return self->max_calls_seen;
}

void
flaw_fake_jmap_server_set_api_hook (FlawFakeJmapServer *self,
                                    FlawFakeJmapHook    hook,
                                    gpointer            user_data)
{
  self->api_hook = hook;
  self->api_hook_data = user_data;
}
