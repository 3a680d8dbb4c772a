/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_GRATITUDE_PAGE (hearth_gratitude_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthGratitudePage, hearth_gratitude_page, HEARTH, GRATITUDE_PAGE, GtkWidget)

GtkWidget     *hearth_gratitude_page_new (HearthJournal *journal);
HearthJournal *hearth_gratitude_page_get_journal (HearthGratitudePage *self);

G_END_DECLS
