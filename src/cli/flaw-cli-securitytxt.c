/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "flaw-cli.h"
#include "flaw-clock.h"
#include "flaw-front-door.h"
#include "flaw-securitytxt.h"

/* Files bigger than this are not security.txt files anyone should publish. */
#define MAX_INPUT_SIZE (1024 * 1024)

typedef struct
{
  GPtrArray *contacts;
  GPtrArray *canonicals;
  char      *encryption;
  char      *acknowledgments;
  char      *policy;
  char      *hiring;
  char      *languages;
  gint64     expires;
  gboolean   have_expires;
} SetOptions;

static void
print_securitytxt_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  fprintf (stream, "  flawdesk-cli securitytxt set [OPTIONS…]\n");
  fprintf (stream, "  flawdesk-cli securitytxt generate [--output FILE]\n");
  fprintf (stream, "  flawdesk-cli securitytxt validate FILE|URL|-\n");
  fprintf (stream, "\n%s\n", _("set: store the team's front door, from which security.txt is generated. "
                               "Options given replace the stored values; repeat --contact and --canonical "
                               "for several (they replace the whole list); an empty value clears an "
                               "optional field."));
  fprintf (stream, "  --contact URI          %s\n", _("mailto:, tel: or https:// address, most preferred first"));
  fprintf (stream, "  --expires WHEN         %s\n", _("RFC 3339 time, a date (YYYY-MM-DD, end of day UTC) or +DAYS"));
  fprintf (stream, "  --encryption URI       %s\n", _("where the OpenPGP key can be fetched"));
  fprintf (stream, "  --policy URL           %s\n", _("the disclosure policy (https://)"));
  fprintf (stream, "  --acknowledgments URL  %s\n", _("the page thanking researchers (https://)"));
  fprintf (stream, "  --canonical URL        %s\n", _("where the file is published (https://)"));
  fprintf (stream, "  --hiring URL           %s\n", _("security jobs (https://)"));
  fprintf (stream, "  --languages TAGS       %s\n", _("preferred languages, such as “en, de”"));
  fprintf (stream, "\n%s\n", _("generate: print the security.txt of the stored front door, or write it "
                               "to FILE with --output. Warns when it expires within 30 days or has expired."));
  fprintf (stream, "\n%s\n", _("validate: check a file, standard input (-) or a site (https://example.com/, "
                               "fetched from /.well-known/security.txt) against RFC 9116. Prints each finding "
                               "with its code, severity, line and fix. Exit status: 0 without errors, "
                               "2 with errors or when the file cannot be read, 1 for wrong usage."));
}

static void
set_options_clear (SetOptions *options)
{
  g_clear_pointer (&options->contacts, g_ptr_array_unref);
  g_clear_pointer (&options->canonicals, g_ptr_array_unref);
  g_clear_pointer (&options->encryption, g_free);
  g_clear_pointer (&options->acknowledgments, g_free);
  g_clear_pointer (&options->policy, g_free);
  g_clear_pointer (&options->hiring, g_free);
  g_clear_pointer (&options->languages, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SetOptions, set_options_clear)

static gboolean
parse_expires (const char *value,
               gint64     *expires)
{
  gint64 days;
  char *end = NULL;

  if (value[0] == '+')
    {
      days = g_ascii_strtoll (value + 1, &end, 10);
      if (end == value + 1 || *end != '\0' || days < 1 || days > 3650)
        return FALSE;
      *expires = flaw_clock_now () + days * 86400;
      return TRUE;
    }

  if (strlen (value) == 10)
    {
      g_autofree char *full = g_strconcat (value, "T23:59:59Z", NULL);

      return flaw_securitytxt_parse_date_time (full, expires);
    }

  return flaw_securitytxt_parse_date_time (value, expires);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

static gpointer
set_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  SetOptions *options = data;
  g_autoptr(FlawFrontDoor) door = NULL;

  if (!(door = flaw_front_door_load (database, error)))
    return NULL;

  if (options->contacts != NULL)
    {
      g_ptr_array_set_size (door->contacts, 0);
      for (guint i = 0; i < options->contacts->len; i++)
        g_ptr_array_add (door->contacts, g_strdup (g_ptr_array_index (options->contacts, i)));
    }

  if (options->canonicals != NULL)
    {
      g_ptr_array_set_size (door->canonicals, 0);
      for (guint i = 0; i < options->canonicals->len; i++)
        if (*(char *) g_ptr_array_index (options->canonicals, i) != '\0')
          g_ptr_array_add (door->canonicals, g_strdup (g_ptr_array_index (options->canonicals, i)));
    }

  replace_string (&door->encryption, options->encryption);
  replace_string (&door->acknowledgments, options->acknowledgments);
  replace_string (&door->policy, options->policy);
  replace_string (&door->hiring, options->hiring);
  replace_string (&door->preferred_languages, options->languages);
  if (options->have_expires)
    door->expires = options->expires;

  if (!flaw_front_door_save (database, door, error))
    return NULL;

  return g_steal_pointer (&door);
}

static gpointer
load_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_front_door_load (database, error);
}

