/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-journal.h"
#include "hearth-reader.h"
#include "hearth-shard.h"
#include "hearth-test-clock.h"
#include "hearth-text.h"
#include "hearth-vault.h"
#include "fuzz/fuzz-tree-reader.h"

#define HEAD "{\"hearth\":1,\"type\":\"entries\",\"records\":["
#define OPEN "{\"id\":\"e1\",\"kind\":\"entry\",\"created\":\"2026-01-01T10:00:00+01:00\"," \
             "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\""
#define REC(extra) OPEN extra "}"

/* Reads @text both ways; they must agree. Returns the reader's shard, or
 * NULL with the reason in @error. */
static HearthShard *
read_both (const char *text,
           gsize       len,
           GError    **error)
{
  g_autoptr(HearthShard) tree = hearth_shard_new ("dev-a", "entries-2026.json");
  g_autoptr(HearthShard) pass = hearth_shard_new ("dev-a", "entries-2026.json");
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) pass_error = NULL;
  gboolean tree_ok = fuzz_tree_read_plain (tree, "entries", text, len, &tree_error);
  gboolean pass_ok = hearth_shard_read_plain (pass, "entries", text, len, &pass_error);

  g_assert_cmpint (tree_ok, ==, pass_ok);
  if (!pass_ok)
    {
      g_assert_cmpstr (tree_error->message, ==, pass_error->message);
      g_assert_cmpint (tree_error->code, ==, pass_error->code);
      g_propagate_error (error, g_steal_pointer (&pass_error));
      return NULL;
    }
  {
    g_autofree char *what = fuzz_compare_shards (tree, pass);

    g_assert_cmpstr (what, ==, NULL);
  }
  return g_steal_pointer (&pass);
}

static void
assert_refused (const char *text,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthShard) shard = read_both (text, strlen (text), &error);

  g_assert_null (shard);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==, reason);
}

