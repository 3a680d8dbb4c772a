/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "hearth-absorb.h"
#include "hearth-checkin.h"
#include "hearth-entry.h"
#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-gratitude.h"
#include "hearth-journal-private.h"
#include "hearth-occurrence.h"
#include "hearth-partner.h"
#include "hearth-record-list.h"
#include "hearth-ritual.h"
#include "hearth-shard.h"
#include "hearth-state.h"
#include "hearth-text.h"

#define MANIFEST_NAME "hearth-journal.json"
#define RESCAN_SECONDS 10
#define DEBOUNCE_MS 300

/**
 * HearthJournal:
 *
 * One journal folder: its manifest, the data key, every device's files
 * and the merged records, exposed per kind as sorted list models.
 *
 * Merging keeps, for every record id, the winning version over all files
 * (`winners`, tombstones included) and one live object per visible record.
 * Files are merged incrementally: a new file only competes with the current
 * winners; a file that is replaced or removed has its ids recomputed from
 * every file, so the result never depends on the order files arrived in.
 */
struct _HearthJournal
{
  GObject           parent_instance;

  char             *path;
  char             *id;
  JsonObject       *manifest;
  gboolean          encrypted;
  gboolean          read_only;
  HearthKey        *key;
  HearthKeySet     *keys;        /* every data key, with @key the current one */

  char             *device_id;   /* this installation's id, NULL until joined */
  char             *me;          /* the partner this device belongs to */
  gboolean          loaded;
  GArray           *scopes;      /* HearthLoadScope of the partial loads since the
                                  * last full one; NULL: every file was read */
  guint             generation;  /* bumped on lock: loads in flight are dropped */

  GHashTable       *shards;      /* "device/file" → HearthShard */
  GHashTable       *winners;     /* id → HearthRecordData */
  GHashTable       *live;        /* id → HearthRecord, visible records only */
  GHashTable       *prepared;    /* id → HearthRecord built by the loader for a new winner */
  GHashTable       *unwritten;   /* id → HearthRecordData saved but not yet in its file */
  guint             writes;      /* writes in flight */
  HearthRecordList *lists[HEARTH_N_KINDS];
  HearthRecord     *info;        /* the `journal` record */

  HearthState      *state;       /* what this installation remembers (hearth-state.h) */
  GError           *tampered;    /* why the manifest cannot be trusted: then read-only */
  GHashTable       *trust;       /* "device/file" → TrustProblem */
  char             *file_partner; /* the partner this device's own device.json names */

  GHashTable       *monitors;    /* folder path → GFileMonitor */
  guint             rescan_id;
  guint             debounce_id;

  gboolean          absorbs;         /* takes in this device's conflict copies */
  gboolean          absorb_running;  /* a worker is taking them in */
  gboolean          absorb_again;    /* another copy arrived meanwhile */
};

G_DEFINE_FINAL_TYPE (HearthJournal, hearth_journal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LOCKED,
  PROP_LOADED,
  PROP_SAVING,
  PROP_ABSORBS_CONFLICTS,
  N_PROPS
};

enum {
  YEAR_LOADED,
  PROBLEMS_CHANGED,
  RECORDS_ARRIVED,
  SAVE_FAILED,
  LOCKING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  const char *kind;
  gboolean    descending;
} kinds[HEARTH_N_KINDS] = {
  [HEARTH_KIND_ENTRY]      = { "entry", TRUE },
  [HEARTH_KIND_GRATITUDE]  = { "gratitude", TRUE },
  [HEARTH_KIND_RITUAL]     = { "ritual", FALSE },
  [HEARTH_KIND_OCCURRENCE] = { "occurrence", TRUE },
  [HEARTH_KIND_CHECKIN]    = { "checkin", TRUE },
  [HEARTH_KIND_PARTNER]    = { "partner", FALSE },
};

static GType
kind_gtype (HearthKind kind)
{
  switch (kind)
    {
    case HEARTH_KIND_ENTRY: return HEARTH_TYPE_ENTRY;
    case HEARTH_KIND_GRATITUDE: return HEARTH_TYPE_GRATITUDE;
    case HEARTH_KIND_RITUAL: return HEARTH_TYPE_RITUAL;
    case HEARTH_KIND_OCCURRENCE: return HEARTH_TYPE_OCCURRENCE;
    case HEARTH_KIND_CHECKIN: return HEARTH_TYPE_CHECKIN;
    case HEARTH_KIND_PARTNER: return HEARTH_TYPE_PARTNER;
    case HEARTH_N_KINDS:
    default: return HEARTH_TYPE_RECORD;
    }
}

static int
kind_index (const char *kind)
{
  for (int i = 0; i < HEARTH_N_KINDS; i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return i;
  return -1;
}

static gboolean
json_is_deleted (HearthRecordData *data)
{
  return data->deleted;
}

/* ------------------------------------------------------------------------ */
/* Files and folders                                                         */

static char *
state_path (const char *journal_id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (journal_id, suffix, NULL);
  return g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
}

static gboolean
ensure_folder (const char *path,
               GError    **error)
{
  if (g_mkdir_with_parents (path, 0700) == 0)
    return TRUE;
  {
    int saved = errno;
    if (saved == ENOSPC)
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DISK_FULL,
                   _("Your changes cannot be saved: the disk holding %s is full. Free some space; nothing was lost."),
                   path);
    else
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                   _("Your changes cannot be saved: the folder %s cannot be created (%s). Check that you may write there."),
                   path, g_strerror (saved));
  }
  return FALSE;
}

static char *
read_device_id (const char *journal_id)
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

static gboolean
write_device_id (const char *journal_id,
                 const char *device_id,
                 GError    **error)
{
  g_autofree char *path = state_path (journal_id, ".device");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *line = g_strconcat (device_id, "\n", NULL);

  return ensure_folder (folder, error) &&
         hearth_write_file (path, line, strlen (line), error);
}

/* An exclusive lock on this device's writes to one journal, held while a
 * file is read, merged and written back: the app and hearth-cli on one
 * computer share a device folder. The lock file lives in the state folder,
 * never in the synced journal. */
static int
lock_journal (const char *journal_id,
              GError    **error)
{
  g_autofree char *path = state_path (journal_id, ".lock");
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (!ensure_folder (folder, error))
    return -1;
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                   _("Your changes cannot be saved: %s cannot be opened (%s)."),
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

static void
release_write_lock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* ------------------------------------------------------------------------ */
/* What this device remembers                                                */

typedef enum
{
  TRUST_WENT_BACK,
  TRUST_MISSING,
} TrustKind;

/* A file whose write counter went back, or that disappeared, since this
 * device last saw it. */
typedef struct
{
  TrustKind kind;
  gint64    seen;   /* the greatest counter seen before */
  gint64    now;    /* the counter it has now (went back) */
} TrustProblem;

static GHashTable *
trust_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

typedef struct
{
  char   *path;
  gboolean exists;
  guint64 size;
  gint64  mtime;
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
  GPtrArray *files;   /* FileStat */
} Observed;

static void
observed_free (Observed *obs)
{
  g_ptr_array_unref (obs->files);
  g_free (obs);
}

static GHashTable *
observations_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) observed_free);
}

static void
observe_shard (GHashTable  *observations,
               const char  *journal_path,
               HearthShard *shard)
{
  g_autofree char *key = NULL;
  Observed *obs;
  FileStat *st;

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
      GStatBuf now;
      gboolean exists = g_stat (st->path, &now) == 0;

      if (exists != st->exists)
        return TRUE;
      if (exists && ((guint64) now.st_size != st->size ||
                     (gint64) now.st_mtim.tv_sec * G_USEC_PER_SEC + now.st_mtim.tv_nsec / 1000 != st->mtime))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  HearthState *state;   /* as remembered after this look */
  GHashTable  *trust;   /* "device/file" → TrustProblem */
} Reconciled;

static void
reconciled_free (Reconciled *r)
{
  hearth_state_free (r->state);
  g_clear_pointer (&r->trust, g_hash_table_unref);
  g_free (r);
}

static gboolean scopes_include (GArray     *scopes,
                                const char *canonical);

/* Compares what was found in the folder with what this device remembers:
 * a counter that went back or a file that is gone becomes a problem and
 * the remembered counter stays; greater counters and files seen for the
 * first time (older journals, whose files have no counter, included) are
 * remembered. Only files of @scopes (NULL: every file) can be found gone;
 * what is remembered of the others stays as it is. Records this device's
 * own partner the first time it is known. Takes the write lock; safe in a
 * worker thread. */
static Reconciled *
reconcile (const char *journal_path,
           const char *journal_id,
           const char *device_id,
           const char *own_partner,
           GArray     *scopes,
           GHashTable *observations)
{
  Reconciled *r = g_new0 (Reconciled, 1);
  int lock = lock_journal (journal_id, NULL);
  g_autoptr(GError) error = NULL;
  gboolean dirty = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  r->state = hearth_state_load (journal_id);
  r->trust = trust_table_new ();

  g_hash_table_iter_init (&iter, r->state->seq);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (observations, key))
      {
        g_autofree char *path = g_build_filename (journal_path, "devices", key, NULL);
        const char *slash = strchr (key, '/');
        TrustProblem *problem;
        gint64 accepted;

        if ((slash != NULL && !scopes_include (scopes, slash + 1)) ||
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
      gint64 seen, accepted;

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
  release_write_lock (lock);
  return r;
}

/* Compares the current data key of @keys with the check value this device
 * remembers for the journal, and remembers it the first time, or when the
 * remembered key is one that the current key replaced (a re-key made on
 * another computer, or here). Safe in a worker thread. */
static gboolean
verify_data_key (const char         *journal_id,
                 const HearthKeySet *keys,
                 GError            **error)
{
  g_autofree char *check = hearth_vault_key_check (journal_id, hearth_key_set_get_current (keys));
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok = TRUE;
  int lock;

  lock = lock_journal (journal_id, NULL);
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
                           _("The journal description hearth-journal.json unlocks another key than this journal’s: someone may have tampered with it. The journal is open read-only. Restore hearth-journal.json from a backup or from your partner’s computer."));
      ok = FALSE;
    }
  release_write_lock (lock);
  return ok;
}

