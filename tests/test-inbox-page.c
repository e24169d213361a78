/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-credentials.h"
#include "flaw-fake-jmap-server.h"
#include "flaw-source-dialog.h"
#include "flaw-source-factory.h"
#include "flaw-source-store.h"
#include "flaw-sync-service.h"
#include "flaw-inbox-page.h"
#include "flaw-report-store.h"
#include "flaw-preferences-window.h"
#include "flaw-report-view.h"
#include "flaw-root-causes-view.h"
#include "flaw-test-reports.h"
#include "flaw-test-utils.h"
#include "flaw-triage.h"
#include "flaw-window.h"

/* 2026-11-26 10:00 UTC, a Thursday. */
#define NOW G_GINT64_CONSTANT (1795687200)
#define N_REPORTS 12

typedef struct
{
  char          *dir;
  GSettings     *settings;
  FlawStore     *store;
  FlawContext   *context;
  GtkWindow     *window;
  FlawInboxPage *page;
  GArray        *ids;
} Fixture;

static gpointer
seed_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_test_insert_reports (database, N_REPORTS, NOW - 30 * 86400, 4242);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  flaw_clock_set_fixed (NOW);
  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);

  fixture->settings = g_settings_new (APP_ID);
  fixture->store = flaw_store_new (path);
  g_assert_true (flaw_store_open (fixture->store, NULL, &error));
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data))
    {
      fixture->ids = flaw_store_run (fixture->store, seed_job, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  fixture->context = flaw_context_new (fixture->store, fixture->settings);
}

static GtkWidget *
child (Fixture    *fixture,
       GtkWidget  *widget,
       const char *name)
{
  GType type = FLAW_IS_INBOX_PAGE (widget) ? FLAW_TYPE_INBOX_PAGE : FLAW_TYPE_REPORT_VIEW;
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  return child (fixture, GTK_WIDGET (fixture->page), name);
}

static FlawReportView *
get_view (Fixture *fixture)
{
  return FLAW_REPORT_VIEW (adw_bin_get_child (ADW_BIN (page_child (fixture, "report_bin"))));
}

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  return child (fixture, GTK_WIDGET (get_view (fixture)), name);
}

/* The text of a row of the report's history, 0 the newest. */
static const char *
history_text (Fixture *fixture,
              int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (view_child (fixture, "history_list")), index);

  g_assert_nonnull (row);

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (gtk_list_box_row_get_child (row))));
}

static guint
history_count (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (view_child (fixture, "history_list")), n) != NULL)
    n++;

  return n;
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (flaw_inbox_page_get_reports (fixture->page));
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
wait_loaded (Fixture *fixture)
{
  /* A search or filter change starts a query at once. */
  flaw_test_drain ();
  FLAW_TEST_WAIT_UNTIL (!flaw_inbox_page_get_loading (fixture->page), 5000);
}