static void
test_refused (void)
{
  static const struct
  {
    const char *text;
    const char *reason;
  } cases[] = {
    { "", "it is not valid JSON (it may be cut short)" },
    { HEAD "]", "it is not valid JSON (it may be cut short)" },
    { HEAD "]} {}", "it is not valid JSON (it may be cut short)" },
    { HEAD "]}x", "it is not valid JSON (it may be cut short)" },
    { HEAD "],}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"\\q\"") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"\\ud800\"") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"\\udc00\\ud800\"") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"\\u12\"") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"a\tb\"") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":'a'") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":010") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":0x10") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":- 1") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":1.") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":.5") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":+1") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":tru") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":nan") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":[1,]") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":{\"a\" 1}") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",/* c */\"x\":1") "]}", "it is not valid JSON (it may be cut short)" },
    { HEAD REC (",\"x\":\"\xc3\x28\"") "]}", "it is not UTF-8 text" },
    { HEAD REC (",\"x\":\"\xed\xa0\x80\"") "]}", "it is not UTF-8 text" },
    /* The first fault decides, as it did: not UTF-8 before anything else. */
    { "[" HEAD "\xff", "it is not UTF-8 text" },
    { "[1]", "it does not hold a Hearth document" },
    { "\"entries\"", "it does not hold a Hearth document" },
    { "{\"type\":\"entries\",\"records\":[]}", "it has no format version" },
    { "{\"hearth\":1.0,\"type\":\"entries\",\"records\":[]}", "it has no format version" },
    { "{\"hearth\":0,\"type\":\"entries\",\"records\":[]}", "it has an unknown format version" },
    { "{\"hearth\":99999999999999999999,\"type\":\"entries\",\"records\":[]}", "it has an unknown format version" },
    { "{\"hearth\":1,\"type\":\"gratitude\",\"records\":[]}", "it is not a file of entries" },
    { "{\"hearth\":1,\"type\":\"entries\",\"seq\":0,\"records\":[]}", "its write counter is not a positive whole number" },
    { "{\"hearth\":1,\"type\":\"entries\",\"seq\":\"1\",\"records\":[]}", "its write counter is not a positive whole number" },
    { "{\"hearth\":1,\"type\":\"entries\",\"records\":{}}", "it has no list of records" },
    { "{\"hearth\":1,\"type\":\"entries\",\"records\":[],\"records\":null}", "it has no list of records" },
    { HEAD "1]}", "a record is not an object" },
    { HEAD REC ("") ",[]]}", "a record is not an object" },
    { HEAD "{\"kind\":\"entry\"}]}", "a record lacks its “id”" },
    { HEAD "{\"id\":\"\",\"kind\":\"entry\"}]}", "a record lacks its “id”" },
    { HEAD "{\"id\":\"\\u0000x\",\"kind\":\"entry\"}]}", "a record lacks its “id”" },
    { HEAD REC (",\"title\":1") "]}", "a record’s “title” is not what it must be (text)" },
    { HEAD REC (",\"tags\":[\"a\",1]") "]}", "a record’s “tags” is not what it must be (a list)" },
    { HEAD REC (",\"deleted\":1") "]}", "a record’s “deleted” is not what it must be (true or false)" },
    { HEAD "{\"id\":\"r\",\"kind\":\"ritual\",\"created\":\"2026-01-01T10:00:00+01:00\","
           "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\",\"duration\":1.5}]}",
      "a record’s “duration” is not what it must be (a whole number)" },
    { HEAD "{\"id\":\"c\",\"kind\":\"checkin\",\"created\":\"2026-01-01T10:00:00+01:00\","
           "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\",\"ratings\":{\"a\":\"x\"}}]}",
      "a record’s “ratings” is not what it must be (ratings from 1 to 5)" },
    { HEAD "{\"id\":\"c\",\"kind\":\"checkin\",\"created\":\"2026-01-01T10:00:00+01:00\","
           "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\",\"answers\":[{\"text\":1}]}]}",
      "a record’s “answers” is not what it must be (a list)" },
    { HEAD "{\"id\":\"e\",\"kind\":\"entry\",\"created\":\"2026-01-01T10:00:00+01:00\","
           "\"updated\":\"yesterday\",\"device\":\"dev-a\"}]}",
      "a record has an unreadable time “yesterday”" },
    { HEAD "{\"id\":\"e\",\"kind\":\"entry\",\"created\":\"soon\","
           "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\"}]}",
      "a record has an unreadable time “soon”" },
    /* A record's fault counts only once the whole text is JSON. */
    { HEAD "1,{\"a\":}]}", "it is not valid JSON (it may be cut short)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      assert_refused (cases[i].text, cases[i].reason);
    }
}

static void
test_values (void)
{
  /* clang-format off */
  const char *text = "{\"type\":\"x\",\"hearth\":1,\"type\":\"entries\",\"seq\":7,\"records\":[1],\"records\":["
                     REC (",\"title\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\",\"tags\":[\"a\",\"\\n\"],"
                          "\"mood\":null,\"body\":\"ab\\u0000cd\",\"title\":\"last\","
                          "\"future\":{\"b\" : [1e999, -0, 123456789012345678901234567890]},"
                          "\"note\":\"x\\u0000y\",\"n\\u00e4me\":true")
                     "," REC (",\"title\":\"older\"") "]}";
  /* clang-format on */
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthShard) shard = read_both (text, strlen (text), &error);
  HearthRecordData   *data;
  const HearthMember *m;

  g_assert_no_error (error);
  g_assert_cmpint (shard->seq, ==, 7);
  g_assert_cmpuint (g_hash_table_size (shard->records), ==, 1);
  data = g_hash_table_lookup (shard->records, "e1");
  /* A repeated name keeps its first place and its last value. */
  g_assert_cmpstr (data->members[5].name, ==, "title");
  g_assert_cmpstr (data->members[5].v.text, ==, "last");
  m = hearth_record_data_find (data, "tags");
  g_assert_cmpint (m->type, ==, HEARTH_VALUE_TEXTS);
  g_assert_cmpstr (m->v.texts[1], ==, "\n");
  g_assert_cmpint (hearth_record_data_find (data, "mood")->type, ==, HEARTH_VALUE_NULL);
  g_assert_cmpstr (hearth_record_data_find (data, "body")->v.text, ==, "ab");
  m = hearth_record_data_find (data, "future");
  g_assert_cmpint (m->type, ==, HEARTH_VALUE_RAW);
  g_assert_cmpstr (m->v.raw, ==, "{\"b\" : [1e999, -0, 123456789012345678901234567890]}");
  m = hearth_record_data_find (data, "note");
  g_assert_cmpstr (m->v.raw, ==, "\"x\\u0000y\"");
  g_assert_true (m->has_text);
  g_assert_cmpstr (m->v.raw + m->n + 1, ==, "x");
  g_assert_nonnull (hearth_record_data_find (data, "näme"));
}