/* Whether the folder holds encrypted files while the manifest says the
 * journal has no passphrase. */
static gboolean
holds_encrypted_files (HearthJournal *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->encrypted)
    return FALSE;
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((HearthShard *) value)->encrypted)
      return TRUE;
  return FALSE;
}

static GError *
plain_tamper_error (void)
{
  return g_error_new_literal (HEARTH_ERROR, HEARTH_ERROR_TAMPERED,
                              _("The journal description hearth-journal.json says this journal has no passphrase, but this journal is encrypted: someone may have tampered with it. The journal is open read-only, so nothing is written unencrypted. Restore hearth-journal.json from a backup or from your partner’s computer."));
}

typedef struct
{
  char *device;
  char *name;
  int   year;   /* 0 for shared.json and device.json: loaded first */
} FileRef;

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
  int ka = fa->year == 0 ? G_MAXINT : fa->year;
  int kb = fb->year == 0 ? G_MAXINT : fb->year;

  if (ka != kb)
    return ka > kb ? -1 : 1;
  if (g_str_equal (fa->name, "device.json") != g_str_equal (fb->name, "device.json"))
    return g_str_equal (fa->name, "device.json") ? -1 : 1;
  return g_strcmp0 (fa->name, fb->name);
}

static gboolean
is_device_folder_name (const char *name)
{
  return name[0] != '.' && strchr (name, '/') == NULL;
}

/* Every data file of every device folder, newest year first. */
static GPtrArray *
scan_files (const char *journal_path)
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
      FileRef *ref;

      if (!is_device_folder_name (device))
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

static char *
shard_key (const char *device,
           const char *name)
{
  return g_strconcat (device, "/", name, NULL);
}

/* ------------------------------------------------------------------------ */
/* Merging                                                                   */

typedef struct
{
  GHashTable *touched;    /* ids whose winner may have changed */
  GHashTable *recompute;  /* ids whose winner must be found again */
} Changes;

static void
changes_init (Changes *changes)
{
  changes->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes->recompute = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->touched, g_hash_table_unref);
  g_clear_pointer (&changes->recompute, g_hash_table_unref);
}

static void
mark_all (GHashTable *set,
          HearthShard *shard)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (set, g_strdup (id));
}

/* Takes @shard into the journal, replacing the one read before from the
 * same file. */
static void
install_shard (HearthJournal *self,
               HearthShard   *shard,
               Changes       *changes)
{
  g_autofree char *key = shard_key (shard->device_id, shard->file_name);
  HearthShard *old = g_hash_table_lookup (self->shards, key);

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
      gpointer id, json;

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

static void
remove_shard (HearthJournal *self,
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
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthShard *shard = value;
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
  const char *old_name = self->info ? hearth_record_get_string (self->info, "name") : NULL;
  g_autofree char *before = g_strdup (old_name);

  if (json == NULL || json_is_deleted (json))
    g_clear_object (&self->info);
  else if (self->info == NULL)
    self->info = hearth_record_new_for_data (json);
  else
    hearth_record_set_data (self->info, json);

  if (g_strcmp0 (before, self->info ? hearth_record_get_string (self->info, "name") : NULL) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Brings the live objects and the models in line with the winners of the
 * touched ids. Records that arrived from other devices' files are added to
 * @arrived when given. */
static void
apply_changes (HearthJournal *self,
               Changes       *changes,
               GPtrArray     *arrived)
{
  GPtrArray *added[HEARTH_N_KINDS] = { NULL, };
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, changes->recompute);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    recompute_winner (self, id);

  g_hash_table_iter_init (&iter, changes->touched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      HearthRecordData *winner = g_hash_table_lookup (self->winners, id);
      HearthRecord *live = g_hash_table_lookup (self->live, id);
      const char *kind = winner ? winner->kind : NULL;
      int k;

      if (g_strcmp0 (kind, "journal") == 0)
        {
          set_info (self, winner);
          continue;
        }
      k = kind ? kind_index (kind) : -1;

      if (winner == NULL || json_is_deleted (winner) || k < 0)
        {
          if (live != NULL)
            {
              int lk = kind_index (hearth_record_get_kind (live));
              if (lk >= 0)
                hearth_record_list_remove (self->lists[lk], live);
              g_hash_table_remove (self->live, id);
            }
          continue;
        }

      if (live != NULL && kind_index (hearth_record_get_kind (live)) != k)
        {
          /* A record whose kind changed: treat it as a new one. */
          hearth_record_list_remove (self->lists[kind_index (hearth_record_get_kind (live))], live);
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

static void
update_me (HearthJournal *self)
{
  g_autofree char *key = NULL;
  HearthShard *device;

  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->file_partner, g_free);
  if (self->device_id == NULL)
    return;
  key = shard_key (self->device_id, "device.json");
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
static void
install_reconciled (HearthJournal *self,
                    Reconciled    *r)
{
  hearth_state_free (self->state);
  self->state = g_steal_pointer (&r->state);
  g_clear_pointer (&self->trust, g_hash_table_unref);
  self->trust = g_steal_pointer (&r->trust);
  update_me (self);
}

static GHashTable *
observe_all (HearthJournal *self)
{
  GHashTable *observations = observations_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    observe_shard (observations, self->path, value);
  return observations;
}

/* Checks every file against what this device remembers. Main thread, for
 * the blocking paths (hearth_journal_load(), rescans). */
static void
reconcile_now (HearthJournal *self)
{
  g_autoptr(GHashTable) observations = observe_all (self);
  Reconciled *r = reconcile (self->path, self->id, self->device_id, self->file_partner, self->scopes,
                             observations);

  install_reconciled (self, r);
  reconciled_free (r);
}

static HearthShardContext
shard_context (HearthJournal *self)
{
  HearthShardContext ctx = { self->id, self->key, self->keys };
  return ctx;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
clear_records (HearthJournal *self)
{
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    hearth_record_list_remove_all (self->lists[k]);
  g_hash_table_remove_all (self->live);
  g_hash_table_remove_all (self->winners);
  g_hash_table_remove_all (self->unwritten);
  g_hash_table_remove_all (self->shards);
  g_clear_object (&self->info);
  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->file_partner, g_free);
  g_hash_table_remove_all (self->trust);
}

static void
hearth_journal_dispose (GObject *object)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  hearth_journal_set_watching (self, FALSE);
  if (self->shards != NULL)
    clear_records (self);
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    g_clear_object (&self->lists[k]);

  G_OBJECT_CLASS (hearth_journal_parent_class)->dispose (object);
}

static void
hearth_journal_finalize (GObject *object)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  g_clear_pointer (&self->key, hearth_key_free);
  g_clear_pointer (&self->keys, hearth_key_set_free);
  g_clear_pointer (&self->manifest, json_object_unref);
  g_clear_pointer (&self->shards, g_hash_table_unref);
  g_clear_pointer (&self->winners, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_clear_pointer (&self->unwritten, g_hash_table_unref);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->trust, g_hash_table_unref);
  g_clear_pointer (&self->state, hearth_state_free);
  g_clear_pointer (&self->scopes, g_array_unref);
  g_clear_error (&self->tampered);
  g_free (self->file_partner);
  g_free (self->path);
  g_free (self->id);
  g_free (self->device_id);
  g_free (self->me);

  G_OBJECT_CLASS (hearth_journal_parent_class)->finalize (object);
}

static void
hearth_journal_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, hearth_journal_get_name (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, hearth_journal_is_locked (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, hearth_journal_is_saving (self));
      break;
    case PROP_ABSORBS_CONFLICTS:
      g_value_set_boolean (value, self->absorbs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_journal_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthJournal *self = HEARTH_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_ABSORBS_CONFLICTS:
      hearth_journal_set_absorbs_conflicts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_journal_class_init (HearthJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_journal_dispose;
  object_class->finalize = hearth_journal_finalize;
  object_class->get_property = hearth_journal_get_property;
  object_class->set_property = hearth_journal_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthJournal:saving:
   * Whether a write is in flight (hearth_journal_is_saving()).
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HearthJournal:absorbs-conflicts:
   *
   * Whether loading and watching take the sync tool's conflict copies of
   * this device's own files into those files and remove the copies (see
   * hearth_journal_set_absorbs_conflicts()). %TRUE unless turned off.
   */
  properties[PROP_ABSORBS_CONFLICTS] =
    g_param_spec_boolean ("absorbs-conflicts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthJournal::year-loaded:
   * @year: the year whose files were merged, 0 for the shared files
   *
   * Emitted while loading, newest year first, once that year's records are
   * in the models.
   */
  signals[YEAR_LOADED] =
    g_signal_new ("year-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HearthJournal::records-arrived:
   * @records: (element-type HearthRecord): records new or changed in
   *   another device's files
   *
   * Emitted after a rescan merged files the sync tool brought.
   */
  signals[RECORDS_ARRIVED] =
    g_signal_new ("records-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * HearthJournal::save-failed:
   * @record: the record that was not written
   * @error: why, in words for the person
   *
   * A hearth_journal_save_async() could not write @record; the models show
   * what the files hold again.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, HEARTH_TYPE_RECORD, G_TYPE_ERROR);
  /**
   * HearthJournal::locking:
   *
   * hearth_journal_lock() is about to wipe the key and every record: the
   * last moment to take what must outlive it (the reminders' schedule).
   */
  signals[LOCKING] =
    g_signal_new ("locking", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hearth_journal_init (HearthJournal *self)
{
  self->shards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) hearth_shard_free);
  /* Keyed by the id inside each body. */
  self->winners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) hearth_record_data_unref);
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->unwritten = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) hearth_record_data_unref);
  self->trust = trust_table_new ();
  self->absorbs = TRUE;
  for (int k = 0; k < HEARTH_N_KINDS; k++)
    self->lists[k] = hearth_record_list_new (kind_gtype (k), kinds[k].descending);
}

/* ------------------------------------------------------------------------ */
/* Opening and creating                                                      */

/**
 * hearth_journal_default_path:
 * Returns: (transfer full): `$XDG_DATA_HOME/hearth/journal`
 */
char *
hearth_journal_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "hearth", "journal", NULL);
}

