/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hearth-backup.h"
#include "hearth-error.h"
#include "hearth-journal.h"
#include "hearth-journal-private.h"
#include "hearth-shard.h"
#include "hearth-test-clock.h"
#include "hearth-test-journal.h"

#define PASS "a long enough passphrase"

typedef struct
{
  char          *base;
  char          *path;
  char          *root; /* the folder of all backups */
  HearthJournal *journal;
} Fixture;

static void
set_day (const char *iso)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso, local);

  g_assert_nonnull (now);
  hearth_clock_set_now (now);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  hearth_test_clock_init ();
  f->journal = hearth_test_journal_create ("hearth-backup-test", data ? PASS : NULL, &f->base, &f->path);
  f->root = g_build_filename (f->base, "backups", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_assert_finalize_object (f->journal);
  hearth_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->path);
  g_free (f->root);
}

static void
edit_body (HearthJournal *journal,
           const char    *id,
           const char    *body)
{
  g_autoptr(HearthRecord) copy = hearth_record_copy (hearth_journal_lookup (journal, id));
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (copy, "body", body);
  g_assert_true (hearth_journal_save (journal, copy, &error));
  g_assert_no_error (error);
}

static char *
backup_folder (Fixture *f)
{
  return hearth_backup_get_folder (f->root, hearth_journal_get_id (f->journal));
}

/* Every file under @folder: relative path → contents and mode. */
static GHashTable *
snapshot (const char *folder)
{
  GHashTable *snap = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (""));
  while (stack->len > 0)
    {
      g_autofree char *relative = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autofree char *path = g_build_filename (folder, relative, NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = *relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
          g_autofree char *child_path = g_build_filename (folder, child, NULL);
          GStatBuf         st;
          char            *contents = NULL;
          gsize            len = 0;

          g_assert_cmpint (g_lstat (child_path, &st), ==, 0);
          if (S_ISDIR (st.st_mode))
            g_ptr_array_add (stack, g_steal_pointer (&child));
          else if (S_ISREG (st.st_mode))
            {
              g_assert_true (g_file_get_contents (child_path, &contents, &len, NULL));
              g_hash_table_insert (snap, g_steal_pointer (&child),
                                   g_strdup_printf ("%o:%s", (guint) (st.st_mode & 0777), contents));
              g_free (contents);
            }
          else
            g_hash_table_insert (snap, g_steal_pointer (&child), g_strdup ("other"));
        }
    }
  return snap;
}

static void
assert_same_snapshot (GHashTable *a,
                      GHashTable *b)
{
  GHashTableIter iter;
  gpointer       key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The names in a journal's backup folder, sorted, as one string. */
static char *
folder_names (const char *folder)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* ------------------------------------------------------------------------ */

static void
test_make_copies_files_as_they_are (Fixture      *f,
                                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(GHashTable) journal_files = NULL;
  g_autoptr(GHashTable) backup_files = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *own = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal), NULL);
  g_autofree char *fifo = g_build_filename (own, "entries-1999.json", NULL);
  g_autofree char *link = g_build_filename (own, "gratitude-2001.json", NULL);
  g_autofree char *elsewhere = g_build_filename (f->base, "elsewhere", NULL);
  g_autofree char *linked_device = g_build_filename (f->path, "devices", "linked", NULL);
  g_autofree char *shared = g_build_filename (own, "shared.json", NULL);
  g_autofree char *names = NULL;
  g_autofree char *index = NULL;

  set_day ("2026-12-02T10:30:00");
  g_free (hearth_test_add_entry (f->journal, "A walk", "By the river."));
  g_assert_cmpint (g_chmod (shared, 0640), ==, 0);
  /* What must not be read: a named pipe and a link where data files
   * belong, and a device folder that is a link to another place. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  {
    g_autofree char *secret = g_build_filename (elsewhere, "entries-2026.json", NULL);
    g_assert_true (g_file_set_contents (secret, "not the journal's", -1, NULL));
  }
  g_assert_cmpint (symlink (elsewhere, linked_device), ==, 0);

  journal_files = snapshot (f->path);
  info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                             HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->date, ==, "2026-12-02");
  g_assert_true (info->complete);

  /* Only the date folder and the lock: no half backup beside it. */
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock 2026-12-02");

  /* Every regular file byte for byte with its mode, and the list. */
  backup_files = snapshot (info->path);
  index = g_strdup (g_hash_table_lookup (backup_files, HEARTH_BACKUP_INDEX_NAME));
  g_assert_nonnull (index);
  g_hash_table_remove (backup_files, HEARTH_BACKUP_INDEX_NAME);
  g_hash_table_remove (journal_files, "devices/linked");
  {
    g_autofree char *fifo_rel = g_build_filename ("devices", hearth_journal_get_device_id (f->journal),
                                                  "entries-1999.json", NULL);
    g_autofree char *link_rel = g_build_filename ("devices", hearth_journal_get_device_id (f->journal),
                                                  "gratitude-2001.json", NULL);
    g_autofree char *shared_rel = g_build_filename ("devices", hearth_journal_get_device_id (f->journal),
                                                    "shared.json", NULL);
    g_hash_table_remove (journal_files, fifo_rel);
    g_hash_table_remove (journal_files, link_rel);
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (backup_files, shared_rel), "640:"));
  }
  assert_same_snapshot (journal_files, backup_files);
  g_assert_cmpuint (info->n_files, ==, g_hash_table_size (backup_files));
  g_assert_null (strstr (index, "linked"));
  g_assert_null (strstr (index, "entries-1999"));

  /* A second run the same day keeps it. */
  {
    g_autoptr(HearthBackupInfo) again = hearth_backup_make (f->path, hearth_journal_get_id (f->journal),
                                                             f->root, HEARTH_BACKUP_NONE, NULL, &error);
    g_autoptr(GHashTable) same = NULL;

    g_assert_no_error (error);
    same = snapshot (again->path);
    g_hash_table_remove (same, HEARTH_BACKUP_INDEX_NAME);
    assert_same_snapshot (backup_files, same);
  }
}

