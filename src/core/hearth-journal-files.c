/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sys/file.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-journal-private.h"

/* ------------------------------------------------------------------------ */
/* Files and folders                                                         */

static char *
state_path (const char *journal_id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (journal_id, suffix, NULL);
  return g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
}

gboolean
_hearth_journal_ensure_folder (const char *path,
                               GError    **error)
{
  if (g_mkdir_with_parents (path, 0700) == 0)
    return TRUE;
  {
    int saved = errno;
    if (saved == ENOSPC)
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DISK_FULL,
                   _ ("Your changes cannot be saved: the disk holding %s is full. Free some space; nothing was lost."),
                   path);
    else
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                   _ ("Your changes cannot be saved: the folder %s cannot be created (%s). Check that you may write there."),
                   path, g_strerror (saved));
  }
  return FALSE;
}

char *
_hearth_journal_read_device_id (const char *journal_id)
{
  g_autofree char *path = state_path (journal_id, ".device");
  g_autofree char *contents = NULL;

  if (!hearth_file_read (path, HEARTH_MAX_SMALL_FILE_SIZE, &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  if (*contents == '\0' || strchr (contents, '/') != NULL || contents[0] == '.')
    return NULL;
  return g_steal_pointer (&contents);
}

gboolean
_hearth_journal_write_device_id (const char *journal_id,
                                 const char *device_id,
                                 GError    **error)
{
  g_autofree char *path = state_path (journal_id, ".device");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *line = g_strconcat (device_id, "\n", NULL);

  return _hearth_journal_ensure_folder (folder, error) &&
         hearth_write_file (path, line, strlen (line), error);
}

/* An exclusive lock on this device's writes to one journal, held while a
 * file is read, merged and written back: the app and hearth-cli on one
 * computer share a device folder. The lock file lives in the state folder,
 * never in the synced journal. */
int
_hearth_journal_take_write_lock (const char *journal_id,
                                 GError    **error)
{
  g_autofree char *path = state_path (journal_id, ".lock");
  g_autofree char *folder = g_path_get_dirname (path);
  int              fd;

  if (!_hearth_journal_ensure_folder (folder, error))
    return -1;
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                   _ ("Your changes cannot be saved: %s cannot be opened (%s)."),
                   path, g_strerror (saved));
      return -1;
    }
  while (flock (fd, LOCK_EX) != 0)
    {
      if (errno == EINTR)
        continue;
      /* File systems without flock: carry on unlocked rather than refuse. */
      break;
    }
  return fd;
}

void
_hearth_journal_release_write_lock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* ------------------------------------------------------------------------ */
/* What this device remembers                                                */

GHashTable *
_hearth_journal_trust_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

typedef struct
{
  char    *path;
  gboolean exists;
  guint64  size;
  gint64   mtime;
} FileStat;

static void
file_stat_free (FileStat *st)
{
  g_free (st->path);
  g_free (st);
}

/* What one look at the folder found for one data file and its conflict
 * copies: the greatest counter among those that could be read (-1 when
 * none could), and how each file looked then. */
typedef struct
{
  gint64     seq;
  GPtrArray *files; /* FileStat */
} Observed;

static void
observed_free (Observed *obs)
{
  g_ptr_array_unref (obs->files);
  g_free (obs);
}

GHashTable *
_hearth_journal_observations_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) observed_free);
}

void
_hearth_journal_observe_shard (GHashTable  *observations,
                               const char  *journal_path,
                               HearthShard *shard)
{
  g_autofree char *key = NULL;
  Observed        *obs;
  FileStat        *st;

  if (g_str_equal (shard->canonical, "device.json"))
    return;
  key = hearth_state_seq_key (shard->device_id, shard->canonical);
  obs = g_hash_table_lookup (observations, key);
  if (obs == NULL)
    {
      obs = g_new0 (Observed, 1);
      obs->seq = -1;
      obs->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_stat_free);
      g_hash_table_insert (observations, g_steal_pointer (&key), obs);
    }
  if (shard->error == NULL && shard->exists)
    obs->seq = MAX (obs->seq, shard->seq);
  st = g_new0 (FileStat, 1);
  st->path = g_build_filename (journal_path, "devices", shard->device_id, shard->file_name, NULL);
  st->exists = shard->exists;
  st->size = shard->size;
  st->mtime = shard->mtime;
  g_ptr_array_add (obs->files, st);
}

/* Whether a file looks different now from when it was read: then another
 * program wrote it in between, and what was read proves nothing. */
static gboolean
observed_changed (Observed *obs)
{
  for (guint i = 0; i < obs->files->len; i++)
    {
      FileStat *st = g_ptr_array_index (obs->files, i);
      GStatBuf  now;
      gboolean  exists = g_stat (st->path, &now) == 0;

      if (exists != st->exists)
        return TRUE;
      if (exists && ((guint64) now.st_size != st->size ||
                     (gint64) now.st_mtim.tv_sec * G_USEC_PER_SEC + now.st_mtim.tv_nsec / 1000 != st->mtime))
        return TRUE;
    }
  return FALSE;
}

