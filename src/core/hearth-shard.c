/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-reader.h"
#include "hearth-record-data.h"
#include "hearth-shard.h"


static gboolean
is_year (const char *s,
         gsize       len)
{
  if (len != 4)
    return FALSE;
  for (gsize i = 0; i < 4; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_canonical (const char *name)
{
  static const char *prefixes[] = { "entries-", "gratitude-", "checkins-", "rituals-" };

  if (g_str_equal (name, "shared.json") || g_str_equal (name, "device.json"))
    return TRUE;
  if (!g_str_has_suffix (name, ".json"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]))
      {
        const char *year = name + strlen (prefixes[i]);
        return is_year (year, strlen (year) - strlen (".json"));
      }
  return FALSE;
}

/**
 * hearth_shard_canonical_name:
 * @file_name: a file name in a device folder
 * @conflict: (out) (optional): set when the file is a sync tool's conflict copy
 *
 * Returns: (transfer full) (nullable): the data file @file_name is or is a
 *   copy of, or %NULL when it is not a data file (temp files, unknown names)
 */
char *
hearth_shard_canonical_name (const char *file_name,
                             gboolean   *conflict)
{
  static GRegex *syncthing, *bracketed;
  g_autoptr(GMatchInfo) match = NULL;

  if (conflict)
    *conflict = FALSE;
  if (is_canonical (file_name))
    return g_strdup (file_name);

  if (g_once_init_enter (&bracketed))
    {
      syncthing = g_regex_new ("^(.+)\\.sync-conflict-[0-9A-Za-z-]+\\.json$", G_REGEX_OPTIMIZE, 0, NULL);
      /* Nextcloud "x (conflicted copy …).json", Dropbox "x (Alex's conflicted copy …).json" */
      g_once_init_leave (&bracketed,
                         g_regex_new ("^(.+) \\([^()]*conflicted copy[^()]*\\)\\.json$",
                                      G_REGEX_OPTIMIZE, 0, NULL));
    }

  if (!g_regex_match (syncthing, file_name, 0, &match))
    {
      g_clear_pointer (&match, g_match_info_unref);
      g_regex_match (bracketed, file_name, 0, &match);
    }
  if (g_match_info_matches (match))
    {
      g_autofree char *base = g_match_info_fetch (match, 1);
      g_autofree char *name = g_strconcat (base, ".json", NULL);

      if (is_canonical (name) && !g_str_equal (name, "device.json"))
        {
          if (conflict)
            *conflict = TRUE;
          return g_steal_pointer (&name);
        }
    }
  return NULL;
}

/**
 * hearth_shard_type_for_name:
 * Returns: the `type` a file of that canonical name has
 */
const char *
hearth_shard_type_for_name (const char *canonical)
{
  if (g_str_has_prefix (canonical, "entries-"))
    return "entries";
  if (g_str_has_prefix (canonical, "gratitude-"))
    return "gratitude";
  if (g_str_has_prefix (canonical, "checkins-"))
    return "checkins";
  if (g_str_has_prefix (canonical, "rituals-"))
    return "rituals";
  if (g_str_equal (canonical, "shared.json"))
    return "shared";
  if (g_str_equal (canonical, "device.json"))
    return "device";
  return NULL;
}

/* The year of a yearly file, 0 for shared.json and device.json. */
int
hearth_shard_year (const char *canonical)
{
  const char *dash = strrchr (canonical, '-');

  if (dash == NULL || !g_str_has_suffix (canonical, ".json"))
    return 0;
  return atoi (dash + 1);
}

HearthShard *
hearth_shard_new (const char *device_id,
                  const char *file_name)
{
  HearthShard *shard = g_new0 (HearthShard, 1);

  shard->device_id = g_strdup (device_id);
  shard->file_name = g_strdup (file_name);
  shard->canonical = hearth_shard_canonical_name (file_name, &shard->conflict);
  if (shard->canonical == NULL)
    shard->canonical = g_strdup (file_name);
  /* Keyed by the id inside each body: no copy of it. */
  shard->records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) hearth_record_data_unref);
  return shard;
}

/**
 * hearth_shard_insert:
 * Puts @data (a reference is taken) in @shard, in place of any version of
 * its record there.
 */
void
hearth_shard_insert (HearthShard      *shard,
                     HearthRecordData *data)
{
  /* The key goes with the body it points into. */
  g_hash_table_replace (shard->records, (char *) data->id, hearth_record_data_ref (data));
}