static void
test_replace_today (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) first = NULL;
  g_autoptr(HearthBackupInfo) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *names = NULL;

  set_day ("2026-12-02T10:30:00");
  first = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                              HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_no_error (error);
  g_free (hearth_test_add_entry (f->journal, "A walk", "By the river."));
  second = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                               HEARTH_BACKUP_REPLACE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_files, >, first->n_files);
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock 2026-12-02");

  list = hearth_backup_list (hearth_journal_get_id (f->journal), f->root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((HearthBackupInfo *) g_ptr_array_index (list, 0))->n_files, ==, second->n_files);
  g_assert_cmpuint (((HearthBackupInfo *) g_ptr_array_index (list, 0))->size, ==, second->size);
}

static void
test_retention (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GDateTime) day = NULL;

  /* Two backups a month for a year and a half, then one every day for
   * forty days. */
  for (int m = 0; m < 17; m++)
    for (int d = 10; d <= 20; d += 10)
      {
        g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02dT09:00:00", 2025 + (5 + m) / 12, (5 + m) % 12 + 1, d);
        g_autoptr(HearthBackupInfo) info = NULL;

        set_day (iso);
        info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                                   HEARTH_BACKUP_NONE, NULL, &error);
        g_assert_no_error (error);
      }
  {
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    day = g_date_time_new (local, 2026, 11, 1, 9, 0, 0);
  }
  for (int i = 0; i < 40; i++)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, i);
      g_autoptr(HearthBackupInfo) info = NULL;

      hearth_clock_set_now (next);
      info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                                 HEARTH_BACKUP_NONE, NULL, &error);
      g_assert_no_error (error);
    }

  list = hearth_backup_list (hearth_journal_get_id (f->journal), f->root, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (kept, "%s ", ((HearthBackupInfo *) g_ptr_array_index (list, i))->date);
  /* The last fourteen days (2026-11-27 to 2026-12-10) and the first
   * backup of each of the last twelve months (December 2026 back to
   * January 2026). */
  for (int d = 10; d >= 1; d--)
    g_string_append_printf (expected, "2026-12-%02d ", d);
  for (int d = 30; d >= 27; d--)
    g_string_append_printf (expected, "2026-11-%02d ", d);
  g_string_append (expected, "2026-11-01 ");
  for (int m = 10; m >= 1; m--)
    g_string_append_printf (expected, "2026-%02d-10 ", m);
  g_assert_cmpstr (kept->str, ==, expected->str);
  g_assert_cmpuint (list->len, ==, 25);
}

