/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#if HAVE_LIBPORTAL
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "hearth-background.h"

/* Keeping reminders alive while the window is closed, and after a login.
 *
 * Natively the login part is an XDG autostart entry in the user's config
 * folder, written while the "autostart" setting is on and removed when it
 * is off. Inside Flatpak the app may not write there; the Background portal
 * writes the entry for us and also decides whether the app may run with no
 * window at all, so its answer is kept for the Preferences to show. */

#define AUTOSTART_TEMPLATE APP_ID "-autostart.desktop"

struct _HearthBackground
{
  GObject parent_instance;

  GSettings                 *settings;
  HearthBackgroundPermission permission;
  gboolean                   autostart_active;
  char                      *error;

  GCancellable *cancellable;
  /* Natively, the login entry is written or removed in a worker thread,
   * one change at a time: a change asked for meanwhile follows. */
  gboolean      applying;
  gboolean      apply_again;
  /* The flags of the last portal request, to ask again only on a change. */
  gboolean      asked;
  gboolean      asked_autostart;
#if HAVE_LIBPORTAL
  XdpPortal *portal;
#endif
};

G_DEFINE_FINAL_TYPE (HearthBackground, hearth_background, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_ENUM_TYPE (HearthBackgroundPermission, hearth_background_permission,
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_NATIVE, "native"),
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_NOT_ASKED, "not-asked"),
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_ASKING, "asking"),
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_GRANTED, "granted"),
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_REFUSED, "refused"),
                    G_DEFINE_ENUM_VALUE (HEARTH_BACKGROUND_UNAVAILABLE, "unavailable"))
/* clang-format on */

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_PERMISSION,
  PROP_AUTOSTART_ACTIVE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * hearth_background_is_sandboxed:
 *
 * Returns: %TRUE inside Flatpak, where the Background portal decides
 */
gboolean
hearth_background_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * hearth_background_dup_autostart_path:
 *
 * Returns: (transfer full): where the login entry goes natively
 */
char *
hearth_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

static void
set_permission (HearthBackground          *self,
                HearthBackgroundPermission permission)
{
  if (self->permission == permission)
    return;
  self->permission = permission;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERMISSION]);
}

static void
set_autostart_active (HearthBackground *self,
                      gboolean          active)
{
  active = !!active;
  if (self->autostart_active == active)
    return;
  self->autostart_active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSTART_ACTIVE]);
}

static void
set_error (HearthBackground *self,
           const char       *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The installed template when there is one (it carries the translations),
 * else the same entry written out here, for uninstalled builds. */
static char *
autostart_contents (void)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, AUTOSTART_TEMPLATE, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) check = g_key_file_new ();

  if (g_file_get_contents (installed, &contents, NULL, NULL) &&
      g_key_file_load_from_data (check, contents, -1, G_KEY_FILE_NONE, NULL) &&
      g_key_file_has_group (check, G_KEY_FILE_DESKTOP_GROUP))
    return g_steal_pointer (&contents);

  return g_strdup ("[Desktop Entry]\n"
                   "Name=Hearth Reminders\n"
                   "Comment=Deliver Hearth reminders while the window is closed\n"
                   "Exec=hearth --background\n"
                   "Icon=" APP_ID "\n"
                   "Terminal=false\n"
                   "Type=Application\n"
                   "NoDisplay=true\n"
                   "X-GNOME-Autostart-enabled=true\n"
                   "X-GNOME-UsesNotifications=true\n");
}

/* What the worker did to the login entry. */
typedef struct
{
  gboolean active; /* the entry exists now */
  char    *error;  /* why it could not be changed, or NULL */
} NativeResult;

static void
native_result_free (NativeResult *result)
{
  g_free (result->error);
  g_free (result);
}

/* Writes the login entry (when @task_data is non-NULL) or removes it.
 * Worker thread: reads and writes files. */
