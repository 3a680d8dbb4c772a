/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "hearth-application.h"
#include "hearth-reminder-service.h"
#include "hearth-window.h"

struct _HearthApplication
{
  AdwApplication parent_instance;

  /* TRUE once --background has taken its hold; the hold keeps the
   * reminder service alive while no window is open. */
  gboolean background_held;

  /* Delivers reminders, with or without a window. */
  HearthReminderService *reminders;
};

G_DEFINE_FINAL_TYPE (HearthApplication, hearth_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Run only the reminder service, without opening a window"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
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

  g_application_quit (G_APPLICATION (self));
}

static void
hearth_application_about (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  static const char *developers[] = { "The Hearth developers", NULL };
  GtkWindow *parent;
  AdwAboutWindow *about;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _("Hearth"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_comments (about, _("A private journal for couples"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Hearth developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_website (about, "https://github.com/hearthjournal/hearth");
  adw_about_window_set_issue_url (about, "https://github.com/hearthjournal/hearth/issues");
  adw_about_window_set_copyright (about, "© 2026 The Hearth developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace "translator-credits" with your names, one name per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  gtk_window_present (GTK_WINDOW (about));
}

static void
hearth_application_help (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  HearthApplication *self = HEARTH_APPLICATION (user_data);
  GtkWindow *parent;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_show_uri (parent, "help:hearth", GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "quit", hearth_application_quit },
  { "about", hearth_application_about },
  { "help", hearth_application_help },
};

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
  GVariantDict *options;

  options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "background"))
    {
      if (!self->background_held)
        {
          self->background_held = TRUE;
          g_application_hold (application);
        }
      hearth_reminder_service_start (self->reminders);
      return EXIT_SUCCESS;
    }

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
hearth_application_activate (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (hearth_window_new (self));

  gtk_window_present (window);
  hearth_reminder_service_start (self->reminders);
}

static void
hearth_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (hearth_application_parent_class)->startup (application);

  /* Also in a D-Bus activation that only runs a notification's action. */
  HEARTH_APPLICATION (application)->reminders = hearth_reminder_service_new (application);

  gtk_application_set_accels_for_action (gtk_application, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (gtk_application, "window.close", close_accels);
  gtk_application_set_accels_for_action (gtk_application, "app.help", help_accels);
}

static void
hearth_application_dispose (GObject *object)
{
  HearthApplication *self = HEARTH_APPLICATION (object);

  g_clear_object (&self->reminders);

  G_OBJECT_CLASS (hearth_application_parent_class)->dispose (object);
}

static void
hearth_application_class_init (HearthApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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
