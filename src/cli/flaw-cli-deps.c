/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "flaw-cli.h"
#include "flaw-dependency-store.h"

/* Lock files of big projects run to a few MiB; this leaves room. */
#define MAX_IMPORT_SIZE (64 * 1024 * 1024)

typedef struct
{
  const char        *import_source;
  GPtrArray         *incoming;
  FlawImportPreview *preview;
} ImportJob;

typedef struct
{
  gboolean vulnerable_only;
} ListJob;

static void
print_deps_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  fprintf (stream, "  flawdesk-cli deps import FILE [--format FORMAT] [--source NAME] [--yes]\n");
  fprintf (stream, "  flawdesk-cli deps list [--vulnerable] [--format table|json]\n");
  fprintf (stream, "\n%s\n", _("import: read the components a file lists, show what will be added, changed "
                               "and removed, then write only with --yes or when you confirm. A later "
                               "import of the same source replaces what the earlier one stored."));
  fprintf (stream, "  --format FORMAT  %s\n", _("auto (default), cyclonedx, spdx, package-lock, requirements, "
                                               "cargo-lock or go-sum"));
  fprintf (stream, "  --source NAME    %s\n", _("the name the import is stored under (default: the file's "
                                               "absolute path)"));
  fprintf (stream, "  --yes            %s\n", _("write without asking"));
  fprintf (stream, "\n%s\n", _("list: the components, when each was last checked, and the vulnerabilities "
                               "that affect it and are not suppressed."));
  fprintf (stream, "  --vulnerable     %s\n", _("only components a vulnerability affects"));
  fprintf (stream, "  --format FORMAT  %s\n", _("table (default) or json"));
}

