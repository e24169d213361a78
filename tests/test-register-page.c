/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-cost-chart.h"
#include "flaw-debt-store.h"
#include "flaw-decision-dialog.h"
#include "flaw-import-dialog.h"
#include "flaw-register-page-private.h"
#include "flaw-test-utils.h"

/* 2026-03-02 12:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1772452800)

typedef struct
{
  char             *dir;
  GSettings        *settings;
  FlawStore        *store;
  FlawContext      *context;
  GtkWindow        *window;
  FlawRegisterPage *page;
} Fixture;

typedef struct
{
  const char     *title;
  int             likelihood;
  int             impact;
  const char     *owner;
  const char     *component;
  const char     *category;
  FlawDebtStatus  status;
  const char     *review_date;
} Seed;

static gpointer
seed_job (FlawDatabase  *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  const Seed *seed = data;

  for (; seed->title != NULL; seed++)
    {
      g_autoptr(FlawDebtItem) item = flaw_debt_item_new ();

      flaw_debt_item_set_title (item, seed->title);
      flaw_debt_item_set_likelihood (item, seed->likelihood);
      flaw_debt_item_set_impact (item, seed->impact);
      flaw_debt_item_set_owner (item, seed->owner);
      flaw_debt_item_set_component (item, seed->component);
      flaw_debt_item_set_category (item, seed->category);
      flaw_debt_item_set_principal (item, 2);
      flaw_debt_item_set_interest (item, 0.5);
      flaw_debt_item_set_created (item, NOW - 60 * 86400);
      flaw_debt_item_set_status (item, seed->status);
      if (seed->status == FLAW_DEBT_STATUS_ACCEPTED)
        {
          flaw_debt_item_set_rationale (item, "Only reachable from the office network.");
          flaw_debt_item_set_compensating_controls (item, "Firewall rule and weekly log review.");
          flaw_debt_item_set_review_date (item, seed->review_date);
        }

      if (flaw_debt_db_create (db, item, error) == 0)
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static const Seed two_items[] = {
  { "TLS checks off in staging", 3, 3, "Grace", "payments", "configuration_deployment",
    FLAW_DEBT_STATUS_PROPOSED, NULL },
  { "Backups not encrypted", 2, 4, "Linus", "backups", "secrets_cryptography",
    FLAW_DEBT_STATUS_ACCEPTED, "2026-05-01" },
  { NULL }
};

static void
seed (Fixture    *fixture,
      const Seed *items)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (flaw_store_run (fixture->store, seed_job, (gpointer) items, NULL, &error));
  g_assert_no_error (error);
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
  fixture->context = flaw_context_new (fixture->store, fixture->settings);

  if (data != NULL)
    seed (fixture, data);
}

static void
present (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (fixture->window, 1000, 700);

  fixture->page = FLAW_REGISTER_PAGE (flaw_register_page_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)), 5000);
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_is_loaded (fixture->page), 5000);
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
  g_clear_object (&fixture->settings);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

/* Helpers ------------------------------------------------------------------ */

static FlawDebtEditor *
open_new_editor (Fixture *fixture)
{
  FlawDebtEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "register.new", NULL));
  editor = _flaw_register_page_get_editor (fixture->page);
  g_assert_nonnull (editor);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (editor)), 5000);

  return editor;
}

static void
type_text (FlawDebtEditor *editor,
           const char     *field,
           const char     *text)
{
  GtkWidget *widget = flaw_debt_editor_get_field_widget (editor, field);

  g_assert_nonnull (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
choose (FlawDebtEditor *editor,
        const char     *field,
        guint           position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (flaw_debt_editor_get_field_widget (editor, field)), position);
}

static void
save_and_wait (Fixture        *fixture,
               FlawDebtEditor *editor)
{
  guint loads = _flaw_register_page_get_n_loads (fixture->page);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (editor), FLAW_TYPE_DEBT_EDITOR,
                                                        "save_button"),
                         "clicked");
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_loads (fixture->page) > loads, 5000);
}

