/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "hearth-backups-page.h"
#include "hearth-export.h"
#include "hearth-folder-chooser.h"
#include "hearth-keyring.h"
#include "hearth-preferences-window.h"
#include "hearth-reminder-status.h"
#include "hearth-settings.h"

/* The choices of "Lock After Idle", in the order of the combo row. */
static const guint auto_lock_minutes[] = { 0, 5, 15, 30, 60 };

struct _HearthPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwActionRow        *folder_row;
  AdwActionRow        *change_passphrase_row;
  GtkSpinner          *change_spinner;
  AdwActionRow        *forget_row;
  GtkButton           *forget_button;
  AdwComboRow         *auto_lock_row;
  AdwPreferencesGroup *background_group;
  GtkSwitch           *background_switch;
  GtkSwitch           *autostart_switch;

  HearthJournal        *journal;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              export_html;   /* what the chooser saves, HTML or Markdown */
  GtkWindow            *change_dialog; /* weak */
  /* The change dialog's rows, while it is open. */
  AdwEntryRow          *old_row;
  AdwEntryRow          *new_row;
  AdwEntryRow          *repeat_row;
};

G_DEFINE_FINAL_TYPE (HearthPreferencesWindow, hearth_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  OPEN_JOURNAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hearth_preferences_window_toast (HearthPreferencesWindow *self,
                                 const char              *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* ------------------------------------------------------------------------ */
/* Journal                                                                   */

static void
open_other_chosen (HearthPreferencesWindow *self,
                   const char              *path)
{
  /* Opening another journal closes this window. */
  g_signal_emit (self, signals[OPEN_JOURNAL], 0, path);
}

static void
on_open_other_activated (HearthPreferencesWindow *self)
{
  hearth_choose_folder (&self->chooser, GTK_WINDOW (self), _ ("Open Another Journal"), _ ("_Open"),
                        self, G_CALLBACK (open_other_chosen));
}

/* ------------------------------------------------------------------------ */
/* Passphrase                                                                */

typedef struct
{
  HearthJournal *journal;
  char          *old_passphrase;
  char          *new_passphrase;
} ChangeData;

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->journal);
  wipe_free (data->old_passphrase);
  wipe_free (data->new_passphrase);
  g_free (data);
}

/* Deriving two keys takes seconds; the manifest is only read by unlocking,
 * which cannot happen while the journal is open, so a worker may do it. */
static void
change_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  GError     *error = NULL;

  if (hearth_journal_change_passphrase (data->journal, data->old_passphrase,
                                        data->new_passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
keyring_updated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(HearthPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_keyring_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    hearth_preferences_window_toast (self, error->message);
}

static void
keyring_lookup_for_change_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthPreferencesWindow *self = g_task_get_source_object (task);
  ChangeData              *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  /* Only a passphrase that was remembered is replaced: choosing not to
   * remember it stays a choice. */
  secret = hearth_keyring_lookup_finish (result, &error);
  if (secret != NULL)
    hearth_keyring_store_async (hearth_journal_get_id (data->journal), data->new_passphrase,
                                self->cancellable, keyring_updated_cb, g_object_ref (self));
  hearth_keyring_free_secret (secret);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HearthPreferencesWindow *self = HEARTH_PREFERENCES_WINDOW (source);
  GTask                   *task = G_TASK (result);
  ChangeData              *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->change_spinner), FALSE);
  gtk_spinner_set_spinning (self->change_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_passphrase_row), TRUE);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hearth_preferences_window_toast (self, error->message);
      return;
    }
  hearth_keyring_lookup_async (hearth_journal_get_id (data->journal), NULL,
                               keyring_lookup_for_change_cb, g_object_ref (task));
  hearth_preferences_window_toast (self, _ ("The passphrase was changed. Tell your partner the new one."));
}

static void
on_change_rows_changed (HearthPreferencesWindow *self)
{
  const char *old_text = gtk_editable_get_text (GTK_EDITABLE (self->old_row));
  const char *new_text = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->change_dialog), "change",
                                           *old_text != '\0' && *new_text != '\0' &&
                                             g_strcmp0 (new_text, repeat) == 0);
}

static void
on_change_response (HearthPreferencesWindow *self,
                    const char              *response,
                    AdwMessageDialog        *dialog)
{
  g_autoptr(GTask) task = NULL;
  ChangeData *data;

  if (g_strcmp0 (response, "change") != 0)
    return;

  data = g_new0 (ChangeData, 1);
  data->journal = g_object_ref (self->journal);
  data->old_passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->old_row)));
  data->new_passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->change_passphrase_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->change_spinner), TRUE);
  gtk_spinner_set_spinning (self->change_spinner, TRUE);

  task = g_task_new (self, self->cancellable, change_done_cb, NULL);
  g_task_set_source_tag (task, on_change_response);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);
  g_task_run_in_thread (task, change_thread);
}