/* What a look at the folder found, brought up to date with what absorbing
 * wrote and removed in this device's folder. */
void
_hearth_journal_observe_absorbed (GHashTable     *observations,
                                  const char     *journal_path,
                                  HearthAbsorbed *absorbed)
{
  g_autoptr(GHashTable) stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < absorbed->written->len; i++)
    {
      HearthShard *shard = g_ptr_array_index (absorbed->written, i);

      g_hash_table_add (stale, g_build_filename (journal_path, "devices", shard->device_id,
                                                 shard->file_name, NULL));
      for (guint j = 0; j < absorbed->removed->len; j++)
        g_hash_table_add (stale, g_build_filename (journal_path, "devices", shard->device_id,
                                                   g_ptr_array_index (absorbed->removed, j), NULL));
    }
  for (guint i = 0; i < absorbed->written->len; i++)
    {
      HearthShard     *shard = g_ptr_array_index (absorbed->written, i);
      g_autofree char *key = hearth_state_seq_key (shard->device_id, shard->canonical);
      Observed        *obs = g_hash_table_lookup (observations, key);

      for (guint j = 0; obs != NULL && j < obs->files->len; j++)
        if (g_hash_table_contains (stale, ((FileStat *) g_ptr_array_index (obs->files, j))->path))
          g_ptr_array_remove_index (obs->files, j--);
      _hearth_journal_observe_shard (observations, journal_path, shard);
    }
}

void
_hearth_journal_reconciled_free (Reconciled *r)
{
  hearth_state_free (r->state);
  g_clear_pointer (&r->trust, g_hash_table_unref);
  g_free (r);
}

/* Compares what was found in the folder with what this device remembers:
 * a counter that went back or a file that is gone becomes a problem and
 * the remembered counter stays; greater counters and files seen for the
 * first time (older journals, whose files have no counter, included) are
 * remembered. Only files of @scopes (NULL: every file) can be found gone;
 * what is remembered of the others stays as it is. Records this device's
 * own partner the first time it is known. Takes the write lock; safe in a
 * worker thread. */
Reconciled *
_hearth_journal_reconcile (const char *journal_path,
                           const char *journal_id,
                           const char *device_id,
                           const char *own_partner,
                           GArray     *scopes,
                           GHashTable *observations)
{
  Reconciled *r = g_new0 (Reconciled, 1);
  int         lock = _hearth_journal_take_write_lock (journal_id, NULL);
  g_autoptr(GError) error = NULL;
  gboolean       dirty = FALSE;
  GHashTableIter iter;
  gpointer       key, value;

  r->state = hearth_state_load (journal_id);
  r->trust = _hearth_journal_trust_table_new ();

  g_hash_table_iter_init (&iter, r->state->seq);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (observations, key))
      {
        g_autofree char *path = g_build_filename (journal_path, "devices", key, NULL);
        const char      *slash = strchr (key, '/');
        TrustProblem    *problem;
        gint64           accepted;

        if ((slash != NULL && !_hearth_journal_scopes_include (scopes, slash + 1)) ||
            g_file_test (path, G_FILE_TEST_EXISTS) ||
            (hearth_state_get_accepted (r->state, key, &accepted) && accepted == -1))
          continue;
        problem = g_new0 (TrustProblem, 1);
        problem->kind = TRUST_MISSING;
        problem->seen = *(gint64 *) value;
        g_hash_table_insert (r->trust, g_strdup (key), problem);
      }

  g_hash_table_iter_init (&iter, observations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Observed *obs = value;
      gint64    seen, accepted;

      if (obs->seq < 0)
        continue;
      if (!hearth_state_get_seq (r->state, key, &seen) || obs->seq > seen)
        {
          hearth_state_set_seq (r->state, key, obs->seq);
          hearth_state_remove_accepted (r->state, key);
          dirty = TRUE;
        }
      else if (obs->seq == seen)
        dirty |= hearth_state_remove_accepted (r->state, key);
      else if (!(hearth_state_get_accepted (r->state, key, &accepted) && accepted == obs->seq) &&
               !observed_changed (obs))
        {
          TrustProblem *problem = g_new0 (TrustProblem, 1);

          problem->kind = TRUST_WENT_BACK;
          problem->seen = seen;
          problem->now = obs->seq;
          g_hash_table_insert (r->trust, g_strdup (key), problem);
        }
    }

  if (device_id != NULL && own_partner != NULL &&
      (r->state->partner == NULL || g_strcmp0 (r->state->device, device_id) != 0))
    {
      g_free (r->state->device);
      g_free (r->state->partner);
      r->state->device = g_strdup (device_id);
      r->state->partner = g_strdup (own_partner);
      dirty = TRUE;
    }

  if (dirty && !hearth_state_save (journal_id, r->state, &error))
    g_debug ("The state of journal %s was not saved: %s", journal_id, error->message);
  _hearth_journal_release_write_lock (lock);
  return r;
}

