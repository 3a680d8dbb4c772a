/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "hearth-stats.h"
#include "hearth-text.h"
#include "hearth-test-clock.h"

static GDate
date (const char *yyyy_mm_dd)
{
  GDate d;

  g_date_clear (&d, 1);
  g_assert_true (hearth_date_parse (yyyy_mm_dd, &d));
  return d;
}

/* m = 0.5^(1/13) = e^(−ln 2 / 13) = e^(−0.0533190) ≈ 0.948078 */
#define DAILY_M 0.948078

typedef struct
{
  HearthRecurrence *daily;
  HearthRecurrence *weekly;
  GDate             start;
  GHashTable       *marks;
} RitualFixture;

static void
ritual_setup (RitualFixture *fixture,
              gconstpointer  user_data)
{
  fixture->daily = hearth_recurrence_parse ("FREQ=DAILY", NULL);
  fixture->weekly = hearth_recurrence_parse ("FREQ=WEEKLY;BYDAY=SU", NULL);
  fixture->start = date ("2026-03-01");
  fixture->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
ritual_teardown (RitualFixture *fixture,
                 gconstpointer  user_data)
{
  g_clear_pointer (&fixture->daily, hearth_recurrence_free);
  g_clear_pointer (&fixture->weekly, hearth_recurrence_free);
  g_clear_pointer (&fixture->marks, g_hash_table_unref);
}

static void
mark (RitualFixture *fixture,
      const char    *day,
      const char    *status)
{
  g_hash_table_insert (fixture->marks, g_strdup (day), g_strdup (status));
}

/* Marks @n days from @first with @status (NULL: leave them unmarked). */
static void
mark_days (RitualFixture *fixture,
           const char    *first,
           guint          n,
           guint          step,
           const char    *status)
{
  GDate d = date (first);

  for (guint i = 0; i < n; i++, g_date_add_days (&d, step))
    {
      char key[16];

      g_snprintf (key, sizeof key, "%04u-%02u-%02u", (guint) g_date_get_year (&d),
                  (guint) g_date_get_month (&d), (guint) g_date_get_day (&d));
      if (status)
        mark (fixture, key, status);
      else
        g_hash_table_remove (fixture->marks, key);
    }
}

static void
test_state (void)
{
  GDate today = date ("2026-03-10");
  GDate yesterday = date ("2026-03-09");
  GDate tomorrow = date ("2026-03-11");

  g_assert_cmpint (hearth_stats_state (&yesterday, NULL, &today), ==, HEARTH_OCCURRENCE_MISSED);
  /* Today unmarked is still to come, not missed. */
  g_assert_cmpint (hearth_stats_state (&today, NULL, &today), ==, HEARTH_OCCURRENCE_UPCOMING);
  g_assert_cmpint (hearth_stats_state (&tomorrow, NULL, &today), ==, HEARTH_OCCURRENCE_UPCOMING);
  g_assert_cmpint (hearth_stats_state (&yesterday, "done", &today), ==, HEARTH_OCCURRENCE_DONE);
  g_assert_cmpint (hearth_stats_state (&today, "skipped", &today), ==, HEARTH_OCCURRENCE_SKIPPED);
  /* A status this version does not know counts as no mark. */
  g_assert_cmpint (hearth_stats_state (&yesterday, "postponed", &today), ==, HEARTH_OCCURRENCE_MISSED);
}

static void
test_schedule (RitualFixture *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GArray) scheduled = NULL;
  GDate                  from = date ("2026-03-01"), to = date ("2026-03-31"), today = date ("2026-03-15");
  const HearthScheduled *s;

  mark (fixture, "2026-03-01", "done");
  mark (fixture, "2026-03-15", "skipped");
  /* A mark on a Monday, left from before the rule changed to Sundays. */
  mark (fixture, "2026-03-02", "done");
  scheduled = hearth_stats_schedule (fixture->weekly, &fixture->start, &from, &to, fixture->marks, &today);
  g_assert_cmpuint (scheduled->len, ==, 5);
  s = (const HearthScheduled *) (gpointer) scheduled->data;
  g_assert_cmpint (s[0].state, ==, HEARTH_OCCURRENCE_DONE);     /* 1st */
  g_assert_cmpint (s[1].state, ==, HEARTH_OCCURRENCE_MISSED);   /* 8th */
  g_assert_cmpint (s[2].state, ==, HEARTH_OCCURRENCE_SKIPPED);  /* 15th, today */
  g_assert_cmpint (s[3].state, ==, HEARTH_OCCURRENCE_UPCOMING); /* 22nd */
  g_assert_cmpint (s[4].state, ==, HEARTH_OCCURRENCE_UPCOMING); /* 29th */
  g_assert_cmpuint (g_date_get_day (&s[4].date), ==, 29);
}

