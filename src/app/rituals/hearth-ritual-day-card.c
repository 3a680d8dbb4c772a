/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-ritual-day-card.h"
#include "hearth-stats.h"
#include "hearth-text.h"

/* One ritual on one day in the rituals page's day detail: its title, time
 * and length, who marked it, its state, a note on how it felt, and Done and
 * Skipped. The card only shows and asks: marking is the page's, through the
 * `mark` signal. */
struct _HearthRitualDayCard
{
  GtkWidget parent_instance;

  GtkLabel    *title;
  GtkLabel    *meta;
  GtkLabel    *state_pill;
  GtkEditable *note;
  GtkWidget   *buttons;
  GtkWidget   *skipped_button;
  GtkWidget   *done_button;

  HearthRitual         *ritual;
  char                 *ritual_id;
  char                 *date;          /* YYYY-MM-DD */
  char                 *occurrence_id; /* <ritual id>/<date> */
  char                 *marked_by;     /* the partner who marked it, when not me */
  const char           *status;        /* "done", "skipped" or NULL when not marked */
  HearthOccurrenceState state;
  gboolean              setting_note;
};

G_DEFINE_FINAL_TYPE (HearthRitualDayCard, hearth_ritual_day_card, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_MARK,
  SIGNAL_NOTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_label (HearthOccurrenceState state)
{
  switch (state)
    {
    case HEARTH_OCCURRENCE_DONE:
      return _ ("Done");
    case HEARTH_OCCURRENCE_SKIPPED:
      return _ ("Skipped");
    case HEARTH_OCCURRENCE_MISSED:
      return _ ("Missed");
    case HEARTH_OCCURRENCE_UPCOMING:
    default:
      return _ ("Upcoming");
    }
}

/* “10:30 · 60 minutes · marked by Sam” */
static void
update_meta (HearthRitualDayCard *self)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  const char *time = self->ritual ? hearth_ritual_get_time (self->ritual) : NULL;
  int         duration = self->ritual ? hearth_ritual_get_duration (self->ritual) : -1;

  if (time != NULL)
    g_string_append (meta, time);
  if (duration > 0)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append_printf (meta, g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) duration),
                              duration);
    }
  if (self->marked_by != NULL)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      /* TRANSLATORS: who marked a ritual done or skipped, e.g. "marked by Sam" */
      g_string_append_printf (meta, _ ("marked by %s"), self->marked_by);
    }
  gtk_label_set_text (self->meta, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->meta), meta->len > 0);
}

static void
update_occurrence_id (HearthRitualDayCard *self)
{
  g_clear_pointer (&self->occurrence_id, g_free);
  if (self->ritual_id != NULL && self->date != NULL)
    self->occurrence_id = g_strdup_printf ("%s/%s", self->ritual_id, self->date);
}

static void
emit_mark (HearthRitualDayCard *self,
           const char          *status)
{
  if (self->ritual_id == NULL || self->date == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_MARK], 0, status, gtk_editable_get_text (self->note));
}

static void
on_done_clicked (HearthRitualDayCard *self)
{
  emit_mark (self, "done");
}

static void
on_skipped_clicked (HearthRitualDayCard *self)
{
  emit_mark (self, "skipped");
}

/* Enter in the note: keep the mark there is with the new note, or mark the
 * day done when it is not marked yet and has come. */
static void
on_note_activate (HearthRitualDayCard *self)
{
  if (self->status != NULL)
    emit_mark (self, self->status);
  else if (gtk_widget_get_sensitive (self->done_button))
    gtk_widget_activate (self->done_button);
}

static void
on_note_changed (HearthRitualDayCard *self)
{
  if (!self->setting_note)
    g_signal_emit (self, signals[SIGNAL_NOTE_CHANGED], 0, gtk_editable_get_text (self->note));
}

static void
hearth_ritual_day_card_dispose (GObject *object)
{
  HearthRitualDayCard *self = HEARTH_RITUAL_DAY_CARD (object);
  GtkWidget           *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_RITUAL_DAY_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->ritual);

  G_OBJECT_CLASS (hearth_ritual_day_card_parent_class)->dispose (object);
}

static void
hearth_ritual_day_card_finalize (GObject *object)
{
  HearthRitualDayCard *self = HEARTH_RITUAL_DAY_CARD (object);

  g_free (self->ritual_id);
  g_free (self->date);
  g_free (self->occurrence_id);
  g_free (self->marked_by);

  G_OBJECT_CLASS (hearth_ritual_day_card_parent_class)->finalize (object);
}

static void
hearth_ritual_day_card_class_init (HearthRitualDayCardClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_ritual_day_card_dispose;
  object_class->finalize = hearth_ritual_day_card_finalize;

  /**
   * HearthRitualDayCard::mark:
   * @status: "done" or "skipped"
   * @note: the note as typed
   *
   * Done or Skipped was chosen, or Enter pressed in the note of a day
   * already marked.
   */
  signals[SIGNAL_MARK] =
    g_signal_new ("mark", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * HearthRitualDayCard::note-changed:
   * @note: the note as typed so far
   *
   * The person typed in the note (not emitted for hearth_ritual_day_card_set_note()).
   */
  signals[SIGNAL_NOTE_CHANGED] =
    g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-ritual-day-card.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, title);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, meta);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, state_pill);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, note);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, buttons);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, skipped_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualDayCard, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_skipped_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed);
}

