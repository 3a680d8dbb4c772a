/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_WELCOME (hearth_welcome_get_type ())

G_DECLARE_FINAL_TYPE (HearthWelcome, hearth_welcome, HEARTH, WELCOME, GtkWidget)

GtkWidget  *hearth_welcome_new (void);
void        hearth_welcome_set_settings (HearthWelcome *self,
                                         GSettings     *settings);
gboolean    hearth_welcome_get_can_go_back (HearthWelcome *self);
void        hearth_welcome_go_back (HearthWelcome *self);
void        hearth_welcome_reset (HearthWelcome *self);
void        hearth_welcome_set_folder (HearthWelcome *self,
                                       const char    *path);
const char *hearth_welcome_get_folder (HearthWelcome *self);
void        hearth_welcome_join (HearthWelcome *self,
                                 const char    *path);

G_END_DECLS