static void
warn_expiry (const FlawFrontDoor *door)
{
  g_autofree char *date = flaw_securitytxt_format_date_time (door->expires);
  gint64 days = 0;

  switch (flaw_front_door_get_expiry (door, flaw_clock_now (), &days))
    {
    case FLAW_FRONT_DOOR_EXPIRY_PAST:
      fprintf (stderr, _("warning: the expiry date %s has passed; readers will treat the file as stale. "
                         "Set a new one with “flawdesk-cli securitytxt set --expires +180”.\n"),
               date);
      break;

    case FLAW_FRONT_DOOR_EXPIRY_SOON:
      fprintf (stderr, _("warning: security.txt expires in %lld days (%s). "
                         "Renew it with “flawdesk-cli securitytxt set --expires +180” and publish it again.\n"),
               (long long) days, date);
      break;

    case FLAW_FRONT_DOOR_EXPIRY_OK:
    case FLAW_FRONT_DOOR_EXPIRY_UNSET:
    default:
      break;
    }
}

static FlawCliExit
run_set (FlawCli  *cli,
         int       argc,
         char    **argv)
{
  g_auto(SetOptions) options = { 0 };
  g_autoptr(FlawFrontDoor) door = NULL;
  GError *error = NULL;
  FlawStore *store;
  gboolean any = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--contact", &value))
        {
          if (options.contacts == NULL)
            options.contacts = g_ptr_array_new_with_free_func (g_free);
          if (value != NULL && *value != '\0')
            g_ptr_array_add (options.contacts, g_strdup (value));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--canonical", &value))
        {
          if (options.canonicals == NULL)
            options.canonicals = g_ptr_array_new_with_free_func (g_free);
          if (value != NULL)
            g_ptr_array_add (options.canonicals, g_strdup (value));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--encryption", &value))
        options.encryption = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--acknowledgments", &value))
        options.acknowledgments = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--policy", &value))
        options.policy = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--hiring", &value))
        options.hiring = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--languages", &value))
        options.languages = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--expires", &value))
        {
          if (value == NULL || !parse_expires (value, &options.expires))
            return flaw_cli_usage_error (cli, _("--expires needs an RFC 3339 time "
                                                "(2026-12-31T23:59:59Z), a date (2026-12-31) or +DAYS, "
                                                "not “%s”"),
                                         value ? value : "");
          options.have_expires = TRUE;
        }
      else
        return flaw_cli_usage_error (cli, _("Unknown option “%s” for securitytxt set"), argv[i]);

      if (value == NULL)
        return flaw_cli_usage_error (cli, _("%s needs a value"), argv[i]);

      any = TRUE;
    }

  if (!any)
    return flaw_cli_usage_error (cli, _("securitytxt set needs at least one option, such as --contact"));

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(door = flaw_store_run (store, set_job, &options, NULL, &error)))
    return flaw_cli_fail (cli, error);

  {
    g_autofree char *date = flaw_securitytxt_format_date_time (door->expires);

    printf (_("Front door saved: %u contact(s), expires %s.\n"), door->contacts->len, date);
  }
  warn_expiry (door);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
run_generate (FlawCli  *cli,
              int       argc,
              char    **argv)
{
  g_autoptr(FlawFrontDoor) door = NULL;
  g_autofree char *text = NULL;
  const char *output = NULL;
  GError *error = NULL;
  FlawStore *store;

  for (int i = 1; i < argc; i++)
    {
      if (flaw_cli_take_option (argc, argv, &i, "--output", &output) ||
          flaw_cli_take_option (argc, argv, &i, "-o", &output))
        {
          if (output == NULL || *output == '\0')
            return flaw_cli_usage_error (cli, _("--output needs a file path"));
        }
      else
        return flaw_cli_usage_error (cli, _("Unknown argument “%s” for securitytxt generate"), argv[i]);
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(door = flaw_store_run (store, load_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (door->updated == 0)
    {
      fprintf (stderr, "flawdesk-cli: %s\n",
               _("No front door is stored yet. Store one with “flawdesk-cli securitytxt set "
                 "--contact mailto:security@example.com --expires +180”."));
      return FLAW_CLI_EXIT_FAILED;
    }

  if (!(text = flaw_front_door_generate (door, &error)))
    return flaw_cli_fail (cli, error);

  warn_expiry (door);
  fprintf (stderr, "%s\n", _("note: check that the response times in your policy match the clocks "
                              "set in Flawdesk's Preferences."));

  if (output == NULL)
    {
      fputs (text, stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (!g_file_set_contents (output, text, -1, &error))
    return flaw_cli_fail (cli, error);

  printf (_("Wrote %s\n"), output);

  return FLAW_CLI_EXIT_OK;
}

typedef struct
{
  GMainLoop             *loop;
  FlawSecuritytxtReport *report;
  GError                *error;
} FetchWait;

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->report = flaw_securitytxt_fetch_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static FlawSecuritytxtReport *
fetch_url (const char  *url,
           GError     **error)
{
  FetchWait wait = { 0 };

  wait.loop = g_main_loop_new (NULL, FALSE);
  flaw_securitytxt_fetch_from_async (url, NULL, fetch_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.report;
}

static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[8192];
  gssize n;

  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (path);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    {
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > MAX_INPUT_SIZE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("“%s” is larger than 1 MiB; that is not a security.txt file."), path);
          return NULL;
        }
    }

  if (n < 0)
    return NULL;

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);

  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static void
print_report (const char            *name,
              FlawSecuritytxtReport *report)
{
  g_autofree char *where = flaw_cli_printable (name, TRUE);

  /* Messages quote the file, which may come from someone else's server. */
  for (guint i = 0; i < report->findings->len; i++)
    {
      FlawSecuritytxtFinding *finding = g_ptr_array_index (report->findings, i);
      g_autofree char *message = flaw_cli_printable (finding->message, TRUE);
      g_autofree char *fix = flaw_cli_printable (finding->fix, TRUE);

      if (finding->line > 0)
        printf ("%s:%u: %s [%s] %s\n", where, finding->line,
                flaw_securitytxt_severity_to_string (finding->severity), finding->code, message);
      else
        printf ("%s: %s [%s] %s\n", where,
                flaw_securitytxt_severity_to_string (finding->severity), finding->code, message);
      printf ("  %s %s\n", _("fix:"), fix);
    }

  printf (_("%u error(s), %u warning(s), %u notice(s)\n"),
          flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_ERROR),
          flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_WARNING),
          flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_NOTICE));
}

static FlawCliExit
run_validate (FlawCli  *cli,
              int       argc,
              char    **argv)
{
  g_autoptr(FlawSecuritytxtReport) report = NULL;
  const char *target;
  GError *error = NULL;

  if (argc != 2)
    return flaw_cli_usage_error (cli, _("securitytxt validate needs one FILE, URL or - (standard input)"));

  target = argv[1];

  if (g_str_has_prefix (target, "https://") || g_str_has_prefix (target, "http://"))
    {
      if (!(report = fetch_url (target, &error)))
        return flaw_cli_fail (cli, error);
      print_report (report->final_url ? report->final_url : target, report);
    }
  else
    {
      g_autofree char *text = NULL;
      gsize length = 0;

      if (!(text = read_input (target, &length, &error)))
        return flaw_cli_fail (cli, error);

      report = flaw_securitytxt_validate (text, length, NULL);
      print_report (g_str_equal (target, "-") ? _("(standard input)") : target, report);
    }

  if (flaw_securitytxt_report_count (report, FLAW_SECURITYTXT_SEVERITY_ERROR) > 0)
    return FLAW_CLI_EXIT_FAILED;

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_securitytxt (FlawCli  *cli,
                      int       argc,
                      char    **argv)
{
  if (argc < 2)
    return flaw_cli_usage_error (cli, _("securitytxt needs a subcommand: set, generate or validate"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_securitytxt_usage (stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "set"))
    return run_set (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "generate"))
    return run_generate (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "validate"))
    return run_validate (cli, argc - 1, argv + 1);

  return flaw_cli_usage_error (cli, _("Unknown securitytxt subcommand “%s”; use set, generate or validate"),
                               argv[1]);
}
