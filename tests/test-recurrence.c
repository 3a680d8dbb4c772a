/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hearth-error.h"
#include "hearth-recurrence.h"
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

/* The dates as “YYYY-MM-DD YYYY-MM-DD …”, which compares and prints well. */
static char *
join_dates (GArray *dates)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < dates->len; i++)
    {
      const GDate *d = &g_array_index (dates, GDate, i);
      g_string_append_printf (s, "%s%04u-%02u-%02u", i ? " " : "",
                              (guint) g_date_get_year (d), (guint) g_date_get_month (d),
                              (guint) g_date_get_day (d));
    }
  return g_string_free (s, FALSE);
}

static char *
dates_of (const char *rrule,
          const char *start,
          const char *from,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (rrule, &error);
  g_autoptr(GArray) dates = NULL;
  GDate s = date (start), f = date (from), t = date (to);

  g_assert_no_error (error);
  g_assert_nonnull (rec);
  dates = hearth_recurrence_dates (rec, &s, &f, &t);
  return join_dates (dates);
}

/* clang-format off */
#define assert_dates(rrule, start, from, to, expected) \
  G_STMT_START { \
    g_autofree char *got_ = dates_of (rrule, start, from, to); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END
/* clang-format on */

static void
test_daily (void)
{
  assert_dates ("FREQ=DAILY", "2026-01-01", "2026-01-01", "2026-01-05",
                "2026-01-01 2026-01-02 2026-01-03 2026-01-04 2026-01-05");
  /* Nothing before the start. */
  assert_dates ("FREQ=DAILY", "2026-01-03", "2025-12-30", "2026-01-04",
                "2026-01-03 2026-01-04");
  assert_dates ("FREQ=DAILY;INTERVAL=3", "2026-01-01", "2026-01-01", "2026-01-12",
                "2026-01-01 2026-01-04 2026-01-07 2026-01-10");
  /* Counted from the start, not from the first date asked for. */
  assert_dates ("FREQ=DAILY;INTERVAL=3", "2026-01-01", "2026-01-05", "2026-01-12",
                "2026-01-07 2026-01-10");
  /* Across a year end and a leap day. */
  assert_dates ("FREQ=DAILY;INTERVAL=2", "2028-02-26", "2028-02-26", "2028-03-03",
                "2028-02-26 2028-02-28 2028-03-01 2028-03-03");
  /* BYDAY keeps only those days: weekday mornings. */
  assert_dates ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-01-01", "2026-01-01", "2026-01-07",
                "2026-01-01 2026-01-02 2026-01-05 2026-01-06 2026-01-07");
  /* An empty range, and one that ends before it starts. */
  assert_dates ("FREQ=DAILY", "2026-01-01", "2025-01-01", "2025-12-31", "");
  assert_dates ("FREQ=DAILY", "2026-01-01", "2026-02-01", "2026-01-31", "");
}

static void
test_weekly (void)
{
  /* 2026-01-01 is a Thursday. */
  assert_dates ("FREQ=WEEKLY;BYDAY=MO,TH", "2026-01-01", "2026-01-01", "2026-01-15",
                "2026-01-01 2026-01-05 2026-01-08 2026-01-12 2026-01-15");
  /* Without BYDAY, the start's weekday. */
  assert_dates ("FREQ=WEEKLY", "2026-01-01", "2026-01-01", "2026-01-31",
                "2026-01-01 2026-01-08 2026-01-15 2026-01-22 2026-01-29");
  /* The start is not an occurrence of its own when the rule skips its day. */
  assert_dates ("FREQ=WEEKLY;BYDAY=SA", "2026-01-01", "2025-12-01", "2026-01-10",
                "2026-01-03 2026-01-10");
}

