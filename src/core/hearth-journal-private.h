/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-absorb.h"
#include "hearth-journal.h"
#include "hearth-record-data.h"
#include "hearth-record-list.h"
#include "hearth-shard.h"
#include "hearth-state.h"

G_BEGIN_DECLS

/* For tools that write a journal's files directly (the benchmark's
 * generator): the unwrapped data key, NULL while locked or unencrypted. */
const HearthKey    *hearth_journal_get_data_key (HearthJournal *self);
const HearthKeySet *hearth_journal_get_key_set (HearthJournal *self);
/* For restoring from a backup: the version of record @id that wins over
 * every file now, a tombstone included; NULL when no file holds it. */
HearthRecordData   *hearth_journal_lookup_version (HearthJournal *self,
                                                   const char    *id);

/* ------------------------------------------------------------------------ */
/* Shared by the files of HearthJournal only (hearth-journal*.c)             */

#define MANIFEST_NAME  "hearth-journal.json"
#define RESCAN_SECONDS 10
#define DEBOUNCE_MS    300

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
  GObject parent_instance;

  char         *path;
  char         *id;
  JsonObject   *manifest;
  gboolean      encrypted;
  gboolean      read_only;
  HearthKey    *key;
  HearthKeySet *keys; /* every data key, with @key the current one */

  char    *device_id; /* this installation's id, NULL until joined */
  char    *me;        /* the partner this device belongs to */
  gboolean loaded;
  gboolean to_search;  /* entries and gratitude as bodies only (HEARTH_LOAD_TO_SEARCH) */
  GArray  *scopes;     /* HearthLoadScope of the partial loads since the
                                  * last full one; NULL: every file was read */
  guint    generation; /* bumped on lock: loads in flight are dropped */

  GHashTable       *shards;    /* "device/file" → HearthShard */
  GHashTable       *winners;   /* id → HearthRecordData */
  GHashTable       *live;      /* id → HearthRecord, visible records only */
  GHashTable       *prepared;  /* id → HearthRecord built by the loader for a new winner */
  GHashTable       *unwritten; /* id → HearthRecordData saved but not yet in its file */
  guint             writes;    /* writes in flight */
  HearthRecordList *lists[HEARTH_N_KINDS];
  HearthRecord     *info; /* the `journal` record */

  HearthState *state;        /* what this installation remembers (hearth-state.h) */
  GError      *tampered;     /* why the manifest cannot be trusted: then read-only */
  GHashTable  *trust;        /* "device/file" → TrustProblem */
  char        *file_partner; /* the partner this device's own device.json names */

  GHashTable *monitors; /* folder path → GFileMonitor */
  guint       rescan_id;
  guint       debounce_id;

  gboolean absorbs;        /* takes in this device's conflict copies */
  gboolean absorb_running; /* a worker is taking them in */
  gboolean absorb_again;   /* another copy arrived meanwhile */
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_LOCKED,
  PROP_LOADED,
  PROP_SAVING,
  PROP_ABSORBS_CONFLICTS,
  N_PROPS
};

enum
{
  YEAR_LOADED,
  PROBLEMS_CHANGED,
  RECORDS_ARRIVED,
  SAVE_FAILED,
  LOCKING,
  N_SIGNALS
};

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
  gint64    seen; /* the greatest counter seen before */
  gint64    now;  /* the counter it has now (went back) */
} TrustProblem;

typedef struct
{
  HearthState *state; /* as remembered after this look */
  GHashTable  *trust; /* "device/file" → TrustProblem */
} Reconciled;

typedef struct
{
  char *device;
  char *name;
  int   year; /* 0 for shared.json and device.json: loaded first */
} FileRef;

typedef struct
{
  GHashTable *touched;   /* ids whose winner may have changed */
  GHashTable *recompute; /* ids whose winner must be found again */
} Changes;

/* Files, locks and what this device remembers (hearth-journal-files.c) */
gboolean    _hearth_journal_ensure_folder (const char *path,
                                           GError    **error);
char       *_hearth_journal_read_device_id (const char *journal_id);
gboolean    _hearth_journal_write_device_id (const char *journal_id,
                                             const char *device_id,
                                             GError    **error);
int         _hearth_journal_take_write_lock (const char *journal_id,
                                             GError    **error);
void        _hearth_journal_release_write_lock (int fd);
GHashTable *_hearth_journal_trust_table_new (void);
GHashTable *_hearth_journal_observations_new (void);
void        _hearth_journal_observe_shard (GHashTable  *observations,
                                           const char  *journal_path,
                                           HearthShard *shard);
