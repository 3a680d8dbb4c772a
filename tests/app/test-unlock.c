/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-keyring.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-unlock-page.h"
#include "hearth-window.h"

#define PASSPHRASE "quiet river 77 morning"
#define WRONG      "quiet river 77 mourning"

typedef struct
{
  HearthJournal *created;
  HearthJournal *journal; /* the same folder, opened locked */
  HearthWindow  *window;
} Fixture;

static gboolean
state_is (HearthWindow *window,
          const char   *state)
{
  return g_strcmp0 (hearth_window_get_state (window), state) == 0;
}

static gboolean
is_unlock (gpointer data)
{
  return state_is (data, "unlock");
}

static gboolean
is_main (gpointer data)
{
  return state_is (data, "main");
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *remember;

  fixture->created = hearth_test_journal_new (PASSPHRASE);
  fixture->journal = hearth_journal_open (hearth_journal_get_path (fixture->created), &error);
  g_assert_no_error (error);
  g_assert_true (hearth_journal_is_locked (fixture->journal));

  fixture->window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 720, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));
  hearth_window_set_journal (fixture->window, fixture->journal);
  /* Nothing in the keyring for this journal: the passphrase page. */
  g_assert_true (hearth_test_wait_until (is_unlock, fixture->window, 10000));
  hearth_test_wait (300);

  remember = hearth_test_find_row (GTK_WIDGET (fixture->window), "_Remember on This Computer");
  g_assert_nonnull (remember);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (remember))), FALSE);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hearth_test_wait (50);
  g_clear_object (&fixture->journal);
  g_clear_object (&fixture->created);
}

static gboolean
wrong_passphrase_shown (gpointer data)
{
  GtkWidget *label = hearth_test_find_labelled (data, "Wrong passphrase. Check it and try again.");

  return label != NULL && gtk_widget_get_visible (label) && gtk_widget_get_mapped (label);
}

static void
test_wrong (Fixture      *fixture,
            gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *entry = hearth_test_find_row (root, "_Passphrase");
  GtkWidget *button = hearth_test_find_labelled (root, "_Unlock");
  int        start = -1, end = -1;

  g_assert_nonnull (entry);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_free (hearth_test_screenshot (root, "unlock"));

  gtk_editable_set_text (GTK_EDITABLE (entry), WRONG);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* Enter in the entry is the same as the button. */
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_false (gtk_widget_get_sensitive (button));

  g_assert_true (hearth_test_wait_until (wrong_passphrase_shown, root, 30000));
  g_assert_true (hearth_journal_is_locked (fixture->journal));
  g_assert_true (state_is (fixture->window, "unlock"));

  /* What was typed stays, selected, to type over. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, WRONG);
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen (WRONG, -1));

  hearth_test_wait (100);
  g_free (hearth_test_screenshot (root, "unlock-wrong"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  hearth_test_wait (200);
  g_free (hearth_test_screenshot (root, "unlock-wrong-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  hearth_test_wait (400);
  g_free (hearth_test_screenshot (root, "unlock-narrow"));

  /* The right one unlocks, loads and shows the journal. */
  gtk_editable_set_text (GTK_EDITABLE (entry), PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hearth_test_wait_until (is_main, fixture->window, 30000));
  g_assert_false (hearth_journal_is_locked (fixture->journal));
  g_assert_true (hearth_journal_is_loaded (fixture->journal));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
count_emission (guint *count)
{
  (*count)++;
}

static void
test_lock_again (Fixture      *fixture,
                 gconstpointer data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *entry = hearth_test_find_row (root, "_Passphrase");
  guint      emitted = 0;

  gtk_editable_set_text (GTK_EDITABLE (entry), PASSPHRASE);
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (hearth_test_wait_until (is_main, fixture->window, 30000));
  g_assert_true (hearth_window_can_lock (fixture->window));

  g_signal_connect_swapped (fixture->window, "lock-requested", G_CALLBACK (count_emission), &emitted);
  gtk_widget_activate_action (root, "win.lock", NULL);
  g_assert_cmpuint (emitted, ==, 1);
  g_assert_true (hearth_journal_is_locked (fixture->journal));
  g_assert_true (state_is (fixture->window, "unlock"));
  g_assert_false (hearth_window_can_lock (fixture->window));

  /* Locked means locked: the passphrase has to be typed again. */
  hearth_test_wait (500);
  g_assert_true (state_is (fixture->window, "unlock"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static GtkWidget *
state_page (HearthWindow *window,
            const char   *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), HEARTH_TYPE_WINDOW,
                                                              "state_stack"));

  return gtk_stack_get_child_by_name (stack, name);
}

/* With the passphrase remembered, the window goes straight to the journal
 * and never makes the welcome, unlock or join pages. Locking makes the
 * unlock page then: it shows its controls by name, and the passphrase
 * typed there opens the journal again. */
static void
test_made_when_first_shown (void)
{
  g_autoptr(HearthJournal) created = hearth_test_journal_new (PASSPHRASE);
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  HearthWindow *window;
  GtkWidget    *root, *entry, *button;

  journal = hearth_journal_open (hearth_journal_get_path (created), &error);
  g_assert_no_error (error);
  hearth_keyring_store_sync (hearth_journal_get_id (journal), PASSPHRASE, NULL, &error);
  g_assert_no_error (error);

  window = g_object_new (HEARTH_TYPE_WINDOW, NULL);
  root = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  gtk_window_present (GTK_WINDOW (window));
  hearth_window_set_journal (window, journal);
  g_assert_true (hearth_test_wait_until (is_main, window, 30000));
  g_assert_true (hearth_journal_is_loaded (journal));
  g_assert_null (state_page (window, "welcome"));
  g_assert_null (state_page (window, "unlock"));
  g_assert_null (state_page (window, "join"));

  gtk_widget_activate_action (root, "win.lock", NULL);
  g_assert_true (state_is (window, "unlock"));
  g_assert_nonnull (state_page (window, "unlock"));
  hearth_test_wait (300);
  entry = hearth_test_find_row (root, "_Passphrase");
  button = hearth_test_find_labelled (root, "_Unlock");
  g_assert_nonnull (entry);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_nonnull (hearth_test_find_row (root, "_Remember on This Computer"));
  g_free (hearth_test_screenshot (root, "unlock-made-on-lock"));

  gtk_editable_set_text (GTK_EDITABLE (entry), PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hearth_test_wait_until (is_main, window, 30000));
  g_assert_false (hearth_journal_is_locked (journal));

  hearth_keyring_clear_sync (hearth_journal_get_id (journal), NULL, &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-unlock-state-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  hearth_test_load_app_style ();

  g_test_add ("/unlock/wrong-then-right", Fixture, NULL, fixture_setup, test_wrong, fixture_teardown);
  g_test_add ("/unlock/lock-again", Fixture, NULL, fixture_setup, test_lock_again, fixture_teardown);
  g_test_add_func ("/unlock/made-when-first-shown", test_made_when_first_shown);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  return result;
}
