/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hearth-clock.h"
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hearth-application.h"
#include "hearth-error.h"
#include "hearth-keyring.h"
#include "hearth-occurrence.h"
#include "hearth-reminder-service.h"
#include "hearth-ritual.h"
#include "hearth-scheduler.h"
#include "hearth-settings.h"

/* The reminder service: what turns the scheduler's `due` into desktop
 * notifications, with or without a window.
 *
 * It works with the session's journal, the one of the process: opened
 * from the configured folder and, with no window to ask, unlocked with the
 * passphrase remembered in the keyring. When the person locks it (or it
 * locks after idle), the scheduler keeps only the next days' reminders,
 * so they still arrive; acting on one that needs the journal (Done) asks
 * for the passphrase first. Notification buttons are `app.` actions with targets, so they also work
 * when the desktop starts Hearth by D-Bus activation just to run one; such
 * an action waits (holding the application) until the journal is loaded. */

#define RETRY_SECONDS        (5 * 60)
#define SNOOZE_SECONDS       (10 * 60)
#define SNOOZE_CHECK_SECONDS 30
#define KEEP_SENT_SECONDS    (2 * 24 * 3600)

typedef void (*PendingFunc) (HearthReminderService *self,
                             const char            *argument,
                             gboolean               ready);

typedef struct
{
  PendingFunc func;
  char       *argument;
} PendingOp;

typedef struct
{
  HearthReminder *reminder;
  gint64          wake; /* unix seconds, wall clock */
} Snooze;

struct _HearthReminderService
{
  GObject parent_instance;

  GApplication     *application; /* weak */
  GSettings        *settings;
  HearthBackground *background;

  HearthReminderServiceState state;
  char                      *error;
  char                      *journal_id;
  gboolean                   encrypted;
  HearthSession             *session;
  HearthJournal             *journal; /* the session's, while it is */
  HearthScheduler           *scheduler;
  GCancellable              *cancellable;
  GCancellable              *open_cancellable;
  guint                      retry_id;
  /* Said once that the passphrase is needed, when it could not be recorded. */
  gboolean                   asked;

  gboolean running;

  /* Sent this session, by key, for snoozing and tidying up after Done. */
  GHashTable *sent;
  /* Snoozed, by key; in memory only. */
  GHashTable *snoozed;
  guint       snooze_id;
  gboolean    snooze_held;

  /* Actions waiting for the journal; the application is held meanwhile. */
  GQueue   pending;
  gboolean pending_held;

  /* Held while no window is open and "run-in-background" is on. */
  gboolean window_held;
};

G_DEFINE_FINAL_TYPE (HearthReminderService, hearth_reminder_service, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_ENUM_TYPE (HearthReminderServiceState, hearth_reminder_service_state,
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_NO_JOURNAL, "no-journal"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_OPENING, "opening"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_NEEDS_PASSPHRASE, "needs-passphrase"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_WRONG_PASSPHRASE, "wrong-passphrase"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (HEARTH_REMINDER_SERVICE_FAILED, "failed"))
/* clang-format on */

enum
{
  PROP_0,
  PROP_APPLICATION,
  PROP_SESSION,
  PROP_STATE,
  PROP_JOURNAL_ID,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  OPEN_PAGE,
  START_CHECKIN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void open_journal (HearthReminderService *self);

static void
pending_op_free (PendingOp *op)
{
  g_free (op->argument);
  g_free (op);
}

static void
snooze_free (Snooze *snooze)
{
  hearth_reminder_unref (snooze->reminder);
  g_free (snooze);
}

static gint64
wall_clock (void)
{
  return hearth_clock_get_real_time () / G_USEC_PER_SEC;
}

/* ------------------------------------------------------------------------ */
/* State                                                                     */

static void
set_state (HearthReminderService     *self,
           HearthReminderServiceState state,
           const char                *error)
{
  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (error);
    }
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_journal_id (HearthReminderService *self,
                const char            *id)
{
  if (g_strcmp0 (self->journal_id, id) == 0)
    return;
  g_free (self->journal_id);
  self->journal_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL_ID]);
}

static void
hold (HearthReminderService *self,
      gboolean              *held)
{
  if (*held || self->application == NULL)
    return;
  *held = TRUE;
  g_application_hold (self->application);
}

static void
release (HearthReminderService *self,
         gboolean              *held)
{
  if (!*held)
    return;
  *held = FALSE;
  if (self->application != NULL)
    g_application_release (self->application);
}

/* ------------------------------------------------------------------------ */
/* Notifications                                                             */

static const char *
page_for_kind (HearthReminderKind kind)
{
  switch (kind)
    {
    case HEARTH_REMINDER_RITUAL:
      return "rituals";
    case HEARTH_REMINDER_CHECKIN:
      return "checkins";
    case HEARTH_REMINDER_GRATITUDE_NUDGE:
    case HEARTH_REMINDER_PARTNER_GRATITUDE:
      return "gratitude";
    case HEARTH_REMINDER_QUESTION_NUDGE:
      return "today";
    case HEARTH_REMINDER_PARTNER_REPLY:
      return "journal";
    default:
      return "today";
    }
}

