/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "flaw-cli.h"
#include "flaw-clock.h"
#include "flaw-debt-history.h"
#include "flaw-debt-io.h"
#include "flaw-debt-store.h"

#define DEFAULT_REVIEW_PERIOD_DAYS 90

typedef struct
{
  /* Field values given as --column VALUE, by column name. */
  GHashTable      *fields;
  char            *format;
  char            *output;
  char            *status;
  char            *severity;
  char            *owner;
  char            *category;
  char            *search;
  char            *sort;
  GPtrArray       *positional;
} Options;

typedef struct
{
  Options         *options;
  gint64           id;
  FlawDebtItem    *item;
  FlawDebtImport  *import;
  FlawDebtFormat   format;
  guint            review_period_days;
} Job;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->fields, g_hash_table_unref);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->status, g_free);
  g_clear_pointer (&options->severity, g_free);
  g_clear_pointer (&options->owner, g_free);
  g_clear_pointer (&options->category, g_free);
  g_clear_pointer (&options->search, g_free);
  g_clear_pointer (&options->sort, g_free);
  g_clear_pointer (&options->positional, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
print_debt_usage (FILE *stream)
{
  const char * const *fields = flaw_debt_item_list_fields ();

  fprintf (stream, "%s\n", _("Usage: flawdesk-cli debt COMMAND [OPTIONS…]"));
  fprintf (stream, "\n%s\n", _("The security debt register."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  fprintf (stream, "  add --title TEXT --likelihood N --impact N [--COLUMN VALUE…]\n      %s\n",
           _("Add an item; prints its id"));
  fprintf (stream, "  list [--status S] [--severity S] [--owner NAME] [--category C] [--search TEXT]\n"
                   "       [--sort KEY] [--format table|csv|json] [--output FILE]\n      %s\n",
           _("List the items that are not deleted"));
  fprintf (stream, "  show ID [--format table|csv|json] [--output FILE]\n      %s\n",
           _("Show one item and its history"));
  fprintf (stream, "  edit ID [--COLUMN VALUE…]\n      %s\n",
           _("Change the given fields; a new status must be a legal decision"));
  fprintf (stream, "  export [--format csv|json|md|html] [--output FILE] [list filters]\n      %s\n",
           _("Export items, or write a review report (md, html)"));
  fprintf (stream, "  import FILE [--format csv|json]\n      %s\n",
           _("Import all rows or none; every bad row is reported with its line (exit status 2)"));

  fprintf (stream, "\n%s\n", _("Columns (CSV header, JSON keys and --COLUMN options; - may replace _):"));
  for (guint i = 0; fields[i]; i++)
    fprintf (stream, "  %s\n", fields[i]);

  fprintf (stream, "\n%s\n",
           _("Values: likelihood and impact 1–5 (risk = likelihood × impact; low 1–4, medium 5–9,\n"
             "high 10–15, critical 16–25); principal in person-days and interest in person-days per\n"
             "month, with a dot for decimals; status proposed, accepted, scheduled, in_progress,\n"
             "paid_off or wont_fix; category by id (flawdesk-cli debt list --format json shows them\n"
             "in use; access_permissions, authentication, secrets_cryptography, input_handling,\n"
             "dependencies, configuration_deployment, logging_monitoring, design, process);\n"
             "review_date and target_date as YYYY-MM-DD; created as YYYY-MM-DDTHH:MM:SSZ; links\n"
             "separated by spaces; cwe as CWE-79."));
  fprintf (stream, "\n%s\n",
           _("Decisions: proposed → accepted (needs rationale, compensating_controls and a review\n"
             "date after today; default today + the review period, 90 days) → scheduled (needs\n"
             "target_date) → in_progress → paid_off; wont_fix (needs wont_fix_reason) from any open\n"
             "status; accepted → accepted to re-review; paid_off or wont_fix → proposed to reopen."));
  fprintf (stream, "\n%s\n",
           _("CSV export puts a ' before values that start with = + - @ so that spreadsheets do\n"
             "not run them; import removes it again."));
}

static gboolean
parse_options (FlawCli  *cli,
               int       argc,
               char    **argv,
               Options  *options,
               gboolean  allow_fields,
               FlawCliExit *status)
{
  options->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  options->positional = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value;
      const char *eq;
      char **target = NULL;

      if (!g_str_has_prefix (arg, "--"))
        {
          g_ptr_array_add (options->positional, g_strdup (arg));
          continue;
        }

      eq = strchr (arg, '=');
      name = eq ? g_strndup (arg + 2, eq - arg - 2) : g_strdup (arg + 2);
      g_strdelimit (name, "-", '_');

      if (eq != NULL)
        value = eq + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        {
          *status = flaw_cli_usage_error (cli, _("%s needs a value"), arg);
          return FALSE;
        }

      if (g_str_equal (name, "format"))
        target = &options->format;
      else if (g_str_equal (name, "output"))
        target = &options->output;
      else if (g_str_equal (name, "search"))
        target = &options->search;
      else if (g_str_equal (name, "sort"))
        target = &options->sort;
      else if (g_str_equal (name, "severity"))
        target = &options->severity;
      else if (!allow_fields && g_str_equal (name, "status"))
        target = &options->status;
      else if (!allow_fields && g_str_equal (name, "owner"))
        target = &options->owner;
      else if (!allow_fields && g_str_equal (name, "category"))
        target = &options->category;

      if (target != NULL)
        {
          g_free (*target);
          *target = g_strdup (value);
        }
      else if (allow_fields && flaw_debt_item_is_field (name) && !g_str_equal (name, "id"))
        g_hash_table_replace (options->fields, g_strdup (name), g_strdup (value));
      else
        {
          *status = flaw_cli_usage_error (cli, _("Unknown option “%s”"), arg);
          return FALSE;
        }
    }

  return TRUE;
}

static guint
get_review_period_days (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* The command line works without the GUI installed: then the default. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, "review-period-days"))
    return DEFAULT_REVIEW_PERIOD_DAYS;

  settings = g_settings_new_full (schema, NULL, NULL);

  return g_settings_get_uint (settings, "review-period-days");
}

