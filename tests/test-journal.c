/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-journal.h"
#include "hearth-journal-private.h"
#include "hearth-shard.h"
#include "hearth-state.h"
#include "hearth-text.h"
#include "hearth-test-clock.h"
#include "hearth-test-journal.h"

#define PASS "a long enough passphrase"

typedef struct
{
  char          *base;
  char          *path;
  HearthJournal *journal;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->journal = hearth_test_journal_create ("hearth-journal-test", data ? PASS : NULL, &f->base, &f->path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hearth_test_journal_finalize (f->journal);
  hearth_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->path);
}

static HearthJournal *
reopen (Fixture    *f,
        const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open (f->path, &error);

  g_assert_no_error (error);
  if (passphrase)
    g_assert_true (hearth_journal_unlock (journal, passphrase, &error));
  g_assert_true (hearth_journal_load (journal, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&journal);
}

static guint
n_items (HearthJournal *journal,
         HearthKind     kind)
{
  return g_list_model_get_n_items (hearth_journal_get_model (journal, kind));
}

/* Writes a data file as the partner's device would (plain journal). */
static void
write_partner_file (Fixture    *f,
                    const char *device,
                    const char *name,
                    const char *records_json)
{
  g_autofree char *folder = g_build_filename (f->path, "devices", device, NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *type = g_strdup (hearth_shard_type_for_name (name));
  g_autofree char *doc = g_strdup_printf ("{\"hearth\":1,\"type\":\"%s\",\"records\":%s}", type, records_json);

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, doc, -1, NULL));
}

static char *
partner_entry_json (const char *id,
                    const char *author,
                    const char *device,
                    const char *updated,
                    const char *title)
{
  return g_strdup_printf ("[{\"id\":\"%s\",\"kind\":\"entry\",\"created\":\"2026-01-02T10:00:00+01:00\","
                          "\"updated\":\"%s\",\"device\":\"%s\",\"author\":\"%s\",\"body\":\"b\",\"title\":\"%s\","
                          "\"from_the_future\":{\"kept\":true}}]",
                          id, updated, device, author, title);
}

static void
test_save_and_reopen (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (f->journal, "First", "We walked by the river.");
  g_autoptr(HearthJournal) again = reopen (f, data ? PASS : NULL);
  HearthRecord *entry = hearth_journal_lookup (again, id);

  g_assert_cmpuint (n_items (f->journal, HEARTH_KIND_ENTRY), ==, 1);
  g_assert_nonnull (entry);
  g_assert_cmpstr (hearth_record_get_string (entry, "title"), ==, "First");
  g_assert_cmpuint (n_items (again, HEARTH_KIND_PARTNER), ==, 2);
  g_assert_cmpstr (hearth_journal_get_name (again), ==, "Ours");
  g_assert_nonnull (hearth_journal_get_me (again));
  g_assert_cmpstr (hearth_journal_get_me (again), ==, hearth_journal_get_me (f->journal));
}

