/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "hearth-journal.h"
#include "hearth-scheduler.h"
#include "hearth-text.h"
#include "hearth-test-clock.h"

/* Each test drives a scheduler over a real journal in a temporary folder with
 * a clock it sets by hand, and looks at what `due` delivered. */

static char *state_home;

typedef struct
{
  char          *base;
  char          *path;
  HearthJournal *journal;
  GDateTime     *now;
  GPtrArray     *fired; /* HearthReminder, from every scheduler */
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
set_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

static void
fixture_setup (Fixture      *f,
               gconstpointer user_data)
{
  const char *names[2] = { "Alex", "Sam" };
  g_autoptr(GError) error = NULL;

  set_zone ("Europe/Berlin");
  f->base = g_dir_make_tmp ("hearth-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->base, "journal", NULL);
  f->journal = hearth_journal_create (f->path, "Our journal", names, NULL, 0, NULL, HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
  g_assert_true (hearth_journal_is_loaded (f->journal));
  f->fired = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_reminder_unref);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer user_data)
{
  g_assert_finalize_object (f->journal);
  g_clear_pointer (&f->now, g_date_time_unref);
  g_clear_pointer (&f->fired, g_ptr_array_unref);
  remove_tree (f->base);
  g_free (f->path);
  g_free (f->base);
}

static GDateTime *
fake_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return g_date_time_ref (f->now);
}

static void
set_now (Fixture    *f,
         const char *iso)
{
  g_clear_pointer (&f->now, g_date_time_unref);
  f->now = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (f->now);
}

static void
on_due (HearthScheduler *scheduler,
        HearthReminder  *reminder,
        Fixture         *f)
{
  g_ptr_array_add (f->fired, hearth_reminder_ref (reminder));
}

static HearthScheduler *
scheduler_new (Fixture       *f,
               HearthJournal *journal)
{
  HearthScheduler *scheduler = hearth_scheduler_new (journal ? journal : f->journal);

  hearth_scheduler_set_clock (scheduler, fake_clock, f, NULL);
  g_signal_connect (scheduler, "due", G_CALLBACK (on_due), f);
  return scheduler;
}

/* Ticks at ISO; returns how many fired. */
static guint
tick_at (Fixture         *f,
         HearthScheduler *scheduler,
         const char      *iso)
{
  set_now (f, iso);
  return hearth_scheduler_tick (scheduler);
}

static char *
add_ritual (Fixture    *f,
            const char *title,
            const char *type,
            const char *rrule,
            const char *start,
            const char *time,
            int         remind_before)
{
  g_autoptr(HearthRecord) ritual = hearth_journal_new_record (f->journal, "ritual", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (ritual, "title", title);
  hearth_record_set_string (ritual, "type", type);
  hearth_record_set_string (ritual, "recurrence", rrule);
  hearth_record_set_string (ritual, "start", start);
  if (time != NULL)
    hearth_record_set_string (ritual, "time", time);
  hearth_record_set_int (ritual, "duration", 30);
  if (remind_before >= 0)
    hearth_record_set_int (ritual, "remind_before", remind_before);
  else
    hearth_record_set_null (ritual, "remind_before");
  g_assert_true (hearth_journal_save (f->journal, ritual, &error));
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (ritual));
}

static void
mark (Fixture    *f,
      const char *ritual_id,
      const char *date,
      const char *status)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", ritual_id, date);
  g_autoptr(HearthRecord) occurrence = hearth_journal_new_record (f->journal, "occurrence", id);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (occurrence, "ritual", ritual_id);
  hearth_record_set_string (occurrence, "date", date);
  hearth_record_set_string (occurrence, "status", status);
  hearth_record_set_string (occurrence, "by", hearth_journal_get_me (f->journal));
  g_assert_true (hearth_journal_save (f->journal, occurrence, &error));
  g_assert_no_error (error);
}

static char *
format_due (HearthReminder *reminder)
{
  return g_date_time_format (hearth_reminder_get_due (reminder), "%Y-%m-%dT%H:%M:%S%:z");
}

