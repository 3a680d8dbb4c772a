/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Watching the folder                                                       */

typedef struct
{
  char         *path;
  char         *journal_id;
  char         *device_id;
  HearthKey    *key;
  HearthKeySet *keys;
  guint         generation;
} AbsorbData;

static void
absorb_data_free (AbsorbData *data)
{
  g_free (data->path);
  g_free (data->journal_id);
  g_free (data->device_id);
  g_clear_pointer (&data->key, hearth_key_free);
  g_clear_pointer (&data->keys, hearth_key_set_free);
  g_free (data);
}

typedef struct
{
  HearthAbsorbed *absorbed;
  HearthState    *state;
} AbsorbResult;

static void
absorb_result_free (AbsorbResult *result)
{
  if (result == NULL)
    return;
  hearth_absorbed_free (result->absorbed);
  hearth_state_free (result->state);
  g_free (result);
}

static void
absorb_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AbsorbData   *data = task_data;
  AbsorbResult *result = g_new0 (AbsorbResult, 1);

  result->absorbed = _hearth_journal_absorb_own_copies (data->path, data->journal_id, data->device_id,
                                                        data->key, data->keys, &result->state);
  g_task_return_pointer (task, result, (GDestroyNotify) absorb_result_free);
}

static void start_absorbing (HearthJournal *self);

static void
on_absorbed (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  HearthJournal *self = HEARTH_JOURNAL (source);
  AbsorbData    *data = g_task_get_task_data (G_TASK (res));
  AbsorbResult  *result = g_task_propagate_pointer (G_TASK (res), NULL);

  self->absorb_running = FALSE;
  if (result != NULL && data->generation == self->generation && self->loaded &&
      !hearth_absorbed_is_empty (result->absorbed))
    {
      _hearth_journal_install_absorbed (self, result->absorbed);
      if (result->state != NULL)
        {
          hearth_state_free (self->state);
          self->state = g_steal_pointer (&result->state);
        }
      _hearth_journal_emit (self, PROBLEMS_CHANGED);
    }
  absorb_result_free (result);
  if (self->absorb_again)
    {
      self->absorb_again = FALSE;
      start_absorbing (self);
    }
  if (!self->absorb_running)
    _hearth_journal_notify (self, PROP_SAVING);
}

/* A conflict copy of one of this device's files arrived: takes it in, in
 * a worker thread. */
static void
start_absorbing (HearthJournal *self)
{
  g_autoptr(GTask) task = NULL;
  AbsorbData *data;

  if (!self->loaded || !_hearth_journal_may_absorb (self))
    return;
  if (self->absorb_running)
    {
      self->absorb_again = TRUE;
      return;
    }
  self->absorb_running = TRUE;
  _hearth_journal_notify (self, PROP_SAVING);
  task = g_task_new (self, NULL, on_absorbed, NULL);
  g_task_set_source_tag (task, start_absorbing);
  data = g_new0 (AbsorbData, 1);
  data->path = g_strdup (self->path);
  data->journal_id = g_strdup (self->id);
  data->device_id = g_strdup (self->device_id);
  data->key = self->key ? hearth_key_copy (self->key) : NULL;
  data->keys = self->keys ? hearth_key_set_copy (self->keys) : NULL;
  data->generation = self->generation;
  g_task_set_task_data (task, data, (GDestroyNotify) absorb_data_free);
  g_task_run_in_thread (task, absorb_thread);
}

/* Whether @shard is a readable conflict copy of one of this device's files. */
static gboolean
is_own_copy (HearthJournal *self,
             HearthShard   *shard)
{
  return shard->conflict && shard->error == NULL &&
         g_strcmp0 (shard->device_id, self->device_id) == 0;
}

/**
 * hearth_journal_rescan:
 * Looks at every file again and merges those that changed, appeared or
 * vanished since they were read: what a sync tool brought from the
 * partner's device, or another program on this one wrote. A new conflict
 * copy of one of this device's files is taken in by a worker thread.
 */
