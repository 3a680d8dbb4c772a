/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_PARTNERS_PAGE (hearth_partners_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthPartnersPage, hearth_partners_page, HEARTH, PARTNERS_PAGE, GtkWidget)

GtkWidget     *hearth_partners_page_new (HearthJournal *journal);
HearthJournal *hearth_partners_page_get_journal (HearthPartnersPage *self);
void           hearth_partners_page_flush (HearthPartnersPage *self);

G_END_DECLS