static void
test_half_backup_is_not_one (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *half = g_build_filename (folder, ".2026-12-01.AbC123", NULL);
  g_autofree char *half_file = g_build_filename (half, "hearth-journal.json", NULL);
  g_autofree char *names = NULL;

  /* What a crash in the middle of a backup leaves. */
  g_assert_cmpint (g_mkdir_with_parents (half, 0700), ==, 0);
  g_assert_true (g_file_set_contents (half_file, "{\"hearth\":", -1, NULL));
  list = hearth_backup_list (hearth_journal_get_id (f->journal), f->root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  set_day ("2026-12-02T10:30:00");
  info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                             HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_no_error (error);
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock 2026-12-02");
}

static void
test_disk_full_leaves_nothing (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char  *folder = backup_folder (f);
  g_autofree char  *names = NULL;
  g_autofree char  *long_body = g_strnfill (20000, 'x');
  HearthBackupInfo *info;
  struct rlimit     old, small;

  g_free (hearth_test_add_entry (f->journal, "A long one", long_body));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  before = snapshot (f->path);
  set_day ("2026-12-02T10:30:00");

  /* A file may grow no larger than 4 KiB: writing the copy of the
   * entries file fails like on a full disk (EFBIG instead of ENOSPC). */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small = old;
  small.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                             HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);

  g_assert_null (info);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "not enough room"));
  g_assert_nonnull (strstr (error->message, folder));
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock");
  after = snapshot (f->path);
  assert_same_snapshot (before, after);
}

static void
test_unwritable_folder (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char  *folder = backup_folder (f);
  g_autofree char  *names = NULL;
  HearthBackupInfo *info;

  if (geteuid () == 0)
    {
      g_test_skip ("file modes do not stop root (tests/cli/test_backup.py covers it)");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  before = snapshot (f->path);
  info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                             HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "may write"));
  g_chmod (folder, 0700);
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, "");
  after = snapshot (f->path);
  assert_same_snapshot (before, after);
}

static HearthBackupInfo *
make_now (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  HearthBackupInfo *info = hearth_backup_make (f->path, hearth_journal_get_id (f->journal), f->root,
                                               HEARTH_BACKUP_REPLACE, NULL, &error);
  g_assert_no_error (error);
  return info;
}

static HearthRestoreItem *
find_item (HearthRestorePlan *plan,
           const char        *id)
{
  GPtrArray *items = hearth_restore_plan_get_items (plan);

  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((HearthRestoreItem *) g_ptr_array_index (items, i))->id, id))
      return g_ptr_array_index (items, i);
  return NULL;
}

static guint
count_with_body (HearthJournal *journal,
                 const char    *body)
{
  GListModel *entries = hearth_journal_get_model (journal, HEARTH_KIND_ENTRY);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(HearthRecord) entry = g_list_model_get_item (entries, i);
      if (g_strcmp0 (hearth_record_get_string (entry, "body"), body) == 0)
        n++;
    }
  return n;
}