static GNotification *
notification_new (const char *title,
                  const char *body)
{
  GNotification *notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  return notification;
}

static void
send_reminder (HearthReminderService *self,
               HearthReminder        *reminder)
{
  HearthReminderKind kind = hearth_reminder_get_kind (reminder);
  const char        *record_id = hearth_reminder_get_record_id (reminder);
  const char        *date = hearth_reminder_get_date (reminder);
  g_autoptr(GNotification) notification = NULL;

  if (self->application == NULL)
    return;

  /* The core words missed reminders as such in the body. */
  notification = notification_new (hearth_reminder_get_title (reminder), hearth_reminder_get_body (reminder));
  g_notification_set_default_action_and_target (notification, "app.open-page", "s", page_for_kind (kind));

  if (kind == HEARTH_REMINDER_CHECKIN && record_id != NULL)
    g_notification_add_button_with_target (notification, _ ("Start check-in"),
                                           "app.start-checkin", "s", record_id);
  else if (kind == HEARTH_REMINDER_RITUAL && record_id != NULL && date != NULL)
    {
      g_autofree char *occurrence = g_strdup_printf ("%s/%s", record_id, date);
      g_notification_add_button_with_target (notification, _ ("Done"),
                                             "app.reminder-done", "s", occurrence);
    }
  if (kind == HEARTH_REMINDER_RITUAL || kind == HEARTH_REMINDER_CHECKIN ||
      kind == HEARTH_REMINDER_GRATITUDE_NUDGE || kind == HEARTH_REMINDER_QUESTION_NUDGE)
    g_notification_add_button_with_target (notification, _ ("Snooze 10 min"),
                                           "app.reminder-snooze", "s", hearth_reminder_get_key (reminder));

  g_application_send_notification (self->application, hearth_reminder_get_key (reminder), notification);
}

/* Said once per journal, remembered in the state folder across restarts,
 * and said again only after the passphrase worked in between. */
static char *
asked_path (HearthReminderService *self)
{
  g_autofree char *name = g_strconcat (self->journal_id, ".asked", NULL);

  return g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
}

/* The marker file is read and written off the main thread, one job after
 * another in the order asked, so a "forget" never overtakes the "tell"
 * before it. */
typedef enum
{
  MARKER_TELL,
  MARKER_FORGET,
} MarkerOp;

typedef struct
{
  HearthReminderService *self;
  GMainContext          *context;
  char                  *path;
  MarkerOp               op;
  gboolean               wrong;
  gboolean               existed; /* TELL: said before; FORGET: there was a marker */
  gboolean               written; /* TELL: the marker is on disk now */
} MarkerJob;

static void
marker_job_free (MarkerJob *job)
{
  g_object_unref (job->self);
  g_main_context_unref (job->context);
  g_free (job->path);
  g_free (job);
}

static void
tell_passphrase_needed (HearthReminderService *self,
                        gboolean               wrong)
{
  g_autoptr(GNotification) notification = NULL;

  notification = notification_new (_ ("Reminders are paused"),
                                   wrong
                                     ? _ ("The passphrase remembered in your keyring no longer opens your journal. "
                                          "Open Preferences and remember the new one to get reminders again.")
                                     : _ ("Hearth needs your journal’s passphrase remembered in your keyring to "
                                          "send reminders. Open Preferences to remember it."));
  g_notification_set_default_action_and_target (notification, "app.open-page", "s", "preferences");
  g_application_send_notification (self->application, HEARTH_NEEDS_PASSPHRASE_NOTIFICATION, notification);
}

/* Back on the service's thread. */
static gboolean
marker_job_done (gpointer data)
{
  MarkerJob             *job = data;
  HearthReminderService *self = job->self;

  if (self->application == NULL)
    return G_SOURCE_REMOVE;
  if (job->op == MARKER_FORGET)
    {
      if (job->existed)
        g_application_withdraw_notification (self->application, HEARTH_NEEDS_PASSPHRASE_NOTIFICATION);
      return G_SOURCE_REMOVE;
    }
  if (job->existed)
    return G_SOURCE_REMOVE;
  /* Not remembered on disk: rather say it once per run than at every retry. */
  if (!job->written)
    {
      if (self->asked)
        return G_SOURCE_REMOVE;
      self->asked = TRUE;
    }
  tell_passphrase_needed (self, job->wrong);
  return G_SOURCE_REMOVE;
}

