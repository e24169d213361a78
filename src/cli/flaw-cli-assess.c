/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "flaw-assessment-report.h"
#include "flaw-cli.h"
#include "flaw-evidence.h"

/* flawdesk-cli assess … and flawdesk-cli checklist …: self-assessments from
 * the command line, so scripts (and the tests) can drive a whole run.
 */

typedef struct
{
  gint64       id;
  char        *team;
  char        *assessor;
  char        *date;
  char        *checklist_id;
  gint64       checklist_version;
  char        *item_id;
  FlawRating   rating;
  char        *note;
  GStrv        links;
  gboolean     keep_note;
  gboolean     keep_links;
  FlawReportFormat format;
  char        *output;
  char        *json;
  gsize        json_length;
} Request;

static void
request_free (Request *request)
{
  g_free (request->team);
  g_free (request->assessor);
  g_free (request->date);
  g_free (request->checklist_id);
  g_free (request->item_id);
  g_free (request->note);
  g_strfreev (request->links);
  g_free (request->output);
  g_free (request->json);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* An assessment with its checklist, answers and facts, for list and show. */
typedef struct
{
  FlawAssessment *assessment;
  FlawChecklist  *checklist;
  GPtrArray      *answers;
  FlawScorecard  *scorecard;
  GPtrArray      *evidence;
  gboolean        resumed;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->assessment, flaw_assessment_free);
  g_clear_pointer (&loaded->checklist, flaw_checklist_unref);
  g_clear_pointer (&loaded->answers, g_ptr_array_unref);
  g_clear_pointer (&loaded->scorecard, flaw_scorecard_free);
  g_clear_pointer (&loaded->evidence, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static Loaded *
load (FlawDatabase  *database,
      FlawAssessment *assessment,
      gboolean       with_evidence,
      GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  loaded->assessment = assessment;
  loaded->checklist = flaw_assessment_db_load_checklist (database, assessment->checklist_id,
                                                         assessment->checklist_version, error);
  if (loaded->checklist == NULL)
    return NULL;

  if (!(loaded->answers = flaw_assessment_db_list_answers (database, assessment->id, error)))
    return NULL;

  loaded->scorecard = flaw_scorecard_new (loaded->checklist, loaded->answers);

  if (with_evidence)
    {
      /* A completed run shows the facts as they were when it was completed. */
      if (assessment->evidence != NULL)
        loaded->evidence = flaw_evidence_from_json (assessment->evidence, error);
      else
        loaded->evidence = flaw_evidence_query_all (database, error);

      if (loaded->evidence == NULL)
        return NULL;
    }

  return g_steal_pointer (&loaded);
}

static gpointer
list_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *request = data;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_free);

  if (!(assessments = flaw_assessment_db_list (database, request->team, error)))
    return NULL;

  for (guint i = 0; i < assessments->len; i++)
    {
      Loaded *loaded = load (database, g_ptr_array_steal_index (assessments, i--), FALSE, error);

      if (loaded == NULL)
        return NULL;
      g_ptr_array_add (rows, loaded);
    }

  return g_steal_pointer (&rows);
}

static gpointer
show_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *request = data;
  FlawAssessment *assessment = flaw_assessment_db_get (database, request->id, error);

  if (assessment == NULL)
    return NULL;

  return load (database, assessment, TRUE, error);
}

static gpointer
start_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if (!flaw_assessment_db_find_unfinished (database, request->team, &loaded->assessment, error))
    return NULL;

  if (loaded->assessment != NULL)
    {
      loaded->resumed = TRUE;
      return g_steal_pointer (&loaded);
    }

  loaded->assessment = flaw_assessment_db_start (database, request->team, request->assessor,
                                                 request->date, request->checklist_id,
                                                 request->checklist_version, error);
  if (loaded->assessment == NULL)
    return NULL;

  return g_steal_pointer (&loaded);
}

static gpointer
answer_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *request = data;
  const char *note = request->note;
  const char * const *links = (const char * const *) request->links;
  g_autoptr(GPtrArray) answers = NULL;
  const FlawAnswer *previous;

  /* Options left out keep what the answer already says. */
  if (request->keep_note || request->keep_links)
    {
      if (!(answers = flaw_assessment_db_list_answers (database, request->id, error)))
        return NULL;

      if ((previous = flaw_answers_find (answers, request->item_id)) != NULL)
        {
          if (request->keep_note)
            note = previous->note;
          if (request->keep_links)
            links = (const char * const *) previous->links;
        }
    }

  if (!flaw_assessment_db_answer (database, request->id, request->item_id, request->rating,
                                  note, links, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
complete_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Request *request = data;

  if (!flaw_assessment_db_complete (database, request->id, error))
    return NULL;

  return flaw_assessment_db_get (database, request->id, error);
}

static gpointer
export_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *request = data;

  return flaw_assessment_report_load (database, request->id, error);
}

