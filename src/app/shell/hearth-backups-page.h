/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_BACKUPS_PAGE (hearth_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthBackupsPage, hearth_backups_page, HEARTH, BACKUPS_PAGE, AdwPreferencesPage)

GtkWidget *hearth_backups_page_new (HearthJournal *journal);
void       hearth_backups_page_refresh (HearthBackupsPage *self);

G_END_DECLS
