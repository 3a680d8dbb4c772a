/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-partner.h"
#include "hearth-partners-page.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"

typedef HearthTestPage Fixture;

/* Everything in @root a person could change. */
static guint
count_editable (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EDITABLE (child) && gtk_editable_get_editable (GTK_EDITABLE (child)))
        n++;
      else if (GTK_IS_TEXT_VIEW (child) && gtk_text_view_get_editable (GTK_TEXT_VIEW (child)))
        n++;
      else if (GTK_IS_BUTTON (child) || GTK_IS_CHECK_BUTTON (child) || GTK_IS_COLOR_BUTTON (child) ||
               GTK_IS_MENU_BUTTON (child) || GTK_IS_SWITCH (child) || GTK_IS_DROP_DOWN (child))
        n++;
      n += count_editable (child);
    }
  return n;
}

static GtkWidget *
language_row (Fixture    *fixture,
              const char *title)
{
  GtkWidget *label = hearth_test_find_labelled (fixture->page, title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
}

static void
tick (Fixture    *fixture,
      const char *title)
{
  GtkWidget *check = hearth_test_find_type (language_row (fixture, title), GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static void
click (Fixture    *fixture,
       const char *tooltip)
{
  GtkWidget *button = hearth_test_find_labelled (fixture->page, tooltip);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static char *
saved_languages (HearthJournal *journal)
{
  HearthRecord *me = hearth_journal_lookup (journal, hearth_journal_get_me (journal));
  g_auto(GStrv) chosen = hearth_partner_dup_emotional_languages (HEARTH_PARTNER (me));

  return chosen ? g_strjoinv (",", chosen) : g_strdup ("");
}

static void
fixture_show (Fixture *fixture,
              int      width)
{
  hearth_test_page_show (fixture, hearth_partners_page_new, width, 900);
}

static void
test_reorder (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char *order = NULL;
  g_autoptr(HearthJournal) reread = NULL;
  g_autoptr(GError) error = NULL;

  fixture_show (fixture, 1000);

  tick (fixture, "Quality time");
  tick (fixture, "Words of affirmation");
  tick (fixture, "Gifts");
  order = saved_languages (fixture->journal);
  g_assert_cmpstr (order, ==, "time,words,gifts");

  click (fixture, "Move Gifts up");
  g_free (order);
  order = saved_languages (fixture->journal);
  g_assert_cmpstr (order, ==, "time,gifts,words");

  click (fixture, "Move Quality time down");
  g_free (order);
  order = saved_languages (fixture->journal);
  g_assert_cmpstr (order, ==, "gifts,time,words");

  /* The top one cannot go higher; an unticked one has nothing to move. */
  g_assert_false (gtk_widget_get_sensitive (hearth_test_find_labelled (fixture->page, "Move Gifts up")));
  g_assert_false (gtk_widget_get_visible (hearth_test_find_labelled (fixture->page, "Move Physical touch up")));

  /* What is on disk, read by a fresh journal object. */
  hearth_test_wait_for_writes (fixture->journal);
  reread = hearth_journal_open (hearth_journal_get_path (fixture->journal), &error);
  g_assert_no_error (error);
  hearth_journal_load (reread, &error);
  g_assert_no_error (error);
  {
    HearthRecord *me = hearth_journal_lookup (reread, hearth_journal_get_me (fixture->journal));
    g_auto(GStrv) chosen = hearth_partner_dup_emotional_languages (HEARTH_PARTNER (me));
    g_autofree char *joined = g_strjoinv (",", chosen);

    g_assert_cmpstr (joined, ==, "gifts,time,words");
  }

  /* Unticking takes it out of the list, the others keep their order. */
  {
    GtkWidget *check = hearth_test_find_type (language_row (fixture, "Quality time"), GTK_TYPE_CHECK_BUTTON);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  }
  g_free (order);
  order = saved_languages (fixture->journal);
  g_assert_cmpstr (order, ==, "gifts,words");

  hearth_test_snap (fixture->window, "partners-page");
  hearth_test_set_dark (TRUE);
  hearth_test_snap (fixture->window, "partners-page-dark");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 900);
  hearth_test_wait (300);
  hearth_test_snap (fixture->window, "partners-page-narrow-dark");
  hearth_test_set_dark (FALSE);
  hearth_test_snap (fixture->window, "partners-page-narrow");
}

static void
test_partner_read_only (Fixture      *fixture,
                        gconstpointer data)
{
  const char *sam_id = hearth_journal_get_partner_id (fixture->journal);
  g_autoptr(HearthRecord) sam = hearth_record_copy (hearth_journal_get_partner (fixture->journal, sam_id));
  const char *sam_languages[] = { "touch", "words", NULL };
  g_autoptr(GError) error = NULL;
  GtkWidget *heading, *column, *list, *row;

  fixture_show (fixture, 1000);

  /* Nothing chosen yet: nothing to move. */
  g_assert_false (gtk_widget_get_visible (hearth_test_find_labelled (fixture->page, "Move Gifts up")));

  heading = hearth_test_find_labelled (fixture->page, "What helps Sam feel cared for");
  g_assert_nonnull (heading);
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Sam has not chosen any yet."));

  /* Sam fills in their profile on their own laptop. */
  hearth_record_set_strv (sam, "emotional_languages", sam_languages);
  hearth_record_set_string (sam, "about", "Long walks help me think. Tea fixes most things.");
  hearth_journal_save (fixture->journal, sam, &error);
  g_assert_no_error (error);
  hearth_test_wait (100);

  column = gtk_widget_get_parent (gtk_widget_get_parent (heading));
  g_assert_nonnull (hearth_test_find_labelled (column, "Long walks help me think. Tea fixes most things."));
  list = hearth_test_find_type (column, GTK_TYPE_LIST_BOX);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Physical touch");
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Words of affirmation");
  g_assert_null (gtk_widget_get_next_sibling (row));

  /* Nothing in Sam's column can be changed from here; everything in mine can. */
  g_assert_cmpuint (count_editable (column), ==, 0);
  g_assert_cmpuint (count_editable (fixture->page), >, 10);

  hearth_test_snap (fixture->window, "partners-page-partner");
}

static gboolean
about_saved (gpointer data)
{
  HearthJournal *journal = data;
  HearthRecord  *me = hearth_journal_lookup (journal, hearth_journal_get_me (journal));

  return g_strcmp0 (hearth_partner_get_about (HEARTH_PARTNER (me)), "I need quiet after work.") == 0;
}

static void
test_about_autosave (Fixture      *fixture,
                     gconstpointer data)
{
  GtkWidget     *view;
  GtkTextBuffer *buffer;
  HearthRecord  *me;

  fixture_show (fixture, 1000);

  view = hearth_test_find_type (fixture->page, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* Saved a moment after typing stops. */
  gtk_text_buffer_set_text (buffer, "I need quiet after work.", -1);
  g_assert_true (hearth_test_wait_until (about_saved, fixture->journal, 3000));

  /* A flush (the page's window closing, the journal locking) saves at
   * once, without waiting; hiding the page alone writes nothing. */
  gtk_text_buffer_set_text (buffer, "I need quiet after work. And a hug.", -1);
  gtk_widget_set_visible (fixture->page, FALSE);
  g_assert_true (about_saved (fixture->journal));
  hearth_partners_page_flush (HEARTH_PARTNERS_PAGE (fixture->page));
  me = hearth_journal_lookup (fixture->journal, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_partner_get_about (HEARTH_PARTNER (me)), ==, "I need quiet after work. And a hug.");
}

static void
test_name (Fixture      *fixture,
           gconstpointer data)
{
  GtkWidget    *title, *row;
  HearthRecord *me;

  fixture_show (fixture, 1000);

  title = hearth_test_find_labelled (fixture->page, "Name");
  row = gtk_widget_get_ancestor (title, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Alex");
  gtk_editable_set_text (GTK_EDITABLE (row), "Alexandra");
  g_signal_emit_by_name (row, "apply");

  me = hearth_journal_lookup (fixture->journal, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_partner_get_name (HEARTH_PARTNER (me)), ==, "Alexandra");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  hearth_test_load_app_style ();

  g_test_add ("/partners-page/reorder", Fixture, NULL, hearth_test_page_set_up, test_reorder, hearth_test_page_tear_down);
  g_test_add ("/partners-page/partner-read-only", Fixture, NULL, hearth_test_page_set_up, test_partner_read_only, hearth_test_page_tear_down);
  g_test_add ("/partners-page/about-autosave", Fixture, NULL, hearth_test_page_set_up, test_about_autosave, hearth_test_page_tear_down);
  g_test_add ("/partners-page/name", Fixture, NULL, hearth_test_page_set_up, test_name, hearth_test_page_tear_down);

  return g_test_run ();
}