/* Daily from 1 March, today the 10th:
 *   1 done, 2 done, 3 missed, 4 done, 5 skipped, 6–9 done, 10 unmarked.
 * Best run: 4, 6, 7, 8, 9 = 5 (the skip on the 5th neither breaks nor
 * counts). The current streak is the same 5: today is still to come. */
static void
test_streaks (RitualFixture *fixture,
              gconstpointer  user_data)
{
  HearthRitualStats stats;
  GDate             today = date ("2026-03-10");

  mark_days (fixture, "2026-03-01", 2, 1, "done");
  mark_days (fixture, "2026-03-04", 1, 1, "done");
  mark (fixture, "2026-03-05", "skipped");
  mark_days (fixture, "2026-03-06", 4, 1, "done");

  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.current_streak, ==, 5);
  g_assert_cmpuint (stats.best_streak, ==, 5);
  g_assert_cmpuint (stats.done, ==, 7);
  g_assert_cmpuint (stats.skipped, ==, 1);
  g_assert_cmpuint (stats.missed, ==, 1);

  /* Done today: one more. */
  mark (fixture, "2026-03-10", "done");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.current_streak, ==, 6);
  g_assert_cmpuint (stats.best_streak, ==, 6);

  /* A day later with the 11th unmarked, it is still 6 until the 12th. */
  today = date ("2026-03-11");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.current_streak, ==, 6);
  today = date ("2026-03-12");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.current_streak, ==, 0);
  g_assert_cmpuint (stats.best_streak, ==, 6);
  g_assert_cmpuint (stats.missed, ==, 2);

  /* Done ahead of time in the future does not count yet. */
  mark (fixture, "2026-03-20", "done");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.current_streak, ==, 0);
  g_assert_cmpuint (stats.done, ==, 8);

  /* Before the start there is nothing. */
  today = date ("2026-02-01");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.best_streak, ==, 0);
  g_assert_cmpuint (stats.done, ==, 0);
  g_assert_cmpfloat (stats.score, ==, 0);
}

static void
test_streaks_plain (void)
{
  HearthScheduled             s[6];
  GDate                       today = date ("2026-03-06");
  guint                       current = 99, best = 99;
  const HearthOccurrenceState states[] = {
    HEARTH_OCCURRENCE_SKIPPED, HEARTH_OCCURRENCE_DONE, HEARTH_OCCURRENCE_SKIPPED,
    HEARTH_OCCURRENCE_SKIPPED, HEARTH_OCCURRENCE_DONE, HEARTH_OCCURRENCE_UPCOMING
  };

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      s[i].date = date ("2026-03-01");
      g_date_add_days (&s[i].date, i);
      s[i].state = states[i];
    }
  hearth_stats_streaks (s, G_N_ELEMENTS (s), &today, &current, &best);
  g_assert_cmpuint (current, ==, 2);
  g_assert_cmpuint (best, ==, 2);

  hearth_stats_streaks (NULL, 0, &today, &current, &best);
  g_assert_cmpuint (current, ==, 0);
  g_assert_cmpuint (best, ==, 0);
}

/* Three daily dones from 0:
 *   s1 = 1 − m            = 0.051922
 *   s2 = s1·m + (1 − m)   = 1 − m² = 0.101149
 *   s3 = s2·m + (1 − m)   = 1 − m³ = 1 − 0.5^(3/13) = 1 − 0.852180 = 0.147820 */
