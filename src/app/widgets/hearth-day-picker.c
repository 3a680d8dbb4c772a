/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-day-picker.h"
#include "hearth-text.h"

/* A button showing a day ("Today", "Yesterday", "9 November") that opens a
 * calendar to pick another one. The date is a `YYYY-MM-DD` string, the form
 * records store. */
struct _HearthDayPicker
{
  GtkWidget parent_instance;

  GtkWidget   *button;
  GtkLabel    *label;
  GtkCalendar *calendar;

  char *date;
  /* What the day is for ("From"), in the button's accessible name. */
  char *title;
};

G_DEFINE_FINAL_TYPE (HearthDayPicker, hearth_day_picker, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * hearth_day_picker_format_day:
 * @date: a `YYYY-MM-DD` date
 *
 * Returns: (transfer full): the day as people say it: "Today", "Yesterday",
 *   the weekday within the last week, the day and month within this year,
 *   else with the year; @date itself when it is not a date
 */
char *
hearth_day_picker_format_day (const char *date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *today_text = hearth_date_today ();
  GDate            day, today;
  int              diff;

  if (!hearth_date_parse (date, &day))
    return g_strdup (date ? date : "");
  if (!hearth_date_parse (today_text, &today))
    return g_strdup (date);

  diff = g_date_days_between (&day, &today);
  if (diff == 0)
    return g_strdup (_ ("Today"));
  if (diff == 1)
    return g_strdup (_ ("Yesterday"));

  time = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                g_date_get_day (&day), 12, 0, 0);
  if (diff > 1 && diff < 7)
    /* Translators: a day within the last week, e.g. "Tuesday"; see strftime(3) */
    return g_date_time_format (time, _ ("%A"));
  if (g_date_get_year (&day) == g_date_get_year (&today))
    /* Translators: a day of this year, e.g. "9 November"; see strftime(3) */
    return g_date_time_format (time, _ ("%-d %B"));
  /* Translators: a day of another year, e.g. "9 November 2025"; see strftime(3) */
  return g_date_time_format (time, _ ("%-d %B %Y"));
}

static void
hearth_day_picker_update (HearthDayPicker *self)
{
  g_autofree char *text = hearth_day_picker_format_day (self->date);
  /* Translators: the accessible name of a day picker named for what the day is for, "From: 9 November" */
  g_autofree char *accessible = self->title ? g_strdup_printf (_ ("%s: %s"), self->title, text)
                                            : g_strdup_printf (_ ("Date: %s"), text);
  GDate            day;

  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (hearth_date_parse (self->date, &day))
    {
      g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (&day),
                                                          g_date_get_month (&day),
                                                          g_date_get_day (&day), 12, 0, 0);
      g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_calendar_select_day (self->calendar, time);
      g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
}

static void
on_day_selected (GtkCalendar     *calendar,
                 HearthDayPicker *self)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);
  g_autofree char *date = g_date_time_format (time, "%Y-%m-%d");

  hearth_day_picker_set_date (self, date);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

/* Activating the picker (e.g. its row in a boxed list) opens the calendar. */
static void
hearth_day_picker_activate (HearthDayPicker *self)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

static void
hearth_day_picker_dispose (GObject *object)
{
  HearthDayPicker *self = HEARTH_DAY_PICKER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (hearth_day_picker_parent_class)->dispose (object);
}

static void
hearth_day_picker_finalize (GObject *object)
{
  HearthDayPicker *self = HEARTH_DAY_PICKER (object);

  g_free (self->date);
  g_free (self->title);

  G_OBJECT_CLASS (hearth_day_picker_parent_class)->finalize (object);
}

static void
hearth_day_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HearthDayPicker *self = HEARTH_DAY_PICKER (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_day_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HearthDayPicker *self = HEARTH_DAY_PICKER (object);

  switch (prop_id)
    {
    case PROP_DATE:
      hearth_day_picker_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_day_picker_class_init (HearthDayPickerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_day_picker_dispose;
  object_class->finalize = hearth_day_picker_finalize;
  object_class->get_property = hearth_day_picker_get_property;
  object_class->set_property = hearth_day_picker_set_property;

  /**
   * HearthDayPicker:date:
   * The picked day as `YYYY-MM-DD`; today when nothing was picked.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] =
    g_signal_new_class_handler ("activate",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (hearth_day_picker_activate),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hearth-day-picker");
}

static void
hearth_day_picker_init (HearthDayPicker *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-calendar-symbolic");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_tooltip_text (self->button, _ ("Choose the day"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  hearth_day_picker_reset (self);
}

GtkWidget *
hearth_day_picker_new (void)
{
  return g_object_new (HEARTH_TYPE_DAY_PICKER, NULL);
}

const char *
hearth_day_picker_get_date (HearthDayPicker *self)
{
  g_return_val_if_fail (HEARTH_IS_DAY_PICKER (self), NULL);

  return self->date;
}

/**
 * hearth_day_picker_set_date:
 * @date: (nullable): a `YYYY-MM-DD` date, or %NULL for today
 */
void
hearth_day_picker_set_date (HearthDayPicker *self,
                            const char      *date)
{
  g_autofree char *today = NULL;
  GDate            day;

  g_return_if_fail (HEARTH_IS_DAY_PICKER (self));

  if (date == NULL || !hearth_date_parse (date, &day))
    date = today = hearth_date_today ();
  if (g_strcmp0 (self->date, date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (date);
  hearth_day_picker_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Back to today, e.g. after a note was added. */
void
hearth_day_picker_reset (HearthDayPicker *self)
{
  hearth_day_picker_set_date (self, NULL);
}

/**
 * hearth_day_picker_set_title:
 * @title: (nullable): what the day is for, e.g. "From"; %NULL for "Date"
 *
 * Names the picker for screen readers: "From: 9 November".
 */
void
hearth_day_picker_set_title (HearthDayPicker *self,
                             const char      *title)
{
  char *copy;

  g_return_if_fail (HEARTH_IS_DAY_PICKER (self));

  copy = g_strdup (title);
  g_free (self->title);
  self->title = copy;
  hearth_day_picker_update (self);
}
