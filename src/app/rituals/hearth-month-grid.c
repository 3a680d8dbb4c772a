/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hearth-month-grid.h"
#include "hearth-text.h"

/* A month of days as a grid of buttons, a week a row, with a dot for each
 * occurrence of a ritual. Six rows are always shown (with the neighbouring
 * months' days dimmed), so the grid keeps its height from month to month.
 * Only one day button takes part in the Tab order (roving focus); the arrow
 * keys move between days and months, Enter selects. */

#define N_COLUMNS 7
#define N_ROWS    6
#define N_CELLS   (N_COLUMNS * N_ROWS)
#define MAX_DOTS  4

typedef struct
{
  GtkWidget *button;
  GtkWidget *number;
  GtkWidget *dots;
  GDate      date;
} DayCell;

struct _HearthMonthGrid
{
  GtkWidget parent_instance;

  GtkWidget *header;
  GtkWidget *month_label;
  GtkWidget *grid;

  DayCell      cells[N_CELLS];
  GDate        month; /* the first of the month shown */
  GDate        selected;
  GDate        focus; /* the day button in the Tab order */
  GDate        today;
  GDateWeekday first_weekday;
  GArray      *items; /* HearthMonthGridItem, titles owned */
};

G_DEFINE_FINAL_TYPE (HearthMonthGrid, hearth_month_grid, GTK_TYPE_WIDGET)

enum
{
  MONTH_CHANGED,
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The week starts where the locale says it does (as GtkCalendar reads it),
 * and on Monday when the locale is C or POSIX, which has no opinion. */
static GDateWeekday
locale_first_weekday (void)
{
#ifdef __GLIBC__
  const char *name = setlocale (LC_TIME, NULL);
  union
  {
    unsigned int word;
    char        *string;
  } langinfo;
  int   first_weekday, week_1stday = 0, week_start;
  guint week_origin;

  if (name == NULL || g_str_equal (name, "C") || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX"))
    return G_DATE_MONDAY;
  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130) /* a Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* a Monday */
    week_1stday = 1;
  else
    return G_DATE_MONDAY;
  /* 0 is Sunday here, 7 in GDate. */
  week_start = (week_1stday + first_weekday - 1 + 7) % 7;
  return week_start == 0 ? G_DATE_SUNDAY : (GDateWeekday) week_start;
#else
  return G_DATE_MONDAY;
#endif
}

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
}

static const char *
state_word (HearthOccurrenceState state)
{
  switch (state)
    {
    case HEARTH_OCCURRENCE_DONE:
      /* TRANSLATORS: the state of a ritual on a day, as in "Sunday walk done" */
      return _ ("done");
    case HEARTH_OCCURRENCE_SKIPPED:
      /* TRANSLATORS: the state of a ritual on a day, as in "Sunday walk skipped" */
      return _ ("skipped");
    case HEARTH_OCCURRENCE_MISSED:
      /* TRANSLATORS: the state of a ritual on a day, as in "Sunday walk missed" */
      return _ ("missed");
    case HEARTH_OCCURRENCE_UPCOMING:
    default:
      /* TRANSLATORS: the state of a ritual on a day, as in "Sunday walk upcoming" */
      return _ ("upcoming");
    }
}

static void
grid_start (HearthMonthGrid *self,
            GDate           *start)
{
  guint offset = (g_date_get_weekday (&self->month) - self->first_weekday + 7) % 7;

  *start = self->month;
  g_date_subtract_days (start, offset);
}

static void
update_month_label (HearthMonthGrid *self)
{
  g_autoptr(GDateTime) dt = date_to_datetime (&self->month);
  /* TRANSLATORS: the month above the calendar, e.g. "November 2026"; %OB is
   * the month's name standing alone. See g_date_time_format(). */
  g_autofree char *text = g_date_time_format (dt, _ ("%OB %Y"));

  gtk_label_set_label (GTK_LABEL (self->month_label), text);
}

static char *
day_label (HearthMonthGrid *self,
           DayCell         *cell,
           GPtrArray       *parts)
{
  g_autoptr(GDateTime) dt = date_to_datetime (&cell->date);
  /* TRANSLATORS: a day in the calendar, e.g. "Sunday 8 November"; see
   * g_date_time_format() */
  g_autofree char *day = g_date_time_format (dt, _ ("%A %-d %B"));
  g_autofree char *joined = NULL;

  if (g_date_compare (&cell->date, &self->today) == 0)
    {
      /* TRANSLATORS: a day in the calendar that is today, e.g. "Monday 23 November, today" */
      char *with_today = g_strdup_printf (_ ("%s, today"), day);
      g_free (day);
      day = with_today;
    }
  if (parts->len == 0)
    return g_steal_pointer (&day);
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the rituals of one day, as in "Sunday walk done, Date night upcoming" */
  joined = g_strjoinv (_ (", "), (char **) parts->pdata);
  /* TRANSLATORS: a day and its rituals, e.g. "Sunday 8 November: Sunday walk done" */
  return g_strdup_printf (_ ("%s: %s"), day, joined);
}

