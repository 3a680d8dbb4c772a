/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-error.h"
#include "hearth-recurrence.h"
#include "hearth-ritual.h"
#include "hearth-ritual-editor.h"
#include "hearth-text.h"

/* Creates or edits a ritual: its repeat rule is chosen in plain words (a
 * frequency, days, an end) and summed up in a sentence; the RRULE it stands
 * for is never shown. */

enum
{
  FREQ_DAILY,
  FREQ_WEEKLY,
  FREQ_EVERY_N_WEEKS,
  FREQ_MONTH_DAY,
  FREQ_MONTH_WEEKDAY,
};

enum
{
  ENDS_NEVER,
  ENDS_ON_DATE,
  ENDS_AFTER_COUNT,
};

static const int ordinals[] = { 1, 2, 3, 4, -1 };
static const int reminders[] = { 0, 5, 10, 15, 30, 60 };

#define WEEKDAYS_WORK (HEARTH_WEEKDAY_BIT (G_DATE_MONDAY) | HEARTH_WEEKDAY_BIT (G_DATE_TUESDAY) | \
                       HEARTH_WEEKDAY_BIT (G_DATE_WEDNESDAY) | HEARTH_WEEKDAY_BIT (G_DATE_THURSDAY) | \
                       HEARTH_WEEKDAY_BIT (G_DATE_FRIDAY))

typedef struct
{
  const char *title;
  const char *description;
  const char *type;
  guint       freq;
  guint       weekdays;
  int         hour;
  int         minute;
  int         duration;
  int         remind_before;
} Suggestion;

static const Suggestion suggestions[] = {
  { N_ ("Morning coffee together"), N_ ("A quiet cup side by side before the day pulls you apart"),
    "ritual", FREQ_DAILY, 0, 7, 30, 15, 0 },
  { N_ ("Walk after dinner"), N_ ("A slow walk around the block: how was your day, really?"),
    "ritual", FREQ_DAILY, 0, 19, 30, 30, 0 },
  { N_ ("Weekly date night"), N_ ("An evening for the two of you, planned in turns"),
    "ritual", FREQ_WEEKLY, HEARTH_WEEKDAY_BIT (G_DATE_FRIDAY), 19, 0, 180, 60 },
  { N_ ("Sunday shopping together"), N_ ("Plan the week’s meals and shop side by side"),
    "ritual", FREQ_WEEKLY, HEARTH_WEEKDAY_BIT (G_DATE_SUNDAY), 11, 0, 60, 30 },
  { N_ ("The weekly check-in"), N_ ("Fifteen minutes, phones away: how are we doing?"),
    "checkin", FREQ_WEEKLY, HEARTH_WEEKDAY_BIT (G_DATE_SUNDAY), 19, 0, 15, 15 },
  { N_ ("A goodbye ritual"), N_ ("A hug and a kind word before you go out of the door"),
    "ritual", FREQ_WEEKLY, WEEKDAYS_WORK, 8, 0, 5, 0 }
};

struct _HearthRitualEditor
{
  AdwWindow parent_instance;

  HearthJournal *journal;
  HearthRecord  *ritual; /* NULL while creating one */

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *save_button;
  GtkWidget           *suggestions_group;
  AdwExpanderRow      *suggestions_row;
  GtkWidget           *suggestion_rows[G_N_ELEMENTS (suggestions)];
  AdwEntryRow         *title_row;
  AdwEntryRow         *description_row;
  AdwComboRow         *type_row;
  AdwPreferencesGroup *repeat_group;
  AdwComboRow         *freq_row;
  GtkWidget           *days_row;
  GtkToggleButton     *day_toggles[8]; /* by GDateWeekday */
  GtkWidget           *interval_row;
  GtkSpinButton       *interval_spin;
  GtkWidget           *month_day_row;
  GtkSpinButton       *month_day_spin;
  GtkWidget           *ordinal_row;
  GtkWidget           *weekday_row;
  AdwComboRow         *ends_row;
  GtkWidget           *until_row;
  GtkMenuButton       *until_button;
  GtkCalendar         *until_calendar;
  GtkWidget           *count_row;
  GtkSpinButton       *count_spin;
  GtkMenuButton       *start_button;
  GtkCalendar         *start_calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  GtkSpinButton       *duration_spin;
  AdwComboRow         *reminder_row;
  GtkWidget           *archive_group;
  GtkButton           *archive_button;

