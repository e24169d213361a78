/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "flaw-clock.h"
#include "flaw-front-door.h"
#include "flaw-securitytxt.h"
#include "flaw-store.h"
#include "flaw-test-utils.h"

/* Under AddressSanitizer: LeakSanitizer's scan of dynamic TLS crashes
 * ("Tracer caught signal 11") once GnuTLS has been loaded by glib-networking
 * for the TLS test, with GCC 12's libasan. Not intercepting __tls_get_addr
 * avoids that; ASAN_OPTIONS still override this default. */
const char *__asan_default_options (void);

G_GNUC_UNUSED const char *
__asan_default_options (void)
{
  return "intercept_tls_get_addr=0";
}

/* 2026-06-01T00:00:00Z, the time the corpus is judged at. */
#define NOW G_GINT64_CONSTANT (1780272000)
#define DAY (G_GINT64_CONSTANT (86400))
#define RETRIEVED_FROM "https://example.com/.well-known/security.txt"

/* Codes that only a fetch can produce; the corpus covers all the others. */
static const char * const fetch_codes[] = {
  "no_security_txt", "location", "invalid_uri_scheme", "invalid_cert",
  "no_content_type", "invalid_media", "invalid_charset", NULL
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "securitytxt", name, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
describe_findings (FlawSecuritytxtReport *report)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < report->findings->len; i++)
    {
      FlawSecuritytxtFinding *finding = g_ptr_array_index (report->findings, i);

      g_ptr_array_add (items, g_strdup_printf ("%s@%u", finding->code, finding->line));
    }

  g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (items, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
sort_expected (const char *expected)
{
  g_auto(GStrv) items = NULL;

  if (g_str_equal (expected, "-"))
    return g_strdup ("");

  items = g_strsplit (expected, " ", -1);
  qsort (items, g_strv_length (items), sizeof (char *), compare_strings);

  return g_strjoinv (" ", items);
}

static FlawSecuritytxtSeverity
expected_severity (const char *code)
{
  if (g_str_equal (code, "long_expiry") || g_str_equal (code, "no_encryption") ||
      g_str_equal (code, "not_signed") || g_str_equal (code, "no_canonical"))
    return FLAW_SECURITYTXT_SEVERITY_WARNING;
  if (g_str_equal (code, "unknown_field"))
    return FLAW_SECURITYTXT_SEVERITY_NOTICE;

  return FLAW_SECURITYTXT_SEVERITY_ERROR;
}

static void
test_corpus (void)
{
  g_autofree char *manifest_path = fixture_path ("expected.list");
  g_autofree char *dir_path = fixture_path ("");
  g_autofree char *manifest = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char * const retrieved_from[] = { RETRIEVED_FROM, NULL };
  const char * const *codes;
  GDir *dir;
  const char *name;

  flaw_clock_set_fixed (NOW);

  g_file_get_contents (manifest_path, &manifest, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (manifest, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      g_autoptr(FlawSecuritytxtReport) report = NULL;
      char *colon;
      gsize length;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;

      colon = strstr (lines[i], ": ");
      g_assert_nonnull (colon);
      *colon = '\0';

      path = fixture_path (lines[i]);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      report = flaw_securitytxt_validate (contents, length, retrieved_from);
      expected = sort_expected (colon + 2);
      actual = describe_findings (report);
      g_test_message ("%s: %s", lines[i], actual);
      g_assert_cmpstr (actual, ==, expected);

      for (guint k = 0; k < report->findings->len; k++)
        {
          FlawSecuritytxtFinding *finding = g_ptr_array_index (report->findings, k);

          g_assert_cmpint (finding->severity, ==, expected_severity (finding->code));
          g_assert_cmpuint (strlen (finding->message), >, 10);
          g_assert_cmpuint (strlen (finding->fix), >, 10);
          g_hash_table_add (seen_codes, (gpointer) finding->code);
        }

      g_hash_table_add (listed, g_strdup (lines[i]));
    }

  /* Every file in the folder is listed, so none is silently skipped. */
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "expected.list"))
      {
        if (!g_hash_table_contains (listed, name))
          g_error ("%s is not listed in expected.list", name);
      }
  g_dir_close (dir);

  /* Every rule that can be judged from the text has a file. */
  codes = flaw_securitytxt_list_codes ();
  for (guint i = 0; codes[i] != NULL; i++)
    if (!g_strv_contains (fetch_codes, codes[i]) && !g_hash_table_contains (seen_codes, codes[i]))
      g_error ("No file in the corpus yields %s", codes[i]);

  flaw_clock_unset_fixed ();
}

