/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "flaw-clock.h"
#include "flaw-front-door-page.h"
#include "flaw-front-door.h"
#include "flaw-test-utils.h"
#include "flaw-validator-dialog.h"

#define NOW 1767225600  /* 2026-01-01T00:00:00Z */

typedef struct
{
  char              *dir;
  GSettings         *settings;
  FlawStore         *store;
  FlawContext       *context;
  GtkWindow         *window;
  FlawFrontDoorPage *page;
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

  fixture->window = GTK_WINDOW (adw_window_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (fixture->window, 600, 800);
  fixture->page = flaw_front_door_page_new (fixture->context);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)), 5000);
  FLAW_TEST_WAIT_UNTIL (flaw_front_door_page_get_loaded (fixture->page), 5000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
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
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), FLAW_TYPE_FRONT_DOOR_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static void
type (Fixture    *fixture,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, row)), text);
}

static void
choose_day (Fixture *fixture,
            int      year,
            int      month,
            int      day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 12, 0, 0);
  GtkCalendar *calendar = child (fixture, "expires_calendar");

  gtk_calendar_select_day (calendar, date);
  g_signal_emit_by_name (calendar, "day-selected");
}

static gpointer
load_job (FlawDatabase  *database,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return flaw_front_door_load (database, error);
}

static FlawValidatorDialog *
find_validator (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  FlawValidatorDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (FLAW_IS_VALIDATOR_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

/* Editing the fields regenerates the file, which the validator accepts,
 * and the front door is stored. */
static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FlawFrontDoor) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  FlawValidatorDialog *dialog;
  GtkWidget *problem = child (fixture, "problem_label");

  text = flaw_front_door_page_dup_generated_text (fixture->page);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (gtk_widget_get_visible (problem));
  g_clear_pointer (&text, g_free);

  type (fixture, "contacts_row", "mailto:security@example.com, https://example.com/report");
  type (fixture, "policy_row", "https://example.com/security-policy");
  type (fixture, "encryption_row", "https://example.com/pgp-key.txt");
  type (fixture, "acknowledgments_row", "https://example.com/hall-of-fame");
  type (fixture, "canonical_row", "https://example.com/.well-known/security.txt");
  type (fixture, "languages_row", "en, de");
  choose_day (fixture, 2026, 6, 30);

  text = flaw_front_door_page_dup_generated_text (fixture->page);
  g_assert_nonnull (strstr (text, "Contact: mailto:security@example.com\n"));
  g_assert_nonnull (strstr (text, "Contact: https://example.com/report\n"));
  g_assert_nonnull (strstr (text, "Expires: 2026-06-30T23:59:59"));
  g_assert_nonnull (strstr (text, "Preferred-Languages: en, de\n"));
  g_assert_nonnull (strstr (text, "Policy: https://example.com/security-policy\n"));
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_false (gtk_widget_get_visible (child (fixture, "expiry_warning_row")));

  g_signal_emit_by_name (child (fixture, "validate_button"), "clicked");
  FLAW_TEST_WAIT_UNTIL ((dialog = find_validator ()) != NULL, 5000);
  FLAW_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 5000);
  g_assert_cmpuint (flaw_validator_dialog_count_errors (dialog), ==, 0);
  {
    GtkLabel *summary = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog), FLAW_TYPE_VALIDATOR_DIALOG,
                                                                  "summary_label"));

    g_assert_true (g_str_has_prefix (gtk_label_get_text (summary), "No errors"));
  }

  /* A broken file gives errors with their codes. */
  flaw_validator_dialog_check_text (dialog, "Contact: http://example.com\nExpires: yesterday\n");
  g_assert_cmpuint (flaw_validator_dialog_count_errors (dialog), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  FLAW_TEST_WAIT_UNTIL (!flaw_front_door_page_get_saving (fixture->page), 5000);
  stored = flaw_store_run (fixture->store, load_job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->contacts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (stored->contacts, 1), ==, "https://example.com/report");
  g_assert_cmpstr (stored->preferred_languages, ==, "en, de");
}

/* A month before the expiry date the page warns; a bad field is named. */
static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  AdwPreferencesRow *warning = child (fixture, "expiry_warning_row");
  GtkLabel *problem = child (fixture, "problem_label");

  type (fixture, "contacts_row", "mailto:security@example.com");
  choose_day (fixture, 2026, 1, 11);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warning)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (warning), "expires in 10 days"));

  choose_day (fixture, 2026, 9, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (warning)));

  type (fixture, "policy_row", "http://example.com/policy");
  text = flaw_front_door_page_dup_generated_text (fixture->page);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "http://example.com/policy"));
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

  g_test_add ("/flawdesk/front-door-page/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/flawdesk/front-door-page/warnings", Fixture, NULL, fixture_set_up, test_warnings, fixture_tear_down);

  return g_test_run ();
}
