/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>

#include "hearth-clock.h"

/* The date and time every test starts at unless HEARTH_TEST_NOW names
 * another one: a day when last Sunday lies in the month before. */
#define HEARTH_TEST_DEFAULT_NOW "2026-12-02T10:30:00"

/* Sets the process's clock to HEARTH_TEST_NOW (a local ISO 8601 date and
 * time, read in the zone of TZ) or to HEARTH_TEST_DEFAULT_NOW, so no test
 * depends on the day it runs. HEARTH_TEST_NOW=today keeps the real clock:
 * tools/dev test runs the date-dependent suites once that way too. */
static inline void
hearth_test_clock_init (void)
{
  const char *text = g_getenv ("HEARTH_TEST_NOW");
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = NULL;

  if (g_strcmp0 (text, "today") == 0)
    return;
  now = g_date_time_new_from_iso8601 (text != NULL ? text : HEARTH_TEST_DEFAULT_NOW, local);
  if (now == NULL)
    {
      g_printerr ("HEARTH_TEST_NOW is not a local date and time: %s\n", text);
      exit (1);
    }
  hearth_clock_set_now (now);
}
