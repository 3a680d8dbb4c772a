/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-journal-info.h"
#include "hearth-questions-editor.h"

/* The couple's check-in questions: add, reword, reorder, remove. Nothing is
 * written until Save, which puts the list into the `journal` record's
 * `checkin_questions`, shared with the partner's device. */

struct _HearthQuestionsEditor
{
  AdwWindow parent_instance;

  HearthJournal *journal;
  GPtrArray     *questions; /* char *, in order */

  AdwToastOverlay *toast_overlay;
  GtkListBox      *questions_list;
  AdwEntryRow     *new_row;
  GtkWidget       *add_button;
};

G_DEFINE_FINAL_TYPE (HearthQuestionsEditor, hearth_questions_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * hearth_checkin_dup_default_questions:
 *
 * The questions a couple starts with, in the reader's language.
 *
 * Returns: (transfer full): a %NULL-terminated list
 */
GStrv
hearth_checkin_dup_default_questions (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, _ ("How have you been feeling lately?"));
  g_strv_builder_add (builder, _ ("How are you feeling about us?"));
  g_strv_builder_add (builder, _ ("What can I do to support you right now?"));
  g_strv_builder_add (builder, _ ("Is there something you need more of from me?"));
  g_strv_builder_add (builder, _ ("What was a moment this week when you felt close to me?"));
  return g_strv_builder_end (builder);
}

/**
 * hearth_checkin_dup_questions:
 * @journal: a journal
 *
 * The couple's check-in questions, or the suggested ones while they have
 * not chosen their own.
 *
 * Returns: (transfer full): a %NULL-terminated list, never empty
 */
GStrv
hearth_checkin_dup_questions (HearthJournal *journal)
{
  HearthRecord *info;
  g_auto(GStrv) stored = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 0;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  info = hearth_journal_get_info (journal);
  if (info != NULL)
    stored = hearth_journal_info_dup_checkin_questions (info);

  builder = g_strv_builder_new ();
  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    {
      g_autofree char *question = g_strstrip (g_strdup (stored[i]));

      if (*question == '\0')
        continue;
      g_strv_builder_add (builder, question);
      n++;
    }
  if (n == 0)
    return hearth_checkin_dup_default_questions ();
  return g_strv_builder_end (builder);
}

static void rebuild (HearthQuestionsEditor *self,
                     int                    focus_index,
                     const char            *focus_button);

/* The list holds one row a question, in their order. */
static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row ? (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : G_MAXUINT;
}

static void
on_row_changed (GtkEditable           *row,
                HearthQuestionsEditor *self)
{
  guint index = row_index (GTK_WIDGET (row));

  if (index >= self->questions->len)
    return;
  g_free (g_ptr_array_index (self->questions, index));
  g_ptr_array_index (self->questions, index) = g_strdup (gtk_editable_get_text (row));
}

static void
on_up_clicked (GtkButton             *button,
               HearthQuestionsEditor *self)
{
  hearth_questions_editor_move (self, row_index (GTK_WIDGET (button)), -1);
}

static void
on_down_clicked (GtkButton             *button,
                 HearthQuestionsEditor *self)
{
  hearth_questions_editor_move (self, row_index (GTK_WIDGET (button)), 1);
}

static void
on_remove_clicked (GtkButton             *button,
                   HearthQuestionsEditor *self)
{
  hearth_questions_editor_remove (self, row_index (GTK_WIDGET (button)));
}

static GtkWidget *
row_button (HearthQuestionsEditor *self,
            GCallback              on_clicked,
            const char            *icon,
            const char            *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", on_clicked, self);
  return button;
}

/* Rows are made again after every add, move and removal; the focus goes back
 * to the same button of the row that moved, so reordering by keyboard
 * flows. */
static void
rebuild (HearthQuestionsEditor *self,
         int                    focus_index,
         const char            *focus_button)
{
  GtkWidget *child, *focus = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list))))
    gtk_list_box_remove (self->questions_list, child);

  for (guint i = 0; i < self->questions->len; i++)
    {
      GtkWidget       *row = adw_entry_row_new ();
      GtkWidget       *up, *down, *remove;
      /* Translators: the title of a question's row in the editor, e.g. "Question 2" */
      g_autofree char *title = g_strdup_printf (_ ("Question %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), g_ptr_array_index (self->questions, i));
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed), self);

      up = row_button (self, G_CALLBACK (on_up_clicked), "go-up-symbolic", _ ("Move Up"));
      down = row_button (self, G_CALLBACK (on_down_clicked), "go-down-symbolic", _ ("Move Down"));
      remove = row_button (self, G_CALLBACK (on_remove_clicked), "user-trash-symbolic", _ ("Remove"));
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->questions->len);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      gtk_list_box_append (self->questions_list, row);

      if ((int) i == focus_index && focus_button != NULL)
        {
          if (g_str_equal (focus_button, "up"))
            focus = gtk_widget_get_sensitive (up) ? up : down;
          else if (g_str_equal (focus_button, "down"))
            focus = gtk_widget_get_sensitive (down) ? down : up;
          else
            focus = row;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->questions_list), self->questions->len > 0);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_new_changed (HearthQuestionsEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row))));

  gtk_widget_set_sensitive (self->add_button, *text != '\0');
}

static void
on_add_clicked (HearthQuestionsEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row))));

  if (*text == '\0')
    return;
  hearth_questions_editor_add (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
}

