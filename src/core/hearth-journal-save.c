/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/**
 * hearth_journal_check_writable:
 * Whether this device may write to the journal now, and if not, why.
 */
gboolean
hearth_journal_check_writable (HearthJournal *self,
                               GError       **error)
{
  if (self->read_only)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_READ_ONLY,
                           _ ("This journal is read-only: it was made by a newer version of Hearth. Update Hearth to change it."));
      return FALSE;
    }
  if (self->tampered != NULL)
    {
      g_propagate_error (error, g_error_copy (self->tampered));
      return FALSE;
    }
  if (!_hearth_journal_check_unlocked (self, error))
    return FALSE;
  if (!self->loaded)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _ ("The journal is still loading."));
      return FALSE;
    }
  if (_hearth_journal_holds_encrypted_files (self))
    {
      g_propagate_error (error, _hearth_journal_plain_tamper_error ());
      return FALSE;
    }
  if (self->device_id == NULL || self->me == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NOT_JOINED,
                           _ ("This computer has not joined the journal yet, so it cannot write to it. Join it first: say which partner you are (hearth-cli join --me NAME, or open the journal in Hearth)."));
      return FALSE;
    }
  return TRUE;
}

/**
 * hearth_journal_new_record:
 * @kind: the record kind
 * @id: (nullable): a deterministic id (occurrences, check-ins), or %NULL
 *
 * Returns: (transfer full): a new record to fill in and pass to
 *   hearth_journal_save(); with a deterministic id that was used before, it
 *   keeps that record's creation time so it stays in the same file
 */
HearthRecord *
hearth_journal_new_record (HearthJournal *self,
                           const char    *kind,
                           const char    *id)
{
  HearthRecord     *record = hearth_record_new (kind, id);
  HearthRecordData *winner = id ? g_hash_table_lookup (self->winners, id) : NULL;

  if (winner != NULL && hearth_record_data_find (winner, "created") != NULL)
    hearth_record_set_string (record, "created", winner->created);
  return record;
}

/* One write of this device's file for a record. It is prepared on the
 * journal's thread, run where it may block — the write queue's thread, or
 * the caller's for hearth_journal_save() — and finished on the journal's
 * thread again. The run step touches nothing of the journal: it reads the
 * file afresh under the write lock (hearth-cli on this computer may have
 * written it since) and works on copies only. */
typedef struct
{
  HearthJournal    *journal;
  guint             generation;
  char             *path;
  char             *journal_id;
  char             *device_id;
  HearthKey        *key;  /* a copy; NULL without passphrase */
  HearthKeySet     *keys; /* a copy of every key, or NULL */
  char             *name; /* the canonical name of the file */
  char             *seq_key;
  gint64            copies_seq; /* the greatest counter among its conflict copies */
  gboolean          copies_exist;
  char             *id;
  HearthRecordData *json; /* the version the journal shows */
  HearthRecordData *copy; /* the same, for the run step */
  HearthRecord     *record;

  /* What the run step found */
  HearthShard  *shard; /* the file as written, or as found when unusable */
  HearthState  *state;
  TrustProblem *problem;
  GError       *error;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->journal);
  g_free (job->path);
  g_free (job->journal_id);
  g_free (job->device_id);
  g_clear_pointer (&job->key, hearth_key_free);
  g_clear_pointer (&job->keys, hearth_key_set_free);
  g_free (job->name);
  g_free (job->seq_key);
  g_free (job->id);
  g_clear_pointer (&job->json, hearth_record_data_unref);
  g_clear_pointer (&job->copy, hearth_record_data_unref);
  g_clear_object (&job->record);
  g_clear_pointer (&job->shard, hearth_shard_free);
  g_clear_pointer (&job->state, hearth_state_free);
  g_free (job->problem);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

/* Stamps @record as this device's new version and shows it in the models
 * at once; the file is written by write_job_run(). Fails, touching nothing,
 * when the journal cannot be written at all. */
