/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hearth-month-grid.h"
#include "hearth-ritual-editor.h"
#include "hearth-rituals-page.h"
#include "hearth-test-util.h"
#include "hearth-test-window.h"
#include "hearth-text.h"

/* The ritual calendar as a person uses it: a ritual made in the editor,
 * dots on the days it falls on, a day marked done from the day's detail,
 * the streak it makes, and the keyboard moving through the month. */

typedef struct
{
  HearthJournal *journal;
  GtkWidget     *window;
  GtkWidget     *page;
} Fixture;

static GtkCssProvider *dark_provider;

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  if (dark)
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark_provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  else
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark_provider));
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* The Sunday before today (a week ago when today is a Sunday). */
static void
last_sunday (GDate *date)
{
  hearth_date_get_today (date);
  g_date_subtract_days (date, g_date_get_weekday (date) == G_DATE_SUNDAY ? 7 : g_date_get_weekday (date));
}

static char *
add_ritual (HearthJournal *journal,
            const char    *title,
            const char    *rrule,
            const GDate   *start,
            const char    *time)
{
  g_autoptr(HearthRecord) ritual = hearth_journal_new_record (journal, "ritual", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *start_text = date_string (start);

  hearth_record_set_string (ritual, "title", title);
  hearth_record_set_string (ritual, "type", "ritual");
  hearth_record_set_string (ritual, "recurrence", rrule);
  hearth_record_set_string (ritual, "start", start_text);
  hearth_record_set_string (ritual, "time", time);
  hearth_record_set_int (ritual, "duration", 60);
  hearth_journal_save (journal, ritual, &error);
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (ritual));
}

static void
add_mark (HearthJournal *journal,
          const char    *ritual_id,
          const GDate   *date,
          const char    *status)
{
  g_autofree char *day = date_string (date);
  g_autofree char *id = g_strdup_printf ("%s/%s", ritual_id, day);
  g_autoptr(HearthRecord) mark = hearth_journal_new_record (journal, "occurrence", id);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (mark, "ritual", ritual_id);
  hearth_record_set_string (mark, "date", day);
  hearth_record_set_string (mark, "status", status);
  hearth_record_set_string (mark, "by", hearth_journal_get_me (journal));
  hearth_journal_save (journal, mark, &error);
  g_assert_no_error (error);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = hearth_test_screenshot (widget, name);

  g_assert_nonnull (path);
}

/* What a click does; gtk_widget_activate() on a button clicks only after a
 * visible press of a quarter second. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
show_page (Fixture *fixture,
           int      width,
           int      height)
{
  fixture->page = hearth_rituals_page_new (fixture->journal);
  fixture->window = hearth_test_window_new (fixture->page, width, height, NULL);
  g_assert_true (hearth_test_wait_until (is_mapped, fixture->page, 5000));
  hearth_test_wait (200);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  set_dark (FALSE);
  fixture->journal = hearth_test_journal_new (NULL);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  hearth_test_window_destroy (&fixture->window);
  g_assert_finalize_object (fixture->journal);
}

static HearthMonthGrid *
month_grid (Fixture *fixture)
{
  return HEARTH_MONTH_GRID (gtk_widget_get_template_child (fixture->page, HEARTH_TYPE_RITUALS_PAGE, "month_grid"));
}

/* A day as the calendar names it: "Sunday 8 November", with ", today" */
static char *
day_name (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 12, 0, 0);
  g_autofree char *name = g_date_time_format (dt, "%A %-d %B");
  GDate            today;

  hearth_date_get_today (&today);
  if (g_date_compare (date, &today) == 0)
    return g_strconcat (name, ", today", NULL);
  return g_steal_pointer (&name);
}

static const char *
day_tooltip (Fixture     *fixture,
             const GDate *date)
{
  GtkWidget *button = hearth_month_grid_get_day_button (month_grid (fixture), date);

  g_assert_nonnull (button);
  return gtk_widget_get_tooltip_text (button);
}

typedef struct
{
  Fixture     *fixture;
  const GDate *date;
  const char  *expected;
} TooltipWait;

static gboolean
tooltip_is (gpointer data)
{
  TooltipWait *wait = data;

  return g_strcmp0 (day_tooltip (wait->fixture, wait->date), wait->expected) == 0;
}