static gboolean
read_manifest (HearthJournal *self,
               GError       **error)
{
  g_autofree char *path = g_build_filename (self->path, MANIFEST_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;
  JsonNode *version, *encryption;
  JsonObject *manifest;
  const char *id;

  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                   _("The journal folder %s does not exist. If it is on a removable or network drive, connect it and try again."),
                   self->path);
      return FALSE;
    }
  if (!hearth_file_read (path, HEARTH_MAX_SMALL_FILE_SIZE, &data, &len, &local))
    {
      if (g_error_matches (local, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND))
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL,
                     _("There is no Hearth journal in %s (it has no hearth-journal.json)."),
                     self->path);
      else
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                     _("The file %s is damaged: %s. It was left untouched."), path, local->message);
      return FALSE;
    }
  root = hearth_json_parse (data, len, &local);
  if (root == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("The file %s is damaged: %s. It was left untouched."), path, local->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("The file %s is damaged: it is not a valid journal description. It was left untouched."),
                   path);
      return FALSE;
    }
  manifest = json_node_get_object (root);
  version = json_object_get_member (manifest, "hearth");
  id = hearth_json_get_string (manifest, "journal", NULL);
  encryption = json_object_get_member (manifest, "encryption");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1 ||
      id == NULL || *id == '\0' || strchr (id, '/') != NULL ||
      (encryption != NULL && !JSON_NODE_HOLDS_NULL (encryption) && !JSON_NODE_HOLDS_OBJECT (encryption)))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("The file %s is damaged: it does not say which journal this is or how it is encrypted. It was left untouched."),
                   path);
      return FALSE;
    }
  /* Absurd key settings would hang or exhaust the computer on unlock. */
  if (encryption != NULL && JSON_NODE_HOLDS_OBJECT (encryption) &&
      json_node_get_int (version) <= HEARTH_MANIFEST_VERSION &&
      !hearth_vault_check_limits (json_node_get_object (encryption), &local))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _("The file %s is damaged: %s. It was left untouched."), path, local->message);
      return FALSE;
    }

  self->read_only = json_node_get_int (version) > HEARTH_MANIFEST_VERSION;
  self->encrypted = encryption != NULL && JSON_NODE_HOLDS_OBJECT (encryption);
  g_free (self->id);
  self->id = g_strdup (id);
  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = json_object_ref (manifest);
  return TRUE;
}

/**
 * hearth_journal_open:
 * @path: the journal folder
 *
 * Reads the journal's manifest. An encrypted journal is then locked until
 * hearth_journal_unlock(); a journal made by a newer Hearth opens
 * read-only.
 *
 * Returns: (transfer full): the journal, or %NULL with @error set:
 *   %HEARTH_ERROR_NOT_FOUND when the folder does not exist,
 *   %HEARTH_ERROR_NOT_A_JOURNAL when it holds no journal
 */
