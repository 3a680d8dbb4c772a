/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-backup.h"
#include "hearth-clock.h"
#include "hearth-journal-page.h"
#include "hearth-journal-private.h"
#include "hearth-reminder-service.h"
#include "hearth-session.h"
#include "hearth-test-util.h"
#include "hearth-window.h"

#define PASSPHRASE "quiet river 77 morning"
#define SECRET     "The secret we only tell each other"

/* One journal per process: the window and the reminder service share the
 * session's, and Lock wipes it for both. */

typedef struct
{
  GtkApplication        *app;
  GSettings             *settings;
  HearthSession         *session;
  HearthJournal         *journal;
  HearthWindow          *window;
  HearthReminderService *service;
} Fixture;

static gboolean
is_state (HearthWindow *window,
          const char   *state)
{
  return g_strcmp0 (hearth_window_get_state (window), state) == 0;
}

static gboolean
is_main (gpointer data)
{
  return is_state (data, "main");
}

static gboolean
journal_loaded (gpointer data)
{
  return hearth_journal_is_loaded (data);
}

static gboolean
service_ready (gpointer data)
{
  return hearth_reminder_service_get_state (data) == HEARTH_REMINDER_SERVICE_READY;
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *entry = NULL;
  g_autofree char *note = NULL;

  f->app = gtk_application_new ("io.github.hearthjournal.Hearth.SessionTest", G_APPLICATION_NON_UNIQUE);
  f->settings = g_settings_new (APP_ID);
  f->journal = hearth_test_journal_new (PASSPHRASE);
  entry = hearth_test_add_entry (f->journal, "Our evening", SECRET);
  note = hearth_test_add_gratitude (f->journal, "Thank you for the tea", NULL);
  g_settings_set_string (f->settings, "journal-folder", hearth_journal_get_path (f->journal));

  f->session = hearth_session_new (f->settings);
  f->window = g_object_new (HEARTH_TYPE_WINDOW, "session", f->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  hearth_window_set_journal (f->window, f->journal);
  g_assert_true (hearth_test_wait_until (is_main, f->window, 20000));

  f->service = g_object_new (HEARTH_TYPE_REMINDER_SERVICE,
                             "application", f->app, "session", f->session, NULL);
  hearth_reminder_service_start (f->service);
  g_assert_true (hearth_test_wait_until (service_ready, f->service, 20000));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *path = g_strdup (hearth_journal_get_path (f->journal));
  g_autofree char *base = g_path_get_dirname (path);

  hearth_reminder_service_stop (f->service);
  g_clear_object (&f->service);
  gtk_window_destroy (GTK_WINDOW (f->window));
  hearth_test_wait (50);
  g_clear_object (&f->session);
  g_clear_object (&f->journal);
  g_clear_object (&f->settings);
  g_clear_object (&f->app);
  hearth_test_remove_tree (base);
}

static gboolean
entry_shown (gpointer data)
{
  return hearth_test_find_shown_label (data, "Our evening") != NULL;
}

/* The Journal page, as Alt+2 shows it. */
static void
show_journal_page (HearthWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-page", "i", 1);
  g_assert_true (hearth_test_wait_until (entry_shown, window, 10000));
}

static guint
n_records (HearthJournal *journal)
{
  guint n = 0;

  for (int k = 0; k < HEARTH_N_KINDS; k++)
    n += g_list_model_get_n_items (hearth_journal_get_model (journal, k));
  return n;
}

static void
test_one_journal (Fixture      *f,
                  gconstpointer data)
{
  /* Both parts of the process use the one journal object. */
  g_assert_true (hearth_session_get_journal (f->session) == f->journal);
  g_assert_true (hearth_window_get_journal (f->window) == f->journal);
  g_assert_true (hearth_reminder_service_get_journal (f->service) == f->journal);
  show_journal_page (f->window);
}

static void
test_lock_wipes_everything (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_records (f->journal), >, 0);
  show_journal_page (f->window);
  hearth_window_lock (f->window);

  /* The key and every record are gone, for the whole process. */
  g_assert_true (hearth_journal_is_locked (f->journal));
  g_assert_false (hearth_journal_is_loaded (f->journal));
  g_assert_cmpuint (n_records (f->journal), ==, 0);
  g_assert_null (hearth_journal_get_data_key (f->journal));
  g_assert_true (hearth_reminder_service_get_journal (f->service) == f->journal);
  g_assert_true (is_state (f->window, "unlock"));
  hearth_test_wait (200);
  g_assert_null (hearth_test_find_shown_label (GTK_WIDGET (f->window), "Our evening"));
  g_assert_null (hearth_test_find_labelled (GTK_WIDGET (f->window), SECRET));
  /* Reminders carry on, from what the scheduler kept. */
  g_assert_cmpint (hearth_reminder_service_get_state (f->service), ==, HEARTH_REMINDER_SERVICE_READY);
  /* Locked by the person: nothing unlocks it behind their back. */
  g_assert_true (hearth_session_get_locked_by_hand (f->session));
  hearth_reminder_service_reload (f->service);
  hearth_test_wait (500);
  g_assert_true (hearth_journal_is_locked (f->journal));

  /* The typed passphrase opens it again, for both. */
  g_assert_true (hearth_journal_unlock (f->journal, PASSPHRASE, &error));
  g_assert_no_error (error);
  hearth_window_set_journal (f->window, f->journal);
  g_assert_true (hearth_test_wait_until (is_main, f->window, 20000));
  /* The main view shows once the newest year is in; the rest follows. */
  g_assert_true (hearth_test_wait_until (journal_loaded, f->journal, 20000));
  g_assert_nonnull (hearth_journal_get_data_key (f->journal));
  g_assert_true (hearth_test_wait_until (service_ready, f->service, 20000));
  show_journal_page (f->window);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      if ((found = find_widget (child, type, name)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_entry_titled (HearthJournal *journal,
                  const char    *title,
                  const char    *body)
{
  GListModel *entries = hearth_journal_get_model (journal, HEARTH_KIND_ENTRY);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(HearthRecord) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (hearth_record_get_string (entry, "title"), title) == 0)
        return g_strcmp0 (hearth_record_get_string (entry, "body"), body) == 0;
    }
  return FALSE;
}

/* The Journal page is made the first time it is shown; what is typed in it
 * is still saved when the journal locks. */
static void
test_lock_saves_journal_draft (Fixture      *f,
                               gconstpointer data)
{
  const char *body = "Every word typed before the lock";
  g_autoptr(GError) error = NULL;
  GtkWidget  *page, *view;
  GtkTextIter end;

  g_assert_null (find_widget (GTK_WIDGET (f->window), HEARTH_TYPE_JOURNAL_PAGE, NULL));
  show_journal_page (f->window);
  page = find_widget (GTK_WIDGET (f->window), HEARTH_TYPE_JOURNAL_PAGE, NULL);
  g_assert_nonnull (page);
  gtk_widget_activate_action (page, "journal.new-entry", NULL);
  hearth_test_wait (100);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (page, GTK_TYPE_WIDGET, "title-entry")), "Before the lock");
  view = find_widget (page, GTK_TYPE_TEXT_VIEW, "body-view");
  g_assert_nonnull (view);
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &end);
  gtk_text_buffer_insert (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &end, body, -1);

  hearth_window_lock (f->window);
  g_assert_true (hearth_journal_is_locked (f->journal));

  g_assert_true (hearth_journal_unlock (f->journal, PASSPHRASE, &error));
  g_assert_no_error (error);
  hearth_window_set_journal (f->window, f->journal);
  g_assert_true (hearth_test_wait_until (journal_loaded, f->journal, 20000));
  g_assert_true (has_entry_titled (f->journal, "Before the lock", body));
}

