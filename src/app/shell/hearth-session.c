/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-backup.h"
#include "hearth-draft.h"
#include "hearth-session.h"
#include "hearth-settings.h"

/* The session: what one Hearth process has open. It owns the one journal
 * of the process — the window, every page and the reminder service take
 * it from here — and its lifecycle: opening a folder, loading it once
 * however many ask, locking it for everyone, backing it up once a day,
 * and making sure nothing typed is lost on the way out.
 *
 * Locking goes through the session: HearthSession::flush lets whoever
 * holds unsaved text (drafts, editors) save it, then the journal wipes its
 * key and every record. Afterwards the process holds no text of the
 * journal; the scheduler keeps only what the next days' reminders show. */

struct _HearthSession
{
  GObject parent_instance;

  GSettings         *settings; /* NULL without the schema */
  HearthJournal     *journal;
  /* Backs the journal up once a day, locked or not, once asked to; the
   * first copy waits until the journal is loaded (or a while, if it is
   * not), so that it does not compete with the start for the disk and the
   * cores. */
  gboolean           backs_up_daily;
  HearthBackupDaily *daily_backup;
  gulong             backup_loaded_id;
  guint              backup_delay_id;
  /* The person locked the journal: the keyring is not asked to undo it. */
  gboolean           locked_by_hand;

  /* Loads in flight: one for everyone who asks. */
  GPtrArray    *load_waiters; /* GTask */
  GCancellable *load_cancellable;

  /* The open in flight, and everyone waiting for it. */
  char      *opening;      /* its folder */
  GPtrArray *open_waiters; /* GTask */
  guint      open_serial;
};

G_DEFINE_FINAL_TYPE (HearthSession, hearth_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_JOURNAL,
  N_PROPS
};

enum
{
  FLUSH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
cancel_load (HearthSession *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

/* How long the daily backup waits for a journal that is not loaded — left
 * locked, or with no window — before it copies the files as they are. */
#define BACKUP_DELAY_SECONDS 30

static void
stop_daily_backup (HearthSession *self)
{
  g_clear_handle_id (&self->backup_delay_id, g_source_remove);
  if (self->journal != NULL)
    g_clear_signal_handler (&self->backup_loaded_id, self->journal);
  g_clear_pointer (&self->daily_backup, hearth_backup_daily_stop);
}

static void
start_daily_backup (HearthSession *self)
{
  g_clear_handle_id (&self->backup_delay_id, g_source_remove);
  if (self->journal != NULL)
    g_clear_signal_handler (&self->backup_loaded_id, self->journal);
  if (self->daily_backup == NULL && self->journal != NULL && self->backs_up_daily)
    self->daily_backup = hearth_backup_daily_start (self->journal);
}

static void
on_loaded_for_backup (HearthSession *self,
                      GParamSpec    *pspec,
                      HearthJournal *journal)
{
  if (hearth_journal_is_loaded (journal))
    start_daily_backup (self);
}

static gboolean
on_backup_delay (gpointer user_data)
{
  HearthSession *self = user_data;

  self->backup_delay_id = 0;
  start_daily_backup (self);
  return G_SOURCE_REMOVE;
}

/* Today's backup reads every file of the journal: after the journal has
 * loaded, not while the window waits for its newest year. */
static void
schedule_daily_backup (HearthSession *self)
{
  if (!self->backs_up_daily || self->journal == NULL || self->daily_backup != NULL ||
      self->backup_delay_id != 0)
    return;
  if (hearth_journal_is_loaded (self->journal))
    {
      start_daily_backup (self);
      return;
    }
  self->backup_loaded_id = g_signal_connect_swapped (self->journal, "notify::loaded",
                                                     G_CALLBACK (on_loaded_for_backup), self);
  self->backup_delay_id = g_timeout_add_seconds (BACKUP_DELAY_SECONDS, on_backup_delay, self);
}

/**
 * hearth_session_set_journal:
 * @journal: (nullable): the journal the process works with from now on
 */
void
hearth_session_set_journal (HearthSession *self,
                            HearthJournal *journal)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (journal == NULL || HEARTH_IS_JOURNAL (journal));

  if (self->journal == journal)
    return;
  if (self->journal != NULL)
    {
      /* What was typed for the old journal goes into it first. */
      g_signal_emit (self, signals[FLUSH], 0);
      hearth_journal_set_watching (self->journal, FALSE);
      hearth_journal_lock (self->journal);
    }
  cancel_load (self);
  self->locked_by_hand = FALSE;
  stop_daily_backup (self);
  g_set_object (&self->journal, journal);
  schedule_daily_backup (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL]);
}