static void
present (Fixture *fixture,
         int      width)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (fixture->window, width, 700);
  fixture->page = FLAW_INBOX_PAGE (flaw_inbox_page_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (page_child (fixture, "search_entry")), 0);
  gtk_window_present (fixture->window);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)), 5000);
  wait_loaded (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      FLAW_TEST_WAIT_UNTIL (fixture->window == NULL, 5000);
    }
  flaw_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->ids, g_array_unref);
  g_settings_reset (fixture->settings, "triage-acknowledge-business-days");
  g_clear_object (&fixture->settings);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkStack *stack;
  AdwStatusPage *empty;

  present (fixture, 1000);

  stack = GTK_STACK (page_child (fixture, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  empty = ADW_STATUS_PAGE (page_child (fixture, "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "Disclosure Inbox");
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "add_source_button")));
  g_assert_cmpstr (label_text (page_child (fixture, "count_label")), ==, "0 reports");
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  GtkStack *stack;
  GListModel *reports;
  gint64 previous = G_MAXINT64;

  present (fixture, 1000);

  stack = GTK_STACK (page_child (fixture, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (n_shown (fixture), ==, N_REPORTS);
  g_assert_cmpstr (label_text (page_child (fixture, "count_label")), ==, "12 reports");

  /* Newest first, every one unread and, 30 days on, overdue for acknowledgement. */
  reports = flaw_inbox_page_get_reports (fixture->page);
  for (guint i = 0; i < N_REPORTS; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (reports, i);

      g_assert_cmpint (flaw_report_get_received (report), <=, previous);
      previous = flaw_report_get_received (report);
      g_assert_true (flaw_report_get_unread (report));
      g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_NEW);
    }
}

static void
test_filter_and_search (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkEditable *search;
  GtkDropDown *status;
  GtkStack *stack;
  g_autoptr(FlawTriageMove) move = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *reports;
  guint n;

  present (fixture, 1000);
  search = GTK_EDITABLE (page_child (fixture, "search_entry"));
  status = GTK_DROP_DOWN (page_child (fixture, "status_drop"));
  stack = GTK_STACK (page_child (fixture, "list_stack"));

  /* One report acknowledged behind the page's back: the page follows. */
  move = flaw_triage_move_new (g_array_index (fixture->ids, gint64, 3), FLAW_REPORT_STATUS_ACKNOWLEDGED);
  g_assert_nonnull (flaw_store_run (fixture->store, flaw_triage_move_report, move, NULL, &error));
  g_assert_no_error (error);
  flaw_store_notify_changed (fixture->store, "report");
  wait_loaded (fixture);

  gtk_drop_down_set_selected (status, 3); /* Acknowledged */
  wait_loaded (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpstr (label_text (page_child (fixture, "count_label")), ==, "1 matching report");

  gtk_drop_down_set_selected (status, 2); /* New */
  wait_loaded (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, N_REPORTS - 1);

  gtk_drop_down_set_selected (status, 0);
  gtk_editable_set_text (search, "traversal");
  wait_loaded (fixture);
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_REPORTS);
  reports = flaw_inbox_page_get_reports (fixture->page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (reports, i);

      g_assert_nonnull (strstr (flaw_report_get_title (report), "traversal"));
    }

  /* Each keystroke replaces the query before it. */
  gtk_editable_set_text (search, "travers");
  gtk_editable_set_text (search, "zzqx-nothing-like-this");
  wait_loaded (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.reset-filters", NULL));
  wait_loaded (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, N_REPORTS);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
}

static GtkButton *
find_move (Fixture          *fixture,
           FlawReportStatus  status)
{
  GtkWidget *box = view_child (fixture, "moves_box");
  g_autofree char *name = g_strdup_printf ("move-%s", flaw_report_status_to_string (status));

  for (GtkWidget *flow_child = gtk_widget_get_first_child (box);
       flow_child != NULL;
       flow_child = gtk_widget_get_next_sibling (flow_child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (flow_child));

      if (g_strcmp0 (gtk_widget_get_name (button), name) == 0)
        return GTK_BUTTON (button);
    }

  return NULL;
}

static guint
count_moves (Fixture *fixture)
{
  GtkWidget *box = view_child (fixture, "moves_box");
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;

  return n;
}

static FlawReportStatus
shown_status (Fixture *fixture)
{
  FlawReport *report = flaw_report_view_get_report (get_view (fixture));

  return report != NULL ? flaw_report_get_status (report) : FLAW_REPORT_STATUS_CLOSED;
}

static void
click_move (Fixture          *fixture,
            FlawReportStatus  status)
{
  GtkButton *button = find_move (fixture, status);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
type_into (Fixture    *fixture,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (view_child (fixture, row)), text);
}

static gboolean
report_unread_in_store (Fixture *fixture,
                        gint64   id)
{
  g_autoptr(FlawReportRequest) request = flaw_report_request_new (id, NULL);
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = flaw_store_run (fixture->store, flaw_report_store_load, request, NULL, &error);
  g_assert_no_error (error);

  return flaw_report_get_unread (details->report);
}

static void
test_triage (Fixture       *fixture,
             gconstpointer  data)
{
  GtkSingleSelection *selection;
  g_autoptr(FlawReport) chosen = NULL;
  GtkTextBuffer *buffer;
  g_autofree char *body = NULL;
  GtkTextIter start, end;
  gint64 id;

  present (fixture, 1000);

  /* Open a report by selecting it in the list. */
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (fixture, "list_view"))));
  chosen = g_list_model_get_item (flaw_inbox_page_get_reports (fixture->page), 2);
  id = flaw_report_get_id (chosen);
  gtk_single_selection_set_selected (selection, 2);
  FLAW_TEST_WAIT_UNTIL (flaw_report_view_get_report (get_view (fixture)) != NULL, 5000);
  g_assert_cmpint (flaw_report_get_id (flaw_report_view_get_report (get_view (fixture))), ==, id);
  g_assert_cmpstr (label_text (view_child (fixture, "title_label")), ==, flaw_report_get_title (chosen));
  g_assert_cmpstr (label_text (view_child (fixture, "status_label")), ==, "New");
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (view_child (fixture, "title_label"))));

  /* The body is plain text, markup and all. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view_child (fixture, "body_view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (body, "<script>alert(document.cookie)</script>"));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view_child (fixture, "body_view"))));

  /* Opening it marks it read. */
  FLAW_TEST_WAIT_UNTIL (!report_unread_in_store (fixture, id), 5000);

  /* Only the legal moves are offered: acknowledge or close. */
  g_assert_cmpuint (count_moves (fixture), ==, 2);
  g_assert_nonnull (find_move (fixture, FLAW_REPORT_STATUS_ACKNOWLEDGED));
  g_assert_nonnull (find_move (fixture, FLAW_REPORT_STATUS_CLOSED));
  g_assert_null (find_move (fixture, FLAW_REPORT_STATUS_FIXED));

  click_move (fixture, FLAW_REPORT_STATUS_ACKNOWLEDGED);
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_ACKNOWLEDGED, 5000);
  g_assert_cmpstr (label_text (view_child (fixture, "status_label")), ==, "Acknowledged");

  /* An invalid vector is caught as it is typed and nothing is saved. */
  type_into (fixture, "cvss_row", "CVSS:3.1/AV:N/AC:L");
  g_assert_true (gtk_widget_has_css_class (view_child (fixture, "cvss_row"), "error"));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "field_error_label")));

  /* Triage with a valid vector: saved, scored and rated on the way. */
  type_into (fixture, "cvss_row", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  g_assert_false (gtk_widget_has_css_class (view_child (fixture, "cvss_row"), "error"));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "field_error_label")));
  type_into (fixture, "component_row", "search");
  click_move (fixture, FLAW_REPORT_STATUS_TRIAGED);
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_TRIAGED, 5000);
  g_assert_cmpstr (label_text (view_child (fixture, "severity_label")), ==, "Critical");
  g_assert_cmpfloat_with_epsilon (flaw_report_get_cvss_score (flaw_report_view_get_report (get_view (fixture))),
                                  9.8, 0.001);
  g_assert_cmpstr (flaw_report_get_component (flaw_report_view_get_report (get_view (fixture))), ==, "search");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (view_child (fixture, "severity_row"))), ==,
                    FLAW_SEVERITY_CRITICAL);

  click_move (fixture, FLAW_REPORT_STATUS_FIX_IN_PROGRESS);
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_FIX_IN_PROGRESS, 5000);
  g_assert_cmpstr (label_text (view_child (fixture, "status_label")), ==, "Fix in progress");

  /* Marking it fixed is refused until the regression test is named. */
  type_into (fixture, "root_cause_row", "The search handler joined user input into a file path");
  click_move (fixture, FLAW_REPORT_STATUS_FIXED);
  FLAW_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child (fixture, "error_revealer"))), 5000);
  g_assert_nonnull (strstr (label_text (view_child (fixture, "error_label")), "regression test"));
  g_assert_true (gtk_widget_has_css_class (view_child (fixture, "regression_test_row"), "error"));
  flaw_test_drain ();
  g_assert_cmpint (shown_status (fixture), ==, FLAW_REPORT_STATUS_FIX_IN_PROGRESS);

  type_into (fixture, "regression_test_row", "tests/test-search.c: /search/no-traversal");
  click_move (fixture, FLAW_REPORT_STATUS_FIXED);
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_FIXED, 5000);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child (fixture, "error_revealer"))));
  g_assert_cmpstr (flaw_report_get_regression_test (flaw_report_view_get_report (get_view (fixture))), ==,
                   "tests/test-search.c: /search/no-traversal");
  g_assert_null (find_move (fixture, FLAW_REPORT_STATUS_CLOSED));

  click_move (fixture, FLAW_REPORT_STATUS_DISCLOSED);
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_DISCLOSED, 5000);
  g_assert_cmpstr (label_text (view_child (fixture, "status_label")), ==, "Disclosed");

  /* Disclosed is final. */
  g_assert_cmpuint (count_moves (fixture), ==, 0);

  /* The history shows each change, newest first, with when and who. */
  FLAW_TEST_WAIT_UNTIL (history_count (fixture) > 0 &&
                        g_str_equal (history_text (fixture, 0), "Status: Fixed → Disclosed"), 5000);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "history_group")));
  {
    GtkWidget *box = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (
                       GTK_LIST_BOX (view_child (fixture, "history_list")), 0));
    const char *meta = gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));

    g_assert_nonnull (strstr (meta, "2026-"));
    g_assert_nonnull (strstr (meta, " · "));
  }
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (gtk_widget_get_first_child (
    gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (GTK_LIST_BOX (view_child (fixture, "history_list")), 0))))));
  {
    gboolean saw_acknowledged = FALSE, saw_severity = FALSE, saw_component = FALSE;
    guint acknowledged_at = 0, fixed_at = 0;

    for (guint i = 0; i < history_count (fixture); i++)
      {
        const char *text = history_text (fixture, i);

        if (g_str_equal (text, "Status: New → Acknowledged"))
          {
            saw_acknowledged = TRUE;
            acknowledged_at = i;
          }
        if (g_str_equal (text, "Status: Fix in progress → Fixed"))
          fixed_at = i;
        if (g_str_equal (text, "Severity: none → Critical"))
          saw_severity = TRUE;
        if (g_str_equal (text, "Component: none → search"))
          saw_component = TRUE;
      }

    g_assert_true (saw_acknowledged);
    g_assert_true (saw_severity);
    g_assert_true (saw_component);
    g_assert_cmpuint (fixed_at, >, 0);
    g_assert_cmpuint (fixed_at, <, acknowledged_at);
    g_assert_cmpstr (history_text (fixture, history_count (fixture) - 1), ==, "Read");
  }

  /* The list shows the new state too. */
  wait_loaded (fixture);
  for (guint i = 0; i < n_shown (fixture); i++)
    {
      g_autoptr(FlawReport) report = g_list_model_get_item (flaw_inbox_page_get_reports (fixture->page), i);

      if (flaw_report_get_id (report) == id)
        {
          g_assert_cmpint (flaw_report_get_status (report), ==, FLAW_REPORT_STATUS_DISCLOSED);
          g_assert_cmpint (flaw_report_get_severity (report), ==, FLAW_SEVERITY_CRITICAL);
        }
    }
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *leaflet;

  present (fixture, 360);

  leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (fixture->page)));
  FLAW_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet), 5000);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "list_pane"));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (fixture, "list_view")))), 0);
  FLAW_TEST_WAIT_UNTIL (flaw_report_view_get_report (get_view (fixture)) != NULL, 5000);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "detail_pane"));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "back_bar")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "list_pane"));
}

