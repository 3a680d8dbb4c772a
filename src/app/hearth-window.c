/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-window.h"

struct _HearthWindow
{
  AdwApplicationWindow parent_instance;

  /* NULL when the schema is not installed (running uninstalled without
   * GSETTINGS_SCHEMA_DIR): the window then simply does not remember its size. */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (HearthWindow, hearth_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
hearth_window_lookup_settings (void)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  source = g_settings_schema_source_get_default ();
  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s not found; window size will not be saved", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
hearth_window_restore_state (HearthWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
hearth_window_save_state (HearthWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size is the unmaximized size, so restoring a maximized
   * window and then unmaximizing it returns to where the user left it. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
hearth_window_close_request (GtkWindow *window)
{
  hearth_window_save_state (HEARTH_WINDOW (window));

  return GTK_WINDOW_CLASS (hearth_window_parent_class)->close_request (window);
}

static void
hearth_window_dispose (GObject *object)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_window_parent_class)->dispose (object);
}

static void
hearth_window_class_init (HearthWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hearth_window_dispose;
  window_class->close_request = hearth_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-window.ui");
}

static void
hearth_window_init (HearthWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = hearth_window_lookup_settings ();
  hearth_window_restore_state (self);
}

/**
 * hearth_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
HearthWindow *
hearth_window_new (HearthApplication *application)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (application), NULL);

  return g_object_new (HEARTH_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