static void
test_plan_and_apply (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(HearthRestorePlan) plan = NULL;
  g_autoptr(HearthRestorePlan) again = NULL;
  g_autoptr(HearthJournal) reopened = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char   *walk = hearth_test_add_entry (f->journal, "A walk", "By the river.");
  g_autofree char   *swim = hearth_test_add_entry (f->journal, "A swim", "In the lake.");
  g_autofree char   *talk = hearth_test_add_entry (f->journal, "A talk", "Late at night.");
  g_autofree char   *dinner = NULL;
  g_autofree char   *description = NULL;
  const char        *device = hearth_journal_get_device_id (f->journal);
  HearthRestoreItem *item;
  HearthRecord      *back;
  guint              n = 0;

  set_day ("2026-12-02T10:30:00");
  info = make_now (f);

  /* Since the backup: one entry deleted, one changed, one new. */
  g_assert_true (hearth_journal_delete (f->journal, walk, &error));
  g_assert_no_error (error);
  edit_body (f->journal, swim, "In the cold lake, twice.");
  dinner = hearth_test_add_entry (f->journal, "A dinner", "Written after the backup.");

  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_restore_plan_get_date (plan), ==, "2026-12-02");
  g_assert_cmpuint (hearth_restore_plan_get_items (plan)->len, ==, 2);
  item = find_item (plan, walk);
  g_assert_nonnull (item);
  g_assert_cmpint (item->reason, ==, HEARTH_RESTORE_DELETED);
  g_assert_cmpstr (item->title, ==, "A walk");
  g_assert_cmpstr (item->kind, ==, "entry");
  item = find_item (plan, swim);
  g_assert_nonnull (item);
  g_assert_cmpint (item->reason, ==, HEARTH_RESTORE_EARLIER_TEXT);
  g_assert_null (find_item (plan, talk));
  g_assert_null (find_item (plan, dinner));
  description = hearth_restore_plan_describe (plan);
  g_assert_cmpstr (description, ==,
                   "1 deleted item comes back; 1 earlier text comes back beside the current one. "
                   "Nothing written since the backup is changed.");

  g_assert_true (hearth_restore_plan_apply (plan, f->journal, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  /* The deleted entry is back as a new version by this device. */
  back = hearth_journal_lookup (f->journal, walk);
  g_assert_nonnull (back);
  g_assert_cmpstr (hearth_record_get_string (back, "body"), ==, "By the river.");
  g_assert_cmpstr (hearth_record_get_device (back), ==, device);
  /* The changed one keeps its text, the earlier one stands beside it. */
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, swim), "body"), ==,
                   "In the cold lake, twice.");
  g_assert_cmpuint (count_with_body (f->journal, "In the lake."), ==, 1);
  g_assert_nonnull (hearth_journal_lookup (f->journal, dinner));
  g_assert_nonnull (hearth_journal_lookup (f->journal, talk));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_journal_get_model (f->journal, HEARTH_KIND_ENTRY)), ==, 5);

  /* Restoring again brings nothing more. */
  again = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hearth_restore_plan_get_items (again)->len, ==, 0);

  /* On disk, through the normal save: another reader sees the same and no
   * file went back. */
  reopened = hearth_journal_open (f->path, &error);
  g_assert_no_error (error);
  if (data)
    g_assert_true (hearth_journal_unlock (reopened, PASS, &error));
  g_assert_true (hearth_journal_load (reopened, &error));
  g_assert_no_error (error);
  problems = hearth_journal_get_problems (reopened);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (hearth_journal_lookup (reopened, walk));
  g_assert_cmpuint (count_with_body (reopened, "In the lake."), ==, 1);
}

