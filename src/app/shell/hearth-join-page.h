/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_JOIN_PAGE (hearth_join_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthJoinPage, hearth_join_page, HEARTH, JOIN_PAGE, GtkWidget)

GtkWidget     *hearth_join_page_new (void);
void           hearth_join_page_set_journal (HearthJoinPage *self,
                                             HearthJournal  *journal);
HearthJournal *hearth_join_page_get_journal (HearthJoinPage *self);

G_END_DECLS
