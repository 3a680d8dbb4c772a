/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "hearth-keyring.h"
#include "hearth-partner.h"

#include "hearth-cli-private.h"

int
cmd_init (Global *g, Args *a)
{
  GPtrArray      *partners = opt_all (a, "partner");
  const char     *name = opt (a, "name");
  const char     *me_name = opt (a, "me");
  const char     *kdf = opt (a, "kdf");
  HearthKdfPreset preset = HEARTH_KDF_MODERATE;
  const char     *names[2];
  guint           me = 0;
  g_autoptr(Secret) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;

  if (a->positional->len > 0)
    return usage_error (_ ("init takes no argument “%s”."), (char *) g_ptr_array_index (a->positional, 0));
  if (name == NULL || *name == '\0')
    return usage_error (_ ("init needs --name NAME."));
  if (partners == NULL || partners->len != 2)
    return usage_error (_ ("init needs --partner NAME twice, once for each partner."));
  names[0] = g_ptr_array_index (partners, 0);
  names[1] = g_ptr_array_index (partners, 1);
  if (*names[0] == '\0' || *names[1] == '\0')
    return usage_error (_ ("a partner’s name cannot be empty."));
  if (me_name != NULL)
    {
      if (g_str_equal (me_name, names[0]))
        me = 0;
      else if (g_str_equal (me_name, names[1]))
        me = 1;
      else
        return usage_error (_ ("--me must be one of the two --partner names."));
    }
  if (kdf != NULL && !hearth_kdf_preset_from_string (kdf, &preset))
    return usage_error (_ ("--kdf must be moderate, interactive or min."));
  if (g->passphrase_stdin && has_opt (a, "no-passphrase"))
    return usage_error (_ ("choose either --passphrase-stdin or --no-passphrase."));
  if (has_opt (a, "no-passphrase") && has_opt (a, "remember"))
    return usage_error (_ ("--remember needs a passphrase."));

  if (g->passphrase_stdin)
    {
      passphrase = read_line (stdin);
      if (passphrase == NULL || *passphrase == '\0')
        return usage_error (_ ("--passphrase-stdin found no passphrase on standard input."));
    }
  else if (!has_opt (a, "no-passphrase"))
    {
      g_autoptr(Secret) again = NULL;

      if (!have_terminal ())
        return usage_error (_ ("give a passphrase with --passphrase-stdin, or choose --no-passphrase."));
      passphrase = prompt_secret (_ ("New passphrase: "));
      again = prompt_secret (_ ("The same passphrase again: "));
      if (passphrase == NULL || *passphrase == '\0' || g_strcmp0 (passphrase, again) != 0)
        return usage_error (_ ("the passphrases are empty or do not match."));
    }

  journal = hearth_journal_create (g->journal_path, name, names, NULL, me, passphrase, preset, &error);
  if (journal == NULL)
    return fail (error);

  if (has_opt (a, "remember") &&
      !hearth_keyring_store_sync (hearth_journal_get_id (journal), passphrase, NULL, &error))
    g_printerr ("hearth-cli: %s %s\n", _ ("warning:"), error->message);

  g_print (_ ("Created the journal “%s” in %s for %s and %s.\n"), name,
           hearth_journal_get_path (journal), names[0], names[1]);
  g_print ("%s\n", hearth_journal_get_id (journal));
  return 0;
}

int
cmd_join (Global *g, Args *a)
{
  const char *me_name = opt (a, "me");
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthJournal) journal = NULL;
  HearthRecord *partner;

  if (me_name == NULL || a->positional->len > 0)
    return usage_error (_ ("join needs --me NAME and nothing else."));
  journal = open_journal (g->journal_path, g->passphrase_stdin, TRUE, TRUE, &error);
  if (journal == NULL)
    return fail (error);
  partner = find_partner_by_name (journal, me_name);
  if (partner == NULL)
    return usage_error (_ ("there is no partner called “%s” in this journal."), me_name);
  if (!hearth_journal_join (journal, hearth_record_get_id (partner), &error))
    return fail (error);
  g_print (_ ("This computer joined the journal as %s. Its device id is\n"), hearth_partner_get_name (HEARTH_PARTNER (partner)));
  g_print ("%s\n", hearth_journal_get_device_id (journal));
  return 0;
}
