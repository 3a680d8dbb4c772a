/* SPDX-License-Identifier: GPL-3.0-or-later */

/* renameat2() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hearth-backup.h"
#include "hearth-clock.h"
#include "hearth-error.h"
#include "hearth-file.h"
#include "hearth-journal-private.h"
#include "hearth-json.h"
#include "hearth-ritual.h"
#include "hearth-shard.h"
#include "hearth-text.h"

#define MANIFEST_NAME "hearth-journal.json"
#define LOCK_NAME     ".lock"
#define BACKUP_FORMAT 1

/**
 * SECTION:hearth-backup
 *
 * Backups of a journal on this computer, outside the synced folder, in
 * `$XDG_DATA_HOME/hearth/backups/<journal id>/<YYYY-MM-DD>/`: the journal's
 * files exactly as they are (still encrypted), with their modes, and a list
 * of them (`hearth-backup.json`: path, size, mode and SHA-256 of each).
 *
 * A backup is built in a hidden folder beside its final place, flushed to
 * disk and then renamed into place, so a folder named like a date is always
 * a whole backup; a hidden folder left by a crash is removed on the next
 * run. The folder of a journal's backups is locked while one is made, so
 * the app and the reminder service never build one at the same time.
 *
 * Restoring never replaces anything: it writes what the backup holds and
 * the journal lost as new versions by this device, through the journal's
 * normal save, so the partner's computer receives them like any edit.
 */

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

static void
set_write_error (int         saved,
                 const char *folder,
                 GError    **error)
{
  if (saved == ENOSPC || saved == EFBIG || saved == EDQUOT)
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DISK_FULL,
                 _ ("There is not enough room on the disk for a backup in %s. Free some space and try again; your journal was not touched."),
                 folder);
  else
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                 _ ("A backup cannot be made in %s (%s). Check that the folder exists and that you may write to it; your journal was not touched."),
                 folder, g_strerror (saved));
}

static void
set_damaged_backup (const char *backup_path,
                    const char *reason,
                    GError    **error)
{
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
               _ ("The backup in %s cannot be used: %s. Nothing was restored, and your journal is as it was."),
               backup_path, reason);
}

/* ------------------------------------------------------------------------ */
/* Backup information                                                        */

void
hearth_backup_info_free (HearthBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->date);
  g_free (info);
}

HearthBackupInfo *
hearth_backup_info_copy (const HearthBackupInfo *info)
{
  HearthBackupInfo *copy = g_memdup2 (info, sizeof *info);

  copy->path = g_strdup (info->path);
  copy->date = g_strdup (info->date);
  return copy;
}

/**
 * hearth_backup_get_root:
 * Returns: (transfer full): `$XDG_DATA_HOME/hearth/backups`
 */
char *
hearth_backup_get_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "hearth", "backups", NULL);
}

/**
 * hearth_backup_get_folder:
 * @root: (nullable): the folder of all backups, %NULL for the default
 *
 * Returns: (transfer full): the folder that holds one journal's backups
 */
char *
hearth_backup_get_folder (const char *root,
                          const char *journal_id)
{
  g_autofree char *fallback = root ? NULL : hearth_backup_get_root ();

  return g_build_filename (root ? root : fallback, journal_id, NULL);
}

static gboolean
is_date_name (const char *name)
{
  return hearth_date_parse (name, NULL);
}

static gboolean
is_real_folder (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static gboolean
valid_name (const char *name)
{
  return name != NULL && *name != '\0' && name[0] != '.' && strchr (name, '/') == NULL;
}

static JsonObject *
read_index (const char *backup_path,
            GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize       len = 0;
  JsonObject *index;
  JsonNode   *version;

  if (!hearth_file_read_beneath (backup_path, HEARTH_BACKUP_INDEX_NAME, HEARTH_MAX_SMALL_FILE_SIZE,
                                 &data, &len, error))
    return NULL;
  root = hearth_json_parse (data, len, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  index = json_node_get_object (root);
  version = json_object_get_member (index, "hearth-backup");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != BACKUP_FORMAT ||
      hearth_json_get_string (index, "journal", NULL) == NULL ||
      !json_object_has_member (index, "files") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (index, "files")))
    goto bad;
  return json_object_ref (index);

bad:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("it is not a list of backed-up files"));
  return NULL;
}

static HearthBackupInfo *
read_info (const char *folder,
           const char *date)
{
  HearthBackupInfo *info = g_new0 (HearthBackupInfo, 1);
  g_autoptr(JsonObject) index = NULL;
  JsonArray *files;

  info->path = g_build_filename (folder, date, NULL);
  info->date = g_strdup (date);
  index = read_index (info->path, NULL);
  if (index == NULL)
    return info;
  files = json_object_get_array_member (index, "files");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonNode *size;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      size = json_object_get_member (json_node_get_object (node), "size");
      if (size != NULL && JSON_NODE_HOLDS_VALUE (size) &&
          json_node_get_value_type (size) == G_TYPE_INT64 && json_node_get_int (size) >= 0)
        info->size += (guint64) json_node_get_int (size);
      info->n_files++;
    }
  {
    gboolean ok = FALSE;
    gint64   made = hearth_time_parse_usec (hearth_json_get_string (index, "made", ""), &ok);
    info->made = ok ? made / G_USEC_PER_SEC : 0;
  }
  info->complete = TRUE;
  return info;
}

/* ------------------------------------------------------------------------ */
/* Files and folders of the backups                                          */

/* Removes a tree without following any link in it. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      /* A folder someone made read-only still goes. */
      if (dir == NULL && g_chmod (path, 0700) == 0)
        dir = g_dir_open (path, 0, NULL);
      else if (dir != NULL)
        g_chmod (path, 0700);
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
sync_folder (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

static gboolean
make_folder (const char *path,
             const char *folder,
             GError    **error)
{
  if (g_mkdir (path, 0700) == 0 || (errno == EEXIST && is_real_folder (path)))
    return TRUE;
  set_write_error (errno, folder, error);
  return FALSE;
}

/* Writes @data into a new file at @path, gives it @mode and flushes it to
 * disk. @folder names the place in messages. */
static gboolean
write_new_file (const char *path,
                const char *data,
                gsize       len,
                guint       mode,
                const char *folder,
                GError    **error)
{
  int   fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      set_write_error (errno, folder, error);
      return FALSE;
    }
  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_write_error (n < 0 ? errno : ENOSPC, folder, error);
          close (fd);
          return FALSE;
        }
      done += n;
    }
  if (fchmod (fd, mode & 0777) != 0 || fsync (fd) != 0)
    {
      set_write_error (errno, folder, error);
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_write_error (errno, folder, error);
      return FALSE;
    }
  return TRUE;
}