static gboolean
write_output (const char  *path,
              GBytes      *bytes,
              GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (length > 0 && fwrite (data, 1, length, stdout) != length)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to standard output."));
          return FALSE;
        }
      return TRUE;
    }

  return g_file_set_contents_full (path, data ? data : "", length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Applies --column options to @item, reporting values that cannot be
 * read on stderr and adding their fields to @failed. */
static gboolean
apply_fields (FlawDebtItem *item,
              GHashTable   *fields,
              GHashTable   *failed)
{
  const char * const *names = flaw_debt_item_list_fields ();
  gboolean ok = TRUE;

  for (guint i = 0; names[i]; i++)
    {
      const char *value = g_hash_table_lookup (fields, names[i]);
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        continue;

      if (!flaw_debt_item_set_field (item, names[i], value, &error))
        {
          fprintf (stderr, "flawdesk-cli: --%s: %s\n", names[i], error->message);
          g_hash_table_add (failed, (gpointer) names[i]);
          ok = FALSE;
        }
    }

  return ok;
}

/* Reports every problem but those of fields already reported. */
static gboolean
report_problems (FlawDebtItem       *item,
                 const char * const *categories,
                 GHashTable         *failed)
{
  g_autoptr(GPtrArray) problems = flaw_debt_item_validate (item, categories);
  gboolean ok = g_hash_table_size (failed) == 0;

  for (guint i = 0; i < problems->len; i++)
    {
      FlawDebtProblem *problem = g_ptr_array_index (problems, i);

      if (problem->field != NULL && g_hash_table_contains (failed, problem->field))
        continue;

      ok = FALSE;
      fprintf (stderr, "flawdesk-cli: --%s: %s\n", problem->field ? problem->field : "", problem->message);
    }

  return ok;
}

static gpointer
categories_job (FlawDatabase  *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return flaw_debt_db_dup_category_ids (db, error);
}

static gpointer
create_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  gint64 id = flaw_debt_db_create (db, job->item, error);

  return id ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
load_job (FlawDatabase  *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_debt_db_load (db, ((Job *) data)->id, error);
}

static gpointer
update_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_debt_db_update (db, ((Job *) data)->item, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
events_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return flaw_database_list_events (db, "debt", ((Job *) data)->id, error);
}

static gboolean
matches (FlawDebtItem *item,
         Options      *options,
         GArray       *found)
{
  FlawDebtStatus status;
  FlawDebtSeverity severity;

  if (options->status && flaw_debt_status_from_string (options->status, &status) &&
      !flaw_debt_item_match_status (item, status))
    return FALSE;
  if (options->severity && flaw_debt_severity_from_string (options->severity, &severity) &&
      !flaw_debt_item_match_severity (item, severity))
    return FALSE;
  if (options->owner && !flaw_debt_item_match_owner (item, options->owner))
    return FALSE;
  if (options->category && !flaw_debt_item_match_category (item, options->category))
    return FALSE;
  if (found && !flaw_debt_ids_contain (found, flaw_debt_item_get_id (item)))
    return FALSE;

  return TRUE;
}

static FlawDebtSortKey sort_key;

static int
sort_cb (gconstpointer a,
         gconstpointer b)
{
  return flaw_debt_item_compare (*(FlawDebtItem **) a, *(FlawDebtItem **) b, sort_key);
}

/* The items the list filters select, as list rows, and their ids. */
static gpointer
select_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) found = NULL;
  GPtrArray *chosen;

  if (!(all = flaw_debt_db_list (db, error)))
    return NULL;

  if (job->options->search && !(found = flaw_debt_db_search (db, job->options->search, error)))
    return NULL;

  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (matches (g_ptr_array_index (all, i), job->options, found))
      g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (all, i)));

  return chosen;
}