static gpointer
import_job (FlawDatabase  *database,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *request = data;

  return flaw_assessment_db_import_checklist (database, request->json, request->json_length, error);
}

static gpointer
list_checklists_job (FlawDatabase  *database,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return flaw_assessment_db_list_checklists (database, error);
}

static void
print_scores (Loaded *loaded)
{
  g_autofree char *overall = flaw_score_format (&loaded->scorecard->overall);

  printf ("  %-34s %8s  (%u/%u)\n", _("Overall"), overall,
          loaded->scorecard->overall.n_assessed, loaded->scorecard->overall.n_items);

  for (guint s = 0; s < loaded->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (loaded->checklist->sections, s);
      const FlawScore *score = g_ptr_array_index (loaded->scorecard->sections, s);
      g_autofree char *percent = flaw_score_format (score);

      printf ("  %-34s %8s  (%u/%u)\n", section->title, percent, score->n_assessed, score->n_items);
    }
}

static FlawCliExit
run_list (FlawCli  *cli,
          Request  *request)
{
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;
  FlawStore *store;

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(rows = flaw_store_run (store, list_job, request, NULL, &error)))
    return flaw_cli_fail (cli, error);

  if (rows->len == 0)
    {
      printf ("%s\n", _("No assessments yet. Start one with “flawdesk-cli assess start”."));
      return FLAW_CLI_EXIT_OK;
    }

  printf ("%-5s %-10s %-12s %-8s %s\n", _("ID"), _("DATE"), _("STATE"), _("SCORE"), _("TEAM (ASSESSOR)"));
  for (guint i = 0; i < rows->len; i++)
    {
      Loaded *loaded = g_ptr_array_index (rows, i);
      FlawAssessment *a = loaded->assessment;
      g_autofree char *score = flaw_score_format (&loaded->scorecard->overall);
      g_autofree char *team = flaw_cli_printable (a->team, TRUE);
      g_autofree char *assessor = flaw_cli_printable (a->assessor, TRUE);

      printf ("%-5" PRId64 " %-10s %-12s %-8s %s (%s)\n", a->id, a->date,
              flaw_assessment_state_to_string (a->state), score, team, assessor);
    }

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
run_show (FlawCli *cli,
          Request *request)
{
  g_autoptr(Loaded) loaded = NULL;
  GError *error = NULL;
  FlawStore *store;
  FlawAssessment *a;
  g_autofree char *title = NULL;
  g_autofree char *team = NULL;
  g_autofree char *assessor = NULL;

  if (!(store = flaw_cli_open_store (cli, &error)) ||
      !(loaded = flaw_store_run (store, show_job, request, NULL, &error)))
    return flaw_cli_fail (cli, error);

  a = loaded->assessment;
  title = flaw_cli_printable (loaded->checklist->title, TRUE);
  team = flaw_cli_printable (a->team, TRUE);
  assessor = flaw_cli_printable (a->assessor, TRUE);
  printf (_("Assessment %" PRId64 ": %s\n"), a->id, title);
  printf ("  %-10s %s\n", _("Team:"), team);
  printf ("  %-10s %s\n", _("Assessor:"), assessor);
  printf ("  %-10s %s\n", _("Date:"), a->date);
  printf ("  %-10s %s\n", _("State:"), flaw_assessment_state_to_string (a->state));
  printf ("  %-10s %s@%" PRId64 "\n", _("Checklist:"), a->checklist_id, a->checklist_version);
  printf ("\n%s\n", _("Scores:"));
  print_scores (loaded);

  for (guint s = 0; s < loaded->checklist->sections->len; s++)
    {
      const FlawChecklistSection *section = g_ptr_array_index (loaded->checklist->sections, s);
      g_autofree char *section_title = flaw_cli_printable (section->title, TRUE);

      printf ("\n== %s ==\n", section_title);
      for (guint j = 0; j < section->items->len; j++)
        {
          const FlawChecklistItem *item = g_ptr_array_index (section->items, j);
          const FlawAnswer *answer = flaw_answers_find (loaded->answers, item->id);
          const FlawEvidence *fact = flaw_evidence_find (loaded->evidence, item->evidence);
          FlawRating rating = answer ? answer->rating : FLAW_RATING_NOT_ASSESSED;
          g_autofree char *item_id = flaw_cli_printable (item->id, TRUE);
          g_autofree char *question = flaw_cli_printable (item->question, FALSE);

          printf ("\n[%s] %s\n", item_id, question);
          printf ("  %s %s (%s)\n", _("Rating:"), flaw_rating_to_label (rating), flaw_rating_to_string (rating));
          if (answer != NULL && answer->note != NULL && *answer->note != '\0')
            {
              g_autofree char *note = flaw_cli_printable (answer->note, FALSE);

              printf ("  %s %s\n", _("Note:"), note);
            }
          for (guint k = 0; answer != NULL && answer->links[k] != NULL; k++)
            {
              g_autofree char *link = flaw_cli_printable (answer->links[k], TRUE);

              printf ("  %s %s\n", _("Evidence:"), link);
            }
          if (fact != NULL)
            {
              g_autofree char *summary = flaw_cli_printable (fact->summary, TRUE);

              printf ("  %s: %s\n", flaw_evidence_key_to_title (fact->key), summary);
            }
        }
    }

  return FLAW_CLI_EXIT_OK;
}