void
hearth_journal_rescan (HearthJournal *self)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) arrived = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  HearthShardContext ctx;
  GHashTableIter     iter;
  gpointer           key, value;
  Changes            changes;
  gboolean           any = FALSE;
  gboolean           own_copy = FALSE;

  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  if (!self->loaded || hearth_journal_is_locked (self))
    return;
  ctx = _hearth_journal_shard_context (self);
  files = _hearth_journal_scan_files (self->path);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _hearth_journal_changes_init (&changes);
  for (guint i = 0; i < files->len; i++)
    {
      FileRef         *ref = g_ptr_array_index (files, i);
      char            *k = _hearth_journal_shard_key (ref->device, ref->name);
      HearthShard     *shard = g_hash_table_lookup (self->shards, k);
      g_autofree char *canonical = hearth_shard_canonical_name (ref->name, NULL);

      g_hash_table_add (seen, k);
      if (shard != NULL && !hearth_shard_stat_changed (shard, self->path))
        continue;
      /* After a partial load, only the files it read are looked at again. */
      if (shard == NULL && !_hearth_journal_scopes_include (self->scopes, canonical))
        continue;
      shard = hearth_shard_load (self->path, ref->device, ref->name, &ctx);
      own_copy |= is_own_copy (self, shard);
      _hearth_journal_install_shard (self, shard, &changes);
      any = TRUE;
    }
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      g_ptr_array_add (gone, g_strdup (key));
  for (guint i = 0; i < gone->len; i++)
    {
      _hearth_journal_remove_shard (self, g_ptr_array_index (gone, i), &changes);
      any = TRUE;
    }

  if (any)
    {
      arrived = g_ptr_array_new_with_free_func (g_object_unref);
      _hearth_journal_apply_changes (self, &changes, arrived);
      _hearth_journal_update_me (self);
      _hearth_journal_reconcile_now (self);
      _hearth_journal_emit (self, PROBLEMS_CHANGED);
      if (arrived->len > 0)
        _hearth_journal_emit (self, RECORDS_ARRIVED, arrived);
    }
  _hearth_journal_changes_clear (&changes);
  if (self->monitors != NULL)
    hearth_journal_set_watching (self, TRUE);
  if (own_copy)
    start_absorbing (self);
}

static gboolean
debounced_rescan (gpointer user_data)
{
  HearthJournal *self = user_data;

  self->debounce_id = 0;
  hearth_journal_rescan (self);
  return G_SOURCE_REMOVE;
}

static void
on_folder_changed (GFileMonitor     *monitor,
                   GFile            *file,
                   GFile            *other,
                   GFileMonitorEvent event,
                   gpointer          user_data)
{
  HearthJournal *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  if (self->debounce_id == 0)
    self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounced_rescan, self);
}

static gboolean
periodic_rescan (gpointer user_data)
{
  hearth_journal_rescan (user_data);
  return G_SOURCE_CONTINUE;
}

static void
watch_folder (HearthJournal *self,
              const char    *path)
{
  g_autoptr(GFile) file = NULL;
  GFileMonitor *monitor;

  if (g_hash_table_contains (self->monitors, path))
    return;
  file = g_file_new_for_path (path);
  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return;
  g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed), self);
  g_hash_table_insert (self->monitors, g_strdup (path), monitor);
}

static void
drop_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

/**
 * hearth_journal_set_watching:
 * Follows changes to the journal folder: a file monitor on `devices/` and
 * every device folder, backed by a periodic rescan for folders that send no
 * change events (the Flatpak document portal, some network shares).
 */
void
hearth_journal_set_watching (HearthJournal *self,
                             gboolean       watching)
{
  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  if (!watching)
    {
      g_clear_handle_id (&self->rescan_id, g_source_remove);
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      if (self->monitors != NULL)
        {
          GHashTableIter iter;
          gpointer       value;

          g_hash_table_iter_init (&iter, self->monitors);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            g_signal_handlers_disconnect_by_data (value, self);
          g_clear_pointer (&self->monitors, g_hash_table_unref);
        }
      return;
    }

  if (self->monitors == NULL)
    self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, drop_monitor);
  if (self->rescan_id == 0)
    self->rescan_id = g_timeout_add_seconds (RESCAN_SECONDS, periodic_rescan, self);

  {
    g_autofree char *devices = g_build_filename (self->path, "devices", NULL);
    g_autoptr(GDir) dir = g_dir_open (devices, 0, NULL);
    const char *name;

    watch_folder (self, self->path);
    watch_folder (self, devices);
    while (dir != NULL && (name = g_dir_read_name (dir)))
      if (_hearth_journal_is_device_folder_name (name))
        {
          g_autofree char *folder = g_build_filename (devices, name, NULL);
          if (g_file_test (folder, G_FILE_TEST_IS_DIR))
            watch_folder (self, folder);
        }
  }
}
