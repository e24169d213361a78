/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "flaw-cli.h"
#include "flaw-credentials.h"
#include "flaw-github-source.h"
#include "flaw-jmap-source.h"
#include "flaw-source-setup.h"
#include "flaw-source-store.h"

#define MAX_SECRET_BYTES 16384

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static gpointer
find_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_source_store_find (database, data, error);
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_source_store_list (database, error);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);

  return wait->result;
}

/* The secret comes from standard input, never from the command line, where
 * other users could read it in the process list. */
static char *
read_secret (GError **error)
{
  g_autoptr(GString) secret = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  int c;

  if (tty)
    {
      fprintf (stderr, "%s ", _("Password or token (input hidden):"));
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      else
        tty = FALSE;
    }

  while ((c = getchar ()) != EOF && c != '\n' && secret->len <= MAX_SECRET_BYTES)
    g_string_append_c (secret, (char) c);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }

  if (secret->len > 0 && secret->str[secret->len - 1] == '\r')
    g_string_truncate (secret, secret->len - 1);

  if (secret->len == 0 || secret->len > MAX_SECRET_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No password or token was given. Pass it on standard input, for example: "
                     "secret-tool lookup … | flawdesk-cli source add …"));
      memset (secret->str, 0, secret->len);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&secret), FALSE);
}

static FlawCliExit
add_source (FlawCli    *cli,
            const char *kind,
            const char *name,
            const char *config)
{
  g_autoptr(FlawCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  Wait wait = { 0 };
  GError *error = NULL;
  FlawStore *store;
  gint64 id;

  if (!(secret = read_secret (&error)))
    return flaw_cli_fail (cli, error);

  if (!(store = flaw_cli_open_store (cli, &error)))
    {
      memset (secret, 0, strlen (secret));
      return flaw_cli_fail (cli, error);
    }

  credentials = flaw_credentials_new (flaw_store_get_path (store));
  wait.loop = g_main_loop_new (NULL, FALSE);
  flaw_source_setup_add_async (store, credentials, kind, name, config, secret, NULL, done_cb, &wait);
  memset (secret, 0, strlen (secret));
  result = wait_for (&wait);

  if ((id = flaw_source_setup_add_finish (result, &error)) == 0)
    return flaw_cli_fail (cli, error);

  printf (_("Added source “%s” (%s, id %lld). Its secret is in the keyring.\n"),
          name, kind, (long long) id);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
source_add (FlawCli  *cli,
            int       argc,
            char    **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *mailbox = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *config = NULL;
  g_auto(GStrv) repos = NULL;
  GError *error = NULL;
  const char *kind;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A name for the source"), N_("NAME") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("JMAP: session URL or host name"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("JMAP: user name"), N_("USER") },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth, N_("JMAP: basic (password) or bearer (token)"), "basic|bearer" },
    { "mailbox", 0, 0, G_OPTION_ARG_STRING, &mailbox, N_("JMAP: mailbox role or name (default inbox)"), N_("NAME") },
    { "repo", 0, 0, G_OPTION_ARG_STRING_ARRAY, &repos, N_("GitHub: a repository, repeatable"), "OWNER/REPO" },
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url, N_("GitHub: API base URL"), N_("URL") },
    { NULL }
  };

  if (argc < 2)
    return flaw_cli_usage_error (cli, _("source add needs a kind: jmap, github or osv"));

  kind = argv[1];
  if (g_str_equal (kind, "osv"))
    return flaw_cli_source_add_osv (cli, argc - 1, argv + 1);
  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* The kind stands in for the program name GOption skips. */
  argc--;
  argv++;
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return flaw_cli_usage_error (cli, "%s", parse_error->message);
  if (argc > 1)
    return flaw_cli_usage_error (cli, _("Unexpected argument “%s”"), argv[1]);
  if (name == NULL || *name == '\0')
    return flaw_cli_usage_error (cli, _("source add needs --name"));

  if (g_str_equal (kind, "jmap"))
    {
      if (repos != NULL || api_url != NULL)
        return flaw_cli_usage_error (cli, _("--repo and --api-url are for GitHub sources"));
      config = flaw_jmap_source_build_config (url, user, auth, mailbox, &error);
    }
  else if (g_str_equal (kind, "github"))
    {
      if (url != NULL || user != NULL || auth != NULL || mailbox != NULL)
        return flaw_cli_usage_error (cli, _("--url, --user, --auth and --mailbox are for JMAP sources"));
      config = flaw_github_source_build_config ((const char * const *) repos, api_url, &error);
    }
  else
    return flaw_cli_usage_error (cli, _("Unknown kind of source “%s”: use jmap, github or osv"), kind);

  if (config == NULL)
    {
      FlawCliExit status = flaw_cli_usage_error (cli, "%s", error->message);

      g_error_free (error);
      return status;
    }

  return add_source (cli, kind, name, config);
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = NULL;

  if (time <= 0)
    return g_strdup (_("never"));

  date = g_date_time_new_from_unix_local (time);

  return g_date_time_format (date, "%Y-%m-%d %H:%M");
}