static void
hearth_ritual_day_card_init (HearthRitualDayCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = HEARTH_OCCURRENCE_UPCOMING;
  gtk_label_set_text (self->state_pill, state_label (self->state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_pill), hearth_stats_state_name (self->state));
}

/**
 * hearth_ritual_day_card_new:
 *
 * Returns: (transfer floating): an empty card; give it a ritual and a day
 */
GtkWidget *
hearth_ritual_day_card_new (void)
{
  return g_object_new (HEARTH_TYPE_RITUAL_DAY_CARD, NULL);
}

/**
 * hearth_ritual_day_card_set_ritual:
 * @ritual: the ritual the card is about
 *
 * Shows @ritual's title, time and length, and names the note after it.
 */
void
hearth_ritual_day_card_set_ritual (HearthRitualDayCard *self,
                                   HearthRitual        *ritual)
{
  g_autofree char *note_label = NULL;

  g_return_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self));
  g_return_if_fail (HEARTH_IS_RITUAL (ritual));

  g_set_object (&self->ritual, ritual);
  g_free (self->ritual_id);
  self->ritual_id = g_strdup (hearth_record_get_id (HEARTH_RECORD (ritual)));
  update_occurrence_id (self);

  gtk_label_set_text (self->title, hearth_ritual_get_title (ritual));
  /* TRANSLATORS: the accessible name of the note about one ritual, e.g. "How did it feel? Sunday walk" */
  note_label = g_strdup_printf (_ ("How did it feel? %s"), hearth_ritual_get_title (ritual));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_PROPERTY_LABEL, note_label, -1);
  update_meta (self);
}

/**
 * hearth_ritual_day_card_set_day:
 * @day: the day shown
 * @today: today, which decides whether @day is missed, upcoming or not come yet
 * @occurrence: (nullable): the mark of the ritual on @day, or %NULL when unmarked
 * @marked_by: (nullable): the name of the partner who marked it, %NULL when
 *   unmarked or marked by me
 *
 * Shows the state of the ritual on @day. Done is for a day that has come;
 * skipping one ahead is fine.
 */
void
hearth_ritual_day_card_set_day (HearthRitualDayCard *self,
                                const GDate         *day,
                                const GDate         *today,
                                HearthOccurrence    *occurrence,
                                const char          *marked_by)
{
  const char *status = occurrence ? hearth_occurrence_get_status (occurrence) : NULL;
  gboolean    to_come;

  g_return_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self));
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (today != NULL && g_date_valid (today));

  g_free (self->date);
  self->date = hearth_date_to_string (day);
  update_occurrence_id (self);
  g_free (self->marked_by);
  self->marked_by = g_strdup (marked_by);
  self->status = status == NULL ? NULL : (g_str_equal (status, "done") ? "done" : "skipped");

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_pill), hearth_stats_state_name (self->state));
  self->state = hearth_stats_state (day, status, today);
  gtk_label_set_text (self->state_pill, state_label (self->state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_pill), hearth_stats_state_name (self->state));

  to_come = g_date_compare (day, today) > 0;
  gtk_widget_set_sensitive (self->done_button, !to_come);
  gtk_widget_set_tooltip_text (self->buttons, to_come ? _ ("This day has not come yet") : NULL);
  update_meta (self);
}

/**
 * hearth_ritual_day_card_set_note:
 * @note: (nullable): the note to show
 *
 * Fills in the note without emitting #HearthRitualDayCard::note-changed.
 */
void
hearth_ritual_day_card_set_note (HearthRitualDayCard *self,
                                 const char          *note)
{
  g_return_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self));

  self->setting_note = TRUE;
  gtk_editable_set_text (self->note, note ? note : "");
  self->setting_note = FALSE;
}

/**
 * hearth_ritual_day_card_get_note:
 *
 * Returns: (transfer none): the note as typed
 */
const char *
hearth_ritual_day_card_get_note (HearthRitualDayCard *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self), NULL);

  return gtk_editable_get_text (self->note);
}

/**
 * hearth_ritual_day_card_get_ritual_id:
 *
 * Returns: (transfer none) (nullable): the id of the ritual shown
 */
const char *
hearth_ritual_day_card_get_ritual_id (HearthRitualDayCard *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self), NULL);

  return self->ritual_id;
}

/**
 * hearth_ritual_day_card_get_date:
 *
 * Returns: (transfer none) (nullable): the day shown, as YYYY-MM-DD
 */
const char *
hearth_ritual_day_card_get_date (HearthRitualDayCard *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self), NULL);

  return self->date;
}

/**
 * hearth_ritual_day_card_get_occurrence_id:
 *
 * Returns: (transfer none) (nullable): the id a mark of the ritual on the
 *   day has, `<ritual id>/<date>`
 */
const char *
hearth_ritual_day_card_get_occurrence_id (HearthRitualDayCard *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self), NULL);

  return self->occurrence_id;
}

/**
 * hearth_ritual_day_card_get_mark_button:
 *
 * Returns: (transfer none): the button that takes the focus after the day
 *   was marked: Done, or Skipped while the day has not come
 */
GtkWidget *
hearth_ritual_day_card_get_mark_button (HearthRitualDayCard *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_DAY_CARD (self), NULL);

  return gtk_widget_get_sensitive (self->done_button) ? self->done_button : self->skipped_button;
}
