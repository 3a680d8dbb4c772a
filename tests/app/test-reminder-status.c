/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "hearth-keyring.h"
#include "hearth-reminder-service.h"
#include "hearth-reminder-status.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"

#define PASSPHRASE "a quiet morning"

/* What this process asked the notification server to show: the summaries
 * and bodies of its Notify calls, seen by a filter on its own connection
 * (filters run in GDBus's worker thread). */
static GMutex     sent_lock;
static GPtrArray *sent_texts;

static GDBusMessage *
watch_notify (GDBusConnection *connection,
              GDBusMessage    *message,
              gboolean         incoming,
              gpointer         user_data)
{
  GVariant *body;

  if (incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") != 0 ||
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") != 0)
    return message;
  body = g_dbus_message_get_body (message);
  if (body != NULL && g_variant_n_children (body) >= 5)
    {
      g_autoptr(GVariant) summary = g_variant_get_child_value (body, 3);
      g_autoptr(GVariant) text = g_variant_get_child_value (body, 4);

      g_mutex_lock (&sent_lock);
      g_ptr_array_add (sent_texts, g_strdup_printf ("%s\n%s", g_variant_get_string (summary, NULL),
                                                    g_variant_get_string (text, NULL)));
      g_mutex_unlock (&sent_lock);
    }
  return message;
}

static guint
count_sent (const char *summary)
{
  g_autofree char *prefix = g_strconcat (summary, "\n", NULL);
  guint            n = 0;

  g_mutex_lock (&sent_lock);
  for (guint i = 0; i < sent_texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (sent_texts, i), prefix))
      n++;
  g_mutex_unlock (&sent_lock);
  return n;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowQuery;

static gboolean
row_shown (gpointer data)
{
  RowQuery     *q = data;
  AdwActionRow *row = ADW_ACTION_ROW (hearth_test_find_row (q->root, q->title));

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row));
}

static void
assert_row (GtkWidget  *root,
            const char *title)
{
  RowQuery q = { root, title };

  if (!hearth_test_wait_until (row_shown, &q, 15000))
    g_error ("The row “%s” did not appear", title);
}

typedef struct
{
  const char *summary;
  guint       count;
} SentQuery;

static gboolean
was_sent (gpointer data)
{
  SentQuery *q = data;

  return count_sent (q->summary) >= q->count;
}

static gboolean
service_ready (gpointer data)
{
  return hearth_reminder_service_get_state (data) == HEARTH_REMINDER_SERVICE_READY;
}

static gboolean
service_needs_passphrase (gpointer data)
{
  return hearth_reminder_service_get_state (data) == HEARTH_REMINDER_SERVICE_NEEDS_PASSPHRASE;
}