  GDate    start;
  GDate    until;
  /* A rule the controls cannot show exactly (every 3 days, say) is kept as
   * it is unless the repeat controls are touched. */
  char    *original_rrule;
  gboolean recurrence_touched;
  gboolean remind_touched;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (HearthRitualEditor, hearth_ritual_editor, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_JOURNAL,
  PROP_RITUAL,
  N_PROPS
};

enum
{
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
}

static void
set_date_button (GtkMenuButton *button,
                 GtkCalendar   *calendar,
                 const GDate   *date)
{
  g_autoptr(GDateTime) dt = date_to_datetime (date);
  /* TRANSLATORS: a date on a button, e.g. "Sun 8 Nov 2026"; see g_date_time_format() */
  g_autofree char *text = g_date_time_format (dt, _ ("%a %-d %b %Y"));

  gtk_menu_button_set_label (button, text);
  gtk_calendar_select_day (calendar, dt);
}

static void
read_calendar (GtkCalendar *calendar,
               GDate       *date)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
}

static guint
weekday_mask (HearthRitualEditor *self)
{
  guint mask = 0;

  for (guint wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
    if (gtk_toggle_button_get_active (self->day_toggles[wd]))
      mask |= HEARTH_WEEKDAY_BIT (wd);
  return mask;
}

static void
set_weekday_mask (HearthRitualEditor *self,
                  guint               mask)
{
  for (guint wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
    gtk_toggle_button_set_active (self->day_toggles[wd], (mask & HEARTH_WEEKDAY_BIT (wd)) != 0);
}

/* The rule the controls describe. */
static char *
build_rrule (HearthRitualEditor *self)
{
  guint        ends = adw_combo_row_get_selected (self->ends_row);
  const GDate *until = ends == ENDS_ON_DATE ? &self->until : NULL;
  guint        count = ends == ENDS_AFTER_COUNT ? (guint) gtk_spin_button_get_value_as_int (self->count_spin) : 0;
  guint        ordinal_index;

  if (self->original_rrule != NULL && !self->recurrence_touched)
    return g_strdup (self->original_rrule);

  switch (adw_combo_row_get_selected (self->freq_row))
    {
    case FREQ_DAILY:
      return hearth_recurrence_build (HEARTH_FREQ_DAILY, 1, 0, 0, G_DATE_BAD_WEEKDAY, 0, until, count);
    case FREQ_EVERY_N_WEEKS:
      return hearth_recurrence_build (HEARTH_FREQ_WEEKLY, (guint) gtk_spin_button_get_value_as_int (self->interval_spin),
                                      weekday_mask (self), 0, G_DATE_BAD_WEEKDAY, 0, until, count);
    case FREQ_MONTH_DAY:
      return hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 1, 0, 0, G_DATE_BAD_WEEKDAY,
                                      gtk_spin_button_get_value_as_int (self->month_day_spin), until, count);
    case FREQ_MONTH_WEEKDAY:
      ordinal_index = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->ordinal_row)), G_N_ELEMENTS (ordinals) - 1);
      return hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 1, 0, ordinals[ordinal_index],
                                      (GDateWeekday) (MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->weekday_row)), 6) + 1),
                                      0, until, count);
    case FREQ_WEEKLY:
    default:
      return hearth_recurrence_build (HEARTH_FREQ_WEEKLY, 1, weekday_mask (self), 0, G_DATE_BAD_WEEKDAY, 0, until, count);
    }
}

/**
 * hearth_ritual_editor_dup_summary:
 *
 * Returns: (transfer full): the repeat rule in plain words, as shown
 */
char *
hearth_ritual_editor_dup_summary (HearthRitualEditor *self)
{
  g_autofree char *rrule = NULL;
  g_autoptr(HearthRecurrence) rule = NULL;

  g_return_val_if_fail (HEARTH_IS_RITUAL_EDITOR (self), NULL);

  rrule = build_rrule (self);
  rule = rrule ? hearth_recurrence_parse (rrule, NULL) : NULL;
  return rule ? hearth_recurrence_describe (rule, &self->start) : g_strdup ("");
}