void
hearth_shard_free (HearthShard *shard)
{
  if (shard == NULL)
    return;
  g_free (shard->device_id);
  g_free (shard->file_name);
  g_free (shard->canonical);
  g_free (shard->partner);
  g_clear_pointer (&shard->objects, g_hash_table_unref);
  g_clear_pointer (&shard->records, g_hash_table_unref);
  g_clear_error (&shard->error);
  g_free (shard);
}

char *
hearth_shard_relative_path (HearthShard *shard)
{
  return g_build_filename ("devices", shard->device_id, shard->file_name, NULL);
}

static char *
shard_path (HearthShard *shard,
            const char  *journal_path)
{
  return g_build_filename (journal_path, "devices", shard->device_id, shard->file_name, NULL);
}

void
hearth_shard_update_stat (HearthShard *shard,
                          const char  *journal_path)
{
  g_autofree char *path = shard_path (shard, journal_path);
  GStatBuf         st;

  /* The link itself, never what it points to. */
  if (g_lstat (path, &st) == 0)
    {
      shard->exists = TRUE;
      shard->size = st.st_size;
      shard->mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
    }
  else
    {
      shard->exists = FALSE;
      shard->size = 0;
      shard->mtime = 0;
    }
}

/* Whether the file differs from what was last read or written. */
gboolean
hearth_shard_stat_changed (HearthShard *shard,
                           const char  *journal_path)
{
  gboolean exists = shard->exists;
  guint64  size = shard->size;
  gint64   mtime = shard->mtime;

  hearth_shard_update_stat (shard, journal_path);
  return exists != shard->exists || size != shard->size || mtime != shard->mtime;
}

static void
set_damaged (HearthShard *shard,
             const char  *reason)
{
  g_clear_error (&shard->error);
  g_set_error_literal (&shard->error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, reason);
  g_hash_table_remove_all (shard->records);
}

/* Checks "hearth" and "type"; sets a newer-format or damaged error. */
static gboolean
check_header (HearthDocument *doc,
              const char     *type,
              GError        **error)
{
  if (doc->hearth.cls != HEARTH_JSON_INT)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it has no format version"));
      return FALSE;
    }
  if (doc->hearth.number > HEARTH_FORMAT_VERSION)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                           _ ("it was written by a newer version of Hearth"));
      return FALSE;
    }
  if (doc->hearth.number != HEARTH_FORMAT_VERSION)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it has an unknown format version"));
      return FALSE;
    }
  if (!hearth_doc_value_is (&doc->type, type))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _ ("it is not a file of %s"), type);
      return FALSE;
    }
  return TRUE;
}

/* The write counter "seq": absent in files of older versions (0), else an
 * integer of at least 1. */
static gboolean
read_seq (HearthShard    *shard,
          HearthDocument *doc,
          GError        **error)
{
  shard->seq = 0;
  if (doc->seq.cls == HEARTH_JSON_ABSENT)
    return TRUE;
  if (doc->seq.cls != HEARTH_JSON_INT || doc->seq.number < 1)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("its write counter is not a positive whole number"));
      return FALSE;
    }
  shard->seq = doc->seq.number;
  return TRUE;
}

static gboolean
read_records (HearthShard    *shard,
              HearthDocument *doc,
              GError        **error)
{
  if (doc->records_value.cls != HEARTH_JSON_ARRAY)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it has no list of records"));
      return FALSE;
    }
  if (doc->records_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&doc->records_error));
      return FALSE;
    }
  for (guint i = 0; i < doc->records->len; i++)
    {
      HearthRecordData *data = g_ptr_array_index (doc->records, i);
      HearthRecordData *old = g_hash_table_lookup (shard->records, data->id);

      if (old == NULL || hearth_record_compare_versions (data, old) > 0)
        hearth_shard_insert (shard, data);
    }
  return TRUE;
}

/* The key that sealed a file: the one its `key_id` names, or the journal's
 * first key when it names none. */
static gboolean
sealing_key (HearthShard              *shard,
             HearthDocument           *doc,
             const HearthShardContext *ctx,
             const HearthKey         **key,
             GError                  **error)
{
  g_autofree char *id = NULL;

  if (doc->key_id.cls != HEARTH_JSON_ABSENT && doc->key_id.cls != HEARTH_JSON_NULL)
    {
      id = hearth_doc_value_dup (&doc->key_id);
      if (!hearth_key_id_is_valid (id))
        {
          g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                               _ ("the key it names is not a key id"));
          return FALSE;
        }
    }
  if (ctx->keys == NULL)
    *key = id == NULL ? ctx->key : NULL;
  else
    *key = hearth_key_set_lookup (ctx->keys, id);
  if (*key == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_UNKNOWN_KEY,
                   _ ("it is sealed with a key (%s) that hearth-journal.json, as this computer last read it, does not hold"),
                   id);
      return FALSE;
    }
  shard->old_key = ctx->keys != NULL && *key != hearth_key_set_get_current (ctx->keys);
  return TRUE;
}