/* Members this version does not know leave a save exactly as they came. */
static void
test_unknown_kept (void)
{
  /* clang-format off */
  const char *text = HEAD REC (",\"future\":{\"b\" : [1e999, -0, 123456789012345678901234567890]},"
                               "\"note\":\"x\\u0000y\\/\",\"big\":-99999999999999999999,\"f\":1.50E+3")
                     "]}";
  /* clang-format on */
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthShard) shard = read_both (text, strlen (text), &error);
  g_autofree char *written = NULL;
  g_autoptr(HearthShard) back = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  written = hearth_shard_serialize (shard, &len);
  g_assert_nonnull (strstr (written, ",\"future\":{\"b\" : [1e999, -0, 123456789012345678901234567890]},"
                                     "\"note\":\"x\\u0000y\\/\",\"big\":-99999999999999999999,\"f\":1.50E+3}"));
  back = read_both (written, len, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = hearth_shard_serialize (back, NULL);
    g_assert_cmpstr (again, ==, written);
  }
}

/* Big, deep and long texts end within the bounds, whichever way they fail. */
static void
test_bounded (void)
{
  GString *deep = g_string_new (HEAD OPEN ",\"x\":");
  GString *wide = g_string_new (HEAD);
  GString *many = g_string_new (HEAD OPEN ",\"x\":[");
  GString *names = g_string_new (HEAD OPEN);
  GString *body = g_string_new (HEAD OPEN ",\"body\":\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthShard) shard = NULL;

  for (guint i = 0; i < 61; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 61; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}]}");
  shard = read_both (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_clear_pointer (&shard, hearth_shard_free);
  /* One more level is one too many. */
  g_string_insert_c (deep, deep->len - 3, ']');
  g_string_insert_c (deep, strlen (HEAD OPEN ",\"x\":"), '[');
  shard = read_both (deep->str, deep->len, &error);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "nested more than 64 levels"));
  g_clear_error (&error);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (wide, "%s{\"id\":\"e%u\",\"kind\":\"entry\",\"created\":\"2026-01-01T10:00:00+01:00\","
                                  "\"updated\":\"2026-01-01T09:00:00.000Z\",\"device\":\"dev-a\",\"title\":\"t\"}",
                            i ? "," : "", i);
  g_string_append (wide, "]}");
  shard = read_both (wide->str, wide->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (shard->records), ==, 20000);
  g_clear_pointer (&shard, hearth_shard_free);

  for (guint i = 0; i < 200000; i++)
    g_string_append (many, i ? ",0" : "0");
  g_string_append (many, "]}]}");
  shard = read_both (many->str, many->len, &error);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "far more values"));
  g_clear_error (&error);

  /* Many members, many repeated: the last value in the first place. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (names, ",\"m%u\":%u", i % 2500, i);
  g_string_append (names, "}]}");
  shard = read_both (names->str, names->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((HearthRecordData *) g_hash_table_lookup (shard->records, "e1"))->n_members, ==, 2505);
  g_clear_pointer (&shard, hearth_shard_free);

  for (guint i = 0; i < 400000; i++)
    g_string_append (body, i % 50 ? "word " : "\\n\\u00e9 ");
  g_string_append (body, "\"}]}");
  shard = read_both (body->str, body->len, &error);
  g_assert_no_error (error);
  g_clear_pointer (&shard, hearth_shard_free);

  g_string_free (deep, TRUE);
  g_string_free (wide, TRUE);
  g_string_free (many, TRUE);
  g_string_free (names, TRUE);
  g_string_free (body, TRUE);
}

/* Sealed text opens in place, in every form of base64 that GLib reads,
 * and only with its place and key. */
