/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-recurrence.h"
#include "hearth-text.h"

/* The subset of RFC 5545 RRULE that rituals use. A ritual's DTSTART is a
 * date (its `start`), so occurrences are local calendar dates; the wall-clock
 * time is applied per date by hearth_recurrence_start_time(). */

#define MAX_INTERVAL 999
#define MAX_COUNT    99999
/* Enough for every distinct (ordinal, weekday) and month day. */
#define MAX_BYDAY      (7 * 11)
#define MAX_BYMONTHDAY 62
/* How far ahead hearth_recurrence_next_date() looks before giving up. */
#define NEXT_DATE_HORIZON_DAYS (400 * 366)

typedef struct
{
  int          ordinal; /* 0 = every such weekday; ±1…±5 in a monthly rule */
  GDateWeekday weekday;
} ByDay;

struct _HearthRecurrence
{
  HearthFreq   freq;
  guint        interval;
  GDateWeekday wkst;
  guint        n_byday;
  ByDay        byday[MAX_BYDAY];
  guint        n_bymonthday;
  int          bymonthday[MAX_BYMONTHDAY];
  gboolean     has_until;
  GDate        until;
  guint        count;
};

G_DEFINE_BOXED_TYPE (HearthRecurrence, hearth_recurrence, hearth_recurrence_copy, hearth_recurrence_free)

static const char *const weekday_codes[] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static HearthRecurrence *
recurrence_new (HearthFreq freq)
{
  HearthRecurrence *self = g_new0 (HearthRecurrence, 1);

  self->freq = freq;
  self->interval = 1;
  self->wkst = G_DATE_MONDAY;
  g_date_clear (&self->until, 1);
  return self;
}

