/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-journal-private.h"
#include "hearth-text.h"

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

gboolean
_hearth_journal_read_manifest (HearthJournal *self,
                               GError       **error)
{
  g_autofree char *path = g_build_filename (self->path, MANIFEST_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize       len = 0;
  JsonNode   *version, *encryption;
  JsonObject *manifest;
  const char *id;

  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                   _ ("The journal folder %s does not exist. If it is on a removable or network drive, connect it and try again."),
                   self->path);
      return FALSE;
    }
  if (!hearth_file_read (path, HEARTH_MAX_SMALL_FILE_SIZE, &data, &len, &local))
    {
      if (g_error_matches (local, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND))
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL,
                     _ ("There is no Hearth journal in %s (it has no hearth-journal.json)."),
                     self->path);
      else
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                     _ ("The file %s is damaged: %s. It was left untouched."), path, local->message);
      return FALSE;
    }
  root = hearth_json_parse (data, len, &local);
  if (root == NULL)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _ ("The file %s is damaged: %s. It was left untouched."), path, local->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _ ("The file %s is damaged: it is not a valid journal description. It was left untouched."),
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
                   _ ("The file %s is damaged: it does not say which journal this is or how it is encrypted. It was left untouched."),
                   path);
      return FALSE;
    }
  /* Absurd key settings would hang or exhaust the computer on unlock. */
  if (encryption != NULL && JSON_NODE_HOLDS_OBJECT (encryption) &&
      json_node_get_int (version) <= HEARTH_MANIFEST_VERSION &&
      !hearth_vault_check_limits (json_node_get_object (encryption), &local))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                   _ ("The file %s is damaged: %s. It was left untouched."), path, local->message);
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
  if (!_hearth_journal_read_manifest (self, error))
    return NULL;
  self->device_id = _hearth_journal_read_device_id (self->id);
  self->state = hearth_state_load (self->id);
  if (self->state->encrypted && !self->encrypted)
    self->tampered = _hearth_journal_plain_tamper_error ();
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError        *error = NULL;
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
hearth_journal_open_async (const char         *path,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
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
  gsize            len;

  if (!hearth_file_check_real_folder (journal_path, relative, error) || !_hearth_journal_ensure_folder (folder, error))
    return FALSE;
  json_object_set_int_member (doc, "hearth", HEARTH_FORMAT_VERSION);
  json_object_set_string_member (doc, "type", "device");
  json_object_set_string_member (doc, "device", device_id);
  json_object_set_string_member (doc, "partner", partner_id);
  json_node_set_object (root, doc);
  text = hearth_json_to_string (root, FALSE, &len);
  return hearth_write_file (path, text, len, error);
}

