/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <sys/syscall.h>

#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */

gboolean
_hearth_journal_check_unlocked (HearthJournal *self,
                                GError       **error)
{
  if (hearth_journal_is_locked (self))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                           _ ("The journal is locked. Unlock it with its passphrase first."));
      return FALSE;
    }
  return TRUE;
}

/* Whether a load of @scope reads the files named @canonical (and their
 * conflict copies). device.json files are always read: they say whose
 * each folder is. */
static gboolean
scope_includes (const HearthLoadScope *scope,
                const char            *canonical)
{
  static const struct
  {
    const char     *type;
    HearthLoadFiles files;
  } types[] = {
    { "shared", HEARTH_LOAD_SHARED },
    { "entries", HEARTH_LOAD_ENTRIES },
    { "gratitude", HEARTH_LOAD_GRATITUDE },
    { "rituals", HEARTH_LOAD_RITUALS },
    { "checkins", HEARTH_LOAD_CHECKINS },
  };
  const char *type = hearth_shard_type_for_name (canonical);
  int         year = hearth_shard_year (canonical);

  if (type == NULL)
    return FALSE;
  if (g_str_equal (type, "device"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i].type))
      {
        if ((scope->files & types[i].files) == 0)
          return FALSE;
        return year == 0 ||
               ((scope->first_year <= 0 || year >= scope->first_year) &&
                (scope->last_year <= 0 || year <= scope->last_year));
      }
  return FALSE;
}

/* Whether the loads since the last full one read the files named
 * @canonical; every file when @scopes is NULL. */
gboolean
_hearth_journal_scopes_include (GArray     *scopes,
                                const char *canonical)
{
  if (scopes == NULL)
    return TRUE;
  for (guint i = 0; i < scopes->len; i++)
    if (scope_includes (&g_array_index (scopes, HearthLoadScope, i), canonical))
      return TRUE;
  return FALSE;
}

/* Notes what a blocking load is about to read: @scope, or everything. */
static void
add_scope (HearthJournal         *self,
           const HearthLoadScope *scope)
{
  if (scope == NULL)
    {
      g_clear_pointer (&self->scopes, g_array_unref);
      return;
    }
  if (!self->loaded)
    {
      g_clear_pointer (&self->scopes, g_array_unref);
      self->scopes = g_array_new (FALSE, FALSE, sizeof (HearthLoadScope));
    }
  /* After a full load every file is in already. */
  if (self->scopes != NULL)
    g_array_append_val (self->scopes, *scope);
}

/* Leaves out of @files (FileRef) those @scope does not read. A journal
 * that takes in this device's conflict copies reads each of them, with the
 * file it is a copy of: they are judged together. */
static void
filter_files (HearthJournal         *self,
              GPtrArray             *files,
              const HearthLoadScope *scope)
{
  g_autoptr(GHashTable) copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (scope == NULL)
    return;
  for (guint i = 0; self->absorbs && self->device_id != NULL && i < files->len; i++)
    {
      FileRef *ref = g_ptr_array_index (files, i);
      gboolean conflict = FALSE;
      char    *canonical = hearth_shard_canonical_name (ref->name, &conflict);

      if (canonical != NULL && conflict && g_str_equal (ref->device, self->device_id))
        g_hash_table_add (copied, canonical);
      else
        g_free (canonical);
    }
  for (guint i = 0; i < files->len; i++)
    {
      FileRef         *ref = g_ptr_array_index (files, i);
      g_autofree char *canonical = hearth_shard_canonical_name (ref->name, NULL);

      if (canonical == NULL ||
          (!scope_includes (scope, canonical) &&
           !(g_str_equal (ref->device, self->device_id ? self->device_id : "") &&
             g_hash_table_contains (copied, canonical))))
        g_ptr_array_remove_index (files, i--);
    }
}

/* Once every file is read, their parse trees are gone: the heap they
 * left in pieces is handed back. */
static void
trim_heap (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
finish_loading (HearthJournal *self)
{
  _hearth_journal_update_me (self);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      _hearth_journal_notify (self, PROP_LOADED);
    }
  _hearth_journal_emit (self, PROBLEMS_CHANGED);
}

