/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hearth-checkin-flow.h"
#include "hearth-partner.h"
#include "hearth-questions-editor.h"
#include "hearth-text.h"

/* Answers are kept this long after the last change. */
#define SAVE_DELAY_MS 800

/* The guided check-in: a moment to put phones away and choose the time,
 * then the couple's questions one at a time, one partner speaking and the
 * other listening, roles swapping with each question, each partner's short
 * written answer; then five ratings each, and a thank-you.
 *
 * The couple usually sits at one computer, so this device writes both
 * check-in records: `<date>/<my id>` and `<date>/<partner id>`. Everything
 * typed stays in memory while they go back and forth; it is written on
 * Finish, and also whenever the flow is hidden or goes away before that, so
 * a closed window never loses an answer. Writing is idempotent: each save
 * writes the records as they were before this check-in began plus what this
 * check-in added, so saving twice never doubles an answer. */

struct _HearthCheckinFlow
{
  GtkWidget parent_instance;

  HearthJournal   *journal;
  GStrv            questions;
  guint            n_questions;
  GPtrArray       *buffers[2]; /* GtkTextBuffer per question */
  int              ratings[2][HEARTH_CHECKIN_N_DIMENSIONS];
  GtkToggleButton *rating_buttons[2][HEARTH_CHECKIN_N_DIMENSIONS][5];
  guint            minutes;
  guint            question;
  char            *date;
  HearthRecord    *base[2]; /* the records before this check-in, or NULL */
  gboolean         begun;
  gboolean         finished;

  /* The timer runs on the monotonic clock: it counts time spent, which a
   * change of the wall clock must not bend. */
  gint64   started_us;
  gint64   paused_total_us;
  gint64   paused_at_us;
  gboolean paused;
  guint    tick_id;
  guint    save_id; /* an autosave waiting; it holds the flow */
  gint64   shown_seconds;
  gint64   announced_minutes;
  char    *timer_text;

  GtkWidget         *leave_button;
  GtkRevealer       *timer_revealer;
  GtkLabel          *timer_label;
  GtkWidget         *pause_button;
  GtkStack          *step_stack;
  GtkToggleButton   *minutes_10;
  GtkToggleButton   *minutes_15;
  GtkToggleButton   *minutes_20;
  GtkWidget         *begin_button;
  GtkScrolledWindow *question_scroller;
  GtkLabel          *progress_label;
  GtkLabel          *question_label;
  GtkLabel          *role_label;
  GtkLabel          *tips_label;
  GtkLabel          *me_answer_label;
  GtkLabel          *partner_answer_label;
  GtkTextView       *me_view;
  GtkTextView       *partner_view;
  GtkWidget         *question_back;
  GtkWidget         *question_next;
  GtkScrolledWindow *ratings_scroller;
  GtkWidget         *ratings_box;
  GtkWidget         *finish_button;
  AdwStatusPage     *done_page;
  GtkWidget         *done_button;
};

