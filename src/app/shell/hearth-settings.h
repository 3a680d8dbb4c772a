/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *hearth_settings_new (void);
char      *hearth_settings_dup_journal_folder (GSettings *settings);
void       hearth_settings_set_journal_folder (GSettings  *settings,
                                               const char *path);

G_END_DECLS