HearthRecurrence *
hearth_recurrence_copy (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

void
hearth_recurrence_free (HearthRecurrence *self)
{
  g_free (self);
}

/* Parsing */

static gboolean
parse_number (const char *s,
              guint       max_digits,
              guint      *value)
{
  guint n = 0, len = 0;

  for (; *s; s++, len++)
    {
      if (!g_ascii_isdigit (*s) || len >= max_digits)
        return FALSE;
      n = n * 10 + (guint) (*s - '0');
    }
  if (len == 0)
    return FALSE;
  *value = n;
  return TRUE;
}

static gboolean
parse_weekday_code (const char   *s,
                    GDateWeekday *weekday)
{
  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    if (strcmp (s, weekday_codes[i]) == 0)
      {
        *weekday = (GDateWeekday) i;
        return TRUE;
      }
  return FALSE;
}

/* `[+-]?[0-9]{0,2}(MO|TU|WE|TH|FR|SA|SU)` */
static gboolean
parse_byday_item (const char   *s,
                  int          *ordinal,
                  GDateWeekday *weekday)
{
  size_t           len = strlen (s);
  g_autofree char *digits = NULL;
  int              sign = 1;
  guint            n = 0;

  if (len < 2 || !parse_weekday_code (s + len - 2, weekday))
    return FALSE;
  digits = g_strndup (s, len - 2);
  if (digits[0] == '+' || digits[0] == '-')
    {
      sign = digits[0] == '-' ? -1 : 1;
      if (digits[1] == '\0')
        return FALSE;
      if (!parse_number (digits + 1, 2, &n) || n == 0)
        return FALSE;
    }
  else if (digits[0] != '\0' && (!parse_number (digits, 2, &n) || n == 0))
    return FALSE;
  *ordinal = sign * (int) n;
  return TRUE;
}

static gboolean
parse_digits_exact (const char *s,
                    guint       n,
                    int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

/* `YYYYMMDD`, `YYYYMMDDTHHMMSS[Z]` or `YYYY-MM-DD`. A date-time UNTIL keeps
 * only its date: the ritual's start is a date, and RFC 5545 wants UNTIL of
 * the same kind as DTSTART. */
static gboolean
parse_until (const char *s,
             GDate      *date)
{
  size_t len = strlen (s);
  int    y, m, d, hh, mm, ss;

  if (len == 10)
    return hearth_date_parse (s, date);
  if (len != 8 && len != 15 && len != 16)
    return FALSE;
  if (!parse_digits_exact (s, 4, &y) || !parse_digits_exact (s + 4, 2, &m) ||
      !parse_digits_exact (s + 6, 2, &d))
    return FALSE;
  if (len > 8)
    {
      if (s[8] != 'T' || !parse_digits_exact (s + 9, 2, &hh) ||
          !parse_digits_exact (s + 11, 2, &mm) || !parse_digits_exact (s + 13, 2, &ss))
        return FALSE;
      if (hh > 23 || mm > 59 || ss > 60)
        return FALSE;
      if (len == 16 && s[15] != 'Z')
        return FALSE;
    }
  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* Positive ordinals first, then those counted from the end, each in the
 * order they fall in a month. */
static int
ordinal_key (int ordinal)
{
  return ordinal >= 0 ? ordinal : 100 + ordinal;
}

static int
compare_byday (gconstpointer a,
               gconstpointer b)
{
  const ByDay *x = a, *y = b;

  if (ordinal_key (x->ordinal) != ordinal_key (y->ordinal))
    return ordinal_key (x->ordinal) - ordinal_key (y->ordinal);
  return (int) x->weekday - (int) y->weekday;
}

static int
compare_month_day (gconstpointer a,
                   gconstpointer b)
{
  return ordinal_key (*(const int *) a) - ordinal_key (*(const int *) b);
}

static void
add_byday (HearthRecurrence *self,
           int               ordinal,
           GDateWeekday      weekday)
{
  for (guint i = 0; i < self->n_byday; i++)
    if (self->byday[i].ordinal == ordinal && self->byday[i].weekday == weekday)
      return;
  g_assert (self->n_byday < MAX_BYDAY);
  self->byday[self->n_byday].ordinal = ordinal;
  self->byday[self->n_byday].weekday = weekday;
  self->n_byday++;
}

static void
add_month_day (HearthRecurrence *self,
               int               day)
{
  for (guint i = 0; i < self->n_bymonthday; i++)
    if (self->bymonthday[i] == day)
      return;
  g_assert (self->n_bymonthday < MAX_BYMONTHDAY);
  self->bymonthday[self->n_bymonthday++] = day;
}

enum
{
  PART_FREQ,
  PART_INTERVAL,
  PART_BYDAY,
  PART_BYMONTHDAY,
  PART_UNTIL,
  PART_COUNT,
  PART_WKST,
  N_PARTS
};

static const char *const part_names[N_PARTS] = {
  "FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"
};

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...)
{
  va_list          args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
parse_byday (HearthRecurrence *self,
             const char       *value,
             GError          **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  for (guint i = 0; items[i]; i++)
    {
      int          ordinal = 0;
      GDateWeekday weekday = G_DATE_BAD_WEEKDAY;

      if (!parse_byday_item (items[i], &ordinal, &weekday))
        return set_invalid (error,
                            _ ("“%s” in the repeat rule is not a day of the week such as MO, "
                               "or for a monthly rule 1SA or -1FR."),
                            items[i]);
      if (ordinal != 0 && self->freq != HEARTH_FREQ_MONTHLY)
        return set_invalid (error,
                            _ ("Only a monthly repeat rule can name a day such as “%s”; "
                               "a daily or weekly one lists plain days such as MO,TH."),
                            items[i]);
      if (ordinal > 5 || ordinal < -5)
        return set_invalid (error,
                            _ ("A month has at most five of each weekday, so “%s” never comes round."),
                            items[i]);
      add_byday (self, ordinal, weekday);
    }
  qsort (self->byday, self->n_byday, sizeof (ByDay), compare_byday);
  return TRUE;
}

static gboolean
parse_bymonthday (HearthRecurrence *self,
                  const char       *value,
                  GError          **error)
{
  g_auto(GStrv) items = NULL;

  if (self->freq != HEARTH_FREQ_MONTHLY)
    return set_invalid (error, _ ("Only a monthly repeat rule can name days of the month (BYMONTHDAY)."));

  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i]; i++)
    {
      const char *digits = items[i];
      int         sign = 1;
      guint       day = 0;

      if (*digits == '-' || *digits == '+')
        sign = *digits++ == '-' ? -1 : 1;
      if (!parse_number (digits, 2, &day) || day < 1 || day > 31)
        return set_invalid (error,
                            _ ("“%s” in the repeat rule is not a day of the month from 1 to 31 "
                               "(or -1 to -31, counted from the end)."),
                            items[i]);
      add_month_day (self, sign * (int) day);
    }
  qsort (self->bymonthday, self->n_bymonthday, sizeof (int), compare_month_day);
  return TRUE;
}

/**
 * hearth_recurrence_parse:
 * @rrule: an RRULE value such as `FREQ=WEEKLY;BYDAY=MO,TH`, with or without
 *   the `RRULE:` prefix
 * @error: return location for a %HEARTH_ERROR_INVALID error
 *
 * Reads the subset of RFC 5545 that rituals use: `FREQ` (DAILY, WEEKLY or
 * MONTHLY), `INTERVAL`, `BYDAY` (plain days; in a monthly rule also with an
 * ordinal such as `1SA` or `-1FR`; in a daily rule a filter), `BYMONTHDAY`
 * (monthly, ±1…31; a month without that day is skipped), `UNTIL`, `COUNT`
 * and `WKST`. Names and values are case-insensitive.
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL with @error set
 */
HearthRecurrence *
hearth_recurrence_parse (const char *rrule,
                         GError    **error)
{
  g_autoptr(HearthRecurrence) self = NULL;
  g_autofree char *upper = NULL;
  g_auto(GStrv) parts = NULL;
  const char *values[N_PARTS] = { NULL };
  const char *text = rrule;
  guint       number;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text != NULL)
    {
      while (g_ascii_isspace (*text))
        text++;
      if (g_ascii_strncasecmp (text, "RRULE:", 6) == 0)
        text += 6;
    }
  if (text == NULL || *text == '\0')
    {
      set_invalid (error, _ ("The ritual has no repeat rule."));
      return NULL;
    }

  upper = g_strstrip (g_ascii_strup (text, -1));
  parts = g_strsplit (upper, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *eq = strchr (parts[i], '=');
      guint which;

      /* A stray or trailing “;” is harmless. */
      if (parts[i][0] == '\0')
        continue;
      if (eq == NULL || eq == parts[i])
        {
          set_invalid (error, _ ("“%s” in the repeat rule is not of the form NAME=VALUE."), parts[i]);
          return NULL;
        }
      *eq = '\0';
      for (which = 0; which < N_PARTS; which++)
        if (strcmp (parts[i], part_names[which]) == 0)
          break;
      if (which == N_PARTS)
        {
          set_invalid (error,
                       _ ("Hearth cannot repeat a ritual by “%s”; it understands FREQ, INTERVAL, "
                          "BYDAY, BYMONTHDAY, UNTIL, COUNT and WKST."),
                       parts[i]);
          return NULL;
        }
      if (values[which] != NULL)
        {
          set_invalid (error, _ ("The repeat rule gives %s more than once."), part_names[which]);
          return NULL;
        }
      if (eq[1] == '\0')
        {
          set_invalid (error, _ ("The repeat rule gives no value for %s."), part_names[which]);
          return NULL;
        }
      values[which] = eq + 1;
    }

  if (values[PART_FREQ] == NULL)
    {
      set_invalid (error, _ ("The repeat rule does not say how often the ritual comes round (FREQ is missing)."));
      return NULL;
    }
  if (strcmp (values[PART_FREQ], "DAILY") == 0)
    self = recurrence_new (HEARTH_FREQ_DAILY);
  else if (strcmp (values[PART_FREQ], "WEEKLY") == 0)
    self = recurrence_new (HEARTH_FREQ_WEEKLY);
  else if (strcmp (values[PART_FREQ], "MONTHLY") == 0)
    self = recurrence_new (HEARTH_FREQ_MONTHLY);
  else
    {
      set_invalid (error, _ ("Rituals repeat daily, weekly or monthly, not “%s”."), values[PART_FREQ]);
      return NULL;
    }

  if (values[PART_INTERVAL] != NULL)
    {
      if (!parse_number (values[PART_INTERVAL], 4, &number) || number < 1 || number > MAX_INTERVAL)
        {
          set_invalid (error, _ ("The repeat interval “%s” is not a whole number from 1 to %d."),
                       values[PART_INTERVAL], MAX_INTERVAL);
          return NULL;
        }
      self->interval = number;
    }

  if (values[PART_WKST] != NULL && !parse_weekday_code (values[PART_WKST], &self->wkst))
    {
      set_invalid (error, _ ("The week start “%s” is not a day of the week such as MO or SU."),
                   values[PART_WKST]);
      return NULL;
    }

  if (values[PART_BYDAY] != NULL && !parse_byday (self, values[PART_BYDAY], error))
    return NULL;
  if (values[PART_BYMONTHDAY] != NULL && !parse_bymonthday (self, values[PART_BYMONTHDAY], error))
    return NULL;

  if (values[PART_UNTIL] != NULL && values[PART_COUNT] != NULL)
    {
      set_invalid (error,
                   _ ("A repeat rule ends on a date (UNTIL) or after a number of times (COUNT), not both."));
      return NULL;
    }
  if (values[PART_UNTIL] != NULL)
    {
      if (!parse_until (values[PART_UNTIL], &self->until))
        {
          set_invalid (error, _ ("The end date “%s” is not a date such as 20261231 or 2026-12-31."),
                       values[PART_UNTIL]);
          return NULL;
        }
      self->has_until = TRUE;
    }
  if (values[PART_COUNT] != NULL)
    {
      if (!parse_number (values[PART_COUNT], 6, &number) || number < 1 || number > MAX_COUNT)
        {
          set_invalid (error, _ ("The number of times “%s” is not a whole number from 1 to %d."),
                       values[PART_COUNT], MAX_COUNT);
          return NULL;
        }
      self->count = number;
    }

  return g_steal_pointer (&self);
}