static int
find_shown (Fixture    *fixture,
            const char *title)
{
  for (guint i = 0; i < _flaw_register_page_get_n_shown (fixture->page); i++)
    if (g_strcmp0 (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (fixture->page, i)),
                   title) == 0)
      return (int) i;

  return -1;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_search_entry_set_search_delay (fixture->page->search_entry, 0);
  gtk_editable_set_text (GTK_EDITABLE (fixture->page->search_entry), text);

  /* Replacing the text may pass through an empty entry: wait for this text. */
  if (*text == '\0')
    FLAW_TEST_WAIT_UNTIL (fixture->page->search_ids == NULL, 5000);
  else
    FLAW_TEST_WAIT_UNTIL (g_strcmp0 (fixture->page->applied_search, text) == 0, 5000);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  FlawDebtEditor *editor;

  present (fixture);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->page->stack), ==, "empty");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->page->search_entry)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->page->filter_box)));
  g_assert_cmpstr (adw_status_page_get_title (fixture->page->empty_page), ==, "No Security Debt Recorded");
  g_assert_nonnull (strstr (adw_status_page_get_description (fixture->page->empty_page), "shortcut"));
  g_assert_cmpstr (gtk_button_get_label (fixture->page->add_first_button), ==, "_Add the First Item");

  /* The button opens the editor for a new item. */
  g_signal_emit_by_name (fixture->page->add_first_button, "clicked");
  editor = _flaw_register_page_get_editor (fixture->page);
  g_assert_nonnull (editor);
  g_assert_null (flaw_debt_editor_get_item (editor));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Security Debt");

  /* Nothing typed: it closes without asking. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  FlawDebtEditor *editor;
  GtkWindow *dialog;
  GtkWidget *principal;

  present (fixture);
  editor = open_new_editor (fixture);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  type_text (editor, "principal", "two days");
  type_text (editor, "cwe", "XSS");
  flaw_debt_editor_save (editor);

  /* Every field says what is wrong with it, next to it. */
  g_assert_nonnull (strstr (flaw_debt_editor_get_field_message (editor, "title"), "Title is required"));
  g_assert_nonnull (strstr (flaw_debt_editor_get_field_message (editor, "likelihood"), "Likelihood is required"));
  g_assert_nonnull (strstr (flaw_debt_editor_get_field_message (editor, "impact"), "Impact is required"));
  g_assert_nonnull (strstr (flaw_debt_editor_get_field_message (editor, "principal"), "“two days”"));
  g_assert_nonnull (strstr (flaw_debt_editor_get_field_message (editor, "cwe"), "CWE-79"));
  g_assert_null (flaw_debt_editor_get_field_message (editor, "owner"));

  /* What was typed is still there. */
  principal = flaw_debt_editor_get_field_widget (editor, "principal");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (principal)), ==, "two days");
  g_assert_true (gtk_widget_has_css_class (principal, "error"));

  /* Messages follow the typing once shown. */
  type_text (editor, "title", "Debug endpoints left on");
  g_assert_null (flaw_debt_editor_get_field_message (editor, "title"));
  type_text (editor, "principal", "2");
  g_assert_null (flaw_debt_editor_get_field_message (editor, "principal"));
  g_assert_false (gtk_widget_has_css_class (principal, "error"));

  /* Closing with changes asks first, and keeping them keeps them. */
  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 5000);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Discard Changes?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  flaw_test_drain ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (flaw_debt_editor_get_field_widget (editor, "title"))),
                   ==, "Debug endpoints left on");

  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 5000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);

  /* Nothing was saved. */
  g_assert_cmpuint (_flaw_register_page_get_n_items (fixture->page), ==, 0);
}