static void
test_weekly_interval (void)
{
  /* Every other week counts weeks (Monday to Sunday) from the start's week:
   * the week of Monday 29 December 2025 is week 0. */
  assert_dates ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-01-01", "2026-01-01", "2026-02-14",
                "2026-01-02 2026-01-16 2026-01-30 2026-02-13");
  assert_dates ("FREQ=WEEKLY;INTERVAL=2", "2026-01-01", "2026-01-01", "2026-02-14",
                "2026-01-01 2026-01-15 2026-01-29 2026-02-12");
  /* Far from the start, the same fortnightly rhythm. */
  assert_dates ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-01-01", "2026-06-01", "2026-06-30",
                "2026-06-05 2026-06-19");
  /* With Sunday-based weeks a Saturday start and a Sunday are in different weeks. */
  assert_dates ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU", "2026-01-03", "2026-01-01", "2026-01-19",
                "2026-01-03 2026-01-04 2026-01-17 2026-01-18");
  assert_dates ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=SU", "2026-01-03", "2026-01-01", "2026-01-19",
                "2026-01-03 2026-01-11 2026-01-17");
}

static void
test_monthly_nth_weekday (void)
{
  assert_dates ("FREQ=MONTHLY;BYDAY=1SA", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-03 2026-02-07 2026-03-07 2026-04-04 2026-05-02 2026-06-06 "
                "2026-07-04 2026-08-01 2026-09-05 2026-10-03 2026-11-07 2026-12-05");
  assert_dates ("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-30 2026-02-27 2026-03-27 2026-04-24 2026-05-29 2026-06-26 "
                "2026-07-31 2026-08-28 2026-09-25 2026-10-30 2026-11-27 2026-12-25");
  assert_dates ("FREQ=MONTHLY;BYDAY=2TU", "2026-01-01", "2026-01-01", "2026-03-31",
                "2026-01-13 2026-02-10 2026-03-10");
  /* A fifth Saturday only some months have. */
  assert_dates ("FREQ=MONTHLY;BYDAY=5SA", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-31 2026-05-30 2026-08-29 2026-10-31");
  /* Every other month, counted from the start's month. */
  assert_dates ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA", "2026-01-10", "2026-01-01", "2026-07-31",
                "2026-03-07 2026-05-02 2026-07-04");
  /* Friday the 13th: both parts must hold. */
  assert_dates ("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-02-13 2026-03-13 2026-11-13");
}

static void
test_monthly_day (void)
{
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-20", "2026-01-01", "2026-04-30",
                "2026-02-15 2026-03-15 2026-04-15");
  /* Months without a 31st are skipped, not moved to the 30th. */
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-31 2026-03-31 2026-05-31 2026-07-31 2026-08-31 2026-10-31 2026-12-31");
  /* Without BYMONTHDAY, the start's day, with the same rule. */
  assert_dates ("FREQ=MONTHLY", "2026-01-31", "2026-01-01", "2026-06-30",
                "2026-01-31 2026-03-31 2026-05-31");
  /* -1 is the last day of each month. */
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-01", "2026-01-01", "2026-04-30",
                "2026-01-31 2026-02-28 2026-03-31 2026-04-30");
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-01-01", "2026-01-01", "2026-02-28",
                "2026-01-01 2026-01-15 2026-02-01 2026-02-15");
}

static void
test_leap_day (void)
{
  /* The 29th falls in February only in leap years. */
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=29", "2024-01-01", "2024-01-01", "2024-03-31",
                "2024-01-29 2024-02-29 2024-03-29");
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=29", "2025-01-01", "2025-01-01", "2025-03-31",
                "2025-01-29 2025-03-29");
  /* 2100 is not a leap year, 2000 was. */
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=29", "2100-02-01", "2100-02-01", "2100-02-28", "");
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=29", "2000-02-01", "2000-02-01", "2000-02-29", "2000-02-29");
  /* Once a year on the leap day: only every fourth year comes round. */
  assert_dates ("FREQ=MONTHLY;INTERVAL=12", "2024-02-29", "2024-01-01", "2032-12-31",
                "2024-02-29 2028-02-29 2032-02-29");
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=-1", "2024-01-31", "2024-02-01", "2025-02-28",
                "2024-02-29 2024-03-31 2024-04-30 2024-05-31 2024-06-30 2024-07-31 2024-08-31 "
                "2024-09-30 2024-10-31 2024-11-30 2024-12-31 2025-01-31 2025-02-28");
}