static void
assert_day_reads (Fixture     *fixture,
                  const GDate *date,
                  const char  *expected)
{
  TooltipWait wait = { fixture, date, expected };

  hearth_test_wait_until (tooltip_is, &wait, 3000);
  g_assert_cmpstr (day_tooltip (fixture, date), ==, expected);
}

static HearthRitualEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HEARTH_IS_RITUAL_EDITOR (window))
        return HEARTH_RITUAL_EDITOR (window);
    }
  return NULL;
}

static gpointer
editor_child (HearthRitualEditor *editor,
              const char         *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (editor), HEARTH_TYPE_RITUAL_EDITOR, name);

  g_assert_nonnull (child);
  return child;
}

/* Creating a ritual: the empty page's button opens the editor; a title and
 * "weekly on Sunday" saves a ritual repeating FREQ=WEEKLY;BYDAY=SU. */
static void
test_create_in_editor (Fixture      *fixture,
                       gconstpointer data)
{
  static const char *const days[] = { "day_mon", "day_tue", "day_wed", "day_thu", "day_fri", "day_sat" };
  GListModel              *rituals = hearth_journal_get_model (fixture->journal, HEARTH_KIND_RITUAL);
  g_autoptr(HearthRecord) ritual = NULL;
  g_autofree char    *summary = NULL;
  g_autofree char    *today = NULL;
  HearthRitualEditor *editor;
  GtkWidget          *add;
  GDate               date;

  show_page (fixture, 1000, 720);
  add = hearth_test_find_labelled (fixture->page, "_Add a Ritual");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_drawable (add));
  screenshot (fixture->window, "rituals-page-empty");
  click (add);
  hearth_test_wait (200);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Ritual");

  /* Nothing to save without a title. */
  g_assert_false (gtk_widget_get_sensitive (editor_child (editor, "save_button")));
  gtk_editable_set_text (editor_child (editor, "title_row"), "Sunday walk");
  g_assert_true (gtk_widget_get_sensitive (editor_child (editor, "save_button")));
  adw_combo_row_set_selected (editor_child (editor, "freq_row"), 1); /* Every week */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    gtk_toggle_button_set_active (editor_child (editor, days[i]), FALSE);
  gtk_toggle_button_set_active (editor_child (editor, "day_sun"), TRUE);
  gtk_toggle_button_set_active (editor_child (editor, "day_mon"), TRUE);
  gtk_toggle_button_set_active (editor_child (editor, "day_mon"), FALSE);

  /* The rule in plain words, live; no RRULE in sight. */
  summary = hearth_ritual_editor_dup_summary (editor);
  g_assert_cmpstr (summary, ==, "Every week on Sunday");
  g_assert_cmpstr (adw_preferences_group_get_description (editor_child (editor, "repeat_group")), ==,
                   "Every week on Sunday");
  g_assert_null (hearth_test_find_labelled (GTK_WIDGET (editor), "FREQ=WEEKLY;BYDAY=SU"));
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "month_day_row")));
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "days_row")));

  hearth_test_wait (300);
  screenshot (GTK_WIDGET (editor), "ritual-editor");
  adw_expander_row_set_expanded (editor_child (editor, "suggestions_row"), FALSE);
  hearth_test_wait (500);
  screenshot (GTK_WIDGET (editor), "ritual-editor-repeats");
  set_dark (TRUE);
  hearth_test_wait (300);
  screenshot (GTK_WIDGET (editor), "ritual-editor-repeats-dark");
  set_dark (FALSE);
  {
    GtkWidget     *scroller = gtk_widget_get_ancestor (editor_child (editor, "duration_spin"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    hearth_test_wait (300);
    screenshot (GTK_WIDGET (editor), "ritual-editor-when");
  }

  click (GTK_WIDGET (editor_child (editor, "save_button")));
  hearth_test_wait (100);
  g_assert_null (find_editor ());

  g_assert_cmpuint (g_list_model_get_n_items (rituals), ==, 1);
  ritual = g_list_model_get_item (rituals, 0);
  hearth_date_get_today (&date);
  today = date_string (&date);
  g_assert_cmpstr (hearth_record_get_string (ritual, "title"), ==, "Sunday walk");
  g_assert_cmpstr (hearth_record_get_string (ritual, "recurrence"), ==, "FREQ=WEEKLY;BYDAY=SU");
  g_assert_cmpstr (hearth_record_get_string (ritual, "type"), ==, "ritual");
  g_assert_cmpstr (hearth_record_get_string (ritual, "start"), ==, today);
  g_assert_cmpstr (hearth_record_get_string (ritual, "time"), ==, "19:00");

  /* The page now shows it in the list. */
  hearth_test_wait (200);
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Sunday walk"));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Every week on Sunday at 19:00"));
}