static void
test_fields (void)
{
  g_autofree char *path = fixture_path ("good-full.txt");
  g_autofree char *contents = NULL;
  g_autoptr(FlawSecuritytxtReport) report = NULL;
  g_autoptr(GError) error = NULL;

  flaw_clock_set_fixed (NOW);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  report = flaw_securitytxt_validate (contents, -1, NULL);
  g_assert_false (report->is_signed);
  g_assert_cmpuint (report->contacts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->contacts, 0), ==, "mailto:security@example.com");
  g_assert_cmpstr (g_ptr_array_index (report->contacts, 2), ==, "https://example.com/security/report");
  g_assert_cmpuint (report->canonicals->len, ==, 1);
  g_assert_cmpint (report->expires, ==, NOW + 213 * DAY + 86399);
  g_assert_cmpuint (flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_WARNING), ==, 1);
  flaw_clock_unset_fixed ();
}

/* The URIs RFC 9116 itself gives as examples are all valid. */
static void
test_rfc_examples (void)
{
  g_autoptr(FlawSecuritytxtReport) report = NULL;
  g_autofree char *described = NULL;

  flaw_clock_set_fixed (NOW);
  report = flaw_securitytxt_validate ("Contact: mailto:security@example.com\n"
                                      "Contact: mailto:security%2Buri%2Bencoded@example.com\n"
                                      "Contact: tel:+1-201-555-0123\n"
                                      "Contact: https://example.com/security-contact.html\n"
                                      "Encryption: https://example.com/pgp-key.txt\n"
                                      "Encryption: dns:5d2d37ab76d47d36._openpgpkey.example.com?type=OPENPGPKEY\n"
                                      "Encryption: openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f\n"
                                      "Acknowledgments: https://example.com/hall-of-fame.html\n"
                                      "Hiring: https://example.com/jobs.html\n"
                                      "Policy: https://example.com/disclosure-policy.html\n"
                                      "Preferred-Languages: en, es, fr\n"
                                      "Expires: 2026-12-31T18:37:07z\n",
                                      -1, NULL);
  described = describe_findings (report);
  g_assert_cmpstr (described, ==, "not_signed@0");
  g_assert_cmpuint (report->contacts->len, ==, 4);
  flaw_clock_unset_fixed ();
}

