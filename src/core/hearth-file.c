/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hearth-error.h"
#include "hearth-file.h"

/* Files in a journal folder come from whoever can write it: they are opened
 * without following links and without blocking (a FIFO would hang the
 * reader), must be regular files by fstat of the descriptor itself, and are
 * read no further than the cap. */

static void
set_not_regular (mode_t   mode,
                 GError **error)
{
  const char *what;

  if (S_ISDIR (mode))
    what = _ ("it is a folder, not a file");
  else if (S_ISFIFO (mode))
    what = _ ("it is a named pipe, not a file, so Hearth does not read it");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    what = _ ("it is a device, not a file, so Hearth does not read it");
  else if (S_ISSOCK (mode))
    what = _ ("it is a socket, not a file, so Hearth does not read it");
  else
    what = _ ("it is not a regular file, so Hearth does not read it");
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED, what);
}

static void
set_open_error (int         saved,
                const char *name,
                gboolean    folder,
                GError    **error)
{
  if (saved == ENOENT)
    g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_NOT_FOUND, _ ("it does not exist"));
  else if (saved == ELOOP || (folder && saved == ENOTDIR))
    {
      if (folder)
        g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                     _ ("its folder %s is a link to another place or not a folder, and Hearth does not follow links"),
                     name);
      else
        g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                             _ ("it is a link to another place, and Hearth does not follow links"));
    }
  else
    g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                 _ ("it cannot be read (%s)"), g_strerror (saved));
}