/* Writing */

/**
 * hearth_recurrence_to_string:
 *
 * Writes the rule in canonical form: parts in the order FREQ, INTERVAL (when
 * not 1), WKST (when not Monday), BYDAY, BYMONTHDAY, UNTIL (as a date), COUNT;
 * days sorted, duplicates dropped.
 *
 * Returns: (transfer full): the RRULE value, without the `RRULE:` prefix
 */
char *
hearth_recurrence_to_string (const HearthRecurrence *self)
{
  static const char *const freqs[] = { "DAILY", "WEEKLY", "MONTHLY" };
  GString                 *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new ("FREQ=");
  g_string_append (s, freqs[self->freq]);
  if (self->interval > 1)
    g_string_append_printf (s, ";INTERVAL=%u", self->interval);
  if (self->wkst != G_DATE_MONDAY)
    g_string_append_printf (s, ";WKST=%s", weekday_codes[self->wkst]);
  for (guint i = 0; i < self->n_byday; i++)
    {
      g_string_append (s, i == 0 ? ";BYDAY=" : ",");
      if (self->byday[i].ordinal != 0)
        g_string_append_printf (s, "%d", self->byday[i].ordinal);
      g_string_append (s, weekday_codes[self->byday[i].weekday]);
    }
  for (guint i = 0; i < self->n_bymonthday; i++)
    g_string_append_printf (s, "%s%d", i == 0 ? ";BYMONTHDAY=" : ",", self->bymonthday[i]);
  if (self->has_until)
    g_string_append_printf (s, ";UNTIL=%04u%02u%02u",
                            g_date_get_year (&self->until),
                            g_date_get_month (&self->until),
                            g_date_get_day (&self->until));
  if (self->count > 0)
    g_string_append_printf (s, ";COUNT=%u", self->count);
  return g_string_free (s, FALSE);
}

