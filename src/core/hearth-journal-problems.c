/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Problems                                                                  */

static char *
device_owner_name (HearthJournal *self,
                   const char    *device_id)
{
  g_autofree char *key = _hearth_journal_shard_key (device_id, "device.json");
  HearthShard     *device = g_hash_table_lookup (self->shards, key);
  const char      *partner_id = device ? device->partner : NULL;
  HearthRecord    *partner;

  if (g_strcmp0 (device_id, self->device_id) == 0 && self->me != NULL)
    partner_id = self->me;
  if (partner_id == NULL)
    return NULL;
  partner = hearth_journal_get_partner (self, partner_id);
  return partner ? g_strdup (hearth_record_get_string (partner, "name")) : NULL;
}

static char *
partner_name (HearthJournal *self,
              const char    *partner_id)
{
  HearthRecord *partner = hearth_journal_get_partner (self, partner_id);

  return g_strdup (partner ? hearth_record_get_string (partner, "name") : partner_id);
}

/* The problem of a file that went back or disappeared, by its
 * "device/file" key. */
GError *
_hearth_journal_trust_problem (HearthJournal      *self,
                               const char         *key,
                               const TrustProblem *problem)
{
  g_autofree char *device_id = g_strdup (key);
  g_autofree char *rel = g_build_filename ("devices", key, NULL);
  g_autofree char *owner = NULL;
  char            *slash = strchr (device_id, '/');
  gboolean         mine;

  if (slash != NULL)
    *slash = '\0';
  owner = device_owner_name (self, device_id);
  mine = g_strcmp0 (device_id, self->device_id) == 0;

  if (problem->kind == TRUST_WENT_BACK)
    {
      if (mine)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                            _ ("The file %s of this computer went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. It will not be written over until you choose: restore the newer copy from a backup, or accept this version."),
                            rel, (long long) problem->now, (long long) problem->seen);
      if (owner != NULL)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                            _ ("The file %s from %s’s device went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. Ask %s to check it, or accept this version."),
                            rel, owner, (long long) problem->now, (long long) problem->seen, owner);
      return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                          _ ("The file %s went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. Restore the newer copy, or accept this version."),
                          rel, (long long) problem->now, (long long) problem->seen);
    }
  if (mine)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                        _ ("The file %s of this computer is missing: it was there before and is gone now, with the records in it. It will not be made again until you choose: restore it from a backup, or accept that it is gone."),
                        rel);
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                        _ ("The file %s from %s’s device is missing: it was there before and is gone now, with the records in it. Ask %s to check it, or accept that it is gone."),
                        rel, owner, owner);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                      _ ("The file %s is missing: it was there before and is gone now, with the records in it. Restore it, or accept that it is gone."),
                      rel);
}

/* Why the journal must not be written because its manifest was turned
 * against it, or %NULL. */
static GError *
dup_tamper_error (HearthJournal *self)
{
  if (self->tampered != NULL)
    return g_error_copy (self->tampered);
  if (_hearth_journal_holds_encrypted_files (self))
    return _hearth_journal_plain_tamper_error ();
  return NULL;
}

static GError *
partner_problem (HearthJournal *self)
{
  g_autofree char *named = NULL;
  g_autofree char *me = NULL;

  if (self->me == NULL || self->file_partner == NULL || g_str_equal (self->me, self->file_partner))
    return NULL;
  named = partner_name (self, self->file_partner);
  me = partner_name (self, self->me);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_TAMPERED,
                      _ ("The file devices/%s/device.json says this computer belongs to %s, but it belongs to %s: someone may have changed it. It was left untouched, and what you write here stays %s’s."),
                      self->device_id, named, me, me);
}

GError *
_hearth_journal_shard_problem (HearthJournal *self,
                               HearthShard   *shard)
{
  g_autofree char *rel = hearth_shard_relative_path (shard);
  g_autofree char *full = g_build_filename (self->path, rel, NULL);
  g_autofree char *owner = device_owner_name (self, shard->device_id);
  gboolean         mine = g_strcmp0 (shard->device_id, self->device_id) == 0;

  if (g_error_matches (shard->error, HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY))
    return _hearth_journal_unknown_key_problem (rel, owner);
  if (g_error_matches (shard->error, HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT))
    {
      if (owner != NULL)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                            _ ("The file %s from %s’s device was written by a newer version of Hearth, so it was skipped and will not be changed. Update Hearth to see what it holds."),
                            rel, owner);
      return g_error_new (HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                          _ ("The file %s was written by a newer version of Hearth, so it was skipped and will not be changed. Update Hearth to see what it holds."),
                          rel);
    }
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                        mine
                          ? _ ("The file %s from %s’s device (this computer) is damaged and was left untouched: %s. It is at %s; restore it from a backup to see its records again.")
                          : _ ("The file %s from %s’s device is damaged and was left untouched: %s. It is at %s; it comes back when the sync tool brings an intact copy, or from a backup."),
                        rel, owner, shard->error->message, full);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                      _ ("The file %s is damaged and was left untouched: %s. It is at %s; restore it from a backup to see its records again."),
                      rel, shard->error->message, full);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const GError *ea = *(const GError **) a;
  const GError *eb = *(const GError **) b;
  return g_strcmp0 (ea->message, eb->message);
}

/**
 * hearth_journal_get_problems:
 * Returns: (transfer container) (element-type GError): what a person should
 *   know about this journal: files that could not be used, a journal that
 *   opened read-only
 */