static WriteJob *
write_job_prepare (HearthJournal *self,
                   HearthRecord  *record,
                   GError       **error)
{
  g_autoptr(WriteJob) job = NULL;
  g_autofree char  *name = NULL;
  GHashTableIter    iter;
  gpointer          value;
  HearthRecordData *winner, *json;
  const char       *id;
  Changes           changes;

  if (!hearth_journal_check_writable (self, error))
    return NULL;
  name = hearth_record_dup_shard_name (record);
  if (name == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                   _ ("This record cannot be saved: its kind or date is not valid."));
      return NULL;
    }

  id = hearth_record_get_id (record);
  winner = g_hash_table_lookup (self->winners, id);
  hearth_record_touch (record, self->device_id,
                       winner ? winner->updated : NULL);
  json = hearth_record_get_data (record);
  {
    g_autoptr(JsonObject) check = hearth_record_data_dup_json (json);

    if (!hearth_record_validate_json (check, error))
      return NULL;
  }

  job = g_new0 (WriteJob, 1);
  job->journal = g_object_ref (self);
  job->generation = self->generation;
  job->path = g_strdup (self->path);
  job->journal_id = g_strdup (self->id);
  job->device_id = g_strdup (self->device_id);
  job->key = self->key ? hearth_key_copy (self->key) : NULL;
  job->keys = self->keys ? hearth_key_set_copy (self->keys) : NULL;
  job->seq_key = hearth_state_seq_key (self->device_id, name);
  job->name = g_steal_pointer (&name);
  job->id = g_strdup (id);
  job->json = hearth_record_data_ref (json);
  job->copy = hearth_record_data_ref (json);
  job->record = g_object_ref (record);

  /* The file and its conflict copies are judged together (docs/format.md, "Conflict copies"). */
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthShard *shard = value;

      if (shard->conflict && shard->exists && g_str_equal (shard->canonical, job->name) &&
          g_strcmp0 (shard->device_id, self->device_id) == 0)
        {
          job->copies_exist = TRUE;
          job->copies_seq = MAX (job->copies_seq, shard->seq);
        }
    }

  /* Shown at once; kept over what the files say until it is written. */
  g_hash_table_insert (self->unwritten, g_strdup (id), hearth_record_data_ref (json));
  self->writes++;
  _hearth_journal_changes_init (&changes);
  g_hash_table_replace (self->winners, (char *) json->id, hearth_record_data_ref (json));
  g_hash_table_add (changes.touched, g_strdup (id));
  _hearth_journal_apply_changes (self, &changes, NULL);
  _hearth_journal_changes_clear (&changes);
  return g_steal_pointer (&job);
}

/* May block: on the write lock, the disk, the key derivation of nothing
 * (the key is derived already), the encryption. */