HearthJournal *
hearth_journal_open (const char *path,
                     GError    **error)
{
  g_autoptr(HearthJournal) self = g_object_new (HEARTH_TYPE_JOURNAL, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (!hearth_vault_init (error))
    return NULL;
  self->path = g_canonicalize_filename (path, NULL);
  if (!read_manifest (self, error))
    return NULL;
  self->device_id = read_device_id (self->id);
  self->state = hearth_state_load (self->id);
  if (self->state->encrypted && !self->encrypted)
    self->tampered = plain_tamper_error ();
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  HearthJournal *journal = hearth_journal_open (task_data, &error);

  if (journal != NULL)
    g_task_return_pointer (task, journal, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * hearth_journal_open_async:
 * Opens the journal at @path as hearth_journal_open() does, on a worker
 * thread: reading the manifest and what this device remembers never
 * holds up the caller's main loop.
 */
void
hearth_journal_open_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (path != NULL);

  g_task_set_source_tag (task, hearth_journal_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * hearth_journal_open_finish:
 * Returns: (transfer full) (nullable): the journal, or %NULL with @error
 *   set as hearth_journal_open() sets it
 */
HearthJournal *
hearth_journal_open_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonObject *
new_record_json (const char *kind,
                 const char *id,
                 const char *device_id,
                 const char *created,
                 const char *updated)
{
  JsonObject *json = json_object_new ();

  json_object_set_string_member (json, "id", id);
  json_object_set_string_member (json, "kind", kind);
  json_object_set_string_member (json, "created", created);
  json_object_set_string_member (json, "updated", updated);
  json_object_set_string_member (json, "device", device_id);
  return json;
}

static gboolean
write_device_file (const char *journal_path,
                   const char *device_id,
                   const char *partner_id,
                   GError    **error)
{
  g_autofree char *folder = g_build_filename (journal_path, "devices", device_id, NULL);
  g_autofree char *path = g_build_filename (folder, "device.json", NULL);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *relative = g_build_filename ("devices", device_id, NULL);
  gsize len;

  if (!hearth_file_check_real_folder (journal_path, relative, error) || !ensure_folder (folder, error))
    return FALSE;
  json_object_set_int_member (doc, "hearth", HEARTH_FORMAT_VERSION);
  json_object_set_string_member (doc, "type", "device");
  json_object_set_string_member (doc, "device", device_id);
  json_object_set_string_member (doc, "partner", partner_id);
  json_node_set_object (root, doc);
  text = hearth_json_to_string (root, FALSE, &len);
  return hearth_write_file (path, text, len, error);
}

static gboolean
write_manifest (const char *journal_path,
                JsonObject *manifest,
                GError    **error)
{
  g_autofree char *path = g_build_filename (journal_path, MANIFEST_NAME, NULL);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;
  gsize len;

  json_node_set_object (root, manifest);
  text = hearth_json_to_string (root, TRUE, &len);
  with_newline = g_strconcat (text, "\n", NULL);
  return hearth_write_file (path, with_newline, len + 1, error);
}

/**
 * hearth_journal_create:
 * @path: the folder; created when missing, and may already hold other files
 * @name: the journal's display name
 * @partner_names: the two partners' names
 * @partner_colors: (nullable): their colours as `#rrggbb`
 * @me: which partner (0 or 1) this device belongs to
 * @passphrase: (nullable): %NULL for a journal without passphrase
 * @preset: the key derivation cost
 *
 * Creates a journal and joins this device to it. Derives the key (slow with
 * the moderate preset): call it off the main thread, or use
 * hearth_journal_create_async().
 *
 * Returns: (transfer full): the journal, unlocked and loaded
 */
HearthJournal *
hearth_journal_create (const char        *path,
                       const char        *name,
                       const char * const partner_names[2],
                       const char * const partner_colors[2],
                       guint              me,
                       const char        *passphrase,
                       HearthKdfPreset    preset,
                       GError           **error)
{
  static const char *default_colors[2] = { "#e66100", "#3584e4" };
  g_autoptr(HearthJournal) self = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *journal_id = hearth_uuid_new ();
  g_autofree char *device_id = hearth_uuid_new ();
  g_autofree char *created = hearth_time_now_created ();
  g_autofree char *updated = hearth_time_format_updated (hearth_clock_get_real_time ());
  g_autofree char *partner_a = hearth_uuid_new ();
  g_autofree char *partner_b = hearth_uuid_new ();
  const char *partner_ids[2] = { partner_a, partner_b };
  g_autoptr(HearthKey) data_key = NULL;
  g_autoptr(JsonObject) manifest = json_object_new ();
  g_autoptr(HearthShard) shared = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *shared_path = NULL;
  HearthShardContext ctx;
  gsize plain_len;

  g_return_val_if_fail (path != NULL && name != NULL && partner_names != NULL, NULL);
  g_return_val_if_fail (me < 2, NULL);

  if (!hearth_vault_init (error))
    return NULL;
  for (guint i = 0; i < 2; i++)
    if (partner_names[i] == NULL || strspn (partner_names[i], " \t\n") == strlen (partner_names[i]))
      {
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                             _("Both partners need a name."));
        return NULL;
      }

  folder = g_canonicalize_filename (path, NULL);
  manifest_path = g_build_filename (folder, MANIFEST_NAME, NULL);
  if (g_file_test (manifest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_EXISTS,
                   _("There is already a journal in %s. Open it, or choose another folder."),
                   folder);
      return NULL;
    }
  if (!ensure_folder (folder, error))
    return NULL;

  json_object_set_int_member (manifest, "hearth", HEARTH_FORMAT_VERSION);
  json_object_set_string_member (manifest, "journal", journal_id);
  json_object_set_string_member (manifest, "created", created);
  if (passphrase != NULL)
    {
      JsonNode *encryption;

      data_key = hearth_key_new_random ();
      encryption = hearth_vault_wrap_key (journal_id, data_key, passphrase, preset, error);
      if (encryption == NULL)
        return NULL;
      json_object_set_member (manifest, "encryption", encryption);
    }
  else
    json_object_set_null_member (manifest, "encryption");

  /* The device's files first, the manifest last: a folder without a
   * manifest is not a journal yet, so a crash here leaves none half-made. */
  if (!write_device_file (folder, device_id, partner_ids[me], error))
    return NULL;

  shared = hearth_shard_new (device_id, "shared.json");
  {
    g_autoptr(JsonObject) info = new_record_json ("journal", "journal", device_id, created, updated);
    g_autoptr(HearthRecordData) data = NULL;

    json_object_set_string_member (info, "name", name);
    data = hearth_record_data_new_from_json (info, NULL, 0);
    hearth_shard_insert (shared, data);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) partner = new_record_json ("partner", partner_ids[i], device_id, created, updated);
      g_autofree char *clean = g_strstrip (g_strdup (partner_names[i]));
      g_autoptr(HearthRecordData) data = NULL;

      json_object_set_string_member (partner, "name", clean);
      json_object_set_string_member (partner, "color",
                                     partner_colors && partner_colors[i] ? partner_colors[i] : default_colors[i]);
      data = hearth_record_data_new_from_json (partner, NULL, 0);
      hearth_shard_insert (shared, data);
    }
  shared->seq = 1;
  plain = hearth_shard_serialize (shared, &plain_len);
  shared_path = g_build_filename (folder, "devices", device_id, "shared.json", NULL);
  ctx.journal_id = journal_id;
  ctx.key = data_key;
  ctx.keys = NULL;
  if (!hearth_shard_write_data (shared_path, "shared.json", "shared", plain, plain_len,
                                device_id, &ctx, error))
    return NULL;

  if (!write_manifest (folder, manifest, error))
    return NULL;
  if (!write_device_id (journal_id, device_id, error))
    return NULL;
  {
    g_autoptr(HearthState) state = hearth_state_new ();
    g_autofree char *seq_key = hearth_state_seq_key (device_id, "shared.json");
    int lock = lock_journal (journal_id, error);

    if (lock < 0)
      return NULL;
    state->device = g_strdup (device_id);
    state->partner = g_strdup (partner_ids[me]);
    state->encrypted = data_key != NULL;
    state->key_check = data_key ? hearth_vault_key_check (journal_id, data_key) : NULL;
    hearth_state_set_seq (state, seq_key, 1);
    if (!hearth_state_save (journal_id, state, error))
      {
        release_write_lock (lock);
        return NULL;
      }
    release_write_lock (lock);
  }

  self = g_object_new (HEARTH_TYPE_JOURNAL, NULL);
  self->path = g_steal_pointer (&folder);
  if (!read_manifest (self, error))
    return NULL;
  self->state = hearth_state_load (self->id);
  self->device_id = g_strdup (device_id);
  if (data_key != NULL)
    self->keys = hearth_key_set_new (data_key);
  self->key = g_steal_pointer (&data_key);
  if (!hearth_journal_load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct
{
  char            *path;
  char            *name;
  char            *partner_names[2];
  char            *partner_colors[2];
  guint            me;
  char            *passphrase;
  HearthKdfPreset  preset;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data->name);
  for (guint i = 0; i < 2; i++)
    {
      g_free (data->partner_names[i]);
      g_free (data->partner_colors[i]);
    }
  if (data->passphrase)
    {
      sodium_memzero (data->passphrase, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  HearthJournal *journal;

  journal = hearth_journal_create (data->path, data->name,
                                   (const char * const *) data->partner_names,
                                   (const char * const *) data->partner_colors,
                                   data->me, data->passphrase, data->preset, &error);
  if (journal == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, journal, g_object_unref);
}

/**
 * hearth_journal_create_async:
 * Like hearth_journal_create(), in a worker thread.
 */
void
hearth_journal_create_async (const char          *path,
                             const char          *name,
                             const char * const   partner_names[2],
                             const char * const   partner_colors[2],
                             guint                me,
                             const char          *passphrase,
                             HearthKdfPreset      preset,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  CreateData *data = g_new0 (CreateData, 1);

  g_task_set_source_tag (task, hearth_journal_create_async);
  data->path = g_strdup (path);
  data->name = g_strdup (name);
  for (guint i = 0; i < 2; i++)
    {
      data->partner_names[i] = g_strdup (partner_names[i]);
      data->partner_colors[i] = partner_colors ? g_strdup (partner_colors[i]) : NULL;
    }
  data->me = me;
  data->passphrase = g_strdup (passphrase);
  data->preset = preset;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

HearthJournal *
hearth_journal_create_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */

const char *
hearth_journal_get_path (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->path;
}

const char *
hearth_journal_get_id (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->id;
}

/**
 * hearth_journal_get_name:
 * Returns: (nullable): the journal's display name, once loaded
 */
const char *
hearth_journal_get_name (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  return self->info ? hearth_record_get_string (self->info, "name") : NULL;
}

gboolean
hearth_journal_is_encrypted (HearthJournal *self)
{
  return self->encrypted;
}

gboolean
hearth_journal_is_locked (HearthJournal *self)
{
  return self->encrypted && self->key == NULL;
}

gboolean
hearth_journal_is_loaded (HearthJournal *self)
{
  return self->loaded;
}

/**
 * hearth_journal_is_fully_loaded:
 * Whether every file was read: loaded, and not by
 * hearth_journal_load_scope() alone.
 */
gboolean
hearth_journal_is_fully_loaded (HearthJournal *self)
{
  return self->loaded && self->scopes == NULL;
}

/**
 * hearth_journal_is_read_only:
 * Whether the journal opened read-only: made by a newer version, or its
 * manifest was turned against it (see hearth_journal_get_problems()).
 */
gboolean
hearth_journal_is_read_only (HearthJournal *self)
{
  return self->read_only || self->tampered != NULL || holds_encrypted_files (self);
}

/**
 * hearth_journal_get_device_id:
 * Returns: (nullable): the id this installation writes under, %NULL when it
 *   has never joined the journal
 */
const char *
hearth_journal_get_device_id (HearthJournal *self)
{
  return self->device_id;
}

/**
 * hearth_journal_get_me:
 * Returns: (nullable): the partner id of this device, once loaded and joined
 */
const char *
hearth_journal_get_me (HearthJournal *self)
{
  return self->me;
}

/**
 * hearth_journal_get_partner_id:
 * Returns: (nullable): the id of the other partner than hearth_journal_get_me()
 */
const char *
hearth_journal_get_partner_id (HearthJournal *self)
{
  GListModel *partners = G_LIST_MODEL (self->lists[HEARTH_KIND_PARTNER]);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(HearthRecord) p = g_list_model_get_item (partners, i);
      if (g_strcmp0 (hearth_record_get_id (p), self->me) != 0)
        return hearth_record_get_id (p);
    }
  return NULL;
}

/**
 * hearth_journal_get_model:
 * Returns: (transfer none): the sorted list of visible records of @kind
 */
GListModel *
hearth_journal_get_model (HearthJournal *self,
                          HearthKind     kind)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (kind < HEARTH_N_KINDS, NULL);
  return G_LIST_MODEL (self->lists[kind]);
}

/**
 * hearth_journal_lookup:
 * Returns: (transfer none) (nullable): the visible record with @id
 */
HearthRecord *
hearth_journal_lookup (HearthJournal *self,
                       const char    *id)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);
  if (g_strcmp0 (id, "journal") == 0)
    return self->info;
  return g_hash_table_lookup (self->live, id);
}

/**
 * hearth_journal_get_partner:
 * Returns: (transfer none) (nullable): the partner record with @partner_id
 */
HearthRecord *
hearth_journal_get_partner (HearthJournal *self,
                            const char    *partner_id)
{
  HearthRecord *record;

  if (partner_id == NULL)
    return NULL;
  record = g_hash_table_lookup (self->live, partner_id);
  if (record == NULL || !HEARTH_IS_PARTNER (record))
    return NULL;
  return record;
}

/**
 * hearth_journal_get_info:
 * Returns: (transfer none) (nullable): the `journal` record (name, check-in
 *   questions and other couple-wide settings)
 */
HearthRecord *
hearth_journal_get_info (HearthJournal *self)
{
  return self->info;
}

/**
 * hearth_journal_set_absorbs_conflicts:
 * @absorbs: %FALSE for a reader that must never write to the folder
 *
 * Whether loading (and, once loaded, watching) takes every sync-tool
 * conflict copy of one of this device's own files into that file, written
 * as every write is, and then removes the copy. Copies in other devices'
 * folders are only ever read: their own devices take them in. Set it before
 * hearth_journal_load().
 */
void
hearth_journal_set_absorbs_conflicts (HearthJournal *self,
                                      gboolean       absorbs)
{
  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  absorbs = !!absorbs;
  if (self->absorbs == absorbs)
    return;
  self->absorbs = absorbs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSORBS_CONFLICTS]);
}

gboolean
hearth_journal_get_absorbs_conflicts (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);
  return self->absorbs;
}

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
  if (!read_manifest (fresh, NULL) || fresh->read_only || !fresh->encrypted ||
      g_strcmp0 (fresh->id, self->id) != 0)
    return;
  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = g_steal_pointer (&fresh->manifest);
}

/* Whether this device seals its files again after reading them: only once
 * the journal's key was replaced, and only where it may write at all. */
static gboolean
may_reseal (HearthJournal *self)
{
  return self->keys != NULL && hearth_key_set_get_current_id (self->keys) != NULL &&
         !self->read_only && self->tampered == NULL && self->device_id != NULL;
}

/* Notes a file of this device that was read but is sealed with a key the
 * current one replaced. */