/* An exclusive lock on one journal's backups, held while a backup is made
 * or old ones are removed. */
static int
lock_backups (const char *folder,
              GError    **error)
{
  g_autofree char *path = g_build_filename (folder, LOCK_NAME, NULL);
  int              fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_write_error (errno, folder, error);
      return -1;
    }
  fd = g_open (path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (errno, folder, error);
      return -1;
    }
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  return fd;
}

static void
unlock_backups (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* Hidden folders are backups that were never finished, or old ones on
 * their way out: under the lock, none of them is in use. */
static void
remove_unfinished (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;

      if (name[0] != '.' || g_str_equal (name, LOCK_NAME))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (is_real_folder (path))
        remove_tree (path);
    }
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The names of the finished backups, newest first. */
static GPtrArray *
dated_folders (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;

      if (!is_date_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (is_real_folder (path))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names_descending);
  return names;
}

/* Takes a backup out of the list at once (a hidden name), then removes it. */
static void
drop_backup (const char *folder,
             const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *hidden_name = g_strconcat (".", name, ".old", NULL);
  g_autofree char *hidden = g_build_filename (folder, hidden_name, NULL);

  remove_tree (hidden);
  if (g_rename (path, hidden) == 0)
    remove_tree (hidden);
}

/* Keeps the newest HEARTH_BACKUP_KEEP_DAILY backups and the first backup of
 * each of the newest HEARTH_BACKUP_KEEP_MONTHLY months. */
static void
prune_locked (const char *folder)
{
  g_autoptr(GPtrArray) names = dated_folders (folder);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first_of_month = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *month = g_strndup (name, 7);

      if (i < HEARTH_BACKUP_KEEP_DAILY)
        g_hash_table_add (keep, (gpointer) name);
      /* Newest first: the last one seen of a month is its first. */
      if (!g_hash_table_contains (first_of_month, month))
        g_ptr_array_add (months, g_strdup (month));
      g_hash_table_insert (first_of_month, g_steal_pointer (&month), (gpointer) name);
    }
  for (guint i = 0; i < months->len && i < HEARTH_BACKUP_KEEP_MONTHLY; i++)
    g_hash_table_add (keep, g_hash_table_lookup (first_of_month, g_ptr_array_index (months, i)));

  for (guint i = 0; i < names->len; i++)
    if (!g_hash_table_contains (keep, g_ptr_array_index (names, i)))
      drop_backup (folder, g_ptr_array_index (names, i));
}

/* ------------------------------------------------------------------------ */
/* Copying a journal                                                         */

typedef struct
{
  const char   *journal_path;
  const char   *folder; /* the journal's backups, for messages */
  const char   *tmp;    /* the hidden folder being filled */
  JsonArray    *files;  /* the index being written */
  GCancellable *cancellable;
} Copy;

static void
add_to_index (Copy       *copy,
              const char *relative,
              const char *data,
              gsize       len,
              guint       mode)
{
  JsonObject      *file = json_object_new ();
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);

  json_object_set_string_member (file, "path", relative);
  json_object_set_int_member (file, "size", (gint64) len);
  json_object_set_int_member (file, "mode", mode & 0777);
  json_object_set_string_member (file, "sha256", sum);
  json_array_add_object_element (copy->files, file);
}

/* Copies one file of the journal, read without following links; a file
 * that cannot be read as a regular file is left out (@skipped). */
static gboolean
copy_file (Copy       *copy,
           const char *relative,
           gsize       max_size,
           gboolean   *skipped,
           GError    **error)
{
  g_autofree char *data = NULL;
  g_autofree char *target = g_build_filename (copy->tmp, relative, NULL);
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  guint mode = 0600;

  *skipped = FALSE;
  if (!hearth_file_read_beneath_full (copy->journal_path, relative, max_size,
                                      &data, &len, &mode, &local))
    {
      g_debug ("Not in the backup: %s: %s", relative, local->message);
      *skipped = TRUE;
      return TRUE;
    }
  if (!write_new_file (target, data, len, mode, copy->folder, error))
    return FALSE;
  add_to_index (copy, relative, data, len, mode);
  return TRUE;
}

static gboolean
copy_devices (Copy    *copy,
              GError **error)
{
  g_autofree char *devices = g_build_filename (copy->journal_path, "devices", NULL);
  g_autofree char *target = g_build_filename (copy->tmp, "devices", NULL);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!is_real_folder (devices) || (dir = g_dir_open (devices, 0, NULL)) == NULL)
    return TRUE;
  while ((name = g_dir_read_name (dir)))
    if (valid_name (name))
      g_ptr_array_add (folders, g_strdup (name));
  g_ptr_array_sort (folders, compare_names_descending);
  if (!make_folder (target, copy->folder, error))
    return FALSE;

  for (guint i = 0; i < folders->len; i++)
    {
      const char      *device = g_ptr_array_index (folders, i);
      g_autofree char *source = g_build_filename (devices, device, NULL);
      g_autofree char *device_target = g_build_filename (target, device, NULL);
      g_autoptr(GDir) sub = NULL;
      gboolean    made = FALSE;
      const char *file;

      /* A device folder that is a link is never followed. */
      if (!is_real_folder (source) || (sub = g_dir_open (source, 0, NULL)) == NULL)
        continue;
      while ((file = g_dir_read_name (sub)))
        {
          g_autofree char *canonical = hearth_shard_canonical_name (file, NULL);
          g_autofree char *path = NULL;
          g_autofree char *relative = NULL;
          GStatBuf         st;
          gboolean         skipped;

          if (g_cancellable_set_error_if_cancelled (copy->cancellable, error))
            return FALSE;
          if (canonical == NULL)
            continue;
          path = g_build_filename (source, file, NULL);
          if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
            continue;
          if (!made && !make_folder (device_target, copy->folder, error))
            return FALSE;
          made = TRUE;
          relative = g_build_filename ("devices", device, file, NULL);
          if (!copy_file (copy, relative, HEARTH_MAX_DATA_FILE_SIZE, &skipped, error))
            return FALSE;
        }
      if (made)
        sync_folder (device_target);
    }
  sync_folder (target);
  return TRUE;
}