typedef struct
{
  int        year;
  GPtrArray *shards;   /* HearthShard */
  GPtrArray *gone;     /* "device/file" keys of files removed since read, or NULL */
  gboolean   absorbed; /* what taking in conflict copies changed: no year of its own */
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->shards);
  g_clear_pointer (&batch->gone, g_ptr_array_unref);
  g_free (batch);
}

/* How long the main loop is left to itself between two loaded years: as
 * long as taking in the last one took, so it is free at least half the
 * time, within these bounds. */
#define DRAIN_GAP_MIN_USEC (4 * 1000)
#define DRAIN_GAP_MAX_USEC (20 * 1000)

typedef struct
{
  HearthJournal *journal; /* strong: the task keeps it */
  GAsyncQueue   *queue;   /* Batch, from the worker to the main thread */
  GMainContext  *context;
  guint          generation;
  char          *path;
  char          *journal_id;
  char          *device_id;
  HearthKey     *key;
  gboolean       absorb; /* this device may take in its conflict copies */
  HearthKeySet  *keys;
  gboolean       reseal;     /* this device may seal its files again with the current key */
  gint64         drained;    /* main thread: when the last year was taken in */
  gint64         gap;        /* main thread: how long to wait before the next */
  gboolean       background; /* the newest year is in: the rest leaves the
                              * main thread a core of its own */
  gboolean       no_objects; /* the records are not made into objects */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_async_queue_unref (data->queue);
  g_main_context_unref (data->context);
  g_free (data->path);
  g_free (data->journal_id);
  g_free (data->device_id);
  g_clear_pointer (&data->key, hearth_key_free);
  g_clear_pointer (&data->keys, hearth_key_set_free);
  g_free (data);
}

/* Merges whatever the worker has finished. Main thread. */
static void
drain_batches (LoadData *data,
               gboolean  all)
{
  Batch *batch;

  /* One year at a time from the main loop, so frames are drawn between
   * them; everything left when the load finishes. */
  while ((batch = g_async_queue_try_pop (data->queue)))
    {
      HearthJournal *self = data->journal;

      if (self->generation == data->generation)
        {
          Changes changes;

          _hearth_journal_changes_init (&changes);
          for (guint i = 0; i < batch->shards->len; i++)
            _hearth_journal_install_shard (self, g_ptr_array_steal_index_fast (batch->shards, i--), &changes);
          for (guint i = 0; batch->gone != NULL && i < batch->gone->len; i++)
            _hearth_journal_remove_shard (self, g_ptr_array_index (batch->gone, i), &changes);
          _hearth_journal_apply_changes (self, &changes, NULL);
          _hearth_journal_changes_clear (&changes);
          if (batch->year == 0)
            _hearth_journal_update_me (self);
          if (!batch->absorbed)
            _hearth_journal_emit (self, YEAR_LOADED, batch->year);
        }
      batch_free (batch);
      if (!all)
        break;
    }
}

/* Runs @func on the thread that iterates @context, always later: unlike
 * g_main_context_invoke(), never on the calling thread, even while no
 * thread owns @context. */
