/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

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

/* The usage of each subcommand, printed by `COMMAND [SUBCOMMAND] --help`.
 * A command with no entry here (debt, deps) prints its own help; so do
 * reports and securitytxt when asked without a subcommand, as their help
 * says more than these lines.
 */
typedef struct
{
  const char *command;
  const char *subcommand;  /* NULL: the command takes none */
  const char *synopsis;
  const char *summary;
} FlawCliUsage;

static const FlawCliUsage usages[] = {
  { "assess", "list", "assess list [--team TEAM]", N_("List the assessments") },
  { "assess", "show", "assess show ID", N_("Show an assessment with its scores and answers") },
  { "assess", "start", "assess start --team TEAM --assessor NAME [--date YYYY-MM-DD] [--checklist ID[@VERSION]]",
    N_("Start an assessment against a checklist") },
  { "assess", "answer", "assess answer ID ITEM --rating 0-3|none [--note TEXT] [--link URL]…",
    N_("Answer one item: 0 not in place, 1 partly, 2 largely, 3 fully, none not assessed") },
  { "assess", "complete", "assess complete ID", N_("Complete an assessment, which freezes it") },
  { "assess", "export", "assess export ID --format md|html|pdf --output FILE",
    N_("Export a completed assessment as a Markdown, HTML or PDF report") },
  { "checklist", "validate", "checklist validate FILE",
    N_("Check a checklist file against the schema and print each problem with its path") },
  { "checklist", "import", "checklist import FILE", N_("Validate a checklist file and add it to the database") },
  { "checklist", "list", "checklist list", N_("List the checklists with their versions") },
  { "doctor", NULL, "doctor", N_("Open and migrate the database, then check it") },
  { "reports", "list", "reports list [--status S[,S…]] [--severity S[,S…]] [--due STATE[,STATE…]] "
    "[--search TEXT] [--format table|json]", N_("List the disclosure reports") },
  { "reports", "show", "reports show ID [--format text|json]", N_("Show one report") },
  { "reports", "set-status", "reports set-status ID STATUS [--reason REASON] [--duplicate-of ID] [--note TEXT]",
    N_("Move a report through triage; closing needs --reason") },
  { "reports", "edit", "reports edit ID [--severity S] [--cvss VECTOR] [--cwe CWE-N] [--component NAME] "
    "[--affected-versions V] [--fixed-version V] [--cve CVE-YYYY-N] [--credit TEXT] [--root-cause TEXT] "
    "[--introduced-in TEXT] [--regression-test TEXT] [--close-note TEXT] [--duplicate-of ID]",
    N_("Change the triage fields of a report; an empty value clears a field") },
  { "securitytxt", "set", "securitytxt set [--contact URI]… [--expires WHEN] [--encryption URI] [--policy URL] "
    "[--acknowledgments URL] [--canonical URL]… [--hiring URL] [--languages TAGS]",
    N_("Store the team's front door, from which security.txt is generated") },
  { "securitytxt", "generate", "securitytxt generate [--output FILE]",
    N_("Print the security.txt of the stored front door, or write it to FILE") },
  { "securitytxt", "validate", "securitytxt validate FILE|URL|-",
    N_("Check a file, standard input or a site against RFC 9116") },
  { "source", "add", "source add jmap --name NAME --url URL --user USER [--auth basic|bearer] [--mailbox NAME]\n"
    "  flawdesk-cli [--db PATH] source add github --name NAME --repo OWNER/REPO [--repo …] [--api-url URL]\n"
    "  flawdesk-cli [--db PATH] source add osv --name NAME [--api-url URL]",
    N_("Add a source; the password or token is read from standard input") },
  { "source", "list", "source list", N_("List the sources") },
  { "source", "remove", "source remove NAME", N_("Remove a source") },
  { "sync", NULL, "sync [--source NAME]",
    N_("Sync the sources and print per source how many reports are new, updated and unchanged") },
};

static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;

  return FALSE;
}

