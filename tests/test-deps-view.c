/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-component-item.h"
#include "flaw-dependency-store.h"
#include "flaw-deps-view.h"
#include "flaw-osv-store.h"
#include "flaw-test-utils.h"

#define NOW 1767225600  /* 2026-01-01T00:00:00Z */

typedef struct
{
  char         *dir;
  GSettings    *settings;
  FlawStore    *store;
  FlawContext  *context;
  GtkWindow    *window;
  FlawDepsView *view;
} Fixture;

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
  fixture->context = flaw_context_new (fixture->store, fixture->settings);
}

static void
present (Fixture *fixture)
{
  fixture->window = flaw_deps_view_new_window (fixture->context, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  fixture->view = FLAW_DEPS_VIEW (adw_window_get_content (ADW_WINDOW (fixture->window)));
  gtk_window_present (fixture->window);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)), 5000);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  FLAW_TEST_WAIT_UNTIL (fixture->window == NULL, 5000);
  flaw_test_drain ();
  g_clear_object (&fixture->context);
  FLAW_TEST_WAIT_UNTIL (G_OBJECT (fixture->store)->ref_count == 1, 5000);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  flaw_clock_unset_fixed ();
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  if (dialog != NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  FLAW_TEST_WAIT_UNTIL (dialog == NULL, 5000);
}

static const char *
component_name (Fixture *fixture,
                guint    position)
{
  g_autoptr(FlawComponentItem) item = g_list_model_get_item (flaw_deps_view_get_model (fixture->view), position);

  return flaw_component_item_get_component (item)->name;
}

static gboolean
label_text_contains (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (label_text_contains (c, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  if (GTK_IS_BUTTON (widget) && label == NULL && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL &&
      g_str_equal (gtk_button_get_icon_name (GTK_BUTTON (widget)), "adw-external-link-symbolic"))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Import shows a preview and writes nothing until it is confirmed. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "deps", "requirements.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkStack *stack;
  AdwMessageDialog *dialog;

  present (fixture);
  stack = child (fixture->view, FLAW_TYPE_DEPS_VIEW, "list_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)), ==, 0);

  /* Cancelled: nothing is written. */
  flaw_deps_view_import_file (fixture->view, file);
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "To add: 7, to change: 0, to remove: 0, unchanged: 0."));
  g_assert_true (label_text_contains (GTK_WIDGET (dialog), "+ PyPI django 4.2.3"));
  g_assert_true (label_text_contains (GTK_WIDGET (dialog), "Not imported, line 16"));
  respond (dialog, "cancel");
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_cmpuint (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)), ==, 0);

  /* Confirmed: the list shows the components, never checked. */
  flaw_deps_view_import_file (fixture->view, file);
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  respond (dialog, "import");
  FLAW_TEST_WAIT_UNTIL (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)) == 7, 5000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpstr (component_name (fixture, 0), ==, "django");
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "never checked"));
  g_assert_true (label_text_contains (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "summary_label"),
                                      "7 components: 0 affected by known vulnerabilities, 7 never checked."));

  /* The same file again: nothing to change. */
  flaw_deps_view_import_file (fixture->view, file);
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing to change"));
  respond (dialog, "close");

  /* A file that is no lock file is refused with its name. */
  {
    g_autofree char *garbage_path = g_test_build_filename (G_TEST_DIST, "fixtures", "deps", "garbage.bin", NULL);
    g_autoptr(GFile) garbage = g_file_new_for_path (garbage_path);
    GtkRevealer *revealer = child (fixture->view, FLAW_TYPE_DEPS_VIEW, "error_revealer");

    flaw_deps_view_import_file (fixture->view, garbage);
    FLAW_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (revealer), 5000);
    g_assert_true (label_text_contains (GTK_WIDGET (revealer), "garbage.bin"));
  }
}

