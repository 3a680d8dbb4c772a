/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_CLOCK (hearth_clock_get_type ())
G_DECLARE_FINAL_TYPE (HearthClock, hearth_clock, HEARTH, CLOCK, GObject)

/* The one clock of the process: every read of the date or time in Hearth
 * goes through it, so a test can set the day the whole process sees. */
HearthClock *hearth_clock_get_default (void);

/* Shortcuts for the default clock, safe from any thread. */
gint64     hearth_clock_get_real_time (void);
GDateTime *hearth_clock_now_local (void);
/* Sets what the clock shows from now on; it keeps running at real speed.
 * %NULL returns to the real time. Emits ::day-changed (on the main context)
 * when the local date moved. */
void       hearth_clock_set_now (GDateTime *now);

G_END_DECLS