G_DEFINE_FINAL_TYPE (HearthCheckinFlow, hearth_checkin_flow, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
partner_id (HearthCheckinFlow *self,
            HearthCheckinWho   who)
{
  return who == HEARTH_CHECKIN_ME ? hearth_journal_get_me (self->journal)
                                  : hearth_journal_get_partner_id (self->journal);
}

static const char *
partner_name (HearthCheckinFlow *self,
              HearthCheckinWho   who)
{
  HearthRecord *partner = hearth_journal_get_partner (self->journal, partner_id (self, who));
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  if (name != NULL && *name != '\0')
    return name;
  return who == HEARTH_CHECKIN_ME ? _ ("You") : _ ("Your partner");
}

static void
show_error (HearthCheckinFlow *self,
            const GError      *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast  *toast;

  if (overlay == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ------------------------------------------------------------------------ */
/* Timer                                                                     */

static gint64
elapsed_us (HearthCheckinFlow *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->begun)
    return 0;
  if (self->paused)
    now = self->paused_at_us;
  return MAX (0, now - self->started_us - self->paused_total_us);
}

/* Minutes actually spent, rounded; a check-in that began took at least one. */
static int
minutes_spent (HearthCheckinFlow *self)
{
  gint64 seconds = elapsed_us (self) / G_USEC_PER_SEC;

  if (!self->begun)
    return 0;
  return (int) MAX (1, (seconds + 30) / 60);
}

static void schedule_tick (HearthCheckinFlow *self);

static void
update_timer (HearthCheckinFlow *self)
{
  gint64           total = (gint64) self->minutes * 60;
  gint64           left = total - elapsed_us (self) / G_USEC_PER_SEC;
  gint64           left_minutes;
  g_autofree char *accessible = NULL;

  left = MAX (left, 0);
  if (left == self->shown_seconds && self->timer_text != NULL)
    return;
  self->shown_seconds = left;

  g_free (self->timer_text);
  /* Minutes and seconds left, e.g. "14:05" */
  self->timer_text = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", left / 60, (int) (left % 60));
  gtk_label_set_label (self->timer_label, self->timer_text);

  if (left == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "over");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "over");

  /* A screen reader hears the time once a minute, not every second. */
  left_minutes = (left + 59) / 60;
  if (left_minutes == self->announced_minutes)
    return;
  self->announced_minutes = left_minutes;
  if (left == 0)
    accessible = g_strdup (_ ("Time is up. Finish your thought, then go on to the ratings."));
  else
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute left", "%u minutes left",
                                               (gulong) left_minutes),
                                  (guint) left_minutes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_label), accessible);
}

static gboolean
on_tick (gpointer user_data)
{
  HearthCheckinFlow *self = user_data;

  self->tick_id = 0;
  update_timer (self);
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

/* The next tick lands just after the next whole second of time spent, so
 * the display changes once a second and never skips one. */
static void
schedule_tick (HearthCheckinFlow *self)
{
  gint64 into_second;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!self->begun || self->paused || self->finished)
    return;
  into_second = (elapsed_us (self) / 1000) % 1000;
  self->tick_id = g_timeout_add ((guint) (1000 - into_second + 5), on_tick, self);
}

/* ------------------------------------------------------------------------ */
/* Steps                                                                     */

static GtkTextBuffer *
answer_buffer (HearthCheckinFlow *self,
               HearthCheckinWho   who,
               guint              question)
{
  return g_ptr_array_index (self->buffers[who], question);
}

static char *
dup_answer (HearthCheckinFlow *self,
            HearthCheckinWho   who,
            guint              question)
{
  GtkTextBuffer *buffer = answer_buffer (self, who, question);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
scroll_to_top (GtkScrolledWindow *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
show_question (HearthCheckinFlow *self,
               guint              question)
{
  HearthCheckinWho speaker = question % 2 == 0 ? HEARTH_CHECKIN_ME : HEARTH_CHECKIN_PARTNER;
  HearthCheckinWho listener = speaker == HEARTH_CHECKIN_ME ? HEARTH_CHECKIN_PARTNER : HEARTH_CHECKIN_ME;
  g_autofree char *progress = NULL;
  g_autofree char *role = NULL;
  g_autofree char *tips = NULL;

  self->question = question;
  /* Translators: where the couple is in their questions, e.g. "Question 2 of 5" */
  progress = g_strdup_printf (_ ("Question %u of %u"), question + 1, self->n_questions);
  /* Translators: who talks and who listens for this question, e.g. "Alex speaks, Sam listens" */
  role = g_strdup_printf (_ ("%1$s speaks, %2$s listens"), partner_name (self, speaker), partner_name (self, listener));
  /* Translators: advice for the listener; %1$s listens, %2$s speaks */
  tips = g_strdup_printf (_ ("%1$s, listen without interrupting or trying to fix anything. When %2$s is done, say back what you heard."),
                          partner_name (self, listener), partner_name (self, speaker));

  gtk_label_set_label (self->progress_label, progress);
  gtk_label_set_label (self->question_label, self->questions[question]);
  gtk_label_set_label (self->role_label, role);
  gtk_label_set_label (self->tips_label, tips);
  gtk_text_view_set_buffer (self->me_view, answer_buffer (self, HEARTH_CHECKIN_ME, question));
  gtk_text_view_set_buffer (self->partner_view, answer_buffer (self, HEARTH_CHECKIN_PARTNER, question));
  gtk_widget_set_visible (self->question_back, question > 0);
  gtk_button_set_label (GTK_BUTTON (self->question_next),
                        question + 1 < self->n_questions ? _ ("_Next Question") : _ ("_On to Ratings"));

  gtk_stack_set_visible_child_name (self->step_stack, "question");
  scroll_to_top (self->question_scroller);
  gtk_widget_grab_focus (GTK_WIDGET (speaker == HEARTH_CHECKIN_ME ? self->me_view : self->partner_view));
}

static void
show_ratings (HearthCheckinFlow *self)
{
  gtk_stack_set_visible_child_name (self->step_stack, "ratings");
  scroll_to_top (self->ratings_scroller);
  if (self->rating_buttons[0][0][0] != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->rating_buttons[0][0][0]));
}

/**
 * hearth_checkin_flow_next:
 *
 * Goes on from the question shown to the next one, or to the ratings after
 * the last.
 */
void
hearth_checkin_flow_next (HearthCheckinFlow *self)
{
  const char *step;

  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));

  step = gtk_stack_get_visible_child_name (self->step_stack);
  if (g_strcmp0 (step, "intro") == 0)
    hearth_checkin_flow_begin (self);
  else if (g_strcmp0 (step, "question") == 0)
    {
      if (self->question + 1 < self->n_questions)
        show_question (self, self->question + 1);
      else
        show_ratings (self);
    }
}

