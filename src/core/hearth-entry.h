/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_ENTRY (hearth_entry_get_type ())

G_DECLARE_FINAL_TYPE (HearthEntry, hearth_entry, HEARTH, ENTRY, HearthRecord)

const char *hearth_entry_get_author (HearthEntry *self);
void        hearth_entry_set_author (HearthEntry *self,
                                     const char  *author);
const char *hearth_entry_get_title (HearthEntry *self);
void        hearth_entry_set_title (HearthEntry *self,
                                    const char  *title);
const char *hearth_entry_get_body (HearthEntry *self);
void        hearth_entry_set_body (HearthEntry *self,
                                   const char  *body);
const char *hearth_entry_get_mood (HearthEntry *self);
void        hearth_entry_set_mood (HearthEntry *self,
                                   const char  *mood);
GStrv       hearth_entry_dup_tags (HearthEntry *self);
void        hearth_entry_set_tags (HearthEntry       *self,
                                   const char *const *tags);
const char *hearth_entry_get_prompt (HearthEntry *self);
void        hearth_entry_set_prompt (HearthEntry *self,
                                     const char  *prompt);
const char *hearth_entry_get_prompt_date (HearthEntry *self);
void        hearth_entry_set_prompt_date (HearthEntry *self,
                                          const char  *prompt_date);
const char *hearth_entry_get_reply_to (HearthEntry *self);
void        hearth_entry_set_reply_to (HearthEntry *self,
                                       const char  *reply_to);

G_END_DECLS