static AdwEntryRow *
add_password_row (GtkListBox *list,
                  const char *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

/* Closes the change dialog, if one is open, and lets go of its rows. */
static void
forget_change_dialog (HearthPreferencesWindow *self)
{
  if (self->change_dialog != NULL)
    {
      /* An entry row that still has the focus while its window goes away
       * trips libadwaita 1.2. */
      gtk_window_set_focus (self->change_dialog, NULL);
      gtk_window_destroy (self->change_dialog);
    }
  g_clear_weak_pointer (&self->change_dialog);
  g_clear_weak_pointer (&self->old_row);
  g_clear_weak_pointer (&self->new_row);
  g_clear_weak_pointer (&self->repeat_row);
}

static void
on_change_passphrase_activated (HearthPreferencesWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *list;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Change Passphrase"),
                                   _ ("Everything stays as it is; only the passphrase that opens the journal changes. Your partner will need the new one too.\n\n"
                                      "The key inside the journal stays the same: someone who knows the old passphrase and has an old copy of the journal folder, such as a backup, can still read it, including what you write from now on."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  forget_change_dialog (self);
  self->change_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->change_dialog);
  self->old_row = add_password_row (GTK_LIST_BOX (list), _ ("_Current Passphrase"));
  self->new_row = add_password_row (GTK_LIST_BOX (list), _ ("_New Passphrase"));
  self->repeat_row = add_password_row (GTK_LIST_BOX (list), _ ("_Repeat New Passphrase"));
  g_object_add_weak_pointer (G_OBJECT (self->old_row), (gpointer *) &self->old_row);
  g_object_add_weak_pointer (G_OBJECT (self->new_row), (gpointer *) &self->new_row);
  g_object_add_weak_pointer (G_OBJECT (self->repeat_row), (gpointer *) &self->repeat_row);
  g_signal_connect_object (self->old_row, "changed", G_CALLBACK (on_change_rows_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_row, "changed", G_CALLBACK (on_change_rows_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->repeat_row, "changed", G_CALLBACK (on_change_rows_changed), self, G_CONNECT_SWAPPED);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "change", _ ("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_change_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Says whether this computer remembers the passphrase: without it Hearth
 * asks each time and reminders cannot arrive while the journal is locked. */
static void
hearth_preferences_window_show_remembered (HearthPreferencesWindow *self,
                                           gboolean                 remembered)
{
  adw_action_row_set_subtitle (self->forget_row,
                               remembered
                                 ? _ ("This computer opens the journal without asking. Forget it to type the passphrase each time; reminders then cannot arrive while the journal is locked.")
                                 : _ ("Not remembered on this computer. Reminders need it remembered to arrive while the journal is locked."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->forget_button), remembered);
}

static void
remembered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HearthPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = hearth_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->forget_row, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->forget_button), FALSE);
    }
  else
    hearth_preferences_window_show_remembered (self, secret != NULL);
  hearth_keyring_free_secret (secret);
}

static void
forget_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_keyring_clear_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hearth_preferences_window_toast (self, error->message);
      return;
    }
  hearth_preferences_window_show_remembered (self, FALSE);
  hearth_preferences_window_toast (self, _ ("This computer no longer remembers the passphrase."));
}

static void
on_forget_clicked (HearthPreferencesWindow *self)
{
  hearth_keyring_clear_async (hearth_journal_get_id (self->journal), self->cancellable,
                              forget_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Auto-lock                                                                 */

static void
hearth_preferences_window_sync_auto_lock (HearthPreferencesWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  guint best = 0;

  /* A value set elsewhere shows as the nearest choice. */
  for (guint i = 0; i < G_N_ELEMENTS (auto_lock_minutes); i++)
    if (ABS ((int) auto_lock_minutes[i] - (int) minutes) <
        ABS ((int) auto_lock_minutes[best] - (int) minutes))
      best = i;
  if (adw_combo_row_get_selected (self->auto_lock_row) != best)
    adw_combo_row_set_selected (self->auto_lock_row, best);
}

static void
on_auto_lock_selected (HearthPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->auto_lock_row);

  if (self->settings == NULL || selected >= G_N_ELEMENTS (auto_lock_minutes))
    return;
  if (g_settings_get_uint (self->settings, "auto-lock-minutes") != auto_lock_minutes[selected])
    g_settings_set_uint (self->settings, "auto-lock-minutes", auto_lock_minutes[selected]);
}

static void
on_auto_lock_setting_changed (HearthPreferencesWindow *self)
{
  hearth_preferences_window_sync_auto_lock (self);
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static void
export_response_cb (HearthPreferencesWindow *self,
                    int                      response,
                    GtkFileChooserNative    *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean html = self->export_html;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      hearth_preferences_window_toast (self, _ ("The export can only be saved in a folder on this computer."));
      return;
    }

  text = html ? hearth_export_html (self->journal) : hearth_export_markdown (self->journal);
  /* Readable by this account only: it is the whole journal, unencrypted. */
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("The export could not be saved: %s"), error->message);
      hearth_preferences_window_toast (self, message);
      return;
    }
  {
    g_autofree char *display = g_filename_display_basename (path);
    g_autofree char *message = g_strdup_printf (_ ("Exported to %s"), display);
    hearth_preferences_window_toast (self, message);
  }
}