/**
 * hearth_recurrence_build:
 * @freq: how often
 * @interval: every @interval days, weeks or months; 0 counts as 1
 * @weekdays: for a weekly rule, a mask of HEARTH_WEEKDAY_BIT() (0: the
 *   start's weekday); for a daily rule, the days it keeps (0: all)
 * @ordinal: for a monthly rule, 1…5 or -1…-5 to repeat on the @ordinal
 *   @ordinal_weekday of the month (-1 is the last); 0 otherwise
 * @ordinal_weekday: the weekday @ordinal counts
 * @month_day: for a monthly rule without @ordinal, the day of the month
 *   (1…31, or -1…-31 counted from the end; 0: the start's day)
 * @until: (nullable): the last date it may fall on
 * @count: how many times it comes round, 0 for no limit; not together
 *   with @until
 *
 * Builds the rule from the plain choices an editor offers.
 *
 * Returns: (transfer full): the canonical RRULE value
 */
char *
hearth_recurrence_build (HearthFreq   freq,
                         guint        interval,
                         guint        weekdays,
                         int          ordinal,
                         GDateWeekday ordinal_weekday,
                         int          month_day,
                         const GDate *until,
                         guint        count)
{
  g_autoptr(HearthRecurrence) self = NULL;

  g_return_val_if_fail (freq <= HEARTH_FREQ_MONTHLY, NULL);
  g_return_val_if_fail (interval <= MAX_INTERVAL, NULL);
  g_return_val_if_fail ((weekdays & ~HEARTH_WEEKDAYS_ALL) == 0, NULL);
  g_return_val_if_fail (ordinal >= -5 && ordinal <= 5, NULL);
  g_return_val_if_fail (ordinal == 0 || g_date_valid_weekday (ordinal_weekday), NULL);
  g_return_val_if_fail (month_day >= -31 && month_day <= 31, NULL);
  g_return_val_if_fail (until == NULL || g_date_valid (until), NULL);
  g_return_val_if_fail (count <= MAX_COUNT, NULL);
  g_return_val_if_fail (until == NULL || count == 0, NULL);

  self = recurrence_new (freq);
  self->interval = MAX (interval, 1);
  if (freq == HEARTH_FREQ_MONTHLY)
    {
      if (ordinal != 0)
        add_byday (self, ordinal, ordinal_weekday);
      else if (month_day != 0)
        add_month_day (self, month_day);
    }
  else if (weekdays != 0 && !(freq == HEARTH_FREQ_DAILY && weekdays == HEARTH_WEEKDAYS_ALL))
    {
      for (guint wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
        if (weekdays & HEARTH_WEEKDAY_BIT (wd))
          add_byday (self, 0, (GDateWeekday) wd);
    }
  if (until != NULL)
    {
      self->until = *until;
      self->has_until = TRUE;
    }
  self->count = count;
  return hearth_recurrence_to_string (self);
}

/* Plain words */

static const char *
weekday_name (GDateWeekday weekday)
{
  static const char *const names[] = {
    NULL, N_ ("Monday"), N_ ("Tuesday"), N_ ("Wednesday"), N_ ("Thursday"),
    N_ ("Friday"), N_ ("Saturday"), N_ ("Sunday")
  };
  return _ (names[weekday]);
}

/* Joins “a”, “a and b”, “a, b and c”. */
static char *
join_list (GPtrArray *items)
{
  char *joined;

  if (items->len == 0)
    return g_strdup ("");
  joined = g_strdup (g_ptr_array_index (items, 0));
  for (guint i = 1; i < items->len; i++)
    {
      char *next;

      if (i + 1 == items->len)
        /* TRANSLATORS: joins the last two items of a list, e.g. "Monday and Thursday" */
        next = g_strdup_printf (_ ("%s and %s"), joined, (char *) g_ptr_array_index (items, i));
      else
        /* TRANSLATORS: joins items of a list before the last, e.g. "Monday, Wednesday" */
        next = g_strdup_printf (_ ("%s, %s"), joined, (char *) g_ptr_array_index (items, i));
      g_free (joined);
      joined = next;
    }
  return joined;
}

static char *
describe_nth_weekday (int          ordinal,
                      GDateWeekday weekday)
{
  const char *name = weekday_name (weekday);

  switch (ordinal)
    {
    case 0:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on every Saturday" */
      return g_strdup_printf (_ ("every %s"), name);
    case 1:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the first Saturday" */
      return g_strdup_printf (_ ("the first %s"), name);
    case 2:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the second Saturday" */
      return g_strdup_printf (_ ("the second %s"), name);
    case 3:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the third Saturday" */
      return g_strdup_printf (_ ("the third %s"), name);
    case 4:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the fourth Saturday" */
      return g_strdup_printf (_ ("the fourth %s"), name);
    case 5:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the fifth Saturday" */
      return g_strdup_printf (_ ("the fifth %s"), name);
    case -1:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the last Saturday" */
      return g_strdup_printf (_ ("the last %s"), name);
    case -2:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the second-to-last Saturday" */
      return g_strdup_printf (_ ("the second-to-last %s"), name);
    case -3:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the third-to-last Saturday" */
      return g_strdup_printf (_ ("the third-to-last %s"), name);
    case -4:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the fourth-to-last Saturday" */
      return g_strdup_printf (_ ("the fourth-to-last %s"), name);
    case -5:
      /* TRANSLATORS: %s is a weekday, as in "Monthly on the fifth-to-last Saturday" */
      return g_strdup_printf (_ ("the fifth-to-last %s"), name);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
describe_month_day (int day)
{
  if (day == -1)
    return g_strdup (_ ("the last day"));
  if (day < 0)
    /* TRANSLATORS: as in "Monthly on day 3 counted from the end" */
    return g_strdup_printf (_ ("day %d counted from the end"), -day);
  /* TRANSLATORS: as in "Monthly on day 15" */
  return g_strdup_printf (_ ("day %d"), day);
}

static GDateWeekday
weekday_of_julian (gint64 julian)
{
  /* Julian day 1 (1 January of year 1) is a Monday, as in GDate. */
  return (GDateWeekday) (((julian - 1) % 7 + 7) % 7 + 1);
}

/* The days in the rule, or the start's weekday when it names none. */
static guint
weekly_mask (const HearthRecurrence *self,
             const GDate            *start)
{
  guint mask = 0;

  for (guint i = 0; i < self->n_byday; i++)
    if (self->byday[i].ordinal == 0)
      mask |= HEARTH_WEEKDAY_BIT (self->byday[i].weekday);
  if (mask == 0 && self->freq == HEARTH_FREQ_WEEKLY && start != NULL)
    mask = HEARTH_WEEKDAY_BIT (g_date_get_weekday (start));
  return mask;
}

static char *
describe_weekdays (guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
    if (mask & HEARTH_WEEKDAY_BIT (wd))
      g_ptr_array_add (names, (gpointer) weekday_name ((GDateWeekday) wd));
  return join_list (names);
}

static char *
describe_month_days (const HearthRecurrence *self,
                     const GDate            *start)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) weekdays = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *day_list = NULL;
  g_autofree char *weekday_list = NULL;

  for (guint i = 0; i < self->n_bymonthday; i++)
    g_ptr_array_add (days, describe_month_day (self->bymonthday[i]));
  for (guint i = 0; i < self->n_byday; i++)
    g_ptr_array_add (weekdays, describe_nth_weekday (self->byday[i].ordinal, self->byday[i].weekday));
  if (days->len == 0 && weekdays->len == 0)
    {
      if (start == NULL)
        return NULL;
      g_ptr_array_add (days, describe_month_day (g_date_get_day (start)));
    }

  day_list = join_list (days);
  weekday_list = join_list (weekdays);
  if (days->len > 0 && weekdays->len > 0)
    /* TRANSLATORS: as in "every Friday that falls on day 13" */
    return g_strdup_printf (_ ("%s that falls on %s"), weekday_list, day_list);
  return g_strdup (weekdays->len > 0 ? weekday_list : day_list);
}

/**
 * hearth_recurrence_describe:
 * @start: (nullable): the ritual's start date, which fills in the day of a
 *   weekly or monthly rule that names none
 *
 * Says the rule in plain words: “Every day”, “Every week on Monday and
 * Thursday”, “Every 2 weeks on Friday”, “Monthly on the first Saturday”,
 * “Monthly on day 15 until 31 December 2026”, “Every day, 10 times”.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
hearth_recurrence_describe (const HearthRecurrence *self,
                            const GDate            *start)
{
  g_autofree char *days = NULL;
  char            *text = NULL;
  guint            n = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start == NULL || g_date_valid (start), NULL);

  n = self->interval;
  switch (self->freq)
    {
    case HEARTH_FREQ_DAILY:
      days = self->n_byday > 0 ? describe_weekdays (weekly_mask (self, start)) : NULL;
      if (days == NULL)
        text = n == 1 ? g_strdup (_ ("Every day"))
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day", "Every %u days", n), n);
      else if (n == 1)
        /* TRANSLATORS: %s is a list of weekdays, e.g. "Monday and Thursday" */
        text = g_strdup_printf (_ ("Every week on %s"), days);
      else
        /* TRANSLATORS: %u is a number, %s a list of weekdays */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day, on %s", "Every %u days, on %s", n),
                                n, days);
      break;

    case HEARTH_FREQ_WEEKLY:
      {
        guint mask = weekly_mask (self, start);

        days = mask != 0 ? describe_weekdays (mask) : NULL;
        if (days == NULL)
          text = n == 1 ? g_strdup (_ ("Every week"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u week", "Every %u weeks", n), n);
        else if (n == 1)
          text = g_strdup_printf (_ ("Every week on %s"), days);
        else
          /* TRANSLATORS: %u is a number, %s a list of weekdays, e.g. "Every 2 weeks on Friday" */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u week on %s", "Every %u weeks on %s", n),
                                  n, days);
      }
      break;

    case HEARTH_FREQ_MONTHLY:
      days = describe_month_days (self, start);
      if (days == NULL)
        text = n == 1 ? g_strdup (_ ("Monthly"))
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u month", "Every %u months", n), n);
      else if (n == 1)
        /* TRANSLATORS: %s is e.g. "the first Saturday" or "day 15" */
        text = g_strdup_printf (_ ("Monthly on %s"), days);
      else
        /* TRANSLATORS: %u is a number, %s e.g. "the first Saturday" or "day 15" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u month on %s", "Every %u months on %s", n),
                                n, days);
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  if (self->has_until)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&self->until),
                                                      g_date_get_month (&self->until),
                                                      g_date_get_day (&self->until), 0, 0, 0);
      /* TRANSLATORS: the date in "Every day until 31 December 2026"; see
       * g_date_time_format() for the codes */
      g_autofree char *date = dt ? g_date_time_format (dt, _ ("%-d %B %Y")) : NULL;
      char            *with_end;

      /* TRANSLATORS: "Every day" "until" "31 December 2026" */
      with_end = g_strdup_printf (_ ("%s until %s"), text, date ? date : "");
      g_free (text);
      text = with_end;
    }
  else if (self->count > 0)
    {
      char *with_end;

      /* TRANSLATORS: "Every day", "10 times" */
      with_end = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u time", "%s, %u times", self->count),
                                  text, self->count);
      g_free (text);
      text = with_end;
    }
  return text;
}

