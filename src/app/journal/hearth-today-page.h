/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_TODAY_PAGE (hearth_today_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthTodayPage, hearth_today_page, HEARTH, TODAY_PAGE, GtkWidget)

GtkWidget     *hearth_today_page_new (HearthJournal *journal);
HearthJournal *hearth_today_page_get_journal (HearthTodayPage *self);
void           hearth_today_page_flush (HearthTodayPage *self);

G_END_DECLS
