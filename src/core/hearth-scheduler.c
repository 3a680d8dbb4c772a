/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hearth-entry.h"
#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-json.h"
#include "hearth-gratitude.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-prompts.h"
#include "hearth-recurrence.h"
#include "hearth-ritual.h"
#include "hearth-scheduler.h"
#include "hearth-text.h"

/* How reminders are timed.
 *
 * Every due time is a wall-clock instant. GLib timeouts run on the monotonic
 * clock, which stops while the computer sleeps, so the scheduler never waits
 * long on one: it evaluates "what fell due since I last looked" (a tick) at
 * least every SAFETY_TICK_SECONDS, at the next due instant and local
 * midnight, on resume (logind's PrepareForSleep(false)), on a time-zone
 * change and whenever the rituals change.
 *
 * A tick looks at the window from the previous look (or, after a start, the
 * last look any instance recorded) to now, never further back than the grace
 * window. What fires is recorded in the device's state folder before `due`
 * is emitted, under a file lock, so two processes (the window and the
 * background service) never both send a reminder, and neither does a
 * restart or a clock set back: keys carry the occurrence and its due time
 * and are kept for a month. */

#define SAFETY_TICK_SECONDS 30
/* How far ahead reminders are kept when the journal locks. */
#define HOLD_SECONDS          (8 * 24 * 3600)
#define MISSED_AFTER_SECONDS  (5 * 60)
#define KEEP_FIRED_SECONDS    (30 * 24 * 3600)
#define PERSIST_CHECK_SECONDS (10 * 60)
#define MAX_LEAD_MINUTES      (60 * 24 * 366)
#define MIN_RECENT_SECONDS    3600

/* ------------------------------------------------------------------------ */
/* HearthReminder                                                            */

struct _HearthReminder
{
  gatomicrefcount    ref_count;
  HearthReminderKind kind;
  char              *title;
  char              *body;
  GDateTime         *due;
  char              *record_id;
  char              *date;
  char              *key;
  gboolean           missed;
};

G_DEFINE_BOXED_TYPE (HearthReminder, hearth_reminder, hearth_reminder_ref, hearth_reminder_unref)

