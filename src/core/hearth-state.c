/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hearth-shard.h"
#include "hearth-state.h"

#include "hearth-file.h"
#include "hearth-json.h"

/* A state file is small; a larger one is not ours and is not parsed. */
#define MAX_STATE_SIZE (1024 * 1024)

static char *
state_file (const char *journal_id)
{
  g_autofree char *name = g_strconcat (journal_id, ".trust", NULL);
  return g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
}

HearthState *
hearth_state_new (void)
{
  HearthState *state = g_new0 (HearthState, 1);

  state->seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return state;
}

HearthState *
hearth_state_copy (const HearthState *state)
{
  HearthState   *copy = hearth_state_new ();
  GHashTableIter iter;
  gpointer       key, value;

  copy->device = g_strdup (state->device);
  copy->partner = g_strdup (state->partner);
  copy->encrypted = state->encrypted;
  copy->key_check = g_strdup (state->key_check);
  g_hash_table_iter_init (&iter, state->seq);
  while (g_hash_table_iter_next (&iter, &key, &value))
    hearth_state_set_seq (copy, key, *(gint64 *) value);
  g_hash_table_iter_init (&iter, state->accepted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    hearth_state_set_accepted (copy, key, *(gint64 *) value);
  return copy;
}

void
hearth_state_free (HearthState *state)
{
  if (state == NULL)
    return;
  g_free (state->device);
  g_free (state->partner);
  g_free (state->key_check);
  g_clear_pointer (&state->seq, g_hash_table_unref);
  g_clear_pointer (&state->accepted, g_hash_table_unref);
  g_free (state);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
read_counters (JsonNode   *node,
               GHashTable *table,
               gint64      least)
{
  JsonObjectIter iter;
  const char    *key;
  JsonNode      *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64 &&
        json_node_get_int (value) >= least)
      {
        gint64 n = json_node_get_int (value);
        g_hash_table_insert (table, g_strdup (key), g_memdup2 (&n, sizeof n));
      }
}

static void
add_counters (JsonBuilder *builder,
              const char  *name,
              GHashTable  *table)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_int_value (builder, *(gint64 *) g_hash_table_lookup (table, l->data));
    }
  json_builder_end_object (builder);
}

/**
 * hearth_state_load:
 * Reads what this installation remembers about the journal. A journal
 * never seen here, or a state file that cannot be read, gives an empty
 * state: the next look records what is there (older journals migrate
 * quietly).
 *
 * Returns: (transfer full): the state
 */
HearthState *
hearth_state_load (const char *journal_id)
{
  g_autoptr(HearthState) state = hearth_state_new ();
  g_autofree char *path = state_file (journal_id);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize       len = 0;
  JsonObject *doc;

  /* Bounded, without following a link and nested no deeper than any
   * journal file: the same guard as the folder's own files. */
  if (!hearth_file_read (path, MAX_STATE_SIZE, &data, &len, NULL) ||
      (root = hearth_json_parse (data, len, NULL)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&state);

  doc = json_node_get_object (root);
  state->device = dup_string_member (doc, "device");
  state->partner = dup_string_member (doc, "partner");
  state->key_check = dup_string_member (doc, "key_check");
  state->encrypted = hearth_json_get_boolean (doc, "encrypted", FALSE) ||
                     state->key_check != NULL;
  read_counters (json_object_get_member (doc, "seq"), state->seq, 0);
  read_counters (json_object_get_member (doc, "accepted"), state->accepted, -1);
  return g_steal_pointer (&state);
}

/**
 * hearth_state_save:
 * Writes @state atomically and durably. Call it with the journal's write
 * lock held, after reading the state again under that lock.
 */
gboolean
hearth_state_save (const char        *journal_id,
                   const HearthState *state,
                   GError           **error)
{
  g_autofree char *path = state_file (journal_id);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize            len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hearth");
  json_builder_add_int_value (builder, 1);
  if (state->device != NULL && state->partner != NULL)
    {
      json_builder_set_member_name (builder, "device");
      json_builder_add_string_value (builder, state->device);
      json_builder_set_member_name (builder, "partner");
      json_builder_add_string_value (builder, state->partner);
    }
  json_builder_set_member_name (builder, "encrypted");
  json_builder_add_boolean_value (builder, state->encrypted);
  if (state->key_check != NULL)
    {
      json_builder_set_member_name (builder, "key_check");
      json_builder_add_string_value (builder, state->key_check);
    }
  add_counters (builder, "seq", state->seq);
  add_counters (builder, "accepted", state->accepted);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = hearth_json_to_string (root, TRUE, &len);

  /* A missing folder shows as the write's own error below. */
  g_mkdir_with_parents (folder, 0700);
  return hearth_write_file (path, text, len, error);
}

/**
 * hearth_state_seq_key:
 * Returns: (transfer full): the key under which the counter of @file_name
 *   (a canonical name) of @device_id is remembered
 */
char *
hearth_state_seq_key (const char *device_id,
                      const char *file_name)
{
  return g_strconcat (device_id, "/", file_name, NULL);
}

gboolean
hearth_state_get_seq (const HearthState *state,
                      const char        *key,
                      gint64            *seq)
{
  gint64 *value = g_hash_table_lookup (state->seq, key);

  if (value == NULL)
    return FALSE;
  if (seq)
    *seq = *value;
  return TRUE;
}

void
hearth_state_set_seq (HearthState *state,
                      const char  *key,
                      gint64       seq)
{
  g_hash_table_insert (state->seq, g_strdup (key), g_memdup2 (&seq, sizeof seq));
}

gboolean
hearth_state_remove_seq (HearthState *state,
                         const char  *key)
{
  return g_hash_table_remove (state->seq, key);
}

gboolean
hearth_state_get_accepted (const HearthState *state,
                           const char        *key,
                           gint64            *seq)
{
  gint64 *value = g_hash_table_lookup (state->accepted, key);

  if (value == NULL)
    return FALSE;
  if (seq)
    *seq = *value;
  return TRUE;
}

/**
 * hearth_state_set_accepted:
 * Remembers that the person chose to keep the file under @key as it is:
 * at counter @seq (below the greatest seen), or gone (@seq -1). The
 * greatest counter seen stays, so the next write counts on from it.
 */
void
hearth_state_set_accepted (HearthState *state,
                           const char  *key,
                           gint64       seq)
{
  g_hash_table_insert (state->accepted, g_strdup (key), g_memdup2 (&seq, sizeof seq));
}

gboolean
hearth_state_remove_accepted (HearthState *state,
                              const char  *key)
{
  return g_hash_table_remove (state->accepted, key);
}
