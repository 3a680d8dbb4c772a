/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hearth_choose_folder (GtkFileChooserNative **chooser,
                           GtkWindow             *parent,
                           const char            *title,
                           const char            *accept,
                           gpointer               owner,
                           GCallback              chosen);

G_END_DECLS
