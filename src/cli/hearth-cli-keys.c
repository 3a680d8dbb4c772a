/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-keyring.h"

#include "hearth-cli-private.h"

static const OptionSpec passwd_specs[] = {
  { "new-key", FALSE, FALSE },
  { "passphrase-stdin", FALSE, FALSE },
  { NULL },
};

int
cmd_passwd (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  g_autoptr(Secret) old_pass = NULL;
  g_autoptr(Secret) new_pass = NULL;
  g_autoptr(Secret) again = NULL;
  g_autoptr(GError) keyring_error = NULL;
  char    *remembered;
  gboolean tty = have_terminal ();
  gboolean new_key;
  int      status = 0;

  if (!parse_args (argc, argv, passwd_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_ ("passwd takes no arguments."));
  new_key = has_opt (&a, "new-key");
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_journal_check_writable (journal, &error) &&
      g_error_matches (error, HEARTH_ERROR, HEARTH_ERROR_READ_ONLY))
    return fail (error);
  g_clear_error (&error);
  if (!hearth_journal_is_encrypted (journal))
    {
      g_printerr ("hearth-cli: %s\n", _ ("This journal has no passphrase to change."));
      return EXIT_PROBLEM;
    }

  old_pass = tty ? prompt_secret (_ ("Current passphrase: ")) : read_line (stdin);
  new_pass = tty ? prompt_secret (_ ("New passphrase: ")) : read_line (stdin);
  again = tty ? prompt_secret (_ ("The new passphrase again: ")) : read_line (stdin);
  if (old_pass == NULL || new_pass == NULL || again == NULL)
    return usage_error (_ ("passwd reads three lines: the current passphrase, the new one, and the new one again."));
  if (*new_pass == '\0')
    return usage_error (_ ("the new passphrase is empty."));
  if (!g_str_equal (new_pass, again))
    return usage_error (_ ("the two new passphrases differ; nothing was changed."));

  if (new_key ? !hearth_journal_rekey (journal, old_pass, new_pass, &error)
              : !hearth_journal_change_passphrase (journal, old_pass, new_pass, &error))
    return fail (error);

  remembered = hearth_keyring_lookup_sync (hearth_journal_get_id (journal), NULL, &keyring_error);
  if (remembered != NULL)
    {
      hearth_keyring_free_secret (remembered);
      if (!hearth_keyring_store_sync (hearth_journal_get_id (journal), new_pass, NULL, &keyring_error))
        g_printerr ("hearth-cli: %s %s\n", _ ("warning:"), keyring_error->message);
    }
  if (new_key)
    g_print ("%s\n", _ ("The passphrase was changed and the journal has a new key: what is written from now on cannot be read with the old passphrase. Each computer seals its own files again with the new key the next time it opens the journal."));
  else
    g_print ("%s\n", _ ("The passphrase was changed."));
  return 0;
}

int
cmd_forget (Global *g, int argc, char **argv)
{
  g_auto(Args) a = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  int status = 0;

  if (!parse_args (argc, argv, stdin_only_specs, &a, &status))
    return status;
  if (a.positional->len > 0)
    return usage_error (_ ("forget takes no arguments."));
  journal = hearth_journal_open (g->journal_path, &error);
  if (journal == NULL)
    return fail (error);
  if (!hearth_keyring_clear_sync (hearth_journal_get_id (journal), NULL, &error))
    return fail (error);
  g_print ("%s\n", _ ("The keyring no longer remembers this journal’s passphrase."));
  return 0;
}
