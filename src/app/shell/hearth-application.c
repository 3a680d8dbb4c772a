/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "hearth-application.h"
#include "hearth-clock.h"
#include "hearth-session.h"
#include "hearth-settings.h"
#include "hearth-reminder-service.h"
#include "hearth-window.h"

/* How often the idle time is compared with auto-lock-minutes. */
#define IDLE_CHECK_SECONDS 15

/* With a window, the reminder service starts once the journal has loaded,
 * or this long after the window opened when it does not (left locked, no
 * journal yet): not while the window waits for its newest entries. */
#define REMINDERS_DELAY_SECONDS 5

struct _HearthApplication
{
  AdwApplication parent_instance;

  /* TRUE once --background has taken its hold; the hold keeps the
   * reminder service alive while no window is open. */
  gboolean background_held;

  /* NULL without the schema (see hearth_settings_new()). */
  GSettings             *settings;
  /* Wall-clock time of the last key or pointer input in any window: it
   * keeps running through suspend, so a laptop that slept for an hour
   * wakes up locked. */
  gint64                 last_input;
  guint                  idle_check_id;
  /* The journal of the process, for every window and the reminders. */
  HearthSession         *session;
  /* Delivers reminders, with or without a window. */
  HearthReminderService *reminders;
  /* The start of the reminders put off until the window's journal is in. */
  guint                  reminders_delay_id;
  gulong                 reminders_journal_id;
  HearthJournal         *reminders_waiting_on; /* whose notify::loaded is watched */
  gulong                 reminders_loaded_id;
  /* SIGTERM and SIGINT, as at logout. */
  guint                  sigterm_id;
  guint                  sigint_id;
  /* The printer and paper last printed with, offered again next time. */
  GtkPrintSettings      *print_settings;
};

G_DEFINE_FINAL_TYPE (HearthApplication, hearth_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_ ("Run only the reminder service, without opening a window"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_ ("Show the version and exit"), NULL },
  { NULL }
};

static void
hearth_application_quit (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Close the windows first so each one saves its state in close-request,
   * then quit even if --background holds the application. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  if (self->session != NULL)
    hearth_session_flush (self->session);

  g_application_quit (G_APPLICATION (self));
}