static gpointer
export_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  g_autoptr(GPtrArray) chosen = select_job (db, data, cancellable, error);
  g_autoptr(GArray) ids = NULL;

  if (chosen == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), chosen->len);
  for (guint i = 0; i < chosen->len; i++)
    {
      gint64 id = flaw_debt_item_get_id (g_ptr_array_index (chosen, i));

      g_array_append_val (ids, id);
    }

  return flaw_debt_db_export (db, ids, job->format, error);
}

static gpointer
import_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  return flaw_debt_db_import_commit (db, job->import, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gboolean
check_status_filters (FlawCli     *cli,
                      Options     *options,
                      FlawCliExit *status)
{
  if (options->status && !flaw_debt_status_from_string (options->status, NULL))
    {
      *status = flaw_cli_usage_error (cli, _("Unknown status “%s”"), options->status);
      return FALSE;
    }

  if (options->severity && !flaw_debt_severity_from_string (options->severity, NULL))
    {
      *status = flaw_cli_usage_error (cli, _("Unknown severity “%s”: use low, medium, high or critical"),
                                      options->severity);
      return FALSE;
    }

  if (options->sort && !flaw_debt_sort_key_from_string (options->sort, NULL))
    {
      *status = flaw_cli_usage_error (cli, _("Unknown sort key “%s”: use title, severity, risk, status, "
                                             "owner, component, cost or review_date"),
                                      options->sort);
      return FALSE;
    }

  return TRUE;
}

static gboolean
choose_format (FlawCli        *cli,
               const char     *text,
               gboolean        reports,
               FlawDebtFormat *format,
               gboolean       *table,
               FlawCliExit    *status)
{
  *table = FALSE;

  if (!reports && (text == NULL || g_str_equal (text, "table")))
    {
      *table = TRUE;
      return TRUE;
    }

  if (text == NULL)
    {
      *format = FLAW_DEBT_FORMAT_CSV;
      return TRUE;
    }

  if (!flaw_debt_format_from_string (text, format) ||
      (!reports && (*format == FLAW_DEBT_FORMAT_MARKDOWN || *format == FLAW_DEBT_FORMAT_HTML)))
    {
      *status = flaw_cli_usage_error (cli, reports ? _("Unknown format “%s”: use csv, json, md or html")
                                                   : _("Unknown format “%s”: use table, csv or json"),
                                      text);
      return FALSE;
    }

  return TRUE;
}

static void
pad (GString    *out,
     const char *text,
     guint       width)
{
  glong length = g_utf8_strlen (text ? text : "", -1);

  g_string_append (out, text ? text : "");
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static GBytes *
format_table (GPtrArray *items)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *today = flaw_debt_today ();

  pad (out, _("ID"), 7);
  pad (out, _("SEVERITY"), 10);
  pad (out, _("RISK"), 6);
  pad (out, _("STATUS"), 13);
  pad (out, _("OWNER"), 16);
  pad (out, _("COST"), 9);
  pad (out, _("REVIEW"), 12);
  g_string_append_printf (out, "%s\n", _("TITLE"));

  for (guint i = 0; i < items->len; i++)
    {
      FlawDebtItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, flaw_debt_item_get_id (item));
      g_autofree char *risk = g_strdup_printf ("%d", flaw_debt_item_get_risk (item));
      g_autofree char *cost = g_strdup_printf ("%.1f", flaw_debt_item_get_cost_today (item));
      const char *owner_text = flaw_debt_item_get_owner (item);
      const char *review_text = flaw_debt_item_get_review_date (item);
      g_autofree char *owner = NULL;
      g_autofree char *review = g_strconcat (review_text ? review_text : "",
                                             flaw_debt_item_is_review_due (item, today) ? "!" : "", NULL);

      g_autofree char *shown_owner = flaw_cli_printable (owner_text, TRUE);
      g_autofree char *title = flaw_cli_printable (flaw_debt_item_get_title (item), TRUE);

      owner = g_utf8_substring (shown_owner, 0, MIN (g_utf8_strlen (shown_owner, -1), 15));

      pad (out, id, 7);
      pad (out, flaw_debt_severity_to_string (flaw_debt_item_get_severity (item)), 10);
      pad (out, risk, 6);
      pad (out, flaw_debt_status_to_string (flaw_debt_item_get_status (item)), 13);
      pad (out, owner, 16);
      pad (out, cost, 9);
      pad (out, review, 12);
      g_string_append_printf (out, "%s\n", title);
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static FlawCliExit
debt_add (FlawCli  *cli,
          int       argc,
          char    **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(GStrv) categories = NULL;
  g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();
  g_autoptr(GHashTable) failed = g_hash_table_new (g_str_hash, g_str_equal);
  FlawCliExit status;
  GError *error = NULL;
  FlawStore *store;
  Job job = { 0 };

  if (!parse_options (cli, argc, argv, &options, TRUE, &status))
    return status;
  if (options.positional->len > 0)
    return flaw_cli_usage_error (cli, _("add takes only --COLUMN VALUE options, not “%s”"),
                                 (char *) g_ptr_array_index (options.positional, 0));

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(categories = flaw_store_run (store, categories_job, NULL, NULL, &error)))
    return flaw_cli_fail (cli, error);

  apply_fields (item, options.fields, failed);
  if (!report_problems (item, (const char * const *) categories, failed))
    return FLAW_CLI_EXIT_FAILED;

  job.item = item;
  if (!flaw_store_run (store, create_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  printf ("%" G_GINT64_FORMAT "\n", flaw_debt_item_get_id (item));

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
debt_edit (FlawCli  *cli,
           int       argc,
           char    **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(GStrv) categories = NULL;
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GHashTable) failed = g_hash_table_new (g_str_hash, g_str_equal);
  FlawDebtStatus before;
  FlawCliExit status;
  GError *error = NULL;
  FlawStore *store;
  Job job = { 0 };

  if (!parse_options (cli, argc, argv, &options, TRUE, &status))
    return status;
  if (options.positional->len != 1 || !flaw_cli_parse_id (g_ptr_array_index (options.positional, 0), &job.id))
    return flaw_cli_usage_error (cli, _("edit takes one item id, then --COLUMN VALUE options"));
  if (g_hash_table_size (options.fields) == 0)
    return flaw_cli_usage_error (cli, _("edit needs at least one --COLUMN VALUE option"));

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(categories = flaw_store_run (store, categories_job, NULL, NULL, &error)) ||
      !(item = flaw_store_run (store, load_job, &job, NULL, &error)))
    return flaw_cli_fail (cli, error);

  before = flaw_debt_item_get_status (item);
  apply_fields (item, options.fields, failed);

  /* Accepting without a review date uses the review period of Preferences. */
  if (flaw_debt_item_get_status (item) == FLAW_DEBT_STATUS_ACCEPTED && before != FLAW_DEBT_STATUS_ACCEPTED &&
      !g_hash_table_contains (options.fields, "review_date"))
    {
      g_autofree char *today = flaw_debt_today ();
      g_autofree char *review = flaw_debt_date_add_days (today, get_review_period_days ());

      flaw_debt_item_set_review_date (item, review);
    }

  if (!report_problems (item, (const char * const *) categories, failed))
    return FLAW_CLI_EXIT_FAILED;

  job.item = item;
  if (!flaw_store_run (store, update_job, &job, NULL, &error))
    return flaw_cli_fail (cli, error);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
debt_list (FlawCli  *cli,
           int       argc,
           char    **argv,
           gboolean  is_export)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FlawDebtFormat format = FLAW_DEBT_FORMAT_CSV;
  gboolean table = FALSE;
  FlawCliExit status;
  GError *error = NULL;
  FlawStore *store;
  Job job = { 0 };

  if (!parse_options (cli, argc, argv, &options, FALSE, &status) ||
      !check_status_filters (cli, &options, &status) ||
      !choose_format (cli, options.format, is_export, &format, &table, &status))
    return status;
  if (options.positional->len > 0)
    return flaw_cli_usage_error (cli, _("Unexpected argument “%s”"),
                                 (char *) g_ptr_array_index (options.positional, 0));

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  job.options = &options;
  job.format = format;

  if (table)
    {
      if (!(items = flaw_store_run (store, select_job, &job, NULL, &error)))
        return flaw_cli_fail (cli, error);

      if (options.sort)
        {
          flaw_debt_sort_key_from_string (options.sort, &sort_key);
          g_ptr_array_sort (items, sort_cb);
        }

      bytes = format_table (items);
    }
  else if (!(bytes = flaw_store_run (store, export_job, &job, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (!write_output (options.output, bytes, &error))
    return flaw_cli_fail (cli, error);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
debt_show (FlawCli  *cli,
           int       argc,
           char    **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(FlawDebtItem) item = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) out = NULL;
  FlawDebtFormat format = FLAW_DEBT_FORMAT_CSV;
  const char * const *fields = flaw_debt_item_list_fields ();
  gboolean table = FALSE;
  FlawCliExit status;
  GError *error = NULL;
  FlawStore *store;
  Job job = { 0 };

  if (!parse_options (cli, argc, argv, &options, FALSE, &status) ||
      !choose_format (cli, options.format, FALSE, &format, &table, &status))
    return status;
  if (options.positional->len != 1 || !flaw_cli_parse_id (g_ptr_array_index (options.positional, 0), &job.id))
    return flaw_cli_usage_error (cli, _("show takes one item id"));

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(item = flaw_store_run (store, load_job, &job, NULL, &error)) ||
      !(events = flaw_store_run (store, events_job, &job, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (!table)
    {
      items = g_ptr_array_new ();
      g_ptr_array_add (items, item);
      bytes = format == FLAW_DEBT_FORMAT_JSON ? flaw_debt_export_json (items) : flaw_debt_export_csv (items);
    }
  else
    {
      out = g_string_new (NULL);

      for (guint i = 0; fields[i]; i++)
        {
          g_autofree char *value = flaw_debt_item_dup_field (item, fields[i]);
          g_autofree char *shown = flaw_cli_printable (value, FALSE);

          g_string_append_printf (out, "%-22s %s\n", fields[i], shown);
        }

      g_string_append_printf (out, "%-22s %d (%s)\n", "risk", flaw_debt_item_get_risk (item),
                              flaw_debt_severity_to_string (flaw_debt_item_get_severity (item)));
      g_string_append_printf (out, "%-22s %.2f\n", "cost_today", flaw_debt_item_get_cost_today (item));
      g_string_append_printf (out, "\n%s\n", _("History (newest first):"));

      for (guint i = 0; i < events->len; i++)
        {
          FlawEvent *event = g_ptr_array_index (events, i);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (event->time);
          g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
          g_autofree char *actor = flaw_cli_printable (event->actor, TRUE);

          /* The creation snapshot is JSON: say what it holds. */
          if (g_str_equal (event->field, FLAW_DEBT_EVENT_ITEM))
            {
              g_autofree char *text = flaw_debt_event_dup_text (event);
              g_autofree char *shown = flaw_cli_printable (text, TRUE);

              g_string_append_printf (out, "  %s  %s  %s\n", stamp, actor, shown);
            }
          else
            {
              g_autofree char *old_value = flaw_cli_printable (event->old_value ? event->old_value : "∅", TRUE);
              g_autofree char *new_value = flaw_cli_printable (event->new_value ? event->new_value : "∅", TRUE);

              g_string_append_printf (out, "  %s  %s  %s: %s → %s\n", stamp, actor, event->field,
                                      old_value, new_value);
            }
        }

      bytes = g_string_free_to_bytes (g_steal_pointer (&out));
    }

  if (!write_output (options.output, bytes, &error))
    return flaw_cli_fail (cli, error);

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
debt_import (FlawCli  *cli,
             int       argc,
             char    **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(FlawDebtImport) import = NULL;
  g_autofree char *contents = NULL;
  FlawDebtFormat format = FLAW_DEBT_FORMAT_CSV;
  const char *path;
  FlawCliExit status;
  GError *error = NULL;
  FlawStore *store;
  gsize length;
  Job job = { 0 };

  if (!parse_options (cli, argc, argv, &options, FALSE, &status))
    return status;
  if (options.positional->len != 1)
    return flaw_cli_usage_error (cli, _("import takes one file"));

  path = g_ptr_array_index (options.positional, 0);
  if (options.format != NULL)
    {
      if (!flaw_debt_format_from_string (options.format, &format) ||
          (format != FLAW_DEBT_FORMAT_CSV && format != FLAW_DEBT_FORMAT_JSON))
        return flaw_cli_usage_error (cli, _("Unknown format “%s”: use csv or json"), options.format);
    }
  else if (!flaw_debt_format_guess (path, &format) ||
           (format != FLAW_DEBT_FORMAT_CSV && format != FLAW_DEBT_FORMAT_JSON))
    format = FLAW_DEBT_FORMAT_CSV;

  if (!g_file_get_contents (path, &contents, &length, &error))
    return flaw_cli_fail (cli, error);

  if (format == FLAW_DEBT_FORMAT_JSON)
    import = flaw_debt_import_new_from_json (contents, length, &error);
  else
    import = flaw_debt_import_new_from_csv (contents, length, NULL, &error);

  if (import == NULL)
    {
      fprintf (stderr, "flawdesk-cli: %s: %s\n", path, error->message);
      fprintf (stderr, "flawdesk-cli: %s\n", _("Nothing was imported."));
      g_error_free (error);
      return FLAW_CLI_EXIT_FAILED;
    }

  if (!(store = flaw_cli_open_store (cli, &error)))
    return flaw_cli_fail (cli, error);

  job.import = import;
  if (!flaw_store_run (store, import_job, &job, NULL, &error))
    {
      GPtrArray *problems = flaw_debt_import_get_problems (import);

      for (guint i = 0; i < problems->len; i++)
        {
          FlawDebtProblem *problem = g_ptr_array_index (problems, i);

          fprintf (stderr, "%s:%u: %s%s%s\n", path, problem->line,
                   problem->field ? problem->field : "", problem->field ? ": " : "", problem->message);
        }

      return flaw_cli_fail (cli, error);
    }

  for (guint i = 0; flaw_debt_import_get_mapping (import)[i]; i++)
    if (*flaw_debt_import_get_mapping (import)[i] == '\0')
      fprintf (stderr, _("flawdesk-cli: ignored column “%s”\n"), flaw_debt_import_get_headers (import)[i]);

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u item.\n", "Imported %u items.\n",
                       flaw_debt_import_get_n_rows (import)),
          flaw_debt_import_get_n_rows (import));

  return FLAW_CLI_EXIT_OK;
}

FlawCliExit
flaw_cli_debt (FlawCli  *cli,
               int       argc,
               char    **argv)
{
  const char *command = argc > 1 ? argv[1] : NULL;

  if (command == NULL)
    {
      print_debt_usage (stderr);
      return FLAW_CLI_EXIT_USAGE;
    }

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_debt_usage (stdout);
      return FLAW_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "add"))
    return debt_add (cli, argc - 2, argv + 2);
  if (g_str_equal (command, "edit"))
    return debt_edit (cli, argc - 2, argv + 2);
  if (g_str_equal (command, "list"))
    return debt_list (cli, argc - 2, argv + 2, FALSE);
  if (g_str_equal (command, "export"))
    return debt_list (cli, argc - 2, argv + 2, TRUE);
  if (g_str_equal (command, "show"))
    return debt_show (cli, argc - 2, argv + 2);
  if (g_str_equal (command, "import"))
    return debt_import (cli, argc - 2, argv + 2);

  return flaw_cli_usage_error (cli, _("Unknown debt command “%s”: use add, list, show, edit, export or import"),
                               command);
}
