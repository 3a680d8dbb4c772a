/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-stats.h"

/* Pure functions over plain inputs: what the calendar and the Insights view
 * show. All dates are the couple's local calendar dates, so travelling or a
 * time-zone change never moves an occurrence to another day or breaks a
 * streak. */

/**
 * hearth_stats_state:
 * @date: a scheduled date
 * @status: (nullable): the occurrence's `status` (`done` or `skipped`), or
 *   %NULL when nobody marked it
 * @today: the local date today
 *
 * An unmarked date before today was missed; today and later it is upcoming,
 * so a ritual planned for this evening is not missed in the morning.
 */
HearthOccurrenceState
hearth_stats_state (const GDate *date,
                    const char  *status,
                    const GDate *today)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), HEARTH_OCCURRENCE_UPCOMING);
  g_return_val_if_fail (today != NULL && g_date_valid (today), HEARTH_OCCURRENCE_UPCOMING);

  if (g_strcmp0 (status, "done") == 0)
    return HEARTH_OCCURRENCE_DONE;
  if (g_strcmp0 (status, "skipped") == 0)
    return HEARTH_OCCURRENCE_SKIPPED;
  return g_date_compare (date, today) < 0 ? HEARTH_OCCURRENCE_MISSED : HEARTH_OCCURRENCE_UPCOMING;
}

/**
 * hearth_stats_state_name:
 * @state: a state
 *
 * Returns: (transfer none): @state as a word for machines (a style class,
 *   say): "done", "skipped", "missed" or "upcoming"
 */
const char *
hearth_stats_state_name (HearthOccurrenceState state)
{
  switch (state)
    {
    case HEARTH_OCCURRENCE_DONE:
      return "done";
    case HEARTH_OCCURRENCE_SKIPPED:
      return "skipped";
    case HEARTH_OCCURRENCE_MISSED:
      return "missed";
    case HEARTH_OCCURRENCE_UPCOMING:
    default:
      return "upcoming";
    }
}

/**
 * hearth_stats_score_at:
 * @series: (element-type HearthScorePoint): a ritual's score after each of
 *   its occurrences, by date, as hearth_stats_score() gives it
 * @date: a day
 *
 * Returns: the score at the end of @date: after the last occurrence up to
 *   it, 0 before any
 */