static void
assert_due (HearthReminder *reminder,
            const char     *expected_rfc3339)
{
  g_autofree char *due = format_due (reminder);

  g_assert_cmpstr (due, ==, expected_rfc3339);
}

static GPtrArray *
list (HearthScheduler *scheduler,
      const char      *from,
      const char      *to)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (from, NULL);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (to, NULL);

  return hearth_scheduler_list (scheduler, a, b);
}

static HearthReminder *
fired (Fixture *f,
       guint    i)
{
  g_assert_cmpuint (i, <, f->fired->len);
  return g_ptr_array_index (f->fired, i);
}

/* ------------------------------------------------------------------------ */

static void
test_weekly (Fixture      *f,
             gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *id = add_ritual (f, "Morning coffee together", "ritual", "FREQ=WEEKLY;BYDAY=SU",
                                    "2026-03-01", "07:30", 15);
  g_autofree char *quiet = add_ritual (f, "Walk after dinner", "ritual", "FREQ=DAILY",
                                       "2026-03-01", "19:00", -1);
  g_autofree char *key = g_strdup_printf ("%s/2026-03-08@07:15", id);
  g_autoptr(GPtrArray) month = NULL;
  HearthReminder *r;

  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T06:00:00+01:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T07:14:59+01:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T07:15:00+01:00"), ==, 1);
  r = fired (f, 0);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_RITUAL);
  g_assert_cmpstr (hearth_reminder_get_title (r), ==, "Morning coffee together");
  g_assert_cmpstr (hearth_reminder_get_body (r), ==, "Morning coffee together starts at 07:30");
  g_assert_cmpstr (hearth_reminder_get_record_id (r), ==, id);
  g_assert_cmpstr (hearth_reminder_get_date (r), ==, "2026-03-08");
  g_assert_cmpstr (hearth_reminder_get_key (r), ==, key);
  g_assert_false (hearth_reminder_get_missed (r));
  assert_due (r, "2026-03-08T07:15:00+01:00");

  /* Once: not again on later ticks that day, nor at the ritual's start. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T07:15:30+01:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T07:30:00+01:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T21:00:00+01:00"), ==, 0);
  /* The walk has no reminder lead time: it never reminds. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-09T19:00:00+01:00"), ==, 0);
  /* A week later, the next one. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-15T07:15:00+01:00"), ==, 1);
  assert_due (fired (f, 1), "2026-03-15T07:15:00+01:00");

  /* Listing goes through the same computation: five Sundays in March. */
  month = list (scheduler, "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00");
  g_assert_cmpuint (month->len, ==, 5);
  assert_due (g_ptr_array_index (month, 0), "2026-03-01T07:15:00+01:00");
  /* The last is after the switch to summer time. */
  assert_due (g_ptr_array_index (month, 4), "2026-03-29T07:15:00+02:00");
}