static void
marker_job_run (gpointer data,
                gpointer pool_data)
{
  MarkerJob *job = data;

  if (job->op == MARKER_FORGET)
    job->existed = g_unlink (job->path) == 0;
  else if (!(job->existed = g_file_test (job->path, G_FILE_TEST_EXISTS)))
    {
      g_autofree char *folder = g_path_get_dirname (job->path);
      g_autoptr(GError) error = NULL;

      job->written = g_mkdir_with_parents (folder, 0700) == 0 &&
                     g_file_set_contents_full (job->path, job->wrong ? "wrong-passphrase\n" : "needs-passphrase\n", -1,
                                               G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
      if (!job->written)
        g_debug ("Could not record that reminders need the passphrase: %s",
                 error ? error->message : g_strerror (errno));
    }
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, marker_job_done, job,
                              (GDestroyNotify) marker_job_free);
}

static void
marker_job_push (HearthReminderService *self,
                 MarkerOp               op,
                 gboolean               wrong)
{
  static GThreadPool *pool;
  static gsize        pool_made;
  MarkerJob          *job;

  if (g_once_init_enter (&pool_made))
    {
      /* One thread, so the jobs keep their order. */
      pool = g_thread_pool_new (marker_job_run, NULL, 1, FALSE, NULL);
      g_once_init_leave (&pool_made, 1);
    }
  job = g_new0 (MarkerJob, 1);
  job->self = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->path = asked_path (self);
  job->op = op;
  job->wrong = wrong;
  g_thread_pool_push (pool, job, NULL);
}

static void
tell_passphrase_needed_once (HearthReminderService *self,
                             gboolean               wrong)
{
  if (self->journal_id == NULL || self->application == NULL)
    return;
  marker_job_push (self, MARKER_TELL, wrong);
}

static void
forget_passphrase_told (HearthReminderService *self)
{
  if (self->journal_id == NULL)
    return;
  marker_job_push (self, MARKER_FORGET, FALSE);
}

static void
prune_sent (HearthReminderService *self)
{
  GHashTableIter iter;
  gpointer       value;
  gint64         now = wall_clock ();

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_date_time_to_unix (hearth_reminder_get_due (value)) < now - KEEP_SENT_SECONDS)
      g_hash_table_iter_remove (&iter);
}

static void
on_due (HearthReminderService *self,
        HearthReminder        *reminder,
        HearthScheduler       *scheduler)
{
  prune_sent (self);
  g_hash_table_replace (self->sent, g_strdup (hearth_reminder_get_key (reminder)),
                        hearth_reminder_ref (reminder));
  send_reminder (self, reminder);
}

/* ------------------------------------------------------------------------ */
/* Snoozing                                                                  */

static gboolean on_snooze_check (gpointer user_data);

static void
rearm_snooze (HearthReminderService *self)
{
  GHashTableIter iter;
  gpointer       value;
  gint64         next = G_MAXINT64;
  gint64         now = wall_clock ();

  g_clear_handle_id (&self->snooze_id, g_source_remove);
  if (g_hash_table_size (self->snoozed) == 0)
    {
      release (self, &self->snooze_held);
      return;
    }
  /* Keep running until the snoozed reminders are back, even when only a
   * notification's button started us. */
  hold (self, &self->snooze_held);

  g_hash_table_iter_init (&iter, self->snoozed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    next = MIN (next, ((Snooze *) value)->wake);

  /* Timeouts stop while the computer sleeps: look at the wall clock at
   * least every SNOOZE_CHECK_SECONDS instead of waiting ten minutes. */
  self->snooze_id = g_timeout_add_seconds ((guint) CLAMP (next - now, 1, SNOOZE_CHECK_SECONDS),
                                           on_snooze_check, self);
  g_source_set_name_by_id (self->snooze_id, "[hearth] snooze check");
}

static gboolean
on_snooze_check (gpointer user_data)
{
  HearthReminderService *self = user_data;
  g_autoptr(GPtrArray) waking = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_reminder_unref);
  GHashTableIter iter;
  gpointer       value;
  gint64         now = wall_clock ();

  self->snooze_id = 0;
  g_hash_table_iter_init (&iter, self->snoozed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Snooze *snooze = value;

      if (snooze->wake <= now)
        {
          g_ptr_array_add (waking, hearth_reminder_ref (snooze->reminder));
          g_hash_table_iter_remove (&iter);
        }
    }
  for (guint i = 0; i < waking->len; i++)
    send_reminder (self, g_ptr_array_index (waking, i));
  rearm_snooze (self);
  return G_SOURCE_REMOVE;
}

static void
snooze (HearthReminderService *self,
        HearthReminder        *reminder)
{
  Snooze *entry = g_new0 (Snooze, 1);

  entry->reminder = hearth_reminder_ref (reminder);
  entry->wake = wall_clock () + SNOOZE_SECONDS;
  g_hash_table_replace (self->snoozed, g_strdup (hearth_reminder_get_key (reminder)), entry);
  if (self->application != NULL)
    g_application_withdraw_notification (self->application, hearth_reminder_get_key (reminder));
  rearm_snooze (self);
}