static void
test_language_tags (void)
{
  const char *good[] = { "en", "de-CH", "zh-Hant-TW", "sr-Latn-RS", "es-419", "x-private",
                         "en-US-x-twain", "i-klingon", "sl-rozaj-biske", "de-DE-1996", "NL" };
  const char *bad[] = { "", "english_US", "e", "en-", "en--US", "toolongtag", "de-419-DE-", "a-DE" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (flaw_securitytxt_is_language_tag (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (flaw_securitytxt_is_language_tag (bad[i]));
    }

  g_assert_true (flaw_securitytxt_check_languages ("en, fr ,de-CH", NULL));
  g_assert_false (flaw_securitytxt_check_languages ("en,,fr", NULL));
}

static void
test_date_time (void)
{
  gint64 t = 0;

  g_assert_true (flaw_securitytxt_parse_date_time ("2021-12-31T18:37:07z", &t));
  g_assert_cmpint (t, ==, 1640975827);
  g_assert_true (flaw_securitytxt_parse_date_time ("2021-12-31T20:37:07.25+02:00", &t));
  g_assert_cmpint (t, ==, 1640975827);
  g_assert_false (flaw_securitytxt_parse_date_time ("2021-12-31", &t));
  g_assert_false (flaw_securitytxt_parse_date_time ("2021-12-31T18:37:07", &t));
  g_assert_false (flaw_securitytxt_parse_date_time ("2021-13-01T00:00:00Z", &t));
  g_assert_false (flaw_securitytxt_parse_date_time ("Fri, 31 Dec 2021 18:37:07 GMT", &t));

  {
    g_autofree char *formatted = flaw_securitytxt_format_date_time (1640975827);

    g_assert_cmpstr (formatted, ==, "2021-12-31T18:37:07Z");
  }
}

static FlawFrontDoor *
make_door (void)
{
  FlawFrontDoor *door = flaw_front_door_new ();

  g_ptr_array_add (door->contacts, g_strdup ("mailto:security@example.com"));
  g_ptr_array_add (door->contacts, g_strdup ("tel:+44-20-7946-0000"));
  g_ptr_array_add (door->contacts, g_strdup ("https://example.com/security/report"));
  g_ptr_array_add (door->canonicals, g_strdup (RETRIEVED_FROM));
  door->encryption = g_strdup ("https://example.com/.well-known/pgp-key.asc");
  door->acknowledgments = g_strdup ("https://example.com/security/thanks");
  door->policy = g_strdup ("https://example.com/security/policy");
  door->preferred_languages = g_strdup ("en,de ,  fr");
  door->expires = NOW + 180 * DAY;

  return door;
}

static void
test_generate (void)
{
  g_autoptr(FlawFrontDoor) door = NULL;
  g_autoptr(FlawSecuritytxtReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char * const retrieved_from[] = { RETRIEVED_FROM, NULL };

  flaw_clock_set_fixed (NOW);
  door = make_door ();

  text = flaw_front_door_generate (door, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "Acknowledgments: https://example.com/security/thanks\n"
                   "Canonical: https://example.com/.well-known/security.txt\n"
                   "Contact: mailto:security@example.com\n"
                   "Contact: tel:+44-20-7946-0000\n"
                   "Contact: https://example.com/security/report\n"
                   "Encryption: https://example.com/.well-known/pgp-key.asc\n"
                   "Expires: 2026-11-28T00:00:00Z\n"
                   "Policy: https://example.com/security/policy\n"
                   "Preferred-Languages: en, de, fr\n");

  /* The only finding left is the advice to sign it. */
  report = flaw_securitytxt_validate (text, -1, retrieved_from);
  g_assert_cmpuint (report->findings->len, ==, 1);
  g_assert_true (flaw_securitytxt_report_has_code (report, "not_signed"));
  g_assert_cmpuint (report->contacts->len, ==, 3);
  g_assert_cmpint (report->expires, ==, door->expires);
  flaw_clock_unset_fixed ();
}

static void
test_generate_refuses (void)
{
  g_autoptr(FlawFrontDoor) door = make_door ();
  g_autoptr(GError) error = NULL;
  char *text;

  g_ptr_array_set_size (door->contacts, 0);
  text = flaw_front_door_generate (door, &error);
  g_assert_null (text);
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INCOMPLETE);
  g_clear_error (&error);

  g_ptr_array_add (door->contacts, g_strdup ("security@example.com"));
  g_assert_null (flaw_front_door_generate (door, &error));
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "security@example.com"));
  g_clear_error (&error);

  g_ptr_array_set_size (door->contacts, 0);
  g_ptr_array_add (door->contacts, g_strdup ("mailto:security@example.com"));
  g_free (door->policy);
  door->policy = g_strdup ("http://example.com/policy");
  g_assert_null (flaw_front_door_generate (door, &error));
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https"));
  g_clear_error (&error);

  g_clear_pointer (&door->policy, g_free);
  g_free (door->preferred_languages);
  door->preferred_languages = g_strdup ("en, Deutsch (Schweiz)");
  g_assert_null (flaw_front_door_generate (door, &error));
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Deutsch (Schweiz)"));
  g_clear_error (&error);

  g_clear_pointer (&door->preferred_languages, g_free);
  door->expires = 0;
  g_assert_null (flaw_front_door_generate (door, &error));
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INCOMPLETE);
}

