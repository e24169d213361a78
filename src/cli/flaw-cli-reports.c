/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-cli.h"
#include "flaw-report-json.h"
#include "flaw-report-store.h"
#include "flaw-triage.h"

/* `flawdesk-cli reports …`: list, show and triage disclosure reports from
 * scripts. Report text is untrusted: control characters are replaced
 * before anything reaches the terminal, so a report cannot send escape
 * sequences to it. */

typedef struct
{
  const char      *option;
  FlawReportField  field;
} EditOption;

static const EditOption edit_options[] = {
  { "--severity", FLAW_REPORT_FIELD_SEVERITY },
  { "--cvss", FLAW_REPORT_FIELD_CVSS_VECTOR },
  { "--cwe", FLAW_REPORT_FIELD_CWE },
  { "--component", FLAW_REPORT_FIELD_COMPONENT },
  { "--affected-versions", FLAW_REPORT_FIELD_AFFECTED_VERSIONS },
  { "--fixed-version", FLAW_REPORT_FIELD_FIXED_VERSION },
  { "--cve", FLAW_REPORT_FIELD_CVE },
  { "--credit", FLAW_REPORT_FIELD_CREDIT },
  { "--root-cause", FLAW_REPORT_FIELD_ROOT_CAUSE },
  { "--introduced-in", FLAW_REPORT_FIELD_INTRODUCED_IN },
  { "--regression-test", FLAW_REPORT_FIELD_REGRESSION_TEST },
  { "--close-note", FLAW_REPORT_FIELD_CLOSE_NOTE },
  { "--duplicate-of", FLAW_REPORT_FIELD_DUPLICATE_OF },
};

static void
print_reports_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  fprintf (stream, "  flawdesk-cli reports list [--status S[,S…]] [--severity S[,S…]] [--due STATE[,STATE…]]\n"
                   "                            [--search TEXT] [--format table|json]\n");
  fprintf (stream, "  flawdesk-cli reports show ID [--format text|json]\n");
  fprintf (stream, "  flawdesk-cli reports set-status ID STATUS [--reason REASON] [--duplicate-of ID] [--note TEXT]\n");
  fprintf (stream, "  flawdesk-cli reports edit ID [--severity S] [--cvss VECTOR] [--cwe CWE-N] [--component NAME]\n"
                   "                            [--affected-versions V] [--fixed-version V] [--cve CVE-YYYY-N]\n"
                   "                            [--credit TEXT] [--root-cause TEXT] [--introduced-in TEXT]\n"
                   "                            [--regression-test TEXT] [--close-note TEXT] [--duplicate-of ID]\n");
  fprintf (stream, "\n%s\n", _("Statuses: new, acknowledged, triaged, fix-in-progress, fixed, disclosed, closed."));
  fprintf (stream, "%s\n", _("Moves: new → acknowledged → triaged → fix-in-progress → fixed → disclosed; "
                             "close from new, acknowledged, triaged or fix-in-progress; "
                             "fix-in-progress → triaged, fixed → fix-in-progress, closed → new or acknowledged."));
  fprintf (stream, "%s\n", _("Closing needs --reason duplicate (with --duplicate-of ID), not-applicable, "
                             "informative or spam (with --note)."));
  fprintf (stream, "%s\n", _("Triaged needs a severity; fixed needs a root cause and a regression test."));
  fprintf (stream, "%s\n", _("Severities: none, low, medium, high, critical. Due states: none, on-track, due-soon, overdue."));
  fprintf (stream, "%s\n", _("An empty value (--cwe \"\") clears a field. A CVSS 3.1 vector also sets the "
                             "score and, unless --severity is given, the severity."));
  fprintf (stream, "%s\n", _("--search matches words starting with each word given, in the title, body, "
                             "reporter or component of a report or its follow-ups."));
  fprintf (stream, "%s\n", _("JSON: a report has id, source, remote_id, title, reporter, received_at (RFC 3339), "
                             "status, severity, thread_of, body_truncated, the triage fields and deadlines."));
}

static FlawCliExit
reports_usage_error (FlawCli    *cli,
                     const char *message)
{
  fprintf (stderr, "flawdesk-cli reports: %s\n\n", message);
  print_reports_usage (stderr);

  return FLAW_CLI_EXIT_USAGE;
}

static char *
ellipsize (const char *text,
           glong       max_chars)
{
  g_autofree char *line = flaw_cli_printable (text, TRUE);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (line, -1) <= max_chars)
    return g_steal_pointer (&line);

  head = g_utf8_substring (line, 0, max_chars - 1);

  return g_strconcat (head, "…", NULL);
}