static FlawCliExit
source_list (FlawCli  *cli,
             int       argc,
             char    **argv)
{
  g_autoptr(GPtrArray) sources = NULL;
  GError *error = NULL;
  FlawStore *store;

  if (argc > 1)
    return flaw_cli_usage_error (cli, _("source list takes no arguments"));

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(sources = flaw_store_run (store, list_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (sources->len == 0)
    {
      printf ("%s\n", _("No sources. Add one with “flawdesk-cli source add”."));
      return FLAW_CLI_EXIT_OK;
    }

  printf ("%-4s %-20s %-7s %-8s %-17s %s\n", _("ID"), _("NAME"), _("KIND"), _("ENABLED"),
          _("LAST SYNC"), _("RESULT"));

  for (guint i = 0; i < sources->len; i++)
    {
      FlawSourceInfo *info = g_ptr_array_index (sources, i);
      g_autofree char *when = format_time (info->last_sync_time);
      g_autofree char *name = flaw_cli_printable (info->name, TRUE);
      g_autofree char *result = flaw_cli_printable (info->last_error != NULL ? info->last_error :
                                                    info->last_result, TRUE);

      printf ("%-4" G_GINT64_FORMAT " %-20s %-7s %-8s %-17s %s\n", info->id, name, info->kind,
              info->enabled ? _("yes") : _("no"), when, result);
    }

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
source_remove (FlawCli  *cli,
               int       argc,
               char    **argv)
{
  g_autoptr(FlawSourceInfo) info = NULL;
  g_autoptr(FlawCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) keyring_error = NULL;
  GError *error = NULL;
  g_autofree char *name = NULL;
  FlawStore *store;
  Wait wait = { 0 };

  if (argc != 2)
    return flaw_cli_usage_error (cli, _("source remove needs exactly one source name"));

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(info = flaw_store_run (store, find_job, argv[1], NULL, &error)))
    return flaw_cli_fail (cli, error);

  credentials = flaw_credentials_new (flaw_store_get_path (store));
  wait.loop = g_main_loop_new (NULL, FALSE);
  flaw_source_setup_remove_async (store, credentials, info->id, NULL, done_cb, &wait);
  result = wait_for (&wait);

  if (!flaw_source_setup_remove_finish (result, &keyring_error) &&
      keyring_error->domain != FLAW_CREDENTIALS_ERROR)
    return flaw_cli_fail (cli, g_steal_pointer (&keyring_error));

  name = flaw_cli_printable (info->name, TRUE);
  printf (_("Removed source “%s”. Its reports are kept.\n"), name);

  if (keyring_error != NULL)
    {
      g_autofree char *message = flaw_cli_printable (keyring_error->message, FALSE);

      fprintf (stderr, _("flawdesk-cli: the secret of “%s” could not be removed from the keyring: %s\n"),
               name, message);
    }

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_source (FlawCli  *cli,
                 int       argc,
                 char    **argv)
{
  if (argc < 2)
    return flaw_cli_usage_error (cli, _("source needs a subcommand: add, list or remove"));

  if (g_str_equal (argv[1], "add"))
    return source_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return source_list (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "remove"))
    return source_remove (cli, argc - 1, argv + 1);

  return flaw_cli_usage_error (cli, _("Unknown subcommand “source %s”: use add, list or remove"), argv[1]);
}