static void
apply_native_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autofree char *path = hearth_background_dup_autostart_path ();
  g_autoptr(GError) error = NULL;
  gboolean      wanted = task_data != NULL;
  NativeResult *result = g_new0 (NativeResult, 1);

  if (wanted)
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *contents = autostart_contents ();
      g_autofree char *current = NULL;

      /* Rewrite only what differs, so a start does not touch the file. */
      if (!g_file_get_contents (path, &current, NULL, NULL) || g_strcmp0 (current, contents) != 0)
        {
          if (g_mkdir_with_parents (folder, 0700) != 0)
            {
              int saved = errno;
              g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
            }
          else
            g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error);
        }
    }
  else if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
    }

  if (error != NULL)
    /* Translators: the first %s is a file name, the second why it failed. */
    result->error = g_strdup_printf (wanted ? _ ("Could not add the login entry %s: %s")
                                            : _ ("Could not remove the login entry %s: %s"),
                                     path, error->message);
  result->active = g_file_test (path, G_FILE_TEST_EXISTS);
  g_task_return_pointer (task, result, (GDestroyNotify) native_result_free);
}

static void apply_native (HearthBackground *self);

static void
on_native_applied (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  HearthBackground *self = HEARTH_BACKGROUND (source);
  NativeResult     *result = g_task_propagate_pointer (G_TASK (res), NULL);

  self->applying = FALSE;
  if (result != NULL)
    {
      if (result->error != NULL)
        g_message ("%s", result->error);
      set_error (self, result->error);
      set_autostart_active (self, result->active);
      native_result_free (result);
    }
  if (self->apply_again)
    apply_native (self);
}

/* The setting as it is now, carried out off the main thread. */
static void
apply_native (HearthBackground *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->applying)
    {
      self->apply_again = TRUE;
      return;
    }
  self->applying = TRUE;
  self->apply_again = FALSE;
  task = g_task_new (self, NULL, on_native_applied, NULL);
  g_task_set_source_tag (task, apply_native);
  g_task_set_task_data (task, g_settings_get_boolean (self->settings, "autostart") ? self : NULL, NULL);
  g_task_run_in_thread (task, apply_native_thread);
}

#if HAVE_LIBPORTAL
static void
on_background_requested (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(HearthBackground) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean granted;

  granted = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && g_cancellable_is_cancelled (self->cancellable))
    return;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("The Background portal did not answer: %s", error->message);
      set_error (self, error->message);
      set_permission (self, HEARTH_BACKGROUND_UNAVAILABLE);
      set_autostart_active (self, FALSE);
      return;
    }

  /* A dialog the user cancelled counts as a refusal. */
  set_error (self, NULL);
  set_permission (self, granted ? HEARTH_BACKGROUND_GRANTED : HEARTH_BACKGROUND_REFUSED);
  set_autostart_active (self, granted && self->asked_autostart);
}
#endif

static void
apply_portal (HearthBackground *self,
              GtkWindow        *parent)
{
  gboolean autostart = g_settings_get_boolean (self->settings, "autostart");
  gboolean background = g_settings_get_boolean (self->settings, "run-in-background");

  /* Nothing to ask for, and no login entry of ours to take back. */
  if (!autostart && !background && !(self->asked && self->asked_autostart))
    {
      set_autostart_active (self, FALSE);
      return;
    }
  if (self->asked && self->asked_autostart == autostart && self->permission != HEARTH_BACKGROUND_ASKING &&
      self->permission != HEARTH_BACKGROUND_UNAVAILABLE)
    return;

#if HAVE_LIBPORTAL
  {
    g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *reason = g_strdup (_ ("Hearth sends your reminders while its window is closed."));
    XdpParent       *xdp_parent = NULL;

    if (self->portal == NULL)
      self->portal = xdp_portal_new ();
    g_cancellable_cancel (self->cancellable);
    g_clear_object (&self->cancellable);
    self->cancellable = g_cancellable_new ();

    g_ptr_array_add (commandline, g_strdup ("hearth"));
    g_ptr_array_add (commandline, g_strdup ("--background"));
    if (parent != NULL)
      xdp_parent = xdp_parent_new_gtk (parent);

    self->asked = TRUE;
    self->asked_autostart = autostart;
    set_permission (self, HEARTH_BACKGROUND_ASKING);
    /* Not ACTIVATABLE: a D-Bus activation would open the window at login. */
    xdp_portal_request_background (self->portal, xdp_parent, reason, commandline,
                                   autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                   self->cancellable, on_background_requested, g_object_ref (self));
    g_clear_pointer (&xdp_parent, xdp_parent_free);
  }
#else
  set_error (self, _ ("This build of Hearth cannot ask the Background portal."));
  set_permission (self, HEARTH_BACKGROUND_UNAVAILABLE);
  set_autostart_active (self, FALSE);
#endif
}

