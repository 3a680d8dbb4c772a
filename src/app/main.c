/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "hearth-application.h"
#include "hearth-vault.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HearthApplication) app = NULL;
  const char *localedir = g_getenv ("HEARTH_LOCALEDIR");

  hearth_vault_protect_process ();
  setlocale (LC_ALL, "");
  /* HEARTH_LOCALEDIR: the translations of an uninstalled build (meson
   * devenv and the tests set it to <build>/po). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_ ("Hearth"));

  app = hearth_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