GPtrArray *
hearth_journal_get_problems (HearthJournal *self)
{
  GPtrArray     *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GHashTableIter iter;
  gpointer       value;

  GError  *problem;
  gpointer key;

  if (self->read_only)
    g_ptr_array_add (problems,
                     g_error_new_literal (HEARTH_ERROR, HEARTH_ERROR_READ_ONLY,
                                          _ ("This journal was made by a newer version of Hearth, so it is open read-only. Update Hearth to change it.")));
  if ((problem = dup_tamper_error (self)) != NULL)
    g_ptr_array_add (problems, problem);
  if ((problem = partner_problem (self)) != NULL)
    g_ptr_array_add (problems, problem);
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthShard *shard = value;
      if (shard->error != NULL)
        g_ptr_array_add (problems, _hearth_journal_shard_problem (self, shard));
    }
  g_hash_table_iter_init (&iter, self->trust);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (problems, _hearth_journal_trust_problem (self, key, value));
  if (problems->len > 1)
    g_ptr_array_sort (problems, compare_problems);
  return problems;
}

typedef struct
{
  char     *key;
  TrustKind kind;
  gint64    now;
} AcceptItem;

static void
accept_item_free (AcceptItem *item)
{
  g_free (item->key);
  g_free (item);
}

/* Remembers the files of @items as they are now: the counter a file went
 * back to, or that a missing file is gone. Safe in a worker thread. */
static HearthState *
accept_in_state (const char *journal_id,
                 GPtrArray  *items,
                 GError    **error)
{
  g_autoptr(HearthState) state = NULL;
  int      lock = _hearth_journal_take_write_lock (journal_id, error);
  gboolean saved;

  if (lock < 0)
    return NULL;
  state = hearth_state_load (journal_id);
  for (guint i = 0; i < items->len; i++)
    {
      AcceptItem *item = g_ptr_array_index (items, i);

      hearth_state_set_accepted (state, item->key, item->kind == TRUST_MISSING ? -1 : item->now);
    }
  saved = hearth_state_save (journal_id, state, error);
  _hearth_journal_release_write_lock (lock);
  return saved ? g_steal_pointer (&state) : NULL;
}

static GPtrArray *
accept_items (HearthJournal *self,
              const char    *only)
{
  GPtrArray     *items = g_ptr_array_new_with_free_func ((GDestroyNotify) accept_item_free);
  GHashTableIter iter;
  gpointer       key, value;

  g_hash_table_iter_init (&iter, self->trust);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (only == NULL || g_str_equal (only, key))
      {
        TrustProblem *problem = value;
        AcceptItem   *item = g_new0 (AcceptItem, 1);

        item->key = g_strdup (key);
        item->kind = problem->kind;
        item->now = problem->now;
        g_ptr_array_add (items, item);
      }
  return items;
}

static void
accepted (HearthJournal *self,
          HearthState   *state,
          GPtrArray     *items)
{
  for (guint i = 0; i < items->len; i++)
    g_hash_table_remove (self->trust, ((AcceptItem *) g_ptr_array_index (items, i))->key);
  hearth_state_free (self->state);
  self->state = state;
  _hearth_journal_emit (self, PROBLEMS_CHANGED);
}

/**
 * hearth_journal_has_versions_to_accept:
 * Returns: whether a file went back to an older version or is missing,
 *   and waits for hearth_journal_accept_file()
 */
gboolean
hearth_journal_has_versions_to_accept (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  return g_hash_table_size (self->trust) > 0;
}

/**
 * hearth_journal_accept_file:
 * @file: (nullable): `devices/<device id>/<file name>` as problems name
 *   it, or %NULL for every such file
 *
 * The person's choice for a file that went back to an older version or
 * is missing: keep it as it is now. Its records stay as they are, and this
 * device writes it again (or anew) from here on.
 */
gboolean
hearth_journal_accept_file (HearthJournal *self,
                            const char    *file,
                            GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  const char  *key = NULL;
  HearthState *state;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  if (file != NULL)
    key = g_str_has_prefix (file, "devices/") ? file + strlen ("devices/") : file;
  items = accept_items (self, key);
  if (items->len == 0)
    {
      if (file == NULL)
        return TRUE;
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                   _ ("The file %s has not gone back to an older version and is not missing, so there is nothing to accept."),
                   file);
      return FALSE;
    }
  state = accept_in_state (self->id, items, error);
  if (state == NULL)
    return FALSE;
  accepted (self, state, items);
  return TRUE;
}

typedef struct
{
  char      *journal_id;
  GPtrArray *items;
} AcceptData;

static void
accept_data_free (AcceptData *data)
{
  g_free (data->journal_id);
  g_ptr_array_unref (data->items);
  g_free (data);
}

static void
accept_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AcceptData  *data = task_data;
  GError      *error = NULL;
  HearthState *state = accept_in_state (data->journal_id, data->items, &error);

  if (state == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, state, (GDestroyNotify) hearth_state_free);
}

/**
 * hearth_journal_accept_all_async:
 * hearth_journal_accept_file() for every such file, in a worker thread.
 */
void
hearth_journal_accept_all_async (HearthJournal      *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AcceptData *data = g_new0 (AcceptData, 1);

  g_task_set_source_tag (task, hearth_journal_accept_all_async);
  data->journal_id = g_strdup (self->id);
  data->items = accept_items (self, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) accept_data_free);
  g_task_run_in_thread (task, accept_thread);
}

gboolean
hearth_journal_accept_all_finish (HearthJournal *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  HearthState *state;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  state = g_task_propagate_pointer (G_TASK (result), error);
  if (state == NULL)
    return FALSE;
  accepted (self, state, ((AcceptData *) g_task_get_task_data (G_TASK (result)))->items);
  return TRUE;
}
