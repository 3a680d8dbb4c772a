/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-record.h"
#include "hearth-shard.h"
#include "hearth-vault.h"
#include "hearth-test-clock.h"

#define JID "3f2b8f0e-1111-4c4c-9a9a-000000000001"

static void
test_names (void)
{
  struct
  {
    const char *name;
    const char *canonical;
    gboolean    conflict;
  } cases[] = {
    { "entries-2026.json", "entries-2026.json", FALSE },
    { "shared.json", "shared.json", FALSE },
    { "device.json", "device.json", FALSE },
    { "entries-2026.sync-conflict-20261122-093000-ABCDEFG.json", "entries-2026.json", TRUE },
    { "entries-2026 (conflicted copy 2026-11-22 093000).json", "entries-2026.json", TRUE },
    { "gratitude-2025 (Alex's conflicted copy 2026-11-22).json", "gratitude-2025.json", TRUE },
    { ".syncthing.entries-2026.json.tmp", NULL, FALSE },
    { "~syncthing~entries-2026.json.tmp", NULL, FALSE },
    { ".goutputstream-ABC123", NULL, FALSE },
    { "entries-2026.json.ABC123", NULL, FALSE },
    { "entries-26.json", NULL, FALSE },
    { "notes.txt", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean         conflict = !cases[i].conflict;
      g_autofree char *c = hearth_shard_canonical_name (cases[i].name, &conflict);
      g_assert_cmpstr (c, ==, cases[i].canonical);
      if (c)
        g_assert_cmpint (conflict, ==, cases[i].conflict);
    }
}

static void
write_and_read (const HearthKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hearth-shard-XXXXXX", &error);
  g_autofree char *dev_dir = g_build_filename (dir, "devices", "dev-a", NULL);
  g_autofree char *path = g_build_filename (dev_dir, "entries-2026.json", NULL);
  g_autofree char *moved = g_build_filename (dev_dir, "entries-2025.json", NULL);
  g_autoptr(HearthShard) shard = hearth_shard_new ("dev-a", "entries-2026.json");
  g_autoptr(HearthShard) back = NULL;
  g_autoptr(HearthShard) wrong = NULL;
  g_autoptr(HearthRecord) rec = hearth_record_new ("entry", NULL);
  HearthShardContext ctx = { JID, key };
  g_autofree char   *plain = NULL;
  g_autofree char   *before = NULL, *after = NULL;
  gsize              len = 0;
  GStatBuf           st;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dev_dir, 0700), ==, 0);

  hearth_record_set_string (rec, "body", "We walked by the river, Zebra-Marker");
  hearth_record_set_string (rec, "future_member", "kept");
  hearth_record_touch (rec, "dev-a", NULL);
  hearth_shard_insert (shard, hearth_record_get_data (rec));
  plain = hearth_shard_serialize (shard, &len);
  g_assert_true (hearth_shard_write_data (path, "entries-2026.json", "entries", plain, len,
                                          "dev-a", &ctx, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpint (strstr (before, "Zebra-Marker") != NULL, ==, key == NULL);

  back = hearth_shard_load (dir, "dev-a", "entries-2026.json", &ctx);
  g_assert_no_error (back->error);
  g_assert_cmpuint (g_hash_table_size (back->records), ==, 1);
  {
    HearthRecordData   *r = g_hash_table_lookup (back->records, hearth_record_get_id (rec));
    const HearthMember *m;

    g_assert_nonnull (r);
    /* Unknown to this version: kept as the text it was read as. */
    m = hearth_record_data_find (r, "future_member");
    g_assert_nonnull (m);
    g_assert_cmpint (m->type, ==, HEARTH_VALUE_RAW);
    g_assert_cmpstr (m->v.raw, ==, "\"kept\"");
  }

  if (key)
    {
      /* Renamed into another year's place: fails authentication, untouched. */
      g_assert_cmpint (g_rename (path, moved), ==, 0);
      wrong = hearth_shard_load (dir, "dev-a", "entries-2025.json", &ctx);
      g_assert_error (wrong->error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_cmpuint (g_hash_table_size (wrong->records), ==, 0);
      g_assert_true (g_file_get_contents (moved, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
      g_remove (moved);
    }
  else
    g_remove (path);
  g_rmdir (dev_dir);
  g_autofree char *devices = g_build_filename (dir, "devices", NULL);
  g_rmdir (devices);
  g_rmdir (dir);
}

static void
test_plain (void)
{
  write_and_read (NULL);
}

static void
test_encrypted (void)
{
  g_autoptr(HearthKey) key = hearth_key_new_random ();
  write_and_read (key);
}

static void
test_damaged_files (void)
{
  struct
  {
    const char *contents;
    int         code;
  } cases[] = {
    { "{\"hearth\":1,\"type\":\"entries\",\"rec", HEARTH_ERROR_DAMAGED },
    { "not json at all", HEARTH_ERROR_DAMAGED },
    { "{\"hearth\":2,\"type\":\"entries\",\"records\":[]}", HEARTH_ERROR_NEWER_FORMAT },
    { "{\"hearth\":1,\"type\":\"gratitude\",\"records\":[]}", HEARTH_ERROR_DAMAGED },
    { "{\"hearth\":1,\"type\":\"entries\",\"records\":[{\"id\":\"x\"}]}", HEARTH_ERROR_DAMAGED },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("hearth-shard-XXXXXX", &error);
  g_autofree char   *dev_dir = g_build_filename (dir, "devices", "dev-b", NULL);
  g_autofree char   *path = g_build_filename (dev_dir, "entries-2026.json", NULL);
  g_autofree char   *devices = g_build_filename (dir, "devices", NULL);
  HearthShardContext ctx = { JID, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dev_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HearthShard) s = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      s = hearth_shard_load (dir, "dev-b", "entries-2026.json", &ctx);
      g_assert_error (s->error, HEARTH_ERROR, cases[i].code);
      g_assert_cmpuint (g_hash_table_size (s->records), ==, 0);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, cases[i].contents);
    }
  g_remove (path);
  g_rmdir (dev_dir);
  g_rmdir (devices);
  g_rmdir (dir);
}

static void
test_merge_order (void)
{
  g_autoptr(JsonObject) a = json_object_new ();
  g_autoptr(JsonObject) b = json_object_new ();
  g_autoptr(HearthRecordData) da = NULL;
  g_autoptr(HearthRecordData) db = NULL;

  json_object_set_string_member (a, "updated", "2026-11-22T08:30:00.123Z");
  json_object_set_string_member (a, "device", "aaa");
  json_object_set_string_member (b, "updated", "2026-11-22T09:30:00.123+01:00");
  json_object_set_string_member (b, "device", "bbb");
  da = hearth_record_data_new_from_json (a, NULL, 0);
  db = hearth_record_data_new_from_json (b, NULL, 0);
  /* Same instant: the greater device wins. */
  g_assert_cmpint (hearth_record_compare_versions (da, db), <, 0);
  g_assert_cmpint (hearth_record_compare_versions (db, da), >, 0);
  g_assert_cmpint (hearth_record_compare_json_versions (a, b), <, 0);
  json_object_set_string_member (a, "updated", "2026-11-22T08:30:00.124Z");
  g_clear_pointer (&da, hearth_record_data_unref);
  da = hearth_record_data_new_from_json (a, NULL, 0);
  g_assert_cmpint (hearth_record_compare_versions (da, db), >, 0);
  g_assert_cmpint (hearth_record_compare_json_versions (a, b), >, 0);
}

/* What a record holds, as a file of a later version could write it:
 * members in no particular order, some this version does not know, with
 * values json-glib alone would change (1e999, a 30-digit integer, an
 * escape, a nested object). */
#define ROUND_TRIP_RECORD \
  "{\"kind\":\"entry\",\"far\":1e999,\"id\":\"r1\",\"created\":\"2026-03-01T10:00:00+01:00\"," \
  "\"big\":123456789012345678901234567890,\"updated\":\"2026-03-01T09:00:00.000Z\"," \
  "\"device\":\"dev-a\",\"title\":\"Spring\",\"esc\":\"caf\\u00e9\"," \
  "\"nested\":{\"a\":[1,2.50,null],\"b\":{}},\"tags\":[\"walk\",\"river\"],\"body\":\"Warm.\"}"

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char   *dir = g_dir_make_tmp ("hearth-shard-XXXXXX", &error);
  g_autofree char   *dev_dir = g_build_filename (dir, "devices", "dev-a", NULL);
  g_autofree char   *path = g_build_filename (dev_dir, "entries-2026.json", NULL);
  const char        *text = "{\"hearth\":1,\"type\":\"entries\",\"seq\":3,\"records\":[" ROUND_TRIP_RECORD "]}";
  HearthShardContext ctx = { JID, NULL };
  g_autoptr(HearthShard) shard = NULL;
  g_autoptr(HearthRecord) record = NULL;
  g_autofree char  *again = NULL;
  g_autofree char  *changed = NULL;
  HearthRecordData *data;
  gsize             len;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dev_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));

  shard = hearth_shard_load (dir, "dev-a", "entries-2026.json", &ctx);
  g_assert_no_error (shard->error);
  /* Written back as it was read: every member, in its order, unknown
   * ones to the byte. */
  again = hearth_shard_serialize (shard, &len);
  g_assert_cmpstr (again, ==, text);

  /* Changed through a record: the change lands in its place, the rest
   * stays exactly as read, and the shard still holds what the file says. */
  data = g_hash_table_lookup (shard->records, "r1");
  record = hearth_record_new_for_data (data);
  hearth_record_set_string (record, "title", "Early spring");
  g_assert_true (hearth_record_get_data (record) != data);
  g_assert_true (g_hash_table_lookup (shard->records, "r1") == data);
  hearth_shard_insert (shard, hearth_record_get_data (record));
  changed = hearth_shard_serialize (shard, &len);
  {
    g_autoptr(GString) expected = g_string_new (text);
    g_string_replace (expected, "\"title\":\"Spring\"", "\"title\":\"Early spring\"", 1);
    g_assert_cmpstr (changed, ==, expected->str);
  }

  /* Asked for, an unknown member is parsed; its text stays as read. */
  {
    g_autoptr(JsonNode) nested = hearth_record_dup_member (record, "nested");
    g_autoptr(JsonNode) none = hearth_record_dup_member (record, "mood");

    g_assert_true (JSON_NODE_HOLDS_OBJECT (nested));
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (nested), "a")), ==, 3);
    g_assert_null (none);
    g_assert_cmpstr (hearth_record_get_string (record, "esc"), ==, "caf\u00e9");
  }
  g_remove (path);
  g_rmdir (dev_dir);
  {
    g_autofree char *devices = g_build_filename (dir, "devices", NULL);
    g_rmdir (devices);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_assert_true (hearth_vault_init (NULL));
  g_test_add_func ("/shard/names", test_names);
  g_test_add_func ("/shard/plain", test_plain);
  g_test_add_func ("/shard/encrypted", test_encrypted);
  g_test_add_func ("/shard/damaged", test_damaged_files);
  g_test_add_func ("/shard/merge-order", test_merge_order);
  g_test_add_func ("/shard/round-trip", test_round_trip);
  return g_test_run ();
}