static void
test_missing_partner_file (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(HearthRestorePlan) plan = NULL;
  g_autofree char   *partner_folder = g_build_filename (f->path, "devices", "partner-laptop", NULL);
  g_autofree char   *partner_file = g_build_filename (partner_folder, "gratitude-2026.json", NULL);
  const char        *me = hearth_journal_get_me (f->journal);
  const char        *sam = hearth_journal_get_partner_id (f->journal);
  HearthShardContext ctx = { hearth_journal_get_id (f->journal), hearth_journal_get_data_key (f->journal) };
  g_autofree char   *doc = NULL;
  HearthRestoreItem *item;
  guint              n = 0;

  /* The partner's device wrote a thank-you note. */
  doc = g_strdup_printf ("{\"hearth\":1,\"type\":\"gratitude\",\"seq\":1,\"records\":["
                         "{\"id\":\"thanks-1\",\"kind\":\"gratitude\",\"created\":\"2026-11-30T20:00:00+01:00\","
                         "\"updated\":\"2026-11-30T19:00:00.000Z\",\"device\":\"partner-laptop\","
                         "\"from\":\"%s\",\"to\":\"%s\",\"text\":\"For the soup.\",\"date\":\"2026-11-30\"}]}",
                         sam, me);
  g_assert_cmpint (g_mkdir_with_parents (partner_folder, 0700), ==, 0);
  g_assert_true (hearth_shard_write_data (partner_file, "gratitude-2026.json", "gratitude", doc, strlen (doc),
                                          "partner-laptop", &ctx, NULL));
  hearth_journal_rescan (f->journal);
  g_assert_nonnull (hearth_journal_lookup (f->journal, "thanks-1"));

  set_day ("2026-12-02T10:30:00");
  info = make_now (f);
  /* The partner's file is lost (a sync mishap). */
  g_assert_cmpint (g_unlink (partner_file), ==, 0);
  hearth_journal_rescan (f->journal);
  g_assert_null (hearth_journal_lookup (f->journal, "thanks-1"));

  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_no_error (error);
  item = find_item (plan, "thanks-1");
  g_assert_nonnull (item);
  g_assert_cmpint (item->reason, ==, HEARTH_RESTORE_MISSING);
  g_assert_cmpstr (item->title, ==, "For the soup.");
  g_assert_cmpstr (item->date, ==, "2026-11-30");
  g_assert_true (hearth_restore_plan_apply (plan, f->journal, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* Written into this device's own file, never the partner's. */
  g_assert_cmpstr (hearth_record_get_device (hearth_journal_lookup (f->journal, "thanks-1")), ==,
                   hearth_journal_get_device_id (f->journal));
  g_assert_false (g_file_test (partner_file, G_FILE_TEST_EXISTS));
}

static void
test_file_went_back (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(HearthRestorePlan) plan = NULL;
  g_autofree char   *swim = hearth_test_add_entry (f->journal, "A swim", "In the lake.");
  g_autofree char   *path = NULL;
  g_autofree char   *old = NULL;
  g_autofree char   *relative = NULL;
  gsize              old_len = 0;
  HearthRestoreItem *item;
  guint              n = 0;

  {
    g_autofree char *shard = hearth_record_data_dup_shard_name (hearth_journal_lookup_version (f->journal, swim));
    path = g_build_filename (f->path, "devices", hearth_journal_get_device_id (f->journal), shard, NULL);
    relative = g_build_filename ("devices", hearth_journal_get_device_id (f->journal), shard, NULL);
  }
  g_assert_true (g_file_get_contents (path, &old, &old_len, NULL));
  edit_body (f->journal, swim, "In the lake, at dawn.");
  set_day ("2026-12-02T10:30:00");
  info = make_now (f);

  /* An old copy of the file comes back, and the person keeps it. */
  g_assert_true (g_file_set_contents (path, old, old_len, NULL));
  hearth_journal_rescan (f->journal);
  g_assert_true (hearth_journal_has_versions_to_accept (f->journal));
  g_assert_true (hearth_journal_accept_file (f->journal, relative, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, swim), "body"), ==, "In the lake.");

  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_no_error (error);
  item = find_item (plan, swim);
  g_assert_nonnull (item);
  g_assert_cmpint (item->reason, ==, HEARTH_RESTORE_NEWER_TEXT);
  g_assert_true (hearth_restore_plan_apply (plan, f->journal, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (hearth_record_get_string (hearth_journal_lookup (f->journal, swim), "body"), ==,
                   "In the lake, at dawn.");
  g_assert_false (hearth_journal_has_versions_to_accept (f->journal));
  g_assert_cmpuint (count_with_body (f->journal, "In the lake."), ==, 0);
}

static void
test_foreign_backup (Fixture      *f,
                     gconstpointer data)
{
  const char *names[2] = { "Robin", "Kim" };
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->base, "other", NULL);
  g_autoptr(HearthJournal) other = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  HearthRestorePlan *plan;

  other = hearth_journal_create (other_path, "Theirs", names, NULL, 0, data ? PASS : NULL,
                                 HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
  g_free (hearth_test_add_entry (other, "Not ours", "Someone else's."));
  set_day ("2026-12-02T10:30:00");
  info = hearth_backup_make (other_path, hearth_journal_get_id (other), f->root,
                             HEARTH_BACKUP_NONE, NULL, &error);
  g_assert_no_error (error);

  before = snapshot (f->path);
  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_null (plan);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "another journal"));
  g_assert_nonnull (strstr (error->message, "Nothing was restored"));
  after = snapshot (f->path);
  assert_same_snapshot (before, after);
}

static void
test_damaged_backup (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char   *walk = hearth_test_add_entry (f->journal, "A walk", "By the river.");
  g_autofree char   *copy = NULL;
  g_autofree char   *contents = NULL;
  g_autofree char   *index = NULL;
  gsize              len = 0;
  HearthRestorePlan *plan;

  set_day ("2026-12-02T10:30:00");
  info = make_now (f);
  g_assert_true (hearth_journal_delete (f->journal, walk, &error));
  before = snapshot (f->path);

  /* Truncated. */
  {
    HearthRecordData *version = hearth_journal_lookup_version (f->journal, walk);
    g_autofree char  *shard = hearth_record_data_dup_shard_name (version);

    copy = g_build_filename (info->path, "devices", hearth_journal_get_device_id (f->journal), shard, NULL);
  }
  g_assert_true (g_file_get_contents (copy, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len / 2, NULL));
  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_null (plan);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "is not as it was when it was backed up"));
  g_assert_nonnull (strstr (error->message, "Nothing was restored"));
  g_clear_error (&error);

  /* Forged: a changed file whose list was changed to match still has to
   * read as a journal file. */
  {
    g_autofree char *index_path = g_build_filename (info->path, HEARTH_BACKUP_INDEX_NAME, NULL);
    g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len / 2);
    g_autofree char *old_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
    g_autofree char *old_size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT, len);
    g_autofree char *new_size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT, len / 2);
    GString         *forged;

    g_assert_true (g_file_get_contents (index_path, &index, NULL, NULL));
    forged = g_string_new (index);
    g_assert_cmpuint (g_string_replace (forged, old_sum, sum, 1), ==, 1);
    g_assert_cmpuint (g_string_replace (forged, old_size, new_size, 1), ==, 1);
    g_assert_true (g_file_set_contents (index_path, forged->str, -1, NULL));
    g_string_free (forged, TRUE);
  }
  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_null (plan);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_clear_error (&error);

  /* No list at all. */
  {
    g_autofree char *index_path = g_build_filename (info->path, HEARTH_BACKUP_INDEX_NAME, NULL);
    g_assert_cmpint (g_unlink (index_path), ==, 0);
  }
  plan = hearth_restore_plan_new (f->journal, info->path, &error);
  g_assert_null (plan);
  g_assert_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "not a finished Hearth backup"));

  after = snapshot (f->path);
  assert_same_snapshot (before, after);
  g_assert_null (hearth_journal_lookup (f->journal, walk));
}