static void
update_repeat (HearthRitualEditor *self)
{
  guint            freq = adw_combo_row_get_selected (self->freq_row);
  guint            ends = adw_combo_row_get_selected (self->ends_row);
  g_autofree char *summary = hearth_ritual_editor_dup_summary (self);

  gtk_widget_set_visible (self->days_row, freq == FREQ_WEEKLY || freq == FREQ_EVERY_N_WEEKS);
  gtk_widget_set_visible (self->interval_row, freq == FREQ_EVERY_N_WEEKS);
  gtk_widget_set_visible (self->month_day_row, freq == FREQ_MONTH_DAY);
  gtk_widget_set_visible (self->ordinal_row, freq == FREQ_MONTH_WEEKDAY);
  gtk_widget_set_visible (self->weekday_row, freq == FREQ_MONTH_WEEKDAY);
  gtk_widget_set_visible (self->until_row, ends == ENDS_ON_DATE);
  gtk_widget_set_visible (self->count_row, ends == ENDS_AFTER_COUNT);
  adw_preferences_group_set_description (self->repeat_group, summary);
}

static void
update_save_button (HearthRitualEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  gtk_widget_set_sensitive (self->save_button, *title != '\0');
}

static void
on_recurrence_changed (HearthRitualEditor *self)
{
  if (!self->loading)
    self->recurrence_touched = TRUE;
  update_repeat (self);
}

static void
on_title_changed (HearthRitualEditor *self)
{
  update_save_button (self);
}

static void
on_reminder_changed (HearthRitualEditor *self)
{
  if (!self->loading)
    self->remind_touched = TRUE;
}

/* A check-in is weekly and about fifteen minutes unless said otherwise. */
static void
on_type_changed (HearthRitualEditor *self)
{
  if (self->loading || self->ritual != NULL || adw_combo_row_get_selected (self->type_row) != 1)
    return;
  self->loading = TRUE;
  adw_combo_row_set_selected (self->freq_row, FREQ_WEEKLY);
  gtk_spin_button_set_value (self->duration_spin, 15);
  self->loading = FALSE;
  self->recurrence_touched = TRUE;
  update_repeat (self);
}

static void
on_start_selected (HearthRitualEditor *self)
{
  read_calendar (self->start_calendar, &self->start);
  set_date_button (self->start_button, self->start_calendar, &self->start);
  gtk_menu_button_popdown (self->start_button);
  update_repeat (self);
}

static void
on_until_selected (HearthRitualEditor *self)
{
  read_calendar (self->until_calendar, &self->until);
  set_date_button (self->until_button, self->until_calendar, &self->until);
  gtk_menu_button_popdown (self->until_button);
  on_recurrence_changed (self);
}

static gboolean
on_two_digit_output (GtkSpinButton *spin)
{
  char text[8];

  g_snprintf (text, sizeof text, "%02d", gtk_spin_button_get_value_as_int (spin));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
show_error (HearthRitualEditor *self,
            const GError       *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/**
 * hearth_ritual_editor_save:
 *
 * Saves the ritual as the controls describe it, a new record or a new
 * version of the one being edited, and emits HearthRitualEditor::saved.
 */
gboolean
hearth_ritual_editor_save (HearthRitualEditor *self,
                           GError            **error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *rrule = NULL;
  g_autofree char *start = NULL;
  g_autofree char *time = NULL;
  g_autoptr(HearthRecord) record = NULL;
  HearthRitual *ritual;
  guint         reminder;

  g_return_val_if_fail (HEARTH_IS_RITUAL_EDITOR (self), FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
  if (*title == '\0')
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID, _ ("Give the ritual a title first."));
      return FALSE;
    }
  rrule = build_rrule (self);
  if (rrule == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID, _ ("This way of repeating cannot be saved."));
      return FALSE;
    }
  start = g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&self->start),
                           (guint) g_date_get_month (&self->start), (guint) g_date_get_day (&self->start));
  time = g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));

  record = self->ritual ? hearth_record_copy (self->ritual) : hearth_journal_new_record (self->journal, "ritual", NULL);
  ritual = HEARTH_RITUAL (record);
  hearth_ritual_set_title (ritual, title);
  hearth_ritual_set_description (ritual, *description != '\0' ? description : NULL);
  hearth_ritual_set_ritual_type (ritual, adw_combo_row_get_selected (self->type_row) == 1 ? "checkin" : "ritual");
  hearth_ritual_set_recurrence (ritual, rrule);
  hearth_ritual_set_start (ritual, start);
  hearth_ritual_set_time (ritual, time);
  hearth_ritual_set_duration (ritual, gtk_spin_button_get_value_as_int (self->duration_spin));

  reminder = MIN (adw_combo_row_get_selected (self->reminder_row), G_N_ELEMENTS (reminders) - 1);
  if (!self->remind_touched && self->ritual != NULL)
    ; /* left as it was, including a lead time the list does not offer */
  else
    hearth_ritual_set_remind_before (ritual, reminders[reminder] == 0 ? -1 : reminders[reminder]);

  if (!hearth_journal_queue_save (self->journal, record, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0, record);
  return TRUE;
}