/**
 * hearth_checkin_flow_back:
 *
 * Goes back a question, or from the ratings to the last question. The
 * answers typed stay where they are.
 */
void
hearth_checkin_flow_back (HearthCheckinFlow *self)
{
  const char *step;

  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));

  step = gtk_stack_get_visible_child_name (self->step_stack);
  if (g_strcmp0 (step, "question") == 0 && self->question > 0)
    show_question (self, self->question - 1);
  else if (g_strcmp0 (step, "ratings") == 0)
    show_question (self, self->n_questions - 1);
}

static void
on_minutes_toggled (HearthCheckinFlow *self)
{
  if (gtk_toggle_button_get_active (self->minutes_10))
    self->minutes = 10;
  else if (gtk_toggle_button_get_active (self->minutes_20))
    self->minutes = 20;
  else
    self->minutes = 15;
  if (!self->begun)
    update_timer (self);
}

/**
 * hearth_checkin_flow_begin:
 *
 * Starts the timer with the chosen minutes and shows the first question.
 */
void
hearth_checkin_flow_begin (HearthCheckinFlow *self)
{
  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));

  if (!self->begun)
    {
      self->begun = TRUE;
      self->date = hearth_date_today ();
      for (guint who = 0; who < 2; who++)
        {
          g_autofree char *id = g_strdup_printf ("%s/%s", self->date, partner_id (self, who));
          HearthRecord    *existing = hearth_journal_lookup (self->journal, id);

          /* An earlier check-in the same day: this one's answers go after its own. */
          self->base[who] = HEARTH_IS_CHECKIN (existing) ? hearth_record_copy (existing) : NULL;
        }
      self->started_us = g_get_monotonic_time ();
      self->shown_seconds = -1;
      self->announced_minutes = -1;
      update_timer (self);
      schedule_tick (self);
      gtk_revealer_set_reveal_child (self->timer_revealer, TRUE);
      gtk_widget_set_visible (self->pause_button, TRUE);
    }
  show_question (self, 0);
}

static void
on_begin_clicked (HearthCheckinFlow *self)
{
  hearth_checkin_flow_begin (self);
}

static void
on_pause_clicked (HearthCheckinFlow *self)
{
  hearth_checkin_flow_set_paused (self, !self->paused);
}