static gboolean
take_option (int          argc,
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

static gpointer
preview_job (FlawDatabase  *database,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = data;

  return flaw_components_preview_import (database, job->import_source, job->incoming, error);
}

static gpointer
apply_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ImportJob *job = data;

  if (!flaw_components_apply_import (database, job->preview, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListJob *job = data;

  return flaw_components_list (database, NULL, job->vulnerable_only, error);
}

static void
print_preview (const char               *path,
               const FlawDependencyList *list,
               const FlawImportPreview  *preview)
{
  printf (_("Import of %s (%s) as “%s”:\n"), path,
          flaw_dependency_format_to_string (list->format), preview->import_source);

  for (guint i = 0; i < preview->added->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (preview->added, i);

      printf ("  + %s %s %s\n", dependency->ecosystem, dependency->name, dependency->version);
    }

  for (guint i = 0; i < preview->changed->len; i++)
    {
      FlawComponentChange *change = g_ptr_array_index (preview->changed, i);

      printf ("  ~ %s %s %s → %s\n", change->ecosystem, change->name,
              change->old_version, change->new_version);
    }

  for (guint i = 0; i < preview->removed->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (preview->removed, i);

      printf ("  - %s %s %s\n", component->ecosystem, component->name, component->version);
    }

  if (list->notes->len > 0)
    {
      printf (_("Not imported (%u):\n"), list->notes->len);
      for (guint i = 0; i < list->notes->len; i++)
        {
          FlawImportNote *note = g_ptr_array_index (list->notes, i);

          if (note->line > 0)
            printf (_("  line %u: %s — %s\n"), note->line, note->text, note->reason);
          else
            printf ("  %s — %s\n", note->text, note->reason);
        }
    }

  printf (_("%u to add, %u to change, %u to remove, %u unchanged.\n"),
          preview->added->len, preview->changed->len, preview->removed->len, preview->unchanged);
}

static gboolean
confirm (void)
{
  char answer[64] = { 0 };

  fprintf (stderr, "%s ", _("Write these changes? [y/N]"));
  fflush (stderr);

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  g_strstrip (answer);

  return g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0;
}

static FlawCliExit
run_import (FlawCli  *cli,
            int       argc,
            char    **argv)
{
  g_autoptr(FlawDependencyList) list = NULL;
  g_autoptr(FlawImportPreview) preview = NULL;
  g_autofree char *data = NULL;
  g_autofree char *source = NULL;
  FlawDependencyFormat format = FLAW_DEPENDENCY_FORMAT_AUTO;
  const char *path = NULL;
  const char *source_name = NULL;
  gboolean yes = FALSE;
  GError *error = NULL;
  ImportJob job = { 0 };
  FlawStore *store;
  gsize length = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (g_str_equal (argv[i], "--yes") || g_str_equal (argv[i], "-y"))
        yes = TRUE;
      else if (take_option (argc, argv, &i, "--format", &value))
        {
          if (value == NULL || !flaw_dependency_format_from_string (value, &format))
            return flaw_cli_usage_error (cli, _("--format must be auto, cyclonedx, spdx, package-lock, "
                                                "requirements, cargo-lock or go-sum"));
        }
      else if (take_option (argc, argv, &i, "--source", &value))
        {
          if (value == NULL || *value == '\0')
            return flaw_cli_usage_error (cli, _("--source needs a name"));
          source_name = value;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return flaw_cli_usage_error (cli, _("Unknown option “%s” for deps import"), argv[i]);
      else if (path == NULL)
        path = argv[i];
      else
        return flaw_cli_usage_error (cli, _("deps import takes one FILE"));
    }

  if (path == NULL)
    return flaw_cli_usage_error (cli, _("deps import needs a FILE"));

  if (!g_file_get_contents (path, &data, &length, &error))
    return flaw_cli_fail (cli, error);

  if (length > MAX_IMPORT_SIZE)
    {
      fprintf (stderr, _("flawdesk-cli: “%s” is larger than 64 MiB; that is not a lock file or SBOM "
                         "Flawdesk can read.\n"), path);
      return FLAW_CLI_EXIT_FAILED;
    }

  if (!(list = flaw_dependency_list_parse (data, length, format, path, &error)))
    return flaw_cli_fail (cli, error);

  if (source_name != NULL)
    source = g_strdup (source_name);
  else if (g_path_is_absolute (path))
    source = g_strdup (path);
  else
    source = g_canonicalize_filename (path, NULL);

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  job.import_source = source;
  job.incoming = list->dependencies;
  if (!(preview = flaw_store_run (store, preview_job, &job, NULL, &error)))
    return flaw_cli_fail (cli, error);

  print_preview (path, list, preview);

  if (flaw_import_preview_is_empty (preview))
    {
      printf ("%s\n", _("Nothing to change."));
      return FLAW_CLI_EXIT_OK;
    }

  if (!yes && !confirm ())
    {
      printf ("%s\n", _("Nothing was written."));
      return FLAW_CLI_EXIT_OK;
    }

  job.preview = preview;
  if (!flaw_store_run (store, apply_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf (_("Imported: %u added, %u changed, %u removed.\n"),
          preview->added->len, preview->changed->len, preview->removed->len);

  return FLAW_CLI_EXIT_OK;
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
print_json (GPtrArray *components)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ecosystem");
      json_builder_add_string_value (builder, component->ecosystem);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, component->name);
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, component->version);
      json_builder_set_member_name (builder, "purl");
      if (component->purl != NULL)
        json_builder_add_string_value (builder, component->purl);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, component->import_source);
      json_builder_set_member_name (builder, "last_checked");
      if (component->checked)
        {
          g_autofree char *time = format_time (component->last_checked);

          json_builder_add_string_value (builder, time);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "vulns");
      json_builder_begin_array (builder);
      for (guint k = 0; k < component->vulns->len; k++)
        json_builder_add_string_value (builder, g_ptr_array_index (component->vulns, k));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "suppressed");
      json_builder_begin_array (builder);
      for (guint k = 0; k < component->suppressed->len; k++)
        json_builder_add_string_value (builder, g_ptr_array_index (component->suppressed, k));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_table (GPtrArray *components)
{
  int widths[3] = { strlen (_("ECOSYSTEM")), strlen (_("NAME")), strlen (_("VERSION")) };

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      widths[0] = MAX (widths[0], (int) strlen (component->ecosystem));
      widths[1] = MAX (widths[1], (int) strlen (component->name));
      widths[2] = MAX (widths[2], (int) strlen (component->version));
    }

  printf ("%-*s  %-*s  %-*s  %-20s  %s\n", widths[0], _("ECOSYSTEM"), widths[1], _("NAME"),
          widths[2], _("VERSION"), _("LAST CHECKED"), _("VULNERABILITIES"));

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);
      g_autofree char *checked = component->checked ? format_time (component->last_checked)
                                                    : g_strdup (_("never"));
      g_autofree char *vulns = NULL;

      if (!component->checked)
        vulns = g_strdup (_("(not checked)"));
      else if (component->vulns->len == 0)
        vulns = g_strdup (_("none found"));
      else
        {
          g_ptr_array_add (component->vulns, NULL);
          vulns = g_strjoinv (", ", (char **) component->vulns->pdata);
          g_ptr_array_remove_index (component->vulns, component->vulns->len - 1);
        }

      if (component->suppressed->len > 0)
        {
          g_autofree char *prefix = g_steal_pointer (&vulns);

          g_ptr_array_add (component->suppressed, NULL);
          {
            g_autofree char *suppressed = g_strjoinv (", ", (char **) component->suppressed->pdata);

            vulns = g_strdup_printf (_("%s (suppressed: %s)"), prefix, suppressed);
          }
          g_ptr_array_remove_index (component->suppressed, component->suppressed->len - 1);
        }

      printf ("%-*s  %-*s  %-*s  %-20s  %s\n", widths[0], component->ecosystem, widths[1],
              component->name, widths[2], component->version, checked, vulns);
    }

  printf (_("%u component(s)\n"), components->len);
}

static FlawCliExit
run_list (FlawCli  *cli,
          int       argc,
          char    **argv)
{
  g_autoptr(GPtrArray) components = NULL;
  ListJob job = { 0 };
  gboolean json = FALSE;
  GError *error = NULL;
  FlawStore *store;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (g_str_equal (argv[i], "--vulnerable"))
        job.vulnerable_only = TRUE;
      else if (take_option (argc, argv, &i, "--format", &value))
        {
          if (g_strcmp0 (value, "json") == 0)
            json = TRUE;
          else if (g_strcmp0 (value, "table") == 0)
            json = FALSE;
          else
            return flaw_cli_usage_error (cli, _("--format must be table or json"));
        }
      else
        return flaw_cli_usage_error (cli, _("Unknown argument “%s” for deps list"), argv[i]);
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(components = flaw_store_run (store, list_job, &job, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (json)
    print_json (components);
  else
    print_table (components);

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_deps (FlawCli  *cli,
               int       argc,
               char    **argv)
{
  if (argc < 2)
    return flaw_cli_usage_error (cli, _("deps needs a subcommand: import or list"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_deps_usage (stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "import"))
    return run_import (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return run_list (cli, argc - 1, argv + 1);

  return flaw_cli_usage_error (cli, _("Unknown deps subcommand “%s”; use import or list"), argv[1]);
}