/* Getters, for an editor that shows a rule's choices */

HearthFreq
hearth_recurrence_get_freq (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, HEARTH_FREQ_DAILY);
  return self->freq;
}

guint
hearth_recurrence_get_interval (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->interval;
}

/**
 * hearth_recurrence_get_weekdays:
 *
 * Returns: the mask of HEARTH_WEEKDAY_BIT() for the plain days in BYDAY
 *   (those without an ordinal); 0 when it names none
 */
guint
hearth_recurrence_get_weekdays (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return weekly_mask (self, NULL);
}

/**
 * hearth_recurrence_get_nth_weekday:
 * @ordinal: (out) (optional): 1…5, or -1…-5 counted from the month's end
 * @weekday: (out) (optional): the weekday
 *
 * Returns: whether the rule names a day such as `1SA`; the first one if it
 *   names several
 */
gboolean
hearth_recurrence_get_nth_weekday (const HearthRecurrence *self,
                                   int                    *ordinal,
                                   GDateWeekday           *weekday)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_byday; i++)
    if (self->byday[i].ordinal != 0)
      {
        if (ordinal)
          *ordinal = self->byday[i].ordinal;
        if (weekday)
          *weekday = self->byday[i].weekday;
        return TRUE;
      }
  return FALSE;
}

/**
 * hearth_recurrence_get_month_day:
 *
 * Returns: the first BYMONTHDAY (negative counts from the end), or 0
 */
