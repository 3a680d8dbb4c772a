/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-folder-chooser.h"

/* Asking for a folder: the welcome's new and shared journal, the window's
 * Open and the preferences' Open Another Journal all ask the same way. */

typedef struct
{
  GtkFileChooserNative **chooser;
  gpointer               owner;
  GCallback              chosen;
} FolderChoice;

static void
folder_choice_free (gpointer  data,
                    GClosure *closure)
{
  g_free (data);
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             gpointer         data)
{
  FolderChoice *choice = data;
  gpointer      owner = choice->owner;
  void (*chosen) (gpointer, const char *) = (void (*) (gpointer, const char *)) choice->chosen;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  /* The owner may ask again from @chosen. */
  g_clear_object (choice->chooser);
  if (path != NULL)
    chosen (owner, path);
}

/**
 * hearth_choose_folder:
 * @chooser: (inout) (nullable): the owner's field for the chooser while it is
 *   open; nothing happens while it is set. The owner's dispose destroys it.
 * @parent: (nullable): the window the chooser is modal to
 * @title: the chooser's title
 * @accept: the label of its accepting button, e.g. "_Open"
 * @owner: the object that asks
 * @chosen: a `void chosen (Owner *owner, const char *path)`, called with a
 *   local folder once one is chosen; not when the chooser is cancelled, the
 *   folder is not on this computer, or @owner went away
 *
 * Asks for a folder.
 */
void
hearth_choose_folder (GtkFileChooserNative **chooser,
                      GtkWindow             *parent,
                      const char            *title,
                      const char            *accept,
                      gpointer               owner,
                      GCallback              chosen)
{
  FolderChoice *choice;
  GClosure     *closure;

  g_return_if_fail (chooser != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (chosen != NULL);

  if (*chooser != NULL)
    return;
  *chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                          accept, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (*chooser), TRUE);
  choice = g_new (FolderChoice, 1);
  choice->chooser = chooser;
  choice->owner = owner;
  choice->chosen = chosen;
  closure = g_cclosure_new (G_CALLBACK (on_response), choice, folder_choice_free);
  /* As g_signal_connect_object(): nothing is called for an owner gone. */
  g_object_watch_closure (G_OBJECT (owner), closure);
  g_signal_connect_closure (*chooser, "response", closure, FALSE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (*chooser));
}