static FlawCliExit
assess_usage (FlawCli *cli)
{
  return flaw_cli_usage_error (cli, "%s",
                               _("Use one of:\n"
                                 "  assess list [--team TEAM]\n"
                                 "  assess show ID\n"
                                 "  assess start --team TEAM --assessor NAME [--date YYYY-MM-DD] "
                                 "[--checklist ID[@VERSION]]\n"
                                 "  assess answer ID ITEM --rating 0-3|none [--note TEXT] [--link URL]…\n"
                                 "  assess complete ID\n"
                                 "  assess export ID --format md|html|pdf --output FILE"));
}

FlawCliExit
flaw_cli_assess (FlawCli  *cli,
                 int       argc,
                 char    **argv)
{
  g_autoptr(Request) request = g_new0 (Request, 1);
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  const char *verb;
  const char *format = NULL;
  const char *rating = NULL;
  GError *error = NULL;
  FlawStore *store;

  if (argc < 2)
    return assess_usage (cli);

  verb = argv[1];
  request->keep_note = TRUE;
  request->keep_links = TRUE;

  for (int i = 2; i < argc; i++)
    {
      const char *option = argv[i];
      const char *value = NULL;

      if (flaw_cli_take_option (argc, argv, &i, "--team", &value))
        g_free (request->team), request->team = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--assessor", &value))
        g_free (request->assessor), request->assessor = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--date", &value))
        g_free (request->date), request->date = g_strdup (value);
      else if (flaw_cli_take_option (argc, argv, &i, "--checklist", &value))
        {
          const char *at = value ? strrchr (value, '@') : NULL;

          g_free (request->checklist_id);
          request->checklist_id = at ? g_strndup (value, at - value) : g_strdup (value);
          if (at != NULL && !flaw_cli_parse_id (at + 1, &request->checklist_version))
            return flaw_cli_usage_error (cli, _("“%s” is not a checklist version; write ID@VERSION"), value);
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--rating", &value))
        rating = value;
      else if (flaw_cli_take_option (argc, argv, &i, "--note", &value))
        {
          g_free (request->note);
          request->note = g_strdup (value);
          request->keep_note = FALSE;
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--link", &value))
        {
          if (value != NULL)
            g_strv_builder_add (links, value);
          request->keep_links = FALSE;
        }
      else if (flaw_cli_take_option (argc, argv, &i, "--format", &value))
        format = value;
      else if (flaw_cli_take_option (argc, argv, &i, "--output", &value))
        g_free (request->output), request->output = g_strdup (value);
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return flaw_cli_usage_error (cli, _("Unknown option “%s”"), argv[i]);
      else
        {
          g_ptr_array_add (positional, argv[i]);
          continue;
        }

      /* Only a note may be empty: that clears it. */
      if (value == NULL || (*value == '\0' && !g_str_has_prefix (option, "--note")))
        return flaw_cli_usage_error (cli, _("%s needs a value"), option);
    }

  request->links = g_strv_builder_end (links);

  if (g_str_equal (verb, "list"))
    {
      if (positional->len != 0)
        return assess_usage (cli);
      return run_list (cli, request);
    }

  /* Every other verb names an assessment first, except start. */
  if (g_str_equal (verb, "start"))
    {
      g_autoptr(Loaded) loaded = NULL;

      if (positional->len != 0 || request->team == NULL || request->assessor == NULL)
        return flaw_cli_usage_error (cli, _("assess start needs --team and --assessor"));

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !(loaded = flaw_store_run (store, start_job, request, NULL, &error)))
        return flaw_cli_fail (cli, error);

      if (loaded->resumed)
        printf (_("Resuming assessment %" PRId64 " of %s (started %s), still in progress.\n"),
                loaded->assessment->id, loaded->assessment->team, loaded->assessment->date);
      else
        printf (_("Started assessment %" PRId64 " of %s on %s.\n"),
                loaded->assessment->id, loaded->assessment->team, loaded->assessment->date);

      return FLAW_CLI_EXIT_OK;
    }

  if (positional->len < 1 || !flaw_cli_parse_id (g_ptr_array_index (positional, 0), &request->id))
    return flaw_cli_usage_error (cli, _("assess %s needs the number of an assessment"), verb);

  if (g_str_equal (verb, "show"))
    {
      if (positional->len != 1)
        return assess_usage (cli);
      return run_show (cli, request);
    }
  else if (g_str_equal (verb, "answer"))
    {
      if (positional->len != 2 || rating == NULL)
        return flaw_cli_usage_error (cli, _("assess answer needs ID, ITEM and --rating"));
      if (!flaw_rating_parse (rating, &request->rating))
        return flaw_cli_usage_error (cli, _("“%s” is not a rating: use 0, 1, 2, 3 or none"), rating);

      request->item_id = g_strdup (g_ptr_array_index (positional, 1));

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !flaw_store_run (store, answer_job, request, NULL, &error))
        return flaw_cli_fail (cli, error);

      printf (_("Saved: %s = %s\n"), request->item_id, flaw_rating_to_label (request->rating));
      return FLAW_CLI_EXIT_OK;
    }
  else if (g_str_equal (verb, "complete"))
    {
      g_autoptr(FlawAssessment) assessment = NULL;

      if (positional->len != 1)
        return assess_usage (cli);

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !(assessment = flaw_store_run (store, complete_job, request, NULL, &error)))
        return flaw_cli_fail (cli, error);

      printf (_("Completed assessment %" PRId64 "; it can no longer change.\n"), assessment->id);
      return FLAW_CLI_EXIT_OK;
    }
  else if (g_str_equal (verb, "export"))
    {
      g_autoptr(FlawAssessmentReport) report = NULL;

      if (positional->len != 1 || format == NULL || request->output == NULL)
        return flaw_cli_usage_error (cli, _("assess export needs ID, --format md|html|pdf and --output FILE"));
      if (!flaw_report_format_parse (format, &request->format))
        return flaw_cli_usage_error (cli, _("“%s” is not a report format: use md, html or pdf"), format);

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !(report = flaw_store_run (store, export_job, request, NULL, &error)) ||
          !flaw_assessment_report_export (report, request->format, request->output, &error))
        return flaw_cli_fail (cli, error);

      printf (_("Wrote %s\n"), request->output);
      return FLAW_CLI_EXIT_OK;
    }

  return assess_usage (cli);
}

