/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-keyring.h"
#include "hearth-reminder-status.h"

/* Whether reminders can actually arrive, said row by row: the most common
 * complaint about reminder apps is silence nobody can explain. Each row is
 * a plain sentence with a check or a warning sign; none of them guesses. */

typedef enum
{
  LOOKUP_UNKNOWN,
  LOOKUP_REMEMBERED,
  LOOKUP_NOT_REMEMBERED,
  LOOKUP_FAILED,
} LookupResult;

typedef enum
{
  DAEMON_UNKNOWN,
  DAEMON_REACHABLE,
  DAEMON_MISSING,
} DaemonResult;

struct _HearthReminderStatus
{
  AdwPreferencesGroup parent_instance;

  HearthReminderService *service;
  GCancellable          *cancellable;

  LookupResult passphrase;
  char        *lookup_error;
  DaemonResult daemon;
  gboolean     test_sent;

  AdwActionRow *background_row;
  GtkImage     *background_icon;
  AdwActionRow *autostart_row;
  GtkImage     *autostart_icon;
  GtkSwitch    *autostart_switch;
  AdwActionRow *passphrase_row;
  GtkImage     *passphrase_icon;
  AdwActionRow *notifications_row;
  GtkImage     *notifications_icon;
  AdwActionRow *test_row;
  GtkButton    *test_button;
};

G_DEFINE_FINAL_TYPE (HearthReminderStatus, hearth_reminder_status, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  MARK_OK,
  MARK_WARNING,
  MARK_WAITING,
} Mark;

static void
show (AdwActionRow *row,
      GtkImage     *icon,
      Mark          mark,
      const char   *title,
      const char   *subtitle)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "content-loading-symbolic" };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle ? subtitle : "");
  gtk_image_set_from_icon_name (icon, icons[mark]);
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (icon), mark == MARK_OK ? "success" : (mark == MARK_WARNING ? "warning" : "dim-label"));
}

static void
update_background (HearthReminderStatus *self)
{
  HearthBackground *background = hearth_reminder_service_get_background (self->service);
  GSettings        *settings = hearth_reminder_service_get_settings (self->service);
  gboolean          wanted = g_settings_get_boolean (settings, "run-in-background");

  switch (hearth_background_get_permission (background))
    {
    case HEARTH_BACKGROUND_NATIVE:
      if (wanted)
        show (self->background_row, self->background_icon, MARK_OK,
              _ ("Runs in the background"),
              _ ("Reminders arrive while the window is closed"));
      else
        show (self->background_row, self->background_icon, MARK_WARNING,
              _ ("Stops when the window closes"),
              _ ("Turn on “Run in Background” to get reminders while the window is closed"));
      break;
    case HEARTH_BACKGROUND_GRANTED:
      show (self->background_row, self->background_icon, MARK_OK,
            _ ("Allowed to run in the background"),
            _ ("Reminders arrive while the window is closed"));
      break;
    case HEARTH_BACKGROUND_REFUSED:
      show (self->background_row, self->background_icon, MARK_WARNING,
            _ ("Not allowed to run in the background"),
            _ ("Allow Hearth to run in the background in the system Settings, under Apps"));
      break;
    case HEARTH_BACKGROUND_ASKING:
      show (self->background_row, self->background_icon, MARK_WAITING,
            _ ("Asking to run in the background…"), NULL);
      break;
    case HEARTH_BACKGROUND_UNAVAILABLE:
      show (self->background_row, self->background_icon, MARK_WARNING,
            _ ("Cannot ask to run in the background"),
            hearth_background_get_error (background));
      break;
    case HEARTH_BACKGROUND_NOT_ASKED:
    default:
      if (wanted)
        show (self->background_row, self->background_icon, MARK_WAITING,
              _ ("Background permission not asked yet"),
              _ ("Hearth asks when it starts"));
      else
        show (self->background_row, self->background_icon, MARK_WARNING,
              _ ("Stops when the window closes"),
              _ ("Turn on “Run in Background” to get reminders while the window is closed"));
      break;
    }
}

static void
update_autostart (HearthReminderStatus *self)
{
  HearthBackground          *background = hearth_reminder_service_get_background (self->service);
  GSettings                 *settings = hearth_reminder_service_get_settings (self->service);
  gboolean                   wanted = g_settings_get_boolean (settings, "autostart");
  HearthBackgroundPermission permission = hearth_background_get_permission (background);

  if (hearth_background_get_autostart_active (background))
    show (self->autostart_row, self->autostart_icon, MARK_OK,
          _ ("Starts at login"),
          _ ("Reminders arrive after you log in, before you open Hearth"));
  else if (wanted && permission == HEARTH_BACKGROUND_REFUSED)
    show (self->autostart_row, self->autostart_icon, MARK_WARNING,
          _ ("Not allowed to start at login"),
          _ ("Allow Hearth to run in the background in the system Settings, under Apps"));
  /* Natively with no error: the entry is still being written. */
  else if (wanted && (permission == HEARTH_BACKGROUND_ASKING || permission == HEARTH_BACKGROUND_NOT_ASKED ||
                      (permission == HEARTH_BACKGROUND_NATIVE && hearth_background_get_error (background) == NULL)))
    show (self->autostart_row, self->autostart_icon, MARK_WAITING,
          _ ("Start at login not confirmed yet"), NULL);
  else if (wanted)
    show (self->autostart_row, self->autostart_icon, MARK_WARNING,
          _ ("Could not set up the start at login"),
          hearth_background_get_error (background));
  else
    show (self->autostart_row, self->autostart_icon, MARK_WARNING,
          _ ("Does not start at login"),
          _ ("Reminders arrive only once you have opened Hearth"));
}