static void
set_field (Fixture         *fixture,
           gint64           id,
           FlawReportField  field,
           const char      *value)
{
  g_autoptr(FlawReportEdit) edit = flaw_report_edit_new (id);
  g_autoptr(GError) error = NULL;

  flaw_report_edit_set (edit, field, value);
  g_assert_nonnull (flaw_store_run (fixture->store, flaw_report_store_update, edit, NULL, &error));
  g_assert_no_error (error);
}

static gpointer
insert_old_job (FlawDatabase  *database,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 id = flaw_test_insert_report (database, 0, "Zip slip in the importer", "Found in review.\n",
                                       NOW - 200 * 86400, 0);

  return g_memdup2 (&id, sizeof id);
}

static void
test_root_causes (Fixture       *fixture,
                  gconstpointer  data)
{
  FlawRootCausesView *view;
  GtkWidget *grid;
  g_autofree gint64 *old_id = NULL;
  g_autoptr(GError) error = NULL;
  guint n_badges = 0;

  /* Path traversal now and half a year ago: a class that recurs. */
  old_id = flaw_store_run (fixture->store, insert_old_job, NULL, NULL, &error);
  g_assert_no_error (error);
  set_field (fixture, *old_id, FLAW_REPORT_FIELD_CWE, "CWE-22");
  set_field (fixture, g_array_index (fixture->ids, gint64, 0), FLAW_REPORT_FIELD_CWE, "CWE-22");
  set_field (fixture, g_array_index (fixture->ids, gint64, 1), FLAW_REPORT_FIELD_CWE, "CWE-89");

  present (fixture, 1000);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_child (fixture, "root_causes_button")), TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "detail_stack"))), ==,
                   "root-causes");

  view = FLAW_ROOT_CAUSES_VIEW (adw_bin_get_child (ADW_BIN (page_child (fixture, "root_causes_bin"))));
  FLAW_TEST_WAIT_UNTIL (flaw_root_causes_view_get_n_rows (view) == 2, 5000);

  /* One recurring badge, on CWE-22. */
  grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), FLAW_TYPE_ROOT_CAUSES_VIEW, "cwe_grid"));
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BOX (c))
      {
        GtkWidget *name = gtk_widget_get_first_child (c);
        GtkWidget *badge = gtk_widget_get_next_sibling (name);

        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "CWE-22");
        g_assert_true (gtk_widget_has_css_class (badge, "recurring-badge"));
        n_badges++;
      }
  g_assert_cmpuint (n_badges, ==, 1);

  /* Selecting a report leaves the root causes. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (fixture, "list_view")))), 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "detail_stack"))), ==,
                   "report");
}

static gpointer
list_sources_job (FlawDatabase  *database,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return flaw_source_store_list (database, error);
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = find_row_titled (c, title)) != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* What clicking a response button does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
open_first (Fixture *fixture)
{
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (fixture, "list_view")))), 0);
  FLAW_TEST_WAIT_UNTIL (flaw_report_view_get_report (get_view (fixture)) != NULL, 5000);
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  GtkWidget *box;
  GtkWidget *reason, *duplicate, *note;

  present (fixture, 1000);
  open_first (fixture);

  click_move (fixture, FLAW_REPORT_STATUS_CLOSED);
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  box = adw_message_dialog_get_extra_child (dialog);
  reason = gtk_widget_get_first_child (box);
  duplicate = gtk_widget_get_next_sibling (reason);
  note = gtk_widget_get_next_sibling (duplicate);

  /* Spam needs a note; without one the store refuses and nothing changes. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (reason), 3);
  respond (dialog, "close");
  FLAW_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child (fixture, "error_revealer"))), 5000);
  g_assert_cmpint (shown_status (fixture), ==, FLAW_REPORT_STATUS_NEW);
  FLAW_TEST_WAIT_UNTIL (find_message_dialog () == NULL, 5000);

  click_move (fixture, FLAW_REPORT_STATUS_CLOSED);
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  box = adw_message_dialog_get_extra_child (dialog);
  reason = gtk_widget_get_first_child (box);
  note = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (reason));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (reason), 3);
  gtk_editable_set_text (GTK_EDITABLE (note), "Scanner output without a finding");
  respond (dialog, "close");
  FLAW_TEST_WAIT_UNTIL (shown_status (fixture) == FLAW_REPORT_STATUS_CLOSED, 5000);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "closed_group")));
  g_assert_nonnull (find_move (fixture, FLAW_REPORT_STATUS_NEW));
  g_assert_cmpint (flaw_report_get_close_reason (flaw_report_view_get_report (get_view (fixture))), ==,
                   FLAW_CLOSE_REASON_SPAM);
  FLAW_TEST_WAIT_UNTIL (find_message_dialog () == NULL, 5000);
}

static void
test_create_debt (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  GtkWidget *group;
  GtkWidget *row = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(FlawReportRequest) request = NULL;
  g_autoptr(FlawReportDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  present (fixture, 1000);
  open_first (fixture);
  type_into (fixture, "component_row", "image decoder");
  g_signal_emit_by_name (view_child (fixture, "component_row"), "apply");
  FLAW_TEST_WAIT_UNTIL (g_strcmp0 (flaw_report_get_component (flaw_report_view_get_report (get_view (fixture))),
                                   "image decoder") == 0, 5000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_view (fixture)), "report.create-debt", NULL));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  expected = g_strdup_printf ("Cause of: %s", flaw_report_get_title (flaw_report_view_get_report (get_view (fixture))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))), ==, expected);
  respond (dialog, "create");

  /* The item is made through the register and linked to the report. */
  group = view_child (fixture, "debt_group");
  FLAW_TEST_WAIT_UNTIL ((row = find_row_titled (group, "Debt item 1")) != NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), expected) == 0, 5000);

  request = flaw_report_request_new (flaw_report_view_get_report_id (get_view (fixture)), NULL);
  details = flaw_store_run (fixture->store, flaw_report_store_load, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->debt_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (details->debt_ids, gint64, 0), ==, 1);
}

