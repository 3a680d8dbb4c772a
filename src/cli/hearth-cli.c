/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "hearth-vault.h"

#include "hearth-cli-private.h"

static const char usage_text[] = N_ (
  "Usage: hearth-cli [--journal DIR] COMMAND [ARGS]\n"
  "\n"
  "Commands:\n"
  "  init --name NAME --partner NAME --partner NAME [--me NAME]\n"
  "       [--passphrase-stdin | --no-passphrase] [--kdf moderate|interactive|min] [--remember]\n"
  "  join --me NAME\n"
  "  add entry --title T --body B [--mood M] [--tag T]... [--prompt ID] [--prompt-date DATE] [--reply-to ID]\n"
  "  add gratitude --text T [--date YYYY-MM-DD]\n"
  "  add ritual --title T --rrule RRULE --start YYYY-MM-DD [--time HH:MM]\n"
  "       [--duration MIN] [--remind-before MIN] [--type ritual|checkin]\n"
  "  edit ID [--title T] [--body B] [--text T] [--mood M] ...\n"
  "  delete ID\n"
  "  mark RITUAL-ID YYYY-MM-DD done|skipped [--note TEXT]\n"
  "  list entries|gratitude|rituals|occurrences|partners [--json]\n"
  "  occurrences RITUAL-ID --from YYYY-MM-DD --to YYYY-MM-DD [--json]\n"
  "  stats [--json]\n"
  "  search QUERY [--json]\n"
  "  reminders [--from WHEN] [--to WHEN] [--json]\n"
  "       (WHEN: YYYY-MM-DD, or an ISO 8601 date-time with or without offset;\n"
  "       default: the next seven days)\n"
  "  export --format markdown|html [--output FILE]\n"
  "  check\n"
  "  accept FILE... | accept --all\n"
  "       (keep files that went back to an older version or are missing as they are now)\n"
  "  passwd [--new-key]\n"
  "       (reads the current passphrase and the new one twice; --new-key also replaces\n"
  "       the key the journal is encrypted with, so the old passphrase and an old copy of\n"
  "       hearth-journal.json cannot read what is written from now on)\n"
  "  forget\n"
  "  backup [--list]\n"
  "       (copy the journal's files as they are, still encrypted, into\n"
  "       $XDG_DATA_HOME/hearth/backups; --list shows the backups kept)\n"
  "  restore --from DIR|YYYY-MM-DD [--dry-run]\n"
  "       (bring back what a backup holds and the journal lost, as new versions;\n"
  "       nothing written since the backup is changed)\n"
  "\n"
  "Commands that need the journal's key read it with --passphrase-stdin (one line),\n"
  "else from the keyring, else from a prompt on the terminal.\n"
  "\n"
  "Commands that change the journal (join, add, edit, delete, mark) first take\n"
  "sync-tool conflict copies of this computer's own files into those files and\n"
  "remove the copies. The others (list, occurrences, stats, search, reminders,\n"
  "export, check, accept) never write to the journal folder; accept changes\n"
  "only what this computer remembers.\n");

static const OptionSpec init_specs[] = {
  { "name", TRUE, FALSE },
  { "partner", TRUE, TRUE },
  { "me", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { "no-passphrase", FALSE, FALSE },
  { "kdf", TRUE, FALSE },
  { "remember", FALSE, FALSE },
  { NULL },
};
static const OptionSpec join_specs[] = {
  { "me", TRUE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
main (int    argc,
      char **argv)
{
  Global           g = { NULL, FALSE };
  g_autofree char *journal_path = NULL;
  const char      *localedir = g_getenv ("HEARTH_LOCALEDIR");
  const char      *command;
  int              i = 1;

  hearth_vault_protect_process ();
  /* A file size limit makes a write fail (EFBIG), like a full disk,
   * instead of ending the program. */
  signal (SIGXFSZ, SIG_IGN);
  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);
  setlocale (LC_ALL, "");
  /* HEARTH_LOCALEDIR: the translations of an uninstalled build (meson
   * devenv and the tests set it to <build>/po). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hearth-cli");

  /* Global options come before the command. */
  while (i < argc && g_str_has_prefix (argv[i], "--"))
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print ("%s", _ (usage_text));
          return 0;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("hearth-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[i], "--journal"))
        {
          if (i + 1 >= argc || *argv[i + 1] == '\0')
            return usage_error (_ ("--journal needs a folder."));
          g_free (journal_path);
          journal_path = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--journal="))
        {
          g_free (journal_path);
          journal_path = g_strdup (argv[i] + strlen ("--journal="));
          i++;
        }
      else if (g_str_equal (argv[i], "--passphrase-stdin"))
        {
          g.passphrase_stdin = TRUE;
          i++;
        }
      else
        return usage_error (_ ("unknown option %s."), argv[i]);
    }
  if (i >= argc)
    return usage_error (_ ("a command is missing."));
  if (journal_path == NULL)
    journal_path = default_journal_path ();
  g.journal_path = journal_path;
  command = argv[i++];
  argc -= i;
  argv += i;

  if (g_str_equal (command, "init") || g_str_equal (command, "join"))
    {
      g_auto(Args) a = { NULL };
      int status = 0;

      if (!parse_args (argc, argv, g_str_equal (command, "init") ? init_specs : join_specs, &a, &status))
        return status;
      if (has_opt (&a, "passphrase-stdin"))
        g.passphrase_stdin = TRUE;
      return g_str_equal (command, "init") ? cmd_init (&g, &a) : cmd_join (&g, &a);
    }
  if (g_str_equal (command, "add"))
    return cmd_add (&g, argc, argv);
  if (g_str_equal (command, "edit"))
    return cmd_edit (&g, argc, argv);
  if (g_str_equal (command, "delete"))
    return cmd_delete (&g, argc, argv);
  if (g_str_equal (command, "mark"))
    return cmd_mark (&g, argc, argv);
  if (g_str_equal (command, "list"))
    return cmd_list (&g, argc, argv);
  if (g_str_equal (command, "search"))
    return cmd_search (&g, argc, argv);
  if (g_str_equal (command, "occurrences"))
    return cmd_occurrences (&g, argc, argv);
  if (g_str_equal (command, "stats"))
    return cmd_stats (&g, argc, argv);
  if (g_str_equal (command, "reminders"))
    return cmd_reminders (&g, argc, argv);
  if (g_str_equal (command, "export"))
    return cmd_export (&g, argc, argv);
  if (g_str_equal (command, "check"))
    return cmd_check (&g, argc, argv);
  if (g_str_equal (command, "accept"))
    return cmd_accept (&g, argc, argv);
  if (g_str_equal (command, "passwd"))
    return cmd_passwd (&g, argc, argv);
  if (g_str_equal (command, "forget"))
    return cmd_forget (&g, argc, argv);
  if (g_str_equal (command, "backup"))
    return cmd_backup (&g, argc, argv);
  if (g_str_equal (command, "restore"))
    return cmd_restore (&g, argc, argv);
  if (g_str_equal (command, "help"))
    {
      g_print ("%s", _ (usage_text));
      return 0;
    }
  return usage_error (_ ("unknown command “%s”."), command);
}