int
hearth_recurrence_get_month_day (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_bymonthday > 0 ? self->bymonthday[0] : 0;
}

gboolean
hearth_recurrence_get_until (const HearthRecurrence *self,
                             GDate                  *until)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->has_until && until != NULL)
    *until = self->until;
  return self->has_until;
}

guint
hearth_recurrence_get_count (const HearthRecurrence *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->count;
}

/**
 * hearth_recurrence_get_per_day:
 *
 * How many times a day the rule comes round on average: 1 for daily, 1/7 for
 * weekly, 3/7 for three days a week, 1/14 every two weeks, about 12/365 for
 * monthly. The consistency score decays by it.
 */
double
hearth_recurrence_get_per_day (const HearthRecurrence *self)
{
  double per_period = 1;
  guint  n_plain = 0, n_nth = 0;

  g_return_val_if_fail (self != NULL, 1);

  for (guint i = 0; i < self->n_byday; i++)
    {
      if (self->byday[i].ordinal == 0)
        n_plain++;
      else
        n_nth++;
    }

  switch (self->freq)
    {
    case HEARTH_FREQ_DAILY:
      return (n_plain > 0 ? n_plain / 7.0 : 1.0) / self->interval;
    case HEARTH_FREQ_WEEKLY:
      return MAX (n_plain, 1) / (7.0 * self->interval);
    case HEARTH_FREQ_MONTHLY:
      if (self->n_bymonthday > 0 && self->n_byday == 0)
        per_period = self->n_bymonthday;
      else if (self->n_bymonthday == 0 && self->n_byday > 0)
        per_period = n_nth + n_plain * (365.25 / 12 / 7);
      return per_period * 12.0 / (365.25 * self->interval);
    default:
      g_return_val_if_reached (1);
    }
}

/* Expanding to dates */

/* Return FALSE to stop. */
typedef gboolean (*EmitFunc) (guint32 julian, gpointer user_data);

static guint32
julian_dmy (guint day,
            guint month,
            guint year)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&d);
}