/* Compares the current data key of @keys with the check value this device
 * remembers for the journal, and remembers it the first time, or when the
 * remembered key is one that the current key replaced (a re-key made on
 * another computer, or here). Safe in a worker thread. */
gboolean
_hearth_journal_verify_data_key (const char         *journal_id,
                                 const HearthKeySet *keys,
                                 GError            **error)
{
  g_autofree char *check = hearth_vault_key_check (journal_id, hearth_key_set_get_current (keys));
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok = TRUE;
  int      lock;

  lock = _hearth_journal_take_write_lock (journal_id, NULL);
  state = hearth_state_load (journal_id);
  if (state->key_check == NULL ||
      (!g_str_equal (state->key_check, check) &&
       hearth_key_set_has_previous_check (keys, journal_id, state->key_check)))
    {
      state->encrypted = TRUE;
      g_free (state->key_check);
      state->key_check = g_strdup (check);
      if (!hearth_state_save (journal_id, state, &local))
        g_debug ("The key check of journal %s was not saved: %s", journal_id, local->message);
    }
  else if (!g_str_equal (state->key_check, check))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_TAMPERED,
                           _ ("The journal description hearth-journal.json unlocks another key than this journal’s: someone may have tampered with it. The journal is open read-only. Restore hearth-journal.json from a backup or from your partner’s computer."));
      ok = FALSE;
    }
  _hearth_journal_release_write_lock (lock);
  return ok;
}

/* Whether the folder holds encrypted files while the manifest says the
 * journal has no passphrase. */
gboolean
_hearth_journal_holds_encrypted_files (HearthJournal *self)
{
  GHashTableIter iter;
  gpointer       value;

  if (self->encrypted)
    return FALSE;
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((HearthShard *) value)->encrypted)
      return TRUE;
  return FALSE;
}

GError *
_hearth_journal_plain_tamper_error (void)
{
  return g_error_new_literal (HEARTH_ERROR, HEARTH_ERROR_TAMPERED,
                              _ ("The journal description hearth-journal.json says this journal has no passphrase, but this journal is encrypted: someone may have tampered with it. The journal is open read-only, so nothing is written unencrypted. Restore hearth-journal.json from a backup or from your partner’s computer."));
}

static void
file_ref_free (FileRef *ref)
{
  g_free (ref->device);
  g_free (ref->name);
  g_free (ref);
}

static int
compare_file_refs (gconstpointer a,
                   gconstpointer b)
{
  const FileRef *fa = *(const FileRef **) a;
  const FileRef *fb = *(const FileRef **) b;
  int            ka = fa->year == 0 ? G_MAXINT : fa->year;
  int            kb = fb->year == 0 ? G_MAXINT : fb->year;

  if (ka != kb)
    return ka > kb ? -1 : 1;
  if (g_str_equal (fa->name, "device.json") != g_str_equal (fb->name, "device.json"))
    return g_str_equal (fa->name, "device.json") ? -1 : 1;
  return g_strcmp0 (fa->name, fb->name);
}

gboolean
_hearth_journal_is_device_folder_name (const char *name)
{
  return name[0] != '.' && strchr (name, '/') == NULL;
}

/* Every data file of every device folder, newest year first. */
GPtrArray *
_hearth_journal_scan_files (const char *journal_path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_ref_free);
  g_autofree char *devices = g_build_filename (journal_path, "devices", NULL);
  g_autoptr(GDir) dir = g_dir_open (devices, 0, NULL);
  const char *device;

  if (dir == NULL)
    return g_steal_pointer (&files);
  while ((device = g_dir_read_name (dir)))
    {
      g_autofree char *folder = NULL;
      g_autoptr(GDir) sub = NULL;
      const char *name;
      FileRef    *ref;

      if (!_hearth_journal_is_device_folder_name (device))
        continue;
      folder = g_build_filename (devices, device, NULL);
      if (hearth_file_is_link (folder))
        {
          /* Never listed through: its device.json stands for it, and
           * reading that reports the link. */
          ref = g_new0 (FileRef, 1);
          ref->device = g_strdup (device);
          ref->name = g_strdup ("device.json");
          g_ptr_array_add (files, ref);
          continue;
        }
      sub = g_dir_open (folder, 0, NULL);
      if (sub == NULL)
        continue;
      while ((name = g_dir_read_name (sub)))
        {
          g_autofree char *canonical = hearth_shard_canonical_name (name, NULL);

          if (canonical == NULL)
            continue;
          ref = g_new0 (FileRef, 1);
          ref->device = g_strdup (device);
          ref->name = g_strdup (name);
          ref->year = hearth_shard_year (canonical);
          g_ptr_array_add (files, ref);
        }
    }
  g_ptr_array_sort (files, compare_file_refs);
  return g_steal_pointer (&files);
}

char *
_hearth_journal_shard_key (const char *device,
                           const char *name)
{
  return g_strconcat (device, "/", name, NULL);
}