static void
test_open_link (Fixture       *fixture,
                gconstpointer  data)
{
  GtkTextView *body;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  AdwMessageDialog *dialog = NULL;

  present (fixture, 1000);
  open_first (fixture);
  body = GTK_TEXT_VIEW (view_child (fixture, "body_view"));
  buffer = gtk_text_view_get_buffer (body);

  /* No address at the cursor: nothing opens, the user is told why. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_view (fixture)), "report.open-link", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child (fixture, "error_revealer"))));
  g_assert_null (find_message_dialog ());

  /* With the cursor in an address, the full address is shown for confirmation first. */
  gtk_text_buffer_insert (buffer, &iter, "See https://evil.example/a?b=c for details\n", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 10);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_view (fixture)), "report.open-link", NULL));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "https://evil.example/a?b=c"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  respond (dialog, "cancel");
  FLAW_TEST_WAIT_UNTIL (find_message_dialog () == NULL, 5000);
}

static void
test_add_source (Fixture       *fixture,
                 gconstpointer  data)
{
  FlawWindow *window = flaw_window_new (NULL, fixture->context);
  GtkWidget *page;
  GListModel *toplevels;
  AdwPreferencesWindow *preferences = NULL;

  gtk_window_present (GTK_WINDOW (window));
  flaw_window_set_page (window, "inbox");
  page = adw_bin_get_child (ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (window), FLAW_TYPE_WINDOW, "inbox_bin")));
  g_assert_true (FLAW_IS_INBOX_PAGE (page));

  g_assert_true (gtk_widget_activate_action (page, "inbox.add-source", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (toplevel))
        preferences = ADW_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (preferences), ==, "sources");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  flaw_test_drain ();
  g_settings_reset (fixture->settings, "current-page");
}

