/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "flaw-clock.h"
#include "flaw-debt-gen.h"
#include "flaw-debt-io.h"
#include "flaw-debt-store.h"
#include "flaw-register-page-private.h"
#include "flaw-test-utils.h"

/* The Register page with a large generated register, through its real
 * widgets: how long until it is interactive, how long a keystroke in the
 * search entry takes to filter the list, how long sorting by each column
 * takes, and the peak memory. Run it under Xvfb:
 *   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- .ci/session.sh \
 *     meson test -C _build --benchmark --suite ui-bench -v
 * or _build/tests/bench-register-page [--items N].
 *
 * The register is generated and imported by a child process, so that the
 * peak memory is the page's own.
 */

#define DEFAULT_ITEMS 100000

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss / 1024.0;
}

/* The memory in use now, to tell the stages apart. */
static double
rss_mb (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL) ||
      !(line = strstr (contents, "VmRSS:")))
    return 0;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);

  return g_array_index (values, double, index);
}

/* The machine is shared; say how busy it was. */
static const char *
load_average (void)
{
  static char text[128];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "unknown\n";

  g_strlcpy (text, contents, sizeof text);

  return text;
}

static gpointer
import_job (FlawDatabase  *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(FlawDebtImport) import = NULL;
  g_autoptr(GString) csv = flaw_debt_gen_csv (GPOINTER_TO_UINT (data), 42, flaw_clock_now ());

  if (!(import = flaw_debt_import_new_from_csv (csv->str, csv->len, NULL, error)))
    return NULL;

  return flaw_debt_db_import_commit (db, import, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/* In the child: generate and import the register. */
static int
run_generate (const char *db_path,
              guint       n_items)
{
  g_autoptr(FlawStore) store = flaw_store_new (db_path);
  g_autoptr(GError) error = NULL;

  if (!flaw_store_open (store, NULL, &error) ||
      !flaw_store_run (store, import_job, GUINT_TO_POINTER (n_items), NULL, &error))
    {
      g_printerr ("Cannot generate the register: %s\n", error->message);
      return 1;
    }

  return 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  double *painted = user_data;

  if (*painted == 0)
    *painted = now_ms ();
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Types @text at the end of the entry, one character at a time, and
 * measures each keystroke until the list is filtered by it. */
static void
type (FlawRegisterPage *page,
      const char       *text,
      GArray           *times)
{
  GtkEditable *entry = GTK_EDITABLE (page->search_entry);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;
      g_autofree char *expected = NULL;
      g_autofree char *query = NULL;
      double start;

      start = now_ms ();
      gtk_editable_insert_text (entry, p, (int) (g_utf8_next_char (p) - p), &position);
      expected = g_strdup (gtk_editable_get_text (entry));

      /* Text without a word clears the search rather than running one. */
      query = flaw_debt_build_match_query (expected);
      if (query == NULL)
        continue;

      while (g_strcmp0 (page->applied_search, expected) != 0)
        g_main_context_iteration (NULL, TRUE);

      g_array_append_val (times, (double) { now_ms () - start });
    }
}

static void
erase (FlawRegisterPage *page,
       GArray           *times)
{
  GtkEditable *entry = GTK_EDITABLE (page->search_entry);

  while (g_utf8_strlen (gtk_editable_get_text (entry), -1) > 1)
    {
      int length = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);
      g_autofree char *expected = NULL;
      double start = now_ms ();

      gtk_editable_delete_text (entry, length - 1, length);
      expected = g_strdup (gtk_editable_get_text (entry));
      while (g_strcmp0 (page->applied_search, expected) != 0)
        g_main_context_iteration (NULL, TRUE);

      g_array_append_val (times, (double) { now_ms () - start });
    }

  gtk_editable_set_text (entry, "");
  while (page->search_ids != NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  static const char * const column_names[] = {
    "title", "severity", "risk", "status", "owner", "component", "cost", "review_date",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FlawStore) store = NULL;
  g_autoptr(FlawContext) context = NULL;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *items_text = NULL;
  FlawRegisterPage *page;
  GtkColumnViewColumn *columns[8];
  GtkWindow *window;
  guint64 n_items = DEFAULT_ITEMS;
  double start, opened = 0, loaded = 0, painted = 0, generate_start;
  int wait_status = 0;

  /* Collation keys depend on the locale, as in the application. */
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "--generate"))
    return run_generate (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  for (int i = 1; i < argc; i += 2)
    {
      if (i + 1 < argc && g_str_equal (argv[i], "--items") &&
          g_ascii_string_to_unsigned (argv[i + 1], 10, 1, 10000000, &n_items, NULL))
        continue;
      if (i + 1 < argc && g_str_equal (argv[i], "--db"))
        {
          db_path = g_strdup (argv[i + 1]);
          continue;
        }

      g_printerr ("Usage: bench-register-page [--items N] [--db PATH]\n"
                  "With --db, an existing register at PATH is used as it is.\n");
      return 1;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("bench-register-page needs a display; run it under xvfb-run.\n");
      return 77;
    }
  adw_init ();

  if (db_path == NULL)
    {
      dir = flaw_test_make_tmp_dir ();
      db_path = g_build_filename (dir, "bench.db", NULL);
    }
  items_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_items);

  generate_start = now_ms ();
  if (dir != NULL || !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      const char *child[] = { argv[0], "--generate", db_path, items_text, NULL };

      g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                    &wait_status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, &error))
        {
          g_printerr ("Generating the register failed: %s\n", error->message);
          return 1;
        }
    }

  printf ("items:                     %" G_GUINT64_FORMAT "\n", n_items);
  printf ("generate_import_s:         %.1f   (child process, not a target)\n",
          (now_ms () - generate_start) / 1000);

  /* From here on, what the application does at launch: the store opens
   * asynchronously, and the page loads the list once it is open. */
  printf ("rss_before_launch_mb:      %.0f\n", rss_mb ());

  start = now_ms ();
  settings = g_settings_new (APP_ID);
  store = flaw_store_new (db_path);
  context = flaw_context_new (store, settings);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 760);
  page = FLAW_REGISTER_PAGE (flaw_register_page_new (context));
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);

  flaw_store_open_async (store, NULL, NULL, NULL);

  while (!_flaw_register_page_is_loaded (page))
    {
      g_main_context_iteration (NULL, TRUE);
      if (opened == 0 && flaw_store_is_open (store))
        opened = now_ms ();
    }
  loaded = now_ms ();

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (page));
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        after_paint_cb, &painted);

  printf ("rows_shown:                %u\n", _flaw_register_page_get_n_shown (page));
  printf ("store_open_ms:             %.0f\n", opened - start);
  printf ("list_loaded_ms:            %.0f   (one store job, one splice, summary, owners)\n", loaded - start);
  printf ("interactive_ms:            %.0f   (first frame with the list; target < 1000)\n", painted - start);
  printf ("rss_interactive_mb:        %.0f   (peak so far %.0f)\n", rss_mb (), peak_rss_mb ());

  /* Let the cost history and anything else queued finish first. */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10000);
      spin ();
    }

  /* Keystrokes: type words letter by letter, then erase them. */
  gtk_search_entry_set_search_delay (page->search_entry, 0);
  {
    const char *queries[] = {
      "authentication", "token rotation", "tls staging", flaw_debt_gen_word (1500), "legacy api key",
    };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        type (page, queries[i], keystrokes);
        erase (page, keystrokes);
      }
  }

  printf ("keystrokes:                %u\n", keystrokes->len);
  printf ("keystroke_median_ms:       %.1f   (text change to filter applied; target < 16)\n",
          percentile (keystrokes, 0.5));
  printf ("keystroke_p95_ms:          %.1f\n", percentile (keystrokes, 0.95));
  printf ("keystroke_max_ms:          %.1f\n", percentile (keystrokes, 1.0));

  /* Sorting: every column, both ways, over every item. */
  columns[0] = page->title_column;
  columns[1] = page->severity_column;
  columns[2] = page->risk_column;
  columns[3] = page->status_column;
  columns[4] = page->owner_column;
  columns[5] = page->component_column;
  columns[6] = page->cost_column;
  columns[7] = page->review_date_column;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      double ascending, descending;

      start = now_ms ();
      gtk_column_view_sort_by_column (page->column_view, columns[i], GTK_SORT_ASCENDING);
      spin ();
      ascending = now_ms () - start;

      start = now_ms ();
      gtk_column_view_sort_by_column (page->column_view, columns[i], GTK_SORT_DESCENDING);
      spin ();
      descending = now_ms () - start;

      printf ("sort_%-12s ms:        %.0f / %.0f   (ascending / descending; target < 100)\n",
              column_names[i], ascending, descending);
    }

  /* Keystrokes again, with the list sorted by severity. */
  g_array_set_size (keystrokes, 0);
  gtk_column_view_sort_by_column (page->column_view, page->severity_column, GTK_SORT_DESCENDING);
  spin ();
  type (page, "token rotation", keystrokes);
  erase (page, keystrokes);
  printf ("keystroke_sorted_median_ms:  %.1f   (same, list sorted by severity)\n", percentile (keystrokes, 0.5));
  printf ("keystroke_sorted_p95_ms:   %.1f\n", percentile (keystrokes, 0.95));

  /* The same without the column view, to tell the models' share from the
   * list widget's. */
  g_array_set_size (keystrokes, 0);
  gtk_column_view_set_model (page->column_view, NULL);
  type (page, "token rotation", keystrokes);
  erase (page, keystrokes);
  gtk_column_view_set_model (page->column_view, GTK_SELECTION_MODEL (page->selection));
  spin ();
  printf ("keystroke_models_median_ms: %.1f   (same, sorted, column view detached: models only)\n",
          percentile (keystrokes, 0.5));

  /* A filter change over every item, for comparison. */
  start = now_ms ();
  gtk_drop_down_set_selected (page->severity_dropdown, 1);
  spin ();
  printf ("filter_severity_ms:        %.0f   (%u shown)\n", now_ms () - start,
          _flaw_register_page_get_n_shown (page));
  gtk_drop_down_set_selected (page->severity_dropdown, 0);
  spin ();

  printf ("rss_end_mb:                %.0f\n", rss_mb ());
  printf ("peak_rss_mb:               %.0f   (target < 200)\n", peak_rss_mb ());
  printf ("load_average:              %s", load_average ());

  gtk_window_destroy (window);
  spin ();
  g_clear_object (&context);
  g_clear_object (&store);
  if (dir != NULL)
    flaw_test_remove_tree (dir);

  return 0;
}