/* A starter suggestion fills in the whole form: the weekly check-in is a
 * check-in, weekly on Sunday, fifteen minutes. */
static void
test_suggestion (Fixture      *fixture,
                 gconstpointer data)
{
  GListModel *rituals = hearth_journal_get_model (fixture->journal, HEARTH_KIND_RITUAL);
  g_autoptr(HearthRecord) ritual = NULL;
  g_autofree char    *summary = NULL;
  HearthRitualEditor *editor;
  GtkWidget          *row;

  show_page (fixture, 1000, 720);
  editor = hearth_rituals_page_open_editor (HEARTH_RITUALS_PAGE (fixture->page), NULL);
  hearth_test_wait (200);
  row = hearth_test_find_labelled (GTK_WIDGET (editor), "The weekly check-in");
  g_assert_nonnull (row);
  row = gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");

  g_assert_cmpstr (gtk_editable_get_text (editor_child (editor, "title_row")), ==, "The weekly check-in");
  summary = hearth_ritual_editor_dup_summary (editor);
  g_assert_cmpstr (summary, ==, "Every week on Sunday");
  g_assert_cmpuint (adw_combo_row_get_selected (editor_child (editor, "type_row")), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (editor_child (editor, "duration_spin")), ==, 15);

  g_assert_true (hearth_ritual_editor_save (editor, NULL));
  gtk_window_destroy (GTK_WINDOW (editor));
  ritual = g_list_model_get_item (rituals, 0);
  g_assert_cmpstr (hearth_record_get_string (ritual, "type"), ==, "checkin");
  g_assert_cmpstr (hearth_record_get_string (ritual, "recurrence"), ==, "FREQ=WEEKLY;BYDAY=SU");
  g_assert_cmpint (hearth_record_get_int (ritual, "duration", 0), ==, 15);
  g_assert_cmpint (hearth_record_get_int (ritual, "remind_before", 0), ==, 15);
}

/* Dots on Sundays, none on the other days; then marking last Sunday done
 * from the day's detail writes <ritual id>/<date> with status done. */