static gboolean
write_index (Copy       *copy,
             const char *journal_id,
             GError    **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) index = json_object_new ();
  g_autofree char *made = hearth_time_format_updated (hearth_clock_get_real_time ());
  g_autofree char *path = g_build_filename (copy->tmp, HEARTH_BACKUP_INDEX_NAME, NULL);
  g_autofree char *text = NULL;
  gsize            len = 0;

  json_object_set_int_member (index, "hearth-backup", BACKUP_FORMAT);
  json_object_set_string_member (index, "journal", journal_id);
  json_object_set_string_member (index, "made", made);
  json_object_set_array_member (index, "files", json_array_ref (copy->files));
  json_node_set_object (root, index);
  text = hearth_json_to_string (root, TRUE, &len);
  return write_new_file (path, text, len, 0600, copy->folder, error);
}

/* Fills @tmp with a copy of the journal and its index. */
static gboolean
copy_journal (const char   *journal_path,
              const char   *journal_id,
              const char   *folder,
              const char   *tmp,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(JsonArray) files = json_array_new ();
  Copy     copy = { journal_path, folder, tmp, files, cancellable };
  gboolean skipped = FALSE;

  if (!copy_file (&copy, MANIFEST_NAME, HEARTH_MAX_SMALL_FILE_SIZE, &skipped, error))
    return FALSE;
  if (skipped)
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_A_JOURNAL,
                   _ ("There is no Hearth journal to back up in %s (its hearth-journal.json cannot be read)."),
                   journal_path);
      return FALSE;
    }
  if (!copy_devices (&copy, error) || !write_index (&copy, journal_id, error))
    return FALSE;
  sync_folder (tmp);
  return TRUE;
}

/* Puts the finished copy at @target; a backup already there is swapped out
 * in one step where the file system can, and removed. */
static gboolean
put_in_place (const char *folder,
              const char *tmp,
              const char *target,
              gboolean    replace,
              GError    **error)
{
  if (!replace)
    {
      if (g_rename (tmp, target) != 0)
        {
          set_write_error (errno, folder, error);
          return FALSE;
        }
    }
  else if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
    remove_tree (tmp);
  else
    {
      g_autofree char *old = g_strconcat (tmp, ".old", NULL);

      if (g_rename (target, old) != 0)
        {
          set_write_error (errno, folder, error);
          return FALSE;
        }
      if (g_rename (tmp, target) != 0)
        {
          int saved = errno;

          g_rename (old, target);
          set_write_error (saved, folder, error);
          return FALSE;
        }
      remove_tree (old);
    }
  sync_folder (folder);
  return TRUE;
}

static gboolean
check_outside_journal (const char *journal_path,
                       const char *folder,
                       GError    **error)
{
  g_autofree char *journal = g_canonicalize_filename (journal_path, NULL);
  g_autofree char *backups = g_canonicalize_filename (folder, NULL);
  g_autofree char *prefix = g_strconcat (journal, G_DIR_SEPARATOR_S, NULL);

  if (!g_str_equal (journal, backups) && !g_str_has_prefix (backups, prefix))
    return TRUE;
  g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
               _ ("Backups cannot be kept in %s: it is inside the journal folder, which your partner’s computer receives too. Keep the journal in another folder."),
               folder);
  return FALSE;
}

static HearthBackupInfo *
make_locked (const char       *journal_path,
             const char       *journal_id,
             const char       *folder,
             HearthBackupFlags flags,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autofree char *date = hearth_date_today ();
  g_autofree char *target = g_build_filename (folder, date, NULL);
  g_autofree char *template = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, date);
  gboolean exists = is_real_folder (target);

  remove_unfinished (folder);
  if (exists && !(flags & HEARTH_BACKUP_REPLACE))
    return read_info (folder, date);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      set_write_error (errno, folder, error);
      return NULL;
    }
  if (!copy_journal (journal_path, journal_id, folder, template, cancellable, error) ||
      !put_in_place (folder, template, target, exists, error))
    {
      remove_tree (template);
      return NULL;
    }
  return read_info (folder, date);
}

/**
 * hearth_backup_make:
 * @journal_path: the journal folder
 * @journal_id: its id, which names the folder of its backups
 * @root: (nullable): the folder of all backups, %NULL for the default
 * @flags: whether to make today's backup again when there is one
 *
 * Makes today's backup (today by the process's clock), unless there is one
 * and @flags does not ask to replace it, then removes the backups that are
 * no longer kept. Blocking: call it in a worker thread.
 *
 * Returns: (transfer full): today's backup, or %NULL with @error set; then
 *   nothing of the new backup is left, and the journal was only read
 */
HearthBackupInfo *
hearth_backup_make (const char       *journal_path,
                    const char       *journal_id,
                    const char       *root,
                    HearthBackupFlags flags,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autofree char  *folder = NULL;
  HearthBackupInfo *info;
  int               lock;

  g_return_val_if_fail (journal_path != NULL, NULL);

  if (!valid_name (journal_id))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_INVALID,
                           _ ("This journal has no valid id, so it cannot be backed up."));
      return NULL;
    }
  folder = hearth_backup_get_folder (root, journal_id);
  if (!check_outside_journal (journal_path, folder, error))
    return NULL;
  lock = lock_backups (folder, error);
  if (lock < 0)
    return NULL;
  info = make_locked (journal_path, journal_id, folder, flags, cancellable, error);
  if (info != NULL)
    prune_locked (folder);
  unlock_backups (lock);
  return info;
}

static int
compare_infos_descending (gconstpointer a,
                          gconstpointer b)
{
  const HearthBackupInfo *ia = *(const HearthBackupInfo **) a;
  const HearthBackupInfo *ib = *(const HearthBackupInfo **) b;

  return -g_strcmp0 (ia->date, ib->date);
}

/**
 * hearth_backup_list:
 * @root: (nullable): the folder of all backups, %NULL for the default
 *
 * Returns: (transfer container) (element-type HearthBackupInfo): the
 *   journal's backups, newest first (none when it has no folder yet), or
 *   %NULL with @error set when its folder cannot be read
 */
GPtrArray *
hearth_backup_list (const char *journal_id,
                    const char *root,
                    GError    **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_backup_info_free);

  if (!valid_name (journal_id))
    return infos;
  folder = hearth_backup_get_folder (root, journal_id);
  if (g_file_test (folder, G_FILE_TEST_EXISTS) && g_access (folder, R_OK | X_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                   _ ("The backups in %s cannot be read (%s)."), folder, g_strerror (saved));
      g_ptr_array_unref (infos);
      return NULL;
    }
  names = dated_folders (folder);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (infos, read_info (folder, g_ptr_array_index (names, i)));
  g_ptr_array_sort (infos, compare_infos_descending);
  return infos;
}