static gboolean
read_fd (int      fd,
         gsize    max_size,
         char   **contents,
         gsize   *length,
         guint   *mode,
         GError **error)
{
  struct stat      st;
  g_autofree char *data = NULL;
  gsize            want, got = 0;

  if (fstat (fd, &st) != 0)
    {
      set_open_error (errno, NULL, FALSE, error);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular (st.st_mode, error);
      return FALSE;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    goto too_large;

  /* One byte more than allowed tells a file that grew past the cap. */
  want = (gsize) st.st_size + 1;
  data = g_malloc (want + 1);
  for (;;)
    {
      gssize n;

      if (got == want)
        {
          if (want > max_size)
            goto too_large;
          want = MIN (max_size + 1, want * 2);
          data = g_realloc (data, want + 1);
        }
      n = read (fd, data + got, want - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_open_error (errno, NULL, FALSE, error);
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
    }
  if (got > max_size)
    goto too_large;
  data[got] = '\0';
  *contents = g_steal_pointer (&data);
  if (length)
    *length = got;
  if (mode)
    *mode = st.st_mode & 07777;
  return TRUE;

too_large:
  g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_DAMAGED,
                       _ ("it is far too large to be a Hearth file"));
  return FALSE;
}

/**
 * hearth_file_read:
 * @max_size: the most bytes the file may hold
 *
 * Reads a whole file without following a link at its name, without
 * blocking on a FIFO and no further than @max_size.
 *
 * Returns: %TRUE with @contents (nul-terminated) set; otherwise %FALSE with
 *   %HEARTH_ERROR_NOT_FOUND, or a %HEARTH_ERROR_DAMAGED reason that
 *   completes "The file … is damaged: "
 */
gboolean
hearth_file_read (const char *path,
                  gsize       max_size,
                  char      **contents,
                  gsize      *length,
                  GError    **error)
{
  int      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    {
      set_open_error (errno, NULL, FALSE, error);
      return FALSE;
    }
  ok = read_fd (fd, max_size, contents, length, NULL, error);
  close (fd);
  return ok;
}

/* Opens the folder that holds the last part of @parts, walking down from
 * @root without following a link at any folder below it. Returns the
 * descriptor, or -1 with @error set. */
static int
open_parent_beneath (const char *root,
                     GStrv       parts,
                     GError    **error)
{
  g_autoptr(GString) walked = g_string_new (NULL);
  int   fd = g_open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  guint n = g_strv_length (parts);

  if (fd < 0)
    {
      set_open_error (errno, NULL, FALSE, error);
      return -1;
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      int next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      int saved = errno;

      if (walked->len > 0)
        g_string_append_c (walked, '/');
      g_string_append (walked, parts[i]);
      close (fd);
      if (next < 0)
        {
          set_open_error (saved, walked->str, TRUE, error);
          return -1;
        }
      fd = next;
    }
  return fd;
}

/**
 * hearth_file_read_beneath:
 * @root: a folder the person chose (it may itself be reached through links)
 * @relative: a path below it, such as `devices/<id>/entries-2026.json`
 *
 * Like hearth_file_read(), and no folder of @relative may be a link either:
 * a device folder that points elsewhere is never read from.
 */
gboolean
hearth_file_read_beneath (const char *root,
                          const char *relative,
                          gsize       max_size,
                          char      **contents,
                          gsize      *length,
                          GError    **error)
{
  return hearth_file_read_beneath_full (root, relative, max_size, contents, length, NULL, error);
}

/**
 * hearth_file_read_beneath_full:
 * @mode: (out) (optional): the permission bits of the file that was read
 *
 * Like hearth_file_read_beneath(), and tells the file's mode, read from the
 * very descriptor the contents came from.
 */
gboolean
hearth_file_read_beneath_full (const char *root,
                               const char *relative,
                               gsize       max_size,
                               char      **contents,
                               gsize      *length,
                               guint      *mode,
                               GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  guint    n = g_strv_length (parts);
  int      fd = open_parent_beneath (root, parts, error);
  int      file, saved;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  file = openat (fd, parts[n - 1], O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  saved = errno;
  close (fd);
  if (file < 0)
    {
      set_open_error (saved, NULL, FALSE, error);
      return FALSE;
    }
  ok = read_fd (file, max_size, contents, length, mode, error);
  close (file);
  return ok;
}

static void
file_id_from_stat (const struct stat *st,
                   HearthFileId      *id)
{
  id->dev = st->st_dev;
  id->ino = st->st_ino;
  id->size = st->st_size;
  id->mtime_nsec = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  id->regular = S_ISREG (st->st_mode);
}

static gboolean
stat_beneath (int           fd,
              const char   *name,
              HearthFileId *id,
              GError      **error)
{
  struct stat st;

  if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      set_open_error (errno, NULL, FALSE, error);
      return FALSE;
    }
  file_id_from_stat (&st, id);
  return TRUE;
}

/**
 * hearth_file_identify_beneath:
 * @relative: a path below @root, as for hearth_file_read_beneath()
 * @id: (out): what the name is now: the link itself when it is one
 *
 * Tells one file from another that took its name, for a caller that must
 * act on exactly the file it read.
 */
gboolean
hearth_file_identify_beneath (const char   *root,
                              const char   *relative,
                              HearthFileId *id,
                              GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  int      fd = open_parent_beneath (root, parts, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = stat_beneath (fd, parts[g_strv_length (parts) - 1], id, error);
  close (fd);
  return ok;
}

gboolean
hearth_file_id_equal (const HearthFileId *a,
                      const HearthFileId *b)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_nsec == b->mtime_nsec && a->regular == b->regular;
}

/**
 * hearth_file_remove_beneath:
 * @relative: a path below @root, as for hearth_file_read_beneath()
 * @expected: what hearth_file_identify_beneath() said of the file
 *
 * Removes the file at @relative, only when it is a regular file and still
 * the one @expected describes: never a link, a FIFO or a file that took its
 * place since. No folder on the way is followed when it is a link.
 */
gboolean
hearth_file_remove_beneath (const char         *root,
                            const char         *relative,
                            const HearthFileId *expected,
                            GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  const char  *name = parts[g_strv_length (parts) - 1];
  int          fd = open_parent_beneath (root, parts, error);
  HearthFileId now;
  gboolean     ok = FALSE;

  if (fd < 0)
    return FALSE;
  if (!stat_beneath (fd, name, &now, error))
    goto out;
  if (!now.regular || !expected->regular || !hearth_file_id_equal (&now, expected))
    {
      g_set_error_literal (error, HEARTH_ERROR, HEARTH_ERROR_FAILED,
                           _ ("it changed since it was read"));
      goto out;
    }
  if (unlinkat (fd, name, 0) != 0)
    {
      int saved = errno;
      g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                   _ ("it cannot be removed (%s)"), g_strerror (saved));
      goto out;
    }
  ok = TRUE;
out:
  close (fd);
  return ok;
}

/* Whether @path is a symbolic link (not followed). */
gboolean
hearth_file_is_link (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

/**
 * hearth_file_check_real_folder:
 * @relative: folders below @root, such as `devices/<id>`
 *
 * Before writing there: none of the folders of @relative may be a link, so
 * nothing is ever written outside the journal through one. A folder that
 * does not exist yet passes (it is made as a real folder).
 *
 * Returns: %FALSE with %HEARTH_ERROR_WRITE when one is a link
 */
gboolean
hearth_file_check_real_folder (const char *root,
                               const char *relative,
                               GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  g_autofree char *path = g_strdup (root);

  for (guint i = 0; parts[i]; i++)
    {
      GStatBuf st;
      char    *next = g_build_filename (path, parts[i], NULL);

      g_free (path);
      path = next;
      if (g_lstat (path, &st) != 0)
        return TRUE;
      if (!S_ISDIR (st.st_mode))
        {
          g_set_error (error, HEARTH_ERROR, HEARTH_ERROR_WRITE,
                       _ ("Your changes cannot be saved: %s is a link to another place or not a folder, and Hearth writes only into real folders inside the journal. Replace it with a folder (or remove it) and try again."),
                       path);
          return FALSE;
        }
    }
  return TRUE;
}