static void
on_save_clicked (HearthRitualEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!hearth_ritual_editor_save (self, &error))
    {
      show_error (self, error);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_archive_clicked (HearthRitualEditor *self)
{
  g_autoptr(HearthRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->ritual == NULL)
    return;
  record = hearth_record_copy (self->ritual);
  hearth_ritual_set_archived (HEARTH_RITUAL (record), !hearth_ritual_get_archived (HEARTH_RITUAL (self->ritual)));
  if (!hearth_journal_queue_save (self->journal, record, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, record);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * hearth_ritual_editor_get_n_suggestions:
 *
 * Returns: how many starter rituals the editor offers
 */
guint
hearth_ritual_editor_get_n_suggestions (void)
{
  return G_N_ELEMENTS (suggestions);
}

/**
 * hearth_ritual_editor_apply_suggestion:
 * @index: which starter ritual
 *
 * Fills in the title, description, kind, repeat rule, time, duration and
 * reminder of a starter ritual.
 */
void
hearth_ritual_editor_apply_suggestion (HearthRitualEditor *self,
                                       guint               index)
{
  const Suggestion *s;

  g_return_if_fail (HEARTH_IS_RITUAL_EDITOR (self));
  g_return_if_fail (index < G_N_ELEMENTS (suggestions));

  s = &suggestions[index];
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), _ (s->title));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), _ (s->description));
  adw_combo_row_set_selected (self->type_row, g_str_equal (s->type, "checkin") ? 1 : 0);
  adw_combo_row_set_selected (self->freq_row, s->freq);
  adw_combo_row_set_selected (self->ends_row, ENDS_NEVER);
  if (s->weekdays != 0)
    set_weekday_mask (self, s->weekdays);
  gtk_spin_button_set_value (self->hour_spin, s->hour);
  gtk_spin_button_set_value (self->minute_spin, s->minute);
  gtk_spin_button_set_value (self->duration_spin, s->duration);
  for (guint i = 0; i < G_N_ELEMENTS (reminders); i++)
    if (reminders[i] == s->remind_before)
      adw_combo_row_set_selected (self->reminder_row, i);
  self->loading = FALSE;
  self->recurrence_touched = TRUE;
  self->remind_touched = TRUE;
  update_repeat (self);
  update_save_button (self);
}