/* ------------------------------------------------------------------------ */
/* Actions that need the journal                                             */

static void
run_pending (HearthReminderService *self,
             gboolean               ready)
{
  PendingOp *op;

  /* Keep ourselves alive: an operation may end in the application quitting. */
  g_object_ref (self);
  while ((op = g_queue_pop_head (&self->pending)) != NULL)
    {
      op->func (self, op->argument, ready);
      pending_op_free (op);
    }
  release (self, &self->pending_held);
  g_object_unref (self);
}

static void
when_ready (HearthReminderService *self,
            PendingFunc            func,
            const char            *argument)
{
  PendingOp *op;

  if (self->state == HEARTH_REMINDER_SERVICE_READY)
    {
      func (self, argument, TRUE);
      return;
    }
  op = g_new0 (PendingOp, 1);
  op->func = func;
  op->argument = g_strdup (argument);
  g_queue_push_tail (&self->pending, op);
  hold (self, &self->pending_held);
  if (self->state != HEARTH_REMINDER_SERVICE_OPENING)
    open_journal (self);
}

static void
tell_failure (HearthReminderService *self,
              const char            *title,
              const char            *message)
{
  g_autoptr(GNotification) notification = NULL;

  /* The title may name the ritual: journal text never goes to the log. */
  g_message ("A reminder action failed: %s", message);
  if (self->application == NULL)
    return;
  notification = notification_new (title, message);
  g_notification_set_default_action_and_target (notification, "app.open-page", "s", "rituals");
  g_application_send_notification (self->application, "hearth-reminder-problem", notification);
}

static void
withdraw_occurrence (HearthReminderService *self,
                     const char            *occurrence_id)
{
  g_autofree char *prefix = g_strconcat (occurrence_id, "@", NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_ptr_array_add (keys, g_strdup (key));
  g_hash_table_iter_init (&iter, self->snoozed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_ptr_array_add (keys, g_strdup (key));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);

      g_hash_table_remove (self->snoozed, k);
      if (self->application != NULL)
        g_application_withdraw_notification (self->application, k);
    }
  rearm_snooze (self);
}

typedef struct
{
  HearthReminderService *self;
  char                  *title;
} DoneSaved;

static DoneSaved *
done_saved_new (HearthReminderService *self,
                const char            *title)
{
  DoneSaved *data = g_new0 (DoneSaved, 1);

  data->self = g_object_ref (self);
  data->title = g_strdup (title);
  /* Kept running until it is on disk, even with no window left. */
  if (self->application != NULL)
    g_application_hold (self->application);
  return data;
}

static void
on_done_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DoneSaved *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_journal_save_finish (HEARTH_JOURNAL (source), result, &error))
    {
      g_autofree char *what = g_strdup_printf (_ ("Could not mark “%s” done"),
                                               data->title && *data->title ? data->title : _ ("the ritual"));
      tell_failure (data->self, what, error->message);
    }
  if (data->self->application != NULL)
    g_application_release (data->self->application);
  g_object_unref (data->self);
  g_free (data->title);
  g_free (data);
}

static void
mark_done (HearthReminderService *self,
           const char            *occurrence_id,
           gboolean               ready)
{
  g_autofree char *ritual_id = g_strdup (occurrence_id);
  g_autoptr(HearthRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  HearthRecord     *ritual, *live;
  HearthOccurrence *occurrence;
  char             *slash = strrchr (ritual_id, '/');
  const char       *date = slash ? slash + 1 : NULL;
  const char       *title;

  if (!ready)
    {
      tell_failure (self, _ ("Could not mark the ritual done"),
                    self->error ? self->error : _ ("The journal could not be opened."));
      return;
    }
  if (slash == NULL || strlen (date) != 10)
    {
      g_warning ("Not an occurrence id: %s", occurrence_id);
      return;
    }
  if (!hearth_journal_is_loaded (self->journal))
    {
      /* Locked: done once the person has typed the passphrase. */
      PendingOp *op = g_new0 (PendingOp, 1);

      op->func = mark_done;
      op->argument = g_strdup (occurrence_id);
      g_queue_push_tail (&self->pending, op);
      hold (self, &self->pending_held);
      if (self->application != NULL)
        g_application_activate (self->application);
      return;
    }
  *slash = '\0';

  ritual = hearth_journal_lookup (self->journal, ritual_id);
  if (ritual == NULL || !HEARTH_IS_RITUAL (ritual))
    {
      tell_failure (self, _ ("Could not mark the ritual done"),
                    _ ("This ritual is no longer in your journal."));
      return;
    }
  title = hearth_ritual_get_title (HEARTH_RITUAL (ritual));

  live = hearth_journal_lookup (self->journal, occurrence_id);
  if (live == NULL || !HEARTH_IS_OCCURRENCE (live) ||
      g_strcmp0 (hearth_occurrence_get_status (HEARTH_OCCURRENCE (live)), "done") != 0)
    {
      record = HEARTH_IS_OCCURRENCE (live) ? hearth_record_copy (live)
                                           : hearth_journal_new_record (self->journal, "occurrence", occurrence_id);
      occurrence = HEARTH_OCCURRENCE (record);
      hearth_occurrence_set_ritual (occurrence, ritual_id);
      hearth_occurrence_set_date (occurrence, date);
      hearth_occurrence_set_status (occurrence, "done");
      if (hearth_journal_get_me (self->journal) != NULL)
        hearth_occurrence_set_by (occurrence, hearth_journal_get_me (self->journal));
      hearth_journal_save_async (self->journal, record, NULL, on_done_saved,
                                 done_saved_new (self, title));
    }
  withdraw_occurrence (self, occurrence_id);
}

static HearthReminder *
find_reminder (HearthReminderService *self,
               const char            *key)
{
  HearthReminder *found = g_hash_table_lookup (self->sent, key);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (found != NULL)
    return hearth_reminder_ref (found);
  if (self->scheduler == NULL)
    return NULL;
  /* Sent by an earlier run: the same computation finds it again. */
  now = hearth_clock_now_local ();
  from = g_date_time_add_seconds (now, -(gdouble) KEEP_SENT_SECONDS);
  to = g_date_time_add_seconds (now, 3600);
  list = hearth_scheduler_list (self->scheduler, from, to);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      HearthReminder *r = g_ptr_array_index (list, i);

      if (g_strcmp0 (hearth_reminder_get_key (r), key) == 0)
        return hearth_reminder_ref (r);
    }
  return NULL;
}

