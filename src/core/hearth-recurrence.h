/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * HearthFreq:
 * How often a ritual's repeat rule comes round: the `FREQ` of an RRULE.
 */
typedef enum
{
  HEARTH_FREQ_DAILY,
  HEARTH_FREQ_WEEKLY,
  HEARTH_FREQ_MONTHLY,
} HearthFreq;

/* One bit per GDateWeekday (G_DATE_MONDAY … G_DATE_SUNDAY) in a weekday mask. */
#define HEARTH_WEEKDAY_BIT(weekday) (1u << (guint) (weekday))
#define HEARTH_WEEKDAYS_ALL         0xFEu

#define HEARTH_TYPE_RECURRENCE (hearth_recurrence_get_type ())

typedef struct _HearthRecurrence HearthRecurrence;

GType hearth_recurrence_get_type (void) G_GNUC_CONST;

HearthRecurrence *hearth_recurrence_parse (const char *rrule,
                                           GError    **error);
HearthRecurrence *hearth_recurrence_copy (const HearthRecurrence *self);
void              hearth_recurrence_free (HearthRecurrence *self);

char *hearth_recurrence_build (HearthFreq   freq,
                               guint        interval,
                               guint        weekdays,
                               int          ordinal,
                               GDateWeekday ordinal_weekday,
                               int          month_day,
                               const GDate *until,
                               guint        count);
char *hearth_recurrence_to_string (const HearthRecurrence *self);
char *hearth_recurrence_describe (const HearthRecurrence *self,
                                  const GDate            *start);

HearthFreq hearth_recurrence_get_freq (const HearthRecurrence *self);
guint      hearth_recurrence_get_interval (const HearthRecurrence *self);
guint      hearth_recurrence_get_weekdays (const HearthRecurrence *self);
gboolean   hearth_recurrence_get_nth_weekday (const HearthRecurrence *self,
                                              int                    *ordinal,
                                              GDateWeekday           *weekday);
int        hearth_recurrence_get_month_day (const HearthRecurrence *self);
gboolean   hearth_recurrence_get_until (const HearthRecurrence *self,
                                        GDate                  *until);
guint      hearth_recurrence_get_count (const HearthRecurrence *self);
double     hearth_recurrence_get_per_day (const HearthRecurrence *self);

GArray  *hearth_recurrence_dates (const HearthRecurrence *self,
                                  const GDate            *start,
                                  const GDate            *from,
                                  const GDate            *to);
gboolean hearth_recurrence_next_date (const HearthRecurrence *self,
                                      const GDate            *start,
                                      const GDate            *from,
                                      GDate                  *next);

GDateTime *hearth_recurrence_start_time (const GDate *date,
                                         const char  *hh_mm,
                                         GTimeZone   *tz,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthRecurrence, hearth_recurrence_free)

G_END_DECLS
