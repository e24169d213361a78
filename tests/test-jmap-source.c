/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "flaw-clock.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-jmap-codec.h"
#include "flaw-jmap-source.h"
#include "flaw-test-sync.h"
#include "flaw-test-utils.h"

#define USER "security@example.org"
#define PASSWORD "app-password-Kf83"
#define T0 1790000000

typedef struct
{
  char               *dir;
  FlawTestSync        sync;
  FlawFakeJmapServer *server;
  const char         *inbox;
  const char         *archive;
  const char         *ids[6];
  gint64              source_id;
  FlawSource         *source;
} Fixture;

static void
populate (FlawFakeJmapServer *server,
          const char        **inbox,
          const char        **archive,
          const char        **ids,
          guint               n_extra)
{
  *inbox = flaw_fake_jmap_server_add_mailbox (server, "Inbox", "inbox");
  *archive = flaw_fake_jmap_server_add_mailbox (server, "Archive", "archive");
  flaw_fake_jmap_server_add_mailbox (server, "security reports", NULL);

  ids[0] = flaw_fake_jmap_server_add_email (server, *inbox, "r1@example.org", NULL,
                                            "Heap overflow in the parser", "Ana Müller",
                                            "ana@example.org",
                                            "The length field is trusted.\nSee the attached PoC.",
                                            NULL, T0 + 100);
  ids[1] = flaw_fake_jmap_server_add_email (server, *inbox, "r2@example.org", "r1@example.org",
                                            "Re: Heap overflow in the parser", "Ana Müller",
                                            "ana@example.org", "It also crashes 1.2.3.", NULL, T0 + 200);
  ids[2] = flaw_fake_jmap_server_add_email (server, *inbox, "r3@example.org", NULL, "XSS in login",
                                            NULL, "bob@example.net", NULL,
                                            "<p>XSS in <b>login</b> form &amp; more</p>"
                                            "<script>alert(1)</script>line<br>two &#x263A;",
                                            T0 + 300);
  ids[3] = flaw_fake_jmap_server_add_email (server, *inbox, "r4@example.org", NULL,
                                            "Sicherheitslücke – 漏洞 in Übersetzung", "Zoë Ñúñez",
                                            "zoe@example.org", "Grüße aus Köln ✓", NULL, T0 + 400);
  ids[4] = flaw_fake_jmap_server_add_email (server, *inbox, "r5@example.org", NULL,
                                            "Path traversal with PoC", "Eve", "eve@example.com",
                                            "PoC attached.", NULL, T0 + 500);
  flaw_fake_jmap_server_add_attachment (server, ids[4], "poc.py", "text/x-python", "print('poc')");
  ids[5] = flaw_fake_jmap_server_add_email (server, *archive, "r6@example.org", NULL,
                                            "Old newsletter", NULL, "news@example.com", "Hi", NULL,
                                            T0 + 50);

  for (guint i = 0; i < n_extra; i++)
    {
      g_autofree char *message_id = g_strdup_printf ("extra%u@example.org", i);
      g_autofree char *subject = g_strdup_printf ("Report %03u", i);
      g_autofree char *body = g_strdup_printf ("Finding number %u.\n", i);

      flaw_fake_jmap_server_add_email (server, *inbox, message_id, NULL, subject, "Finder",
                                       "finder@example.org", body, NULL, T0 + 1000 + i);
    }
}

/* The changes after the first sync: one new mail, one moved out, one
 * deleted. */
static void
mutate (FlawFakeJmapServer  *server,
        const char          *inbox,
        const char          *archive,
        const char         **ids)
{
  flaw_fake_jmap_server_add_email (server, inbox, "r7@example.org", "r2@example.org",
                                   "Re: Re: Heap overflow in the parser", "Maintainer",
                                   "dev@example.org", "Fixed in 1.2.4.", NULL, T0 + 600);
  flaw_fake_jmap_server_move_email (server, ids[3], archive);
  flaw_fake_jmap_server_destroy_email (server, ids[4]);
}