static void
snooze_later (HearthReminderService *self,
              const char            *key,
              gboolean               ready)
{
  g_autoptr(HearthReminder) reminder = ready ? find_reminder (self, key) : NULL;

  if (reminder != NULL)
    snooze (self, reminder);
  else
    g_message ("Cannot snooze %s: the reminder is no longer due", key);
}

/* ------------------------------------------------------------------------ */
/* app. actions                                                              */

static void
present_page (HearthReminderService *self,
              const char            *page)
{
  /* The window is wanted: activating creates or presents it. */
  if (self->application != NULL)
    g_application_activate (self->application);
  g_signal_emit (self, signals[OPEN_PAGE], 0, page);
}

static void
action_open_page (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  present_page (HEARTH_REMINDER_SERVICE (user_data), g_variant_get_string (parameter, NULL));
}

static void
action_start_checkin (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (user_data);

  present_page (self, "checkins");
  g_signal_emit (self, signals[START_CHECKIN], 0, g_variant_get_string (parameter, NULL));
}

static void
action_reminder_done (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  when_ready (HEARTH_REMINDER_SERVICE (user_data), mark_done, g_variant_get_string (parameter, NULL));
}

static void
action_reminder_snooze (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (user_data);
  const char            *key = g_variant_get_string (parameter, NULL);
  HearthReminder        *reminder = g_hash_table_lookup (self->sent, key);

  if (reminder != NULL)
    snooze (self, reminder);
  else
    when_ready (self, snooze_later, key);
}

static const GActionEntry service_actions[] = {
  { "open-page", action_open_page, "s" },
  { "start-checkin", action_start_checkin, "s" },
  { "reminder-done", action_reminder_done, "s" },
  { "reminder-snooze", action_reminder_snooze, "s" },
};

/* ------------------------------------------------------------------------ */
/* Opening the journal                                                       */

static gboolean
on_retry (gpointer user_data)
{
  HearthReminderService *self = user_data;

  self->retry_id = 0;
  open_journal (self);
  return G_SOURCE_REMOVE;
}

/* Quietly, now and then, while running: the journal may be created, or its
 * passphrase remembered, from the window. */
static void
schedule_retry (HearthReminderService *self)
{
  if (!self->running || self->retry_id != 0)
    return;
  self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, on_retry, self);
  g_source_set_name_by_id (self->retry_id, "[hearth] reminder service retry");
}

static void
open_failed (HearthReminderService     *self,
             HearthReminderServiceState state,
             const char                *error)
{
  set_state (self, state, error);
  schedule_retry (self);
  run_pending (self, FALSE);
}

/* The journal is loaded, or locked by the person: reminders from here on
 * (the scheduler keeps what it needs while the journal is locked). */