static void
test_sealed (void)
{
  g_autoptr(HearthKey) key = hearth_key_new_random ();
  const char *text = HEAD REC ("") "]}";
  g_autofree char        *nonce = NULL;
  g_autofree char        *ct = NULL;

  /* Lengths that end in no, one and two "=". */
  for (guint extra = 0; extra < 3; extra++)
    {
      g_autofree char *plain = g_strdup_printf ("%s%.*s", text, extra, "  ");
      g_autofree char *lines = NULL;
      g_autoptr(GString) wrapped = g_string_new (NULL);

      g_clear_pointer (&nonce, g_free);
      g_clear_pointer (&ct, g_free);
      hearth_vault_seal (key, "place", plain, strlen (plain), &nonce, &ct);
      /* As written, with line breaks (GLib skips them), and cut short. */
      for (const char *p = ct; *p; p++)
        {
          g_string_append_c (wrapped, *p);
          if ((p - ct) % 60 == 59)
            g_string_append_c (wrapped, '\n');
        }
      lines = g_string_free (g_steal_pointer (&wrapped), FALSE);
      for (guint form = 0; form < 3; form++)
        {
          g_autofree char *b64 = g_strdup (form == 1 ? lines : ct);
          gsize            len = form == 2 ? strlen (b64) - 4 : strlen (b64);
          g_autoptr(GError) error = NULL;
          gsize    plain_len = 0;
          gboolean ok = hearth_vault_open_in_place (key, "place", nonce, strlen (nonce), b64, len,
                                                    &plain_len, &error);

          if (form == 2)
            {
              g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
              continue;
            }
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (plain_len, ==, strlen (plain));
          g_assert_cmpstr (b64, ==, plain);
        }
    }
  {
    g_autofree char *b64 = g_strdup (ct);
    g_autoptr(GError) error = NULL;
    gsize plain_len = 0;

    g_assert_false (hearth_vault_open_in_place (key, "elsewhere", nonce, strlen (nonce), b64, strlen (b64),
                                                &plain_len, &error));
    g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, "failed authentication"));
  }
}

/* The quick reading of `created` times is GLib's. */
static void
test_times (void)
{
  static const char *times[] = {
    "2026-01-01T10:00:00+01:00", "2026-06-30T23:59:59-09:30", "2028-02-29T00:00:00+00:00",
    "2027-02-29T00:00:00+00:00", "2026-04-31T10:00:00+01:00", "2026-13-01T10:00:00+01:00",
    "2026-01-01T24:00:00+01:00", "2026-01-01T10:60:00+01:00", "2026-01-01T10:00:60+01:00",
    "2026-01-01T10:00:00+24:00", "2026-01-01T10:00:00+01:60", "2026-01-01T10:00:00-00:00",
    "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1970-01-01T00:00:00+14:00",
    "2026-01-01T10:00:00*01:00", "2026-01-01T1a:00:00+01:00", "2026-01-01 10:00:00+01:00"
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (times[i], NULL);
      gboolean ok = FALSE;
      gint64   usec = hearth_time_parse_usec (times[i], &ok);

      g_test_message ("%s", times[i]);
      g_assert_cmpint (ok, ==, dt != NULL);
      if (dt != NULL)
        g_assert_cmpint (usec, ==, g_date_time_to_unix (dt) * G_USEC_PER_SEC);
    }
}

/* Every seed of the fuzz targets reads the same both ways. */
static void
test_corpus (void)
{
  static const char *folders[] = { "shard", "bounds", "record", "reader" };
  guint              n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", folders[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *text = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(HearthShard) shard = NULL;
          gsize len = 0;

          g_assert_true (g_file_get_contents (file, &text, &len, NULL));
          g_test_message ("%s", file);
          shard = read_both (text, len, &error);
          n++;
        }
    }
  g_assert_cmpuint (n, >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/reader/refused", test_refused);
  g_test_add_func ("/reader/values", test_values);
  g_test_add_func ("/reader/unknown-kept", test_unknown_kept);
  g_test_add_func ("/reader/bounded", test_bounded);
  g_test_add_func ("/reader/sealed", test_sealed);
  g_test_add_func ("/reader/times", test_times);
  g_test_add_func ("/reader/corpus", test_corpus);
  return g_test_run ();
}
