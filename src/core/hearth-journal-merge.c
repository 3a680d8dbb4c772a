/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Merging                                                                   */

void
_hearth_journal_changes_init (Changes *changes)
{
  changes->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes->recompute = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_hearth_journal_changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->touched, g_hash_table_unref);
  g_clear_pointer (&changes->recompute, g_hash_table_unref);
}

static void
mark_all (GHashTable  *set,
          HearthShard *shard)
{
  GHashTableIter iter;
  gpointer       id;

  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (set, g_strdup (id));
}

/* Takes @shard into the journal, replacing the one read before from the
 * same file. */
void
_hearth_journal_install_shard (HearthJournal *self,
                               HearthShard   *shard,
                               Changes       *changes)
{
  g_autofree char *key = _hearth_journal_shard_key (shard->device_id, shard->file_name);
  HearthShard     *old = g_hash_table_lookup (self->shards, key);

  if (old != NULL)
    {
      mark_all (changes->recompute, old);
      mark_all (changes->touched, old);
      mark_all (changes->recompute, shard);
      mark_all (changes->touched, shard);
    }
  else
    {
      GHashTableIter iter;
      gpointer       id, json;

      g_hash_table_iter_init (&iter, shard->records);
      while (g_hash_table_iter_next (&iter, &id, &json))
        {
          HearthRecordData *winner = g_hash_table_lookup (self->winners, id);

          if (winner == NULL || hearth_record_compare_versions (json, winner) > 0)
            {
              HearthRecord *ready = shard->objects ? g_hash_table_lookup (shard->objects, id) : NULL;

              winner = json;
              g_hash_table_replace (self->winners, (char *) winner->id, hearth_record_data_ref (winner));
              g_hash_table_add (changes->touched, g_strdup (id));
              if (ready != NULL)
                g_hash_table_insert (self->prepared, g_strdup (id), g_object_ref (ready));
            }
        }
    }
  /* What did not win is freed here, on the thread that owns it now. */
  g_clear_pointer (&shard->objects, g_hash_table_unref);
  g_hash_table_insert (self->shards, g_steal_pointer (&key), shard);
}

void
_hearth_journal_remove_shard (HearthJournal *self,
                              const char    *key,
                              Changes       *changes)
{
  HearthShard *old = g_hash_table_lookup (self->shards, key);

  if (old == NULL)
    return;
  mark_all (changes->recompute, old);
  mark_all (changes->touched, old);
  g_hash_table_remove (self->shards, key);
}

static void
recompute_winner (HearthJournal *self,
                  const char    *id)
{
  HearthRecordData *best = NULL;
  GHashTableIter    iter;
  gpointer          value;

  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthShard      *shard = value;
      HearthRecordData *json = g_hash_table_lookup (shard->records, id);

      if (json != NULL && (best == NULL || hearth_record_compare_versions (json, best) > 0))
        best = json;
    }
  /* A version being written wins over what the files held before. */
  value = g_hash_table_lookup (self->unwritten, id);
  if (value != NULL && (best == NULL || hearth_record_compare_versions (value, best) >= 0))
    best = value;
  if (best != NULL)
    g_hash_table_replace (self->winners, (char *) best->id, hearth_record_data_ref (best));
  else
    g_hash_table_remove (self->winners, id);
}

static void
set_info (HearthJournal    *self,
          HearthRecordData *json)
{
  const char      *old_name = self->info ? hearth_record_get_string (self->info, "name") : NULL;
  g_autofree char *before = g_strdup (old_name);

  if (json == NULL || json->deleted)
    g_clear_object (&self->info);
  else if (self->info == NULL)
    self->info = hearth_record_new_for_data (json);
  else
    hearth_record_set_data (self->info, json);

  if (g_strcmp0 (before, self->info ? hearth_record_get_string (self->info, "name") : NULL) != 0)
    _hearth_journal_notify (self, PROP_NAME);
}

/* Brings the live objects and the models in line with the winners of the
 * touched ids. Records that arrived from other devices' files are added to
 * @arrived when given. */