static void
test_add_edit_filter_search_sort_delete (Fixture       *fixture,
                                         gconstpointer  data)
{
  FlawRegisterPage *page;
  FlawDebtEditor *editor;
  AdwToast *toast;
  g_autofree char *history = NULL;
  int position;

  present (fixture);
  page = fixture->page;
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "items");

  /* Find (Ctrl+F) puts the focus in the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "register.find", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (page->search_entry)));
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "2 of 2 items");

  /* Add an item through the editor's widgets. */
  editor = open_new_editor (fixture);
  type_text (editor, "title", "Deploy bot has admin rights");
  type_text (editor, "description", "Granted to get the first release out.");
  choose (editor, "category", 1);
  type_text (editor, "component", "deploy");
  type_text (editor, "owner", "Ada");
  choose (editor, "likelihood", 4);
  choose (editor, "impact", 5);
  type_text (editor, "principal", "3");
  type_text (editor, "interest", "0.5");
  save_and_wait (fixture, editor);

  g_assert_cmpuint (_flaw_register_page_get_n_items (page), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "3 of 3 items");
  position = find_shown (fixture, "Deploy bot has admin rights");
  g_assert_cmpint (position, >=, 0);
  g_assert_cmpint (flaw_debt_item_get_risk (_flaw_register_page_get_shown_item (page, position)), ==, 20);
  g_assert_cmpstr (gtk_label_get_text (page->critical_count), ==, "1 Critical");
  g_assert_cmpstr (gtk_label_get_text (page->open_value), ==, "3");

  /* Edit it: the editor loads the full item, then saves the change. */
  _flaw_register_page_select (page, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "register.edit", NULL));
  FLAW_TEST_WAIT_UNTIL ((editor = _flaw_register_page_get_editor (page)) != NULL, 5000);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Security Debt");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (flaw_debt_editor_get_field_widget (editor, "owner"))),
                   ==, "Ada");
  type_text (editor, "title", "Deploy bot has cluster-admin rights");
  save_and_wait (fixture, editor);
  g_assert_cmpint (find_shown (fixture, "Deploy bot has admin rights"), ==, -1);
  position = find_shown (fixture, "Deploy bot has cluster-admin rights");
  g_assert_cmpint (position, >=, 0);

  /* Its history, newest first, names the change. */
  _flaw_register_page_select (page, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "register.edit", NULL));
  FLAW_TEST_WAIT_UNTIL ((editor = _flaw_register_page_get_editor (page)) != NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (flaw_debt_editor_get_n_history_rows (editor) > 1, 5000);
  history = flaw_debt_editor_dup_history_row (editor, 0);
  g_assert_nonnull (strstr (history, "Title changed from “Deploy bot has admin rights” to “Deploy bot has cluster-admin rights”"));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);

  /* Filter by severity and by owner. */
  gtk_drop_down_set_selected (page->severity_dropdown, 1);
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "1 of 3 items");
  gtk_drop_down_set_selected (page->severity_dropdown, 0);
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 3);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (page->owner_list)); i++)
    if (g_str_equal (gtk_string_list_get_string (page->owner_list, i), "Linus"))
      gtk_drop_down_set_selected (page->owner_dropdown, i);
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 1);
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 0)), ==,
                   "Backups not encrypted");
  gtk_drop_down_set_selected (page->owner_dropdown, 0);

  /* Search, then search for nothing that exists. */
  search (fixture, "cluster");
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "1 of 3 items");
  search (fixture, "granted");
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 1);
  search (fixture, "nonexistentword");
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "no-match");
  g_assert_cmpstr (adw_status_page_get_title (page->no_match_page), ==, "No Matching Items");
  g_signal_emit_by_name (page->clear_filters_button, "clicked");
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_shown (page) == 3, 5000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "list");

  /* Sort by title, both ways, and by risk. */
  gtk_column_view_sort_by_column (page->column_view, page->title_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 0)), ==,
                   "Backups not encrypted");
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 2)), ==,
                   "TLS checks off in staging");
  gtk_column_view_sort_by_column (page->column_view, page->title_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 0)), ==,
                   "TLS checks off in staging");
  gtk_column_view_sort_by_column (page->column_view, page->risk_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 0)), ==,
                   "Deploy bot has cluster-admin rights");

  /* Delete it, then undo. */
  _flaw_register_page_select (page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "register.delete", NULL));
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_items (page) == 2, 5000);
  g_assert_cmpint (find_shown (fixture, "Deploy bot has cluster-admin rights"), ==, -1);
  toast = _flaw_register_page_get_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Deploy bot has cluster-admin rights” deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "register.undo-delete");

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_items (page) == 3, 5000);
  g_assert_cmpint (find_shown (fixture, "Deploy bot has cluster-admin rights"), >=, 0);
}

