/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-folder-chooser.h"
#include "hearth-keyring.h"
#include "hearth-settings.h"
#include "hearth-strength.h"
#include "hearth-welcome.h"

/**
 * HearthWelcome:
 *
 * The first run: create a journal (names, colours, folder, passphrase), or
 * join the one a partner shares. Creating derives the key in a worker
 * thread; the form shows that it is busy instead of freezing.
 */
struct _HearthWelcome
{
  GtkWidget parent_instance;

  GtkStack            *stack;
  GtkLabel            *join_error_label;
  GtkBox              *form;
  AdwEntryRow         *name_row;
  AdwEntryRow         *me_row;
  AdwEntryRow         *partner_row;
  GtkColorButton      *me_color;
  GtkColorButton      *partner_color;
  AdwActionRow        *folder_row;
  GtkButton           *folder_button;
  AdwPreferencesGroup *passphrase_group;
  AdwEntryRow         *passphrase_row;
  AdwEntryRow         *repeat_row;
  AdwActionRow        *strength_row;
  GtkLevelBar         *strength_bar;
  GtkLabel            *mismatch_label;
  AdwActionRow        *remember_row;
  GtkSwitch           *remember_switch;
  GtkSwitch           *no_passphrase_switch;
  GtkLabel            *no_passphrase_warning;
  GtkLabel            *error_label;
  GtkButton           *create_button;
  GtkBox              *progress_box;
  GtkSpinner          *spinner;

  char                 *folder;
  GSettings            *settings; /* the window's; NULL: nothing remembered */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (HearthWelcome, hearth_welcome, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_FOLDER,
  N_PROPS
};

enum
{
  JOURNAL_CREATED,
  JOURNAL_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
color_to_string (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (CLAMP (rgba.red, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.green, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.blue, 0., 1.) * 255 + .5));
}

/* Whether Create can go ahead: names given, and either no passphrase on
 * purpose or a passphrase typed the same twice. */
static gboolean
hearth_welcome_is_valid (HearthWelcome *self)
{
  if (is_blank (row_text (self->name_row)) ||
      is_blank (row_text (self->me_row)) ||
      is_blank (row_text (self->partner_row)))
    return FALSE;
  if (gtk_switch_get_active (self->no_passphrase_switch))
    return TRUE;
  return *row_text (self->passphrase_row) != '\0' &&
         g_strcmp0 (row_text (self->passphrase_row), row_text (self->repeat_row)) == 0;
}

static void
hearth_welcome_update (HearthWelcome *self)
{
  gboolean       no_passphrase = gtk_switch_get_active (self->no_passphrase_switch);
  const char    *passphrase = row_text (self->passphrase_row);
  const char    *repeat = row_text (self->repeat_row);
  HearthStrength strength = hearth_passphrase_strength (passphrase);

  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_group), !no_passphrase);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_row), !no_passphrase);
  gtk_widget_set_visible (GTK_WIDGET (self->no_passphrase_warning), no_passphrase);
  gtk_widget_set_visible (GTK_WIDGET (self->mismatch_label),
                          !no_passphrase && *repeat != '\0' && g_strcmp0 (passphrase, repeat) != 0);

  gtk_level_bar_set_value (self->strength_bar, strength);
  adw_action_row_set_subtitle (self->strength_row,
                               strength == HEARTH_STRENGTH_NONE
                                 ? _ ("Several unrelated words make a passphrase that is strong and easy to remember.")
                                 : hearth_strength_to_string (strength));

  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            !self->busy && hearth_welcome_is_valid (self));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
