/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "flaw-synced-message.h"

G_BEGIN_DECLS

#define FLAW_JMAP_ERROR (flaw_jmap_error_quark ())

/* RFC 8620 §3.6 errors, request level and method level. */
typedef enum
{
  FLAW_JMAP_ERROR_MALFORMED,
  FLAW_JMAP_ERROR_SERVER_UNAVAILABLE,
  FLAW_JMAP_ERROR_SERVER_FAIL,
  FLAW_JMAP_ERROR_SERVER_PARTIAL_FAIL,
  FLAW_JMAP_ERROR_UNKNOWN_METHOD,
  FLAW_JMAP_ERROR_INVALID_ARGUMENTS,
  FLAW_JMAP_ERROR_INVALID_RESULT_REFERENCE,
  FLAW_JMAP_ERROR_FORBIDDEN,
  FLAW_JMAP_ERROR_ACCOUNT_NOT_FOUND,
  FLAW_JMAP_ERROR_ACCOUNT_NOT_SUPPORTED_BY_METHOD,
  FLAW_JMAP_ERROR_ACCOUNT_READ_ONLY,
  FLAW_JMAP_ERROR_REQUEST_TOO_LARGE,
  FLAW_JMAP_ERROR_CANNOT_CALCULATE_CHANGES,
  FLAW_JMAP_ERROR_ANCHOR_NOT_FOUND,
  FLAW_JMAP_ERROR_UNSUPPORTED_SORT,
  FLAW_JMAP_ERROR_UNSUPPORTED_FILTER,
  FLAW_JMAP_ERROR_TOO_MANY_CHANGES,
  FLAW_JMAP_ERROR_MAILBOX_NOT_FOUND,
  FLAW_JMAP_ERROR_LIMIT,
} FlawJmapError;

#define FLAW_JMAP_CAPABILITY_CORE "urn:ietf:params:jmap:core"
#define FLAW_JMAP_CAPABILITY_MAIL "urn:ietf:params:jmap:mail"

typedef struct
{
  char   *api_url;
  char   *download_url;
  char   *account_id;
  char   *username;
  char   *state;
  guint   max_objects_in_get;
  guint   max_calls_in_request;
} FlawJmapSession;

typedef struct
{
  char       *name;
  JsonObject *arguments;
  char       *call_id;
} FlawJmapInvocation;

typedef struct
{
  char      *session_state;
  GPtrArray *invocations;
} FlawJmapResponse;

typedef struct
{
  char      *old_state;
  char      *new_state;
  gboolean   has_more_changes;
  GPtrArray *created;
  GPtrArray *updated;
  GPtrArray *destroyed;
} FlawJmapChanges;

GQuark            flaw_jmap_error_quark            (void);

FlawJmapSession  *flaw_jmap_session_parse          (const char             *data,
                                                    gsize                   length,
                                                    GUri                   *base,
                                                    GError                **error);
FlawJmapSession  *flaw_jmap_session_from_json      (JsonNode               *node);
JsonNode         *flaw_jmap_session_to_json        (const FlawJmapSession  *session);
FlawJmapSession  *flaw_jmap_session_copy           (const FlawJmapSession  *session);
void              flaw_jmap_session_free           (FlawJmapSession        *session);

FlawJmapResponse *flaw_jmap_response_parse         (const char             *data,
                                                    gsize                   length,
                                                    GError                **error);
JsonObject       *flaw_jmap_response_get           (FlawJmapResponse       *response,
                                                    const char             *call_id,
                                                    const char             *method,
                                                    GError                **error);
void              flaw_jmap_response_free          (FlawJmapResponse       *response);
gboolean          flaw_jmap_set_error_for_type     (const char             *type,
                                                    const char             *description,
                                                    GError                **error);

char             *flaw_jmap_build_request          (GPtrArray              *invocations);
FlawJmapInvocation *flaw_jmap_invocation_new       (const char             *name,
                                                    JsonObject             *arguments,
                                                    const char             *call_id);
void              flaw_jmap_invocation_free        (FlawJmapInvocation     *invocation);
JsonObject       *flaw_jmap_email_get_arguments    (const char             *account_id,
                                                    const char             *result_of,
                                                    const char             *result_name,
                                                    const char             *result_path,
                                                    guint                   max_body_bytes);

char             *flaw_jmap_find_mailbox           (JsonObject             *mailbox_get,
                                                    const char             *wanted,
                                                    GError                **error);
GPtrArray        *flaw_jmap_parse_ids              (JsonObject             *arguments,
                                                    const char             *member,
                                                    GError                **error);
FlawJmapChanges  *flaw_jmap_changes_parse          (JsonObject             *arguments,
                                                    GError                **error);
void              flaw_jmap_changes_free           (FlawJmapChanges        *changes);
FlawSyncedMessage *flaw_jmap_email_parse           (JsonObject             *email,
                                                    const char             *mailbox_id,
                                                    guint                   max_body_bytes,
                                                    gboolean               *in_mailbox,
                                                    GError                **error);
GPtrArray        *flaw_jmap_email_list_parse       (JsonObject             *email_get,
                                                    const char             *mailbox_id,
                                                    guint                   max_body_bytes,
                                                    GPtrArray              *elsewhere_ids,
                                                    char                  **state,
                                                    GError                **error);

char             *flaw_jmap_html_to_text           (const char             *html);
char             *flaw_jmap_truncate_utf8          (const char             *text,
                                                    gsize                   max_bytes,
                                                    gboolean               *truncated);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawJmapSession, flaw_jmap_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawJmapResponse, flaw_jmap_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawJmapChanges, flaw_jmap_changes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlawJmapInvocation, flaw_jmap_invocation_free)

G_END_DECLS
