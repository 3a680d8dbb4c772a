/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Replacing the data key (docs/format.md, "Replacing the data key")         */

/* Before unlocking: the manifest as it is on disk now, when it is still
 * this journal's and encrypted, so a passphrase or key changed on the
 * other computer while the journal was open here is the one asked for.
 * Anything else keeps what was read at opening; the next opening reports
 * it. */
static void
reread_manifest (HearthJournal *self)
{
  g_autoptr(HearthJournal) fresh = g_object_new (HEARTH_TYPE_JOURNAL, NULL);

  fresh->path = g_strdup (self->path);
  if (!_hearth_journal_read_manifest (fresh, NULL) || fresh->read_only || !fresh->encrypted ||
      g_strcmp0 (fresh->id, self->id) != 0)
    return;
  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = g_steal_pointer (&fresh->manifest);
}

/* Whether this device seals its files again after reading them: only once
 * the journal's key was replaced, and only where it may write at all. */
gboolean
_hearth_journal_may_reseal (HearthJournal *self)
{
  return self->keys != NULL && hearth_key_set_get_current_id (self->keys) != NULL &&
         !self->read_only && self->tampered == NULL && self->device_id != NULL;
}

/* Notes a file of this device that was read but is sealed with a key the
 * current one replaced. */
void
_hearth_journal_note_stale_key (GPtrArray   *stale,
                                HearthShard *shard,
                                const char  *device_id)
{
  if (shard->error == NULL && shard->old_key && !shard->conflict &&
      g_strcmp0 (shard->device_id, device_id) == 0)
    g_ptr_array_add (stale, g_strdup (shard->canonical));
}

/* Seals this device's files @names again with the current key: the same
 * records, the next write counter, written like any save under the write
 * lock. A file that cannot be read now, went back or is already sealed
 * with the current key is left as it is. Safe in a worker thread. */
void
_hearth_journal_reseal_files (const char         *journal_path,
                              const char         *journal_id,
                              const char         *device_id,
                              const HearthKeySet *keys,
                              GPtrArray          *names)
{
  g_autofree char   *own_folder = g_build_filename ("devices", device_id, NULL);
  HearthShardContext ctx = { journal_id, hearth_key_set_get_current (keys), keys };
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dirty = FALSE;
  int      lock;

  if (names->len == 0 || !hearth_file_check_real_folder (journal_path, own_folder, NULL))
    return;
  lock = _hearth_journal_take_write_lock (journal_id, NULL);
  state = hearth_state_load (journal_id);
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *seq_key = hearth_state_seq_key (device_id, name);
      g_autofree char *path = g_build_filename (journal_path, "devices", device_id, name, NULL);
      g_autoptr(HearthShard) shard = hearth_shard_load (journal_path, device_id, name, &ctx);
      g_autofree char *plain = NULL;
      gint64           seen = 0, accepted = 0;
      gsize            plain_len;

      if (shard->error != NULL || !shard->old_key)
        continue;
      if (hearth_state_get_seq (state, seq_key, &seen) && shard->seq < seen &&
          !(hearth_state_get_accepted (state, seq_key, &accepted) && accepted == shard->seq))
        continue;
      shard->seq = MAX (shard->seq, seen) + 1;
      plain = hearth_shard_serialize (shard, &plain_len);
      if (hearth_shard_write_data (path, name, hearth_shard_type_for_name (name),
                                   plain, plain_len, device_id, &ctx, &error))
        {
          hearth_state_set_seq (state, seq_key, shard->seq);
          hearth_state_remove_accepted (state, seq_key);
          dirty = TRUE;
        }
      else
        {
          g_debug ("%s was not sealed with the new key: %s", name, error->message);
          g_clear_error (&error);
        }
      sodium_memzero (plain, plain_len);
    }
  if (dirty && !hearth_state_save (journal_id, state, &error))
    g_debug ("The state of journal %s was not saved: %s", journal_id, error->message);
  _hearth_journal_release_write_lock (lock);
}

/* After a blocking load: seals this device's files again where needed. */
void
_hearth_journal_reseal_now (HearthJournal *self)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer       value;

  if (!_hearth_journal_may_reseal (self))
    return;
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    _hearth_journal_note_stale_key (stale, value, self->device_id);
  _hearth_journal_reseal_files (self->path, self->id, self->device_id, self->keys, stale);
}

GError *
_hearth_journal_unknown_key_problem (const char *rel,
                                     const char *owner)
{
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY,
                        _ ("The file %s from %s’s device is sealed with a newer key than this computer has unlocked: the journal’s key was probably replaced on the other computer. Lock the journal and unlock it with the new passphrase to read it. The file was left untouched."),
                        rel, owner);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY,
                      _ ("The file %s is sealed with a newer key than this computer has unlocked: the journal’s key was probably replaced on the other computer. Lock the journal and unlock it with the new passphrase to read it. The file was left untouched."),
                      rel);
}