static char *
make_config (FlawFakeJmapServer *server,
             gboolean            discovery,
             const char         *auth)
{
  g_autofree char *url = discovery ? flaw_fake_jmap_server_dup_base_url (server)
                                   : flaw_fake_jmap_server_dup_session_url (server);
  g_autoptr(GError) error = NULL;
  char *config = flaw_jmap_source_build_config (url, USER, auth, NULL, &error);

  g_assert_no_error (error);

  return config;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *config = NULL;

  if (g_test_subprocess ())
    return;

  flaw_clock_set_fixed (T0 + 10000);
  fixture->dir = flaw_test_make_tmp_dir ();
  flaw_test_sync_init (&fixture->sync, fixture->dir);
  fixture->server = flaw_fake_jmap_server_new (USER, PASSWORD);
  populate (fixture->server, &fixture->inbox, &fixture->archive, fixture->ids, 0);

  config = make_config (fixture->server, FALSE, "basic");
  fixture->source_id = flaw_test_sync_add_source (&fixture->sync, "jmap", "Security inbox", config, PASSWORD);
  fixture->source = flaw_test_sync_make_source (&fixture->sync, fixture->source_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    return;

  g_clear_object (&fixture->source);
  flaw_test_sync_clear (&fixture->sync);
  g_clear_object (&fixture->server);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static FlawIngestResult *
sync_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result = flaw_test_sync_run (&fixture->sync, fixture->source, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static gint64
report_int (Fixture    *fixture,
            const char *column_sql,
            const char *remote_id)
{
  return flaw_test_sync_query_int (&fixture->sync, column_sql, remote_id);
}

static void
test_first_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;
  g_autofree char *title = NULL;
  g_autofree char *reporter = NULL;
  g_autofree char *body = NULL;
  g_autofree char *state = NULL;
  gint64 root;

  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 5);
  g_assert_cmpuint (result->n_updated, ==, 0);
  g_assert_cmpuint (result->n_unchanged, ==, 0);
  g_assert_cmpuint (result->new_report_ids->len, ==, 5);

  /* session, Mailbox/get, one Email/query + Email/get request */
  g_assert_cmpuint (flaw_fake_jmap_server_get_request_count (fixture->server), ==, 3);

  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 5);
  g_assert_cmpint (report_int (fixture, "SELECT count (*) FROM report WHERE remote_id = ?", fixture->ids[5]), ==, 0);

  /* The follow-up joins the report it answers. */
  root = report_int (fixture, "SELECT id FROM report WHERE remote_id = ?", fixture->ids[0]);
  g_assert_cmpint (report_int (fixture, "SELECT thread_of FROM report WHERE remote_id = ?", fixture->ids[1]), ==, root);
  g_assert_cmpint (report_int (fixture, "SELECT thread_of IS NULL FROM report WHERE remote_id = ?", fixture->ids[0]), ==, 1);

  /* HTML only: turned into text, never rendered. */
  body = flaw_test_sync_query_text (&fixture->sync, "SELECT body FROM report WHERE remote_id = ?", fixture->ids[2]);
  g_assert_cmpstr (body, ==, "XSS in login form & more\nline\ntwo ☺");
  g_assert_cmpint (report_int (fixture, "SELECT html_only FROM report WHERE remote_id = ?", fixture->ids[2]), ==, 1);
  g_assert_cmpint (report_int (fixture, "SELECT html_only FROM report WHERE remote_id = ?", fixture->ids[0]), ==, 0);

  /* Non-ASCII headers survive. */
  title = flaw_test_sync_query_text (&fixture->sync, "SELECT title FROM report WHERE remote_id = ?", fixture->ids[3]);
  reporter = flaw_test_sync_query_text (&fixture->sync, "SELECT reporter FROM report WHERE remote_id = ?", fixture->ids[3]);
  g_assert_cmpstr (title, ==, "Sicherheitslücke – 漏洞 in Übersetzung");
  g_assert_cmpstr (reporter, ==, "Zoë Ñúñez");
  g_clear_pointer (&reporter, g_free);
  reporter = flaw_test_sync_query_text (&fixture->sync, "SELECT reporter FROM report WHERE remote_id = ?", fixture->ids[2]);
  g_assert_cmpstr (reporter, ==, "bob@example.net");

  g_assert_cmpint (report_int (fixture, "SELECT received FROM report WHERE remote_id = ?", fixture->ids[0]), ==, T0 + 100);

  /* Attachments are listed, not downloaded. */
  g_assert_cmpint (report_int (fixture, "SELECT count (*) FROM attachment a JOIN report r ON r.id = a.report_id "
                                        "WHERE r.remote_id = ? AND a.name = 'poc.py' AND a.size = 12 "
                                        "AND a.type = 'text/x-python' AND a.downloaded_path IS NULL",
                               fixture->ids[4]), ==, 1);

  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT count (*) FROM event WHERE entity = 'report' AND field = 'synced'",
                                             NULL), ==, 5);

  state = flaw_test_sync_query_text (&fixture->sync, "SELECT json_extract (state, '$.emailState') FROM source", NULL);
  g_assert_true (g_str_has_prefix (state, "st-"));

  /* A second sync with nothing new is one request. */
  g_clear_pointer (&result, flaw_ingest_result_free);
  result = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_jmap_server_get_request_count (fixture->server), ==, 4);
  g_assert_cmpuint (result->n_new + result->n_updated + result->n_withdrawn, ==, 0);
}