static void
update_cell (HearthMonthGrid *self,
             DayCell         *cell)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *number = g_strdup_printf ("%u", (guint) g_date_get_day (&cell->date));
  g_autofree char *label = NULL;
  GtkWidget       *child;
  guint            n_dots = 0;

  gtk_label_set_label (GTK_LABEL (cell->number), number);

  while ((child = gtk_widget_get_first_child (cell->dots)))
    gtk_box_remove (GTK_BOX (cell->dots), child);
  for (guint i = 0; self->items && i < self->items->len; i++)
    {
      const HearthMonthGridItem *item = &g_array_index (self->items, HearthMonthGridItem, i);

      if (g_date_compare (&item->date, &cell->date) != 0)
        continue;
      /* TRANSLATORS: a ritual and its state on a day, e.g. "Sunday walk done" */
      g_ptr_array_add (parts, g_strdup_printf (_ ("%s %s"), item->title, state_word (item->state)));
      if (n_dots++ < MAX_DOTS)
        {
          GtkWidget *dot;

          /* Done carries a check, so the state does not rest on colour alone. */
          if (item->state == HEARTH_OCCURRENCE_DONE)
            {
              dot = gtk_image_new_from_icon_name ("object-select-symbolic");
              gtk_image_set_pixel_size (GTK_IMAGE (dot), 8);
            }
          else
            dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_widget_add_css_class (dot, "hearth-dot");
          gtk_widget_add_css_class (dot, hearth_stats_state_name (item->state));
          gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (cell->dots), dot);
        }
    }

  label = day_label (self, cell, parts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (cell->button, label);

  if (g_date_get_month (&cell->date) != g_date_get_month (&self->month))
    gtk_widget_add_css_class (cell->button, "other-month");
  else
    gtk_widget_remove_css_class (cell->button, "other-month");
  if (g_date_valid (&self->today) && g_date_compare (&cell->date, &self->today) == 0)
    gtk_widget_add_css_class (cell->button, "today");
  else
    gtk_widget_remove_css_class (cell->button, "today");
  if (g_date_valid (&self->selected) && g_date_compare (&cell->date, &self->selected) == 0)
    {
      gtk_widget_add_css_class (cell->button, "selected");
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell->button), GTK_ACCESSIBLE_STATE_PRESSED,
                                   GTK_ACCESSIBLE_TRISTATE_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (cell->button, "selected");
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell->button), GTK_ACCESSIBLE_STATE_PRESSED,
                                   GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
    }
  gtk_widget_set_focusable (cell->button, g_date_compare (&cell->date, &self->focus) == 0);
}

static void
update_cells (HearthMonthGrid *self)
{
  GDate date;

  grid_start (self, &date);
  for (guint i = 0; i < N_CELLS; i++, g_date_add_days (&date, 1))
    {
      self->cells[i].date = date;
      update_cell (self, &self->cells[i]);
    }
  update_month_label (self);
}

static DayCell *
find_cell (HearthMonthGrid *self,
           const GDate     *date)
{
  for (guint i = 0; i < N_CELLS; i++)
    if (g_date_valid (&self->cells[i].date) && g_date_compare (&self->cells[i].date, date) == 0)
      return &self->cells[i];
  return NULL;
}

static gboolean
same_month (const GDate *a,
            const GDate *b)
{
  return g_date_get_year (a) == g_date_get_year (b) && g_date_get_month (a) == g_date_get_month (b);
}

/* Shows the month of @date; returns whether that changed the month. */
static gboolean
show_month_of (HearthMonthGrid *self,
               const GDate     *date)
{
  GDate first = *date;

  g_date_set_day (&first, 1);
  if (g_date_valid (&self->month) && g_date_compare (&first, &self->month) == 0)
    return FALSE;
  self->month = first;
  return TRUE;
}

static void
move_focus (HearthMonthGrid *self,
            const GDate     *target)
{
  gboolean changed;
  DayCell *cell;

  if (!g_date_valid (target))
    return;
  self->focus = *target;
  changed = !same_month (target, &self->month) && show_month_of (self, target);
  update_cells (self);
  if (changed)
    g_signal_emit (self, signals[MONTH_CHANGED], 0);
  cell = find_cell (self, &self->focus);
  if (cell != NULL)
    gtk_widget_grab_focus (cell->button);
}