static void
update_passphrase (HearthReminderStatus *self)
{
  HearthReminderServiceState state = hearth_reminder_service_get_state (self->service);

  if (hearth_reminder_service_get_journal_id (self->service) == NULL)
    {
      if (state == HEARTH_REMINDER_SERVICE_FAILED)
        show (self->passphrase_row, self->passphrase_icon, MARK_WARNING,
              _ ("The journal could not be opened"),
              hearth_reminder_service_get_error (self->service));
      else
        show (self->passphrase_row, self->passphrase_icon, MARK_WAITING,
              _ ("No journal yet"),
              _ ("Reminders start once you have created or joined a journal"));
      return;
    }
  if (!hearth_reminder_service_get_encrypted (self->service))
    {
      show (self->passphrase_row, self->passphrase_icon, MARK_OK,
            _ ("No passphrase needed"),
            _ ("This journal is not encrypted"));
      return;
    }

  switch (self->passphrase)
    {
    case LOOKUP_REMEMBERED:
      if (state == HEARTH_REMINDER_SERVICE_WRONG_PASSPHRASE)
        show (self->passphrase_row, self->passphrase_icon, MARK_WARNING,
              _ ("The remembered passphrase no longer works"),
              _ ("Remember the new passphrase so reminders can arrive"));
      else
        show (self->passphrase_row, self->passphrase_icon, MARK_OK,
              _ ("Passphrase remembered"),
              _ ("Hearth can open the journal to check what is due"));
      break;
    case LOOKUP_NOT_REMEMBERED:
      show (self->passphrase_row, self->passphrase_icon, MARK_WARNING,
            _ ("Passphrase not remembered"),
            _ ("Reminders need the passphrase remembered in your keyring"));
      break;
    case LOOKUP_FAILED:
      show (self->passphrase_row, self->passphrase_icon, MARK_WARNING,
            _ ("The keyring cannot be reached"),
            self->lookup_error);
      break;
    case LOOKUP_UNKNOWN:
    default:
      show (self->passphrase_row, self->passphrase_icon, MARK_WAITING,
            _ ("Looking in the keyring…"), NULL);
      break;
    }
}

static void
update_notifications (HearthReminderStatus *self)
{
  switch (self->daemon)
    {
    case DAEMON_REACHABLE:
      show (self->notifications_row, self->notifications_icon, MARK_OK,
            _ ("Notifications can be shown"),
            _ ("The desktop’s notification service is running"));
      break;
    case DAEMON_MISSING:
      show (self->notifications_row, self->notifications_icon, MARK_WARNING,
            _ ("No notification service found"),
            _ ("Reminders cannot be shown on this desktop until a notification service runs"));
      break;
    case DAEMON_UNKNOWN:
    default:
      show (self->notifications_row, self->notifications_icon, MARK_WAITING,
            _ ("Looking for the notification service…"), NULL);
      break;
    }
}

static void
update_all (HearthReminderStatus *self)
{
  update_background (self);
  update_autostart (self);
  update_passphrase (self);
  update_notifications (self);
}

/* ------------------------------------------------------------------------ */
/* Looking things up                                                         */

static void
on_passphrase_looked_up (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  HearthReminderStatus *self;
  g_autoptr(GError) error = NULL;
  char *secret = hearth_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&secret, hearth_keyring_free_secret);
      return;
    }
  self = HEARTH_REMINDER_STATUS (user_data); /* alive: not cancelled */
  g_clear_pointer (&self->lookup_error, g_free);
  if (secret != NULL)
    self->passphrase = LOOKUP_REMEMBERED;
  else if (error != NULL)
    {
      self->passphrase = LOOKUP_FAILED;
      self->lookup_error = g_strdup (error->message);
    }
  else
    self->passphrase = LOOKUP_NOT_REMEMBERED;
  g_clear_pointer (&secret, hearth_keyring_free_secret);
  update_passphrase (self);
}

static void
on_name_has_owner (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HearthReminderStatus *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  gboolean owned = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HEARTH_REMINDER_STATUS (user_data);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  else
    g_debug ("Could not ask the session bus about notifications: %s", error->message);
  self->daemon = owned ? DAEMON_REACHABLE : DAEMON_MISSING;
  update_notifications (self);
}