/* The journal's keys, unwrapped with @old_passphrase, before its
 * passphrase or key is changed: refused when it cannot be written, has no
 * passphrase (@no_passphrase says so), the new one is empty, or the key
 * is not this journal's. */
static HearthKeySet *
unwrap_for_change (HearthJournal *self,
                   const char    *old_passphrase,
                   const char    *new_passphrase,
                   const char    *no_passphrase,
                   GError       **error)
{
  g_autoptr(HearthKeySet) keys = NULL;
  JsonObject *encryption;

  if (self->read_only || self->tampered != NULL)
    {
      hearth_journal_check_writable (self, error);
      return NULL;
    }
  if (!self->encrypted)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID, no_passphrase);
      return NULL;
    }
  if (new_passphrase == NULL || *new_passphrase == '\0')
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                           _ ("The new passphrase is empty."));
      return NULL;
    }
  encryption = json_object_get_object_member (self->manifest, "encryption");
  keys = hearth_vault_unwrap_keys (self->id, encryption, old_passphrase ? old_passphrase : "", error);
  if (keys == NULL)
    return NULL;
  /* Never carry on from a key that is not this journal's. */
  if (!_hearth_journal_verify_data_key (self->id, keys, error))
    return NULL;
  return g_steal_pointer (&keys);
}

/**
 * hearth_journal_rekey:
 * @old_passphrase: the passphrase now
 * @new_passphrase: the passphrase afterwards (may equal @old_passphrase)
 *
 * Replaces the data key: a new key with a new id, wrapped under
 * @new_passphrase; the earlier keys are kept in the manifest, wrapped
 * under the new one, so every file stays readable. Writes only the
 * manifest and what this device remembers. From now on this journal seals
 * with the new key; each device seals its own older files again the next
 * time it opens the journal. Derives a key (slow with the moderate
 * preset) and changes the journal's keys: call it where the journal is
 * used, not beside another thread that saves. The caller updates a
 * remembered keyring item.
 */