/* Prints the usage of `argv[0] [argv[1]]` on stdout. Returns %FALSE when the
 * command prints its own help. */
static gboolean
print_command_help (int    argc,
                    char **argv)
{
  const char *command = argv[0];
  const char *subcommand = argc > 1 ? argv[1] : NULL;
  gboolean known = FALSE;
  gboolean matched = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    if (g_str_equal (usages[i].command, command))
      {
        known = TRUE;
        if (usages[i].subcommand != NULL && g_strcmp0 (usages[i].subcommand, subcommand) == 0)
          matched = TRUE;
      }

  if (!known)
    return FALSE;
  if (!matched && (g_str_equal (command, "reports") || g_str_equal (command, "securitytxt")))
    return FALSE;

  printf ("%s\n", _("Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    if (g_str_equal (usages[i].command, command) &&
        (!matched || g_strcmp0 (usages[i].subcommand, subcommand) == 0))
      printf ("  flawdesk-cli [--db PATH] %s\n      %s\n", usages[i].synopsis, _(usages[i].summary));

  printf ("\n%s\n", _("Exit status: 0 on success, 1 for wrong usage, 2 when the work failed."));

  return TRUE;
}

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

/**
 * flaw_cli_take_option:
 * @i: (inout): the index of the argument to read; on "--name VALUE" it
 *   moves to VALUE
 * @name: the option, e.g. "--format"
 * @value: (out): the value, or %NULL when "--name" is the last argument
 *
 * Reads "--name VALUE" or "--name=VALUE" at argv[*i].
 *
 * Returns: whether argv[*i] is the option @name
 */
gboolean
flaw_cli_take_option (int          argc,
                      char       **argv,
                      int         *i,
                      const char  *name,
                      const char **value)
{
  const char *arg = argv[*i];
  gsize len = strlen (name);

  if (strncmp (arg, name, len) != 0)
    return FALSE;

  if (arg[len] == '=')
    {
      *value = arg + len + 1;
      return TRUE;
    }

  if (arg[len] != '\0')
    return FALSE;

  *value = *i + 1 < argc ? argv[++*i] : NULL;

  return TRUE;
}

/**
 * flaw_cli_parse_id:
 * @text: (nullable): a command-line argument
 * @id: (out): the row id
 *
 * Returns: whether @text is a row id (a decimal number from 1 up)
 */
gboolean
flaw_cli_parse_id (const char *text,
                   gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;

  return TRUE;
}

/**
 * flaw_cli_printable:
 * @text: (nullable): text from a server, a file or another user
 * @one_line: whether line breaks and tabs become spaces
 *
 * Untrusted text must print as text, not act on the terminal: invalid UTF-8
 * is repaired, carriage returns are dropped and control characters, line
 * separators and bidi overrides are replaced by U+FFFD.
 *
 * Returns: (transfer full): the text, safe to print; "" for %NULL
 */
char *
flaw_cli_printable (const char *text,
                    gboolean    one_line)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        g_string_append_c (out, one_line ? ' ' : (char) c);
      else if (c == '\r')
        continue;
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
               (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* json-glib escapes only C0 controls. DEL, C1 controls (U+009B is CSI to a
 * terminal), line separators and bidi overrides can only occur inside JSON
 * strings, where \uXXXX means the same character: escape them too, so that
 * the output is safe to print. */
static char *
escape_json_controls (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));

  for (const char *p = json; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

/**
 * flaw_cli_print_json:
 * @node: the document
 *
 * Prints @node on stdout as pretty JSON (two spaces), with every character
 * that could act on a terminal written as a \uXXXX escape.
 */
void
flaw_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  safe = escape_json_controls (text);
  printf ("%s\n", safe);
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
  g_autofree char *message = flaw_cli_printable (error->message, FALSE);

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
          if (wants_help (argc - i, argv + i) && print_command_help (argc - i, argv + i))
            status = FLAW_CLI_EXIT_OK;
          else
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