static void
test_score_three_days (RitualFixture *fixture,
                       gconstpointer  user_data)
{
  HearthRitualStats stats;
  GDate             today = date ("2026-03-03");
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (HearthScorePoint));

  g_assert_cmpfloat_with_epsilon (hearth_stats_score_factor (1), DAILY_M, 1e-6);
  mark_days (fixture, "2026-03-01", 3, 1, "done");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, series);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.147820, 1e-6);
  g_assert_cmpuint (series->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (series, HearthScorePoint, 0).score, 0.051922, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (series, HearthScorePoint, 1).score, 0.101149, 1e-6);
  g_assert_cmpuint (g_date_get_day (&g_array_index (series, HearthScorePoint, 2).date), ==, 3);

  /* Today unmarked leaves the score as it was; a skip too. */
  today = date ("2026-03-05");
  mark (fixture, "2026-03-04", "skipped");
  g_array_set_size (series, 0);
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, series);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.147820, 1e-6);
  g_assert_cmpuint (series->len, ==, 4);

  /* A miss multiplies by m: 0.147820 · 0.948078 = 0.140144. */
  today = date ("2026-03-06");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.140144, 1e-6);
}

/* Three months of care, then a week away without marking it. */
static void
test_score_missed_week (RitualFixture *fixture,
                        gconstpointer  user_data)
{
  HearthRitualStats stats;
  GDate             today;
  double            before;

  /* Daily: 90 days done gives 1 − 0.5^(90/13) = 0.991760; seven misses
   * multiply by 0.5^(7/13) = 0.688505, leaving 0.682831, not 0. */
  mark_days (fixture, "2026-03-01", 90, 1, "done");
  today = date ("2026-05-29");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.done, ==, 90);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.991760, 1e-6);
  today = date ("2026-06-06");
  hearth_stats_ritual (fixture->daily, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.missed, ==, 7);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.682831, 1e-6);
  g_assert_cmpuint (stats.best_streak, ==, 90);
  g_assert_cmpuint (stats.current_streak, ==, 0);

  /* Weekly on Sundays: m = 0.5^(√(1/7)/13) = 0.980049. Half a year of Sundays
   * (26) gives 1 − m^26 = 0.407835; one missed Sunday only takes it to
   * 0.407835 · 0.980049 = 0.399698. */
  g_hash_table_remove_all (fixture->marks);
  mark_days (fixture, "2026-03-01", 26, 7, "done");
  today = date ("2026-08-23");
  hearth_stats_ritual (fixture->weekly, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.done, ==, 26);
  before = stats.score;
  g_assert_cmpfloat_with_epsilon (before, 0.407835, 1e-6);
  today = date ("2026-08-31");
  hearth_stats_ritual (fixture->weekly, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpuint (stats.missed, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats.score, 0.399698, 1e-6);
  g_assert_cmpfloat (stats.score / before, >, 0.98);
  /* And a skipped Sunday instead costs nothing. */
  mark (fixture, "2026-08-30", "skipped");
  hearth_stats_ritual (fixture->weekly, &fixture->start, fixture->marks, &today, &stats, NULL);
  g_assert_cmpfloat (stats.score, ==, before);
}

static void
test_weekly_counts (void)
{
  /* ISO weeks start on Monday: 2025-12-29, 2026-01-05, 2026-01-12, 2026-01-19. */
  GDate dates[] = {
    date ("2025-12-28"), /* Sunday before the first week: left out */
    date ("2025-12-31"),
    date ("2026-01-05"),
    date ("2026-01-11"), /* Sunday, same week as the 5th */
    date ("2026-01-12"),
    date ("2026-02-01"), /* after the last week: left out */
  };
  GDate from = date ("2026-01-01"), to = date ("2026-01-20");
  g_autoptr(GArray) weeks = hearth_stats_weekly_counts (dates, G_N_ELEMENTS (dates), &from, &to);
  const guint expected[] = { 1, 2, 1, 0 };
  GDate       monday;

  g_assert_cmpuint (weeks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < weeks->len; i++)
    {
      HearthWeekCount *week = &g_array_index (weeks, HearthWeekCount, i);
      g_assert_cmpint (g_date_get_weekday (&week->week), ==, G_DATE_MONDAY);
      g_assert_cmpuint (week->count, ==, expected[i]);
    }
  g_assert_cmpuint (g_date_get_day (&g_array_index (weeks, HearthWeekCount, 0).week), ==, 29);

  hearth_stats_week_start (&from, &monday);
  g_assert_cmpuint (g_date_get_day (&monday), ==, 29);
  /* A Monday is its own week's start; a Sunday belongs to the week before. */
  from = date ("2026-01-05");
  hearth_stats_week_start (&from, &monday);
  g_assert_cmpuint (g_date_get_day (&monday), ==, 5);
  from = date ("2026-01-04");
  hearth_stats_week_start (&from, &monday);
  g_assert_cmpuint (g_date_get_day (&monday), ==, 29);

  /* An empty range gives no weeks. */
  g_clear_pointer (&weeks, g_array_unref);
  from = date ("2026-02-01");
  to = date ("2026-01-01");
  weeks = hearth_stats_weekly_counts (NULL, 0, &from, &to);
  g_assert_cmpuint (weeks->len, ==, 0);
}