/**
 * hearth_background_apply:
 * @parent: (nullable): the window a portal dialog belongs to
 *
 * Brings the login entry (natively) or the Background portal's permission
 * (inside Flatpak) in line with the "autostart" and "run-in-background"
 * settings. Called at start and whenever those settings change. The entry
 * is written in a worker thread; #HearthBackground:autostart-active and
 * #HearthBackground:error follow once it is done.
 */
void
hearth_background_apply (HearthBackground *self,
                         GtkWindow        *parent)
{
  g_return_if_fail (HEARTH_IS_BACKGROUND (self));

  if (self->permission == HEARTH_BACKGROUND_NATIVE)
    apply_native (self);
  else
    apply_portal (self, parent);
}

HearthBackgroundPermission
hearth_background_get_permission (HearthBackground *self)
{
  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), HEARTH_BACKGROUND_NATIVE);

  return self->permission;
}

/**
 * hearth_background_get_autostart_active:
 *
 * Returns: %TRUE when the reminder service will start at login: the entry
 *   exists (natively) or the portal granted autostart
 */
gboolean
hearth_background_get_autostart_active (HearthBackground *self)
{
  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), FALSE);

  return self->autostart_active;
}

/**
 * hearth_background_get_error:
 *
 * Returns: (nullable): why the last change could not be made, in words
 */
const char *
hearth_background_get_error (HearthBackground *self)
{
  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), NULL);

  return self->error;
}

static void
on_settings_changed (HearthBackground *self,
                     const char       *key,
                     GSettings        *settings)
{
  if (g_strcmp0 (key, "autostart") == 0 || g_strcmp0 (key, "run-in-background") == 0)
    {
      GApplication *app = g_application_get_default ();
      GtkWindow    *parent = GTK_IS_APPLICATION (app)
                               ? gtk_application_get_active_window (GTK_APPLICATION (app))
                               : NULL;

      hearth_background_apply (self, parent);
    }
}

static void
hearth_background_constructed (GObject *object)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  G_OBJECT_CLASS (hearth_background_parent_class)->constructed (object);

  g_return_if_fail (self->settings != NULL);

  /* Natively, whether the login entry exists is known once
   * hearth_background_apply() has looked, off the main thread. */
  if (hearth_background_is_sandboxed ())
    self->permission = HEARTH_BACKGROUND_NOT_ASKED;
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
hearth_background_dispose (GObject *object)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
#if HAVE_LIBPORTAL
  g_clear_object (&self->portal);
#endif
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_background_parent_class)->dispose (object);
}

static void
hearth_background_finalize (GObject *object)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  g_free (self->error);

  G_OBJECT_CLASS (hearth_background_parent_class)->finalize (object);
}

static void
hearth_background_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PERMISSION:
      g_value_set_enum (value, self->permission);
      break;
    case PROP_AUTOSTART_ACTIVE:
      g_value_set_boolean (value, self->autostart_active);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_background_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_background_class_init (HearthBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_background_constructed;
  object_class->dispose = hearth_background_dispose;
  object_class->finalize = hearth_background_finalize;
  object_class->get_property = hearth_background_get_property;
  object_class->set_property = hearth_background_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERMISSION] =
    g_param_spec_enum ("permission", NULL, NULL, HEARTH_TYPE_BACKGROUND_PERMISSION,
                       HEARTH_BACKGROUND_NATIVE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSTART_ACTIVE] =
    g_param_spec_boolean ("autostart-active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_background_init (HearthBackground *self)
{
  self->permission = HEARTH_BACKGROUND_NATIVE;
}

/**
 * hearth_background_new:
 * @settings: the app's settings
 *
 * Returns: (transfer full): the keeper of the login entry and the
 *   background permission; call hearth_background_apply() to act
 */
HearthBackground *
hearth_background_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (HEARTH_TYPE_BACKGROUND, "settings", settings, NULL);
}
