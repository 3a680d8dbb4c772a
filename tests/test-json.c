/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-json.h"
#include "hearth-record.h"
#include "hearth-shard.h"
#include "hearth-text.h"
#include "hearth-vault.h"
#include "hearth-test-clock.h"

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
assert_bounds_fail (const char *data,
                    const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (hearth_json_check_bounds (data, strlen (data), HEARTH_JSON_MAX_DEPTH, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_bounds (void)
{
  g_autofree char *deep = repeat ("[", 100000);
  g_autofree char *open64 = repeat ("[", 64);
  g_autofree char *close64 = repeat ("]", 64);
  g_autofree char *ok64 = g_strconcat (open64, close64, NULL);
  g_autofree char *bad65 = g_strconcat ("{\"a\":", ok64, "}", NULL);
  g_autofree char *in_string = g_strconcat ("{\"text\":\"", deep, "\\\"{{{\"}", NULL);
  g_autofree char *tiny = repeat ("{},", 400000);
  g_autofree char *many = g_strconcat ("[", tiny, "{}]", NULL);
  g_autoptr(GError) error = NULL;

  assert_bounds_fail (deep, "nested more than 64 levels");
  g_assert_true (hearth_json_check_bounds (ok64, strlen (ok64), 64, &error));
  g_assert_no_error (error);
  assert_bounds_fail (bad65, "nested more than 64 levels");
  /* Brackets and escaped quotes inside a string are text. */
  g_assert_true (hearth_json_check_bounds (in_string, strlen (in_string), 64, &error));
  g_assert_no_error (error);
  /* json-glib reads comments and single quotes; the guard does not, so
   * nothing can hide a bracket from it. */
  assert_bounds_fail ("/* \" */ [[[]]]", "not valid JSON");
  assert_bounds_fail ("{'a':1}", "not valid JSON");
  assert_bounds_fail ("{\"a\":\"unterminated", "not valid JSON");
  assert_bounds_fail ("[[]", "not valid JSON");
  assert_bounds_fail ("[]]", "not valid JSON");
  assert_bounds_fail (many, "far more values");
  /* A real file: plenty of bytes per value. */
  {
    const char *real = "{\"hearth\":1,\"type\":\"entries\",\"records\":[]}";
    g_assert_true (hearth_json_check_bounds (real, strlen (real), 64, NULL));
  }
}

static void
test_raw_round_trip (void)
{
  const char *text = "{\"id\":\"x\",\"huge\":1e999,\"big\":123456789012345678901234567890,"
                     "\"nul\":\"a\\u0000b\",\"esc\":\"\\u00e9\\/\",\"deep\":{\"x\":[1e999, -0]},"
                     "\"n\\u00e4me\":true,\"dup\":1,\"dup\":2}";
  g_autoptr(GHashTable) members = hearth_json_raw_members (text, strlen (text));
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *doc = "{\"hearth\":1,\"records\":[{\"a\":[1,{\"b\":2}]} , \"s,]\" ,3]}";

  g_assert_nonnull (members);
  g_assert_cmpstr (g_hash_table_lookup (members, "huge"), ==, "1e999");
  g_assert_cmpstr (g_hash_table_lookup (members, "big"), ==, "123456789012345678901234567890");
  g_assert_cmpstr (g_hash_table_lookup (members, "nul"), ==, "\"a\\u0000b\"");
  g_assert_cmpstr (g_hash_table_lookup (members, "deep"), ==, "{\"x\":[1e999, -0]}");
  g_assert_cmpstr (g_hash_table_lookup (members, "näme"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (members, "dup"), ==, "2");

  json_object_set_member (object, "huge", hearth_json_raw_new ("1e999", 5));
  json_object_set_member (object, "nul", hearth_json_raw_new ("\"a\\u0000b\"", 10));
  json_object_set_double_member (object, "inf", INFINITY);
  json_object_set_string_member (object, "ctl", "\x1b[31m\x7f");
  json_node_set_object (root, object);
  out = hearth_json_to_string (root, FALSE, NULL);
  g_assert_cmpstr (out, ==, "{\"huge\":1e999,\"nul\":\"a\\u0000b\",\"inf\":null,\"ctl\":\"\\u001b[31m\\u007f\"}");
  back = hearth_json_parse (out, strlen (out), &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  spans = hearth_json_raw_elements (doc, strlen (doc), "records");
  g_assert_nonnull (spans);
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpint (strncmp (doc + g_array_index (spans, HearthJsonSpan, 0).offset,
                            "{\"a\":[1,{\"b\":2}]}", g_array_index (spans, HearthJsonSpan, 0).length),
                   ==, 0);
  g_assert_cmpint (strncmp (doc + g_array_index (spans, HearthJsonSpan, 1).offset, "\"s,]\"", 5), ==, 0);
  g_assert_cmpuint (g_array_index (spans, HearthJsonSpan, 2).length, ==, 1);
  g_assert_null (hearth_json_raw_elements (doc, strlen (doc), "hearth"));
  g_assert_null (hearth_json_raw_members ("[1]", 3));
}

static void
test_safe_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hearth-json-XXXXXX", NULL);
  g_autofree char *dev = g_build_filename (dir, "devices", "dev-a", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside", NULL);
  g_autofree char *file = g_build_filename (dev, "entries-2026.json", NULL);
  g_autofree char *link = g_build_filename (dev, "entries-2025.json", NULL);
  g_autofree char *fifo = g_build_filename (dev, "entries-2024.json", NULL);
  g_autofree char *big = g_build_filename (dev, "entries-2023.json", NULL);
  g_autofree char *linked_dev = g_build_filename (dir, "devices", "dev-b", NULL);
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_cmpint (g_mkdir_with_parents (dev, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "{}", 2, NULL));
  g_assert_true (hearth_file_read_beneath (dir, "devices/dev-a/entries-2026.json", 10, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{}");
  g_clear_pointer (&contents, g_free);

  g_assert_false (hearth_file_read (file, 1, &contents, &len, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==, "it is far too large to be a Hearth file");
  g_clear_error (&error);

  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  g_assert_false (hearth_file_read_beneath (dir, "devices/dev-a/entries-2025.json", 100, &contents, &len, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==, "it is a link to another place, and Hearth does not follow links");
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (hearth_file_read (fifo, 100, &contents, &len, &error));
  g_assert_cmpstr (error->message, ==, "it is a named pipe, not a file, so Hearth does not read it");
  g_clear_error (&error);

  {
    FILE *f = fopen (big, "w");
    g_assert_nonnull (f);
    g_assert_cmpint (ftruncate (fileno (f), HEARTH_MAX_DATA_FILE_SIZE + 1), ==, 0);
    fclose (f);
  }
  g_assert_false (hearth_file_read (big, HEARTH_MAX_DATA_FILE_SIZE, &contents, &len, &error));
  g_assert_cmpstr (error->message, ==, "it is far too large to be a Hearth file");
  g_clear_error (&error);

  g_assert_false (hearth_file_read_beneath (dir, "devices/dev-a/missing.json", 100, &contents, &len, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A device folder that is a link is neither read from nor written into. */
  g_assert_cmpint (symlink (outside, linked_dev), ==, 0);
  {
    g_autofree char *inside = g_build_filename (outside, "device.json", NULL);
    g_assert_true (g_file_set_contents (inside, "{}", 2, NULL));
  }
  g_assert_false (hearth_file_read_beneath (dir, "devices/dev-b/device.json", 100, &contents, &len, &error));
  g_assert_cmpstr (error->message, ==, "its folder devices/dev-b is a link to another place or not a folder, and Hearth does not follow links");
  g_clear_error (&error);
  g_assert_false (hearth_file_check_real_folder (dir, "devices/dev-b", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is a link to another place"));
  g_clear_error (&error);
  g_assert_true (hearth_file_check_real_folder (dir, "devices/dev-a", &error));
  g_assert_true (hearth_file_check_real_folder (dir, "devices/dev-new", &error));
  g_assert_no_error (error);
  g_assert_null (contents);

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_shard_guard (void)
{
  g_autofree char   *dir = g_dir_make_tmp ("hearth-json-XXXXXX", NULL);
  g_autofree char   *dev = g_build_filename (dir, "devices", "dev-a", NULL);
  g_autofree char   *path = g_build_filename (dev, "entries-2026.json", NULL);
  g_autofree char   *deep = repeat ("[", 100000);
  g_autofree char   *before = NULL, *after = NULL;
  HearthShardContext ctx = { "jid", NULL };
  g_autoptr(HearthShard) shard = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dev, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, deep, -1, NULL));
  shard = hearth_shard_load (dir, "dev-a", "entries-2026.json", &ctx);
  g_assert_error (shard->error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_cmpstr (shard->error->message, ==, "it is nested more than 64 levels deep, which no Hearth file is");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, deep);
  g_clear_pointer (&shard, hearth_shard_free);

  /* Wrong-typed members: a damage report, never a Json-CRITICAL. */
  {
    const char *docs[][2] = {
      { "{\"hearth\":1,\"type\":\"rituals\",\"records\":[{\"id\":\"r/2026-01-01\",\"kind\":\"occurrence\","
        "\"created\":\"2026-01-01T10:00:00+01:00\",\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\","
        "\"ritual\":5,\"date\":\"2026-01-01\",\"status\":\"done\"}]}",
        "a record’s “ritual” is not what it must be (text)" },
      { "{\"hearth\":1,\"type\":\"entries\",\"records\":[{\"id\":\"e\",\"kind\":\"entry\","
        "\"created\":\"2026-01-01T10:00:00+01:00\",\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\","
        "\"tags\":[\"a\",[]]}]}",
        "a record’s “tags” is not what it must be (a list)" },
      { "{\"hearth\":1,\"type\":\"entries\",\"records\":[{\"id\":\"e\",\"kind\":\"entry\","
        "\"created\":\"2026-01-01T10:00:00+01:00\",\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\","
        "\"deleted\":\"yes\"}]}",
        "a record’s “deleted” is not what it must be (true or false)" },
    };
    const char *names[] = { "rituals-2026.json", "entries-2026.json", "entries-2026.json" };

    for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
      {
        g_autofree char *p = g_build_filename (dev, names[i], NULL);
        g_autofree char *back = NULL;

        g_assert_true (g_file_set_contents (p, docs[i][0], -1, NULL));
        shard = hearth_shard_load (dir, "dev-a", names[i], &ctx);
        g_assert_error (shard->error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
        g_assert_cmpstr (shard->error->message, ==, docs[i][1]);
        g_assert_true (g_file_get_contents (p, &back, NULL, NULL));
        g_assert_cmpstr (back, ==, docs[i][0]);
        g_clear_pointer (&shard, hearth_shard_free);
      }
  }

  /* Nothing is written that does not read back. */
  {
    g_autoptr(GError) error = NULL;
    const char *bad = "{\"hearth\":1,\"type\":\"entries\",\"records\":[inf.0]}";

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_assert_false (hearth_shard_write_data (path, "entries-2026.json", "entries", bad, strlen (bad),
                                             "dev-a", &ctx, &error));
    g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "This cannot be saved: written out, entries-2026.json would not read back "
                     "(it is not valid JSON (it may be cut short)), so the file was left as it was.");
    g_clear_pointer (&after, g_free);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
  }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_kdf_limits (void)
{
  struct
  {
    gint64      ops;
    gint64      mem;
    const char *reason;
  } cases[] = {
    { 4294967295, 8192 * 1024, "far more than any Hearth journal uses" },
    { 2, G_GINT64_CONSTANT (16) * 1024 * 1024 * 1024, "far more than any Hearth journal uses" },
    { 9, 8192 * 1024, "far more than any Hearth journal uses" },
    { 8, G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024 + 1, "far more than any Hearth journal uses" },
    { 0, 8192 * 1024, "missing or are not whole numbers" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) encryption = json_object_new ();
      g_autoptr(JsonObject) kdf = json_object_new ();
      g_autoptr(GError) error = NULL;
      gint64     t0 = g_get_monotonic_time ();
      HearthKey *key;

      json_object_set_string_member (kdf, "algorithm", "argon2id13");
      json_object_set_int_member (kdf, "opslimit", cases[i].ops);
      json_object_set_int_member (kdf, "memlimit", cases[i].mem);
      json_object_set_string_member (kdf, "salt", "AAAAAAAAAAAAAAAAAAAAAA==");
      json_object_set_object_member (encryption, "kdf", json_object_ref (kdf));
      g_assert_false (hearth_vault_check_limits (encryption, &error));
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      g_clear_error (&error);
      key = hearth_vault_unwrap_key ("jid", encryption, "pass", &error);
      g_assert_null (key);
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
    }
  {
    g_autoptr(JsonObject) encryption = json_object_new ();
    g_autoptr(JsonObject) kdf = json_object_new ();

    json_object_set_string_member (kdf, "opslimit", "3");
    json_object_set_double_member (kdf, "memlimit", 1e300);
    json_object_set_object_member (encryption, "kdf", json_object_ref (kdf));
    g_assert_false (hearth_vault_check_limits (encryption, NULL));
    json_object_set_int_member (kdf, "opslimit", 8);
    json_object_set_int_member (kdf, "memlimit", G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024);
    g_assert_true (hearth_vault_check_limits (encryption, NULL));
  }
}

static void
test_end_of_time (void)
{
  g_autoptr(JsonObject) json = json_object_new ();
  g_autoptr(HearthRecord) record = NULL;

  json_object_set_string_member (json, "id", "e");
  json_object_set_string_member (json, "kind", "entry");
  json_object_set_string_member (json, "created", "2026-01-01T10:00:00+01:00");
  json_object_set_string_member (json, "updated", "9999-12-31T23:59:59.999Z");
  json_object_set_string_member (json, "device", "dev-b");
  record = hearth_record_new_for_json (json);
  hearth_record_set_string (record, "title", "edited");
  hearth_record_touch (record, "dev-a", "9999-12-31T23:59:59.999Z");
  g_assert_cmpstr (hearth_record_get_updated (record), ==, "9999-12-31T23:59:59.999Z");
  {
    g_autoptr(JsonObject) back = hearth_record_dup_json (record);
    g_assert_true (hearth_record_validate_json (back, NULL));
  }
  {
    g_autofree char *end = hearth_time_format_updated (G_MAXINT64 / 2);
    g_assert_cmpstr (end, ==, "9999-12-31T23:59:59.999Z");
  }
}

/* Inputs the fuzzers of tests/fuzz once broke, or the kind of them. */
static void
test_fuzz_regressions (void)
{
  const char *not_json[] = {
    /* json-glib reads "\2" as an octal escape and "\ud800" alone as half a
     * character: text that is not UTF-8 and cannot be written back. */
    "{\"\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\23456789012\":[]}",
    "{\"emotional_languages\":[\"wor\\ud800ime\"]}",
    "{\"id\":\"6b0c3a\\ud80052-8d0e\"}",
    "{\"a\":\"\\udc00\"}",
    "{\"a\":\"\\x41\"}",
    "{\"a\":\"tab\there\"}",
    "{\"a\":\"\\u12\"}",
  };
  const char *fine[] = {
    "{\"a\":\"\\ud83d\\ude00 \\u00e9 \\/ \\b\\f\\n\\r\\t\"}",
  };
  /* A list or object where text belongs: damaged, not a Json-CRITICAL
   * (these tests run with fatal warnings). */
  const char *wrong_types[] = {
    "{\"hearth\":1,\"type\":[],\"records\":[]}",
    "{\"hearth\":1,\"type\":\"entries\",\"cipher\":{},\"nonce\":[],\"ciphertext\":7}",
    "{\"hearth\":1,\"type\":\"entries\",\"records\":[{\"id\":\"e\",\"kind\":[],\"created\":\"x\"}]}",
  };
  g_autofree char   *dir = g_dir_make_tmp ("hearth-json-XXXXXX", NULL);
  g_autofree char   *dev = g_build_filename (dir, "devices", "dev-a", NULL);
  g_autofree char   *path = g_build_filename (dev, "entries-2026.json", NULL);
  HearthShardContext ctx = { "jid", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = hearth_json_parse (not_json[i], strlen (not_json[i]), &error);

      g_assert_null (root);
      g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_cmpstr (error->message, ==, "it is not valid JSON (it may be cut short)");
    }
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(JsonNode) root = hearth_json_parse (fine[i], strlen (fine[i]), NULL);
      g_autofree char *out = NULL;
      g_autoptr(JsonNode) back = NULL;

      g_assert_nonnull (root);
      out = hearth_json_to_string (root, FALSE, NULL);
      back = hearth_json_parse (out, strlen (out), NULL);
      g_assert_nonnull (back);
    }
  g_assert_cmpint (g_mkdir_with_parents (dev, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (wrong_types); i++)
    {
      g_autoptr(HearthShard) shard = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, wrong_types[i], -1, NULL));
      shard = hearth_shard_load (dir, "dev-a", "entries-2026.json", &ctx);
      g_assert_error (shard->error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, wrong_types[i]);
    }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_protect_process (void)
{
  struct rlimit core;

  hearth_vault_protect_process ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &core), ==, 0);
  g_assert_cmpuint (core.rlim_cur, ==, 0);
  g_assert_cmpuint (core.rlim_max, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();

  g_test_add_func ("/json/bounds", test_bounds);
  g_test_add_func ("/json/raw-round-trip", test_raw_round_trip);
  g_test_add_func ("/json/safe-read", test_safe_read);
  g_test_add_func ("/json/shard-guard", test_shard_guard);
  g_test_add_func ("/json/kdf-limits", test_kdf_limits);
  g_test_add_func ("/json/end-of-time", test_end_of_time);
  g_test_add_func ("/json/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/json/protect-process", test_protect_process);
  return g_test_run ();
}