static void
write_job_run (WriteJob *job)
{
  g_autofree char   *own_folder = g_build_filename ("devices", job->device_id, NULL);
  g_autofree char   *file_path = NULL;
  g_autofree char   *plain = NULL;
  HearthShardContext ctx = { job->journal_id, job->key, job->keys };
  gint64             seen = 0, accepted = 0, current;
  gboolean           remembered, chosen, exists;
  gsize              plain_len;
  int                lock;

  if (!hearth_file_check_real_folder (job->path, own_folder, &job->error))
    return;
  lock = _hearth_journal_take_write_lock (job->journal_id, &job->error);
  if (lock < 0)
    return;

  job->shard = hearth_shard_new (job->device_id, job->name);
  hearth_shard_update_stat (job->shard, job->path);
  if (job->shard->exists)
    {
      g_clear_pointer (&job->shard, hearth_shard_free);
      job->shard = hearth_shard_load (job->path, job->device_id, job->name, &ctx);
    }
  if (job->shard->error != NULL)
    {
      _hearth_journal_release_write_lock (lock);
      return;
    }

  /* Before this device writes its file: it must not have gone back or
   * disappeared since this device last saw it. */
  job->state = hearth_state_load (job->journal_id);
  remembered = hearth_state_get_seq (job->state, job->seq_key, &seen);
  chosen = hearth_state_get_accepted (job->state, job->seq_key, &accepted);
  exists = job->shard->exists || job->copies_exist;
  current = MAX (job->shard->exists ? job->shard->seq : 0, job->copies_seq);
  if (remembered && (!exists || current < seen) &&
      !(chosen && accepted == (exists ? current : -1)))
    {
      job->problem = g_new0 (TrustProblem, 1);
      job->problem->kind = exists ? TRUST_WENT_BACK : TRUST_MISSING;
      job->problem->seen = seen;
      job->problem->now = current;
      _hearth_journal_release_write_lock (lock);
      return;
    }

  hearth_shard_insert (job->shard, job->copy);
  job->shard->seq = MAX (current, seen) + 1;
  plain = hearth_shard_serialize (job->shard, &plain_len);
  file_path = g_build_filename (job->path, "devices", job->device_id, job->name, NULL);
  if (!hearth_shard_write_data (file_path, job->name, hearth_shard_type_for_name (job->name),
                                plain, plain_len, job->device_id, &ctx, &job->error))
    {
      sodium_memzero (plain, plain_len);
      _hearth_journal_release_write_lock (lock);
      return;
    }
  sodium_memzero (plain, plain_len);
  hearth_shard_update_stat (job->shard, job->path);
  hearth_state_set_seq (job->state, job->seq_key, job->shard->seq);
  hearth_state_remove_accepted (job->state, job->seq_key);
  {
    g_autoptr(GError) state_error = NULL;

    if (!hearth_state_save (job->journal_id, job->state, &state_error))
      g_debug ("The write counter of %s was not remembered: %s", job->name, state_error->message);
  }
  _hearth_journal_release_write_lock (lock);
}

/* Takes this device's file, as the run step read and wrote it, in place
 * of the one in memory. The versions both hold keep their objects, so
 * their records and models stay as they are: only what changed on disk
 * meanwhile (hearth-cli on this computer) and the record written are
 * looked at again. */
void
_hearth_journal_install_own_shard (HearthJournal *self,
                                   HearthShard   *fresh,
                                   Changes       *changes)
{
  g_autofree char *key = _hearth_journal_shard_key (fresh->device_id, fresh->file_name);
  HearthShard     *old = g_hash_table_lookup (self->shards, key);
  g_autoptr(GPtrArray) same = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       id, json;

  if (old == NULL || old->error != NULL)
    {
      _hearth_journal_install_shard (self, fresh, changes);
      return;
    }
  g_hash_table_iter_init (&iter, fresh->records);
  while (g_hash_table_iter_next (&iter, &id, &json))
    {
      HearthRecordData *before = g_hash_table_lookup (old->records, id);

      if (before != NULL && before != json && hearth_record_compare_versions (before, json) == 0)
        g_ptr_array_add (same, before);
      else if (before != json)
        {
          g_hash_table_add (changes->recompute, g_strdup (id));
          g_hash_table_add (changes->touched, g_strdup (id));
        }
    }
  /* The body and the key pointing into it are replaced together. */
  for (guint i = 0; i < same->len; i++)
    hearth_shard_insert (fresh, g_ptr_array_index (same, i));
  g_hash_table_iter_init (&iter, old->records);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (fresh->records, id))
      {
        g_hash_table_add (changes->recompute, g_strdup (id));
        g_hash_table_add (changes->touched, g_strdup (id));
      }
  g_clear_pointer (&fresh->objects, g_hash_table_unref);
  g_hash_table_insert (self->shards, g_steal_pointer (&key), fresh);
}

static void
forget_unwritten (HearthJournal *self,
                  WriteJob      *job)
{
  if (g_hash_table_lookup (self->unwritten, job->id) == job->json)
    g_hash_table_remove (self->unwritten, job->id);
}

/* Takes what the run step found into the journal: the file as written, or
 * the reason it was not, then the record shows what the files hold. */
