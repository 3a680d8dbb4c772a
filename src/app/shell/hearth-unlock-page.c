/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-error.h"
#include "hearth-keyring.h"
#include "hearth-unlock-page.h"

/**
 * HearthUnlockPage:
 *
 * Asks for the passphrase of a locked journal and unlocks it off the main
 * thread. A wrong passphrase is said plainly below the entry and what was
 * typed stays, selected, so it can be corrected or typed again.
 */
struct _HearthUnlockPage
{
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  AdwEntryRow   *passphrase_row;
  AdwActionRow  *remember_row;
  GtkSwitch     *remember_switch;
  GtkLabel      *error_label;
  GtkLabel      *note_label;
  GtkButton     *unlock_button;
  GtkBox        *progress_box;
  GtkSpinner    *spinner;

  HearthJournal *journal;
  GCancellable  *cancellable;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (HearthUnlockPage, hearth_unlock_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

enum
{
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
hearth_unlock_page_update (HearthUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  /* Not insensitive: the entry keeps the focus, to retype at once. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button),
                            !self->busy && self->journal != NULL && text != NULL && *text != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
hearth_unlock_page_set_busy (HearthUnlockPage *self,
                             gboolean          busy)
{
  self->busy = busy;
  hearth_unlock_page_update (self);
}

static void
keyring_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && overlay != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf ("%s %s", error->message,
                                                  _ ("Reminders need the passphrase remembered in the keyring."));
      adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
    }
}

static void
unlock_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthUnlockPage) self = user_data;
  HearthJournal *journal = HEARTH_JOURNAL (source);
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!hearth_journal_unlock_finish (journal, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || journal != self->journal)
        return;
      hearth_unlock_page_set_busy (self, FALSE);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
      return;
    }
  if (journal != self->journal)
    return;

  /* The toast of a keyring failure outlives this page being hidden. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (gtk_switch_get_active (self->remember_switch))
    hearth_keyring_store_async (hearth_journal_get_id (journal),
                                gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)),
                                NULL, keyring_done_cb,
                                overlay ? g_object_ref (overlay) : NULL);
  else
    hearth_keyring_clear_async (hearth_journal_get_id (journal), NULL, keyring_done_cb,
                                overlay ? g_object_ref (overlay) : NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  hearth_unlock_page_set_busy (self, FALSE);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
hearth_unlock_page_unlock (HearthUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (self->busy || self->journal == NULL || text == NULL || *text == '\0')
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  hearth_unlock_page_set_busy (self, TRUE);
  hearth_journal_unlock_async (self->journal, text, self->cancellable,
                               unlock_cb, g_object_ref (self));
}

static void
on_unlock_clicked (HearthUnlockPage *self)
{
  hearth_unlock_page_unlock (self);
}

static void
on_entry_activated (HearthUnlockPage *self)
{
  hearth_unlock_page_unlock (self);
}

static void
on_passphrase_changed (HearthUnlockPage *self)
{
  hearth_unlock_page_update (self);
}

static void
hearth_unlock_page_map (GtkWidget *widget)
{
  HearthUnlockPage *self = HEARTH_UNLOCK_PAGE (widget);
  GtkRoot          *root;

  GTK_WIDGET_CLASS (hearth_unlock_page_parent_class)->map (widget);

  /* Enter anywhere on the page unlocks. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->unlock_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
hearth_unlock_page_unmap (GtkWidget *widget)
{
  HearthUnlockPage *self = HEARTH_UNLOCK_PAGE (widget);
  GtkRoot          *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root) &&
      gtk_window_get_default_widget (GTK_WINDOW (root)) == GTK_WIDGET (self->unlock_button))
    gtk_window_set_default_widget (GTK_WINDOW (root), NULL);

  GTK_WIDGET_CLASS (hearth_unlock_page_parent_class)->unmap (widget);
}

static void
hearth_unlock_page_dispose (GObject *object)
{
  HearthUnlockPage *self = HEARTH_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_UNLOCK_PAGE);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_unlock_page_parent_class)->dispose (object);
}

static void
hearth_unlock_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HearthUnlockPage *self = HEARTH_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_unlock_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HearthUnlockPage *self = HEARTH_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      hearth_unlock_page_set_journal (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_unlock_page_class_init (HearthUnlockPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_unlock_page_dispose;
  object_class->get_property = hearth_unlock_page_get_property;
  object_class->set_property = hearth_unlock_page_set_property;
  widget_class->map = hearth_unlock_page_map;
  widget_class->unmap = hearth_unlock_page_unmap;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthUnlockPage::unlocked:
   *
   * Emitted when the journal was unlocked with the typed passphrase.
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, remember_row);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, HearthUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hearth_unlock_page_init (HearthUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hearth_unlock_page_new (void)
{
  return g_object_new (HEARTH_TYPE_UNLOCK_PAGE, NULL);
}

/**
 * hearth_unlock_page_set_journal:
 * @journal: (nullable): the locked journal to unlock
 */
void
hearth_unlock_page_set_journal (HearthUnlockPage *self,
                                HearthJournal    *journal)
{
  g_return_if_fail (HEARTH_IS_UNLOCK_PAGE (self));
  g_return_if_fail (journal == NULL || HEARTH_IS_JOURNAL (journal));

  if (self->journal == journal)
    return;

  /* An unlock still running belongs to the journal shown before. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;

  g_set_object (&self->journal, journal);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (journal != NULL)
    {
      g_autofree char *base = g_path_get_basename (hearth_journal_get_path (journal));
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *description = NULL;

      /* Translators: %s is the name of the journal's folder. */
      description = g_strdup_printf (_ ("Type the passphrase of the journal in the folder “%s”."), name);
      adw_status_page_set_description (self->status_page, description);
    }
  hearth_unlock_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL]);
}

/**
 * hearth_unlock_page_get_journal:
 * Returns: (transfer none) (nullable): the journal to unlock
 */
HearthJournal *
hearth_unlock_page_get_journal (HearthUnlockPage *self)
{
  g_return_val_if_fail (HEARTH_IS_UNLOCK_PAGE (self), NULL);
  return self->journal;
}

/**
 * hearth_unlock_page_set_note:
 * @note: (nullable): a sentence below the form, e.g. why the keyring did
 *   not help
 */
void
hearth_unlock_page_set_note (HearthUnlockPage *self,
                             const char       *note)
{
  g_return_if_fail (HEARTH_IS_UNLOCK_PAGE (self));

  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
}