static void
hearth_application_about (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  static const char *developers[] = { "The Hearth developers", NULL };
  GtkWindow         *parent;
  AdwAboutWindow    *about;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _ ("Hearth"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_comments (about, _ ("A private journal for couples"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _ ("The Hearth developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_website (about, "https://github.com/hearthjournal/hearth");
  adw_about_window_set_issue_url (about, "https://github.com/hearthjournal/hearth/issues");
  adw_about_window_set_copyright (about, "© 2026 The Hearth developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace "translator-credits" with your names, one name per line. */
  adw_about_window_set_translator_credits (about, _ ("translator-credits"));

  gtk_window_present (GTK_WINDOW (about));
}

static void
hearth_application_help (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  GtkWindow         *parent;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_show_uri (parent, "help:hearth", GDK_CURRENT_TIME);
}

static void
hearth_application_lock (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);

  hearth_session_lock (self->session);
}

/* At logout: quit like Quit does, so windows save and the scheduler
 * records its last look. From the start, before the reminders run. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", hearth_application_quit },
  { "about", hearth_application_about },
  { "help", hearth_application_help },
  { "lock", hearth_application_lock },
};

/* ------------------------------------------------------------------------ */
/* Locking after idle                                                        */

static gboolean
hearth_application_check_idle (gpointer user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  guint              minutes;
  gint64             now = hearth_clock_get_real_time ();

  if (self->settings == NULL)
    return G_SOURCE_CONTINUE;
  minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  /* A clock set back would otherwise never lock again. */
  if (now < self->last_input)
    self->last_input = now;
  if (minutes == 0 || now - self->last_input < (gint64) minutes * 60 * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HEARTH_IS_WINDOW (l->data) && hearth_window_can_lock (l->data))
      {
        g_debug ("Locking after %u idle minutes", minutes);
        hearth_session_lock (self->session);
        break;
      }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_window_input (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 HearthApplication        *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_input = hearth_clock_get_real_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Every window of the app counts as use: typing in Preferences is not idle. */
static void
hearth_application_window_added (GtkApplication *application,
                                 GtkWindow      *window)
{
  HearthApplication  *self = HEARTH_APPLICATION (application);
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  GTK_APPLICATION_CLASS (hearth_application_parent_class)->window_added (application, window);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "hearth-idle");
  g_signal_connect_object (controller, "event", G_CALLBACK (on_window_input), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  self->last_input = hearth_clock_get_real_time ();

  if (self->idle_check_id == 0)
    self->idle_check_id = g_timeout_add_seconds (IDLE_CHECK_SECONDS,
                                                 hearth_application_check_idle, self);
}

static void
hearth_application_window_removed (GtkApplication *application,
                                   GtkWindow      *window)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  GTK_APPLICATION_CLASS (hearth_application_parent_class)->window_removed (application, window);

  if (gtk_application_get_windows (application) == NULL)
    g_clear_handle_id (&self->idle_check_id, g_source_remove);
}

/* ------------------------------------------------------------------------ */
/* Starting the reminders                                                    */

static void
stop_waiting_for_journal (HearthApplication *self)
{
  g_clear_handle_id (&self->reminders_delay_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->reminders_journal_id, self->session);
  if (self->reminders_waiting_on != NULL)
    g_clear_signal_handler (&self->reminders_loaded_id, self->reminders_waiting_on);
  g_clear_object (&self->reminders_waiting_on);
}

static void
start_reminders (HearthApplication *self)
{
  stop_waiting_for_journal (self);
  hearth_reminder_service_start (self->reminders);
}

static gboolean
on_reminders_delay (gpointer user_data)
{
  HearthApplication *self = user_data;

  self->reminders_delay_id = 0;
  start_reminders (self);
  return G_SOURCE_REMOVE;
}

/* Once the load is over and whoever waited for it has taken it in. */
static void
start_reminders_soon (HearthApplication *self)
{
  g_clear_handle_id (&self->reminders_delay_id, g_source_remove);
  self->reminders_delay_id = g_idle_add_full (G_PRIORITY_LOW, on_reminders_delay, self, NULL);
}

static void
on_journal_loaded_for_reminders (HearthApplication *self,
                                 GParamSpec        *pspec,
                                 HearthJournal     *journal)
{
  if (hearth_journal_is_loaded (journal))
    start_reminders_soon (self);
}

/* Watches the session's journal, whichever it is now, for its load. */
static void
on_session_journal_for_reminders (HearthApplication *self)
{
  HearthJournal *journal = hearth_session_get_journal (self->session);

  if (self->reminders_waiting_on != NULL)
    g_clear_signal_handler (&self->reminders_loaded_id, self->reminders_waiting_on);
  g_clear_object (&self->reminders_waiting_on);
  if (journal == NULL)
    return;
  if (hearth_journal_is_loaded (journal))
    {
      start_reminders_soon (self);
      return;
    }
  self->reminders_waiting_on = g_object_ref (journal);
  self->reminders_loaded_id = g_signal_connect_swapped (journal, "notify::loaded",
                                                        G_CALLBACK (on_journal_loaded_for_reminders), self);
}

/* The window opens the journal, unlocks and loads it; the reminder service
 * would do the same beside it (another key derivation, its scheduler, the
 * login entry) while the first frame with the newest entries is still to
 * be drawn. It starts once the journal is in instead. */
static void
start_reminders_after_window (HearthApplication *self)
{
  if (hearth_reminder_service_is_running (self->reminders) || self->reminders_delay_id != 0 ||
      self->reminders_journal_id != 0)
    return;
  self->reminders_journal_id = g_signal_connect_swapped (self->session, "notify::journal",
                                                         G_CALLBACK (on_session_journal_for_reminders), self);
  self->reminders_delay_id = g_timeout_add_seconds (REMINDERS_DELAY_SECONDS, on_reminders_delay, self);
  on_session_journal_for_reminders (self);
}

static gint
hearth_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("hearth %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (hearth_application_parent_class)->handle_local_options (application, options);
}

static int
hearth_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  HearthApplication *self = HEARTH_APPLICATION (application);
  GVariantDict      *options;

  options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "background"))
    {
      if (!self->background_held)
        {
          self->background_held = TRUE;
          g_application_hold (application);
        }
      start_reminders (self);
      return EXIT_SUCCESS;
    }

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
hearth_application_activate (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);
  GtkWindow         *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (hearth_window_new (self));
      /* The folder from the settings; the window leads from there. */
      hearth_window_open (HEARTH_WINDOW (window), NULL);
      gtk_window_present (window);
      start_reminders_after_window (self);
      return;
    }

  gtk_window_present (window);
  start_reminders (self);
}

static void
hearth_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  GtkApplication    *gtk_application = GTK_APPLICATION (application);
  HearthApplication *self = HEARTH_APPLICATION (application);

  G_APPLICATION_CLASS (hearth_application_parent_class)->startup (application);

  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, self);
  self->settings = hearth_settings_new ();
  self->session = hearth_session_new (self->settings);
  hearth_session_keep_daily_backups (self->session);
  gtk_application_set_accels_for_action (gtk_application, "win.lock", lock_accels);
  gtk_application_set_accels_for_action (gtk_application, "win.preferences", preferences_accels);
  /* Also in a D-Bus activation that only runs a notification's action. */
  HEARTH_APPLICATION (application)->reminders = hearth_reminder_service_new (application);

  gtk_application_set_accels_for_action (gtk_application, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (gtk_application, "window.close", close_accels);
  gtk_application_set_accels_for_action (gtk_application, "app.help", help_accels);
}

