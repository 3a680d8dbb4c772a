/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sodium.h>

#include "hearth-absorb.h"
#include "hearth-file.h"
#include "hearth-record-data.h"

/*
 * A sync tool that saw one file change in two places keeps both: the file,
 * and a conflict copy beside it (docs/format.md, "Conflict copies" and "Merging"). Every device reads
 * both, but only the device that owns the folder may write there, so it is
 * the one that takes the copy's records into its own file, by the same
 * last-writer-wins rule, writes that file as every write is made (atomic,
 * durable, its write counter one up) and then removes the copy.
 *
 * A copy that cannot be read, authenticated or parsed, or that is not a
 * regular file, is never taken in nor removed: the loader reports it like
 * any damaged file. Nothing happens to a file of this device that cannot be
 * read, or that went back to an older version since this device last saw
 * it, before the person chose what to do.
 */

typedef struct
{
  char        *name;
  HearthFileId id;
} TakenCopy;

static void
taken_copy_free (TakenCopy *copy)
{
  g_free (copy->name);
  g_free (copy);
}

static HearthAbsorbed *
hearth_absorbed_new (void)
{
  HearthAbsorbed *absorbed = g_new0 (HearthAbsorbed, 1);

  absorbed->written = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_shard_free);
  absorbed->removed = g_ptr_array_new_with_free_func (g_free);
  return absorbed;
}

void
hearth_absorbed_free (HearthAbsorbed *absorbed)
{
  if (absorbed == NULL)
    return;
  g_ptr_array_unref (absorbed->written);
  g_ptr_array_unref (absorbed->removed);
  g_free (absorbed);
}