void
_hearth_journal_run_in_context (GMainContext  *context,
                                int            priority,
                                GSourceFunc    func,
                                gpointer       data,
                                GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[hearth] journal worker result");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
drain_in_main (gpointer user_data)
{
  GTask    *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gint64    since = g_get_monotonic_time () - data->drained;

  /* Time between two years, so what is shown gets drawn and input is
   * answered while the rest loads. */
  gint64 start;

  if (data->drained != 0 && since < data->gap)
    {
      GSource *source = g_timeout_source_new (MAX (1, (data->gap - since) / 1000));

      g_source_set_callback (source, drain_in_main, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[hearth] journal year");
      g_source_attach (source, data->context);
      g_source_unref (source);
      return G_SOURCE_REMOVE;
    }
  start = g_get_monotonic_time ();
  drain_batches (data, FALSE);
  data->drained = g_get_monotonic_time ();
  data->gap = CLAMP (data->drained - start, DRAIN_GAP_MIN_USEC, DRAIN_GAP_MAX_USEC);
  return G_SOURCE_REMOVE;
}

/* Builds the record objects of a freshly read file, with their sort keys,
 * so the main thread only links them in. Runs on the loading thread. */
static void
prepare_objects (HearthShard *shard)
{
  GHashTableIter iter;
  gpointer       id, value;

  if (shard->error != NULL || g_hash_table_size (shard->records) == 0)
    return;
  shard->objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      HearthRecordData *data = value;
      HearthRecord     *record;

      if (data->deleted)
        continue;
      record = hearth_record_new_for_data (data);
      hearth_record_update_sort_key (record);
      g_hash_table_insert (shard->objects, id, record);
    }
}

/* ------------------------------------------------------------------------ */
/* Taking in this device's conflict copies                                   */

/* Whether this device may take its conflict copies into its files now:
 * the same conditions as any write, short of being loaded. */
gboolean
_hearth_journal_may_absorb (HearthJournal *self)
{
  return self->absorbs && self->device_id != NULL && !self->read_only &&
         self->tampered == NULL && !hearth_journal_is_locked (self) &&
         !_hearth_journal_holds_encrypted_files (self);
}

/* Takes the copies in, holding the write lock. Safe in a worker thread;
 * the files it returns are ready to be handed to the main thread. Returns
 * what this device remembers afterwards in @state when given. */
HearthAbsorbed *
_hearth_journal_absorb_own_copies (const char         *journal_path,
                                   const char         *journal_id,
                                   const char         *device_id,
                                   const HearthKey    *key,
                                   const HearthKeySet *keys,
                                   HearthState       **state_out)
{
  HearthShardContext ctx = { journal_id, key, keys };
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) error = NULL;
  HearthAbsorbed *absorbed;
  int             lock = _hearth_journal_take_write_lock (journal_id, &error);

  if (lock < 0)
    {
      g_debug ("Conflict copies were not taken in: %s", error->message);
      return NULL;
    }
  state = hearth_state_load (journal_id);
  absorbed = hearth_absorb_conflict_copies (journal_path, device_id, &ctx, state, &error);
  if (error != NULL)
    g_debug ("Conflict copies were kept: %s", error->message);
  g_clear_error (&error);
  if (absorbed->written->len > 0 && !hearth_state_save (journal_id, state, &error))
    g_debug ("The write counters of journal %s were not remembered: %s", journal_id, error->message);
  _hearth_journal_release_write_lock (lock);

  for (guint i = 0; i < absorbed->written->len; i++)
    prepare_objects (g_ptr_array_index (absorbed->written, i));
  if (state_out != NULL)
    *state_out = g_steal_pointer (&state);
  return absorbed;
}

/* The keys of the copies @absorbed removed. */
static GPtrArray *
absorbed_keys (HearthAbsorbed *absorbed,
               const char     *device_id)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < absorbed->removed->len; i++)
    g_ptr_array_add (keys, _hearth_journal_shard_key (device_id, g_ptr_array_index (absorbed->removed, i)));
  return keys;
}

/* Takes over the files as absorbing left them. Main thread. */

void
_hearth_journal_install_absorbed (HearthJournal  *self,
                                  HearthAbsorbed *absorbed)
{
  g_autoptr(GPtrArray) gone = absorbed_keys (absorbed, self->device_id);
  Changes changes;

  _hearth_journal_changes_init (&changes);
  while (absorbed->written->len > 0)
    {
      HearthShard     *shard = g_ptr_array_steal_index (absorbed->written, 0);
      g_autofree char *key = _hearth_journal_shard_key (shard->device_id, shard->file_name);
      HearthShard     *current = g_hash_table_lookup (self->shards, key);

      /* A save on this thread wrote the file again since: what it read is newer. */
      if (current != NULL && current->error == NULL && current->seq >= shard->seq)
        hearth_shard_free (shard);
      else
        _hearth_journal_install_own_shard (self, shard, &changes);
    }
  for (guint i = 0; i < gone->len; i++)
    _hearth_journal_remove_shard (self, g_ptr_array_index (gone, i), &changes);
  _hearth_journal_apply_changes (self, &changes, NULL);
  _hearth_journal_changes_clear (&changes);
}