on_form_changed (HearthWelcome *self)
{
  hearth_welcome_update (self);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (hearth_keyring_store_finish (result, &error))
    return;
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s %s", error->message,
                                                  _ ("Reminders need the passphrase remembered in the keyring."));
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
    }
  else
    g_warning ("%s", error->message);
}

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthWelcome) self = user_data;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = hearth_journal_create_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (journal == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      hearth_welcome_update (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
      return;
    }

  if (!gtk_switch_get_active (self->no_passphrase_switch) &&
      gtk_switch_get_active (self->remember_switch))
    hearth_keyring_store_async (hearth_journal_get_id (journal), row_text (self->passphrase_row),
                                NULL, store_cb, g_object_ref (self));

  hearth_settings_set_journal_folder (self->settings, hearth_journal_get_path (journal));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  hearth_welcome_update (self);
  g_signal_emit (self, signals[JOURNAL_CREATED], 0, journal);
}

static void
on_create_clicked (HearthWelcome *self)
{
  g_autofree char *me_color = NULL;
  g_autofree char *partner_color = NULL;
  g_autofree char *name = NULL;
  g_autofree char *me = NULL;
  g_autofree char *partner = NULL;
  const char      *passphrase = NULL;

  if (self->busy || !hearth_welcome_is_valid (self))
    return;

  name = g_strstrip (g_strdup (row_text (self->name_row)));
  me = g_strstrip (g_strdup (row_text (self->me_row)));
  partner = g_strstrip (g_strdup (row_text (self->partner_row)));
  me_color = color_to_string (self->me_color);
  partner_color = color_to_string (self->partner_color);
  if (!gtk_switch_get_active (self->no_passphrase_switch))
    passphrase = row_text (self->passphrase_row);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* The form turns insensitive; a text entry must not keep the focus then. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  self->busy = TRUE;
  hearth_welcome_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);

  {
    const char *names[2] = { me, partner };
    const char *colors[2] = { me_color, partner_color };

    hearth_journal_create_async (self->folder, name, names, colors, 0, passphrase,
                                 HEARTH_KDF_MODERATE, self->cancellable,
                                 create_cb, g_object_ref (self));
  }
}

static void
on_create_start_clicked (HearthWelcome *self)
{
  gtk_stack_set_visible_child_name (self->stack, "create");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  gtk_widget_grab_focus (GTK_WIDGET (self->me_row));
}

/* ------------------------------------------------------------------------ */
/* Folders                                                                   */

static GtkWindow *
hearth_welcome_get_window (HearthWelcome *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_choose_folder_clicked (HearthWelcome *self)
{
  hearth_choose_folder (&self->chooser, hearth_welcome_get_window (self),
                        _ ("Choose a Folder for the Journal"), _ ("_Select"),
                        self, G_CALLBACK (hearth_welcome_set_folder));
}

static void
on_join_clicked (HearthWelcome *self)
{
  hearth_choose_folder (&self->chooser, hearth_welcome_get_window (self),
                        _ ("Choose the Folder Your Partner Shares"), _ ("_Open"),
                        self, G_CALLBACK (hearth_welcome_join));
}

/* ------------------------------------------------------------------------ */

static void
hearth_welcome_dispose (GObject *object)
{
  HearthWelcome *self = HEARTH_WELCOME (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_WELCOME);

  G_OBJECT_CLASS (hearth_welcome_parent_class)->dispose (object);
}

static void
hearth_welcome_finalize (GObject *object)
{
  HearthWelcome *self = HEARTH_WELCOME (object);

  g_free (self->folder);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_welcome_parent_class)->finalize (object);
}