static void
on_leave_clicked (HearthCheckinFlow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->begun && !self->finished && hearth_checkin_flow_has_content (self) &&
      !hearth_checkin_flow_save (self, &error))
    {
      /* Stay, so that nothing is lost. */
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
on_finish_clicked (HearthCheckinFlow *self)
{
  g_autoptr(GError) error = NULL;

  if (!hearth_checkin_flow_finish (self, &error))
    show_error (self, error);
}

static void
on_done_clicked (HearthCheckinFlow *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

/* ------------------------------------------------------------------------ */
/* Ratings                                                                   */

static void schedule_save (HearthCheckinFlow *self);

static void
on_rating_toggled (GtkToggleButton   *button,
                   HearthCheckinFlow *self)
{
  for (guint who = 0; who < 2; who++)
    for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
      for (int v = 1; v <= 5; v++)
        {
          if (self->rating_buttons[who][d][v - 1] != button)
            continue;
          if (gtk_toggle_button_get_active (button))
            self->ratings[who][d] = v;
          else if (self->ratings[who][d] == v)
            self->ratings[who][d] = 0;
        }
  schedule_save (self);
}

static void
build_ratings (HearthCheckinFlow *self)
{
  for (guint who = 0; who < 2; who++)
    {
      GtkWidget  *group = adw_preferences_group_new ();
      const char *name = partner_name (self, who);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name);
      for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
        {
          GtkWidget       *row = adw_action_row_new ();
          GtkWidget       *box = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
          /* Translators: the accessible name of one partner's rating, e.g. "Alex: Felt heard" */
          g_autofree char *box_label = g_strdup_printf (_ ("%1$s: %2$s"), name, hearth_checkin_dimension_label (d));
          GtkToggleButton *first = NULL;

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hearth_checkin_dimension_label (d));
          gtk_widget_add_css_class (box, "linked");
          gtk_widget_add_css_class (box, "hearth-rating");
          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, box_label, -1);
          for (int v = 1; v <= 5; v++)
            {
              g_autofree char *text = g_strdup_printf ("%d", v);
              /* Translators: the accessible name of a rating button, e.g. "4 of 5" */
              g_autofree char *accessible = g_strdup_printf (_ ("%d of 5"), v);
              GtkWidget       *button = gtk_toggle_button_new_with_label (text);

              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
              if (v == 1)
                gtk_widget_set_tooltip_text (button, _ ("Not at all"));
              else if (v == 5)
                gtk_widget_set_tooltip_text (button, _ ("Completely"));
              if (first != NULL)
                gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
              else
                first = GTK_TOGGLE_BUTTON (button);
              self->rating_buttons[who][d][v - 1] = GTK_TOGGLE_BUTTON (button);
              g_signal_connect (button, "toggled", G_CALLBACK (on_rating_toggled), self);
              gtk_box_append (GTK_BOX (box), button);
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (self->ratings_box), group);
    }
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                    */

/* This check-in's record for @who: the record as it was before, with this
 * check-in's answers after its own, its ratings over the old ones and its
 * minutes added. */
static HearthRecord *
build_record (HearthCheckinFlow *self,
              HearthCheckinWho   who)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", self->date, partner_id (self, who));
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_checkin_answer_free);
  HearthRecord  *record;
  HearthCheckin *checkin;
  int            duration;

  record = self->base[who] ? hearth_record_copy (self->base[who])
                           : hearth_journal_new_record (self->journal, "checkin", id);
  checkin = HEARTH_CHECKIN (record);

  for (guint q = 0; q < self->n_questions; q++)
    {
      g_autofree char *text = dup_answer (self, who, q);

      if (*text != '\0')
        g_ptr_array_add (answers, hearth_checkin_answer_new (self->questions[q], text));
    }

  hearth_checkin_set_date (checkin, self->date);
  hearth_checkin_set_partner (checkin, partner_id (self, who));
  hearth_checkin_add_answers (checkin, answers);
  hearth_checkin_update_ratings (checkin, self->ratings[who]);

  duration = self->base[who] ? MAX (0, hearth_checkin_get_duration (HEARTH_CHECKIN (self->base[who]))) : 0;
  hearth_checkin_set_duration (checkin, duration + minutes_spent (self));
  return record;
}

static gboolean
who_has_content (HearthCheckinFlow *self,
                 HearthCheckinWho   who)
{
  for (guint d = 0; d < HEARTH_CHECKIN_N_DIMENSIONS; d++)
    if (self->ratings[who][d] != 0)
      return TRUE;
  for (guint q = 0; q < self->n_questions; q++)
    {
      g_autofree char *text = dup_answer (self, who, q);

      if (*text != '\0')
        return TRUE;
    }
  return FALSE;
}