static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(FlawSource) source = NULL;
  g_autofree char *config = NULL;
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  FlawTestSync other = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A host name only, a server answering with relative URLs and without
   * the optional session fields, and a Bearer token. */
  flaw_fake_jmap_server_set_relative_urls (fixture->server, TRUE);
  flaw_fake_jmap_server_set_minimal_session (fixture->server, TRUE);
  flaw_test_sync_init (&other, dir);
  config = make_config (fixture->server, TRUE, "bearer");
  g_assert_nonnull (strstr (config, "\"bearer\""));
  id = flaw_test_sync_add_source (&other, "jmap", "Discovered", config, PASSWORD);
  source = flaw_test_sync_make_source (&other, id);

  result = flaw_test_sync_run (&other, source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_new, ==, 5);

  g_clear_object (&source);
  flaw_test_sync_clear (&other);
  flaw_test_remove_tree (dir);
}

static void
test_delta_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = sync_ok (fixture);
  g_autoptr(FlawIngestResult) delta = NULL;
  g_autoptr(FlawIngestResult) back = NULL;
  gint64 root = report_int (fixture, "SELECT id FROM report WHERE remote_id = ?", fixture->ids[0]);
  guint requests;

  mutate (fixture->server, fixture->inbox, fixture->archive, fixture->ids);
  requests = flaw_fake_jmap_server_get_request_count (fixture->server);

  delta = sync_ok (fixture);
  g_assert_cmpuint (delta->n_new, ==, 1);
  g_assert_cmpuint (delta->n_withdrawn, ==, 2);
  g_assert_cmpuint (flaw_fake_jmap_server_get_request_count (fixture->server), ==, requests + 1);

  /* A sync with no changes is a single request (Email/changes from the state). */
  {
    g_autoptr(FlawIngestResult) idle = NULL;

    requests = flaw_fake_jmap_server_get_request_count (fixture->server);
    idle = sync_ok (fixture);
    g_assert_cmpuint (idle->n_new, ==, 0);
    g_assert_cmpuint (idle->n_updated, ==, 0);
    g_assert_cmpuint (idle->n_withdrawn, ==, 0);
    g_assert_cmpuint (flaw_fake_jmap_server_get_request_count (fixture->server), ==, requests + 1);
  }

  /* Withdrawn, never deleted. */
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
  g_assert_cmpint (report_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", fixture->ids[3]), ==, 1);
  g_assert_cmpint (report_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", fixture->ids[4]), ==, 1);
  g_assert_cmpint (report_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", fixture->ids[0]), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT thread_of FROM report WHERE message_id = 'r7@example.org'",
                                             NULL), ==, root);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync,
                                             "SELECT count (*) FROM event WHERE field = 'withdrawn' AND new_value = '1'",
                                             NULL), ==, 2);

  /* Moved back: the same report returns. */
  flaw_fake_jmap_server_move_email (fixture->server, fixture->ids[3], fixture->inbox);
  back = sync_ok (fixture);
  g_assert_cmpuint (back->n_new, ==, 0);
  g_assert_cmpuint (back->n_updated, ==, 1);
  g_assert_cmpint (report_int (fixture, "SELECT withdrawn FROM report WHERE remote_id = ?", fixture->ids[3]), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
}