typedef struct
{
  LoadData  *data;
  GPtrArray *refs;   /* FileRef of one year */
  GPtrArray *shards; /* filled at the same index */
  gint       next;
} YearLoad;

static gpointer
load_files (gpointer user_data)
{
  YearLoad          *year = user_data;
  HearthShardContext ctx = { year->data->journal_id, year->data->key, year->data->keys };
  guint              i;

  while ((i = (guint) g_atomic_int_add (&year->next, 1)) < year->refs->len)
    {
      FileRef     *ref = g_ptr_array_index (year->refs, i);
      HearthShard *shard = hearth_shard_load (year->data->path, ref->device, ref->name, &ctx);

      if (!year->data->no_objects)
        prepare_objects (shard);
      g_ptr_array_index (year->shards, i) = shard;
    }
  return NULL;
}

/* Older years are read by threads that yield to everything else, so that
 * the window, taking in each year as it comes, gets a core whenever it
 * draws, and the cores are all used while it does not. The threads are
 * made for it and end with it: a pool thread is never left with a lower
 * priority. */
static gpointer
load_files_in_background (gpointer user_data)
{
#ifdef __linux__
  /* A thread's nice value is its own on Linux, and starts as that of the
   * thread that made it: ten below the process's, whatever that is. */
  id_t tid = (id_t) syscall (SYS_gettid);
  int  nice_value;

  errno = 0;
  nice_value = getpriority (PRIO_PROCESS, tid);
  if (errno == 0)
    setpriority (PRIO_PROCESS, tid, MIN (nice_value + 10, 19));
#endif
  return load_files (user_data);
}

/* Reads one year's files, on as many cores as there are (at a low
 * priority when loading in the background), into a batch. */
static Batch *
load_year (LoadData  *data,
           GPtrArray *refs,
           int        year_number)
{
  YearLoad year = { data, refs, g_ptr_array_new_full (refs->len, NULL), 0 };
  guint    helpers = MIN (refs->len, g_get_num_processors ()) - 1;
  GThread *threads[16];
  Batch   *batch = g_new0 (Batch, 1);

  helpers = MIN (helpers, G_N_ELEMENTS (threads) - 1);
  g_ptr_array_set_size (year.shards, refs->len);
  if (data->background)
    {
      for (guint t = 0; t <= helpers; t++)
        threads[t] = g_thread_new ("hearth-load", load_files_in_background, &year);
      for (guint t = 0; t <= helpers; t++)
        g_thread_join (threads[t]);
    }
  else
    {
      for (guint t = 0; t < helpers; t++)
        threads[t] = g_thread_new ("hearth-load", load_files, &year);
      load_files (&year);
      for (guint t = 0; t < helpers; t++)
        g_thread_join (threads[t]);
    }

  batch->year = year_number;
  batch->shards = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_shard_free);
  for (guint i = 0; i < year.shards->len; i++)
    g_ptr_array_add (batch->shards, g_ptr_array_index (year.shards, i));
  g_ptr_array_unref (year.shards);
  return batch;
}

/* After every file was read: takes in this device's conflict copies and
 * hands what changed to the main thread as one more batch. Loading thread. */