/* Takes ownership of the strings. */
static HearthReminder *
reminder_new (HearthReminderKind kind,
              char              *title,
              char              *body,
              GDateTime         *due,
              const char        *record_id,
              const char        *date,
              char              *key)
{
  HearthReminder *self = g_new0 (HearthReminder, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->title = title;
  self->body = body;
  self->due = g_date_time_ref (due);
  self->record_id = g_strdup (record_id);
  self->date = g_strdup (date);
  self->key = key;
  return self;
}

HearthReminder *
hearth_reminder_ref (HearthReminder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hearth_reminder_unref (HearthReminder *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->body);
  g_date_time_unref (self->due);
  g_free (self->record_id);
  g_free (self->date);
  g_free (self->key);
  g_free (self);
}

HearthReminderKind
hearth_reminder_get_kind (const HearthReminder *self)
{
  return self->kind;
}

/**
 * hearth_reminder_get_title:
 * Returns: the notification's title, translated: the ritual's name, or a
 *   sentence such as "Time for your weekly check-in"
 */
const char *
hearth_reminder_get_title (const HearthReminder *self)
{
  return self->title;
}

/**
 * hearth_reminder_get_body:
 * Returns: the notification's text, translated, such as "Morning coffee
 *   together starts at 07:30"; it says so when the reminder is late
 */
const char *
hearth_reminder_get_body (const HearthReminder *self)
{
  return self->body;
}

/**
 * hearth_reminder_get_due:
 * Returns: (transfer none): when the reminder was due, in the couple's time
 *   zone
 */
GDateTime *
hearth_reminder_get_due (const HearthReminder *self)
{
  return self->due;
}

/**
 * hearth_reminder_get_record_id:
 * Returns: (nullable): the ritual's id (ritual, check-in), the gratitude note's
 *   or the reply's id (partner reminders), the prompt id (daily question);
 *   %NULL for the gratitude nudge
 */
const char *
hearth_reminder_get_record_id (const HearthReminder *self)
{
  return self->record_id;
}

/**
 * hearth_reminder_get_date:
 * Returns: (nullable): the local date `YYYY-MM-DD` the reminder is about: the
 *   occurrence's date for rituals, the day of a nudge
 */
const char *
hearth_reminder_get_date (const HearthReminder *self)
{
  return self->date;
}

/**
 * hearth_reminder_get_missed:
 * Returns: %TRUE when the reminder arrives late, its time having passed while
 *   the computer was asleep or off
 */
gboolean
hearth_reminder_get_missed (const HearthReminder *self)
{
  return self->missed;
}

/**
 * hearth_reminder_get_key:
 * Returns: what identifies the reminder among all that ever fire, e.g.
 *   `<ritual id>/2026-03-29@07:15` or `nudge:gratitude:2026-03-29`; a
 *   notification id for it
 */
const char *
hearth_reminder_get_key (const HearthReminder *self)
{
  return self->key;
}

/**
 * hearth_reminder_kind_to_string:
 * Returns: `ritual`, `checkin`, `gratitude-nudge`, `question-nudge`,
 *   `partner-gratitude` or `partner-reply`
 */
const char *
hearth_reminder_kind_to_string (HearthReminderKind kind)
{
  switch (kind)
    {
    case HEARTH_REMINDER_RITUAL:
      return "ritual";
    case HEARTH_REMINDER_CHECKIN:
      return "checkin";
    case HEARTH_REMINDER_GRATITUDE_NUDGE:
      return "gratitude-nudge";
    case HEARTH_REMINDER_QUESTION_NUDGE:
      return "question-nudge";
    case HEARTH_REMINDER_PARTNER_GRATITUDE:
      return "partner-gratitude";
    case HEARTH_REMINDER_PARTNER_REPLY:
      return "partner-reply";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* HearthScheduler                                                           */

struct _HearthScheduler
{
  GObject parent_instance;

  HearthJournal *journal;

  gboolean gratitude_nudge;
  char    *gratitude_nudge_time;
  gboolean question_nudge;
  char    *question_nudge_time;
  guint    grace_hours;

  HearthSchedulerClockFunc clock_func;
  gpointer                 clock_data;
  GDestroyNotify           clock_destroy;

  /* Unix time of this object's last look, 0 before the first. */
  gint64      last_check;
  /* Unix time the last look was last written to the state file. */
  gint64      persisted_check;
  /* Keys this object fired, should the state file be unwritable. */
  GHashTable *fired_here;
  /* Partner reminders waiting for the next tick. */
  GPtrArray  *pending;
  /* While the journal is locked: the reminders of the next days, taken
   * just before it wiped its records; NULL otherwise. Only what a
   * notification shows is kept. */
  GPtrArray  *held;

  gboolean         running;
  guint            timeout_id;
  guint            idle_id;
  GCancellable    *cancellable;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  GFileMonitor    *zone_monitor;
};

G_DEFINE_FINAL_TYPE (HearthScheduler, hearth_scheduler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JOURNAL,
  PROP_GRATITUDE_NUDGE,
  PROP_GRATITUDE_NUDGE_TIME,
  PROP_QUESTION_NUDGE,
  PROP_QUESTION_NUDGE_TIME,
  PROP_REMINDER_GRACE_HOURS,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  DUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void schedule_idle_tick (HearthScheduler *self);
static void rearm (HearthScheduler *self, GDateTime *now, gint64 next_due);

/* ------------------------------------------------------------------------ */
/* Time                                                                      */

static GDateTime *
default_clock (gpointer user_data)
{
  return hearth_clock_now_local ();
}

static GDateTime *
clock_now (HearthScheduler *self)
{
  GDateTime *now = self->clock_func (self->clock_data);

  g_return_val_if_fail (now != NULL, hearth_clock_now_local ());
  return now;
}

/* The couple's time zone: the process's local zone, read afresh each time.
 * GLib keeps the zone of /etc/localtime for the life of the process when TZ
 * is unset, so follow the link to the zone's name ourselves; a zone is only
 * read once per name. */
static GTimeZone *
couple_zone (void)
{
  if (g_getenv ("TZ") == NULL)
    {
      g_autofree char *target = g_file_read_link ("/etc/localtime", NULL);
      const char      *name = target ? strstr (target, "zoneinfo/") : NULL;

      if (name != NULL)
        {
          GTimeZone *tz = g_time_zone_new_identifier (name + strlen ("zoneinfo/"));
          if (tz != NULL)
            return tz;
        }
    }
  return g_time_zone_new_local ();
}

static gboolean
local_date (gint64     unix_time,
            GTimeZone *tz,
            GDate     *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
  int y, m, d;

  if (local == NULL)
    return FALSE;
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
date_add_days (GDate *date,
               int    days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else if (g_date_get_julian (date) > (guint32) -days)
    g_date_subtract_days (date, (guint) -days);
}

/* g_set_str() is newer than our GLib. */
static gboolean
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
valid_hh_mm (const char *s)
{
  return s != NULL && strlen (s) == 5 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
         s[2] == ':' && g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]) &&
         (s[0] - '0') * 10 + (s[1] - '0') < 24 && (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

/* ------------------------------------------------------------------------ */
/* What is due in a window                                                   */

typedef struct
{
  GTimeZone *tz;
  gint64     from; /* unix seconds, inclusive */
  gint64     to;   /* unix seconds, inclusive */
  GPtrArray *out;  /* HearthReminder */
} Window;

static const char *
partner_name (HearthScheduler *self,
              const char      *partner_id)
{
  HearthRecord *partner = partner_id ? hearth_journal_get_partner (self->journal, partner_id) : NULL;
  const char   *name = partner ? hearth_partner_get_name (HEARTH_PARTNER (partner)) : NULL;

  return name && *name ? name : NULL;
}

static gboolean
occurrence_settled (HearthScheduler *self,
                    const char      *ritual_id,
                    const char      *date)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", ritual_id, date);
  HearthRecord    *occurrence = hearth_journal_lookup (self->journal, id);
  const char      *status;

  if (occurrence == NULL || !HEARTH_IS_OCCURRENCE (occurrence))
    return FALSE;
  status = hearth_occurrence_get_status (HEARTH_OCCURRENCE (occurrence));
  return g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "skipped") == 0;
}

/* "starts at 07:30", "starts tomorrow at 07:30", "is today"… */
static char *
describe_start (const char *title,
                GDateTime  *starts,
                GDateTime  *due,
                gboolean    all_day)
{
  /* Translators: the time a ritual starts, in a reminder; see g_date_time_format() */
  g_autofree char *time = g_date_time_format (starts, _ ("%H:%M"));
  /* Translators: the day a ritual is on, in a reminder, e.g. "Saturday 14 March";
   * see g_date_time_format() */
  g_autofree char *day = g_date_time_format (starts, _ ("%A %-d %B"));
  GDate            start_date, due_date;
  int              y, m, d;
  int              days;

  g_date_time_get_ymd (starts, &y, &m, &d);
  g_date_clear (&start_date, 1);
  g_date_set_dmy (&start_date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_time_get_ymd (due, &y, &m, &d);
  g_date_clear (&due_date, 1);
  g_date_set_dmy (&due_date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  days = g_date_days_between (&due_date, &start_date);

  if (all_day)
    {
      if (days <= 0)
        /* Translators: %s is a ritual's name, e.g. "Sunday shopping together is today". */
        return g_strdup_printf (_ ("%s is today"), title);
      if (days == 1)
        /* Translators: %s is a ritual's name. */
        return g_strdup_printf (_ ("%s is tomorrow"), title);
      /* Translators: the first %s is a ritual's name, the second a day such as "Saturday 14 March". */
      return g_strdup_printf (_ ("%s is on %s"), title, day);
    }
  if (days <= 0)
    /* Translators: "Morning coffee together starts at 07:30". */
    return g_strdup_printf (_ ("%s starts at %s"), title, time);
  if (days == 1)
    /* Translators: "Date night starts tomorrow at 19:00". */
    return g_strdup_printf (_ ("%s starts tomorrow at %s"), title, time);
  /* Translators: "Date night starts on Saturday 14 March at 19:00". */
  return g_strdup_printf (_ ("%s starts on %s at %s"), title, day, time);
}

static char *
checkin_title (const HearthRecurrence *recurrence)
{
  if (hearth_recurrence_get_interval (recurrence) <= 1)
    switch (hearth_recurrence_get_freq (recurrence))
      {
      case HEARTH_FREQ_DAILY:
        return g_strdup (_ ("Time for your daily check-in"));
      case HEARTH_FREQ_WEEKLY:
        return g_strdup (_ ("Time for your weekly check-in"));
      case HEARTH_FREQ_MONTHLY:
        return g_strdup (_ ("Time for your monthly check-in"));
      default:
        break;
      }
  return g_strdup (_ ("Time for your check-in"));
}

static void
collect_ritual (HearthScheduler *self,
                HearthRitual    *ritual,
                const Window    *w)
{
  HearthRecord *record = HEARTH_RECORD (ritual);
  const char   *ritual_id = hearth_record_get_id (record);
  const char   *time = hearth_ritual_get_time (ritual);
  const char   *title = hearth_ritual_get_title (ritual);
  gboolean      checkin = g_strcmp0 (hearth_ritual_get_ritual_type (ritual), "checkin") == 0;
  gint64        lead = hearth_ritual_get_remind_before (ritual);
  g_autoptr(HearthRecurrence) recurrence = NULL;
  g_autoptr(GArray) dates = NULL;
  GDate start, first, last;

  if (hearth_record_is_deleted (record) || hearth_ritual_get_archived (ritual))
    return;
  /* Absent or null: the couple asked for no reminder. */
  if (lead < 0 || lead > MAX_LEAD_MINUTES)
    return;
  if (hearth_ritual_get_recurrence (ritual) == NULL || hearth_ritual_get_start (ritual) == NULL ||
      !hearth_date_parse (hearth_ritual_get_start (ritual), &start))
    return;
  if (time != NULL && !valid_hh_mm (time))
    return;
  recurrence = hearth_recurrence_parse (hearth_ritual_get_recurrence (ritual), NULL);
  if (recurrence == NULL)
    return;
  if (title == NULL || *title == '\0')
    title = _ ("Your ritual");

  /* Occurrences start lead minutes after their reminder; a day either side
   * covers every offset a zone can have. */
  if (!local_date (w->from + lead * 60, w->tz, &first) || !local_date (w->to + lead * 60, w->tz, &last))
    return;
  date_add_days (&first, -1);
  date_add_days (&last, 1);
  dates = hearth_recurrence_dates (recurrence, &start, &first, &last);

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const GDate *date = &g_array_index (dates, GDate, i);
      g_autoptr(GDateTime) starts = hearth_recurrence_start_time (date, time, w->tz, NULL);
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *day = NULL;
      g_autofree char *due_time = NULL;
      char            *body;
      gint64           due_unix;

      if (starts == NULL)
        continue;
      due_unix = g_date_time_to_unix (starts) - lead * 60;
      if (due_unix < w->from || due_unix > w->to)
        continue;
      day = hearth_date_to_string (date);
      if (occurrence_settled (self, ritual_id, day))
        continue;
      due = g_date_time_add_seconds (starts, (gdouble) (-lead * 60));
      due_time = g_date_time_format (due, "%H:%M");
      body = describe_start (title, starts, due, time == NULL);
      if (checkin)
        {
          /* Translators: %s is a sentence such as "Sunday check-in starts at 18:00". */
          char *warm = g_strdup_printf (_ ("%s. Phones away, just the two of you."), body);
          g_free (body);
          body = warm;
        }
      g_ptr_array_add (w->out, reminder_new (checkin ? HEARTH_REMINDER_CHECKIN : HEARTH_REMINDER_RITUAL,
                                             checkin ? checkin_title (recurrence) : g_strdup (title),
                                             body, due, ritual_id, day,
                                             g_strdup_printf ("%s/%s@%s", ritual_id, day, due_time)));
    }
}

static gboolean
wrote_gratitude_on (HearthScheduler *self,
                    const char      *me,
                    const char      *day)
{
  GListModel *model = hearth_journal_get_model (self->journal, HEARTH_KIND_GRATITUDE);
  guint       n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthGratitude) note = g_list_model_get_item (model, i);
      const char *date = hearth_gratitude_get_date (note);
      const char *created = hearth_record_get_created (HEARTH_RECORD (note));

      if (g_strcmp0 (hearth_gratitude_get_from (note), me) != 0)
        continue;
      /* Without a date, the day it was written, in the author's offset. */
      if (date != NULL ? g_str_equal (date, day) : g_str_has_prefix (created ? created : "", day))
        return TRUE;
    }
  return FALSE;
}

static gboolean
answered_question_on (HearthScheduler *self,
                      const char      *me,
                      const char      *day)
{
  GListModel *model = hearth_journal_get_model (self->journal, HEARTH_KIND_ENTRY);
  guint       n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthEntry) entry = g_list_model_get_item (model, i);

      if (g_strcmp0 (hearth_entry_get_prompt_date (entry), day) == 0 &&
          g_strcmp0 (hearth_entry_get_author (entry), me) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
collect_nudges (HearthScheduler   *self,
                HearthReminderKind kind,
                const char        *hh_mm,
                const Window      *w)
{
  const char *me = hearth_journal_get_me (self->journal);
  GDate       day, last;

  if (!valid_hh_mm (hh_mm) || !local_date (w->from, w->tz, &day) || !local_date (w->to, w->tz, &last))
    return;
  date_add_days (&day, -1);
  date_add_days (&last, 1);

  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) due = hearth_recurrence_start_time (&day, hh_mm, w->tz, NULL);
      g_autofree char *date = NULL;
      gint64           due_unix;

      if (due == NULL)
        continue;
      due_unix = g_date_time_to_unix (due);
      if (due_unix < w->from || due_unix > w->to)
        continue;
      date = hearth_date_to_string (&day);

      /* No nudge for what was already done that day. */
      if (kind == HEARTH_REMINDER_GRATITUDE_NUDGE)
        {
          const char *partner = partner_name (self, hearth_journal_get_partner_id (self->journal));

          if (me != NULL && wrote_gratitude_on (self, me, date))
            continue;
          g_ptr_array_add (w->out, reminder_new (kind, g_strdup (_ ("A moment of thanks")),
                                                 partner
                                                   /* Translators: %s is the partner's name. */
                                                   ? g_strdup_printf (_ ("What did you appreciate about %s today?"), partner)
                                                   : g_strdup (_ ("What did you appreciate today?")),
                                                 due, NULL, date,
                                                 g_strdup_printf ("nudge:gratitude:%s", date)));
        }
      else
        {
          const HearthPrompt *prompt = hearth_prompts_daily (hearth_journal_get_id (self->journal), &day);

          if (me != NULL && answered_question_on (self, me, date))
            continue;
          g_ptr_array_add (w->out, reminder_new (kind, g_strdup (_ ("Today’s question is waiting")),
                                                 prompt && prompt->text
                                                   ? g_strdup (prompt->text)
                                                   : g_strdup (_ ("Write your answer, then read your partner’s side by side.")),
                                                 due, prompt ? prompt->id : NULL, date,
                                                 g_strdup_printf ("nudge:question:%s", date)));
        }
    }
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const HearthReminder *ra = *(HearthReminder *const *) a;
  const HearthReminder *rb = *(HearthReminder *const *) b;
  int                   c = g_date_time_compare (ra->due, rb->due);

  return c != 0 ? c : strcmp (ra->key, rb->key);
}

/* Every scheduled reminder due from FROM to TO (unix seconds, inclusive). */
static GPtrArray *
collect (HearthScheduler *self,
         GTimeZone       *tz,
         gint64           from,
         gint64           to)
{
  Window      w = { tz, from, to, g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_reminder_unref) };
  GListModel *rituals;

  if (from > to)
    return w.out;
  if (!hearth_journal_is_loaded (self->journal) || hearth_journal_is_locked (self->journal))
    {
      for (guint i = 0; self->held != NULL && i < self->held->len; i++)
        {
          HearthReminder *r = g_ptr_array_index (self->held, i);
          gint64          due = g_date_time_to_unix (r->due);

          if (due >= from && due <= to)
            g_ptr_array_add (w.out, hearth_reminder_ref (r));
        }
      return w.out;
    }

  rituals = hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL);
  for (guint i = 0; i < g_list_model_get_n_items (rituals); i++)
    {
      g_autoptr(HearthRecord) ritual = g_list_model_get_item (rituals, i);
      if (HEARTH_IS_RITUAL (ritual))
        collect_ritual (self, HEARTH_RITUAL (ritual), &w);
    }
  if (self->gratitude_nudge)
    collect_nudges (self, HEARTH_REMINDER_GRATITUDE_NUDGE, self->gratitude_nudge_time, &w);
  if (self->question_nudge)
    collect_nudges (self, HEARTH_REMINDER_QUESTION_NUDGE, self->question_nudge_time, &w);

  g_ptr_array_sort (w.out, compare_reminders);
  return w.out;
}