static void
test_paged_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = sync_ok (fixture);
  g_autoptr(FlawIngestResult) delta = NULL;
  guint requests;

  /* More changes than one Email/changes page (maxChanges is capped by
   * maxObjectsInGet): hasMoreChanges is followed. */
  flaw_fake_jmap_server_set_limits (fixture->server, 4, 16);
  flaw_fake_jmap_server_set_session_state (fixture->server, "session-2");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Late report %u", i);

      flaw_fake_jmap_server_add_email (fixture->server, fixture->inbox, NULL, NULL, subject, NULL,
                                       "late@example.org", "text", NULL, T0 + 2000 + i);
    }

  requests = flaw_fake_jmap_server_get_request_count (fixture->server);
  delta = sync_ok (fixture);
  g_assert_cmpuint (delta->n_new, ==, 10);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 15);
  g_assert_cmpuint (flaw_fake_jmap_server_get_request_count (fixture->server) - requests, >=, 3);
}

static void
test_forced_resync (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) delta = NULL;
  g_autoptr(FlawIngestResult) other_first = NULL;
  g_autoptr(FlawIngestResult) resync = NULL;
  g_autoptr(FlawSource) other_source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *config = make_config (fixture->server, FALSE, "basic");
  g_autofree char *delta_dump = NULL;
  g_autofree char *resync_dump = NULL;
  FlawTestSync other = { 0 };
  gint64 id;

  /* Two databases read the same mailbox; after the same changes one
   * follows Email/changes, the other is told cannotCalculateChanges and
   * reads everything again. Both must end up the same. */
  flaw_test_sync_init (&other, dir);
  id = flaw_test_sync_add_source (&other, "jmap", "Security inbox", config, PASSWORD);
  other_source = flaw_test_sync_make_source (&other, id);

  first = sync_ok (fixture);
  other_first = flaw_test_sync_run (&other, other_source, &error);
  g_assert_no_error (error);

  mutate (fixture->server, fixture->inbox, fixture->archive, fixture->ids);
  delta = sync_ok (fixture);

  flaw_fake_jmap_server_forget_changes (fixture->server);
  resync = flaw_test_sync_run (&other, other_source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resync->n_new, ==, 1);
  g_assert_cmpuint (resync->n_withdrawn, ==, 2);
  g_assert_cmpuint (resync->n_unchanged, ==, 3);

  delta_dump = flaw_test_sync_dump_reports (&fixture->sync);
  resync_dump = flaw_test_sync_dump_reports (&other);
  g_assert_cmpstr (delta_dump, ==, resync_dump);
  g_assert_cmpint (flaw_test_sync_query_int (&other, "SELECT count (*) FROM report", NULL), ==, 6);

  g_clear_object (&other_source);
  flaw_test_sync_clear (&other);
  flaw_test_remove_tree (dir);
}

static void
test_limits (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;

  /* Announced limits are kept. */
  flaw_fake_jmap_server_set_limits (fixture->server, 2, 6);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 5);
  g_assert_cmpuint (flaw_fake_jmap_server_get_max_calls_seen (fixture->server), <=, 6);
}

static void
test_refused_limits (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;

  /* Limits enforced but not announced: the whole request is refused
   * (maxCallsInRequest) or a method fails (requestTooLarge), and the
   * client asks for less. */
  flaw_fake_jmap_server_set_minimal_session (fixture->server, TRUE);
  flaw_fake_jmap_server_set_enforced_limits (fixture->server, 3, 4);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 5);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 5);
}

static void
delete_first_cb (FlawFakeJmapServer *server,
                 guint               n_api_requests,
                 gpointer            user_data)
{
  Fixture *fixture = user_data;

  /* Mailbox/get is request 1, the first page request 2. */
  if (n_api_requests == 3)
    flaw_fake_jmap_server_destroy_email (server, fixture->ids[0]);
}

