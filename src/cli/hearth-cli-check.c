/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-cli-private.h"

int
cmd_check (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean damaged = FALSE;
  int      status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  if (a.positional->len > 0)
    return usage_error (_ ("check takes no arguments."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, FALSE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  problems = hearth_journal_get_problems (journal);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      g_print ("%s\n", problem->message);
      if (problem->code != HEARTH_ERROR_NEWER_FORMAT && problem->code != HEARTH_ERROR_READ_ONLY)
        damaged = TRUE;
    }
  if (problems->len == 0)
    g_print ("%s\n", _ ("Every file of the journal is fine."));
  else if (!damaged)
    g_print ("%s\n", _ ("Every file this version of Hearth can read is fine."));
  if (hearth_journal_has_versions_to_accept (journal))
    g_print ("%s\n", _ ("To keep a file that went back or is missing as it is now: hearth-cli accept devices/DEVICE/FILE (or accept --all)."));
  return damaged ? EXIT_PROBLEM : 0;
}

static const OptionSpec accept_specs[] = {
  { "all", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_accept (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  gboolean all;
  int      status = 0;

  if (!parse_args (argc, argv, accept_specs, &a, &status))
    return status;
  if (has_opt (&a, "passphrase-stdin"))
    g->passphrase_stdin = TRUE;
  all = has_opt (&a, "all");
  if (all == (a.positional->len > 0))
    return usage_error (_ ("accept needs the files to keep as they are (devices/DEVICE/FILE), or --all."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, FALSE, FALSE, &error);
  if (journal == NULL)
    return fail (error);
  if (all)
    {
      if (!hearth_journal_accept_file (journal, NULL, &error))
        return fail (error);
    }
  for (guint i = 0; i < a.positional->len; i++)
    if (!hearth_journal_accept_file (journal, g_ptr_array_index (a.positional, i), &error))
      return fail (error);
  g_print ("%s\n", _ ("Accepted: those files are kept as they are now."));
  return 0;
}