static void
hearth_preferences_window_export (HearthPreferencesWindow *self,
                                  gboolean                 html)
{
  g_autofree char *name = NULL;
  const char      *journal_name = hearth_journal_get_name (self->journal);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (html ? _ ("Export as HTML") : _ ("Export as Markdown"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = g_strconcat (journal_name && *journal_name ? journal_name : _ ("Hearth Journal"),
                      html ? ".html" : ".md", NULL);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  self->export_html = html;
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_markdown_activated (HearthPreferencesWindow *self)
{
  hearth_preferences_window_export (self, FALSE);
}

static void
on_export_html_activated (HearthPreferencesWindow *self)
{
  hearth_preferences_window_export (self, TRUE);
}

/* ------------------------------------------------------------------------ */

static void
hearth_preferences_window_dispose (GObject *object)
{
  HearthPreferencesWindow *self = HEARTH_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* Before the template goes: the dialog's rows must not outlive it half
   * torn down (the journal locking closes this window at any moment). */
  forget_change_dialog (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->journal);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_preferences_window_parent_class)->dispose (object);
}

static void
hearth_preferences_window_class_init (HearthPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * HearthPreferencesWindow::open-journal:
   * @path: the folder the person chose
   *
   * Open Another Journal was chosen: the window opens @path.
   */
  signals[OPEN_JOURNAL] =
    g_signal_new ("open-journal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  object_class->dispose = hearth_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, change_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, change_spinner);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, forget_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, background_group);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_open_other_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_change_passphrase_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_auto_lock_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_export_markdown_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_export_html_activated);
}

static void
hearth_preferences_window_init (HearthPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * hearth_preferences_window_new:
 * @parent: the main window, which it is transient for
 * @journal: the journal it shows
 * @settings: (nullable): Hearth's settings, %NULL without the schema
 * @reminders: (nullable): the reminder service, whose state it shows
 *
 * Returns: (transfer none): the preferences window, not yet shown
 */
GtkWidget *
hearth_preferences_window_new (GtkWindow             *parent,
                               HearthJournal         *journal,
                               GSettings             *settings,
                               HearthReminderService *reminders)
{
  HearthPreferencesWindow *self;
  g_autofree char         *folder = NULL;
  gboolean                 encrypted;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (reminders == NULL || HEARTH_IS_REMINDER_SERVICE (reminders), NULL);

  self = g_object_new (HEARTH_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->journal = g_object_ref (journal);
  /* Whether reminders can arrive, right under the background settings. */
  if (reminders != NULL)
    {
      GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self->background_group), ADW_TYPE_PREFERENCES_PAGE);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                                ADW_PREFERENCES_GROUP (hearth_reminder_status_new (reminders)));
    }

  folder = g_filename_display_name (hearth_journal_get_path (journal));
  adw_action_row_set_subtitle (self->folder_row, folder);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (hearth_backups_page_new (journal)));

  encrypted = hearth_journal_is_encrypted (journal);
  gtk_widget_set_visible (GTK_WIDGET (self->change_passphrase_row),
                          encrypted && !hearth_journal_is_read_only (journal));
  gtk_widget_set_visible (GTK_WIDGET (self->forget_row), encrypted);
  gtk_widget_set_visible (GTK_WIDGET (self->auto_lock_row), encrypted);
  if (encrypted)
    hearth_keyring_lookup_async (hearth_journal_get_id (journal), self->cancellable,
                                 remembered_cb, g_object_ref (self));

  /* NULL without the schema (hearth_settings_new()). */
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (self->settings != NULL)
    {
      hearth_preferences_window_sync_auto_lock (self);
      g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                               G_CALLBACK (on_auto_lock_setting_changed), self, G_CONNECT_SWAPPED);
      g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "autostart", self->autostart_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->auto_lock_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->background_group), FALSE);
    }

  return GTK_WIDGET (self);
}
