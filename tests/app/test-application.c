/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-application.h"
#include "hearth-checkins-page.h"
#include "hearth-test-util.h"
#include "hearth-text.h"
#include "hearth-window.h"

/* A reminder's "Start Check-in" button, as the notification sends it: the
 * application's app.start-checkin with the check-in ritual's id. The
 * application's window comes up on the Check-ins page with the check-in
 * open, whether the window was not open at all or showing another page. */

typedef struct
{
  HearthJournal     *journal;
  GSettings         *settings;
  HearthApplication *app;
  char              *ritual_id;
} Fixture;

static char *
add_checkin_ritual (HearthJournal *journal)
{
  g_autoptr(HearthRecord) ritual = hearth_journal_new_record (journal, "ritual", NULL);
  g_autofree char *start = hearth_date_today ();
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (ritual, "title", "The weekly check-in");
  hearth_record_set_string (ritual, "type", "checkin");
  hearth_record_set_string (ritual, "recurrence", "FREQ=WEEKLY;BYDAY=SU");
  hearth_record_set_string (ritual, "start", start);
  hearth_record_set_string (ritual, "time", "19:00");
  hearth_journal_save (journal, ritual, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (ritual));
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->journal = hearth_test_journal_new (NULL);
  f->ritual_id = add_checkin_ritual (f->journal);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "journal-folder", hearth_journal_get_path (f->journal));

  f->app = hearth_application_new ();
  /* The tests of other units may hold the name on this bus meanwhile. */
  g_application_set_flags (G_APPLICATION (f->app),
                           g_application_get_flags (G_APPLICATION (f->app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *base = g_path_get_dirname (hearth_journal_get_path (f->journal));
  GList           *windows;

  hearth_reminder_service_stop (hearth_application_get_reminders (f->app));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  hearth_test_wait (50);
  /* Registered, the application stays exported on the bus until the
   * process ends; hence one test, and no check that it is finalized. */
  g_clear_object (&f->app);
  g_clear_object (&f->settings);
  g_clear_object (&f->journal);
  g_free (f->ritual_id);
  hearth_test_remove_tree (base);
}

static HearthWindow *
app_window (Fixture *f)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (HEARTH_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static HearthCheckinsPage *
checkins_page (HearthWindow *window)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), HEARTH_TYPE_WINDOW,
                                                                "view_stack"));
  GtkWidget *page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "checkins");

  g_assert_nonnull (page);
  return HEARTH_IS_CHECKINS_PAGE (gtk_widget_get_first_child (page))
           ? HEARTH_CHECKINS_PAGE (gtk_widget_get_first_child (page))
           : NULL;
}

static const char *
visible_page (HearthWindow *window)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), HEARTH_TYPE_WINDOW,
                                                                "view_stack"));

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* The window is up, on the Check-ins page, and the check-in's first step
 * shows: what a person sees after pressing the button. */
static gboolean
checkin_shown (gpointer data)
{
  Fixture            *f = data;
  HearthWindow       *window = app_window (f);
  HearthCheckinsPage *page;
  HearthCheckinFlow  *flow;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;
  if (g_strcmp0 (visible_page (window), "checkins") != 0 || (page = checkins_page (window)) == NULL)
    return FALSE;
  flow = hearth_checkins_page_get_flow (page);
  return flow != NULL && gtk_widget_get_mapped (GTK_WIDGET (flow)) &&
         g_strcmp0 (hearth_checkin_flow_get_step (flow), "intro") == 0 &&
         hearth_test_find_shown_label (GTK_WIDGET (window), "Put Your Phones Away") != NULL;
}

/* The reminder service has taken up the window's journal. */
static gboolean
reminders_share_journal (gpointer data)
{
  Fixture      *f = data;
  HearthWindow *window = app_window (f);

  return window != NULL && hearth_window_get_journal (window) != NULL &&
         hearth_reminder_service_get_journal (hearth_application_get_reminders (f->app)) ==
           hearth_window_get_journal (window);
}

static void
start_checkin (Fixture *f)
{
  /* What GNotification's button runs: the app action with its target. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "start-checkin", g_variant_new_string (f->ritual_id));
}

/* First only the reminders run (no window, as with --background): the
 * button opens the window, which shows the check-in once the journal is
 * open. Then, with the window open on another page, the button brings it
 * back to the check-in. */
static void
test_start_checkin (Fixture      *f,
                    gconstpointer data)
{
  HearthWindow *window;

  g_assert_null (app_window (f));
  start_checkin (f);
  window = app_window (f);
  g_assert_nonnull (window);
  g_assert_true (hearth_test_wait_until (checkin_shown, f, 20000));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == GTK_WINDOW (window));
  hearth_test_snap (GTK_WIDGET (window), "start-checkin-from-reminder");
  /* The window and the reminders work with the process's one journal:
   * not a second copy of it, read and held twice. */
  g_assert_true (hearth_window_get_journal (window) ==
                 hearth_session_get_journal (hearth_application_get_session (f->app)));
  g_assert_true (hearth_test_wait_until (reminders_share_journal, f, 20000));

  /* Put aside, the check-in is kept; the person goes to another page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-page", "i", 0);
  g_assert_cmpstr (visible_page (window), !=, "checkins");
  g_assert_false (checkin_shown (f));

  start_checkin (f);
  g_assert_true (hearth_test_wait_until (checkin_shown, f, 20000));
  g_assert_true (app_window (f) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("hearth-application-state-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();

  g_test_add ("/application/start-checkin", Fixture, NULL, fixture_set_up, test_start_checkin, fixture_tear_down);

  result = g_test_run ();
  hearth_test_remove_tree (state_home);
  return result;
}
