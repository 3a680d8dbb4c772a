/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"
#include "hearth-ritual-editor.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUALS_PAGE (hearth_rituals_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitualsPage, hearth_rituals_page, HEARTH, RITUALS_PAGE, AdwBin)

GtkWidget          *hearth_rituals_page_new (HearthJournal *journal);
HearthJournal      *hearth_rituals_page_get_journal (HearthRitualsPage *self);
void                hearth_rituals_page_select_day (HearthRitualsPage *self,
                                                    const GDate       *date);
HearthRitualEditor *hearth_rituals_page_open_editor (HearthRitualsPage *self,
                                                     const char        *ritual_id);

G_END_DECLS
