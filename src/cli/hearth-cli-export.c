/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "hearth-backup.h"
#include "hearth-export.h"

#include "hearth-cli-private.h"

static const OptionSpec export_specs[] = {
  { "format", TRUE, FALSE },
  { "output", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_export (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autofree char *text = NULL;
  const char      *format, *output;
  int              status = 0;

  if (!parse_args (argc, argv, export_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  format = opt (&a, "format");
  output = opt (&a, "output");
  if (a.positional->len > 0)
    return usage_error (_ ("unexpected argument “%s”."), (char *) g_ptr_array_index (a.positional, 0));
  if (format == NULL || (!g_str_equal (format, "markdown") && !g_str_equal (format, "html")))
    return usage_error (_ ("export needs --format markdown or --format html."));
  if (output != NULL && *output == '\0')
    return usage_error (_ ("--output needs a file name."));

  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  text = g_str_equal (format, "html") ? hearth_export_html (journal) : hearth_export_markdown (journal);
  if (output == NULL)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents_full (output, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("hearth-cli: %s %s\n", _ ("The export could not be written:"), error->message);
      return EXIT_PROBLEM;
    }
  g_print (_ ("Exported the journal to %s\n"), output);
  return 0;
}

static const OptionSpec backup_specs[] = {
  { "list", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

static int
list_backups (HearthJournal *journal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = hearth_backup_list (hearth_journal_get_id (journal), NULL, &error);
  g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (journal));

  if (backups == NULL)
    return fail (error);
  if (backups->len == 0)
    {
      g_print (_ ("There is no backup of this journal yet. Backups are kept in %s.\n"), folder);
      return 0;
    }
  for (guint i = 0; i < backups->len; i++)
    {
      HearthBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char  *size = g_format_size (info->size);

      if (info->complete)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s  %u file, %s  %s\n", "%s  %u files, %s  %s\n", info->n_files),
                 info->date, info->n_files, size, info->path);
      else
        g_print (_ ("%s  unfinished or damaged, cannot be restored from  %s\n"), info->date, info->path);
    }
  return 0;
}

int
cmd_backup (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthBackupInfo) info = NULL;
  g_autofree char *size = NULL;
  int              status = 0;

  if (!parse_args (argc, argv, backup_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_ ("backup takes no arguments."));
  /* The files are copied as they are: no passphrase needed. */
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (has_opt (&a, "list"))
    return list_backups (journal);
  info = hearth_backup_make (hearth_journal_get_path (journal), hearth_journal_get_id (journal), NULL,
                             HEARTH_BACKUP_REPLACE, NULL, &error);
  if (info == NULL)
    return fail (error);
  size = g_format_size (info->size);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Backed up %u file (%s) to %s\n", "Backed up %u files (%s) to %s\n",
                        info->n_files),
           info->n_files, size, info->path);
  return 0;
}

static const OptionSpec restore_specs[] = {
  { "from", TRUE, FALSE },
  { "dry-run", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

static const char *
restore_reason (HearthRestoreReason reason)
{
  switch (reason)
    {
    case HEARTH_RESTORE_DELETED:
      return _ ("deleted since the backup");
    case HEARTH_RESTORE_MISSING:
      return _ ("missing from the journal");
    case HEARTH_RESTORE_NEWER_TEXT:
      return _ ("the journal went back to an older text");
    case HEARTH_RESTORE_EARLIER_TEXT:
      return _ ("changed since; the earlier text comes back beside it");
    case HEARTH_RESTORE_N_REASONS:
    default:
      return "";
    }
}

/* A backup folder, or the date of one of this journal's backups. */
static char *
backup_path_for (HearthJournal *journal,
                 const char    *from)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS) && hearth_date_parse (from, NULL))
    {
      g_autofree char *folder = hearth_backup_get_folder (NULL, hearth_journal_get_id (journal));
      return g_build_filename (folder, from, NULL);
    }
  return g_strdup (from);
}

int
cmd_restore (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(HearthRestorePlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  GPtrArray       *items;
  guint            n = 0;
  int              status = 0;

  if (!parse_args (argc, argv, restore_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0 || opt (&a, "from") == NULL || *opt (&a, "from") == '\0')
    return usage_error (_ ("restore needs --from and a backup folder or date (hearth-cli backup --list shows them)."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, !has_opt (&a, "dry-run"), &error);
  if (journal == NULL)
    return fail (error);
  path = backup_path_for (journal, opt (&a, "from"));
  plan = hearth_restore_plan_new (journal, path, &error);
  if (plan == NULL)
    return fail (error);

  items = hearth_restore_plan_get_items (plan);
  summary = hearth_restore_plan_describe (plan);
  if (items->len == 0)
    g_print ("%s\n", summary);
  else
    g_print (_ ("The backup of %s: %s\n"), hearth_restore_plan_get_date (plan), summary);
  for (guint i = 0; i < items->len; i++)
    {
      HearthRestoreItem *item = g_ptr_array_index (items, i);

      g_print ("  %s  %s: %s  (%s)\n", item->date, hearth_restore_kind_name (item->kind),
               *item->title ? item->title : _ ("(untitled)"), restore_reason (item->reason));
    }
  if (has_opt (&a, "dry-run"))
    {
      g_print ("%s\n", _ ("Nothing was restored: this was a dry run."));
      return 0;
    }
  if (items->len == 0)
    return 0;
  if (!hearth_restore_plan_apply (plan, journal, &n, &error))
    return fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Brought back %u item from the backup of %s.\n",
                        "Brought back %u items from the backup of %s.\n", n),
           n, hearth_restore_plan_get_date (plan));
  return 0;
}