static void
absorb_in_load (GTask      *task,
                LoadData   *data,
                GHashTable *observations)
{
  g_autoptr(HearthAbsorbed) absorbed = _hearth_journal_absorb_own_copies (data->path, data->journal_id,
                                                                           data->device_id, data->key, data->keys, NULL);
  Batch *batch;

  if (hearth_absorbed_is_empty (absorbed))
    return;
  _hearth_journal_observe_absorbed (observations, data->path, absorbed);
  batch = g_new0 (Batch, 1);
  batch->absorbed = TRUE;
  batch->gone = absorbed_keys (absorbed, data->device_id);
  batch->shards = g_steal_pointer (&absorbed->written);
  absorbed->written = g_ptr_array_new ();
  g_async_queue_push (data->queue, batch);
  _hearth_journal_run_in_context (data->context, G_PRIORITY_DEFAULT, drain_in_main,
                                  g_object_ref (task), g_object_unref);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) files = _hearth_journal_scan_files (data->path);
  g_autoptr(GHashTable) observations = _hearth_journal_observations_new ();
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *own_partner = NULL;
  gboolean         any_encrypted = FALSE;
  guint            first = 0;

  while (first < files->len && !g_cancellable_is_cancelled (cancellable))
    {
      int year = ((FileRef *) g_ptr_array_index (files, first))->year;
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();
      Batch *batch;
      guint  i;

      for (i = first; i < files->len && ((FileRef *) g_ptr_array_index (files, i))->year == year; i++)
        g_ptr_array_add (refs, g_ptr_array_index (files, i));
      first = i;
      batch = load_year (data, refs, year);
      /* Noted before the batch is handed over to the main thread. */
      for (i = 0; i < batch->shards->len; i++)
        {
          HearthShard *shard = g_ptr_array_index (batch->shards, i);

          _hearth_journal_observe_shard (observations, data->path, shard);
          any_encrypted |= shard->encrypted;
          _hearth_journal_note_stale_key (stale, shard, data->device_id);
          if (shard->error == NULL && shard->partner != NULL &&
              g_strcmp0 (shard->device_id, data->device_id) == 0 &&
              g_str_equal (shard->file_name, "device.json"))
            {
              g_free (own_partner);
              own_partner = g_strdup (shard->partner);
            }
        }
      g_async_queue_push (data->queue, batch);
      _hearth_journal_run_in_context (data->context, G_PRIORITY_DEFAULT, drain_in_main,
                                      g_object_ref (task), g_object_unref);
      /* The device files (year 0) come first and are small; the newest
       * year after them is what the window waits for, read at full speed
       * too. */
      if (year != 0)
        data->background = TRUE;
    }
  /* The main loop takes the years one by one, between frames; the load
   * is done once it has taken them all, not before. */
  while (g_async_queue_length (data->queue) > 0 && !g_cancellable_is_cancelled (cancellable))
    g_usleep (2000);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  /* A folder that holds encrypted files is never written plain. */
  if (data->absorb && (data->key != NULL || !any_encrypted))
    absorb_in_load (task, data, observations);
  if (data->reseal)
    _hearth_journal_reseal_files (data->path, data->journal_id, data->device_id, data->keys, stale);
  trim_heap ();
  g_task_return_pointer (task,
                         _hearth_journal_reconcile (data->path, data->journal_id, data->device_id, own_partner, NULL,
                                                    observations),
                         (GDestroyNotify) _hearth_journal_reconciled_free);
}

static gboolean
load_blocking (HearthJournal         *self,
               const HearthLoadScope *scope,
               GError               **error)
{
  g_autoptr(GPtrArray) files = NULL;
  LoadData data = { NULL };
  Changes  changes;

  if (!_hearth_journal_check_unlocked (self, error))
    return FALSE;
  add_scope (self, scope);
  if (scope != NULL && (scope->files & HEARTH_LOAD_TO_SEARCH))
    self->to_search = TRUE;
  data.no_objects = self->to_search;
  data.path = self->path;
  data.journal_id = self->id;
  data.key = self->key;
  data.keys = self->keys;
  files = _hearth_journal_scan_files (self->path);
  filter_files (self, files, scope);
  _hearth_journal_changes_init (&changes);
  /* Nothing is shown before the end: every file at once, on every core,
   * taken in in the same order as year by year. */
  if (files->len > 0)
    {
      Batch *batch = load_year (&data, files, 0);
      guint  first = 0;

      while (first < files->len)
        {
          int   year = ((FileRef *) g_ptr_array_index (files, first))->year;
          guint end = first;

          while (end < files->len && ((FileRef *) g_ptr_array_index (files, end))->year == year)
            end++;
          /* Each year's first file, then the others from the last: the
           * order in which versions that tie were always taken in. */
          _hearth_journal_install_shard (self, g_ptr_array_index (batch->shards, first), &changes);
          for (guint i = end - 1; i > first; i--)
            _hearth_journal_install_shard (self, g_ptr_array_index (batch->shards, i), &changes);
          first = end;
        }
      /* The journal owns them now. */
      g_ptr_array_set_free_func (batch->shards, NULL);
      batch_free (batch);
    }
  _hearth_journal_apply_changes (self, &changes, NULL);
  _hearth_journal_changes_clear (&changes);
  _hearth_journal_update_me (self);
  if (_hearth_journal_may_absorb (self))
    {
      g_autoptr(HearthAbsorbed) absorbed = _hearth_journal_absorb_own_copies (self->path, self->id, self->device_id,
                                                                               self->key, self->keys, NULL);
      if (!hearth_absorbed_is_empty (absorbed))
        _hearth_journal_install_absorbed (self, absorbed);
    }
  _hearth_journal_reseal_now (self);
  _hearth_journal_reconcile_now (self);
  trim_heap ();
  finish_loading (self);
  return TRUE;
}

