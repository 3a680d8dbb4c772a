/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hearth-partner.h"
#include "hearth-strength.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-welcome.h"
#include "hearth-window.h"

#define PASSPHRASE "lantern orchard violet 42 kettle"

typedef struct
{
  HearthWindow *window;
  char         *base;
  char         *folder;
} Fixture;

static GtkWidget *
find_switch (GtkWidget  *root,
             const char *row_title)
{
  GtkWidget *row = hearth_test_find_row (root, row_title);

  g_assert_nonnull (row);
  return GTK_WIDGET (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

static GtkWidget *
find_required (GtkWidget  *root,
               const char *label)
{
  GtkWidget *widget = hearth_test_find_labelled (root, label);

  if (widget == NULL)
    g_error ("Nothing labelled “%s” found", label);
  return widget;
}

static void
set_row (Fixture    *fixture,
         const char *title,
         const char *text)
{
  GtkWidget *row = hearth_test_find_row (GTK_WIDGET (fixture->window), title);

  if (row == NULL)
    g_error ("No row “%s”", title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_is_visible (widget) && gtk_widget_get_mapped (widget);
}

/* The folder was read (on a worker thread) and the window shows what
 * it found. */
static gboolean
opened (gpointer data)
{
  return g_strcmp0 (hearth_window_get_state (data), "loading") != 0;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->base = g_dir_make_tmp ("hearth-welcome-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->folder = g_build_filename (fixture->base, "Sync", "Our Journal", NULL);

  fixture->window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 720, 900);
  /* The default folder of this test's fresh XDG_DATA_HOME has no journal. */
  hearth_window_open (fixture->window, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hearth_test_wait_until (opened, fixture->window, 10000));
  g_assert_cmpstr (hearth_window_get_state (fixture->window), ==, "welcome");
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hearth_test_wait (50);
  hearth_test_remove_tree (fixture->base);
  g_free (fixture->base);
  g_free (fixture->folder);
}

static void
open_create_form (Fixture *fixture)
{
  GtkWidget *welcome = gtk_widget_get_first_child (GTK_WIDGET (fixture->window));

  g_signal_emit_by_name (find_required (welcome, "_Create a Journal"), "clicked");
  hearth_test_wait (400);
  g_assert_true (gtk_widget_get_visible (find_required (GTK_WIDGET (fixture->window), "_Create Journal")));
}

static void
fill_form (Fixture    *fixture,
           const char *repeat)
{
  set_row (fixture, "Journal _Name", "Our Little Book");
  set_row (fixture, "_Your Name", "Robin");
  set_row (fixture, "Your _Partner’s Name", "Noor");
  set_row (fixture, "P_assphrase", PASSPHRASE);
  set_row (fixture, "_Repeat Passphrase", repeat);
}

static HearthWelcome *
get_welcome (Fixture *fixture)
{
  GtkWidget *widget = hearth_test_find_row (GTK_WIDGET (fixture->window), "_Your Name");

  while (widget != NULL && !HEARTH_IS_WELCOME (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return HEARTH_WELCOME (widget);
}

static void
test_form (Fixture      *fixture,
           gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *create, *mismatch, *strength;

  g_free (hearth_test_screenshot (root, "welcome"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  hearth_test_wait (200);
  g_free (hearth_test_screenshot (root, "welcome-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  open_create_form (fixture);
  create = find_required (root, "_Create Journal");
  mismatch = find_required (root, "The two passphrases are not the same.");
  g_assert_false (gtk_widget_get_sensitive (create));

  /* A repeat that differs by one letter: Create stays off and says why. */
  fill_form (fixture, PASSPHRASE "x");
  hearth_test_wait (100);
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_true (is_shown (mismatch));

  set_row (fixture, "_Repeat Passphrase", PASSPHRASE);
  hearth_test_wait (100);
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_false (gtk_widget_get_visible (mismatch));

  strength = hearth_test_find_row (root, "Strength");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (strength)), ==,
                   hearth_strength_to_string (HEARTH_STRENGTH_STRONG));

  /* A missing name turns Create off again. */
  set_row (fixture, "Your _Partner’s Name", "  ");
  hearth_test_wait (50);
  g_assert_false (gtk_widget_get_sensitive (create));
  set_row (fixture, "Your _Partner’s Name", "Noor");
  set_row (fixture, "P_assphrase", "love1234");
  set_row (fixture, "_Repeat Passphrase", "love1234");
  hearth_test_wait (200);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (strength)), ==,
                   hearth_strength_to_string (HEARTH_STRENGTH_WEAK));
  g_free (hearth_test_screenshot (root, "welcome-create"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  hearth_test_wait (200);
  g_free (hearth_test_screenshot (root, "welcome-create-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Down to 360 px the form still fits, without sideways scrolling. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  hearth_test_wait (400);
  g_assert_cmpint (gtk_widget_get_width (root), <=, 400);
  g_free (hearth_test_screenshot (root, "welcome-create-narrow"));
}

static void
test_no_passphrase (Fixture      *fixture,
                    gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *warning, *create;

  open_create_form (fixture);
  warning = find_required (root, "Without a passphrase, anyone who can open the folder, a copy of it or a backup can read everything you write. Use this only if the folder itself is already protected.");
  create = find_required (root, "_Create Journal");
  set_row (fixture, "_Your Name", "Robin");
  set_row (fixture, "Your _Partner’s Name", "Noor");
  hearth_test_wait (50);
  g_assert_false (is_shown (warning));
  g_assert_false (gtk_widget_get_sensitive (create));

  gtk_switch_set_active (GTK_SWITCH (find_switch (root, "N_o Passphrase")), TRUE);
  hearth_test_wait (200);
  g_assert_true (is_shown (warning));
  g_assert_false (gtk_widget_is_visible (hearth_test_find_row (root, "P_assphrase")));
  g_assert_true (gtk_widget_get_sensitive (create));
  g_free (hearth_test_screenshot (root, "welcome-no-passphrase"));
}

static gboolean
window_is_main (gpointer data)
{
  return g_strcmp0 (hearth_window_get_state (data), "main") == 0;
}

static void
test_create (Fixture      *fixture,
             gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  GListModel      *partners;
  GtkWidget       *create;
  g_autofree char *manifest = g_build_filename (fixture->folder, "hearth-journal.json", NULL);

  open_create_form (fixture);
  hearth_welcome_set_folder (get_welcome (fixture), fixture->folder);
  fill_form (fixture, PASSPHRASE);
  /* The keyring is the end-to-end test's business. */
  gtk_switch_set_active (GTK_SWITCH (find_switch (root, "Re_member on This Computer")), FALSE);
  create = find_required (root, "_Create Journal");
  g_assert_true (gtk_widget_get_sensitive (create));

  g_signal_emit_by_name (create, "clicked");
  /* Busy, not frozen: the form is off and says what happens. */
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_true (gtk_widget_get_visible (find_required (root, "Protecting your journal…")));
  g_assert_false (gtk_widget_get_sensitive (hearth_test_find_row (root, "_Your Name")) &&
                  gtk_widget_is_sensitive (hearth_test_find_row (root, "_Your Name")));
  hearth_test_wait (30);
  g_free (hearth_test_screenshot (root, "welcome-creating"));

  g_assert_true (hearth_test_wait_until (window_is_main, fixture->window, 60000));
  g_assert_true (g_file_test (manifest, G_FILE_TEST_EXISTS));

  journal = hearth_journal_open (fixture->folder, &error);
  g_assert_no_error (error);
  g_assert_true (hearth_journal_is_encrypted (journal));
  hearth_journal_unlock (journal, PASSPHRASE, &error);
  g_assert_no_error (error);
  hearth_journal_load (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_journal_get_name (journal), ==, "Our Little Book");

  partners = hearth_journal_get_model (journal, HEARTH_KIND_PARTNER);
  g_assert_cmpuint (g_list_model_get_n_items (partners), ==, 2);
  {
    g_autoptr(HearthPartner) me = HEARTH_PARTNER (g_object_ref (hearth_journal_get_partner (journal, hearth_journal_get_me (journal))));
    g_autoptr(HearthPartner) other = HEARTH_PARTNER (g_object_ref (hearth_journal_get_partner (journal, hearth_journal_get_partner_id (journal))));

    g_assert_cmpstr (hearth_partner_get_name (me), ==, "Robin");
    g_assert_cmpstr (hearth_partner_get_name (other), ==, "Noor");
    g_assert_cmpstr (hearth_partner_get_color (me), ==, "#e66100");
    g_assert_cmpstr (hearth_partner_get_color (other), ==, "#3584e4");
  }
  /* The journal is in a folder other than the default: remembered. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *saved = g_settings_get_string (settings, "journal-folder");
    g_autofree char *canonical = g_canonicalize_filename (fixture->folder, NULL);

    g_assert_cmpstr (saved, ==, canonical);
    g_settings_reset (settings, "journal-folder");
  }
}

static void
test_strength (void)
{
  g_assert_cmpint (hearth_passphrase_strength (""), ==, HEARTH_STRENGTH_NONE);
  g_assert_cmpint (hearth_passphrase_strength ("sunny"), ==, HEARTH_STRENGTH_WEAK);
  g_assert_cmpint (hearth_passphrase_strength ("password1"), ==, HEARTH_STRENGTH_WEAK);
  g_assert_cmpint (hearth_passphrase_strength ("aaaaaaaaaaaaaaaaaaaa"), ==, HEARTH_STRENGTH_WEAK);
  g_assert_cmpint (hearth_passphrase_strength ("sunflower"), ==, HEARTH_STRENGTH_FAIR);
  g_assert_cmpint (hearth_passphrase_strength ("Password2024!"), ==, HEARTH_STRENGTH_WEAK);
  g_assert_cmpint (hearth_passphrase_strength ("correct horse battery staple"), ==, HEARTH_STRENGTH_STRONG);
  g_assert_cmpint (hearth_passphrase_strength (PASSPHRASE), ==, HEARTH_STRENGTH_STRONG);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("hearth-welcome-data-XXXXXX", NULL);
  g_autofree char *state_home = g_dir_make_tmp ("hearth-welcome-state-XXXXXX", NULL);
  int              result;

  /* A first run: nothing in the default folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  hearth_test_load_app_style ();

  g_test_add_func ("/welcome/strength", test_strength);
  g_test_add ("/welcome/form", Fixture, NULL, fixture_setup, test_form, fixture_teardown);
  g_test_add ("/welcome/no-passphrase", Fixture, NULL, fixture_setup, test_no_passphrase, fixture_teardown);
  g_test_add ("/welcome/create", Fixture, NULL, fixture_setup, test_create, fixture_teardown);

  result = g_test_run ();
  hearth_test_remove_tree (data_home);
  hearth_test_remove_tree (state_home);
  return result;
}