/**
 * hearth_session_keep_daily_backups:
 *
 * From now on the session backs its journal up once a day, whichever
 * journal it holds (hearth_backup_daily_start()). The application asks for
 * it at startup, so the window's process and --background alike keep the
 * backups. A journal still loading is copied once it is loaded (one that
 * stays locked after half a minute), so the copy does not slow the start.
 */
void
hearth_session_keep_daily_backups (HearthSession *self)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (self->backs_up_daily)
    return;
  self->backs_up_daily = TRUE;
  schedule_daily_backup (self);
}

static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);

  return g_strcmp0 (ca, cb) == 0;
}

static void
return_opened (GPtrArray     *waiters,
               HearthJournal *journal,
               const GError  *error)
{
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (journal != NULL)
        g_task_return_pointer (task, g_object_ref (journal), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

typedef struct
{
  HearthSession *session;
  guint          serial;
} OpenData;

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree OpenData *data = user_data;
  g_autoptr(HearthSession) self = data->session;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open_finish (result, &error);
  g_autoptr(GPtrArray) waiters = NULL;

  /* Another folder was asked for meanwhile: its open answers everyone. */
  if (data->serial != self->open_serial)
    return;
  waiters = g_steal_pointer (&self->open_waiters);
  g_clear_pointer (&self->opening, g_free);
  if (journal != NULL)
    {
      /* Someone made a journal of this folder the session's meanwhile. */
      if (self->journal != NULL &&
          same_folder (hearth_journal_get_path (self->journal), hearth_journal_get_path (journal)))
        g_set_object (&journal, self->journal);
      else
        hearth_session_set_journal (self, journal);
    }
  return_opened (waiters, journal, error);
}

/**
 * hearth_session_open_async:
 * @path: (nullable): a journal folder, or %NULL for the one in the settings
 *
 * Makes the journal in @path the session's, unless it is already: then
 * the one journal object, in whatever state it is, is the answer again.
 * The folder is read on a worker thread; whoever asks for the same folder
 * while it is read waits for that one open.
 */
void
hearth_session_open_async (HearthSession      *self,
                           const char         *path,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) superseded = NULL;
  OpenData *data;

  g_return_if_fail (HEARTH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_session_open_async);
  g_task_set_check_cancellable (task, TRUE);
  folder = path != NULL ? g_strdup (path) : hearth_settings_dup_journal_folder (self->settings);
  if (self->opening == NULL && self->journal != NULL &&
      same_folder (hearth_journal_get_path (self->journal), folder))
    {
      g_task_return_pointer (task, g_object_ref (self->journal), g_object_unref);
      return;
    }
  if (self->opening != NULL && same_folder (self->opening, folder))
    {
      g_ptr_array_add (self->open_waiters, g_steal_pointer (&task));
      return;
    }
  if (self->opening != NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      "Another journal was opened");

      superseded = g_steal_pointer (&self->open_waiters);
      return_opened (superseded, NULL, error);
    }
  g_free (self->opening);
  self->opening = g_steal_pointer (&folder);
  self->open_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->open_waiters, g_steal_pointer (&task));
  data = g_new0 (OpenData, 1);
  data->session = g_object_ref (self);
  data->serial = ++self->open_serial;
  hearth_journal_open_async (self->opening, NULL, open_cb, data);
}

/**
 * hearth_session_open_finish:
 * Returns: (transfer full) (nullable): the session's journal, or %NULL
 *   with @error set when the folder holds none that can be opened (the
 *   session keeps its journal then): %HEARTH_ERROR_NOT_FOUND when the
 *   folder does not exist, %HEARTH_ERROR_NOT_A_JOURNAL when it holds no
 *   journal
 */
HearthJournal *
hearth_session_open_finish (HearthSession *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthSession) self = user_data;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->load_waiters);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = hearth_journal_load_finish (HEARTH_JOURNAL (source), result, &error);
  if (ok && HEARTH_JOURNAL (source) == self->journal)
    hearth_journal_set_watching (self->journal, TRUE);
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/**
 * hearth_session_load_async:
 *
 * Loads the session's journal (unlocked already, when it is encrypted),
 * and watches its folder afterwards. Everyone who asks while a load is in
 * flight waits for that same load; a loaded journal completes at once.
 */