static gpointer
seed_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(FlawDependency) dependency = flaw_dependency_new ("npm", "lodash", "4.17.20");
  g_autoptr(FlawDependency) clean = flaw_dependency_new ("npm", "left-pad", "1.3.0");
  g_autoptr(FlawOsvCheck) check = flaw_osv_check_new (0);
  g_autoptr(FlawOsvCheckResult) result = flaw_osv_check_result_new ();
  FlawOsvVuln *vuln = flaw_osv_vuln_new ();
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  gint64 id;

  if (!(id = flaw_component_add (database, dependency, "manual", error)) ||
      !flaw_component_add (database, clean, "manual", error))
    return NULL;

  vuln->id = g_strdup ("GHSA-35jh-r3h4-6jhm");
  g_ptr_array_add (vuln->aliases, g_strdup ("CVE-2021-23337"));
  vuln->summary = g_strdup ("Command Injection in lodash <b>template</b>");
  vuln->severity = g_strdup ("[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H\"}]");
  vuln->references = g_strdup ("[{\"type\":\"ADVISORY\",\"url\":\"https://nvd.nist.gov/vuln/detail/CVE-2021-23337\"}]");
  vuln->modified = NOW - 3600;
  g_ptr_array_add (vuln->fixed, g_strdup ("4.17.21"));
  g_ptr_array_add (check->vulns, vuln);
  g_array_append_val (check->component_ids, id);
  g_ptr_array_add (found, g_strdup ("GHSA-35jh-r3h4-6jhm"));
  g_ptr_array_add (check->found, found);

  return flaw_osv_store_apply_check (database, check, result, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
count_job (FlawDatabase  *database,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  sqlite3_stmt *stmt = flaw_database_prepare (database, data, error);
  gint64 n;

  if (stmt == NULL || flaw_database_step (database, stmt, error) != SQLITE_ROW)
    return NULL;
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return g_memdup2 (&n, sizeof n);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = flaw_store_run (fixture->store, count_job, (gpointer) sql, NULL, &error);

  g_assert_no_error (error);
  return *n;
}

/* A vulnerability is shown as text, its link is confirmed before it opens,
 * suppressing it needs a reason, and it becomes a linked debt item. */
static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *vulns_box;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  GtkEditable *reason;
  guint position = G_MAXUINT;

  flaw_store_run (fixture->store, seed_job, NULL, NULL, &error);
  g_assert_no_error (error);
  present (fixture);
  FLAW_TEST_WAIT_UNTIL (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)) == 2, 5000);
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "1 vulnerability"));
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "never checked"));

  for (guint i = 0; i < 2; i++)
    if (g_str_equal (component_name (fixture, i), "lodash"))
      position = i;
  flaw_deps_view_show_component (fixture->view, position);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);

  vulns_box = child (fixture->view, FLAW_TYPE_DEPS_VIEW, "vulns_box");
  g_assert_true (label_text_contains (vulns_box, "GHSA-35jh-r3h4-6jhm"));
  g_assert_true (label_text_contains (vulns_box, "Also known as CVE-2021-23337"));
  /* Plain text: the markup in the summary is shown as it is. */
  g_assert_true (label_text_contains (vulns_box, "Command Injection in lodash <b>template</b>"));
  g_assert_true (label_text_contains (vulns_box, "7.2 High (CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H)"));
  g_assert_true (label_text_contains (vulns_box, "4.17.21"));
  g_assert_true (label_text_contains (vulns_box, "ADVISORY: https://nvd.nist.gov/vuln/detail/CVE-2021-23337"));

  button = find_button (vulns_box, NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "https://nvd.nist.gov/vuln/detail/CVE-2021-23337"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  respond (dialog, "cancel");

  button = find_button (vulns_box, "_Suppress…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "suppress"));
  reason = g_object_get_data (G_OBJECT (dialog), "reason");
  gtk_editable_set_text (reason, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "suppress"));
  gtk_editable_set_text (reason, "Templates never take user input");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "suppress"));
  respond (dialog, "suppress");

  FLAW_TEST_WAIT_UNTIL (label_text_contains (vulns_box, "Suppressed until 2026-04-01: Templates never take user input"),
                        5000);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_false (label_text_contains (GTK_WIDGET (fixture->view), "1 vulnerability"));

  /* Create Debt Item: prefilled, linked, shown on the card. */
  button = find_button (vulns_box, "Create _Debt Item…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "linked to GHSA-35jh-r3h4-6jhm"));
  {
    GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");

    g_assert_cmpstr (gtk_editable_get_text (title), ==, "lodash 4.17.20 is affected by GHSA-35jh-r3h4-6jhm");
    gtk_editable_set_text (title, "");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
    gtk_editable_set_text (title, "Upgrade lodash past 4.17.21");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  }
  g_assert_true (label_text_contains (GTK_WIDGET (dialog), "Fixed in: 4.17.21"));
  respond (dialog, "create");
  FLAW_TEST_WAIT_UNTIL (label_text_contains (vulns_box, "#1"), 5000);
  g_assert_null (find_button (vulns_box, "Create _Debt Item…"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM debt WHERE title = 'Upgrade lodash past 4.17.21' "
                                        "AND category = 'dependencies' AND component = 'npm/lodash@4.17.20'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM link WHERE from_entity = 'vulnerability' "
                                        "AND to_entity = 'debt'"), ==, 1);
}

