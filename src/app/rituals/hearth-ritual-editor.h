/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hearth-journal.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_RITUAL_EDITOR (hearth_ritual_editor_get_type ())

G_DECLARE_FINAL_TYPE (HearthRitualEditor, hearth_ritual_editor, HEARTH, RITUAL_EDITOR, AdwWindow)

HearthRitualEditor *hearth_ritual_editor_new (HearthJournal *journal,
                                              HearthRecord  *ritual);
HearthRecord       *hearth_ritual_editor_get_ritual (HearthRitualEditor *self);
guint               hearth_ritual_editor_get_n_suggestions (void);
void                hearth_ritual_editor_apply_suggestion (HearthRitualEditor *self,
                                                           guint               index);
char               *hearth_ritual_editor_dup_summary (HearthRitualEditor *self);
gboolean            hearth_ritual_editor_save (HearthRitualEditor *self,
                                               GError            **error);

G_END_DECLS
