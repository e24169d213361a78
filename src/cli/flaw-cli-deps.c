/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "flaw-cli.h"
#include "flaw-clock.h"
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

/* One write by hand: add, remove, suppress or unsuppress. */
typedef struct
{
  FlawDependency *dependency;
  GArray         *component_ids;
  const char     *osv_id;
  const char     *reason;
  gint64          expires;
  guint           count;
} EditJob;

static void
print_deps_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  fprintf (stream, "  flawdesk-cli deps import FILE [--format FORMAT] [--source NAME] [--yes]\n");
  fprintf (stream, "  flawdesk-cli deps list [--vulnerable] [--format table|json]\n");
  fprintf (stream, "  flawdesk-cli deps add --ecosystem ECOSYSTEM --name NAME --version VERSION\n");
  fprintf (stream, "  flawdesk-cli deps remove ECOSYSTEM NAME [VERSION]\n");
  fprintf (stream, "  flawdesk-cli deps suppress OSV-ID --component COMPONENT --reason TEXT --until YYYY-MM-DD\n");
  fprintf (stream, "  flawdesk-cli deps unsuppress OSV-ID --component COMPONENT\n");
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
  fprintf (stream, "\n%s\n", _("add: a component by hand, never checked until the next OSV sync. "
                               "remove: a component, with its findings; without VERSION the package "
                               "must be listed at one version only."));
  fprintf (stream, "\n%s\n", _("suppress: stop counting a vulnerability against a component until the "
                               "end of the given day (UTC), for a reason. unsuppress: count it again."));
  fprintf (stream, "  --component C    %s\n", _("ECOSYSTEM/NAME or ECOSYSTEM/NAME@VERSION, "
                                               "e.g. PyPI/django@4.2.1, or \"all\" for every component"));
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
  g_autofree char *file = flaw_cli_printable (path, TRUE);
  g_autofree char *source = flaw_cli_printable (preview->import_source, TRUE);

  printf (_("Import of %s (%s) as “%s”:\n"), file,
          flaw_dependency_format_to_string (list->format), source);

  for (guint i = 0; i < preview->added->len; i++)
    {
      FlawDependency *dependency = g_ptr_array_index (preview->added, i);
      g_autofree char *ecosystem = flaw_cli_printable (dependency->ecosystem, TRUE);
      g_autofree char *name = flaw_cli_printable (dependency->name, TRUE);
      g_autofree char *version = flaw_cli_printable (dependency->version, TRUE);

      printf ("  + %s %s %s\n", ecosystem, name, version);
    }

  for (guint i = 0; i < preview->changed->len; i++)
    {
      FlawComponentChange *change = g_ptr_array_index (preview->changed, i);
      g_autofree char *ecosystem = flaw_cli_printable (change->ecosystem, TRUE);
      g_autofree char *name = flaw_cli_printable (change->name, TRUE);
      g_autofree char *old_version = flaw_cli_printable (change->old_version, TRUE);
      g_autofree char *new_version = flaw_cli_printable (change->new_version, TRUE);

      printf ("  ~ %s %s %s → %s\n", ecosystem, name, old_version, new_version);
    }

  for (guint i = 0; i < preview->removed->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (preview->removed, i);
      g_autofree char *ecosystem = flaw_cli_printable (component->ecosystem, TRUE);
      g_autofree char *name = flaw_cli_printable (component->name, TRUE);
      g_autofree char *version = flaw_cli_printable (component->version, TRUE);

      printf ("  - %s %s %s\n", ecosystem, name, version);
    }

  if (list->notes->len > 0)
    {
      printf (_("Not imported (%u):\n"), list->notes->len);
      for (guint i = 0; i < list->notes->len; i++)
        {
          FlawImportNote *note = g_ptr_array_index (list->notes, i);
          g_autofree char *text = flaw_cli_printable (note->text, TRUE);
          g_autofree char *reason = flaw_cli_printable (note->reason, TRUE);

          if (note->line > 0)
            printf (_("  line %u: %s — %s\n"), note->line, text, reason);
          else
            printf ("  %s — %s\n", text, reason);
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
      else if (flaw_cli_take_option (argc, argv, &i, "--format", &value))
        {
          if (value == NULL || !flaw_dependency_format_from_string (value, &format))
            return flaw_cli_usage_error (cli, _("--format must be auto, cyclonedx, spdx, package-lock, "
                                                "requirements, cargo-lock or go-sum"));
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--source", &value))
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
  g_autoptr(JsonNode) root = NULL;

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
      json_builder_set_member_name (builder, "suppression_expired");
      json_builder_begin_array (builder);
      for (guint k = 0; k < component->expired->len; k++)
        json_builder_add_string_value (builder, g_ptr_array_index (component->expired, k));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  flaw_cli_print_json (root);
}

static void
print_table (GPtrArray *components)
{
  int widths[3] = { strlen (_("ECOSYSTEM")), strlen (_("NAME")), strlen (_("VERSION")) };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  /* Three printable cells per component: ecosystem, name, version. */
  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);
      char *ecosystem = flaw_cli_printable (component->ecosystem, TRUE);
      char *name = flaw_cli_printable (component->name, TRUE);
      char *version = flaw_cli_printable (component->version, TRUE);

      widths[0] = MAX (widths[0], (int) strlen (ecosystem));
      widths[1] = MAX (widths[1], (int) strlen (name));
      widths[2] = MAX (widths[2], (int) strlen (version));
      g_ptr_array_add (cells, ecosystem);
      g_ptr_array_add (cells, name);
      g_ptr_array_add (cells, version);
    }

  printf ("%-*s  %-*s  %-*s  %-20s  %s\n", widths[0], _("ECOSYSTEM"), widths[1], _("NAME"),
          widths[2], _("VERSION"), _("LAST CHECKED"), _("VULNERABILITIES"));

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);
      g_autofree char *checked = component->checked ? format_time (component->last_checked)
                                                    : g_strdup (_("never"));
      g_autofree char *vulns = NULL;
      g_autofree char *shown = NULL;

      if (!component->checked)
        vulns = g_strdup (_("(not checked)"));
      else if (component->vulns->len == 0)
        vulns = g_strdup (_("none found"));
      else
        {
          GString *list = g_string_new (NULL);

          for (guint k = 0; k < component->vulns->len; k++)
            {
              const char *id = g_ptr_array_index (component->vulns, k);

              if (k > 0)
                g_string_append (list, ", ");
              if (g_ptr_array_find_with_equal_func (component->expired, id, g_str_equal, NULL))
                g_string_append_printf (list, _("%s (suppression expired)"), id);
              else
                g_string_append (list, id);
            }
          vulns = g_string_free (list, FALSE);
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

      shown = flaw_cli_printable (vulns, TRUE);
      printf ("%-*s  %-*s  %-*s  %-20s  %s\n", widths[0], (char *) g_ptr_array_index (cells, 3 * i),
              widths[1], (char *) g_ptr_array_index (cells, 3 * i + 1),
              widths[2], (char *) g_ptr_array_index (cells, 3 * i + 2), checked, shown);
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
      else if (flaw_cli_take_option (argc, argv, &i, "--format", &value))
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

static gpointer
list_all_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return flaw_components_list (database, NULL, FALSE, error);
}