static void
test_dst_berlin (Fixture      *f,
                 gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *owl = add_ritual (f, "Night owl tea", "ritual", "FREQ=DAILY", "2026-03-01", "02:30", 0);
  g_autofree char *breakfast = add_ritual (f, "Breakfast", "ritual", "FREQ=DAILY", "2026-03-01", "09:00", 30);
  g_autoptr(GPtrArray) spring = NULL;
  g_autoptr(GPtrArray) autumn = NULL;

  /* Spring forward: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and
   * is taken as 03:30 summer time. */
  spring = list (scheduler, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00");
  g_assert_cmpuint (spring->len, ==, 2);
  assert_due (g_ptr_array_index (spring, 0), "2026-03-29T03:30:00+02:00");
  assert_due (g_ptr_array_index (spring, 1), "2026-03-29T08:30:00+02:00");

  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-29T00:30:00+01:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-29T01:29:59Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-29T01:30:00Z"), ==, 1);
  g_assert_cmpstr (hearth_reminder_get_body (fired (f, 0)), ==, "Night owl tea starts at 03:30");
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-29T06:29:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-29T06:30:00Z"), ==, 1);
  g_assert_cmpstr (hearth_reminder_get_body (fired (f, 1)), ==, "Breakfast starts at 09:00");

  /* Fall back: 03:00 CEST becomes 02:00 CET; 02:30 happens twice and the
   * ritual is the first of the two, reminded once. */
  autumn = list (scheduler, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00");
  g_assert_cmpuint (autumn->len, ==, 2);
  assert_due (g_ptr_array_index (autumn, 0), "2026-10-25T02:30:00+02:00");
  assert_due (g_ptr_array_index (autumn, 1), "2026-10-25T08:30:00+01:00");

  g_assert_cmpuint (tick_at (f, scheduler, "2026-10-25T00:00:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-10-25T00:30:00Z"), ==, 1);
  assert_due (fired (f, 2), "2026-10-25T02:30:00+02:00");
  g_assert_cmpuint (tick_at (f, scheduler, "2026-10-25T01:00:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-10-25T01:30:00Z"), ==, 0); /* 02:30 again */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-10-25T07:30:00Z"), ==, 1);
  assert_due (fired (f, 3), "2026-10-25T08:30:00+01:00");
}

static void
test_dst_new_york (Fixture      *f,
                   gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = NULL;
  g_autofree char *coffee = NULL;
  g_autoptr(GPtrArray) days = NULL;

  set_zone ("America/New_York");
  scheduler = scheduler_new (f, NULL);
  coffee = add_ritual (f, "Coffee on the porch", "ritual", "FREQ=DAILY", "2026-03-01", "07:30", 0);

  days = list (scheduler, "2026-03-07T00:00:00-05:00", "2026-03-09T00:00:00-04:00");
  g_assert_cmpuint (days->len, ==, 2);
  assert_due (g_ptr_array_index (days, 0), "2026-03-07T07:30:00-05:00");
  assert_due (g_ptr_array_index (days, 1), "2026-03-08T07:30:00-04:00");

  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T05:00:00-05:00"), ==, 0);
  /* 07:30 the day before's offset would be 12:30 UTC: an hour late. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T11:29:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T11:30:00Z"), ==, 1);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-03-08T12:30:00Z"), ==, 0);
  g_assert_cmpstr (hearth_reminder_get_body (fired (f, 0)), ==, "Coffee on the porch starts at 07:30");
}

static void
test_zone_change (Fixture      *f,
                  gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *id = add_ritual (f, "Good-morning call", "ritual", "FREQ=DAILY", "2026-06-01", "08:00", 0);

  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-10T05:00:00Z"), ==, 0); /* 07:00 in Berlin */
  /* A flight to New York: the couple's 08:00 is now New York's. */
  set_zone ("America/New_York");
  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-10T06:00:00Z"), ==, 0); /* 08:00 Berlin, 02:00 NY */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-10T11:59:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-10T12:00:00Z"), ==, 1); /* 08:00 NY */
  assert_due (fired (f, 0), "2026-06-10T08:00:00-04:00");
  g_assert_cmpstr (hearth_reminder_get_date (fired (f, 0)), ==, "2026-06-10");

  /* Back to Berlin the same day: that day's call was already announced. */
  set_zone ("Europe/Berlin");
  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-10T12:05:00Z"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-06-11T06:00:00Z"), ==, 1);
  assert_due (fired (f, 1), "2026-06-11T08:00:00+02:00");
}

static void
test_suspend (Fixture      *f,
              gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *early = add_ritual (f, "Stretch together", "ritual", "FREQ=DAILY", "2026-05-01", "06:30", 0);
  g_autofree char *late = add_ritual (f, "Breakfast", "ritual", "FREQ=DAILY", "2026-05-01", "08:00", 0);
  HearthReminder  *r;

  hearth_scheduler_set_grace_hours (scheduler, 2);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-12T06:00:00+02:00"), ==, 0);
  /* Asleep for three hours: 08:00 is an hour late, within the grace; 06:30
   * is two and a half hours late, beyond it. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-12T09:00:00+02:00"), ==, 1);
  r = fired (f, 0);
  g_assert_cmpstr (hearth_reminder_get_record_id (r), ==, late);
  g_assert_true (hearth_reminder_get_missed (r));
  g_assert_true (g_str_has_prefix (hearth_reminder_get_body (r), "Missed while your computer was asleep: "));
  g_assert_nonnull (strstr (hearth_reminder_get_body (r), "Breakfast starts at 08:00"));
  assert_due (r, "2026-05-12T08:00:00+02:00");
  /* Once, not once per missed minute. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-12T09:00:30+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-12T09:01:00+02:00"), ==, 0);

  /* With the default grace of 12 hours both would have come, once each. */
  hearth_scheduler_set_grace_hours (scheduler, HEARTH_SCHEDULER_DEFAULT_GRACE_HOURS);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-13T06:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-05-13T09:00:00+02:00"), ==, 2);
  g_assert_cmpstr (hearth_reminder_get_record_id (fired (f, 1)), ==, early);
  g_assert_cmpstr (hearth_reminder_get_record_id (fired (f, 2)), ==, late);
  g_assert_true (hearth_reminder_get_missed (fired (f, 1)));
}