gboolean
hearth_journal_rekey (HearthJournal *self,
                      const char    *old_passphrase,
                      const char    *new_passphrase,
                      GError       **error)
{
  g_autoptr(HearthKeySet) keys = NULL;
  g_autoptr(HearthKeySet) next = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  g_autoptr(HearthState) state = NULL;
  JsonObject *encryption;
  JsonNode   *replaced;
  gboolean    ok;
  int         lock;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  keys = unwrap_for_change (self, old_passphrase, new_passphrase,
                            _ ("This journal has no passphrase, so it has no key to replace."), error);
  if (keys == NULL)
    return FALSE;
  encryption = json_object_get_object_member (self->manifest, "encryption");
  replaced = hearth_vault_rekey (self->id, keys, new_passphrase, encryption, &next, error);
  if (replaced == NULL)
    return FALSE;
  manifest = hearth_json_object_deep_copy (self->manifest);
  json_object_set_int_member (manifest, "hearth", HEARTH_MANIFEST_VERSION);
  json_object_set_member (manifest, "encryption", replaced);

  lock = _hearth_journal_take_write_lock (self->id, error);
  if (lock < 0)
    return FALSE;
  ok = _hearth_journal_write_manifest (self->path, manifest, error);
  if (ok)
    {
      g_autoptr(GError) local = NULL;

      /* Should this fail, the next unlock still takes the new key: the
       * remembered one is among those it replaced. */
      state = hearth_state_load (self->id);
      state->encrypted = TRUE;
      g_free (state->key_check);
      state->key_check = hearth_vault_key_check (self->id, hearth_key_set_get_current (next));
      if (!hearth_state_save (self->id, state, &local))
        g_debug ("The key check of journal %s was not saved: %s", self->id, local->message);
      hearth_state_free (self->state);
      self->state = g_steal_pointer (&state);
    }
  _hearth_journal_release_write_lock (lock);
  if (!ok)
    return FALSE;

  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = g_steal_pointer (&manifest);
  if (self->key != NULL)
    {
      hearth_key_free (self->key);
      self->key = hearth_key_copy (hearth_key_set_get_current (next));
      hearth_key_set_free (self->keys);
      self->keys = g_steal_pointer (&next);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Unlocking and locking                                                     */

/**
 * hearth_journal_unlock:
 * Derives the key from @passphrase and unwraps the data key. Slow by design:
 * call it off the main thread or use hearth_journal_unlock_async().
 */
gboolean
hearth_journal_unlock (HearthJournal *self,
                       const char    *passphrase,
                       GError       **error)
{
  HearthKeySet *keys;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  if (!self->encrypted || self->key != NULL)
    return TRUE;
  reread_manifest (self);
  keys = hearth_vault_unwrap_keys (self->id,
                                   json_object_get_object_member (self->manifest, "encryption"),
                                   passphrase ? passphrase : "", error);
  if (keys == NULL)
    return FALSE;
  /* Another key than the one remembered still opens, read-only, so the
   * person sees what happened. */
  g_clear_error (&self->tampered);
  _hearth_journal_verify_data_key (self->id, keys, &self->tampered);
  self->key = hearth_key_copy (hearth_key_set_get_current (keys));
  self->keys = keys;
  _hearth_journal_notify (self, PROP_LOCKED);
  return TRUE;
}

typedef struct
{
  char       *journal_id;
  JsonObject *encryption;
  char       *passphrase;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->journal_id);
  g_clear_pointer (&data->encryption, json_object_unref);
  if (data->passphrase)
    {
      sodium_memzero (data->passphrase, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

typedef struct
{
  HearthKeySet *keys;
  GError       *tampered;
} UnlockResult;

static void
unlock_result_free (UnlockResult *result)
{
  g_clear_pointer (&result->keys, hearth_key_set_free);
  g_clear_error (&result->tampered);
  g_free (result);
}

static void
unlock_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData   *data = task_data;
  GError       *error = NULL;
  UnlockResult *result;
  HearthKeySet *keys;

  keys = hearth_vault_unwrap_keys (data->journal_id, data->encryption, data->passphrase, &error);
  if (keys == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (UnlockResult, 1);
  result->keys = keys;
  _hearth_journal_verify_data_key (data->journal_id, keys, &result->tampered);
  g_task_return_pointer (task, result, (GDestroyNotify) unlock_result_free);
}

void
hearth_journal_unlock_async (HearthJournal      *self,
                             const char         *passphrase,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  UnlockData *data;

  g_task_set_source_tag (task, hearth_journal_unlock_async);
  if (!self->encrypted || self->key != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  reread_manifest (self);
  data = g_new0 (UnlockData, 1);
  data->journal_id = g_strdup (self->id);
  /* A copy: the worker must not share reference counts with this thread. */
  data->encryption = hearth_json_object_deep_copy (json_object_get_object_member (self->manifest, "encryption"));
  data->passphrase = g_strdup (passphrase ? passphrase : "");
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
hearth_journal_unlock_finish (HearthJournal *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  GError       *local = NULL;
  UnlockResult *unlocked;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  unlocked = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (unlocked != NULL && self->key == NULL)
    {
      self->key = hearth_key_copy (hearth_key_set_get_current (unlocked->keys));
      self->keys = g_steal_pointer (&unlocked->keys);
      g_clear_error (&self->tampered);
      self->tampered = g_steal_pointer (&unlocked->tampered);
      _hearth_journal_notify (self, PROP_LOCKED);
    }
  g_clear_pointer (&unlocked, unlock_result_free);
  return TRUE;
}

/**
 * hearth_journal_lock:
 * Wipes the data key and drops every record from memory. A journal without
 * passphrase cannot be locked.
 */
void
hearth_journal_lock (HearthJournal *self)
{
  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  if (!self->encrypted || self->key == NULL)
    return;
  _hearth_journal_emit (self, LOCKING);
  self->generation++;
  hearth_journal_set_watching (self, FALSE);
  g_clear_pointer (&self->key, hearth_key_free);
  g_clear_pointer (&self->keys, hearth_key_set_free);
  _hearth_journal_clear_records (self);
  if (self->loaded)
    {
      self->loaded = FALSE;
      _hearth_journal_notify (self, PROP_LOADED);
    }
  _hearth_journal_notify (self, PROP_LOCKED);
  _hearth_journal_emit (self, PROBLEMS_CHANGED);
}

/**
 * hearth_journal_change_passphrase:
 * Rewraps the data key under @new_passphrase and rewrites only the
 * manifest; no data file changes. The caller updates a remembered keyring
 * item.
 */
gboolean
hearth_journal_change_passphrase (HearthJournal *self,
                                  const char    *old_passphrase,
                                  const char    *new_passphrase,
                                  GError       **error)
{
  g_autoptr(HearthKeySet) keys = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  JsonObject *encryption;
  JsonNode   *rewrapped;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  keys = unwrap_for_change (self, old_passphrase, new_passphrase,
                            _ ("This journal has no passphrase to change."), error);
  if (keys == NULL)
    return FALSE;
  encryption = json_object_get_object_member (self->manifest, "encryption");
  rewrapped = hearth_vault_rewrap_key (self->id, hearth_key_set_get_current (keys),
                                       new_passphrase, encryption, error);
  if (rewrapped == NULL)
    return FALSE;
  manifest = hearth_json_object_deep_copy (self->manifest);
  json_object_set_member (manifest, "encryption", rewrapped);
  if (!_hearth_journal_write_manifest (self->path, manifest, error))
    return FALSE;
  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = g_steal_pointer (&manifest);
  return TRUE;
}