/**
 * hearth_backup_prune:
 * @root: (nullable): the folder of all backups, %NULL for the default
 *
 * Removes the backups that are no longer kept (see
 * %HEARTH_BACKUP_KEEP_DAILY and %HEARTH_BACKUP_KEEP_MONTHLY) and any that
 * was never finished.
 */
gboolean
hearth_backup_prune (const char *journal_id,
                     const char *root,
                     GError    **error)
{
  g_autofree char *folder = NULL;
  int              lock;

  if (!valid_name (journal_id))
    return TRUE;
  folder = hearth_backup_get_folder (root, journal_id);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  lock = lock_backups (folder, error);
  if (lock < 0)
    return FALSE;
  remove_unfinished (folder);
  prune_locked (folder);
  unlock_backups (lock);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* In a worker thread                                                        */

typedef struct
{
  char             *path;
  char             *id;
  HearthBackupFlags flags;
} MakeData;

static void
make_data_free (MakeData *data)
{
  g_free (data->path);
  g_free (data->id);
  g_free (data);
}

static void
make_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MakeData         *data = task_data;
  GError           *error = NULL;
  HearthBackupInfo *info;

  info = hearth_backup_make (data->path, data->id, NULL, data->flags, cancellable, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) hearth_backup_info_free);
}

static void
make_async (const char         *path,
            const char         *id,
            HearthBackupFlags   flags,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  MakeData *data = g_new0 (MakeData, 1);

  g_task_set_source_tag (task, hearth_backup_make_async);
  data->path = g_strdup (path);
  data->id = g_strdup (id);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) make_data_free);
  g_task_run_in_thread (task, make_thread);
}

/**
 * hearth_backup_make_async:
 * hearth_backup_make() of @journal into the default folder, in a worker
 * thread. The journal may be locked: its files are copied as they are.
 */
void
hearth_backup_make_async (HearthJournal      *journal,
                          HearthBackupFlags   flags,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (HEARTH_IS_JOURNAL (journal));

  make_async (hearth_journal_get_path (journal), hearth_journal_get_id (journal), flags,
              cancellable, callback, user_data);
}

/**
 * hearth_backup_make_finish:
 * Returns: (transfer full): today's backup, or %NULL with @error set
 */
HearthBackupInfo *
hearth_backup_make_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError    *error = NULL;
  GPtrArray *infos = hearth_backup_list (task_data, NULL, &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * hearth_backup_list_async:
 * hearth_backup_list() of @journal in the default folder, in a worker
 * thread.
 */
void
hearth_backup_list_async (HearthJournal      *journal,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (HEARTH_IS_JOURNAL (journal));

  g_task_set_source_tag (task, hearth_backup_list_async);
  g_task_set_task_data (task, g_strdup (hearth_journal_get_id (journal)), g_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * hearth_backup_list_finish:
 * Returns: (transfer container) (element-type HearthBackupInfo): the
 *   backups, newest first, or %NULL with @error set
 */
GPtrArray *
hearth_backup_list_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Once a day                                                                */

struct _HearthBackupDaily
{
  char         *path;
  char         *id;
  GCancellable *cancellable;
  gulong        day_handler;
  gboolean      running;
  gboolean      again; /* the day changed while a backup was made */
};

typedef HearthBackupDaily Daily;

static void
daily_clear (Daily *daily)
{
  g_free (daily->path);
  g_free (daily->id);
  g_clear_object (&daily->cancellable);
}

static Daily *
daily_ref (Daily *daily)
{
  return g_atomic_rc_box_acquire (daily);
}

static void
daily_unref (Daily *daily)
{
  g_atomic_rc_box_release_full (daily, (GDestroyNotify) daily_clear);
}

static void daily_run (Daily *daily);

static void
daily_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Daily *daily = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthBackupInfo) info = hearth_backup_make_finish (result, &error);

  daily->running = FALSE;
  if (info == NULL)
    g_message ("Today’s backup of the journal was not made: %s", error->message);
  if (daily->again && !g_cancellable_is_cancelled (daily->cancellable))
    daily_run (daily);
  daily_unref (daily);
}

static void
daily_run (Daily *daily)
{
  if (g_cancellable_is_cancelled (daily->cancellable))
    return;
  if (daily->running)
    {
      daily->again = TRUE;
      return;
    }
  daily->running = TRUE;
  daily->again = FALSE;
  /* A backup under way is finished even when the journal goes away
   * meanwhile (hearth_backup_daily_stop() only ends the next ones). */
  make_async (daily->path, daily->id, HEARTH_BACKUP_NONE, NULL, daily_done, daily_ref (daily));
}

/**
 * hearth_backup_daily_start:
 * @journal: a journal this process keeps open
 *
 * Backs @journal up now, in a worker thread, when there is no backup of
 * today yet, and again each time the date changes, until
 * hearth_backup_daily_stop(). The journal may be locked: its files are
 * copied as they are. One owner keeps one of these per journal it holds.
 *
 * Returns: (transfer full): the daily backup of @journal
 */
HearthBackupDaily *
hearth_backup_daily_start (HearthJournal *journal)
{
  Daily *daily;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  daily = g_atomic_rc_box_new0 (Daily);
  daily->path = g_strdup (hearth_journal_get_path (journal));
  daily->id = g_strdup (hearth_journal_get_id (journal));
  daily->cancellable = g_cancellable_new ();
  daily->day_handler = g_signal_connect_swapped (hearth_clock_get_default (), "day-changed",
                                                 G_CALLBACK (daily_run), daily);
  daily_run (daily);
  return daily;
}

/**
 * hearth_backup_daily_stop:
 * @daily: (transfer full): a daily backup
 *
 * No more backups after the one under way, if any; frees @daily.
 */
void
hearth_backup_daily_stop (HearthBackupDaily *daily)
{
  g_return_if_fail (daily != NULL);

  g_cancellable_cancel (daily->cancellable);
  g_clear_signal_handler (&daily->day_handler, hearth_clock_get_default ());
  daily_unref (daily);
}

/* ------------------------------------------------------------------------ */
/* Reading a backup                                                          */

/* What a backup holds: per record id, the version that wins over all of
 * its files. */
typedef struct
{
  char       *date;
  GHashTable *records; /* id → JsonObject */
} BackupContents;

static void
backup_contents_free (BackupContents *contents)
{
  g_free (contents->date);
  g_clear_pointer (&contents->records, g_hash_table_unref);
  g_free (contents);
}

/* Splits an index path into its device and file name; only the files a
 * journal has are allowed. */
static gboolean
parse_index_path (const char *relative,
                  char      **device,
                  char      **name)
{
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  g_autofree char *canonical = NULL;

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "devices") ||
      !valid_name (parts[1]) || !valid_name (parts[2]))
    return FALSE;
  canonical = hearth_shard_canonical_name (parts[2], NULL);
  if (canonical == NULL)
    return FALSE;
  *device = g_strdup (parts[1]);
  *name = g_strdup (parts[2]);
  return TRUE;
}