static void
test_expiry_warnings (void)
{
  g_autoptr(FlawFrontDoor) door = make_door ();
  gint64 days = 0;

  door->expires = 0;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, NULL), ==, FLAW_FRONT_DOOR_EXPIRY_UNSET);

  door->expires = NOW + 31 * DAY;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, &days), ==, FLAW_FRONT_DOOR_EXPIRY_OK);
  g_assert_cmpint (days, ==, 31);

  door->expires = NOW + 30 * DAY;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, &days), ==, FLAW_FRONT_DOOR_EXPIRY_SOON);
  g_assert_cmpint (days, ==, 30);

  door->expires = NOW + 3600;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, &days), ==, FLAW_FRONT_DOOR_EXPIRY_SOON);
  g_assert_cmpint (days, ==, 0);

  door->expires = NOW;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, &days), ==, FLAW_FRONT_DOOR_EXPIRY_PAST);

  door->expires = NOW - 2 * DAY - 1;
  g_assert_cmpint (flaw_front_door_get_expiry (door, NOW, &days), ==, FLAW_FRONT_DOOR_EXPIRY_PAST);
  g_assert_cmpint (days, ==, -3);
}

typedef struct
{
  FlawFrontDoor *door;
  int            step;
} StoreJob;

static gpointer
front_door_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  StoreJob *job = data;

  if (job->step == 0)
    return flaw_front_door_load (database, error);
  if (job->step == 1)
    return flaw_front_door_save (database, job->door, error) ? GINT_TO_POINTER (TRUE) : NULL;

  return flaw_database_list_events (database, "front_door", 1, error);
}