static char *
format_local (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup ("-");

  utc = g_date_time_new_from_unix_utc (unix_time);
  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Parses a comma-separated list of enum nicks into a bit mask. */
static gboolean
parse_mask (const char  *text,
            GType        type,
            guint       *mask)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  *mask = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (klass, g_strstrip (names[i]));

      if (value == NULL)
        return FALSE;
      *mask |= 1u << value->value;
    }

  return *mask != 0;
}

static FlawCliExit
reports_list (FlawCli  *cli,
              int       argc,
              char    **argv)
{
  g_autoptr(FlawReportQuery) query = NULL;
  g_autoptr(GListModel) reports = NULL;
  FlawTriagePolicy policy;
  GError *error = NULL;
  const char *format = "table";
  FlawStore *store;
  gint64 now;
  guint n;

  flaw_triage_policy_init_from_system (&policy);
  query = flaw_report_query_new (&policy);

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--status", &value))
        {
          if (value == NULL || !parse_mask (value, FLAW_TYPE_REPORT_STATUS, &query->status_mask))
            return reports_usage_error (cli, _("--status needs statuses such as new,acknowledged"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--severity", &value))
        {
          if (value == NULL || !parse_mask (value, FLAW_TYPE_SEVERITY, &query->severity_mask))
            return reports_usage_error (cli, _("--severity needs severities such as high,critical (or unset)"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--due", &value))
        {
          if (value == NULL || !parse_mask (value, FLAW_TYPE_DUE_STATE, &query->due_mask))
            return reports_usage_error (cli, _("--due needs due states such as due-soon,overdue"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--search", &value))
        {
          if (value == NULL)
            return reports_usage_error (cli, _("--search needs text"));
          g_free (query->search);
          query->search = g_strdup (value);
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--format", &value))
        {
          if (g_strcmp0 (value, "table") != 0 && g_strcmp0 (value, "json") != 0)
            return reports_usage_error (cli, _("--format is table or json"));
          format = value;
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown argument “%s”"), argv[i]);

          return reports_usage_error (cli, message);
        }
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(reports = flaw_store_run (store, flaw_report_store_list, query, NULL, &error)))
    return flaw_cli_fail (cli, error);

  now = flaw_clock_now ();
  n = g_list_model_get_n_items (reports);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) node = flaw_report_list_to_json (reports, &policy, now);

      flaw_cli_print_json (node);
      return FLAW_CLI_EXIT_OK;
    }

  printf ("%-6s %-1s %-15s %-8s %-8s %-16s %s\n", _("ID"), "", _("STATUS"), _("SEVERITY"),
          _("DUE"), _("RECEIVED"), _("TITLE"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (reports, i);
      g_autofree char *received = format_local (flaw_report_get_received (report));
      g_autofree char *title = ellipsize (flaw_report_get_title (report), 60);
      FlawDueState due = flaw_report_get_due_state (report);

      printf ("%-6" PRId64 " %-1s %-15s %-8s %-8s %-16s %s%s\n",
              flaw_report_get_id (report),
              flaw_report_get_unread (report) ? "*" : "",
              flaw_report_status_to_string (flaw_report_get_status (report)),
              flaw_report_get_severity (report) != FLAW_SEVERITY_UNSET
                ? flaw_severity_to_string (flaw_report_get_severity (report)) : "-",
              due == FLAW_DUE_STATE_OVERDUE ? "overdue" : due == FLAW_DUE_STATE_DUE_SOON ? "soon" : "-",
              received, title,
              flaw_report_get_withdrawn (report) ? _(" (withdrawn)") : "");
    }

  return FLAW_CLI_EXIT_OK;
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;

  text = flaw_cli_printable (value, TRUE);
  printf ("%-18s %s\n", label, text);
}

static void
print_message (FlawReport *report)
{
  g_autofree char *body = flaw_cli_printable (flaw_report_get_body (report), FALSE);

  if (flaw_report_get_body_truncated (report))
    printf ("%s\n", _("[The body was cut at the size limit; the rest is at the source.]"));
  if (flaw_report_get_html_only (report))
    printf ("%s\n", _("[This message was HTML only; shown as plain text.]"));
  printf ("\n%s\n", body);
}

static void
print_details (FlawReportDetails      *details,
               const FlawTriagePolicy *policy)
{
  FlawReport *report = details->report;
  FlawDeadlines deadlines;
  g_autofree char *title = flaw_cli_printable (flaw_report_get_title (report), TRUE);
  g_autofree char *received = format_local (flaw_report_get_received (report));
  g_autofree char *score = NULL;
  g_autofree char *duplicate = NULL;
  g_autofree char *from = NULL;

  flaw_report_get_deadlines (report, policy, flaw_clock_now (), &deadlines);

  printf (_("Report %" PRId64 ": %s\n"), flaw_report_get_id (report), title);
  print_field (_("Status:"), flaw_report_status_get_label (flaw_report_get_status (report)));
  if (flaw_report_get_close_reason (report) != FLAW_CLOSE_REASON_NONE)
    print_field (_("Closed as:"), flaw_close_reason_get_label (flaw_report_get_close_reason (report)));
  print_field (_("Close note:"), flaw_report_get_close_note (report));
  if (flaw_report_get_duplicate_of (report) != 0)
    {
      duplicate = g_strdup_printf ("%" PRId64, flaw_report_get_duplicate_of (report));
      print_field (_("Duplicate of:"), duplicate);
    }
  print_field (_("Severity:"), flaw_severity_get_label (flaw_report_get_severity (report)));
  if (flaw_report_get_cvss_score (report) >= 0)
    {
      score = g_strdup_printf ("%.1f (%s)", flaw_report_get_cvss_score (report),
                               flaw_report_get_cvss_vector (report));
      print_field (_("CVSS:"), score);
    }
  print_field (_("Source:"), flaw_report_get_source_name (report));
  print_field (_("Remote id:"), flaw_report_get_remote_id (report));
  if (flaw_report_get_reporter_address (report) != NULL)
    from = g_strdup_printf ("%s <%s>", flaw_report_get_reporter (report) ? flaw_report_get_reporter (report) : "",
                            flaw_report_get_reporter_address (report));
  print_field (_("Reporter:"), from != NULL ? from : flaw_report_get_reporter (report));
  print_field (_("Received:"), received);
  if (deadlines.next_kind != FLAW_DEADLINE_NONE)
    {
      g_autofree char *due = format_local (deadlines.next);
      g_autofree char *line = g_strdup_printf (_("%s by %s (%s)"), flaw_deadline_kind_get_label (deadlines.next_kind),
                                               due, flaw_due_state_get_label (deadlines.next_state));

      print_field (_("Next deadline:"), line);
    }
  if (flaw_report_get_withdrawn (report))
    print_field (_("Withdrawn:"), _("the message is no longer at the source"));
  print_field (_("CWE:"), flaw_report_get_cwe (report));
  print_field (_("Component:"), flaw_report_get_component (report));
  print_field (_("Affected:"), flaw_report_get_affected_versions (report));
  print_field (_("Fixed in:"), flaw_report_get_fixed_version (report));
  print_field (_("CVE:"), flaw_report_get_cve (report));
  print_field (_("Credit:"), flaw_report_get_credit (report));
  print_field (_("Root cause:"), flaw_report_get_root_cause (report));
  print_field (_("Introduced in:"), flaw_report_get_introduced_in (report));
  print_field (_("Regression test:"), flaw_report_get_regression_test (report));

  for (guint i = 0; i < details->debt_ids->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, g_array_index (details->debt_ids, gint64, i));

      print_field (_("Debt item:"), id);
    }

  for (guint i = 0; i < details->attachments->len; i++)
    {
      FlawAttachment *attachment = g_ptr_array_index (details->attachments, i);
      g_autofree char *line = g_strdup_printf ("%s (%s, %" PRId64 " bytes)",
                                               attachment->name ? attachment->name : "?",
                                               attachment->type ? attachment->type : "?",
                                               attachment->size);

      print_field (_("Attachment:"), line);
    }

  print_message (report);

  for (guint i = 0; i < details->followups->len; i++)
    {
      FlawReport *followup = g_ptr_array_index (details->followups, i);
      g_autofree char *when = format_local (flaw_report_get_received (followup));
      g_autofree char *who = flaw_cli_printable (flaw_report_get_reporter (followup), TRUE);
      g_autofree char *subject = flaw_cli_printable (flaw_report_get_title (followup), TRUE);

      printf ("\n");
      printf (_("--- Follow-up %u of %u (report %" PRId64 "), %s, from %s: %s\n"),
              i + 1, details->followups->len, flaw_report_get_id (followup), when, who, subject);
      print_message (followup);
    }
}

static FlawCliExit
reports_show (FlawCli  *cli,
              int       argc,
              char    **argv)
{
  g_autoptr(FlawReportRequest) request = NULL;
  g_autoptr(FlawReportDetails) details = NULL;
  FlawTriagePolicy policy;
  GError *error = NULL;
  const char *format = "text";
  FlawStore *store;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--format", &value))
        {
          if (g_strcmp0 (value, "text") != 0 && g_strcmp0 (value, "json") != 0)
            return reports_usage_error (cli, _("--format is text or json"));
          format = value;
        }
      else if (id == 0 && flaw_cli_parse_id (argv[i], &id))
        continue;
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown argument “%s”"), argv[i]);

          return reports_usage_error (cli, message);
        }
    }

  if (id == 0)
    return reports_usage_error (cli, _("show needs a report ID"));

  flaw_triage_policy_init_from_system (&policy);
  request = flaw_report_request_new (id, &policy);

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(details = flaw_store_run (store, flaw_report_store_load, request, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) node = flaw_report_details_to_json (details, &policy, flaw_clock_now ());

      flaw_cli_print_json (node);
    }
  else
    print_details (details, &policy);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
reports_set_status (FlawCli  *cli,
                    int       argc,
                    char    **argv)
{
  g_autoptr(FlawTriageMove) move = NULL;
  GError *error = NULL;
  FlawStore *store;
  FlawReportStatus status = FLAW_REPORT_STATUS_NEW;
  FlawCloseReason reason = FLAW_CLOSE_REASON_NONE;
  const char *note = NULL;
  gboolean have_status = FALSE;
  gint64 duplicate_of = 0;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--reason", &value))
        {
          if (!flaw_close_reason_from_string (value, &reason) || reason == FLAW_CLOSE_REASON_NONE)
            return reports_usage_error (cli, _("--reason is duplicate, not-applicable, informative or spam"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--duplicate-of", &value))
        {
          if (!flaw_cli_parse_id (value, &duplicate_of))
            return reports_usage_error (cli, _("--duplicate-of needs a report ID"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--note", &value))
        {
          if (value == NULL)
            return reports_usage_error (cli, _("--note needs text"));
          note = value;
        }
      else if (id == 0 && flaw_cli_parse_id (argv[i], &id))
        continue;
      else if (id != 0 && !have_status && flaw_report_status_from_string (argv[i], &status))
        have_status = TRUE;
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown argument “%s”"), argv[i]);

          return reports_usage_error (cli, message);
        }
    }

  if (id == 0 || !have_status)
    return reports_usage_error (cli, _("set-status needs a report ID and a status"));

  move = flaw_triage_move_new (id, status);
  move->close_reason = reason;
  move->note = g_strdup (note);
  move->duplicate_of = duplicate_of;

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!flaw_store_run (store, flaw_triage_move_report, move, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf (_("Report %" PRId64 " is now %s.\n"), id, flaw_report_status_to_string (status));

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
reports_edit (FlawCli  *cli,
              int       argc,
              char    **argv)
{
  g_autoptr(FlawReportEdit) edit = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  GError *error = NULL;
  FlawStore *store;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;
      gboolean matched = FALSE;

      for (guint o = 0; o < G_N_ELEMENTS (edit_options); o++)
        {
          if (flaw_cli_take_option (argc, argv, &i, edit_options[o].option, &value))
            {
              g_autofree char *message = NULL;

              if (value == NULL)
                {
                  message = g_strdup_printf (_("%s needs a value (\"\" clears the field)"),
                                             edit_options[o].option);
                  return reports_usage_error (cli, message);
                }

              g_ptr_array_add (pending, (gpointer) &edit_options[o]);
              g_ptr_array_add (pending, (gpointer) value);
              matched = TRUE;
              break;
            }
        }

      if (matched)
        continue;

      if (id == 0 && flaw_cli_parse_id (argv[i], &id))
        continue;

      {
        g_autofree char *message = g_strdup_printf (_("Unknown argument “%s”"), argv[i]);

        return reports_usage_error (cli, message);
      }
    }

  if (id == 0)
    return reports_usage_error (cli, _("edit needs a report ID"));
  if (pending->len == 0)
    return reports_usage_error (cli, _("edit needs at least one field to change"));

  edit = flaw_report_edit_new (id);
  for (guint p = 0; p < pending->len; p += 2)
    {
      const EditOption *option = g_ptr_array_index (pending, p);

      flaw_report_edit_set (edit, option->field, g_ptr_array_index (pending, p + 1));
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!flaw_store_run (store, flaw_report_store_update, edit, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf (_("Report %" PRId64 " updated.\n"), id);

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_reports (FlawCli  *cli,
                  int       argc,
                  char    **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL)
    return reports_usage_error (cli, _("reports needs a subcommand: list, show, set-status or edit"));

  if (g_str_equal (sub, "--help") || g_str_equal (sub, "-h") || g_str_equal (sub, "help"))
    {
      print_reports_usage (stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (g_str_equal (sub, "list"))
    return reports_list (cli, argc - 1, argv + 1);
  if (g_str_equal (sub, "show"))
    return reports_show (cli, argc - 1, argv + 1);
  if (g_str_equal (sub, "set-status"))
    return reports_set_status (cli, argc - 1, argv + 1);
  if (g_str_equal (sub, "edit"))
    return reports_edit (cli, argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown subcommand “%s”"), sub);

    return reports_usage_error (cli, message);
  }
}