static void
test_restart (Fixture      *f,
              gconstpointer user_data)
{
  HearthScheduler *first = scheduler_new (f, NULL);
  HearthScheduler *second;
  g_autofree char *id = add_ritual (f, "Morning coffee together", "ritual", "FREQ=DAILY", "2026-04-01", "07:30", 15);
  g_autofree char *state = hearth_scheduler_dup_state_path (first);
  GStatBuf         st;

  g_assert_cmpuint (tick_at (f, first, "2026-04-02T07:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, first, "2026-04-02T07:15:00+02:00"), ==, 1);
  g_assert_finalize_object (first);

  /* The state file is the device's own, private, outside the journal. */
  g_assert_true (g_str_has_prefix (state, state_home));
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *contents = NULL;
    g_autofree char *key = g_strdup_printf ("%s/2026-04-02@07:15", id);

    g_assert_true (g_file_get_contents (state, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, key));
    /* Ids and times only: no journal text leaves the journal. */
    g_assert_null (strstr (contents, "coffee"));
  }

  /* A restart a minute later looks back to the last look (07:15) and
   * finds that reminder already sent. */
  second = scheduler_new (f, NULL);
  g_assert_cmpuint (tick_at (f, second, "2026-04-02T07:16:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, second, "2026-04-02T07:45:00+02:00"), ==, 0);
  g_assert_finalize_object (second);

  /* Off overnight, started at 07:25 the next day: the 07:15 reminder comes
   * once, late. */
  second = scheduler_new (f, NULL);
  g_assert_cmpuint (tick_at (f, second, "2026-04-03T07:25:00+02:00"), ==, 1);
  g_assert_true (hearth_reminder_get_missed (fired (f, 1)));
  g_assert_finalize_object (second);
  second = scheduler_new (f, NULL);
  g_assert_cmpuint (tick_at (f, second, "2026-04-03T07:26:00+02:00"), ==, 0);
  g_assert_finalize_object (second);
}

static void
test_first_run (Fixture      *f,
                gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *id = add_ritual (f, "Morning coffee together", "ritual", "FREQ=DAILY", "2026-04-01", "07:30", 15);

  /* Nothing recorded yet on this device: no telling what was said, so no
   * catching up; from now on, on time. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T09:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-03T07:15:00+02:00"), ==, 1);
}

static void
test_two_instances (Fixture      *f,
                    gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) other = hearth_journal_open (f->path, &error);
  g_autoptr(HearthScheduler) a = NULL;
  g_autoptr(HearthScheduler) b = NULL;
  g_autofree char *id = add_ritual (f, "Date night", "ritual", "FREQ=WEEKLY;BYDAY=FR", "2026-04-03", "19:00", 60);

  g_assert_no_error (error);
  g_assert_true (hearth_journal_load (other, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hearth_journal_lookup (other, id));

  a = scheduler_new (f, NULL);
  b = scheduler_new (f, other);
  g_assert_cmpuint (tick_at (f, a, "2026-04-10T17:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, b, "2026-04-10T17:00:00+02:00"), ==, 0);
  set_now (f, "2026-04-10T18:00:00+02:00");
  g_assert_cmpuint (hearth_scheduler_tick (a) + hearth_scheduler_tick (b), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 1);
  g_assert_cmpstr (hearth_reminder_get_body (fired (f, 0)), ==, "Date night starts at 19:00");
  set_now (f, "2026-04-10T18:00:30+02:00");
  g_assert_cmpuint (hearth_scheduler_tick (b) + hearth_scheduler_tick (a), ==, 0);
}

static void
test_clock_backwards (Fixture      *f,
                      gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *id = add_ritual (f, "Morning coffee together", "ritual", "FREQ=DAILY", "2026-04-01", "07:30", 15);

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T07:10:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T07:15:00+02:00"), ==, 1);
  /* The clock is set back an hour and lives the same minutes again. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T06:15:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T07:14:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T07:15:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T07:20:00+02:00"), ==, 0);
  g_assert_cmpuint (f->fired->len, ==, 1);
}

static void
test_done_and_archived (Fixture      *f,
                        gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *walk = add_ritual (f, "Walk after dinner", "ritual", "FREQ=DAILY", "2026-04-01", "19:00", 10);
  g_autofree char *old = add_ritual (f, "Old habit", "ritual", "FREQ=DAILY", "2026-04-01", "19:00", 10);
  g_autoptr(HearthRecord) archived = hearth_record_copy (hearth_journal_lookup (f->journal, old));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) week = NULL;

  hearth_record_set_bool (archived, "archived", TRUE);
  g_assert_true (hearth_journal_save (f->journal, archived, &error));
  g_assert_no_error (error);
  /* Marked early: done on the 2nd, skipped on the 3rd. */
  mark (f, walk, "2026-04-02", "done");
  mark (f, walk, "2026-04-03", "skipped");

  week = list (scheduler, "2026-04-01T00:00:00+02:00", "2026-04-05T00:00:00+02:00");
  g_assert_cmpuint (week->len, ==, 2);
  g_assert_cmpstr (hearth_reminder_get_date (g_ptr_array_index (week, 0)), ==, "2026-04-01");
  g_assert_cmpstr (hearth_reminder_get_date (g_ptr_array_index (week, 1)), ==, "2026-04-04");

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T18:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T18:50:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-03T18:50:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-04T18:50:00+02:00"), ==, 1);
  g_assert_cmpstr (hearth_reminder_get_record_id (fired (f, 0)), ==, walk);
}

static void
test_checkin (Fixture      *f,
              gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autofree char *id = add_ritual (f, "Sunday check-in", "checkin", "FREQ=WEEKLY;BYDAY=SU", "2026-04-05", "18:00", 0);
  g_autofree char *nightly = add_ritual (f, "Evening check-in", "checkin", "FREQ=DAILY", "2026-04-05", "21:30", 24 * 60);
  HearthReminder  *r;

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-05T12:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-05T18:00:00+02:00"), ==, 1);
  r = fired (f, 0);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_CHECKIN);
  g_assert_cmpstr (hearth_reminder_get_title (r), ==, "Time for your weekly check-in");
  g_assert_cmpstr (hearth_reminder_get_body (r), ==,
                   "Sunday check-in starts at 18:00. Phones away, just the two of you.");
  /* A day's lead time says "tomorrow". */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-05T21:30:00+02:00"), ==, 1);
  r = fired (f, 1);
  g_assert_cmpstr (hearth_reminder_get_title (r), ==, "Time for your daily check-in");
  g_assert_cmpstr (hearth_reminder_get_date (r), ==, "2026-04-06");
  g_assert_cmpstr (hearth_reminder_get_body (r), ==,
                   "Evening check-in starts tomorrow at 21:30. Phones away, just the two of you.");
}

static void
test_nudges (Fixture      *f,
             gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(HearthRecord) note = NULL;
  g_autoptr(HearthRecord) answer = NULL;
  g_autoptr(GError) error = NULL;
  HearthReminder *r;

  /* Off by default. */
  day = list (scheduler, "2026-04-07T00:00:00+02:00", "2026-04-08T00:00:00+02:00");
  g_assert_cmpuint (day->len, ==, 0);
  g_clear_pointer (&day, g_ptr_array_unref);

  g_object_set (scheduler, "gratitude-nudge", TRUE, "gratitude-nudge-time", "20:30",
                "question-nudge", TRUE, NULL);
  g_assert_cmpstr (hearth_scheduler_get_question_nudge_time (scheduler), ==, "09:00");
  day = list (scheduler, "2026-04-07T00:00:00+02:00", "2026-04-08T00:00:00+02:00");
  g_assert_cmpuint (day->len, ==, 2);
  r = g_ptr_array_index (day, 0);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_QUESTION_NUDGE);
  g_assert_cmpstr (hearth_reminder_get_key (r), ==, "nudge:question:2026-04-07");
  g_assert_nonnull (hearth_reminder_get_record_id (r)); /* the day's prompt */
  assert_due (r, "2026-04-07T09:00:00+02:00");
  r = g_ptr_array_index (day, 1);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_GRATITUDE_NUDGE);
  g_assert_cmpstr (hearth_reminder_get_key (r), ==, "nudge:gratitude:2026-04-07");
  g_assert_cmpstr (hearth_reminder_get_body (r), ==, "What did you appreciate about Sam today?");
  assert_due (r, "2026-04-07T20:30:00+02:00");

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-07T08:00:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-07T09:00:00+02:00"), ==, 1);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-07T09:01:00+02:00"), ==, 0);

  /* Already done that day: no nudge. */
  note = hearth_journal_new_record (f->journal, "gratitude", NULL);
  hearth_record_set_string (note, "from", hearth_journal_get_me (f->journal));
  hearth_record_set_string (note, "to", hearth_journal_get_partner_id (f->journal));
  hearth_record_set_string (note, "text", "The soup you left for me");
  hearth_record_set_string (note, "date", "2026-04-08");
  g_assert_true (hearth_journal_save (f->journal, note, &error));
  answer = hearth_journal_new_record (f->journal, "entry", NULL);
  hearth_record_set_string (answer, "author", hearth_journal_get_me (f->journal));
  hearth_record_set_string (answer, "body", "A walk by the river");
  hearth_record_set_string (answer, "prompt_date", "2026-04-08");
  g_assert_true (hearth_journal_save (f->journal, answer, &error));
  g_assert_no_error (error);
  after = list (scheduler, "2026-04-08T00:00:00+02:00", "2026-04-09T00:00:00+02:00");
  g_assert_cmpuint (after->len, ==, 0);

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-07T20:30:00+02:00"), ==, 1);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-08T20:30:00+02:00"), ==, 0);
  /* Switched off: nothing more. */
  hearth_scheduler_set_gratitude_nudge (scheduler, FALSE);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-09T09:00:00+02:00"), ==, 1);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-09T20:30:00+02:00"), ==, 0);
}