static void
test_preferences_sources (Fixture       *fixture,
                          gconstpointer  data)
{
  FlawPreferencesWindow *preferences;
  GtkWidget *list;
  GtkWidget *row = NULL;
  GtkSpinButton *spin;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  preferences = flaw_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (preferences));
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences), FLAW_TYPE_PREFERENCES_WINDOW,
                                                    "sources_list"));

  /* The test reports' two sources, with their state in plain words. */
  FLAW_TEST_WAIT_UNTIL ((row = find_row_titled (list, "security@ mailbox")) != NULL, 5000);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "JMAP mailbox"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not synced yet"));
  g_assert_nonnull (find_row_titled (list, "acme/widget advisories"));

  /* The triage clocks are the settings. */
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences), FLAW_TYPE_PREFERENCES_WINDOW,
                                                         "acknowledge_spin"));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);
  gtk_spin_button_set_value (spin, 3);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "triage-acknowledge-business-days"), ==, 3);

  /* Remove asks first, then the row goes and its reports stay. */
  g_signal_emit_by_name (gtk_widget_get_last_child (gtk_widget_get_last_child (gtk_widget_get_first_child (row))),
                         "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Source?");
  respond (dialog, "remove");
  FLAW_TEST_WAIT_UNTIL (find_row_titled (list, "security@ mailbox") == NULL &&
                        find_row_titled (list, "acme/widget advisories") != NULL, 5000);
  sources = flaw_store_run (fixture->store, list_sources_job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  flaw_test_drain ();
}