static guint
find_position (Fixture    *fixture,
               const char *name)
{
  GListModel *model = flaw_deps_view_get_model (fixture->view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (component_name (fixture, i), name))
      return i;

  g_assert_not_reached ();
}

static const char *
component_version (Fixture *fixture,
                   guint    position)
{
  g_autoptr(FlawComponentItem) item = g_list_model_get_item (flaw_deps_view_get_model (fixture->view), position);

  return flaw_component_item_get_component (item)->version;
}

/* Add, change the version of and remove a component by hand; each form is
 * validated as it is typed. */
static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  AdwComboRow *ecosystem;
  GtkEditable *name, *version;
  GtkWidget *message;
  GtkRevealer *revealer;
  AdwLeaflet *leaflet;
  GListModel *ecosystems;
  guint npm = G_MAXUINT;

  present (fixture);
  revealer = child (fixture->view, FLAW_TYPE_DEPS_VIEW, "error_revealer");
  leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (fixture->view)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "deps.add", NULL));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  ecosystem = g_object_get_data (G_OBJECT (dialog), "ecosystem");
  name = g_object_get_data (G_OBJECT (dialog), "name");
  version = g_object_get_data (G_OBJECT (dialog), "version");
  message = g_object_get_data (G_OBJECT (dialog), "message");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  /* The drop-down offers the OSV ecosystems the code supports. */
  ecosystems = adw_combo_row_get_model (ecosystem);
  g_assert_cmpuint (g_list_model_get_n_items (ecosystems), ==, g_strv_length ((char **) flaw_dependency_get_ecosystems ()));
  for (guint i = 0; i < g_list_model_get_n_items (ecosystems); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (ecosystems, i);

      if (g_str_equal (gtk_string_object_get_string (item), "npm"))
        npm = i;
    }
  g_assert_cmpuint (npm, !=, G_MAXUINT);
  adw_combo_row_set_selected (ecosystem, npm);

  /* Nothing typed in the version yet: no error shown, Add insensitive. */
  gtk_editable_set_text (name, "lodash");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_false (gtk_widget_get_visible (message));
  gtk_editable_set_text (version, "4.17 .21");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (label_text_contains (message, "Remove the spaces"));
  gtk_editable_set_text (version, "");
  g_assert_true (label_text_contains (message, "lodash needs a version"));
  gtk_editable_set_text (version, "4.17.20");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_false (gtk_widget_get_visible (message));
  respond (dialog, "add");

  FLAW_TEST_WAIT_UNTIL (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)) == 1, 5000);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_cmpstr (component_name (fixture, 0), ==, "lodash");
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "npm · never checked"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM event WHERE entity = 'component' "
                                        "AND field = 'created' AND new_value = 'npm lodash 4.17.20'"), ==, 1);

  /* The same package and version again is refused with a reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "deps.add", NULL));
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "ecosystem"), npm);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "lodash");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "version"), "4.17.20");
  respond (dialog, "add");
  FLAW_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (revealer), 5000);
  g_assert_true (label_text_contains (GTK_WIDGET (revealer), "npm lodash 4.17.20 is already listed"));
  g_assert_cmpuint (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)), ==, 1);

  /* A new version: validated, then never checked again. */
  flaw_deps_view_show_component (fixture->view, find_position (fixture, "lodash"));
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_signal_emit_by_name (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "version_button"), "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  version = g_object_get_data (G_OBJECT (dialog), "version");
  message = g_object_get_data (G_OBJECT (dialog), "message");
  g_assert_cmpstr (gtk_editable_get_text (version), ==, "4.17.20");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "change"));
  gtk_editable_set_text (version, " ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "change"));
  g_assert_true (gtk_widget_get_visible (message));
  gtk_editable_set_text (version, "4.17.21");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "change"));
  g_assert_false (gtk_widget_get_visible (message));
  respond (dialog, "change");
  FLAW_TEST_WAIT_UNTIL (g_strcmp0 (component_version (fixture, 0), "4.17.21") == 0, 5000);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_cmpstr (adw_window_title_get_title (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "details_title")),
                   ==, "lodash 4.17.21");
  g_assert_cmpstr (gtk_label_get_text (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "details_heading")),
                   ==, "lodash 4.17.21");
  g_assert_cmpstr (gtk_label_get_text (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "details_subheading")),
                   ==, "npm · never checked");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM component WHERE version = '4.17.21' "
                                        "AND last_checked IS NULL"), ==, 1);

  /* Removing asks first; Cancel keeps it. */
  g_signal_emit_by_name (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "remove_button"), "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove lodash 4.17.21?");
  respond (dialog, "cancel");
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM component"), ==, 1);

  g_signal_emit_by_name (child (fixture->view, FLAW_TYPE_DEPS_VIEW, "remove_button"), "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  respond (dialog, "remove");
  FLAW_TEST_WAIT_UNTIL (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)) == 0, 5000);
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM event WHERE entity = 'component' "
                                        "AND field = 'deleted' AND old_value = 'npm lodash 4.17.21'"), ==, 1);
}