static void
set_questions (HearthQuestionsEditor *self,
               GStrv                  questions)
{
  g_ptr_array_set_size (self->questions, 0);
  for (guint i = 0; questions[i] != NULL; i++)
    g_ptr_array_add (self->questions, g_strdup (questions[i]));
  rebuild (self, -1, NULL);
}

static void
on_defaults_clicked (HearthQuestionsEditor *self)
{
  g_auto(GStrv) defaults = hearth_checkin_dup_default_questions ();

  set_questions (self, defaults);
}

static void
on_save_clicked (HearthQuestionsEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!hearth_questions_editor_save (self, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * hearth_questions_editor_dup_questions:
 *
 * Returns: (transfer full): the questions as the list shows them now,
 *   trimmed, without empty ones
 */
GStrv
hearth_questions_editor_dup_questions (HearthQuestionsEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self), NULL);

  for (guint i = 0; i < self->questions->len; i++)
    {
      g_autofree char *question = g_strstrip (g_strdup (g_ptr_array_index (self->questions, i)));

      if (*question != '\0')
        g_strv_builder_add (builder, question);
    }
  return g_strv_builder_end (builder);
}

void
hearth_questions_editor_add (HearthQuestionsEditor *self,
                             const char            *question)
{
  g_return_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self));
  g_return_if_fail (question != NULL);

  g_ptr_array_add (self->questions, g_strdup (question));
  rebuild (self, -1, NULL);
}

void
hearth_questions_editor_set_text (HearthQuestionsEditor *self,
                                  guint                  index,
                                  const char            *question)
{
  GtkListBoxRow *row;

  g_return_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self));
  g_return_if_fail (index < self->questions->len);

  /* Through the row, as typing would. */
  row = gtk_list_box_get_row_at_index (self->questions_list, (int) index);
  gtk_editable_set_text (GTK_EDITABLE (row), question);
}

/**
 * hearth_questions_editor_move:
 * @delta: -1 to move up, 1 to move down
 */
void
hearth_questions_editor_move (HearthQuestionsEditor *self,
                              guint                  index,
                              int                    delta)
{
  guint    to;
  gpointer question;

  g_return_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self));
  g_return_if_fail (index < self->questions->len);

  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= self->questions->len))
    return;
  to = delta < 0 ? index - 1 : index + 1;
  question = self->questions->pdata[index];
  self->questions->pdata[index] = self->questions->pdata[to];
  self->questions->pdata[to] = question;
  rebuild (self, (int) to, delta < 0 ? "up" : "down");
}

void
hearth_questions_editor_remove (HearthQuestionsEditor *self,
                                guint                  index)
{
  g_return_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self));
  g_return_if_fail (index < self->questions->len);

  g_ptr_array_remove_index (self->questions, index);
  rebuild (self, -1, NULL);
  if (self->questions->len > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->questions_list,
                                                          (int) MIN (index, self->questions->len - 1));
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
}

/**
 * hearth_questions_editor_save:
 *
 * Writes the list into the journal, where both partners' devices read it.
 *
 * Returns: %FALSE with @error set when the list is empty or the journal
 *   could not be written
 */
gboolean
hearth_questions_editor_save (HearthQuestionsEditor *self,
                              GError               **error)
{
  g_auto(GStrv) questions = NULL;
  g_autoptr(HearthRecord) copy = NULL;
  HearthRecord *info;

  g_return_val_if_fail (HEARTH_IS_QUESTIONS_EDITOR (self), FALSE);

  questions = hearth_questions_editor_dup_questions (self);
  if (questions[0] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("Keep at least one question to talk about."));
      return FALSE;
    }
  info = hearth_journal_get_info (self->journal);
  if (info == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("The journal’s shared settings are missing, so the questions cannot be saved. Check the journal folder from Preferences."));
      return FALSE;
    }

  copy = hearth_record_copy (info);
  hearth_journal_info_set_checkin_questions (copy, (const char *const *) questions);
  if (!hearth_journal_queue_save (self->journal, copy, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
hearth_questions_editor_dispose (GObject *object)
{
  HearthQuestionsEditor *self = HEARTH_QUESTIONS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_QUESTIONS_EDITOR);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_questions_editor_parent_class)->dispose (object);
}

static void
hearth_questions_editor_finalize (GObject *object)
{
  HearthQuestionsEditor *self = HEARTH_QUESTIONS_EDITOR (object);

  g_ptr_array_unref (self->questions);

  G_OBJECT_CLASS (hearth_questions_editor_parent_class)->finalize (object);
}

static void
hearth_questions_editor_class_init (HearthQuestionsEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_questions_editor_dispose;
  object_class->finalize = hearth_questions_editor_finalize;

  /**
   * HearthQuestionsEditor::saved:
   *
   * The questions were written into the journal.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-questions-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthQuestionsEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HearthQuestionsEditor, questions_list);
  gtk_widget_class_bind_template_child (widget_class, HearthQuestionsEditor, new_row);
  gtk_widget_class_bind_template_child (widget_class, HearthQuestionsEditor, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_new_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_questions_editor_init (HearthQuestionsEditor *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_questions_editor_new:
 * @journal: the journal whose questions to edit
 *
 * Returns: (transfer none): a new editor window; present it
 */
HearthQuestionsEditor *
hearth_questions_editor_new (HearthJournal *journal)
{
  HearthQuestionsEditor *self;
  g_auto(GStrv) questions = NULL;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  self = g_object_new (HEARTH_TYPE_QUESTIONS_EDITOR, NULL);
  self->journal = g_object_ref (journal);
  questions = hearth_checkin_dup_questions (journal);
  set_questions (self, questions);
  return self;
}