/* dunst keeps a notification in its history once it is closed. */
static gboolean
dunst_has (gpointer data)
{
  g_autofree char *out = NULL;

  g_spawn_command_line_sync ("dunstctl close-all", NULL, NULL, NULL, NULL);
  if (!g_spawn_command_line_sync ("dunstctl history", &out, NULL, NULL, NULL))
    return FALSE;
  return out != NULL && strstr (out, data) != NULL;
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_status_rows (void)
{
  g_autoptr(HearthJournal) journal = hearth_test_journal_new (PASSPHRASE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char       *autostart = NULL;
  g_autofree char       *screenshot = NULL;
  HearthReminderService *service;
  GDBusConnection       *bus;
  GtkWidget             *window, *page, *status, *button, *toggle;
  const char            *id = hearth_journal_get_id (journal);
  SentQuery              paused = { "Reminders are paused", 1 };
  SentQuery              test_sent = { "A test reminder", 1 };
  guint                  filter;

  g_settings_set_string (settings, "journal-folder", hearth_journal_get_path (journal));
  hearth_keyring_clear_sync (id, NULL, &error);
  g_assert_no_error (error);

  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  bus = g_application_get_dbus_connection (G_APPLICATION (app));
  g_assert_nonnull (bus);
  filter = g_dbus_connection_add_filter (bus, watch_notify, NULL, NULL);

  service = hearth_reminder_service_new (G_APPLICATION (app));
  hearth_reminder_service_start (service);

  /* Not remembered: the service says so once, and the row says why. */
  g_assert_true (hearth_test_wait_until (service_needs_passphrase, service, 15000));
  g_assert_true (hearth_test_wait_until (was_sent, &paused, 5000));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  page = adw_preferences_page_new ();
  status = hearth_reminder_status_new (service);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (status));
  gtk_window_set_child (GTK_WINDOW (window), page);
  set_dark (FALSE);
  gtk_window_present (GTK_WINDOW (window));

  assert_row (window, "Passphrase not remembered");
  assert_row (window, "Notifications can be shown");
  assert_row (window, "Runs in the background");
  assert_row (window, "Starts at login");
  hearth_test_wait (300);
  screenshot = hearth_test_screenshot (window, "reminder-status-not-remembered");
  g_assert_nonnull (screenshot);

  /* Said once: a second attempt does not repeat it. */
  hearth_reminder_service_reload (service);
  g_assert_true (hearth_test_wait_until (service_needs_passphrase, service, 15000));
  hearth_test_wait (500);
  g_assert_cmpuint (count_sent ("Reminders are paused"), ==, 1);

  /* Remembered: the service opens the journal and the row turns green. */
  hearth_keyring_store_sync (id, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  hearth_reminder_service_reload (service);
  g_assert_true (hearth_test_wait_until (service_ready, service, 20000));
  assert_row (window, "Passphrase remembered");
  hearth_test_wait (300);
  g_clear_pointer (&screenshot, g_free);
  screenshot = hearth_test_screenshot (window, "reminder-status-remembered");
  g_assert_nonnull (screenshot);

  /* Forgotten again: the row follows a fresh look in the keyring. */
  hearth_keyring_clear_sync (id, NULL, &error);
  g_assert_no_error (error);
  hearth_reminder_status_refresh (HEARTH_REMINDER_STATUS (status));
  assert_row (window, "Passphrase not remembered");
  hearth_keyring_store_sync (id, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  hearth_reminder_status_refresh (HEARTH_REMINDER_STATUS (status));
  assert_row (window, "Passphrase remembered");

  /* The switch adds and removes the login entry. */
  autostart = g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
  g_assert_true (g_file_test (autostart, G_FILE_TEST_EXISTS));
  toggle = GTK_WIDGET (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (hearth_test_find_row (window, "Starts at login"))));
  g_assert_true (GTK_IS_SWITCH (toggle));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  assert_row (window, "Does not start at login");
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  g_assert_false (g_settings_get_boolean (settings, "autostart"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  assert_row (window, "Starts at login");
  g_assert_true (g_file_test (autostart, G_FILE_TEST_EXISTS));

  /* Send a test reminder: the notification server gets it. */
  button = hearth_test_find_labelled (window, "Send a test reminder");
  g_assert_true (GTK_IS_BUTTON (button));
  gtk_widget_activate (button);
  g_assert_true (hearth_test_wait_until (was_sent, &test_sent, 5000));
  if (!hearth_test_wait_until (dunst_has, (gpointer) "This is how Hearth reminders look.", 10000))
    g_error ("dunst did not receive the test reminder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hearth_test_find_row (window, "Test Reminder"))), ==,
                   "Sent. If nothing appeared, look at the rows above.");

  hearth_test_wait (300);
  g_clear_pointer (&screenshot, g_free);
  screenshot = hearth_test_screenshot (window, "reminder-status");
  g_assert_nonnull (screenshot);

  set_dark (TRUE);
  hearth_test_wait (300);
  g_clear_pointer (&screenshot, g_free);
  screenshot = hearth_test_screenshot (window, "reminder-status-dark");
  g_assert_nonnull (screenshot);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  hearth_test_wait (500);
  g_clear_pointer (&screenshot, g_free);
  screenshot = hearth_test_screenshot (window, "reminder-status-narrow");
  g_assert_nonnull (screenshot);
  set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  hearth_test_wait (100);
  g_dbus_connection_remove_filter (bus, filter);
  hearth_keyring_clear_sync (id, NULL, NULL);
  g_assert_finalize_object (service);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  sent_texts = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/reminder-status/rows", test_status_rows);

  status = g_test_run ();
  g_ptr_array_unref (sent_texts);
  return status;
}