/**
 * hearth_checkin_flow_has_content:
 *
 * Returns: whether anyone wrote an answer or gave a rating yet
 */
gboolean
hearth_checkin_flow_has_content (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), FALSE);

  return self->begun && (who_has_content (self, HEARTH_CHECKIN_ME) || who_has_content (self, HEARTH_CHECKIN_PARTNER));
}

static gboolean
save_records (HearthCheckinFlow *self,
              gboolean           both,
              GError           **error)
{
  if (hearth_journal_get_me (self->journal) == NULL || hearth_journal_get_partner_id (self->journal) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("This computer has not joined the journal yet, so the check-in cannot be saved here."));
      return FALSE;
    }
  for (guint who = 0; who < 2; who++)
    {
      g_autoptr(HearthRecord) record = NULL;

      if (!both && !who_has_content (self, who))
        continue;
      record = build_record (self, who);
      if (!hearth_journal_queue_save (self->journal, record, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * hearth_checkin_flow_save:
 *
 * Writes what the couple has so far, without finishing: the records of
 * whoever wrote or rated something. Saving again writes the same records
 * with whatever was added since.
 *
 * Returns: %FALSE with @error set when the journal could not be written
 */
gboolean
hearth_checkin_flow_save (HearthCheckinFlow *self,
                          GError           **error)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), FALSE);

  if (!self->begun)
    return TRUE;
  return save_records (self, FALSE, error);
}

/**
 * hearth_checkin_flow_finish:
 *
 * Writes both partners' check-in records with their answers, ratings and
 * the minutes spent, stops the timer and says thank you.
 *
 * Returns: %FALSE with @error set when the journal could not be written;
 *   the flow then stays where it is, with everything typed
 */
gboolean
hearth_checkin_flow_finish (HearthCheckinFlow *self,
                            GError           **error)
{
  g_autofree char *description = NULL;
  int              minutes;

  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), FALSE);
  g_return_val_if_fail (self->begun, FALSE);

  if (self->finished)
    return TRUE;
  if (!save_records (self, TRUE, error))
    return FALSE;

  minutes = minutes_spent (self);
  self->finished = TRUE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->timer_revealer, FALSE);
  gtk_widget_set_visible (self->pause_button, FALSE);
  gtk_widget_set_visible (self->leave_button, FALSE);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "You gave each other %d minute of full attention. That matters.",
                                              "You gave each other %d minutes of full attention. That matters.",
                                              (gulong) minutes),
                                 minutes);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->step_stack, "done");
  gtk_widget_grab_focus (self->done_button);
  g_signal_emit (self, signals[FINISHED], 0);
  return TRUE;
}

/* What is written so far, kept before finishing: a moment after the last
 * change, before the journal locks, and when the window asks
 * (hearth_checkin_flow_flush()). Never from unmap or dispose: a pending
 * save keeps the flow alive until it is written. */
static void
save_unfinished (HearthCheckinFlow *self)
{
  g_autoptr(HearthCheckinFlow) keep = g_object_ref (self);
  g_autoptr(GError) error = NULL;

  /* Removing the timeout can drop the last reference. */
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->journal == NULL || !self->begun || self->finished || !hearth_checkin_flow_has_content (self))
    return;
  if (!hearth_checkin_flow_save (self, &error))
    show_error (self, error);
}

static gboolean
save_timeout (gpointer data)
{
  HearthCheckinFlow *self = data;

  self->save_id = 0;
  save_unfinished (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (HearthCheckinFlow *self)
{
  g_autoptr(HearthCheckinFlow) keep = g_object_ref (self);

  if (!self->begun || self->finished || self->journal == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add_full (G_PRIORITY_DEFAULT, SAVE_DELAY_MS, save_timeout,
                                      g_object_ref (self), g_object_unref);
}

static void
on_journal_locking (HearthCheckinFlow *self,
                    HearthJournal     *journal)
{
  save_unfinished (self);
}

/* ------------------------------------------------------------------------ */
/* Public                                                                    */

/**
 * hearth_checkin_flow_flush:
 *
 * Saves at once what is written so far of a check-in under way.
 */
void
hearth_checkin_flow_flush (HearthCheckinFlow *self)
{
  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));

  save_unfinished (self);
}

/**
 * hearth_checkin_flow_set_minutes:
 * @minutes: 10, 15 or 20
 *
 * Chooses the time before the check-in begins.
 */
void
hearth_checkin_flow_set_minutes (HearthCheckinFlow *self,
                                 guint              minutes)
{
  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));
  g_return_if_fail (minutes == 10 || minutes == 15 || minutes == 20);

  if (minutes == 10)
    gtk_toggle_button_set_active (self->minutes_10, TRUE);
  else if (minutes == 20)
    gtk_toggle_button_set_active (self->minutes_20, TRUE);
  else
    gtk_toggle_button_set_active (self->minutes_15, TRUE);
}