static void
hearth_welcome_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthWelcome *self = HEARTH_WELCOME (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, hearth_welcome_get_can_go_back (self));
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_welcome_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthWelcome *self = HEARTH_WELCOME (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      hearth_welcome_set_folder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_welcome_class_init (HearthWelcomeClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_welcome_dispose;
  object_class->finalize = hearth_welcome_finalize;
  object_class->get_property = hearth_welcome_get_property;
  object_class->set_property = hearth_welcome_set_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthWelcome::journal-created:
   * @journal: the new journal, unlocked, loaded and joined
   */
  signals[JOURNAL_CREATED] =
    g_signal_new ("journal-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HEARTH_TYPE_JOURNAL);
  /**
   * HearthWelcome::journal-chosen:
   * @journal: the partner's journal, opened (and maybe locked) to join
   */
  signals[JOURNAL_CHOSEN] =
    g_signal_new ("journal-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HEARTH_TYPE_JOURNAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, join_error_label);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, form);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, name_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, me_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, partner_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, me_color);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, partner_color);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, folder_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, folder_button);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, strength_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, remember_row);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, no_passphrase_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, no_passphrase_warning);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, error_label);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, create_button);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, progress_box);
  gtk_widget_class_bind_template_child (widget_class, HearthWelcome, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_create_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_join_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hearth_welcome_init (HearthWelcome *self)
{
  g_autofree char *default_path = hearth_journal_default_path ();
  GdkRGBA          orange, blue;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* The same defaults as the core: GNOME palette orange and blue. */
  gdk_rgba_parse (&orange, "#e66100");
  gdk_rgba_parse (&blue, "#3584e4");
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->me_color), FALSE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->partner_color), FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->me_color), &orange);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->partner_color), &blue);

  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 2);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 3);

  hearth_welcome_set_folder (self, default_path);
  hearth_welcome_update (self);
}

GtkWidget *
hearth_welcome_new (void)
{
  return g_object_new (HEARTH_TYPE_WELCOME, NULL);
}

/**
 * hearth_welcome_set_settings:
 * @settings: (nullable): where the folder of a new journal is remembered
 */
void
hearth_welcome_set_settings (HearthWelcome *self,
                             GSettings     *settings)
{
  g_return_if_fail (HEARTH_IS_WELCOME (self));

  g_set_object (&self->settings, settings);
}

/**
 * hearth_welcome_get_can_go_back:
 * Returns: whether the welcome shows a step that Back leaves
 */
gboolean
hearth_welcome_get_can_go_back (HearthWelcome *self)
{
  g_return_val_if_fail (HEARTH_IS_WELCOME (self), FALSE);
  return !self->busy && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") != 0;
}

void
hearth_welcome_go_back (HearthWelcome *self)
{
  g_return_if_fail (HEARTH_IS_WELCOME (self));

  if (!hearth_welcome_get_can_go_back (self))
    return;
  gtk_stack_set_visible_child_name (self->stack, "start");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

/**
 * hearth_welcome_reset:
 *
 * Shows the first step again, forgetting the passphrases typed.
 */
void
hearth_welcome_reset (HearthWelcome *self)
{
  g_return_if_fail (HEARTH_IS_WELCOME (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->join_error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "start");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

/**
 * hearth_welcome_set_folder:
 * @path: where to create the journal
 */
void
hearth_welcome_set_folder (HearthWelcome *self,
                           const char    *path)
{
  g_autofree char *display = NULL;

  g_return_if_fail (HEARTH_IS_WELCOME (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (self->folder, path) == 0)
    return;
  g_free (self->folder);
  self->folder = g_strdup (path);
  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->folder_row, display);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

const char *
hearth_welcome_get_folder (HearthWelcome *self)
{
  g_return_val_if_fail (HEARTH_IS_WELCOME (self), NULL);
  return self->folder;
}

/**
 * hearth_welcome_join:
 * @path: the folder of the partner's journal
 *
 * Opens the journal in @path and hands it on with
 * HearthWelcome::journal-chosen, or says why it cannot be opened.
 */
static void
join_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HearthWelcome) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open_finish (result, &error);

  if (journal == NULL)
    {
      gtk_label_set_text (self->join_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->join_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->join_error_label), FALSE);
  g_signal_emit (self, signals[JOURNAL_CHOSEN], 0, journal);
}

void
hearth_welcome_join (HearthWelcome *self,
                     const char    *path)
{
  g_return_if_fail (HEARTH_IS_WELCOME (self));

  /* The folder is read on a worker thread. */
  hearth_journal_open_async (path, NULL, join_opened, g_object_ref (self));
}