/**
 * hearth_shard_read_plain:
 * Reads the plain form of a data file of @type (its text, decrypted when
 * it was sealed) into @shard, in one pass over @data.
 *
 * Returns: %FALSE with a reason that completes "… is damaged: " when the
 *   file cannot be used; @shard then holds no records
 */
gboolean
hearth_shard_read_plain (HearthShard *shard,
                         const char  *type,
                         const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_auto(HearthDocument) doc = { 0 };

  if (!hearth_document_read (&doc, data, len, TRUE, error) ||
      !check_header (&doc, type, error) || !read_seq (shard, &doc, error) ||
      !read_records (shard, &doc, error))
    {
      g_hash_table_remove_all (shard->records);
      shard->seq = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * hearth_shard_load:
 * Reads, authenticates and parses one file. Safe to call in a worker thread.
 *
 * Returns: (transfer full): the shard; when the file cannot be used its
 *   @error says why and it holds no records
 */
HearthShard *
hearth_shard_load (const char               *journal_path,
                   const char               *device_id,
                   const char               *file_name,
                   const HearthShardContext *ctx)
{
  g_autoptr(HearthShard) shard = hearth_shard_new (device_id, file_name);
  g_autofree char *relative = hearth_shard_relative_path (shard);
  g_autofree char *data = NULL;
  gsize            len = 0;
  g_autoptr(GError) error = NULL;
  g_auto(HearthDocument) doc = { 0 };
  const char *type = hearth_shard_type_for_name (shard->canonical);

  hearth_shard_update_stat (shard, journal_path);
  /* The cap also bounds the encrypted wrapper before it is decrypted. */
  if (!hearth_file_read_beneath (journal_path, relative, HEARTH_MAX_DATA_FILE_SIZE,
                                 &data, &len, &error))
    {
      set_damaged (shard, error->message);
      return g_steal_pointer (&shard);
    }

  /* A plain file's records are read in this same pass; an encrypted one's
   * wrapper holds none. */
  if (!hearth_document_read (&doc, data, len, ctx->key == NULL, &error) ||
      !check_header (&doc, type, &error))
    goto fail;

  if (g_str_equal (type, "device"))
    {
      g_autofree char *dev = hearth_doc_value_dup (&doc.device);
      g_autofree char *partner = hearth_doc_value_dup (&doc.partner);

      if (g_strcmp0 (dev, device_id) != 0 || partner == NULL || *partner == '\0')
        {
          g_set_error_literal (&error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                               _ ("it does not name this device and its partner"));
          goto fail;
        }
      shard->partner = g_steal_pointer (&partner);
      return g_steal_pointer (&shard);
    }

  if (doc.cipher.cls != HEARTH_JSON_ABSENT)
    {
      g_autofree char *aad = NULL;
      const HearthKey *key = NULL;
      char             empty[1] = "";
      char            *sealed = doc.ciphertext.cls == HEARTH_JSON_STRING ? (char *) doc.ciphertext.text : empty;
      gsize            sealed_len = doc.ciphertext.cls == HEARTH_JSON_STRING ? doc.ciphertext.text_len : 0;
      gsize            plain_len = 0;
      gboolean         ok;

      shard->encrypted = TRUE;
      if (ctx->key == NULL)
        {
          g_set_error_literal (&error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                               _ ("it is encrypted, but this journal has no passphrase"));
          goto fail;
        }
      if (!hearth_doc_value_is (&doc.cipher, "xchacha20poly1305-ietf"))
        {
          g_set_error_literal (&error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                               _ ("it uses an unknown cipher"));
          goto fail;
        }
      if (!sealing_key (shard, &doc, ctx, &key, &error))
        goto fail;
      aad = hearth_vault_file_aad (ctx->journal_id, device_id, shard->canonical);
      /* Decoded and decrypted where the text lies in the file's bytes
       * (which are ours), so the plaintext is never copied. */
      if (!hearth_vault_open_in_place (key, aad,
                                       doc.nonce.cls == HEARTH_JSON_STRING ? doc.nonce.text : "",
                                       doc.nonce.cls == HEARTH_JSON_STRING ? doc.nonce.text_len : 0,
                                       sealed, sealed_len, &plain_len, &error))
        goto fail;
      ok = hearth_shard_read_plain (shard, type, sealed, plain_len, &error);
      sodium_memzero (sealed, plain_len);
      if (!ok)
        goto fail;
    }
  else
    {
      if (ctx->key != NULL)
        {
          g_set_error_literal (&error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                               _ ("it is not encrypted, but this journal has a passphrase"));
          goto fail;
        }
      if (!read_seq (shard, &doc, &error) || !read_records (shard, &doc, &error))
        goto fail;
    }
  return g_steal_pointer (&shard);

fail:
  g_hash_table_remove_all (shard->records);
  shard->seq = 0;
  g_propagate_error (&shard->error, g_steal_pointer (&error));
  return g_steal_pointer (&shard);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  HearthRecordData *ra = *(HearthRecordData **) a;
  HearthRecordData *rb = *(HearthRecordData **) b;
  int               c = strcmp (ra->created, rb->created);

  if (c != 0)
    return c;
  return strcmp (ra->id, rb->id);
}

/**
 * hearth_shard_serialize:
 * Writes @shard's `seq` when it has one: the caller sets the counter of
 * the write it makes. Safe in any thread: the records' bodies never change.
 *
 * Returns: (transfer full): the plain form of the file, records in a stable order
 */
char *
hearth_shard_serialize (HearthShard *shard,
                        gsize       *length)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (g_hash_table_size (shard->records));
  /* Room for what the file held before, whose text is about as long, so
   * the text is not moved as it grows. */
  GString       *out = g_string_sized_new (MAX (4096, shard->size));
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_records);

  g_string_append_printf (out, "{\"hearth\":%d,\"type\":", HEARTH_FORMAT_VERSION);
  hearth_json_write_string (out, hearth_shard_type_for_name (shard->canonical));
  if (shard->seq > 0)
    g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT, shard->seq);
  g_string_append (out, ",\"records\":[");
  for (guint i = 0; i < sorted->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      hearth_record_data_write (g_ptr_array_index (sorted, i), out);
    }
  g_string_append (out, "]}");
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * hearth_write_file:
 * Writes atomically and durably (temp file, fsync, rename) with mode 0600.
 */
