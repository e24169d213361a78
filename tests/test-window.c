/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-test-utils.h"
#include "flaw-window.h"

typedef struct
{
  char        *dir;
  GSettings   *settings;
  FlawStore   *store;
  FlawContext *context;
  FlawWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = flaw_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "flawdesk.db", NULL);

  fixture->settings = g_settings_new (APP_ID);
  fixture->store = flaw_store_new (path);
  g_assert_true (flaw_store_open (fixture->store, NULL, &error));
  g_assert_no_error (error);
  fixture->context = flaw_context_new (fixture->store, fixture->settings);
}

static void
present (Fixture *fixture)
{
  gboolean painted = FALSE;

  fixture->window = flaw_window_new (NULL, fixture->context);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)), 5000);
  (void) painted;
}

static void
close_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  gtk_window_close (GTK_WINDOW (fixture->window));
  FLAW_TEST_WAIT_UNTIL (fixture->window == NULL, 5000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  flaw_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
  g_settings_reset (fixture->settings, "window-maximized");
  g_settings_reset (fixture->settings, "current-page");
  g_clear_object (&fixture->settings);
  flaw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_opens (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *status;

  present (fixture);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Flawdesk");
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "register");
  g_assert_true (flaw_window_get_context (fixture->window) == fixture->context);

  /* Narrow windows are supported down to 360 px. */
  {
    int min_width = 0;

    gtk_widget_get_size_request (GTK_WIDGET (fixture->window), &min_width, NULL);
    g_assert_cmpint (min_width, ==, 360);
  }

  status = gtk_widget_get_first_child (GTK_WIDGET (fixture->window));
  g_assert_nonnull (status);
}

static void
test_switch_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  present (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "inbox"));
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "inbox");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "assessment"));
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "assessment");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "register"));
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "register");
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *preferences;
  g_autofree char *actor = NULL;

  present (fixture);

  preferences = flaw_window_show_preferences (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)), 5000);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->window));

  /* Settings reach the widgets and back. */
  g_settings_set_string (fixture->settings, "display-name", "Ada Lovelace");
  actor = flaw_context_dup_actor (fixture->context);
  g_assert_cmpstr (actor, ==, "Ada Lovelace");

  gtk_window_close (preferences);
  FLAW_TEST_WAIT_UNTIL (preferences == NULL, 5000);
  g_settings_reset (fixture->settings, "display-name");
}

static GtkWidget *
find_entry_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child))
        return child;
      if ((found = find_entry_row (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_preferences_widgets (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWindow *preferences;
  GtkWidget *row;
  g_autofree char *name = NULL;

  present (fixture);

  preferences = flaw_window_show_preferences (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)), 5000);

  row = find_entry_row (GTK_WIDGET (preferences));
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Grace Hopper");
  name = g_settings_get_string (fixture->settings, "display-name");
  g_assert_cmpstr (name, ==, "Grace Hopper");

  gtk_window_close (preferences);
  FLAW_TEST_WAIT_UNTIL (preferences == NULL, 5000);
  g_settings_reset (fixture->settings, "display-name");
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWindow *about;

  present (fixture);

  about = flaw_window_show_about (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (about), (gpointer *) &about);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (about)), 5000);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_BUGREPORT);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);

  gtk_window_close (about);
  FLAW_TEST_WAIT_UNTIL (about == NULL, 5000);
}

static void
test_restores_state (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *page = NULL;
  int width = 0, height = 0;

  g_settings_set_int (fixture->settings, "window-width", 820);
  g_settings_set_int (fixture->settings, "window-height", 610);
  g_settings_set_string (fixture->settings, "current-page", "inbox");

  present (fixture);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "inbox");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 480);
  flaw_window_set_page (fixture->window, "assessment");
  close_window (fixture);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 480);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  page = g_settings_get_string (fixture->settings, "current-page");
  g_assert_cmpstr (page, ==, "assessment");

  present (fixture);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 480);
  g_assert_cmpstr (flaw_window_get_page (fixture->window), ==, "assessment");
}

static void
test_database_error (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (FLAW_DATABASE_ERROR, FLAW_DATABASE_ERROR_CORRUPT,
                                                 "The database is damaged.");
  AdwMessageDialog *dialog;

  present (fixture);

  dialog = flaw_window_show_database_error (fixture->window, error);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 5000);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the Database");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The database is damaged."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), flaw_store_get_path (fixture->store)));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));

  adw_message_dialog_response (dialog, "quit");
  FLAW_TEST_WAIT_UNTIL (fixture->window == NULL, 5000);
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/flawdesk/window/opens", test_opens);
  ADD ("/flawdesk/window/switch-pages", test_switch_pages);
  ADD ("/flawdesk/window/preferences", test_preferences);
  ADD ("/flawdesk/window/preferences-widgets", test_preferences_widgets);
  ADD ("/flawdesk/window/about", test_about);
  ADD ("/flawdesk/window/restores-state", test_restores_state);
  ADD ("/flawdesk/window/database-error", test_database_error);

#undef ADD

  return g_test_run ();
}