static void
on_suggestion_activated (AdwActionRow       *row,
                         HearthRitualEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    if (self->suggestion_rows[i] == GTK_WIDGET (row))
      hearth_ritual_editor_apply_suggestion (self, i);
  adw_expander_row_set_expanded (self->suggestions_row, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
build_suggestions (HearthRitualEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (suggestions[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ (suggestions[i].description));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      self->suggestion_rows[i] = row;
      g_signal_connect (row, "activated", G_CALLBACK (on_suggestion_activated), self);
      adw_expander_row_add_row (self->suggestions_row, row);
    }
}

/* Shows a rule in the controls; returns FALSE when they cannot show it
 * exactly. */
static gboolean
load_recurrence (HearthRitualEditor     *self,
                 const HearthRecurrence *rule)
{
  guint        interval = hearth_recurrence_get_interval (rule);
  guint        mask = hearth_recurrence_get_weekdays (rule);
  int          ordinal = 0, month_day;
  GDateWeekday weekday = G_DATE_BAD_WEEKDAY;
  gboolean     exact = TRUE;
  GDate        until;

  switch (hearth_recurrence_get_freq (rule))
    {
    case HEARTH_FREQ_DAILY:
      if (mask != 0)
        {
          adw_combo_row_set_selected (self->freq_row, FREQ_WEEKLY);
          set_weekday_mask (self, mask);
        }
      else
        adw_combo_row_set_selected (self->freq_row, FREQ_DAILY);
      exact = interval == 1;
      break;

    case HEARTH_FREQ_WEEKLY:
      adw_combo_row_set_selected (self->freq_row, interval > 1 ? FREQ_EVERY_N_WEEKS : FREQ_WEEKLY);
      gtk_spin_button_set_value (self->interval_spin, MAX (interval, 2));
      set_weekday_mask (self, mask != 0 ? mask : HEARTH_WEEKDAY_BIT (g_date_get_weekday (&self->start)));
      break;

    case HEARTH_FREQ_MONTHLY:
    default:
      exact = interval == 1;
      if (hearth_recurrence_get_nth_weekday (rule, &ordinal, &weekday))
        {
          guint index = G_N_ELEMENTS (ordinals);

          for (guint i = 0; i < G_N_ELEMENTS (ordinals); i++)
            if (ordinals[i] == ordinal)
              index = i;
          exact = exact && index < G_N_ELEMENTS (ordinals);
          adw_combo_row_set_selected (self->freq_row, FREQ_MONTH_WEEKDAY);
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->ordinal_row), MIN (index, G_N_ELEMENTS (ordinals) - 1));
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->weekday_row), weekday - G_DATE_MONDAY);
        }
      else
        {
          month_day = hearth_recurrence_get_month_day (rule);
          if (month_day == 0)
            month_day = g_date_get_day (&self->start);
          exact = exact && month_day > 0;
          adw_combo_row_set_selected (self->freq_row, FREQ_MONTH_DAY);
          gtk_spin_button_set_value (self->month_day_spin, MAX (month_day, 1));
        }
      break;
    }

  if (hearth_recurrence_get_until (rule, &until))
    {
      self->until = until;
      set_date_button (self->until_button, self->until_calendar, &self->until);
      adw_combo_row_set_selected (self->ends_row, ENDS_ON_DATE);
    }
  else if (hearth_recurrence_get_count (rule) > 0)
    {
      gtk_spin_button_set_value (self->count_spin, hearth_recurrence_get_count (rule));
      adw_combo_row_set_selected (self->ends_row, ENDS_AFTER_COUNT);
    }
  return exact;
}

static void
load_ritual (HearthRitualEditor *self)
{
  HearthRitual *r = HEARTH_RITUAL (self->ritual);
  g_autoptr(HearthRecurrence) rule = NULL;
  const char *time = hearth_ritual_get_time (r);
  int         duration = hearth_ritual_get_duration (r);
  int         remind;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Edit Ritual"));
  gtk_widget_set_visible (self->suggestions_group, FALSE);
  gtk_widget_set_visible (self->archive_group, TRUE);
  gtk_button_set_label (self->archive_button,
                        hearth_ritual_get_archived (r) ? _ ("_Bring Back Ritual") : _ ("_Archive Ritual"));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), hearth_ritual_get_title (r) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), hearth_ritual_get_description (r) ?: "");
  adw_combo_row_set_selected (self->type_row, g_strcmp0 (hearth_ritual_get_ritual_type (r), "checkin") == 0);

  if (hearth_date_parse (hearth_ritual_get_start (r), &self->start))
    set_date_button (self->start_button, self->start_calendar, &self->start);
  if (time != NULL && strlen (time) == 5 && time[2] == ':')
    {
      gtk_spin_button_set_value (self->hour_spin, g_ascii_strtoll (time, NULL, 10));
      gtk_spin_button_set_value (self->minute_spin, g_ascii_strtoll (time + 3, NULL, 10));
    }
  gtk_spin_button_set_value (self->duration_spin, duration >= 0 ? duration : 30);

  /* Not set: no reminder, the first choice. */
  remind = hearth_ritual_get_remind_before (r);
  adw_combo_row_set_selected (self->reminder_row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (reminders); i++)
    if (reminders[i] == remind)
      adw_combo_row_set_selected (self->reminder_row, i);

  rule = hearth_recurrence_parse (hearth_ritual_get_recurrence (r), NULL);
  if (rule != NULL && load_recurrence (self, rule))
    return;
  /* Keep a rule the controls cannot show (or cannot read) as it is. */
  self->original_rrule = g_strdup (hearth_ritual_get_recurrence (r));
}