void
_hearth_journal_apply_changes (HearthJournal *self,
                               Changes       *changes,
                               GPtrArray     *arrived)
{
  GPtrArray     *added[HEARTH_N_KINDS] = { NULL };
  GHashTableIter iter;
  gpointer       id;

  g_hash_table_iter_init (&iter, changes->recompute);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    recompute_winner (self, id);

  g_hash_table_iter_init (&iter, changes->touched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      HearthRecordData *winner = g_hash_table_lookup (self->winners, id);
      HearthRecord     *live = g_hash_table_lookup (self->live, id);
      const char       *kind = winner ? winner->kind : NULL;
      int               k;

      if (g_strcmp0 (kind, "journal") == 0)
        {
          set_info (self, winner);
          continue;
        }
      k = kind ? _hearth_journal_kind_index (kind) : -1;
      /* Searched as they are, never shown. */
      if (self->to_search && (k == HEARTH_KIND_ENTRY || k == HEARTH_KIND_GRATITUDE))
        continue;

      if (winner == NULL || winner->deleted || k < 0)
        {
          if (live != NULL)
            {
              int lk = _hearth_journal_kind_index (hearth_record_get_kind (live));
              if (lk >= 0)
                hearth_record_list_remove (self->lists[lk], live);
              g_hash_table_remove (self->live, id);
            }
          continue;
        }

      if (live != NULL && _hearth_journal_kind_index (hearth_record_get_kind (live)) != k)
        {
          /* A record whose kind changed: treat it as a new one. */
          hearth_record_list_remove (self->lists[_hearth_journal_kind_index (hearth_record_get_kind (live))], live);
          g_hash_table_remove (self->live, id);
          live = NULL;
        }

      if (live != NULL)
        {
          if (hearth_record_get_data (live) != winner)
            hearth_record_list_replace_data (self->lists[k], live, winner);
        }
      else
        {
          HearthRecord *ready = g_hash_table_lookup (self->prepared, id);

          if (ready != NULL && hearth_record_get_data (ready) == winner)
            live = g_object_ref (ready);
          else
            live = hearth_record_new_for_data (winner);
          g_hash_table_insert (self->live, g_strdup (id), live);
          if (added[k] == NULL)
            added[k] = g_ptr_array_new ();
          g_ptr_array_add (added[k], live);
        }

      if (arrived != NULL && g_strcmp0 (hearth_record_get_device (live), self->device_id) != 0)
        g_ptr_array_add (arrived, g_object_ref (live));
    }

  g_hash_table_remove_all (self->prepared);
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    if (added[k] != NULL)
      {
        hearth_record_list_insert_many (self->lists[k], added[k]);
        g_ptr_array_unref (added[k]);
      }
}

void
_hearth_journal_update_me (HearthJournal *self)
{
  g_autofree char *key = NULL;
  HearthShard     *device;

  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->file_partner, g_free);
  if (self->device_id == NULL)
    return;
  key = _hearth_journal_shard_key (self->device_id, "device.json");
  device = g_hash_table_lookup (self->shards, key);
  if (device != NULL && device->error == NULL && device->partner != NULL)
    self->file_partner = g_strdup (device->partner);
  /* device.json is for the other devices to read; who this device belongs
   * to is what it remembers. An older journal migrates on first sight. */
  if (self->state != NULL && self->state->partner != NULL &&
      g_strcmp0 (self->state->device, self->device_id) == 0)
    self->me = g_strdup (self->state->partner);
  else
    self->me = g_strdup (self->file_partner);
}

/* Takes over what a look at the folder found. */
void
_hearth_journal_install_reconciled (HearthJournal *self,
                                    Reconciled    *r)
{
  hearth_state_free (self->state);
  self->state = g_steal_pointer (&r->state);
  g_clear_pointer (&self->trust, g_hash_table_unref);
  self->trust = g_steal_pointer (&r->trust);
  _hearth_journal_update_me (self);
}

static GHashTable *
observe_all (HearthJournal *self)
{
  GHashTable    *observations = _hearth_journal_observations_new ();
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    _hearth_journal_observe_shard (observations, self->path, value);
  return observations;
}

/* Checks every file against what this device remembers. Main thread, for
 * the blocking paths (hearth_journal_load(), rescans). */
void
_hearth_journal_reconcile_now (HearthJournal *self)
{
  g_autoptr(GHashTable) observations = observe_all (self);
  Reconciled *r = _hearth_journal_reconcile (self->path, self->id, self->device_id, self->file_partner, self->scopes,
                                             observations);

  _hearth_journal_install_reconciled (self, r);
  _hearth_journal_reconciled_free (r);
}

HearthShardContext
_hearth_journal_shard_context (HearthJournal *self)
{
  HearthShardContext ctx = { self->id, self->key, self->keys };
  return ctx;
}