static void
test_edit_and_delete_update_models (Fixture      *f,
                                    gconstpointer data)
{
  g_autofree char *a = hearth_test_add_entry (f->journal, "A", "first");
  g_autofree char *b = hearth_test_add_entry (f->journal, "B", "second");
  HearthRecord    *live = hearth_journal_lookup (f->journal, a);
  g_autoptr(HearthRecord) copy = hearth_record_copy (live);
  g_autoptr(HearthRecord) undo = NULL;
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (copy, "title", "A, edited");
  g_assert_true (hearth_journal_save (f->journal, copy, &error));
  /* The same object in the model shows the new version. */
  g_assert_true (hearth_journal_lookup (f->journal, a) == live);
  g_assert_cmpstr (hearth_record_get_string (live, "title"), ==, "A, edited");

  undo = hearth_record_copy (hearth_journal_lookup (f->journal, b));
  g_assert_true (hearth_journal_delete (f->journal, b, &error));
  g_assert_null (hearth_journal_lookup (f->journal, b));
  g_assert_cmpuint (n_items (f->journal, HEARTH_KIND_ENTRY), ==, 1);
  g_assert_true (hearth_journal_save (f->journal, undo, &error));
  g_assert_nonnull (hearth_journal_lookup (f->journal, b));
  g_assert_cmpuint (n_items (f->journal, HEARTH_KIND_ENTRY), ==, 2);

  g_assert_false (hearth_journal_delete (f->journal, "no-such-id", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND);
}

static gboolean
loaded_done (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  GArray  *years;
  gboolean done;
} AsyncRun;

static void
on_year (HearthJournal *journal,
         int            year,
         AsyncRun      *run)
{
  g_array_append_val (run->years, year);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (hearth_journal_load_finish (HEARTH_JOURNAL (source), result, &error));
  g_assert_no_error (error);
  run->done = TRUE;
}

static void
test_async_load_newest_year_first (Fixture      *f,
                                   gconstpointer data)
{
  const char *me = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  AsyncRun run = { g_array_new (FALSE, FALSE, sizeof (int)), FALSE };

  me = hearth_journal_get_me (f->journal);
  for (int year = 2019; year <= 2024; year++)
    {
      g_autoptr(HearthRecord) entry = hearth_journal_new_record (f->journal, "entry", NULL);
      g_autofree char *created = g_strdup_printf ("%d-05-01T10:00:00+02:00", year);

      hearth_record_set_string (entry, "created", created);
      hearth_record_set_string (entry, "author", me);
      hearth_record_set_string (entry, "body", "a year");
      g_assert_true (hearth_journal_save (f->journal, entry, &error));
    }

  journal = hearth_journal_open (f->path, &error);
  if (data)
    g_assert_true (hearth_journal_unlock (journal, PASS, &error));
  g_signal_connect (journal, "year-loaded", G_CALLBACK (on_year), &run);
  hearth_journal_load_async (journal, NULL, on_load_done, &run);
  while (!loaded_done (&run.done))
    g_main_context_iteration (NULL, TRUE);

  /* The shared files first, then 2024, 2023, … */
  g_assert_cmpuint (run.years->len, ==, 7);
  g_assert_cmpint (g_array_index (run.years, int, 0), ==, 0);
  for (guint i = 1; i < run.years->len; i++)
    g_assert_cmpint (g_array_index (run.years, int, i), ==, 2025 - (int) i);
  g_assert_true (hearth_journal_is_loaded (journal));
  g_assert_cmpuint (n_items (journal, HEARTH_KIND_ENTRY), ==, 6);
  g_assert_nonnull (hearth_journal_get_me (journal));
  g_array_unref (run.years);
}

static void
on_arrived (HearthJournal *journal,
            GPtrArray     *records,
            guint         *count)
{
  *count += records->len;
}

static void
test_rescan_merges_partner_files (Fixture      *f,
                                  gconstpointer data)
{
  const char      *sam = hearth_journal_get_partner_id (f->journal);
  g_autofree char *json = NULL;
  g_autofree char *older = NULL;
  const char      *id = "0b7e6f64-58a4-4c3f-9d4f-2a4b1f0e5c11";
  guint            arrived = 0;
  HearthRecord    *entry;

  if (data != NULL)
    {
      g_test_skip ("partner files are written plain here");
      return;
    }

  g_signal_connect (f->journal, "records-arrived", G_CALLBACK (on_arrived), &arrived);

  json = partner_entry_json (id, sam, "phone-of-sam", "2026-01-02T09:00:00.000Z", "From Sam");
  write_partner_file (f, "phone-of-sam", "entries-2026.json", json);
  hearth_journal_rescan (f->journal);
  entry = hearth_journal_lookup (f->journal, id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (hearth_record_get_string (entry, "title"), ==, "From Sam");
  g_assert_cmpuint (arrived, ==, 1);

  /* A conflict copy with a newer version wins; the record object stays. */
  g_free (json);
  json = partner_entry_json (id, sam, "phone-of-sam", "2026-01-03T09:00:00.000Z", "Newer copy");
  write_partner_file (f, "phone-of-sam", "entries-2026.sync-conflict-20260103-090000-ABCDEFG.json", json);
  hearth_journal_rescan (f->journal);
  g_assert_true (hearth_journal_lookup (f->journal, id) == entry);
  g_assert_cmpstr (hearth_record_get_string (entry, "title"), ==, "Newer copy");

  /* The copy disappears (the sync tool resolved it): the older version is
   * the winner again, recomputed from every file. */
  {
    g_autofree char *copy = g_build_filename (f->path, "devices", "phone-of-sam",
                                              "entries-2026.sync-conflict-20260103-090000-ABCDEFG.json", NULL);
    g_assert_cmpint (g_unlink (copy), ==, 0);
  }
  hearth_journal_rescan (f->journal);
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, id), "title"), ==, "From Sam");

  /* Editing it here writes this device's file, keeps unknown members, and
   * wins even though Sam's clock was ahead. */
  {
    g_autoptr(HearthRecord) copy = hearth_record_copy (hearth_journal_lookup (f->journal, id));
    g_autoptr(GError) error = NULL;
    g_autoptr(HearthJournal) again = NULL;
    const char *future;

    older = partner_entry_json (id, sam, "phone-of-sam", "2099-01-01T00:00:00.000Z", "Sam from 2099");
    write_partner_file (f, "phone-of-sam", "entries-2026.json", older);
    hearth_journal_rescan (f->journal);
    g_object_unref (copy);
    copy = hearth_record_copy (hearth_journal_lookup (f->journal, id));
    hearth_record_set_string (copy, "title", "Edited on Alex's laptop");
    g_assert_true (hearth_journal_save (f->journal, copy, &error));
    again = reopen (f, data ? PASS : NULL);
    g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (again, id), "title"), ==,
                     "Edited on Alex's laptop");
    {
      g_autoptr(JsonObject) back = hearth_record_dup_json (hearth_journal_lookup (again, id));

      future = hearth_json_raw_get_text (json_object_get_member (back, "from_the_future"));
      g_assert_cmpstr (future, ==, "{\"kept\":true}");
    }
  }
}