/* Whether a backed-up file is still as the index says. */
static gboolean
verify_file (const char *backup_path,
             const char *relative,
             JsonObject *entry,
             GError    **error)
{
  g_autofree char *data = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *size = json_object_get_member (entry, "size");
  gsize     len = 0;

  if (!hearth_file_read_beneath (backup_path, relative, HEARTH_MAX_DATA_FILE_SIZE, &data, &len, &local))
    {
      reason = g_error_matches (local, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND)
                 ? g_strdup_printf (_ ("the file %s is missing from it"), relative)
                 : g_strdup_printf (_ ("the file %s cannot be read: %s"), relative, local->message);
      set_damaged_backup (backup_path, reason, error);
      return FALSE;
    }
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (size == NULL || !JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
      json_node_get_int (size) != (gint64) len ||
      g_strcmp0 (hearth_json_get_string (entry, "sha256", NULL), sum) != 0)
    {
      reason = g_strdup_printf (_ ("the file %s is not as it was when it was backed up"), relative);
      set_damaged_backup (backup_path, reason, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_manifest (const char *backup_path,
                const char *journal_id,
                GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;

  if (hearth_file_read_beneath (backup_path, MANIFEST_NAME, HEARTH_MAX_SMALL_FILE_SIZE, &data, &len, NULL) &&
      (root = hearth_json_parse (data, len, NULL)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      g_strcmp0 (hearth_json_get_string (json_node_get_object (root), "journal", NULL), journal_id) == 0)
    return TRUE;
  set_damaged_backup (backup_path, _ ("its journal description hearth-journal.json does not name the journal its list of files names"), error);
  return FALSE;
}

static void
merge_shard (GHashTable  *records,
             HearthShard *shard)
{
  GHashTableIter iter;
  gpointer       id, json;

  g_hash_table_iter_init (&iter, shard->records);
  while (g_hash_table_iter_next (&iter, &id, &json))
    {
      JsonObject *best = g_hash_table_lookup (records, id);
      JsonObject *version = hearth_record_data_dup_json (json);

      if (best == NULL || hearth_record_compare_json_versions (best, version) < 0)
        g_hash_table_insert (records, g_strdup (id), version);
      else
        json_object_unref (version);
    }
}

static gboolean
load_backup_file (const char               *backup_path,
                  const char               *relative,
                  const HearthShardContext *ctx,
                  GHashTable               *records,
                  GError                  **error)
{
  g_autofree char *device = NULL;
  g_autofree char *name = NULL;
  g_autoptr(HearthShard) shard = NULL;

  if (!parse_index_path (relative, &device, &name))
    {
      g_autofree char *reason = g_strdup_printf (_ ("it lists %s, which does not belong in a journal"), relative);
      set_damaged_backup (backup_path, reason, error);
      return FALSE;
    }
  shard = hearth_shard_load (backup_path, device, name, ctx);
  if (shard->error != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_ ("the file %s is damaged: %s"), relative, shard->error->message);
      set_damaged_backup (backup_path, reason, error);
      return FALSE;
    }
  merge_shard (records, shard);
  return TRUE;
}

/* Reads every file of a backup, checks it against the index and merges
 * the records. Safe in a worker thread. */
static BackupContents *
read_backup (const char         *backup_path,
             const char         *journal_id,
             const HearthKey    *key,
             const HearthKeySet *keys,
             GError            **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) index = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autofree char   *base = g_path_get_basename (backup_path);
  HearthShardContext ctx = { journal_id, key, keys };
  gboolean           has_manifest = FALSE;
  BackupContents    *contents;
  JsonArray         *files;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND,
                   _ ("There is no backup in %s."), backup_path);
      return NULL;
    }
  index = read_index (backup_path, &local);
  if (index == NULL)
    {
      g_autofree char *reason = g_error_matches (local, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND)
                                  ? g_strdup_printf (_ ("it has no list of its files (%s), so it is not a finished Hearth backup"),
                                                     HEARTH_BACKUP_INDEX_NAME)
                                  : g_strdup_printf (_ ("its list of files %s is damaged: %s"), HEARTH_BACKUP_INDEX_NAME, local->message);
      set_damaged_backup (backup_path, reason, error);
      return NULL;
    }
  if (!g_str_equal (hearth_json_get_string (index, "journal", ""), journal_id))
    {
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_FOREIGN,
                   _ ("The backup in %s is of another journal, not of this one. Nothing was restored, and your journal is as it was."),
                   backup_path);
      return NULL;
    }

  files = json_object_get_array_member (index, "files");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode   *node = json_array_get_element (files, i);
      const char *relative = JSON_NODE_HOLDS_OBJECT (node)
                               ? hearth_json_get_string (json_node_get_object (node), "path", NULL)
                               : NULL;

      if (relative == NULL)
        {
          set_damaged_backup (backup_path, _ ("its list of files is damaged"), error);
          return NULL;
        }
      if (!verify_file (backup_path, relative, json_node_get_object (node), error))
        return NULL;
      has_manifest |= g_str_equal (relative, MANIFEST_NAME);
    }
  if (!has_manifest || !check_manifest (backup_path, journal_id, error))
    {
      if (!has_manifest)
        set_damaged_backup (backup_path, _ ("it holds no journal description (hearth-journal.json)"), error);
      return NULL;
    }

  records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      const char *relative = hearth_json_get_string (json_array_get_object_element (files, i), "path", NULL);

      if (g_str_equal (relative, MANIFEST_NAME))
        continue;
      if (!load_backup_file (backup_path, relative, &ctx, records, error))
        return NULL;
    }

  contents = g_new0 (BackupContents, 1);
  contents->date = is_date_name (base) ? g_strdup (base) : g_strndup (hearth_json_get_string (index, "made", ""), 10);
  contents->records = g_steal_pointer (&records);
  return contents;
}

/* ------------------------------------------------------------------------ */
/* The restore plan                                                          */

