/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-github-codec.h"
#include "flaw-jmap-codec.h"

static void
test_html_to_text (void)
{
  struct { const char *html; const char *text; } cases[] = {
    { "<p>Hello</p><p>World</p>", "Hello\nWorld" },
    { "a<br>b<br/>c<BR />d", "a\nb\nc\nd" },
    { "<script>fetch('https://evil')</script>safe", "safe" },
    { "<style>p{color:red}</style><p>x</p>", "x" },
    { "<head><title>T</title></head><body>body</body>", "body" },
    { "&lt;img src=x&gt; &amp;&amp; &quot;q&quot; &#65;&#x42; &nbsp;x", "<img src=x> && \"q\" AB  x" },
    { "&bogus; &#xD800; &#0; & alone", "&bogus; &#xD800; &#0; & alone" },
    { "<ul><li>one</li><li>two</li></ul>", "• one\n• two" },
    { "<img src=\"https://tracker.example/p.gif\">seen", "seen" },
    { "<!-- hidden <b>comment</b> -->shown", "shown" },
    { "multi\n  line\n\tsource", "multi line source" },
    { "<table><tr><td>a</td><td>b</td></tr></table>", "a b" },
    { "unterminated <b", "unterminated" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = flaw_jmap_html_to_text (cases[i].html);

      g_test_message ("%s", cases[i].html);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* Invalid UTF-8 never gets through. */
  {
    g_autofree char *text = flaw_jmap_html_to_text ("bad \xff\xfe byte");

    g_assert_true (g_utf8_validate (text, -1, NULL));
  }
}

static void
test_truncate (void)
{
  struct { const char *text; gsize max; const char *expected; gboolean truncated; } cases[] = {
    { "äöü", 3, "ä", TRUE },
    { "äöü", 4, "äö", TRUE },
    { "äöü", 6, "äöü", FALSE },
    { "äöü", 0, "äöü", FALSE },
    { "漏洞", 2, "", TRUE },
    { "漏洞", 3, "漏", TRUE },
    { "bad \xff", 0, "bad \xef\xbf\xbd", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean truncated = !cases[i].truncated;
      g_autofree char *text = flaw_jmap_truncate_utf8 (cases[i].text, cases[i].max, &truncated);

      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_cmpint (truncated, ==, cases[i].truncated);
    }
}

static void
test_session (void)
{
  const char *session =
    "{\"capabilities\":{\"urn:ietf:params:jmap:core\":{\"maxObjectsInGet\":64,\"maxCallsInRequest\":8},"
    "\"urn:ietf:params:jmap:mail\":{}},"
    "\"accounts\":{\"u1\":{\"name\":\"me\",\"accountCapabilities\":{\"urn:ietf:params:jmap:mail\":{}}}},"
    "\"primaryAccounts\":{\"urn:ietf:params:jmap:mail\":\"u1\"},"
    "\"apiUrl\":\"/api/\",\"downloadUrl\":\"../dl/{accountId}/{blobId}/{name}?type={type}\","
    "\"state\":\"s1\",\"unknownField\":[1,2,3]}";
  const char *minimal =
    "{\"capabilities\":{\"urn:ietf:params:jmap:core\":{},\"urn:ietf:params:jmap:mail\":{}},"
    "\"accounts\":{\"x\":{\"name\":\"me\"}},\"apiUrl\":\"https://h.example/api\"}";
  g_autoptr(GUri) base = g_uri_parse ("https://mail.example.org/jmap/session", G_URI_FLAGS_NONE, NULL);
  g_autoptr(FlawJmapSession) parsed = NULL;
  g_autoptr(FlawJmapSession) copy = NULL;
  g_autoptr(FlawJmapSession) restored = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  parsed = flaw_jmap_session_parse (session, strlen (session), base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->api_url, ==, "https://mail.example.org/api/");
  g_assert_cmpstr (parsed->download_url, ==, "https://mail.example.org/dl/{accountId}/{blobId}/{name}?type={type}");
  g_assert_cmpstr (parsed->account_id, ==, "u1");
  g_assert_cmpuint (parsed->max_objects_in_get, ==, 64);
  g_assert_cmpuint (parsed->max_calls_in_request, ==, 8);

  node = flaw_jmap_session_to_json (parsed);
  restored = flaw_jmap_session_from_json (node);
  copy = flaw_jmap_session_copy (restored);
  g_assert_cmpstr (copy->api_url, ==, parsed->api_url);
  g_assert_cmpstr (copy->state, ==, "s1");
  g_assert_cmpuint (copy->max_calls_in_request, ==, 8);

  g_clear_pointer (&parsed, flaw_jmap_session_free);
  parsed = flaw_jmap_session_parse (minimal, strlen (minimal), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->account_id, ==, "x");
  g_assert_cmpuint (parsed->max_objects_in_get, ==, 500);
  g_assert_cmpuint (parsed->max_calls_in_request, ==, 16);

  g_assert_null (flaw_jmap_session_parse ("{\"capabilities\":{}}", 19, NULL, &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "session address"));
  g_clear_error (&error);

  g_assert_null (flaw_jmap_session_parse ("<html>", 6, NULL, &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED);
}

static void
test_method_errors (void)
{
  const char *types[] = {
    "serverUnavailable", "serverFail", "serverPartialFail", "unknownMethod", "invalidArguments",
    "invalidResultReference", "forbidden", "accountNotFound", "accountNotSupportedByMethod",
    "accountReadOnly", "requestTooLarge", "cannotCalculateChanges", "anchorNotFound",
    "unsupportedSort", "unsupportedFilter", "tooManyChanges",
  };
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (flaw_jmap_set_error_for_type (types[i], NULL, &error));
      g_assert_true (error->domain == FLAW_JMAP_ERROR);
      /* Plain words, one message per error, no protocol jargon. */
      g_assert_null (strstr (error->message, types[i]));
      g_assert_false (g_hash_table_contains (messages, error->message));
      g_hash_table_add (messages, g_strdup (error->message));
    }

  {
    g_autoptr(GError) error = NULL;

    flaw_jmap_set_error_for_type ("somethingNew", "details", &error);
    g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_SERVER_FAIL);
    g_assert_nonnull (strstr (error->message, "somethingNew"));
  }
}

static void
test_response (void)
{
  const char *text =
    "{\"methodResponses\":[[\"Email/changes\",{\"oldState\":\"a\",\"newState\":\"b\",\"hasMoreChanges\":true,"
    "\"created\":[\"1\"],\"updated\":[],\"destroyed\":[\"2\",\"3\"]},\"c\"],"
    "[\"error\",{\"type\":\"requestTooLarge\"},\"g\"]],\"sessionState\":\"s9\"}";
  const char *limit = "{\"type\":\"urn:ietf:params:jmap:error:limit\",\"limit\":\"maxCallsInRequest\",\"status\":400}";
  g_autoptr(FlawJmapResponse) response = NULL;
  g_autoptr(FlawJmapChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *arguments;

  response = flaw_jmap_response_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->session_state, ==, "s9");

  arguments = flaw_jmap_response_get (response, "c", "Email/changes", &error);
  g_assert_no_error (error);
  changes = flaw_jmap_changes_parse (arguments, &error);
  g_assert_no_error (error);
  g_assert_true (changes->has_more_changes);
  g_assert_cmpuint (changes->created->len, ==, 1);
  g_assert_cmpuint (changes->destroyed->len, ==, 2);

  g_assert_null (flaw_jmap_response_get (response, "g", "Email/get", &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_REQUEST_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (flaw_jmap_response_get (response, "missing", "Email/get", &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (flaw_jmap_response_parse (limit, strlen (limit), &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_LIMIT);
  g_clear_error (&error);

  g_assert_null (flaw_jmap_response_parse ("{\"methodResponses\":[[1,2]]}", 27, &error));
  g_assert_error (error, FLAW_JMAP_ERROR, FLAW_JMAP_ERROR_MALFORMED);
}

static void
test_email (void)
{
  const char *text =
    "{\"list\":[{\"id\":\"e1\",\"mailboxIds\":{\"in\":true},\"messageId\":[\"m1@x\"],\"inReplyTo\":null,"
    "\"references\":[\"m0@x\",\"mz@x\"],\"from\":[{\"name\":null,\"email\":\"a@x\"}],\"subject\":\"\","
    "\"receivedAt\":\"2026-09-01T10:00:00Z\",\"textBody\":[{\"partId\":\"1\",\"type\":\"text/plain\"},"
    "{\"partId\":\"2\",\"type\":\"text/html\"}],\"bodyValues\":{\"1\":{\"value\":\"plain\",\"isTruncated\":true},"
    "\"2\":{\"value\":\"<b>html</b>\"}},\"attachments\":[{\"blobId\":\"b1\",\"name\":\"x.txt\",\"type\":\"text/plain\","
    "\"size\":3},{\"name\":\"no blob\"}]},"
    "{\"id\":\"e2\",\"mailboxIds\":{\"other\":true}},{\"id\":\"e3\",\"mailboxIds\":[]}],"
    "\"notFound\":[\"e4\"],\"state\":\"st\"}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) elsewhere = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  FlawSyncedMessage *message;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  messages = flaw_jmap_email_list_parse (json_node_get_object (json_parser_get_root (parser)), "in",
                                         1000, elsewhere, &state, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (elsewhere->len, ==, 3);
  g_assert_cmpstr (state, ==, "st");

  message = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (message->remote_id, ==, "e1");
  g_assert_cmpstr (message->message_id, ==, "m1@x");
  g_assert_null (message->in_reply_to);
  g_assert_cmpstr (message->refs[1], ==, "mz@x");
  g_assert_cmpstr (message->title, ==, "(no subject)");
  g_assert_cmpstr (message->reporter, ==, "a@x");
  g_assert_cmpstr (message->body, ==, "plain\n\nhtml");
  g_assert_true (message->body_truncated);
  g_assert_false (message->html_only);
  g_assert_cmpint (message->received, ==, 1788256800);
  g_assert_cmpuint (message->attachments->len, ==, 1);
}

static void
test_github (void)
{
  const char *page =
    "[{\"ghsa_id\":\"GHSA-1\",\"summary\":\"S\",\"description\":null,\"severity\":\"moderate\","
    "\"author\":{\"login\":\"reporter\"},\"submission\":{\"accepted\":false},"
    "\"cvss_severities\":{\"cvss_v3\":{\"vector_string\":\"CVSS:3.1/AV:N\",\"score\":5.5}},"
    "\"cwes\":[{\"cwe_id\":\"CWE-79\",\"name\":\"XSS\"}],\"created_at\":\"2026-01-01T00:00:00Z\"},"
    "{\"ghsa_id\":\"GHSA-2\",\"summary\":\"\",\"credits\":[{\"login\":\"f\",\"type\":\"finder\"}],"
    "\"cvss\":{\"vector_string\":\"V\",\"score\":99}}]";
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *none = NULL;
  FlawSyncedMessage *message;

  messages = flaw_github_advisories_parse (page, strlen (page), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);

  message = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (message->title, ==, "S");
  g_assert_cmpstr (message->body, ==, "");
  g_assert_null (message->severity);
  g_assert_cmpstr (message->reporter, ==, "reporter");
  g_assert_cmpstr (message->cvss_vector, ==, "CVSS:3.1/AV:N");
  g_assert_true (message->has_cvss_score);
  g_assert_cmpstr (message->cwe, ==, "CWE-79");
  g_assert_cmpint (message->received, ==, 1767225600);

  message = g_ptr_array_index (messages, 1);
  g_assert_cmpstr (message->title, ==, "GHSA-2");
  g_assert_cmpstr (message->reporter, ==, "f");
  g_assert_false (message->has_cvss_score);

  g_clear_pointer (&messages, g_ptr_array_unref);
  {
    const char *states =
      "[{\"ghsa_id\":\"GHSA-t\",\"state\":\"triage\"},{\"ghsa_id\":\"GHSA-d\",\"state\":\"draft\"},"
      "{\"ghsa_id\":\"GHSA-p\",\"state\":\"published\"},{\"ghsa_id\":\"GHSA-c\",\"state\":\"closed\"},"
      "{\"ghsa_id\":\"GHSA-w\",\"state\":\"withdrawn\"}]";
    g_autoptr(GPtrArray) present = g_ptr_array_new_with_free_func (g_free);

    /* Triage and draft become reports; all but withdrawn still exist. */
    messages = flaw_github_advisories_parse (states, strlen (states), present, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (messages->len, ==, 2);
    g_assert_cmpstr (((FlawSyncedMessage *) g_ptr_array_index (messages, 0))->remote_id, ==, "GHSA-t");
    g_assert_cmpstr (((FlawSyncedMessage *) g_ptr_array_index (messages, 1))->remote_id, ==, "GHSA-d");
    g_assert_cmpuint (present->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (present, 2), ==, "GHSA-p");
    g_assert_cmpstr (g_ptr_array_index (present, 3), ==, "GHSA-c");
    g_clear_pointer (&messages, g_ptr_array_unref);
  }
  g_assert_null (flaw_github_advisories_parse ("{\"message\":\"Not Found\"}", 23, NULL, &error));
  g_assert_error (error, FLAW_GITHUB_ERROR, FLAW_GITHUB_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (flaw_github_advisories_parse ("[{\"summary\":\"no id\"}]", 21, NULL, &error));
  g_assert_error (error, FLAW_GITHUB_ERROR, FLAW_GITHUB_ERROR_MALFORMED);

  next = flaw_github_link_next ("<https://api.github.com/x?page=1>; rel=\"prev\", "
                                "<https://api.github.com/x?page=3&after=Y2>; rel=\"next\"");
  g_assert_cmpstr (next, ==, "https://api.github.com/x?page=3&after=Y2");
  none = flaw_github_link_next ("<https://api.github.com/x?page=1>; rel=\"last\"");
  g_assert_null (none);
  g_assert_null (flaw_github_link_next ("garbage <"));

  g_assert_true (flaw_github_repo_is_valid ("gnome/gnome-text-editor"));
  g_assert_false (flaw_github_repo_is_valid ("a/b/c"));
  g_assert_false (flaw_github_repo_is_valid ("../x"));
  g_assert_false (flaw_github_repo_is_valid ("owner/"));
  g_assert_false (flaw_github_repo_is_valid ("owner/.."));
  g_assert_true (flaw_github_repo_is_valid ("owner/.github"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/jmap-codec/html-to-text", test_html_to_text);
  g_test_add_func ("/flawdesk/jmap-codec/truncate", test_truncate);
  g_test_add_func ("/flawdesk/jmap-codec/session", test_session);
  g_test_add_func ("/flawdesk/jmap-codec/method-errors", test_method_errors);
  g_test_add_func ("/flawdesk/jmap-codec/response", test_response);
  g_test_add_func ("/flawdesk/jmap-codec/email", test_email);
  g_test_add_func ("/flawdesk/jmap-codec/github", test_github);

  return g_test_run ();
}