gboolean
hearth_write_file (const char *path,
                   const char *contents,
                   gsize       length,
                   GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_set_contents_full (path, contents, length,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local))
    return TRUE;

  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DISK_FULL,
                 _ ("Your changes cannot be saved: the disk holding %s is full. Free some space; nothing was lost."),
                 folder);
  else
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                 _ ("Your changes cannot be saved: the folder %s cannot be written (%s). Check that it exists and that you may write to it."),
                 folder, local->message);
  return FALSE;
}

/**
 * hearth_shard_write_data:
 * Encrypts (when the journal has a key) and writes the plain form of a file.
 * Safe in a worker thread.
 */
gboolean
hearth_shard_write_data (const char               *path,
                         const char               *file_name,
                         const char               *type,
                         const char               *plain,
                         gsize                     plain_len,
                         const char               *device_id,
                         const HearthShardContext *ctx,
                         GError                  **error)
{
  g_autofree char *aad = NULL;
  g_autoptr(GString) out = NULL;
  const HearthKey *key;
  const char      *key_id;

  {
    /* Nothing is written that does not read back (docs/format.md, "Records"). */
    g_autoptr(GError) local = NULL;
    g_auto(HearthDocument) back = { 0 };

    if (hearth_document_read (&back, plain, plain_len, FALSE, &local) &&
        back.records_value.cls != HEARTH_JSON_ARRAY)
      g_set_error_literal (&local, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it has no list of records"));
    if (local != NULL)
      {
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                     _ ("This cannot be saved: written out, %s would not read back (%s), so the file was left as it was."),
                     file_name, local->message);
        return FALSE;
      }
  }

  if (ctx->key == NULL)
    return hearth_write_file (path, plain, plain_len, error);

  /* The current key seals; a file names it once the journal's first key
   * was replaced. */
  key = ctx->keys ? hearth_key_set_get_current (ctx->keys) : ctx->key;
  key_id = ctx->keys ? hearth_key_set_get_current_id (ctx->keys) : NULL;
  aad = hearth_vault_file_aad (ctx->journal_id, device_id, file_name);
  /* One buffer for the whole file: the ciphertext is its bulk. */
  out = g_string_sized_new (plain_len / 3 * 4 + 512);
  g_string_append_printf (out, "{\"hearth\":%d,\"type\":\"%s\",\"cipher\":\"xchacha20poly1305-ietf\",",
                          HEARTH_FORMAT_VERSION, type);
  if (key_id)
    g_string_append_printf (out, "\"key_id\":\"%s\",", key_id);
  g_string_append (out, "\"nonce\":\"");
  hearth_vault_seal_to (key, aad, plain, plain_len, "\",\"ciphertext\":\"", out);
  g_string_append (out, "\"}\n");
  return hearth_write_file (path, out->str, out->len, error);
}