static void
become_ready (HearthReminderService *self)
{
  forget_passphrase_told (self);
  if (self->scheduler == NULL)
    {
      self->scheduler = hearth_scheduler_new (self->journal);
      hearth_scheduler_bind_settings (self->scheduler, self->settings);
      g_signal_connect_object (self->scheduler, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
      if (self->running)
        hearth_scheduler_start (self->scheduler);
    }
  set_state (self, HEARTH_REMINDER_SERVICE_READY, NULL);
  if (hearth_journal_is_loaded (self->journal))
    run_pending (self, TRUE);
}

/* Loaded by anyone in the process: the window, or this service. */
static void
on_journal_loaded (HearthReminderService *self,
                   GParamSpec            *pspec,
                   HearthJournal         *journal)
{
  if (journal == self->journal && hearth_journal_is_loaded (journal))
    become_ready (self);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthReminderService) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_session_load_finish (HEARTH_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED))
        open_failed (self, HEARTH_REMINDER_SERVICE_FAILED, error->message);
      return;
    }
  if (self->journal != NULL && hearth_journal_is_loaded (self->journal))
    become_ready (self);
}

static void
load (HearthReminderService *self)
{
  hearth_session_load_async (self->session, self->cancellable, on_loaded, g_object_ref (self));
}

static void
on_unlocked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HearthReminderService) self = user_data;
  g_autoptr(GError) error = NULL;
  HearthJournal *journal = HEARTH_JOURNAL (source);

  if (!hearth_journal_unlock_finish (journal, result, &error))
    {
      if (journal != self->journal || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Unlocked meanwhile with the typed passphrase. */
      if (!hearth_journal_is_locked (journal))
        {
          load (self);
          return;
        }
      if (g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE))
        {
          tell_passphrase_needed_once (self, TRUE);
          open_failed (self, HEARTH_REMINDER_SERVICE_WRONG_PASSPHRASE, error->message);
        }
      else
        open_failed (self, HEARTH_REMINDER_SERVICE_FAILED, error->message);
      return;
    }
  if (journal == self->journal)
    load (self);
}

static void
on_passphrase_looked_up (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(HearthReminderService) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = hearth_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->journal == NULL)
    {
      g_clear_pointer (&secret, hearth_keyring_free_secret);
      return;
    }
  if (!hearth_journal_is_locked (self->journal))
    {
      hearth_keyring_free_secret (secret);
      load (self);
      return;
    }
  if (secret == NULL)
    {
      /* No item, or no keyring to ask: either way nothing to unlock with. */
      tell_passphrase_needed_once (self, FALSE);
      open_failed (self, HEARTH_REMINDER_SERVICE_NEEDS_PASSPHRASE, error ? error->message : NULL);
      return;
    }
  hearth_journal_unlock_async (self->journal, secret, self->cancellable, on_unlocked, g_object_ref (self));
  hearth_keyring_free_secret (secret);
}

static char *
journal_path (HearthReminderService *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "journal-folder");

  if (folder != NULL && *folder != '\0')
    return g_steal_pointer (&folder);
  return hearth_journal_default_path ();
}

static void
close_journal (HearthReminderService *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->scheduler != NULL)
    {
      hearth_scheduler_stop (self->scheduler);
      g_signal_handlers_disconnect_by_data (self->scheduler, self);
      g_clear_object (&self->scheduler);
    }
  if (self->journal != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->journal, self);
      g_clear_object (&self->journal);
    }
}

/* Takes the session's journal a step further: unlocked with the
 * keyring's passphrase (unless the person locked it), loaded. */
static void
adopt_journal (HearthReminderService *self,
               HearthJournal         *journal)
{
  close_journal (self);
  self->cancellable = g_cancellable_new ();
  self->journal = g_object_ref (journal);
  g_signal_connect_object (journal, "notify::loaded", G_CALLBACK (on_journal_loaded),
                           self, G_CONNECT_SWAPPED);
  self->encrypted = hearth_journal_is_encrypted (journal);
  set_journal_id (self, hearth_journal_get_id (journal));
  set_state (self, HEARTH_REMINDER_SERVICE_OPENING, NULL);

  if (hearth_journal_is_loaded (journal) || hearth_session_get_locked_by_hand (self->session))
    become_ready (self);
  else if (hearth_journal_is_locked (journal))
    hearth_keyring_lookup_async (self->journal_id, self->cancellable, on_passphrase_looked_up,
                                 g_object_ref (self));
  else
    load (self);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthReminderService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_session_open_finish (HEARTH_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (journal == NULL)
    {
      close_journal (self);
      set_journal_id (self, NULL);
      if (g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL) ||
          g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND))
        open_failed (self, HEARTH_REMINDER_SERVICE_NO_JOURNAL, NULL);
      else
        open_failed (self, HEARTH_REMINDER_SERVICE_FAILED, error->message);
      return;
    }
  adopt_journal (self, journal);
}

/* The session reads the folder on a worker thread. */
static void
open_journal (HearthReminderService *self)
{
  g_autofree char *path = journal_path (self);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  hearth_session_open_async (self->session, path, self->open_cancellable, on_opened, g_object_ref (self));
}

/* The window opened another journal: reminders follow it. */
static void
on_session_journal (HearthReminderService *self,
                    GParamSpec            *pspec,
                    HearthSession         *session)
{
  HearthJournal *journal = hearth_session_get_journal (session);

  if (journal != NULL && journal != self->journal && self->running)
    adopt_journal (self, journal);
}