gboolean
hearth_absorbed_is_empty (const HearthAbsorbed *absorbed)
{
  return absorbed == NULL || (absorbed->written->len == 0 && absorbed->removed->len == 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The conflict copies in this device's folder, by the file they are
 * copies of; names in a stable order. */
static GHashTable *
find_copies (const char *journal_path,
             const char *device_id)
{
  g_autofree char *folder = g_build_filename (journal_path, "devices", device_id, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GHashTable *copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      gboolean         conflict = FALSE;
      g_autofree char *canonical = hearth_shard_canonical_name (name, &conflict);
      GPtrArray       *names;

      if (canonical == NULL || !conflict)
        continue;
      names = g_hash_table_lookup (copies, canonical);
      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (copies, g_strdup (canonical), names);
        }
      g_ptr_array_add (names, g_strdup (name));
    }
  return copies;
}

static void
merge_records (HearthShard *into,
               HearthShard *from)
{
  GHashTableIter iter;
  gpointer       id, json;

  g_hash_table_iter_init (&iter, from->records);
  while (g_hash_table_iter_next (&iter, &id, &json))
    {
      HearthRecordData *mine = g_hash_table_lookup (into->records, id);

      if (mine == NULL || hearth_record_compare_versions (json, mine) > 0)
        hearth_shard_insert (into, json);
    }
}

/* Reads one copy; takes its records into @target when it is a regular
 * file that reads, authenticates and parses, and did not change while it
 * was read. */
static TakenCopy *
take_copy (const char               *journal_path,
           const char               *device_id,
           const char               *name,
           const HearthShardContext *ctx,
           HearthShard              *target,
           gint64                   *seq)
{
  g_autofree char *relative = g_build_filename ("devices", device_id, name, NULL);
  g_autoptr(HearthShard) copy = NULL;
  HearthFileId before, after;
  TakenCopy   *taken;

  if (!hearth_file_identify_beneath (journal_path, relative, &before, NULL) || !before.regular)
    return NULL;
  copy = hearth_shard_load (journal_path, device_id, name, ctx);
  if (copy->error != NULL)
    return NULL;
  if (!hearth_file_identify_beneath (journal_path, relative, &after, NULL) ||
      !hearth_file_id_equal (&before, &after))
    return NULL;
  merge_records (target, copy);
  *seq = MAX (*seq, copy->seq);
  taken = g_new0 (TakenCopy, 1);
  taken->name = g_strdup (name);
  taken->id = before;
  return taken;
}

/* Whether this device may write its file now: judged with its copies, it
 * must not have gone back since this device last saw it, unless the
 * person accepted that version. */
static gboolean
counter_allows (HearthState *state,
                const char  *seq_key,
                gint64       current,
                gint64      *seq)
{
  gint64   seen = 0, accepted = 0;
  gboolean remembered = hearth_state_get_seq (state, seq_key, &seen);

  if (remembered && current < seen &&
      !(hearth_state_get_accepted (state, seq_key, &accepted) && accepted == current))
    return FALSE;
  *seq = MAX (current, seen) + 1;
  return TRUE;
}

static gboolean
write_target (const char               *journal_path,
              HearthShard              *target,
              const HearthShardContext *ctx,
              GError                  **error)
{
  g_autofree char *path = g_build_filename (journal_path, "devices", target->device_id,
                                            target->file_name, NULL);
  gsize            plain_len = 0;
  g_autofree char *plain = hearth_shard_serialize (target, &plain_len);
  gboolean         ok;

  ok = hearth_shard_write_data (path, target->file_name,
                                hearth_shard_type_for_name (target->file_name),
                                plain, plain_len, target->device_id, ctx, error);
  sodium_memzero (plain, plain_len);
  if (ok)
    {
      hearth_shard_update_stat (target, journal_path);
      target->encrypted = ctx->key != NULL;
    }
  return ok;
}

static void
remove_taken (const char     *journal_path,
              const char     *device_id,
              GPtrArray      *taken,
              HearthAbsorbed *absorbed)
{
  for (guint i = 0; i < taken->len; i++)
    {
      TakenCopy       *copy = g_ptr_array_index (taken, i);
      g_autofree char *relative = g_build_filename ("devices", device_id, copy->name, NULL);
      g_autoptr(GError) error = NULL;

      /* Its records are in this device's file now; a copy that changed
       * since is left for the next look. */
      if (hearth_file_remove_beneath (journal_path, relative, &copy->id, &error))
        g_ptr_array_add (absorbed->removed, g_strdup (copy->name));
      else
        g_debug ("The conflict copy %s was kept: %s", relative, error->message);
    }
}

/* Takes the copies @names of this device's file @canonical into it. */
static gboolean
absorb_file (const char               *journal_path,
             const char               *device_id,
             const char               *canonical,
             GPtrArray                *names,
             const HearthShardContext *ctx,
             HearthState              *state,
             HearthAbsorbed           *absorbed,
             GError                  **error)
{
  g_autoptr(HearthShard) target = hearth_shard_new (device_id, canonical);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) taken_copy_free);
  g_autofree char *seq_key = hearth_state_seq_key (device_id, canonical);
  gint64           current = 0, seq = 0;

  hearth_shard_update_stat (target, journal_path);
  if (target->exists)
    {
      hearth_shard_free (target);
      target = hearth_shard_load (journal_path, device_id, canonical, ctx);
      if (target->error != NULL)
        return TRUE;
      current = target->seq;
    }

  for (guint i = 0; i < names->len; i++)
    {
      TakenCopy *copy = take_copy (journal_path, device_id, g_ptr_array_index (names, i),
                                   ctx, target, &current);
      if (copy != NULL)
        g_ptr_array_add (taken, copy);
    }
  if (taken->len == 0 || !counter_allows (state, seq_key, current, &seq))
    return TRUE;

  target->seq = seq;
  if (!write_target (journal_path, target, ctx, error))
    return FALSE;
  hearth_state_set_seq (state, seq_key, seq);
  hearth_state_remove_accepted (state, seq_key);
  remove_taken (journal_path, device_id, taken, absorbed);
  g_ptr_array_add (absorbed->written, g_steal_pointer (&target));
  return TRUE;
}

/**
 * hearth_absorb_conflict_copies:
 * @device_id: this device, the owner of the folder
 * @state: what this device remembers, read under the journal's write lock
 *   (held until @state is saved); the write counters are updated in it
 *
 * Takes every conflict copy of a file in this device's own folder into that
 * file and removes the copy. Safe in a worker thread: every object it
 * returns was made here.
 *
 * Returns: (transfer full): what was written and removed; @error is set
 *   when a file could not be written (its copies are kept then)
 */
HearthAbsorbed *
hearth_absorb_conflict_copies (const char               *journal_path,
                               const char               *device_id,
                               const HearthShardContext *ctx,
                               HearthState              *state,
                               GError                  **error)
{
  HearthAbsorbed  *absorbed = hearth_absorbed_new ();
  g_autofree char *own = g_build_filename ("devices", device_id, NULL);
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(GList) canonicals = NULL;

  if (!hearth_file_check_real_folder (journal_path, own, NULL))
    return absorbed;
  copies = find_copies (journal_path, device_id);
  canonicals = g_list_sort (g_hash_table_get_keys (copies), (GCompareFunc) g_strcmp0);
  for (GList *l = canonicals; l != NULL; l = l->next)
    {
      GPtrArray *names = g_hash_table_lookup (copies, l->data);
      g_autoptr(GError) local = NULL;

      g_ptr_array_sort (names, compare_names);
      if (!absorb_file (journal_path, device_id, l->data, names, ctx, state, absorbed, &local) &&
          error != NULL && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
    }
  return absorbed;
}