static void
test_changed_while_paging (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;

  /* Two mails per page: deleting the first one between pages shifts the
   * positions, so the listing is read again rather than a mail skipped. */
  flaw_fake_jmap_server_set_limits (fixture->server, 2, 2);
  flaw_fake_jmap_server_set_api_hook (fixture->server, delete_first_cb, fixture);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 4);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 4);
  g_assert_cmpint (report_int (fixture, "SELECT count (*) FROM report WHERE remote_id = ?", fixture->ids[2]), ==, 1);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FlawIngestResult *result;

  flaw_test_store_secret (fixture->sync.credentials, fixture->source_id, "wrong");
  result = flaw_test_sync_run (&fixture->sync, fixture->source, &error);
  g_assert_null (result);
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "refused the user name, password or token"));
  g_assert_nonnull (strstr (error->message, "Security inbox"));
  g_assert_null (strstr (error->message, "wrong"));
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 0);
}

static void
test_server_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) first = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *state_after = NULL;

  flaw_fake_jmap_server_fail_next (fixture->server, 1, 500);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_clear_error (&error);

  first = sync_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 5);

  mutate (fixture->server, fixture->inbox, fixture->archive, fixture->ids);
  state_before = flaw_test_sync_query_text (&fixture->sync, "SELECT state FROM source", NULL);
  flaw_fake_jmap_server_fail_next (fixture->server, 1, 503);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_SERVER);
  state_after = flaw_test_sync_query_text (&fixture->sync, "SELECT state FROM source", NULL);
  g_assert_cmpstr (state_before, ==, state_after);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 5);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) result = NULL;

  flaw_http_set_timeout (fixture->sync.http, 1);
  flaw_fake_jmap_server_set_delay (fixture->server, 2500);
  g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
  g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));

  flaw_fake_jmap_server_set_delay (fixture->server, 0);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 5);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) result = NULL;
  FlawFakeCorruption kinds[] = { FLAW_FAKE_CORRUPT_MALFORMED, FLAW_FAKE_CORRUPT_TRUNCATED };

  /* A broken session resource. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      flaw_fake_jmap_server_corrupt_next (fixture->server, kinds[i]);
      g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
      g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "cannot read"));
      g_clear_error (&error);
    }

  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 0);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 5);
  g_clear_pointer (&result, flaw_ingest_result_free);

  /* A broken API answer to a delta sync loses nothing and duplicates
   * nothing. */
  mutate (fixture->server, fixture->inbox, fixture->archive, fixture->ids);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      flaw_fake_jmap_server_corrupt_next (fixture->server, kinds[i]);
      g_assert_null (flaw_test_sync_run (&fixture->sync, fixture->source, &error));
      g_assert_error (error, FLAW_SYNC_ERROR, FLAW_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
    }

  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 1);
  g_assert_cmpuint (result->n_withdrawn, ==, 2);
  g_assert_cmpint (flaw_test_sync_query_int (&fixture->sync, "SELECT count (*) FROM report", NULL), ==, 6);
}

static void
test_big_body (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GString) body = g_string_new ("Start. ");
  const char *id;

  /* 5 MB of two-byte characters, so the cut must respect UTF-8. */
  while (body->len < 5 * 1024 * 1024)
    g_string_append (body, "äöü ");

  id = flaw_fake_jmap_server_add_email (fixture->server, fixture->inbox, "big@example.org", NULL,
                                        "Huge log attached inline", NULL, "big@example.org",
                                        body->str, NULL, T0 + 700);
  result = sync_ok (fixture);
  g_assert_cmpuint (result->n_new, ==, 6);
  g_assert_cmpint (report_int (fixture, "SELECT body_truncated FROM report WHERE remote_id = ?", id), ==, 1);
  g_assert_cmpint (report_int (fixture, "SELECT length (CAST (body AS BLOB)) FROM report WHERE remote_id = ?", id),
                   <=, FLAW_JMAP_SOURCE_DEFAULT_MAX_BODY_BYTES);
  g_assert_cmpint (report_int (fixture, "SELECT length (CAST (body AS BLOB)) FROM report WHERE remote_id = ?", id),
                   >, FLAW_JMAP_SOURCE_DEFAULT_MAX_BODY_BYTES - 8);
  g_assert_cmpint (report_int (fixture, "SELECT body_truncated FROM report WHERE remote_id = ?", fixture->ids[0]), ==, 0);
}