/* ------------------------------------------------------------------------ */
/* What already fired: the state file                                        */

typedef struct
{
  gint64      checked; /* 0 when unknown */
  GHashTable *fired;   /* key → fired-at unix time (gint64 *) */
} FiredState;

static void
fired_state_clear (FiredState *state)
{
  g_clear_pointer (&state->fired, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FiredState, fired_state_clear)

static char *
state_path (HearthScheduler *self,
            const char      *suffix)
{
  g_autofree char *name = g_strconcat (hearth_journal_get_id (self->journal), suffix, NULL);

  return g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
}

static gint64
parse_unix (const char *rfc3339)
{
  g_autoptr(GDateTime) dt = rfc3339 ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) : 0;
}

static char *
format_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

/* A missing or unreadable file reads as nothing fired and no last look. */
static void
read_state (HearthScheduler *self,
            FiredState      *state)
{
  g_autofree char *path = state_path (self, ".fired");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *fired;
  gsize       length;

  state->checked = 0;
  state->fired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!hearth_file_read (path, HEARTH_MAX_SMALL_FILE_SIZE, &contents, &length, &error))
    {
      if (!g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND))
        g_message ("Ignoring the unreadable reminder state %s: %s", path, error->message);
      return;
    }
  root = hearth_json_parse (contents, length, &error);
  if (root == NULL)
    {
      g_message ("Ignoring the unreadable reminder state %s: %s", path, error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  state->checked = parse_unix (hearth_json_get_string (object, "checked", NULL));
  fired = json_object_has_member (object, "fired") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "fired"))
            ? json_object_get_object_member (object, "fired")
            : NULL;
  if (fired != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (fired);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonNode   *node = json_object_get_member (fired, l->data);
          const char *at = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                             ? json_node_get_string (node)
                             : NULL;

          g_hash_table_insert (state->fired, g_strdup (l->data), g_memdup2 (&(gint64){ parse_unix (at) }, sizeof (gint64)));
        }
    }
}