/* ------------------------------------------------------------------------ */
/* Living without a window                                                   */

static void
on_window_removed (HearthReminderService *self,
                   GtkWindow             *window,
                   GtkApplication        *application)
{
  if (gtk_application_get_windows (application) != NULL ||
      !g_settings_get_boolean (self->settings, "run-in-background"))
    return;
  /* The last window closed: keep delivering reminders. app.quit still
   * quits, holds or not. */
  hold (self, &self->window_held);
  hearth_reminder_service_start (self);
}

static void
on_window_added (HearthReminderService *self,
                 GtkWindow             *window,
                 GtkApplication        *application)
{
  /* The window holds the application now. */
  release (self, &self->window_held);
}

static void
on_settings_changed (HearthReminderService *self,
                     const char            *key,
                     GSettings             *settings)
{
  if (g_strcmp0 (key, "journal-folder") == 0)
    hearth_reminder_service_reload (self);
  else if (g_strcmp0 (key, "run-in-background") == 0 && !g_settings_get_boolean (settings, key))
    release (self, &self->window_held);
}

/* ------------------------------------------------------------------------ */
/* Public                                                                    */

/**
 * hearth_reminder_service_start:
 *
 * Starts delivering reminders: applies the login entry / background
 * permission, opens the journal (again, when it could not be opened
 * before) and starts the scheduler once it is loaded. Calling it again is
 * cheap and retries quietly what failed.
 */
void
hearth_reminder_service_start (HearthReminderService *self)
{
  g_return_if_fail (HEARTH_IS_REMINDER_SERVICE (self));

  if (!self->running)
    {
      GtkWindow *parent = GTK_IS_APPLICATION (self->application)
                            ? gtk_application_get_active_window (GTK_APPLICATION (self->application))
                            : NULL;

      self->running = TRUE;
      hearth_background_apply (self->background, parent);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }

  switch (self->state)
    {
    case HEARTH_REMINDER_SERVICE_READY:
      hearth_scheduler_start (self->scheduler);
      break;
    case HEARTH_REMINDER_SERVICE_OPENING:
      break;
    default:
      open_journal (self);
      break;
    }
}

/**
 * hearth_reminder_service_stop:
 *
 * Stops the scheduler; the journal stays open for the actions.
 */
void
hearth_reminder_service_stop (HearthReminderService *self)
{
  g_return_if_fail (HEARTH_IS_REMINDER_SERVICE (self));

  if (!self->running)
    return;
  self->running = FALSE;
  if (self->scheduler != NULL)
    hearth_scheduler_stop (self->scheduler);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
hearth_reminder_service_is_running (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), FALSE);

  return self->running;
}

/**
 * hearth_reminder_service_reload:
 *
 * Opens the journal afresh: after its folder changed, or its passphrase
 * was remembered or forgotten.
 */
void
hearth_reminder_service_reload (HearthReminderService *self)
{
  g_return_if_fail (HEARTH_IS_REMINDER_SERVICE (self));

  open_journal (self);
}

HearthReminderServiceState
hearth_reminder_service_get_state (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), HEARTH_REMINDER_SERVICE_IDLE);

  return self->state;
}

/**
 * hearth_reminder_service_get_journal_id:
 * Returns: (nullable): the id of the journal the service opened
 */
const char *
hearth_reminder_service_get_journal_id (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), NULL);

  return self->journal_id;
}

gboolean
hearth_reminder_service_get_encrypted (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), FALSE);

  return self->journal_id != NULL && self->encrypted;
}

/**
 * hearth_reminder_service_get_error:
 * Returns: (nullable): why the journal could not be opened, in words
 */
const char *
hearth_reminder_service_get_error (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), NULL);

  return self->error;
}

/**
 * hearth_reminder_service_get_journal:
 * Returns: (transfer none) (nullable): the service's own journal
 */
HearthJournal *
hearth_reminder_service_get_journal (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), NULL);

  return self->journal;
}

/**
 * hearth_reminder_service_get_background:
 * Returns: (transfer none): the keeper of the login entry and permission
 */
HearthBackground *
hearth_reminder_service_get_background (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), NULL);

  return self->background;
}

/**
 * hearth_reminder_service_get_settings:
 * Returns: (transfer none): the app's settings
 */
GSettings *
hearth_reminder_service_get_settings (HearthReminderService *self)
{
  g_return_val_if_fail (HEARTH_IS_REMINDER_SERVICE (self), NULL);

  return self->settings;
}

/**
 * hearth_reminder_service_send_test:
 *
 * Sends a notification now, to see that reminders arrive and how they look.
 */
