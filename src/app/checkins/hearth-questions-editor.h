/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_QUESTIONS_EDITOR (hearth_questions_editor_get_type ())

G_DECLARE_FINAL_TYPE (HearthQuestionsEditor, hearth_questions_editor, HEARTH, QUESTIONS_EDITOR, AdwWindow)

GStrv hearth_checkin_dup_default_questions (void);
GStrv hearth_checkin_dup_questions (HearthJournal *journal);

HearthQuestionsEditor *hearth_questions_editor_new (HearthJournal *journal);
GStrv                  hearth_questions_editor_dup_questions (HearthQuestionsEditor *self);
void                   hearth_questions_editor_add (HearthQuestionsEditor *self,
                                                    const char            *question);
void                   hearth_questions_editor_set_text (HearthQuestionsEditor *self,
                                                         guint                  index,
                                                         const char            *question);
void                   hearth_questions_editor_move (HearthQuestionsEditor *self,
                                                     guint                  index,
                                                     int                    delta);
void                   hearth_questions_editor_remove (HearthQuestionsEditor *self,
                                                       guint                  index);
gboolean               hearth_questions_editor_save (HearthQuestionsEditor *self,
                                                     GError               **error);

G_END_DECLS
