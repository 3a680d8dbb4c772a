/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "hearth-clock.h"

/**
 * HearthClock:
 *
 * The process's wall clock. Reads are real time plus an offset that only
 * tests set. On the main context it emits ::minute-changed at each new
 * minute and ::day-changed when the local date is another than at the last
 * tick: past midnight, after a suspend or a move to another time zone. It
 * reads the time again every minute rather than trusting one long timeout,
 * which would stop during a suspend.
 */
struct _HearthClock
{
  GObject parent_instance;

  guint tick_id;
  GDate last_day;
};

G_DEFINE_FINAL_TYPE (HearthClock, hearth_clock, G_TYPE_OBJECT)

enum
{
  MINUTE_CHANGED,
  DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Microseconds added to the real time. */
static gint64 clock_offset_usec;
G_LOCK_DEFINE_STATIC (clock_offset);

static void arm_tick (HearthClock *self);

static void
local_day (GDate *day)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();

  g_date_clear (day, 1);
  g_date_set_dmy (day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* Emits ::day-changed when today is not the day last seen. */
static void
check_day (HearthClock *self)
{
  GDate today;

  local_day (&today);
  if (g_date_valid (&self->last_day) && g_date_compare (&today, &self->last_day) == 0)
    return;
  self->last_day = today;
  g_signal_emit (self, signals[DAY_CHANGED], 0);
}

static gboolean
on_tick (gpointer user_data)
{
  HearthClock *self = user_data;

  self->tick_id = 0;
  arm_tick (self);
  g_signal_emit (self, signals[MINUTE_CHANGED], 0);
  check_day (self);
  return G_SOURCE_REMOVE;
}

/* Wakes up just after the next full minute. */
static void
arm_tick (HearthClock *self)
{
  gint64 into_minute = hearth_clock_get_real_time () % (60 * G_USEC_PER_SEC);
  guint  ms = (guint) ((60 * G_USEC_PER_SEC - into_minute) / 1000) + 20;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, on_tick, self, NULL);
}

static gboolean
on_set (gpointer user_data)
{
  HearthClock *self = user_data;

  arm_tick (self);
  check_day (self);
  return G_SOURCE_REMOVE;
}

static void
hearth_clock_class_init (HearthClockClass *klass)
{
  /**
   * HearthClock::minute-changed:
   * A new minute began.
   */
  signals[MINUTE_CHANGED] = g_signal_new ("minute-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HearthClock::day-changed:
   * The local date is another than before: "today" moved.
   */
  signals[DAY_CHANGED] = g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hearth_clock_init (HearthClock *self)
{
  local_day (&self->last_day);
  arm_tick (self);
}

/**
 * hearth_clock_get_default:
 * The process's clock. Its signals are emitted on the global default main
 * context.
 *
 * Returns: (transfer none): the clock
 */
HearthClock *
hearth_clock_get_default (void)
{
  static HearthClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, g_object_new (HEARTH_TYPE_CLOCK, NULL));
  return clock;
}

/**
 * hearth_clock_get_real_time:
 * Every read of the wall clock in Hearth goes through here.
 *
 * Returns: microseconds since the epoch, as g_get_real_time()
 */
gint64
hearth_clock_get_real_time (void)
{
  gint64 offset;

  G_LOCK (clock_offset);
  offset = clock_offset_usec;
  G_UNLOCK (clock_offset);
  return g_get_real_time () + offset;
}

/**
 * hearth_clock_now_local:
 * Returns: (transfer full): the clock's time in the local time zone
 */
GDateTime *
hearth_clock_now_local (void)
{
  gint64 usec = hearth_clock_get_real_time ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) precise = g_date_time_add (utc, usec % G_USEC_PER_SEC);

  return g_date_time_to_local (precise);
}

/**
 * hearth_clock_set_now:
 * @now: (nullable): the time the clock shows from now on, running on at
 *   real speed; %NULL returns to the real clock
 */
void
hearth_clock_set_now (GDateTime *now)
{
  gint64 offset = 0;

  if (now != NULL)
    offset = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now) - g_get_real_time ();
  G_LOCK (clock_offset);
  clock_offset_usec = offset;
  G_UNLOCK (clock_offset);
  g_main_context_invoke (NULL, on_set, hearth_clock_get_default ());
}