static void
hearth_ritual_editor_constructed (GObject *object)
{
  HearthRitualEditor *self = HEARTH_RITUAL_EDITOR (object);

  G_OBJECT_CLASS (hearth_ritual_editor_parent_class)->constructed (object);

  self->loading = TRUE;
  hearth_date_get_today (&self->start);
  self->until = self->start;
  g_date_add_months (&self->until, 3);
  set_date_button (self->start_button, self->start_calendar, &self->start);
  set_date_button (self->until_button, self->until_calendar, &self->until);

  if (self->ritual != NULL)
    load_ritual (self);
  else
    {
      build_suggestions (self);
      adw_combo_row_set_selected (self->freq_row, FREQ_WEEKLY);
      set_weekday_mask (self, HEARTH_WEEKDAY_BIT (g_date_get_weekday (&self->start)));
      gtk_spin_button_set_value (self->hour_spin, 19);
      gtk_spin_button_set_value (self->minute_spin, 0);
      gtk_spin_button_set_value (self->duration_spin, 30);
      adw_combo_row_set_selected (self->reminder_row, 3);
      self->remind_touched = TRUE;
    }
  self->loading = FALSE;
  update_repeat (self);
  update_save_button (self);
}

static void
hearth_ritual_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HearthRitualEditor *self = HEARTH_RITUAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_RITUAL:
      g_value_set_object (value, self->ritual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_ritual_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HearthRitualEditor *self = HEARTH_RITUAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    case PROP_RITUAL:
      self->ritual = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_ritual_editor_dispose (GObject *object)
{
  HearthRitualEditor *self = HEARTH_RITUAL_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_RITUAL_EDITOR);
  g_clear_object (&self->journal);
  g_clear_object (&self->ritual);

  G_OBJECT_CLASS (hearth_ritual_editor_parent_class)->dispose (object);
}

static void
hearth_ritual_editor_finalize (GObject *object)
{
  HearthRitualEditor *self = HEARTH_RITUAL_EDITOR (object);

  g_free (self->original_rrule);

  G_OBJECT_CLASS (hearth_ritual_editor_parent_class)->finalize (object);
}

static void
hearth_ritual_editor_class_init (HearthRitualEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hearth_ritual_editor_constructed;
  object_class->get_property = hearth_ritual_editor_get_property;
  object_class->set_property = hearth_ritual_editor_set_property;
  object_class->dispose = hearth_ritual_editor_dispose;
  object_class->finalize = hearth_ritual_editor_finalize;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RITUAL] =
    g_param_spec_object ("ritual", NULL, NULL, HEARTH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthRitualEditor::saved:
   * @record: the version of the ritual that was written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, HEARTH_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-ritual-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, suggestions_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, repeat_group);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, freq_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, days_row);
  gtk_widget_class_bind_template_child_full (widget_class, "day_mon", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_MONDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_tue", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_TUESDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_wed", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_WEDNESDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_thu", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_THURSDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_fri", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_FRIDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_sat", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_SATURDAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "day_sun", FALSE,
                                             G_STRUCT_OFFSET (HearthRitualEditor, day_toggles[G_DATE_SUNDAY]));
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, month_day_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, month_day_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, ordinal_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, weekday_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, until_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, start_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, reminder_row);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, archive_group);
  gtk_widget_class_bind_template_child (widget_class, HearthRitualEditor, archive_button);
  gtk_widget_class_bind_template_callback (widget_class, on_recurrence_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_until_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_two_digit_output);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_archive_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_ritual_editor_init (HearthRitualEditor *self)
{
  g_date_clear (&self->start, 1);
  g_date_clear (&self->until, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hearth_ritual_editor_new:
 * @journal: the journal to save into
 * @ritual: (nullable): the ritual to edit, or %NULL for a new one
 *
 * Returns: (transfer none): a new editor window, owned by GTK's list of
 *   windows until it is destroyed; show it transient for the main window
 */
HearthRitualEditor *
hearth_ritual_editor_new (HearthJournal *journal,
                          HearthRecord  *ritual)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (ritual == NULL || HEARTH_IS_RECORD (ritual), NULL);

  return g_object_new (HEARTH_TYPE_RITUAL_EDITOR, "journal", journal, "ritual", ritual, NULL);
}

/**
 * hearth_ritual_editor_get_ritual:
 *
 * Returns: (transfer none) (nullable): the ritual being edited
 */
HearthRecord *
hearth_ritual_editor_get_ritual (HearthRitualEditor *self)
{
  g_return_val_if_fail (HEARTH_IS_RITUAL_EDITOR (self), NULL);

  return self->ritual;
}
