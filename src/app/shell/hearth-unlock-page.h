/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_UNLOCK_PAGE (hearth_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthUnlockPage, hearth_unlock_page, HEARTH, UNLOCK_PAGE, GtkWidget)

GtkWidget     *hearth_unlock_page_new (void);
void           hearth_unlock_page_set_journal (HearthUnlockPage *self,
                                               HearthJournal    *journal);
HearthJournal *hearth_unlock_page_get_journal (HearthUnlockPage *self);
void           hearth_unlock_page_set_note (HearthUnlockPage *self,
                                            const char       *note);

G_END_DECLS
