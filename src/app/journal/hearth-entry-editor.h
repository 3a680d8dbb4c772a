/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hearth-journal.h"
#include "hearth-prompts.h"
#include "hearth-reply-index.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_ENTRY_EDITOR (hearth_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (HearthEntryEditor, hearth_entry_editor, HEARTH, ENTRY_EDITOR, GtkWidget)

GtkWidget  *hearth_entry_editor_new (HearthJournal    *journal,
                                     HearthReplyIndex *replies);
void        hearth_entry_editor_open (HearthEntryEditor *self,
                                      HearthRecord      *entry);
void        hearth_entry_editor_start_prompt (HearthEntryEditor  *self,
                                              const HearthPrompt *prompt);
const char *hearth_entry_editor_get_entry_id (HearthEntryEditor *self);
gboolean    hearth_entry_editor_is_own (HearthEntryEditor *self);
gboolean    hearth_entry_editor_is_dirty (HearthEntryEditor *self);
gboolean    hearth_entry_editor_flush (HearthEntryEditor *self);
void        hearth_entry_editor_show_reply_composer (HearthEntryEditor *self);
void        hearth_entry_editor_insert_template (HearthEntryEditor *self);
void        hearth_entry_editor_focus (HearthEntryEditor *self);
void        hearth_entry_editor_set_folded (HearthEntryEditor *self,
                                            gboolean           folded);
gboolean    hearth_text_blames (const char *text);

G_END_DECLS