struct _HearthRestorePlan
{
  char      *journal_id;
  char      *date;
  GPtrArray *items; /* HearthRestoreItem */
};

static void
restore_item_free (HearthRestoreItem *item)
{
  g_free (item->kind);
  g_free (item->id);
  g_free (item->title);
  g_free (item->date);
  g_clear_pointer (&item->json, json_object_unref);
  g_free (item);
}

void
hearth_restore_plan_free (HearthRestorePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->journal_id);
  g_free (plan->date);
  g_ptr_array_unref (plan->items);
  g_free (plan);
}

/**
 * hearth_restore_kind_name:
 * Returns: a person's name for a record kind
 */
const char *
hearth_restore_kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "entry") == 0)
    return _ ("Journal entry");
  if (g_strcmp0 (kind, "gratitude") == 0)
    return _ ("Gratitude note");
  if (g_strcmp0 (kind, "ritual") == 0)
    return _ ("Ritual");
  if (g_strcmp0 (kind, "occurrence") == 0)
    return _ ("Ritual day");
  if (g_strcmp0 (kind, "checkin") == 0)
    return _ ("Check-in");
  if (g_strcmp0 (kind, "partner") == 0)
    return _ ("Partner");
  if (g_strcmp0 (kind, "journal") == 0)
    return _ ("Journal settings");
  return kind;
}

/* A few words of the text, on one line. */
static char *
short_text (const char *text)
{
  g_autofree char *line = g_strdup (text ? text : "");
  char            *nl = strchr (line, '\n');
  glong            n;

  if (nl)
    *nl = '\0';
  g_strstrip (line);
  if (!g_utf8_validate (line, -1, NULL))
    return g_strdup ("");
  n = g_utf8_strlen (line, -1);
  if (n <= 60)
    return g_steal_pointer (&line);
  {
    g_autofree char *cut = g_utf8_substring (line, 0, 59);
    return g_strconcat (cut, "…", NULL);
  }
}

static char *
item_title (JsonObject    *json,
            GHashTable    *backup,
            HearthJournal *journal)
{
  const char *kind = hearth_json_get_string (json, "kind", "");

  if (g_str_equal (kind, "entry"))
    {
      const char *title = hearth_json_get_string (json, "title", NULL);
      return short_text (title && *title ? title : hearth_json_get_string (json, "body", ""));
    }
  if (g_str_equal (kind, "gratitude"))
    return short_text (hearth_json_get_string (json, "text", ""));
  if (g_str_equal (kind, "ritual"))
    return short_text (hearth_json_get_string (json, "title", ""));
  if (g_str_equal (kind, "partner") || g_str_equal (kind, "journal"))
    return short_text (hearth_json_get_string (json, "name", ""));
  if (g_str_equal (kind, "occurrence"))
    {
      const char   *ritual_id = hearth_json_get_string (json, "ritual", "");
      JsonObject   *ritual = g_hash_table_lookup (backup, ritual_id);
      HearthRecord *live = ritual ? NULL : hearth_journal_lookup (journal, ritual_id);

      if (ritual != NULL)
        return short_text (hearth_json_get_string (ritual, "title", ""));
      return short_text (HEARTH_IS_RITUAL (live) ? hearth_ritual_get_title (HEARTH_RITUAL (live)) : "");
    }
  return g_strdup ("");
}

static char *
item_date (JsonObject *json)
{
  const char *kind = hearth_json_get_string (json, "kind", "");
  const char *date = NULL;

  if (g_str_equal (kind, "gratitude") || g_str_equal (kind, "occurrence") || g_str_equal (kind, "checkin"))
    date = hearth_json_get_string (json, "date", NULL);
  if (date == NULL || !hearth_date_parse (date, NULL))
    date = hearth_json_get_string (json, "created", "");
  /* `created` is in its author's local time: its first ten characters are
   * the author's day. */
  return g_strndup (date, 10);
}

/* The content of a version, without what only says who wrote it when. */
static char *
content_of (JsonObject *json,
            gboolean    without_id)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  json_object_iter_init_ordered (&iter, json);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!g_str_equal (name, "updated") && !g_str_equal (name, "device") &&
        !(without_id && g_str_equal (name, "id")))
      json_object_set_member (copy, name, json_node_copy (node));
  json_node_set_object (root, copy);
  return hearth_json_to_string (root, FALSE, NULL);
}

static gboolean
same_content (JsonObject *a,
              JsonObject *b)
{
  g_autofree char *ca = content_of (a, FALSE);
  g_autofree char *cb = content_of (b, FALSE);

  return g_str_equal (ca, cb);
}

/* The texts of every visible entry and gratitude note, to know an earlier
 * text that came back as a copy before. */
static GHashTable *
live_texts (HearthJournal *journal)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  HearthKind  kinds[] = { HEARTH_KIND_ENTRY, HEARTH_KIND_GRATITUDE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *model = hearth_journal_get_model (journal, kinds[k]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(HearthRecord) record = g_list_model_get_item (model, i);
          g_autoptr(JsonObject) json = hearth_record_dup_json (record);

          g_hash_table_add (texts, content_of (json, TRUE));
        }
    }
  return texts;
}

static gboolean
can_keep_beside (const char *kind)
{
  /* Entries and notes can stand twice; one ritual, partner or day cannot. */
  return g_strcmp0 (kind, "entry") == 0 || g_strcmp0 (kind, "gratitude") == 0;
}

/* Why the backup's version @json would come back, or FALSE when the
 * journal has not lost it. */
static gboolean
reason_for (HearthJournal       *journal,
            JsonObject          *json,
            GHashTable         **texts,
            HearthRestoreReason *reason)
{
  g_autofree char *file = hearth_record_shard_name_for_json (json);
  g_autoptr(JsonObject) live = NULL;
  HearthRecordData *data;

  /* Tombstones never come back, nor what no file of a journal can hold. */
  if (hearth_json_get_boolean (json, "deleted", FALSE) || file == NULL)
    return FALSE;
  data = hearth_journal_lookup_version (journal, hearth_json_get_string (json, "id", ""));
  live = data ? hearth_record_data_dup_json (data) : NULL;
  if (live == NULL)
    *reason = HEARTH_RESTORE_MISSING;
  else if (hearth_json_get_boolean (live, "deleted", FALSE))
    *reason = HEARTH_RESTORE_DELETED;
  else if (same_content (live, json))
    return FALSE;
  else if (hearth_record_compare_json_versions (live, json) < 0)
    *reason = HEARTH_RESTORE_NEWER_TEXT;
  else
    {
      g_autofree char *text = NULL;

      if (!can_keep_beside (hearth_json_get_string (json, "kind", "")))
        return FALSE;
      if (*texts == NULL)
        *texts = live_texts (journal);
      text = content_of (json, TRUE);
      if (g_hash_table_contains (*texts, text))
        return FALSE;
      *reason = HEARTH_RESTORE_EARLIER_TEXT;
    }
  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const HearthRestoreItem *ia = *(const HearthRestoreItem **) a;
  const HearthRestoreItem *ib = *(const HearthRestoreItem **) b;
  int                      c = -g_strcmp0 (ia->date, ib->date);

  if (c != 0)
    return c;
  if ((c = g_strcmp0 (ia->kind, ib->kind)) != 0)
    return c;
  return g_strcmp0 (ia->id, ib->id);
}

