/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hearth-entry.h"
#include "hearth-gratitude.h"
#include "hearth-record-list.h"
#include "hearth-test-clock.h"

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static HearthRecord *
entry_at (const char *created,
          const char *id)
{
  g_autoptr(JsonObject) json = json_object_new ();

  json_object_set_string_member (json, "id", id);
  json_object_set_string_member (json, "kind", "entry");
  json_object_set_string_member (json, "created", created);
  json_object_set_string_member (json, "updated", "2026-11-22T08:30:00.000Z");
  json_object_set_string_member (json, "device", "dev");
  json_object_set_string_member (json, "body", "hello");
  return hearth_record_new_for_json (json);
}

static void
test_copy_on_write (void)
{
  g_autoptr(HearthRecord) shared = entry_at ("2026-11-22T09:30:00+01:00", "a");
  HearthRecordData *original = hearth_record_data_ref (hearth_record_get_data (shared));
  g_autoptr(HearthRecord) copy = hearth_record_copy (shared);

  g_assert_true (HEARTH_IS_ENTRY (shared));
  /* A copy shares the body until one of them changes. */
  g_assert_true (hearth_record_get_data (copy) == original);
  hearth_record_set_string (shared, "body", "changed");
  /* The shard's body is never changed in place. */
  g_assert_true (hearth_record_get_data (shared) != original);
  g_assert_true (hearth_record_get_data (copy) == original);
  g_assert_cmpstr (hearth_record_get_string (copy, "body"), ==, "hello");
  g_assert_cmpstr (hearth_entry_get_body (HEARTH_ENTRY (shared)), ==, "changed");
  g_assert_cmpstr (hearth_entry_get_body (HEARTH_ENTRY (copy)), ==, "hello");
  hearth_record_data_unref (original);

  {
    g_autofree char *shard = hearth_record_dup_shard_name (shared);
    g_assert_cmpstr (shard, ==, "entries-2026.json");
  }
}

static void
test_touch_and_tombstone (void)
{
  g_autoptr(HearthRecord) rec = entry_at ("2024-12-31T23:30:00-05:00", "b");
  g_autofree char *shard = NULL;

  hearth_record_set_string (rec, "unknown_future", "kept");
  /* A version from a device whose clock runs far ahead still loses. */
  hearth_record_touch (rec, "mine", "2099-01-01T00:00:00.000Z");
  g_assert_cmpstr (hearth_record_get_updated (rec), ==, "2099-01-01T00:00:00.001Z");
  g_assert_cmpstr (hearth_record_get_device (rec), ==, "mine");
  g_assert_cmpstr (hearth_record_get_string (rec, "unknown_future"), ==, "kept");

  hearth_record_make_tombstone (rec);
  g_assert_true (hearth_record_is_deleted (rec));
  g_assert_null (hearth_record_get_string (rec, "body"));
  g_assert_cmpstr (hearth_record_get_created (rec), ==, "2024-12-31T23:30:00-05:00");
  /* Year of the author's local time, not of UTC. */
  shard = hearth_record_dup_shard_name (rec);
  g_assert_cmpstr (shard, ==, "entries-2024.json");
}

static void
test_list_order (void)
{
  g_autoptr(HearthRecordList) list = hearth_record_list_new (HEARTH_TYPE_ENTRY, TRUE);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthRecord) newest = entry_at ("2026-11-22T09:30:00+01:00", "n");
  g_autoptr(HearthRecord) first = NULL;
  guint changes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &changes);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *created = g_strdup_printf ("2025-01-%02dT10:00:00+00:00", 1 + i % 28);
      g_autofree char *id = g_strdup_printf ("id-%02d", i);
      g_ptr_array_add (many, entry_at (created, id));
    }
  hearth_record_list_insert_many (list, many);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 40);

  hearth_record_list_insert (list, newest);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == newest);
  for (guint i = 1; i + 1 < 41; i++)
    {
      g_autoptr(HearthRecord) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(HearthRecord) b = g_list_model_get_item (G_LIST_MODEL (list), i + 1);
      g_assert_cmpint (hearth_record_get_sort_key (a), >=, hearth_record_get_sort_key (b));
    }
  g_assert_true (hearth_record_list_remove (list, newest));
  g_assert_false (hearth_record_list_remove (list, newest));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 40);
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
note_change (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static GPtrArray *
entries_of_year (int         year,
                 const char *prefix)
{
  GPtrArray *many = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *created = g_strdup_printf ("%d-03-%02dT10:00:00+00:00", year, 1 + i % 28);
      g_autofree char *id = g_strdup_printf ("%s-%02d", prefix, i);
      g_ptr_array_add (many, entry_at (created, id));
    }
  return many;
}

/* A year older than all shown lands below them: the signal leaves the rows
 * a list shows alone, and the order stays right. */