FlawCliExit
flaw_cli_checklist (FlawCli  *cli,
                    int       argc,
                    char    **argv)
{
  g_autoptr(Request) request = g_new0 (Request, 1);
  GError *error = NULL;
  FlawStore *store;

  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) checklists = NULL;

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !(checklists = flaw_store_run (store, list_checklists_job, request, NULL, &error)))
        return flaw_cli_fail (cli, error);

      for (guint i = 0; i < checklists->len; i++)
        {
          FlawChecklist *checklist = g_ptr_array_index (checklists, i);
          g_autofree char *id = flaw_cli_printable (checklist->id, TRUE);
          g_autofree char *title = flaw_cli_printable (checklist->title, TRUE);

          printf ("%s@%" PRId64 "  %s (%u %s)\n", id, checklist->version,
                  title, flaw_checklist_get_n_items (checklist), _("items"));
        }

      return FLAW_CLI_EXIT_OK;
    }

  if (argc != 3 || !(g_str_equal (argv[1], "validate") || g_str_equal (argv[1], "import")))
    return flaw_cli_usage_error (cli, "%s",
                                 _("Use one of:\n"
                                   "  checklist validate FILE\n"
                                   "  checklist import FILE\n"
                                   "  checklist list"));

  if (!g_file_get_contents (argv[2], &request->json, &request->json_length, &error))
    return flaw_cli_fail (cli, error);

  if (g_str_equal (argv[1], "validate"))
    {
      g_autoptr(GPtrArray) problems = flaw_checklist_validate (request->json, request->json_length);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = flaw_checklist_problem_to_string (g_ptr_array_index (problems, i));

          fprintf (stderr, "%s: %s\n", argv[2], line);
        }

      if (problems->len > 0)
        {
          fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%s: %u problem\n", "%s: %u problems\n",
                                        problems->len),
                   argv[2], problems->len);
          return FLAW_CLI_EXIT_FAILED;
        }

      printf (_("%s: a valid checklist\n"), argv[2]);
      return FLAW_CLI_EXIT_OK;
    }
  else
    {
      g_autoptr(FlawChecklist) checklist = NULL;

      if (!(store = flaw_cli_open_store (cli, &error)) ||
          !(checklist = flaw_store_run (store, import_job, request, NULL, &error)))
        return flaw_cli_fail (cli, error);

      printf (_("Imported checklist %s version %" PRId64 " (%u items).\n"),
              checklist->id, checklist->version, flaw_checklist_get_n_items (checklist));
      return FLAW_CLI_EXIT_OK;
    }
}