static gpointer
add_job (FlawDatabase  *database,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  EditJob *job = data;

  return flaw_component_add (database, job->dependency, "manual", error) != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
remove_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  EditJob *job = data;

  for (guint i = 0; i < job->component_ids->len; i++)
    if (!flaw_component_remove (database, g_array_index (job->component_ids, gint64, i), error))
      return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
suppress_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  EditJob *job = data;

  for (guint i = 0; i < job->component_ids->len; i++)
    if (!flaw_suppression_add (database, job->osv_id, g_array_index (job->component_ids, gint64, i),
                               job->reason, job->expires, error))
      return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
unsuppress_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  EditJob *job = data;

  for (guint i = 0; i < job->component_ids->len; i++)
    {
      guint n = flaw_suppression_remove (database, job->osv_id,
                                         g_array_index (job->component_ids, gint64, i), error);

      if (n == 0)
        return NULL;
      job->count += n;
    }

  return GINT_TO_POINTER (TRUE);
}

static FlawCliExit
run_add (FlawCli  *cli,
         int       argc,
         char    **argv)
{
  g_autoptr(FlawDependency) dependency = NULL;
  const char *ecosystem = NULL;
  const char *name = NULL;
  const char *version = NULL;
  GError *error = NULL;
  EditJob job = { 0 };
  FlawStore *store;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--ecosystem", &value))
        ecosystem = value;
      else if (flaw_cli_take_option (argc, argv, &i, "--name", &value))
        name = value;
      else if (flaw_cli_take_option (argc, argv, &i, "--version", &value))
        version = value;
      else
        return flaw_cli_usage_error (cli, _("Unknown argument “%s” for deps add"), argv[i]);
    }

  if (ecosystem == NULL || name == NULL || version == NULL)
    return flaw_cli_usage_error (cli, _("deps add needs --ecosystem, --name and --version"));

  if (!flaw_dependency_check (ecosystem, name, version, &error))
    {
      g_autofree char *message = flaw_cli_printable (error->message, TRUE);

      g_clear_error (&error);
      return flaw_cli_usage_error (cli, "%s", message);
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  dependency = flaw_dependency_new (ecosystem, name, version);
  job.dependency = dependency;
  if (!flaw_store_run (store, add_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  {
    g_autofree char *shown = flaw_cli_printable (name, TRUE);

    printf (_("Added %s %s %s; it will be checked at the next OSV sync.\n"), ecosystem, shown, version);
  }

  return FLAW_CLI_EXIT_OK;
}

/* The components named ECOSYSTEM, NAME and, when given, VERSION. */
static GArray *
find_components (GPtrArray  *components,
                 const char *ecosystem,
                 const char *name,
                 const char *version,
                 GString    *versions)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < components->len; i++)
    {
      FlawComponent *component = g_ptr_array_index (components, i);

      if (!g_str_equal (component->ecosystem, ecosystem) || !g_str_equal (component->name, name) ||
          (version != NULL && !g_str_equal (component->version, version)))
        continue;

      g_array_append_val (ids, component->id);
      if (versions != NULL)
        g_string_append_printf (versions, "%s%s", versions->len > 0 ? ", " : "", component->version);
    }

  return ids;
}

