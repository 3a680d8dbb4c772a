/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hearth-recurrence.h"

G_BEGIN_DECLS

/**
 * HearthOccurrenceState:
 * @HEARTH_OCCURRENCE_UPCOMING: today or later, not marked yet
 * @HEARTH_OCCURRENCE_DONE: marked done
 * @HEARTH_OCCURRENCE_SKIPPED: marked skipped (both agreed to let it pass)
 * @HEARTH_OCCURRENCE_MISSED: before today and never marked
 *
 * The state of one scheduled date of a ritual, as the calendar shows it.
 */
typedef enum
{
  HEARTH_OCCURRENCE_UPCOMING,
  HEARTH_OCCURRENCE_DONE,
  HEARTH_OCCURRENCE_SKIPPED,
  HEARTH_OCCURRENCE_MISSED,
} HearthOccurrenceState;

typedef struct
{
  GDate                 date;
  HearthOccurrenceState state;
} HearthScheduled;

typedef struct
{
  GDate  date;
  double score;
} HearthScorePoint;

typedef struct
{
  guint  current_streak;
  guint  best_streak;
  guint  done;
  guint  skipped;
  guint  missed;
  double score;
} HearthRitualStats;

typedef struct
{
  GDate week; /* the Monday it starts on */
  guint count;
} HearthWeekCount;

/* One rating of one check-in: a check-in's `ratings` object gives one per
 * dimension. */
typedef struct
{
  GDate       date;
  const char *partner;
  const char *dimension;
  int         value;
} HearthRating;

typedef struct
{
  GDate  week;    /* the Monday it starts on */
  double average; /* 0 when @n is 0 */
  guint  n;
} HearthWeekAverage;

HearthOccurrenceState hearth_stats_state (const GDate *date,
                                          const char  *status,
                                          const GDate *today);
const char           *hearth_stats_state_name (HearthOccurrenceState state);
double                hearth_stats_score_at (GArray      *series,
                                             const GDate *date);
GArray               *hearth_stats_schedule (const HearthRecurrence *recurrence,
                                             const GDate            *start,
                                             const GDate            *from,
                                             const GDate            *to,
                                             GHashTable             *marks,
                                             const GDate            *today);
void                  hearth_stats_streaks (const HearthScheduled *scheduled,
                                            guint                  n_scheduled,
                                            const GDate           *today,
                                            guint                 *current,
                                            guint                 *best);
double                hearth_stats_score_factor (double per_day);
double                hearth_stats_score (const HearthScheduled *scheduled,
                                          guint                  n_scheduled,
                                          double                 per_day,
                                          const GDate           *today,
                                          GArray                *series);
void                  hearth_stats_ritual (const HearthRecurrence *recurrence,
                                           const GDate            *start,
                                           GHashTable             *marks,
                                           const GDate            *today,
                                           HearthRitualStats      *stats,
                                           GArray                 *series);

void    hearth_stats_week_start (const GDate *date,
                                 GDate       *monday);
GArray *hearth_stats_weekly_counts (const GDate *dates,
                                    guint        n_dates,
                                    const GDate *from,
                                    const GDate *to);
GArray *hearth_stats_weekly_ratings (const HearthRating *ratings,
                                     guint               n_ratings,
                                     const char         *partner,
                                     const char         *dimension,
                                     const GDate        *from,
                                     const GDate        *to);

G_END_DECLS