static gboolean
write_state (HearthScheduler *self,
             FiredState      *state,
             gint64           now,
             GError         **error)
{
  g_autofree char *path = state_path (self, ".fired");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = NULL;
  g_autofree char *checked = format_unix (state->checked);
  g_autofree char *text = NULL;
  gsize            length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hearth");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "journal");
  json_builder_add_string_value (builder, hearth_journal_get_id (self->journal));
  json_builder_set_member_name (builder, "checked");
  json_builder_add_string_value (builder, checked);
  json_builder_set_member_name (builder, "fired");
  json_builder_begin_object (builder);
  keys = g_list_sort (g_hash_table_get_keys (state->fired), (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      gint64           at = *(gint64 *) g_hash_table_lookup (state->fired, l->data);
      g_autofree char *when = NULL;

      /* Kept for a month: longer than any grace window, so nothing pruned
       * can come due again. A clock set back keeps everything. */
      if (at < now - KEEP_FIRED_SECONDS)
        continue;
      when = format_unix (at);
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, when);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", folder, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* An exclusive lock on the journal's lock file in the state folder, held
 * while reading, deciding and writing; -1 if it cannot be had, in which case
 * the atomic write still keeps the file whole. */
static int
lock_state (HearthScheduler *self)
{
  g_autofree char *path = state_path (self, ".lock");
  g_autofree char *folder = g_path_get_dirname (path);
  int              fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return -1;
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        close (fd);
        return -1;
      }
  return fd;
}

static void
unlock_state (int fd)
{
  if (fd >= 0)
    close (fd); /* drops the lock */
}

/* Records the last look in the state file when it is stale, so a start after
 * a shutdown knows how far back to catch up. */
static void
persist_check (HearthScheduler *self,
               gint64           now,
               gboolean         force)
{
  g_auto(FiredState) state = { 0, NULL };
  g_autoptr(GError) error = NULL;
  int fd;

  if (self->last_check == 0 || self->journal == NULL || hearth_journal_get_id (self->journal) == NULL)
    return;
  if (!force && self->persisted_check != 0 && ABS (now - self->persisted_check) < PERSIST_CHECK_SECONDS)
    return;
  fd = lock_state (self);
  read_state (self, &state);
  state.checked = self->last_check;
  if (!write_state (self, &state, now, &error))
    g_message ("Could not record the reminder state: %s", error->message);
  else
    self->persisted_check = now;
  unlock_state (fd);
}

/* ------------------------------------------------------------------------ */
/* Partner's arrivals                                                        */

static void
queue_arrival (HearthScheduler *self,
               HearthRecord    *record,
               GDateTime       *now,
               GTimeZone       *tz)
{
  const char *me = hearth_journal_get_me (self->journal);
  const char *kind = hearth_record_get_kind (record);
  const char *id = hearth_record_get_id (record);
  gint64      recent = MAX ((gint64) self->grace_hours * 3600, MIN_RECENT_SECONDS);
  g_autoptr(GDateTime) due = g_date_time_to_timezone (now, tz);
  g_autofree char *day = NULL;
  gboolean         ok = FALSE;
  gint64           created;
  const char      *name;

  if (me == NULL || hearth_record_is_deleted (record) ||
      g_strcmp0 (hearth_record_get_device (record), hearth_journal_get_device_id (self->journal)) == 0)
    return;
  created = hearth_time_parse_usec (hearth_record_get_created (record), &ok) / G_USEC_PER_SEC;
  /* Old notes that sync brings late, or edits of old ones, are not news. */
  if (!ok || created < g_date_time_to_unix (now) - recent)
    return;
  day = g_date_time_format (due, "%Y-%m-%d");

  if (g_str_equal (kind, "gratitude"))
    {
      HearthGratitude *note = HEARTH_GRATITUDE (record);
      const char      *from = hearth_gratitude_get_from (note);

      if (g_strcmp0 (hearth_gratitude_get_to (note), me) != 0 || g_strcmp0 (from, me) == 0)
        return;
      name = partner_name (self, from);
      g_ptr_array_add (self->pending,
                       reminder_new (HEARTH_REMINDER_PARTNER_GRATITUDE,
                                     name
                                       /* Translators: %s is the partner's name. */
                                       ? g_strdup_printf (_ ("%s sent you a note of thanks"), name)
                                       : g_strdup (_ ("A new note of thanks for you")),
                                     g_strdup (_ ("Open Hearth to read what they appreciated.")),
                                     due, id, hearth_gratitude_get_date (note) ?: day,
                                     g_strdup_printf ("partner:gratitude:%s", id)));
    }
  else if (g_str_equal (kind, "entry"))
    {
      const char   *reply_to = hearth_entry_get_reply_to (HEARTH_ENTRY (record));
      const char   *author = hearth_entry_get_author (HEARTH_ENTRY (record));
      HearthRecord *parent = reply_to ? hearth_journal_lookup (self->journal, reply_to) : NULL;

      if (!HEARTH_IS_ENTRY (parent) || g_strcmp0 (hearth_entry_get_author (HEARTH_ENTRY (parent)), me) != 0 ||
          g_strcmp0 (author, me) == 0)
        return;
      name = partner_name (self, author);
      g_ptr_array_add (self->pending,
                       reminder_new (HEARTH_REMINDER_PARTNER_REPLY,
                                     name
                                       /* Translators: %s is the partner's name. */
                                       ? g_strdup_printf (_ ("%s replied to your entry"), name)
                                       : g_strdup (_ ("A reply to your entry")),
                                     g_strdup (_ ("Open Hearth to read the reply.")),
                                     due, id, day,
                                     g_strdup_printf ("partner:reply:%s", id)));
    }
}

static void
on_records_arrived (HearthScheduler *self,
                    GPtrArray       *records,
                    HearthJournal   *journal)
{
  g_autoptr(GDateTime) now = clock_now (self);
  g_autoptr(GTimeZone) tz = couple_zone ();
  guint before = self->pending->len;

  for (guint i = 0; i < records->len; i++)
    queue_arrival (self, g_ptr_array_index (records, i), now, tz);
  if (self->pending->len > before)
    hearth_scheduler_tick (self);
}

/* ------------------------------------------------------------------------ */
/* Ticking                                                                   */

/**
 * hearth_scheduler_tick:
 *
 * Looks at the wall clock and emits #HearthScheduler::due for every reminder
 * that fell due since the last look (after a start or resume: since the
 * last look any instance recorded, at most the grace window back) and has
 * not fired on this device yet. The timers only call this.
 *
 * Returns: how many reminders fired
 */
guint
hearth_scheduler_tick (HearthScheduler *self)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) firing = NULL;
  g_auto(FiredState) state = { 0, NULL };
  g_autoptr(GError) error = NULL;
  gint64   now, from, next_due = 0;
  gboolean first = FALSE;
  int      fd;

  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), 0);

  now_dt = clock_now (self);
  /* Loading: keep the window open until the records are back, so what
   * falls due meanwhile is caught up (within the grace). Locked: what was
   * held at the lock still fires. */
  if (self->held == NULL &&
      (!hearth_journal_is_loaded (self->journal) || hearth_journal_is_locked (self->journal)))
    {
      rearm (self, now_dt, 0);
      return 0;
    }

  tz = couple_zone ();
  now = g_date_time_to_unix (now_dt);
  if (self->last_check == 0)
    {
      read_state (self, &state);
      first = TRUE;
      /* A first run ever catches up nothing: there is no telling what
       * was already said. */
      from = state.checked != 0 ? state.checked : now;
      fired_state_clear (&state);
    }
  else
    from = self->last_check;
  from = MAX (from, now - (gint64) self->grace_hours * 3600);

  /* One look covers now and the next safety interval, to arm the timer. */
  candidates = collect (self, tz, MIN (from, now + 1), now + SAFETY_TICK_SECONDS);
  firing = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_reminder_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      HearthReminder *r = g_ptr_array_index (candidates, i);
      gint64          due = g_date_time_to_unix (r->due);

      if (due > now)
        {
          if (next_due == 0 || due < next_due)
            next_due = due;
        }
      else if (due >= from)
        g_ptr_array_add (firing, hearth_reminder_ref (r));
    }
  for (guint i = 0; i < self->pending->len; i++)
    g_ptr_array_add (firing, hearth_reminder_ref (g_ptr_array_index (self->pending, i)));
  g_ptr_array_set_size (self->pending, 0);
  self->last_check = now;

  if (firing->len == 0)
    {
      persist_check (self, now, first);
      rearm (self, now_dt, next_due);
      return 0;
    }

  /* Decide under the lock, from the file as it is now, and record before
   * telling anyone: a crash in between loses a reminder, never doubles one. */
  fd = lock_state (self);
  read_state (self, &state);
  for (guint i = 0; i < firing->len;)
    {
      HearthReminder *r = g_ptr_array_index (firing, i);

      if (g_hash_table_contains (state.fired, r->key) || g_hash_table_contains (self->fired_here, r->key))
        {
          g_ptr_array_remove_index (firing, i);
          continue;
        }
      g_hash_table_insert (state.fired, g_strdup (r->key), g_memdup2 (&now, sizeof now));
      g_hash_table_add (self->fired_here, g_strdup (r->key));
      i++;
    }
  state.checked = now;
  if (firing->len > 0 || first)
    {
      if (!write_state (self, &state, now, &error))
        g_message ("Could not record the reminders sent: %s", error->message);
      else
        self->persisted_check = now;
    }
  unlock_state (fd);

  for (guint i = 0; i < firing->len; i++)
    {
      HearthReminder *r = g_ptr_array_index (firing, i);

      if (now - g_date_time_to_unix (r->due) > MISSED_AFTER_SECONDS)
        {
          char *body = g_strdup_printf (_ ("Missed while your computer was asleep: %s"), r->body);

          r->missed = TRUE;
          g_free (r->body);
          r->body = body;
        }
    }
  /* A handler may drop the last reference to us. */
  g_object_ref (self);
  for (guint i = 0; i < firing->len; i++)
    g_signal_emit (self, signals[DUE], 0, g_ptr_array_index (firing, i));
  rearm (self, now_dt, next_due);
  g_object_unref (self);
  return firing->len;
}

