/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "flaw-test-reports.h"

/* Test data straight through SQL, the way a sync would leave it: one row
 * per message, follow-ups pointing at their root report. */

static const char *components[] = {
  "auth", "session", "upload", "template engine", "REST API", "password reset",
  "image decoder", "search", "admin console", "webhooks",
};

static const char *flaws[][2] = {
  { "Stored XSS in %s", "CWE-79" },
  { "SQL injection via the sort parameter in %s", "CWE-89" },
  { "Path traversal in %s lets an attacker read /etc/passwd", "CWE-22" },
  { "Heap buffer overflow in %s on crafted input", "CWE-122" },
  { "Missing authorization check in %s", "CWE-862" },
  { "Server-side request forgery through %s", "CWE-918" },
  { "Open redirect in %s", "CWE-601" },
  { "Timing side channel when %s compares tokens", "CWE-208" },
};

static const char *reporters[][2] = {
  { "Ana Lima", "ana@research.example" },
  { "Kenji Watanabe", "kenji@bugs.example" },
  { "Zoë Müller", "zoe@sec.example" },
  { "Olusegun Adeyemi", "o.adeyemi@example.org" },
  { "security-bot", "noreply@scanner.example" },
};

gint64
flaw_test_insert_source (FlawDatabase *database,
                         const char   *kind,
                         const char   *name)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO source (kind, name, created) VALUES (?, ?, 0)",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  g_assert_true (flaw_database_execute (database, stmt, &error));
  g_assert_no_error (error);

  return sqlite3_last_insert_rowid (flaw_database_get_handle (database));
}

static gint64
insert (FlawDatabase *database,
        gint64        source_id,
        const char   *remote_id,
        const char   *title,
        const char   *reporter,
        const char   *address,
        const char   *body,
        gint64        received,
        gint64        thread_of)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = g_strdup_printf ("<%s@mail.example>", remote_id);
  sqlite3_stmt *stmt;

  stmt = flaw_database_prepare (database,
                                "INSERT INTO report (source_id, remote_id, thread_of, message_id, "
                                "title, reporter, reporter_address, received, body, updated) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                &error);
  g_assert_no_error (error);

  if (source_id > 0)
    sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  if (thread_of > 0)
    sqlite3_bind_int64 (stmt, 3, thread_of);
  sqlite3_bind_text (stmt, 4, message_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reporter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, received);
  sqlite3_bind_text (stmt, 9, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, received);
  g_assert_true (flaw_database_execute (database, stmt, &error));
  g_assert_no_error (error);

  return sqlite3_last_insert_rowid (flaw_database_get_handle (database));
}

/**
 * flaw_test_insert_report:
 * @source_id: a source, or 0 for none
 * @thread_of: the root report of a follow-up, or 0
 *
 * Returns: the new report's id
 */
gint64
flaw_test_insert_report (FlawDatabase *database,
                         gint64        source_id,
                         const char   *title,
                         const char   *body,
                         gint64        received,
                         gint64        thread_of)
{
  static guint counter;
  g_autofree char *remote_id = g_strdup_printf ("M%u-%" G_GINT64_FORMAT, ++counter, received);

  return insert (database, source_id, remote_id, title, "Ana Lima", "ana@research.example",
                 body, received, thread_of);
}

/**
 * flaw_test_insert_reports:
 * @n_reports: how many root reports
 * @first_received: when the first arrives; the others follow every 7 hours
 * @seed: for the choice of flaw, component and reporter
 *
 * Inserts @n_reports realistic reports from a JMAP and a GitHub source in
 * one transaction; every third one gets one or two follow-ups a day apart.
 *
 * Returns: (transfer full) (element-type gint64): the root reports' ids
 */
GArray *
flaw_test_insert_reports (FlawDatabase *database,
                          guint         n_reports,
                          gint64        first_received,
                          guint32       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 mailbox, github;

  g_assert_true (flaw_database_begin (database, &error));
  g_assert_no_error (error);

  mailbox = flaw_test_insert_source (database, "jmap", "security@ mailbox");
  github = flaw_test_insert_source (database, "github", "acme/widget advisories");

  for (guint i = 0; i < n_reports; i++)
    {
      const char *component = components[g_rand_int_range (rand, 0, G_N_ELEMENTS (components))];
      guint flaw = g_rand_int_range (rand, 0, G_N_ELEMENTS (flaws));
      guint who = g_rand_int_range (rand, 0, G_N_ELEMENTS (reporters));
      gboolean by_mail = g_rand_boolean (rand);
      gint64 received = first_received + (gint64) i * 7 * 3600;
      g_auto(GStrv) parts = g_strsplit (flaws[flaw][0], "%s", 2);
      g_autofree char *title = g_strjoinv (component, parts);
      g_autofree char *remote_id = g_strdup_printf (by_mail ? "Mf%04u" : "GHSA-%04u-xxxx-yyyy", i);
      g_autofree char *body = g_strdup_printf ("Hello,\n\nI found a flaw (%s) in the %s component.\n\n"
                                               "Steps to reproduce:\n1. Log in as a normal user.\n"
                                               "2. Send the request below.\n\n"
                                               "<script>alert(document.cookie)</script>\n\n"
                                               "Please credit me as %s.\n",
                                               flaws[flaw][1], component, reporters[who][0]);
      gint64 id = insert (database, by_mail ? mailbox : github, remote_id, title,
                          reporters[who][0], reporters[who][1], body, received, 0);

      g_array_append_val (ids, id);

      if (i % 3 == 0)
        {
          guint n_followups = 1 + g_rand_int_range (rand, 0, 2);

          for (guint f = 0; f < n_followups; f++)
            {
              g_autofree char *reply_id = g_strdup_printf ("%s-re%u", remote_id, f);
              g_autofree char *reply_title = g_strdup_printf ("Re: %s", title);

              insert (database, by_mail ? mailbox : github, reply_id, reply_title,
                      reporters[who][0], reporters[who][1],
                      "Any news on this? I plan to present it at a conference.",
                      received + (gint64) (f + 1) * 86400, id);
            }
        }
    }

  g_assert_true (flaw_database_commit (database, &error));
  g_assert_no_error (error);

  return ids;
}