static void
wait_for_backup_of (const char *folder,
                    const char *date)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *path = g_build_filename (folder, date, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Until no worker holds the lock of the backups any more. */
static void
wait_until_unlocked (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, ".lock", NULL);
  gint64           end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int              fd = g_open (path, O_RDWR | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  close (fd);
}

static void
test_daily (Fixture      *f,
            gconstpointer data)
{
  g_autofree char   *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (f->journal));
  g_autofree char   *names = NULL;
  HearthBackupDaily *daily;

  set_day ("2026-12-02T10:30:00");
  daily = hearth_backup_daily_start (f->journal);
  wait_for_backup_of (folder, "2026-12-02");

  /* The next day comes while the journal is open, maybe while the first
   * backup is still finishing. */
  set_day ("2026-12-03T00:00:30");
  wait_for_backup_of (folder, "2026-12-03");
  wait_until_unlocked (folder);
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock 2026-12-02 2026-12-03");

  /* Stopped, the day after brings no backup: the clock tells the day at
   * once, and nobody listens any more. */
  hearth_backup_daily_stop (daily);
  set_day ("2026-12-04T00:00:30");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_until_unlocked (folder);
  g_free (names);
  names = folder_names (folder);
  g_assert_cmpstr (names, ==, ".lock 2026-12-02 2026-12-03");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("hearth-backup-state-XXXXXX", NULL);
  g_autofree char *data_home = g_dir_make_tmp ("hearth-backup-data-XXXXXX", NULL);
  int              result;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  hearth_test_clock_init ();

  for (int encrypted = 0; encrypted < 2; encrypted++)
    {
      gconstpointer data = encrypted ? GINT_TO_POINTER (1) : NULL;
      const char   *prefix = encrypted ? "/backup/encrypted" : "/backup/plain";
      struct
      {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } tests[] = {
        { "make-copies-files-as-they-are", test_make_copies_files_as_they_are },
        { "replace-today", test_replace_today },
        { "half-backup-is-not-one", test_half_backup_is_not_one },
        { "disk-full-leaves-nothing", test_disk_full_leaves_nothing },
        { "unwritable-folder", test_unwritable_folder },
        { "plan-and-apply", test_plan_and_apply },
        { "missing-partner-file", test_missing_partner_file },
        { "file-went-back", test_file_went_back },
        { "foreign-backup", test_foreign_backup },
        { "damaged-backup", test_damaged_backup },
      };

      for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s", prefix, tests[i].name);
          g_test_add (path, Fixture, data, fixture_set_up, tests[i].func, fixture_tear_down);
        }
    }
  g_test_add ("/backup/retention", Fixture, NULL, fixture_set_up, test_retention, fixture_tear_down);
  g_test_add ("/backup/daily", Fixture, NULL, fixture_set_up, test_daily, fixture_tear_down);

  result = g_test_run ();
  hearth_test_remove_tree (state);
  hearth_test_remove_tree (data_home);
  return result;
}