static void
note_stale_key (GPtrArray   *stale,
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
static void
reseal_files (const char         *journal_path,
              const char         *journal_id,
              const char         *device_id,
              const HearthKeySet *keys,
              GPtrArray          *names)
{
  g_autofree char *own_folder = g_build_filename ("devices", device_id, NULL);
  HearthShardContext ctx = { journal_id, hearth_key_set_get_current (keys), keys };
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dirty = FALSE;
  int lock;

  if (names->len == 0 || !hearth_file_check_real_folder (journal_path, own_folder, NULL))
    return;
  lock = lock_journal (journal_id, NULL);
  state = hearth_state_load (journal_id);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *seq_key = hearth_state_seq_key (device_id, name);
      g_autofree char *path = g_build_filename (journal_path, "devices", device_id, name, NULL);
      g_autoptr(HearthShard) shard = hearth_shard_load (journal_path, device_id, name, &ctx);
      g_autofree char *plain = NULL;
      gint64 seen = 0, accepted = 0;
      gsize plain_len;

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
  release_write_lock (lock);
}

/* After a blocking load: seals this device's files again where needed. */
static void
reseal_now (HearthJournal *self)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  if (!may_reseal (self))
    return;
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    note_stale_key (stale, value, self->device_id);
  reseal_files (self->path, self->id, self->device_id, self->keys, stale);
}

static GError *
unknown_key_problem (const char *rel,
                     const char *owner)
{
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY,
                        _("The file %s from %s’s device is sealed with a newer key than this computer has unlocked: the journal’s key was probably replaced on the other computer. Lock the journal and unlock it with the new passphrase to read it. The file was left untouched."),
                        rel, owner);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY,
                      _("The file %s is sealed with a newer key than this computer has unlocked: the journal’s key was probably replaced on the other computer. Lock the journal and unlock it with the new passphrase to read it. The file was left untouched."),
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
                           _("The new passphrase is empty."));
      return NULL;
    }
  encryption = json_object_get_object_member (self->manifest, "encryption");
  keys = hearth_vault_unwrap_keys (self->id, encryption, old_passphrase ? old_passphrase : "", error);
  if (keys == NULL)
    return NULL;
  /* Never carry on from a key that is not this journal's. */
  if (!verify_data_key (self->id, keys, error))
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
  JsonNode *replaced;
  gboolean ok;
  int lock;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  keys = unwrap_for_change (self, old_passphrase, new_passphrase,
                            _("This journal has no passphrase, so it has no key to replace."), error);
  if (keys == NULL)
    return FALSE;
  encryption = json_object_get_object_member (self->manifest, "encryption");
  replaced = hearth_vault_rekey (self->id, keys, new_passphrase, encryption, &next, error);
  if (replaced == NULL)
    return FALSE;
  manifest = hearth_json_object_deep_copy (self->manifest);
  json_object_set_int_member (manifest, "hearth", HEARTH_MANIFEST_VERSION);
  json_object_set_member (manifest, "encryption", replaced);

  lock = lock_journal (self->id, error);
  if (lock < 0)
    return FALSE;
  ok = write_manifest (self->path, manifest, error);
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
  release_write_lock (lock);
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
  verify_data_key (self->id, keys, &self->tampered);
  self->key = hearth_key_copy (hearth_key_set_get_current (keys));
  self->keys = keys;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
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
  UnlockData *data = task_data;
  GError *error = NULL;
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
  verify_data_key (data->journal_id, keys, &result->tampered);
  g_task_return_pointer (task, result, (GDestroyNotify) unlock_result_free);
}

void
hearth_journal_unlock_async (HearthJournal       *self,
                             const char          *passphrase,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
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
  GError *local = NULL;
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
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
  g_signal_emit (self, signals[LOCKING], 0);
  self->generation++;
  hearth_journal_set_watching (self, FALSE);
  g_clear_pointer (&self->key, hearth_key_free);
  g_clear_pointer (&self->keys, hearth_key_set_free);
  clear_records (self);
  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */

static gboolean
check_unlocked (HearthJournal *self,
                GError       **error)
{
  if (hearth_journal_is_locked (self))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                           _("The journal is locked. Unlock it with its passphrase first."));
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
  static const struct { const char *type; HearthLoadFiles files; } types[] = {
    { "shared", HEARTH_LOAD_SHARED }, { "entries", HEARTH_LOAD_ENTRIES },
    { "gratitude", HEARTH_LOAD_GRATITUDE }, { "rituals", HEARTH_LOAD_RITUALS },
    { "checkins", HEARTH_LOAD_CHECKINS },
  };
  const char *type = hearth_shard_type_for_name (canonical);
  int year = hearth_shard_year (canonical);

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
static gboolean
scopes_include (GArray     *scopes,
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
      char *canonical = hearth_shard_canonical_name (ref->name, &conflict);

      if (canonical != NULL && conflict && g_str_equal (ref->device, self->device_id))
        g_hash_table_add (copied, canonical);
      else
        g_free (canonical);
    }
  for (guint i = 0; i < files->len; i++)
    {
      FileRef *ref = g_ptr_array_index (files, i);
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
  update_me (self);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
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

/* How long the main loop is left to itself between two loaded years. */
#define DRAIN_GAP_USEC (20 * 1000)

typedef struct
{
  HearthJournal *journal;   /* strong: the task keeps it */
  GAsyncQueue   *queue;     /* Batch, from the worker to the main thread */
  GMainContext  *context;
  guint          generation;
  char          *path;
  char          *journal_id;
  char          *device_id;
  HearthKey     *key;
  gboolean       absorb;    /* this device may take in its conflict copies */
  HearthKeySet  *keys;
  gboolean       reseal;    /* this device may seal its files again with the current key */
  gint64         drained;   /* main thread: when the last year was taken in */
  gboolean       background; /* the newest year is in: the rest leaves the
                              * main thread a core of its own */
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

          changes_init (&changes);
          for (guint i = 0; i < batch->shards->len; i++)
            install_shard (self, g_ptr_array_steal_index_fast (batch->shards, i--), &changes);
          for (guint i = 0; batch->gone != NULL && i < batch->gone->len; i++)
            remove_shard (self, g_ptr_array_index (batch->gone, i), &changes);
          apply_changes (self, &changes, NULL);
          changes_clear (&changes);
          if (batch->year == 0)
            update_me (self);
          if (!batch->absorbed)
            g_signal_emit (self, signals[YEAR_LOADED], 0, batch->year);
        }
      batch_free (batch);
      if (!all)
        break;
    }
}

/* Runs @func on the thread that iterates @context, always later: unlike
 * g_main_context_invoke(), never on the calling thread, even while no
 * thread owns @context. */
static void
run_in_context (GMainContext *context,
                int           priority,
                GSourceFunc   func,
                gpointer      data,
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
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gint64 since = g_get_monotonic_time () - data->drained;

  /* A frame's time between two years, so what is shown gets drawn and
   * input is answered while the rest loads. */
  if (data->drained != 0 && since < DRAIN_GAP_USEC)
    {
      GSource *source = g_timeout_source_new (MAX (1, (DRAIN_GAP_USEC - since) / 1000));

      g_source_set_callback (source, drain_in_main, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[hearth] journal year");
      g_source_attach (source, data->context);
      g_source_unref (source);
      return G_SOURCE_REMOVE;
    }
  drain_batches (data, FALSE);
  data->drained = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

/* Builds the record objects of a freshly read file, with their sort keys,
 * so the main thread only links them in. Runs on the loading thread. */
static void
prepare_objects (HearthShard *shard)
{
  GHashTableIter iter;
  gpointer id, json;

  if (shard->error != NULL || g_hash_table_size (shard->records) == 0)
    return;
  shard->objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, &id, &json))
    {
      HearthRecord *record;

      if (json_is_deleted (json))
        continue;
      record = hearth_record_new_for_data (json);
      hearth_record_update_sort_key (record);
      g_hash_table_insert (shard->objects, id, record);
    }
}

/* ------------------------------------------------------------------------ */
/* Taking in this device's conflict copies                                   */

/* Whether this device may take its conflict copies into its files now:
 * the same conditions as any write, short of being loaded. */
static gboolean
may_absorb (HearthJournal *self)
{
  return self->absorbs && self->device_id != NULL && !self->read_only &&
         self->tampered == NULL && !hearth_journal_is_locked (self) &&
         !holds_encrypted_files (self);
}

/* Takes the copies in, holding the write lock. Safe in a worker thread;
 * the files it returns are ready to be handed to the main thread. Returns
 * what this device remembers afterwards in @state when given. */
static HearthAbsorbed *
absorb_own_copies (const char       *journal_path,
                   const char       *journal_id,
                   const char       *device_id,
                   const HearthKey  *key,
                   const HearthKeySet *keys,
                   HearthState     **state_out)
{
  HearthShardContext ctx = { journal_id, key, keys };
  g_autoptr(HearthState) state = NULL;
  g_autoptr(GError) error = NULL;
  HearthAbsorbed *absorbed;
  int lock = lock_journal (journal_id, &error);

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
  release_write_lock (lock);

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
    g_ptr_array_add (keys, shard_key (device_id, g_ptr_array_index (absorbed->removed, i)));
  return keys;
}

/* Takes over the files as absorbing left them. Main thread. */
static void install_own_shard (HearthJournal *self,
                               HearthShard   *fresh,
                               Changes       *changes);

static void
install_absorbed (HearthJournal  *self,
                  HearthAbsorbed *absorbed)
{
  g_autoptr(GPtrArray) gone = absorbed_keys (absorbed, self->device_id);
  Changes changes;

  changes_init (&changes);
  while (absorbed->written->len > 0)
    {
      HearthShard *shard = g_ptr_array_steal_index (absorbed->written, 0);
      g_autofree char *key = shard_key (shard->device_id, shard->file_name);
      HearthShard *current = g_hash_table_lookup (self->shards, key);

      /* A save on this thread wrote the file again since: what it read is newer. */
      if (current != NULL && current->error == NULL && current->seq >= shard->seq)
        hearth_shard_free (shard);
      else
        install_own_shard (self, shard, &changes);
    }
  for (guint i = 0; i < gone->len; i++)
    remove_shard (self, g_ptr_array_index (gone, i), &changes);
  apply_changes (self, &changes, NULL);
  changes_clear (&changes);
}