static void
on_session_bus (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HearthReminderStatus *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HEARTH_REMINDER_STATUS (user_data);
  if (bus == NULL)
    {
      self->daemon = DAEMON_MISSING;
      update_notifications (self);
      return;
    }
  /* Inside Flatpak notifications go through the portal, and the bus proxy
   * hides the notification server's name anyway. */
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", hearth_background_is_sandboxed ()
                                                  ? "org.freedesktop.portal.Desktop"
                                                  : "org.freedesktop.Notifications"),
                          G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                          self->cancellable, on_name_has_owner, self);
}

/**
 * hearth_reminder_status_refresh:
 *
 * Looks again at the keyring and the notification service; the rest
 * follows the settings and the service by itself.
 */
void
hearth_reminder_status_refresh (HearthReminderStatus *self)
{
  const char *journal_id;

  g_return_if_fail (HEARTH_IS_REMINDER_STATUS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  journal_id = hearth_reminder_service_get_journal_id (self->service);
  if (journal_id != NULL && hearth_reminder_service_get_encrypted (self->service))
    hearth_keyring_lookup_async (journal_id, self->cancellable, on_passphrase_looked_up, self);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus, self);
  update_all (self);
}

/* ------------------------------------------------------------------------ */
/* Signals                                                                   */

static void
on_test_clicked (HearthReminderStatus *self)
{
  hearth_reminder_service_send_test (self->service);
  self->test_sent = TRUE;
  adw_action_row_set_subtitle (self->test_row,
                               _ ("Sent. If nothing appeared, look at the rows above."));
}

static void
on_service_changed (HearthReminderStatus *self)
{
  /* A journal opened or its state changed: look in the keyring again. */
  hearth_reminder_status_refresh (self);
}

static void
on_background_changed (HearthReminderStatus *self)
{
  update_background (self);
  update_autostart (self);
}

static void
on_settings_changed (HearthReminderStatus *self,
                     const char           *key)
{
  if (g_strcmp0 (key, "run-in-background") == 0 || g_strcmp0 (key, "autostart") == 0)
    on_background_changed (self);
}

static void
hearth_reminder_status_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hearth_reminder_status_parent_class)->map (widget);

  /* Coming back to Preferences after fixing something elsewhere. */
  hearth_reminder_status_refresh (HEARTH_REMINDER_STATUS (widget));
}

static void
hearth_reminder_status_constructed (GObject *object)
{
  HearthReminderStatus *self = HEARTH_REMINDER_STATUS (object);
  HearthBackground     *background;
  GSettings            *settings;

  G_OBJECT_CLASS (hearth_reminder_status_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);

  background = hearth_reminder_service_get_background (self->service);
  settings = hearth_reminder_service_get_settings (self->service);

  g_settings_bind (settings, "autostart", self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (background, "notify", G_CALLBACK (on_background_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::state", G_CALLBACK (on_service_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::journal-id", G_CALLBACK (on_service_changed),
                           self, G_CONNECT_SWAPPED);
  hearth_reminder_status_refresh (self);
}

static void
hearth_reminder_status_dispose (GObject *object)
{
  HearthReminderStatus *self = HEARTH_REMINDER_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_REMINDER_STATUS);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (hearth_reminder_status_parent_class)->dispose (object);
}

static void
hearth_reminder_status_finalize (GObject *object)
{
  HearthReminderStatus *self = HEARTH_REMINDER_STATUS (object);

  g_free (self->lookup_error);

  G_OBJECT_CLASS (hearth_reminder_status_parent_class)->finalize (object);
}

static void
hearth_reminder_status_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  HearthReminderStatus *self = HEARTH_REMINDER_STATUS (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reminder_status_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  HearthReminderStatus *self = HEARTH_REMINDER_STATUS (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reminder_status_class_init (HearthReminderStatusClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_reminder_status_constructed;
  object_class->dispose = hearth_reminder_status_dispose;
  object_class->finalize = hearth_reminder_status_finalize;
  object_class->get_property = hearth_reminder_status_get_property;
  object_class->set_property = hearth_reminder_status_set_property;
  widget_class->map = hearth_reminder_status_map;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, HEARTH_TYPE_REMINDER_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-reminder-status.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, background_row);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, background_icon);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, autostart_row);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, autostart_icon);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, passphrase_icon);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, notifications_row);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, notifications_icon);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, test_row);
  gtk_widget_class_bind_template_child (widget_class, HearthReminderStatus, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
hearth_reminder_status_init (HearthReminderStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_reminder_status_new:
 * @service: the reminder service
 *
 * Returns: (transfer floating): a preferences group that shows whether
 *   reminders can arrive, for the Preferences window
 */
GtkWidget *
hearth_reminder_status_new (HearthReminderService *service)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (service), NULL);

  return g_object_new (HEARTH_TYPE_REMINDER_STATUS, "service", service, NULL);
}