static gboolean
write_job_finish (HearthJournal *self,
                  WriteJob      *job,
                  GError       **error)
{
  Changes  changes;
  gboolean ok = job->error == NULL && job->problem == NULL &&
                job->shard != NULL && job->shard->error == NULL;

  g_assert (self->writes > 0);
  self->writes--;

  /* Locked meanwhile: nothing of it is kept in memory. */
  if (job->generation != self->generation)
    {
      if (!ok && error != NULL)
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                             _ ("The journal was locked before this could be saved."));
      _hearth_journal_notify (self, PROP_SAVING);
      return ok;
    }

  forget_unwritten (self, job);
  _hearth_journal_changes_init (&changes);
  if (ok)
    {
      /* The journal keeps showing the very object it was given. */
      hearth_shard_insert (job->shard, job->json);
      _hearth_journal_install_own_shard (self, g_steal_pointer (&job->shard), &changes);
      hearth_state_free (self->state);
      self->state = g_steal_pointer (&job->state);
      g_hash_table_remove (self->trust, job->seq_key);
    }
  else if (job->problem != NULL)
    {
      g_autoptr(GError) reason = _hearth_journal_trust_problem (self, job->seq_key, job->problem);

      g_hash_table_insert (self->trust, g_strdup (job->seq_key), g_steal_pointer (&job->problem));
      g_set_error (error, HEARTH_ERROR, reason->code,
                   _ ("This cannot be saved, because the file it belongs in cannot be used. %s"),
                   reason->message);
    }
  else if (job->shard != NULL && job->shard->error != NULL)
    {
      g_autoptr(GError) problem = _hearth_journal_shard_problem (self, job->shard);

      g_set_error (error, HEARTH_ERROR, job->shard->error->code,
                   _ ("This cannot be saved, because the file it belongs in cannot be used. %s"),
                   problem->message);
      _hearth_journal_install_shard (self, g_steal_pointer (&job->shard), &changes);
    }
  else
    g_propagate_error (error, g_steal_pointer (&job->error));

  /* Written or not, the record now shows what the files hold. */
  g_hash_table_add (changes.recompute, g_strdup (job->id));
  g_hash_table_add (changes.touched, g_strdup (job->id));
  _hearth_journal_apply_changes (self, &changes, NULL);
  _hearth_journal_changes_clear (&changes);
  if (!ok)
    _hearth_journal_emit (self, PROBLEMS_CHANGED);
  _hearth_journal_notify (self, PROP_SAVING);
  return ok;
}

/**
 * hearth_journal_save:
 * @record: a new record, or a copy (hearth_record_copy()) of one from the
 *   journal with changes
 *
 * Stamps @record as a new version by this device and writes it into this
 * device's file for it, atomically and durably, blocking until it is on
 * disk. The models show it at once. A record that belongs in a file of
 * this device that cannot be read is refused, never written elsewhere.
 * @record is shared with the journal afterwards: copy it again before
 * changing it further. The app uses hearth_journal_save_async().
 */
gboolean
hearth_journal_save (HearthJournal *self,
                     HearthRecord  *record,
                     GError       **error)
{
  g_autoptr(WriteJob) job = NULL;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_RECORD (record), FALSE);

  job = write_job_prepare (self, record, error);
  if (job == NULL)
    return FALSE;
  write_job_run (job);
  return write_job_finish (self, job, error);
}

static gboolean
write_done (gpointer user_data)
{
  GTask         *task = user_data;
  HearthJournal *self = g_task_get_source_object (task);
  WriteJob      *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (write_job_finish (self, job, &error))
    {
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  _hearth_journal_emit (self, SAVE_FAILED, job->record, error);
  g_task_return_error (task, g_steal_pointer (&error));
  return G_SOURCE_REMOVE;
}

static void
write_thread (gpointer data,
              gpointer user_data)
{
  GTask *task = data;

  write_job_run (g_task_get_task_data (task));
  _hearth_journal_run_in_context (g_task_get_context (task), G_PRIORITY_DEFAULT, write_done, task, g_object_unref);
}

/* One thread for the process, so the writes to a file happen in the order
 * they were asked for. */
static GThreadPool *
write_queue (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (write_thread, NULL, 1, FALSE, NULL));
  return pool;
}