/* What a look at the folder found, brought up to date with what absorbing
 * wrote and removed in this device's folder. */
static void
observe_absorbed (GHashTable     *observations,
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
      HearthShard *shard = g_ptr_array_index (absorbed->written, i);
      g_autofree char *key = hearth_state_seq_key (shard->device_id, shard->canonical);
      Observed *obs = g_hash_table_lookup (observations, key);

      for (guint j = 0; obs != NULL && j < obs->files->len; j++)
        if (g_hash_table_contains (stale, ((FileStat *) g_ptr_array_index (obs->files, j))->path))
          g_ptr_array_remove_index (obs->files, j--);
      observe_shard (observations, journal_path, shard);
    }
}

typedef struct
{
  LoadData  *data;
  GPtrArray *refs;     /* FileRef of one year */
  GPtrArray *shards;   /* filled at the same index */
  gint       next;
} YearLoad;

static gpointer
load_files (gpointer user_data)
{
  YearLoad *year = user_data;
  HearthShardContext ctx = { year->data->journal_id, year->data->key, year->data->keys };
  guint i;

  while ((i = (guint) g_atomic_int_add (&year->next, 1)) < year->refs->len)
    {
      FileRef *ref = g_ptr_array_index (year->refs, i);
      HearthShard *shard = hearth_shard_load (year->data->path, ref->device, ref->name, &ctx);

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
  /* A thread's nice value is its own on Linux. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
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
  guint helpers = MIN (refs->len, g_get_num_processors ()) - 1;
  GThread *threads[16];
  Batch *batch = g_new0 (Batch, 1);

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
  g_autoptr(HearthAbsorbed) absorbed = absorb_own_copies (data->path, data->journal_id,
                                                          data->device_id, data->key, data->keys, NULL);
  Batch *batch;

  if (hearth_absorbed_is_empty (absorbed))
    return;
  observe_absorbed (observations, data->path, absorbed);
  batch = g_new0 (Batch, 1);
  batch->absorbed = TRUE;
  batch->gone = absorbed_keys (absorbed, data->device_id);
  batch->shards = g_steal_pointer (&absorbed->written);
  absorbed->written = g_ptr_array_new ();
  g_async_queue_push (data->queue, batch);
  run_in_context (data->context, G_PRIORITY_DEFAULT, drain_in_main,
                  g_object_ref (task), g_object_unref);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) files = scan_files (data->path);
  g_autoptr(GHashTable) observations = observations_new ();
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *own_partner = NULL;
  gboolean any_encrypted = FALSE;
  guint first = 0;

  while (first < files->len && !g_cancellable_is_cancelled (cancellable))
    {
      int year = ((FileRef *) g_ptr_array_index (files, first))->year;
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();
      Batch *batch;
      guint i;

      for (i = first; i < files->len && ((FileRef *) g_ptr_array_index (files, i))->year == year; i++)
        g_ptr_array_add (refs, g_ptr_array_index (files, i));
      first = i;
      batch = load_year (data, refs, year);
      /* Noted before the batch is handed over to the main thread. */
      for (i = 0; i < batch->shards->len; i++)
        {
          HearthShard *shard = g_ptr_array_index (batch->shards, i);

          observe_shard (observations, data->path, shard);
          any_encrypted |= shard->encrypted;
          note_stale_key (stale, shard, data->device_id);
          if (shard->error == NULL && shard->partner != NULL &&
              g_strcmp0 (shard->device_id, data->device_id) == 0 &&
              g_str_equal (shard->file_name, "device.json"))
            {
              g_free (own_partner);
              own_partner = g_strdup (shard->partner);
            }
        }
      g_async_queue_push (data->queue, batch);
      run_in_context (data->context, G_PRIORITY_DEFAULT, drain_in_main,
                      g_object_ref (task), g_object_unref);
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
    reseal_files (data->path, data->journal_id, data->device_id, data->keys, stale);
  trim_heap ();
  g_task_return_pointer (task,
                         reconcile (data->path, data->journal_id, data->device_id, own_partner, NULL,
                                    observations),
                         (GDestroyNotify) reconciled_free);
}

static gboolean
load_blocking (HearthJournal         *self,
               const HearthLoadScope *scope,
               GError               **error)
{
  g_autoptr(GPtrArray) files = NULL;
  LoadData data = { NULL, };
  Changes changes;
  guint first = 0;

  if (!check_unlocked (self, error))
    return FALSE;
  add_scope (self, scope);
  data.path = self->path;
  data.journal_id = self->id;
  data.key = self->key;
  data.keys = self->keys;
  files = scan_files (self->path);
  filter_files (self, files, scope);
  changes_init (&changes);
  while (first < files->len)
    {
      int year = ((FileRef *) g_ptr_array_index (files, first))->year;
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();
      Batch *batch;
      guint i;

      for (i = first; i < files->len && ((FileRef *) g_ptr_array_index (files, i))->year == year; i++)
        g_ptr_array_add (refs, g_ptr_array_index (files, i));
      first = i;
      batch = load_year (&data, refs, year);
      for (i = 0; i < batch->shards->len; i++)
        install_shard (self, g_ptr_array_steal_index_fast (batch->shards, i--), &changes);
      batch_free (batch);
    }
  apply_changes (self, &changes, NULL);
  changes_clear (&changes);
  update_me (self);
  if (may_absorb (self))
    {
      g_autoptr(HearthAbsorbed) absorbed = absorb_own_copies (self->path, self->id, self->device_id,
                                                              self->key, self->keys, NULL);
      if (!hearth_absorbed_is_empty (absorbed))
        install_absorbed (self, absorbed);
    }
  reseal_now (self);
  reconcile_now (self);
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
hearth_journal_load_async (HearthJournal       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  LoadData *data;

  g_task_set_source_tag (task, hearth_journal_load_async);
  if (!check_unlocked (self, &error))
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
  data->absorb = may_absorb (self);
  data->keys = self->keys ? hearth_key_set_copy (self->keys) : NULL;
  data->reseal = may_reseal (self);
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
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  reconciled = g_task_propagate_pointer (G_TASK (result), &local);
  if (data != NULL)
    {
      drain_batches (data, TRUE);
      if (self->generation == data->generation)
        {
          if (reconciled != NULL)
            install_reconciled (self, reconciled);
          finish_loading (self);
        }
    }
  g_clear_pointer (&reconciled, reconciled_free);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (data != NULL && self->generation != data->generation)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                           _("The journal was locked while it was loading."));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Watching the folder                                                       */

typedef struct
{
  char      *path;
  char      *journal_id;
  char      *device_id;
  HearthKey *key;
  HearthKeySet *keys;
  guint      generation;
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
  AbsorbData *data = task_data;
  AbsorbResult *result = g_new0 (AbsorbResult, 1);

  result->absorbed = absorb_own_copies (data->path, data->journal_id, data->device_id,
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
  AbsorbData *data = g_task_get_task_data (G_TASK (res));
  AbsorbResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  self->absorb_running = FALSE;
  if (result != NULL && data->generation == self->generation && self->loaded &&
      !hearth_absorbed_is_empty (result->absorbed))
    {
      install_absorbed (self, result->absorbed);
      if (result->state != NULL)
        {
          hearth_state_free (self->state);
          self->state = g_steal_pointer (&result->state);
        }
      g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
    }
  absorb_result_free (result);
  if (self->absorb_again)
    {
      self->absorb_again = FALSE;
      start_absorbing (self);
    }
  if (!self->absorb_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* A conflict copy of one of this device's files arrived: takes it in, in
 * a worker thread. */
static void
start_absorbing (HearthJournal *self)
{
  g_autoptr(GTask) task = NULL;
  AbsorbData *data;

  if (!self->loaded || !may_absorb (self))
    return;
  if (self->absorb_running)
    {
      self->absorb_again = TRUE;
      return;
    }
  self->absorb_running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
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
  GHashTableIter iter;
  gpointer key, value;
  Changes changes;
  gboolean any = FALSE;
  gboolean own_copy = FALSE;

  g_return_if_fail (HEARTH_IS_JOURNAL (self));

  if (!self->loaded || hearth_journal_is_locked (self))
    return;
  ctx = shard_context (self);
  files = scan_files (self->path);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes_init (&changes);
  for (guint i = 0; i < files->len; i++)
    {
      FileRef *ref = g_ptr_array_index (files, i);
      char *k = shard_key (ref->device, ref->name);
      HearthShard *shard = g_hash_table_lookup (self->shards, k);
      g_autofree char *canonical = hearth_shard_canonical_name (ref->name, NULL);

      g_hash_table_add (seen, k);
      if (shard != NULL && !hearth_shard_stat_changed (shard, self->path))
        continue;
      /* After a partial load, only the files it read are looked at again. */
      if (shard == NULL && !scopes_include (self->scopes, canonical))
        continue;
      shard = hearth_shard_load (self->path, ref->device, ref->name, &ctx);
      own_copy |= is_own_copy (self, shard);
      install_shard (self, shard, &changes);
      any = TRUE;
    }
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      g_ptr_array_add (gone, g_strdup (key));
  for (guint i = 0; i < gone->len; i++)
    {
      remove_shard (self, g_ptr_array_index (gone, i), &changes);
      any = TRUE;
    }

  if (any)
    {
      arrived = g_ptr_array_new_with_free_func (g_object_unref);
      apply_changes (self, &changes, arrived);
      update_me (self);
      reconcile_now (self);
      g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
      if (arrived->len > 0)
        g_signal_emit (self, signals[RECORDS_ARRIVED], 0, arrived);
    }
  changes_clear (&changes);
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
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
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
          gpointer value;

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
      if (is_device_folder_name (name))
        {
          g_autofree char *folder = g_build_filename (devices, name, NULL);
          if (g_file_test (folder, G_FILE_TEST_IS_DIR))
            watch_folder (self, folder);
        }
  }
}

/* ------------------------------------------------------------------------ */
/* Problems                                                                  */

static char *
device_owner_name (HearthJournal *self,
                   const char    *device_id)
{
  g_autofree char *key = shard_key (device_id, "device.json");
  HearthShard *device = g_hash_table_lookup (self->shards, key);
  const char *partner_id = device ? device->partner : NULL;
  HearthRecord *partner;

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
static GError *
trust_problem (HearthJournal      *self,
               const char         *key,
               const TrustProblem *problem)
{
  g_autofree char *device_id = g_strdup (key);
  g_autofree char *rel = g_build_filename ("devices", key, NULL);
  g_autofree char *owner = NULL;
  char *slash = strchr (device_id, '/');
  gboolean mine;

  if (slash != NULL)
    *slash = '\0';
  owner = device_owner_name (self, device_id);
  mine = g_strcmp0 (device_id, self->device_id) == 0;

  if (problem->kind == TRUST_WENT_BACK)
    {
      if (mine)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                            _("The file %s of this computer went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. It will not be written over until you choose: restore the newer copy from a backup, or accept this version."),
                            rel, (long long) problem->now, (long long) problem->seen);
      if (owner != NULL)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                            _("The file %s from %s’s device went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. Ask %s to check it, or accept this version."),
                            rel, owner, (long long) problem->now, (long long) problem->seen, owner);
      return g_error_new (HEARTH_ERROR, HEARTH_ERROR_WENT_BACK,
                          _("The file %s went back to an older version (write %lld after write %lld): an old copy was put in its place, and newer records in it may be gone. Restore the newer copy, or accept this version."),
                          rel, (long long) problem->now, (long long) problem->seen);
    }
  if (mine)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                        _("The file %s of this computer is missing: it was there before and is gone now, with the records in it. It will not be made again until you choose: restore it from a backup, or accept that it is gone."),
                        rel);
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                        _("The file %s from %s’s device is missing: it was there before and is gone now, with the records in it. Ask %s to check it, or accept that it is gone."),
                        rel, owner, owner);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_MISSING,
                      _("The file %s is missing: it was there before and is gone now, with the records in it. Restore it, or accept that it is gone."),
                      rel);
}