void        _hearth_journal_reconciled_free (Reconciled *r);
Reconciled *_hearth_journal_reconcile (const char *journal_path,
                                       const char *journal_id,
                                       const char *device_id,
                                       const char *own_partner,
                                       GArray     *scopes,
                                       GHashTable *observations);
gboolean    _hearth_journal_verify_data_key (const char         *journal_id,
                                             const HearthKeySet *keys,
                                             GError            **error);
gboolean    _hearth_journal_holds_encrypted_files (HearthJournal *self);
GError     *_hearth_journal_plain_tamper_error (void);
gboolean    _hearth_journal_is_device_folder_name (const char *name);
GPtrArray  *_hearth_journal_scan_files (const char *journal_path);
char       *_hearth_journal_shard_key (const char *device,
                                       const char *name);
void        _hearth_journal_observe_absorbed (GHashTable     *observations,
                                              const char     *journal_path,
                                              HearthAbsorbed *absorbed);

/* Keys: unlocking, locking, replacing (hearth-journal-keys.c) */
gboolean _hearth_journal_may_reseal (HearthJournal *self);
void     _hearth_journal_note_stale_key (GPtrArray   *stale,
                                         HearthShard *shard,
                                         const char  *device_id);
void     _hearth_journal_reseal_files (const char         *journal_path,
                                       const char         *journal_id,
                                       const char         *device_id,
                                       const HearthKeySet *keys,
                                       GPtrArray          *names);
void     _hearth_journal_reseal_now (HearthJournal *self);
GError  *_hearth_journal_unknown_key_problem (const char *rel,
                                              const char *owner);

/* Loading (hearth-journal-load.c) */
gboolean        _hearth_journal_check_unlocked (HearthJournal *self,
                                                GError       **error);
gboolean        _hearth_journal_scopes_include (GArray     *scopes,
                                                const char *canonical);
void            _hearth_journal_run_in_context (GMainContext  *context,
                                                int            priority,
                                                GSourceFunc    func,
                                                gpointer       data,
                                                GDestroyNotify notify);
gboolean        _hearth_journal_may_absorb (HearthJournal *self);
HearthAbsorbed *_hearth_journal_absorb_own_copies (const char         *journal_path,
                                                   const char         *journal_id,
                                                   const char         *device_id,
                                                   const HearthKey    *key,
                                                   const HearthKeySet *keys,
                                                   HearthState       **state_out);
void            _hearth_journal_install_absorbed (HearthJournal  *self,
                                                  HearthAbsorbed *absorbed);

/* Merging (hearth-journal-merge.c) */
void               _hearth_journal_changes_init (Changes *changes);
void               _hearth_journal_changes_clear (Changes *changes);
void               _hearth_journal_install_shard (HearthJournal *self,
                                                  HearthShard   *shard,
                                                  Changes       *changes);
void               _hearth_journal_remove_shard (HearthJournal *self,
                                                 const char    *key,
                                                 Changes       *changes);
void               _hearth_journal_apply_changes (HearthJournal *self,
                                                  Changes       *changes,
                                                  GPtrArray     *arrived);
void               _hearth_journal_update_me (HearthJournal *self);
void               _hearth_journal_install_reconciled (HearthJournal *self,
                                                       Reconciled    *r);
void               _hearth_journal_reconcile_now (HearthJournal *self);
HearthShardContext _hearth_journal_shard_context (HearthJournal *self);

/* Opening and creating (hearth-journal-open.c) */
gboolean _hearth_journal_read_manifest (HearthJournal *self,
                                        GError       **error);
gboolean _hearth_journal_write_manifest (const char *journal_path,
                                         JsonObject *manifest,
                                         GError    **error);

/* Problems (hearth-journal-problems.c) */
GError *_hearth_journal_trust_problem (HearthJournal      *self,
                                       const char         *key,
                                       const TrustProblem *problem);
GError *_hearth_journal_shard_problem (HearthJournal *self,
                                       HearthShard   *shard);

/* Writing (hearth-journal-save.c) */
void _hearth_journal_install_own_shard (HearthJournal *self,
                                        HearthShard   *fresh,
                                        Changes       *changes);

/* The object (hearth-journal.c) */
int  _hearth_journal_kind_index (const char *kind);
void _hearth_journal_clear_records (HearthJournal *self);
void _hearth_journal_notify (HearthJournal *self,
                             guint          prop);
void _hearth_journal_emit (HearthJournal *self,
                           guint          signal,
                           ...);

G_END_DECLS
