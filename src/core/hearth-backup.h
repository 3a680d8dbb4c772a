/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

/* The list of files inside every backup folder, beside the copies. */
#define HEARTH_BACKUP_INDEX_NAME "hearth-backup.json"
/* How many backups are kept: the newest days, and the first backup of
 * each of the newest months. */
#define HEARTH_BACKUP_KEEP_DAILY   14
#define HEARTH_BACKUP_KEEP_MONTHLY 12

/**
 * HearthBackupInfo:
 * @path: the backup's folder
 * @date: the day it was made, `YYYY-MM-DD` (the folder's name)
 * @made: when it was made, seconds since the epoch (0 when unknown)
 * @size: the bytes of the journal's files it holds
 * @n_files: how many files it holds
 * @complete: its list of files reads back; a backup without one cannot be
 *   restored from
 *
 * One backup of a journal, as found in its folder.
 */
typedef struct
{
  char    *path;
  char    *date;
  gint64   made;
  guint64  size;
  guint    n_files;
  gboolean complete;
} HearthBackupInfo;

/**
 * HearthBackupFlags:
 * @HEARTH_BACKUP_NONE: keep today's backup when there is one already
 * @HEARTH_BACKUP_REPLACE: make today's backup again from the journal as it
 *   is now ("Back Up Now")
 */
typedef enum
{
  HEARTH_BACKUP_NONE = 0,
  HEARTH_BACKUP_REPLACE = 1 << 0,
} HearthBackupFlags;

void              hearth_backup_info_free (HearthBackupInfo *info);
HearthBackupInfo *hearth_backup_info_copy (const HearthBackupInfo *info);

char *hearth_backup_get_root (void);
char *hearth_backup_get_folder (const char *root,
                                const char *journal_id);

HearthBackupInfo *hearth_backup_make (const char       *journal_path,
                                      const char       *journal_id,
                                      const char       *root,
                                      HearthBackupFlags flags,
                                      GCancellable     *cancellable,
                                      GError          **error);
GPtrArray        *hearth_backup_list (const char *journal_id,
                                      const char *root,
                                      GError    **error);
gboolean          hearth_backup_prune (const char *journal_id,
                                       const char *root,
                                       GError    **error);

void              hearth_backup_make_async (HearthJournal      *journal,
                                            HearthBackupFlags   flags,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
HearthBackupInfo *hearth_backup_make_finish (GAsyncResult *result,
                                             GError      **error);
void              hearth_backup_list_async (HearthJournal      *journal,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
GPtrArray        *hearth_backup_list_finish (GAsyncResult *result,
                                             GError      **error);

/* Backs a journal up once a day while it is kept open. */
typedef struct _HearthBackupDaily HearthBackupDaily;

HearthBackupDaily *hearth_backup_daily_start (HearthJournal *journal);
void               hearth_backup_daily_stop (HearthBackupDaily *daily);

/**
 * HearthRestoreReason:
 * @HEARTH_RESTORE_DELETED: deleted from the journal since the backup
 * @HEARTH_RESTORE_MISSING: in no file of the journal any more (its file was
 *   lost)
 * @HEARTH_RESTORE_NEWER_TEXT: the journal went back to an older version of
 *   it than the backup holds
 * @HEARTH_RESTORE_EARLIER_TEXT: changed since the backup; the text the
 *   backup holds comes back as a copy beside the current one, which stays
 *   as it is
 *
 * Why a record of a backup would come back.
 */
typedef enum
{
  HEARTH_RESTORE_DELETED,
  HEARTH_RESTORE_MISSING,
  HEARTH_RESTORE_NEWER_TEXT,
  HEARTH_RESTORE_EARLIER_TEXT,
  HEARTH_RESTORE_N_REASONS
} HearthRestoreReason;

/**
 * HearthRestoreItem:
 * @reason: why it comes back
 * @kind: the record's kind (`entry`, `gratitude`, …)
 * @id: the record's id
 * @title: a few words that name it for a person (journal text: never log it)
 * @date: its day, `YYYY-MM-DD`
 * @json: the version the backup holds
 */
typedef struct
{
  HearthRestoreReason reason;
  char               *kind;
  char               *id;
  char               *title;
  char               *date;
  JsonObject         *json;
} HearthRestoreItem;

typedef struct _HearthRestorePlan HearthRestorePlan;

HearthRestorePlan *hearth_restore_plan_new (HearthJournal *journal,
                                            const char    *backup_path,
                                            GError       **error);
void               hearth_restore_plan_new_async (HearthJournal      *journal,
                                                  const char         *backup_path,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
HearthRestorePlan *hearth_restore_plan_new_finish (HearthJournal *journal,
                                                   GAsyncResult  *result,
                                                   GError       **error);
void               hearth_restore_plan_free (HearthRestorePlan *plan);

const char *hearth_restore_plan_get_date (HearthRestorePlan *plan);
GPtrArray  *hearth_restore_plan_get_items (HearthRestorePlan *plan);
guint       hearth_restore_plan_count (HearthRestorePlan  *plan,
                                       HearthRestoreReason reason);
char       *hearth_restore_plan_describe (HearthRestorePlan *plan);
gboolean    hearth_restore_plan_apply (HearthRestorePlan *plan,
                                       HearthJournal     *journal,
                                       guint             *n_restored,
                                       GError           **error);
void        hearth_restore_plan_apply_async (HearthRestorePlan  *plan,
                                             HearthJournal      *journal,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean    hearth_restore_plan_apply_finish (HearthJournal *journal,
                                              GAsyncResult  *result,
                                              guint         *n_restored,
                                              GError       **error);

const char *hearth_restore_kind_name (const char *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthBackupInfo, hearth_backup_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthBackupDaily, hearth_backup_daily_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthRestorePlan, hearth_restore_plan_free)

G_END_DECLS