static void
test_grid_and_marking (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *id = NULL;
  g_autofree char *occurrence_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *next_name = NULL;
  g_autofree char *monday_name = NULL;
  g_autofree char *expected = NULL;
  GDate            sunday, start, monday, next_sunday;
  GtkWidget       *note, *done;
  HearthRecord    *mark;

  last_sunday (&sunday);
  start = sunday;
  g_date_subtract_days (&start, 21);
  id = add_ritual (fixture->journal, "Sunday walk", "FREQ=WEEKLY;BYDAY=SU", &start, "10:30");
  add_mark (fixture->journal, id, &start, "done");

  show_page (fixture, 1000, 720);
  hearth_rituals_page_select_day (HEARTH_RITUALS_PAGE (fixture->page), &sunday);
  hearth_test_wait (200);

  name = day_name (&sunday);
  expected = g_strdup_printf ("%s: Sunday walk missed", name);
  assert_day_reads (fixture, &sunday, expected);
  monday = sunday;
  g_date_add_days (&monday, 1);
  monday_name = day_name (&monday);
  if (hearth_month_grid_get_day_button (month_grid (fixture), &monday) != NULL)
    g_assert_cmpstr (day_tooltip (fixture, &monday), ==, monday_name);
  next_sunday = sunday;
  g_date_add_days (&next_sunday, 7);
  if (hearth_month_grid_get_day_button (month_grid (fixture), &next_sunday) != NULL)
    {
      g_autofree char *upcoming = NULL;

      next_name = day_name (&next_sunday);
      upcoming = g_strdup_printf ("%s: Sunday walk upcoming", next_name);
      g_assert_cmpstr (day_tooltip (fixture, &next_sunday), ==, upcoming);
    }

  /* The day detail lists the ritual, with its time and state. */
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "10:30 · 60 minutes"));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Missed"));
  screenshot (fixture->window, "rituals-page-wide");

  note = GTK_WIDGET (gtk_widget_get_template_child (fixture->page, HEARTH_TYPE_RITUALS_PAGE, "day_box"));
  for (note = gtk_widget_get_first_child (note); note && !GTK_IS_ENTRY (note);)
    {
      GtkWidget *next = gtk_widget_get_first_child (note);
      while (next == NULL && note != NULL)
        {
          next = gtk_widget_get_next_sibling (note);
          if (next == NULL)
            note = gtk_widget_get_parent (note);
        }
      note = next;
    }
  g_assert_true (GTK_IS_ENTRY (note));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (note)), ==, "How did it feel?");
  gtk_editable_set_text (GTK_EDITABLE (note), "Windy, still lovely");
  done = hearth_test_find_labelled (fixture->page, "_Done");
  g_assert_nonnull (done);
  g_assert_true (gtk_widget_get_sensitive (done));
  click (done);

  {
    g_autofree char *day = date_string (&sunday);
    occurrence_id = g_strdup_printf ("%s/%s", id, day);
  }
  mark = hearth_journal_lookup (fixture->journal, occurrence_id);
  g_assert_nonnull (mark);
  g_assert_cmpstr (hearth_record_get_kind (mark), ==, "occurrence");
  g_assert_cmpstr (hearth_record_get_string (mark, "status"), ==, "done");
  g_assert_cmpstr (hearth_record_get_string (mark, "note"), ==, "Windy, still lovely");
  g_assert_cmpstr (hearth_record_get_string (mark, "by"), ==, hearth_journal_get_me (fixture->journal));
  g_assert_cmpstr (hearth_record_get_string (mark, "ritual"), ==, id);

  g_free (expected);
  expected = g_strdup_printf ("%s: Sunday walk done", name);
  assert_day_reads (fixture, &sunday, expected);
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Done"));
  g_assert_null (hearth_test_find_labelled (fixture->page, "Missed"));
  hearth_test_wait (300);
  screenshot (fixture->window, "rituals-page-marked");
  set_dark (TRUE);
  hearth_test_wait (300);
  screenshot (fixture->window, "rituals-page-wide-dark");
  set_dark (FALSE);

  /* Undo takes the mark away again. */
  gtk_widget_activate_action (fixture->page, "rituals.undo-mark", NULL);
  g_assert_null (hearth_journal_lookup (fixture->journal, occurrence_id));
  g_free (expected);
  expected = g_strdup_printf ("%s: Sunday walk missed", name);
  assert_day_reads (fixture, &sunday, expected);
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} FindWait;

static gboolean
label_shown (gpointer data)
{
  FindWait *wait = data;

  return hearth_test_find_labelled (wait->root, wait->label) != NULL;
}

/* Three done days and today still to come: a streak of 3, and a score of
 * 1 − m³ with m = 0.5^(1/13), 14.8 %, shown as 15 %. */
static void
test_streak (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *id = NULL;
  GDate            today, start, day;
  FindWait         wait;

  hearth_date_get_today (&today);
  start = today;
  g_date_subtract_days (&start, 3);
  id = add_ritual (fixture->journal, "Morning coffee together", "FREQ=DAILY", &start, "07:30");
  day = start;
  for (guint i = 0; i < 3; i++, g_date_add_days (&day, 1))
    add_mark (fixture->journal, id, &day, "done");

  show_page (fixture, 1000, 720);
  wait.root = fixture->page;
  wait.label = "Current streak: 3";
  g_assert_true (hearth_test_wait_until (label_shown, &wait, 3000));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Best streak: 3"));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "15 %"));
  /* The chart's text alternative. */
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Consistency 15 %, rising"));

  /* A miss yesterday would have ended it: mark it skipped instead, and the
   * streak stands. */
  g_date_subtract_days (&day, 1);
  add_mark (fixture->journal, id, &day, "skipped");
  wait.label = "Current streak: 2";
  g_assert_true (hearth_test_wait_until (label_shown, &wait, 3000));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Best streak: 2"));
}

static GtkEventController *
key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

static void
press (GtkEventController *keys,
       guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  g_assert_true (handled);
}

static void
assert_focus_on (Fixture     *fixture,
                 const GDate *date)
{
  GtkWidget *button = hearth_month_grid_get_day_button (month_grid (fixture), date);

  g_assert_nonnull (button);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == button);
  g_assert_true (gtk_widget_get_focusable (button));
}

/* The arrow keys move the focused day, Page Down goes a month on, Enter
 * selects; only the focused day is in the Tab order. */