guint
hearth_checkin_flow_get_minutes (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), 0);

  return self->minutes;
}

/**
 * hearth_checkin_flow_get_step:
 *
 * Returns: `intro`, `question`, `ratings` or `done`
 */
const char *
hearth_checkin_flow_get_step (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->step_stack);
}

guint
hearth_checkin_flow_get_question (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), 0);

  return self->question;
}

guint
hearth_checkin_flow_get_n_questions (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), 0);

  return self->n_questions;
}

/**
 * hearth_checkin_flow_get_answer_view:
 *
 * Returns: (transfer none): where @who writes their answer to the question
 *   shown
 */
GtkTextView *
hearth_checkin_flow_get_answer_view (HearthCheckinFlow *self,
                                     HearthCheckinWho   who)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), NULL);

  return who == HEARTH_CHECKIN_ME ? self->me_view : self->partner_view;
}

/**
 * hearth_checkin_flow_set_rating:
 * @value: 1 to 5, or 0 for none
 *
 * Chooses a rating as its button would.
 */
void
hearth_checkin_flow_set_rating (HearthCheckinFlow *self,
                                HearthCheckinWho   who,
                                guint              dimension,
                                int                value)
{
  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));
  g_return_if_fail (who <= HEARTH_CHECKIN_PARTNER);
  g_return_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS);
  g_return_if_fail (value >= 0 && value <= 5);

  if (value == 0)
    {
      int old = self->ratings[who][dimension];

      if (old > 0)
        gtk_toggle_button_set_active (self->rating_buttons[who][dimension][old - 1], FALSE);
      return;
    }
  gtk_toggle_button_set_active (self->rating_buttons[who][dimension][value - 1], TRUE);
}

int
hearth_checkin_flow_get_rating (HearthCheckinFlow *self,
                                HearthCheckinWho   who,
                                guint              dimension)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), 0);
  g_return_val_if_fail (who <= HEARTH_CHECKIN_PARTNER, 0);
  g_return_val_if_fail (dimension < HEARTH_CHECKIN_N_DIMENSIONS, 0);

  return self->ratings[who][dimension];
}

/**
 * hearth_checkin_flow_get_timer_text:
 *
 * Returns: the time left as the timer shows it, e.g. "9:59"
 */
const char *
hearth_checkin_flow_get_timer_text (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), NULL);

  return gtk_label_get_label (self->timer_label);
}

gboolean
hearth_checkin_flow_get_paused (HearthCheckinFlow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHECKIN_FLOW (self), FALSE);

  return self->paused;
}

/**
 * hearth_checkin_flow_set_paused:
 *
 * Stops or restarts the timer; paused time does not count as spent.
 */
