/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hearth-record.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_ENTRY (hearth_entry_get_type ())

G_DECLARE_FINAL_TYPE (HearthEntry, hearth_entry, HEARTH, ENTRY, HearthRecord)

const char *hearth_entry_get_author (HearthEntry *self);
const char *hearth_entry_get_title (HearthEntry *self);
const char *hearth_entry_get_body (HearthEntry *self);
const char *hearth_entry_get_mood (HearthEntry *self);
GStrv       hearth_entry_dup_tags (HearthEntry *self);
const char *hearth_entry_get_prompt (HearthEntry *self);
const char *hearth_entry_get_prompt_date (HearthEntry *self);
const char *hearth_entry_get_reply_to (HearthEntry *self);

G_END_DECLS