static void
activate_day (HearthMonthGrid *self,
              const GDate     *date)
{
  GDate copy = *date;

  self->selected = copy;
  move_focus (self, &copy);
  g_signal_emit (self, signals[DAY_ACTIVATED], 0, &copy);
}

static void
on_day_clicked (GtkButton       *button,
                HearthMonthGrid *self)
{
  for (guint i = 0; i < N_CELLS; i++)
    if (self->cells[i].button == GTK_WIDGET (button))
      activate_day (self, &self->cells[i].date);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HearthMonthGrid       *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  GDate    target = self->focus;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  if (!g_date_valid (&target))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (rtl)
        g_date_add_days (&target, 1);
      else
        g_date_subtract_days (&target, 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (rtl)
        g_date_subtract_days (&target, 1);
      else
        g_date_add_days (&target, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      g_date_subtract_days (&target, 7);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      g_date_add_days (&target, 7);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      g_date_subtract_months (&target, 1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      g_date_add_months (&target, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      g_date_set_day (&target, 1);
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      g_date_set_day (&target, g_date_get_days_in_month (g_date_get_month (&target), g_date_get_year (&target)));
      break;
    default:
      return FALSE;
    }
  move_focus (self, &target);
  return TRUE;
}

static void
step_month (HearthMonthGrid *self,
            int              months)
{
  GDate target = g_date_valid (&self->focus) && same_month (&self->focus, &self->month) ? self->focus : self->month;

  if (months < 0)
    g_date_subtract_months (&target, -months);
  else
    g_date_add_months (&target, months);
  self->focus = target;
  show_month_of (self, &target);
  update_cells (self);
  g_signal_emit (self, signals[MONTH_CHANGED], 0);
}

static void
on_previous_clicked (HearthMonthGrid *self)
{
  step_month (self, -1);
}

static void
on_next_clicked (HearthMonthGrid *self)
{
  step_month (self, 1);
}

static void
on_today_clicked (HearthMonthGrid *self)
{
  GDate    today = self->today;
  gboolean changed;

  if (!g_date_valid (&today))
    return;
  self->selected = self->focus = today;
  changed = show_month_of (self, &today);
  update_cells (self);
  if (changed)
    g_signal_emit (self, signals[MONTH_CHANGED], 0);
  g_signal_emit (self, signals[DAY_ACTIVATED], 0, &today);
}

static void
build_cells (HearthMonthGrid *self)
{
  GDate monday;

  /* 1 January 2024 was a Monday. */
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 1, G_DATE_JANUARY, 2024);
  for (guint column = 0; column < N_COLUMNS; column++)
    {
      GDate day = monday;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *abbreviation = NULL;
      GtkWidget       *label;

      g_date_add_days (&day, (self->first_weekday - G_DATE_MONDAY + column) % 7);
      dt = date_to_datetime (&day);
      abbreviation = g_date_time_format (dt, "%a");
      label = gtk_label_new (abbreviation);
      gtk_widget_add_css_class (label, "hearth-weekday");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, abbreviation, -1);
      gtk_grid_attach (GTK_GRID (self->grid), label, (int) column, 0, 1, 1);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      DayCell   *cell = &self->cells[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      cell->button = gtk_button_new ();
      cell->number = gtk_label_new (NULL);
      cell->dots = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      g_date_clear (&cell->date, 1);

      gtk_widget_add_css_class (cell->button, "flat");
      gtk_widget_add_css_class (cell->button, "hearth-day");
      gtk_widget_add_css_class (cell->number, "hearth-day-number");
      gtk_widget_add_css_class (cell->dots, "hearth-dots");
      gtk_widget_set_halign (cell->dots, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), cell->number);
      gtk_box_append (GTK_BOX (box), cell->dots);
      gtk_button_set_child (GTK_BUTTON (cell->button), box);
      gtk_widget_set_hexpand (cell->button, TRUE);
      g_signal_connect (cell->button, "clicked", G_CALLBACK (on_day_clicked), self);
      gtk_grid_attach (GTK_GRID (self->grid), cell->button, (int) (i % N_COLUMNS), (int) (1 + i / N_COLUMNS), 1, 1);
    }
}

static void
hearth_month_grid_dispose (GObject *object)
{
  HearthMonthGrid *self = HEARTH_MONTH_GRID (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_MONTH_GRID);

  G_OBJECT_CLASS (hearth_month_grid_parent_class)->dispose (object);
}

static void
hearth_month_grid_finalize (GObject *object)
{
  HearthMonthGrid *self = HEARTH_MONTH_GRID (object);

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (hearth_month_grid_parent_class)->finalize (object);
}

static void
hearth_month_grid_class_init (HearthMonthGridClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_month_grid_dispose;
  object_class->finalize = hearth_month_grid_finalize;

  /**
   * HearthMonthGrid::month-changed:
   *
   * Another month is shown; hearth_month_grid_get_range() gives its days.
   */
  signals[MONTH_CHANGED] = g_signal_new ("month-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HearthMonthGrid::day-activated:
   * @date: the day
   *
   * A day was chosen with a click, Enter or the Today button.
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hearthjournal/Hearth/hearth-month-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthMonthGrid, header);
  gtk_widget_class_bind_template_child (widget_class, HearthMonthGrid, month_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMonthGrid, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hearth-month-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hearth_month_grid_init (HearthMonthGrid *self)
{
  GtkEventController *keys;
  g_autoptr(GDateTime) now = hearth_clock_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->first_weekday = locale_first_weekday ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  self->selected = self->focus = self->today;
  g_date_clear (&self->month, 1);
  show_month_of (self, &self->today);

  build_cells (self);
  update_cells (self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->month_label, NULL, -1);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->grid, keys);
}

GtkWidget *
hearth_month_grid_new (void)
{
  return g_object_new (HEARTH_TYPE_MONTH_GRID, NULL);
}

/**
 * hearth_month_grid_get_range:
 * @first: (out caller-allocates): the first day shown
 * @last: (out caller-allocates): the last day shown
 *
 * The days on screen, the neighbouring months' days included: what the
 * occurrences given to hearth_month_grid_set_items() should cover.
 */
void
hearth_month_grid_get_range (HearthMonthGrid *self,
                             GDate           *first,
                             GDate           *last)
{
  g_return_if_fail (HEARTH_IS_MONTH_GRID (self));

  grid_start (self, first);
  *last = *first;
  g_date_add_days (last, N_CELLS - 1);
}

/**
 * hearth_month_grid_get_selected:
 * @date: (out caller-allocates): the selected day
 */
void
hearth_month_grid_get_selected (HearthMonthGrid *self,
                                GDate           *date)
{
  g_return_if_fail (HEARTH_IS_MONTH_GRID (self));

  *date = self->selected;
}

/**
 * hearth_month_grid_select:
 * @date: a day
 *
 * Selects @date and shows its month, without emitting
 * HearthMonthGrid::day-activated.
 */
void
hearth_month_grid_select (HearthMonthGrid *self,
                          const GDate     *date)
{
  gboolean changed;

  g_return_if_fail (HEARTH_IS_MONTH_GRID (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->selected = self->focus = *date;
  changed = show_month_of (self, date);
  update_cells (self);
  if (changed)
    g_signal_emit (self, signals[MONTH_CHANGED], 0);
}

/**
 * hearth_month_grid_set_today:
 * @today: the local date today
 */
void
hearth_month_grid_set_today (HearthMonthGrid *self,
                             const GDate     *today)
{
  g_return_if_fail (HEARTH_IS_MONTH_GRID (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (today, &self->today) == 0)
    return;
  self->today = *today;
  update_cells (self);
}

static void
item_clear (gpointer data)
{
  HearthMonthGridItem *item = data;

  g_free ((char *) item->title);
}

/**
 * hearth_month_grid_set_items:
 * @items: (array length=n_items): the occurrences on the days shown
 *
 * Replaces the dots; the titles are copied.
 */
void
hearth_month_grid_set_items (HearthMonthGrid           *self,
                             const HearthMonthGridItem *items,
                             guint                      n_items)
{
  g_return_if_fail (HEARTH_IS_MONTH_GRID (self));
  g_return_if_fail (items != NULL || n_items == 0);

  g_clear_pointer (&self->items, g_array_unref);
  self->items = g_array_sized_new (FALSE, FALSE, sizeof (HearthMonthGridItem), n_items);
  g_array_set_clear_func (self->items, item_clear);
  for (guint i = 0; i < n_items; i++)
    {
      HearthMonthGridItem copy = items[i];

      copy.title = g_strdup (items[i].title ? items[i].title : "");
      g_array_append_val (self->items, copy);
    }
  update_cells (self);
}

/**
 * hearth_month_grid_get_day_button:
 * @date: a day on screen
 *
 * Returns: (transfer none) (nullable): the button of @date
 */
GtkWidget *
hearth_month_grid_get_day_button (HearthMonthGrid *self,
                                  const GDate     *date)
{
  DayCell *cell;

  g_return_val_if_fail (HEARTH_IS_MONTH_GRID (self), NULL);

  cell = find_cell (self, date);
  return cell ? cell->button : NULL;
}