/**
 * hearth_scheduler_list:
 * @from: the first instant
 * @to: the end, not included
 *
 * What would fire from @from up to @to, through the same computation as
 * hearth_scheduler_tick(), whether or not it already fired; without the
 * partner's arrivals, which cannot be foreseen.
 *
 * Returns: (transfer container) (element-type HearthReminder): the reminders,
 *   by due time
 */
GPtrArray *
hearth_scheduler_list (HearthScheduler *self,
                       GDateTime       *from,
                       GDateTime       *to)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  tz = couple_zone ();
  return collect (self, tz, g_date_time_to_unix (from), g_date_time_to_unix (to) - 1);
}

/* ------------------------------------------------------------------------ */
/* Timers and wake-ups                                                       */

static gboolean
on_timeout (gpointer user_data)
{
  HearthScheduler *self = user_data;

  self->timeout_id = 0;
  hearth_scheduler_tick (self);
  return G_SOURCE_REMOVE;
}

/* Never one long timeout: at most the safety interval, less when a reminder
 * or local midnight comes sooner. */
static void
rearm (HearthScheduler *self,
       GDateTime       *now,
       gint64           next_due)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  gint64 now_usec, next_usec;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->running)
    return;

  tz = couple_zone ();
  local = g_date_time_to_timezone (now, tz);
  now_usec = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
  next_usec = now_usec + SAFETY_TICK_SECONDS * G_USEC_PER_SEC;
  if (next_due != 0)
    next_usec = MIN (next_usec, next_due * G_USEC_PER_SEC);
  midnight = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  if (midnight != NULL)
    {
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
      if (tomorrow != NULL)
        next_usec = MIN (next_usec, g_date_time_to_unix (tomorrow) * G_USEC_PER_SEC);
    }

  if (next_usec - now_usec >= SAFETY_TICK_SECONDS * G_USEC_PER_SEC)
    self->timeout_id = g_timeout_add_seconds (SAFETY_TICK_SECONDS, on_timeout, self);
  else
    /* A little after the instant, so the clock reads it as passed. */
    self->timeout_id = g_timeout_add ((guint) (MAX (next_usec - now_usec, 0) / 1000) + 20, on_timeout, self);
  g_source_set_name_by_id (self->timeout_id, "[hearth] scheduler tick");
}