/* Why the journal must not be written because its manifest was turned
 * against it, or %NULL. */
static GError *
dup_tamper_error (HearthJournal *self)
{
  if (self->tampered != NULL)
    return g_error_copy (self->tampered);
  if (holds_encrypted_files (self))
    return plain_tamper_error ();
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
                      _("The file devices/%s/device.json says this computer belongs to %s, but it belongs to %s: someone may have changed it. It was left untouched, and what you write here stays %s’s."),
                      self->device_id, named, me, me);
}

static GError *
shard_problem (HearthJournal *self,
               HearthShard   *shard)
{
  g_autofree char *rel = hearth_shard_relative_path (shard);
  g_autofree char *full = g_build_filename (self->path, rel, NULL);
  g_autofree char *owner = device_owner_name (self, shard->device_id);
  gboolean mine = g_strcmp0 (shard->device_id, self->device_id) == 0;

  if (g_error_matches (shard->error, HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY))
    return unknown_key_problem (rel, owner);
  if (g_error_matches (shard->error, HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT))
    {
      if (owner != NULL)
        return g_error_new (HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                            _("The file %s from %s’s device was written by a newer version of Hearth, so it was skipped and will not be changed. Update Hearth to see what it holds."),
                            rel, owner);
      return g_error_new (HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                          _("The file %s was written by a newer version of Hearth, so it was skipped and will not be changed. Update Hearth to see what it holds."),
                          rel);
    }
  if (owner != NULL)
    return g_error_new (HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                        mine
                        ? _("The file %s from %s’s device (this computer) is damaged and was left untouched: %s. It is at %s; restore it from a backup to see its records again.")
                        : _("The file %s from %s’s device is damaged and was left untouched: %s. It is at %s; it comes back when the sync tool brings an intact copy, or from a backup."),
                        rel, owner, shard->error->message, full);
  return g_error_new (HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                      _("The file %s is damaged and was left untouched: %s. It is at %s; restore it from a backup to see its records again."),
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
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GHashTableIter iter;
  gpointer value;

  GError *problem;
  gpointer key;

  if (self->read_only)
    g_ptr_array_add (problems,
                     g_error_new_literal (HEARTH_ERROR, HEARTH_ERROR_READ_ONLY,
                                          _("This journal was made by a newer version of Hearth, so it is open read-only. Update Hearth to change it.")));
  if ((problem = dup_tamper_error (self)) != NULL)
    g_ptr_array_add (problems, problem);
  if ((problem = partner_problem (self)) != NULL)
    g_ptr_array_add (problems, problem);
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HearthShard *shard = value;
      if (shard->error != NULL)
        g_ptr_array_add (problems, shard_problem (self, shard));
    }
  g_hash_table_iter_init (&iter, self->trust);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (problems, trust_problem (self, key, value));
  if (problems->len > 1)
    g_ptr_array_sort (problems, compare_problems);
  return problems;
}

/* ------------------------------------------------------------------------ */
/* Searching                                                                 */

static void
search_list (GListModel *list,
             GStrv       words,
             GPtrArray  *found)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      HearthRecord *record = g_list_model_get_item (list, i);

      if (hearth_record_matches (record, (const char * const *) words))
        g_ptr_array_add (found, record);
      else
        g_object_unref (record);
    }
}

/**
 * hearth_journal_search:
 * @query: words to find, in any case and with or without accents
 *
 * Returns: (transfer container) (element-type HearthRecord): entries, then
 *   gratitude notes, that contain every word of @query, newest first
 */
GPtrArray *
hearth_journal_search (HearthJournal *self,
                       const char    *query)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = hearth_text_fold (query);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();

  words = g_strsplit_set (folded, " \t\n\r", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_ptr_array_add (nonempty, words[i]);
  g_ptr_array_add (nonempty, NULL);
  if (nonempty->len == 1)
    return found;
  search_list (G_LIST_MODEL (self->lists[HEARTH_KIND_ENTRY]), (GStrv) nonempty->pdata, found);
  search_list (G_LIST_MODEL (self->lists[HEARTH_KIND_GRATITUDE]), (GStrv) nonempty->pdata, found);
  return found;
}

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
                           _("This journal is read-only: it was made by a newer version of Hearth. Update Hearth to change it."));
      return FALSE;
    }
  if (self->tampered != NULL)
    {
      g_propagate_error (error, g_error_copy (self->tampered));
      return FALSE;
    }
  if (!check_unlocked (self, error))
    return FALSE;
  if (!self->loaded)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _("The journal is still loading."));
      return FALSE;
    }
  if (holds_encrypted_files (self))
    {
      g_propagate_error (error, plain_tamper_error ());
      return FALSE;
    }
  if (self->device_id == NULL || self->me == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NOT_JOINED,
                           _("This computer has not joined the journal yet, so it cannot write to it. Join it first: say which partner you are (hearth-cli join --me NAME, or open the journal in Hearth)."));
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
  HearthRecord *record = hearth_record_new (kind, id);
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
  HearthJournal *journal;
  guint          generation;
  char          *path;
  char          *journal_id;
  char          *device_id;
  HearthKey     *key;           /* a copy; NULL without passphrase */
  HearthKeySet  *keys;          /* a copy of every key, or NULL */
  char          *name;          /* the canonical name of the file */
  char          *seq_key;
  gint64         copies_seq;    /* the greatest counter among its conflict copies */
  gboolean       copies_exist;
  char          *id;
  HearthRecordData *json;       /* the version the journal shows */
  HearthRecordData *copy;       /* the same, for the run step */
  HearthRecord  *record;

  /* What the run step found */
  HearthShard   *shard;         /* the file as written, or as found when unusable */
  HearthState   *state;
  TrustProblem  *problem;
  GError        *error;
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
  g_autofree char *name = NULL;
  GHashTableIter iter;
  gpointer value;
  HearthRecordData *winner, *json;
  const char *id;
  Changes changes;

  if (!hearth_journal_check_writable (self, error))
    return NULL;
  name = hearth_record_dup_shard_name (record);
  if (name == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                   _("This record cannot be saved: its kind or date is not valid."));
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

  /* The file and its conflict copies are judged together (storage.md). */
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
  changes_init (&changes);
  g_hash_table_replace (self->winners, (char *) json->id, hearth_record_data_ref (json));
  g_hash_table_add (changes.touched, g_strdup (id));
  apply_changes (self, &changes, NULL);
  changes_clear (&changes);
  return g_steal_pointer (&job);
}

/* May block: on the write lock, the disk, the key derivation of nothing
 * (the key is derived already), the encryption. */
static void
write_job_run (WriteJob *job)
{
  g_autofree char *own_folder = g_build_filename ("devices", job->device_id, NULL);
  g_autofree char *file_path = NULL;
  g_autofree char *plain = NULL;
  HearthShardContext ctx = { job->journal_id, job->key, job->keys };
  gint64 seen = 0, accepted = 0, current;
  gboolean remembered, chosen, exists;
  gsize plain_len;
  int lock;

  if (!hearth_file_check_real_folder (job->path, own_folder, &job->error))
    return;
  lock = lock_journal (job->journal_id, &job->error);
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
      release_write_lock (lock);
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
      release_write_lock (lock);
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
      release_write_lock (lock);
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
  release_write_lock (lock);
}