static void
test_damaged_own_file_refuses_and_is_untouched (Fixture      *f,
                                                gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (f->journal, "Before", "kept");
  g_autofree char *year = g_strndup (hearth_record_get_created (hearth_journal_lookup (f->journal, id)), 4);
  g_autofree char *name = g_strdup_printf ("entries-%s.json", year);
  g_autofree char *file = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal), name, NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HearthRecord) entry = NULL;
  const char *garbage = "{\"hearth\":1,\"type\":\"entries\",\"records\":[{\"id\"";

  g_assert_true (g_file_set_contents (file, garbage, -1, NULL));
  again = reopen (f, data ? PASS : NULL);
  problems = hearth_journal_get_problems (again);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 0))->message, name));
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 0))->message, "damaged"));

  entry = hearth_journal_new_record (again, "entry", NULL);
  hearth_record_set_string (entry, "author", hearth_journal_get_me (again));
  hearth_record_set_string (entry, "body", "refused");
  g_assert_false (hearth_journal_save (again, entry, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_true (g_file_get_contents (file, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_lock_and_passphrase_change (Fixture      *f,
                                 gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (f->journal, "Secret", "only for us");
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) again = NULL;

  hearth_journal_lock (f->journal);
  g_assert_true (hearth_journal_is_locked (f->journal));
  g_assert_cmpuint (n_items (f->journal, HEARTH_KIND_ENTRY), ==, 0);
  g_assert_null (hearth_journal_lookup (f->journal, id));
  g_assert_false (hearth_journal_load (f->journal, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (hearth_journal_change_passphrase (f->journal, "wrong", "new one", &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (hearth_journal_change_passphrase (f->journal, PASS, "new one", &error));

  g_assert_false (hearth_journal_unlock (f->journal, PASS, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  again = reopen (f, "new one");
  g_assert_nonnull (hearth_journal_lookup (again, id));
}

static void
test_search_folds_case_and_accents (Fixture      *f,
                                    gconstpointer data)
{
  g_autofree char *cafe = hearth_test_add_entry (f->journal, "Café au lait", "Morning ritual");
  g_autofree char *other = hearth_test_add_entry (f->journal, "Über den Berg", "a long climb");
  g_autoptr(GPtrArray) found = hearth_journal_search (f->journal, "CAFE morning");
  g_autoptr(GPtrArray) none = hearth_journal_search (f->journal, "cafe climb");
  g_autoptr(GPtrArray) uber = hearth_journal_search (f->journal, "uber");

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_record_get_id (g_ptr_array_index (found, 0)), ==, cafe);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (uber->len, ==, 1);
  g_assert_cmpstr (hearth_record_get_id (g_ptr_array_index (uber, 0)), ==, other);
}

static HearthJournal *reopen_scope (Fixture *f, const char *passphrase, const HearthLoadScope *scope);
static char          *add_gratitude (HearthJournal *journal, const char *text);

/* A journal loaded only to be searched finds the same records in the same
 * order, with no models of entries or gratitude notes, and leaves out what
 * was deleted. */
static void
test_search_only (Fixture      *f,
                  gconstpointer data)
{
  HearthLoadScope scope = {
    .files = HEARTH_LOAD_SHARED | HEARTH_LOAD_ENTRIES | HEARTH_LOAD_GRATITUDE | HEARTH_LOAD_TO_SEARCH,
  };
  g_autoptr(HearthJournal) searched = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    g_free (hearth_test_add_entry (f->journal, "Lighthouse walk", i % 2 ? "by the sea" : "in the rain"));
  gone = hearth_test_add_entry (f->journal, "Lighthouse, deleted", "by the sea");
  g_free (add_gratitude (f->journal, "the lighthouse picnic"));
  g_free (add_gratitude (f->journal, "the soup"));
  {
    HearthRecord *record = hearth_journal_lookup (f->journal, gone);
    g_autoptr(HearthRecord) copy = hearth_record_copy (record);

    hearth_record_make_tombstone (copy);
    g_assert_true (hearth_journal_save (f->journal, copy, &error));
    g_assert_no_error (error);
  }
  all = hearth_journal_search (f->journal, "lighthouse");
  g_assert_cmpuint (all->len, ==, 6);

  searched = reopen_scope (f, data ? PASS : NULL, &scope);
  g_assert_cmpuint (n_items (searched, HEARTH_KIND_ENTRY), ==, 0);
  g_assert_cmpuint (n_items (searched, HEARTH_KIND_GRATITUDE), ==, 0);
  g_assert_cmpuint (n_items (searched, HEARTH_KIND_PARTNER), ==, 2);
  found = hearth_journal_search (searched, "LIGHTHOUSE");
  g_assert_cmpuint (found->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (hearth_record_get_id (g_ptr_array_index (found, i)), ==,
                     hearth_record_get_id (g_ptr_array_index (all, i)));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = hearth_journal_search (searched, "sea walk");
  g_assert_cmpuint (found->len, ==, 2);
}

static void
test_join_second_device (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (hearth_journal_get_id (f->journal), ".device", NULL);
  g_autofree char *state_file = g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
  g_autoptr(HearthJournal) other = NULL;
  const char *sam = hearth_journal_get_partner_id (f->journal);

  /* Another installation has no device id for this journal yet. */
  g_assert_cmpint (g_unlink (state_file), ==, 0);
  other = reopen (f, data ? PASS : NULL);
  g_assert_null (hearth_journal_get_me (other));
  {
    g_autoptr(HearthRecord) entry = hearth_journal_new_record (other, "entry", NULL);
    hearth_record_set_string (entry, "body", "x");
    g_assert_false (hearth_journal_save (other, entry, &error));
    g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_JOINED);
    g_clear_error (&error);
  }
  g_assert_true (hearth_journal_join (other, sam, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_journal_get_me (other), ==, sam);
  g_assert_cmpstr (hearth_journal_get_device_id (other), !=, hearth_journal_get_device_id (f->journal));
  g_assert_true (g_file_test (state_file, G_FILE_TEST_EXISTS));
  g_assert_false (hearth_journal_join (other, sam, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_EXISTS);
}

/* Every file under @path → its contents, to show that nothing changed. */
static void
snapshot_into (GHashTable *snap,
               const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      char            *contents = NULL;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        snapshot_into (snap, child);
      else if (g_file_get_contents (child, &contents, NULL, NULL))
        g_hash_table_insert (snap, g_strdup (child), contents);
    }
}

static GHashTable *
snapshot (const char *path)
{
  GHashTable *snap = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  snapshot_into (snap, path);
  return snap;
}

static void
assert_unchanged (GHashTable *before,
                  const char *path)
{
  g_autoptr(GHashTable) after = snapshot (path);
  GHashTableIter iter;
  gpointer       key, value;

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
}

static gboolean
problems_say (HearthJournal *journal,
              int            code,
              const char    *words)
{
  g_autoptr(GPtrArray) problems = hearth_journal_get_problems (journal);

  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      if (problem->code == code && strstr (problem->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
own_entries_path (HearthJournal *journal,
                  const char    *id)
{
  g_autofree char *year = g_strndup (hearth_record_get_created (hearth_journal_lookup (journal, id)), 4);
  g_autofree char *name = g_strdup_printf ("entries-%s.json", year);

  return g_build_filename (hearth_journal_get_path (journal), "devices",
                           hearth_journal_get_device_id (journal), name, NULL);
}

static gint64
file_seq (HearthJournal *journal,
          const char    *path)
{
  g_autofree char   *name = g_path_get_basename (path);
  HearthShardContext ctx = { hearth_journal_get_id (journal), hearth_journal_get_data_key (journal) };
  g_autoptr(HearthShard) shard = hearth_shard_load (hearth_journal_get_path (journal),
                                                     hearth_journal_get_device_id (journal), name, &ctx);

  g_assert_no_error (shard->error);
  return shard->seq;
}

static void
test_file_that_went_back (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *first = hearth_test_add_entry (f->journal, "First", "one");
  g_autofree char *file = own_entries_path (f->journal, first);
  g_autofree char *old = NULL;
  g_autofree char *second = NULL;
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(HearthRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  gsize old_len;

  g_assert_cmpint (file_seq (f->journal, file), ==, 1);
  g_assert_true (g_file_get_contents (file, &old, &old_len, NULL));
  second = hearth_test_add_entry (f->journal, "Second", "two");
  g_assert_cmpint (file_seq (f->journal, file), ==, 2);

  g_assert_true (g_file_set_contents (file, old, old_len, NULL));
  before = snapshot (f->path);
  again = reopen (f, data ? PASS : NULL);
  g_assert_true (problems_say (again, HEARTH_ERROR_WENT_BACK, "went back to an older version"));
  g_assert_true (hearth_journal_has_versions_to_accept (again));

  entry = hearth_journal_new_record (again, "entry", NULL);
  hearth_record_set_string (entry, "author", hearth_journal_get_me (again));
  hearth_record_set_string (entry, "body", "refused");
  g_assert_false (hearth_journal_save (again, entry, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WENT_BACK);
  g_clear_error (&error);
  assert_unchanged (before, f->path);

  g_assert_true (hearth_journal_accept_file (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hearth_journal_has_versions_to_accept (again));
  g_clear_object (&entry);
  g_free (hearth_test_add_entry (again, "Third", "after accepting"));
  g_assert_cmpint (file_seq (again, file), ==, 3);
}

static void
test_file_that_disappeared (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *first = hearth_test_add_entry (f->journal, "First", "one");
  g_autofree char *file = own_entries_path (f->journal, first);
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(HearthRecord) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (file), ==, 0);
  before = snapshot (f->path);
  again = reopen (f, data ? PASS : NULL);
  g_assert_true (problems_say (again, HEARTH_ERROR_MISSING, "is missing"));
  entry = hearth_journal_new_record (again, "entry", NULL);
  hearth_record_set_string (entry, "author", hearth_journal_get_me (again));
  hearth_record_set_string (entry, "body", "refused");
  g_assert_false (hearth_journal_save (again, entry, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_MISSING);
  assert_unchanged (before, f->path);
}

static void
test_manifest_drops_encryption (Fixture      *f,
                                gconstpointer data)
{
  g_autofree char *manifest = g_build_filename (f->path, "hearth-journal.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(HearthJournal) again = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(HearthRecord) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_free (hearth_test_add_entry (f->journal, "Secret", "only for us"));
  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  json_object_set_null_member (json_node_get_object (json_parser_get_root (parser)), "encryption");
  json_generator_set_root (gen, json_parser_get_root (parser));
  plain = json_generator_to_data (gen, NULL);
  g_assert_true (g_file_set_contents (manifest, plain, -1, NULL));
  before = snapshot (f->path);

  again = reopen (f, NULL);
  g_assert_true (hearth_journal_is_read_only (again));
  g_assert_true (problems_say (again, HEARTH_ERROR_TAMPERED, "tampered"));
  entry = hearth_journal_new_record (again, "entry", NULL);
  hearth_record_set_string (entry, "author", hearth_journal_get_me (again));
  hearth_record_set_string (entry, "body", "SECRET");
  g_assert_false (hearth_journal_save (again, entry, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_TAMPERED);
  assert_unchanged (before, f->path);
}

static void
test_device_json_names_other_partner (Fixture      *f,
                                      gconstpointer data)
{
  const char      *alex = hearth_journal_get_me (f->journal);
  const char      *sam = hearth_journal_get_partner_id (f->journal);
  g_autofree char *device_json = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal),
                                                   "device.json", NULL);
  g_autofree char *forged = g_strdup_printf ("{\"hearth\":1,\"type\":\"device\",\"device\":\"%s\",\"partner\":\"%s\"}",
                                             hearth_journal_get_device_id (f->journal), sam);
  g_autofree char *after = NULL;
  g_autoptr(HearthJournal) again = NULL;
  g_autofree char *id = NULL;

  g_assert_true (g_file_set_contents (device_json, forged, -1, NULL));
  again = reopen (f, data ? PASS : NULL);
  g_assert_cmpstr (hearth_journal_get_me (again), ==, alex);
  g_assert_true (problems_say (again, HEARTH_ERROR_TAMPERED,
                               "says this computer belongs to Sam, but it belongs to Alex"));
  id = hearth_test_add_entry (again, "Mine", "still Alex's");
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (again, id), "author"), ==, alex);
  g_assert_true (g_file_get_contents (device_json, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, forged);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!hearth_journal_save_finish (HEARTH_JOURNAL (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  /* Marks the end even on success. */
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* A save while another program holds the journal's write lock (hearth-cli
 * on this computer): the record shows at once, the main loop keeps
 * running, and the file is written once the lock is free. */
static void
test_save_async_waits_for_lock (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr(HearthRecord) entry = hearth_journal_new_record (f->journal, "entry", NULL);
  g_autofree char *name = g_strconcat (hearth_journal_get_id (f->journal), ".lock", NULL);
  g_autofree char *lock_path = g_build_filename (g_get_user_state_dir (), "hearth", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) again = NULL;
  g_autofree char *id = NULL;
  guint            ticks = 0, tick_id;
  gint64           until;
  int              fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  hearth_record_set_string (entry, "author", hearth_journal_get_me (f->journal));
  hearth_record_set_string (entry, "title", "Written while locked");
  hearth_record_set_string (entry, "body", "later");
  id = g_strdup (hearth_record_get_id (entry));
  hearth_journal_save_async (f->journal, entry, NULL, on_saved, &error);

  /* Shown at once, and still being written while the lock is held. */
  g_assert_nonnull (hearth_journal_lookup (f->journal, id));
  g_assert_true (hearth_journal_is_saving (f->journal));
  tick_id = g_timeout_add (10, count_tick, &ticks);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (error);
  g_assert_true (hearth_journal_is_saving (f->journal));
  g_assert_nonnull (hearth_journal_lookup (f->journal, id));
  g_assert_cmpuint (ticks, >, 5);
  g_source_remove (tick_id);

  close (fd);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (hearth_journal_is_saving (f->journal));

  again = reopen (f, data ? PASS : NULL);
  g_assert_nonnull (hearth_journal_lookup (again, id));
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (again, id), "title"), ==,
                   "Written while locked");
}

/* A write that fails reports why, by its callback and save-failed, and
 * the models show what the files hold again. */
static void
on_save_failed (HearthJournal *journal,
                HearthRecord  *record,
                GError        *error,
                char         **message)
{
  g_free (*message);
  *message = g_strdup (error->message);
}

static void
test_save_async_failure_reports (Fixture      *f,
                                 gconstpointer data)
{
  g_autofree char *id = hearth_test_add_entry (f->journal, "Before", "kept");
  g_autoptr(HearthRecord) copy = hearth_record_copy (hearth_journal_lookup (f->journal, id));
  g_autofree char *name = hearth_record_dup_shard_name (copy);
  g_autofree char *file = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal),
                                            name, NULL);
  g_autofree char *message = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->journal, "save-failed", G_CALLBACK (on_save_failed), &message);
  /* Damaged behind the journal's back, after it was read. */
  g_assert_true (g_file_set_contents (file, "{\"hearth\":1,", -1, NULL));
  hearth_record_set_string (copy, "title", "After");
  hearth_journal_save_async (f->journal, copy, NULL, on_saved, &error);
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, id), "title"), ==, "After");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "cannot be saved"));
  g_assert_cmpstr (message, ==, error->message);
  g_assert_false (hearth_journal_is_saving (f->journal));
  /* Nothing written over the damaged file, and nothing claims "After". */
  g_assert_true (g_file_get_contents (file, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "{\"hearth\":1,");
  g_assert_null (hearth_journal_lookup (f->journal, id));
}

#define COPY_ID "3f1c2b7a-8d4e-4a6b-9c0d-1e2f3a4b5c6d"

/* Writes a conflict copy of this device's file @canonical as the sync tool
 * would leave it: sealed like the file itself, with an older counter. */
static char *
write_own_copy (HearthJournal *journal,
                const char    *canonical,
                const char    *copy_name,
                const char    *records_json)
{
  HearthShardContext ctx = { hearth_journal_get_id (journal), hearth_journal_get_data_key (journal) };
  const char        *device = hearth_journal_get_device_id (journal);
  g_autofree char   *plain = g_strdup_printf ("{\"hearth\":1,\"type\":\"entries\",\"seq\":1,\"records\":%s}",
                                              records_json);
  char              *path = g_build_filename (hearth_journal_get_path (journal), "devices", device, copy_name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (hearth_shard_write_data (path, canonical, "entries", plain, strlen (plain),
                                          device, &ctx, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so, for at most half a minute. */
static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint  waker = g_timeout_add (20, wake_up, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

typedef struct
{
  HearthJournal *journal;
  const char    *copy;
  guint          changed;
  guint          wanted;
} CopyWait;

static gboolean
copy_record_shown (gpointer data)
{
  CopyWait *wait = data;
  return hearth_journal_lookup (wait->journal, COPY_ID) != NULL;
}

static gboolean
copy_taken_in (gpointer data)
{
  CopyWait *wait = data;
  return !g_file_test (wait->copy, G_FILE_TEST_EXISTS) && wait->changed >= wait->wanted;
}

static void
on_problems_changed (HearthJournal *journal,
                     CopyWait      *wait)
{
  wait->changed++;
}

static void
test_load_absorbs_own_copy (Fixture      *f,
                            gconstpointer data)
{
  const char      *me = hearth_journal_get_me (f->journal);
  const char      *device = hearth_journal_get_device_id (f->journal);
  g_autofree char *json = partner_entry_json (COPY_ID, me, device, "2026-01-02T09:00:00.000Z", "From the copy");
  g_autofree char *copy = write_own_copy (f->journal, "entries-2026.json",
                                          "entries-2026.sync-conflict-20261202-160700-TV5ELHN.json", json);
  g_autofree char *file = g_build_filename (f->path, "devices", device, "entries-2026.json", NULL);
  g_autofree char *lock_name = g_strconcat (hearth_journal_get_id (f->journal), ".lock", NULL);
  g_autofree char *lock_path = g_build_filename (g_get_user_state_dir (), "hearth", lock_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AsyncRun run = { g_array_new (FALSE, FALSE, sizeof (int)), FALSE };
  CopyWait wait = { NULL, copy, 0, 0 };
  int      lock;

  /* A reader that must not write reads the copy and leaves it. */
  journal = hearth_journal_open (f->path, &error);
  if (data)
    g_assert_true (hearth_journal_unlock (journal, PASS, &error));
  hearth_journal_set_absorbs_conflicts (journal, FALSE);
  g_assert_true (hearth_journal_load (journal, &error));
  g_assert_nonnull (hearth_journal_lookup (journal, COPY_ID));
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_clear_object (&journal);

  /* Loading takes it in, in the loading thread: while another program
   * holds the write lock the main loop goes on and shows its records. */
  journal = hearth_journal_open (f->path, &error);
  if (data)
    g_assert_true (hearth_journal_unlock (journal, PASS, &error));
  lock = g_open (lock_path, O_RDWR, 0);
  g_assert_cmpint (lock, >=, 0);
  g_assert_cmpint (flock (lock, LOCK_EX), ==, 0);
  g_signal_connect (journal, "year-loaded", G_CALLBACK (on_year), &run);
  hearth_journal_load_async (journal, NULL, on_load_done, &run);
  wait.journal = journal;
  spin_until (copy_record_shown, &wait);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (run.done);
  close (lock);
  spin_until (loaded_done, &run.done);

  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (journal, COPY_ID), "title"), ==,
                   "From the copy");
  g_assert_cmpint (file_seq (journal, file), ==, 2);
  problems = hearth_journal_get_problems (journal);
  g_assert_cmpuint (problems->len, ==, 0);
  /* Taking copies in adds no year of its own. */
  for (guint i = 1; i < run.years->len; i++)
    g_assert_cmpint (g_array_index (run.years, int, i), !=, g_array_index (run.years, int, i - 1));
  g_array_unref (run.years);
}

static void
test_watcher_absorbs_new_copy (Fixture      *f,
                               gconstpointer data)
{
  const char      *me = hearth_journal_get_me (f->journal);
  const char      *device = hearth_journal_get_device_id (f->journal);
  g_autofree char *json = partner_entry_json (COPY_ID, me, device, "2026-01-02T09:00:00.000Z", "From the copy");
  g_autofree char *first = hearth_test_add_entry (f->journal, "First", "before the copy");
  g_autofree char *copy = write_own_copy (f->journal, "entries-2026.json",
                                          "entries-2026 (Alex's conflicted copy 2026-12-02).json", json);
  g_autofree char *file = g_build_filename (f->path, "devices", device, "entries-2026.json", NULL);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HearthJournal) again = NULL;
  CopyWait wait = { f->journal, copy, 0, 0 };

  g_signal_connect (f->journal, "problems-changed", G_CALLBACK (on_problems_changed), &wait);
  hearth_journal_rescan (f->journal);
  /* Read at once, taken in by a worker, while this thread goes on saving. */
  g_assert_nonnull (hearth_journal_lookup (f->journal, COPY_ID));
  second = hearth_test_add_entry (f->journal, "Second", "while the copy is taken in");
  /* Until the worker's result is taken over here. */
  wait.wanted = wait.changed + 1;
  spin_until (copy_taken_in, &wait);
  g_signal_handlers_disconnect_by_data (f->journal, &wait);
  g_assert_nonnull (hearth_journal_lookup (f->journal, second));

  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, COPY_ID), "title"), ==,
                   "From the copy");
  g_assert_nonnull (hearth_journal_lookup (f->journal, first));
  problems = hearth_journal_get_problems (f->journal);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (file_seq (f->journal, file), >=, 2);

  again = reopen (f, data ? PASS : NULL);
  g_assert_nonnull (hearth_journal_lookup (again, COPY_ID));
  g_assert_nonnull (hearth_journal_lookup (again, first));
  g_assert_nonnull (hearth_journal_lookup (again, second));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = hearth_journal_get_problems (again);
  g_assert_cmpuint (problems->len, ==, 0);
  /* A second look the save asked for may still be under way. */
  while (hearth_journal_is_saving (f->journal))
    g_main_context_iteration (NULL, TRUE);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static HearthJournal *
open_async_and_wait (const char *path,
                     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hearth_journal_open_async (path, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return hearth_journal_open_finish (result, error);
}

/* The same answers as the blocking open, from a worker thread: the
 * journal, a folder that is not there, a folder with no journal in it. */
static void
test_open_async (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = open_async_and_wait (f->path, &error);
  g_autofree char *gone = g_build_filename (f->base, "not-here", NULL);
  g_autofree char *empty = g_build_filename (f->base, "empty", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (hearth_journal_get_id (journal), ==, hearth_journal_get_id (f->journal));
  g_assert_cmpint (hearth_journal_is_locked (journal), ==, data != NULL);

  g_assert_null (open_async_and_wait (gone, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_assert_null (open_async_and_wait (empty, &error));
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL);
  g_assert_nonnull (strstr (error->message, "hearth-journal.json"));
}

/* Sets the clock to a day of 2020 while @past, back to the test's day after. */
static void
live_in_2020 (GDateTime **saved,
              gboolean    past)
{
  if (past)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) then = g_date_time_new (tz, 2020, 3, 4, 10, 0, 0);

      *saved = hearth_clock_now_local ();
      hearth_clock_set_now (then);
    }
  else
    {
      hearth_clock_set_now (*saved);
      g_clear_pointer (saved, g_date_time_unref);
    }
}

static char *
add_gratitude (HearthJournal *journal,
               const char    *text)
{
  g_autoptr(HearthRecord) note = hearth_journal_new_record (journal, "gratitude", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (note, "from", hearth_journal_get_me (journal));
  hearth_record_set_string (note, "to", hearth_journal_get_partner_id (journal));
  hearth_record_set_string (note, "text", text);
  g_assert_true (hearth_journal_save (journal, note, &error));
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (note));
}

static gint64
remembered_seq (HearthJournal *journal,
                const char    *name)
{
  g_autoptr(HearthState) state = hearth_state_load (hearth_journal_get_id (journal));
  g_autofree char *key = hearth_state_seq_key (hearth_journal_get_device_id (journal), name);
  gint64           seq = -1;

  if (!hearth_state_get_seq (state, key, &seq))
    return -1;
  return seq;
}

static guint
n_problems (HearthJournal *journal)
{
  g_autoptr(GPtrArray) problems = hearth_journal_get_problems (journal);
  return problems->len;
}

static HearthJournal *
reopen_scope (Fixture               *f,
              const char            *passphrase,
              const HearthLoadScope *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = hearth_journal_open (f->path, &error);

  g_assert_no_error (error);
  if (passphrase)
    g_assert_true (hearth_journal_unlock (journal, passphrase, &error));
  g_assert_true (hearth_journal_load_scope (journal, scope, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&journal);
}

/* A partial load reads only the files it names, says nothing of the others
 * (damaged, gone back or missing as they may be), keeps what this device
 * remembers of them, and a save into a file it did not read keeps that
 * file's records. */
static void
test_load_scope (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(GDateTime) now = hearth_clock_now_local ();
  g_autoptr(HearthJournal) part = NULL;
  g_autoptr(HearthJournal) full = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_entry = NULL, *old_entry2 = NULL, *old_note = NULL;
  g_autofree char *new_entry = NULL, *new_note = NULL, *later_note = NULL;
  g_autofree char *entries_2020 = NULL, *gratitude_2020 = NULL, *old_bytes = NULL;
  g_autofree char *this_year = g_strdup_printf ("gratitude-%d.json", g_date_time_get_year (now));
  g_autofree char *partner_folder = g_build_filename (f->path, "devices", "partner-device", NULL);
  g_autofree char *partner_file = g_build_filename (partner_folder, "entries-2020.json", NULL);
  HearthLoadScope  scope = { HEARTH_LOAD_SHARED | HEARTH_LOAD_ENTRIES,
                             g_date_time_get_year (now), g_date_time_get_year (now) };
  gsize            old_len;

  live_in_2020 (&saved, TRUE);
  old_entry = hearth_test_add_entry (f->journal, "2020", "one");
  entries_2020 = own_entries_path (f->journal, old_entry);
  g_assert_true (g_file_get_contents (entries_2020, &old_bytes, &old_len, NULL));
  old_entry2 = hearth_test_add_entry (f->journal, "2020 again", "two");
  old_note = add_gratitude (f->journal, "in 2020");
  live_in_2020 (&saved, FALSE);
  new_entry = hearth_test_add_entry (f->journal, "Now", "three");
  new_note = add_gratitude (f->journal, "now");
  g_assert_cmpint (remembered_seq (f->journal, "entries-2020.json"), ==, 2);

  /* Own entries-2020.json went back, gratitude-2020.json is gone, the
   * partner's entries-2020.json is damaged. */
  g_assert_true (g_file_set_contents (entries_2020, old_bytes, old_len, NULL));
  gratitude_2020 = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal),
                                     "gratitude-2020.json", NULL);
  g_assert_cmpint (g_unlink (gratitude_2020), ==, 0);
  g_mkdir_with_parents (partner_folder, 0700);
  g_assert_true (g_file_set_contents (partner_file, "{\"hearth\": 1, \"ty", -1, NULL));

  part = reopen_scope (f, data ? PASS : NULL, &scope);
  g_assert_true (hearth_journal_is_loaded (part));
  g_assert_false (hearth_journal_is_fully_loaded (part));
  g_assert_cmpuint (n_problems (part), ==, 0);
  g_assert_false (hearth_journal_has_versions_to_accept (part));
  g_assert_cmpuint (n_items (part, HEARTH_KIND_ENTRY), ==, 1);
  g_assert_nonnull (hearth_journal_lookup (part, new_entry));
  g_assert_cmpuint (n_items (part, HEARTH_KIND_PARTNER), ==, 2);
  g_assert_cmpuint (n_items (part, HEARTH_KIND_GRATITUDE), ==, 0);
  g_assert_nonnull (hearth_journal_get_info (part));
  /* What this device remembers of the files not read stays. */
  g_assert_cmpint (remembered_seq (part, "entries-2020.json"), ==, 2);
  g_assert_cmpint (remembered_seq (part, "gratitude-2020.json"), ==, 1);
  g_assert_cmpint (remembered_seq (part, this_year), ==, 1);
  /* A look again does not wander into the other files. */
  hearth_journal_rescan (part);
  g_assert_cmpuint (n_problems (part), ==, 0);

  /* A save into a file that was not read keeps its other records, and one
   * into a file that went back is still refused. */
  later_note = add_gratitude (part, "later");
  g_assert_cmpint (remembered_seq (part, this_year), ==, 2);
  {
    g_autoptr(HearthRecord) entry = NULL;

    live_in_2020 (&saved, TRUE);
    entry = hearth_journal_new_record (part, "entry", NULL);
    hearth_record_set_string (entry, "author", hearth_journal_get_me (part));
    hearth_record_set_string (entry, "body", "refused");
    g_assert_false (hearth_journal_save (part, entry, &error));
    g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WENT_BACK);
    g_clear_error (&error);
    live_in_2020 (&saved, FALSE);
  }

  /* Everything read: every problem shows, and nothing was lost. */
  full = reopen (f, data ? PASS : NULL);
  g_assert_true (hearth_journal_is_fully_loaded (full));
  g_assert_true (problems_say (full, HEARTH_ERROR_WENT_BACK, "entries-2020.json"));
  g_assert_true (problems_say (full, HEARTH_ERROR_MISSING, "gratitude-2020.json"));
  g_assert_true (problems_say (full, HEARTH_ERROR_DAMAGED, "partner-device/entries-2020.json"));
  g_assert_nonnull (hearth_journal_lookup (full, new_note));
  g_assert_nonnull (hearth_journal_lookup (full, later_note));
  g_assert_nonnull (hearth_journal_lookup (full, old_entry));
  g_assert_null (hearth_journal_lookup (full, old_entry2));
  g_assert_cmpint (remembered_seq (full, "entries-2020.json"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("hearth-journal-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();

  for (int encrypted = 0; encrypted < 2; encrypted++)
    {
      gconstpointer data = encrypted ? GINT_TO_POINTER (1) : NULL;
      const char   *prefix = encrypted ? "/journal/encrypted" : "/journal/plain";
      struct
      {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } tests[] = {
        { "save-and-reopen", test_save_and_reopen },
        { "open-async", test_open_async },
        { "edit-delete-undo", test_edit_and_delete_update_models },
        { "async-newest-first", test_async_load_newest_year_first },
        { "rescan-merges-partner-files", test_rescan_merges_partner_files },
        { "damaged-own-file", test_damaged_own_file_refuses_and_is_untouched },
        { "search", test_search_folds_case_and_accents },
        { "search-only", test_search_only },
        { "join-second-device", test_join_second_device },
        { "file-went-back", test_file_that_went_back },
        { "file-disappeared", test_file_that_disappeared },
        { "device-json-other-partner", test_device_json_names_other_partner },
        { "save-async-waits-for-lock", test_save_async_waits_for_lock },
        { "save-async-failure-reports", test_save_async_failure_reports },
        { "load-absorbs-own-copy", test_load_absorbs_own_copy },
        { "watcher-absorbs-new-copy", test_watcher_absorbs_new_copy },
        { "load-scope", test_load_scope },
      };

      for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s", prefix, tests[i].name);
          g_test_add (path, Fixture, data, fixture_set_up, tests[i].func, fixture_tear_down);
        }
      if (encrypted)
        {
          g_test_add ("/journal/encrypted/lock-and-passphrase", Fixture, data,
                      fixture_set_up, test_lock_and_passphrase_change, fixture_tear_down);
          g_test_add ("/journal/encrypted/manifest-drops-encryption", Fixture, data,
                      fixture_set_up, test_manifest_drops_encryption, fixture_tear_down);
        }
    }
  {
    int status = g_test_run ();
    hearth_test_remove_tree (state);
    return status;
  }
}