static GtkWidget *
dialog_child (FlawSourceDialog *dialog,
              const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), FLAW_TYPE_SOURCE_DIALOG, name);

  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static void
test_sync (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FlawFakeJmapServer) server = NULL;
  g_autoptr(FlawSyncService) service = NULL;
  g_autoptr(FlawCredentials) credentials = NULL;
  g_autofree char *session_url = NULL;
  FlawSourceFactoryData *factory_data;
  FlawSourceDialog *dialog;
  GtkLabel *error_label;
  GtkLabel *status;
  const char *inbox;
  gboolean closed = FALSE;

  server = flaw_fake_jmap_server_new ("security@example.org", "correct horse");
  inbox = flaw_fake_jmap_server_add_mailbox (server, "Inbox", "inbox");
  flaw_fake_jmap_server_add_email (server, inbox, "<r1@research.example>", NULL,
                                   "Heap overflow in the PNG decoder", "Ana Lima", "ana@research.example",
                                   "The decoder trusts the chunk length.\nhttps://research.example/poc\n",
                                   NULL, NOW - 3600);
  {
    const char *email = flaw_fake_jmap_server_add_email (server, inbox, "<r0@research.example>", NULL,
                                                         "Crash log for the PNG report", "Ana Lima",
                                                         "ana@research.example", "Attached.\n", NULL,
                                                         NOW - 7200);

    flaw_fake_jmap_server_add_attachment (server, email, "crash.txt", "text/plain", "SIGSEGV in png_read_row\n");
  }
  flaw_fake_jmap_server_add_email (server, inbox, "<r2@research.example>", NULL,
                                   "Login CSRF", "Kenji Watanabe", "kenji@bugs.example",
                                   "The login form has no CSRF token.\n", NULL, NOW - 1800);
  session_url = flaw_fake_jmap_server_dup_session_url (server);

  /* The application's wiring: a sync service on the store, in the context. */
  credentials = flaw_credentials_new (flaw_store_get_path (fixture->store));
  factory_data = g_new0 (FlawSourceFactoryData, 1);
  factory_data->http = flaw_http_new ();
  factory_data->credentials = g_object_ref (credentials);
  service = flaw_sync_service_new (fixture->store, flaw_source_factory_create, factory_data,
                                   (GDestroyNotify) flaw_source_factory_data_free);
  g_clear_object (&fixture->context);
  fixture->context = flaw_context_new_with_sync_service (fixture->store, fixture->settings, G_OBJECT (service));

  present (fixture, 1000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "list_stack"))), ==, "empty");
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "sync_button")));

  /* Add the mailbox through the dialog, as a user would. */
  dialog = flaw_source_dialog_new (fixture->context, "jmap");
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_nullify_pointer), &dialog);
  g_signal_connect_swapped (dialog, "close-request", G_CALLBACK (g_nullify_pointer), &closed);
  gtk_window_present (GTK_WINDOW (dialog));
  error_label = GTK_LABEL (dialog_child (dialog, "error_label"));

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "security@ mailbox");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "auth_row")), 1);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "user_row")), "security@example.org");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "secret_row")), "correct horse");

  /* Plain http is refused unless the server is on this computer. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "url_row")), "http://mail.example.org/jmap");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "https://"));
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "url_row"), "error"));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "add_button")));

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "url_row")), session_url);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "add_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.add", NULL));
  FLAW_TEST_WAIT_UNTIL (dialog == NULL || gtk_widget_get_visible (GTK_WIDGET (error_label)), 10000);
  if (dialog != NULL)
    {
      /* Without a Secret Service the dialog says so and adds nothing. */
      g_test_message ("%s", gtk_label_get_label (error_label));
      g_assert_nonnull (strstr (gtk_label_get_label (error_label), "Secret Service"));
      g_test_skip ("No Secret Service in this session");
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }

  /* Adding the source syncs it; its reports show up in the list. */
  FLAW_TEST_WAIT_UNTIL (n_shown (fixture) == 3, 10000);
  FLAW_TEST_WAIT_UNTIL (!flaw_sync_service_get_syncing (service), 10000);
  wait_loaded (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "list_stack"))), ==, "list");
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "sync_button")));
  status = GTK_LABEL (page_child (fixture, "sync_status_label"));
  FLAW_TEST_WAIT_UNTIL (strstr (gtk_label_get_label (status), "synced at") != NULL, 5000);
  g_assert_nonnull (strstr (gtk_label_get_label (status), "security@ mailbox"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "3 new"));

  /* Attachments are listed, not downloaded. */
  {
    GListModel *reports = flaw_inbox_page_get_reports (fixture->page);
    GtkWidget *group;
    gboolean listed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
      {
        g_autoptr(FlawReport) report = g_list_model_get_item (reports, i);

        if (g_strcmp0 (flaw_report_get_title (report), "Crash log for the PNG report") == 0)
          flaw_inbox_page_select_report (fixture->page, flaw_report_get_id (report));
      }
    FLAW_TEST_WAIT_UNTIL (flaw_report_view_get_report (get_view (fixture)) != NULL, 5000);
    group = view_child (fixture, "attachments_group");
    g_assert_true (gtk_widget_get_visible (group));
    FLAW_TEST_WAIT_UNTIL ((listed = find_row_titled (group, "crash.txt") != NULL), 5000);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row_titled (group, "crash.txt"))),
                              "text/plain"));
  }

  /* A new mail on the server arrives with the sync button. */
  flaw_fake_jmap_server_add_email (server, inbox, "<r3@research.example>", NULL,
                                   "Open redirect after logout", "Zoë Müller", "zoe@sec.example",
                                   "Redirects to any host.\n", NULL, NOW - 60);
  g_signal_emit_by_name (page_child (fixture, "sync_button"), "clicked");
  g_assert_true (flaw_sync_service_get_syncing (service));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "sync_stack"))), ==,
                   "syncing");
  FLAW_TEST_WAIT_UNTIL (n_shown (fixture) == 4, 10000);
  FLAW_TEST_WAIT_UNTIL (!flaw_sync_service_get_syncing (service), 10000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "sync_stack"))), ==, "idle");

  {
    g_autoptr(FlawReport) newest = g_list_model_get_item (flaw_inbox_page_get_reports (fixture->page), 0);

    g_assert_cmpstr (flaw_report_get_title (newest), ==, "Open redirect after logout");
    g_assert_cmpstr (flaw_report_get_reporter (newest), ==, "Zoë Müller");
    g_assert_cmpstr (flaw_report_get_source_name (newest), ==, "security@ mailbox");
    g_assert_true (flaw_report_get_unread (newest));
  }

  gtk_window_destroy (fixture->window);
  FLAW_TEST_WAIT_UNTIL (fixture->window == NULL, 5000);
  g_clear_object (&fixture->context);
  (void) closed;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/flawdesk/inbox-page/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/list", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/filter-and-search", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_filter_and_search, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/triage", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_triage, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/root-causes", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_root_causes, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/close", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_close, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/create-debt", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_create_debt, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/open-link", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_open_link, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/add-source", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_add_source, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/preferences-sources", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_preferences_sources, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/sync", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/flawdesk/inbox-page/narrow", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