static void
test_list_insert_many_changes (void)
{
  g_autoptr(HearthRecordList) list = hearth_record_list_new (HEARTH_TYPE_ENTRY, TRUE);
  g_autoptr(GPtrArray) newest = entries_of_year (2026, "a");
  g_autoptr(GPtrArray) older = entries_of_year (2024, "b");
  g_autoptr(GPtrArray) between = entries_of_year (2025, "c");
  g_autoptr(GPtrArray) mixed = g_ptr_array_new_with_free_func (g_object_unref);
  Change change = { 0 };
  guint  n;

  g_signal_connect (list, "items-changed", G_CALLBACK (note_change), &change);
  hearth_record_list_insert_many (list, newest);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 30);

  hearth_record_list_insert_many (list, older);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 30);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 30);

  /* Between the two: the stretch from 30 to 59 is new, nothing above or
   * below it changes. */
  hearth_record_list_insert_many (list, between);
  g_assert_cmpuint (change.position, ==, 30);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 30);

  /* One newer than all and one older than all: everything is covered. */
  g_ptr_array_add (mixed, entry_at ("2027-01-01T10:00:00+00:00", "d-new"));
  for (int i = 0; i < 16; i++)
    {
      g_autofree char *id = g_strdup_printf ("d-old-%02d", i);
      g_ptr_array_add (mixed, entry_at ("2020-01-01T10:00:00+00:00", id));
    }
  hearth_record_list_insert_many (list, mixed);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 107);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 90);
  g_assert_cmpuint (change.added, ==, 107);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(HearthRecord) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(HearthRecord) b = g_list_model_get_item (G_LIST_MODEL (list), i + 1);
      g_assert_cmpint (hearth_record_get_sort_key (a), >=, hearth_record_get_sort_key (b));
    }
}

static void
test_dup_json (void)
{
  g_autoptr(HearthRecord) record = entry_at ("2026-11-22T09:30:00+01:00", "j");
  g_autoptr(JsonObject) first = hearth_record_dup_json (record);
  g_autoptr(JsonObject) second = hearth_record_dup_json (record);
  g_autoptr(JsonObject) after = NULL;

  /* A fresh object each time, and changing it changes nothing in the record. */
  g_assert_true (first != second);
  g_assert_cmpstr (json_object_get_string_member (first, "body"), ==, "hello");
  json_object_set_string_member (first, "body", "scribbled over");
  json_object_set_string_member (first, "title", "not in the record");
  g_assert_cmpstr (hearth_record_get_string (record, "body"), ==, "hello");
  g_assert_null (hearth_record_get_string (record, "title"));
  after = hearth_record_dup_json (record);
  g_assert_cmpstr (json_object_get_string_member (after, "body"), ==, "hello");
  g_assert_false (json_object_has_member (after, "title"));
}

static void
test_strings_stay (void)
{
  g_autoptr(HearthRecord) shared = entry_at ("2026-11-22T09:30:00+01:00", "s");
  g_autoptr(HearthRecord) copy = hearth_record_copy (shared);
  const char *id = hearth_record_get_id (copy);
  const char *body = hearth_record_get_string (copy, "body");
  const char *tags[] = { "river", "Café", NULL };
  const char *words[] = { "cafe", "hello", NULL };
  const char *missing[] = { "lighthouse", NULL };

  /* What a getter returned stays valid while other members change. */
  hearth_record_set_strv (copy, "tags", tags);
  hearth_record_set_int (copy, "future_count", 3);
  hearth_record_touch (copy, "dev-b", NULL);
  g_assert_cmpstr (id, ==, "s");
  g_assert_cmpstr (body, ==, "hello");
  g_assert_cmpint (hearth_record_get_int (copy, "future_count", -1), ==, 3);
  g_assert_cmpstr (hearth_record_get_string (shared, "device"), ==, "dev");

  /* Searched text is folded when looked at. */
  g_assert_true (hearth_record_matches (copy, words));
  g_assert_false (hearth_record_matches (copy, missing));
  g_assert_false (hearth_record_matches (shared, words));
}

/* A search finds a word wherever it stands, in any case, and nothing that
 * only looks like it. */
static void
test_matches (void)
{
  g_autoptr(HearthRecord) entry = hearth_record_new ("entry", NULL);
  static const struct
  {
    const char *word;
    gboolean    found;
  } words[] = {
    { "lighthouse", TRUE },
    { "walk", TRUE },
    { "end", TRUE },
    { "ligh", TRUE },
    { "o", TRUE },
    { "lighthousee", FALSE },
    { "houses", FALSE },
    { "xyz", FALSE },
    { "sea-side", TRUE },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", TRUE },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", TRUE },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", FALSE },
  };
  g_autofree char *run = g_strnfill (70, 'a');
  g_autofree char *body = g_strdup_printf ("LigLighTHOUSE walk by the Sea-side %sB the end", run);

  hearth_record_set_string (entry, "body", body);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *folded[] = { words[i].word, NULL };

      g_test_message ("%s", words[i].word);
      g_assert_cmpint (hearth_record_matches (entry, folded), ==, words[i].found);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();
  g_test_add_func ("/record/copy-on-write", test_copy_on_write);
  g_test_add_func ("/record/matches", test_matches);
  g_test_add_func ("/record/dup-json", test_dup_json);
  g_test_add_func ("/record/strings-stay", test_strings_stay);
  g_test_add_func ("/record/touch-and-tombstone", test_touch_and_tombstone);
  g_test_add_func ("/record/list-order", test_list_order);
  g_test_add_func ("/record/list-insert-many-changes", test_list_insert_many_changes);
  return g_test_run ();
}