static void
test_until (void)
{
  const char *forms[] = {
    "FREQ=DAILY;UNTIL=20260105",
    "FREQ=DAILY;UNTIL=20260105T235959Z",
    "FREQ=DAILY;UNTIL=20260105T090000",
    "FREQ=DAILY;UNTIL=2026-01-05",
    "rrule:freq=daily;until=20260105",
  };

  /* UNTIL is included. */
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    assert_dates (forms[i], "2026-01-01", "2026-01-01", "2026-12-31",
                  "2026-01-01 2026-01-02 2026-01-03 2026-01-04 2026-01-05");
  assert_dates ("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260112", "2026-01-01", "2026-01-06", "2026-12-31",
                "2026-01-08 2026-01-12");
  /* An end before the start leaves nothing. */
  assert_dates ("FREQ=DAILY;UNTIL=20251231", "2026-01-01", "2026-01-01", "2026-12-31", "");
}

static void
test_count (void)
{
  /* COUNT counts from the start, even for dates asked about later. */
  assert_dates ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-05 2026-01-07 2026-01-12");
  assert_dates ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "2026-01-01", "2026-01-08", "2026-12-31",
                "2026-01-12");
  assert_dates ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "2026-01-01", "2026-01-13", "2026-12-31", "");
  assert_dates ("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=2", "2026-01-01", "2026-01-01", "2026-12-31",
                "2026-01-31 2026-03-31");
  assert_dates ("FREQ=DAILY;COUNT=1", "2026-01-01", "2026-01-01", "2026-12-31", "2026-01-01");
}

/* Asking for a late window must give what expanding from the start gives. */
static void
test_window_consistency (void)
{
  const char *rules[] = {
    "FREQ=DAILY;INTERVAL=5",
    "FREQ=DAILY;INTERVAL=2;BYDAY=SA,SU",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU",
    "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=MO,SA",
    "FREQ=MONTHLY;INTERVAL=5;BYDAY=-2WE,1MO",
    "FREQ=MONTHLY;INTERVAL=7;BYMONTHDAY=31,-31",
    "FREQ=MONTHLY;UNTIL=20290101",
  };
  GDate start = date ("2025-03-18"), far = date ("2035-12-31");

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (rules[i], NULL);
      g_autoptr(GArray) all = hearth_recurrence_dates (rec, &start, &start, &far);

      g_assert_cmpuint (all->len, >, 3);
      for (guint j = 0; j < 12; j++)
        {
          GDate from = date ("2025-03-01"), to;
          g_autoptr(GArray) part = NULL;
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (GDate));
          g_autofree char *a = NULL, *b = NULL;

          g_date_add_days (&from, 173 * j);
          to = from;
          g_date_add_days (&to, 120);
          part = hearth_recurrence_dates (rec, &start, &from, &to);
          for (guint k = 0; k < all->len; k++)
            {
              GDate *d = &g_array_index (all, GDate, k);
              if (g_date_compare (d, &from) >= 0 && g_date_compare (d, &to) <= 0)
                g_array_append_val (expected, *d);
            }
          a = join_dates (part);
          b = join_dates (expected);
          g_assert_cmpstr (a, ==, b);
        }
    }
}

static void
test_next_date (void)
{
  g_autoptr(HearthRecurrence) weekly = hearth_recurrence_parse ("FREQ=WEEKLY;BYDAY=MO,TH", NULL);
  g_autoptr(HearthRecurrence) counted = hearth_recurrence_parse ("FREQ=DAILY;COUNT=2", NULL);
  g_autoptr(HearthRecurrence) never = hearth_recurrence_parse ("FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=13", NULL);
  GDate start = date ("2026-01-01"), from, next;

  from = date ("2026-01-06");
  g_assert_true (hearth_recurrence_next_date (weekly, &start, &from, &next));
  g_assert_cmpuint (g_date_get_day (&next), ==, 8);
  /* On the day itself. */
  from = date ("2026-01-08");
  g_assert_true (hearth_recurrence_next_date (weekly, &start, &from, &next));
  g_assert_cmpuint (g_date_get_day (&next), ==, 8);
  /* Before the start. */
  from = date ("2020-01-01");
  g_assert_true (hearth_recurrence_next_date (weekly, &start, &from, &next));
  g_assert_cmpuint (g_date_get_day (&next), ==, 1);

  from = date ("2026-01-02");
  g_assert_true (hearth_recurrence_next_date (counted, &start, &from, &next));
  from = date ("2026-01-03");
  g_assert_false (hearth_recurrence_next_date (counted, &start, &from, &next));
  /* The last Friday is never the 13th. */
  g_assert_false (hearth_recurrence_next_date (never, &start, &start, &next));
}