static void
test_keyboard (Fixture      *fixture,
               gconstpointer data)
{
  GtkWidget          *grid;
  GtkEventController *keys;
  GDate               day, expected;
  guint               n_focusable = 0;
  g_autofree char    *title = NULL;

  hearth_date_get_today (&day);
  g_date_set_day (&day, 10);
  show_page (fixture, 1000, 720);
  hearth_rituals_page_select_day (HEARTH_RITUALS_PAGE (fixture->page), &day);
  gtk_widget_grab_focus (hearth_month_grid_get_day_button (month_grid (fixture), &day));
  assert_focus_on (fixture, &day);

  grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (month_grid (fixture)), HEARTH_TYPE_MONTH_GRID, "grid"));
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_get_focusable (child))
      n_focusable++;
  g_assert_cmpuint (n_focusable, ==, 1);

  keys = key_controller (grid);
  g_assert_nonnull (keys);

  press (keys, GDK_KEY_Right);
  expected = day;
  g_date_add_days (&expected, 1);
  assert_focus_on (fixture, &expected);

  press (keys, GDK_KEY_Down);
  g_date_add_days (&expected, 7);
  assert_focus_on (fixture, &expected);

  press (keys, GDK_KEY_Left);
  press (keys, GDK_KEY_Up);
  g_date_subtract_days (&expected, 8);
  assert_focus_on (fixture, &expected);
  g_assert_cmpuint (g_date_get_day (&expected), ==, 10);

  press (keys, GDK_KEY_Page_Down);
  g_date_add_months (&expected, 1);
  assert_focus_on (fixture, &expected);

  /* Enter on the focused day (a click of its button) selects it and shows
   * it beside the grid. */
  click (hearth_month_grid_get_day_button (month_grid (fixture), &expected));
  hearth_month_grid_get_selected (month_grid (fixture), &day);
  g_assert_cmpint (g_date_compare (&day, &expected), ==, 0);
  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&expected), g_date_get_month (&expected),
                                                      g_date_get_day (&expected), 12, 0, 0);
    title = g_date_time_format (dt, "%A %-d %B %Y");
  }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (fixture->page, HEARTH_TYPE_RITUALS_PAGE,
                                                                                 "day_title"))),
                   ==, title);
}

/* At 360 px the calendar and the day fold into one column: the grid still
 * fits, and choosing a day slides its detail in with a way back. */
static void
test_narrow (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *id = NULL;
  GtkWidget       *leaflet, *back, *day_button;
  GDate            sunday, start;

  last_sunday (&sunday);
  start = sunday;
  g_date_subtract_days (&start, 14);
  id = add_ritual (fixture->journal, "Sunday walk", "FREQ=WEEKLY;BYDAY=SU", &start, "10:30");
  add_mark (fixture->journal, id, &start, "done");
  g_free (add_ritual (fixture->journal, "Walk after dinner", "FREQ=DAILY", &start, "19:30"));

  show_page (fixture, 360, 720);
  leaflet = GTK_WIDGET (gtk_widget_get_template_child (fixture->page, HEARTH_TYPE_RITUALS_PAGE, "leaflet"));
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (month_grid (fixture))), <=, 360);
  screenshot (fixture->window, "rituals-page-narrow");

  /* Last Sunday may lie before the first week the month shows (early in a
   * month): the person pages back to it first, as the test does. */
  if (hearth_month_grid_get_day_button (month_grid (fixture), &sunday) == NULL)
    hearth_month_grid_select (month_grid (fixture), &sunday);
  day_button = hearth_month_grid_get_day_button (month_grid (fixture), &sunday);
  g_assert_nonnull (day_button);
  click (day_button);
  hearth_test_wait (500);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "day");
  back = GTK_WIDGET (gtk_widget_get_template_child (fixture->page, HEARTH_TYPE_RITUALS_PAGE, "back_button"));
  g_assert_true (gtk_widget_get_visible (back));
  screenshot (fixture->window, "rituals-page-narrow-day");
  set_dark (TRUE);
  hearth_test_wait (300);
  screenshot (fixture->window, "rituals-page-narrow-day-dark");
  set_dark (FALSE);
  click (back);
  hearth_test_wait (500);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "calendar");
}

/* The days of the weeks around the month that the grid shows dimmed are
 * days like any other: choosing one goes to its month and selects it. */
