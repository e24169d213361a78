/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "flaw-cli.h"

struct _FlawCli
{
  const char *program;
  const char *command;
  char       *db_path;
  FlawStore  *store;
};

/* The one dispatch table: every command of flawdesk-cli is listed here. */
static const FlawCliCommand commands[] = {
  { "assess", "list|show|start|answer|complete|export …", N_("Run self-assessments and export their reports"), flaw_cli_assess },
  { "checklist", "validate|import FILE, list", N_("Check, import and list assessment checklists"), flaw_cli_checklist },
  { "deps", "SUBCOMMAND", N_("The components the team ships: import, add, remove, list, suppress (deps --help)"), flaw_cli_deps },
  { "debt", "add|list|show|edit|export|import …", N_("The security debt register (see debt --help)"), flaw_cli_debt },
  { "doctor", "", N_("Open and migrate the database, then check it"), flaw_cli_doctor },
  { "reports", "SUBCOMMAND",
    N_("List, show and triage disclosure reports (reports --help for details)"), flaw_cli_reports },
  { "securitytxt", "SUBCOMMAND", N_("Keep the front door, generate and check security.txt (securitytxt --help)"), flaw_cli_securitytxt },
  { "source", "add jmap --name NAME --url URL --user USER [--auth basic|bearer] [--mailbox NAME]\n"
    "                           | add github --name NAME --repo OWNER/REPO [--repo …] [--api-url URL]\n"
    "                           | add osv --name NAME [--api-url URL]\n"
    "                           | list | remove NAME",
    N_("Manage disclosure sources; the password or token is read from standard input"), flaw_cli_source },
  { "sync", "[--source NAME]",
    N_("Sync the sources and print per source how many reports are new, updated and unchanged"),
    flaw_cli_sync },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, _("Usage: %s [--db PATH] COMMAND [ARGUMENTS…]\n"), "flawdesk-cli");
  fprintf (stream, "\n%s\n", _("Plan for security flaws: the Flawdesk database from the command line."));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  --db PATH    %s\n", _("Use the database at PATH (default: $FLAWDESK_DB, "
                                            "or ~/.local/share/flawdesk/flawdesk.db)"));
  fprintf (stream, "  --help       %s\n", _("Show this help"));
  fprintf (stream, "  --version    %s\n", _("Show the version"));
  fprintf (stream, "\n%s\n", _("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strconcat (commands[i].name, " ",
                                           commands[i].arguments, NULL);

      if (g_utf8_strlen (head, -1) > 24 || strchr (head, '\n') != NULL)
        fprintf (stream, "  %s\n  %-24s %s\n", head, "", _(commands[i].summary));
      else
        fprintf (stream, "  %-24s %s\n", head, _(commands[i].summary));
    }

  fprintf (stream, "\n%s\n", _("Exit status: 0 on success, 1 for wrong usage, 2 when the work failed."));
}

/**
 * flaw_cli_usage_error:
 *
 * Reports wrong usage on stderr, with the usage.
 *
 * Returns: %FLAW_CLI_EXIT_USAGE
 */
FlawCliExit
flaw_cli_usage_error (FlawCli    *cli,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (cli->command != NULL)
    fprintf (stderr, "flawdesk-cli %s: %s\n\n", cli->command, message);
  else
    fprintf (stderr, "flawdesk-cli: %s\n\n", message);
  print_usage (stderr);

  return FLAW_CLI_EXIT_USAGE;
}

/* Errors can quote what a server or a file said: control characters are
 * replaced so that they cannot act on the terminal. */
static char *
printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        g_string_append_c (out, (char) c);
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
               (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * flaw_cli_fail:
 * @error: (transfer full): why the work failed
 *
 * Returns: %FLAW_CLI_EXIT_FAILED
 */
FlawCliExit
flaw_cli_fail (FlawCli *cli,
               GError  *error)
{
  g_autofree char *message = printable (error->message);

  fprintf (stderr, "flawdesk-cli: %s\n", message);
  g_error_free (error);

  return FLAW_CLI_EXIT_FAILED;
}

/**
 * flaw_cli_open_store:
 *
 * Opens (and migrates) the database named by --db, `FLAWDESK_DB` or the
 * default path, once per run.
 *
 * Returns: (transfer none): the open store, or %NULL with @error set
 */
FlawStore *
flaw_cli_open_store (FlawCli  *cli,
                     GError  **error)
{
  if (cli->store == NULL)
    cli->store = flaw_store_new (cli->db_path);

  if (!flaw_store_open (cli->store, NULL, error))
    return NULL;

  return cli->store;
}

int
flaw_cli_main (int    argc,
               char **argv)
{
  FlawCli cli = { .program = argv[0] };
  int status = FLAW_CLI_EXIT_USAGE;
  int i;

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          status = FLAW_CLI_EXIT_OK;
          goto out;
        }
      else if (g_str_equal (arg, "--version"))
        {
          printf ("flawdesk-cli %s\n", PACKAGE_VERSION);
          status = FLAW_CLI_EXIT_OK;
          goto out;
        }
      else if (g_str_equal (arg, "--db") || g_str_has_prefix (arg, "--db="))
        {
          const char *value = arg[4] == '=' ? arg + 5 : (i + 1 < argc ? argv[++i] : NULL);

          if (value == NULL || *value == '\0')
            {
              status = flaw_cli_usage_error (&cli, _("--db needs a file path"));
              goto out;
            }

          g_free (cli.db_path);
          cli.db_path = g_strdup (value);
        }
      else if (arg[0] == '-')
        {
          status = flaw_cli_usage_error (&cli, _("Unknown option “%s”"), arg);
          goto out;
        }
      else
        break;
    }

  if (i >= argc)
    {
      status = flaw_cli_usage_error (&cli, _("No command given"));
      goto out;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          cli.command = commands[c].name;
          status = commands[c].run (&cli, argc - i, argv + i);
          goto out;
        }
    }

  status = flaw_cli_usage_error (&cli, _("Unknown command “%s”"), argv[i]);

out:
  g_clear_object (&cli.store);
  g_free (cli.db_path);

  return status;
}