static void
test_decisions (Fixture       *fixture,
                gconstpointer  data)
{
  FlawRegisterPage *page;
  FlawDebtEditor *editor;
  FlawDecisionDialog *dialog;
  GtkWidget *review;
  int position;

  present (fixture);
  page = fixture->page;

  position = find_shown (fixture, "TLS checks off in staging");
  _flaw_register_page_select (page, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "register.edit", NULL));
  FLAW_TEST_WAIT_UNTIL ((editor = _flaw_register_page_get_editor (page)) != NULL, 5000);

  /* Only the legal moves from "proposed" are offered. */
  g_assert_nonnull (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_ACCEPTED));
  g_assert_nonnull (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_SCHEDULED));
  g_assert_nonnull (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_WONT_FIX));
  g_assert_null (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_IN_PROGRESS));
  g_assert_null (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_PAID_OFF));
  g_assert_null (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_PROPOSED));

  g_signal_emit_by_name (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_ACCEPTED), "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = (FlawDecisionDialog *) find_toplevel (FLAW_TYPE_DECISION_DIALOG)) != NULL, 5000);

  /* The review date defaults to today + the review period (90 days). */
  review = flaw_decision_dialog_get_field (dialog, "review_date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (review)), ==, "2026-05-31");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  g_assert_nonnull (flaw_decision_dialog_get_message (dialog, "rationale"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (flaw_decision_dialog_get_field (dialog, "rationale"))),
                            "Staging has no customer data.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (flaw_decision_dialog_get_field (dialog, "compensating_controls"))),
                            "Staging is only reachable over the VPN.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));

  /* A review date in the past is refused where it was typed. */
  gtk_editable_set_text (GTK_EDITABLE (review), "2026-01-01");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  g_assert_nonnull (strstr (flaw_decision_dialog_get_message (dialog, "review_date"), "after today"));
  gtk_editable_set_text (GTK_EDITABLE (review), "2026-04-15");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  FLAW_TEST_WAIT_UNTIL (flaw_debt_item_get_status (flaw_debt_editor_get_item (editor)) == FLAW_DEBT_STATUS_ACCEPTED,
                        5000);
  g_assert_cmpstr (flaw_debt_item_get_review_date (flaw_debt_editor_get_item (editor)), ==, "2026-04-15");
  g_assert_nonnull (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_IN_PROGRESS));
  g_assert_null (flaw_debt_editor_get_decision_button (editor, FLAW_DEBT_STATUS_PAID_OFF));
  g_assert_false (flaw_debt_editor_get_modified (editor));

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);

  FLAW_TEST_WAIT_UNTIL (flaw_debt_item_get_status (_flaw_register_page_get_shown_item (page, find_shown (fixture, "TLS checks off in staging")))
                        == FLAW_DEBT_STATUS_ACCEPTED, 5000);
}

static const Seed review_due_items[] = {
  { "Shared admin password", 4, 4, "Grace", "ops", "access_permissions",
    FLAW_DEBT_STATUS_ACCEPTED, "2026-02-01" },
  { "Old TLS library", 2, 2, "Linus", "web", "dependencies",
    FLAW_DEBT_STATUS_ACCEPTED, "2026-06-01" },
  { "No login rate limit", 3, 3, "Ada", "accounts", "authentication",
    FLAW_DEBT_STATUS_PROPOSED, NULL },
  { NULL }
};

static void
test_review_due (Fixture       *fixture,
                 gconstpointer  data)
{
  FlawTestNotifications *notifications;
  /* Kept for the whole run: a registered application is not meant to go
   * away while its connection lives. */
  static GApplication *application;
  g_autoptr(GError) error = NULL;
  g_autofree char *announced = NULL;
  FlawRegisterPage *page;

  /* The daily notification goes through the application, when there is one. */
  notifications = flaw_test_notifications_new ();

  g_settings_reset (fixture->settings, "review-notification-date");
  if (application == NULL)
    {
      application = g_application_new ("io.github.flawdesk.RegisterPageTest", G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (application, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_application_get_default () == application);

  present (fixture);
  page = fixture->page;

  FLAW_TEST_WAIT_UNTIL (flaw_test_notifications_get_count (notifications) == 1, 5000);
  g_assert_cmpstr (flaw_test_notifications_get_summary (notifications, 0), ==, "Security Debt Due for Review");
  announced = g_settings_get_string (fixture->settings, "review-notification-date");
  g_assert_cmpstr (announced, ==, "2026-03-02");

  /* Once a day: a reload the same day does not announce again. */
  flaw_store_notify_changed (fixture->store, "debt");
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_loads (page) == 2, 5000);
  flaw_test_drain ();
  g_assert_cmpuint (flaw_test_notifications_get_count (notifications), ==, 1);

  flaw_test_notifications_free (notifications);
  g_settings_reset (fixture->settings, "review-notification-date");

  g_assert_cmpstr (gtk_button_get_label (page->review_due_button), ==, "1 review due");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->review_due_button), "warning"));

  g_signal_emit_by_name (page->review_due_button, "clicked");
  g_assert_cmpuint (_flaw_register_page_get_n_shown (page), ==, 1);
  g_assert_cmpstr (flaw_debt_item_get_title (_flaw_register_page_get_shown_item (page, 0)), ==,
                   "Shared admin password");
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "1 of 3 items");

  /* The cost chart has a history to show, and says what it shows. */
  FLAW_TEST_WAIT_UNTIL (flaw_cost_chart_get_n_points (page->cost_chart) > 0, 5000);
  g_assert_nonnull (strstr (flaw_cost_chart_get_description (page->cost_chart), "person-days"));
}