static gboolean
queue_write (HearthJournal      *self,
             HearthRecord       *record,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  job = write_job_prepare (self, record, error);
  if (job == NULL)
    return FALSE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_journal_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  _hearth_journal_notify (self, PROP_SAVING);
  g_thread_pool_push (write_queue (), g_steal_pointer (&task), NULL);
  return TRUE;
}

/**
 * hearth_journal_save_async:
 * @record: as for hearth_journal_save()
 *
 * Like hearth_journal_save(), but the file is written on the write
 * queue's thread: the models show @record at once, and what cannot be
 * checked without touching the disk — the write lock, which hearth-cli
 * may hold for a while, the file, the disk — is reported when it is done,
 * to @callback and by #HearthJournal::save-failed. A write in flight is
 * finished even when the journal locks meanwhile (#HearthJournal:saving
 * says whether one is).
 */
void
hearth_journal_save_async (HearthJournal      *self,
                           HearthRecord       *record,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GError *error = NULL;

  g_return_if_fail (HEARTH_IS_JOURNAL (self));
  g_return_if_fail (HEARTH_IS_RECORD (record));

  if (!queue_write (self, record, cancellable, callback, user_data, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, hearth_journal_save_async);
      _hearth_journal_emit (self, SAVE_FAILED, record, error);
      g_task_return_error (task, error);
    }
}

/**
 * hearth_journal_queue_save:
 * @record: as for hearth_journal_save()
 *
 * hearth_journal_save_async() for who does not wait for the write: what
 * can be told at once (read-only, locked, not a valid record) fails here,
 * touching nothing; a write that fails later is reported by
 * #HearthJournal::save-failed, with the record, so its words can be saved
 * again.
 */
gboolean
hearth_journal_queue_save (HearthJournal *self,
                           HearthRecord  *record,
                           GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_RECORD (record), FALSE);

  return queue_write (self, record, NULL, NULL, NULL, error);
}

/* The tombstone that deletes @id, or NULL when the journal cannot be
 * written or holds no such record. */
static HearthRecord *
tombstone_for (HearthJournal *self,
               const char    *id,
               GError       **error)
{
  HearthRecord *live, *tombstone;

  if (!hearth_journal_check_writable (self, error))
    return NULL;
  live = g_hash_table_lookup (self->live, id);
  if (live == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                   _ ("There is nothing with the id %s in this journal (it may have been deleted)."), id);
      return NULL;
    }
  tombstone = hearth_record_copy (live);
  hearth_record_make_tombstone (tombstone);
  return tombstone;
}

/**
 * hearth_journal_queue_delete:
 * As hearth_journal_delete(), with the write queued like
 * hearth_journal_queue_save().
 */
gboolean
hearth_journal_queue_delete (HearthJournal *self,
                             const char    *id,
                             GError       **error)
{
  g_autoptr(HearthRecord) tombstone = NULL;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  tombstone = tombstone_for (self, id, error);
  return tombstone != NULL && hearth_journal_queue_save (self, tombstone, error);
}

gboolean
hearth_journal_save_finish (HearthJournal *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hearth_journal_is_saving:
 * Returns: whether a write is in flight: of hearth_journal_save_async(),
 *   or of conflict copies being taken in
 */
gboolean
hearth_journal_is_saving (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  return self->writes > 0 || self->absorb_running;
}

/**
 * hearth_journal_delete:
 * Replaces the record with a tombstone, so the deletion reaches the
 * partner's device too. Saving a copy of the record taken before brings it
 * back (undo).
 */
gboolean
hearth_journal_delete (HearthJournal *self,
                       const char    *id,
                       GError       **error)
{
  g_autoptr(HearthRecord) tombstone = NULL;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  tombstone = tombstone_for (self, id, error);
  return tombstone != NULL && hearth_journal_save (self, tombstone, error);
}