/**
 * hearth_journal_load:
 * Reads and merges every file, blocking (on every core). Files that cannot
 * be used are left out and reported by hearth_journal_get_problems().
 * Then takes this device's conflict copies into its files, unless
 * hearth_journal_set_absorbs_conflicts() turned that off.
 */
gboolean
hearth_journal_load (HearthJournal *self,
                     GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  return load_blocking (self, NULL, error);
}

/**
 * hearth_journal_load_scope:
 * @scope: the files to read
 *
 * Like hearth_journal_load(), but reads only the files of @scope (and
 * every device.json), for a caller that needs only some kinds of records
 * or some years. What is checked on loading — files that cannot be used,
 * that went back or are gone — is checked for those files only; what this
 * device remembers of the others stays as it is. The models hold only the
 * records of the files read. Saving stays safe: a save reads the file it
 * writes afresh, whether it was loaded or not. Another partial load adds
 * its files to those read before.
 */
gboolean
hearth_journal_load_scope (HearthJournal         *self,
                           const HearthLoadScope *scope,
                           GError               **error)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  return load_blocking (self, scope, error);
}

/**
 * hearth_journal_load_async:
 * Reads the files in a worker thread, newest year first; each year's
 * records reach the models as soon as it is read (see
 * #HearthJournal::year-loaded), then takes this device's conflict copies
 * into its files in the same thread.
 */
void
hearth_journal_load_async (HearthJournal      *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError   *error = NULL;
  LoadData *data;

  g_task_set_source_tag (task, hearth_journal_load_async);
  if (!_hearth_journal_check_unlocked (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&self->scopes, g_array_unref);
  data = g_new0 (LoadData, 1);
  data->journal = self;
  data->queue = g_async_queue_new_full ((GDestroyNotify) batch_free);
  data->context = g_main_context_ref_thread_default ();
  data->generation = self->generation;
  data->path = g_strdup (self->path);
  data->journal_id = g_strdup (self->id);
  data->device_id = g_strdup (self->device_id);
  data->key = self->key ? hearth_key_copy (self->key) : NULL;
  data->absorb = _hearth_journal_may_absorb (self);
  data->keys = self->keys ? hearth_key_set_copy (self->keys) : NULL;
  data->reseal = _hearth_journal_may_reseal (self);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
hearth_journal_load_finish (HearthJournal *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(GError) local = NULL;
  Reconciled *reconciled;
  LoadData   *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  reconciled = g_task_propagate_pointer (G_TASK (result), &local);
  if (data != NULL)
    {
      drain_batches (data, TRUE);
      if (self->generation == data->generation)
        {
          if (reconciled != NULL)
            _hearth_journal_install_reconciled (self, reconciled);
          finish_loading (self);
        }
    }
  g_clear_pointer (&reconciled, _hearth_journal_reconciled_free);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (data != NULL && self->generation != data->generation)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                           _ ("The journal was locked while it was loading."));
      return FALSE;
    }
  return TRUE;
}