static gpointer
suppress_job (FlawDatabase  *database,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return flaw_suppression_add (database, "CVE-2021-23337", 0, "Templates never take user input",
                               NOW + 86400, error) != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

/* A suppression that has expired is shown as such, in the list and on the
 * vulnerability. */
static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *vulns_box;

  flaw_store_run (fixture->store, seed_job, NULL, NULL, &error);
  g_assert_no_error (error);
  flaw_store_run (fixture->store, suppress_job, NULL, NULL, &error);
  g_assert_no_error (error);
  flaw_clock_set_fixed (NOW + 2 * 86400);

  present (fixture);
  FLAW_TEST_WAIT_UNTIL (g_list_model_get_n_items (flaw_deps_view_get_model (fixture->view)) == 2, 5000);
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "1 vulnerability"));
  g_assert_true (label_text_contains (GTK_WIDGET (fixture->view), "· suppression expired"));

  flaw_deps_view_show_component (fixture->view, find_position (fixture, "lodash"));
  FLAW_TEST_WAIT_UNTIL (!flaw_deps_view_get_busy (fixture->view), 5000);
  vulns_box = child (fixture->view, FLAW_TYPE_DEPS_VIEW, "vulns_box");
  g_assert_true (label_text_contains (vulns_box, "Suppression expired on 2026-01-02: it counts again."));
  g_assert_nonnull (find_button (vulns_box, "_Suppress…"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/flawdesk/deps-view/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/flawdesk/deps-view/details", Fixture, NULL, fixture_set_up, test_details, fixture_tear_down);
  g_test_add ("/flawdesk/deps-view/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/flawdesk/deps-view/expired", Fixture, NULL, fixture_set_up, test_expired, fixture_tear_down);

  return g_test_run ();
}
