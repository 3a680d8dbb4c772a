/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A ritual's `recurrence`: parsed, described, written back, expanded over
 * a year and asked for its next date. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "fuzz-common.h"
#include "hearth-recurrence.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(HearthRecurrence) rule = NULL;
  g_autofree char *again = NULL;
  g_autofree char *described = NULL;
  g_autoptr(HearthRecurrence) reparsed = NULL;
  g_autoptr(GArray) dates = NULL;
  GDate start, from, to, next;

  fuzz_folder ();
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  rule = hearth_recurrence_parse (text, NULL);
  if (rule == NULL)
    return 0;
  g_date_set_dmy (&start, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2026);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, 2026);
  described = hearth_recurrence_describe (rule, &start);
  again = hearth_recurrence_to_string (rule);
  reparsed = hearth_recurrence_parse (again, NULL);
  if (reparsed == NULL)
    {
      fprintf (stderr, "a rule written back does not parse: %s -> %s\n", text, again);
      abort ();
    }
  dates = hearth_recurrence_dates (rule, &start, &from, &to);
  hearth_recurrence_next_date (rule, &start, &from, &next);
  hearth_recurrence_get_per_day (rule);
  return 0;
}