/* Compares what a backup holds with the journal now. Main thread. */
static HearthRestorePlan *
plan_from_contents (HearthJournal  *journal,
                    BackupContents *contents)
{
  HearthRestorePlan *plan = g_new0 (HearthRestorePlan, 1);
  g_autoptr(GHashTable) texts = NULL;
  GHashTableIter iter;
  gpointer       id, value;

  plan->journal_id = g_strdup (hearth_journal_get_id (journal));
  plan->date = g_strdup (contents->date);
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) restore_item_free);
  g_hash_table_iter_init (&iter, contents->records);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      JsonObject         *json = value;
      HearthRestoreReason reason;
      HearthRestoreItem  *item;

      if (!reason_for (journal, json, &texts, &reason))
        continue;
      item = g_new0 (HearthRestoreItem, 1);
      item->reason = reason;
      item->kind = g_strdup (hearth_json_get_string (json, "kind", ""));
      item->id = g_strdup (id);
      item->title = item_title (json, contents->records, journal);
      item->date = item_date (json);
      item->json = json_object_ref (json);
      g_ptr_array_add (plan->items, item);
    }
  g_ptr_array_sort (plan->items, compare_items);
  return plan;
}

static gboolean
check_ready (HearthJournal *journal,
             GError       **error)
{
  if (hearth_journal_is_locked (journal))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_LOCKED,
                           _ ("The journal is locked. Unlock it with its passphrase first."));
      return FALSE;
    }
  if (!hearth_journal_is_loaded (journal))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _ ("The journal is still loading."));
      return FALSE;
    }
  return TRUE;
}

/**
 * hearth_restore_plan_new:
 * @journal: the journal, unlocked and loaded
 * @backup_path: a backup folder of it
 *
 * Opens the backup read-only with the journal's key (a backup of another
 * journal is refused, %HEARTH_ERROR_FOREIGN; one whose files are not as
 * they were backed up is damaged) and lists what it holds that the journal
 * lost. Blocking: in the app use hearth_restore_plan_new_async().
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
HearthRestorePlan *
hearth_restore_plan_new (HearthJournal *journal,
                         const char    *backup_path,
                         GError       **error)
{
  BackupContents    *contents;
  HearthRestorePlan *plan;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), NULL);

  if (!check_ready (journal, error))
    return NULL;
  contents = read_backup (backup_path, hearth_journal_get_id (journal),
                          hearth_journal_get_data_key (journal),
                          hearth_journal_get_key_set (journal), error);
  if (contents == NULL)
    return NULL;
  plan = plan_from_contents (journal, contents);
  backup_contents_free (contents);
  return plan;
}

typedef struct
{
  char         *backup_path;
  char         *journal_id;
  HearthKey    *key;
  HearthKeySet *keys;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->backup_path);
  g_free (data->journal_id);
  g_clear_pointer (&data->key, hearth_key_free);
  g_clear_pointer (&data->keys, hearth_key_set_free);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData       *data = task_data;
  GError         *error = NULL;
  BackupContents *contents = read_backup (data->backup_path, data->journal_id, data->key, data->keys, &error);

  if (contents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, contents, (GDestroyNotify) backup_contents_free);
}

/**
 * hearth_restore_plan_new_async:
 * hearth_restore_plan_new() with the backup read in a worker thread.
 */