static FlawCliExit
run_remove (FlawCli  *cli,
            int       argc,
            char    **argv)
{
  g_autoptr(GPtrArray) components = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) versions = g_string_new (NULL);
  g_autofree char *raw = NULL;
  g_autofree char *what = NULL;
  GError *error = NULL;
  EditJob job = { 0 };
  FlawStore *store;

  if (argc < 3 || argc > 4)
    return flaw_cli_usage_error (cli, _("deps remove takes ECOSYSTEM NAME [VERSION]"));

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(components = flaw_store_run (store, list_all_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  ids = find_components (components, argv[1], argv[2], argc == 4 ? argv[3] : NULL, versions);
  raw = argc == 4 ? g_strdup_printf ("%s %s %s", argv[1], argv[2], argv[3])
                  : g_strdup_printf ("%s %s", argv[1], argv[2]);
  what = flaw_cli_printable (raw, TRUE);

  if (ids->len == 0)
    {
      fprintf (stderr, _("flawdesk-cli: No component %s is listed; see flawdesk-cli deps list.\n"), what);
      return FLAW_CLI_EXIT_FAILED;
    }

  if (argc == 3 && ids->len > 1)
    {
      g_autofree char *shown = flaw_cli_printable (versions->str, TRUE);

      fprintf (stderr, _("flawdesk-cli: %s is listed at several versions (%s); name the VERSION to remove.\n"),
               what, shown);
      return FLAW_CLI_EXIT_USAGE;
    }

  job.component_ids = ids;
  if (!flaw_store_run (store, remove_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Removed %s (%u component).\n", "Removed %s (%u components).\n",
                       ids->len),
          what, ids->len);

  return FLAW_CLI_EXIT_OK;
}

/* "all" (0), or ECOSYSTEM/NAME[@VERSION]: a Go module path holds slashes,
 * an npm scope starts with "@". */
static gboolean
resolve_component_spec (GPtrArray   *components,
                        const char  *spec,
                        GArray     **ids,
                        GError     **error)
{
  g_autofree char *ecosystem = NULL;
  g_autofree char *name = NULL;
  const char *slash = strchr (spec, '/');
  const char *at;
  const char *version = NULL;
  g_autoptr(GString) versions = g_string_new (NULL);

  if (g_str_equal (spec, "all"))
    {
      gint64 all = 0;

      *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (*ids, all);
      return TRUE;
    }

  if (slash == NULL || slash == spec || slash[1] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--component must be ECOSYSTEM/NAME or ECOSYSTEM/NAME@VERSION (e.g. PyPI/django@4.2.1), "
                     "or all"));
      return FALSE;
    }

  ecosystem = g_strndup (spec, slash - spec);
  at = strrchr (slash + 1, '@');
  if (at != NULL && at != slash + 1)
    {
      name = g_strndup (slash + 1, at - slash - 1);
      version = at + 1;
    }
  else
    name = g_strdup (slash + 1);

  *ids = find_components (components, ecosystem, name, version, versions);

  if ((*ids)->len == 0)
    {
      g_clear_pointer (ids, g_array_unref);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No component %s is listed; see flawdesk-cli deps list."), spec);
      return FALSE;
    }

  if (version == NULL && (*ids)->len > 1)
    {
      g_clear_pointer (ids, g_array_unref);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is listed at several versions (%s); add @VERSION to --component."),
                   spec, versions->str);
      return FALSE;
    }

  return TRUE;
}