static void
test_session_state (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FlawIngestResult) first = sync_ok (fixture);
  g_autoptr(FlawIngestResult) second = NULL;
  g_autoptr(FlawIngestResult) third = NULL;
  g_autofree char *stored = NULL;

  g_assert_cmpuint (flaw_fake_jmap_server_get_session_count (fixture->server), ==, 1);

  flaw_fake_jmap_server_set_session_state (fixture->server, "session-2");
  second = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_jmap_server_get_session_count (fixture->server), ==, 2);
  stored = flaw_test_sync_query_text (&fixture->sync, "SELECT json_extract (state, '$.session.state') FROM source", NULL);
  g_assert_cmpstr (stored, ==, "session-2");

  third = sync_ok (fixture);
  g_assert_cmpuint (flaw_fake_jmap_server_get_session_count (fixture->server), ==, 2);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!flaw_jmap_source_download_attachment_finish (FLAW_JMAP_SOURCE (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FlawIngestResult) result = sync_ok (fixture);
  g_autofree char *blob_id = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "poc.py", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  blob_id = flaw_test_sync_query_text (&fixture->sync, "SELECT blob_id FROM attachment", NULL);
  flaw_jmap_source_download_attachment_async (FLAW_JMAP_SOURCE (fixture->source), fixture->sync.store,
                                              blob_id, "poc.py", "text/x-python", file, NULL,
                                              downloaded_cb, &error);
  FLAW_TEST_WAIT_UNTIL (error != NULL, 10000);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "print('poc')");
}

/* Crash safety: a child process syncs into a database on disk and kills
 * itself from inside the ingest transaction; syncing again must give
 * exactly what a sync that never crashed gives. */

#define CRASH_EXTRA 20

static void
kill_hook (guint    index,
           gpointer user_data)
{
  if (index == GPOINTER_TO_UINT (user_data))
    {
      g_print ("killed inside the ingest transaction at message %u\n", index);
      fflush (stdout);
      kill (getpid (), SIGKILL);
    }
}