void
hearth_restore_plan_new_async (HearthJournal      *journal,
                               const char         *backup_path,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (journal, cancellable, callback, user_data);
  const HearthKey *key = hearth_journal_get_data_key (journal);
  GError          *error = NULL;
  ReadData        *data;

  g_task_set_source_tag (task, hearth_restore_plan_new_async);
  if (!check_ready (journal, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (ReadData, 1);
  data->backup_path = g_strdup (backup_path);
  data->journal_id = g_strdup (hearth_journal_get_id (journal));
  data->key = key ? hearth_key_copy (key) : NULL;
  data->keys = hearth_journal_get_key_set (journal) ? hearth_key_set_copy (hearth_journal_get_key_set (journal)) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * hearth_restore_plan_new_finish:
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
HearthRestorePlan *
hearth_restore_plan_new_finish (HearthJournal *journal,
                                GAsyncResult  *result,
                                GError       **error)
{
  BackupContents    *contents;
  HearthRestorePlan *plan;

  g_return_val_if_fail (g_task_is_valid (result, journal), NULL);

  contents = g_task_propagate_pointer (G_TASK (result), error);
  if (contents == NULL)
    return NULL;
  /* The journal may have been locked while the backup was read. */
  if (!check_ready (journal, error))
    plan = NULL;
  else
    plan = plan_from_contents (journal, contents);
  backup_contents_free (contents);
  return plan;
}

/**
 * hearth_restore_plan_get_date:
 * Returns: the day of the backup, `YYYY-MM-DD`
 */
const char *
hearth_restore_plan_get_date (HearthRestorePlan *plan)
{
  return plan->date;
}

/**
 * hearth_restore_plan_get_items:
 * Returns: (transfer none) (element-type HearthRestoreItem): what would
 *   come back, newest day first
 */
GPtrArray *
hearth_restore_plan_get_items (HearthRestorePlan *plan)
{
  return plan->items;
}

guint
hearth_restore_plan_count (HearthRestorePlan  *plan,
                           HearthRestoreReason reason)
{
  guint n = 0;

  for (guint i = 0; i < plan->items->len; i++)
    if (((HearthRestoreItem *) g_ptr_array_index (plan->items, i))->reason == reason)
      n++;
  return n;
}

/**
 * hearth_restore_plan_describe:
 * Returns: (transfer full): one sentence that says what would come back
 */
char *
hearth_restore_plan_describe (HearthRestorePlan *plan)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint    deleted = hearth_restore_plan_count (plan, HEARTH_RESTORE_DELETED);
  guint    missing = hearth_restore_plan_count (plan, HEARTH_RESTORE_MISSING);
  guint    newer = hearth_restore_plan_count (plan, HEARTH_RESTORE_NEWER_TEXT);
  guint    earlier = hearth_restore_plan_count (plan, HEARTH_RESTORE_EARLIER_TEXT);
  GString *text;

  if (plan->items->len == 0)
    return g_strdup (_ ("The backup holds nothing that your journal has lost."));
  if (deleted > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deleted item comes back",
                                                          "%u deleted items come back", deleted),
                                             deleted));
  if (missing > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing item comes back",
                                                          "%u missing items come back", missing),
                                             missing));
  if (newer > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item gets back the text it had later",
                                                          "%u items get back the texts they had later", newer),
                                             newer));
  if (earlier > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u earlier text comes back beside the current one",
                                                          "%u earlier texts come back beside the current ones", earlier),
                                             earlier));
  text = g_string_new (g_ptr_array_index (parts, 0));
  for (guint i = 1; i < parts->len; i++)
    {
      /* Translators: joins the parts of "2 deleted items come back; 1 missing item comes back". */
      g_string_append (text, _ ("; "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  g_string_append (text, _ (". Nothing written since the backup is changed."));
  return g_string_free (text, FALSE);
}

static HearthRecord *
version_to_write (HearthRestoreItem *item)
{
  g_autoptr(JsonObject) json = hearth_json_object_deep_copy (item->json);
  g_autoptr(HearthRecord) shared = NULL;

  /* An earlier text comes back as a record of its own; the current one
   * stays as it is. */
  if (item->reason == HEARTH_RESTORE_EARLIER_TEXT)
    {
      g_autofree char *id = hearth_uuid_new ();
      json_object_set_string_member (json, "id", id);
    }
  json_object_remove_member (json, "deleted");
  shared = hearth_record_new_for_json (json);
  return hearth_record_copy (shared);
}

/**
 * hearth_restore_plan_apply:
 * @n_restored: (out) (optional): how many items came back
 *
 * Writes what the plan lists as new versions by this device, through
 * hearth_journal_save(): a fresh `updated`, this device's files and write
 * counters, so the partner's computer receives them like any edit. Nothing
 * the journal holds is replaced by something older. Stops at the first
 * item that cannot be saved; what came back before stays.
 */
/* Whether @plan may be applied to @journal at all. */
static gboolean
check_plan (HearthRestorePlan *plan,
            HearthJournal     *journal,
            GError           **error)
{
  if (g_strcmp0 (plan->journal_id, hearth_journal_get_id (journal)) != 0)
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FOREIGN,
                           _ ("This backup is of another journal, not of this one. Nothing was restored."));
      return FALSE;
    }
  return hearth_journal_check_writable (journal, error);
}

/* The item after @n restored ones could not be saved because of @local. */
static void
set_apply_error (guint    n,
                 GError  *local,
                 GError **error)
{
  if (n == 0)
    g_propagate_error (error, local);
  else
    {
      g_set_error (error, local->domain, local->code,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u item came back; the others could not: %s",
                                "%u items came back; the others could not: %s", n),
                   n, local->message);
      g_error_free (local);
    }
}

gboolean
hearth_restore_plan_apply (HearthRestorePlan *plan,
                           HearthJournal     *journal,
                           guint             *n_restored,
                           GError           **error)
{
  guint n = 0;

  g_return_val_if_fail (HEARTH_IS_JOURNAL (journal), FALSE);

  if (n_restored)
    *n_restored = 0;
  if (!check_plan (plan, journal, error))
    return FALSE;
  for (guint i = 0; i < plan->items->len; i++)
    {
      g_autoptr(HearthRecord) record = version_to_write (g_ptr_array_index (plan->items, i));
      GError *local = NULL;

      if (!hearth_journal_save (journal, record, &local))
        {
          set_apply_error (n, local, error);
          if (n_restored)
            *n_restored = n;
          return FALSE;
        }
      n++;
    }
  if (n_restored)
    *n_restored = n;
  return TRUE;
}

typedef struct
{
  GPtrArray *records; /* HearthRecord, in the plan's order */
  guint      n;       /* saved so far */
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_ptr_array_unref (data->records);
  g_free (data);
}

static void apply_next (GTask *task);

static void
apply_saved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyData *data = g_task_get_task_data (task);
  GError    *local = NULL;

  if (!hearth_journal_save_finish (HEARTH_JOURNAL (source), result, &local))
    {
      GError *error = NULL;

      set_apply_error (data->n, local, &error);
      g_task_return_error (task, error);
      return;
    }
  data->n++;
  apply_next (task);
}

static void
apply_next (GTask *task)
{
  ApplyData *data = g_task_get_task_data (task);

  if (data->n == data->records->len)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  hearth_journal_save_async (g_task_get_source_object (task),
                             g_ptr_array_index (data->records, data->n),
                             g_task_get_cancellable (task), apply_saved, g_object_ref (task));
}

/**
 * hearth_restore_plan_apply_async:
 * Does what hearth_restore_plan_apply() does through the journal's write
 * queue: every file is read and written on its worker thread, and the
 * records show in the models as each one is queued. @plan may be freed
 * once this returns.
 */
void
hearth_restore_plan_apply_async (HearthRestorePlan  *plan,
                                 HearthJournal      *journal,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError    *error = NULL;
  ApplyData *data;

  g_return_if_fail (HEARTH_IS_JOURNAL (journal));

  task = g_task_new (journal, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_restore_plan_apply_async);
  data = g_new0 (ApplyData, 1);
  data->records = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  if (!check_plan (plan, journal, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < plan->items->len; i++)
    g_ptr_array_add (data->records, version_to_write (g_ptr_array_index (plan->items, i)));
  apply_next (task);
}

/**
 * hearth_restore_plan_apply_finish:
 * @n_restored: (out) (optional): how many items came back, also when some
 *   could not
 */
gboolean
hearth_restore_plan_apply_finish (HearthJournal *journal,
                                  GAsyncResult  *result,
                                  guint         *n_restored,
                                  GError       **error)
{
  ApplyData *data;

  g_return_val_if_fail (g_task_is_valid (result, journal), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_restored)
    *n_restored = data->n;
  return g_task_propagate_boolean (G_TASK (result), error);
}