static const char import_csv[] =
  "title,likelihood,impact,owner,cwe,Team\r\n"
  "Hard-coded JWT secret,4,5,Priya,CWE-798,Platform\r\n"
  "\"Password policy allows \"\"password1\"\"\",3,3,Aisha,weak,Accounts\r\n";

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (import_csv, sizeof import_csv - 1);
  FlawImportDialog *dialog;
  FlawDebtImport *import;
  FlawDebtProblem *problem;
  guint loads;

  present (fixture);

  dialog = flaw_import_dialog_new (fixture->context, bytes, FLAW_DEBT_FORMAT_CSV, "team.csv");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  FLAW_TEST_WAIT_UNTIL (flaw_import_dialog_get_n_previews (dialog) == 1, 5000);

  /* The bad CWE on line 3 is shown, and nothing can be imported yet. */
  import = flaw_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpuint (flaw_debt_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (flaw_debt_import_get_problems (import)->len, ==, 1);
  problem = g_ptr_array_index (flaw_debt_import_get_problems (import), 0);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_cmpstr (problem->field, ==, "cwe");
  g_assert_false (flaw_import_dialog_get_can_import (dialog));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                                      FLAW_TYPE_IMPORT_DIALOG,
                                                                                      "import_button"))));

  /* Ignoring the column (the fifth) leaves nothing wrong. */
  g_assert_true (flaw_import_dialog_set_mapping (dialog, 4, NULL));
  FLAW_TEST_WAIT_UNTIL (flaw_import_dialog_get_n_previews (dialog) == 2, 5000);
  g_assert_true (flaw_import_dialog_get_can_import (dialog));
  g_assert_cmpuint (_flaw_register_page_get_n_items (fixture->page), ==, 0);

  loads = _flaw_register_page_get_n_loads (fixture->page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  FLAW_TEST_WAIT_UNTIL (dialog == NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_loads (fixture->page) > loads, 5000);
  g_assert_cmpuint (_flaw_register_page_get_n_items (fixture->page), ==, 2);
  g_assert_cmpint (find_shown (fixture, "Password policy allows \"password1\""), >=, 0);
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  FlawDebtEditor *editor;
  GtkWidget *title;

  present (fixture);

  /* A duplicate of an accepted item starts as a new proposal. */
  _flaw_register_page_select (fixture->page, find_shown (fixture, "Backups not encrypted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "register.duplicate", NULL));
  FLAW_TEST_WAIT_UNTIL ((editor = _flaw_register_page_get_editor (fixture->page)) != NULL, 5000);
  g_assert_null (flaw_debt_editor_get_item (editor));
  g_assert_true (flaw_debt_editor_get_modified (editor));
  title = flaw_debt_editor_get_field_widget (editor, "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Backups not encrypted (copy)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (flaw_debt_editor_get_field_widget (editor, "owner"))),
                   ==, "Linus");

  save_and_wait (fixture, editor);
  g_assert_cmpuint (_flaw_register_page_get_n_items (fixture->page), ==, 3);
  g_assert_cmpint (flaw_debt_item_get_status (_flaw_register_page_get_shown_item (fixture->page,
                                                                                 find_shown (fixture, "Backups not encrypted (copy)"))),
                   ==, FLAW_DEBT_STATUS_PROPOSED);
}

static gpointer
link_report_job (FlawDatabase  *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  int rc = sqlite3_exec (flaw_database_get_handle (db),
                         "INSERT INTO report (id, title, received, updated) "
                         "VALUES (40, 'Backups readable by the support team', 0, 0);"
                         "INSERT INTO link (from_entity, from_id, to_entity, to_id, created) "
                         "SELECT 'report', 40, 'debt', id, 0 FROM debt WHERE title = 'Backups not encrypted';",
                         NULL, NULL, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);

  return GINT_TO_POINTER (TRUE);
}

static void
test_linked_records (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FlawDebtEditor *editor;

  g_assert_nonnull (flaw_store_run (fixture->store, link_report_job, NULL, NULL, &error));
  g_assert_no_error (error);
  present (fixture);

  /* The report the item came from is listed in its editor. */
  _flaw_register_page_select (fixture->page, find_shown (fixture, "Backups not encrypted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "register.edit", NULL));
  FLAW_TEST_WAIT_UNTIL ((editor = _flaw_register_page_get_editor (fixture->page)) != NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (flaw_debt_editor_get_n_links (editor) == 1, 5000);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_close (GTK_WINDOW (editor));
  FLAW_TEST_WAIT_UNTIL (editor == NULL, 5000);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (fixture->dir, "view.csv", NULL);
  g_autofree char *html_path = g_build_filename (fixture->dir, "all.html", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "sorted.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autofree char *json = NULL;
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) html_file = g_file_new_for_path (html_path);
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;

  present (fixture);

  /* The current view only: a search leaves one item. */
  search (fixture, "backups");
  g_assert_cmpuint (_flaw_register_page_get_n_shown (fixture->page), ==, 1);
  _flaw_register_page_export_to_file (fixture->page, FLAW_DEBT_FORMAT_CSV, csv_file);
  FLAW_TEST_WAIT_UNTIL (fixture->page->n_exports == 1, 5000);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "id,title,"));
  g_assert_nonnull (strstr (csv, "Backups not encrypted"));
  g_assert_null (strstr (csv, "TLS checks off in staging"));

  search (fixture, "");
  FLAW_TEST_WAIT_UNTIL (_flaw_register_page_get_n_shown (fixture->page) == 2, 5000);

  /* Sorted, the file keeps the order shown. */
  gtk_column_view_sort_by_column (fixture->page->column_view, fixture->page->title_column, GTK_SORT_DESCENDING);
  _flaw_register_page_export_to_file (fixture->page, FLAW_DEBT_FORMAT_JSON, json_file);
  FLAW_TEST_WAIT_UNTIL (fixture->page->n_exports == 2, 5000);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "\"flawdesk-debt\""));
  g_assert_nonnull (strstr (json, "Backups not encrypted"));
  g_assert_true (strstr (json, "TLS checks off in staging") < strstr (json, "Backups not encrypted"));

  _flaw_register_page_export_to_file (fixture->page, FLAW_DEBT_FORMAT_HTML, html_file);
  FLAW_TEST_WAIT_UNTIL (fixture->page->n_exports == 3, 5000);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "Backups not encrypted"));
  g_assert_nonnull (strstr (html, "TLS checks off in staging"));
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

#define ADD(path, seed, func) \
  g_test_add (path, Fixture, seed, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/register-page/empty-state", NULL, test_empty_state);
  ADD ("/flawdesk/register-page/validation", NULL, test_validation);
  ADD ("/flawdesk/register-page/add-edit-filter-search-sort-delete", two_items,
       test_add_edit_filter_search_sort_delete);
  ADD ("/flawdesk/register-page/decisions", two_items, test_decisions);
  ADD ("/flawdesk/register-page/review-due", review_due_items, test_review_due);
  ADD ("/flawdesk/register-page/import", NULL, test_import);
  ADD ("/flawdesk/register-page/duplicate", two_items, test_duplicate);
  ADD ("/flawdesk/register-page/linked-records", two_items, test_linked_records);
  ADD ("/flawdesk/register-page/export", two_items, test_export);

#undef ADD

  return g_test_run ();
}