static void
test_front_door_store (void)
{
  g_autofree char *dir = flaw_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "flawdesk.db", NULL);
  g_autoptr(FlawStore) store = flaw_store_new (path);
  g_autoptr(FlawFrontDoor) door = make_door ();
  g_autoptr(FlawFrontDoor) loaded = NULL;
  g_autoptr(FlawFrontDoor) empty = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  StoreJob job = { 0 };

  flaw_clock_set_fixed (NOW);
  g_assert_true (flaw_store_open (store, NULL, &error));
  g_assert_no_error (error);

  empty = flaw_store_run (store, front_door_job, &job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (empty->updated, ==, 0);
  g_assert_cmpuint (empty->contacts->len, ==, 0);

  job.step = 1;
  job.door = door;
  g_assert_nonnull (flaw_store_run (store, front_door_job, &job, NULL, &error));
  g_assert_no_error (error);

  job.step = 0;
  loaded = flaw_store_run (store, front_door_job, &job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->updated, ==, NOW);
  g_assert_cmpuint (loaded->contacts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (loaded->contacts, 1), ==, "tel:+44-20-7946-0000");
  g_assert_cmpstr (loaded->policy, ==, door->policy);
  g_assert_null (loaded->hiring);
  g_assert_cmpint (loaded->expires, ==, door->expires);

  /* A change is logged field by field; an invalid door changes nothing. */
  g_free (door->policy);
  door->policy = g_strdup ("https://example.com/security/policy-v2");
  job.step = 1;
  g_assert_nonnull (flaw_store_run (store, front_door_job, &job, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (door->contacts, 0);
  g_assert_null (flaw_store_run (store, front_door_job, &job, NULL, &error));
  g_assert_error (error, FLAW_FRONT_DOOR_ERROR, FLAW_FRONT_DOOR_ERROR_INCOMPLETE);
  g_clear_error (&error);

  job.step = 2;
  events = flaw_store_run (store, front_door_job, &job, NULL, &error);
  g_assert_no_error (error);
  /* First save: contacts, encryption, acknowledgments, canonicals, policy,
   * preferred_languages, expires; second: policy. */
  g_assert_cmpuint (events->len, ==, 8);
  {
    FlawEvent *latest = g_ptr_array_index (events, 0);

    g_assert_cmpstr (latest->field, ==, "policy");
    g_assert_cmpstr (latest->old_value, ==, "https://example.com/security/policy");
    g_assert_cmpstr (latest->new_value, ==, "https://example.com/security/policy-v2");
  }

  g_clear_object (&store);
  flaw_test_remove_tree (dir);
  flaw_clock_unset_fixed ();
}

/* A local server for the fetch tests. */

typedef struct
{
  guint       status;
  const char *content_type;
  char       *body;
  gsize       length;
  const char *location;
  gboolean    chunked;
} Route;

typedef struct
{
  SoupServer            *server;
  GHashTable            *routes;
  char                  *base;
  FlawSecuritytxtReport *report;
  GError                *error;
  gboolean               done;
  guint                  n_requests;
} Fetch;

static void
route_free (Route *route)
{
  g_free (route->body);
  g_free (route);
}

static void
add_route (Fetch      *fx,
           const char *path,
           guint       status,
           const char *content_type,
           const char *body,
           const char *location)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->content_type = content_type;
  route->body = g_strdup (body);
  route->length = body ? strlen (body) : 0;
  route->location = location;
  g_hash_table_insert (fx->routes, g_strdup (path), route);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fetch *fx = user_data;
  Route *route = g_hash_table_lookup (fx->routes, path);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  fx->n_requests++;

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, route->status, NULL);
  if (route->location != NULL)
    soup_message_headers_replace (headers, "Location", route->location);

  if (route->chunked || (route->body != NULL && route->content_type == NULL))
    {
      if (route->chunked)
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      if (route->content_type != NULL)
        soup_message_headers_replace (headers, "Content-Type", route->content_type);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY,
                                route->body, route->length);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (route->body != NULL)
    soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY,
                                      route->body, route->length);
}

static void
fetch_set_up (Fetch         *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  flaw_clock_set_fixed (NOW);
  fx->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  fx->server = soup_server_new ("server-header", "flawdesk-test ", NULL);
  soup_server_add_handler (fx->server, NULL, server_cb, fx, NULL);
  soup_server_listen_local (fx->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fx->server);
  fx->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fetch_tear_down (Fetch         *fx,
                 gconstpointer  data)
{
  g_clear_pointer (&fx->report, flaw_securitytxt_report_free);
  g_clear_error (&fx->error);
  soup_server_disconnect (fx->server);
  g_clear_object (&fx->server);
  g_hash_table_unref (fx->routes);
  g_free (fx->base);
  flaw_test_drain ();
  flaw_clock_unset_fixed ();
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fx = user_data;

  fx->report = flaw_securitytxt_fetch_finish (result, &fx->error);
  fx->done = TRUE;
}

static void
run_fetch (Fetch      *fx,
           const char *base)
{
  g_clear_pointer (&fx->report, flaw_securitytxt_report_free);
  g_clear_error (&fx->error);
  fx->done = FALSE;
  flaw_securitytxt_fetch_from_async (base ? base : fx->base, NULL, fetch_cb, fx);
  FLAW_TEST_WAIT_UNTIL (fx->done, 10000);
}

#define GOOD_BODY "Contact: https://example.com/security/report\nExpires: 2026-12-31T23:59:59Z\n"

static void
test_fetch_good (Fetch         *fx,
                 gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fx->base, ".well-known/security.txt", NULL);
  g_autofree char *body = g_strdup_printf ("Canonical: %s\n" GOOD_BODY, url);
  g_autofree char *described = NULL;

  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=utf-8", body, NULL);
  run_fetch (fx, NULL);

  g_assert_no_error (fx->error);
  g_assert_cmpstr (fx->report->url, ==, url);
  g_assert_cmpstr (fx->report->final_url, ==, url);
  g_assert_cmpstr (fx->report->content_type, ==, "text/plain; charset=utf-8");
  /* The Canonical matches where the file came from; only its scheme is
   * wrong, as a loopback test server speaks plain http. */
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "no_https@1 not_signed@0");
}

