/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "hearth-journal.h"

/* What the core tests of a journal share: a journal made in a folder of its
 * own, one that must be let go of entirely when the test ends, a journal
 * entry, and removing the folder again. */

/* Removes @path and everything under it, also folders a test made
 * unreadable or unwritable; links are removed, not followed. */
static inline void
hearth_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          hearth_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A new journal of Alex and Sam named "Ours" in @base/journal, @base a new
 * temporary folder named after @prefix; encrypted with @passphrase unless
 * it is %NULL. */
static inline HearthJournal *
hearth_test_journal_create (const char *prefix,
                            const char *passphrase,
                            char      **base,
                            char      **path)
{
  const char *names[2] = { "Alex", "Sam" };
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  HearthJournal *journal;

  *base = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*base, "journal", NULL);
  journal = hearth_journal_create (*path, "Ours", names, NULL, 0, passphrase, HEARTH_KDF_MIN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

/* Asserts that @journal goes away with the test's reference. A worker's
 * task lets go of the journal a moment after its result was taken in: wait
 * for that, not for a fixed time. */
static inline void
hearth_test_journal_finalize (HearthJournal *journal)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (G_OBJECT (journal)->ref_count > 1 && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (journal);
}

/* Saves a journal entry of mine; returns its id. */
static inline char *
hearth_test_add_entry (HearthJournal *journal,
                       const char    *title,
                       const char    *body)
{
  g_autoptr(HearthRecord) entry = hearth_journal_new_record (journal, "entry", NULL);
  g_autoptr(GError) error = NULL;

  hearth_record_set_string (entry, "author", hearth_journal_get_me (journal));
  hearth_record_set_string (entry, "title", title);
  hearth_record_set_string (entry, "body", body);
  g_assert_true (hearth_journal_save (journal, entry, &error));
  g_assert_no_error (error);
  return g_strdup (hearth_record_get_id (entry));
}