static void
crash_child (gboolean mutated)
{
  g_autoptr(FlawFakeJmapServer) server = NULL;
  g_autoptr(FlawSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("FLAW_TEST_CRASH_DIR");
  guint port = (guint) g_ascii_strtoull (g_getenv ("FLAW_TEST_CRASH_PORT"), NULL, 10);
  const char *inbox, *archive, *ids[6];
  FlawTestSync sync = { 0 };

  flaw_clock_set_fixed (T0 + 10000);
  server = flaw_fake_jmap_server_new_on_port (USER, PASSWORD, port);
  populate (server, &inbox, &archive, ids, CRASH_EXTRA);
  if (mutated)
    mutate (server, inbox, archive, ids);

  flaw_test_sync_init (&sync, dir);
  source = flaw_test_sync_make_source (&sync, 1);
  flaw_report_ingest_set_hook (kill_hook, GUINT_TO_POINTER (mutated ? 0 : 7));
  flaw_test_sync_run (&sync, source, &error);

  g_error ("The sync finished although the process should have been killed: %s",
           error ? error->message : "no error");
}

static guint
free_port (void)
{
  g_autoptr(FlawFakeJmapServer) probe = flaw_fake_jmap_server_new (USER, PASSWORD);

  return flaw_fake_jmap_server_get_port (probe);
}

static char *
reference_dump (gboolean with_delta)
{
  g_autoptr(FlawFakeJmapServer) server = flaw_fake_jmap_server_new (USER, PASSWORD);
  g_autoptr(FlawSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlawIngestResult) first = NULL;
  g_autoptr(FlawIngestResult) second = NULL;
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *config = NULL;
  const char *inbox, *archive, *ids[6];
  FlawTestSync sync = { 0 };
  char *dump;
  gint64 id;

  populate (server, &inbox, &archive, ids, CRASH_EXTRA);
  flaw_test_sync_init (&sync, dir);
  config = make_config (server, FALSE, "basic");
  id = flaw_test_sync_add_source (&sync, "jmap", "Reference", config, PASSWORD);
  source = flaw_test_sync_make_source (&sync, id);
  first = flaw_test_sync_run (&sync, source, &error);
  g_assert_no_error (error);

  if (with_delta)
    {
      mutate (server, inbox, archive, ids);
      second = flaw_test_sync_run (&sync, source, &error);
      g_assert_no_error (error);
    }

  dump = flaw_test_sync_dump_reports (&sync);
  g_clear_object (&source);
  flaw_test_sync_clear (&sync);
  flaw_test_remove_tree (dir);

  return dump;
}

static void
test_crash_and_rerun (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FlawFakeJmapServer) server = NULL;
  g_autoptr(FlawSource) source = NULL;
  g_autoptr(FlawIngestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *config = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *expected_first = NULL;
  g_autofree char *expected_delta = NULL;
  const char *inbox, *archive, *ids[6];
  FlawTestSync sync = { 0 };
  guint port;
  gint64 id;

  if (g_test_subprocess ())
    {
      crash_child (g_strcmp0 (g_getenv ("FLAW_TEST_CRASH_PHASE"), "delta") == 0);
      return;
    }

  expected_first = reference_dump (FALSE);
  expected_delta = reference_dump (TRUE);
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  g_setenv ("FLAW_TEST_CRASH_DIR", dir, TRUE);
  g_setenv ("FLAW_TEST_CRASH_PORT", port_text, TRUE);

  /* The source is set up first, with the address the child will serve. */
  flaw_test_sync_init (&sync, dir);
  server = flaw_fake_jmap_server_new_on_port (USER, PASSWORD, port);
  config = make_config (server, FALSE, "basic");
  g_clear_object (&server);
  id = flaw_test_sync_add_source (&sync, "jmap", "Crashing", config, PASSWORD);
  g_assert_cmpint (id, ==, 1);

  /* Killed in the middle of the first sync: nothing was stored. */
  g_setenv ("FLAW_TEST_CRASH_PHASE", "first", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*killed inside the ingest transaction at message 7*");
  g_assert_cmpint (flaw_test_sync_query_int (&sync, "SELECT count (*) FROM report", NULL), ==, 0);
  g_assert_cmpint (flaw_test_sync_query_int (&sync, "SELECT state IS NULL FROM source", NULL), ==, 1);

  /* Rerun against the same mailbox: exactly what a clean sync gives. */
  server = flaw_fake_jmap_server_new_on_port (USER, PASSWORD, port);
  populate (server, &inbox, &archive, ids, CRASH_EXTRA);
  source = flaw_test_sync_make_source (&sync, id);
  result = flaw_test_sync_run (&sync, source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_new, ==, 5 + CRASH_EXTRA);
  dump = flaw_test_sync_dump_reports (&sync);
  g_assert_cmpstr (dump, ==, expected_first);
  g_clear_pointer (&dump, g_free);
  g_clear_pointer (&result, flaw_ingest_result_free);
  g_clear_object (&server);

  /* Killed in the middle of a delta sync: the previous state stands. */
  g_setenv ("FLAW_TEST_CRASH_PHASE", "delta", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*killed inside the ingest transaction at message 0*");
  dump = flaw_test_sync_dump_reports (&sync);
  g_assert_cmpstr (dump, ==, expected_first);
  g_clear_pointer (&dump, g_free);

  server = flaw_fake_jmap_server_new_on_port (USER, PASSWORD, port);
  populate (server, &inbox, &archive, ids, CRASH_EXTRA);
  mutate (server, inbox, archive, ids);
  result = flaw_test_sync_run (&sync, source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_new, ==, 1);
  g_assert_cmpuint (result->n_withdrawn, ==, 2);
  dump = flaw_test_sync_dump_reports (&sync);
  g_assert_cmpstr (dump, ==, expected_delta);

  g_clear_object (&source);
  flaw_test_sync_clear (&sync);
  flaw_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (flaw_test_skip_without_secret_service ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/flawdesk/jmap-source/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-sync", test_first_sync);
  ADD ("discovery", test_discovery);
  ADD ("delta-sync", test_delta_sync);
  ADD ("paged-changes", test_paged_changes);
  ADD ("forced-resync", test_forced_resync);
  ADD ("limits", test_limits);
  ADD ("refused-limits", test_refused_limits);
  ADD ("changed-while-paging", test_changed_while_paging);
  ADD ("wrong-password", test_wrong_password);
  ADD ("server-errors", test_server_errors);
  ADD ("timeout", test_timeout);
  ADD ("malformed", test_malformed);
  ADD ("big-body", test_big_body);
  ADD ("session-state", test_session_state);
  ADD ("download", test_download);
  ADD ("crash-and-rerun", test_crash_and_rerun);

#undef ADD

  return g_test_run ();
}