static void
test_malformed (void)
{
  struct
  {
    const char *rule;
    const char *message_part;
  } cases[] = {
    { NULL, "no repeat rule" },
    { "", "no repeat rule" },
    { "RRULE:", "no repeat rule" },
    { "INTERVAL=2", "FREQ is missing" },
    { "FREQ=YEARLY", "not “YEARLY”" },
    { "FREQ=HOURLY", "daily, weekly or monthly" },
    { "FREQ=DAILY;FREQ=WEEKLY", "FREQ more than once" },
    { "FREQ=DAILY;INTERVAL=0", "“0” is not a whole number" },
    { "FREQ=DAILY;INTERVAL=-1", "“-1” is not a whole number" },
    { "FREQ=DAILY;INTERVAL=two", "“TWO” is not a whole number" },
    { "FREQ=DAILY;INTERVAL=", "no value for INTERVAL" },
    { "FREQ=WEEKLY;BYDAY=MO,XX", "“XX”" },
    { "FREQ=WEEKLY;BYDAY=MO,,TH", "“”" },
    { "FREQ=WEEKLY;BYDAY=1MO", "Only a monthly repeat rule can name a day such as “1MO”" },
    { "FREQ=MONTHLY;BYDAY=6SA", "at most five" },
    { "FREQ=MONTHLY;BYDAY=0SA", "“0SA”" },
    { "FREQ=MONTHLY;BYDAY=+SA", "“+SA”" },
    { "FREQ=MONTHLY;BYMONTHDAY=32", "“32”" },
    { "FREQ=MONTHLY;BYMONTHDAY=0", "“0”" },
    { "FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY" },
    { "FREQ=DAILY;UNTIL=2026-02-30", "“2026-02-30”" },
    { "FREQ=DAILY;UNTIL=20261301", "“20261301”" },
    { "FREQ=DAILY;UNTIL=20260101T250000Z", "not a date" },
    { "FREQ=DAILY;UNTIL=20260101;COUNT=3", "not both" },
    { "FREQ=DAILY;COUNT=0", "number of times" },
    { "FREQ=DAILY;BYSETPOS=1", "“BYSETPOS”" },
    { "FREQ=DAILY;WKST=XX", "week start" },
    { "FREQ", "NAME=VALUE" },
    { "=DAILY", "NAME=VALUE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (cases[i].rule, &error);

      g_test_message ("rule %s", cases[i].rule);
      g_assert_null (rec);
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("“%s” gave “%s”, wanted a mention of “%s”", cases[i].rule, error->message,
                 cases[i].message_part);
    }
}

static void
test_canonical (void)
{
  struct
  {
    const char *rule;
    const char *canonical;
  } cases[] = {
    { "FREQ=DAILY", "FREQ=DAILY" },
    { "RRULE:freq=weekly;byday=th,mo;interval=1", "FREQ=WEEKLY;BYDAY=MO,TH" },
    { "FREQ=WEEKLY;BYDAY=MO,TH,MO;", "FREQ=WEEKLY;BYDAY=MO,TH" },
    { "FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" },
    { "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SA", "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SA" },
    { "FREQ=MONTHLY;BYDAY=-1FR,+1SA", "FREQ=MONTHLY;BYDAY=1SA,-1FR" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1,15,+1", "FREQ=MONTHLY;BYMONTHDAY=1,15,-1" },
    { "FREQ=DAILY;UNTIL=20261231T225959Z", "FREQ=DAILY;UNTIL=20261231" },
    { "FREQ=DAILY;UNTIL=2026-12-31", "FREQ=DAILY;UNTIL=20261231" },
    { "FREQ=DAILY;COUNT=10", "FREQ=DAILY;COUNT=10" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (cases[i].rule, &error);
      g_autoptr(HearthRecurrence) again = NULL;
      g_autoptr(HearthRecurrence) copy = NULL;
      g_autofree char *text = NULL, *text_again = NULL, *text_copy = NULL;

      g_assert_no_error (error);
      text = hearth_recurrence_to_string (rec);
      g_assert_cmpstr (text, ==, cases[i].canonical);
      again = hearth_recurrence_parse (text, &error);
      g_assert_no_error (error);
      text_again = hearth_recurrence_to_string (again);
      g_assert_cmpstr (text_again, ==, text);
      copy = g_boxed_copy (HEARTH_TYPE_RECURRENCE, rec);
      text_copy = hearth_recurrence_to_string (copy);
      g_assert_cmpstr (text_copy, ==, text);
    }
}

static void
test_build (void)
{
  GDate until = date ("2026-12-31");
  struct
  {
    char       *built;
    const char *expected;
  } cases[] = {
    { hearth_recurrence_build (HEARTH_FREQ_DAILY, 1, 0, 0, 0, 0, NULL, 0), "FREQ=DAILY" },
    { hearth_recurrence_build (HEARTH_FREQ_DAILY, 0, HEARTH_WEEKDAYS_ALL, 0, 0, 0, NULL, 0), "FREQ=DAILY" },
    { hearth_recurrence_build (HEARTH_FREQ_WEEKLY, 1,
                               HEARTH_WEEKDAY_BIT (G_DATE_THURSDAY) | HEARTH_WEEKDAY_BIT (G_DATE_MONDAY),
                               0, 0, 0, NULL, 0),
      "FREQ=WEEKLY;BYDAY=MO,TH" },
    { hearth_recurrence_build (HEARTH_FREQ_WEEKLY, 2, HEARTH_WEEKDAY_BIT (G_DATE_FRIDAY), 0, 0, 0, NULL, 0),
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" },
    { hearth_recurrence_build (HEARTH_FREQ_WEEKLY, 1, 0, 0, 0, 0, NULL, 10), "FREQ=WEEKLY;COUNT=10" },
    { hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 1, 0, 1, G_DATE_SATURDAY, 0, NULL, 0),
      "FREQ=MONTHLY;BYDAY=1SA" },
    { hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 1, 0, -1, G_DATE_FRIDAY, 0, &until, 0),
      "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231" },
    { hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 3, 0, 0, 0, 15, NULL, 0),
      "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15" },
    { hearth_recurrence_build (HEARTH_FREQ_MONTHLY, 1, 0, 0, 0, 0, NULL, 0), "FREQ=MONTHLY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HearthRecurrence) rec = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (cases[i].built, ==, cases[i].expected);
      rec = hearth_recurrence_parse (cases[i].built, &error);
      g_assert_no_error (error);
      g_free (cases[i].built);
    }
}

static void
test_getters (void)
{
  g_autoptr(HearthRecurrence) weekly = hearth_recurrence_parse ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", NULL);
  g_autoptr(HearthRecurrence) monthly = hearth_recurrence_parse ("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231", NULL);
  g_autoptr(HearthRecurrence) day = hearth_recurrence_parse ("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4", NULL);
  int          ordinal = 0;
  GDateWeekday weekday = G_DATE_BAD_WEEKDAY;
  GDate        until;

  g_assert_cmpint (hearth_recurrence_get_freq (weekly), ==, HEARTH_FREQ_WEEKLY);
  g_assert_cmpuint (hearth_recurrence_get_interval (weekly), ==, 2);
  g_assert_cmphex (hearth_recurrence_get_weekdays (weekly), ==,
                   HEARTH_WEEKDAY_BIT (G_DATE_MONDAY) | HEARTH_WEEKDAY_BIT (G_DATE_THURSDAY));
  g_assert_false (hearth_recurrence_get_nth_weekday (weekly, NULL, NULL));
  g_assert_false (hearth_recurrence_get_until (weekly, NULL));
  g_assert_cmpuint (hearth_recurrence_get_count (weekly), ==, 0);

  g_assert_cmpint (hearth_recurrence_get_freq (monthly), ==, HEARTH_FREQ_MONTHLY);
  g_assert_true (hearth_recurrence_get_nth_weekday (monthly, &ordinal, &weekday));
  g_assert_cmpint (ordinal, ==, -1);
  g_assert_cmpint (weekday, ==, G_DATE_FRIDAY);
  g_assert_cmphex (hearth_recurrence_get_weekdays (monthly), ==, 0);
  g_date_clear (&until, 1);
  g_assert_true (hearth_recurrence_get_until (monthly, &until));
  g_assert_cmpuint (g_date_get_day (&until), ==, 31);
  g_assert_cmpint (hearth_recurrence_get_month_day (monthly), ==, 0);

  g_assert_cmpint (hearth_recurrence_get_month_day (day), ==, 15);
  g_assert_cmpuint (hearth_recurrence_get_count (day), ==, 4);
}

static void
test_per_day (void)
{
  struct
  {
    const char *rule;
    double      per_day;
  } cases[] = {
    { "FREQ=DAILY", 1 },
    { "FREQ=DAILY;INTERVAL=2", 0.5 },
    { "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 5.0 / 7 },
    { "FREQ=WEEKLY", 1.0 / 7 },
    { "FREQ=WEEKLY;BYDAY=MO,WE,FR", 3.0 / 7 },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", 1.0 / 14 },
    { "FREQ=MONTHLY;BYDAY=1SA", 12 / 365.25 },
    { "FREQ=MONTHLY;BYMONTHDAY=1,15", 24 / 365.25 },
    { "FREQ=MONTHLY;INTERVAL=3", 4 / 365.25 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (cases[i].rule, NULL);
      g_assert_cmpfloat_with_epsilon (hearth_recurrence_get_per_day (rec), cases[i].per_day, 1e-9);
    }
}

static void
test_describe (void)
{
  GDate thursday = date ("2026-01-01");
  GDate fifteenth = date ("2026-01-15");
  struct
  {
    const char  *rule;
    const GDate *start;
    const char  *words;
  } cases[] = {
    { "FREQ=DAILY", NULL, "Every day" },
    { "FREQ=DAILY;INTERVAL=3", NULL, "Every 3 days" },
    { "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", NULL, "Every week on Monday, Tuesday, Wednesday, Thursday and Friday" },
    { "FREQ=WEEKLY;BYDAY=MO,TH", NULL, "Every week on Monday and Thursday" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", NULL, "Every 2 weeks on Friday" },
    { "FREQ=WEEKLY", &thursday, "Every week on Thursday" },
    { "FREQ=WEEKLY", NULL, "Every week" },
    { "FREQ=MONTHLY;BYDAY=1SA", NULL, "Monthly on the first Saturday" },
    { "FREQ=MONTHLY;BYDAY=-1FR", NULL, "Monthly on the last Friday" },
    { "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", NULL, "Every 2 months on the second Tuesday" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", NULL, "Monthly on day 15" },
    { "FREQ=MONTHLY", &fifteenth, "Monthly on day 15" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", NULL, "Monthly on the last day" },
    { "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", NULL, "Monthly on every Friday that falls on day 13" },
    { "FREQ=DAILY;UNTIL=20261231", NULL, "Every day until 31 December 2026" },
    { "FREQ=WEEKLY;BYDAY=SU;COUNT=10", NULL, "Every week on Sunday, 10 times" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HearthRecurrence) rec = hearth_recurrence_parse (cases[i].rule, NULL);
      g_autofree char *words = hearth_recurrence_describe (rec, cases[i].start);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* Time zones */

typedef struct
{
  GTimeZone *berlin;
  GTimeZone *new_york;
  GTimeZone *lord_howe;
  GTimeZone *havana;
} ZoneFixture;

static void
zones_setup (ZoneFixture  *fixture,
             gconstpointer user_data)
{
  fixture->berlin = g_time_zone_new_identifier ("Europe/Berlin");
  fixture->new_york = g_time_zone_new_identifier ("America/New_York");
  fixture->lord_howe = g_time_zone_new_identifier ("Australia/Lord_Howe");
  fixture->havana = g_time_zone_new_identifier ("America/Havana");
}

static void
zones_teardown (ZoneFixture  *fixture,
                gconstpointer user_data)
{
  g_clear_pointer (&fixture->berlin, g_time_zone_unref);
  g_clear_pointer (&fixture->new_york, g_time_zone_unref);
  g_clear_pointer (&fixture->lord_howe, g_time_zone_unref);
  g_clear_pointer (&fixture->havana, g_time_zone_unref);
}

static void
assert_start (GTimeZone  *tz,
              const char *day,
              const char *hh_mm,
              const char *utc,
              const char *local)
{
  g_autoptr(GError) error = NULL;
  GDate d = date (day);
  g_autoptr(GDateTime) start = hearth_recurrence_start_time (&d, hh_mm, tz, &error);
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *utc_text = NULL, *local_text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (start);
  in_utc = g_date_time_to_utc (start);
  utc_text = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
  local_text = g_date_time_format (start, "%Y-%m-%d %H:%M %:z");
  g_test_message ("%s %s → %s (%s)", day, hh_mm ? hh_mm : "all day", utc_text, local_text);
  g_assert_cmpstr (utc_text, ==, utc);
  g_assert_cmpstr (local_text, ==, local);
}

static gboolean
have_zones (ZoneFixture *fixture)
{
  if (fixture->berlin && fixture->new_york && fixture->lord_howe && fixture->havana)
    return TRUE;
  g_test_skip ("time zone data (tzdata) is not installed");
  return FALSE;
}

/* Transitions checked with `zdump -v`: Berlin 2026-03-29 02:00→03:00 and
 * 2026-10-25 03:00→02:00 (at 01:00Z both); New York 2026-03-08 02:00→03:00
 * and 2026-11-01 02:00→01:00; Lord Howe (a half-hour shift) 2026-10-04
 * 02:00→02:30 and 2026-04-05 02:00→01:30; Havana 2026-03-08 00:00→01:00. */
static void
test_start_time_gap (ZoneFixture  *fixture,
                     gconstpointer user_data)
{
  if (!have_zones (fixture))
    return;

  /* A skipped time keeps the offset from before the gap: 02:30 CET is 03:30 CEST. */
  assert_start (fixture->berlin, "2026-03-29", "02:30", "2026-03-29T01:30:00Z", "2026-03-29 03:30 +02:00");
  assert_start (fixture->berlin, "2026-03-29", "02:00", "2026-03-29T01:00:00Z", "2026-03-29 03:00 +02:00");
  assert_start (fixture->berlin, "2026-03-29", "02:59", "2026-03-29T01:59:00Z", "2026-03-29 03:59 +02:00");
  /* Either side of the gap is untouched. */
  assert_start (fixture->berlin, "2026-03-29", "01:59", "2026-03-29T00:59:00Z", "2026-03-29 01:59 +01:00");
  assert_start (fixture->berlin, "2026-03-29", "03:00", "2026-03-29T01:00:00Z", "2026-03-29 03:00 +02:00");
  assert_start (fixture->new_york, "2026-03-08", "02:30", "2026-03-08T07:30:00Z", "2026-03-08 03:30 -04:00");
  /* Half an hour: 02:15 +10:30 is 02:45 +11:00. */
  assert_start (fixture->lord_howe, "2026-10-04", "02:15", "2026-10-03T15:45:00Z", "2026-10-04 02:45 +11:00");
  assert_start (fixture->lord_howe, "2026-10-04", "02:00", "2026-10-03T15:30:00Z", "2026-10-04 02:30 +11:00");
  assert_start (fixture->lord_howe, "2026-10-04", "02:30", "2026-10-03T15:30:00Z", "2026-10-04 02:30 +11:00");
  assert_start (fixture->lord_howe, "2026-10-04", "01:59", "2026-10-03T15:29:00Z", "2026-10-04 01:59 +10:30");
  /* An all-day ritual on a day whose midnight is skipped starts that day, at 01:00. */
  assert_start (fixture->havana, "2026-03-08", NULL, "2026-03-08T05:00:00Z", "2026-03-08 01:00 -04:00");
}

static void
test_start_time_overlap (ZoneFixture  *fixture,
                         gconstpointer user_data)
{
  if (!have_zones (fixture))
    return;

  /* A repeated time happens once, the first time (still on summer time). */
  assert_start (fixture->berlin, "2026-10-25", "02:30", "2026-10-25T00:30:00Z", "2026-10-25 02:30 +02:00");
  assert_start (fixture->berlin, "2026-10-25", "02:00", "2026-10-25T00:00:00Z", "2026-10-25 02:00 +02:00");
  assert_start (fixture->berlin, "2026-10-25", "01:59", "2026-10-24T23:59:00Z", "2026-10-25 01:59 +02:00");
  assert_start (fixture->berlin, "2026-10-25", "03:00", "2026-10-25T02:00:00Z", "2026-10-25 03:00 +01:00");
  assert_start (fixture->new_york, "2026-11-01", "01:30", "2026-11-01T05:30:00Z", "2026-11-01 01:30 -04:00");
  assert_start (fixture->new_york, "2026-11-01", "02:00", "2026-11-01T07:00:00Z", "2026-11-01 02:00 -05:00");
  assert_start (fixture->lord_howe, "2026-04-05", "01:45", "2026-04-04T14:45:00Z", "2026-04-05 01:45 +11:00");
  assert_start (fixture->lord_howe, "2026-04-05", "01:30", "2026-04-04T14:30:00Z", "2026-04-05 01:30 +11:00");
  assert_start (fixture->lord_howe, "2026-04-05", "02:00", "2026-04-04T15:30:00Z", "2026-04-05 02:00 +10:30");
  assert_start (fixture->lord_howe, "2026-04-05", "01:29", "2026-04-04T14:29:00Z", "2026-04-05 01:29 +11:00");
}

static void
test_start_time_plain (ZoneFixture  *fixture,
                       gconstpointer user_data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) bad = NULL;
  GDate       d = date ("2026-06-01");
  const char *invalid[] = { "7:30", "24:00", "12:60", "12-30", "12:3a", "", "12:300" };

  assert_start (utc, "2026-06-01", "12:00", "2026-06-01T12:00:00Z", "2026-06-01 12:00 +00:00");
  assert_start (utc, "2026-06-01", NULL, "2026-06-01T00:00:00Z", "2026-06-01 00:00 +00:00");
  if (!have_zones (fixture))
    return;
  assert_start (fixture->berlin, "2026-06-01", "07:30", "2026-06-01T05:30:00Z", "2026-06-01 07:30 +02:00");
  assert_start (fixture->berlin, "2026-12-01", "07:30", "2026-12-01T06:30:00Z", "2026-12-01 07:30 +01:00");
  assert_start (fixture->lord_howe, "2026-07-01", "19:00", "2026-07-01T08:30:00Z", "2026-07-01 19:00 +10:30");
  /* Far ahead, past the zone file's explicit transitions. */
  assert_start (fixture->berlin, "2060-03-28", "02:30", "2060-03-28T01:30:00Z", "2060-03-28 03:30 +02:00");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      bad = hearth_recurrence_start_time (&d, invalid[i], fixture->berlin, &error);
      g_assert_null (bad);
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/recurrence/daily", test_daily);
  g_test_add_func ("/recurrence/weekly", test_weekly);
  g_test_add_func ("/recurrence/weekly-interval", test_weekly_interval);
  g_test_add_func ("/recurrence/monthly-nth-weekday", test_monthly_nth_weekday);
  g_test_add_func ("/recurrence/monthly-day", test_monthly_day);
  g_test_add_func ("/recurrence/leap-day", test_leap_day);
  g_test_add_func ("/recurrence/until", test_until);
  g_test_add_func ("/recurrence/count", test_count);
  g_test_add_func ("/recurrence/window-consistency", test_window_consistency);
  g_test_add_func ("/recurrence/next-date", test_next_date);
  g_test_add_func ("/recurrence/malformed", test_malformed);
  g_test_add_func ("/recurrence/canonical", test_canonical);
  g_test_add_func ("/recurrence/build", test_build);
  g_test_add_func ("/recurrence/getters", test_getters);
  g_test_add_func ("/recurrence/per-day", test_per_day);
  g_test_add_func ("/recurrence/describe", test_describe);
  g_test_add ("/recurrence/start-time/gap", ZoneFixture, NULL,
              zones_setup, test_start_time_gap, zones_teardown);
  g_test_add ("/recurrence/start-time/overlap", ZoneFixture, NULL,
              zones_setup, test_start_time_overlap, zones_teardown);
  g_test_add ("/recurrence/start-time/plain", ZoneFixture, NULL,
              zones_setup, test_start_time_plain, zones_teardown);
  return g_test_run ();
}