static void
test_weekly_ratings (void)
{
  const HearthRating ratings[] = {
    { date ("2026-01-06"), "a", "heard", 4 },
    { date ("2026-01-06"), "a", "close", 2 },
    { date ("2026-01-06"), "b", "heard", 5 },
    { date ("2026-01-08"), "a", "heard", 2 },
    { date ("2026-01-20"), "a", "team", 5 },
    { date ("2026-01-20"), "a", "safe", 7 }, /* out of range: ignored */
  };
  GDate from = date ("2026-01-05"), to = date ("2026-01-25");
  g_autoptr(GArray) a_heard = hearth_stats_weekly_ratings (ratings, G_N_ELEMENTS (ratings), "a", "heard", &from, &to);
  g_autoptr(GArray) a_all = hearth_stats_weekly_ratings (ratings, G_N_ELEMENTS (ratings), "a", NULL, &from, &to);
  g_autoptr(GArray) both_heard = hearth_stats_weekly_ratings (ratings, G_N_ELEMENTS (ratings), NULL, "heard", &from, &to);
  HearthWeekAverage *w;

  g_assert_cmpuint (a_heard->len, ==, 3);
  w = &g_array_index (a_heard, HearthWeekAverage, 0);
  g_assert_cmpuint (w->n, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->average, 3.0, 1e-9); /* (4 + 2) / 2 */
  /* Weeks without a check-in are gaps, not zeros to plot. */
  g_assert_cmpuint (g_array_index (a_heard, HearthWeekAverage, 1).n, ==, 0);
  g_assert_cmpuint (g_array_index (a_heard, HearthWeekAverage, 2).n, ==, 0);

  w = &g_array_index (a_all, HearthWeekAverage, 0);
  g_assert_cmpuint (w->n, ==, 3);
  g_assert_cmpfloat_with_epsilon (w->average, 8.0 / 3, 1e-9); /* (4 + 2 + 2) / 3 */
  w = &g_array_index (a_all, HearthWeekAverage, 2);
  g_assert_cmpuint (w->n, ==, 1);
  g_assert_cmpfloat_with_epsilon (w->average, 5.0, 1e-9);

  w = &g_array_index (both_heard, HearthWeekAverage, 0);
  g_assert_cmpuint (w->n, ==, 3);
  g_assert_cmpfloat_with_epsilon (w->average, 11.0 / 3, 1e-9); /* (4 + 5 + 2) / 3 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/stats/state", test_state);
  g_test_add ("/stats/schedule", RitualFixture, NULL, ritual_setup, test_schedule, ritual_teardown);
  g_test_add ("/stats/streaks", RitualFixture, NULL, ritual_setup, test_streaks, ritual_teardown);
  g_test_add_func ("/stats/streaks-plain", test_streaks_plain);
  g_test_add ("/stats/score-three-days", RitualFixture, NULL, ritual_setup, test_score_three_days, ritual_teardown);
  g_test_add ("/stats/score-missed-week", RitualFixture, NULL, ritual_setup, test_score_missed_week, ritual_teardown);
  g_test_add_func ("/stats/weekly-counts", test_weekly_counts);
  g_test_add_func ("/stats/weekly-ratings", test_weekly_ratings);
  return g_test_run ();
}