static void
test_other_month_day (Fixture      *fixture,
                      gconstpointer data)
{
  HearthMonthGrid *grid;
  GDate            first, last, selected, first_after, last_after;
  GtkWidget       *button;

  show_page (fixture, 900, 720);
  grid = month_grid (fixture);

  /* Last week's trailing days and then a leading day, whatever today is. */
  for (int round = 0; round < 2; round++)
    {
      GDate target;

      hearth_month_grid_get_range (grid, &first, &last);
      target = round == 0 ? last : first;
      /* The grid always shows whole weeks: the first cell is a day of the
       * month before, or the 1st; the last one of the month after, or the
       * month's last day. Take a dimmed one when there is one. */
      if (round == 0 && g_date_get_day (&last) > 7)
        continue;
      if (round == 1 && g_date_get_day (&first) == 1)
        continue;
      button = hearth_month_grid_get_day_button (grid, &target);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_has_css_class (button, "other-month"));
      click (button);
      hearth_test_wait (200);

      hearth_month_grid_get_selected (grid, &selected);
      g_assert_cmpint (g_date_compare (&selected, &target), ==, 0);
      hearth_month_grid_get_range (grid, &first_after, &last_after);
      /* Now the month of that day is the one shown, the day not dimmed. */
      g_assert_cmpint (g_date_compare (&first_after, &first), !=, 0);
      button = hearth_month_grid_get_day_button (grid, &target);
      g_assert_nonnull (button);
      g_assert_false (gtk_widget_has_css_class (button, "other-month"));
    }
  screenshot (fixture->window, "rituals-page-other-month-day");
}

/* Archiving hides a ritual from the calendar and keeps it under Archived. */
static void
test_archive (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char    *id = NULL;
  g_autofree char    *name = NULL;
  HearthRitualEditor *editor;
  GDate               sunday, start;
  FindWait            wait;

  last_sunday (&sunday);
  start = sunday;
  g_date_subtract_days (&start, 14);
  id = add_ritual (fixture->journal, "Sunday walk", "FREQ=WEEKLY;BYDAY=SU", &start, "10:30");
  show_page (fixture, 1000, 720);
  hearth_rituals_page_select_day (HEARTH_RITUALS_PAGE (fixture->page), &sunday);
  name = day_name (&sunday);

  editor = hearth_rituals_page_open_editor (HEARTH_RITUALS_PAGE (fixture->page), id);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Ritual");
  g_assert_cmpstr (gtk_editable_get_text (editor_child (editor, "title_row")), ==, "Sunday walk");
  g_assert_true (gtk_toggle_button_get_active (editor_child (editor, "day_sun")));
  g_assert_false (gtk_toggle_button_get_active (editor_child (editor, "day_mon")));
  click (GTK_WIDGET (editor_child (editor, "archive_button")));
  hearth_test_wait (100);

  g_assert_true (hearth_record_get_bool (hearth_journal_lookup (fixture->journal, id), "archived"));
  assert_day_reads (fixture, &sunday, name);
  wait.root = fixture->page;
  wait.label = "Archived";
  g_assert_true (hearth_test_wait_until (label_shown, &wait, 3000));
  g_assert_nonnull (hearth_test_find_labelled (fixture->page, "Sunday walk"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  hearth_test_set_clock ();
  /* AdwApplication loads these by itself; the tests have none. */
  gtk_css_provider_load_from_resource (style, "/io/github/hearthjournal/Hearth/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  dark_provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (dark_provider, "/io/github/hearthjournal/Hearth/style-dark.css");

  g_test_add ("/rituals-page/create-in-editor", Fixture, NULL, fixture_setup, test_create_in_editor, fixture_teardown);
  g_test_add ("/rituals-page/suggestion", Fixture, NULL, fixture_setup, test_suggestion, fixture_teardown);
  g_test_add ("/rituals-page/grid-and-marking", Fixture, NULL, fixture_setup, test_grid_and_marking, fixture_teardown);
  g_test_add ("/rituals-page/streak", Fixture, NULL, fixture_setup, test_streak, fixture_teardown);
  g_test_add ("/rituals-page/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/rituals-page/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/rituals-page/other-month-day", Fixture, NULL, fixture_setup, test_other_month_day, fixture_teardown);
  g_test_add ("/rituals-page/archive", Fixture, NULL, fixture_setup, test_archive, fixture_teardown);

  {
    int status = g_test_run ();
    g_clear_object (&dark_provider);
    return status;
  }
}