void
hearth_reminder_service_send_test (HearthReminderService *self)
{
  g_autoptr(GNotification) notification = NULL;

  g_return_if_fail (HEARTH_IS_REMINDER_SERVICE (self));

  if (self->application == NULL)
    return;
  notification = notification_new (_ ("A test reminder"), _ ("This is how Hearth reminders look."));
  g_notification_set_default_action_and_target (notification, "app.open-page", "s", "preferences");
  g_application_send_notification (self->application, HEARTH_TEST_NOTIFICATION, notification);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                    */

static void
hearth_reminder_service_constructed (GObject *object)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (object);

  G_OBJECT_CLASS (hearth_reminder_service_parent_class)->constructed (object);

  g_return_if_fail (self->application != NULL);

  if (self->session == NULL)
    self->session = HEARTH_IS_APPLICATION (self->application)
                      ? g_object_ref (hearth_application_get_session (HEARTH_APPLICATION (self->application)))
                      : NULL;
  self->settings = self->session != NULL && hearth_session_get_settings (self->session) != NULL
                     ? g_object_ref (hearth_session_get_settings (self->session))
                     : hearth_settings_new ();
  if (self->session == NULL)
    self->session = hearth_session_new (self->settings);
  g_signal_connect_object (self->session, "notify::journal", G_CALLBACK (on_session_journal),
                           self, G_CONNECT_SWAPPED);
  self->background = hearth_background_new (self->settings);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self->application), service_actions,
                                   G_N_ELEMENTS (service_actions), self);
  if (GTK_IS_APPLICATION (self->application))
    {
      g_signal_connect_object (self->application, "window-removed", G_CALLBACK (on_window_removed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->application, "window-added", G_CALLBACK (on_window_added),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
hearth_reminder_service_dispose (GObject *object)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (object);

  hearth_reminder_service_stop (self);
  close_journal (self);
  g_clear_handle_id (&self->snooze_id, g_source_remove);
  g_queue_clear_full (&self->pending, (GDestroyNotify) pending_op_free);
  g_hash_table_remove_all (self->snoozed);
  g_hash_table_remove_all (self->sent);

  if (self->application != NULL)
    {
      release (self, &self->pending_held);
      release (self, &self->snooze_held);
      release (self, &self->window_held);
      for (guint i = 0; i < G_N_ELEMENTS (service_actions); i++)
        g_action_map_remove_action (G_ACTION_MAP (self->application), service_actions[i].name);
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_object (&self->background);
  g_clear_object (&self->settings);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hearth_reminder_service_parent_class)->dispose (object);
}

static void
hearth_reminder_service_finalize (GObject *object)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (object);

  g_free (self->error);
  g_free (self->journal_id);
  g_hash_table_unref (self->snoozed);
  g_hash_table_unref (self->sent);

  G_OBJECT_CLASS (hearth_reminder_service_parent_class)->finalize (object);
}

static void
hearth_reminder_service_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_JOURNAL_ID:
      g_value_set_string (value, self->journal_id);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reminder_service_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  HearthReminderService *self = HEARTH_REMINDER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      /* Weak: the application owns the service. */
      self->application = g_value_get_object (value);
      if (self->application != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reminder_service_class_init (HearthReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_reminder_service_constructed;
  object_class->dispose = hearth_reminder_service_dispose;
  object_class->finalize = hearth_reminder_service_finalize;
  object_class->get_property = hearth_reminder_service_get_property;
  object_class->set_property = hearth_reminder_service_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthReminderService:session:
   * The session whose journal the reminders come from; by default the
   * application's (a #HearthApplication), or one of the service's own.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, HEARTH_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, HEARTH_TYPE_REMINDER_SERVICE_STATE,
                       HEARTH_REMINDER_SERVICE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOURNAL_ID] =
    g_param_spec_string ("journal-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthReminderService::open-page:
   * @page: `rituals`, `checkins`, `today`, `gratitude`, `journal` or
   *   `preferences`
   *
   * A notification was clicked; the window was presented and should show
   * @page.
   */
  signals[OPEN_PAGE] =
    g_signal_new ("open-page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * HearthReminderService::start-checkin:
   * @ritual_id: the check-in ritual's id
   *
   * "Start check-in" was chosen on a notification, after #open-page with
   * `checkins`.
   */
  signals[START_CHECKIN] =
    g_signal_new ("start-checkin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hearth_reminder_service_init (HearthReminderService *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) hearth_reminder_unref);
  self->snoozed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) snooze_free);
  g_queue_init (&self->pending);
}

/**
 * hearth_reminder_service_new:
 * @application: the application; the service adds its `app.` actions
 *   (open-page, start-checkin, reminder-done, reminder-snooze) to it
 *
 * Returns: (transfer full): the reminder service, idle until
 *   hearth_reminder_service_start()
 */
HearthReminderService *
hearth_reminder_service_new (GApplication *application)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  return g_object_new (HEARTH_TYPE_REMINDER_SERVICE, "application", application, NULL);
}