/* Days of one month the rule falls on, as flags hit[1…31]; returns days in month. */
static guint
month_hits (const HearthRecurrence *self,
            guint                   year,
            guint                   month,
            guint                   start_day,
            gboolean               *hit)
{
  guint        dim = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  gboolean     by_month_day[32] = { FALSE };
  gboolean     by_day[32] = { FALSE };
  GDateWeekday first_wd = weekday_of_julian (julian_dmy (1, month, year));
  GDateWeekday last_wd = weekday_of_julian (julian_dmy (dim, month, year));

  for (guint i = 0; i < self->n_bymonthday; i++)
    {
      int d = self->bymonthday[i] > 0 ? self->bymonthday[i] : (int) dim + self->bymonthday[i] + 1;
      if (d >= 1 && d <= (int) dim)
        by_month_day[d] = TRUE;
    }

  for (guint i = 0; i < self->n_byday; i++)
    {
      int ordinal = self->byday[i].ordinal;
      int wd = (int) self->byday[i].weekday;
      int first = 1 + (wd - (int) first_wd + 7) % 7;
      int last = (int) dim - ((int) last_wd - wd + 7) % 7;
      int d;

      if (ordinal == 0)
        for (d = first; d <= (int) dim; d += 7)
          by_day[d] = TRUE;
      else
        {
          d = ordinal > 0 ? first + 7 * (ordinal - 1) : last + 7 * (ordinal + 1);
          if (d >= 1 && d <= (int) dim)
            by_day[d] = TRUE;
        }
    }

  for (guint d = 1; d <= dim; d++)
    {
      if (self->n_bymonthday > 0 && self->n_byday > 0)
        hit[d] = by_month_day[d] && by_day[d];
      else if (self->n_bymonthday > 0)
        hit[d] = by_month_day[d];
      else if (self->n_byday > 0)
        hit[d] = by_day[d];
      else
        hit[d] = d == start_day;
    }
  return dim;
}

/* Calls @emit for each date of the rule from @start on, in order, up to
 * @last_j (and UNTIL and COUNT). Without COUNT it skips whole periods before
 * @from_j, since nothing there is needed. */
static void
expand (const HearthRecurrence *self,
        const GDate            *start,
        guint32                 from_j,
        guint32                 last_j,
        EmitFunc                emit,
        gpointer                user_data)
{
  guint32 start_j = g_date_get_julian (start);
  gint64  period = 0;
  guint   emitted = 0;
  guint   mask = weekly_mask (self, start);
  gint64  week0_j = 0;
  gint64  month0 = (gint64) g_date_get_year (start) * 12 + g_date_get_month (start) - 1;

  if (self->has_until)
    last_j = MIN (last_j, g_date_get_julian (&self->until));
  if (last_j < start_j)
    return;

  if (self->freq == HEARTH_FREQ_WEEKLY)
    week0_j = (gint64) start_j - ((int) g_date_get_weekday (start) - (int) self->wkst + 7) % 7;

  if (self->count == 0 && from_j > start_j)
    {
      switch (self->freq)
        {
        case HEARTH_FREQ_DAILY:
          period = (from_j - start_j) / self->interval;
          break;
        case HEARTH_FREQ_WEEKLY:
          period = ((gint64) from_j - week0_j) / (7 * (gint64) self->interval);
          break;
        case HEARTH_FREQ_MONTHLY:
          {
            GDate  from;
            gint64 from_month;

            g_date_clear (&from, 1);
            g_date_set_julian (&from, from_j);
            from_month = (gint64) g_date_get_year (&from) * 12 + g_date_get_month (&from) - 1;
            period = (from_month - month0) / self->interval;
          }
          break;
        default:
          g_return_if_reached ();
        }
    }

  for (;; period++)
    {
      gint64 candidates[31];
      guint  n = 0;

      switch (self->freq)
        {
        case HEARTH_FREQ_DAILY:
          {
            gint64 j = start_j + period * self->interval;

            if (j > last_j)
              return;
            if (self->n_byday == 0 || (mask & HEARTH_WEEKDAY_BIT (weekday_of_julian (j))))
              candidates[n++] = j;
          }
          break;

        case HEARTH_FREQ_WEEKLY:
          {
            gint64 week_j = week0_j + period * 7 * self->interval;

            if (week_j > last_j)
              return;
            for (guint d = 0; d < 7; d++)
              if (mask & HEARTH_WEEKDAY_BIT (weekday_of_julian (week_j + d)))
                candidates[n++] = week_j + d;
          }
          break;

        case HEARTH_FREQ_MONTHLY:
          {
            gint64   month = month0 + period * self->interval;
            guint    year = (guint) (month / 12);
            guint    month_of_year = (guint) (month % 12) + 1;
            gboolean hit[32] = { FALSE };
            guint    dim;
            guint32  first_j;

            if (year > G_MAXUINT16)
              return;
            first_j = julian_dmy (1, month_of_year, year);
            if (first_j > last_j)
              return;
            dim = month_hits (self, year, month_of_year, g_date_get_day (start), hit);
            for (guint d = 1; d <= dim; d++)
              if (hit[d])
                candidates[n++] = first_j + d - 1;
          }
          break;

        default:
          g_return_if_reached ();
        }

      for (guint i = 0; i < n; i++)
        {
          if (candidates[i] < start_j)
            continue;
          if (candidates[i] > last_j)
            return;
          emitted++;
          if (!emit ((guint32) candidates[i], user_data))
            return;
          if (self->count > 0 && emitted >= self->count)
            return;
        }
    }
}

typedef struct
{
  GArray *dates;
  guint32 from_j;
} CollectData;

static gboolean
collect_date (guint32  julian,
              gpointer user_data)
{
  CollectData *data = user_data;

  if (julian >= data->from_j)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      g_array_append_val (data->dates, date);
    }
  return TRUE;
}