/* Takes this device's file, as the run step read and wrote it, in place
 * of the one in memory. The versions both hold keep their objects, so
 * their records and models stay as they are: only what changed on disk
 * meanwhile (hearth-cli on this computer) and the record written are
 * looked at again. */
static void
install_own_shard (HearthJournal *self,
                   HearthShard   *fresh,
                   Changes       *changes)
{
  g_autofree char *key = shard_key (fresh->device_id, fresh->file_name);
  HearthShard *old = g_hash_table_lookup (self->shards, key);
  g_autoptr(GPtrArray) same = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id, json;

  if (old == NULL || old->error != NULL)
    {
      install_shard (self, fresh, changes);
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
  Changes changes;
  gboolean ok = job->error == NULL && job->problem == NULL &&
                job->shard != NULL && job->shard->error == NULL;

  g_assert (self->writes > 0);
  self->writes--;

  /* Locked meanwhile: nothing of it is kept in memory. */
  if (job->generation != self->generation)
    {
      if (!ok && error != NULL)
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                             _("The journal was locked before this could be saved."));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
      return ok;
    }

  forget_unwritten (self, job);
  changes_init (&changes);
  if (ok)
    {
      /* The journal keeps showing the very object it was given. */
      hearth_shard_insert (job->shard, job->json);
      install_own_shard (self, g_steal_pointer (&job->shard), &changes);
      hearth_state_free (self->state);
      self->state = g_steal_pointer (&job->state);
      g_hash_table_remove (self->trust, job->seq_key);
    }
  else if (job->problem != NULL)
    {
      g_autoptr(GError) reason = trust_problem (self, job->seq_key, job->problem);

      g_hash_table_insert (self->trust, g_strdup (job->seq_key), g_steal_pointer (&job->problem));
      g_set_error (error, HEARTH_ERROR, reason->code,
                   _("This cannot be saved, because the file it belongs in cannot be used. %s"),
                   reason->message);
    }
  else if (job->shard != NULL && job->shard->error != NULL)
    {
      g_autoptr(GError) problem = shard_problem (self, job->shard);

      g_set_error (error, HEARTH_ERROR, job->shard->error->code,
                   _("This cannot be saved, because the file it belongs in cannot be used. %s"),
                   problem->message);
      install_shard (self, g_steal_pointer (&job->shard), &changes);
    }
  else
    g_propagate_error (error, g_steal_pointer (&job->error));

  /* Written or not, the record now shows what the files hold. */
  g_hash_table_add (changes.recompute, g_strdup (job->id));
  g_hash_table_add (changes.touched, g_strdup (job->id));
  apply_changes (self, &changes, NULL);
  changes_clear (&changes);
  if (!ok)
    g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
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
  GTask *task = user_data;
  HearthJournal *self = g_task_get_source_object (task);
  WriteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (write_job_finish (self, job, &error))
    {
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  g_signal_emit (self, signals[SAVE_FAILED], 0, job->record, error);
  g_task_return_error (task, g_steal_pointer (&error));
  return G_SOURCE_REMOVE;
}

static void
write_thread (gpointer data,
              gpointer user_data)
{
  GTask *task = data;

  write_job_run (g_task_get_task_data (task));
  run_in_context (g_task_get_context (task), G_PRIORITY_DEFAULT, write_done, task, g_object_unref);
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
queue_write (HearthJournal       *self,
             HearthRecord        *record,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             GError             **error)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  job = write_job_prepare (self, record, error);
  if (job == NULL)
    return FALSE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_journal_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
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
hearth_journal_save_async (HearthJournal       *self,
                           HearthRecord        *record,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (HEARTH_IS_JOURNAL (self));
  g_return_if_fail (HEARTH_IS_RECORD (record));

  if (!queue_write (self, record, cancellable, callback, user_data, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, hearth_journal_save_async);
      g_signal_emit (self, signals[SAVE_FAILED], 0, record, error);
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
                   _("There is nothing with the id %s in this journal (it may have been deleted)."), id);
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

/**
 * hearth_journal_join:
 * @partner_id: the partner this device belongs to
 *
 * Makes this installation a device of the journal: gives it a device id
 * (kept in the state folder) and its `device.json`.
 */
gboolean
hearth_journal_join (HearthJournal *self,
                     const char    *partner_id,
                     GError       **error)
{
  g_autofree char *device_id = NULL;
  HearthShardContext ctx;
  Changes changes;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  if (self->read_only || self->tampered != NULL)
    return hearth_journal_check_writable (self, error);
  if (!check_unlocked (self, error))
    return FALSE;
  if (holds_encrypted_files (self))
    {
      g_propagate_error (error, plain_tamper_error ());
      return FALSE;
    }
  if (hearth_journal_get_partner (self, partner_id) == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                           _("That partner is not in this journal."));
      return FALSE;
    }
  if (self->me != NULL)
    {
      HearthRecord *partner = hearth_journal_get_partner (self, self->me);
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_EXISTS,
                   _("This computer has already joined the journal as %s."),
                   partner ? hearth_record_get_string (partner, "name") : self->me);
      return FALSE;
    }

  device_id = self->device_id ? g_strdup (self->device_id) : hearth_uuid_new ();
  /* The state file first: a crash before device.json is written leaves an
   * id that the next join reuses, never a folder nobody owns. */
  if (!write_device_id (self->id, device_id, error))
    return FALSE;
  {
    int lock = lock_journal (self->id, error);
    g_autoptr(HearthState) state = NULL;

    if (lock < 0)
      return FALSE;
    state = hearth_state_load (self->id);
    g_free (state->device);
    g_free (state->partner);
    state->device = g_strdup (device_id);
    state->partner = g_strdup (partner_id);
    if (!hearth_state_save (self->id, state, error))
      {
        release_write_lock (lock);
        return FALSE;
      }
    release_write_lock (lock);
    hearth_state_free (self->state);
    self->state = g_steal_pointer (&state);
  }
  if (!write_device_file (self->path, device_id, partner_id, error))
    return FALSE;
  g_free (self->device_id);
  self->device_id = g_steal_pointer (&device_id);

  ctx = shard_context (self);
  changes_init (&changes);
  {
    g_autofree char *key = shard_key (self->device_id, "device.json");
    g_hash_table_remove (self->shards, key);
  }
  install_shard (self, hearth_shard_load (self->path, self->device_id, "device.json", &ctx), &changes);
  apply_changes (self, &changes, NULL);
  changes_clear (&changes);
  update_me (self);
  if (self->monitors != NULL)
    hearth_journal_set_watching (self, TRUE);
  return self->me != NULL || hearth_journal_check_writable (self, error);
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
  JsonNode *rewrapped;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  keys = unwrap_for_change (self, old_passphrase, new_passphrase,
                            _("This journal has no passphrase to change."), error);
  if (keys == NULL)
    return FALSE;
  encryption = json_object_get_object_member (self->manifest, "encryption");
  rewrapped = hearth_vault_rewrap_key (self->id, hearth_key_set_get_current (keys),
                                       new_passphrase, encryption, error);
  if (rewrapped == NULL)
    return FALSE;
  manifest = hearth_json_object_deep_copy (self->manifest);
  json_object_set_member (manifest, "encryption", rewrapped);
  if (!write_manifest (self->path, manifest, error))
    return FALSE;
  g_clear_pointer (&self->manifest, json_object_unref);
  self->manifest = g_steal_pointer (&manifest);
  return TRUE;
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
  int lock = lock_journal (journal_id, error);
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
  release_write_lock (lock);
  return saved ? g_steal_pointer (&state) : NULL;
}

static GPtrArray *
accept_items (HearthJournal *self,
              const char    *only)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) accept_item_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->trust);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (only == NULL || g_str_equal (only, key))
      {
        TrustProblem *problem = value;
        AcceptItem *item = g_new0 (AcceptItem, 1);

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
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
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
  const char *key = NULL;
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
                   _("The file %s has not gone back to an older version and is not missing, so there is nothing to accept."),
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
  AcceptData *data = task_data;
  GError *error = NULL;
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
hearth_journal_accept_all_async (HearthJournal       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
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

/* Every key of the journal (docs/format.md, "Replacing the key"), or
 * NULL while locked or without passphrase. */
const HearthKeySet *
hearth_journal_get_key_set (HearthJournal *self)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);

  return self->keys;
}

const HearthKey *
hearth_journal_get_data_key (HearthJournal *self)
{
  return self->key;
}

HearthRecordData *
hearth_journal_lookup_version (HearthJournal *self,
                               const char    *id)
{
  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), NULL);

  return g_hash_table_lookup (self->winners, id);
}

/**
 * hearth_journal_collect_marks:
 *
 * Returns: (transfer full): ritual id → (`YYYY-MM-DD` → "done" or
 *   "skipped") for every visible occurrence record, the input of
 *   hearth_stats_schedule() and friends
 */
GHashTable *
hearth_journal_collect_marks (HearthJournal *self)
{
  GListModel *model = hearth_journal_get_model (self, HEARTH_KIND_OCCURRENCE);
  GHashTable *by_ritual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthRecord) r = g_list_model_get_item (model, i);
      const char *ritual = hearth_record_get_string (r, "ritual");
      const char *date = hearth_record_get_string (r, "date");
      const char *status = hearth_record_get_string (r, "status");
      GHashTable *marks;

      if (ritual == NULL || date == NULL || status == NULL)
        continue;
      marks = g_hash_table_lookup (by_ritual, ritual);
      if (marks == NULL)
        {
          marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (by_ritual, g_strdup (ritual), marks);
        }
      g_hash_table_insert (marks, g_strdup (date), g_strdup (status));
    }
  return by_ritual;
}