static gboolean
on_idle_tick (gpointer user_data)
{
  HearthScheduler *self = user_data;

  self->idle_id = 0;
  hearth_scheduler_tick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_idle_tick (HearthScheduler *self)
{
  if (self->running && self->idle_id == 0)
    {
      self->idle_id = g_idle_add (on_idle_tick, self);
      g_source_set_name_by_id (self->idle_id, "[hearth] scheduler catch-up");
    }
}

static void
on_prepare_for_sleep (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  g_autoptr(HearthScheduler) self = g_weak_ref_get (user_data);
  gboolean going_to_sleep = FALSE;

  if (self == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep)
    {
      g_autoptr(GDateTime) now = clock_now (self);
      /* The battery may run out while asleep: leave a fresh last look. */
      persist_check (self, g_date_time_to_unix (now), TRUE);
    }
  else
    hearth_scheduler_tick (self);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
on_system_bus (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  HearthScheduler *self;
  GWeakRef        *ref;

  if (bus == NULL)
    {
      /* No system bus (a container, a test): the safety tick still
       * notices a resume within a minute. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus for resume notices: %s", error->message);
      return;
    }
  self = user_data; /* the cancellable guarantees it is alive */
  g_clear_object (&self->system_bus);
  self->system_bus = bus;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1", "org.freedesktop.login1.Manager",
                                        "PrepareForSleep", "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep,
                                        ref, weak_ref_free);
}

static void
on_zone_changed (HearthScheduler  *self,
                 GFile            *file,
                 GFile            *other,
                 GFileMonitorEvent event,
                 GFileMonitor     *monitor)
{
  schedule_idle_tick (self);
}

static void
on_journal_loaded (HearthScheduler *self,
                   GParamSpec      *pspec,
                   HearthJournal   *journal)
{
  if (hearth_journal_is_loaded (journal))
    g_clear_pointer (&self->held, g_ptr_array_unref);
  schedule_idle_tick (self);
}

/* The journal is about to lock: keep the next days' reminders, so they
 * still arrive while it is locked (until it is unlocked again). */
static void
on_journal_locking (HearthScheduler *self,
                    HearthJournal   *journal)
{
  g_autoptr(GDateTime) now_dt = clock_now (self);
  g_autoptr(GTimeZone) tz = couple_zone ();
  gint64 now = g_date_time_to_unix (now_dt);

  g_clear_pointer (&self->held, g_ptr_array_unref);
  self->held = collect (self, tz, now - (gint64) self->grace_hours * 3600, now + HOLD_SECONDS);
}

static void
on_model_changed (HearthScheduler *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  schedule_idle_tick (self);
}

/**
 * hearth_scheduler_start:
 *
 * Starts looking at the clock: ticks now, then keeps ticking on its own
 * (see the file's comment) until hearth_scheduler_stop().
 */
void
hearth_scheduler_start (HearthScheduler *self)
{
  g_autoptr(GFile) localtime = NULL;

  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, self);

  localtime = g_file_new_for_path ("/etc/localtime");
  self->zone_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->zone_monitor != NULL)
    g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (on_zone_changed),
                             self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  hearth_scheduler_tick (self);
}

