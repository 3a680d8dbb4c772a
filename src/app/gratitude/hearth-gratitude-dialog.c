/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-day-picker.h"
#include "hearth-gratitude.h"
#include "hearth-gratitude-dialog.h"
#include "hearth-partner.h"

/* "What did you appreciate about Sam?": adds a gratitude note from this
 * device's partner to the other one, from anywhere (Ctrl+G), or edits one of
 * one's own notes. Errors stay in the dialog, with the words still there. */
struct _HearthGratitudeDialog
{
  AdwWindow parent_instance;

  GtkLabel        *question;
  AdwEntryRow     *text_row;
  HearthDayPicker *day_picker;
  GtkWidget       *save_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwWindowTitle  *window_title;

  HearthJournal *journal;
  HearthRecord  *note;
};

G_DEFINE_FINAL_TYPE (HearthGratitudeDialog, hearth_gratitude_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_JOURNAL,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_text (HearthGratitudeDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));
}

static void
update_sensitivity (HearthGratitudeDialog *self)
{
  g_autofree char *text = dup_text (self);

  gtk_widget_set_sensitive (self->save_button, text[0] != '\0');
}

static void
on_text_changed (HearthGratitudeDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  update_sensitivity (self);
}

static void
show_error (HearthGratitudeDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
hearth_gratitude_dialog_save (HearthGratitudeDialog *self)
{
  g_autoptr(HearthRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);

  if (text[0] == '\0')
    return;

  if (self->note != NULL)
    {
      record = hearth_record_copy (self->note);
    }
  else
    {
      const char *me = hearth_journal_get_me (self->journal);
      const char *partner = hearth_journal_get_partner_id (self->journal);

      if (me == NULL || partner == NULL)
        {
          show_error (self, _ ("This computer has not joined the journal yet, so there is no one to thank from here."));
          return;
        }
      record = hearth_journal_new_record (self->journal, "gratitude", NULL);
      hearth_gratitude_set_from (HEARTH_GRATITUDE (record), me);
      hearth_gratitude_set_to (HEARTH_GRATITUDE (record), partner);
    }
  hearth_gratitude_set_text (HEARTH_GRATITUDE (record), text);
  hearth_gratitude_set_date (HEARTH_GRATITUDE (record), hearth_day_picker_get_date (self->day_picker));

  if (!hearth_journal_queue_save (self->journal, record, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (HearthGratitudeDialog *self)
{
  hearth_gratitude_dialog_save (self);
}

static void
on_entry_activated (HearthGratitudeDialog *self)
{
  hearth_gratitude_dialog_save (self);
}

static const char *
partner_name (HearthGratitudeDialog *self,
              const char            *id)
{
  HearthRecord *partner = id ? hearth_journal_get_partner (self->journal, id) : NULL;

  if (partner != NULL && hearth_partner_get_name (HEARTH_PARTNER (partner)) != NULL)
    return hearth_partner_get_name (HEARTH_PARTNER (partner));
  /* Translators: stands for the partner's name in “What did you appreciate
   * about %s?” when the partner has none */
  return _ ("your partner");
}

static void
hearth_gratitude_dialog_constructed (GObject *object)
{
  HearthGratitudeDialog *self = HEARTH_GRATITUDE_DIALOG (object);
  g_autofree char       *question = NULL;
  const char            *to;

  G_OBJECT_CLASS (hearth_gratitude_dialog_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  if (self->note != NULL)
    {
      to = hearth_gratitude_get_to (HEARTH_GRATITUDE (self->note));
      adw_window_title_set_title (self->window_title, _ ("Edit Note"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _ ("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->text_row),
                             hearth_gratitude_get_text (HEARTH_GRATITUDE (self->note)) ?: "");
      hearth_day_picker_set_date (self->day_picker, hearth_gratitude_get_date (HEARTH_GRATITUDE (self->note)));
    }
  else
    {
      to = hearth_journal_get_partner_id (self->journal);
    }

  /* Translators: %s is the partner's name */
  question = g_strdup_printf (_ ("What did you appreciate about %s?"), partner_name (self, to));
  gtk_label_set_text (self->question, question);
  update_sensitivity (self);
}

static void
hearth_gratitude_dialog_dispose (GObject *object)
{
  HearthGratitudeDialog *self = HEARTH_GRATITUDE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_GRATITUDE_DIALOG);
  g_clear_object (&self->journal);
  g_clear_object (&self->note);

  G_OBJECT_CLASS (hearth_gratitude_dialog_parent_class)->dispose (object);
}

static void
hearth_gratitude_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HearthGratitudeDialog *self = HEARTH_GRATITUDE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_gratitude_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  HearthGratitudeDialog *self = HEARTH_GRATITUDE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_gratitude_dialog_class_init (HearthGratitudeDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_gratitude_dialog_constructed;
  object_class->dispose = hearth_gratitude_dialog_dispose;
  object_class->get_property = hearth_gratitude_dialog_get_property;
  object_class->set_property = hearth_gratitude_dialog_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthGratitudeDialog:note:
   * The note being edited, or %NULL to add a new one.
   */
  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL, HEARTH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_DAY_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-gratitude-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, question);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, day_picker);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HearthGratitudeDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_gratitude_dialog_init (HearthGratitudeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_gratitude_dialog_new:
 * @journal: the journal to save into
 * @note: (nullable): one's own note to edit, or %NULL to add one
 *
 * Returns: (transfer floating): a new dialog; present it with
 *   gtk_window_present()
 */
HearthGratitudeDialog *
hearth_gratitude_dialog_new (HearthJournal *journal,
                             HearthRecord  *note)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (note == NULL || HEARTH_IS_RECORD (note), NULL);

  return g_object_new (HEARTH_TYPE_GRATITUDE_DIALOG,
                       "journal", journal,
                       "note", note,
                       NULL);
}

static void
present_dialog (GtkWindow     *parent,
                HearthJournal *journal,
                HearthRecord  *note)
{
  HearthGratitudeDialog *dialog = hearth_gratitude_dialog_new (journal, note);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * hearth_gratitude_dialog_present:
 * @parent: (nullable): the window the dialog belongs to
 * @journal: the journal to save into
 *
 * Shows the quick-add dialog ("What did you appreciate about Sam?"), modal
 * over @parent. Enter adds, Escape closes.
 */
void
hearth_gratitude_dialog_present (GtkWindow     *parent,
                                 HearthJournal *journal)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (HEARTH_IS_JOURNAL (journal));

  present_dialog (parent, journal, NULL);
}

/**
 * hearth_gratitude_dialog_present_edit:
 * @parent: (nullable): the window the dialog belongs to
 * @journal: the journal to save into
 * @note: the note to change
 *
 * Shows the dialog filled with @note; saving writes a new version of it.
 */
void
hearth_gratitude_dialog_present_edit (GtkWindow     *parent,
                                      HearthJournal *journal,
                                      HearthRecord  *note)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (HEARTH_IS_JOURNAL (journal));
  g_return_if_fail (HEARTH_IS_RECORD (note));

  present_dialog (parent, journal, note);
}