/* YYYY-MM-DD: suppressed to the end of that day, UTC. */
static gboolean
parse_until (const char *text,
             gint64     *expires)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) next = NULL;
  int year, month, mday;
  char end;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &mday, &end) != 3 ||
      !g_date_valid_dmy (mday, month, year))
    return FALSE;

  if (!(day = g_date_time_new_utc (year, month, mday, 0, 0, 0)))
    return FALSE;

  next = g_date_time_add_days (day, 1);
  *expires = g_date_time_to_unix (next);

  return TRUE;
}

static FlawCliExit
run_suppress (FlawCli  *cli,
              int       argc,
              char    **argv,
              gboolean  suppress)
{
  g_autoptr(GPtrArray) components = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *command = suppress ? "deps suppress" : "deps unsuppress";
  const char *osv_id = NULL;
  const char *component = NULL;
  const char *reason = NULL;
  const char *until = NULL;
  GError *error = NULL;
  EditJob job = { 0 };
  FlawStore *store;

  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--component", &value))
        component = value;
      else if (suppress && flaw_cli_take_option (argc, argv, &i, "--reason", &value))
        reason = value;
      else if (suppress && flaw_cli_take_option (argc, argv, &i, "--until", &value))
        until = value;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return flaw_cli_usage_error (cli, _("Unknown option “%s” for %s"), argv[i], command);
      else if (osv_id == NULL)
        osv_id = argv[i];
      else
        return flaw_cli_usage_error (cli, _("%s takes one OSV-ID"), command);
    }

  if (osv_id == NULL || component == NULL)
    return flaw_cli_usage_error (cli, _("%s needs an OSV-ID and --component"), command);

  if (suppress)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));

      if (*trimmed == '\0')
        return flaw_cli_usage_error (cli, _("deps suppress needs --reason: say why it is not acted on now"));
      if (!parse_until (until, &job.expires))
        return flaw_cli_usage_error (cli, _("deps suppress needs --until YYYY-MM-DD, a real date; "
                                            "nothing is suppressed forever"));
      if (job.expires <= flaw_clock_now ())
        return flaw_cli_usage_error (cli, _("--until %s has passed; give a date from today on"), until);
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  if (!(components = flaw_store_run (store, list_all_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (!resolve_component_spec (components, component, &ids, &error))
    {
      g_autofree char *message = flaw_cli_printable (error->message, TRUE);

      g_clear_error (&error);
      return flaw_cli_usage_error (cli, "%s", message);
    }

  job.component_ids = ids;
  job.osv_id = osv_id;
  job.reason = reason;
  if (!flaw_store_run (store, suppress ? suppress_job : unsuppress_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  {
    g_autofree char *id = flaw_cli_printable (osv_id, TRUE);
    g_autofree char *target = flaw_cli_printable (component, TRUE);

    if (suppress)
      printf (_("Suppressed %s for %s until %s (end of day, UTC).\n"), id, target, until);
    else
      printf (_("%s counts again for %s.\n"), id, target);
  }

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_deps (FlawCli  *cli,
               int       argc,
               char    **argv)
{
  if (argc < 2)
    return flaw_cli_usage_error (cli, _("deps needs a subcommand: import, list, add, remove, suppress "
                                        "or unsuppress"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_deps_usage (stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "import"))
    return run_import (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return run_list (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "add"))
    return run_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "remove"))
    return run_remove (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "suppress"))
    return run_suppress (cli, argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "unsuppress"))
    return run_suppress (cli, argc - 1, argv + 1, FALSE);

  return flaw_cli_usage_error (cli, _("Unknown deps subcommand “%s”; use import, list, add, remove, "
                                      "suppress or unsuppress"), argv[1]);
}