static gboolean
is_dir (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_DIR);
}

/* The local date @days from now, as the backups' folders are named. */
static char *
backup_day (int days)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Moves the clock to just after midnight @days from now. */
static void
go_to_day (int days)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (then), g_date_time_get_month (then),
                                                          g_date_time_get_day_of_month (then), 0, 0, 30);

  hearth_clock_set_now (midnight);
}

/* Asked to, as the application asks at startup, the session backs its
 * journal up: today's backup when it takes the journal, the next one when
 * the date changes, none for a journal it let go of. No window and no
 * reminder service are needed for that. */
static void
test_daily_backup (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(HearthSession) session = hearth_session_new (settings);
  g_autoptr(HearthJournal) journal = hearth_test_journal_new (NULL);
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (journal));
  g_autofree char *journal_base = g_path_get_dirname (hearth_journal_get_path (journal));
  g_autofree char *today = backup_day (0);
  g_autofree char *today_path = g_build_filename (folder, today, NULL);
  g_autofree char *tomorrow = backup_day (1);
  g_autofree char *tomorrow_path = g_build_filename (folder, tomorrow, NULL);
  g_autofree char *after = backup_day (2);
  g_autofree char *after_path = g_build_filename (folder, after, NULL);

  g_assert_false (g_file_test (today_path, G_FILE_TEST_EXISTS));
  hearth_session_keep_daily_backups (session);
  hearth_session_set_journal (session, journal);
  g_assert_true (hearth_test_wait_until (is_dir, today_path, 20000));

  go_to_day (1);
  g_assert_true (hearth_test_wait_until (is_dir, tomorrow_path, 20000));

  /* The clock tells the day at once; the session no longer listens. */
  hearth_session_set_journal (session, NULL);
  go_to_day (1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (g_file_test (after_path, G_FILE_TEST_EXISTS));

  hearth_test_set_clock ();
  g_clear_object (&session);
  g_clear_object (&journal);
  hearth_test_remove_tree (journal_base);
}