/**
 * hearth_scheduler_stop:
 *
 * Stops the timers and wake-ups, recording the last look.
 */
void
hearth_scheduler_stop (HearthScheduler *self)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sleep_subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
      self->sleep_subscription = 0;
    }
  g_clear_object (&self->system_bus);
  if (self->zone_monitor != NULL)
    {
      g_file_monitor_cancel (self->zone_monitor);
      g_clear_object (&self->zone_monitor);
    }
  if (self->last_check != 0 && hearth_journal_is_loaded (self->journal))
    persist_check (self, self->last_check, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
hearth_scheduler_is_running (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), FALSE);

  return self->running;
}

/* ------------------------------------------------------------------------ */
/* Object                                                                    */

static void
hearth_scheduler_constructed (GObject *object)
{
  HearthScheduler *self = HEARTH_SCHEDULER (object);

  G_OBJECT_CLASS (hearth_scheduler_parent_class)->constructed (object);

  g_return_if_fail (self->journal != NULL);

  g_signal_connect_object (self->journal, "records-arrived", G_CALLBACK (on_records_arrived),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal, "notify::loaded", G_CALLBACK (on_journal_loaded),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal, "locking", G_CALLBACK (on_journal_locking),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_RITUAL), "items-changed",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hearth_journal_get_model (self->journal, HEARTH_KIND_OCCURRENCE), "items-changed",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
}

static void
hearth_scheduler_dispose (GObject *object)
{
  HearthScheduler *self = HEARTH_SCHEDULER (object);

  hearth_scheduler_stop (self);
  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock_destroy = NULL;
  self->clock_func = default_clock;
  self->clock_data = NULL;
  g_ptr_array_set_size (self->pending, 0);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (hearth_scheduler_parent_class)->dispose (object);
}

static void
hearth_scheduler_finalize (GObject *object)
{
  HearthScheduler *self = HEARTH_SCHEDULER (object);

  g_free (self->gratitude_nudge_time);
  g_free (self->question_nudge_time);
  g_hash_table_unref (self->fired_here);
  g_ptr_array_unref (self->pending);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (hearth_scheduler_parent_class)->finalize (object);
}

