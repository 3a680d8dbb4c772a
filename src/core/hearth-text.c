/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hearth-text.h"
#include "hearth-clock.h"

/**
 * hearth_text_fold:
 * Folds @text for case- and accent-insensitive matching: compatibility
 * decomposition, combining marks dropped, case folded.
 *
 * Returns: (transfer full): the folded text
 */
char *
hearth_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;
  const char *p;
  gboolean    ascii = TRUE;

  if (text == NULL)
    return g_strdup ("");

  for (p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  if (ascii)
    return g_ascii_strdown (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_ascii_strdown (text, -1);

  stripped = g_string_sized_new (strlen (decomposed));
  for (p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar     c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
          t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (stripped, c);
    }
  return g_utf8_casefold (stripped->str, stripped->len);
}

gboolean
hearth_text_fold_contains (const char *folded_haystack,
                           const char *folded_needle)
{
  return strstr (folded_haystack, folded_needle) != NULL;
}

char *
hearth_uuid_new (void)
{
  return g_uuid_string_random ();
}

/**
 * hearth_time_now_created:
 * Returns: (transfer full): the current local time, RFC 3339 with the UTC
 *   offset, to the second
 */
char *
hearth_time_now_created (void)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/**
 * hearth_time_format_updated:
 * Returns: (transfer full): @unix_usec as RFC 3339 UTC with milliseconds
 */
char *
hearth_time_format_updated (gint64 unix_usec)
{
  g_autoptr(GDateTime) t = NULL;

  /* RFC 3339 has four-digit years: a time beyond them (a file may say
   * anything) is written as the last one there is. */
  unix_usec = CLAMP (unix_usec, HEARTH_TIME_MIN_USEC, HEARTH_TIME_MAX_USEC);
  t = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);
  g_autofree char *base = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) ((unix_usec % G_USEC_PER_SEC) / 1000));
}

static int
digits (const char *s,
        int         n)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

/**
 * hearth_time_parse_usec:
 * Parses an RFC 3339 time into microseconds since the epoch. The fixed
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` form every writer uses takes a fast path.
 */
gint64
hearth_time_parse_usec (const char *s,
                        gboolean   *ok)
{
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL)
    goto fail;

  if (strlen (s) == 24 && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
      s[13] == ':' && s[16] == ':' && s[19] == '.' && s[23] == 'Z')
    {
      int y = digits (s, 4), mo = digits (s + 5, 2), d = digits (s + 8, 2);
      int h = digits (s + 11, 2), mi = digits (s + 14, 2), se = digits (s + 17, 2);
      int ms = digits (s + 20, 3);

      if (y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 &&
          mi >= 0 && mi < 60 && se >= 0 && se < 61 && ms >= 0)
        {
          /* days from civil, proleptic Gregorian */
          gint64 yy = y - (mo <= 2);
          gint64 era = (yy >= 0 ? yy : yy - 399) / 400;
          gint64 yoe = yy - era * 400;
          gint64 doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
          gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
          gint64 days = era * 146097 + doe - 719468;

          if (ok)
            *ok = TRUE;
          return ((days * 86400 + h * 3600 + mi * 60 + se) * G_USEC_PER_SEC) + ms * 1000;
        }
    }

  /* `YYYY-MM-DDTHH:MM:SS+HH:MM`, how `created` is written, when it is a
   * real day and time; GLib judges anything else. */
  if (strlen (s) == 25 && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
      s[13] == ':' && s[16] == ':' && (s[19] == '+' || s[19] == '-') && s[22] == ':')
    {
      int y = digits (s, 4), mo = digits (s + 5, 2), d = digits (s + 8, 2);
      int h = digits (s + 11, 2), mi = digits (s + 14, 2), se = digits (s + 17, 2);
      int oh = digits (s + 20, 2), om = digits (s + 23, 2);

      if (y > 1 && y < 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= g_date_get_days_in_month (mo, y) &&
          h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60 &&
          oh >= 0 && oh < 24 && om >= 0 && om < 60)
        {
          gint64 yy = y - (mo <= 2);
          gint64 era = (yy >= 0 ? yy : yy - 399) / 400;
          gint64 yoe = yy - era * 400;
          gint64 doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
          gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
          gint64 days = era * 146097 + doe - 719468;
          gint64 offset = (oh * 3600 + om * 60) * (s[19] == '-' ? -1 : 1);

          if (ok)
            *ok = TRUE;
          return (days * 86400 + h * 3600 + mi * 60 + se - offset) * G_USEC_PER_SEC;
        }
    }

  dt = g_date_time_new_from_iso8601 (s, NULL);
  if (dt == NULL)
    goto fail;
  if (ok)
    *ok = TRUE;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);

fail:
  if (ok)
    *ok = FALSE;
  return 0;
}

/**
 * hearth_date_parse:
 * Parses a strict `YYYY-MM-DD` date.
 */
gboolean
hearth_date_parse (const char *s,
                   GDate      *date)
{
  int y, m, d;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  y = digits (s, 4);
  m = digits (s + 5, 2);
  d = digits (s + 8, 2);
  if (y < 1 || m < 1 || d < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (date)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
hearth_date_today (void)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * hearth_date_get_today:
 * @today: (out caller-allocates): set to today's local calendar date
 */
void
hearth_date_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = hearth_clock_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/**
 * hearth_date_to_string:
 * Returns: (transfer full): @date as `YYYY-MM-DD`, the form records store
 */
char *
hearth_date_to_string (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}