static void
test_fetch_canonical_mismatch (Fetch         *fx,
                               gconstpointer  data)
{
  g_autofree char *described = NULL;

  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=utf-8",
             "Canonical: https://example.com/.well-known/security.txt\n" GOOD_BODY, NULL);
  run_fetch (fx, NULL);

  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "no_canonical_match@1 not_signed@0");
}

static void
test_fetch_legacy_and_missing (Fetch         *fx,
                               gconstpointer  data)
{
  g_autofree char *described = NULL;

  add_route (fx, "/security.txt", 200, "text/plain; charset=utf-8", GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "location@0 not_signed@0");
  g_assert_true (g_str_has_suffix (fx->report->url, "/security.txt"));
  g_clear_pointer (&described, g_free);

  g_hash_table_remove_all (fx->routes);
  fx->n_requests = 0;
  run_fetch (fx, NULL);
  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "no_security_txt@0");
  g_assert_true (g_str_has_suffix (fx->report->url, "/.well-known/security.txt"));
  /* The well-known place and the legacy one, nothing else. */
  g_assert_cmpuint (fx->n_requests, ==, 2);
}

static void
test_fetch_content_type (Fetch         *fx,
                         gconstpointer  data)
{
  g_autofree char *described = NULL;

  add_route (fx, "/.well-known/security.txt", 200, "text/html; charset=utf-8", GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "invalid_media@0 not_signed@0");
  g_clear_pointer (&described, g_free);

  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=iso-8859-1", GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "invalid_charset@0 not_signed@0");
  g_clear_pointer (&described, g_free);

  add_route (fx, "/.well-known/security.txt", 200, "text/plain", GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "invalid_charset@0 not_signed@0");
  g_clear_pointer (&described, g_free);

  add_route (fx, "/.well-known/security.txt", 200, NULL, GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "no_content_type@0 not_signed@0");
}

static void
test_fetch_redirects (Fetch         *fx,
                      gconstpointer  data)
{
  g_autofree char *described = NULL;

  /* A redirect within the loopback server is followed... */
  add_route (fx, "/.well-known/security.txt", 301, NULL, NULL, "/files/security.txt");
  add_route (fx, "/files/security.txt", 200, "text/plain; charset=utf-8", GOOD_BODY, NULL);
  run_fetch (fx, NULL);
  g_assert_no_error (fx->error);
  g_assert_true (g_str_has_suffix (fx->report->final_url, "/files/security.txt"));
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "not_signed@0");
  g_clear_pointer (&described, g_free);

  /* ...but never one to plain http elsewhere. */
  fx->n_requests = 0;
  add_route (fx, "/.well-known/security.txt", 302, NULL, NULL,
             "http://example.com/.well-known/security.txt");
  run_fetch (fx, NULL);
  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "invalid_uri_scheme@0");
  g_assert_cmpstr (fx->report->final_url, ==, "http://example.com/.well-known/security.txt");
  g_assert_cmpuint (fx->n_requests, ==, 1);

  /* A loop stops after a few redirects. */
  add_route (fx, "/.well-known/security.txt", 302, NULL, NULL, "/a");
  add_route (fx, "/a", 302, NULL, NULL, "/.well-known/security.txt");
  run_fetch (fx, NULL);
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (fx->report);
}