static void
hearth_scheduler_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HearthScheduler *self = HEARTH_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_GRATITUDE_NUDGE:
      g_value_set_boolean (value, self->gratitude_nudge);
      break;
    case PROP_GRATITUDE_NUDGE_TIME:
      g_value_set_string (value, self->gratitude_nudge_time);
      break;
    case PROP_QUESTION_NUDGE:
      g_value_set_boolean (value, self->question_nudge);
      break;
    case PROP_QUESTION_NUDGE_TIME:
      g_value_set_string (value, self->question_nudge_time);
      break;
    case PROP_REMINDER_GRACE_HOURS:
      g_value_set_uint (value, self->grace_hours);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_scheduler_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HearthScheduler *self = HEARTH_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    case PROP_GRATITUDE_NUDGE:
      hearth_scheduler_set_gratitude_nudge (self, g_value_get_boolean (value));
      break;
    case PROP_GRATITUDE_NUDGE_TIME:
      hearth_scheduler_set_gratitude_nudge_time (self, g_value_get_string (value));
      break;
    case PROP_QUESTION_NUDGE:
      hearth_scheduler_set_question_nudge (self, g_value_get_boolean (value));
      break;
    case PROP_QUESTION_NUDGE_TIME:
      hearth_scheduler_set_question_nudge_time (self, g_value_get_string (value));
      break;
    case PROP_REMINDER_GRACE_HOURS:
      hearth_scheduler_set_grace_hours (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_scheduler_class_init (HearthSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_scheduler_constructed;
  object_class->dispose = hearth_scheduler_dispose;
  object_class->finalize = hearth_scheduler_finalize;
  object_class->get_property = hearth_scheduler_get_property;
  object_class->set_property = hearth_scheduler_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Named like the GSettings keys, for g_settings_bind(). */
  properties[PROP_GRATITUDE_NUDGE] =
    g_param_spec_boolean ("gratitude-nudge", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRATITUDE_NUDGE_TIME] =
    g_param_spec_string ("gratitude-nudge-time", NULL, NULL, "20:00",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION_NUDGE] =
    g_param_spec_boolean ("question-nudge", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION_NUDGE_TIME] =
    g_param_spec_string ("question-nudge-time", NULL, NULL, "09:00",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMINDER_GRACE_HOURS] =
    g_param_spec_uint ("reminder-grace-hours", NULL, NULL, 0, 168, HEARTH_SCHEDULER_DEFAULT_GRACE_HOURS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthScheduler::due:
   * @reminder: the reminder to deliver
   *
   * A reminder fell due. It is already recorded as sent on this device, so
   * it is emitted once, by one instance; the application turns it into a
   * notification.
   */
  signals[DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  HEARTH_TYPE_REMINDER);
}

static void
hearth_scheduler_init (HearthScheduler *self)
{
  self->gratitude_nudge_time = g_strdup ("20:00");
  self->question_nudge_time = g_strdup ("09:00");
  self->grace_hours = HEARTH_SCHEDULER_DEFAULT_GRACE_HOURS;
  self->clock_func = default_clock;
  self->fired_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_reminder_unref);
}

/**
 * hearth_scheduler_new:
 * @journal: a journal; the scheduler looks at it while it is loaded
 *
 * Returns: (transfer full): a scheduler; call hearth_scheduler_start() to
 *   have it tick on its own, connect to #HearthScheduler::due to deliver
 */
HearthScheduler *
hearth_scheduler_new (HearthJournal *journal)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  return g_object_new (HEARTH_TYPE_SCHEDULER, "journal", journal, NULL);
}

/**
 * hearth_scheduler_get_journal:
 * Returns: (transfer none): the journal
 */
HearthJournal *
hearth_scheduler_get_journal (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), NULL);

  return self->journal;
}

gboolean
hearth_scheduler_get_gratitude_nudge (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), FALSE);

  return self->gratitude_nudge;
}

void
hearth_scheduler_set_gratitude_nudge (HearthScheduler *self,
                                      gboolean         enabled)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  enabled = !!enabled;
  if (self->gratitude_nudge == enabled)
    return;
  self->gratitude_nudge = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRATITUDE_NUDGE]);
  schedule_idle_tick (self);
}

const char *
hearth_scheduler_get_gratitude_nudge_time (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), NULL);

  return self->gratitude_nudge_time;
}

/**
 * hearth_scheduler_set_gratitude_nudge_time:
 * @hh_mm: the local time of the daily gratitude nudge, `HH:MM`; a time that
 *   is not one means no nudge
 */
void
hearth_scheduler_set_gratitude_nudge_time (HearthScheduler *self,
                                           const char      *hh_mm)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  if (set_string (&self->gratitude_nudge_time, hh_mm))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRATITUDE_NUDGE_TIME]);
      schedule_idle_tick (self);
    }
}

gboolean
hearth_scheduler_get_question_nudge (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), FALSE);

  return self->question_nudge;
}

void
hearth_scheduler_set_question_nudge (HearthScheduler *self,
                                     gboolean         enabled)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  enabled = !!enabled;
  if (self->question_nudge == enabled)
    return;
  self->question_nudge = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION_NUDGE]);
  schedule_idle_tick (self);
}

const char *
hearth_scheduler_get_question_nudge_time (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), NULL);

  return self->question_nudge_time;
}

/**
 * hearth_scheduler_set_question_nudge_time:
 * @hh_mm: the local time of the daily question nudge, `HH:MM`
 */
void
hearth_scheduler_set_question_nudge_time (HearthScheduler *self,
                                          const char      *hh_mm)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  if (set_string (&self->question_nudge_time, hh_mm))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION_NUDGE_TIME]);
      schedule_idle_tick (self);
    }
}

guint
hearth_scheduler_get_grace_hours (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), 0);

  return self->grace_hours;
}

/**
 * hearth_scheduler_set_grace_hours:
 * @hours: how late a reminder missed while asleep or off may still arrive
 */
void
hearth_scheduler_set_grace_hours (HearthScheduler *self,
                                  guint            hours)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  hours = MIN (hours, 168);
  if (self->grace_hours == hours)
    return;
  self->grace_hours = hours;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMINDER_GRACE_HOURS]);
}

/**
 * hearth_scheduler_bind_settings:
 * @settings: a #GSettings of the `io.github.hearthjournal.Hearth` schema
 *
 * Follows the nudge and grace keys of @settings.
 */
void
hearth_scheduler_bind_settings (HearthScheduler *self,
                                GSettings       *settings)
{
  static const char *keys[] = {
    "gratitude-nudge",
    "gratitude-nudge-time",
    "question-nudge",
    "question-nudge-time",
    "reminder-grace-hours",
  };

  g_return_if_fail (HEARTH_IS_SCHEDULER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (settings, keys[i], self, keys[i], G_SETTINGS_BIND_GET);
}

/**
 * hearth_scheduler_set_clock:
 * @now_func: (nullable): returns the wall-clock time; %NULL for the real one
 * @user_data: data for @now_func
 * @destroy: (nullable): frees @user_data
 *
 * Replaces the clock, for tests.
 */
void
hearth_scheduler_set_clock (HearthScheduler         *self,
                            HearthSchedulerClockFunc now_func,
                            gpointer                 user_data,
                            GDestroyNotify           destroy)
{
  g_return_if_fail (HEARTH_IS_SCHEDULER (self));

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock_func = now_func ? now_func : default_clock;
  self->clock_data = now_func ? user_data : NULL;
  self->clock_destroy = now_func ? destroy : NULL;
}

/**
 * hearth_scheduler_dup_state_path:
 * Returns: (transfer full): the file recording what fired on this device
 */
char *
hearth_scheduler_dup_state_path (HearthScheduler *self)
{
  g_return_val_if_fail (HEARTH_IS_SCHEDULER (self), NULL);

  return state_path (self, ".fired");
}
