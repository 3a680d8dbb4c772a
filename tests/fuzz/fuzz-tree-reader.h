/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* How data files were read before the one-pass reader: a json-glib tree,
 * hearth_record_validate_json() and hearth_record_data_new_from_json(),
 * with the members this version does not know taken again from the text.
 * Kept for the tests to hold the reader to; Hearth itself no longer reads
 * files this way. */

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hearth-error.h"
#include "hearth-json.h"
#include "hearth-record.h"
#include "hearth-record-data.h"
#include "hearth-shard.h"

static inline gboolean
fuzz_tree_check_header (JsonObject *doc,
                        const char *type,
                        GError    **error)
{
  JsonNode *version = json_object_get_member (doc, "hearth");

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it has no format version"));
      return FALSE;
    }
  if (json_node_get_int (version) > HEARTH_FORMAT_VERSION)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NEWER_FORMAT,
                           _ ("it was written by a newer version of Hearth"));
      return FALSE;
    }
  if (json_node_get_int (version) != HEARTH_FORMAT_VERSION)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it has an unknown format version"));
      return FALSE;
    }
  if (g_strcmp0 (hearth_json_get_string (doc, "type", ""), type) != 0)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it is not a file of %s"), type);
      return FALSE;
    }
  return TRUE;
}

static inline gboolean
fuzz_tree_read_seq (HearthShard *shard,
                    JsonObject  *doc,
                    GError     **error)
{
  JsonNode *seq = json_object_get_member (doc, "seq");

  shard->seq = 0;
  if (seq == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (seq) || json_node_get_value_type (seq) != G_TYPE_INT64 ||
      json_node_get_int (seq) < 1)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("its write counter is not a positive whole number"));
      return FALSE;
    }
  shard->seq = json_node_get_int (seq);
  return TRUE;
}

static inline gboolean
fuzz_tree_read_records (HearthShard *shard,
                        JsonObject  *doc,
                        const char  *text,
                        gsize        len,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (doc, "records");
  g_autoptr(GArray) spans = NULL;
  gboolean   no_spans = FALSE;
  JsonArray *records;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("it has no list of records"));
      return FALSE;
    }
  records = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *e = json_array_get_element (records, i);
      g_autoptr(HearthRecordData) data = NULL;
      HearthRecordData *old;
      JsonObject       *rec;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, _ ("a record is not an object"));
          return FALSE;
        }
      rec = json_node_get_object (e);
      if (!hearth_record_validate_json (rec, error))
        return FALSE;
      data = hearth_record_data_new_from_json (rec, NULL, 0);
      if (hearth_record_data_has_unknown (data) && !no_spans)
        {
          if (spans == NULL)
            {
              spans = hearth_json_raw_elements (text, len, "records");
              if (spans != NULL && spans->len != json_array_get_length (records))
                g_clear_pointer (&spans, g_array_unref);
              no_spans = spans == NULL;
            }
          if (spans != NULL)
            {
              HearthJsonSpan *span = &g_array_index (spans, HearthJsonSpan, i);

              g_clear_pointer (&data, hearth_record_data_unref);
              data = hearth_record_data_new_from_json (rec, text + span->offset, span->length);
            }
        }
      old = g_hash_table_lookup (shard->records, data->id);
      if (old == NULL || hearth_record_compare_versions (data, old) > 0)
        hearth_shard_insert (shard, data);
    }
  return TRUE;
}

/* hearth_shard_read_plain() as it was. */
static inline gboolean
fuzz_tree_read_plain (HearthShard *shard,
                      const char  *type,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonNode) root = hearth_json_parse (data, len, error);
  JsonObject *doc;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                           _ ("it does not hold a Hearth document"));
      return FALSE;
    }
  doc = json_node_get_object (root);
  if (!fuzz_tree_check_header (doc, type, error) || !fuzz_tree_read_seq (shard, doc, error) ||
      !fuzz_tree_read_records (shard, doc, data, len, error))
    {
      g_hash_table_remove_all (shard->records);
      shard->seq = 0;
      return FALSE;
    }
  return TRUE;
}

/* NULL when the two bodies are the same, else what differs. */
static inline char *
fuzz_compare_data (HearthRecordData *a,
                   HearthRecordData *b)
{
  if (a->n_members != b->n_members)
    return g_strdup_printf ("%s: %u and %u members", a->id, a->n_members, b->n_members);
  if (strcmp (a->id, b->id) || strcmp (a->kind, b->kind) || strcmp (a->created, b->created) ||
      strcmp (a->updated, b->updated) || strcmp (a->device, b->device) ||
      a->deleted != b->deleted || a->updated_usec != b->updated_usec || a->sort_key != b->sort_key)
    return g_strdup_printf ("%s: the head differs", a->id);
  for (guint i = 0; i < a->n_members; i++)
    {
      const HearthMember *x = &a->members[i], *y = &b->members[i];
      gboolean            same = strcmp (x->name, y->name) == 0 && x->type == y->type && x->known == y->known &&
                      x->has_text == y->has_text && x->ascii == y->ascii;

      if (same)
        switch (x->type)
          {
          case HEARTH_VALUE_TEXT:
            same = x->n == y->n && strcmp (x->v.text, y->v.text) == 0;
            break;
          case HEARTH_VALUE_TEXTS:
            same = x->n == y->n;
            for (guint j = 0; same && j < x->n; j++)
              same = strcmp (x->v.texts[j], y->v.texts[j]) == 0;
            same = same && x->v.texts[x->n] == NULL && y->v.texts[y->n] == NULL;
            break;
          case HEARTH_VALUE_NUMBER:
            same = x->v.number == y->v.number;
            break;
          case HEARTH_VALUE_FLAG:
            same = x->v.flag == y->v.flag;
            break;
          case HEARTH_VALUE_RAW:
            same = x->n == y->n && memcmp (x->v.raw, y->v.raw, x->n + 1) == 0 &&
                   (!x->has_text || strcmp (x->v.raw + x->n + 1, y->v.raw + y->n + 1) == 0);
            break;
          default:
            break;
          }
      if (!same)
        return g_strdup_printf ("%s: member %u (%s, %s) differs", a->id, i, x->name, y->name);
    }
  return NULL;
}

/* NULL when both shards hold the same counter and records, else what differs. */
static inline char *
fuzz_compare_shards (HearthShard *a,
                     HearthShard *b)
{
  GHashTableIter iter;
  gpointer       key, value;

  if (a->seq != b->seq)
    return g_strdup_printf ("counters %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT, a->seq, b->seq);
  if (g_hash_table_size (a->records) != g_hash_table_size (b->records))
    return g_strdup_printf ("%u and %u records", g_hash_table_size (a->records),
                            g_hash_table_size (b->records));
  g_hash_table_iter_init (&iter, a->records);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HearthRecordData *other = g_hash_table_lookup (b->records, key);

      if (other == NULL)
        return g_strdup_printf ("record %s is missing", (const char *) key);
      if (other != value)
        {
          char *what = fuzz_compare_data (value, other);

          if (what != NULL)
            return what;
        }
    }
  return NULL;
}
