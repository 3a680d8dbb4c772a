/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-checkin-flow.h"
#include "hearth-journal.h"
#include "hearth-questions-editor.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHECKINS_PAGE (hearth_checkins_page_get_type ())

G_DECLARE_FINAL_TYPE (HearthCheckinsPage, hearth_checkins_page, HEARTH, CHECKINS_PAGE, AdwBin)

GtkWidget             *hearth_checkins_page_new (HearthJournal *journal);
HearthJournal         *hearth_checkins_page_get_journal (HearthCheckinsPage *self);
HearthCheckinFlow     *hearth_checkins_page_start (HearthCheckinsPage *self);
HearthCheckinFlow     *hearth_checkins_page_get_flow (HearthCheckinsPage *self);
void                   hearth_checkins_page_flush (HearthCheckinsPage *self);
HearthQuestionsEditor *hearth_checkins_page_edit_questions (HearthCheckinsPage *self);

G_END_DECLS