static void
test_fetch_oversize (Fetch         *fx,
                     gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new (GOOD_BODY);
  Route *route;

  while (big->len <= FLAW_SECURITYTXT_MAX_SIZE)
    g_string_append (big, "# padding padding padding padding padding padding padding\n");

  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=utf-8", big->str, NULL);
  run_fetch (fx, NULL);
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (fx->error->message, "32 KiB"));

  /* Without a Content-Length, reading stops at the limit. */
  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=utf-8", big->str, NULL);
  route = g_hash_table_lookup (fx->routes, "/.well-known/security.txt");
  route->chunked = TRUE;
  run_fetch (fx, NULL);
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_TOO_LARGE);
}

static void
test_fetch_errors (Fetch         *fx,
                   gconstpointer  data)
{
  add_route (fx, "/.well-known/security.txt", 500, "text/plain", "oops", NULL);
  run_fetch (fx, NULL);
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_NETWORK);
  g_assert_nonnull (strstr (fx->error->message, "500"));

  /* Plain http is refused for anything but loopback, before any request. */
  fx->n_requests = 0;
  run_fetch (fx, "http://example.com/");
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INSECURE);
  g_assert_cmpuint (fx->n_requests, ==, 0);

  run_fetch (fx, "not a url");
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL);

  g_clear_error (&fx->error);
  fx->done = FALSE;
  flaw_securitytxt_fetch_async ("example.com/path", NULL, fetch_cb, fx);
  FLAW_TEST_WAIT_UNTIL (fx->done, 5000);
  g_assert_error (fx->error, FLAW_SECURITYTXT_ERROR, FLAW_SECURITYTXT_ERROR_INVALID_URL);
}

static void
test_fetch_invalid_cert (Fetch         *fx,
                         gconstpointer  data)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *described = NULL;
  GSList *uris;

  cert = g_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, server_cb, fx, NULL);
  add_route (fx, "/.well-known/security.txt", 200, "text/plain; charset=utf-8", GOOD_BODY, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (base, "https://127.0.0.1:"));

  run_fetch (fx, base);
  g_assert_no_error (fx->error);
  described = describe_findings (fx->report);
  g_assert_cmpstr (described, ==, "invalid_cert@0");
  /* The file was never read. */
  g_assert_cmpuint (fx->n_requests, ==, 0);

  soup_server_disconnect (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flawdesk/securitytxt/corpus", test_corpus);
  g_test_add_func ("/flawdesk/securitytxt/fields", test_fields);
  g_test_add_func ("/flawdesk/securitytxt/rfc-examples", test_rfc_examples);
  g_test_add_func ("/flawdesk/securitytxt/language-tags", test_language_tags);
  g_test_add_func ("/flawdesk/securitytxt/date-time", test_date_time);
  g_test_add_func ("/flawdesk/securitytxt/generate", test_generate);
  g_test_add_func ("/flawdesk/securitytxt/generate-refuses", test_generate_refuses);
  g_test_add_func ("/flawdesk/securitytxt/expiry-warnings", test_expiry_warnings);
  g_test_add_func ("/flawdesk/securitytxt/front-door-store", test_front_door_store);

#define ADD(path, func) \
  g_test_add (path, Fetch, NULL, fetch_set_up, func, fetch_tear_down)

  ADD ("/flawdesk/securitytxt/fetch-good", test_fetch_good);
  ADD ("/flawdesk/securitytxt/fetch-canonical-mismatch", test_fetch_canonical_mismatch);
  ADD ("/flawdesk/securitytxt/fetch-legacy-and-missing", test_fetch_legacy_and_missing);
  ADD ("/flawdesk/securitytxt/fetch-content-type", test_fetch_content_type);
  ADD ("/flawdesk/securitytxt/fetch-redirects", test_fetch_redirects);
  ADD ("/flawdesk/securitytxt/fetch-oversize", test_fetch_oversize);
  ADD ("/flawdesk/securitytxt/fetch-errors", test_fetch_errors);
  ADD ("/flawdesk/securitytxt/fetch-invalid-cert", test_fetch_invalid_cert);

#undef ADD

  return g_test_run ();
}
