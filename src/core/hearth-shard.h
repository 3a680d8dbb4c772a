/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "hearth-json.h"
#include "hearth-record-data.h"
#include "hearth-vault.h"

G_BEGIN_DECLS

#define HEARTH_FORMAT_VERSION 1
/* The manifest's version: 2 once the journal's data key was replaced
 * (docs/format.md, "Replacing the data key"); data files stay at 1. */
#define HEARTH_MANIFEST_VERSION 2

/* One data file of one device folder, as last read from disk or written. */
typedef struct
{
  char       *device_id;
  char       *file_name; /* the name on disk */
  char       *canonical; /* the name it is, or is a conflict copy of */
  gboolean    conflict;
  GHashTable *records;   /* id → HearthRecordData */
  GHashTable *objects;   /* id → HearthRecord made off the main thread, or NULL */
  char       *partner;   /* device.json only: the partner of this device */
  gint64      seq;       /* the write counter inside the file, 0 when it has none */
  gboolean    encrypted; /* the file is in the encrypted form, readable or not */
  gboolean    old_key;   /* read, but sealed with a key the current one replaced */
  GError     *error;     /* why the file cannot be used; never written then */
  guint64     size;
  gint64      mtime;
  gboolean    exists;
} HearthShard;

typedef struct
{
  const char         *journal_id;
  const HearthKey    *key; /* NULL for a journal without passphrase */
  /* Every key of the journal, or NULL: then @key is its only one, and
   * files naming a key id are not read. */
  const HearthKeySet *keys;
} HearthShardContext;

char       *hearth_shard_canonical_name (const char *file_name,
                                         gboolean   *conflict);
const char *hearth_shard_type_for_name (const char *canonical);
int         hearth_shard_year (const char *canonical);

HearthShard *hearth_shard_new (const char *device_id,
                               const char *file_name);
HearthShard *hearth_shard_load (const char               *journal_path,
                                const char               *device_id,
                                const char               *file_name,
                                const HearthShardContext *ctx);
gboolean     hearth_shard_read_plain (HearthShard *shard,
                                      const char  *type,
                                      const char  *data,
                                      gsize        len,
                                      GError     **error);
void         hearth_shard_free (HearthShard *shard);
void         hearth_shard_insert (HearthShard      *shard,
                                  HearthRecordData *data);
char        *hearth_shard_relative_path (HearthShard *shard);
gboolean     hearth_shard_stat_changed (HearthShard *shard,
                                        const char  *journal_path);
void         hearth_shard_update_stat (HearthShard *shard,
                                       const char  *journal_path);

char    *hearth_shard_serialize (HearthShard *shard,
                                 gsize       *length);
gboolean hearth_shard_write_data (const char               *path,
                                  const char               *file_name,
                                  const char               *type,
                                  const char               *plain,
                                  gsize                     plain_len,
                                  const char               *device_id,
                                  const HearthShardContext *ctx,
                                  GError                  **error);
gboolean hearth_write_file (const char *path,
                            const char *contents,
                            gsize       length,
                            GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthShard, hearth_shard_free)

G_END_DECLS