void
hearth_checkin_flow_set_paused (HearthCheckinFlow *self,
                                gboolean           paused)
{
  const char *label;

  g_return_if_fail (HEARTH_IS_CHECKIN_FLOW (self));

  paused = !!paused;
  if (!self->begun || self->finished || paused == self->paused)
    return;

  if (paused)
    self->paused_at_us = g_get_monotonic_time ();
  else
    self->paused_total_us += g_get_monotonic_time () - self->paused_at_us;
  self->paused = paused;

  label = paused ? _ ("Resume the Timer") : _ ("Pause the Timer");
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (paused)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "paused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "paused");
  update_timer (self);
  schedule_tick (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
hearth_checkin_flow_constructed (GObject *object)
{
  HearthCheckinFlow *self = HEARTH_CHECKIN_FLOW (object);
  g_autofree char   *me_label = NULL;
  g_autofree char   *partner_label = NULL;

  G_OBJECT_CLASS (hearth_checkin_flow_parent_class)->constructed (object);

  g_return_if_fail (HEARTH_IS_JOURNAL (self->journal));

  self->questions = hearth_checkin_dup_questions (self->journal);
  self->n_questions = g_strv_length (self->questions);
  for (guint who = 0; who < 2; who++)
    {
      self->buffers[who] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint q = 0; q < self->n_questions; q++)
        {
          GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);

          g_signal_connect_object (buffer, "changed", G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);
          g_ptr_array_add (self->buffers[who], buffer);
        }
    }
  g_signal_connect_object (self->journal, "locking", G_CALLBACK (on_journal_locking), self, G_CONNECT_SWAPPED);

  /* Translators: the label above a partner's written answer, e.g. "Alex’s answer" */
  me_label = g_strdup_printf (_ ("%s’s answer"), partner_name (self, HEARTH_CHECKIN_ME));
  /* Translators: the label above a partner's written answer, e.g. "Sam’s answer" */
  partner_label = g_strdup_printf (_ ("%s’s answer"), partner_name (self, HEARTH_CHECKIN_PARTNER));
  gtk_label_set_text (self->me_answer_label, me_label);
  gtk_label_set_text (self->partner_answer_label, partner_label);

  build_ratings (self);
  on_minutes_toggled (self);
}

static void
hearth_checkin_flow_dispose (GObject *object)
{
  HearthCheckinFlow *self = HEARTH_CHECKIN_FLOW (object);
  GtkWidget         *child;

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CHECKIN_FLOW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  for (guint who = 0; who < 2; who++)
    {
      g_clear_pointer (&self->buffers[who], g_ptr_array_unref);
      g_clear_object (&self->base[who]);
    }
  memset (self->rating_buttons, 0, sizeof self->rating_buttons);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_checkin_flow_parent_class)->dispose (object);
}

static void
hearth_checkin_flow_finalize (GObject *object)
{
  HearthCheckinFlow *self = HEARTH_CHECKIN_FLOW (object);

  g_strfreev (self->questions);
  g_free (self->date);
  g_free (self->timer_text);

  G_OBJECT_CLASS (hearth_checkin_flow_parent_class)->finalize (object);
}

static void
hearth_checkin_flow_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthCheckinFlow *self = HEARTH_CHECKIN_FLOW (object);

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
hearth_checkin_flow_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthCheckinFlow *self = HEARTH_CHECKIN_FLOW (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_checkin_flow_class_init (HearthCheckinFlowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_checkin_flow_constructed;
  object_class->dispose = hearth_checkin_flow_dispose;
  object_class->finalize = hearth_checkin_flow_finalize;
  object_class->get_property = hearth_checkin_flow_get_property;
  object_class->set_property = hearth_checkin_flow_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthCheckinFlow::finished:
   *
   * Both check-in records were written; the thank-you shows.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HearthCheckinFlow::closed:
   *
   * The couple left the flow, after the thank-you or before the end (what
   * they wrote is saved by then).
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthjournal/Hearth/hearth-checkin-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, leave_button);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, timer_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, step_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, minutes_10);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, minutes_15);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, minutes_20);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, begin_button);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, question_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, role_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, tips_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, me_answer_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, partner_answer_label);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, me_view);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, partner_view);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, question_back);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, question_next);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, ratings_scroller);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, ratings_box);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, finish_button);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, done_page);
  gtk_widget_class_bind_template_child (widget_class, HearthCheckinFlow, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_minutes_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_begin_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, hearth_checkin_flow_next);
  gtk_widget_class_bind_template_callback (widget_class, hearth_checkin_flow_back);

  gtk_widget_class_set_css_name (widget_class, "hearth-checkin-flow");
}

static void
hearth_checkin_flow_init (HearthCheckinFlow *self)
{
  self->minutes = 15;
  self->shown_seconds = -1;
  self->announced_minutes = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_checkin_flow_new:
 * @journal: the journal to write the check-in into
 *
 * Returns: (transfer floating): a check-in at its first step
 */
GtkWidget *
hearth_checkin_flow_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_CHECKIN_FLOW, "journal", journal, NULL);
}