static void
hearth_application_shutdown (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  g_clear_handle_id (&self->idle_check_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  stop_waiting_for_journal (self);
  /* Nothing saved is dropped on the way out. */
  if (self->session != NULL)
    {
      hearth_session_flush (self->session);
      if (!hearth_session_wait_for_writes (self->session, 10000))
        g_warning ("Quitting with a save still being written");
    }
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (hearth_application_parent_class)->shutdown (application);
}

static void
hearth_application_dispose (GObject *object)
{
  HearthApplication *self = HEARTH_APPLICATION (object);

  stop_waiting_for_journal (self);
  g_clear_object (&self->reminders);
  g_clear_object (&self->session);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (hearth_application_parent_class)->dispose (object);
}

static void
hearth_application_class_init (HearthApplicationClass *klass)
{
  GObjectClass        *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass   *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  app_class->shutdown = hearth_application_shutdown;
  gtk_app_class->window_added = hearth_application_window_added;
  gtk_app_class->window_removed = hearth_application_window_removed;
  object_class->dispose = hearth_application_dispose;

  app_class->handle_local_options = hearth_application_handle_local_options;
  app_class->command_line = hearth_application_command_line;
  app_class->activate = hearth_application_activate;
  app_class->startup = hearth_application_startup;
}

static void
hearth_application_init (HearthApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

/**
 * hearth_application_new:
 *
 * Returns: (transfer full): the Hearth application
 */
HearthApplication *
hearth_application_new (void)
{
  /* Every invocation reaches the primary instance as a command line, so
   * `hearth --background` can take a hold there instead of opening a window. */
  return g_object_new (HEARTH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/hearthjournal/Hearth",
                       NULL);
}

/**
 * hearth_application_get_print_settings:
 *
 * Returns: (transfer none) (nullable): the settings of the last print, or
 *   %NULL before the first
 */
GtkPrintSettings *
hearth_application_get_print_settings (HearthApplication *self)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (self), NULL);

  return self->print_settings;
}

/**
 * hearth_application_set_print_settings:
 * @settings: (nullable): the settings a print was made with
 */
void
hearth_application_set_print_settings (HearthApplication *self,
                                       GtkPrintSettings  *settings)
{
  g_return_if_fail (HEARTH_IS_APPLICATION (self));
  g_return_if_fail (settings == NULL || GTK_IS_PRINT_SETTINGS (settings));

  g_set_object (&self->print_settings, settings);
}

/**
 * hearth_application_get_reminders:
 *
 * Returns: (transfer none) (nullable): the reminder service, once the
 *   application has started up
 */
HearthReminderService *
hearth_application_get_reminders (HearthApplication *self)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (self), NULL);

  return self->reminders;
}

/**
 * hearth_application_get_session:
 *
 * Returns: (transfer none): the session of the process: its one journal
 */
HearthSession *
hearth_application_get_session (HearthApplication *self)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (self), NULL);

  return self->session;
}