/**
 * hearth_recurrence_dates:
 * @start: the ritual's start date (DTSTART); COUNT counts from here
 * @from: first date of interest
 * @to: last date of interest
 *
 * The local calendar dates the rule falls on between @from and @to, both
 * included. Only dates that match the rule count: a start date that is not
 * one of the rule's days is not an occurrence of its own.
 *
 * Returns: (transfer full) (element-type GDate): the dates in order
 */
GArray *
hearth_recurrence_dates (const HearthRecurrence *self,
                         const GDate            *start,
                         const GDate            *from,
                         const GDate            *to)
{
  CollectData data;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  data.dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  data.from_j = g_date_get_julian (from);
  if (data.from_j <= g_date_get_julian (to))
    expand (self, start, data.from_j, g_date_get_julian (to), collect_date, &data);
  return data.dates;
}

typedef struct
{
  guint32 from_j;
  guint32 found_j;
} NextData;

static gboolean
find_next (guint32  julian,
           gpointer user_data)
{
  NextData *data = user_data;

  if (julian < data->from_j)
    return TRUE;
  data->found_j = julian;
  return FALSE;
}

/**
 * hearth_recurrence_next_date:
 * @start: the ritual's start date
 * @from: the earliest date wanted
 * @next: (out caller-allocates): the first date of the rule on or after @from
 *
 * Returns: %FALSE when the rule has ended (UNTIL or COUNT) or does not come
 *   round for centuries
 */
gboolean
hearth_recurrence_next_date (const HearthRecurrence *self,
                             const GDate            *start,
                             const GDate            *from,
                             GDate                  *next)
{
  NextData data = { 0, 0 };
  GDate    max;
  guint64  horizon;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (next != NULL, FALSE);

  g_date_clear (&max, 1);
  g_date_set_dmy (&max, 31, G_DATE_DECEMBER, G_MAXUINT16);
  data.from_j = MAX (g_date_get_julian (from), g_date_get_julian (start));
  horizon = MIN ((guint64) data.from_j + NEXT_DATE_HORIZON_DAYS, g_date_get_julian (&max));
  expand (self, start, data.from_j, (guint32) horizon, find_next, &data);
  if (data.found_j == 0)
    return FALSE;
  g_date_clear (next, 1);
  g_date_set_julian (next, data.found_j);
  return TRUE;
}

/* Wall-clock time in a time zone */

static gboolean
parse_hh_mm (const char *s,
             int        *hour,
             int        *minute)
{
  if (strlen (s) != 5 || s[2] != ':' || !parse_digits_exact (s, 2, hour) ||
      !parse_digits_exact (s + 3, 2, minute))
    return FALSE;
  return *hour <= 23 && *minute <= 59;
}

static gint64
offset_at (GTimeZone *tz,
           gint64     unix_time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

  return g_time_zone_get_offset (tz, interval);
}

/**
 * hearth_recurrence_start_time:
 * @date: the occurrence's local date
 * @hh_mm: (nullable): the ritual's wall-clock time `HH:MM`; %NULL for an
 *   all-day ritual, which starts at the beginning of the day
 * @tz: the couple's time zone
 * @error: return location for a %HEARTH_ERROR_INVALID error
 *
 * When an occurrence starts, following RFC 5545 across daylight-saving
 * changes: a time that does not exist (the hour skipped in spring) is taken
 * with the UTC offset in force before the gap, so 02:30 becomes 03:30; a
 * time that happens twice (the hour repeated in autumn) is the first of the
 * two. g_date_time_new() does neither (it moves a skipped time to the end of
 * the gap and takes the second of a repeated one), so this works out the
 * offset itself.
 *
 * Returns: (transfer full) (nullable): the start, in @tz
 */
GDateTime *
hearth_recurrence_start_time (const GDate *date,
                              const char  *hh_mm,
                              GTimeZone   *tz,
                              GError     **error)
{
  /* Offsets on either side of any change near the date; real zones never
   * change twice within a few days. */
  const gint64 window = 2 * 24 * 3600;
  g_autoptr(GDateTime) wall = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int      hour = 0, minute = 0;
  gint64   local, before, after, chosen;
  gboolean before_ok, after_ok;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (hh_mm != NULL && !parse_hh_mm (hh_mm, &hour, &minute))
    {
      set_invalid (error, _ ("The time “%s” is not a time of day such as 07:30."), hh_mm);
      return NULL;
    }

  /* The wall-clock reading counted as if it were UTC. */
  wall = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), hour, minute, 0);
  if (wall == NULL)
    {
      set_invalid (error, _ ("The date is too far in the future."));
      return NULL;
    }
  local = g_date_time_to_unix (wall);

  before = offset_at (tz, local - window);
  after = offset_at (tz, local + window);
  before_ok = offset_at (tz, local - before) == before;
  after_ok = offset_at (tz, local - after) == after;

  if (before_ok && after_ok)
    chosen = local - MAX (before, after); /* the earlier instant of a repeated time */
  else if (after_ok)
    chosen = local - after;
  else
    chosen = local - before; /* in a gap, or already valid before it */

  utc = g_date_time_new_from_unix_utc (chosen);
  if (utc == NULL)
    {
      set_invalid (error, _ ("The date is too far in the future."));
      return NULL;
    }
  return g_date_time_to_timezone (utc, tz);
}