gboolean
_hearth_journal_write_manifest (const char *journal_path,
                                JsonObject *manifest,
                                GError    **error)
{
  g_autofree char *path = g_build_filename (journal_path, MANIFEST_NAME, NULL);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;
  gsize            len;

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
hearth_journal_create (const char       *path,
                       const char       *name,
                       const char *const partner_names[2],
                       const char *const partner_colors[2],
                       guint             me,
                       const char       *passphrase,
                       HearthKdfPreset   preset,
                       GError          **error)
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
  const char      *partner_ids[2] = { partner_a, partner_b };
  g_autoptr(HearthKey) data_key = NULL;
  g_autoptr(JsonObject) manifest = json_object_new ();
  g_autoptr(HearthShard) shared = NULL;
  g_autofree char   *plain = NULL;
  g_autofree char   *shared_path = NULL;
  HearthShardContext ctx;
  gsize              plain_len;

  g_return_val_if_fail (path != NULL && name != NULL && partner_names != NULL, NULL);
  g_return_val_if_fail (me < 2, NULL);

  if (!hearth_vault_init (error))
    return NULL;
  for (guint i = 0; i < 2; i++)
    if (partner_names[i] == NULL || strspn (partner_names[i], " \t\n") == strlen (partner_names[i]))
      {
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                             _ ("Both partners need a name."));
        return NULL;
      }

  folder = g_canonicalize_filename (path, NULL);
  manifest_path = g_build_filename (folder, MANIFEST_NAME, NULL);
  if (g_file_test (manifest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_EXISTS,
                   _ ("There is already a journal in %s. Open it, or choose another folder."),
                   folder);
      return NULL;
    }
  if (!_hearth_journal_ensure_folder (folder, error))
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

  if (!_hearth_journal_write_manifest (folder, manifest, error))
    return NULL;
  if (!_hearth_journal_write_device_id (journal_id, device_id, error))
    return NULL;
  {
    g_autoptr(HearthState) state = hearth_state_new ();
    g_autofree char *seq_key = hearth_state_seq_key (device_id, "shared.json");
    int              lock = _hearth_journal_take_write_lock (journal_id, error);

    if (lock < 0)
      return NULL;
    state->device = g_strdup (device_id);
    state->partner = g_strdup (partner_ids[me]);
    state->encrypted = data_key != NULL;
    state->key_check = data_key ? hearth_vault_key_check (journal_id, data_key) : NULL;
    hearth_state_set_seq (state, seq_key, 1);
    if (!hearth_state_save (journal_id, state, error))
      {
        _hearth_journal_release_write_lock (lock);
        return NULL;
      }
    _hearth_journal_release_write_lock (lock);
  }

  self = g_object_new (HEARTH_TYPE_JOURNAL, NULL);
  self->path = g_steal_pointer (&folder);
  if (!_hearth_journal_read_manifest (self, error))
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
  char           *path;
  char           *name;
  char           *partner_names[2];
  char           *partner_colors[2];
  guint           me;
  char           *passphrase;
  HearthKdfPreset preset;
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
  CreateData    *data = task_data;
  GError        *error = NULL;
  HearthJournal *journal;

  journal = hearth_journal_create (data->path, data->name,
                                   (const char *const *) data->partner_names,
                                   (const char *const *) data->partner_colors,
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
hearth_journal_create_async (const char         *path,
                             const char         *name,
                             const char *const   partner_names[2],
                             const char *const   partner_colors[2],
                             guint               me,
                             const char         *passphrase,
                             HearthKdfPreset     preset,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
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
  g_autofree char   *device_id = NULL;
  HearthShardContext ctx;
  Changes            changes;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (self), FALSE);

  if (self->read_only || self->tampered != NULL)
    return hearth_journal_check_writable (self, error);
  if (!_hearth_journal_check_unlocked (self, error))
    return FALSE;
  if (_hearth_journal_holds_encrypted_files (self))
    {
      g_propagate_error (error, _hearth_journal_plain_tamper_error ());
      return FALSE;
    }
  if (hearth_journal_get_partner (self, partner_id) == NULL)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                           _ ("That partner is not in this journal."));
      return FALSE;
    }
  if (self->me != NULL)
    {
      HearthRecord *partner = hearth_journal_get_partner (self, self->me);
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_EXISTS,
                   _ ("This computer has already joined the journal as %s."),
                   partner ? hearth_record_get_string (partner, "name") : self->me);
      return FALSE;
    }

  device_id = self->device_id ? g_strdup (self->device_id) : hearth_uuid_new ();
  /* The state file first: a crash before device.json is written leaves an
   * id that the next join reuses, never a folder nobody owns. */
  if (!_hearth_journal_write_device_id (self->id, device_id, error))
    return FALSE;
  {
    int lock = _hearth_journal_take_write_lock (self->id, error);
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
        _hearth_journal_release_write_lock (lock);
        return FALSE;
      }
    _hearth_journal_release_write_lock (lock);
    hearth_state_free (self->state);
    self->state = g_steal_pointer (&state);
  }
  if (!write_device_file (self->path, device_id, partner_id, error))
    return FALSE;
  g_free (self->device_id);
  self->device_id = g_steal_pointer (&device_id);

  ctx = _hearth_journal_shard_context (self);
  _hearth_journal_changes_init (&changes);
  {
    g_autofree char *key = _hearth_journal_shard_key (self->device_id, "device.json");
    g_hash_table_remove (self->shards, key);
  }
  _hearth_journal_install_shard (self, hearth_shard_load (self->path, self->device_id, "device.json", &ctx), &changes);
  _hearth_journal_apply_changes (self, &changes, NULL);
  _hearth_journal_changes_clear (&changes);
  _hearth_journal_update_me (self);
  if (self->monitors != NULL)
    hearth_journal_set_watching (self, TRUE);
  return self->me != NULL || hearth_journal_check_writable (self, error);
}