/* Writes a file into a folder of another device, as the sync tool would
 * bring it from Sam's laptop (the journal has no passphrase). */
static void
write_file (Fixture    *f,
            const char *device,
            const char *name,
            const char *text)
{
  g_autofree char *folder = g_build_filename (f->path, "devices", device, NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static void
write_partner_file (Fixture    *f,
                    const char *device,
                    const char *name,
                    const char *type,
                    const char *records_json)
{
  g_autofree char *text = g_strdup_printf ("{\"hearth\":1,\"type\":\"%s\",\"records\":%s}", type, records_json);

  write_file (f, device, name, text);
}

static HearthReminder *
find_kind (Fixture           *f,
           HearthReminderKind kind)
{
  for (guint i = 0; i < f->fired->len; i++)
    if (hearth_reminder_get_kind (fired (f, i)) == kind)
      return fired (f, i);
  g_assert_not_reached ();
}

static void
test_partner (Fixture      *f,
              gconstpointer user_data)
{
  g_autoptr(HearthScheduler) scheduler = scheduler_new (f, NULL);
  const char *me = hearth_journal_get_me (f->journal);
  const char *sam = hearth_journal_get_partner_id (f->journal);
  const char *device = "5d0c2a47-1b7e-4d1a-9c51-7a3e0f6b2c11";
  g_autoptr(HearthRecord) mine = hearth_journal_new_record (f->journal, "entry", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *device_json = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *thanks = NULL;
  HearthReminder  *r;

  hearth_record_set_string (mine, "author", me);
  hearth_record_set_string (mine, "title", "A hard day");
  hearth_record_set_string (mine, "body", "I felt unseen at work today.");
  g_assert_true (hearth_journal_save (f->journal, mine, &error));
  g_assert_no_error (error);

  device_json = g_strdup_printf ("{\"hearth\":1,\"type\":\"device\",\"device\":\"%s\",\"partner\":\"%s\"}", device, sam);
  write_file (f, device, "device.json", device_json);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-20T10:00:00+02:00"), ==, 0);

  thanks = g_strdup_printf ("[{\"id\":\"8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a01\",\"kind\":\"gratitude\","
                            "\"created\":\"2026-04-20T09:55:00+02:00\",\"updated\":\"2026-04-20T07:55:00.000Z\","
                            "\"device\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"text\":\"Thank you for the tea\","
                            "\"date\":\"2026-04-20\"},"
                            "{\"id\":\"8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a02\",\"kind\":\"gratitude\","
                            "\"created\":\"2026-04-01T09:55:00+02:00\",\"updated\":\"2026-04-01T07:55:00.000Z\","
                            "\"device\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"text\":\"An old note\","
                            "\"date\":\"2026-04-01\"}]",
                            device, sam, me, device, sam, me);
  write_partner_file (f, device, "gratitude-2026.json", "gratitude", thanks);
  entries = g_strdup_printf ("[{\"id\":\"8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a03\",\"kind\":\"entry\","
                             "\"created\":\"2026-04-20T09:58:00+02:00\",\"updated\":\"2026-04-20T07:58:00.000Z\","
                             "\"device\":\"%s\",\"author\":\"%s\",\"body\":\"I see you. What happened?\","
                             "\"reply_to\":\"%s\"}]",
                             device, sam, hearth_record_get_id (mine));
  write_partner_file (f, device, "entries-2026.json", "entries", entries);

  set_now (f, "2026-04-20T10:01:00+02:00");
  hearth_journal_rescan (f->journal);
  g_assert_cmpuint (f->fired->len, ==, 2);
  r = find_kind (f, HEARTH_REMINDER_PARTNER_GRATITUDE);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_PARTNER_GRATITUDE);
  g_assert_cmpstr (hearth_reminder_get_title (r), ==, "Sam sent you a note of thanks");
  g_assert_cmpstr (hearth_reminder_get_record_id (r), ==, "8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a01");
  /* The words stay in Hearth: a notification can be seen by anyone nearby. */
  g_assert_null (strstr (hearth_reminder_get_body (r), "tea"));
  g_assert_false (hearth_reminder_get_missed (r));
  r = find_kind (f, HEARTH_REMINDER_PARTNER_REPLY);
  g_assert_cmpint (hearth_reminder_get_kind (r), ==, HEARTH_REMINDER_PARTNER_REPLY);
  g_assert_cmpstr (hearth_reminder_get_title (r), ==, "Sam replied to your entry");
  g_assert_cmpstr (hearth_reminder_get_record_id (r), ==, "8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a03");

  /* Once: the same records arriving again (an edit) say nothing new. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-20T10:02:00+02:00"), ==, 0);
  {
    g_autofree char *edited = g_strdup_printf ("[{\"id\":\"8b7f6a0e-5e39-4c1e-9b8d-2f4a6c8e0a01\",\"kind\":\"gratitude\","
                                               "\"created\":\"2026-04-20T09:55:00+02:00\",\"updated\":\"2026-04-20T08:03:00.000Z\","
                                               "\"device\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"text\":\"Thank you for the tea!\","
                                               "\"date\":\"2026-04-20\"}]",
                                               device, sam, me);
    write_partner_file (f, device, "gratitude-2026.json", "gratitude", edited);
  }
  set_now (f, "2026-04-20T10:03:00+02:00");
  hearth_journal_rescan (f->journal);
  g_assert_cmpuint (f->fired->len, ==, 2);
}

static void
test_start_stop (Fixture      *f,
                 gconstpointer user_data)
{
  HearthScheduler *scheduler = hearth_scheduler_new (f->journal);

  g_assert_false (hearth_scheduler_is_running (scheduler));
  hearth_scheduler_start (scheduler);
  g_assert_true (hearth_scheduler_is_running (scheduler));
  hearth_scheduler_stop (scheduler);
  g_assert_false (hearth_scheduler_is_running (scheduler));
  hearth_scheduler_start (scheduler);
  g_assert_finalize_object (scheduler);
}

/* Locked, the journal holds no records, yet the next days' reminders
 * still arrive, with what their notification shows; unlocked and loaded
 * again, the journal's own records take over without repeating any. */
static void
test_locked (Fixture      *f,
             gconstpointer user_data)
{
  const char      *names[2] = { "Alex", "Sam" };
  g_autofree char *path = g_build_filename (f->base, "locked", NULL);
  g_autoptr(HearthScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_finalize_object (f->journal);
  f->journal = hearth_journal_create (path, "Our journal", names, NULL, 0,
                                      "a long enough passphrase", HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
  scheduler = scheduler_new (f, NULL);
  id = add_ritual (f, "Sunday pancakes", "ritual", "FREQ=DAILY", "2026-04-01", "09:00", 30);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T08:00:00+02:00"), ==, 0);

  hearth_journal_lock (f->journal);
  g_assert_true (hearth_journal_is_locked (f->journal));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_journal_get_model (f->journal, HEARTH_KIND_RITUAL)), ==, 0);

  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T08:30:00+02:00"), ==, 1);
  g_assert_cmpstr (hearth_reminder_get_title (fired (f, 0)), ==, "Sunday pancakes");
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-02T08:45:00+02:00"), ==, 0);
  /* Days later, still locked. */
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-05T08:30:00+02:00"), ==, 1);

  g_assert_true (hearth_journal_unlock (f->journal, "a long enough passphrase", &error));
  g_assert_true (hearth_journal_load (f->journal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-05T08:40:00+02:00"), ==, 0);
  g_assert_cmpuint (tick_at (f, scheduler, "2026-04-06T08:30:00+02:00"), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  char template[] = "/tmp/hearth-scheduler-state-XXXXXX";
  int status;

  /* Before any GLib call caches the state folder. */
  state_home = mkdtemp (template);
  g_assert_nonnull (state_home);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  set_zone ("Europe/Berlin");

  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add ("/scheduler/weekly", Fixture, NULL, fixture_setup, test_weekly, fixture_teardown);
  g_test_add ("/scheduler/dst-berlin", Fixture, NULL, fixture_setup, test_dst_berlin, fixture_teardown);
  g_test_add ("/scheduler/dst-new-york", Fixture, NULL, fixture_setup, test_dst_new_york, fixture_teardown);
  g_test_add ("/scheduler/zone-change", Fixture, NULL, fixture_setup, test_zone_change, fixture_teardown);
  g_test_add ("/scheduler/suspend", Fixture, NULL, fixture_setup, test_suspend, fixture_teardown);
  g_test_add ("/scheduler/restart", Fixture, NULL, fixture_setup, test_restart, fixture_teardown);
  g_test_add ("/scheduler/first-run", Fixture, NULL, fixture_setup, test_first_run, fixture_teardown);
  g_test_add ("/scheduler/two-instances", Fixture, NULL, fixture_setup, test_two_instances, fixture_teardown);
  g_test_add ("/scheduler/clock-backwards", Fixture, NULL, fixture_setup, test_clock_backwards, fixture_teardown);
  g_test_add ("/scheduler/done-and-archived", Fixture, NULL, fixture_setup, test_done_and_archived, fixture_teardown);
  g_test_add ("/scheduler/checkin", Fixture, NULL, fixture_setup, test_checkin, fixture_teardown);
  g_test_add ("/scheduler/nudges", Fixture, NULL, fixture_setup, test_nudges, fixture_teardown);
  g_test_add ("/scheduler/partner", Fixture, NULL, fixture_setup, test_partner, fixture_teardown);
  g_test_add ("/scheduler/start-stop", Fixture, NULL, fixture_setup, test_start_stop, fixture_teardown);
  g_test_add ("/scheduler/locked", Fixture, NULL, fixture_setup, test_locked, fixture_teardown);
  status = g_test_run ();
  remove_tree (state_home);
  return status;
}