double
hearth_stats_score_at (GArray      *series,
                       const GDate *date)
{
  double score = 0;

  g_return_val_if_fail (series != NULL, 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  for (guint i = 0; i < series->len; i++)
    {
      const HearthScorePoint *p = &g_array_index (series, HearthScorePoint, i);

      if (g_date_compare (&p->date, date) > 0)
        break;
      score = p->score;
    }
  return score;
}

/**
 * hearth_stats_schedule:
 * @recurrence: the ritual's rule
 * @start: the ritual's start date
 * @from: first date wanted
 * @to: last date wanted
 * @marks: (nullable) (element-type utf8 utf8): occurrence date
 *   `YYYY-MM-DD` → status `done` or `skipped`
 * @today: the local date today
 *
 * Each date the ritual is scheduled on between @from and @to, with its state.
 * Marks on dates the rule does not fall on (left from before the rule was
 * changed) are not part of the schedule.
 *
 * Returns: (transfer full) (element-type HearthScheduled): in date order
 */
GArray *
hearth_stats_schedule (const HearthRecurrence *recurrence,
                       const GDate            *start,
                       const GDate            *from,
                       const GDate            *to,
                       GHashTable             *marks,
                       const GDate            *today)
{
  g_autoptr(GArray) dates = NULL;
  GArray *scheduled;

  g_return_val_if_fail (recurrence != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  dates = hearth_recurrence_dates (recurrence, start, from, to);
  g_return_val_if_fail (dates != NULL, NULL);

  scheduled = g_array_sized_new (FALSE, FALSE, sizeof (HearthScheduled), dates->len);
  for (guint i = 0; i < dates->len; i++)
    {
      HearthScheduled item;
      const char     *status = NULL;

      item.date = g_array_index (dates, GDate, i);
      if (marks != NULL)
        {
          char key[16];

          g_snprintf (key, sizeof key, "%04u-%02u-%02u",
                      (guint) g_date_get_year (&item.date),
                      (guint) g_date_get_month (&item.date),
                      (guint) g_date_get_day (&item.date));
          status = g_hash_table_lookup (marks, key);
        }
      item.state = hearth_stats_state (&item.date, status, today);
      g_array_append_val (scheduled, item);
    }
  return scheduled;
}

/**
 * hearth_stats_streaks:
 * @scheduled: (array length=n_scheduled): scheduled dates in order
 * @today: the local date today; later dates are left out
 * @current: (out) (optional): done occurrences in a row up to today
 * @best: (out) (optional): the longest such run
 *
 * A streak is a run of done occurrences. A skipped one neither breaks nor
 * extends it: the couple agreed to let that one pass (away, ill), and a
 * streak that punished it would push them to mark things done that were
 * not. Today's occurrence, while unmarked, is still to come and does not
 * break the current streak either; a missed one does.
 */
void
hearth_stats_streaks (const HearthScheduled *scheduled,
                      guint                  n_scheduled,
                      const GDate           *today,
                      guint                 *current,
                      guint                 *best)
{
  guint run = 0, longest = 0;

  g_return_if_fail (scheduled != NULL || n_scheduled == 0);
  g_return_if_fail (today != NULL && g_date_valid (today));

  for (guint i = 0; i < n_scheduled; i++)
    {
      if (g_date_compare (&scheduled[i].date, today) > 0)
        break;
      switch (scheduled[i].state)
        {
        case HEARTH_OCCURRENCE_DONE:
          run++;
          longest = MAX (longest, run);
          break;
        case HEARTH_OCCURRENCE_MISSED:
          run = 0;
          break;
        case HEARTH_OCCURRENCE_SKIPPED:
        case HEARTH_OCCURRENCE_UPCOMING:
        default:
          break;
        }
    }

  if (current)
    *current = run;
  if (best)
    *best = longest;
}

/**
 * hearth_stats_score_factor:
 * @per_day: how many times a day the ritual comes round (1 daily, 1/7 weekly)
 *
 * The decay of the consistency score per occurrence, as in Loop Habit
 * Tracker: `m = 0.5^(√f / 13)`. A daily ritual's score halves after 13 misses
 * in a row; a weekly one's after 13·√7 ≈ 34.
 */
double
hearth_stats_score_factor (double per_day)
{
  g_return_val_if_fail (per_day > 0, 0);
  return pow (0.5, sqrt (per_day) / 13.0);
}

/**
 * hearth_stats_score:
 * @scheduled: (array length=n_scheduled): scheduled dates in order
 * @per_day: how many times a day the ritual comes round
 * @today: the local date today; later dates are left out
 * @series: (nullable) (element-type HearthScorePoint): where to append the
 *   score after each occurrence, for a chart
 *
 * The consistency score from 0 to 1: for each scheduled occurrence in order,
 * `score = score·m + done·(1 − m)`. A missed occurrence counts as not done; a
 * skipped one, and today's while it is unmarked, leave the score as it is.
 *
 * Returns: the score after the last occurrence up to @today
 */
double
hearth_stats_score (const HearthScheduled *scheduled,
                    guint                  n_scheduled,
                    double                 per_day,
                    const GDate           *today,
                    GArray                *series)
{
  double m = hearth_stats_score_factor (per_day);
  double score = 0;

  g_return_val_if_fail (scheduled != NULL || n_scheduled == 0, 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);
  g_return_val_if_fail (series == NULL || g_array_get_element_size (series) == sizeof (HearthScorePoint), 0);

  for (guint i = 0; i < n_scheduled; i++)
    {
      HearthScorePoint point;

      if (g_date_compare (&scheduled[i].date, today) > 0)
        break;
      if (scheduled[i].state == HEARTH_OCCURRENCE_UPCOMING)
        continue;
      if (scheduled[i].state == HEARTH_OCCURRENCE_DONE)
        score = score * m + (1 - m);
      else if (scheduled[i].state == HEARTH_OCCURRENCE_MISSED)
        score = score * m;
      if (series != NULL)
        {
          point.date = scheduled[i].date;
          point.score = score;
          g_array_append_val (series, point);
        }
    }
  return score;
}

/**
 * hearth_stats_ritual:
 * @recurrence: the ritual's rule
 * @start: the ritual's start date
 * @marks: (nullable) (element-type utf8 utf8): occurrence date → status, as
 *   for hearth_stats_schedule()
 * @today: the local date today
 * @stats: (out caller-allocates): streaks, counts and score up to today
 * @series: (nullable) (element-type HearthScorePoint): where to append the
 *   score's history
 */
void
hearth_stats_ritual (const HearthRecurrence *recurrence,
                     const GDate            *start,
                     GHashTable             *marks,
                     const GDate            *today,
                     HearthRitualStats      *stats,
                     GArray                 *series)
{
  g_autoptr(GArray) scheduled = NULL;

  g_return_if_fail (recurrence != NULL);
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  if (g_date_compare (today, start) < 0)
    return;

  scheduled = hearth_stats_schedule (recurrence, start, start, today, marks, today);
  for (guint i = 0; i < scheduled->len; i++)
    switch (g_array_index (scheduled, HearthScheduled, i).state)
      {
      case HEARTH_OCCURRENCE_DONE:
        stats->done++;
        break;
      case HEARTH_OCCURRENCE_SKIPPED:
        stats->skipped++;
        break;
      case HEARTH_OCCURRENCE_MISSED:
        stats->missed++;
        break;
      case HEARTH_OCCURRENCE_UPCOMING:
      default:
        break;
      }
  hearth_stats_streaks ((const HearthScheduled *) (gpointer) scheduled->data, scheduled->len, today,
                        &stats->current_streak, &stats->best_streak);
  stats->score = hearth_stats_score ((const HearthScheduled *) (gpointer) scheduled->data, scheduled->len,
                                     hearth_recurrence_get_per_day (recurrence), today, series);
}

/**
 * hearth_stats_week_start:
 * @monday: (out caller-allocates): the Monday of @date's ISO week
 */
void
hearth_stats_week_start (const GDate *date,
                         GDate       *monday)
{
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (monday != NULL);

  *monday = *date;
  g_date_subtract_days (monday, g_date_get_weekday (date) - G_DATE_MONDAY);
}

/* Index of @date's week counted from the week starting @first_monday, or -1. */
static gint64
week_index (const GDate *date,
            guint32      first_monday_j,
            guint        n_weeks)
{
  gint64 days = (gint64) g_date_get_julian (date) - first_monday_j;

  if (days < 0 || days / 7 >= n_weeks)
    return -1;
  return days / 7;
}

static guint
weeks_between (const GDate *from,
               const GDate *to,
               GDate       *first_monday)
{
  GDate last_monday;

  hearth_stats_week_start (from, first_monday);
  hearth_stats_week_start (to, &last_monday);
  if (g_date_compare (&last_monday, first_monday) < 0)
    return 0;
  return (g_date_get_julian (&last_monday) - g_date_get_julian (first_monday)) / 7 + 1;
}

/**
 * hearth_stats_weekly_counts:
 * @dates: (array length=n_dates): dates to count, such as gratitude notes'
 * @from: a date in the first week
 * @to: a date in the last week
 *
 * How many of @dates fall in each ISO week (Monday to Sunday) from the week
 * of @from to the week of @to; weeks without any are there with 0.
 *
 * Returns: (transfer full) (element-type HearthWeekCount): one per week, in order
 */
GArray *
hearth_stats_weekly_counts (const GDate *dates,
                            guint        n_dates,
                            const GDate *from,
                            const GDate *to)
{
  GDate   first_monday;
  guint   n_weeks;
  GArray *weeks;

  g_return_val_if_fail (dates != NULL || n_dates == 0, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  n_weeks = weeks_between (from, to, &first_monday);
  weeks = g_array_sized_new (FALSE, TRUE, sizeof (HearthWeekCount), n_weeks);
  for (guint i = 0; i < n_weeks; i++)
    {
      HearthWeekCount week = { .count = 0 };

      week.week = first_monday;
      g_date_add_days (&week.week, 7 * i);
      g_array_append_val (weeks, week);
    }

  for (guint i = 0; i < n_dates; i++)
    {
      gint64 index;

      if (!g_date_valid (&dates[i]))
        continue;
      index = week_index (&dates[i], g_date_get_julian (&first_monday), n_weeks);
      if (index >= 0)
        g_array_index (weeks, HearthWeekCount, index).count++;
    }
  return weeks;
}

/**
 * hearth_stats_weekly_ratings:
 * @ratings: (array length=n_ratings): every rating of every check-in, one
 *   (date, partner, dimension, value) each
 * @partner: (nullable): only this partner's ratings, or %NULL for both
 * @dimension: (nullable): only this dimension (`heard`, `supported`, `close`,
 *   `safe`, `team`), or %NULL for all of them together
 * @from: a date in the first week
 * @to: a date in the last week
 *
 * The average rating in each ISO week from the week of @from to the week of
 * @to. Weeks without a check-in are there with `n` 0, so a chart can leave a
 * gap rather than draw a drop to 0. Values outside 1…5 are ignored.
 *
 * Returns: (transfer full) (element-type HearthWeekAverage): one per week, in order
 */
GArray *
hearth_stats_weekly_ratings (const HearthRating *ratings,
                             guint               n_ratings,
                             const char         *partner,
                             const char         *dimension,
                             const GDate        *from,
                             const GDate        *to)
{
  GDate              first_monday;
  guint              n_weeks;
  GArray            *weeks;
  g_autofree double *sums = NULL;

  g_return_val_if_fail (ratings != NULL || n_ratings == 0, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  n_weeks = weeks_between (from, to, &first_monday);
  weeks = g_array_sized_new (FALSE, TRUE, sizeof (HearthWeekAverage), n_weeks);
  sums = g_new0 (double, MAX (n_weeks, 1));
  for (guint i = 0; i < n_weeks; i++)
    {
      HearthWeekAverage week = { .average = 0, .n = 0 };

      week.week = first_monday;
      g_date_add_days (&week.week, 7 * i);
      g_array_append_val (weeks, week);
    }

  for (guint i = 0; i < n_ratings; i++)
    {
      const HearthRating *r = &ratings[i];
      gint64              index;

      if (!g_date_valid (&r->date) || r->value < 1 || r->value > 5)
        continue;
      if (partner != NULL && g_strcmp0 (r->partner, partner) != 0)
        continue;
      if (dimension != NULL && g_strcmp0 (r->dimension, dimension) != 0)
        continue;
      index = week_index (&r->date, g_date_get_julian (&first_monday), n_weeks);
      if (index < 0)
        continue;
      sums[index] += r->value;
      g_array_index (weeks, HearthWeekAverage, index).n++;
    }

  for (guint i = 0; i < n_weeks; i++)
    {
      HearthWeekAverage *week = &g_array_index (weeks, HearthWeekAverage, i);

      if (week->n > 0)
        week->average = sums[i] / week->n;
    }
  return weeks;
}