/* Today's backup does not read the journal while it is loading, competing
 * with the window for the disk and the cores: it is made once the journal
 * is loaded. */
static void
test_daily_backup_after_load (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(HearthSession) session = hearth_session_new (settings);
  g_autoptr(HearthJournal) created = hearth_test_journal_new (NULL);
  g_autoptr(HearthJournal) journal = NULL;
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (created));
  g_autofree char *journal_base = g_path_get_dirname (hearth_journal_get_path (created));
  g_autofree char *today = backup_day (0);
  g_autofree char *today_path = g_build_filename (folder, today, NULL);
  g_autoptr(GError) error = NULL;

  g_free (hearth_test_add_entry (created, "Before the backup", "Kept in it."));
  journal = hearth_journal_open (hearth_journal_get_path (created), &error);
  g_assert_no_error (error);
  g_assert_false (hearth_journal_is_loaded (journal));

  hearth_session_keep_daily_backups (session);
  hearth_session_set_journal (session, journal);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (g_file_test (today_path, G_FILE_TEST_EXISTS));

  hearth_journal_load (journal, &error);
  g_assert_no_error (error);
  g_assert_true (hearth_test_wait_until (is_dir, today_path, 20000));

  g_clear_object (&session);
  g_clear_object (&journal);
  g_clear_object (&created);
  hearth_test_remove_tree (journal_base);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-session-state-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  g_test_add ("/session/one-journal", Fixture, NULL, fixture_setup, test_one_journal, fixture_teardown);
  g_test_add ("/session/lock-wipes-everything", Fixture, NULL, fixture_setup, test_lock_wipes_everything,
              fixture_teardown);
  g_test_add ("/session/lock-saves-journal-draft", Fixture, NULL, fixture_setup,
              test_lock_saves_journal_draft, fixture_teardown);
  g_test_add_func ("/session/daily-backup", test_daily_backup);
  g_test_add_func ("/session/daily-backup-after-load", test_daily_backup_after_load);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  return result;
}