void
hearth_session_load_async (HearthSession      *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_session_load_async);
  g_task_set_check_cancellable (task, TRUE);
  if (self->journal == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No journal is open");
      return;
    }
  if (hearth_journal_is_loaded (self->journal))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->load_waiters != NULL)
    {
      g_ptr_array_add (self->load_waiters, g_steal_pointer (&task));
      return;
    }
  self->load_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->load_waiters, g_steal_pointer (&task));
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->locked_by_hand = FALSE;
  hearth_journal_load_async (self->journal, self->load_cancellable, load_cb, g_object_ref (self));
}

gboolean
hearth_session_load_finish (HearthSession *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hearth_session_flush:
 *
 * Asks whoever holds text not yet saved to save it now
 * (HearthSession::flush): before locking, quitting, another journal.
 */
void
hearth_session_flush (HearthSession *self)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  g_signal_emit (self, signals[FLUSH], 0);
  /* And the drafts no page shows any more. */
  hearth_draft_flush_all ();
}

/**
 * hearth_session_lock:
 *
 * Saves what was typed, then locks the journal for the whole process: the
 * key and every record are wiped, and nobody asks the keyring to unlock
 * it again until the passphrase is typed.
 */
void
hearth_session_lock (HearthSession *self)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (self->journal == NULL || !hearth_journal_is_encrypted (self->journal) ||
      hearth_journal_is_locked (self->journal))
    return;
  g_signal_emit (self, signals[FLUSH], 0);
  cancel_load (self);
  self->locked_by_hand = TRUE;
  hearth_journal_lock (self->journal);
}

/**
 * hearth_session_get_locked_by_hand:
 * Returns: whether the person locked the journal (by Lock or after idle)
 *   since it was last loaded
 */
gboolean
hearth_session_get_locked_by_hand (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->locked_by_hand && self->journal != NULL && hearth_journal_is_locked (self->journal);
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * hearth_session_wait_for_writes:
 * @timeout_ms: how long to wait at most
 *
 * Runs the main context until the journal's writes in flight are on disk:
 * on the way out, so quitting never drops a save.
 *
 * Returns: %FALSE when some were still in flight after @timeout_ms
 */
gboolean
hearth_session_wait_for_writes (HearthSession *self,
                                guint          timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    id;

  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  if (self->journal == NULL || !hearth_journal_is_saving (self->journal))
    return TRUE;
  id = g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);
  while (!timed_out && hearth_journal_is_saving (self->journal))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !hearth_journal_is_saving (self->journal);
}

GSettings *
hearth_session_get_settings (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->settings;
}

/**
 * hearth_session_get_journal:
 * Returns: (transfer none) (nullable): the journal of the process
 */
HearthJournal *
hearth_session_get_journal (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->journal;
}

static void
hearth_session_dispose (GObject *object)
{
  HearthSession *self = HEARTH_SESSION (object);

  cancel_load (self);
  g_clear_pointer (&self->opening, g_free);
  g_clear_pointer (&self->open_waiters, g_ptr_array_unref);
  if (self->journal != NULL)
    hearth_journal_set_watching (self->journal, FALSE);
  stop_daily_backup (self);
  g_clear_object (&self->journal);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_session_parent_class)->dispose (object);
}

static void
hearth_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthSession *self = HEARTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthSession *self = HEARTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_session_class_init (HearthSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_session_dispose;
  object_class->get_property = hearth_session_get_property;
  object_class->set_property = hearth_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, HEARTH_TYPE_JOURNAL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthSession::flush:
   *
   * Save what was typed and not saved yet, now: the journal is about to
   * lock, or the process to quit.
   */
  signals[FLUSH] =
    g_signal_new ("flush", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hearth_session_init (HearthSession *self)
{
}

/**
 * hearth_session_new:
 * @settings: (nullable): Hearth's settings, %NULL without the schema
 *
 * Returns: (transfer full): a session with no journal yet
 */
HearthSession *
hearth_session_new (GSettings *settings)
{
  return g_object_new (HEARTH_TYPE_SESSION, "settings", settings, NULL);
}
